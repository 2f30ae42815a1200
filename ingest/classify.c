/*
 * classify.c - what each file of a bundle is.
 *
 * Forms and summary tables are known by their content (their printed
 * title), never by their file name alone: enterprises name their files
 * anything.  The name is only a fallback, for a form sent in a format we
 * cannot read (.doc, .pdf, a scan), so that the application is still
 * counted and normalize can ask for a .docx.  Attachments are known by
 * keywords in their names.
 */
#include "ingest/internal.h"

#include "common/docx.h"
#include "common/fsutil.h"
#include "common/utf8.h"
#include "common/log.h"
#include "common/regex.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "common/xlsx.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TITLE_PLATFORM "江苏省重点工业互联网平台申报书"
#define TITLE_FACTORY  "江苏省工业互联网标杆工厂申报书"
#define TITLE_SUMMARY  "申报情况汇总表"
/* Titles and cover fields sit on the first pages: no need to read further. */
#define HEAD_TEXT_BYTES	  (64 * 1024)
#define HEAD_BINARY_BYTES (4 * 1024 * 1024)

const char *file_kind_name(enum file_kind k)
{
	switch (k) {
	case FILE_OTHER:
		return "other";
	case FILE_ARCHIVE:
		return "archive";
	case FILE_FORM_PLATFORM:
		return "form_platform";
	case FILE_FORM_FACTORY:
		return "form_factory";
	case FILE_SUMMARY_PLATFORM:
		return "summary_platform";
	case FILE_SUMMARY_FACTORY:
		return "summary_factory";
	case FILE_SUMMARY:
		return "summary";
	case FILE_ATTACHMENT:
		return "attachment";
	}
	BUG("file kind %d", (int)k);
}

struct keyword {
	const char *words; /* '|'-separated */
	const char *kind;
};

/* Order matters: 专项审计报告 before 审计报告, 信用承诺书 before 申报书. */
static const struct keyword attachment_words[] = {
    {"专项审计", "专项审计报告"},
    {"审计", "审计报告"},
    {"营业执照", "营业执照"},
    {"发票", "发票"},
    {"承诺书", "信用承诺书"},
    {"合同|协议", "合同"},
    {"专利|知识产权|著作权|软著", "专利/知识产权"},
    {"荣誉|获奖|奖状|证书", "荣誉"},
};

static int has_any(const char *text, const char *words)
{
	char buf[128];

	while (*words) {
		size_t n = strcspn(words, "|");

		if (n < sizeof(buf)) {
			memcpy(buf, words, n);
			buf[n] = '\0';
			if (strstr(text, buf))
				return 1;
		}
		words += n;
		if (*words)
			words++;
	}
	return 0;
}

static const char *attachment_kind(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(attachment_words); i++)
		if (has_any(name, attachment_words[i].words))
			return attachment_words[i].kind;
	return NULL;
}

static int is_document_ext(const char *ext)
{
	static const char *const exts[] = {"pdf", "jpg",  "jpeg", "png", "tif",	 "tiff", "bmp",
					   "gif", "doc",  "docx", "xls", "xlsx", "wps",	 "et",
					   "ppt", "pptx", "ofd",  "txt", "md",	 "rtf"};

	for (size_t i = 0; i < ARRAY_SIZE(exts); i++)
		if (!strcmp(ext, exts[i]))
			return 1;
	return 0;
}

/* Search the first bytes of a binary file (.doc, .wps, .xls) for a UTF-16LE title. */
static int binary_has_title(const char *blob_path, const char *utf8_title)
{
	unsigned char pattern[128];
	size_t plen = 0, off = 0, len = strlen(utf8_title);
	static char buf[HEAD_BINARY_BYTES];
	ssize_t n;
	int fd, found = 0;

	while (off < len && plen + 2 <= sizeof(pattern)) {
		unsigned cp;
		size_t k = utf8_decode(utf8_title + off, len - off, &cp);

		if (!k || cp > 0xFFFF)
			return 0;
		pattern[plen++] = (unsigned char)(cp & 0xFF);
		pattern[plen++] = (unsigned char)(cp >> 8);
		off += k;
	}
	fd = open(blob_path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n > 0 && memmem(buf, (size_t)n, pattern, plen))
		found = 1;
	return found;
}

/* The text after a label on the same line (up to a tab or newline), trimmed. */
static char *value_after(const char *text, const char *pattern)
{
	static pcre2_code *cache[4];
	static const char *cached_pattern[4];
	pcre2_code *re = NULL;
	pcre2_match_data *md;
	char *res = NULL;
	size_t slot;

	for (slot = 0; slot < ARRAY_SIZE(cache) && cached_pattern[slot]; slot++)
		if (cached_pattern[slot] == pattern) {
			re = cache[slot];
			break;
		}
	if (!re) {
		struct strbuf err = STRBUF_INIT;

		re = regex_compile(pattern, 0, &err, "classify");
		if (!re)
			BUG("%s", err.buf);
		if (slot < ARRAY_SIZE(cache)) {
			cache[slot] = re;
			cached_pattern[slot] = pattern;
		}
	}
	md = pcre2_match_data_create_from_pattern(re, NULL);
	if (regex_match(re, text, strlen(text), 0, 0, md) >= 2) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		struct strbuf sb = STRBUF_INIT;

		strbuf_add(&sb, text + ov[2], ov[3] - ov[2]);
		strbuf_trim(&sb);
		if (sb.len)
			res = strbuf_detach(&sb, NULL);
		strbuf_release(&sb);
	}
	pcre2_match_data_free(md);
	if (slot >= ARRAY_SIZE(cache))
		pcre2_code_free(re);
	return res;
}

