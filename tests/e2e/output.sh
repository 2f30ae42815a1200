#!/bin/sh
# End-to-end tests of aggregate and output: a generated batch is ingested,
# tests/e2e/output_fixture.py stands in for normalize and evaluate (from the
# generator's truth), then the workbooks are read back with openpyxl and
# converted to PDF with LibreOffice.
. "$(dirname "$0")/../lib.sh"
export LC_ALL=C.UTF-8
PY=/usr/bin/python3

if ! $PY -c 'import openpyxl' >/dev/null 2>&1; then
	t_skip "output" "/usr/bin/python3 with openpyxl is missing (Debian package python3-openpyxl)"
	exit 0
fi

mkdir -p "$T/db"
"$GEN" --seed 11 --units 3 --per-unit 5 --out "$T/inbox" --truth "$T/truth.tsv" \
	--formats zip --attach-kb 2 >/dev/null 2>&1
ii() { "$IIREVIEW" "$@" --inbox "$T/inbox" --db "$T/db/ii.db" --rules "$TOP/rules" --out "$T/out"; }

t_case "aggregate and output run on the fixture" <<'CASE'
ii ingest
$PY "$TOP/tests/e2e/output_fixture.py" "$T/db/ii.db" "$T/truth.tsv"
ii aggregate
ii output --packets
test -f out/summary.xlsx
ls out/worksheets/*/*.xlsx | wc -l | grep -qx 15
ls out/defects/*.xlsx >/dev/null
ls out/packets/*.zip >/dev/null
# Folders 0750, files 0640; nothing left under a temporary name.
test "$(stat -c %a out/worksheets)" = 750
test "$(stat -c %a out/summary.xlsx)" = 640
! find out -name '*.tmp*' | grep .
CASE

t_case "summary.xlsx: sheets, headers, 申报明细 against the truth" <<'CASE'
$PY - "$T/out/summary.xlsx" "$T/truth.tsv" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["总览", "平台汇总表", "标杆工厂汇总表", "跨行业跨领域排名", "行业级排名",
    "企业级排名", "重点培育排名", "标杆工厂排名", "申报明细", "问题清单"], wb.sheetnames
def head(name):
    return [c.value for c in wb[name][1]]
assert head("总览")[:9] == ["推荐单位", "跨行业跨领域", "行业级", "企业级", "重点培育", "标杆工厂",
    "不予推荐", "合计", "问题数"], head("总览")
assert head("平台汇总表") == ["序号", "申报企业名称", "项目方向", "项目名称", "联系人",
    "联系方式（手机）", "项目所在地", "是否省先进制造业集群", "推荐单位"], head("平台汇总表")
assert head("标杆工厂汇总表")[2] == "所属行业"
assert head("行业级排名")[:8] == ["排名", "得分", "申报企业名称", "推荐单位", "申报方向", "建议方向",
    "达标项", "优先项"]
assert head("申报明细") == ["申报编号", "推荐单位", "申报企业名称", "统一社会信用代码", "申报类型",
    "申报方向", "建议方向", "形式审查", "达标情况", "得分", "类别排名", "问题代码"]
assert head("问题清单") == ["推荐单位", "申报企业名称", "文件", "问题代码", "问题", "说明", "修改要求"]
ws = wb["申报明细"]
assert ws.freeze_panes == "A2" and ws.auto_filter.ref
assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
assert ws.print_title_rows in ("1:1", "$1:$1"), ws.print_title_rows
got = {}
for r in ws.iter_rows(min_row=2, values_only=True):
    got[(r[1], r[2])] = r
want = {}
for line in open(sys.argv[2], encoding="utf-8").read().splitlines()[1:]:
    t = line.split("\t")
    if t[0] == "application":
        want[(t[1], t[5])] = t
assert len(got) == len(want), (len(got), len(want))
for k, t in want.items():
    r = got[k]
    typ = "平台" if t[4] == "platform" else "标杆工厂"
    exp = (t[6], typ, t[7], t[8], "通过" if t[9] == "1" else "不通过",
           "达标" if t[10] == "1" else "未达标", t[11] or None)
    have = (r[3], r[4], r[5], r[6], r[7], r[8], r[11])
    assert have == exp, (k, have, exp)
    assert (r[10] is None) == (t[8] == "不予推荐"), (k, r[10])
# Overview totals: every application counted once.
tot = [r for r in wb["总览"].iter_rows(values_only=True) if r[0] == "合计"][0]
assert tot[7] == len(want), tot
# A form text that looks like a formula stays a string (the fixture's first contact).
cells = [c for row in wb["平台汇总表"].iter_rows(min_row=2) for c in row
         if isinstance(c.value, str) and c.value.startswith("=")]
cells += [c for row in wb["标杆工厂汇总表"].iter_rows(min_row=2) for c in row
          if isinstance(c.value, str) and c.value.startswith("=")]
assert cells and all(c.data_type == "s" for c in cells), [(c.value, c.data_type) for c in cells]
# Rankings: consecutive ranks, scores not increasing.
for name in ("行业级排名", "标杆工厂排名", "企业级排名"):
    rows = list(wb[name].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1)), name
    assert all(a[1] >= b[1] for a, b in zip(rows, rows[1:])), name
print("ok", len(got), "applications")
PY
CASE

t_case "worksheet: header block, criteria, protection, validation, files" <<'CASE'
f=$(ls out/worksheets/*/*-P.xlsx | head -1)
$PY - "$f" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["评审表", "附件清单"], wb.sheetnames
ws = wb["评审表"]
labels = [ws.cell(row=r, column=1).value for r in range(1, 20)]
for l in ("申报编号", "申报企业名称", "推荐单位", "申报方向", "建议方向", "联系人",
          "联系方式（手机）", "版本标识", "评审专家"):
    assert l in labels, (l, labels)
