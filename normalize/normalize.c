/*
 * normalize.c - the stage: pending bundles, their forms and tables, and
 * the defects found on the way.  See normalize.h.
 */
#include "normalize/normalize.h"

#include "common/catalog.h"
#include "normalize/convert.h"
#include "normalize/corrections.h"
#include "normalize/extract.h"
#include "normalize/required.h"
#include "normalize/soffice.h"
#include "normalize/summary.h"
#include "normalize/value.h"

#include "common/codes.h"
#include "common/crashpoint.h"
#include "common/db.h"
#include "common/defect.h"
#include "common/docx.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/problems.h"
#include "common/rulesconf.h"
#include "common/sha256.h"
#include "common/store.h"
#include "common/strbuf.h"
#include "common/textfile.h"
#include "common/xalloc.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { FORM_PLATFORM = RULES_PLATFORM, FORM_FACTORY = RULES_FACTORY, NR_FORMS = RULES_NFORMS };

/* Everything the stage reads from the rules folder, loaded once per run. */
struct norm_rules {
	const struct catalog *forms; /* the configuration's, by FORM_* */
	struct catalog summary;
	struct required_rules required;	     /* the （必填） sections */
	struct summary_vocab *summary_vocab; /* fields/summary-headers.tsv */
	struct form_doc templates[NR_FORMS];
	int have_template[NR_FORMS];
	struct extractor *x[NR_FORMS];
	size_t *by_key[NR_FORMS]; /* field indexes in the order of their keys */
	struct cluster_list *clusters;
	struct corrections corrections;
	char digest[SHA256_HEX_LEN + 1];
};

struct norm_ctx {
	sqlite3 *db;
	struct store store;
	struct norm_rules *rules;
	struct normalize_stats *stats;
	int64_t bundle_id;
	const char *unit;
	/* Prepared once per run: preparing per application cost more than the update. */
	sqlite3_stmt *ins_field, *upd_app;
	/*
	 * The field rows of the application being stored, hashed as they are
	 * bound: applications.fields_digest, which evaluate and output compare
	 * instead of reading the rows again.
	 */
	struct sha256 fields_hash;
	/* LibreOffice for .doc/.wps forms, looked for once a run; said at the first such form. */
	int soffice_said;
	struct soffice soffice;
	struct strbuf soffice_missing; /* why there is none */
};

/* ---- rules ---- */

/* The blank forms in <rules>/templates, told apart by their titles. */
static void load_templates(struct norm_rules *r, const char *dir)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, err = STRBUF_INIT;
		char ext[16];
		int which = -1;

		path_ext(list[i]->d_name, ext);
		strbuf_addf(&path, "%s/%s", dir, list[i]->d_name);
		if (!strcmp(ext, "docx") && !docx_extract_text(path.buf, 4096, &text, &err)) {
			if (strstr(text.buf, "重点工业互联网平台申报书"))
				which = FORM_PLATFORM;
			else if (strstr(text.buf, "标杆工厂申报书"))
				which = FORM_FACTORY;
		}
		if (which >= 0 && !r->have_template[which] &&
		    !form_doc_read_docx(path.buf, &r->templates[which], &err))
			r->have_template[which] = 1;
		strbuf_release(&path);
		strbuf_release(&text);
		strbuf_release(&err);
		free(list[i]);
	}
	if (n >= 0)
		free(list);
}

static void release_rules(struct norm_rules *r)
{
	for (int i = 0; i < NR_FORMS; i++) {
		free(r->by_key[i]);
		extractor_free(r->x[i]);
		form_doc_release(&r->templates[i]);
	}
	catalog_release(&r->summary);
	required_release(&r->required);
	summary_vocab_free(r->summary_vocab);
	cluster_list_free(r->clusters);
	corrections_release(&r->corrections);
}

static const struct catalog *sort_cat; /* for by_key_cmp: qsort has no context */

static int by_key_cmp(const void *a, const void *b)
{
	return strcmp(sort_cat->fields[*(const size_t *)a].key,
		      sort_cat->fields[*(const size_t *)b].key);
}

/*
 * The fields in the order of their keys, which is the order of the fields
 * table's primary key (application_id, key; BINARY collation is strcmp's
 * order): rows inserted in that order are appended to the b-tree instead of
 * splitting its pages.
 */
static size_t *keys_in_order(const struct catalog *cat)
{
	size_t *order = xcalloc(cat->n ? cat->n : 1, sizeof(*order));

	for (size_t i = 0; i < cat->n; i++)
		order[i] = i;
	sort_cat = cat;
	qsort(order, cat->n, sizeof(*order), by_key_cmp);
	sort_cat = NULL;
	return order;
}

static const char *type_zh(enum field_type t);

/*
 * A correction is read by the same rules as the form's own text; one that
 * does not read as its field's type would make the field unreadable and
 * change the verdicts, so it is refused and the form's value kept.
 */
static int correction_readable(const struct correction *k, struct strbuf *why, void *ctx)
{
	const struct norm_rules *r = ctx;
	int type = k->app_no[0] == 'P' ? FORM_PLATFORM : FORM_FACTORY;
	const struct catalog *cat = &r->forms[type];
	struct converted v;
	int ok = 1;

	for (size_t i = 0; i < cat->n; i++) {
		if (strcmp(cat->fields[i].key, k->key))
			continue;
		converted_init(&v);
		convert_field(&cat->fields[i], k->value, extractor_suffix(r->x[type], i), &v);
		if (v.status != VALUE_OK) {
			strbuf_addf(why, "does not read as %s", type_zh(cat->fields[i].type));
			if (v.reason[0])
				strbuf_addf(why, " (%s)", v.reason);
			ok = 0;
		}
		converted_release(&v);
		break;
	}
	return ok;
}

