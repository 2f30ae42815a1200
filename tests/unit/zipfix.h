/*
 * zipfix.h - build small zip packages (.docx, .xlsx) inside unit tests with
 * libarchive's zip writer, from hand-written XML parts.
 */
#ifndef IIREVIEW_ZIPFIX_H
#define IIREVIEW_ZIPFIX_H

#include <stddef.h>

struct strbuf;

/* One member of a package: its name and NUL-terminated content. */
struct zipfix_part {
	const char *name;
	const char *data;
};

/*
 * Write the n parts into a new zip at path (deflated).  Returns 0, or -1
 * after printing why.  The content of a part is written as is (strlen).
 */
int zipfix_write(const char *path, const struct zipfix_part *parts, size_t n);

/* The same into memory: out receives the zip bytes.  Returns 0 or -1. */
int zipfix_write_mem(struct strbuf *out, const struct zipfix_part *parts, size_t n);

/* A path "<test_tmpdir()>/name" in a static buffer (overwritten by the next call). */
const char *zipfix_path(const char *name);

#endif
