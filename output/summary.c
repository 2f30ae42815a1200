/*
 * summary.c - out/summary.xlsx, the consolidated workbook.
 *
 * The workbook is opened in constant_memory mode (申报明细 and 问题清单
 * have a row per application or defect: thousands), so every sheet is
 * written strictly row by row, top to bottom; libxlsxwriter drops a cell
 * written to a row above the current one.
 */
#include "internal.h"
#include "output.h"
#include "xl.h"

#include "common/db.h"
#include "common/defect.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/rulesconf.h"
#include "common/sha256.h"
#include "common/stamp.h"
#include "common/strbuf.h"
#include "common/tally.h"
#include "common/xalloc.h"

#include <errno.h>
#include <string.h>

/* Statement steps below go through this; a database error ends the sheet. */
#define STEP_ERROR(db) error("database: %s", sqlite3_errmsg(db))

/*
 * Below the counts: the bundles not in the inbox now, whose applications
 * the counts still hold (ingest keeps a missing bundle current), and the
 * bundles staff withdrew, whose applications they no longer hold.
 */
static int write_absent(sqlite3 *db, struct xl_sheet *s, int *row)
{
	static const char *const head[] = {"推荐单位",	    "报送材料", "状态",
					   "自何时（UTC）", "申报数",	"说明"};
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT coalesce(b.unit, '（未识别）'), b.inbox_name, "
	    "  CASE WHEN b.state = 'removed' THEN '已撤回' ELSE '不在收件箱中' END, "
	    "  CASE WHEN b.state = 'removed' THEN (SELECT w.at FROM withdrawals w "
	    "    WHERE w.bundle_id = b.id ORDER BY w.id DESC LIMIT 1) ELSE b.missing_since END, "
	    "  (SELECT count(*) FROM applications a WHERE a.bundle_id = b.id), "
	    "  CASE WHEN b.state = 'removed' THEN '撤回原因：' || coalesce((SELECT w.reason "
	    "    FROM withdrawals w WHERE w.bundle_id = b.id ORDER BY w.id DESC LIMIT 1), '') "
	    "  ELSE '仍计入本表，直至该单位报送新材料或经办人员撤回' END "
	    "FROM bundles b WHERE (b.state = 'current' AND b.missing_since IS NOT NULL) "
	    "  OR (b.state = 'removed' AND NOT EXISTS (SELECT 1 FROM bundles c "
	    "    WHERE c.state = 'current' AND c.unit = b.unit)) "
	    "ORDER BY b.state, unit_order(b.unit), b.id");
	int rc, n = 0;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!n++) {
			xl_str(s, *row, 0, "报送材料缺失或撤回", s->f->header);
			(*row)++;
			xl_header(s, (*row)++, head, (int)(sizeof(head) / sizeof(head[0])));
		}
		for (int c = 0; c < 4; c++)
			xl_str(s, *row, c, xl_col(st, c), s->f->text);
		xl_num(s, *row, 4, (double)sqlite3_column_int(st, 4), s->f->integer);
		xl_str(s, *row, 5, xl_col(st, 5), s->f->text);
		(*row)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return STEP_ERROR(db);
	if (n)
		(*row)++;
	return 0;
}

