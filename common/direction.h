/*
 * direction.h - the directions (方向) of the notice, which are also the
 * categories the office ranks in: one enum, one name table.
 *
 * A platform (附件1) declares 跨行业跨领域, 行业级 or 企业级 on its form, or
 * 重点培育 in the unit's summary table; a benchmark factory (附件2) is
 * 标杆工厂.  evaluate recommends one of them or DIRECTION_REJECTED; the
 * database stores the Chinese names, and every stage turns them back into
 * the enum here.
 */
#ifndef IIREVIEW_DIRECTION_H
#define IIREVIEW_DIRECTION_H

/* In the order every output shows them. */
enum direction {
	DIR_CROSS,	 /* 跨行业跨领域 */
	DIR_INDUSTRY,	 /* 行业级 */
	DIR_ENTERPRISE,	 /* 企业级 */
	DIR_CULTIVATION, /* 重点培育: a platform with no gates of its own */
	DIR_FACTORY,	 /* 标杆工厂 */
	DIR_COUNT
};

/* The platform directions with gates, DIR_CROSS..DIR_ENTERPRISE, from the highest. */
#define DIR_PLATFORM_GATED 3

/* What evaluate recommends when no direction is met. */
#define DIRECTION_REJECTED "不予推荐"

/* The Chinese names, indexed by enum direction. */
extern const char *const direction_names[DIR_COUNT];

/* The direction of a Chinese name, or -1 (NULL, '', 不予推荐 and anything else). */
int direction_index(const char *name);

#endif
