/*
 * units.h - the 16 recommending units (推荐单位) of the notice.
 *
 * 13 设区市 plus the three directly-managed 县级市/县 昆山市, 泰兴市, 沭阳县.
 * The county-level units sit inside a city (昆山 in 苏州, 泰兴 in 泰州, 沭阳
 * in 宿迁), so every lookup tries the specific unit before its city: a file
 * named "昆山市工信局.zip" belongs to 昆山市, not 苏州市.
 */
#ifndef IIREVIEW_UNITS_H
#define IIREVIEW_UNITS_H

#include <stddef.h>

struct unit {
	const char *name;      /* full name as the notice writes it, e.g. "南京市" */
	const char *shortname; /* without 市/县, e.g. "南京" */
	const char *region;    /* GB/T 2260 prefix: 4 digits for a city, 6 for a county unit */
	int code;	       /* 1..16 in the notice's order; stable for sorting */
};

/* The table, in the notice's order; units_count() entries. */
const struct unit *units_all(void);
size_t units_count(void);

/* The unit whose name is exactly name (full or short form), or NULL. */
const struct unit *unit_by_name(const char *name);

/*
 * Find the recommending unit named inside free text (a file name, a
 * "推荐单位（盖章）：南京市工业和信息化局" line).  Returns the unit, NULL when
 * none is named, and sets *conflict when two different units are named
 * (a county unit and its own city count as one: the county unit wins).
 */
const struct unit *unit_in_text(const char *text, int *conflict);

#endif
