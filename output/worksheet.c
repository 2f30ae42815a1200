/*
 * worksheet.c - out/worksheets/<推荐单位>/<申报编号>.xlsx, one per application.
 *
 * What the expert reviewer fills in: a header block naming the application,
 * then one row per criterion with the automatic verdict beside the
 * reviewer's own columns (核定意见, 评分, 备注), which alone are unlocked
 * while the sheet is protected (no password: protection guards against
 * slips, not against the reviewer).  A field that provincial staff
 * corrected (corrections.csv) shows its corrected value, with the form's
 * original and the reason in the column 更正记录.
 */
#include "internal.h"
#include "output.h"
#include "xl.h"

#include "common/db.h"
#include "common/log.h"
#include "common/stamp.h"
#include "common/strbuf.h"
#include "common/tally.h"
#include "common/xalloc.h"

#include <string.h>

/* Columns of the criteria table. */
enum {
	C_CLAUSE,
	C_KIND,
	C_REQUIREMENT,
	C_RAW,
	C_VALUE,
	C_AUTO,
	C_DETAIL,
	C_OPINION,
	C_SCORE,
	C_REMARK,
	C_CORRECTION,
	C_COUNT
};

/* Run the prepared statements with ?1 = app_id into h, in order, and reset them.  0 or -1. */
static int hash_stmts(sqlite3 *db, sqlite3_stmt *const *st, size_t n, int64_t app_id,
		      struct sha256 *h)
{
	for (size_t i = 0; i < n; i++) {
		int r;

		sqlite3_bind_int64(st[i], 1, app_id);
		r = stamp_hash_rows(db, st[i], h);
		sqlite3_reset(st[i]);
		if (r)
			return -1;
	}
	return 0;
}

/* Prepare the n statements of sql into st (all NULL on failure).  0 or -1. */
static int prepare_all(sqlite3 *db, const char *const *sql, size_t n, sqlite3_stmt **st)
{
	for (size_t i = 0; i < n; i++) {
		st[i] = db_prepare(db, sql[i]);
		if (!st[i]) {
			while (i--)
				sqlite3_finalize(st[i]);
			return -1;
		}
	}
	return 0;
}

static void finalize_all(sqlite3_stmt **st, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_finalize(st[i]);
		st[i] = NULL;
	}
}

/*
 * What a worksheet is made from: the application's fields and verdicts
 * (what its stamp is made from), the application, its assessment, its
 * files.  The verdicts are not read: evaluate writes them only together
 * with the assessment's rules_digest, the digest of everything they were
 * decided from (rules, fields, the evaluate code's format), which is read.
 */
static const char *const digest_sql[] = {
    /*
     * The fields through normalize's digest of them (it covers the
     * corrections too); their rows only where there is none.
     */
    "SELECT fields_digest FROM applications WHERE id = ?1",
    /*
     * The test is in the key, not beside it: SQLite seeks before it
     * evaluates a condition beside the key, and so walked every field row
     * of every application (most of an unchanged rerun's output) only to
     * find it had a digest.  A NULL key ends the statement before any seek.
     */
    "SELECT key, raw, value, num, status, flags, original_raw, original_value, correction "
    "FROM fields WHERE application_id = CASE WHEN "
    "(SELECT fields_digest FROM applications WHERE id = ?1) IS NULL THEN ?1 END ORDER BY key",
    "SELECT a.app_no, a.enterprise, a.type, a.direction, a.credit_code, b.unit "
    "FROM applications a JOIN bundles b ON b.id = a.bundle_id WHERE a.id = ?1",
    "SELECT declared, recommended, basic_ok, gates_ok, gates_passed, gates_total, "
    "priorities, score, score_detail, rules_digest FROM assessments "
    "WHERE application_id = ?1",
    "SELECT path, kind, attachment_kind, size, sha256 FROM files WHERE application_id = "
    "?1 OR id = (SELECT form_file_id FROM applications WHERE id = ?1) ORDER BY path, id",
};

#define NDIGEST_STMTS ARRAY_SIZE(digest_sql)

struct digest_slot {
	int64_t id; /* 0: empty (rowids start at 1) */
	char hex[SHA256_HEX_LEN + 1];
};

