#include "xmlscan.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * The subset is kept small on purpose: every construct accepted here is one
 * whose expat events are obvious, and every doubt is a refusal, which only
 * costs the expat parse the part would have had anyway.  The differential
 * unit test and fuzz target (tests/unit/test_xmlscan.c,
 * tests/fuzz/fuzz_xmlscan.c) hold it to expat.
 */

#define XML_NS_URI   "http://www.w3.org/XML/1998/namespace"
#define XMLNS_NS_URI "http://www.w3.org/2000/xmlns/"

struct xmlscan_name {
	const char *s;
	size_t len;
	size_t colon; /* offset of the colon, 0 when none (a name never starts with one) */
	const char *val;
	size_t vlen;
};

struct xmlscan_elem {
	const char *name;
	size_t len;
	size_t mark; /* nprefixes before the element's own declarations */
};

/* Classes of a byte in character data or an attribute value; 0 is "just copy". */
enum { K_OK, K_LT, K_AMP, K_GT, K_QUOTE, K_CR, K_WS, K_HI, K_BAD };
/* Name bytes: start of a name (or of a local part), inside a name. */
enum { N_START = 1, N_CHAR = 2, N_COLON = 4 };

static unsigned char text_cls[256], val_cls[256], name_cls[256];

static void init_tables(void)
{
	for (int c = 0; c < 256; c++) {
		unsigned char k = K_OK;

		if (c < 0x20)
			k = K_BAD; /* NUL (also the sentinel) and the controls XML forbids */
		else if (c >= 0x80)
			k = K_HI;
		text_cls[c] = val_cls[c] = k;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
			name_cls[c] = N_START | N_CHAR;
		else if ((c >= '0' && c <= '9') || c == '.' || c == '-')
			name_cls[c] = N_CHAR;
	}
	name_cls[':'] = N_COLON;
	text_cls['\t'] = text_cls['\n'] = K_OK;
	text_cls['\r'] = K_CR;
	text_cls['<'] = K_LT;
	text_cls['&'] = K_AMP;
	text_cls['>'] = K_GT; /* "]]>" is not allowed in content */
	val_cls['\t'] = val_cls['\n'] = val_cls['\r'] = K_WS;
	val_cls['<'] = K_LT;
	val_cls['&'] = K_AMP;
	val_cls['"'] = val_cls['\''] = K_QUOTE;
}

void xmlscan_init(struct xmlscan *sc)
{
	memset(sc, 0, sizeof(*sc));
	if (!name_cls['a'])
		init_tables();
}

void xmlscan_release(struct xmlscan *sc)
{
	free(sc->elems);
	free(sc->prefixes);
	free(sc->atts);
	free((void *)sc->ev_atts);
	memset(sc, 0, sizeof(*sc));
}

static inline int is_s(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* p starts with the literal s; stops at the first difference, so the NUL sentinel is never passed.
 */
static int lit(const unsigned char *p, const char *s)
{
	while (*s)
		if (*p++ != (unsigned char)*s++)
			return 0;
	return 1;
}

/*
 * Length of the UTF-8 character at p that expat would take in character
 * data, 0 when it would not (malformed, overlong, a surrogate, U+FFFE or
 * U+FFFF, beyond U+10FFFF).  A continuation byte is tested before the next
 * is read, so the sentinel stops it.
 */
static inline size_t utf8_len(const unsigned char *p)
{
	unsigned c = p[0];

	/* Chinese first: E1-EC and EE-EF lead bytes with no exception to look at. */
	if (c >= 0xE1 && c <= 0xEE && c != 0xED && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
		return 3;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0)
		return (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c < 0xF0) {
		if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F) ||
		    (c == 0xEF && p[1] == 0xBF && p[2] > 0xBD))
			return 0;
		return 3;
	}
	if (c < 0xF5) {
		if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
			return 0;
		return 4;
	}
	return 0;
}

static int is_xml_char(unsigned long v)
{
	return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) ||
	       (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF);
}

static int hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * A character reference "&#...;" at p (p[0] == '&', p[1] == '#'): its code
 * point, or -1 when expat would refuse it or it has more than 8 digits.
 * *next is set past the ';'.
 */
static long char_ref(const unsigned char *p, const unsigned char **next)
{
	unsigned long v = 0;
	int digits = 0, d;

	p += 2;
	if (*p == 'x') {
		for (p++; (d = hex_digit(*p)) >= 0; p++, digits++)
			v = v * 16 + (unsigned long)d;
	} else {
		for (; *p >= '0' && *p <= '9'; p++, digits++)
			v = v * 10 + (unsigned long)(*p - '0');
	}
	if (!digits || digits > 8 || *p != ';' || !is_xml_char(v))
		return -1;
	*next = p + 1;
	return (long)v;
}

