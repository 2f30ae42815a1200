#include "tests/unit/harness.h"
#include "tests/unit/zipfix.h"
#include "common/strbuf.h"
#include "common/xlsx.h"

#include <stdio.h>
#include <string.h>

#define NS   "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
#define RNS  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define TYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char content_types[] =
    "<?xml version=\"1.0\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";

static const char workbook[] =
    "<?xml version=\"1.0\"?><workbook " NS RNS "><sheets>"
    "<sheet name=\"平台\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"Hidden\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
    "</sheets></workbook>";

static const char rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId2\" Type=\"" TYPE "worksheet\" Target=\"worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId1\" Type=\"" TYPE "worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" TYPE "sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" TYPE "styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

static const char shared[] = "<?xml version=\"1.0\"?><sst " NS "count=\"4\" uniqueCount=\"4\">"
			     "<si><t>江苏省重点工业互联网平台申报情况汇总表</t></si>"
			     "<si><r><t>申报企业</t></r><r><rPr><b/></rPr><t>名称</t></r></si>"
			     "<si><t>无锡</t><rPh sb=\"0\" eb=\"2\"><t>wuxi</t></rPh></si>"
			     "<si><t xml:space=\"preserve\"> 序号 </t></si>"
			     "</sst>";

/* xf 0 general, 1 built-in date (14), 2 custom date format 164, 3 custom non-date 165. */
static const char styles[] =
    "<?xml version=\"1.0\"?><styleSheet " NS ">"
    "<numFmts count=\"2\"><numFmt numFmtId=\"164\" "
    "formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"&quot;day&quot;0.00;[Red]\\-0.00\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"165\"/></cellXfs></styleSheet>";

#define SHEET_HEAD "<?xml version=\"1.0\"?><worksheet " NS "><sheetData>"
#define SHEET_TAIL "</sheetData></worksheet>"

static const char sheet2[] = SHEET_HEAD "<row r=\"1\"><c r=\"A1\"><v>7</v></c></row>" SHEET_TAIL;

static const char *make_xlsx(const char *sheet1)
{
	struct zipfix_part parts[] = {
	    {"[Content_Types].xml", content_types},
	    {"xl/workbook.xml", workbook},
	    {"xl/_rels/workbook.xml.rels", rels},
	    {"xl/sharedStrings.xml", shared},
	    {"xl/styles.xml", styles},
	    {"xl/worksheets/sheet1.xml", sheet1},
	    {"xl/worksheets/sheet2.xml", sheet2},
	};
	const char *path = zipfix_path("t.xlsx");

	if (zipfix_write(path, parts, sizeof(parts) / sizeof(parts[0])))
		test_fail(__FILE__, __LINE__, "cannot write");
	return path;
}

static int log_cell(const struct xlsx_cell *c, void *ctx)
{
	static const char *const types[] = {"s", "is", "n", "b", "d", "e", "str"};
	struct strbuf *log = ctx;

	switch (c->event) {
	case XLSX_SHEET_START:
		strbuf_addf(log, "SHEET %d %s%s\n", c->sheet, c->sheet_name,
			    c->sheet_hidden ? " hidden" : "");
		break;
	case XLSX_CELL:
		strbuf_addf(log, "%u,%u %s%s %s|%s\n", c->row, c->col, types[c->type],
			    c->formula ? "+f" : "", c->text, c->raw);
		break;
	case XLSX_ROW_END:
		strbuf_addf(log, "ROW %u\n", c->row);
		break;
	case XLSX_SHEET_END:
		strbuf_addf(log, "END %d\n", c->sheet);
		break;
	}
	return 0;
}

static void sheet_log(const char *sheet1, struct strbuf *log)
{
	struct strbuf err = STRBUF_INIT;

	strbuf_reset(log);
	if (xlsx_read_file(make_xlsx(sheet1), NULL, log_cell, log, &err))
		strbuf_addf(log, "ERR: %s", err.buf);
	strbuf_release(&err);
}

