#include "evaluate/rules.h"

#include "common/catalog.h"
#include "common/codes.h"
#include "common/defect.h"
#include "common/sha256.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* No libm: the build does not link it, and these are all we need. */
static double dabs(double x)
{
	return x < 0 ? -x : x;
}

/* Comparisons of amounts in 万元 with two decimals must not fail on 1e-12. */
#define EPS 1e-7

const char *rule_dir_name(unsigned bit)
{
	for (int d = 0; d < DIR_COUNT; d++)
		if (bit == 1u << d && d != DIR_CULTIVATION)
			return direction_names[d];
	return NULL;
}

unsigned rule_dir_parse(const char *name)
{
	int d = direction_index(name);

	if (!strcmp(name, "平台"))
		return RD_PLATFORM;
	return d < 0 || d == DIR_CULTIVATION ? 0 : 1u << d;
}

const char *rule_kind_name(enum rule_kind k)
{
	static const char *const names[] = {"basic", "gate", "priority", "qualitative"};
	return names[k];
}

/* ---- expressions: tree ---- */

enum node_type {
	N_NUM,
	N_STR,
	N_FIELD,
	N_CALL,
	N_NEG,
	N_ADD,
	N_SUB,
	N_MUL,
	N_DIV,
	N_CMP,
	N_AND,
	N_OR,
	N_NOT,
};

enum cmp_op { C_GE, C_GT, C_LE, C_LT, C_EQ, C_NE };
static const char *const cmp_shown[] = {"≥", ">", "≤", "<", "=", "≠"};

enum func {
	F_FILLED,
	F_COUNT,
	F_CONTAINS,
	F_ANY_OF,
	F_STARTS,
	F_ENDS,
	F_SUBSTR,
	F_VALID_CREDIT_CODE,
	F_BRANCH,
	F_START,
	F_END,
	F_ABS,
	F_ATTACHED,
	F_REQUIRED_FILLED,
};

/* Argument shapes: k = a field key, s = a string, n = a number, e = any expression. */
static const struct {
	const char *name;
	enum func f;
	const char *args; /* trailing '*' = the last shape repeats, at least once */
	int boolean;
} funcs[] = {
    {"filled", F_FILLED, "k*", 1},
    {"count", F_COUNT, "k", 0},
    {"contains", F_CONTAINS, "ks", 1},
    {"any_of", F_ANY_OF, "ks*", 1},
    {"starts", F_STARTS, "ks", 1},
    {"ends", F_ENDS, "ks", 1},
    {"substr", F_SUBSTR, "knn", 0},
    {"valid_credit_code", F_VALID_CREDIT_CODE, "k", 1},
    {"branch", F_BRANCH, "k", 1},
    {"start", F_START, "k", 0},
    {"end", F_END, "k", 0},
    {"abs", F_ABS, "e", 0},
    {"attached", F_ATTACHED, "s*", 1},
    {"required_filled", F_REQUIRED_FILLED, "", 1},
};

struct expr {
	enum node_type t;
	enum cmp_op op;
	int func; /* index in funcs[] */
	double num;
	int date;  /* N_NUM written as a date: num is yyyymmdd */
	char *str; /* N_STR text, N_FIELD key */
	char *src; /* the source text of this node, for details */
	struct expr **kids;
	size_t nkids;
};

void expr_free(struct expr *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->nkids; i++)
		expr_free(e->kids[i]);
	free(e->kids);
	free(e->str);
	free(e->src);
	free(e);
}

int expr_has_lower_bound(const struct expr *e)
{
	if (e->t == N_CMP && (e->op == C_GE || e->op == C_GT))
		return 1;
	for (size_t i = 0; i < e->nkids; i++)
		if (expr_has_lower_bound(e->kids[i]))
			return 1;
	return 0;
}

static struct expr *node(enum node_type t)
{
	struct expr *e = xcalloc(1, sizeof(*e));
	e->t = t;
	return e;
}

static void add_kid(struct expr *e, struct expr *k)
{
	e->kids = xrealloc(e->kids, (e->nkids + 1) * sizeof(*e->kids));
	e->kids[e->nkids++] = k;
}

/* ---- expressions: parser ---- */

struct parser {
	const char *src, *p;
	const struct catalog *const *cats;
	size_t ncats;
	struct strbuf *err;
	int failed;
};

static int perr(struct parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int perr(struct parser *ps, const char *fmt, ...)
{
	va_list ap;

	if (ps->failed)
		return -1;
	ps->failed = 1;
	va_start(ap, fmt);
	strbuf_vaddf(ps->err, fmt, ap);
	va_end(ap);
	strbuf_addf(ps->err, " (at column %d)", (int)(ps->p - ps->src) + 1);
	return -1;
}

static void skip_ws(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t')
		ps->p++;
}

static int is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_ident(int c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9') || c == '.';
}

/* Is the next token the word w (not a prefix of a longer identifier)? */
static int peek_word(struct parser *ps, const char *w)
{
	size_t n = strlen(w);

	skip_ws(ps);
	return !strncmp(ps->p, w, n) && !is_ident((unsigned char)ps->p[n]);
}

static int accept(struct parser *ps, const char *tok)
{
	skip_ws(ps);
	if (!strncmp(ps->p, tok, strlen(tok))) {
		ps->p += strlen(tok);
		return 1;
	}
	return 0;
}

static void set_src(struct expr *e, const char *from, const char *to)
{
	while (to > from && (to[-1] == ' ' || to[-1] == '\t'))
		to--;
	free(e->src);
	e->src = xstrndup(from, (size_t)(to - from));
}

static int key_known(struct parser *ps, const char *key)
{
	static const char *const pseudo[] = {"summary.cluster", "summary.direction",
					     "summary.project"};

	for (size_t i = 0; i < ARRAY_SIZE(pseudo); i++)
		if (!strcmp(key, pseudo[i]))
			return 1;
	for (size_t i = 0; i < ps->ncats; i++)
		if (ps->cats[i] && !catalog_find(ps->cats[i], key))
			return 0;
	return 1;
}

static struct expr *parse_or(struct parser *ps);

static struct expr *parse_string(struct parser *ps)
{
	const char *start = ps->p + 1, *end = strchr(start, '"');
	struct expr *e;

	if (!end) {
		perr(ps, "unterminated string");
		return NULL;
	}
	e = node(N_STR);
	e->str = xstrndup(start, (size_t)(end - start));
	set_src(e, ps->p, end + 1);
	ps->p = end + 1;
	return e;
}

static struct expr *parse_number(struct parser *ps)
{
	const char *s = ps->p;
	struct expr *e = node(N_NUM);
	char *end;

	/* A date 2019-10-14 becomes the number 20191014: dates compare as numbers. */
	if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) && s[4] == '-' &&
	    isdigit((unsigned char)s[5]) && isdigit((unsigned char)s[6]) && s[7] == '-' &&
	    isdigit((unsigned char)s[8]) && isdigit((unsigned char)s[9]) &&
	    !is_ident((unsigned char)s[10])) {
		int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
		if (m < 1 || m > 12 || d < 1 || d > 31) {
			expr_free(e);
			perr(ps, "bad date %.10s", s);
			return NULL;
		}
		e->num = y * 10000 + m * 100 + d;
		e->date = 1;
		ps->p = s + 10;
	} else {
		errno = 0;
		e->num = strtod(s, &end);
		if (end == s || errno || is_ident((unsigned char)*end)) {
			expr_free(e);
			perr(ps, "bad number");
			return NULL;
		}
		ps->p = end;
	}
	set_src(e, s, ps->p);
	return e;
}

