#!/bin/sh
# tests/e2e/safety.sh - nothing disappears by accident (issue 14).
#
# Each numbered case of the issue's "Why", run as written on the sample
# batch (samples/inbox, as `make run` builds it) in a work folder holding
# inbox/, rules/ and the database, with the new behaviour asserted:
#   1 a bundle that leaves the inbox (or an inbox empty for one run) keeps
#     its applications; back, it is present again; withdraw takes it out
#   2 a typo in --db creates nothing and leaves summary.xlsx as it was
#   3 a wrong --corrections path is refused before anything is done
#   4 an empty, blank or header-only corrections file does not stop the batch
#   5 bad corrections are refused with file:line; the last of several applies
#   6 set-up mistakes are found before any work and leave the tree as it was
#   7 a driver killed in each stage takes its stage with it
#   8 cron is told each problem once, and once more when it goes away
. "$(dirname "$0")/../lib.sh"

t_need safety sqlite3 python3
t_need_samples safety

B_=$IIREVIEW
NJ=南京市工信局-2019年工业互联网示范企业申报材料.zip

# The rows of 申报明细 as "推荐单位<TAB>申报编号", sorted: the applications the
# office hands on.  Read from the workbook's XML (no openpyxl needed).
details() {
	python3 - "$1" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
rid = dict(re.findall(r'<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]*)"', wb))["申报明细"]
rels = z.read("xl/_rels/workbook.xml.rels").decode()
target = [re.search(r'Target="([^"]*)"', r).group(1)
          for r in re.findall(r"<Relationship [^>]*>", rels) if f'Id="{rid}"' in r][0]
shared = []
if "xl/sharedStrings.xml" in z.namelist():
    for si in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S):
        shared.append("".join(re.findall(r"<t[^>]*>(.*?)</t>", si, re.S)))
sheet = z.read("xl/" + target.lstrip("/").replace("xl/", "", 1)).decode()
rows = []
for row in re.findall(r"<row [^>]*>(.*?)</row>", sheet, re.S):
    cells = {}
    for col, attrs, body in re.findall(r'<c r="([A-Z]+)\d+"([^>]*?)(?:/>|>(.*?)</c>)', row, re.S):
        if 't="inlineStr"' in attrs:
            v = "".join(re.findall(r"<t[^>]*>(.*?)</t>", body, re.S))
        elif 't="s"' in attrs:
            v = shared[int(re.search(r"<v>(.*?)</v>", body).group(1))]
        else:
            m = re.search(r"<v>(.*?)</v>", body or "")
            v = m.group(1) if m else ""
        cells[col] = v
    rows.append(cells)
assert rows and rows[0].get("A") == "申报编号" and rows[0].get("B") == "推荐单位", rows[:1]
for r in sorted("%s\t%s" % (c.get("B", ""), c.get("A", "")) for c in rows[1:] if c.get("A")):
    print(r)
PY
}

# Every file under out/ with its checksum, but summary.xlsx (rewritten at
# every run, and now listing the missing bundles) by name only.
outlist() {
	(cd "$1" && find . -type f ! -name summary.xlsx -exec sha256sum {} + | sort &&
		find . -name summary.xlsx)
}

# The whole work folder: every path with its type, every file's checksum.
tree() {
	(cd "$1" && find . -printf '%y %p\n' | LC_ALL=C sort &&
		find . -type f -exec sha256sum {} + | LC_ALL=C sort)
}

# A work folder as a new user makes one: the sample inbox, rules, and a first run.
REF=$T/ref
mkdir -p "$REF/inbox" "$T/hold"
cp -R "$TOP/samples/inbox/." "$REF/inbox/"
rm -f "$REF/inbox/.complete"
cp -RL "$TOP/rules" "$REF/rules"
(cd "$REF" && "$B_" run -q --packets) >"$T/ref.err" 2>&1 || {
	echo "FAIL $SCRIPT:reference run"
	sed 's/^/    /' "$T/ref.err"
	exit 0
}
details "$REF/out/summary.xlsx" >"$T/ref.details"
outlist "$REF/out" >"$T/ref.out"

# work NAME: a copy of the reference work folder, entered.
work() {
	cp -a "$REF" "$T/$1"
	cd "$T/$1"
}