static int write_overview(sqlite3 *db, struct xl_book *b, const struct aggregate *agg)
{
	const char *head[DIR_COUNT + 4];
	const int ncat = DIR_COUNT + 1;
	struct xl_sheet s;
	int64_t total[DIR_COUNT + 3] = {0};
	lxw_chart *chart;
	int row = 0, first, last;

	head[0] = "推荐单位";
	for (int c = 0; c < DIR_COUNT; c++)
		head[1 + c] = direction_names[c];
	head[DIR_COUNT + 1] = DIRECTION_REJECTED;
	head[DIR_COUNT + 2] = "合计";
	head[DIR_COUNT + 3] = "问题数";
	xl_add_sheet(b, "总览", &s);
	xl_header(&s, row++, head, DIR_COUNT + 4);
	first = row;
	for (size_t u = 0; u < AGG_NUNITS; u++) {
		int64_t sum = 0;

		/* The 16 units always show, even with nothing; the unknown row only when used. */
		if (u == AGG_NUNITS - 1 && !agg->applications[u] && !agg->defects[u])
			continue;
		xl_str(&s, row, 0, agg_unit_name(u), s.f->text);
		for (int c = 0; c < ncat; c++) {
			xl_num(&s, row, 1 + c, (double)agg->counts[u][c], s.f->integer);
			sum += agg->counts[u][c];
			total[c] += agg->counts[u][c];
		}
		xl_num(&s, row, 1 + ncat, (double)sum, s.f->integer);
		xl_num(&s, row, 2 + ncat, (double)agg->defects[u], s.f->integer);
		total[ncat] += sum;
		total[ncat + 1] += agg->defects[u];
		row++;
	}
	last = row - 1;
	xl_str(&s, row, 0, "合计", s.f->header);
	for (int c = 0; c < ncat + 2; c++)
		xl_num(&s, row, 1 + c, (double)total[c], s.f->header);
	row += 2;
	if (write_absent(db, &s, &row))
		return -1;

	/* The cluster distribution below, still in row order. */
	xl_str(&s, row, 0, "省先进制造业集群", s.f->header);
	xl_str(&s, row, 1, "项目数", s.f->header);
	row++;
	for (size_t i = 0; i < agg->nclusters; i++, row++) {
		xl_str(&s, row, 0, agg->clusters[i], s.f->text);
		xl_num(&s, row, 1, (double)agg->cluster_counts[i], s.f->integer);
	}
	xl_str(&s, row, 0, "否（不属于集群）或未填", s.f->text);
	xl_num(&s, row++, 1, (double)agg->cluster_none, s.f->integer);
	xl_str(&s, row, 0, "其他（不在13个集群之列）", s.f->text);
	xl_num(&s, row++, 1, (double)agg->cluster_other, s.f->integer);

	chart = workbook_add_chart(b->wb, LXW_CHART_COLUMN);
	for (int c = 0; c < DIR_COUNT; c++) {
		lxw_chart_series *ser = chart_add_series(chart, NULL, NULL);

		chart_series_set_categories(ser, "总览", (lxw_row_t)first, 0, (lxw_row_t)last, 0);
		chart_series_set_values(ser, "总览", (lxw_row_t)first, (lxw_col_t)(1 + c),
					(lxw_row_t)last, (lxw_col_t)(1 + c));
		chart_series_set_name_range(ser, "总览", 0, (lxw_col_t)(1 + c));
	}
	chart_title_set_name(chart, "各推荐单位建议方向分布");
	chart_axis_set_name(chart->y_axis, "项目数");
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	{
		lxw_chart_options co = {0};

		co.x_scale = 1.6;
		co.y_scale = 1.4;
		worksheet_insert_chart_opt(s.ws, (lxw_row_t)(row + 1), 0, chart, &co);
	}
	worksheet_freeze_panes(s.ws, 1, 0);
	xl_apply_widths(&s);
	xl_print_setup(&s, 1, 0);
	return 0;
}

/*
 * 平台汇总表 / 标杆工厂汇总表: the 附件5 rows of every unit, renumbered;
 * a unit that sent no table of this type is represented by its forms.
 */
