/*
 * aggregate.h - the fourth stage: rank the applications and count them.
 *
 * Input: the current bundles' applications with their assessments (written
 * by evaluate), their 附件5 rows (normalize) and their defects.  Output: the
 * rankings table, rewritten whole in one transaction.  The categories and
 * the counts by unit and cluster are common/tally.h's: output reads them
 * from the database itself.
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

#include "common/tally.h"

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/*
 * One application as ranking sees it.  app_no may be NULL (sorted last).
 */
struct agg_entry {
	int64_t application_id;
	int category; /* direction_index() */
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

struct aggregate_stats {
	int64_t ranked;	  /* applications given a rank */
	int64_t unranked; /* 不予推荐 or without an assessment */
};

/* Rewrite the rankings table in one transaction.  0 or -1 (nothing changed). */
int aggregate_rank_db(sqlite3 *db, struct aggregate_stats *stats);

#endif
