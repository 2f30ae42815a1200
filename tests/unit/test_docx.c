#include "tests/unit/harness.h"
#include "tests/unit/zipfix.h"
#include "common/docx.h"
#include "common/strbuf.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define ON  DOCX_MARK_ON_UTF8
#define OFF DOCX_MARK_OFF_UTF8

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "</Types>";

#define DOC_HEAD                                                                                   \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"                            \
	"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "    \
	"xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" "                      \
	"xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "                \
	"xmlns:v=\"urn:schemas-microsoft-com:vml\"><w:body>"
#define DOC_TAIL "</w:body></w:document>"

/* Write a .docx whose document.xml is exactly xml; returns its path. */
static const char *make_docx_raw(const char *xml)
{
	struct zipfix_part parts[] = {
	    {"[Content_Types].xml", content_types},
	    {"word/document.xml", xml},
	};
	const char *path = zipfix_path("t.docx");

	if (zipfix_write(path, parts, 2))
		test_fail(__FILE__, __LINE__, "cannot write %s", path);
	return path;
}

/* Plain text of a document whose body is `body`; "ERR: ..." on error. */
static void body_text(const char *body, struct strbuf *out)
{
	struct strbuf xml = STRBUF_INIT, err = STRBUF_INIT;

	strbuf_addf(&xml, "%s%s%s", DOC_HEAD, body, DOC_TAIL);
	strbuf_reset(out);
	if (docx_extract_text(make_docx_raw(xml.buf), 0, out, &err)) {
		strbuf_reset(out);
		strbuf_addf(out, "ERR: %s", err.buf);
	}
	strbuf_release(&xml);
	strbuf_release(&err);
}

#define assert_body(body, expect)                                                                  \
	do {                                                                                       \
		struct strbuf got_ = STRBUF_INIT;                                                  \
		body_text((body), &got_);                                                          \
		assert_eq_str(got_.buf, (expect));                                                 \
		strbuf_release(&got_);                                                             \
	} while (0)

#define P(x) "<w:p>" x "</w:p>"
#define R(x) "<w:r><w:t xml:space=\"preserve\">" x "</w:t></w:r>"
#define RF(font, x)                                                                                \
	"<w:r><w:rPr><w:rFonts w:ascii=\"" font "\" w:hAnsi=\"" font "\"/></w:rPr><w:t>" x         \
	"</w:t></w:r>"
#define SYM(font, ch) "<w:r><w:sym w:font=\"" font "\" w:char=\"" ch "\"/></w:r>"

TEST(typed_marks)
{
	/* □ ☐ ■ ☑ ☒ √ ✓ ✔, each becomes one of the two marks. */
	assert_body(P(R("□是 ☐否 ■a ☑b ☒c √d ✓e ✔f")),
		    OFF "是 " OFF "否 " ON "a " ON "b " ON "c " ON "d " ON "e " ON "f\n");
}

TEST(plain_paragraphs_and_split_runs)
{
	assert_body(P(R("江苏省重点工业互联网") R("平台") R("申报书"))
			P(R("统一社会") R("信用代码：")) P(""),
		    "江苏省重点工业互联网平台申报书\n统一社会信用代码：\n\n");
}

TEST(tabs_breaks_hyphens)
{
	assert_body("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr>"
		    "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t>"
		    "<w:noBreakHyphen/><w:t>e</w:t><w:softHyphen/><w:t>f</w:t></w:r></w:p>",
		    "a\tb\nc\nd-ef\n");
}

TEST(wingdings_sym)
{
	assert_body(P(SYM("Wingdings", "F0FE") SYM("Wingdings", "F0FC") SYM("Wingdings", "F06E")
			  SYM("Wingdings", "F0FD") SYM("Wingdings", "F0A8")
			      SYM("Wingdings", "F06F")),
		    ON ON ON ON OFF OFF "\n");
	assert_body(P(SYM("Wingdings 2", "F052") SYM("Wingdings 2", "F053")
			  SYM("Wingdings 2", "F054") SYM("Wingdings 2", "F050")
			      SYM("Wingdings 2", "F0A3")),
		    ON ON ON ON OFF "\n");
	/* w:char without the F0 page, the Symbol font's radical, case of the font name. */
	assert_body(P(SYM("Wingdings", "FE") SYM("Symbol", "F0D6") SYM("wingdings 2", "f0a3")),
		    ON ON OFF "\n");
	/* A glyph that is no box stays as its private-use code point (U+F04A, a smiley). */
	assert_body(P(SYM("Wingdings", "F04A") R("x")), "\xEF\x81\x8Ax\n");
	/* The same code in a font we do not know is not a box. */
	assert_body(P(SYM("Webdings", "F0FE")), "\xEF\x83\xBE\n");
}

