/*
 * test_output.c - aggregate's ranking order, the display-width estimate,
 * and the output stage on a small fixture database: form texts that look
 * like formulas end up as string cells, reruns skip unchanged files.
 */
#include "harness.h"

#include "aggregate/aggregate.h"
#include "common/db.h"
#include "common/fsutil.h"
#include "common/rulesconf.h"
#include "common/store.h"
#include "common/strbuf.h"
#include "output/internal.h"
#include "output/output.h"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

TEST(rank_order_and_ties)
{
	/* id, category, score, gates passed, 申报编号 */
	struct agg_entry e[] = {
	    {1, 4, 80, 3, "B", 0},  {2, 4, 80, 3, "A", 0},  {3, 4, 80, 4, "Z", 0},
	    {4, 4, 90, 0, "Y", 0},  {5, -1, 99, 9, "C", 0}, {6, 1, 10, 1, "D", 0},
	    {7, 1, 10, 1, NULL, 0}, {8, 4, 80, 3, NULL, 0},
	};
	const int64_t order[] = {6, 7, 4, 3, 2, 1, 8, 5};
	const int ranks[] = {1, 2, 1, 2, 3, 4, 5, 0};

	agg_rank(e, sizeof(e) / sizeof(e[0]));
	/* 行业级 (1) before 标杆工厂 (4); unranked (-1) last. */
	for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		test_row("position %zu", i);
		assert_eq_int(e[i].application_id, order[i]);
		assert_eq_int(e[i].rank, ranks[i]);
	}
	test_row(NULL);
}

TEST(display_width)
{
	assert_eq_int(output_display_width(NULL), 0);
	assert_eq_int(output_display_width(""), 0);
	assert_eq_int(output_display_width("abc"), 3);
	assert_eq_int(output_display_width("南京市"), 6);
	assert_eq_int(output_display_width("联系方式（手机）"), 16);
	assert_eq_int(output_display_width("a南b"), 4);
	assert_eq_int(output_display_width("91320104MAFMKQJ64E"), 18);
	/* The widest line counts. */
	assert_eq_int(output_display_width("ab\n南京市工信局\nc"), 12);
	/* Lines a wrapped cell needs: its own lines, long ones with a tenth to spare. */
	assert_eq_int(output_text_lines("", 10), 0);
	assert_eq_int(output_text_lines("abc", 10), 1);
	assert_eq_int(output_text_lines("a\nb", 10), 2);
	assert_eq_int(output_text_lines("a\n\nb", 10), 3);
	assert_eq_int(output_text_lines("0123456789", 10), 2); /* 11 > 10 with the spare tenth */
	assert_eq_int(output_text_lines("012345678", 10), 1);
	assert_eq_int(output_text_lines("统一社会信用代码第3-4位为“32”", 10), 4);
	/* Malformed bytes count one each rather than stopping the count. */
	assert_eq_int(output_display_width("a\xff"
					   "b"),
		      3);
}

/* Text of the member name of the zip at path into out; 0 or -1. */
static int zip_member(const char *path, const char *name, struct strbuf *out)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	char buf[8192];
	int ret = -1;

	/* Names are UTF-8 (flagged); libarchive converts them to the locale's charset. */
	setlocale(LC_CTYPE, "C.UTF-8");
	archive_read_support_format_zip(a);
	if (archive_read_open_filename(a, path, 16384) != ARCHIVE_OK)
		goto out;
	while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
		la_ssize_t n;

		const char *got = archive_entry_pathname_utf8(e);

		if (!got || strcmp(got, name))
			continue;
		while ((n = archive_read_data(a, buf, sizeof(buf))) > 0)
			strbuf_add(out, buf, (size_t)n);
		ret = n < 0 ? -1 : 0;
		break;
	}
out:
	archive_read_free(a);
	return ret;
}

