/*
 * absence.c - a bundle that leaves the inbox is missing, not withdrawn.
 *
 * Clerks move files, shares are not mounted, an inbox is empty for one
 * run: none of that is a decision to drop a unit's applications.  A
 * current bundle whose inbox item is gone stays current (every later stage
 * and every output keep it) with bundles.missing_since set and an open
 * problem saying so, until a newer bundle of its unit supersedes it or
 * staff withdraw it (iireview withdraw).  When the same bytes come back,
 * under any name and with any mtime, the bundle is simply present again.
 */
#include "ingest/internal.h"

#include "common/db.h"
#include "common/log.h"
#include "common/problems.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int listed(char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

/*
 * The bytes of a bundle staff withdrew, back under another name: a clerk
 * copying files again does not undo a decision.  Left unread (1), said at
 * -v; 0 when no withdrawn bundle has these bytes.
 */
static int withdrawn_return(sqlite3 *db, const char *inbox_name, int is_dir, const char *sha,
			    int probe)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT inbox_name FROM bundles WHERE state = 'removed' "
					  "AND sha256 = ? AND kind = ? ORDER BY id DESC LIMIT 1");
	int ret = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, sha);
	db_bind_text(st, 2, is_dir ? "folder" : "archive");
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (!probe)
			info("ingest: %s: the same bytes as %s, which staff withdrew: left out",
			     inbox_name, (const char *)sqlite3_column_text(st, 0));
		ret = 1;
	}
	sqlite3_finalize(st);
	return ret;
}

int absence_return(sqlite3 *db, const char *inbox_name, int is_dir, const char *sha,
		   const struct bundle_seen *seen, char *const *names, size_t n, int64_t self,
		   int probe)
{
	sqlite3_stmt *st;
	int64_t id = 0;
	char *old = NULL;
	int ret = 0;

	/* A name that already has a current bundle is a new version of it, not a return. */
	st = db_prepare(db, "SELECT 1 FROM bundles WHERE inbox_name = ? AND state = 'current' "
			    "AND id <> ?");
	if (!st)
		return -1;
	db_bind_text(st, 1, inbox_name);
	sqlite3_bind_int64(st, 2, self);
	ret = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (ret)
		return 0;
	st = db_prepare(db, "SELECT id, inbox_name FROM bundles WHERE state = 'current' AND "
			    "sha256 = ? AND kind = ? AND id <> ? ORDER BY id DESC");
	if (!st)
		return -1;
	db_bind_text(st, 1, sha);
	db_bind_text(st, 2, is_dir ? "folder" : "archive");
	sqlite3_bind_int64(st, 3, self);
	while (!id && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);

		/* Its own item is still there: this is a copy, read as a bundle of its own. */
		if (listed(names, n, name))
			continue;
		id = sqlite3_column_int64(st, 0);
		old = xstrdup(name);
	}
	sqlite3_finalize(st);
	if (!id)
		return withdrawn_return(db, inbox_name, is_dir, sha, probe);
	if (probe) {
		free(old);
		return 1;
	}
	st = db_prepare(db, "UPDATE bundles SET inbox_name = ?, size = ?, mtime = ?, dev = ?, "
			    "ino = ?, missing_since = NULL WHERE id = ?");
	ret = -1;
	if (st) {
		db_bind_text(st, 1, inbox_name);
		sqlite3_bind_int64(st, 2, seen->size);
		sqlite3_bind_int64(st, 3, seen->mtime);
		sqlite3_bind_int64(st, 4, seen->dev);
		sqlite3_bind_int64(st, 5, seen->ino);
		sqlite3_bind_int64(st, 6, id);
		if (sqlite3_step(st) == SQLITE_DONE)
			ret = 1;
		else
			error("database: %s", sqlite3_errmsg(db));
		sqlite3_finalize(st);
	}
	if (ret == 1)
		info("ingest: %s: the same bytes as %s, which had left the inbox: present again",
		     inbox_name, old);
	free(old);
	return ret;
}

int absence_mark(sqlite3 *db, char *const *names, size_t n)
{
	sqlite3_stmt *sel, *gone, *back;
	struct problems p;
	char now[20];
	int ret = 0, current = 0;

	sel = db_prepare(db, "SELECT b.id, b.inbox_name, b.missing_since, "
			     "  coalesce(b.unit, '(unit unknown)'), "
			     "  (SELECT count(*) FROM applications a WHERE a.bundle_id = b.id) "
			     "FROM bundles b WHERE b.state = 'current' ORDER BY b.unit, b.id");
	gone = db_prepare(db, "UPDATE bundles SET missing_since = ? WHERE id = ?");
	back = db_prepare(db, "UPDATE bundles SET missing_since = NULL WHERE id = ?");
	if (!sel || !gone || !back || db_begin(db)) {
		sqlite3_finalize(sel);
		sqlite3_finalize(gone);
		sqlite3_finalize(back);
		return -1;
	}
	db_now(now);
	problems_begin(&p, db, PROBLEM_BUNDLE_MISSING);
	while (!ret && sqlite3_step(sel) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(sel, 0);
		const char *name = (const char *)sqlite3_column_text(sel, 1);
		const char *since = (const char *)sqlite3_column_text(sel, 2);
		const char *unit = (const char *)sqlite3_column_text(sel, 3);
		int apps = sqlite3_column_int(sel, 4);
		char key[24];

		current++;
		if (listed(names, n, name)) {
			if (since) {
				sqlite3_reset(back);
				sqlite3_bind_int64(back, 1, id);
				if (sqlite3_step(back) != SQLITE_DONE)
					ret = error("database: %s", sqlite3_errmsg(db));
			}
			continue;
		}
		if (!since) {
			sqlite3_reset(gone);
			db_bind_text(gone, 1, now);
			sqlite3_bind_int64(gone, 2, id);
			if (sqlite3_step(gone) != SQLITE_DONE)
				ret = error("database: %s", sqlite3_errmsg(db));
			since = now;
		}
		snprintf(key, sizeof(key), "%lld", (long long)id);
		problems_note(&p, key,
			      "%s: bundle %s missing from the inbox since %s UTC; its %d "
			      "applications are kept until a newer bundle of the unit arrives or "
			      "staff withdraw it (iireview withdraw)",
			      unit, name, since, apps);
	}
	if (!ret && !n && current)
		problems_note(&p, "inbox-empty",
			      "the inbox is empty: every bundle is kept as it was (is the share "
			      "mounted?)");
	sqlite3_finalize(sel);
	sqlite3_finalize(gone);
	sqlite3_finalize(back);
	if (ret) {
		problems_abandon(&p);
		db_rollback(db);
		return -1;
	}
	ret = problems_end(&p);
	if (!ret)
		ret = db_commit(db);
	else
		db_rollback(db);
	return ret;
}
