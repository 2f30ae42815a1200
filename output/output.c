/*
 * output.c - the stage driver: which file to write, which to skip.
 */
#include "output.h"
#include "internal.h"
#include "xl.h"

#include "common/db.h"
#include "common/crashpoint.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/procpool.h"
#include "common/rulesconf.h"
#include "common/store.h"
#include "common/strbuf.h"
#include "common/tally.h"
#include "common/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *out_type_name(const char *type)
{
	if (type && !strcmp(type, "platform"))
		return "平台";
	if (type && !strcmp(type, "factory"))
		return "标杆工厂";
	return "";
}

const char *out_file_kind_name(const char *kind, const char *attachment_kind)
{
	static const struct {
		const char *kind, *name;
	} names[] = {
	    {"form_platform", "平台申报书"},
	    {"form_factory", "标杆工厂申报书"},
	    {"summary_platform", "平台汇总表"},
	    {"summary_factory", "标杆工厂汇总表"},
	    {"summary", "申报情况汇总表"},
	    {"archive", "压缩包"},
	    {"other", "其他文件"},
	};

	if (kind && !strcmp(kind, "attachment"))
		return attachment_kind && *attachment_kind ? attachment_kind : "附件";
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (kind && !strcmp(kind, names[i].kind))
			return names[i].name;
	return kind ? kind : "";
}

void out_worksheet_relpath(const char *unit, const char *app_no, int64_t app_id, struct strbuf *out)
{
	strbuf_addstr(out, "worksheets/");
	xl_safe_name(unit ? unit : AGG_UNKNOWN_UNIT, 40, out);
	strbuf_addch(out, '/');
	/* Without a 申报编号 (normalize could not make one) the row id keeps it unique. */
	if (app_no && *app_no)
		xl_safe_name(app_no, 60, out);
	else
		strbuf_addf(out, "无编号-%lld", (long long)app_id);
	strbuf_addstr(out, ".xlsx");
}

/*
 * Below this many worksheets a second process does not pay for its start
 * (a few milliseconds: exec, the database opened, the statements prepared).
 */
#define WORKSHEETS_PER_WORKER 16

struct run {
	sqlite3 *db;
	const char *out;
	sqlite3_stmt *get, *put, *seen;
	struct out_digests *digests;
	struct output_stats *stats;
};

/* Note rel as one of this run's outputs, so that remove_stale() keeps it.  0 or -1. */
static int mark_seen(struct run *r, const char *rel)
{
	int ok;

	sqlite3_reset(r->seen);
	db_bind_text(r->seen, 1, rel);
	ok = sqlite3_step(r->seen) == SQLITE_DONE;
	sqlite3_reset(r->seen);
	if (!ok)
		return error("database: cannot record output %s: %s", rel, sqlite3_errmsg(r->db));
	return 0;
}

/* Record rel as written now from digest, and as one of this run's outputs.  0 or -1. */
static int record(struct run *r, const char *rel, const char *digest)
{
	char now[20];
	int ok;

	db_now(now);
	sqlite3_reset(r->put);
	db_bind_text(r->put, 1, rel);
	db_bind_text(r->put, 2, digest);
	db_bind_text(r->put, 3, now);
	ok = sqlite3_step(r->put) == SQLITE_DONE;
	sqlite3_reset(r->put);
	if (!ok)
		return error("database: cannot record output %s: %s", rel, sqlite3_errmsg(r->db));
	return mark_seen(r, rel);
}

/* 1 when rel was last made from digest and is still there. */
static int unchanged(struct run *r, const char *rel, const char *digest)
{
	struct strbuf full = STRBUF_INIT;
	struct stat sb;
	int same;

	sqlite3_reset(r->get);
	db_bind_text(r->get, 1, rel);
	same = sqlite3_step(r->get) == SQLITE_ROW &&
	       !strcmp((const char *)sqlite3_column_text(r->get, 0), digest);
	sqlite3_reset(r->get);
	strbuf_addf(&full, "%s/%s", r->out, rel);
	same = same && !stat(full.buf, &sb) && S_ISREG(sb.st_mode);
	strbuf_release(&full);
	return same;
}

