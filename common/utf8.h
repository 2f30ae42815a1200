/*
 * utf8.h - UTF-8 validation and conversion from the Chinese legacy encodings.
 *
 * Names and texts from Chinese Windows tools arrive in GBK (CP936) without
 * any marker.  The rule everywhere in iireview: bytes that are valid UTF-8
 * are taken as UTF-8; anything else is read as GB18030 (a superset of GBK
 * and GB2312); bytes that are neither are kept visible as \xNN escapes so
 * that nothing is silently dropped and every stored string is valid UTF-8.
 */
#ifndef IIREVIEW_UTF8_H
#define IIREVIEW_UTF8_H

#include <stddef.h>

struct strbuf;

/* 1 when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t len);

/*
 * Decode one code point at s (at most len bytes).  Returns its length in
 * bytes and stores it in *cp; returns 0 on a malformed sequence.
 */
size_t utf8_decode(const char *s, size_t len, unsigned *cp);

/*
 * 1 when s (avail bytes) starts with a three-byte character led by E1..EC,
 * EE or EF: always well-formed (never overlong, never a surrogate), and the
 * form of nearly every Chinese character.  Inline for the loops that walk
 * text byte by byte; anything else goes to utf8_decode.
 */
static inline int utf8_plain3(const char *s, size_t avail)
{
	const unsigned char *u = (const unsigned char *)s;

	return avail >= 3 && u[0] > 0xE0 && u[0] <= 0xEF && u[0] != 0xED && (u[1] & 0xC0) == 0x80 &&
	       (u[2] & 0xC0) == 0x80;
}

/* The code point of a sequence utf8_plain3 accepted. */
static inline unsigned utf8_plain3_cp(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	return ((unsigned)(u[0] & 0x0F) << 12) | ((unsigned)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
}

/*
 * Convert GB18030/GBK bytes to UTF-8, appending to out.  Returns 0 when the
 * whole input converted, -1 when some bytes were not GB18030 (those are
 * appended as \xNN escapes).
 */
int gbk_to_utf8(const char *s, size_t len, struct strbuf *out);

/*
 * Append s to out as UTF-8 following the rule above: as is when valid
 * UTF-8, else converted from GB18030.  Returns 1 when a conversion from
 * GB18030 happened, 0 when the input was UTF-8, -1 when escapes were needed.
 */
int to_utf8(const char *s, size_t len, struct strbuf *out);

#endif
