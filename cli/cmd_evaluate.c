#include "cli/cli.h"

#include "common/catalog.h"
#include "common/db.h"
#include "common/log.h"
#include "common/strbuf.h"
#include "evaluate/evaluate.h"
#include "evaluate/rules.h"

#include <getopt.h>
#include <malloc.h>
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

static int evaluate_body(sqlite3 *db, void *ctx)
{
	struct evaluate_stats stats;

	/*
	 * A process-wide setting, so the driver's, not the stage library's.
	 * Every verdict INSERT runs the CHECK (kind IN (...), result IN (...))
	 * constraints of the table, which SQLite codes as two ephemeral
	 * b-trees, each with a page cache of some 80 KiB that is freed again at
	 * the top of the heap.  With glibc's default trim threshold the heap
	 * shrank and grew back for every row, and each regrowth page-faulted:
	 * 386,000 faults and half the stage's CPU time for 642 applications.
	 * Freed memory up to 32 MiB stays with the process.
	 */
	mallopt(M_TRIM_THRESHOLD, 32 << 20);

	return evaluate_run(db, ctx, &stats) ? EXIT_FAILED : EXIT_DONE;
}

int cmd_evaluate(int argc, char **argv)
{
	struct cli_options o;
	struct catalog platform = {0}, factory = {0};
	struct rules rules;
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	const char *year = "2019";
	int have_rules = 0, ret;

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
	ret = cli_with_db(&o, evaluate_body, &rules);
out:
	if (have_rules)
		rules_release(&rules);
	catalog_release(&platform);
	catalog_release(&factory);
	strbuf_release(&path);
	strbuf_release(&err);
	cli_options_release(&o);
	return ret;
}
