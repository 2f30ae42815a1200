#include "ooxml.h"
#include "strbuf.h"
#include "xalloc.h"
#include "xmlscan.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Read size handed to expat per call; also libarchive's block size for files. */
#define CHUNK (64 * 1024)
/*
 * Members listed per package at most: a form has a dozen, a workbook with
 * pictures a few hundred; millions of empty members would only burn time
 * (the xlsx reader lists the package once per part).
 */
#define MAX_ENTRIES 10000
/*
 * Parts read whole for the fast path up to this many bytes: a form's
 * document.xml is ~120 KB, a large sheet a few MiB.  Beyond, expat streams
 * as before; within, memory is this buffer (plus expat's own, in a
 * fallback), far under the 64 MiB a run may use.
 */
#define FAST_MAX (8u << 20)

/* On unless the driver (IIREVIEW_XML_EXPAT) or a test turned it off. */
static int fast_mode = 1;

static const struct {
	const char *uri;
	enum ooxml_ns ns;
} known_ns[] = {
    {"http://schemas.openxmlformats.org/wordprocessingml/2006/main", OOXML_NS_W},
    {"http://purl.oclc.org/ooxml/wordprocessingml/main", OOXML_NS_W},
    {"http://schemas.microsoft.com/office/word/2010/wordml", OOXML_NS_W14},
    {"http://schemas.openxmlformats.org/markup-compatibility/2006", OOXML_NS_MC},
    {"http://schemas.openxmlformats.org/spreadsheetml/2006/main", OOXML_NS_SML},
    {"http://purl.oclc.org/ooxml/spreadsheetml/main", OOXML_NS_SML},
    {"http://schemas.openxmlformats.org/package/2006/relationships", OOXML_NS_PKG_REL},
};

const char *ooxml_attr(const char **atts, const char *local)
{
	/* The names are already local (on_start). */
	for (; atts[0]; atts += 2)
		if (!strcmp(atts[0], local))
			return atts[1];
	return NULL;
}

int ooxml_onoff(const char *val)
{
	return !val || !strcmp(val, "1") || !strcasecmp(val, "true") || !strcasecmp(val, "on");
}

void ooxml_fail(struct ooxml_parse *ps, const char *fmt, ...)
{
	va_list ap;

	if (ps->failed)
		return;
	ps->failed = 1;
	strbuf_reset(ps->err);
	strbuf_addf(ps->err, "%s: ", ps->part);
	va_start(ap, fmt);
	strbuf_vaddf(ps->err, fmt, ap);
	va_end(ap);
	XML_StopParser(ps->parser, XML_FALSE);
}

void ooxml_stop(struct ooxml_parse *ps)
{
	if (ps->stopped || ps->failed)
		return;
	ps->stopped = 1;
	XML_StopParser(ps->parser, XML_FALSE);
}

int ooxml_enter(struct ooxml_parse *ps)
{
	if (ps->depth >= ps->max_depth) {
		ooxml_fail(ps, "elements nested deeper than %u levels", ps->max_depth);
		return -1;
	}
	ps->depth++;
	return 0;
}

void ooxml_leave(struct ooxml_parse *ps)
{
	if (ps->depth)
		ps->depth--;
}

/*
 * Namespaces without expat's namespace mode.
 *
 * expat's XML_ParserCreateNS built "URI local" for every element and
 * attribute name (copy, hash, a pool per tag): a third of its time on a
 * form.  OOXML documents declare their dozens of prefixes once on the root
 * and then write w:p, w:r, w:t a hundred thousand times, so we parse
 * without namespace processing and resolve prefixes here: a small hash of
 * prefix -> innermost binding, bindings pushed at the element declaring
 * them and popped at its end, and a one-entry cache for the prefix last
 * resolved (nearly always "w").
 *
 * What expat's namespace mode refused is refused here with its message and
 * position, so that no document reads differently: an unbound prefix, a
 * reserved prefix or URI, "xmlns:p=''", a URI holding a space, the same
 * attribute under two prefixes of one URI, and names that are not
 * qualified names ("a:b:c", ":a", "a:1") including processing-instruction
 * targets and entity names with a colon.  When a part fails with an XML
 * error, ns_verdict() takes the message from a namespace-aware pass.
 */

#define XML_NS_URI   "http://www.w3.org/XML/1998/namespace"
#define XMLNS_NS_URI "http://www.w3.org/2000/xmlns/"
/* Attributes checked pairwise for duplicates up to this many; sorted beyond. */
#define DUP_PAIRWISE 16

struct ns_slot {
	char *prefix; /* owned; "" is the default namespace */
	size_t len;
	int top; /* innermost binding of this prefix, -1 when none */
};

struct ns_binding {
	int slot;
	int prev; /* the binding it hides, -1 */
	enum ooxml_ns ns;
	size_t uri; /* offset of the NUL-terminated URI in uris */
};

struct ns_scope {
	unsigned depth; /* element that declared */
	size_t nbind, uris_len;
};

struct ns_patt {
	const char *local;
	const char *uri; /* of its binding */
	int bind;
	size_t idx;
};

