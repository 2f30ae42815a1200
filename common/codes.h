/*
 * codes.h - the unified social credit code (GB 32100-2015) and the
 * organization code (GB 11714).
 *
 * Both parsers take the raw text of a form field and say precisely what is
 * wrong with it, so that a defect message can name the position and the
 * expected check character instead of "invalid code".  The raw text is never
 * changed; the normalized form goes into the result:
 *
 *   - full-width letters and digits are folded to ASCII ("９１３２…" reads as
 *     "9132…"), lower-case letters are upper-cased;
 *   - blanks (ASCII white space, U+3000, U+00A0) anywhere are dropped, since
 *     codes are often typed in groups ("9132 0214 …"); the check character
 *     still guards against a wrong reading;
 *   - for the organization code only, one '-' before the check character
 *     ("74555531-8", the way the old certificates print it) is dropped.
 *
 * Nothing else is substituted: an 'O' is not taken for a '0' (position and
 * character are reported instead).
 *
 *	struct code_result r;
 *	if (credit_code_parse(raw, strlen(raw), &r) != CODE_OK) {
 *		code_result_describe(&r, &msg);	// "bad check character 'N' ..."
 *	} else if (!credit_code_org_matches(r.code, org)) ...
 */
#ifndef IIREVIEW_CODES_H
#define IIREVIEW_CODES_H

#include <stddef.h>

struct strbuf;

#define CREDIT_CODE_LEN 18
#define ORG_CODE_LEN	9

enum code_status {
	CODE_OK = 0,
	CODE_EMPTY,	 /* nothing but blanks (or underscores) */
	CODE_BAD_CHAR,	 /* a character outside the code's alphabet: bad_pos, bad_cp */
	CODE_BAD_LENGTH, /* every character valid but length != 18 (or 9) */
	CODE_BAD_CHECK,	 /* well formed, the last character is not the check: expected, found */
};

struct code_result {
	enum code_status status;
	/*
	 * The normalized code, NUL-terminated.  Complete when status is CODE_OK
	 * or CODE_BAD_CHECK; otherwise the first 18 normalized characters at
	 * most (non-ASCII characters appear as '?').
	 */
	char code[CREDIT_CODE_LEN + 1];
	size_t length;	 /* characters after normalization */
	size_t want;	 /* the length the code should have: 18 or 9 */
	size_t bad_pos;	 /* CODE_BAD_CHAR: 1-based position in the normalized code */
	unsigned bad_cp; /* CODE_BAD_CHAR: the Unicode code point found there */
	char expected;	 /* CODE_BAD_CHECK: the check character the body calls for */
	char found;	 /* CODE_BAD_CHECK: the check character written */
};

/*
 * Parse and check a unified social credit code from raw text (UTF-8, len
 * bytes).  Checks, in this order: empty, a character outside
 * 0-9 A-H J-N P-R T U W X Y (I, O, S, V, Z are never used), length 18, the
 * check character.  Returns res->status.
 *
 *	"91320214745555318W"   CODE_OK
 *	"91320214745555318w"   CODE_OK (code "91320214745555318W")
 *	"91110000600037341N"   CODE_BAD_CHECK, expected 'L', found 'N'
 *	"9132021474555531"     CODE_BAD_LENGTH, length 16
 *	"9132021474555531OW"   CODE_BAD_CHAR, bad_pos 17, bad_cp 'O'
 */
enum code_status credit_code_parse(const char *raw, size_t len, struct code_result *res);

/*
 * The check character for the 17-character body of a credit code (already
 * normalized), or 0 when body has a character outside the alphabet.
 * credit_code_check_char("91320214745555318") == 'W'
 */
char credit_code_check_char(const char *body17);

/*
 * Parse and check an organization code: 8 body characters 0-9 A-Z and the
 * check character 0-9 or X.  "74555531-8" and "745555318" are the same code.
 */
enum code_status org_code_parse(const char *raw, size_t len, struct code_result *res);

/*
 * The check character for the 8-character body of an organization code, or
 * 0 when body has a character outside 0-9 A-Z.  org_code_check_char("74555531") == '8'
 */
char org_code_check_char(const char *body8);

/*
 * 1 when an enterprise name names a branch office (分公司), which has no
 * legal personality of its own: without its blanks, with full-width and
 * other brackets read as '(' ')', it ends with 分公司, looking through one
 * trailing bracketed remark ("…南京分公司（筹）").  The rules' branch()
 * (evaluate/rules.c) is this test; the criterion is in rules/<year>.
 */
int name_is_branch(const char *name);

/*
 * 1 when the organization code org (normalized, 9 characters, as in
 * code_result.code) equals characters 9-17 of the credit code.
 */
int credit_code_org_matches(const char *credit, const char *org);

/* A stable English token for a status: "ok", "empty", "bad_char", ... */
const char *code_status_name(enum code_status status);

/*
 * Append an English sentence about res to out, e.g.
 * "bad check character 'N' (expected '5')",
 * "bad character U+004F 'O' at position 17", "bad length 16 (expected 18)".
 */
void code_result_describe(const struct code_result *res, struct strbuf *out);

/*
 * The same in Chinese, for the defect lists a unit's clerk reads, e.g.
 * "校验位为“N”，按前17位计算应为“5”", "第17位“O”不是代码中可用的字符（统一社会信用代码
 * 不使用I、O、S、V、Z）", "共16位，应为18位".
 */
void code_result_describe_zh(const struct code_result *res, struct strbuf *out);

#endif
