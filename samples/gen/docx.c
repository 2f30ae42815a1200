/*
 * docx.c - WordprocessingML written by hand, and filled the ways people fill forms.
 *
 * A form is described once, in a small markup (forms.c), and rendered either
 * blank (the template) or filled with an application's values:
 *
 *	{key}         a blank "______": the value goes in it (with or without the
 *	              underscores left around it, split over runs, as a tracked change)
 *	{=key}        a table cell's value: nothing in the template
 *	{#key}        prose paragraphs (long sections); only as a whole markup
 *	[yn:key]      "□是 □否" with the box of the value marked
 *	[o:key:opt]   one box, marked when the value (a ','-list) holds opt
 *
 * Everything else is literal text.  Each document gets its own "author":
 * one way of marking boxes and writing numbers, with some inconsistency,
 * as real people have.
 */
#include "samples/gen/gen.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"

enum { BOX_TYPED, BOX_WINGDINGS, BOX_WINGDINGS2, BOX_CONTROL, BOX_STYLES };
enum { NUM_PLAIN, NUM_FANCY, NUM_STYLES };

void doc_init(struct doc *d, const struct app *a, uint64_t seed)
{
	memset(d, 0, sizeof(*d));
	strbuf_init(&d->body, 1 << 16);
	rng_seed(&d->r, seed);
	d->app = a;
	if (a) {
		d->box_style = (int)rng_below(&d->r, BOX_STYLES);
		d->num_style = (int)rng_below(&d->r, NUM_STYLES);
		d->split_runs = rng_chance(&d->r, 40);
		d->tracked = rng_chance(&d->r, 25);
	}
}

void doc_release(struct doc *d)
{
	strbuf_release(&d->body);
}

static void xml_esc(struct strbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':
			strbuf_addstr(sb, "&amp;");
			break;
		case '<':
			strbuf_addstr(sb, "&lt;");
			break;
		case '>':
			strbuf_addstr(sb, "&gt;");
			break;
		case '"':
			strbuf_addstr(sb, "&quot;");
			break;
		default:
			strbuf_addch(sb, s[i]);
		}
	}
}

static void rpr(struct doc *d, unsigned flags, int underline)
{
	if (!(flags & (P_BOLD | P_TITLE | P_BIG)) && !underline)
		return;
	strbuf_addstr(&d->body, "<w:rPr>");
	if (flags & P_TITLE)
		strbuf_addstr(&d->body, "<w:rFonts w:ascii=\"SimHei\" w:eastAsia=\"黑体\" "
					"w:hAnsi=\"SimHei\"/>");
	if (flags & (P_BOLD | P_TITLE))
		strbuf_addstr(&d->body, "<w:b/>");
	if (underline)
		strbuf_addstr(&d->body, "<w:u w:val=\"single\"/>");
	if (flags & P_TITLE)
		strbuf_addstr(&d->body, "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>");
	else if (flags & P_BIG)
		strbuf_addstr(&d->body, "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>");
	strbuf_addstr(&d->body, "</w:rPr>");
}

static void run_raw(struct doc *d, const char *s, size_t n, unsigned flags, int underline)
{
	if (!n)
		return;
	strbuf_addstr(&d->body, "<w:r>");
	rpr(d, flags, underline);
	strbuf_addstr(&d->body, "<w:t xml:space=\"preserve\">");
	xml_esc(&d->body, s, n);
	strbuf_addstr(&d->body, "</w:t></w:r>");
}

/* Length of the UTF-8 sequence starting at s. */
static size_t u8len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* Text as one run, or (split_runs) cut at character boundaries into several, as Word does after
 * edits. */
static void text_run(struct doc *d, const char *s, size_t n, unsigned flags, int underline)
{
	if (d->app && d->split_runs && n > 1 && rng_chance(&d->r, 30)) {
		size_t cut = 0, want = (size_t)rng_below(&d->r, n - 1) + 1;
		while (cut < want)
			cut += u8len(s + cut);
		if (cut >= n) {
			run_raw(d, s, n, flags, underline);
			return;
		}
		run_raw(d, s, cut, flags, underline);
		text_run(d, s + cut, n - cut, flags, underline);
		return;
	}
	run_raw(d, s, n, flags, underline);
}

