#include "normalize/value.h"
#include "common/regex.h"
#include "common/rulesconf.h"
#include "common/strbuf.h"
#include "common/utf8.h"
#include "common/xalloc.h"

#include <pthread.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- results */

static void res_init(struct value_result *res)
{
	res->status = VALUE_OK;
	res->flags = 0;
	res->reason[0] = '\0';
}

__attribute__((format(printf, 3, 4))) static enum value_status
res_set(struct value_result *res, enum value_status status, const char *fmt, ...)
{
	va_list ap;

	res->status = status;
	va_start(ap, fmt);
	vsnprintf(res->reason, sizeof(res->reason), fmt, ap);
	va_end(ap);
	return status;
}

const char *value_status_name(enum value_status status)
{
	switch (status) {
	case VALUE_OK:
		return "ok";
	case VALUE_EMPTY:
		return "empty";
	case VALUE_UNREADABLE:
		return "unreadable";
	case VALUE_CONFLICT:
		return "conflict";
	}
	return "unknown";
}

/* --------------------------------------------------------- text clean-up */

static int is_blank_cp(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
	       cp == 0xA0 || cp == 0x3000;
}

static unsigned fold_cp(unsigned cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFEE0;
	if (cp == 0x3000 || cp == 0xA0)
		return ' ';
	if (cp == 0x2212)
		return '-';
	return cp;
}

/*
 * Decode one code point; invalid bytes are read one at a time as U+FFFD.
 * ASCII and the common three-byte sequence (every CJK character) are
 * decoded inline, the rest by utf8_decode: this runs on every byte of every
 * value.
 */
static inline size_t next_cp(const char *s, size_t len, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (utf8_plain3(s, len)) {
		*cp = utf8_plain3_cp(s);
		return 3;
	}
	k = utf8_decode(s, len, cp);
	if (!k) {
		*cp = 0xFFFD;
		return 1;
	}
	return k;
}

/*
 * Fold raw onto the end of out.  Characters that fold to themselves (all
 * but full-width ASCII, U+3000, U+00A0 and U+2212) are copied in runs,
 * not re-encoded one by one: a valid sequence re-encodes to its own bytes.
 */
void value_fold(const char *raw, struct strbuf *out)
{
	size_t len = strlen(raw), i = 0, run = 0;

	strbuf_grow(out, len);
	while (i < len) {
		unsigned cp, f;
		size_t k;

		if ((unsigned char)raw[i] < 0x80) {
			i++;
			continue;
		}
		k = next_cp(raw + i, len - i, &cp);
		f = fold_cp(cp);
		if (f == cp && cp != 0xFFFD) {
			i += k;
			continue;
		}
		/* A folded character, or an invalid byte (or a U+FFFD written as such). */
		strbuf_add(out, raw + run, i - run);
		strbuf_add_utf8(out, f);
		i += k;
		run = i;
	}
	strbuf_add(out, raw + run, i - run);
}

static int is_clean_edge(char c)
{
	return c == '_' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

void value_clean(const char *raw, struct strbuf *out)
{
	size_t base = out->len, start, end;

	/* Folded in place at the end of out, then trimmed there: no second buffer. */
	value_fold(raw, out);
	start = base;
	end = out->len;
	/* After folding every blank is ASCII. */
	while (start < end && is_clean_edge(out->buf[start]))
		start++;
	while (end > start && is_clean_edge(out->buf[end - 1]))
		end--;
	if (start > base)
		memmove(out->buf + base, out->buf + start, end - start);
	strbuf_setlen(out, base + (end - start));
}

static const char *const placeholders[] = {"",	   "-",	 "--",	 "---", "—",  "——",  "–",
					   "/",	   "\\", "N/A",	 "n/a", "NA", "na",  "无",
					   "暂无", "空", "没有", "…",	"……", "...", "无。"};

int value_is_placeholder(const char *cleaned)
{
	for (size_t i = 0; i < ARRAY_SIZE(placeholders); i++)
		if (!strcmp(cleaned, placeholders[i]))
			return 1;
	return 0;
}

int value_clearly_filled(const char *raw)
{
	size_t longest = 0, len = strlen(raw), i = 0, k = 0;

	for (size_t j = 0; j < ARRAY_SIZE(placeholders); j++)
		if (strlen(placeholders[j]) > longest)
			longest = strlen(placeholders[j]);
	/*
	 * A character that is neither blank nor underscore (after folding:
	 * is_blank_cp, '_', U+FF3F) is kept by value_clean and is at least one
	 * byte there; more of them than the longest placeholder has bytes
	 * leave a cleaned text that is neither empty nor a placeholder.
	 */
	while (i < len && k <= longest) {
		unsigned cp;

		i += next_cp(raw + i, len - i, &cp);
		if (!is_blank_cp(cp) && cp != '_' && cp != 0xFF3F)
			k++;
	}
	return k > longest;
}

/*
 * Clean raw into sb and decide emptiness.  Returns 1 when the caller should
 * go on parsing sb.buf, 0 when res is set to VALUE_EMPTY.
 */
static int clean_or_empty(const char *raw, struct strbuf *sb, struct value_result *res)
{
	res_init(res);
	value_clean(raw, sb);
	if (!sb->len) {
		res_set(res, VALUE_EMPTY, "nothing filled in");
		return 0;
	}
	if (value_is_placeholder(sb->buf)) {
		res->flags |= VALUE_PLACEHOLDER;
		res_set(res, VALUE_EMPTY, "placeholder '%s' instead of a value", sb->buf);
		return 0;
	}
	return 1;
}

/* Length of prefix p at s, or 0. */
static size_t starts(const char *s, const char *p)
{
	size_t n;

	/* Most candidates differ at the first byte: the quantity parsers try dozens per value. */
	if (*s != *p)
		return 0;
	n = strlen(p);
	return strncmp(s, p, n) ? 0 : n;
}

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

/* Quote at most 40 bytes of s into a reason, cut on a character boundary. */
static const char *excerpt(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s), max = size - 4;

	if (n <= max)
		return s;
	while (max && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	memcpy(buf, s, max);
	memcpy(buf + max, "...", 4);
	return buf;
}

/* --------------------------------------------------------------- numbers */

#define MAX_DECIMALS 6

/* An exact decimal: mant / 10^scale. */
struct num {
	int64_t mant;
	int scale;
	int big; /* a multiplier of 万 or more was applied */
};

static int mul_ok(int64_t *v, int64_t m)
{
	return !__builtin_mul_overflow(*v, m, v);
}

/*
 * Arabic digits with optional thousands separators and decimals at *pp.
 * Returns 1 (read, *pp advanced), 0 (no digit there), -1 (res set).
 */
static int parse_arabic(const char **pp, struct num *n, struct value_result *res)
{
	const char *p = *pp;
	int group = 0, groups = 0, first = -1;

	if (*p < '0' || *p > '9')
		return 0;
	n->mant = 0;
	n->scale = 0;
	for (;; p++) {
		if (*p >= '0' && *p <= '9') {
			if (__builtin_mul_overflow(n->mant, 10, &n->mant) ||
			    __builtin_add_overflow(n->mant, *p - '0', &n->mant))
				return res_set(res, VALUE_UNREADABLE, "number too large"), -1;
			group++;
		} else if (*p == ',' && p[1] >= '0' && p[1] <= '9') {
			if (first < 0)
				first = group;
			else if (group != 3)
				return res_set(res, VALUE_UNREADABLE,
					       "thousands separators not in groups of three"),
				       -1;
			groups++;
			group = 0;
		} else {
			break;
		}
	}
	/* "5,00" or "1,2345": a decimal comma or a typo, not a separator. */
	if (groups && (first < 1 || first > 3 || group != 3))
		return res_set(res, VALUE_UNREADABLE,
			       "thousands separators not in groups of three"),
		       -1;
	if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (++n->scale > MAX_DECIMALS)
				return res_set(res, VALUE_UNREADABLE, "more than %d decimals",
					       MAX_DECIMALS),
				       -1;
			if (__builtin_mul_overflow(n->mant, 10, &n->mant) ||
			    __builtin_add_overflow(n->mant, *p - '0', &n->mant))
				return res_set(res, VALUE_UNREADABLE, "number too large"), -1;
		}
		if (*p == '.' && p[1] >= '0' && p[1] <= '9')
			return res_set(res, VALUE_UNREADABLE, "two decimal points"), -1;
	}
	*pp = p;
	return 1;
}

