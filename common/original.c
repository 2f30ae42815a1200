#include "original.h"
#include "arcread.h"
#include "fsutil.h"
#include "sha256.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK	(1 << 16)
#define CURSORS 4

/* An archive opened for reading, and how far into it we are. */
struct cursor {
	int64_t key; /* the nested archive's files.id, or -bundles.id for the bundle */
	int fd;
	char *tmp; /* a copy made in store/tmp, removed with the cursor */
	struct archive *a;
	int64_t pos; /* ordinal of the last header read; -1 before the first */
	unsigned used;
	int busy;
};

struct original_reader {
	sqlite3 *db;
	const struct store *st;
	sqlite3_stmt *loc;
	struct cursor *cur[CURSORS];
	unsigned clock;
};

/* Where one file's bytes are (a row of files and its bundle). */
struct loc {
	char sha[SHA256_HEX_LEN + 1], bundle_sha[SHA256_HEX_LEN + 1];
	uint64_t size;
	int64_t entry, data_off, parent_id, bundle_id;
};

struct checked {
	original_sink sink;
	void *ctx;
	struct sha256 h;
	uint64_t n;
};

static int checked_write(struct checked *c, const void *buf, size_t len)
{
	sha256_update(&c->h, buf, len);
	c->n += len;
	return c->sink(c->ctx, buf, len);
}

struct original_reader *original_reader_new(sqlite3 *db, const struct store *st)
{
	struct original_reader *r = xcalloc(1, sizeof(*r));

	r->db = db;
	r->st = st;
	return r;
}

static void cursor_free(struct cursor *c)
{
	if (!c)
		return;
	if (c->a)
		archive_read_free(c->a);
	if (c->fd >= 0)
		close(c->fd);
	if (c->tmp)
		unlink(c->tmp);
	free(c->tmp);
	free(c);
}

void original_reader_free(struct original_reader *r)
{
	if (!r)
		return;
	for (int i = 0; i < CURSORS; i++)
		cursor_free(r->cur[i]);
	sqlite3_finalize(r->loc);
	free(r);
}

