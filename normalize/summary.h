/*
 * summary.h - the tables of a unit's 附件5 file, from .xlsx or .docx.
 *
 * One file may hold one table or several: one per sheet, several on one
 * sheet one under another, or several in one .docx.  Each table is found
 * by its header row (cells matched by meaning through the vocabulary of
 * rules/fields/summary-headers.tsv) and typed by itself: a 项目方向 column
 * makes it the platform table, a 所属行业 column the factory table; where
 * the header has neither (or both), the title row above it decides; where
 * those are silent or disagree, the direction column's values when they all
 * name one table's boxes, then the name of a sheet holding just that table.
 * A table that nothing types is given back with SUMMARY_UNTYPED and the
 * reason, never guessed.  Title rows, the 推荐单位（盖章） line, blank
 * rows, totals rows and the 说明 notes are skipped.  Internal to normalize;
 * docs/normalizers.md ("附件5 tables") has the rules.
 */
#ifndef IIREVIEW_SUMMARY_H
#define IIREVIEW_SUMMARY_H

#include <stddef.h>

struct strbuf;
struct catalog;

enum summary_col {
	SC_SEQ,
	SC_ENTERPRISE,
	SC_DIRECTION, /* 项目方向 (platforms) or 所属行业 (factories) */
	SC_PROJECT,
	SC_CONTACT,
	SC_MOBILE,
	SC_LOCATION,
	SC_CLUSTER,
	SC_COUNT
};

enum summary_type { SUMMARY_UNTYPED, SUMMARY_PLATFORM, SUMMARY_FACTORY };

struct summary_row {
	unsigned row; /* 1-based, in the sheet or the .docx table */
	char *cell[SC_COUNT];
};

struct summary_table {
	enum summary_type type;
	/* Where it is: the sheet's name (.xlsx) or NULL; the .docx table's 1-based ordinal or 0. */
	char *sheet;
	int docx_table;
	unsigned header_row; /* 1-based row of the header in the sheet or .docx table */
	char *header_text;   /* the header's cells joined by '\t', as written */
	char *why; /* SUMMARY_UNTYPED: why it could not be typed (Chinese, for the defect); else
		      NULL */
	struct summary_row *rows;
	size_t n, alloc;
};

struct summary_file {
	struct summary_table *tables; /* in reading order */
	size_t n, alloc;
};

/* The words of rules/fields/summary-headers.tsv, loaded once per run. */
struct summary_vocab;

/*
 * Load the vocabulary at path.  Each key must be a key of cat (the
 * summary.tsv catalogue, whose label always matches as well) or one of
 * title, platform, factory, notes, total; a word given twice is refused.
 * Returns NULL with "path:line: reason" in err.
 */
struct summary_vocab *summary_vocab_load(const char *path, const struct catalog *cat,
					 struct strbuf *err);
void summary_vocab_free(struct summary_vocab *v);
/* SHA-256 (hex) of the file: tables read with other words are read again. */
const char *summary_vocab_digest(const struct summary_vocab *v);

/*
 * Read every table of an .xlsx or .docx (by ext).  Returns 0 when at least
 * one header row was found (f->n > 0, typed or not), or -1 with the reason
 * in err (English; f is left empty).
 */
int summary_read(const char *path, const char *ext, const struct summary_vocab *v,
		 struct summary_file *f, struct strbuf *err);
/* The same for a package in memory. */
int summary_read_memory(const void *buf, size_t len, const char *ext, const struct summary_vocab *v,
			struct summary_file *f, struct strbuf *err);
void summary_file_release(struct summary_file *f);

/* "platform", "factory" or NULL: the table_type of summary_rows. */
const char *summary_type_name(enum summary_type t);

#endif
