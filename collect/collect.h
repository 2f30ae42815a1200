/*
 * collect.h - the reviewer round trip: read the returned worksheets back.
 *
 * The output stage writes one worksheet per application (评审表, see
 * docs/outputs.md); expert reviewers fill in their name (评审专家) and, per
 * criterion, 核定意见, 评分 and 备注, and send the files back, loose or in
 * zip files.  collect_run() reads every .xlsx under a folder (recursively,
 * and inside .zip files there), checks each file, and stores the marks of a
 * good one as a review: one per application and reviewer.  The bytes of
 * every file, good or bad, go into the store, so nothing received is lost;
 * from a bad file nothing else is stored.  See docs/review.md.
 *
 * The final ranking (review_board_load) is made from the reviews whose
 * version stamp is still the application's current one (common/stamp.h),
 * and stored in tables for output (review_board_store): collect calls no
 * other stage.
 *
 * Nothing here exits; failures of our own are printed and returned as -1.
 * Problems of a returned file are warnings naming the file and the cell.
 */
#ifndef IIREVIEW_COLLECT_H
#define IIREVIEW_COLLECT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf;

/* The problems a returned file can have; the code is stored in review_files.code. */
#define REVIEW_UNREADABLE   "REVIEW_UNREADABLE"		 /* not an .xlsx, or not a 评审表 */
#define REVIEW_UNKNOWN_APP  "REVIEW_UNKNOWN_APPLICATION" /* 申报编号 of no current application */
#define STALE_WORKSHEET	    "STALE_WORKSHEET" /* 版本标识 is not the application's current one */
#define REVIEW_ROWS_CHANGED "REVIEW_ROWS_CHANGED"    /* criteria rows added, removed or moved */
#define REVIEW_NO_REVIEWER  "REVIEW_NO_REVIEWER"     /* 评审专家 left empty */
#define REVIEW_OPINION	    "REVIEW_OPINION_INVALID" /* 核定意见 not 符合/不符合/待核实 */
#define REVIEW_SCORE	    "REVIEW_SCORE_INVALID"   /* 评分 not a number, or out of range */
#define REVIEW_NO_SCORES    "REVIEW_NO_SCORES"	     /* not one 评分 given */
#define REVIEW_CONFLICT	    "REVIEW_CONFLICT"	     /* reviewer of the applicant's own unit */
#define REVIEW_DUPLICATE    "REVIEW_DUPLICATE"	     /* same reviewer twice: not a rejection */

/* One criteria row as the reviewer left it. */
struct review_mark {
	unsigned row;	/* 0-based sheet row */
	char *clause;	/* 条款 as printed */
	char *opinion;	/* 核定意见, trimmed; NULL when empty */
	char *score;	/* 评分 as text; NULL when empty */
	char *remark;	/* 备注; NULL when empty */
	int score_type; /* enum xlsx_type of the score cell */
};

/* What one returned worksheet holds. */
struct review_sheet {
	char *app_no, *stamp, *reviewer; /* NULL when the cell is empty */
	/* The cells they were read from ("B3"); "" when the label was not found. */
	char app_no_cell[16], stamp_cell[16], reviewer_cell[16];
	/* Columns of the criteria table, 0-based; -1 until the header row is found. */
	int col_clause, col_opinion, col_score, col_remark;
	struct review_mark *marks;
	size_t n, alloc;
};

/*
 * Read the 评审表 sheet of the .xlsx at path into *ws (released with
 * review_sheet_release even on failure).  0, or -1 with one line in err
 * when the file is no workbook or has no 申报编号 / criteria header (a
 * REVIEW_UNREADABLE problem).
 */
int review_sheet_read(const char *path, struct review_sheet *ws, struct strbuf *err);
void review_sheet_release(struct review_sheet *ws);

/*
 * A reviewer and a unit they must not review (rules/<year>/conflicts.txt,
 * "name<TAB>unit" lines, # comments).  The unit is compared with both the
 * application's 推荐单位 and its enterprise name.
 */
