#include "common/tally.h"

#include "common/db.h"
#include "common/log.h"
#include "common/rulesconf.h"
#include "common/strbuf.h"
#include "common/units.h"
#include "common/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *agg_unit_name(size_t u)
{
	if (u < units_count())
		return units_all()[u].name;
	return AGG_UNKNOWN_UNIT;
}

size_t agg_unit_row(const char *name)
{
	const struct unit *u = name ? unit_by_name(name) : NULL;

	_Static_assert(AGG_NUNITS == 17, "16 units of the notice plus one");
	return u ? (size_t)(u->code - 1) : AGG_NUNITS - 1;
}

static void unit_order_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	const struct unit *u = name ? unit_by_name(name) : NULL;

	sqlite3_result_int(ctx, u ? u->code : 99);
}

int agg_register_sql(sqlite3 *db)
{
	if (sqlite3_create_function(db, "unit_order", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    unit_order_fn, NULL, NULL) != SQLITE_OK)
		return error("database: cannot register unit_order: %s", sqlite3_errmsg(db));
	return 0;
}

static int load_clusters(const struct rules_config *cfg, struct aggregate *agg)
{
	if (cfg->nclusters > AGG_MAXCLUSTERS)
		return error("%s: more than %d clusters", cfg->clusters_path, AGG_MAXCLUSTERS);
	for (size_t i = 0; i < cfg->nclusters; i++)
		agg->clusters[agg->nclusters++] = xstrdup(cfg->clusters[i].name);
	return 0;
}

void aggregate_release(struct aggregate *agg)
{
	for (size_t i = 0; i < agg->nclusters; i++)
		free(agg->clusters[i]);
	memset(agg, 0, sizeof(*agg));
}

int aggregate_load(sqlite3 *db, const struct rules_config *cfg, struct aggregate *agg)
{
	sqlite3_stmt *st = NULL;
	int ret = -1, rc;

	memset(agg, 0, sizeof(*agg));
	if (load_clusters(cfg, agg))
		goto out;

	st = db_prepare(db, "SELECT b.unit, s.recommended FROM applications a "
			    "JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' "
			    "LEFT JOIN assessments s ON s.application_id = a.id");
	if (!st)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t u = agg_unit_row((const char *)sqlite3_column_text(st, 0));
		int c = direction_index((const char *)sqlite3_column_text(st, 1));

		agg->applications[u]++;
		agg->counts[u][c < 0 ? DIR_COUNT : c]++;
	}
	if (rc != SQLITE_DONE)
		goto db_error;
	sqlite3_finalize(st);

	st = db_prepare(db, "SELECT b.unit, count(*) FROM defects d "
			    "JOIN bundles b ON b.id = d.bundle_id AND b.state = 'current' "
			    "GROUP BY b.unit");
	if (!st)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		agg->defects[agg_unit_row((const char *)sqlite3_column_text(st, 0))] +=
		    sqlite3_column_int64(st, 1);
	if (rc != SQLITE_DONE)
		goto db_error;
	sqlite3_finalize(st);

	st = db_prepare(db, "SELECT r.cluster, count(*) FROM summary_rows r "
			    "JOIN bundles b ON b.id = r.bundle_id AND b.state = 'current' "
			    "GROUP BY r.cluster");
	if (!st)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *cl = (const char *)sqlite3_column_text(st, 0);
		int64_t n = sqlite3_column_int64(st, 1);
		size_t i;

		if (!cl || !*cl || !strcmp(cl, "否")) {
			agg->cluster_none += n;
			continue;
		}
		for (i = 0; i < agg->nclusters && strcmp(cl, agg->clusters[i]); i++)
			;
		if (i < agg->nclusters)
			agg->cluster_counts[i] += n;
		else
			agg->cluster_other += n;
	}
	if (rc != SQLITE_DONE)
		goto db_error;
	ret = 0;
	goto out;
db_error:
	error("database: %s", sqlite3_errmsg(db));
out:
	sqlite3_finalize(st);
	if (ret)
		aggregate_release(agg);
	return ret;
}
