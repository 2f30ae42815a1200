/*
 * cmd_history.c - every version of one application, and what changed.
 *
 * An application is known by its 申报编号 across bundle versions: each time
 * its unit sent a new bundle, a new version was read.  For each version:
 * the bundle it came in, its verdict; between versions: the values and
 * verdicts that changed; and every staff correction made to it.
 */
#include "cli/cli.h"

#include "common/db.h"
#include "common/log.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

#include <string.h>

static const char usage[] =
    "usage: iireview history [--db FILE] 申报编号|CREDIT-CODE|NAME\n"
    "\n"
    "The application is found by its 申报编号 (in any case, blanks trimmed), by\n"
    "its credit code, or by part of the enterprise's name; when several match,\n"
    "they are listed.  Show every version of one application: which bundle it came in, its\n"
    "recommended direction and score, which values and verdicts changed from\n"
    "the version before, and the staff corrections made to it.\n";

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* Rows of (key, before, after) where the two versions differ; returns how many. */
static int show_diff(sqlite3 *db, const char *sql, int64_t before, int64_t after, const char *what)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	int n = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, before);
	sqlite3_bind_int64(st, 2, after);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!n++)
			printf("    %s changed:\n", what);
		printf("      %-28s %s -> %s\n", col(st, 0), col(st, 1), col(st, 2));
	}
	sqlite3_finalize(st);
	return n;
}

static const char field_diff_sql[] =
    "WITH k AS (SELECT DISTINCT key FROM fields WHERE application_id IN (?1, ?2)), "
    "v AS (SELECT k.key, "
    "  (SELECT coalesce(value, '(' || status || ')') FROM fields "
    "     WHERE application_id = ?1 AND key = k.key) AS a, "
    "  (SELECT coalesce(value, '(' || status || ')') FROM fields "
    "     WHERE application_id = ?2 AND key = k.key) AS b FROM k) "
    "SELECT key, coalesce(a, '(none)'), coalesce(b, '(none)') FROM v "
    "WHERE a IS NOT b ORDER BY key";

static const char verdict_diff_sql[] =
    "WITH k AS (SELECT DISTINCT criterion, direction FROM verdicts "
    "  WHERE application_id IN (?1, ?2) AND kind <> 'qualitative'), "
    "v AS (SELECT k.criterion || CASE WHEN k.direction <> '' THEN ' (' || k.direction || ')' "
    "  ELSE '' END AS name, "
    "  (SELECT result FROM verdicts WHERE application_id = ?1 AND criterion = k.criterion "
    "     AND direction = k.direction) AS a, "
    "  (SELECT result FROM verdicts WHERE application_id = ?2 AND criterion = k.criterion "
    "     AND direction = k.direction) AS b FROM k) "
    "SELECT name, coalesce(a, '(none)'), coalesce(b, '(none)') FROM v "
    "WHERE a IS NOT b ORDER BY name";

static int show_history(sqlite3 *db, const char *app_no)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT a.id, b.inbox_name, b.received, "
		"  CASE WHEN b.state = 'removed' THEN coalesce((SELECT 'withdrawn ' || w.at || "
		"    ' UTC by ' || coalesce(w.who, '?') || ': ' || w.reason FROM withdrawals w "
		"    WHERE w.bundle_id = b.id ORDER BY w.id DESC LIMIT 1), 'withdrawn') "
		"  WHEN b.missing_since IS NOT NULL THEN 'current, missing from the inbox since ' "
		"    || b.missing_since || ' UTC' ELSE b.state END, "
		"  coalesce(b.unit, '(unknown)'), "
		"  coalesce(a.enterprise, ''), coalesce(s.declared, '-'), "
		"  coalesce(s.recommended, '-'), s.score, "
		"  (SELECT count(*) FROM defects d WHERE d.application_id = a.id) "
		"FROM applications a JOIN bundles b ON b.id = a.bundle_id "
		"LEFT JOIN assessments s ON s.application_id = a.id "
		"WHERE a.app_no = ? ORDER BY b.id, a.id");
	int64_t prev = 0;
	int n = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, app_no);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);

		if (!n)
			printf("%s  %s  (%s)\n", app_no, col(st, 5), col(st, 4));
		printf("\nversion %d: %s, received %s UTC, %s\n", ++n, col(st, 1), col(st, 2),
		       col(st, 3));
		printf("    declared %s, recommended %s", col(st, 6), col(st, 7));
		if (sqlite3_column_type(st, 8) != SQLITE_NULL)
			printf(", score %.2f", sqlite3_column_double(st, 8));
		printf(", %d defects\n", sqlite3_column_int(st, 9));
		if (prev) {
			int values = show_diff(db, field_diff_sql, prev, id, "values");
			int verdicts = show_diff(db, verdict_diff_sql, prev, id, "verdicts");

			if (!values && !verdicts)
				printf("    no value or verdict changed\n");
		}
		prev = id;
	}
	sqlite3_finalize(st);
	if (!n) {
		fprintf(stderr, "iireview history: no application %s\n", app_no);
		return 1;
	}
	st = db_prepare(db, "SELECT key, value, reason, who, at, source, first_applied "
			    "FROM corrections_log WHERE app_no = ? ORDER BY id");
	if (!st)
		return -1;
	db_bind_text(st, 1, app_no);
	for (n = 0; sqlite3_step(st) == SQLITE_ROW; n++) {
		if (!n)
			printf("\ncorrections by staff:\n");
		printf("    %s = %s  (%s; %s; %s; %s, first applied %s UTC)\n", col(st, 0),
		       col(st, 1), col(st, 2), col(st, 3), col(st, 4), col(st, 5), col(st, 6));
	}
	sqlite3_finalize(st);
	return 0;
}

