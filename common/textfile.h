/*
 * textfile.h - read a .txt / .md form as UTF-8, whatever Windows saved it as.
 *
 * Chinese Notepad saves ANSI (GBK), UTF-8 with or without a BOM, or
 * "Unicode" (UTF-16LE with a BOM).  The text is given back as UTF-8 with
 * the BOM stripped and line ends made '\n' (CRLF and lone CR), so that the
 * extractors see one form.  GBK is decided by common/utf8.h's rule (valid
 * UTF-8 is UTF-8, anything else GB18030, undecodable bytes kept as \xNN).
 */
#ifndef IIREVIEW_TEXTFILE_H
#define IIREVIEW_TEXTFILE_H

#include <stddef.h>

struct strbuf;

enum textfile_enc {
	TEXTFILE_UTF8,
	TEXTFILE_UTF8_BOM,
	TEXTFILE_GB18030,
	TEXTFILE_UTF16LE, /* with a BOM, or without one when the NUL pattern says so */
	TEXTFILE_UTF16BE
};

struct textfile_info {
	enum textfile_enc enc;
	int lossy; /* some bytes could not be decoded: kept as \xNN or U+FFFD */
};

/* Default size limit of textfile_read: 16 MiB. */
#define TEXTFILE_MAX_DEFAULT (16u << 20)

/*
 * Read the file at path (at most max_bytes, 0: TEXTFILE_MAX_DEFAULT; a
 * bigger file is an error, not cut) and append its text as UTF-8 to out.
 * info may be NULL.  Returns 0, or -1 with one line in err (reset first):
 * cannot open or read, too big, or binary (NUL bytes that are not UTF-16).
 * out is left as it was on error.
 */
int textfile_read(const char *path, size_t max_bytes, struct strbuf *out,
		  struct textfile_info *info, struct strbuf *err);

/* The same for bytes in memory (no size limit but len). */
int textfile_decode(const void *buf, size_t len, struct strbuf *out, struct textfile_info *info,
		    struct strbuf *err);

#endif
