/*
 * internal.h - what the files of the ingest stage share; not for other stages.
 */
#ifndef IIREVIEW_INGEST_INTERNAL_H
#define IIREVIEW_INGEST_INTERNAL_H

#include "common/defect.h"
#include "common/store.h"
#include "common/strbuf.h"
#include "ingest/ingest.h"

#include <sqlite3.h>
#include <stdint.h>

/* What a file is, as ingest sees it (files.kind in the database). */
enum file_kind {
	FILE_OTHER,
	FILE_ARCHIVE,	       /* a nested archive, read in turn */
	FILE_FORM_PLATFORM,    /* 附件1 江苏省重点工业互联网平台申报书 */
	FILE_FORM_FACTORY,     /* 附件2 江苏省工业互联网标杆工厂申报书 */
	FILE_SUMMARY_PLATFORM, /* 附件5, the platform table */
	FILE_SUMMARY_FACTORY,  /* 附件5, the factory table */
	FILE_SUMMARY,	       /* 附件5 holding both tables (or titled with neither) */
	FILE_ATTACHMENT,
};

const char *file_kind_name(enum file_kind k);

/* One file recorded for the bundle being ingested. */
struct bundle_file {
	int64_t id;
	char *path; /* UTF-8, '/'-separated, nested archives as a.zip/b */
	char *blob; /* SHA-256 of its bytes (a blob of its own only for forms, tables) */
	uint64_t size;
	enum file_kind kind;
	const char *attachment_kind; /* static string or NULL */
	char *enterprise;	     /* forms: the enterprise on the cover */
	char *unit_text;	     /* summaries: what follows 推荐单位 */
	int64_t application_id;
};

/* The state of one bundle version while it is being read. */
struct bundle_ctx {
	sqlite3 *db;
	struct store *store;
	const struct ingest_limits *lim;
	const char *inbox_name; /* for messages */
	int bundle_fd;		/* the bundle's bytes (the inbox file), read with pread */
	int64_t bundle_id;
	uint64_t total;	  /* bytes extracted so far, all levels */
	uint64_t entries; /* entries seen so far, all levels */
	int stopped;	  /* a limit was hit: read no more of this bundle */
	int failed;	  /* an error of our own (database, store) */
	int64_t defects;
	char format[32]; /* the outer archive's format, as libarchive names it */
	struct bundle_file *files;
	size_t nr_files, alloc_files;
	sqlite3_stmt *ins_file, *ins_blob;
};

/* Record a defect for this bundle (file_id 0 when bundle-level). */
void bundle_defect(struct bundle_ctx *b, int64_t file_id, const char *code, const char *field,
		   const char *raw, const char *detail);

/*
 * Read the archive in [off, off + size) of fd, recording its files under
 * prefix ("" at the top, "outer.zip/" inside a nested one).  bundle_off:
 * where that archive's first byte lies in the bundle's blob, or -1 when it
 * lies there only compressed (then its members get no byte ranges).
 * Nested archives are read in turn up to the depth limit.  A corrupt,
 * encrypted or over-limit archive gives a defect; returns -1 only when the
 * archive is not an archive at all (nothing could be read), else 0.
 */
int walk_archive(struct bundle_ctx *b, int fd, uint64_t off, uint64_t size, int64_t bundle_off,
		 const char *prefix, unsigned depth, int64_t parent_id);

/* Read a plain folder bundle (symlinks and devices inside are defects). */
int walk_folder(struct bundle_ctx *b, const char *dir);

/* 1 when a file name looks like an archive that should be opened in turn. */
int is_archive_name(const char *name);

/* Classify a file by its name and, for documents, its content (at blob_path; NULL: name only). */
void classify_file(struct bundle_ctx *b, struct bundle_file *f, const char *blob_path);

/* Tie attachments to applications, create the application rows, find the unit. */
int bind_bundle(struct bundle_ctx *b, const char *unit_hint_name, const char **unit,
		const char **unit_source);

/* What identifies an inbox item without reading it (bundles.size, mtime, dev, ino). */
struct bundle_seen {
	int64_t size, mtime, dev, ino;
};

/*
 * An inbox item with no current bundle under its name whose bytes (sha:
 * archive SHA-256, or a folder's listing digest) are those of a current
 * bundle whose own item left the inbox (names: every item in the inbox
 * now): that bundle is present again, under this name.  1 when so, 0 when
 * the item is to be read as usual, -1 on a database error.  The bytes of
 * a bundle staff withdrew are left unread too (1): withdrawn stays
 * withdrawn.  absence.c.
 *
 * self: a bundle row to leave out of the look-up (0: none): an archive's
 * digest is known only once it has been read, inside the transaction that
 * inserted its own row.  probe: only tell (1 or 0), change nothing and say
 * nothing; the caller rolls its transaction back and asks again for real.
 */
int absence_return(sqlite3 *db, const char *inbox_name, int is_dir, const char *sha,
		   const struct bundle_seen *seen, char *const *names, size_t n, int64_t self,
		   int probe);

/*
 * After the inbox loop: mark current bundles whose item is not among names
 * as missing (kept current), clear the mark of those present, and bring
 * the open "bundle-missing" problems up to date.  0 or -1.
 */
int absence_mark(sqlite3 *db, char *const *names, size_t n);

#endif
