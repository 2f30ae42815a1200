/*
 * catalog.h - the field catalogues of the forms, read from rules/fields.
 *
 * One TSV per form (platform.tsv for 附件1, factory.tsv for 附件2,
 * summary.tsv for the 附件5 columns), in the order the fields stand in the
 * form: key, label (as the notice words it, "____" for a blank inside the
 * label), type, required, max_chars, section, options ('|'-separated box
 * labels of one_of / many_of).  Lines starting with '#' are comments; the
 * first other line is the header.  The order matters: extraction reads
 * fields in that order, which is how a repeated label (企业名称 in the
 * credit commitment and in 一、企业基本信息) finds its own place.
 *
 * In common/ because two stages read them: normalize extracts fields by
 * them, evaluate checks the keys of the criteria against them.
 */
#ifndef IIREVIEW_CATALOG_H
#define IIREVIEW_CATALOG_H

#include <stddef.h>

struct strbuf;

enum field_type {
	FT_TEXT,
	FT_INTEGER,
	FT_AMOUNT, /* 万元 */
	FT_PERCENT,
	FT_DATE,
	FT_MONTH_RANGE,
	FT_YESNO,
	FT_ONE_OF,
	FT_MANY_OF,
	FT_COUNT_PAIR, /* "___类，___个": key_kinds is the 类, key the 个 */
	FT_PHONE,
	FT_MOBILE,
	FT_EMAIL,
	FT_CREDIT_CODE,
	FT_ORG_CODE,
};

struct field_def {
	char *key;
	char *label;
	enum field_type type;
	int required;
	int max_chars; /* 0: no limit */
	char *section;
	char **options; /* one_of / many_of box labels; NULL-terminated, may be empty */
	size_t noptions;
	int line; /* in the file, for messages */
};

struct catalog {
	char *path;
	struct field_def *fields;
	size_t n;
	char digest[65]; /* SHA-256 of the file: fields read with another catalogue are redone */
};

/*
 * Load a catalogue.  A malformed file (unknown type, wrong column count,
 * duplicate key, bad number) is refused: -1 with "file:line: reason" in err.
 */
int catalog_load(const char *path, struct catalog *cat, struct strbuf *err);
void catalog_release(struct catalog *cat);
/* The field with this key, or NULL. */
const struct field_def *catalog_find(const struct catalog *cat, const char *key);

#endif
