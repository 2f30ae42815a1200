#include "utf8.h"
#include "strbuf.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

size_t utf8_decode(const char *s, size_t len, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c, min;
	size_t n;

	if (!len)
		return 0;
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		n = 2, c &= 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3, c &= 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

int utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	unsigned cp;

	while (i < len) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		/* Most Chinese text, checked without a call. */
		if (utf8_plain3(s + i, len - i)) {
			i += 3;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

int gbk_to_utf8(const char *s, size_t len, struct strbuf *out)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char *in = (char *)s;
	size_t inleft = len;
	int ret = 0;

	if (cd == (iconv_t)-1) {
		/* No converter in this libc: keep the bytes visible. */
		for (size_t i = 0; i < len; i++)
			strbuf_addf(out, "\\x%02X", (unsigned char)s[i]);
		return -1;
	}
	while (inleft) {
		char buf[1024], *o = buf;
		size_t oleft = sizeof(buf);
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);

		strbuf_add(out, buf, sizeof(buf) - oleft);
		if (r == (size_t)-1 && errno != E2BIG) {
			/* EILSEQ or EINVAL (truncated): escape one byte, go on. */
			strbuf_addf(out, "\\x%02X", (unsigned char)*in);
			in++;
			inleft--;
			ret = -1;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	iconv_close(cd);
	return ret;
}

int to_utf8(const char *s, size_t len, struct strbuf *out)
{
	if (utf8_valid(s, len)) {
		strbuf_add(out, s, len);
		return 0;
	}
	return gbk_to_utf8(s, len, out) ? -1 : 1;
}
