#!/bin/sh
# Crash safety (issue 7 §3): a run killed at any moment, then run again,
# gives the same database and out/ as a run never interrupted.
#
# Each case starts from an empty database, kills `iireview run` part-way
# (IIREVIEW_CRASH_AT=name:N, see common/crashpoint.h, or kill -9 of the
# whole process group after a delay), checks PRAGMA integrity_check, runs
# again without the crash and compares a canonical dump (natural keys, no
# ids, times or inode numbers) and the files under out/ and the store with
# the uninterrupted reference.
#
# CRASH_ROUNDS=N repeats every case N times (default 1 for CI; issue 7's
# "ten times in a row" is CRASH_ROUNDS=10, figures in docs/operations.md).
. "$(dirname "$0")/../lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	t_skip "crash" "the sqlite3 command-line tool is not installed"
	exit 0
fi
export LC_ALL=C.UTF-8
unset IIREVIEW_CRASH_AT
ROUNDS=${CRASH_ROUNDS:-1}
# Crash points and the pass at which to die: inside ingest (an entry stored
# but not recorded, a bundle's transaction complete but not committed),
# inside the transactions of normalize and evaluate, and while writing a
# workbook (written under its temporary name, not yet renamed), and with
# every output in place and synced but not yet recorded.
POINTS=${CRASH_POINTS:-"ingest-entry:1 ingest-entry:40 ingest-commit:2 normalize-commit:1
normalize-commit:3 evaluate-commit:5 output-workbook:1 output-workbook:7 output-commit:1"}
# Delays (seconds) before the kill -9 of the random-moment cases; each
# round starts at another place in the list, so rounds differ.
DELAYS="0.05 0.3 1.1 0.6 1.7 0.15 2.2 0.9 1.4 0.45 2.6"
KILLS=${CRASH_KILLS:-5}

# The incremental cases: a rerun after 南京市 sent a corrected bundle (same
# name, other content), killed part-way.
INCR_POINTS=${CRASH_INCR_POINTS:-"ingest-entry:3 ingest-commit:1 normalize-commit:1
evaluate-commit:2 output-workbook:2 output-commit:1"}

"$GEN" --seed 11 --units 4 --per-unit 6 --out "$T/inbox" --truth "$T/truth.tsv" >/dev/null
"$GEN" --seed 12 --units 1 --per-unit 5 --out "$T/nj" --truth "$T/nj.tsv" >/dev/null
cp -R "$T/inbox" "$T/inbox2"
cp "$T/nj/"* "$T/inbox2/"
INBOX=$T/inbox

# ii DIR [options]: the pipeline on $INBOX with its database, store and out/
# under DIR.
ii() {
	_d=$1
	shift
	"$IIREVIEW" run --inbox "$INBOX" --db "$_d/db/ii.db" --out "$_d/out" \
		--rules "$TOP/rules" --packets "$@"
}

# dump DIR: everything a run decides, without ids, times or inode numbers,
# each table joined on its natural keys and in a fixed order.
dump() {
	sqlite3 -batch "$1/db/ii.db" <<'SQL'
.mode list
.separator " | "
.nullvalue NULL
SELECT 'blob', sha256, size FROM blobs ORDER BY 2;
SELECT 'bundle', b.inbox_name, b.kind, b.sha256, b.size, b.format, b.unit, b.unit_source,
       b.state, b.files, b.normalized, s.inbox_name
  FROM bundles b LEFT JOIN bundles s ON s.id = b.superseded_by
  ORDER BY 2, 4, 9;
SELECT 'file', b.inbox_name, b.state, f.path, hex(f.raw_name), f.name_encoding, p.path, f.depth,
       f.sha256, f.size, f.kind, f.attachment_kind, f.enterprise, a.app_no, a.enterprise
  FROM files f JOIN bundles b ON b.id = f.bundle_id
  LEFT JOIN files p ON p.id = f.parent_id
  LEFT JOIN applications a ON a.id = f.application_id
  ORDER BY 2, 3, 4, 9;
SELECT 'application', b.inbox_name, b.state, a.app_no, a.type, a.enterprise, a.credit_code,
       a.direction, a.normalized, f.path
  FROM applications a JOIN bundles b ON b.id = a.bundle_id
  LEFT JOIN files f ON f.id = a.form_file_id
  ORDER BY 2, 3, 4, 6, 10;
SELECT 'field', a.app_no, a.enterprise, x.key, x.raw, x.value, x.num, x.status, x.flags,
       x.original_raw, x.original_value, x.correction
  FROM fields x JOIN applications a ON a.id = x.application_id
  ORDER BY 2, 3, 4;
SELECT 'summary_row', b.inbox_name, f.path, r.table_type, r.row, r.seq, r.enterprise,
       r.direction, r.project, r.contact, r.mobile, r.location, r.cluster, a.app_no
  FROM summary_rows r JOIN bundles b ON b.id = r.bundle_id
  JOIN files f ON f.id = r.file_id
  LEFT JOIN applications a ON a.id = r.application_id
  ORDER BY 2, 3, 4, 5;
SELECT 'verdict', a.app_no, a.enterprise, v.criterion, v.direction, v.clause, v.kind,
       v.requirement, v.value_used, v.threshold, v.result, v.detail
  FROM verdicts v JOIN applications a ON a.id = v.application_id
  ORDER BY 2, 3, 4, 5;
SELECT 'assessment', a.app_no, a.enterprise, s.declared, s.recommended, s.basic_ok,
       s.gates_ok, s.gates_passed, s.gates_total, s.priorities, s.score, s.score_detail,
       s.rules_digest
  FROM assessments s JOIN applications a ON a.id = s.application_id
  ORDER BY 2, 3;
SELECT 'ranking', a.app_no, a.enterprise, r.category, r.rank, r.score
  FROM rankings r JOIN applications a ON a.id = r.application_id
  ORDER BY 2, 3;
SELECT 'defect', d.stage, b.inbox_name, b.state, f.path, a.app_no, d.code, d.field, d.raw,
       d.detail
  FROM defects d LEFT JOIN bundles b ON b.id = d.bundle_id
  LEFT JOIN files f ON f.id = d.file_id
  LEFT JOIN applications a ON a.id = d.application_id
  ORDER BY 2, 3, 4, 5, 6, 7, 8, 9, 10;
-- summary.xlsx's digest covers whole tables, ids and times of receipt
-- included (out_summary_digest): a run at another time differs there.
SELECT 'output', path, CASE WHEN path = 'summary.xlsx' THEN '(whole tables)' ELSE digest END
  FROM outputs ORDER BY 2;
SQL
	(cd "$1/out" && find . | LC_ALL=C sort | sed 's/^/out /')
	(cd "$1/db/store" && find . -path ./tmp -prune -o -print | LC_ALL=C sort | sed 's/^/store /')
}

# check DIR: the database is sound, nothing temporary is left, and the
# rerun's state is the reference's.
check() {
	sqlite3 "$1/db/ii.db" "PRAGMA integrity_check" >ic.txt
	[ "$(cat ic.txt)" = ok ] || t_fail "integrity_check: $(head -5 ic.txt)"
	left=$(find "$1/out" -name '*.tmp[0-9]*' -o -name '.*-目录.xlsx' -o -name 'tmp.??????????')
	left=$left$(find "$1/db/store/tmp" -mindepth 1 2>/dev/null)
	[ -z "$left" ] || t_fail "temporary files left: $left"
	dump "$1" >"$1.dump"
	diff -u "$T/${2:-ref}.dump" "$1.dump" >"$1.diff" || t_fail "$1 differs from the reference:
$(head -40 "$1.diff")"
}

t_case "reference: an uninterrupted run, and a second one changes nothing" <<'CASE'
ii ref -q
dump ref >"$T/ref.dump"
grep -q '^assessment ' "$T/ref.dump"
grep -q '^ranking ' "$T/ref.dump"
grep -q '^out ./summary.xlsx$' "$T/ref.dump"
ii ref -q
dump ref >ref2.dump
diff -u "$T/ref.dump" ref2.dump
CASE

t_case "reference of the incremental cases: the corrected bundle replaces the old one" <<'CASE'
cp -a ref ref2
INBOX=$T/inbox2 ii ref2 -q
dump ref2 >"$T/ref2.dump"
n=$(sqlite3 ref2/db/ii.db "SELECT count(*) FROM applications a JOIN bundles b ON b.id = a.bundle_id
	WHERE b.unit = '南京市' AND b.state = 'current'")
[ "$n" = 5 ] || t_fail "南京市 has $n current applications, want 5"
grep -q "superseded" "$T/ref2.dump"
! diff -q "$T/ref.dump" "$T/ref2.dump" >/dev/null
CASE

t_case "what a killed output leaves (temporaries, spool files, a packet's index) goes at the next run" <<'CASE'
cp -a ref left
u=$(ls left/out/worksheets | head -1)
: >"left/out/summary.xlsx.tmp4242"
: >"left/out/worksheets/$u/tmp.Ab3dEf9hIj"
: >"left/out/packets/.标杆工厂-目录.xlsx"
: >"left/out/defects/$u.xlsx.tmp17"
ii left -q
check left
CASE

# kill_then_rerun DIR POINT: a run in DIR killed at the crash point, then a
# whole run again.
kill_then_rerun() {
	rc=0
	IIREVIEW_CRASH_AT=$2 ii "$1" -q 2>err.txt || rc=$?
	cat err.txt
	[ $rc -ne 0 ] || t_fail "the run with IIREVIEW_CRASH_AT=$2 was not killed (exit 0)"
	grep -q "killed by signal 9" err.txt || t_fail "no stage was killed"
	ii "$1" -q
}

round=1
while [ "$round" -le "$ROUNDS" ]; do
	for p in $POINTS; do
		t_case "round $round: killed at $p, rerun gives the uninterrupted result" <<CASE
d=c$round-\$(echo $p | tr : -)
kill_then_rerun "\$d" $p
check "\$d"
CASE
	done
	for p in $INCR_POINTS; do
		t_case "round $round: a rerun after a corrected bundle, killed at $p, rerun gives the uninterrupted result" <<CASE
d=i$round-\$(echo $p | tr : -)
cp -a ref "\$d"
export INBOX="$T/inbox2"
kill_then_rerun "\$d" $p
check "\$d" ref2
CASE
	done
	i=1
	while [ "$i" -le "$KILLS" ]; do
		# shellcheck disable=SC2086
		set -- $DELAYS
		n=$(((round * KILLS + i) % $#))
		shift "$n"
		delay=$1
		t_case "round $round: kill -9 of the whole run after ${delay} s, rerun gives the uninterrupted result" <<CASE
d=k$round-$i
mkdir -p "\$d"
# Its own process group, so that the stage it is running dies with it, as
# when the machine stops or cron's session is killed.
setsid "$IIREVIEW" run --inbox "$T/inbox" --db "\$d/db/ii.db" --out "\$d/out" \
	--rules "$TOP/rules" -q 2>err.txt &
pid=\$!
sleep $delay
pg=\$(ps -o pgid= -p \$pid | tr -d ' ')
if [ -n "\$pg" ]; then
	[ "\$pg" = \$pid ] || t_fail "setsid did not make a process group (\$pg, \$pid)"
	kill -9 -\$pg 2>/dev/null || true
	echo "killed after $delay s"
else
	echo "the run had ended before $delay s"
fi
rc=0
wait \$pid || rc=\$?
echo "exit \$rc"
# The stage it was running may take a moment to die (and drop the lock).
n=0
while kill -0 -\$pid 2>/dev/null && [ \$n -lt 100 ]; do
	sleep 0.1
	n=\$((n + 1))
done
ii "\$d" -q
check "\$d"
CASE
		i=$((i + 1))
	done
	round=$((round + 1))
done
