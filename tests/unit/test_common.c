/* Unit tests for the small common modules: strbuf, utf8, units, store, db, defect. */
#include "tests/unit/harness.h"

#include "common/db.h"
#include "common/defect.h"
#include "common/fsutil.h"
#include "common/lock.h"
#include "common/sha256.h"
#include "common/store.h"
#include "common/strbuf.h"
#include "common/units.h"
#include "common/utf8.h"
#include "common/zipdir.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

TEST(strbuf_grows_and_trims)
{
	struct strbuf sb = STRBUF_INIT;

	assert_eq_int(sb.len, 0);
	assert_eq_str(sb.buf, "");
	for (int i = 0; i < 1000; i++)
		strbuf_addf(&sb, "%d,", i);
	assert_eq_int(sb.buf[sb.len], '\0');
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "\u3000 \t 江苏省 \u00a0\n");
	strbuf_trim(&sb);
	assert_eq_str(sb.buf, "江苏省");
	strbuf_reset(&sb);
	strbuf_add_utf8(&sb, 0x2611);
	strbuf_add_utf8(&sb, 0x1F600);
	assert_eq_str(sb.buf, "\xE2\x98\x91\xF0\x9F\x98\x80");
	strbuf_release(&sb);
}

TEST(utf8_validation_and_gbk)
{
	/* "营业执照" in GBK */
	static const char gbk[] = "\xd3\xaa\xd2\xb5\xd6\xb4\xd5\xd5";
	struct strbuf sb = STRBUF_INIT;

	assert_true(utf8_valid("江苏", strlen("江苏")));
	assert_true(!utf8_valid(gbk, strlen(gbk)));
	assert_true(!utf8_valid("\xC0\xAF", 2));     /* overlong '/' */
	assert_true(!utf8_valid("\xED\xA0\x80", 3)); /* surrogate */
	assert_eq_int(to_utf8(gbk, strlen(gbk), &sb), 1);
	assert_eq_str(sb.buf, "营业执照");
	strbuf_reset(&sb);
	assert_eq_int(to_utf8("ok.txt", 6, &sb), 0);
	assert_eq_str(sb.buf, "ok.txt");
	strbuf_reset(&sb);
	/* 0xFF is neither UTF-8 nor GB18030: kept visible. */
	assert_eq_int(to_utf8("a\xff", 2, &sb), -1);
	assert_eq_str(sb.buf, "a\\xFF");
	strbuf_release(&sb);
}

/* The inline three-byte check agrees with utf8_decode on every lead E0..EF and two following bytes.
 */
TEST(utf8_plain3_agrees_with_decode)
{
	long accepted = 0, wrong = 0;

	for (unsigned a = 0xE0; a <= 0xEF; a++)
		for (unsigned b = 0; b < 256; b++)
			for (unsigned c = 0; c < 256; c++) {
				char s[3] = {(char)a, (char)b, (char)c};
				unsigned cp = 0;

				if (!utf8_plain3(s, 3))
					continue;
				accepted++;
				if (utf8_decode(s, 3, &cp) != 3 || cp != utf8_plain3_cp(s))
					wrong++;
			}
	assert_eq_int(wrong, 0);
	/* 14 leads (not E0, not ED) by 64 x 64 continuations. */
	assert_eq_int(accepted, 14 * 64 * 64);
	assert_true(!utf8_plain3("\xE6\xB1", 2)); /* cut short */
}

TEST(units_by_name_text_and_region)
{
	int conflict;

	assert_eq_str(unit_by_name("南京")->name, "南京市");
	assert_eq_str(unit_by_name("沭阳县")->name, "沭阳县");
	assert_true(unit_by_name("上海") == NULL);
	assert_eq_str(unit_in_text("推荐单位（盖章）：南京市工业和信息化局", &conflict)->name,
		      "南京市");
	assert_eq_int(conflict, 0);
	/* A county unit wins over its own city, without a conflict. */
	assert_eq_str(unit_in_text("苏州市昆山市工信局申报材料.zip", &conflict)->name, "昆山市");
	assert_eq_int(conflict, 0);
	assert_eq_str(unit_in_text("泰兴市.zip", &conflict)->name, "泰兴市");
	unit_in_text("南京市无锡市.zip", &conflict);
	assert_eq_int(conflict, 1);
	assert_true(unit_in_text("江苏省.zip", &conflict) == NULL);
	assert_eq_int(units_count(), 16);
}

