/*
 * packets.c - out/packets/<category>.zip, the review packet of a category.
 *
 * One folder per application, named 排名-申报编号-企业名称 so that the
 * folders list in rank order, holding its reviewer worksheet and the
 * original bytes of its form and attachments as the unit sent them (from
 * the store, not from the inbox, which may have changed since: each read
 * back from its bundle's blob and checked against its SHA-256, see
 * common/original.h); and an index workbook 目录.xlsx at the top.  Names are written as UTF-8 with
 * the zip's UTF-8 flag so that Windows shows them.
 */
#include "internal.h"
#include "xl.h"

#include "common/db.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/original.h"
#include "common/store.h"
#include "common/strbuf.h"
#include "common/tally.h"
#include "common/xalloc.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char apps_sql[] =
    "SELECT a.id, r.rank, r.score, a.app_no, a.enterprise, b.unit, s.declared, "
    "  (SELECT count(*) FROM files f WHERE (f.application_id = a.id OR f.id = "
    "    a.form_file_id) AND f.sha256 IS NOT NULL) "
    "FROM rankings r JOIN applications a ON a.id = r.application_id "
    "JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' "
    "LEFT JOIN assessments s ON s.application_id = a.id "
    "WHERE r.category = ?1 ORDER BY r.rank";

/* The folder of an application inside the packet. */
static void folder_name(sqlite3_stmt *st, struct strbuf *out)
{
	strbuf_reset(out);
	strbuf_addf(out, "%03d-", sqlite3_column_int(st, 1));
	xl_safe_name(sqlite3_column_type(st, 3) == SQLITE_NULL ? "无编号" : xl_col(st, 3), 40, out);
	strbuf_addch(out, '-');
	/* Short enough for Windows' 260-character paths once unpacked somewhere. */
	xl_safe_name(xl_col(st, 4), 30, out);
}

static int write_index(sqlite3 *db, const char *category, const char *path)
{
	static const char *const head[] = {"排名",     "得分",	   "申报编号", "申报企业名称",
					   "推荐单位", "申报方向", "文件夹",   "原始文件数"};
	struct xl_book b = {0};
	struct xl_sheet s;
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *st;
	int row = 0, rc, ret = -1;

	st = db_prepare(db, apps_sql);
	if (!st)
		return -1;
	db_bind_text(st, 1, category);
	if (xl_open(&b, path, 0))
		goto out;
	xl_add_sheet(&b, "目录", &s);
	xl_header(&s, row++, head, 8);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xl_num(&s, row, 0, sqlite3_column_int(st, 1), s.f->integer);
		xl_num(&s, row, 1, sqlite3_column_double(st, 2), s.f->number);
		xl_str(&s, row, 2, xl_col(st, 3), s.f->text);
		xl_str(&s, row, 3, xl_col(st, 4), s.f->text);
		xl_str(&s, row, 4,
		       sqlite3_column_type(st, 5) == SQLITE_NULL ? AGG_UNKNOWN_UNIT : xl_col(st, 5),
		       s.f->text);
		xl_str(&s, row, 5, xl_col(st, 6), s.f->text);
		folder_name(st, &sb);
		xl_str(&s, row, 6, sb.buf, s.f->text);
		xl_num(&s, row, 7, sqlite3_column_int(st, 7), s.f->integer);
		xl_end_row(&s, row);
		row++;
	}
	if (rc != SQLITE_DONE) {
		error("database: %s", sqlite3_errmsg(db));
		goto out;
	}
	xl_table_finish(&s, 0, row - 1);
	xl_print_setup(&s, 1, 0);
	ret = xl_finish(&b);
out:
	if (ret)
		xl_abandon(&b);
	sqlite3_finalize(st);
	strbuf_release(&sb);
	return ret;
}

