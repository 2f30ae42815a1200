#!/bin/sh
# tests/fuzz/seeds.sh GEN OUT: generated seed corpora for the fuzz targets,
# made from the sample generator's output (a one-unit batch), so that no
# binary seed is committed.  The small text seeds are committed in
# tests/fuzz/corpus/<target>/; run.sh uses both.
#
# Each target's input format is described at the top of tests/fuzz/fuzz_*.c:
# archive: one byte choosing the bundle's name (0 zip, 1 7z, 2 tar.gz), then
# the bundle; zipdir: a zip; docx: 0x01 + a package, or 0x00 +
# word/document.xml; xlsx: 0x00 + a package, 0x01 + a worksheet, 0x02 + shared
# strings; summary: 0x00 + a worksheet, 0x01 + word/document.xml, 0x02 + a
# whole workbook.
set -eu
GEN=$1 OUT=$2
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
"$GEN" --seed 7 --units 1 --per-unit 2 --out "$w/inbox" --truth "$w/truth.tsv" \
	--attach-kb 1 --formats zip >/dev/null
bsdtar -xf "$w"/inbox/*.zip -C "$w" 2>/dev/null
pform=$(find "$w" -name '*平台申报书*.docx' | head -n 1)
fform=$(find "$w" -name '*标杆工厂申报书*.docx' | head -n 1)
table=$(find "$w" -name '*平台申报汇总表.xlsx' | head -n 1)
for t in archive zipdir docx xlsx xmlscan extract text summary; do
	rm -rf "$OUT/$t"
	mkdir -p "$OUT/$t"
done
# Archives: one small bundle (a form, a table, an attachment) in three formats.
mkdir -p "$w/b/1、测试企业"
cp "$pform" "$w/b/1、测试企业/申报书.docx"
cp "$table" "$w/b/附件5-汇总表.xlsx"
printf 'licence\n' >"$w/b/1、测试企业/营业执照.pdf"
(cd "$w/b" && bsdtar --format zip -cf "$w/b.zip" . && bsdtar --format 7zip -cf "$w/b.7z" . &&
	bsdtar -czf "$w/b.tgz" .)
{ printf '\000'; cat "$w/b.zip"; } >"$OUT/archive/zip"
{ printf '\001'; cat "$w/b.7z"; } >"$OUT/archive/7z"
{ printf '\002'; cat "$w/b.tgz"; } >"$OUT/archive/tgz"
# The zip directory reader: the same zip, and one with stored members.
cp "$w/b.zip" "$OUT/zipdir/deflated"
(cd "$w/b" && bsdtar --format zip --options zip:compression=store -cf "$w/stored.zip" .)
cp "$w/stored.zip" "$OUT/zipdir/stored"
# Word forms: whole packages and their main parts.
{ printf '\001'; cat "$pform"; } >"$OUT/docx/platform-package"
{ printf '\001'; cat "$fform"; } >"$OUT/docx/factory-package"
{ printf '\000'; bsdtar -xOf "$pform" word/document.xml; } >"$OUT/docx/platform-xml"
# The summary table: the package and its parts.
{ printf '\000'; cat "$table"; } >"$OUT/xlsx/package"
{ printf '\001'; bsdtar -xOf "$table" xl/worksheets/sheet1.xml; } >"$OUT/xlsx/sheet"
{ printf '\002'; bsdtar -xOf "$table" xl/sharedStrings.xml 2>/dev/null || :; } >"$OUT/xlsx/strings"
# 附件5 as the summary reader sees it: the generated table (a whole package)
# and the blank templates (a .docx's main part, a workbook).
"$GEN" --templates "$w/tpl" >/dev/null
{ printf '\002'; cat "$table"; } >"$OUT/summary/package"
{ printf '\002'; cat "$w/tpl/附件5 江苏省工业互联网标杆工厂申报情况汇总表.xlsx"; } >"$OUT/summary/template"
{ printf '\001'; bsdtar -xOf "$w/tpl/附件5 江苏省重点工业互联网平台申报情况汇总表.docx" word/document.xml; } >"$OUT/summary/docx"
# The fast path against expat: the same parts, a form cut short and one with
# the namespaces redeclared inside (first byte 0: no stop, depth 256).
{ printf '\000'; bsdtar -xOf "$pform" word/document.xml; } >"$OUT/xmlscan/platform-xml"
{ printf '\000'; bsdtar -xOf "$fform" word/document.xml | head -c 6000; } >"$OUT/xmlscan/cut"
{ printf '\000'; bsdtar -xOf "$table" xl/worksheets/sheet1.xml; } >"$OUT/xmlscan/sheet"
{ printf '\000'; bsdtar -xOf "$table" xl/sharedStrings.xml 2>/dev/null || :; } >"$OUT/xmlscan/strings"
{ printf '\006'; bsdtar -xOf "$fform" word/document.xml | head -c 3000 |
	sed -e 's,<w:p>,<w:p xmlns:w="urn:x" a="\&amp;\&#x4E2D;\r\n">,'; } >"$OUT/xmlscan/redeclared"
# The forms as text, one paragraph a line: the extractor's and decoder's input.
for f in "$pform" "$fform"; do
	bsdtar -xOf "$f" word/document.xml | sed -e 's,</w:p>,\n,g' -e 's,</w:tc>,\t,g' -e 's,<[^>]*>,,g'
done >"$w/forms.txt"
head -c 20000 "$w/forms.txt" >"$OUT/extract/forms.txt"
head -c 4000 "$w/forms.txt" >"$OUT/text/utf8.txt"
head -c 4000 "$w/forms.txt" | iconv -f UTF-8 -t GB18030 -c >"$OUT/text/gbk.txt" 2>/dev/null || :
head -c 4000 "$w/forms.txt" | iconv -f UTF-8 -t UTF-16 -c >"$OUT/text/utf16.txt" 2>/dev/null || :
