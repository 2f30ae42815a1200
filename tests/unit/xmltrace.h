/*
 * xmltrace.h - record the events common/ooxml.c delivers for one part, so
 * that the fast path (common/xmlscan.c) can be held to expat: the unit test
 * tests/unit/test_xmlscan.c and the fuzz target tests/fuzz/fuzz_xmlscan.c
 * read the same bytes both ways and compare the traces.
 */
#ifndef IIREVIEW_XMLTRACE_H
#define IIREVIEW_XMLTRACE_H

#include "common/ooxml.h"

struct strbuf;

/*
 * Read part `name` of src through ooxml_stream_part with the fast path on
 * or off, writing one line per event to out: "<ns:local a=v ...>", "</>",
 * "T text" (adjacent character data joined: expat splits it anywhere), and
 * last "ret=N err=...".  Names and values are escaped (\xHH below 0x20 and
 * for '\').  The reader counts depth with ooxml_enter (max_depth), and
 * stops (ooxml_stop) at its stop_at-th start tag when stop_at > 0; the
 * part may have max_bytes.
 * *fast tells whether the fast path delivered the events.  Returns the
 * value of ooxml_stream_part.
 */
int xmltrace_part(const struct ooxml_src *src, const char *name, int use_fast, unsigned max_depth,
		  size_t max_bytes, unsigned stop_at, struct strbuf *out, int *fast);

/* Describe in diff where the traces fast and expat of `what` first differ. */
void xmltrace_diff(struct strbuf *diff, const char *what, const char *fast, const char *expat);

/*
 * Every part of the package whose name ends in ".xml" or ".rels", both
 * ways.  0 when every trace is the same; else -1, with the first
 * difference described in diff.  *nfast counts the parts the fast path
 * took, *nparts the parts compared.
 */
int xmltrace_compare_package(const struct ooxml_src *src, struct strbuf *diff, size_t *nparts,
			     size_t *nfast);

#endif
