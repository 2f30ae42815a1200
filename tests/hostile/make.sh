#!/bin/sh
# tests/hostile/make.sh HGEN OUT [IIGEN]: build the hostile-input corpus of issue 10
# §3 into OUT (nothing large is committed; tests/e2e/hostile.sh runs it).
# Cases that tests/e2e/ingest.sh already covers (../ and absolute paths,
# symbolic and hard links, devices, ZipCrypto, a ratio bomb, nesting past
# the limit, truncation of a zip, empty and non-archive bundles) are not
# repeated here.
#
# OUT/bundles/泰兴市-<case>.<ext>: one hostile bundle per case (泰兴市 is the
# unit named in each), OUT/good.zip: a good bundle (南京市, 2 applications),
# OUT/cases: "case<TAB>bundle<TAB>expected" lines, expected being the
# defect codes accepted for the bundle ('|'-separated, extended regex), or
# "-" when reading it safely with any defects is the right outcome.
#
# HGEN is the generator of tests/hostile/gen.c, built by the caller; IIGEN
# the sample generator iireview-gen (for a real 附件5 table; without it the
# formula-cell case is skipped).  Entries
# that try to escape carry the name iireview-hostile-escape so that the test
# can look for them outside its folder.  Skipped cases are listed in
# OUT/skipped with the reason.
set -eu
HGEN=$1 OUT=$2 IIGEN=${3:-}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/mkdocs.sh"
export LC_ALL=C.UTF-8
rm -rf "$OUT"
mkdir -p "$OUT/bundles" "$OUT/outside"
OUT=$(cd "$OUT" && pwd)
W=$OUT/work
mkdir -p "$W"
: >"$OUT/cases"
: >"$OUT/skipped"
case_() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$OUT/cases"; }
skip_() { printf '%s\t%s\n' "$1" "$2" >>"$OUT/skipped"; }

# The good bundle beside every hostile one.
mk_unit_dir "$W/good" 南京 2
(cd "$W/good" && bsdtar --format zip -cf "$OUT/good.zip" .)

# A one-application bundle of 泰兴 in DIR, to be spoiled by a case.
unit() {
	rm -rf "$1"
	mk_unit_dir "$1" 泰兴 1
}
# zipdir DIR NAME: the folder as the bundle 泰兴市-NAME.
zipdir() { (cd "$1" && bsdtar --format zip -cf "$OUT/bundles/泰兴市-$2" .); }

# ---- archives ----

# A Windows drive path in a zip (a file literally named C:\...).
mkdir -p "$W/drive" && unit "$W/drive/u"
printf 'x\n' >"$W/drive/u/C:\\iireview-hostile-escape.txt"
(cd "$W/drive/u" && bsdtar --format zip -cf "$OUT/bundles/泰兴市-drive.zip" .)
case_ drive 泰兴市-drive.zip ARCHIVE_UNSAFE_ENTRY

# A folder replaced by a link, then a file written "through" it.
"$HGEN" dirlink "$OUT/bundles/泰兴市-dirlink.tar" "$OUT/outside"
case_ dirlink 泰兴市-dirlink.tar ARCHIVE_UNSAFE_ENTRY

# Overlapping entries: 2,000 central-directory entries on one local entry
# of 65 MiB of zeros (130 GB claimed from 190 KB).  libarchive reads one
# entry per offset; that one is past the ratio limit.
"$HGEN" overlap "$OUT/bundles/泰兴市-overlap.zip" 2000 65
case_ overlap 泰兴市-overlap.zip ARCHIVE_LIMIT

# A million empty entries (a tar.gz of 1,000,000 zero-length files).
"$HGEN" empties "$OUT/bundles/泰兴市-empties.tar.gz" 1000000
case_ empties 泰兴市-empties.tar.gz ARCHIVE_LIMIT