static struct expr *parse_call(struct parser *ps, const char *name, const char *start)
{
	struct expr *e = NULL;
	const char *shape;
	size_t fi;

	for (fi = 0; fi < ARRAY_SIZE(funcs); fi++)
		if (!strcmp(funcs[fi].name, name))
			break;
	if (fi == ARRAY_SIZE(funcs)) {
		perr(ps, "unknown function %s()", name);
		return NULL;
	}
	e = node(N_CALL);
	e->func = (int)fi;
	shape = funcs[fi].args;
	if (!accept(ps, ")")) {
		for (;;) {
			char want = *shape == '*' ? shape[-1] : *shape;
			struct expr *a;

			if (!want) {
				perr(ps, "%s() takes %zu argument(s)", name, e->nkids);
				goto fail;
			}
			a = parse_or(ps);
			if (!a)
				goto fail;
			add_kid(e, a);
			if (want == 'k' && a->t != N_FIELD) {
				perr(ps, "%s(): argument %zu must be a field key", name, e->nkids);
				goto fail;
			}
			if (want == 's' && a->t != N_STR) {
				perr(ps, "%s(): argument %zu must be a \"string\"", name, e->nkids);
				goto fail;
			}
			if (want == 'n' && a->t != N_NUM) {
				perr(ps, "%s(): argument %zu must be a number", name, e->nkids);
				goto fail;
			}
			if (*shape != '*')
				shape++;
			if (accept(ps, ")"))
				break;
			if (!accept(ps, ",")) {
				perr(ps, "expected ',' or ')' in %s()", name);
				goto fail;
			}
		}
	}
	if (*shape && *shape != '*' && shape[1] != '*') {
		perr(ps, "%s() needs more arguments", name);
		goto fail;
	}
	if (*shape && shape[1] == '*') {
		/* the repeated shape was never given */
		perr(ps,
		     e->nkids ? "%s() needs more arguments" : "%s() needs at least one argument",
		     name);
		goto fail;
	}
	set_src(e, start, ps->p);
	return e;
fail:
	expr_free(e);
	return NULL;
}

static struct expr *parse_primary(struct parser *ps)
{
	const char *start;
	struct expr *e;

	skip_ws(ps);
	start = ps->p;
	if (*ps->p == '(') {
		ps->p++;
		e = parse_or(ps);
		if (e && !accept(ps, ")")) {
			expr_free(e);
			perr(ps, "expected ')'");
			return NULL;
		}
		return e;
	}
	if (*ps->p == '"')
		return parse_string(ps);
	if (isdigit((unsigned char)*ps->p) || (*ps->p == '.' && isdigit((unsigned char)ps->p[1])))
		return parse_number(ps);
	if (is_ident_start((unsigned char)*ps->p)) {
		char *name;

		while (is_ident((unsigned char)*ps->p))
			ps->p++;
		name = xstrndup(start, (size_t)(ps->p - start));
		if (!strcmp(name, "and") || !strcmp(name, "or") || !strcmp(name, "not")) {
			ps->p = start;
			perr(ps, "expected a value before '%s'", name);
			free(name);
			return NULL;
		}
		if (accept(ps, "(")) {
			e = parse_call(ps, name, start);
			free(name);
			return e;
		}
		if (!key_known(ps, name)) {
			ps->p = start;
			perr(ps, "unknown field key '%s'", name);
			free(name);
			return NULL;
		}
		e = node(N_FIELD);
		e->str = name;
		set_src(e, start, ps->p);
		return e;
	}
	if (!*ps->p)
		perr(ps, "unexpected end of condition");
	else
		perr(ps, "unexpected character '%c'", *ps->p);
	return NULL;
}

static struct expr *parse_unary(struct parser *ps)
{
	const char *start;

	skip_ws(ps);
	start = ps->p;
	if (*ps->p == '-') {
		struct expr *k, *e;
		ps->p++;
		k = parse_unary(ps);
		if (!k)
			return NULL;
		e = node(N_NEG);
		add_kid(e, k);
		set_src(e, start, ps->p);
		return e;
	}
	return parse_primary(ps);
}

static struct expr *binary(enum node_type t, struct expr *l, struct expr *r, const char *start,
			   const char *end)
{
	struct expr *e = node(t);

	add_kid(e, l);
	add_kid(e, r);
	set_src(e, start, end);
	return e;
}

static struct expr *parse_term(struct parser *ps)
{
	const char *start;
	struct expr *l;

	skip_ws(ps);
	start = ps->p;
	l = parse_unary(ps);
	while (l) {
		enum node_type t;
		struct expr *r;

		if (accept(ps, "*"))
			t = N_MUL;
		else if (accept(ps, "/"))
			t = N_DIV;
		else
			break;
		r = parse_unary(ps);
		if (!r) {
			expr_free(l);
			return NULL;
		}
		l = binary(t, l, r, start, ps->p);
	}
	return l;
}

static struct expr *parse_sum(struct parser *ps)
{
	const char *start;
	struct expr *l;

	skip_ws(ps);
	start = ps->p;
	l = parse_term(ps);
	while (l) {
		enum node_type t;
		struct expr *r;

		if (accept(ps, "+"))
			t = N_ADD;
		else if (accept(ps, "-"))
			t = N_SUB;
		else
			break;
		r = parse_term(ps);
		if (!r) {
			expr_free(l);
			return NULL;
		}
		l = binary(t, l, r, start, ps->p);
	}
	return l;
}

static struct expr *parse_cmp(struct parser *ps)
{
	const char *start;
	struct expr *l, *r, *e;
	int op = -1;

	skip_ws(ps);
	start = ps->p;
	l = parse_sum(ps);
	if (!l)
		return NULL;
	/* Longest operators first, so that ">=" is not read as ">". */
	if (accept(ps, ">="))
		op = C_GE;
	else if (accept(ps, "<="))
		op = C_LE;
	else if (accept(ps, "!="))
		op = C_NE;
	else if (accept(ps, "=="))
		op = C_EQ; /* NOLINT(bugprone-branch-clone): "=" below is "==" too */
	else if (accept(ps, ">"))
		op = C_GT;
	else if (accept(ps, "<"))
		op = C_LT;
	else if (accept(ps, "="))
		op = C_EQ;
	if (op < 0)
		return l;
	r = parse_sum(ps);
	if (!r) {
		expr_free(l);
		return NULL;
	}
	if ((l->t == N_STR || r->t == N_STR) && op != C_EQ && op != C_NE) {
		expr_free(l);
		expr_free(r);
		perr(ps, "strings compare only with = and !=");
		return NULL;
	}
	e = binary(N_CMP, l, r, start, ps->p);
	e->op = (enum cmp_op)op;
	return e;
}

