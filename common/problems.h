/*
 * problems.h - what needs a person, said once.
 *
 * Cron runs the batch every few minutes and mails whatever it prints.  A
 * problem that needs a person (a missing bundle, a refused correction, a
 * stale worksheet) is printed when it first appears and once more when it
 * goes away, not at every run; while it is open it is a row of `problems`
 * and `iireview status` lists it.
 *
 * A stage that finds problems of one kind reports all of them at each
 * run: problems_begin(), problems_note() for each one found, then
 * problems_end(), which closes (and prints) every open problem of that
 * kind not noted this time.  A problem is the same from run to run when
 * its key is: the key names what is wrong (the correction's text, the
 * bundle's id), not where it was seen, so a message whose line number
 * moved is updated without being said again.  A message's first clause
 * (up to the first ';') names the problem, the rest says what to do; the
 * line printed when it closes is "resolved: " and that first clause.
 */
#ifndef IIREVIEW_PROBLEMS_H
#define IIREVIEW_PROBLEMS_H

#include <sqlite3.h>
#include <stddef.h>

struct problems {
	sqlite3 *db;
	const char *kind;
	char **keys; /* noted in this pass */
	size_t n, alloc;
	int failed;
};

/* Problem kinds, problems.kind in the database. */
#define PROBLEM_BUNDLE_MISSING	"bundle-missing"
#define PROBLEM_CORRECTION	"correction"
#define PROBLEM_WORKSHEET_STALE "worksheet-stale"

void problems_begin(struct problems *p, sqlite3 *db, const char *kind);

/*
 * A problem found in this pass: opened and printed as a warning when it was
 * not open; else its message and time seen are updated, silently.
 */
void problems_note(struct problems *p, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Close every open problem of the kind not noted since problems_begin(),
 * printing "resolved: <first clause>" for each.  0, or -1 on a database error.
 */
int problems_end(struct problems *p);

/* Drop the pass without closing anything (the stage failed half-way). */
void problems_abandon(struct problems *p);

/* Close one problem now (printed as resolved when it was open); 0 or -1. */
int problems_close(sqlite3 *db, const char *kind, const char *key);

#endif
