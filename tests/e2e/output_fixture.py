#!/usr/bin/python3
"""Fill the normalize and evaluate tables of an ingested database from the
generator's truth file, standing in for those stages in tests/e2e/output.sh.

    output_fixture.py DB TRUTH

Every current application gets: app_no (from the credit code and type, as
normalize will), credit_code, direction, a few fields, verdicts (one of
them with a raw value that looks like a formula), an assessment from the
truth's expected direction, and its truth defects.  The first unit's
summary tables become summary_rows; the others have none, so the output
stage falls back to the forms."""
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
truth = {}
with open(sys.argv[2], encoding="utf-8") as f:
    head = f.readline().rstrip("\n").split("\t")
    for line in f:
        row = dict(zip(head, line.rstrip("\n").split("\t")))
        if row["kind"] == "application":
            truth[(row["unit"], row["enterprise"])] = row

apps = db.execute(
    "SELECT a.id, a.type, a.enterprise, b.unit, b.id FROM applications a "
    "JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' ORDER BY a.id").fetchall()
first_unit = min(a[3] for a in apps)
for n, (aid, typ, ent, unit, bid) in enumerate(apps):
    t = truth[(unit, ent)]
    fields = dict(kv.split("=", 1) for kv in t["fields"].split(";") if "=" in kv)
    code = t["credit_code"]
    app_no = code + ("-P" if typ == "platform" else "-F")
    direction = t["declared_direction"] if typ == "platform" else None
    db.execute("UPDATE applications SET app_no=?, credit_code=?, direction=? WHERE id=?",
               (app_no, code, direction, aid))
    mobile = fields.get("contact_mobile", "")
    # A form text that looks like a formula: it must stay a string cell.
    contact = "=HYPERLINK(\"http://x\")" if n == 0 else fields.get("contact_name", "")
    for key, val in (("enterprise", ent), ("contact_name", contact),
                     ("contact_mobile", mobile),
                     ("platform_name" if typ == "platform" else "project_name",
                      fields.get("platform_name", fields.get("project_name", "项目"))),
                     ("location", fields.get("location", "")),
                     ("industry_type", fields.get("industry_type", "离散行业")),
                     ("last_sales", "+5000万元")):
        db.execute("INSERT OR REPLACE INTO fields(application_id, key, raw, value, num, status, flags) VALUES (?,?,?,?,?,?,?)",
                   (aid, key, val, val, None, "ok", None))
    db.execute("INSERT OR REPLACE INTO fields(application_id, key, raw, value, num, status, flags) VALUES (?,?,?,?,?,?,?)",
               (aid, "devices", "约2万台", "20000", 20000, "ok", "approx"))
    basic_ok, gates_ok = int(t["basic_ok"]), int(t["gates_ok"])
    verdicts = [
        ("basic.credit", "附件3 二(一)1", "basic", "", "近三年无不良信用记录", "-", "",
         "pass" if basic_ok else "fail", "信用承诺书已签署" if basic_ok else "缺少信用承诺书"),
        ("gate.last_sales", "附件3 一(一)1", "gate", "", "上年销售收入不低于1亿元",
         "+5000万元", "10000万元", "pass" if gates_ok else "fail", "@按申报书填写"),
        ("cross.devices", "附件3 一(二)1", "gate", "跨行业跨领域", "连接设备数不低于10万台",
         "约2万台 → 20000", "100000", "unknown", "约数，需核实"),
        ("priority.cluster", "附件3 三", "priority", "", "属于省先进制造业集群", "否", "",
         "fail", ""),
        ("qual.innovation", "附件3 四", "qualitative", "", "平台创新性和示范带动作用", "", "",
         "", "由专家评审"),
    ]
    for v in verdicts:
        db.execute("INSERT OR REPLACE INTO verdicts(application_id, criterion, clause, kind, direction, requirement, value_used, threshold, result, detail) VALUES (?,?,?,?,?,?,?,?,?,?)", (aid,) + v)
    gp = 1 + gates_ok
    score = 60 + (n * 7) % 30 if t["expected_direction"] != "不予推荐" else 20
    db.execute("INSERT OR REPLACE INTO assessments(application_id, declared, recommended, basic_ok, gates_ok, gates_passed, gates_total, priorities, score, score_detail, rules_digest) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
               (aid, t["declared_direction"], t["expected_direction"], basic_ok, gates_ok,
                gp, 3, "属于省先进制造业集群" if n % 2 else "", score, "", "fixture"))
    for c in filter(None, t["defects"].split(";")):
        db.execute("INSERT INTO defects(stage, bundle_id, application_id, code, field, raw, "
                   "detail) VALUES ('normalize', ?, ?, ?, 'contact_mobile', ?, ?)",
                   (bid, aid, c, "=cmd|' /C calc'!A0", "手机号码位数不对"))
    if unit == first_unit:
        db.execute("INSERT INTO summary_rows(bundle_id, file_id, table_type, row, seq, "
                   "enterprise, direction, project, contact, mobile, location, cluster, "
                   "application_id) VALUES (?, (SELECT id FROM files WHERE bundle_id = ? "
                   "AND kind LIKE 'summary%' LIMIT 1), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (bid, bid, typ, n + 1, str(n + 1), ent,
                    direction if typ == "platform" else "离散行业", "汇总表项目", contact or "张三",
                    "13800000000", unit, "物联网" if n % 2 else "否", aid))
bid = apps[0][4]
db.execute("INSERT INTO defects(stage, bundle_id, code, detail) VALUES "
           "('ingest', ?, 'ARCHIVE_CORRUPT', '压缩包中有一个文件无法解压')", (bid,))
db.commit()
