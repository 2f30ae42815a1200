/* Unit tests for evaluate/: the rules files, the expression language, every gate, the stage. */
#include "tests/unit/harness.h"

#include "common/catalog.h"
#include "common/db.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "evaluate/evaluate.h"
#include "evaluate/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- fixtures ---- */

static struct catalog platform, factory;
static int have_catalogs;

static const char *top(void)
{
	const char *t = getenv("TOP");
	return t && *t ? t : ".";
}

static int load_catalogs(void)
{
	struct strbuf p = STRBUF_INIT, err = STRBUF_INIT;

	if (!have_catalogs) {
		strbuf_addf(&p, "%s/rules/fields/platform.tsv", top());
		if (!catalog_load(p.buf, &platform, &err)) {
			strbuf_reset(&p);
			strbuf_addf(&p, "%s/rules/fields/factory.tsv", top());
			have_catalogs = !catalog_load(p.buf, &factory, &err);
		}
		if (!have_catalogs)
			test_fail(__FILE__, __LINE__, "catalogues: %s", err.buf);
	}
	strbuf_release(&p);
	strbuf_release(&err);
	return have_catalogs;
}

/*
 * The criteria of dir with the shipped catalogues and dir's score.txt (the
 * defaults when there is none), as rules_config_load would give them.
 */
static int load_rules(const char *dir, struct rules *r, struct strbuf *err)
{
	/* Borrows the catalogues (never released through it); outlives every rules. */
	static struct rules_config cfg;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	size_t before = err->len;
	FILE *f;

	if (!load_catalogs())
		return -1;
	cfg.forms[RULES_PLATFORM] = platform;
	cfg.forms[RULES_FACTORY] = factory;
	cfg.dir = (char *)dir;
	score_params_default(&cfg.score);
	strbuf_addf(&path, "%s/score.txt", dir);
	if ((f = fopen(path.buf, "r"))) {
		char buf[4096];
		size_t n;

		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			strbuf_add(&text, buf, n);
		fclose(f);
		rules_score_parse(text.buf, text.len, path.buf, &cfg.score, err);
	}
	strbuf_release(&path);
	strbuf_release(&text);
	if (rules_load(&cfg, r, err) == 0 && err->len > before) {
		rules_release(r);
		return -1;
	}
	return err->len > before ? -1 : 0;
}

static int load_shipped(struct rules *r)
{
	struct strbuf p = STRBUF_INIT, err = STRBUF_INIT;
	int rc;

	strbuf_addf(&p, "%s/rules/2019", top());
	rc = load_rules(p.buf, r, &err);
	if (rc)
		test_fail(__FILE__, __LINE__, "rules/2019 refused: %s", err.buf);
	strbuf_release(&p);
	strbuf_release(&err);
	return rc;
}

/*
 * An application as "key=value;key=value" pairs; numbers get num, "是"/"否"
 * 1/0; "key=" is a field left blank (status empty).
 */
#define MAXF 128
struct fake {
	struct rule_field f[MAXF];
	char *store[MAXF];
	size_t n;
	const char *attach;
};

static void fake_set(struct fake *a, const char *key, const char *value, const char *status)
{
	struct rule_field *f = NULL;
	char *end;

	for (size_t i = 0; i < a->n; i++)
		if (!strcmp(a->f[i].key, key))
			f = &a->f[i];
	if (!f) {
		f = &a->f[a->n];
		a->store[a->n++] = xstrdup(key);
		f->key = a->store[a->n - 1];
	}
	f->raw = f->value = value;
	f->status = status;
	f->num = value ? strtod(value, &end) : 0;
	f->has_num = value && *value && !*end;
	if (value && (!strcmp(value, "是") || !strcmp(value, "否"))) {
		f->num = !strcmp(value, "是");
		f->has_num = 1;
	}
}

static void fake_parse(struct fake *a, char *spec)
{
	char *save = NULL;

	for (char *kv = strtok_r(spec, ";", &save); kv; kv = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(kv, '=');
		*eq = '\0';
		if (eq[1])
			fake_set(a, kv, eq + 1, "ok");
		else
			fake_set(a, kv, NULL, "empty");
	}
}

static void fake_release(struct fake *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->store[i]);
	memset(a, 0, sizeof(*a));
}

static const struct rule_field *fake_field(void *ctx, const char *key)
{
	struct fake *a = ctx;
	for (size_t i = 0; i < a->n; i++)
		if (!strcmp(a->f[i].key, key))
			return &a->f[i];
	return NULL;
}

static int fake_attached(void *ctx, const char *kind)
{
	struct fake *a = ctx;
	return a->attach && strstr(a->attach, kind) != NULL;
}

static enum tri eval_src(const char *src, struct fake *a, struct strbuf *detail)
{
	const struct catalog *cats[2] = {&platform, NULL};
	struct strbuf err = STRBUF_INIT;
	struct rule_env env = {fake_field, fake_attached, &platform, a};
	struct rule_result res = {TRI_UNKNOWN, 0, 0};
	struct expr *e = expr_compile(src, cats, 1, &err);

	if (!e) {
		test_fail(__FILE__, __LINE__, "%s: %s", src, err.buf);
	} else {
		expr_eval(e, &env, &res, NULL, detail);
		expr_free(e);
	}
	strbuf_release(&err);
	return res.result;
}

static const char *tri_name(enum tri t)
{
	return t == TRI_TRUE ? "pass" : t == TRI_FALSE ? "fail" : "unknown";
}

/* ---- the expression language ---- */

TEST(expressions_evaluate_in_three_valued_logic)
{
	static const struct {
		const char *src, *fields;
		enum tri want;
	} cases[] = {
	    {"devices >= 5000", "devices=5000", TRI_TRUE},
	    {"devices >= 5000", "devices=4999", TRI_FALSE},
	    {"devices > 5000", "devices=5000", TRI_FALSE},
	    {"devices <= 5000 and devices < 5001", "devices=5000", TRI_TRUE},
	    {"devices = 5000", "devices=5000", TRI_TRUE},
	    {"devices != 5000", "devices=5000", TRI_FALSE},
	    {"devices >= 5000", "", TRI_UNKNOWN},
	    /* or: a known alternative decides, an unknown one cannot fail it */
	    {"devices >= 5000 or datapoints >= 30000", "datapoints=30000", TRI_TRUE},
	    {"devices >= 5000 or datapoints >= 30000", "devices=1", TRI_UNKNOWN},
	    {"devices >= 5000 or datapoints >= 30000", "devices=1;datapoints=1", TRI_FALSE},
	    {"devices >= 5000 and datapoints >= 1", "devices=1", TRI_FALSE},
	    {"devices >= 5000 and datapoints >= 1", "devices=6000", TRI_UNKNOWN},
	    /* precedence: and binds tighter than or */
	    {"devices >= 5000 and device_kinds >= 30 or datapoints >= 30000",
	     "devices=5000;device_kinds=29;datapoints=30000", TRI_TRUE},
	    {"devices >= 5000 and (device_kinds >= 30 or datapoints >= 30000)",
	     "devices=4999;device_kinds=30", TRI_FALSE},
	    {"not devices >= 5000", "devices=1", TRI_TRUE},
	    {"not devices >= 5000", "", TRI_UNKNOWN},
	    {"100 * third_party_devs / developers >= 20", "third_party_devs=100;developers=500",
	     TRI_TRUE},
	    {"100 * third_party_devs / developers >= 20", "third_party_devs=100;developers=501",
	     TRI_FALSE},
	    {"100 * third_party_devs / developers >= 20", "third_party_devs=100;developers=0",
	     TRI_UNKNOWN},
	    {"-devices + 2 * 3 - 1 = -5", "devices=10", TRI_TRUE},
	    {"graphical = \"是\"", "graphical=是", TRI_TRUE},
	    {"graphical = \"是\"", "graphical=否", TRI_FALSE},
	    {"graphical", "graphical=是", TRI_TRUE},
	    {"contains(cloud_types, \"私有云\")", "cloud_types=公有云,私有云", TRI_TRUE},
	    {"contains(cloud_types, \"私有\")", "cloud_types=公有云,私有云", TRI_FALSE},
	    /* any_of: the one option ticked is one of those named; nothing ticked is unknown */
	    {"any_of(operator, \"独立法人机构\", \"其他\")", "operator=其他", TRI_TRUE},
	    {"any_of(operator, \"独立法人机构\")", "operator=其他", TRI_FALSE},
	    {"any_of(operator, \"独立法人机构\")", "operator=独立法人", TRI_FALSE},
	    {"any_of(operator, \"独立法人机构\")", "operator=", TRI_UNKNOWN},
	    {"not any_of(operator, \"独立法人机构\")", "operator=其他", TRI_TRUE},
	    /* start: the first day of the first month */
	    {"start(build_time) >= 2017-01-01", "build_time=2017-01/2019-09", TRI_TRUE},
	    {"start(build_time) >= 2017-01-01", "build_time=2016-12/2019-09", TRI_FALSE},
	    {"start(build_time) = 2016-12-01", "build_time=2016-12/2019-09", TRI_TRUE},
	    {"start(build_time) >= 2017-01-01", "build_time=", TRI_UNKNOWN},
	    {"filled(devices, datapoints)", "devices=1", TRI_FALSE},
	    {"filled(devices)", "devices=1", TRI_TRUE},
	    {"substr(credit_code, 3, 2) = \"32\"", "credit_code=91320214745555318W", TRI_TRUE},
	    {"substr(credit_code, 1, 2) = \"91\"", "credit_code=92320214745555318W", TRI_FALSE},
	    {"ends(enterprise, \"分公司\")", "enterprise=江苏某某有限公司南京分公司", TRI_TRUE},
	    {"starts(enterprise, \"江苏\")", "enterprise=江苏某某有限公司", TRI_TRUE},
	    {"valid_credit_code(credit_code)", "credit_code=91320214745555318W", TRI_TRUE},
	    {"valid_credit_code(credit_code)", "credit_code=91110000600037341N", TRI_FALSE},
	    {"end(build_time) < 2019-10-14", "build_time=2018-03/2019-09", TRI_TRUE},
	    {"end(build_time) < 2019-10-14", "build_time=2018-03/2019-10", TRI_FALSE},
	    {"end(build_time) = 2020-02-29", "build_time=2018-03/2020-02", TRI_TRUE},
	    {"abs(platform_invest - 2000) <= 0.5", "platform_invest=2000.5", TRI_TRUE},
	    {"abs(platform_invest - 2000) <= 0.5", "platform_invest=1999.49", TRI_FALSE},
	    {"attached(\"发票\", \"专项审计报告\")", "", TRI_FALSE},
	};

	if (!load_catalogs())
		return;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct fake a = {0};
		char *spec = xstrdup(cases[i].fields);
		enum tri got;

		fake_parse(&a, spec);
		got = eval_src(cases[i].src, &a, NULL);
		if (got != cases[i].want)
			test_fail(__FILE__, __LINE__, "%s with %s: got %d, want %d", cases[i].src,
				  cases[i].fields, got, cases[i].want);
		fake_release(&a);
		free(spec);
	}
}