struct cn_char {
	const char *s;
	int digit;    /* 0-9, or -1 */
	int64_t unit; /* 10, 100, 1000, 10^4, 10^8, or 0 */
};

static const struct cn_char cn_chars[] = {
    {"零", 0, 0},     {"〇", 0, 0},	{"一", 1, 0},	   {"壹", 1, 0},	  {"二", 2, 0},
    {"贰", 2, 0},     {"两", 2, 0},	{"三", 3, 0},	   {"叁", 3, 0},	  {"四", 4, 0},
    {"肆", 4, 0},     {"五", 5, 0},	{"伍", 5, 0},	   {"六", 6, 0},	  {"陆", 6, 0},
    {"七", 7, 0},     {"柒", 7, 0},	{"八", 8, 0},	   {"捌", 8, 0},	  {"九", 9, 0},
    {"玖", 9, 0},     {"十", -1, 10},	{"拾", -1, 10},	   {"百", -1, 100},	  {"佰", -1, 100},
    {"千", -1, 1000}, {"仟", -1, 1000}, {"万", -1, 10000}, {"亿", -1, 100000000},
};

static const struct cn_char *cn_at(const char *p)
{
	for (size_t i = 0; i < ARRAY_SIZE(cn_chars); i++)
		if (starts(p, cn_chars[i].s))
			return &cn_chars[i];
	return NULL;
}

/*
 * Chinese numerals at *pp ("二十五", "一百零五", "两千", "三万", "一亿三千万").
 * Digits in a row without a unit ("一二三") are refused: they might be a
 * code, not a number.  Returns 1, 0 (no numeral), -1 (res set).
 */
static int parse_chinese(const char **pp, struct num *n, struct value_result *res)
{
	const char *p = *pp;
	int64_t total = 0, section = 0, digit = -1, small = 0;
	int any = 0, zero = 0;
	const struct cn_char *c;

	if (!cn_at(p) || starts(p, "万") || starts(p, "亿") || starts(p, "百") || starts(p, "千"))
		return 0;
	n->big = 0;
	while ((c = cn_at(p))) {
		p += strlen(c->s);
		any = 1;
		if (c->digit >= 0) {
			if (digit > 0 || (digit == 0 && !zero))
				return res_set(res, VALUE_UNREADABLE,
					       "Chinese numerals in a row without a unit"),
				       -1;
			zero = c->digit == 0;
			digit = c->digit;
		} else if (c->unit < 10000) {
			if (digit < 0) {
				/* "十二": a leading 十 means 一十. */
				if (c->unit == 10 && !section && !total)
					digit = 1;
				else
					return res_set(res, VALUE_UNREADABLE,
						       "misplaced Chinese numeral unit"),
					       -1;
			}
			if (small && c->unit >= small)
				return res_set(res, VALUE_UNREADABLE,
					       "misplaced Chinese numeral unit"),
				       -1;
			section += digit * c->unit;
			small = c->unit;
			digit = -1;
			zero = 0;
		} else {
			if (digit > 0)
				section += digit;
			digit = -1;
			if (!section && !total)
				return res_set(res, VALUE_UNREADABLE,
					       "misplaced Chinese numeral unit"),
				       -1;
			if (c->unit == 10000) {
				if (__builtin_mul_overflow(section, 10000, &section) ||
				    __builtin_add_overflow(total, section, &total))
					return res_set(res, VALUE_UNREADABLE, "number too large"),
					       -1;
			} else {
				if (__builtin_add_overflow(total, section, &total) ||
				    __builtin_mul_overflow(total, 100000000, &total))
					return res_set(res, VALUE_UNREADABLE, "number too large"),
					       -1;
			}
			section = 0;
			small = 0;
			zero = 0;
			n->big = 1;
		}
	}
	if (!any)
		return 0;
	if (digit > 0)
		section += digit;
	if (__builtin_add_overflow(total, section, &total))
		return res_set(res, VALUE_UNREADABLE, "number too large"), -1;
	n->mant = total;
	n->scale = 0;
	*pp = p;
	return 1;
}

struct qual {
	const char *s;
	unsigned flag; /* VALUE_APPROX, VALUE_LOWER_BOUND, or 0 for an upper bound */
};

/* Longest first where one is a prefix of another. */
static const struct qual prefix_quals[] = {
    {"不少于", VALUE_LOWER_BOUND},
    {"不低于", VALUE_LOWER_BOUND},
    {"至少", VALUE_LOWER_BOUND},
    {"超过", VALUE_LOWER_BOUND},
    {"多于", VALUE_LOWER_BOUND},
    {"大于", VALUE_LOWER_BOUND},
    {"高于", VALUE_LOWER_BOUND},
    {"逾", VALUE_LOWER_BOUND},
    {"≥", VALUE_LOWER_BOUND},
    {"≧", VALUE_LOWER_BOUND},
    {">=", VALUE_LOWER_BOUND},
    {">", VALUE_LOWER_BOUND},
    {"大约", VALUE_APPROX},
    {"约为", VALUE_APPROX},
    {"约", VALUE_APPROX},
    {"大概", VALUE_APPROX},
    {"~", VALUE_APPROX},
    {"不到", 0},
    {"不足", 0},
    {"少于", 0},
    {"低于", 0},
    {"小于", 0},
    {"不超过", 0},
    {"不高于", 0},
    {"最多", 0},
    {"将近", 0},
    {"接近", 0},
    {"近", 0},
    {"≤", 0},
    {"≦", 0},
    {"<=", 0},
    {"<", 0},
};

static const struct qual mid_quals[] = {
    {"余", VALUE_LOWER_BOUND},
    {"多", VALUE_LOWER_BOUND},
    {"+", VALUE_LOWER_BOUND},
};

static const struct qual suffix_quals[] = {
    {"及以上", VALUE_LOWER_BOUND},
    {"以上", VALUE_LOWER_BOUND},
    {"+", VALUE_LOWER_BOUND},
    {"左右", VALUE_APPROX},
    {"上下", VALUE_APPROX},
    {"及以下", 0},
    {"以下", 0},
    {"以内", 0},
};

/*
 * Match one qualifier at *pp.  Returns 1 and advances (flags updated), 0 when
 * none, -1 for an upper bound (res set: only an upper bound is no value).
 */
static int take_qual(const char **pp, const struct qual *q, size_t nq, unsigned *flags,
		     struct value_result *res)
{
	for (size_t i = 0; i < nq; i++) {
		size_t k = starts(*pp, q[i].s);

		if (!k)
			continue;
		if (!q[i].flag)
			return res_set(res, VALUE_UNREADABLE,
				       "'%s' gives only an upper bound, not a value", q[i].s),
			       -1;
		*flags |= q[i].flag;
		*pp += k;
		return 1;
	}
	return 0;
}