/* The folder of out/rel, created 0750. */
static int make_parent(struct run *r, const char *rel)
{
	struct strbuf full = STRBUF_INIT, dir = STRBUF_INIT;
	int ret = 0;

	strbuf_addf(&full, "%s/%s", r->out, rel);
	path_dirname(full.buf, &dir);
	if (mkdir_p(dir.buf, DIR_MODE))
		ret = error("cannot create %s: %s", dir.buf, strerror(errno));
	strbuf_release(&full);
	strbuf_release(&dir);
	return ret;
}

/* What writes one output file at its full path; 0 or -1. */
struct maker {
	int (*make)(const struct maker *m, const char *path);
	sqlite3 *db;
	int64_t id;
	const char *name;
	const struct store *store;
	const char *out;
	double score_max; /* worksheets: the most points of one criterion */
};

/*
 * 1 (counted as skipped and recorded as this run's) when out/rel was last
 * made from digest and is still there: its row already says so, and
 * rewriting it (a new "written" time for a file not written) was thousands
 * of commits per cron run.  0 when it must be made, -1 on error.
 */
static int keep_if_unchanged(struct run *r, const char *rel, const char *digest)
{
	if (!unchanged(r, rel, digest))
		return 0;
	r->stats->skipped++;
	return mark_seen(r, rel) ? -1 : 1;
}

/* Write out/rel with m (its folder made first); 0 or -1. */
static int make_at(struct run *r, const struct maker *m, const char *rel)
{
	struct strbuf full = STRBUF_INIT;
	int failed;

	strbuf_addf(&full, "%s/%s", r->out, rel);
	failed = make_parent(r, rel) || m->make(m, full.buf);
	strbuf_release(&full);
	return failed ? -1 : 0;
}

/* A file written now, by this process or a worker: counted and recorded. */
static int written(struct run *r, const char *rel, const char *digest)
{
	r->stats->written++;
	return record(r, rel, digest);
}

/*
 * One output file: left as it is when it was last made from digest and is
 * still there, else written (when build) by m; recorded as this run's
 * either way.  A file neither unchanged nor built is not recorded, so that
 * remove_stale() takes an outdated one away.
 */
static int refresh(struct run *r, const char *rel, const char *digest, int build,
		   const struct maker *m)
{
	int kept = keep_if_unchanged(r, rel, digest);

	if (kept || !build)
		return kept < 0 ? -1 : 0;
	return make_at(r, m, rel) || written(r, rel, digest) ? -1 : 0;
}

static int make_worksheet(const struct maker *m, const char *path)
{
	return out_worksheet(m->db, m->id, m->score_max, path);
}

static int make_unit_list(const struct maker *m, const char *path)
{
	return out_unit_defects(m->db, m->name, path);
}

static int make_packet(const struct maker *m, const char *path)
{
	return out_packet(m->db, m->store, m->out, m->name, path);
}

/* A worksheet to write this run: its application, path under out/ and digest. */
struct ws_job {
	int64_t id;
	char *rel;
	char digest[SHA256_HEX_LEN + 1];
};

struct ws_batch {
	struct run *r;
	struct maker m;
	struct ws_job *v;
	size_t n, alloc;
	int failed;
	int lost; /* a worker gave a job back: it may have died mid-workbook */
};

static int remove_leftovers(const char *dir, int depth, int in_packets);

/* Write job j in this process and record it; 0 or -1. */
static int build_here(struct ws_batch *b, const struct ws_job *j)
{
	b->m.id = j->id;
	return make_at(b->r, &b->m, j->rel) || written(b->r, j->rel, j->digest) ? -1 : 0;
}

static void ws_job_line(size_t i, struct strbuf *line, void *ctx)
{
	const struct ws_job *j = &((struct ws_batch *)ctx)->v[i];

	strbuf_addf(line, "%lld\t%s", (long long)j->id, j->rel);
}