TEST(wingdings_run_text)
{
	/* Private-use code points in runs whose font is the symbol font. */
	assert_body(
	    P(RF("Wingdings", "\xEF\x83\xBE\xEF\x83\xBC\xEF\x81\xAE\xEF\x82\xA8\xEF\x81\xAF")),
	    ON ON ON OFF OFF "\n");
	assert_body(
	    P(RF("Wingdings 2", "\xEF\x81\x92\xEF\x81\x93\xEF\x81\x94\xEF\x81\x90\xEF\x82\xA3")),
	    ON ON ON ON OFF "\n");
	/* The same glyphs typed as their ASCII / Latin-1 letter: þ ü n ¨ o; R S T P £. */
	assert_body(P(RF("Wingdings", "þün¨o")), ON ON ON OFF OFF "\n");
	assert_body(P(RF("Wingdings 2", "RSTP£")), ON ON ON ON OFF "\n");
	/* Only the run with the font is mapped; a space stays a space. */
	assert_body(P(R("R") RF("Wingdings 2", "R R") R("是")), "R" ON " " ON "是\n");
	/* Font given only by w:cs (as some tools write it). */
	assert_body(P("<w:r><w:rPr><w:rFonts w:cs=\"Wingdings\"/></w:rPr><w:t>þ</w:t></w:r>"),
		    ON "\n");
}

#define SDT_BOX(val, glyph)                                                                        \
	"<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"" val "\"/>"                         \
	"<w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/>"                              \
	"<w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/></w14:checkbox></w:sdtPr>"   \
	"<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii=\"MS Gothic\" w:hAnsi=\"MS Gothic\"/>"        \
	"</w:rPr><w:t>" glyph "</w:t></w:r></w:sdtContent></w:sdt>"

TEST(content_control_checkbox)
{
	assert_body(P(SDT_BOX("1", "☒") R("是") SDT_BOX("0", "☐") R("否")), ON "是" OFF "否\n");
	assert_body(P(SDT_BOX("true", "☒") SDT_BOX("false", "☐")), ON OFF "\n");
	/* The control's glyph disagreeing with its state: the state wins, counted once. */
	assert_body(P(SDT_BOX("0", "☒")), OFF "\n");
	/* A plain (non check-box) content control keeps its text. */
	assert_body(P("<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent>" R(
			"文本") "</w:sdtContent></w:sdt>"),
		    "文本\n");
}

#define FF_BOX(inner)                                                                              \
	"<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"Check1\"/>"             \
	"<w:enabled/><w:calcOnExit w:val=\"0\"/><w:checkBox><w:sizeAuto/>" inner                   \
	"</w:checkBox></w:ffData></w:fldChar></w:r>"                                               \
	"<w:r><w:instrText xml:space=\"preserve\"> FORMCHECKBOX </w:instrText></w:r>"              \
	"<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"

TEST(legacy_form_field_checkbox)
{
	assert_body(P(FF_BOX("<w:default w:val=\"0\"/><w:checked/>") R("是")), ON "是\n");
	assert_body(P(FF_BOX("<w:default w:val=\"0\"/><w:checked w:val=\"1\"/>")), ON "\n");
	assert_body(P(FF_BOX("<w:default w:val=\"1\"/><w:checked w:val=\"0\"/>")), OFF "\n");
	assert_body(P(FF_BOX("<w:default w:val=\"1\"/><w:checked w:val=\"false\"/>")), OFF "\n");
	/* No w:checked: the default decides. */
	assert_body(P(FF_BOX("<w:default w:val=\"1\"/>")), ON "\n");
	assert_body(P(FF_BOX("<w:default/>")), ON "\n");
	assert_body(P(FF_BOX("<w:default w:val=\"0\"/>")), OFF "\n");
	assert_body(P(FF_BOX("")), OFF "\n");
}

TEST(fields_code_dropped_result_kept)
{
	assert_body(P(R("第") "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
			      "<w:r><w:instrText> PAGE </w:instrText></w:r>"
			      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" R(
				  "3") "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" R("页")),
		    "第3页\n");
	/* A text run inside the code part (some writers) is not text either. */
	assert_body(
	    P("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>" R(
		"HYPERLINK x") "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" R("链接") "<w:"
											      "r><"
											      "w:"
											      "fldC"
											      "har "
											      "w:"
											      "fldC"
											      "harT"
											      "ype="
											      "\"en"
											      "d\"/"
											      "></"
											      "w:"
											      "r>"),
	    "链接\n");
	assert_body(P("<w:fldSimple w:instr=\" NUMPAGES \">" R("12") "</w:fldSimple>"), "12\n");
}