struct qty {
	struct num n;
	int neg;
	int arabic;
	int paren; /* a '(' was opened after the number */
	unsigned flags;
};

/*
 * The front of a quantity: qualifiers, sign, number, multipliers (after
 * Arabic digits), "余/多/+".  *pp is left at the unit.  Returns 0, or -1
 * with res set.
 */
static int scan_quantity(const char **pp, struct qty *q, struct value_result *res)
{
	const char *p = skip_blanks(*pp);
	int r, mults = 0;
	int64_t last = 0;

	memset(q, 0, sizeof(*q));
	while ((r = take_qual(&p, prefix_quals, ARRAY_SIZE(prefix_quals), &q->flags, res)) == 1)
		p = skip_blanks(p);
	if (r < 0)
		return -1;
	if ((*p == '-' || *p == '+') && p[1] >= '0' && p[1] <= '9') {
		q->neg = *p == '-';
		p++;
	}
	r = parse_arabic(&p, &q->n, res);
	if (r < 0)
		return -1;
	if (r) {
		q->arabic = 1;
		p = skip_blanks(p);
		/* "2000余万元": 余/多 may come before the multiplier too. */
		while ((r = take_qual(&p, mid_quals, ARRAY_SIZE(mid_quals), &q->flags, res)) == 1)
			;
		if (r < 0)
			return -1;
		if (*p == '(') {
			q->paren = 1;
			p = skip_blanks(p + 1);
		}
		/* Multipliers: "3万", "1.5万", "3千万", "2百万". */
		for (;;) {
			const struct cn_char *c = cn_at(p);

			if (!c || c->digit >= 0 || c->unit == 10)
				break;
			if (mults == 2 || (last && (last >= 10000 || c->unit < 10000)))
				return res_set(res, VALUE_UNREADABLE,
					       "multipliers in an order that is not a number"),
				       -1;
			if (!mul_ok(&q->n.mant, c->unit))
				return res_set(res, VALUE_UNREADABLE, "number too large"), -1;
			if (c->unit >= 10000)
				q->n.big = 1;
			last = c->unit;
			mults++;
			p += strlen(c->s);
		}
	} else {
		r = parse_chinese(&p, &q->n, res);
		if (r < 0)
			return -1;
		if (!r) {
			char buf[48];

			return res_set(res, VALUE_UNREADABLE, "no number in '%s'",
				       excerpt(*pp, buf, sizeof(buf))),
			       -1;
		}
	}
	p = skip_blanks(p);
	while ((r = take_qual(&p, mid_quals, ARRAY_SIZE(mid_quals), &q->flags, res)) == 1)
		;
	if (r < 0)
		return -1;
	*pp = skip_blanks(p);
	return 0;
}

/* The tail after the unit: ')' when opened, qualifiers, a full stop, the end. */
static int finish_quantity(const char *p, struct qty *q, struct value_result *res)
{
	int r;
	char buf[48];

	p = skip_blanks(p);
	if (q->paren) {
		if (*p != ')')
			return res_set(res, VALUE_UNREADABLE, "unclosed bracket"), -1;
		p = skip_blanks(p + 1);
	}
	while ((r = take_qual(&p, suffix_quals, ARRAY_SIZE(suffix_quals), &q->flags, res)) == 1)
		p = skip_blanks(p);
	if (r < 0)
		return -1;
	if (*p == '.' || starts(p, "。"))
		p += *p == '.' ? 1 : strlen("。");
	p = skip_blanks(p);
	if (!*p)
		return 0;
	if ((*p == '-' || *p == '~' || starts(p, "至") || starts(p, "到") || starts(p, "—")) &&
	    (cn_at(skip_blanks(p + (*p == '-' || *p == '~' ? 1 : 3))) ||
	     (skip_blanks(p + (*p == '-' || *p == '~' ? 1 : 3))[0] >= '0' &&
	      skip_blanks(p + (*p == '-' || *p == '~' ? 1 : 3))[0] <= '9')))
		return res_set(res, VALUE_UNREADABLE, "a range, not one number"), -1;
	return res_set(res, VALUE_UNREADABLE, "unexpected text '%s' after the number",
		       excerpt(p, buf, sizeof(buf))),
	       -1;
}

static int64_t pow10_i(int k)
{
	int64_t v = 1;

	while (k-- > 0)
		v *= 10;
	return v;
}

/* Units of counts in these forms; longest first where one prefixes another. */
static const char *const count_units[] = {
    "单个请求/ms", "个/s", "次/月", "GB/s", "MB/s", "行业", "个", "台", "类", "次",
    "家",	   "人",   "项",    "种",   "套",   "条",   "款", "名", "位", "户",
    "件",	   "座",   "只",    "部",   "TB",   "GB",   "PB", "EB", "ZB", "YB",
};

enum value_status value_count(const char *raw, const char *unit, struct value_result *res,
			      long long *out)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	struct qty q;
	int64_t div;

	*out = 0;
	if (!clean_or_empty(raw, &sb, res))
		goto done;
	p = sb.buf;
	if (scan_quantity(&p, &q, res) < 0)
		goto done;
	if (q.neg) {
		res_set(res, VALUE_UNREADABLE, "a count cannot be negative");
		goto done;
	}
	if (unit && *unit && starts(p, unit)) {
		p += strlen(unit);
	} else {
		for (size_t i = 0; i < ARRAY_SIZE(count_units); i++) {
			size_t k = starts(p, count_units[i]);

			if (!k)
				continue;
			if (unit && *unit) {
				res_set(res, VALUE_UNREADABLE, "unit '%s' where '%s' is expected",
					count_units[i], unit);
				goto done;
			}
			p += k;
			break;
		}
	}
	p = skip_blanks(p);
	/* "5000台以上", "3万余个": mid qualifiers may also follow the unit. */
	if (take_qual(&p, mid_quals, ARRAY_SIZE(mid_quals), &q.flags, res) < 0)
		goto done;
	if (finish_quantity(p, &q, res) < 0)
		goto done;
	div = pow10_i(q.n.scale);
	if (q.n.mant % div) {
		res_set(res, VALUE_UNREADABLE, "a count must be a whole number");
		goto done;
	}
	*out = q.n.mant / div;
	if (q.flags & VALUE_LOWER_BOUND)
		res_set(res, VALUE_OK, "at least the number written");
	else if (q.flags & VALUE_APPROX)
		res_set(res, VALUE_OK, "approximate");
	res->flags |= q.flags;
done:
	strbuf_release(&sb);
	return res->status;
}

enum value_status value_amount(const char *raw, enum amount_unit bare, struct value_result *res,
			       int64_t *out)
{
	static const char *const currency[] = {"人民币", "RMB", "rmb", "¥", "￥"};
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	struct qty q;
	int64_t factor, v, div;
	size_t k;

	*out = 0;
	if (!clean_or_empty(raw, &sb, res))
		goto done;
	p = sb.buf;
	for (size_t i = 0; i < ARRAY_SIZE(currency); i++)
		if ((k = starts(p, currency[i]))) {
			p = skip_blanks(p + k);
			break;
		}
	if (scan_quantity(&p, &q, res) < 0)
		goto done;
	if ((k = starts(p, "元"))) {
		factor = 1;
		p += k;
	} else if (q.n.big) {
		/* "2000万", "1.2亿": the multiplier says the amount in 元. */
		factor = 1;
	} else {
		factor = (int64_t)bare;
	}
	if (finish_quantity(p, &q, res) < 0)
		goto done;
	v = q.n.mant;
	if (!mul_ok(&v, factor)) {
		res_set(res, VALUE_UNREADABLE, "amount too large");
		goto done;
	}
	div = pow10_i(q.n.scale);
	if (v % div) {
		res_set(res, VALUE_UNREADABLE, "a fraction of one yuan");
		goto done;
	}
	*out = q.neg ? -(v / div) : v / div;
	if (q.flags & VALUE_LOWER_BOUND)
		res_set(res, VALUE_OK, "at least the amount written");
	else if (q.flags & VALUE_APPROX)
		res_set(res, VALUE_OK, "approximate");
	res->flags |= q.flags;
done:
	strbuf_release(&sb);
	return res->status;
}

