#include "cli/cli.h"

#include "common/db.h"
#include "common/lock.h"
#include "common/log.h"
#include "common/strbuf.h"
#include "output/output.h"

static const char usage[] =
    "usage: iireview output [--db FILE] [--out DIR] [--rules DIR] [--store DIR] [-v]\n"
    "\n"
    "Write the consolidated workbook summary.xlsx, one reviewer worksheet per\n"
    "application (worksheets/), one correction list per recommending unit\n"
    "(defects/) and one review packet per category (packets/) into the output\n"
    "folder.  Worksheets and correction lists whose sources did not change are\n"
    "left as they are; see docs/outputs.md.\n";

int cmd_output(int argc, char **argv)
{
	struct cli_options o;
	struct output_options opt;
	struct output_stats stats = {0};
	struct strbuf err = STRBUF_INIT;
	sqlite3 *db = NULL;
	int64_t run_id = -1;
	int ret, lock = -1;

	ret = cli_parse(argc, argv, &o, usage, NULL, NULL, NULL);
	if (ret || o.help || (ret = cli_no_args(&o, "output", usage)))
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
	run_id = db_run_begin(db, "output");
	opt.out_dir = o.out;
	opt.store_dir = o.store;
	opt.rules_dir = o.rules;
	ret = output_run(db, &opt, &stats) ? EXIT_FAILED : EXIT_DONE;
	info("output: %lld written, %lld unchanged, %lld removed", (long long)stats.written,
	     (long long)stats.skipped, (long long)stats.removed);
out:
	if (db)
		db_run_end(db, run_id, ret, -1, -1, -1, -1);
	db_close(db);
	lock_release(lock);
	strbuf_release(&err);
	cli_options_release(&o);
	return ret;
}
