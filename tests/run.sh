#!/bin/sh
# Run every unit test binary and every end-to-end script; print each result
# line and end with "N passed, N failed, N skipped".  Exit 1 when any failed.
B=${1:-build}
TOP=$(cd "$(dirname "$0")/.." && pwd)
export TOP B
log=$(mktemp)
for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	"$t" >>"$log" 2>&1
	rc=$?
	# A crash prints no FAIL line of its own: count it.
	if [ $rc -gt 1 ]; then
		echo "FAIL $(basename "$t"): exited with status $rc (crash?)" >>"$log"
	fi
done
for s in "$TOP"/tests/e2e/*.sh; do
	[ -f "$s" ] || continue
	sh "$s" >>"$log" 2>&1 || true
done
cat "$log"
pass=$(grep -c '^PASS ' "$log")
fail=$(grep -c '^FAIL ' "$log")
skip=$(grep -c '^SKIP ' "$log")
rm -f "$log"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
