/*
 * cmd_status.c - what the database holds now, per recommending unit.
 */
#include "cli/cli.h"

#include "common/db.h"
#include "common/log.h"

#include <getopt.h>
#include <string.h>

static const char usage[] =
    "usage: iireview status [--db FILE] [--files] [--all]\n"
    "\n"
    "Per recommending unit: its current bundle, when it arrived, its files,\n"
    "application forms and defects.  Bundles whose unit is not known come last.\n"
    "Then what the last ingest run brought: new bundles, and for a replaced one\n"
    "how its applications and defects changed.\n"
    "  --files   also list every file of the current bundles: path, kind,\n"
    "            attachment kind and the application it belongs to\n"
    "  --all     also list superseded and withdrawn bundle versions\n"
    "A bundle whose file left the inbox is shown 'missing': its applications\n"
    "stay in every output until a newer bundle of its unit arrives or staff\n"
    "withdraw it ('iireview withdraw').  Then come the bundles withdrawn, with\n"
    "their reasons, and every open problem that needs a person (missing\n"
    "bundles, refused corrections, stale worksheets).\n";

struct status_flags {
	int files;
	int all;
};

static int on_option(int c, const char *arg, void *ctx)
{
	struct status_flags *f = ctx;

	(void)arg;
	if (c == 'f')
		f->files = 1;
	else if (c == 'a')
		f->all = 1;
	else
		return -1;
	return 0;
}

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "-";
}

static int show_bundles(sqlite3 *db, int all)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT coalesce(b.unit, '(unknown)'), b.inbox_name, "
		"  CASE WHEN b.state = 'removed' THEN 'withdrawn' "
		"       WHEN b.missing_since IS NOT NULL THEN 'missing' ELSE b.state END, "
		"  b.received, "
		"  datetime(b.mtime, 'unixepoch'), coalesce(b.format, b.kind), b.files, "
		"  (SELECT count(*) FROM applications a WHERE a.bundle_id = b.id), "
		"  (SELECT count(*) FROM defects d WHERE d.bundle_id = b.id), b.id "
		"FROM bundles b WHERE ?1 OR b.state = 'current' "
		"ORDER BY b.unit IS NULL, b.unit, b.id DESC");

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, all);
	/* The bundle's name last: it is the one column of unbounded width. */
	cli_print_padded(stdout, "unit", 10);
	printf("%-10s %-19s %-19s %-8s %6s %6s %7s  %s\n", "state", "received (UTC)",
	       "modified (UTC)", "format", "files", "apps", "defects", "bundle");
	while (sqlite3_step(st) == SQLITE_ROW) {
		cli_print_padded(stdout, col(st, 0), 10);
		printf("%-10s %-19s %-19s %-8.8s %6d %6d %7d  %s\n", col(st, 2), col(st, 3),
		       col(st, 4), col(st, 5), sqlite3_column_int(st, 6), sqlite3_column_int(st, 7),
		       sqlite3_column_int(st, 8), col(st, 1));
	}
	sqlite3_finalize(st);
	return 0;
}

static int show_files(sqlite3 *db)
{
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT coalesce(b.unit, '(unknown)'), b.inbox_name, f.path, f.kind, "
			   "  coalesce(f.attachment_kind, ''), coalesce(a.enterprise, "
			   "  CASE WHEN a.id IS NOT NULL THEN '#' || a.id END, ''), f.size "
			   "FROM files f JOIN bundles b ON b.id = f.bundle_id "
			   "LEFT JOIN applications a ON a.id = f.application_id "
			   "WHERE b.state = 'current' ORDER BY b.unit IS NULL, b.unit, b.id, f.id");

	if (!st)
		return -1;
	printf("\nunit\tbundle\tpath\tkind\tattachment\tapplication\tsize\n");
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%s\t%s\t%s\t%s\t%s\t%s\t%lld\n", col(st, 0), col(st, 1), col(st, 2),
		       col(st, 3), col(st, 4), col(st, 5), (long long)sqlite3_column_int64(st, 6));
	sqlite3_finalize(st);
	return 0;
}

