/*
 * test_value.c - the value normalizers, one table per parser, one loop per
 * table.  Every row: raw text, expected status, expected value (and flags
 * where they matter).
 */
#include "tests/unit/harness.h"
#include "normalize/value.h"
#include "common/rulesconf.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

#include <math.h>
#include <string.h>

#define OK	 VALUE_OK
#define EMPTY	 VALUE_EMPTY
#define BAD	 VALUE_UNREADABLE
#define CONFLICT VALUE_CONFLICT
#define APPROX	 VALUE_APPROX
#define LOWER	 VALUE_LOWER_BOUND

#define N(t) (sizeof(t) / sizeof((t)[0]))

/* Report a row by number and raw text when its status differs. */
static int check_status(size_t row, const char *raw, const struct value_result *res,
			enum value_status want)
{
	if (res->status == want)
		return 1;
	return test_fail(__FILE__, __LINE__, "row %zu '%s': status %s, want %s (%s)", row, raw,
			 value_status_name(res->status), value_status_name(want), res->reason);
}

struct str_row {
	const char *raw, *want;
};

static const struct str_row fold_rows[] = {
    {"１２３４５６７８９０", "1234567890"},
    {"ＡＢＣｘｙｚ", "ABCxyz"},
    {"，．％：（）；－", ",.%:();-"},
    {"a\xe3\x80\x80"
     "b",
     "a b"},
    {"２０１９年", "2019年"},
    {"\xe2\x88\x92"
     "5",
     "-5"},
    {"a\xff"
     "b",
     "a\xef\xbf\xbd"
     "b"},
};

static const struct str_row clean_rows[] = {
    {"__35__", "35"},		{"____", ""}, {" ＿＿３５＿＿ ", "35"}, {"3_5", "3_5"},
    {"\xe3\x80\x80 x \t", "x"}, {"", ""},     {"__ 12 台__", "12 台"},
};

TEST(fold_and_clean)
{
	for (size_t i = 0; i < N(fold_rows); i++) {
		struct strbuf sb = STRBUF_INIT;

		test_row("%zu \"%s\"", i, fold_rows[i].raw);
		value_fold(fold_rows[i].raw, &sb);
		assert_eq_str(sb.buf, fold_rows[i].want);
		strbuf_release(&sb);
	}
	test_row(NULL);
	for (size_t i = 0; i < N(clean_rows); i++) {
		struct strbuf sb = STRBUF_INIT;

		test_row("%zu \"%s\"", i, clean_rows[i].raw);
		value_clean(clean_rows[i].raw, &sb);
		assert_eq_str(sb.buf, clean_rows[i].want);
		strbuf_release(&sb);
	}
	test_row(NULL);
}

struct count_row {
	const char *raw, *unit;
	enum value_status status;
	long long value;
	unsigned flags;
};

static const struct count_row count_rows[] = {
    /* Digits, separators, units. */
    {"5000", "台", OK, 5000, 0},
    {"5000台", "台", OK, 5000, 0},
    {"5000 台", NULL, OK, 5000, 0},
    {"5,000台", "台", OK, 5000, 0},
    {"5，000", NULL, OK, 5000, 0},
    {"30类", "类", OK, 30, 0},
    {"30类", NULL, OK, 30, 0},
    {"３０类", "类", OK, 30, 0},
    {"__35__", "个", OK, 35, 0},
    {"200个/s", "个/s", OK, 200, 0},
    {"5000.00", NULL, OK, 5000, 0},
    /* Multipliers. */
    {"3万个", "个", OK, 30000, 0},
    {"3万", NULL, OK, 30000, 0},
    {"1.5万", NULL, OK, 15000, 0},
    {"2千", NULL, OK, 2000, 0},
    {"3千万", NULL, OK, 30000000, 0},
    {"1.2亿", NULL, OK, 120000000, 0},
    {"1.23456万", NULL, BAD, 0, 0},
    {"3万千", NULL, BAD, 0, 0},
    {"3万万", NULL, BAD, 0, 0},
    /* Chinese numerals. */
    {"三", NULL, OK, 3, 0},
    {"十", NULL, OK, 10, 0},
    {"十二", NULL, OK, 12, 0},
    {"二十五", NULL, OK, 25, 0},
    {"一百零五", NULL, OK, 105, 0},
    {"一百一十", NULL, OK, 110, 0},
    {"两千", NULL, OK, 2000, 0},
    {"三万", NULL, OK, 30000, 0},
    {"三万个", "个", OK, 30000, 0},
    {"一千二百三十四", NULL, OK, 1234, 0},
    {"一万零五百", NULL, OK, 10500, 0},
    {"一亿三千万", NULL, OK, 130000000, 0},
    {"叁拾", NULL, OK, 30, 0},
    {"五类", "类", OK, 5, 0},
    {"零", NULL, OK, 0, 0},
    {"一二三", NULL, BAD, 0, 0},
    {"三百五百", NULL, BAD, 0, 0},
    {"万", NULL, BAD, 0, 0},
    {"百", NULL, BAD, 0, 0},
    /* Qualifiers: approximate and lower bounds are kept, flagged. */
    {"约5000台", "台", OK, 5000, APPROX},
    {"大约5000", NULL, OK, 5000, APPROX},
    {"5000左右", NULL, OK, 5000, APPROX},
    {"5000台左右", "台", OK, 5000, APPROX},
    {"5000+", NULL, OK, 5000, LOWER},
    {"5000+台", "台", OK, 5000, LOWER},
    {"≥5000", NULL, OK, 5000, LOWER},
    {">=5000", NULL, OK, 5000, LOWER},
    {"＞5000", NULL, OK, 5000, LOWER},
    {"5000以上", NULL, OK, 5000, LOWER},
    {"5000台以上", "台", OK, 5000, LOWER},
    {"5000余台", "台", OK, 5000, LOWER},
    {"5000多个", "个", OK, 5000, LOWER},
    {"3万余个", "个", OK, 30000, LOWER},
    {"超过5000", NULL, OK, 5000, LOWER},
    {"不少于5000台", "台", OK, 5000, LOWER},
    {"约5000以上", NULL, OK, 5000, APPROX | LOWER},
    /* Upper bounds only: no value. */
    {"<5000", NULL, BAD, 0, 0},
    {"≤5000", NULL, BAD, 0, 0},
    {"近5000", NULL, BAD, 0, 0},
    {"不到5000台", "台", BAD, 0, 0},
    {"5000以下", NULL, BAD, 0, 0},
    {"5000以内", NULL, BAD, 0, 0},
    /* Units. */
    {"5000台", "个", BAD, 0, 0},
    {"5000吨", NULL, BAD, 0, 0},
    {"5000个台", NULL, BAD, 0, 0},
    /* Not a count. */
    {"1.5", NULL, BAD, 0, 0},
    {"-3", NULL, BAD, 0, 0},
    {"3000-5000", NULL, BAD, 0, 0},
    {"3000~5000台", "台", BAD, 0, 0},
    {"若干", NULL, BAD, 0, 0},
    {"5,00", NULL, BAD, 0, 0},
    {"99999999999999999999", NULL, BAD, 0, 0},
    {"999999999999999万", NULL, BAD, 0, 0},
    {"九千九百亿亿亿", NULL, BAD, 0, 0},
    {"1.2.3", NULL, BAD, 0, 0},
    {"1.1234567", NULL, BAD, 0, 0},
    {"5000(台", "台", BAD, 0, 0},
    {"5000(台)", "台", OK, 5000, 0},
    /* Empty. */
    {"", NULL, EMPTY, 0, 0},
    {"______", "台", EMPTY, 0, 0},
    {"-", NULL, EMPTY, 0, VALUE_PLACEHOLDER},
    {"无", NULL, EMPTY, 0, VALUE_PLACEHOLDER},
    {"暂无", NULL, EMPTY, 0, VALUE_PLACEHOLDER},
    {"——", NULL, EMPTY, 0, VALUE_PLACEHOLDER},
};