static int load_rules(struct norm_rules *r, const struct rules_config *cfg, const char *corrections,
		      int have_soffice)
{
	const char *rules_dir = cfg->root;
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	struct sha256 h;
	int ret = -1;

	memset(r, 0, sizeof(*r));
	r->forms = cfg->forms;
	for (int i = 0; i < NR_FORMS; i++)
		r->by_key[i] = keys_in_order(&r->forms[i]);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/fields/summary.tsv", rules_dir);
	if (catalog_load(path.buf, &r->summary, &err))
		goto out;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/fields/required.tsv", rules_dir);
	if (required_load(path.buf, &r->required, &err))
		goto out;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/fields/summary-headers.tsv", rules_dir);
	r->summary_vocab = summary_vocab_load(path.buf, &r->summary, &err);
	if (!r->summary_vocab)
		goto out;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/templates", rules_dir);
	load_templates(r, path.buf);
	for (int i = 0; i < NR_FORMS; i++) {
		if (!r->have_template[i])
			warning("normalize: no blank %s form in %s: instructions in the forms "
				"cannot be told from values",
				i == FORM_PLATFORM ? "platform" : "factory", path.buf);
		r->x[i] = extractor_new(&r->forms[i], r->have_template[i] ? &r->templates[i] : NULL,
					&err);
		if (!r->x[i])
			goto out;
	}
	r->clusters = cluster_list_make(cfg, &err);
	if (!r->clusters)
		goto out;
	if (corrections && corrections_load(corrections, r->forms, &r->corrections, &err))
		goto out;
	corrections_check(&r->corrections, correction_readable, r);
	/* What the fields were read with: the catalogues, the corrections and this code's rules. */
	sha256_init(&h);
	sha256_update(&h, "normalize-3", 11);
	/* Installing or removing LibreOffice changes what .doc/.wps forms give. */
	sha256_update(&h, have_soffice ? "soffice" : "-", have_soffice ? 7 : 1);
	sha256_update(&h, r->corrections.digest, strlen(r->corrections.digest));
	for (int i = 0; i < NR_FORMS; i++)
		sha256_update(&h, r->forms[i].digest, SHA256_HEX_LEN);
	sha256_update(&h, r->summary.digest, SHA256_HEX_LEN);
	sha256_update(&h, r->required.digest, SHA256_HEX_LEN);
	sha256_update(&h, summary_vocab_digest(r->summary_vocab), SHA256_HEX_LEN);
	sha256_final_hex(&h, r->digest);
	ret = 0;
out:
	if (ret) {
		error("normalize: %s", err.buf);
		release_rules(r);
	}
	strbuf_release(&path);
	strbuf_release(&err);
	return ret;
}

/* ---- defects ---- */

static const char *type_zh(enum field_type t)
{
	switch (t) {
	case FT_INTEGER:
	case FT_COUNT_PAIR:
		return "数量（整数）";
	case FT_AMOUNT:
		return "金额（万元）";
	case FT_PERCENT:
		return "百分比";
	case FT_DATE:
		return "日期（如2019年10月14日）";
	case FT_MONTH_RANGE:
		return "起止年月（如2018年3月--2019年6月）";
	case FT_YESNO:
		return "“是”或“否”之一的勾选";
	case FT_ONE_OF:
		return "一个选项的勾选";
	case FT_MANY_OF:
		return "选项的勾选";
	case FT_PHONE:
		return "带区号的电话号码";
	case FT_MOBILE:
		return "11位手机号码";
	case FT_EMAIL:
		return "电子邮箱地址";
	case FT_CREDIT_CODE:
		return "18位统一社会信用代码";
	case FT_ORG_CODE:
		return "9位组织机构代码";
	case FT_TEXT:
		break;
	}
	return "文字";
}

static void app_defect(struct norm_ctx *c, int64_t app, int64_t file, const char *code,
		       const char *field, const char *raw, const char *detail)
{
	struct defect_place at = {"normalize", c->bundle_id, file, app};

	if (!defect_add(c->db, &at, code, field, raw, detail))
		c->stats->defects++;
}

/* ---- one application ---- */

struct app_row {
	int64_t id, file_id;
	int type; /* FORM_PLATFORM / FORM_FACTORY */
	char *cover_enterprise;
	char *form_path, *blob;
};

/* A field as the form gave it, kept when a correction replaces it. */
struct original {
	char *raw, *value;
	const struct correction *by;
};

/*
 * Bind s to parameter idx of the field insert and hash it into the
 * application's field digest (NULL and "" hashed apart).  static: s
 * outlives the step, else SQLite copies it.
 */
static void bind_hashed(struct norm_ctx *c, int idx, const char *s, int is_static)
{
	unsigned char present = s != NULL;

	sha256_update(&c->fields_hash, &present, 1);
	if (!s) {
		sqlite3_bind_null(c->ins_field, idx);
		return;
	}
	sha256_update(&c->fields_hash, s, strlen(s) + 1);
	sqlite3_bind_text(c->ins_field, idx, s, -1, is_static ? SQLITE_STATIC : SQLITE_TRANSIENT);
}

static int store_field(struct norm_ctx *c, int64_t app, const char *key, const char *raw,
		       const struct converted *v, int found, const struct original *orig)
{
	sqlite3_stmt *st = c->ins_field;
	const char *status = found ? value_status_name(v->status) : "absent";

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, app);
	/* Static: every string outlives the step, and copying 134 fields' texts per form showed. */
	bind_hashed(c, 2, key, 1);
	bind_hashed(c, 3, raw, 1);
	bind_hashed(c, 4, v->value.len ? v->value.buf : NULL, 1);
	if (v->status == VALUE_OK && v->has_num) {
		sqlite3_bind_double(st, 5, v->num);
		sha256_update(&c->fields_hash, &v->num, sizeof(v->num));
	} else {
		sqlite3_bind_null(st, 5);
		sha256_update(&c->fields_hash, "-", 1);
	}
	bind_hashed(c, 6, status, 1);
	bind_hashed(c, 7, v->flags.len ? v->flags.buf : NULL, 1);
	if (orig && orig->by) {
		struct strbuf note = STRBUF_INIT;

		strbuf_addf(&note, "%s；%s；%s；%s:%d", orig->by->reason, orig->by->who,
			    orig->by->at, c->rules->corrections.path, orig->by->line);
		bind_hashed(c, 8, orig->raw, 0);
		bind_hashed(c, 9, orig->value, 0);
		bind_hashed(c, 10, note.buf, 0);
		strbuf_release(&note);
	} else {
		for (int i = 8; i <= 10; i++)
			bind_hashed(c, i, NULL, 0);
	}
	if (sqlite3_step(st) != SQLITE_DONE) {
		error("database: cannot store field %s: %s", key, sqlite3_errmsg(c->db));
		sqlite3_clear_bindings(st);
		return -1;
	}
	/* No binding may point into buffers the caller frees next. */
	sqlite3_clear_bindings(st);
	c->stats->fields++;
	return 0;
}