TEST(tracked_changes)
{
	assert_body(
	    P(R("申报") "<w:ins w:id=\"1\" w:author=\"a\">" R(
		"企业") "</w:ins>"
			"<w:del w:id=\"2\" "
			"w:author=\"a\"><w:r><w:delText>单位</w:delText></w:r></w:del>" R("名称")),
	    "申报企业名称\n");
	assert_body(P("<w:moveFrom w:id=\"3\">" R("旧") "</w:moveFrom>" R(
			"中") "<w:moveTo w:id=\"4\">" R("新") "</w:moveTo>"),
		    "中新\n");
	/* The font of a tracked formatting change is the old one: not used. */
	assert_body(P("<w:r><w:rPr><w:rPrChange w:id=\"5\"><w:rPr><w:rFonts w:ascii=\"Wingdings\"/>"
		      "</w:rPr></w:rPrChange></w:rPr><w:t>þ</w:t></w:r>"),
		    "þ\n");
}

TEST(alternate_content_read_once)
{
	assert_body(
	    P(R("A") "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
		     "<w:txbxContent>" P(R(
			 "框内")) "</w:txbxContent></w:drawing></mc:Choice>"
				  "<mc:Fallback><w:pict><v:textbox><w:txbxContent>" P(R(
				      "框内")) "</w:txbxContent></v:textbox></w:pict></mc:Fallback>"
					       "</mc:AlternateContent></w:r>" R("B")),
	    "A\n框内B\n");
}

#define TC(x)  "<w:tc>" x "</w:tc>"
#define TR(x)  "<w:tr>" x "</w:tr>"
#define TBL(x) "<w:tbl>" x "</w:tbl>"

/* Log every event as a line "KIND d=.. t=.. r=.. c=.. g=.. p=..|text". */
static int log_block(const struct docx_block *b, void *ctx)
{
	static const char *const kinds[] = {"P", "C", "RE", "TS", "TE"};
	struct strbuf *log = ctx;

	strbuf_addf(log, "%s d%d t%d r%d c%d g%d p%d|%.*s\n", kinds[b->kind], b->depth, b->table,
		    b->row, b->col, b->grid_col, b->para_in_cell, (int)b->len, b->text);
	return 0;
}

static void body_log(const char *body, struct strbuf *log)
{
	struct strbuf xml = STRBUF_INIT, err = STRBUF_INIT;

	strbuf_addf(&xml, "%s%s%s", DOC_HEAD, body, DOC_TAIL);
	strbuf_reset(log);
	if (docx_read_memory(NULL, 0, NULL, log_block, log, &err) != -1)
		test_fail(__FILE__, __LINE__, "empty buffer accepted");
	if (docx_read_file(make_docx_raw(xml.buf), NULL, log_block, log, &err))
		strbuf_addf(log, "ERR: %s", err.buf);
	strbuf_release(&xml);
	strbuf_release(&err);
}

TEST(nested_tables_coordinates)
{
	struct strbuf log = STRBUF_INIT, text = STRBUF_INIT;
	const char *body = P(R("前")) TBL(TR(TC(P(R("企业名称"))) TC(P(R("甲")) P(R("乙")))) TR(
	    "<w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>"
	    "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge/></w:tcPr>" P(R("外"))
		TBL(TR(TC(P(R("内1"))) TC(P(R("内2"))))) P(R("后")) "</w:tc>" TC(P(R("末")))))
	    P(R("尾"));

	body_log(body, &log);
	assert_eq_str(log.buf, "P d0 t-1 r-1 c-1 g-1 p-1|前\n"
			       "TS d1 t0 r-1 c-1 g-1 p-1|\n"
			       "P d1 t0 r0 c0 g0 p0|企业名称\n"
			       "C d1 t0 r0 c0 g0 p-1|企业名称\n"
			       "P d1 t0 r0 c1 g1 p0|甲\n"
			       "P d1 t0 r0 c1 g1 p1|乙\n"
			       "C d1 t0 r0 c1 g1 p-1|甲\n乙\n"
			       "RE d1 t0 r0 c-1 g-1 p-1|\n"
			       "P d1 t0 r1 c0 g1 p0|外\n"
			       "TS d2 t1 r-1 c-1 g-1 p-1|\n"
			       "P d2 t1 r0 c0 g0 p0|内1\n"
			       "C d2 t1 r0 c0 g0 p-1|内1\n"
			       "P d2 t1 r0 c1 g1 p0|内2\n"
			       "C d2 t1 r0 c1 g1 p-1|内2\n"
			       "RE d2 t1 r0 c-1 g-1 p-1|\n"
			       "TE d2 t1 r-1 c-1 g-1 p-1|\n"
			       "P d1 t0 r1 c0 g1 p1|后\n"
			       "C d1 t0 r1 c0 g1 p-1|外\n后\n"
			       "P d1 t0 r1 c1 g3 p0|末\n"
			       "C d1 t0 r1 c1 g3 p-1|末\n"
			       "RE d1 t0 r1 c-1 g-1 p-1|\n"
			       "TE d1 t0 r-1 c-1 g-1 p-1|\n"
			       "P d0 t-1 r-1 c-1 g-1 p-1|尾\n");
	body_text(body, &text);
	assert_eq_str(text.buf, "前\n企业名称\t甲\n乙\n外\n内1\t内2\n后\t末\n尾\n");
	strbuf_release(&log);
	strbuf_release(&text);
}

