/*
 * bundle.c - one bundle per recommending unit, in the formats units really
 * send, the hostile bundles, the blank templates, and the truth file.
 *
 * Attachments are streamed in 64 KiB chunks straight into the archive
 * writer: a bundle is never held in memory, whatever --attach-kb says.
 */
#include "samples/gen/gen.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "common/log.h"

enum fmt { F_ZIP, F_ZIP_GBK, F_7Z, F_TGZ, F_DIR, F_ZIP_NESTED };
static const char *const fmt_ext[] = {".zip", ".zip", ".7z", ".tar.gz", "", ".zip"};

#define CHUNK (64 * 1024)

/* Where bundle entries go: an archive being written, or a directory tree. */
struct sink {
	int fmt;
	struct archive *a;
	char *root; /* F_DIR: the directory */
};

static void mkdirs(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s == '/') {
			*s = '\0';
			mkdir(p, 0755);
			*s = '/';
		}
	}
	mkdir(p, 0755);
	free(p);
}

static void die_archive(struct archive *a, const char *what)
{
	BUG("%s: %s", what, archive_error_string(a));
}

static int sink_open(struct sink *s, int fmt, const char *path)
{
	memset(s, 0, sizeof(*s));
	s->fmt = fmt;
	if (fmt == F_DIR) {
		s->root = xstrdup(path);
		mkdirs(path);
		return 0;
	}
	s->a = archive_write_new();
	switch (fmt) {
	case F_7Z:
		archive_write_set_format_7zip(s->a);
		/* Scans do not compress; keep the benchmark fast. */
		if (archive_write_set_options(s->a, "7zip:compression=deflate,"
						    "7zip:compression-level=1") != ARCHIVE_OK)
			die_archive(s->a, "7z options");
		break;
	case F_TGZ:
		archive_write_set_format_pax_restricted(s->a);
		archive_write_add_filter_gzip(s->a);
		/* no file name or time in the gzip header: same seed, same bytes */
		if (archive_write_set_options(s->a, "gzip:compression-level=1,gzip:!timestamp") !=
		    ARCHIVE_OK)
			archive_write_set_options(s->a, "gzip:compression-level=1");
		break;
	default:
		archive_write_set_format_zip(s->a);
		if (fmt == F_ZIP_GBK &&
		    archive_write_set_options(s->a, "zip:hdrcharset=CP936") != ARCHIVE_OK)
			die_archive(s->a, "zip hdrcharset");
	}
	archive_write_set_bytes_in_last_block(s->a, 1);
	if (archive_write_open_filename(s->a, path) != ARCHIVE_OK)
		return error("cannot write %s: %s", path, archive_error_string(s->a));
	return 0;
}

static int is_stored_kind(const char *path)
{
	size_t n = strlen(path);
	return (n > 4 && (!strcmp(path + n - 4, ".pdf") || !strcmp(path + n - 4, ".jpg") ||
			  !strcmp(path + n - 4, ".zip") || !strcmp(path + n - 5, ".xlsx") ||
			  !strcmp(path + n - 5, ".docx")));
}

/* Begin one file; returns the fd for F_DIR, else -1. */
static int sink_begin(struct sink *s, const char *path, uint64_t size)
{
	if (s->fmt == F_DIR) {
		struct strbuf full = STRBUF_INIT;
		strbuf_addf(&full, "%s/%s", s->root, path);
		char *slash = strrchr(full.buf, '/');
		*slash = '\0';
		mkdirs(full.buf);
		*slash = '/';
		int fd = open(full.buf, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			BUG("cannot write %s: %s", full.buf, strerror(errno));
		strbuf_release(&full);
		return fd;
	}
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname_utf8(e, path);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)size);
	archive_entry_set_mtime(e, GEN_MTIME, 0);
	if (s->fmt != F_7Z && s->fmt != F_TGZ) {
		/* Already-compressed kinds are stored, as several zip tools do. */
		if (is_stored_kind(path))
			archive_write_zip_set_compression_store(s->a);
		else
			archive_write_zip_set_compression_deflate(s->a);
	}
	if (archive_write_header(s->a, e) != ARCHIVE_OK)
		die_archive(s->a, path);
	archive_entry_free(e);
	return -1;
}

static void sink_write(struct sink *s, int fd, const void *buf, size_t n)
{
	if (!n)
		return;
	if (s->fmt == F_DIR) {
		const char *p = buf;
		while (n) {
			ssize_t w = write(fd, p, n);
			if (w < 0)
				BUG("write: %s", strerror(errno));
			p += w;
			n -= (size_t)w;
		}
		return;
	}
	if (archive_write_data(s->a, buf, n) < 0)
		die_archive(s->a, "write");
}

static void sink_end(struct sink *s, int fd)
{
	if (fd >= 0) {
		struct timespec ts[2] = {{GEN_MTIME, 0}, {GEN_MTIME, 0}};
		futimens(fd, ts);
		close(fd);
	}
}

static void sink_file(struct sink *s, const char *path, const void *data, size_t len)
{
	int fd = sink_begin(s, path, len);
	sink_write(s, fd, data, len);
	sink_end(s, fd);
}

static int sink_close(struct sink *s)
{
	int rc = 0;
	if (s->a) {
		if (archive_write_close(s->a) != ARCHIVE_OK)
			rc = error("closing archive: %s", archive_error_string(s->a));
		archive_write_free(s->a);
	}
	free(s->root);
	memset(s, 0, sizeof(*s));
	return rc;
}

