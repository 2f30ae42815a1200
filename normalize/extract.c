/*
 * extract.c - see extract.h for where values are looked for, and why.
 */
#include "normalize/extract.h"
#include "normalize/value.h"

#include "common/docx.h"
#include "common/regex.h"
#include "common/strbuf.h"
#include "common/utf8.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* ---- the document as blocks ---- */

/*
 * One of 64 bits for the three-byte character at s (utf8_plain3): the
 * labels' Chinese characters are looked up in a block's set of these
 * before any memmem or pattern match.
 */
static uint64_t cjk_bit(const char *s)
{
	uint32_t cp = utf8_plain3_cp(s);

	return (uint64_t)1 << ((cp * 2654435761u) >> 26);
}

/*
 * Check that the block is valid UTF-8 and collect the bits of its
 * three-byte characters, in one pass.  Every lead byte is visited
 * (continuation bytes are never leads), so every place a label character
 * (U+4E00..U+9FFF, all utf8_plain3) could be found has its bit set, valid
 * text or not.
 */
static void scan_seg(struct form_seg *s)
{
	const unsigned char *u = (const unsigned char *)s->text;
	size_t i = 0, len = s->len;

	s->utf8_ok = 1;
	s->cjk = 0;
	while (i < len) {
		unsigned cp;
		size_t n;

		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if (utf8_plain3(s->text + i, len - i)) {
			s->cjk |= cjk_bit(s->text + i);
			i += 3;
			continue;
		}
		n = utf8_decode(s->text + i, len - i, &cp);
		if (!n) {
			s->utf8_ok = 0;
			n = 1;
		}
		i += n;
	}
}

static void add_seg(struct form_doc *doc, const char *text, size_t len, int table, int row, int col)
{
	struct form_seg *s;

	ALLOC_GROW(doc->segs, doc->n + 1, doc->alloc);
	s = &doc->segs[doc->n++];
	s->text = xstrndup(text, len);
	s->len = strlen(s->text);
	scan_seg(s);
	s->table = table;
	s->row = row;
	s->col = col;
}

static int on_block(const struct docx_block *b, void *ctx)
{
	struct form_doc *doc = ctx;

	/* Body paragraphs and whole cells; a cell's paragraphs come again in its CELL. */
	if (b->kind == DOCX_PARA && b->depth == 0)
		add_seg(doc, b->text, b->len, -1, -1, -1);
	else if (b->kind == DOCX_CELL)
		add_seg(doc, b->text, b->len, b->table, b->row, b->grid_col);
	return 0;
}

int form_doc_read_docx(const char *path, struct form_doc *doc, struct strbuf *err)
{
	memset(doc, 0, sizeof(*doc));
	if (docx_read_file(path, NULL, on_block, doc, err)) {
		form_doc_release(doc);
		return -1;
	}
	return 0;
}

void form_doc_from_text(const char *text, struct form_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
	while (*text) {
		size_t n = strcspn(text, "\n");

		add_seg(doc, text, n, -1, -1, -1);
		text += n;
		if (*text)
			text++;
	}
}

void form_doc_release(struct form_doc *doc)
{
	for (size_t i = 0; i < doc->n; i++)
		free(doc->segs[i].text);
	free(doc->segs);
	memset(doc, 0, sizeof(*doc));
}

/* ---- a set of template lines ---- */

struct strset {
	char **slots;
	size_t cap, n;
};

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/*
 * The comparable form of a line: no white space at all.  Every line of
 * every value candidate passes here, so the text between blanks is copied
 * in runs.
 */
static void line_key(const char *s, size_t len, struct strbuf *out)
{
	size_t i = 0, run = 0;

	strbuf_reset(out);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t skip = 0;

		if (c > ' ' && c != 0xE3) {
			i++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r')
			skip = 1;
		else if (c == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
			 (unsigned char)s[i + 2] == 0x80)
			skip = 3; /* U+3000 */
		if (!skip) {
			i++;
			continue;
		}
		strbuf_add(out, s + run, i - run);
		i += skip;
		run = i;
	}
	strbuf_add(out, s + run, len - run);
}

static int strset_has(const struct strset *set, const char *s)
{
	if (!set->cap)
		return 0;
	for (size_t i = hash_str(s) & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
		if (!set->slots[i])
			return 0;
		if (!strcmp(set->slots[i], s))
			return 1;
	}
}

static void strset_add(struct strset *set, const char *s)
{
	if (!*s || strset_has(set, s))
		return;
	if ((set->n + 1) * 2 > set->cap) {
		struct strset bigger = {NULL, set->cap ? set->cap * 2 : 256, 0};

		bigger.slots = xcalloc(bigger.cap, sizeof(char *));
		for (size_t i = 0; i < set->cap; i++)
			if (set->slots[i])
				strset_add(&bigger, set->slots[i]);
		for (size_t i = 0; i < set->cap; i++)
			free(set->slots[i]);
		free(set->slots);
		*set = bigger;
	}
	for (size_t i = hash_str(s) & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
		if (!set->slots[i]) {
			set->slots[i] = xstrdup(s);
			set->n++;
			return;
		}
	}
}

static void strset_free(struct strset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slots[i]);
	free(set->slots);
}

/* ---- labels as patterns ---- */

struct extractor {
	const struct catalog *cat;
	pcre2_code **label; /* per field */
	pcre2_code **loose; /* per field: the label without its end condition, or NULL */
	char **needle;	    /* per field: the Chinese characters every match holds, in order */
	size_t *needle_len; /* per field: bytes of needle (3 per character) */
	int *starts_needle; /* per field: every match starts with needle's first character */
	uint64_t *cjk;	    /* per field: the cjk_bit of each character of needle */
	int *repeat;	    /* per field: how many earlier fields have the same label */
	int *has_blank;	    /* per field: the label holds a ____ blank */
	char **suffix;	    /* per field: what follows the blank in the template, or NULL */
	char **blank;	    /* per field: what the blank form holds there ("20_ _年"), or NULL */
	int *open;	    /* per field: the blank form holds nothing there (an open cell) */
	struct strset template_lines;
	pcre2_code *heading; /* a body paragraph that opens a new section */
	pcre2_match_data *md;
};