struct out_digests {
	sqlite3 *db;
	sqlite3_stmt *st[NDIGEST_STMTS];
	struct digest_slot *slot; /* open addressing, linear probing */
	size_t cap, n;		  /* cap: a power of two, kept over twice n */
};

struct out_digests *out_digests_new(sqlite3 *db)
{
	struct out_digests *d = xcalloc(1, sizeof(*d));

	d->db = db;
	if (prepare_all(db, digest_sql, NDIGEST_STMTS, d->st)) {
		out_digests_free(d);
		return NULL;
	}
	d->cap = 1024;
	d->slot = xcalloc(d->cap, sizeof(*d->slot));
	return d;
}

void out_digests_free(struct out_digests *d)
{
	if (!d)
		return;
	finalize_all(d->st, NDIGEST_STMTS);
	free(d->slot);
	free(d);
}

static struct digest_slot *find_slot(struct digest_slot *slot, size_t cap, int64_t id)
{
	size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 20) & (cap - 1);

	while (slot[i].id && slot[i].id != id)
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

static void grow(struct out_digests *d)
{
	size_t cap = d->cap * 2;
	struct digest_slot *slot = xcalloc(cap, sizeof(*slot));

	for (size_t i = 0; i < d->cap; i++)
		if (d->slot[i].id)
			*find_slot(slot, cap, d->slot[i].id) = d->slot[i];
	free(d->slot);
	d->slot = slot;
	d->cap = cap;
}

int out_digests_get(struct out_digests *d, int64_t app_id, char hex[SHA256_HEX_LEN + 1])
{
	struct digest_slot *s = find_slot(d->slot, d->cap, app_id);
	struct sha256 h;

	if (!s->id) {
		sha256_init(&h);
		sha256_update(&h, OUTPUT_FORMAT, sizeof(OUTPUT_FORMAT));
		if (hash_stmts(d->db, d->st, NDIGEST_STMTS, app_id, &h)) {
			sha256_abort(&h);
			return -1;
		}
		sha256_final_hex(&h, s->hex);
		s->id = app_id;
		if (++d->n * 2 > d->cap) {
			grow(d);
			s = find_slot(d->slot, d->cap, app_id);
		}
	}
	memcpy(hex, s->hex, SHA256_HEX_LEN + 1);
	return 0;
}

static const char *auto_verdict(const char *kind, const char *result)
{
	if (!strcmp(kind, "qualitative"))
		return "";
	if (!strcmp(result, "pass"))
		return "符合";
	if (!strcmp(result, "fail"))
		return "不符合";
	if (!strcmp(result, "unknown"))
		return "待核实";
	return "";
}

static void kind_name(const char *kind, const char *direction, struct strbuf *out)
{
	strbuf_reset(out);
	if (!strcmp(kind, "basic"))
		strbuf_addstr(out, "基本条件");
	else if (!strcmp(kind, "gate"))
		strbuf_addstr(out, "达标条件");
	else if (!strcmp(kind, "priority"))
		strbuf_addstr(out, "优先条件");
	else
		strbuf_addstr(out, "定性评价");
	if (*direction)
		strbuf_addf(out, "（%s）", direction);
}

/* One label/value row of the header block, the value merged across the table's width. */
static void block_row(struct xl_sheet *s, int row, const char *label, const char *value,
		      lxw_format *fmt)
{
	xl_str(s, row, C_CLAUSE, label, s->f->label);
	worksheet_merge_range(s->ws, (lxw_row_t)row, C_KIND, (lxw_row_t)row, C_DETAIL,
			      value && *value ? value : "", fmt);
}

