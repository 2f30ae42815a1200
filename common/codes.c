#include "codes.h"
#include "strbuf.h"
#include "utf8.h"

#include <string.h>

/* GB 32100-2015: 31 symbols, no I O S V Z (they read like 1 0 5 U 2). */
static const char credit_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const unsigned credit_weights[17] = {1,	3,  9,	27, 19, 26, 16, 17, 20,
					    29, 25, 13, 8,  24, 10, 30, 28};
static const unsigned org_weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};

static int credit_value(int c)
{
	const char *p;

	if (!c)
		return -1;
	p = strchr(credit_alphabet, c);
	return p ? (int)(p - credit_alphabet) : -1;
}

static int org_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return -1;
}

char credit_code_check_char(const char *body17)
{
	unsigned sum = 0;

	for (int i = 0; i < 17; i++) {
		int v = credit_value((unsigned char)body17[i]);

		if (v < 0)
			return 0;
		sum += (unsigned)v * credit_weights[i];
	}
	return credit_alphabet[(31 - sum % 31) % 31];
}

char org_code_check_char(const char *body8)
{
	unsigned sum = 0, c;

	for (int i = 0; i < 8; i++) {
		int v = org_value((unsigned char)body8[i]);

		if (v < 0)
			return 0;
		sum += (unsigned)v * org_weights[i];
	}
	c = 11 - sum % 11;
	if (c == 10)
		return 'X';
	if (c == 11)
		return '0';
	return (char)('0' + c);
}

static int is_blank_cp(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
	       cp == 0xA0 || cp == 0x3000;
}

/*
 * Fold raw into code points: full-width ASCII (U+FF01..U+FF5E) to ASCII,
 * lower to upper case, blanks dropped.  Undecodable bytes become U+FFFD so
 * that they are reported as a bad character, never skipped.  Writes at most
 * max code points into cps; returns the total count (which may be larger).
 */
static size_t fold_code(const char *raw, size_t len, unsigned *cps, size_t max)
{
	size_t i = 0, n = 0;

	while (i < len) {
		unsigned cp;
		size_t k = utf8_decode(raw + i, len - i, &cp);

		if (!k) {
			cp = 0xFFFD;
			k = 1;
		}
		i += k;
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		if (is_blank_cp(cp))
			continue;
		if (cp >= 'a' && cp <= 'z')
			cp -= 'a' - 'A';
		if (n < max)
			cps[n] = cp;
		n++;
	}
	return n;
}

static void result_init(struct code_result *res, size_t want)
{
	memset(res, 0, sizeof(*res));
	res->want = want;
}

/* Store the first characters of the folded code, '?' for non-ASCII. */
static void store_code(struct code_result *res, const unsigned *cps, size_t n)
{
	size_t k = n < CREDIT_CODE_LEN ? n : CREDIT_CODE_LEN;

	for (size_t i = 0; i < k; i++)
		res->code[i] = cps[i] < 0x80 && cps[i] >= 0x20 ? (char)cps[i] : '?';
	res->code[k] = '\0';
}

