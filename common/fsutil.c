#include "fsutil.h"
#include "log.h"
#include "strbuf.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int mkdir_p(const char *path, unsigned mode)
{
	struct strbuf sb = STRBUF_INIT;
	int ret = 0;

	strbuf_addstr(&sb, path);
	for (size_t i = 1; i <= sb.len; i++) {
		if (sb.buf[i] != '/' && sb.buf[i] != '\0')
			continue;
		sb.buf[i] = '\0';
		if (mkdir(sb.buf, mode) && errno != EEXIST) {
			ret = -1;
			break;
		}
		if (i < sb.len)
			sb.buf[i] = '/';
	}
	if (!ret && !is_dir(path)) {
		errno = ENOTDIR;
		ret = -1;
	}
	strbuf_release(&sb);
	return ret;
}

void path_dirname(const char *path, struct strbuf *out)
{
	const char *slash = strrchr(path, '/');

	strbuf_reset(out);
	if (!slash)
		strbuf_addch(out, '.');
	else if (slash == path)
		strbuf_addch(out, '/');
	else
		strbuf_add(out, path, (size_t)(slash - path));
}

const char *path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

void path_ext(const char *name, char ext[16])
{
	const char *base = path_basename(name);
	const char *dot = strrchr(base, '.');
	size_t i = 0;

	ext[0] = '\0';
	if (!dot || dot == base)
		return;
	for (dot++; *dot && i < 15; dot++)
		ext[i++] = (char)tolower((unsigned char)*dot);
	ext[i] = '\0';
}

int path_ext_in(const char *name, const char *const *exts, size_t n)
{
	char ext[16];

	path_ext(name, ext);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ext, exts[i]))
			return 1;
	return 0;
}

int is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

int rename_into_place(const char *tmp, const char *final)
{
	struct strbuf dir = STRBUF_INIT;
	int fd;

	if (rename(tmp, final))
		return -1;
	path_dirname(final, &dir);
	fd = open(dir.buf, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	strbuf_release(&dir);
	return 0;
}

int sync_fs_of(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ret, saved;

	if (fd < 0)
		return -1;
	ret = syncfs(fd);
	saved = errno;
	close(fd);
	errno = saved;
	return ret;
}

/* nftw() passes no context: remove_tree's verdict (one thread, one tree at a time). */
static int remove_failed;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	if (remove(path) && errno != ENOENT) {
		warning("cannot remove %s: %s", path, strerror(errno));
		remove_failed = 1;
	}
	return 0;
}

int remove_tree(const char *path)
{
	remove_failed = 0;
	if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) && errno != ENOENT)
		return -1;
	return remove_failed ? -1 : 0;
}
