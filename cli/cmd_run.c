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
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The stage running now, and the signal that interrupted the run (forward()). */
static volatile sig_atomic_t interrupted;
static volatile pid_t running;

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
	pid_t pid, parent;
	sigset_t block, old;

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
	/* Only when given: the stage then checks it exists, as the default need not. */
	if (o->corrections_given) {
		argv[argc++] = "--corrections";
		argv[argc++] = o->corrections;
	}
	if (o->packets && !strcmp(stage, "output"))
		argv[argc++] = "--packets";
	if (o->verbose)
		argv[argc++] = "--verbose";
	if (o->quiet)
		argv[argc++] = "--quiet";
	argv[argc] = NULL;

	fflush(NULL);
	parent = getpid();
	/*
	 * The signals wait while the stage is being started: the child resets
	 * them to their default before it takes any, and the parent takes them
	 * once `running` names the child to forward them to.
	 */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	pid = fork();
	if (pid < 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return error("run: cannot start %s: %s", stage, strerror(errno));
	}
	if (pid == 0) {
		/*
		 * The stage dies with the driver, however the driver ends (kill
		 * -9 included): an orphan would hold the lock and make every
		 * later cron run exit 3.  The parent may have died before the
		 * prctl: then it is not our parent any more, and we go now.
		 */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
			_exit(EXIT_FAILED);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		sigprocmask(SIG_SETMASK, &old, NULL);
		setenv("IIREVIEW_LOCKED", "1", 1);
		execv("/proc/self/exe", (char *const *)argv);
		fprintf(stderr, "error: run: cannot exec %s: %s\n", stage, strerror(errno));
		_exit(EXIT_FAILED);
	}
	running = pid;
	sigprocmask(SIG_SETMASK, &old, NULL);
	/* A signal taken before the stage was started is forwarded now. */
	if (interrupted) {
		kill(pid, interrupted);
		kill(pid, SIGCONT);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			running = 0;
			return error("run: waiting for %s: %s", stage, strerror(errno));
		}
	running = 0;
	if (interrupted)
		return -1;
	if (WIFSIGNALED(status))
		return error("run: stage %s was killed by signal %d", stage, WTERMSIG(status));
	return WEXITSTATUS(status);
}

/*
 * SIGINT, SIGTERM and SIGHUP to the driver go on to the running stage
 * (Ctrl-C on a terminal reaches both; kill or a closed session reaches the
 * driver alone).  The run then ends after that stage, with one line.
 */
static void forward(int sig)
{
	int saved = errno;

	interrupted = sig;
	/* A stopped stage would keep the signal pending: wake it to take it. */
	if (running > 0) {
		kill(running, sig);
		kill(running, SIGCONT);
	}
	errno = saved;
}

static void catch_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = forward;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ARRAY_SIZE(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

int cmd_run(int argc, char **argv)
{
	struct cli_options o;
	int ret, lock = -1, progress;
	double t0;

	ret = cli_parse(argc, argv, &o, usage, NULL, NULL, NULL);
	if (ret || o.help || (ret = cli_no_args(&o, "run", usage)))
		goto out;
	/* Every set-up mistake before the first byte is written: no lock file, no database. */
	o.may_create = 1;
	if ((ret = cli_check_inbox(&o, "run")) || (ret = cli_check_rules(&o, "run")) ||
	    (ret = cli_check_corrections(&o, "run")) || (ret = cli_check_out(&o, "run")) ||
	    (ret = cli_check_db(&o, "run")))
		goto out;
	catch_signals();
	lock = cli_lock(&o);
	if (lock < -1) {
		ret = -lock;
		goto out;
	}
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
		int r = interrupted ? -1 : run_stage(stages[i], &o);

		if (interrupted) {
			notice("run: interrupted by %s during %s; the next run finishes the work",
			       strsignal(interrupted), stages[i]);
			ret = EXIT_FAILED;
			break;
		}
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
