/*
 * fuzz_xlsx.c - libFuzzer target for the .xlsx reader.  Build and run: see
 * docs/xml-parser.md.
 *
 * The first byte chooses which part the rest of the input is; the other
 * parts of a small valid workbook are fixed, so each part's handling is
 * fuzzed behind valid ones:
 *   0 the package itself (zip handling), 1 sheet1.xml, 2 sharedStrings.xml,
 *   3 styles.xml, 4 workbook.xml, 5 workbook.xml.rels.
 * Also runs the header finder on every event.
 */
#include "common/strbuf.h"
#include "common/xlsx.h"

#include "tests/fuzz/fuzzpack.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
#define RT "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char *const names[] = {
    "[Content_Types].xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
    "xl/styles.xml",	   "xl/workbook.xml",	       "xl/_rels/workbook.xml.rels",
};

static const char *const parts[] = {
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
    "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
    "<c r=\"B1\" s=\"1\"><v>43752</v></c><c t=\"inlineStr\"><is><t>项目方向</t></is></c>"
    "</row></sheetData></worksheet>",
    "<sst " NS "><si><t>序号</t></si><si><r><t>申报</t></r><r><t>企业名称</t></r></si></sst>",
    "<styleSheet " NS "><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>",
    "<workbook " NS "xmlns:r=\"" RT "\"><workbookPr date1904=\"0\"/><sheets>"
    "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" RT "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" RT "sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" RT "styles\" Target=\"styles.xml\"/></Relationships>",
};

/* The package with part which replaced by buf[0..len). */
static unsigned char *pack(unsigned which, const uint8_t *buf, size_t len, size_t *zlen)
{
	enum { N = sizeof(names) / sizeof(names[0]) };
	const void *data[N];
	size_t lens[N];

	for (unsigned i = 0; i < N; i++) {
		data[i] = i == which ? (const void *)buf : parts[i];
		lens[i] = i == which ? len : strlen(parts[i]);
	}
	return fuzzpack(names, data, lens, N, zlen);
}

static const char *const labels[] = {"序号", "申报企业名称", "项目方向"};

static int feed(const struct xlsx_cell *c, void *ctx)
{
	struct xlsx_header *h = ctx;

	if (c->text[c->len] != '\0' || c->raw[c->raw_len] != '\0')
		abort();
	xlsx_header_feed(h, c);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct xlsx_limits lim = {1 << 20, 64, 4096, 1000, 1 << 16, 8};
	struct xlsx_header h;
	unsigned which;
	const void *pkg;
	unsigned char *zip = NULL;
	size_t len;

	if (!size)
		return 0;
	which = data[0] % 6;
	if (which == 0) {
		pkg = data + 1;
		len = size - 1;
	} else {
		zip = pack(which, data + 1, size - 1, &len);
		pkg = zip;
	}
	xlsx_header_init(&h, labels, 3, 2);
	xlsx_read_memory(pkg, len, &lim, feed, &h, &err);
	xlsx_header_release(&h);
	xlsx_extract_text_memory(pkg, len, 512, &out, &err);
	free(zip);
	strbuf_release(&out);
	strbuf_release(&err);
	return 0;
}
