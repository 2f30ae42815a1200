/*
 * test_procpool.c - jobs handed to worker processes (common/procpool.h).
 *
 * The workers are small shell loops, so that each way a worker can fail
 * (dying mid-batch, never starting, answering what it was not asked) is
 * made on purpose; every case checks that each job is reported exactly
 * once, with its own answer or NULL.
 */
#include "harness.h"

#include "common/procpool.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Echo each job back as "got <job>"; a job "die" ends the worker. */
static const char *const echo_argv[] = {
    "/bin/sh", "-c",
    "while IFS= read -r l; do case $l in die) exit 3 ;; esac; echo \"got $l\"; done", NULL};

struct tally {
	size_t n;
	const char *const *jobs;
	int *reported;	/* times each job was reported */
	char **answers; /* its answer, NULL when none */
	size_t stop_at; /* done() says -1 at this many reports (0: never) */
	size_t nreports;
};

static void job_line(size_t i, struct strbuf *line, void *ctx)
{
	strbuf_addstr(line, ((struct tally *)ctx)->jobs[i]);
}

static int done(size_t i, const char *answer, void *ctx)
{
	struct tally *t = ctx;

	t->reported[i]++;
	free(t->answers[i]);
	t->answers[i] = answer ? xstrdup(answer) : NULL;
	t->nreports++;
	return t->stop_at && t->nreports >= t->stop_at ? -1 : 0;
}

static int run(struct tally *t, const char *const *argv, int workers, const char *const *jobs,
	       size_t n)
{
	struct procpool_spec spec = {argv, workers, n, job_line, done, t};
	struct strbuf err = STRBUF_INIT;
	int ret;

	t->n = n;
	t->jobs = jobs;
	t->reported = xcalloc(n, sizeof(*t->reported));
	t->answers = xcalloc(n, sizeof(*t->answers));
	t->nreports = 0;
	ret = procpool_run(&spec, &err);
	strbuf_release(&err);
	return ret;
}

static void release(struct tally *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->answers[i]);
	free(t->answers);
	free(t->reported);
}

/* Each job's answer is "got <job>", or NULL for the jobs in none_for. */
static void check_answers(const struct tally *t, const char *none_for)
{
	for (size_t i = 0; i < t->n; i++) {
		test_row("job %zu (%s)", i, t->jobs[i]);
		assert_eq_int(t->reported[i], 1);
		if (none_for && strstr(none_for, t->jobs[i])) {
			assert_true(t->answers[i] == NULL);
		} else {
			struct strbuf want = STRBUF_INIT;

			strbuf_addf(&want, "got %s", t->jobs[i]);
			assert_true(t->answers[i] != NULL);
			if (t->answers[i])
				assert_eq_str(t->answers[i], want.buf);
			strbuf_release(&want);
		}
	}
	test_row(NULL);
}

static const char *const many[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l",
				   "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x"};

TEST(every_job_answered_once)
{
	struct tally t = {0};

	assert_eq_int(run(&t, echo_argv, 3, many, ARRAY_SIZE(many)), 3);
	check_answers(&t, NULL);
	release(&t);
	/* More workers than jobs, and no job at all. */
	assert_eq_int(run(&t, echo_argv, 4, many, 2), 4);
	check_answers(&t, NULL);
	release(&t);
	assert_eq_int(run(&t, echo_argv, 2, many, 0), 2);
	release(&t);
}