/* The reference at p ('&'): past it, or NULL when it is not one of ours. */
static const unsigned char *check_ref(const unsigned char *p)
{
	const unsigned char *next = NULL;

	if (p[1] == '#')
		return char_ref(p, &next) < 0 ? NULL : next;
	if (lit(p + 1, "amp;") || lit(p + 1, "quot;") || lit(p + 1, "apos;"))
		return p + (p[2] == 'm' ? 5 : 6);
	if (lit(p + 1, "lt;") || lit(p + 1, "gt;"))
		return p + 4;
	return NULL;
}

/* Character data from p: the '<' that ends it, or NULL when not in the subset. */
static const unsigned char *check_text(struct xmlscan *sc, const unsigned char *p)
{
	const unsigned char *start = p;
	size_t n;

	for (;;) {
		while (!text_cls[*p])
			p++;
		switch (text_cls[*p]) {
		case K_LT:
			return p;
		case K_AMP:
			if (!(p = check_ref(p)))
				return NULL;
			sc->decode = 1;
			break;
		case K_CR:
			sc->decode = 1;
			p++;
			break;
		case K_GT:
			if (p - start >= 2 && p[-1] == ']' && p[-2] == ']')
				return NULL;
			p++;
			break;
		case K_HI:
			/* Chinese text: runs of 3-byte characters, checked without the switch. */
			while ((n = utf8_len(p)) != 0)
				p += n;
			if (text_cls[*p] == K_HI)
				return NULL;
			break;
		default:
			return NULL; /* a control character, or the end of the buffer */
		}
	}
}

/* An attribute value after its opening quote q: its closing quote, or NULL. */
static const unsigned char *check_value(struct xmlscan *sc, const unsigned char *p, unsigned char q)
{
	size_t n;

	for (;;) {
		while (!val_cls[*p])
			p++;
		switch (val_cls[*p]) {
		case K_QUOTE:
			if (*p == q)
				return p;
			p++;
			break;
		case K_AMP:
			if (!(p = check_ref(p)))
				return NULL;
			sc->decode = 1;
			break;
		case K_WS:
			sc->decode = 1; /* becomes a space */
			p++;
			break;
		case K_HI:
			if (!(n = utf8_len(p)))
				return NULL;
			p += n;
			break;
		default:
			return NULL; /* '<', a control character, the end of the buffer */
		}
	}
}

/*
 * A qualified name of ASCII name characters at p: past it, or NULL when it
 * is not one (a second colon, a colon first, last or before a digit).
 * *colon is the colon's offset, 0 when none.
 */
static const unsigned char *check_qname(const unsigned char *p, size_t *colon)
{
	const unsigned char *start = p;

	*colon = 0;
	if (!(name_cls[*p] & N_START))
		return NULL;
	for (p++;; p++) {
		while (name_cls[*p] & N_CHAR)
			p++;
		if (*p != ':')
			return p;
		if (*colon || !(name_cls[p[1]] & N_START))
			return NULL;
		*colon = (size_t)(p - start);
	}
}

/* "<?xml version="1.0" [encoding="UTF-8"] [standalone="yes|no"] ?>" at p, one space apart. */
static const unsigned char *check_decl(const unsigned char *p)
{
	unsigned char q;

	p += 5;
	if (!lit(p, " version="))
		return NULL;
	p += 9;
	q = *p;
	if ((q != '"' && q != '\'') || !lit(p + 1, "1.0") || p[4] != q)
		return NULL;
	p += 5;
	if (lit(p, " encoding=")) {
		p += 10;
		q = *p;
		if ((q != '"' && q != '\'') || (p[1] | 0x20) != 'u' || (p[2] | 0x20) != 't' ||
		    (p[3] | 0x20) != 'f' || p[4] != '-' || p[5] != '8' || p[6] != q)
			return NULL;
		p += 7;
	}
	if (lit(p, " standalone=")) {
		p += 12;
		q = *p;
		if (q != '"' && q != '\'')
			return NULL;
		if (lit(p + 1, "yes"))
			p += 4;
		else if (lit(p + 1, "no"))
			p += 3;
		else
			return NULL;
		if (*p++ != q)
			return NULL;
	}
	if (*p == ' ')
		p++;
	return lit(p, "?>") ? p + 2 : NULL;
}

