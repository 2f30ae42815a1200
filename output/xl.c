#include "xl.h"
#include "output.h"

#include "common/crashpoint.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/strbuf.h"
#include "common/utf8.h"
#include "common/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

/* Paper size 9 is A4 in the OOXML page set-up. */
#define PAPER_A4 9

static int wide(unsigned cp)
{
	/* Quotes, dashes and ellipses are full width in the Chinese fonts. */
	if (cp >= 0x2014 && cp <= 0x2026)
		return 1;
	return cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) ||
				(cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
				(cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
				(cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD));
}

int output_display_width(const char *s)
{
	size_t len, i = 0;
	int line = 0, best = 0;

	if (!s)
		return 0;
	len = strlen(s);
	while (i < len) {
		unsigned cp;
		size_t k = utf8_decode(s + i, len - i, &cp);

		if (!k) {
			k = 1;
			cp = '?';
		}
		i += k;
		if (cp == '\n') {
			line = 0;
			continue;
		}
		line += wide(cp) ? 2 : 1;
		if (line > best)
			best = line;
	}
	return best;
}

int output_text_lines(const char *s, int room)
{
	size_t len, i = 0;
	int lines = 0, line = 0;

	if (!s || !*s)
		return 0;
	if (room < 1)
		room = 1;
	len = strlen(s);
	for (;;) {
		unsigned cp = '\n';
		size_t k = 0;

		if (i < len) {
			k = utf8_decode(s + i, len - i, &cp);
			if (!k) {
				k = 1;
				cp = '?';
			}
		}
		if (cp == '\n') {
			/*
			 * A tenth more than the widths add up to: the viewer breaks
			 * lines between words, and its glyphs are not exactly one or
			 * two digits wide.
			 */
			int need = (line * 11 + 10 * room - 1) / (10 * room);
			lines += need ? need : 1;
			line = 0;
			if (i >= len)
				break;
		} else
			line += wide(cp) ? 2 : 1;
		i += k;
	}
	return lines;
}

static const char *scratch;

void xl_set_scratch(const char *dir)
{
	scratch = dir;
}

const char *xl_scratch_dir(const char *tmpdir)
{
	struct statfs fs;

	if (tmpdir && *tmpdir)
		return tmpdir;
	/* 256 MiB free: the spooled rows of a summary are a few megabytes. */
	if (!statfs("/dev/shm", &fs) && fs.f_type == TMPFS_MAGIC &&
	    (uint64_t)fs.f_bavail * (uint64_t)fs.f_bsize >= (256ULL << 20) &&
	    !access("/dev/shm", W_OK | X_OK))
		return "/dev/shm";
	return NULL;
}