static int write_tables(sqlite3 *db, struct xl_book *b, const char *type)
{
	const int platform = !strcmp(type, "platform");
	const char *head[] = {"序号",	 "申报企业名称",     "项目方向",   "项目名称",
			      "联系人",	 "联系方式（手机）", "项目所在地", "是否省先进制造业集群",
			      "推荐单位"};
	/*
	 * Rows of the unit's table when it sent one; otherwise the forms of
	 * that type from its current bundle.  Ordered by unit, then row.
	 */
	static const char sql[] =
	    "WITH cur AS (SELECT id, unit FROM bundles WHERE state = 'current'), "
	    "f AS (SELECT application_id AS aid, key, coalesce(value, raw) AS v FROM fields) "
	    "SELECT r.enterprise, r.direction, r.project, r.contact, r.mobile, r.location, "
	    "  r.cluster, c.unit, unit_order(c.unit) AS uo, 0 AS src, r.row AS k2, '' AS k3 "
	    "FROM summary_rows r JOIN cur c ON c.id = r.bundle_id WHERE r.table_type = ?1 "
	    "UNION ALL "
	    "SELECT coalesce(a.enterprise, (SELECT v FROM f WHERE aid = a.id AND key = "
	    "  'enterprise')), "
	    "  CASE WHEN ?1 = 'platform' THEN coalesce(a.direction, (SELECT v FROM f WHERE aid = "
	    "    a.id AND key = 'direction')) "
	    "  ELSE coalesce((SELECT v FROM f WHERE aid = a.id AND key = 'industry_type'), "
	    "    (SELECT v FROM f WHERE aid = a.id AND key = 'industry')) END, "
	    "  coalesce((SELECT v FROM f WHERE aid = a.id AND key IN ('platform_name', "
	    "    'project_name')), (SELECT v FROM f WHERE aid = a.id AND key = "
	    "    'cover_project')), "
	    "  (SELECT v FROM f WHERE aid = a.id AND key = 'contact_name'), "
	    "  (SELECT v FROM f WHERE aid = a.id AND key = 'contact_mobile'), "
	    "  coalesce((SELECT v FROM f WHERE aid = a.id AND key = 'location'), "
	    "    (SELECT v FROM f WHERE aid = a.id AND key = 'address')), "
	    "  NULL, c.unit, unit_order(c.unit), 1, 0, coalesce(a.app_no, '') "
	    "FROM applications a JOIN cur c ON c.id = a.bundle_id "
	    "WHERE a.type = ?1 AND NOT EXISTS (SELECT 1 FROM summary_rows r2 "
	    "  WHERE r2.bundle_id = c.id AND r2.table_type = ?1) "
	    "ORDER BY uo, 8, src, k2, k3";
	struct xl_sheet s;
	sqlite3_stmt *st;
	int row = 0, rc, seq = 0;

	if (!platform)
		head[2] = "所属行业";
	st = db_prepare(db, sql);
	if (!st)
		return -1;
	db_bind_text(st, 1, type);
	xl_add_sheet(b, platform ? "平台汇总表" : "标杆工厂汇总表", &s);
	xl_header(&s, row++, head, 9);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xl_num(&s, row, 0, ++seq, s.f->integer);
		for (int c = 0; c < 7; c++)
			xl_str(&s, row, 1 + c, xl_col(st, c), s.f->text);
		xl_str(&s, row, 8,
		       sqlite3_column_type(st, 7) == SQLITE_NULL ? AGG_UNKNOWN_UNIT : xl_col(st, 7),
		       s.f->text);
		xl_end_row(&s, row);
		row++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return STEP_ERROR(db);
	xl_table_finish(&s, 0, row - 1);
	xl_print_setup(&s, 1, 0);
	return 0;
}

static int write_ranking(sqlite3 *db, struct xl_book *b, int cat)
{
	static const char *const head[] = {"排名",     "得分",	   "申报企业名称",
					   "推荐单位", "申报方向", "建议方向",
					   "达标项",   "优先项",   "申报编号"};
	struct xl_sheet s;
	struct strbuf name = STRBUF_INIT, gates = STRBUF_INIT;
	sqlite3_stmt *st;
	int row = 0, rc;

	st = db_prepare(db, "SELECT r.rank, r.score, a.enterprise, b.unit, s.declared, "
			    "s.recommended, s.gates_passed, s.gates_total, s.priorities, a.app_no "
			    "FROM rankings r JOIN applications a ON a.id = r.application_id "
			    "JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' "
			    "JOIN assessments s ON s.application_id = a.id "
			    "WHERE r.category = ? ORDER BY r.rank");
	if (!st)
		return -1;
	db_bind_text(st, 1, direction_names[cat]);
	strbuf_addf(&name, "%s排名", direction_names[cat]);
	xl_add_sheet(b, name.buf, &s);
	xl_header(&s, row++, head, 9);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xl_num(&s, row, 0, sqlite3_column_int(st, 0), s.f->integer);
		xl_num(&s, row, 1, sqlite3_column_double(st, 1), s.f->number);
		xl_str(&s, row, 2, xl_col(st, 2), s.f->text);
		xl_str(&s, row, 3,
		       sqlite3_column_type(st, 3) == SQLITE_NULL ? AGG_UNKNOWN_UNIT : xl_col(st, 3),
		       s.f->text);
		xl_str(&s, row, 4, xl_col(st, 4), s.f->text);
		xl_str(&s, row, 5, xl_col(st, 5), s.f->text);
		strbuf_reset(&gates);
		strbuf_addf(&gates, "%d/%d", sqlite3_column_int(st, 6), sqlite3_column_int(st, 7));
		xl_str(&s, row, 6, gates.buf, s.f->text);
		xl_str(&s, row, 7, xl_col(st, 8), s.f->text);
		xl_str(&s, row, 8, xl_col(st, 9), s.f->text);
		xl_end_row(&s, row);
		row++;
	}
	sqlite3_finalize(st);
	strbuf_release(&name);
	strbuf_release(&gates);
	if (rc != SQLITE_DONE)
		return STEP_ERROR(db);
	xl_table_finish(&s, 0, row - 1);
	xl_print_setup(&s, 1, 0);
	return 0;
}

