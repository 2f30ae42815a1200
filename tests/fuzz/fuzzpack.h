/*
 * fuzzpack.h - the fuzz targets' one way of packing fuzz bytes as the
 * word/document.xml of a minimal .docx, in memory (libarchive's writer).
 * A header of static functions: each target is its own program.
 */
#ifndef IIREVIEW_FUZZPACK_H
#define IIREVIEW_FUZZPACK_H

#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdlib.h>

static void fuzzpack_add(struct archive *a, const char *name, const void *buf, size_t len)
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

/* Pack xml as word/document.xml; returns the zip in a malloc'd buffer, its length in *zlen. */
static unsigned char *fuzzpack_docx(const uint8_t *xml, size_t len, size_t *zlen)
{
	static const char types[] = "<Types xmlns=\"http://schemas.openxmlformats.org/package/"
				    "2006/content-types\"/>";
	size_t cap = len + 4096;
	unsigned char *buf = malloc(cap);
	struct archive *a = archive_write_new();

	*zlen = 0;
	archive_write_set_format_zip(a);
	archive_write_set_bytes_in_last_block(a, 1);
	archive_write_open_memory(a, buf, cap, zlen);
	fuzzpack_add(a, "[Content_Types].xml", types, sizeof(types) - 1);
	fuzzpack_add(a, "word/document.xml", xml, len);
	archive_write_close(a);
	archive_write_free(a);
	return buf;
}

#endif