static struct expr *parse_not(struct parser *ps)
{
	const char *start;

	skip_ws(ps);
	start = ps->p;
	if (peek_word(ps, "not")) {
		struct expr *k, *e;
		ps->p += 3;
		k = parse_not(ps);
		if (!k)
			return NULL;
		e = node(N_NOT);
		add_kid(e, k);
		set_src(e, start, ps->p);
		return e;
	}
	return parse_cmp(ps);
}

static struct expr *parse_and(struct parser *ps)
{
	const char *start;
	struct expr *l;

	skip_ws(ps);
	start = ps->p;
	l = parse_not(ps);
	while (l && peek_word(ps, "and")) {
		struct expr *r;
		ps->p += 3;
		r = parse_not(ps);
		if (!r) {
			expr_free(l);
			return NULL;
		}
		l = binary(N_AND, l, r, start, ps->p);
	}
	return l;
}

static struct expr *parse_or(struct parser *ps)
{
	const char *start;
	struct expr *l;

	skip_ws(ps);
	start = ps->p;
	l = parse_and(ps);
	while (l && peek_word(ps, "or")) {
		struct expr *r;
		ps->p += 2;
		r = parse_and(ps);
		if (!r) {
			expr_free(l);
			return NULL;
		}
		l = binary(N_OR, l, r, start, ps->p);
	}
	return l;
}

struct expr *expr_compile(const char *src, const struct catalog *const *cats, size_t ncats,
			  struct strbuf *err)
{
	struct parser ps = {src, src, cats, ncats, err, 0};
	struct expr *e = parse_or(&ps);

	if (e) {
		skip_ws(&ps);
		if (*ps.p) {
			perr(&ps, "unexpected '%s'", ps.p);
			expr_free(e);
			e = NULL;
		}
	}
	return e;
}

/* ---- expressions: evaluation ---- */

enum vtype { V_UNKNOWN, V_NUM, V_STR, V_BOOL };

struct val {
	enum vtype t;
	double num;
	int date;	 /* num is a date, yyyymmdd */
	const char *str; /* borrowed from the field or the tree */
	char *owned;	 /* substr() results */
	int has_margin;
	double margin;
};

struct evalctx {
	const struct rule_env *env;
	struct strbuf *used, *detail;
};

static void val_release(struct val *v)
{
	free(v->owned);
	v->owned = NULL;
}

static const char *status_zh(const char *status)
{
	if (!status || !strcmp(status, "absent"))
		return "缺失（申报书中未找到）";
	if (!strcmp(status, "empty"))
		return "未填写";
	if (!strcmp(status, "unreadable"))
		return "无法识别";
	if (!strcmp(status, "conflict"))
		return "填写矛盾（多项勾选或两处填写不一致）";
	return status;
}

/*
 * The name a reviewer reads for a field: its label in the form, blanks
 * dropped ("兼容____类工业通信协议" -> "兼容类工业通信协议"), the 类 half of a
 * count pair marked as 类数 and its other half as 数量; the key itself when
 * the catalogue does not know it.
 */
static void shown_field(const struct catalog *cat, const char *key, struct strbuf *out)
{
	/* The pseudo-fields: the unit's 附件5 row for the application. */
	static const char *const summary[][2] = {
	    {"summary.cluster", "汇总表（附件5）“是否省先进制造业集群”"},
	    {"summary.direction", "汇总表（附件5）“项目方向”"},
	    {"summary.project", "汇总表（附件5）“项目名称”"},
	};
	const struct field_def *f = cat ? catalog_find(cat, key) : NULL;
	size_t n = strlen(key), start = out->len;

	for (size_t i = 0; i < ARRAY_SIZE(summary); i++)
		if (!strcmp(key, summary[i][0])) {
			strbuf_addstr(out, summary[i][1]);
			return;
		}
	if (!f) {
		strbuf_addstr(out, key);
		return;
	}
	/* A blank inside the label stands for the number: "可提供X个工业机理模型". */
	for (const char *p = f->label; *p; p++) {
		if (*p != '_')
			strbuf_addch(out, *p);
		else if (p[1] != '_' && p[1])
			strbuf_addch(out, 'X');
	}
	while (out->len >= start + 3 && !strcmp(out->buf + out->len - 3, "："))
		strbuf_setlen(out, out->len - 3);
	if (n > 6 && !strcmp(key + n - 6, "_kinds"))
		strbuf_addstr(out, "（类数）");
	else if (f->type == FT_COUNT_PAIR)
		strbuf_addstr(out, "（数量）");
}

static void shown_key(const struct evalctx *c, const char *key, struct strbuf *out)
{
	strbuf_reset(out);
	shown_field(c->env->catalog, key, out);
}

/* "为" after a name, unless its label already ends in it (平台运营主体应为). */
static void add_wei(struct strbuf *out)
{
	static const char wei[] = "为";
	size_t n = sizeof(wei) - 1;

	if (out->len < n || strcmp(out->buf + out->len - n, wei))
		strbuf_addstr(out, wei);
}

/*
 * A number as a reviewer reads it: a date as 2019年10月14日 (a month range's
 * end is a date too), anything else without an exponent and without
 * trailing zeros (20191014, 0.45, 1500).
 */
static void shown_num(double v, int date, struct strbuf *out)
{
	if (date && v >= 10000101 && v <= 99991231) {
		long d = (long)v;
		strbuf_addf(out, "%ld年%ld月%ld日", d / 10000, d / 100 % 100, d % 100);
		return;
	}
	/*
	 * Sums of amounts carry binary noise (0.1 + 0.2): four decimals at
	 * most, as the forms give them, and none when the value is whole.
	 */
	if (dabs(v - (double)(long long)v) < 5e-5 && dabs(v) < 1e15) {
		double r = v < 0 ? v - 0.5 : v + 0.5;
		strbuf_addf(out, "%lld", (long long)r);
	} else {
		size_t start = out->len;

		strbuf_addf(out, "%.4f", v);
		while (out->len > start && out->buf[out->len - 1] == '0')
			strbuf_setlen(out, out->len - 1);
		if (out->len > start && out->buf[out->len - 1] == '.')
			strbuf_setlen(out, out->len - 1);
	}
}

static void show(const struct catalog *cat, const struct expr *e, struct strbuf *out);

/* e, between open and close when wrap. */
static void show_in(const struct catalog *cat, const struct expr *e, int wrap, const char *open,
		    const char *close, struct strbuf *out)
{
	if (wrap)
		strbuf_addstr(out, open);
	show(cat, e, out);
	if (wrap)
		strbuf_addstr(out, close);
}

