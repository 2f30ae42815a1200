/*
 * soffice.c - old binary Word forms converted by LibreOffice.  See soffice.h.
 */
#include "normalize/soffice.h"

#include "common/fsutil.h"
#include "common/log.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* ---- finding the program ---- */

static int is_exec_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode) && !access(path, X_OK);
}

int soffice_lookup(const char *name, const char *path_list, struct strbuf *out)
{
	const char *p = path_list;

	while (p && *p) {
		const char *colon = strchr(p, ':');
		size_t len = colon ? (size_t)(colon - p) : strlen(p);

		if (len) {
			strbuf_reset(out);
			strbuf_add(out, p, len);
			strbuf_addf(out, "/%s", name);
			if (is_exec_file(out->buf))
				return 0;
		}
		p = colon ? colon + 1 : NULL;
	}
	strbuf_reset(out);
	return -1;
}

static unsigned timeout_from(const char *t)
{
	char *end;
	unsigned long v;

	if (!t || !*t)
		return SOFFICE_TIMEOUT_DEFAULT;
	errno = 0;
	v = strtoul(t, &end, 10);
	if (errno || *end || v < 1 || v > SOFFICE_TIMEOUT_MAX || *t == '-' || *t == '+') {
		warning("IIREVIEW_SOFFICE_TIMEOUT=%s is not 1 to %d seconds: %d used", t,
			SOFFICE_TIMEOUT_MAX, SOFFICE_TIMEOUT_DEFAULT);
		return SOFFICE_TIMEOUT_DEFAULT;
	}
	return (unsigned)v;
}

int soffice_find(struct soffice *so, const struct soffice_settings *set, struct strbuf *err)
{
	const char *name = set->program;
	const char *path_list = set->path_list;
	struct strbuf path = STRBUF_INIT;

	so->path = NULL;
	so->timeout = timeout_from(set->timeout);
	so->tmpdir = set->tmpdir;
	if (name && !*name) {
		strbuf_addstr(err, "soffice not used (IIREVIEW_SOFFICE is set and empty)");
		return -1;
	}
	if (name && strchr(name, '/')) {
		if (!is_exec_file(name)) {
			strbuf_addf(err,
				    "soffice not found: IIREVIEW_SOFFICE=%s is no executable file",
				    name);
			return -1;
		}
		so->path = xstrdup(name);
		return 0;
	}
	if (!name)
		name = "soffice";
	/* No PATH at all: the system's default, as execvp would use. */
	if (soffice_lookup(name, path_list ? path_list : "/usr/local/bin:/usr/bin:/bin", &path)) {
		strbuf_addf(err, "soffice not found (no %s on PATH)", name);
		strbuf_release(&path);
		return -1;
	}
	so->path = strbuf_detach(&path, NULL);
	return 0;
}

void soffice_release(struct soffice *so)
{
	free(so->path);
	so->path = NULL;
}

/* ---- what is a Word binary ---- */

static unsigned le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/*
 * A directory entry (MS-CFB 2.6) of a stream named WordDocument: the name
 * in UTF-16LE with its NUL, its length in bytes (26) and type 2 (stream).
 */
static int is_word_entry(const unsigned char *e)
{
	static const char name[] = "WordDocument";

	for (size_t i = 0; i < sizeof(name); i++)
		if (e[2 * i] != (unsigned char)name[i] || e[2 * i + 1])
			return 0;
	return le16(e + 64) == 2 * sizeof(name) && e[66] == 2;
}