/*
 * The field's name as a clerk finds it on the form: the two halves of a
 * "___类，___个" pair share one label.
 */
static void field_name_zh(const struct field_def *f, struct strbuf *out)
{
	size_t n = strlen(f->key);

	strbuf_addf(out, "“%s”", f->label);
	if (f->type == FT_COUNT_PAIR)
		strbuf_addstr(out,
			      n > 6 && !strcmp(f->key + n - 6, "_kinds") ? "的类数" : "的数量");
}

/*
 * The checks that a field's own value allows; the codes are checked
 * together below.  asked: the field stands in a section the form marks
 * （必填） for this application (rules/fields/required.tsv).
 */
static void field_defects(struct norm_ctx *c, const struct app_row *a, const struct field_def *f,
			  const char *raw, const char *beside, const struct converted *v, int asked)
{
	struct strbuf d = STRBUF_INIT;
	int is_direction = a->type == FORM_PLATFORM && !strcmp(f->key, "direction");

	if (v->status == VALUE_CONFLICT && v->places == 2 && beside) {
		/* Two places answer the field differently: both texts, no choice made. */
		struct strbuf both = STRBUF_INIT, own = STRBUF_INIT, other = STRBUF_INIT;

		strbuf_addf(&both, "%s | %s", raw ? raw : "", beside);
		/* The blank's underscores around a typed answer are no part of what was written. */
		value_clean(raw ? raw : "", &own);
		value_clean(beside, &other);
		field_name_zh(f, &d);
		strbuf_addf(&d, "（%s）两处填写不一致：空格处为“%s”，旁边为“%s”", f->section,
			    own.buf, other.buf);
		strbuf_release(&own);
		strbuf_release(&other);
		app_defect(c, a->id, a->file_id, "VALUE_CONFLICT", f->key, both.buf, d.buf);
		strbuf_release(&both);
	} else if (is_direction && v->status == VALUE_CONFLICT) {
		strbuf_addf(&d, "申报书封面“申报类别”勾选了多个类别：%s", raw ? raw : "");
		app_defect(c, a->id, a->file_id, "DIRECTION_MULTIPLE", f->key, raw, d.buf);
	} else if (is_direction && v->status != VALUE_OK) {
		app_defect(c, a->id, a->file_id, "DIRECTION_NONE", f->key, raw,
			   "申报书封面“申报类别”未勾选任何类别");
	} else if (v->status == VALUE_EMPTY && f->required) {
		strbuf_addf(&d, "“%s”（%s）未填写", f->label, f->section);
		app_defect(c, a->id, a->file_id, "FIELD_MISSING", f->key, raw, d.buf);
	} else if (v->status == VALUE_EMPTY && asked) {
		field_name_zh(f, &d);
		strbuf_addf(&d, "（%s，该部分为必填）未填写", f->section);
		app_defect(c, a->id, a->file_id, "FIELD_MISSING", f->key, raw, d.buf);
	} else if (v->status == VALUE_UNREADABLE || v->status == VALUE_CONFLICT) {
		field_name_zh(f, &d);
		strbuf_addf(&d, "（%s）填写为“%s”，无法识别，应填写%s", f->section, raw ? raw : "",
			    type_zh(f->type));
		app_defect(c, a->id, a->file_id, "VALUE_UNREADABLE", f->key, raw, d.buf);
	} else if (v->status == VALUE_OK && f->type == FT_TEXT && f->max_chars &&
		   v->num > f->max_chars) {
		strbuf_addf(&d, "“%s”限%d字，实际%.0f字", f->label, f->max_chars, v->num);
		app_defect(c, a->id, a->file_id, "TEXT_TOO_LONG", f->key, NULL, d.buf);
	}
	strbuf_release(&d);
}

/* Value of a key among the converted fields, or NULL unless OK. */
static const char *value_of(const struct catalog *cat, struct converted *v, const char *key)
{
	for (size_t i = 0; i < cat->n; i++)
		if (!strcmp(cat->fields[i].key, key))
			return v[i].status == VALUE_OK ? v[i].value.buf : NULL;
	return NULL;
}

/* value_of for required_asks, which knows neither catalogue nor conversions. */
struct field_lookup {
	const struct catalog *cat;
	struct converted *v;
};

static const char *lookup_value(void *ctx, const char *key)
{
	struct field_lookup *fl = ctx;

	return value_of(fl->cat, fl->v, key);
}

static const char *raw_of(const struct catalog *cat, char **raw, const char *key)
{
	for (size_t i = 0; i < cat->n; i++)
		if (!strcmp(cat->fields[i].key, key))
			return raw[i];
	return NULL;
}

/*
 * Credit code and organization code, checked together.  Where the code
 * says the applicant is not in Jiangsu or no enterprise legal person, or
 * the name is a branch, is a criterion of the notice: rules/<year>/
 * criteria.txt (basic.jiangsu, basic.legal_person, basic.branch) and its
 * defect lines, applied by evaluate.
 *
 * written gets the code as the form writes it, for the tables: the valid
 * code, or the normalized code whose check character is wrong, or the
 * written text itself when it is not even a code.  Staff must see what the
 * enterprise wrote beside the defect, not an empty cell.
 */
static void code_defects(struct norm_ctx *c, const struct app_row *a, const struct catalog *cat,
			 char **raw, struct converted *v, const char *enterprise,
			 struct strbuf *written)
{
	const char *rc = raw_of(cat, raw, "credit_code");
	const char *org = value_of(cat, v, "org_code");
	struct code_result r;
	struct strbuf d = STRBUF_INIT;
	enum code_status st;

