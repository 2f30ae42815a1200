/*
 * test_collect.c - the reviewer round trip: worksheets made by the output
 * stage on a small fixture, filled as a reviewer would, read back by
 * collect; every check, the duplicate replacement, idempotence and the
 * final ranking.
 *
 * The binary doubles as the filling helper of tests/e2e/collect.sh, so
 * that the round trip is tested where python3-openpyxl is missing:
 *
 *	test_collect --fill IN OUT REVIEWER SCORE [REF=VALUE...]
 *
 * copies the 评审表 of IN into OUT with libxlsxwriter (same cells, same
 * sheet name), writes REVIEWER beside 评审专家, 符合 and SCORE ("-": none)
 * into every criteria row, then each REF=VALUE (a number when it reads as
 * one).
 */
#include "harness.h"

#include "collect/collect.h"
#include "common/db.h"
#include "common/fsutil.h"
#include "common/rulesconf.h"
#include "common/stamp.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "common/xlsx.h"
#include "output/output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include <xlsxwriter.h>

/* ---- the filling helper ---- */

struct cell {
	unsigned row, col;
	int number;
	char *text;
};

struct book {
	struct cell *c;
	size_t n, alloc;
	int done; /* the 评审表 sheet was read */
};

static int keep_cell(const struct xlsx_cell *c, void *ctx)
{
	struct book *b = ctx;

	if (c->event == XLSX_SHEET_START)
		return strcmp(c->sheet_name, "评审表") ? XLSX_SKIP_SHEET : 0;
	if (c->event == XLSX_SHEET_END)
		return strcmp(c->sheet_name, "评审表") ? 0 : 1;
	if (c->event != XLSX_CELL)
		return 0;
	ALLOC_GROW(b->c, b->n + 1, b->alloc);
	b->c[b->n].row = c->row;
	b->c[b->n].col = c->col;
	b->c[b->n].number = c->type == XLSX_NUMBER && !c->formula;
	b->c[b->n].text = xstrdup(c->text);
	b->n++;
	return 0;
}

static void put(lxw_worksheet *ws, unsigned row, unsigned col, const char *v)
{
	char *end;
	double d = strtod(v, &end);

	if (*v && !*end)
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, d, NULL);
	else
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, v, NULL);
}

/* Fill IN into OUT as described at the top.  0 or -1. */
static int fill_sheet(const char *in, const char *out, const char *reviewer, const char *score,
		      char **overrides, int n)
{
	struct book b = {0};
	struct strbuf err = STRBUF_INIT;
	lxw_workbook *wb = NULL;
	lxw_worksheet *ws;
	unsigned header = 0, name_row = 0;
	int ret = -1;

	if (xlsx_read_file(in, NULL, keep_cell, &b, &err)) {
		fprintf(stderr, "fill: %s: %s\n", in, err.buf);
		goto out;
	}
	wb = workbook_new(out);
	ws = wb ? workbook_add_worksheet(wb, "评审表") : NULL;
	if (!ws)
		goto out;
	for (size_t i = 0; i < b.n; i++) {
		const struct cell *c = &b.c[i];

		if (c->col == 0 && !strcmp(c->text, "评审专家"))
			name_row = c->row;
		if (c->col == 0 && !strcmp(c->text, "条款"))
			header = c->row;
		if (c->number)
			worksheet_write_number(ws, (lxw_row_t)c->row, (lxw_col_t)c->col,
					       strtod(c->text, NULL), NULL);
		else
			worksheet_write_string(ws, (lxw_row_t)c->row, (lxw_col_t)c->col, c->text,
					       NULL);
	}
	if (name_row && *reviewer)
		worksheet_write_string(ws, (lxw_row_t)name_row, 1, reviewer, NULL);
	for (size_t i = 0; header && i < b.n; i++) {
		const struct cell *c = &b.c[i];

		if (c->col != 0 || c->row <= header || !*c->text)
			continue;
		worksheet_write_string(ws, (lxw_row_t)c->row, 7, "符合", NULL);
		if (strcmp(score, "-"))
			put(ws, c->row, 8, score);
	}
	for (int i = 0; i < n; i++) {
		char *eq = strchr(overrides[i], '=');
		unsigned row, col;

		if (!eq)
			goto out;
		*eq = '\0';
		if (xlsx_parse_ref(overrides[i], &row, &col))
			goto out;
		put(ws, row, col, eq + 1);
		*eq = '=';
	}
	ret = workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
	wb = NULL;
out:
	if (wb)
		workbook_close(wb);
	for (size_t i = 0; i < b.n; i++)
		free(b.c[i].text);
	free(b.c);
	strbuf_release(&err);
	return ret;
}