# AES encryption (bsdtar) and an encrypted 7z (7z, when installed).
unit "$W/enc"
(cd "$W/enc" && bsdtar --format zip --options zip:encryption=aes256 --passphrase pw \
	-cf "$OUT/bundles/泰兴市-aes.zip" .)
case_ aes 泰兴市-aes.zip ARCHIVE_ENCRYPTED
if command -v 7z >/dev/null 2>&1; then
	(cd "$W/enc" && 7z a -bd -ppw "$OUT/bundles/泰兴市-encrypted.7z" . >/dev/null)
	case_ encrypted7z 泰兴市-encrypted.7z ARCHIVE_ENCRYPTED
	# Encrypted names too: nothing can be read, not even the list.
	(cd "$W/enc" && 7z a -bd -ppw -mhe=on "$OUT/bundles/泰兴市-encrypted-names.7z" . >/dev/null)
	case_ encrypted7z-names 泰兴市-encrypted-names.7z 'ARCHIVE_ENCRYPTED|ARCHIVE_CORRUPT'
else
	skip_ encrypted7z "7z (Debian package p7zip-full) is not installed: bsdtar cannot encrypt 7z"
fi

# Truncated and bit-flipped: a valid bundle with an incompressible
# attachment, as zip, 7z and tar.gz, cut in half or with 16 bytes in its
# middle overwritten.
unit "$W/tb"
head -c 200000 /dev/urandom >"$W/tb/1-江苏泰兴测试1号科技有限公司/发票.pdf"
(cd "$W/tb" && bsdtar --format zip -cf "$W/tb.zip" . && bsdtar --format 7zip -cf "$W/tb.7z" . &&
	bsdtar -czf "$W/tb.tar.gz" .)
for ext in zip 7z tar.gz; do
	size=$(wc -c <"$W/tb.$ext")
	head -c $((size / 2)) "$W/tb.$ext" >"$OUT/bundles/泰兴市-truncated.$ext"
	cp "$W/tb.$ext" "$OUT/bundles/泰兴市-flipped.$ext"
	printf '\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377' |
		dd of="$OUT/bundles/泰兴市-flipped.$ext" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
done
# A zip or tar.gz cut in half: corrupt.  A 7z keeps its index at the end:
# without it nothing is recognisable.
case_ truncated-zip 泰兴市-truncated.zip ARCHIVE_CORRUPT
case_ truncated-tgz 泰兴市-truncated.tar.gz ARCHIVE_CORRUPT
case_ truncated-7z 泰兴市-truncated.7z 'ARCHIVE_CORRUPT|BUNDLE_NOT_ARCHIVE'
# A flipped byte lands in compressed data: a CRC or stream error.
case_ flipped-zip 泰兴市-flipped.zip ARCHIVE_CORRUPT
case_ flipped-7z 泰兴市-flipped.7z ARCHIVE_CORRUPT
# gzip keeps its CRC at the end of the stream: the damaged entry may be read
# as it is (then its content is what is wrong).
case_ flipped-tgz 泰兴市-flipped.tar.gz -

# ---- Word forms (inside a bundle, as the application's 申报书.docx) ----

