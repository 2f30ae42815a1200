#!/bin/sh
# End-to-end tests of `iireview evaluate` on a hand-made database: a changed
# threshold re-evaluates from the database alone; bad rules change nothing.
. "$(dirname "$0")/../lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	t_skip "evaluate" "the sqlite3 command-line tool is not installed"
	exit 0
fi

# A database with one 行业级 platform application exactly at the 行业级 bounds.
setup() {
	mkdir "$1" && cd "$1"
	cp -r "$TOP/rules" rules
	# Only run and ingest make a database: an empty inbox makes an empty one.
	mkdir empty-inbox
	"$IIREVIEW" ingest --inbox empty-inbox --db t.db -q
	sqlite3 t.db <<'SQL'
INSERT INTO bundles(id, inbox_name, kind, unit, state, received) VALUES (1, 'a.zip', 'archive', '南京市', 'current', 'now');
INSERT INTO applications(id, bundle_id, type, enterprise, app_no, credit_code, direction)
  VALUES (1, 1, 'platform', '江苏甲有限公司', 'P91320214745555318W', '91320214745555318W', '行业级');
INSERT INTO fields(application_id, key, raw, value, num, status) VALUES
  (1, 'credit_code', '91320214745555318W', '91320214745555318W', NULL, 'ok'),
  (1, 'enterprise', '江苏甲有限公司', '江苏甲有限公司', NULL, 'ok'),
  (1, 'devices', '1500台', '1500', 1500, 'ok'), (1, 'managed', '200', '200', 200, 'ok'),
  (1, 'models', '50', '50', 50, 'ok'), (1, 'algorithms', '20', '20', 20, 'ok'),
  (1, 'apps', '30', '30', 30, 'ok'), (1, 'sub_ents', '100', '100', 100, 'ok'),
  (1, 'sub_users', '300', '300', 300, 'ok'), (1, 'model_calls', '500', '500', 500, 'ok'),
  (1, 'languages', '2', '2', 2, 'ok'), (1, 'graphical', '☑是', '是', 1, 'ok'),
  (1, 'third_party_devs', '500', '500', 500, 'ok'), (1, 'staff', '30', '30', 30, 'ok'),
  (1, 'algorithm_calls', '500', '500', 500, 'ok'), (1, 'dev_tools', '1', '1', 1, 'ok'),
  (1, 'operator', '☑独立法人机构', '独立法人机构', NULL, 'ok');
SQL
	# the 是/否 boxes 附件3 二(一), 二(三)1 and 三(一) ask for, all 是
	for k in has_plan edge_preprocess edge_apps_enabled resource_mgmt fault_alarm cloud_integration \
		sec_mechanism storage_infra data_integration data_modeling sw_interface; do
		echo "INSERT INTO fields(application_id, key, raw, value, num, status) VALUES (1, '$k', '☑是', '是', 1, 'ok');"
	done | sqlite3 t.db
	# the other required fields, filled
	for k in $(awk -F'\t' '$4 == 1 && $1 != "direction" && $1 != "credit_code" && $1 != "enterprise" {print $1}' "$TOP/rules/fields/platform.tsv"); do
		echo "INSERT INTO fields(application_id, key, raw, value, status) VALUES (1, '$k', 'x', 'x', 'ok');"
	done | sqlite3 t.db
}

