/*
 * collect.c - check the returned worksheets and store their marks.
 *
 * Every file goes into the store first, by its content; a zip entry is
 * streamed there and read back from its blob, so an entry's name is only
 * ever shown, never used as a path.  Then, in one transaction per file,
 * either its review and marks are stored or, when anything is wrong with
 * it, only a review_files row saying why.
 */
#include "collect.h"

#include "common/db.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/stamp.h"
#include "common/store.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "common/xlsx.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A returned worksheet is a few dozen KiB; anything this big is no worksheet. */
#define MAX_ENTRY_BYTES (64u << 20)
/* Entries read from one zip at most. */
#define MAX_ZIP_ENTRIES 10000

static const char *const opinions[] = {"符合", "不符合", "待核实"};

/* Add one problem line; the first problem's code is the file's. */
static void problem(struct strbuf *out, const char **code, const char *c, const char *cell,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void problem(struct strbuf *out, const char **code, const char *c, const char *cell,
		    const char *fmt, ...)
{
	va_list ap;

	if (!*code)
		*code = c;
	if (cell && *cell)
		strbuf_addf(out, "%s: ", cell);
	va_start(ap, fmt);
	strbuf_vaddf(out, fmt, ap);
	va_end(ap);
	strbuf_addf(out, " (%s)\n", c);
}

/*
 * A 评分: a number as Excel stores it, or text holding nothing but a
 * decimal number (a reviewer may type into a cell formatted as text).
 */
static int parse_score(const char *s, double *v)
{
	char *end;

	if (!s || !*s)
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	if (errno || *end || end == s || !isfinite(*v))
		return -1;
	return 0;
}

struct rows_cmp {
	const struct review_sheet *ws;
	size_t i;
	int bad; /* first mismatch reported */
	struct strbuf *out;
	const char **code;
};

static int compare_row(const char *criterion, const char *direction, const char *clause, void *ctx)
{
	struct rows_cmp *c = ctx;
	struct strbuf cell = STRBUF_INIT;

	(void)criterion;
	(void)direction;
	if (c->i >= c->ws->n || strcmp(c->ws->marks[c->i].clause, clause)) {
		const struct review_mark *m = c->i < c->ws->n ? &c->ws->marks[c->i] : NULL;

		if (m)
			strbuf_addf(&cell, "A%u", m->row + 1);
		problem(c->out, c->code, REVIEW_ROWS_CHANGED, cell.buf,
			"criteria row %zu should be clause %s but is %s; the rows of the "
			"worksheet must stay as they were sent",
			c->i + 1, clause, m ? m->clause : "missing");
		c->bad = 1;
		strbuf_release(&cell);
		return 1;
	}
	c->i++;
	strbuf_release(&cell);
	return 0;
}

/* The current application of app_no: id, unit, enterprise.  1 found, 0 not, -1 error. */
static int find_app(sqlite3 *db, const char *app_no, int64_t *id, struct strbuf *unit,
		    struct strbuf *enterprise)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT a.id, b.unit, a.enterprise FROM applications a "
					  "JOIN bundles b ON b.id = a.bundle_id AND b.state = "
					  "'current' WHERE a.app_no = ? ORDER BY a.id LIMIT 1");
	int rc, ret;

	if (!st)
		return -1;
	db_bind_text(st, 1, app_no);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		strbuf_addstr(unit, (const char *)sqlite3_column_text(st, 1) ?: "");
		strbuf_addstr(enterprise, (const char *)sqlite3_column_text(st, 2) ?: "");
		ret = 1;
	} else if (rc == SQLITE_DONE) {
		ret = 0;
	} else {
		ret = error("database: %s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(st);
	return ret;
}

static void check_marks(const struct review_rules *r, const struct review_sheet *ws,
			struct strbuf *out, const char **code)
{
	struct strbuf cell = STRBUF_INIT;
	size_t scored = 0;

	for (size_t i = 0; i < ws->n; i++) {
		const struct review_mark *m = &ws->marks[i];
		double v;

		if (m->opinion) {
			size_t k;

			for (k = 0; k < ARRAY_SIZE(opinions); k++)
				if (!strcmp(m->opinion, opinions[k]))
					break;
			if (k == ARRAY_SIZE(opinions)) {
				strbuf_reset(&cell);
				xlsx_add_ref(&cell, m->row, (unsigned)ws->col_opinion);
				problem(out, code, REVIEW_OPINION, cell.buf,
					"核定意见 '%s' is not one of 符合, 不符合, 待核实",
					m->opinion);
			}
		}
		if (!m->score)
			continue;
		strbuf_reset(&cell);
		xlsx_add_ref(&cell, m->row, (unsigned)ws->col_score);
		if (parse_score(m->score, &v))
			problem(out, code, REVIEW_SCORE, cell.buf, "评分 '%s' is not a number",
				m->score);
		else if (v < 0 || v > r->score_max)
			problem(out, code, REVIEW_SCORE, cell.buf, "评分 %s is outside 0-%g",
				m->score, r->score_max);
		else
			scored++;
	}
	if (!scored && !*code)
		problem(out, code, REVIEW_NO_SCORES, NULL, "no 评分 given in any criteria row");
	strbuf_release(&cell);
}

int review_check(sqlite3 *db, const struct review_rules *r, const struct review_sheet *ws,
		 int64_t *app_id, const char **code, struct strbuf *out)
{
	struct strbuf unit = STRBUF_INIT, enterprise = STRBUF_INIT;
	char stamp[65];
	int found = 0, ret = -1;

	*code = NULL;
	*app_id = 0;
	if (!ws->app_no)
		problem(out, code, REVIEW_UNKNOWN_APP, ws->app_no_cell, "申报编号 is empty");
	else if ((found = find_app(db, ws->app_no, app_id, &unit, &enterprise)) < 0)
		goto out;
	else if (!found)
		problem(out, code, REVIEW_UNKNOWN_APP, ws->app_no_cell,
			"申报编号 %s is no application of a current bundle", ws->app_no);
	if (found) {
		if (app_stamp(db, *app_id, stamp))
			goto out;
		if (!ws->stamp || strcmp(ws->stamp, stamp)) {
			problem(out, code, STALE_WORKSHEET, ws->stamp_cell,
				"版本标识 %.12s… is not the application's current %.12s…: the "
				"application changed after this worksheet was made; the reviewer "
				"needs the new worksheet",
				ws->stamp ? ws->stamp : "(empty)", stamp);
		} else {
			struct rows_cmp rc = {ws, 0, 0, out, code};

			if (app_worksheet_rows(db, *app_id, compare_row, &rc))
				goto out;
			if (!rc.bad && rc.i != ws->n) {
				struct strbuf cell = STRBUF_INIT;

				strbuf_addf(&cell, "A%u", ws->marks[rc.i].row + 1);
				problem(out, code, REVIEW_ROWS_CHANGED, cell.buf,
					"%zu criteria rows where the application has %zu; the rows "
					"of the worksheet must stay as they were sent",
					ws->n, rc.i);
				strbuf_release(&cell);
			}
		}
	}
	if (!ws->reviewer)
		problem(out, code, REVIEW_NO_REVIEWER, ws->reviewer_cell,
			"评审专家 is empty: the reviewer's name is needed");
	check_marks(r, ws, out, code);
	for (size_t i = 0; found && ws->reviewer && i < r->conflicts.n; i++) {
		const char *u = r->conflicts.unit[i];

		if (strcmp(r->conflicts.name[i], ws->reviewer) ||
		    (strcmp(u, unit.buf) && strcmp(u, enterprise.buf)))
			continue;
		problem(out, code, REVIEW_CONFLICT, ws->reviewer_cell,
			"评审专家 %s belongs to %s (conflicts.txt) and may not review %s of %s",
			ws->reviewer, u, ws->app_no, unit.len ? unit.buf : "an unknown unit");
		break;
	}
	ret = 0;
out:
	strbuf_release(&unit);
	strbuf_release(&enterprise);
	return ret;
}

/* ---- collecting ---- */

struct candidate {
	char *path; /* shown: relative to DIR, zip entries as a.zip/entry */
	int64_t mtime;
	uint64_t size;
	char sha[SHA256_HEX_LEN + 1];
};

struct run {
	sqlite3 *db;
	const struct collect_options *opt;
	struct store store;
	struct review_rules rules;
	struct candidate *c;
	size_t n, alloc;
	struct collect_stats *stats;
};

static void add_candidate(struct run *r, const char *path, int64_t mtime, uint64_t size,
			  const char *sha)
{
	struct candidate *c;

	ALLOC_GROW(r->c, r->n + 1, r->alloc);
	c = &r->c[r->n++];
	c->path = xstrdup(path);
	c->mtime = mtime;
	c->size = size;
	memcpy(c->sha, sha, sizeof(c->sha));
}

static int is_xlsx(const char *name)
{
	char ext[16];

	/* Excel's lock files (~$name.xlsx) are no worksheets. */
	if (!strncmp(path_basename(name), "~$", 2))
		return 0;
	path_ext(name, ext);
	return !strcmp(ext, "xlsx");
}

/* Every .xlsx entry of the zip at full into the store, by content.  0, or -1 (ours). */
static int read_zip(struct run *r, const char *full, const char *rel, int64_t zip_mtime)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	struct strbuf name = STRBUF_INIT, err = STRBUF_INIT;
	char buf[1 << 16];
	int entries = 0, ret = 0, rc;

	archive_read_support_format_zip(a);
	if (archive_read_open_filename(a, full, sizeof(buf)) != ARCHIVE_OK) {
		warning("%s: cannot read the zip: %s; skipped", rel, archive_error_string(a));
		goto out;
	}
	while ((rc = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		const char *n = archive_entry_pathname_utf8(e);
		struct store_writer w;
		char hex[SHA256_HEX_LEN + 1];
		la_ssize_t got;

		if (++entries > MAX_ZIP_ENTRIES) {
			warning("%s: more than %d entries; the rest skipped", rel, MAX_ZIP_ENTRIES);
			break;
		}
		strbuf_reset(&name);
		strbuf_addf(&name, "%s/", rel);
		if (n)
			strbuf_addstr(&name, n);
		else
			strbuf_addf(&name, "(entry %d)", entries);
		if (archive_entry_filetype(e) != AE_IFREG || !n || !is_xlsx(n))
			continue;
		if (archive_entry_is_encrypted(e)) {
			warning("%s: encrypted; skipped", name.buf);
			continue;
		}
		if (store_writer_begin(&r->store, &w, &err)) {
			ret = error("%s", err.buf);
			goto out;
		}
		while ((got = archive_read_data(a, buf, sizeof(buf))) > 0) {
			if (w.size + (uint64_t)got > MAX_ENTRY_BYTES) {
				got = -2;
				break;
			}
			if (store_writer_write(&w, buf, (size_t)got, &err)) {
				store_writer_abort(&w);
				ret = error("%s", err.buf);
				goto out;
			}
		}
		if (got < 0) {
			store_writer_abort(&w);
			warning("%s: %s; skipped", name.buf,
				got == -2 ? "larger than 64 MiB" : archive_error_string(a));
			continue;
		}
		if (store_writer_commit(&w, hex, &err)) {
			ret = error("%s", err.buf);
			goto out;
		}
		add_candidate(r, name.buf,
			      archive_entry_mtime_is_set(e) ? (int64_t)archive_entry_mtime(e)
							    : zip_mtime,
			      (uint64_t)archive_entry_size(e), hex);
	}
	if (rc != ARCHIVE_EOF && rc != ARCHIVE_OK)
		warning("%s: damaged zip: %s; the rest skipped", rel, archive_error_string(a));
out:
	archive_read_free(a);
	strbuf_release(&name);
	strbuf_release(&err);
	return ret;
}

/* Walk dir/rel; symbolic links are not followed (a loop or a way out of DIR). */
static int walk(struct run *r, const char *rel)
{
	struct strbuf full = STRBUF_INIT, sub = STRBUF_INIT, err = STRBUF_INIT;
	struct dirent **list = NULL;
	int n, ret = 0;

	strbuf_addstr(&full, r->opt->dir);
	if (*rel)
		strbuf_addf(&full, "/%s", rel);
	n = scandir(full.buf, &list, NULL, alphasort);
	if (n < 0) {
		ret = error("cannot read %s: %s", full.buf, strerror(errno));
		goto out;
	}
	for (int i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		struct stat sb;

		if (ret || !strcmp(name, ".") || !strcmp(name, ".."))
			continue;
		strbuf_reset(&sub);
		if (*rel)
			strbuf_addf(&sub, "%s/", rel);
		strbuf_addstr(&sub, name);
		strbuf_reset(&full);
		strbuf_addf(&full, "%s/%s", r->opt->dir, sub.buf);
		if (lstat(full.buf, &sb)) {
			warning("%s: %s; skipped", sub.buf, strerror(errno));
		} else if (S_ISDIR(sb.st_mode)) {
			ret = walk(r, sub.buf);
		} else if (!S_ISREG(sb.st_mode)) {
			debug("%s: not a regular file; skipped", sub.buf);
		} else if (is_xlsx(name)) {
			char hex[SHA256_HEX_LEN + 1];
			uint64_t size;

			strbuf_reset(&err);
			if (store_put_file(&r->store, full.buf, hex, &size, &err))
				ret = error("%s", err.buf);
			else
				add_candidate(r, sub.buf, (int64_t)sb.st_mtime, size, hex);
		} else {
			char ext[16];

			path_ext(name, ext);
			if (!strcmp(ext, "zip"))
				ret = read_zip(r, full.buf, sub.buf, (int64_t)sb.st_mtime);
		}
	}
out:
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
	strbuf_release(&full);
	strbuf_release(&sub);
	strbuf_release(&err);
	return ret;
}

static int cand_cmp(const void *pa, const void *pb)
{
	const struct candidate *a = pa, *b = pb;

	if (a->mtime != b->mtime)
		return a->mtime < b->mtime ? -1 : 1;
	return strcmp(a->path, b->path);
}

/* Run one statement with text/int binds given as a format: 't' text, 'i' int64, 'd' double. */
static int exec_bind(sqlite3 *db, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	va_list ap;
	int ret = 0;

	if (!st)
		return -1;
	va_start(ap, fmt);
	for (int i = 0; fmt[i]; i++) {
		if (fmt[i] == 't')
			db_bind_text(st, i + 1, va_arg(ap, const char *));
		else if (fmt[i] == 'i')
			sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
		else
			sqlite3_bind_double(st, i + 1, va_arg(ap, double));
	}
	va_end(ap);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = error("database: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return ret;
}

/* Record the file (first sight wins the collected time; its verdict is refreshed). */
static int record_file(struct run *r, const struct candidate *c, const char *status,
		       const char *code, const char *detail)
{
	char now[20];

	db_now(now);
	return exec_bind(
	    r->db,
	    "INSERT INTO review_files(sha256, path, size, mtime, status, code, detail, "
	    "collected) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO UPDATE "
	    "SET status = excluded.status, code = excluded.code, detail = "
	    "excluded.detail WHERE status IS NOT excluded.status OR code IS NOT "
	    "excluded.code OR detail IS NOT excluded.detail",
	    "ttiitttt", c->sha, c->path, (int64_t)c->size, c->mtime, status, code, detail, now);
}

/* 1 when the file was collected before (accepted or ignored), 0 when new or rejected. */
static int seen_before(struct run *r, const char *sha)
{
	sqlite3_stmt *st = db_prepare(r->db, "SELECT status FROM review_files WHERE sha256 = ?");
	int rc, seen = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, sha);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		seen = strcmp((const char *)sqlite3_column_text(st, 0), "rejected") != 0;
	else if (rc != SQLITE_DONE)
		seen = error("database: %s", sqlite3_errmsg(r->db));
	sqlite3_finalize(st);
	return seen;
}

struct mark_ctx {
	sqlite3 *db;
	sqlite3_stmt *ins;
	const struct review_sheet *ws;
	int64_t review_id;
	size_t i;
	int failed;
};

static int store_mark(const char *criterion, const char *direction, const char *clause, void *ctx)
{
	struct mark_ctx *m = ctx;
	const struct review_mark *k = &m->ws->marks[m->i];
	struct strbuf cells = STRBUF_INIT;
	double v;

	xlsx_add_ref(&cells, k->row, (unsigned)m->ws->col_opinion);
	strbuf_addch(&cells, ':');
	xlsx_add_ref(&cells, k->row,
		     (unsigned)(m->ws->col_remark > m->ws->col_score ? m->ws->col_remark
								     : m->ws->col_score));
	sqlite3_reset(m->ins);
	sqlite3_bind_int64(m->ins, 1, m->review_id);
	sqlite3_bind_int64(m->ins, 2, (int64_t)m->i + 1);
	db_bind_text(m->ins, 3, criterion);
	db_bind_text(m->ins, 4, direction);
	db_bind_text(m->ins, 5, clause);
	db_bind_text(m->ins, 6, k->opinion);
	if (k->score && !parse_score(k->score, &v))
		sqlite3_bind_double(m->ins, 7, v);
	else
		sqlite3_bind_null(m->ins, 7);
	db_bind_text(m->ins, 8, k->remark);
	db_bind_text(m->ins, 9, cells.buf);
	strbuf_release(&cells);
	if (sqlite3_step(m->ins) != SQLITE_DONE) {
		m->failed = error("database: %s", sqlite3_errmsg(m->db));
		return 1;
	}
	m->i++;
	return 0;
}

/*
 * Store a checked review (inside the caller's transaction).  An earlier
 * review of the same reviewer and application is replaced when this file
 * is later (mtime, then path) or the earlier one's stamp is no longer
 * current; otherwise this file is ignored.  *outcome: 'a' accepted, 'r'
 * replaced, 'i' ignored; note receives what is said about it.
 */
static int store_review(struct run *r, const struct candidate *c, const struct review_sheet *ws,
			int64_t app_id, int *outcome, struct strbuf *note)
{
	sqlite3_stmt *st = NULL;
	struct mark_ctx m = {r->db, NULL, ws, 0, 0, 0};
	int64_t old_id = 0;
	double total = 0, v;
	char now[20];
	int ret = -1, rc;

	*outcome = 'a';
	st = db_prepare(r->db, "SELECT id, path, mtime, stamp FROM reviews WHERE app_no = ? AND "
			       "reviewer = ? AND state = 'current'");
	if (!st)
		goto out;
	db_bind_text(st, 1, ws->app_no);
	db_bind_text(st, 2, ws->reviewer);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 1);
		int64_t mtime = sqlite3_column_int64(st, 2);
		int stale = strcmp((const char *)sqlite3_column_text(st, 3), ws->stamp) != 0;
		int later = c->mtime != mtime ? c->mtime > mtime : strcmp(c->path, path) > 0;

		if (!stale && !later) {
			*outcome = 'i';
			strbuf_addf(note,
				    "%s reviewed %s already in %s, a later file; this one is "
				    "ignored (%s)",
				    ws->reviewer, ws->app_no, path, REVIEW_DUPLICATE);
			ret = 0;
			goto out;
		}
		old_id = sqlite3_column_int64(st, 0);
		*outcome = 'r';
		strbuf_addf(note, "%s reviewed %s already in %s; this %s file replaces it (%s)",
			    ws->reviewer, ws->app_no, path, stale ? "current" : "later",
			    REVIEW_DUPLICATE);
	} else if (rc != SQLITE_DONE) {
		error("database: %s", sqlite3_errmsg(r->db));
		goto out;
	}
	/* The old one steps aside first: one current review per reviewer (unique index). */
	if (old_id &&
	    exec_bind(r->db, "UPDATE reviews SET state = 'replaced' WHERE id = ?", "i", old_id))
		goto out;
	for (size_t i = 0; i < ws->n; i++)
		if (ws->marks[i].score && !parse_score(ws->marks[i].score, &v))
			total += v;
	db_now(now);
	if (exec_bind(r->db,
		      "INSERT INTO reviews(app_no, application_id, reviewer, path, sha256, mtime, "
		      "stamp, collected, total, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
		      "'current')",
		      "titttittd", ws->app_no, app_id, ws->reviewer, c->path, c->sha, c->mtime,
		      ws->stamp, now, total))
		goto out;
	m.review_id = sqlite3_last_insert_rowid(r->db);
	if (old_id && exec_bind(r->db, "UPDATE reviews SET replaced_by = ? WHERE id = ?", "ii",
				m.review_id, old_id))
		goto out;
	m.ins = db_prepare(r->db, "INSERT INTO review_marks(review_id, seq, criterion, direction, "
				  "clause, opinion, score, remark, cells) VALUES (?, ?, ?, ?, ?, "
				  "?, ?, ?, ?)");
	if (!m.ins || app_worksheet_rows(r->db, app_id, store_mark, &m) || m.failed)
		goto out;
	ret = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(m.ins);
	return ret;
}

