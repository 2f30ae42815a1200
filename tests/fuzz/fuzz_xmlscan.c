/*
 * fuzz_xmlscan.c - differential libFuzzer target: the fast path
 * (common/xmlscan.c) against expat on the same bytes.  Build and run: see
 * docs/hardening.md.
 *
 * The first byte chooses where the reader stops (0: never; else at that
 * start tag) and a low depth limit (odd: 8 levels, else 256); the rest is
 * word/document.xml, packed into a zip in memory and read through
 * ooxml_stream_part with the fast path on and off.  The traces (events,
 * return value, error message) must be the same, whatever the bytes.
 */
#include "common/ooxml.h"
#include "common/strbuf.h"
#include "tests/fuzz/fuzzpack.h"
#include "tests/unit/xmltrace.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The tracer is test code, not part of the library the fuzz targets link. */
#include "tests/unit/xmltrace.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, diff = STRBUF_INIT;
	struct ooxml_src src = {NULL, NULL, 0};
	size_t zlen = 0;
	unsigned char *zip;
	int fa = 0, fb = 0;

	if (!size)
		return 0;
	zip = fuzzpack_docx(data + 1, size - 1, &zlen);
	src.buf = zip;
	src.len = zlen;
	xmltrace_part(&src, "word/document.xml", 1, data[0] & 1 ? 8 : 256, 1u << 20, data[0] >> 1,
		      &a, &fa);
	xmltrace_part(&src, "word/document.xml", 0, data[0] & 1 ? 8 : 256, 1u << 20, data[0] >> 1,
		      &b, &fb);
	if (strcmp(a.buf, b.buf)) {
		xmltrace_diff(&diff, "word/document.xml", a.buf, b.buf);
		fprintf(stderr, "%s", diff.buf);
		abort();
	}
	free(zip);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&diff);
	return 0;
}
