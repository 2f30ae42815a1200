#include "normalize/corrections.h"

#include "common/log.h"
#include "common/sha256.h"
#include "common/strbuf.h"
#include "common/textfile.h"
#include "common/xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* RFC 4180: commas, "quoted ""fields""", line breaks inside quotes. */
size_t csv_record(const char **p, char **out, size_t max)
{
	const char *s = *p;
	size_t n = 0;

	for (;;) {
		struct strbuf f = STRBUF_INIT;

		if (*s == '"') {
			for (s++; *s; s++) {
				if (*s == '"' && s[1] == '"')
					strbuf_addch(&f, *s++);
				else if (*s == '"')
					break;
				else
					strbuf_addch(&f, *s);
			}
			if (*s == '"')
				s++;
			while (*s && *s != ',' && *s != '\n')
				strbuf_addch(&f, *s++);
		} else {
			while (*s && *s != ',' && *s != '\n')
				strbuf_addch(&f, *s++);
		}
		if (f.len && f.buf[f.len - 1] == '\r')
			strbuf_setlen(&f, f.len - 1);
		strbuf_trim(&f);
		if (n < max)
			out[n++] = strbuf_detach(&f, NULL);
		strbuf_release(&f);
		if (*s == ',') {
			s++;
			continue;
		}
		if (*s == '\n')
			s++;
		break;
	}
	*p = s;
	return n;
}

/* The key for a column value that is a key or a label; NULL if unknown or ambiguous. */
static const char *field_key(const struct catalog *cat, const char *name)
{
	const char *found = NULL;

	if (catalog_find(cat, name))
		return catalog_find(cat, name)->key;
	for (size_t i = 0; i < cat->n; i++) {
		if (strcmp(cat->fields[i].label, name))
			continue;
		if (found)
			return NULL; /* two fields share the label: the key must be given */
		found = cat->fields[i].key;
	}
	return found;
}

static void free_cols(char **cols, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cols[i]);
}

void corrections_problem(struct corrections *c, const char *key, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	struct correction_problem *p;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	ALLOC_GROW(c->problems, c->nr_problems + 1, c->alloc_problems);
	p = &c->problems[c->nr_problems++];
	p->key = xstrdup(key);
	p->message = strbuf_detach(&msg, NULL);
}

/* The record as written, columns joined by ',' : what makes a refusal the same problem. */
static void record_key(const char *tag, char **cols, size_t n, struct strbuf *key)
{
	strbuf_addstr(key, tag);
	for (size_t i = 0; i < n; i++) {
		strbuf_addch(key, i ? ',' : ':');
		strbuf_addstr(key, cols[i]);
	}
}

static int is_header(char **cols, size_t n)
{
	return n >= 3 && (!strcmp(cols[0], "申报编号") || !strcmp(cols[0], "app_no"));
}

