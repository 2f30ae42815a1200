/*
 * test_soffice.c - normalize/soffice.c without LibreOffice: the Word
 * binary check, finding the program, and every way a conversion fails,
 * with small shell scripts standing in for soffice.
 */
#include "tests/unit/harness.h"
#include "normalize/soffice.h"
#include "common/strbuf.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *tmp_path(const char *name, struct strbuf *out)
{
	strbuf_reset(out);
	strbuf_addf(out, "%s/%s", test_tmpdir(), name);
	return out->buf;
}

static void write_file(const char *path, const void *data, size_t len, unsigned mode)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len)
		test_fail(__FILE__, __LINE__, "cannot write %s", path);
	if (f)
		fclose(f);
	chmod(path, mode);
}

static int exists(const char *path)
{
	struct stat st;

	return !lstat(path, &st);
}

/* ---- the Word binary check ---- */

/* An OLE2 header (version 3, 512-byte sectors) and a directory sector with two entries. */
static void make_ole(unsigned char *f, size_t len, const char *stream, size_t slot)
{
	static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	static const char root[] = "Root Entry";
	unsigned char *e;

	memset(f, 0, len);
	memcpy(f, sig, sizeof(sig));
	f[24] = 0x3E;
	f[26] = 3;
	f[28] = 0xFE;
	f[29] = 0xFF;
	f[30] = 9;
	f[32] = 6;
	e = f + 512;
	for (size_t i = 0; i < sizeof(root); i++)
		e[2 * i] = (unsigned char)root[i];
	e[64] = 2 * sizeof(root);
	e[66] = 5;
	e = f + 512 + 128 * slot;
	for (size_t i = 0; i <= strlen(stream); i++)
		e[2 * i] = (unsigned char)stream[i];
	e[64] = (unsigned char)(2 * (strlen(stream) + 1));
	e[66] = 2;
}

static int check_bytes(const void *data, size_t len, struct strbuf *why)
{
	struct strbuf path = STRBUF_INIT;
	int r;

	write_file(tmp_path("f.doc", &path), data, len, 0644);
	strbuf_reset(why);
	r = word_binary_check(path.buf, why);
	strbuf_release(&path);
	return r;
}

TEST(word_binary_check)
{
	static unsigned char f[3 * 4096];
	struct strbuf why = STRBUF_INIT;
	unsigned seed = 1;

	make_ole(f, 2048, "WordDocument", 1);
	assert_eq_int(check_bytes(f, 2048, &why), 1);
	/* Later in the directory, past the first read's end: still found. */
	make_ole(f, sizeof(f), "WordDocument", 1);
	memmove(f + sizeof(f) - 128, f + 512 + 128, 128);
	memset(f + 512 + 128, 0, 128);
	assert_eq_int(check_bytes(f, sizeof(f), &why), 1);

	/* A spreadsheet is OLE2 too, but no Word form. */
	make_ole(f, 2048, "Workbook", 1);
	assert_eq_int(check_bytes(f, 2048, &why), 0);
	assert_true(strstr(why.buf, "WordDocument"));
	/* The name off the 128-byte grid is data, not a directory entry. */
	make_ole(f, 2048, "WordDocument", 1);
	memmove(f + 512 + 129, f + 512 + 128, 127);
	assert_eq_int(check_bytes(f, 2048, &why), 0);
	/* The generator's FORM_UNREADABLE .doc: the signature, then noise. */
	for (size_t i = 8; i < sizeof(f); i++)
		f[i] = (unsigned char)(rand_r(&seed) >> 7);
	assert_eq_int(check_bytes(f, sizeof(f), &why), 0);
	assert_true(strstr(why.buf, "broken header"));
	/* Text, a .docx, an empty or short file. */
	assert_eq_int(check_bytes("企业名称：无锡", strlen("企业名称：无锡"), &why), 0);
	assert_eq_int(check_bytes("PK\3\4", 4, &why), 0);
	assert_eq_int(check_bytes("", 0, &why), 0);
	assert_true(strstr(why.buf, "OLE2"));
	assert_eq_int(check_bytes(f, 100, &why), 0);
	strbuf_reset(&why);
	assert_eq_int(word_binary_check("/nonexistent/f.doc", &why), -1);
	assert_true(strstr(why.buf, "cannot open"));
	strbuf_release(&why);
}