static int write_files_sheet(sqlite3 *db, struct xl_book *b, int64_t app_id)
{
	static const char *const head[] = {"文件", "类型", "大小（字节）", "SHA-256"};
	struct xl_sheet s;
	sqlite3_stmt *st;
	int row = 0, rc;

	st = db_prepare(db, "SELECT path, kind, attachment_kind, size, sha256 FROM files "
			    "WHERE application_id = ?1 OR id = (SELECT form_file_id FROM "
			    "applications WHERE id = ?1) ORDER BY path, id");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, app_id);
	xl_add_sheet(b, "附件清单", &s);
	s.caps[0] = 60;
	xl_header(&s, row++, head, 4);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xl_str(&s, row, 0, xl_col(st, 0), s.f->text);
		xl_str(&s, row, 1, out_file_kind_name(xl_col(st, 1), xl_col(st, 2)), s.f->text);
		xl_num(&s, row, 2, (double)sqlite3_column_int64(st, 3), s.f->integer);
		xl_str(&s, row, 3, xl_col(st, 4), s.f->text);
		xl_end_row(&s, row);
		row++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return error("database: %s", sqlite3_errmsg(db));
	xl_table_finish(&s, 0, row - 1);
	xl_print_setup(&s, 1, 0);
	return 0;
}

/* The header block's facts; one statement row. */
static const char head_sql[] =
    "WITH f AS (SELECT key, coalesce(value, raw) AS v FROM fields WHERE application_id = ?1) "
    "SELECT a.app_no, coalesce(a.enterprise, (SELECT v FROM f WHERE key = 'enterprise')), "
    "  b.unit, a.type, coalesce(s.declared, a.direction), s.recommended, "
    "  coalesce((SELECT v FROM f WHERE key IN ('platform_name', 'project_name')), "
    "    (SELECT v FROM f WHERE key = 'cover_project')), "
    "  (SELECT v FROM f WHERE key = 'contact_name'), "
    "  (SELECT v FROM f WHERE key = 'contact_mobile'), "
    "  s.score, s.gates_passed, s.gates_total, s.application_id IS NOT NULL "
    "FROM applications a JOIN bundles b ON b.id = a.bundle_id "
    "LEFT JOIN assessments s ON s.application_id = a.id WHERE a.id = ?1";

/*
 * Verdicts in reading order: basic, gate, priority, qualitative; inside a
 * kind the declared direction's first.  The declared and normalized
 * values come from the field whose key ends the criterion id (cross.devices
 * -> devices) when there is one; otherwise value_used is all there is.
 */
static const char verdict_sql[] =
    "SELECT v.clause, v.kind, v.direction, v.requirement, v.threshold, v.value_used, "
    "  v.result, v.detail, fl.raw, fl.value, fl.flags, fl.correction, fl.original_raw "
    "FROM verdicts v LEFT JOIN assessments s ON s.application_id = v.application_id "
    "LEFT JOIN fields fl ON fl.application_id = v.application_id AND fl.key = "
    "  (SELECT key FROM fields WHERE application_id = v.application_id AND key IN "
    "    (v.criterion, substr(v.criterion, instr(v.criterion, '.') + 1)) LIMIT 1) "
    "WHERE v.application_id = ?1 " WORKSHEET_ROW_ORDER;