static int ws_done(size_t i, const char *answer, void *ctx)
{
	struct ws_batch *b = ctx;
	const struct ws_job *j = &b->v[i];

	if (!answer) { /* no worker could: written here */
		b->lost = 1;
		return b->failed = build_here(b, j);
	}
	if (strcmp(answer, "ok")) {
		/* The worker said why on stderr; the run stops, as it would here. */
		error("worksheet %s not written", j->rel);
		return b->failed = -1;
	}
	return b->failed = written(b->r, j->rel, j->digest);
}

/*
 * Every current application's worksheet: those unchanged are only marked
 * seen; the others are written by worker processes when there are enough
 * of them to repay the workers' start (a full run: thousands, on every
 * core), else here.  Each is recorded as it is done.
 */
static int do_worksheets(struct run *r, double score_max, const struct output_options *opt)
{
	sqlite3_stmt *st;
	struct strbuf rel = STRBUF_INIT, err = STRBUF_INIT;
	struct ws_batch b = {
	    r, {make_worksheet, r->db, 0, NULL, NULL, NULL, score_max}, NULL, 0, 0, 0, 0};
	int rc, workers, ret = -1;

	st = db_prepare(r->db, "SELECT a.id, a.app_no, b.unit FROM applications a "
			       "JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' "
			       "ORDER BY unit_order(b.unit), a.app_no, a.id");
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ws_job j = {sqlite3_column_int64(st, 0), NULL, ""};

		strbuf_reset(&rel);
		out_worksheet_relpath((const char *)sqlite3_column_text(st, 2),
				      (const char *)sqlite3_column_text(st, 1), j.id, &rel);
		if (out_digests_get(r->digests, j.id, j.digest))
			goto out;
		switch (keep_if_unchanged(r, rel.buf, j.digest)) {
		case 0:
			break;
		case 1:
			continue;
		default:
			goto out;
		}
		j.rel = xstrdup(rel.buf);
		ALLOC_GROW(b.v, b.n + 1, b.alloc);
		b.v[b.n++] = j;
	}
	if (rc != SQLITE_DONE) {
		error("database: %s", sqlite3_errmsg(r->db));
		goto out;
	}
	workers = procpool_size(opt->jobs, b.n, WORKSHEETS_PER_WORKER);
	if (opt->worker_argv && workers > 1) {
		struct procpool_spec spec = {opt->worker_argv, workers, b.n,
					     ws_job_line,      ws_done, &b};

		if (!procpool_run(&spec, &err) && err.len)
			warning(
			    "output: no worksheet worker could be started (%s); all written here",
			    err.buf);
		/*
		 * A worker that died mid-workbook left its temporary file;
		 * now that no worker writes, it can go, as at the start.
		 */
		if (b.lost && remove_leftovers(r->out, 0, 0))
			b.failed = -1;
	} else {
		for (size_t i = 0; i < b.n && !b.failed; i++)
			b.failed = build_here(&b, &b.v[i]);
	}
	ret = b.failed ? -1 : 0;
out:
	sqlite3_finalize(st);
	for (size_t i = 0; i < b.n; i++)
		free(b.v[i].rel);
	free(b.v);
	strbuf_release(&rel);
	strbuf_release(&err);
	return ret;
}

/* The summary workbook, in a worker: as output_run() writes it. */
static int worker_summary(sqlite3 *db, const struct output_options *opt)
{
	struct aggregate agg = {0};
	struct strbuf path = STRBUF_INIT;
	int ret = -1;

	if (!agg_register_sql(db) && !aggregate_load(db, opt->rules, &agg)) {
		strbuf_addf(&path, "%s/summary.xlsx", opt->out_dir);
		ret = out_summary(db, &agg, path.buf);
		aggregate_release(&agg);
	}
	strbuf_release(&path);
	return ret;
}

