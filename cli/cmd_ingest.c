#include "cli/cli.h"

#include "common/db.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "ingest/ingest.h"

static const char usage[] =
    "usage: iireview ingest [--inbox DIR] [--db FILE] [--store DIR] [-v]\n"
    "\n"
    "Read every bundle in the inbox (zip, rar, 7z, tar[.gz|.bz2|.xz], or a plain\n"
    "folder; archives nested inside are read too), keep the original bytes of\n"
    "every file in the store, classify each file and find the recommending unit.\n"
    "Unchanged bundles are skipped; a changed or newer bundle of a unit\n"
    "supersedes the older one, which is kept as history.\n";

static int ingest_body(sqlite3 *db, void *ctx)
{
	const struct cli_options *o = ctx;
	struct ingest_options opt;
	struct ingest_stats stats;

	opt.inbox = o->inbox;
	opt.store_dir = o->store;
	ingest_default_limits(&opt.limits);
	return ingest_run(db, &opt, &stats) ? EXIT_FAILED : EXIT_DONE;
}

int cmd_ingest(int argc, char **argv)
{
	struct cli_options o;
	int ret = cli_parse(argc, argv, &o, usage, NULL, NULL, NULL);

	if (ret || o.help || (ret = cli_no_args(&o, "ingest", usage)))
		goto out;
	o.may_create = 1;
	if ((ret = cli_check_inbox(&o, "ingest")))
		goto out;
	ret = cli_with_db(&o, ingest_body, &o);
out:
	cli_options_release(&o);
	return ret;
}
