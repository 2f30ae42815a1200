/*
 * fuzz_extract.c - libFuzzer target for the label extractor: the input is a
 * form as plain text (one block per line, form_doc_from_text), read against
 * the real platform catalogue (rules/fields/platform.tsv) and, when it can
 * be read, the blank 附件1 template, as normalize does.  Run from the
 * repository root (make fuzz does).
 *
 * Invariant checked: every raw value found is a NUL-terminated string; the
 * sanitizers do the rest.
 */
#include "common/catalog.h"
#include "common/strbuf.h"
#include "normalize/extract.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct catalog cat;
static struct extractor *x;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct strbuf err = STRBUF_INIT;
	struct form_doc tmpl;
	int have_tmpl;

	(void)argc;
	(void)argv;
	if (catalog_load("rules/fields/platform.tsv", &cat, &err)) {
		fprintf(stderr, "fuzz_extract: %s (run from the repository root)\n", err.buf);
		exit(1);
	}
	/* The template makes the extractor drop template lines and cut units:
	 * both paths deserve fuzzing, and the template is what production uses. */
	have_tmpl = !form_doc_read_docx("rules/templates/附件1 江苏省重点工业互联网平台申报书.docx",
					&tmpl, &err);
	x = extractor_new(&cat, have_tmpl ? &tmpl : NULL, &err);
	if (!x) {
		fprintf(stderr, "fuzz_extract: %s\n", err.buf);
		exit(1);
	}
	if (have_tmpl)
		form_doc_release(&tmpl);
	strbuf_release(&err);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	char **raw;
	struct form_doc doc;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	form_doc_from_text(text, &doc);
	raw = calloc(cat.n ? cat.n : 1, sizeof(char *));
	if (raw) {
		extract_fields(x, &doc, raw);
		for (size_t i = 0; i < cat.n; i++) {
			if (raw[i] && strlen(raw[i]) > size + 1)
				abort();
			free(raw[i]);
		}
		free(raw);
	}
	form_doc_release(&doc);
	free(text);
	return 0;
}
