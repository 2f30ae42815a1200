/*
 * summary.c - the tables of a 附件5 file (see summary.h).
 *
 * Both formats are turned into one stream of rows (a sheet's rows; a
 * .docx table's rows and the body paragraphs between tables, each a row of
 * one cell), and one state machine reads that stream: outside a table it
 * looks for title rows and header rows; inside, every row is data until a
 * new header, a title, the 说明 notes or the end of the sheet or table.
 * Which words make a header, a title, the notes or a totals row is data
 * (rules/fields/summary-headers.tsv), so that a habit met in a new batch
 * is one line there, not a change here.
 */
#include "normalize/summary.h"

#include "common/catalog.h"

#include "common/docx.h"
#include "common/rulefile.h"
#include "common/sha256.h"
#include "common/strbuf.h"
#include "common/utf8.h"
#include "common/xalloc.h"
#include "common/xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the vocabulary ---- */

/*
 * What a word of the vocabulary stands for.  The first ones are header
 * columns (keys of summary.tsv); the others are the words of rows that are
 * not data.
 */
enum role {
	R_SEQ,
	R_ENTERPRISE,
	R_DIRECTION, /* a 项目方向 column: the platform table */
	R_INDUSTRY,  /* a 所属行业 column: the factory table */
	R_PROJECT,
	R_CONTACT,
	R_MOBILE,
	R_LOCATION,
	R_CLUSTER,
	R_CATEGORY, /* a 类别 column, either table's: read as the direction column, types nothing */
	NR_HEADER_ROLES,
	R_RECOMMENDER = NR_HEADER_ROLES, /* the 推荐单位（盖章） line, by its start */
	R_TITLE,			 /* a title row holds one of these */
	R_PLATFORM,			 /* ...and says which table with these */
	R_FACTORY,
	R_NOTES, /* a row starting with one of these is the 说明 under the table */
	R_TOTAL, /* a totals row (合计) */
	NR_ROLES
};

static const struct {
	const char *key;
	enum summary_col col; /* header roles only */
} roles[NR_ROLES] = {
    [R_SEQ] = {"seq", SC_SEQ},
    [R_ENTERPRISE] = {"enterprise", SC_ENTERPRISE},
    [R_DIRECTION] = {"direction", SC_DIRECTION},
    [R_INDUSTRY] = {"industry_type", SC_DIRECTION},
    [R_PROJECT] = {"project_name", SC_PROJECT},
    [R_CONTACT] = {"contact_name", SC_CONTACT},
    [R_MOBILE] = {"contact_mobile", SC_MOBILE},
    [R_LOCATION] = {"location", SC_LOCATION},
    [R_CLUSTER] = {"cluster", SC_CLUSTER},
    [R_CATEGORY] = {"category", SC_DIRECTION},
    [R_RECOMMENDER] = {"recommender", SC_COUNT},
    [R_TITLE] = {"title", SC_COUNT},
    [R_PLATFORM] = {"platform", SC_COUNT},
    [R_FACTORY] = {"factory", SC_COUNT},
    [R_NOTES] = {"notes", SC_COUNT},
    [R_TOTAL] = {"total", SC_COUNT},
};

/* A header needs the enterprise column and this many columns in all. */
#define HEADER_MIN_COLUMNS 3

struct vocab_word {
	char *norm;	/* label_norm() of the word */
	char *stripped; /* the same without bracketed parts */
	enum role role;
	unsigned rank; /* 0 for the catalogue's label, then the file's order */
};

struct summary_vocab {
	struct vocab_word *w;
	size_t n, alloc;
	/* The box labels of summary.tsv's direction and industry_type, normalized. */
	char **options[2]; /* [0] platform's, [1] factory's; NULL-terminated */
	char digest[SHA256_HEX_LEN + 1];
};

/*
 * The form in which cells and words are compared: xlsx_label_norm (no
 * blanks anywhere, full-width forms half-width), then without the marks
 * people put before a required column (* ★ ※) and a colon at the end.
 */