static void sym(struct doc *d, const char *font, const char *ch)
{
	strbuf_addf(&d->body, "<w:r><w:sym w:font=\"%s\" w:char=\"%s\"/></w:r>", font, ch);
}

static void box(struct doc *d, int checked)
{
	static const char *const typed_marks[] = {"■", "☑", "☒", "√", "✓", "✔"};
	static const char *const wd_marked[] = {"F0FE", "F0FC", "F06E"};
	static const char *const wd_empty[] = {"F0A8", "F06F"};
	static const char *const wd2_marked[] = {"F052", "F053", "F054", "F050"};
	int style;

	if (!d->app) {
		run_raw(d, "□", strlen("□"), 0, 0);
		return;
	}
	style = d->box_style;
	/* People are not consistent: now and then a box is marked another way. */
	if (rng_chance(&d->r, 8))
		style = (int)rng_below(&d->r, BOX_STYLES);
	switch (style) {
	case BOX_TYPED:
		if (checked) {
			const char *m = RNG_PICK(&d->r, typed_marks);
			run_raw(d, m, strlen(m), 0, 0);
		} else {
			run_raw(d, rng_chance(&d->r, 80) ? "□" : "☐", 3, 0, 0);
		}
		break;
	case BOX_WINGDINGS:
		sym(d, "Wingdings",
		    checked ? RNG_PICK(&d->r, wd_marked) : RNG_PICK(&d->r, wd_empty));
		break;
	case BOX_WINGDINGS2:
		sym(d, "Wingdings 2", checked ? RNG_PICK(&d->r, wd2_marked) : "F0A3");
		break;
	default:
		strbuf_addf(&d->body,
			    "<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"%d\"/>"
			    "<w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/>"
			    "<w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/>"
			    "</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr>"
			    "<w:rFonts w:ascii=\"MS Gothic\" w:eastAsia=\"MS Gothic\" "
			    "w:hAnsi=\"MS Gothic\" w:hint=\"eastAsia\"/></w:rPr><w:t>%s</w:t></w:r>"
			    "</w:sdtContent></w:sdt>",
			    checked ? 1 : 0, checked ? "☒" : "☐");
	}
}

/* ---- value rendering ---- */

static int is_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static void chinese_numeral(struct strbuf *sb, long v)
{
	static const char *const dg[] = {"零", "一", "二", "三", "四",
					 "五", "六", "七", "八", "九"};

	if (v >= 10) {
		if (v / 10 > 1)
			strbuf_addstr(sb, dg[v / 10]);
		strbuf_addstr(sb, "十");
		if (v % 10)
			strbuf_addstr(sb, dg[v % 10]);
	} else {
		strbuf_addstr(sb, dg[v]);
	}
}

static void fullwidth(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			strbuf_add_utf8(sb, 0xFF10u + (unsigned)(*s - '0'));
		else if (*s == '.')
			strbuf_addstr(sb, "．");
		else if (*s == ',')
			strbuf_addstr(sb, "，");
		else
			strbuf_addch(sb, *s);
	}
}

static void thousands(struct strbuf *sb, const char *s)
{
	const char *dot = strchr(s, '.');
	size_t ip = dot ? (size_t)(dot - s) : strlen(s);

	for (size_t i = 0; i < ip; i++) {
		if (i && (ip - i) % 3 == 0)
			strbuf_addch(sb, ',');
		strbuf_addch(sb, s[i]);
	}
	if (dot)
		strbuf_addstr(sb, dot);
}

/* Format x (>0) with up to 4 decimals, no trailing zeros. */
static void add_decimal(struct strbuf *sb, double x)
{
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%.4f", x);
	char *e = tmp + strlen(tmp) - 1;
	while (*e == '0')
		*e-- = '\0';
	if (*e == '.')
		*e = '\0';
	strbuf_addstr(sb, tmp);
}

