#!/bin/sh
# End-to-end test of the reviewer round trip (issue 8, docs/review.md): the
# pipeline makes the worksheets of a small generated batch, three reviewers
# fill them, `iireview collect` reads them back.  Checked: the final ranking
# (mean of the reviewers' totals, automatic score as tiebreak), the
# disagreement flag, the refusal of a worksheet made before the application
# changed (STALE_WORKSHEET), the replacement of a reviewer's earlier file by
# a later one, and that collecting twice changes nothing.
#
# The worksheets are filled twice over, in separate databases: with
# /usr/bin/python3 + openpyxl (as a reviewer's Excel would save them; skipped
# where missing) and with build/tests/test_collect --fill (libxlsxwriter),
# so that the round trip is tested without python too.
. "$(dirname "$0")/../lib.sh"
export LC_ALL=C.UTF-8
PY=/usr/bin/python3
FILLER=$B/tests/test_collect

"$GEN" --seed 5 --units 2 --per-unit 4 --out "$T/inbox0" --truth "$T/truth.tsv" >/dev/null 2>&1

# fill MODE IN OUT REVIEWER SCORE: 符合 and SCORE in every criteria row.
fill() {
	if [ "$1" = py ]; then
		$PY - "$2" "$3" "$4" "$5" <<'PY'
import sys, openpyxl
src, dst, name, score = sys.argv[1:5]
wb = openpyxl.load_workbook(src)
ws = wb["评审表"]
header = None
for row in ws.iter_rows():
    a = row[0]
    if a.value == "评审专家":
        ws.cell(a.row, 2).value = name
    elif a.value == "条款":
        header = a.row
    elif header and a.value:
        ws.cell(a.row, 8).value = "符合"
        ws.cell(a.row, 9).value = float(score)
        ws.cell(a.row, 10).value = "已核"
wb.save(dst)
PY
	else
		"$FILLER" --fill "$2" "$3" "$4" "$5"
	fi
}

