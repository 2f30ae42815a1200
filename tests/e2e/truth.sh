#!/bin/sh
# End-to-end: a generated provincial batch through the pipeline, compared
# with the generator's ground truth, application by application.
. "$(dirname "$0")/../lib.sh"

for tool in sqlite3; do
	command -v $tool >/dev/null || { t_skip "truth" "$tool is not installed"; exit 0; }
done

# A batch with many defects, so that every defect code is exercised.
"$GEN" --seed "${TRUTH_SEED:-4242}" --units 16 --per-unit "${TRUTH_PER_UNIT:-10}" --defects 40 --out "$T/inbox" --truth "$T/truth.tsv" >/dev/null 2>&1 ||
	{ t_case "generate the batch" <<'CASE'
false
CASE
	exit 0; }

ii() { "$IIREVIEW" "$@" --inbox "$T/inbox" --db "$T/db/ii.db" --rules "$TOP/rules"; }

t_case "the whole pipeline runs on the generated batch" <<'CASE'
"$IIREVIEW" run --inbox "$T/inbox" --db "$T/db/ii.db" --rules "$TOP/rules" --out "$T/out"
[ -f "$T/out/summary.xlsx" ]
CASE

# The truth and the database side by side: one query per aspect.
cat >"$T/load.sql" <<'EOF_SQL'
.mode tabs
.import truth.tsv truth
ATTACH 'db/ii.db' AS ii;
CREATE TEMP TABLE app_map AS
  SELECT t.rowid AS t_id, a.id AS app_id
  FROM truth t
  JOIN ii.bundles b ON b.inbox_name = t.bundle AND b.state = 'current'
  JOIN ii.files f ON f.bundle_id = b.id
  JOIN ii.applications a ON a.form_file_id = f.id
  WHERE t.kind = 'application' AND t.form_path <> ''
    AND (f.path = t.form_path OR b.inbox_name || '/' || f.path = t.form_path);
CREATE TEMP TABLE truth_fields AS
  WITH RECURSIVE split(t_id, rest, kv) AS (
    SELECT rowid, fields || ';', NULL FROM truth WHERE kind = 'application' AND form_path <> ''
    UNION ALL
    SELECT t_id, substr(rest, instr(rest, ';') + 1), substr(rest, 1, instr(rest, ';') - 1)
    FROM split WHERE rest <> '')
  SELECT t_id, substr(kv, 1, instr(kv, '=') - 1) AS key, substr(kv, instr(kv, '=') + 1) AS value
  FROM split WHERE kv IS NOT NULL AND kv <> '';
CREATE TEMP TABLE truth_defects AS
  WITH RECURSIVE split(t_id, rest, code) AS (
    SELECT rowid, defects || ';', NULL FROM truth WHERE kind = 'application' AND form_path <> ''
    UNION ALL
    SELECT t_id, substr(rest, instr(rest, ';') + 1), substr(rest, 1, instr(rest, ';') - 1)
    FROM split WHERE rest <> '')
  SELECT t_id, code FROM split WHERE code IS NOT NULL AND code <> '';
EOF_SQL

q() { (cd "$T" && { cat load.sql; echo "$1"; } | sqlite3); }

t_case "every application form of the truth was found, once" <<'CASE'
n_truth=$(q "SELECT count(*) FROM truth WHERE kind = 'application' AND form_path <> '';")
n_found=$(q "SELECT count(DISTINCT t_id) FROM app_map;")
n_rows=$(q "SELECT count(*) FROM app_map;")
echo "truth $n_truth, found $n_found, mapped rows $n_rows"
[ "$n_truth" -gt 100 ] && [ "$n_truth" = "$n_found" ] && [ "$n_found" = "$n_rows" ]
CASE

t_case "every declared value normalizes to the truth" <<'CASE'
q "SELECT t.bundle, t.enterprise, tf.key, tf.value, coalesce(f.value, '(' || coalesce(f.status, 'no row') || ')')
   FROM truth_fields tf JOIN app_map m ON m.t_id = tf.t_id JOIN truth t ON t.rowid = tf.t_id
   LEFT JOIN ii.fields f ON f.application_id = m.app_id AND f.key = tf.key
   WHERE f.value IS NOT tf.value;" >diff.txt
n_checked=$(q "SELECT count(*) FROM truth_fields tf JOIN app_map m ON m.t_id = tf.t_id;")
echo "values checked: $n_checked, differing: $(wc -l <diff.txt)"
head -20 diff.txt
[ "$n_checked" -gt 10000 ] && [ ! -s diff.txt ]
CASE

t_case "no value is read where the truth has none" <<'CASE'
q "SELECT t.enterprise, f.key, f.value FROM app_map m JOIN truth t ON t.rowid = m.t_id
   JOIN ii.fields f ON f.application_id = m.app_id
   WHERE f.value IS NOT NULL AND f.status = 'ok'
     AND f.key NOT IN ('intro','effect','cases','regional','architecture','plan','project_desc',
       'company_profile','tech_level','industry_advantage','factory_overview','build_content',
       'innovations','direct_effects','market_analysis','industry_impact','invest_detail','organization')
     AND NOT EXISTS (SELECT 1 FROM truth_fields tf WHERE tf.t_id = m.t_id AND tf.key = f.key);" >extra.txt