TEST(empty_and_unreadable_fields_are_unknown_with_a_reason)
{
	struct fake a = {0};
	struct strbuf detail = STRBUF_INIT;

	if (!load_catalogs())
		return;
	fake_set(&a, "devices", NULL, "empty");
	fake_set(&a, "datapoints", "很多", "unreadable");
	assert_eq_int(eval_src("devices >= 1 or datapoints >= 1", &a, &detail), TRI_UNKNOWN);
	assert_true(strstr(detail.buf, "未填写") != NULL);
	assert_true(strstr(detail.buf, "无法识别") != NULL);
	/* an empty check-box group is "none ticked", not unknown */
	fake_set(&a, "cloud_types", NULL, "empty");
	assert_eq_int(eval_src("count(cloud_types) >= 1", &a, NULL), TRI_FALSE);
	fake_release(&a);
	strbuf_release(&detail);
}

TEST(expressions_refused_with_a_reason)
{
	static const struct {
		const char *src, *why;
	} cases[] = {
	    {"devices >=", "unexpected end"},
	    {"devices >= 5000 and", "unexpected end"},
	    {"device >= 5000", "unknown field key 'device'"},
	    {"devices >= 5000)", "unexpected ')'"},
	    {"(devices >= 5000", "expected ')'"},
	    {"nosuch(devices)", "unknown function nosuch()"},
	    {"contains(devices)", "needs more arguments"},
	    {"any_of(operator)", "needs more arguments"},
	    {"any_of(operator, devices)", "must be a \"string\""},
	    {"any_of(\"x\", \"y\")", "must be a field key"},
	    {"contains(\"x\", \"y\")", "must be a field key"},
	    {"substr(devices, 1)", "needs more arguments"},
	    {"devices >= \"5000\"", "strings compare only"},
	    {"devices >= 2019-13-01", "bad date"},
	    {"devices >= 5000 ; rm", "unexpected '; rm'"},
	    {"\"abc", "unterminated string"},
	};
	const struct catalog *cats[1];

	if (!load_catalogs())
		return;
	cats[0] = &platform;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf err = STRBUF_INIT;
		struct expr *e = expr_compile(cases[i].src, cats, 1, &err);
		if (e || !strstr(err.buf, cases[i].why))
			test_fail(__FILE__, __LINE__, "%s: got \"%s\", want \"%s\"", cases[i].src,
				  err.buf, cases[i].why);
		expr_free(e);
		strbuf_release(&err);
	}
	/* A factory key is unknown to a platform criterion. */
	{
		struct strbuf err = STRBUF_INIT;
		struct expr *e = expr_compile("total_invest >= 2000", cats, 1, &err);
		assert_true(!e);
		expr_free(e);
		strbuf_release(&err);
	}
}

/* ---- every gate of rules/2019: exactly at, one below, one above ---- */

struct gate_case {
	const char *id;
	const char *at;	  /* every key at its bound ("key=value;...") */
	const char *vary; /* the key moved one below and one above */
	double step;
};

static const struct gate_case gate_cases[] = {
    {"cross.devices", "devices=5000;device_kinds=30;datapoints=0", "devices", 1},
    {"cross.devices", "devices=5000;device_kinds=30;datapoints=0", "device_kinds", 1},
    {"cross.devices", "devices=0;device_kinds=0;datapoints=30000", "datapoints", 1},
    {"cross.managed", "managed_kinds=3;managed=2000", "managed_kinds", 1},
    {"cross.managed", "managed_kinds=3;managed=2000", "managed", 1},
    {"cross.cloud_sw", "cloud_sw_kinds=3;cloud_sw=20", "cloud_sw_kinds", 1},
    {"cross.cloud_sw", "cloud_sw_kinds=3;cloud_sw=20", "cloud_sw", 1},
    {"cross.models", "models_kinds=3;models=150", "models_kinds", 1},
    {"cross.models", "models_kinds=3;models=150", "models", 1},
    {"cross.algorithms", "algorithms=50", "algorithms", 1},
    {"cross.apps", "app_kinds=3;apps=50", "app_kinds", 1},
    {"cross.apps", "app_kinds=3;apps=50", "apps", 1},
    {"cross.sub_ents", "sub_ent_kinds=3;sub_ents=3000", "sub_ent_kinds", 1},
    {"cross.sub_ents", "sub_ent_kinds=3;sub_ents=3000", "sub_ents", 1},
    {"cross.sub_users", "sub_user_kinds=3;sub_users=5000", "sub_user_kinds", 1},
    {"cross.sub_users", "sub_user_kinds=3;sub_users=5000", "sub_users", 1},
    /* 一(二)2 "工业机理和工业数据分析算法…每月平均调用次数": each of the two */
    {"cross.model_calls", "model_calls=1000;algorithm_calls=1000", "model_calls", 1},
    {"cross.model_calls", "model_calls=1000;algorithm_calls=1000", "algorithm_calls", 1},
    {"cross.dev_tools", "dev_tools=2", "dev_tools", 1},
    {"cross.kit_devs", "kit_devs=1000", "kit_devs", 1},
    {"cross.tool_calls", "tool_calls=3000", "tool_calls", 1},
    {"cross.languages", "languages=3", "languages", 1},
    {"cross.third_party", "third_party_devs=500", "third_party_devs", 1},
    /* 20% exactly: 100 of 500; one more third-party developer is above */
    {"cross.third_party_share", "third_party_devs=100;developers=500", "third_party_devs", 1},
    {"cross.industries", "industries=3;per_industry_devices=1000;per_industry_points=0",
     "industries", 1},
    {"cross.industries", "industries=3;per_industry_devices=1000;per_industry_points=0",
     "per_industry_devices", 1},
    {"cross.industries", "industries=3;per_industry_devices=0;per_industry_points=5000",
     "per_industry_points", 1},
    {"cross.industry_models_apps", "model_industries=3;per_industry_models=1;app_industries=3",
     "model_industries", 1},
    {"cross.industry_models_apps", "model_industries=3;per_industry_models=1;app_industries=3",
     "per_industry_models", 1},
    {"cross.industry_models_apps", "model_industries=3;per_industry_models=1;app_industries=3",
     "app_industries", 1},
    {"cross.industry_apps", "per_industry_apps=15", "per_industry_apps", 1},
    {"cross.industry_users", "user_industries=3;per_industry_users=5", "user_industries", 1},
    {"cross.industry_users", "user_industries=3;per_industry_users=5", "per_industry_users", 1},
    {"cross.domains", "domains=3;per_domain_models=30;per_domain_apps=10", "domains", 1},
    {"cross.domains", "domains=3;per_domain_models=30;per_domain_apps=10", "per_domain_models", 1},
    {"cross.domains", "domains=3;per_domain_models=30;per_domain_apps=10", "per_domain_apps", 1},
    {"cross.staff", "staff=50", "staff", 1},
    {"industry.devices", "devices=1500;datapoints=0", "devices", 1},
    {"industry.devices", "devices=0;datapoints=10000", "datapoints", 1},
    {"industry.managed", "managed=200", "managed", 1},
    {"industry.models", "models=50", "models", 1},
    {"industry.algorithms", "algorithms=20", "algorithms", 1},
    {"industry.apps", "apps=30", "apps", 1},
    {"industry.sub_ents", "sub_ents=100", "sub_ents", 1},
    {"industry.sub_users", "sub_users=300", "sub_users", 1},
    {"industry.model_calls", "model_calls=500;algorithm_calls=500", "model_calls", 1},
    {"industry.model_calls", "model_calls=500;algorithm_calls=500", "algorithm_calls", 1},
    /* 二(二)3 "具备开发工具": at least one */
    {"industry.dev_tools", "dev_tools=1", "dev_tools", 1},
    {"industry.languages", "languages=2", "languages", 1},
    {"industry.third_party", "third_party_devs=500", "third_party_devs", 1},
    {"industry.staff", "staff=30", "staff", 1},
    {"enterprise.devices", "devices=100;datapoints=0", "devices", 1},
    {"enterprise.devices", "devices=0;datapoints=3000", "datapoints", 1},
    {"enterprise.managed", "managed=30", "managed", 1},
    {"enterprise.models", "models=20", "models", 1},
    {"enterprise.apps", "apps=10", "apps", 1},
    {"enterprise.model_calls", "model_calls=200", "model_calls", 1},
    /* amounts in 万元: one below/above is one cent */
    {"factory.invest", "total_invest=2000", "total_invest", 0.01},
    {"factory.opt_site", "opt_site=生产工艺优化", NULL, 0},
    {"factory.opt_mgmt", "opt_mgmt=库存管理", NULL, 0},
    {"factory.opt_biz", "opt_biz=库存管理", NULL, 0},
};