hdr = labels.index("评审专家") + 3
head = [c.value for c in ws[hdr]]
assert head == ["条款", "类别", "要求", "申报值（原文）", "规范值", "自动判定", "判定说明",
                "核定意见", "评分", "备注", "更正记录"], head
rows = list(ws.iter_rows(min_row=hdr + 1, max_row=hdr + 5, values_only=True))
assert [r[1][:4] for r in rows] == ["基本条件", "达标条件", "达标条件", "优先条件", "定性评价"], rows
assert rows[4][5] is None            # qualitative: no automatic verdict
assert rows[2][5] == "待核实" and rows[3][5] == "不符合"
assert ws.protection.sheet
assert ws.cell(row=hdr + 1, column=8).protection.locked is False
assert ws.cell(row=hdr + 1, column=9).protection.locked is False
assert ws.cell(row=hdr + 1, column=3).protection.locked is not False
assert ws.cell(row=labels.index("评审专家") + 1, column=2).protection.locked is False
dv = [d.formula1 for d in ws.data_validations.dataValidation]
assert '"符合,不符合,待核实"' in dv, dv
assert ws.cell(row=hdr + 6, column=9).value.startswith("=SUM(I")
files = list(wb["附件清单"].iter_rows(min_row=2, values_only=True))
assert files and all(len(r[3]) == 64 for r in files)
print("ok")
PY
CASE

t_case "defect lists and packets" <<'CASE'
$PY - "$T/out" <<'PY'
import sys, os, zipfile, openpyxl, io
out = sys.argv[1]
lists = os.listdir(out + "/defects")
assert lists, lists
wb = openpyxl.load_workbook(os.path.join(out, "defects", lists[0]))
assert [c.value for c in wb["问题清单"][3]] == ["序号", "申报编号", "申报企业名称", "文件",
    "问题代码", "问题", "说明", "原文", "修改要求"]
for p in os.listdir(out + "/packets"):
    z = zipfile.ZipFile(os.path.join(out, "packets", p))
    names = z.namelist()
    assert names[0] == "目录.xlsx", names[:3]
    idx = openpyxl.load_workbook(io.BytesIO(z.read("目录.xlsx")))["目录"]
    folders = [r[6] for r in idx.iter_rows(min_row=2, values_only=True)]
    for f in folders:
        assert any(n.startswith(f + "/评审工作表-") for n in names), f
        assert any(n.startswith(f + "/") and n.endswith(".docx") for n in names), f
print("ok")
PY
CASE

t_case "a rerun rewrites only summary.xlsx, whose fields here have no normalize digest" <<'CASE'
ii output --packets -v 2>err.txt
cat err.txt
# output_fixture.py writes field rows without applications.fields_digest,
# which the summary's digest needs (tests/e2e/reruns.sh has the real case):
# every file of the first run but summary.xlsx is kept; how many there are
# (packets, defect lists) follows from the batch the generator writes
n=$(find out -type f | wc -l)
[ "$n" -gt 15 ]
grep -q "output: 1 written, $((n - 1)) unchanged, 0 removed" err.txt
CASE

if ! command -v soffice >/dev/null 2>&1; then
	t_skip "output: PDF" "soffice is missing (Debian package libreoffice-calc-nogui)"
	exit 0
fi
t_case "summary.xlsx and a worksheet convert to A4 landscape PDF" <<'CASE'
mkdir -p pdf
cp out/summary.xlsx pdf/summary.xlsx
cp "$(ls out/worksheets/*/*.xlsx | head -1)" pdf/worksheet.xlsx
(cd pdf && HOME="$T" timeout 300 soffice --headless --convert-to pdf summary.xlsx worksheet.xlsx >/dev/null 2>&1)
test -s pdf/summary.pdf
test -s pdf/worksheet.pdf
if command -v pdfinfo >/dev/null 2>&1; then
	for f in pdf/summary.pdf pdf/worksheet.pdf; do
		pdfinfo "$f" | grep -q "Page size: *841.8[0-9]* x 595.[0-9]* pts (A4)" ||
			t_fail "$f is not A4 landscape"
	done
fi
CASE