TEST(count_table)
{
	for (size_t i = 0; i < N(count_rows); i++) {
		const struct count_row *r = &count_rows[i];
		struct value_result res;
		long long v = -1;

		test_row("%zu \"%s\"", i, r->raw);
		value_count(r->raw, r->unit, &res, &v);
		check_status(i, r->raw, &res, r->status);
		if (!assert_eq_int(v, r->value) || !assert_eq_int(res.flags, r->flags))
			test_fail(__FILE__, __LINE__, "row %zu: %s", i, r->raw);
		if (r->status == BAD && !assert_true(res.reason[0]))
			test_fail(__FILE__, __LINE__, "row %zu: no reason", i);
	}
	test_row(NULL);
}

struct amount_row {
	const char *raw;
	enum amount_unit bare;
	enum value_status status;
	int64_t yuan;
	unsigned flags;
};

#define WAN  AMOUNT_WAN
#define YUAN AMOUNT_YUAN

static const struct amount_row amount_rows[] = {
    {"2000", WAN, OK, 20000000, 0},
    {"2000", YUAN, OK, 2000, 0},
    {"2000", AMOUNT_YI, OK, 200000000000LL, 0},
    {"2000万元", WAN, OK, 20000000, 0},
    {"2000万元", YUAN, OK, 20000000, 0},
    {"2000万", YUAN, OK, 20000000, 0},
    {"2,000.5万", WAN, OK, 20005000, 0},
    {"2,000.5", WAN, OK, 20005000, 0},
    {"1.2亿元", WAN, OK, 120000000, 0},
    {"1.2亿", WAN, OK, 120000000, 0},
    {"20000000元", WAN, OK, 20000000, 0},
    {"20,000,000 元", WAN, OK, 20000000, 0},
    {"3千万", WAN, OK, 30000000, 0},
    {"3千万元", WAN, OK, 30000000, 0},
    {"3千", WAN, OK, 30000000, 0},
    {"3千元", WAN, OK, 3000, 0},
    {"5百万元", WAN, OK, 5000000, 0},
    {"两千万元", WAN, OK, 20000000, 0},
    {"两千", WAN, OK, 20000000, 0},
    {"一亿二千万", WAN, OK, 120000000, 0},
    {"0.0001", WAN, OK, 1, 0},
    {"0.00001", WAN, BAD, 0, 0},
    {"12.5元", WAN, BAD, 0, 0},
    {"-200", WAN, OK, -2000000, 0},
    {"-200万元", WAN, OK, -2000000, 0},
    {"￥2000万元", WAN, OK, 20000000, 0},
    {"人民币2000万元", WAN, OK, 20000000, 0},
    {"RMB 2000万", WAN, OK, 20000000, 0},
    {"2000（万元）", WAN, OK, 20000000, 0},
    {"２０００万元", WAN, OK, 20000000, 0},
    {"约2000万元", WAN, OK, 20000000, APPROX},
    {"2000万元以上", WAN, OK, 20000000, LOWER},
    {"2000余万元", WAN, OK, 20000000, LOWER},
    {"不到2000万元", WAN, BAD, 0, 0},
    {"2000美元", WAN, BAD, 0, 0},
    {"2000-3000", WAN, BAD, 0, 0},
    {"99999999999999999999", WAN, BAD, 0, 0},
    {"922337203685477", WAN, OK, 9223372036854770000LL, 0},
    {"922337203685478", WAN, BAD, 0, 0},
    {"见附件", WAN, BAD, 0, 0},
    {"", WAN, EMPTY, 0, 0},
    {"__", WAN, EMPTY, 0, 0},
    {"-", WAN, EMPTY, 0, VALUE_PLACEHOLDER},
    {"无", WAN, EMPTY, 0, VALUE_PLACEHOLDER},
};

