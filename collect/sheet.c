/*
 * sheet.c - read one returned worksheet, and the review rules.
 *
 * The worksheet is found by its labels, not by fixed rows: the header block
 * has the label in column A and the value in column B (merged to G), the
 * criteria table starts at the row holding 核定意见.  A reviewer's Excel may
 * drop or add empty rows and styles; the labels stay.
 */
#include "collect.h"

#include "common/log.h"
#include "common/rulesconf.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "common/xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns looked at: the worksheet has 11; more would only cost memory. */
#define MAXCOLS 16

struct reader {
	struct review_sheet *ws;
	int active;    /* reading the current sheet */
	int got_named; /* the sheet named 评审表 was read: stop after it */
	int in_table;  /* past the criteria header */
	int done;      /* past the criteria rows */
	unsigned row;
	struct strbuf cell[MAXCOLS];
	int type[MAXCOLS];
	struct strbuf norm;
};

static char *dup_or_null(const struct strbuf *sb)
{
	return sb->len ? xstrdup(sb->buf) : NULL;
}

static void set_ref(char out[16], unsigned row, unsigned col)
{
	struct strbuf sb = STRBUF_INIT;

	xlsx_add_ref(&sb, row, col);
	snprintf(out, 16, "%s", sb.buf);
	strbuf_release(&sb);
}

static void clear_row(struct reader *r)
{
	for (int i = 0; i < MAXCOLS; i++) {
		strbuf_reset(&r->cell[i]);
		r->type[i] = -1;
	}
}

static int label_is(struct reader *r, int col, const char *label)
{
	strbuf_reset(&r->norm);
	xlsx_label_norm(r->cell[col].buf, r->cell[col].len, &r->norm);
	return !strcmp(r->norm.buf, label);
}

/* A row before the criteria table: a header-block label, or the table's header. */
static void head_row(struct reader *r)
{
	struct review_sheet *ws = r->ws;
	char **slot = NULL;
	char *cell = NULL;

	for (int c = 0; c < MAXCOLS; c++) {
		if (!label_is(r, c, "核定意见"))
			continue;
		ws->col_opinion = c;
		for (int k = 0; k < MAXCOLS; k++) {
			if (label_is(r, k, "条款"))
				ws->col_clause = k;
			else if (label_is(r, k, "评分"))
				ws->col_score = k;
			else if (label_is(r, k, "备注"))
				ws->col_remark = k;
		}
		r->in_table = ws->col_clause >= 0 && ws->col_score >= 0;
		return;
	}
	if (label_is(r, 0, "申报编号")) {
		slot = &ws->app_no;
		cell = ws->app_no_cell;
	} else if (label_is(r, 0, "版本标识")) {
		slot = &ws->stamp;
		cell = ws->stamp_cell;
	} else if (label_is(r, 0, "评审专家")) {
		slot = &ws->reviewer;
		cell = ws->reviewer_cell;
	}
	if (!slot || *cell)
		return; /* the first of a label counts */
	set_ref(cell, r->row, 1);
	strbuf_trim(&r->cell[1]);
	*slot = dup_or_null(&r->cell[1]);
}

static void table_row(struct reader *r)
{
	struct review_sheet *ws = r->ws;
	struct review_mark *m;

	strbuf_trim(&r->cell[ws->col_clause]);
	/* The table ends at the first row without a clause (评分合计 below it). */
	if (!r->cell[ws->col_clause].len) {
		r->done = 1;
		return;
	}
	ALLOC_GROW(ws->marks, ws->n + 1, ws->alloc);
	m = &ws->marks[ws->n++];
	memset(m, 0, sizeof(*m));
	m->row = r->row;
	m->clause = xstrdup(r->cell[ws->col_clause].buf);
	strbuf_trim(&r->cell[ws->col_opinion]);
	m->opinion = dup_or_null(&r->cell[ws->col_opinion]);
	strbuf_trim(&r->cell[ws->col_score]);
	m->score = dup_or_null(&r->cell[ws->col_score]);
	m->score_type = r->type[ws->col_score];
	if (ws->col_remark >= 0) {
		strbuf_trim(&r->cell[ws->col_remark]);
		m->remark = dup_or_null(&r->cell[ws->col_remark]);
	}
}

static void reset_sheet(struct review_sheet *ws)
{
	review_sheet_release(ws);
	ws->col_clause = ws->col_opinion = ws->col_score = ws->col_remark = -1;
}