TEST(cells_and_types)
{
	struct strbuf log = STRBUF_INIT;

	sheet_log(SHEET_HEAD
		  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
		  "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>推荐单位（盖章）：</t>"
		  "<r><t>南京市</t></r><rPh><t>x</t></rPh></is></c></row>"
		  "<row r=\"4\" spans=\"1:9\">"
		  "<c r=\"A4\"><v>1</v></c>"
		  "<c r=\"B4\" t=\"s\"><v>2</v></c>"
		  "<c r=\"C4\" t=\"b\"><v>1</v></c>"
		  "<c r=\"D4\" t=\"n\"><v>13800138000</v></c>"
		  "<c r=\"E4\" s=\"1\"><v>43752</v></c>"
		  "<c r=\"F4\" s=\"2\"><v>43752.5</v></c>"
		  "<c r=\"G4\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
		  "<c r=\"H4\" t=\"str\"><f>A2&amp;\"x\"</f><v>abc</v></c>"
		  "<c r=\"I4\" s=\"3\"><v>3.5</v></c>"
		  "<c r=\"J4\" s=\"1\"/>"
		  "<c><v>0.45</v></c>"
		  "<c t=\"d\"><v>2019-10-14T00:00:00</v></c>"
		  "</row>"
		  "<row><c r=\"AB5\" t=\"b\"><v>0</v></c><c s=\"1\"><v>60</v></c><c "
		  "s=\"1\"><v>0.75</v></c>"
		  "<c s=\"1\"><v>1</v></c><c s=\"1\"><v>-1</v></c></row>" SHEET_TAIL,
		  &log);
	assert_eq_str(log.buf, "SHEET 0 平台\n"
			       "0,0 s 江苏省重点工业互联网平台申报情况汇总表|0\n"
			       "ROW 0\n"
			       "1,0 is 推荐单位（盖章）：南京市|推荐单位（盖章）：南京市\n"
			       "ROW 1\n"
			       "3,0 n 1|1\n"
			       "3,1 s 无锡|2\n"
			       "3,2 b TRUE|1\n"
			       "3,3 n 13800138000|13800138000\n"
			       "3,4 d 2019-10-14|43752\n"
			       "3,5 d 2019-10-14 12:00:00|43752.5\n"
			       "3,6 e+f #DIV/0!|#DIV/0!\n"
			       "3,7 str+f abc|abc\n"
			       "3,8 n 3.5|3.5\n"
			       "3,10 n 0.45|0.45\n"
			       "3,11 d 2019-10-14T00:00:00|2019-10-14T00:00:00\n"
			       "ROW 3\n"
			       "4,27 b FALSE|0\n"
			       "4,28 d 1900-02-29|60\n"
			       "4,29 d 18:00:00|0.75\n"
			       "4,30 d 1900-01-01|1\n"
			       "4,31 n -1|-1\n"
			       "ROW 4\n"
			       "END 0\n"
			       "SHEET 1 Hidden hidden\n"
			       "0,0 n 7|7\n"
			       "ROW 0\n"
			       "END 1\n");
	strbuf_release(&log);
}

TEST(prefixed_spreadsheetml)
{
	struct strbuf dflt = STRBUF_INIT, pfx = STRBUF_INIT;

	/* Default namespace on the root, as Excel writes it... */
	sheet_log(SHEET_HEAD
		  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c>"
		  "<c r=\"B1\" t=\"inlineStr\"><is><t>内联</t></is></c></row>" SHEET_TAIL,
		  &dflt);
	/* ...and a prefix (other writers, e.g. openpyxl's "x:"), declared on the root or inside. */
	sheet_log("<?xml version=\"1.0\"?><x:worksheet "
		  "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		  "<x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>1</x:v></x:c>"
		  "<y:c xmlns:y=\"http://purl.oclc.org/ooxml/spreadsheetml/main\" r=\"B1\" "
		  "t=\"inlineStr\"><y:is><y:t>内联</y:t></y:is></y:c></x:row></x:sheetData>"
		  "</x:worksheet>",
		  &pfx);
	assert_eq_str(pfx.buf, dflt.buf);
	assert_true(strstr(dflt.buf, "0,1 is 内联") != NULL);
	sheet_log(SHEET_HEAD "<row><x:c/></row>" SHEET_TAIL, &pfx);
	assert_true(strstr(pfx.buf, "unbound prefix") != NULL);
	strbuf_release(&dflt);
	strbuf_release(&pfx);
}

