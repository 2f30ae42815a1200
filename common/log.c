#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

static enum log_level current = LOG_NORMAL;

void log_set_level(enum log_level level)
{
	current = level;
}

static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	char line[4096];

	/* Format first so that concurrent stage processes do not interleave. */
	vsnprintf(line, sizeof(line), fmt, ap);
	fprintf(stderr, "%s%s\n", prefix, line);
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("error: ", fmt, ap);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning: ", fmt, ap);
	va_end(ap);
}

void notice(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
}

void info(const char *fmt, ...)
{
	va_list ap;

	if (current == LOG_QUIET || (current == LOG_NORMAL && !isatty(STDERR_FILENO)))
		return;
	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
}

void debug(const char *fmt, ...)
{
	va_list ap;

	if (current < LOG_VERBOSE)
		return;
	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
}
