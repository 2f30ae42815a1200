#include "aggregate.h"

#include "common/crashpoint.h"
#include "common/db.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

static int entry_cmp(const void *pa, const void *pb)
{
	const struct agg_entry *a = pa, *b = pb;
	int ca = a->category < 0 ? DIR_COUNT : a->category;
	int cb = b->category < 0 ? DIR_COUNT : b->category;

	if (ca != cb)
		return ca < cb ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->gates_passed != b->gates_passed)
		return a->gates_passed > b->gates_passed ? -1 : 1;
	/* A missing 申报编号 sorts last; the id keeps even that deterministic. */
	if (!a->app_no != !b->app_no)
		return a->app_no ? -1 : 1;
	if (a->app_no) {
		int c = strcmp(a->app_no, b->app_no);

		if (c)
			return c;
	}
	return a->application_id < b->application_id ? -1 : a->application_id > b->application_id;
}

void agg_rank(struct agg_entry *e, size_t n)
{
	int rank = 0, cat = -2;

	/* qsort on a NULL array is undefined even for 0 elements (clang-analyzer). */
	if (n > 1)
		qsort(e, n, sizeof(*e), entry_cmp);
	for (size_t i = 0; i < n; i++) {
		if (e[i].category < 0) {
			e[i].rank = 0;
			continue;
		}
		if (e[i].category != cat) {
			cat = e[i].category;
			rank = 0;
		}
		e[i].rank = ++rank;
	}
}

int aggregate_rank_db(sqlite3 *db, struct aggregate_stats *stats)
{
	sqlite3_stmt *st = NULL;
	struct agg_entry *e = NULL;
	char **nos = NULL;
	size_t n = 0, alloc = 0, nos_alloc = 0;
	int ret = -1, rc;

	memset(stats, 0, sizeof(*stats));
	if (db_begin(db))
		return -1;
	st = db_prepare(db, "SELECT a.id, a.app_no, s.recommended, s.score, s.gates_passed "
			    "FROM applications a "
			    "JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' "
			    "LEFT JOIN assessments s ON s.application_id = a.id");
	if (!st)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *no = (const char *)sqlite3_column_text(st, 1);

		ALLOC_GROW(e, n + 1, alloc);
		ALLOC_GROW(nos, n + 1, nos_alloc);
		nos[n] = no ? xstrdup(no) : NULL;
		e[n].application_id = sqlite3_column_int64(st, 0);
		e[n].app_no = nos[n];
		e[n].category = direction_index((const char *)sqlite3_column_text(st, 2));
		e[n].score = sqlite3_column_double(st, 3);
		e[n].gates_passed = sqlite3_column_int(st, 4);
		e[n].rank = 0;
		n++;
	}
	if (rc != SQLITE_DONE) {
		error("database: %s", sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	agg_rank(e, n);

	/* Rankings of superseded bundles go too: the table is the current ranking only. */
	if (db_exec(db, "DELETE FROM rankings"))
		goto out;
	st = db_prepare(db, "INSERT INTO rankings(application_id, category, rank, score) "
			    "VALUES (?, ?, ?, ?)");
	if (!st)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (e[i].category < 0) {
			stats->unranked++;
			continue;
		}
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, e[i].application_id);
		db_bind_text(st, 2, direction_names[e[i].category]);
		sqlite3_bind_int(st, 3, e[i].rank);
		sqlite3_bind_double(st, 4, e[i].score);
		if (sqlite3_step(st) != SQLITE_DONE) {
			error("database: cannot write a ranking: %s", sqlite3_errmsg(db));
			goto out;
		}
		stats->ranked++;
	}
	sqlite3_finalize(st);
	st = NULL;
	crash_point("aggregate-commit");
	ret = db_commit(db);
out:
	sqlite3_finalize(st);
	if (ret)
		db_rollback(db);
	for (size_t i = 0; i < n; i++)
		free(nos[i]);
	free(nos);
	free(e);
	return ret;
}