static const char fixture_sql[] =
    "INSERT INTO bundles(id, inbox_name, kind, unit, state, files, received) VALUES "
    " (1, 'nj.zip', 'archive', '南京市', 'current', 2, '2019-11-01'),"
    " (2, 'old.zip', 'archive', '南京市', 'superseded', 0, '2019-10-01');"
    "INSERT INTO blobs VALUES ('%s', 5);"
    "INSERT INTO applications(id, bundle_id, form_file_id, type, enterprise, app_no, "
    "  credit_code, direction) VALUES"
    " (1, 1, 1, 'platform', '=SUM(A1)', 'P-2', '91320104MAFMKQJ64E', '行业级'),"
    " (2, 1, NULL, 'platform', '@甲公司', 'P-1', NULL, '行业级'),"
    " (3, 1, NULL, 'factory', '-乙工厂', 'F-1', NULL, NULL),"
    " (4, 2, NULL, 'factory', '旧申报', 'F-9', NULL, NULL);"
    "INSERT INTO files(id, bundle_id, path, depth, sha256, size, kind, application_id) VALUES"
    " (1, 1, 'nj/a/申报书.docx', 0, '%s', 5, 'form_platform', 1),"
    " (2, 1, 'nj/a/营业执照.pdf', 0, '%s', 5, 'attachment', 1);"
    "INSERT INTO fields(application_id, key, raw, value, num, status, flags) VALUES"
    " (1, 'contact_name', '+86 王', '+86 王', NULL, 'ok', NULL),"
    " (1, 'contact_mobile', '-13800000000', NULL, NULL, 'unreadable', NULL),"
    " (1, 'devices', '=1+2', '3', 3, 'ok', NULL);"
    "INSERT INTO verdicts VALUES (1, 'cross.devices', '附件3 一(二)1', 'gate', '', "
    "  '连接设备数不低于10万台', '=1+2', '100000', 'fail', '=HYPERLINK(\"x\")'),"
    " (1, 'basic.credit', '附件3 二(一)1', 'basic', '', '信用良好', '', '', 'pass', ''),"
    " (1, 'qual.x', '附件3 四', 'qualitative', '', '示范作用', '', '', '', '');"
    "INSERT INTO assessments VALUES"
    " (1, '行业级', '行业级', 1, 0, 2, 3, '', 70, '', 'd'),"
    " (2, '行业级', '行业级', 0, 1, 3, 3, '', 70, '', 'd'),"
    " (3, '标杆工厂', '不予推荐', 1, 0, 1, 5, '', 10, '', 'd'),"
    " (4, '标杆工厂', '标杆工厂', 1, 1, 5, 5, '', 99, '', 'd');"
    "INSERT INTO defects(stage, bundle_id, file_id, application_id, code, raw, detail) VALUES"
    " ('normalize', 1, 1, 1, 'FIELD_MISSING', '=cmd|x', '手机未填写'),"
    " ('ingest', 1, NULL, NULL, 'SUMMARY_MISSING', NULL, '无汇总表'),"
    " ('ingest', 2, NULL, NULL, 'ARCHIVE_CORRUPT', NULL, '旧包损坏');";

