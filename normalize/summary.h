/*
 * summary.h - the rows of a unit's 附件5 table, from .xlsx or .docx.
 *
 * The header row is found by its labels below any title rows; rows end at
 * the table's end or at its 说明 notes.  Internal to normalize.
 */
#ifndef IIREVIEW_SUMMARY_H
#define IIREVIEW_SUMMARY_H

#include <stddef.h>

struct strbuf;

enum summary_col {
	SC_SEQ,
	SC_ENTERPRISE,
	SC_DIRECTION, /* 项目方向 (platforms) or 所属行业 (factories) */
	SC_PROJECT,
	SC_CONTACT,
	SC_MOBILE,
	SC_LOCATION,
	SC_CLUSTER,
	SC_COUNT
};

struct summary_row {
	unsigned row; /* 1-based, in the sheet or table */
	char *cell[SC_COUNT];
};

struct summary_table {
	struct summary_row *rows;
	size_t n, alloc;
};

/* Read the table of an .xlsx or .docx (by ext).  0, or -1 with the reason in err. */
int summary_read(const char *path, const char *ext, struct summary_table *t, struct strbuf *err);
void summary_release(struct summary_table *t);

#endif
