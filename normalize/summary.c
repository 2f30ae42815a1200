#include "normalize/summary.h"

#include "common/docx.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "common/xlsx.h"

#include <stdlib.h>
#include <string.h>

/* Both tables' headers; 项目方向 and 所属行业 share a column. */
static const char *const labels[] = {"序号",
				     "申报企业名称",
				     "项目方向",
				     "所属行业",
				     "项目名称",
				     "联系人",
				     "联系方式（手机）",
				     "项目所在地",
				     "是否省先进制造业集群"};
static const enum summary_col label_col[] = {SC_SEQ,	   SC_ENTERPRISE, SC_DIRECTION,
					     SC_DIRECTION, SC_PROJECT,	  SC_CONTACT,
					     SC_MOBILE,	   SC_LOCATION,	  SC_CLUSTER};

static void row_free(struct summary_row *r)
{
	for (int i = 0; i < SC_COUNT; i++)
		free(r->cell[i]);
}

void summary_release(struct summary_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		row_free(&t->rows[i]);
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

/* Keep a finished row unless it is empty or the notes under the table. */
static int keep_row(struct summary_table *t, struct summary_row *r)
{
	const char *e = r->cell[SC_ENTERPRISE];
	const char *s = r->cell[SC_SEQ];

	if ((s && !strncmp(s, "说明", strlen("说明"))) ||
	    (e && !strncmp(e, "说明", strlen("说明"))))
		return 0; /* the notes: the table is over */
	if (!e || !*e) {
		row_free(r);
		return 1;
	}
	ALLOC_GROW(t->rows, t->n + 1, t->alloc);
	t->rows[t->n++] = *r;
	return 1;
}

static void set_cell(struct summary_row *r, int col, const char *text, size_t len)
{
	struct strbuf sb = STRBUF_INIT;

	if (col < 0)
		return;
	strbuf_add(&sb, text, len);
	strbuf_trim(&sb);
	free(r->cell[col]);
	r->cell[col] = strbuf_detach(&sb, NULL);
}

/* ---- .xlsx ---- */

struct xlsx_state {
	struct xlsx_header *h;
	struct summary_table *t;
	struct summary_row cur;
	int done;
};

static int label_index_of_col(const struct xlsx_header *h, unsigned col)
{
	for (size_t i = 0; i < ARRAY_SIZE(labels); i++)
		if (h->cols[i] >= 0 && (unsigned)h->cols[i] == col)
			return (int)label_col[i];
	return -1;
}

static int on_xlsx(const struct xlsx_cell *c, void *ctx)
{
	struct xlsx_state *s = ctx;

	if (s->done || c->sheet != s->h->sheet)
		return 0;
	if (c->event == XLSX_CELL && c->row > s->h->row) {
		s->cur.row = c->row + 1;
		set_cell(&s->cur, label_index_of_col(s->h, c->col), c->text, c->len);
	} else if (c->event == XLSX_ROW_END && c->row > s->h->row) {
		if (!keep_row(s->t, &s->cur)) {
			row_free(&s->cur);
			s->done = 1;
		}
		memset(&s->cur, 0, sizeof(s->cur));
	}
	return 0;
}

static int read_xlsx(const char *path, struct summary_table *t, struct strbuf *err)
{
	struct xlsx_header h;
	struct xlsx_state s;
	int ret;

	xlsx_header_init(&h, labels, ARRAY_SIZE(labels), 5);
	ret = xlsx_find_header(path, NULL, &h, 30, err);
	if (ret <= 0) {
		if (!ret)
			strbuf_addstr(err, "no header row (序号, 申报企业名称, ...) found");
		xlsx_header_release(&h);
		return -1;
	}
	memset(&s, 0, sizeof(s));
	s.h = &h;
	s.t = t;
	ret = xlsx_read_file(path, NULL, on_xlsx, &s, err);
	row_free(&s.cur);
	xlsx_header_release(&h);
	return ret;
}

/* ---- .docx ---- */

struct docx_state {
	struct summary_table *t;
	int header_table; /* the table holding the header row, -1 until found */
	int header_row;
	int col_of[16]; /* grid column -> summary column, -1 none */
	struct summary_row cur;
	int cur_row;
	int row_labels; /* labels seen in the row being read */
	int row_col_of[16];
	int done;
};

static int label_of(const char *text, size_t len)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	int found = -1;

	xlsx_label_norm(text, len, &a);
	for (size_t i = 0; i < ARRAY_SIZE(labels) && found < 0; i++) {
		strbuf_reset(&b);
		xlsx_label_norm(labels[i], strlen(labels[i]), &b);
		if (!strcmp(a.buf, b.buf))
			found = (int)label_col[i];
	}
	strbuf_release(&a);
	strbuf_release(&b);
	return found;
}

static int on_docx(const struct docx_block *b, void *ctx)
{
	struct docx_state *s = ctx;

	if (s->done)
		return 1;
	if (b->kind == DOCX_CELL && b->grid_col >= 0 && b->grid_col < 16) {
		if (s->header_table < 0) {
			int l = label_of(b->text, b->len);

			if (b->row != s->cur_row) {
				s->cur_row = b->row;
				s->row_labels = 0;
				memset(s->row_col_of, -1, sizeof(s->row_col_of));
			}
			s->row_col_of[b->grid_col] = l;
			if (l >= 0)
				s->row_labels++;
		} else if (b->table == s->header_table && b->row > s->header_row) {
			s->cur.row = (unsigned)b->row + 1;
			set_cell(&s->cur, s->col_of[b->grid_col], b->text, b->len);
		}
	} else if (b->kind == DOCX_ROW_END) {
		if (s->header_table < 0 && s->row_labels >= 5) {
			s->header_table = b->table;
			s->header_row = b->row;
			memcpy(s->col_of, s->row_col_of, sizeof(s->col_of));
		} else if (s->header_table >= 0 && b->table == s->header_table &&
			   b->row > s->header_row) {
			if (!keep_row(s->t, &s->cur)) {
				row_free(&s->cur);
				s->done = 1;
			}
			memset(&s->cur, 0, sizeof(s->cur));
		}
		s->row_labels = 0;
		s->cur_row = -1;
	} else if (b->kind == DOCX_TABLE_END && s->header_table >= 0 &&
		   b->table == s->header_table) {
		s->done = 1;
	}
	return 0;
}

static int read_docx(const char *path, struct summary_table *t, struct strbuf *err)
{
	struct docx_state s;
	int ret;

	memset(&s, 0, sizeof(s));
	s.t = t;
	s.header_table = -1;
	s.cur_row = -1;
	memset(s.row_col_of, -1, sizeof(s.row_col_of));
	ret = docx_read_file(path, NULL, on_docx, &s, err);
	row_free(&s.cur);
	if (!ret && s.header_table < 0) {
		strbuf_addstr(err, "no header row (序号, 申报企业名称, ...) found");
		ret = -1;
	}
	return ret;
}

int summary_read(const char *path, const char *ext, struct summary_table *t, struct strbuf *err)
{
	int ret;

	memset(t, 0, sizeof(*t));
	if (!strcmp(ext, "xlsx") || !strcmp(ext, "xlsm"))
		ret = read_xlsx(path, t, err);
	else if (!strcmp(ext, "docx"))
		ret = read_docx(path, t, err);
	else {
		strbuf_addf(err, "a .%s table cannot be read; .xlsx or .docx needed", ext);
		ret = -1;
	}
	if (ret)
		summary_release(t);
	return ret;
}