/* Append the pattern for one literal character of a label. */
static void add_label_char(struct strbuf *p, const char *c, size_t n)
{
	static const struct {
		const char *ch, *re;
	} alike[] = {
	    {"（", "[（(]"}, {"(", "[（(]"}, {"）", "[）)]"}, {")", "[）)]"},
	    {"：", "[：:]"}, {":", "[：:]"}, {"，", "[，,]"}, {",", "[，,]"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(alike); i++)
		if (strlen(alike[i].ch) == n && !memcmp(c, alike[i].ch, n)) {
			strbuf_addstr(p, alike[i].re);
			return;
		}
	if (n == 1 && strchr("\\^$.[]|()?*+{}-/#", *c))
		strbuf_addch(p, '\\');
	strbuf_add(p, c, n);
}

/* Length of a run of blank underscores at s (two or more '_'), else 0. */
static size_t blank_len(const char *s)
{
	size_t n = 0;

	while (s[n] == '_')
		n++;
	return n >= 2 ? n : 0;
}

/*
 * The pattern of a label: its characters with optional white space between
 * (labels are split over lines: "统一社会信用\n代码"), look-alike punctuation
 * either width, and each ____ blank a capture.  A label without a blank
 * must stand as a label: followed by a colon, a bracket, a box or the end
 * of its line ("日期" must not match inside "31 日期间").
 */
static void label_pattern(const char *label, struct strbuf *p, int *has_blank, int strict)
{
	const char *s = label;
	int first = 1;

	*has_blank = 0;
	strbuf_addstr(p, "(?m)");
	while (*s) {
		size_t n = blank_len(s);

		if (n) {
			s += n;
			*has_blank = 1;
			if (first)
				strbuf_addstr(p, "(?<![^\\s，,；;。：:☑☐□、（(])");
			/* A blank before more label text stops at separators; a final one runs to
			 * the line's end. */
			/* Separators end it, except a thousands separator between digits ("1,000").
			 */
			strbuf_addstr(
			    p, *s ? "\\s*((?:[^\\n，,；;。：:☑☐]|(?<=\\d)[,，](?=\\d))*?)\\s*"
				  : "\\s*([^\\n]*)");
			first = 0;
			continue;
		}
		if (*s == ' ') {
			s++;
			continue;
		}
		n = 1;
		if ((unsigned char)*s >= 0xC0)
			while ((s[n] & 0xC0) == 0x80)
				n++;
		if (!first)
			strbuf_addstr(p, "\\s*");
		add_label_char(p, s, n);
		first = 0;
		s += n;
	}
	if (!*has_blank && strict)
		strbuf_addstr(p, "(?=[ \\t\\x{3000}]*(?:[：:（(☑☐□]|$))");
}

/*
 * The Chinese characters of the label, in order: every match holds each of
 * them as written (ASCII letters may differ in width or case, brackets and
 * colons in width, blanks in length), so a text that lacks one of them in
 * this order cannot match.  *starts is set when the label begins with the
 * first of them, so that a match can only start where that character stands.
 */
static char *label_needle(const char *label, size_t *len, int *starts)
{
	struct strbuf needle = STRBUF_INIT;
	int first = 1;

	*starts = 0;
	for (const char *s = label; *s;) {
		size_t n = 1;
		unsigned cp;

		if (*s == ' ') {
			s++;
			continue;
		}
		if ((unsigned char)*s >= 0xC0)
			while ((s[n] & 0xC0) == 0x80)
				n++;
		if (n == 3 && utf8_decode(s, n, &cp) && cp >= 0x4E00 && cp <= 0x9FFF) {
			if (first)
				*starts = 1;
			strbuf_add(&needle, s, n);
		}
		first = 0;
		s += n;
	}
	*len = needle.len;
	return strbuf_detach(&needle, NULL);
}

static pcre2_code *compile(const char *pattern, struct strbuf *err, const char *what)
{
	return regex_compile(pattern, 0, err, what);
}

/* ---- searching ---- */

struct hit {
	size_t seg;
	size_t start, end;   /* of the label match in the segment's text */
	size_t vstart, vend; /* the blank's capture, when the label has one */
};

/*
 * The first c[0..2] in [p, end), or NULL.  memchr for the last byte, which
 * takes 64 values in Chinese text and none in ASCII, then a look back:
 * glibc's memmem spends more setting up than searching these short blocks.
 */
static const char *find3(const char *p, const char *end, const char *c)
{
	while (end - p >= 3) {
		const char *q = memchr(p + 2, c[2], (size_t)(end - p - 2));

		if (!q)
			return NULL;
		if (q[-2] == c[0] && q[-1] == c[1])
			return q - 2;
		p = q - 1;
	}
	return NULL;
}

/*
 * Where the label's characters stand in order in text[from..len): the
 * offset of the first, or -1 when one of them is missing.  Three-byte
 * lead bytes never occur inside another character, so a hit is a
 * character.
 */
static long needle_at(const char *text, size_t len, size_t from, const char *needle, size_t nlen)
{
	const char *p = text + from, *end = text + len, *first = NULL;

	for (size_t k = 0; k < nlen; k += 3) {
		p = find3(p, end, needle + k);
		if (!p)
			return -1;
		if (!first)
			first = p;
		p += 3;
	}
	return first ? first - text : (long)from;
}

static int match_re(const struct extractor *x, pcre2_code *re, size_t field,
		    const struct form_doc *doc, size_t seg, size_t from, struct hit *h)
{
	const struct form_seg *s = &doc->segs[seg];
	PCRE2_SIZE *ov;
	long at;
	int rc;

	if (from > s->len)
		return 0;
	/*
	 * Most labels stand in none of a form's blocks: a test of the block's
	 * character bits, then memmem, are far cheaper than a match.
	 */
	if ((s->cjk & x->cjk[field]) != x->cjk[field])
		return 0;
	at = needle_at(s->text, s->len, from, x->needle[field], x->needle_len[field]);
	if (at < 0)
		return 0;
	/*
	 * In valid text, start where the first character is when every match
	 * begins with it, and skip PCRE2's UTF-8 check of the whole block on
	 * every call.  Invalid text keeps the plain call: PCRE2 decides.
	 */
	if (s->utf8_ok)
		rc = regex_match(re, s->text, s->len, x->starts_needle[field] ? (size_t)at : from,
				 PCRE2_NO_UTF_CHECK, x->md);
	else
		rc = regex_match(re, s->text, s->len, from, 0, x->md);
	if (rc <= 0)
		return 0;
	ov = pcre2_get_ovector_pointer(x->md);
	h->seg = seg;
	h->start = ov[0];
	h->end = ov[1];
	if (rc >= 2 && ov[2] != PCRE2_UNSET) {
		h->vstart = ov[2];
		h->vend = ov[3];
	} else {
		h->vstart = h->vend = ov[1];
	}
	return 1;
}

static int match_at(const struct extractor *x, size_t field, const struct form_doc *doc, size_t seg,
		    size_t from, struct hit *h)
{
	return match_re(x, x->label[field], field, doc, seg, from, h);
}

static int find_with(const struct extractor *x, pcre2_code *re, size_t field,
		     const struct form_doc *doc, size_t seg, size_t off, struct hit *h)
{
	for (size_t i = seg; i < doc->n; i++)
		if (match_re(x, re, field, doc, i, i == seg ? off : 0, h))
			return 1;
	for (size_t i = 0; i <= seg && i < doc->n; i++)
		if (match_re(x, re, field, doc, i, 0, h))
			return 1;
	return 0;
}

/*
 * Search from (seg, off) to the end, then from the start back to seg; a
 * label that never stands as a label ("同行业" directly followed by the
 * value typed over its blank) is looked for again without the end condition.
 */
static int find_label(const struct extractor *x, size_t field, const struct form_doc *doc,
		      size_t seg, size_t off, struct hit *h)
{
	if (find_with(x, x->label[field], field, doc, seg, off, h))
		return 1;
	return x->loose[field] && find_with(x, x->loose[field], field, doc, seg, off, h);
}

/* The segment of cell (table, row, col), or -1. */
static long cell_at(const struct form_doc *doc, size_t near, int table, int row, int col)
{
	/* Cells of one table are contiguous; search outward from where we are. */
	for (size_t i = near; i < doc->n; i++) {
		const struct form_seg *s = &doc->segs[i];

		if (s->table == table && s->row == row && s->col == col)
			return (long)i;
		if (s->table == table && s->row > row)
			break;
	}
	for (size_t i = near; i-- > 0;) {
		const struct form_seg *s = &doc->segs[i];

		if (s->table == table && s->row == row && s->col == col)
			return (long)i;
		if (s->table == table && s->row < row)
			break;
	}
	return -1;
}

/* The next cell to the right in the same row, or -1. */
static long right_of(const struct form_doc *doc, size_t seg)
{
	const struct form_seg *s = &doc->segs[seg];

	if (s->table < 0 || seg + 1 >= doc->n)
		return -1;
	if (doc->segs[seg + 1].table == s->table && doc->segs[seg + 1].row == s->row)
		return (long)seg + 1;
	return -1;
}

static int is_template_line(const struct extractor *x, const char *s, size_t len,
			    struct strbuf *key)
{
	line_key(s, len, key);
	return strset_has(&x->template_lines, key->buf);
}

/* Append text minus template lines and blank lines; '\n' between kept lines. */
static void add_value_lines(const struct extractor *x, const char *text, size_t len,
			    struct strbuf *out)
{
	struct strbuf key = STRBUF_INIT;
	size_t i = 0;

	while (i < len) {
		size_t n = 0;

		while (i + n < len && text[i + n] != '\n')
			n++;
		line_key(text + i, n, &key);
		if (key.len && !strset_has(&x->template_lines, key.buf)) {
			if (out->len)
				strbuf_addch(out, '\n');
			strbuf_add(out, text + i, n);
		}
		i += n + 1;
	}
	strbuf_release(&key);
}

/* 1 when s is only an instruction in brackets, such as "（必填）". */
static int only_instruction(const char *s)
{
	size_t len = strlen(s);

	return len >= 6 && !strncmp(s, "（", 3) && !strcmp(s + len - 3, "）") &&
	       !strstr(s + 3, "（");
}

static void trim_value(struct strbuf *v)
{
	static const char *const tails[] = {"，", "；", "。", "、", ",", ";"};
	int again = 1;

	strbuf_trim(v);
	while (again) {
		again = 0;
		for (size_t i = 0; i < ARRAY_SIZE(tails); i++) {
			size_t n = strlen(tails[i]);

			if (v->len >= n && !strcmp(v->buf + v->len - n, tails[i])) {
				strbuf_setlen(v, v->len - n);
				strbuf_trim(v);
				again = 1;
			}
		}
	}
	/* A colon left over between label and value. */
	for (size_t n; (n = !strncmp(v->buf, "：", 3) ? 3 : v->buf[0] == ':' ? 1 : 0);) {
		memmove(v->buf, v->buf + n, v->len - n);
		strbuf_setlen(v, v->len - n);
		strbuf_trim(v);
	}
}

/* Cut the template's unit after an inline value ("50单个请求/ms" -> "50"). */
static void cut_suffix(const char *suffix, struct strbuf *v)
{
	size_t n;

	if (!suffix || !*suffix)
		return;
	n = strlen(suffix);
	if (v->len > n && !strcmp(v->buf + v->len - n, suffix)) {
		strbuf_setlen(v, v->len - n);
		strbuf_trim(v);
	}
}

/* The rest of the label's line, up to where the next field's label starts on it. */
static void rest_of_line(const struct extractor *x, const struct form_doc *doc, size_t field,
			 const struct hit *h, struct strbuf *out)
{
	const struct form_seg *s = &doc->segs[h->seg];
	size_t end = h->end;
	struct hit next;

	while (end < s->len && s->text[end] != '\n')
		end++;
	if (field + 1 < x->cat->n && match_at(x, field + 1, doc, h->seg, h->end, &next) &&
	    next.start < end)
		end = next.start;
	strbuf_add(out, s->text + h->end, end - h->end);
	trim_value(out);
}

/* 1 when a body paragraph opens a section: "（三）…" or "四、…". */
static int is_heading(const struct extractor *x, const struct form_seg *s)
{
	return s->table < 0 && regex_match(x->heading, s->text, s->len, 0,
					   s->utf8_ok ? PCRE2_NO_UTF_CHECK : 0, x->md) > 0;
}

/* Boxes listed in the next cell and in the cells below it while the label column is empty. */
static void boxes_beside(const struct extractor *x, const struct form_doc *doc, size_t label_seg,
			 long first, struct strbuf *out)
{
	const struct form_seg *l = &doc->segs[label_seg];
	const struct form_seg *v = &doc->segs[first];

	add_value_lines(x, v->text, v->len, out);
	for (int row = l->row + 1;; row++) {
		long lc = cell_at(doc, label_seg, l->table, row, l->col);
		long vc = cell_at(doc, label_seg, l->table, row, v->col);

		if (lc < 0 || vc < 0 || doc->segs[lc].len)
			break;
		strbuf_addch(out, '\n');
		add_value_lines(x, doc->segs[vc].text, doc->segs[vc].len, out);
	}
}

/* Where a value sits away from its label: the rest of the cell, the next cell, the next blocks. */
static long value_away(const struct extractor *x, const struct form_doc *doc, size_t field,
		       const struct hit *h, struct strbuf *out)
{
	const struct field_def *f = &x->cat->fields[field];
	const struct form_seg *s = &doc->segs[h->seg];
	size_t eol = h->end;
	long next;

	while (eol < s->len && s->text[eol] != '\n')
		eol++;
	/* The rest of the same cell or paragraph, minus template lines. */
	if (eol < s->len)
		add_value_lines(x, s->text + eol + 1, s->len - eol - 1, out);
	if (out->len)
		return (long)h->seg;
	next = right_of(doc, h->seg);
	if (next >= 0) {
		if (f->type == FT_ONE_OF || f->type == FT_MANY_OF)
			boxes_beside(x, doc, h->seg, next, out);
		else
			add_value_lines(x, doc->segs[next].text, doc->segs[next].len, out);
		return next;
	}
	if (s->table >= 0)
		return -1;
	/* A heading paragraph: the blocks that follow, up to the next heading. */
	for (size_t i = h->seg + 1; i < doc->n && !is_heading(x, &doc->segs[i]); i++) {
		size_t before = out->len;

		add_value_lines(x, doc->segs[i].text, doc->segs[i].len, out);
		if (out->len > before && before)
			out->buf[before] = '\n';
	}
	return out->len ? (long)h->seg + 1 : -1;
}

static char *detach_or_null(struct strbuf *sb)
{
	if (!sb->len) {
		strbuf_release(sb);
		return xstrdup("");
	}
	return strbuf_detach(sb, NULL);
}

/* ---- answers beside the blanks ---- */

/* The unit words of a count pair's halves: 类/种 end the kinds, the others the count. */
static const char *const kind_units[] = {"类", "种"};
static const char *const count_units[] = {"个", "台", "套", "次", "家", "项", "款", "件",
					  "条", "名", "人", "户", "位", "只", "部", "座"};
/* Between answers: "3类，合计2000台", "30类/1200个", "30类 1200个"; longest first. */
static const char *const pair_seps[] = {"合计",	  "共计", "总计", "共", "，", "、", "；", "／",
					"\u3000", ",",	  ";",	  "/",	" ",  "\t", "\n", "\r"};

/* Bytes of the decimal digit at s (ASCII or full width), else 0. */
static size_t digit_at(const char *s)
{
	if (*s >= '0' && *s <= '9')
		return 1;
	if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
	    (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99)
		return 3;
	return 0;
}

/* 1 when the comma at s[i] separates thousands: a digit before, three digits and no fourth after.
 */
static int thousands_at(const char *s, size_t i, size_t k)
{
	const char *p = s + i + k;

	if (!(i >= 1 && s[i - 1] >= '0' && s[i - 1] <= '9') &&
	    !(i >= 3 && digit_at(s + i - 3) == 3))
		return 0;
	for (int d = 0; d < 3; d++) {
		size_t n = digit_at(p);

		if (!n)
			return 0;
		p += n;
	}
	return !digit_at(p);
}

/* Length of a separator at s[i], or 0. */
static size_t pair_sep_at(const char *s, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	/* Most characters are digits or Chinese numerals: out by their first byte. */
	if (c < 0x80) {
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '/')
			return 1;
		return c == ',' && !thousands_at(s, i, 1) ? 1 : 0;
	}
	if (c != 0xE3 && c != 0xE5 && c != 0xE6 && c != 0xEF)
		return 0;
	for (size_t k = 0; k < ARRAY_SIZE(pair_seps); k++) {
		size_t n = strlen(pair_seps[k]);

		if ((unsigned char)pair_seps[k][0] == c && !strncmp(s + i, pair_seps[k], n)) {
			if (!strcmp(pair_seps[k], "，") && thousands_at(s, i, n))
				return 0;
			return n;
		}
	}
	return 0;
}

