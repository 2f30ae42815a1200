/*
 * test_xmlscan.c - the fast path (common/xmlscan.c) against expat.
 *
 * Every case packs an XML part into a zip and reads it through
 * ooxml_stream_part twice, fast path on and off (tests/unit/xmltrace.h):
 * the traces (events, return value, error message) must be the same, and
 * the fast path must have taken the part exactly when the case says it is
 * in the subset.  Outside the subset the fast path must step aside, so the
 * error or the events are expat's by construction.
 *
 * packages_in_dir compares every XML part of every .docx and .xlsx found
 * under $XMLSCAN_DIFF_DIR, or else under the sample batch $TOP/samples/inbox
 * that make test generates, inside the bundles too (docs/xml-parser.md).
 */
#include "tests/unit/harness.h"
#include "tests/unit/xmltrace.h"
#include "tests/unit/zipfix.h"
#include "common/strbuf.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DECL	  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
#define WNS	  "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define ROOT	  "<w:document xmlns:w=\"" WNS "\"><w:body>"
#define END	  "</w:body></w:document>"
#define DOC(body) DECL ROOT body END

struct xcase {
	const char *xml;
	int fast; /* in the subset */
};

static const struct xcase cases[] = {
    /* In the subset. */
    {DOC("<w:p><w:r><w:t xml:space=\"preserve\">中文 text</w:t></w:r></w:p>"), 1},
    {DOC("<w:t>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</w:t>"), 1},
    {DOC("<w:t>&#x4E2D;&#20013;&#x1F600;&#65;&#9;&#13;&#10;&#x10FFFF;&#xFFFD;</w:t>"), 1},
    {DOC("<w:t w:val=\"&#x4E2D;&#13;&#10;&#9;&amp;&lt;\">x</w:t>"), 1},
    {DOC("<w:t w:val='a\"b' w:x=\"it's\" w:y='&apos;&quot;'>q</w:t>"), 1},
    {DOC("<w:p xmlns:w=\"urn:other\"><w:t>other</w:t></w:p><w:p><w:t>main</w:t></w:p>"), 1},
    {DOC("<p xmlns=\"" WNS "\"><t>default</t><q xmlns=\"\"><t>none</t></q></p>"), 1},
    {DOC("<w:p xmlns:x=\"urn:x\" x:a=\"1\"><x:t>inner</x:t></w:p><w:p/>"), 1},
    {DOC("<w:br/><w:p /><w:p></w:p><w:p\r\n w:a=\"1\"\n\t/>"), 1},
    {DOC("<w:t>a\r\nb\rc\nd\r\r\n</w:t>"), 1},
    {DOC("<w:t w:v=\"a\r\nb\tc\nd\re  f\r\">x</w:t>"), 1},
    {DOC("<w:t>\n  </w:t>\n  <w:p>  </w:p  >\n"), 1},
    {DOC("<w:t>a > b ]> c ]] d ] ></w:t><w:t w:v=\"a>b]]>c\"/>"), 1},
    {DOC("<w:t>\xF0\x9F\x98\x80 \xC2\x85 \xEF\xBF\xBD \x7F</w:t>"), 1},
    {DOC("<w:t xml:lang=\"zh-CN\" w:a.b-c_d=\"1\">x</w:t>"), 1},
    {ROOT "<w:t>no declaration</w:t>" END, 1},
    {"\xEF\xBB\xBF" DECL ROOT "<w:t>bom</w:t>" END "\n\n", 1},
    {"<?xml version='1.0' encoding='utf-8'?>" ROOT END, 1},
    {"<?xml version=\"1.0\" standalone='no' ?>\r\n" ROOT END, 1},
    {"<?xml version=\"1.0\"?>" ROOT END, 1},
    {DOC("<w:p w:a=\"1\" a=\"2\" w:b=\"\" b=''/>"), 1},

    /* Outside the subset: expat decides (errors included). */
    {DECL "<!DOCTYPE d [<!ENTITY x \"y\">]>" ROOT "&x;" END, 0},
    {DOC("<w:t><![CDATA[a<b]]></w:t>"), 0},
    {DOC("<!-- comment --><w:t>x</w:t>"), 0},
    {DOC("<?pi data?>"), 0},
    {DOC("<w:t>&nbsp;</w:t>"), 0},
    {DOC("<w:t>&#0;</w:t>"), 0},
    {DOC("<w:t>&#xD800;</w:t>"), 0},
    {DOC("<w:t>&#x110000;</w:t>"), 0},
    {DOC("<w:t>&#X41;</w:t>"), 0},
    {DOC("<w:t>&#x;</w:t>"), 0},
    {DOC("<w:t>&amp</w:t>"), 0},
    {DOC("<w:t>&#0000000065;</w:t>"), 0},
    {DECL ROOT "<w:p>", 0},
    {DOC("<w:p></w:r>"), 0},
    {DOC("<w:p></w:pp>"), 0},
    {DOC("<w:t>\xC3\x28</w:t>"), 0},
    {DOC("<w:t>\xED\xA0\x80</w:t>"), 0},
    {DOC("<w:t>\xC0\xAF</w:t>"), 0},
    {DOC("<w:t>\xEF\xBF\xBE</w:t>"), 0},
    {DOC("<w:t>\xF4\x90\x80\x80</w:t>"), 0},
    {DOC("<w:t>\xE4\xB8</w:t>"), 0},
    {DOC("<w:t w:v=\"a<b\"/>"), 0},
    {DOC("<w:t w:v=\"1\" w:v=\"2\"/>"), 0},
    {DOC("<w:t xmlns:a=\"urn:u\" xmlns:b=\"urn:u\" a:x=\"1\" b:x=\"2\"/>"), 0},
    {DOC("<w:t xmlns:a=\"urn:u\" xmlns:b=\"urn:v\" a:x=\"1\" b:x=\"2\"/>"), 0},
    {DOC("<z:p/>"), 0},
    {DOC("<w:p z:a=\"1\"/>"), 0},
    {DOC("<w:p xmlns:q=\"\"/>"), 0},
    {DOC("<w:p xmlns:xml=\"urn:x\"/>"), 0},
    {DOC("<w:p xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"/>"), 0},
    {DOC("<w:p xmlns:xmlns=\"urn:x\"/>"), 0},
    {DOC("<w:p xmlns:a=\"http://www.w3.org/2000/xmlns/\"/>"), 0},
    {DOC("<w:p xmlns=\"http://www.w3.org/XML/1998/namespace\"/>"), 0},
    {DOC("<w:p xmlns:a=\"urn:a b\"/>"), 0},
    {DOC("<w:p xmlns:a=\"urn:a\nb\"/>"), 0},
    {DOC("<w:p xmlns:a=\"urn:&amp;\"/>"), 0},
    {DOC("<w:\xE6\xAE\xB5/>"), 0},
    {DOC("<w:t>a ]]> b</w:t>"), 0},
    {DOC("<w:t>\x01</w:t>"), 0},
    {DOC("<w:t>\x0B</w:t>"), 0},
    {"<?xml version=\"1.0\" encoding=\"GB2312\"?>" ROOT END, 0},
    {"<?xml version=\"1.1\"?>" ROOT END, 0},
    {"<?xml version=\"1.0\" standalone=\"maybe\"?>" ROOT END, 0},
    {"<?xml version=\"1.0\" standalone=\"?>" ROOT END, 0},
    {" " DECL ROOT END, 0},
    {DOC("") "junk", 0},
    {DOC("") "<w:p/>", 0},
    {"", 0},
    {"   ", 0},
    {DOC("<w:p w:a=\"1\"w:b=\"2\"/>"), 0},
    {DOC("<a:b:c/>"), 0},
    {DOC("<w:1/>"), 0},
    {DOC("<w:p :a=\"1\"/>"), 0},
    {DOC("<w:p w:=\"1\"/>"), 0},
    {DOC("<w:p w:a=1/>"), 0},
    {DOC("<w:p w:a/>"), 0},
    {DOC("<w:p w:a = \"1\" / >"), 0},
    {DOC("< w:p/>"), 0},
    {DOC("<xmlns:p/>"), 0},
    {"<?xml-stylesheet href=\"a\"?>" ROOT END, 0},
};

static void pack(const char *xml, struct strbuf *zip)
{
	static const char types[] = "<Types xmlns=\"http://schemas.openxmlformats.org/package/"
				    "2006/content-types\"/>";
	struct zipfix_part parts[] = {
	    {"[Content_Types].xml", types},
	    {"word/document.xml", xml},
	};

	strbuf_reset(zip);
	if (zipfix_write_mem(zip, parts, 2))
		test_fail(__FILE__, __LINE__, "cannot pack a part");
}

/*
 * Both ways; returns the fast path's use.  A difference is a failure,
 * reported with the case's label.
 */
static int both_ways(const char *label, const char *xml, unsigned max_depth, size_t max_bytes,
		     unsigned stop_at)
{
	struct strbuf zip = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT, diff = STRBUF_INIT;
	struct ooxml_src src = {NULL, NULL, 0};
	int fa = 0, fb = 0;

	pack(xml, &zip);
	src.buf = zip.buf;
	src.len = zip.len;
	xmltrace_part(&src, "word/document.xml", 1, max_depth, max_bytes, stop_at, &a, &fa);
	xmltrace_part(&src, "word/document.xml", 0, max_depth, max_bytes, stop_at, &b, &fb);
	if (fb)
		test_fail(__FILE__, __LINE__, "%s: the fast path ran while switched off", label);
	if (strcmp(a.buf, b.buf)) {
		xmltrace_diff(&diff, label, a.buf, b.buf);
		test_fail(__FILE__, __LINE__, "%s", diff.buf);
	}
	strbuf_release(&zip);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&diff);
	return fa;
}

TEST(edge_cases_same_as_expat)
{
	char label[32];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int fast;

		snprintf(label, sizeof(label), "case %zu", i);
		fast = both_ways(label, cases[i].xml, 256, 1u << 20, 0);
		if (fast != cases[i].fast)
			test_fail(__FILE__, __LINE__, "case %zu: fast path %s, expected %s: %s", i,
				  fast ? "taken" : "not taken",
				  cases[i].fast ? "taken" : "not taken", cases[i].xml);
	}
}

