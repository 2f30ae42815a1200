/*
 * test_summary.c - the 附件5 reader (normalize/summary.c): tables, not
 * files.  The workbooks and documents are built here from a short spec, one
 * habit per case; the words come from the real rules/fields files, so that
 * the cases also guard the vocabulary.
 */
#include "tests/unit/harness.h"
#include "tests/unit/zipfix.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "common/catalog.h"
#include "normalize/summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define P_TITLE "江苏省重点工业互联网平台申报情况汇总表"
#define F_TITLE "江苏省工业互联网标杆工厂申报情况汇总表"
#define UNIT	"推荐单位（盖章）：某市工业和信息化局"
#define P_HEAD                                                                                                    \
	"序号|申报企业名称|项目方向|项目名称|联系人|联系方式（手机）|项目所在地|" \
	"是否省先进制造业集群"
#define F_HEAD                                                                                                    \
	"序号|申报企业名称|所属行业|项目名称|联系人|联系方式（手机）|项目所在地|" \
	"是否省先进制造业集群"
#define NOTES                                                                                                                                      \
	"说明：\n"                                                                                                                              \
	"1、申报方向指企业级、行业级、跨行业跨领域和重点培育四个方向。\n"                                            \
	"2、“是否省先进制造业集群”栏目，如果属于省先进制造业集群，请填写集群名称，如果不是，填写“" \
	"否”。\n"

static struct catalog cat;
static struct summary_vocab *vocab;

static const char *top(void)
{
	const char *t = getenv("TOP");

	return t ? t : ".";
}

static void unload_vocab(void)
{
	summary_vocab_free(vocab);
	catalog_release(&cat);
}

/* The real vocabulary, loaded once for every case. */
static int load_vocab(void)
{
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;

	if (vocab)
		return 1;
	atexit(unload_vocab);
	strbuf_addf(&path, "%s/rules/fields/summary.tsv", top());
	if (catalog_load(path.buf, &cat, &err)) {
		test_fail(__FILE__, __LINE__, "%s", err.buf);
	} else {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/rules/fields/summary-headers.tsv", top());
		vocab = summary_vocab_load(path.buf, &cat, &err);
		if (!vocab)
			test_fail(__FILE__, __LINE__, "%s", err.buf);
	}
	strbuf_release(&path);
	strbuf_release(&err);
	return vocab != NULL;
}

static void add_escaped(struct strbuf *sb, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '&')
			strbuf_addstr(sb, "&amp;");
		else if (s[i] == '<')
			strbuf_addstr(sb, "&lt;");
		else
			strbuf_addch(sb, s[i]);
	}
}

/* ---- .xlsx: one spec per sheet, rows by '\n', cells by '|' from column A; "" is a blank row ----
 */

#define NS  "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
#define RNS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

struct sheet {
	const char *name;
	const char *rows;
	int hidden;
};

static void sheet_xml(const char *rows, struct strbuf *x)
{
	unsigned r = 0;

	strbuf_addstr(x, "<?xml version=\"1.0\"?><worksheet " NS "><sheetData>");
	while (*rows) {
		size_t len = strcspn(rows, "\n");
		const char *cell = rows, *end = rows + len;
		unsigned col = 0;

		r++;
		strbuf_addf(x, "<row r=\"%u\">", r);
		while (cell < end) {
			size_t n = strcspn(cell, "|\n");

			if (n)
				strbuf_addf(x, "<c r=\"%c%u\" t=\"inlineStr\"><is><t>", 'A' + col,
					    r);
			if (n) {
				add_escaped(x, cell, n);
				strbuf_addstr(x, "</t></is></c>");
			}
			col++;
			cell += n;
			if (cell < end)
				cell++;
		}
		strbuf_addstr(x, "</row>");
		rows = *end ? end + 1 : end;
	}
	strbuf_addstr(x, "</sheetData></worksheet>");
}

