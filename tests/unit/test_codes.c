/*
 * test_codes.c - credit codes and organization codes against published
 * codes and made-up ones, one table per parser.
 */
#include "tests/unit/harness.h"
#include "common/codes.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

#include <string.h>

struct code_row {
	const char *raw;
	enum code_status status;
	const char *code;     /* normalized, for OK and BAD_CHECK; NULL: not checked */
	size_t bad_pos;	      /* BAD_CHAR */
	unsigned bad_cp;      /* BAD_CHAR */
	char expected;	      /* BAD_CHECK */
	const char *describe; /* NULL: not checked */
};

static const struct code_row credit_rows[] = {
    /* Published codes (domain.md). */
    {"91320214745555318W", CODE_OK, "91320214745555318W", 0, 0, 0, "valid"},
    {"913205056082348768", CODE_OK, "913205056082348768", 0, 0, 0, NULL},
    {"91110000600037341N", CODE_BAD_CHECK, "91110000600037341N", 0, 0, 'L',
     "bad check character 'N' (expected 'L')"},
    /* Normalization: case, full width, blanks, U+3000. */
    {"91320214745555318w", CODE_OK, "91320214745555318W", 0, 0, 0, NULL},
    {"９１３２０２１４７４５５５５３１８Ｗ", CODE_OK, "91320214745555318W", 0, 0, 0, NULL},
    {" 9132 0214 7455 5531 8W ", CODE_OK, "91320214745555318W", 0, 0, 0, NULL},
    {"913202147455\xe3\x80\x80"
     "55318W",
     CODE_OK, "91320214745555318W", 0, 0, 0, NULL},
    /* Made up: the body of the first with its last digit changed. */
    {"913202147455553190", CODE_OK, NULL, 0, 0, 0, NULL},
    {"91320214745555319W", CODE_BAD_CHECK, NULL, 0, 0, '0', NULL},
    /* 92: individual business, still a valid code. */
    {"92320100MA1XXXXX0A", CODE_BAD_CHECK, NULL, 0, 0, 'T', NULL},
    {"92320100MA1XXXXX0T", CODE_OK, NULL, 0, 0, 0, NULL},
    /* Lengths. */
    {"91320214745555318", CODE_BAD_LENGTH, NULL, 0, 0, 0, "bad length 17 (expected 18)"},
    {"91320214745555318WW", CODE_BAD_LENGTH, NULL, 0, 0, 0, NULL},
    {"9", CODE_BAD_LENGTH, NULL, 0, 0, 0, NULL},
    /* Characters outside the alphabet. */
    {"9132021474555531OW", CODE_BAD_CHAR, NULL, 17, 'O', 0,
     "bad character U+004F 'O' at position 17 (I, O, S, V, Z are never used in a credit "
     "code)"},
    {"I1320214745555318W", CODE_BAD_CHAR, NULL, 1, 'I', 0, NULL},
    {"91320214-745555318W", CODE_BAD_CHAR, NULL, 9, '-', 0, NULL},
    {"见附件", CODE_BAD_CHAR, NULL, 1, 0x89C1, 0, "bad character U+89C1 '见' at position 1"},
    {"913202147455553\xff"
     "8W",
     CODE_BAD_CHAR, NULL, 16, 0xFFFD, 0, NULL},
    /* Empty. */
    {"", CODE_EMPTY, NULL, 0, 0, 0, "empty"},
    {"   ", CODE_EMPTY, NULL, 0, 0, 0, NULL},
    {"______", CODE_EMPTY, NULL, 0, 0, 0, NULL},
    {"\xe3\x80\x80", CODE_EMPTY, NULL, 0, 0, 0, NULL},
    /* Very long input: reported by character first, then by length. */
    {"913202147455553189132021474555531891320214745555318913202147455553189132021474555531"
     "8",
     CODE_BAD_LENGTH, NULL, 0, 0, 0, NULL},
};

