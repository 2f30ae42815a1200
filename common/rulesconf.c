#include "common/rulesconf.h"

#include "common/sha256.h"
#include "common/strbuf.h"
#include "common/utf8.h"
#include "common/xalloc.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A rules file is a few KiB; anything past this is not one. */
#define RULES_FILE_MAX (1u << 20)

void score_params_default(struct score_params *p)
{
	p->gate_margin_cap = 0.5;
	p->weight_gates = 60;
	p->weight_completeness = 20;
	p->priority_weight = 10;
	p->disagreement_spread = 20;
	p->required_reviews = 3;
	p->review_score_max = 10;
}

/* The next line of text[*at..len) (without its "\n" or "\r\n") into line; 0 at the end. */
static int next_line(const char *text, size_t len, size_t *at, struct strbuf *line)
{
	const char *nl;
	size_t end;

	if (*at >= len)
		return 0;
	nl = memchr(text + *at, '\n', len - *at);
	end = nl ? (size_t)(nl - text) : len;
	strbuf_reset(line);
	strbuf_add(line, text + *at, end - *at);
	if (line->len && line->buf[line->len - 1] == '\r')
		strbuf_setlen(line, line->len - 1);
	*at = end + 1;
	return 1;
}

int rules_clusters_parse(const char *text, size_t len, const char *path, struct rules_config *cfg,
			 struct strbuf *err)
{
	struct strbuf line = STRBUF_INIT, part = STRBUF_INIT;
	size_t at = 0, before = err->len, alloc = cfg->nclusters;
	int lineno = 0;

	while (next_line(text, len, &at, &line)) {
		struct rules_cluster c = {NULL, NULL, 0, ++lineno};
		size_t aalloc = 0;
		char *hash;
		const char *s;

		if (memchr(line.buf, '\0', line.len) || !utf8_valid(line.buf, line.len)) {
			strbuf_addf(err, "%s:%d: not UTF-8 text\n", path, lineno);
			continue;
		}
		if ((hash = strchr(line.buf, '#')))
			strbuf_setlen(&line, (size_t)(hash - line.buf));
		strbuf_trim(&line);
		if (!line.len)
			continue;
		for (s = line.buf; s;) {
			const char *bar = strchr(s, '|');

			strbuf_reset(&part);
			strbuf_add(&part, s, bar ? (size_t)(bar - s) : strlen(s));
			strbuf_trim(&part);
			s = bar ? bar + 1 : NULL;
			if (!part.len) {
				strbuf_addf(err, "%s:%d: an empty name\n", path, lineno);
				break;
			}
			if (!c.name) {
				c.name = xstrdup(part.buf);
			} else {
				ALLOC_GROW(c.aliases, c.naliases + 1, aalloc);
				c.aliases[c.naliases++] = xstrdup(part.buf);
			}
		}
		ALLOC_GROW(cfg->clusters, cfg->nclusters + 1, alloc);
		cfg->clusters[cfg->nclusters++] = c;
	}
	if (err->len == before && !cfg->nclusters)
		strbuf_addf(err, "%s:%d: no cluster names\n", path, lineno);
	strbuf_release(&line);
	strbuf_release(&part);
	return err->len == before ? 0 : -1;
}

int rules_score_parse(const char *text, size_t len, const char *path, struct score_params *p,
		      struct strbuf *err)
{
	const struct {
		const char *name;
		double *at;
	} params[] = {
	    {"gate_margin_cap", &p->gate_margin_cap},
	    {"weight_gates", &p->weight_gates},
	    {"weight_completeness", &p->weight_completeness},
	    {"priority_weight", &p->priority_weight},
	    {"disagreement_spread", &p->disagreement_spread},
	    {"required_reviews", &p->required_reviews},
	    {"review_score_max", &p->review_score_max},
	};
	struct strbuf line = STRBUF_INIT;
	size_t at = 0, before = err->len;
	int lineno = 0;