static void label_norm(const char *s, size_t len, struct strbuf *out)
{
	static const char *const marks[] = {"*", "\xE2\x98\x85" /* ★ */, "\xE2\x80\xBB" /* ※ */};
	size_t start = out->len;
	int again = 1;

	xlsx_label_norm(s, len, out);
	while (again) {
		again = 0;
		for (size_t i = 0; i < ARRAY_SIZE(marks); i++) {
			size_t m = strlen(marks[i]);

			if (out->len - start >= m && !memcmp(out->buf + start, marks[i], m)) {
				memmove(out->buf + start, out->buf + start + m,
					out->len - start - m);
				strbuf_setlen(out, out->len - m);
				again = 1;
			}
		}
	}
	while (out->len > start && out->buf[out->len - 1] == ':')
		strbuf_setlen(out, out->len - 1);
}

/* s (normalized) without its bracketed parts: "联系方式(手机)" -> "联系方式". */
static char *strip_brackets(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	int depth = 0;

	for (; *s; s++) {
		if (*s == '(' || *s == '[')
			depth++;
		else if ((*s == ')' || *s == ']') && depth > 0)
			depth--;
		else if (!depth)
			strbuf_addch(&sb, *s);
	}
	return strbuf_detach(&sb, NULL);
}

static int role_of_key(const char *key)
{
	for (int i = 0; i < NR_ROLES; i++)
		if (!strcmp(roles[i].key, key))
			return i;
	return -1;
}

/* Add a word; refuse it when the same word already stands for a header column or for role. */
static int add_word(struct summary_vocab *v, enum role role, const char *word, unsigned rank,
		    const char *where, struct strbuf *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct vocab_word *w;

	label_norm(word, strlen(word), &sb);
	if (!sb.len) {
		strbuf_addf(err, "%s: an empty word", where);
		strbuf_release(&sb);
		return -1;
	}
	for (size_t i = 0; i < v->n; i++) {
		int both_header = v->w[i].role < NR_HEADER_ROLES && role < NR_HEADER_ROLES;

		if ((v->w[i].role == role || both_header) && !strcmp(v->w[i].norm, sb.buf)) {
			/* The catalogue's own label repeated in the file is harmless. */
			if (v->w[i].role == role && !v->w[i].rank)
				goto out;
			strbuf_addf(err, "%s: '%s' is already a word of %s", where, word,
				    roles[v->w[i].role].key);
			strbuf_release(&sb);
			return -1;
		}
	}
	ALLOC_GROW(v->w, v->n + 1, v->alloc);
	w = &v->w[v->n++];
	w->norm = strbuf_detach(&sb, NULL);
	w->stripped = strip_brackets(w->norm);
	w->role = role;
	w->rank = rank;
out:
	strbuf_release(&sb);
	return 0;
}

static int parse_vocab_line(struct summary_vocab *v, char *line, const char *where, unsigned *rank,
			    struct strbuf *err)
{
	char *tab = strchr(line, '\t');
	char *words;
	int role;

	if (!tab || strchr(tab + 1, '\t')) {
		strbuf_addf(err, "%s: expected two columns, key and words", where);
		return -1;
	}
	*tab = '\0';
	words = tab + 1;
	role = role_of_key(line);
	if (role < 0) {
		strbuf_addf(err, "%s: unknown key '%s'", where, line);
		return -1;
	}
	while (*words) {
		size_t n = strcspn(words, "|");
		char *word = xstrndup(words, n);
		int r = add_word(v, (enum role)role, word, ++*rank, where, err);

		free(word);
		if (r)
			return -1;
		words += n;
		if (*words)
			words++;
	}
	return 0;
}

struct summary_vocab *summary_vocab_load(const char *path, const struct catalog *cat,
					 struct strbuf *err)
{
	struct summary_vocab *v = xcalloc(1, sizeof(*v));
	struct strbuf where = STRBUF_INIT;
	struct rule_lines rl;
	unsigned rank = 0;
	int header = 0, ret = 0;

