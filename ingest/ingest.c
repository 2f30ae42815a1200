/*
 * ingest.c - the inbox loop: which bundles are new, changed or unchanged,
 * and the bookkeeping of bundle versions.
 */
#include "ingest/ingest.h"
#include "ingest/internal.h"

#include "common/crashpoint.h"
#include "common/db.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/sha256.h"
#include "common/utf8.h"
#include "common/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void ingest_default_limits(struct ingest_limits *lim)
{
	lim->max_entry_size = 2ULL << 30;
	lim->max_total_size = 16ULL << 30;
	lim->max_entries = 100000;
	lim->max_ratio = 100;
	lim->ratio_floor = 64ULL << 20;
	lim->max_depth = 3;
}

void bundle_defect(struct bundle_ctx *b, int64_t file_id, const char *code, const char *field,
		   const char *raw, const char *detail)
{
	struct defect_place at = {"ingest", b->bundle_id, file_id, 0};

	if (defect_add(b->db, &at, code, field, raw, detail))
		b->failed = 1;
	else
		b->defects++;
}

/* What identifies an inbox item's state without reading its bytes. */
struct fingerprint {
	int is_dir;
	int64_t size, mtime, dev, ino;
	char digest[SHA256_HEX_LEN + 1]; /* folders: digest of the listing */
};

static void listing_digest(const char *dir, const char *rel, struct sha256 *h, int64_t *size,
			   int64_t *mtime)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		const char *d = list[i]->d_name;
		struct strbuf full = STRBUF_INIT, line = STRBUF_INIT;
		struct stat st;

		if (strcmp(d, ".") && strcmp(d, "..")) {
			strbuf_addf(&full, "%s/%s", dir, d);
			strbuf_addf(&line, "%s/%s", rel, d);
			if (!lstat(full.buf, &st)) {
				if (S_ISDIR(st.st_mode)) {
					listing_digest(full.buf, line.buf, h, size, mtime);
				} else {
					strbuf_addf(
					    &line, "\t%lld\t%lld.%09ld\n", (long long)st.st_size,
					    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
					sha256_update(h, line.buf, line.len);
					*size += st.st_size;
					if (st.st_mtime > *mtime)
						*mtime = st.st_mtime;
				}
			}
		}
		strbuf_release(&full);
		strbuf_release(&line);
		free(list[i]);
	}
	if (n >= 0)
		free(list);
}

static void take_fingerprint(const char *path, const struct stat *st, struct fingerprint *fp)
{
	memset(fp, 0, sizeof(*fp));
	fp->is_dir = S_ISDIR(st->st_mode);
	fp->dev = (int64_t)st->st_dev;
	fp->ino = (int64_t)st->st_ino;
	if (fp->is_dir) {
		struct sha256 h;

		sha256_init(&h);
		listing_digest(path, "", &h, &fp->size, &fp->mtime);
		sha256_final_hex(&h, fp->digest);
	} else {
		fp->size = st->st_size;
		fp->mtime = st->st_mtime;
	}
}

/* The latest version recorded for an inbox name. */
struct version {
	int64_t id;
	char sha[SHA256_HEX_LEN + 1];
	int64_t size, mtime, dev, ino;
	int is_dir;
};

static int latest_version(sqlite3 *db, const char *inbox_name, struct version *v)
{
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT id, sha256, size, mtime, dev, ino, kind "
			   "FROM bundles WHERE inbox_name = ? ORDER BY id DESC LIMIT 1");
	int found = 0;

	memset(v, 0, sizeof(*v));
	if (!st)
		return -1;
	db_bind_text(st, 1, inbox_name);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *sha = sqlite3_column_text(st, 1);

		v->id = sqlite3_column_int64(st, 0);
		snprintf(v->sha, sizeof(v->sha), "%s", sha ? (const char *)sha : "");
		v->size = sqlite3_column_int64(st, 2);
		v->mtime = sqlite3_column_int64(st, 3);
		v->dev = sqlite3_column_int64(st, 4);
		v->ino = sqlite3_column_int64(st, 5);
		v->is_dir = !strcmp((const char *)sqlite3_column_text(st, 6), "folder");
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

