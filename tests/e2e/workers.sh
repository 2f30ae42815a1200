#!/bin/sh
# tests/e2e/workers.sh - output's worksheets written by worker processes
# (common/procpool.h, `iireview output-worker`) are the ones one process
# writes, and a worker that dies loses nothing.
. "$(dirname "$0")/../lib.sh"

t_need workers sqlite3 python3
t_need_samples workers

# Every workbook under $1 as "path<TAB>sha256 of its parts", docProps/core.xml
# (the time it was made) left out: the same content whatever wrote it.
contents() {
	python3 - "$1" <<'PY'
import hashlib, os, sys, zipfile
top = sys.argv[1]
for d, _, files in sorted(os.walk(top)):
    for f in sorted(files):
        p = os.path.join(d, f)
        h = hashlib.sha256()
        with zipfile.ZipFile(p) as z:
            for n in sorted(z.namelist()):
                if n != "docProps/core.xml":
                    h.update(n.encode() + b"\0" + z.read(n))
        print(os.path.relpath(p, top) + "\t" + h.hexdigest())
PY
}
# A work folder $1 with the sample batch, ingested, normalized, evaluated and
# aggregated: what output starts from.
prepare() {
	mkdir "$1" && cd "$1"
	mkdir inbox && cp -R "$TOP/samples/inbox/." inbox/ && cp -RL "$TOP/rules" rules
	for s in ingest normalize evaluate aggregate; do "$IIREVIEW" $s -q; done
	cd ..
}

# The pid of a worker of stage $1 once one has stopped (state T) at its
# crash point; fails after 20 s.
stopped_worker() {
	i=0
	while [ $i -lt 400 ]; do
		for w in $(ps -o pid= --ppid "$1"); do
			awk '{ exit !($3 == "T") }' /proc/$w/stat 2>/dev/null && echo $w && return 0
		done
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# Wake stage $1 and its workers whenever they stop, until the stage is done.
wake_until_done() {
	while kill -0 "$1" 2>/dev/null && ! awk '{ exit !($3 == "Z") }' /proc/"$1"/stat; do
		for p in "$1" $(ps -o pid= --ppid "$1"); do kill -CONT $p 2>/dev/null || :; done
		sleep 0.05
	done
}

# Run output with two workers, every process stopping at its $1th workbook;
# kill the first worker that stops there and wake the others.  Output's
# stderr is in err; returns output's exit status.
output_losing_a_worker() {
	IIREVIEW_JOBS=2 IIREVIEW_CRASH_AT=output-workbook:$1:stop "$IIREVIEW" output 2>err &
	stage=$!
	if ! victim=$(stopped_worker $stage); then
		kill -9 $stage
		echo "no worker stopped at its workbook $1" >&2
		return 1
	fi
	kill -9 $victim
	wake_until_done $stage
	rc=0
	wait $stage || rc=$?
	cat err
	return $rc
}

t_case "two workers write the worksheets one process writes, byte for byte" <<'CASE'
prepare one
cp -R one two
(cd one && IIREVIEW_JOBS=1 "$IIREVIEW" output -q)
(cd two && IIREVIEW_JOBS=2 "$IIREVIEW" output -q)
n=$(ls one/out/worksheets/*/*.xlsx | wc -l)
[ "$n" -ge 64 ] || t_fail "only $n worksheets: too few for workers to be used"
contents one/out/worksheets >one.txt
contents two/out/worksheets >two.txt
diff one.txt two.txt
# The summary workbook too, which a worker writes beside them.
mkdir one/s two/s && cp one/out/summary.xlsx one/s/ && cp two/out/summary.xlsx two/s/
[ "$(contents one/s)" = "$(contents two/s)" ]
# Both record every worksheet, with the same digests.
q="SELECT path, digest FROM outputs WHERE path LIKE 'worksheets/%' ORDER BY path"
[ "$(sqlite3 one/iireview.db "$q")" = "$(sqlite3 two/iireview.db "$q")" ]
[ "$(sqlite3 two/iireview.db "SELECT count(*) FROM outputs WHERE path LIKE 'worksheets/%'")" = "$n" ]
! find two/out -name '*.tmp*' | grep .
CASE

t_case "a worker killed mid-batch: its worksheets are written by the stage, none lost" <<'CASE'
prepare kill
cd kill
# Each process stops at its third workbook (the stage too, at its third unit
# list); one stopped worker is killed, and whatever stops is woken.
output_losing_a_worker 3 || t_fail "output failed after a worker died"
n=$(sqlite3 iireview.db "SELECT count(*) FROM applications a JOIN bundles b ON b.id = a.bundle_id WHERE b.state = 'current'")
[ "$(ls out/worksheets/*/*.xlsx | wc -l)" = "$n" ]
[ "$(sqlite3 iireview.db "SELECT count(*) FROM outputs WHERE path LIKE 'worksheets/%'")" = "$n" ]
! find out -name '*.tmp*' | grep .
CASE

t_case "a worksheet a worker cannot write fails the stage, naming it; the next run writes it" <<'CASE'
prepare bad
cd bad
mkdir -p out/worksheets
# A file where a unit's worksheet folder goes.
unit=$(sqlite3 iireview.db "SELECT unit FROM bundles WHERE state = 'current' AND unit IS NOT NULL ORDER BY unit LIMIT 1")
: >"out/worksheets/$unit"
rc=0; IIREVIEW_JOBS=2 "$IIREVIEW" output -q 2>err || rc=$?
cat err
[ $rc = 1 ]
grep -q "worksheet worksheets/$unit/.* not written" err
# Nothing recorded from the failed run: the next one writes it all.
[ "$(sqlite3 iireview.db "SELECT count(*) FROM outputs")" = 0 ]
rm "out/worksheets/$unit"
IIREVIEW_JOBS=2 "$IIREVIEW" output -q
ls "out/worksheets/$unit/"*.xlsx >/dev/null
CASE

t_case "a summary worker that dies: the stage writes summary.xlsx itself" <<'CASE'
prepare sum
cd sum
IIREVIEW_JOBS=2 "$IIREVIEW" output -q
rm out/summary.xlsx
# An unchanged rerun: no worksheet to write, the summary in its worker,
# which stops at it and is killed there; the stage (stopping at its own
# first workbook, and woken) writes it.
output_losing_a_worker 1 || t_fail "output failed after its summary worker died"
test -f out/summary.xlsx
[ "$(sqlite3 iireview.db "SELECT count(*) FROM outputs WHERE path = 'summary.xlsx'")" = 1 ]
! find out -name '*.tmp*' | grep .
CASE

t_case "IIREVIEW_JOBS that is no number is said and ignored" <<'CASE'
prepare env
cd env
IIREVIEW_JOBS=lots "$IIREVIEW" output -q 2>err
grep -q "IIREVIEW_JOBS=lots is not a number" err
CASE