/* Length of a unit word at s, *kind 1 for the kinds half, 2 for the count; else 0. */
static size_t pair_unit_at(const char *s, int *kind)
{
	unsigned char c = (unsigned char)s[0];

	if (c < 0xE4 || c > 0xE9)
		return 0;
	/*
	 * strncmp, not memcmp: a lead byte can end the text (a cut UTF-8
	 * sequence), and strncmp stops at its NUL where memcmp read past the
	 * buffer (fuzz_extract, tests/fuzz/corpus/extract/cut-unit).
	 */
	for (size_t k = 0; k < ARRAY_SIZE(kind_units); k++)
		if (!strncmp(s, kind_units[k], 3)) {
			*kind = 1;
			return 3;
		}
	for (size_t k = 0; k < ARRAY_SIZE(count_units); k++)
		if ((unsigned char)count_units[k][0] == c && !strncmp(s, count_units[k], 3)) {
			*kind = 2;
			return 3;
		}
	return 0;
}

/* One answer of a line: text[start, end) and the unit word after it (0 none, 1 类, 2 个 台 ...). */
struct piece {
	size_t start, end;
	int kind;
};

#define MAX_PIECES 8

/*
 * Cut text into answers at separators and after unit words: "3类，合计2000台"
 * gives "3" (类) and "2000" (台); "__3__类 ______个" gives "__3__" and
 * "______"; "3 类" one piece "3" (类).  At most MAX_PIECES.
 */
