/*
 * cmd_run.c - every stage in order, each as its own process.
 *
 * Separate processes keep the stages honest (they share nothing but the
 * database) and bound each one's memory; the first stage that fails stops
 * the run.  The lock is taken once here and inherited by the stages.
 */
#include "cli/cli.h"

#include "common/lock.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The stages in the order they run; each is also a subcommand. */
static const char *const stages[] = {"ingest", "normalize", "evaluate", "aggregate", "output"};

static const char usage[] =
    "usage: iireview run [--inbox DIR] [--db FILE] [--out DIR] [--rules DIR] [--year YEAR]\n"
    "                    [--store DIR] [--corrections FILE] [--packets] [-v|-q]\n"
    "\n"
    "Run every stage on the inbox, each as its own process, stopping at the\n"
    "first that fails.  Exits 3 at once when another run holds the lock.\n"
    "--packets also builds the review packets (see 'iireview output --help').\n";

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_stage(const char *stage, const struct cli_options *o)
{
	const char *argv[20];
	int argc = 0, status;
	pid_t pid;

	argv[argc++] = "iireview";
	argv[argc++] = stage;
	argv[argc++] = "--inbox";
	argv[argc++] = o->inbox;
	argv[argc++] = "--db";
	argv[argc++] = o->db;
	argv[argc++] = "--out";
	argv[argc++] = o->out;
	argv[argc++] = "--rules";
	argv[argc++] = o->rules;
	if (o->year) {
		argv[argc++] = "--year";
		argv[argc++] = o->year;
	}
	argv[argc++] = "--store";
	argv[argc++] = o->store;
	argv[argc++] = "--corrections";
	argv[argc++] = o->corrections;
	if (o->packets && !strcmp(stage, "output"))
		argv[argc++] = "--packets";
	if (o->verbose)
		argv[argc++] = "--verbose";
	if (o->quiet)
		argv[argc++] = "--quiet";
	argv[argc] = NULL;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return error("run: cannot start %s: %s", stage, strerror(errno));
	if (pid == 0) {
		setenv("IIREVIEW_LOCKED", "1", 1);
		execv("/proc/self/exe", (char *const *)argv);
		fprintf(stderr, "error: run: cannot exec %s: %s\n", stage, strerror(errno));
		_exit(EXIT_FAILED);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return error("run: waiting for %s: %s", stage, strerror(errno));
	if (WIFSIGNALED(status))
		return error("run: stage %s was killed by signal %d", stage, WTERMSIG(status));
	return WEXITSTATUS(status);
}

int cmd_run(int argc, char **argv)
{
	struct cli_options o;
	int ret, lock = -1, progress;
	double t0;

	ret = cli_parse(argc, argv, &o, usage, NULL, NULL, NULL);
	if (ret || o.help || (ret = cli_no_args(&o, "run", usage)))
		goto out;
	lock = cli_lock(&o);
	if (lock < -1) {
		ret = -lock;
		goto out;
	}
	/*
	 * A malformed rules file stops the run before ingest changes anything.
	 * After the lock: a run that finds another one running says so (exit
	 * 3) whatever the rules, since the other run is the one reading them.
	 */
	if ((ret = cli_load_config(&o, "run")))
		goto out;
	/*
	 * Progress only for a person watching: under cron (stderr not a
	 * terminal) a good run prints nothing, so that cron mails only
	 * problems.  One line per stage as it ends, after the stage's own
	 * summary; nothing is rewritten in place, because the stages write
	 * to the same terminal and would break a line being redrawn.
	 */
	progress = !o.quiet && isatty(STDERR_FILENO);
	t0 = now();
	for (size_t i = 0; i < ARRAY_SIZE(stages); i++) {
		double t = now();
		int r = run_stage(stages[i], &o);

		if (progress)
			fprintf(stderr, "[%zu/%zu] %-9s %6.1f s%s\n", i + 1, ARRAY_SIZE(stages),
				stages[i], now() - t, r ? "  failed" : "");
		if (r) {
			error("run: stage %s failed (exit %d); later stages not run", stages[i],
			      r < 0 ? EXIT_FAILED : r);
			ret = r == EXIT_USAGE ? EXIT_USAGE : EXIT_FAILED;
			break;
		}
	}
	if (progress && !ret)
		fprintf(stderr, "run: done in %.1f s\n", now() - t0);
out:
	lock_release(lock);
	cli_options_release(&o);
	return ret;
}