TEST(amount_table)
{
	for (size_t i = 0; i < N(amount_rows); i++) {
		const struct amount_row *r = &amount_rows[i];
		struct value_result res;
		int64_t v = -1;

		test_row("%zu \"%s\"", i, r->raw);
		value_amount(r->raw, r->bare, &res, &v);
		check_status(i, r->raw, &res, r->status);
		if (!assert_eq_int(v, r->yuan) || !assert_eq_int(res.flags, r->flags))
			test_fail(__FILE__, __LINE__, "row %zu: %s", i, r->raw);
	}
	test_row(NULL);
}

struct pct_row {
	const char *raw;
	enum percent_bare bare;
	enum value_status status;
	double value;
	unsigned flags;
};

#define PCT   PERCENT_BARE_IS_PERCENT
#define GUESS PERCENT_BARE_GUESS

static const struct pct_row percent_rows[] = {
    {"45%", PCT, OK, 45, 0},
    {"45%", GUESS, OK, 45, 0},
    {"45％", GUESS, OK, 45, 0},
    {"45 %", GUESS, OK, 45, 0},
    {"45.5%", GUESS, OK, 45.5, 0},
    {"0.45%", GUESS, OK, 0.45, 0},
    {"45", PCT, OK, 45, 0},
    {"45", GUESS, OK, 45, 0},
    {"0.45", PCT, OK, 0.45, 0},
    {"0.45", GUESS, OK, 45, VALUE_FRACTION},
    {"1", PCT, OK, 1, 0},
    {"1", GUESS, BAD, 0, 0},
    {"1.0", GUESS, BAD, 0, 0},
    {"0", GUESS, OK, 0, 0},
    {"120%", GUESS, OK, 120, 0},
    {"百分之四十五", GUESS, OK, 45, 0},
    {"百分之45", GUESS, OK, 45, 0},
    {"百分之十", PCT, OK, 10, 0},
    {"四十五%", GUESS, OK, 45, 0},
    {"约45%", GUESS, OK, 45, APPROX},
    {"45%以上", GUESS, OK, 45, LOWER},
    {"≥20%", GUESS, OK, 20, LOWER},
    {"<20%", GUESS, BAD, 0, 0},
    {"-5%", GUESS, BAD, 0, 0},
    {"5‰", GUESS, BAD, 0, 0},
    {"百分之45%", GUESS, BAD, 0, 0},
    {"45万%", GUESS, BAD, 0, 0},
    {"很高", GUESS, BAD, 0, 0},
    {"前十", GUESS, BAD, 0, 0},
    {"", GUESS, EMPTY, 0, 0},
    {"____", PCT, EMPTY, 0, 0},
    {"-", GUESS, EMPTY, 0, VALUE_PLACEHOLDER},
};

TEST(percent_table)
{
	for (size_t i = 0; i < N(percent_rows); i++) {
		const struct pct_row *r = &percent_rows[i];
		struct value_result res;
		double v = -1;

		test_row("%zu \"%s\"", i, r->raw);
		value_percent(r->raw, r->bare, &res, &v);
		check_status(i, r->raw, &res, r->status);
		if (!assert_true(fabs(v - r->value) < 1e-9) || !assert_eq_int(res.flags, r->flags))
			test_fail(__FILE__, __LINE__, "row %zu: %s -> %g", i, r->raw, v);
	}
	test_row(NULL);
}

struct date_row {
	const char *raw;
	enum value_status status;
	int y, m, d;
	unsigned flags;
};

