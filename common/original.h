/*
 * original.h - the original bytes of a file received inside a bundle.
 *
 * Ingest keeps each bundle once, as received, and records for every file
 * inside it where its bytes are (files.entry, files.data_offset; see
 * docs/ingest.md).  This reads them back, in this order of preference:
 *
 *   1. a blob of its own in the store (forms and summary tables, the files
 *      of a plain-folder bundle, everything ingested before schema 10);
 *   2. its byte range in the bundle's blob (a zip member stored without
 *      compression, nested stored zips included): one pread() stream;
 *   3. its entry in its archive (the bundle, or the nested archive
 *      parent_id), read with libarchive up to that entry.  A reader keeps
 *      its place in each archive it opened, so files asked for in entry
 *      order stream a solid 7z or a tar.gz once; going backwards reopens
 *      the archive.  A nested archive that is itself compressed is first
 *      copied to store/tmp (removed when the reader moves on or is freed).
 *
 * Every read is checked against the SHA-256 ingest recorded: a mismatch is
 * an error (the store was damaged), and the bytes already given to the
 * sink must be thrown away by the caller.
 *
 *	struct original_reader *r = original_reader_new(db, store);
 *	original_read(r, file_id, sink, ctx, &err);	// as often as needed
 *	original_reader_free(r);
 */
#ifndef IIREVIEW_ORIGINAL_H
#define IIREVIEW_ORIGINAL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

struct store;
struct strbuf;
struct original_reader;

/* Receives the bytes in order; returns 0, or -1 to stop the read. */
typedef int (*original_sink)(void *ctx, const void *buf, size_t len);

struct original_reader *original_reader_new(sqlite3 *db, const struct store *st);
/* Stream files.id = file_id into sink.  0, or -1 with the reason in err. */
int original_read(struct original_reader *r, int64_t file_id, original_sink sink, void *ctx,
		  struct strbuf *err);
void original_reader_free(struct original_reader *r);

#endif
