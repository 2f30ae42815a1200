/*
 * fuzz_docx.c - libFuzzer target for the .docx reader.  Build and run: see
 * docs/xml-parser.md.
 *
 * Random bytes are almost never a zip, so the first byte chooses:
 *   even: the rest is word/document.xml, packed here into a zip (libarchive
 *         writer, in memory) and read back: this fuzzes the XML handling;
 *   odd:  the rest is the package itself: this fuzzes the zip handling.
 * Both run the event reader (with small limits, so that they are hit) and
 * the plain-text extraction.
 */
#include "common/docx.h"
#include "common/strbuf.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char types[] = "<Types xmlns=\"http://schemas.openxmlformats.org/package/"
			    "2006/content-types\"/>";

static void add(struct archive *a, const char *name, const void *buf, size_t len)
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

/* Pack xml as word/document.xml; returns the zip in a malloc'd buffer. */
static unsigned char *pack(const uint8_t *xml, size_t len, size_t *zlen)
{
	size_t cap = len + 4096;
	unsigned char *buf = malloc(cap);
	struct archive *a = archive_write_new();

	*zlen = 0;
	archive_write_set_format_zip(a);
	archive_write_set_bytes_in_last_block(a, 1);
	archive_write_open_memory(a, buf, cap, zlen);
	add(a, "[Content_Types].xml", types, sizeof(types) - 1);
	add(a, "word/document.xml", xml, len);
	archive_write_close(a);
	archive_write_free(a);
	return buf;
}

static int count(const struct docx_block *b, void *ctx)
{
	size_t *n = ctx;

	/* Touch the text so that the sanitizers check its bounds. */
	if (b->len && b->text[b->len - 1] == '\x01')
		(*n)++;
	if (b->text[b->len] != '\0')
		abort();
	(*n)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct docx_limits lim = {1 << 20, 64, 4096};
	const void *pkg;
	unsigned char *zip = NULL;
	size_t len, n = 0;

	if (!size)
		return 0;
	if (data[0] & 1) {
		pkg = data + 1;
		len = size - 1;
	} else {
		zip = pack(data + 1, size - 1, &len);
		pkg = zip;
	}
	docx_read_memory(pkg, len, &lim, count, &n, &err);
	docx_extract_text_memory(pkg, len, 256, &out, &err);
	free(zip);
	strbuf_release(&out);
	strbuf_release(&err);
	return 0;
}