static const struct date_row date_rows[] = {
    {"2019年10月14日", OK, 2019, 10, 14, 0},
    {"2019年10月14号", OK, 2019, 10, 14, 0},
    {"2019 年 10 月 14 日", OK, 2019, 10, 14, 0},
    {"２０１９年１０月１４日", OK, 2019, 10, 14, 0},
    {"2019.10.14", OK, 2019, 10, 14, 0},
    {"2019.10.14.", OK, 2019, 10, 14, 0},
    {"2019-10-14", OK, 2019, 10, 14, 0},
    {"2019/10/14", OK, 2019, 10, 14, 0},
    {"2019/1/4", OK, 2019, 1, 4, 0},
    {"20191014", OK, 2019, 10, 14, 0},
    {"2019-10", OK, 2019, 10, 0, 0},
    {"2019.10", OK, 2019, 10, 0, 0},
    {"2019年10月", OK, 2019, 10, 0, 0},
    {"2019年", OK, 2019, 0, 0, 0},
    {"2005", OK, 2005, 0, 0, 0},
    {"19年10月", OK, 2019, 10, 0, VALUE_SHORT_YEAR},
    {"98年3月", OK, 1998, 3, 0, VALUE_SHORT_YEAR},
    {"2020年2月29日", OK, 2020, 2, 29, 0},
    {"2019年2月29日", BAD, 0, 0, 0, 0},
    {"2019-13-01", BAD, 0, 0, 0, 0},
    {"2019-04-31", BAD, 0, 0, 0, 0},
    {"2019-10/14", BAD, 0, 0, 0, 0},
    {"201910", BAD, 0, 0, 0, 0},
    {"19-10-14", BAD, 0, 0, 0, 0},
    {"1850年", BAD, 0, 0, 0, 0},
    {"二〇一九年十月", BAD, 0, 0, 0, 0},
    {"2019年0月", BAD, 0, 0, 0, 0},
    {"去年", BAD, 0, 0, 0, 0},
    {"2019年  月  日", EMPTY, 0, 0, 0, 0},
    {"年 月 日", EMPTY, 0, 0, 0, 0},
    {"", EMPTY, 0, 0, 0, 0},
    {"__", EMPTY, 0, 0, 0, 0},
    {"-", EMPTY, 0, 0, 0, VALUE_PLACEHOLDER},
};

TEST(date_table)
{
	for (size_t i = 0; i < N(date_rows); i++) {
		const struct date_row *r = &date_rows[i];
		struct value_result res;
		struct value_date d;

		test_row("%zu \"%s\"", i, r->raw);
		value_date(r->raw, &res, &d);
		check_status(i, r->raw, &res, r->status);
		if (!assert_eq_int(d.year, r->y) || !assert_eq_int(d.month, r->m) ||
		    !assert_eq_int(d.day, r->d) || !assert_eq_int(res.flags, r->flags))
			test_fail(__FILE__, __LINE__, "row %zu: %s", i, r->raw);
	}
	test_row(NULL);
}

struct range_row {
	const char *raw;
	enum value_status status;
	int y1, m1, y2, m2;
	unsigned flags;
};

static const struct range_row range_rows[] = {
    {"2018年3月--2019年6月", OK, 2018, 3, 2019, 6, 0},
    {"2018年3月-2019年6月", OK, 2018, 3, 2019, 6, 0},
    {"2018年3月 — 2019年6月", OK, 2018, 3, 2019, 6, 0},
    {"2018年3月——2019年6月", OK, 2018, 3, 2019, 6, 0},
    {"2018年3月～2019年6月", OK, 2018, 3, 2019, 6, 0},
    {"2018年3月至2019年6月", OK, 2018, 3, 2019, 6, 0},
    {"2018年3月到2019年6月", OK, 2018, 3, 2019, 6, 0},
    {"2018.03-2019.06", OK, 2018, 3, 2019, 6, 0},
    {"2018.3-2019.6", OK, 2018, 3, 2019, 6, 0},
    {"2018-03-2019-06", OK, 2018, 3, 2019, 6, 0},
    {"2018-03--2019-06", OK, 2018, 3, 2019, 6, 0},
    {"2018/03-2019/06", OK, 2018, 3, 2019, 6, 0},
    {"18年3月-19年6月", OK, 2018, 3, 2019, 6, VALUE_SHORT_YEAR},
    {"2018年--2020年", OK, 2018, 0, 2020, 0, 0},
    {"2018年3月-2018年3月", OK, 2018, 3, 2018, 3, 0},
    {"2018年3月至今", OK, 2018, 3, 0, 0, VALUE_OPEN_END},
    {"2018.03-至今", OK, 2018, 3, 0, 0, VALUE_OPEN_END},
    {"2019年6月--2018年3月", BAD, 0, 0, 0, 0, 0},
    {"2018年3月", BAD, 0, 0, 0, 0, 0},
    {"2018年3月--", BAD, 0, 0, 0, 0, 0},
    {"2018年13月--2019年6月", BAD, 0, 0, 0, 0, 0},
    {"去年到今年", BAD, 0, 0, 0, 0, 0},
    {"xx年xx月-- xx年xx月", EMPTY, 0, 0, 0, 0, 0},
    {"XX年XX月--XX年XX月", EMPTY, 0, 0, 0, 0, 0},
    {"20_ _年--20_ _年", EMPTY, 0, 0, 0, 0, 0},
    {"20__年--20__年", EMPTY, 0, 0, 0, 0, 0},
    {"", EMPTY, 0, 0, 0, 0, 0},
    {"--", EMPTY, 0, 0, 0, 0, VALUE_PLACEHOLDER},
};

TEST(month_range_table)
{
	for (size_t i = 0; i < N(range_rows); i++) {
		const struct range_row *r = &range_rows[i];
		struct value_result res;
		struct value_month_range mr;

		test_row("%zu \"%s\"", i, r->raw);
		value_month_range(r->raw, &res, &mr);
		check_status(i, r->raw, &res, r->status);
		if (!assert_eq_int(mr.from.year, r->y1) || !assert_eq_int(mr.from.month, r->m1) ||
		    !assert_eq_int(mr.to.year, r->y2) || !assert_eq_int(mr.to.month, r->m2) ||
		    !assert_eq_int(res.flags, r->flags))
			test_fail(__FILE__, __LINE__, "row %zu: %s", i, r->raw);
	}
	test_row(NULL);
}

/*
 * An open cell's time (value_period): a range as above, else one date with
 * VALUE_SINGLE (to stays zero).  Each row names the habit it stands for.
 */
