#include "cli/cli.h"

#include "common/db.h"
#include "common/log.h"
#include "output/output.h"

static const char usage[] =
    "usage: iireview output [--db FILE] [--out DIR] [--rules DIR] [--store DIR] [-v]\n"
    "\n"
    "Write the consolidated workbook summary.xlsx, one reviewer worksheet per\n"
    "application (worksheets/), one correction list per recommending unit\n"
    "(defects/) and one review packet per category (packets/) into the output\n"
    "folder.  Worksheets and correction lists whose sources did not change are\n"
    "left as they are; see docs/outputs.md.\n";

static int output_body(sqlite3 *db, void *ctx)
{
	const struct cli_options *o = ctx;
	struct output_options opt;
	struct output_stats stats = {0};
	int64_t run_id = db_run_begin(db, "output");
	int ret;

	opt.out_dir = o->out;
	opt.store_dir = o->store;
	opt.rules_dir = o->rules;
	ret = output_run(db, &opt, &stats) ? EXIT_FAILED : EXIT_DONE;
	info("output: %lld written, %lld unchanged, %lld removed", (long long)stats.written,
	     (long long)stats.skipped, (long long)stats.removed);
	db_run_end(db, run_id, ret, -1, -1, -1, -1);
	return ret;
}

int cmd_output(int argc, char **argv)
{
	struct cli_options o;
	int ret = cli_parse(argc, argv, &o, usage, NULL, NULL, NULL);

	if (!ret && !o.help && !(ret = cli_no_args(&o, "output", usage)))
		ret = cli_with_db(&o, output_body, &o);
	cli_options_release(&o);
	return ret;
}