/* What the last ingest run brought: new bundle versions and how they differ from the old. */
static int show_last_run(sqlite3 *db)
{
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT id, started, coalesce(ended, '(did not finish)'), bundles_seen, "
	    "bundles_changed, status FROM runs WHERE stage = 'ingest' ORDER BY id DESC LIMIT 1");
	int64_t run = 0;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		run = sqlite3_column_int64(st, 0);
		printf("\nlast ingest run: %s UTC, %d bundles seen, %d new or changed%s\n",
		       col(st, 1), sqlite3_column_int(st, 3), sqlite3_column_int(st, 4),
		       sqlite3_column_int(st, 5) ? " (it failed: see its errors)" : "");
	}
	sqlite3_finalize(st);
	if (!run)
		return 0;
	st = db_prepare(
	    db, "WITH cnt AS (SELECT b.id, "
		"  (SELECT count(*) FROM applications a WHERE a.bundle_id = b.id) AS apps, "
		"  (SELECT count(*) FROM defects d WHERE d.bundle_id = b.id) AS defects "
		"  FROM bundles b) "
		"SELECT coalesce(b.unit, '(unknown)'), b.inbox_name, b.state, c.apps, c.defects, "
		"  (SELECT p.inbox_name FROM bundles p WHERE p.superseded_by = b.id "
		"     ORDER BY p.id DESC LIMIT 1), "
		"  (SELECT pc.apps FROM bundles p JOIN cnt pc ON pc.id = p.id "
		"     WHERE p.superseded_by = b.id ORDER BY p.id DESC LIMIT 1), "
		"  (SELECT pc.defects FROM bundles p JOIN cnt pc ON pc.id = p.id "
		"     WHERE p.superseded_by = b.id ORDER BY p.id DESC LIMIT 1) "
		"FROM bundles b JOIN cnt c ON c.id = b.id WHERE b.run_id = ? ORDER BY b.id");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, run);
	while (sqlite3_step(st) == SQLITE_ROW) {
		printf("  ");
		cli_print_padded(stdout, col(st, 0), 10);
		if (sqlite3_column_type(st, 5) == SQLITE_NULL)
			printf("new: %s, %d applications, %d defects\n", col(st, 1),
			       sqlite3_column_int(st, 3), sqlite3_column_int(st, 4));
		else
			printf("replaced %s by %s: applications %d -> %d, defects %d -> %d\n",
			       col(st, 5), col(st, 1), sqlite3_column_int(st, 6),
			       sqlite3_column_int(st, 3), sqlite3_column_int(st, 7),
			       sqlite3_column_int(st, 4));
	}
	sqlite3_finalize(st);
	return 0;
}

static int show_defects(sqlite3 *db)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT d.code, count(*) FROM defects d JOIN bundles b ON b.id = d.bundle_id "
		"WHERE b.state = 'current' GROUP BY d.code ORDER BY count(*) DESC, d.code");
	int any = 0;

	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		printf("%s%s %d", any ? ", " : "\ndefects in current bundles: ", col(st, 0),
		       sqlite3_column_int(st, 1));
		any = 1;
	}
	if (any)
		putchar('\n');
	sqlite3_finalize(st);
	return 0;
}

/* Bundles withdrawn by staff: always listed, they are few and each was a decision. */
static int show_withdrawals(sqlite3 *db)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT coalesce(b.unit, '(unknown)'), b.inbox_name, w.at, coalesce(w.who, ''), "
		"  w.reason, (SELECT count(*) FROM applications a WHERE a.bundle_id = b.id) "
		"FROM withdrawals w JOIN bundles b ON b.id = w.bundle_id ORDER BY w.id");
	int n = 0;

	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!n++)
			printf("\nwithdrawn by staff:\n");
		printf("  ");
		cli_print_padded(stdout, col(st, 0), 10);
		printf("%s (%d applications), %s UTC by %s: %s\n", col(st, 1),
		       sqlite3_column_int(st, 5), col(st, 2), col(st, 3), col(st, 4));
	}
	sqlite3_finalize(st);
	return 0;
}

/* What needs a person now (common/problems.h): said once by the runs, kept here. */
static int show_problems(sqlite3 *db)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT kind, opened, message FROM problems WHERE "
					  "closed IS NULL ORDER BY kind, opened, key");
	int n = 0;

	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!n++)
			printf("\nopen problems (each needs a person):\n");
		printf("  %s since %s UTC: %s\n", col(st, 0), col(st, 1), col(st, 2));
	}
	if (!n)
		printf("\nno open problems\n");
	sqlite3_finalize(st);
	return 0;
}

static int status_body(sqlite3 *db, void *ctx)
{
	const struct status_flags *flags = ctx;
	sqlite3_stmt *st = db_prepare(db, "PRAGMA user_version");
	int version = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;

	sqlite3_finalize(st);
	/* status does not migrate (it takes no lock): an older database is brought up by a stage.
	 */
	if (version != DB_SCHEMA_VERSION) {
		fprintf(stderr,
			"iireview status: the database has schema %d, this iireview %d: "
			"'iireview run' brings it up to date\n",
			version, DB_SCHEMA_VERSION);
		return EXIT_USAGE;
	}
	if (show_bundles(db, flags->all) || (flags->files && show_files(db)) || show_defects(db) ||
	    show_withdrawals(db) || show_problems(db) || show_last_run(db))
		return EXIT_FAILED;
	return EXIT_DONE;
}

int cmd_status(int argc, char **argv)
{
	static const struct option extra[] = {
	    {"files", no_argument, NULL, 'f'},
	    {"all", no_argument, NULL, 'a'},
	    {NULL, 0, NULL, 0},
	};
	struct status_flags flags = {0, 0};
	struct cli_options o;
	int ret;

	ret = cli_parse(argc, argv, &o, usage, extra, on_option, &flags);
	if (!ret && !o.help && !(ret = cli_no_args(&o, "status", usage)))
		ret = cli_with_report_db(&o, "status", status_body, &flags);
	cli_options_release(&o);
	return ret;
}
