/*
 * internal.h - the output stage's writers, one file each (internal).
 *
 * Each writer builds one file at path (whose folder exists) through xl.h
 * or libarchive, under a temporary name renamed into place; 0 or -1.
 */
#ifndef IIREVIEW_OUTPUT_INTERNAL_H
#define IIREVIEW_OUTPUT_INTERNAL_H

#include "common/sha256.h"

#include <sqlite3.h>
#include <stdint.h>

struct aggregate;
struct store;
struct strbuf;

/*
 * Bumped whenever a writer changes what it writes, so that the digests of
 * unchanged sources still differ and every file is rewritten once.
 */
#define OUTPUT_FORMAT "iireview-output-2"

/* The Chinese name of the application type: 平台 or 标杆工厂. */
const char *out_type_name(const char *type);
/* The Chinese name of a files.kind (with attachment_kind for attachments). */
const char *out_file_kind_name(const char *kind, const char *attachment_kind);

/*
 * The consolidated summary workbook (constant_memory: every sheet in row
 * order); the 评审结果 sheets from collect's review_results.
 */
int out_summary(sqlite3 *db, const struct aggregate *agg, const char *path);
/*
 * What the summary workbook is made from: every table it reads, whole,
 * the rules configuration's digest and OUTPUT_FORMAT, so that a rerun
 * that changed nothing leaves summary.xlsx as it is.  0, 1 when there is
 * no such digest (an application without normalize's field digest: then
 * it is always rewritten), or -1.
 */
struct rules_config;
int out_summary_digest(sqlite3 *db, const struct rules_config *cfg, char hex[SHA256_HEX_LEN + 1]);

/*
 * What an application's worksheet is made from (stamp, application,
 * assessment, files), for one output run: the statements are prepared once
 * and each application's digest is computed once, however many outputs
 * (worksheet, packet) ask for it, because an unchanged rerun does little
 * else.  The digests are of the database as it was when first asked: make
 * a new set after changing it.  new returns NULL on a database error.
 */
struct out_digests;
struct out_digests *out_digests_new(sqlite3 *db);
int out_digests_get(struct out_digests *d, int64_t app_id, char hex[SHA256_HEX_LEN + 1]);
void out_digests_free(struct out_digests *d);
int out_worksheet(sqlite3 *db, int64_t app_id, double score_max, const char *path);

/* What a unit's correction list is made from; unit NULL = bundles without a unit. */
int out_unit_digest(sqlite3 *db, const char *unit, char hex[SHA256_HEX_LEN + 1]);
int out_unit_defects(sqlite3 *db, const char *unit, const char *path);

/*
 * The review packet of one category: per application (in rank order) a
 * folder 排名-申报编号-企业名称 with its worksheet (from out_dir) and the
 * original files from the store, and 目录.xlsx.
 */
/*
 * What a category's packet is made from: its applications in rank order with
 * each one's digest from d.  The packet is rebuilt only when this changes.
 */
int out_packet_digest(sqlite3 *db, struct out_digests *d, const char *category,
		      char hex[SHA256_HEX_LEN + 1]);
int out_packet(sqlite3 *db, const struct store *st, const char *out_dir, const char *category,
	       const char *path);

/* The relative path of an application's worksheet under out_dir: worksheets/<unit>/<no>.xlsx. */
void out_worksheet_relpath(const char *unit, const char *app_no, int64_t app_id,
			   struct strbuf *out);

#endif