	while (next_line(text, len, &at, &line)) {
		char *key, *val, *end;
		size_t i;
		double v;

		lineno++;
		strbuf_trim(&line);
		if (!line.len || line.buf[0] == '#')
			continue;
		key = line.buf;
		val = key + strcspn(key, " \t");
		if (*val)
			*val++ = '\0';
		val += strspn(val, " \t");
		for (i = 0; i < ARRAY_SIZE(params); i++)
			if (!strcmp(params[i].name, key))
				break;
		if (i == ARRAY_SIZE(params)) {
			strbuf_addf(err, "%s:%d: unknown score parameter '%s'\n", path, lineno,
				    key);
			continue;
		}
		v = strtod(val, &end);
		if (!*val || *end || v < 0) {
			strbuf_addf(err, "%s:%d: %s must be a number >= 0\n", path, lineno, key);
			continue;
		}
		if (params[i].at == &p->required_reviews &&
		    (v < 1 || v > 100 || v != (double)(int)v)) {
			strbuf_addf(err, "%s:%d: required_reviews must be a whole number 1-100\n",
				    path, lineno);
			continue;
		}
		if (params[i].at == &p->review_score_max && (v < 1 || v > 100)) {
			strbuf_addf(err, "%s:%d: review_score_max must be 1-100\n", path, lineno);
			continue;
		}
		*params[i].at = v;
	}
	if (err->len == before && p->gate_margin_cap <= 0)
		strbuf_addf(err, "%s:%d: gate_margin_cap must be above 0\n", path, lineno);
	strbuf_release(&line);
	return err->len == before ? 0 : -1;
}

/* The whole file into out; its name (not the folder) and bytes into h.  0 or -1 (err). */
static int read_file(const char *path, const char *name, struct strbuf *out, struct sha256 *h,
		     struct strbuf *err)
{
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n;
	int bad;

	if (!f) {
		strbuf_addf(err, "%s: cannot read: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && out->len <= RULES_FILE_MAX)
		strbuf_add(out, buf, n);
	bad = ferror(f);
	fclose(f);
	if (bad) {
		strbuf_addf(err, "%s: read error\n", path);
		return -1;
	}
	if (out->len > RULES_FILE_MAX) {
		strbuf_addf(err, "%s: larger than %u KiB: not a rules file\n", path,
			    RULES_FILE_MAX >> 10);
		return -1;
	}
	/* The file name, not the folder: a copy elsewhere is the same rules. */
	sha256_update(h, name, strlen(name) + 1);
	sha256_update(h, out->buf, out->len);
	return 0;
}

int rules_config_load(const char *root, const char *year, struct rules_config *cfg,
		      struct strbuf *err)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, one = STRBUF_INIT;
	struct sha256 h;
	size_t before = err->len;

	memset(cfg, 0, sizeof(*cfg));
	score_params_default(&cfg->score);
	if (!year)
		year = RULES_YEAR;
	if (!*year || strchr(year, '/')) {
		strbuf_addf(err, "%s: '%s' is no rules year (a folder name such as %s)\n", root,
			    year, RULES_YEAR);
		return -1;
	}
	cfg->root = xstrdup(root);
	cfg->year = xstrdup(year);
	strbuf_addf(&path, "%s/%s", root, year);
	cfg->dir = strbuf_detach(&path, NULL);

	strbuf_addf(&path, "%s/fields/platform.tsv", root);
	if (catalog_load(path.buf, &cfg->forms[RULES_PLATFORM], &one) == 0) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/fields/factory.tsv", root);
		catalog_load(path.buf, &cfg->forms[RULES_FACTORY], &one);
	}
	if (one.len)
		strbuf_addf(err, "%s%s", one.buf, one.buf[one.len - 1] == '\n' ? "" : "\n");

	sha256_init(&h);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/clusters.txt", cfg->dir);
	cfg->clusters_path = xstrdup(path.buf);
	if (!read_file(path.buf, "clusters.txt", &text, &h, err))
		rules_clusters_parse(text.buf, text.len, path.buf, cfg, err);
	strbuf_reset(&path);
	strbuf_reset(&text);
	strbuf_addf(&path, "%s/score.txt", cfg->dir);
	if (!read_file(path.buf, "score.txt", &text, &h, err))
		rules_score_parse(text.buf, text.len, path.buf, &cfg->score, err);
	sha256_final_hex(&h, cfg->digest);
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&one);
	if (err->len == before)
		return 0;
	rules_config_release(cfg);
	return -1;
}

void rules_config_release(struct rules_config *cfg)
{
	for (size_t i = 0; i < cfg->nclusters; i++) {
		free(cfg->clusters[i].name);
		for (size_t k = 0; k < cfg->clusters[i].naliases; k++)
			free(cfg->clusters[i].aliases[k]);
		free(cfg->clusters[i].aliases);
	}
	free(cfg->clusters);
	free(cfg->clusters_path);
	for (int i = 0; i < RULES_NFORMS; i++)
		catalog_release(&cfg->forms[i]);
	free(cfg->root);
	free(cfg->year);
	free(cfg->dir);
	memset(cfg, 0, sizeof(*cfg));
}