/* Prefixes and names are a few bytes: a loop beats a memcmp call. */
static inline int same(const char *a, const char *b, size_t n)
{
	size_t i = 0;

	while (i < n && a[i] == b[i])
		i++;
	return i == n;
}

static inline int prefix_bound(struct xmlscan *sc, const char *p, size_t n)
{
	const struct xmlscan_name *c;

	if (sc->cache < sc->nprefixes) {
		c = &sc->prefixes[sc->cache];
		if (c->len == n && same(c->s, p, n))
			return 1;
	}
	if (n == 3 && same(p, "xml", 3))
		return 1;
	for (size_t i = sc->nprefixes; i-- > 0;) {
		c = &sc->prefixes[i];
		if (c->len == n && same(c->s, p, n)) {
			sc->cache = i;
			return 1;
		}
	}
	return 0;
}

static int is_xmlns(const struct xmlscan_name *a)
{
	return a->s[0] == 'x' && (a->len == 5 || a->colon == 5) && same(a->s, "xmlns", 5);
}

/* A namespace URI we can bind without expat's checks ever failing on it. */
static int plain_uri(const char *v, size_t n, int may_be_empty)
{
	if (!n)
		return may_be_empty;
	for (size_t i = 0; i < n; i++)
		if (v[i] == '&' || is_s((unsigned char)v[i]))
			return 0;
	return !(n == sizeof(XML_NS_URI) - 1 && !memcmp(v, XML_NS_URI, n)) &&
	       !(n == sizeof(XMLNS_NS_URI) - 1 && !memcmp(v, XMLNS_NS_URI, n));
}

/*
 * The namespace rules for one tag (element name el, its natts attributes
 * in sc->atts): declarations first (they apply to the tag itself), then
 * every prefix used, then duplicates.  0 when all hold.
 */
static int check_tag_ns(struct xmlscan *sc, const struct xmlscan_name *el, size_t natts)
{
	const struct xmlscan_name *a = sc->atts;

	for (size_t i = 0; i < natts; i++) {
		if (!is_xmlns(&a[i]))
			continue;
		if (a[i].len == 5) {
			if (!plain_uri(a[i].val, a[i].vlen, 1))
				return -1;
			continue;
		}
		/* "xmlns:xml" may be legal, "xmlns:xmlns" never is: both left to expat. */
		if ((a[i].len == 9 && !memcmp(a[i].s + 6, "xml", 3)) ||
		    (a[i].len == 11 && !memcmp(a[i].s + 6, "xmlns", 5)) ||
		    !plain_uri(a[i].val, a[i].vlen, 0))
			return -1;
		ALLOC_GROW(sc->prefixes, sc->nprefixes + 1, sc->alloc_prefixes);
		sc->prefixes[sc->nprefixes].s = a[i].s + 6;
		sc->prefixes[sc->nprefixes].len = a[i].len - 6;
		sc->nprefixes++;
	}
	if (el->colon && !prefix_bound(sc, el->s, el->colon))
		return -1;
	for (size_t j = 0; j < natts; j++) {
		int pj = a[j].colon && !is_xmlns(&a[j]);

		if (pj && !prefix_bound(sc, a[j].s, a[j].colon))
			return -1;
		for (size_t i = 0; i < j; i++) {
			if (a[i].len == a[j].len && same(a[i].s, a[j].s, a[j].len))
				return -1;
			/* Two prefixes may name one URI: same local name is a doubt. */
			if (pj && a[i].colon && !is_xmlns(&a[i]) &&
			    a[i].len - a[i].colon == a[j].len - a[j].colon &&
			    same(a[i].s + a[i].colon, a[j].s + a[j].colon, a[j].len - a[j].colon))
				return -1;
		}
	}
	return 0;
}

