/*
 * ooxml.h - the machinery shared by the .docx and .xlsx readers: find one
 * part in an OOXML package (a zip) and stream its bytes into expat.
 *
 * Internal to common/docx.c and common/xlsx.c; other stages use those.
 *
 * Why streaming: a form is read part by part straight from libarchive's
 * decompressor into expat in 64 KiB chunks, so memory stays bounded by the
 * caller's limits whatever the package holds (no DOM, no whole-part copy).
 *
 * The fast path: a part of at most 8 MiB is read whole into one buffer,
 * and when common/xmlscan.c proves it to be in a strict subset of XML, its
 * events come from there, the same as expat's (docs/xml-parser.md, "The
 * fast path"); otherwise expat parses the same bytes as above.
 *
 * Why the DOCTYPE is refused: OOXML parts never carry one, and without a
 * DTD there are no entity declarations, hence no billion laughs and no
 * external entities; expat stops at the first "<!DOCTYPE".
 */
#ifndef IIREVIEW_OOXML_H
#define IIREVIEW_OOXML_H

#include <expat.h>
#include <stddef.h>

struct strbuf;

/* Where a package is: a file when path is non-NULL, else the buffer buf[0..len). */
struct ooxml_src {
	const char *path;
	const void *buf;
	size_t len;
};

/* The namespaces we act on; everything else is OOXML_NS_OTHER. */
enum ooxml_ns {
	OOXML_NS_NONE,	  /* no namespace: accepted as the main vocabulary */
	OOXML_NS_W,	  /* wordprocessingml main (transitional or strict) */
	OOXML_NS_W14,	  /* Word 2010 extensions (content-control check boxes) */
	OOXML_NS_MC,	  /* markup compatibility (AlternateContent) */
	OOXML_NS_SML,	  /* spreadsheetml main (transitional or strict) */
	OOXML_NS_PKG_REL, /* package relationships (*.rels) */
	OOXML_NS_OTHER
};

struct ooxml_parse;
struct ooxml_nsstate;

/*
 * Element handlers.  The name arrives resolved: its namespace class and its
 * local name (the part after the prefix).  atts is NULL-terminated pairs of
 * local name and value, namespace declarations left out, in document order
 * (as expat's namespace-aware mode gave them, minus the URI).
 */
typedef void (*ooxml_start_fn)(struct ooxml_parse *ps, enum ooxml_ns ns, const char *local,
			       const char **atts);
typedef void (*ooxml_end_fn)(struct ooxml_parse *ps);

/*
 * One parse of one part.  Readers embed it as the FIRST member of their own
 * state, because the handlers get this struct and cast it back to the
 * reader's state.
 */
struct ooxml_parse {
	XML_Parser parser;
	struct strbuf *err; /* the caller's; receives the one error message */
	const char *part;   /* part name, for messages */
	unsigned depth;	    /* current element depth (ooxml_enter / ooxml_leave) */
	unsigned max_depth;
	int failed;  /* an error is in err; handlers must do nothing more */
	int stopped; /* the caller's callback asked to stop; not an error */
	ooxml_start_fn start;
	ooxml_end_fn end;
	XML_CharacterDataHandler text;
	struct ooxml_nsstate *ns; /* prefix bindings in scope (ooxml.c) */
	int fast; /* the events came from the fast path, not from expat (for tests) */
};

/*
 * Create ps->parser: DOCTYPE refused, parameter entities never parsed, user
 * data = ps, and start / end (either may be NULL) called with names
 * resolved against the xmlns declarations in scope; text may be NULL.
 * expat's own namespace processing is off (it cost a third of its time):
 * ooxml.c resolves prefixes itself and refuses what expat's namespace mode
 * refused (an unbound prefix, a reserved prefix or URI, "xmlns:p=''", a
 * malformed qualified name, the same attribute twice under two prefixes of
 * one URI) with expat's own message and position.  Never fails (expat
 * running out of memory at creation is treated like any allocation
 * failure: abort).
 */
void ooxml_parse_init(struct ooxml_parse *ps, const char *part, unsigned max_depth,
		      struct strbuf *err, ooxml_start_fn start, ooxml_end_fn end,
		      XML_CharacterDataHandler text);
/* Free the parser; ps may be reused with ooxml_parse_init. */
void ooxml_parse_release(struct ooxml_parse *ps);

/* Record an error "part: message" (first one wins) and stop the parser. */
void ooxml_fail(struct ooxml_parse *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The callback asked to stop: stop the parser without an error. */
void ooxml_stop(struct ooxml_parse *ps);
/* 1 when handlers must ignore further events (failed or stopped). */
static inline int ooxml_done(const struct ooxml_parse *ps)
{
	return ps->failed || ps->stopped;
}

/*
 * Count one level of element nesting; fails the parse (and returns -1)
 * beyond max_depth, so that a 10,000-deep document costs nothing.
 */
int ooxml_enter(struct ooxml_parse *ps);
void ooxml_leave(struct ooxml_parse *ps);

/* The value of the attribute with local name `local` (any namespace), or NULL. */
const char *ooxml_attr(const char **atts, const char *local);
/* ST_OnOff: NULL (absent) and "1", "true", "on" are true; anything else false. */
int ooxml_onoff(const char *val);

/*
 * Stream the part `name` (compared without regard to case, as OPC part
 * names are) of the package into ps->parser, counting at most max_bytes
 * uncompressed bytes.  The package must also hold [Content_Types].xml.
 *
 * Returns 0 when the part was parsed (or the callback stopped it), 1 when
 * the package is readable but has no such part (err untouched), -1 on any
 * error with the reason in err: not a zip, corrupt or encrypted entry,
 * missing [Content_Types].xml, a duplicated part, the size limit, or an XML
 * error from expat with line and column.
 */
int ooxml_stream_part(const struct ooxml_src *src, const char *name, struct ooxml_parse *ps,
		      size_t max_bytes);

/*
 * Use the fast path for the parts that fit it (on, the default) or expat
 * for every part (off); returns the previous setting.  For the tests that
 * hold the two to the same events, and for the driver, which turns it off
 * for a whole run when IIREVIEW_XML_EXPAT is set (any value), to compare
 * outputs.  Not thread-safe: set it before reading.
 */
int ooxml_set_fast_path(int on);

/* Append valid UTF-8 s[0..n) to sb, cut at a character boundary so that sb->len <= cap; returns 1
 * when cut. */
int ooxml_add_capped(struct strbuf *sb, const char *s, size_t n, size_t cap);

#endif
