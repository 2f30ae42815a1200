/*
 * Tests of the label extractor and the field converter: table-driven, on
 * forms built from text (one block per line) and on small table layouts.
 */
#include "tests/unit/harness.h"
#include "tests/unit/zipfix.h"

#include "common/catalog.h"
#include "normalize/convert.h"
#include "normalize/extract.h"

#include "common/strbuf.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Write a catalogue file from rows "key|label|type|required|max|options". */
static int make_catalog(const char *const *rows, size_t n, struct catalog *cat)
{
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	FILE *fp;
	int ret;

	strbuf_addf(&path, "%s/cat.tsv", test_tmpdir());
	fp = fopen(path.buf, "w");
	fprintf(fp, "# test\nkey\tlabel\ttype\trequired\tmax_chars\tsection\toptions\n");
	for (size_t i = 0; i < n; i++) {
		char key[64], label[256], type[32], opts[256];
		int req, max;

		opts[0] = '\0';
		sscanf(rows[i], "%63[^|]|%255[^|]|%31[^|]|%d|%d|%255[^\n]", key, label, type, &req,
		       &max, opts);
		fprintf(fp, "%s\t%s\t%s\t%d\t%d\ttest\t%s\n", key, label, type, req, max, opts);
	}
	fclose(fp);
	ret = catalog_load(path.buf, cat, &err);
	if (ret)
		test_fail(__FILE__, __LINE__, "catalog: %s", err.buf);
	strbuf_release(&path);
	strbuf_release(&err);
	return ret;
}

struct expect {
	const char *key;
	const char *raw;   /* NULL: label not found */
	const char *value; /* normalized; NULL when not OK */
};

static void check_form(const char *const *cat_rows, size_t ncat, const char *form_text,
		       const char *template_text, const struct expect *want, size_t nwant)
{
	struct catalog cat;
	struct form_doc doc, tmpl;
	struct strbuf err = STRBUF_INIT;
	struct extractor *x;
	char **raw;

	if (make_catalog(cat_rows, ncat, &cat))
		return;
	form_doc_from_text(form_text, &doc);
	if (template_text)
		form_doc_from_text(template_text, &tmpl);
	x = extractor_new(&cat, template_text ? &tmpl : NULL, &err);
	assert_true(x != NULL);
	raw = xcalloc(cat.n, sizeof(char *));
	extract_fields(x, &doc, raw);
	for (size_t i = 0; i < nwant; i++) {
		size_t k;
		struct converted c;

		test_row("%s", want[i].key);
		for (k = 0; k < cat.n && strcmp(cat.fields[k].key, want[i].key); k++)
			;
		if (k == cat.n) {
			test_fail(__FILE__, __LINE__, "no key %s", want[i].key);
			continue;
		}
		if (!test_eq_str(raw[k], want[i].raw, __FILE__, __LINE__, want[i].key, "raw"))
			continue;
		converted_init(&c);
		convert_field(&cat.fields[k], raw[k], extractor_suffix(x, k), &c);
		test_eq_str(c.status == VALUE_OK ? c.value.buf : NULL, want[i].value, __FILE__,
			    __LINE__, want[i].key, "value");
		converted_release(&c);
	}
	test_row(NULL);
	for (size_t i = 0; i < cat.n; i++)
		free(raw[i]);
	free(raw);
	extractor_free(x);
	form_doc_release(&doc);
	if (template_text)
		form_doc_release(&tmpl);
	catalog_release(&cat);
	strbuf_release(&err);
}

