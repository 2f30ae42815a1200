/*
 * normalize.h - the second stage: every form into typed, checked fields.
 *
 * For each bundle version that is current and not yet read with the
 * present catalogues, normalize reads every application form (by label,
 * see extract.h), converts each field (convert.h), stores raw and
 * normalized value side by side in `fields`, and records a defect for
 * every field it cannot read and every code that fails its checks.  It
 * reads the unit's 附件5 tables into `summary_rows`; a listed enterprise
 * with no form becomes an application without a form, so that the lists
 * show it (evaluate calls it SUMMARY_ONLY).  It sets each application's
 * 申报编号: 'P' (platform) or 'F' (factory) followed by the credit code, or,
 * when the code is not valid, by 'X' and 10 hex digits of the SHA-256 of
 * unit and enterprise name, so the number is stable across runs.
 *
 * One transaction per bundle.  Changing a catalogue re-reads every form.
 */
#ifndef IIREVIEW_NORMALIZE_H
#define IIREVIEW_NORMALIZE_H

#include "normalize/soffice.h"

#include <sqlite3.h>
#include <stdint.h>

struct rules_config;

struct normalize_options {
	const struct rules_config *rules; /* catalogues, clusters; root: fields/, templates/ */
	const char *store_dir;
	const char *corrections;	 /* staff corrections CSV (corrections.h); may not exist */
	struct soffice_settings soffice; /* from the environment, read by the driver */
};

struct normalize_stats {
	int64_t bundles;
	int64_t applications;
	int64_t fields;
	int64_t summary_rows;
	int64_t defects;
};

/* Returned for a configuration error (a catalogue malformed or missing). */
#define NORMALIZE_CONFIG_ERROR (-2)

/*
 * Run the stage.  0 when done (defects are data), -1 on a failure of our
 * own, NORMALIZE_CONFIG_ERROR when the rules cannot be used (message
 * printed, nothing changed).
 */
int normalize_run(sqlite3 *db, const struct normalize_options *opt, struct normalize_stats *stats);

#endif