/* A part of an and/or, in brackets when it is the other of the two. */
static void show_part(const struct catalog *cat, const struct expr *e, enum node_type parent,
		      struct strbuf *out)
{
	show_in(cat, e, (e->t == N_AND || e->t == N_OR) && e->t != parent, "（", "）", out);
}

/* An operand of arithmetic, in brackets when it is a sum under a product. */
static void show_operand(const struct catalog *cat, const struct expr *e, int product,
			 struct strbuf *out)
{
	show_in(cat, e, product && (e->t == N_ADD || e->t == N_SUB), "(", ")", out);
}

static void show_call(const struct catalog *cat, const struct expr *e, int negated,
		      struct strbuf *out)
{
	const char *str = e->nkids > 1 && e->kids[1]->str ? e->kids[1]->str : "";

	switch (funcs[e->func].f) {
	case F_FILLED:
		for (size_t i = 0; i < e->nkids; i++) {
			if (i)
				strbuf_addstr(out, "、");
			shown_field(cat, e->kids[i]->str, out);
		}
		strbuf_addstr(out, negated ? "未全部填写" : "已填写");
		return;
	case F_COUNT:
		shown_field(cat, e->kids[0]->str, out);
		strbuf_addstr(out, "勾选项数");
		return;
	case F_CONTAINS:
		shown_field(cat, e->kids[0]->str, out);
		strbuf_addf(out, "%s勾选“%s”", negated ? "未" : "", str);
		return;
	case F_ANY_OF:
		shown_field(cat, e->kids[0]->str, out);
		if (negated)
			strbuf_addstr(out, "不为");
		else
			add_wei(out);
		for (size_t i = 1; i < e->nkids; i++)
			strbuf_addf(out, "%s“%s”", i > 1 ? "或" : "", e->kids[i]->str);
		return;
	case F_STARTS:
	case F_ENDS:
		shown_field(cat, e->kids[0]->str, out);
		strbuf_addf(out, "%s以“%s”%s", negated ? "不" : "", str,
			    funcs[e->func].f == F_STARTS ? "开头" : "结尾");
		return;
	case F_SUBSTR: {
		long from = (long)e->kids[1]->num, n = (long)e->kids[2]->num;

		shown_field(cat, e->kids[0]->str, out);
		if (n == 1)
			strbuf_addf(out, "第%ld位", from);
		else
			strbuf_addf(out, "第%ld-%ld位", from, from + n - 1);
		return;
	}
	case F_VALID_CREDIT_CODE:
		shown_field(cat, e->kids[0]->str, out);
		strbuf_addstr(out, negated ? "无效" : "有效（18位，校验位正确）");
		return;
	case F_BRANCH:
		shown_field(cat, e->kids[0]->str, out);
		strbuf_addstr(out, negated ? "不是分公司" : "是分公司");
		return;
	case F_START:
		shown_field(cat, e->kids[0]->str, out);
		strbuf_addstr(out, "的开始日期");
		return;
	case F_END:
		shown_field(cat, e->kids[0]->str, out);
		strbuf_addstr(out, "的结束日期");
		return;
	case F_ABS:
		strbuf_addch(out, '|');
		show(cat, e->kids[0], out);
		strbuf_addch(out, '|');
		return;
	case F_ATTACHED:
		strbuf_addstr(out, negated ? "未附" : "附有");
		for (size_t i = 0; i < e->nkids; i++)
			strbuf_addf(out, "%s%s", i ? "或" : "", e->kids[i]->str);
		return;
	case F_REQUIRED_FILLED:
		strbuf_addstr(out, negated ? "必填项未全部填写" : "必填项均已填写");
		return;
	}
}

static void show(const struct catalog *cat, const struct expr *e, struct strbuf *out)
{
	static const char *const arith[] = {
	    [N_ADD] = " + ", [N_SUB] = " - ", [N_MUL] = " × ", [N_DIV] = " ÷ "};

	switch (e->t) {
	case N_NUM:
		shown_num(e->num, e->date, out);
		return;
	case N_STR:
		strbuf_addf(out, "“%s”", e->str);
		return;
	case N_FIELD:
		shown_field(cat, e->str, out);
		return;
	case N_CALL:
		show_call(cat, e, 0, out);
		return;
	case N_NEG:
		strbuf_addch(out, '-');
		show_operand(cat, e->kids[0], 1, out);
		return;
	case N_ADD:
	case N_SUB:
	case N_MUL:
	case N_DIV:
		show_operand(cat, e->kids[0], e->t == N_MUL || e->t == N_DIV, out);
		strbuf_addstr(out, arith[e->t]);
		show_operand(cat, e->kids[1], e->t == N_MUL || e->t == N_DIV, out);
		return;
	case N_CMP:
		show(cat, e->kids[0], out);
		if (e->kids[1]->t == N_STR && e->op == C_EQ)
			add_wei(out);
		else if (e->kids[1]->t == N_STR && e->op == C_NE)
			strbuf_addstr(out, "不为");
		else
			strbuf_addf(out, " %s ", cmp_shown[e->op]);
		show(cat, e->kids[1], out);
		return;
	case N_AND:
	case N_OR:
		show_part(cat, e->kids[0], e->t, out);
		strbuf_addstr(out, e->t == N_AND ? "，且" : "，或");
		show_part(cat, e->kids[1], e->t, out);
		return;
	case N_NOT:
		if (e->kids[0]->t == N_CALL && funcs[e->kids[0]->func].boolean) {
			show_call(cat, e->kids[0], 1, out);
			return;
		}
		strbuf_addstr(out, "并非（");
		show(cat, e->kids[0], out);
		strbuf_addstr(out, "）");
		return;
	}
}

void expr_show(const struct expr *e, const struct catalog *cat, struct strbuf *out)
{
	show(cat, e, out);
}

static void note_used(struct evalctx *c, const char *key, const struct rule_field *f)
{
	struct strbuf probe = STRBUF_INIT;

	if (!c->used)
		return;
	shown_key(c, key, &probe);
	strbuf_addch(&probe, '=');
	if (!strstr(c->used->buf, probe.buf)) {
		if (c->used->len)
			strbuf_addstr(c->used, "; ");
		strbuf_addstr(c->used, probe.buf);
		if (!f)
			strbuf_addstr(c->used, "—（缺失）");
		else if (strcmp(f->status, "ok"))
			strbuf_addf(c->used, "—（%s%s%s）", status_zh(f->status),
				    f->raw && *f->raw ? "，原文：" : "", f->raw ? f->raw : "");
		else {
			strbuf_addstr(c->used, f->value ? f->value : "");
			if (f->raw && f->value && strcmp(f->raw, f->value))
				strbuf_addf(c->used, "（原文：%s）", f->raw);
		}
	}
	strbuf_release(&probe);
}

static void note_detail(struct evalctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void note_detail(struct evalctx *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->detail)
		return;
	if (c->detail->len)
		strbuf_addstr(c->detail, "；");
	va_start(ap, fmt);
	strbuf_vaddf(c->detail, fmt, ap);
	va_end(ap);
}