static void render_integer(struct doc *d, struct strbuf *out, const char *v)
{
	long n = atol(v);
	int s = d->num_style == NUM_PLAIN ? (int)rng_below(&d->r, 10) : (int)rng_below(&d->r, 6);

	if (!is_digits(v)) {
		strbuf_addstr(out, v);
		return;
	}
	switch (s) {
	case 0: /* thousands separators */
		if (n >= 1000) {
			thousands(out, v);
			return;
		}
		break;
	case 1: /* full-width digits */
		fullwidth(out, v);
		return;
	case 2: /* 万 */
		if (n >= 10000 && n % 1000 == 0) {
			add_decimal(out, (double)n / 10000.0);
			strbuf_addstr(out, "万");
			return;
		}
		break;
	case 3: /* small counts in words */
		if (n > 0 && n < 100) {
			chinese_numeral(out, n);
			return;
		}
		break;
	case 4: /* full-width with separators */
		if (n >= 1000) {
			struct strbuf t = STRBUF_INIT;
			thousands(&t, v);
			fullwidth(out, t.buf);
			strbuf_release(&t);
			return;
		}
		break;
	}
	strbuf_addstr(out, v);
}

static void render_amount(struct doc *d, struct strbuf *out, const char *v)
{
	double x = atof(v);
	int s = d->num_style == NUM_PLAIN ? (int)rng_below(&d->r, 10) : (int)rng_below(&d->r, 6);

	switch (s) {
	case 0:
		thousands(out, v);
		return;
	case 1: /* 亿元, when it reads naturally */
		if (x >= 1000 && (long)(x * 100) % 10000 == 0) {
			add_decimal(out, x / 10000.0);
			strbuf_addstr(out, "亿元");
			return;
		}
		break;
	case 2: /* in 元 */ {
		struct strbuf t = STRBUF_INIT;
		char tmp[64];
		snprintf(tmp, sizeof(tmp), "%.0f", x * 10000.0);
		thousands(&t, tmp);
		strbuf_add(out, t.buf, t.len);
		strbuf_addstr(out, "元");
		strbuf_release(&t);
		return;
	}
	case 3:
		strbuf_addstr(out, v);
		strbuf_addstr(out, "万元");
		return;
	case 4:
		fullwidth(out, v);
		return;
	}
	strbuf_addstr(out, v);
}

static void render_date(struct doc *d, struct strbuf *out, const char *v)
{
	int y, m, dd;
	if (sscanf(v, "%d-%d-%d", &y, &m, &dd) != 3) {
		strbuf_addstr(out, v);
		return;
	}
	switch (rng_below(&d->r, 5)) {
	case 0:
	case 1:
		strbuf_addf(out, "%d年%d月%d日", y, m, dd);
		break;
	case 2:
		strbuf_addf(out, "%d.%02d.%02d", y, m, dd);
		break;
	case 3:
		strbuf_addf(out, "%d/%d/%d", y, m, dd);
		break;
	default:
		strbuf_addstr(out, v);
	}
}

static void render_month_range(struct doc *d, struct strbuf *out, const char *v)
{
	int y1, m1, y2, m2;
	if (sscanf(v, "%d-%d/%d-%d", &y1, &m1, &y2, &m2) != 4) {
		strbuf_addstr(out, v);
		return;
	}
	switch (rng_below(&d->r, 4)) {
	case 0:
		strbuf_addf(out, "%d年%d月--%d年%d月", y1, m1, y2, m2);
		break;
	case 1:
		strbuf_addf(out, "%d.%02d-%d.%02d", y1, m1, y2, m2);
		break;
	case 2:
		strbuf_addf(out, "%d年%d月至%d年%d月", y1, m1, y2, m2);
		break;
	default:
		strbuf_addf(out, "%d年%02d月—%d年%02d月", y1, m1, y2, m2);
	}
}