static const struct range_row period_rows[] = {
    /* a month, as most people answer 建设时间 */
    {"2017年9月", OK, 2017, 9, 0, 0, VALUE_SINGLE},
    {"2017.9", OK, 2017, 9, 0, 0, VALUE_SINGLE},
    {"2017-09", OK, 2017, 9, 0, 0, VALUE_SINGLE},
    {"２０１７年９月", OK, 2017, 9, 0, 0, VALUE_SINGLE},
    /* a year, a day */
    {"2017年", OK, 2017, 0, 0, 0, VALUE_SINGLE},
    {"2017", OK, 2017, 0, 0, 0, VALUE_SINGLE},
    {"2017年9月1日", OK, 2017, 9, 0, 0, VALUE_SINGLE},
    {"17年9月", OK, 2017, 9, 0, 0, VALUE_SINGLE | VALUE_SHORT_YEAR},
    /* start and end words, a remark, a full stop */
    {"自2017年9月起", OK, 2017, 9, 0, 0, VALUE_SINGLE},
    {"始建于2017年9月", OK, 2017, 9, 0, 0, VALUE_SINGLE},
    {"2017年9月建成", OK, 2017, 9, 0, 0, VALUE_SINGLE},
    {"2017年9月上线", OK, 2017, 9, 0, 0, VALUE_SINGLE},
    {"2017年9月（一期）", OK, 2017, 9, 0, 0, VALUE_SINGLE},
    {"2017年9月。", OK, 2017, 9, 0, 0, VALUE_SINGLE},
    {"2017年9月份", OK, 2017, 9, 0, 0, VALUE_SINGLE},
    {"2017年9月底建成", OK, 2017, 9, 0, 0, VALUE_SINGLE},
    {"2017年下旬", OK, 2017, 0, 0, 0, VALUE_SINGLE},
    /* a range is still a range, open or closed */
    {"2016年3月-2017年9月", OK, 2016, 3, 2017, 9, 0},
    {"2016年3月至今", OK, 2016, 3, 0, 0, VALUE_OPEN_END},
    /* answers nothing */
    {"若干", BAD, 0, 0, 0, 0, 0},
    {"详见附件", BAD, 0, 0, 0, 0, 0},
    {"2017年13月", BAD, 0, 0, 0, 0, 0},
    {"起", BAD, 0, 0, 0, 0, 0},
    {"2017年9月左右（一期）（二期）", BAD, 0, 0, 0, 0, 0},
    {"2019年6月--2018年3月", BAD, 0, 0, 0, 0, 0},
    /* nothing written */
    {"", EMPTY, 0, 0, 0, 0, 0},
    {"无", EMPTY, 0, 0, 0, 0, VALUE_PLACEHOLDER},
    {"xx年xx月-- xx年xx月", EMPTY, 0, 0, 0, 0, 0},
};

TEST(period_table)
{
	for (size_t i = 0; i < N(period_rows); i++) {
		const struct range_row *r = &period_rows[i];
		struct value_result res;
		struct value_month_range mr;

		value_period(r->raw, &res, &mr);
		check_status(i, r->raw, &res, r->status);
		if (!assert_eq_int(mr.from.year, r->y1) || !assert_eq_int(mr.from.month, r->m1) ||
		    !assert_eq_int(mr.to.year, r->y2) || !assert_eq_int(mr.to.month, r->m2) ||
		    !assert_eq_int(res.flags, r->flags))
			test_fail(__FILE__, __LINE__, "row %zu: %s", i, r->raw);
	}
}

struct yesno_row {
	const char *raw;
	enum value_status status;
	int value;
	unsigned flags;
};

static const struct yesno_row yesno_rows[] = {
    {"☑是 ☐否", OK, 1, 0},
    {"☐是 ☑否", OK, 0, 0},
    {"☑是☐否", OK, 1, 0},
    {"☐是☑否", OK, 0, 0},
    {"☐ 是 ☑ 否", OK, 0, 0},
    {"■是 □否", OK, 1, 0},
    {"☒是 ☐否", OK, 1, 0},
    {"√是 □否", OK, 1, 0},
    {"□是 ✓否", OK, 0, 0},
    {"□是 ✔否", OK, 0, 0},
    {"☐是否部署工业网络：☑是 ☐否", OK, 1, 0},
    {"☑是否部署工业网络：☐是 ☑否", OK, 0, 0},
    {"☐有 ☑无", OK, 0, 0},
    {"☐是 ☐否", EMPTY, 0, 0},
    {"□是 □否", EMPTY, 0, 0},
    {"☑是 ☑否", CONFLICT, 0, 0},
    {"是", OK, 1, VALUE_NO_BOX},
    {"否", OK, 0, VALUE_NO_BOX},
    {"无", OK, 0, VALUE_NO_BOX},
    {"是√ 否", BAD, 0, 0},
    {"是☑否", BAD, 0, 0},
    {"☐是☑否☐", OK, 0, 0},
    {"可能", BAD, 0, 0},
    {"", EMPTY, 0, 0},
    {"-", EMPTY, 0, 0},
};

TEST(yesno_table)
{
	for (size_t i = 0; i < N(yesno_rows); i++) {
		const struct yesno_row *r = &yesno_rows[i];
		struct value_result res;
		int v = -1;

		test_row("%zu \"%s\"", i, r->raw);
		value_yesno(r->raw, &res, &v);
		check_status(i, r->raw, &res, r->status);
		if (!assert_eq_int(v, r->value) || !assert_eq_int(res.flags, r->flags))
			test_fail(__FILE__, __LINE__, "row %zu: %s", i, r->raw);
	}
	test_row(NULL);
}

