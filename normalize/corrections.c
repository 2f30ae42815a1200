#include "normalize/corrections.h"

#include "common/log.h"
#include "common/sha256.h"
#include "common/strbuf.h"
#include "common/textfile.h"
#include "common/xalloc.h"

#include <errno.h>
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

int corrections_load(const char *path, const struct catalog *forms, struct corrections *c,
		     struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT;
	struct sha256 h;
	const char *p;
	char *cols[8];
	size_t n, alloc = 0;
	int line = 1, ret = 0; /* the header is line 1 */

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
	n = csv_record(&p, cols, ARRAY_SIZE(cols));
	if (n < 3 || (strcmp(cols[0], "申报编号") && strcmp(cols[0], "app_no"))) {
		strbuf_addf(err, "%s:1: expected the header 申报编号,字段,更正值,原因,更正人,日期",
			    path);
		free_cols(cols, n);
		strbuf_release(&text);
		return -1;
	}
	free_cols(cols, n);
	while (*p) {
		const char *at = p;
		const struct catalog *cat;
		const char *key;
		struct correction *k;
		int record_line = ++line;

		n = csv_record(&p, cols, ARRAY_SIZE(cols));
		/* A quoted field may hold line breaks: the next record starts further down. */
		for (const char *q = at; q < p; q++)
			line += *q == '\n';
		if (p > at && p[-1] == '\n')
			line--;
		if (n == 1 && !*cols[0]) {
			free_cols(cols, n);
			continue;
		}
		cat = n ? (cols[0][0] == 'P'   ? &forms[0]
			   : cols[0][0] == 'F' ? &forms[1]
					       : NULL)
			: NULL;
		key = cat && n >= 2 ? field_key(cat, cols[1]) : NULL;
		if (n < 3 || !cat || !key || !*cols[2]) {
			warning("%s:%d: correction refused: %s", path, record_line,
				n < 3  ? "fewer than 3 columns (申报编号,字段,更正值)"
				: !cat ? "申报编号 must start with P (platform) or F (factory)"
				: !key
				    ? "no such field in the form (give its key, e.g. credit_code)"
				    : "empty corrected value");
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
	return ret;
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
	free(c->v);
	free(c->path);
	memset(c, 0, sizeof(*c));
}
