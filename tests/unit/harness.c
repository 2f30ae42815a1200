#include "harness.h"

#include "common/fsutil.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failures;
static int skipped;
static char tmpdir[4096];
static char row[256];

void test_row(const char *fmt, ...)
{
	va_list ap;

	row[0] = '\0';
	if (!fmt)
		return;
	va_start(ap, fmt);
	vsnprintf(row, sizeof(row), fmt, ap);
	va_end(ap);
}

int test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("    %s:%d: ", file, line);
	if (row[0])
		printf("[row %s] ", row);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	failures++;
	return 0;
}

void test_skip(const char *why)
{
	printf("    skipped: %s\n", why);
	skipped = 1;
}

int test_check(int ok, const char *file, int line, const char *expr)
{
	if (ok)
		return 1;
	return test_fail(file, line, "expected true: %s", expr);
}

int test_eq_int(intmax_t a, intmax_t b, const char *file, int line, const char *ea, const char *eb)
{
	if (a == b)
		return 1;
	return test_fail(file, line, "%s == %s: %" PRIdMAX " != %" PRIdMAX, ea, eb, a, b);
}

int test_eq_str(const char *a, const char *b, const char *file, int line, const char *ea,
		const char *eb)
{
	if (a && b && !strcmp(a, b))
		return 1;
	if (!a && !b)
		return 1;
	return test_fail(file, line, "%s == %s: \"%s\" != \"%s\"", ea, eb, a ? a : "(null)",
			 b ? b : "(null)");
}

const char *test_tmpdir(void)
{
	if (!tmpdir[0]) {
		const char *base = getenv("TMPDIR");

		snprintf(tmpdir, sizeof(tmpdir), "%s/iireview-test-XXXXXX", base ? base : "/tmp");
		if (!mkdtemp(tmpdir)) {
			perror("mkdtemp");
			abort();
		}
	}
	return tmpdir;
}

static void drop_tmpdir(void)
{
	if (tmpdir[0] && !getenv("KEEP_TEST_DIRS"))
		remove_tree(tmpdir);
	tmpdir[0] = '\0';
}

int test_run_all(int argc, char **argv, const char *file, const struct test_entry *tests, size_t n)
{
	const char *base = strrchr(file, '/');
	int failed_cases = 0;

	base = base ? base + 1 : file;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (size_t i = 0; i < n; i++) {
		if (argc > 1 && strcmp(argv[1], tests[i].name))
			continue;
		failures = 0;
		skipped = 0;
		row[0] = '\0';
		tests[i].fn();
		drop_tmpdir();
		if (failures) {
			printf("FAIL %s:%s\n", base, tests[i].name);
			failed_cases++;
		} else if (skipped) {
			printf("SKIP %s:%s\n", base, tests[i].name);
		} else {
			printf("PASS %s:%s\n", base, tests[i].name);
		}
	}
	return failed_cases ? 1 : 0;
}
