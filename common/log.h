/*
 * log.h - messages on stderr, one line per event.
 *
 * Library code reports a failure with `return error(...)` (prints, returns
 * -1) and carries on where it can; only the driver decides to exit.  Input
 * defects are not errors: they are rows in the database (see defect.h).
 *
 * When stderr is not a terminal (cron) only warnings and errors are printed,
 * so that cron mails only problems; info() needs --verbose or a terminal.
 */
#ifndef IIREVIEW_LOG_H
#define IIREVIEW_LOG_H

enum log_level { LOG_QUIET = 0, LOG_NORMAL = 1, LOG_VERBOSE = 2 };

/* Set once by the driver; default LOG_NORMAL. */
void log_set_level(enum log_level level);

/* "error: ..." on stderr; returns -1 so that callers can `return error()`. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "warning: ..." on stderr; always printed. */
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * A line that is not a warning but must reach cron's mail all the same
 * (a problem that went away, "interrupted"); always printed, no prefix.
 */
void notice(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Progress and events; printed at LOG_NORMAL when stderr is a tty, or at LOG_VERBOSE. */
void info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Detail printed only at LOG_VERBOSE. */
void debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
