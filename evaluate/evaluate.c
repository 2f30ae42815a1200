#include "evaluate/evaluate.h"

#include "common/catalog.h"
#include "common/crashpoint.h"
#include "common/db.h"
#include "common/direction.h"
#include "common/defect.h"
#include "common/log.h"
#include "common/sha256.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "evaluate/rules.h"

#include <stdlib.h>
#include <string.h>

/*
 * Part of every application's evaluation digest: raise it when what
 * evaluate writes changes for the same rules and inputs (the wording of the
 * verdicts, say), so that the next run evaluates everything again instead
 * of keeping verdicts written by the older code.
 */
#define EVALUATE_FORMAT "iireview-evaluate-4"

const char *evaluate_declared(const char *summary_direction, const char *ticked, int *mismatch)
{
	*mismatch = 0;
	if (summary_direction && !*summary_direction)
		summary_direction = NULL;
	if (ticked && !*ticked)
		ticked = NULL;
	/* 重点培育 can only be declared in the table: it wins over any box. */
	if (direction_index(summary_direction) == DIR_CULTIVATION)
		return direction_names[DIR_CULTIVATION];
	if (ticked) {
		*mismatch = summary_direction && strcmp(summary_direction, ticked);
		return ticked;
	}
	return summary_direction ? summary_direction : "";
}

/* The gated platform direction of a name (DIR_CROSS..DIR_ENTERPRISE), or -1. */
static int dir_index(const char *d)
{
	int i = direction_index(d);

	return i >= 0 && i < DIR_PLATFORM_GATED ? i : -1;
}

const char *evaluate_recommend(const struct recommend_in *in)
{
	int from;

	if (in->is_factory)
		return in->basic_ok && in->factory_gates_ok ? direction_names[DIR_FACTORY]
							    : DIRECTION_REJECTED;
	if (!in->basic_ok)
		return DIRECTION_REJECTED;
	if (direction_index(in->declared) == DIR_CULTIVATION)
		return direction_names[DIR_CULTIVATION];
	/* Never above what was declared; nothing declared is read from the top. */
	from = dir_index(in->declared);
	if (from < 0)
		from = 0;
	for (int i = from; i < DIR_PLATFORM_GATED; i++)
		if (in->passes[i])
			return direction_names[i];
	return direction_names[DIR_CULTIVATION];
}

/* ---- one application ---- */

struct app {
	int64_t id, bundle_id;
	int is_factory;
	char *enterprise, *app_no, *credit_code, *ticked, *unit;
	char *fields_digest; /* normalize's digest of the field rows; NULL: hash the rows */
	int fields_loaded;

	struct rule_field *fields;
	size_t nfields, afields;
	struct rule_field summary[3]; /* summary.cluster, summary.direction, summary.project */
	int listed;		      /* a summary row names it */
	int no_form;		      /* listed in 附件5 only: SUMMARY_ONLY asks for the form */
	int bundle_has_summary;
	char *summary_enterprise;
	char **attach;
	size_t nattach, aattach;
	struct strbuf dups; /* "unit 申报编号" of other applications with the same code and type */
};

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? xstrdup((const char *)s) : NULL;
}

static void app_release(struct app *a)
{
	free(a->enterprise);
	free(a->app_no);
	free(a->credit_code);
	free(a->ticked);
	free(a->unit);
	free(a->fields_digest);
	for (size_t i = 0; i < a->nfields; i++) {
		free((char *)a->fields[i].key);
		free((char *)a->fields[i].raw);
		free((char *)a->fields[i].value);
		free((char *)a->fields[i].status);
	}
	free(a->fields);
	for (int i = 0; i < 3; i++)
		free((char *)a->summary[i].value);
	free(a->summary_enterprise);
	for (size_t i = 0; i < a->nattach; i++)
		free(a->attach[i]);
	free(a->attach);
	strbuf_release(&a->dups);
	memset(a, 0, sizeof(*a));
}

static int cmp_field(const void *k, const void *f)
{
	return strcmp((const char *)k, ((const struct rule_field *)f)->key);
}