/* A start tag at p ('<' and a name start): past it, or NULL.  Pushes the element unless empty. */
static const unsigned char *check_start(struct xmlscan *sc, const unsigned char *p, size_t *depth)
{
	struct xmlscan_name el;
	size_t natts = 0, mark = sc->nprefixes;
	int empty;

	el.s = (const char *)p + 1;
	if (!(p = check_qname(p + 1, &el.colon)))
		return NULL;
	el.len = (size_t)((const char *)p - el.s);
	for (;;) {
		int ws = 0;
		struct xmlscan_name *a;
		unsigned char q;

		while (is_s(*p))
			p++, ws = 1;
		if (*p == '>') {
			p++;
			empty = 0;
			break;
		}
		if (*p == '/') {
			if (p[1] != '>')
				return NULL;
			p += 2;
			empty = 1;
			break;
		}
		if (!ws || natts == XMLSCAN_MAX_ATTS)
			return NULL;
		a = &sc->atts[natts++];
		a->s = (const char *)p;
		if (!(p = check_qname(p, &a->colon)))
			return NULL;
		a->len = (size_t)((const char *)p - a->s);
		while (is_s(*p))
			p++;
		if (*p++ != '=')
			return NULL;
		while (is_s(*p))
			p++;
		q = *p++;
		if (q != '"' && q != '\'')
			return NULL;
		a->val = (const char *)p;
		if (!(p = check_value(sc, p, q)))
			return NULL;
		a->vlen = (size_t)((const char *)p - a->val);
		p++;
	}
	if (check_tag_ns(sc, &el, natts))
		return NULL;
	if (empty) {
		sc->nprefixes = mark;
		return p;
	}
	if (*depth == XMLSCAN_MAX_DEPTH)
		return NULL;
	ALLOC_GROW(sc->elems, *depth + 1, sc->alloc_elems);
	sc->elems[*depth].name = el.s;
	sc->elems[*depth].len = el.len;
	sc->elems[*depth].mark = mark;
	(*depth)++;
	return p;
}

/* An end tag at p ("</"): past it, or NULL when it does not close the open element. */
static const unsigned char *check_end(struct xmlscan *sc, const unsigned char *p,
				      const unsigned char *end, size_t *depth)
{
	const struct xmlscan_elem *e = &sc->elems[*depth - 1];

	p += 2;
	if ((size_t)(end - p) < e->len || !same((const char *)p, e->name, e->len))
		return NULL;
	p += e->len;
	while (is_s(*p))
		p++;
	if (*p != '>')
		return NULL;
	sc->nprefixes = e->mark;
	(*depth)--;
	return p + 1;
}

int xmlscan_check(struct xmlscan *sc, const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf, *end = p + len;
	size_t depth = 0;

	sc->checked = 0;
	sc->decode = 0;
	sc->nprefixes = 0;
	sc->cache = 0;
	if (len > XMLSCAN_MAX_BYTES || end[0] != '\0')
		return -1;
	if (!sc->atts)
		sc->atts = xmalloc(XMLSCAN_MAX_ATTS * sizeof(*sc->atts));
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		p += 3; /* a UTF-8 byte order mark, which expat skips */
	if (lit(p, "<?xml") && !(p = check_decl(p)))
		return -1;
	while (is_s(*p))
		p++;
	/* Only white space before the root: no comment, PI or DOCTYPE. */
	if (*p != '<' || !(name_cls[p[1]] & N_START))
		return -1;
	sc->root = (size_t)(p - (const unsigned char *)buf);
	do {
		if (*p != '<')
			p = check_text(sc, p);
		else if (p[1] == '/')
			p = check_end(sc, p, end, &depth);
		else if (name_cls[p[1]] & N_START)
			p = check_start(sc, p, &depth);
		else
			return -1; /* comment, CDATA, PI, or not markup */
		if (!p)
			return -1;
	} while (depth);
	while (is_s(*p))
		p++;
	if (p != end)
		return -1;
	sc->checked = 1;
	return 0;
}

/* Write code point v as UTF-8 at w; returns its length. */
static size_t put_utf8(char *w, unsigned long v)
{
	if (v < 0x80) {
		w[0] = (char)v;
		return 1;
	}
	if (v < 0x800) {
		w[0] = (char)(0xC0 | (v >> 6));
		w[1] = (char)(0x80 | (v & 0x3F));
		return 2;
	}
	if (v < 0x10000) {
		w[0] = (char)(0xE0 | (v >> 12));
		w[1] = (char)(0x80 | ((v >> 6) & 0x3F));
		w[2] = (char)(0x80 | (v & 0x3F));
		return 3;
	}
	w[0] = (char)(0xF0 | (v >> 18));
	w[1] = (char)(0x80 | ((v >> 12) & 0x3F));
	w[2] = (char)(0x80 | ((v >> 6) & 0x3F));
	w[3] = (char)(0x80 | (v & 0x3F));
	return 4;
}

/*
 * Decode s[0..n) in place, as checked by pass 1: references, CR LF and CR
 * to LF, and in an attribute value TAB, LF, CR (LF) to a space.  Every
 * rewrite is shorter than its source, so it never overtakes the reading.
 * Returns the new length.
 */