static int write_criteria(sqlite3 *db, struct xl_book *b, struct xl_sheet *s, int64_t app_id,
			  double score_max, int row, int *first, int *last)
{
	static const char *const head[C_COUNT] = {
	    "条款",	"类别",	    "要求", "申报值（原文）", "规范值",	 "自动判定",
	    "判定说明", "核定意见", "评分", "备注",	      "更正记录"};
	static const char *opinions[] = {"符合", "不符合", "待核实", NULL};
	struct strbuf sb = STRBUF_INIT, kind = STRBUF_INIT, msg = STRBUF_INIT;
	lxw_data_validation dv_list = {0}, dv_score = {0};
	sqlite3_stmt *st;
	int rc, hdr = row;

	st = db_prepare(db, verdict_sql);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, app_id);
	xl_header(s, row++, head, C_COUNT);
	*first = row;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *threshold = xl_col(st, 4);
		const char *requirement = xl_col(st, 3);
		int matched = sqlite3_column_type(st, 8) != SQLITE_NULL ||
			      sqlite3_column_type(st, 9) != SQLITE_NULL;

		xl_str(s, row, C_CLAUSE, xl_col(st, 0), s->f->text);
		kind_name(xl_col(st, 1), xl_col(st, 2), &kind);
		xl_str(s, row, C_KIND, kind.buf, s->f->text);
		strbuf_reset(&sb);
		strbuf_addstr(&sb, requirement);
		if (*threshold && !strstr(requirement, threshold))
			strbuf_addf(&sb, "（门槛：%s）", threshold);
		xl_str(s, row, C_REQUIREMENT, sb.buf, s->f->text);
		xl_str(s, row, C_RAW, matched ? xl_col(st, 8) : xl_col(st, 5), s->f->text);
		strbuf_reset(&sb);
		if (matched) {
			strbuf_addstr(&sb, xl_col(st, 9));
			if (*xl_col(st, 10))
				strbuf_addf(&sb, "（%s）", xl_col(st, 10));
		}
		xl_str(s, row, C_VALUE, sb.buf, s->f->text);
		xl_str(s, row, C_AUTO, auto_verdict(xl_col(st, 1), xl_col(st, 6)), s->f->text);
		xl_str(s, row, C_DETAIL, xl_col(st, 7), s->f->text);
		xl_str(s, row, C_OPINION, "", s->f->input);
		xl_str(s, row, C_SCORE, "", s->f->input_num);
		xl_str(s, row, C_REMARK, "", s->f->input);
		strbuf_reset(&sb);
		if (sqlite3_column_type(st, 11) != SQLITE_NULL)
			strbuf_addf(&sb, "已更正，原填“%s”（%s）", xl_col(st, 12), xl_col(st, 11));
		xl_str(s, row, C_CORRECTION, sb.buf, s->f->text);
		xl_end_row(s, row);
		row++;
	}
	sqlite3_finalize(st);
	strbuf_release(&sb);
	strbuf_release(&kind);
	if (rc != SQLITE_DONE)
		return error("database: %s", sqlite3_errmsg(db));
	*last = row - 1;
	if (*last >= *first) {
		dv_list.validate = LXW_VALIDATION_TYPE_LIST;
		dv_list.value_list = (char **)opinions;
		dv_list.error_title = "核定意见";
		dv_list.error_message = "请从下拉列表选择：符合、不符合或待核实";
		worksheet_data_validation_range(s->ws, (lxw_row_t)*first, C_OPINION,
						(lxw_row_t)*last, C_OPINION, &dv_list);
		dv_score.validate = LXW_VALIDATION_TYPE_DECIMAL;
		dv_score.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv_score.minimum_number = 0;
		dv_score.maximum_number = score_max;
		dv_score.error_title = "评分";
		strbuf_addf(&msg, "评分应为0到%g之间的数字", score_max);
		dv_score.error_message = msg.buf;
		/* libxlsxwriter keeps its own copy of the message. */
		worksheet_data_validation_range(s->ws, (lxw_row_t)*first, C_SCORE, (lxw_row_t)*last,
						C_SCORE, &dv_score);
		strbuf_release(&msg);
		xl_red_when(s, *first, *last, C_AUTO, "不符合");
		xl_red_when(s, *first, *last, C_OPINION, "不符合");
	}
	worksheet_repeat_rows(s->ws, (lxw_row_t)hdr, (lxw_row_t)hdr);
	return row;
}