static const struct rule_field *app_field(void *ctx, const char *key)
{
	struct app *a = ctx;

	if (!strncmp(key, "summary.", 8)) {
		for (int i = 0; i < 3; i++)
			if (!strcmp(a->summary[i].key, key))
				return a->summary[i].status ? &a->summary[i] : NULL;
		return NULL;
	}
	/* bsearch on a NULL array is undefined even for 0 elements (UBSan says so). */
	if (!a->nfields)
		return NULL;
	return bsearch(key, a->fields, a->nfields, sizeof(*a->fields), cmp_field);
}

static int app_attached(void *ctx, const char *kind)
{
	struct app *a = ctx;

	for (size_t i = 0; i < a->nattach; i++)
		if (!strcmp(a->attach[i], kind))
			return 1;
	return 0;
}

static void set_summary(struct rule_field *f, const char *key, const char *v)
{
	f->key = key;
	free((char *)f->value);
	f->value = v && *v ? xstrdup(v) : NULL;
	f->raw = f->value;
	f->status = f->value ? "ok" : "empty";
	f->has_num = 0;
}

/*
 * The statements app_load() runs for every application, prepared once per
 * run: an unchanged rerun loads every application to find nothing to do,
 * and preparing them each time was a sixth of it.
 */
enum { Q_FIELDS, Q_SUMMARY, Q_HAS_SUMMARY, Q_ATTACH, Q_DUPS, Q_COUNT };

static const char *const load_sql[Q_COUNT] = {
    [Q_FIELDS] = "SELECT key, raw, value, num, status FROM fields "
		 "WHERE application_id = ? ORDER BY key",
    [Q_SUMMARY] = "SELECT cluster, direction, project, enterprise FROM summary_rows "
		  "WHERE application_id = ? AND bundle_id = ? ORDER BY row LIMIT 1",
    /* Whether there is one, not how many: the first index entry answers. */
    [Q_HAS_SUMMARY] = "SELECT EXISTS (SELECT 1 FROM summary_rows WHERE bundle_id = ?)",
    [Q_ATTACH] = "SELECT DISTINCT attachment_kind FROM files WHERE application_id = ? "
		 "AND attachment_kind IS NOT NULL ORDER BY 1",
    [Q_DUPS] = "SELECT b.unit, a.app_no, a.id FROM applications a "
	       "JOIN bundles b ON b.id = a.bundle_id "
	       "WHERE b.state = 'current' AND a.credit_code = ? AND a.type = ? "
	       "AND a.id <> ? ORDER BY a.id",
};

struct loader {
	sqlite3 *db;
	sqlite3_stmt *q[Q_COUNT];
};

static void loader_release(struct loader *l)
{
	for (int i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(l->q[i]);
	memset(l->q, 0, sizeof(l->q));
}

static int loader_init(struct loader *l, sqlite3 *db)
{
	l->db = db;
	memset(l->q, 0, sizeof(l->q));
	for (int i = 0; i < Q_COUNT; i++) {
		l->q[i] = db_prepare(db, load_sql[i]);
		if (!l->q[i]) {
			loader_release(l);
			return -1;
		}
	}
	return 0;
}

/* Step st to its end, then reset it; 0, or -1 when the database failed. */
static int finish(struct loader *l, sqlite3_stmt *st, int rc)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return error("database: loading an application: %s", sqlite3_errmsg(l->db));
	return 0;
}

/* The application's fields, sorted by key as app_field() needs; 0 or -1. */
static int app_load_fields(struct loader *l, struct app *a)
{
	sqlite3_stmt *st = l->q[Q_FIELDS];
	int rc;

	if (a->fields_loaded)
		return 0;
	a->fields_loaded = 1;
	sqlite3_bind_int64(st, 1, a->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rule_field *f;
		ALLOC_GROW(a->fields, a->nfields + 1, a->afields);
		f = &a->fields[a->nfields++];
		memset(f, 0, sizeof(*f));
		f->key = col_dup(st, 0);
		f->raw = col_dup(st, 1);
		f->value = col_dup(st, 2);
		f->has_num = sqlite3_column_type(st, 3) != SQLITE_NULL;
		f->num = sqlite3_column_double(st, 3);
		f->status = col_dup(st, 4);
		if (!f->status)
			f->status = xstrdup("absent");
	}
	return finish(l, st, rc);
}

