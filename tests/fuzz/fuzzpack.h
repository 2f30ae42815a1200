/*
 * fuzzpack.h - the fuzz targets' one way of packing fuzz bytes as the
 * word/document.xml of a minimal .docx, in memory (libarchive's writer).
 * A header of static inline functions (inline: a target that uses only some
 * of them builds warning-free with gcc too, for its replay): each target is
 * its own program.
 */
#ifndef IIREVIEW_FUZZPACK_H
#define IIREVIEW_FUZZPACK_H

#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdlib.h>

static inline void fuzzpack_add(struct archive *a, const char *name, const void *buf, size_t len)
{
	struct archive_entry *e = archive_entry_new();

	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)len);
	archive_write_header(a, e);
	archive_write_data(a, buf, len);
	archive_entry_free(e);
}

/*
 * Pack the n parts (names[i], data[i] of lens[i] bytes) into a zip; returns
 * it in a malloc'd buffer, its length in *zlen.
 */
static inline unsigned char *fuzzpack(const char *const *names, const void *const *data,
				      const size_t *lens, size_t n, size_t *zlen)
{
	size_t cap = 4096;
	unsigned char *buf;
	struct archive *a = archive_write_new();

	for (size_t i = 0; i < n; i++)
		cap += lens[i] + 512;
	buf = malloc(cap);
	*zlen = 0;
	archive_write_set_format_zip(a);
	archive_write_set_bytes_in_last_block(a, 1);
	archive_write_open_memory(a, buf, cap, zlen);
	for (size_t i = 0; i < n; i++)
		fuzzpack_add(a, names[i], data[i], lens[i]);
	archive_write_close(a);
	archive_write_free(a);
	return buf;
}

/* Pack xml as the word/document.xml of a minimal .docx. */
static inline unsigned char *fuzzpack_docx(const uint8_t *xml, size_t len, size_t *zlen)
{
	static const char types[] = "<Types xmlns=\"http://schemas.openxmlformats.org/package/"
				    "2006/content-types\"/>";
	static const char *const names[] = {"[Content_Types].xml", "word/document.xml"};
	const void *data[] = {types, xml};
	size_t lens[] = {sizeof(types) - 1, len};

	return fuzzpack(names, data, lens, 2, zlen);
}

#endif
