#!/bin/sh
# The committed inputs of every fuzz target (tests/fuzz/corpus/<target>/:
# seeds, and the input of each past finding) replayed through the target's
# own code without libFuzzer ($B/fuzz/replay_<target>, tests/fuzz/replay.c):
# a finding once fixed stays fixed.  Under `make check-asan` the replays
# carry the sanitizers, as the fuzzers do.
. "$(dirname "$0")/../lib.sh"

for d in "$TOP"/tests/fuzz/corpus/*/; do
	t=$(basename "$d")
	n=$(find "$d" -type f | wc -l)
	[ "$n" -gt 0 ] || continue
	export t d n
	t_case "fuzz_$t: its $n committed inputs replay without a crash" <<'CASE'
# From the root: fuzz_extract reads rules/ as make fuzz runs it.
cd "$TOP"
[ -x "$B/fuzz/replay_$t" ] || t_fail "no $B/fuzz/replay_$t (make all builds it)"
find "$d" -type f | sort | xargs "$B/fuzz/replay_$t" >"$T/replay_$t.out" 2>"$T/replay_$t.err" || {
	rc=$?
	tail -n 20 "$T/replay_$t.err"
	t_fail "replay_$t exited $rc after: $(tail -n 1 "$T/replay_$t.out")"
}
ok=$(grep -c '^ok ' "$T/replay_$t.out")
[ "$ok" -eq "$n" ] || t_fail "$ok of $n inputs replayed"
CASE
done
