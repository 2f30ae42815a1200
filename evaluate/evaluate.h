/*
 * evaluate.h - the third stage: apply the criteria of rules/<year> to every
 * application of the current bundles.
 *
 * Reads only the database (fields, summary_rows, files, applications of
 * bundles with state 'current'), never a bundle or a form, so that a change
 * of a threshold re-evaluates the whole batch in seconds.  For each
 * application it writes
 *   verdicts     one row per criterion (and direction): values used raw and
 *                normalized, the condition, pass / fail / unknown ('' for a
 *                qualitative criterion, left to reviewers), a Chinese detail
 *   assessments  declared direction (issue 5 §5), recommended direction
 *                (§6), basic_ok, gates, priorities met, score and its
 *                components
 *   defects      stage 'evaluate': the defect codes named by failed
 *                criteria, DUPLICATE_APPLICATION, FORM_ONLY,
 *                SUMMARY_MISMATCH
 * and, for the batch as a whole, SUMMARY_ONLY (a summary row with no form)
 * and CULTIVATION_ABSENT (a 2018 cultivation unit that did not apply).
 *
 * Reprocessing: assessments.rules_digest holds a digest of the rules and of
 * every input the application's evaluation read (its fields, summary row,
 * attachments, duplicates); an application whose digest is unchanged is
 * skipped.  Each application is one transaction, its old evaluate rows
 * deleted and rewritten; the batch-wide defects are one more.
 */
#ifndef IIREVIEW_EVALUATE_H
#define IIREVIEW_EVALUATE_H

#include "common/direction.h"

#include <sqlite3.h>
#include <stdint.h>

struct rules;

struct evaluate_stats {
	int64_t applications; /* of current bundles */
	int64_t evaluated;    /* (re)written */
	int64_t unchanged;    /* skipped: same rules, same inputs */
	int64_t defects;      /* evaluate defects written in this run */
};

/*
 * Run the stage with loaded rules (see rules.h).  Returns 0, or -1 on a
 * database failure with the message printed; what was committed before the
 * failure stays (one transaction per application).  Never exits.
 */
int evaluate_run(sqlite3 *db, const struct rules *rules, struct evaluate_stats *stats);

/* Recommended direction (issue 5 §6), exposed for tests. */
struct recommend_in {
	int is_factory;
	int basic_ok;
	const char *declared; /* 跨行业跨领域 行业级 企业级 重点培育 标杆工厂 or "" */
	int passes[DIR_PLATFORM_GATED]; /* by enum direction: every gate of
					   DIR_CROSS..DIR_ENTERPRISE passes */
	int factory_gates_ok;
};
/* 跨行业跨领域 行业级 企业级 重点培育 标杆工厂 or 不予推荐. */
const char *evaluate_recommend(const struct recommend_in *in);

/*
 * Declared direction (issue 5 §5) from the summary row's 项目方向 (NULL when
 * not listed) and the box ticked on the form (NULL when none or several).
 * *mismatch is set when both are given, the table's is not 重点培育, and
 * they differ.
 */
const char *evaluate_declared(const char *summary_direction, const char *ticked, int *mismatch);

#endif
