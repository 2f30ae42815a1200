/*
 * Tests of the （必填） sections (normalize/required.c): the project's own
 * rules/fields/required.tsv against the platform catalogue, field by field
 * and direction by direction, and the refusals of malformed files.
 */
#include "tests/unit/harness.h"

#include "common/catalog.h"
#include "normalize/required.h"

#include "common/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The project's root: tests/run.sh exports TOP; by hand, the current folder. */
static const char *top(void)
{
	const char *t = getenv("TOP");
	return t && *t ? t : ".";
}

struct row {
	const char *key;
	const char *direction; /* the ticked 申报类别; NULL: none or several */
	const char *other;     /* "key=value" held by another field, or NULL */
	int asked;
};

/* value_of for the if rules: the one "key=value" of the row, nothing else. */
static const char *one_value(void *ctx, const char *key)
{
	static char buf[128];
	const char *kv = ctx;
	const char *eq = kv ? strchr(kv, '=') : NULL;

	if (!eq || strncmp(kv, key, (size_t)(eq - kv)) || key[eq - kv])
		return NULL;
	snprintf(buf, sizeof(buf), "%s", eq + 1);
	return buf;
}

static const struct row rows[] = {
    /* 1.平台基础建设能力（必填）: figures and 是/否 boxes, whatever is ticked */
    {"protocols", "企业级", NULL, 1},
    {"edge_preprocess", "行业级", NULL, 1},
    {"sw_interface", NULL, NULL, 1},
    {"xp_models_kinds", "跨行业跨领域", NULL, 1},
    {"xp_models", "跨行业跨领域", NULL, 1},
    /* free text and option sets with nothing ticked are answers of their own */
    {"runtime_arch", "企业级", NULL, 0},
    {"data_volume", "企业级", NULL, 0},
    {"cloud_types", "跨行业跨领域", NULL, 0},
    {"mgmt_functions", "企业级", NULL, 0},
    /* 如是，则能加载____类边缘应用: asked only after 是 */
    {"edge_apps", "企业级", "edge_apps_enabled=是", 1},
    {"edge_apps", "企业级", "edge_apps_enabled=否", 0},
    {"edge_apps", "企业级", NULL, 0},
    {"id_node_scope", "行业级", "id_node=是", 1},
    {"id_node_scope", "行业级", "id_node=否", 0},
    /* 2.平台服务能力（必填） */
    {"managed", "企业级", NULL, 1},
    {"managed_kinds", NULL, NULL, 1},
    {"datapoints", "行业级", NULL, 1},
    {"model_calls", "企业级", NULL, 1},
    {"graphical", "企业级", NULL, 1},
    /* 2.3行业用户覆盖能力（企业、双跨类企业不填） */
    {"users_total", "行业级", NULL, 1},
    {"users_total", "企业级", NULL, 0},
    {"users_total", "跨行业跨领域", NULL, 0},
    {"users_enterprises", NULL, NULL, 0},
    /* 3.双跨服务能力（双跨类申报必填） */
    {"industries", "跨行业跨领域", NULL, 1},
    {"per_domain_apps", "跨行业跨领域", NULL, 1},
    {"regional_cases", "跨行业跨领域", NULL, 1},
    {"industries", "行业级", NULL, 0},
    {"regional_cases", "企业级", NULL, 0},
    {"domains", NULL, NULL, 0},
    {"domain_data", "跨行业跨领域", NULL, 0},
    /* 4.平台应用成效（必填）: 4.1 */
    {"has_plan", "企业级", NULL, 1},
    {"operator", "行业级", NULL, 1},
    {"staff", NULL, NULL, 1},
    {"invest_2017", "企业级", NULL, 1},
    {"effect", "企业级", NULL, 0},
    /* outside 二(三): the basic review's own required column, not these rules */
    {"total_assets", "企业级", NULL, 0},
    {"build_time", "企业级", NULL, 0},
    {"platform_invest", "企业级", NULL, 0},
};

