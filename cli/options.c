#include "cli/cli.h"

#include "common/db.h"
#include "common/fsutil.h"
#include "common/lock.h"
#include "common/log.h"
#include "common/strbuf.h"
#include "common/utf8.h"
#include "common/xalloc.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
	OPT_INBOX = 1000,
	OPT_DB,
	OPT_OUT,
	OPT_RULES,
	OPT_YEAR,
	OPT_STORE,
	OPT_CORRECTIONS,
	OPT_PACKETS
};

/*
 * Where `make install` puts the rules (the Makefile passes
 * $(PREFIX)/share/iireview/rules): used when --rules is not given and there
 * is no ./rules, so that an installed iireview runs from any folder.
 */
#ifndef IIREVIEW_RULES_DIR
#define IIREVIEW_RULES_DIR "rules"
#endif

/* The path options first, in the order of their OPT_ values (see cli_parse). */
static const struct option common_options[] = {
    {"inbox", required_argument, NULL, OPT_INBOX},
    {"db", required_argument, NULL, OPT_DB},
    {"out", required_argument, NULL, OPT_OUT},
    {"rules", required_argument, NULL, OPT_RULES},
    {"year", required_argument, NULL, OPT_YEAR},
    {"store", required_argument, NULL, OPT_STORE},
    {"corrections", required_argument, NULL, OPT_CORRECTIONS},
    {"packets", no_argument, NULL, OPT_PACKETS},
    {"verbose", no_argument, NULL, 'v'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
};

int cli_parse(int argc, char **argv, struct cli_options *o, const char *usage,
	      const struct option *extra, int (*on_extra)(int c, const char *arg, void *ctx),
	      void *ctx)
{
	struct option longopts[32];
	size_t n = 0;
	int c;

	memset(o, 0, sizeof(*o));
	o->cmd = argv[0];
	o->inbox = "./inbox"; /* so that messages say where it was looked for */
	o->db = "iireview.db";
	o->out = "out";
	o->rules = "rules";
	for (size_t i = 0; i < ARRAY_SIZE(common_options); i++)
		longopts[n++] = common_options[i];
	for (; extra && extra->name && n < ARRAY_SIZE(longopts) - 1; extra++)
		longopts[n++] = *extra;
	memset(&longopts[n], 0, sizeof(longopts[n]));

	optind = 1;
	opterr = 0;
	/* The leading ':' tells a missing value (':') from an unknown option ('?'). */
	while ((c = getopt_long(argc, argv, ":vqh", longopts, NULL)) != -1) {
		/* "--db=" or --db "" is a value forgotten too: an empty path names nothing. */
		if (c >= OPT_INBOX && c <= OPT_CORRECTIONS && optarg && !*optarg) {
			fprintf(stderr, "iireview %s: --%s needs a value\n", argv[0],
				common_options[c - OPT_INBOX].name);
			return EXIT_USAGE;
		}
		switch (c) {
		case OPT_INBOX:
			o->inbox = optarg;
			break;
		case OPT_DB:
			o->db = optarg;
			break;
		case OPT_OUT:
			o->out = optarg;
			break;
		case OPT_RULES:
			o->rules = optarg;
			o->rules_given = 1;
			break;
		case OPT_YEAR:
			o->year = optarg;
			break;
		case OPT_STORE:
			free(o->store);
			o->store = xstrdup(optarg);
			break;
		case OPT_PACKETS:
			o->packets = 1;
			break;
		case OPT_CORRECTIONS:
			free(o->corrections);
			o->corrections = xstrdup(optarg);
			o->corrections_given = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			o->help = 1;
			fputs(usage, stdout);
			return 0;
		case '?':
			/* optopt is a short option's letter; a long option's is in argv. */
			if (optopt > 0 && optopt < 128)
				fprintf(stderr, "iireview %s: unknown option -%c\n", argv[0],
					optopt);
			else
				fprintf(stderr, "iireview %s: unknown option %s\n", argv[0],
					argv[optind - 1]);
			fputs(usage, stderr);
			return EXIT_USAGE;
		case ':': {
			/* argv[optind - 1] is the option as typed: "--db" or "--db=". */
			const char *opt = argv[optind - 1];

			fprintf(stderr, "iireview %s: %.*s needs a value\n", argv[0],
				(int)strcspn(opt, "="), opt);
			return EXIT_USAGE;
		}
		default:
			if (!on_extra || on_extra(c, optarg, ctx)) {
				fputs(usage, stderr);
				return EXIT_USAGE;
			}
		}
	}
	if (!o->rules_given && !is_dir(o->rules))
		o->rules = IIREVIEW_RULES_DIR;
	o->args = argv + optind;
	o->nargs = argc - optind;
	if (!o->store) {
		struct strbuf dir = STRBUF_INIT;

		path_dirname(o->db, &dir);
		strbuf_addstr(&dir, "/store");
		o->store = strbuf_detach(&dir, NULL);
	}
	if (!o->corrections) {
		struct strbuf path = STRBUF_INIT;

		path_dirname(o->db, &path);
		strbuf_addstr(&path, "/corrections.csv");
		o->corrections = strbuf_detach(&path, NULL);
	}
	log_set_level(o->quiet ? LOG_QUIET : o->verbose ? LOG_VERBOSE : LOG_NORMAL);
	/* A file named on purpose that is not there is a typo: applying none would undo them all.
	 */
	if (o->corrections_given && access(o->corrections, R_OK)) {
		fprintf(stderr,
			"iireview %s: the corrections file %s: %s (give --corrections FILE)\n",
			argv[0], o->corrections, strerror(errno));
		return EXIT_USAGE;
	}
	return 0;
}

int cli_load_config(struct cli_options *o, const char *cmd)
{
	struct strbuf err = STRBUF_INIT;

	if (o->have_config)
		return 0;
	if (rules_config_load(o->rules, o->year, &o->config, &err)) {
		fprintf(stderr, "%s%siireview %s: the rules were refused; nothing was changed\n",
			err.buf, err.len && err.buf[err.len - 1] != '\n' ? "\n" : "", cmd);
		strbuf_release(&err);
		return EXIT_USAGE;
	}
	o->have_config = 1;
	strbuf_release(&err);
	return 0;
}

void cli_options_release(struct cli_options *o)
{
	if (o->have_config)
		rules_config_release(&o->config);
	o->have_config = 0;
	free(o->store);
	free(o->corrections);
	o->store = NULL;
	o->corrections = NULL;
}

int cli_lock(const struct cli_options *o)
{
	int fd;

	struct strbuf dir = STRBUF_INIT;

	if (getenv("IIREVIEW_LOCKED"))
		return -1;
	fd = cli_check_db(o, o->cmd);
	if (fd)
		return -fd;
	/* The database's folder is ours to make, like the store beside it. */
	path_dirname(o->db, &dir);
	if (mkdir_p(dir.buf, DIR_MODE)) {
		error("cannot create the folder %s for the database: %s", dir.buf, strerror(errno));
		strbuf_release(&dir);
		return -EXIT_FAILED;
	}
	strbuf_release(&dir);
	fd = lock_take(o->db);
	if (fd == -2) {
		fprintf(stderr, "iireview: another run holds the lock on %s; exiting\n", o->db);
		return -EXIT_LOCKED;
	}
	if (fd < 0)
		return -EXIT_FAILED;
	return fd;
}

void cli_print_padded(FILE *f, const char *s, int width)
{
	size_t len = strlen(s), i = 0;
	int cols = 0;

	while (i < len) {
		unsigned cp;
		size_t k = utf8_decode(s + i, len - i, &cp);

		if (!k) {
			k = 1;
			cp = '?';
		}
		/* CJK, full-width forms and their punctuation take two columns. */
		cols += (cp >= 0x1100 &&
			 (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) ||
			  (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
			  (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
			  (cp >= 0xFFE0 && cp <= 0xFFE6)))
			    ? 2
			    : 1;
		i += k;
	}
	fputs(s, f);
	for (; cols < width; cols++)
		fputc(' ', f);
}

int cli_no_args(const struct cli_options *o, const char *cmd, const char *usage)
{
	if (!o->nargs)
		return 0;
	fprintf(stderr, "iireview %s: unexpected argument '%s'\n", cmd, o->args[0]);
	fputs(usage, stderr);
	return EXIT_USAGE;
}

int cli_with_db(const struct cli_options *o, int (*body)(sqlite3 *db, void *ctx), void *ctx)
{
	struct strbuf err = STRBUF_INIT;
	sqlite3 *db = NULL;
	int ret, lock;

	/* Under a run too: a stage that is not ingest must not make the database. */
	ret = cli_check_db(o, o->cmd);
	if (ret)
		return ret;
	lock = cli_lock(o);
	if (lock < -1)
		return -lock;
	if (db_open(o->db, &db, &err)) {
		error("%s", err.buf);
		ret = EXIT_FAILED;
	} else {
		ret = body(db, ctx);
	}
	db_close(db);
	lock_release(lock);
	strbuf_release(&err);
	return ret;
}

int cli_with_report_db(const struct cli_options *o, const char *cmd,
		       int (*body)(sqlite3 *db, void *ctx), void *ctx)
{
	struct strbuf err = STRBUF_INIT;
	struct stat sb;
	sqlite3 *db = NULL;
	int ret;

	if (stat(o->db, &sb)) {
		fprintf(
		    stderr,
		    "iireview %s: no database at %s (give --db FILE, or 'iireview run' first)\n",
		    cmd, o->db);
		return EXIT_USAGE;
	}
	if (db_open_readonly(o->db, &db, &err)) {
		error("%s", err.buf);
		ret = EXIT_FAILED;
	} else {
		ret = body(db, ctx);
	}
	db_close(db);
	strbuf_release(&err);
	return ret;
}

int cli_keep_outputs(sqlite3 *db, const struct cli_options *o, const char *cmd)
{
	struct strbuf path = STRBUF_INIT;
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM bundles WHERE state = 'current'");
	int empty = st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
	int keep;

	sqlite3_finalize(st);
	strbuf_addf(&path, "%s/summary.xlsx", o->out);
	keep = empty && !access(path.buf, F_OK);
	if (keep)
		warning("%s: the database %s holds no bundle: %s and the other outputs are left "
			"as they are (is --db right?)",
			cmd, o->db, path.buf);
	strbuf_release(&path);
	return keep;
}

int cli_jobs(void)
{
	const char *s = getenv("IIREVIEW_JOBS");
	char *end;
	long n;

	if (!s || !*s)
		return 0;
	errno = 0;
	n = strtol(s, &end, 10);
	if (errno || *end || n < 1 || n > 64) {
		warning("IIREVIEW_JOBS=%s is not a number of processes from 1 to 64; "
			"using one per processor",
			s);
		return 0;
	}
	return (int)n;
}