t_case "1: a bundle that leaves the inbox and comes back keeps its rows, said once each way" <<'CASE'
work case1
grep -c "^南京市" "$T/ref.details" | grep -qx 8
mv inbox/南京市*.zip "$T/hold/"
"$B_" run --packets >o1 2>e1
cat e1
[ ! -s o1 ]
grep -q "^warning: 南京市: bundle $NJ missing from the inbox since" e1
details out/summary.xlsx | diff "$T/ref.details" -
outlist out | diff "$T/ref.out" -
"$B_" status | grep -q "^南京市  *missing "
"$B_" status | grep -q "bundle-missing since .*南京市: bundle $NJ missing"
# 总览 says so
unzip -p out/summary.xlsx xl/worksheets/sheet1.xml | grep -q "不在收件箱中"
# the next cron run says nothing
"$B_" run --packets >o2 2>e2
[ ! -s o2 ] && [ ! -s e2 ]
mv "$T/hold/"南京市*.zip inbox/
"$B_" run --packets >o3 2>e3
cat e3
[ ! -s o3 ]
grep -q "^resolved: 南京市: bundle $NJ missing from the inbox since" e3
[ "$(grep -c . e3)" = 1 ]
details out/summary.xlsx | diff "$T/ref.details" -
outlist out | diff "$T/ref.out" -
[ "$(sqlite3 iireview.db "SELECT state || coalesce(missing_since, '-') FROM bundles WHERE unit = '南京市'")" = current- ]
"$B_" status | grep -q "^no open problems"
CASE

