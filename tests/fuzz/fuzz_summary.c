/*
 * fuzz_summary.c - libFuzzer target for the 附件5 reader (normalize/summary.c)
 * with the real rules/fields/summary.tsv and summary-headers.tsv.  Run from
 * the repository root (make fuzz does).
 *
 * The first byte chooses what the rest of the input is: 0 the first sheet
 * of a workbook of two sheets (the second holds a platform table), 1 the
 * word/document.xml of a .docx, anything else a whole .xlsx package.
 *
 * Invariants checked: a typed table has no reason and an untyped one has
 * one; every row kept has an enterprise; rows are numbered from 1.
 */
#include "common/strbuf.h"
#include "common/catalog.h"
#include "normalize/summary.h"

#include "tests/fuzz/fuzzpack.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
#define RT "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char types[] =
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
static const char workbook[] =
    "<workbook " NS "xmlns:r=\"" RT "\"><sheets>"
    "<sheet name=\"标杆工厂\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"平台\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
static const char rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" RT "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" RT "worksheet\" Target=\"worksheets/sheet2.xml\"/>"
    "</Relationships>";
static const char sheet2[] =
    "<worksheet " NS "><sheetData><row r=\"1\">"
    "<c r=\"A1\" t=\"inlineStr\"><is><t>序号</t></is></c>"
    "<c r=\"B1\" t=\"inlineStr\"><is><t>申报企业名称</t></is></c>"
    "<c r=\"C1\" t=\"inlineStr\"><is><t>项目方向</t></is></c></row><row r=\"2\">"
    "<c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>甲公司</t></is></c>"
    "</row></sheetData></worksheet>";

static struct catalog cat;
static struct summary_vocab *vocab;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct strbuf err = STRBUF_INIT;

	(void)argc;
	(void)argv;
	if (catalog_load("rules/fields/summary.tsv", &cat, &err) ||
	    !(vocab = summary_vocab_load("rules/fields/summary-headers.tsv", &cat, &err))) {
		fprintf(stderr, "fuzz_summary: %s (run from the repository root)\n", err.buf);
		exit(1);
	}
	strbuf_release(&err);
	return 0;
}

static void check(const struct summary_file *f)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct summary_table *t = &f->tables[i];

		if ((t->type == SUMMARY_UNTYPED) != (t->why != NULL) || !t->header_text)
			abort();
		for (size_t k = 0; k < t->n; k++)
			if (!t->rows[k].cell[SC_ENTERPRISE] || !*t->rows[k].cell[SC_ENTERPRISE])
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf err = STRBUF_INIT;
	struct summary_file f;
	unsigned char *zip = NULL;
	size_t zlen = 0;
	const char *ext = "xlsx";

	if (!size)
		return 0;
	if (data[0] == 0) {
		static const char *const names[] = {
		    "[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
		    "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"};
		const void *parts[] = {types, workbook, rels, data + 1, sheet2};
		size_t lens[] = {strlen(types), strlen(workbook), strlen(rels), size - 1,
				 strlen(sheet2)};

		zip = fuzzpack(names, parts, lens, 5, &zlen);
	} else if (data[0] == 1) {
		static const char *const names[] = {"[Content_Types].xml", "word/document.xml"};
		const void *parts[] = {types, data + 1};
		size_t lens[] = {strlen(types), size - 1};

		zip = fuzzpack(names, parts, lens, 2, &zlen);
		ext = "docx";
	}
	if (zip || data[0] > 1) {
		if (!summary_read_memory(zip ? zip : data + 1, zip ? zlen : size - 1, ext, vocab,
					 &f, &err)) {
			check(&f);
			summary_file_release(&f);
		}
	}
	free(zip);
	strbuf_release(&err);
	return 0;
}