/* ---- the fixture ---- */

static const char fixture_sql[] =
    "INSERT INTO bundles(id, inbox_name, kind, unit, state, files, received) VALUES "
    " (1, 'nj.zip', 'archive', '南京市', 'current', 0, '2019-11-01');"
    "INSERT INTO applications(id, bundle_id, type, enterprise, app_no, direction) VALUES"
    " (1, 1, 'platform', '甲公司', 'P-1', '行业级'),"
    " (2, 1, 'platform', '乙公司', 'P-2', '行业级');"
    "INSERT INTO fields(application_id, key, raw, value, num, status, flags) VALUES "
    " (1, 'devices', '200', '200', 200, 'ok', NULL),"
    " (2, 'devices', '300', '300', 300, 'ok', NULL);"
    "INSERT INTO verdicts VALUES"
    " (1, 'ind.devices', '附件3 二(二)1', 'gate', '行业级', '设备', '200', '100', 'pass', ''),"
    " (1, 'basic.credit', '二(一)1', 'basic', '', '信用', '', '', 'pass', ''),"
    " (2, 'ind.devices', '附件3 二(二)1', 'gate', '行业级', '设备', '300', '100', 'pass', ''),"
    " (2, 'basic.credit', '二(一)1', 'basic', '', '信用', '', '', 'pass', '');"
    "INSERT INTO assessments VALUES"
    " (1, '行业级', '行业级', 1, 1, 1, 1, '', 70, '', 'd'),"
    " (2, '行业级', '行业级', 1, 1, 1, 1, '', 80, '', 'd');";

struct fx {
	struct strbuf dir, rules, out, ret, store;
	struct rules_config cfg; /* of rules, with the repository's catalogues */
	sqlite3 *db;
};

static void write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
}

