/*
 * rulefile.h - the line reader of the rules' data files (the .tsv files of rules/fields
 * and the like).
 *
 * Each line is hashed as it is read, so the caller gets the file's digest
 * (what was made with another version of the file is redone); CRLF ends
 * are taken as LF, and blank lines and lines starting with '#' are
 * skipped, the line numbers still counting them for messages.
 *
 *	struct rule_lines rl;
 *	if (rule_lines_open(&rl, path))
 *		return error("%s: %s", path, strerror(errno));
 *	while (rule_lines_next(&rl))
 *		parse(rl.line.buf, rl.lineno);
 *	rule_lines_close(&rl, digest);
 */
#ifndef IIREVIEW_RULEFILE_H
#define IIREVIEW_RULEFILE_H

#include "common/sha256.h"
#include "common/strbuf.h"

#include <stdio.h>

struct rule_lines {
	FILE *fp;
	struct strbuf line; /* the current line, without its end */
	int lineno;	    /* 1-based, of the current line */
	struct sha256 h;
};

/* Open path for reading.  0, or -1 with errno set (nothing to close). */
int rule_lines_open(struct rule_lines *rl, const char *path);

/* Step to the next line that is neither blank nor a comment: 1, or 0 at the end. */
int rule_lines_next(struct rule_lines *rl);

/*
 * Close the file and give the digest of the lines read (of the whole file
 * when the loop ran to the end; digest may be NULL).
 */
void rule_lines_close(struct rule_lines *rl, char digest[SHA256_HEX_LEN + 1]);

#endif