TEST(store_dedups_and_hashes)
{
	struct store st;
	struct strbuf err = STRBUF_INIT, dir = STRBUF_INIT, p = STRBUF_INIT;
	struct store_writer w;
	char a[SHA256_HEX_LEN + 1], b[SHA256_HEX_LEN + 1];
	struct stat sb;

	strbuf_addf(&dir, "%s/store", test_tmpdir());
	assert_eq_int(store_open(&st, dir.buf, &err), 0);
	assert_eq_int(store_writer_begin(&st, &w, &err), 0);
	store_writer_write(&w, "abc", 3, &err);
	assert_eq_int(store_writer_commit(&w, a, &err), 0);
	assert_eq_str(a, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_eq_int(store_writer_begin(&st, &w, &err), 0);
	store_writer_write(&w, "ab", 2, &err);
	store_writer_write(&w, "c", 1, &err);
	assert_eq_int(store_writer_commit(&w, b, &err), 0);
	assert_eq_str(a, b);
	store_blob_path(&st, a, &p);
	assert_eq_int(stat(p.buf, &sb), 0);
	assert_eq_int(sb.st_size, 3);
	assert_eq_int(sb.st_mode & 0777, FILE_MODE);
	/* An aborted writer leaves nothing behind. */
	assert_eq_int(store_writer_begin(&st, &w, &err), 0);
	store_writer_write(&w, "zzz", 3, &err);
	store_writer_abort(&w);
	strbuf_reset(&p);
	strbuf_addf(&p, "rmdir %s/tmp 2>/dev/null", dir.buf);
	assert_eq_int(system(p.buf), 0);
	store_close(&st);
	strbuf_release(&err);
	strbuf_release(&dir);
	strbuf_release(&p);
}

TEST(db_migrates_and_refuses_newer)
{
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
	sqlite3 *db;
	sqlite3_stmt *st;
	struct defect_place at = {"test", 0, 0, 0};

	strbuf_addf(&path, "%s/x.db", test_tmpdir());
	assert_eq_int(db_open(path.buf, &db, &err), 0);
	st = db_prepare(db, "PRAGMA user_version");
	sqlite3_step(st);
	assert_eq_int(sqlite3_column_int(st, 0), DB_SCHEMA_VERSION);
	sqlite3_finalize(st);
	assert_eq_int(defect_add(db, &at, "ARCHIVE_CORRUPT", NULL, "x", "损坏"), 0);
	db_exec(db, "PRAGMA user_version = 999");
	db_close(db);
	assert_eq_int(db_open(path.buf, &db, &err), -1);
	assert_true(strstr(err.buf, "newer") != NULL);
	strbuf_release(&path);
	strbuf_release(&err);
}

TEST(defect_catalogue_is_complete)
{
	size_t n;
	const struct defect_kind *k = defect_kinds(&n);

	for (size_t i = 0; i < n; i++) {
		test_row("%s", k[i].code);
		assert_true(k[i].title && *k[i].title);
		assert_true(k[i].fix && *k[i].fix);
		for (size_t j = 0; j < i; j++)
			assert_true(strcmp(k[i].code, k[j].code) != 0);
	}
	test_row(NULL);
	assert_true(defect_kind("ARCHIVE_UNSAFE_ENTRY") != NULL);
	assert_true(defect_kind("NO_SUCH_CODE") == NULL);
}

TEST(defect_codes_are_documented)
{
	const char *top = getenv("TOP");
	struct strbuf path = STRBUF_INIT, doc = STRBUF_INIT;
	size_t n;
	const struct defect_kind *k = defect_kinds(&n);
	FILE *fp;
	int c;

	strbuf_addf(&path, "%s/docs/defects.md", top ? top : ".");
	fp = fopen(path.buf, "r");
	if (!assert_true(fp != NULL))
		return;
	while ((c = getc(fp)) != EOF)
		strbuf_addch(&doc, c);
	fclose(fp);
	for (size_t i = 0; i < n; i++) {
		struct strbuf code = STRBUF_INIT;

		strbuf_addf(&code, "`%s`", k[i].code);
		if (!strstr(doc.buf, code.buf))
			test_fail(__FILE__, __LINE__, "%s is not in docs/defects.md", k[i].code);
		strbuf_release(&code);
	}
	strbuf_release(&path);
	strbuf_release(&doc);
}

TEST(lock_is_exclusive)
{
	struct strbuf path = STRBUF_INIT;
	int a, b;

	strbuf_addf(&path, "%s/l.db", test_tmpdir());
	a = lock_take(path.buf);
	assert_true(a >= 0);
	b = lock_take(path.buf);
	assert_eq_int(b, -2);
	lock_release(a);
	b = lock_take(path.buf);
	assert_true(b >= 0);
	lock_release(b);
	strbuf_release(&path);
}

/* rm -rf: all below the folder goes, what a link points to stays. */
TEST(remove_tree_does_not_follow_links)
{
	struct strbuf dir = STRBUF_INIT, keep = STRBUF_INIT, p = STRBUF_INIT;
	struct stat sb;
	FILE *f;

	strbuf_addf(&dir, "%s/rt/a/b", test_tmpdir());
	strbuf_addf(&keep, "%s/keep", test_tmpdir());
	assert_eq_int(mkdir_p(dir.buf, 0700), 0);
	assert_eq_int(mkdir_p(keep.buf, 0700), 0);
	strbuf_addf(&p, "%s/keep/file", test_tmpdir());
	f = fopen(p.buf, "w");
	assert_true(f != NULL);
	if (f)
		fclose(f);
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/link", dir.buf);
	assert_eq_int(symlink(keep.buf, p.buf), 0);
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/rt", test_tmpdir());
	assert_eq_int(remove_tree(p.buf), 0);
	assert_true(lstat(p.buf, &sb) != 0);
	strbuf_addstr(&keep, "/file");
	assert_eq_int(stat(keep.buf, &sb), 0);
	/* Nothing there: nothing to do. */
	assert_eq_int(remove_tree(p.buf), 0);
	strbuf_release(&dir);
	strbuf_release(&keep);
	strbuf_release(&p);
}

static void zip_add(struct archive *a, const char *name, const char *data, int stored)
{
	struct archive_entry *e = archive_entry_new();

	archive_entry_set_pathname_utf8(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0640);
	archive_entry_set_size(e, (la_int64_t)strlen(data));
	if (stored)
		archive_write_zip_set_compression_store(a);
	else
		archive_write_zip_set_compression_deflate(a);
	archive_write_header(a, e);
	archive_write_data(a, data, strlen(data));
	archive_entry_free(e);
}

/* The bytes at a found offset are the member's; doubtful members get none. */
static void check_zipdir(int fd, uint64_t base, uint64_t len)
{
	static const char a_data[] = "%PDF-1.4 the license scan";
	struct zipdir zd;
	char buf[64] = {0};
	int64_t off;

	zipdir_read(&zd, fd, base, len);
	off = zipdir_find(&zd, "营业执照.pdf", strlen("营业执照.pdf"), strlen(a_data));
	assert_true(off > 0);
	if (off > 0) {
		assert_eq_int(pread(fd, buf, strlen(a_data), (off_t)(base + (uint64_t)off)),
			      (intmax_t)strlen(a_data));
		assert_eq_str(buf, a_data);
	}
	/* The wrong size, a deflated member, a name given twice, no such name. */
	assert_eq_int(zipdir_find(&zd, "营业执照.pdf", strlen("营业执照.pdf"), 3), -1);
	assert_eq_int(zipdir_find(&zd, "form.txt", 8, 40), -1);
	assert_eq_int(zipdir_find(&zd, "dup.pdf", 7, 4), -1);
	assert_eq_int(zipdir_find(&zd, "none", 4, 4), -1);
	zipdir_release(&zd);
}

TEST(zipdir_finds_stored_members)
{
	struct strbuf p = STRBUF_INIT;
	struct archive *a = archive_write_new();
	struct zipdir zd;
	struct stat sb;
	int fd;

	strbuf_addf(&p, "%s/members.zip", test_tmpdir());
	archive_write_set_format_zip(a);
	assert_eq_int(archive_write_open_filename(a, p.buf), ARCHIVE_OK);
	zip_add(a, "form.txt", "江苏省重点工业互联网平台申报书 deflated text", 0);
	zip_add(a, "营业执照.pdf", "%PDF-1.4 the license scan", 1);
	zip_add(a, "dup.pdf", "one!", 1);
	zip_add(a, "dup.pdf", "two!", 1);
	archive_write_close(a);
	archive_write_free(a);
	fd = open(p.buf, O_RDWR);
	assert_true(fd >= 0);
	if (fd < 0)
		return;
	assert_eq_int(fstat(fd, &sb), 0);
	check_zipdir(fd, 0, (uint64_t)sb.st_size);
	/* A zip lying inside another file (a stored zip inside a bundle). */
	{
		struct strbuf q = STRBUF_INIT;
		char *all = malloc((size_t)sb.st_size + 200);
		int outer;

		memset(all, 'x', (size_t)sb.st_size + 200);
		assert_eq_int(pread(fd, all + 100, (size_t)sb.st_size, 0), (intmax_t)sb.st_size);
		strbuf_addf(&q, "%s/outer.bin", test_tmpdir());
		outer = open(q.buf, O_RDWR | O_CREAT | O_TRUNC, 0640);
		assert_eq_int(write(outer, all, (size_t)sb.st_size + 200),
			      (intmax_t)sb.st_size + 200);
		check_zipdir(outer, 100, (uint64_t)sb.st_size);
		close(outer);
		free(all);
		strbuf_release(&q);
	}
	/* A damaged directory: no ranges, no crash. */
	assert_eq_int(ftruncate(fd, sb.st_size - 10), 0);
	zipdir_read(&zd, fd, 0, (uint64_t)sb.st_size - 10);
	assert_eq_int(zd.n, 0);
	zipdir_release(&zd);
	zipdir_read(&zd, fd, 0, 10);
	assert_eq_int(zd.n, 0);
	zipdir_release(&zd);
	close(fd);
	strbuf_release(&p);
}

TEST_MAIN(TEST_ENTRY(strbuf_grows_and_trims), TEST_ENTRY(utf8_validation_and_gbk),
	  TEST_ENTRY(utf8_plain3_agrees_with_decode), TEST_ENTRY(units_by_name_text_and_region),
	  TEST_ENTRY(store_dedups_and_hashes), TEST_ENTRY(db_migrates_and_refuses_newer),
	  TEST_ENTRY(defect_catalogue_is_complete), TEST_ENTRY(defect_codes_are_documented),
	  TEST_ENTRY(lock_is_exclusive), TEST_ENTRY(remove_tree_does_not_follow_links),
	  TEST_ENTRY(zipdir_finds_stored_members))
