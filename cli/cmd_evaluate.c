#include "cli/cli.h"

#include "common/db.h"
#include "common/lock.h"
#include "common/log.h"
#include "common/strbuf.h"
#include "evaluate/evaluate.h"
#include "evaluate/rules.h"
#include "normalize/catalog.h"

#include <getopt.h>
#include <string.h>

static const char usage[] =
    "usage: iireview evaluate [--db FILE] [--rules DIR] [--year YEAR] [-v|-q]\n"
    "\n"
    "Apply the criteria of DIR/YEAR (default rules/2019: criteria.txt, score.txt,\n"
    "cultivation-2018.csv) to every application of the current bundles, from the\n"
    "normalized fields alone: verdicts, declared and recommended direction, score.\n"
    "Applications whose rules and fields are unchanged are skipped.  A malformed\n"
    "rules file is refused with file:line and the reason (exit 2), before anything\n"
    "is changed.\n";

enum { OPT_YEAR = 2000 };

static const struct option options[] = {
    {"year", required_argument, NULL, OPT_YEAR},
    {NULL, 0, NULL, 0},
};

static int on_option(int c, const char *arg, void *ctx)
{
	const char **year = ctx;

	if (c != OPT_YEAR || !*arg || strchr(arg, '/'))
		return -1;
	*year = arg;
	return 0;
}

int cmd_evaluate(int argc, char **argv)
{
	struct cli_options o;
	struct catalog platform = {0}, factory = {0};
	struct rules rules;
	struct evaluate_stats stats;
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	const char *year = "2019";
	int have_rules = 0, ret, lock = -1;
	sqlite3 *db = NULL;

	ret = cli_parse(argc, argv, &o, usage, options, on_option, &year);
	if (ret || o.help || (ret = cli_no_args(&o, "evaluate", usage)))
		goto out;
	/* Everything the rules need is checked before the lock and the database. */
	strbuf_addf(&path, "%s/fields/platform.tsv", o.rules);
	if (catalog_load(path.buf, &platform, &err) == 0) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/fields/factory.tsv", o.rules);
		catalog_load(path.buf, &factory, &err);
	}
	if (!err.len) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", o.rules, year);
		have_rules = rules_load(path.buf, &platform, &factory, &rules, &err) == 0;
	}
	if (!have_rules) {
		fprintf(stderr,
			"%s%siireview evaluate: the rules were refused; nothing was changed\n",
			err.buf, err.len && err.buf[err.len - 1] != '\n' ? "\n" : "");
		ret = EXIT_USAGE;
		goto out;
	}
	lock = cli_lock(&o);
	if (lock < -1) {
		ret = -lock;
		lock = -1;
		goto out;
	}
	if (db_open(o.db, &db, &err)) {
		error("%s", err.buf);
		ret = EXIT_FAILED;
		goto out;
	}
	ret = evaluate_run(db, &rules, &stats) ? EXIT_FAILED : EXIT_DONE;
out:
	db_close(db);
	lock_release(lock);
	if (have_rules)
		rules_release(&rules);
	catalog_release(&platform);
	catalog_release(&factory);
	strbuf_release(&path);
	strbuf_release(&err);
	cli_options_release(&o);
	return ret;
}