static int write_details(sqlite3 *db, struct xl_book *b)
{
	static const char *const head[] = {
	    "申报编号", "推荐单位", "申报企业名称", "统一社会信用代码",
	    "申报类型", "申报方向", "建议方向",	    "形式审查",
	    "达标情况", "得分",	    "类别排名",	    "问题代码"};
	struct xl_sheet s;
	sqlite3_stmt *st;
	int row = 0, rc;

	st = db_prepare(
	    db, "SELECT a.app_no, b.unit, a.enterprise, a.credit_code, a.type, s.declared, "
		"  s.recommended, s.basic_ok, s.gates_ok, s.score, r.rank, "
		"  (SELECT group_concat(code, ';') FROM (SELECT DISTINCT code FROM defects d "
		"    WHERE d.application_id = a.id ORDER BY code)), "
		"  s.application_id IS NOT NULL, a.direction "
		"FROM applications a JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' "
		"LEFT JOIN assessments s ON s.application_id = a.id "
		"LEFT JOIN rankings r ON r.application_id = a.id "
		"ORDER BY unit_order(b.unit), b.unit, a.app_no, a.id");
	if (!st)
		return -1;
	xl_add_sheet(b, "申报明细", &s);
	xl_header(&s, row++, head, 12);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const int assessed = sqlite3_column_int(st, 12);
		const int platform = !strcmp(xl_col(st, 4), "platform");
		const char *declared = assessed	  ? xl_col(st, 5)
				       : platform ? xl_col(st, 13)
						  : direction_names[DIR_FACTORY];

		xl_str(&s, row, 0, xl_col(st, 0), s.f->text);
		xl_str(&s, row, 1,
		       sqlite3_column_type(st, 1) == SQLITE_NULL ? AGG_UNKNOWN_UNIT : xl_col(st, 1),
		       s.f->text);
		xl_str(&s, row, 2, xl_col(st, 2), s.f->text);
		xl_str(&s, row, 3, xl_col(st, 3), s.f->text);
		xl_str(&s, row, 4, out_type_name(xl_col(st, 4)), s.f->text);
		xl_str(&s, row, 5, declared, s.f->text);
		if (assessed) {
			xl_str(&s, row, 6, xl_col(st, 6), s.f->text);
			xl_str(&s, row, 7, sqlite3_column_int(st, 7) ? "通过" : "不通过",
			       s.f->text);
			xl_str(&s, row, 8, sqlite3_column_int(st, 8) ? "达标" : "未达标",
			       s.f->text);
			xl_num(&s, row, 9, sqlite3_column_double(st, 9), s.f->number);
		} else {
			/* Not evaluated (yet): say so rather than guess. */
			for (int c = 6; c <= 9; c++)
				xl_str(&s, row, c, "未评审", s.f->text);
		}
		if (sqlite3_column_type(st, 10) != SQLITE_NULL)
			xl_num(&s, row, 10, sqlite3_column_int(st, 10), s.f->integer);
		else
			xl_str(&s, row, 10, "", s.f->text);
		xl_str(&s, row, 11, xl_col(st, 11), s.f->text);
		xl_end_row(&s, row);
		row++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return STEP_ERROR(db);
	xl_red_when(&s, 1, row - 1, 7, "不通过");
	xl_red_when(&s, 1, row - 1, 8, "未达标");
	xl_table_finish(&s, 0, row - 1);
	xl_print_setup(&s, 1, 0);
	return 0;
}

