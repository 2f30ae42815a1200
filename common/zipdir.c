#include "zipdir.h"
#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EOCD_SIZE      22
#define EOCD64_SIZE    56
#define LOCATOR_SIZE   20
#define CENTRAL_SIZE   46
#define LOCAL_SIZE     30
#define MAX_COMMENT    65535
#define FLAG_ENCRYPTED 1u

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Exactly n bytes at base + off, inside the zip's len bytes; 0 or -1. */
static int read_at(int fd, uint64_t base, uint64_t len, uint64_t off, void *buf, size_t n)
{
	size_t got = 0;

	if (off > len || n > len - off)
		return -1;
	while (got < n) {
		ssize_t r = pread(fd, (char *)buf + got, n - got, (off_t)(base + off + got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

/* Find the end-of-central-directory record: its offset, or -1. */
static int64_t find_eocd(int fd, uint64_t base, uint64_t len, unsigned char **tail_out,
			 size_t *tail_len)
{
	size_t n = len < EOCD_SIZE + MAX_COMMENT ? (size_t)len : EOCD_SIZE + MAX_COMMENT;
	unsigned char *tail;

	if (n < EOCD_SIZE)
		return -1;
	tail = xmalloc(n);
	if (read_at(fd, base, len, len - n, tail, n)) {
		free(tail);
		return -1;
	}
	for (size_t i = n - EOCD_SIZE + 1; i-- > 0;)
		if (le32(tail + i) == 0x06054b50 &&
		    i + EOCD_SIZE + le16(tail + i + 20) == n) { /* the comment ends the file */
			*tail_out = tail;
			*tail_len = n;
			return (int64_t)(len - n + i);
		}
	free(tail);
	return -1;
}

/* The central directory's place and size, zip64 included; 0 or -1. */
static int central_dir(int fd, uint64_t base, uint64_t len, uint64_t *cd_off, uint64_t *cd_size,
		       uint64_t *entries)
{
	unsigned char *tail = NULL, loc[LOCATOR_SIZE], e64[EOCD64_SIZE];
	size_t tail_len = 0;
	int64_t eocd = find_eocd(fd, base, len, &tail, &tail_len);
	const unsigned char *e;

	if (eocd < 0)
		return -1;
	e = tail + (tail_len - (len - (uint64_t)eocd));
	*entries = le16(e + 10);
	*cd_size = le32(e + 12);
	*cd_off = le32(e + 16);
	free(tail);
	if (*entries != 0xFFFF && *cd_size != 0xFFFFFFFF && *cd_off != 0xFFFFFFFF)
		return 0;
	/* zip64: the locator sits just before the record. */
	if ((uint64_t)eocd < LOCATOR_SIZE ||
	    read_at(fd, base, len, (uint64_t)eocd - LOCATOR_SIZE, loc, sizeof(loc)) ||
	    le32(loc) != 0x07064b50 || read_at(fd, base, len, le64(loc + 8), e64, sizeof(e64)) ||
	    le32(e64) != 0x06064b50)
		return -1;
	*entries = le64(e64 + 32);
	*cd_size = le64(e64 + 40);
	*cd_off = le64(e64 + 48);
	return 0;
}

static const char *sort_names;

static int by_name(const void *x, const void *y)
{
	const struct zipdir_entry *a = x, *b = y;
	size_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
	int c = memcmp(sort_names + a->name_off, sort_names + b->name_off, n);

	if (c)
		return c;
	return a->name_len < b->name_len ? -1 : a->name_len > b->name_len;
}

/* The zip64 extra field's sizes and offset, for the fields that say 0xFFFFFFFF. */
static void zip64_extra(const unsigned char *x, size_t n, uint64_t *usize, uint64_t *csize,
			uint64_t *lho)
{
	while (n >= 4) {
		size_t id = le16(x), sz = le16(x + 2), k = 4;

		if (sz > n - 4)
			return;
		if (id == 0x0001) {
			if (*usize == 0xFFFFFFFF && k + 8 <= 4 + sz)
				*usize = le64(x + k), k += 8;
			if (*csize == 0xFFFFFFFF && k + 8 <= 4 + sz)
				*csize = le64(x + k), k += 8;
			if (*lho == 0xFFFFFFFF && k + 8 <= 4 + sz)
				*lho = le64(x + k);
			return;
		}
		x += 4 + sz;
		n -= 4 + sz;
	}
}

void zipdir_read(struct zipdir *zd, int fd, uint64_t base, uint64_t len)
{
	uint64_t cd_off, cd_size, entries;
	unsigned char *cd, *p, *end;
	size_t alloc = 0, names_len = 0, out = 0;

	memset(zd, 0, sizeof(*zd));
	if (central_dir(fd, base, len, &cd_off, &cd_size, &entries) || cd_size > ZIPDIR_MAX_CD ||
	    cd_size < CENTRAL_SIZE)
		return;
	cd = xmalloc((size_t)cd_size);
	if (read_at(fd, base, len, cd_off, cd, (size_t)cd_size)) {
		free(cd);
		return;
	}
	zd->names = xmalloc((size_t)cd_size);
	for (p = cd, end = cd + cd_size; end - p >= CENTRAL_SIZE && le32(p) == 0x02014b50;) {
		unsigned flags = le16(p + 8), method = le16(p + 10);
		uint64_t csize = le32(p + 20), usize = le32(p + 24), lho = le32(p + 42);
		size_t nlen = le16(p + 28), xlen = le16(p + 30), clen = le16(p + 32);
		unsigned char local[LOCAL_SIZE];
		struct zipdir_entry *v;

		if ((size_t)(end - p) < CENTRAL_SIZE + nlen + xlen + clen)
			break;
		zip64_extra(p + CENTRAL_SIZE + nlen, xlen, &usize, &csize, &lho);
		if (method == 0 && !(flags & FLAG_ENCRYPTED) && csize == usize &&
		    !read_at(fd, base, len, lho, local, sizeof(local)) &&
		    le32(local) == 0x04034b50) {
			uint64_t data = lho + LOCAL_SIZE + le16(local + 26) + le16(local + 28);

			if (data <= len && usize <= len - data) {
				ALLOC_GROW(zd->v, zd->n + 1, alloc);
				v = &zd->v[zd->n++];
				v->name_off = (uint32_t)names_len;
				v->name_len = (uint32_t)nlen;
				v->size = usize;
				v->data_off = data;
				memcpy(zd->names + names_len, p + CENTRAL_SIZE, nlen);
				names_len += nlen;
			}
		}
		p += CENTRAL_SIZE + nlen + xlen + clen;
	}
	free(cd);
	if (!zd->n)
		return; /* nothing stored as-is (qsort must not see a NULL array) */
	sort_names = zd->names;
	qsort(zd->v, zd->n, sizeof(*zd->v), by_name);
	/* A name given twice is ambiguous: neither copy gets a range. */
	for (size_t i = 0; i < zd->n;) {
		size_t j = i + 1;

		while (j < zd->n && !by_name(&zd->v[i], &zd->v[j]))
			j++;
		if (j == i + 1)
			zd->v[out++] = zd->v[i];
		i = j;
	}
	zd->n = out;
}

int64_t zipdir_find(const struct zipdir *zd, const char *name, size_t name_len, uint64_t size)
{
	size_t lo = 0, hi = zd->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct zipdir_entry *e = &zd->v[mid];
		size_t n = e->name_len < name_len ? e->name_len : name_len;
		int c = memcmp(zd->names + e->name_off, name, n);

		if (!c)
			c = e->name_len < name_len ? -1 : e->name_len > name_len;
		if (!c)
			return e->size == size ? (int64_t)e->data_off : -1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

void zipdir_release(struct zipdir *zd)
{
	free(zd->v);
	free(zd->names);
	memset(zd, 0, sizeof(*zd));
}