# docx_with DIR XML [noct]: replace the form of the bundle folder DIR by a
# package whose word/document.xml is XML (a file); noct leaves out
# [Content_Types].xml.
docx_with() {
	_p=$W/pkg
	rm -rf "$_p"
	mkdir -p "$_p"
	bsdtar -xf "$1"/1-*/申报书.docx -C "$_p"
	cp "$2" "$_p/word/document.xml"
	[ "${3:-}" = noct ] && rm "$_p/[Content_Types].xml"
	(cd "$_p" && bsdtar --format zip -cf - ./*) >"$W/form.docx"
	cp "$W/form.docx" "$1"/1-*/申报书.docx
}
head_xml='<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
body() { # the form's content, with $1 where the enterprise's name goes
	printf '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>申报单位（盖章）：</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>\n' "$PT" "$1"
}

{ echo "$head_xml"; echo '<!DOCTYPE w:document>'; body 江苏泰兴测试1号科技有限公司; } >"$W/doctype.xml"
{
	echo "$head_xml"
	echo '<!DOCTYPE w:document ['
	echo '<!ENTITY l0 "lol">'
	for i in 1 2 3 4 5 6 7 8 9; do
		printf '<!ENTITY l%s "&l%s;&l%s;&l%s;&l%s;&l%s;&l%s;&l%s;&l%s;&l%s;&l%s;">\n' \
			$i $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) \
			$((i - 1)) $((i - 1)) $((i - 1))
	done
	echo ']>'
	body '&l9;'
} >"$W/laughs.xml"
printf 'iireview-hostile-secret\n' >"$OUT/outside/secret.txt"
{
	echo "$head_xml"
	echo "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file://$OUT/outside/secret.txt\">]>"
	body '&xxe;'
} >"$W/xxe.xml"
{
	echo "$head_xml"
	printf '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p>' "$PT"
	i=0
	while [ $i -lt 10000 ]; do printf '<w:sdt><w:sdtContent>'; i=$((i + 1)); done
	printf '<w:p><w:r><w:t>深</w:t></w:r></w:p>'
	i=0
	while [ $i -lt 10000 ]; do printf '</w:sdtContent></w:sdt>'; i=$((i + 1)); done
	printf '</w:body></w:document>\n'
} >"$W/deep.xml"
{ echo "$head_xml"; body "$(printf '江苏泰兴\377\376测试\300\257有限公司')"; } >"$W/badutf8.xml"
{ echo "$head_xml"; body 江苏泰兴测试1号科技有限公司; } >"$W/plain.xml"
# A form whose fields hold 100,000-character values.
long=$(head -c 100000 /dev/zero | tr '\0' 'A')
{
	echo "$head_xml"
	printf '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p><w:tbl>' "$PT"
	for label in 申报单位（盖章）： 企业名称 统一社会信用代码 联系人 手机 平台名称 平台简介; do
		printf '<w:tr><w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>江苏泰兴测试1号科技有限公司%s</w:t></w:r></w:p></w:tc></w:tr>' "$label" "$long"
	done
	printf '</w:tbl></w:body></w:document>\n'
} >"$W/long.xml"

for c in doctype laughs xxe deep badutf8 long; do
	unit "$W/f-$c"
	docx_with "$W/f-$c" "$W/$c.xml"
	zipdir "$W/f-$c" "$c.zip"
done
unit "$W/f-noct"
docx_with "$W/f-noct" "$W/plain.xml" noct
zipdir "$W/f-noct" noct.zip
# Word's own rule: no DTD in a package.  A form that cannot be read is FORM_UNREADABLE.
case_ docx-doctype 泰兴市-doctype.zip FORM_UNREADABLE
case_ docx-laughs 泰兴市-laughs.zip FORM_UNREADABLE
case_ docx-xxe 泰兴市-xxe.zip FORM_UNREADABLE
case_ docx-deep 泰兴市-deep.zip FORM_UNREADABLE
case_ docx-badutf8 泰兴市-badutf8.zip FORM_UNREADABLE
case_ docx-noct 泰兴市-noct.zip FORM_UNREADABLE
case_ docx-long 泰兴市-long.zip -

# ---- 附件5 tables ----