/* Copy the file at src into the archive as name.  0 or -1. */
static int add_file(struct archive *a, const char *src, const char *name)
{
	struct archive_entry *e = NULL;
	char buf[65536];
	struct stat sb;
	int fd, ret = -1;
	ssize_t n;

	fd = open(src, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb)) {
		error("cannot read %s: %s", src, strerror(errno));
		goto out;
	}
	e = archive_entry_new();
	archive_entry_set_pathname_utf8(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, FILE_MODE);
	archive_entry_set_size(e, sb.st_size);
	archive_entry_set_mtime(e, sb.st_mtime, 0);
	if (archive_write_header(a, e) != ARCHIVE_OK) {
		error("packet: %s: %s", name, archive_error_string(a));
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (archive_write_data(a, buf, (size_t)n) != n) {
			error("packet: %s: %s", name, archive_error_string(a));
			goto out;
		}
	if (n < 0) {
		error("cannot read %s: %s", src, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	archive_entry_free(e);
	if (fd >= 0)
		close(fd);
	return ret;
}

static int archive_sink(void *ctx, const void *buf, size_t len)
{
	struct archive *a = ctx;

	return archive_write_data(a, buf, len) == (la_ssize_t)len ? 0 : -1;
}

/* One original file (files.id) into the archive as name.  0 or -1. */
static int add_original(struct archive *a, struct original_reader *rd, int64_t file_id,
			int64_t size, time_t mtime, const char *name)
{
	struct archive_entry *e = archive_entry_new();
	struct strbuf err = STRBUF_INIT;
	int ret = -1;

	archive_entry_set_pathname_utf8(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, FILE_MODE);
	archive_entry_set_size(e, size);
	archive_entry_set_mtime(e, mtime, 0);
	if (archive_write_header(a, e) != ARCHIVE_OK) {
		error("packet: %s: %s", name, archive_error_string(a));
		goto out;
	}
	if (original_read(rd, file_id, archive_sink, a, &err)) {
		error("packet: %s: %s", name, err.len ? err.buf : archive_error_string(a));
		goto out;
	}
	ret = 0;
out:
	archive_entry_free(e);
	strbuf_release(&err);
	return ret;
}

/* An application's folder in the packet, and the names already used in it. */
struct app_folder {
	int64_t id;
	char *folder;
	struct strbuf seen; /* "\n"-joined leaf names, for the rare same-name pair */
};

static struct app_folder *find_app(struct app_folder *v, size_t n, int64_t id)
{
	for (size_t lo = 0, hi = n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].id == id)
			return &v[mid];
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int by_app_id(const void *x, const void *y)
{
	const struct app_folder *a = x, *b = y;

	return a->id < b->id ? -1 : a->id > b->id;
}

/*
 * The original files of every application of the category into their
 * folders.  In the order they lie in their bundles, not in rank order, so
 * that a solid 7z or a tar.gz is streamed once per packet (original.h); a
 * zip's entries may come in any order, the folders are the same.  0 or -1.
 */
static int add_originals(sqlite3 *db, struct archive *a, const struct store *store,
			 const char *category, struct app_folder *apps, size_t nr_apps)
{
	struct original_reader *rd = original_reader_new(db, store);
	sqlite3_stmt *st;
	struct strbuf blob = STRBUF_INIT, name = STRBUF_INIT, leaf = STRBUF_INIT, key = STRBUF_INIT,
		      last_bundle = STRBUF_INIT;
	time_t mtime = 0;
	int rc, ret = -1;

	st =
	    db_prepare(db, "SELECT f.path, f.id, f.size, b.sha256, x.id FROM rankings r "
			   "JOIN applications x ON x.id = r.application_id "
			   "JOIN bundles xb ON xb.id = x.bundle_id AND xb.state = 'current' "
			   "JOIN files f ON f.application_id = x.id OR f.id = x.form_file_id "
			   "JOIN bundles b ON b.id = f.bundle_id "
			   "WHERE r.category = ?1 AND f.sha256 IS NOT NULL "
			   "ORDER BY f.bundle_id, coalesce(f.parent_id, 0), f.entry, f.path, f.id");
	if (!st) {
		original_reader_free(rd);
		return -1;
	}
	db_bind_text(st, 1, category);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct app_folder *app = find_app(apps, nr_apps, sqlite3_column_int64(st, 4));
		const char *base = path_basename(xl_col(st, 0));
		struct stat sb;

		if (!app)
			continue; /* ranked after apps_sql ran: not in this packet */
		for (int k = 1;; k++) {
			strbuf_reset(&leaf);
			if (k > 1)
				strbuf_addf(&leaf, "%d-", k);
			xl_safe_name(base, 100, &leaf);
			strbuf_reset(&key);
			strbuf_addf(&key, "\n%s\n", leaf.buf);
			if (!strstr(app->seen.buf, key.buf))
				break;
		}
		strbuf_addf(&app->seen, "%s\n", leaf.buf);
		strbuf_reset(&name);
		strbuf_addf(&name, "%s/%s", app->folder, leaf.buf);
		/* When the office received it: its bundle's blob was written then. */
		if (strcmp(last_bundle.buf, xl_col(st, 3))) {
			strbuf_reset(&last_bundle);
			strbuf_addstr(&last_bundle, xl_col(st, 3));
			store_blob_path(store, last_bundle.buf, &blob);
			mtime = stat(blob.buf, &sb) ? time(NULL) : sb.st_mtime;
		}
		if (add_original(a, rd, sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
				 mtime, name.buf))
			goto out;
	}
	if (rc != SQLITE_DONE) {
		error("database: %s", sqlite3_errmsg(db));
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	original_reader_free(rd);
	strbuf_release(&blob);
	strbuf_release(&name);
	strbuf_release(&leaf);
	strbuf_release(&key);
	strbuf_release(&last_bundle);
	return ret;
}

int out_packet_digest(sqlite3 *db, struct out_digests *d, const char *category,
		      char hex[SHA256_HEX_LEN + 1])
{
	sqlite3_stmt *st = db_prepare(db, apps_sql);
	struct sha256 h;
	int rc, ret = 0;

	if (!st)
		return -1;
	sha256_init(&h);
	sha256_update(&h, OUTPUT_FORMAT, sizeof(OUTPUT_FORMAT));
	sha256_update(&h, category, strlen(category) + 1);
	db_bind_text(st, 1, category);
	/* Rank order and each application's own digest (its fields, verdicts and files). */
	while (!ret && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		int rank = sqlite3_column_int(st, 1);
		double score = sqlite3_column_double(st, 2);
		char app[SHA256_HEX_LEN + 1];

		sha256_update(&h, &id, sizeof(id));
		sha256_update(&h, &rank, sizeof(rank));
		sha256_update(&h, &score, sizeof(score));
		if (out_digests_get(d, id, app))
			ret = -1;
		else
			sha256_update(&h, app, SHA256_HEX_LEN);
	}
	if (!ret && rc != SQLITE_DONE)
		ret = error("database: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	if (ret)
		sha256_abort(&h);
	else
		sha256_final_hex(&h, hex);
	return ret;
}

int out_packet(sqlite3 *db, const struct store *store, const char *out_dir, const char *category,
	       const char *path)
{
	struct strbuf tmp = STRBUF_INIT, index = STRBUF_INIT, folder = STRBUF_INIT,
		      ws = STRBUF_INIT, rel = STRBUF_INIT, name = STRBUF_INIT, dir = STRBUF_INIT;
	struct archive *a = NULL;
	struct app_folder *apps = NULL;
	size_t nr_apps = 0, alloc_apps = 0;
	sqlite3_stmt *st = NULL;
	int rc, ret = -1, opened = 0;

	path_dirname(path, &dir);
	strbuf_addf(&tmp, "%s.tmp%ld", path, (long)getpid());
	/* The index is built beside the packet, packed, then removed. */
	strbuf_addf(&index, "%s/.%s-目录.xlsx", dir.buf, category);
	if (write_index(db, category, index.buf))
		goto out;
	a = archive_write_new();
	if (archive_write_set_format_zip(a) != ARCHIVE_OK ||
	    archive_write_set_options(a, "zip:hdrcharset=UTF-8") != ARCHIVE_OK ||
	    /*
	     * Stored, not deflated: what a packet holds is compressed already
	     * (scans, PDFs, .docx/.xlsx are zips); deflate took two thirds of
	     * the run and saved 0.4 % (docs/performance.md).
	     */
	    archive_write_set_options(a, "zip:compression=store") != ARCHIVE_OK ||
	    archive_write_open_filename(a, tmp.buf) != ARCHIVE_OK) {
		error("cannot write %s: %s", tmp.buf, archive_error_string(a));
		goto out;
	}
	opened = 1;
	if (add_file(a, index.buf, "目录.xlsx"))
		goto out;
	st = db_prepare(db, apps_sql);
	if (!st)
		goto out;
	db_bind_text(st, 1, category);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t app_id = sqlite3_column_int64(st, 0);

		folder_name(st, &folder);
		strbuf_reset(&rel);
		out_worksheet_relpath(
		    sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL : xl_col(st, 5),
		    sqlite3_column_type(st, 3) == SQLITE_NULL ? NULL : xl_col(st, 3), app_id, &rel);
		strbuf_reset(&ws);
		strbuf_addf(&ws, "%s/%s", out_dir, rel.buf);
		strbuf_reset(&name);
		strbuf_addf(&name, "%s/评审工作表-%s", folder.buf, path_basename(rel.buf));
		if (add_file(a, ws.buf, name.buf))
			goto out;
		ALLOC_GROW(apps, nr_apps + 1, alloc_apps);
		apps[nr_apps].id = app_id;
		apps[nr_apps].folder = xstrdup(folder.buf);
		strbuf_init(&apps[nr_apps].seen, 0);
		strbuf_addch(&apps[nr_apps].seen, '\n');
		nr_apps++;
	}
	if (rc != SQLITE_DONE) {
		error("database: %s", sqlite3_errmsg(db));
		goto out;
	}
	if (nr_apps)
		qsort(apps, nr_apps, sizeof(*apps), by_app_id);
	if (add_originals(db, a, store, category, apps, nr_apps))
		goto out;
	if (archive_write_close(a) != ARCHIVE_OK) {
		error("cannot write %s: %s", tmp.buf, archive_error_string(a));
		goto out;
	}
	/* Durable with the stage's other files: output_run's sync_fs_of(). */
	if (chmod(tmp.buf, FILE_MODE) || rename(tmp.buf, path)) {
		error("cannot put %s into place: %s", path, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	for (size_t i = 0; i < nr_apps; i++) {
		free(apps[i].folder);
		strbuf_release(&apps[i].seen);
	}
	free(apps);
	if (a)
		archive_write_free(a);
	if (ret && opened)
		unlink(tmp.buf);
	if (index.len)
		unlink(index.buf);
	strbuf_release(&tmp);
	strbuf_release(&index);
	strbuf_release(&folder);
	strbuf_release(&ws);
	strbuf_release(&rel);
	strbuf_release(&name);
	strbuf_release(&dir);
	return ret;
}