int output_worker(sqlite3 *db, const struct output_options *opt, FILE *in, FILE *out)
{
	struct run r = {db, opt->out_dir, NULL, NULL, NULL, NULL, NULL};
	struct maker m = {
	    make_worksheet, db, 0, NULL, NULL, NULL, opt->rules->score.review_score_max};
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	int ret = 0;

	xl_set_scratch(xl_scratch_dir(opt->tmpdir));
	while ((len = getline(&buf, &cap, in)) >= 0) {
		char *tab, *end;
		long long id;
		int ok;

		if (len && buf[len - 1] == '\n')
			buf[--len] = '\0';
		tab = strchr(buf, '\t');
		errno = 0;
		id = strtoll(buf, &end, 10);
		if (!strcmp(buf, "summary")) {
			ok = !worker_summary(db, opt);
		} else if (tab && end == tab && !errno && tab[1]) {
			/* The path is the stage's own out_worksheet_relpath(), as when it writes.
			 */
			m.id = id;
			ok = !make_at(&r, &m, tab + 1);
		} else {
			error("output worker: not a job: %s", buf);
			ok = 0;
		}
		if (fprintf(out, "%s\n", ok ? "ok" : "failed") < 0 || fflush(out)) {
			ret = -1;
			break;
		}
	}
	free(buf);
	return ret;
}

static int do_unit_lists(struct run *r)
{
	sqlite3_stmt *st;
	struct strbuf rel = STRBUF_INIT;
	struct maker m = {make_unit_list, r->db, 0, NULL, NULL, NULL, 0};
	char digest[SHA256_HEX_LEN + 1];
	int rc, ret = -1;

	st = db_prepare(r->db, "SELECT DISTINCT unit FROM bundles WHERE state = 'current' "
			       "ORDER BY unit_order(unit), unit");
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *unit = (const char *)sqlite3_column_text(st, 0);

		strbuf_reset(&rel);
		strbuf_addstr(&rel, "defects/");
		xl_safe_name(unit ? unit : AGG_UNKNOWN_UNIT, 40, &rel);
		strbuf_addstr(&rel, ".xlsx");
		m.name = unit;
		if (out_unit_digest(r->db, unit, digest) || refresh(r, rel.buf, digest, 1, &m))
			goto out;
	}
	if (rc != SQLITE_DONE) {
		error("database: %s", sqlite3_errmsg(r->db));
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	strbuf_release(&rel);
	return ret;
}