struct ooxml_nsstate {
	struct ns_slot *slots; /* open addressing, power-of-two size */
	size_t nslots, used;
	int cache; /* slot of the prefix last resolved, -1 */
	struct ns_binding *bind;
	size_t nbind, alloc_bind;
	struct ns_scope *scopes;
	size_t nscopes, alloc_scopes;
	struct strbuf uris;
	unsigned depth;
	const char **atts; /* handed to the reader: local names and values */
	size_t alloc_atts;
	struct ns_patt *patt; /* the prefixed attributes of the tag, for the duplicate check */
	size_t alloc_patt;
	long *colon; /* per attribute of the tag: where its colon is, -1 */
	size_t alloc_colon;
	int xml_error; /* the failure is an XML error (fail_xml), not a limit or the package */
};

static size_t hash_prefix(const char *p, size_t len)
{
	size_t h = 5381;

	for (size_t i = 0; i < len; i++)
		h = h * 33 + (unsigned char)p[i];
	return h;
}

static void ns_rehash(struct ooxml_nsstate *st)
{
	size_t n = st->nslots ? st->nslots * 2 : 64;
	struct ns_slot *slots = xcalloc(n, sizeof(*slots));
	int *moved = xcalloc(st->nslots ? st->nslots : 1, sizeof(*moved));

	for (size_t i = 0; i < st->nslots; i++) {
		size_t j;

		if (!st->slots[i].prefix)
			continue;
		j = hash_prefix(st->slots[i].prefix, st->slots[i].len) & (n - 1);
		while (slots[j].prefix)
			j = (j + 1) & (n - 1);
		slots[j] = st->slots[i];
		moved[i] = (int)j;
	}
	/* Bindings name their slot by index: renumber. */
	for (size_t b = 0; b < st->nbind; b++)
		st->bind[b].slot = moved[st->bind[b].slot];
	free(moved);
	free(st->slots);
	st->slots = slots;
	st->nslots = n;
	st->cache = -1;
}

/* The slot of prefix p[0..len), or -1; with create, made when missing. */
static inline int ns_slot(struct ooxml_nsstate *st, const char *p, size_t len, int create)
{
	size_t j;

	if (st->cache >= 0 && st->slots[st->cache].len == len) {
		const char *q = st->slots[st->cache].prefix;
		size_t i = 0;

		/* Prefixes are a few bytes: no memcmp call for the common hit. */
		while (i < len && q[i] == p[i])
			i++;
		if (i == len)
			return st->cache;
	}
	if (create && (st->used + 1) * 2 > st->nslots)
		ns_rehash(st);
	if (!st->nslots)
		return -1;
	j = hash_prefix(p, len) & (st->nslots - 1);
	while (st->slots[j].prefix) {
		if (st->slots[j].len == len && !memcmp(st->slots[j].prefix, p, len))
			return st->cache = (int)j;
		j = (j + 1) & (st->nslots - 1);
	}
	if (!create)
		return -1;
	st->slots[j].prefix = xmalloc(len + 1);
	memcpy(st->slots[j].prefix, p, len);
	st->slots[j].prefix[len] = '\0';
	st->slots[j].len = len;
	st->slots[j].top = -1;
	st->used++;
	return st->cache = (int)j;
}

static void ns_push(struct ooxml_nsstate *st, const char *prefix, size_t len, const char *uri,
		    enum ooxml_ns ns)
{
	int slot = ns_slot(st, prefix, len, 1);
	struct ns_binding *b;

	ALLOC_GROW(st->bind, st->nbind + 1, st->alloc_bind);
	b = &st->bind[st->nbind];
	b->slot = slot;
	b->prev = st->slots[slot].top;
	b->ns = ns;
	b->uri = st->uris.len;
	strbuf_add(&st->uris, uri, strlen(uri) + 1);
	st->slots[slot].top = (int)st->nbind++;
}

static enum ooxml_ns ns_class(const char *uri)
{
	for (size_t i = 0; i < ARRAY_SIZE(known_ns); i++)
		if (!strcmp(known_ns[i].uri, uri))
			return known_ns[i].ns;
	return OOXML_NS_OTHER;
}

/* An XML error in expat's words, as stream_entry words expat's own. */
static void fail_xml(struct ooxml_parse *ps, enum XML_Error code, unsigned long line,
		     unsigned long col)
{
	if (!ps->failed)
		ps->ns->xml_error = 1;
	ooxml_fail(ps, "XML error at line %lu, column %lu: %s", line, col, XML_ErrorString(code));
}

static void fail_here(struct ooxml_parse *ps, enum XML_Error code)
{
	fail_xml(ps, code, (unsigned long)XML_GetCurrentLineNumber(ps->parser),
		 (unsigned long)XML_GetCurrentColumnNumber(ps->parser));
}

