/*
 * fuzz_rules.c - libFuzzer target for the rules-file parser.  The input is
 * used twice: compiled as one condition (expr_compile, against the real
 * catalogues) and, if that compiles, evaluated on an application with no
 * fields; then written as criteria.txt of a scratch year folder and loaded
 * with rules_load and the real rules configuration.  Run from the
 * repository root.
 */
#include "common/rulesconf.h"
#include "common/strbuf.h"
#include "evaluate/rules.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct rules_config cfg;
static char dir[64], criteria[96];

static const struct rule_field *no_field(void *ctx, const char *key)
{
	(void)ctx;
	(void)key;
	return NULL;
}

static int not_attached(void *ctx, const char *kind)
{
	(void)ctx;
	(void)kind;
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct strbuf err = STRBUF_INIT;

	(void)argc;
	(void)argv;
	if (rules_config_load("rules", NULL, &cfg, &err)) {
		fprintf(stderr, "fuzz_rules: %s (run from the repository root)\n", err.buf);
		exit(1);
	}
	snprintf(dir, sizeof(dir), "/tmp/fuzz_rules-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("fuzz_rules: mkdtemp");
		exit(1);
	}
	snprintf(criteria, sizeof(criteria), "%s/criteria.txt", dir);
	strbuf_release(&err);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct catalog *const cats[] = {&cfg.forms[RULES_PLATFORM],
					      &cfg.forms[RULES_FACTORY]};
	struct rules_config scratch = cfg; /* the scratch folder's criteria */
	struct strbuf err = STRBUF_INIT, used = STRBUF_INIT, detail = STRBUF_INIT;
	struct rule_env env = {no_field, not_attached, &cfg.forms[RULES_PLATFORM], NULL};
	struct rule_result res;
	struct rules r;
	struct expr *e;
	char *src = malloc(size + 1);
	FILE *f;

	if (!src)
		return 0;
	memcpy(src, data, size);
	src[size] = '\0';
	e = expr_compile(src, cats, 2, &err);
	if (e) {
		expr_has_lower_bound(e);
		expr_eval(e, &env, &res, &used, &detail);
		if (res.result != TRI_FALSE && res.result != TRI_TRUE && res.result != TRI_UNKNOWN)
			abort();
		expr_free(e);
	}
	free(src);
	f = fopen(criteria, "wb");
	if (f) {
		fwrite(data, 1, size, f);
		fclose(f);
		strbuf_reset(&err);
		scratch.dir = dir;
		if (!rules_load(&scratch, &r, &err))
			rules_release(&r);
	}
	strbuf_release(&err);
	strbuf_release(&used);
	strbuf_release(&detail);
	return 0;
}
