#!/bin/sh
# Unattended operation (issue 7 §1, §6): two runs started together, one
# works and the other exits 3 at once; under cron (no terminal) a good run
# prints nothing; on a terminal, one progress line per stage.
. "$(dirname "$0")/../lib.sh"

export LC_ALL=C.UTF-8
unset IIREVIEW_CRASH_AT
"$GEN" --seed 11 --units 2 --per-unit 4 --out "$T/inbox" --truth "$T/truth.tsv" >/dev/null

# ii DIR [options]: the pipeline with its database and out/ under DIR.
ii() {
	_d=$1
	shift
	"$IIREVIEW" run --inbox "$T/inbox" --db "$_d/db/ii.db" --out "$_d/out" \
		--rules "$TOP/rules" "$@"
}

# ms: milliseconds since the epoch.
ms() {
	echo $(($(date +%s%N) / 1000000))
}

t_case "two runs started together: one works, the other exits 3 at once" <<'CASE'
mkdir -p two/db
# Each records its exit status and how long it took.
timed() {
	s=$(ms)
	rc=0
	ii two -q 2>"err$1.txt" || rc=$?
	echo "$rc $(($(ms) - s))" >"rc$1.txt"
}
timed 1 &
p1=$!
timed 2 &
p2=$!
wait $p1 $p2
cat rc1.txt rc2.txt err1.txt err2.txt
codes=$(cut -d' ' -f1 rc1.txt rc2.txt | sort | tr '\n' ' ')
[ "$codes" = "0 3 " ] || t_fail "exit codes: $codes, want 0 and 3"
for i in 1 2; do
	set -- $(cat "rc$i.txt")
	if [ "$1" = 3 ]; then
		# At once: well before the other run could have finished.
		[ "$2" -lt 1000 ] || t_fail "the locked-out run took $2 ms"
		[ "$(wc -l <"err$i.txt")" = 1 ] || t_fail "want one line on stderr"
		grep -q "another run holds the lock" "err$i.txt"
	else
		[ ! -s "err$i.txt" ] || t_fail "the working run printed something"
	fi
done
# The run that worked did the whole batch.
[ -f two/out/summary.xlsx ]
CASE

t_case "a lock left by a killed run does not block the next" <<'CASE'
mkdir -p killed/db
setsid "$IIREVIEW" run --inbox "$T/inbox" --db killed/db/ii.db --out killed/out \
	--rules "$TOP/rules" -q &
pid=$!
sleep 0.3
kill -9 -$pid 2>/dev/null || true
wait $pid || true
# The stage it was running may take a moment to die and drop the lock.
n=0
while kill -0 -$pid 2>/dev/null && [ $n -lt 100 ]; do
	sleep 0.1
	n=$((n + 1))
done
ii killed
[ -f killed/out/summary.xlsx ]
CASE

t_case "not on a terminal (cron): a good run prints nothing" <<'CASE'
mkdir -p cron/db
ii cron >out.txt 2>err.txt
ii cron >>out.txt 2>>err.txt
cat out.txt err.txt
[ ! -s out.txt ] && [ ! -s err.txt ]
CASE

t_case "not on a terminal: an error still reaches stderr, exit 2" <<'CASE'
rc=0
"$IIREVIEW" run --inbox "$T/none" --db cronerr/db/ii.db --out cronerr/out \
	--rules "$TOP/rules" >out.txt 2>err.txt || rc=$?
cat err.txt
[ $rc = 2 ] && [ ! -s out.txt ] && grep -q "does not exist (give --inbox DIR)" err.txt
CASE

if script -qec true /dev/null >/dev/null 2>&1; then
	t_case "on a terminal: one progress line per stage; -q: none" <<'CASE'
mkdir -p tty/db
script -qec "\"$IIREVIEW\" run --inbox \"$T/inbox\" --db tty/db/ii.db --out tty/out --rules \"$TOP/rules\"" /dev/null >tty.txt
cat tty.txt
for s in "1/5] ingest" "2/5] normalize" "3/5] evaluate" "4/5] aggregate" "5/5] output"; do
	grep -q "^\[$s  *[0-9.]* s" tty.txt || t_fail "no progress line for $s"
done
grep -q "^run: done in [0-9.]* s" tty.txt
script -qec "\"$IIREVIEW\" run -q --inbox \"$T/inbox\" --db tty/db/ii.db --out tty/out --rules \"$TOP/rules\"" /dev/null >ttyq.txt
cat ttyq.txt
[ ! -s ttyq.txt ]
CASE
else
	t_skip "on a terminal: progress lines" "script(1) (util-linux) cannot make a terminal here"
fi