/* ---- finding soffice ---- */

TEST(lookup_on_path)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, list = STRBUF_INIT, out = STRBUF_INIT;

	mkdir(tmp_path("a", &a), 0755);
	mkdir(tmp_path("b", &b), 0755);
	/* Not executable, a folder: skipped. */
	strbuf_addstr(&a, "/soffice");
	write_file(a.buf, "#!/bin/sh\n", 10, 0644);
	strbuf_addf(&list, "/nonexistent::%s:%s", tmp_path("a", &out), tmp_path("b", &out));
	assert_eq_int(soffice_lookup("soffice", list.buf, &out), -1);
	mkdir(tmp_path("b/soffice", &out), 0755);
	assert_eq_int(soffice_lookup("soffice", list.buf, &out), -1);
	assert_eq_str(out.buf, "");
	/* The first executable file wins. */
	chmod(a.buf, 0755);
	assert_eq_int(soffice_lookup("soffice", list.buf, &out), 0);
	assert_eq_str(out.buf, a.buf);
	assert_eq_int(soffice_lookup("soffice", "", &out), -1);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&list);
	strbuf_release(&out);
}

TEST(find_with_settings)
{
	struct strbuf dir = STRBUF_INIT, prog = STRBUF_INIT, err = STRBUF_INIT;
	struct soffice_settings set = {NULL, NULL, NULL, "/var/tmp"};
	struct soffice so;

	mkdir(tmp_path("bin", &dir), 0755);
	strbuf_addf(&prog, "%s/soffice", dir.buf);
	write_file(prog.buf, "#!/bin/sh\nexit 0\n", 17, 0755);

	set.path_list = dir.buf;
	assert_eq_int(soffice_find(&so, &set, &err), 0);
	assert_eq_str(so.path, prog.buf);
	assert_eq_int(so.timeout, SOFFICE_TIMEOUT_DEFAULT);
	assert_eq_str(so.tmpdir, "/var/tmp");
	soffice_release(&so);

	set.path_list = "/nonexistent";
	assert_eq_int(soffice_find(&so, &set, &err), -1);
	assert_true(so.path == NULL);
	assert_true(strstr(err.buf, "soffice not found"));

	/* An explicit program, on no PATH; a timeout. */
	set.program = prog.buf;
	set.timeout = "7";
	assert_eq_int(soffice_find(&so, &set, &err), 0);
	assert_eq_str(so.path, prog.buf);
	assert_eq_int(so.timeout, 7);
	soffice_release(&so);
	/* A bad timeout: the default, with a warning. */
	set.timeout = "-5";
	assert_eq_int(soffice_find(&so, &set, &err), 0);
	assert_eq_int(so.timeout, SOFFICE_TIMEOUT_DEFAULT);
	soffice_release(&so);

	strbuf_reset(&err);
	set.program = "/nonexistent/soffice";
	assert_eq_int(soffice_find(&so, &set, &err), -1);
	assert_true(strstr(err.buf, "IIREVIEW_SOFFICE=/nonexistent/soffice"));
	/* Set and empty: turned off, even with soffice on PATH. */
	strbuf_reset(&err);
	set.path_list = dir.buf;
	set.program = "";
	assert_eq_int(soffice_find(&so, &set, &err), -1);
	assert_true(strstr(err.buf, "empty"));

	strbuf_release(&dir);
	strbuf_release(&prog);
	strbuf_release(&err);
}

/* ---- converting, with scripts for soffice ---- */

/* Run the script body as soffice on a form named name; err and the result are the caller's. */
static int convert_with(const char *script, unsigned timeout, const char *name,
			struct soffice_result *res, struct strbuf *err)
{
	struct strbuf prog = STRBUF_INIT, form = STRBUF_INIT;
	struct soffice so = {NULL, timeout, NULL};
	int r;

