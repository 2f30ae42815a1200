/*
 * extract.c - see extract.h for where values are looked for, and why.
 */
#include "normalize/extract.h"

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

/* Split "12类，5000个" / "12类 合计5000台" into its two halves. */
static void split_pair(const char *rest, char **kinds, char **count)
{
	const char *lei = strstr(rest, "类");
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	if (!lei) {
		strbuf_addstr(&b, rest);
	} else {
		strbuf_add(&a, rest, (size_t)(lei - rest));
		lei += strlen("类");
		while (*lei == ' ' || *lei == ',' || !strncmp(lei, "，", 3) ||
		       !strncmp(lei, "、", 3) || !strncmp(lei, "\u3000", 3))
			lei += *lei == ' ' || *lei == ',' ? 1 : 3;
		if (!strncmp(lei, "合计", strlen("合计")))
			lei += strlen("合计");
		strbuf_addstr(&b, lei);
	}
	/* The unit the form prints after the count ("___个", "合计___台"). */
	strbuf_trim(&b);
	if (b.len >= 3 && (!strcmp(b.buf + b.len - 3, "个") || !strcmp(b.buf + b.len - 3, "台")))
		strbuf_setlen(&b, b.len - 3);
	strbuf_trim(&a);
	strbuf_trim(&b);
	*kinds = detach_or_null(&a);
	*count = detach_or_null(&b);
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

void extract_fields(const struct extractor *x, const struct form_doc *doc, char **raw)
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
		if (x->has_blank[i]) {
			strbuf_add(&v, doc->segs[h.seg].text + h.vstart, h.vend - h.vstart);
			trim_value(&v);
			cut_suffix(x->suffix[i], &v);
			raw[i] = detach_or_null(&v);
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
			split_pair(v.buf, &raw[i], &raw[i + 1]);
			strbuf_release(&v);
			header[i + 1] = -1;
			i++;
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

/* ---- set-up ---- */

/* Learn from the blank form: its lines, and the unit after each inline blank. */
static void learn_template(struct extractor *x, const struct form_doc *tmpl)
{
	struct strbuf key = STRBUF_INIT;
	char **raw;

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
	extract_fields(x, tmpl, raw);
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
	extract_fields(x, tmpl, raw);
	for (size_t i = 0; i < x->cat->n; i++) {
		if (raw[i] && *raw[i]) {
			line_key(raw[i], strlen(raw[i]), &key);
			x->blank[i] = strbuf_detach(&key, NULL);
		}
		free(raw[i]);
	}
	free(raw);
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
	pcre2_code_free(x->heading);
	pcre2_match_data_free(x->md);
	strset_free(&x->template_lines);
	free(x);
}