	if (rule_lines_open(&rl, path)) {
		strbuf_addf(err, "%s: %s", path, strerror(errno));
		free(v);
		return NULL;
	}
	/* The catalogue's labels always match: the notice's own header. */
	for (size_t i = 0; i < cat->n && !ret; i++) {
		int role = role_of_key(cat->fields[i].key);

		if (role >= 0 && (role < NR_HEADER_ROLES || role == R_RECOMMENDER)) {
			strbuf_reset(&where);
			strbuf_addf(&where, "%s:%d", cat->path, cat->fields[i].line);
			ret = add_word(v, (enum role)role, cat->fields[i].label, 0, where.buf, err);
		}
	}
	for (int k = 0; k < 2; k++) {
		const struct field_def *fd = catalog_find(cat, k ? "industry_type" : "direction");
		size_t n = fd ? fd->noptions : 0;

		v->options[k] = xcalloc(n + 1, sizeof(char *));
		for (size_t i = 0; i < n; i++) {
			struct strbuf sb = STRBUF_INIT;

			label_norm(fd->options[i], strlen(fd->options[i]), &sb);
			v->options[k][i] = strbuf_detach(&sb, NULL);
		}
	}
	while (!ret && rule_lines_next(&rl)) {
		strbuf_reset(&where);
		strbuf_addf(&where, "%s:%d", path, rl.lineno);
		if (!header) {
			header = 1;
			if (strcmp(rl.line.buf, "key\twords")) {
				strbuf_addf(err, "%s: expected the header 'key<TAB>words'",
					    where.buf);
				ret = -1;
			}
			continue;
		}
		ret = parse_vocab_line(v, rl.line.buf, where.buf, &rank, err);
	}
	rule_lines_close(&rl, v->digest);
	for (int r = 0; r < NR_ROLES && !ret; r++) {
		int have = 0;

		for (size_t i = 0; i < v->n && !have; i++)
			have = v->w[i].role == (enum role)r;
		if (!have && (r == R_ENTERPRISE || r == R_DIRECTION || r == R_INDUSTRY)) {
			strbuf_addf(err, "%s: no word for %s", path, roles[r].key);
			ret = -1;
		}
	}
	strbuf_release(&where);
	if (ret) {
		summary_vocab_free(v);
		return NULL;
	}
	return v;
}

void summary_vocab_free(struct summary_vocab *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		free(v->w[i].norm);
		free(v->w[i].stripped);
	}
	free(v->w);
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; v->options[k] && v->options[k][i]; i++)
			free(v->options[k][i]);
		free(v->options[k]);
	}
	free(v);
}

const char *summary_vocab_digest(const struct summary_vocab *v)
{
	return v->digest;
}

/*
 * The header column one of whose words (stripped: their forms without
 * brackets) is cell: its role, -1 for none, -2 when two columns claim it.
 * *rank receives the word's rank: the lower, the better the cell fits.
 */
static int match_words(const struct summary_vocab *v, const char *cell, int stripped,
		       unsigned *rank)
{
	int found = -1;

	for (size_t i = 0; i < v->n; i++) {
		const struct vocab_word *w = &v->w[i];

		if (w->role >= NR_HEADER_ROLES || strcmp(stripped ? w->stripped : w->norm, cell))
			continue;
		if (found >= 0 && found != (int)w->role)
			return -2;
		if (found < 0 || w->rank < *rank)
			*rank = w->rank;
		found = (int)w->role;
	}
	return found;
}

/*
 * The header column a cell (normalized) names, or -1: its words first,
 * then both without bracketed parts ("项目方向（跨行业跨领域/…）"); a cell
 * two columns claim names none.
 */
static int header_role(const struct summary_vocab *v, const char *norm, unsigned *rank)
{
	int found = match_words(v, norm, 0, rank);

	if (found == -1) {
		char *stripped = strip_brackets(norm);

		if (*stripped)
			found = match_words(v, stripped, 1, rank);
		free(stripped);
	}
	return found < 0 ? -1 : found;
}

/* 1 when norm contains a word of role. */
static int has_word(const struct summary_vocab *v, enum role role, const char *norm)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->w[i].role == role && strstr(norm, v->w[i].norm))
			return 1;
	return 0;
}

/*
 * 1 when norm starts with a word of role that ends there: at the end, or
 * before anything that is not a Chinese character ("说明：", "注1.", "合计5家"
 * but not "注塑科技有限公司").  With whole_word 0 any start counts
 * ("推荐单位（盖章）：某市工信局").
 */
