#!/bin/sh
# The harness itself (tests/run.sh): planted tests that fail, abort, crash
# or say nothing are each counted as failed, with one FAIL line naming them
# and why; a good one still passes and a skip is still a skip.
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