TEST(project_rules_ask_what_the_form_marks)
{
	struct catalog cat;
	struct required_rules req;
	struct strbuf err = STRBUF_INIT, p = STRBUF_INIT, q = STRBUF_INIT;

	strbuf_addf(&p, "%s/rules/fields/platform.tsv", top());
	strbuf_addf(&q, "%s/rules/fields/required.tsv", top());
	if (catalog_load(p.buf, &cat, &err) || required_load(q.buf, &req, &err)) {
		test_fail(__FILE__, __LINE__, "load: %s", err.buf);
		strbuf_release(&err);
		strbuf_release(&p);
		strbuf_release(&q);
		return;
	}
	strbuf_release(&p);
	strbuf_release(&q);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *w = &rows[i];
		const struct field_def *f = catalog_find(&cat, w->key);
		int got;

		if (!f) {
			test_fail(__FILE__, __LINE__, "row %zu: no field %s in the catalogue", i,
				  w->key);
			continue;
		}
		got = required_asks(&req, "platform", f, w->direction, one_value, (void *)w->other);
		if (got != w->asked)
			test_fail(__FILE__, __LINE__,
				  "row %zu: %s ticked %s, %s: asked %d, want %d", i, w->key,
				  w->direction ? w->direction : "(none)", w->other ? w->other : "-",
				  got, w->asked);
		/* The factory form marks no section: the same field is never asked there. */
		if (required_asks(&req, "factory", f, w->direction, one_value, (void *)w->other))
			test_fail(__FILE__, __LINE__, "row %zu: %s asked of a factory", i, w->key);
	}
	required_release(&req);
	catalog_release(&cat);
	strbuf_release(&err);
}

static int load_text(const char *text, struct required_rules *r, struct strbuf *err)
{
	struct strbuf path = STRBUF_INIT;
	FILE *fp;
	int ret;

	strbuf_addf(&path, "%s/required.tsv", test_tmpdir());
	fp = fopen(path.buf, "w");
	fputs(text, fp);
	fclose(fp);
	strbuf_reset(err);
	ret = required_load(path.buf, r, err);
	strbuf_release(&path);
	return ret;
}

TEST(malformed_files_are_refused_with_their_line)
{
	static const struct {
		const char *text;
		const char *msg; /* part of the message; NULL: accepted */
	} cases[] = {
	    {"# only a comment\n\n", NULL},
	    {"section\tplatform\t附件1 二(三)1.\t*\r\n", NULL},
	    {"if\tplatform\tedge_apps\tedge_apps_enabled=是\n", NULL},
	    {"section\tplatform\t附件1\n", ":1: expected 4 tab-separated columns, found 3"},
	    {"#\nsection\tplatform\ta\tb\textra\n",
	     ":2: expected 4 tab-separated columns, found 5"},
	    {"section\tform\ta\t*\n", ":1: form must be platform or factory, not 'form'"},
	    {"when\tplatform\ta\t*\n", ":1: a rule is 'section' or 'if', not 'when'"},
	    {"if\tplatform\tedge_apps\tedge_apps_enabled\n", ":1: expected OTHER=VALUE"},
	    {"if\tplatform\tedge_apps\t=是\n", ":1: expected OTHER=VALUE"},
	    {"if\tplatform\tedge_apps\tx=\n", ":1: expected OTHER=VALUE"},
	    {"section\tplatform\t\t*\n", ":1: empty column"},
	};
	struct strbuf err = STRBUF_INIT;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct required_rules r;
		int ret = load_text(cases[i].text, &r, &err);

		if (!cases[i].msg && ret)
			test_fail(__FILE__, __LINE__, "case %zu refused: %s", i, err.buf);
		else if (cases[i].msg && (!ret || !strstr(err.buf, cases[i].msg)))
			test_fail(__FILE__, __LINE__, "case %zu: got '%s', want '...%s'", i,
				  ret ? err.buf : "(accepted)", cases[i].msg);
		if (!ret)
			required_release(&r);
	}
	strbuf_release(&err);
}

TEST(a_missing_file_asks_nothing)
{
	struct required_rules r;
	struct strbuf err = STRBUF_INIT;
	struct field_def f = {.key = "managed",
			      .label = "可管理的工业设备",
			      .type = FT_COUNT_PAIR,
			      .section = "附件1 二(三)2.1"};

	assert_eq_int(required_load("/nonexistent/required.tsv", &r, &err), 0);
	assert_eq_int(r.n, 0);
	assert_eq_int(required_asks(&r, "platform", &f, "企业级", one_value, NULL), 0);
	required_release(&r);
	strbuf_release(&err);
}

TEST_MAIN(TEST_ENTRY(project_rules_ask_what_the_form_marks),
	  TEST_ENTRY(malformed_files_are_refused_with_their_line),
	  TEST_ENTRY(a_missing_file_asks_nothing))
