#!/bin/sh
# tests/run.sh [BUILD [E2E]] - run every unit test binary BUILD/tests/test_*
# and every end-to-end script E2E/*.sh (default: tests/e2e); print each
# result line and end with "N passed, N failed, N skipped".  Exit 1 when
# any failed.
#
# No test goes uncounted: a binary or script that exits with a status of
# its own (a crash, a script aborted by set -u or a missing tool) or that
# prints no PASS, FAIL or SKIP line at all gets one FAIL line naming it and
# why.  A unit binary exits 1 when one of its cases failed (they say so
# themselves); a script always exits 0 (lib.sh's cases report, not exit).
# tests/e2e/harness.sh runs this on planted tests that break each way.
B=${1:-build}
TOP=$(cd "$(dirname "$0")/.." && pwd)
E2E=${2:-$TOP/tests/e2e}
export TOP B
log=$(mktemp)
one=$(mktemp)
trap 'rm -f "$log" "$one"' EXIT

# count NAME RC OK_RC: append one's output to the log, and a FAIL line when
# NAME exited with a status other than 0 and OK_RC (with its own FAIL lines
# for OK_RC), or said nothing countable.
count() {
	cat "$one" >>"$log"
	if [ "$2" -ne 0 ] && { [ "$2" -ne "$3" ] || ! grep -q '^FAIL ' "$one"; }; then
		if [ "$2" -gt 128 ]; then
			why="killed by signal $(($2 - 128)) (crash?)"
		else
			why="exited with status $2"
		fi
		echo "FAIL $1: $why; the lines above are its output" >>"$log"
	elif ! grep -q '^\(PASS\|FAIL\|SKIP\) ' "$one"; then
		echo "FAIL $1: printed no PASS, FAIL or SKIP line" >>"$log"
	fi
}

for t in "$B"/tests/test_*; do
	[ -f "$t" ] && [ -x "$t" ] || continue
	"$t" >"$one" 2>&1
	count "$(basename "$t")" $? 1
done
for s in "$E2E"/*.sh; do
	[ -f "$s" ] || continue
	sh "$s" >"$one" 2>&1
	count "$(basename "$s")" $? 0
done
cat "$log"
pass=$(grep -c '^PASS ' "$log")
fail=$(grep -c '^FAIL ' "$log")
skip=$(grep -c '^SKIP ' "$log")
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