/* Database, rules (spread 5, 2 reviews required, one conflict), worksheets in out/. */
static int fx_open(struct fx *f)
{
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	struct output_options oo = {0};
	struct output_stats os;
	int ret = -1;

	memset(f, 0, sizeof(*f));
	strbuf_init(&f->dir, 0);
	strbuf_init(&f->rules, 0);
	strbuf_init(&f->out, 0);
	strbuf_init(&f->ret, 0);
	strbuf_init(&f->store, 0);
	strbuf_addstr(&f->dir, test_tmpdir());
	strbuf_addf(&f->rules, "%s/rules", f->dir.buf);
	strbuf_addf(&f->out, "%s/out", f->dir.buf);
	strbuf_addf(&f->ret, "%s/returned", f->dir.buf);
	strbuf_addf(&f->store, "%s/store", f->dir.buf);
	strbuf_addf(&path, "%s/2019", f->rules.buf);
	mkdir_p(path.buf, 0755);
	mkdir_p(f->ret.buf, 0755);
	strbuf_addstr(&path, "/clusters.txt");
	write_text(path.buf, "物联网\n");
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/2019/score.txt", f->rules.buf);
	write_text(path.buf, "weight_gates 60\ndisagreement_spread 5\nrequired_reviews 2\n");
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/2019/conflicts.txt", f->rules.buf);
	write_text(path.buf, "# reviewer\tunit\n王五\t南京市\n赵六\t别的公司\n");
	/* The tests run from the repository root: its catalogues. */
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/fields", f->rules.buf);
	{
		char *fields = realpath("rules/fields", NULL);

		if (!fields || symlink(fields, path.buf) ||
		    rules_config_load(f->rules.buf, NULL, &f->cfg, &err)) {
			test_fail(__FILE__, __LINE__, "fixture rules: %s", err.buf);
			free(fields);
			goto out;
		}
		free(fields);
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/t.db", f->dir.buf);
	if (db_open(path.buf, &f->db, &err) || db_exec(f->db, fixture_sql)) {
		test_fail(__FILE__, __LINE__, "fixture: %s", err.buf);
		goto out;
	}
	oo.out_dir = f->out.buf;
	oo.store_dir = f->store.buf;
	oo.rules = &f->cfg;
	oo.packets = 0;
	if (output_run(f->db, &oo, &os)) {
		test_fail(__FILE__, __LINE__, "output_run failed");
		goto out;
	}
	ret = 0;
out:
	strbuf_release(&path);
	strbuf_release(&err);
	return ret;
}

static void fx_close(struct fx *f)
{
	db_close(f->db);
	strbuf_release(&f->dir);
	strbuf_release(&f->rules);
	rules_config_release(&f->cfg);
	strbuf_release(&f->out);
	strbuf_release(&f->ret);
	strbuf_release(&f->store);
}

/* Fill app_no's worksheet into returned/name with the given mtime. */
static void fx_fill(struct fx *f, const char *app_no, const char *name, const char *reviewer,
		    const char *score, const char *override, time_t mtime)
{
	struct strbuf in = STRBUF_INIT, out = STRBUF_INIT, ov = STRBUF_INIT;
	char *ovp[1];
	struct utimbuf ut = {mtime, mtime};

	strbuf_addf(&in, "%s/worksheets/南京市/%s.xlsx", f->out.buf, app_no);
	strbuf_addf(&out, "%s/%s", f->ret.buf, name);
	strbuf_addstr(&ov, override ? override : "");
	ovp[0] = ov.buf;
	if (fill_sheet(in.buf, out.buf, reviewer, score, ovp, override ? 1 : 0))
		test_fail(__FILE__, __LINE__, "cannot fill %s", out.buf);
	utime(out.buf, &ut);
	strbuf_release(&in);
	strbuf_release(&out);
	strbuf_release(&ov);
}

static int fx_collect(struct fx *f, struct collect_stats *cs)
{
	struct collect_options o = {f->ret.buf, &f->cfg, f->store.buf};

	return collect_run(f->db, &o, cs);
}

static int64_t q_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	int64_t v = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The code recorded for the returned file name, "" when none. */
static void q_code(sqlite3 *db, const char *name, struct strbuf *out)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT coalesce(code, ''), detail FROM review_files "
					  "WHERE path = ?");

	strbuf_reset(out);
	db_bind_text(st, 1, name);
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		strbuf_addstr(out, (const char *)sqlite3_column_text(st, 0));
		strbuf_addch(out, '|');
		strbuf_addstr(out, (const char *)sqlite3_column_text(st, 1) ?: "");
	}
	sqlite3_finalize(st);
}

/* ---- tests ---- */

TEST(parse_filled_sheet)
{
	struct fx f;
	struct review_sheet ws;
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	char stamp[65];

	if (fx_open(&f))
		goto out;
	fx_fill(&f, "P-1", "a.xlsx", " 张三 ", "7.5", "J19=请补充证明", 1000);
	strbuf_addf(&path, "%s/a.xlsx", f.ret.buf);
	assert_eq_int(review_sheet_read(path.buf, &ws, &err), 0);
	assert_eq_str(ws.app_no, "P-1");
	assert_eq_str(ws.app_no_cell, "B3");
	assert_eq_str(ws.reviewer, "张三");
	assert_eq_str(ws.reviewer_cell, "B15");
	assert_eq_str(ws.stamp_cell, "B13");
	assert_true(!app_stamp(f.db, 1, stamp) && !strcmp(ws.stamp, stamp));
	assert_eq_int(ws.n, 2);
	assert_eq_int(ws.col_opinion, 7);
	assert_eq_int(ws.col_score, 8);
	if (ws.n == 2) {
		/* basic rows come before gates */
		assert_eq_str(ws.marks[0].clause, "二(一)1");
		assert_eq_int(ws.marks[0].row, 17);
		assert_eq_str(ws.marks[0].opinion, "符合");
		assert_eq_str(ws.marks[0].score, "7.5");
		assert_true(ws.marks[0].remark == NULL);
		assert_eq_str(ws.marks[1].remark, "请补充证明");
	}
	review_sheet_release(&ws);
	/* Not a worksheet at all. */
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/rules/2019/score.txt", f.dir.buf);
	assert_eq_int(review_sheet_read(path.buf, &ws, &err), -1);
	review_sheet_release(&ws);
	fx_close(&f);
out:
	strbuf_release(&path);
	strbuf_release(&err);
}