/* Only underscores (an unfilled blank) count as empty, like blanks. */
static int all_underscores(const unsigned *cps, size_t n, size_t max)
{
	if (n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (cps[i] != '_')
			return 0;
	return 1;
}

/* Room for any realistic input; longer codes are reported by length alone. */
#define FOLD_MAX 64

enum code_status credit_code_parse(const char *raw, size_t len, struct code_result *res)
{
	unsigned cps[FOLD_MAX];
	size_t n = fold_code(raw, len, cps, FOLD_MAX);
	size_t scan = n < FOLD_MAX ? n : FOLD_MAX;

	result_init(res, CREDIT_CODE_LEN);
	res->length = n;
	store_code(res, cps, n);
	if (!n || all_underscores(cps, n, FOLD_MAX))
		return res->status = CODE_EMPTY;
	for (size_t i = 0; i < scan; i++) {
		if (cps[i] >= 0x80 || credit_value((int)cps[i]) < 0) {
			res->bad_pos = i + 1;
			res->bad_cp = cps[i];
			return res->status = CODE_BAD_CHAR;
		}
	}
	if (n != CREDIT_CODE_LEN)
		return res->status = CODE_BAD_LENGTH;
	res->expected = credit_code_check_char(res->code);
	res->found = res->code[17];
	if (res->expected != res->found)
		return res->status = CODE_BAD_CHECK;
	res->expected = res->found = 0;
	return res->status = CODE_OK;
}

enum code_status org_code_parse(const char *raw, size_t len, struct code_result *res)
{
	unsigned cps[FOLD_MAX];
	size_t n = fold_code(raw, len, cps, FOLD_MAX);
	size_t scan;

	result_init(res, ORG_CODE_LEN);
	/* "74555531-8": the printed form separates the check character. */
	if (n == ORG_CODE_LEN + 1 && (cps[8] == '-' || cps[8] == 0x2014 || cps[8] == 0x2013)) {
		cps[8] = cps[9];
		n--;
	}
	scan = n < FOLD_MAX ? n : FOLD_MAX;
	res->length = n;
	store_code(res, cps, n);
	if (!n || all_underscores(cps, n, FOLD_MAX))
		return res->status = CODE_EMPTY;
	for (size_t i = 0; i < scan; i++) {
		/* The check character is 0-9 or X; the body 0-9 A-Z. */
		int ok = cps[i] < 0x80 && org_value((int)cps[i]) >= 0;

		if (ok && i == 8 && !(cps[i] == 'X' || (cps[i] >= '0' && cps[i] <= '9')))
			ok = 0;
		if (!ok) {
			res->bad_pos = i + 1;
			res->bad_cp = cps[i];
			return res->status = CODE_BAD_CHAR;
		}
	}
	if (n != ORG_CODE_LEN)
		return res->status = CODE_BAD_LENGTH;
	res->expected = org_code_check_char(res->code);
	res->found = res->code[8];
	if (res->expected != res->found)
		return res->status = CODE_BAD_CHECK;
	res->expected = res->found = 0;
	return res->status = CODE_OK;
}

int name_is_branch(const char *name)
{
	static const char suffix[] = "分公司";
	struct strbuf sb = STRBUF_INIT;
	size_t len = name ? strlen(name) : 0, i = 0, end;
	int yes;

	while (i < len) {
		unsigned cp;
		size_t k = utf8_decode(name + i, len - i, &cp);

		if (!k) {
			k = 1;
			cp = 0xFFFD;
		}
		i += k;
		if (cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x3000 || cp == 0xA0)
			continue;
		if (cp == 0xFF08 || cp == '[' || cp == 0x3010 || cp == 0x3014)
			cp = '(';
		else if (cp == 0xFF09 || cp == ']' || cp == 0x3011 || cp == 0x3015)
			cp = ')';
		strbuf_add_utf8(&sb, cp);
	}
	end = sb.len;
	if (end && sb.buf[end - 1] == ')') {
		const char *open = memrchr(sb.buf, '(', end);

		if (open)
			end = (size_t)(open - sb.buf);
	}
	yes = end >= sizeof(suffix) - 1 &&
	      !memcmp(sb.buf + end - (sizeof(suffix) - 1), suffix, sizeof(suffix) - 1);
	strbuf_release(&sb);
	return yes;
}

int credit_code_org_matches(const char *credit, const char *org)
{
	return credit && org && strlen(credit) == CREDIT_CODE_LEN && strlen(org) == ORG_CODE_LEN &&
	       !memcmp(credit + 8, org, ORG_CODE_LEN);
}

const char *code_status_name(enum code_status status)
{
	switch (status) {
	case CODE_OK:
		return "ok";
	case CODE_EMPTY:
		return "empty";
	case CODE_BAD_CHAR:
		return "bad_char";
	case CODE_BAD_LENGTH:
		return "bad_length";
	case CODE_BAD_CHECK:
		return "bad_check";
	}
	return "unknown";
}

void code_result_describe(const struct code_result *res, struct strbuf *out)
{
	switch (res->status) {
	case CODE_OK:
		strbuf_addstr(out, "valid");
		break;
	case CODE_EMPTY:
		strbuf_addstr(out, "empty");
		break;
	case CODE_BAD_CHAR:
		strbuf_addf(out, "bad character U+%04X", res->bad_cp);
		if (res->bad_cp >= 0x20 && res->bad_cp != 0xFFFD) {
			strbuf_addstr(out, " '");
			strbuf_add_utf8(out, res->bad_cp);
			strbuf_addch(out, '\'');
		}
		strbuf_addf(out, " at position %zu", res->bad_pos);
		if (res->want == CREDIT_CODE_LEN &&
		    (res->bad_cp == 'I' || res->bad_cp == 'O' || res->bad_cp == 'S' ||
		     res->bad_cp == 'V' || res->bad_cp == 'Z'))
			strbuf_addstr(out, " (I, O, S, V, Z are never used in a credit code)");
		break;
	case CODE_BAD_LENGTH:
		strbuf_addf(out, "bad length %zu (expected %zu)", res->length, res->want);
		break;
	case CODE_BAD_CHECK:
		strbuf_addf(out, "bad check character '%c' (expected '%c')", res->found,
			    res->expected);
		break;
	}
}

void code_result_describe_zh(const struct code_result *res, struct strbuf *out)
{
	switch (res->status) {
	case CODE_OK:
		strbuf_addstr(out, "有效");
		break;
	case CODE_EMPTY:
		strbuf_addstr(out, "未填写");
		break;
	case CODE_BAD_CHAR:
		strbuf_addf(out, "第%zu位", res->bad_pos);
		if (res->bad_cp >= 0x20 && res->bad_cp != 0xFFFD) {
			strbuf_addstr(out, "“");
			strbuf_add_utf8(out, res->bad_cp);
			strbuf_addstr(out, "”");
		} else {
			strbuf_addf(out, "（U+%04X）", res->bad_cp);
		}
		strbuf_addstr(out, "不是代码中可用的字符");
		if (res->want == CREDIT_CODE_LEN &&
		    (res->bad_cp == 'I' || res->bad_cp == 'O' || res->bad_cp == 'S' ||
		     res->bad_cp == 'V' || res->bad_cp == 'Z'))
			strbuf_addstr(out, "（统一社会信用代码不使用I、O、S、V、Z）");
		break;
	case CODE_BAD_LENGTH:
		strbuf_addf(out, "共%zu位，应为%zu位", res->length, res->want);
		break;
	case CODE_BAD_CHECK:
		strbuf_addf(out, "校验位为“%c”，按前%zu位计算应为“%c”", res->found, res->want - 1,
			    res->expected);
		break;
	}
}