TEST(blanks_units_and_count_pairs)
{
	static const char *const cat[] = {
	    "protocols|兼容____类工业通信协议|integer|0|0|",
	    "networks|____类工业通信网络和通用网络协议|integer|0|0|",
	    "device_kinds|可连接的工业设备种类|count_pair|0|0|",
	    "devices|可连接的工业设备种类|count_pair|0|0|",
	    "managed_kinds|可管理的工业设备|count_pair|0|0|",
	    "managed|可管理的工业设备|count_pair|0|0|",
	    "response_ms|资源请求响应时间|integer|0|0|",
	    "per_industry_devices|说明每个行业连接设备台数达____台|integer|0|0|",
	};
	static const char form[] =
	    "□兼容__35__类工业通信协议，三类工业通信网络和通用网络协议\n"
	    "□可连接的工业设备种类：__３２__类 __5,000__个\n"
	    "□可管理的工业设备：12类，合计3万台\n"
	    "□资源请求响应时间：__50__单个请求/ms\n"
	    "（说明每个行业连接设备台数达1,000台，或有____个数据采集地点）\n";
	static const char tmpl[] =
	    "□兼容____类工业通信协议，____类工业通信网络和通用网络协议\n"
	    "□可连接的工业设备种类：______类 ______个\n"
	    "□可管理的工业设备：_________类，合计_________台\n"
	    "□资源请求响应时间：_________单个请求/ms\n"
	    "（说明每个行业连接设备台数达____台，或有_____个数据采集地点）\n";
	static const struct expect want[] = {
	    {"protocols", "__35__", "35"},	{"networks", "三", "3"},
	    {"device_kinds", "__３２__", "32"}, {"devices", "__5,000__", "5000"},
	    {"managed_kinds", "12", "12"},	{"managed", "3万", "30000"},
	    {"response_ms", "__50__", "50"},	{"per_industry_devices", "1,000", "1000"},
	};

	check_form(cat, ARRAY_SIZE(cat), form, tmpl, want, ARRAY_SIZE(want));
}

TEST(labels_stand_as_labels)
{
	static const char *const cat[] = {
	    "apply_date|申报日期|date|0|0|",
	    "commit_date|日期|date|0|0|",
	    "rank|营业收入位列江苏省同行业|percent|0|0|",
	    "top10|是否为前十强|yesno|0|0|是|否",
	};
	/* "日期" inside "31 日期间" is not the label; the one with a colon is. */
	static const char form[] =
	    "申报日期：2019年11月12日\n"
	    "1.本单位自 2017 年 1 月 1 日至 2019 年 10 月 31 日期间信用状况良好\n"
	    "日期：2019.11.13\n"
	    "□营业收入位列江苏省同行业__15__%，是否为前十强：☑是 ☐否\n";
	static const struct expect want[] = {
	    {"apply_date", "2019年11月12日", "2019-11-12"},
	    {"commit_date", "2019.11.13", "2019-11-13"},
	    {"rank", "__15__%", "15"},
	    {"top10", "☑是 ☐否", "是"},
	};

	check_form(cat, ARRAY_SIZE(cat), form, NULL, want, ARRAY_SIZE(want));
}

/*
 * The label search skips blocks by their characters before any pattern
 * match: a label must still be found after a decoy holding its first
 * characters, with blanks between its characters, and past a block that
 * is not valid UTF-8 (never matched, as PCRE2 refuses it).
 */
TEST(labels_found_past_decoys_and_bad_bytes)
{
	static const char *const cat[] = {
	    "enterprise|企业名称|text|0|0|",
	    "credit_code|统一社会信用代码|text|0|0|",
	    "contact|联系人|text|0|0|",
	    "missing|注册资本|text|0|0|",
	};
	static const char form[] = "企业信息 名称 企业 企业名称：甲公司\n"
				   "统一 社会信用\t代码：91320000MA1234567X\n"
				   "联系人：\xff张三\n"
				   "联系人：李四\n";
	static const struct expect want[] = {
	    {"enterprise", "甲公司", "甲公司"},
	    {"credit_code", "91320000MA1234567X", "91320000MA1234567X"},
	    {"contact", "李四", "李四"},
	    {"missing", NULL, NULL},
	};

	check_form(cat, ARRAY_SIZE(cat), form, NULL, want, ARRAY_SIZE(want));
}

TEST(boxes_one_of_and_many_of)
{
	static const char *const cat[] = {
	    "cloud_types|具有|many_of|0|0|公有云|私有云|混合云|其他",
	    "boundary|边界安全|many_of|0|0|防火墙|工控防火墙|抗DDOS",
	    "operator|平台运营主体应为|one_of|0|0|独立法人机构|具有完整组织架构的集团独立部门|其他",
	};
	static const char form[] = "□具有：☑公有云 、☐私有云、☑混合云、☐其他______架构\n"
				   "边界安全：☐ 防火墙 ☑ 工控防火墙 ☐ 抗DDOS\n"
				   "□平台运营主体应为：☑独立法人机构、☑其他____\n";
	static const struct expect want[] = {
	    {"cloud_types", "☑公有云 、☐私有云、☑混合云、☐其他______架构", "公有云,混合云"},
	    /* 防火墙 inside 工控防火墙 is not its own box. */
	    {"boundary", "☐ 防火墙 ☑ 工控防火墙 ☐ 抗DDOS", "工控防火墙"},
	    /* Two boxes where one is asked: a conflict, no value. */
	    {"operator", "☑独立法人机构、☑其他____", NULL},
	};

	check_form(cat, ARRAY_SIZE(cat), form, NULL, want, ARRAY_SIZE(want));
}

