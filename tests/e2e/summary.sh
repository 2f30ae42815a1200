#!/bin/sh
# End-to-end: 附件5 files holding both tables (two sheets of a workbook, two
# tables of a .docx) and a table nothing types, through the whole pipeline.
# The reader itself is tested habit by habit in tests/unit/test_summary.c.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../mkdocs.sh"

for tool in bsdtar sqlite3; do
	command -v $tool >/dev/null || { t_skip "summary" "$tool is not installed"; exit 0; }
done
export LC_ALL=C.UTF-8

# sheet_xml ROWS: a worksheet; ROWS has one line per row, cells split by '|'.
sheet_xml() {
	echo '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
	echo '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
	printf '%s\n' "$1" | awk -F'|' '{
		printf "<row r=\"%d\">", NR
		for (i = 1; i <= NF; i++)
			if ($i != "")
				printf "<c r=\"%c%d\" t=\"inlineStr\"><is><t>%s</t></is></c>", 64 + i, NR, $i
		printf "</row>\n"
	}'
	echo '</sheetData></worksheet>'
}

# mk_workbook OUT NAME ROWS [NAME ROWS]...: a workbook of one sheet per pair.
mk_workbook() {
	_out=$1
	shift
	_d=$(mktemp -d)
	mkdir -p "$_d/xl/_rels" "$_d/xl/worksheets"
	echo '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>' >"$_d/[Content_Types].xml"
	_wb='<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
	_rels='<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
	_i=1
	while [ $# -ge 2 ]; do
		_wb="$_wb<sheet name=\"$1\" sheetId=\"$_i\" r:id=\"rId$_i\"/>"
		_rels="$_rels<Relationship Id=\"rId$_i\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet$_i.xml\"/>"
		sheet_xml "$2" >"$_d/xl/worksheets/sheet$_i.xml"
		_i=$((_i + 1))
		shift 2
	done
	echo "$_wb</sheets></workbook>" >"$_d/xl/workbook.xml"
	echo "$_rels</Relationships>" >"$_d/xl/_rels/workbook.xml.rels"
	(cd "$_d" && bsdtar --format zip -cf - '[Content_Types].xml' xl) >"$_out"
	rm -rf "$_d"
}

# tbl ROWS: a .docx table; one line per row, cells split by '|'.
tbl() {
	printf '%s\n' "$1" | awk -F'|' 'BEGIN { printf "<w:tbl>" } {
		printf "<w:tr>"
		for (i = 1; i <= NF; i++)
			printf "<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>", $i
		printf "</w:tr>"
	} END { print "</w:tbl>" }'
}
para() { printf '<w:p><w:r><w:t>%s</w:t></w:r></w:p>\n' "$1"; }

PH="序号|申报企业名称|项目方向|项目名称|联系人|联系方式（手机）|项目所在地|是否省先进制造业集群"
FH="序号|申报企业名称|所属行业|项目名称|联系人|联系方式（手机）|项目所在地|是否省先进制造业集群"
NOTES="说明：
1、申报方向指企业级、行业级、跨行业跨领域和重点培育四个方向。"
P5=江苏省重点工业互联网平台申报情况汇总表
F5=江苏省工业互联网标杆工厂申报情况汇总表

