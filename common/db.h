/*
 * db.h - the one SQLite database through which the stages talk.
 *
 * Opened in WAL mode with foreign keys on and a busy timeout; the schema
 * version is PRAGMA user_version, and db_open() applies the migrations in
 * db.c in order, each in its own transaction, so an old database is brought
 * up to date and a newer one (from a later iireview) is refused.
 *
 * The tables (see SCHEMA in db.c for the columns):
 *   runs          one row per stage run: start, end, counts, exit status
 *   blobs         every stored byte string, by SHA-256 (see store.h)
 *   bundles       one row per version of a unit's bundle as received
 *   files         every file inside a bundle version (nested archives too), and
 *                 where its bytes are (common/original.h)
 *   applications  one row per application form in a bundle version
 *   defects       every problem found, with a stable code (see defect.h)
 *   fields        normalize: every field of every application, raw and normalized
 *   summary_rows  normalize: the rows of each unit's 附件5 tables
 *   verdicts      evaluate: one row per application and criterion
 *   assessments   evaluate: declared and recommended direction, score
 *   rankings      aggregate: rank inside each category
 *   outputs       output: what each output file was last made from
 *   review_files  collect: every returned worksheet, accepted or not
 *   reviews       collect: one per application and reviewer (replaced ones kept)
 *   review_marks  collect: the reviewer's marks per criterion, with their cells
 *   review_results collect: the final ranking from the reviews, rewritten whole
 *   review_people collect: reviews counted and stale per reviewer
 *   withdrawals   iireview withdraw: a bundle taken out on purpose, with the reason
 *   problems      what needs a person, open or closed (problems.h)
 *
 * bundles.state: 'current' (missing_since set while its inbox item is gone),
 * 'superseded' (a newer version of its inbox item or unit), 'removed'
 * (withdrawn by staff; see withdrawals).
 */
#ifndef IIREVIEW_DB_H
#define IIREVIEW_DB_H

#include <sqlite3.h>
#include <stdint.h>

struct strbuf;

#define DB_SCHEMA_VERSION 13

/* Open (creating) the database at path and migrate it.  0 or -1 with err. */
int db_open(const char *path, sqlite3 **db, struct strbuf *err);
/* Open an existing database read-only, without migrating; 0 or -1. */
int db_open_readonly(const char *path, sqlite3 **db, struct strbuf *err);
void db_close(sqlite3 *db);

/* Run SQL with no result rows; -1 and error() on failure. */
int db_exec(sqlite3 *db, const char *sql);
/* Prepare a statement; NULL and error() on failure. */
sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql);

int db_begin(sqlite3 *db); /* BEGIN IMMEDIATE: the writer lock at once */
int db_commit(sqlite3 *db);
void db_rollback(sqlite3 *db); /* safe to call when no transaction is open */

/* Bind a text that may be NULL (bound as NULL). */
int db_bind_text(sqlite3_stmt *st, int idx, const char *s);

/* The current UTC time as "YYYY-MM-DD HH:MM:SS" into buf[20]. */
void db_now(char buf[20]);

/* Start a runs row for a stage; returns its id, or -1. */
int64_t db_run_begin(sqlite3 *db, const char *stage);
/* Close a runs row with its exit status and counts (any may be -1 = not known). */
void db_run_end(sqlite3 *db, int64_t run_id, int status, int64_t seen, int64_t changed,
		int64_t applications, int64_t defects);

#endif
