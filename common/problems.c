#include "problems.h"

#include "db.h"
#include "log.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void problems_begin(struct problems *p, sqlite3 *db, const char *kind)
{
	memset(p, 0, sizeof(*p));
	p->db = db;
	p->kind = kind;
}

static int noted(const struct problems *p, const char *key)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->keys[i], key))
			return 1;
	return 0;
}

void problems_note(struct problems *p, const char *key, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	sqlite3_stmt *st;
	char now[20];
	int was_open = 0;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	if (noted(p, key)) {
		/* Twice in one pass (two lines saying the same): said once. */
		strbuf_release(&msg);
		return;
	}
	ALLOC_GROW(p->keys, p->n + 1, p->alloc);
	p->keys[p->n++] = xstrdup(key);
	st = db_prepare(p->db,
			"SELECT 1 FROM problems WHERE kind = ? AND key = ? AND closed IS NULL");
	if (!st) {
		p->failed = 1;
		warning("%s", msg.buf);
		strbuf_release(&msg);
		return;
	}
	db_bind_text(st, 1, p->kind);
	db_bind_text(st, 2, key);
	was_open = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	db_now(now);
	st = db_prepare(
	    p->db, "INSERT INTO problems(kind, key, message, opened, seen) VALUES (?1, ?2, ?3, "
		   "?4, ?4) ON CONFLICT(kind, key) DO UPDATE SET message = ?3, seen = ?4, "
		   "opened = CASE WHEN closed IS NULL THEN opened ELSE ?4 END, closed = NULL");
	if (st) {
		db_bind_text(st, 1, p->kind);
		db_bind_text(st, 2, key);
		db_bind_text(st, 3, msg.buf);
		db_bind_text(st, 4, now);
		if (sqlite3_step(st) != SQLITE_DONE) {
			error("database: cannot record a problem: %s", sqlite3_errmsg(p->db));
			p->failed = 1;
		}
		sqlite3_finalize(st);
	} else {
		p->failed = 1;
	}
	/* When it cannot be recorded it is said anyway: better twice than never. */
	if (!was_open || p->failed)
		warning("%s", msg.buf);
	strbuf_release(&msg);
}

static void release(struct problems *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->keys[i]);
	free(p->keys);
	p->keys = NULL;
	p->n = p->alloc = 0;
}

void problems_abandon(struct problems *p)
{
	release(p);
}

static int close_one(sqlite3 *db, const char *kind, const char *key, const char *message)
{
	sqlite3_stmt *st = db_prepare(db, "UPDATE problems SET closed = ? WHERE kind = ? AND "
					  "key = ? AND closed IS NULL");
	char now[20];
	int ret = 0;

	if (!st)
		return -1;
	db_now(now);
	db_bind_text(st, 1, now);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, key);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = error("database: cannot close a problem: %s", sqlite3_errmsg(db));
	else if (sqlite3_changes(db))
		notice("resolved: %.*s", (int)strcspn(message, ";"), message);
	sqlite3_finalize(st);
	return ret;
}

int problems_end(struct problems *p)
{
	sqlite3_stmt *st;
	char **keys = NULL, **msgs = NULL;
	size_t n = 0, alloc = 0;
	int ret = p->failed ? -1 : 0;

	st = db_prepare(p->db, "SELECT key, message FROM problems WHERE kind = ? AND "
			       "closed IS NULL ORDER BY opened, key");
	if (!st) {
		release(p);
		return -1;
	}
	db_bind_text(st, 1, p->kind);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);

		if (noted(p, key))
			continue;
		ALLOC_GROW(keys, n + 1, alloc);
		msgs = xrealloc(msgs, alloc * sizeof(*msgs));
		keys[n] = xstrdup(key);
		msgs[n++] = xstrdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < n; i++) {
		if (close_one(p->db, p->kind, keys[i], msgs[i]))
			ret = -1;
		free(keys[i]);
		free(msgs[i]);
	}
	free(keys);
	free(msgs);
	release(p);
	return ret;
}

int problems_close(sqlite3 *db, const char *kind, const char *key)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT message FROM problems WHERE kind = ? AND "
					  "key = ? AND closed IS NULL");
	char *msg = NULL;
	int ret;

	if (!st)
		return -1;
	db_bind_text(st, 1, kind);
	db_bind_text(st, 2, key);
	if (sqlite3_step(st) == SQLITE_ROW)
		msg = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (!msg)
		return 0;
	ret = close_one(db, kind, key, msg);
	free(msg);
	return ret;
}
