/*
 * zipdir.h - where the stored (not deflated) members of a zip lie.
 *
 * Ingest does not copy the files inside a bundle; it records where they
 * are.  For a zip member kept without compression or encryption that is a
 * byte range of the bundle, so a later stage reads it with one pread(), no
 * scan and no libarchive.  libarchive does not tell where a member's data
 * starts, so the zip's central directory is read here once per archive
 * (bounded: at most ZIPDIR_MAX_CD bytes) and each member is found by its
 * raw name and size.
 *
 * The result is a hint, never trusted alone: whoever reads a range checks
 * its SHA-256 against the digest ingest computed through libarchive, and a
 * zip this parser does not understand (prefixed data, duplicate names, a
 * damaged directory) only gives no ranges.
 */
#ifndef IIREVIEW_ZIPDIR_H
#define IIREVIEW_ZIPDIR_H

#include <stddef.h>
#include <stdint.h>

#define ZIPDIR_MAX_CD (32u << 20)

struct zipdir_entry {
	uint32_t name_off; /* into zipdir.names */
	uint32_t name_len;
	uint64_t size;
	uint64_t data_off; /* relative to the start of the zip */
};

struct zipdir {
	struct zipdir_entry *v; /* sorted by name */
	size_t n;
	char *names;
};

/* Read the zip in [base, base + len) of fd; zd may end up empty, never an error. */
void zipdir_read(struct zipdir *zd, int fd, uint64_t base, uint64_t len);
/* The data offset of the one stored member with this name and size, or -1. */
int64_t zipdir_find(const struct zipdir *zd, const char *name, size_t name_len, uint64_t size);
void zipdir_release(struct zipdir *zd);

#endif