/*
 * Load everything the evaluation of a reads but its fields, and the fields
 * too when normalize left no digest of them (app_digest then hashes them).
 * 0 or -1.
 */
static int app_load(struct loader *l, struct app *a)
{
	sqlite3_stmt *st;
	int rc;

	if (!a->fields_digest && app_load_fields(l, a))
		return -1;
	a->summary[0].key = "summary.cluster";
	a->summary[1].key = "summary.direction";
	a->summary[2].key = "summary.project";
	st = l->q[Q_SUMMARY];
	sqlite3_bind_int64(st, 1, a->id);
	sqlite3_bind_int64(st, 2, a->bundle_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a->listed = 1;
		for (int i = 0; i < 3; i++)
			set_summary(&a->summary[i], a->summary[i].key,
				    (const char *)sqlite3_column_text(st, i));
		a->summary_enterprise = col_dup(st, 3);
	}
	if (finish(l, st, rc))
		return -1;

	st = l->q[Q_HAS_SUMMARY];
	sqlite3_bind_int64(st, 1, a->bundle_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		a->bundle_has_summary = sqlite3_column_int(st, 0) > 0;
	if (finish(l, st, rc))
		return -1;

	st = l->q[Q_ATTACH];
	sqlite3_bind_int64(st, 1, a->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(a->attach, a->nattach + 1, a->aattach);
		a->attach[a->nattach++] = col_dup(st, 0);
	}
	if (finish(l, st, rc))
		return -1;

	if (!a->credit_code)
		return 0;
	st = l->q[Q_DUPS];
	db_bind_text(st, 1, a->credit_code);
	db_bind_text(st, 2, a->is_factory ? "factory" : "platform");
	sqlite3_bind_int64(st, 3, a->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *u = sqlite3_column_text(st, 0);
		const unsigned char *no = sqlite3_column_text(st, 1);
		strbuf_addf(&a->dups, "%s%s（申报编号%s）", a->dups.len ? "、" : "",
			    u ? (const char *)u : "未知推荐单位", no ? (const char *)no : "未编号");
	}
	return finish(l, st, rc);
}

/* The digest of the rules and of everything the evaluation read. */
static void app_digest(const struct rules *r, const struct app *a, char hex[65])
{
	struct sha256 h;
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s\n%s\n%d\n%s\n%s\n%s\n%s\n%d\n%d\n%d\n", EVALUATE_FORMAT, r->digest,
		    a->is_factory, a->enterprise ? a->enterprise : "", a->app_no ? a->app_no : "",
		    a->credit_code ? a->credit_code : "", a->ticked ? a->ticked : "", a->listed,
		    a->bundle_has_summary, a->no_form);
	/*
	 * Each unchanged application is hashed at every run: no printf here (a
	 * %.17g per field was most of an unchanged run's evaluate).  Strings are
	 * NUL-terminated in the buffer and the number goes in as its bytes.
	 */
	/*
	 * normalize's digest of the field rows stands for them: reading every
	 * field of every application only to find them unchanged was most of
	 * an unchanged run's evaluate.
	 */
	if (a->fields_digest)
		strbuf_addf(&sb, "fields\t%s\n", a->fields_digest);
	for (size_t i = 0; !a->fields_digest && i < a->nfields; i++) {
		const struct rule_field *f = &a->fields[i];
		const char *parts[] = {f->key, f->raw ? f->raw : "", f->value ? f->value : "",
				       f->status};

		for (size_t k = 0; k < ARRAY_SIZE(parts); k++)
			strbuf_add(&sb, parts[k], strlen(parts[k]) + 1);
		strbuf_addch(&sb, (char)f->has_num);
		strbuf_add(&sb, &f->num, sizeof(f->num));
	}
	for (int i = 0; i < 3; i++)
		strbuf_addf(&sb, "%s\t%s\n", a->summary[i].key,
			    a->summary[i].value ? a->summary[i].value : "");
	strbuf_addf(&sb, "%s\n", a->summary_enterprise ? a->summary_enterprise : "");
	for (size_t i = 0; i < a->nattach; i++)
		strbuf_addf(&sb, "attach\t%s\n", a->attach[i]);
	strbuf_addf(&sb, "dups\t%s\n", a->dups.buf);
	sha256_init(&h);
	sha256_update(&h, sb.buf, sb.len);
	sha256_final_hex(&h, hex);
	strbuf_release(&sb);
}

