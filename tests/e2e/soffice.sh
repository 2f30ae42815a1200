#!/bin/sh
# End-to-end: forms sent as .doc are read through LibreOffice (normalize/soffice.h).
# A generated bundle is run twice: as generated (.docx forms) and as a folder
# whose forms soffice itself saved as Word 97 .doc; every field must read the
# same, each .doc form with a FORM_CONVERTED note.  Without soffice on PATH
# the cases are skipped (the unit tests, test_soffice, need no LibreOffice).
. "$(dirname "$0")/../lib.sh"

if ! command -v soffice >/dev/null 2>&1; then
	t_skip "soffice" "soffice (LibreOffice) is not on PATH: .doc/.wps forms stay FORM_UNREADABLE here (apt-get install libreoffice-writer-nogui)"
	exit 0
fi
for tool in sqlite3 bsdtar; do
	command -v $tool >/dev/null || { t_skip "soffice" "$tool is not installed"; exit 0; }
done

# The test's own soffice runs with a profile of its own too.
so() { soffice --headless --norestore --nologo --nolockcheck "-env:UserInstallation=file://$T/profile" "$@" </dev/null; }
run() { db=$1; shift; "$IIREVIEW" run --db "$T/$db/ii.db" --rules "$TOP/rules" --out "$T/out-$db" -v "$@"; }
q() { sqlite3 "$T/$1/ii.db" "$2"; }
# Every field of every application, as normalize stored it.
FIELDS="SELECT a.app_no, f.key, quote(f.raw), quote(f.value), f.status, quote(f.flags)
	FROM fields f JOIN applications a ON a.id = f.application_id ORDER BY 1, 2;"
APPS="SELECT app_no, type, enterprise, coalesce(direction, ''), coalesce(credit_code, '')
	FROM applications ORDER BY 1;"

"$GEN" --seed 11 --units 1 --per-unit 3 --defects 0 --formats zip --out "$T/docx" --truth "$T/truth.tsv" >/dev/null 2>&1

t_case "the bundle's forms saved as .doc by soffice, in a folder bundle" <<'CASE'
zip=$(ls "$T"/docx/*.zip)
dir="$T/doc/$(basename "$zip" .zip)"
mkdir -p "$dir"
(cd "$dir" && bsdtar xf "$zip")
n=0
for f in "$dir"/*/*.docx; do
	so --convert-to "doc:MS Word 97" --outdir "$(dirname "$f")" "$f"
	rm "$f"
	n=$((n + 1))
done
echo "$n forms converted"
[ "$n" = 3 ]
for f in "$dir"/*/*.doc; do
	[ "$(od -An -tx1 -N8 "$f" | tr -d ' ')" = d0cf11e0a1b11ae1 ]
done
CASE

t_case "the pipeline reads the .doc forms through soffice" <<'CASE'
run docx --inbox "$T/docx" 2>log-docx
run doc --inbox "$T/doc" 2>log-doc
cat log-doc
grep -q "forms are converted with" log-doc
[ "$(grep -c 'converted with soffice (FORM_CONVERTED)' log-doc)" = 3 ]
CASE

t_case "every field and application reads the same as from the .docx" <<'CASE'
q docx "$FIELDS" >fields-docx
q doc "$FIELDS" >fields-doc
q docx "$APPS" >apps-docx
q doc "$APPS" >apps-doc
echo "fields: $(wc -l <fields-docx) and $(wc -l <fields-doc)"
diff fields-docx fields-doc
diff apps-docx apps-doc
[ "$(wc -l <fields-docx)" -gt 300 ] && [ "$(wc -l <apps-doc)" = 3 ]
CASE

t_case "each converted form has its FORM_CONVERTED note, none is unreadable" <<'CASE'
q doc "SELECT a.app_no, d.detail FROM defects d JOIN applications a ON a.id = d.application_id
	WHERE d.code = 'FORM_CONVERTED';" >notes
cat notes
[ "$(wc -l <notes)" = 3 ]
grep -q '为.doc格式，已自动转换为.docx读取' notes
[ "$(q doc "SELECT count(*) FROM defects WHERE code = 'FORM_UNREADABLE';")" = 0 ]
[ "$(q docx "SELECT count(*) FROM defects WHERE code IN ('FORM_CONVERTED', 'FORM_UNREADABLE');")" = 0 ]
# Nothing the office received is changed: the store holds the .doc forms as sent.
for f in "$T"/doc/*/*/*.doc; do
	h=$(sha256sum "$f" | cut -c1-64)
	[ "$(q doc "SELECT count(*) FROM files WHERE sha256 = '$h' AND path LIKE '%.doc';")" = 1 ]
done
CASE

t_case "with soffice turned off, the .doc forms are FORM_UNREADABLE with the reason" <<'CASE'
IIREVIEW_SOFFICE= run off --inbox "$T/doc" 2>log-off
grep "FORM_UNREADABLE" log-off
[ "$(grep -c 'soffice not used (IIREVIEW_SOFFICE is set and empty) (FORM_UNREADABLE)' log-off)" = 3 ]
[ "$(q off "SELECT count(*) FROM defects WHERE code = 'FORM_UNREADABLE';")" = 3 ]
[ "$(q off "SELECT count(*) FROM defects WHERE code = 'FORM_CONVERTED';")" = 0 ]
CASE

t_case "a .doc that is no Word binary never reaches soffice" <<'CASE'
# The sample generator's unreadable form: the OLE2 signature, then noise.
dir="$T/junk/南京市-申报材料"
mkdir -p "$dir/1、南京甲科技有限公司"
cp "$T"/doc/*/*.xlsx "$dir/"
{ printf '\320\317\021\340\241\261\032\341'; head -c 20000 /dev/urandom; } \
	>"$dir/1、南京甲科技有限公司/南京甲科技有限公司-江苏省重点工业互联网平台申报书.doc"
run junk --inbox "$T/junk" 2>log-junk
grep "FORM_UNREADABLE" log-junk
grep -q "broken header) (FORM_UNREADABLE)" log-junk
! grep -q "converted with" log-junk
CASE

t_case "a conversion past its timeout is killed with every LibreOffice process" <<'CASE'
mkdir -p "$T/tmp" "$T/bin"
# A LibreOffice that never finishes, with a process of its own beside it (as
# soffice.bin is to soffice): the timeout must take both.  A stand-in, for
# a real soffice may well convert a small form within the second.  Every
# process carries the conversion's arguments (with $T/tmp in them), which
# the check below looks for; "; :" keeps sh from exec'ing away its arguments.
printf '%s\n' '#!/bin/sh' "sh -c 'sleep 60; :' soffice-hangs-child \"\$@\" &" 'sleep 60' \
	>"$T/bin/soffice-hangs"
chmod +x "$T/bin/soffice-hangs"
TMPDIR="$T/tmp" IIREVIEW_SOFFICE="$T/bin/soffice-hangs" IIREVIEW_SOFFICE_TIMEOUT=1 \
	run slow --inbox "$T/doc" 2>log-slow
grep "soffice" log-slow
[ "$(grep -c 'soffice timed out after 1 s (FORM_UNREADABLE)' log-slow)" = 3 ]
# No process is left that was started on our temporary folders, and no folder.
sleep 0.2
left=$(ps -eo args | grep -v grep | grep -F "$T/tmp" || true)
[ -z "$left" ] || t_fail "left running: $left"
[ -z "$(ls -A "$T/tmp")" ]
CASE
