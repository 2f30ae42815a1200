/*
 * fuzz_corrections.c - libFuzzer target for the corrections-file parser.
 * The input is split into CSV records with csv_record (checking that each
 * call advances and returns at most the number of fields asked for), then
 * written as a corrections.csv and loaded with corrections_load against the
 * real platform and factory catalogues, then checked (corrections_check:
 * refusals and fields corrected twice).  Run from the repository root.
 */
#include "common/catalog.h"
#include "common/strbuf.h"
#include "normalize/corrections.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
/* Stands for normalize's type check: a value starting with 'x' does not read. */
static int readable(const struct correction *k, struct strbuf *why, void *ctx)
{
	(void)ctx;
	if (k->value[0] != 'x')
		return 1;
	strbuf_addstr(why, "starts with x");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct catalog forms[2];
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct strbuf err = STRBUF_INIT;
	int fd;

	(void)argc;
	(void)argv;
	if (catalog_load("rules/fields/platform.tsv", &forms[0], &err) ||
	    catalog_load("rules/fields/factory.tsv", &forms[1], &err)) {
		fprintf(stderr, "fuzz_corrections: %s (run from the repository root)\n", err.buf);
		exit(1);
	}
	snprintf(path, sizeof(path), "/tmp/fuzz_corrections-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0) {
		perror("fuzz_corrections: mkstemp");
		exit(1);
	}
	close(fd);
	strbuf_release(&err);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf err = STRBUF_INIT;
	struct corrections c;
	char *text = malloc(size + 1);
	const char *p;
	FILE *f;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (p = text; *p;) {
		const char *before = p;
		char *out[6];
		size_t n = csv_record(&p, out, 6);

		if (n > 6 || p <= before || p > text + size)
			abort();
		for (size_t i = 0; i < n; i++)
			free(out[i]);
	}
	free(text);
	f = fopen(path, "wb");
	if (f) {
		fwrite(data, 1, size, f);
		fclose(f);
		/* Released on failure too, as normalize does: the path is kept either way. */
		if (!corrections_load(path, forms, &c, &err))
			corrections_check(&c, readable, NULL);
		corrections_release(&c);
	}
	strbuf_release(&err);
	return 0;
}
