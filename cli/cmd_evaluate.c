#include "cli/cli.h"

#include "common/db.h"
#include "common/log.h"
#include "common/strbuf.h"
#include "evaluate/evaluate.h"
#include "evaluate/rules.h"

#include <malloc.h>
#include <string.h>

static const char usage[] =
    "usage: iireview evaluate [--db FILE] [--rules DIR] [--year YEAR] [-v|-q]\n"
    "\n"
    "Apply the criteria of DIR/YEAR (default rules/2019: criteria.txt, score.txt,\n"
    "clusters.txt, cultivation-2018.csv) to every application of the current bundles, from the\n"
    "normalized fields alone: verdicts, declared and recommended direction, score.\n"
    "Applications whose rules and fields are unchanged are skipped.  A malformed\n"
    "rules file is refused with file:line and the reason (exit 2), before anything\n"
    "is changed.\n";

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
	struct rules rules;
	struct strbuf err = STRBUF_INIT;
	int ret;

	ret = cli_parse(argc, argv, &o, usage, NULL, NULL, NULL);
	if (ret || o.help || (ret = cli_no_args(&o, "evaluate", usage)) ||
	    (ret = cli_load_config(&o, "evaluate")))
		goto out;
	/* Everything the rules need is checked before the lock and the database. */
	if (rules_load(&o.config, &rules, &err)) {
		fprintf(stderr,
			"%s%siireview evaluate: the rules were refused; nothing was changed\n",
			err.buf, err.len && err.buf[err.len - 1] != '\n' ? "\n" : "");
		ret = EXIT_USAGE;
		goto out;
	}
	ret = cli_with_db(&o, evaluate_body, &rules);
	rules_release(&rules);
out:
	strbuf_release(&err);
	cli_options_release(&o);
	return ret;
}
