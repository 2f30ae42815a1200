#include "tests/unit/zipfix.h"
#include "tests/unit/harness.h"
#include "common/strbuf.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <string.h>

static int add_parts(struct archive *a, const struct zipfix_part *parts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *e = archive_entry_new();
		size_t len = strlen(parts[i].data);

		archive_entry_set_pathname(e, parts[i].name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)len);
		if (archive_write_header(a, e) != ARCHIVE_OK ||
		    archive_write_data(a, parts[i].data, len) != (la_ssize_t)len) {
			fprintf(stderr, "zipfix: %s: %s\n", parts[i].name, archive_error_string(a));
			archive_entry_free(e);
			return -1;
		}
		archive_entry_free(e);
	}
	return 0;
}

int zipfix_write(const char *path, const struct zipfix_part *parts, size_t n)
{
	struct archive *a = archive_write_new();
	int ret = -1;

	archive_write_set_format_zip(a);
	if (archive_write_open_filename(a, path) != ARCHIVE_OK) {
		fprintf(stderr, "zipfix: %s: %s\n", path, archive_error_string(a));
		goto out;
	}
	if (add_parts(a, parts, n))
		goto out;
	if (archive_write_close(a) != ARCHIVE_OK)
		goto out;
	ret = 0;
out:
	archive_write_free(a);
	return ret;
}

int zipfix_write_mem(struct strbuf *out, const struct zipfix_part *parts, size_t n)
{
	struct archive *a = archive_write_new();
	size_t cap = 1 << 20, used = 0;
	int ret = -1;

	/* archive_write_open_memory needs the room up front. */
	for (size_t i = 0; i < n; i++)
		cap += strlen(parts[i].data) + 512;
	strbuf_reset(out);
	strbuf_grow(out, cap);
	archive_write_set_format_zip(a);
	archive_write_set_bytes_in_last_block(a, 1);
	if (archive_write_open_memory(a, out->buf, cap, &used) != ARCHIVE_OK)
		goto out;
	if (add_parts(a, parts, n))
		goto out;
	if (archive_write_close(a) != ARCHIVE_OK)
		goto out;
	strbuf_setlen(out, used);
	ret = 0;
out:
	archive_write_free(a);
	return ret;
}

const char *zipfix_path(const char *name)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s/%s", test_tmpdir(), name);
	return buf;
}
