#include "cli/cli.h"

#include "aggregate/aggregate.h"
#include "common/db.h"
#include "common/lock.h"
#include "common/log.h"
#include "common/strbuf.h"

static const char usage[] =
    "usage: iireview aggregate [--db FILE] [--rules DIR] [-v]\n"
    "\n"
    "Rank the current applications inside each recommended category (score,\n"
    "then gates passed, then 申报编号) and count them by recommending unit,\n"
    "category and cluster.  The rankings table is rewritten in one transaction.\n";

/* The counts by unit and category, for the operator (the workbook has them too). */
static void print_counts(const struct aggregate *agg)
{
	cli_print_padded(stdout, "推荐单位", 16);
	for (int c = 0; c < AGG_NCATEGORIES; c++)
		cli_print_padded(stdout, agg_categories[c], 14);
	cli_print_padded(stdout, "不予推荐", 10);
	fputs("问题\n", stdout);
	for (size_t u = 0; u < AGG_NUNITS; u++) {
		if (!agg->applications[u] && !agg->defects[u])
			continue;
		cli_print_padded(stdout, agg_unit_name(u), 16);
		for (int c = 0; c <= AGG_NCATEGORIES; c++)
			printf("%-*lld", c < AGG_NCATEGORIES ? 14 : 10,
			       (long long)agg->counts[u][c]);
		printf("%lld\n", (long long)agg->defects[u]);
	}
}

int cmd_aggregate(int argc, char **argv)
{
	struct cli_options o;
	struct aggregate_stats stats;
	struct aggregate agg;
	struct strbuf err = STRBUF_INIT;
	sqlite3 *db = NULL;
	int64_t run_id = -1;
	int ret, lock = -1;

	ret = cli_parse(argc, argv, &o, usage, NULL, NULL, NULL);
	if (ret || o.help || (ret = cli_no_args(&o, "aggregate", usage)))
		goto out;
	lock = cli_lock(&o);
	if (lock < -1) {
		ret = -lock;
		goto out;
	}
	if (db_open(o.db, &db, &err)) {
		error("%s", err.buf);
		ret = EXIT_FAILED;
		goto out;
	}
	run_id = db_run_begin(db, "aggregate");
	if (aggregate_rank_db(db, &stats)) {
		ret = EXIT_FAILED;
		goto out;
	}
	if (aggregate_load(db, o.rules, &agg)) {
		ret = EXIT_USAGE;
		goto out;
	}
	info("aggregate: %lld ranked, %lld not ranked", (long long)stats.ranked,
	     (long long)stats.unranked);
	if (o.verbose)
		print_counts(&agg);
	aggregate_release(&agg);
	ret = EXIT_DONE;
out:
	if (db)
		db_run_end(db, run_id, ret, -1, -1, ret ? -1 : stats.ranked + stats.unranked, -1);
	db_close(db);
	lock_release(lock);
	strbuf_release(&err);
	cli_options_release(&o);
	return ret;
}