static int vmerge_cb(const struct docx_block *b, void *ctx)
{
	int *v = ctx;

	if (b->kind == DOCX_CELL && b->row < 2)
		v[b->row] = b->vmerge * 10 + b->span;
	return 0;
}

TEST(cell_span_and_vmerge)
{
	struct strbuf xml = STRBUF_INIT, err = STRBUF_INIT;
	int v[2] = {0, 0};

	strbuf_addstr(
	    &xml,
	    DOC_HEAD TBL(TR(
		"<w:tc><w:tcPr><w:gridSpan w:val=\"3\"/><w:vMerge w:val=\"restart\"/></w:tcPr>" P(
		    "") "</w:tc>") TR("<w:tc><w:tcPr><w:vMerge/></w:tcPr>" P("") "</w:tc>"))
		DOC_TAIL);
	assert_eq_int(docx_read_file(make_docx_raw(xml.buf), NULL, vmerge_cb, v, &err), 0);
	assert_eq_int(v[0], DOCX_VMERGE_RESTART * 10 + 3);
	assert_eq_int(v[1], DOCX_VMERGE_CONTINUE * 10 + 1);
	strbuf_release(&xml);
	strbuf_release(&err);
}

TEST(text_box_table_flattened)
{
	assert_body(P(R("A") "<w:r><w:pict><v:textbox><w:txbxContent>" TBL(TR(TC(P(R("x"))) TC(P(
			R("y")))) TR(TC(P(R("z"))))) "</w:txbxContent></v:textbox></w:pict></w:r>"),
		    "A\nx\ty\nz\n\n");
}

TEST(other_prefixes_and_default_namespace)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	const char *xml =
	    "<?xml version=\"1.0\"?><ns0:document "
	    "xmlns:ns0=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	    "<ns0:body><ns0:p><ns0:r><ns0:t>别名</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>";
	const char *xml2 = "<?xml version=\"1.0\"?><document "
			   "xmlns=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
			   "<body><p><r><t>默认</t></r></p></body></document>";
	/* Same local names in a foreign namespace are not Word text. */
	const char *xml3 = DOC_HEAD "<w:p><w:r><w:t>a</w:t></w:r><x:t xmlns:x=\"urn:other\">b</x:t>"
				    "</w:p>" DOC_TAIL;

	assert_eq_int(docx_extract_text(make_docx_raw(xml), 0, &out, &err), 0);
	assert_eq_str(out.buf, "别名\n");
	strbuf_reset(&out);
	assert_eq_int(docx_extract_text(make_docx_raw(xml2), 0, &out, &err), 0);
	assert_eq_str(out.buf, "默认\n");
	strbuf_reset(&out);
	assert_eq_int(docx_extract_text(make_docx_raw(xml3), 0, &out, &err), 0);
	assert_eq_str(out.buf, "a\n");
	strbuf_release(&out);
	strbuf_release(&err);
}

