#include "cli/cli.h"

#include "collect/collect.h"
#include "common/db.h"
#include "common/log.h"
#include "output/output.h"

#include <stdlib.h>

static const char usage[] =
    "usage: iireview output [--db FILE] [--out DIR] [--rules DIR] [--year YEAR] [--store DIR]\n"
    "                       [--packets] [-v]\n"
    "\n"
    "Write the consolidated workbook summary.xlsx, one reviewer worksheet per\n"
    "application (worksheets/) and one correction list per recommending unit\n"
    "(defects/) into the output folder; with --packets also one review packet\n"
    "per category (packets/: the worksheets and every original file, for the\n"
    "review meeting).  Worksheets, correction lists and packets whose sources\n"
    "did not change are left as they are; without --packets an outdated packet\n"
    "is removed rather than left stale.  See docs/outputs.md.\n";

static int output_body(sqlite3 *db, void *ctx)
{
	const struct cli_options *o = ctx;
	/* The workers: this binary again, on this run's database, folder and rules. */
	const char *const worker_argv[] = {"/proc/self/exe",
					   "output-worker",
					   "--db",
					   o->db,
					   "--out",
					   o->out,
					   "--rules",
					   o->rules,
					   "-q",
					   o->year ? "--year" : NULL,
					   o->year,
					   NULL};
	struct output_options opt;
	struct output_stats stats = {0};
	int64_t run_id;
	int ret;

	if (cli_keep_outputs(db, o, "output"))
		return EXIT_DONE;
	run_id = db_run_begin(db, "output");

	opt.out_dir = o->out;
	opt.store_dir = o->store;
	opt.rules = &o->config;
	opt.packets = o->packets;
	opt.jobs = cli_jobs();
	opt.worker_argv = worker_argv;
	opt.tmpdir = getenv("TMPDIR");
	/*
	 * collect's ranking first: an application changed since its reviews
	 * came back makes them stale, and output shows only what is stored.
	 */
	ret = review_board_store(db, &o->config) || output_run(db, &opt, &stats) ? EXIT_FAILED
										 : EXIT_DONE;
	if (!ret && cli_report_stale(db))
		ret = EXIT_FAILED;
	info("output: %lld written, %lld unchanged, %lld removed", (long long)stats.written,
	     (long long)stats.skipped, (long long)stats.removed);
	db_run_end(db, run_id, ret, -1, -1, -1, -1);
	return ret;
}

int cmd_output(int argc, char **argv)
{
	struct cli_options o;
	int ret = cli_parse(argc, argv, &o, usage, NULL, NULL, NULL);

	if (!ret && !o.help && !(ret = cli_no_args(&o, "output", usage)) &&
	    !(ret = cli_check_out(&o, "output")) && !(ret = cli_load_config(&o, "output")))
		ret = cli_with_db(&o, output_body, &o);
	cli_options_release(&o);
	return ret;
}