/*
 * in_blank: the value goes into a "____" followed by the template's own unit
 * (个, 万元, %), so it must not bring a unit of its own other than 万.
 */
static void render_value(struct doc *d, struct strbuf *out, const struct field *f, const char *v,
			 int in_blank)
{
	const char *t = f ? f->type : "text";

	if (!strcmp(t, "integer") || !strcmp(t, "count_pair"))
		render_integer(d, out, v);
	else if (!strcmp(t, "amount") && in_blank) {
		if (rng_chance(&d->r, 30))
			thousands(out, v);
		else
			strbuf_addstr(out, v);
	} else if (!strcmp(t, "amount"))
		render_amount(d, out, v);
	else if (!strcmp(t, "percent") && in_blank)
		strbuf_addstr(out, v);
	else if (!strcmp(t, "date"))
		render_date(d, out, v);
	else if (!strcmp(t, "month_range"))
		render_month_range(d, out, v);
	else if (!strcmp(t, "percent")) {
		if (rng_chance(&d->r, 20) && strlen(v) <= 2 && is_digits(v))
			strbuf_addf(out, "0.%02d", atoi(v));
		else
			strbuf_addf(out, "%s%s", v, rng_chance(&d->r, 70) ? "%" : "");
	} else if (!strcmp(t, "mobile") && strlen(v) == 11 && rng_chance(&d->r, 25)) {
		strbuf_addf(out, "%.3s-%.4s-%.4s", v, v + 3, v + 7);
	} else if (!strcmp(t, "org_code") && strlen(v) == 9 && rng_chance(&d->r, 60)) {
		strbuf_addf(out, "%.8s-%c", v, v[8]);
	} else {
		strbuf_addstr(out, v);
	}
}

/* A stale value for a tracked deletion: what the author typed before correcting it. */
static void stale_value(struct doc *d, struct strbuf *out, const char *v)
{
	if (is_digits(v) && strlen(v) < 9) {
		long n = atol(v);
		strbuf_addf(out, "%ld",
			    n + rng_range(&d->r, 1, 50) * (rng_chance(&d->r, 50) ? 1 : -1) +
				(n < 60 ? 60 : 0));
	} else {
		strbuf_addstr(out, "待补充");
	}
}

static void value_runs(struct doc *d, const char *text, int underline)
{
	text_run(d, text, strlen(text), 0, underline);
}

static void blank(struct doc *d, char *key, int underscores)
{
	static const char us[] = "________";
	char *placeholder = strchr(key, '|');
	if (placeholder)
		*placeholder++ = '\0';
	const char *v = d->app && !d->empty_blanks ? app_get(d->app, key) : NULL;

	if (!v) {
		if (placeholder)
			run_raw(d, placeholder, strlen(placeholder), 0, 0);
		else if (underscores)
			run_raw(d, us, strlen(us), 0, 0);
		return;
	}
	const struct field *f = field_find(d->app->type, key);
	struct strbuf val = STRBUF_INIT;
	render_value(d, &val, f, v, underscores);

	int style = underscores ? (int)rng_below(&d->r, 4) : 3;
	if (style == 0)
		run_raw(d, "__", 2, 0, 0);
	if (d->tracked && rng_chance(&d->r, 12)) {
		struct strbuf old = STRBUF_INIT;
		stale_value(d, &old, v);
		strbuf_addf(&d->body,
			    "<w:del w:id=\"%d\" w:author=\"user\" w:date=\"2019-11-01T10:00:00Z\">"
			    "<w:r><w:delText xml:space=\"preserve\">",
			    ++d->track_id);
		xml_esc(&d->body, old.buf, old.len);
		strbuf_addf(&d->body,
			    "</w:delText></w:r></w:del><w:ins w:id=\"%d\" w:author=\"user\" "
			    "w:date=\"2019-11-01T10:00:00Z\">",
			    ++d->track_id);
		value_runs(d, val.buf, style == 1);
		strbuf_addstr(&d->body, "</w:ins>");
		strbuf_release(&old);
	} else {
		value_runs(d, val.buf, style == 1);
	}
	if (style == 0)
		run_raw(d, "__", 2, 0, 0);
	else if (style == 2)
		run_raw(d, "____", 4, 0, 0);
	strbuf_release(&val);
}