/* Check and store one file in its own transaction.  0, or -1 (ours). */
static int collect_one(struct run *r, const struct candidate *c)
{
	struct review_sheet ws;
	struct strbuf problems = STRBUF_INIT, blob = STRBUF_INIT, note = STRBUF_INIT;
	const char *code = NULL;
	int64_t app_id = 0;
	int seen, outcome = 0, ret = -1, have_ws = 0;

	r->stats->files++;
	seen = seen_before(r, c->sha);
	if (seen < 0)
		goto out;
	if (seen) {
		debug("%s: collected before; unchanged", c->path);
		r->stats->unchanged++;
		ret = 0;
		goto out;
	}
	store_blob_path(&r->store, c->sha, &blob);
	if (review_sheet_read(blob.buf, &ws, &problems)) {
		code = REVIEW_UNREADABLE;
		strbuf_addf(&problems, " (%s)\n", REVIEW_UNREADABLE);
	} else {
		have_ws = 1;
		if (review_check(r->db, &r->rules, &ws, &app_id, &code, &problems))
			goto out;
	}
	if (db_begin(r->db) ||
	    exec_bind(r->db, "INSERT OR IGNORE INTO blobs(sha256, size) VALUES (?, ?)", "ti",
		      c->sha, (int64_t)c->size))
		goto out;
	if (code) {
		if (record_file(r, c, "rejected", code, problems.buf))
			goto out;
	} else {
		if (store_review(r, c, &ws, app_id, &outcome, &note) ||
		    record_file(r, c, outcome == 'i' ? "ignored" : "accepted",
				outcome == 'a' ? NULL : REVIEW_DUPLICATE,
				note.len ? note.buf : NULL))
			goto out;
	}
	if (db_commit(r->db))
		goto out;
	if (code) {
		/* One warning a problem, each naming the file and the cell. */
		char *line = problems.buf, *nl;

		r->stats->rejected++;
		while (*line && (nl = strchr(line, '\n'))) {
			*nl = '\0';
			warning("%s: %s", c->path, line);
			line = nl + 1;
		}
		warning("%s: refused; nothing of it was stored but its bytes", c->path);
	} else if (outcome == 'i') {
		r->stats->ignored++;
		warning("%s: %s", c->path, note.buf);
	} else {
		r->stats->accepted++;
		if (outcome == 'r') {
			r->stats->replaced++;
			warning("%s: %s", c->path, note.buf);
		}
		info("%s: %s by %s collected", c->path, ws.app_no, ws.reviewer);
	}
	ret = 0;
out:
	if (ret)
		db_rollback(r->db);
	if (have_ws)
		review_sheet_release(&ws);
	strbuf_release(&problems);
	strbuf_release(&blob);
	strbuf_release(&note);
	return ret;
}