/* A document of n paragraphs, each with attributes, text, a reference and a line break. */
static void big_doc(struct strbuf *xml, size_t n, const char *tail)
{
	strbuf_reset(xml);
	strbuf_addstr(xml, DECL ROOT);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(
		    xml,
		    "<w:p w:rsidR=\"%06zX\"><w:r><w:t xml:space=\"preserve\">段落 %zu &amp; "
		    "more\r\n</w:t></w:r></w:p>\n",
		    i, i);
	strbuf_addstr(xml, tail);
	strbuf_addstr(xml, END);
}

TEST(stops_where_expat_stops)
{
	struct strbuf xml = STRBUF_INIT;
	char label[32];

	big_doc(&xml, 20, "<w:br/>");
	for (unsigned k = 1; k <= 90; k++) {
		snprintf(label, sizeof(label), "stop at %u", k);
		assert_true(both_ways(label, xml.buf, 256, 1u << 20, k));
	}
	strbuf_release(&xml);
}

TEST(large_parts_and_limits)
{
	struct strbuf xml = STRBUF_INIT;

	/* Several 64 KiB chunks, in the subset. */
	big_doc(&xml, 5000, "");
	assert_true(xml.len > 4 * 65536);
	assert_true(both_ways("large", xml.buf, 256, 1u << 20, 0));
	/* The same with an error at the end: expat, after the same events. */
	big_doc(&xml, 5000, "&bogus;");
	assert_true(!both_ways("large, error at the end", xml.buf, 256, 1u << 20, 0));
	/* Over the part limit: the events before the limit, then the limit's error. */
	big_doc(&xml, 5000, "");
	assert_true(!both_ways("over max_bytes", xml.buf, 256, 100000, 0));
	assert_true(!both_ways("over max_bytes, stopped", xml.buf, 256, 100000, 3));
	strbuf_release(&xml);
}

