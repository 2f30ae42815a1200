#!/bin/sh
# Staff corrections, the history of one application, and what status says
# changed after a unit replaced its bundle.
. "$(dirname "$0")/../lib.sh"

for tool in sqlite3 bsdtar; do
	command -v $tool >/dev/null || { t_skip "history" "$tool is not installed"; exit 0; }
done

"$GEN" --seed 31 --units 2 --per-unit 4 --defects 0 --formats zip --out "$T/inbox" --truth "$T/truth.tsv" >/dev/null 2>&1
ii() { "$IIREVIEW" "$@" --inbox "$T/inbox" --db "$T/db/ii.db" --rules "$TOP/rules" --out "$T/out"; }
sql() { sqlite3 "$T/db/ii.db" "$1"; }

t_case "first run" <<'CASE'
ii run
CASE

# A unit whose bundle has UTF-8 names, so that the test can re-pack it with bsdtar.
APP=$(sql "SELECT a.app_no FROM applications a JOIN bundles b ON b.id = a.bundle_id WHERE b.unit = '南京市' AND a.app_no LIKE 'P9%' ORDER BY a.app_no LIMIT 1")

t_case "a correction replaces one field, keeps the form's value, and is logged" <<CASE
before=\$(sql "SELECT raw FROM fields f JOIN applications a ON a.id = f.application_id WHERE a.app_no = '$APP' AND f.key = 'staff'")
digest=\$(sql "SELECT fields_digest FROM applications WHERE app_no = '$APP'")
[ \${#digest} = 64 ]
cat >"$T/db/corrections.csv" <<'CSV'
申报编号,字段,更正值,原因,更正人,日期
$APP,人员数量,"1,234",电话核实,王晓荣,2019-11-25
$APP,no_such_field,1,x,y,2019-11-25
PXNOTTHERE,staff,5,x,y,2019-11-25
CSV
ii run 2>err.txt
cat err.txt
grep -q "corrections.csv:3: correction refused: no such field" err.txt
grep -q "corrections.csv:4: correction refused: no application PXNOTTHERE" err.txt
got=\$(sql "SELECT value || '|' || coalesce(original_raw, '') || '|' || correction FROM fields f JOIN applications a ON a.id = f.application_id WHERE a.app_no = '$APP' AND f.key = 'staff'")
echo "\$got"
case "\$got" in "1234|\$before|电话核实；王晓荣；2019-11-25；"*corrections.csv:2) ;; *) exit 1 ;; esac
[ "\$(sql "SELECT count(*) FROM corrections_log")" = 1 ]
# The digest that evaluate and output compare changed with the field, and
# the verdicts on it were redone with the corrected number.
after=\$(sql "SELECT fields_digest FROM applications WHERE app_no = '$APP'")
[ \${#after} = 64 ] && [ "\$after" != "\$digest" ]
sql "SELECT detail FROM verdicts v JOIN applications a ON a.id = v.application_id WHERE a.app_no = '$APP' AND v.criterion LIKE '%staff%'" | grep -q "为1234"
CASE

t_case "history shows the correction" <<CASE
"\$IIREVIEW" history --db "$T/db/ii.db" "$APP" >h.txt
cat h.txt
grep -q "version 1:" h.txt
grep -q "staff = 1,234" h.txt
CASE

t_case "a replaced bundle: status says what changed, history shows the new version" <<CASE
sleep 1
bundle=\$(sql "SELECT b.inbox_name FROM applications a JOIN bundles b ON b.id = a.bundle_id WHERE a.app_no = '$APP'")
form=\$(sql "SELECT f.path FROM applications a JOIN files f ON f.id = a.form_file_id WHERE a.app_no = '$APP'")
name=\$(sql "SELECT value FROM fields f JOIN applications a ON a.id = f.application_id WHERE a.app_no = '$APP' AND f.key = 'platform_name'")
mkdir -p x d && (cd x && bsdtar -xf "$T/inbox/\$bundle")
(cd d && bsdtar -xf "../x/\$form" && sed -i "s/\$name/改名后的平台/g" word/document.xml && bsdtar --format zip -cf "../x/\$form" .)
(cd x && bsdtar --format zip -cf "$T/inbox/\$bundle" .)
ii run
"\$IIREVIEW" status --db "$T/db/ii.db" >s.txt
cat s.txt
grep -q "1 new or changed" s.txt
grep -q "replaced \$bundle by \$bundle: applications 4 -> 4" s.txt
"\$IIREVIEW" history --db "$T/db/ii.db" "$APP" >h2.txt
cat h2.txt
grep -q "version 2:" h2.txt
grep -q "platform_name .*-> 改名后的平台" h2.txt
CASE
