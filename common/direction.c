#include "common/direction.h"

#include <string.h>

const char *const direction_names[DIR_COUNT] = {
    [DIR_CROSS] = "跨行业跨领域",   [DIR_INDUSTRY] = "行业级",	[DIR_ENTERPRISE] = "企业级",
    [DIR_CULTIVATION] = "重点培育", [DIR_FACTORY] = "标杆工厂",
};

int direction_index(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < DIR_COUNT; i++)
		if (!strcmp(name, direction_names[i]))
			return i;
	return -1;
}