	strbuf_reset(written);
	st = CODE_EMPTY;
	if (rc && *rc) {
		/* Well formed (check character right or wrong), corrections applied. */
		const char *code = value_of(cat, v, "credit_code");

		st = credit_code_parse(rc, strlen(rc), &r);
		if (code) {
			strbuf_addstr(written, code);
		} else {
			strbuf_addstr(written, rc);
			strbuf_trim(written);
		}
		if (st != CODE_OK && st != CODE_EMPTY) {
			struct strbuf why = STRBUF_INIT;

			code_result_describe_zh(&r, &why);
			strbuf_addf(&d, "统一社会信用代码“%s”有误：%s", rc, why.buf);
			app_defect(c, a->id, a->file_id, "CREDIT_CODE_INVALID", "credit_code", rc,
				   d.buf);
			strbuf_release(&why);
		}
	}
	/* A code with a wrong check character still has its body to compare with. */
	if (st == CODE_OK || st == CODE_BAD_CHECK) {
		const char *ro = raw_of(cat, raw, "org_code");
		struct code_result orr;

		strbuf_reset(&d);
		if (ro && *ro && org_code_parse(ro, strlen(ro), &orr) != CODE_EMPTY &&
		    (!org || !credit_code_org_matches(r.code, org))) {
			strbuf_addf(&d, "组织机构代码“%s”与统一社会信用代码第9-17位“%.9s”不一致",
				    ro, r.code + 8);
			app_defect(c, a->id, a->file_id, "ORG_CODE_MISMATCH", "org_code", ro,
				   d.buf);
		}
	}
	strbuf_release(&d);
}

static void app_number(const char *type_letter, const char *code, const char *unit,
		       const char *enterprise, struct strbuf *out)
{
	strbuf_reset(out);
	if (code) {
		strbuf_addf(out, "%s%s", type_letter, code);
	} else {
		struct strbuf key = STRBUF_INIT;
		struct value_result r;
		struct sha256 h;
		char hex[SHA256_HEX_LEN + 1];

		value_name_key(enterprise ? enterprise : "", &r, &key);
		sha256_init(&h);
		sha256_update(&h, unit ? unit : "", strlen(unit ? unit : ""));
		sha256_update(&h, "|", 1);
		sha256_update(&h, key.buf, key.len);
		sha256_final_hex(&h, hex);
		strbuf_addf(out, "%sX%.10s", type_letter, hex);
		strbuf_release(&key);
	}
}

