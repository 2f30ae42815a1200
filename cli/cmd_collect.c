#include "cli/cli.h"

#include "collect/collect.h"
#include "common/db.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "output/output.h"

static const char usage[] =
    "usage: iireview collect DIR [--db FILE] [--out DIR] [--rules DIR] [--year YEAR]\n"
    "                        [--store DIR] [-v]\n"
    "\n"
    "Read the reviewers' returned worksheets: every .xlsx under DIR (also in\n"
    "sub-folders and inside .zip files), check each one (application, version\n"
    "stamp, reviewer, 核定意见, 评分, conflicts) and store its marks; a file with\n"
    "a problem is refused with a message naming the file and the cell.  Then\n"
    "rewrite summary.xlsx with the final ranking (评审结果) and the progress\n"
    "(评审进度).  Collecting the same files again changes nothing; see\n"
    "docs/review.md.  Not part of 'iireview run'.\n";

static int collect_body(sqlite3 *db, void *ctx)
{
	const struct cli_options *o = ctx;
	struct collect_options opt;
	struct collect_stats stats = {0};
	int64_t run_id;
	int ret;

	if (cli_keep_outputs(db, o, "collect"))
		return EXIT_USAGE;
	run_id = db_run_begin(db, "collect");

	opt.dir = o->args[0];
	opt.rules = &o->config;
	opt.store_dir = o->store;
	/* collect stores the ranking; output shows it (stages call no other stage). */
	ret = collect_run(db, &opt, &stats) || output_summary(db, o->out, &o->config) ? EXIT_FAILED
										      : EXIT_DONE;
	if (!ret && cli_report_stale(db))
		ret = EXIT_FAILED;
	/* The counts always: staff run this by hand and want to see what came in. */
	fprintf(stderr,
		"collect: %lld worksheets: %lld new, %lld replacing an earlier one, %lld "
		"unchanged, %lld ignored (older duplicate), %lld refused\n",
		(long long)stats.files, (long long)stats.accepted, (long long)stats.replaced,
		(long long)stats.unchanged, (long long)stats.ignored, (long long)stats.rejected);
	db_run_end(db, run_id, ret, stats.files, stats.accepted, -1, stats.rejected);
	return ret;
}

int cmd_collect(int argc, char **argv)
{
	struct cli_options o;
	int ret = cli_parse(argc, argv, &o, usage, NULL, NULL, NULL);

	if (ret || o.help)
		goto out;
	if (o.nargs != 1) {
		fprintf(stderr, "iireview collect: want one folder of returned worksheets\n%s",
			usage);
		ret = EXIT_USAGE;
	} else if (!is_dir(o.args[0])) {
		fprintf(stderr, "iireview collect: %s is not a folder\n", o.args[0]);
		ret = EXIT_USAGE;
	} else if (!(ret = cli_check_out(&o, "collect")) &&
		   !(ret = cli_load_config(&o, "collect"))) {
		ret = cli_with_db(&o, collect_body, &o);
	}
out:
	cli_options_release(&o);
	return ret;
}
