#!/bin/sh
# tests/e2e/reruns.sh - what an unchanged rerun leaves alone, and what makes
# output write summary.xlsx again (its digest: out_summary_digest() in
# output/summary.c, over every table the workbook reads).
. "$(dirname "$0")/../lib.sh"

t_need reruns sqlite3 python3
t_need_samples reruns

# The summary's sheet 总览 as text, read from the workbook's XML.
overview() {
	python3 - "$1" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
xml = z.read("xl/worksheets/sheet1.xml").decode()
print(" ".join(re.findall(r"<t[^>]*>([^<]*)</t>", xml)))
PY
}

cd "$T" && mkdir w && cd w && mkdir inbox && cp -R "$TOP/samples/inbox/." inbox/ && cp -RL "$TOP/rules" rules
"$IIREVIEW" run -q
cd ..

t_case "an unchanged rerun writes nothing, summary.xlsx included" <<'CASE'
cd w
before=$(stat -c '%i %Y' out/summary.xlsx)
sleep 1
"$IIREVIEW" run -v 2>err
cat err
grep -q "^output: 0 written, [0-9]* unchanged, 0 removed" err
[ "$(stat -c '%i %Y' out/summary.xlsx)" = "$before" ]
CASE

t_case "a summary.xlsx that was deleted is written again" <<'CASE'
cd w
rm out/summary.xlsx
"$IIREVIEW" run -v 2>err
grep -q "^output: 1 written" err
test -f out/summary.xlsx
CASE

t_case "a withdrawn bundle: summary.xlsx is written again and shows it" <<'CASE'
cd w
before=$(stat -c '%i %Y' out/summary.xlsx)
unit=$(sqlite3 iireview.db "SELECT unit FROM bundles WHERE state = 'current' AND unit IS NOT NULL ORDER BY unit LIMIT 1")
"$IIREVIEW" withdraw "$unit" --reason "推荐单位来函撤回" >/dev/null
"$IIREVIEW" run -q
[ "$(stat -c '%i %Y' out/summary.xlsx)" != "$before" ]
overview out/summary.xlsx | grep -q "已撤回"
CASE

t_case "every table the summary's SQL names is in its digest" <<'CASE'
cd "$TOP"
# The tables of the digest, from the C array.
digest=$(sed -n '/summary_tables\[\] = {/,/};/p' output/summary.c | grep -o '"[a-z_]*"' | tr -d '"' | sort -u)
[ -n "$digest" ]
# Every name after FROM or JOIN in the SQL of the summary and of aggregate_load
# (common/tally.c), but the CTEs those statements define and `fields`, which
# the digest covers through applications.fields_digest.
ctes=$(cat output/summary.c common/tally.c | grep -oE '\b[a-z_]+ AS \(' | cut -d' ' -f1 | sort -u)
named=$(cat output/summary.c common/tally.c | grep -oE '(FROM|JOIN) [a-z_]+' | cut -d' ' -f2 | sort -u)
missing=
for t in $named; do
	echo "$ctes" | grep -qx "$t" && continue
	[ "$t" = fields ] && continue
	echo "$digest" | grep -qx "$t" || missing="$missing $t"
done
[ -z "$missing" ] || t_fail "read by the summary but not in summary_tables[]:$missing"
CASE