static const struct criterion *find_criterion(const struct rules *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->c[i].id, id))
			return &r->c[i];
	return NULL;
}

static enum tri run_criterion(const struct criterion *c, struct fake *a)
{
	struct rule_env env = {fake_field, fake_attached,
			       c->applies & RD_FACTORY ? &factory : &platform, a};
	struct rule_result res;

	expr_eval(c->expr, &env, &res, NULL, NULL);
	return res.result;
}

TEST(every_gate_at_below_and_above_its_bound)
{
	struct rules r;

	if (load_shipped(&r))
		return;
	for (size_t i = 0; i < ARRAY_SIZE(gate_cases); i++) {
		const struct gate_case *g = &gate_cases[i];
		const struct criterion *c = find_criterion(&r, g->id);
		struct fake a = {0};
		char *spec = xstrdup(g->at), buf[64];
		const struct rule_field *f;
		double at;

		if (!c) {
			test_fail(__FILE__, __LINE__, "no criterion %s", g->id);
			free(spec);
			continue;
		}
		fake_parse(&a, spec);
		if (run_criterion(c, &a) != TRI_TRUE)
			test_fail(__FILE__, __LINE__, "%s: fails exactly at its bound", g->id);
		if (g->vary) {
			f = fake_field(&a, g->vary);
			at = f->num;
			snprintf(buf, sizeof(buf), "%.2f", at - g->step);
			fake_set(&a, g->vary, buf, "ok");
			if (run_criterion(c, &a) != TRI_FALSE)
				test_fail(__FILE__, __LINE__, "%s: %s one below passes", g->id,
					  g->vary);
			snprintf(buf, sizeof(buf), "%.2f", at + g->step);
			fake_set(&a, g->vary, buf, "ok");
			if (run_criterion(c, &a) != TRI_TRUE)
				test_fail(__FILE__, __LINE__, "%s: %s one above fails", g->id,
					  g->vary);
			fake_set(&a, g->vary, NULL, "empty");
			if (run_criterion(c, &a) == TRI_TRUE)
				test_fail(__FILE__, __LINE__, "%s: passes with %s empty", g->id,
					  g->vary);
		} else {
			fake_set(&a, a.f[0].key, NULL, "empty");
			if (run_criterion(c, &a) != TRI_FALSE)
				test_fail(__FILE__, __LINE__, "%s: passes with no box ticked",
					  g->id);
		}
		fake_release(&a);
		free(spec);
	}
	rules_release(&r);
}

TEST(yes_no_and_factory_gates)
{
	static const struct {
		const char *id, *fields, *attach;
		enum tri want;
	} cases[] = {
	    {"cross.graphical", "graphical=是", NULL, TRI_TRUE},
	    {"cross.graphical", "graphical=否", NULL, TRI_FALSE},
	    {"industry.graphical", "graphical=否", NULL, TRI_FALSE},
	    {"factory.completed", "project_period=2017-03/2019-09", NULL, TRI_TRUE},
	    {"factory.completed", "project_period=2017-03/2019-10", NULL, TRI_FALSE},
	    {"factory.completed", "project_period=2017-03/2019-11", NULL, TRI_FALSE},
	    /* cost items: within 0.5万元 of the total, exactly at the tolerance, just past */
	    {"factory.cost_items",
	     "total_invest=2000;cost_dev=500;cost_equipment=500;cost_test=500;cost_salary=500",
	     NULL, TRI_TRUE},
	    {"factory.cost_items",
	     "total_invest=2000;cost_dev=500;cost_equipment=500;cost_test=500;cost_salary=500.5",
	     NULL, TRI_TRUE},
	    {"factory.cost_items",
	     "total_invest=2000;cost_dev=500;cost_equipment=500;cost_test=500;cost_salary=500.51",
	     NULL, TRI_FALSE},
	    {"factory.cost_items",
	     "total_invest=2000;cost_dev=500;cost_equipment=500;cost_test=500;cost_salary=499.49",
	     NULL, TRI_FALSE},
	    {"factory.cost_items", "total_invest=2000;cost_dev=500", NULL, TRI_UNKNOWN},
	    {"factory.proof", "", "发票", TRI_TRUE},
	    {"factory.proof", "", "专项审计报告", TRI_TRUE},
	    {"factory.proof", "", "营业执照;审计报告", TRI_FALSE},
	    {"factory.5g", "net_wireless=5G,4G", NULL, TRI_TRUE},
	    {"factory.5g", "net_wireless=4G", NULL, TRI_FALSE},
	    {"platform.id_node", "id_node=是", NULL, TRI_TRUE},
	    {"platform.id_node", "id_node=否", NULL, TRI_FALSE},
	    {"basic.jiangsu", "credit_code=91320214745555318W", NULL, TRI_TRUE},
	    {"basic.jiangsu", "credit_code=91110000600037341N", NULL, TRI_FALSE},
	    {"basic.legal_person", "credit_code=91320214745555318W;enterprise=江苏甲有限公司", NULL,
	     TRI_TRUE},
	    {"basic.legal_person", "credit_code=92320214745555318W;enterprise=江苏甲有限公司", NULL,
	     TRI_FALSE},
	    {"basic.branch", "enterprise=江苏甲有限公司南京分公司", NULL, TRI_FALSE},
	    {"basic.branch", "enterprise=江苏甲有限公司南京分公司（筹）", NULL, TRI_FALSE},
	    {"basic.branch", "enterprise=江苏甲分公司科技有限公司", NULL, TRI_TRUE},
	    {"basic.branch", "enterprise=江苏甲有限公司", NULL, TRI_TRUE},
	    {"basic.branch", "enterprise=", NULL, TRI_UNKNOWN},
	    {"basic.credit_code", "credit_code=91320214745555318W", NULL, TRI_TRUE},
	    {"basic.credit_code", "credit_code=91320214745555318X", NULL, TRI_FALSE},
	};
	struct rules r;

	if (load_shipped(&r))
		return;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct criterion *c = find_criterion(&r, cases[i].id);
		struct fake a = {0};
		char *spec = xstrdup(cases[i].fields);
		enum tri got;

		if (!c) {
			test_fail(__FILE__, __LINE__, "no criterion %s", cases[i].id);
			free(spec);
			continue;
		}
		fake_parse(&a, spec);
		a.attach = cases[i].attach;
		got = run_criterion(c, &a);
		if (got != cases[i].want)
			test_fail(__FILE__, __LINE__, "%s with %s: got %d, want %d", cases[i].id,
				  cases[i].fields, got, cases[i].want);
		fake_release(&a);
		free(spec);
	}
	rules_release(&r);
}

