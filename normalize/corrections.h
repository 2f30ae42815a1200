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
 * application not in the current bundles is refused with file:line.
 */
#ifndef IIREVIEW_CORRECTIONS_H
#define IIREVIEW_CORRECTIONS_H

#include "common/catalog.h"

#include <stddef.h>

struct strbuf;

struct correction {
	char *app_no, *key, *value, *reason, *who, *at;
	int line;
	int used; /* applied to an application in this run */
};

struct corrections {
	char *path;
	struct correction *v;
	size_t n;
	char digest[65]; /* of the file's bytes; "" when there is no file */
};

/*
 * Load path (a missing file is no correction).  Lines that cannot be used
 * (too few columns, unknown field for the 申报编号's type, empty value) are
 * refused with a warning naming file:line and left out.  forms[0] is the
 * platform catalogue (申报编号 P…), forms[1] the factory one (F…).
 * Returns 0, or -1 with err when the file cannot be read or has no header.
 */
int corrections_load(const char *path, const struct catalog *forms, struct corrections *c,
		     struct strbuf *err);
void corrections_release(struct corrections *c);

/* Parse one CSV record from *p (advanced past it); fields appended to out[]. */
size_t csv_record(const char **p, char **out, size_t max);

#endif
