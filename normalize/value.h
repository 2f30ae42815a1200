/*
 * value.h - parsers from the raw text of one form field to a typed value.
 *
 * Every parser is pure (no I/O, no globals besides compiled patterns), takes
 * NUL-terminated UTF-8 (what the readers emit; invalid bytes are read as
 * U+FFFD and make a value unreadable, never crash) and fills a
 * struct value_result:
 *
 *   VALUE_OK          the value was read; flags may qualify it (approximate,
 *                     a lower bound, a fraction turned into a percent, ...)
 *   VALUE_EMPTY       nothing was filled in: blanks, underscores, "-", "无",
 *                     the unfilled template "xx年xx月"; reason says which
 *   VALUE_UNREADABLE  something is there but it is not a value of the type;
 *                     reason says why, in English
 *   VALUE_CONFLICT    yes/no only: both boxes ticked
 *
 * They never guess silently: a reading that needs an assumption either sets
 * a flag or is unreadable.  The caller keeps the raw text beside the value.
 * The rules for ambiguous inputs are in docs/normalizers.md.
 *
 *	struct value_result r;
 *	long long n;
 *	if (value_count("3万个", "个", &r, &n) == VALUE_OK)	// n == 30000
 */
#ifndef IIREVIEW_VALUE_H
#define IIREVIEW_VALUE_H

#include <stddef.h>
#include <stdint.h>

struct strbuf;

enum value_status {
	VALUE_OK = 0,
	VALUE_EMPTY,
	VALUE_UNREADABLE,
	VALUE_CONFLICT,
};

/* Qualifiers of a VALUE_OK result (or, for VALUE_EMPTY, how it was empty). */
enum value_flag {
	VALUE_APPROX = 1 << 0,	    /* 约5000, 5000左右: the number as written, not exact */
	VALUE_LOWER_BOUND = 1 << 1, /* 5000+, ≥5000, 5000以上, 5000余: at least the number */
	VALUE_FRACTION = 1 << 2,    /* percent: a bare 0.45 read as 45% */
	VALUE_SHORT_YEAR = 1 << 3,  /* date: "18年" read as 2018 */
	VALUE_OPEN_END = 1 << 4,    /* month range: "2018年3月至今", no end */
	VALUE_PLACEHOLDER = 1 << 5, /* empty: a placeholder word ("无", "-", "/") was written */
	VALUE_NO_BOX = 1 << 6,	    /* yes/no: a plain 是/否 without check boxes */
	VALUE_SINGLE = 1 << 7,	    /* period: one date ("2017年9月"), not a range */
};

#define VALUE_REASON_MAX 160

struct value_result {
	enum value_status status;
	unsigned flags;		       /* enum value_flag bits */
	char reason[VALUE_REASON_MAX]; /* English; "" when VALUE_OK without flags */
};

/* "ok", "empty", "unreadable", "conflict": the fields table's status column. */
const char *value_status_name(enum value_status status);

/* ---- text clean-up ---- */

/*
 * Append raw to out with full-width ASCII (U+FF01..U+FF5E: ０-９ Ａ-Ｚ ａ-ｚ
 * ，．％：（）－ …) folded to ASCII, U+3000 and U+00A0 to ' ', U+2212 (minus)
 * to '-'; invalid UTF-8 bytes become U+FFFD.  Everything else is kept.
 *	"１２，０００％（约）" -> "12,000%(约)"
 */
void value_fold(const char *raw, struct strbuf *out);

/*
 * value_fold, then trim blanks and the underscores of an unfilled or
 * typed-over blank at both ends: "__35__" -> "35", " ＿＿＿ " -> "".
 * Underscores inside ("3_5") are kept so that they make the value unreadable.
 */
void value_clean(const char *raw, struct strbuf *out);

/*
 * 1 when cleaned text is a placeholder for "nothing": "", "-", "--", "—",
 * "——", "/", "\", "N/A", "NA", "无", "暂无", "空", "没有", "…".
 */
int value_is_placeholder(const char *cleaned);

/*
 * 1 when value_clean(raw) is certain to be neither empty nor a placeholder,
 * told from its first few characters: a long text need not be cleaned
 * only to learn that it holds something.  0 means "clean it and see".
 */
int value_clearly_filled(const char *raw);

/* ---- numbers ---- */

/*
 * A count (never negative, always whole): digits with separators, or
 * Chinese numerals (零〇一二两三四五六七八九十百千万亿 and 壹贰叁肆伍陆柒捌玖拾佰仟),
 * then multipliers 十 百 千 万 亿 ("3万" 30000, "1.5万" 15000, "2千" 2000,
 * "3千万" 30000000), then a unit word.
 *
 * unit: the unit the form prints after the blank ("个", "台", "类", ...), or
 * NULL.  A unit written in the value must equal it; with NULL any unit in
 * the built-in list (个 台 类 次 家 人 项 种 套 条 款 名 位 户 件 座 只 部 行业 GB/s
 * MB/s 个/s ...) is accepted.
 *	"5000台" 5000   "3万个" 30000   "二十五" 25   "一百零五" 105   "两千" 2000
 *	"约5000台" 5000 APPROX   "5000+" / "≥5000" / "5000以上" / "5000余台" 5000 LOWER_BOUND
 *	"<5000" / "近5000" / "5000以下" unreadable (only an upper bound)
 *	"1.5" unreadable (not whole)   "-3" unreadable   "3000-5000" unreadable
 */