/*
 * The gates answered by a box of 附件1 (附件3 一(一), 一(三)2, 一(四)1, 一(四)3,
 * 二(一), 二(三)1, 三(一), 三(三)1): 是 passes, 否 fails, a blank box never
 * passes; an option group passes only with the options the clause names.
 */
TEST(box_gates_yes_no_and_blank)
{
	static const struct {
		const char *id, *name, *fields;
		enum tri want;
	} cases[] = {
#define YES_NO(id, key)                                                                            \
	{id, key " 是", key "=是", TRI_TRUE}, {id, key " 否", key "=否", TRI_FALSE},               \
	    {id, key " blank", key "=", TRI_UNKNOWN}
	    YES_NO("cross.edge_preprocess", "edge_preprocess"),
	    YES_NO("cross.edge_apps_enabled", "edge_apps_enabled"),
	    YES_NO("cross.cloud_arch", "cloud_arch"),
	    YES_NO("cross.resource_mgmt", "resource_mgmt"),
	    YES_NO("cross.fault_alarm", "fault_alarm"),
	    YES_NO("cross.cloud_integration", "cloud_integration"),
	    YES_NO("cross.sec_mechanism", "sec_mechanism"),
	    YES_NO("cross.parts_secure", "parts_secure"),
	    YES_NO("cross.regional_cases", "regional_cases"),
	    YES_NO("cross.has_plan", "has_plan"),
	    YES_NO("cross.cloud_open", "cloud_open"),
	    YES_NO("industry.edge_preprocess", "edge_preprocess"),
	    YES_NO("industry.edge_apps_enabled", "edge_apps_enabled"),
	    YES_NO("industry.resource_mgmt", "resource_mgmt"),
	    YES_NO("industry.fault_alarm", "fault_alarm"),
	    YES_NO("industry.cloud_integration", "cloud_integration"),
	    YES_NO("industry.sec_mechanism", "sec_mechanism"),
	    YES_NO("industry.has_plan", "has_plan"),
	    YES_NO("enterprise.storage_infra", "storage_infra"),
	    YES_NO("enterprise.data_integration", "data_integration"),
	    YES_NO("enterprise.data_modeling", "data_modeling"),
	    YES_NO("enterprise.sw_interface", "sw_interface"),
	    YES_NO("enterprise.sec_mechanism", "sec_mechanism"),
	    YES_NO("enterprise.has_plan", "has_plan"),
#undef YES_NO
	    /* 运营主体: the two forms the clause names, not 其他 */
	    {"cross.operator", "独立法人机构", "operator=独立法人机构", TRI_TRUE},
	    {"cross.operator", "集团独立部门", "operator=具有完整组织架构的集团独立部门", TRI_TRUE},
	    {"cross.operator", "其他", "operator=其他", TRI_FALSE},
	    {"cross.operator", "blank", "operator=", TRI_UNKNOWN},
	    {"industry.operator", "独立法人机构", "operator=独立法人机构", TRI_TRUE},
	    {"industry.operator", "集团独立部门", "operator=具有完整组织架构的集团独立部门",
	     TRI_TRUE},
	    {"industry.operator", "其他", "operator=其他", TRI_FALSE},
	    {"industry.operator", "blank", "operator=", TRI_UNKNOWN},
	    /* 一(三)2: 打通、集成与共享, all three; 其他 beside them does no harm */
	    {"cross.domain_data", "all three", "domain_data=打通,集成,共享", TRI_TRUE},
	    {"cross.domain_data", "all three and 其他", "domain_data=打通,集成,共享,其他",
	     TRI_TRUE},
	    {"cross.domain_data", "共享 missing", "domain_data=打通,集成", TRI_FALSE},
	    {"cross.domain_data", "打通 missing", "domain_data=集成,共享", TRI_FALSE},
	    {"cross.domain_data", "集成 missing", "domain_data=打通,共享", TRI_FALSE},
	    {"cross.domain_data", "only 其他", "domain_data=其他", TRI_FALSE},
	    {"cross.domain_data", "none ticked", "domain_data=", TRI_FALSE},
	    /* 一(四)3: 公有云 ticked, alone or with others */
	    {"cross.cloud_types", "公有云", "cloud_types=公有云", TRI_TRUE},
	    {"cross.cloud_types", "公有云 and 混合云", "cloud_types=公有云,混合云", TRI_TRUE},
	    {"cross.cloud_types", "私有云 and 混合云", "cloud_types=私有云,混合云", TRI_FALSE},
	    {"cross.cloud_types", "none ticked", "cloud_types=", TRI_FALSE},
	    /* 一(四)3: 应用商店、开发者社区或论坛: either box */
	    {"cross.app_market", "both", "app_market=是;dev_community=是", TRI_TRUE},
	    {"cross.app_market", "market only", "app_market=是;dev_community=否", TRI_TRUE},
	    {"cross.app_market", "community only", "app_market=否;dev_community=是", TRI_TRUE},
	    {"cross.app_market", "neither", "app_market=否;dev_community=否", TRI_FALSE},
	    {"cross.app_market", "market blank, community 是", "app_market=;dev_community=是",
	     TRI_TRUE},
	    {"cross.app_market", "market blank, community 否", "app_market=;dev_community=否",
	     TRI_UNKNOWN},
	    /* 二(二)2 of 附件2: investment since 2017-01-01, by the construction start */
	    {"factory.started", "start 2017-01", "project_period=2017-01/2019-06", TRI_TRUE},
	    {"factory.started", "start 2016-12", "project_period=2016-12/2019-06", TRI_FALSE},
	    {"factory.started", "start 2018-03", "project_period=2018-03/2019-06", TRI_TRUE},
	    {"factory.started", "blank", "project_period=", TRI_UNKNOWN},
	};
	struct rules r;

	if (load_shipped(&r))
		return;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct criterion *c = find_criterion(&r, cases[i].id);
		struct fake a = {0};
		char *spec = xstrdup(cases[i].fields);
		enum tri got;

		if (!c || c->kind != RK_GATE) {
			test_fail(__FILE__, __LINE__, "%s: no such gate", cases[i].id);
			free(spec);
			continue;
		}
		fake_parse(&a, spec);
		got = run_criterion(c, &a);
		if (got != cases[i].want)
			test_fail(__FILE__, __LINE__, "%s, %s: got %s, want %s", cases[i].id,
				  cases[i].name, tri_name(got), tri_name(cases[i].want));
		fake_release(&a);
		free(spec);
	}
	rules_release(&r);
}

/* Does the condition name the field key (as a whole word)? */
static int mentions(const char *when, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = when; p && (p = strstr(p, key)); p += n) {
		int before = p > when && (p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z'));
		int after = p[n] == '_' || (p[n] >= 'a' && p[n] <= 'z');
		if (!before && !after)
			return 1;
	}
	return 0;
}

/*
 * Which directions each requirement of the office's reading binds
 * (criteria.md K0/H0/E0, K21/H13/E7, E1, H9, K22): a gate of the
 * directions whose text states it, and of no other.
 */
