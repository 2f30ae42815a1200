/*
 * defects.c - out/defects/<推荐单位>.xlsx, what goes back to one unit.
 *
 * One table: first the defects of the bundle as a whole (archive, names,
 * summary table), then each application's, grouped by 申报编号, each with
 * the catalogue's plain-Chinese title and the fix it asks for.
 */
#include "internal.h"
#include "xl.h"

#include "common/db.h"
#include "common/defect.h"
#include "common/log.h"
#include "common/stamp.h"
#include "common/strbuf.h"
#include "common/tally.h"

#include <string.h>

static const char defects_sql[] =
    "SELECT a.app_no, a.enterprise, coalesce(f.path, b.inbox_name), d.code, d.detail, "
    "  d.raw, d.field, b.inbox_name "
    "FROM defects d JOIN bundles b ON b.id = d.bundle_id AND b.state = 'current' "
    "LEFT JOIN applications a ON a.id = d.application_id "
    "LEFT JOIN files f ON f.id = d.file_id "
    "WHERE b.unit IS ?1 "
    "ORDER BY d.application_id IS NOT NULL, a.app_no, a.id, f.path, d.id";

int out_unit_digest(sqlite3 *db, const char *unit, char hex[SHA256_HEX_LEN + 1])
{
	struct sha256 h;
	sqlite3_stmt *st = db_prepare(db, defects_sql);
	int r;

	if (!st)
		return -1;
	db_bind_text(st, 1, unit);
	sha256_init(&h);
	sha256_update(&h, OUTPUT_FORMAT, sizeof(OUTPUT_FORMAT));
	sha256_update(&h, unit ? unit : "", strlen(unit ? unit : "") + 1);
	r = stamp_hash_rows(db, st, &h);
	sqlite3_finalize(st);
	if (r) {
		sha256_abort(&h);
		return -1;
	}
	sha256_final_hex(&h, hex);
	return 0;
}

int out_unit_defects(sqlite3 *db, const char *unit, const char *path)
{
	static const char *const head[] = {"序号", "申报编号", "申报企业名称",
					   "文件", "问题代码", "问题",
					   "说明", "原文",     "修改要求"};
	struct xl_book b = {0};
	struct xl_sheet s;
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *st;
	int row = 0, rc, n = 0, ret = -1;

	st = db_prepare(db, defects_sql);
	if (!st)
		return -1;
	db_bind_text(st, 1, unit);
	if (xl_open(&b, path, 1))
		goto out;
	xl_add_sheet(&b, "问题清单", &s);
	s.caps[2] = 24; /* 申报企业名称 */
	s.caps[3] = 30; /* 文件 */
	s.caps[5] = 24; /* 问题 */
	s.caps[6] = 30; /* 说明 */
	s.caps[7] = 20; /* 原文 */
	s.caps[8] = 30; /* 修改要求 */
	strbuf_addf(&sb, "%s 申报材料问题及修改要求", unit ? unit : AGG_UNKNOWN_UNIT);
	worksheet_write_string(s.ws, (lxw_row_t)row++, 0, sb.buf, s.f->title);
	worksheet_write_string(s.ws, (lxw_row_t)row++, 0,
			       "请按“修改要求”逐项修改后，将修改后的完整材料重新报送。", NULL);
	xl_header(&s, row++, head, 9);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const struct defect_kind *k = defect_kind(xl_col(st, 3));
		int app = sqlite3_column_type(st, 0) != SQLITE_NULL ||
			  sqlite3_column_type(st, 1) != SQLITE_NULL;

		xl_num(&s, row, 0, ++n, s.f->integer);
		xl_str(&s, row, 1, app ? xl_col(st, 0) : "", s.f->text);
		/* A defect of no application concerns the bundle (or a file in it) as a whole. */
		xl_str(&s, row, 2, app ? xl_col(st, 1) : "（报送材料整体）", s.f->text);
		xl_str(&s, row, 3, xl_col(st, 2), s.f->text);
		xl_str(&s, row, 4, xl_col(st, 3), s.f->text);
		xl_str(&s, row, 5, k ? k->title : "", s.f->text);
		xl_str(&s, row, 6, xl_col(st, 4), s.f->text);
		xl_str(&s, row, 7, xl_col(st, 5), s.f->text);
		xl_str(&s, row, 8, k ? k->fix : "", s.f->text);
		xl_end_row(&s, row);
		row++;
	}
	if (rc != SQLITE_DONE) {
		error("database: %s", sqlite3_errmsg(db));
		goto out;
	}
	if (!n)
		xl_str(&s, row++, 1, "未发现问题。", NULL);
	xl_table_finish(&s, 2, row - 1);
	xl_print_setup(&s, 1, 2);
	ret = xl_finish(&b);
out:
	if (ret)
		xl_abandon(&b);
	sqlite3_finalize(st);
	strbuf_release(&sb);
	return ret;
}
