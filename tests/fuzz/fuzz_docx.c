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
#include "tests/fuzz/fuzzpack.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
		zip = fuzzpack_docx(data + 1, size - 1, &len);
		pkg = zip;
	}
	docx_read_memory(pkg, len, &lim, count, &n, &err);
	docx_extract_text_memory(pkg, len, 256, &out, &err);
	free(zip);
	strbuf_release(&out);
	strbuf_release(&err);
	return 0;
}
