/*
 * tally.h - the batch as the office counts it: the ranked categories, one
 * row per recommending unit, and the counts of the 总览 sheet.
 *
 * In common/ because stages read them from the database on their own:
 * aggregate ranks inside the categories and prints the counts, output
 * shows them, collect ranks the reviews by the same categories.  Nothing
 * here writes to the database.
 *
 * Nothing here exits; failures are printed and returned as -1.
 */
#ifndef IIREVIEW_TALLY_H
#define IIREVIEW_TALLY_H

#include "common/direction.h"

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* The ranked categories are the directions of common/direction.h (DIR_COUNT of them). */

/* At most this many clusters are read from clusters.txt (the notice has 13). */
#define AGG_MAXCLUSTERS 32

/* Rows of the unit tables: the 16 units in the notice's order, then one for bundles without a unit.
 */
#define AGG_NUNITS 17
/* Name of the extra row, also used for file names. */
#define AGG_UNKNOWN_UNIT "未识别推荐单位"

struct aggregate {
	/* counts[u][c]: recommended into category c; column DIR_COUNT is 不予推荐. */
	int64_t counts[AGG_NUNITS][DIR_COUNT + 1];
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
 * Register the SQL function unit_order(name) on db: the unit's number in
 * the notice's order (1..16), 99 for NULL or an unknown name.  Both
 * stages sort by it.  0 or -1.
 */
int agg_register_sql(sqlite3 *db);

/*
 * Compute the counts into *agg (which the caller releases with
 * aggregate_release), over the clusters of cfg.  -1 when cfg has more
 * than AGG_MAXCLUSTERS clusters or on a database failure (printed).
 */
struct rules_config;
int aggregate_load(sqlite3 *db, const struct rules_config *cfg, struct aggregate *agg);
void aggregate_release(struct aggregate *agg);

#endif
