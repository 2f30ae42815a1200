#include "common/stamp.h"

#include "common/db.h"
#include "common/log.h"
#include "common/xalloc.h"

int stamp_hash_rows(sqlite3 *db, sqlite3_stmt *st, struct sha256 *h)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int n = sqlite3_column_count(st);

		for (int i = 0; i < n; i++) {
			unsigned char t = (unsigned char)sqlite3_column_type(st, i);
			const void *p = sqlite3_column_blob(st, i);
			int len = sqlite3_column_bytes(st, i);

			sha256_update(h, &t, 1);
			sha256_update(h, &len, sizeof(len));
			if (p && len > 0)
				sha256_update(h, p, (size_t)len);
		}
	}
	if (rc != SQLITE_DONE)
		return error("database: %s", sqlite3_errmsg(db));
	return 0;
}

static const char *const stamp_sql[] = {
    "SELECT key, raw, value, num, status, flags FROM fields WHERE application_id = ?1 "
    "ORDER BY key",
    "SELECT criterion, direction, clause, kind, requirement, value_used, threshold, result, "
    "detail FROM verdicts WHERE application_id = ?1 ORDER BY criterion, direction",
};

int app_stamp(sqlite3 *db, int64_t app_id, char hex[SHA256_HEX_LEN + 1])
{
	struct sha256 h;

	sha256_init(&h);
	for (size_t i = 0; i < ARRAY_SIZE(stamp_sql); i++) {
		sqlite3_stmt *st = db_prepare(db, stamp_sql[i]);
		int r;

		if (!st) {
			sha256_abort(&h);
			return -1;
		}
		sqlite3_bind_int64(st, 1, app_id);
		r = stamp_hash_rows(db, st, &h);
		sqlite3_finalize(st);
		if (r) {
			sha256_abort(&h);
			return -1;
		}
	}
	sha256_final_hex(&h, hex);
	return 0;
}

int app_worksheet_rows(sqlite3 *db, int64_t app_id, worksheet_row_fn fn, void *ctx)
{
	static const char rows_sql[] =
	    "SELECT v.criterion, v.direction, v.clause FROM verdicts v "
	    "LEFT JOIN assessments s ON s.application_id = "
	    "v.application_id WHERE v.application_id = ?1 " WORKSHEET_ROW_ORDER;
	sqlite3_stmt *st = db_prepare(db, rows_sql);
	int rc, ret = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, app_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c[3];

		for (int i = 0; i < 3; i++) {
			c[i] = (const char *)sqlite3_column_text(st, i);
			if (!c[i])
				c[i] = "";
		}
		if (fn(c[0], c[1], c[2], ctx))
			break;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		ret = error("database: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return ret;
}