static void expect_sheet_error(const char *sheet1, const char *needle, int line)
{
	struct strbuf log = STRBUF_INIT;

	sheet_log(sheet1, &log);
	if (!strstr(log.buf, "ERR: ") || !strstr(log.buf, needle))
		test_fail(__FILE__, line, "\"%s\" lacks \"%s\"", log.buf, needle);
	strbuf_release(&log);
}

TEST(shared_string_index_out_of_range)
{
	expect_sheet_error(SHEET_HEAD
			   "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>4</v></c></row>" SHEET_TAIL,
			   "xl/worksheets/sheet1.xml: sheet '平台' cell B2: shared string index "
			   "\"4\" out of range (4 strings)",
			   __LINE__);
	expect_sheet_error(SHEET_HEAD "<row><c t=\"s\"><v>-1</v></c></row>" SHEET_TAIL,
			   "cell A1: shared string index \"-1\"", __LINE__);
	expect_sheet_error(SHEET_HEAD
			   "<row><c t=\"s\"><v>99999999999999999999999</v></c></row>" SHEET_TAIL,
			   "out of range", __LINE__);
}

TEST(cell_reference_limits)
{
	unsigned r, c;

	expect_sheet_error(SHEET_HEAD "<row><c r=\"XFE1\"><v>1</v></c></row>" SHEET_TAIL,
			   "cell reference \"XFE1\" beyond XFD1048576", __LINE__);
	expect_sheet_error(SHEET_HEAD "<row><c r=\"A1048577\"><v>1</v></c></row>" SHEET_TAIL,
			   "beyond XFD1048576", __LINE__);
	expect_sheet_error(SHEET_HEAD "<row><c r=\"1A\"><v>1</v></c></row>" SHEET_TAIL, "malformed",
			   __LINE__);
	expect_sheet_error(SHEET_HEAD "<row r=\"0\"/>" SHEET_TAIL, "row number", __LINE__);
	assert_eq_int(xlsx_parse_ref("XFD1048576", &r, &c), 0);
	assert_eq_int(r, 1048575);
	assert_eq_int(c, 16383);
	assert_eq_int(xlsx_parse_ref("ab12", &r, &c), 0);
	assert_eq_int(r, 11);
	assert_eq_int(c, 27);
	assert_eq_int(xlsx_parse_ref("AAAA1", &r, &c), -2);
	assert_eq_int(xlsx_parse_ref("A0", &r, &c), -1);
	assert_eq_int(xlsx_parse_ref("A", &r, &c), -1);
	assert_eq_int(xlsx_parse_ref("", &r, &c), -1);
	{
		struct strbuf sb = STRBUF_INIT;

		xlsx_add_ref(&sb, 11, 27);
		strbuf_addch(&sb, ' ');
		xlsx_add_ref(&sb, 1048575, 16383);
		assert_eq_str(sb.buf, "AB12 XFD1048576");
		strbuf_release(&sb);
	}
}

static const char *const header_labels[] = {
    "序号",   "申报企业名称",	  "项目方向",	"项目名称",
    "联系人", "联系方式（手机）", "项目所在地", "是否省先进制造业集群"};

#define IS(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"