TEST(text_is_cleaned_and_template_text_is_no_value)
{
	static const char *const cat[] = {
	    "partner|请注明合作企业名称|text|0|0|",
	    "period|建设期限|text|0|0|",
	    "volume|目前平台积累的工业数据量|text|0|0|",
	};
	static const char tmpl[] =
	    "请注明合作企业名称__________________________\n"
	    "（二级节点服务领域：□综合性□行业性；建设期限：20_ _年--20_ _年）\n"
	    "□目前平台积累的工业数据量：____（YB/ZB/EB/PB/TB/GB）\n";
	static const char filled[] =
	    "请注明合作企业名称__南京海信息技术有限公司__\n"
	    "（二级节点服务领域：☑综合性☐行业性；建设期限：2019年--2021年）\n"
	    "□目前平台积累的工业数据量：609GB____（YB/ZB/EB/PB/TB/GB）\n";
	static const char unfilled[] =
	    "请注明合作企业名称__________________________\n"
	    "（二级节点服务领域：☐综合性☐行业性；建设期限：20_ _年--20_ _年）\n"
	    "□目前平台积累的工业数据量：____（YB/ZB/EB/PB/TB/GB）\n";
	static const struct expect want_filled[] = {
	    {"partner", "__南京海信息技术有限公司__", "南京海信息技术有限公司"},
	    {"period", "2019年--2021年）", "2019年--2021年"},
	    {"volume", "609GB____", "609GB"},
	};
	static const struct expect want_unfilled[] = {
	    {"partner", "", NULL},
	    {"period", "", NULL},
	    {"volume", "", NULL},
	};

	check_form(cat, ARRAY_SIZE(cat), filled, tmpl, want_filled, ARRAY_SIZE(want_filled));
	check_form(cat, ARRAY_SIZE(cat), unfilled, tmpl, want_unfilled, ARRAY_SIZE(want_unfilled));
}

TEST(rows_moved_are_still_read)
{
	static const char *const cat[] = {
	    "a|平台名称|text|0|0|",
	    "b|建设主体|text|0|0|",
	};
	/* The two rows swapped: each label is still found (the search wraps round). */
	static const char form[] = "建设主体：甲公司\n平台名称：甲平台\n";
	static const struct expect want[] = {
	    {"a", "甲平台", "甲平台"},
	    {"b", "甲公司", "甲公司"},
	};

	check_form(cat, ARRAY_SIZE(cat), form, NULL, want, ARRAY_SIZE(want));
}

