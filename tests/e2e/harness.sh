#!/bin/sh
# The harness itself (tests/run.sh): planted tests that fail, abort, crash
# or say nothing are each counted as failed, with one FAIL line naming them
# and why; a good one still passes and a skip is still a skip.  And the unit
# harness (tests/unit/harness.c) names the row of a failing table row.
. "$(dirname "$0")/../lib.sh"

# plant: a scratch build folder with two unit "binaries" and a folder of
# end-to-end scripts, one of each way to break.
plant() {
	rm -rf b e && mkdir -p b/tests e
	printf '#!/bin/sh\necho "PASS test_good.c:adds"\n' >b/tests/test_good
	printf '#!/bin/sh\necho "PASS test_crash.c:first"\nkill -SEGV $$\n' >b/tests/test_crash
	printf '#!/bin/sh\nexit 0\n' >b/tests/test_silent
	printf '#!/bin/sh\necho "FAIL test_fails.c:one"\nexit 1\n' >b/tests/test_fails
	chmod +x b/tests/test_*
	cat >e/good.sh <<'SH'
. "$TOP/tests/lib.sh"
t_case "passes" <<'C'
true
C
t_skip "skipped" "nothing to skip for"
SH
	cat >e/exits.sh <<'SH'
. "$TOP/tests/lib.sh"
t_case "passes before the exit" <<'C'
true
C
exit 3
SH
	cat >e/unset.sh <<'SH'
. "$TOP/tests/lib.sh"
echo "using $NO_SUCH_VARIABLE"
t_case "never reached" <<'C'
true
C
SH
	cat >e/notool.sh <<'SH'
iireview-no-such-tool --version
SH
	printf 'echo "all is well"\n' >e/silent.sh
}

t_case "each planted failure is one FAIL line naming the test and why" <<'CASE'
plant
rc=0
sh "$TOP/tests/run.sh" "$T/b" "$T/e" >out.txt 2>&1 || rc=$?
cat out.txt
[ $rc = 1 ] || t_fail "run.sh exited $rc, want 1"
want() { grep -qx "$1" out.txt || t_fail "missing line: $1"; }
want "FAIL test_crash: killed by signal 11 (crash?); the lines above are its output"
want "FAIL test_silent: printed no PASS, FAIL or SKIP line"
want "FAIL test_fails.c:one"
want "FAIL exits.sh: exited with status 3; the lines above are its output"
want "FAIL unset.sh: exited with status 2; the lines above are its output"
want "FAIL notool.sh: exited with status 127; the lines above are its output"
want "FAIL silent.sh: printed no PASS, FAIL or SKIP line"
# test_fails said so itself: no second line for it.
[ "$(grep -c '^FAIL test_fails' out.txt)" = 1 ] || t_fail "test_fails counted twice"
[ "$(tail -n 1 out.txt)" = "4 passed, 7 failed, 1 skipped" ] || t_fail "wrong count: $(tail -n 1 out.txt)"
CASE

t_case "good tests alone: exit 0 and nothing failed" <<'CASE'
plant
rm b/tests/test_crash b/tests/test_silent b/tests/test_fails e/exits.sh e/unset.sh e/notool.sh e/silent.sh
sh "$TOP/tests/run.sh" "$T/b" "$T/e" >out.txt 2>&1
cat out.txt
[ "$(tail -n 1 out.txt)" = "2 passed, 0 failed, 1 skipped" ]
CASE

t_case "a failing check inside a table row names the row, and only there" <<'CASE'
command -v cc >/dev/null || { echo "no cc: nothing to build the planted test with"; exit 0; }
[ -f "$B/tests/unit/harness.o" ] || t_fail "$B/tests/unit/harness.o is not built"
cat >t.c <<'C'
#include "tests/unit/harness.h"
static const int want[] = {1, 2, 3};
TEST(table)
{
	for (int i = 0; i < 3; i++) {
		test_row("%d want %d", i, want[i]);
		assert_eq_int(i == 1 ? 5 : want[i], want[i]);
	}
	test_row(NULL);
	assert_eq_int(1, 0);
}
TEST_MAIN(TEST_ENTRY(table))
C
# ${SAN:-}: under make check-asan the harness is built with the sanitizers.
cc ${SAN:-} -std=c11 -D_GNU_SOURCE -I"$TOP" -o t t.c "$B/tests/unit/harness.o" "$B/libiireview.a"
rc=0
./t >out.txt || rc=$?
cat out.txt
[ $rc = 1 ] || t_fail "exit $rc, want 1"
grep -q '^    .*t.c:[0-9]*: \[row 1 want 2\] i == 1 ? 5 : want\[i\] == want\[i\]: 5 != 2$' out.txt ||
	t_fail "the failing row is not named"
grep -q '^    .*t.c:[0-9]*: 1 == 0: 1 != 0$' out.txt || t_fail "the row leaks past test_row(NULL)"
[ "$(grep -c '^    ' out.txt)" = 2 ] || t_fail "want two failure lines"
grep -qx 'FAIL t.c:table' out.txt
CASE
