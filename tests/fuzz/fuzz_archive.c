/*
 * fuzz_archive.c - libFuzzer target for the archive walker and its limits.
 * The input is written as the one bundle of a scratch inbox and the whole
 * ingest stage runs on it (walk, store, classify, bind), with a fresh
 * in-memory database each time and small limits so that the limit paths
 * (entries, sizes, ratio, depth) are reached by small inputs.
 *
 * The first byte chooses the bundle's name (zip, 7z, tar.gz, rar, no
 * extension), since ingest looks at names as well as at content.
 *
 * The scratch store is emptied every 256 runs so that the disk does not
 * fill during a long run.  Run from anywhere.
 */
#include "common/db.h"
#include "common/log.h"
#include "common/strbuf.h"
#include "ingest/ingest.h"

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char top[64], inbox[96], store[96];
static unsigned long runs;

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(p);
	return 0;
}

/* No shell: the project keeps system() and popen() out of every file (docs/hardening.md). */
static void rm_rf(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(top, sizeof(top), "/tmp/fuzz_archive-XXXXXX");
	if (!mkdtemp(top)) {
		perror("fuzz_archive: mkdtemp");
		exit(1);
	}
	snprintf(inbox, sizeof(inbox), "%s/inbox", top);
	snprintf(store, sizeof(store), "%s/store", top);
	/* Defects are data here; only our own failures are worth printing. */
	log_set_level(LOG_QUIET);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"泰兴市-申报材料.zip", "泰兴市.7z", "泰兴市.tar.gz",
					    "泰兴市.rar", "泰兴市申报材料"};
	struct strbuf err = STRBUF_INIT, path = STRBUF_INIT;
	struct ingest_options opt;
	struct ingest_stats stats;
	sqlite3 *db = NULL;
	FILE *f;

	if (size < 1)
		return 0;
	if (runs++ % 256 == 0)
		rm_rf(store);
	rm_rf(inbox);
	if (mkdir(inbox, 0750))
		return 0;
	strbuf_addf(&path, "%s/%s", inbox, names[data[0] % 5]);
	f = fopen(path.buf, "wb");
	if (!f)
		goto out;
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);
	if (db_open(":memory:", &db, &err)) {
		fprintf(stderr, "fuzz_archive: %s\n", err.buf);
		abort();
	}
	opt.inbox = inbox;
	opt.store_dir = store;
	ingest_default_limits(&opt.limits);
	opt.limits.max_entry_size = 1 << 20;
	opt.limits.max_total_size = 4 << 20;
	opt.limits.max_entries = 200;
	opt.limits.ratio_floor = 64 << 10;
	opt.limits.max_depth = 2;
	ingest_run(db, &opt, &stats);
	db_close(db);
out:
	strbuf_release(&err);
	strbuf_release(&path);
	return 0;
}
