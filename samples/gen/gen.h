/*
 * gen.h - the sample-bundle generator (issue 3), shared declarations.
 *
 * The generator is deterministic: every random choice comes from the
 * seeded PRNG below, every timestamp written into a file is GEN_MTIME.
 * prng.c and codes.c depend on nothing but common/, so that the unit
 * tests can include them directly.
 */
#ifndef IIREVIEW_GEN_H
#define IIREVIEW_GEN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "common/strbuf.h"
#include "common/xalloc.h"

/* 2019-11-18 09:30:00 UTC: every mtime and document date we write. */
#define GEN_MTIME ((time_t)1574069400)

/* ---- PRNG (prng.c): xoshiro256** seeded through splitmix64 ---- */
struct rng {
	uint64_t s[4];
};
void rng_seed(struct rng *r, uint64_t seed);
/* A stream independent of r's own, derived from r's seed and a tag. */
void rng_fork(struct rng *child, uint64_t seed, uint64_t tag1, uint64_t tag2);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n); n > 0. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Uniform in [lo, hi]. */
long rng_range(struct rng *r, long lo, long hi);
/* True with probability pct/100. */
int rng_chance(struct rng *r, int pct);
/* Fill buf with len pseudo-random bytes. */
void rng_fill(struct rng *r, void *buf, size_t len);
#define RNG_PICK(r, arr) ((arr)[rng_below((r), ARRAY_SIZE(arr))])

/* ---- codes (codes.c): GB 32100-2015 and GB 11714 check characters ---- */
/* Check character of the 17-character body of a credit code, or 0 if a char is invalid. */
char credit_check_char(const char *body17);
/* 1 when s is an 18-character credit code with a correct check character. */
int credit_code_valid(const char *s);
/* Check character of an 8-character organization code body, or 0 if invalid. */
char org_check_char(const char *body8);
int org_code_valid(const char *s9);

/* ---- field catalogue (catalog.c) ---- */
enum app_type { APP_PLATFORM, APP_FACTORY };

struct field {
	const char *key;     /* short snake_case, used in the truth file and in rules/ */
	const char *label;   /* as the notice words it */
	const char *type;    /* text integer amount percent date month_range yesno ... */
	int required;	     /* 1: FIELD_MISSING when blank */
	int max_chars;	     /* 0: no limit; else TEXT_TOO_LONG above it (characters) */
	const char *section; /* e.g. 附件1 二(三)2.1 */
	const char *options; /* one_of/many_of box labels, '|'-separated */
};
extern const struct field platform_fields[], factory_fields[], summary_fields[];
extern const size_t n_platform_fields, n_factory_fields, n_summary_fields;
const struct field *field_find(int app_type, const char *key);
/* Write platform.tsv, factory.tsv, summary.tsv into dir; -1 on error (reported). */
int write_field_catalogues(const char *dir);

/* ---- applications (apps.c) ---- */
enum direction {
	DIR_CROSS,
	DIR_INDUSTRY,
	DIR_ENTERPRISE,
	DIR_CULTIVATE,
	DIR_FACTORY,
	DIR_REJECT,
	DIR_UNSET
};
extern const char *const dir_names[]; /* 跨行业跨领域 ... 不予推荐, "" */

enum defect {
	D_CREDIT_CODE_INVALID,
	D_ORG_CODE_MISMATCH,
	D_NOT_JIANGSU,
	D_NOT_LEGAL_PERSON,
	D_DIRECTION_NONE,
	D_DIRECTION_MULTIPLE,
	D_TEXT_TOO_LONG,
	D_FIELD_MISSING,
	D_FORM_UNREADABLE,
	D_SUMMARY_ONLY,
	D_FORM_ONLY,
	D_SUMMARY_MISMATCH,
	D_COST_ITEMS_MISMATCH,
	D_ATTACHMENT_MISSING,
	D_COUNT
};
extern const char *const defect_names[];

enum attachment {
	AT_LICENSE,
	AT_AUDIT,
	AT_SPECIAL_AUDIT,
	AT_INVOICES,
	AT_COMMITMENT,
	AT_CONTRACT,
	AT_COUNT
};
extern const char *const attachment_names[]; /* 营业执照.pdf ... */

enum form_format { FORM_DOCX, FORM_DOC, FORM_NONE };

struct kv {
	const char *key; /* a catalogue key (static storage) */
	char *val;	 /* normalized value; prose for long text fields */
};

struct app {
	int unit, index, type;
	uint64_t seed; /* renders the form: styles, runs, tracked changes */
	struct kv *kv;
	size_t nkv, akv;
	/* 附件5 row (NULL values when not listed) */
	int listed;
	int table_dir; /* DIR_* for platforms */
	char *cluster;
	int declared, expected, basic_ok, gates_ok;
	unsigned defects; /* bit per enum defect */
	unsigned attach;  /* bit per enum attachment present */
	int form_format;
	int habits;	 /* the field-trial habits of issue 13 (--habits on) */
	int tick;	 /* DIR_* of the box ticked on the form before defects */
	int answer_mode; /* ANS_*: how 2.1/2.2 answers are placed (habits) */
	struct strbuf gates_passed, gates_failed;
	struct strbuf tags; /* the habits this application shows (truth column habits) */
	char *form_path;    /* inside the bundle, set by bundle.c */
};