static int load_loc(struct original_reader *r, int64_t id, struct loc *l, struct strbuf *err)
{
	int rc;

	if (!r->loc &&
	    sqlite3_prepare_v2(r->db,
			       "SELECT f.sha256, f.size, f.entry, f.data_offset, f.parent_id, "
			       "b.sha256, b.id FROM files f JOIN bundles b ON b.id = f.bundle_id "
			       "WHERE f.id = ?",
			       -1, &r->loc, NULL) != SQLITE_OK) {
		strbuf_addf(err, "database: %s", sqlite3_errmsg(r->db));
		return -1;
	}
	sqlite3_reset(r->loc);
	sqlite3_bind_int64(r->loc, 1, id);
	rc = sqlite3_step(r->loc);
	if (rc != SQLITE_ROW) {
		strbuf_addf(err, "database: file %lld: %s", (long long)id,
			    rc == SQLITE_DONE ? "no such file" : sqlite3_errmsg(r->db));
		return -1;
	}
#define COL_TEXT(i)                                                                                \
	(sqlite3_column_text(r->loc, i) ? (const char *)sqlite3_column_text(r->loc, i) : "")
#define COL_INT(i)                                                                                 \
	(sqlite3_column_type(r->loc, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(r->loc, i))
	snprintf(l->sha, sizeof(l->sha), "%s", COL_TEXT(0));
	l->size = (uint64_t)sqlite3_column_int64(r->loc, 1);
	l->entry = COL_INT(2);
	l->data_off = COL_INT(3);
	l->parent_id = COL_INT(4);
	snprintf(l->bundle_sha, sizeof(l->bundle_sha), "%s", COL_TEXT(5));
	l->bundle_id = sqlite3_column_int64(r->loc, 6);
#undef COL_TEXT
#undef COL_INT
	sqlite3_reset(r->loc);
	return 0;
}

/* Stream len bytes of fd from off. */
static int stream_fd(int fd, uint64_t off, uint64_t len, struct checked *c, const char *what,
		     struct strbuf *err)
{
	static __thread char buf[BLOCK];

	while (len) {
		size_t want = len < sizeof(buf) ? (size_t)len : sizeof(buf);
		ssize_t n = pread(fd, buf, want, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			strbuf_addf(err, "cannot read %s: %s", what,
				    n < 0 ? strerror(errno) : "shorter than recorded");
			return -1;
		}
		if (checked_write(c, buf, (size_t)n)) {
			strbuf_addf(err, "cannot pass on the bytes of %s", what);
			return -1;
		}
		off += (uint64_t)n;
		len -= (uint64_t)n;
	}
	return 0;
}

/* The blob of this digest, opened, when the store has it whole. */
static int open_blob(const struct store *st, const char *sha, uint64_t size)
{
	struct strbuf p = STRBUF_INIT;
	struct stat sb;
	int fd;

	if (!*sha)
		return -1;
	store_blob_path(st, sha, &p);
	fd = open(p.buf, O_RDONLY | O_CLOEXEC);
	strbuf_release(&p);
	if (fd >= 0 && (fstat(fd, &sb) || (uint64_t)sb.st_size != size)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

static int read_file(struct original_reader *r, int64_t id, struct checked *c, struct strbuf *err);

static int write_all_sink(void *ctx, const void *buf, size_t len)
{
	int fd = *(int *)ctx;
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Open the archive that holds a file: the bundle (key < 0) or a nested archive. */
static struct cursor *open_container(struct original_reader *r, const struct loc *l,
				     struct strbuf *err)
{
	struct cursor *c = xcalloc(1, sizeof(*c));
	uint64_t off = 0, len = 0;
	struct stat sb;

	c->fd = -1;
	c->pos = -1;
	if (l->parent_id <= 0) {
		struct strbuf p = STRBUF_INIT;

		c->key = -l->bundle_id;
		store_blob_path(r->st, l->bundle_sha, &p);
		c->fd = open(p.buf, O_RDONLY | O_CLOEXEC);
		if (c->fd < 0 || fstat(c->fd, &sb)) {
			strbuf_addf(err, "cannot open the bundle %s: %s", p.buf, strerror(errno));
			strbuf_release(&p);
			goto fail;
		}
		strbuf_release(&p);
		len = (uint64_t)sb.st_size;
	} else {
		struct loc pl;

		c->key = l->parent_id;
		if (load_loc(r, l->parent_id, &pl, err))
			goto fail;
		len = pl.size;
		c->fd = open_blob(r->st, pl.sha, pl.size);
		if (c->fd < 0 && pl.data_off >= 0) {
			struct strbuf p = STRBUF_INIT;

			store_blob_path(r->st, pl.bundle_sha, &p);
			c->fd = open(p.buf, O_RDONLY | O_CLOEXEC);
			strbuf_release(&p);
			off = (uint64_t)pl.data_off;
		}
		if (c->fd < 0) {
			/* Compressed inside its own container: a copy to read it from. */
			struct strbuf p = STRBUF_INIT;
			struct checked sub = {write_all_sink, &c->fd, {0}, 0};
			char hex[SHA256_HEX_LEN + 1];

			strbuf_addf(&p, "%s/tmp/nested-XXXXXX", r->st->dir);
			c->fd = mkstemp(p.buf);
			if (c->fd < 0) {
				strbuf_addf(err, "cannot create %s: %s", p.buf, strerror(errno));
				strbuf_release(&p);
				goto fail;
			}
			fchmod(c->fd, FILE_MODE);
			c->tmp = strbuf_detach(&p, NULL);
			sha256_init(&sub.h);
			if (read_file(r, l->parent_id, &sub, err)) {
				sha256_abort(&sub.h);
				goto fail;
			}
			sha256_final_hex(&sub.h, hex);
			if (strcmp(hex, pl.sha)) {
				strbuf_addf(err,
					    "the nested archive %lld read back with another digest",
					    (long long)l->parent_id);
				goto fail;
			}
		}
	}
	c->a = arc_reader_new();
	if (arc_open_range(c->a, c->fd, off, len) != ARCHIVE_OK) {
		strbuf_addf(err, "cannot open the archive holding file: %s",
			    archive_error_string(c->a));
		goto fail;
	}
	return c;
fail:
	cursor_free(c);
	return NULL;
}

/* A cursor on the file's container placed just before its entry. */
static struct cursor *find_cursor(struct original_reader *r, const struct loc *l, int *slot,
				  struct strbuf *err)
{
	int64_t key = l->parent_id > 0 ? l->parent_id : -l->bundle_id;
	int free_slot = -1;
	struct cursor *c;

	for (int i = 0; i < CURSORS; i++) {
		c = r->cur[i];
		if (c && c->key == key && !c->busy) {
			if (c->pos < l->entry) {
				*slot = i;
				return c;
			}
			cursor_free(c); /* behind us: reopen */
			r->cur[i] = NULL;
		}
	}
	c = open_container(r, l, err);
	if (!c)
		return NULL;
	/* Opening may have used other slots (a nested archive's parent): choose now. */
	for (int i = 0; i < CURSORS; i++)
		if (!r->cur[i]) {
			free_slot = i;
			break;
		}
	if (free_slot < 0)
		for (int i = 0; i < CURSORS; i++)
			if (!r->cur[i]->busy &&
			    (free_slot < 0 || r->cur[i]->used < r->cur[free_slot]->used))
				free_slot = i;
	if (free_slot < 0) {
		cursor_free(c);
		strbuf_addstr(err, "archives nested too deep to read back");
		return NULL;
	}
	cursor_free(r->cur[free_slot]);
	r->cur[free_slot] = c;
	*slot = free_slot;
	return c;
}

static int read_entry(struct original_reader *r, const struct loc *l, struct checked *ck,
		      struct strbuf *err)
{
	static __thread char buf[BLOCK];
	struct archive_entry *e;
	struct cursor *c;
	int slot, ret = -1;
	la_ssize_t n;

	c = find_cursor(r, l, &slot, err);
	if (!c)
		return -1;
	c->busy = 1;
	c->used = ++r->clock;
	while (c->pos < l->entry) {
		int rc = archive_read_next_header(c->a, &e);

		if (rc == ARCHIVE_RETRY)
			continue;
		if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
			strbuf_addf(err, "entry %lld not found again in its archive (%s)",
				    (long long)l->entry,
				    rc == ARCHIVE_EOF ? "end of archive"
						      : archive_error_string(c->a));
			goto out;
		}
		c->pos++;
	}
	while ((n = archive_read_data(c->a, buf, sizeof(buf))) > 0)
		if (checked_write(ck, buf, (size_t)n)) {
			strbuf_addstr(err, "cannot pass on the bytes read");
			goto out;
		}
	if (n < 0) {
		strbuf_addf(err, "cannot read entry %lld: %s", (long long)l->entry,
			    archive_error_string(c->a));
		goto out;
	}
	ret = 0;
out:
	c->busy = 0;
	if (ret) {
		cursor_free(c);
		r->cur[slot] = NULL;
	}
	return ret;
}

static int read_file(struct original_reader *r, int64_t id, struct checked *c, struct strbuf *err)
{
	struct loc l;
	int fd, ret;

	if (load_loc(r, id, &l, err))
		return -1;
	fd = open_blob(r->st, l.sha, l.size);
	if (fd >= 0) {
		ret = stream_fd(fd, 0, l.size, c, "a stored file", err);
		close(fd);
		return ret;
	}
	if (l.data_off >= 0) {
		struct strbuf p = STRBUF_INIT;

		store_blob_path(r->st, l.bundle_sha, &p);
		fd = open(p.buf, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			strbuf_addf(err, "cannot open the bundle %s: %s", p.buf, strerror(errno));
			strbuf_release(&p);
			return -1;
		}
		ret = stream_fd(fd, (uint64_t)l.data_off, l.size, c, p.buf, err);
		close(fd);
		strbuf_release(&p);
		return ret;
	}
	if (l.entry >= 0)
		return read_entry(r, &l, c, err);
	strbuf_addf(err, "file %lld has no stored copy and no place in its bundle", (long long)id);
	return -1;
}

int original_read(struct original_reader *r, int64_t file_id, original_sink sink, void *ctx,
		  struct strbuf *err)
{
	struct checked c = {sink, ctx, {0}, 0};
	char hex[SHA256_HEX_LEN + 1];
	struct loc l;

	if (load_loc(r, file_id, &l, err))
		return -1;
	sha256_init(&c.h);
	if (read_file(r, file_id, &c, err)) {
		sha256_abort(&c.h);
		return -1;
	}
	sha256_final_hex(&c.h, hex);
	if (c.n != l.size || strcmp(hex, l.sha)) {
		strbuf_addf(err,
			    "file %lld read back as %llu bytes with SHA-256 %s, recorded %llu "
			    "bytes %s: the store is damaged",
			    (long long)file_id, (unsigned long long)c.n, hex,
			    (unsigned long long)l.size, l.sha);
		return -1;
	}
	return 0;
}