static int write_defects(sqlite3 *db, struct xl_book *b)
{
	static const char *const head[] = {"推荐单位", "申报企业名称", "文件",	  "问题代码",
					   "问题",     "说明",	       "修改要求"};
	struct xl_sheet s;
	sqlite3_stmt *st;
	int row = 0, rc;

	st = db_prepare(db, "SELECT b.unit, a.enterprise, coalesce(f.path, b.inbox_name), "
			    "  d.code, d.detail "
			    "FROM defects d JOIN bundles b ON b.id = d.bundle_id AND b.state = "
			    "  'current' "
			    "LEFT JOIN applications a ON a.id = d.application_id "
			    "LEFT JOIN files f ON f.id = d.file_id "
			    "ORDER BY unit_order(b.unit), b.unit, a.app_no IS NOT NULL, a.app_no, "
			    "  d.id");
	if (!st)
		return -1;
	xl_add_sheet(b, "问题清单", &s);
	s.caps[2] = 36; /* 文件 */
	s.caps[4] = 30; /* 问题 */
	s.caps[5] = 36; /* 说明 */
	s.caps[6] = 36; /* 修改要求 */
	xl_header(&s, row++, head, 7);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const struct defect_kind *k = defect_kind(xl_col(st, 3));

		xl_str(&s, row, 0,
		       sqlite3_column_type(st, 0) == SQLITE_NULL ? AGG_UNKNOWN_UNIT : xl_col(st, 0),
		       s.f->text);
		xl_str(&s, row, 1, xl_col(st, 1), s.f->text);
		xl_str(&s, row, 2, xl_col(st, 2), s.f->text);
		xl_str(&s, row, 3, xl_col(st, 3), s.f->text);
		xl_str(&s, row, 4, k ? k->title : "", s.f->text);
		xl_str(&s, row, 5, xl_col(st, 4), s.f->text);
		xl_str(&s, row, 6, k ? k->fix : "", s.f->text);
		xl_end_row(&s, row);
		row++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return STEP_ERROR(db);
	xl_table_finish(&s, 0, row - 1);
	xl_print_setup(&s, 1, 0);
	return 0;
}

/* ---- The reviewers' results (collect's review_results, docs/review.md) ---- */

/* 评审结果-<category>: the final ranking, complete reviews first. */
static int write_review_ranking(sqlite3 *db, struct xl_book *b, int cat)
{
	static const char *const head[] = {
	    "排名",   "申报编号", "申报企业名称", "推荐单位", "评审数", "平均分", "中位数",
	    "最低分", "最高分",	  "极差",	  "自动评分", "状态",	"需讨论", "评审专家"};
	struct strbuf name = STRBUF_INIT, status = STRBUF_INIT;
	struct xl_sheet s;
	sqlite3_stmt *st;
	int row = 0, rc;

	st = db_prepare(db, "SELECT rank, app_no, enterprise, unit, reviews, mean, median, min, "
			    "  max, auto_score, complete, required, discuss, reviewers "
			    "FROM review_results WHERE category = ? ORDER BY seq");
	if (!st)
		return -1;
	db_bind_text(st, 1, direction_names[cat]);
	strbuf_addf(&name, "评审结果-%s", direction_names[cat]);
	xl_add_sheet(b, name.buf, &s);
	s.caps[13] = 40;
	xl_header(&s, row++, head, (int)(sizeof(head) / sizeof(head[0])));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int reviews = sqlite3_column_int(st, 4);

		if (sqlite3_column_int(st, 0))
			xl_num(&s, row, 0, sqlite3_column_int(st, 0), s.f->integer);
		else
			xl_str(&s, row, 0, "", s.f->text);
		xl_str(&s, row, 1, xl_col(st, 1), s.f->text);
		xl_str(&s, row, 2, xl_col(st, 2), s.f->text);
		xl_str(&s, row, 3,
		       sqlite3_column_type(st, 3) == SQLITE_NULL ? AGG_UNKNOWN_UNIT : xl_col(st, 3),
		       s.f->text);
		xl_num(&s, row, 4, reviews, s.f->integer);
		if (reviews) {
			for (int c = 5; c <= 8; c++)
				xl_num(&s, row, c, sqlite3_column_double(st, c), s.f->number);
			xl_num(&s, row, 9,
			       sqlite3_column_double(st, 8) - sqlite3_column_double(st, 7),
			       s.f->number);
		} else {
			for (int c = 5; c <= 9; c++)
				xl_str(&s, row, c, "", s.f->text);
		}
		xl_num(&s, row, 10, sqlite3_column_double(st, 9), s.f->number);
		strbuf_reset(&status);
		if (sqlite3_column_int(st, 10))
			strbuf_addstr(&status, "已完成");
		else
			strbuf_addf(&status, "评审未完成（%d/%d）", reviews,
				    sqlite3_column_int(st, 11));
		xl_str(&s, row, 11, status.buf, s.f->text);
		xl_str(&s, row, 12, sqlite3_column_int(st, 12) ? "是" : "", s.f->text);
		xl_str(&s, row, 13, xl_col(st, 13), s.f->text);
		xl_end_row(&s, row);
		row++;
	}
	sqlite3_finalize(st);
	xl_red_when(&s, 1, row - 1, 12, "是");
	xl_table_finish(&s, 0, row - 1);
	xl_print_setup(&s, 1, 0);
	strbuf_release(&name);
	strbuf_release(&status);
	return rc == SQLITE_DONE ? 0 : STEP_ERROR(db);
}