static void make_xlsx(const struct sheet *sheets, size_t n, struct strbuf *zip)
{
	struct strbuf wb = STRBUF_INIT, rels = STRBUF_INIT, xml[8];
	struct zipfix_part parts[12];
	char names[8][32];
	size_t np = 0;

	strbuf_addstr(&wb, "<?xml version=\"1.0\"?><workbook " NS RNS "><sheets>");
	strbuf_addstr(&rels, "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
			     "openxmlformats.org/package/2006/relationships\">");
	for (size_t i = 0; i < n && i < 8; i++) {
		strbuf_addf(&wb, "<sheet name=\"%s\" sheetId=\"%zu\" r:id=\"rId%zu\"%s/>",
			    sheets[i].name, i + 1, i + 1,
			    sheets[i].hidden ? " state=\"hidden\"" : "");
		strbuf_addf(&rels,
			    "<Relationship Id=\"rId%zu\" Type=\"http://schemas.openxmlformats.org/"
			    "officeDocument/2006/relationships/worksheet\" "
			    "Target=\"worksheets/sheet%zu.xml\"/>",
			    i + 1, i + 1);
		strbuf_init(&xml[i], 0);
		sheet_xml(sheets[i].rows, &xml[i]);
	}
	strbuf_addstr(&wb, "</sheets></workbook>");
	strbuf_addstr(&rels, "</Relationships>");
	parts[np++] = (struct zipfix_part){
	    "[Content_Types].xml",
	    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/"
	    "2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	    "</Types>"};
	parts[np++] = (struct zipfix_part){"xl/workbook.xml", wb.buf};
	parts[np++] = (struct zipfix_part){"xl/_rels/workbook.xml.rels", rels.buf};
	for (size_t i = 0; i < n && i < 8; i++) {
		snprintf(names[i], sizeof(names[i]), "xl/worksheets/sheet%zu.xml", i + 1);
		parts[np++] = (struct zipfix_part){names[i], xml[i].buf};
	}
	strbuf_reset(zip);
	if (zipfix_write_mem(zip, parts, np))
		test_fail(__FILE__, __LINE__, "cannot build the workbook");
	for (size_t i = 0; i < n && i < 8; i++)
		strbuf_release(&xml[i]);
	strbuf_release(&wb);
	strbuf_release(&rels);
}

/* ---- .docx: lines "P text" (a paragraph), "R a|b|c" (a table row), "M text" (a row of one
 * cell spanning 8 columns), "-" (ends a table, so that the next R starts another) ---- */

static void make_docx(const char *spec, struct strbuf *zip)
{
	struct strbuf x = STRBUF_INIT;
	int in_tbl = 0;

	strbuf_addstr(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
			  "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
			  "wordprocessingml/2006/main\"><w:body>");
	while (*spec) {
		size_t len = strcspn(spec, "\n");
		const char *body = spec + 2, *end = spec + len;

		if (spec[0] == 'R' || spec[0] == 'M') {
			if (!in_tbl)
				strbuf_addstr(&x, "<w:tbl><w:tblGrid>"
						  "<w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/>"
						  "<w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/>"
						  "</w:tblGrid>");
			in_tbl = 1;
			strbuf_addstr(&x, "<w:tr>");
			while (body <= end) {
				size_t n =
				    spec[0] == 'M' ? (size_t)(end - body) : strcspn(body, "|\n");

				strbuf_addstr(&x, "<w:tc>");
				if (spec[0] == 'M')
					strbuf_addstr(&x,
						      "<w:tcPr><w:gridSpan w:val=\"8\"/></w:tcPr>");
				strbuf_addstr(&x, "<w:p><w:r><w:t xml:space=\"preserve\">");
				add_escaped(&x, body, n);
				strbuf_addstr(&x, "</w:t></w:r></w:p></w:tc>");
				body += n + 1;
			}
			strbuf_addstr(&x, "</w:tr>");
		} else {
			if (in_tbl)
				strbuf_addstr(&x, "</w:tbl>");
			in_tbl = 0;
			if (spec[0] == 'P') {
				strbuf_addstr(&x, "<w:p><w:r><w:t xml:space=\"preserve\">");
				add_escaped(&x, body, len > 2 ? len - 2 : 0);
				strbuf_addstr(&x, "</w:t></w:r></w:p>");
			}
		}
		spec = *end ? end + 1 : end;
	}
	if (in_tbl)
		strbuf_addstr(&x, "</w:tbl>");
	strbuf_addstr(&x, "</w:body></w:document>");
	{
		struct zipfix_part parts[] = {
		    {"[Content_Types].xml",
		     "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
		     "package/2006/content-types\"><Default Extension=\"xml\" "
		     "ContentType=\"application/xml\"/></Types>"},
		    {"word/document.xml", x.buf},
		};

		strbuf_reset(zip);
		if (zipfix_write_mem(zip, parts, 2))
			test_fail(__FILE__, __LINE__, "cannot build the document");
	}
	strbuf_release(&x);
}

/* ---- checks ---- */

static int read_xlsx(const struct sheet *sheets, size_t n, struct summary_file *f)
{
	struct strbuf zip = STRBUF_INIT, err = STRBUF_INIT;
	int ret;

	make_xlsx(sheets, n, &zip);
	ret = summary_read_memory(zip.buf, zip.len, "xlsx", vocab, f, &err);
	if (ret)
		test_fail(__FILE__, __LINE__, "summary_read: %s", err.buf);
	strbuf_release(&zip);
	strbuf_release(&err);
	return ret;
}

static int read_docx(const char *spec, struct summary_file *f)
{
	struct strbuf zip = STRBUF_INIT, err = STRBUF_INIT;
	int ret;

	make_docx(spec, &zip);
	ret = summary_read_memory(zip.buf, zip.len, "docx", vocab, f, &err);
	if (ret)
		test_fail(__FILE__, __LINE__, "summary_read: %s", err.buf);
	strbuf_release(&zip);
	strbuf_release(&err);
	return ret;
}

/* The table's rows as "row:seq/enterprise/direction/mobile" lines, for one comparison. */
static void rows_of(const struct summary_table *t, struct strbuf *out)
{
	strbuf_reset(out);
	for (size_t i = 0; i < t->n; i++) {
		const struct summary_row *r = &t->rows[i];

		strbuf_addf(out, "%u:%s/%s/%s/%s\n", r->row,
			    r->cell[SC_SEQ] ? r->cell[SC_SEQ] : "-", r->cell[SC_ENTERPRISE],
			    r->cell[SC_DIRECTION] ? r->cell[SC_DIRECTION] : "-",
			    r->cell[SC_MOBILE] ? r->cell[SC_MOBILE] : "-");
	}
}

#define assert_rows(t, want)                                                                       \
	do {                                                                                       \
		struct strbuf got_ = STRBUF_INIT;                                                  \
		rows_of((t), &got_);                                                               \
		assert_eq_str(got_.buf, (want));                                                   \
		strbuf_release(&got_);                                                             \
	} while (0)

/* ---- cases ---- */

TEST(one_sheet_per_table)
{
	const struct sheet sheets[] = {
	    {"平台汇总表",
	     "附件5\n" P_TITLE "\n" UNIT "\n" P_HEAD "\n"
	     "1|南京甲科技有限公司|跨行业跨领域|甲平台|张三|13800000001|南京市|物联网\n"
	     "2|南京乙科技有限公司|企业级|乙平台|李四|13800000002|南京市|否\n" NOTES,
	     0},
	    {"标杆工厂汇总表",
	     "附件5\n" F_TITLE "\n" UNIT "\n" F_HEAD "\n"
	     "1|南京丙制造有限公司|离散行业|智能工厂|王五|13800000003|南京市|否\n" NOTES,
	     0},
	};
	struct summary_file f;

	if (!load_vocab() || read_xlsx(sheets, 2, &f))
		return;
	assert_eq_int(f.n, 2);
	if (f.n == 2) {
		assert_eq_int(f.tables[0].type, SUMMARY_PLATFORM);
		assert_eq_str(f.tables[0].sheet, "平台汇总表");
		assert_eq_int(f.tables[0].header_row, 4);
		assert_rows(&f.tables[0], "5:1/南京甲科技有限公司/跨行业跨领域/13800000001\n"
					  "6:2/南京乙科技有限公司/企业级/13800000002\n");
		assert_eq_str(f.tables[0].rows[0].cell[SC_CLUSTER], "物联网");
		assert_eq_str(f.tables[0].rows[0].cell[SC_PROJECT], "甲平台");
		assert_eq_str(f.tables[0].rows[0].cell[SC_CONTACT], "张三");
		assert_eq_str(f.tables[0].rows[0].cell[SC_LOCATION], "南京市");
		assert_eq_int(f.tables[1].type, SUMMARY_FACTORY);
		assert_eq_str(f.tables[1].sheet, "标杆工厂汇总表");
		assert_rows(&f.tables[1], "5:1/南京丙制造有限公司/离散行业/13800000003\n");
	}
	summary_file_release(&f);
}

TEST(two_tables_on_one_sheet)
{
	/* Under each other: notes and blank rows between, then titles without them. */
	const struct sheet with_notes[] = {
	    {"Sheet1",
	     P_TITLE "\n" UNIT "\n" P_HEAD "\n"
		     "1|南京甲科技有限公司|行业级|甲平台|张三|13800000001|南京市|否\n" NOTES
		     "\n\n" F_TITLE "\n" UNIT "\n" F_HEAD "\n"
		     "1|南京丙制造有限公司|流程行业|智能工厂|王五|13800000003|南京市|否\n"
		     "2|南京丁制造有限公司|离散行业|数字化车间|赵六|13800000004|南京市|否\n",
	     0},
	};
	const struct sheet bare[] = {
	    {"Sheet1",
	     P_TITLE
	     "\n" P_HEAD "\n1|南京甲科技有限公司|行业级|甲平台|张三|13800000001|南京市|否\n" F_TITLE
	     "\n" F_HEAD "\n1|南京丙制造有限公司|流程行业|智能工厂|王五|13800000003|南京市|否\n",
	     0},
	};
	struct summary_file f;

	if (!load_vocab() || read_xlsx(with_notes, 1, &f))
		return;
	assert_eq_int(f.n, 2);
	if (f.n == 2) {
		assert_eq_int(f.tables[0].type, SUMMARY_PLATFORM);
		assert_rows(&f.tables[0], "4:1/南京甲科技有限公司/行业级/13800000001\n");
		assert_eq_int(f.tables[1].type, SUMMARY_FACTORY);
		assert_eq_int(f.tables[1].header_row, 12);
		assert_rows(&f.tables[1], "13:1/南京丙制造有限公司/流程行业/13800000003\n"
					  "14:2/南京丁制造有限公司/离散行业/13800000004\n");
	}
	summary_file_release(&f);
	if (read_xlsx(bare, 1, &f))
		return;
	assert_eq_int(f.n, 2);
	if (f.n == 2) {
		assert_eq_int(f.tables[0].type, SUMMARY_PLATFORM);
		assert_rows(&f.tables[0], "3:1/南京甲科技有限公司/行业级/13800000001\n");
		assert_eq_int(f.tables[1].type, SUMMARY_FACTORY);
		assert_rows(&f.tables[1], "6:1/南京丙制造有限公司/流程行业/13800000003\n");
	}
	summary_file_release(&f);
}

TEST(two_tables_in_one_docx)
{
	/* Titles as paragraphs above each table, the notes as the table's last (merged) row. */
	static const char spec[] =
	    "P 附件5：\nP " P_TITLE "\nP " UNIT "\nR " P_HEAD "\n"
	    "R 1|南京甲科技有限公司|跨行业跨领域|甲平台|张三|13800000001|南京市|物联网\n"
	    "R 2|南京乙科技有限公司|重点培育|乙平台|李四|13800000002|南京市|否\n"
	    "M 说明：1、申报方向指企业级、行业级、跨行业跨领域和重点培育四个方向。\n"
	    "P \nP " F_TITLE "\nP " UNIT "\nR " F_HEAD "\n"
	    "R 1|南京丙制造有限公司|离散行业|智能工厂|王五|13800000003|南京市|否\n"
	    "M 说明：1、所属行业指流程行业和离散行业。\nP \n";
	/* Titles as the first (merged) row of each table, the tables back to back. */
	static const char inside[] =
	    "M " P_TITLE "\nR " P_HEAD "\n"
	    "R 1|南京甲科技有限公司|行业级|甲平台|张三|13800000001|南京市|否\n-\n"
	    "M " F_TITLE "\nR " F_HEAD "\n"
	    "R 1|南京丙制造有限公司|流程行业|智能工厂|王五|13800000003|南京市|否\n";
	struct summary_file f;

	if (!load_vocab() || read_docx(spec, &f))
		return;
	assert_eq_int(f.n, 2);
	if (f.n == 2) {
		assert_eq_int(f.tables[0].type, SUMMARY_PLATFORM);
		assert_true(f.tables[0].sheet == NULL);
		assert_eq_int(f.tables[0].docx_table, 1);
		assert_eq_int(f.tables[0].header_row, 1);
		assert_rows(&f.tables[0], "2:1/南京甲科技有限公司/跨行业跨领域/13800000001\n"
					  "3:2/南京乙科技有限公司/重点培育/13800000002\n");
		assert_eq_int(f.tables[1].type, SUMMARY_FACTORY);
		assert_eq_int(f.tables[1].docx_table, 2);
		assert_rows(&f.tables[1], "2:1/南京丙制造有限公司/离散行业/13800000003\n");
	}
	summary_file_release(&f);
	if (read_docx(inside, &f))
		return;
	assert_eq_int(f.n, 2);
	if (f.n == 2) {
		assert_eq_int(f.tables[0].type, SUMMARY_PLATFORM);
		assert_eq_int(f.tables[0].header_row, 2);
		assert_rows(&f.tables[0], "3:1/南京甲科技有限公司/行业级/13800000001\n");
		assert_eq_int(f.tables[1].type, SUMMARY_FACTORY);
		assert_rows(&f.tables[1], "3:1/南京丙制造有限公司/流程行业/13800000003\n");
	}
	summary_file_release(&f);
}

TEST(header_synonyms)
{
	/* No title: the header alone types each table, its cells typed as people type them. */
	const struct sheet sheets[] = {
	    {"Sheet1",
	     "序 号|企业名称|申报方向|项目名称|联系人|联系电话|所在地|所属集群\n"
	     "1|南京甲科技有限公司|企业级|甲平台|张三|13800000001|南京市|否\n",
	     0},
	    {"Sheet2",
	     "*序号|申报企业名称：|项目方向（跨行业跨领域/行业级/企业级/重点培育）|项目名称|"
	     "联系人|联系电话|手机|是否省先进制造业集群（是请填写集群名称）\n"
	     "1|南京乙科技有限公司|行业级|乙平台|李四|025-83001234|13800000002|否\n",
	     0},
	    {"Sheet3",
	     "序　号|单位名称|行业类别|项目名称|联系人|联系方式\n"
	     "1|南京丙制造有限公司|流程行业|智能工厂|王五|13800000003\n",
	     0},
	    /* 类别 serves either table: the title types it; beside 项目方向 it is not read. */
	    {"Sheet4",
	     F_TITLE
	     "\n序号|企业名称|类别|项目名称|联系人\n1|南京丁制造有限公司|离散行业|车间|赵六\n"
	     "序号|企业名称|类别|项目方向|联系人\n1|南京戊科技有限公司|A类|企业级|钱七\n",
	     0},
	};
	struct summary_file f;

	if (!load_vocab() || read_xlsx(sheets, 4, &f))
		return;
	assert_eq_int(f.n, 5);
	if (f.n == 5) {
		assert_eq_int(f.tables[0].type, SUMMARY_PLATFORM);
		assert_rows(&f.tables[0], "2:1/南京甲科技有限公司/企业级/13800000001\n");
		assert_eq_str(f.tables[0].rows[0].cell[SC_CLUSTER], "否");
		assert_eq_str(f.tables[0].rows[0].cell[SC_LOCATION], "南京市");
		/* Both 联系电话 and 手机: the mobile column is 手机. */
		assert_eq_int(f.tables[1].type, SUMMARY_PLATFORM);
		assert_rows(&f.tables[1], "2:1/南京乙科技有限公司/行业级/13800000002\n");
		assert_eq_str(f.tables[1].rows[0].cell[SC_CLUSTER], "否");
		assert_eq_int(f.tables[2].type, SUMMARY_FACTORY);
		assert_rows(&f.tables[2], "2:1/南京丙制造有限公司/流程行业/13800000003\n");
		assert_eq_int(f.tables[3].type, SUMMARY_FACTORY);
		assert_rows(&f.tables[3], "3:1/南京丁制造有限公司/离散行业/-\n");
		assert_eq_int(f.tables[4].type, SUMMARY_PLATFORM);
		assert_rows(&f.tables[4], "5:1/南京戊科技有限公司/企业级/-\n");
	}
	summary_file_release(&f);
}

TEST(title_rows_notes_and_blanks_skipped)
{
	/* Template rows left numbered but empty, a blank row, a totals row, a signature line. */
	const struct sheet sheets[] = {
	    {"汇总",
	     "附件5\n\n" P_TITLE "\n" UNIT "\n\n" P_HEAD "\n"
	     "1|南京甲科技有限公司|企业级|甲平台|张三|13800000001|南京市|否\n"
	     "\n"
	     "2|南京乙科技有限公司|行业级|乙平台|李四|13800000002|南京市|否\n"
	     "3\n4\n"
	     "合计|2家\n" UNIT "\n" NOTES
	     "3、省13个先进制造业集群名称：新型电力（新能源）装备、工程机械\n"
	     "注：本表由推荐单位填写\n"
	     "（4）其他\n",
	     0},
	};
	struct summary_file f;

	if (!load_vocab() || read_xlsx(sheets, 1, &f))
		return;
	assert_eq_int(f.n, 1);
	if (f.n == 1) {
		assert_eq_int(f.tables[0].type, SUMMARY_PLATFORM);
		assert_eq_int(f.tables[0].header_row, 6);
		assert_rows(&f.tables[0], "7:1/南京甲科技有限公司/企业级/13800000001\n"
					  "9:2/南京乙科技有限公司/行业级/13800000002\n");
	}
	summary_file_release(&f);
}

TEST(untypeable_table)
{
	/*
	 * Neither a type column nor a title; header and title disagreeing with
	 * nothing in the column to settle it; a sheet's name with one table and
	 * with two.
	 */
	const struct sheet sheets[] = {
	    {"Sheet1",
	     "附件5\n序号|申报企业名称|项目名称|联系人|联系方式（手机）\n"
	     "1|南京甲科技有限公司|甲平台|张三|13800000001\n"
	     "2|南京乙科技有限公司|乙平台|李四|13800000002\n" F_TITLE "\n" P_HEAD "\n"
	     "1|南京丙制造有限公司||智能工厂|王五|13800000003|南京市|否\n"
	     "2|南京庚制造有限公司|其他|智能工厂|王五|13800000003|南京市|否\n",
	     0},
	    {"标杆工厂",
	     "序号|申报企业名称|项目名称|联系人\n1|南京丁制造有限公司|数字化车间|赵六\n", 0},
	    {"平台",
	     "序号|申报企业名称|项目名称|联系人\n1|南京戊科技有限公司|戊平台|钱七\n\n"
	     "序号|申报企业名称|项目名称|联系人\n1|南京己科技有限公司|己平台|孙八\n",
	     0},
	};
	struct summary_file f;

	if (!load_vocab() || read_xlsx(sheets, 3, &f))
		return;
	assert_eq_int(f.n, 5);
	if (f.n == 5) {
		assert_eq_int(f.tables[0].type, SUMMARY_UNTYPED);
		assert_eq_str(f.tables[0].sheet, "Sheet1");
		assert_eq_int(f.tables[0].header_row, 2);
		assert_eq_int(f.tables[0].n, 2);
		assert_eq_str(f.tables[0].why,
			      "表头既无“项目方向”（平台）列也无“所属行业”（标杆工厂）"
			      "列，上方也无表明是平台还是标杆工厂的标题");
		assert_eq_str(f.tables[0].header_text,
			      "序号\t申报企业名称\t项目名称\t联系人\t联系方式（手机）");
		assert_eq_int(f.tables[1].type, SUMMARY_UNTYPED);
		assert_eq_int(f.tables[1].header_row, 6);
		assert_eq_str(f.tables[1].why,
			      "表头“项目方向”列表明是平台汇总表，而上方标题“" F_TITLE
			      "”表明是标杆工厂汇总表，该列所填内容也不能表明");
		/* Alone on a sheet named for one table: the name types it. */
		assert_eq_int(f.tables[2].type, SUMMARY_FACTORY);
		assert_true(f.tables[2].why == NULL);
		/* Two on a sheet: the name cannot say which. */
		assert_eq_int(f.tables[3].type, SUMMARY_UNTYPED);
		assert_eq_int(f.tables[4].type, SUMMARY_UNTYPED);
		assert_eq_int(f.tables[4].header_row, 4);
	}
	summary_file_release(&f);
}

TEST(column_values_settle_what_header_and_title_do_not)
{
	/*
	 * The factory sheet copied from the platform one: 项目方向 kept under a
	 * factory title, the values say 离散行业.  A 类别 column with no title,
	 * its values platform directions (one with a word around it).  Values
	 * of both tables, or an unknown one, settle nothing.
	 */
	const struct sheet sheets[] = {
	    {"Sheet1",
	     F_TITLE "\n" P_HEAD
		     "\n1|南京丙制造有限公司|离散行业|智能工厂|王五|13800000003|南京市|否\n",
	     0},
	    {"Sheet2",
	     "序号|申报企业名称|类别|项目名称\n1|南京甲科技有限公司|企业级平台|甲平台\n"
	     "2|南京乙科技有限公司|重点培育|乙平台\n3|南京辛科技有限公司||辛平台\n",
	     0},
	    {"Sheet3",
	     "序号|申报企业名称|类别|项目名称\n1|南京甲科技有限公司|企业级|甲平台\n"
	     "2|南京丙制造有限公司|流程行业|工厂\n",
	     0},
	    {"平台", "序号|申报企业名称|类别|项目名称\n1|南京甲科技有限公司|甲类|甲平台\n", 0},
	};
	struct summary_file f;

	if (!load_vocab() || read_xlsx(sheets, 4, &f))
		return;
	assert_eq_int(f.n, 4);
	if (f.n == 4) {
		assert_eq_int(f.tables[0].type, SUMMARY_FACTORY);
		assert_rows(&f.tables[0], "3:1/南京丙制造有限公司/离散行业/13800000003\n");
		assert_eq_int(f.tables[1].type, SUMMARY_PLATFORM);
		assert_eq_int(f.tables[1].n, 3);
		assert_eq_int(f.tables[2].type, SUMMARY_UNTYPED);
		assert_eq_str(f.tables[2].why,
			      "表头既无“项目方向”（平台）列也无“所属行业”（标杆工厂）"
			      "列，上方也无表明是平台还是标杆工厂的标题，该列所填内容也不能表明");
		/* Nothing in the values; the sheet's name then. */
		assert_eq_int(f.tables[3].type, SUMMARY_PLATFORM);
	}
	summary_file_release(&f);
}

TEST(hidden_sheet_and_no_table)
{
	const struct sheet hidden[] = {
	    {"平台", P_HEAD "\n1|南京甲科技有限公司|企业级|甲平台|张三|13800000001|南京市|否\n", 0},
	    {"旧表", P_HEAD "\n1|南京旧科技有限公司|企业级|旧平台|张三|13800000009|南京市|否\n", 1},
	};
	const struct sheet none[] = {
	    {"Sheet1", P_TITLE "\n" UNIT "\n序号|企业\n1|南京甲科技有限公司\n", 0}};
	struct strbuf zip = STRBUF_INIT, err = STRBUF_INIT;
	struct summary_file f;

	if (!load_vocab() || read_xlsx(hidden, 2, &f))
		return;
	assert_eq_int(f.n, 1);
	if (f.n == 1)
		assert_rows(&f.tables[0], "2:1/南京甲科技有限公司/企业级/13800000001\n");
	summary_file_release(&f);

	make_xlsx(none, 1, &zip);
	assert_eq_int(summary_read_memory(zip.buf, zip.len, "xlsx", vocab, &f, &err), -1);
	assert_true(strstr(err.buf, "no header row") != NULL);
	assert_eq_int(f.n, 0);
	strbuf_reset(&err);
	assert_eq_int(summary_read_memory(zip.buf, zip.len, "xls", vocab, &f, &err), -1);
	assert_true(strstr(err.buf, ".xls table cannot be read") != NULL);
	strbuf_reset(&err);
	assert_eq_int(summary_read_memory("not a zip", 9, "docx", vocab, &f, &err), -1);
	assert_true(err.len > 0);
	strbuf_release(&zip);
	strbuf_release(&err);
}

static int vocab_error(const char *text, const char *needle)
{
	const char *path = zipfix_path("v.tsv");
	FILE *fp = fopen(path, "w");
	struct strbuf err = STRBUF_INIT;
	struct summary_vocab *v;
	int ok;

	if (!fp)
		return test_fail(__FILE__, __LINE__, "cannot write %s", path);
	fputs(text, fp);
	fclose(fp);
	v = summary_vocab_load(path, &cat, &err);
	ok = !v && strstr(err.buf, needle) != NULL;
	if (!ok)
		test_fail(__FILE__, __LINE__, "'%s' gave '%s', wanted '%s'", text, err.buf, needle);
	summary_vocab_free(v);
	strbuf_release(&err);
	return ok;
}

TEST(vocabulary_file)
{
	struct strbuf err = STRBUF_INIT;

	if (!load_vocab())
		return;
	assert_eq_int(strlen(summary_vocab_digest(vocab)), 64);
	vocab_error("# only a comment\nseq\t序\n", "v.tsv:2: expected the header");
	vocab_error("key\twords\nsequence\t序\n", "v.tsv:2: unknown key 'sequence'");
	vocab_error("key\twords\nseq\t序\nenterprise\t序\n",
		    "v.tsv:3: '序' is already a word of seq");
	vocab_error("key\twords\nseq\t项目方向\n",
		    "v.tsv:2: '项目方向' is already a word of direction");
	vocab_error("key\twords\nseq\t序||号\n", "v.tsv:2: an empty word");
	vocab_error("key\twords\nseq\t序\tx\n", "v.tsv:2: expected two columns");
	assert_true(summary_vocab_load("/nonexistent/v.tsv", &cat, &err) == NULL);
	assert_true(strstr(err.buf, "/nonexistent/v.tsv") != NULL);
	strbuf_release(&err);
}

TEST(vocabulary_needs_the_type_columns)
{
	/* A catalogue without 项目方向 and a file without a word for it: no table could be typed.
	 */
	const char *path = zipfix_path("s.tsv");
	FILE *fp = fopen(path, "w");
	struct catalog small;
	struct strbuf err = STRBUF_INIT;

	if (!fp) {
		test_fail(__FILE__, __LINE__, "cannot write %s", path);
		return;
	}
	fputs("key\tlabel\ttype\trequired\tmax_chars\tsection\toptions\n"
	      "enterprise\t申报企业名称\ttext\t1\t0\t附件5\t\n",
	      fp);
	fclose(fp);
	if (catalog_load(path, &small, &err)) {
		test_fail(__FILE__, __LINE__, "%s", err.buf);
	} else {
		path = zipfix_path("v.tsv");
		fp = fopen(path, "w");
		if (fp) {
			fputs("key\twords\nindustry_type\t行业\n", fp);
			fclose(fp);
		}
		assert_true(summary_vocab_load(path, &small, &err) == NULL);
		assert_true(strstr(err.buf, "no word for direction") != NULL);
		catalog_release(&small);
	}
	strbuf_release(&err);
}

TEST_MAIN(TEST_ENTRY(one_sheet_per_table), TEST_ENTRY(two_tables_on_one_sheet),
	  TEST_ENTRY(two_tables_in_one_docx), TEST_ENTRY(header_synonyms),
	  TEST_ENTRY(title_rows_notes_and_blanks_skipped), TEST_ENTRY(untypeable_table),
	  TEST_ENTRY(column_values_settle_what_header_and_title_do_not),
	  TEST_ENTRY(hidden_sheet_and_no_table), TEST_ENTRY(vocabulary_file),
	  TEST_ENTRY(vocabulary_needs_the_type_columns))
