/*
 * walk.c - index archives and folders, entry by entry.
 *
 * Every entry is streamed (constant memory whatever its size) and hashed;
 * it is recorded with where it lies (its header's ordinal, and the byte
 * range of a zip member stored as-is), not copied: the bundle itself is the
 * stored copy.  Documents are copied while hashed so that classify can read
 * them, and the copy is kept as a blob only for forms and summary tables;
 * a plain folder's files are blobs.  Names are made UTF-8 (GBK names from
 * Chinese zip tools are converted, see utf8.h).  Nothing is ever written
 * under an entry's own name, so a hostile name cannot reach outside the
 * store; such entries are still refused and reported.
 */
#include "ingest/internal.h"

#include "common/arcread.h"
#include "common/crashpoint.h"
#include "common/db.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/utf8.h"
#include "common/xalloc.h"
#include "common/zipdir.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_BLOCK (1 << 16)

int is_archive_name(const char *name)
{
	static const char *const exts[] = {"zip", "rar", "7z",	"tar", "tgz", "tbz", "tbz2",
					   "txz", "gz",	 "bz2", "xz",  "zst", "cab", "lzh"};
	char ext[16];

	path_ext(name, ext);
	for (size_t i = 0; i < ARRAY_SIZE(exts); i++)
		if (!strcmp(ext, exts[i]))
			return 1;
	return 0;
}

/* A short name for what a bundle is: "zip", "7z", "tar.gz"... */
static void format_label(struct archive *a, char *out, size_t size)
{
	static const struct {
		int code;
		const char *name;
	} formats[] = {
	    {ARCHIVE_FORMAT_ZIP, "zip"},     {ARCHIVE_FORMAT_7ZIP, "7z"},
	    {ARCHIVE_FORMAT_RAR, "rar"},     {ARCHIVE_FORMAT_RAR_V5, "rar5"},
	    {ARCHIVE_FORMAT_TAR, "tar"},     {ARCHIVE_FORMAT_CPIO, "cpio"},
	    {ARCHIVE_FORMAT_CAB, "cab"},     {ARCHIVE_FORMAT_LHA, "lha"},
	    {ARCHIVE_FORMAT_ISO9660, "iso"},
	};
	const char *name = "archive", *filter = "";
	int base = archive_format(a) & ARCHIVE_FORMAT_BASE_MASK;

	for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
		if (formats[i].code == base)
			name = formats[i].name;
	switch (archive_filter_code(a, 0)) {
	case ARCHIVE_FILTER_GZIP:
		filter = ".gz";
		break;
	case ARCHIVE_FILTER_BZIP2:
		filter = ".bz2";
		break;
	case ARCHIVE_FILTER_XZ:
		filter = ".xz";
		break;
	case ARCHIVE_FILTER_ZSTD:
		filter = ".zst";
		break;
	default:
		break;
	}
	snprintf(out, size, "%s%s", name, filter);
}

