/*
 * stamp.h - what an application's reviewer worksheet stands for: its
 * version stamp (版本标识) and its criteria rows.
 *
 * output writes both into the worksheet; collect checks a returned
 * worksheet against them.  They live here, and not in either stage,
 * because each stage computes them from the database on its own: a
 * returned worksheet is current exactly when its stamp equals the stamp
 * the database gives now, and its n-th criteria row is the n-th row
 * app_worksheet_rows() gives.
 *
 * Nothing here exits; failures are printed and returned as -1.
 */
#ifndef IIREVIEW_STAMP_H
#define IIREVIEW_STAMP_H

#include "common/sha256.h"

#include <sqlite3.h>
#include <stdint.h>

/*
 * Hash each column of the statement's rows into h: type and length before
 * the bytes, so that NULL, '' and texts shifted between columns all hash
 * apart.  Steps st to its end (the caller resets or finalizes it).  0 or -1.
 */
int stamp_hash_rows(sqlite3 *db, sqlite3_stmt *st, struct sha256 *h);

/*
 * The version stamp of an application: SHA-256 over its fields and
 * verdicts, as hex.  Any change to a field or a verdict changes it, and
 * nothing else does (not its files, not the output format).  0 or -1.
 */
int app_stamp(sqlite3 *db, int64_t app_id, char hex[SHA256_HEX_LEN + 1]);

/*
 * The reading order of a worksheet's criteria rows, as the tail of a query
 * over "verdicts v LEFT JOIN assessments s ON s.application_id =
 * v.application_id": basic, gate, priority, qualitative; inside a kind the
 * declared direction's first.  output's query of the rows' contents ends
 * with it too, so that the rows written and the rows checked are one order.
 */
#define WORKSHEET_ROW_ORDER                                                                        \
	"ORDER BY CASE v.kind WHEN 'basic' THEN 0 WHEN 'gate' THEN 1 WHEN 'priority' THEN 2 "      \
	"  ELSE 3 END, v.direction NOT IN ('', coalesce(s.declared, '')), v.direction, "           \
	"  v.clause, v.criterion"

/*
 * The criteria rows of an application's worksheet, in the order written:
 * fn(criterion, direction, clause, ctx) per row; a non-zero return stops.
 * 0 or -1 (database).
 */
typedef int (*worksheet_row_fn)(const char *criterion, const char *direction, const char *clause,
				void *ctx);
int app_worksheet_rows(sqlite3 *db, int64_t app_id, worksheet_row_fn fn, void *ctx);

#endif
