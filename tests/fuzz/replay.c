/*
 * replay.c - runs a fuzz target's LLVMFuzzerTestOneInput on the files named
 * on its command line, without libFuzzer, so that the committed inputs of
 * tests/fuzz/corpus/<target>/ (seeds and the inputs of past findings) are
 * replayed by `make test` with the normal compiler, and by `make check-asan`
 * with the sanitizers (tests/e2e/fuzz_replay.sh).  Linked once per target
 * (the Makefile's $(B)/fuzz/replay_<target>).
 *
 * Prints "ok FILE" after each input, so that a crash is pinned on the input
 * after the last "ok" line; exits 1 when an input cannot be read.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Only some targets have one: weak, so that a missing one is NULL. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int replay(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (len == cap) {
			uint8_t *nb;

			cap = cap ? 2 * cap : 65536;
			nb = realloc(buf, cap);
			if (!nb) {
				fprintf(stderr, "%s: out of memory\n", path);
				free(buf);
				fclose(f);
				return -1;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len, f);
		if (!n)
			break;
		len += n;
	}
	if (ferror(f)) {
		perror(path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	printf("ok %s\n", path);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++)
		if (replay(argv[i]))
			rc = 1;
	return rc;
}
