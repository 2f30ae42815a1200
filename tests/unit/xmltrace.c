#include "tests/unit/xmltrace.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <string.h>

struct tracer {
	struct ooxml_parse ps; /* first: the handlers get it */
	struct strbuf *out;
	struct strbuf text; /* character data not yet written */
	unsigned starts, stop_at;
};

static void put_escaped(struct strbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == '\\')
			strbuf_addf(sb, "\\x%02X", c);
		else
			strbuf_addch(sb, (char)c);
	}
}

static void flush_text(struct tracer *t)
{
	if (!t->text.len)
		return;
	strbuf_addstr(t->out, "T ");
	put_escaped(t->out, t->text.buf, t->text.len);
	strbuf_addch(t->out, '\n');
	strbuf_reset(&t->text);
}

static void on_start(struct ooxml_parse *ps, enum ooxml_ns ns, const char *local, const char **atts)
{
	struct tracer *t = (struct tracer *)ps;

	if (ooxml_done(ps) || ooxml_enter(ps))
		return;
	flush_text(t);
	strbuf_addf(t->out, "<%d:%s", (int)ns, local);
	for (; atts[0]; atts += 2) {
		strbuf_addch(t->out, ' ');
		put_escaped(t->out, atts[0], strlen(atts[0]));
		strbuf_addch(t->out, '=');
		put_escaped(t->out, atts[1], strlen(atts[1]));
	}
	strbuf_addstr(t->out, ">\n");
	if (t->stop_at && ++t->starts == t->stop_at)
		ooxml_stop(ps);
}

static void on_end(struct ooxml_parse *ps)
{
	struct tracer *t = (struct tracer *)ps;

	if (ooxml_done(ps))
		return;
	ooxml_leave(ps);
	flush_text(t);
	strbuf_addstr(t->out, "</>\n");
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct tracer *t = ud;

	if (!ooxml_done(&t->ps))
		strbuf_add(&t->text, s, (size_t)len);
}

int xmltrace_part(const struct ooxml_src *src, const char *name, int use_fast, unsigned max_depth,
		  size_t max_bytes, unsigned stop_at, struct strbuf *out, int *fast)
{
	struct tracer t;
	struct strbuf err = STRBUF_INIT;
	int old = ooxml_set_fast_path(use_fast), ret;

	memset(&t, 0, sizeof(t));
	t.out = out;
	t.stop_at = stop_at;
	strbuf_init(&t.text, 0);
	ooxml_parse_init(&t.ps, name, max_depth, &err, on_start, on_end, on_text);
	ret = ooxml_stream_part(src, name, &t.ps, max_bytes);
	flush_text(&t);
	strbuf_addf(out, "ret=%d err=%s\n", ret, err.buf);
	*fast = t.ps.fast;
	ooxml_parse_release(&t.ps);
	ooxml_set_fast_path(old);
	strbuf_release(&t.text);
	strbuf_release(&err);
	return ret;
}

void xmltrace_diff(struct strbuf *diff, const char *what, const char *fast, const char *expat)
{
	size_t i = 0, from;

	while (fast[i] && fast[i] == expat[i])
		i++;
	from = i > 400 ? i - 400 : 0;
	strbuf_addf(
	    diff,
	    "%s: fast path and expat differ at byte %zu\n--- fast\n%.800s\n--- expat\n%.800s\n",
	    what, i, fast + from, expat + from);
}

/* Names of the XML parts of the package, "\0"-separated in names; their count. */
static size_t list_parts(const struct ooxml_src *src, struct strbuf *names)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	size_t n = 0;
	int r;

	archive_read_support_format_zip_seekable(a);
	r = src->path ? archive_read_open_filename(a, src->path, 65536)
		      : archive_read_open_memory(a, src->buf, src->len);
	while (r == ARCHIVE_OK && archive_read_next_header(a, &e) == ARCHIVE_OK) {
		const char *p = archive_entry_pathname(e);
		size_t len = p ? strlen(p) : 0;

		if ((len > 4 && !strcmp(p + len - 4, ".xml")) ||
		    (len > 5 && !strcmp(p + len - 5, ".rels"))) {
			strbuf_add(names, p, len + 1);
			n++;
		}
	}
	archive_read_free(a);
	return n;
}

int xmltrace_compare_package(const struct ooxml_src *src, struct strbuf *diff, size_t *nparts,
			     size_t *nfast)
{
	struct strbuf names = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	size_t n = list_parts(src, &names);
	const char *name = names.buf;
	int ret = 0;

	for (size_t i = 0; i < n; i++, name += strlen(name) + 1) {
		int fa = 0, fb = 0;

		strbuf_reset(&a);
		strbuf_reset(&b);
		xmltrace_part(src, name, 1, 256, 256u << 20, 0, &a, &fa);
		xmltrace_part(src, name, 0, 256, 256u << 20, 0, &b, &fb);
		(*nparts)++;
		*nfast += (size_t)fa;
		if (strcmp(a.buf, b.buf)) {
			xmltrace_diff(diff, name, a.buf, b.buf);
			ret = -1;
			break;
		}
	}
	strbuf_release(&names);
	strbuf_release(&a);
	strbuf_release(&b);
	return ret;
}