t_case "a changed threshold re-evaluates without re-reading anything" <<'CASE'
setup threshold
"$IIREVIEW" evaluate --db t.db --rules rules -q
[ "$(sqlite3 t.db "SELECT recommended FROM assessments WHERE application_id = 1")" = 行业级 ]
# the same rules again: nothing to do
"$IIREVIEW" evaluate --db t.db --rules rules -q
[ "$(sqlite3 t.db "SELECT bundles_changed FROM runs ORDER BY id DESC LIMIT 1")" = 0 ]
# raise the managed-devices bound of 行业级 from 200 to 201 in the copy
sed -i 's/^when      managed >= 200$/when      managed >= 201/' rules/2019/criteria.txt
grep -q 'managed >= 201' rules/2019/criteria.txt
"$IIREVIEW" evaluate --db t.db --rules rules -q
[ "$(sqlite3 t.db "SELECT recommended FROM assessments WHERE application_id = 1")" = 企业级 ]
[ "$(sqlite3 t.db "SELECT result FROM verdicts WHERE application_id = 1 AND criterion = 'industry.managed'")" = fail ]
[ "$(sqlite3 t.db "SELECT bundles_changed FROM runs ORDER BY id DESC LIMIT 1")" = 1 ]
# only evaluate ran: no normalize work, and no ingest but the one that made the database
[ "$(sqlite3 t.db "SELECT count(*) FROM runs WHERE stage <> 'evaluate'")" = 1 ]
[ "$(sqlite3 t.db "SELECT stage || bundles_seen FROM runs WHERE stage <> 'evaluate'")" = ingest0 ]
CASE

t_case "malformed rules: file:line, exit 2, state untouched" <<'CASE'
setup malformed
"$IIREVIEW" evaluate --db t.db --rules rules -q
before=$(sqlite3 t.db "SELECT count(*), max(id) FROM runs; SELECT * FROM assessments")
sed -i 's/^when      staff >= 30$/when      staf >= 30/' rules/2019/criteria.txt
rc=0
"$IIREVIEW" evaluate --db t.db --rules rules -q 2>err || rc=$?
[ $rc = 2 ]
grep -q "rules/2019/criteria.txt:[0-9]*: unknown field key 'staf'" err
sed -i 's/^when      staf >= 30$/when      staff >= 30/; s/^applies   行业级$/applies   行业级别/' rules/2019/criteria.txt
rc=0
"$IIREVIEW" evaluate --db t.db --rules rules -q 2>err || rc=$?
[ $rc = 2 ]
grep -q "criteria.txt:[0-9]*: unknown direction '行业级别'" err
[ "$(sqlite3 t.db "SELECT count(*), max(id) FROM runs; SELECT * FROM assessments")" = "$before" ]
CASE

t_case "one rules configuration: a bad score.txt or --year stops every stage and the run before any change" <<'CASE'
setup config
before=$(sqlite3 t.db "SELECT count(*), max(id) FROM runs; SELECT * FROM assessments")
sed -i 's/^required_reviews .*/required_reviews     2.5/' rules/2019/score.txt
for cmd in normalize evaluate aggregate output; do
	rc=0
	"$IIREVIEW" $cmd --db t.db --rules rules --out out -q 2>err || rc=$?
	[ $rc = 2 ] || { echo "$cmd exit $rc"; exit 1; }
	grep -q "rules/2019/score.txt:[0-9]*: required_reviews must be a whole number 1-100" err
	grep -q "iireview $cmd: the rules were refused; nothing was changed" err
done
mkdir inbox
rc=0
"$IIREVIEW" run --inbox inbox --db t.db --rules rules --out out -q 2>err || rc=$?
[ $rc = 2 ] && grep -q "iireview run: the rules cannot be used" err
grep -q "rules/2019/score.txt:[0-9]*: required_reviews must be a whole number 1-100" err
sed -i 's/^required_reviews .*/required_reviews     3/' rules/2019/score.txt
rc=0
"$IIREVIEW" evaluate --db t.db --rules rules --year 2030 -q 2>err || rc=$?
[ $rc = 2 ] && grep -q "rules/2030/clusters.txt: cannot read" err
rc=0
"$IIREVIEW" evaluate --db t.db --rules rules --year ../2019 -q 2>err || rc=$?
[ $rc = 2 ] && grep -q "'../2019' is no rules year" err
[ "$(sqlite3 t.db "SELECT count(*), max(id) FROM runs; SELECT * FROM assessments")" = "$before" ]
[ ! -e out ]
CASE