# xlsx_with DIR SHEETXML [SSTXML]: replace the bundle's summary table by a
# workbook with that worksheet (and shared strings).
xlsx_with() {
	_p=$W/xpkg
	rm -rf "$_p"
	mkdir -p "$_p"
	bsdtar -xf "$1"/附件5-申报情况汇总表.xlsx -C "$_p"
	cp "$2" "$_p/xl/worksheets/sheet1.xml"
	if [ -n "${3:-}" ]; then
		cp "$3" "$_p/xl/sharedStrings.xml"
		sed -i 's,</Relationships>,<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>,' "$_p/xl/_rels/workbook.xml.rels"
		sed -i 's,</Types>,<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>,' "$_p/[Content_Types].xml"
	fi
	(cd "$_p" && bsdtar --format zip -cf - ./*) >"$W/t.xlsx"
	cp "$W/t.xlsx" "$1"/附件5-申报情况汇总表.xlsx
}
sheet() { # ROWS: the table's first three rows, then ROWS (XML)
	printf '%s<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' "$head_xml"
	printf '<row r="1"><c r="A1" t="inlineStr"><is><t>%s</t></is></c></row>' "$ST"
	printf '<row r="2"><c r="A2" t="inlineStr"><is><t>推荐单位（盖章）：泰兴工业和信息化局</t></is></c></row>'
	printf '<row r="3"><c r="A3" t="inlineStr"><is><t>序号</t></is></c><c r="B3" t="inlineStr"><is><t>申报企业名称</t></is></c></row>'
	printf '%s</sheetData></worksheet>\n' "$1"
}
sheet '<row r="4"><c r="A4"><v>1</v></c><c r="B4" t="s"><v>99999</v></c></row>' >"$W/sst.xml"
printf '%s<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>江苏泰兴测试1号科技有限公司</t></si></sst>\n' "$head_xml" >"$W/sst-strings.xml"
sheet '<row r="4"><c r="A4"><v>1</v></c><c r="B4" t="inlineStr"><is><t>江苏泰兴测试1号科技有限公司</t></is></c><c r="XFE1048577" t="inlineStr"><is><t>far</t></is></c></row><row r="1048577"><c r="A1048577"><v>2</v></c></row>' >"$W/far.xml"
unit "$W/x-sst" && xlsx_with "$W/x-sst" "$W/sst.xml" "$W/sst-strings.xml" && zipdir "$W/x-sst" sst.zip
unit "$W/x-far" && xlsx_with "$W/x-far" "$W/far.xml" && zipdir "$W/x-far" far.zip
# Cells that a spreadsheet would take for formulas (= + - @), in a real
# 附件5 table of the sample generator, whose unit is made 泰兴市: they reach
# the summary rows, the defects and the workbooks, where they must be text.
if [ -n "$IIGEN" ]; then
	"$IIGEN" --seed 7 --units 1 --per-unit 2 --out "$W/g" --truth "$W/g.tsv" --attach-kb 1 \
		--formats zip >/dev/null
	mkdir -p "$W/gx" "$W/gt"
	bsdtar -xf "$W"/g/*.zip -C "$W/gx"
	table=$(find "$W/gx" -name '*平台申报汇总表.xlsx')
	bsdtar -xf "$table" -C "$W/gt"
	# Shared strings 12 to 15 are the first row's cells after the name.
	awk 'BEGIN { RS = "</si>"; ORS = "</si>"; split("=1+2 +1+2 -1+2 @SUM(A1)", p, " ") }
		NR >= 13 && NR <= 16 { sub(/<t[^>]*>/, "&" p[NR - 12]) }
		{ print }' "$W/gt/xl/sharedStrings.xml" | sed -e '$ s,</si>$,,' \
		-e 's,推荐单位（盖章）：[^<]*<,推荐单位（盖章）：泰兴市工业和信息化局<,' >"$W/sst.new"
	mv "$W/sst.new" "$W/gt/xl/sharedStrings.xml"
	(cd "$W/gt" && bsdtar --format zip -cf - ./*) >"$table"
	(cd "$W/gx" && bsdtar --format zip -cf "$OUT/bundles/泰兴市-formula.zip" .)
	case_ xlsx-formula 泰兴市-formula.zip -
else
	skip_ xlsx-formula "no iireview-gen given"
fi
case_ xlsx-sst 泰兴市-sst.zip -
case_ xlsx-far 泰兴市-far.zip -
rm -rf "$W"