	strbuf_addf(&prog, "%s/fake-soffice", test_tmpdir());
	write_file(prog.buf, script, strlen(script), 0755);
	write_file(tmp_path(name, &form), "old Word bytes", 14, 0644);
	so.path = prog.buf;
	so.tmpdir = test_tmpdir();
	strbuf_reset(err);
	r = soffice_to_docx(&so, form.buf, "doc", res, err);
	strbuf_release(&prog);
	strbuf_release(&form);
	return r;
}

/* The released result leaves no folder behind. */
static void release_and_check(struct soffice_result *res, int line)
{
	struct strbuf dir = STRBUF_INIT;

	strbuf_addstr(&dir, res->dir.buf);
	if (!dir.len)
		test_fail(__FILE__, line, "no temporary folder was made");
	soffice_result_release(res);
	if (exists(dir.buf))
		test_fail(__FILE__, line, "%s is left behind", dir.buf);
	strbuf_release(&dir);
}

TEST(convert_success_and_arguments)
{
	/* Records its arguments, checks its stdin is empty, writes <outdir>/form.docx. */
	static const char script[] =
	    "#!/bin/sh\n"
	    "for a; do printf '%s\\n' \"$a\"; done >\"$0.args\"\n"
	    "cat >\"$0.stdin\"\n"
	    "printf '%s\\n' \"$TMPDIR\" >\"$0.tmpdir\"\n"
	    "while [ $# -gt 1 ]; do\n"
	    "  [ \"$1\" = --outdir ] && out=$2\n"
	    "  shift\n"
	    "done\n"
	    "cmp -s \"$1\" \"$(dirname \"$0\")/-x; rm 'a b'.doc\" || exit 3\n"
	    "echo docx >\"$out/form.docx\"\n";
	struct soffice_result res;
	struct strbuf err = STRBUF_INIT, args = STRBUF_INIT, path = STRBUF_INIT;
	char line[4096];
	FILE *f;

	assert_eq_int(convert_with(script, 10, "-x; rm 'a b'.doc", &res, &err), 0);
	assert_eq_str(err.buf, "");
	assert_true(exists(res.docx.buf));
	assert_true(strstr(res.docx.buf, res.dir.buf) == res.docx.buf);
	f = fopen(tmp_path("fake-soffice.args", &path), "r");
	while (f && fgets(line, sizeof(line), f))
		strbuf_addstr(&args, line);
	if (f)
		fclose(f);
	assert_true(strstr(args.buf, "--headless\n--norestore\n--nologo\n--nolockcheck\n"
				     "-env:UserInstallation=file://"));
	assert_true(strstr(args.buf, "/profile\n--convert-to\ndocx:MS Word 2007 XML\n--outdir\n"));
	/* The copy under a safe name, inside the private folder. */
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/form.doc\n", res.dir.buf);
	assert_true(strstr(args.buf, path.buf));
	assert_true(exists(tmp_path("-x; rm 'a b'.doc", &path)));
	/* LibreOffice's own temporary files go into the private folder too. */
	f = fopen(tmp_path("fake-soffice.tmpdir", &path), "r");
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/tmp\n", res.dir.buf);
	assert_true(f && fgets(line, sizeof(line), f) && !strcmp(line, path.buf));
	if (f)
		fclose(f);
	release_and_check(&res, __LINE__);
	strbuf_release(&err);
	strbuf_release(&args);
	strbuf_release(&path);
}

TEST(convert_exit_status)
{
	struct soffice_result res;
	struct strbuf err = STRBUF_INIT;

	assert_eq_int(convert_with("#!/bin/sh\necho converting\necho 'Error: no luck' >&2\n"
				   "echo bye\nexit 1\n",
				   10, "f.doc", &res, &err),
		      -1);
	assert_eq_str(err.buf, "soffice exit 1: Error: no luck");
	assert_eq_str(res.docx.buf, "");
	release_and_check(&res, __LINE__);
	strbuf_release(&err);
}

