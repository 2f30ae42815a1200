/*
 * ingest.h - the first stage: read every unit's bundle in the inbox.
 *
 * For each item in the inbox (an archive of any format libarchive reads, or
 * a plain folder), ingest keeps the original bytes of the bundle once in
 * the content-addressed store (the files inside it are hashed and indexed,
 * read back later through common/original.h; a folder's files are stored
 * one by one), records a bundle version with its files in the database,
 * classifies each file (form,
 * summary table, attachment), ties attachments to their application, and
 * finds the recommending unit.  Problems in the input become defects; the
 * rest of the batch goes on.
 *
 * Reprocessing: an item whose size, mtime and inode are unchanged since the
 * last run is skipped without being read; one whose bytes are unchanged is
 * skipped after hashing.  A changed item, or a newer bundle from the same
 * unit (by modification time), supersedes the older version, which is kept
 * as history.  A current bundle whose item leaves the inbox stays current,
 * marked missing (bundles.missing_since, an open problem), until a newer
 * bundle of its unit supersedes it or staff withdraw it; the same bytes
 * back under any name make it present again (absence.c).  Each bundle version is one transaction: a
 * run killed half-way leaves the database as it was before that bundle.
 */
#ifndef IIREVIEW_INGEST_H
#define IIREVIEW_INGEST_H

#include <sqlite3.h>
#include <stdint.h>

struct ingest_limits {
	uint64_t max_entry_size; /* bytes of one file */
	uint64_t max_total_size; /* bytes of all files of one bundle, nested included */
	uint64_t max_entries;	 /* entries of one bundle, nested included */
	unsigned max_ratio;	 /* uncompressed bytes per byte of the archive holding them */
	uint64_t ratio_floor;	 /* the ratio is only checked past this many bytes */
	unsigned max_depth;	 /* archives inside archives: 1 = one level of nesting */
};

/* Defaults: 2 GiB per file, 16 GiB per bundle, 100,000 entries, ratio 100 past 64 MiB, depth 3. */
void ingest_default_limits(struct ingest_limits *lim);

struct ingest_options {
	const char *inbox;     /* folder holding the bundles */
	const char *store_dir; /* content-addressed store */
	struct ingest_limits limits;
};

struct ingest_stats {
	int64_t seen;	   /* inbox items looked at */
	int64_t changed;   /* new bundle versions recorded */
	int64_t unchanged; /* skipped */
	int64_t files;	   /* files recorded in new versions */
	int64_t forms;	   /* application forms found in new versions */
	int64_t defects;   /* defects recorded */
};

/*
 * Run the stage.  Returns 0 when every bundle was dealt with (defects in
 * them are data), -1 on a failure of our own (database, store, inbox not
 * readable), with the message already printed.
 */
int ingest_run(sqlite3 *db, const struct ingest_options *opt, struct ingest_stats *stats);

#endif
