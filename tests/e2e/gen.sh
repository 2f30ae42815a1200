#!/bin/sh
# gen.sh - the sample-bundle generator (issue 3): determinism, the truth file
# against the bundles, GBK names, and the templates in LibreOffice and in
# python-docx / openpyxl (skipped, with the reason, where those are missing).
. "$(dirname "$0")/../lib.sh"
export LC_ALL=C.UTF-8

t_case "same seed gives the same bytes" <<'CASE'
cd "$(mktemp -d ./case.XXXXXX)" # cases share $T
"$GEN" --seed 7 --units 16 --per-unit 3 --attach-kb 2 --hostile --out a --truth a.tsv
"$GEN" --seed 7 --units 16 --per-unit 3 --attach-kb 2 --hostile --out b --truth b.tsv
cmp a.tsv b.tsv
n=0
for f in $(cd a && find . -type f | sort); do
	cmp "a/$f" "b/$f"
	n=$((n + 1))
done
[ "$n" -gt 16 ] || t_fail "only $n files"
[ "$(cd a && find . -type f | sort)" = "$(cd b && find . -type f | sort)" ]
"$GEN" --seed 8 --units 2 --per-unit 3 --attach-kb 2 --out c --truth c.tsv
! cmp -s a.tsv c.tsv
CASE

