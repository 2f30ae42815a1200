#include "cli/cli.h"

#include "common/db.h"
#include "common/log.h"
#include "normalize/normalize.h"

#include <malloc.h>
#include <stdlib.h>

static const char usage[] =
    "usage: iireview normalize [--db FILE] [--rules DIR] [--year YEAR] [--store DIR]\n"
    "                          [--corrections FILE] [-v]\n"
    "\n"
    "Read every application form and 附件5 table of the current bundles into typed\n"
    "fields (raw text kept beside each value), with a defect for every field that\n"
    "is missing or unreadable.  Field catalogues: DIR/fields/*.tsv; blank forms:\n"
    "DIR/templates/.  Bundles already read with the same catalogues are skipped.\n"
    "Staff corrections (default: corrections.csv beside the database; columns\n"
    "申报编号,字段,更正值,原因,更正人,日期) replace single fields; the form's own text\n"
    "is kept beside them.  See docs/corrections.md.\n";

static int normalize_body(sqlite3 *db, void *ctx)
{
	const struct cli_options *o = ctx;
	struct normalize_options opt;
	struct normalize_stats stats;
	int r;

	opt.rules = &o->config;
	opt.store_dir = o->store;
	opt.corrections = o->corrections;
	/* The stage reads no environment: what soffice needs is given here. */
	opt.soffice.program = getenv("IIREVIEW_SOFFICE");
	opt.soffice.timeout = getenv("IIREVIEW_SOFFICE_TIMEOUT");
	opt.soffice.path_list = getenv("PATH");
	opt.soffice.tmpdir = getenv("TMPDIR");
	/*
	 * A process-wide setting, so the driver's, not the stage library's:
	 * each form allocates and frees the same few hundred KiB (archive and
	 * XML buffers, the blocks); with glibc's defaults the heap top was
	 * trimmed and grown again and large buffers mapped and unmapped for
	 * every form (1,700 brk calls and 14,000 page faults for 320 forms).
	 * Keep up to 64 MiB: the stage's peak stays ~17 MiB either way.
	 */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 16 << 20);
	r = normalize_run(db, &opt, &stats);
	return r == NORMALIZE_CONFIG_ERROR ? EXIT_USAGE : r ? EXIT_FAILED : EXIT_DONE;
}

int cmd_normalize(int argc, char **argv)
{
	struct cli_options o;
	int ret = cli_parse(argc, argv, &o, usage, NULL, NULL, NULL);

	if (!ret && !o.help && !(ret = cli_no_args(&o, "normalize", usage)) &&
	    !(ret = cli_load_config(&o, "normalize")))
		ret = cli_with_db(&o, normalize_body, &o);
	cli_options_release(&o);
	return ret;
}
