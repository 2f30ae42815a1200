/*
 * procpool.c - jobs handed to worker processes (procpool.h).
 *
 * One socketpair per worker carries both directions: the worker sees it as
 * its stdin and stdout, and we write with MSG_NOSIGNAL, so a worker that
 * died makes a failed send, never a SIGPIPE that would kill the stage.
 */
#include "procpool.h"

#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* Jobs outstanding per worker: one being done, one waiting in its input. */
#define DEPTH 2

struct worker {
	pid_t pid;
	int fd; /* -1 once dropped */
	size_t pending[DEPTH];
	int npending;
	struct strbuf in; /* answers read, not yet a whole line */
};

struct pool {
	const struct procpool_spec *spec;
	struct worker *w;
	int nw;
	size_t next; /* the first job not given out */
	int stop;    /* done() said -1 */
	struct strbuf line;
};

static int report(struct pool *p, size_t job, const char *answer)
{
	if (p->stop)
		return -1;
	if (p->spec->done(job, answer, p->spec->ctx)) {
		p->stop = 1;
		return -1;
	}
	return 0;
}

static pid_t start_worker(const char *const *argv, int *fd, struct strbuf *err)
{
	int sv[2];
	pid_t parent = getpid(), pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		strbuf_addf(err, "cannot make a socket pair: %s", strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		strbuf_addf(err, "cannot start a worker: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		/* A worker left behind would write into a folder nobody records. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
			_exit(127);
		if (dup2(sv[1], STDIN_FILENO) < 0 || dup2(sv[1], STDOUT_FILENO) < 0)
			_exit(127);
		signal(SIGPIPE, SIG_DFL);
		execv(argv[0], (char *const *)argv);
		fprintf(stderr, "error: cannot start worker %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(sv[1]);
	*fd = sv[0];
	return pid;
}

/* Drop worker w: its outstanding jobs are reported NULL (done in-process). */
static void drop(struct pool *p, struct worker *w)
{
	if (w->fd < 0)
		return;
	close(w->fd);
	w->fd = -1;
	for (int k = 0; k < w->npending; k++)
		report(p, w->pending[k], NULL);
	w->npending = 0;
}

/* Give w jobs until it has DEPTH outstanding or none are left. */
static void feed(struct pool *p, struct worker *w)
{
	while (!p->stop && w->fd >= 0 && w->npending < DEPTH && p->next < p->spec->njobs) {
		size_t job = p->next;
		const char *s;
		size_t len;

		strbuf_reset(&p->line);
		p->spec->job_line(job, &p->line, p->spec->ctx);
		if (memchr(p->line.buf, '\n', p->line.len)) {
			/* Not expressible as one line: the caller does it itself. */
			p->next++;
			report(p, job, NULL);
			continue;
		}
		strbuf_addch(&p->line, '\n');
		s = p->line.buf;
		len = p->line.len;
		while (len) {
			ssize_t n = send(w->fd, s, len, MSG_NOSIGNAL);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				drop(p, w);
				return;
			}
			s += n;
			len -= (size_t)n;
		}
		p->next++;
		w->pending[w->npending++] = job;
	}
}

/* Read what w answered; each whole line ends its oldest outstanding job. */
static void take_answers(struct pool *p, struct worker *w)
{
	char buf[4096];
	ssize_t n;
	size_t used;
	char *nl;

	do
		n = read(w->fd, buf, sizeof(buf));
	while (n < 0 && errno == EINTR);
	if (n <= 0) {
		drop(p, w);
		return;
	}
	strbuf_add(&w->in, buf, (size_t)n);
	while ((nl = memchr(w->in.buf, '\n', w->in.len))) {
		size_t job;

		*nl = '\0';
		if (!w->npending) {
			/* An answer to no job: the worker is not speaking our protocol. */
			fprintf(stderr, "error: worker %ld answered a job it was not given: %s\n",
				(long)w->pid, w->in.buf);
			drop(p, w);
			return;
		}
		job = w->pending[0];
		memmove(w->pending, w->pending + 1, (size_t)(w->npending - 1) * sizeof(size_t));
		w->npending--;
		report(p, job, w->in.buf);
		used = (size_t)(nl - w->in.buf) + 1;
		memmove(w->in.buf, w->in.buf + used, w->in.len - used);
		strbuf_setlen(&w->in, w->in.len - used);
	}
}

static int busy(const struct pool *p)
{
	for (int i = 0; i < p->nw; i++)
		if (p->w[i].fd >= 0 && p->w[i].npending)
			return 1;
	return 0;
}

int procpool_run(const struct procpool_spec *spec, struct strbuf *err)
{
	struct pool p = {spec, NULL, 0, 0, 0, STRBUF_INIT};
	struct pollfd *pfd;
	int *idx, started = 0;

	p.w = xcalloc((size_t)spec->workers, sizeof(*p.w));
	pfd = xcalloc((size_t)spec->workers, sizeof(*pfd));
	idx = xcalloc((size_t)spec->workers, sizeof(*idx));
	for (int i = 0; i < spec->workers; i++) {
		struct worker *w = &p.w[p.nw];

		strbuf_init(&w->in, 0);
		w->pid = start_worker(spec->argv, &w->fd, err);
		if (w->pid < 0) {
			strbuf_release(&w->in);
			break;
		}
		p.nw++;
	}
	started = p.nw;
	for (;;) {
		int n = 0;

		for (int i = 0; i < p.nw; i++)
			feed(&p, &p.w[i]);
		if (p.stop || !busy(&p))
			break;
		for (int i = 0; i < p.nw; i++)
			if (p.w[i].fd >= 0 && p.w[i].npending) {
				idx[n] = i;
				pfd[n].fd = p.w[i].fd;
				pfd[n].events = POLLIN;
				pfd[n++].revents = 0;
			}
		if (poll(pfd, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			strbuf_addf(err, "cannot wait for the workers: %s", strerror(errno));
			break;
		}
		/* A worker dropped meanwhile (its jobs done in-process) has fd -1. */
		for (int k = 0; k < n; k++)
			if (pfd[k].revents && p.w[idx[k]].fd >= 0)
				take_answers(&p, &p.w[idx[k]]);
	}
	/* What no worker did (none started, all died, or poll failed): the caller's. */
	for (int i = 0; i < p.nw; i++)
		drop(&p, &p.w[i]);
	while (!p.stop && p.next < spec->njobs)
		report(&p, p.next++, NULL);
	for (int i = 0; i < p.nw; i++) {
		int status;

		if (p.stop)
			kill(p.w[i].pid, SIGKILL);
		while (waitpid(p.w[i].pid, &status, 0) < 0 && errno == EINTR)
			;
		strbuf_release(&p.w[i].in);
	}
	free(p.w);
	free(pfd);
	free(idx);
	strbuf_release(&p.line);
	return p.stop ? -1 : started;
}

int procpool_spawn(struct procpool_worker *w, const char *const *argv, const char *line,
		   struct strbuf *err)
{
	size_t len = strlen(line), off = 0;

	w->pid = start_worker(argv, &w->fd, err);
	if (w->pid < 0)
		return -1;
	while (off <= len) {
		/* The line, then its '\n'. */
		const char *s = off < len ? line + off : "\n";
		ssize_t n = send(w->fd, s, off < len ? len - off : 1, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			strbuf_addf(err, "cannot give the worker its job: %s", strerror(errno));
			procpool_collect(w, NULL);
			return -1;
		}
		off += (size_t)n;
	}
	return 0;
}

int procpool_collect(struct procpool_worker *w, struct strbuf *answer)
{
	int ret = -1, status;
	char c;

	for (;;) {
		ssize_t n = read(w->fd, &c, 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || !answer)
			break;
		if (c == '\n') {
			ret = 0;
			break;
		}
		strbuf_addch(answer, c);
	}
	close(w->fd);
	w->fd = -1;
	while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
		;
	return ret;
}

int procpool_size(int want, size_t njobs, size_t min_per_worker)
{
	long n = want > 0 ? want : sysconf(_SC_NPROCESSORS_ONLN);
	size_t cap = min_per_worker ? njobs / min_per_worker : njobs;

	if (n < 1)
		n = 1;
	if (n > 64)
		n = 64;
	if ((size_t)n > cap)
		n = cap ? (long)cap : 1;
	return (int)n;
}