static int update_app(struct norm_ctx *c, int64_t id, const char *app_no, const char *code,
		      const char *direction, const char *enterprise, const char *fields_digest)
{
	sqlite3_stmt *st = c->upd_app;
	int ret = 0;

	sqlite3_reset(st);
	db_bind_text(st, 1, app_no);
	db_bind_text(st, 2, code);
	db_bind_text(st, 3, direction);
	db_bind_text(st, 4, enterprise);
	db_bind_text(st, 5, c->rules->digest);
	db_bind_text(st, 6, fields_digest);
	sqlite3_bind_int64(st, 7, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = error("database: %s", sqlite3_errmsg(c->db));
	sqlite3_reset(st);
	return ret;
}

/*
 * An old binary Word form through LibreOffice (soffice.h): converted into
 * a temporary folder, read, and the .docx dropped.  The store keeps only
 * what the unit sent; a catalogue change converts the form again.
 */
static int read_converted(struct norm_ctx *c, const char *blob, const char *ext,
			  struct form_doc *doc, struct strbuf *err)
{
	struct soffice_result res;
	int r = word_binary_check(blob, err);

	if (r <= 0)
		return -1;
	if (!c->soffice_said) {
		c->soffice_said = 1;
		if (!c->soffice.path)
			info("normalize: .doc/.wps forms cannot be read: %s",
			     c->soffice_missing.buf);
		else
			info("normalize: .doc/.wps forms are converted with %s (timeout %u s)",
			     c->soffice.path, c->soffice.timeout);
	}
	if (!c->soffice.path) {
		strbuf_addstr(err, c->soffice_missing.buf);
		return -1;
	}
	r = soffice_to_docx(&c->soffice, blob, ext, &res, err);
	if (!r && form_doc_read_docx(res.docx.buf, doc, err)) {
		strbuf_addstr(err, " (in the .docx soffice made)");
		r = -1;
	}
	soffice_result_release(&res);
	return r;
}

/* Read the form into blocks, or say why it cannot be read. */
static int read_form(struct norm_ctx *c, const struct app_row *a, struct form_doc *doc)
{
	struct strbuf blob = STRBUF_INIT, err = STRBUF_INIT, d = STRBUF_INIT;
	char ext[16];
	int ret = -1, converted = 0;

	path_ext(a->form_path, ext);
	store_blob_path(&c->store, a->blob, &blob);
	if (!strcmp(ext, "docx") || !strcmp(ext, "docm")) {
		ret = form_doc_read_docx(blob.buf, doc, &err);
	} else if (!strcmp(ext, "doc") || !strcmp(ext, "wps")) {
		ret = read_converted(c, blob.buf, ext, doc, &err);
		converted = !ret;
	} else if (!strcmp(ext, "txt") || !strcmp(ext, "md")) {
		struct strbuf text = STRBUF_INIT;

		ret = textfile_read(blob.buf, 0, &text, NULL, &err);
		if (!ret)
			form_doc_from_text(text.buf, doc);
		strbuf_release(&text);
	} else {
		strbuf_addf(&err, "a .%s file is not a Word .docx form", ext);
	}
	if (ret) {
		strbuf_addf(&d, "申报书“%s”无法读取（%s），请提供Word（.docx）格式的电子版",
			    a->form_path,
			    !strcmp(ext, "docx") ? "文件损坏或格式不符" : "非.docx格式");
		app_defect(c, a->id, a->file_id, "FORM_UNREADABLE", NULL, a->form_path, d.buf);
		info("normalize: %s: %s: %s (FORM_UNREADABLE)", c->unit ? c->unit : "?",
		     a->form_path, err.buf);
	} else if (converted) {
		/* Read, but through another program's import: staff check what it gave. */
		strbuf_addf(&d, "申报书“%s”为.%s格式，已自动转换为.docx读取，请核对提取结果",
			    a->form_path, ext);
		app_defect(c, a->id, a->file_id, "FORM_CONVERTED", NULL, a->form_path, d.buf);
		info("normalize: %s: %s: converted with soffice (FORM_CONVERTED)",
		     c->unit ? c->unit : "?", a->form_path);
	}
	strbuf_release(&blob);
	strbuf_release(&err);
	strbuf_release(&d);
	return ret;
}

/* The credit code as the form gives it, when valid: the 申报编号 comes from it. */
static const char *form_code(const struct catalog *cat, char **raw, struct converted *v)
{
	const char *rc = raw_of(cat, raw, "credit_code");
	struct code_result r;

	if (rc && credit_code_parse(rc, strlen(rc), &r) == CODE_OK)
		return value_of(cat, v, "credit_code");
	return NULL;
}

static int log_correction(struct norm_ctx *c, const struct correction *k)
{
	sqlite3_stmt *st = db_prepare(c->db, "INSERT OR IGNORE INTO corrections_log(app_no, key, "
					     "value, reason, who, at, source, first_applied) "
					     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	struct strbuf src = STRBUF_INIT;
	char now[20];
	int ret = 0;

	if (!st)
		return -1;
	db_now(now);
	strbuf_addf(&src, "%s:%d", c->rules->corrections.path, k->line);
	db_bind_text(st, 1, k->app_no);
	db_bind_text(st, 2, k->key);
	db_bind_text(st, 3, k->value);
	db_bind_text(st, 4, k->reason);
	db_bind_text(st, 5, k->who);
	db_bind_text(st, 6, k->at);
	db_bind_text(st, 7, src.buf);
	db_bind_text(st, 8, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = error("database: %s", sqlite3_errmsg(c->db));
	sqlite3_finalize(st);
	strbuf_release(&src);
	return ret;
}

/* Staff corrections for this application replace the form's values; the originals are kept. */
static int apply_corrections(struct norm_ctx *c, const struct catalog *cat, const char *app_no,
			     int type, char **raw, struct converted *v, struct original *orig)
{
	struct corrections *k = &c->rules->corrections;

	for (size_t j = 0; j < k->n; j++) {
		struct correction *x = &k->v[j];

		if (x->refused || x->overridden || strcmp(x->app_no, app_no))
			continue;
		for (size_t i = 0; i < cat->n; i++) {
			if (strcmp(cat->fields[i].key, x->key))
				continue;
			/* 原填 is the form's own text, whatever corrections came before. */
			if (!orig[i].by) {
				orig[i].raw = raw[i] ? xstrdup(raw[i]) : NULL;
				orig[i].value =
				    v[i].status == VALUE_OK ? xstrdup(v[i].value.buf) : NULL;
			}
			orig[i].by = x;
			free(raw[i]);
			raw[i] = xstrdup(x->value);
			convert_field_placed(&cat->fields[i], raw[i], NULL,
					     extractor_suffix(c->rules->x[type], i),
					     extractor_open(c->rules->x[type], i), &v[i]);
			x->used = 1;
			if (log_correction(c, x))
				return -1;
		}
	}
	return 0;
}

static int normalize_app(struct norm_ctx *c, const struct app_row *a)
{
	struct norm_rules *r = c->rules;
	const struct catalog *cat = &r->forms[a->type];
	struct form_doc doc;
	char **raw = xcalloc(cat->n, sizeof(char *));
	char **beside = xcalloc(cat->n, sizeof(char *));
	struct converted *v = xcalloc(cat->n, sizeof(*v));
	struct original *orig = xcalloc(cat->n, sizeof(*orig));
	struct strbuf no = STRBUF_INIT;
	const char *enterprise, *direction = NULL;
	struct strbuf code = STRBUF_INIT;
	const char *letter = a->type == FORM_PLATFORM ? "P" : "F";
	char fields_digest[SHA256_HEX_LEN + 1];
	int ret = 0;

	for (size_t i = 0; i < cat->n; i++)
		converted_init(&v[i]);
	sha256_init(&c->fields_hash);
	if (read_form(c, a, &doc)) {
		/* No field rows: the digest of none. */
		sha256_final_hex(&c->fields_hash, fields_digest);
		app_number(letter, NULL, c->unit, a->cover_enterprise, &no);
		ret = update_app(c, a->id, no.buf, NULL, NULL, NULL, fields_digest);
		goto out;
	}
	extract_fields_beside(r->x[a->type], &doc, raw, beside);
	form_doc_release(&doc);
	for (size_t i = 0; i < cat->n; i++) {
		int k = convert_field_placed(&cat->fields[i], raw[i], beside[i],
					     extractor_suffix(r->x[a->type], i),
					     extractor_open(r->x[a->type], i), &v[i]);

		if (k == 1) {
			/* The blanks were empty: the answer beside them is the raw text. */
			free(raw[i]);
			raw[i] = beside[i];
			beside[i] = NULL;
		} else if (k != 2) {
			free(beside[i]);
			beside[i] = NULL;
		}
	}
	/* The number comes from the form as sent, so that corrections do not move it. */
	enterprise = value_of(cat, v, "enterprise");
	if (!enterprise)
		enterprise = value_of(cat, v, "applicant");
	if (!enterprise)
		enterprise = a->cover_enterprise;
	app_number(letter, form_code(cat, raw, v), c->unit, enterprise, &no);
	if (apply_corrections(c, cat, no.buf, a->type, raw, v, orig))
		ret = -1;
	/* Stored in key order (see keys_in_order); the defects stay in the form's order. */
	for (size_t k = 0; k < cat->n && !ret; k++) {
		size_t i = r->by_key[a->type][k];

		ret = store_field(c, a->id, cat->fields[i].key, raw[i], &v[i],
				  raw[i] != NULL || orig[i].by, &orig[i]);
	}
	if (ret)
		sha256_abort(&c->fields_hash);
	else
		sha256_final_hex(&c->fields_hash, fields_digest);
	if (a->type == FORM_PLATFORM)
		direction = value_of(cat, v, "direction");
	for (size_t i = 0; i < cat->n && !ret; i++) {
		struct field_lookup fl = {cat, v};
		int asked =
		    required_asks(&r->required, a->type == FORM_PLATFORM ? "platform" : "factory",
				  &cat->fields[i], direction, lookup_value, &fl);

		field_defects(c, a, &cat->fields[i], raw[i], beside[i], &v[i], asked);
	}
	enterprise = value_of(cat, v, "enterprise");
	if (!enterprise)
		enterprise = value_of(cat, v, "applicant");
	if (!enterprise)
		enterprise = a->cover_enterprise;
	code_defects(c, a, cat, raw, v, enterprise, &code);
	if (!ret)
		ret = update_app(c, a->id, no.buf, code.len ? code.buf : NULL, direction,
				 enterprise, fields_digest);
	c->stats->applications++;
out:
	for (size_t i = 0; i < cat->n; i++) {
		free(raw[i]);
		free(beside[i]);
		free(orig[i].raw);
		free(orig[i].value);
		converted_release(&v[i]);
	}
	free(raw);
	free(beside);
	free(v);
	free(orig);
	strbuf_release(&no);
	strbuf_release(&code);
	return ret;
}

/* ---- the unit's 附件5 tables ---- */

static int64_t match_named(struct norm_ctx *c, const char *type, const char *name, int unreadable);

/*
 * The application of this bundle whose enterprise is name, of this type or,
 * failing that, one whose form could not be read: its type was only a
 * guess from the file name, and the table it is listed in settles it.
 */
static int64_t match_application(struct norm_ctx *c, const char *type, const char *name)
{
	int64_t id = match_named(c, type, name, 0);

	if (!id) {
		id = match_named(c, type, name, 1);
		if (id > 0) {
			sqlite3_stmt *st =
			    db_prepare(c->db, "UPDATE applications SET type = ?, "
					      "app_no = ? || substr(app_no, 2) WHERE id = ?");

			if (!st)
				return -1;
			db_bind_text(st, 1, type);
			db_bind_text(st, 2, !strcmp(type, "platform") ? "P" : "F");
			sqlite3_bind_int64(st, 3, id);
			if (sqlite3_step(st) != SQLITE_DONE)
				id = error("database: %s", sqlite3_errmsg(c->db));
			sqlite3_finalize(st);
		}
	}
	return id;
}

static int64_t match_named(struct norm_ctx *c, const char *type, const char *name, int unreadable)
{
	sqlite3_stmt *st = db_prepare(
	    c->db, unreadable ? "SELECT a.id, a.enterprise FROM applications a WHERE "
				"a.bundle_id = ?1 AND a.type <> ?2 AND EXISTS (SELECT 1 FROM "
				"defects d WHERE d.application_id = a.id AND d.code = "
				"'FORM_UNREADABLE')"
			      : "SELECT id, enterprise FROM applications "
				"WHERE bundle_id = ?1 AND type = ?2");
	struct strbuf want = STRBUF_INIT, have = STRBUF_INIT;
	struct value_result r;
	int64_t id = 0;

	if (!st)
		return -1;
	value_name_key(name, &r, &want);
	sqlite3_bind_int64(st, 1, c->bundle_id);
	db_bind_text(st, 2, type);
	while (!id && sqlite3_step(st) == SQLITE_ROW) {
		const char *e = (const char *)sqlite3_column_text(st, 1);

		strbuf_reset(&have);
		value_name_key(e ? e : "", &r, &have);
		if (want.len && !strcmp(want.buf, have.buf))
			id = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	strbuf_release(&want);
	strbuf_release(&have);
	return id;
}

/* A listed enterprise with no form: an application without one, so the lists show it. */
static int64_t listed_only(struct norm_ctx *c, const char *type, const char *name)
{
	sqlite3_stmt *st =
	    db_prepare(c->db, "INSERT INTO applications(bundle_id, type, enterprise, "
			      "app_no, normalized) VALUES (?, ?, ?, ?, ?)");
	struct strbuf no = STRBUF_INIT;
	int64_t id = -1;

	if (!st)
		return -1;
	app_number(!strcmp(type, "platform") ? "P" : "F", NULL, c->unit, name, &no);
	sqlite3_bind_int64(st, 1, c->bundle_id);
	db_bind_text(st, 2, type);
	db_bind_text(st, 3, name);
	db_bind_text(st, 4, no.buf);
	db_bind_text(st, 5, c->rules->digest);
	if (sqlite3_step(st) == SQLITE_DONE)
		id = sqlite3_last_insert_rowid(c->db);
	else
		error("database: %s", sqlite3_errmsg(c->db));
	sqlite3_finalize(st);
	strbuf_release(&no);
	return id;
}

static int store_summary(struct norm_ctx *c, int64_t file_id, const struct summary_table *t)
{
	const char *type = summary_type_name(t->type);
	sqlite3_stmt *st =
	    db_prepare(c->db, "INSERT INTO summary_rows(bundle_id, file_id, table_type, row, seq, "
			      "enterprise, direction, project, contact, mobile, location, cluster, "
			      "application_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	int ret = 0;

	if (!st)
		return -1;
	for (size_t i = 0; i < t->n && !ret; i++) {
		const struct summary_row *row = &t->rows[i];
		const char *cluster = row->cell[SC_CLUSTER];
		struct value_result r;
		int idx;
		int64_t app = match_application(c, type, row->cell[SC_ENTERPRISE]);

		if (!app)
			app = listed_only(c, type, row->cell[SC_ENTERPRISE]);
		if (app < 0) {
			ret = -1;
			break;
		}
		/* The cluster as one of the 13 names, or 否; else as written. */
		if (cluster && value_cluster(c->rules->clusters, cluster, &r, &idx) == VALUE_OK)
			cluster = idx == CLUSTER_NONE
				      ? "否"
				      : cluster_list_name(c->rules->clusters, (size_t)idx);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, c->bundle_id);
		sqlite3_bind_int64(st, 2, file_id);
		db_bind_text(st, 3, type);
		sqlite3_bind_int(st, 4, (int)row->row);
		db_bind_text(st, 5, row->cell[SC_SEQ]);
		db_bind_text(st, 6, row->cell[SC_ENTERPRISE]);
		db_bind_text(st, 7, row->cell[SC_DIRECTION]);
		db_bind_text(st, 8, row->cell[SC_PROJECT]);
		db_bind_text(st, 9, row->cell[SC_CONTACT]);
		db_bind_text(st, 10, row->cell[SC_MOBILE]);
		db_bind_text(st, 11, row->cell[SC_LOCATION]);
		db_bind_text(st, 12, cluster);
		sqlite3_bind_int64(st, 13, app);
		if (sqlite3_step(st) != SQLITE_DONE)
			ret = error("database: %s", sqlite3_errmsg(c->db));
		else
			c->stats->summary_rows++;
	}
	sqlite3_finalize(st);
	return ret;
}

/* A table of a 附件5 file that nothing types (summary.h): a defect; its rows are not filed. */
static void summary_untyped(struct norm_ctx *c, int64_t file_id, const char *path,
			    const struct summary_table *t)
{
	struct defect_place at = {"normalize", c->bundle_id, file_id, 0};
	struct strbuf d = STRBUF_INIT;

	strbuf_addf(&d, "汇总表“%s”", path);
	if (t->sheet)
		strbuf_addf(&d, "工作表“%s”第%u行", t->sheet, t->header_row);
	else
		strbuf_addf(&d, "第%d个表格第%u行", t->docx_table, t->header_row);
	strbuf_addf(&d, "起的表格无法判断是平台汇总表还是标杆工厂汇总表（%s），其中%zu家企业未读取",
		    t->why, t->n);
	if (!defect_add(c->db, &at, "SUMMARY_TABLE_UNTYPED", NULL, t->header_text, d.buf))
		c->stats->defects++;
	strbuf_release(&d);
}

/*
 * Every 附件5 file of the bundle, whatever ingest typed it as: a file may
 * hold both tables, and each table is typed by itself (summary.h).
 */
static int normalize_summaries(struct norm_ctx *c)
{
	sqlite3_stmt *st = db_prepare(c->db, "SELECT id, path, sha256 FROM files WHERE "
					     "bundle_id = ? AND kind IN ('summary', "
					     "'summary_platform', 'summary_factory') ORDER BY id");
	int ret = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, c->bundle_id);
	while (!ret && sqlite3_step(st) == SQLITE_ROW) {
		int64_t file_id = sqlite3_column_int64(st, 0);
		const char *path = (const char *)sqlite3_column_text(st, 1);
		struct strbuf blob = STRBUF_INIT, err = STRBUF_INIT, d = STRBUF_INIT;
		struct summary_file f;
		char ext[16];

		path_ext(path, ext);
		store_blob_path(&c->store, (const char *)sqlite3_column_text(st, 2), &blob);
		if (summary_read(blob.buf, ext, c->rules->summary_vocab, &f, &err)) {
			struct defect_place at = {"normalize", c->bundle_id, file_id, 0};

			strbuf_addf(&d, "汇总表“%s”无法读取（%s），请提供.xlsx格式的附件5", path,
				    err.buf);
			if (!defect_add(c->db, &at, "FORM_UNREADABLE", NULL, path, d.buf))
				c->stats->defects++;
		} else {
			for (size_t i = 0; i < f.n && !ret; i++) {
				const struct summary_table *t = &f.tables[i];

				if (t->type == SUMMARY_UNTYPED) {
					summary_untyped(c, file_id, path, t);
					debug("normalize: %s: %s: the table at row %u of %s is "
					      "neither typed platform nor factory "
					      "(SUMMARY_TABLE_UNTYPED)",
					      c->unit ? c->unit : "-", path, t->header_row,
					      t->sheet ? t->sheet : "the document");
				} else {
					ret = store_summary(c, file_id, t);
				}
			}
			summary_file_release(&f);
		}
		strbuf_release(&blob);
		strbuf_release(&err);
		strbuf_release(&d);
	}
	sqlite3_finalize(st);
	return ret;
}

/* ---- bundles ---- */

static int clear_bundle(struct norm_ctx *c)
{
	static const char *const sql[] = {
	    "DELETE FROM fields WHERE application_id IN "
	    "(SELECT id FROM applications WHERE bundle_id = ?1)",
	    /* Until the rows are written again, nothing may stand for them. */
	    "UPDATE applications SET fields_digest = NULL WHERE bundle_id = ?1",
	    "DELETE FROM defects WHERE bundle_id = ?1 AND stage = 'normalize'",
	    "DELETE FROM summary_rows WHERE bundle_id = ?1",
	};

	for (size_t i = 0; i < ARRAY_SIZE(sql); i++) {
		sqlite3_stmt *st = db_prepare(c->db, sql[i]);
		int ok;

		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, c->bundle_id);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_finalize(st);
		if (!ok)
			return error("database: %s", sqlite3_errmsg(c->db));
	}
	return 0;
}

static int normalize_bundle(struct norm_ctx *c)
{
	sqlite3_stmt *st;
	int ret = 0;

	if (db_begin(c->db))
		return -1;
	if (clear_bundle(c))
		goto fail;
	st = db_prepare(c->db, "SELECT a.id, f.id, a.type, a.enterprise, f.path, f.sha256 "
			       "FROM applications a JOIN files f ON f.id = a.form_file_id "
			       "WHERE a.bundle_id = ? ORDER BY a.id");
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, c->bundle_id);
	while (!ret && sqlite3_step(st) == SQLITE_ROW) {
		struct app_row a;

		a.id = sqlite3_column_int64(st, 0);
		a.file_id = sqlite3_column_int64(st, 1);
		a.type = !strcmp((const char *)sqlite3_column_text(st, 2), "platform")
			     ? FORM_PLATFORM
			     : FORM_FACTORY;
		a.cover_enterprise = (char *)sqlite3_column_text(st, 3);
		a.form_path = (char *)sqlite3_column_text(st, 4);
		a.blob = (char *)sqlite3_column_text(st, 5);
		ret = normalize_app(c, &a);
	}
	sqlite3_finalize(st);
	if (ret || normalize_summaries(c))
		goto fail;
	st = db_prepare(c->db, "UPDATE bundles SET normalized = ? WHERE id = ?");
	if (!st)
		goto fail;
	db_bind_text(st, 1, c->rules->digest);
	sqlite3_bind_int64(st, 2, c->bundle_id);
	ret = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	crash_point("normalize-commit");
	if (ret || db_commit(c->db))
		goto fail;
	c->stats->bundles++;
	return 0;
fail:
	db_rollback(c->db);
	return -1;
}

/*
 * Every problem of the corrections file, at every run, whatever bundles
 * were read: the refused lines, the fields corrected twice, and the
 * corrections whose 申报编号 is no current application.  Each is said when
 * it first appears and when it goes away (problems.h), not at every run.
 */
static int report_corrections(struct norm_ctx *c)
{
	struct corrections *k = &c->rules->corrections;
	sqlite3_stmt *st = db_prepare(c->db, "SELECT count(*) FROM applications a JOIN bundles b "
					     "ON b.id = a.bundle_id WHERE b.state = 'current' "
					     "AND a.app_no = ?");
	struct strbuf key = STRBUF_INIT;
	struct problems p;

	if (!st)
		return -1;
	problems_begin(&p, c->db, PROBLEM_CORRECTION);
	for (size_t j = 0; j < k->nr_problems; j++)
		problems_note(&p, k->problems[j].key, "%s", k->problems[j].message);
	for (size_t j = 0; j < k->n; j++) {
		const struct correction *x = &k->v[j];

		if (x->refused || x->overridden)
			continue;
		sqlite3_reset(st);
		db_bind_text(st, 1, x->app_no);
		if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0))
			continue;
		strbuf_reset(&key);
		strbuf_addf(&key, "unknown:%s,%s,%s", x->app_no, x->key, x->value);
		problems_note(&p, key.buf,
			      "%s:%d: correction refused: no application %s in the current "
			      "bundles; check the 申报编号 in 申报明细",
			      k->path, x->line, x->app_no);
	}
	sqlite3_finalize(st);
	strbuf_release(&key);
	return problems_end(&p);
}

