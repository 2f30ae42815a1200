/*
 * xl.h - what the output writers share on top of libxlsxwriter (internal).
 *
 * A writer opens its workbook with xl_open() under a temporary name, writes
 * its sheets through xl_str()/xl_num() so that the column widths are
 * estimated from what was written, and finishes with xl_finish(), which
 * closes the workbook and renames it into place (or removes it on failure).
 */
#ifndef IIREVIEW_OUTPUT_XL_H
#define IIREVIEW_OUTPUT_XL_H

#include <xlsxwriter.h>

#include <sqlite3.h>

struct strbuf;

#define XL_MAXCOLS 24
/* Column widths stay inside these bounds; long texts wrap instead. */
#define XL_MINWIDTH 6
#define XL_MAXWIDTH 60

struct xl_formats {
	lxw_format *header;  /* bold, grey, bordered, wrapped */
	lxw_format *text;    /* bordered, wrapped, top-aligned */
	lxw_format *number;  /* bordered, two decimals */
	lxw_format *integer; /* bordered */
	lxw_format *input;   /* unlocked, yellow: the reviewer's cells */
	lxw_format *input_num;
	lxw_format *bad;   /* red fill for 不通过 / 未达标 (conditional) */
	lxw_format *title; /* bold, bigger */
	lxw_format *label; /* bold, bordered: header-block labels */
};

struct xl_sheet {
	lxw_worksheet *ws;
	const struct xl_formats *f;
	int widths[XL_MAXCOLS]; /* display width seen per column */
	int caps[XL_MAXCOLS];	/* a narrower cap than XL_MAXWIDTH, 0 = none */
	int ncols;
	int lines; /* lines the row being written needs, for xl_end_row() */
};

struct xl_book {
	lxw_workbook *wb;
	struct xl_formats f;
	char *tmp;   /* temporary path being written */
	char *final; /* where it goes */
};

/*
 * Where libxlsxwriter puts the temporary files it assembles each workbook
 * from (some ten a workbook, and constant_memory's spooled rows): dir, or
 * NULL for the folder of the workbook itself.  The stage sets it once,
 * from xl_scratch_dir().
 */
void xl_set_scratch(const char *dir);
/*
 * The scratch folder to use: tmpdir (the user's TMPDIR) when given, else
 * /dev/shm when it is a tmpfs we may write with room to spare, else NULL.
 * A disk file system pays for every create and unlink (in the journal, or
 * on an ext4 without one in scans for recently freed inodes): for 3,200
 * worksheets that was a third of output's time, and worse with two
 * writers.  The files are unlinked as soon as they are made, so nothing
 * stays behind even when the run is killed.
 */
const char *xl_scratch_dir(const char *tmpdir);

/* Start a workbook for final_path (its folder must exist).  0 or -1. */
int xl_open(struct xl_book *b, const char *final_path, int constant_memory);
/*
 * Close, chmod FILE_MODE and rename into place; on failure remove the
 * temporary.  0 or -1.  Not yet durable: the stage calls sync_fs_of() once
 * when all its files are in place (a directory fsync per file was most of
 * output's time), before it records them as written.
 */
int xl_finish(struct xl_book *b);
/* Drop a workbook that will not be finished (error paths). */
void xl_abandon(struct xl_book *b);

/* Add a sheet; name is Chinese, at most 31 characters. */
lxw_worksheet *xl_add_sheet(struct xl_book *b, const char *name, struct xl_sheet *s);

/* Write text as a string cell (never a formula); NULL writes an empty bordered cell. */
void xl_str(struct xl_sheet *s, int row, int col, const char *text, lxw_format *fmt);
void xl_num(struct xl_sheet *s, int row, int col, double v, lxw_format *fmt);
/* The header row: bold, frozen below, autofilter over ncols and last_row, repeated when printed. */
void xl_header(struct xl_sheet *s, int row, const char *const *names, int n);
/*
 * Give row the height its wrapped texts need (neither Excel nor LibreOffice
 * grows a row for text wrapped in a file they open).  Set the caps before
 * writing; call after the last cell of each row (constant_memory flushes a
 * row once the next one is started).
 */
void xl_end_row(struct xl_sheet *s, int row);
/* Apply the estimated widths; call once, after the rows are written. */
void xl_apply_widths(struct xl_sheet *s);
/* A4, landscape or portrait, page numbers in the footer; fit to one page wide. */
void xl_print_setup(struct xl_sheet *s, int landscape, int repeat_row);
/* Finish a table sheet: freeze below row hdr, autofilter hdr..last over the columns. */
void xl_table_finish(struct xl_sheet *s, int hdr, int last_row);
/* Red fill where a cell of column col (rows first..last) equals text. */
void xl_red_when(struct xl_sheet *s, int first, int last, int col, const char *text);

/* Text of column i of a statement row, "" for NULL. */
const char *xl_col(sqlite3_stmt *st, int i);

/* A path component made from untrusted text: no / \ : * ? " < > | or controls, at most max
 * characters. */
void xl_safe_name(const char *s, size_t max_chars, struct strbuf *out);

#endif