int corrections_load(const char *path, const struct catalog *forms, struct corrections *c,
		     struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT;
	struct sha256 h;
	const char *p;
	char *cols[8];
	size_t n, alloc = 0;
	int line = 0, seen_header = 0;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	if (access(path, F_OK))
		return 0;
	if (textfile_read(path, 0, &text, NULL, err)) {
		strbuf_release(&text);
		return -1;
	}
	sha256_init(&h);
	sha256_update(&h, text.buf, text.len);
	sha256_final_hex(&h, c->digest);
	p = text.buf;
	while (*p) {
		const char *at = p;
		const struct catalog *cat;
		const char *key;
		struct correction *k;
		int record_line = ++line, first = !seen_header;

		n = csv_record(&p, cols, ARRAY_SIZE(cols));
		/* A quoted field may hold line breaks: the next record starts further down. */
		for (const char *q = at; q < p; q++)
			line += *q == '\n';
		if (p > at && p[-1] == '\n')
			line--;
		if (n == 1 && !*cols[0]) {
			free_cols(cols, n);
			continue; /* a blank line, before the header too */
		}
		seen_header = 1;
		if (first && is_header(cols, n)) {
			free_cols(cols, n);
			continue;
		}
		cat = n ? (cols[0][0] == 'P'   ? &forms[0]
			   : cols[0][0] == 'F' ? &forms[1]
					       : NULL)
			: NULL;
		key = cat && n >= 2 ? field_key(cat, cols[1]) : NULL;
		if (first || n < 3 || !cat || !key || !*cols[2]) {
			struct strbuf pkey = STRBUF_INIT;

			record_key("refused", cols, n, &pkey);
			corrections_problem(
			    c, pkey.buf, "%s:%d: correction refused: %s; the line is left out",
			    path, record_line,
			    first ? "not the header 申报编号,字段,更正值,原因,更正人,日期"
			    : n < 3 ? "fewer than 3 columns (申报编号,字段,更正值)"
			    : !cat  ? "申报编号 must start with P (platform) or F (factory)"
			    : !key  ? "no such field in the form (give its key, e.g. credit_code)"
				    : "empty corrected value");
			strbuf_release(&pkey);
			free_cols(cols, n);
			continue;
		}
		ALLOC_GROW(c->v, c->n + 1, alloc);
		k = &c->v[c->n++];
		memset(k, 0, sizeof(*k));
		k->app_no = xstrdup(cols[0]);
		k->key = xstrdup(key);
		k->value = xstrdup(cols[2]);
		k->reason = xstrdup(n > 3 ? cols[3] : "");
		k->who = xstrdup(n > 4 ? cols[4] : "");
		k->at = xstrdup(n > 5 ? cols[5] : "");
		k->line = record_line;
		free_cols(cols, n);
	}
	strbuf_release(&text);
	return 0;
}

void corrections_check(struct corrections *c,
		       int (*readable)(const struct correction *k, struct strbuf *why, void *ctx),
		       void *ctx)
{
	struct strbuf why = STRBUF_INIT, key = STRBUF_INIT, lines = STRBUF_INIT;

	for (size_t i = 0; i < c->n; i++) {
		struct correction *k = &c->v[i];

		strbuf_reset(&why);
		if (readable(k, &why, ctx))
			continue;
		k->refused = 1;
		strbuf_reset(&key);
		strbuf_addf(&key, "unreadable:%s,%s,%s", k->app_no, k->key, k->value);
		corrections_problem(c, key.buf,
				    "%s:%d: correction refused: %s %s \"%s\" %s; the field keeps "
				    "the form's value",
				    c->path, k->line, k->app_no, k->key, k->value, why.buf);
	}
	/* The last line for a field applies; the earlier ones are named with it. */
	for (size_t i = 0; i < c->n; i++) {
		struct correction *k = &c->v[i];
		size_t count = 0, last = i;

		if (k->refused || k->overridden)
			continue;
		strbuf_reset(&lines);
		for (size_t j = i; j < c->n; j++) {
			struct correction *x = &c->v[j];

			if (x->refused || strcmp(x->app_no, k->app_no) || strcmp(x->key, k->key))
				continue;
			strbuf_addf(&lines, "%s%d", count++ ? ", " : "", x->line);
			if (j != i)
				c->v[last].overridden = 1;
			last = j;
		}
		if (count < 2)
			continue;
		strbuf_reset(&key);
		strbuf_addf(&key, "several:%s,%s", k->app_no, k->key);
		corrections_problem(c, key.buf,
				    "%s: lines %s all correct %s %s; only line %d applies", c->path,
				    lines.buf, k->app_no, k->key, c->v[last].line);
	}
	strbuf_release(&why);
	strbuf_release(&key);
	strbuf_release(&lines);
}

void corrections_release(struct corrections *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct correction *k = &c->v[i];

		free(k->app_no);
		free(k->key);
		free(k->value);
		free(k->reason);
		free(k->who);
		free(k->at);
	}
	for (size_t i = 0; i < c->nr_problems; i++) {
		free(c->problems[i].key);
		free(c->problems[i].message);
	}
	free(c->problems);
	free(c->v);
	free(c->path);
	memset(c, 0, sizeof(*c));
}
