/*
 * setup.c - the checks a command makes before it changes anything.
 *
 * A mistake in the set-up (no rules, no inbox, --out naming a file, a
 * typo in --db) must be found before ingest fills the store, and must
 * leave nothing behind: not a lock file, not an empty database.  Each
 * check prints one line naming the option that fixes it and returns
 * EXIT_USAGE; nothing here writes.
 */
#include "cli/cli.h"

#include "common/catalog.h"
#include "common/fsutil.h"
#include "common/strbuf.h"
#include "common/textfile.h"
#include "evaluate/rules.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * A folder that is there, or that mkdir -p could make: the nearest
 * existing ancestor must be a folder we may write in.  0, or the problem
 * into why ("is a file", ...) with the path at fault into at.
 */
static int can_make_dir(const char *path, struct strbuf *at, const char **why)
{
	struct strbuf p = STRBUF_INIT, up = STRBUF_INIT;
	struct stat st;
	int ret = 0;

	strbuf_addstr(&p, path);
	for (;;) {
		if (!stat(p.buf, &st)) {
			if (!S_ISDIR(st.st_mode)) {
				*why = "is a file, not a folder";
				ret = -1;
			} else if (access(p.buf, W_OK | X_OK)) {
				*why = "is a folder we may not write in";
				ret = -1;
			}
			break;
		}
		if (errno != ENOENT && errno != ENOTDIR) {
			*why = strerror(errno);
			ret = -1;
			break;
		}
		strbuf_reset(&up);
		path_dirname(p.buf, &up);
		if (!strcmp(up.buf, p.buf))
			break;
		strbuf_reset(&p);
		strbuf_addstr(&p, up.buf);
	}
	if (ret) {
		strbuf_reset(at);
		strbuf_addstr(at, p.buf);
	}
	strbuf_release(&p);
	strbuf_release(&up);
	return ret;
}

int cli_check_inbox(const struct cli_options *o, const char *cmd)
{
	struct stat st;

	if (stat(o->inbox, &st)) {
		fprintf(stderr, "iireview %s: the inbox %s does not exist (give --inbox DIR)\n",
			cmd, o->inbox);
		return EXIT_USAGE;
	}
	if (!S_ISDIR(st.st_mode) || access(o->inbox, R_OK | X_OK)) {
		fprintf(stderr,
			"iireview %s: the inbox %s is not a folder we can read (give "
			"--inbox DIR)\n",
			cmd, o->inbox);
		return EXIT_USAGE;
	}
	return 0;
}

int cli_check_out(const struct cli_options *o, const char *cmd)
{
	struct strbuf at = STRBUF_INIT;
	const char *why = NULL;
	int ret = 0;

	if (can_make_dir(o->out, &at, &why)) {
		fprintf(stderr,
			"iireview %s: the output folder %s cannot be made: %s %s (give "
			"--out DIR)\n",
			cmd, o->out, at.buf, why);
		ret = EXIT_USAGE;
	}
	strbuf_release(&at);
	return ret;
}

int cli_check_db(const struct cli_options *o, const char *cmd)
{
	struct strbuf dir = STRBUF_INIT, at = STRBUF_INIT;
	const char *why = NULL;
	struct stat st;
	int ret = 0;

	path_dirname(o->db, &dir);
	if (!stat(o->db, &st)) {
		if (!S_ISREG(st.st_mode)) {
			fprintf(stderr,
				"iireview %s: the database %s is not a file (give --db FILE)\n",
				cmd, o->db);
			ret = EXIT_USAGE;
		} else if (access(dir.buf, W_OK | X_OK)) {
			/* SQLite writes its -wal and -shm files, and we the lock, beside it. */
			fprintf(stderr,
				"iireview %s: cannot write in %s, the folder of the "
				"database (give --db FILE)\n",
				cmd, dir.buf);
			ret = EXIT_USAGE;
		}
	} else if (errno == ENOTDIR || (errno == ENOENT && can_make_dir(dir.buf, &at, &why))) {
		if (!why) {
			strbuf_addstr(&at, dir.buf);
			why = "is not a folder";
		}
		fprintf(stderr,
			"iireview %s: the database %s cannot be made: %s %s (give --db "
			"FILE)\n",
			cmd, o->db, at.buf, why);
		ret = EXIT_USAGE;
	} else if (!o->may_create) {
		fprintf(stderr,
			"iireview %s: no database at %s (give --db FILE; only 'iireview "
			"run' and 'iireview ingest' create one)\n",
			cmd, o->db);
		ret = EXIT_USAGE;
	}
	if (!ret && o->may_create && can_make_dir(o->store, &at, &why)) {
		fprintf(stderr,
			"iireview %s: the store %s cannot be made: %s %s (give --store "
			"DIR)\n",
			cmd, o->store, at.buf, why);
		ret = EXIT_USAGE;
	}
	strbuf_release(&dir);
	strbuf_release(&at);
	return ret;
}

/* Where the rules were looked for, for the message. */
static void no_rules(const struct cli_options *o, const char *cmd, const char *what)
{
	if (o->rules_given)
		fprintf(stderr, "iireview %s: %s (give --rules DIR)\n", cmd, what);
	else if (!is_dir(o->rules))
		fprintf(stderr,
			"iireview %s: no rules: there is no ./rules and none installed in %s "
			"(give --rules DIR, or 'make install')\n",
			cmd, o->rules);
	else
		fprintf(stderr, "iireview %s: %s (give --rules DIR, or 'make install')\n", cmd,
			what);
}

int cli_check_rules(struct cli_options *o, const char *cmd)
{
	struct catalog summary = {0};
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT, what = STRBUF_INIT;
	struct rules rules;
	int ret = 0;

	if (!is_dir(o->rules)) {
		strbuf_addf(&what, "the rules folder %s does not exist", o->rules);
		goto bad;
	}
	/* The configuration every stage is given: year, catalogues, clusters, score. */
	if (!o->have_config) {
		if (rules_config_load(o->rules, o->year, &o->config, &err)) {
			strbuf_trim(&err);
			strbuf_addf(&what, "the rules cannot be used:\n%s\n", err.buf);
			goto bad;
		}
		o->have_config = 1;
	}
	/* normalize's own catalogue of the 附件5 columns. */
	strbuf_addf(&path, "%s/fields/summary.tsv", o->rules);
	if (catalog_load(path.buf, &summary, &err)) {
		strbuf_addf(&what, "the field catalogue cannot be used: %s", err.buf);
		goto bad;
	}
	if (rules_load(&o->config, &rules, &err)) {
		strbuf_trim(&err);
		strbuf_addf(&what, "the criteria in %s cannot be used:\n%s\n", o->config.dir,
			    err.buf);
		goto bad;
	}
	rules_release(&rules);
	goto out;
bad:
	no_rules(o, cmd, what.buf);
	ret = EXIT_USAGE;
out:
	catalog_release(&summary);
	strbuf_release(&path);
	strbuf_release(&err);
	strbuf_release(&what);
	return ret;
}

int cli_check_corrections(const struct cli_options *o, const char *cmd)
{
	struct strbuf text = STRBUF_INIT, err = STRBUF_INIT;
	int ret = 0;

	/* Absent is fine (the default); there but not text would stop normalize mid-run. */
	if (!access(o->corrections, F_OK) && textfile_read(o->corrections, 0, &text, NULL, &err)) {
		fprintf(stderr,
			"iireview %s: the corrections file %s cannot be read: %s (give "
			"--corrections FILE)\n",
			cmd, o->corrections, err.buf);
		ret = EXIT_USAGE;
	}
	strbuf_release(&text);
	strbuf_release(&err);
	return ret;
}
