/*
 * fuzz_text.c - libFuzzer target for the text-file decoder (UTF-8, GBK,
 * UTF-16 with and without BOM).  Build and run: see docs/xml-parser.md.
 * Checks that whatever comes in, what goes out is valid UTF-8 with no NUL
 * and no CR.
 */
#include "common/strbuf.h"
#include "common/textfile.h"
#include "common/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct textfile_info info;

	if (!textfile_decode(data, size, &out, &info, &err)) {
		if (!utf8_valid(out.buf, out.len) || memchr(out.buf, '\r', out.len) ||
		    memchr(out.buf, 0, out.len))
			abort();
	}
	strbuf_release(&out);
	strbuf_release(&err);
	return 0;
}