t_case "1: an inbox empty for one run changes no output; the same bytes under another name are present again" <<'CASE'
work case1b
mkdir "$T/hold/b"
mv inbox/* "$T/hold/b/"
"$B_" run --packets 2>e1
grep -q "^warning: the inbox is empty" e1
[ "$(grep -c "missing from the inbox since" e1)" = 16 ]
details out/summary.xlsx | diff "$T/ref.details" -
outlist out | diff "$T/ref.out" -
ls out/defects | grep -c . | grep -qx "$(ls "$REF/out/defects" | grep -c .)"
mv "$T/hold/b/"* inbox/
# a clerk copies 南京市's file back under another name, with a new mtime
mv inbox/"$NJ" "$T/hold/nj.zip"
cp "$T/hold/nj.zip" inbox/南京市-重新拷贝.zip
n=$(sqlite3 iireview.db "SELECT count(*) FROM bundles")
"$B_" run --packets 2>e2
cat e2
[ "$(grep -c "^resolved: " e2)" = 17 ]
[ "$(sqlite3 iireview.db "SELECT count(*) FROM bundles")" = "$n" ]
[ "$(sqlite3 iireview.db "SELECT inbox_name || state FROM bundles WHERE unit = '南京市'")" = 南京市-重新拷贝.zipcurrent ]
details out/summary.xlsx | diff "$T/ref.details" -
# 南京市's correction list names the bundle by its new name: the same files, by name
(cd out && find . -type f | sort) | diff - "$(cd "$REF/out" && find . -type f | sort >"$T/ref.names"; echo "$T/ref.names")"
CASE

t_case "1: only 'iireview withdraw' with a reason takes a unit out; status and history say who and why" <<'CASE'
work case1c
app=$(grep "^南京市" "$T/ref.details" | head -n 1 | cut -f 2)
rc=0; "$B_" withdraw 南京市 2>e1 || rc=$?
[ $rc = 2 ] && grep -q -- "--reason TEXT is required" e1
rc=0; "$B_" withdraw 北京市 --reason x 2>e2 || rc=$?
[ $rc = 2 ] && grep -q "no current bundle or unit is named 北京市" e2
mv inbox/南京市*.zip "$T/hold/"
"$B_" run 2>/dev/null
"$B_" withdraw 南京市 --reason "推荐单位来函撤回" --by 王晓荣 >o3 2>e3
cat o3 e3
grep -q "^withdrawn: 南京市: $NJ (8 applications)" o3
# the missing-bundle problem is closed by the withdrawal
grep -q "^resolved: 南京市: bundle $NJ missing" e3
"$B_" run
! details out/summary.xlsx | grep -q "^南京市"
[ "$(details out/summary.xlsx | grep -c .)" = "$(($(grep -c . "$T/ref.details") - 8))" ]
"$B_" status | grep -A1 "^withdrawn by staff:" | grep -q "南京市 *$NJ (8 applications), .* by 王晓荣: 推荐单位来函撤回"
"$B_" history "$app" | grep -q "withdrawn .* by 王晓荣: 推荐单位来函撤回"
# its bytes coming back, under its name or another, do not undo a decision
mv "$T/hold/"南京市*.zip inbox/
cp inbox/"$NJ" inbox/南京市-再次报送.zip
n=$(sqlite3 iireview.db "SELECT count(*) FROM bundles")
"$B_" run
! details out/summary.xlsx | grep -q "^南京市"
[ "$(sqlite3 iireview.db "SELECT count(*) FROM bundles")" = "$n" ]
CASE

t_case "2: a typo in --db creates nothing and leaves summary.xlsx byte-identical" <<'CASE'
work case2
cp out/summary.xlsx "$T/case2.summary"
before=$(tree .)
for cmd in output normalize evaluate aggregate "collect $T/hold" status "history P1" \
	"withdraw 南京市 --reason x"; do
	rc=0
	"$B_" $cmd --db iirevew.db 2>"$T/err" || rc=$?
	cat "$T/err"
	[ $rc = 2 ] || t_fail "$cmd --db iirevew.db: exit $rc, want 2"
	grep -q "iirevew.db" "$T/err" && grep -q -- "--db" "$T/err"
done
[ ! -e iirevew.db ] && [ ! -e iirevew.db.lock ]
cmp out/summary.xlsx "$T/case2.summary"
[ "$before" = "$(tree .)" ]
# An existing but empty database (ingest of an empty folder) does not empty the workbook either.
mkdir empty
"$B_" ingest --inbox empty --db other.db -q
"$B_" output --db other.db 2>err
grep -q "holds no bundle: out/summary.xlsx and the other outputs are left as they are" err
cmp out/summary.xlsx "$T/case2.summary"
# 6 (issue's what-to-build): warnings and events on stderr, nothing on stdout, -v too
"$B_" run -v >o 2>e
[ ! -s o ] && grep -q "推荐单位" e
CASE

t_case "3: a --corrections path that does not exist is refused before anything is done" <<'CASE'
work case3
app=$(grep "^常州市	P" "$T/ref.details" | head -n 1 | cut -f 2)
printf '申报编号,字段,更正值,原因,更正人,日期\n%s,devices,4321,电话核实,王晓荣,2019-11-25\n' "$app" >corrections.csv
"$B_" run -q
[ "$(sqlite3 iireview.db "SELECT f.value FROM fields f JOIN applications a ON a.id = f.application_id JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' WHERE a.app_no = '$app' AND f.key = 'devices'")" = 4321 ]
before=$(tree .)
rc=0; "$B_" run --corrections correction.csv 2>"$T/err" || rc=$?
cat "$T/err"
[ $rc = 2 ] && grep -q "the corrections file correction.csv: No such file or directory (give --corrections FILE)" "$T/err"
[ "$before" = "$(tree .)" ]
# given on purpose and there, it is used; the default file may be absent
"$B_" run -q --corrections corrections.csv
rm corrections.csv
"$B_" run -q
CASE

t_case "4: an empty, blank or header-only corrections file does not stop the batch" <<'CASE'
work case4
: >corrections.csv
"$B_" run 2>e1
[ ! -s e1 ]
printf '\n\r\n  \n' >corrections.csv
"$B_" run 2>e2
[ ! -s e2 ]
printf '\357\273\277申报编号,字段,更正值,原因,更正人,日期\r\n\r\n' >corrections.csv
"$B_" run 2>e3
[ ! -s e3 ]
details out/summary.xlsx | diff "$T/ref.details" -
# no header: line 1 is refused with file:line, line 2 applies
app=$(grep "^常州市	P" "$T/ref.details" | head -n 1 | cut -f 2)
printf '%s,devices,1234\n%s,devices,4321\n' "$app" "$app" >corrections.csv
"$B_" run 2>e4
cat e4
grep -q "^warning: ./corrections.csv:1: correction refused: not the header 申报编号,字段,更正值,原因,更正人,日期" e4
[ "$(sqlite3 iireview.db "SELECT f.value FROM fields f JOIN applications a ON a.id = f.application_id JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' WHERE a.app_no = '$app' AND f.key = 'devices'")" = 4321 ]
CASE

t_case "5: a value that does not read, several lines for one field, an unknown 申报编号: refused or named by file:line" <<'CASE'
work case5
app=$(grep "^常州市	P" "$T/ref.details" | head -n 1 | cut -f 2)
q="SELECT coalesce(f.value, '-') || '|' || coalesce(f.raw, '-') || '|' || coalesce(f.original_raw, '-') FROM fields f JOIN applications a ON a.id = f.application_id JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' WHERE a.app_no = '$app' AND f.key = "
staff0=$(sqlite3 iireview.db "$q'staff'")
dev0=$(sqlite3 iireview.db "$q'devices'" | cut -d'|' -f 2)
rec0=$(sqlite3 iireview.db "SELECT s.recommended FROM assessments s JOIN applications a ON a.id = s.application_id JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' WHERE a.app_no = '$app'")
printf '申报编号,字段,更正值,原因,更正人,日期\n%s,人员数量,abc,电话核实,王晓荣,2019-11-25\n' "$app" >corrections.csv
"$B_" run 2>e0
cat e0
grep -q "^warning: ./corrections.csv:2: correction refused: $app staff \"abc\" does not read as 数量（整数）" e0
# the refused value leaves the form's; the recommendation does not move
[ "$(sqlite3 iireview.db "$q'staff'")" = "$staff0" ]
[ "$(sqlite3 iireview.db "SELECT s.recommended FROM assessments s JOIN applications a ON a.id = s.application_id JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' WHERE a.app_no = '$app'")" = "$rec0" ]
cat >>corrections.csv <<EOF
$app,devices,"2,000",a,王晓荣,2019-11-25
$app,devices,3000,b,王晓荣,2019-11-26
$app,devices,4000,c,王晓荣,2019-11-27
P91320000000000000X,devices,5,d,王晓荣,2019-11-27
EOF
"$B_" run 2>e1
cat e1
grep -q "^warning: ./corrections.csv: lines 3, 4, 5 all correct $app devices; only line 5 applies" e1
grep -q "^warning: ./corrections.csv:6: correction refused: no application P91320000000000000X" e1
# 8: the refusal said on the run before is not said again
[ "$(grep -c . e1)" = 2 ]
# the last line applies; 原填 is the form's own text, not another correction's
[ "$(sqlite3 iireview.db "$q'devices'")" = "4000|4000|$dev0" ]
# 8: the next cron run says nothing; the fix is said once
"$B_" run 2>e2
[ ! -s e2 ]
"$B_" status | grep -c "^  correction since" | grep -qx 3
sed -i '2d' corrections.csv
"$B_" run 2>e3
cat e3
[ "$(grep -c . e3)" = 1 ]
grep -q "^resolved: ./corrections.csv:2: correction refused: $app staff \"abc\"" e3
CASE

t_case "6: set-up mistakes are found before any work: exit 2, the option named, the tree as it was" <<'CASE'
mkdir case6 && cd case6
mkdir inbox
cp -R "$TOP/samples/inbox/." inbox/
cp -RL "$TOP/rules" rules
cp -RL "$TOP/rules" badrules
rm badrules/fields/factory.tsv
: >afile
try() {
	want=$1
	shift
	before=$(tree .)
	rc=0
	"$B_" "$@" 2>"$T/err" || rc=$?
	cat "$T/err"
	[ $rc = 2 ] || t_fail "$*: exit $rc, want 2"
	grep -q -- "$want" "$T/err" || t_fail "$*: no '$want' in the message"
	[ "$before" = "$(tree .)" ] || t_fail "$*: the tree changed"
}
try "give --rules DIR" run --rules norules
try "give --rules DIR" run --rules badrules
try "the inbox ./inbox2 does not exist (give --inbox DIR)" run --inbox ./inbox2
try "give --out DIR" run --out afile
try "give --out DIR" run --out afile/out
try "give --db FILE" run --db afile/iireview.db
try "give --store DIR" run --store afile
try "--db needs a value" output --db
try "--inbox needs a value" run --inbox
printf 'P1,devices,1\0\0\0binary' >bad.csv
try "the corrections file bad.csv cannot be read" run --corrections bad.csv
try "--db needs a value" run --db=
try "--out needs a value" run --out ""
mv rules rules.away
if [ ! -d /usr/local/share/iireview/rules ]; then
	try "give --rules DIR, or 'make install'" run
fi
mv rules.away rules
# the default inbox, named as the user would look for it
mv inbox inbox.away
try "the inbox ./inbox does not exist (give --inbox DIR)" run
mv inbox.away inbox
"$B_" run -q
[ -f out/summary.xlsx ]
"$B_" --version | grep -q "^iireview [0-9]"
CASE

# 7: the driver is killed (-9, or SIGTERM/SIGINT/SIGHUP to it alone) while a
# stage is surely running: the stage stops itself at a crash point
# (IIREVIEW_CRASH_AT=point:1:stop) and the driver is killed then.
# Stopped means state T (SIGSTOP): not t, the tracing stop LeakSanitizer puts
# a sanitized stage in while it checks for leaks at its exit.  $2, when
# given, is the stage the child must be running.
stage_pid() { # the child of $1, once it (or a worker of its own) has stopped at its point
	i=0
	while [ $i -lt 600 ]; do
		for c in $(ps -o pid= --ppid "$1"); do
			{ [ -z "${2:-}" ] || tr '\0' ' ' </proc/"$c"/cmdline 2>/dev/null | grep -q " $2"; } ||
				continue
			# output's worksheets are written by its workers (procpool.h)
			for p in $c $(ps -o pid= --ppid "$c"); do
				if awk '{ exit !($3 == "T") }' /proc/"$p"/stat 2>/dev/null; then
					echo "$c"
					return 0
				fi
			done
		done
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
gone_within_1s() {
	i=0
	while [ $i -lt 20 ]; do
		kill -0 "$1" 2>/dev/null || return 0
		# a zombie is gone as a process: it holds nothing
		awk '{ exit !($3 == "Z") }' /proc/"$1"/stat 2>/dev/null && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

for c in "ingest-commit KILL" "normalize-commit KILL" "evaluate-commit KILL" \
	"aggregate-commit KILL" "output-workbook KILL" "normalize-commit TERM" \
	"evaluate-commit INT" "output-workbook HUP"; do
	set -- $c
	t_case "7: SIG$2 to the driver during ${1%-*}: no process left within 1 s, the next run completes" <<CASE
mkdir case7-$1-$2 && cd case7-$1-$2
mkdir inbox && cp -R "\$TOP/samples/inbox/." inbox/ && cp -RL "\$TOP/rules" rules
IIREVIEW_CRASH_AT=$1:1:stop "\$B_" run -q 2>err &
driver=\$!
stage=\$(stage_pid \$driver ${1%-*}) || t_fail "the stage did not reach $1"
workers=\$(ps -o pid= --ppid \$stage || :)
kill -$2 \$driver
gone_within_1s \$stage || t_fail "stage \$stage still there 1 s after the driver"
for w in \$workers; do
	gone_within_1s \$w || t_fail "worker \$w of stage \$stage still there 1 s after the driver"
done
rc=0; wait \$driver || rc=\$?
cat err
if [ $2 != KILL ]; then
	[ \$rc = 1 ] || t_fail "driver exit \$rc after SIG$2, want 1"
	[ "\$(grep -c "interrupted" err)" = 1 ]
	grep -q "^run: interrupted by .* during ${1%-*}; the next run finishes the work" err
fi
"\$B_" run -q
details out/summary.xlsx | diff "\$T/ref.details" -
CASE
done

t_case "7: a stage run by hand is not tied to the shell that started it, as before" <<'CASE'
work case7h
sh -c 'IIREVIEW_CRASH_AT=aggregate-commit:1:stop "$0" aggregate -q & wait' "$B_" &
shell=$!
stage=$(stage_pid $shell) || t_fail "aggregate did not reach its point"
kill -9 $shell
sleep 0.5
kill -0 $stage
kill -CONT $stage
i=0
while kill -0 $stage 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
! kill -0 $stage 2>/dev/null
[ "$(sqlite3 iireview.db "SELECT status FROM runs WHERE stage = 'aggregate' ORDER BY id DESC LIMIT 1")" = 0 ]
CASE