/* Advance line/column over UTF-8 s[0..n) as expat counts them (characters; CR LF is one break). */
static void advance_pos(const char *s, size_t n, unsigned long *line, unsigned long *col)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n' || c == '\r') {
			if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
				i++;
			(*line)++;
			*col = 0;
		} else if ((c & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/*
 * The raw input around the current event, as expat holds it: UTF-8 (or a
 * single-byte encoding) or UTF-16 in either byte order, told apart by the
 * zero byte next to the event's first character.
 */
struct raw {
	const unsigned char *start, *end; /* the event's first character; end of the input held */
	int w, be;			  /* bytes per code unit; big-endian UTF-16 */
};

/* The code unit at p, -1 past the end. */
static long raw_at(const struct raw *r, const unsigned char *p)
{
	if (p + r->w > r->end)
		return -1;
	if (r->w == 1)
		return *p;
	return r->be ? (long)(p[0] << 8 | p[1]) : (long)(p[1] << 8 | p[0]);
}

static int raw_open(struct ooxml_parse *ps, char first, struct raw *r)
{
	int offset = 0, size = 0;
	const unsigned char *ctx =
	    (const unsigned char *)XML_GetInputContext(ps->parser, &offset, &size);

	if (!ctx || offset < 0 || offset + 1 >= size)
		return -1;
	r->start = ctx + offset;
	r->end = ctx + size;
	r->w = 1;
	r->be = 0;
	if (r->start[0] == (unsigned char)first && r->start[1] == 0)
		r->w = 2;
	else if (r->start[0] == 0 && r->start[1] == (unsigned char)first)
		r->w = 2, r->be = 1;
	else if (r->start[0] != (unsigned char)first)
		return -1;
	return 0;
}

/* Advance line/column from r->start to p, counting as expat does for the encoding. */
static void raw_pos(const struct raw *r, const unsigned char *p, unsigned long *line,
		    unsigned long *col)
{
	for (const unsigned char *q = r->start; q < p; q += r->w) {
		long c = raw_at(r, q);

		if (c == '\n' || c == '\r') {
			if (c == '\r' && q + r->w < p && raw_at(r, q + r->w) == '\n')
				q += r->w;
			(*line)++;
			*col = 0;
		} else if (r->w == 1 ? (c & 0xC0) != 0x80 : !(c >= 0xDC00 && c <= 0xDFFF)) {
			(*col)++;
		}
	}
}

static int is_space_ch(long c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_nmstrt_ch(long c)
{
	return c >= 0x80 || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Scan a name at p; returns its end, or sets *fault where expat's namespace
 * tokenizer stopped: a leading or second colon, or a colon not followed by
 * a name-start character.
 */
static const unsigned char *raw_name(const struct raw *r, const unsigned char *p,
				     const unsigned char **fault)
{
	const unsigned char *first = p;
	int colons = 0, after_colon = 0;

	for (;; p += r->w) {
		long c = raw_at(r, p);

		if (after_colon && !is_nmstrt_ch(c)) {
			*fault = p;
			return p;
		}
		after_colon = 0;
		if (c < 0 || is_space_ch(c) || c == '=' || c == '>' || c == '/')
			return p;
		if (c == ':') {
			if (p == first || colons) {
				*fault = p;
				return p;
			}
			colons = after_colon = 1;
		}
	}
}

/* Where an entity reference at p ('&') holds a colon (the namespace tokenizer refused it), or NULL.
 */
static const unsigned char *raw_entity_colon(const struct raw *r, const unsigned char *p)
{
	for (p += r->w;; p += r->w) {
		long c = raw_at(r, p);

		if (c < 0 || c == ';' || c == '"' || c == '\'' || c == '<' || is_space_ch(c))
			return NULL;
		if (c == ':')
			return p;
	}
}

/*
 * The first character of the start tag at r->start that expat's namespace
 * tokenizer refused (a malformed qualified name, an entity name with a
 * colon in a value), or NULL.
 */
static const unsigned char *raw_tag_fault(const struct raw *r)
{
	const unsigned char *fault = NULL, *p = raw_name(r, r->start + r->w, &fault);

	while (!fault) {
		long c, quote;

		while (is_space_ch(raw_at(r, p)))
			p += r->w;
		c = raw_at(r, p);
		if (c < 0 || c == '>' || c == '/')
			return NULL;
		p = raw_name(r, p, &fault);
		if (fault)
			break;
		while (is_space_ch(raw_at(r, p)))
			p += r->w;
		if (raw_at(r, p) != '=')
			return NULL;
		p += r->w;
		while (is_space_ch(raw_at(r, p)))
			p += r->w;
		quote = raw_at(r, p);
		if (quote != '"' && quote != '\'')
			return NULL;
		for (p += r->w; (c = raw_at(r, p)) != quote; p += r->w) {
			if (c < 0)
				return NULL;
			if (c == '&' && raw_at(r, p + r->w) != '#' &&
			    (fault = raw_entity_colon(r, p)))
				break;
		}
		p += r->w;
	}
	return fault;
}

/*
 * A malformed qualified name in the current start tag: expat's namespace
 * tokenizer reported it at the offending character, which we find in the
 * raw input; when that is not possible (no context), at the tag's start.
 */
static void fail_qname(struct ooxml_parse *ps)
{
	unsigned long line = (unsigned long)XML_GetCurrentLineNumber(ps->parser);
	unsigned long col = (unsigned long)XML_GetCurrentColumnNumber(ps->parser);
	struct raw r;
	const unsigned char *fault;

	if (!raw_open(ps, '<', &r) && (fault = raw_tag_fault(&r)))
		raw_pos(&r, fault, &line, &col);
	fail_xml(ps, XML_ERROR_INVALID_TOKEN, line, col);
}

/*
 * Where expat's namespace tokenizer would reject name: a second colon, a
 * leading one, or a colon not followed by a name-start character (ASCII
 * letter, '_' or a non-ASCII character).  Returns that offset or -1; *colon
 * is set to the colon's offset or -1.
 */
static inline long qname_fault(const char *name, long *colon)
{
	long i, c = -1;
	unsigned char n;

	/* Names are short (w:rsidRDefault): a plain loop beats two strchr calls. */
	for (i = 0; name[i]; i++)
		if (name[i] == ':') {
			if (c >= 0 || i == 0) {
				*colon = c;
				return i;
			}
			c = i;
			n = (unsigned char)name[i + 1];
			if (!(n >= 0x80 || n == '_' || (n >= 'a' && n <= 'z') ||
			      (n >= 'A' && n <= 'Z'))) {
				*colon = c;
				return i + 1;
			}
		}
	*colon = c;
	return -1;
}

/* A namespace declaration (prefix NULL: the default namespace), as expat's addBinding checks it. */
static int ns_declare(struct ooxml_parse *ps, const char *prefix, const char *uri)
{
	struct ooxml_nsstate *st = ps->ns;
	int must_be_xml = 0, is_xml = !strcmp(uri, XML_NS_URI),
	    is_xmlns = !strcmp(uri, XMLNS_NS_URI);

	if (!*uri && prefix) {
		fail_here(ps, XML_ERROR_UNDECLARING_PREFIX);
		return -1;
	}
	if (prefix && !strcmp(prefix, "xmlns")) {
		fail_here(ps, XML_ERROR_RESERVED_PREFIX_XMLNS);
		return -1;
	}
	/*
	 * expat (since 2.4.5) refuses a URI holding the namespace separator
	 * (' ' for XML_ParserCreateNS(NULL, ' ')), which would make "URI local"
	 * ambiguous; the reader did, so we do.
	 */
	if (strchr(uri, ' ')) {
		fail_here(ps, XML_ERROR_SYNTAX);
		return -1;
	}
	if (prefix && !strcmp(prefix, "xml"))
		must_be_xml = 1;
	if (must_be_xml != is_xml) {
		fail_here(ps, must_be_xml ? XML_ERROR_RESERVED_PREFIX_XML
					  : XML_ERROR_RESERVED_NAMESPACE_URI);
		return -1;
	}
	if (is_xmlns && !must_be_xml) {
		fail_here(ps, XML_ERROR_RESERVED_NAMESPACE_URI);
		return -1;
	}
	/* xmlns="" undeclares the default namespace: names are in none again. */
	ns_push(st, prefix ? prefix : "", prefix ? strlen(prefix) : 0, uri,
		*uri ? ns_class(uri) : OOXML_NS_NONE);
	return 0;
}

/* The binding of prefix name[0..len), or -1 (unbound). */
static inline int ns_lookup(struct ooxml_nsstate *st, const char *name, size_t len)
{
	int slot = ns_slot(st, name, len, 0);

	return slot < 0 ? -1 : st->slots[slot].top;
}

static int cmp_patt(const void *a, const void *b)
{
	const struct ns_patt *x = a, *y = b;
	int c = strcmp(x->local, y->local);

	if (!c)
		c = strcmp(x->uri, y->uri);
	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/*
 * The first prefixed attribute (in document order) that repeats an earlier
 * one's local name under another prefix bound to the same URI, as expat's
 * namespace mode refused it; SIZE_MAX when none.  Two such attributes
 * always have different prefixes (expat refused a repeated raw name).
 */
static size_t ns_duplicate(struct ooxml_nsstate *st, size_t n)
{
	struct ns_patt *pa = st->patt;
	size_t first = SIZE_MAX;

	for (size_t k = 0; k < n; k++)
		pa[k].uri = st->uris.buf + st->bind[pa[k].bind].uri;
	if (n <= DUP_PAIRWISE) {
		for (size_t j = 1; j < n && first == SIZE_MAX; j++)
			for (size_t i = 0; i < j; i++)
				if (pa[i].bind != pa[j].bind && !strcmp(pa[i].local, pa[j].local) &&
				    !strcmp(pa[i].uri, pa[j].uri)) {
					first = pa[j].idx;
					break;
				}
		return first;
	}
	/*
	 * Many (a hostile tag): sort by local name, URI and position; expat
	 * stopped at the second of each group of equals, the earliest wins.
	 */
	qsort(pa, n, sizeof(*pa), cmp_patt);
	for (size_t k = 1; k < n; k++)
		if (!strcmp(pa[k - 1].local, pa[k].local) && !strcmp(pa[k - 1].uri, pa[k].uri) &&
		    pa[k].idx < first &&
		    (k < 2 || strcmp(pa[k - 2].local, pa[k].local) ||
		     strcmp(pa[k - 2].uri, pa[k].uri)))
			first = pa[k].idx;
	return first;
}

static inline int is_xmlns_att(const char *a)
{
	return a[0] == 'x' && a[1] == 'm' && a[2] == 'l' && a[3] == 'n' && a[4] == 's' &&
	       (a[5] == '\0' || a[5] == ':');
}

/* The offset of the colon in a name known to be a qualified name, -1 when none. */
static inline long colon_of(const char *name)
{
	for (long i = 0; name[i]; i++)
		if (name[i] == ':')
			return i;
	return -1;
}

/*
 * A start tag.  trusted: the fast path's xmlscan_check has proved every
 * check below to pass (qualified names, declarations, bound prefixes, no
 * duplicates), so they are skipped; they cost as much as the scan.
 */
static inline void start_element(struct ooxml_parse *ps, const XML_Char *name,
				 const XML_Char **atts, int trusted)
{
	struct ooxml_nsstate *st = ps->ns;
	size_t natts = 0, npatt = 0, unbound = SIZE_MAX, dup, n;
	long colon, el_colon;
	int declares = 0, bind;
	enum ooxml_ns ns;
	const char *local;

	st->depth++;
	if (ooxml_done(ps))
		return;
	for (n = 0; atts[n]; n += 2)
		;
	ALLOC_GROW(st->atts, n + 1, st->alloc_atts);
	ALLOC_GROW(st->patt, n / 2, st->alloc_patt);
	ALLOC_GROW(st->colon, n / 2, st->alloc_colon);
	/*
	 * 1. Names that are not qualified names: the namespace tokenizer's
	 * error, so before anything else in the tag.  Colons kept for 3.
	 */
	if (trusted) {
		el_colon = colon_of(name);
	} else if (qname_fault(name, &el_colon) >= 0) {
		fail_qname(ps);
		return;
	}
	for (size_t i = 0; i < n; i += 2) {
		if (trusted) {
			colon = colon_of(atts[i]);
		} else if (qname_fault(atts[i], &colon) >= 0) {
			fail_qname(ps);
			return;
		}
		st->colon[i / 2] = colon;
		declares |= is_xmlns_att(atts[i]);
	}
	/* 2. Declarations, in document order, before anything uses them. */
	if (declares) {
		ALLOC_GROW(st->scopes, st->nscopes + 1, st->alloc_scopes);
		st->scopes[st->nscopes].depth = st->depth;
		st->scopes[st->nscopes].nbind = st->nbind;
		st->scopes[st->nscopes].uris_len = st->uris.len;
		st->nscopes++;
		for (size_t i = 0; i < n; i += 2)
			if (is_xmlns_att(atts[i]) &&
			    ns_declare(ps, atts[i][5] ? atts[i] + 6 : NULL, atts[i + 1]))
				return;
	}
	/* 3. Attributes: local names for the reader; prefixes must be bound. */
	for (size_t i = 0; i < n; i += 2) {
		const char *a = atts[i];

		colon = st->colon[i / 2];
		if (colon >= 0) {
			if (declares && is_xmlns_att(a))
				continue;
			bind = ns_lookup(st, a, (size_t)colon);
			if (bind < 0) {
				unbound = i;
				break;
			}
			st->patt[npatt].local = a + colon + 1;
			st->patt[npatt].bind = bind;
			st->patt[npatt].idx = i;
			npatt++;
			a += colon + 1;
		} else if (declares && is_xmlns_att(a)) {
			continue;
		}
		st->atts[natts++] = a;
		st->atts[natts++] = atts[i + 1];
	}
	st->atts[natts] = NULL;
	/* expat checked each prefixed attribute in turn: a duplicate before the unbound one wins.
	 */
	dup = npatt > 1 && !trusted ? ns_duplicate(st, npatt) : SIZE_MAX;
	if (dup != SIZE_MAX) {
		fail_here(ps, XML_ERROR_DUPLICATE_ATTRIBUTE);
		return;
	}
	if (unbound != SIZE_MAX) {
		fail_here(ps, XML_ERROR_UNBOUND_PREFIX);
		return;
	}
	/* 4. The element: its prefix, or the default namespace. */
	bind = ns_lookup(st, name, el_colon >= 0 ? (size_t)el_colon : 0);
	if (el_colon >= 0 && bind < 0) {
		fail_here(ps, XML_ERROR_UNBOUND_PREFIX);
		return;
	}
	ns = bind >= 0 ? st->bind[bind].ns : OOXML_NS_NONE;
	local = el_colon >= 0 ? name + el_colon + 1 : name;
	if (ps->start)
		ps->start(ps, ns, local, st->atts);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	start_element(ud, name, atts, 0);
}

/* The fast path's start tags (see start_element). */
static void on_start_checked(void *ud, const char *name, const char **atts)
{
	start_element(ud, name, atts, 1);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct ooxml_parse *ps = ud;
	struct ooxml_nsstate *st = ps->ns;

	if (ps->end)
		ps->end(ps);
	/* Leaving the element that declared: its bindings go, the hidden ones come back. */
	if (st->nscopes && st->scopes[st->nscopes - 1].depth == st->depth) {
		struct ns_scope *sc = &st->scopes[--st->nscopes];

		while (st->nbind > sc->nbind) {
			struct ns_binding *b = &st->bind[--st->nbind];

			st->slots[b->slot].top = b->prev;
		}
		strbuf_setlen(&st->uris, sc->uris_len);
	}
	if (st->depth)
		st->depth--;
}

/* expat's namespace tokenizer took no colon in a processing-instruction target. */
static void XMLCALL on_pi(void *ud, const XML_Char *target, const XML_Char *data)
{
	struct ooxml_parse *ps = ud;
	const char *colon = strchr(target, ':');

	if (colon && !ooxml_done(ps)) {
		unsigned long line = (unsigned long)XML_GetCurrentLineNumber(ps->parser);
		unsigned long col = (unsigned long)XML_GetCurrentColumnNumber(ps->parser) + 2;

		advance_pos(target, (size_t)(colon - target), &line, &col);
		fail_xml(ps, XML_ERROR_INVALID_TOKEN, line, col);
	}
}

/*
 * expat's namespace mode stopped before the DOCTYPE handler when the name
 * was not a qualified name (":a", "a:", "a:b:c"): a syntax error at the
 * name.  Reports that and returns 1 when the name is such and its position
 * can be found (the input held starts at the document's start, as it does
 * for any prolog shorter than a chunk); 0 otherwise.
 */
static int doctype_name_fault(struct ooxml_parse *ps, const char *name)
{
	const char *c = strchr(name, ':');
	static const char kw[] = "<!DOCTYPE";
	int offset = 0, size = 0;
	const unsigned char *ctx;
	struct raw r;
	unsigned long line = 1, col = 0;

	if (!c || (c != name && c[1] && !strchr(c + 1, ':')))
		return 0;
	ctx = (const unsigned char *)XML_GetInputContext(ps->parser, &offset, &size);
	if (!ctx || size < 2 || XML_GetCurrentByteIndex(ps->parser) != offset)
		return 0;
	r.start = ctx;
	r.end = ctx + size;
	r.w = 1;
	r.be = 0;
	if ((ctx[0] == 0xFF && ctx[1] == 0xFE) || (ctx[0] == '<' && ctx[1] == 0))
		r.w = 2;
	else if ((ctx[0] == 0xFE && ctx[1] == 0xFF) || (ctx[0] == 0 && ctx[1] == '<'))
		r.w = 2, r.be = 1;
	for (const unsigned char *p = ctx; raw_at(&r, p) >= 0; p += r.w) {
		size_t k = 0;

		while (kw[k] && raw_at(&r, p + k * (size_t)r.w) == kw[k])
			k++;
		if (kw[k])
			continue;
		p += k * (size_t)r.w;
		while (is_space_ch(raw_at(&r, p)))
			p += r.w;
		raw_pos(&r, p, &line, &col);
		fail_xml(ps, XML_ERROR_SYNTAX, line, col);
		return 1;
	}
	return 0;
}

/*
 * Called at "<!DOCTYPE": no OOXML part has one, and refusing it here, before
 * any declaration inside it is read, rules out entity expansion attacks and
 * external entities in one place.
 */
static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal_subset)
{
	struct ooxml_parse *ps = ud;

	if (!doctype_name_fault(ps, name))
		ooxml_fail(ps, "DOCTYPE declaration refused (not allowed in OOXML; entities are "
			       "not expanded)");
}

void ooxml_parse_init(struct ooxml_parse *ps, const char *part, unsigned max_depth,
		      struct strbuf *err, ooxml_start_fn start, ooxml_end_fn end,
		      XML_CharacterDataHandler text)
{
	memset(ps, 0, sizeof(*ps));
	ps->parser = XML_ParserCreate(NULL);
	if (!ps->parser)
		BUG("expat: cannot create a parser (out of memory)");
	ps->part = part;
	ps->max_depth = max_depth;
	ps->err = err;
	ps->start = start;
	ps->end = end;
	ps->text = text;
	ps->ns = xcalloc(1, sizeof(*ps->ns));
	ps->ns->cache = -1;
	strbuf_init(&ps->ns->uris, 0);
	/* Bound in every document, as in expat's namespace mode. */
	ns_push(ps->ns, "xml", 3, XML_NS_URI, OOXML_NS_OTHER);
	XML_SetUserData(ps->parser, ps);
	XML_SetStartDoctypeDeclHandler(ps->parser, on_doctype);
	XML_SetParamEntityParsing(ps->parser, XML_PARAM_ENTITY_PARSING_NEVER);
	XML_SetElementHandler(ps->parser, on_start, on_end);
	XML_SetProcessingInstructionHandler(ps->parser, on_pi);
	if (text)
		XML_SetCharacterDataHandler(ps->parser, text);
}

void ooxml_parse_release(struct ooxml_parse *ps)
{
	struct ooxml_nsstate *st = ps->ns;

	if (ps->parser)
		XML_ParserFree(ps->parser);
	ps->parser = NULL;
	if (st) {
		for (size_t i = 0; i < st->nslots; i++)
			free(st->slots[i].prefix);
		free(st->slots);
		free(st->bind);
		free(st->scopes);
		free(st->atts);
		free(st->patt);
		free(st->colon);
		strbuf_release(&st->uris);
		free(st);
	}
	ps->ns = NULL;
}

/*
 * An undefined entity whose name holds a colon: expat's namespace
 * tokenizer refused the name itself, at the colon, as an invalid token (in
 * an attribute value: the first such fault of the tag).  Rewrites
 * line/col/code accordingly; otherwise leaves them.
 */
static void entity_colon(struct ooxml_parse *ps, enum XML_Error *code, unsigned long *line,
			 unsigned long *col)
{
	struct raw r;
	const unsigned char *fault = NULL;

	if (*code != XML_ERROR_UNDEFINED_ENTITY)
		return;
	if (!raw_open(ps, '&', &r))
		fault = raw_entity_colon(&r, r.start);
	else if (!raw_open(ps, '<', &r))
		fault = raw_tag_fault(&r);
	if (fault) {
		raw_pos(&r, fault, line, col);
		*code = XML_ERROR_INVALID_TOKEN;
	}
}

/*
 * Where stream_entry's bytes come from: the bytes the fast path read
 * already (pre), then the archive.  After pre, end says what the archive
 * had said: 0 read on, 1 end of the part, -1 a read error (its message
 * still in archive_error_string).
 */
struct feed {
	struct archive *a;
	const char *pre;
	size_t npre, off;
	int end;
};

static la_ssize_t feed_read(struct feed *f, void *dst, size_t n)
{
	if (f->off < f->npre) {
		size_t k = f->npre - f->off < n ? f->npre - f->off : n;

		memcpy(dst, f->pre + f->off, k);
		f->off += k;
		return (la_ssize_t)k;
	}
	if (f->end)
		return f->end > 0 ? 0 : -1;
	return archive_read_data(f->a, dst, n);
}

static int stream_entry(struct feed *f, struct ooxml_parse *ps, size_t max_bytes)
{
	struct archive *a = f->a;
	size_t total = 0;

	for (;;) {
		void *buf = XML_GetBuffer(ps->parser, CHUNK);
		la_ssize_t n;

		if (!buf) {
			ooxml_fail(ps, "XML parser out of memory");
			return -1;
		}
		n = feed_read(f, buf, CHUNK);
		if (n < 0) {
			ooxml_fail(ps, "cannot read from the package: %s", archive_error_string(a));
			return -1;
		}
		total += (size_t)n;
		if (total > max_bytes) {
			ooxml_fail(ps, "part larger than the limit of %zu bytes", max_bytes);
			return -1;
		}
		if (XML_ParseBuffer(ps->parser, (int)n, n == 0) != XML_STATUS_OK) {
			if (ps->failed)
				return -1;
			if (ps->stopped)
				return 0;
			{
				enum XML_Error code = XML_GetErrorCode(ps->parser);
				unsigned long line =
				    (unsigned long)XML_GetCurrentLineNumber(ps->parser);
				unsigned long col =
				    (unsigned long)XML_GetCurrentColumnNumber(ps->parser);

				entity_colon(ps, &code, &line, &col);
				fail_xml(ps, code, line, col);
			}
			return -1;
		}
		if (ps->failed)
			return -1;
		if (n == 0 || ps->stopped)
			return 0;
	}
}

int ooxml_set_fast_path(int on)
{
	int old = fast_mode;

	fast_mode = on;
	return old;
}

static int scan_halted(void *ud)
{
	return ooxml_done(ud);
}

/*
 * The fast path (common/xmlscan.h): read the whole part into one buffer
 * and, when xmlscan proves it to be in its subset, deliver the events from
 * there to the same handlers expat would call (on_start, on_end, the
 * reader's text).  Returns 0 or -1 as stream_entry when it did, or 1 when
 * expat must parse instead: then f replays the bytes read so far (the same
 * 64 KiB chunks) before reading on, so that expat sees what it always saw
 * and fails or stops where it always did (a part over max_bytes, a read
 * error, bytes outside the subset).  *bufp is the buffer to free.
 */
static int fast_entry(struct feed *f, struct archive_entry *e, struct ooxml_parse *ps,
		      size_t max_bytes, char **bufp)
{
	struct xmlscan sc;
	size_t len = 0, cap;
	char *buf;

	if (!fast_mode ||
	    (archive_entry_size_is_set(e) && archive_entry_size(e) > (la_int64_t)FAST_MAX))
		return 1;
	/* The size in the zip is a hint (it may lie); the reading below is what counts. */
	cap = (archive_entry_size_is_set(e) && archive_entry_size(e) > 0
		   ? (size_t)archive_entry_size(e)
		   : 0) +
	      CHUNK + 1;
	buf = *bufp = xmalloc(cap);
	for (;;) {
		la_ssize_t n;

		if (len + CHUNK + 1 > cap) {
			cap = cap * 2 > len + CHUNK + 1 ? cap * 2 : len + CHUNK + 1;
			buf = *bufp = xrealloc(buf, cap);
		}
		n = archive_read_data(f->a, buf + len, CHUNK);
		if (n <= 0) {
			f->end = n < 0 ? -1 : 1;
			break;
		}
		len += (size_t)n;
		if (len > max_bytes || len > FAST_MAX)
			break;
	}
	f->pre = buf;
	f->npre = len;
	if (f->end <= 0)
		return 1;
	buf[len] = '\0';
	xmlscan_init(&sc);
	if (xmlscan_check(&sc, buf, len)) {
		xmlscan_release(&sc);
		return 1;
	}
	sc.ud = ps;
	sc.start = on_start_checked;
	sc.end = on_end;
	sc.text = ps->text;
	sc.halted = scan_halted;
	ps->fast = 1;
	xmlscan_events(&sc, buf, len);
	xmlscan_release(&sc);
	return ps->failed ? -1 : 0;
}

/* One part: the fast path when it can, else expat streaming. */
static int read_entry(struct archive *a, struct archive_entry *e, struct ooxml_parse *ps,
		      size_t max_bytes)
{
	struct feed f = {a, NULL, 0, 0, 0};
	char *buf = NULL;
	int r = fast_entry(&f, e, ps, max_bytes, &buf);

	if (r == 1)
		r = stream_entry(&f, ps, max_bytes);
	free(buf);
	return r;
}

/*
 * Open the package for reading.  The seekable zip reader works from the
 * central directory, so entries written with data descriptors are read
 * right and skipping an entry is a seek, not a decompression.
 */
static int open_package(struct archive *a, const struct ooxml_src *src)
{
	archive_read_support_format_zip_seekable(a);
	if (src->path)
		return archive_read_open_filename(a, src->path, CHUNK);
	return archive_read_open_memory(a, src->buf, src->len);
}

/*
 * An entry's name as a part name, NULL when it has none.  Zipped by hand
 * from a folder ("zip -r x.docx ./"), names start with "./".
 */
static const char *part_name(struct archive_entry *e)
{
	const char *path = archive_entry_pathname(e);

	if (!path)
		path = archive_entry_pathname_utf8(e);
	while (path && path[0] == '.' && path[1] == '/')
		path += 2;
	return path;
}

/* At "<!DOCTYPE" in ns_verdict: the first pass refused it already; stop. */
static void XMLCALL verdict_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
				    const XML_Char *pubid, int has_internal_subset)
{
	XML_StopParser(ud, XML_FALSE);
}

/*
 * The part failed with an XML error.  Its message was worked out for expat
 * without namespaces; expat's namespace mode may have stopped earlier in
 * the same token (a tag malformed twice, "<a:b:c x=<..."), which only it
 * can tell exactly.  Errors are rare and the part is bounded, so it reads
 * the part once more with a namespace-aware expat and no handlers: its
 * first error is then, by construction, the one the reader reported
 * before it parsed without namespaces (everything before it passed both
 * our checks and expat's).  When that pass finds no error (it stops at a
 * DOCTYPE, which the first pass refused, or at max_bytes), err is kept.
 */
static void ns_verdict(const struct ooxml_src *src, const char *name, struct ooxml_parse *ps,
		       size_t max_bytes)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	XML_Parser p = NULL;
	size_t total = 0;
	unsigned entries = 0;
	int r;

	if (open_package(a, src) != ARCHIVE_OK)
		goto out;
	for (;;) {
		const char *path;

		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF || r < ARCHIVE_WARN || ++entries > MAX_ENTRIES) {
			e = NULL;
			break;
		}
		path = part_name(e);
		if (path && !strcasecmp(path, name))
			break;
	}
	if (!e)
		goto out;
	p = XML_ParserCreateNS(NULL, ' ');
	if (!p)
		goto out;
	XML_SetUserData(p, p);
	XML_SetStartDoctypeDeclHandler(p, verdict_doctype);
	XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
	for (;;) {
		void *buf = XML_GetBuffer(p, CHUNK);
		la_ssize_t n;

		if (!buf || (n = archive_read_data(a, buf, CHUNK)) < 0)
			break;
		total += (size_t)n;
		if (total > max_bytes)
			break;
		if (XML_ParseBuffer(p, (int)n, n == 0) != XML_STATUS_OK) {
			enum XML_Error code = XML_GetErrorCode(p);

			if (code != XML_ERROR_ABORTED) {
				strbuf_reset(ps->err);
				strbuf_addf(ps->err, "%s: XML error at line %lu, column %lu: %s",
					    ps->part, (unsigned long)XML_GetCurrentLineNumber(p),
					    (unsigned long)XML_GetCurrentColumnNumber(p),
					    XML_ErrorString(code));
			}
			break;
		}
		if (n == 0)
			break;
	}
out:
	if (p)
		XML_ParserFree(p);
	archive_read_free(a);
}

int ooxml_stream_part(const struct ooxml_src *src, const char *name, struct ooxml_parse *ps,
		      size_t max_bytes)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int have_types = 0, found = 0, ret = -1, r;
	unsigned entries = 0;

	if (open_package(a, src) != ARCHIVE_OK) {
		ooxml_fail(ps, "not a readable zip package: %s", archive_error_string(a));
		goto out;
	}
	for (;;) {
		const char *path;

		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN) {
			ooxml_fail(ps, "not a readable zip package: %s", archive_error_string(a));
			goto out;
		}
		if (++entries > MAX_ENTRIES) {
			ooxml_fail(ps, "more than %u members in the package", MAX_ENTRIES);
			goto out;
		}
		path = part_name(e);
		if (!path)
			continue;
		if (!strcasecmp(path, "[Content_Types].xml"))
			have_types = 1;
		if (!strcasecmp(path, name)) {
			if (found) {
				ooxml_fail(ps, "the package holds this part twice");
				goto out;
			}
			found = 1;
			if (read_entry(a, e, ps, max_bytes)) {
				if (ps->ns->xml_error)
					ns_verdict(src, name, ps, max_bytes);
				goto out;
			}
		}
		/*
		 * No early exit once both are seen: listing the rest is cheap (the
		 * central directory) and catches a second copy of the part, which
		 * Word and we could resolve differently.
		 */
	}
	if (!have_types) {
		ooxml_fail(ps, "no [Content_Types].xml: not an Office Open XML package");
		goto out;
	}
	ret = found ? 0 : 1;
out:
	archive_read_free(a);
	return ret;
}

int ooxml_add_capped(struct strbuf *sb, const char *s, size_t n, size_t cap)
{
	size_t room = sb->len < cap ? cap - sb->len : 0;

	if (n <= room) {
		strbuf_add(sb, s, n);
		return 0;
	}
	/* Back off to the start of a character so that the text stays valid UTF-8. */
	while (room && ((unsigned char)s[room] & 0xC0) == 0x80)
		room--;
	strbuf_add(sb, s, room);
	return 1;
}
