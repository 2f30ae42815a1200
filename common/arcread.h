/*
 * arcread.h - reading received archives: one libarchive set-up for every
 * stage, and archives that lie inside another file's bytes.
 *
 * Ingest numbers each entry of an archive by the order in which
 * archive_read_next_header() returns it (files.entry); a later stage finds
 * the entry again by reading the same headers with the same set-up, so
 * both must use arc_reader_new().
 *
 * A zip stored (not deflated) inside a bundle is read where it lies:
 * arc_open_range() gives libarchive a window of a file descriptor, with
 * seeking, so its seekable zip reader works as on a file of its own.
 */
#ifndef IIREVIEW_ARCREAD_H
#define IIREVIEW_ARCREAD_H

#include <stdint.h>

struct archive;

/*
 * A reader with the formats and filters iireview accepts, named one by
 * one: "all" would bring in mtree (whose text format makes libarchive open
 * files named inside it) and external decompressor programs.
 */
struct archive *arc_reader_new(void);

/*
 * Open a for reading the bytes [off, off + len) of fd (not closed, not
 * moved: pread only).  The window's state is freed by archive_read_free().
 * ARCHIVE_OK or libarchive's error code.
 */
int arc_open_range(struct archive *a, int fd, uint64_t off, uint64_t len);

#endif