TEST(credit_code_table)
{
	for (size_t i = 0; i < sizeof(credit_rows) / sizeof(credit_rows[0]); i++) {
		const struct code_row *r = &credit_rows[i];
		struct code_result res;
		struct strbuf msg = STRBUF_INIT;

		test_row("%zu \"%s\"", i, r->raw);
		credit_code_parse(r->raw, strlen(r->raw), &res);
		assert_eq_str(code_status_name(res.status), code_status_name(r->status));
		if (r->code)
			assert_eq_str(res.code, r->code);
		if (r->status == CODE_BAD_CHAR) {
			assert_eq_int(res.bad_pos, r->bad_pos);
			assert_eq_int(res.bad_cp, r->bad_cp);
		}
		if (r->expected)
			assert_eq_int(res.expected, r->expected);
		code_result_describe(&res, &msg);
		if (r->describe)
			assert_eq_str(msg.buf, r->describe);
		strbuf_release(&msg);
	}
	test_row(NULL);
}

static const struct code_row org_rows[] = {
    {"745555318", CODE_OK, "745555318", 0, 0, 0, NULL},
    {"74555531-8", CODE_OK, "745555318", 0, 0, 0, NULL},
    {"74555531－8", CODE_OK, "745555318", 0, 0, 0, NULL},
    {"608234876", CODE_OK, "608234876", 0, 0, 0, NULL},
    {"600037341", CODE_OK, "600037341", 0, 0, 0, NULL},
    {"74555531-9", CODE_BAD_CHECK, "745555319", 0, 0, '8', NULL},
    /* Made up: check 10 is written X, check 11 is written 0. */
    {"MA1XYZ00X", CODE_OK, NULL, 0, 0, 0, NULL},
    {"ma1xyz00x", CODE_OK, "MA1XYZ00X", 0, 0, 0, NULL},
    {"00000001X", CODE_BAD_CHECK, NULL, 0, 0, '9', NULL},
    {"000000107", CODE_OK, NULL, 0, 0, 0, NULL},
    {"00000006X", CODE_OK, NULL, 0, 0, 0, NULL},
    {"000000000", CODE_OK, NULL, 0, 0, 0, NULL},
    {"ma1xyz00a", CODE_BAD_CHAR, NULL, 9, 'A', 0, NULL},
    {"7455553", CODE_BAD_LENGTH, NULL, 0, 0, 0, "bad length 7 (expected 9)"},
    {"7455553180", CODE_BAD_LENGTH, NULL, 0, 0, 0, NULL},
    {"7455_5318", CODE_BAD_CHAR, NULL, 5, '_', 0, NULL},
    {"", CODE_EMPTY, NULL, 0, 0, 0, NULL},
    {"___", CODE_EMPTY, NULL, 0, 0, 0, NULL},
};

TEST(org_code_table)
{
	for (size_t i = 0; i < sizeof(org_rows) / sizeof(org_rows[0]); i++) {
		const struct code_row *r = &org_rows[i];
		struct code_result res;
		struct strbuf msg = STRBUF_INIT;

		test_row("%zu \"%s\"", i, r->raw);
		org_code_parse(r->raw, strlen(r->raw), &res);
		assert_eq_str(code_status_name(res.status), code_status_name(r->status));
		if (r->code)
			assert_eq_str(res.code, r->code);
		if (r->status == CODE_BAD_CHAR) {
			assert_eq_int(res.bad_pos, r->bad_pos);
			assert_eq_int(res.bad_cp, r->bad_cp);
		}
		if (r->expected)
			assert_eq_int(res.expected, r->expected);
		code_result_describe(&res, &msg);
		if (r->describe)
			assert_eq_str(msg.buf, r->describe);
		strbuf_release(&msg);
	}
	test_row(NULL);
}

struct check_row {
	const char *body;
	char check;
};

static const struct check_row credit_checks[] = {
    {"91320214745555318", 'W'}, {"91320505608234876", '8'}, {"91110000600037341", 'L'},
    {"9132021474555531O", 0},	{"9132021474555531", 0},
};