TEST(box_gates_bind_the_directions_that_state_them)
{
	static const struct {
		const char *key;
		unsigned dirs; /* RD_* bits that have a gate on the key */
	} cases[] = {
	    {"edge_preprocess", RD_CROSS | RD_INDUSTRY},
	    {"edge_apps_enabled", RD_CROSS | RD_INDUSTRY},
	    {"cloud_arch", RD_CROSS},
	    {"resource_mgmt", RD_CROSS | RD_INDUSTRY},
	    {"fault_alarm", RD_CROSS | RD_INDUSTRY},
	    {"cloud_integration", RD_CROSS | RD_INDUSTRY},
	    {"sec_mechanism", RD_CROSS | RD_INDUSTRY | RD_ENTERPRISE},
	    {"parts_secure", RD_CROSS},
	    {"storage_infra", RD_ENTERPRISE},
	    {"data_integration", RD_ENTERPRISE},
	    {"data_modeling", RD_ENTERPRISE},
	    {"sw_interface", RD_ENTERPRISE},
	    {"has_plan", RD_CROSS | RD_INDUSTRY | RD_ENTERPRISE},
	    {"operator", RD_CROSS | RD_INDUSTRY},
	    {"dev_tools", RD_CROSS | RD_INDUSTRY},
	    {"cloud_types", RD_CROSS},
	    {"cloud_open", RD_CROSS},
	    {"app_market", RD_CROSS},
	    {"domain_data", RD_CROSS},
	    {"regional_cases", RD_CROSS},
	    {"algorithm_calls", RD_CROSS | RD_INDUSTRY},
	    /* not gates in the office's reading: left to reviewers */
	    {"sw_cloudify", 0},
	    {"multi_models", 0},
	    {"oss_community", 0},
	    {"edge_computing", 0},
	};
	static const char *const prefix[] = {"cross.", "industry.", "enterprise."};
	static const unsigned bit[] = {RD_CROSS, RD_INDUSTRY, RD_ENTERPRISE};
	struct rules r;

	if (load_shipped(&r))
		return;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned found = 0;
		for (size_t k = 0; k < r.n; k++) {
			const struct criterion *c = &r.c[k];
			char want[64];
			if (c->kind != RK_GATE)
				continue;
			for (size_t d = 0; d < ARRAY_SIZE(prefix); d++) {
				snprintf(want, sizeof(want), "%s%s", prefix[d], cases[i].key);
				/* the gate named after the key, or one whose condition reads it */
				if (!(c->applies & bit[d]))
					continue;
				if (!strcmp(c->id, want) || mentions(c->when, cases[i].key))
					found |= bit[d];
			}
		}
		if (found != cases[i].dirs)
			test_fail(__FILE__, __LINE__, "%s: gated for directions %#x, want %#x",
				  cases[i].key, found, cases[i].dirs);
	}
	rules_release(&r);
}

TEST(truth_ids_are_all_there)
{
	/* The generator's gate ids (samples/gen/apps.c), compared one to one. */
	static const char *const ids[] = {
	    "cross.edge_preprocess",
	    "cross.edge_apps_enabled",
	    "cross.cloud_arch",
	    "cross.resource_mgmt",
	    "cross.fault_alarm",
	    "cross.cloud_integration",
	    "cross.sec_mechanism",
	    "cross.parts_secure",
	    "cross.devices",
	    "cross.managed",
	    "cross.cloud_sw",
	    "cross.models",
	    "cross.algorithms",
	    "cross.apps",
	    "cross.sub_ents",
	    "cross.sub_users",
	    "cross.model_calls",
	    "cross.dev_tools",
	    "cross.kit_devs",
	    "cross.tool_calls",
	    "cross.languages",
	    "cross.graphical",
	    "cross.third_party",
	    "cross.third_party_share",
	    "cross.industries",
	    "cross.industry_models_apps",
	    "cross.industry_apps",
	    "cross.industry_users",
	    "cross.domains",
	    "cross.domain_data",
	    "cross.regional_cases",
	    "cross.has_plan",
	    "cross.operator",
	    "cross.staff",
	    "cross.cloud_types",
	    "cross.cloud_open",
	    "cross.app_market",
	    "industry.edge_preprocess",
	    "industry.edge_apps_enabled",
	    "industry.resource_mgmt",
	    "industry.fault_alarm",
	    "industry.cloud_integration",
	    "industry.sec_mechanism",
	    "industry.devices",
	    "industry.managed",
	    "industry.models",
	    "industry.algorithms",
	    "industry.apps",
	    "industry.sub_ents",
	    "industry.sub_users",
	    "industry.model_calls",
	    "industry.dev_tools",
	    "industry.languages",
	    "industry.graphical",
	    "industry.third_party",
	    "industry.has_plan",
	    "industry.operator",
	    "industry.staff",
	    "enterprise.storage_infra",
	    "enterprise.data_integration",
	    "enterprise.data_modeling",
	    "enterprise.sw_interface",
	    "enterprise.sec_mechanism",
	    "enterprise.devices",
	    "enterprise.managed",
	    "enterprise.models",
	    "enterprise.apps",
	    "enterprise.model_calls",
	    "enterprise.has_plan",
	    "factory.completed",
	    "factory.started",
	    "factory.invest",
	    "factory.cost_items",
	    "factory.proof",
	    "factory.opt_site",
	    "factory.opt_mgmt",
	    "factory.opt_biz",
	};
	struct rules r;
	size_t gates = 0;

	if (load_shipped(&r))
		return;
	for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
		const struct criterion *c = find_criterion(&r, ids[i]);
		if (!c || c->kind != RK_GATE)
			test_fail(__FILE__, __LINE__, "%s missing or not a gate", ids[i]);
	}
	for (size_t i = 0; i < r.n; i++)
		gates += r.c[i].kind == RK_GATE;
	assert_eq_int(gates, ARRAY_SIZE(ids));
	rules_release(&r);
}

/* ---- malformed rules files ---- */

static void write_file(const char *dir, const char *name, const char *text)
{
	struct strbuf p = STRBUF_INIT;
	FILE *f;

	strbuf_addf(&p, "%s/%s", dir, name);
	f = fopen(p.buf, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	strbuf_release(&p);
}

TEST(malformed_rules_refused_with_file_and_line)
{
	static const struct {
		const char *criteria, *want;
	} cases[] = {
	    {"criterion a\nclause x\napplies 行业级\nkind gate\nwhen devices >= \ntext t\n",
	     "criteria.txt:5: unexpected end of condition"},
	    {"criterion a\nclause x\napplies 行业级\nkind gate\nwhen devics >= 1\ntext t\n",
	     "criteria.txt:5: unknown field key 'devics'"},
	    {"criterion a\nclause x\napplies 行業級\nkind gate\nwhen devices >= 1\ntext t\n",
	     "criteria.txt:3: unknown direction '行業級'"},
	    {"criterion a\nclause x\napplies 行业级\nkind must\nwhen devices >= 1\ntext t\n",
	     "criteria.txt:4: unknown kind 'must'"},
	    {"clause x\n", "criteria.txt:1: 'clause' outside a criterion block"},
	    {"# c\n\ncriterion a\nclause x\napplies 行业级\nkind gate\ntext t\n",
	     "criteria.txt:3: criterion a (gate) needs a when"},
	    {"criterion a\nclause x\napplies 标杆工厂\nkind gate\nwhen devices >= 1\ntext t\n",
	     "criteria.txt:5: unknown field key 'devices'"},
	    {"criterion a\nclause x\napplies 行业级\nkind gate\nwhen devices >= 1\ntext t\n"
	     "defect NO_SUCH_CODE\n",
	     "criteria.txt:7: unknown defect code NO_SUCH_CODE"},
	    {"criterion a\nclause x\napplies 行业级\nkind gate\nwhen devices >= 1\ntext t\n"
	     "criterion a\nclause x\napplies 行业级\nkind gate\nwhen devices >= 1\ntext t\n",
	     "criteria.txt:7: duplicate criterion id a"},
	    {"criterion a\nclause x\napplies 行业级\nkind gate\nwhen devices >= 1\ntext t\n"
	     "colour blue\n",
	     "criteria.txt:7: unknown attribute 'colour'"},
	    {"criterion a\nclause x\napplies 行业级\nkind gate\nwhen devices >= 1\ntext t\n"
	     "defect NOT_JIANGSU no_such_key\n",
	     "criteria.txt:7: unknown field 'no_such_key' in defect"},
	    {"criterion a\nclause x\ndefect NOT_JIANGSU credit_code\napplies 行业级\nkind gate\n"
	     "when devices >= 1\ntext t\n",
	     "criteria.txt:3: write applies before defect"},
	};

	if (!load_catalogs())
		return;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf dir = STRBUF_INIT, err = STRBUF_INIT;
		struct rules r;

		strbuf_addf(&dir, "%s", test_tmpdir());
		write_file(dir.buf, "criteria.txt", cases[i].criteria);
		write_file(dir.buf, "score.txt", "gate_margin_cap 0.5\n");
		if (!load_rules(dir.buf, &r, &err)) {
			test_fail(__FILE__, __LINE__, "case %zu accepted", i);
			rules_release(&r);
		} else if (!strstr(err.buf, cases[i].want)) {
			test_fail(__FILE__, __LINE__, "case %zu: got \"%s\", want \"%s\"", i,
				  err.buf, cases[i].want);
		}
		strbuf_release(&dir);
		strbuf_release(&err);
	}
	/* score.txt and the roster are checked too */
	{
		struct strbuf err = STRBUF_INIT;
		struct rules r;
		write_file(test_tmpdir(), "criteria.txt",
			   "criterion a\nclause x\napplies 行业级\nkind gate\nwhen devices >= "
			   "1\ntext t\n");
		write_file(test_tmpdir(), "score.txt", "gate_margin_cap 0.5\nweight_gates lots\n");
		write_file(test_tmpdir(), "cultivation-2018.csv",
			   "# x\n91110000600037341N,某公司\n");
		assert_true(load_rules(test_tmpdir(), &r, &err) < 0);
		assert_true(strstr(err.buf, "score.txt:2: weight_gates must be a number") != NULL);
		assert_true(strstr(err.buf, "cultivation-2018.csv:2:") != NULL);
		strbuf_release(&err);
	}
}