TEST(converter_types)
{
	static const struct {
		const char *type, *opts, *raw, *suffix, *value;
	} rows[] = {
	    {"amount", "", "1.2亿元", NULL, "12000"},
	    {"amount", "", "2,000.5", NULL, "2000.5"},
	    {"amount", "", "20000000元", NULL, "2000"},
	    {"percent", "", "0.45", NULL, "45"},
	    {"percent", "", "0.5", "%", "0.5"},
	    {"percent", "", "45％", NULL, "45"},
	    {"date", "", "2019年10月", NULL, "2019-10"},
	    {"month_range", "", "2018年3月--2019年6月", NULL, "2018-03/2019-06"},
	    {"month_range", "", "xx年xx月-- xx年xx月", NULL, NULL},
	    {"yesno", "是|否", "☐是 ☑否", NULL, "否"},
	    {"yesno", "是|否", "☑是 ☑否", NULL, NULL},
	    {"mobile", "", "138 1234 5678", NULL, "13812345678"},
	    {"phone", "", "025－82288061", NULL, "025-82288061"},
	    {"email", "", "ITHN@163.COM", NULL, "ITHN@163.com"},
	    {"credit_code", "", "91320214745555318w", NULL, "91320214745555318W"},
	    {"integer", "", "约5000台", NULL, "5000"},
	    {"integer", "", "<5000", NULL, NULL},
	    {"text", "", "  无  ", NULL, NULL},
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct field_def f;
		struct converted c;
		char *opts[8] = {NULL};
		char buf[128];
		size_t n = 0;

		test_row("%zu %s \"%s\"", i, rows[i].type, rows[i].raw);
		memset(&f, 0, sizeof(f));
		f.key = "k";
		f.label = "l";
		snprintf(buf, sizeof(buf), "%s", rows[i].opts);
		for (char *p = strtok(buf, "|"); p && n < 7; p = strtok(NULL, "|"))
			opts[n++] = p;
		f.options = opts;
		f.noptions = n;
		f.type = !strcmp(rows[i].type, "amount")	? FT_AMOUNT
			 : !strcmp(rows[i].type, "percent")	? FT_PERCENT
			 : !strcmp(rows[i].type, "date")	? FT_DATE
			 : !strcmp(rows[i].type, "month_range") ? FT_MONTH_RANGE
			 : !strcmp(rows[i].type, "yesno")	? FT_YESNO
			 : !strcmp(rows[i].type, "mobile")	? FT_MOBILE
			 : !strcmp(rows[i].type, "phone")	? FT_PHONE
			 : !strcmp(rows[i].type, "email")	? FT_EMAIL
			 : !strcmp(rows[i].type, "credit_code") ? FT_CREDIT_CODE
			 : !strcmp(rows[i].type, "integer")	? FT_INTEGER
								: FT_TEXT;
		converted_init(&c);
		convert_field(&f, rows[i].raw, rows[i].suffix, &c);
		if (!test_eq_str(c.status == VALUE_OK ? c.value.buf : NULL, rows[i].value, __FILE__,
				 __LINE__, rows[i].raw, rows[i].type))
			printf("    (row %zu: %s)\n", i, c.reason);
		converted_release(&c);
	}
	test_row(NULL);
}

/* ---- answers beside the blanks, on small .docx forms ---- */

/*
 * One block of a test form: a body paragraph (right NULL) or a row of a
 * two-column table (rows in a run make one table).  '\n' in a text starts
 * a new paragraph of the cell.
 */
struct blk {
	const char *left, *right;
};

static void add_paras(struct strbuf *xml, const char *text)
{
	while (1) {
		size_t n = strcspn(text, "\n");

		strbuf_addstr(xml, "<w:p><w:r><w:t xml:space=\"preserve\">");
		strbuf_add(xml, text, n);
		strbuf_addstr(xml, "</w:t></w:r></w:p>");
		if (!text[n])
			break;
		text += n + 1;
	}
}