static size_t cut_pieces(const char *s, struct piece *p)
{
	size_t i = 0, n = 0;

	while (s[i] && n < MAX_PIECES) {
		size_t k, start;
		int kind = 0;

		while ((k = pair_sep_at(s, i)))
			i += k;
		if (!s[i])
			break;
		start = i;
		while (s[i] && !pair_sep_at(s, i) && !pair_unit_at(s + i, &kind)) {
			i++;
			while (((unsigned char)s[i] & 0xC0) == 0x80)
				i++;
		}
		p[n].start = start;
		p[n].end = i;
		p[n].kind = 0;
		if ((k = pair_unit_at(s + i, &kind))) {
			p[n].kind = kind;
			i += k;
		}
		/* A unit standing alone after a blank ("3 类") belongs to the number before it. */
		if (p[n].end == p[n].start && n && !p[n - 1].kind) {
			p[n - 1].kind = p[n].kind;
			continue;
		}
		n++;
	}
	return n;
}

/* 1 when text holds an answer: something besides blanks, underscores and a placeholder. */
static int is_filled(const char *s, size_t len)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	int ok;
	size_t i;

	/* A digit is an answer; only texts without one need the placeholder test. */
	for (i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	for (i = 0; i < len && (s[i] == '_' || s[i] == ' ' || s[i] == '\t' || s[i] == '\n'); i++)
		;
	if (i == len)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] != '_')
			strbuf_addch(&a, s[i]);
	value_clean(a.buf, &b);
	ok = b.len && !value_is_placeholder(b.buf);
	strbuf_release(&a);
	strbuf_release(&b);
	return ok;
}