/* ---- declared and recommended direction ---- */

TEST(declared_direction)
{
	int mm;

	assert_eq_str(evaluate_declared("重点培育", "行业级", &mm), "重点培育");
	assert_eq_int(mm, 0);
	assert_eq_str(evaluate_declared("行业级", "行业级", &mm), "行业级");
	assert_eq_int(mm, 0);
	assert_eq_str(evaluate_declared("企业级", "行业级", &mm), "行业级");
	assert_eq_int(mm, 1);
	assert_eq_str(evaluate_declared("企业级", NULL, &mm), "企业级");
	assert_eq_int(mm, 0);
	assert_eq_str(evaluate_declared(NULL, "跨行业跨领域", &mm), "跨行业跨领域");
	assert_eq_str(evaluate_declared(NULL, NULL, &mm), "");
}

TEST(recommended_direction)
{
	static const struct {
		int factory, basic;
		const char *declared;
		int p0, p1, p2, fok;
		const char *want;
	} cases[] = {
	    {0, 1, "跨行业跨领域", 1, 1, 1, 0, "跨行业跨领域"}, /* keeps */
	    {0, 1, "跨行业跨领域", 0, 1, 1, 0, "行业级"},	/* drops one */
	    {0, 1, "跨行业跨领域", 0, 0, 1, 0, "企业级"},	/* drops two */
	    {0, 1, "行业级", 0, 0, 0, 0, "重点培育"},		/* passes none */
	    {0, 0, "行业级", 1, 1, 1, 0, "不予推荐"},		/* basic fails */
	    {0, 1, "重点培育", 1, 1, 1, 0, "重点培育"},		/* declared 重点培育 stays */
	    {0, 0, "重点培育", 1, 1, 1, 0, "不予推荐"},
	    {0, 1, "企业级", 1, 1, 0, 0, "重点培育"}, /* never above declared */
	    {0, 1, "行业级", 1, 0, 1, 0, "企业级"},
	    {1, 1, "标杆工厂", 0, 0, 0, 1, "标杆工厂"},
	    {1, 1, "标杆工厂", 0, 0, 0, 0, "不予推荐"},
	    {1, 0, "标杆工厂", 0, 0, 0, 1, "不予推荐"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct recommend_in in = {cases[i].factory,
					  cases[i].basic,
					  cases[i].declared,
					  {cases[i].p0, cases[i].p1, cases[i].p2},
					  cases[i].fok};
		const char *got = evaluate_recommend(&in);
		if (strcmp(got, cases[i].want))
			test_fail(__FILE__, __LINE__, "case %zu: got %s, want %s", i, got,
				  cases[i].want);
	}
}

/* ---- the stage on a database ---- */

static sqlite3 *open_db(void)
{
	struct strbuf p = STRBUF_INIT, err = STRBUF_INIT;
	sqlite3 *db = NULL;

	strbuf_addf(&p, "%s/t.db", test_tmpdir());
	if (db_open(p.buf, &db, &err))
		test_fail(__FILE__, __LINE__, "%s", err.buf);
	db_exec(db,
		"INSERT INTO bundles(id, inbox_name, kind, unit, state, received) "
		"VALUES (1, 'a.zip', 'archive', '南京市', 'current', 'now'),"
		"(2, 'b.zip', 'archive', '无锡市', 'current', 'now');"
		"INSERT INTO files(id, bundle_id, path, depth, size, kind) VALUES "
		"(1, 1, '附件5.xlsx', 0, 1, 'summary'), (2, 2, '附件5.xlsx', 0, 1, 'summary');");
	strbuf_release(&p);
	strbuf_release(&err);
	return db;
}

/* Insert application id with every required field of its form filled, plus extra. */
static void add_app(sqlite3 *db, int id, int bundle, const char *type, const char *direction,
		    const char *code, const char *extra)
{
	const struct catalog *cat = strcmp(type, "factory") ? &platform : &factory;
	struct fake a = {0};
	char *spec = xstrdup(extra);
	char sql[512];
	sqlite3_stmt *st;

	snprintf(sql, sizeof(sql),
		 "INSERT INTO applications(id, bundle_id, type, enterprise, app_no, credit_code, "
		 "direction) VALUES (%d, %d, '%s', '企业%d有限公司', 'P%s', '%s', %s%s%s)",
		 id, bundle, type, id, code, code, direction ? "'" : "",
		 direction ? direction : "NULL", direction ? "'" : "");
	db_exec(db, sql);
	/* Every one of these came with its form (a form-less one gets SUMMARY_ONLY alone). */
	snprintf(sql, sizeof(sql),
		 "INSERT INTO files(id, bundle_id, path, depth, size, kind) VALUES "
		 "(%d, %d, 'form%d.docx', 0, 1, 'form_%s');"
		 "UPDATE applications SET form_file_id = %d WHERE id = %d",
		 1000 + id, bundle, id, type, 1000 + id, id);
	db_exec(db, sql);
	for (size_t i = 0; i < cat->n; i++)
		if (cat->fields[i].required)
			fake_set(&a, cat->fields[i].key, "有", "ok");
	fake_set(&a, "credit_code", code, "ok");
	snprintf(sql, sizeof(sql), "企业%d有限公司", id);
	fake_set(&a, "enterprise", sql, "ok");
	fake_parse(&a, spec);
	st = db_prepare(db, "INSERT INTO fields(application_id, key, raw, value, num, status) "
			    "VALUES (?, ?, ?, ?, ?, ?)");
	for (size_t i = 0; st && i < a.n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, id);
		db_bind_text(st, 2, a.f[i].key);
		db_bind_text(st, 3, a.f[i].raw);
		db_bind_text(st, 4, a.f[i].value);
		if (a.f[i].has_num)
			sqlite3_bind_double(st, 5, a.f[i].num);
		else
			sqlite3_bind_null(st, 5);
		db_bind_text(st, 6, a.f[i].status);
		if (sqlite3_step(st) != SQLITE_DONE)
			test_fail(__FILE__, __LINE__, "insert field %s", a.f[i].key);
	}
	sqlite3_finalize(st);
	fake_release(&a);
	free(spec);
}

static char *query(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	char *v = NULL;

	if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v ? v : xstrdup("(null)");
}

#define assert_query(db, sql, want)                                                                \
	do {                                                                                       \
		char *got_ = query((db), (sql));                                                   \
		assert_eq_str(got_, (want));                                                       \
		free(got_);                                                                        \
	} while (0)

/* The 行业级 gates exactly at their bounds (and 企业级 with them). */
#define INDUSTRY_AT                                                                                    \
	"devices=1500;datapoints=0;managed=200;models=50;algorithms=20;apps=30;sub_ents=100;"          \
	"sub_users=300;model_calls=500;algorithm_calls=500;dev_tools=1;languages=2;graphical=是;"     \
	"third_party_devs=500;staff=30;has_plan=是;operator=独立法人机构;edge_preprocess=是;"  \
	"edge_apps_enabled=是;resource_mgmt=是;fault_alarm=是;cloud_integration=是;"               \
	"sec_mechanism=是;storage_infra=是;data_integration=是;data_modeling=是;sw_interface=是;" \
	"platform_name=甲平台"

