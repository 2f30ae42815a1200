#include "db.h"
#include "fsutil.h"
#include "log.h"
#include "strbuf.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/*
 * Migrations: migrations[i] takes a database from user_version i to i+1.
 * Never edit a released entry; add a new one.
 */
static const char *const migrations[] = {
    /* 0 -> 1: the ingest stage's tables. */
    "CREATE TABLE runs ("
    "  id INTEGER PRIMARY KEY,"
    "  stage TEXT NOT NULL,"
    "  started TEXT NOT NULL,"
    "  ended TEXT,"
    "  status INTEGER,"
    "  bundles_seen INTEGER, bundles_changed INTEGER,"
    "  applications INTEGER, defects INTEGER);"
    "CREATE TABLE blobs ("
    "  sha256 TEXT PRIMARY KEY,"
    "  size INTEGER NOT NULL) WITHOUT ROWID;"
    /* A bundle version: what one inbox item held at one time. */
    "CREATE TABLE bundles ("
    "  id INTEGER PRIMARY KEY,"
    "  inbox_name TEXT NOT NULL," /* file or folder name in the inbox, UTF-8 */
    "  kind TEXT NOT NULL CHECK (kind IN ('archive','folder','file')),"
    "  sha256 TEXT," /* archive bytes, or digest of a folder's listing */
    "  size INTEGER, mtime INTEGER, dev INTEGER, ino INTEGER," /* fingerprint */
    "  format TEXT,"					       /* as libarchive names it */
    "  unit TEXT,"					       /* 推荐单位, NULL when unknown */
    "  unit_source TEXT,"				       /* 'summary' or 'name' */
    "  state TEXT NOT NULL CHECK (state IN ('current','superseded','removed')),"
    "  superseded_by INTEGER REFERENCES bundles(id),"
    "  files INTEGER NOT NULL DEFAULT 0,"
    "  received TEXT NOT NULL," /* when ingest first saw this version */
    "  run_id INTEGER REFERENCES runs(id));"
    "CREATE INDEX bundles_by_name ON bundles(inbox_name);"
    "CREATE INDEX bundles_by_unit ON bundles(unit, state);"
    "CREATE TABLE applications ("
    "  id INTEGER PRIMARY KEY,"
    "  bundle_id INTEGER NOT NULL REFERENCES bundles(id),"
    "  form_file_id INTEGER,"
    "  type TEXT NOT NULL CHECK (type IN ('platform','factory')),"
    "  enterprise TEXT);" /* as the form's cover names it */
    "CREATE INDEX applications_by_bundle ON applications(bundle_id);"
    "CREATE TABLE files ("
    "  id INTEGER PRIMARY KEY,"
    "  bundle_id INTEGER NOT NULL REFERENCES bundles(id),"
    "  path TEXT NOT NULL," /* UTF-8; nested archives as outer.zip/inner */
    "  raw_name BLOB,"	    /* the name's bytes when they were not UTF-8 */
    "  name_encoding TEXT," /* 'utf-8', 'gb18030' or 'escaped' */
    "  parent_id INTEGER REFERENCES files(id),"
    "  depth INTEGER NOT NULL," /* archive nesting: 0 = directly in the bundle */
    "  sha256 TEXT REFERENCES blobs(sha256),"
    "  size INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"   /* see classify.h */
    "  attachment_kind TEXT," /* 营业执照, 审计报告, ... */
    "  enterprise TEXT,"      /* forms: the enterprise on the cover */
    "  application_id INTEGER REFERENCES applications(id));"
    "CREATE INDEX files_by_bundle ON files(bundle_id);"
    "CREATE INDEX files_by_application ON files(application_id);"
    "CREATE TABLE defects ("
    "  id INTEGER PRIMARY KEY,"
    "  stage TEXT NOT NULL,"
    "  bundle_id INTEGER REFERENCES bundles(id),"
    "  file_id INTEGER REFERENCES files(id),"
    "  application_id INTEGER REFERENCES applications(id),"
    "  code TEXT NOT NULL,"
    "  field TEXT,"   /* field key, or the entry name for archive defects */
    "  raw TEXT,"     /* the raw text or name that was at fault */
    "  detail TEXT);" /* in Chinese, for the city's correction list */
    "CREATE INDEX defects_by_bundle ON defects(bundle_id);"
    "CREATE INDEX defects_by_application ON defects(application_id);",
    /* 1 -> 2: the normalize stage's tables. */
    "ALTER TABLE applications ADD COLUMN app_no TEXT;"	    /* 申报编号, see normalize.h */
    "ALTER TABLE applications ADD COLUMN credit_code TEXT;" /* when valid */
    "ALTER TABLE applications ADD COLUMN direction TEXT;"   /* box ticked on the form */
    "ALTER TABLE applications ADD COLUMN normalized TEXT;"  /* catalogue digest; NULL = to do */
    "CREATE INDEX applications_by_no ON applications(app_no);"
    "CREATE TABLE fields ("
    "  application_id INTEGER NOT NULL REFERENCES applications(id),"
    "  key TEXT NOT NULL,"    /* from the catalogues in rules/fields */
    "  raw TEXT,"	      /* the text as written in the form */
    "  value TEXT,"	      /* normalized, see docs/normalizers.md */
    "  num REAL,"	      /* the number, for numeric types */
    "  status TEXT NOT NULL," /* ok, empty, unreadable, conflict, absent */
    "  flags TEXT,"	      /* qualifiers: approx, lower_bound, ... */
    "  PRIMARY KEY (application_id, key)) WITHOUT ROWID;"
    "CREATE TABLE summary_rows ("
    "  id INTEGER PRIMARY KEY,"
    "  bundle_id INTEGER NOT NULL REFERENCES bundles(id),"
    "  file_id INTEGER NOT NULL REFERENCES files(id),"
    "  table_type TEXT NOT NULL CHECK (table_type IN ('platform','factory')),"
    "  row INTEGER NOT NULL," /* 1-based row in the sheet or table */
    "  seq TEXT, enterprise TEXT, direction TEXT, project TEXT, contact TEXT,"
    "  mobile TEXT, location TEXT, cluster TEXT,"
    "  application_id INTEGER REFERENCES applications(id));"
    "CREATE INDEX summary_rows_by_bundle ON summary_rows(bundle_id);",
    /* 2 -> 3: the evaluate stage's tables. */
    "CREATE TABLE verdicts ("
    "  application_id INTEGER NOT NULL REFERENCES applications(id),"
    "  criterion TEXT NOT NULL," /* id in rules/<year>/, e.g. cross.devices */
    "  clause TEXT NOT NULL,"	 /* 附件3 一(二)1 */
    "  kind TEXT NOT NULL CHECK (kind IN ('basic','gate','priority','qualitative')),"
    "  direction TEXT NOT NULL DEFAULT ''," /* the direction a gate belongs to; '' for all */
    "  requirement TEXT NOT NULL,"	    /* Chinese, shown to reviewers */
    "  value_used TEXT,"		    /* the values used, raw and normalized */
    "  threshold TEXT,"
    "  result TEXT NOT NULL CHECK (result IN ('pass','fail','unknown','')),"
    "  detail TEXT," /* Chinese: why */
    "  PRIMARY KEY (application_id, criterion, direction)) WITHOUT ROWID;"
    "CREATE TABLE assessments ("
    "  application_id INTEGER PRIMARY KEY REFERENCES applications(id),"
    "  declared TEXT NOT NULL," /* 跨行业跨领域 行业级 企业级 重点培育 标杆工厂, '' when none */
    "  recommended TEXT NOT NULL," /* one of those, or 不予推荐 */
    "  basic_ok INTEGER NOT NULL,"
    "  gates_ok INTEGER NOT NULL," /* every gate of the declared direction passes */
    "  gates_passed INTEGER NOT NULL, gates_total INTEGER NOT NULL,"
    "  priorities TEXT," /* the priorities met, ';'-separated, Chinese */
    "  score REAL NOT NULL,"
    "  score_detail TEXT,"	      /* component by component */
    "  rules_digest TEXT NOT NULL);", /* the rules it was evaluated with */
    /* 3 -> 4: aggregate and output. */
    "CREATE TABLE rankings ("
    "  application_id INTEGER PRIMARY KEY REFERENCES applications(id),"
    "  category TEXT NOT NULL," /* the recommended direction */
    "  rank INTEGER NOT NULL,"
    "  score REAL NOT NULL);"
    "CREATE TABLE outputs ("
    "  path TEXT PRIMARY KEY," /* relative to --out */
    "  digest TEXT NOT NULL,"  /* of what it was made from: rewritten only when it changes */
    "  written TEXT NOT NULL) WITHOUT ROWID;",
    /* 4 -> 5: normalize's bookkeeping per bundle (summary tables have no application). */
    "ALTER TABLE bundles ADD COLUMN normalized TEXT;", /* rules digest; NULL = to do */
    /* 5 -> 6: collect, the reviewers' returned worksheets (docs/review.md). */
    "CREATE TABLE review_files (" /* every returned file, good or bad, once */
    "  sha256 TEXT PRIMARY KEY REFERENCES blobs(sha256),"
    "  path TEXT NOT NULL," /* as found under DIR; zip entries as a.zip/entry */
    "  size INTEGER NOT NULL,"
    "  mtime INTEGER," /* of the file, or of the zip entry */
    "  status TEXT NOT NULL CHECK (status IN ('accepted','ignored','rejected')),"
    "  code TEXT,"   /* the first problem (rejected) or REVIEW_DUPLICATE */
    "  detail TEXT," /* every message, one a line */
    "  collected TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE reviews ("
    "  id INTEGER PRIMARY KEY,"
    "  app_no TEXT NOT NULL," /* 申报编号 as written in the worksheet */
    "  application_id INTEGER NOT NULL REFERENCES applications(id)," /* at collect time */
    "  reviewer TEXT NOT NULL," /* 评审专家, blanks trimmed */
    "  path TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL REFERENCES blobs(sha256),"
    "  mtime INTEGER,"
    "  stamp TEXT NOT NULL," /* 版本标识: counts while it is the current one */
    "  collected TEXT NOT NULL,"
    "  total REAL NOT NULL," /* sum of the 评分 column */
    "  state TEXT NOT NULL CHECK (state IN ('current','replaced')),"
    "  replaced_by INTEGER REFERENCES reviews(id));"
    "CREATE UNIQUE INDEX reviews_one_per_reviewer ON reviews(app_no, reviewer) "
    "  WHERE state = 'current';"
    "CREATE TABLE review_marks ("
    "  review_id INTEGER NOT NULL REFERENCES reviews(id),"
    "  seq INTEGER NOT NULL," /* 1-based criteria row */
    "  criterion TEXT NOT NULL, direction TEXT NOT NULL,"
    "  clause TEXT,"
    "  opinion TEXT CHECK (opinion IN ('符合','不符合','待核实')),"
    "  score REAL,"
    "  remark TEXT,"
    "  cells TEXT NOT NULL," /* where they were: H18:J18 */
    "  PRIMARY KEY (review_id, seq)) WITHOUT ROWID;",
    /* 6 -> 7: staff corrections (docs/corrections.md). */
    "ALTER TABLE fields ADD COLUMN original_raw TEXT;" /* the form's text, when corrected */
    "ALTER TABLE fields ADD COLUMN original_value TEXT;"
    "ALTER TABLE fields ADD COLUMN correction TEXT;" /* 原因, 更正人, 日期, file:line */
    "CREATE TABLE corrections_log ("		     /* every correction ever applied */
    "  id INTEGER PRIMARY KEY,"
    "  app_no TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
    "  reason TEXT, who TEXT, at TEXT,"
    "  source TEXT NOT NULL," /* file:line when first seen */
    "  first_applied TEXT NOT NULL,"
    "  UNIQUE (app_no, key, value, reason, who, at));",
    /* 7 -> 8: evaluate looks up each application's duplicates by credit code. */
    "CREATE INDEX applications_by_code ON applications(credit_code, type);",
    /*
     * 8 -> 9: what normalize wrote for an application, as one digest, so
     * that evaluate and output see an unchanged application without reading
     * its fields (NULL: they read them).
     */
    "ALTER TABLE applications ADD COLUMN fields_digest TEXT;",
    /*
     * 9 -> 10: collect's final ranking (docs/review.md), rewritten whole
     * by collect; output shows it and reads nothing of collect but these.
     */
    "CREATE TABLE review_results ("
    "  application_id INTEGER PRIMARY KEY REFERENCES applications(id),"
    "  seq INTEGER NOT NULL," /* the ranking's order: category, complete first, rank */
    "  app_no TEXT, enterprise TEXT, unit TEXT,"
    "  category TEXT,"		   /* the recommended direction; NULL: not ranked */
    "  auto_score REAL NOT NULL,"  /* assessments.score: the tiebreak */
    "  reviews INTEGER NOT NULL,"  /* reviews with the current stamp */
    "  required INTEGER NOT NULL," /* required_reviews of score.txt when made */
    "  mean REAL, median REAL, min REAL, max REAL," /* of the totals; NULL without reviews */
    "  complete INTEGER NOT NULL, discuss INTEGER NOT NULL,"
    "  rank INTEGER NOT NULL," /* 1.. inside the category when complete, else 0 */
    "  reviewers TEXT NOT NULL);"
    "CREATE TABLE review_people ("
    "  name TEXT PRIMARY KEY,"
    "  current INTEGER NOT NULL,"		/* reviews counted */
    "  stale INTEGER NOT NULL) WITHOUT ROWID;", /* of an application changed since */
    /*
     * 10 -> 11: absence is not withdrawal (issue 14).  A current bundle whose
     * inbox item is gone stays current, with missing_since set; state
     * 'removed' now means withdrawn by staff (iireview withdraw), each with
     * its row in withdrawals.  Bundles an older iireview marked 'removed'
     * only because their file left the inbox are current again (missing),
     * unless a later version of the same inbox item or unit replaced them.
     * problems: what needs a person, printed when it opens and when it
     * closes, listed by status while open (common/problems.h).
     */
    "ALTER TABLE bundles ADD COLUMN missing_since TEXT;" /* NULL: in the inbox */
    "CREATE TABLE withdrawals ("
    "  id INTEGER PRIMARY KEY,"
    "  bundle_id INTEGER NOT NULL REFERENCES bundles(id),"
    "  reason TEXT NOT NULL,"
    "  who TEXT," /* --by, else the login name */
    "  at TEXT NOT NULL);"
    "CREATE INDEX withdrawals_by_bundle ON withdrawals(bundle_id);"
    "CREATE TABLE problems ("
    "  kind TEXT NOT NULL," /* bundle-missing, correction, worksheet-stale */
    "  key TEXT NOT NULL,"  /* what makes it the same problem from run to run */
    "  message TEXT NOT NULL,"
    "  opened TEXT NOT NULL, seen TEXT NOT NULL,"
    "  closed TEXT," /* NULL while open */
    "  PRIMARY KEY (kind, key)) WITHOUT ROWID;"
    "UPDATE bundles SET state = 'current', missing_since = datetime('now') "
    "  WHERE state = 'removed';"
    "UPDATE bundles SET state = 'superseded', superseded_by = (SELECT n.id FROM bundles n "
    "    WHERE n.inbox_name = bundles.inbox_name AND n.state = 'current' "
    "    ORDER BY n.id DESC LIMIT 1) "
    "  WHERE state = 'current' AND id <> (SELECT n.id FROM bundles n "
    "    WHERE n.inbox_name = bundles.inbox_name AND n.state = 'current' "
    "    ORDER BY n.id DESC LIMIT 1);"
    "UPDATE bundles SET state = 'superseded', superseded_by = (SELECT n.id FROM bundles n "
    "    WHERE n.unit = bundles.unit AND n.state = 'current' "
    "    ORDER BY n.mtime DESC, n.id DESC LIMIT 1) "
    "  WHERE state = 'current' AND unit IS NOT NULL AND id <> (SELECT n.id FROM bundles n "
    "    WHERE n.unit = bundles.unit AND n.state = 'current' "
    "    ORDER BY n.mtime DESC, n.id DESC LIMIT 1);",
    /*
     * 11 -> 12: the files inside a bundle are no longer copied into the store
     * (docs/ingest.md); where each one lies, so that it is read back from the
     * bundle's blob (common/original.h).  Rows of older versions have blobs.
     */
    "ALTER TABLE files ADD COLUMN entry INTEGER;"	 /* header ordinal in its archive */
    "ALTER TABLE files ADD COLUMN data_offset INTEGER;", /* bytes as-is in the bundle */
    /*
     * 12 -> 13: evaluate looks up each application's 附件5 row at every run;
     * through summary_rows_by_bundle that read the bundle's 200 rows for
     * each of its 200 applications, most of an unchanged run's evaluate.
     */
    "CREATE INDEX summary_rows_by_application ON summary_rows(application_id);",
};

