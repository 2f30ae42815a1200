#include "cli/cli.h"

#include "common/db.h"
#include "common/lock.h"
#include "common/log.h"
#include "common/strbuf.h"
#include "normalize/normalize.h"

static const char usage[] =
    "usage: iireview normalize [--db FILE] [--rules DIR] [--store DIR] [--corrections FILE] [-v]\n"
    "\n"
    "Read every application form and 附件5 table of the current bundles into typed\n"
    "fields (raw text kept beside each value), with a defect for every field that\n"
    "is missing or unreadable.  Field catalogues: DIR/fields/*.tsv; blank forms:\n"
    "DIR/templates/.  Bundles already read with the same catalogues are skipped.\n"
    "Staff corrections (default: corrections.csv beside the database; columns\n"
    "申报编号,字段,更正值,原因,更正人,日期) replace single fields; the form's own text\n"
    "is kept beside them.  See docs/corrections.md.\n";

int cmd_normalize(int argc, char **argv)
{
	struct cli_options o;
	struct normalize_options opt;
	struct normalize_stats stats;
	struct strbuf err = STRBUF_INIT;
	sqlite3 *db = NULL;
	int ret, lock, r;

	ret = cli_parse(argc, argv, &o, usage, NULL, NULL, NULL);
	if (ret || o.help || (ret = cli_no_args(&o, "normalize", usage)))
		goto out;
	lock = cli_lock(&o);
	if (lock < -1) {
		ret = -lock;
		goto out;
	}
	if (db_open(o.db, &db, &err)) {
		error("%s", err.buf);
		ret = EXIT_FAILED;
	} else {
		opt.rules_dir = o.rules;
		opt.store_dir = o.store;
		opt.corrections = o.corrections;
		r = normalize_run(db, &opt, &stats);
		ret = r == NORMALIZE_CONFIG_ERROR ? EXIT_USAGE : r ? EXIT_FAILED : EXIT_DONE;
	}
	db_close(db);
	lock_release(lock);
out:
	strbuf_release(&err);
	cli_options_release(&o);
	return ret;
}