enum value_status value_count(const char *raw, const char *unit, struct value_result *res,
			      long long *out);

/* The unit a bare number is in, for value_amount: what the field label says. */
enum amount_unit {
	AMOUNT_YUAN = 1,
	AMOUNT_WAN = 10000,    /* 万元: every amount field of the forms */
	AMOUNT_YI = 100000000, /* 亿元 */
};

/*
 * An amount of money, as a fixed-point integer in 1/10000 万元, which is
 * exactly 1 元 (so *out is in 元).  Why fixed point and not double: amounts
 * are summed (the four cost items against 项目总投入) and compared with
 * thresholds (2000万元); integers make 0.1 + 0.2 == 0.3 and keep every figure
 * a form can hold (up to 9.2e18 元).  Amounts may be negative (a loss in
 * 利润).  A fraction of 1 元 is unreadable rather than rounded.
 *
 * Units: 元, 万元/万, 亿元/亿, 千元, 百万(元), 千万(元); 人民币, ¥, ￥ and
 * "RMB" are ignored.  bare: the unit of a number written without one.  A
 * multiplier of 万 or more without 元 is absolute ("2000万" is 2000 万元 in any
 * field); 十/百/千 alone scale the bare unit ("3千" in a 万元 field is 3000 万元).
 *	"2000" (bare AMOUNT_WAN) 20000000   "2000万元" 20000000   "2,000.5万" 20005000
 *	"1.2亿元" 120000000   "20000000元" 20000000   "3千万" 30000000
 */
enum value_status value_amount(const char *raw, enum amount_unit bare, struct value_result *res,
			       int64_t *out);

/* How to read a percent written without '%'. */
enum percent_bare {
	/* The form prints '%' after the blank ("同行业____%"): 45 is 45%, 0.45 is 0.45%. */
	PERCENT_BARE_IS_PERCENT,
	/*
	 * The label has no '%' (负债率): 0 < x < 1 is a fraction (0.45 -> 45%,
	 * flagged VALUE_FRACTION), x > 1 a percent, exactly 1 unreadable
	 * (1% or 100%?), 0 is 0.
	 */
	PERCENT_BARE_GUESS,
};

/*
 * A percentage, in percent (45.0 for 45%), as a double: percentages are only
 * compared with thresholds, never summed into money, and people write
 * 33.33 or 66.7; a double is exact enough.  Negative is unreadable (no
 * percent in these forms can be); above 100 is allowed (负债率 of an insolvent
 * firm) and left to the rules.
 *	"45%" 45   "45％" 45   "百分之四十五" 45   "0.45" (GUESS) 45 FRACTION
 */
enum value_status value_percent(const char *raw, enum percent_bare bare, struct value_result *res,
				double *out);

/* ---- dates ---- */

/* month == 0: year only; day == 0: month only. */
struct value_date {
	int year, month, day;
};

/*
 * A date: 2019年10月14日, 2019年10月14号, 2019.10.14, 2019-10-14, 2019/10/14,
 * 20191014, 2019-10, 2019.10, 2019年10月, 2019年; two-digit years only
 * with 年 ("19年10月"): 00-49 -> 20xx, 50-99 -> 19xx, flagged VALUE_SHORT_YEAR.
 * Month and day are checked (2019-02-29 is unreadable).  Years 1900-2099.
 * The unfilled template "2019年  月  日" is empty.  "201910" is unreadable.
 */
enum value_status value_date(const char *raw, struct value_result *res, struct value_date *out);

struct value_month_range {
	struct value_date from, to; /* to is all zero with VALUE_OPEN_END */
};

/*
 * A range of months (or years, or days): two dates as above joined by
 * "--", "-", "—", "——", "–", "~", "至" or "到": "2018年3月--2019年6月",
 * "2018.03-2019.06", "2018年3月至2019年6月", "18年3月-19年6月" (SHORT_YEAR).
 * A single '-' may also be inside the dates ("2018-03-2019-06"): every '-'
 * is tried and exactly one split must give two dates.  "至今"/"今" as the
 * end gives VALUE_OPEN_END.  The end before the start is unreadable.  The
 * unfilled template "xx年xx月-- xx年xx月" or "20_ _年--20_ _年" is empty.
 */
enum value_status value_month_range(const char *raw, struct value_result *res,
				    struct value_month_range *out);