/* Text compared without white space, so that a line break in a cell is no mismatch. */
static int same_text(const char *x, const char *y)
{
	for (;;) {
		while (*x == ' ' || *x == '\t' || *x == '\n' || *x == '\r')
			x++;
		while (*y == ' ' || *y == '\t' || *y == '\n' || *y == '\r')
			y++;
		if (*x != *y)
			return 0;
		if (!*x)
			return 1;
		x++;
		y++;
	}
}

struct outcome {
	int basic_ok;
	int passes[DIR_PLATFORM_GATED]; /* by enum direction */
	int factory_ok;
	int gates_passed, gates_total;
	struct strbuf priorities;
	double priority_points;
	/* by enum direction: margins of the gates */
	double margin_sum[DIR_COUNT];
	int scored_gates[DIR_COUNT];
};

static int write_verdict(sqlite3_stmt *ins, const struct app *a, const struct criterion *c,
			 const char *direction, const char *threshold, const char *result,
			 const char *used, const char *detail)
{
	sqlite3_reset(ins);
	sqlite3_bind_int64(ins, 1, a->id);
	db_bind_text(ins, 2, c->id);
	db_bind_text(ins, 3, c->clause);
	db_bind_text(ins, 4, rule_kind_name(c->kind));
	db_bind_text(ins, 5, direction);
	db_bind_text(ins, 6, c->text);
	db_bind_text(ins, 7, used && *used ? used : NULL);
	db_bind_text(ins, 8, threshold);
	db_bind_text(ins, 9, result);
	db_bind_text(ins, 10, detail);
	if (sqlite3_step(ins) != SQLITE_DONE)
		return error("database: cannot record verdict %s: %s", c->id,
			     sqlite3_errmsg(sqlite3_db_handle(ins)));
	return 0;
}

static int add_defect(sqlite3 *db, const struct app *a, const char *code, const char *field,
		      const char *raw, const char *detail, int64_t *count)
{
	struct defect_place at = {"evaluate", a->bundle_id, 0, a->id};

	if (defect_add(db, &at, code, field, raw, detail))
		return -1;
	(*count)++;
	return 0;
}