/* Write the blocks as a .docx at <tmp>/name and read it back as a form. */
static int blocks_doc(const char *name, const struct blk *b, size_t n, struct form_doc *doc)
{
	static const char types[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
	    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
	    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
	struct strbuf xml = STRBUF_INIT, err = STRBUF_INIT;
	const char *path = zipfix_path(name);
	int in_table = 0, ret;

	strbuf_addstr(&xml,
		      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\""
		      "http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
	for (size_t i = 0; i < n; i++) {
		if (b[i].right && !in_table)
			strbuf_addstr(&xml,
				      "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>");
		else if (!b[i].right && in_table)
			strbuf_addstr(&xml, "</w:tbl>");
		in_table = b[i].right != NULL;
		if (in_table) {
			strbuf_addstr(&xml, "<w:tr><w:tc>");
			add_paras(&xml, b[i].left);
			strbuf_addstr(&xml, "</w:tc><w:tc>");
			add_paras(&xml, b[i].right);
			strbuf_addstr(&xml, "</w:tc></w:tr>");
		} else {
			add_paras(&xml, b[i].left);
		}
	}
	if (in_table)
		strbuf_addstr(&xml, "</w:tbl>");
	strbuf_addstr(&xml, "<w:p/></w:body></w:document>");
	{
		struct zipfix_part parts[] = {{"[Content_Types].xml", types},
					      {"word/document.xml", xml.buf}};

		ret = zipfix_write(path, parts, 2);
	}
	if (!ret && form_doc_read_docx(path, doc, &err)) {
		test_fail(__FILE__, __LINE__, "%s: %s", name, err.buf);
		ret = -1;
	}
	strbuf_release(&xml);
	strbuf_release(&err);
	return ret;
}

struct placed_expect {
	const char *key;
	const char *raw;    /* the raw text kept */
	const char *beside; /* the second place's text, NULL when none */
	const char *status; /* "ok", "empty", "unreadable", "conflict" */
	const char *value;  /* when ok */
};

/* Extract and convert doc as normalize does (both places, open cells) and compare. */
static void check_placed(const char *name, const char *const *cat_rows, size_t ncat,
			 const struct form_doc *doc, const struct form_doc *tmpl,
			 const struct placed_expect *want, size_t nwant)
{
	struct catalog cat;
	struct strbuf err = STRBUF_INIT, what = STRBUF_INIT;
	struct extractor *x;
	char **raw, **beside;

	if (make_catalog(cat_rows, ncat, &cat))
		return;
	x = extractor_new(&cat, tmpl, &err);
	assert_true(x != NULL);
	raw = xcalloc(cat.n, sizeof(char *));
	beside = xcalloc(cat.n, sizeof(char *));
	extract_fields_beside(x, doc, raw, beside);
	for (size_t i = 0; i < nwant; i++) {
		struct converted c;
		size_t k;
		int kept;

		for (k = 0; k < cat.n && strcmp(cat.fields[k].key, want[i].key); k++)
			;
		if (k == cat.n) {
			test_fail(__FILE__, __LINE__, "%s: no key %s", name, want[i].key);
			continue;
		}
		strbuf_reset(&what);
		strbuf_addf(&what, "%s: %s", name, want[i].key);
		converted_init(&c);
		kept = convert_field_placed(&cat.fields[k], raw[k], beside[k],
					    extractor_suffix(x, k), extractor_open(x, k), &c);
		test_eq_str(kept == 1 ? beside[k] : raw[k], want[i].raw, __FILE__, __LINE__,
			    what.buf, "raw");
		test_eq_str(kept == 1 ? NULL : beside[k], want[i].beside, __FILE__, __LINE__,
			    what.buf, "beside");
		if (test_eq_str(value_status_name(c.status), want[i].status, __FILE__, __LINE__,
				what.buf, "status"))
			test_eq_str(c.status == VALUE_OK ? c.value.buf : NULL, want[i].value,
				    __FILE__, __LINE__, what.buf, "value");
		else
			printf("    (%s: %s)\n", what.buf, c.reason);
		converted_release(&c);
	}
	for (size_t i = 0; i < cat.n; i++) {
		free(raw[i]);
		free(beside[i]);
	}
	free(raw);
	free(beside);
	extractor_free(x);
	catalog_release(&cat);
	strbuf_release(&err);
	strbuf_release(&what);
}

static const char *const service_cat[] = {
    "protocols|兼容____类工业通信协议|integer|0|0|",
    "networks|____类工业通信网络和通用网络协议|integer|0|0|",
    "device_kinds|可连接的工业设备种类|count_pair|0|0|",
    "devices|可连接的工业设备种类|count_pair|0|0|",
    "datapoints|设备数据采集点总数|integer|0|0|",
    "managed_kinds|可管理的工业设备|count_pair|0|0|",
    "managed|可管理的工业设备|count_pair|0|0|",
    "edge|是否具备工业设备数据边缘计算功能|yesno|0|0|是|否",
};

static const struct blk service_tmpl[] = {
    {"2.1设备接入能力", NULL},
    {"☐兼容________类工业通信协议，________类工业通信网络和通用网络协议", ""},
    {"☐可连接的工业设备种类：________类 ________个", ""},
    {"☐设备数据采集点总数：________个", ""},
    {"☐可管理的工业设备：________类，合计________台", ""},
    {"☐是否具备工业设备数据边缘计算功能：☐是 ☐否", NULL},
};

/* Run one form of the 2.1 layout against the template above. */
static void check_service(const char *name, const struct blk *form, size_t n,
			  const struct placed_expect *want, size_t nwant)
{
	struct form_doc doc, tmpl;

	if (blocks_doc("tmpl.docx", service_tmpl, ARRAY_SIZE(service_tmpl), &tmpl))
		return;
	if (!blocks_doc("form.docx", form, n, &doc)) {
		check_placed(name, service_cat, ARRAY_SIZE(service_cat), &doc, &tmpl, want, nwant);
		form_doc_release(&doc);
	}
	form_doc_release(&tmpl);
}

TEST(answers_in_the_next_cell_when_the_blanks_are_empty)
{
	/* Each printed line keeps its blanks in the left cell; the answer is on the right. */
	static const struct blk form[] = {
	    {"2.1设备接入能力", NULL},
	    {"☐兼容______类工业通信协议，______类工业通信网络和通用网络协议", "12类，8类"},
	    {"☐可连接的工业设备种类：______类 ______个", "12类，1500个"},
	    {"☐设备数据采集点总数：______个", "2800个"},
	    {"☐可管理的工业设备：______类，合计______台", "３类，２０００台"},
	    {"☐是否具备工业设备数据边缘计算功能：☑是 ☐否", NULL},
	};
	static const struct placed_expect want[] = {
	    {"protocols", "12", NULL, "ok", "12"},	 {"networks", "8", NULL, "ok", "8"},
	    {"device_kinds", "12", NULL, "ok", "12"},	 {"devices", "1500", NULL, "ok", "1500"},
	    {"datapoints", "2800", NULL, "ok", "2800"},	 {"managed_kinds", "３", NULL, "ok", "3"},
	    {"managed", "２０００", NULL, "ok", "2000"}, {"edge", "☑是 ☐否", NULL, "ok", "是"},
	};

	check_service("next cell", form, ARRAY_SIZE(form), want, ARRAY_SIZE(want));
}

TEST(answers_in_both_places_agree_or_conflict)
{
	/* Filled blanks and an answer beside: the same value is one answer, another is a conflict.
	 */
	static const struct blk form[] = {
	    {"2.1设备接入能力", NULL},
	    {"☐可连接的工业设备种类：__12__类 __1500__个", "十二类，1500个"},
	    {"☐设备数据采集点总数：__2800__个", "2000个"},
	    {"☐可管理的工业设备：3类，合计2000台", "3类，200台"},
	};
	static const struct placed_expect want[] = {
	    {"device_kinds", "__12__", "十二", "ok", "12"},
	    {"devices", "__1500__", "1500", "ok", "1500"},
	    {"datapoints", "__2800__", "2000", "conflict", NULL},
	    {"managed_kinds", "3", NULL, "ok", "3"},
	    {"managed", "2000", "200", "conflict", NULL},
	};

	check_service("two places", form, ARRAY_SIZE(form), want, ARRAY_SIZE(want));
}

TEST(answers_line_by_line_in_a_cell_of_several_lines)
{
	/* Two printed lines in one cell, two answer lines beside: each takes its own. */
	static const struct blk form[] = {
	    {"2.1设备接入能力", NULL},
	    {"☐设备数据采集点总数：______个\n☐可管理的工业设备：______类，合计______台",
	     "2800\n3类，2000台"},
	};
	static const struct placed_expect want[] = {
	    {"datapoints", "2800", NULL, "ok", "2800"},
	    {"managed_kinds", "3", NULL, "ok", "3"},
	    {"managed", "2000", NULL, "ok", "2000"},
	};

	check_service("lines", form, ARRAY_SIZE(form), want, ARRAY_SIZE(want));
}

TEST(answers_on_the_next_line_only_when_it_is_only_an_answer)
{
	static const struct blk form[] = {
	    {"2.1设备接入能力", NULL},
	    {"☐可连接的工业设备种类：______类 ______个", NULL},
	    {"12类，1500个", NULL},
	    {"☐设备数据采集点总数：______个", NULL},
	    {"已在机械、电子等行业开展规模化应用。", NULL},
	    {"☐可管理的工业设备：______类，合计______台", NULL},
	    {"30类/1200台", NULL},
	};
	static const struct placed_expect want[] = {
	    {"device_kinds", "12", NULL, "ok", "12"},
	    {"devices", "1500", NULL, "ok", "1500"},
	    /* A sentence is no answer: the blanks stay empty. */
	    {"datapoints", "______", NULL, "empty", NULL},
	    {"managed_kinds", "30", NULL, "ok", "30"},
	    {"managed", "1200", NULL, "ok", "1200"},
	};

	check_service("next line", form, ARRAY_SIZE(form), want, ARRAY_SIZE(want));
}

TEST(pair_answered_in_one_place_fills_both_halves)
{
	static const char *const cat[] = {
	    "app_kinds|工业APP数量|count_pair|0|0|",
	    "apps|工业APP数量|count_pair|0|0|",
	};
	static const struct {
		const char *name, *line, *kinds, *count, *kv, *cv;
	} rows[] = {
	    {"chinese numerals", "☐工业APP数量：三十类，1200个", "三十", "1200", "30", "1200"},
	    {"slash", "☐工业APP数量：30类/1200个", "30", "1200", "30", "1200"},
	    {"space", "☐工业APP数量：30类 1200个", "30", "1200", "30", "1200"},
	    {"count first", "☐工业APP数量：1200个，30类", "30", "1200", "30", "1200"},
	    {"thousands", "☐工业APP数量：30类，1,200个", "30", "1,200", "30", "1200"},
	    {"no units", "☐工业APP数量：30，1200", "30", "1200", "30", "1200"},
	    {"count only", "☐工业APP数量：______类，1200个", "______", "1200", NULL, "1200"},
	    {"typed after the blanks", "☐工业APP数量：______类，______个 30类，1200个", "30",
	     "1200", "30", "1200"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct form_doc doc;
		struct placed_expect want[] = {
		    {"app_kinds", rows[i].kinds, NULL, rows[i].kv ? "ok" : "empty", rows[i].kv},
		    {"apps", rows[i].count, NULL, "ok", rows[i].cv},
		};

		form_doc_from_text(rows[i].line, &doc);
		check_placed(rows[i].name, cat, ARRAY_SIZE(cat), &doc, NULL, want,
			     ARRAY_SIZE(want));
		form_doc_release(&doc);
	}
}

TEST(text_typed_around_a_blank)
{
	static const char *const cat[] = {
	    "datapoints|设备数据采集点总数|integer|0|0|",
	};
	static const char tmpl[] = "☐设备数据采集点总数：________个\n";
	static const struct {
		const char *name, *line, *raw, *value;
	} rows[] = {
	    {"after the unit", "☐设备数据采集点总数：______个 2800个", "2800", "2800"},
	    {"before the blank", "☐设备数据采集点总数：2800______个", "2800______", "2800"},
	    {"over the blank", "☐设备数据采集点总数：__2800__个", "__2800__", "2800"},
	    {"instead of the blank", "☐设备数据采集点总数：2800个", "2800", "2800"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct form_doc doc, t;
		struct placed_expect want[] = {
		    {"datapoints", rows[i].raw, NULL, "ok", rows[i].value}};

		form_doc_from_text(rows[i].line, &doc);
		form_doc_from_text(tmpl, &t);
		check_placed(rows[i].name, cat, ARRAY_SIZE(cat), &doc, &t, want, ARRAY_SIZE(want));
		form_doc_release(&doc);
		form_doc_release(&t);
	}
}

TEST(open_cells_take_what_people_write)
{
	static const char *const cat[] = {
	    "build_time|建设时间|month_range|0|0|",
	    "invest|投资金额|amount|0|0|",
	    "period|项目建设时间|month_range|0|0|",
	};
	/* The blank form: two open cells, and one that prints its format. */
	static const struct blk tmpl[] = {
	    {"建设时间", ""},
	    {"投资金额", ""},
	    {"项目建设时间", "xx年xx月-- xx年xx月"},
	};
	static const struct {
		const char *name, *time, *amount, *period;
		const char *time_value, *amount_value, *period_value;
	} rows[] = {
	    {"a month", "2017年9月", "2000万元", "2018年3月--2019年6月", "2017-09", "2000",
	     "2018-03/2019-06"},
	    {"a year", "2017年", "2000", "2018.03-2019.06", "2017", "2000", "2018-03/2019-06"},
	    {"a date", "2017年9月1日", "0.2亿元", "2018年3月至2019年6月", "2017-09-01", "2000",
	     "2018-03/2019-06"},
	    {"a range", "2016年3月-2017年9月", "20000000元", "2018年3月--2019年6月",
	     "2016-03/2017-09", "2000", "2018-03/2019-06"},
	    {"words and a remark", "自2017年9月起（一期）", "2000万元（含软件）",
	     "2018年3月--2019年6月", "2017-09", "2000", "2018-03/2019-06"},
	    /* Where the form prints a range, one month is not the answer it asks for. */
	    {"a month in a printed range", "2017年9月", "2000万元", "2019年6月", "2017-09", "2000",
	     NULL},
	    /* Text that answers nothing. */
	    {"nothing", "若干", "详见附件", "2018年3月--2019年6月", NULL, NULL, "2018-03/2019-06"},
	};
	struct form_doc t;

	if (blocks_doc("open-tmpl.docx", tmpl, ARRAY_SIZE(tmpl), &t))
		return;
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct form_doc doc;
		struct blk form[] = {
		    {"建设时间", rows[i].time},
		    {"投资金额", rows[i].amount},
		    {"项目建设时间", rows[i].period},
		};
		struct placed_expect want[] = {
		    {"build_time", rows[i].time, NULL, rows[i].time_value ? "ok" : "unreadable",
		     rows[i].time_value},
		    {"invest", rows[i].amount, NULL, rows[i].amount_value ? "ok" : "unreadable",
		     rows[i].amount_value},
		    {"period", rows[i].period, NULL, rows[i].period_value ? "ok" : "unreadable",
		     rows[i].period_value},
		};

		if (blocks_doc("open.docx", form, ARRAY_SIZE(form), &doc))
			continue;
		check_placed(rows[i].name, cat, ARRAY_SIZE(cat), &doc, &t, want, ARRAY_SIZE(want));
		form_doc_release(&doc);
	}
	form_doc_release(&t);
}

TEST(open_amounts_drop_the_words_around_them)
{
	static const struct {
		const char *name, *raw, *value; /* value NULL: unreadable */
		int open;
	} rows[] = {
	    {"finance style", "贰仟万元整", "2000", 1},
	    {"currency after", "2000万元人民币", "2000", 1},
	    {"total before", "共计2000万元", "2000", 1},
	    {"investment word", "总投资2000万元", "2000", 1},
	    {"two remarks", "2000万元（含软件）（一期）", "2000", 1},
	    {"no unit means 万元", "1933.90", "1933.9", 1},
	    {"in 元", "20,000,000元", "2000", 1},
	    {"answers nothing", "若干", NULL, 1},
	    {"only the word", "共计", NULL, 1},
	    {"no digits", "数千万元", NULL, 1},
	    /* Where the form prints its blank, the words are not taken away. */
	    {"printed blank", "共计2000万元", NULL, 0},
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct field_def f;
		struct converted c;

		memset(&f, 0, sizeof(f));
		f.key = "invest";
		f.label = "投资金额";
		f.type = FT_AMOUNT;
		converted_init(&c);
		convert_field_placed(&f, rows[i].raw, NULL, NULL, rows[i].open, &c);
		if (!test_eq_str(c.status == VALUE_OK ? c.value.buf : NULL, rows[i].value, __FILE__,
				 __LINE__, rows[i].name, "value"))
			printf("    (%s: %s)\n", rows[i].raw, c.reason);
		converted_release(&c);
	}
}

TEST(malformed_catalogue_is_refused_with_its_line)
{
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	struct catalog cat;
	FILE *fp;

	strbuf_addf(&path, "%s/bad.tsv", test_tmpdir());
	fp = fopen(path.buf, "w");
	fputs("key\tlabel\ttype\trequired\tmax_chars\tsection\toptions\n"
	      "a\t甲\ttext\t1\t0\tx\t\n"
	      "b\t乙\tnumber\t1\t0\tx\t\n",
	      fp);
	fclose(fp);
	assert_eq_int(catalog_load(path.buf, &cat, &err), -1);
	assert_true(strstr(err.buf, "bad.tsv:3: unknown type 'number'") != NULL);
	strbuf_release(&path);
	strbuf_release(&err);
}

TEST_MAIN(TEST_ENTRY(blanks_units_and_count_pairs), TEST_ENTRY(labels_stand_as_labels),
	  TEST_ENTRY(labels_found_past_decoys_and_bad_bytes), TEST_ENTRY(boxes_one_of_and_many_of),
	  TEST_ENTRY(text_is_cleaned_and_template_text_is_no_value),
	  TEST_ENTRY(rows_moved_are_still_read), TEST_ENTRY(converter_types),
	  TEST_ENTRY(malformed_catalogue_is_refused_with_its_line),
	  TEST_ENTRY(answers_in_the_next_cell_when_the_blanks_are_empty),
	  TEST_ENTRY(answers_in_both_places_agree_or_conflict),
	  TEST_ENTRY(answers_line_by_line_in_a_cell_of_several_lines),
	  TEST_ENTRY(answers_on_the_next_line_only_when_it_is_only_an_answer),
	  TEST_ENTRY(pair_answered_in_one_place_fills_both_halves),
	  TEST_ENTRY(text_typed_around_a_blank), TEST_ENTRY(open_cells_take_what_people_write),
	  TEST_ENTRY(open_amounts_drop_the_words_around_them))