/*
 * A time written in an open cell (one where the form prints no format, as
 * 建设时间 of 附件1 二(二)): a range as value_month_range, or else one date
 * of any precision value_date reads ("2017年9月", "2017", "2017.9.1"),
 * given as out->from with out->to all zero and VALUE_SINGLE.  Around the
 * one date, a start word (自 从 于 始于 建于 始建于), an end word (起 开始
 * 以来 启动 建成 上线 投用 投入使用) and a bracketed remark at the end
 * ("2017年9月（一期）") are not part of it.  Anything else is unreadable.
 *	"2017年9月" OK 2017-09 SINGLE   "自2017年9月起" OK 2017-09 SINGLE
 *	"2016年3月-2017年9月" OK range   "若干" unreadable
 */
enum value_status value_period(const char *raw, struct value_result *res,
			       struct value_month_range *out);

/* ---- marks ---- */

/*
 * A "□是 □否" pair after the reader turned every check box into U+2611 (☑)
 * or U+2610 (☐); typed ■ ☒ √ ✓ ✔ (marked) and □ (unmarked) are accepted
 * too.  A box counts when 是/否 (or 有/无) follows it; "☐是否…" (a question,
 * not an answer) is skipped.  *out: 1 yes, 0 no.
 *	"☑是 ☐否" OK 1   "☐是 ☑否" OK 0   "☐是 ☐否" EMPTY   "☑是 ☑否" CONFLICT
 *	"是" / "否" without boxes: OK with VALUE_NO_BOX.
 */
enum value_status value_yesno(const char *raw, struct value_result *res, int *out);

/* ---- contacts ---- */

enum phone_kind {
	PHONE_LANDLINE = 1,
	PHONE_MOBILE = 2,
};

/*
 * A phone number, landline or mobile.  Canonical form appended to out:
 * a landline as "025-82288061" (area code 0 + 2 or 3 digits, 7 or 8 digit
 * number not starting with 0 or 1, optional extension "-8001"), a mobile as
 * 11 digits "13812345678" (1[3-9]…; blanks and dashes dropped, a +86 / 86 /
 * 0086 prefix removed).  A landline without area code is unreadable; two
 * numbers ("025-1234567/13800000000") are unreadable.
 */
enum value_status value_phone(const char *raw, struct value_result *res, struct strbuf *out,
			      enum phone_kind *kind);

/* value_phone, but only a mobile number is OK. */
enum value_status value_mobile(const char *raw, struct value_result *res, struct strbuf *out);

/*
 * An e-mail address: one local@domain.tld in ASCII after folding (＠ too);
 * the domain is lower-cased in out.  A trailing 。 or . is dropped.
 */
enum value_status value_email(const char *raw, struct value_result *res, struct strbuf *out);

/* ---- names and texts ---- */

/*
 * The matching key of an enterprise name, appended to out: folded (full-width
 * letters and digits to ASCII), （ ） and 【 】 [ ] to ( ), every blank removed,
 * ASCII letters upper-cased.  "江苏 ＡＢＣ科技（南京）有限公司" and
 * "江苏abc科技(南京)有限公司" have the same key.  EMPTY when nothing is left.
 */
enum value_status value_name_key(const char *raw, struct value_result *res, struct strbuf *out);

/*
 * The length of a text in characters, as a form's "限1000字" counts them:
 * every code point except blanks (ASCII white space, U+3000, U+00A0), so
 * line breaks and indentation do not count.  Invalid bytes count one each.
 */
size_t value_text_length(const char *raw);

/* ---- clusters (附件5 是否省先进制造业集群) ---- */

struct cluster_list;

/*
 * The matcher of the clusters of cfg (clusters.txt, read by
 * common/rulesconf.c): each name and alias ("新型电力（新能源）装备|新能源装备")
 * by its comparison form.  Returns NULL with "file:line: reason" in err
 * for an empty list or a name that normalizes to nothing.
 */
struct rules_config;
struct cluster_list *cluster_list_make(const struct rules_config *cfg, struct strbuf *err);
void cluster_list_free(struct cluster_list *list);
/* The canonical name of cluster i (as written in the file). */
const char *cluster_list_name(const struct cluster_list *list, size_t i);

#define CLUSTER_NONE (-1)

/*
 * Match a 是否省先进制造业集群 cell.  *out is the index of the cluster, or
 * CLUSTER_NONE for 否 / 无 / 不是 / 不属于 / 非 / 没有 (OK).
 * Matching is exact after normalization: fold, blanks removed, brackets
 * unified, 和/及/与/、/& treated alike, a trailing 集群/产业集群 dropped, a
 * leading 是 with punctuation dropped ("是，物联网").  Near misses by rule:
 * a name with a bracketed part "A（B）C" also matches "AC" and "BC"
 * (新型电力装备, 新能源装备 -> 新型电力（新能源）装备).  Two names in one cell is
 * unreadable ("names more than one cluster"); anything else unreadable.
 */
enum value_status value_cluster(const struct cluster_list *list, const char *raw,
				struct value_result *res, int *out);

#endif