int word_binary_check(const char *path, struct strbuf *err)
{
	static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	unsigned char buf[64 * 1024];
	unsigned major, shift;
	size_t n, sector;
	off_t at;
	int fd = open(path, O_RDONLY | O_CLOEXEC), found = 0;

	if (fd < 0) {
		strbuf_addf(err, "cannot open: %s", strerror(errno));
		return -1;
	}
	n = (size_t)read(fd, buf, 512);
	if (n != 512 || memcmp(buf, sig, sizeof(sig))) {
		close(fd);
		strbuf_addstr(err, "not a Word 97-2003/WPS binary (no OLE2 signature and header)");
		return 0;
	}
	/* The header (MS-CFB 2.2): version 3 with 512-byte or 4 with 4096-byte sectors. */
	major = le16(buf + 26);
	shift = le16(buf + 30);
	if (le16(buf + 28) != 0xFFFE || le16(buf + 32) != 6 || (major != 3 && major != 4) ||
	    shift != (major == 3 ? 9u : 12u)) {
		close(fd);
		strbuf_addstr(err, "not a Word 97-2003/WPS binary (OLE2 signature, broken header)");
		return 0;
	}
	/*
	 * Directory entries are 128 bytes and sectors start at multiples of
	 * the sector size, so every entry sits at a multiple of 128 after
	 * the header sector: look at each, without following the FAT.
	 */
	sector = (size_t)1 << shift;
	at = (off_t)sector;
	while (!found) {
		ssize_t r = pread(fd, buf, sizeof(buf), at);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			strbuf_addf(err, "cannot read: %s", strerror(errno));
			close(fd);
			return -1;
		}
		if (r < 128)
			break;
		for (size_t i = 0; i + 128 <= (size_t)r && !found; i += 128)
			found = is_word_entry(buf + i);
		at += (off_t)((size_t)r & ~(size_t)127);
	}
	close(fd);
	if (!found)
		strbuf_addstr(err, "not a Word 97-2003/WPS binary (OLE2 file without a "
				   "WordDocument stream)");
	return found;
}

/* ---- converting ---- */

void soffice_result_release(struct soffice_result *res)
{
	if (res->dir.len)
		remove_tree(res->dir.buf);
	strbuf_release(&res->dir);
	strbuf_release(&res->docx);
}

/* A copy under our own name: the store's blob is never handed to another program. */
static int copy_file(const char *from, const char *to, struct strbuf *err)
{
	char buf[64 * 1024];
	int in = open(from, O_RDONLY | O_CLOEXEC);
	int out = in < 0 ? -1 : open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	int ret = 0;

	if (in < 0 || out < 0) {
		strbuf_addf(err, "cannot copy the form for soffice: %s", strerror(errno));
		if (in >= 0)
			close(in);
		return -1;
	}
	for (;;) {
		ssize_t r = read(in, buf, sizeof(buf));
		size_t done = 0;

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			ret = r < 0 ? -1 : 0;
			break;
		}
		while (done < (size_t)r && ret == 0) {
			ssize_t w = write(out, buf + done, (size_t)r - done);

			if (w < 0 && errno != EINTR)
				ret = -1;
			else if (w > 0)
				done += (size_t)w;
		}
		if (ret)
			break;
	}
	if (ret)
		strbuf_addf(err, "cannot copy the form for soffice: %s", strerror(errno));
	close(in);
	if (close(out) && !ret) {
		strbuf_addf(err, "cannot copy the form for soffice: %s", strerror(errno));
		ret = -1;
	}
	return ret;
}

/* A file: URL for a local path, every byte outside the unreserved set escaped. */
static void file_url(const char *path, struct strbuf *out)
{
	strbuf_addstr(out, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
			strbuf_addch(out, *p);
		else
			strbuf_addf(out, "%%%02X", *p);
	}
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * The environment for soffice: ours, with TMPDIR inside the private
 * folder, so that the temporary files LibreOffice leaves when killed go
 * with the folder.  Made before fork: the child may only exec.
 */
static char **child_environ(const char *tmp, struct strbuf *tmpdir_var)
{
	size_t n = 0, k = 0;
	char **env;

	while (environ[n])
		n++;
	env = xcalloc(n + 2, sizeof(*env));
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "TMPDIR=", 7))
			env[k++] = environ[i];
	strbuf_addf(tmpdir_var, "TMPDIR=%s", tmp);
	env[k] = tmpdir_var->buf;
	return env;
}

