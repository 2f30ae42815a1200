/*
 * extract.h - find each catalogue field's raw text in a filled-in form.
 *
 * By label, not by position: a form with rows moved, a value in the next
 * table cell, or a value typed over the underscores is still read.  The
 * catalogue is in document order; each field is searched from where the
 * previous one was found (wrapping round once), which is how a label that
 * stands twice (企业名称 in the credit commitment and in 一、企业基本信息)
 * finds its own place.
 *
 * Where the value is:
 *  - a label with a blank ("兼容____类工业通信协议"): whatever stands in the
 *    blank, between the label's text before and after it;
 *  - a count pair ("可连接的工业设备种类：___类 ___个"): the two numbers,
 *    told apart by their unit words (类 the kinds; 个 台 ... the count);
 *  - a label with blanks whose blanks are empty: the next cell of the row
 *    (line for line when both cells hold several), else the next line or
 *    paragraph when it reads as nothing but a value of the field's type
 *    (extract_fields_beside also reports a second answer that differs);
 *  - otherwise: the rest of the label's line; if that is empty, the rest
 *    of its cell, else the next cell of the row (and, for boxes, the cells
 *    below it while the label column stays empty), else the next paragraph
 *    or table; a label cell whose right neighbour is the next field's label
 *    heads a column, and its values stand below it;
 *  - the same label repeated (总资产（万元） for 2017, 2018, 2019): the
 *    successive cells to the right.
 * Lines that stand in the blank form itself (instructions, hints such as
 * "（限1000字）" or "填写格式：XX市XX县（区）") are template, not value: the
 * blank templates are read once to know them, and to know what each
 * inline blank is followed by (its unit, e.g. "单个请求/ms"), which is cut.
 */
#ifndef IIREVIEW_EXTRACT_H
#define IIREVIEW_EXTRACT_H

#include "common/catalog.h"

#include <stddef.h>
#include <stdint.h>

struct strbuf;

/* One block of a form: a body paragraph or a whole table cell. */
struct form_seg {
	char *text;
	size_t len;
	int table;    /* -1 for a body paragraph */
	int row, col; /* in the table */
	int utf8_ok;  /* text is valid UTF-8: the label patterns need not check it again */
	uint64_t cjk; /* a bit for each Chinese character in text (cjk_bit), to skip blocks fast */
};

struct form_doc {
	struct form_seg *segs;
	size_t n, alloc;
};

/* Read a .docx into blocks.  0, or -1 with the reason in err (form_doc left empty). */
int form_doc_read_docx(const char *path, struct form_doc *doc, struct strbuf *err);
/* Build a form from plain text (one block per line): for .txt forms and tests. */
void form_doc_from_text(const char *text, struct form_doc *doc);
void form_doc_release(struct form_doc *doc);

struct extractor;

/*
 * Compile the labels of cat (which must outlive the extractor).  tmpl is
 * the blank form for this catalogue, or NULL when none is available (then
 * no template lines are dropped and no units cut).  NULL with err on a
 * label that does not compile (a catalogue error: file:line).
 */
struct extractor *extractor_new(const struct catalog *cat, const struct form_doc *tmpl,
				struct strbuf *err);
void extractor_free(struct extractor *x);

/* What the blank form prints after field's blank (its unit, "%"), or NULL. */
const char *extractor_suffix(const struct extractor *x, size_t field);

/*
 * Fill raw[i] (for cat->fields[i]) with the text found, trimmed, or NULL
 * when the label was not found.  The caller frees each raw[i].  For
 * one_of/many_of the raw text holds the boxes (☑/☐) with their labels.
 */
void extract_fields(const struct extractor *x, const struct form_doc *doc, char **raw);

/*
 * extract_fields, with the second place of each field: where a label's
 * blanks are answered away from them (the next cell of the row, or the
 * next line or paragraph holding only an answer of the field's type),
 * raw[i] takes that answer when the blanks are empty; when both hold an
 * answer and the texts differ, raw[i] is the blanks' text and beside[i]
 * the other (else NULL; the caller frees it).  A count pair's halves are
 * told apart by their unit words ("30类/1200个", "1200个，30类").
 */
void extract_fields_beside(const struct extractor *x, const struct form_doc *doc, char **raw,
			   char **beside);

/*
 * 1 when the blank form prints nothing where field's value goes (an open
 * cell such as 建设时间 or 投资金额: no format is asked); 0 when it prints
 * a blank or a format, or when no blank form was given.
 */
int extractor_open(const struct extractor *x, size_t field);

#endif