/* A body exercising most rules, written with prefix `pfx` for wordprocessingml. */
static void prefixed_doc(struct strbuf *xml, const char *pfx, const char *decl_on_root)
{
	const char *body =
	    "<w:p><w:r><w:t xml:space=\"preserve\">甲 </w:t></w:r><w:r><w:tab/><w:t>乙</w:t></w:r>"
	    "<w:del><w:r><w:delText>删</w:delText></w:r></w:del></w:p>"
	    "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r>"
	    "<w:t>格</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:rPr><w:rFonts "
	    "w:ascii=\"Wingdings\"/>"
	    "</w:rPr><w:t>\xEF\x83\xBE</w:t></w:r><w:r><w:sym w:font=\"Wingdings\" "
	    "w:char=\"F0A8\"/>"
	    "</w:r></w:p></w:tc></w:tr></w:tbl>"
	    "<w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"1\"/></w14:checkbox>"
	    "</w:sdtPr><w:sdtContent><w:r><w:t>X</w:t></w:r></w:sdtContent></w:sdt></w:p>";

	strbuf_reset(xml);
	strbuf_addf(xml,
		    "<?xml version=\"1.0\"?><%s:document%s "
		    "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\"><%s:body>",
		    pfx, decl_on_root, pfx);
	for (const char *b = body; *b; b++)
		if (!strncmp(b, "w:", 2) &&
		    (b == body || b[-1] == '<' || b[-1] == '/' || b[-1] == ' ')) {
			strbuf_addf(xml, "%s:", pfx);
			b++;
		} else {
			strbuf_addch(xml, *b);
		}
	strbuf_addf(xml, "</%s:body></%s:document>", pfx, pfx);
}

static void doc_text(const char *xml, struct strbuf *out)
{
	struct strbuf err = STRBUF_INIT;

	strbuf_reset(out);
	if (docx_extract_text(make_docx_raw(xml), 0, out, &err)) {
		strbuf_reset(out);
		strbuf_addf(out, "ERR: %s", err.buf);
	}
	strbuf_release(&err);
}

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