/* 评审进度: reviews received / expected per application, then per reviewer. */
static int write_review_progress(sqlite3 *db, struct xl_book *b)
{
	static const char *const head[] = {"申报编号", "申报企业名称", "推荐单位", "建议方向",
					   "已收回",   "应收回",       "尚缺",	   "评审专家"};
	static const char *const head2[] = {"评审专家", "已收回（有效）", "已过期（需重评）"};
	struct xl_sheet s;
	sqlite3_stmt *st;
	int row = 0, last, rc;

	/* Only the ranked categories go out for review; others show what came anyway. */
	st = db_prepare(db, "SELECT app_no, enterprise, unit, category, reviews, "
			    "  CASE WHEN category IS NULL THEN 0 ELSE required END AS expected, "
			    "  reviewers FROM review_results WHERE expected > 0 OR reviews > 0 "
			    "ORDER BY seq");
	if (!st)
		return -1;
	xl_add_sheet(b, "评审进度", &s);
	s.caps[7] = 40;
	xl_header(&s, row++, head, 8);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int reviews = sqlite3_column_int(st, 4), expected = sqlite3_column_int(st, 5);

		xl_str(&s, row, 0, xl_col(st, 0), s.f->text);
		xl_str(&s, row, 1, xl_col(st, 1), s.f->text);
		xl_str(&s, row, 2,
		       sqlite3_column_type(st, 2) == SQLITE_NULL ? AGG_UNKNOWN_UNIT : xl_col(st, 2),
		       s.f->text);
		xl_str(&s, row, 3,
		       sqlite3_column_type(st, 3) == SQLITE_NULL ? DIRECTION_REJECTED
								 : xl_col(st, 3),
		       s.f->text);
		xl_num(&s, row, 4, reviews, s.f->integer);
		xl_num(&s, row, 5, expected, s.f->integer);
		xl_num(&s, row, 6, reviews < expected ? expected - reviews : 0, s.f->integer);
		xl_str(&s, row, 7, xl_col(st, 6), s.f->text);
		xl_end_row(&s, row);
		row++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return STEP_ERROR(db);
	last = row - 1;
	row++;
	for (int c = 0; c < 3; c++)
		xl_str(&s, row, c, head2[c], s.f->header);
	row++;
	st = db_prepare(db, "SELECT name, current, stale FROM review_people ORDER BY name");
	if (!st)
		return -1;
	for (; (rc = sqlite3_step(st)) == SQLITE_ROW; row++) {
		xl_str(&s, row, 0, xl_col(st, 0), s.f->text);
		xl_num(&s, row, 1, (double)sqlite3_column_int64(st, 1), s.f->integer);
		xl_num(&s, row, 2, (double)sqlite3_column_int64(st, 2), s.f->integer);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return STEP_ERROR(db);
	xl_table_finish(&s, 0, last);
	xl_print_setup(&s, 1, 0);
	return 0;
}

/*
 * The review sheets, last in the workbook, once any review has been
 * collected (before that they would only say that nothing came back).
 */
static int write_reviews(sqlite3 *db, struct xl_book *b)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM review_people)");
	int any;

	if (!st)
		return -1;
	any = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!any)
		return 0;
	for (int c = 0; c < DIR_COUNT; c++)
		if (write_review_ranking(db, b, c))
			return -1;
	return write_review_progress(db, b);
}