TEST(stage_writes_verdicts_assessments_and_defects)
{
	struct rules r;
	struct evaluate_stats s;
	sqlite3 *db;

	if (load_shipped(&r))
		return;
	db = open_db();
	/* 1: 行业级 at every bound, listed: keeps 行业级 */
	add_app(db, 1, 1, "platform", "行业级", "91320214745555318W", INDUSTRY_AT);
	/* 2: one below on industry.managed: drops to 企业级; table says 企业级: SUMMARY_MISMATCH */
	add_app(db, 2, 1, "platform", "行业级", "913205056082348768", INDUSTRY_AT ";managed=199");
	/* 3: table says 重点培育; passes every gate: stays 重点培育 */
	add_app(db, 3, 1, "platform", "跨行业跨领域", "91320214745555318W",
		INDUSTRY_AT ";id_node=是");
	/* 4: factory, cost items off by 1万元, no proof, not listed */
	add_app(db, 4, 1, "factory", NULL, "913205056082348768",
		"project_period=2017-01/2019-06;total_invest=2000;cost_dev=500;cost_equipment=500;"
		"cost_test=500;cost_salary=501;opt_site=生产工艺优化;opt_mgmt=库存管理;"
		"opt_biz=库存管理;net_wireless=5G;project_name=工厂项目");
	/* 5: not in Jiangsu */
	add_app(db, 5, 2, "platform", "企业级", "91110000600037341N", INDUSTRY_AT);
	db_exec(db, "INSERT INTO summary_rows(bundle_id, file_id, table_type, row, enterprise, "
		    "direction, project, cluster, application_id) VALUES "
		    "(1, 1, 'platform', 2, '企业1有限公司', '行业级', '甲平台', '物联网', 1),"
		    "(1, 1, 'platform', 3, '企业2有限公司', '企业级', '甲平台', '否', 2),"
		    "(1, 1, 'platform', 4, '企业3有限公司', '重点培育', '甲平台', '否', 3),"
		    "(1, 1, 'platform', 5, '缺席有限公司', '企业级', '乙平台', '否', NULL),"
		    "(2, 2, 'platform', 2, '企业5有限公司', '企业级', '甲平台', '否', 5)");
	assert_eq_int(evaluate_run(db, &r, &s), 0);
	assert_eq_int(s.applications, 5);
	assert_eq_int(s.evaluated, 5);

	assert_query(
	    db, "SELECT declared || '>' || recommended FROM assessments WHERE application_id = 1",
	    "行业级>行业级");
	assert_query(db,
		     "SELECT result FROM verdicts WHERE application_id = 1 AND criterion = "
		     "'industry.managed'",
		     "pass");
	assert_query(db,
		     "SELECT direction FROM verdicts WHERE application_id = 1 AND criterion = "
		     "'industry.managed'",
		     "行业级");
	assert_query(db, "SELECT priorities FROM assessments WHERE application_id = 1",
		     "属于省先进制造业集群（优先）");
	assert_query(
	    db, "SELECT declared || '>' || recommended FROM assessments WHERE application_id = 2",
	    "行业级>企业级");
	assert_query(db,
		     "SELECT result FROM verdicts WHERE application_id = 2 AND criterion = "
		     "'industry.managed'",
		     "fail");
	assert_query(db,
		     "SELECT count(*) FROM defects WHERE application_id = 2 AND code = "
		     "'SUMMARY_MISMATCH' AND stage = 'evaluate'",
		     "1");
	/* 1 and 3 share a credit code and type */
	assert_query(db, "SELECT count(*) FROM defects WHERE code = 'DUPLICATE_APPLICATION'", "2");
	assert_query(
	    db, "SELECT declared || '>' || recommended FROM assessments WHERE application_id = 3",
	    "重点培育>重点培育");
	assert_query(
	    db, "SELECT declared || '>' || recommended FROM assessments WHERE application_id = 4",
	    "标杆工厂>不予推荐");
	assert_query(db,
		     "SELECT group_concat(code, ',') FROM (SELECT code FROM defects WHERE "
		     "application_id = 4 ORDER BY code)",
		     "ATTACHMENT_MISSING,COST_ITEMS_MISMATCH,FORM_ONLY");
	assert_query(db,
		     "SELECT result FROM verdicts WHERE application_id = 4 AND criterion = "
		     "'factory.invest'",
		     "pass");
	assert_query(db, "SELECT priorities FROM assessments WHERE application_id = 4",
		     "具有5G应用场景（优先认定）");
	assert_query(db, "SELECT basic_ok || recommended FROM assessments WHERE application_id = 5",
		     "0不予推荐");
	/* 5's code is of Beijing: the rules' defect line names the field and quotes the code. */
	assert_query(db,
		     "SELECT stage || ' ' || field || ' ' || raw FROM defects WHERE "
		     "application_id = 5 AND code = 'NOT_JIANGSU'",
		     "evaluate credit_code 91110000600037341N");
	assert_query(db, "SELECT count(*) FROM defects WHERE code = 'NOT_LEGAL_PERSON'", "0");
	assert_query(db,
		     "SELECT count(*) FROM defects WHERE code = 'SUMMARY_ONLY' AND raw = "
		     "'缺席有限公司' AND application_id IS NULL",
		     "1");
	assert_query(db,
		     "SELECT count(*) FROM verdicts WHERE application_id = 1 AND kind = "
		     "'qualitative' AND result = ''",
		     "3");
	/* score: components shown */
	assert_query(db,
		     "SELECT score_detail LIKE '门槛余量 0.00/60%优先条件 10.00%' FROM "
		     "assessments WHERE application_id = 1",
		     "1");

	/* A second run with the same rules and fields does nothing. */
	assert_eq_int(evaluate_run(db, &r, &s), 0);
	assert_eq_int(s.evaluated, 0);
	assert_eq_int(s.unchanged, 5);
	/* A changed field re-evaluates that application only. */
	db_exec(db, "UPDATE fields SET value = '200', raw = '200', num = 200 WHERE "
		    "application_id = 2 AND key = 'managed'");
	assert_eq_int(evaluate_run(db, &r, &s), 0);
	assert_eq_int(s.evaluated, 1);
	assert_query(db, "SELECT recommended FROM assessments WHERE application_id = 2", "行业级");
	assert_query(db,
		     "SELECT count(*) FROM defects WHERE application_id = 2 AND code = "
		     "'SUMMARY_MISMATCH'",
		     "1");
	db_close(db);
	rules_release(&r);
}

/* Every 跨行业跨领域 gate exactly at its bound (and 行业级, 企业级 with them). */
#define CROSS_AT                                                                                   \
	INDUSTRY_AT ";devices=5000;device_kinds=30;managed_kinds=3;managed=2000;cloud_sw_kinds=3;" \
		    "cloud_sw=20;models_kinds=3;models=150;algorithms=50;app_kinds=3;apps=50;"     \
		    "sub_ent_kinds=3;sub_ents=3000;sub_user_kinds=3;sub_users=5000;"               \
		    "model_calls=1000;algorithm_calls=1000;dev_tools=2;kit_devs=1000;"             \
		    "tool_calls=3000;languages=3;developers=2500;industries=3;"                    \
		    "per_industry_devices=1000;model_industries=3;per_industry_models=1;"          \
		    "app_industries=3;per_industry_apps=15;user_industries=3;"                     \
		    "per_industry_users=5;domains=3;per_domain_models=30;per_domain_apps=10;"      \
		    "domain_data=打通,集成,共享;regional_cases=是;staff=50;cloud_arch=是;" \
		    "cloud_types=公有云;cloud_open=是;app_market=是;dev_community=否;"       \
		    "parts_secure=是"

/*
 * The one-below cases of the office's reading, through the stage: each box
 * gate that fails drops the application to the highest direction below whose
 * gates all pass (or 重点培育), and 达标情况 (gates_ok) goes with it.
 */
TEST(box_gates_decide_the_recommended_direction)
{
	static const struct {
		const char *name, *declared, *fields, *want;
		int gates_ok;
	} cases[] = {
	    {"K at every bound", "跨行业跨领域", CROSS_AT, "跨行业跨领域", 1},
	    {"K 共享 unticked", "跨行业跨领域", CROSS_AT ";domain_data=打通,集成", "行业级", 0},
	    {"K no 公有云", "跨行业跨领域", CROSS_AT ";cloud_types=私有云,混合云", "行业级", 0},
	    {"K cloud not open", "跨行业跨领域", CROSS_AT ";cloud_open=否", "行业级", 0},
	    {"K only a community", "跨行业跨领域", CROSS_AT ";app_market=否;dev_community=是",
	     "跨行业跨领域", 1},
	    {"K no market, no community", "跨行业跨领域", CROSS_AT ";app_market=否", "行业级", 0},
	    {"K no regional case", "跨行业跨领域", CROSS_AT ";regional_cases=否", "行业级", 0},
	    {"K algorithm calls 999", "跨行业跨领域", CROSS_AT ";algorithm_calls=999", "行业级", 0},
	    {"K parts not secure", "跨行业跨领域", CROSS_AT ";parts_secure=否", "行业级", 0},
	    {"K operator 其他", "跨行业跨领域", CROSS_AT ";operator=其他", "企业级", 0},
	    {"H at every bound", "行业级", INDUSTRY_AT, "行业级", 1},
	    {"H operator 其他", "行业级", INDUSTRY_AT ";operator=其他", "企业级", 0},
	    {"H no development tool", "行业级", INDUSTRY_AT ";dev_tools=0", "企业级", 0},
	    {"H edge preprocessing 否", "行业级", INDUSTRY_AT ";edge_preprocess=否", "企业级", 0},
	    {"H no plan", "行业级", INDUSTRY_AT ";has_plan=否", "重点培育", 0},
	    {"E no software interface", "企业级", INDUSTRY_AT ";sw_interface=否", "重点培育", 0},
	    {"E no plan", "企业级", INDUSTRY_AT ";has_plan=否", "重点培育", 0},
	    {"E plan blank", "企业级", INDUSTRY_AT ";has_plan=", "重点培育", 0},
	    {"E operator 其他", "企业级", INDUSTRY_AT ";operator=其他", "企业级", 1},
	};
	struct rules r;
	struct evaluate_stats s;
	sqlite3 *db;

	if (load_shipped(&r))
		return;
	db = open_db();
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		add_app(db, (int)i + 1, 1, "platform", cases[i].declared, "91320214745555318W",
			cases[i].fields);
	assert_eq_int(evaluate_run(db, &r, &s), 0);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char sql[160], want[96], *got;

		snprintf(sql, sizeof(sql),
			 "SELECT recommended || ' ' || gates_ok FROM assessments WHERE "
			 "application_id = %zu",
			 i + 1);
		snprintf(want, sizeof(want), "%s %d", cases[i].want, cases[i].gates_ok);
		got = query(db, sql);
		if (strcmp(got, want))
			test_fail(__FILE__, __LINE__, "%s: got %s, want %s", cases[i].name, got,
				  want);
		free(got);
	}
	db_close(db);
	rules_release(&r);
}