struct phone_row {
	const char *raw;
	enum value_status status;
	const char *canon;
	enum phone_kind kind;
};

static const struct phone_row phone_rows[] = {
    {"025-82288061", OK, "025-82288061", PHONE_LANDLINE},
    {"02582288061", OK, "025-82288061", PHONE_LANDLINE},
    {"(025)82288061", OK, "025-82288061", PHONE_LANDLINE},
    {"（025）82288061", OK, "025-82288061", PHONE_LANDLINE},
    {"025 82288061", OK, "025-82288061", PHONE_LANDLINE},
    {"０２５－８２２８８０６１", OK, "025-82288061", PHONE_LANDLINE},
    {"0512-66668888", OK, "0512-66668888", PHONE_LANDLINE},
    {"051266668888", OK, "0512-66668888", PHONE_LANDLINE},
    {"0512 6666 8888", OK, "0512-66668888", PHONE_LANDLINE},
    {"010-12345678", BAD, "", 0},
    {"010-62345678", OK, "010-62345678", PHONE_LANDLINE},
    {"025-82288061-8001", OK, "025-82288061-8001", PHONE_LANDLINE},
    {"025-82288061转8001", OK, "025-82288061-8001", PHONE_LANDLINE},
    {"13812345678", OK, "13812345678", PHONE_MOBILE},
    {"138 1234 5678", OK, "13812345678", PHONE_MOBILE},
    {"138-1234-5678", OK, "13812345678", PHONE_MOBILE},
    {"+86 138 1234 5678", OK, "13812345678", PHONE_MOBILE},
    {"+8613812345678", OK, "13812345678", PHONE_MOBILE},
    {"008613812345678", OK, "13812345678", PHONE_MOBILE},
    {"１３８１２３４５６７８", OK, "13812345678", PHONE_MOBILE},
    {"12812345678", BAD, "", 0},
    {"1381234567", BAD, "", 0},
    {"82288061", BAD, "", 0},
    {"035-82288061", BAD, "", 0},
    {"025-822880", BAD, "", 0},
    {"0517-8765432", OK, "0517-8765432", PHONE_LANDLINE},
    {"025-1228806", BAD, "", 0},
    {"025-82288061/13812345678", BAD, "", 0},
    {"025-82288061、13812345678", BAD, "", 0},
    {"电话025-82288061", BAD, "", 0},
    {"", EMPTY, "", 0},
    {"—", EMPTY, "", 0},
};

TEST(phone_table)
{
	for (size_t i = 0; i < N(phone_rows); i++) {
		const struct phone_row *r = &phone_rows[i];
		struct value_result res;
		struct strbuf sb = STRBUF_INIT;
		enum phone_kind kind;

		test_row("%zu \"%s\"", i, r->raw);
		value_phone(r->raw, &res, &sb, &kind);
		check_status(i, r->raw, &res, r->status);
		if (!assert_eq_str(sb.buf, r->canon) || !assert_eq_int(kind, r->kind))
			test_fail(__FILE__, __LINE__, "row %zu: %s", i, r->raw);
		strbuf_release(&sb);
	}
	test_row(NULL);
}

static const struct phone_row mobile_rows[] = {
    {"13812345678", OK, "13812345678", PHONE_MOBILE},
    {"+86 139-1234-5678", OK, "13912345678", PHONE_MOBILE},
    {"025-82288061", BAD, "", 0},
    {"", EMPTY, "", 0},
};

TEST(mobile_table)
{
	for (size_t i = 0; i < N(mobile_rows); i++) {
		const struct phone_row *r = &mobile_rows[i];
		struct value_result res;
		struct strbuf sb = STRBUF_INIT;

		test_row("%zu \"%s\"", i, r->raw);
		value_mobile(r->raw, &res, &sb);
		check_status(i, r->raw, &res, r->status);
		assert_eq_str(sb.buf, r->canon);
		strbuf_release(&sb);
	}
	test_row(NULL);
}

struct email_row {
	const char *raw;
	enum value_status status;
	const char *canon;
};

static const struct email_row email_rows[] = {
    {"wang@example.com", OK, "wang@example.com"},
    {"Wang.Li@Example.COM", OK, "Wang.Li@example.com"},
    {"ｗａｎｇ＠１６３．ｃｏｍ", OK, "wang@163.com"},
    {" wang_li+x@mail.js.gov.cn。", OK, "wang_li+x@mail.js.gov.cn"},
    {"wang@163", BAD, ""},
    {"wang@@163.com", BAD, ""},
    {"wang 163.com", BAD, ""},
    {"a@163.com;b@163.com", BAD, ""},
    {"王@163.com", BAD, ""},
    {"", EMPTY, ""},
    {"无", EMPTY, ""},
};

TEST(email_table)
{
	for (size_t i = 0; i < N(email_rows); i++) {
		const struct email_row *r = &email_rows[i];
		struct value_result res;
		struct strbuf sb = STRBUF_INIT;

		test_row("%zu \"%s\"", i, r->raw);
		value_email(r->raw, &res, &sb);
		check_status(i, r->raw, &res, r->status);
		assert_eq_str(sb.buf, r->canon);
		strbuf_release(&sb);
	}
	test_row(NULL);
}