static int starts_with_word(const struct summary_vocab *v, enum role role, const char *norm,
			    int whole_word)
{
	for (size_t i = 0; i < v->n; i++) {
		const struct vocab_word *w = &v->w[i];
		size_t n = strlen(w->norm);
		unsigned cp;

		if (w->role != role || strncmp(norm, w->norm, n))
			continue;
		if (!whole_word || !norm[n])
			return 1;
		if (utf8_decode(norm + n, strlen(norm + n), &cp) && !(cp >= 0x3400 && cp <= 0x9FFF))
			return 1;
	}
	return 0;
}

/* ---- the tables ---- */

const char *summary_type_name(enum summary_type t)
{
	switch (t) {
	case SUMMARY_PLATFORM:
		return "platform";
	case SUMMARY_FACTORY:
		return "factory";
	case SUMMARY_UNTYPED:
		break;
	}
	return NULL;
}

static void row_free(struct summary_row *r)
{
	for (int i = 0; i < SC_COUNT; i++)
		free(r->cell[i]);
}

static void table_release(struct summary_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		row_free(&t->rows[i]);
	free(t->rows);
	free(t->sheet);
	free(t->header_text);
	free(t->why);
}

void summary_file_release(struct summary_file *f)
{
	for (size_t i = 0; i < f->n; i++)
		table_release(&f->tables[i]);
	free(f->tables);
	memset(f, 0, sizeof(*f));
}

/* One non-empty cell of the row being read. */
struct cell {
	unsigned col; /* sheet column, or the .docx grid column */
	char *text;   /* as written, trimmed */
	char *norm;   /* label_norm(text) */
};

struct row_buf {
	struct cell *c;
	size_t n, alloc;
};

/* The column of a header a data cell falls under. */
struct header_col {
	unsigned col;
	enum role role;
	unsigned rank;
};

struct header {
	struct header_col *c;
	size_t n, alloc;
};

/* A title row seen above a header, not yet used. */
struct title {
	enum summary_type type; /* SUMMARY_UNTYPED: names both tables, or neither */
	char *text;
};

enum state {
	OUTSIDE,  /* before the first header, or after a table */
	IN_TABLE, /* under a header: rows are data */
	IN_NOTES, /* under 说明: its numbered lines */
};

/* What told, or did not tell, a table's type; decided once the file is read. */
struct table_info {
	int conflict;		 /* the header and the title above it name different tables */
	int both;		 /* the header has a 项目方向 and a 所属行业 column */
	int has_col;		 /* it has a column for the direction or industry */
	enum summary_type sheet; /* alone on its sheet, the sheet's name names this table */
};

struct reader {
	const struct summary_vocab *v;
	struct summary_file *f;
	struct table_info *info; /* [f->n] */
	size_t info_alloc;
	/* The region: one sheet, or the whole .docx. */
	const char *sheet;   /* NULL in a .docx */
	size_t region_first; /* index in f->tables of the region's first table */
	enum state state;
	int cur_docx_table; /* the .docx table (ordinal) holding the header */
	struct header hdr;  /* the current table's columns */
	struct header cand; /* the row being looked at, as a header */
	/* The title above the next header; consumed by it. */
	struct title title;
	/* The rows being built, by .docx table depth (a table in a cell has its own). */
	struct row_buf rows[8];
	struct strbuf scratch;
};

static void row_buf_clear(struct row_buf *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->c[i].text);
		free(b->c[i].norm);
	}
	b->n = 0;
}

static void row_buf_add(struct row_buf *b, unsigned col, const char *text, size_t len)
{
	struct strbuf sb = STRBUF_INIT, norm = STRBUF_INIT;
	struct cell *c;

	label_norm(text, len, &norm);
	if (!norm.len) { /* blank: no cell at all */
		strbuf_release(&norm);
		return;
	}
	strbuf_add(&sb, text, len);
	strbuf_trim(&sb);
	ALLOC_GROW(b->c, b->n + 1, b->alloc);
	c = &b->c[b->n++];
	c->col = col;
	c->text = strbuf_detach(&sb, NULL);
	c->norm = strbuf_detach(&norm, NULL);
}

static void title_clear(struct title *t)
{
	free(t->text);
	t->text = NULL;
	t->type = SUMMARY_UNTYPED;
}

static const char *zh_type(enum summary_type t)
{
	return t == SUMMARY_PLATFORM ? "平台汇总表" : "标杆工厂汇总表";
}