/* A field's candidates: the first text found, and a second filled one that differs. */
struct placed {
	struct strbuf first, second;
	int first_filled;
};

static void placed_add(struct placed *pl, const char *s, size_t len)
{
	int filled = is_filled(s, len);

	if (!pl->first_filled && (filled || !pl->first.len)) {
		strbuf_reset(&pl->first);
		strbuf_add(&pl->first, s, len);
		strbuf_trim(&pl->first);
		pl->first_filled = filled;
		if (!pl->first.len)
			strbuf_addstr(&pl->first, "");
		return;
	}
	if (filled && pl->first_filled && !pl->second.len &&
	    (pl->first.len != len || memcmp(pl->first.buf, s, len))) {
		strbuf_add(&pl->second, s, len);
		strbuf_trim(&pl->second);
	}
}

/* The pieces of text into the two halves of a pair, by their unit words, else in order. */
static void pair_add(const char *s, struct placed *kinds, struct placed *count)
{
	struct piece p[MAX_PIECES];
	size_t n = cut_pieces(s, p);
	int has_kind_unit = 0;

	for (size_t i = 0; i < n; i++)
		has_kind_unit |= p[i].kind == 1;
	for (size_t i = 0; i < n; i++) {
		struct placed *to = p[i].kind == 1 ? kinds : count;

		/* No 类 written: the first bare number is the kinds, as the form prints them. */
		if (!p[i].kind && !has_kind_unit && i == 0 && n > 1)
			to = kinds;
		placed_add(to, s + p[i].start, p[i].end - p[i].start);
	}
}

static char *placed_take(struct placed *pl, char **second)
{
	if (second)
		*second = pl->second.len ? strbuf_detach(&pl->second, NULL) : NULL;
	strbuf_release(&pl->second);
	return strbuf_detach(&pl->first, NULL);
}

/* 1 when text reads as nothing but a value of the field's type (an answer on its own line). */
static int answer_only(const struct field_def *f, const char *text)
{
	struct value_result r;
	union {
		long long n;
		int64_t yuan;
		double pct;
		struct value_date d;
		struct value_month_range m;
	} u;

	switch (f->type) {
	case FT_COUNT_PAIR: {
		struct piece p[MAX_PIECES];
		size_t n = cut_pieces(text, p);
		struct strbuf one = STRBUF_INIT;
		int ok = n > 0 && n <= 2;

		for (size_t i = 0; i < n && ok; i++) {
			strbuf_reset(&one);
			strbuf_add(&one, text + p[i].start, p[i].end - p[i].start);
			ok = value_count(one.buf, NULL, &r, &u.n) == VALUE_OK;
		}
		strbuf_release(&one);
		return ok;
	}
	case FT_INTEGER:
		return value_count(text, NULL, &r, &u.n) == VALUE_OK;
	case FT_AMOUNT:
		return value_amount(text, AMOUNT_WAN, &r, &u.yuan) == VALUE_OK;
	case FT_PERCENT:
		return value_percent(text, PERCENT_BARE_GUESS, &r, &u.pct) == VALUE_OK;
	case FT_DATE:
		return value_date(text, &r, &u.d) == VALUE_OK;
	case FT_MONTH_RANGE:
		return value_period(text, &r, &u.m) == VALUE_OK;
	default:
		return 0;
	}
}

/* [*start, *end) of the line of seg's text that holds offset at. */
static void line_around(const struct form_seg *s, size_t at, size_t *start, size_t *end)
{
	size_t a = at, b = at;

	while (a > 0 && s->text[a - 1] != '\n')
		a--;
	while (b < s->len && s->text[b] != '\n')
		b++;
	*start = a;
	*end = b;
}

/* Rank of the line holding offset at among the cell's non-blank lines, and their number. */
static void line_rank(const struct form_seg *s, size_t at, size_t *rank, size_t *lines)
{
	size_t i = 0;

	*rank = 0;
	*lines = 0;
	while (i <= s->len) {
		size_t e = i;
		int blank = 1;

		while (e < s->len && s->text[e] != '\n') {
			if (s->text[e] != ' ' && s->text[e] != '\t' && s->text[e] != '\r')
				blank = 0;
			e++;
		}
		if (!blank) {
			if (at >= i && at <= e)
				*rank = *lines;
			(*lines)++;
		}
		i = e + 1;
	}
}

/*
 * The answer in the next cell of the row, for a blank field whose label
 * stands in the cell h->seg: the whole cell when the label's cell holds
 * one line, else the line of the same rank when both cells hold as many.
 * A cell that prints its own blanks or boxes, or holds the next field's
 * label, is no answer cell.
 */
static void answer_right(const struct extractor *x, const struct form_doc *doc, size_t field,
			 const struct hit *h, struct strbuf *out)
{
	long r = right_of(doc, h->seg);
	struct strbuf lines = STRBUF_INIT;
	const struct form_seg *rs;
	size_t rank, n, m = 1;
	struct hit nh;

	if (r < 0)
		return;
	rs = &doc->segs[r];
	if (!rs->len || strstr(rs->text, "__") || strstr(rs->text, DOCX_MARK_ON_UTF8) ||
	    strstr(rs->text, DOCX_MARK_OFF_UTF8))
		return;
	for (size_t k = field + 1; k < x->cat->n && k <= field + 2; k++)
		if (strcmp(x->cat->fields[k].label, x->cat->fields[field].label) &&
		    match_at(x, k, doc, (size_t)r, 0, &nh))
			return;
	add_value_lines(x, rs->text, rs->len, &lines);
	for (size_t i = 0; i < lines.len; i++)
		m += lines.buf[i] == '\n';
	line_rank(&doc->segs[h->seg], h->start, &rank, &n);
	if (!lines.len) {
		/* nothing */
	} else if (n <= 1) {
		strbuf_addstr(out, lines.buf);
	} else if (m == n) {
		const char *p = lines.buf;

		for (size_t i = 0; i < rank; i++)
			p = strchr(p, '\n') + 1;
		strbuf_add(out, p, strcspn(p, "\n"));
	}
	strbuf_release(&lines);
}