int xl_open(struct xl_book *b, const char *final_path, int constant_memory)
{
	struct strbuf tmp = STRBUF_INIT, dir = STRBUF_INIT;
	lxw_workbook_options wo = {0};
	struct xl_formats *f = &b->f;

	memset(b, 0, sizeof(*b));
	/* Same folder as the final name, so that the rename is atomic. */
	strbuf_addf(&tmp, "%s.tmp%ld", final_path, (long)getpid());
	path_dirname(final_path, &dir);
	wo.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
	wo.tmpdir = scratch ? (char *)scratch : dir.buf;
	b->wb = workbook_new_opt(tmp.buf, &wo);
	strbuf_release(&dir);
	if (!b->wb) {
		error("cannot start workbook %s", final_path);
		strbuf_release(&tmp);
		return -1;
	}
	b->tmp = strbuf_detach(&tmp, NULL);
	b->final = xstrdup(final_path);

	f->header = workbook_add_format(b->wb);
	format_set_bold(f->header);
	format_set_bg_color(f->header, 0xD9D9D9);
	format_set_border(f->header, LXW_BORDER_THIN);
	format_set_text_wrap(f->header);
	format_set_align(f->header, LXW_ALIGN_CENTER);
	format_set_align(f->header, LXW_ALIGN_VERTICAL_CENTER);
	f->text = workbook_add_format(b->wb);
	format_set_border(f->text, LXW_BORDER_THIN);
	format_set_text_wrap(f->text);
	format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
	f->number = workbook_add_format(b->wb);
	format_set_border(f->number, LXW_BORDER_THIN);
	format_set_num_format(f->number, "0.00");
	format_set_align(f->number, LXW_ALIGN_VERTICAL_TOP);
	f->integer = workbook_add_format(b->wb);
	format_set_border(f->integer, LXW_BORDER_THIN);
	format_set_num_format(f->integer, "0");
	format_set_align(f->integer, LXW_ALIGN_VERTICAL_TOP);
	f->input = workbook_add_format(b->wb);
	format_set_border(f->input, LXW_BORDER_THIN);
	format_set_unlocked(f->input);
	format_set_text_wrap(f->input);
	format_set_bg_color(f->input, 0xFFF2CC);
	format_set_align(f->input, LXW_ALIGN_VERTICAL_TOP);
	f->input_num = workbook_add_format(b->wb);
	format_set_border(f->input_num, LXW_BORDER_THIN);
	format_set_unlocked(f->input_num);
	format_set_bg_color(f->input_num, 0xFFF2CC);
	format_set_align(f->input_num, LXW_ALIGN_VERTICAL_TOP);
	f->bad = workbook_add_format(b->wb);
	format_set_bg_color(f->bad, 0xFFC7CE);
	format_set_font_color(f->bad, 0x9C0006);
	f->title = workbook_add_format(b->wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 14);
	f->label = workbook_add_format(b->wb);
	format_set_bold(f->label);
	format_set_border(f->label, LXW_BORDER_THIN);
	format_set_bg_color(f->label, 0xF2F2F2);
	format_set_align(f->label, LXW_ALIGN_VERTICAL_TOP);
	return 0;
}

void xl_abandon(struct xl_book *b)
{
	if (b->wb) {
		/* libxlsxwriter frees only on close; the half-made file is removed below. */
		workbook_close(b->wb);
		b->wb = NULL;
	}
	if (b->tmp)
		unlink(b->tmp);
	free(b->tmp);
	free(b->final);
	b->tmp = b->final = NULL;
}

int xl_finish(struct xl_book *b)
{
	lxw_error e = workbook_close(b->wb);
	int ret = 0;

	b->wb = NULL;
	if (e != LXW_NO_ERROR)
		ret = error("cannot write %s: %s", b->final, lxw_strerror(e));
	else if ((crash_point("output-workbook"), 0) || chmod(b->tmp, FILE_MODE) ||
		 rename(b->tmp, b->final))
		ret = error("cannot put %s into place: %s", b->final, strerror(errno));
	if (ret)
		unlink(b->tmp);
	free(b->tmp);
	free(b->final);
	b->tmp = b->final = NULL;
	return ret;
}

lxw_worksheet *xl_add_sheet(struct xl_book *b, const char *name, struct xl_sheet *s)
{
	memset(s, 0, sizeof(*s));
	s->ws = workbook_add_worksheet(b->wb, name);
	s->f = &b->f;
	return s->ws;
}

/* The width column col will get, as far as known now (caps are set before writing). */
static int final_width(const struct xl_sheet *s, int col)
{
	return s->caps[col] ? s->caps[col] : XL_MAXWIDTH;
}

static void note_width(struct xl_sheet *s, int col, int w, const char *text)
{
	if (col < 0 || col >= XL_MAXCOLS)
		return;
	if (w > 0) {
		/* One column of the width is margin; the rest holds text. */
		int lines = output_text_lines(text, final_width(s, col) - 1);

		if (lines > s->lines)
			s->lines = lines;
	}
	if (w > s->widths[col])
		s->widths[col] = w;
	if (col + 1 > s->ncols)
		s->ncols = col + 1;
}

void xl_str(struct xl_sheet *s, int row, int col, const char *text, lxw_format *fmt)
{
	if (!text)
		text = "";
	/*
	 * worksheet_write_string() stores the text as a string whatever it
	 * starts with (=, +, -, @); that is why it is the only text writer used.
	 * An empty string becomes a blank cell that keeps its format.
	 */
	if (*text)
		worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, text, fmt);
	else
		worksheet_write_blank(s->ws, (lxw_row_t)row, (lxw_col_t)col, fmt);
	note_width(s, col, output_display_width(text), text);
}