/* The header cell (as written) of role in header h read from row b. */
static const char *header_cell_text(const struct row_buf *b, const struct header *h, enum role role)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->c[i].role == role)
			for (size_t k = 0; k < b->n; k++)
				if (b->c[k].col == h->c[i].col)
					return b->c[k].text;
	return "";
}

/*
 * 1 when b is a header row: r->cand then holds the columns it names (the
 * best-fitting cell for each).
 */
static int read_header(struct reader *r, const struct row_buf *b)
{
	struct header *h = &r->cand;
	int have_enterprise = 0;

	h->n = 0;
	for (size_t i = 0; i < b->n; i++) {
		unsigned rank = 0;
		int role = header_role(r->v, b->c[i].norm, &rank);
		size_t k;

		if (role < 0)
			continue;
		for (k = 0; k < h->n && h->c[k].role != (enum role)role; k++)
			;
		if (k < h->n) {
			if (rank <
			    h->c[k].rank) /* the closer word wins: 联系方式（手机） over 电话 */
				h->c[k].col = b->c[i].col, h->c[k].rank = rank;
			continue;
		}
		ALLOC_GROW(h->c, h->n + 1, h->alloc);
		h->c[h->n].col = b->c[i].col;
		h->c[h->n].role = (enum role)role;
		h->c[h->n].rank = rank;
		h->n++;
		have_enterprise |= role == R_ENTERPRISE;
	}
	return have_enterprise && h->n >= HEADER_MIN_COLUMNS;
}

/*
 * Open a table at the header row b (in r->cand): typed by the header, else
 * by the title above; what is left open is decided by decide_types().
 */
static void open_table(struct reader *r, const struct row_buf *b, unsigned row, int docx_table)
{
	struct header swap = r->hdr;
	struct summary_table *t;
	struct table_info *ti;
	struct strbuf sb = STRBUF_INIT;
	int dir = 0, ind = 0, cat = 0;
	enum summary_type by_header = SUMMARY_UNTYPED;

	r->hdr = r->cand;
	r->cand = swap;
	ALLOC_GROW(r->f->tables, r->f->n + 1, r->f->alloc);
	ALLOC_GROW(r->info, r->f->n + 1, r->info_alloc);
	t = &r->f->tables[r->f->n];
	ti = &r->info[r->f->n];
	r->f->n++;
	memset(t, 0, sizeof(*t));
	memset(ti, 0, sizeof(*ti));
	t->sheet = r->sheet ? xstrdup(r->sheet) : NULL;
	t->docx_table = docx_table;
	t->header_row = row;
	for (size_t i = 0; i < b->n; i++) {
		if (i)
			strbuf_addch(&sb, '\t');
		strbuf_addstr(&sb, b->c[i].text);
	}
	t->header_text = strbuf_detach(&sb, NULL);
	for (size_t i = 0; i < r->hdr.n; i++) {
		dir |= r->hdr.c[i].role == R_DIRECTION;
		ind |= r->hdr.c[i].role == R_INDUSTRY;
		cat |= r->hdr.c[i].role == R_CATEGORY;
	}
	if (dir || ind) /* a typed column is the direction column; a 类别 beside it is not */
		for (size_t i = 0; i < r->hdr.n; i++)
			if (r->hdr.c[i].role == R_CATEGORY)
				r->hdr.c[i--] = r->hdr.c[--r->hdr.n];
	if (dir != ind)
		by_header = dir ? SUMMARY_PLATFORM : SUMMARY_FACTORY;
	ti->both = dir && ind;
	ti->has_col = (dir || ind || cat) && !ti->both;
	if (by_header && r->title.type && r->title.type != by_header) {
		/* The header and the title above it disagree: not ours to choose. */
		ti->conflict = 1;
		strbuf_addf(&sb, "表头“%s”列表明是%s，而上方标题“%s”表明是%s",
			    header_cell_text(b, &r->hdr, dir ? R_DIRECTION : R_INDUSTRY),
			    zh_type(by_header), r->title.text, zh_type(r->title.type));
		t->why = strbuf_detach(&sb, NULL);
	} else if (by_header) {
		t->type = by_header;
	} else if (r->title.type) {
		t->type = r->title.type;
	} else {
		strbuf_addstr(&sb,
			      dir ? "表头同时有“项目方向”（平台）和“所属行业”（标杆工厂）列"
				  : "表头既无“项目方向”（平台）列也无“所属行业”（标杆工厂）列");
		strbuf_addstr(&sb, "，上方也无表明是平台还是标杆工厂的标题");
		t->why = strbuf_detach(&sb, NULL);
	}
	title_clear(&r->title);
	r->state = IN_TABLE;
	r->cur_docx_table = docx_table;
}

