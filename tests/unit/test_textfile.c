#include "tests/unit/harness.h"
#include "tests/unit/zipfix.h"
#include "common/docx.h"
#include "common/strbuf.h"
#include "common/textfile.h"

#include <stdio.h>
#include <string.h>

static const char *write_file(const char *name, const void *data, size_t len)
{
	const char *path = zipfix_path(name);
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len)
		test_fail(__FILE__, __LINE__, "cannot write %s", path);
	if (f)
		fclose(f);
	return path;
}

static void check(const void *data, size_t len, const char *expect, enum textfile_enc enc,
		  int lossy, int line)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct textfile_info info;

	if (textfile_read(write_file("t.txt", data, len), 0, &out, &info, &err))
		test_fail(__FILE__, line, "error: %s", err.buf);
	else if (strcmp(out.buf, expect) || info.enc != enc || info.lossy != lossy)
		test_fail(__FILE__, line, "got \"%s\" encoding %d (want %d) lossy=%d", out.buf,
			  (int)info.enc, (int)enc, info.lossy);
	strbuf_release(&out);
	strbuf_release(&err);
}

TEST(utf8_plain_and_bom)
{
	check("企业名称：无锡\n", strlen("企业名称：无锡\n"), "企业名称：无锡\n", TEXTFILE_UTF8, 0,
	      __LINE__);
	check("\xEF\xBB\xBF标题\r\n正文\r末", sizeof("\xEF\xBB\xBF标题\r\n正文\r末") - 1,
	      "标题\n正文\n末", TEXTFILE_UTF8_BOM, 0, __LINE__);
	check("", 0, "", TEXTFILE_UTF8, 0, __LINE__);
}

TEST(gbk)
{
	/* "申报书" in GBK, then an undecodable byte kept visible. */
	check("\xC9\xEA\xB1\xA8\xCA\xE9\r\n", 8, "申报书\n", TEXTFILE_GB18030, 0, __LINE__);
	check("\xC9\xEA\xFF", 3, "申\\xFF", TEXTFILE_GB18030, 1, __LINE__);
}

TEST(utf16_with_and_without_bom)
{
	/* "A申\r\n" */
	check("\xFF\xFE"
	      "A\0\x33\x75\r\0\n\0",
	      10, "A申\n", TEXTFILE_UTF16LE, 0, __LINE__);
	check("\xFE\xFF\0A\x75\x33\0\n", 8, "A申\n", TEXTFILE_UTF16BE, 0, __LINE__);
	/* No BOM, NULs in every other byte: UTF-16LE guessed. */
	check("a\0b\0c\0\n\0", 8, "abc\n", TEXTFILE_UTF16LE, 0, __LINE__);
	/* A lone surrogate and an odd final byte: U+FFFD, flagged. */
	check("\xFF\xFE"
	      "A\0\x00\xD8"
	      "B\0Z",
	      9,
	      "A\xEF\xBF\xBD"
	      "B\xEF\xBF\xBD",
	      TEXTFILE_UTF16LE, 1, __LINE__);
}

TEST(errors)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	const char *path;

	assert_eq_int(textfile_read("/nonexistent/a.txt", 0, &out, NULL, &err), -1);
	assert_true(strstr(err.buf, "cannot open") != NULL);
	path = write_file("big.txt", "0123456789", 10);
	assert_eq_int(textfile_read(path, 9, &out, NULL, &err), -1);
	assert_true(strstr(err.buf, "limit of 9 bytes") != NULL);
	assert_eq_int(textfile_read(path, 10, &out, NULL, &err), 0);
	assert_eq_str(out.buf, "0123456789");
	strbuf_reset(&out);
	path = write_file("bin.txt",
			  "\x7F"
			  "ELF\0\0\0\x01\x02\x03",
			  10);
	assert_eq_int(textfile_read(path, 0, &out, NULL, &err), -1);
	assert_true(strstr(err.buf, "binary") != NULL);
	assert_eq_int(out.len, 0);
	/* A UTF-16 U+0000 is refused too. */
	assert_eq_int(textfile_decode("\xFF\xFE"
				      "a\0\0\0",
				      6, &out, NULL, &err),
		      -1);
	assert_eq_int(textfile_read(test_tmpdir(), 0, &out, NULL, &err), -1);
	strbuf_release(&out);
	strbuf_release(&err);
}

TEST(marks_mapped_like_docx)
{
	/* The text path can map typed marks with the docx table. */
	assert_eq_int(docx_mark_of(0x25A1), DOCX_MARK_OFF);
	assert_eq_int(docx_mark_of(0x221A), DOCX_MARK_ON);
	assert_eq_int(docx_mark_of('x'), 0);
	assert_eq_int(docx_glyph_mark("Wingdings 2", 0x52), DOCX_MARK_ON);
	assert_eq_int(docx_glyph_mark("Arial", 0xF0FE), 0);
}

TEST_MAIN(TEST_ENTRY(utf8_plain_and_bom), TEST_ENTRY(gbk), TEST_ENTRY(utf16_with_and_without_bom),
	  TEST_ENTRY(errors), TEST_ENTRY(marks_mapped_like_docx))
