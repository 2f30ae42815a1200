/*
 * board.c - the final ranking from the reviewers' totals.
 *
 * A review counts while its version stamp is the application's current
 * one: a worksheet made before the application changed says nothing about
 * what it is now.  Such stale reviews stay in the database (with their
 * marks) and are shown per reviewer as needing a new review.
 *
 * review_board_store() keeps the ranking in review_results and
 * review_people, which is all that output reads of collect.
 */
#include "collect.h"

#include "common/db.h"
#include "common/log.h"
#include "common/stamp.h"
#include "common/strbuf.h"
#include "common/tally.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

/*
 * Category (unranked last), complete before incomplete, mean descending,
 * automatic score descending (the documented tiebreak), 申报编号, row id.
 */
static int result_cmp(const void *pa, const void *pb)
{
	const struct review_result *a = pa, *b = pb;
	int ca = a->category < 0 ? DIR_COUNT : a->category;
	int cb = b->category < 0 ? DIR_COUNT : b->category;
	int c;

	if (ca != cb)
		return ca < cb ? -1 : 1;
	if (a->complete != b->complete)
		return a->complete ? -1 : 1;
	if (a->mean != b->mean)
		return a->mean > b->mean ? -1 : 1;
	if (a->auto_score != b->auto_score)
		return a->auto_score > b->auto_score ? -1 : 1;
	c = strcmp(a->app_no ? a->app_no : "\xff", b->app_no ? b->app_no : "\xff");
	if (c)
		return c;
	return a->application_id < b->application_id ? -1 : a->application_id > b->application_id;
}

static struct review_person *person(struct review_board *b, const char *name, size_t *alloc)
{
	for (size_t i = 0; i < b->np; i++)
		if (!strcmp(b->p[i].name, name))
			return &b->p[i];
	ALLOC_GROW(b->p, b->np + 1, *alloc);
	memset(&b->p[b->np], 0, sizeof(b->p[0]));
	b->p[b->np].name = xstrdup(name);
	return &b->p[b->np++];
}

static int person_cmp(const void *pa, const void *pb)
{
	return strcmp(((const struct review_person *)pa)->name,
		      ((const struct review_person *)pb)->name);
}

/* The totals of r's current reviews whose stamp is stamp; people counted on the way. */
static int load_reviews(sqlite3_stmt *st, struct review_board *b, struct review_result *r,
			const char *stamp, size_t *palloc)
{
	double *t = NULL;
	size_t n = 0, alloc = 0;
	struct strbuf names = STRBUF_INIT;
	int rc;

	sqlite3_reset(st);
	db_bind_text(st, 1, r->app_no);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		struct review_person *p = person(b, name, palloc);

		if (strcmp((const char *)sqlite3_column_text(st, 2), stamp)) {
			p->stale++;
			continue;
		}
		p->current++;
		ALLOC_GROW(t, n + 1, alloc);
		t[n++] = sqlite3_column_double(st, 1);
		if (names.len)
			strbuf_addstr(&names, "、");
		strbuf_addstr(&names, name);
	}
	r->reviewers = strbuf_detach(&names, NULL);
	r->reviews = (int)n;
	if (n) {
		double sum = 0;

		qsort(t, n, sizeof(*t), cmp_double);
		for (size_t i = 0; i < n; i++)
			sum += t[i];
		r->mean = sum / (double)n;
		r->median = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
		r->min = t[0];
		r->max = t[n - 1];
		r->discuss = r->max - r->min > b->spread;
	}
	r->complete = r->reviews >= b->required;
	free(t);
	return rc == SQLITE_DONE ? 0 : -1;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? xstrdup(s) : NULL;
}