head -20 extra.txt
[ ! -s extra.txt ]
CASE

t_case "normalize's defects equal the truth's, application by application" <<'CASE'
codes="'FIELD_MISSING','VALUE_UNREADABLE','CREDIT_CODE_INVALID','ORG_CODE_MISMATCH','DIRECTION_NONE','DIRECTION_MULTIPLE','TEXT_TOO_LONG','FORM_UNREADABLE'"
q "SELECT 'missing', t.enterprise, td.code FROM truth_defects td JOIN app_map m ON m.t_id = td.t_id
     JOIN truth t ON t.rowid = td.t_id
   WHERE td.code IN ($codes) AND NOT EXISTS (SELECT 1 FROM ii.defects d
     WHERE d.application_id = m.app_id AND d.code = td.code AND d.stage = 'normalize')
   UNION ALL
   SELECT DISTINCT 'extra', t.enterprise, d.code FROM ii.defects d JOIN app_map m ON m.app_id = d.application_id
     JOIN truth t ON t.rowid = m.t_id
   WHERE d.stage = 'normalize' AND NOT EXISTS (SELECT 1 FROM truth_defects td
     WHERE td.t_id = m.t_id AND td.code = d.code);" >d.txt
n=$(q "SELECT count(*) FROM truth_defects WHERE code IN ($codes);")
echo "normalize defects in the truth: $n; differences: $(wc -l <d.txt)"
head -20 d.txt
[ "$n" -gt 10 ] && [ ! -s d.txt ]
CASE

t_case "long sections are counted in characters as the truth counts them" <<'CASE'
q "WITH RECURSIVE split(t_id, rest, kv) AS (
     SELECT rowid, text_lengths || ';', NULL FROM truth WHERE kind = 'application' AND text_lengths <> ''
     UNION ALL SELECT t_id, substr(rest, instr(rest, ';') + 1), substr(rest, 1, instr(rest, ';') - 1)
     FROM split WHERE rest <> '')
   SELECT t.enterprise, substr(kv, 1, instr(kv, '=') - 1), substr(kv, instr(kv, '=') + 1), f.num
   FROM split s JOIN app_map m ON m.t_id = s.t_id JOIN truth t ON t.rowid = s.t_id
   LEFT JOIN ii.fields f ON f.application_id = m.app_id AND f.key = substr(kv, 1, instr(kv, '=') - 1)
   WHERE kv IS NOT NULL AND kv <> '' AND (f.num IS NULL OR CAST(f.num AS INTEGER) <> CAST(substr(kv, instr(kv, '=') + 1) AS INTEGER));" >len.txt
head -20 len.txt
[ ! -s len.txt ]
CASE

t_case "declared and recommended directions, basic review and gates equal the truth" <<'CASE'
q "SELECT t.unit, t.enterprise, t.declared_direction, s.declared, t.expected_direction, s.recommended,
          t.basic_ok, s.basic_ok, t.gates_ok, s.gates_ok
   FROM app_map m JOIN truth t ON t.rowid = m.t_id
   LEFT JOIN ii.assessments s ON s.application_id = m.app_id
   WHERE s.application_id IS NULL OR s.declared IS NOT t.declared_direction
      OR s.recommended IS NOT t.expected_direction
      OR s.basic_ok <> CAST(t.basic_ok AS INTEGER) OR s.gates_ok <> CAST(t.gates_ok AS INTEGER);" >a.txt
n=$(q "SELECT count(*) FROM app_map;")
echo "applications compared: $n, differing: $(wc -l <a.txt)"
head -20 a.txt
[ ! -s a.txt ]
CASE

t_case "every gate passed or failed as the truth says" <<'CASE'
q "WITH RECURSIVE split(t_id, rest, id, res) AS (
     SELECT rowid, gates_passed || ';', NULL, 'pass' FROM truth WHERE kind = 'application' AND form_path <> ''
     UNION ALL SELECT rowid, gates_failed || ';', NULL, 'fail' FROM truth WHERE kind = 'application' AND form_path <> ''
     UNION ALL SELECT t_id, substr(rest, instr(rest, ';') + 1), substr(rest, 1, instr(rest, ';') - 1), res
     FROM split WHERE rest <> '')
   SELECT t.enterprise, s.id, s.res, group_concat(v.result)
   FROM split s JOIN app_map m ON m.t_id = s.t_id JOIN truth t ON t.rowid = s.t_id
   LEFT JOIN ii.verdicts v ON v.application_id = m.app_id AND v.criterion = s.id
   WHERE s.id IS NOT NULL AND s.id <> ''
   GROUP BY s.t_id, s.id HAVING group_concat(v.result) IS NULL
      OR (s.res = 'pass' AND group_concat(v.result) <> 'pass')
      OR (s.res = 'fail' AND group_concat(v.result) = 'pass');" >g.txt
n=$(q "SELECT count(*) FROM ii.verdicts WHERE kind = 'gate';")
echo "gate verdicts: $n; differing: $(wc -l <g.txt)"
head -20 g.txt
[ "$n" -gt 1000 ] && [ ! -s g.txt ]
CASE