int collect_run(sqlite3 *db, const struct collect_options *opt, struct collect_stats *stats)
{
	struct run r;
	struct strbuf err = STRBUF_INIT;
	int ret = -1, have_store = 0, have_rules = 0;

	memset(&r, 0, sizeof(r));
	memset(stats, 0, sizeof(*stats));
	r.db = db;
	r.opt = opt;
	r.stats = stats;
	if (!is_dir(opt->dir)) {
		error("%s is not a folder", opt->dir);
		goto out;
	}
	if (review_rules_load(opt->rules, &r.rules))
		goto out;
	have_rules = 1;
	if (store_open(&r.store, opt->store_dir, &err)) {
		error("%s", err.buf);
		goto out;
	}
	have_store = 1;
	if (walk(&r, ""))
		goto out;
	/* Oldest first, so that of two files of one reviewer the later is kept. */
	qsort(r.c, r.n, sizeof(*r.c), cand_cmp);
	for (size_t i = 0; i < r.n; i++)
		if (collect_one(&r, &r.c[i]))
			goto out;
	if (review_board_store(db, opt->rules))
		goto out;
	ret = 0;
out:
	for (size_t i = 0; i < r.n; i++)
		free(r.c[i].path);
	free(r.c);
	if (have_store)
		store_close(&r.store);
	if (have_rules)
		review_rules_release(&r.rules);
	strbuf_release(&err);
	return ret;
}
