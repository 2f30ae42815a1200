#include "normalize/required.h"

#include "common/rulefile.h"
#include "common/sha256.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "common/catalog.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Split line at tabs into at most max columns; returns the count (max + 1: too many). */
static size_t split_cols(char *line, char **cols, size_t max)
{
	size_t n = 0;

	while (n < max) {
		cols[n++] = line;
		line = strchr(line, '\t');
		if (!line)
			return n;
		*line++ = '\0';
	}
	return max + 1;
}

static int parse_rule(struct required_rules *r, char *line, int lineno, struct strbuf *err)
{
	char *cols[5];
	size_t n = split_cols(line, cols, 4);
	struct required_rule k;
	char *eq;

	memset(&k, 0, sizeof(k));
	if (n != 4) {
		strbuf_addf(err, "%s:%d: expected 4 tab-separated columns, found %zu", r->path,
			    lineno, n);
		return -1;
	}
	if (strcmp(cols[1], "platform") && strcmp(cols[1], "factory")) {
		strbuf_addf(err, "%s:%d: form must be platform or factory, not '%s'", r->path,
			    lineno, cols[1]);
		return -1;
	}
	if (!*cols[2] || !*cols[3]) {
		strbuf_addf(err, "%s:%d: empty column", r->path, lineno);
		return -1;
	}
	if (!strcmp(cols[0], "section")) {
		k.dirs = xstrdup(cols[3]);
	} else if (!strcmp(cols[0], "if")) {
		eq = strchr(cols[3], '=');
		if (!eq || eq == cols[3] || !eq[1]) {
			strbuf_addf(err, "%s:%d: expected OTHER=VALUE, not '%s'", r->path, lineno,
				    cols[3]);
			return -1;
		}
		k.is_if = 1;
		k.other = xstrndup(cols[3], (size_t)(eq - cols[3]));
		k.value = xstrdup(eq + 1);
	} else {
		strbuf_addf(err, "%s:%d: a rule is 'section' or 'if', not '%s'", r->path, lineno,
			    cols[0]);
		return -1;
	}
	k.form = xstrdup(cols[1]);
	k.what = xstrdup(cols[2]);
	k.line = lineno;
	r->rules = xrealloc(r->rules, (r->n + 1) * sizeof(*r->rules));
	r->rules[r->n++] = k;
	return 0;
}

int required_load(const char *path, struct required_rules *r, struct strbuf *err)
{
	struct rule_lines rl;
	int ret = 0;

	memset(r, 0, sizeof(*r));
	r->path = xstrdup(path);
	if (rule_lines_open(&rl, path)) {
		if (errno == ENOENT) {
			struct sha256 h;

			/* No file, no rule: the digest of an empty file. */
			sha256_init(&h);
			sha256_final_hex(&h, r->digest);
			return 0;
		}
		strbuf_addf(err, "%s: %s", path, strerror(errno));
		required_release(r);
		return -1;
	}
	while (rule_lines_next(&rl)) {
		if (parse_rule(r, rl.line.buf, rl.lineno, err)) {
			ret = -1;
			break;
		}
	}
	rule_lines_close(&rl, r->digest);
	if (ret)
		required_release(r);
	return ret;
}

void required_release(struct required_rules *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->rules[i].form);
		free(r->rules[i].what);
		free(r->rules[i].dirs);
		free(r->rules[i].other);
		free(r->rules[i].value);
	}
	free(r->rules);
	free(r->path);
	memset(r, 0, sizeof(*r));
}

/* Whether the '|'-separated list holds name ("*" holds everything, even none). */
static int list_has(const char *list, const char *name)
{
	size_t len;

	if (!strcmp(list, "*"))
		return 1;
	if (!name)
		return 0;
	len = strlen(name);
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, "|");

		if (n == len && !memcmp(p, name, n))
			return 1;
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

static int is_figure_or_box(enum field_type t)
{
	switch (t) {
	case FT_INTEGER:
	case FT_COUNT_PAIR:
	case FT_AMOUNT:
	case FT_PERCENT:
	case FT_YESNO:
	case FT_ONE_OF:
		return 1;
	default:
		return 0;
	}
}

int required_asks(const struct required_rules *r, const char *form, const struct field_def *f,
		  const char *direction, const char *(*value_of)(void *ctx, const char *key),
		  void *ctx)
{
	int asked = 0;

	if (!is_figure_or_box(f->type))
		return 0;
	for (size_t i = 0; i < r->n && !asked; i++) {
		const struct required_rule *k = &r->rules[i];

		if (!k->is_if && !strcmp(k->form, form) &&
		    !strncmp(f->section, k->what, strlen(k->what)) && list_has(k->dirs, direction))
			asked = 1;
	}
	/* Every if rule of the field must hold: "如是，则……" asks nothing after 否. */
	for (size_t i = 0; i < r->n && asked; i++) {
		const struct required_rule *k = &r->rules[i];
		const char *v;

		if (!k->is_if || strcmp(k->form, form) || strcmp(k->what, f->key))
			continue;
		v = value_of(ctx, k->other);
		if (!v || strcmp(v, k->value))
			asked = 0;
	}
	return asked;
}