TEST(header_row_under_title_rows)
{
	struct xlsx_header h;
	struct strbuf err = STRBUF_INIT;
	const char *path = make_xlsx(
	    SHEET_HEAD
	    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
	    "<row r=\"2\">" IS(
		"A2",
		"推荐单位（盖章）：南京市工信局") "</row>"
						  /* A row that holds a label or two but not most:
						     not the header. */
						  "<row r=\"3\">" IS("A3", "序号") IS(
						      "B3",
						      "说明") "</row>"
							      "<row r=\"4\"><c r=\"A4\" "
							      "t=\"s\"><v>3</v></c><c r=\"B4\" "
							      "t=\"s\"><v>1</v></c>" IS("C4",
											"项目 方向")
								  IS("D4", "项目名称") IS("E4",
											  "联系人")
								      IS("F4", "联系方式\n(手机)")
									  IS("H4",
									     "是否省先进制造业集"
									     "群") "</row>"
										   "<row "
										   "r=\"5\"><c "
										   "r=\"A5\"><v>1<"
										   "/v></c></"
										   "row"
										   ">" SHEET_TAIL);

	xlsx_header_init(&h, header_labels, 8, 0);
	assert_eq_int(xlsx_find_header(path, NULL, &h, 0, &err), 1);
	assert_eq_int(h.sheet, 0);
	assert_eq_int(h.row, 3);
	assert_eq_int(h.matched, 7);
	assert_eq_int(h.cols[0], 0);
	assert_eq_int(h.cols[1], 1);
	assert_eq_int(h.cols[2], 2);
	assert_eq_int(h.cols[5], 5);
	assert_eq_int(h.cols[6], -1);
	assert_eq_int(h.cols[7], 7);
	xlsx_header_release(&h);

	/* Looking at the first 3 rows only: not found. */
	xlsx_header_init(&h, header_labels, 8, 0);
	assert_eq_int(xlsx_find_header(path, NULL, &h, 3, &err), 0);
	xlsx_header_release(&h);
	strbuf_release(&err);
}

TEST(label_norm)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = " 联系方式（手机）\u3000【注】：Ａ１ ";

	xlsx_label_norm(s, strlen(s), &sb);
	assert_eq_str(sb.buf, "联系方式(手机)[注]:A1");
	strbuf_release(&sb);
}

TEST(extract_text_and_memory)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT, zip = STRBUF_INIT;
	const char *sheet1 =
	    SHEET_HEAD "<row><c t=\"s\"><v>0</v></c></row>"
		       "<row>" IS("A2", "a") IS("C2", "b") "</row><row/>" SHEET_TAIL;
	struct zipfix_part parts[] = {
	    {"[Content_Types].xml", content_types},
	    {"xl/workbook.xml", workbook},
	    {"xl/_rels/workbook.xml.rels", rels},
	    {"xl/sharedStrings.xml", shared},
	    {"xl/styles.xml", styles},
	    {"xl/worksheets/sheet1.xml", sheet1},
	    {"xl/worksheets/sheet2.xml", sheet2},
	};

	assert_eq_int(xlsx_extract_text(make_xlsx(sheet1), 0, &out, &err), 0);
	assert_eq_str(out.buf, "江苏省重点工业互联网平台申报情况汇总表\na\tb\n\n7\n");
	assert_eq_int(zipfix_write_mem(&zip, parts, sizeof(parts) / sizeof(parts[0])), 0);
	strbuf_reset(&out);
	assert_eq_int(xlsx_extract_text_memory(zip.buf, zip.len, 0, &out, &err), 0);
	assert_eq_str(out.buf, "江苏省重点工业互联网平台申报情况汇总表\na\tb\n\n7\n");
	strbuf_reset(&out);
	assert_eq_int(xlsx_extract_text_memory(zip.buf, zip.len, 12, &out, &err), 0);
	assert_eq_str(out.buf, "江苏省重"); /* 12 bytes: 4 characters */
	/* Truncated packages are refused without a crash. */
	for (size_t cut = 0; cut < zip.len; cut += 13) {
		strbuf_reset(&out);
		if (xlsx_extract_text_memory(zip.buf, cut, 0, &out, &err) != -1) {
			test_fail(__FILE__, __LINE__, "truncated at %zu accepted", cut);
			break;
		}
	}
	strbuf_release(&out);
	strbuf_release(&err);
	strbuf_release(&zip);
}

static int skip_first(const struct xlsx_cell *c, void *ctx)
{
	struct strbuf *log = ctx;

	log_cell(c, ctx);
	if (c->event == XLSX_SHEET_START && c->sheet == 0)
		return XLSX_SKIP_SHEET;
	(void)log;
	return 0;
}