# scenario MODE: the whole round trip in $T/MODE.
scenario() {
	mode=$1
	W=$T/$mode
	mkdir -p "$W/db" "$W/ret/a" "$W/late"
	cp -r "$T/inbox0" "$W/inbox"
	ii() { "$IIREVIEW" "$@" --db "$W/db/ii.db" --rules "$TOP/rules" --out "$W/out"; }
	q() { sqlite3 "$W/db/ii.db" "$@"; }

	t_case "$mode: the pipeline makes the worksheets" <<'CASE'
ii run --inbox "$W/inbox" -q
test "$(ls "$W"/out/worksheets/*/*.xlsx | wc -l)" = 8
CASE

	# Ranked applications by category, best automatic score first; each
	# reviewer gives per row 5 + the position from the top, so the
	# reviewers reverse the automatic order inside every category.
	q "SELECT s.recommended, a.app_no, b.unit FROM applications a
	   JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current'
	   JOIN assessments s ON s.application_id = a.id
	   WHERE s.recommended <> '不予推荐' ORDER BY s.recommended, s.score DESC" >"$W/apps.txt"
	# How many worksheets come back follows from the batch: N applications, three reviewers.
	N=$(wc -l <"$W/apps.txt")

	t_case "$mode: three reviewers fill the worksheets" <<'CASE'
prev=; pos=0
while IFS='|' read -r cat no unit; do
	[ "$cat" = "$prev" ] && pos=$((pos + 1)) || pos=0
	prev=$cat
	s=$((5 + pos))
	for r in 甲专家 乙专家 丙专家; do
		fill $mode "$W/out/worksheets/$unit/$no.xlsx" "$W/ret/a/$r-$no.xlsx" "$r" $s
	done
	echo "$no $s" >>"$W/scores.txt"
done <"$W/apps.txt"
# The first application: 丙 disagrees (zero everywhere).
first=$(head -n 1 "$W/apps.txt" | cut -d'|' -f2); unit=$(head -n 1 "$W/apps.txt" | cut -d'|' -f3)
fill $mode "$W/out/worksheets/$unit/$first.xlsx" "$W/ret/a/丙专家-$first.xlsx" 丙专家 0
# Half of them come in a zip, in a sub-folder.
(cd "$W/ret/a" && ls 乙专家-*.xlsx | bsdtar --format zip -cf ../乙专家.zip -T - && rm 乙专家-*.xlsx)
touch -d '2019-12-01 10:00' "$W"/ret/a/*.xlsx "$W/ret/乙专家.zip"
ls "$W/ret/a" | wc -l | grep -qx $((2 * N))
CASE

	t_case "$mode: collect stores every review and rewrites summary.xlsx" <<'CASE'
ii collect "$W/ret" 2>err.txt || { cat err.txt; exit 1; }
cat err.txt
grep -q "$((3 * N)) worksheets: $((3 * N)) new" err.txt
test "$(q "SELECT count(*) FROM reviews WHERE state = 'current'")" = $((3 * N))
# Every criteria row's mark kept with its cell and the file it came from.
test "$(q "SELECT count(*) FROM review_marks m JOIN reviews r ON r.id = m.review_id
	WHERE m.opinion = '符合' AND m.cells LIKE 'H%:J%'")" = \
	"$(q "SELECT count(*) FROM verdicts v JOIN applications a ON a.id = v.application_id
	JOIN reviews r ON r.app_no = a.app_no")"
test "$(q "SELECT count(*) FROM reviews WHERE path LIKE '乙专家.zip/乙专家-%.xlsx'")" = $N
# Totals: the score times the rows.
while read -r no s; do
	rows=$(q "SELECT count(*) FROM verdicts v JOIN applications a ON a.id = v.application_id
		JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' WHERE a.app_no = '$no'")
	test "$(q "SELECT cast(total AS int) FROM reviews WHERE app_no = '$no' AND reviewer = '甲专家'")" = $((s * rows))
done <"$W/scores.txt"
unzip -p "$W/out/summary.xlsx" xl/workbook.xml | grep -q '评审结果-标杆工厂'
unzip -p "$W/out/summary.xlsx" xl/workbook.xml | grep -q '评审进度'
CASE

	if [ "$mode" = py ]; then
		t_case "$mode: 评审结果 ranks by mean, flags the disagreement" <<'CASE'
$PY - "$W/out/summary.xlsx" "$W/apps.txt" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
apps = [l.split("|") for l in open(sys.argv[2], encoding="utf-8").read().split("\n") if l]
cats = ["跨行业跨领域", "行业级", "企业级", "重点培育", "标杆工厂"]
assert wb.sheetnames[-6:] == ["评审结果-" + c for c in cats] + ["评审进度"], wb.sheetnames
first = apps[0][1]
for c in cats:
    rows = list(wb["评审结果-" + c].iter_rows(min_row=2, values_only=True))
    want = [a[1] for a in apps if a[0] == c]
    # Reviewers reversed the automatic order (丙's zeros make the first one last anyway).
    got = [r[1] for r in rows]
    assert sorted(got) == sorted(want), (c, got, want)
    means = [r[5] for r in rows]
    assert means == sorted(means, reverse=True), (c, means)
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1)), rows
    for r in rows:
        assert r[4] == 3 and r[11] == "已完成", r
        assert (r[12] == "是") == (r[1] == first), r
        assert r[13] == "丙专家、乙专家、甲专家", r
    if len(want) > 1 and first not in want:
        assert got == list(reversed(want)), (c, got, want)
prog = list(wb["评审进度"].iter_rows(values_only=True))
assert prog[0][:7] == ("申报编号", "申报企业名称", "推荐单位", "建议方向", "已收回", "应收回", "尚缺")
assert all(r[4] == 3 and r[5] == 3 and r[6] == 0 for r in prog[1:len(apps) + 1]), prog
people = [r for r in prog if r[0] in ("甲专家", "乙专家", "丙专家")]
n = len(apps)
assert [(r[0], r[1], r[2]) for r in people] == [("丙专家", n, 0), ("乙专家", n, 0), ("甲专家", n, 0)], people
PY
CASE
	else
		t_case "$mode: the disagreement flag and the order, from the database" <<'CASE'
first=$(head -n 1 "$W/apps.txt" | cut -d'|' -f2)
spread=$(q "SELECT max(total) - min(total) FROM reviews WHERE app_no = '$first' AND state = 'current'")
awk -v s="$spread" 'BEGIN { exit !(s > 20) }'
unzip -p "$W/out/summary.xlsx" 'xl/worksheets/sheet*.xml' | grep -q '尚缺'
CASE
	fi

	t_case "$mode: collecting twice changes nothing" <<'CASE'
dump() { q "SELECT * FROM reviews ORDER BY id; SELECT * FROM review_marks ORDER BY review_id, seq;
	SELECT * FROM review_files ORDER BY sha256; SELECT count(*) FROM blobs"; }
dump >before.txt
ii collect "$W/ret" 2>err.txt
grep -q "$((3 * N)) worksheets: 0 new, 0 replacing an earlier one, $((3 * N)) unchanged" err.txt
dump >after.txt
cmp before.txt after.txt
CASE

	t_case "$mode: a later file of the same reviewer replaces the earlier, and it is said" <<'CASE'
no=$(sed -n 2p "$W/apps.txt" | cut -d'|' -f2); unit=$(sed -n 2p "$W/apps.txt" | cut -d'|' -f3)
fill $mode "$W/out/worksheets/$unit/$no.xlsx" "$W/ret/甲专家-$no-更正.xlsx" 甲专家 10
touch -d '2019-12-02 10:00' "$W/ret/甲专家-$no-更正.xlsx"
ii collect "$W/ret" 2>err.txt
cat err.txt
grep -q "甲专家 reviewed $no already in a/甲专家-$no.xlsx; this later file replaces it (REVIEW_DUPLICATE)" err.txt
test "$(q "SELECT path FROM reviews WHERE app_no = '$no' AND reviewer = '甲专家' AND state = 'current'")" = "甲专家-$no-更正.xlsx"
test "$(q "SELECT count(*) FROM reviews WHERE app_no = '$no' AND reviewer = '甲专家' AND state = 'replaced'")" = 1
test "$(q "SELECT count(*) FROM reviews WHERE state = 'current'")" = $((3 * N))
CASE

	t_case "$mode: a worksheet made before the application changed is refused (STALE_WORKSHEET)" <<'CASE'
cd "$W"
# A reviewed application of 南京市 whose mobile number is written whole in its form.
q "SELECT a.app_no, a.enterprise, f.raw FROM applications a
   JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' AND b.unit = '南京市'
   JOIN fields f ON f.application_id = a.id AND f.key = 'contact_mobile'
   WHERE f.raw GLOB '1[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'
     AND a.app_no IN (SELECT app_no FROM reviews)
   ORDER BY a.app_no LIMIT 1" >stale.txt
IFS='|' read -r no ent mobile <stale.txt
fill $mode "$W/out/worksheets/南京市/$no.xlsx" "$W/late/丁专家-$no.xlsx" 丁专家 7
# The unit sends a corrected bundle: one digit of the mobile number changed.
zip=$(ls "$W"/inbox/南京*.zip)
rm -rf u && mkdir u && (cd u && bsdtar -xf "$zip")
form=$(ls u/*"$ent"/*.docx | head -n 1)
mkdir d && (cd d && bsdtar -xf "../$form")
new=$(echo "$mobile" | sed 's/.$/0/'); [ "$new" != "$mobile" ] || new=$(echo "$mobile" | sed 's/.$/1/')
sed -i "s/$mobile/$new/g" d/word/document.xml
grep -q "$new" d/word/document.xml
# Entries named as in the original (no ./ prefix), or the form is no docx.
(cd d && bsdtar --format zip -cf "../$form" -- *)
sleep 1
rm "$zip" && (cd u && bsdtar --format zip -cf "$zip" -- *)
ii run --inbox "$W/inbox" -q
ii collect "$W/late" 2>err.txt || true
cat err.txt
grep -q "丁专家-$no.xlsx: B13: 版本标识 .* (STALE_WORKSHEET)" err.txt
grep -q "1 refused" err.txt
test "$(q "SELECT count(*) FROM reviews WHERE reviewer = '丁专家'")" = 0
test "$(q "SELECT status || ' ' || code FROM review_files WHERE path = '丁专家-$no.xlsx'")" = "rejected STALE_WORKSHEET"
# The earlier reviews of that application no longer count: incomplete now.
ii collect "$W/ret" 2>/dev/null
unzip -p "$W/out/summary.xlsx" 'xl/worksheets/sheet*.xml' | grep -q "评审未完成（0/3）"
CASE

	if [ "$mode" = py ]; then
		t_case "$mode: the changed application is listed as incomplete" <<'CASE'
IFS='|' read -r no ent mobile <"$W/stale.txt"
$PY - "$W/out/summary.xlsx" "$no" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
rows = [r for n in wb.sheetnames if n.startswith("评审结果-")
        for r in wb[n].iter_rows(min_row=2, values_only=True) if r[1] == sys.argv[2]]
assert len(rows) == 1 and rows[0][0] is None and rows[0][4] == 0, rows
assert rows[0][11] == "评审未完成（0/3）", rows
people = {r[0]: r for r in wb["评审进度"].iter_rows(values_only=True)}
assert people["甲专家"][2] == 1, people["甲专家"]
PY
CASE
	fi
}

if $PY -c 'import openpyxl' >/dev/null 2>&1; then
	scenario py
else
	t_skip "py: reviewers filling with openpyxl" \
		"/usr/bin/python3 with openpyxl is missing (Debian package python3-openpyxl)"
fi
if [ -x "$FILLER" ]; then
	scenario c
else
	t_skip "c: reviewers filling with libxlsxwriter" "$FILLER is not built"
fi
