/*
 * cli.h - what the subcommands of the iireview driver share.
 *
 * The driver is thin: a command table (iireview.c), one file per
 * subcommand (cmd_*.c), the options every stage takes, and the exit codes.
 * Stages are library code; only this layer decides how the process ends.
 */
#ifndef IIREVIEW_CLI_H
#define IIREVIEW_CLI_H

#include "common/rulesconf.h"

#include <stdio.h>

/* Exit codes, documented in README.md and iireview(1). */
enum exit_code {
	EXIT_DONE = 0,	 /* done; defects found in the batch are data, not failure */
	EXIT_FAILED = 1, /* a failure of our own: database, store, a stage crashed */
	EXIT_USAGE = 2,	 /* usage or configuration error; nothing was changed */
	EXIT_LOCKED = 3, /* another run holds the lock */
};

struct cli_options {
	const char *cmd;   /* the subcommand, for messages */
	const char *inbox; /* --inbox, default ./inbox */
	const char *db;	   /* --db, default ./iireview.db */
	const char *out;   /* --out, default ./out */
	const char *rules; /* --rules, default ./rules */
	const char *year;  /* --year, default NULL: RULES_YEAR */
	char *store;	   /* --store, default: "store" beside the database */
	char *corrections; /* --corrections, default: corrections.csv beside the database */
	int verbose;
	int quiet;
	int packets;	       /* --packets: output builds the review packets */
	int rules_given;       /* --rules was on the command line */
	int corrections_given; /* --corrections was on the command line (it must exist) */
	int may_create;	       /* this command may create the database (run, ingest) */
	int help;
	char **args; /* positional arguments left after the options */
	int nargs;
	struct rules_config config; /* cli_load_config */
	int have_config;
};

/*
 * Parse the options common to every subcommand, plus the command's own
 * (extra, in getopt_long form, handled by on_extra which returns 0 or -1).
 * argv[0] is the subcommand name; positional arguments are left in
 * o->args for the command to check.  Returns 0, or EXIT_USAGE after
 * printing the usage; with --help, prints usage to stdout and sets o->help.
 */
struct option;
int cli_parse(int argc, char **argv, struct cli_options *o, const char *usage,
	      const struct option *extra, int (*on_extra)(int c, const char *arg, void *ctx),
	      void *ctx);
void cli_options_release(struct cli_options *o);

/*
 * Load the rules configuration of o->rules and o->year into o->config,
 * once, before the lock and the database: a stage is given it, never
 * reads the rules year or score.txt or clusters.txt itself.  0, or
 * EXIT_USAGE with every problem and "iireview CMD: the rules were
 * refused; nothing was changed" printed.
 */
int cli_load_config(struct cli_options *o, const char *cmd);

/*
 * Take the run lock for o->db unless a parent `iireview run` holds it
 * (IIREVIEW_LOCKED in the environment).  Returns the lock descriptor, -1
 * when not needed, or -EXIT_LOCKED / -EXIT_FAILED.
 */
int cli_lock(const struct cli_options *o);

/*
 * The common body of a stage command once its options are parsed and its
 * own configuration checked: take the lock (EXIT_LOCKED when another run
 * holds it), open and migrate the database, return body(db, ctx), then
 * close the database and release the lock whatever happened.  The database
 * is checked first (cli_check_db): only a command with o->may_create set
 * makes a new one; any other exits EXIT_USAGE naming the path and --db.
 */
struct sqlite3;
int cli_with_db(const struct cli_options *o, int (*body)(struct sqlite3 *db, void *ctx), void *ctx);

/*
 * The same for a command that only reads (status, history): no lock, so
 * that it answers while a run is going on, and no migration; EXIT_USAGE
 * with a message naming cmd when there is no database yet.  Returns
 * body(db, ctx) (an exit code), or EXIT_FAILED when the database cannot
 * be opened.
 */
int cli_with_report_db(const struct cli_options *o, const char *cmd,
		       int (*body)(struct sqlite3 *db, void *ctx), void *ctx);

/*
 * Checks before work (setup.c): each prints one line naming the option
 * that fixes the problem and returns EXIT_USAGE, else 0; none writes.
 * cli_check_db: the database is a file in a folder we may write in, or,
 * when o->may_create, one that can be made (and the store too); a missing
 * database is refused otherwise.  cli_check_rules: the rules configuration
 * of --rules and --year (cli_load_config's, kept in o->config), the 附件5
 * catalogue and the criteria load.
 */
int cli_check_inbox(const struct cli_options *o, const char *cmd);
int cli_check_out(const struct cli_options *o, const char *cmd);
int cli_check_db(const struct cli_options *o, const char *cmd);
int cli_check_rules(struct cli_options *o, const char *cmd);
/* The corrections file, when there, reads as text (UTF-8 or GBK). */
int cli_check_corrections(const struct cli_options *o, const char *cmd);

/*
 * 1 (with a warning) when the database holds no current bundle while
 * o->out already has a summary.xlsx: a workbook is never replaced by one
 * built from an empty state (a typo in --db, a fresh database beside an
 * old out/).  0 when the outputs may be written.
 */
int cli_keep_outputs(struct sqlite3 *db, const struct cli_options *o, const char *cmd);

/*
 * Bring the open "worksheet-stale" problems up to date (stale.c): every
 * current review whose 版本标识 is not its application's stamp now.  Run
 * after output and collect.  0 or -1.
 */
int cli_report_stale(struct sqlite3 *db);

/*
 * How many worker processes a stage may start: IIREVIEW_JOBS when set to a
 * positive number (1: none), else 0 (one per online processor).  A value
 * that is no number is warned about once and ignored.
 */
int cli_jobs(void);

/* The version, as `iireview --version` prints it. */
#define IIREVIEW_VERSION "1.0"

/* Print s left-aligned in width terminal columns (CJK counts as two). */
void cli_print_padded(FILE *f, const char *s, int width);

/* Refuse positional arguments for a command that takes none: EXIT_USAGE or 0. */
int cli_no_args(const struct cli_options *o, const char *cmd, const char *usage);

int cmd_run(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_evaluate(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_aggregate(int argc, char **argv);
int cmd_output(int argc, char **argv);
int cmd_output_worker(int argc, char **argv);
int cmd_collect(int argc, char **argv);
int cmd_withdraw(int argc, char **argv);

#endif
