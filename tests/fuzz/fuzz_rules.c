/*
 * fuzz_rules.c - libFuzzer target for the rules-file parser.  The input is
 * used twice: compiled as one condition (expr_compile, against the real
 * catalogues) and, if that compiles, evaluated on an application with no
 * fields; then written as criteria.txt of a scratch year folder (beside the
 * real score.txt) and loaded with rules_load.  Run from the repository root.
 */
#include "common/catalog.h"
#include "common/strbuf.h"
#include "evaluate/rules.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct catalog platform, factory;
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

static void copy_file(const char *from, const char *to)
{
	char buf[4096];
	size_t n;
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");

	if (!in || !out) {
		fprintf(stderr, "fuzz_rules: cannot copy %s (run from the repository root)\n",
			from);
		exit(1);
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, n, out);
	fclose(in);
	fclose(out);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct strbuf err = STRBUF_INIT;

	(void)argc;
	(void)argv;
	if (catalog_load("rules/fields/platform.tsv", &platform, &err) ||
	    catalog_load("rules/fields/factory.tsv", &factory, &err)) {
		fprintf(stderr, "fuzz_rules: %s (run from the repository root)\n", err.buf);
		exit(1);
	}
	snprintf(dir, sizeof(dir), "/tmp/fuzz_rules-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("fuzz_rules: mkdtemp");
		exit(1);
	}
	char score[96];
	snprintf(score, sizeof(score), "%s/score.txt", dir);
	copy_file("rules/2019/score.txt", score);
	snprintf(criteria, sizeof(criteria), "%s/criteria.txt", dir);
	strbuf_release(&err);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct catalog *const cats[] = {&platform, &factory};
	struct strbuf err = STRBUF_INIT, used = STRBUF_INIT, detail = STRBUF_INIT;
	struct rule_env env = {no_field, not_attached, &platform, NULL};
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
		if (!rules_load(dir, &platform, &factory, &r, &err))
			rules_release(&r);
	}
	strbuf_release(&err);
	strbuf_release(&used);
	strbuf_release(&detail);
	return 0;
}