TEST(a_dying_worker_hands_its_jobs_back)
{
	static const char *const jobs[] = {"a", "b", "c", "die", "e", "f", "g", "h", "i", "j"};
	struct tally t = {0};

	/*
	 * One worker: "die" ends it; "die" and whatever it had been given
	 * after it come back NULL (the caller does them), the rest too once
	 * no worker is left.
	 */
	assert_eq_int(run(&t, echo_argv, 1, jobs, ARRAY_SIZE(jobs)), 1);
	for (size_t i = 0; i < ARRAY_SIZE(jobs); i++) {
		test_row("job %zu (%s)", i, jobs[i]);
		assert_eq_int(t.reported[i], 1);
		if (i < 3)
			assert_true(t.answers[i] && !strncmp(t.answers[i], "got ", 4));
		else
			assert_true(t.answers[i] == NULL);
	}
	test_row(NULL);
	release(&t);
	/* Two workers: only the dead one's jobs are lost to the pool. */
	assert_eq_int(run(&t, echo_argv, 2, jobs, ARRAY_SIZE(jobs)), 2);
	{
		size_t none = 0;

		for (size_t i = 0; i < ARRAY_SIZE(jobs); i++) {
			test_row("job %zu (%s)", i, jobs[i]);
			assert_eq_int(t.reported[i], 1);
			none += t.answers[i] == NULL;
		}
		test_row(NULL);
		assert_true(t.answers[3] == NULL);
		/* "die" and at most the one job given to that worker after it. */
		assert_true(none >= 1 && none <= 2);
	}
	release(&t);
}

TEST(no_worker_no_job_lost)
{
	static const char *const missing[] = {"/nonexistent/iireview-worker", NULL};
	struct tally t = {0};

	/* Forked but never exec'd: each job comes back NULL, once. */
	run(&t, missing, 2, many, 5);
	check_answers(&t, "abcde");
	release(&t);
}

TEST(a_line_break_is_not_sent)
{
	static const char *const jobs[] = {"a", "two\nlines", "c"};
	struct tally t = {0};

	assert_eq_int(run(&t, echo_argv, 1, jobs, ARRAY_SIZE(jobs)), 1);
	check_answers(&t, "two\nlines");
	release(&t);
}

TEST(done_can_stop_the_batch)
{
	struct tally t = {0};
	size_t total = 0;

	t.stop_at = 3;
	assert_eq_int(run(&t, echo_argv, 2, many, ARRAY_SIZE(many)), -1);
	for (size_t i = 0; i < ARRAY_SIZE(many); i++)
		total += (size_t)t.reported[i];
	assert_eq_int(total, 3);
	release(&t);
}

TEST(an_answer_too_many_drops_the_worker)
{
	static const char *const chatty[] = {
	    "/bin/sh", "-c", "echo hello; while IFS= read -r l; do echo \"got $l\"; done", NULL};
	struct tally t = {0};

	/*
	 * Its first line answers job 0 ("hello"); "got a" then answers no
	 * job: the worker is dropped, and the batch ends all the same.
	 */
	assert_eq_int(run(&t, chatty, 1, many, 1), 1);
	assert_eq_int(t.reported[0], 1);
	assert_true(t.answers[0] && !strcmp(t.answers[0], "hello"));
	release(&t);
}

TEST(pool_size)
{
	static const struct {
		int want;
		size_t njobs, per;
		int size;
	} rows[] = {
	    {4, 100, 16, 4},	 {4, 40, 16, 2}, {4, 10, 16, 1}, {1, 1000, 16, 1},
	    {100, 10000, 1, 64}, {3, 0, 16, 1},	 {2, 5, 0, 2},
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		test_row("want %d, %zu jobs, %zu each", rows[i].want, rows[i].njobs, rows[i].per);
		assert_eq_int(procpool_size(rows[i].want, rows[i].njobs, rows[i].per),
			      rows[i].size);
	}
	test_row(NULL);
	/* 0: one per processor, at least one. */
	assert_true(procpool_size(0, 100000, 1) >= 1);
}

TEST_MAIN(TEST_ENTRY(every_job_answered_once), TEST_ENTRY(a_dying_worker_hands_its_jobs_back),
	  TEST_ENTRY(no_worker_no_job_lost), TEST_ENTRY(a_line_break_is_not_sent),
	  TEST_ENTRY(done_can_stop_the_batch), TEST_ENTRY(an_answer_too_many_drops_the_worker),
	  TEST_ENTRY(pool_size))
