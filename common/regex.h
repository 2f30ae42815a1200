/*
 * regex.h - the one place the program compiles and matches PCRE2 patterns.
 *
 * Every match runs under one match context whose match, depth and heap
 * limits make a pathological input (a form crafted to backtrack) fail the
 * match instead of hanging the stage: a failed match is "no match" to the
 * callers, never a crash.  Patterns are compiled UTF-8 with Unicode
 * properties and JIT-compiled, unless IIREVIEW_PCRE2_NO_JIT is set and not
 * "0": valgrind cannot follow JIT code and reports false uninitialised
 * reads.  That one variable is read here, not by the driver, because the
 * unit tests and fuzzers that run under valgrind have no driver.
 *
 * Thread-safe after the first call (the context is made once).
 */
#ifndef IIREVIEW_REGEX_H
#define IIREVIEW_REGEX_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <stddef.h>

struct strbuf;

/* The limits of every match (see pcre2_set_match_limit and friends). */
#define REGEX_MATCH_LIMIT    1000000u
#define REGEX_DEPTH_LIMIT    10000u
#define REGEX_HEAP_LIMIT_KIB 16384u

/*
 * Compile pattern (PCRE2_UTF | PCRE2_UCP | extra options).  Returns NULL
 * with "what: pattern does not compile at N: reason" appended to err.
 */
pcre2_code *regex_compile(const char *pattern, uint32_t options, struct strbuf *err,
			  const char *what);

/*
 * Match re against s[0..len) from offset from with options (PCRE2_NO_UTF_CHECK
 * and the like) into md.  Returns the number of captured groups + 1 on a
 * match, 0 on no match, -1 when a limit was hit or the text is not valid
 * UTF-8 (both read as no match by every caller).
 */
int regex_match(const pcre2_code *re, const char *s, size_t len, size_t from, uint32_t options,
		pcre2_match_data *md);

#endif