/*
 * The answer on the line after the label's (in the same cell or
 * paragraph), or in the next body paragraph when the label's line ends
 * its paragraph: only when it reads as a value of the field's type.
 */
static void answer_below(const struct extractor *x, const struct form_doc *doc, size_t field,
			 const struct hit *h, struct strbuf *out)
{
	const struct form_seg *s = &doc->segs[h->seg];
	struct strbuf key = STRBUF_INIT, cand = STRBUF_INIT;
	size_t a, e;

	line_around(s, h->end > h->start ? h->end - 1 : h->start, &a, &e);
	if (e < s->len) {
		const char *p = s->text + e + 1;

		strbuf_add(&cand, p, strcspn(p, "\n"));
	} else if (s->table < 0 && h->seg + 1 < doc->n && doc->segs[h->seg + 1].table < 0) {
		strbuf_addstr(&cand, doc->segs[h->seg + 1].text);
	}
	strbuf_trim(&cand);
	if (cand.len && !strchr(cand.buf, '\n') && !is_template_line(x, cand.buf, cand.len, &key) &&
	    answer_only(&x->cat->fields[field], cand.buf))
		strbuf_addstr(out, cand.buf);
	strbuf_release(&key);
	strbuf_release(&cand);
}

/*
 * What a blank field's label is answered with away from its blanks: the
 * next cell of the row (always looked at: a second answer there is
 * compared), else, when the blanks are empty, the next line.
 */
static void answer_beside(const struct extractor *x, const struct form_doc *doc, size_t field,
			  const struct hit *h, int own_filled, struct strbuf *out)
{
	if (doc->segs[h->seg].table >= 0)
		answer_right(x, doc, field, h, out);
	if (!out->len && !own_filled)
		answer_below(x, doc, field, h, out);
}

/*
 * Where several blank fields stand on one line ("兼容__类协议，__类网络")
 * and one answer beside holds as many pieces, the piece of this field.
 */
static void piece_of_line(const struct extractor *x, const struct form_doc *doc, size_t field,
			  const struct hit *h, struct strbuf *ans)
{
	const struct form_seg *s = &doc->segs[h->seg];
	struct piece p[MAX_PIECES];
	size_t a, e, n = 0, rank = 0, np;
	struct hit o;

	line_around(s, h->start, &a, &e);
	for (size_t k = field >= 4 ? field - 4 : 0; k < x->cat->n && k <= field + 4; k++) {
		if (!x->has_blank[k])
			continue;
		if (k == field) {
			rank = n++;
			continue;
		}
		if (match_at(x, k, doc, h->seg, a, &o) && o.start < e) {
			if (o.start < h->start)
				rank++;
			n++;
		}
	}
	if (n < 2)
		return;
	np = cut_pieces(ans->buf, p);
	if (np == n) {
		struct strbuf one = STRBUF_INIT;

		strbuf_add(&one, ans->buf + p[rank].start, p[rank].end - p[rank].start);
		strbuf_reset(ans);
		strbuf_addstr(ans, one.buf);
		strbuf_release(&one);
	}
}

/*
 * The printed unit after a blank when the answer is typed beside it:
 * "______个 2800" -> "2800", "2800______个" -> "2800".
 */
static void drop_printed_unit(const char *suffix, struct strbuf *v)
{
	size_t n = suffix ? strlen(suffix) : 0;

	if (!n)
		return;
	for (size_t i = 0; i < v->len;) {
		size_t b = blank_len(v->buf + i), e;

		if (!b) {
			i++;
			continue;
		}
		e = i + b;
		while (v->buf[e] == ' ')
			e++;
		if (!strncmp(v->buf + e, suffix, n) && e + n < v->len &&
		    is_filled(v->buf + e + n, v->len - e - n)) {
			memmove(v->buf + i, v->buf + e + n, v->len - e - n + 1);
			strbuf_setlen(v, v->len - (e + n - i));
			strbuf_trim(v);
			continue;
		}
		if (!strncmp(v->buf + e, suffix, n) && e + n == v->len && i > 0 &&
		    is_filled(v->buf, i)) {
			strbuf_setlen(v, i);
			strbuf_trim(v);
			break;
		}
		i = e;
	}
}

/* Is the segment's whole text (trimmed) the label of field i? */
static int whole_cell_is_label(const struct extractor *x, const struct form_doc *doc, long seg,
			       size_t field)
{
	struct hit h;
	const struct form_seg *s;

	if (seg < 0 || field >= x->cat->n)
		return 0;
	s = &doc->segs[seg];
	if (!match_at(x, field, doc, (size_t)seg, 0, &h))
		return 0;
	for (size_t i = 0; i < h.start; i++)
		if (s->text[i] != ' ' && s->text[i] != '\n')
			return 0;
	return h.end >= s->len || s->text[h.end] == '\n' || s->text[h.end] == ' ';
}

/* How many earlier fields have the same label: once per catalogue, it is n² strcmp. */
static int label_repeat(const struct catalog *cat, size_t field)
{
	int k = 0;

	for (size_t i = 0; i < field; i++)
		if (!strcmp(cat->fields[i].label, cat->fields[field].label))
			k++;
	return k;
}

/*
 * A blank field's own text (own, consumed) against what stands beside it:
 * raw[field] the own text when filled, else the answer beside; beside[field]
 * (when asked for) the answer beside when both are filled and differ.
 */
static void place_single(const struct extractor *x, const struct form_doc *doc, size_t field,
			 const struct hit *h, struct strbuf *own, char **raw, char **beside)
{
	struct placed pl = {STRBUF_INIT, STRBUF_INIT, 0};
	struct strbuf b = STRBUF_INIT;

	answer_beside(x, doc, field, h, is_filled(own->buf, own->len), &b);
	if (b.len && x->has_blank[field])
		piece_of_line(x, doc, field, h, &b);
	trim_value(&b);
	cut_suffix(x->suffix[field], &b);
	placed_add(&pl, own->buf, own->len);
	if (b.len)
		placed_add(&pl, b.buf, b.len);
	raw[field] = placed_take(&pl, beside ? &beside[field] : NULL);
	strbuf_release(own);
	strbuf_release(&b);
}

