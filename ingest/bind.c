/*
 * bind.c - tie the files of a bundle together: which application each
 * attachment belongs to, and which recommending unit sent the bundle.
 *
 * An attachment belongs to the application whose form shares its nearest
 * folder (or nested archive) with it, provided that folder holds exactly
 * one form; failing that, to the application whose enterprise name appears
 * in the attachment's path (the longest such name, so that 江苏甲科技有限公司
 * is not taken for 江苏甲科技).  The unit comes from the summary table's
 * 推荐单位; failing that, from the bundle's name or its top folder.
 */
#include "ingest/internal.h"

#include "common/db.h"
#include "common/log.h"
#include "common/units.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

static int is_form(const struct bundle_file *f)
{
	return f->kind == FILE_FORM_PLATFORM || f->kind == FILE_FORM_FACTORY;
}

static int is_summary(const struct bundle_file *f)
{
	return f->kind == FILE_SUMMARY_PLATFORM || f->kind == FILE_SUMMARY_FACTORY ||
	       f->kind == FILE_SUMMARY;
}

/* 1 when path lies under folder dir (dir given without the trailing '/'). */
static int under(const char *path, const char *dir, size_t dlen)
{
	return !strncmp(path, dir, dlen) && path[dlen] == '/';
}

/*
 * The forms of a bundle, gathered once: attachments are matched against
 * them only, so that a bundle of 100,000 entries and a few forms costs
 * entries x forms, not entries squared.
 */
struct form_list {
	const struct bundle_file **v;
	size_t n;
};

static int64_t app_by_folder(const struct form_list *fl, const char *path)
{
	size_t dlen = strlen(path);

	/* From the deepest folder up; the bundle root ("") is not a folder of one form. */
	while (dlen > 0) {
		const struct bundle_file *match = NULL;
		int count = 0;

		/* Step over the '/' found last time first: else a folder without a
		 * form would be looked at again and again (a hang). */
		while (dlen > 0 && path[--dlen] != '/')
			;
		if (!dlen)
			break;
		for (size_t i = 0; i < fl->n; i++) {
			if (under(fl->v[i]->path, path, dlen)) {
				match = fl->v[i];
				count++;
			}
		}
		if (count == 1)
			return match->application_id;
		if (count > 1)
			return 0; /* a folder of several forms: fall back to names */
	}
	return 0;
}

/* Remove spaces and unify brackets so that names match across files. */
static void name_key(const char *s, struct strbuf *out)
{
	strbuf_reset(out);
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t')
			continue;
		if (!strncmp(s, "（", 3)) {
			strbuf_addch(out, '(');
			s += 2;
		} else if (!strncmp(s, "）", 3)) {
			strbuf_addch(out, ')');
			s += 2;
		} else if (!strncmp(s, "\u3000", 3)) {
			s += 2;
		} else {
			strbuf_addch(out, *s);
		}
	}
}

static int64_t app_by_name(const struct form_list *fl, const char *path)
{
	struct strbuf key = STRBUF_INIT, ent = STRBUF_INIT;
	size_t best_len = 0;
	int64_t best = 0;

	name_key(path, &key);
	for (size_t i = 0; i < fl->n; i++) {
		const struct bundle_file *f = fl->v[i];

		if (!f->enterprise)
			continue;
		name_key(f->enterprise, &ent);
		/* Short names (a 2-character 字号) would match by accident. */
		if (ent.len >= 12 && ent.len > best_len && strstr(key.buf, ent.buf)) {
			best = f->application_id;
			best_len = ent.len;
		}
	}
	strbuf_release(&key);
	strbuf_release(&ent);
	return best;
}

static int insert_application(struct bundle_ctx *b, struct bundle_file *f)
{
	sqlite3_stmt *st = db_prepare(b->db, "INSERT INTO applications(bundle_id, form_file_id, "
					     "type, enterprise) VALUES (?, ?, ?, ?)");
	int ret = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, b->bundle_id);
	sqlite3_bind_int64(st, 2, f->id);
	db_bind_text(st, 3, f->kind == FILE_FORM_PLATFORM ? "platform" : "factory");
	db_bind_text(st, 4, f->enterprise);
	if (sqlite3_step(st) == SQLITE_DONE)
		f->application_id = sqlite3_last_insert_rowid(b->db);
	else
		ret = error("database: cannot record the application in %s: %s", f->path,
			    sqlite3_errmsg(b->db));
	sqlite3_finalize(st);
	return ret;
}