static int migrate(sqlite3 *db, struct strbuf *err)
{
	sqlite3_stmt *st;
	int version;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
		strbuf_addf(err, "%s", sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_step(st);
	version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version > DB_SCHEMA_VERSION) {
		strbuf_addf(err, "database schema version %d is newer than this iireview (%d)",
			    version, DB_SCHEMA_VERSION);
		return -1;
	}
	for (; version < DB_SCHEMA_VERSION; version++) {
		char pragma[64];
		char *msg = NULL;

		snprintf(pragma, sizeof(pragma), ";PRAGMA user_version=%d;COMMIT", version + 1);
		if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(db, migrations[version], NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(db, pragma + 1, NULL, NULL, &msg) != SQLITE_OK) {
			strbuf_addf(err, "migration to schema %d failed: %s", version + 1,
				    msg ? msg : sqlite3_errmsg(db));
			sqlite3_free(msg);
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

int db_open(const char *path, sqlite3 **out, struct strbuf *err)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == DB_SCHEMA_VERSION,
		       "one migration per schema version");
	*out = NULL;
	/*
	 * Contacts and mobile numbers are personal data: a new database is
	 * created FILE_MODE here (SQLite would make it 0666 less the umask),
	 * and SQLite gives its -wal and -shm files the database's mode.
	 */
	if (strcmp(path, ":memory:")) {
		int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, FILE_MODE);

		if (fd >= 0)
			close(fd);
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		strbuf_addf(err, "cannot open database %s: %s", path,
			    db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 10000);
	if (sqlite3_exec(db,
			 "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
			 "PRAGMA synchronous=NORMAL;",
			 NULL, NULL, &msg) != SQLITE_OK) {
		strbuf_addf(err, "cannot set up database %s: %s", path, msg);
		sqlite3_free(msg);
		sqlite3_close(db);
		return -1;
	}
	if (migrate(db, err)) {
		sqlite3_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

int db_open_readonly(const char *path, sqlite3 **out, struct strbuf *err)
{
	sqlite3 *db = NULL;

	*out = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		strbuf_addf(err, "cannot open database %s: %s", path,
			    db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 10000);
	*out = db;
	return 0;
}

void db_close(sqlite3 *db)
{
	sqlite3_close(db);
}

int db_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		error("database: %s (in: %.60s)", msg ? msg : sqlite3_errmsg(db), sql);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		error("database: %s (in: %.60s)", sqlite3_errmsg(db), sql);
		return NULL;
	}
	return st;
}

int db_begin(sqlite3 *db)
{
	return db_exec(db, "BEGIN IMMEDIATE");
}

int db_commit(sqlite3 *db)
{
	return db_exec(db, "COMMIT");
}

void db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

int db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (!s)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

void db_now(char buf[20])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

int64_t db_run_begin(sqlite3 *db, const char *stage)
{
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO runs(stage, started) VALUES (?, ?)");
	char now[20];
	int64_t id = -1;

	if (!st)
		return -1;
	db_now(now);
	db_bind_text(st, 1, stage);
	db_bind_text(st, 2, now);
	if (sqlite3_step(st) == SQLITE_DONE)
		id = sqlite3_last_insert_rowid(db);
	else
		error("database: cannot record the run: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return id;
}

static void bind_count(sqlite3_stmt *st, int idx, int64_t v)
{
	if (v < 0)
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_int64(st, idx, v);
}

void db_run_end(sqlite3 *db, int64_t run_id, int status, int64_t seen, int64_t changed,
		int64_t applications, int64_t defects)
{
	sqlite3_stmt *st;
	char now[20];

	if (run_id < 0)
		return;
	st = db_prepare(db, "UPDATE runs SET ended = ?, status = ?, bundles_seen = ?, "
			    "bundles_changed = ?, applications = ?, defects = ? WHERE id = ?");
	if (!st)
		return;
	db_now(now);
	db_bind_text(st, 1, now);
	sqlite3_bind_int(st, 2, status);
	bind_count(st, 3, seen);
	bind_count(st, 4, changed);
	bind_count(st, 5, applications);
	bind_count(st, 6, defects);
	sqlite3_bind_int64(st, 7, run_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		error("database: cannot record the end of run %lld: %s", (long long)run_id,
		      sqlite3_errmsg(db));
	sqlite3_finalize(st);
}
