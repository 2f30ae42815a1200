/*
 * output.h - the last stage: the workbooks and packets the office hands on.
 *
 * Under opt->out_dir (see docs/outputs.md for every column):
 *   summary.xlsx                    the consolidated workbook (rewritten when what it reads
 * changed) worksheets/<推荐单位>/<申报编号>.xlsx  one reviewer worksheet per application
 *   defects/<推荐单位>.xlsx           the correction list of one unit
 *   packets/<category>.zip          one review packet per ranked category (always rewritten)
 *
 * Every file is written under a temporary name in its final folder and
 * renamed into place, so out/ never holds a half-written file.  The
 * outputs table records the digest of what each per-application and
 * per-unit file was made from; a rerun skips those whose digest is
 * unchanged and whose file is still there.  Files are created 0640 and
 * folders 0750 (they hold contacts and mobiles).
 *
 * Every text that came from a form is written as a string cell, never a
 * formula, whatever its first character: the forms are not ours to run.
 *
 * Nothing here exits; failures are printed and returned as -1.
 */
#ifndef IIREVIEW_OUTPUT_H
#define IIREVIEW_OUTPUT_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

struct rules_config;

struct output_options {
	const char *out_dir;		  /* created when missing */
	const char *store_dir;		  /* the content-addressed store of original files */
	const struct rules_config *rules; /* clusters, the reviewers' score scale */
	/*
	 * Build the review packets.  They copy every original of a category,
	 * gigabytes in a provincial batch, and are wanted for the review
	 * meeting, not at every cron run: without this flag a packet whose
	 * sources are unchanged is kept and an outdated one is removed, so
	 * that out/packets never holds a stale packet.
	 */
	int packets;
	/*
	 * The worksheets are written by this many worker processes (0: one
	 * per online processor, 1: none, all in this process), each started
	 * as worker_argv (NULL: none), and the summary workbook by one more
	 * beside them; see output_worker().  A batch too small to repay a
	 * worker's start is written here.
	 */
	int jobs;
	const char *const *worker_argv;
	const char *tmpdir; /* TMPDIR, or NULL: the scratch folder (xl.h) */
};

struct output_stats {
	int64_t written; /* files written this run */
	int64_t skipped; /* per-application or per-unit files left as they were */
	int64_t removed; /* files of applications or units that are gone */
};

/* Run the stage: 0, or -1 on a failure of our own (message printed). */
int output_run(sqlite3 *db, const struct output_options *opt, struct output_stats *stats);

/*
 * A worker of output_run(), started as opt->worker_argv: reads jobs one
 * per line from in, "<application id>\t<path relative to out_dir>" for a
 * worksheet (out_worksheet(), its folder made 0750) or "summary" for
 * summary.xlsx, and answers "ok" or "failed" on out, one line per job in
 * order, flushed.  db is its own connection (read-only does); opt gives
 * out_dir, rules and tmpdir.  Returns 0 at the end of in, -1 when out
 * cannot be written (the stage gone).
 */
int output_worker(sqlite3 *db, const struct output_options *opt, FILE *in, FILE *out);

/*
 * Display width of UTF-8 text in Excel's column units, as a fixed-width
 * font shows it: CJK ideographs, full-width forms and their punctuation
 * count 2, everything else 1; the widest line when the text has several.
 */
int output_display_width(const char *s);
/*
 * The lines s takes wrapped in a column with room for `room` digits: each
 * of its own lines ('\n') at least one, a long one as many as its width
 * needs (with a tenth to spare for breaks between words).  0 for "".
 */
int output_text_lines(const char *s, int room);

/*
 * Rewrite out_dir/summary.xlsx alone (the driver, once collect has stored
 * the reviews' ranking); rules as for output_run.  0 or -1.
 */
int output_summary(sqlite3 *db, const char *out_dir, const struct rules_config *rules);

#endif
