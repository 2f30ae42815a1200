#include "units.h"

#include <string.h>

static const struct unit units[] = {
    {"南京市", "南京", "3201", 1},     {"无锡市", "无锡", "3202", 2},
    {"徐州市", "徐州", "3203", 3},     {"常州市", "常州", "3204", 4},
    {"苏州市", "苏州", "3205", 5},     {"南通市", "南通", "3206", 6},
    {"连云港市", "连云港", "3207", 7}, {"淮安市", "淮安", "3208", 8},
    {"盐城市", "盐城", "3209", 9},     {"扬州市", "扬州", "3210", 10},
    {"镇江市", "镇江", "3211", 11},    {"泰州市", "泰州", "3212", 12},
    {"宿迁市", "宿迁", "3213", 13},    {"昆山市", "昆山", "320583", 14},
    {"泰兴市", "泰兴", "321283", 15},  {"沭阳县", "沭阳", "321322", 16},
};

const struct unit *units_all(void)
{
	return units;
}

size_t units_count(void)
{
	return sizeof(units) / sizeof(units[0]);
}

const struct unit *unit_by_name(const char *name)
{
	for (size_t i = 0; i < units_count(); i++)
		if (!strcmp(name, units[i].name) || !strcmp(name, units[i].shortname))
			return &units[i];
	return NULL;
}

/* The city a county-level unit belongs to (its 4-digit prefix), else itself. */
static const struct unit *parent_city(const struct unit *u)
{
	if (strlen(u->region) == 4)
		return u;
	for (size_t i = 0; i < units_count(); i++)
		if (strlen(units[i].region) == 4 && !strncmp(units[i].region, u->region, 4))
			return &units[i];
	return u;
}

const struct unit *unit_in_text(const char *text, int *conflict)
{
	const struct unit *found = NULL;

	*conflict = 0;
	/* County units first: they are the more specific names. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < units_count(); i++) {
			const struct unit *u = &units[i];
			int county = strlen(u->region) == 6;

			if (county != (pass == 0))
				continue;
			if (!strstr(text, u->shortname))
				continue;
			if (!found) {
				found = u;
			} else if (found != u && parent_city(found) != u) {
				*conflict = 1;
			}
		}
	}
	return found;
}