/* ---- attachments: scan-like filler ---- */

static uint64_t attachment_size(struct rng *r, int kb)
{
	uint64_t base = (uint64_t)kb * 1024;
	return base / 2 + rng_below(r, base + 1);
}

/* Write a PDF- or JPEG-looking file of size bytes of PRNG filler to fd or the archive. */
static void attachment_stream(struct sink *s, const char *path, uint64_t size, struct rng *r)
{
	static const char pdf_head[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
	static const char pdf_tail[] = "\n%%EOF\n";
	static const unsigned char jpg_head[] = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J',
						 'F',  'I',  'F',  0x00, 0x01, 0x01, 0x00,
						 0x00, 0x48, 0x00, 0x48, 0x00, 0x00};
	static const unsigned char jpg_tail[] = {0xff, 0xd9};
	int jpg = strlen(path) > 4 && !strcmp(path + strlen(path) - 4, ".jpg");
	const void *head = jpg ? (const void *)jpg_head : pdf_head;
	size_t hn = jpg ? sizeof(jpg_head) : strlen(pdf_head);
	const void *tail = jpg ? (const void *)jpg_tail : pdf_tail;
	size_t tn = jpg ? sizeof(jpg_tail) : strlen(pdf_tail);
	static unsigned char buf[CHUNK];

	if (size < hn + tn)
		size = hn + tn;
	int fd = sink_begin(s, path, size);
	sink_write(s, fd, head, hn);
	uint64_t left = size - hn - tn;
	while (left) {
		size_t n = left < CHUNK ? (size_t)left : CHUNK;
		rng_fill(r, buf, n);
		sink_write(s, fd, buf, n);
		left -= n;
	}
	sink_write(s, fd, tail, tn);
	sink_end(s, fd);
}

/* ---- xlsx (附件5) ---- */

struct xlsx_formats {
	lxw_format *title, *head, *cell, *note;
};

static void xlsx_formats(lxw_workbook *wb, struct xlsx_formats *f)
{
	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 16);
	format_set_align(f->title, LXW_ALIGN_CENTER);
	format_set_align(f->title, LXW_ALIGN_VERTICAL_CENTER);
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_border(f->head, LXW_BORDER_THIN);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_CENTER);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_CENTER);
	f->cell = workbook_add_format(wb);
	format_set_border(f->cell, LXW_BORDER_THIN);
	format_set_text_wrap(f->cell);
	format_set_align(f->cell, LXW_ALIGN_VERTICAL_CENTER);
	f->note = workbook_add_format(wb);
	format_set_border(f->note, LXW_BORDER_THIN);
	format_set_text_wrap(f->note);
	format_set_align(f->note, LXW_ALIGN_VERTICAL_TOP);
}

/* One 附件5 table from row top of ws (title rows, header, rows, 说明); returns the row after it. */
static lxw_row_t xlsx_table(lxw_worksheet *ws, const struct xlsx_formats *f, lxw_row_t top,
			    int type, int unit, struct app **apps, size_t n, int synonyms)
{
	const char *title = type == APP_PLATFORM ? "江苏省重点工业互联网平台申报情况汇总表"
						 : "江苏省工业互联网标杆工厂申报情况汇总表";
	const char *const *head = summary_header(type, synonyms);
	struct strbuf sb = STRBUF_INIT;

	worksheet_write_string(ws, top, 0, "附件5", NULL);
	worksheet_set_row(ws, top + 1, 30, NULL);
	worksheet_merge_range(ws, top + 1, 0, top + 1, 7, title, f->title);
	strbuf_addf(&sb, "推荐单位（盖章）：%s", apps ? unit_bureaus[unit] : "");
	worksheet_merge_range(ws, top + 2, 0, top + 2, 7, sb.buf, NULL);
	for (int c = 0; c < 8; c++)
		worksheet_write_string(ws, top + 3, (lxw_col_t)c, head[c], f->head);
	size_t rows = apps ? n : 6;
	for (size_t i = 0; i < rows; i++) {
		lxw_row_t row = (lxw_row_t)(top + 4 + i);
		worksheet_write_number(ws, row, 0, (double)(i + 1), f->cell);
		if (!apps) {
			for (int c = 1; c < 8; c++)
				worksheet_write_blank(ws, row, (lxw_col_t)c, f->cell);
			continue;
		}
		const struct app *a = apps[i];
		static const char *const keys[] = {
		    "s.enterprise",	NULL,	      "s.project_name", "s.contact_name",
		    "s.contact_mobile", "s.location", "s.cluster"};
		for (int c = 1; c < 8; c++) {
			const char *k = keys[c - 1] ? keys[c - 1]
						    : (type == APP_PLATFORM ? "s.direction"
									    : "s.industry_type");
			const char *v = app_get(a, k);
			/* Mobile numbers pasted from elsewhere often end up as numbers. */
			if (c == 5 && v && (a->seed & 3) == 0)
				worksheet_write_number(ws, row, (lxw_col_t)c, atof(v), f->cell);
			else
				worksheet_write_string(ws, row, (lxw_col_t)c, v ? v : "", f->cell);
		}
	}
	lxw_row_t last = (lxw_row_t)(top + 4 + rows);
	worksheet_set_row(ws, last, 90, NULL);
	worksheet_merge_range(
	    ws, last, 0, last, 7,
	    type == APP_PLATFORM
		? "说明：\n1、申报方向指企业级、行业级、跨行业跨领域和重点培育四个方向。\n"
		  "2、“是否省先进制造业集群”栏目，如果属于省先进制造业集群，请填写集群名称，如果不"
		  "是，"
		  "填写“否”。\n3、省13个先进制造业集群名称：新型电力（新能源）装备、工程机械、物联"
		  "网、"
		  "前沿新材料、生物医药和新型医疗器械、高端纺织、集成电路、海工装备和高技术船舶、高"
		  "端装备、"
		  "节能环保、核心信息技术、汽车及零部件、新型显示"
		: "说明：\n1、所属行业指流程行业和离散行业。\n"
		  "2、“是否省先进制造业集群”栏目，如果属于省先进制造业集群，请填写集群名称，如果不"
		  "是，"
		  "填写“否”。\n3、省13个先进制造业集群名称：新型电力（新能源）装备、工程机械、物联"
		  "网、"
		  "前沿新材料、生物医药和新型医疗器械、高端纺织、集成电路、海工装备和高技术船舶、高"
		  "端装备、"
		  "节能环保、核心信息技术、汽车及零部件、新型显示。",
	    f->note);
	strbuf_release(&sb);
	return last + 1;
}