void xl_end_row(struct xl_sheet *s, int row)
{
	/*
	 * 15 points a line (the default row of an 11-point font) and a little
	 * for the cell's own margins; at most 409, Excel's largest row.
	 */
	if (s->lines > 1)
		worksheet_set_row(s->ws, (lxw_row_t)row,
				  s->lines > 26 ? 409.0 : 15.0 * s->lines + 3.0, NULL);
	s->lines = 0;
}

void xl_num(struct xl_sheet *s, int row, int col, double v, lxw_format *fmt)
{
	char buf[32];

	worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, v, fmt);
	snprintf(buf, sizeof(buf), "%.2f", v);
	note_width(s, col, (int)strlen(buf), buf);
}

void xl_header(struct xl_sheet *s, int row, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		xl_str(s, row, i, names[i], s->f->header);
	xl_end_row(s, row);
}

void xl_apply_widths(struct xl_sheet *s)
{
	for (int c = 0; c < s->ncols; c++) {
		/* Two more than the text: the filter button and a little air. */
		int w = s->widths[c] + 2;

		if (w < XL_MINWIDTH)
			w = XL_MINWIDTH;
		if (w > XL_MAXWIDTH)
			w = XL_MAXWIDTH;
		if (s->caps[c] && w > s->caps[c])
			w = s->caps[c];
		worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
	}
}

void xl_print_setup(struct xl_sheet *s, int landscape, int repeat_row)
{
	worksheet_set_paper(s->ws, PAPER_A4);
	if (landscape)
		worksheet_set_landscape(s->ws);
	else
		worksheet_set_portrait(s->ws);
	worksheet_set_margins(s->ws, 0.5, 0.5, 0.6, 0.7);
	if (repeat_row >= 0)
		worksheet_repeat_rows(s->ws, (lxw_row_t)repeat_row, (lxw_row_t)repeat_row);
	/* As wide as one page, as many pages long as it takes. */
	worksheet_fit_to_pages(s->ws, 1, 0);
	worksheet_set_footer(s->ws, "&C第 &P 页，共 &N 页");
}

void xl_table_finish(struct xl_sheet *s, int hdr, int last_row)
{
	worksheet_freeze_panes(s->ws, (lxw_row_t)(hdr + 1), 0);
	if (s->ncols > 0)
		worksheet_autofilter(s->ws, (lxw_row_t)hdr, 0,
				     (lxw_row_t)(last_row > hdr ? last_row : hdr),
				     (lxw_col_t)(s->ncols - 1));
	xl_apply_widths(s);
}

void xl_red_when(struct xl_sheet *s, int first, int last, int col, const char *text)
{
	lxw_conditional_format cf = {0};
	struct strbuf v = STRBUF_INIT;

	if (last < first)
		return;
	/* The criterion is a formula string: a quoted literal. */
	strbuf_addf(&v, "\"%s\"", text);
	cf.type = LXW_CONDITIONAL_TYPE_CELL;
	cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
	cf.value_string = v.buf;
	cf.format = s->f->bad;
	worksheet_conditional_format_range(s->ws, (lxw_row_t)first, (lxw_col_t)col, (lxw_row_t)last,
					   (lxw_col_t)col, &cf);
	strbuf_release(&v);
}

const char *xl_col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? s : "";
}

void xl_safe_name(const char *s, size_t max_chars, struct strbuf *out)
{
	size_t len = s ? strlen(s) : 0, i = 0, n = 0;
	size_t start = out->len;

	while (i < len && n < max_chars) {
		unsigned cp;
		size_t k = utf8_decode(s + i, len - i, &cp);

		int bad =
		    !k || cp < 0x20 || cp == 0x7F || (cp < 0x80 && strchr("/\\:*?\"<>|", (int)cp));

		if (!k)
			k = 1;
		if (bad)
			strbuf_addch(out, '_');
		else
			strbuf_add(out, s + i, k);
		i += k;
		n++;
	}
	/* Nor "." or ".." or an empty name. */
	if (out->len == start || !strcmp(out->buf + start, ".") || !strcmp(out->buf + start, ".."))
		strbuf_addch(out, '_');
}
