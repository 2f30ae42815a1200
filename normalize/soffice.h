/*
 * soffice.h - old binary Word forms (.doc, .wps) read through LibreOffice.
 *
 * Units still send forms saved as Word 97-2003 or WPS binaries.  Where
 * LibreOffice is installed, such a form is converted to .docx and read
 * like any other; where it is not, the form stays FORM_UNREADABLE.
 *
 * Only a real OLE2 compound file with a WordDocument stream is handed to
 * LibreOffice (word_binary_check): it imports anything else as plain text
 * and would "convert" junk into a form full of noise.
 *
 * Each conversion runs in a private temporary directory (mkdtemp, 0700)
 * that holds a copy of the form under a fixed safe name, LibreOffice's
 * user profile (so that a cron run never collides with a staff member's
 * open LibreOffice, nor inherits their settings), LibreOffice's own
 * temporary files (TMPDIR points there) and the output.  soffice
 * is started with fork and execve (no shell), stdin from /dev/null,
 * stdout and stderr into a log file in that directory, every other file
 * descriptor closed (the run's lock and the database stay ours), in a
 * process group of its own that is killed (SIGKILL) at the timeout and
 * after soffice exits, so that no LibreOffice process outlives the call.
 * The directory is removed whatever happened.
 *
 *	struct soffice so;
 *	struct soffice_result res;
 *	if (!soffice_find(&so, &settings, &err) &&
 *	    !soffice_to_docx(&so, path, "doc", &res, &err))
 *		read(res.docx.buf);
 *	soffice_result_release(&res);	// removes the temporary directory
 *	soffice_release(&so);
 */
#ifndef IIREVIEW_SOFFICE_H
#define IIREVIEW_SOFFICE_H

#include "common/strbuf.h"

/* Seconds a conversion may take before soffice is killed. */
#define SOFFICE_TIMEOUT_DEFAULT 120
#define SOFFICE_TIMEOUT_MAX	3600

struct soffice {
	char *path;	    /* the program, NULL when not found */
	unsigned timeout;   /* seconds */
	const char *tmpdir; /* borrowed; where the private folders go, NULL or relative: /tmp */
};

/*
 * The environment as the driver read it (getenv; NULL: unset).  The
 * library reads none of it itself, so that a test states what it gives.
 */
struct soffice_settings {
	const char *program;   /* IIREVIEW_SOFFICE */
	const char *timeout;   /* IIREVIEW_SOFFICE_TIMEOUT */
	const char *path_list; /* PATH */
	const char *tmpdir;    /* TMPDIR */
};

/*
 * Find soffice.  set->program (IIREVIEW_SOFFICE), when set, names the
 * program: a path when it has a '/', else a name looked up on the PATH;
 * set but empty, it turns conversion off.  Unset, "soffice" is looked up
 * on the PATH (empty PATH entries, meaning the current folder, are
 * skipped: a cron job's working folder is no place to pick programs
 * from).  set->timeout (IIREVIEW_SOFFICE_TIMEOUT) sets the timeout in
 * seconds (1 to SOFFICE_TIMEOUT_MAX; otherwise a warning and the
 * default); set->tmpdir is kept for soffice_to_docx and must outlive so.
 * 0 when found, -1 with the reason in err (so->path stays NULL).
 */
int soffice_find(struct soffice *so, const struct soffice_settings *set, struct strbuf *err);
void soffice_release(struct soffice *so);

/*
 * Look for name in the ':'-separated folders of path_list: the first
 * regular, executable file.  0 with its path in out, -1 when none.
 */
int soffice_lookup(const char *name, const char *path_list, struct strbuf *out);

/*
 * 1 when the file is an OLE2 compound file (the signature D0 CF 11 E0 A1
 * B1 1A E1 and a consistent header) with a WordDocument stream, as Word
 * 97-2003 and WPS write; 0 when not, with the reason in err; -1 when it
 * cannot be read (reason in err).
 */
int word_binary_check(const char *path, struct strbuf *err);

struct soffice_result {
	struct strbuf dir;  /* the private temporary directory, "" when none */
	struct strbuf docx; /* the converted form inside it */
};

/*
 * Convert input (never modified) to .docx.  ext is the form's extension
 * ("doc", "wps"...), given to the copy so that LibreOffice picks the
 * right import filter; anything but ASCII letters and digits is replaced
 * by "doc".  0 with res->docx set, or -1 with the reason in err ("soffice
 * timed out after 120 s", "soffice exit 1: ..."); in both cases res must
 * be released, which removes the directory.
 */
int soffice_to_docx(const struct soffice *so, const char *input, const char *ext,
		    struct soffice_result *res, struct strbuf *err);
void soffice_result_release(struct soffice_result *res);

#endif