static int update_file(struct bundle_ctx *b, const struct bundle_file *f)
{
	sqlite3_stmt *st = db_prepare(b->db, "UPDATE files SET kind = ?, attachment_kind = ?, "
					     "enterprise = ?, application_id = ? WHERE id = ?");
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, file_kind_name(f->kind));
	db_bind_text(st, 2, f->attachment_kind);
	db_bind_text(st, 3, f->enterprise);
	if (f->application_id)
		sqlite3_bind_int64(st, 4, f->application_id);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_int64(st, 5, f->id);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = error("database: cannot update %s: %s", f->path, sqlite3_errmsg(b->db));
	sqlite3_finalize(st);
	return ret;
}

/* The unit named by the bundle's name, or by its single top folder. */
static const struct unit *unit_from_names(const struct bundle_ctx *b, const char *inbox_name,
					  int *conflict)
{
	const struct unit *u = unit_in_text(inbox_name, conflict);
	struct strbuf top = STRBUF_INIT;

	if (u || *conflict)
		return u;
	for (size_t i = 0; i < b->nr_files; i++) {
		const char *p = b->files[i].path;
		size_t n = strcspn(p, "/");

		if (!p[n])
			continue; /* a file at the top */
		if (!top.len) {
			strbuf_add(&top, p, n);
		} else if (top.len != n || strncmp(top.buf, p, n)) {
			strbuf_release(&top);
			return NULL; /* several top folders: enterprises, not the unit */
		}
	}
	if (top.len)
		u = unit_in_text(top.buf, conflict);
	strbuf_release(&top);
	return u;
}

int bind_bundle(struct bundle_ctx *b, const char *inbox_name, const char **unit,
		const char **unit_source)
{
	const struct unit *from_summary = NULL, *from_name;
	int conflict = 0, name_conflict = 0, forms = 0, summaries = 0;
	const char *summary_text = NULL;
	struct form_list fl = {NULL, 0};
	size_t fl_alloc = 0;

	for (size_t i = 0; i < b->nr_files; i++) {
		struct bundle_file *f = &b->files[i];

		if (is_form(f)) {
			forms++;
			if (insert_application(b, f)) {
				free(fl.v);
				return -1;
			}
			ALLOC_GROW(fl.v, fl.n + 1, fl_alloc);
			fl.v[fl.n++] = f;
		} else if (is_summary(f)) {
			summaries++;
			if (f->unit_text) {
				int c = 0;
				const struct unit *u = unit_in_text(f->unit_text, &c);

				if (u && from_summary && u != from_summary)
					c = 1;
				if (c)
					conflict = 1;
				if (u && !from_summary) {
					from_summary = u;
					summary_text = f->unit_text;
				}
			}
		}
	}
	for (size_t i = 0; i < b->nr_files; i++) {
		struct bundle_file *f = &b->files[i];

		if (f->kind == FILE_ATTACHMENT || f->kind == FILE_OTHER) {
			f->application_id = app_by_folder(&fl, f->path);
			if (!f->application_id)
				f->application_id = app_by_name(&fl, f->path);
			if (!f->application_id && f->kind == FILE_ATTACHMENT &&
			    strcmp(f->attachment_kind, "其他附件")) {
				struct strbuf d = STRBUF_INIT;

				strbuf_addf(&d, "附件“%s”（%s）无法对应到申报企业", f->path,
					    f->attachment_kind);
				bundle_defect(b, f->id, "ATTACHMENT_UNMATCHED", NULL, f->path,
					      d.buf);
				strbuf_release(&d);
			}
		}
		if (update_file(b, f)) {
			free(fl.v);
			return -1;
		}
	}
	free(fl.v);

	from_name = unit_from_names(b, inbox_name, &name_conflict);
	*unit = NULL;
	*unit_source = NULL;
	if (from_summary) {
		*unit = from_summary->name;
		*unit_source = "summary";
		if (from_name && from_name != from_summary)
			conflict = 1;
	} else if (from_name && !name_conflict) {
		*unit = from_name->name;
		*unit_source = "name";
	}
	if (conflict || name_conflict) {
		struct strbuf d = STRBUF_INIT;

		strbuf_addf(&d, "汇总表推荐单位为“%s”，报送文件名称为“%s”",
			    summary_text ? summary_text : "（未填写）", inbox_name);
		if (*unit)
			strbuf_addf(&d, "，暂按“%s”处理", *unit);
		bundle_defect(b, 0, "UNIT_CONFLICT", "unit",
			      summary_text ? summary_text : inbox_name, d.buf);
		strbuf_release(&d);
	} else if (!*unit) {
		bundle_defect(b, 0, "UNIT_UNKNOWN", "unit", inbox_name,
			      "汇总表未填写推荐单位，报送文件名称中也未注明");
	}
	if (!forms && !b->stopped)
		bundle_defect(b, 0, "NO_FORMS", NULL, NULL, "报送材料中未找到任何申报书");
	if (!summaries && forms)
		bundle_defect(b, 0, "SUMMARY_MISSING", NULL, NULL,
			      "报送材料中未找到申报情况汇总表（附件5）");
	return 0;
}
