#include "cli/cli.h"

#include "aggregate/aggregate.h"
#include "common/db.h"
#include "common/log.h"

static const char usage[] =
    "usage: iireview aggregate [--db FILE] [--rules DIR] [--year YEAR] [-v]\n"
    "\n"
    "Rank the current applications inside each recommended category (score,\n"
    "then gates passed, then 申报编号) and count them by recommending unit,\n"
    "category and cluster.  The rankings table is rewritten in one transaction.\n";

/*
 * The counts by unit and category, for the operator (the workbook has them
 * too): a -v detail like every other event of a stage, so on stderr; stdout
 * carries only what report commands answer (status, history).
 */
static void print_counts(const struct aggregate *agg)
{
	cli_print_padded(stderr, "推荐单位", 16);
	for (int c = 0; c < DIR_COUNT; c++)
		cli_print_padded(stderr, direction_names[c], 14);
	cli_print_padded(stderr, DIRECTION_REJECTED, 10);
	fputs("问题\n", stderr);
	for (size_t u = 0; u < AGG_NUNITS; u++) {
		if (!agg->applications[u] && !agg->defects[u])
			continue;
		cli_print_padded(stderr, agg_unit_name(u), 16);
		for (int c = 0; c <= DIR_COUNT; c++)
			fprintf(stderr, "%-*lld", c < DIR_COUNT ? 14 : 10,
				(long long)agg->counts[u][c]);
		fprintf(stderr, "%lld\n", (long long)agg->defects[u]);
	}
}

static int aggregate_body(sqlite3 *db, void *ctx)
{
	const struct cli_options *o = ctx;
	struct aggregate_stats stats;
	struct aggregate agg;
	int64_t run_id = db_run_begin(db, "aggregate");
	int ret = EXIT_DONE;

	if (aggregate_rank_db(db, &stats)) {
		ret = EXIT_FAILED;
	} else if (aggregate_load(db, &o->config, &agg)) {
		ret = EXIT_USAGE;
	} else {
		info("aggregate: %lld ranked, %lld not ranked", (long long)stats.ranked,
		     (long long)stats.unranked);
		if (o->verbose)
			print_counts(&agg);
		aggregate_release(&agg);
	}
	db_run_end(db, run_id, ret, -1, -1, ret ? -1 : stats.ranked + stats.unranked, -1);
	return ret;
}

int cmd_aggregate(int argc, char **argv)
{
	struct cli_options o;
	int ret = cli_parse(argc, argv, &o, usage, NULL, NULL, NULL);

	if (!ret && !o.help && !(ret = cli_no_args(&o, "aggregate", usage)) &&
	    !(ret = cli_load_config(&o, "aggregate")))
		ret = cli_with_db(&o, aggregate_body, &o);
	cli_options_release(&o);
	return ret;
}