TEST(prefix_is_not_the_name)
{
	struct strbuf xml = STRBUF_INIT, w = STRBUF_INIT, x = STRBUF_INIT;

	prefixed_doc(&xml, "w", " xmlns:w=\"" W_NS "\"");
	doc_text(xml.buf, &w);
	assert_eq_str(w.buf, "甲 \t乙\n格\t" ON OFF "\n" ON "\n");
	/* x: for wordprocessingml reads exactly as w: does. */
	prefixed_doc(&xml, "x", " xmlns:x=\"" W_NS "\"");
	doc_text(xml.buf, &x);
	assert_eq_str(x.buf, w.buf);
	/* The strict namespace too. */
	prefixed_doc(&xml, "s", " xmlns:s=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"");
	doc_text(xml.buf, &x);
	assert_eq_str(x.buf, w.buf);
	/* w: bound to something else is not Word text, whatever its name. */
	prefixed_doc(&xml, "w", " xmlns:w=\"urn:not-word\"");
	doc_text(xml.buf, &x);
	assert_eq_str(x.buf, "");
	strbuf_release(&xml);
	strbuf_release(&w);
	strbuf_release(&x);
}

TEST(prefix_declared_on_inner_element)
{
	struct strbuf out = STRBUF_INIT;

	/* The root declares nothing; q: is bound on the paragraph, for it and its content. */
	doc_text("<document><body><q:p xmlns:q=\"" W_NS "\"><q:r><q:t>内</q:t></q:r></q:p>"
		 "<p><r><t>外</t></r></p></body></document>",
		 &out);
	assert_eq_str(out.buf, "内\n外\n");
	/* Bound on an inner element, used by an attribute of that same element. */
	doc_text(DOC_HEAD "<w:p><w:r><w:rPr><k:rFonts xmlns:k=\"" W_NS "\" k:ascii=\"Wingdings\"/>"
			  "</w:rPr><w:t>\xEF\x83\xBE</w:t></w:r></w:p>" DOC_TAIL,
		 &out);
	assert_eq_str(out.buf, ON "\n");
	/* A redeclaration hides the outer binding up to the end of its element only. */
	doc_text(DOC_HEAD P(R("a")) "<w:p xmlns:w=\"urn:other\"><w:r><w:t>b</w:t></w:r></w:p>" P(
		     R("c")) DOC_TAIL,
		 &out);
	assert_eq_str(out.buf, "a\nc\n");
	/* Out of its element the prefix is unbound again. */
	doc_text(DOC_HEAD "<w:p><q:r xmlns:q=\"" W_NS "\"><q:t>a</q:t></q:r><q:r/></w:p>" DOC_TAIL,
		 &out);
	assert_true(strstr(out.buf, "unbound prefix") != NULL);
	strbuf_release(&out);
}

TEST(unbound_prefix_is_an_error)
{
	/*
	 * As expat's namespace mode reported them (these expectations pass
	 * against the reader built with XML_ParserCreateNS): message and
	 * position of the tag.
	 */
	struct strbuf out = STRBUF_INIT;

	doc_text(DOC_HEAD "<z:p/>" DOC_TAIL, &out);
	assert_eq_str(out.buf, "ERR: word/document.xml: XML error at line 1, column 322: unbound "
			       "prefix");
	doc_text(DOC_HEAD "<w:p z:val=\"1\"/>" DOC_TAIL, &out);
	assert_eq_str(out.buf, "ERR: word/document.xml: XML error at line 1, column 322: unbound "
			       "prefix");
	/* The xml: prefix is always bound; xmlns: never is. */
	doc_text(DOC_HEAD "<w:p xml:lang=\"zh\">" R("a") "</w:p>" DOC_TAIL, &out);
	assert_eq_str(out.buf, "a\n");
	doc_text(DOC_HEAD "<xmlns:p/>" DOC_TAIL, &out);
	assert_true(strstr(out.buf, "unbound prefix") != NULL);
	/* What the namespace mode refused in declarations and names is still refused. */
	doc_text(DOC_HEAD "<w:p xmlns:q=\"\"/>" DOC_TAIL, &out);
	assert_true(strstr(out.buf, "must not undeclare prefix") != NULL);
	doc_text(DOC_HEAD "<w:p xmlns:xml=\"urn:x\"/>" DOC_TAIL, &out);
	assert_true(strstr(out.buf, "reserved prefix (xml)") != NULL);
	doc_text(DOC_HEAD "<w:p xmlns:xmlns=\"urn:x\"/>" DOC_TAIL, &out);
	assert_true(strstr(out.buf, "reserved prefix (xmlns)") != NULL);
	doc_text(DOC_HEAD "<w:p xmlns:q=\"http://www.w3.org/2000/xmlns/\"/>" DOC_TAIL, &out);
	assert_true(strstr(out.buf, "reserved namespace names") != NULL);
	/* A URI holding expat's namespace separator (a space, also from a line break). */
	doc_text(DOC_HEAD "<w:p xmlns:q=\"urn:a\nb\"/>" DOC_TAIL, &out);
	assert_eq_str(out.buf, "ERR: word/document.xml: XML error at line 1, column 322: syntax "
			       "error");
	doc_text(DOC_HEAD "<w:p xmlns:q=\"" W_NS "\" w:a=\"1\" q:a=\"2\"/>" DOC_TAIL, &out);
	assert_eq_str(out.buf, "ERR: word/document.xml: XML error at line 1, column 322: duplicate "
			       "attribute");
	/* Not a qualified name: the tokenizer's error, at the offending character. */
	doc_text(DOC_HEAD "<w:p w:a:b=\"1\"/>" DOC_TAIL, &out);
	assert_eq_str(out.buf, "ERR: word/document.xml: XML error at line 1, column 330: not "
			       "well-formed (invalid token)");
	doc_text(DOC_HEAD "<w:p\n w:val=\"1\"\r\n w:-x=\"2\"/>" DOC_TAIL, &out);
	assert_eq_str(out.buf, "ERR: word/document.xml: XML error at line 3, column 3: not "
			       "well-formed (invalid token)");
	doc_text(DOC_HEAD P(R("中&b:c;")) DOC_TAIL, &out);
	assert_eq_str(out.buf, "ERR: word/document.xml: XML error at line 1, column 361: not "
			       "well-formed (invalid token)");
	doc_text(DOC_HEAD P(R("a")) "<?a:b data?>" DOC_TAIL, &out);
	assert_eq_str(out.buf, "ERR: word/document.xml: XML error at line 1, column 380: not "
			       "well-formed (invalid token)");
	strbuf_release(&out);
}

TEST(default_namespace_on_root)
{
	struct strbuf out = STRBUF_INIT;

	doc_text("<document xmlns=\"" W_NS "\"><body><p><r><t>默认</t></r></p>"
		 "<p xmlns=\"\"><r><t>无</t></r></p>" /* no namespace: read as Word's */
		 "<p xmlns=\"urn:other\"><r><t>外</t></r></p>"
		 "<w:p xmlns:w=\"" W_NS "\"><w:r><w:t>前缀</w:t></w:r></w:p></body></document>",
		 &out);
	assert_eq_str(out.buf, "默认\n无\n前缀\n");
	strbuf_release(&out);
}

/* Expect reading xml to fail with a message containing needle. */
static void expect_error(const char *xml, const char *needle, int line)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int r = docx_extract_text(make_docx_raw(xml), 0, &out, &err);

	if (r != -1)
		test_fail(__FILE__, line, "accepted, text \"%s\"", out.buf);
	else if (!strstr(err.buf, needle))
		test_fail(__FILE__, line, "error \"%s\" lacks \"%s\"", err.buf, needle);
	strbuf_release(&out);
	strbuf_release(&err);
}

TEST(doctype_refused)
{
	expect_error("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ELEMENT w:document ANY>]>"
		     "<w:document/>",
		     "DOCTYPE", __LINE__);
}