enum value_status value_percent(const char *raw, enum percent_bare bare, struct value_result *res,
				double *out)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	struct qty q;
	size_t k;
	int words = 0, sign = 0;
	double v;

	*out = 0;
	if (!clean_or_empty(raw, &sb, res))
		goto done;
	p = sb.buf;
	if ((k = starts(p, "百分之"))) {
		words = 1;
		p += k;
	}
	if (scan_quantity(&p, &q, res) < 0)
		goto done;
	if (q.n.big) {
		res_set(res, VALUE_UNREADABLE, "a multiplier in a percentage");
		goto done;
	}
	if (*p == '%') {
		sign = 1;
		p++;
	} else if (starts(p, "‰")) {
		res_set(res, VALUE_UNREADABLE, "per mille, not percent");
		goto done;
	}
	if (finish_quantity(p, &q, res) < 0)
		goto done;
	if (q.neg) {
		res_set(res, VALUE_UNREADABLE, "a negative percentage");
		goto done;
	}
	if (words && sign) {
		res_set(res, VALUE_UNREADABLE, "both 百分之 and %%");
		goto done;
	}
	v = (double)q.n.mant / (double)pow10_i(q.n.scale);
	if (!words && !sign && bare == PERCENT_BARE_GUESS) {
		if (v > 0 && v < 1) {
			v *= 100;
			q.flags |= VALUE_FRACTION;
		} else if (v == 1) {
			res_set(res, VALUE_UNREADABLE, "'1' without %% may be 1%% or 100%%");
			goto done;
		}
	}
	*out = v;
	if (q.flags & VALUE_FRACTION)
		res_set(res, VALUE_OK, "a fraction without %%, read as %g%%", v);
	else if (q.flags & VALUE_LOWER_BOUND)
		res_set(res, VALUE_OK, "at least the percentage written");
	else if (q.flags & VALUE_APPROX)
		res_set(res, VALUE_OK, "approximate");
	res->flags |= q.flags;
done:
	strbuf_release(&sb);
	return res->status;
}

/* -------------------------------------------------------------- patterns */

enum pat_id {
	PAT_DATE_CN,
	PAT_DATE_SEP,
	PAT_DATE_COMPACT,
	PAT_DATE_YEAR,
	PAT_DATE_TEMPLATE,
	PAT_EMAIL,
	PAT_COUNT,
};

static const char *const pat_src[PAT_COUNT] = {
    /* 2019年10月14日, 2019年10月, 2019年, 19年10月 */
    [PAT_DATE_CN] =
	"^(\\d{4}|\\d{2})\\s*年\\s*(?:(\\d{1,2})\\s*月\\s*(?:(\\d{1,2})\\s*[日号]?)?)?$",
    /* 2019.10.14, 2019-10-14, 2019/10/14, 2019-10: one separator throughout */
    [PAT_DATE_SEP] = "^(\\d{4})\\s*([./-])\\s*(\\d{1,2})(?:\\s*\\2\\s*(\\d{1,2}))?$",
    [PAT_DATE_COMPACT] = "^(\\d{4})(\\d{2})(\\d{2})$",
    [PAT_DATE_YEAR] = "^(\\d{4})$",
    /* The form's own "2019年  月  日" or "年 月 日" left as printed. */
    [PAT_DATE_TEMPLATE] = "^(?:\\d{2,4})?\\s*年\\s*月\\s*(?:日|号)?$",
    [PAT_EMAIL] = "^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+$",
};

static pcre2_code *pats[PAT_COUNT];
static pthread_once_t pats_once = PTHREAD_ONCE_INIT;

static void compile_patterns(void)
{
	struct strbuf err = STRBUF_INIT;

	for (int i = 0; i < PAT_COUNT; i++) {
		pats[i] = regex_compile(pat_src[i], 0, &err, "value pattern");
		if (!pats[i])
			BUG("pattern %d: %s", i, err.buf);
	}
	strbuf_release(&err);
}

#define MAX_GROUPS 8

/*
 * Match pattern id against s.  Returns the number of captured groups + 1 on
 * a match, 0 on no match, -1 when a limit was hit.  ov gets start/end pairs
 * (PCRE2_UNSET for groups that did not take part).
 */
static int pat_match(enum pat_id id, const char *s, PCRE2_SIZE ov[2 * MAX_GROUPS])
{
	pcre2_match_data *md;
	int rc;

	pthread_once(&pats_once, compile_patterns);
	md = pcre2_match_data_create(MAX_GROUPS, NULL);
	if (!md)
		BUG("out of memory for PCRE2 match data");
	rc = regex_match(pats[id], s, strlen(s), 0, 0, md);
	if (rc > 0) {
		PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);
		uint32_t n = pcre2_get_ovector_count(md);

		for (uint32_t i = 0; i < MAX_GROUPS; i++) {
			ov[2 * i] = i < n ? v[2 * i] : PCRE2_UNSET;
			ov[2 * i + 1] = i < n ? v[2 * i + 1] : PCRE2_UNSET;
		}
		for (int i = rc; i < MAX_GROUPS; i++)
			ov[2 * i] = ov[2 * i + 1] = PCRE2_UNSET;
	}
	pcre2_match_data_free(md);
	return rc;
}

