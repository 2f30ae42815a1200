#include "common/regex.h"

#include "common/strbuf.h"
#include "common/xalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pcre2_match_context *match_ctx;
static pthread_once_t ctx_once = PTHREAD_ONCE_INIT;
static pthread_once_t jit_once = PTHREAD_ONCE_INIT;
static int use_jit;

static void make_context(void)
{
	match_ctx = pcre2_match_context_create(NULL);
	if (!match_ctx)
		BUG("out of memory for a PCRE2 match context");
	pcre2_set_match_limit(match_ctx, REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(match_ctx, REGEX_DEPTH_LIMIT);
	pcre2_set_heap_limit(match_ctx, REGEX_HEAP_LIMIT_KIB);
}

static void read_jit_setting(void)
{
	const char *env = getenv("IIREVIEW_PCRE2_NO_JIT");

	use_jit = !(env && *env && strcmp(env, "0"));
}

pcre2_code *regex_compile(const char *pattern, uint32_t options, struct strbuf *err,
			  const char *what)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | PCRE2_UCP | options, &code, &off, NULL);

	if (!re) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(code, msg, sizeof(msg));
		strbuf_addf(err, "%s: pattern does not compile at %zu: %s", what, (size_t)off,
			    (const char *)msg);
		return NULL;
	}
	/* JIT when the platform has it; the interpreter otherwise. */
	pthread_once(&jit_once, read_jit_setting);
	if (use_jit)
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

int regex_match(const pcre2_code *re, const char *s, size_t len, size_t from, uint32_t options,
		pcre2_match_data *md)
{
	int rc;

	pthread_once(&ctx_once, make_context);
	rc = pcre2_match(re, (PCRE2_SPTR)s, len, from, options, md, match_ctx);
	if (rc > 0)
		return rc;
	/* 0: the ovector was too small for every group; the match stands. */
	if (rc == 0)
		return (int)pcre2_get_ovector_count(md);
	return rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}