/* The same for a count pair: each half by its unit word, in its own place and beside. */
static void place_pair(const struct extractor *x, const struct form_doc *doc, size_t field,
		       const struct hit *h, const char *own, int learning, char **raw,
		       char **beside)
{
	struct placed kinds = {STRBUF_INIT, STRBUF_INIT, 0}, count = {STRBUF_INIT, STRBUF_INIT, 0};
	struct strbuf b = STRBUF_INIT;

	pair_add(own, &kinds, &count);
	if (!learning) {
		answer_beside(x, doc, field, h, kinds.first_filled || count.first_filled, &b);
		trim_value(&b);
		if (b.len)
			pair_add(b.buf, &kinds, &count);
	}
	raw[field] = placed_take(&kinds, beside ? &beside[field] : NULL);
	raw[field + 1] = placed_take(&count, beside ? &beside[field + 1] : NULL);
	strbuf_release(&b);
}

/* 1 when the blank form prints anything where the value of the label at h goes. */
static int printed_near(const struct form_doc *doc, const struct hit *h)
{
	const struct form_seg *s = &doc->segs[h->seg];
	long r;

	for (size_t i = h->end; i < s->len; i++)
		if (s->text[i] != ' ' && s->text[i] != '\n' && s->text[i] != '\t')
			return 1;
	r = right_of(doc, h->seg);
	if (r >= 0) {
		for (size_t i = 0; i < doc->segs[r].len; i++)
			if (doc->segs[r].text[i] != ' ' && doc->segs[r].text[i] != '\n')
				return 1;
		return 0;
	}
	/* A label alone in a body paragraph or a cell: what follows is instructions or nothing. */
	return s->table < 0;
}

/*
 * The search itself.  beside: see extract_fields_beside (NULL: not asked).
 * learning: the blank form is read, no answers beside are looked for;
 * printed (learning only, may be NULL): set for each field whose value's
 * place holds printed text in the blank form.
 */
static void extract_all(const struct extractor *x, const struct form_doc *doc, char **raw,
			char **beside, int learning, int *printed)
{
	const struct catalog *cat = x->cat;
	size_t cur_seg = 0, cur_off = 0;
	long prev_value = -1;
	/* Column headers seen so far: label field index -> header segment. */
	long *header = xcalloc(cat->n, sizeof(long));
	struct strbuf key = STRBUF_INIT;

	for (size_t i = 0; i < cat->n; i++) {
		const struct field_def *f = &cat->fields[i];
		struct strbuf v = STRBUF_INIT;
		struct hit h;
		int k = x->repeat[i];

		header[i] = -1;
		raw[i] = NULL;
		if (beside)
			beside[i] = NULL;
		/* A column-headed table: the k-th value below the header. */
		if (k) {
			long hd = -1;

			for (size_t j = 0; j < i; j++)
				if (header[j] >= 0 && !strcmp(cat->fields[j].label, f->label))
					hd = header[j];
			if (hd >= 0) {
				const struct form_seg *s = &doc->segs[hd];
				long c = cell_at(doc, (size_t)hd, s->table, s->row + k + 1, s->col);

				header[i] = hd;
				if (c >= 0)
					add_value_lines(x, doc->segs[c].text, doc->segs[c].len, &v);
				raw[i] = detach_or_null(&v);
				continue;
			}
			/* The same label again right after: the next cell to the right. */
			if (!strcmp(cat->fields[i - 1].label, f->label) && prev_value >= 0 &&
			    f->type != FT_COUNT_PAIR) {
				long c = right_of(doc, (size_t)prev_value);

				if (c >= 0) {
					add_value_lines(x, doc->segs[c].text, doc->segs[c].len, &v);
					prev_value = c;
				}
				raw[i] = detach_or_null(&v);
				continue;
			}
		}
		if (!find_label(x, i, doc, cur_seg, cur_off, &h)) {
			prev_value = -1;
			continue;
		}
		cur_seg = h.seg;
		cur_off = h.end;
		prev_value = (long)h.seg;
		if (printed)
			printed[i] =
			    x->has_blank[i] || f->type == FT_COUNT_PAIR || printed_near(doc, &h);
		if (x->has_blank[i]) {
			strbuf_add(&v, doc->segs[h.seg].text + h.vstart, h.vend - h.vstart);
			trim_value(&v);
			cut_suffix(x->suffix[i], &v);
			if (learning) {
				raw[i] = detach_or_null(&v);
			} else {
				drop_printed_unit(x->suffix[i], &v);
				place_single(x, doc, i, &h, &v, raw, beside);
			}
			continue;
		}
		if (doc->segs[h.seg].table >= 0 &&
		    (whole_cell_is_label(x, doc, right_of(doc, h.seg), i + 1) ||
		     (i > 0 && h.seg > 0 && doc->segs[h.seg - 1].row == doc->segs[h.seg].row &&
		      whole_cell_is_label(x, doc, (long)h.seg - 1, i - 1) && header[i - 1] >= 0))) {
			/* A column header: the value stands in the next row. */
			const struct form_seg *s = &doc->segs[h.seg];
			long c = cell_at(doc, h.seg, s->table, s->row + 1, s->col);

			header[i] = (long)h.seg;
			if (c >= 0)
				add_value_lines(x, doc->segs[c].text, doc->segs[c].len, &v);
			raw[i] = detach_or_null(&v);
			continue;
		}
		rest_of_line(x, doc, i, &h, &v);
		cut_suffix(x->suffix[i], &v);
		if (v.len && only_instruction(v.buf))
			strbuf_reset(&v);
		if (v.len && is_template_line(x, v.buf, v.len, &key))
			strbuf_reset(&v);
		if (!v.len) {
			long at = value_away(x, doc, i, &h, &v);

			if (at >= 0)
				prev_value = at;
			if (f->type != FT_TEXT)
				trim_value(&v);
		}
		if (f->type == FT_COUNT_PAIR && i + 1 < cat->n &&
		    !strcmp(cat->fields[i + 1].label, f->label)) {
			if (beside)
				beside[i + 1] = NULL;
			if (printed)
				printed[i + 1] = 1;
			place_pair(x, doc, i, &h, v.buf, learning, raw, beside);
			strbuf_release(&v);
			header[i + 1] = -1;
			i++;
			continue;
		}
		/* A line with the form's blanks: the answer may stand beside them. */
		if (!learning && f->type != FT_TEXT &&
		    ((x->blank[i] && strstr(x->blank[i], "__")) || memmem(v.buf, v.len, "__", 2))) {
			drop_printed_unit(x->suffix[i], &v);
			place_single(x, doc, i, &h, &v, raw, beside);
			continue;
		}
		raw[i] = detach_or_null(&v);
	}
	/* The blank form's own text left where a value belongs ("20_ _年--20_ _年") is no value. */
	for (size_t i = 0; i < cat->n; i++) {
		struct strbuf a = STRBUF_INIT;

		if (!raw[i] || !x->blank[i])
			continue;
		line_key(raw[i], strlen(raw[i]), &a);
		if (!strcmp(a.buf, x->blank[i]))
			raw[i][0] = '\0';
		strbuf_release(&a);
	}
	free(header);
	strbuf_release(&key);
}