static lxw_workbook *xlsx_open(const char *path, const char *title)
{
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return NULL;
	lxw_doc_properties props = {
	    .title = (char *)title, .author = (char *)"Administrator", .created = GEN_MTIME};
	workbook_set_properties(wb, &props);
	return wb;
}

static void xlsx_widths(lxw_worksheet *ws)
{
	static const double widths[] = {6, 36, 14, 34, 10, 16, 20, 22};
	for (int c = 0; c < 8; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
}

static int xlsx_close(lxw_workbook *wb, const char *path)
{
	lxw_error err = workbook_close(wb);
	if (err)
		return error("cannot write %s: %s", path, lxw_strerror(err));
	return 0;
}

static int xlsx_summary_ex(const char *path, int type, int unit, struct app **apps, size_t n,
			   int synonyms)
{
	struct xlsx_formats f;
	lxw_workbook *wb =
	    xlsx_open(path, type == APP_PLATFORM ? "江苏省重点工业互联网平台申报情况汇总表"
						 : "江苏省工业互联网标杆工厂申报情况汇总表");
	if (!wb)
		return error("cannot create %s", path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Sheet1");
	xlsx_formats(wb, &f);
	xlsx_widths(ws);
	xlsx_table(ws, &f, 0, type, unit, apps, n, synonyms);
	return xlsx_close(wb, path);
}

int xlsx_summary(const char *path, int type, int unit, struct app **apps, size_t n)
{
	return xlsx_summary_ex(path, type, unit, apps, n, 0);
}

/*
 * Habit a: both tables in one workbook, one sheet each (stacked 0) or one
 * under the other on one sheet, two blank rows between (stacked 1).
 */
static int xlsx_summary_both(const char *path, int unit, struct app ***apps, const size_t *n,
			     int stacked, int synonyms)
{
	struct xlsx_formats f;
	lxw_workbook *wb = xlsx_open(path, "江苏省工业互联网发展示范企业申报情况汇总表");
	if (!wb)
		return error("cannot create %s", path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, stacked ? "Sheet1" : "平台");
	xlsx_formats(wb, &f);
	xlsx_widths(ws);
	lxw_row_t next = xlsx_table(ws, &f, 0, APP_PLATFORM, unit, apps[0], n[0], synonyms);
	if (stacked) {
		next += 2;
	} else {
		ws = workbook_add_worksheet(wb, "标杆工厂");
		xlsx_widths(ws);
		next = 0;
	}
	xlsx_table(ws, &f, next, APP_FACTORY, unit, apps[1], n[1], synonyms);
	return xlsx_close(wb, path);
}

static int read_file(const char *path, struct strbuf *out)
{
	FILE *fp = fopen(path, "rb");
	char buf[CHUNK];
	size_t n;

	if (!fp)
		return error("cannot read %s: %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		strbuf_add(out, buf, n);
	fclose(fp);
	return 0;
}

/* ---- one unit ---- */

static const char *const at_keys[] = {"license",  "audit",	"special_audit",
				      "invoices", "commitment", "contract"};

struct unit_plan {
	int fmt, flat, numbered, docx_summary, top_folder;
	const char *name_pattern;
};

static int unit_format(int unit, int mixed)
{
	static const int mix[N_UNITS] = {F_ZIP, F_ZIP_GBK, F_7Z,  F_TGZ, F_DIR,	    F_ZIP_NESTED,
					 F_ZIP, F_ZIP,	   F_ZIP, F_ZIP, F_ZIP_GBK, F_ZIP,
					 F_ZIP, F_ZIP,	   F_ZIP, F_ZIP};
	return mixed ? mix[unit] : F_ZIP;
}

static void form_bytes(struct app *a, struct strbuf *out)
{
	if (a->form_format == FORM_DOC) {
		/* An old binary Word file: the OLE2 signature, then filler. */
		static const unsigned char ole[] = {0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1};
		struct rng r;
		rng_seed(&r, a->seed ^ 0xd0cf);
		strbuf_add(out, ole, sizeof(ole));
		size_t n = 24 * 1024;
		strbuf_grow(out, n);
		rng_fill(&r, out->buf + out->len, n);
		strbuf_setlen(out, out->len + n);
		return;
	}
	struct doc d;
	doc_init(&d, a, a->seed);
	if (a->type == APP_PLATFORM)
		form_platform(&d);
	else
		form_factory(&d);
	docx_package(&d, out,
		     a->type == APP_PLATFORM ? "江苏省重点工业互联网平台申报书"
					     : "江苏省工业互联网标杆工厂申报书");
	doc_release(&d);
}

static void form_name(struct app *a, struct rng *r, int flat, struct strbuf *sb)
{
	const char *name = app_get(a, "s.enterprise");
	const char *kind = a->type == APP_PLATFORM ? "江苏省重点工业互联网平台申报书"
						   : "江苏省工业互联网标杆工厂申报书";
	const char *ext = a->form_format == FORM_DOC ? ".doc" : ".docx";
	int style = (int)rng_below(r, 4);

	if (flat && style == 3)
		style = 0;
	switch (style) {
	case 0:
		strbuf_addf(sb, "%s-%s%s", name, kind, ext);
		break;
	case 1:
		strbuf_addf(sb, "附件%d：%s（%s）%s", a->type == APP_PLATFORM ? 1 : 2, kind, name,
			    ext);
		break;
	case 2:
		strbuf_addf(sb, "%s%s%s", name,
			    a->type == APP_PLATFORM ? "平台申报书" : "标杆工厂申报书", ext);
		break;
	default:
		strbuf_addf(sb, "申报书%s", ext);
	}
}

/* Adds the application's files below prefix (ending in '/' or empty). */
static void app_files(struct sink *s, struct app *a, struct rng *r, const char *prefix, int flat,
		      int attach_kb, const char *path_prefix, struct strbuf *attach_list)
{
	struct strbuf path = STRBUF_INIT, bytes = STRBUF_INIT;
	const char *name = app_get(a, "s.enterprise");

	if (a->form_format != FORM_NONE) {
		strbuf_addstr(&path, prefix);
		form_name(a, r, flat, &path);
		form_bytes(a, &bytes);
		sink_file(s, path.buf, bytes.buf, bytes.len);
		struct strbuf fp = STRBUF_INIT;
		strbuf_addf(&fp, "%s%s", path_prefix, path.buf);
		a->form_path = strbuf_detach(&fp, NULL);
		for (int k = 0; k < AT_COUNT; k++) {
			if (!(a->attach & (1u << k)))
				continue;
			strbuf_reset(&path);
			strbuf_addstr(&path, prefix);
			if (flat)
				strbuf_addf(&path, "%s-", name);
			strbuf_addstr(&path, attachment_names[k]);
			attachment_stream(s, path.buf, attachment_size(r, attach_kb), r);
			strbuf_addf(attach_list, "%s%s%s", attach_list->len ? ";" : "", path_prefix,
				    path.buf);
		}
	}
	strbuf_release(&path);
	strbuf_release(&bytes);
}

static void tsv_field(FILE *fp, const char *s, int last)
{
	fputs(s ? s : "", fp);
	fputc(last ? '\n' : '\t', fp);
}

static void truth_row(FILE *fp, struct app *a, const char *bundle, const char *attach)
{
	struct strbuf sb = STRBUF_INIT;
	const struct field *f = a->type == APP_PLATFORM ? platform_fields : factory_fields;
	size_t nf = a->type == APP_PLATFORM ? n_platform_fields : n_factory_fields;

	tsv_field(fp, "application", 0);
	tsv_field(fp, unit_names[a->unit], 0);
	tsv_field(fp, bundle, 0);
	tsv_field(fp, a->form_path, 0);
	tsv_field(fp, a->type == APP_PLATFORM ? "platform" : "factory", 0);
	tsv_field(fp, app_get(a, "s.enterprise"), 0);
	tsv_field(fp, app_get(a, "credit_code"), 0);
	tsv_field(fp, dir_names[a->declared], 0);
	tsv_field(fp, dir_names[a->expected], 0);
	tsv_field(fp, a->basic_ok ? "1" : "0", 0);
	tsv_field(fp, a->gates_ok ? "1" : "0", 0);
	/* defect codes sorted by name */
	const char *codes[D_COUNT];
	int nc = 0;
	for (int k = 0; k < D_COUNT; k++)
		if (a->defects & (1u << k))
			codes[nc++] = defect_names[k];
	for (int i = 1; i < nc; i++)
		for (int j = i; j > 0 && strcmp(codes[j - 1], codes[j]) > 0; j--) {
			const char *t = codes[j];
			codes[j] = codes[j - 1];
			codes[j - 1] = t;
		}
	for (int i = 0; i < nc; i++)
		strbuf_addf(&sb, "%s%s", i ? ";" : "", codes[i]);
	tsv_field(fp, sb.buf, 0);
	tsv_field(fp, a->gates_passed.buf, 0);
	tsv_field(fp, a->gates_failed.buf, 0);
	strbuf_reset(&sb);
	for (size_t i = 0; i < nf; i++) {
		const char *v = app_get(a, f[i].key);
		if (v && !field_is_prose(f[i].key))
			strbuf_addf(&sb, "%s%s=%s", sb.len ? ";" : "", f[i].key, v);
	}
	tsv_field(fp, sb.buf, 0);
	strbuf_reset(&sb);
	for (size_t i = 0; i < nf; i++) {
		const char *v = app_get(a, f[i].key);
		if (v && field_is_prose(f[i].key))
			strbuf_addf(&sb, "%s%s=%zu", sb.len ? ";" : "", f[i].key,
				    field_text_length(v));
	}
	tsv_field(fp, sb.buf, 0);
	strbuf_reset(&sb);
	if (a->listed) {
		strbuf_addf(&sb, "seq=%s", app_get(a, "s.seq"));
		for (size_t i = 2; i < n_summary_fields; i++) {
			const char *k = summary_fields[i].key;
			char key[64];
			snprintf(key, sizeof(key), "s.%s", k);
			const char *v = app_get(a, key);
			if (v)
				strbuf_addf(&sb, ";%s=%s", k, v);
		}
	}
	tsv_field(fp, sb.buf, 0);
	tsv_field(fp, attach, 0);
	strbuf_reset(&sb);
	for (int k = 0; k < AT_COUNT; k++) {
		int expected = a->type == APP_PLATFORM ? (k != AT_SPECIAL_AUDIT && k != AT_INVOICES)
						       : k != AT_CONTRACT;
		int present = (a->attach & (1u << k)) && a->form_format != FORM_NONE;
		if (expected && !present)
			strbuf_addf(&sb, "%s%s", sb.len ? ";" : "", at_keys[k]);
	}
	tsv_field(fp, sb.buf, 0);
	tsv_field(fp, a->tags.buf, 1);
	strbuf_release(&sb);
}

/* Bundle names as clerks write them: text before and after the unit's name. */
static const char *const bundle_patterns[][2] = {
    {"", "工信局-2019年工业互联网示范企业申报材料"},
    {"", "工业和信息化局_2019年省工业互联网发展示范企业申报材料"},
    {"", "-省工业互联网发展示范企业申报（电子版）"},
    {"2019年度省工业互联网发展示范企业申报材料（", "）"},
};

static void summary_file(struct sink *s, const struct gen_opts *o, int type, int unit,
			 struct app **apps, size_t n, int as_docx, int synonyms, const char *prefix)
{
	struct strbuf path = STRBUF_INIT, bytes = STRBUF_INIT;
	const char *what = type == APP_PLATFORM ? "江苏省重点工业互联网平台申报情况汇总表"
						: "江苏省工业互联网标杆工厂申报情况汇总表";

	if (unit % 2)
		strbuf_addf(&path, "%s附件5 %s%s", prefix, what, as_docx ? ".docx" : ".xlsx");
	else
		strbuf_addf(&path, "%s%s%s%s", prefix, unit_names[unit],
			    type == APP_PLATFORM ? "重点工业互联网平台申报汇总表"
						 : "工业互联网标杆工厂申报汇总表",
			    as_docx ? ".docx" : ".xlsx");
	if (as_docx) {
		struct doc d;
		doc_init(&d, NULL, 0);
		form_summary_ex(&d, type, unit, apps, n, synonyms);
		docx_package(&d, &bytes, what);
		doc_release(&d);
	} else {
		struct strbuf tmp = STRBUF_INIT;
		strbuf_addf(&tmp, "%s/.gen-summary-%d-%d.xlsx", o->out, unit, type);
		if (xlsx_summary_ex(tmp.buf, type, unit, apps, n, synonyms) ||
		    read_file(tmp.buf, &bytes))
			BUG("cannot build the summary table");
		unlink(tmp.buf);
		strbuf_release(&tmp);
	}
	sink_file(s, path.buf, bytes.buf, bytes.len);
	strbuf_release(&path);
	strbuf_release(&bytes);
}

/*
 * Habit a (--habits on): 常州市 puts both tables in one workbook, one sheet
 * each; 盐城市 both on one sheet, one under the other; 镇江市 both in one
 * .docx.  These and 淮安市, 泰州市 and 沭阳县 type the header's near-synonyms.
 */
enum { BOTH_NONE, BOTH_SHEETS, BOTH_STACKED, BOTH_DOCX };

static int unit_both(int unit)
{
	return unit == 3    ? BOTH_SHEETS
	       : unit == 8  ? BOTH_STACKED
	       : unit == 10 ? BOTH_DOCX
			    : BOTH_NONE;
}

static int unit_synonyms(int unit)
{
	return unit_both(unit) != BOTH_NONE || unit % 4 == 3;
}

static void summary_both_file(struct sink *s, const struct gen_opts *o, int unit,
			      struct app ***apps, const size_t *n, int how, const char *prefix)
{
	struct strbuf path = STRBUF_INIT, bytes = STRBUF_INIT;
	const char *what = "江苏省工业互联网发展示范企业申报情况汇总表";

	strbuf_addf(&path, "%s附件5 %s%s", prefix, what, how == BOTH_DOCX ? ".docx" : ".xlsx");
	if (how == BOTH_DOCX) {
		struct doc d;
		doc_init(&d, NULL, 0);
		form_summary_ex(&d, APP_PLATFORM, unit, apps[0], n[0], 1);
		form_summary_ex(&d, APP_FACTORY, unit, apps[1], n[1], 1);
		docx_package(&d, &bytes, what);
		doc_release(&d);
	} else {
		struct strbuf tmp = STRBUF_INIT;
		strbuf_addf(&tmp, "%s/.gen-summary-%d-both.xlsx", o->out, unit);
		if (xlsx_summary_both(tmp.buf, unit, apps, n, how == BOTH_STACKED, 1) ||
		    read_file(tmp.buf, &bytes))
			BUG("cannot build the summary table");
		unlink(tmp.buf);
		strbuf_release(&tmp);
	}
	sink_file(s, path.buf, bytes.buf, bytes.len);
	strbuf_release(&path);
	strbuf_release(&bytes);
}

static int write_unit(const struct gen_opts *o, int unit, FILE *truth)
{
	struct rng r;
	struct app *apps = xcalloc((size_t)o->per_unit, sizeof(*apps));
	struct app **listed[2];
	size_t nlisted[2] = {0, 0};
	struct strbuf name = STRBUF_INIT, path = STRBUF_INIT, prefix = STRBUF_INIT;
	struct strbuf *attach = xcalloc((size_t)o->per_unit, sizeof(*attach));
	struct sink s;
	int fmt = unit_format(unit, o->mixed);

	rng_fork(&r, o->seed, (uint64_t)unit + 1, 0);
	int flat = fmt != F_ZIP_NESTED && unit % 3 == 1;
	int numbered = unit % 2 == 0;
	int as_docx = unit % 4 == 2;
	int top = fmt != F_DIR && rng_chance(&r, 50);

	listed[0] = xcalloc((size_t)o->per_unit, sizeof(struct app *));
	listed[1] = xcalloc((size_t)o->per_unit, sizeof(struct app *));
	for (int i = 0; i < o->per_unit; i++) {
		struct app *a = &apps[i];
		app_generate(a, o->seed, unit, i, o->defects, o->habits);
		strbuf_init(&attach[i], 0);
		if (a->listed) {
			struct strbuf seq = STRBUF_INIT;
			strbuf_addf(&seq, "%zu", nlisted[a->type] + 1);
			app_set(a, "s.seq", seq.buf);
			strbuf_release(&seq);
			listed[a->type][nlisted[a->type]++] = a;
		}
	}

	const char *const *pat = bundle_patterns[unit % ARRAY_SIZE(bundle_patterns)];
	strbuf_addf(&name, "%s%s%s", pat[0], unit_names[unit], pat[1]);
	strbuf_addstr(&name, fmt_ext[fmt]);
	strbuf_addf(&path, "%s/%s", o->out, name.buf);
	if (sink_open(&s, fmt, path.buf))
		return -1;
	if (top)
		strbuf_addf(&prefix, "%.*s/", (int)(name.len - strlen(fmt_ext[fmt])), name.buf);

	int both = o->habits ? unit_both(unit) : BOTH_NONE;
	if (both != BOTH_NONE && nlisted[0] && nlisted[1]) {
		/* every application of the unit: its 附件5 row, or its absence, is read from it */
		static const char *const how[] = {"", "sheets", "stacked", "docx"};
		for (int i = 0; i < o->per_unit; i++)
			if (apps[i].form_format == FORM_DOCX || apps[i].listed)
				app_tag(&apps[i], "summary_both=%s", how[both]);
		summary_both_file(&s, o, unit, listed, nlisted, both, prefix.buf);
	} else {
		for (int i = 0; o->habits && unit_synonyms(unit) && i < o->per_unit; i++)
			if (apps[i].form_format == FORM_DOCX || apps[i].listed)
				app_tag(&apps[i], "summary_header=synonyms");
		for (int t = 0; t < 2; t++)
			if (nlisted[t])
				summary_file(&s, o, t, unit, listed[t], nlisted[t], as_docx,
					     o->habits && unit_synonyms(unit), prefix.buf);
	}

	for (int i = 0; i < o->per_unit; i++) {
		struct app *a = &apps[i];
		struct strbuf dir = STRBUF_INIT;
		const char *ename = app_get(a, "s.enterprise");
		if (fmt == F_ZIP_NESTED) {
			if (a->form_format == FORM_NONE)
				continue;
			/* The enterprise zipped its own files; the city put the zip in its bundle.
			 */
			struct strbuf inner = STRBUF_INIT, inner_name = STRBUF_INIT,
				      inner_prefix = STRBUF_INIT;
			struct sink in = {.fmt = F_ZIP, .a = memzip_open(&inner)};
			strbuf_addf(&inner_name, "%s%02d-%s.zip", prefix.buf, i + 1, ename);
			strbuf_addf(&inner_prefix, "%s/", inner_name.buf);
			strbuf_addf(&dir, "%s/", ename);
			app_files(&in, a, &r, dir.buf, 0, o->attach_kb, inner_prefix.buf,
				  &attach[i]);
			memzip_close(in.a);
			sink_file(&s, inner_name.buf, inner.buf, inner.len);
			strbuf_release(&inner);
			strbuf_release(&inner_name);
			strbuf_release(&inner_prefix);
		} else {
			strbuf_addstr(&dir, prefix.buf);
			if (!flat) {
				if (numbered)
					strbuf_addf(&dir, "%d%s", i + 1,
						    (unit / 2) % 2 ? "." : "、");
				strbuf_addf(&dir, "%s/", ename);
			}
			app_files(&s, a, &r, dir.buf, flat, o->attach_kb, "", &attach[i]);
		}
		strbuf_release(&dir);
	}
	int rc = sink_close(&s);
	if (fmt == F_DIR) {
		struct timeval tv[2] = {{GEN_MTIME, 0}, {GEN_MTIME, 0}};
		utimes(path.buf, tv);
	}
	for (int i = 0; i < o->per_unit; i++) {
		truth_row(truth, &apps[i], name.buf, attach[i].buf);
		strbuf_release(&attach[i]);
		app_release(&apps[i]);
	}
	free(attach);
	free(apps);
	free(listed[0]);
	free(listed[1]);
	strbuf_release(&name);
	strbuf_release(&path);
	strbuf_release(&prefix);
	return rc;
}

/* ---- hostile bundles ---- */

static void entry_plain(struct archive *a, const char *path, const char *text)
{
	archive_add_bytes(a, path, text, strlen(text));
}

static struct archive *open_file_archive(const char *path, int tar)
{
	struct archive *a = archive_write_new();
	if (tar)
		archive_write_set_format_pax_restricted(a);
	else
		archive_write_set_format_zip(a);
	archive_write_set_bytes_in_last_block(a, 1);
	if (archive_write_open_filename(a, path) != ARCHIVE_OK)
		BUG("cannot write %s: %s", path, archive_error_string(a));
	return a;
}

static void special_entry(struct archive *a, const char *path, unsigned type, const char *link,
			  int hard)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname_utf8(e, path);
	archive_entry_set_filetype(e, type);
	archive_entry_set_perm(e, type == AE_IFLNK ? 0777 : 0644);
	archive_entry_set_mtime(e, GEN_MTIME, 0);
	if (type == AE_IFCHR)
		archive_entry_set_rdev(e, makedev(1, 3));
	if (link) {
		if (hard)
			archive_entry_set_hardlink(e, link);
		else
			archive_entry_set_symlink(e, link);
	}
	if (archive_write_header(a, e) != ARCHIVE_OK)
		BUG("special entry %s: %s", path, archive_error_string(a));
	archive_entry_free(e);
}

struct hostile {
	const char *name, *code, *what;
};

static const struct hostile hostiles[] = {
    {"hostile-zipslip-dotdot.zip", "ARCHIVE_UNSAFE_ENTRY", "entry ../../evil.txt"},
    {"hostile-zipslip-absolute.zip", "ARCHIVE_UNSAFE_ENTRY", "entry /etc/x"},
    {"hostile-zipslip-drive.zip", "ARCHIVE_UNSAFE_ENTRY", "entry C:\\x"},
    {"hostile-zipbomb.zip", "ARCHIVE_LIMIT", "200 MiB of zeros in one deflated entry"},
    {"hostile-symlink.tar", "ARCHIVE_UNSAFE_ENTRY", "symlink to /etc/passwd"},
    {"hostile-hardlink.tar", "ARCHIVE_UNSAFE_ENTRY", "hard link to /etc/passwd"},
    {"hostile-device.tar", "ARCHIVE_UNSAFE_ENTRY", "character device 1,3"},
    {"hostile-encrypted.zip", "ARCHIVE_ENCRYPTED", "ZipCrypto-encrypted entries"},
    {"hostile-truncated.zip", "ARCHIVE_CORRUPT", "a valid zip cut in half"},
    {"hostile-empty.zip", "ARCHIVE_CORRUPT", "an empty file"},
    {"hostile-notarchive.zip", "ARCHIVE_CORRUPT", "a text file named .zip"},
};

/*
 * libarchive draws the ZipCrypto header bytes from arc4random_buf() (glibc).
 * Defining it here interposes ours for the whole process, so that the
 * encrypted bundle, too, is the same bytes for the same seed.  Nothing in
 * this program needs unpredictable random numbers.
 */
static struct rng archive_rng;
static int archive_rng_seeded;

void arc4random_buf(void *buf, size_t n)
{
	if (!archive_rng_seeded) {
		rng_seed(&archive_rng, 0x6172633472616e64ULL);
		archive_rng_seeded = 1;
	}
	rng_fill(&archive_rng, buf, n);
}

static const char readme[] = "申报材料清单：申报书、汇总表、营业执照。\n";

static int write_hostile(const struct gen_opts *o, FILE *truth)
{
	struct strbuf path = STRBUF_INIT;

	for (size_t h = 0; h < ARRAY_SIZE(hostiles); h++) {
		const char *n = hostiles[h].name;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", o->out, n);
		if (strstr(n, "zipslip")) {
			struct archive *a = open_file_archive(path.buf, 0);
			entry_plain(a, "申报材料清单.txt", readme);
			entry_plain(a,
				    strstr(n, "dotdot")	    ? "../../evil.txt"
				    : strstr(n, "absolute") ? "/etc/x"
							    : "C:\\x",
				    "evil\n");
			memzip_close(a);
		} else if (strstr(n, "zipbomb")) {
			struct archive *a = archive_write_new();
			archive_write_set_format_zip(a);
			archive_write_set_options(a, "zip:compression-level=9");
			archive_write_set_bytes_in_last_block(a, 1);
			if (archive_write_open_filename(a, path.buf) != ARCHIVE_OK)
				BUG("zipbomb: %s", archive_error_string(a));
			entry_plain(a, "申报材料清单.txt", readme);
			struct archive_entry *e = archive_entry_new();
			archive_entry_set_pathname_utf8(e, "营业执照.pdf");
			archive_entry_set_filetype(e, AE_IFREG);
			archive_entry_set_perm(e, 0644);
			archive_entry_set_mtime(e, GEN_MTIME, 0);
			archive_entry_set_size(e, (la_int64_t)200 << 20);
			if (archive_write_header(a, e) != ARCHIVE_OK)
				BUG("zipbomb: %s", archive_error_string(a));
			static const char zeros[CHUNK];
			for (int i = 0; i < (200 << 20) / CHUNK; i++)
				if (archive_write_data(a, zeros, CHUNK) < 0)
					BUG("zipbomb: %s", archive_error_string(a));
			archive_entry_free(e);
			memzip_close(a);
		} else if (strstr(n, ".tar")) {
			struct archive *a = open_file_archive(path.buf, 1);
			entry_plain(a, "申报材料清单.txt", readme);
			if (strstr(n, "symlink"))
				special_entry(a, "营业执照.pdf", AE_IFLNK, "/etc/passwd", 0);
			else if (strstr(n, "hardlink"))
				special_entry(a, "营业执照.pdf", AE_IFREG, "/etc/passwd", 1);
			else
				special_entry(a, "dev/null", AE_IFCHR, NULL, 0);
			memzip_close(a);
		} else if (strstr(n, "encrypted")) {
			rng_seed(&archive_rng, o->seed ^ 0x656e63ULL);
			archive_rng_seeded = 1;
			struct archive *a = archive_write_new();
			archive_write_set_format_zip(a);
			if (archive_write_set_options(a, "zip:encryption=zipcrypt") != ARCHIVE_OK ||
			    archive_write_set_passphrase(a, "2019") != ARCHIVE_OK)
				BUG("encryption: %s", archive_error_string(a));
			archive_write_set_bytes_in_last_block(a, 1);
			if (archive_write_open_filename(a, path.buf) != ARCHIVE_OK)
				BUG("encrypted: %s", archive_error_string(a));
			entry_plain(a, "申报材料清单.txt", readme);
			entry_plain(a, "申报书.txt", "江苏省重点工业互联网平台申报书\n");
			memzip_close(a);
		} else {
			struct strbuf bytes = STRBUF_INIT;
			size_t keep = 0;
			if (strstr(n, "truncated")) {
				struct archive *a = memzip_open(&bytes);
				struct rng r;
				char buf[8192];
				rng_seed(&r, o->seed ^ 0x7275);
				rng_fill(&r, buf, sizeof(buf));
				entry_plain(a, "申报材料清单.txt", readme);
				archive_add_bytes(a, "营业执照.pdf", buf, sizeof(buf));
				memzip_close(a);
				keep = bytes.len / 2;
			} else if (strstr(n, "notarchive")) {
				strbuf_addstr(&bytes, "各位领导：附件为我市申报材料，请查收。\n");
				keep = bytes.len;
			}
			FILE *fp = fopen(path.buf, "wb");
			if (!fp || fwrite(bytes.buf, 1, keep, fp) != keep || fclose(fp))
				BUG("cannot write %s", path.buf);
			strbuf_release(&bytes);
		}
		struct timeval tv[2] = {{GEN_MTIME, 0}, {GEN_MTIME, 0}};
		utimes(path.buf, tv);
		fprintf(truth, "hostile\t\t%s\t\t\t\t\t\t\t\t\t%s\t\t\t\t\t\t\t\t\n", n,
			hostiles[h].code);
	}
	strbuf_release(&path);
	return 0;
}

static const char truth_header[] =
    "kind\tunit\tbundle\tform_path\tapp_type\tenterprise\tcredit_code\tdeclared_direction\t"
    "expected_direction\tbasic_ok\tgates_ok\tdefects\tgates_passed\tgates_failed\tfields\t"
    "text_lengths\tsummary\tattachments\tattachments_missing\thabits\n";

int gen_batch(const struct gen_opts *o)
{
	FILE *truth;
	int rc = 0;

	mkdirs(o->out);
	truth = fopen(o->truth, "w");
	if (!truth)
		return error("cannot write %s: %s", o->truth, strerror(errno));
	fputs(truth_header, truth);
	for (int u = 0; u < o->units && !rc; u++)
		rc = write_unit(o, u, truth);
	if (!rc && o->hostile)
		rc = write_hostile(o, truth);
	if (fclose(truth))
		rc = error("cannot write %s", o->truth);
	return rc;
}

int gen_templates(const char *dir)
{
	struct strbuf path = STRBUF_INIT, bytes = STRBUF_INIT;
	struct doc d;
	int rc = 0;

	mkdirs(dir);
	static const char *const names[] = {"附件1 江苏省重点工业互联网平台申报书.docx",
					    "附件2 江苏省工业互联网标杆工厂申报书.docx",
					    "附件5 江苏省重点工业互联网平台申报情况汇总表.docx",
					    "附件5 江苏省工业互联网标杆工厂申报情况汇总表.docx"};
	for (int i = 0; i < 4; i++) {
		doc_init(&d, NULL, 0);
		if (i == 0)
			form_platform(&d);
		else if (i == 1)
			form_factory(&d);
		else
			form_summary(&d, i == 2 ? APP_PLATFORM : APP_FACTORY, 0, NULL, 0);
		strbuf_reset(&bytes);
		docx_package(&d, &bytes, names[i] + strlen("附件1 "));
		doc_release(&d);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir, names[i]);
		FILE *fp = fopen(path.buf, "wb");
		if (!fp || fwrite(bytes.buf, 1, bytes.len, fp) != bytes.len || fclose(fp))
			rc = error("cannot write %s", path.buf);
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/附件5 江苏省重点工业互联网平台申报情况汇总表.xlsx", dir);
	rc |= xlsx_summary(path.buf, APP_PLATFORM, 0, NULL, 0);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/附件5 江苏省工业互联网标杆工厂申报情况汇总表.xlsx", dir);
	rc |= xlsx_summary(path.buf, APP_FACTORY, 0, NULL, 0);
	strbuf_release(&path);
	strbuf_release(&bytes);
	return rc ? -1 : 0;
}