TEST(billion_laughs_refused_quickly)
{
	struct strbuf xml = STRBUF_INIT;
	clock_t t0 = clock();

	strbuf_addstr(&xml, "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
	for (int i = 1; i < 10; i++) {
		strbuf_addf(&xml, "<!ENTITY lol%d \"", i);
		for (int j = 0; j < 10; j++)
			if (i == 1)
				strbuf_addstr(&xml, "&lol;");
			else
				strbuf_addf(&xml, "&lol%d;", i - 1);
		strbuf_addstr(&xml, "\">");
	}
	strbuf_addstr(&xml, "]>" DOC_HEAD P("<w:r><w:t>&lol9;</w:t></w:r>") DOC_TAIL);
	expect_error(xml.buf, "DOCTYPE", __LINE__);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
	strbuf_release(&xml);
}

TEST(external_entity_refused)
{
	expect_error("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "
		     "\"file:///etc/passwd\">]>" DOC_HEAD P("<w:r><w:t>&xxe;</w:t></w:r>") DOC_TAIL,
		     "DOCTYPE", __LINE__);
	/* Without a DOCTYPE an entity reference is simply undefined. */
	expect_error(DOC_HEAD P("<w:r><w:t>&xxe;</w:t></w:r>") DOC_TAIL, "undefined entity",
		     __LINE__);
}

TEST(deep_nesting_refused)
{
	struct strbuf xml = STRBUF_INIT;

	strbuf_addstr(&xml, DOC_HEAD);
	for (int i = 0; i < 10000; i++)
		strbuf_addstr(&xml, "<w:sdt>");
	for (int i = 0; i < 10000; i++)
		strbuf_addstr(&xml, "</w:sdt>");
	strbuf_addstr(&xml, DOC_TAIL);
	expect_error(xml.buf, "nested deeper than 256", __LINE__);
	strbuf_release(&xml);
}

TEST(invalid_utf8_and_malformed_xml)
{
	expect_error(DOC_HEAD P(R("ab\xC3\x28")) DOC_TAIL, "XML error at line 1", __LINE__);
	expect_error(DOC_HEAD P(R("\xD6\xD0\xCE\xC4")) DOC_TAIL, "not well-formed", __LINE__);
	expect_error(DOC_HEAD "<w:p>", "no element found", __LINE__);
	expect_error("", "no element found", __LINE__);
}

static void expect_pkg_error(const struct zipfix_part *parts, size_t n, const char *needle,
			     int line)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	const char *path = zipfix_path("p.docx");

	if (zipfix_write(path, parts, n))
		test_fail(__FILE__, line, "cannot write");
	if (docx_extract_text(path, 0, &out, &err) != -1)
		test_fail(__FILE__, line, "accepted");
	else if (!strstr(err.buf, needle))
		test_fail(__FILE__, line, "error \"%s\" lacks \"%s\"", err.buf, needle);
	strbuf_release(&out);
	strbuf_release(&err);
}

TEST(package_errors)
{
	const char *doc = DOC_HEAD P(R("x")) DOC_TAIL;
	struct zipfix_part no_types[] = {{"word/document.xml", doc}};
	struct zipfix_part no_doc[] = {{"[Content_Types].xml", content_types},
				       {"word/other.xml", doc}};
	struct zipfix_part twice[] = {{"[Content_Types].xml", content_types},
				      {"word/document.xml", doc},
				      {"word/document.xml", doc}};
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT, zip = STRBUF_INIT;
	struct zipfix_part good[] = {{"[Content_Types].xml", content_types},
				     {"word/document.xml", doc}};

	expect_pkg_error(no_types, 1, "[Content_Types].xml", __LINE__);
	expect_pkg_error(no_doc, 2, "no word/document.xml", __LINE__);
	expect_pkg_error(twice, 3, "twice", __LINE__);

	/* Truncated zip: every proper prefix is refused, none crashes. */
	assert_eq_int(zipfix_write_mem(&zip, good, 2), 0);
	assert_eq_int(docx_extract_text_memory(zip.buf, zip.len, 0, &out, &err), 0);
	assert_eq_str(out.buf, "x\n");
	for (size_t cut = 0; cut < zip.len; cut += 7) {
		strbuf_reset(&out);
		if (docx_extract_text_memory(zip.buf, cut, 0, &out, &err) != -1) {
			test_fail(__FILE__, __LINE__, "truncated at %zu accepted", cut);
			break;
		}
	}
	assert_eq_int(docx_extract_text("/nonexistent/x.docx", 0, &out, &err), -1);
	assert_true(err.len > 0);
	assert_eq_int(docx_extract_text_memory("plain text, not a zip", 21, 0, &out, &err), -1);
	assert_true(strstr(err.buf, "zip") != NULL);
	strbuf_release(&out);
	strbuf_release(&err);
	strbuf_release(&zip);
}

