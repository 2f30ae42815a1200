/*
 * docx.h - a streaming reader for Word .docx forms.
 *
 * word/document.xml is streamed from the zip into expat; the caller gets
 * the text in reading order as events: each paragraph (with the table
 * coordinates it sits in), each table cell with its whole text, row and
 * table boundaries.  Nothing is kept but the paragraph and cell being
 * built, so memory is bounded by the limits whatever the file.
 *
 * Text rules (docs/xml-parser.md has the details and the tables):
 *  - runs are joined; w:tab gives '\t', w:br and w:cr '\n',
 *    w:noBreakHyphen '-', w:softHyphen nothing;
 *  - tracked changes read as the final text: w:ins and w:moveTo kept,
 *    w:del, w:delText and w:moveFrom dropped;
 *  - field codes (w:instrText, the code part of a complex field, the
 *    w:instr attribute of w:fldSimple) are not text; field results are;
 *  - only the first mc:Choice of an mc:AlternateContent is read (the
 *    mc:Fallback repeats it for old readers);
 *  - a text box's paragraphs are appended to the paragraph anchoring it
 *    (separated by '\n'; its table cells by '\t', rows by '\n');
 *  - every check box becomes ONE mark character, U+2611 (☑, marked) or
 *    U+2610 (☐, not marked): typed marks (□ ☐ → ☐; ■ ☑ ☒ √ ✓ ✔ → ☑),
 *    symbol-font glyphs (w:sym, or run text in a run whose font is
 *    Wingdings, Wingdings 2 or Symbol), content-control check boxes
 *    (w14:checkbox; the glyph inside the control is dropped) and legacy
 *    form fields (w:ffData/w:checkBox).  Symbol-font glyphs that are not
 *    boxes are given as their private-use code point U+F0xx.
 */
#ifndef IIREVIEW_DOCX_H
#define IIREVIEW_DOCX_H

#include <stddef.h>

struct strbuf;

#define DOCX_MARK_ON	   0x2611u /* ☑ */
#define DOCX_MARK_OFF	   0x2610u /* ☐ */
#define DOCX_MARK_ON_UTF8  "\xE2\x98\x91"
#define DOCX_MARK_OFF_UTF8 "\xE2\x98\x90"

/* Limits; a zero field takes the default shown. */
struct docx_limits {
	size_t max_part_bytes; /* uncompressed bytes of word/document.xml: 64 MiB */
	unsigned max_depth;    /* XML element nesting: 256 */
	size_t max_text;       /* bytes of one paragraph's or cell's text: 1 MiB; beyond, cut */
};

enum docx_kind {
	DOCX_PARA,	  /* a paragraph, in the body or in a cell */
	DOCX_CELL,	  /* end of a cell: its whole text */
	DOCX_ROW_END,	  /* end of a table row */
	DOCX_TABLE_START, /* a table begins (depth is its own level) */
	DOCX_TABLE_END
};

enum docx_vmerge { DOCX_VMERGE_NONE, DOCX_VMERGE_RESTART, DOCX_VMERGE_CONTINUE };

struct docx_block {
	enum docx_kind kind;
	/*
	 * PARA: the paragraph's text.  CELL: the cell's own paragraphs joined
	 * by '\n' (a table nested in the cell is not included: it has events
	 * of its own, between the cell's PARA events).  Others: "".
	 * UTF-8, NUL-terminated, owned by the reader, valid during the call.
	 */
	const char *text;
	size_t len;
	int truncated; /* the text was cut at max_text (at a character boundary) */
	/* Table nesting: 0 in the body, 1 in a top-level table, 2 in a table in a cell of it... */
	int depth;
	int table;	  /* ordinal of the innermost table in document order; -1 in the body */
	int row, col;	  /* 0-based row and cell (w:tc) index in the innermost table; -1 outside */
	int grid_col;	  /* the cell's first grid column (counts w:gridBefore and w:gridSpan) */
	int span;	  /* the cell's w:gridSpan (1 when none) */
	int vmerge;	  /* enum docx_vmerge: the cell continues a vertical merge... */
	int para_in_cell; /* PARA: index among the cell's own paragraphs; -1 outside a cell */
};

/* Return 0 to go on; anything else stops the read (which then returns 0). */
typedef int (*docx_block_fn)(const struct docx_block *b, void *ctx);

/*
 * Read the .docx at path and call fn for each block in reading order.
 * lim may be NULL (defaults).  Returns 0 when the document was read to
 * its end or fn stopped it; -1 on any error with one line in err (reset
 * first): not a zip, no [Content_Types].xml, no word/document.xml, a
 * DOCTYPE, a limit exceeded, malformed XML or invalid UTF-8 (with line and
 * column).  Blocks delivered before an error must be discarded by the
 * caller.  Never exits; text longer than max_text is cut, not an error.
 */
int docx_read_file(const char *path, const struct docx_limits *lim, docx_block_fn fn, void *ctx,
		   struct strbuf *err);

/* The same for a package in memory (buf[0..len), not copied, not modified). */
int docx_read_memory(const void *buf, size_t len, const struct docx_limits *lim, docx_block_fn fn,
		     void *ctx, struct strbuf *err);

/*
 * Append the document's plain text to out: paragraphs end with '\n', cells
 * end with '\t', rows with '\n' (replacing the row's last '\t').  Stops
 * reading once out has grown by max_bytes (0: no limit; the text is cut at
 * a character boundary), so that finding a title costs only the first
 * kilobytes.  Default limits.  Returns 0 or -1 (err) as docx_read_file.
 */
int docx_extract_text(const char *path, size_t max_bytes, struct strbuf *out, struct strbuf *err);
/* The same for a package in memory. */
int docx_extract_text_memory(const void *buf, size_t len, size_t max_bytes, struct strbuf *out,
			     struct strbuf *err);

/*
 * The check-box meaning of a typed character: DOCX_MARK_ON for ■ ☑ ☒ √ ✓ ✔,
 * DOCX_MARK_OFF for □ ☐, 0 for any other code point.  Exposed so that the
 * text-file path can map marks exactly as the .docx path does.
 */
unsigned docx_mark_of(unsigned cp);

/*
 * The meaning of glyph code (0xF000-0xF0FF, or 0x00-0xFF meaning 0xF0xx)
 * in the symbol font `font` (Wingdings, Wingdings 2, Symbol; case
 * ignored): DOCX_MARK_ON, DOCX_MARK_OFF, or 0 when it is not a box or the
 * font is not one of those.
 */
unsigned docx_glyph_mark(const char *font, unsigned code);

#endif