static const struct check_row org_checks[] = {
    {"74555531", '8'}, {"60823487", '6'}, {"00000006", 'X'},
    {"00000000", '0'}, {"7455553a", 0},	  {"7455553", 0},
};

TEST(check_characters)
{
	for (size_t i = 0; i < sizeof(credit_checks) / sizeof(credit_checks[0]); i++) {
		test_row("credit %s", credit_checks[i].body);
		assert_eq_int(credit_code_check_char(credit_checks[i].body),
			      credit_checks[i].check);
	}
	for (size_t i = 0; i < sizeof(org_checks) / sizeof(org_checks[0]); i++) {
		test_row("org %s", org_checks[i].body);
		assert_eq_int(org_code_check_char(org_checks[i].body), org_checks[i].check);
	}
	test_row(NULL);
}

TEST(org_matches_credit)
{
	struct code_result c, o;

	credit_code_parse("91320214745555318W", 18, &c);
	org_code_parse("74555531-8", 10, &o);
	assert_eq_int(credit_code_org_matches(c.code, o.code), 1);
	org_code_parse("608234876", 9, &o);
	assert_eq_int(credit_code_org_matches(c.code, o.code), 0);
	assert_eq_int(credit_code_org_matches(c.code, "74555531"), 0);
	assert_eq_int(credit_code_org_matches("9132", "745555318"), 0);
}

struct branch_row {
	const char *name;
	int branch;
};

static const struct branch_row branch_rows[] = {
    {"某某股份有限公司南京分公司", 1},
    {"某某股份有限公司南京分公司（筹）", 1},
    {"某某股份有限公司南京分公司 (筹) ", 1},
    {"某某股份有限公司 南京 分 公司", 1},
    {"某某股份有限公司南京分公司【筹】", 1},
    {"某某分公司科技有限公司", 0},
    {"某某子公司", 0},
    {"江苏ABC科技有限公司", 0},
    {"无锡某某（集团）有限公司", 0},
    {"分公司", 1},
    {"", 0},
    {"\xff分公司", 1},
};

TEST(branch_names)
{
	for (size_t i = 0; i < sizeof(branch_rows) / sizeof(branch_rows[0]); i++) {
		test_row("%zu \"%s\"", i, branch_rows[i].name);
		assert_eq_int(name_is_branch(branch_rows[i].name), branch_rows[i].branch);
	}
	test_row(NULL);
	assert_eq_int(name_is_branch(NULL), 0);
}

/* The Chinese sentence of each outcome: what a unit's clerk reads beside CREDIT_CODE_INVALID. */
TEST(describe_in_chinese)
{
	static const struct {
		const char *raw;
		int org; /* an organization code, not a credit code */
		const char *want;
	} rows[] = {
	    {"91110000600037341N", 0, "校验位为“N”，按前17位计算应为“L”"},
	    {"74555531-9", 1, "校验位为“9”，按前8位计算应为“8”"},
	    {"9132021474555531OW", 0,
	     "第17位“O”不是代码中可用的字符（统一社会信用代码不使用I、O、S、V、Z）"},
	    {"9132021474555531中W", 0, "第17位“中”不是代码中可用的字符"},
	    {"9132021474555531", 0, "共16位，应为18位"},
	    {"7455553", 1, "共7位，应为9位"},
	    {"", 0, "未填写"},
	    {"91320214745555318W", 0, "有效"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct code_result res;
		struct strbuf msg = STRBUF_INIT;
		const char *raw = rows[i].raw;

		test_row("%s", raw);
		if (rows[i].org)
			org_code_parse(raw, strlen(raw), &res);
		else
			credit_code_parse(raw, strlen(raw), &res);
		code_result_describe_zh(&res, &msg);
		assert_eq_str(msg.buf, rows[i].want);
		strbuf_release(&msg);
	}
	test_row(NULL);
}

TEST_MAIN(TEST_ENTRY(credit_code_table), TEST_ENTRY(org_code_table), TEST_ENTRY(check_characters),
	  TEST_ENTRY(org_matches_credit), TEST_ENTRY(branch_names), TEST_ENTRY(describe_in_chinese))