static int list_has(const char *list, const char *opt)
{
	size_t n = strlen(opt);
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && !memcmp(p, opt, n))
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

/* Runs of one paragraph's markup (no '\n'). */
static void inline_markup(struct doc *d, const char *s, size_t n, unsigned flags)
{
	const char *end = s + n, *lit = s;

	while (s < end) {
		if (*s == '{' || (*s == '[' && (s + 3 < end) &&
				  (!strncmp(s, "[yn:", 4) || !strncmp(s, "[o:", 3)))) {
			const char *close = memchr(s, *s == '{' ? '}' : ']', (size_t)(end - s));
			if (!close)
				BUG("unterminated markup: %.*s", (int)(end - s), s);
			text_run(d, lit, (size_t)(s - lit), flags, 0);
			char *tok = xstrndup(s + 1, (size_t)(close - s - 1));
			if (*s == '{') {
				if (tok[0] == '=')
					blank(d, tok + 1, 0);
				else
					blank(d, tok, 1);
			} else if (!strncmp(tok, "yn:", 3)) {
				const char *v = d->app ? app_get(d->app, tok + 3) : NULL;
				box(d, v && !strcmp(v, "是"));
				run_raw(d, "是 ", strlen("是 "), flags, 0);
				box(d, v && !strcmp(v, "否"));
				run_raw(d, "否", strlen("否"), flags, 0);
			} else {
				char *opt = strchr(tok + 2, ':');
				if (!opt)
					BUG("bad option markup %s", tok);
				*opt++ = '\0';
				const char *v = d->app ? app_get(d->app, tok + 2) : NULL;
				box(d, v && list_has(v, opt));
			}
			free(tok);
			s = lit = close + 1;
		} else {
			s++;
		}
	}
	text_run(d, lit, (size_t)(end - lit), flags, 0);
}

/*
 * The answer to a line with blanks as people write it elsewhere (habit b):
 * from the first blank to the end of the line (or to a bracketed note), each
 * blank replaced by its value; a "__类，__个" pair as "30类/1200个" or
 * "三十类，1200个" now and then.  0 when a value is absent.
 */
static int answer_text(struct doc *d, const char *s, size_t n, struct strbuf *out)
{
	const char *end = s + n, *p = memchr(s, '{', n);
	int blanks = 0, slash = rng_chance(&d->r, 40);

	if (!p)
		return 0;
	for (const char *q = p; q < end; q++) {
		if (!strncmp(q, "（", 3) || *q == '(' || !strncmp(q, "【", 3)) {
			end = q;
			break;
		}
	}
	while (p < end) {
		if (*p == '{') {
			const char *close = memchr(p, '}', (size_t)(end - p));
			if (!close || p[1] == '=')
				return 0;
			char *key = xstrndup(p + 1, (size_t)(close - p - 1));
			char *bar = strchr(key, '|');
			if (bar)
				*bar = '\0';
			const char *v = app_get(d->app, key);
			if (!v) {
				free(key);
				return 0;
			}
			size_t klen = strlen(key);
			if (klen > 6 && !strcmp(key + klen - 6, "_kinds") && atol(v) > 0 &&
			    atol(v) < 100 && is_digits(v) && rng_chance(&d->r, 30))
				chinese_numeral(out, atol(v));
			else
				render_value(d, out, field_find(d->app->type, key), v, 1);
			free(key);
			blanks++;
			p = close + 1;
		} else if (blanks == 1 && slash && !strncmp(p, "类，", strlen("类，"))) {
			strbuf_addstr(out, "类/");
			p += strlen("类，");
			if (!strncmp(p, "合计", strlen("合计")))
				p += strlen("合计");
		} else {
			strbuf_addch(out, *p++);
		}
	}
	/* the printed line's trailing spaces are not part of the answer */
	while (out->len && out->buf[out->len - 1] == ' ')
		strbuf_setlen(out, out->len - 1);
	return blanks > 0;
}