static size_t decode(char *s, size_t n, int attr)
{
	const unsigned char *cls = attr ? val_cls : text_cls;
	size_t r = 0, w;

	/* Most segments need nothing: find the first byte that does. */
	while (r < n && s[r] != '&' && s[r] != '\r' && !(attr && cls[(unsigned char)s[r]] == K_WS))
		r++;
	for (w = r; r < n;) {
		unsigned char c = (unsigned char)s[r];
		const unsigned char *next = NULL;

		if (c == '&') {
			const unsigned char *p = (const unsigned char *)s + r;

			if (p[1] == '#') {
				w += put_utf8(s + w, (unsigned long)char_ref(p, &next));
				r = (size_t)(next - (const unsigned char *)s);
				continue;
			}
			s[w++] = p[1] == 'l'   ? '<'
				 : p[1] == 'g' ? '>'
				 : p[1] == 'q' ? '"'
				 : p[2] == 'm' ? '&'
					       : '\'';
			r += p[1] == 'l' || p[1] == 'g' ? 4 : p[2] == 'm' ? 5 : 6;
			continue;
		}
		if (c == '\r') {
			s[w++] = attr ? ' ' : '\n';
			r += r + 1 < n && s[r + 1] == '\n' ? 2 : 1;
			continue;
		}
		s[w++] = attr && (c == '\n' || c == '\t') ? ' ' : (char)c;
		r++;
	}
	return w;
}

/* Past a name in pass 2 (already checked). */
static char *skip_name(char *p)
{
	while (name_cls[(unsigned char)*p] & (N_CHAR | N_COLON))
		p++;
	return p;
}

static int halted(const struct xmlscan *sc)
{
	return sc->halted && sc->halted(sc->ud);
}

/* A start tag at p ('<'): NUL-terminates and decodes in place, calls start (and end). */
static char *event_start(struct xmlscan *sc, char *p, const char *end, size_t *depth)
{
	char *name = p + 1, *name_end = skip_name(name);
	size_t n = 0;
	int empty;

	p = name_end;
	for (;;) {
		char *an, *an_end, *v, *close;
		size_t vlen;

		while (is_s((unsigned char)*p))
			p++;
		if (*p == '>' || *p == '/') {
			empty = *p == '/';
			p += empty ? 2 : 1;
			break;
		}
		an = p;
		an_end = skip_name(an);
		p = an_end;
		while (*p != '"' && *p != '\'')
			p++;
		v = p + 1;
		close = memchr(v, *p, (size_t)(end - v));
		vlen = (size_t)(close - v);
		p = close + 1;
		if (sc->decode)
			vlen = decode(v, vlen, 1);
		*an_end = '\0';
		v[vlen] = '\0';
		ALLOC_GROW(sc->ev_atts, n + 3, sc->alloc_ev_atts);
		sc->ev_atts[n++] = an;
		sc->ev_atts[n++] = v;
	}
	ALLOC_GROW(sc->ev_atts, n + 1, sc->alloc_ev_atts);
	sc->ev_atts[n] = NULL;
	*name_end = '\0';
	/* As expat: an empty element is one token, its end follows its start even after a stop. */
	if (sc->start)
		sc->start(sc->ud, name, sc->ev_atts);
	if (empty) {
		if (sc->end)
			sc->end(sc->ud, name);
	} else {
		(*depth)++;
	}
	return p;
}

void xmlscan_events(struct xmlscan *sc, char *buf, size_t len)
{
	char *p = buf + sc->root, *end = buf + len;
	size_t depth = 0;

	if (!sc->checked)
		BUG("xmlscan_events without a successful xmlscan_check");
	sc->checked = 0; /* the buffer is rewritten from here on */
	do {
		if (*p != '<') {
			char *lt = memchr(p, '<', (size_t)(end - p));
			size_t n = (size_t)(lt - p);

			if (sc->decode)
				n = decode(p, n, 0);
			if (sc->text)
				sc->text(sc->ud, p, (int)n);
			p = lt;
		} else if (p[1] == '/') {
			char *name = p + 2, *name_end = skip_name(name);

			p = (char *)memchr(name_end, '>', (size_t)(end - name_end)) + 1;
			*name_end = '\0';
			if (sc->end)
				sc->end(sc->ud, name);
			depth--;
		} else {
			p = event_start(sc, p, end, &depth);
		}
	} while (depth && !halted(sc));
}
