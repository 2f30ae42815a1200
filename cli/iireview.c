/*
 * iireview.c - the driver: find the subcommand in the table and run it.
 */
#include "cli/cli.h"

#include "common/db.h"
#include "common/ooxml.h"
#include "common/xalloc.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
    {"run", cmd_run, "run every stage in order, each as its own process"},
    {"ingest", cmd_ingest, "read the bundles in the inbox into the store and database"},
    {"normalize", cmd_normalize, "read every form and 附件5 table into typed, checked fields"},
    {"evaluate", cmd_evaluate, "apply the criteria of rules/<year> to every application"},
    {"history", cmd_history, "show every version of one application and what changed"},
    {"status", cmd_status, "show each unit's current bundle, its files and defects"},
    {"aggregate", cmd_aggregate, "rank the applications in each category and count them"},
    {"output", cmd_output, "write the summary workbook, worksheets, defect lists, packets"},
    {"collect", cmd_collect, "read the reviewers' returned worksheets into the final ranking"},
    {"withdraw", cmd_withdraw, "take a unit's bundle out of the batch on purpose, with a reason"},
    /* Internal (no summary: not listed): output's worksheet writers. */
    {"output-worker", cmd_output_worker, NULL},
};

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(name, commands[i].name))
			return &commands[i];
	return NULL;
}

static void usage(FILE *f)
{
	fputs("usage: iireview <command> [options]\n\ncommands:\n", f);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (commands[i].summary)
			fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\ncommon options:\n"
	      "  --inbox DIR   the folder of bundles (default ./inbox)\n"
	      "  --db FILE     the database (default ./iireview.db)\n"
	      "  --out DIR     the output folder (default ./out)\n"
	      "  --rules DIR   the criteria and catalogues (default ./rules)\n"
	      "  --store DIR   the store of original files (default: store/ beside the database)\n"
	      "  --corrections FILE  staff corrections (default: corrections.csv beside the "
	      "database)\n"
	      "  --packets     output also builds the review packets (out/packets/)\n"
	      "  -v, --verbose, -q, --quiet, -h, --help;  iireview --version\n"
	      "\nexit codes: 0 done (defects are data), 1 a failure of our own or an "
	      "interrupted run,\n            2 usage or configuration error (nothing changed), "
	      "3 another run\n            holds the lock\n"
	      "\n'iireview <command> --help' describes one command.\n",
	      f);
}

int main(int argc, char **argv)
{
	const struct command *cmd;

	/*
	 * Names inside archives are converted through the locale; under cron
	 * it is often "C", which would garble Chinese names.  Always UTF-8.
	 */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	/*
	 * libarchive converts every zip entry's DOS time through localtime(),
	 * and glibc without TZ looks at /etc/localtime again each time (some
	 * thirty stat calls a form).  Naming that same file keeps local time
	 * as it is and lets glibc read it once.
	 */
	if (!getenv("TZ"))
		setenv("TZ", ":/etc/localtime", 0);
	/* Every part through expat, to compare outputs with the fast path's. */
	if (getenv("IIREVIEW_XML_EXPAT"))
		ooxml_set_fast_path(0);
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("iireview %s (database schema %d)\n", IIREVIEW_VERSION, DB_SCHEMA_VERSION);
		return EXIT_DONE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_DONE;
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "iireview: '%s' is not a command; see 'iireview --help'\n",
			argv[1]);
		return EXIT_USAGE;
	}
	return cmd->fn(argc - 1, argv + 1);
}