TEST(missing_fields_make_gates_unknown_not_passed)
{
	struct rules r;
	struct evaluate_stats s;
	sqlite3 *db;

	if (load_shipped(&r))
		return;
	db = open_db();
	add_app(db, 1, 1, "platform", "企业级", "91320214745555318W",
		"devices=100;managed=30;models=20;apps=10");
	assert_eq_int(evaluate_run(db, &r, &s), 0);
	assert_query(db,
		     "SELECT result FROM verdicts WHERE application_id = 1 AND criterion = "
		     "'enterprise.model_calls'",
		     "unknown");
	assert_query(db,
		     "SELECT detail LIKE '无法判断%未填写%' OR detail LIKE '无法判断%缺失%' "
		     "FROM verdicts WHERE application_id = 1 AND criterion = "
		     "'enterprise.model_calls'",
		     "1");
	assert_query(db, "SELECT gates_ok || recommended FROM assessments WHERE application_id = 1",
		     "0重点培育");
	db_close(db);
	rules_release(&r);
}

/*
 * What the worksheet shows: the condition and the account of each verdict
 * in the reviewer's words, with the form's labels, dates as dates and no
 * exponents; never the rules file's keys and functions.
 */
TEST(conditions_and_details_read_as_chinese)
{
	static const struct {
		const struct catalog *cat;
		const char *src, *values, *shown, *detail;
	} t[] = {
	    {&platform, "devices >= 5000 and device_kinds >= 30 or datapoints >= 30000",
	     "devices=1781;device_kinds=4;datapoints=6791",
	     "（可连接的工业设备种类（数量） ≥ 5000，且可连接的工业设备种类（类数） ≥ "
	     "30），或设备数据采集点总数 ≥ "
	     "30000",
	     "可连接的工业设备种类（数量）为1781，要求 ≥ 5000，不符合"},
	    {&platform, "substr(credit_code, 1, 2) = \"91\" and not ends(enterprise, \"分公司\")",
	     "credit_code=91320116435313348X;enterprise=甲公司南京分公司",
	     "统一社会信用代码第1-2位为“91”，且企业名称不以“分公司”结尾",
	     "企业名称“甲公司南京分公司”以“分公司”结尾"},
	    {&factory, "end(project_period) < 2019-10-14", "project_period=2018-03/2019-12",
	     "项目建设时间的结束日期 < 2019年10月14日",
	     "项目建设时间的结束日期为2019年12月31日，要求 < 2019年10月14日，不符合"},
	    {&factory, "total_invest >= 2000", "total_invest=20191014.5",
	     "项目总投入（万元） ≥ 2000", "项目总投入（万元）为20191014.5，要求 ≥ 2000，符合"},
	    {&platform, "100 * third_party_devs / developers >= 20",
	     "third_party_devs=30;developers=150",
	     "100 × 第三方开发者连接数量 ÷ 开发者连接总数量 ≥ 20",
	     "100 × 第三方开发者连接数量 ÷ 开发者连接总数量为20，要求 ≥ 20，符合"},
	    {&platform, "summary.cluster != \"否\"", "summary.cluster=否",
	     "汇总表（附件5）“是否省先进制造业集群”不为“否”",
	     "汇总表（附件5）“是否省先进制造业集群”为“否”，不符合"},
	    /* 0.1 + 0.2 - 0.3 is 5.6e-17 in binary: shown as 0. */
	    {&factory, "abs(cost_dev + cost_test - total_invest) <= 0.5",
	     "cost_dev=0.1;cost_test=0.2;total_invest=0.3",
	     "|平台和系统开发费（万元） + 测试验证和项目咨询费（万元） - 项目总投入（万元）| ≤ 0.5",
	     "项目总投入（万元）|为0，要求 ≤ 0.5，符合"},
	    {&factory, "contains(net_wireless, \"5G\")", "net_wireless=4G", "无线网络勾选“5G”",
	     "无线网络未勾选“5G”"},
	    /* a label that ends in 为 gets no second 为 */
	    {&platform, "any_of(operator, \"独立法人机构\", \"具有完整组织架构的集团独立部门\")",
	     "operator=其他", "平台运营主体应为“独立法人机构”或“具有完整组织架构的集团独立部门”",
	     "平台运营主体应为“其他”，不符合"},
	    {&platform, "has_plan = \"是\"", "has_plan=否",
	     "是否对平台有明确的研发和运营计划为“是”",
	     "是否对平台有明确的研发和运营计划为“否”，不符合"},
	    {&factory, "start(project_period) >= 2017-01-01", "project_period=2016-12/2019-06",
	     "项目建设时间的开始日期 ≥ 2017年1月1日",
	     "项目建设时间的开始日期为2016年12月1日，要求 ≥ 2017年1月1日，不符合"},
	};

	if (!load_catalogs())
		return;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const struct catalog *cats[1] = {t[i].cat};
		struct strbuf err = STRBUF_INIT, shown = STRBUF_INIT, detail = STRBUF_INIT;
		struct fake a = {0};
		struct rule_env env = {fake_field, fake_attached, t[i].cat, &a};
		struct rule_result res;
		struct expr *e = expr_compile(t[i].src, cats, 1, &err);
		char *spec = xstrdup(t[i].values);

		test_row("%s", t[i].src);
		if (!e) {
			test_fail(__FILE__, __LINE__, "%s: %s", t[i].src, err.buf);
			free(spec);
			strbuf_release(&err);
			continue;
		}
		fake_parse(&a, spec);
		expr_show(e, t[i].cat, &shown);
		assert_eq_str(shown.buf, t[i].shown);
		expr_eval(e, &env, &res, NULL, &detail);
		if (!strstr(detail.buf, t[i].detail))
			test_fail(__FILE__, __LINE__, "%s: detail \"%s\" lacks \"%s\"", t[i].src,
				  detail.buf, t[i].detail);
		assert_true(!strchr(detail.buf, '_') && !strstr(detail.buf, "e+"));
		expr_free(e);
		fake_release(&a);
		free(spec);
		strbuf_release(&err);
		strbuf_release(&shown);
		strbuf_release(&detail);
	}
	test_row(NULL);
}

TEST_MAIN(TEST_ENTRY(expressions_evaluate_in_three_valued_logic),
	  TEST_ENTRY(empty_and_unreadable_fields_are_unknown_with_a_reason),
	  TEST_ENTRY(expressions_refused_with_a_reason),
	  TEST_ENTRY(every_gate_at_below_and_above_its_bound), TEST_ENTRY(yes_no_and_factory_gates),
	  TEST_ENTRY(box_gates_yes_no_and_blank),
	  TEST_ENTRY(box_gates_bind_the_directions_that_state_them),
	  TEST_ENTRY(truth_ids_are_all_there),
	  TEST_ENTRY(malformed_rules_refused_with_file_and_line), TEST_ENTRY(declared_direction),
	  TEST_ENTRY(recommended_direction),
	  TEST_ENTRY(stage_writes_verdicts_assessments_and_defects),
	  TEST_ENTRY(box_gates_decide_the_recommended_direction),
	  TEST_ENTRY(missing_fields_make_gates_unknown_not_passed),
	  TEST_ENTRY(conditions_and_details_read_as_chinese))
