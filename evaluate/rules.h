/*
 * rules.h - the criteria of a notice year as data (rules/<year>/), and the
 * small expression language their conditions are written in.
 *
 * Files of a year folder (see docs/criteria.md for the full format):
 *   criteria.txt          one block per criterion: id, clause, applies,
 *                         kind, when, text, and optionally weight, defect
 *   cultivation-2018.csv  optional: credit codes of the 2018 cultivation
 *                         units, each of which must apply
 * The score's parameters (score.txt), the catalogues and the folder come
 * from the rules configuration (common/rulesconf.h).
 *
 * A condition ("when") is an expression over the normalized field keys of
 * rules/fields/<form>.tsv:
 *	devices >= 5000 and device_kinds >= 30 or datapoints >= 30000
 * with numbers, dates (2019-10-14, compared as yyyymmdd), "strings",
 * + - * / ( ), comparisons >= > <= < = !=, and / or / not, and the
 * functions listed in docs/criteria.md (filled, count, contains, any_of,
 * starts, ends, substr, valid_credit_code, branch, start, end, abs,
 * attached, required_filled).
 * Logic is three-valued: a field that is empty, unreadable or absent makes
 * a comparison unknown, and unknown is never a pass.
 *
 * Loading checks everything it can before any state changes: syntax, field
 * keys against the catalogue of each application type a criterion applies
 * to, directions, kinds, defect codes, duplicate ids.  Errors are
 * "file:line: reason", one per line, all of them.
 */
#ifndef IIREVIEW_RULES_H
#define IIREVIEW_RULES_H

#include "common/direction.h"
#include "common/rulesconf.h"

#include <stddef.h>

struct strbuf;
struct catalog;
struct expr;

/* Directions a criterion applies to: bit 1 << d for each enum direction d (common/direction.h). */
enum rule_dir {
	RD_CROSS = 1 << DIR_CROSS,
	RD_INDUSTRY = 1 << DIR_INDUSTRY,
	RD_ENTERPRISE = 1 << DIR_ENTERPRISE,
	RD_FACTORY = 1 << DIR_FACTORY,
};
#define RD_PLATFORM (RD_CROSS | RD_INDUSTRY | RD_ENTERPRISE)

/* The Chinese name of one direction bit ("跨行业跨领域"), or NULL. */
const char *rule_dir_name(unsigned bit);
/*
 * The bit of a Chinese direction name, or "平台" (the rules' word for all
 * three platform directions); 0 for anything else, 重点培育 included: it
 * has no criteria of its own.
 */
unsigned rule_dir_parse(const char *name);

enum rule_kind { RK_BASIC, RK_GATE, RK_PRIORITY, RK_QUALITATIVE };
/* "basic", "gate", "priority", "qualitative". */
const char *rule_kind_name(enum rule_kind k);

struct criterion {
	char *id;     /* cross.devices */
	char *clause; /* 附件3 一(二)1 */
	unsigned applies;
	enum rule_kind kind;
	char *when; /* the condition as written; NULL for qualitative */
	struct expr *expr;
	char *text;	    /* Chinese requirement shown to reviewers */
	char *defect;	    /* defect code recorded when it fails, or NULL */
	char *defect_field; /* the field the defect names (its text quoted), or NULL */
	double weight;	    /* priorities: points when met */
	int line;	    /* in criteria.txt */
};

struct rules {
	char *dir;
	struct criterion *c;
	size_t n;
	struct score_params score; /* a copy of the configuration's */
	char **cultivation;	   /* credit codes, sorted */
	size_t ncultivation;
	const struct catalog *platform, *factory; /* borrowed */
	char digest[65]; /* SHA-256 over every file read, catalogues included */
};

/*
 * Load the criteria of cfg->dir, checking keys against cfg's platform and
 * factory catalogues (cfg must outlive the rules).  Returns 0, or -1 with
 * every problem as "file:line: reason\n" in err.
 */
int rules_load(const struct rules_config *cfg, struct rules *r, struct strbuf *err);
void rules_release(struct rules *r);

/* ---- expressions ---- */

/* Three-valued results. */
enum tri { TRI_FALSE = 0, TRI_TRUE = 1, TRI_UNKNOWN = 2 };

/* One field of one application, as normalize stored it. */
struct rule_field {
	const char *key;
	const char *raw, *value; /* may be NULL */
	double num;
	int has_num;
	const char *status; /* ok, empty, unreadable, conflict, absent */
};

/* What an expression may ask about the application being evaluated. */
struct rule_env {
	/* The field, or NULL when there is no row for it (treated as absent). */
	const struct rule_field *(*field)(void *ctx, const char *key);
	/* 1 when an attachment of this kind is tied to the application. */
	int (*attached)(void *ctx, const char *kind);
	/* The catalogue of the application's type, for labels and required_filled(). */
	const struct catalog *catalog;
	void *ctx;
};

struct rule_result {
	enum tri result;
	int has_margin; /* a numeric lower bound was involved */
	double margin;	/* (value - bound) / bound of the deciding comparison(s) */
};

/*
 * Compile src; keys are checked against each non-NULL catalogue given
 * (pseudo-keys summary.* are always allowed).  Returns NULL with the reason
 * (no file:line prefix) in err.
 */
struct expr *expr_compile(const char *src, const struct catalog *const *cats, size_t ncats,
			  struct strbuf *err);
void expr_free(struct expr *e);
/* 1 when e compares something with >= or > against a bound: a gate whose margin can be scored. */
int expr_has_lower_bound(const struct expr *e);

/*
 * The condition as a reviewer reads it, appended to out: fields by their
 * labels in the form (cat may be NULL: keys then), comparisons with ≥ ≤,
 * dates as 2019年10月14日, and/or as 且/或 with brackets where they mix
 * ("连接设备数 ≥ 5000，且设备种类（类数） ≥ 30").
 */
void expr_show(const struct expr *e, const struct catalog *cat, struct strbuf *out);

/*
 * Evaluate e.  used receives the fields used, raw and normalized
 * ("devices=5200（原文：5200台）; ..."); detail receives the Chinese account
 * of each comparison.  Either may be NULL.  Never fails.
 */
void expr_eval(const struct expr *e, const struct rule_env *env, struct rule_result *res,
	       struct strbuf *used, struct strbuf *detail);

#endif