/* Evaluate every criterion for a and write verdicts and the defects they name. */
static int run_criteria(sqlite3 *db, const struct rules *r, struct app *a, struct outcome *o,
			int64_t *ndefects)
{
	const struct catalog *cat = a->is_factory ? r->factory : r->platform;
	struct rule_env env = {app_field, app_attached, cat, a};
	struct strbuf used = STRBUF_INIT, detail = STRBUF_INIT, full = STRBUF_INIT,
		      shown = STRBUF_INIT;
	sqlite3_stmt *ins;
	int ret = -1;

	ins = db_prepare(db, "INSERT INTO verdicts(application_id, criterion, clause, kind, "
			     "direction, requirement, value_used, threshold, result, detail) "
			     "VALUES (?,?,?,?,?,?,?,?,?,?)");
	if (!ins)
		goto out;
	o->basic_ok = 1;
	o->factory_ok = 1;
	for (int i = 0; i < DIR_PLATFORM_GATED; i++)
		o->passes[i] = 1;
	for (size_t i = 0; i < r->n; i++) {
		const struct criterion *c = &r->c[i];
		unsigned mine = c->applies & (a->is_factory ? RD_FACTORY : RD_PLATFORM);
		struct rule_result res = {TRI_UNKNOWN, 0, 0};
		const char *result;
		unsigned bits[4];
		size_t nbits = 0;

		if (!mine)
			continue;
		/* A criterion for every direction of the type is one row with direction ''. */
		if (mine == RD_PLATFORM || mine == RD_FACTORY || c->kind != RK_GATE)
			bits[nbits++] = 0;
		else
			for (unsigned b = RD_CROSS; b <= RD_ENTERPRISE; b <<= 1)
				if (mine & b)
					bits[nbits++] = b;
		strbuf_reset(&used);
		strbuf_reset(&detail);
		strbuf_reset(&full);
		strbuf_reset(&shown);
		/* The condition in the reviewer's words, not the rules file's. */
		if (c->expr)
			expr_show(c->expr, cat, &shown);
		if (c->kind == RK_QUALITATIVE) {
			result = "";
			strbuf_addstr(&full, "由评审专家判断");
		} else {
			expr_eval(c->expr, &env, &res, &used, &detail);
			result = res.result == TRI_TRUE	   ? "pass"
				 : res.result == TRI_FALSE ? "fail"
							   : "unknown";
			strbuf_addstr(&full,
				      res.result == TRI_TRUE ? "符合"
				      : res.result == TRI_FALSE
					  ? "不符合"
					  : "无法判断（所需数据缺失或无法识别，按未通过处理）");
			if (detail.len)
				strbuf_addf(&full, "：%s", detail.buf);
		}
		for (size_t k = 0; k < nbits; k++) {
			const char *dname = bits[k] ? rule_dir_name(bits[k]) : "";
			if (write_verdict(ins, a, c, dname, shown.len ? shown.buf : NULL, result,
					  used.buf, full.buf))
				goto out;
		}
		if (c->kind == RK_QUALITATIVE)
			continue;
		/*
		 * Without a form there is nothing to judge yet: one line asking for
		 * the form (SUMMARY_ONLY), not a missing invoice beside it too.
		 */
		if (res.result == TRI_FALSE && c->defect && !a->no_form) {
			/* A named field: the defect quotes it as written, as staff read it. */
			const struct rule_field *df =
			    c->defect_field ? app_field(a, c->defect_field) : NULL;
			const char *raw = df	     ? (df->raw ? df->raw : df->value)
					  : used.len ? used.buf
						     : NULL;

			if (add_defect(db, a, c->defect, c->defect_field, raw, full.buf, ndefects))
				goto out;
		}
		switch (c->kind) {
		case RK_BASIC:
			o->basic_ok &= res.result == TRI_TRUE;
			break;
		case RK_PRIORITY:
			if (res.result == TRI_TRUE) {
				strbuf_addf(&o->priorities, "%s%s", o->priorities.len ? ";" : "",
					    c->text);
				o->priority_points += c->weight;
			}
			break;
		case RK_GATE:
			o->gates_total++;
			o->gates_passed += res.result == TRI_TRUE;
			for (int bi = 0; bi < DIR_COUNT; bi++) {
				unsigned b = 1u << bi;
				if (!(mine & b))
					continue;
				if (res.result != TRI_TRUE) {
					if (b == RD_FACTORY)
						o->factory_ok = 0;
					else
						o->passes[bi] = 0;
				}
				if (expr_has_lower_bound(c->expr)) {
					o->scored_gates[bi]++;
					if (res.has_margin)
						o->margin_sum[bi] +=
						    (res.margin < r->score.gate_margin_cap
							 ? res.margin
							 : r->score.gate_margin_cap);
				}
			}
			break;
		default:
			break;
		}
	}
	ret = 0;
out:
	sqlite3_finalize(ins);
	strbuf_release(&used);
	strbuf_release(&detail);
	strbuf_release(&full);
	strbuf_release(&shown);
	return ret;
}