/* 1 when the name is absolute, has a drive letter, or climbs with "..". */
static int unsafe_name(const char *name)
{
	const char *p;

	/* "./C:\x" (bsdtar's names for a folder's contents) is "C:\x" once cleaned. */
	while (name[0] == '.' && (name[1] == '/' || name[1] == '\\'))
		name += 2;
	p = name;
	if (name[0] == '/' || name[0] == '\\')
		return 1;
	if (((name[0] | 0x20) >= 'a' && (name[0] | 0x20) <= 'z') && name[1] == ':')
		return 1;
	while (*p) {
		size_t n = strcspn(p, "/\\");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

/* Clean an entry name: '\\' as '/', no "./" or empty components, no trailing '/'. */
static void clean_name(const char *in, struct strbuf *out)
{
	const char *p = in;

	strbuf_reset(out);
	while (*p) {
		size_t n = strcspn(p, "/\\");

		if (n && !(n == 1 && p[0] == '.')) {
			if (out->len)
				strbuf_addch(out, '/');
			strbuf_add(out, p, n);
		}
		p += n;
		if (*p)
			p++;
	}
}

/* The entry's name as UTF-8, and how it was decoded. */
static const char *entry_name(struct archive_entry *e, struct strbuf *out)
{
	const char *raw = archive_entry_pathname(e);
	int r;

	strbuf_reset(out);
	if (!raw)
		raw = archive_entry_pathname_utf8(e);
	if (!raw)
		return NULL;
	r = to_utf8(raw, strlen(raw), out);
	return r == 0 ? "utf-8" : r == 1 ? "gb18030" : "escaped";
}

/* Where a file lies: its header in its archive, its bytes in the bundle's blob. */
struct place {
	int64_t entry;	  /* header ordinal in its archive; -1: a folder's file */
	int64_t data_off; /* offset of its bytes as-is in the bundle's blob, or -1 */
};

static int record_file(struct bundle_ctx *b, const char *path, const char *raw_name,
		       const char *encoding, int64_t parent_id, unsigned depth, const char *hex,
		       uint64_t size, const struct place *at)
{
	struct bundle_file *f;
	sqlite3_stmt *st = b->ins_blob;

	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)size);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto db_error;

	st = b->ins_file;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, b->bundle_id);
	db_bind_text(st, 2, path);
	if (raw_name && strcmp(encoding, "utf-8"))
		sqlite3_bind_blob(st, 3, raw_name, (int)strlen(raw_name), SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 3);
	db_bind_text(st, 4, encoding);
	if (parent_id > 0)
		sqlite3_bind_int64(st, 5, parent_id);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_int(st, 6, (int)depth);
	db_bind_text(st, 7, hex);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)size);
	if (at->entry >= 0)
		sqlite3_bind_int64(st, 9, at->entry);
	else
		sqlite3_bind_null(st, 9);
	if (at->data_off >= 0)
		sqlite3_bind_int64(st, 10, at->data_off);
	else
		sqlite3_bind_null(st, 10);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto db_error;

	ALLOC_GROW(b->files, b->nr_files + 1, b->alloc_files);
	f = &b->files[b->nr_files++];
	memset(f, 0, sizeof(*f));
	f->id = sqlite3_last_insert_rowid(b->db);
	f->path = xstrdup(path);
	f->blob = xstrdup(hex);
	f->size = size;
	return 0;
db_error:
	b->failed = 1;
	return error("database: cannot record %s: %s", path, sqlite3_errmsg(b->db));
}

/*
 * What later stages read by content, kept as blobs of their own: forms and
 * summary tables (small; normalize parses them by path).  Everything else
 * is read back from the bundle (common/original.h).
 */
/*
 * What normalize reads by its blob: the forms and every kind of 附件5 file
 * (one that holds both tables, or names neither, is FILE_SUMMARY).
 */
static int keep_as_blob(enum file_kind k)
{
	return k == FILE_FORM_PLATFORM || k == FILE_FORM_FACTORY || k == FILE_SUMMARY_PLATFORM ||
	       k == FILE_SUMMARY_FACTORY || k == FILE_SUMMARY;
}

/* Names whose content classify_file() or normalize may read: copied while hashed. */
static int content_needed(const char *name)
{
	static const char *const exts[] = {"docx", "docm", "xlsx", "xlsm", "doc",
					   "wps",  "xls",  "et",   "txt",  "md"};

	return path_ext_in(name, exts, ARRAY_SIZE(exts));
}

/*
 * Shared by archives and folders once a file's bytes are hashed.  content:
 * a path holding its bytes (a blob, or the copy w is making), or NULL when
 * none was made; w: the copy, committed into the store when the file is a
 * form or summary table, else dropped.
 */
static void file_hashed(struct bundle_ctx *b, const char *path, const char *raw_name,
			const char *encoding, int64_t parent_id, unsigned depth, const char *hex,
			uint64_t size, const struct place *at, const char *content,
			struct store_writer *w)
{
	struct bundle_file *f;
	struct strbuf err = STRBUF_INIT;