/* In the child, between fork and execve: only async-signal-safe calls. */
static void exec_child(int null_fd, int log_fd, char *const argv[], char *const envp[],
		       pid_t parent)
{
	sigset_t none;
	long max;

	setpgid(0, 0);
	/* Killed with normalize, however normalize ends: a conversion left running holds files. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
		_exit(126);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (dup2(null_fd, 0) < 0 || dup2(log_fd, 1) < 0 || dup2(log_fd, 2) < 0)
		_exit(126);
	/* The run's lock and the database are ours: soffice gets none of them. */
	max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (int fd = 3; fd < (int)max; fd++)
		close(fd);
	execve(argv[0], argv, envp);
	{
		static const char msg[] = "cannot execute soffice\n";

		if (write(2, msg, sizeof(msg) - 1) < 0)
			_exit(127);
	}
	_exit(127);
}

/*
 * Wait for pid until the deadline without reaping it (so its process
 * group cannot be reused by another), kill the group, then reap.
 * Returns 1 when the timeout struck.
 */
static int wait_child(pid_t pid, unsigned timeout, int *status)
{
	const struct timespec tick = {0, 20 * 1000 * 1000};
	double deadline = now_seconds() + timeout;
	int timed_out = 0;

	for (;;) {
		siginfo_t si;

		memset(&si, 0, sizeof(si));
		if (!waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT)) {
			if (si.si_pid == pid)
				break;
		} else if (errno != EINTR) {
			break;
		}
		if (now_seconds() >= deadline) {
			timed_out = 1;
			break;
		}
		nanosleep(&tick, NULL);
	}
	kill(-pid, SIGKILL);
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR) {
			*status = 0;
			break;
		}
	return timed_out;
}