TEST(each_check_refuses_the_file)
{
	static const struct {
		const char *name, *reviewer, *score, *override, *code, *cell;
	} cases[] = {
	    {"range.xlsx", "张三", "11", NULL, "REVIEW_SCORE_INVALID",
	     "I18: 评分 11 is outside 0-10"},
	    {"neg.xlsx", "张三", "5", "I19=-1", "REVIEW_SCORE_INVALID", "I19: 评分 -1"},
	    {"text.xlsx", "张三", "5", "I19=很好", "REVIEW_SCORE_INVALID",
	     "I19: 评分 '很好' is not"},
	    {"opinion.xlsx", "张三", "5", "H18=同意", "REVIEW_OPINION_INVALID",
	     "H18: 核定意见 '同意'"},
	    {"unknown.xlsx", "张三", "5", "B3=P-9", "REVIEW_UNKNOWN_APPLICATION",
	     "B3: 申报编号 P-9"},
	    {"stale.xlsx", "张三", "5", "B13=0123456789abcdef", "STALE_WORKSHEET", "B13: 版本标识"},
	    {"noname.xlsx", "", "5", NULL, "REVIEW_NO_REVIEWER", "B15: 评审专家 is empty"},
	    {"noscore.xlsx", "张三", "-", NULL, "REVIEW_NO_SCORES", "no 评分"},
	    {"conflict.xlsx", "王五", "5", NULL, "REVIEW_CONFLICT",
	     "B15: 评审专家 王五 belongs to 南京市"},
	    {"rows.xlsx", "张三", "5", "A20=附件3 二(二)9", "REVIEW_ROWS_CHANGED",
	     "A20: 3 criteria rows"},
	};
	struct collect_stats cs;
	struct strbuf got = STRBUF_INIT;
	struct fx f;

	if (fx_open(&f))
		goto out;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		fx_fill(&f, "P-1", cases[i].name, cases[i].reviewer, cases[i].score,
			cases[i].override, 1000 + (time_t)i);
	/* Opposite conflict entry: a different unit, not ours: accepted. */
	fx_fill(&f, "P-1", "ok.xlsx", "赵六", "6", NULL, 2000);
	assert_eq_int(fx_collect(&f, &cs), 0);
	assert_eq_int(cs.files, 11);
	assert_eq_int(cs.rejected, 10);
	assert_eq_int(cs.accepted, 1);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		q_code(f.db, cases[i].name, &got);
		test_row("%s (got %s)", cases[i].name, got.buf);
		assert_true(!strncmp(got.buf, cases[i].code, strlen(cases[i].code)) &&
			    strstr(got.buf, cases[i].cell));
	}
	test_row(NULL);
	/* Nothing of a refused file but its bytes and its review_files row. */
	assert_eq_int(q_int(f.db, "SELECT count(*) FROM reviews"), 1);
	assert_eq_int(q_int(f.db, "SELECT count(*) FROM review_marks"), 2);
	assert_eq_int(q_int(f.db, "SELECT count(*) FROM review_files"), 11);
	assert_eq_int(
	    q_int(f.db, "SELECT count(*) FROM blobs b JOIN review_files r USING (sha256)"), 11);
	assert_eq_int(q_int(f.db, "SELECT total * 10 FROM reviews"), 120);
	fx_close(&f);
out:
	strbuf_release(&got);
}

