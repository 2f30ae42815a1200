/*
 * xalloc.h - checked allocation.
 *
 * Every allocation in iireview goes through these wrappers.  Running out of
 * memory is not an input defect that a batch could survive, so the wrappers
 * print one line and abort(); callers never test for NULL.  This is the one
 * place where library code may end the process.
 */
#ifndef IIREVIEW_XALLOC_H
#define IIREVIEW_XALLOC_H

#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* BUG(): an invariant of our own code is broken, never an input problem. */
#define BUG(...) bug_fl(__FILE__, __LINE__, __VA_ARGS__)
_Noreturn void bug_fl(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/*
 * Grow *arr (of element size sz) so that it holds at least n elements;
 * *alloc is its capacity in elements.  Grows geometrically.
 */
#define ALLOC_GROW(arr, n, alloc)                                                                  \
	do {                                                                                       \
		if ((size_t)(n) > (alloc)) {                                                       \
			size_t alloc_grow_new = (alloc) ? (alloc)*2 : 16;                          \
			while (alloc_grow_new < (size_t)(n))                                       \
				alloc_grow_new *= 2;                                               \
			(arr) = xrealloc((arr), alloc_grow_new * sizeof(*(arr)));                  \
			(alloc) = alloc_grow_new;                                                  \
		}                                                                                  \
	} while (0)

#endif