struct name_row {
	const char *raw;
	enum value_status status;
	const char *key;
};

static const struct name_row name_rows[] = {
    {"江苏ABC科技有限公司", OK, "江苏ABC科技有限公司"},
    {"江苏 ＡＢＣ科技有限公司", OK, "江苏ABC科技有限公司"},
    {"江苏abc科技有限公司", OK, "江苏ABC科技有限公司"},
    {"无锡某某（集团）有限公司", OK, "无锡某某(集团)有限公司"},
    {"无锡某某(集团)有限公司", OK, "无锡某某(集团)有限公司"},
    {"无锡某某【集团】有限公司", OK, "无锡某某(集团)有限公司"},
    {"\xe3\x80\x80无锡 某某 有限公司\n", OK, "无锡某某有限公司"},
    {"某某股份有限公司南京分公司", OK, "某某股份有限公司南京分公司"},
    {"某某股份有限公司南京分公司（筹）", OK, "某某股份有限公司南京分公司(筹)"},
    {"某某分公司科技有限公司", OK, "某某分公司科技有限公司"},
    {"某某子公司", OK, "某某子公司"},
    {"", EMPTY, ""},
    {"  ", EMPTY, ""},
};

TEST(name_table)
{
	for (size_t i = 0; i < N(name_rows); i++) {
		const struct name_row *r = &name_rows[i];
		struct value_result res;
		struct strbuf sb = STRBUF_INIT;

		test_row("%zu \"%s\"", i, r->raw);
		value_name_key(r->raw, &res, &sb);
		check_status(i, r->raw, &res, r->status);
		assert_eq_str(sb.buf, r->key);
		strbuf_release(&sb);
	}
	test_row(NULL);
}

struct length_row {
	const char *raw;
	size_t chars;
};

static const struct length_row length_rows[] = {
    {"", 0},
    {"abc", 3},
    {"江苏省", 3},
    {"江苏 省\n\t工业\xe3\x80\x80互联网", 8},
    {"１２３", 3},
    {"a\xff"
     "b",
     3},
    /* The inline three-byte path must leave these to the full decoder. */
    {"\xc2\xa0x\xc2\xa0", 1},
    {"\xed\xa0\x80", 3},
    {"\xe0\xa4\x85\xe0\x80\x80", 4},
    {"\xe6\xb1", 2},
};

TEST(text_length_table)
{
	for (size_t i = 0; i < N(length_rows); i++) {
		test_row("%zu \"%s\"", i, length_rows[i].raw);
		assert_eq_int(value_text_length(length_rows[i].raw), length_rows[i].chars);
	}
	test_row(NULL);
}

/*
 * value_clearly_filled is a shortcut for "value_clean gives neither empty
 * nor a placeholder": it may say 0 for a filled text, never 1 for an empty
 * one.  Checked against value_clean on texts around the placeholders'
 * length, with blanks, underscores (either width) and bad bytes.
 */
TEST(clearly_filled_agrees_with_clean)
{
	static const char *const rows[] = {
	    "",
	    "无",
	    "暂无",
	    "……",
	    "无。",
	    "N/A",
	    "—— ——",
	    "＿＿＿＿＿＿＿＿＿＿无",
	    "____暂无____",
	    "\u3000\u3000没有\u3000",
	    "a b c d e f",
	    "abcdefg",
	    "ab_cd_efg",
	    "＿a＿b＿c＿d",
	    "\xff\xfe\xfd\xfc\xfb\xfa\xf9",
	    "这是一段说明文字",
	    "１２３４５６７",
	    "  --  --  --  -- ",
	};

	for (size_t i = 0; i < N(rows); i++) {
		struct strbuf cl = STRBUF_INIT;
		int filled;

		test_row("%zu \"%s\"", i, rows[i]);
		value_clean(rows[i], &cl);
		filled = cl.len && !value_is_placeholder(cl.buf);
		if (value_clearly_filled(rows[i]))
			assert_true(filled);
		strbuf_release(&cl);
	}
	test_row(NULL);
	assert_true(value_clearly_filled("这是一段说明文字"));
	assert_true(value_clearly_filled("abcdefg"));
	assert_true(!value_clearly_filled("____暂无____"));
	assert_true(!value_clearly_filled("＿＿＿＿＿＿＿＿＿＿无"));
}

struct cluster_row {
	const char *raw;
	enum value_status status;
	const char *name; /* NULL: CLUSTER_NONE */
};

static const struct cluster_row cluster_rows[] = {
    {"新型电力（新能源）装备", OK, "新型电力（新能源）装备"},
    {"新型电力(新能源)装备", OK, "新型电力（新能源）装备"},
    {"新能源装备", OK, "新型电力（新能源）装备"},
    {"新型电力装备", OK, "新型电力（新能源）装备"},
    {"新型电力新能源装备", OK, "新型电力（新能源）装备"},
    {"工程机械", OK, "工程机械"},
    {" 物联网 ", OK, "物联网"},
    {"物联网集群", OK, "物联网"},
    {"物联网产业集群", OK, "物联网"},
    {"物联网。", OK, "物联网"},
    {"是，物联网", OK, "物联网"},
    {"是(物联网)", OK, "物联网"},
    {"生物医药和新型医疗器械", OK, "生物医药和新型医疗器械"},
    {"生物医药与新型医疗器械", OK, "生物医药和新型医疗器械"},
    {"生物医药及新型医疗器械", OK, "生物医药和新型医疗器械"},
    {"生物医药、新型医疗器械", OK, "生物医药和新型医疗器械"},
    {"汽车和零部件", OK, "汽车及零部件"},
    {"汽车及零部件", OK, "汽车及零部件"},
    {"海工装备和高技术船舶", OK, "海工装备和高技术船舶"},
    {"高端装备", OK, "高端装备"},
    {"新型显示", OK, "新型显示"},
    {"核心信息技术", OK, "核心信息技术"},
    {"否", OK, NULL},
    {"无", OK, NULL},
    {"不是", OK, NULL},
    {"不属于", OK, NULL},
    {"否。", OK, NULL},
    {"物联网、集成电路", BAD, NULL},
    {"高端装备制造", BAD, NULL},
    {"装备", BAD, NULL},
    {"生物医药", BAD, NULL},
    {"是", BAD, NULL},
    {"", EMPTY, NULL},
    {"____", EMPTY, NULL},
    {"-", EMPTY, NULL},
};

