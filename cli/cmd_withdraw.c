/*
 * cmd_withdraw.c - take a bundle out of the batch on purpose.
 *
 * A bundle that leaves the inbox stays in the batch (ingest/absence.c):
 * only staff decide that a unit's applications go, here, with a reason
 * that is kept (withdrawals) and shown by status and history.  The bundle
 * becomes 'removed'; the next run takes its applications out of the
 * rankings and outputs.  The same bytes coming back do not undo it; a new
 * version of the unit's bundle (other bytes) becomes current as usual.
 */
#include "cli/cli.h"

#include "common/db.h"
#include "common/log.h"
#include "common/problems.h"
#include "common/xalloc.h"

#include <getopt.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: iireview withdraw [--db FILE] --reason TEXT [--by NAME] BUNDLE|UNIT\n"
    "\n"
    "Withdraw a unit's current bundle on purpose: BUNDLE is its name in the\n"
    "inbox (as 'iireview status' shows it), UNIT its recommending unit (南京市).\n"
    "Its applications leave the rankings and every output at the next run.\n"
    "The reason (and --by, default the login name) is recorded and shown by\n"
    "'iireview status' and 'iireview history'.  A bundle that is only missing\n"
    "from the inbox stays in the batch until withdrawn or replaced.\n";

struct withdraw_args {
	const char *reason;
	const char *by;
	const char *what;
};

static int on_option(int c, const char *arg, void *ctx)
{
	struct withdraw_args *w = ctx;

	if (c == 'r')
		w->reason = arg;
	else if (c == 'b')
		w->by = arg;
	else
		return -1;
	return 0;
}

static const char *login_name(void)
{
	const struct passwd *pw = getpwuid(getuid());
	const char *u = getenv("USER");

	return pw && pw->pw_name ? pw->pw_name : u && *u ? u : "unknown";
}

static int record(sqlite3 *db, int64_t id, const struct withdraw_args *w)
{
	sqlite3_stmt *upd =
	    db_prepare(db, "UPDATE bundles SET state = 'removed', "
			   "missing_since = NULL WHERE id = ? AND state = 'current'");
	sqlite3_stmt *ins = db_prepare(db, "INSERT INTO withdrawals(bundle_id, reason, who, at) "
					   "VALUES (?, ?, ?, ?)");
	char now[20], key[24];
	int ret = -1;

	db_now(now);
	if (upd && ins) {
		sqlite3_bind_int64(upd, 1, id);
		sqlite3_bind_int64(ins, 1, id);
		db_bind_text(ins, 2, w->reason);
		db_bind_text(ins, 3, w->by ? w->by : login_name());
		db_bind_text(ins, 4, now);
		if (sqlite3_step(upd) == SQLITE_DONE && sqlite3_step(ins) == SQLITE_DONE)
			ret = 0;
		else
			error("database: %s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(upd);
	sqlite3_finalize(ins);
	snprintf(key, sizeof(key), "%lld", (long long)id);
	if (!ret)
		ret = problems_close(db, PROBLEM_BUNDLE_MISSING, key);
	return ret;
}

static int withdraw_body(sqlite3 *db, void *ctx)
{
	const struct withdraw_args *w = ctx;
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT b.id, b.inbox_name, coalesce(b.unit, '(unit unknown)'), "
		"  (SELECT count(*) FROM applications a WHERE a.bundle_id = b.id) "
		"FROM bundles b WHERE b.state = 'current' AND (b.inbox_name = ?1 OR b.unit = ?1) "
		"ORDER BY b.id");
	int64_t id = 0, run_id;
	char *name = NULL, *unit = NULL;
	int n = 0, apps = 0, ret;

	if (!st)
		return EXIT_FAILED;
	db_bind_text(st, 1, w->what);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++) {
			if (n == 2)
				fprintf(stderr,
					"iireview withdraw: %s names several current bundles; "
					"give the bundle's name:\n  %s\n",
					w->what, name);
			fprintf(stderr, "  %s\n", (const char *)sqlite3_column_text(st, 1));
			continue;
		}
		id = sqlite3_column_int64(st, 0);
		name = xstrdup((const char *)sqlite3_column_text(st, 1));
		unit = xstrdup((const char *)sqlite3_column_text(st, 2));
		apps = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	if (n != 1) {
		if (!n)
			fprintf(stderr,
				"iireview withdraw: no current bundle or unit is named %s "
				"(see 'iireview status'; a withdrawn bundle stays withdrawn)\n",
				w->what);
		free(name);
		free(unit);
		return EXIT_USAGE;
	}
	run_id = db_run_begin(db, "withdraw");
	ret = EXIT_FAILED;
	if (!db_begin(db)) {
		if (!record(db, id, w) && !db_commit(db))
			ret = EXIT_DONE;
		else
			db_rollback(db);
	}
	db_run_end(db, run_id, ret, 1, ret == EXIT_DONE, apps, -1);
	if (ret == EXIT_DONE)
		printf("withdrawn: %s: %s (%d applications); the next run takes them out of the "
		       "rankings and outputs\n",
		       unit, name, apps);
	free(name);
	free(unit);
	return ret;
}

int cmd_withdraw(int argc, char **argv)
{
	static const struct option extra[] = {
	    {"reason", required_argument, NULL, 'r'},
	    {"by", required_argument, NULL, 'b'},
	    {NULL, 0, NULL, 0},
	};
	struct withdraw_args w = {NULL, NULL, NULL};
	struct cli_options o;
	int ret = cli_parse(argc, argv, &o, usage, extra, on_option, &w);

	if (ret || o.help)
		goto out;
	if (o.nargs != 1) {
		fprintf(stderr, "iireview withdraw: want one bundle or unit\n%s", usage);
		ret = EXIT_USAGE;
		goto out;
	}
	if (!w.reason || !*w.reason) {
		fprintf(stderr, "iireview withdraw: --reason TEXT is required: why the bundle is "
				"withdrawn is kept with it\n");
		ret = EXIT_USAGE;
		goto out;
	}
	w.what = o.args[0];
	ret = cli_with_db(&o, withdraw_body, &w);
out:
	cli_options_release(&o);
	return ret;
}
