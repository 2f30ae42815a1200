/*
 * Tests of the label extractor and the field converter: table-driven, on
 * forms built from text (one block per line) and on small table layouts.
 */
#include "tests/unit/harness.h"

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
	  TEST_ENTRY(malformed_catalogue_is_refused_with_its_line))