TEST(cluster_table)
{
	struct strbuf err = STRBUF_INIT;
	struct rules_config cfg;
	struct cluster_list *list = NULL;

	if (!rules_config_load("rules", NULL, &cfg, &err)) {
		list = cluster_list_make(&cfg, &err);
		rules_config_release(&cfg);
	}
	if (!assert_true(list)) {
		test_fail(__FILE__, __LINE__, "%s", err.buf);
		strbuf_release(&err);
		return;
	}
	assert_true(cluster_list_name(list, 12) && !cluster_list_name(list, 13));
	for (size_t i = 0; i < N(cluster_rows); i++) {
		const struct cluster_row *r = &cluster_rows[i];
		struct value_result res;
		int idx = -5;

		test_row("%zu \"%s\"", i, r->raw);
		value_cluster(list, r->raw, &res, &idx);
		check_status(i, r->raw, &res, r->status);
		if (r->status == OK && r->name)
			assert_eq_str(cluster_list_name(list, (size_t)(idx < 0 ? 99 : idx)),
				      r->name);
		else
			assert_eq_int(idx, CLUSTER_NONE);
	}
	test_row(NULL);
	cluster_list_free(list);
	strbuf_release(&err);
}

struct list_row {
	const char *text;
	int ok;
	size_t count;
};

static const struct list_row list_rows[] = {
    {"a\nb\n", 1, 2},	 {"# only a comment\n\n", 0, 0},
    {"", 0, 0},		 {"甲（乙）丙|丁\n# c\n戊 # trailing comment\n", 1, 2},
    {"a\n  |b\n", 0, 0}, {"a\n\xff\n", 0, 0},
    {"a\n集群\n", 0, 0}, {"a|\n", 0, 0},
};

/* clusters.txt's text through its one parser (common/rulesconf.c), then the matcher. */
static struct cluster_list *clusters_of(const char *text, struct strbuf *err)
{
	struct rules_config cfg = {0};
	struct cluster_list *l = NULL;

	cfg.clusters_path = xstrdup("clusters.txt");
	if (!rules_clusters_parse(text, strlen(text), cfg.clusters_path, &cfg, err))
		l = cluster_list_make(&cfg, err);
	rules_config_release(&cfg);
	return l;
}

TEST(cluster_list_parse_table)
{
	for (size_t i = 0; i < N(list_rows); i++) {
		struct strbuf err = STRBUF_INIT;
		struct cluster_list *l = clusters_of(list_rows[i].text, &err);

		test_row("%zu", i);
		assert_eq_int(!!l, list_rows[i].ok);
		if (l)
			assert_true(cluster_list_name(l, list_rows[i].count - 1) &&
				    !cluster_list_name(l, list_rows[i].count));
		else
			assert_true(err.len > 0);
		cluster_list_free(l);
		strbuf_release(&err);
	}
	test_row(NULL);
	{
		struct strbuf err = STRBUF_INIT;
		const char *text = "甲（乙）丙|丁\n戊\n";
		struct cluster_list *l = clusters_of(text, &err);
		struct value_result res;
		int idx;

		value_cluster(l, "丁", &res, &idx);
		assert_eq_int(idx, 0);
		value_cluster(l, "乙丙", &res, &idx);
		assert_eq_int(idx, 0);
		value_cluster(l, "戊集群", &res, &idx);
		assert_eq_int(idx, 1);
		cluster_list_free(l);
		strbuf_release(&err);
	}
	{
		struct strbuf err = STRBUF_INIT;
		struct rules_config cfg;

		assert_eq_int(rules_config_load("no/such", NULL, &cfg, &err), -1);
		assert_true(strstr(err.buf, "no/such/2019/clusters.txt") != NULL);
		strbuf_release(&err);
	}
}

TEST_MAIN(TEST_ENTRY(fold_and_clean), TEST_ENTRY(count_table), TEST_ENTRY(amount_table),
	  TEST_ENTRY(percent_table), TEST_ENTRY(date_table), TEST_ENTRY(month_range_table),
	  TEST_ENTRY(period_table), TEST_ENTRY(yesno_table), TEST_ENTRY(phone_table),
	  TEST_ENTRY(mobile_table), TEST_ENTRY(email_table), TEST_ENTRY(name_table),
	  TEST_ENTRY(text_length_table), TEST_ENTRY(clearly_filled_agrees_with_clean),
	  TEST_ENTRY(cluster_table), TEST_ENTRY(cluster_list_parse_table))