void extract_fields(const struct extractor *x, const struct form_doc *doc, char **raw)
{
	extract_all(x, doc, raw, NULL, 0, NULL);
}

void extract_fields_beside(const struct extractor *x, const struct form_doc *doc, char **raw,
			   char **beside)
{
	extract_all(x, doc, raw, beside, 0, NULL);
}

int extractor_open(const struct extractor *x, size_t field)
{
	return x->open[field];
}

/* ---- set-up ---- */

/* Learn from the blank form: its lines, and the unit after each inline blank. */
static void learn_template(struct extractor *x, const struct form_doc *tmpl)
{
	struct strbuf key = STRBUF_INIT;
	char **raw;
	int *printed;

	for (size_t i = 0; i < tmpl->n; i++) {
		const char *t = tmpl->segs[i].text;

		while (*t) {
			size_t n = strcspn(t, "\n");

			line_key(t, n, &key);
			strset_add(&x->template_lines, key.buf);
			t += n;
			if (*t)
				t++;
		}
	}
	/* Units: the template's value text is "____单位"; keep what follows the blank. */
	raw = xcalloc(x->cat->n, sizeof(char *));
	printed = xcalloc(x->cat->n, sizeof(int));
	extract_all(x, tmpl, raw, NULL, 1, NULL);
	for (size_t i = 0; i < x->cat->n; i++) {
		const char *r = raw[i];
		const char *last = NULL;

		for (const char *p = r; p && *p; p++)
			if (blank_len(p)) {
				last = p;
				p += blank_len(p) - 1;
			}
		if (last && r && blank_len(r) && last == r) {
			last += blank_len(last);
			while (*last == ' ')
				last++;
			if (*last && !strstr(last, "_"))
				x->suffix[i] = xstrdup(last);
		}
		free(raw[i]);
	}
	/* Again, units now cut as in a filled form: what stands where each value belongs. */
	extract_all(x, tmpl, raw, NULL, 1, printed);
	for (size_t i = 0; i < x->cat->n; i++) {
		/* Nothing printed where the value goes: the form sets no format there. */
		x->open[i] = raw[i] && !printed[i];
		if (raw[i] && *raw[i]) {
			line_key(raw[i], strlen(raw[i]), &key);
			x->blank[i] = strbuf_detach(&key, NULL);
		}
		free(raw[i]);
	}
	free(raw);
	free(printed);
	strbuf_release(&key);
}

struct extractor *extractor_new(const struct catalog *cat, const struct form_doc *tmpl,
				struct strbuf *err)
{
	struct extractor *x = xcalloc(1, sizeof(*x));
	struct strbuf p = STRBUF_INIT, what = STRBUF_INIT;

	x->cat = cat;
	x->label = xcalloc(cat->n, sizeof(*x->label));
	x->loose = xcalloc(cat->n, sizeof(*x->loose));
	x->needle = xcalloc(cat->n, sizeof(*x->needle));
	x->needle_len = xcalloc(cat->n, sizeof(*x->needle_len));
	x->starts_needle = xcalloc(cat->n, sizeof(*x->starts_needle));
	x->cjk = xcalloc(cat->n, sizeof(*x->cjk));
	x->repeat = xcalloc(cat->n, sizeof(*x->repeat));
	x->has_blank = xcalloc(cat->n, sizeof(*x->has_blank));
	x->suffix = xcalloc(cat->n, sizeof(*x->suffix));
	x->blank = xcalloc(cat->n, sizeof(*x->blank));
	x->open = xcalloc(cat->n, sizeof(*x->open));
	x->md = pcre2_match_data_create(8, NULL);
	x->heading = compile("^\\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)",
			     err, "heading");
	for (size_t i = 0; i < cat->n; i++) {
		strbuf_reset(&p);
		strbuf_reset(&what);
		x->needle[i] =
		    label_needle(cat->fields[i].label, &x->needle_len[i], &x->starts_needle[i]);
		for (size_t k = 0; k < x->needle_len[i]; k += 3)
			x->cjk[i] |= cjk_bit(x->needle[i] + k);
		x->repeat[i] = label_repeat(cat, i);
		label_pattern(cat->fields[i].label, &p, &x->has_blank[i], 1);
		strbuf_addf(&what, "%s:%d: label '%s'", cat->path, cat->fields[i].line,
			    cat->fields[i].label);
		x->label[i] = compile(p.buf, err, what.buf);
		if (x->label[i] && !x->has_blank[i]) {
			strbuf_reset(&p);
			label_pattern(cat->fields[i].label, &p, &x->has_blank[i], 0);
			x->loose[i] = compile(p.buf, err, what.buf);
		}
		if (!x->label[i] || (!x->has_blank[i] && !x->loose[i])) {
			strbuf_release(&p);
			strbuf_release(&what);
			extractor_free(x);
			return NULL;
		}
	}
	strbuf_release(&p);
	strbuf_release(&what);
	if (tmpl)
		learn_template(x, tmpl);
	return x;
}

const char *extractor_suffix(const struct extractor *x, size_t field)
{
	return x->suffix[field];
}

void extractor_free(struct extractor *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->cat->n; i++) {
		pcre2_code_free(x->label[i]);
		pcre2_code_free(x->loose[i]);
		free(x->suffix[i]);
		free(x->blank[i]);
		free(x->needle[i]);
	}
	free(x->label);
	free(x->loose);
	free(x->needle);
	free(x->needle_len);
	free(x->starts_needle);
	free(x->cjk);
	free(x->repeat);
	free(x->has_blank);
	free(x->suffix);
	free(x->blank);
	free(x->open);
	pcre2_code_free(x->heading);
	pcre2_match_data_free(x->md);
	strset_free(&x->template_lines);
	free(x);
}