static int update_fingerprint(sqlite3 *db, int64_t id, const struct fingerprint *fp)
{
	sqlite3_stmt *st = db_prepare(db, "UPDATE bundles SET size = ?, mtime = ?, dev = ?, "
					  "ino = ? WHERE id = ?");
	int ret = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, fp->size);
	sqlite3_bind_int64(st, 2, fp->mtime);
	sqlite3_bind_int64(st, 3, fp->dev);
	sqlite3_bind_int64(st, 4, fp->ino);
	sqlite3_bind_int64(st, 5, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = error("database: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return ret;
}

/* Top-level files that are documents, not bundles: staff sometimes drop a form in. */
static int is_loose_document(const char *name)
{
	static const char *const exts[] = {"docx", "doc", "xlsx", "xls", "pdf",
					   "wps",  "jpg", "png",  "txt", "ofd"};

	return path_ext_in(name, exts, ARRAY_SIZE(exts));
}

static int64_t insert_bundle(sqlite3 *db, const char *inbox_name, const struct fingerprint *fp,
			     const char *sha, int64_t run_id)
{
	sqlite3_stmt *st = db_prepare(
	    db, "INSERT INTO bundles(inbox_name, kind, sha256, size, mtime, dev, ino, state, "
		"received, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, 'current', ?, ?)");
	char now[20];
	int64_t id = -1;

	if (!st)
		return -1;
	db_now(now);
	db_bind_text(st, 1, inbox_name);
	db_bind_text(st, 2, fp->is_dir ? "folder" : "archive");
	db_bind_text(st, 3, sha);
	sqlite3_bind_int64(st, 4, fp->size);
	sqlite3_bind_int64(st, 5, fp->mtime);
	sqlite3_bind_int64(st, 6, fp->dev);
	sqlite3_bind_int64(st, 7, fp->ino);
	db_bind_text(st, 8, now);
	if (run_id > 0)
		sqlite3_bind_int64(st, 9, run_id);
	else
		sqlite3_bind_null(st, 9);
	if (sqlite3_step(st) == SQLITE_DONE)
		id = sqlite3_last_insert_rowid(db);
	else
		error("database: cannot record bundle %s: %s", inbox_name, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return id;
}

/*
 * Keep one current bundle per unit: the newest by modification time (the
 * later arrival on a tie).  Older versions of the same inbox item are
 * superseded by the new one whatever their unit.
 */
static int supersede(sqlite3 *db, int64_t id, const char *inbox_name, const char *unit)
{
	sqlite3_stmt *st;
	int ret = 0;

	st = db_prepare(db, "UPDATE bundles SET state = 'superseded', superseded_by = ?1 "
			    "WHERE inbox_name = ?2 AND id <> ?1 AND state = 'current'");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, inbox_name);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = error("database: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	if (ret || !unit)
		return ret;

	st = db_prepare(
	    db, "WITH newest AS (SELECT id FROM bundles WHERE unit = ?1 AND state = 'current' "
		"  ORDER BY mtime DESC, id DESC LIMIT 1) "
		"UPDATE bundles SET state = 'superseded', superseded_by = (SELECT id FROM newest) "
		"WHERE unit = ?1 AND state = 'current' AND id <> (SELECT id FROM newest)");
	if (!st)
		return -1;
	db_bind_text(st, 1, unit);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = error("database: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return ret;
}

static int finish_bundle(struct bundle_ctx *b, const char *unit, const char *unit_source)
{
	sqlite3_stmt *st = db_prepare(b->db, "UPDATE bundles SET unit = ?, unit_source = ?, "
					     "files = ?, format = ? WHERE id = ?");
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, unit);
	db_bind_text(st, 2, unit_source);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)b->nr_files);
	db_bind_text(st, 4, b->format[0] ? b->format : NULL);
	sqlite3_bind_int64(st, 5, b->bundle_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = error("database: %s", sqlite3_errmsg(b->db));
	sqlite3_finalize(st);
	return ret;
}

static void release_files(struct bundle_ctx *b)
{
	for (size_t i = 0; i < b->nr_files; i++) {
		free(b->files[i].path);
		free(b->files[i].blob);
		free(b->files[i].enterprise);
		free(b->files[i].unit_text);
	}
	free(b->files);
	b->files = NULL;
	b->nr_files = b->alloc_files = 0;
}

/*
 * The bundle's own bytes into the store, on the second core: while the
 * main thread decompresses and hashes the files inside (walk.c), this one
 * hashes the bundle and writes its copy.  Both read the same open file
 * with pread(), so a bundle renamed over in the inbox meanwhile does not
 * mix two versions; one rewritten in place is caught by its changed mtime.
 */
struct copier {
	int fd;
	uint64_t size;
	struct store *store;
	pthread_t thread;
	int failed;
	struct strbuf err;
	char hex[SHA256_HEX_LEN + 1];
};

#define COPY_BLOCK	(1 << 20)
#define WRITEBACK_EVERY (8ULL << 20)

static void *copy_bundle(void *arg)
{
	struct copier *c = arg;
	struct store_writer w;
	char *buf;
	uint64_t off = 0;

	if (store_writer_begin(c->store, &w, &c->err)) {
		c->failed = 1;
		return NULL;
	}
	buf = xmalloc(COPY_BLOCK);
	for (;;) {
		ssize_t n = pread(c->fd, buf, COPY_BLOCK, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			strbuf_addf(&c->err, "cannot read the bundle: %s", strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		if (store_writer_write(&w, buf, (size_t)n, &c->err))
			goto fail;
		off += (uint64_t)n;
		/* Start writing it to disk now rather than all at the final sync. */
		if (off % WRITEBACK_EVERY < (uint64_t)n)
			sync_file_range(w.fd,
					(off_t)(off - off % WRITEBACK_EVERY - WRITEBACK_EVERY),
					WRITEBACK_EVERY, SYNC_FILE_RANGE_WRITE);
	}
	free(buf);
	/*
	 * On disk while the walk goes on, so that the stage's closing syncfs()
	 * waits for little more than the forms and the database.
	 */
	if (fdatasync(w.fd)) {
		strbuf_addf(&c->err, "cannot write to the store: %s", strerror(errno));
		store_writer_abort(&w);
		c->failed = 1;
		return NULL;
	}
	if (off != c->size) {
		strbuf_addstr(&c->err, "the bundle changed size while it was read");
		store_writer_abort(&w);
		c->failed = 1;
		return NULL;
	}
	if (store_writer_commit(&w, c->hex, &c->err))
		c->failed = 1;
	return NULL;
fail:
	free(buf);
	store_writer_abort(&w);
	c->failed = 1;
	return NULL;
}

/* Record a stored blob (the bundle's own bytes); kept even if the bundle's transaction fails. */
static int note_blob(sqlite3 *db, const char *sha, uint64_t size)
{
	sqlite3_stmt *st =
	    db_prepare(db, "INSERT OR IGNORE INTO blobs(sha256, size) VALUES (?, ?)");
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, sha);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)size);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = error("database: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return ret;
}

static int record_bundle_sha(sqlite3 *db, int64_t id, const char *sha, uint64_t size)
{
	sqlite3_stmt *st = db_prepare(db, "UPDATE bundles SET sha256 = ? WHERE id = ?");
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, sha);
	sqlite3_bind_int64(st, 2, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = error("database: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	if (!ret)
		ret = note_blob(db, sha, size);
	return ret;
}

/* Read one new bundle version inside its own transaction. */
/*
 * cp: an archive whose copy into the store runs beside the walk (its digest
 * comes from cp), or NULL (a folder, or a file already stored whose digest
 * is sha).  prev_sha: the item's latest version when it was an archive; the
 * same bytes again only update the fingerprint (*same set).
 */
/*
 * names: every item in the inbox now (absence.c).  *same is 2 when the
 * archive's bytes are those of a bundle that had left the inbox: nothing
 * was read in; the caller makes that bundle present again.
 */
static int ingest_bundle(sqlite3 *db, struct store *store, const struct ingest_options *opt,
			 const char *path, const char *inbox_name, const struct fingerprint *fp,
			 const char *sha, struct copier *cp, const char *prev_sha, int *same,
			 char *const *names, size_t nr_names, int64_t run_id,
			 struct ingest_stats *stats)
{
	struct bundle_ctx b;
	const char *unit = NULL, *unit_source = NULL;
	struct strbuf blob = STRBUF_INIT;
	int ret = -1, committed = 0, joined = 0;

	memset(&b, 0, sizeof(b));
	b.db = db;
	b.store = store;
	b.lim = &opt->limits;
	b.inbox_name = inbox_name;
	b.bundle_fd = cp ? cp->fd : -1;
	*same = 0;
	if (db_begin(db)) {
		if (cp)
			pthread_join(cp->thread, NULL);
		return -1;
	}
	b.bundle_id = insert_bundle(db, inbox_name, fp, sha, run_id);
	if (b.bundle_id < 0)
		goto out;
	b.ins_blob = db_prepare(db, "INSERT OR IGNORE INTO blobs(sha256, size) VALUES (?, ?)");
	b.ins_file = db_prepare(db, "INSERT INTO files(bundle_id, path, raw_name, name_encoding, "
				    "parent_id, depth, sha256, size, kind, entry, data_offset) "
				    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'other', ?, ?)");
	if (!b.ins_blob || !b.ins_file)
		goto out;

	if (fp->is_dir) {
		walk_folder(&b, path);
	} else if (fp->size == 0) {
		bundle_defect(&b, 0, "BUNDLE_EMPTY", NULL, inbox_name, "报送的文件为空（0字节）");
	} else if (is_loose_document(inbox_name)) {
		bundle_defect(&b, 0, "BUNDLE_NOT_ARCHIVE", NULL, inbox_name,
			      "收件箱中的单个文档不是报送材料包，请以压缩包或文件夹形式报送");
	} else if (cp) {
		if (walk_archive(&b, cp->fd, 0, (uint64_t)fp->size, 0, "", 0, 0) < 0)
			bundle_defect(&b, 0, "BUNDLE_NOT_ARCHIVE", NULL, inbox_name,
				      "报送的文件不是可识别的压缩包格式");
	} else {
		store_blob_path(store, sha, &blob);
		BUG("archive %s without its copier", blob.buf);
	}
	if (cp) {
		struct stat after;

		pthread_join(cp->thread, NULL);
		joined = 1;
		if (cp->failed) {
			error("ingest: %s: %s", inbox_name, cp->err.buf);
			goto out;
		}
		if (fstat(cp->fd, &after) || after.st_mtim.tv_sec != fp->mtime ||
		    after.st_size != fp->size) {
			warning("ingest: %s: changed while it was read; read again by the next run",
				inbox_name);
			ret = 0;
			goto out;
		}
		if (prev_sha && !strcmp(prev_sha, cp->hex)) {
			*same = 1; /* touched or copied again, same bytes: nothing to redo */
			ret = 0;
			goto out;
		}
		/* Only now are the bytes known: a bundle that had left the inbox, back? */
		switch (absence_return(db, inbox_name, 0, cp->hex, NULL, names, nr_names,
				       b.bundle_id, 1)) {
		case 0:
			break;
		case 1:
			*same = 2;
			ret = 0;
			goto out;
		default:
			goto out;
		}
		if (!b.failed && record_bundle_sha(db, b.bundle_id, cp->hex, (uint64_t)fp->size))
			goto out;
	}
	if (b.failed)
		goto out;
	if (bind_bundle(&b, inbox_name, &unit, &unit_source) || b.failed)
		goto out;
	if (finish_bundle(&b, unit, unit_source) || supersede(db, b.bundle_id, inbox_name, unit))
		goto out;
	crash_point("ingest-commit");
	if (db_commit(db))
		goto out;
	stats->changed++;
	stats->files += (int64_t)b.nr_files;
	stats->defects += b.defects;
	for (size_t i = 0; i < b.nr_files; i++)
		if (b.files[i].application_id && b.files[i].kind != FILE_ATTACHMENT &&
		    b.files[i].kind != FILE_OTHER)
			stats->forms++;
	info("ingest: %s: %zu files, unit %s, %lld defects", inbox_name, b.nr_files,
	     unit ? unit : "unknown", (long long)b.defects);
	ret = 0;
	committed = 1;
out:
	if (cp && !joined)
		pthread_join(cp->thread, NULL);
	if (!committed)
		db_rollback(db);
	sqlite3_finalize(b.ins_blob);
	sqlite3_finalize(b.ins_file);
	release_files(&b);
	strbuf_release(&blob);
	return ret;
}

/* An archive in the inbox: copied into the store on one core, walked on the other. */
static int ingest_archive(sqlite3 *db, struct store *store, const struct ingest_options *opt,
			  const char *path, const char *inbox_name, const struct fingerprint *fp,
			  const struct version *prev, char *const *names, size_t nr_names,
			  int64_t run_id, struct ingest_stats *stats, int *same)
{
	struct copier cp;
	struct stat st;
	int ret;

	memset(&cp, 0, sizeof(cp));
	strbuf_init(&cp.err, 0);
	*same = 0;
	cp.fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (cp.fd < 0 || fstat(cp.fd, &st)) {
		ret = error("ingest: cannot open %s: %s", path, strerror(errno));
		goto out;
	}
	if (st.st_size != fp->size || st.st_mtime != fp->mtime) {
		warning("ingest: %s: changed while it was read; read again by the next run",
			inbox_name);
		ret = 0;
		goto out;
	}
	cp.size = (uint64_t)st.st_size;
	cp.store = store;
	if (pthread_create(&cp.thread, NULL, copy_bundle, &cp)) {
		ret = error("ingest: cannot start a thread: %s", strerror(errno));
		goto out;
	}
	ret = ingest_bundle(db, store, opt, path, inbox_name, fp, NULL, &cp,
			    prev ? prev->sha : NULL, same, names, nr_names, run_id, stats);
	if (!ret && *same == 2) {
		/* Out of the rolled-back transaction: the bundle is present again, for real. */
		struct bundle_seen seen = {fp->size, fp->mtime, fp->dev, fp->ino};
		int r = absence_return(db, inbox_name, 0, cp.hex, &seen, names, nr_names, 0, 0);

		if (r < 0)
			ret = -1;
		else if (!r)
			warning("ingest: %s: to be read by the next run", inbox_name);
	}
out:
	if (cp.fd >= 0)
		close(cp.fd);
	strbuf_release(&cp.err);
	return ret;
}

/* The item is a bundle that had left the inbox, back (absence.c): nothing to read. */
static int is_return(sqlite3 *db, const char *name, const struct fingerprint *fp, const char *sha,
		     char **names, size_t n, struct ingest_stats *stats, int *ret)
{
	struct bundle_seen seen = {fp->size, fp->mtime, fp->dev, fp->ino};
	int r = absence_return(db, name, fp->is_dir, sha, &seen, names, n, 0, 0);

	if (r < 0)
		*ret = -1;
	else if (r > 0)
		stats->unchanged++;
	return r != 0;
}

static int by_name(const struct dirent **x, const struct dirent **y)
{
	return strcmp((*x)->d_name, (*y)->d_name);
}

int ingest_run(sqlite3 *db, const struct ingest_options *opt, struct ingest_stats *stats)
{
	struct store store;
	struct strbuf err = STRBUF_INIT;
	struct dirent **list = NULL;
	char **names = NULL;
	size_t nr_names = 0;
	int n, ret = 0;
	int64_t run_id;

	memset(stats, 0, sizeof(*stats));
	if (store_open(&store, opt->store_dir, &err)) {
		error("ingest: %s", err.buf);
		strbuf_release(&err);
		return -1;
	}
	n = scandir(opt->inbox, &list, NULL, by_name);
	if (n < 0) {
		store_close(&store);
		return error("ingest: cannot read the inbox %s: %s", opt->inbox, strerror(errno));
	}
	run_id = db_run_begin(db, "ingest");
	/* Every item's name first: a bundle coming back under another name is told by it. */
	names = xcalloc((size_t)n + 1, sizeof(*names));
	for (int i = 0; i < n; i++) {
		struct strbuf path = STRBUF_INIT, name = STRBUF_INIT;
		struct stat st;

		strbuf_addf(&path, "%s/%s", opt->inbox, list[i]->d_name);
		if (list[i]->d_name[0] != '.' && !stat(path.buf, &st) &&
		    (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode))) {
			to_utf8(list[i]->d_name, strlen(list[i]->d_name), &name);
			names[nr_names++] = strbuf_detach(&name, NULL);
		}
		strbuf_release(&path);
		strbuf_release(&name);
	}
	for (int i = 0; i < n; i++) {
		struct strbuf path = STRBUF_INIT, name = STRBUF_INIT;
		const char *d = list[i]->d_name;
		struct fingerprint fp;
		struct version v;
		struct stat st;
		char sha[SHA256_HEX_LEN + 1];
		int have, same_unused;

		if (d[0] == '.')
			goto next; /* ".", "..", and hidden markers such as .complete */
		strbuf_addf(&path, "%s/%s", opt->inbox, d);
		to_utf8(d, strlen(d), &name);
		if (stat(path.buf, &st) || (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))) {
			warning("ingest: %s: not a file or folder, skipped", path.buf);
			goto next;
		}
		stats->seen++;
		take_fingerprint(path.buf, &st, &fp);
		have = latest_version(db, name.buf, &v);
		if (have < 0) {
			ret = -1;
			goto next;
		}
		if (fp.is_dir) {
			if (have && v.is_dir && !strcmp(v.sha, fp.digest)) {
				stats->unchanged++;
				goto next;
			}
			memcpy(sha, fp.digest, sizeof(sha));
			if (is_return(db, name.buf, &fp, sha, names, nr_names, stats, &ret))
				goto next;
		} else {
			uint64_t size;
			int same = 0;

			if (have && !v.is_dir && v.size == fp.size && v.mtime == fp.mtime &&
			    v.dev == fp.dev && v.ino == fp.ino) {
				stats->unchanged++;
				goto next;
			}
			if (fp.size > 0 && !is_loose_document(name.buf)) {
				if (ingest_archive(db, &store, opt, path.buf, name.buf, &fp,
						   have && !v.is_dir ? &v : NULL, names, nr_names,
						   run_id, stats, &same))
					ret = -1;
				else if (same == 1) {
					update_fingerprint(db, v.id, &fp);
					stats->unchanged++;
				} else if (same == 2) {
					stats->unchanged++; /* present again (absence.c) */
				}
				goto next;
			}
			/* Not a bundle: kept as received all the same, and a defect says why. */
			if (store_put_file(&store, path.buf, sha, &size, &err)) {
				ret = error("ingest: %s", err.buf);
				strbuf_reset(&err);
				goto next;
			}
			if (have && !v.is_dir && !strcmp(v.sha, sha)) {
				update_fingerprint(db, v.id, &fp);
				stats->unchanged++;
				goto next;
			}
			if (is_return(db, name.buf, &fp, sha, names, nr_names, stats, &ret))
				goto next;
			if (note_blob(db, sha, size)) {
				ret = -1;
				goto next;
			}
		}
		if (ingest_bundle(db, &store, opt, path.buf, name.buf, &fp, sha, NULL, NULL,
				  &same_unused, names, nr_names, run_id, stats))
			ret = -1;
	next:
		strbuf_release(&path);
		strbuf_release(&name);
		free(list[i]);
	}
	free(list);
	if (!ret && absence_mark(db, names, nr_names))
		ret = -1;
	/* What was stored is on disk when the stage ends, as floor K's sync (docs/performance.md).
	 */
	if (stats->changed && store_sync(&store, &err)) {
		ret = error("ingest: %s", err.buf);
		strbuf_reset(&err);
	}
	for (size_t i = 0; i < nr_names; i++)
		free(names[i]);
	free(names);
	if (!stats->changed)
		info("ingest: %lld bundles, all unchanged: nothing to do", (long long)stats->seen);
	else
		info("ingest: %lld bundles, %lld new or changed, %lld unchanged",
		     (long long)stats->seen, (long long)stats->changed,
		     (long long)stats->unchanged);
	db_run_end(db, run_id, ret ? 1 : 0, stats->seen, stats->changed, stats->forms,
		   stats->defects);
	store_close(&store);
	strbuf_release(&err);
	return ret;
}
