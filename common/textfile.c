#include "textfile.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Convert UTF-16 to UTF-8 with iconv; undecodable units become U+FFFD.  Returns 1 when lossy. */
static int utf16_to_utf8(const char *s, size_t len, int be, struct strbuf *out)
{
	iconv_t cd = iconv_open("UTF-8", be ? "UTF-16BE" : "UTF-16LE");
	char *in = (char *)s;
	size_t inleft = len;
	int lossy = 0;

	if (cd == (iconv_t)-1) {
		/* No converter: keep the bytes visible rather than lose them. */
		for (size_t i = 0; i < len; i++)
			strbuf_addf(out, "\\x%02X", (unsigned char)s[i]);
		return 1;
	}
	while (inleft) {
		char buf[4096], *o = buf;
		size_t oleft = sizeof(buf);
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);

		strbuf_add(out, buf, sizeof(buf) - oleft);
		if (r == (size_t)-1 && errno != E2BIG) {
			/* EILSEQ (lone surrogate) or EINVAL (odd final byte): skip one unit. */
			size_t skip = inleft >= 2 ? 2 : inleft;

			strbuf_add_utf8(out, 0xFFFD);
			in += skip;
			inleft -= skip;
			lossy = 1;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	iconv_close(cd);
	return lossy;
}

/*
 * UTF-16 without a BOM shows as NUL bytes in every other position for
 * ASCII-heavy text.  Returns 1 for LE, 2 for BE, 0 when it does not look so.
 */
static int guess_utf16(const unsigned char *s, size_t len)
{
	size_t n = len < 4096 ? len : 4096, even = 0, odd = 0;

	if (len % 2 || n < 2)
		return 0;
	for (size_t i = 0; i + 1 < n; i += 2) {
		even += !s[i];
		odd += !s[i + 1];
	}
	if (odd * 4 >= n && even * 20 < n)
		return 1;
	if (even * 4 >= n && odd * 20 < n)
		return 2;
	return 0;
}

/* Append s with CRLF and lone CR turned into LF. */
static void add_lf(struct strbuf *out, const char *s, size_t len)
{
	size_t start = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] != '\r')
			continue;
		strbuf_add(out, s + start, i - start);
		strbuf_addch(out, '\n');
		if (i + 1 < len && s[i + 1] == '\n')
			i++;
		start = i + 1;
	}
	strbuf_add(out, s + start, len - start);
}

int textfile_decode(const void *buf, size_t len, struct strbuf *out, struct textfile_info *info,
		    struct strbuf *err)
{
	const unsigned char *u = buf;
	const char *s = buf;
	struct strbuf tmp = STRBUF_INIT;
	struct textfile_info dummy;
	int le_be = 0, r;

	if (!info)
		info = &dummy;
	memset(info, 0, sizeof(*info));
	strbuf_reset(err);
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		info->enc = TEXTFILE_UTF8_BOM;
		s += 3;
		len -= 3;
	} else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		le_be = 1;
		s += 2;
		len -= 2;
	} else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		le_be = 2;
		s += 2;
		len -= 2;
	} else if (memchr(s, 0, len)) {
		le_be = guess_utf16(u, len);
		if (!le_be) {
			strbuf_addstr(err, "NUL bytes in the file: binary, not text");
			return -1;
		}
	}
	if (le_be) {
		info->enc = le_be == 1 ? TEXTFILE_UTF16LE : TEXTFILE_UTF16BE;
		info->lossy = utf16_to_utf8(s, len, le_be == 2, &tmp);
	} else {
		r = to_utf8(s, len, &tmp);
		if (r) /* not UTF-8 (even after a UTF-8 BOM): the bytes decide */
			info->enc = TEXTFILE_GB18030;
		info->lossy = r < 0;
	}
	/* A decoded U+0000 would cut C strings downstream. */
	if (memchr(tmp.buf, 0, tmp.len)) {
		strbuf_release(&tmp);
		strbuf_addstr(err, "NUL characters in the text: binary, not text");
		return -1;
	}
	add_lf(out, tmp.buf, tmp.len);
	strbuf_release(&tmp);
	return 0;
}

int textfile_read(const char *path, size_t max_bytes, struct strbuf *out,
		  struct textfile_info *info, struct strbuf *err)
{
	struct strbuf data = STRBUF_INIT;
	struct stat st;
	int fd, ret = -1;

	if (!max_bytes)
		max_bytes = TEXTFILE_MAX_DEFAULT;
	strbuf_reset(err);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		strbuf_addf(err, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		strbuf_addf(err, "%s: not a regular file", path);
		goto out;
	}
	/* Read up to one byte past the limit so that a growing file is caught too. */
	for (;;) {
		ssize_t n;

		strbuf_grow(&data, 65536);
		n = read(fd, data.buf + data.len, data.alloc - data.len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			strbuf_addf(err, "%s: cannot read: %s", path, strerror(errno));
			goto out;
		}
		if (!n)
			break;
		strbuf_setlen(&data, data.len + (size_t)n);
		if (data.len > max_bytes) {
			strbuf_addf(err, "%s: larger than the limit of %zu bytes", path, max_bytes);
			goto out;
		}
	}
	if (textfile_decode(data.buf, data.len, out, info, err)) {
		struct strbuf why = STRBUF_INIT;

		strbuf_addf(&why, "%s: %s", path, err->buf);
		strbuf_reset(err);
		strbuf_add(err, why.buf, why.len);
		strbuf_release(&why);
		goto out;
	}
	ret = 0;
out:
	close(fd);
	strbuf_release(&data);
	return ret;
}