/* The cross-application checks that concern a itself. */
static int cross_checks(sqlite3 *db, struct app *a, const char *summary_dir_mismatch, int64_t *nd)
{
	struct strbuf sb = STRBUF_INIT;
	int ret = -1;

	if (a->dups.len) {
		strbuf_addf(&sb, "统一社会信用代码%s的企业以同一类别另有申报：%s", a->credit_code,
			    a->dups.buf);
		if (add_defect(db, a, "DUPLICATE_APPLICATION", "credit_code", a->credit_code,
			       sb.buf, nd))
			goto out;
	}
	if (!a->listed && a->bundle_has_summary) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "申报书“%s”未列入推荐单位的汇总表（附件5）",
			    a->enterprise ? a->enterprise : "");
		if (add_defect(db, a, "FORM_ONLY", NULL, a->enterprise, sb.buf, nd))
			goto out;
	}
	if (summary_dir_mismatch) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "汇总表项目方向为“%s”，申报书勾选“%s”", summary_dir_mismatch,
			    a->ticked);
		if (add_defect(db, a, "SUMMARY_MISMATCH", "direction", summary_dir_mismatch, sb.buf,
			       nd))
			goto out;
	}
	if (a->listed && a->summary[2].value) {
		const struct rule_field *f =
		    app_field(a, a->is_factory ? "project_name" : "platform_name");
		if (f && f->value && !strcmp(f->status, "ok") &&
		    !same_text(f->value, a->summary[2].value)) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "汇总表项目名称为“%s”，申报书为“%s”", a->summary[2].value,
				    f->value);
			if (add_defect(db, a, "SUMMARY_MISMATCH", "project_name",
				       a->summary[2].value, sb.buf, nd))
				goto out;
		}
	}
	ret = 0;
out:
	strbuf_release(&sb);
	return ret;
}

static double completeness(const struct catalog *cat, struct app *a, int *filled)
{
	*filled = 0;
	for (size_t i = 0; i < cat->n; i++) {
		const struct rule_field *f = app_field(a, cat->fields[i].key);
		*filled += f && !strcmp(f->status, "ok");
	}
	return cat->n ? (double)*filled / (double)cat->n : 0;
}

