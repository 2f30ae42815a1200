/*
 * xmlscan.h - a fast path for the XML of OOXML parts, checked against expat.
 *
 * Internal to common/ooxml.c.  expat is the XML parser of record
 * (docs/xml-parser.md); this scanner exists only because a form's
 * word/document.xml cost more in expat than the whole rest of normalize,
 * and it is used only on input it can prove to be in a strict, simple
 * subset of well-formed XML, for which it gives exactly the events expat
 * gives.  Anything else (a DOCTYPE, CDATA, comments, processing
 * instructions other than the XML declaration, an entity other than the
 * five predefined ones, non-ASCII names, another encoding, any error) is
 * "not in the subset", and the caller parses the same bytes with expat.
 *
 * Two passes over one buffer holding the whole part:
 *   xmlscan_check()  reads only, and says whether the buffer is in the
 *                    subset, namespace rules included (see below);
 *   xmlscan_events() then delivers the events, decoding in place.
 *
 * Events are those of expat without namespace processing (XML_ParserCreate):
 * raw qualified names, attributes as NULL-terminated name/value pairs in
 * document order with references decoded and values normalised as expat
 * does (CR LF and CR become LF in text; TAB, LF, CR become a space in
 * attribute values), character data with line ends normalised.  Character
 * data may be split into events differently from expat (expat splits at
 * its buffer ends and around references); readers must not depend on the
 * split, which they already could not.
 *
 * Namespaces: the subset also requires what expat's namespace mode (and
 * common/ooxml.c, which resolves prefixes itself) would check, so that the
 * prefix resolution cannot fail on a part taken by the fast path: every
 * element and attribute name is a qualified name, every prefix used is
 * declared in scope (or is "xml"), no declaration of "xml" or "xmlns", no
 * "xmlns:p=''", no namespace URI holding a reference, white space or a
 * reserved URI, and no two prefixed attributes of a tag with the same
 * local name.
 */
#ifndef IIREVIEW_XMLSCAN_H
#define IIREVIEW_XMLSCAN_H

#include <stddef.h>

/* Signatures of expat's handlers (XML_Char is char), so that they can be shared. */
typedef void (*xmlscan_start_fn)(void *ud, const char *name, const char **atts);
typedef void (*xmlscan_end_fn)(void *ud, const char *name);
typedef void (*xmlscan_text_fn)(void *ud, const char *s, int len);
/* Nonzero when the handlers asked to stop; asked after each event, as expat checks. */
typedef int (*xmlscan_halted_fn)(void *ud);

/* Elements nested deeper than this are not in the subset. */
#define XMLSCAN_MAX_DEPTH 1024
/* Tags with more attributes than this are not in the subset (duplicates are checked pairwise). */
#define XMLSCAN_MAX_ATTS 64
/* Parts larger than this are not in the subset (character data lengths are ints). */
#define XMLSCAN_MAX_BYTES (64u << 20)

struct xmlscan_elem;
struct xmlscan_name;

struct xmlscan {
	/* Set by the caller before xmlscan_events; any handler may be NULL. */
	void *ud;
	xmlscan_start_fn start;
	xmlscan_end_fn end;
	xmlscan_text_fn text;
	xmlscan_halted_fn halted;

	/* Private: stacks reused from part to part. */
	struct xmlscan_elem *elems; /* open elements */
	size_t alloc_elems;
	struct xmlscan_name *prefixes; /* declared prefixes in scope, innermost last */
	size_t nprefixes, alloc_prefixes;
	size_t cache; /* index of the prefix last found, for "w" a hundred thousand times */
	struct xmlscan_name *atts; /* the attributes of the tag being checked */
	const char **ev_atts;	   /* the pairs handed to start */
	size_t alloc_ev_atts;
	size_t root; /* offset of the root element's "<" */
	int decode;  /* some text or value needs decoding (references, CR, TAB/LF in values) */
	int checked; /* xmlscan_check accepted the buffer */
};

void xmlscan_init(struct xmlscan *sc);
void xmlscan_release(struct xmlscan *sc);

/*
 * 0 when buf[0..len) is in the subset, -1 when it is not (or when in
 * doubt): then nothing is known, and the caller must use expat.  buf[len]
 * must be readable and hold '\0' (a sentinel for the inner loops).
 * Reads only; time linear in len; memory bounded by the depth and
 * attribute limits above.
 */
int xmlscan_check(struct xmlscan *sc, const char *buf, size_t len);

/*
 * Deliver the events of buf[0..len), which xmlscan_check accepted just
 * before (same bytes, same sc).  Rewrites buf in place (names and values
 * are NUL-terminated and decoded where they lie), so buf is no longer the
 * part afterwards.  Stops after the event at which sc->halted returns
 * nonzero.
 */
void xmlscan_events(struct xmlscan *sc, char *buf, size_t len);

#endif