static void nested(struct strbuf *xml, size_t depth)
{
	strbuf_reset(xml);
	strbuf_addstr(xml, DECL ROOT);
	for (size_t i = 0; i < depth; i++)
		strbuf_addstr(xml, "<w:p>");
	strbuf_addstr(xml, "x");
	for (size_t i = 0; i < depth; i++)
		strbuf_addstr(xml, "</w:p>");
	strbuf_addstr(xml, END);
}

TEST(depth_limits)
{
	struct strbuf xml = STRBUF_INIT;

	/* Deeper than the reader allows but within the scanner's bound: the reader's error. */
	nested(&xml, 300);
	assert_true(both_ways("300 deep", xml.buf, 256, 1u << 20, 0));
	nested(&xml, 250);
	assert_true(both_ways("250 deep", xml.buf, 256, 1u << 20, 0));
	/* Beyond the scanner's bound: expat. */
	nested(&xml, 5000);
	assert_true(!both_ways("5000 deep", xml.buf, 256, 1u << 20, 0));
	strbuf_release(&xml);
}

TEST(many_attributes)
{
	struct strbuf xml = STRBUF_INIT;

	strbuf_addstr(&xml, DECL ROOT "<w:p");
	for (int i = 0; i < 64; i++)
		strbuf_addf(&xml, " w:a%d=\"%d\"", i, i);
	strbuf_addstr(&xml, "/>" END);
	assert_true(both_ways("64 attributes", xml.buf, 256, 1u << 20, 0));
	strbuf_reset(&xml);
	strbuf_addstr(&xml, DECL ROOT "<w:p");
	for (int i = 0; i < 65; i++)
		strbuf_addf(&xml, " w:a%d=\"%d\"", i, i);
	strbuf_addstr(&xml, "/>" END);
	assert_true(!both_ways("65 attributes", xml.buf, 256, 1u << 20, 0));
	strbuf_release(&xml);
}

