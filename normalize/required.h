/*
 * required.h - the sections a form marks （必填）, read from
 * rules/fields/required.tsv.
 *
 * The catalogue's own "required" column is the basic review (形式审查): a
 * form without its enterprise name or its cases fails it.  The （必填） marks
 * of 附件1 二(三) are different: every figure and 是/否 box in such a section
 * that is left blank is asked for (FIELD_MISSING, a line in the unit's
 * correction list) but one blank figure does not fail the form; its gates
 * are simply unknown.  Some sections are marked for one direction only
 * (3. 双跨服务能力, 双跨类申报必填) and one is to be left blank by the others
 * (2.3, 企业、双跨类企业不填), and some figures are asked only when a box
 * before them says 是 (如是，则能加载____类边缘应用).
 *
 * Format, one rule a line, tab-separated; '#' starts a comment line:
 *
 *   section  FORM  SECTION-PREFIX  DIRECTIONS
 *	every field of FORM (platform | factory) whose section starts with
 *	SECTION-PREFIX; DIRECTIONS is '*' (whatever is ticked) or the
 *	'|'-separated 申报类别 for which it is asked
 *   if       FORM  KEY  OTHER=VALUE
 *	KEY is asked only when the field OTHER holds VALUE
 *
 * Only figures and boxes are asked for (integer, count_pair, amount,
 * percent, yesno, one_of): free text has its own basic rule, and a
 * many_of with nothing ticked is a valid answer (none of these applies).
 */
#ifndef IIREVIEW_REQUIRED_H
#define IIREVIEW_REQUIRED_H

#include <stddef.h>

struct strbuf;
struct field_def;

struct required_rule {
	int is_if;   /* 0: section rule, 1: if rule */
	char *form;  /* platform | factory */
	char *what;  /* section prefix, or the key of an if rule */
	char *dirs;  /* section: "*" or '|'-separated directions */
	char *other; /* if: the field that decides */
	char *value; /* if: the value it must hold */
	int line;
};

struct required_rules {
	char *path;
	struct required_rule *rules;
	size_t n;
	char digest[65]; /* SHA-256 of the file, for normalize's rules digest */
};

/*
 * Load the rules at path.  A missing file is no rule at all (an older
 * rules folder): 0 with r empty and its digest that of "".  A malformed
 * line is refused: -1 with "file:line: reason" in err.
 */
int required_load(const char *path, struct required_rules *r, struct strbuf *err);
void required_release(struct required_rules *r);

/*
 * Whether field f of form ("platform" or "factory") is asked for on a form whose ticked 申报类别 is
 * direction (NULL: none or several ticked, so only the sections asked of
 * every direction count).  value_of(ctx, key) gives another field's value
 * (NULL when empty or unreadable), for the if rules.
 */
int required_asks(const struct required_rules *r, const char *form, const struct field_def *f,
		  const char *direction, const char *(*value_of)(void *ctx, const char *key),
		  void *ctx);

#endif
