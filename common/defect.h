/*
 * defect.h - problems found in what the units sent.
 *
 * A defect is data, not an error: it is stored with a stable code, the
 * place it was found (bundle, file, application, field), the raw text at
 * fault and a detail line in Chinese, and it ends up in the correction list
 * that goes back to the recommending unit.  The catalogue below is the one
 * list of codes; docs/defects.md explains each.
 */
#ifndef IIREVIEW_DEFECT_H
#define IIREVIEW_DEFECT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

enum defect_level {
	DEFECT_BUNDLE,	    /* the bundle as a whole (archive broken, unit unknown) */
	DEFECT_FILE,	    /* one file or archive entry */
	DEFECT_APPLICATION, /* one application or one of its fields */
};

struct defect_kind {
	const char *code; /* e.g. "ARCHIVE_CORRUPT" */
	enum defect_level level;
	const char *title; /* Chinese: what is wrong */
	const char *fix;   /* Chinese: what the unit should do */
};

/* The catalogue entry for code, or NULL for an unknown code. */
const struct defect_kind *defect_kind(const char *code);
/* All entries, for docs and tests; *n receives the count. */
const struct defect_kind *defect_kinds(size_t *n);

/* Where a defect was found; unknown ids are 0. */
struct defect_place {
	const char *stage;
	int64_t bundle_id, file_id, application_id;
};

/*
 * Record a defect.  code must be in the catalogue (BUG otherwise: codes are
 * ours, not the input's).  field, raw and detail may be NULL; raw is cut to
 * 500 characters so that a 100,000-character field does not flood the
 * lists.  Returns 0, or -1 on a database error.
 */
int defect_add(sqlite3 *db, const struct defect_place *at, const char *code, const char *field,
	       const char *raw, const char *detail);

#endif
