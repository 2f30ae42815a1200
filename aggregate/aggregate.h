/*
 * aggregate.h - the fourth stage: rank the applications and count them.
 *
 * Input: the current bundles' applications with their assessments (written
 * by evaluate), their 附件5 rows (normalize) and their defects.  Output: the
 * rankings table, rewritten whole in one transaction, and in memory the
 * counts the output stage shows on its 总览 sheet.
 *
 * Ranking: inside each category (the recommended direction: 跨行业跨领域,
 * 行业级, 企业级, 重点培育, 标杆工厂; 不予推荐 is not ranked) by score
 * descending, then gates passed descending, then 申报编号 ascending, so that
 * the order never depends on the database's row order.  Ties in score and
 * gates still get distinct ranks: a review meeting needs a running order.
 *
 * Nothing here exits; failures are printed and returned as -1.
 */
#ifndef IIREVIEW_AGGREGATE_H
#define IIREVIEW_AGGREGATE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* The ranked categories, in the order every output shows them. */
#define AGG_NCATEGORIES 5
extern const char *const agg_categories[AGG_NCATEGORIES];
/* Index of a category name, or -1 (不予推荐, '' and anything else). */
int agg_category_index(const char *name);

/* At most this many clusters are read from clusters.txt (the notice has 13). */
#define AGG_MAXCLUSTERS 32

/* Rows of the unit tables: the 16 units in the notice's order, then one for bundles without a unit.
 */
#define AGG_NUNITS 17
/* Name of the extra row, also used for file names. */
#define AGG_UNKNOWN_UNIT "未识别推荐单位"

struct aggregate {
	/* counts[u][c]: recommended into category c; column AGG_NCATEGORIES is 不予推荐. */
	int64_t counts[AGG_NUNITS][AGG_NCATEGORIES + 1];
	int64_t applications[AGG_NUNITS]; /* every current application of the unit */
	int64_t defects[AGG_NUNITS];	  /* every defect of the unit's current bundle(s) */
	/* Distribution over the clusters of rules/<year>/clusters.txt (附件5 rows). */
	size_t nclusters;
	char *clusters[AGG_MAXCLUSTERS];
	int64_t cluster_counts[AGG_MAXCLUSTERS];
	int64_t cluster_none;  /* 否 or empty */
	int64_t cluster_other; /* a value that is no cluster */
};

/* Name of unit row u (0..AGG_NUNITS-1): a unit of units.h, or AGG_UNKNOWN_UNIT. */
const char *agg_unit_name(size_t u);
/* Row of a unit name (NULL or unknown: the last row). */
size_t agg_unit_row(const char *name);

/*
 * One application as ranking sees it.  app_no may be NULL (sorted last).
 */
struct agg_entry {
	int64_t application_id;
	int category; /* agg_category_index() */
	double score;
	int gates_passed;
	const char *app_no;
	int rank; /* set by agg_rank() */
};

/*
 * Sort entries by category, then the ranking order, and number them
 * 1, 2, ... inside each category.  Entries with category -1 end up last
 * with rank 0.
 */
void agg_rank(struct agg_entry *e, size_t n);

/*
 * Register the SQL function unit_order(name) on db: the unit's number in
 * the notice's order (1..16), 99 for NULL or an unknown name.  Both
 * stages sort by it.  0 or -1.
 */
int agg_register_sql(sqlite3 *db);

/*
 * Compute the counts into *agg (which the caller releases with
 * aggregate_release).  rules_dir holds <year>/clusters.txt; a missing file
 * is a configuration error (-1).
 */
int aggregate_load(sqlite3 *db, const char *rules_dir, struct aggregate *agg);
void aggregate_release(struct aggregate *agg);

struct aggregate_stats {
	int64_t ranked;	  /* applications given a rank */
	int64_t unranked; /* 不予推荐 or without an assessment */
};

/* Rewrite the rankings table in one transaction.  0 or -1 (nothing changed). */
int aggregate_rank_db(sqlite3 *db, struct aggregate_stats *stats);

#endif