/* Does the line hold a {key} blank (not a {=key} cell or {#key} prose)? */
static int has_blank(const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == '{' && s[i + 1] != '=' && s[i + 1] != '#')
			return 1;
	return 0;
}

/* Two blanks, the first a "___类" count: "{x_kinds}类…{x}个". */
static int is_pair_line(const char *s, size_t n)
{
	const char *p = memchr(s, '{', n), *end = s + n;
	int blanks = 0;
	if (!p)
		return 0;
	const char *close = memchr(p, '}', (size_t)(end - p));
	if (!close || close - p < 7 || strncmp(close - 6, "_kinds", 6))
		return 0;
	for (const char *q = s; q < end; q++)
		blanks += *q == '{';
	return blanks == 2;
}

static void ppr(struct doc *d, unsigned flags)
{
	if (!(flags & (P_CENTER | P_RIGHT | P_TITLE)))
		return;
	strbuf_addstr(&d->body, "<w:pPr>");
	if (flags & P_TITLE)
		strbuf_addstr(&d->body, "<w:spacing w:before=\"240\" w:after=\"240\"/>");
	if (flags & (P_CENTER | P_TITLE))
		strbuf_addstr(&d->body, "<w:jc w:val=\"center\"/>");
	else if (flags & P_RIGHT)
		strbuf_addstr(&d->body, "<w:jc w:val=\"right\"/>");
	strbuf_addstr(&d->body, "</w:pPr>");
}

static void one_para(struct doc *d, const char *s, size_t n, unsigned flags)
{
	int mode = d->app && d->answer_zone && has_blank(s, n) ? d->app->answer_mode : ANS_BLANKS;
	struct strbuf ans = STRBUF_INIT;

	if ((mode == ANS_PAIR && !is_pair_line(s, n)) || mode == ANS_BESIDE)
		mode = ANS_BLANKS;
	if (mode != ANS_BLANKS && !answer_text(d, s, n, &ans))
		mode = ANS_BLANKS;
	strbuf_addstr(&d->body, "<w:p>");
	ppr(d, flags);
	if (flags & P_PAGEBREAK)
		strbuf_addstr(&d->body, "<w:r><w:br w:type=\"page\"/></w:r>");
	if (mode == ANS_PAIR) {
		/* the pair answered in one place, typed over both blanks */
		const char *first = memchr(s, '{', n);
		inline_markup(d, s, (size_t)(first - s), flags);
		text_run(d, ans.buf, ans.len, 0, rng_chance(&d->r, 50));
	} else if (mode == ANS_NEXT_PARA) {
		/* the printed line left as it is, the answer alone in the next paragraph */
		d->empty_blanks = 1;
		inline_markup(d, s, n, flags);
		d->empty_blanks = 0;
		strbuf_addstr(&d->body, "</w:p><w:p>");
		text_run(d, ans.buf, ans.len, 0, 0);
	} else {
		inline_markup(d, s, n, flags);
	}
	strbuf_addstr(&d->body, "</w:p>");
	strbuf_release(&ans);
}

/* Paragraphs of markup separated by '\n'; a "{#key}" line expands to the prose's paragraphs. */
static void paras(struct doc *d, const char *markup, unsigned flags)
{
	const char *p = markup;
	int first = 1;

	do {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		unsigned fl = first ? flags : (flags & ~P_PAGEBREAK);
		if (n > 3 && !strncmp(p, "{#", 2) && p[n - 1] == '}') {
			char *key = xstrndup(p + 2, n - 3);
			const char *v = d->app ? app_get(d->app, key) : NULL;
			if (!v) {
				one_para(d, "", 0, fl);
			} else {
				for (const char *q = v; q;) {
					const char *qe = strchr(q, '\n');
					size_t qn = qe ? (size_t)(qe - q) : strlen(q);
					strbuf_addstr(&d->body,
						      "<w:p><w:pPr><w:ind w:firstLine=\"420\"/>"
						      "</w:pPr>");
					text_run(d, q, qn, 0, 0);
					strbuf_addstr(&d->body, "</w:p>");
					q = qe ? qe + 1 : NULL;
				}
			}
			free(key);
		} else {
			one_para(d, p, n, fl);
		}
		first = 0;
		p = e ? e + 1 : NULL;
	} while (p);
}

