# tests/mkdocs.sh - build small .docx/.xlsx files and bundles for the
# end-to-end tests, with bsdtar (Debian's libarchive-tools).  Sourced.

# mk_docx OUT TITLE ENTERPRISE: a minimal Word document with a cover table.
mk_docx() {
	_d=$(mktemp -d)
	mkdir -p "$_d/_rels" "$_d/word/_rels"
	cat >"$_d/[Content_Types].xml" <<'X'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
X
	cat >"$_d/_rels/.rels" <<'X'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
X
	cat >"$_d/word/document.xml" <<X
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>$2</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>申报单位（盖章）：</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>$3</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>申报类别：</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>☑跨行业跨领域工业互联网平台</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>
X
	(cd "$_d" && bsdtar --format zip -cf - '[Content_Types].xml' _rels word) >"$1"
	rm -rf "$_d"
}

# mk_xlsx OUT TITLE UNIT_LINE ENTERPRISE...: a 附件5-like table with inline strings.
mk_xlsx() {
	_out=$1 _title=$2 _unit=$3
	shift 3
	_d=$(mktemp -d)
	mkdir -p "$_d/_rels" "$_d/xl/_rels" "$_d/xl/worksheets"
	cat >"$_d/[Content_Types].xml" <<'X'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
X
	cat >"$_d/_rels/.rels" <<'X'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
X
	cat >"$_d/xl/workbook.xml" <<'X'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
X
	cat >"$_d/xl/_rels/workbook.xml.rels" <<'X'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
X
	{
		echo '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
		echo '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
		echo "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>$_title</t></is></c></row>"
		echo "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>$_unit</t></is></c></row>"
		echo '<row r="3"><c r="A3" t="inlineStr"><is><t>序号</t></is></c><c r="B3" t="inlineStr"><is><t>申报企业名称</t></is></c></row>'
		_r=4
		for _e in "$@"; do
			echo "<row r=\"$_r\"><c r=\"A$_r\"><v>$((_r - 3))</v></c><c r=\"B$_r\" t=\"inlineStr\"><is><t>$_e</t></is></c></row>"
			_r=$((_r + 1))
		done
		echo '</sheetData></worksheet>'
	} >"$_d/xl/worksheets/sheet1.xml"
	(cd "$_d" && bsdtar --format zip -cf - '[Content_Types].xml' _rels xl) >"$_out"
	rm -rf "$_d"
}

PT=江苏省重点工业互联网平台申报书
FT=江苏省工业互联网标杆工厂申报书
ST=江苏省重点工业互联网平台申报情况汇总表

# mk_unit_dir DIR UNIT N: a unit's unpacked bundle: summary + N enterprise folders.
mk_unit_dir() {
	_dir=$1 _unit=$2 _n=$3
	mkdir -p "$_dir"
	_ents=""
	_i=1
	while [ $_i -le $_n ]; do
		_e="江苏${_unit}测试${_i}号科技有限公司"
		mkdir -p "$_dir/$_i-$_e"
		mk_docx "$_dir/$_i-$_e/申报书.docx" "$PT" "$_e"
		printf 'licence %s\n' "$_e" >"$_dir/$_i-$_e/营业执照.pdf"
		printf 'audit %s\n' "$_e" >"$_dir/$_i-$_e/2018年审计报告.pdf"
		_ents="$_ents $_e"
		_i=$((_i + 1))
	done
	# shellcheck disable=SC2086
	mk_xlsx "$_dir/附件5-申报情况汇总表.xlsx" "$ST" "推荐单位（盖章）：${_unit}工业和信息化局" $_ents
}