/* Patterns (pointer identity is the cache key in value_after). */
static const char re_applicant[] = "申报单位\\s*[（(]\\s*盖章\\s*[）)]\\s*[:：]?[\\s]*([^\\t\\n]+)";
static const char re_company[] = "企业名称[^\\t\\n]*\\t\\s*([^\\t\\n]+)";
/*
 * An enterprise named in a file name: "附件1：…申报书（江苏甲科技有限公司）.docx".
 * A name ending in 公司 anywhere in it first, and the whole of it
 * (江苏乙电力设备集团有限公司, not 江苏乙电力设备集团); else one ending in 集团
 * or 厂, which the form's own title (…标杆工厂申报书) is not.  One group for
 * both branches ((?|...)).
 */
static const char re_name_in_file[] =
    "^(?|.*?([^（(：:\\-_/、\\s\\d.]{2,40}(?:有限公司|有限责任公司|公司))"
    "|.*?([^（(：:\\-_/、\\s\\d.]{2,40}?(?:集团|厂))(?<!标杆工厂))";
static const char re_unit[] = "推荐单位\\s*(?:[（(]\\s*盖章\\s*[）)])?\\s*[:：]?[ \\t]*([^\\n]*)";

static void classify_text(struct bundle_file *f, const char *text)
{
	if (strstr(text, TITLE_SUMMARY)) {
		/*
		 * Only a label for the file lists: normalize types each table
		 * of the file by its own header and title, whatever this says.
		 */
		int factory = strstr(text, "标杆工厂") != NULL;
		int platform = strstr(text, "工业互联网平台") != NULL;

		f->kind = factory == platform ? FILE_SUMMARY
			  : factory	      ? FILE_SUMMARY_FACTORY
					      : FILE_SUMMARY_PLATFORM;
		f->unit_text = value_after(text, re_unit);
		return;
	}
	if (strstr(text, TITLE_PLATFORM))
		f->kind = FILE_FORM_PLATFORM;
	else if (strstr(text, TITLE_FACTORY))
		f->kind = FILE_FORM_FACTORY;
	else
		return;
	f->enterprise = value_after(text, re_applicant);
	if (!f->enterprise)
		f->enterprise = value_after(text, re_company);
}

/* A form we cannot read, known by its name only: still an application. */
static void classify_by_name(struct bundle_file *f, const char *base, const char *ext)
{
	if (strstr(base, "申报书") && !strstr(base, "承诺书")) {
		f->kind = strstr(base, "标杆工厂") ? FILE_FORM_FACTORY : FILE_FORM_PLATFORM;
		return;
	}
	if (strstr(base, TITLE_SUMMARY) || strstr(base, "汇总表")) {
		f->kind = strstr(base, "标杆工厂") ? FILE_SUMMARY_FACTORY : FILE_SUMMARY_PLATFORM;
		return;
	}
	f->attachment_kind = attachment_kind(base);
	if (f->attachment_kind)
		f->kind = FILE_ATTACHMENT;
	else if (is_document_ext(ext))
		f->kind = FILE_ATTACHMENT, f->attachment_kind = "其他附件";
}

void classify_file(struct bundle_ctx *b, struct bundle_file *f, const char *blob_path)
{
	const char *base = path_basename(f->path);
	struct strbuf text = STRBUF_INIT, err = STRBUF_INIT;
	char ext[16];
	int have_text = 0;

	path_ext(base, ext);
	f->kind = FILE_OTHER;
	if (!blob_path) {
		/* no copy of the content: by name only */
	} else if (!strcmp(ext, "docx") || !strcmp(ext, "docm")) {
		have_text = !docx_extract_text(blob_path, HEAD_TEXT_BYTES, &text, &err);
	} else if (!strcmp(ext, "xlsx") || !strcmp(ext, "xlsm")) {
		have_text = !xlsx_extract_text(blob_path, HEAD_TEXT_BYTES, &text, &err);
	} else if (!strcmp(ext, "doc") || !strcmp(ext, "wps")) {
		if (binary_has_title(blob_path, TITLE_PLATFORM))
			f->kind = FILE_FORM_PLATFORM;
		else if (binary_has_title(blob_path, TITLE_FACTORY))
			f->kind = FILE_FORM_FACTORY;
	} else if (!strcmp(ext, "xls") || !strcmp(ext, "et")) {
		if (binary_has_title(blob_path, "标杆工厂申报情况汇总表"))
			f->kind = FILE_SUMMARY_FACTORY;
		else if (binary_has_title(blob_path, "平台申报情况汇总表"))
			f->kind = FILE_SUMMARY_PLATFORM;
	}
	if (have_text)
		classify_text(f, text.buf);
	else if (err.len)
		debug("ingest: %s: %s: not read as a document (%s)", b->inbox_name, f->path,
		      err.buf);
	if (f->kind == FILE_OTHER)
		classify_by_name(f, base, ext);
	/* A form whose cover could not be read still names its enterprise in its file name. */
	if ((f->kind == FILE_FORM_PLATFORM || f->kind == FILE_FORM_FACTORY) && !f->enterprise) {
		f->enterprise = value_after(base, re_name_in_file);
		if (!f->enterprise && base > f->path) {
			/* "4.江苏甲科技有限公司/申报书.doc": the enterprise's folder. */
			char *dir = xstrndup(f->path, (size_t)(base - f->path - 1));

			f->enterprise = value_after(path_basename(dir), re_name_in_file);
			free(dir);
		}
	}
	strbuf_release(&text);
	strbuf_release(&err);
}