/* The line of soffice's output that says most: the last naming an error, else the last. */
static void log_line(const char *log_path, struct strbuf *out)
{
	char buf[4096];
	int fd = open(log_path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	off_t size;
	const char *best = NULL;
	char *line, *save = NULL;

	if (fd < 0)
		return;
	size = lseek(fd, 0, SEEK_END);
	n = pread(fd, buf, sizeof(buf) - 1,
		  size > (off_t)sizeof(buf) - 1 ? size - (off_t)sizeof(buf) + 1 : 0);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	for (line = strtok_r(buf, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		if (!best || !strstr(best, "rror") || strstr(line, "rror"))
			best = line;
	}
	if (!best)
		return;
	strbuf_addstr(out, ": ");
	for (size_t i = 0; i < 200 && best[i]; i++)
		strbuf_addch(out, (unsigned char)best[i] < 0x20 ? '?' : best[i]);
}

static int run_soffice(const struct soffice *so, const char *dir, const char *in,
		       const char *outdir, struct strbuf *err)
{
	struct strbuf profile = STRBUF_INIT, log_path = STRBUF_INIT, tmp = STRBUF_INIT,
		      tmp_var = STRBUF_INIT;
	char *argv[12], **envp = NULL;
	int argc = 0, status = 0, null_fd, log_fd, ret = -1, timed_out;
	pid_t pid, parent;

	strbuf_addstr(&profile, "-env:UserInstallation=");
	file_url(dir, &profile);
	strbuf_addstr(&profile, "/profile");
	strbuf_addf(&log_path, "%s/soffice.log", dir);
	argv[argc++] = so->path;
	argv[argc++] = "--headless";
	argv[argc++] = "--norestore";
	argv[argc++] = "--nologo";
	argv[argc++] = "--nolockcheck";
	argv[argc++] = profile.buf;
	argv[argc++] = "--convert-to";
	argv[argc++] = "docx:MS Word 2007 XML";
	argv[argc++] = "--outdir";
	argv[argc++] = (char *)outdir;
	argv[argc++] = (char *)in;
	argv[argc] = NULL;

	strbuf_addf(&tmp, "%s/tmp", dir);
	if (mkdir(tmp.buf, 0700)) {
		strbuf_addf(err, "cannot make %s: %s", tmp.buf, strerror(errno));
		null_fd = log_fd = -1;
		goto out;
	}
	envp = child_environ(tmp.buf, &tmp_var);
	null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	log_fd = open(log_path.buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (null_fd < 0 || log_fd < 0) {
		strbuf_addf(err, "cannot start soffice: %s", strerror(errno));
		goto out;
	}
	fflush(NULL);
	parent = getpid();
	pid = fork();
	if (pid < 0) {
		strbuf_addf(err, "cannot start soffice: %s", strerror(errno));
		goto out;
	}
	if (pid == 0)
		exec_child(null_fd, log_fd, argv, envp, parent);
	/* Also here: a timeout before the child's own setpgid must still find the group. */
	setpgid(pid, pid);
	timed_out = wait_child(pid, so->timeout, &status);
	if (timed_out)
		strbuf_addf(err, "soffice timed out after %u s", so->timeout);
	else if (WIFSIGNALED(status))
		strbuf_addf(err, "soffice killed by signal %d", WTERMSIG(status));
	else if (!WIFEXITED(status) || WEXITSTATUS(status))
		strbuf_addf(err, "soffice exit %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	else
		ret = 0;
	if (ret && !timed_out)
		log_line(log_path.buf, err);
out:
	if (null_fd >= 0)
		close(null_fd);
	if (log_fd >= 0)
		close(log_fd);
	free(envp);
	strbuf_release(&profile);
	strbuf_release(&log_path);
	strbuf_release(&tmp);
	strbuf_release(&tmp_var);
	return ret;
}

int soffice_to_docx(const struct soffice *so, const char *input, const char *ext,
		    struct soffice_result *res, struct strbuf *err)
{
	const char *base = so->tmpdir;
	struct strbuf in = STRBUF_INIT, outdir = STRBUF_INIT;
	struct stat st;
	int ret = -1;

	strbuf_init(&res->dir, 0);
	strbuf_init(&res->docx, 0);
	if (!so->path) {
		strbuf_addstr(err, "soffice not found");
		return -1;
	}
	/* A relative TMPDIR would make paths soffice might read as options. */
	strbuf_addf(&res->dir, "%s/iireview-soffice-XXXXXX",
		    base && base[0] == '/' ? base : "/tmp");
	if (!mkdtemp(res->dir.buf)) {
		strbuf_addf(err, "cannot make a temporary folder for soffice in %s: %s",
			    base && base[0] == '/' ? base : "/tmp", strerror(errno));
		strbuf_reset(&res->dir);
		return -1;
	}
	if (!ext || !*ext ||
	    strspn(ext, "abcdefghijklmnopqrstuvwxyz"
			"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != strlen(ext))
		ext = "doc";
	/* soffice names its output after the input: form.<ext> gives form.docx. */
	strbuf_addf(&in, "%s/form.%s", res->dir.buf, ext);
	strbuf_addf(&outdir, "%s/out", res->dir.buf);
	if (copy_file(input, in.buf, err))
		goto out;
	if (mkdir(outdir.buf, 0700)) {
		strbuf_addf(err, "cannot make %s: %s", outdir.buf, strerror(errno));
		goto out;
	}
	if (run_soffice(so, res->dir.buf, in.buf, outdir.buf, err))
		goto out;
	strbuf_addf(&res->docx, "%s/form.docx", outdir.buf);
	if (lstat(res->docx.buf, &st) || !S_ISREG(st.st_mode) || !st.st_size) {
		struct strbuf log_path = STRBUF_INIT;

		/* soffice exits 0 when it cannot load a file: its output says why. */
		strbuf_addstr(err, "soffice wrote no .docx");
		strbuf_addf(&log_path, "%s/soffice.log", res->dir.buf);
		log_line(log_path.buf, err);
		strbuf_release(&log_path);
		strbuf_reset(&res->docx);
		goto out;
	}
	ret = 0;
out:
	strbuf_release(&in);
	strbuf_release(&outdir);
	return ret;
}
