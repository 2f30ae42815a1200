#include "lock.h"
#include "fsutil.h"
#include "log.h"
#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

int lock_take(const char *db_path)
{
	struct strbuf path = STRBUF_INIT;
	int fd;

	strbuf_addf(&path, "%s.lock", db_path);
	fd = open(path.buf, O_RDWR | O_CREAT, FILE_MODE);
	if (fd < 0) {
		error("cannot open lock file %s: %s", path.buf, strerror(errno));
		strbuf_release(&path);
		return -1;
	}
	strbuf_release(&path);
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		int busy = errno == EWOULDBLOCK;

		if (!busy)
			error("cannot lock %s.lock: %s", db_path, strerror(errno));
		close(fd);
		return busy ? -2 : -1;
	}
	return fd;
}

void lock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}