static int on_cell(const struct xlsx_cell *c, void *ctx)
{
	struct reader *r = ctx;

	switch (c->event) {
	case XLSX_SHEET_START:
		/* The sheet named 评审表; the first sheet stands in when none is. */
		if (!strcmp(c->sheet_name, "评审表")) {
			reset_sheet(r->ws);
			r->got_named = 1;
		} else if (c->sheet != 0) {
			return XLSX_SKIP_SHEET;
		}
		r->active = 1;
		r->in_table = r->done = 0;
		clear_row(r);
		return 0;
	case XLSX_CELL:
		if (!r->active || c->col >= MAXCOLS)
			return 0;
		r->row = c->row;
		strbuf_reset(&r->cell[c->col]);
		strbuf_add(&r->cell[c->col], c->text, c->len);
		r->type[c->col] = (int)c->type;
		return 0;
	case XLSX_ROW_END:
		if (!r->active)
			return 0;
		r->row = c->row;
		if (!r->in_table)
			head_row(r);
		else if (!r->done)
			table_row(r);
		clear_row(r);
		return 0;
	case XLSX_SHEET_END:
		r->active = 0;
		return r->got_named ? 1 : 0; /* stop: the named sheet is read */
	}
	return 0;
}

int review_sheet_read(const char *path, struct review_sheet *ws, struct strbuf *err)
{
	struct reader r;
	int ret = -1;

	memset(ws, 0, sizeof(*ws));
	ws->col_clause = ws->col_opinion = ws->col_score = ws->col_remark = -1;
	memset(&r, 0, sizeof(r));
	r.ws = ws;
	for (int i = 0; i < MAXCOLS; i++)
		strbuf_init(&r.cell[i], 0);
	strbuf_init(&r.norm, 0);
	clear_row(&r);
	if (xlsx_read_file(path, NULL, on_cell, &r, err))
		goto out;
	strbuf_reset(err);
	if (!*ws->app_no_cell)
		strbuf_addstr(err, "no 申报编号 in column A: not a reviewer worksheet (评审表)");
	else if (ws->col_opinion < 0 || ws->col_score < 0 || ws->col_clause < 0)
		strbuf_addstr(err, "no criteria header row (条款 … 核定意见, 评分, 备注)");
	else
		ret = 0;
out:
	for (int i = 0; i < MAXCOLS; i++)
		strbuf_release(&r.cell[i]);
	strbuf_release(&r.norm);
	return ret;
}

void review_sheet_release(struct review_sheet *ws)
{
	for (size_t i = 0; i < ws->n; i++) {
		free(ws->marks[i].clause);
		free(ws->marks[i].opinion);
		free(ws->marks[i].score);
		free(ws->marks[i].remark);
	}
	free(ws->marks);
	free(ws->app_no);
	free(ws->stamp);
	free(ws->reviewer);
	memset(ws, 0, sizeof(*ws));
	ws->col_clause = ws->col_opinion = ws->col_score = ws->col_remark = -1;
}

/* ---- rules ---- */

static int load_conflicts(const char *path, struct review_rules *r)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, alloc = 0, alloc2 = 0;
	int lineno = 0, ret = 0;
	struct strbuf name = STRBUF_INIT, unit = STRBUF_INIT;

	if (!f)
		return errno == ENOENT ? 0 : error("cannot read %s: %s", path, strerror(errno));
	while (getline(&line, &cap, f) > 0) {
		char *tab;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		strbuf_reset(&name);
		strbuf_addstr(&name, line);
		strbuf_trim(&name);
		if (!name.len || name.buf[0] == '#')
			continue;
		tab = strchr(line, '\t');
		if (!tab) {
			ret = error("%s:%d: want \"reviewer<TAB>unit\"", path, lineno);
			break;
		}
		strbuf_reset(&name);
		strbuf_add(&name, line, (size_t)(tab - line));
		strbuf_trim(&name);
		strbuf_reset(&unit);
		strbuf_addstr(&unit, tab + 1);
		strbuf_trim(&unit);
		if (!name.len || !unit.len) {
			ret = error("%s:%d: want \"reviewer<TAB>unit\"", path, lineno);
			break;
		}
		ALLOC_GROW(r->conflicts.name, r->conflicts.n + 1, alloc);
		ALLOC_GROW(r->conflicts.unit, r->conflicts.n + 1, alloc2);
		r->conflicts.name[r->conflicts.n] = xstrdup(name.buf);
		r->conflicts.unit[r->conflicts.n++] = xstrdup(unit.buf);
	}
	free(line);
	fclose(f);
	strbuf_release(&name);
	strbuf_release(&unit);
	return ret;
}

int review_rules_load(const struct rules_config *cfg, struct review_rules *r)
{
	struct strbuf path = STRBUF_INIT;
	int ret;

	memset(r, 0, sizeof(*r));
	r->spread = cfg->score.disagreement_spread;
	r->required = (int)cfg->score.required_reviews;
	r->score_max = cfg->score.review_score_max;
	strbuf_addf(&path, "%s/conflicts.txt", cfg->dir);
	ret = load_conflicts(path.buf, r);
	strbuf_release(&path);
	if (ret)
		review_rules_release(r);
	return ret;
}

void review_rules_release(struct review_rules *r)
{
	for (size_t i = 0; i < r->conflicts.n; i++) {
		free(r->conflicts.name[i]);
		free(r->conflicts.unit[i]);
	}
	free(r->conflicts.name);
	free(r->conflicts.unit);
	memset(r, 0, sizeof(*r));
}
