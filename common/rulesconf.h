/*
 * rulesconf.h - the rules configuration: which rules year the run uses
 * and the facts of that year every stage shares, loaded once, by the
 * driver, and passed down.
 *
 *	<root>/fields/platform.tsv, factory.tsv   the catalogues (catalog.h)
 *	<root>/<year>/clusters.txt                the 省先进制造业集群 names
 *	<root>/<year>/score.txt                   the score's parameters
 *
 * This is the only reader of clusters.txt and score.txt.  The files one
 * stage alone reads stay with it and are found in cfg->dir: criteria.txt
 * and cultivation-2018.csv (evaluate), conflicts.txt (collect); the
 * normalize-only fields/summary.tsv, required.tsv and templates/ are found
 * in cfg->root.
 *
 * clusters.txt: one canonical name per line, as the notice writes it;
 * aliases may follow after '|'; '#' starts a comment anywhere on a line;
 * blank lines are skipped.  score.txt: "name value" lines (see
 * docs/criteria.md); a name not listed below is refused.
 *
 * Errors are "file:line: reason", one per line, all of them.
 */
#ifndef IIREVIEW_RULESCONF_H
#define IIREVIEW_RULESCONF_H

#include "common/catalog.h"

#include <stddef.h>

struct strbuf;

/* The call this release reads rules for: rules/<year>/ unless --year says otherwise. */
#define RULES_YEAR "2019"

struct score_params {
	double gate_margin_cap;	    /* a gate's margin above its bound counts up to this share */
	double weight_gates;	    /* points for every scored gate at its cap */
	double weight_completeness; /* points for every catalogue field filled */
	double priority_weight;	    /* default points of a met priority */
	double disagreement_spread; /* reviewers' scores further apart than this are flagged */
	double required_reviews;    /* collect: fewer reviews leave an application incomplete */
	double review_score_max;    /* the most points a reviewer gives one criterion */
};

struct rules_cluster {
	char *name;	/* canonical, as written */
	char **aliases; /* after '|' */
	size_t naliases;
	int line; /* in clusters.txt */
};

/* The application types, which index the catalogues. */
enum rules_form { RULES_PLATFORM, RULES_FACTORY, RULES_NFORMS };

struct rules_config {
	char *root;			    /* the rules folder (--rules) */
	char *year;			    /* "2019" */
	char *dir;			    /* root/year */
	struct catalog forms[RULES_NFORMS]; /* fields/platform.tsv, fields/factory.tsv */
	char *clusters_path;
	struct rules_cluster *clusters;
	size_t nclusters;
	struct score_params score;
	/* SHA-256 over clusters.txt and score.txt as read (the catalogues have their own). */
	char digest[65];
};

/*
 * Load the configuration of root/year (year NULL: RULES_YEAR; a year with
 * '/' or empty is refused).  Every file above must be there.  0, or -1
 * with every problem appended to err as "file:line: reason\n"; *cfg is
 * then released.
 */
int rules_config_load(const char *root, const char *year, struct rules_config *cfg,
		      struct strbuf *err);
void rules_config_release(struct rules_config *cfg);

/* The defaults of every score parameter (what score.txt may leave out). */
void score_params_default(struct score_params *p);

/*
 * The parsers of rules_config_load, for the tests and fuzzers: text is
 * the file's content, path names it in messages.  0, or -1 with
 * "path:line: reason\n" lines appended to err.  rules_clusters_parse
 * appends to cfg->clusters (release with rules_config_release).
 */
int rules_clusters_parse(const char *text, size_t len, const char *path, struct rules_config *cfg,
			 struct strbuf *err);
int rules_score_parse(const char *text, size_t len, const char *path, struct score_params *p,
		      struct strbuf *err);

#endif