static const struct rule_field *get_field(struct evalctx *c, const char *key)
{
	const struct rule_field *f = c->env->field(c->env->ctx, key);
	note_used(c, key, f);
	return f;
}

static int field_ok(const struct rule_field *f)
{
	return f && !strcmp(f->status, "ok");
}

/* Written at all (even if not readable): what "filled in" means for the basic review. */
static int field_filled(const struct rule_field *f)
{
	return f && (!strcmp(f->status, "ok") || !strcmp(f->status, "unreadable") ||
		     !strcmp(f->status, "conflict"));
}

static void unknown_field(struct evalctx *c, const char *key, const struct rule_field *f,
			  struct val *out)
{
	struct strbuf name = STRBUF_INIT;

	shown_key(c, key, &name);
	note_detail(c, "%s：%s", name.buf, status_zh(f ? f->status : NULL));
	strbuf_release(&name);
	out->t = V_UNKNOWN;
}

static void eval(struct evalctx *c, const struct expr *e, struct val *out);

static enum tri truth_of(const struct val *v)
{
	switch (v->t) {
	case V_UNKNOWN:
		return TRI_UNKNOWN;
	case V_BOOL:
	case V_NUM:
		return dabs(v->num) > EPS ? TRI_TRUE : TRI_FALSE;
	case V_STR:
		return v->str && *v->str ? TRI_TRUE : TRI_FALSE;
	}
	return TRI_UNKNOWN;
}

static void set_bool(struct val *out, int b)
{
	out->t = V_BOOL;
	out->num = b ? 1 : 0;
}

/* Is label one of the comma-separated labels of a many_of value? */
static int list_has(const char *list, const char *label)
{
	size_t n = strlen(label);
	const char *p = list;

	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && !strncmp(p, label, n))
			return 1;
		p = comma ? comma + 1 : NULL;
	}
	return 0;
}