int normalize_run(sqlite3 *db, const struct normalize_options *opt, struct normalize_stats *stats)
{
	struct norm_rules rules;
	struct norm_ctx c;
	struct strbuf err = STRBUF_INIT;
	sqlite3_stmt *st;
	int64_t run_id, *ids = NULL;
	char **units = NULL;
	size_t n = 0, alloc = 0;
	int ret = 0;

	memset(stats, 0, sizeof(*stats));
	memset(&c, 0, sizeof(c));
	strbuf_init(&c.soffice_missing, 0);
	soffice_find(&c.soffice, &opt->soffice, &c.soffice_missing);
	if (load_rules(&rules, opt->rules, opt->corrections, c.soffice.path != NULL)) {
		soffice_release(&c.soffice);
		strbuf_release(&c.soffice_missing);
		return NORMALIZE_CONFIG_ERROR;
	}
	c.db = db;
	c.rules = &rules;
	c.stats = stats;
	if (store_open(&c.store, opt->store_dir, &err)) {
		error("normalize: %s", err.buf);
		strbuf_release(&err);
		soffice_release(&c.soffice);
		strbuf_release(&c.soffice_missing);
		release_rules(&rules);
		return -1;
	}
	run_id = db_run_begin(db, "normalize");
	st = db_prepare(db, "SELECT id, unit FROM bundles WHERE state = 'current' AND "
			    "(normalized IS NULL OR normalized <> ?) ORDER BY id");
	if (!st) {
		ret = -1;
		goto out;
	}
	db_bind_text(st, 1, rules.digest);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *u = (const char *)sqlite3_column_text(st, 1);

		ALLOC_GROW(ids, n + 1, alloc);
		units = xrealloc(units, alloc * sizeof(*units));
		ids[n] = sqlite3_column_int64(st, 0);
		units[n++] = u ? xstrdup(u) : NULL;
	}
	sqlite3_finalize(st);
	c.ins_field = db_prepare(db, "INSERT INTO fields(application_id, key, raw, value, num, "
				     "status, flags, original_raw, original_value, correction) "
				     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	c.upd_app = db_prepare(db, "UPDATE applications SET app_no = ?, credit_code = ?, "
				   "direction = ?, enterprise = coalesce(?, enterprise), "
				   "normalized = ?, fields_digest = ? WHERE id = ?");
	if (!c.ins_field || !c.upd_app) {
		ret = -1;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		c.bundle_id = ids[i];
		c.unit = units[i];
		if (normalize_bundle(&c)) {
			error("normalize: bundle %lld (%s) not normalized; the others go on",
			      (long long)ids[i], units[i] ? units[i] : "unit unknown");
			ret = -1;
		}
	}
	if (report_corrections(&c))
		ret = -1;
	if (!n)
		info("normalize: nothing to do");
	else
		info("normalize: %lld bundles, %lld applications, %lld fields, %lld defects",
		     (long long)stats->bundles, (long long)stats->applications,
		     (long long)stats->fields, (long long)stats->defects);
out:
	sqlite3_finalize(c.ins_field);
	sqlite3_finalize(c.upd_app);
	db_run_end(db, run_id, ret ? 1 : 0, (int64_t)n, stats->bundles, stats->applications,
		   stats->defects);
	for (size_t i = 0; i < n; i++)
		free(units[i]);
	free(units);
	free(ids);
	store_close(&c.store);
	soffice_release(&c.soffice);
	strbuf_release(&c.soffice_missing);
	release_rules(&rules);
	strbuf_release(&err);
	return ret;
}
