/*
 * stale.c - the reviewers' worksheets that no longer count.
 *
 * A review counts while its worksheet's 版本标识 is the application's
 * current stamp.  When a unit sends a new bundle or staff correct a field,
 * the stamp changes and the reviewer must mark the new worksheet: a
 * problem that needs a person, said once when it appears (after the output
 * or collect that made it so) and once when it goes away.
 */
#include "cli/cli.h"

#include "common/db.h"
#include "common/log.h"
#include "common/problems.h"
#include "common/stamp.h"

#include <stdio.h>
#include <string.h>

int cli_report_stale(sqlite3 *db)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT r.id, r.app_no, r.reviewer, r.path, r.stamp, "
		"  (SELECT a.id FROM applications a JOIN bundles b ON b.id = a.bundle_id "
		"    AND b.state = 'current' WHERE a.app_no = r.app_no ORDER BY a.id DESC LIMIT 1) "
		"FROM reviews r WHERE r.state = 'current' ORDER BY r.app_no, r.reviewer");
	struct problems p;
	int rc;

	if (!st)
		return -1;
	problems_begin(&p, db, PROBLEM_WORKSHEET_STALE);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *app_no = (const char *)sqlite3_column_text(st, 1);
		const char *reviewer = (const char *)sqlite3_column_text(st, 2);
		const char *path = (const char *)sqlite3_column_text(st, 3);
		const char *stamp = (const char *)sqlite3_column_text(st, 4);
		char key[24], now[65];

		snprintf(key, sizeof(key), "%lld", (long long)sqlite3_column_int64(st, 0));
		if (sqlite3_column_type(st, 5) == SQLITE_NULL) {
			problems_note(&p, key,
				      "worksheet %s of %s by %s is stale: the application is no "
				      "longer in the current bundles; its marks do not count",
				      path, app_no, reviewer);
			continue;
		}
		if (app_stamp(db, sqlite3_column_int64(st, 5), now)) {
			problems_abandon(&p);
			sqlite3_finalize(st);
			return -1;
		}
		if (strcmp(now, stamp))
			problems_note(&p, key,
				      "worksheet %s of %s by %s is stale: the application changed "
				      "since it was sent out; %s needs to mark the new worksheet",
				      path, app_no, reviewer, reviewer);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		problems_abandon(&p);
		return error("database: %s", sqlite3_errmsg(db));
	}
	return problems_end(&p);
}