TEST(duplicate_reviewer_later_file_replaces)
{
	struct collect_stats cs;
	struct strbuf got = STRBUF_INIT;
	struct fx f;

	if (fx_open(&f))
		goto out;
	fx_fill(&f, "P-1", "first.xlsx", "张三", "4", NULL, 1000);
	fx_fill(&f, "P-1", "second.xlsx", "张三", "9", NULL, 3000);
	assert_eq_int(fx_collect(&f, &cs), 0);
	assert_eq_int(cs.accepted, 2);
	assert_eq_int(cs.replaced, 1);
	assert_eq_int(q_int(f.db, "SELECT total FROM reviews WHERE state = 'current'"), 18);
	assert_eq_int(q_int(f.db, "SELECT count(*) FROM reviews r JOIN reviews n ON n.id = "
				  "r.replaced_by WHERE r.state = 'replaced' AND r.total = 8"),
		      1);
	q_code(f.db, "second.xlsx", &got);
	assert_true(strstr(got.buf, "REVIEW_DUPLICATE|张三 reviewed P-1 already in first.xlsx") ==
		    got.buf);
	/* An older file of the same reviewer arriving later is ignored, and said. */
	fx_fill(&f, "P-1", "older.xlsx", "张三", "1", NULL, 2000);
	assert_eq_int(fx_collect(&f, &cs), 0);
	assert_eq_int(cs.ignored, 1);
	assert_eq_int(cs.unchanged, 2);
	assert_eq_int(q_int(f.db, "SELECT total FROM reviews WHERE state = 'current'"), 18);
	q_code(f.db, "older.xlsx", &got);
	assert_true(strstr(got.buf, "already in second.xlsx, a later file") != NULL);
	/* Twice: nothing changes. */
	{
		int64_t before = q_int(f.db, "SELECT count(*) FROM reviews") * 1000 +
				 q_int(f.db, "SELECT count(*) FROM review_files");

		assert_eq_int(fx_collect(&f, &cs), 0);
		assert_eq_int(cs.unchanged, 3);
		assert_eq_int(cs.accepted + cs.ignored + cs.rejected, 0);
		assert_eq_int(q_int(f.db, "SELECT count(*) FROM reviews") * 1000 +
				  q_int(f.db, "SELECT count(*) FROM review_files"),
			      before);
	}
	fx_close(&f);
out:
	strbuf_release(&got);
}