static void add_data_row(struct reader *r, const struct row_buf *b, unsigned row)
{
	struct summary_table *t = &r->f->tables[r->f->n - 1];
	struct summary_row d;

	memset(&d, 0, sizeof(d));
	d.row = row;
	for (size_t i = 0; i < b->n; i++)
		for (size_t k = 0; k < r->hdr.n; k++)
			if (r->hdr.c[k].col == b->c[i].col) {
				enum summary_col col = roles[r->hdr.c[k].role].col;

				free(d.cell[col]);
				d.cell[col] = xstrdup(b->c[i].text);
			}
	if (!d.cell[SC_ENTERPRISE]) { /* a numbered empty line of the template, a signature */
		row_free(&d);
		return;
	}
	ALLOC_GROW(t->rows, t->n + 1, t->alloc);
	t->rows[t->n++] = d;
}

/* The row's cells, normalized and joined, in r->scratch. */
static const char *row_norm(struct reader *r, const struct row_buf *b)
{
	strbuf_reset(&r->scratch);
	for (size_t i = 0; i < b->n; i++)
		strbuf_addstr(&r->scratch, b->c[i].norm);
	return r->scratch.buf;
}

/* A title row: its text holds a title word.  Inside a table only a row of one cell can be. */
static int read_title(struct reader *r, const struct row_buf *b)
{
	const char *text;
	int p, f;

	if (r->state == IN_TABLE && b->n != 1)
		return 0;
	text = row_norm(r, b);
	if (!has_word(r->v, R_TITLE, text))
		return 0;
	p = has_word(r->v, R_PLATFORM, text);
	f = has_word(r->v, R_FACTORY, text);
	/* One naming both tables, or neither (附件5 各地申报情况汇总表), says nothing of the next.
	 */
	if (p != f) {
		struct strbuf sb = STRBUF_INIT;

		for (size_t i = 0; i < b->n; i++)
			strbuf_addstr(&sb, b->c[i].text);
		title_clear(&r->title);
		r->title.type = p ? SUMMARY_PLATFORM : SUMMARY_FACTORY;
		r->title.text = strbuf_detach(&sb, NULL);
	}
	return 1;
}

/* A numbered line of the notes: "1、…", "2.…", "（3）…", "(4)…". */
static int is_numbered(const char *norm)
{
	const char *s = norm;

	if (*s == '(') {
		s++;
		while (*s >= '0' && *s <= '9')
			s++;
		return s > norm + 1 && *s == ')';
	}
	while (*s >= '0' && *s <= '9')
		s++;
	return s > norm && (*s == '.' || !strncmp(s, "、", strlen("、")));
}

/* One whole row of the stream. */
static void on_row(struct reader *r, struct row_buf *b, unsigned row, int docx_table)
{
	const char *first;

	if (!b->n) { /* blank */
		if (r->state == IN_NOTES)
			r->state = OUTSIDE;
		return;
	}
	first = b->c[0].norm;
	if (r->state == IN_NOTES) {
		if (b->n == 1 && is_numbered(first))
			return;
		r->state = OUTSIDE;
	}
	if (read_header(r, b)) {
		open_table(r, b, row, docx_table);
		return;
	}
	if (starts_with_word(r->v, R_NOTES, first, 1)) {
		r->state = IN_NOTES; /* the table is over; the notes are not data */
		return;
	}
	if (starts_with_word(r->v, R_RECOMMENDER, first, 0))
		return;
	if (read_title(r, b)) {
		r->state = OUTSIDE;
		return;
	}
	if (r->state != IN_TABLE || starts_with_word(r->v, R_TOTAL, first, 1))
		return;
	add_data_row(r, b, row);
}

