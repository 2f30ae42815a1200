#include "normalize/convert.h"

#include "common/codes.h"
#include "common/docx.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void convert_open(const struct field_def *f, const char *raw, const char *suffix, int open,
			 struct converted *c);

void converted_init(struct converted *c)
{
	memset(c, 0, sizeof(*c));
	strbuf_init(&c->value, 0);
	strbuf_init(&c->flags, 0);
}

void converted_release(struct converted *c)
{
	strbuf_release(&c->value);
	strbuf_release(&c->flags);
}

static void add_flags(struct converted *c, unsigned flags)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {
	    {VALUE_APPROX, "approx"},	  {VALUE_LOWER_BOUND, "lower_bound"},
	    {VALUE_FRACTION, "fraction"}, {VALUE_SHORT_YEAR, "short_year"},
	    {VALUE_OPEN_END, "open_end"}, {VALUE_PLACEHOLDER, "placeholder"},
	    {VALUE_NO_BOX, "no_box"},	  {VALUE_SINGLE, "single"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (flags & names[i].bit) {
			if (c->flags.len)
				strbuf_addch(&c->flags, ',');
			strbuf_addstr(&c->flags, names[i].name);
		}
}

/* A number as the shortest decimal ("2000.5", "17", "0.25"). */
static void add_decimal(struct strbuf *out, double v)
{
	char buf[64];
	size_t n;

	snprintf(buf, sizeof(buf), "%.4f", v);
	n = strlen(buf);
	while (n && buf[n - 1] == '0')
		n--;
	if (n && buf[n - 1] == '.')
		n--;
	buf[n] = '\0';
	if (!strcmp(buf, "-0"))
		strcpy(buf, "0");
	strbuf_addstr(out, buf);
}

static void add_date(struct strbuf *out, const struct value_date *d)
{
	strbuf_addf(out, "%04d", d->year);
	if (d->month)
		strbuf_addf(out, "-%02d", d->month);
	if (d->day)
		strbuf_addf(out, "-%02d", d->day);
}

/* Back over spaces, numbering ("1、", "2."), "·" to the box before an option. */
static int box_before(const char *raw, size_t pos)
{
	while (pos > 0) {
		unsigned char c = (unsigned char)raw[pos - 1];

		if (c == ' ' || c == '.' || (c >= '0' && c <= '9') || c == '\t') {
			pos--;
		} else if (pos >= 3 && (!strncmp(raw + pos - 3, "、", 3) ||
					!strncmp(raw + pos - 3, "\u3000", 3))) {
			pos -= 3;
		} else if (pos >= 2 && !strncmp(raw + pos - 2, "·", 2)) {
			pos -= 2;
		} else {
			break;
		}
	}
	if (pos >= 3 && !strncmp(raw + pos - 3, DOCX_MARK_ON_UTF8, 3))
		return 1;
	if (pos >= 3 && !strncmp(raw + pos - 3, DOCX_MARK_OFF_UTF8, 3))
		return 0;
	return -1;
}

unsigned long boxes_ticked(const char *raw, char *const *opts, size_t nopts, int *seen)
{
	unsigned long ticked = 0;

	*seen = 0;
	for (size_t i = 0; i < nopts && i < 8 * sizeof(ticked); i++) {
		const char *p = raw;

		while ((p = strstr(p, opts[i]))) {
			int b = box_before(raw, (size_t)(p - raw));

			if (b >= 0) {
				(*seen)++;
				if (b)
					ticked |= 1UL << i;
				break;
			}
			p += strlen(opts[i]);
		}
	}
	return ticked;
}

static void convert_boxes(const struct field_def *f, const char *raw, struct converted *c)
{
	int seen;
	unsigned long t = boxes_ticked(raw, f->options, f->noptions, &seen);
	int n = 0;

	for (size_t i = 0; i < f->noptions; i++) {
		if (!(t & (1UL << i)))
			continue;
		if (c->value.len)
			strbuf_addch(&c->value, ',');
		strbuf_addstr(&c->value, f->options[i]);
		n++;
	}
	if (!seen && !n) {
		/* No boxes at all: an option written out plainly is still an answer. */
		for (size_t i = 0; i < f->noptions; i++) {
			struct strbuf cl = STRBUF_INIT;

			value_clean(raw, &cl);
			if (!strcmp(cl.buf, f->options[i])) {
				strbuf_addstr(&c->value, f->options[i]);
				n = 1;
				strbuf_addstr(&c->flags, "no_box");
			}
			strbuf_release(&cl);
		}
	}
	if (!n) {
		c->status = VALUE_EMPTY;
		strbuf_reset(&c->value);
	} else if (f->type == FT_ONE_OF && n > 1) {
		/* The boxes ticked stay in value, so that the lists can say which. */
		c->status = VALUE_CONFLICT;
		snprintf(c->reason, sizeof(c->reason), "%d boxes ticked where one is asked", n);
	} else {
		c->status = VALUE_OK;
		c->num = n;
		c->has_num = 1;
	}
}

static void take(struct converted *c, enum value_status st, const struct value_result *r)
{
	c->status = st;
	add_flags(c, r->flags);
	if (st != VALUE_OK) {
		snprintf(c->reason, sizeof(c->reason), "%s", r->reason);
		strbuf_reset(&c->value);
		c->has_num = 0;
	}
}

static void convert_code(const struct field_def *f, const char *raw, struct converted *c)
{
	struct code_result r;
	enum code_status st = f->type == FT_CREDIT_CODE ? credit_code_parse(raw, strlen(raw), &r)
							: org_code_parse(raw, strlen(raw), &r);

	if (st == CODE_EMPTY) {
		c->status = VALUE_EMPTY;
		return;
	}
	/* A wrong check character is a defect of the code, not an unreadable value. */
	strbuf_addstr(&c->value, r.code);
	c->status = st == CODE_OK || st == CODE_BAD_CHECK ? VALUE_OK : VALUE_UNREADABLE;
	if (st == CODE_BAD_CHECK)
		strbuf_addstr(&c->flags, "bad_check");
	if (c->status != VALUE_OK) {
		struct strbuf d = STRBUF_INIT;

		code_result_describe(&r, &d);
		snprintf(c->reason, sizeof(c->reason), "%s", d.buf);
		strbuf_release(&d);
		strbuf_reset(&c->value);
	}
}

/* Text as written, without the blank's underscores or a bracket it left open. */
static void clean_text(const char *raw, struct strbuf *out)
{
	strbuf_addstr(out, raw);
	for (;;) {
		size_t before = out->len;

		strbuf_trim(out);
		while (out->len && out->buf[out->len - 1] == '_')
			strbuf_setlen(out, out->len - 1);
		while (out->len && out->buf[0] == '_') {
			memmove(out->buf, out->buf + 1, out->len - 1);
			strbuf_setlen(out, out->len - 1);
		}
		if (out->len >= 3 && !strcmp(out->buf + out->len - 3, "）") &&
		    !strstr(out->buf, "（"))
			strbuf_setlen(out, out->len - 3);
		if (out->len == before)
			break;
	}
}

void convert_field(const struct field_def *f, const char *raw, const char *suffix,
		   struct converted *c)
{
	convert_open(f, raw, suffix, 0, c);
}

/*
 * What people write around an amount in an open cell, not part of it:
 * a total's word before it ("共计2000万元", "总投资2000万元") and after it 整,
 * 人民币 or a bracketed remark ("2000万元整", "2000万元（含软件）").
 */
static const char *const amount_before[] = {"累计投资", "总投资", "累计", "共计", "合计",
					    "总计",	"投资",	  "共",	  "计"};
static const char *const amount_after[] = {"人民币", "整"};

/* Drop one bracketed remark at the end of sb; 1 when one was dropped. */
static int drop_remark(struct strbuf *sb)
{
	const char *open = NULL;
	size_t close;

	if (sb->len >= 3 && !strcmp(sb->buf + sb->len - 3, "）"))
		close = 3;
	else if (sb->len && sb->buf[sb->len - 1] == ')')
		close = 1;
	else
		return 0;
	/* The last opening bracket, either width, with no other bracket after it. */
	for (const char *p = sb->buf; p < sb->buf + sb->len - close; p++)
		if (*p == '(' || !strncmp(p, "（", 3))
			open = p;
	if (!open || open == sb->buf)
		return 0;
	for (const char *p = open + 1; p < sb->buf + sb->len - close; p++)
		if (*p == ')' || !strncmp(p, "）", 3))
			return 0;
	strbuf_setlen(sb, (size_t)(open - sb->buf));
	strbuf_trim(sb);
	return 1;
}

/* The amount of an open cell without the words around it, or NULL when there are none. */
static char *amount_core(const char *raw)
{
	struct strbuf sb = STRBUF_INIT;
	int changed = 0, again = 1;

	strbuf_addstr(&sb, raw);
	strbuf_trim(&sb);
	while (again) {
		again = drop_remark(&sb);
		for (size_t i = 0; i < ARRAY_SIZE(amount_after); i++) {
			size_t n = strlen(amount_after[i]);

			if (sb.len > n && !strcmp(sb.buf + sb.len - n, amount_after[i])) {
				strbuf_setlen(&sb, sb.len - n);
				strbuf_trim(&sb);
				again = 1;
			}
		}
		changed |= again;
	}
	for (size_t i = 0; i < ARRAY_SIZE(amount_before); i++) {
		size_t n = strlen(amount_before[i]);

		if (sb.len > n && !strncmp(sb.buf, amount_before[i], n)) {
			memmove(sb.buf, sb.buf + n, sb.len - n + 1);
			strbuf_setlen(&sb, sb.len - n);
			strbuf_trim(&sb);
			changed = 1;
			break;
		}
	}
	if (changed && sb.len)
		return strbuf_detach(&sb, NULL);
	strbuf_release(&sb);
	return NULL;
}

static void convert_open(const struct field_def *f, const char *raw, const char *suffix, int open,
			 struct converted *c)
{
	struct value_result r;
	enum value_status st;

	strbuf_reset(&c->value);
	strbuf_reset(&c->flags);
	c->places = 0;
	c->has_num = 0;
	c->num = 0;
	c->reason[0] = '\0';
	memset(&r, 0, sizeof(r));
	if (!raw) {
		c->status = VALUE_EMPTY;
		return;
	}
	if (f->type != FT_TEXT && strstr(raw, "__")) {
		/* A number typed into its blank: "__15__%" is "15%". */
		struct strbuf sb = STRBUF_INIT;

		for (const char *p = raw; *p; p++)
			if (*p != '_' || (p[1] != '_' && (p == raw || p[-1] != '_')))
				strbuf_addch(&sb, *p);
		convert_open(f, sb.buf, suffix, open, c);
		strbuf_release(&sb);
		return;
	}
	switch (f->type) {
	case FT_INTEGER:
	case FT_COUNT_PAIR: {
		long long n = 0;

		st = value_count(raw, NULL, &r, &n);
		if (st == VALUE_OK) {
			strbuf_addf(&c->value, "%lld", n);
			c->num = (double)n;
			c->has_num = 1;
		}
		take(c, st, &r);
		break;
	}
	case FT_AMOUNT: {
		int64_t yuan = 0;

		st = value_amount(raw, AMOUNT_WAN, &r, &yuan);
		if (st == VALUE_UNREADABLE && open) {
			/* An open cell: the words around the amount are no part of it. */
			char *bare = amount_core(raw);

			if (bare && value_amount(bare, AMOUNT_WAN, &r, &yuan) != VALUE_OK)
				st = value_amount(raw, AMOUNT_WAN, &r, &yuan);
			else if (bare)
				st = VALUE_OK;
			free(bare);
		}
		if (st == VALUE_OK) {
			c->num = (double)yuan / 10000.0;
			add_decimal(&c->value, c->num);
			c->has_num = 1;
		}
		take(c, st, &r);
		break;
	}
	case FT_PERCENT: {
		double p = 0;

		st = value_percent(raw,
				   suffix && strstr(suffix, "%") ? PERCENT_BARE_IS_PERCENT
								 : PERCENT_BARE_GUESS,
				   &r, &p);
		if (st == VALUE_OK) {
			c->num = p;
			add_decimal(&c->value, p);
			c->has_num = 1;
		}
		take(c, st, &r);
		break;
	}
	case FT_DATE: {
		struct value_date d;

		st = value_date(raw, &r, &d);
		if (st == VALUE_OK)
			add_date(&c->value, &d);
		take(c, st, &r);
		break;
	}
	case FT_MONTH_RANGE: {
		struct value_month_range m;

		/* An open cell takes one date as well as a range; a printed format asks a range. */
		st = open ? value_period(raw, &r, &m) : value_month_range(raw, &r, &m);
		if (st == VALUE_OK) {
			add_date(&c->value, &m.from);
			if (!(r.flags & VALUE_SINGLE))
				strbuf_addch(&c->value, '/');
			if (!(r.flags & (VALUE_OPEN_END | VALUE_SINGLE)))
				add_date(&c->value, &m.to);
		}
		take(c, st, &r);
		break;
	}
	case FT_YESNO: {
		int yes = 0;

		st = value_yesno(raw, &r, &yes);
		if (st == VALUE_OK) {
			strbuf_addstr(&c->value, yes ? "是" : "否");
			c->num = yes;
			c->has_num = 1;
		}
		take(c, st, &r);
		break;
	}
	case FT_ONE_OF:
	case FT_MANY_OF:
		convert_boxes(f, raw, c);
		break;
	case FT_PHONE:
	case FT_MOBILE: {
		enum phone_kind kind;

		st = f->type == FT_MOBILE ? value_mobile(raw, &r, &c->value)
					  : value_phone(raw, &r, &c->value, &kind);
		take(c, st, &r);
		break;
	}
	case FT_EMAIL:
		st = value_email(raw, &r, &c->value);
		take(c, st, &r);
		break;
	case FT_CREDIT_CODE:
	case FT_ORG_CODE:
		convert_code(f, raw, c);
		break;
	case FT_TEXT: {
		struct strbuf cl = STRBUF_INIT;
		int empty;

		clean_text(raw, &c->value);
		/* Most texts are long: folding one whole only to see that it holds something
		 * showed. */
		empty = !c->value.len;
		if (!empty && !value_clearly_filled(c->value.buf)) {
			value_clean(c->value.buf, &cl);
			empty = !cl.len || value_is_placeholder(cl.buf);
		}
		if (empty) {
			c->status = VALUE_EMPTY;
			strbuf_reset(&c->value);
		} else {
			c->status = VALUE_OK;
			c->num = (double)value_text_length(c->value.buf);
			c->has_num = 1;
		}
		strbuf_release(&cl);
		break;
	}
	}
}

/* The same value in both places: numbers by value, texts by their cleaned text. */
static int same_value(const struct converted *a, const struct converted *b)
{
	if (a->has_num && b->has_num && a->num != b->num)
		return 0;
	return !strcmp(a->value.buf, b->value.buf);
}

int convert_field_placed(const struct field_def *f, const char *raw, const char *beside,
			 const char *suffix, int open, struct converted *c)
{
	struct converted b;
	int keep = 0;

	convert_open(f, raw, suffix, open, c);
	c->places = 1;
	if (!beside)
		return 0;
	converted_init(&b);
	convert_open(f, beside, suffix, open, &b);
	if (b.status != VALUE_EMPTY && c->status == VALUE_EMPTY) {
		convert_open(f, beside, suffix, open, c);
		keep = 1;
	} else if (b.status != VALUE_EMPTY &&
		   !(c->status == VALUE_OK && b.status == VALUE_OK && same_value(c, &b))) {
		/* Two answers that differ (or one unreadable): neither is chosen. */
		strbuf_reset(&c->value);
		c->has_num = 0;
		c->status = VALUE_CONFLICT;
		c->places = 2;
		snprintf(c->reason, sizeof(c->reason), "two places disagree");
		keep = 2;
	}
	converted_release(&b);
	return keep;
}