/* The argument as typed, blanks (ASCII and full-width) trimmed at both ends. */
static void trimmed(const char *s, struct strbuf *out)
{
	size_t len;

	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (!strncmp(s, "　", 3))
			s += 3;
		else
			break;
	}
	strbuf_addstr(out, s);
	for (;;) {
		len = out->len;
		if (len && (out->buf[len - 1] == ' ' || out->buf[len - 1] == '\t'))
			strbuf_setlen(out, len - 1);
		else if (len >= 3 && !strcmp(out->buf + len - 3, "　"))
			strbuf_setlen(out, len - 3);
		else
			break;
	}
}

/*
 * Which 申报编号 the argument means: the number itself in any case, a
 * credit code, or part of an enterprise's name, tried in that order.  One
 * number into out and 0; several are listed (stderr) and 1; none is 1.
 */
static int find_application(sqlite3 *db, const char *arg, struct strbuf *out)
{
	static const char *const how[] = {
	    "SELECT DISTINCT app_no, coalesce(enterprise, ''), '' FROM applications "
	    "WHERE upper(app_no) = upper(?1)",
	    "SELECT DISTINCT app_no, coalesce(enterprise, ''), '' FROM applications "
	    "WHERE upper(credit_code) = upper(?1) AND app_no IS NOT NULL",
	    /* The newest name and unit of each number (GROUP BY keeps max(id)'s row). */
	    "SELECT a.app_no, a.enterprise, coalesce(b.unit, ''), max(a.id) FROM applications a "
	    "JOIN bundles b ON b.id = a.bundle_id WHERE instr(a.enterprise, ?1) > 0 "
	    "AND a.app_no IS NOT NULL GROUP BY a.app_no ORDER BY a.enterprise, a.app_no",
	};
	struct strbuf key = STRBUF_INIT, list = STRBUF_INIT;
	int n = 0;

	trimmed(arg, &key);
	for (size_t h = 0; h < ARRAY_SIZE(how) && !n && key.len; h++) {
		sqlite3_stmt *st = db_prepare(db, how[h]);

		if (!st)
			break;
		db_bind_text(st, 1, key.buf);
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (!n++)
				strbuf_addstr(out, col(st, 0));
			if (n <= 20)
				strbuf_addf(&list, "  %s  %s  %s\n", col(st, 0), col(st, 1),
					    col(st, 2));
			else if (n == 21)
				strbuf_addstr(&list, "  ...\n");
		}
		sqlite3_finalize(st);
	}
	if (!n)
		fprintf(stderr,
			"iireview history: no application %s (give its 申报编号, credit "
			"code, or part of the enterprise's name)\n",
			key.buf);
	else if (n > 1)
		fprintf(stderr,
			"iireview history: %d applications match %s; give one 申报编号:\n%s", n,
			key.buf, list.buf);
	strbuf_release(&key);
	strbuf_release(&list);
	return n != 1;
}

static int history_body(sqlite3 *db, void *ctx)
{
	struct strbuf app_no = STRBUF_INIT;
	int r = find_application(db, ctx, &app_no);

	if (!r)
		r = show_history(db, app_no.buf);
	strbuf_release(&app_no);
	return r < 0 ? EXIT_FAILED : r ? EXIT_USAGE : EXIT_DONE;
}

int cmd_history(int argc, char **argv)
{
	struct cli_options o;
	int ret;

	ret = cli_parse(argc, argv, &o, usage, NULL, NULL, NULL);
	if (ret || o.help)
		goto out;
	if (o.nargs != 1) {
		fputs(usage, stderr);
		ret = EXIT_USAGE;
		goto out;
	}
	ret = cli_with_report_db(&o, "history", history_body, (void *)o.args[0]);
out:
	cli_options_release(&o);
	return ret;
}
