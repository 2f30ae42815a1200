#include "ooxml.h"
#include "strbuf.h"
#include "xalloc.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdarg.h>
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

enum ooxml_ns ooxml_name(const char *name, const char **local)
{
	const char *sep = strrchr(name, OOXML_NS_SEP);
	size_t n;

	if (!sep) {
		*local = name;
		return OOXML_NS_NONE;
	}
	*local = sep + 1;
	n = (size_t)(sep - name);
	for (size_t i = 0; i < ARRAY_SIZE(known_ns); i++)
		if (strlen(known_ns[i].uri) == n && !memcmp(known_ns[i].uri, name, n))
			return known_ns[i].ns;
	return OOXML_NS_OTHER;
}

const char *ooxml_attr(const char **atts, const char *local)
{
	for (; atts[0]; atts += 2) {
		const char *sep = strrchr(atts[0], OOXML_NS_SEP);
		const char *l = sep ? sep + 1 : atts[0];

		if (!strcmp(l, local))
			return atts[1];
	}
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
 * Called at "<!DOCTYPE": no OOXML part has one, and refusing it here, before
 * any declaration inside it is read, rules out entity expansion attacks and
 * external entities in one place.
 */
static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal_subset)
{
	struct ooxml_parse *ps = ud;

	ooxml_fail(ps,
		   "DOCTYPE declaration refused (not allowed in OOXML; entities are not expanded)");
}

void ooxml_parse_init(struct ooxml_parse *ps, const char *part, unsigned max_depth,
		      struct strbuf *err)
{
	memset(ps, 0, sizeof(*ps));
	ps->parser = XML_ParserCreateNS(NULL, OOXML_NS_SEP);
	if (!ps->parser)
		BUG("expat: cannot create a parser (out of memory)");
	ps->part = part;
	ps->max_depth = max_depth;
	ps->err = err;
	XML_SetUserData(ps->parser, ps);
	XML_SetStartDoctypeDeclHandler(ps->parser, on_doctype);
	XML_SetParamEntityParsing(ps->parser, XML_PARAM_ENTITY_PARSING_NEVER);
}

void ooxml_parse_release(struct ooxml_parse *ps)
{
	if (ps->parser)
		XML_ParserFree(ps->parser);
	ps->parser = NULL;
}

static int stream_entry(struct archive *a, struct ooxml_parse *ps, size_t max_bytes)
{
	size_t total = 0;

	for (;;) {
		void *buf = XML_GetBuffer(ps->parser, CHUNK);
		la_ssize_t n;

		if (!buf) {
			ooxml_fail(ps, "XML parser out of memory");
			return -1;
		}
		n = archive_read_data(a, buf, CHUNK);
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
			ooxml_fail(ps, "XML error at line %lu, column %lu: %s",
				   (unsigned long)XML_GetCurrentLineNumber(ps->parser),
				   (unsigned long)XML_GetCurrentColumnNumber(ps->parser),
				   XML_ErrorString(XML_GetErrorCode(ps->parser)));
			return -1;
		}
		if (ps->failed)
			return -1;
		if (n == 0 || ps->stopped)
			return 0;
	}
}

int ooxml_stream_part(const struct ooxml_src *src, const char *name, struct ooxml_parse *ps,
		      size_t max_bytes)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int have_types = 0, found = 0, ret = -1, r;
	unsigned entries = 0;

	/*
	 * The seekable zip reader works from the central directory, so entries
	 * written with data descriptors are read right and skipping an entry
	 * is a seek, not a decompression.
	 */
	archive_read_support_format_zip_seekable(a);
	if (src->path)
		r = archive_read_open_filename(a, src->path, CHUNK);
	else
		r = archive_read_open_memory(a, src->buf, src->len);
	if (r != ARCHIVE_OK) {
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
		path = archive_entry_pathname(e);
		if (!path)
			path = archive_entry_pathname_utf8(e);
		if (!path)
			continue;
		/* Zipped by hand from a folder ("zip -r x.docx ./"): names start with "./". */
		while (path[0] == '.' && path[1] == '/')
			path += 2;
		if (!strcasecmp(path, "[Content_Types].xml"))
			have_types = 1;
		if (!strcasecmp(path, name)) {
			if (found) {
				ooxml_fail(ps, "the package holds this part twice");
				goto out;
			}
			found = 1;
			if (stream_entry(a, ps, max_bytes))
				goto out;
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