mkdir -p "$T/inbox" "$T/db"
(
	cd "$T"
	# 南京: a workbook of three sheets; the third's table has no type column and no title.
	# (mk_docx forms tick 跨行业跨领域, so the table says so too.)
	d=inbox/南京市申报材料
	for i in 1 2 3; do
		e="江苏南京测试${i}号科技有限公司"
		mkdir -p "$d/$i-$e"
		if [ $i -le 2 ]; then mk_docx "$d/$i-$e/申报书.docx" "$PT" "$e"; else mk_docx "$d/$i-$e/申报书.docx" "$FT" "$e"; fi
	done
	mk_workbook "$d/附件5 申报情况汇总表.xlsx" \
		平台汇总表 "附件5
$P5
推荐单位（盖章）：南京市工业和信息化局
$PH
1|江苏南京测试1号科技有限公司|跨行业跨领域|一号平台|张三|13800000001|南京市|否
2|江苏南京测试2号科技有限公司|跨行业跨领域|二号平台|李四|13800000002|南京市|物联网
$NOTES" \
		标杆工厂汇总表 "附件5
$F5
推荐单位（盖章）：南京市工业和信息化局
$FH
1|江苏南京测试3号科技有限公司|离散行业|智能工厂|王五|13800000003|南京市|否
$NOTES" \
		Sheet3 "序号|申报企业名称|项目名称|联系人
1|江苏南京测试9号科技有限公司|九号项目|赵六"
	# 无锡: one .docx holding both tables, each under its own title.
	d=inbox/无锡市申报材料
	for i in 1 2; do
		e="江苏无锡测试${i}号科技有限公司"
		mkdir -p "$d/$i-$e"
		if [ $i -eq 1 ]; then mk_docx "$d/$i-$e/申报书.docx" "$PT" "$e"; else mk_docx "$d/$i-$e/申报书.docx" "$FT" "$e"; fi
	done
	x=$(mktemp -d)
	mkdir -p "$x/word"
	echo '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>' >"$x/[Content_Types].xml"
	{
		echo '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
		echo '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
		para "附件5："
		para "$P5"
		para "推荐单位（盖章）：无锡市工业和信息化局"
		tbl "$PH
1|江苏无锡测试1号科技有限公司|跨行业跨领域|一号平台|张三|13800000001|无锡市|否"
		para ""
		para "$F5"
		para "推荐单位（盖章）：无锡市工业和信息化局"
		tbl "$FH
1|江苏无锡测试2号科技有限公司|流程行业|智能工厂|王五|13800000003|无锡市|否"
		echo '</w:body></w:document>'
	} >"$x/word/document.xml"
	(cd "$x" && bsdtar --format zip -cf - '[Content_Types].xml' word) >"$d/附件5 各地申报情况汇总表（无锡市）.docx"
	rm -rf "$x"
) >/dev/null 2>&1

t_case "each table of a 附件5 file is filed under its own type" <<'CASE'
"$IIREVIEW" run --inbox "$T/inbox" --db "$T/db/ii.db" --rules "$TOP/rules" --out "$T/out" -q
q() { sqlite3 "$T/db/ii.db" "$1"; }
got=$(q "SELECT b.unit, r.table_type, r.row, r.enterprise FROM summary_rows r JOIN bundles b ON b.id = r.bundle_id ORDER BY b.unit, r.table_type, r.row" | tr '\n' ';')
echo "$got"
[ "$got" = "南京市|factory|5|江苏南京测试3号科技有限公司;南京市|platform|5|江苏南京测试1号科技有限公司;南京市|platform|6|江苏南京测试2号科技有限公司;无锡市|factory|2|江苏无锡测试2号科技有限公司;无锡市|platform|2|江苏无锡测试1号科技有限公司;" ]
# Both files hold both tables: labelled as such for the file lists.
[ "$(q "SELECT count(*) FROM files WHERE kind = 'summary'")" = 2 ]
# Every form is listed in its unit's table of its own type.
[ "$(q "SELECT count(*) FROM defects WHERE code IN ('FORM_ONLY', 'SUMMARY_ONLY', 'SUMMARY_MISMATCH')")" = 0 ]
CASE

t_case "a table that cannot be typed is a defect naming file, sheet and row" <<'CASE'
q() { sqlite3 "$T/db/ii.db" "$1"; }
q "SELECT code, raw, detail FROM defects WHERE code = 'SUMMARY_TABLE_UNTYPED'" >d.txt
cat d.txt
[ "$(wc -l <d.txt)" = 1 ]
grep -qF '汇总表“附件5 申报情况汇总表.xlsx”工作表“Sheet3”第1行起的表格无法判断是平台汇总表还是标杆工厂汇总表' d.txt
grep -qF '其中1家企业未读取' d.txt
grep -qF '序号	申报企业名称	项目名称	联系人' d.txt
# Its enterprise is not made an application of either type.
[ "$(q "SELECT count(*) FROM applications WHERE enterprise LIKE '%9号%'")" = 0 ]
CASE
