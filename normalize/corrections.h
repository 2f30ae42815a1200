/*
 * corrections.h - field corrections made by provincial staff.
 *
 * Staff correct a single field without touching a city's files, in a CSV
 * (by default corrections.csv beside the database; UTF-8 or GBK, as Excel
 * saves it) with the header
 *
 *	申报编号,字段,更正值,原因,更正人,日期
 *
 * 字段 is a field key of the catalogue (credit_code) or its label as the
 * form prints it (统一社会信用代码).  normalize applies each correction
 * to the application with that 申报编号, keeps the form's own text beside
 * the corrected one, and logs it; a line naming an unknown field or an
 * application not in the current bundles, or whose value does not read as
 * the field's type, is refused with file:line and the rest applies.
 */
#ifndef IIREVIEW_CORRECTIONS_H
#define IIREVIEW_CORRECTIONS_H

#include "common/catalog.h"

#include <stddef.h>

struct strbuf;

struct correction {
	char *app_no, *key, *value, *reason, *who, *at;
	int line;
	int used;	/* applied to an application in this run */
	int refused;	/* its value does not read as the field's type */
	int overridden; /* a later line corrects the same field: that one applies */
};

/*
 * A problem with the file for a person to fix (problems.h): key names what
 * is wrong whatever line it moves to, message starts "file:line: ".
 */
struct correction_problem {
	char *key, *message;
};

struct corrections {
	char *path;
	struct correction *v;
	size_t n;
	char digest[65]; /* of the file's bytes; "" when there is no file */
	struct correction_problem *problems;
	size_t nr_problems, alloc_problems;
};

/*
 * Load path (a missing file is no correction; an empty one, blank lines
 * and a file of only the header are fine).  A line that cannot be used
 * (not the header on line 1, too few columns, unknown field for the
 * 申报编号's type, empty value) is refused: left out, with a problem in
 * c->problems naming file:line; the rest applies.  forms[0] is the
 * platform catalogue (申报编号 P…), forms[1] the factory one (F…).
 * Returns 0, or -1 with err when the file cannot be read.
 */
int corrections_load(const char *path, const struct catalog *forms, struct corrections *c,
		     struct strbuf *err);

/*
 * After corrections_load: refuse each correction whose value readable()
 * finds does not read as its field's type (why: in readable's words),
 * then, among the rest, where several lines correct one field of one
 * application, only the last applies (the others are marked overridden)
 * and a problem names every line.
 */
void corrections_check(struct corrections *c,
		       int (*readable)(const struct correction *k, struct strbuf *why, void *ctx),
		       void *ctx);

/* Add a problem (key and message are copied). */
void corrections_problem(struct corrections *c, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void corrections_release(struct corrections *c);

/* Parse one CSV record from *p (advanced past it); fields appended to out[]. */
size_t csv_record(const char **p, char **out, size_t max);

#endif