void doc_para(struct doc *d, const char *markup, unsigned flags)
{
	paras(d, markup, flags);
}

void doc_tbl_begin(struct doc *d, int ncols, const int *twips)
{
	int total = 0;
	for (int i = 0; i < ncols; i++)
		total += twips[i];
	strbuf_addf(
	    &d->body,
	    "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
	    "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	    "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	    "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	    "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	    "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	    "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	    "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>",
	    total);
	for (int i = 0; i < ncols; i++)
		strbuf_addf(&d->body, "<w:gridCol w:w=\"%d\"/>", twips[i]);
	strbuf_addstr(&d->body, "</w:tblGrid>");
	d->ncols = ncols;
	memcpy(d->cols, twips, sizeof(int) * (size_t)ncols);
	d->col = 0;
}

void doc_tbl_end(struct doc *d)
{
	/* A paragraph after a table keeps two tables from merging. */
	strbuf_addstr(&d->body, "</w:tbl><w:p/>");
}

void doc_tr_begin(struct doc *d)
{
	strbuf_addstr(&d->body, "<w:tr>");
	d->col = 0;
}

void doc_tr_end(struct doc *d)
{
	strbuf_addstr(&d->body, "</w:tr>");
}

void doc_tc(struct doc *d, int span, int vmerge, const char *markup, unsigned flags)
{
	int w = 0;
	for (int i = 0; i < span && d->col + i < d->ncols; i++)
		w += d->cols[d->col + i];
	d->col += span;
	strbuf_addf(&d->body, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", w);
	if (span > 1)
		strbuf_addf(&d->body, "<w:gridSpan w:val=\"%d\"/>", span);
	if (vmerge == 1)
		strbuf_addstr(&d->body, "<w:vMerge w:val=\"restart\"/>");
	else if (vmerge == 2)
		strbuf_addstr(&d->body, "<w:vMerge/>");
	strbuf_addstr(&d->body, "<w:vAlign w:val=\"center\"/></w:tcPr>");
	if (vmerge == 2 || !markup)
		strbuf_addstr(&d->body, "<w:p/>");
	else
		paras(d, markup, flags);
	strbuf_addstr(&d->body, "</w:tc>");
}

void doc_rows_beside(struct doc *d, const char *markup)
{
	for (const char *p = markup; p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		struct strbuf ans = STRBUF_INIT;
		if (n) {
			int answered = d->app && has_blank(p, n) && answer_text(d, p, n, &ans);
			char *line = xstrndup(p, n);
			doc_tr_begin(d);
			/* the printed line keeps its blanks; its boxes are marked as usual */
			d->empty_blanks = answered;
			doc_tc(d, 1, 0, line, p == markup ? P_BOLD : 0);
			d->empty_blanks = 0;
			doc_tc(d, 1, 0, "", 0);
			if (answered) {
				/* the empty cell's paragraph becomes the answer */
				static const char empty[] = "<w:p></w:p></w:tc>";
				if (d->body.len < strlen(empty) ||
				    strcmp(d->body.buf + d->body.len - strlen(empty), empty))
					BUG("an empty cell does not end in %s", empty);
				strbuf_setlen(&d->body, d->body.len - strlen(empty));
				strbuf_addstr(&d->body, "<w:p>");
				text_run(d, ans.buf, ans.len, 0, 0);
				strbuf_addstr(&d->body, "</w:p></w:tc>");
			}
			doc_tr_end(d);
			free(line);
		}
		strbuf_release(&ans);
		p = e ? e + 1 : NULL;
	}
}

/* ---- packaging ---- */

static la_ssize_t mem_write(struct archive *a, void *data, const void *buf, size_t n)
{
	strbuf_add(data, buf, n);
	return (la_ssize_t)n;
}

struct archive *memzip_open(struct strbuf *out)
{
	struct archive *a = archive_write_new();

	archive_write_set_format_zip(a);
	/* No padding of the last block: a zip written to memory must end at its last byte. */
	archive_write_set_bytes_in_last_block(a, 1);
	if (archive_write_open2(a, out, NULL, mem_write, NULL, NULL) != ARCHIVE_OK)
		BUG("cannot open a zip in memory: %s", archive_error_string(a));
	return a;
}

void archive_add_bytes(struct archive *a, const char *path, const void *data, size_t len)
{
	struct archive_entry *e = archive_entry_new();

	archive_entry_set_pathname_utf8(e, path);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)len);
	archive_entry_set_mtime(e, GEN_MTIME, 0);
	if (archive_write_header(a, e) != ARCHIVE_OK)
		BUG("archive header %s: %s", path, archive_error_string(a));
	if (len && archive_write_data(a, data, len) < 0)
		BUG("archive data %s: %s", path, archive_error_string(a));
	archive_entry_free(e);
}