int review_board_load(sqlite3 *db, const struct rules_config *cfg, struct review_board *b)
{
	struct review_rules rules;
	sqlite3_stmt *apps = NULL, *revs = NULL, *all = NULL;
	size_t alloc = 0, palloc = 0;
	int rc, ret = -1, cat = -2, rank = 0;
	char stamp[65];

	memset(b, 0, sizeof(*b));
	if (review_rules_load(cfg, &rules))
		return -1;
	b->spread = rules.spread;
	b->required = rules.required;
	review_rules_release(&rules);
	apps = db_prepare(db, "SELECT a.id, a.app_no, a.enterprise, b.unit, s.recommended, "
			      "  coalesce(s.score, 0) FROM applications a "
			      "JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' "
			      "LEFT JOIN assessments s ON s.application_id = a.id "
			      "ORDER BY a.app_no, a.id");
	revs = db_prepare(db, "SELECT reviewer, total, stamp FROM reviews WHERE app_no = ? AND "
			      "state = 'current' ORDER BY reviewer");
	all = db_prepare(db, "SELECT reviewer, count(*) FROM reviews WHERE state = 'current' "
			     "GROUP BY reviewer");
	if (!apps || !revs || !all)
		goto out;
	while ((rc = sqlite3_step(apps)) == SQLITE_ROW) {
		struct review_result *r;

		ALLOC_GROW(b->r, b->n + 1, alloc);
		r = &b->r[b->n++];
		memset(r, 0, sizeof(*r));
		r->application_id = sqlite3_column_int64(apps, 0);
		r->app_no = col_dup(apps, 1);
		r->enterprise = col_dup(apps, 2);
		r->unit = col_dup(apps, 3);
		r->category = direction_index((const char *)sqlite3_column_text(apps, 4));
		r->auto_score = sqlite3_column_double(apps, 5);
		if (!r->app_no) {
			r->reviewers = xstrdup("");
			continue;
		}
		if (app_stamp(db, r->application_id, stamp) ||
		    load_reviews(revs, b, r, stamp, &palloc))
			goto out;
	}
	if (rc != SQLITE_DONE) {
		error("database: %s", sqlite3_errmsg(db));
		goto out;
	}
	/* Reviews of applications no longer current count as stale for their reviewer. */
	while ((rc = sqlite3_step(all)) == SQLITE_ROW) {
		struct review_person *p =
		    person(b, (const char *)sqlite3_column_text(all, 0), &palloc);
		int64_t n = sqlite3_column_int64(all, 1);

		b->reviews += n;
		p->stale = n - p->current;
	}
	if (rc != SQLITE_DONE) {
		error("database: %s", sqlite3_errmsg(db));
		goto out;
	}
	/* qsort on a NULL array is undefined even for 0 elements (clang-analyzer). */
	if (b->n > 1)
		qsort(b->r, b->n, sizeof(*b->r), result_cmp);
	if (b->np > 1)
		qsort(b->p, b->np, sizeof(*b->p), person_cmp);
	for (size_t i = 0; i < b->n; i++) {
		struct review_result *r = &b->r[i];

		if (r->category != cat) {
			cat = r->category;
			rank = 0;
		}
		r->rank = r->category >= 0 && r->complete ? ++rank : 0;
	}
	ret = 0;
out:
	sqlite3_finalize(apps);
	sqlite3_finalize(revs);
	sqlite3_finalize(all);
	if (ret)
		review_board_release(b);
	return ret;
}

void review_board_release(struct review_board *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->r[i].app_no);
		free(b->r[i].enterprise);
		free(b->r[i].unit);
		free(b->r[i].reviewers);
	}
	free(b->r);
	for (size_t i = 0; i < b->np; i++)
		free(b->p[i].name);
	free(b->p);
	memset(b, 0, sizeof(*b));
}

static int store_result(sqlite3_stmt *st, const struct review_result *r, int seq, int required)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	sqlite3_bind_int64(st, 1, r->application_id);
	sqlite3_bind_int(st, 2, seq);
	db_bind_text(st, 3, r->app_no);
	db_bind_text(st, 4, r->enterprise);
	db_bind_text(st, 5, r->unit);
	db_bind_text(st, 6, r->category >= 0 ? direction_names[r->category] : NULL);
	sqlite3_bind_double(st, 7, r->auto_score);
	sqlite3_bind_int(st, 8, r->reviews);
	sqlite3_bind_int(st, 9, required);
	if (r->reviews) {
		sqlite3_bind_double(st, 10, r->mean);
		sqlite3_bind_double(st, 11, r->median);
		sqlite3_bind_double(st, 12, r->min);
		sqlite3_bind_double(st, 13, r->max);
	}
	sqlite3_bind_int(st, 14, r->complete);
	sqlite3_bind_int(st, 15, r->discuss);
	sqlite3_bind_int(st, 16, r->rank);
	db_bind_text(st, 17, r->reviewers);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
}

static int store_person(sqlite3_stmt *st, const struct review_person *p)
{
	sqlite3_reset(st);
	db_bind_text(st, 1, p->name);
	sqlite3_bind_int64(st, 2, p->current);
	sqlite3_bind_int64(st, 3, p->stale);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
}

int review_board_store(sqlite3 *db, const struct rules_config *cfg)
{
	struct review_board b = {0};
	sqlite3_stmt *st = NULL, *res = NULL, *ppl = NULL;
	int any, ret = -1;

	/* Nothing collected yet: empty tables, and no stamps computed for nothing. */
	st = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM reviews WHERE state = 'current')");
	if (!st)
		return -1;
	any = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (any && review_board_load(db, cfg, &b))
		return -1;
	if (db_begin(db))
		goto out;
	if (db_exec(db, "DELETE FROM review_results; DELETE FROM review_people"))
		goto out;
	res =
	    db_prepare(db, "INSERT INTO review_results(application_id, seq, app_no, enterprise, "
			   "unit, category, auto_score, reviews, required, mean, median, min, max, "
			   "complete, discuss, rank, reviewers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
			   "?, ?, ?, ?, ?, ?, ?, ?)");
	ppl = db_prepare(db, "INSERT INTO review_people(name, current, stale) VALUES (?, ?, ?)");
	if (!res || !ppl)
		goto out;
	for (size_t i = 0; i < b.n; i++)
		if (store_result(res, &b.r[i], (int)i + 1, b.required))
			goto db_error;
	for (size_t i = 0; i < b.np; i++)
		if (store_person(ppl, &b.p[i]))
			goto db_error;
	ret = db_commit(db);
	goto out;
db_error:
	error("database: cannot store the review ranking: %s", sqlite3_errmsg(db));
out:
	sqlite3_finalize(res);
	sqlite3_finalize(ppl);
	if (ret)
		db_rollback(db);
	review_board_release(&b);
	return ret;
}