/* Start of the idx-th (1-based) UTF-8 character of s, or its end. */
static const char *utf8_at(const char *s, long idx)
{
	while (*s && idx > 1) {
		s++;
		while (((unsigned char)*s & 0xC0) == 0x80)
			s++;
		idx--;
	}
	return s;
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static void eval_call(struct evalctx *c, const struct expr *e, struct val *out)
{
	const char *key = e->nkids && e->kids[0]->t == N_FIELD ? e->kids[0]->str : NULL;
	const struct rule_field *f = key ? get_field(c, key) : NULL;

	out->t = V_UNKNOWN;
	switch (funcs[e->func].f) {
	case F_FILLED: {
		int all = 1;
		for (size_t i = 0; i < e->nkids; i++) {
			const struct rule_field *g = i ? get_field(c, e->kids[i]->str) : f;
			if (!field_filled(g)) {
				struct strbuf name = STRBUF_INIT;

				shown_key(c, e->kids[i]->str, &name);
				note_detail(c, "%s未填写", name.buf);
				strbuf_release(&name);
				all = 0;
			}
		}
		set_bool(out, all);
		return;
	}
	case F_COUNT:
		if (f && !strcmp(f->status, "empty")) {
			out->t = V_NUM;
			out->num = 0;
		} else if (field_ok(f)) {
			out->t = V_NUM;
			out->num = f->has_num ? f->num : 1;
		} else
			unknown_field(c, key, f, out);
		return;
	case F_CONTAINS:
		if (f && !strcmp(f->status, "empty"))
			set_bool(out, 0);
		else if (field_ok(f))
			set_bool(out, list_has(f->value ? f->value : "", e->kids[1]->str));
		else {
			unknown_field(c, key, f, out);
			return;
		}
		if (out->num == 0 && c->detail) {
			struct strbuf what = STRBUF_INIT;

			show_call(c->env->catalog, e, 1, &what);
			note_detail(c, "%s", what.buf);
			strbuf_release(&what);
		}
		return;
	case F_ANY_OF: {
		int any = 0;
		if (!field_ok(f) || !f->value) {
			unknown_field(c, key, f, out);
			return;
		}
		for (size_t i = 1; i < e->nkids && !any; i++)
			any = !strcmp(f->value, e->kids[i]->str);
		set_bool(out, any);
		if (c->detail) {
			struct strbuf name = STRBUF_INIT;

			shown_key(c, key, &name);
			add_wei(&name);
			note_detail(c, "%s“%s”，%s", name.buf, f->value, any ? "符合" : "不符合");
			strbuf_release(&name);
		}
		return;
	}
	case F_STARTS:
	case F_ENDS: {
		const char *s = e->kids[1]->str, *v;
		size_t n = strlen(s), len;
		if (!field_ok(f) || !f->value) {
			unknown_field(c, key, f, out);
			return;
		}
		v = f->value;
		len = strlen(v);
		if (funcs[e->func].f == F_STARTS)
			set_bool(out, len >= n && !strncmp(v, s, n));
		else
			set_bool(out, len >= n && !strcmp(v + len - n, s));
		if (c->detail) {
			struct strbuf name = STRBUF_INIT;

			shown_key(c, key, &name);
			note_detail(c, "%s“%s”%s以“%s”%s", name.buf, v, out->num == 0 ? "不" : "",
				    s, funcs[e->func].f == F_STARTS ? "开头" : "结尾");
			strbuf_release(&name);
		}
		return;
	}
	case F_SUBSTR: {
		const char *from, *to;
		if (!field_filled(f) || !(f->value || f->raw)) {
			unknown_field(c, key, f, out);
			return;
		}
		from = utf8_at(f->value ? f->value : f->raw, (long)e->kids[1]->num);
		to = utf8_at(from, (long)e->kids[2]->num + 1);
		out->t = V_STR;
		out->owned = xstrndup(from, (size_t)(to - from));
		out->str = out->owned;
		return;
	}
	case F_VALID_CREDIT_CODE: {
		struct code_result cr;
		const char *s;
		if (!field_filled(f)) {
			unknown_field(c, key, f, out);
			return;
		}
		s = f->value && *f->value ? f->value : f->raw ? f->raw : "";
		set_bool(out, credit_code_parse(s, strlen(s), &cr) == CODE_OK);
		if (out->num == 0)
			note_detail(c, "统一社会信用代码“%s”格式或校验位错误", s);
		return;
	}
	case F_BRANCH: {
		const char *s;
		if (!field_filled(f)) {
			unknown_field(c, key, f, out);
			return;
		}
		s = f->value && *f->value ? f->value : f->raw ? f->raw : "";
		set_bool(out, name_is_branch(s));
		if (c->detail) {
			struct strbuf name = STRBUF_INIT;

			shown_key(c, key, &name);
			note_detail(c, "%s“%s”%s分公司", name.buf, s,
				    out->num == 0 ? "不是" : "是");
			strbuf_release(&name);
		}
		return;
	}
	case F_START: {
		int y, m;
		if (!field_ok(f) || !f->value || !strchr(f->value, '/') ||
		    sscanf(f->value, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12) {
			if (field_ok(f)) {
				struct strbuf name = STRBUF_INIT;

				shown_key(c, key, &name);
				note_detail(c, "%s无开始年月", name.buf);
				strbuf_release(&name);
			}
			unknown_field(c, key, f, out);
			return;
		}
		/* A month range starts on the first day of its first month. */
		out->t = V_NUM;
		out->num = y * 10000 + m * 100 + 1;
		out->date = 1;
		return;
	}
	case F_END: {
		const char *slash;
		int y, m;
		if (!field_ok(f) || !f->value || !(slash = strchr(f->value, '/')) ||
		    sscanf(slash + 1, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12) {
			if (field_ok(f)) {
				struct strbuf name = STRBUF_INIT;

				shown_key(c, key, &name);
				note_detail(c, "%s无结束年月", name.buf);
				strbuf_release(&name);
			}
			unknown_field(c, key, f, out);
			return;
		}
		/* A month range ends on the last day of its last month. */
		out->t = V_NUM;
		out->num = y * 10000 + m * 100 + days_in_month(y, m);
		out->date = 1;
		return;
	}
	case F_ABS:
		eval(c, e->kids[0], out);
		if (out->t == V_NUM)
			out->num = dabs(out->num);
		return;
	case F_ATTACHED: {
		int any = 0;
		for (size_t i = 0; i < e->nkids && !any; i++)
			any = c->env->attached && c->env->attached(c->env->ctx, e->kids[i]->str);
		set_bool(out, any);
		if (!any && c->detail) {
			struct strbuf kinds = STRBUF_INIT;
			for (size_t i = 0; i < e->nkids; i++)
				strbuf_addf(&kinds, "%s%s", i ? "或" : "", e->kids[i]->str);
			note_detail(c, "未见%s", kinds.buf);
			strbuf_release(&kinds);
		}
		return;
	}
	case F_REQUIRED_FILLED: {
		const struct catalog *cat = c->env->catalog;
		int all = 1;
		for (size_t i = 0; cat && i < cat->n; i++) {
			const struct field_def *d = &cat->fields[i];
			/* The platform's direction box has its own defects and rule (issue 5 §5).
			 */
			if (!d->required || !strcmp(d->key, "direction"))
				continue;
			if (!field_filled(c->env->field(c->env->ctx, d->key))) {
				note_detail(c, "必填项“%s”（%s）未填写", d->label, d->key);
				all = 0;
			}
		}
		set_bool(out, all);
		return;
	}
	}
}

static void eval_cmp(struct evalctx *c, const struct expr *e, struct val *out)
{
	struct val l = {0}, r = {0};
	int res;

	eval(c, e->kids[0], &l);
	eval(c, e->kids[1], &r);
	out->t = V_UNKNOWN;
	if (l.t == V_UNKNOWN || r.t == V_UNKNOWN)
		goto out;
	if (l.t == V_STR || r.t == V_STR) {
		char lb[64], rb[64];
		const char *ls = l.str, *rs = r.str;
		if (l.t != V_STR && !ls) {
			snprintf(lb, sizeof(lb), "%.10g", l.num);
			ls = lb;
		}
		if (r.t != V_STR && !rs) {
			snprintf(rb, sizeof(rb), "%.10g", r.num);
			rs = rb;
		}
		res = !strcmp(ls ? ls : "", rs ? rs : "");
		if (e->op == C_NE)
			res = !res;
		set_bool(out, res);
		if (c->detail) {
			struct strbuf name = STRBUF_INIT;

			show(c->env->catalog, e->kids[0], &name);
			add_wei(&name);
			note_detail(c, "%s“%s”，%s", name.buf, ls ? ls : "",
				    res ? "符合" : "不符合");
			strbuf_release(&name);
		}
		goto out;
	}
	switch (e->op) {
	case C_GE:
		res = l.num >= r.num - EPS;
		break;
	case C_GT:
		res = l.num > r.num + EPS;
		break;
	case C_LE:
		res = l.num <= r.num + EPS;
		break;
	case C_LT:
		res = l.num < r.num - EPS;
		break;
	case C_EQ:
		res = dabs(l.num - r.num) <= EPS;
		break;
	default:
		res = dabs(l.num - r.num) > EPS;
		break;
	}
	set_bool(out, res);
	/* The margin above a lower bound: what the score rewards. */
	if ((e->op == C_GE || e->op == C_GT) && r.num > EPS) {
		out->has_margin = 1;
		out->margin = (l.num - r.num) / r.num;
	}
	if (c->detail) {
		/* 连接设备数为5200，要求 ≥ 5000，符合; a date side shows both as dates. */
		struct strbuf sb = STRBUF_INIT;
		int date = l.date || r.date;

		show(c->env->catalog, e->kids[0], &sb);
		add_wei(&sb);
		shown_num(l.num, date, &sb);
		strbuf_addf(&sb, "，要求 %s ", cmp_shown[e->op]);
		if (e->kids[1]->t == N_NUM)
			shown_num(r.num, date, &sb);
		else {
			show(c->env->catalog, e->kids[1], &sb);
			strbuf_addstr(&sb, "（");
			shown_num(r.num, date, &sb);
			strbuf_addstr(&sb, "）");
		}
		note_detail(c, "%s，%s", sb.buf, res ? "符合" : "不符合");
		strbuf_release(&sb);
	}
out:
	val_release(&l);
	val_release(&r);
}

/* and / or in Kleene logic; the margin of and is its weakest part, of or its best passing one. */
static void eval_logic(struct evalctx *c, const struct expr *e, struct val *out)
{
	struct val l = {0}, r = {0};
	enum tri a, b, res;
	int is_and = e->t == N_AND;

	eval(c, e->kids[0], &l);
	eval(c, e->kids[1], &r);
	a = truth_of(&l);
	b = truth_of(&r);
	if (is_and)
		res = a == TRI_FALSE || b == TRI_FALSE ? TRI_FALSE
		      : a == TRI_TRUE && b == TRI_TRUE ? TRI_TRUE
						       : TRI_UNKNOWN;
	else
		res = a == TRI_TRUE || b == TRI_TRUE	 ? TRI_TRUE
		      : a == TRI_FALSE && b == TRI_FALSE ? TRI_FALSE
							 : TRI_UNKNOWN;
	memset(out, 0, sizeof(*out));
	if (res == TRI_UNKNOWN) {
		out->t = V_UNKNOWN;
	} else {
		set_bool(out, res == TRI_TRUE);
		if (is_and) {
			if (l.has_margin || r.has_margin) {
				out->has_margin = 1;
				out->margin = !l.has_margin	    ? r.margin
					      : !r.has_margin	    ? l.margin
					      : l.margin < r.margin ? l.margin
								    : r.margin;
			}
		} else {
			int lp = a == TRI_TRUE && l.has_margin, rp = b == TRI_TRUE && r.has_margin;
			if (lp || rp) {
				out->has_margin = 1;
				out->margin = !lp		    ? r.margin
					      : !rp		    ? l.margin
					      : l.margin > r.margin ? l.margin
								    : r.margin;
			}
		}
	}
	val_release(&l);
	val_release(&r);
}

static void eval(struct evalctx *c, const struct expr *e, struct val *out)
{
	struct val l = {0}, r = {0};

	memset(out, 0, sizeof(*out));
	switch (e->t) {
	case N_NUM:
		out->t = V_NUM;
		out->num = e->num;
		out->date = e->date;
		return;
	case N_STR:
		out->t = V_STR;
		out->str = e->str;
		return;
	case N_FIELD: {
		const struct rule_field *f = get_field(c, e->str);
		if (!field_ok(f)) {
			unknown_field(c, e->str, f, out);
		} else if (f->has_num) {
			/* Keep the text too: yes/no fields compare with "是" as well as with 1. */
			out->t = V_NUM;
			out->num = f->num;
			out->str = f->value;
		} else {
			out->t = V_STR;
			out->str = f->value ? f->value : "";
		}
		return;
	}
	case N_CALL:
		eval_call(c, e, out);
		return;
	case N_CMP:
		eval_cmp(c, e, out);
		return;
	case N_AND:
	case N_OR:
		eval_logic(c, e, out);
		return;
	case N_NOT:
		eval(c, e->kids[0], &l);
		if (truth_of(&l) == TRI_UNKNOWN)
			out->t = V_UNKNOWN;
		else
			set_bool(out, truth_of(&l) == TRI_FALSE);
		val_release(&l);
		return;
	case N_NEG:
		eval(c, e->kids[0], &l);
		if (l.t == V_NUM || l.t == V_BOOL) {
			out->t = V_NUM;
			out->num = -l.num;
		} else
			out->t = V_UNKNOWN;
		val_release(&l);
		return;
	default:
		break;
	}
	/* Arithmetic. */
	eval(c, e->kids[0], &l);
	eval(c, e->kids[1], &r);
	out->t = V_UNKNOWN;
	if ((l.t == V_NUM || l.t == V_BOOL) && (r.t == V_NUM || r.t == V_BOOL)) {
		out->t = V_NUM;
		switch (e->t) {
		case N_ADD:
			out->num = l.num + r.num;
			break;
		case N_SUB:
			out->num = l.num - r.num;
			break;
		case N_MUL:
			out->num = l.num * r.num;
			break;
		default:
			if (dabs(r.num) < EPS) {
				struct strbuf name = STRBUF_INIT;

				show(c->env->catalog, e->kids[1], &name);
				note_detail(c, "%s为0，无法计算", name.buf);
				strbuf_release(&name);
				out->t = V_UNKNOWN;
			} else
				out->num = l.num / r.num;
			break;
		}
	}
	val_release(&l);
	val_release(&r);
}

void expr_eval(const struct expr *e, const struct rule_env *env, struct rule_result *res,
	       struct strbuf *used, struct strbuf *detail)
{
	struct evalctx c = {env, used, detail};
	struct val v;

	eval(&c, e, &v);
	res->result = truth_of(&v);
	res->has_margin = v.has_margin && res->result == TRI_TRUE;
	res->margin = res->has_margin ? v.margin : 0;
	val_release(&v);
}

/* ---- files ---- */

static int read_all(const char *path, const char *name, struct strbuf *out, struct sha256 *h,
		    int optional, struct strbuf *err)
{
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n;

	if (!f) {
		if (optional && errno == ENOENT)
			return 1;
		strbuf_addf(err, "%s: cannot read: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(out, buf, n);
	fclose(f);
	/* The file name (not the folder) goes into the digest: a copy elsewhere is the same rules.
	 */
	sha256_update(h, name, strlen(name) + 1);
	sha256_update(h, out->buf, out->len);
	return 0;
}

/* Split text into lines in place; calls fn(line, lineno) for each, trimmed of '\r'. */
static char *next_line(char **p)
{
	char *s = *p, *nl;

	if (!s || !*s)
		return NULL;
	nl = strchr(s, '\n');
	if (nl) {
		*nl = '\0';
		*p = nl + 1;
	} else
		*p = s + strlen(s);
	if (nl > s && nl[-1] == '\r')
		nl[-1] = '\0';
	return s;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

static void check_criterion(const struct criterion *c, const char *file, struct strbuf *err)
{
	if (!c->clause)
		strbuf_addf(err, "%s:%d: criterion %s has no clause\n", file, c->line, c->id);
	if (!c->applies)
		strbuf_addf(err, "%s:%d: criterion %s has no applies\n", file, c->line, c->id);
	if (!c->text)
		strbuf_addf(err, "%s:%d: criterion %s has no text\n", file, c->line, c->id);
	if ((int)c->kind < 0)
		strbuf_addf(err, "%s:%d: criterion %s has no kind\n", file, c->line, c->id);
	else if (c->kind != RK_QUALITATIVE && !c->when)
		strbuf_addf(err, "%s:%d: criterion %s (%s) needs a when\n", file, c->line, c->id,
			    rule_kind_name(c->kind));
	if (c->kind == RK_QUALITATIVE && c->when)
		strbuf_addf(err, "%s:%d: criterion %s: a qualitative criterion has no when\n", file,
			    c->line, c->id);
}

static int parse_criteria(struct rules *r, const char *path, char *text, struct strbuf *err)
{
	const struct catalog *cats[2];
	size_t before = err->len, alloc = 0;
	struct criterion *cur = NULL;
	char *p = text, *line;
	int lineno = 0;

	while ((line = next_line(&p))) {
		char *key, *val;
		lineno++;
		line = trim(line);
		if (!*line || *line == '#')
			continue;
		key = line;
		val = line + strcspn(line, " \t");
		if (*val)
			*val++ = '\0';
		val = trim(val);
		if (!strcmp(key, "criterion")) {
			if (cur)
				check_criterion(cur, path, err);
			if (!*val || strcspn(val, " \t") != strlen(val)) {
				strbuf_addf(err, "%s:%d: criterion needs one id\n", path, lineno);
				cur = NULL;
				continue;
			}
			for (size_t i = 0; i < r->n; i++)
				if (!strcmp(r->c[i].id, val))
					strbuf_addf(
					    err,
					    "%s:%d: duplicate criterion id %s (first at line %d)\n",
					    path, lineno, val, r->c[i].line);
			ALLOC_GROW(r->c, r->n + 1, alloc);
			cur = &r->c[r->n++];
			memset(cur, 0, sizeof(*cur));
			cur->id = xstrdup(val);
			cur->line = lineno;
			cur->kind = (enum rule_kind) - 1;
			cur->weight = -1;
			continue;
		}
		if (!cur) {
			strbuf_addf(err,
				    "%s:%d: '%s' outside a criterion block (start one with "
				    "\"criterion ID\")\n",
				    path, lineno, key);
			continue;
		}
		if (!*val) {
			strbuf_addf(err, "%s:%d: %s has no value\n", path, lineno, key);
			continue;
		}
		if (!strcmp(key, "clause")) {
			free(cur->clause);
			cur->clause = xstrdup(val);
		} else if (!strcmp(key, "text")) {
			free(cur->text);
			cur->text = xstrdup(val);
		} else if (!strcmp(key, "kind")) {
			int k;
			for (k = 0; k <= RK_QUALITATIVE; k++)
				if (!strcmp(val, rule_kind_name((enum rule_kind)k)))
					break;
			if (k > RK_QUALITATIVE)
				strbuf_addf(err,
					    "%s:%d: unknown kind '%s' (basic, gate, priority or "
					    "qualitative)\n",
					    path, lineno, val);
			else
				cur->kind = (enum rule_kind)k;
		} else if (!strcmp(key, "applies")) {
			char *save = NULL, *tok;
			cur->applies = 0;
			for (tok = strtok_r(val, " \t,", &save); tok;
			     tok = strtok_r(NULL, " \t,", &save)) {
				unsigned bit = rule_dir_parse(tok);
				if (!bit)
					strbuf_addf(err,
						    "%s:%d: unknown direction '%s' (跨行业跨领域, "
						    "行业级, 企业级, 平台 or 标杆工厂)\n",
						    path, lineno, tok);
				cur->applies |= bit;
			}
		} else if (!strcmp(key, "when")) {
			struct strbuf why = STRBUF_INIT;
			size_t n = 0;
			if (!cur->applies) {
				strbuf_addf(err,
					    "%s:%d: write applies before when (the field keys "
					    "are checked against its forms)\n",
					    path, lineno);
				continue;
			}
			if (cur->applies & RD_PLATFORM)
				cats[n++] = r->platform;
			if (cur->applies & RD_FACTORY)
				cats[n++] = r->factory;
			free(cur->when);
			expr_free(cur->expr);
			cur->when = xstrdup(val);
			cur->expr = expr_compile(val, cats, n, &why);
			if (!cur->expr)
				strbuf_addf(err, "%s:%d: %s\n", path, lineno, why.buf);
			strbuf_release(&why);
		} else if (!strcmp(key, "defect")) {
			/* "CODE" or "CODE field": the field the defect names, with its text. */
			char *field = val + strcspn(val, " \t");

			if (*field) {
				*field++ = '\0';
				field = trim(field);
			}
			if (!defect_kind(val))
				strbuf_addf(err, "%s:%d: unknown defect code %s\n", path, lineno,
					    val);
			if (*field && !cur->applies)
				strbuf_addf(err,
					    "%s:%d: write applies before defect (its field is "
					    "checked against its forms)\n",
					    path, lineno);
			else if (*field &&
				 ((cur->applies & RD_PLATFORM &&
				   !catalog_find(r->platform, field)) ||
				  (cur->applies & RD_FACTORY && !catalog_find(r->factory, field))))
				strbuf_addf(err, "%s:%d: unknown field '%s' in defect\n", path,
					    lineno, field);
			free(cur->defect);
			free(cur->defect_field);
			cur->defect = xstrdup(val);
			cur->defect_field = *field ? xstrdup(field) : NULL;
		} else if (!strcmp(key, "weight")) {
			char *end;
			cur->weight = strtod(val, &end);
			if (*end || cur->weight < 0)
				strbuf_addf(err, "%s:%d: weight must be a number >= 0\n", path,
					    lineno);
		} else {
			strbuf_addf(
			    err,
			    "%s:%d: unknown attribute '%s' (clause, applies, kind, when, text, "
			    "weight, defect)\n",
			    path, lineno, key);
		}
	}
	if (cur)
		check_criterion(cur, path, err);
	if (!r->n && err->len == before)
		strbuf_addf(err, "%s:1: no criteria\n", path);
	return err->len == before ? 0 : -1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int parse_roster(struct rules *r, const char *path, char *text, struct strbuf *err)
{
	size_t before = err->len, alloc = 0;
	char *p = text, *line;
	int lineno = 0;

	while ((line = next_line(&p))) {
		struct code_result cr;
		char *code;
		lineno++;
		line = trim(line);
		if (!*line || *line == '#')
			continue;
		/* The first column is the credit code; a name may follow. */
		code = trim(strtok(line, ",\t"));
		if (!strcmp(code, "credit_code") || !strcmp(code, "统一社会信用代码"))
			continue;
		if (credit_code_parse(code, strlen(code), &cr) != CODE_OK) {
			strbuf_addf(err, "%s:%d: '%s' is not a valid credit code (%s)\n", path,
				    lineno, code, code_status_name(cr.status));
			continue;
		}
		ALLOC_GROW(r->cultivation, r->ncultivation + 1, alloc);
		r->cultivation[r->ncultivation++] = xstrdup(cr.code);
	}
	if (r->ncultivation)
		qsort(r->cultivation, r->ncultivation, sizeof(char *), cmp_str);
	return err->len == before ? 0 : -1;
}

int rules_load(const struct rules_config *cfg, struct rules *r, struct strbuf *err)
{
	static const char *const files[] = {"criteria.txt", "cultivation-2018.csv"};
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct sha256 h;
	int ret = 0;

	memset(r, 0, sizeof(*r));
	r->dir = xstrdup(cfg->dir);
	r->platform = &cfg->forms[RULES_PLATFORM];
	r->factory = &cfg->forms[RULES_FACTORY];
	r->score = cfg->score;
	sha256_init(&h);
	sha256_update(&h, r->platform->digest, sizeof(r->platform->digest));
	sha256_update(&h, r->factory->digest, sizeof(r->factory->digest));
	/* clusters.txt and score.txt */
	sha256_update(&h, cfg->digest, sizeof(cfg->digest));
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		int rc;
		strbuf_reset(&path);
		strbuf_reset(&text);
		strbuf_addf(&path, "%s/%s", cfg->dir, files[i]);
		rc = read_all(path.buf, files[i], &text, &h, i == 1, err);
		if (rc < 0) {
			ret = -1;
			continue;
		}
		if (rc > 0)
			continue;
		if (i == 0)
			rc = parse_criteria(r, path.buf, text.buf, err);
		else
			rc = parse_roster(r, path.buf, text.buf, err);
		if (rc)
			ret = -1;
	}
	sha256_final_hex(&h, r->digest);
	/* Priorities without their own weight take the default of score.txt. */
	for (size_t i = 0; i < r->n; i++)
		if (r->c[i].weight < 0)
			r->c[i].weight = r->c[i].kind == RK_PRIORITY ? r->score.priority_weight : 0;
	strbuf_release(&path);
	strbuf_release(&text);
	if (ret)
		rules_release(r);
	return ret;
}

void rules_release(struct rules *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct criterion *c = &r->c[i];
		free(c->id);
		free(c->clause);
		free(c->when);
		expr_free(c->expr);
		free(c->text);
		free(c->defect);
		free(c->defect_field);
	}
	free(r->c);
	for (size_t i = 0; i < r->ncultivation; i++)
		free(r->cultivation[i]);
	free(r->cultivation);
	free(r->dir);
	memset(r, 0, sizeof(*r));
}
