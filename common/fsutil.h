/*
 * fsutil.h - small file-system helpers.
 *
 * Everything iireview writes carries personal data (contacts, mobiles), so
 * folders are created 0750 and files 0640 (the umask may narrow them more).
 */
#ifndef IIREVIEW_FSUTIL_H
#define IIREVIEW_FSUTIL_H

#include <stddef.h>

#define DIR_MODE  0750
#define FILE_MODE 0640

struct strbuf;

/* mkdir -p; 0 on success, -1 with errno set. */
int mkdir_p(const char *path, unsigned mode);

/* The directory part of path into out ("." when there is none). */
void path_dirname(const char *path, struct strbuf *out);
/* Last component of path (a pointer into path). */
const char *path_basename(const char *path);
/* The extension of a file name, lower-cased ASCII into ext[16] ("" if none). */
void path_ext(const char *name, char ext[16]);
/* 1 when the extension of name (as path_ext gives it) is one of the n in exts. */
int path_ext_in(const char *name, const char *const *exts, size_t n);

/* 1 when path exists and is a directory. */
int is_dir(const char *path);

/*
 * Rename tmp to final and fsync the directory, so that a reader never sees
 * a half-written file under the final name.  0 or -1 (errno set).
 */
int rename_into_place(const char *tmp, const char *final);

/*
 * Make what was written to the file system holding path durable: one
 * syncfs(2).  For a batch of files each renamed into place with a plain
 * rename(2) (readers never see a half-written file either way), one call at
 * the end instead of a directory fsync per file: output's 3,200 worksheets
 * spent most of their wall time waiting on those.  0 or -1 (errno set).
 */
int sync_fs_of(const char *path);

/*
 * rm -rf path: everything below it, links not followed.  Goes on past what
 * it cannot remove, with a warning for each; 0, or -1 when anything stayed.
 */
int remove_tree(const char *path);

#endif