TEST(convert_writes_nothing)
{
	struct soffice_result res;
	struct strbuf err = STRBUF_INIT;

	/* soffice exits 0 when it cannot load the file. */
	assert_eq_int(convert_with("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\n",
				   10, "f.doc", &res, &err),
		      -1);
	assert_eq_str(err.buf, "soffice wrote no .docx: Error: source file could not be loaded");
	release_and_check(&res, __LINE__);
	strbuf_release(&err);
}

TEST(convert_timeout_kills_the_group)
{
	/* A child of the script that would outlive it, were only the script killed. */
	static const char script[] = "#!/bin/sh\n"
				     "sleep 30 &\n"
				     "echo $! >\"$0.pid\"\n"
				     "wait\n";
	struct soffice_result res;
	struct strbuf err = STRBUF_INIT, path = STRBUF_INIT;
	time_t t0 = time(NULL);
	long pid = 0;
	FILE *f;

	assert_eq_int(convert_with(script, 1, "f.doc", &res, &err), -1);
	assert_eq_str(err.buf, "soffice timed out after 1 s");
	assert_true(time(NULL) - t0 < 10);
	release_and_check(&res, __LINE__);
	f = fopen(tmp_path("fake-soffice.pid", &path), "r");
	if (!f || fscanf(f, "%ld", &pid) != 1 || pid <= 0) {
		test_fail(__FILE__, __LINE__, "the script left no pid");
	} else {
		/* Gone, or a zombie waiting for init to reap it. */
		char state = 0;
		FILE *st;

		for (int i = 0; i < 100 && !kill((pid_t)pid, 0); i++) {
			strbuf_reset(&path);
			strbuf_addf(&path, "/proc/%ld/stat", pid);
			st = fopen(path.buf, "r");
			state = 0;
			if (st && fscanf(st, "%*d (%*[^)]) %c", &state) != 1)
				state = 0;
			if (st)
				fclose(st);
			if (state == 'Z')
				break;
			usleep(20 * 1000);
		}
		assert_true(kill((pid_t)pid, 0) || state == 'Z');
	}
	if (f)
		fclose(f);
	strbuf_release(&err);
	strbuf_release(&path);
}

TEST(convert_cannot_start)
{
	struct soffice so = {NULL, 10, NULL};
	struct soffice_result res;
	struct strbuf err = STRBUF_INIT, form = STRBUF_INIT;

	write_file(tmp_path("f.doc", &form), "x", 1, 0644);
	/* No program: nothing is made. */
	assert_eq_int(soffice_to_docx(&so, form.buf, "doc", &res, &err), -1);
	assert_eq_str(err.buf, "soffice not found");
	soffice_result_release(&res);
	/* A program that cannot be executed: the child's exit 127. */
	strbuf_reset(&err);
	so.path = "/nonexistent/soffice";
	assert_eq_int(soffice_to_docx(&so, form.buf, "doc", &res, &err), -1);
	assert_eq_str(err.buf, "soffice exit 127: cannot execute soffice");
	soffice_result_release(&res);
	/* A form that is not there. */
	strbuf_reset(&err);
	assert_eq_int(soffice_to_docx(&so, "/nonexistent/f.doc", "doc", &res, &err), -1);
	assert_true(strstr(err.buf, "cannot copy"));
	release_and_check(&res, __LINE__);
	strbuf_release(&err);
	strbuf_release(&form);
}

TEST_MAIN(TEST_ENTRY(word_binary_check), TEST_ENTRY(lookup_on_path), TEST_ENTRY(find_with_settings),
	  TEST_ENTRY(convert_success_and_arguments), TEST_ENTRY(convert_exit_status),
	  TEST_ENTRY(convert_writes_nothing), TEST_ENTRY(convert_timeout_kills_the_group),
	  TEST_ENTRY(convert_cannot_start))
