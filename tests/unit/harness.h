/*
 * harness.h - the unit-test harness.
 *
 * A test file defines cases with TEST(name) { ... } and lists them in a
 * TEST_LIST at the bottom:
 *
 *	TEST(adds_digits) { assert_eq_int(sum("12"), 3); }
 *	TEST_MAIN(TEST_ENTRY(adds_digits))
 *
 * Each case prints "PASS <file>:<name>" or "FAIL <file>:<name>" followed by
 * the failing checks with file and line; tests/run.sh counts those lines.
 * A case that cannot run here calls test_skip("why"), printing "SKIP".
 * Checks do not stop the case (like libarchive's assertions), so one run
 * shows every difference.
 */
#ifndef IIREVIEW_HARNESS_H
#define IIREVIEW_HARNESS_H

#include <stddef.h>
#include <stdint.h>

struct test_entry {
	const char *name;
	void (*fn)(void);
};

#define TEST(name) static void test_##name(void)
#define TEST_ENTRY(name)                                                                           \
	{                                                                                          \
#name, test_##name                                                                 \
	}
#define TEST_MAIN(...)                                                                             \
	int main(int argc, char **argv)                                                            \
	{                                                                                          \
		static const struct test_entry tests[] = {__VA_ARGS__};                            \
		return test_run_all(argc, argv, __FILE__, tests,                                   \
				    sizeof(tests) / sizeof(tests[0]));                             \
	}

int test_run_all(int argc, char **argv, const char *file, const struct test_entry *tests, size_t n);

/* Record a failure of the running case; returns 0 so checks can be used in ifs. */
int test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/*
 * Name the table row the checks that follow are about: every failure
 * line printed until the next call shows "[row LABEL]", so that a failing
 * row of a table-driven case is named whichever check failed.  NULL ends
 * the row (after the loop); each case starts without one.
 */
void test_row(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Mark the running case skipped, with the reason printed. */
void test_skip(const char *why);

/* A fresh empty directory for this case, removed after the run unless KEEP_TEST_DIRS is set. */
const char *test_tmpdir(void);

int test_check(int ok, const char *file, int line, const char *expr);
int test_eq_int(intmax_t a, intmax_t b, const char *file, int line, const char *ea, const char *eb);
int test_eq_str(const char *a, const char *b, const char *file, int line, const char *ea,
		const char *eb);

#define assert_true(e)	    test_check(!!(e), __FILE__, __LINE__, #e)
#define assert_eq_int(a, b) test_eq_int((intmax_t)(a), (intmax_t)(b), __FILE__, __LINE__, #a, #b)
#define assert_eq_str(a, b) test_eq_str((a), (b), __FILE__, __LINE__, #a, #b)

#endif