int output_summary(sqlite3 *db, const char *out_dir, const struct rules_config *rules)
{
	struct aggregate agg = {0};
	struct strbuf path = STRBUF_INIT;
	int ret = -1;

	if (agg_register_sql(db))
		return -1;
	if (mkdir_p(out_dir, DIR_MODE)) {
		error("cannot create %s: %s", out_dir, strerror(errno));
		goto out;
	}
	if (aggregate_load(db, rules, &agg))
		goto out;
	strbuf_addf(&path, "%s/summary.xlsx", out_dir);
	ret = out_summary(db, &agg, path.buf);
	if (!ret && sync_fs_of(out_dir))
		ret = error("cannot sync %s: %s", out_dir, strerror(errno));
	aggregate_release(&agg);
out:
	strbuf_release(&path);
	return ret;
}

/*
 * Every table the summary workbook reads, in its sheets and through
 * aggregate_load(), read whole for its digest.  The field rows, the one
 * large table it reads (the 汇总表 of enterprises no 附件5 row names), are
 * read through normalize's digest of each application's rows
 * (applications.fields_digest).  tests/e2e/output.sh fails when the SQL of
 * this file or of common/tally.c names a table that is not here.
 */
static const char *const summary_tables[] = {
    "bundles",	   "withdrawals", "applications", "files",	    "summary_rows",
    "assessments", "rankings",	  "defects",	  "review_results", "review_people",
};

int out_summary_digest(sqlite3 *db, const struct rules_config *cfg, char hex[SHA256_HEX_LEN + 1])
{
	struct strbuf sql = STRBUF_INIT;
	struct sha256 h;
	sqlite3_stmt *st;
	int ret = 0;

	/*
	 * Field rows without normalize's digest of them are not covered (an
	 * application listed only in a 附件5 table has neither).
	 */
	st = db_prepare(db,
			"SELECT EXISTS (SELECT 1 FROM applications a WHERE a.fields_digest IS "
			"NULL AND EXISTS (SELECT 1 FROM fields f WHERE f.application_id = a.id))");
	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW)
		ret = error("database: %s", sqlite3_errmsg(db));
	else if (sqlite3_column_int(st, 0))
		ret = 1;
	sqlite3_finalize(st);
	if (ret)
		return ret;
	sha256_init(&h);
	sha256_update(&h, OUTPUT_FORMAT, sizeof(OUTPUT_FORMAT));
	sha256_update(&h, cfg->digest, strlen(cfg->digest) + 1);
	sha256_update(&h, cfg->year, strlen(cfg->year) + 1);
	for (size_t i = 0; i < ARRAY_SIZE(summary_tables) && !ret; i++) {
		strbuf_reset(&sql);
		strbuf_addf(&sql, "SELECT * FROM %s", summary_tables[i]);
		sha256_update(&h, sql.buf, sql.len + 1);
		st = db_prepare(db, sql.buf);
		ret = !st || stamp_hash_rows(db, st, &h) ? -1 : 0;
		sqlite3_finalize(st);
	}
	strbuf_release(&sql);
	if (ret) {
		sha256_abort(&h);
		return -1;
	}
	sha256_final_hex(&h, hex);
	return 0;
}

int out_summary(sqlite3 *db, const struct aggregate *agg, const char *path)
{
	struct xl_book b;

	if (xl_open(&b, path, 1))
		return -1;
	if (write_overview(db, &b, agg) || write_tables(db, &b, "platform") ||
	    write_tables(db, &b, "factory"))
		goto fail;
	for (int c = 0; c < DIR_COUNT; c++)
		if (write_ranking(db, &b, c))
			goto fail;
	if (write_details(db, &b) || write_defects(db, &b))
		goto fail;
	if (write_reviews(db, &b))
		goto fail;
	return xl_finish(&b);
fail:
	xl_abandon(&b);
	return -1;
}