static int evaluate_app(sqlite3 *db, const struct rules *r, struct app *a, const char *digest,
			int64_t *nd)
{
	const struct catalog *cat = a->is_factory ? r->factory : r->platform;
	struct outcome o;
	struct recommend_in in;
	struct strbuf detail = STRBUF_INIT;
	const char *declared, *recommended, *sdir = NULL;
	sqlite3_stmt *st = NULL;
	int mismatch = 0, filled, si, ret = -1;
	double gates_pts, compl_pts, score;
	char *del;

	memset(&o, 0, sizeof(o));
	strbuf_init(&o.priorities, 0);
	if (db_begin(db))
		goto out;
	del = sqlite3_mprintf(
	    "DELETE FROM verdicts WHERE application_id = %lld;"
	    "DELETE FROM defects WHERE stage = 'evaluate' AND application_id = %lld;",
	    (long long)a->id, (long long)a->id);
	if (db_exec(db, del)) {
		sqlite3_free(del);
		goto out;
	}
	sqlite3_free(del);
	if (run_criteria(db, r, a, &o, nd))
		goto out;

	if (a->is_factory) {
		declared = direction_names[DIR_FACTORY];
	} else {
		declared =
		    evaluate_declared(a->listed ? a->summary[1].value : NULL, a->ticked, &mismatch);
		if (mismatch)
			sdir = a->summary[1].value;
	}
	if (cross_checks(db, a, sdir, nd))
		goto out;
	in.is_factory = a->is_factory;
	in.basic_ok = o.basic_ok;
	in.declared = declared;
	memcpy(in.passes, o.passes, sizeof(in.passes));
	in.factory_gates_ok = o.factory_ok;
	recommended = evaluate_recommend(&in);

	/* The score ranks inside the recommended category: margins of that direction's gates. */
	if (a->is_factory)
		si = DIR_FACTORY;
	else if ((si = dir_index(recommended)) < 0 && (si = dir_index(declared)) < 0)
		si = DIR_ENTERPRISE;
	gates_pts = o.scored_gates[si] ? r->score.weight_gates * o.margin_sum[si] /
					     (r->score.gate_margin_cap * o.scored_gates[si])
				       : 0;
	compl_pts = r->score.weight_completeness * completeness(cat, a, &filled);
	/* Two decimals, so that ties are ties and not 1e-15 apart (no libm round()). */
	score = (double)(long long)((gates_pts + o.priority_points + compl_pts) * 100 + 0.5) / 100;
	strbuf_addf(
	    &detail,
	    "门槛余量 %.2f/%.0f（%s %d项数量门槛，余量按(数值-门槛)/门槛计，单项上限%.0f%%）；"
	    "优先条件 %.2f（%s）；完整度 %.2f/%.0f（已填%d项/共%zu项）；合计 %.2f",
	    gates_pts, r->score.weight_gates, direction_names[si], o.scored_gates[si],
	    r->score.gate_margin_cap * 100, o.priority_points,
	    o.priorities.len ? o.priorities.buf : "无", compl_pts, r->score.weight_completeness,
	    filled, cat->n, score);

	st = db_prepare(db,
			"INSERT OR REPLACE INTO assessments(application_id, declared, "
			"recommended, basic_ok, gates_ok, gates_passed, gates_total, priorities, "
			"score, score_detail, rules_digest) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, a->id);
	db_bind_text(st, 2, declared);
	db_bind_text(st, 3, recommended);
	sqlite3_bind_int(st, 4, o.basic_ok);
	/* 重点培育 has no gates of its own (the truth counts them as met). */
	sqlite3_bind_int(st, 5,
			 a->is_factory					? o.factory_ok
			 : direction_index(declared) == DIR_CULTIVATION ? 1
			 : dir_index(declared) >= 0 ? o.passes[dir_index(declared)]
						    : 0);
	sqlite3_bind_int(st, 6, o.gates_passed);
	sqlite3_bind_int(st, 7, o.gates_total);
	db_bind_text(st, 8, o.priorities.len ? o.priorities.buf : NULL);
	sqlite3_bind_double(st, 9, score);
	db_bind_text(st, 10, detail.buf);
	db_bind_text(st, 11, digest);
	if (sqlite3_step(st) != SQLITE_DONE) {
		error("database: cannot record the assessment of application %lld: %s",
		      (long long)a->id, sqlite3_errmsg(db));
		goto out;
	}
	crash_point("evaluate-commit");
	if (db_commit(db))
		goto out;
	ret = 0;
out:
	if (ret)
		db_rollback(db);
	sqlite3_finalize(st);
	strbuf_release(&o.priorities);
	strbuf_release(&detail);
	return ret;
}

/* SUMMARY_ONLY and CULTIVATION_ABSENT: defects of the batch, not of one form. */
static int batch_checks(sqlite3 *db, const struct rules *r, int64_t *nd)
{
	sqlite3_stmt *st = NULL, *q = NULL;
	struct strbuf sb = STRBUF_INIT;
	int ret = -1;

	if (db_begin(db) || db_exec(db, "DELETE FROM defects WHERE stage = 'evaluate' AND "
					"(application_id IS NULL OR code = 'SUMMARY_ONLY')"))
		goto out;
	/*
	 * normalize makes a listed enterprise without a form an application
	 * without a form, so that every list shows it; the defect goes on it.
	 */
	st = db_prepare(db,
			"SELECT s.bundle_id, s.file_id, s.enterprise, s.table_type, s.row, "
			"s.application_id FROM summary_rows s JOIN bundles b ON b.id = s.bundle_id "
			"LEFT JOIN applications a ON a.id = s.application_id "
			"WHERE b.state = 'current' AND (a.id IS NULL OR a.form_file_id IS NULL) "
			"AND trim(coalesce(s.enterprise, '')) <> '' ORDER BY s.id");
	if (!st)
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct defect_place at = {"evaluate", sqlite3_column_int64(st, 0),
					  sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 5)};
		const char *ent = (const char *)sqlite3_column_text(st, 2);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "汇总表（%s）第%d行列出“%s”，但报送材料中没有该企业的申报书",
			    strcmp((const char *)sqlite3_column_text(st, 3), "factory")
				? "平台"
				: direction_names[DIR_FACTORY],
			    sqlite3_column_int(st, 4), ent);
		if (defect_add(db, &at, "SUMMARY_ONLY", "enterprise", ent, sb.buf))
			goto out;
		(*nd)++;
	}
	q = db_prepare(db,
		       "SELECT count(*) FROM applications a JOIN bundles b ON b.id = a.bundle_id "
		       "WHERE b.state = 'current' AND a.type = 'platform' AND a.credit_code = ?");
	if (!q)
		goto out;
	for (size_t i = 0; i < r->ncultivation; i++) {
		struct defect_place at = {"evaluate", 0, 0, 0};
		sqlite3_reset(q);
		db_bind_text(q, 1, r->cultivation[i]);
		if (sqlite3_step(q) != SQLITE_ROW || sqlite3_column_int(q, 0) > 0)
			continue;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "2018年培育类项目单位（统一社会信用代码%s）未见本次平台申报",
			    r->cultivation[i]);
		if (defect_add(db, &at, "CULTIVATION_ABSENT", "credit_code", r->cultivation[i],
			       sb.buf))
			goto out;
		(*nd)++;
	}
	if (db_commit(db))
		goto out;
	ret = 0;