void memzip_close(struct archive *a)
{
	if (archive_write_close(a) != ARCHIVE_OK)
		BUG("zip close: %s", archive_error_string(a));
	archive_write_free(a);
}

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

static const char root_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
    "</Relationships>";

static const char doc_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

static const char styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"宋体\" w:hAnsi=\"Times New Roman\" "
    "w:cs=\"Times New Roman\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>"
    "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"300\" w:lineRule=\"auto\"/>"
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "<w:qFormat/></w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
    "<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/>"
    "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
    "</w:styles>";

void docx_package(const struct doc *d, struct strbuf *out, const char *title)
{
	struct strbuf x = STRBUF_INIT;
	struct archive *a = memzip_open(out);

	archive_add_bytes(a, "[Content_Types].xml", content_types, strlen(content_types));
	archive_add_bytes(a, "_rels/.rels", root_rels, strlen(root_rels));
	strbuf_addstr(&x,
		      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		      "<w:document "
		      "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
		      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
		      "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" "
		      "mc:Ignorable=\"w14\"><w:body>");
	strbuf_add(&x, d->body.buf, d->body.len);
	strbuf_addstr(&x,
		      "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
		      "<w:pgMar w:top=\"1440\" w:right=\"1247\" w:bottom=\"1440\" w:left=\"1247\" "
		      "w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr>"
		      "</w:body></w:document>");
	archive_add_bytes(a, "word/document.xml", x.buf, x.len);
	archive_add_bytes(a, "word/_rels/document.xml.rels", doc_rels, strlen(doc_rels));
	archive_add_bytes(a, "word/styles.xml", styles, strlen(styles));
	strbuf_reset(&x);
	strbuf_addstr(
	    &x, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		"<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/"
		"2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
		"xmlns:dcterms=\"http://purl.org/dc/terms/\" "
		"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
	xml_esc(&x, title, strlen(title));
	strbuf_addstr(&x, "</dc:title><dc:creator>Administrator</dc:creator>"
			  "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2019-10-14T08:00:00Z"
			  "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">"
			  "2019-11-18T09:30:00Z</dcterms:modified></cp:coreProperties>");
	archive_add_bytes(a, "docProps/core.xml", x.buf, x.len);
	strbuf_reset(&x);
	strbuf_addstr(&x,
		      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		      "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
		      "extended-properties\"><Application>Microsoft Office Word</Application>"
		      "</Properties>");
	archive_add_bytes(a, "docProps/app.xml", x.buf, x.len);
	memzip_close(a);
	strbuf_release(&x);
}
