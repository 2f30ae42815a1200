/*
 * procpool.h - jobs handed to worker processes, one line each way.
 *
 * A stage whose work is many independent files (output's worksheets) uses
 * every core by starting workers: fresh processes of our own binary
 * (argv), each with its own database connection, since an SQLite
 * connection must not cross fork() and a fresh process inherits no
 * library state.  A worker reads one job per line on its stdin and
 * answers each with one line on its stdout, in the order given; its
 * stderr is ours, so its messages reach the person running us.
 *
 * Jobs go to whichever worker has room (at most two outstanding each), so
 * a slow job or a worker slowed by other load does not hold the others
 * up.  A worker that dies (or answers garbage) is dropped: each of its
 * outstanding jobs and every job not yet given out when no worker is left
 * is reported with answer NULL, and the caller does it in-process.
 * Workers die with us (PR_SET_PDEATHSIG) and end at EOF on their stdin.
 *
 * Nothing here exits; the caller's done() runs in the calling process.
 */
#ifndef IIREVIEW_PROCPOOL_H
#define IIREVIEW_PROCPOOL_H

#include <stddef.h>
#include <sys/types.h>

struct strbuf;

struct procpool_spec {
	const char *const *argv; /* the worker's command; argv[0] is a path */
	int workers;		 /* how many to start, >= 1 */
	size_t njobs;
	/* Job i as one line, without its '\n' (which it must not contain). */
	void (*job_line)(size_t i, struct strbuf *line, void *ctx);
	/*
	 * Job i is over: answer is its worker's line (without '\n'), or NULL
	 * when no worker could do it.  Called once per job, in the order the
	 * answers come; 0 to go on, -1 to stop giving out jobs (the rest
	 * are then reported NULL as well).
	 */
	int (*done)(size_t i, const char *answer, void *ctx);
	void *ctx;
};

/*
 * Run every job of spec on its workers.  Returns the number of workers
 * that were started (0: none could be, *err says why, and every job was
 * reported NULL), or -1 when done() asked to stop.
 */
int procpool_run(const struct procpool_spec *spec, struct strbuf *err);

/*
 * One worker for one job the caller collects later, so that the job runs
 * beside the caller's own work (output's summary workbook beside its
 * worksheets): spawn it, ask it, and later take its answer.
 */
struct procpool_worker {
	pid_t pid;
	int fd;
};
/* Start a worker of argv and give it job line; 0, or -1 with *err. */
int procpool_spawn(struct procpool_worker *w, const char *const *argv, const char *line,
		   struct strbuf *err);
/*
 * Wait for the worker's answer into answer (without '\n'), then let it
 * go (EOF on its input) and reap it.  0, or -1 when it died first.
 */
int procpool_collect(struct procpool_worker *w, struct strbuf *answer);

/*
 * How many workers to use for a batch of njobs: want when given (> 0),
 * else one per online processor; never more than njobs / min_per_worker
 * (a worker's start-up is not worth a handful of jobs), at least 1.
 */
int procpool_size(int want, size_t njobs, size_t min_per_worker);

#endif