	if (record_file(b, path, raw_name, encoding, parent_id, depth, hex, size, at)) {
		if (w)
			store_writer_abort(w);
		return;
	}
	f = &b->files[b->nr_files - 1];
	if (is_archive_name(path)) {
		struct strbuf prefix = STRBUF_INIT;
		int64_t id = f->id;

		f->kind = FILE_ARCHIVE;
		if (depth + 1 > b->lim->max_depth) {
			struct strbuf d = STRBUF_INIT;

			strbuf_addf(&d, "压缩包嵌套超过%u层，内层压缩包“%s”未读取",
				    b->lim->max_depth, path);
			bundle_defect(b, id, "ARCHIVE_LIMIT", "nesting", path, d.buf);
			strbuf_release(&d);
		} else {
			int fd = -1, r;

			strbuf_addf(&prefix, "%s/", path);
			/* Where it lies in the bundle, else the copy made while hashing. */
			if (at->data_off >= 0)
				r = walk_archive(b, b->bundle_fd, (uint64_t)at->data_off, size,
						 at->data_off, prefix.buf, depth + 1, id);
			else if (content && (fd = open(content, O_RDONLY | O_CLOEXEC)) >= 0)
				r = walk_archive(b, fd, 0, size, -1, prefix.buf, depth + 1, id);
			else
				r = -2;
			if (fd >= 0)
				close(fd);
			if (r == -2) {
				b->failed = 1;
				error("ingest: %s: %s: no copy of the nested archive to read",
				      b->inbox_name, path);
			} else if (r < 0) {
				struct strbuf d = STRBUF_INIT;

				/* The walk grows b->files: find the entry again by id, not by f. */
				for (size_t i = 0; i < b->nr_files; i++)
					if (b->files[i].id == id)
						b->files[i].kind = FILE_OTHER;
				/* Named like an archive but is not one: keep it as a file. */
				strbuf_addf(&d, "“%s”名为压缩包，但不是可识别的压缩包格式", path);
				bundle_defect(b, id, "ARCHIVE_CORRUPT", NULL, path, d.buf);
				strbuf_release(&d);
			}
		}
		strbuf_release(&prefix);
		if (w)
			store_writer_abort(w); /* read where it lies in the bundle from now on */
		return;
	}
	classify_file(b, f, content);
	if (!w)
		return;
	if (keep_as_blob(f->kind)) {
		char kept[SHA256_HEX_LEN + 1];

		if (store_writer_commit(w, kept, &err)) {
			b->failed = 1;
			error("ingest: %s", err.buf);
		}
	} else {
		store_writer_abort(w);
	}
	strbuf_release(&err);
}

/* Why an archive read failed: encrypted or corrupt. */
static const char *failure_code(struct archive *a)
{
	const char *msg = archive_error_string(a);

	/* Asked before a format was recognized, libarchive dereferences NULL. */
	if (archive_format(a) && archive_read_has_encrypted_entries(a) > 0)
		return "ARCHIVE_ENCRYPTED";
	if (msg && (strstr(msg, "ncrypt") || strstr(msg, "assphrase")))
		return "ARCHIVE_ENCRYPTED";
	return "ARCHIVE_CORRUPT";
}

static void archive_failed(struct bundle_ctx *b, struct archive *a, int64_t parent_id,
			   const char *where)
{
	const char *code = failure_code(a);
	const char *msg = archive_error_string(a);
	struct strbuf d = STRBUF_INIT;

	if (!strcmp(code, "ARCHIVE_ENCRYPTED"))
		strbuf_addf(&d, "“%s”已加密，无法读取", where);
	else
		strbuf_addf(&d, "“%s”读取失败（%s），其后内容未读取", where,
			    msg ? msg : "unknown error");
	warning("ingest: %s: %s: %s (%s)", b->inbox_name, where, msg ? msg : "read error", code);
	bundle_defect(b, parent_id, code, NULL, where, d.buf);
	strbuf_release(&d);
}