t_case "evaluate's defects equal the truth's" <<'CASE'
codes="'COST_ITEMS_MISMATCH','ATTACHMENT_MISSING','SUMMARY_MISMATCH','FORM_ONLY','NOT_JIANGSU','NOT_LEGAL_PERSON'"
q "SELECT 'missing', t.enterprise, td.code FROM truth_defects td JOIN app_map m ON m.t_id = td.t_id
     JOIN truth t ON t.rowid = td.t_id
   WHERE td.code IN ($codes) AND NOT EXISTS (SELECT 1 FROM ii.defects d
     WHERE d.application_id = m.app_id AND d.code = td.code)
   UNION ALL
   SELECT DISTINCT 'extra', t.enterprise, d.code FROM ii.defects d JOIN app_map m ON m.app_id = d.application_id
     JOIN truth t ON t.rowid = m.t_id
   WHERE d.code IN ($codes) AND NOT EXISTS (SELECT 1 FROM truth_defects td
     WHERE td.t_id = m.t_id AND td.code = d.code);" >d.txt
n=$(q "SELECT count(*) FROM truth_defects WHERE code IN ($codes);")
echo "evaluate defects in the truth: $n; differences: $(wc -l <d.txt)"
head -20 d.txt
[ "$n" -gt 3 ] && [ ! -s d.txt ]
CASE

t_case "an enterprise listed in 附件5 with no form is an application with SUMMARY_ONLY" <<'CASE'
n_truth=$(q "SELECT count(*) FROM truth WHERE kind = 'application' AND form_path = '';")
q "SELECT t.unit, t.enterprise FROM truth t WHERE t.kind = 'application' AND t.form_path = ''
     AND NOT EXISTS (SELECT 1 FROM ii.applications a JOIN ii.bundles b ON b.id = a.bundle_id
       JOIN ii.defects d ON d.application_id = a.id AND d.code = 'SUMMARY_ONLY'
       WHERE b.state = 'current' AND b.unit = t.unit AND a.enterprise = t.enterprise
         AND a.form_file_id IS NULL);" >so.txt
echo "listed without a form in the truth: $n_truth; not found: $(wc -l <so.txt)"
head so.txt
[ "$n_truth" -gt 0 ] && [ ! -s so.txt ]
CASE

# 申报明细 in out/summary.xlsx, read back as a clerk's spreadsheet program would.
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	t_case "申报明细 in summary.xlsx matches the truth, row for row" <<'CASE'
/usr/bin/python3 - "$T/out/summary.xlsx" "$T/truth.tsv" <<'PY'
import csv, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
ws = wb["申报明细"]
rows = list(ws.iter_rows(values_only=True))
head = [str(c) for c in rows[0]]
need = ["申报编号", "推荐单位", "申报企业名称", "统一社会信用代码", "申报类型", "申报方向",
        "建议方向", "形式审查", "达标情况", "得分", "类别排名", "问题代码"]
missing = [h for h in need if h not in head]
assert not missing, "missing columns: %s" % missing
col = {h: head.index(h) for h in need}
got = {}
for r in rows[1:]:
    if r[col["推荐单位"]] is None:
        continue
    got[(r[col["推荐单位"]], r[col["申报企业名称"]], r[col["申报类型"]])] = r
bad = 0
truth = [t for t in csv.DictReader(open(sys.argv[2], encoding="utf-8"), delimiter="\t")
         if t["kind"] == "application"]
for t in truth:
    key = (t["unit"], t["enterprise"], "平台" if t["app_type"] == "platform" else "标杆工厂")
    r = got.get(key)
    want = {"申报方向": t["declared_direction"], "建议方向": t["expected_direction"],
            "形式审查": "通过" if t["basic_ok"] == "1" else "不通过",
            "达标情况": "达标" if t["gates_ok"] == "1" else "未达标"}
    if r is None:
        print("no row for", key); bad += 1; continue
    for h, v in want.items():
        if (r[col[h]] or "") != v:
            print(key, h, "want", v, "got", r[col[h]]); bad += 1
    # The code as the form writes it, also when its check character is wrong.
    readable = t["form_path"] and not ({"FORM_UNREADABLE", "SUMMARY_ONLY"} & set(t["defects"].split(";")))
    wrote = "".join(t["credit_code"].split()).upper()
    if readable and wrote and (r[col["统一社会信用代码"]] or "") != wrote:
        print(key, "统一社会信用代码 want", wrote, "got", r[col["统一社会信用代码"]]); bad += 1
    codes = set(x for x in (r[col["问题代码"]] or "").split(";") if x)
    for c in (x for x in t["defects"].split(";") if x):
        if c not in codes:
            print(key, "defect", c, "not in", sorted(codes)); bad += 1
print("rows", len(got), "truth", len(truth), "differences", bad)
sys.exit(1 if bad or len(got) != len(truth) else 0)
PY
CASE
else
	t_skip "申报明细 in summary.xlsx matches the truth, row for row" "Debian's python3-openpyxl is not installed (apt-get install python3-openpyxl)"
fi