static int stop_at_cell(const struct xlsx_cell *c, void *ctx)
{
	log_cell(c, ctx);
	return c->event == XLSX_CELL;
}

TEST(skip_and_stop)
{
	struct strbuf log = STRBUF_INIT, err = STRBUF_INIT;
	const char *path =
	    make_xlsx(SHEET_HEAD "<row><c><v>1</v></c><c><v>2</v></c></row>" SHEET_TAIL);

	assert_eq_int(xlsx_read_file(path, NULL, skip_first, &log, &err), 0);
	assert_eq_str(log.buf,
		      "SHEET 0 平台\nEND 0\nSHEET 1 Hidden hidden\n0,0 n 7|7\nROW 0\nEND 1\n");
	strbuf_reset(&log);
	assert_eq_int(xlsx_read_file(path, NULL, stop_at_cell, &log, &err), 0);
	assert_eq_str(log.buf, "SHEET 0 平台\n0,0 n 1|1\n");
	strbuf_release(&log);
	strbuf_release(&err);
}

TEST(package_and_xml_errors)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	const char *path;
	struct zipfix_part no_wb[] = {{"[Content_Types].xml", content_types}};
	struct zipfix_part no_sheet[] = {{"[Content_Types].xml", content_types},
					 {"xl/workbook.xml", workbook},
					 {"xl/_rels/workbook.xml.rels", rels}};

	expect_sheet_error("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><worksheet/>",
			   "DOCTYPE", __LINE__);
	expect_sheet_error(SHEET_HEAD "<row><c><v>\xFF</v></c></row>" SHEET_TAIL, "XML error",
			   __LINE__);
	path = zipfix_path("e.xlsx");
	assert_eq_int(zipfix_write(path, no_wb, 1), 0);
	assert_eq_int(xlsx_extract_text(path, 0, &out, &err), -1);
	assert_true(strstr(err.buf, "no xl/workbook.xml") != NULL);
	assert_eq_int(zipfix_write(path, no_sheet, 3), 0);
	assert_eq_int(xlsx_extract_text(path, 0, &out, &err), -1);
	assert_true(strstr(err.buf, "worksheet part of sheet '平台' is missing") != NULL);
	strbuf_release(&out);
	strbuf_release(&err);
}

TEST(limits)
{
	struct strbuf log = STRBUF_INIT, err = STRBUF_INIT;
	struct xlsx_limits lim = {0};
	const char *path = make_xlsx(SHEET_HEAD "<row>" IS("A1", "一二三四") "</row>" SHEET_TAIL);

	lim.max_shared_count = 3;
	assert_eq_int(xlsx_read_file(path, &lim, log_cell, &log, &err), -1);
	assert_true(strstr(err.buf, "more than 3 shared strings") != NULL);
	lim.max_shared_count = 0;
	lim.max_shared_bytes = 20;
	assert_eq_int(xlsx_read_file(path, &lim, log_cell, &log, &err), -1);
	assert_true(strstr(err.buf, "larger than 20 bytes") != NULL);
	lim.max_shared_bytes = 0;
	lim.max_sheets = 1;
	assert_eq_int(xlsx_read_file(path, &lim, log_cell, &log, &err), -1);
	assert_true(strstr(err.buf, "more than 1 sheets") != NULL);
	lim.max_sheets = 0;
	lim.max_cell_text = 7;
	strbuf_reset(&log);
	assert_eq_int(xlsx_read_file(path, &lim, log_cell, &log, &err), 0);
	assert_true(strstr(log.buf, "0,0 is 一二|一二\n") != NULL);
	strbuf_release(&log);
	strbuf_release(&err);
}

TEST_MAIN(TEST_ENTRY(cells_and_types), TEST_ENTRY(prefixed_spreadsheetml),
	  TEST_ENTRY(shared_string_index_out_of_range), TEST_ENTRY(cell_reference_limits),
	  TEST_ENTRY(header_row_under_title_rows), TEST_ENTRY(label_norm),
	  TEST_ENTRY(extract_text_and_memory), TEST_ENTRY(skip_and_stop),
	  TEST_ENTRY(package_and_xml_errors), TEST_ENTRY(limits))
