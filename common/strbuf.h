/*
 * strbuf.h - a growable byte string.
 *
 * Invariants (as in git's strbuf): buf is never NULL, buf[len] is always
 * '\0', and alloc > len once anything has been added.  A strbuf may hold
 * NUL bytes; functions that treat it as a C string say so.
 *
 *	struct strbuf sb = STRBUF_INIT;
 *	strbuf_addf(&sb, "%s/%s", dir, name);
 *	use(sb.buf);
 *	strbuf_release(&sb);
 */
#ifndef IIREVIEW_STRBUF_H
#define IIREVIEW_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT                                                                                \
	{                                                                                          \
		0, 0, strbuf_slopbuf                                                               \
	}

void strbuf_init(struct strbuf *sb, size_t hint);
/* Free the buffer and return sb to STRBUF_INIT. */
void strbuf_release(struct strbuf *sb);
/* Hand the buffer to the caller (who frees it); sb becomes empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
/* Make room for at least extra more bytes. */
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_setlen(struct strbuf *sb, size_t len);
#define strbuf_reset(sb) strbuf_setlen((sb), 0)

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
/*
 * Inline: the readers and normalizers append text a character at a time,
 * and a call into strbuf_grow for every byte cost more than the byte.
 * alloc - len > 1 means there is room for c and the terminating NUL
 * (alloc is 0 or > len, so the subtraction cannot wrap).
 */
static inline void strbuf_addch(struct strbuf *sb, int c)
{
	if (sb->alloc - sb->len <= 1)
		strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Append the code point cp (< 0x110000, not a surrogate) as UTF-8. */
void strbuf_add_utf8(struct strbuf *sb, unsigned cp);

/* Remove ASCII white space (and U+3000, U+00A0) from both ends. */
void strbuf_trim(struct strbuf *sb);

#endif