/* 1 when the len bytes at off of the bundle are buf (the range ingest will record). */
static int same_bytes(int fd, int64_t off, const void *buf, size_t len)
{
	static char cmp[READ_BLOCK];
	size_t got = 0;

	while (got < len) {
		ssize_t n = pread(fd, cmp + got, len - got, (off_t)off + (off_t)got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		got += (size_t)n;
	}
	return !memcmp(cmp, buf, len);
}

/*
 * Hash the current entry, copying it into w as well when copy is set or
 * when it must be read again and lies nowhere in the bundle as-is (a nested
 * archive inside compressed data).  Returns 0 with hex set and *copied
 * saying whether w holds the bytes; 1 when the entry was dropped (a defect
 * says why; *stop set when the rest of the archive must not be read); -1
 * on an error of our own.  at->data_off is cleared when the bytes there
 * are not the entry's.
 */
static int hash_entry(struct bundle_ctx *b, struct archive *a, uint64_t container_size,
		      uint64_t *container_out, const char *path, int64_t parent_id, int copy,
		      int archive_entry_again, struct place *at, struct store_writer *w,
		      int *copied, char hex[SHA256_HEX_LEN + 1], uint64_t *size, int *stop)
{
	struct strbuf err = STRBUF_INIT;
	static const char zeros[READ_BLOCK];
	struct sha256 h;
	uint64_t n = 0;
	const void *blk;
	size_t got;
	la_int64_t at_off;
	int rc;

	*copied = 0;
	sha256_init(&h);
	/* Blocks as libarchive holds them (no copy); a sparse entry's holes are zeros. */
	/* A warning (a bad CRC, a wrong size) fails the entry, as archive_read_data() does. */
	while ((rc = archive_read_data_block(a, &blk, &got, &at_off)) == ARCHIVE_OK) {
		uint64_t hole = at_off >= 0 && (uint64_t)at_off > n ? (uint64_t)at_off - n : 0;

		while (hole || got) {
			const char *why = NULL;
			struct strbuf d = STRBUF_INIT;
			const void *p = blk;
			size_t len = got;

			if (hole) {
				len = hole < READ_BLOCK ? (size_t)hole : READ_BLOCK;
				p = zeros;
				hole -= len;
			} else {
				got = 0;
			}
			if (!n && at->data_off >= 0 &&
			    !same_bytes(b->bundle_fd, at->data_off, p,
					len < READ_BLOCK ? len : READ_BLOCK))
				at->data_off = -1; /* the directory misled us: read by entry */
			if (!n && (copy || (archive_entry_again && at->data_off < 0))) {
				if (store_writer_begin(b->store, w, &err))
					goto own_error;
				*copied = 1;
			}
			n += (uint64_t)len;
			b->total += (uint64_t)len;
			*container_out += (uint64_t)len;
			if (n > b->lim->max_entry_size)
				why = "单个文件超过大小限制";
			else if (b->total > b->lim->max_total_size)
				why = "报送材料总大小超过限制";
			else if (*container_out > b->lim->ratio_floor &&
				 *container_out / (container_size ? container_size : 1) >=
				     b->lim->max_ratio)
				why = "压缩比异常（疑似压缩炸弹）";
			if (why) {
				strbuf_addf(&d, "“%s”：%s，已停止读取该压缩包", path, why);
				warning(
				    "ingest: %s: %s: limit hit after %llu bytes (ARCHIVE_LIMIT)",
				    b->inbox_name, path, (unsigned long long)n);
				bundle_defect(b, parent_id, "ARCHIVE_LIMIT", "size", path, d.buf);
				strbuf_release(&d);
				goto dropped_stop;
			}
			if (*copied) {
				if (store_writer_write(w, p, len, &err))
					goto own_error;
			} else {
				sha256_update(&h, p, len);
			}
		}
	}
	if (rc != ARCHIVE_EOF) {
		archive_failed(b, a, parent_id, path);
		goto dropped_stop;
	}
	if (!n && copy) {
		/* An empty document: an empty copy, so that classify reads something. */
		if (store_writer_begin(b->store, w, &err))
			goto own_error;
		*copied = 1;
	}
	if (*copied) {
		/* The writer hashed the bytes itself. */
		sha256_abort(&h);
		store_writer_digest(w, hex);
	} else {
		sha256_final_hex(&h, hex);
	}
	*size = n;
	return 0;
dropped_stop:
	sha256_abort(&h);
	if (*copied)
		store_writer_abort(w);
	*copied = 0;
	*stop = 1;
	return 1;
own_error:
	sha256_abort(&h);
	if (*copied)
		store_writer_abort(w);
	*copied = 0;
	b->failed = 1;
	error("ingest: %s", err.buf);
	strbuf_release(&err);
	return -1;
}

static void unsafe_entry(struct bundle_ctx *b, int64_t parent_id, const char *name,
			 const char *why_en, const char *why_zh)
{
	struct strbuf d = STRBUF_INIT;

	strbuf_addf(&d, "条目“%s”%s，已忽略", name, why_zh);
	warning("ingest: %s: entry '%s': %s (ARCHIVE_UNSAFE_ENTRY)", b->inbox_name, name, why_en);
	bundle_defect(b, parent_id, "ARCHIVE_UNSAFE_ENTRY", "entry", name, d.buf);
	strbuf_release(&d);
}

int walk_archive(struct bundle_ctx *b, int fd, uint64_t off, uint64_t size, int64_t bundle_off,
		 const char *prefix, unsigned depth, int64_t parent_id)
{
	struct archive *a = arc_reader_new();
	struct archive_entry *e;
	struct strbuf name = STRBUF_INIT, clean = STRBUF_INIT, path = STRBUF_INIT;
	struct zipdir zd = {0};
	uint64_t extracted = 0;
	int64_t ordinal = -1;
	int first = 1, ret = 0, r;
	const char *where = *prefix ? prefix : b->inbox_name;

	if (arc_open_range(a, fd, off, size) != ARCHIVE_OK) {
		const char *msg = archive_error_string(a);

		if (msg && strstr(msg, "Unrecognized archive format"))
			ret = -1; /* not an archive: the caller decides */
		else
			archive_failed(b, a, parent_id, where);
		goto out;
	}
	while (!b->stopped && !b->failed) {
		const char *enc, *raw;
		int stop = 0, copied = 0;
		char hex[SHA256_HEX_LEN + 1];
		uint64_t n = 0;
		struct place at;
		struct store_writer w;

		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r == ARCHIVE_RETRY)
			continue;
		if (r == ARCHIVE_FATAL) {
			const char *msg = archive_error_string(a);

			if (first && msg && strstr(msg, "Unrecognized archive format")) {
				ret = -1; /* not an archive: the caller decides */
				break;
			}
			archive_failed(b, a, parent_id, where);
			break;
		}
		ordinal++; /* as common/original.c counts them when it reads the entry back */
		if (first) {
			if (depth == 0)
				format_label(a, b->format, sizeof(b->format));
			/* Stored members of a zip lying as-is in the bundle: their ranges. */
			if (bundle_off >= 0 &&
			    (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP &&
			    archive_filter_code(a, 0) == ARCHIVE_FILTER_NONE)
				zipdir_read(&zd, fd, off, size);
		}
		first = 0;
		if (++b->entries > b->lim->max_entries) {
			struct strbuf d = STRBUF_INIT;

			strbuf_addf(&d, "条目数超过%llu个，其余内容未读取",
				    (unsigned long long)b->lim->max_entries);
			bundle_defect(b, parent_id, "ARCHIVE_LIMIT", "entries", where, d.buf);
			strbuf_release(&d);
			b->stopped = 1;
			break;
		}
		enc = entry_name(e, &name);
		if (!enc) {
			unsafe_entry(b, parent_id, "(无名称)", "entry without a name", "没有名称");
			continue;
		}
		if (archive_entry_filetype(e) == AE_IFDIR)
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s%s", prefix, name.buf);
		if (unsafe_name(name.buf)) {
			unsafe_entry(b, parent_id, path.buf, "path outside the bundle",
				     "的路径指向压缩包以外（绝对路径、盘符或“..”）");
			continue;
		}
		if (archive_entry_hardlink(e)) {
			unsafe_entry(b, parent_id, path.buf, "hard link", "是硬链接");
			continue;
		}
		if (archive_entry_filetype(e) == AE_IFLNK) {
			unsafe_entry(b, parent_id, path.buf, "symbolic link", "是符号链接");
			continue;
		}
		if (archive_entry_filetype(e) != AE_IFREG) {
			unsafe_entry(b, parent_id, path.buf, "device or special file",
				     "是设备文件或特殊文件");
			continue;
		}
		if (archive_entry_is_encrypted(e)) {
			struct strbuf d = STRBUF_INIT;

			strbuf_addf(&d, "“%s”已加密，无法读取", path.buf);
			warning("ingest: %s: %s: encrypted (ARCHIVE_ENCRYPTED)", b->inbox_name,
				path.buf);
			bundle_defect(b, parent_id, "ARCHIVE_ENCRYPTED", "entry", path.buf, d.buf);
			strbuf_release(&d);
			continue;
		}
		clean_name(name.buf, &clean);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s%s", prefix, clean.buf);
		at.entry = ordinal;
		at.data_off = -1;
		raw = archive_entry_pathname(e);
		if (zd.n && raw && archive_entry_size_is_set(e)) {
			int64_t o =
			    zipdir_find(&zd, raw, strlen(raw), (uint64_t)archive_entry_size(e));

			if (o >= 0)
				at.data_off = bundle_off + o;
		}
		r = hash_entry(b, a, size, &extracted, path.buf, parent_id,
			       content_needed(path.buf), is_archive_name(path.buf), &at, &w,
			       &copied, hex, &n, &stop);
		if (r < 0) {
			break;
		} else if (r > 0) {
			if (stop)
				b->stopped = 1;
			continue;
		}
		crash_point("ingest-entry");
		file_hashed(b, path.buf, raw, enc, parent_id, depth, hex, n, &at,
			    copied ? w.tmp_path : NULL, copied ? &w : NULL);
	}
	/* Limits stop the whole bundle; corruption stops only this archive. */
out:
	zipdir_release(&zd);
	archive_read_free(a);
	strbuf_release(&name);
	strbuf_release(&clean);
	strbuf_release(&path);
	return ret;
}

static int by_name(const struct dirent **x, const struct dirent **y)
{
	return strcmp((*x)->d_name, (*y)->d_name);
}

static void walk_dir(struct bundle_ctx *b, const char *dir, const char *rel)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, by_name);

	if (n < 0) {
		b->failed = 1;
		error("ingest: cannot read folder %s: %s", dir, strerror(errno));
		return;
	}
	for (int i = 0; i < n; i++) {
		struct strbuf full = STRBUF_INIT, path = STRBUF_INIT, name = STRBUF_INIT;
		const char *d = list[i]->d_name;
		struct stat st;
		int r;

		if (b->stopped || b->failed || !strcmp(d, ".") || !strcmp(d, "..")) {
			free(list[i]);
			continue;
		}
		strbuf_addf(&full, "%s/%s", dir, d);
		r = to_utf8(d, strlen(d), &name);
		strbuf_addf(&path, "%s%s%s", rel, *rel ? "/" : "", name.buf);
		if (lstat(full.buf, &st)) {
			error("ingest: cannot stat %s: %s", full.buf, strerror(errno));
			b->failed = 1;
		} else if (S_ISDIR(st.st_mode)) {
			walk_dir(b, full.buf, path.buf);
		} else if (S_ISLNK(st.st_mode)) {
			unsafe_entry(b, 0, path.buf, "symbolic link", "是符号链接");
		} else if (!S_ISREG(st.st_mode)) {
			unsafe_entry(b, 0, path.buf, "device or special file",
				     "是设备文件或特殊文件");
		} else if (++b->entries > b->lim->max_entries) {
			bundle_defect(b, 0, "ARCHIVE_LIMIT", "entries", b->inbox_name,
				      "文件夹内文件数超过限制，其余内容未读取");
			b->stopped = 1;
		} else {
			struct strbuf err = STRBUF_INIT;
			char hex[SHA256_HEX_LEN + 1];
			uint64_t size = 0;

			if (store_put_file(b->store, full.buf, hex, &size, &err)) {
				error("ingest: %s", err.buf);
				b->failed = 1;
			} else {
				struct strbuf blob = STRBUF_INIT;
				struct place at = {-1, -1};

				/* A folder is not kept anywhere else: its files are blobs. */
				b->total += size;
				store_blob_path(b->store, hex, &blob);
				file_hashed(b, path.buf, d,
					    r == 0   ? "utf-8"
					    : r == 1 ? "gb18030"
						     : "escaped",
					    0, 0, hex, size, &at, blob.buf, NULL);
				strbuf_release(&blob);
			}
			strbuf_release(&err);
		}
		strbuf_release(&full);
		strbuf_release(&path);
		strbuf_release(&name);
		free(list[i]);
	}
	free(list);
}

int walk_folder(struct bundle_ctx *b, const char *dir)
{
	walk_dir(b, dir, "");
	return b->failed ? -1 : 0;
}
