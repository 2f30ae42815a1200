#!/bin/sh
# The hostile-input corpus of issue 10 §3 (tests/hostile/make.sh): each
# hostile bundle beside a good one through the whole pipeline, which must
# give the bundle's defect (or read it safely), in bounded time and memory,
# write nothing outside its folders, still process the good bundle, and
# write table cells that look like formulas as text.
. "$(dirname "$0")/../lib.sh"

for tool in bsdtar cc sqlite3; do
	if ! command -v $tool >/dev/null 2>&1; then
		t_skip "hostile" "$tool is not installed"
		exit 0
	fi
done
export LC_ALL=C.UTF-8
H=$T/hostile
marker=$T/.marker
: >"$marker"
cc -std=c11 -O2 -o "$T/hgen" "$TOP/tests/hostile/gen.c" -lz 2>"$T/gen.err" ||
	{ t_skip "hostile" "cannot build tests/hostile/gen.c: $(cat "$T/gen.err")"; exit 0; }
if ! sh "$TOP/tests/hostile/make.sh" "$T/hgen" "$H" "$GEN" >"$T/make.log" 2>&1; then
	echo "FAIL $SCRIPT:the corpus builds"
	sed 's/^/    /' "$T/make.log" | tail -n 20
	exit 0
fi
while IFS="$(printf '\t')" read -r name why; do
	t_skip "hostile $name" "$why"
done <"$H/skipped"

# Sanitizer builds map terabytes and use several times the memory: the
# bound is for the normal build.
# The time bound likewise (make check-asan exports SAN).
if [ -n "${ASAN_OPTIONS:-}${SAN:-}" ]; then
	max_rss_kb=1048576 max_secs=300
else
	max_rss_kb=262144 max_secs=60
fi

# hostile_run CASE BUNDLE EXPECTED: the pipeline on the bundle and the good one.
hostile_run() {
	d=$T/c-$1
	rm -rf "$d" && mkdir -p "$d/inbox" "$d/db"
	cp "$H/bundles/$2" "$d/inbox/"
	cp "$H/good.zip" "$d/inbox/南京市-申报材料.zip"
	cd "$d"
	set +e
	/usr/bin/time -f '%M %e' -o time.txt timeout $max_secs "$IIREVIEW" run -q --inbox inbox \
		--db db/ii.db --out out --rules "$TOP/rules" 2>err.txt
	rc=$?
	set -e
	cat err.txt
	[ $rc = 0 ] || t_fail "$2: exit $rc (124: over $max_secs s)"
	read -r rss secs <time.txt
	echo "$2: max RSS ${rss} KiB, ${secs} s"
	[ "$rss" -le $max_rss_kb ] || t_fail "$2: max RSS $rss KiB"
	got=$(sqlite3 db/ii.db "SELECT DISTINCT d.code FROM defects d JOIN bundles b ON b.id = d.bundle_id WHERE b.inbox_name = '$2' ORDER BY 1")
	echo "$2: defects:" $got
	if [ "$3" != - ]; then
		echo "$got" | grep -Eqx "$3" || t_fail "$2: expected $3"
	fi
	# The good bundle still processed, through to the outputs.
	n=$(sqlite3 db/ii.db "SELECT count(*) FROM applications a JOIN bundles b ON b.id = a.bundle_id WHERE b.unit = '南京市' AND b.state = 'current'")
	[ "$n" = 2 ] || t_fail "the good bundle gave $n applications, not 2"
	[ -f out/summary.xlsx ] || t_fail "no out/summary.xlsx"
	# Nothing left the run's folder: no escape file, nothing through the link,
	# the external entity's secret not copied anywhere.
	[ -z "$(ls -A "$H/outside" | grep -v '^secret.txt$')" ] || t_fail "written into outside/"
	[ -z "$(find "$T" / -maxdepth 2 -name '*iireview-hostile-escape*' ! -path "$H/*" 2>/dev/null)" ] ||
		t_fail "an escape file was written"
	! grep -rl iireview-hostile-secret db out 2>/dev/null | grep . || t_fail "the external entity was read"
	sqlite3 db/ii.db "PRAGMA integrity_check" | grep -qx ok
}

while IFS="$(printf '\t')" read -r name bundle expected; do
	t_case "hostile $name: ${expected}, bounded, the good bundle goes on" <<CASE
hostile_run "$name" "$bundle" "$expected"
CASE
done <"$H/cases"

t_case "cells that look like formulas are written as text in every workbook" <<'CASE'
[ -d "$T/c-xlsx-formula/out" ] || { echo "no formula case (see the skips)"; exit 0; }
cd "$T/c-xlsx-formula"
n=0
for x in $(find out -name '*.xlsx'); do
	rm -rf x && mkdir x && bsdtar -xf "$x" -C x
	# No formula anywhere holds the table's text.
	if grep -ho '<f>[^<]*</f>' x/xl/worksheets/*.xml | grep -E '1\+2|SUM\(A1\)'; then
		t_fail "$x: a formula from the input"
	fi
	cat x/xl/sharedStrings.xml x/xl/worksheets/*.xml 2>/dev/null | grep -q '+1+2达润' && n=$((n + 1))
done
echo "workbooks holding the cells as text: $n"
[ $n -ge 1 ] || t_fail "the cells are in no workbook"
CASE

# Regression (found by this corpus): an attachment in a folder without a
# form, below the form's folder, made ingest loop for ever; and a bundle of
# 100,000 entries took minutes to bind (entries squared).
t_case "an attachment in a sub-folder of the form's folder is tied to that form" <<'CASE'
. "$TOP/tests/mkdocs.sh"
rm -rf sub && mk_unit_dir sub/u 泰兴 1 && mkdir -p sub/inbox sub/db
d=$(ls -d sub/u/1-*) && mkdir "$d/附件" && mv "$d/营业执照.pdf" "$d/附件/"
(cd sub/u && bsdtar --format zip -cf ../inbox/泰兴市.zip .)
timeout 60 "$IIREVIEW" ingest --inbox sub/inbox --db sub/db/ii.db
n=$(sqlite3 sub/db/ii.db "SELECT count(*) FROM files WHERE path LIKE '%附件/营业执照.pdf' AND application_id IS NOT NULL")
[ "$n" = 1 ]
CASE

# Nothing escaped: every entry that tries to leave its bundle carries the
# name iireview-hostile-escape (tests/hostile/make.sh), so a file of that
# name anywhere but in the test's own folder, where the archives were made,
# is an escape.  Looking for the name, not for any newer file, keeps the
# test deterministic on a machine where other programs write too.
t_case "nothing was written outside the test's folder" <<'CASE'
if [ -n "${HOSTILE_NO_FIND:-}" ]; then echo "HOSTILE_NO_FIND set: skipped"; exit 0; fi
# Other test runs' folders (kept by KEEP_TEST_DIRS, or left by a killed run) hold the name too.
find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path "$T" \
	-o -path "$(dirname "$T")/iireview-e2e-*" \) -prune \
	-o -name '*iireview-hostile-escape*' -print 2>/dev/null >changed.txt || :
cat changed.txt
[ ! -s changed.txt ]
CASE
