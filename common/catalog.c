#include "common/catalog.h"

#include "common/rulefile.h"
#include "common/sha256.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {
    [FT_TEXT] = "text",		[FT_INTEGER] = "integer",
    [FT_AMOUNT] = "amount",	[FT_PERCENT] = "percent",
    [FT_DATE] = "date",		[FT_MONTH_RANGE] = "month_range",
    [FT_YESNO] = "yesno",	[FT_ONE_OF] = "one_of",
    [FT_MANY_OF] = "many_of",	[FT_COUNT_PAIR] = "count_pair",
    [FT_PHONE] = "phone",	[FT_MOBILE] = "mobile",
    [FT_EMAIL] = "email",	[FT_CREDIT_CODE] = "credit_code",
    [FT_ORG_CODE] = "org_code",
};

static int type_by_name(const char *s, enum field_type *t)
{
	for (size_t i = 0; i < ARRAY_SIZE(type_names); i++)
		if (!strcmp(s, type_names[i])) {
			*t = (enum field_type)i;
			return 0;
		}
	return -1;
}

/* Split line at tabs into at most max columns; returns the count. */
static size_t split_tabs(char *line, char **cols, size_t max)
{
	size_t n = 0;

	while (n < max) {
		cols[n++] = line;
		line = strchr(line, '\t');
		if (!line)
			break;
		*line++ = '\0';
	}
	return line ? max + 1 : n;
}

static int parse_flag(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < 0 || v > 1000000)
		return -1;
	*out = (int)v;
	return 0;
}

static void split_options(struct field_def *f, const char *s)
{
	size_t alloc = 0;

	f->options = NULL;
	f->noptions = 0;
	while (*s) {
		size_t n = strcspn(s, "|");

		ALLOC_GROW(f->options, f->noptions + 2, alloc);
		f->options[f->noptions++] = xstrndup(s, n);
		s += n;
		if (*s)
			s++;
	}
	ALLOC_GROW(f->options, f->noptions + 1, alloc);
	f->options[f->noptions] = NULL;
}

static int parse_line(struct catalog *cat, char *line, int lineno, struct strbuf *err)
{
	char *cols[8];
	struct field_def f;
	size_t n = split_tabs(line, cols, 7);

	memset(&f, 0, sizeof(f));
	if (n != 7 && n != 6) {
		strbuf_addf(err, "%s:%d: expected 7 tab-separated columns, found %zu", cat->path,
			    lineno, n);
		return -1;
	}
	if (!*cols[0] || !*cols[1]) {
		strbuf_addf(err, "%s:%d: empty key or label", cat->path, lineno);
		return -1;
	}
	if (catalog_find(cat, cols[0])) {
		strbuf_addf(err, "%s:%d: duplicate key '%s'", cat->path, lineno, cols[0]);
		return -1;
	}
	if (type_by_name(cols[2], &f.type)) {
		strbuf_addf(err, "%s:%d: unknown type '%s'", cat->path, lineno, cols[2]);
		return -1;
	}
	if (parse_flag(cols[3], &f.required) || f.required > 1) {
		strbuf_addf(err, "%s:%d: required must be 0 or 1, not '%s'", cat->path, lineno,
			    cols[3]);
		return -1;
	}
	if (parse_flag(cols[4], &f.max_chars)) {
		strbuf_addf(err, "%s:%d: max_chars must be a whole number, not '%s'", cat->path,
			    lineno, cols[4]);
		return -1;
	}
	if ((f.type == FT_ONE_OF || f.type == FT_MANY_OF) && (n < 7 || !*cols[6])) {
		strbuf_addf(err, "%s:%d: a %s field needs its options", cat->path, lineno, cols[2]);
		return -1;
	}
	f.key = xstrdup(cols[0]);
	f.label = xstrdup(cols[1]);
	f.section = xstrdup(cols[5]);
	split_options(&f, n == 7 ? cols[6] : "");
	f.line = lineno;
	cat->fields = xrealloc(cat->fields, (cat->n + 1) * sizeof(*cat->fields));
	cat->fields[cat->n++] = f;
	return 0;
}

int catalog_load(const char *path, struct catalog *cat, struct strbuf *err)
{
	struct rule_lines rl;
	int header = 0, ret = 0;

	memset(cat, 0, sizeof(*cat));
	cat->path = xstrdup(path);
	if (rule_lines_open(&rl, path)) {
		strbuf_addf(err, "%s: %s", path, strerror(errno));
		catalog_release(cat);
		return -1;
	}
	while (rule_lines_next(&rl)) {
		if (!header) {
			header = 1;
			if (strncmp(rl.line.buf, "key\tlabel\ttype", 14)) {
				strbuf_addf(
				    err, "%s:%d: expected the header 'key<TAB>label<TAB>type...'",
				    path, rl.lineno);
				ret = -1;
				break;
			}
			continue;
		}
		if (parse_line(cat, rl.line.buf, rl.lineno, err)) {
			ret = -1;
			break;
		}
	}
	rule_lines_close(&rl, cat->digest);
	if (!ret && !cat->n) {
		strbuf_addf(err, "%s: no fields", path);
		ret = -1;
	}
	if (ret)
		catalog_release(cat);
	return ret;
}

void catalog_release(struct catalog *cat)
{
	for (size_t i = 0; i < cat->n; i++) {
		struct field_def *f = &cat->fields[i];

		free(f->key);
		free(f->label);
		free(f->section);
		for (size_t j = 0; j < f->noptions; j++)
			free(f->options[j]);
		free(f->options);
	}
	free(cat->fields);
	free(cat->path);
	memset(cat, 0, sizeof(*cat));
}

const struct field_def *catalog_find(const struct catalog *cat, const char *key)
{
	for (size_t i = 0; i < cat->n; i++)
		if (!strcmp(cat->fields[i].key, key))
			return &cat->fields[i];
	return NULL;
}
