/*
 * cmd_output_worker.c - one of output's worksheet writers (internal).
 *
 * Started by `iireview output` (output_run, through procpool) with the
 * database and out folder of its run and the reviewers' score scale; takes
 * its jobs on stdin and answers on stdout (output_worker()).  It holds no
 * lock and opens the database read-only: the stage that started it holds
 * the lock and writes the records.  Not listed in `iireview --help`.
 */
#include "cli/cli.h"

#include "common/log.h"
#include "output/output.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>

static const char usage[] =
    "usage: iireview output-worker --db FILE --out DIR --score-max N\n"
    "\n"
    "Internal: one of the worksheet writers 'iireview output' starts.  Reads\n"
    "jobs \"<application id>\\t<path under DIR>\" on stdin, one per line, and\n"
    "answers \"ok\" or \"failed\" for each on stdout.\n";

struct worker_args {
	const char *out;
	double score_max;
	int have_score;
};

static int on_option(int c, const char *arg, void *ctx)
{
	struct worker_args *w = ctx;
	char *end;

	if (c != 's')
		return -1;
	errno = 0;
	w->score_max = strtod(arg, &end);
	if (errno || end == arg || *end || !isfinite(w->score_max) || w->score_max <= 0) {
		fprintf(stderr,
			"iireview output-worker: --score-max wants a positive number, not %s\n",
			arg);
		return -1;
	}
	w->have_score = 1;
	return 0;
}

static int worker_body(sqlite3 *db, void *ctx)
{
	const struct worker_args *w = ctx;

	return output_worker(db, w->out, w->score_max, getenv("TMPDIR"), stdin, stdout)
		   ? EXIT_FAILED
		   : EXIT_DONE;
}

int cmd_output_worker(int argc, char **argv)
{
	static const struct option extra[] = {
	    {"score-max", required_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	struct worker_args w = {NULL, 0, 0};
	struct cli_options o;
	int ret = cli_parse(argc, argv, &o, usage, extra, on_option, &w);

	if (!ret && !o.help && !(ret = cli_no_args(&o, "output-worker", usage))) {
		if (!w.have_score) {
			fprintf(stderr, "iireview output-worker: --score-max N is required\n%s",
				usage);
			ret = EXIT_USAGE;
		} else {
			w.out = o.out;
			ret = cli_with_report_db(&o, "output-worker", worker_body, &w);
		}
	}
	cli_options_release(&o);
	return ret;
}