struct tally {
	size_t npkg, nparts, nfast;
};

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && !strcmp(s + n - k, suffix);
}

static int is_bundle(const char *name)
{
	return ends_with(name, ".zip") || ends_with(name, ".7z") || ends_with(name, ".tar.gz") ||
	       ends_with(name, ".rar");
}

static void compare_package(const char *what, const struct ooxml_src *src, struct tally *t)
{
	struct strbuf diff = STRBUF_INIT;

	t->npkg++;
	if (xmltrace_compare_package(src, &diff, &t->nparts, &t->nfast))
		test_fail(__FILE__, __LINE__, "%s: %s", what, diff.buf);
	strbuf_release(&diff);
}

/* The packages inside a bundle (a file, or buf[0..len) when path is NULL), and in bundles in it. */
static void walk_bundle(const char *path, const void *buf, size_t len, int depth, struct tally *t)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	struct strbuf data = STRBUF_INIT;
	int r;

	archive_read_support_format_all(a);
	archive_read_support_filter_all(a);
	r = path ? archive_read_open_filename(a, path, 65536)
		 : archive_read_open_memory(a, buf, len);
	/* ARCHIVE_WARN: a name in a legacy code page, still readable. */
	while (r == ARCHIVE_OK && archive_read_next_header(a, &e) >= ARCHIVE_WARN) {
		const char *name = archive_entry_pathname(e);
		static char chunk[65536];
		la_ssize_t n;
		int pkg;

		if (!name)
			name = archive_entry_pathname_utf8(e);
		if (!name)
			continue;
		pkg = ends_with(name, ".docx") || ends_with(name, ".xlsx");
		if (!pkg && !(depth < 2 && is_bundle(name)))
			continue;
		strbuf_reset(&data);
		while ((n = archive_read_data(a, chunk, sizeof(chunk))) > 0)
			strbuf_add(&data, chunk, (size_t)n);
		if (pkg) {
			struct ooxml_src src = {NULL, data.buf, data.len};

			compare_package(name, &src, t);
		} else {
			walk_bundle(NULL, data.buf, data.len, depth + 1, t);
		}
	}
	strbuf_release(&data);
	archive_read_free(a);
}

static void walk(const char *dir, struct tally *t)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char path[4096];
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			walk(path, t);
		} else if (ends_with(path, ".docx") || ends_with(path, ".xlsx")) {
			struct ooxml_src src = {path, NULL, 0};

			compare_package(path, &src, t);
		} else if (is_bundle(path)) {
			walk_bundle(path, NULL, 0, 0, t);
		}
	}
	closedir(d);
}

TEST(packages_in_dir)
{
	const char *dir = getenv("XMLSCAN_DIFF_DIR"), *top = getenv("TOP");
	char inbox[4096];
	struct tally t = {0, 0, 0};

	if (!dir && top) {
		snprintf(inbox, sizeof(inbox), "%s/samples/inbox", top);
		dir = inbox;
	}
	if (!dir) {
		test_skip("neither XMLSCAN_DIFF_DIR nor TOP (tests/run.sh) set");
		return;
	}
	walk(dir, &t);
	printf("%s: %zu packages, %zu XML parts compared, %zu by the fast path\n", dir, t.npkg,
	       t.nparts, t.nfast);
	assert_true(t.npkg > 0);
}

TEST_MAIN(TEST_ENTRY(edge_cases_same_as_expat), TEST_ENTRY(stops_where_expat_stops),
	  TEST_ENTRY(large_parts_and_limits), TEST_ENTRY(depth_limits), TEST_ENTRY(many_attributes),
	  TEST_ENTRY(packages_in_dir))