/* Build the fixture database, store and rules under the test's folder; the db stays open. */
static sqlite3 *fixture(struct strbuf *dir)
{
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT, sql = STRBUF_INIT;
	struct store st;
	char hex[SHA256_HEX_LEN + 1];
	uint64_t size;
	sqlite3 *db = NULL;
	FILE *fp;

	strbuf_addstr(dir, test_tmpdir());
	strbuf_addf(&path, "%s/rules/2019", dir->buf);
	mkdir_p(path.buf, 0755);
	strbuf_addstr(&path, "/clusters.txt");
	fp = fopen(path.buf, "w");
	fputs("# test\n物联网\n工程机械|工程机械集群\n", fp);
	fclose(fp);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/rules/2019/score.txt", dir->buf);
	fp = fopen(path.buf, "w");
	fputs("review_score_max 10\n", fp);
	fclose(fp);
	/* The tests run from the repository root: its catalogues. */
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/rules/fields", dir->buf);
	{
		char *fields = realpath("rules/fields", NULL);
		int bad = !fields || symlink(fields, path.buf);

		free(fields);
		if (bad)
			goto out;
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/blob", dir->buf);
	fp = fopen(path.buf, "w");
	fputs("hello", fp);
	fclose(fp);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/store", dir->buf);
	if (store_open(&st, path.buf, &err))
		goto out;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/blob", dir->buf);
	if (store_put_file(&st, path.buf, hex, &size, &err))
		goto out;
	store_close(&st);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/t.db", dir->buf);
	if (db_open(path.buf, &db, &err))
		goto out;
	strbuf_addf(&sql, fixture_sql, hex, hex, hex);
	if (db_exec(db, sql.buf)) {
		db_close(db);
		db = NULL;
	}
out:
	if (err.len)
		test_fail(__FILE__, __LINE__, "fixture: %s", err.buf);
	strbuf_release(&path);
	strbuf_release(&err);
	strbuf_release(&sql);
	return db;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

TEST(stage_on_fixture)
{
	struct strbuf dir = STRBUF_INIT, out = STRBUF_INIT, rules = STRBUF_INIT,
		      store = STRBUF_INIT, xml = STRBUF_INIT, path = STRBUF_INIT;
	struct aggregate_stats as;
	struct output_options opt = {0};
	struct output_stats os;
	struct rules_config cfg = {0};
	struct strbuf err = STRBUF_INIT;
	sqlite3 *db = fixture(&dir);
	sqlite3_stmt *st;
	struct stat sb;

	if (!db) {
		/* The fixture failed (it says why): a failure, not a silent pass. */
		test_fail(__FILE__, __LINE__, "no fixture database");
		strbuf_release(&dir);
		return;
	}
	assert_eq_int(aggregate_rank_db(db, &as), 0);
	assert_eq_int(as.ranked, 2);
	assert_eq_int(as.unranked, 1);
	/* Same score, P-1 passed more gates: it ranks first. */
	st = db_prepare(db, "SELECT application_id, category, rank FROM rankings ORDER BY rank");
	assert_true(sqlite3_step(st) == SQLITE_ROW);
	assert_eq_int(sqlite3_column_int(st, 0), 2);
	assert_eq_str((const char *)sqlite3_column_text(st, 1), "行业级");
	assert_true(sqlite3_step(st) == SQLITE_ROW);
	assert_eq_int(sqlite3_column_int(st, 0), 1);
	assert_eq_int(sqlite3_column_int(st, 2), 2);
	assert_true(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);

	strbuf_addf(&out, "%s/out", dir.buf);
	strbuf_addf(&rules, "%s/rules", dir.buf);
	strbuf_addf(&store, "%s/store", dir.buf);
	opt.out_dir = out.buf;
	assert_eq_int(rules_config_load(rules.buf, NULL, &cfg, &err), 0);
	assert_eq_str(err.buf, "");
	assert_eq_int(cfg.nclusters, 2);
	opt.rules = &cfg;
	opt.store_dir = store.buf;
	opt.packets = 1;
	assert_eq_int(output_run(db, &opt, &os), 0);
	/* summary, a worksheet per current application (3), 1 unit list, 1 packet. */
	assert_eq_int(os.written, 1 + 3 + 1 + 1);

	/* summary.xlsx is constant_memory: inline strings, and no formula at all. */
	strbuf_addf(&path, "%s/summary.xlsx", out.buf);
	assert_true(!stat(path.buf, &sb) && (sb.st_mode & 0777) == 0640);
	for (int i = 1; i <= 10; i++) {
		char name[64];

		snprintf(name, sizeof(name), "xl/worksheets/sheet%d.xml", i);
		strbuf_reset(&xml);
		if (zip_member(path.buf, name, &xml))
			break;
		assert_eq_int(count(xml.buf, "<f>"), 0);
		if (i == 9) { /* 申报明细 */
			assert_true(strstr(xml.buf, "t=\"inlineStr\"><is><t>=SUM(A1)</t>") != NULL);
			assert_true(strstr(xml.buf, "<t>@甲公司</t>") != NULL);
			assert_true(strstr(xml.buf, "<t>-乙工厂</t>") != NULL);
			assert_true(strstr(xml.buf, "旧申报") == NULL);
		}
		if (i == 10) /* 问题清单: the superseded bundle's defect is not there */
			assert_true(strstr(xml.buf, "旧包损坏") == NULL &&
				    strstr(xml.buf, "无汇总表") != NULL);
	}
	strbuf_reset(&xml);
	assert_eq_int(zip_member(path.buf, "xl/workbook.xml", &xml), 0);
	assert_true(strstr(xml.buf, "name=\"申报明细\"") && strstr(xml.buf, "name=\"问题清单\"") &&
		    strstr(xml.buf, "name=\"总览\""));

	/* The worksheet: shared strings; its only formula is our own SUM. */
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/worksheets/南京市/P-2.xlsx", out.buf);
	strbuf_reset(&xml);
	assert_eq_int(zip_member(path.buf, "xl/worksheets/sheet1.xml", &xml), 0);
	assert_eq_int(count(xml.buf, "<f>"), 2);
	assert_eq_int(count(xml.buf, "<f>SUM(I"), 2);
	assert_true(strstr(xml.buf, "<sheetProtection") != NULL);
	assert_true(strstr(xml.buf, "<dataValidation ") != NULL);
	strbuf_reset(&xml);
	assert_eq_int(zip_member(path.buf, "xl/sharedStrings.xml", &xml), 0);
	assert_true(strstr(xml.buf, "<t>=1+2</t>") != NULL);
	assert_true(strstr(xml.buf, "<t>=HYPERLINK(&quot;x&quot;)</t>") != NULL ||
		    strstr(xml.buf, "<t>=HYPERLINK(\"x\")</t>") != NULL);

	/* The packet holds the original bytes under the application's folder. */
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/packets/行业级.zip", out.buf);
	strbuf_reset(&xml);
	assert_eq_int(zip_member(path.buf, "002-P-2-=SUM(A1)/申报书.docx", &xml), 0);
	assert_eq_str(xml.buf, "hello");
	strbuf_reset(&xml);
	assert_eq_int(zip_member(path.buf, "目录.xlsx", &xml), 0);

	/* A rerun rewrites only summary.xlsx: the packet's sources did not change. */
	assert_eq_int(output_run(db, &opt, &os), 0);
	assert_eq_int(os.skipped, 3 + 1 + 1);
	assert_eq_int(os.written, 1);
	/*
	 * A changed verdict rewrites that worksheet and its category's packet.
	 * evaluate changes verdicts only with the digest of their sources.
	 */
	db_exec(db, "UPDATE verdicts SET result = 'pass' WHERE application_id = 1 AND "
		    "criterion = 'cross.devices';"
		    "UPDATE assessments SET rules_digest = 'd2' WHERE application_id = 1");
	assert_eq_int(output_run(db, &opt, &os), 0);
	assert_eq_int(os.skipped, 3);
	assert_eq_int(os.written, 3);
	/* An application that is gone takes its worksheet with it. */
	db_exec(db, "UPDATE bundles SET state = 'removed' WHERE id = 1");
	assert_eq_int(output_run(db, &opt, &os), 0);
	assert_eq_int(os.removed, 3 + 1 + 1);
	assert_true(stat(path.buf, &sb) != 0);

	db_close(db);
	rules_config_release(&cfg);
	strbuf_release(&err);
	strbuf_release(&dir);
	strbuf_release(&out);
	strbuf_release(&rules);
	strbuf_release(&store);
	strbuf_release(&xml);
	strbuf_release(&path);
}

/* The digest of one application from a new set (of the database as it is now); "" on failure. */
static const char *fresh_digest(sqlite3 *db, int64_t id, char hex[SHA256_HEX_LEN + 1])
{
	struct out_digests *d = out_digests_new(db);

	hex[0] = '\0';
	if (!d || out_digests_get(d, id, hex))
		test_fail(__FILE__, __LINE__, "no digest for application %lld", (long long)id);
	out_digests_free(d);
	return hex;
}

/*
 * The per-run memo of application digests: the same digest whatever the
 * order of asking and however far its table grew, one digest per
 * application, and a new set sees a changed row.
 */
TEST(digest_memo)
{
	struct strbuf dir = STRBUF_INIT;
	sqlite3 *db = fixture(&dir);
	struct out_digests *a, *b;
	enum { N = 3000 };
	static char first[N + 1][SHA256_HEX_LEN + 1];
	char hex[SHA256_HEX_LEN + 1];
	int same = 0;

	if (!db) {
		test_fail(__FILE__, __LINE__, "no fixture database");
		strbuf_release(&dir);
		return;
	}
	assert_eq_int(db_exec(db,
			      "WITH RECURSIVE n(i) AS (SELECT 5 UNION ALL SELECT i + 1 FROM n "
			      "WHERE i < 3000) INSERT INTO applications(id, bundle_id, type, "
			      "enterprise, app_no) SELECT i, 1, 'platform', 'e' || i, 'P-' || i "
			      "FROM n;"
			      "INSERT INTO fields(application_id, key, raw, value, status) "
			      "SELECT id, 'devices', id, id, 'ok' FROM applications WHERE id > 4"),
		      0);
	a = out_digests_new(db);
	b = out_digests_new(db);
	assert_true(a && b);
	for (int i = 1; i <= N; i++)
		assert_eq_int(out_digests_get(a, i, first[i]), 0);
	for (int i = N; i >= 1; i--) {
		assert_eq_int(out_digests_get(b, i, hex), 0);
		same += !strcmp(hex, first[i]);
	}
	assert_eq_int(same, N);
	/* Asked again, a memo answers from its table: the same. */
	assert_eq_int(out_digests_get(a, 77, hex), 0);
	assert_eq_str(hex, first[77]);
	assert_true(strcmp(first[77], first[78]) != 0);
	out_digests_free(a);
	out_digests_free(b);

	/* A new set sees a changed row, and only for its application. */
	db_exec(db, "UPDATE fields SET value = 'x' WHERE application_id = 77");
	assert_true(strcmp(fresh_digest(db, 77, hex), first[77]) != 0);
	assert_eq_str(fresh_digest(db, 78, hex), first[78]);

	/* normalize's digest of the fields stands for their rows. */
	db_exec(db, "UPDATE applications SET fields_digest = 'n1' WHERE id = 78");
	assert_true(strcmp(fresh_digest(db, 78, hex), first[78]) != 0);
	strcpy(first[78], hex);
	db_exec(db, "UPDATE fields SET value = 'y' WHERE application_id = 78");
	assert_eq_str(fresh_digest(db, 78, hex), first[78]);
	db_exec(db, "UPDATE applications SET fields_digest = 'n2' WHERE id = 78");
	assert_true(strcmp(fresh_digest(db, 78, hex), first[78]) != 0);
	db_close(db);
	strbuf_release(&dir);
}

TEST_MAIN(TEST_ENTRY(rank_order_and_ties), TEST_ENTRY(display_width), TEST_ENTRY(stage_on_fixture),
	  TEST_ENTRY(digest_memo))
