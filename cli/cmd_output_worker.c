/*
 * cmd_output_worker.c - one of output's workers (internal).
 *
 * Started by `iireview output` (output_run, through procpool) with the
 * database, out folder and rules of its run; takes its jobs on stdin and
 * answers on stdout (output_worker()).  It holds no lock and opens the
 * database read-only: the stage that started it holds the lock and writes
 * the records.  Not listed in `iireview --help`.
 */
#include "cli/cli.h"

#include "output/output.h"

#include <stdlib.h>

static const char usage[] =
    "usage: iireview output-worker --db FILE --out DIR --rules DIR [--year YEAR]\n"
    "\n"
    "Internal: one of the workers 'iireview output' starts.  Reads jobs on\n"
    "stdin, one per line (\"<application id>\\t<path under DIR>\" for a\n"
    "worksheet, \"summary\" for summary.xlsx), and answers \"ok\" or \"failed\"\n"
    "for each on stdout.\n";

static int worker_body(sqlite3 *db, void *ctx)
{
	const struct cli_options *o = ctx;
	struct output_options opt = {0};

	opt.out_dir = o->out;
	opt.store_dir = o->store;
	opt.rules = &o->config;
	opt.tmpdir = getenv("TMPDIR");
	return output_worker(db, &opt, stdin, stdout) ? EXIT_FAILED : EXIT_DONE;
}

int cmd_output_worker(int argc, char **argv)
{
	struct cli_options o;
	int ret = cli_parse(argc, argv, &o, usage, NULL, NULL, NULL);

	if (!ret && !o.help && !(ret = cli_no_args(&o, "output-worker", usage)) &&
	    !(ret = cli_load_config(&o, "output-worker")))
		ret = cli_with_report_db(&o, "output-worker", worker_body, &o);
	cli_options_release(&o);
	return ret;
}