t_case "every application in the truth has its form in its bundle" <<'CASE'
cd "$(mktemp -d ./case.XXXXXX)" # cases share $T
"$GEN" --seed 11 --units 16 --per-unit 6 --attach-kb 2 --defects 40 --out in --truth truth.tsv
head -1 truth.tsv | grep -q "^kind	unit	bundle	form_path	app_type	enterprise	credit_code	declared_direction	expected_direction	basic_ok	gates_ok	defects	"
# list every bundle once (GBK zips are read as CP936)
for b in in/*; do
	name=$(basename "$b")
	if [ -d "$b" ]; then
		(cd "$b" && find . -type f | sed 's|^\./||') >"list.$name"
	else
		bsdtar -tf "$b" >"list.$name"
		bsdtar --options hdrcharset=CP936 -tf "$b" >>"list.$name" 2>/dev/null || true
	fi
done
apps=0
# bundle and form_path, '|'-separated (read would merge empty tab fields)
awk -F'\t' '$1=="application" {print $3 "|" $4}' truth.tsv >forms
while IFS='|' read -r bundle form; do
	apps=$((apps + 1))
	[ -e "in/$bundle" ] || t_fail "no bundle $bundle"
	[ -n "$form" ] || continue # SUMMARY_ONLY: listed, no form
	case $form in
	*.zip/*)
		inner=${form%%.zip/*}.zip
		path=${form#*.zip/}
		grep -qxF "$inner" "list.$bundle" || t_fail "$bundle: no $inner"
		bsdtar -xOf "in/$bundle" "$inner" | bsdtar -tf - | grep -qxF "$path" ||
			t_fail "$bundle: $inner has no $path"
		;;
	*)
		grep -qxF "$form" "list.$bundle" || t_fail "$bundle: no $form"
		;;
	esac
done <forms
[ "$apps" -eq 96 ] || t_fail "$apps applications, expected 96"
CASE

t_case "bundle formats: zip, GBK zip, 7z, tar.gz, folder, nested zip" <<'CASE'
cd "$(mktemp -d ./case.XXXXXX)" # cases share $T
"$GEN" --seed 3 --units 6 --per-unit 4 --attach-kb 2 --out in --truth truth.tsv
ls in | grep -q '\.7z$'
ls in | grep -q '\.tar\.gz$'
[ "$(find in -mindepth 1 -maxdepth 1 -type d | wc -l)" -eq 1 ]
cut -f4 truth.tsv | grep -q '\.zip/'
# 无锡市 (unit 2) is the GBK zip: general-purpose bit 11 clear in every central header
gbk=$(ls in | grep '^无锡市')
case $gbk in *.zip) ;; *) t_fail "无锡市 bundle is not a zip: $gbk" ;; esac
od -An -tx1 -v "in/$gbk" | tr -s ' \n' '  ' | grep -o '50 4b 01 02 .. .. .. .. .. ..' >cdir
[ -s cdir ] || t_fail "no central directory"
while read -r _ _ _ _ _ _ _ _ _ hi; do
	case $hi in ?[89abcdef]) t_fail "UTF-8 flag set in $gbk" ;; esac
done <cdir
# names are GBK: not readable as UTF-8, right as CP936
first=$(awk -F'\t' '$2=="无锡市" && $4!="" {print $4; exit}' truth.tsv)
! bsdtar -tf "in/$gbk" 2>/dev/null | grep -qxF "$first"
bsdtar --options hdrcharset=CP936 -tf "in/$gbk" | grep -qxF "$first"
# and a UTF-8 zip has the flag on its Chinese names
od -An -tx1 -v "in/$(ls in | grep '^南京市')" | tr -s ' \n' '  ' |
	grep -o '50 4b 01 02 .. .. .. .. .. ..' | grep -q ' .[89abcdef]$'
CASE

t_case "hostile bundles and their truth rows" <<'CASE'
cd "$(mktemp -d ./case.XXXXXX)" # cases share $T
"$GEN" --seed 5 --units 1 --per-unit 1 --attach-kb 1 --hostile --out in --truth truth.tsv
[ "$(awk -F'\t' '$1=="hostile"' truth.tsv | wc -l)" -eq 11 ]
awk -F'\t' '$1=="hostile" {print $3, $12}' truth.tsv >hostile
while read -r f code; do
	[ -e "in/$f" ] || t_fail "missing $f"
	case $code in ARCHIVE_UNSAFE_ENTRY | ARCHIVE_LIMIT | ARCHIVE_ENCRYPTED | ARCHIVE_CORRUPT) ;;
	*) t_fail "bad code $code for $f" ;; esac
done <hostile
bsdtar -tf in/hostile-zipslip-dotdot.zip | grep -qxF '../../evil.txt'
bsdtar -tvf in/hostile-symlink.tar | grep -q '^l'
bsdtar -tvf in/hostile-device.tar | grep -q '^c'
[ ! -s in/hostile-empty.zip ]
! bsdtar -tf in/hostile-truncated.zip >/dev/null 2>&1
# the bomb: 200 MiB declared, under 1 MB stored
[ "$(wc -c <in/hostile-zipbomb.zip)" -lt 1000000 ]
bsdtar -tvf in/hostile-zipbomb.zip | grep -q 209715200
zipinfo -v in/hostile-encrypted.zip | grep -q "file security status: *encrypted"
CASE

t_case "every fill habit of issue 13 is in the default batch; --habits off has none" <<'CASE'
cd "$(mktemp -d ./case.XXXXXX)" # cases share $T
# the parameters of `make samples` (Makefile SEED UNITS PER_UNIT)
"$GEN" --seed 2019 --units 16 --per-unit 8 --attach-kb 1 --out on --truth on.tsv
[ "$(head -1 on.tsv | awk -F'\t' '{print $NF}')" = habits ]
for tag in answers=beside answers=next_paragraph answers=pair blank_figure= credit_code_as_written \
	gate_below= open_cell=build_time summary_both=docx summary_both=sheets summary_both=stacked \
	summary_header=synonyms; do
	n=$(awk -F'\t' -v t="$tag" 'NR > 1 && index($NF, t) {n++} END {print n + 0}' on.tsv)
	echo "$tag: $n"
	[ "$n" -gt 0 ] || t_fail "no application shows $tag"
done
# a blank figure is FIELD_MISSING; the gate of a one-below case fails
awk -F'\t' 'index($NF, "blank_figure=") && $12 !~ /FIELD_MISSING/ {print; n++} END {exit n > 0}' on.tsv
awk -F'\t' 'match($NF, /gate_below=[a-z_.]+/) {
	id = substr($NF, RSTART + 11, RLENGTH - 11)
	if (index(";" $14 ";", ";" id ";") == 0) {print $6, id, "not failed"; n++}
} END {exit n > 0}' on.tsv
"$GEN" --habits off --seed 2019 --units 16 --per-unit 8 --attach-kb 1 --out off --truth off.tsv
[ -z "$(awk -F'\t' 'NR > 1 && $NF != ""' off.tsv)" ]
# the box gates are rules, not habits: a batch without the habits has them too
grep -q 'cross.has_plan' off.tsv
! "$GEN" --habits maybe --seed 1 --out x --truth x.tsv 2>/dev/null
CASE

t_case "committed templates and field catalogue are what the generator writes" <<'CASE'
cd "$(mktemp -d ./case.XXXXXX)" # cases share $T
"$GEN" --templates tpl
"$GEN" --fields fields
for f in tpl/*; do cmp "$f" "$TOP/samples/templates/$(basename "$f")"; done
for f in fields/*; do cmp "$f" "$TOP/rules/fields/$(basename "$f")"; done
[ "$(ls tpl | wc -l)" -eq 6 ]
CASE

if command -v soffice >/dev/null 2>&1; then
	t_case "templates and filled forms open in LibreOffice" <<'CASE'
cd "$(mktemp -d ./case.XXXXXX)" # cases share $T
"$GEN" --templates tpl
"$GEN" --seed 2 --units 1 --per-unit 4 --attach-kb 1 --defects 0 --out in --truth truth.tsv
mkdir -p docs pdf
i=0
for f in tpl/*.docx tpl/*.xlsx; do i=$((i + 1)); cp "$f" "docs/t$i.${f##*.}"; done
b=$(ls in | head -1)
bsdtar -xf "in/$b" -C docs
find docs -name '*.docx' | while read -r f; do i=$((i + 1)); cp "$f" "docs/f$(echo "$f" | cksum | cut -d' ' -f1).docx"; done
n=$(ls docs/*.docx docs/*.xlsx | wc -l)
timeout 300 soffice -env:UserInstallation=file://$PWD/lo --headless --convert-to pdf --outdir pdf docs/*.docx docs/*.xlsx >/dev/null 2>&1
[ "$(ls pdf/*.pdf | wc -l)" -eq "$n" ] || t_fail "$(ls pdf | wc -l) PDFs for $n documents"
CASE
else
	t_skip "templates and filled forms open in LibreOffice" "soffice not found (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui)"
fi

if /usr/bin/python3 -c 'import docx, openpyxl' >/dev/null 2>&1; then
	t_case "templates and filled forms open in python-docx and openpyxl" <<'CASE'
cd "$(mktemp -d ./case.XXXXXX)" # cases share $T
"$GEN" --templates tpl
"$GEN" --seed 2 --units 16 --per-unit 3 --attach-kb 1 --out in --truth truth.tsv
mkdir x
for b in in/*; do
	[ -d "$b" ] && { cp -r "$b" x/; continue; }
	mkdir -p "x/$(basename "$b").d"
	bsdtar --options hdrcharset=CP936 -xf "$b" -C "x/$(basename "$b").d" 2>/dev/null || bsdtar -xf "$b" -C "x/$(basename "$b").d"
done
/usr/bin/python3 - tpl x <<'PY'
import sys, glob, docx, openpyxl
n = 0
for root in sys.argv[1:]:
    for f in glob.glob(root + "/**/*.docx", recursive=True):
        d = docx.Document(f)
        text = "".join(p.text for p in d.paragraphs)
        for t in d.tables:
            for row in t.rows:
                for c in row.cells:
                    text += c.text
        assert "申报" in text, f
        n += 1
    for f in glob.glob(root + "/**/*.xlsx", recursive=True):
        # the header as the notice prints it, or as clerks retype it (序 号, 企业名称)
        wb = openpyxl.load_workbook(f)
        assert any(c.value in ("申报企业名称", "企业名称")
                   for ws in wb for row in ws.iter_rows() for c in row), f
        n += 1
assert n > 20, n
print(n, "documents")
PY
CASE
else
	t_skip "templates and filled forms open in python-docx and openpyxl" "Debian's python3-docx / python3-openpyxl not installed for /usr/bin/python3"
fi

t_case "16 units x 200 applications in under a minute" <<'CASE'
cd "$(mktemp -d ./case.XXXXXX)" # cases share $T
start=$(date +%s)
"$GEN" --seed 1 --units 16 --per-unit 200 --out big --truth big.tsv
end=$(date +%s)
echo "16x200: $((end - start)) s"
# Sanitizer builds (make check-asan exports SAN) run several times slower:
# the minute is for the normal build; there the bound only catches a hang.
limit=60
[ -z "${SAN:-}" ] || limit=600
[ $((end - start)) -lt $limit ] || t_fail "took $((end - start)) s"
[ "$(awk -F'\t' '$1=="application"' big.tsv | wc -l)" -eq 3200 ]
rm -rf big
CASE