struct review_conflicts {
	char **name, **unit;
	size_t n;
};

/* The review settings: score.txt's (through the rules configuration) and conflicts.txt. */
struct review_rules {
	double spread;	  /* disagreement_spread: max - min above it is flagged */
	int required;	  /* required_reviews: fewer is incomplete */
	double score_max; /* review_score_max: the largest 评分 of one criterion */
	struct review_conflicts conflicts;
};

/*
 * Load *r from cfg and cfg->dir/conflicts.txt (missing: no conflicts).
 * 0, or -1 (message printed).
 */
struct rules_config;
int review_rules_load(const struct rules_config *cfg, struct review_rules *r);
void review_rules_release(struct review_rules *r);

/*
 * Check ws against the database: application, stamp, rows, name, marks,
 * conflicts.  Appends one line per problem, "CELL: reason (CODE)", to
 * problems; *code receives the first problem's code (NULL when none).
 * *app_id receives the current application.  0 when checked (problems or
 * not), -1 on a database failure.
 */
int review_check(sqlite3 *db, const struct review_rules *r, const struct review_sheet *ws,
		 int64_t *app_id, const char **code, struct strbuf *problems);

struct collect_options {
	const char *dir; /* the folder of returned worksheets */
	const struct rules_config *rules;
	const char *store_dir; /* the content-addressed store */
};

struct collect_stats {
	int64_t files;	   /* worksheets seen, zip entries included */
	int64_t unchanged; /* collected before (same SHA-256): skipped */
	int64_t accepted;  /* new reviews stored */
	int64_t replaced;  /* earlier reviews of the same reviewer replaced by a later file */
	int64_t ignored;   /* files older than the same reviewer's review already held */
	int64_t rejected;  /* files with a problem: only their bytes kept */
};

/*
 * Collect every worksheet under opt->dir, each file in its own transaction
 * (oldest first: by mtime, then path), then store the final ranking
 * (review_board_store); the driver rewrites summary.xlsx from it.
 * Collecting the same files again changes nothing.  0, or -1 on a failure
 * of our own (the files before it stay collected).
 */
int collect_run(sqlite3 *db, const struct collect_options *opt, struct collect_stats *stats);

/* ---- the final ranking ---- */

struct review_result {
	int64_t application_id;
	char *app_no, *enterprise, *unit; /* unit NULL when unknown */
	int category;			  /* direction_index of the recommended direction, -1 */
	double auto_score;		  /* assessments.score: the tiebreak */
	int reviews;			  /* reviews with the current stamp */
	double mean, median, min, max;	  /* of their totals; 0 without reviews */
	int complete;			  /* reviews >= required */
	int discuss;			  /* max - min > spread */
	int rank;			  /* 1.. inside the category when complete, else 0 */
	char *reviewers;		  /* names, "、"-separated, sorted */
};

struct review_person {
	char *name;
	int64_t current; /* reviews counted */
	int64_t stale;	 /* reviews of an application that changed since */
};

struct review_board {
	struct review_result *r; /* by category, complete before incomplete, then rank order */
	size_t n;
	struct review_person *p; /* by name */
	size_t np;
	double spread;
	int required;
	int64_t reviews; /* every current review row, counted or stale */
};

/*
 * Build the final ranking of every current application from the reviews
 * (docs/review.md): inside each category by mean reviewer total
 * descending, then the automatic score descending, then 申报编号.  0 or -1.
 */
int review_board_load(sqlite3 *db, const struct rules_config *cfg, struct review_board *b);
void review_board_release(struct review_board *b);

/*
 * Rewrite review_results and review_people from review_board_load, in one
 * transaction (both emptied while no review is current).  collect_run does
 * it after the files; the driver again before output, since a changed
 * application makes its reviews stale.  0 or -1 (nothing changed).
 */
int review_board_store(sqlite3 *db, const struct rules_config *cfg);

#endif
