#!/bin/sh
# tests/fuzz/seeds.sh GEN OUT [FIELDTRIAL]: generated seed corpora for the
# fuzz targets, made from the sample generator's output (a one-unit batch),
# so that no binary seed is committed.  The small text seeds are committed in
# tests/fuzz/corpus/<target>/; run.sh uses both.
#
# FIELDTRIAL, when it is a folder (the field trial's inbox,
# ../shared/fieldtrial/inbox on the project's machine), adds what real
# offices sent, with the fill habits the generator's forms do not have
# (answers beside the blanks or in the next paragraph, open cells such as
# 建设时间 2017年9月, 附件5 as a Word table, both tables on one sheet or on
# two): each bundle for fuzz_archive (a folder is zipped), every Word form
# and 附件5 table inside them (one level of nested archives opened) for
# fuzz_docx, fuzz_xmlscan and fuzz_extract, every 附件5 workbook for
# fuzz_xlsx, and every 附件5 (workbook or Word table) for fuzz_summary.
# The hand-made habit cases under tests/cases/ are added the same way when
# the tree has them.
#
# Each target's input format is described at the top of tests/fuzz/fuzz_*.c:
# archive: one byte choosing the bundle's name (0 zip, 1 7z, 2 tar.gz), then
# the bundle; zipdir: a zip; docx: 0x01 + a package, or 0x00 +
# word/document.xml; xlsx: 0x00 + a package, 0x01 + a worksheet, 0x02 + shared
# strings; summary: 0x00 + a worksheet, 0x01 + word/document.xml, 0x02 + a
# whole workbook.
set -eu
GEN=$1 OUT=$2 FT=${3:-}
w=$(mktemp -d)
trap 'chmod -R u+w "$w" 2>/dev/null; rm -rf "$w"' EXIT
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

# What real offices sent (see the top).  Seeds are named by a counter: the
# names inside the bundles are Chinese, sometimes GBK.
add_form() { # add_form FILE.docx N
	x=$(mktemp "$w/part.XXXXXX")
	bsdtar -xOf "$1" word/document.xml >"$x" 2>/dev/null || :
	{ printf '\001'; cat "$1"; } >"$OUT/docx/$2-package"
	[ -s "$x" ] || return 0
	{ printf '\000'; cat "$x"; } >"$OUT/docx/$2-xml"
	{ printf '\000'; cat "$x"; } >"$OUT/xmlscan/$2-xml"
	sed -e 's,</w:p>,\n,g' -e 's,</w:tc>,\t,g' -e 's,<[^>]*>,,g' "$x" | head -c 120000 >"$OUT/extract/$2.txt"
}
add_table() { # add_table FILE.xlsx N
	{ printf '\000'; cat "$1"; } >"$OUT/xlsx/$2-package"
	bsdtar -tf "$1" 2>/dev/null | grep -E '^xl/(worksheets/sheet[0-9]+|sharedStrings)\.xml$' |
		while IFS= read -r part; do
			k=$(basename "$part" .xml)
			if [ "$k" = sharedStrings ]; then b='\002'; else b='\001'; fi
			{ printf "$b"; bsdtar -xOf "$1" "$part"; } >"$OUT/xlsx/$2-$k"
			{ printf '\000'; bsdtar -xOf "$1" "$part"; } >"$OUT/xmlscan/$2-$k"
		done
}
add_tree() { # add_tree DIR PREFIX: every form and table below DIR
	find "$1" -type f \( -name '*.docx' -o -name '*.xlsx' \) | sort | {
		i=0
		while IFS= read -r f; do
			i=$((i + 1))
			case $f in
			*.docx) add_form "$f" "$2$i" ;;
			*.xlsx) add_table "$f" "$2$i" ;;
			esac
			# 附件5, in either format, for the summary reader too.
			case $f in
			*附件5*.docx) { printf '\001'; bsdtar -xOf "$f" word/document.xml 2>/dev/null || :; } >"$OUT/summary/$2$i" ;;
			*附件5*.xlsx) { printf '\002'; cat "$f"; } >"$OUT/summary/$2$i" ;;
			esac
		done
	}
}
if [ -n "$FT" ] && [ -d "$FT" ]; then
	i=0
	for b in "$FT"/*; do
		i=$((i + 1))
		x="$w/ft/$i"
		mkdir -p "$x"
		# The first byte is fuzz_archive's name choice: 0 zip, 1 7z, 2 tar.gz, 4 none.
		case $b in
		*.zip) n='\000' ;;
		*.7z) n='\001' ;;
		*.tar.gz | *.tgz) n='\002' ;;
		*) n='\004' ;;
		esac
		if [ -d "$b" ]; then
			cp -R "$b/." "$x/"
			(cd "$x" && bsdtar --format zip -cf "$w/ft/$i.zip" .)
			{ printf '\000'; cat "$w/ft/$i.zip"; } >"$OUT/archive/ft-$i"
		else
			{ printf "$n"; cat "$b"; } >"$OUT/archive/ft-$i"
			# Bad bundles (truncated, encrypted, a bomb) extract what they can.
			bsdtar -xf "$b" -C "$x" 2>/dev/null || :
		fi
		find "$x" -type f \( -name '*.zip' -o -name '*.7z' -o -name '*.tar.gz' \) | {
			j=0
			while IFS= read -r a; do
				j=$((j + 1))
				mkdir -p "$x/nested-$j"
				bsdtar -xf "$a" -C "$x/nested-$j" 2>/dev/null || :
			done
		}
	done
	add_tree "$w/ft" ft-
	echo "seeds.sh: field trial seeds from $FT: $(ls "$OUT/archive" | grep -c '^ft-') bundles," \
		"$(ls "$OUT/docx" | grep -c '^ft-.*-package$') forms and tables in Word," \
		"$(ls "$OUT/xlsx" | grep -c '^ft-.*-package$') workbooks"
else
	echo "seeds.sh: no field trial inbox (${FT:-not given}): its seeds are left out"
fi
if [ -d tests/cases ]; then
	add_tree tests/cases case-
	i=0
	for c in tests/cases/*/inbox; do
		[ -d "$c" ] || continue
		i=$((i + 1))
		(cd "$c" && bsdtar --format zip -cf "$w/case-$i.zip" .)
		{ printf '\000'; cat "$w/case-$i.zip"; } >"$OUT/archive/case-$i"
	done
fi