int out_worksheet(sqlite3 *db, int64_t app_id, double score_max, const char *path)
{
	struct xl_book b = {0};
	struct xl_sheet s;
	struct strbuf sb = STRBUF_INIT, sum = STRBUF_INIT;
	char stamp[SHA256_HEX_LEN + 1];
	sqlite3_stmt *st = NULL;
	lxw_protection prot = {0};
	int row = 0, first = 0, last = -1, end, total_row, ret = -1;

	if (app_stamp(db, app_id, stamp))
		return -1;
	st = db_prepare(db, head_sql);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, app_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		error("database: application %lld not found: %s", (long long)app_id,
		      sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return -1;
	}
	if (xl_open(&b, path, 0))
		goto out;
	xl_add_sheet(&b, "评审表", &s);
	/* Narrow enough that the table prints legibly on one A4 width; long texts wrap. */
	s.caps[C_CLAUSE] = 14;
	s.caps[C_KIND] = 14;
	s.caps[C_REQUIREMENT] = 34;
	s.caps[C_RAW] = 18;
	s.caps[C_VALUE] = 14;
	s.caps[C_DETAIL] = 22;
	s.caps[C_REMARK] = 16;
	s.caps[C_CORRECTION] = 12;
	strbuf_addf(&sb, "%s 评审工作表", xl_col(st, 1));
	worksheet_write_string(s.ws, (lxw_row_t)row++, 0, sb.buf, s.f->title);
	row++;
	block_row(&s, row++, "申报编号", xl_col(st, 0), s.f->text);
	block_row(&s, row++, "申报企业名称", xl_col(st, 1), s.f->text);
	block_row(&s, row++, "推荐单位",
		  sqlite3_column_type(st, 2) == SQLITE_NULL ? AGG_UNKNOWN_UNIT : xl_col(st, 2),
		  s.f->text);
	block_row(&s, row++, "申报类型", out_type_name(xl_col(st, 3)), s.f->text);
	block_row(&s, row++, "申报方向",
		  !strcmp(xl_col(st, 3), "factory") ? direction_names[DIR_FACTORY] : xl_col(st, 4),
		  s.f->text);
	block_row(&s, row++, "建议方向", sqlite3_column_int(st, 12) ? xl_col(st, 5) : "未评审",
		  s.f->text);
	block_row(&s, row++, !strcmp(xl_col(st, 3), "factory") ? "项目名称" : "平台名称",
		  xl_col(st, 6), s.f->text);
	block_row(&s, row++, "联系人", xl_col(st, 7), s.f->text);
	block_row(&s, row++, "联系方式（手机）", xl_col(st, 8), s.f->text);
	strbuf_reset(&sb);
	if (sqlite3_column_int(st, 12))
		strbuf_addf(&sb, "%.2f（达标项 %d/%d）", sqlite3_column_double(st, 9),
			    sqlite3_column_int(st, 10), sqlite3_column_int(st, 11));
	block_row(&s, row++, "自动评分", sb.buf, s.f->text);
	block_row(&s, row++, "版本标识", stamp, s.f->text);
	total_row = row++;
	block_row(&s, row++, "评审专家", "", s.f->input);
	sqlite3_finalize(st);
	st = NULL;
	row++;

	end = write_criteria(db, &b, &s, app_id, score_max, row, &first, &last);
	if (end < 0)
		goto out;
	/* The running total: our formula over the reviewer's scores, not form input. */
	strbuf_addf(&sum, "=SUM(%c%d:%c%d)", 'A' + C_SCORE, first + 1, 'A' + C_SCORE,
		    (last >= first ? last : first) + 1);
	worksheet_write_string(s.ws, (lxw_row_t)end, C_OPINION, "评分合计", s.f->label);
	worksheet_write_formula(s.ws, (lxw_row_t)end, C_SCORE, sum.buf, s.f->number);
	worksheet_write_string(s.ws, (lxw_row_t)total_row, C_CLAUSE, "专家评分合计", s.f->label);
	worksheet_merge_range(s.ws, (lxw_row_t)total_row, C_KIND, (lxw_row_t)total_row, C_DETAIL,
			      "", s.f->number);
	worksheet_write_formula(s.ws, (lxw_row_t)total_row, C_KIND, sum.buf, s.f->number);

	/* Widths from the table only; the header block is merged and wraps. */
	s.widths[C_OPINION] = 10; /* room for the drop-down arrow */
	s.widths[C_SCORE] = 8;
	s.widths[C_REMARK] = s.widths[C_REMARK] < 14 ? 14 : s.widths[C_REMARK];
	xl_apply_widths(&s);
	xl_print_setup(&s, 1, -1);
	worksheet_repeat_rows(s.ws, (lxw_row_t)(first - 1), (lxw_row_t)(first - 1));
	prot.format_columns = 1;
	prot.format_rows = 1;
	worksheet_protect(s.ws, NULL, &prot);

	if (write_files_sheet(db, &b, app_id))
		goto out;
	ret = xl_finish(&b);
out:
	if (ret)
		xl_abandon(&b); /* harmless when never opened or already finished */
	sqlite3_finalize(st);
	strbuf_release(&sb);
	strbuf_release(&sum);
	return ret;
}