out:
	if (ret)
		db_rollback(db);
	sqlite3_finalize(st);
	sqlite3_finalize(q);
	strbuf_release(&sb);
	return ret;
}

int evaluate_run(sqlite3 *db, const struct rules *r, struct evaluate_stats *stats)
{
	sqlite3_stmt *list = NULL, *old = NULL;
	struct loader load = {0};
	int64_t run = db_run_begin(db, "evaluate");
	int ret = -1;

	memset(stats, 0, sizeof(*stats));
	if (loader_init(&load, db))
		goto out;
	list = db_prepare(db, "SELECT a.id, a.bundle_id, a.type, a.enterprise, a.app_no, "
			      "a.credit_code, a.direction, b.unit, a.fields_digest, "
			      "a.form_file_id IS NULL FROM applications a "
			      "JOIN bundles b ON b.id = a.bundle_id WHERE b.state = 'current' "
			      "ORDER BY a.id");
	old = db_prepare(db, "SELECT rules_digest FROM assessments WHERE application_id = ?");
	if (!list || !old)
		goto out;
	for (;;) {
		struct app a;
		char digest[65];
		int rc = sqlite3_step(list), same;

		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			error("database: listing applications: %s", sqlite3_errmsg(db));
			goto out;
		}
		memset(&a, 0, sizeof(a));
		strbuf_init(&a.dups, 0);
		a.id = sqlite3_column_int64(list, 0);
		a.bundle_id = sqlite3_column_int64(list, 1);
		a.is_factory = !strcmp((const char *)sqlite3_column_text(list, 2), "factory");
		a.enterprise = col_dup(list, 3);
		a.app_no = col_dup(list, 4);
		a.credit_code = col_dup(list, 5);
		a.ticked = col_dup(list, 6);
		a.unit = col_dup(list, 7);
		a.fields_digest = col_dup(list, 8);
		a.no_form = sqlite3_column_int(list, 9);
		stats->applications++;
		if (app_load(&load, &a)) {
			app_release(&a);
			goto out;
		}
		app_digest(r, &a, digest);
		sqlite3_reset(old);
		sqlite3_bind_int64(old, 1, a.id);
		same = sqlite3_step(old) == SQLITE_ROW &&
		       !strcmp((const char *)sqlite3_column_text(old, 0), digest);
		sqlite3_reset(old);
		if (same) {
			stats->unchanged++;
		} else {
			if (app_load_fields(&load, &a) ||
			    evaluate_app(db, r, &a, digest, &stats->defects)) {
				app_release(&a);
				goto out;
			}
			stats->evaluated++;
		}
		app_release(&a);
	}
	if (batch_checks(db, r, &stats->defects))
		goto out;
	info("evaluate: %lld applications, %lld evaluated, %lld unchanged, %lld defects",
	     (long long)stats->applications, (long long)stats->evaluated,
	     (long long)stats->unchanged, (long long)stats->defects);
	ret = 0;
out:
	sqlite3_finalize(list);
	sqlite3_finalize(old);
	loader_release(&load);
	db_run_end(db, run, ret ? 1 : 0, stats->applications, stats->evaluated, stats->applications,
		   stats->defects);
	return ret;
}