static int count_cb(const struct docx_block *b, void *ctx)
{
	int *n = ctx;

	if (b->kind == DOCX_PARA && b->truncated)
		n[0]++;
	if (b->kind == DOCX_PARA)
		n[1] = (int)b->len;
	return 0;
}

TEST(limits)
{
	struct strbuf xml = STRBUF_INIT, err = STRBUF_INIT;
	struct docx_limits lim = {0, 0, 10};
	int n[2] = {0, 0};

	/* Text over max_text is cut at a character boundary and flagged. */
	strbuf_addstr(&xml, DOC_HEAD P(R("一二三四五")) DOC_TAIL);
	assert_eq_int(docx_read_file(make_docx_raw(xml.buf), &lim, count_cb, n, &err), 0);
	assert_eq_int(n[0], 1);
	assert_eq_int(n[1], 9);
	/* The part size limit. */
	lim.max_text = 0;
	lim.max_part_bytes = 100;
	assert_eq_int(docx_read_file(make_docx_raw(xml.buf), &lim, count_cb, n, &err), -1);
	assert_true(strstr(err.buf, "limit of 100 bytes") != NULL);
	/* A smaller depth limit. */
	lim.max_part_bytes = 0;
	lim.max_depth = 3;
	assert_eq_int(docx_read_file(make_docx_raw(xml.buf), &lim, count_cb, n, &err), -1);
	assert_true(strstr(err.buf, "deeper than 3") != NULL);
	strbuf_release(&xml);
	strbuf_release(&err);
}

static int stop_cb(const struct docx_block *b, void *ctx)
{
	int *n = ctx;

	return ++*n == 2;
}

TEST(callback_stops_and_extract_limit)
{
	struct strbuf xml = STRBUF_INIT, out = STRBUF_INIT, err = STRBUF_INIT;
	const char *path;
	int n = 0;

	strbuf_addstr(&xml, DOC_HEAD);
	strbuf_addstr(&xml, P(R("江苏省重点工业互联网平台申报书")));
	for (int i = 0; i < 2000; i++)
		strbuf_addstr(&xml, P(R("填写说明填写说明")));
	strbuf_addstr(&xml, DOC_TAIL);
	path = make_docx_raw(xml.buf);
	assert_eq_int(docx_read_file(path, NULL, stop_cb, &n, &err), 0);
	assert_eq_int(n, 2);
	/* 10 bytes is 3 characters and a third: cut back to 3. */
	strbuf_addstr(&out, "prefix:");
	assert_eq_int(docx_extract_text(path, 10, &out, &err), 0);
	assert_eq_str(out.buf, "prefix:江苏省");
	strbuf_reset(&out);
	assert_eq_int(docx_extract_text(path, 64, &out, &err), 0);
	assert_true(out.len <= 64 && strstr(out.buf, "申报书\n") != NULL);
	strbuf_release(&xml);
	strbuf_release(&out);
	strbuf_release(&err);
}

TEST_MAIN(TEST_ENTRY(typed_marks), TEST_ENTRY(plain_paragraphs_and_split_runs),
	  TEST_ENTRY(tabs_breaks_hyphens), TEST_ENTRY(wingdings_sym),
	  TEST_ENTRY(wingdings_run_text), TEST_ENTRY(content_control_checkbox),
	  TEST_ENTRY(legacy_form_field_checkbox), TEST_ENTRY(fields_code_dropped_result_kept),
	  TEST_ENTRY(tracked_changes), TEST_ENTRY(alternate_content_read_once),
	  TEST_ENTRY(nested_tables_coordinates), TEST_ENTRY(cell_span_and_vmerge),
	  TEST_ENTRY(text_box_table_flattened), TEST_ENTRY(other_prefixes_and_default_namespace),
	  TEST_ENTRY(prefix_is_not_the_name), TEST_ENTRY(prefix_declared_on_inner_element),
	  TEST_ENTRY(unbound_prefix_is_an_error), TEST_ENTRY(default_namespace_on_root),
	  TEST_ENTRY(doctype_refused), TEST_ENTRY(billion_laughs_refused_quickly),
	  TEST_ENTRY(external_entity_refused), TEST_ENTRY(deep_nesting_refused),
	  TEST_ENTRY(invalid_utf8_and_malformed_xml), TEST_ENTRY(package_errors),
	  TEST_ENTRY(limits), TEST_ENTRY(callback_stops_and_extract_limit))