static int do_packets(struct run *r, const struct store *store, int build)
{
	char digest[SHA256_HEX_LEN + 1];
	sqlite3_stmt *st;
	struct strbuf rel = STRBUF_INIT;
	struct maker m = {make_packet, r->db, 0, NULL, store, r->out, 0};
	int ret = -1;

	st = db_prepare(r->db, "SELECT count(*) FROM rankings r "
			       "JOIN applications a ON a.id = r.application_id "
			       "JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' "
			       "WHERE r.category = ?");
	if (!st)
		return -1;
	for (int c = 0; c < DIR_COUNT; c++) {
		sqlite3_reset(st);
		db_bind_text(st, 1, direction_names[c]);
		if (sqlite3_step(st) != SQLITE_ROW) {
			error("database: %s", sqlite3_errmsg(r->db));
			goto out;
		}
		/* No packet for a category nobody is recommended into. */
		if (!sqlite3_column_int(st, 0))
			continue;
		strbuf_reset(&rel);
		strbuf_addf(&rel, "packets/%s.zip", direction_names[c]);
		m.name = direction_names[c];
		if (out_packet_digest(r->db, r->digests, direction_names[c], digest) ||
		    refresh(r, rel.buf, digest, build, &m))
			goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	strbuf_release(&rel);
	return ret;
}

/* Files this stage made before for applications or units that are gone now. */
static int remove_stale(struct run *r)
{
	sqlite3_stmt *st, *del = NULL;
	struct strbuf full = STRBUF_INIT;
	int rc, ret = -1;

	st = db_prepare(r->db, "SELECT path FROM outputs WHERE path NOT IN "
			       "(SELECT path FROM temp.output_seen)");
	del = db_prepare(r->db, "DELETE FROM outputs WHERE path = ?");
	if (!st || !del)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rel = (const char *)sqlite3_column_text(st, 0);

		strbuf_reset(&full);
		strbuf_addf(&full, "%s/%s", r->out, rel);
		if (unlink(full.buf) && errno != ENOENT) {
			error("cannot remove %s: %s", full.buf, strerror(errno));
			goto out;
		}
		sqlite3_reset(del);
		db_bind_text(del, 1, rel);
		if (sqlite3_step(del) != SQLITE_DONE) {
			error("database: %s", sqlite3_errmsg(r->db));
			goto out;
		}
		r->stats->removed++;
	}
	if (rc != SQLITE_DONE) {
		error("database: %s", sqlite3_errmsg(r->db));
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(del);
	strbuf_release(&full);
	return ret;
}

/*
 * What a run killed while writing leaves behind: "<name>.tmp<pid>" (xl.c,
 * packets.c; the next run writes under its own pid, so they would stay
 * forever), a packet's index ".<category>-目录.xlsx" (packets.c), and
 * libxlsxwriter's spool files "tmp.<10 letters or digits>" in the
 * workbook's folder (xl.c sets tmpdir; tmpfileplus unlinks them just after
 * creating them, a kill in between leaves one).
 */
static int is_leftover(const char *name, int in_packets)
{
	static const char index_end[] = "-目录.xlsx";
	static const char spool_chars[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	size_t n = strlen(name), k = n, e = sizeof(index_end) - 1;

	if (in_packets && name[0] == '.' && n > e && !strcmp(name + n - e, index_end))
		return 1;
	if (n == 14 && !memcmp(name, "tmp.", 4) && strspn(name + 4, spool_chars) == 10)
		return 1;
	while (k > 0 && name[k - 1] >= '0' && name[k - 1] <= '9')
		k--;
	return k < n && k >= 5 && !memcmp(name + k - 4, ".tmp", 4);
}

/*
 * Remove those leftovers.  We hold the run lock, so no other writer owns
 * one.  Only our own layout is walked (out/ may be a folder holding other
 * things): out/, worksheets/<unit>/, defects/ and packets/.
 */
static int remove_leftovers(const char *dir, int depth, int in_packets)
{
	struct strbuf p = STRBUF_INIT;
	struct dirent *de;
	DIR *d = opendir(dir);
	int ret = 0;

	if (!d)
		return errno == ENOENT ? 0 : error("cannot read %s: %s", dir, strerror(errno));
	while ((de = readdir(d))) {
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/%s", dir, de->d_name);
		if (lstat(p.buf, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			int ours = depth == 0 ? !strcmp(de->d_name, "worksheets") ||
						    !strcmp(de->d_name, "defects") ||
						    !strcmp(de->d_name, "packets")
					      : depth == 1;

			if (ours && remove_leftovers(p.buf, depth + 1,
						     depth == 0 && !strcmp(de->d_name, "packets")))
				ret = -1;
			continue;
		}
		if (!S_ISREG(st.st_mode) || !is_leftover(de->d_name, in_packets))
			continue;
		if (unlink(p.buf) && errno != ENOENT)
			ret = error("cannot remove %s: %s", p.buf, strerror(errno));
		else
			debug("output: removed %s, left by an interrupted run", p.buf);
	}
	closedir(d);
	strbuf_release(&p);
	return ret;
}

int output_run(sqlite3 *db, const struct output_options *opt, struct output_stats *stats)
{
	struct run r = {db, opt->out_dir, NULL, NULL, NULL, NULL, stats};
	struct aggregate agg = {0};
	struct store store = {0};
	struct strbuf path = STRBUF_INIT, err = STRBUF_INIT, answer = STRBUF_INIT;
	struct procpool_worker summary;
	char summary_digest[SHA256_HEX_LEN + 1];
	int ret = -1, have_store = 0, have_agg = 0, in_tx = 0, summary_async = 0;
	int summary_same = 0;

	memset(stats, 0, sizeof(*stats));
	xl_set_scratch(xl_scratch_dir(opt->tmpdir));
	if (agg_register_sql(db) ||
	    db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS output_seen(path TEXT PRIMARY KEY);"
			"DELETE FROM temp.output_seen"))
		goto out;
	if (mkdir_p(opt->out_dir, DIR_MODE)) {
		error("cannot create %s: %s", opt->out_dir, strerror(errno));
		goto out;
	}
	if (remove_leftovers(opt->out_dir, 0, 0))
		goto out;
	if (store_open(&store, opt->store_dir, &err)) {
		error("%s", err.buf);
		goto out;
	}
	have_store = 1;
	if (aggregate_load(db, opt->rules, &agg))
		goto out;
	have_agg = 1;
	r.get = db_prepare(db, "SELECT digest FROM outputs WHERE path = ?");
	r.put = db_prepare(db, "INSERT INTO outputs(path, digest, written) VALUES (?, ?, ?) "
			       "ON CONFLICT(path) DO UPDATE SET digest = excluded.digest, "
			       "written = excluded.written");
	r.seen = db_prepare(db, "INSERT OR IGNORE INTO temp.output_seen(path) VALUES (?)");
	r.digests = out_digests_new(db);
	if (!r.get || !r.put || !r.seen || !r.digests)
		goto out;
	/*
	 * What is written is recorded in one transaction, committed only once
	 * every file is durable (one syncfs below): a file the database says
	 * is unchanged is never one a crash left half on disk.  A run killed
	 * before the commit records nothing, and the next writes it all again.
	 */
	if (db_begin(db))
		goto out;
	in_tx = 1;

	/*
	 * The summary workbook is left as it is when nothing it is made from
	 * changed (an unchanged cron run spent most of its output on it);
	 * else it is written by a worker beside the worksheets and correction
	 * lists, on the second core, or here without workers or when none
	 * starts.
	 */
	switch (out_summary_digest(db, opt->rules, summary_digest)) {
	case 0:
		summary_same = keep_if_unchanged(&r, "summary.xlsx", summary_digest);
		if (summary_same < 0)
			goto out;
		break;
	case 1:
		strcpy(summary_digest, "always");
		break;
	default:
		goto out;
	}
	/* Beside this process only when two may run at once (IIREVIEW_JOBS, processors). */
	if (!summary_same && opt->worker_argv && procpool_size(opt->jobs, 2, 1) > 1) {
		summary_async = !procpool_spawn(&summary, opt->worker_argv, "summary", &err);
		if (!summary_async)
			warning("output: no worker could be started for summary.xlsx (%s); written "
				"here",
				err.buf);
	}
	/* Worksheets first: the packets copy them. */
	if (do_worksheets(&r, opt->rules->score.review_score_max, opt) || do_unit_lists(&r))
		goto out;
	strbuf_addf(&path, "%s/summary.xlsx", opt->out_dir);
	if (summary_async && procpool_collect(&summary, &answer)) {
		/*
		 * The worker died (it said why): written here instead, once
		 * its temporary file is gone (no worker writes any more).
		 */
		summary_async = 0;
		if (remove_leftovers(opt->out_dir, 0, 0))
			goto out;
	} else if (summary_async && strcmp(answer.buf, "ok")) {
		error("%s not written", path.buf);
		goto out;
	}
	if (!summary_same && ((!summary_async && out_summary(db, &agg, path.buf)) ||
			      written(&r, "summary.xlsx", summary_digest)))
		goto out;
	if (do_packets(&r, &store, opt->packets) || remove_stale(&r))
		goto out;
	if (sync_fs_of(opt->out_dir)) {
		error("cannot sync %s: %s", opt->out_dir, strerror(errno));
		goto out;
	}
	crash_point("output-commit");
	if (db_commit(db))
		goto out;
	in_tx = 0;
	ret = 0;
out:
	/* A failure before its answer was taken: the worker is let go all the same. */
	if (summary_async && summary.fd >= 0)
		procpool_collect(&summary, NULL);
	if (in_tx)
		db_rollback(db);
	sqlite3_finalize(r.get);
	sqlite3_finalize(r.put);
	sqlite3_finalize(r.seen);
	out_digests_free(r.digests);
	if (have_agg)
		aggregate_release(&agg);
	if (have_store)
		store_close(&store);
	strbuf_release(&path);
	strbuf_release(&err);
	strbuf_release(&answer);
	return ret;
}
