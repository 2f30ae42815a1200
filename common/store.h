/*
 * store.h - the content-addressed store of every byte the office received.
 *
 * Each byte string is kept once under store/ab/cdef... (its SHA-256),
 * whatever name or bundle it came in, so that review packets can be built
 * from the original bytes even after a city's bundle was replaced in the
 * inbox.  A bundle is kept as received; the files inside it are not copied
 * again but read back from it (original.h), except the forms and summary
 * tables, which are also blobs of their own, and the files of a plain-folder
 * bundle, which exist nowhere else (docs/ingest.md).  Blobs are written
 * under a temporary name and renamed into place, so a blob that exists is
 * always complete; a killed run leaves at most an orphan temporary file,
 * removed by the next store_open().
 *
 *	struct store_writer w;
 *	store_writer_begin(st, &w);
 *	store_writer_write(&w, buf, n);		// streamed, constant memory
 *	store_writer_commit(&w, hex);		// or store_writer_abort(&w)
 */
#ifndef IIREVIEW_STORE_H
#define IIREVIEW_STORE_H

#include "sha256.h"

#include <stdint.h>

struct strbuf;

struct store {
	char *dir;
};

struct store_writer {
	struct store *st;
	struct sha256 hash;
	char *tmp_path;
	int fd;
	uint64_t size;
	char hex[SHA256_HEX_LEN + 1]; /* once store_writer_digest() was called */
};

/* Create (if needed) and open the store at dir.  0 or -1 (message in err). */
int store_open(struct store *st, const char *dir, struct strbuf *err);
void store_close(struct store *st);

/* The path of the blob with this digest (whether or not it exists). */
void store_blob_path(const struct store *st, const char *hex, struct strbuf *out);

int store_writer_begin(struct store *st, struct store_writer *w, struct strbuf *err);
/* Append bytes; -1 on a write error (disk full...), message in err. */
int store_writer_write(struct store_writer *w, const void *buf, size_t len, struct strbuf *err);
/*
 * Finish: hash, move into place (or drop the copy when the blob is already
 * there).  hex receives the digest.  After commit or abort, w is spent.
 */
int store_writer_commit(struct store_writer *w, char hex[SHA256_HEX_LEN + 1], struct strbuf *err);
void store_writer_abort(struct store_writer *w);
/*
 * The digest of what was written so far, into hex; after this, only commit
 * or abort (no more writes).  Lets a caller decide by the digest whether
 * the bytes are worth keeping.
 */
void store_writer_digest(struct store_writer *w, char hex[SHA256_HEX_LEN + 1]);

/*
 * Flush everything written to the store's file system to disk (syncfs), so
 * that what the database names survives a power cut.  0 or -1 with err.
 */
int store_sync(const struct store *st, struct strbuf *err);

/* Copy a whole file into the store.  0 or -1. */
int store_put_file(struct store *st, const char *path, char hex[SHA256_HEX_LEN + 1], uint64_t *size,
		   struct strbuf *err);

#endif
