/*
 * crashpoint.h - deterministic kill points for the crash-safety tests.
 *
 * A run killed at any moment must leave the database and out/ as if it
 * had stopped before the interrupted step.  To test that without timing
 * luck, stages mark the risky places with crash_point("name"); when the
 * environment holds IIREVIEW_CRASH_AT=name:N, the process kills itself
 * with SIGKILL (no clean-up, as kill -9 would) the N-th time it passes
 * that point; with IIREVIEW_CRASH_AT=name:N:stop it stops itself there
 * (SIGSTOP) instead, so that a test can kill the driver while a stage is
 * surely running (tests/e2e/safety.sh).  Unset, a crash point costs one
 * getenv per process.
 *
 * Points: ingest-entry (after an entry is stored, before its row),
 * ingest-commit (a bundle's transaction complete, not committed),
 * normalize-commit, evaluate-commit, aggregate-commit, output-workbook (a
 * workbook written under its temporary name, not yet renamed).
 */
#ifndef IIREVIEW_CRASHPOINT_H
#define IIREVIEW_CRASHPOINT_H

void crash_point(const char *name);

#endif
