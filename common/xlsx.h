/*
 * xlsx.h - a streaming reader for .xlsx workbooks (the 附件5 summary tables).
 *
 * The workbook, its relationships, the shared strings and the styles are
 * read first (the shared strings must be held: cells refer to them by
 * index; they are stored compactly, within limits); then each worksheet is
 * streamed from the zip into expat and the caller gets one event per cell,
 * in sheet order (the workbook's), rows in file order.  No DOM; memory is
 * bounded by the limits.
 *
 * Values are given as UTF-8 text as the user saw them where that is cheap:
 * shared and inline strings as written (phonetic runs dropped), numbers as
 * stored ("13800138000", "0.45"), booleans TRUE/FALSE, errors "#N/A",
 * numbers formatted as dates (by their cell style) as ISO "2019-10-14" or
 * "2019-10-14 08:30:00"; the stored form is always in raw.  Blank cells
 * (no value) give no event.
 */
#ifndef IIREVIEW_XLSX_H
#define IIREVIEW_XLSX_H

#include <stddef.h>

struct strbuf;

/* Limits; a zero field takes the default shown. */
struct xlsx_limits {
	size_t max_part_bytes;	 /* uncompressed bytes of any one part: 256 MiB */
	unsigned max_depth;	 /* XML element nesting: 256 */
	size_t max_cell_text;	 /* bytes of one cell's text: 1 MiB; beyond, cut and flagged */
	size_t max_shared_count; /* shared strings: 1,000,000 */
	size_t max_shared_bytes; /* their total UTF-8 bytes: 64 MiB */
	unsigned max_sheets;	 /* sheets in the workbook: 256 */
};

enum xlsx_event {
	XLSX_SHEET_START, /* before a sheet's cells (sheet, sheet_name set) */
	XLSX_CELL,	  /* one cell with a value */
	XLSX_ROW_END,	  /* end of a <row> (row set) */
	XLSX_SHEET_END
};

enum xlsx_type {
	XLSX_SHARED,	  /* shared string (t="s") */
	XLSX_INLINE,	  /* inline string (t="inlineStr") */
	XLSX_NUMBER,	  /* number (t="n" or none) */
	XLSX_BOOL,	  /* t="b": text TRUE / FALSE */
	XLSX_DATE,	  /* a number whose style is a date or time format, or t="d" */
	XLSX_ERROR,	  /* t="e": "#DIV/0!" ... */
	XLSX_FORMULA_STR, /* t="str": a formula's string result */
};

struct xlsx_cell {
	enum xlsx_event event;
	int sheet;		/* 0-based index in the workbook's sheet order */
	const char *sheet_name; /* UTF-8 */
	int sheet_hidden;	/* state="hidden" or "veryHidden" */
	unsigned row, col;	/* 0-based (A1 is 0,0) */
	enum xlsx_type type;
	int formula; /* the cell has a formula: the value is its cached result */
	/* Text and raw are UTF-8, NUL-terminated, owned by the reader, valid during the call. */
	const char *text;
	size_t len;
	const char
	    *raw; /* the stored value: the index for a shared string, the serial for a date */
	size_t raw_len;
	int truncated; /* text was cut at max_cell_text */
};

/*
 * Return 0 to go on, XLSX_SKIP_SHEET to skip the rest of the current sheet
 * (its SHEET_END still comes), anything else to stop the whole read (which
 * then returns 0).
 */
#define XLSX_SKIP_SHEET 2
typedef int (*xlsx_cell_fn)(const struct xlsx_cell *c, void *ctx);

/*
 * Read every worksheet of the .xlsx at path (chart sheets have no cells
 * and are passed over).  lim may be NULL.  Returns 0 when read to the end
 * or stopped by fn; -1 on error with one line in err (reset first): not a
 * zip, no [Content_Types].xml, no workbook, a missing worksheet part, a
 * DOCTYPE, a limit exceeded, malformed XML, a shared-string index out of
 * range or a cell reference past XFD1048576 (both naming the cell).  Events
 * delivered before an error must be discarded.  Never exits.
 */
int xlsx_read_file(const char *path, const struct xlsx_limits *lim, xlsx_cell_fn fn, void *ctx,
		   struct strbuf *err);
/* The same for a package in memory (not copied). */
int xlsx_read_memory(const void *buf, size_t len, const struct xlsx_limits *lim, xlsx_cell_fn fn,
		     void *ctx, struct strbuf *err);

/*
 * Append the workbook's text to out: the cells with a value of a row
 * separated by '\t' (empty cells are not represented, so that a stray cell
 * at XFD cannot blow the text up), each row ending with '\n', a blank line
 * between sheets.  Stops once out
 * has grown by max_bytes (0: no limit; cut at a character boundary).
 * Returns 0 or -1 (err) as xlsx_read_file.
 */
int xlsx_extract_text(const char *path, size_t max_bytes, struct strbuf *out, struct strbuf *err);
int xlsx_extract_text_memory(const void *buf, size_t len, size_t max_bytes, struct strbuf *out,
			     struct strbuf *err);

/*
 * Parse an A1-style reference ("B3", "XFD1048576"; letters in either case)
 * into 0-based row and col.  Returns 0, -1 when malformed, -2 when past
 * XFD1048576.
 */
int xlsx_parse_ref(const char *ref, unsigned *row, unsigned *col);
/* Append the A1 name of (row, col) to out, e.g. "AB12". */
void xlsx_add_ref(struct strbuf *out, unsigned row, unsigned col);

/*
 * The form in which header labels are compared: all white space removed
 * (ASCII, U+00A0, U+3000, also inside: "联系方式\n（手机）"), full-width
 * ASCII forms (U+FF01-U+FF5E: brackets, colon, digits...) made half-width,
 * 【】 made [].  Appends to out.
 */
void xlsx_label_norm(const char *s, size_t len, struct strbuf *out);

/*
 * Find the header row under title rows, while streaming: feed it every
 * event of xlsx_read_*; it compares each cell with the expected labels
 * (after xlsx_label_norm) and reports the first row where at least
 * min_match of them appear.
 */
struct xlsx_header {
	/* Results. */
	int found; /* a header row was found */
	int sheet; /* its sheet and 0-based row */
	unsigned row;
	size_t matched; /* how many labels it holds */
	int *cols;	/* [nlabels]: the column of each label, -1 when absent */
	/* Private. */
	size_t nlabels, min_match;
	char **norm;
	int *row_cols;
	size_t row_matched;
	int cur_sheet;
	unsigned cur_row;
	struct strbuf *scratch;
};

/*
 * Prepare h for labels[0..n) (copied).  min_match 0 means "most": more
 * than half.  Release with xlsx_header_release.
 */
void xlsx_header_init(struct xlsx_header *h, const char *const *labels, size_t n, size_t min_match);
/* Feed one event; returns 1 on the XLSX_ROW_END that completes the header row, else 0. */
int xlsx_header_feed(struct xlsx_header *h, const struct xlsx_cell *c);
void xlsx_header_release(struct xlsx_header *h);

/*
 * Convenience: read the file's sheets, looking at the first max_rows rows
 * of each (0: 50), and fill h.  Returns 1 when found, 0 when not, -1 on a
 * read error (err).
 */
int xlsx_find_header(const char *path, const struct xlsx_limits *lim, struct xlsx_header *h,
		     unsigned max_rows, struct strbuf *err);

#endif