static void region_start(struct reader *r, const char *sheet)
{
	r->state = OUTSIDE;
	title_clear(&r->title);
	r->sheet = sheet;
	r->region_first = r->f->n;
}

/*
 * The end of a sheet: a sheet holding just one table may name it
 * ("平台汇总表", "标杆工厂"); with two tables or more the name cannot say
 * which it means.
 */
static void region_end(struct reader *r)
{
	struct strbuf norm = STRBUF_INIT;
	int p, f;

	r->state = OUTSIDE;
	title_clear(&r->title);
	if (!r->sheet || r->f->n != r->region_first + 1)
		return;
	label_norm(r->sheet, strlen(r->sheet), &norm);
	p = has_word(r->v, R_PLATFORM, norm.buf);
	f = has_word(r->v, R_FACTORY, norm.buf);
	if (p != f)
		r->info[r->region_first].sheet = p ? SUMMARY_PLATFORM : SUMMARY_FACTORY;
	strbuf_release(&norm);
}

/*
 * The table its direction (or industry) column's values name: every
 * non-empty value holds a box label of one table's column (企业级,
 * 跨行业跨领域…; 流程行业, 离散行业) and none of the other's.
 */
static enum summary_type type_by_values(const struct summary_vocab *v,
					const struct summary_table *t)
{
	struct strbuf norm = STRBUF_INIT;
	int seen[2] = {0, 0};

	for (size_t i = 0; i < t->n; i++) {
		const char *cell = t->rows[i].cell[SC_DIRECTION];
		int hit[2] = {0, 0};

		if (!cell)
			continue;
		strbuf_reset(&norm);
		label_norm(cell, strlen(cell), &norm);
		for (int k = 0; k < 2; k++)
			for (size_t o = 0; v->options[k][o] && !hit[k]; o++)
				hit[k] = strstr(norm.buf, v->options[k][o]) != NULL;
		if (hit[0] == hit[1]) { /* neither, or both: this value tells nothing */
			seen[0] = seen[1] = 1;
			break;
		}
		seen[hit[1]] = 1;
	}
	strbuf_release(&norm);
	if (seen[0] == seen[1])
		return SUMMARY_UNTYPED;
	return seen[0] ? SUMMARY_PLATFORM : SUMMARY_FACTORY;
}

/*
 * The tables neither header nor title typed (or that they typed two ways):
 * by the values of their direction column, else (no signal at all) by the
 * name of the sheet they are alone on, else left untyped with the reason.
 */
static void decide_types(struct reader *r)
{
	for (size_t i = 0; i < r->f->n; i++) {
		struct summary_table *t = &r->f->tables[i];
		const struct table_info *ti = &r->info[i];
		enum summary_type by = SUMMARY_UNTYPED;

		if (t->type)
			continue;
		if (ti->has_col)
			by = type_by_values(r->v, t);
		if (!by && !ti->conflict)
			by = ti->sheet;
		if (by) {
			t->type = by;
			free(t->why);
			t->why = NULL;
		} else if (ti->has_col && t->n) {
			struct strbuf sb = STRBUF_INIT;

			strbuf_addf(&sb, "%s，该列所填内容也不能表明", t->why);
			free(t->why);
			t->why = strbuf_detach(&sb, NULL);
		}
	}
}

static void reader_init(struct reader *r, const struct summary_vocab *v, struct summary_file *f)
{
	memset(r, 0, sizeof(*r));
	r->v = v;
	r->f = f;
	memset(f, 0, sizeof(*f));
	strbuf_init(&r->scratch, 0);
}

static void reader_release(struct reader *r)
{
	for (size_t i = 0; i < ARRAY_SIZE(r->rows); i++) {
		row_buf_clear(&r->rows[i]);
		free(r->rows[i].c);
	}
	free(r->info);
	free(r->hdr.c);
	free(r->cand.c);
	title_clear(&r->title);
	strbuf_release(&r->scratch);
}

/* ---- .xlsx ---- */

struct xlsx_ctx {
	struct reader r;
	char *sheet;
	int skip; /* a hidden sheet */
};

