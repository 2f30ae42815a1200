/*
 * test_problems.c - problems said once (common/problems.c), the corrections
 * file's refusals and duplicates (normalize/corrections.c), and the schema
 * 10 migration that makes bundles an older iireview dropped for being
 * absent current again.
 */
#include "common/db.h"
#include "common/problems.h"
#include "common/strbuf.h"
#include "common/catalog.h"
#include "normalize/corrections.h"
#include "tests/unit/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int q_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static sqlite3 *fresh_db(void)
{
	struct strbuf err = STRBUF_INIT;
	sqlite3 *db = NULL;

	if (db_open(":memory:", &db, &err))
		test_fail(__FILE__, __LINE__, "db_open: %s", err.buf);
	strbuf_release(&err);
	return db;
}

/* Run fn with stderr into a file; what it printed into out. */
static void captured(void (*fn)(sqlite3 *db), sqlite3 *db, struct strbuf *out)
{
	char path[4096];
	FILE *f;
	int saved;
	char buf[512];
	size_t n;

	snprintf(path, sizeof(path), "%s/stderr.txt", test_tmpdir());
	fflush(stderr);
	saved = dup(2);
	f = freopen(path, "w", stderr);
	if (!f) {
		test_fail(__FILE__, __LINE__, "cannot redirect stderr");
		return;
	}
	fn(db);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	f = fopen(path, "r");
	while (f && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(out, buf, n);
	if (f)
		fclose(f);
}

static int round_no;

/* Round 1: a and b; round 2: a and b again; round 3: b only; round 4: a again. */
static void one_pass(sqlite3 *db)
{
	struct problems p;

	round_no++;
	problems_begin(&p, db, "test");
	if (round_no != 3)
		problems_note(&p, "a", "problem a, seen in round %d; fix it", round_no);
	if (round_no != 4) {
		problems_note(&p, "b", "problem b; fix it");
		problems_note(&p, "b", "problem b noted twice in one pass; fix it");
	}
	problems_end(&p);
}

TEST(problems_are_said_when_they_open_and_when_they_close)
{
	sqlite3 *db = fresh_db();
	struct strbuf out = STRBUF_INIT;

	if (!db)
		return;
	round_no = 0;
	captured(one_pass, db, &out);
	assert_eq_str(out.buf, "warning: problem a, seen in round 1; fix it\n"
			       "warning: problem b; fix it\n");
	strbuf_reset(&out);
	captured(one_pass, db, &out);
	assert_eq_str(out.buf, "");
	/* the message is kept up to date without being said */
	assert_eq_int(q_int(db, "SELECT count(*) FROM problems WHERE message LIKE '%round 2%'"), 1);
	strbuf_reset(&out);
	captured(one_pass, db, &out);
	assert_eq_str(out.buf, "resolved: problem a, seen in round 2\n");
	assert_eq_int(q_int(db, "SELECT count(*) FROM problems WHERE closed IS NULL"), 1);
	strbuf_reset(&out);
	captured(one_pass, db, &out);
	assert_eq_str(out.buf, "warning: problem a, seen in round 4; fix it\n"
			       "resolved: problem b\n");
	/* reopened: one row, open again */
	assert_eq_int(q_int(db, "SELECT count(*) FROM problems WHERE key = 'a' AND closed IS NULL"),
		      1);
	strbuf_release(&out);
	db_close(db);
}

static void close_a(sqlite3 *db)
{
	problems_close(db, "test", "a");
	problems_close(db, "test", "a"); /* closed already: silent */
}

TEST(problems_close_says_it_once)
{
	sqlite3 *db = fresh_db();
	struct strbuf out = STRBUF_INIT;

	if (!db)
		return;
	round_no = 0;
	captured(one_pass, db, &out);
	strbuf_reset(&out);
	captured(close_a, db, &out);
	assert_eq_str(out.buf, "resolved: problem a, seen in round 1\n");
	strbuf_release(&out);
	db_close(db);
}

TEST(migration_makes_absent_bundles_current_again)
{
	struct strbuf err = STRBUF_INIT;
	char path[4096];
	sqlite3 *db = NULL;

	snprintf(path, sizeof(path), "%s/old.db", test_tmpdir());
	if (db_open(path, &db, &err))
		return (void)test_fail(__FILE__, __LINE__, "db_open: %s", err.buf);
	/* Back to schema 10, with what an older iireview would have written. */
	assert_eq_int(sqlite3_exec(db,
				   "DROP TABLE withdrawals; DROP TABLE problems; "
				   "ALTER TABLE bundles DROP COLUMN missing_since; "
				   "ALTER TABLE files DROP COLUMN entry; "
				   "ALTER TABLE files DROP COLUMN data_offset; "
				   "DROP INDEX summary_rows_by_application;",
				   NULL, NULL, NULL),
		      SQLITE_OK);
	sqlite3_exec(
	    db,
	    "INSERT INTO bundles(id, inbox_name, kind, unit, state, mtime, received) VALUES "
	    " (1, 'nj.zip', 'archive', '南京市', 'removed', 10, 'then'),"     /* gone: back */
	    " (2, 'wx-old.zip', 'archive', '无锡市', 'removed', 10, 'then')," /* replaced */
	    " (3, 'wx.zip', 'archive', '无锡市', 'current', 20, 'then'),"
	    " (4, 'cz.zip', 'archive', '常州市', 'superseded', 5, 'then');"
	    "PRAGMA user_version = 10;",
	    NULL, NULL, NULL);
	db_close(db);
	db = NULL;
	if (db_open(path, &db, &err))
		return (void)test_fail(__FILE__, __LINE__, "db_open: %s", err.buf);
	assert_eq_int(q_int(db, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	assert_eq_int(q_int(db, "SELECT count(*) FROM bundles WHERE id = 1 AND state = 'current' "
				"AND missing_since IS NOT NULL"),
		      1);
	assert_eq_int(
	    q_int(db, "SELECT count(*) FROM bundles WHERE id = 2 AND state = 'superseded' AND "
		      "superseded_by = 3"),
	    1);
	assert_eq_int(q_int(db, "SELECT count(*) FROM bundles WHERE id = 3 AND state = 'current' "
				"AND missing_since IS NULL"),
		      1);
	assert_eq_int(
	    q_int(db, "SELECT count(*) FROM bundles WHERE id = 4 AND state = 'superseded'"), 1);
	db_close(db);
	strbuf_release(&err);
}

/* ---- the corrections file ---- */

static struct catalog forms[2];

static int load_forms(void)
{
	static int loaded;
	struct strbuf p = STRBUF_INIT, err = STRBUF_INIT;
	const char *top = getenv("TOP");

	if (!loaded) {
		strbuf_addf(&p, "%s/rules/fields/platform.tsv", top && *top ? top : ".");
		if (!catalog_load(p.buf, &forms[0], &err)) {
			strbuf_reset(&p);
			strbuf_addf(&p, "%s/rules/fields/factory.tsv", top && *top ? top : ".");
			loaded = !catalog_load(p.buf, &forms[1], &err);
		}
		if (!loaded)
			test_fail(__FILE__, __LINE__, "catalogues: %s", err.buf);
	}
	strbuf_release(&p);
	strbuf_release(&err);
	return loaded;
}

static int load_text(const char *text, struct corrections *c)
{
	struct strbuf err = STRBUF_INIT;
	char path[4096];
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), "%s/corrections.csv", test_tmpdir());
	f = fopen(path, "wb");
	if (!f)
		return test_fail(__FILE__, __LINE__, "cannot write %s", path) - 1;
	fputs(text, f);
	fclose(f);
	ret = corrections_load(path, forms, c, &err);
	if (ret)
		test_fail(__FILE__, __LINE__, "corrections_load: %s", err.buf);
	strbuf_release(&err);
	return ret;
}

TEST(corrections_empty_blank_and_header_only_are_valid)
{
	static const char *const texts[] = {"", "\n\n", "\r\n  \r\n",
					    "\xEF\xBB\xBF申报编号,字段,更正值,原因,更正人,日期\r\n",
					    "\n申报编号,字段,更正值\n\n"};
	struct corrections c;

	if (!load_forms())
		return;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		if (load_text(texts[i], &c))
			continue;
		assert_eq_int(c.n, 0);
		assert_eq_int(c.nr_problems, 0);
		corrections_release(&c);
	}
}

