#include "cli/cli.h"

#include "collect/collect.h"
#include "common/db.h"
#include "common/fsutil.h"
#include "common/lock.h"
#include "common/log.h"
#include "common/strbuf.h"

static const char usage[] =
    "usage: iireview collect DIR [--db FILE] [--out DIR] [--rules DIR] [--store DIR] [-v]\n"
    "\n"
    "Read the reviewers' returned worksheets: every .xlsx under DIR (also in\n"
    "sub-folders and inside .zip files), check each one (application, version\n"
    "stamp, reviewer, 核定意见, 评分, conflicts) and store its marks; a file with\n"
    "a problem is refused with a message naming the file and the cell.  Then\n"
    "rewrite summary.xlsx with the final ranking (评审结果) and the progress\n"
    "(评审进度).  Collecting the same files again changes nothing; see\n"
    "docs/review.md.  Not part of 'iireview run'.\n";

int cmd_collect(int argc, char **argv)
{
	struct cli_options o;
	struct collect_options opt;
	struct collect_stats stats = {0};
	struct strbuf err = STRBUF_INIT;
	sqlite3 *db = NULL;
	int64_t run_id = -1;
	int ret, lock = -1;

	ret = cli_parse(argc, argv, &o, usage, NULL, NULL, NULL);
	if (ret || o.help)
		goto out;
	if (o.nargs != 1) {
		fprintf(stderr, "iireview collect: want one folder of returned worksheets\n%s",
			usage);
		ret = EXIT_USAGE;
		goto out;
	}
	if (!is_dir(o.args[0])) {
		fprintf(stderr, "iireview collect: %s is not a folder\n", o.args[0]);
		ret = EXIT_USAGE;
		goto out;
	}
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
	run_id = db_run_begin(db, "collect");
	opt.dir = o.args[0];
	opt.rules_dir = o.rules;
	opt.store_dir = o.store;
	opt.out_dir = o.out;
	ret = collect_run(db, &opt, &stats) ? EXIT_FAILED : EXIT_DONE;
	/* The counts always: staff run this by hand and want to see what came in. */
	fprintf(stderr,
		"collect: %lld worksheets: %lld new, %lld replacing an earlier one, %lld "
		"unchanged, %lld ignored (older duplicate), %lld refused\n",
		(long long)stats.files, (long long)stats.accepted, (long long)stats.replaced,
		(long long)stats.unchanged, (long long)stats.ignored, (long long)stats.rejected);
out:
	if (db)
		db_run_end(db, run_id, ret, stats.files, stats.accepted, -1, stats.rejected);
	db_close(db);
	lock_release(lock);
	strbuf_release(&err);
	cli_options_release(&o);
	return ret;
}