/* The integer in group g, or -1 when the group did not take part. */
static int group_int(const char *s, const PCRE2_SIZE *ov, int g)
{
	int v = 0;

	if (ov[2 * g] == PCRE2_UNSET)
		return -1;
	for (PCRE2_SIZE i = ov[2 * g]; i < ov[2 * g + 1]; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* ----------------------------------------------------------------- dates */

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/*
 * Parse cleaned text s as one date into *d (without the empty checks).
 * Returns VALUE_OK or VALUE_UNREADABLE (res set).
 */
static enum value_status parse_date(const char *s, struct value_result *res, struct value_date *d)
{
	PCRE2_SIZE ov[2 * MAX_GROUPS];
	int y = -1, m = 0, day = 0, rc, ylen;
	char buf[48];

	memset(d, 0, sizeof(*d));
	if ((rc = pat_match(PAT_DATE_CN, s, ov)) > 0) {
		y = group_int(s, ov, 1);
		ylen = (int)(ov[3] - ov[2]);
		m = group_int(s, ov, 2);
		day = group_int(s, ov, 3);
		if (ylen == 2) {
			/* Two digits only with 年: 00-49 is 20xx, 50-99 19xx. */
			y += y < 50 ? 2000 : 1900;
			res->flags |= VALUE_SHORT_YEAR;
		}
	} else if (rc == 0 && (rc = pat_match(PAT_DATE_SEP, s, ov)) > 0) {
		y = group_int(s, ov, 1);
		m = group_int(s, ov, 3);
		day = group_int(s, ov, 4);
	} else if (rc == 0 && (rc = pat_match(PAT_DATE_COMPACT, s, ov)) > 0) {
		y = group_int(s, ov, 1);
		m = group_int(s, ov, 2);
		day = group_int(s, ov, 3);
	} else if (rc == 0 && (rc = pat_match(PAT_DATE_YEAR, s, ov)) > 0) {
		y = group_int(s, ov, 1);
	}
	if (rc < 0)
		return res_set(res, VALUE_UNREADABLE, "pattern limit hit");
	if (y < 0)
		return res_set(res, VALUE_UNREADABLE, "not a date: '%s'",
			       excerpt(s, buf, sizeof(buf)));
	if (m < 0)
		m = 0;
	if (day < 0)
		day = 0;
	if (y < 1900 || y > 2099)
		return res_set(res, VALUE_UNREADABLE, "year %d out of range", y);
	if (m > 12 || (m == 0 && day))
		return res_set(res, VALUE_UNREADABLE, "no month %d", m);
	if (day && day > days_in(y, m))
		return res_set(res, VALUE_UNREADABLE, "no day %d in %d-%02d", day, y, m);
	if (m == 0 && ov[0] != PCRE2_UNSET && strstr(s, "月"))
		return res_set(res, VALUE_UNREADABLE, "month missing");
	d->year = y;
	d->month = m;
	d->day = day;
	return res->status = VALUE_OK;
}

/* Cleaned text minus a final full stop ("2019.10.14." / "2019年10月。"). */
static void drop_final_stop(struct strbuf *sb)
{
	if (sb->len >= 3 && !strcmp(sb->buf + sb->len - 3, "。"))
		strbuf_setlen(sb, sb->len - 3);
	else if (sb->len && sb->buf[sb->len - 1] == '.')
		strbuf_setlen(sb, sb->len - 1);
	strbuf_trim(sb);
}

enum value_status value_date(const char *raw, struct value_result *res, struct value_date *out)
{
	struct strbuf sb = STRBUF_INIT;
	PCRE2_SIZE ov[2 * MAX_GROUPS];
	int rc;

	memset(out, 0, sizeof(*out));
	if (!clean_or_empty(raw, &sb, res))
		goto done;
	drop_final_stop(&sb);
	rc = pat_match(PAT_DATE_TEMPLATE, sb.buf, ov);
	if (rc > 0) {
		res_set(res, VALUE_EMPTY, "date template not filled in");
		goto done;
	}
	parse_date(sb.buf, res, out);
	if (res->status == VALUE_OK && (res->flags & VALUE_SHORT_YEAR))
		res_set(res, VALUE_OK, "two-digit year read as %d", out->year);
done:
	strbuf_release(&sb);
	return res->status;
}

/* Range separators, longest first. */
static const char *const range_seps[] = {"——", "--", "—", "–", "-", "~", "至", "到"};

static int date_cmp(const struct value_date *a, const struct value_date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month && b->month && a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (a->day && b->day && a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}

/*
 * The unfilled template: only x, underscores, blanks, 年 月 日, separators,
 * and digits only as the "20" or "19" printed before a blank ("20_ _年").
 */
static int is_range_template(const char *s)
{
	size_t len = strlen(s), i = 0;
	int blank = 0;

	while (i < len) {
		unsigned cp;
		size_t k = next_cp(s + i, len - i, &cp);

		if (cp >= '0' && cp <= '9') {
			if (i + 2 >= len ||
			    !((s[i] == '2' && s[i + 1] == '0') ||
			      (s[i] == '1' && s[i + 1] == '9')) ||
			    (s[i + 2] != '_' && s[i + 2] != 'x' && s[i + 2] != 'X' &&
			     s[i + 2] != ' '))
				return 0;
			i += 2;
			continue;
		}
		if (cp == 'x' || cp == 'X' || cp == '_')
			blank = 1;
		else if (!(cp == ' ' || cp == '-' || cp == '~' || cp == '.' || cp == '/' ||
			   cp == 0x5E74 /* 年 */ || cp == 0x6708 /* 月 */ ||
			   cp == 0x65E5 /* 日 */ || cp == 0x81F3 /* 至 */ ||
			   cp == 0x5230 /* 到 */ || cp == 0x2014 || cp == 0x2013))
			return 0;
		i += k;
	}
	return blank;
}

static int is_open_end(const char *s)
{
	return !strcmp(s, "今") || !strcmp(s, "至今") || !strcmp(s, "现在") || !strcmp(s, "今天");
}

enum value_status value_month_range(const char *raw, struct value_result *res,
				    struct value_month_range *out)
{
	struct strbuf sb = STRBUF_INIT, left = STRBUF_INIT, right = STRBUF_INIT;
	struct value_month_range found = {{0, 0, 0}, {0, 0, 0}};
	int hits = 0, ambiguous = 0;
	unsigned flags = 0;
	char buf[48];

	memset(out, 0, sizeof(*out));
	if (!clean_or_empty(raw, &sb, res))
		goto done;
	if (is_range_template(sb.buf)) {
		res_set(res, VALUE_EMPTY, "range template not filled in");
		goto done;
	}
	drop_final_stop(&sb);
	for (size_t i = 0; i < sb.len;) {
		size_t k = 0;
		struct value_month_range r = {{0, 0, 0}, {0, 0, 0}};
		struct value_result lr, rr;
		int open = 0;

		for (size_t j = 0; j < ARRAY_SIZE(range_seps) && !k; j++)
			k = starts(sb.buf + i, range_seps[j]);
		if (!k) {
			unsigned cp;

			i += next_cp(sb.buf + i, sb.len - i, &cp);
			continue;
		}
		strbuf_reset(&left);
		strbuf_reset(&right);
		strbuf_add(&left, sb.buf, i);
		strbuf_addstr(&right, sb.buf + i + k);
		strbuf_trim(&left);
		strbuf_trim(&right);
		res_init(&lr);
		res_init(&rr);
		if (parse_date(left.buf, &lr, &r.from) == VALUE_OK) {
			if (is_open_end(right.buf) ||
			    (starts(sb.buf + i, "至") && !strcmp(right.buf, "今")))
				open = 1;
			if (open || parse_date(right.buf, &rr, &r.to) == VALUE_OK) {
				if (hits && memcmp(&r, &found, sizeof(r)))
					ambiguous = 1;
				found = r;
				flags = (lr.flags | rr.flags) | (open ? VALUE_OPEN_END : 0);
				hits++;
			}
		}
		i += k;
	}
	/* "2018年3月至今" has no separator before 今 but 至 itself. */
	if (!hits) {
		res_set(res, VALUE_UNREADABLE, "not a range of two dates: '%s'",
			excerpt(sb.buf, buf, sizeof(buf)));
		goto done;
	}
	if (ambiguous) {
		res_set(res, VALUE_UNREADABLE, "the range can be split in more than one way");
		goto done;
	}
	if (!(flags & VALUE_OPEN_END) && date_cmp(&found.from, &found.to) > 0) {
		res_set(res, VALUE_UNREADABLE, "the range ends before it starts");
		goto done;
	}
	*out = found;
	res->flags |= flags;
	if (flags & VALUE_OPEN_END)
		res_set(res, VALUE_OK, "no end date (至今)");
	else if (flags & VALUE_SHORT_YEAR)
		res_set(res, VALUE_OK, "two-digit years read as %d and %d", found.from.year,
			found.to.year);
	else
		res_set(res, VALUE_OK, "%s", "");
done:
	strbuf_release(&sb);
	strbuf_release(&left);
	strbuf_release(&right);
	return res->status;
}

/*
 * Words people put around the one date of an open cell: the date is read,
 * the word is not ("自2017年9月起", "2017年9月建成").  Longest first.
 */
static const char *const period_before[] = {"始建于", "始于", "建于", "自", "从", "于"};
static const char *const period_after[] = {"投入使用", "开始", "以来", "启动", "建成",
					   "上线",     "投用", "起",   "上旬", "中旬",
					   "下旬",     "底",   "初",   "末",   "份"};

/* Drop one bracketed remark at the end: "2017年9月（一期）" -> "2017年9月". */
static void drop_final_remark(struct strbuf *sb)
{
	size_t open;

	if (!sb->len || sb->buf[sb->len - 1] != ')')
		return;
	for (open = sb->len - 1; open > 0 && sb->buf[open - 1] != '('; open--)
		if (sb->buf[open - 1] == ')')
			return;
	if (open > 1) {
		strbuf_setlen(sb, open - 1);
		strbuf_trim(sb);
	}
}

enum value_status value_period(const char *raw, struct value_result *res,
			       struct value_month_range *out)
{
	struct strbuf sb = STRBUF_INIT;
	struct value_result one;
	const char *p;
	char buf[48];
	size_t k;

	if (value_month_range(raw, res, out) != VALUE_UNREADABLE)
		return res->status;
	res_init(&one);
	value_clean(raw, &sb);
	drop_final_stop(&sb);
	drop_final_remark(&sb);
	p = sb.buf;
	for (size_t i = 0; i < ARRAY_SIZE(period_before); i++)
		if ((k = starts(p, period_before[i]))) {
			p = skip_blanks(p + k);
			break;
		}
	memmove(sb.buf, p, strlen(p) + 1);
	strbuf_setlen(&sb, strlen(sb.buf));
	/* "2017年9月底建成": at most two words, each once. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < ARRAY_SIZE(period_after); i++) {
			size_t n = strlen(period_after[i]);

			if (sb.len > n && !strcmp(sb.buf + sb.len - n, period_after[i])) {
				strbuf_setlen(&sb, sb.len - n);
				strbuf_trim(&sb);
				break;
			}
		}
	memset(out, 0, sizeof(*out));
	if (sb.len && parse_date(sb.buf, &one, &out->from) == VALUE_OK) {
		res_init(res);
		res->flags = one.flags | VALUE_SINGLE;
		if (one.flags & VALUE_SHORT_YEAR)
			res_set(res, VALUE_OK, "one date, two-digit year read as %d",
				out->from.year);
		else
			res_set(res, VALUE_OK, "one date, not a range");
	} else {
		memset(out, 0, sizeof(*out));
		res_init(res);
		value_clean(raw, &sb);
		res_set(res, VALUE_UNREADABLE, "neither a date nor a range of two dates: '%s'",
			excerpt(sb.buf, buf, sizeof(buf)));
	}
	strbuf_release(&sb);
	return res->status;
}

/* ----------------------------------------------------------------- marks */

static int mark_kind(unsigned cp)
{
	switch (cp) {
	case 0x2611: /* ☑ */
	case 0x25A0: /* ■ */
	case 0x2612: /* ☒ */
	case 0x221A: /* √ */
	case 0x2713: /* ✓ */
	case 0x2714: /* ✔ */
		return 1;
	case 0x2610: /* ☐ */
	case 0x25A1: /* □ */
		return -1;
	}
	return 0;
}

enum value_status value_yesno(const char *raw, struct value_result *res, int *out)
{
	static const char *const yes_words[] = {"是", "有", "Y", "YES", "y", "yes", "Yes"};
	static const char *const no_words[] = {"否", "无", "没有", "N", "NO", "n", "no", "No"};
	struct strbuf sb = STRBUF_INIT;
	int yes_on = 0, no_on = 0, boxes = 0, stray = 0;
	unsigned prev = 0;
	size_t i = 0, prev_pos = 0, boxed_word = (size_t)-1;

	*out = 0;
	res_init(res);
	value_clean(raw, &sb);
	drop_final_stop(&sb);
	for (size_t w = 0; w < ARRAY_SIZE(yes_words); w++)
		if (!strcmp(sb.buf, yes_words[w])) {
			*out = 1;
			res->flags |= VALUE_NO_BOX;
			res_set(res, VALUE_OK, "answer written without check boxes");
			goto done;
		}
	for (size_t w = 0; w < ARRAY_SIZE(no_words); w++)
		if (!strcmp(sb.buf, no_words[w])) {
			res->flags |= VALUE_NO_BOX;
			res_set(res, VALUE_OK, "answer written without check boxes");
			goto done;
		}
	while (i < sb.len) {
		unsigned cp;
		int kind;
		const char *p;
		size_t at = i;

		i += next_cp(sb.buf + i, sb.len - i, &cp);
		kind = mark_kind(cp);
		if (!kind) {
			prev = cp;
			prev_pos = at;
			continue;
		}
		if (kind > 0 && (prev == 0x662F || prev == 0x5426) && prev_pos != boxed_word) {
			/* "是√ 否": a mark after an unboxed answer word; whose is it? */
			stray = 1;
		}
		p = skip_blanks(sb.buf + i);
		if (starts(p, "是否")) {
			/* "☐是否部署…": the box of a question row, not an answer. */
		} else if (starts(p, "是") || starts(p, "有")) {
			boxes++;
			yes_on |= kind > 0;
			boxed_word = (size_t)(p - sb.buf);
		} else if (starts(p, "否") || starts(p, "无")) {
			boxes++;
			no_on |= kind > 0;
			boxed_word = (size_t)(p - sb.buf);
		}
		prev = cp;
		prev_pos = at;
	}
	if (stray) {
		res_set(res, VALUE_UNREADABLE, "a mark after an answer, not in its box");
	} else if (!boxes) {
		if (!sb.len || value_is_placeholder(sb.buf))
			res_set(res, VALUE_EMPTY, "nothing filled in");
		else
			res_set(res, VALUE_UNREADABLE, "no 是/否 boxes");
	} else if (yes_on && no_on) {
		res_set(res, VALUE_CONFLICT, "both 是 and 否 ticked");
	} else if (!yes_on && !no_on) {
		res_set(res, VALUE_EMPTY, "no box ticked");
	} else {
		*out = yes_on;
	}
done:
	strbuf_release(&sb);
	return res->status;
}

/* -------------------------------------------------------------- contacts */

static int digits_only(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int valid_area(const char *a, size_t n)
{
	if (a[0] != '0')
		return 0;
	if (n == 3)
		return a[1] == '1' ? a[2] == '0' : a[1] == '2';
	return n == 4 && a[1] >= '3' && a[1] <= '9';
}

enum value_status value_phone(const char *raw, struct value_result *res, struct strbuf *out,
			      enum phone_kind *kind)
{
	struct strbuf sb = STRBUF_INIT, digits = STRBUF_INIT;
	size_t group[6], ngroups = 0, cur = 0, ext_at = 0;
	const char *p, *d;
	char buf[48];

	*kind = 0;
	if (!clean_or_empty(raw, &sb, res))
		goto done;
	/* Digits and where each group of digits ends. */
	for (p = sb.buf; *p;) {
		size_t k;

		if (*p >= '0' && *p <= '9') {
			strbuf_addch(&digits, *p++);
			cur++;
			continue;
		}
		if (cur) {
			if (ngroups == ARRAY_SIZE(group))
				goto unreadable;
			group[ngroups++] = cur;
			cur = 0;
		}
		if (*p == '-' || *p == ' ' || *p == '(' || *p == ')' ||
		    (*p == '+' && p == sb.buf)) {
			p++;
		} else if ((k = starts(p, "转")) || (k = starts(p, "ext")) ||
			   (k = starts(p, "EXT"))) {
			if (ext_at || !ngroups)
				goto unreadable;
			ext_at = ngroups;
			p += k;
		} else if (*p == '/' || *p == ',' || *p == ';' || starts(p, "、") ||
			   starts(p, "或") || starts(p, "；")) {
			res_set(res, VALUE_UNREADABLE, "more than one number");
			goto done;
		} else {
			goto unreadable;
		}
	}
	if (cur) {
		if (ngroups == ARRAY_SIZE(group))
			goto unreadable;
		group[ngroups++] = cur;
	}
	if (!ngroups)
		goto unreadable;
	d = digits.buf;
	/* Mobile: 11 digits 1[3-9]…, maybe after +86 / 0086 / 86. */
	if (!ext_at) {
		const char *m = d;
		size_t n = digits.len;

		if (n == 13 && !strncmp(m, "86", 2))
			m += 2, n -= 2;
		else if (n == 15 && !strncmp(m, "0086", 4))
			m += 4, n -= 4;
		if (n == 11 && m[0] == '1' && m[1] >= '3' && m[1] <= '9') {
			strbuf_add(out, m, 11);
			*kind = PHONE_MOBILE;
			res->status = VALUE_OK;
			goto done;
		}
		if (n == 11 && m[0] == '1') {
			res_set(res, VALUE_UNREADABLE, "no mobile number starts with %.2s", m);
			goto done;
		}
	}
	if (d[0] != '0') {
		res_set(res, VALUE_UNREADABLE, "a landline without area code");
		goto done;
	}
	{
		size_t area, local, ext = 0, total = digits.len;

		if (ext_at) {
			for (size_t g = ext_at; g < ngroups; g++)
				ext += group[g];
			ngroups = ext_at;
			total -= ext;
		}
		if (ngroups == 1) {
			area = (d[1] == '1' || d[1] == '2') ? 3 : 4;
			local = total - area;
		} else if (ngroups == 2) {
			area = group[0];
			local = group[1];
		} else if (ngroups == 3 && !ext_at && group[1] >= 7) {
			area = group[0];
			local = group[1];
			ext = group[2];
		} else if (ngroups == 3 && !ext_at && group[1] + group[2] >= 7 &&
			   group[1] + group[2] <= 8) {
			/* "0512 6666 8888": the number in two halves. */
			area = group[0];
			local = group[1] + group[2];
		} else {
			goto unreadable;
		}
		if (!valid_area(d, area)) {
			res_set(res, VALUE_UNREADABLE, "bad area code %.*s", (int)area, d);
			goto done;
		}
		if (local < 7 || local > 8 || d[area] == '0' || d[area] == '1') {
			res_set(res, VALUE_UNREADABLE, "a local number has 7 or 8 digits");
			goto done;
		}
		if (ext > 6) {
			res_set(res, VALUE_UNREADABLE, "extension too long");
			goto done;
		}
		if (!digits_only(d, area + local + ext))
			goto unreadable;
		strbuf_addf(out, "%.*s-%.*s", (int)area, d, (int)local, d + area);
		if (ext)
			strbuf_addf(out, "-%.*s", (int)ext, d + area + local);
		*kind = PHONE_LANDLINE;
		res->status = VALUE_OK;
		goto done;
	}
unreadable:
	res_set(res, VALUE_UNREADABLE, "not a phone number: '%s'",
		excerpt(sb.buf, buf, sizeof(buf)));
done:
	strbuf_release(&sb);
	strbuf_release(&digits);
	return res->status;
}

enum value_status value_mobile(const char *raw, struct value_result *res, struct strbuf *out)
{
	enum phone_kind kind;
	struct strbuf sb = STRBUF_INIT;

	if (value_phone(raw, res, &sb, &kind) == VALUE_OK) {
		if (kind == PHONE_MOBILE)
			strbuf_add(out, sb.buf, sb.len);
		else
			res_set(res, VALUE_UNREADABLE, "a landline where a mobile is expected");
	}
	strbuf_release(&sb);
	return res->status;
}

enum value_status value_email(const char *raw, struct value_result *res, struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;
	PCRE2_SIZE ov[2 * MAX_GROUPS];
	char buf[48];
	int rc;

	if (!clean_or_empty(raw, &sb, res))
		goto done;
	drop_final_stop(&sb);
	rc = pat_match(PAT_EMAIL, sb.buf, ov);
	if (rc <= 0) {
		res_set(res, VALUE_UNREADABLE, "not an e-mail address: '%s'",
			excerpt(sb.buf, buf, sizeof(buf)));
		goto done;
	}
	for (char *p = sb.buf, *at = strchr(sb.buf, '@'); *p; p++)
		if (p > at && *p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	strbuf_add(out, sb.buf, sb.len);
done:
	strbuf_release(&sb);
	return res->status;
}

/* ---------------------------------------------------------- names, texts */

static void name_key(const char *raw, struct strbuf *out)
{
	size_t len = strlen(raw), i = 0;

	while (i < len) {
		unsigned cp;

		i += next_cp(raw + i, len - i, &cp);
		cp = fold_cp(cp);
		if (is_blank_cp(cp))
			continue;
		if (cp == '[' || cp == 0x3010 /* 【 */ || cp == 0x3014 /* 〔 */)
			cp = '(';
		else if (cp == ']' || cp == 0x3011 || cp == 0x3015)
			cp = ')';
		else if (cp >= 'a' && cp <= 'z')
			cp -= 'a' - 'A';
		strbuf_add_utf8(out, cp);
	}
}

enum value_status value_name_key(const char *raw, struct value_result *res, struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;

	res_init(res);
	name_key(raw, &sb);
	if (!sb.len || value_is_placeholder(sb.buf))
		res_set(res, VALUE_EMPTY, "no name");
	else
		strbuf_add(out, sb.buf, sb.len);
	strbuf_release(&sb);
	return res->status;
}

static int ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && !memcmp(s + len - n, suffix, n);
}

size_t value_text_length(const char *raw)
{
	size_t len = strlen(raw), i = 0, n = 0;

	while (i < len) {
		unsigned char c = (unsigned char)raw[i];
		unsigned cp;

		/* ASCII and Chinese without a call: nearly all of a long text. */
		if (c < 0x80) {
			n += !is_blank_cp(c);
			i++;
			continue;
		}
		if (utf8_plain3(raw + i, len - i)) {
			n += utf8_plain3_cp(raw + i) != 0x3000;
			i += 3;
			continue;
		}
		i += next_cp(raw + i, len - i, &cp);
		if (!is_blank_cp(cp))
			n++;
	}
	return n;
}

/* -------------------------------------------------------------- clusters */

struct cluster_key {
	char *key;
	int idx; /* -2: the key belongs to two clusters, so it matches none */
};

struct cluster_list {
	char **names;
	size_t n, alloc;
	struct cluster_key *keys;
	size_t nkeys, keys_alloc;
};

/*
 * The comparison form of a cluster name: name_key, then 和 及 与 、 & all as
 * 和, a trailing 产业集群 or 集群 dropped.
 */
static void cluster_norm(const char *raw, struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len;

	name_key(raw, &sb);
	for (size_t i = 0; i < sb.len;) {
		size_t k;

		if ((k = starts(sb.buf + i, "及")) || (k = starts(sb.buf + i, "与")) ||
		    (k = starts(sb.buf + i, "、")) || (k = starts(sb.buf + i, "&"))) {
			strbuf_addstr(out, "和");
			i += k;
		} else {
			strbuf_addch(out, sb.buf[i++]);
		}
	}
	len = out->len;
	if (ends_with(out->buf, len, "产业集群"))
		strbuf_setlen(out, len - strlen("产业集群"));
	else if (ends_with(out->buf, len, "集群"))
		strbuf_setlen(out, len - strlen("集群"));
	strbuf_release(&sb);
}

static void add_key(struct cluster_list *list, const char *text, int idx)
{
	struct strbuf sb = STRBUF_INIT;

	cluster_norm(text, &sb);
	if (!sb.len) {
		strbuf_release(&sb);
		return;
	}
	for (size_t i = 0; i < list->nkeys; i++) {
		if (!strcmp(list->keys[i].key, sb.buf)) {
			if (list->keys[i].idx != idx)
				list->keys[i].idx = -2;
			strbuf_release(&sb);
			return;
		}
	}
	ALLOC_GROW(list->keys, list->nkeys + 1, list->keys_alloc);
	list->keys[list->nkeys].key = strbuf_detach(&sb, NULL);
	list->keys[list->nkeys].idx = idx;
	list->nkeys++;
}

/* The near-miss rule: "A(B)C" also as "AC", "BC" and "ABC". */
static void add_derived_keys(struct cluster_list *list, const char *name, int idx)
{
	struct strbuf norm = STRBUF_INIT, alt = STRBUF_INIT;
	char *open, *close;

	name_key(name, &norm);
	open = strchr(norm.buf, '(');
	close = open ? strchr(open, ')') : NULL;
	if (open && close) {
		strbuf_add(&alt, norm.buf, (size_t)(open - norm.buf));
		strbuf_addstr(&alt, close + 1);
		add_key(list, alt.buf, idx);
		strbuf_reset(&alt);
		strbuf_add(&alt, open + 1, (size_t)(close - open - 1));
		strbuf_addstr(&alt, close + 1);
		add_key(list, alt.buf, idx);
		strbuf_reset(&alt);
		strbuf_add(&alt, norm.buf, (size_t)(open - norm.buf));
		strbuf_add(&alt, open + 1, (size_t)(close - open - 1));
		strbuf_addstr(&alt, close + 1);
		add_key(list, alt.buf, idx);
	}
	strbuf_release(&norm);
	strbuf_release(&alt);
}

void cluster_list_free(struct cluster_list *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->n; i++)
		free(list->names[i]);
	for (size_t i = 0; i < list->nkeys; i++)
		free(list->keys[i].key);
	free(list->names);
	free(list->keys);
	free(list);
}

/* The comparison key of a name must not be empty ("集群" alone is none). */
static int add_name_key(struct cluster_list *list, const struct rules_config *cfg,
			const struct rules_cluster *c, const char *name, int idx,
			struct strbuf *err)
{
	struct strbuf k = STRBUF_INIT;
	int empty;

	cluster_norm(name, &k);
	empty = !k.len;
	strbuf_release(&k);
	if (empty) {
		strbuf_addf(err, "%s:%d: '%s' names no cluster once 集群 and blanks are dropped",
			    cfg->clusters_path, c->line, name);
		return -1;
	}
	add_key(list, name, idx);
	return 0;
}

struct cluster_list *cluster_list_make(const struct rules_config *cfg, struct strbuf *err)
{
	struct cluster_list *list = xcalloc(1, sizeof(*list));

	for (size_t i = 0; i < cfg->nclusters; i++) {
		const struct rules_cluster *c = &cfg->clusters[i];
		int idx = (int)list->n;

		ALLOC_GROW(list->names, list->n + 1, list->alloc);
		list->names[list->n++] = xstrdup(c->name);
		if (add_name_key(list, cfg, c, c->name, idx, err))
			goto fail;
		for (size_t k = 0; k < c->naliases; k++)
			if (add_name_key(list, cfg, c, c->aliases[k], idx, err))
				goto fail;
	}
	if (!list->n) {
		strbuf_addf(err, "%s: no cluster names", cfg->clusters_path);
		goto fail;
	}
	/* Derived keys after every name, so that an exact name always wins. */
	for (size_t c = 0; c < list->n; c++)
		add_derived_keys(list, list->names[c], (int)c);
	return list;
fail:
	cluster_list_free(list);
	return NULL;
}

const char *cluster_list_name(const struct cluster_list *list, size_t i)
{
	return i < list->n ? list->names[i] : NULL;
}

/* The cluster of a normalized key: index, -1 none, -2 ambiguous. */
static int find_key(const struct cluster_list *list, const char *key)
{
	for (size_t i = 0; i < list->nkeys; i++)
		if (!strcmp(list->keys[i].key, key))
			return list->keys[i].idx;
	return -1;
}

/* 1 when cleaned text says "not in a cluster". */
static int is_none_word(const char *s)
{
	static const char *const none[] = {"否", "无", "不是", "不属于", "非", "没有",
					   "不", "N",  "NO",   "No",	 "no"};

	for (size_t i = 0; i < ARRAY_SIZE(none); i++)
		if (!strcmp(s, none[i]))
			return 1;
	return 0;
}

enum value_status value_cluster(const struct cluster_list *list, const char *raw,
				struct value_result *res, int *out)
{
	struct strbuf sb = STRBUF_INIT, key = STRBUF_INIT, part = STRBUF_INIT;
	int idx, matched = 0;
	char buf[48];
	const char *p;

	*out = CLUSTER_NONE;
	res_init(res);
	value_clean(raw, &sb);
	drop_final_stop(&sb);
	if (is_none_word(sb.buf)) {
		res->status = VALUE_OK;
		goto done;
	}
	if (!sb.len || value_is_placeholder(sb.buf)) {
		res_set(res, VALUE_EMPTY, "nothing filled in");
		goto done;
	}
	cluster_norm(sb.buf, &key);
	idx = find_key(list, key.buf);
	/* "是，物联网" / "是(物联网)": a leading 是 before the name. */
	if (idx == -1 && (p = sb.buf, starts(p, "是"))) {
		p = skip_blanks(p + strlen("是"));
		while (*p == ',' || *p == ':' || *p == ';' || *p == '(' || starts(p, "、"))
			p = skip_blanks(p +
					(*p == ',' || *p == ':' || *p == ';' || *p == '(' ? 1 : 3));
		strbuf_addstr(&part, p);
		if (part.len && part.buf[part.len - 1] == ')' && strchr(sb.buf, '(') &&
		    strchr(sb.buf, '(') < p)
			strbuf_setlen(&part, part.len - 1);
		strbuf_reset(&key);
		cluster_norm(part.buf, &key);
		idx = find_key(list, key.buf);
	}
	if (idx >= 0) {
		*out = idx;
		goto done;
	}
	if (idx == -2) {
		res_set(res, VALUE_UNREADABLE, "'%s' may be more than one cluster",
			excerpt(sb.buf, buf, sizeof(buf)));
		goto done;
	}
	/* A list: "物联网、集成电路" names two clusters, which the form does not allow. */
	for (const char *s = sb.buf; *s;) {
		size_t n = strcspn(s, ",;/"), k;
		const char *sep = strstr(s, "、");

		if (sep && (size_t)(sep - s) < n)
			n = (size_t)(sep - s);
		strbuf_reset(&part);
		strbuf_add(&part, s, n);
		strbuf_reset(&key);
		cluster_norm(part.buf, &key);
		if (key.len && find_key(list, key.buf) >= 0)
			matched++;
		s += n;
		k = starts(s, "、") ? 3 : (*s ? 1 : 0);
		s += k;
	}
	if (matched >= 2)
		res_set(res, VALUE_UNREADABLE, "names more than one cluster");
	else
		res_set(res, VALUE_UNREADABLE, "'%s' is not one of the clusters",
			excerpt(sb.buf, buf, sizeof(buf)));
done:
	strbuf_release(&sb);
	strbuf_release(&key);
	strbuf_release(&part);
	return res->status;
}