TEST(final_ranking)
{
	struct collect_stats cs;
	struct review_board b;
	struct fx f;

	if (fx_open(&f))
		goto out;
	/* P-1: 8+8=16 and 9+9=18, mean 17; P-2: 5+5=10 only (incomplete with 2 required). */
	fx_fill(&f, "P-1", "p1-a.xlsx", "张三", "8", NULL, 1000);
	fx_fill(&f, "P-1", "p1-b.xlsx", "李四", "9", NULL, 1001);
	fx_fill(&f, "P-2", "p2-a.xlsx", "张三", "5", NULL, 1002);
	assert_eq_int(fx_collect(&f, &cs), 0);
	assert_eq_int(review_board_load(f.db, &f.cfg, &b), 0);
	assert_eq_int(b.required, 2);
	assert_eq_int(b.n, 2);
	if (b.n == 2) {
		assert_eq_str(b.r[0].app_no, "P-1");
		assert_eq_int(b.r[0].rank, 1);
		assert_eq_int(b.r[0].reviews, 2);
		assert_eq_int(b.r[0].mean * 10, 170);
		assert_eq_int(b.r[0].median * 10, 170);
		assert_eq_int(b.r[0].min, 16);
		assert_eq_int(b.r[0].max, 18);
		assert_eq_int(b.r[0].discuss, 0);
		assert_eq_str(b.r[0].reviewers, "张三、李四");
		assert_eq_str(b.r[1].app_no, "P-2");
		assert_eq_int(b.r[1].complete, 0);
		assert_eq_int(b.r[1].rank, 0);
	}
	assert_eq_int(b.np, 2);
	review_board_release(&b);
	/* collect_run stored the same ranking for output: the tables are all it reads. */
	assert_eq_int(q_int(f.db, "SELECT count(*) FROM review_results"), 2);
	assert_eq_int(q_int(f.db, "SELECT rank FROM review_results WHERE app_no = 'P-1'"), 1);
	assert_eq_int(q_int(f.db, "SELECT seq FROM review_results WHERE app_no = 'P-2'"), 2);
	assert_eq_int(q_int(f.db, "SELECT mean * 10 FROM review_results WHERE app_no = 'P-1'"),
		      170);
	assert_eq_int(q_int(f.db, "SELECT required FROM review_results WHERE app_no = 'P-2'"), 2);
	assert_eq_int(q_int(f.db, "SELECT count(*) FROM review_people WHERE current > 0"), 2);
	/* A third reviewer far apart: P-2 complete, and flagged (spread 5). */
	fx_fill(&f, "P-2", "p2-b.xlsx", "李四", "10", NULL, 1003);
	assert_eq_int(fx_collect(&f, &cs), 0);
	assert_eq_int(review_board_load(f.db, &f.cfg, &b), 0);
	if (b.n == 2) {
		/* Means 17 and 15: P-1 first. */
		assert_eq_str(b.r[1].app_no, "P-2");
		assert_eq_int(b.r[1].rank, 2);
		assert_eq_int(b.r[1].discuss, 1);
	}
	review_board_release(&b);
	/* Equal means: the automatic score (P-2 80 > P-1 70) breaks the tie. */
	fx_fill(&f, "P-2", "p2-c.xlsx", "李四", "12", "I18=10", 1004);
	assert_eq_int(fx_collect(&f, &cs), 0);
	assert_eq_int(cs.rejected, 1);
	fx_fill(&f, "P-2", "p2-d.xlsx", "李四", "10", "I18=6", 1005);
	fx_fill(&f, "P-2", "p2-e.xlsx", "张三", "10", "I18=8", 1006);
	assert_eq_int(fx_collect(&f, &cs), 0);
	assert_eq_int(cs.replaced, 2);
	assert_eq_int(review_board_load(f.db, &f.cfg, &b), 0);
	if (b.n == 2) {
		assert_eq_str(b.r[0].app_no, "P-2");
		assert_eq_int(b.r[0].mean * 10, 170);
		assert_eq_int(b.r[1].mean * 10, 170);
		assert_eq_int(b.r[1].rank, 2);
	}
	review_board_release(&b);
	/* The application changes: its reviews no longer count, and show as stale. */
	assert_eq_int(db_exec(f.db, "UPDATE fields SET raw = '301' WHERE application_id = 2"), 0);
	assert_eq_int(review_board_load(f.db, &f.cfg, &b), 0);
	if (b.n == 2) {
		assert_eq_str(b.r[1].app_no, "P-2");
		assert_eq_int(b.r[1].reviews, 0);
	}
	assert_eq_int(b.p[0].stale + b.p[1].stale, 2);
	review_board_release(&b);
	/* The driver stores it again before output: the stale reviews leave the table. */
	assert_eq_int(review_board_store(f.db, &f.cfg), 0);
	assert_eq_int(q_int(f.db, "SELECT reviews FROM review_results WHERE app_no = 'P-2'"), 0);
	assert_eq_int(q_int(f.db, "SELECT mean IS NULL FROM review_results WHERE app_no = 'P-2'"),
		      1);
	assert_eq_int(q_int(f.db, "SELECT sum(stale) FROM review_people"), 2);
	fx_close(&f);
out:;
}

static const struct test_entry tests[] = {
    TEST_ENTRY(parse_filled_sheet),
    TEST_ENTRY(each_check_refuses_the_file),
    TEST_ENTRY(duplicate_reviewer_later_file_replaces),
    TEST_ENTRY(final_ranking),
};

int main(int argc, char **argv)
{
	if (argc >= 6 && !strcmp(argv[1], "--fill"))
		return fill_sheet(argv[2], argv[3], argv[4], argv[5], argv + 6, argc - 6) ? 1 : 0;
	return test_run_all(argc, argv, __FILE__, tests, sizeof(tests) / sizeof(tests[0]));
}
