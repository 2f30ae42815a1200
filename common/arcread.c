#include "arcread.h"
#include "xalloc.h"

#include <archive.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Large reads: a bundle is read sequentially, mostly stored members. */
#define RANGE_BLOCK (1 << 20)

struct archive *arc_reader_new(void)
{
	struct archive *a = archive_read_new();

	archive_read_support_filter_gzip(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_lzma(a);
	archive_read_support_filter_zstd(a);
	archive_read_support_filter_lz4(a);
	archive_read_support_filter_lzip(a);
	archive_read_support_filter_compress(a);
	archive_read_support_format_zip(a);
	archive_read_support_format_7zip(a);
	archive_read_support_format_rar(a);
	archive_read_support_format_rar5(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	archive_read_support_format_cpio(a);
	archive_read_support_format_cab(a);
	archive_read_support_format_lha(a);
	archive_read_support_format_iso9660(a);
	return a;
}

struct range {
	int fd;
	uint64_t off, len, pos; /* pos: relative to off */
	char buf[RANGE_BLOCK];
};

static la_ssize_t range_read(struct archive *a, void *data, const void **out)
{
	struct range *r = data;
	size_t want = sizeof(r->buf);
	ssize_t n;

	if (r->pos >= r->len)
		return 0;
	if (want > r->len - r->pos)
		want = (size_t)(r->len - r->pos);
	do
		n = pread(r->fd, r->buf, want, (off_t)(r->off + r->pos));
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		archive_set_error(a, errno, "read error");
		return -1;
	}
	r->pos += (uint64_t)n;
	*out = r->buf;
	return n;
}

static la_int64_t range_seek(struct archive *a, void *data, la_int64_t offset, int whence)
{
	struct range *r = data;
	int64_t base = whence == SEEK_SET   ? 0
		       : whence == SEEK_CUR ? (int64_t)r->pos
					    : (int64_t)r->len;

	if (base + offset < 0) {
		archive_set_error(a, EINVAL, "seek before the start of the archive");
		return ARCHIVE_FATAL;
	}
	r->pos = (uint64_t)(base + offset);
	return (la_int64_t)r->pos;
}

static la_int64_t range_skip(struct archive *a, void *data, la_int64_t request)
{
	struct range *r = data;
	uint64_t left = r->pos < r->len ? r->len - r->pos : 0;
	uint64_t n = request < 0 ? 0 : (uint64_t)request;

	if (n > left)
		n = left;
	r->pos += n;
	return (la_int64_t)n;
}

static int range_close(struct archive *a, void *data)
{
	free(data);
	return ARCHIVE_OK;
}

int arc_open_range(struct archive *a, int fd, uint64_t off, uint64_t len)
{
	struct range *r = xcalloc(1, sizeof(*r));

	r->fd = fd;
	r->off = off;
	r->len = len;
	archive_read_set_read_callback(a, range_read);
	archive_read_set_seek_callback(a, range_seek);
	archive_read_set_skip_callback(a, range_skip);
	archive_read_set_close_callback(a, range_close);
	archive_read_set_callback_data(a, r);
	return archive_read_open1(a);
}
