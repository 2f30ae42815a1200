#include "store.h"
#include "fsutil.h"
#include "strbuf.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int store_open(struct store *st, const char *dir, struct strbuf *err)
{
	struct strbuf tmp = STRBUF_INIT;
	DIR *d;
	struct dirent *de;

	st->dir = xstrdup(dir);
	strbuf_addf(&tmp, "%s/tmp", dir);
	if (mkdir_p(tmp.buf, DIR_MODE)) {
		strbuf_addf(err, "cannot create store %s: %s", tmp.buf, strerror(errno));
		strbuf_release(&tmp);
		store_close(st);
		return -1;
	}
	/* Leftovers of a killed run: never referenced, safe to drop. */
	d = opendir(tmp.buf);
	while (d && (de = readdir(d))) {
		struct strbuf p = STRBUF_INIT;

		if (de->d_name[0] == '.')
			continue;
		strbuf_addf(&p, "%s/%s", tmp.buf, de->d_name);
		unlink(p.buf);
		strbuf_release(&p);
	}
	if (d)
		closedir(d);
	strbuf_release(&tmp);
	return 0;
}

void store_close(struct store *st)
{
	free(st->dir);
	st->dir = NULL;
}

void store_blob_path(const struct store *st, const char *hex, struct strbuf *out)
{
	strbuf_reset(out);
	strbuf_addf(out, "%s/%.2s/%s", st->dir, hex, hex + 2);
}

int store_writer_begin(struct store *st, struct store_writer *w, struct strbuf *err)
{
	struct strbuf p = STRBUF_INIT;

	memset(w, 0, sizeof(*w));
	w->st = st;
	strbuf_addf(&p, "%s/tmp/blob-XXXXXX", st->dir);
	w->fd = mkstemp(p.buf);
	if (w->fd < 0) {
		strbuf_addf(err, "cannot create %s: %s", p.buf, strerror(errno));
		strbuf_release(&p);
		return -1;
	}
	fchmod(w->fd, FILE_MODE);
	w->tmp_path = strbuf_detach(&p, NULL);
	sha256_init(&w->hash);
	return 0;
}

int store_writer_write(struct store_writer *w, const void *buf, size_t len, struct strbuf *err)
{
	const char *p = buf;

	sha256_update(&w->hash, buf, len);
	w->size += len;
	while (len) {
		ssize_t n = write(w->fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			strbuf_addf(err, "cannot write to the store (%s): %s", w->tmp_path,
				    strerror(errno));
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int store_writer_commit(struct store_writer *w, char hex[SHA256_HEX_LEN + 1], struct strbuf *err)
{
	struct strbuf final = STRBUF_INIT, dir = STRBUF_INIT;
	struct stat st;
	int ret = -1;

	if (!w->hex[0])
		store_writer_digest(w, hex);
	memcpy(hex, w->hex, sizeof(w->hex));
	if (close(w->fd)) {
		strbuf_addf(err, "cannot write to the store (%s): %s", w->tmp_path,
			    strerror(errno));
		w->fd = -1;
		goto out;
	}
	w->fd = -1;
	store_blob_path(w->st, hex, &final);
	if (!stat(final.buf, &st) && (uint64_t)st.st_size == w->size) {
		unlink(w->tmp_path); /* already stored: identical bytes kept once */
		ret = 0;
		goto out;
	}
	path_dirname(final.buf, &dir);
	if (mkdir_p(dir.buf, DIR_MODE) || rename(w->tmp_path, final.buf)) {
		strbuf_addf(err, "cannot store %s: %s", final.buf, strerror(errno));
		unlink(w->tmp_path);
		goto out;
	}
	ret = 0;
out:
	free(w->tmp_path);
	w->tmp_path = NULL;
	strbuf_release(&final);
	strbuf_release(&dir);
	return ret;
}

void store_writer_digest(struct store_writer *w, char hex[SHA256_HEX_LEN + 1])
{
	if (!w->hex[0])
		sha256_final_hex(&w->hash, w->hex);
	memcpy(hex, w->hex, sizeof(w->hex));
}

void store_writer_abort(struct store_writer *w)
{
	if (w->fd >= 0)
		close(w->fd);
	if (w->tmp_path)
		unlink(w->tmp_path);
	if (w->hash.ctx && !w->hex[0])
		sha256_abort(&w->hash);
	free(w->tmp_path);
	w->tmp_path = NULL;
	w->fd = -1;
}

int store_sync(const struct store *st, struct strbuf *err)
{
	int fd = open(st->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ret = 0;

	if (fd < 0 || syncfs(fd)) {
		strbuf_addf(err, "cannot flush the store %s to disk: %s", st->dir, strerror(errno));
		ret = -1;
	}
	if (fd >= 0)
		close(fd);
	return ret;
}

int store_put_file(struct store *st, const char *path, char hex[SHA256_HEX_LEN + 1], uint64_t *size,
		   struct strbuf *err)
{
	struct store_writer w;
	char buf[1 << 16];
	int fd = open(path, O_RDONLY | O_NOFOLLOW);
	ssize_t n;

	if (fd < 0) {
		strbuf_addf(err, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	if (store_writer_begin(st, &w, err)) {
		close(fd);
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			strbuf_addf(err, "cannot read %s: %s", path, strerror(errno));
			goto fail;
		}
		if (store_writer_write(&w, buf, (size_t)n, err))
			goto fail;
	}
	close(fd);
	if (size)
		*size = w.size;
	return store_writer_commit(&w, hex, err);
fail:
	close(fd);
	store_writer_abort(&w);
	return -1;
}