const char *app_get(const struct app *a, const char *key);
void app_set(struct app *a, const char *key, const char *val);
void app_unset(struct app *a, const char *key);
/* Add a tag to the truth's habits column. */
void app_tag(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * Fill a with generated values, defects and the expected verdict.  habits: 1
 * adds the fill habits of issue 13 (samples/README.md, "Habits"); 0 gives the
 * batch without them, byte for byte (the box gates of rules/2019 are no habit:
 * they are in both).
 */
void app_generate(struct app *a, uint64_t seed, int unit, int index, int defect_pct, int habits);
void app_release(struct app *a);
/* Is key a prose section (the truth gives its length, not its text)? */
int field_is_prose(const char *key);
/* Length of prose as the truth counts it: characters, line breaks not counted. */
size_t field_text_length(const char *v);
/* Number of UTF-8 characters in s. */
size_t utf8_chars(const char *s);

/* ---- units (apps.c) ---- */
#define N_UNITS 16
extern const char *const unit_names[N_UNITS];	/* 南京市 ... 沭阳县 */
extern const char *const unit_bureaus[N_UNITS]; /* 南京市工业和信息化局 ... */
extern const char *const clusters[13];

/* ---- documents (docx.c) ---- */
struct doc {
	struct strbuf body; /* the w:body content */
	struct rng r;
	const struct app *app; /* NULL: blank template */
	int box_style;	       /* how this author marks boxes, see docx.c */
	int num_style;	       /* how this author writes numbers */
	int split_runs, tracked, track_id;
	int empty_blanks; /* render {key} blanks as if unfilled (answer given elsewhere) */
	int answer_zone;  /* set by forms.c around 2.1 and 2.2: a->answer_mode applies */
	int ncols, col, cols[16];
};
void doc_init(struct doc *d, const struct app *a, uint64_t seed);
void doc_release(struct doc *d);
/* Paragraph of markup (see docx.c): {key} blanks, [yn:key], [o:key:option], {#key} prose. */
void doc_para(struct doc *d, const char *markup, unsigned flags);
#define P_CENTER    1u
#define P_BOLD	    2u
#define P_TITLE	    4u
#define P_BIG	    8u
#define P_PAGEBREAK 16u
#define P_RIGHT	    32u
void doc_tbl_begin(struct doc *d, int ncols, const int *twips);
void doc_tbl_end(struct doc *d);
void doc_tr_begin(struct doc *d);
void doc_tr_end(struct doc *d);
/* A cell spanning span columns; vmerge 0 none, 1 restart, 2 continue; markup may hold '\n'. */
void doc_tc(struct doc *d, int span, int vmerge, const char *markup, unsigned flags);
/* Answer modes of the habits (struct app answer_mode). */
enum { ANS_BLANKS, ANS_BESIDE, ANS_NEXT_PARA, ANS_PAIR };
/*
 * One two-column row per line of markup: the line with its blanks left
 * empty on the left (boxes marked as usual), the answer in the right cell
 * (ANS_BESIDE).  The table itself is the caller's.
 */
void doc_rows_beside(struct doc *d, const char *markup);
/* Zip the document into a .docx package held in out. */
void docx_package(const struct doc *d, struct strbuf *out, const char *title);

struct archive;
/* A zip written into out (deflate); entries added with archive_add_bytes. */
struct archive *memzip_open(struct strbuf *out);
void memzip_close(struct archive *a);
/* One regular file entry with the fixed mtime. */
void archive_add_bytes(struct archive *a, const char *path, const void *data, size_t len);

/* ---- forms (forms.c) ---- */
void form_platform(struct doc *d);
void form_factory(struct doc *d);
/* 附件5 as .docx; apps is NULL for the blank template. */
void form_summary(struct doc *d, int type, int unit, struct app **apps, size_t n);
/* The same with the header's near-synonyms when synonyms (habit a). */
void form_summary_ex(struct doc *d, int type, int unit, struct app **apps, size_t n, int synonyms);
/* The header cells of 附件5 (synonyms: the near-synonyms people type, habit a). */
const char *const *summary_header(int type, int synonyms);

/* ---- archives (bundle.c) ---- */
struct gen_opts {
	uint64_t seed;
	int units, per_unit, attach_kb, defects, hostile, mixed;
	int habits; /* 1 (default): the fill habits of issue 13 */
	const char *out, *truth;
};
int gen_batch(const struct gen_opts *o);
int gen_templates(const char *dir);
/* Write a blank summary table as xlsx at path (apps NULL) or filled. */
int xlsx_summary(const char *path, int type, int unit, struct app **apps, size_t n);

#endif