static int on_xlsx(const struct xlsx_cell *c, void *ctx)
{
	struct xlsx_ctx *x = ctx;
	struct reader *r = &x->r;

	switch (c->event) {
	case XLSX_SHEET_START:
		free(x->sheet);
		x->sheet = xstrdup(c->sheet_name ? c->sheet_name : "");
		/* What the unit sees is what it sent: a hidden sheet is a scratch copy or a list.
		 */
		x->skip = c->sheet_hidden;
		region_start(r, x->sheet);
		return x->skip ? XLSX_SKIP_SHEET : 0;
	case XLSX_CELL:
		row_buf_add(&r->rows[0], c->col, c->text, c->len);
		break;
	case XLSX_ROW_END:
		on_row(r, &r->rows[0], c->row + 1, 0);
		row_buf_clear(&r->rows[0]);
		break;
	case XLSX_SHEET_END:
		row_buf_clear(&r->rows[0]);
		if (!x->skip)
			region_end(r);
		break;
	}
	return 0;
}

/* ---- .docx ---- */

static int on_docx(const struct docx_block *b, void *ctx)
{
	struct reader *r = ctx;
	struct row_buf *rb;

	if (b->depth >= (int)ARRAY_SIZE(r->rows))
		return 0; /* tables nested that deep are not a summary's */
	rb = &r->rows[b->depth];
	switch (b->kind) {
	case DOCX_PARA:
		if (b->depth)
			break; /* read as its cell */
		row_buf_add(rb, 0, b->text, b->len);
		on_row(r, rb, 0, 0);
		row_buf_clear(rb);
		break;
	case DOCX_CELL:
		if (b->vmerge != DOCX_VMERGE_CONTINUE && b->grid_col >= 0)
			row_buf_add(rb, (unsigned)b->grid_col, b->text, b->len);
		break;
	case DOCX_ROW_END:
		on_row(r, rb, (unsigned)b->row + 1, b->table + 1);
		row_buf_clear(rb);
		break;
	case DOCX_TABLE_START:
		row_buf_clear(rb);
		break;
	case DOCX_TABLE_END:
		/* A table ends with its .docx table; titles above it do not reach into the next. */
		if (r->state == IN_TABLE && r->cur_docx_table == b->table + 1)
			r->state = OUTSIDE;
		row_buf_clear(rb);
		break;
	}
	return 0;
}

/* ---- both ---- */

static int finish(struct reader *r, int ret, struct strbuf *err)
{
	if (!ret && !r->f->n) {
		strbuf_addstr(
		    err, "no header row (序号, 申报企业名称, 项目方向 or 所属行业, ...) found");
		ret = -1;
	}
	if (!ret)
		decide_types(r);
	reader_release(r);
	if (ret)
		summary_file_release(r->f);
	return ret;
}

static int read_any(const char *path, const void *buf, size_t len, const char *ext,
		    const struct summary_vocab *v, struct summary_file *f, struct strbuf *err)
{
	int ret;

	if (!strcmp(ext, "xlsx") || !strcmp(ext, "xlsm")) {
		struct xlsx_ctx x;

		memset(&x, 0, sizeof(x));
		reader_init(&x.r, v, f);
		ret = path ? xlsx_read_file(path, NULL, on_xlsx, &x, err)
			   : xlsx_read_memory(buf, len, NULL, on_xlsx, &x, err);
		free(x.sheet);
		return finish(&x.r, ret, err);
	}
	if (!strcmp(ext, "docx")) {
		struct reader r;

		reader_init(&r, v, f);
		region_start(&r, NULL);
		ret = path ? docx_read_file(path, NULL, on_docx, &r, err)
			   : docx_read_memory(buf, len, NULL, on_docx, &r, err);
		region_end(&r);
		return finish(&r, ret, err);
	}
	memset(f, 0, sizeof(*f));
	strbuf_addf(err, "a .%s table cannot be read; .xlsx or .docx needed", ext);
	return -1;
}

int summary_read(const char *path, const char *ext, const struct summary_vocab *v,
		 struct summary_file *f, struct strbuf *err)
{
	return read_any(path, NULL, 0, ext, v, f, err);
}

int summary_read_memory(const void *buf, size_t len, const char *ext, const struct summary_vocab *v,
			struct summary_file *f, struct strbuf *err)
{
	return read_any(NULL, buf, len, ext, v, f, err);
}