static int value_not_x(const struct correction *k, struct strbuf *why, void *ctx)
{
	(void)ctx;
	if (strcmp(k->value, "x"))
		return 1;
	strbuf_addstr(why, "is x");
	return 0;
}

TEST(corrections_bad_lines_refused_rest_applies_last_of_several_wins)
{
	struct corrections c;
	const char *path;

	if (!load_forms())
		return;
	if (load_text("P91320214745555318W,devices,1\n"		      /* 1: no header */
		      "P91320214745555318W,devices,2\n"		      /* 2 */
		      "\n"					      /* 3: blank */
		      "Q1,devices,3\n"				      /* 4: not P/F */
		      "P91320214745555318W,no_such_field,4\n"	      /* 5 */
		      "P91320214745555318W,devices\n"		      /* 6: 2 columns */
		      "P91320214745555318W,人员数量,x\n"	      /* 7: unreadable */
		      "P91320214745555318W,devices,\"6,000\",r,w,d\n" /* 8 */
		      "P91320214745555318W,devices,7\n",	      /* 9: applies */
		      &c))
		return;
	corrections_check(&c, value_not_x, NULL);
	path = c.path;
	assert_eq_int(c.n, 4); /* lines 2, 7, 8, 9 */
	if (c.n == 4) {
		assert_eq_int(c.v[0].line, 2);
		assert_true(c.v[0].overridden && c.v[2].overridden && !c.v[3].overridden);
		assert_true(c.v[1].refused);
		assert_eq_str(c.v[1].key, "staff");
		assert_eq_str(c.v[2].value, "6,000");
		assert_eq_int(c.v[3].line, 9);
	}
	assert_eq_int(c.nr_problems, 6);
	if (c.nr_problems == 6) {
		struct strbuf want = STRBUF_INIT;

		strbuf_addf(&want, "%s:1: correction refused: not the header", path);
		assert_true(!strncmp(c.problems[0].message, want.buf, want.len));
		strbuf_reset(&want);
		strbuf_addf(&want, "%s:4: correction refused: 申报编号 must start", path);
		assert_true(!strncmp(c.problems[1].message, want.buf, want.len));
		strbuf_reset(&want);
		strbuf_addf(&want,
			    "%s:7: correction refused: P91320214745555318W staff \"x\" is x; ",
			    path);
		assert_true(!strncmp(c.problems[4].message, want.buf, want.len));
		strbuf_reset(&want);
		strbuf_addf(&want,
			    "%s: lines 2, 8, 9 all correct P91320214745555318W devices; only line "
			    "9 applies",
			    path);
		assert_eq_str(c.problems[5].message, want.buf);
		/* the key does not hold the line: a line moved is the same problem */
		assert_eq_str(c.problems[5].key, "several:P91320214745555318W,devices");
		strbuf_release(&want);
	}
	corrections_release(&c);
}

TEST_MAIN(TEST_ENTRY(problems_are_said_when_they_open_and_when_they_close),
	  TEST_ENTRY(problems_close_says_it_once),
	  TEST_ENTRY(migration_makes_absent_bundles_current_again),
	  TEST_ENTRY(corrections_empty_blank_and_header_only_are_valid),
	  TEST_ENTRY(corrections_bad_lines_refused_rest_applies_last_of_several_wins))
