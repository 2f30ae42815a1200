/*
 * convert.h - from a field's raw text to its stored, normalized value.
 *
 * The stored forms (docs/normalizers.md; the same as the sample
 * generator's truth file): integers as decimals; amounts in 万元 as
 * decimals without trailing zeros ("2000.5"); percent as the number of
 * percent ("17"); dates ISO ("2019-10-14", "2019-10", "2019"); month ranges
 * "2018-03/2019-06" ("2018-03/" when open); yes/no as 是 or 否; one_of the
 * option ticked; many_of the options ticked in catalogue order joined by
 * ','; phones, mobiles and e-mails canonical; codes upper-case; text as
 * written (trimmed).
 */
#ifndef IIREVIEW_CONVERT_H
#define IIREVIEW_CONVERT_H

#include "common/catalog.h"
#include "normalize/value.h"

#include "common/strbuf.h"

struct converted {
	enum value_status status; /* VALUE_OK, _EMPTY, _UNREADABLE, _CONFLICT */
	struct strbuf value;	  /* normalized text (empty unless OK) */
	double num;		  /* the number, when has_num */
	int has_num;
	struct strbuf flags;	       /* "approx,lower_bound" ... */
	char reason[VALUE_REASON_MAX]; /* English, for unreadable */
	int places;		       /* 2: read in two places that disagree (VALUE_CONFLICT) */
};

void converted_init(struct converted *c);
void converted_release(struct converted *c);

/*
 * Convert raw (NULL: the label was not found) for field f into c (reset
 * first).  suffix is what the blank form prints after the field's blank
 * (extractor_suffix), or NULL: a "%" there means a bare number is a percent.
 */
void convert_field(const struct field_def *f, const char *raw, const char *suffix,
		   struct converted *c);

/*
 * convert_field for a field the extractor read in two places
 * (extract_fields_beside): raw from the label's own place, beside from a
 * second place (the next cell, the next paragraph), NULL when none.
 * open: the blank form prints no format where the value goes
 * (extractor_open): a month_range then takes one date too (value_period,
 * stored "2017-09"), an amount a remark in brackets after it.
 *
 * Returns 0 when raw gives the value (beside empty, or the same value),
 * 1 when beside does (raw converted empty), 2 when the two disagree: then
 * c->status is VALUE_CONFLICT and c->places 2, and both raw texts are the
 * caller's to show; neither value is chosen.
 */
int convert_field_placed(const struct field_def *f, const char *raw, const char *beside,
			 const char *suffix, int open, struct converted *c);

/*
 * The boxes ticked among opts in raw: a bit per option (bit i for opts[i]),
 * *unmarked counts boxes seen but not ticked.  An option counts when a box
 * (☑/☐) stands right before it, spaces, numbering ("1、") and "·" aside.
 */
unsigned long boxes_ticked(const char *raw, char *const *opts, size_t nopts, int *seen);

#endif
