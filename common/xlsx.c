#include "xlsx.h"
#include "ooxml.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEFAULT_MAX_PART     (256u << 20)
#define DEFAULT_MAX_DEPTH    256u
#define DEFAULT_MAX_CELL     (1u << 20)
#define DEFAULT_MAX_SS_COUNT 1000000u
#define DEFAULT_MAX_SS_BYTES (64u << 20)
#define DEFAULT_MAX_SHEETS   256u
#define MAX_RELS	     10000u
#define MAX_XFS		     65536u /* Excel's own limit on cell formats */
#define MAX_ROW		     1048576u
#define MAX_COL		     16384u /* XFD */

struct sheet {
	char *name, *rid, *part;
	int hidden, is_chart;
};

struct rel {
	char *id, *target, *type;
};

/* Elements of the four vocabularies we read (spreadsheetml and package relationships). */
enum el {
	E_OTHER,
	E_SHEET,
	E_WBPR,
	E_REL,
	E_SI,
	E_R,
	E_RPH,
	E_T,
	E_NUMFMT,
	E_CELLXFS,
	E_XF,
	E_ROW,
	E_C,
	E_V,
	E_F,
	E_IS
};

struct reader {
	struct ooxml_parse ps; /* first: the expat user data */
	struct xlsx_limits lim;
	xlsx_cell_fn fn;
	void *ctx;
	unsigned char *frames; /* element per depth */
	unsigned skip;	       /* inside an rPh (phonetic) run */
	int date1904;
	struct sheet *sheets;
	size_t nsheets, alloc_sheets;
	struct rel *rels;
	size_t nrels, alloc_rels;
	/* Shared strings: NUL-terminated strings back to back in pool; off[i] is string i. */
	struct strbuf pool;
	size_t *off;
	size_t nss, alloc_off;
	/* Styles: per cell format, whether its number format is a date; custom date formats. */
	unsigned *xf_fmt;
	size_t nxf, alloc_xf;
	unsigned *date_fmts;
	size_t ndate_fmts, alloc_date_fmts;
	unsigned char *xf_date;
	/* The element text being collected (a shared string, <v>, <is>). */
	struct strbuf text;
	int text_trunc;
	/* The sheet being streamed. */
	int sheet;
	unsigned row, col;
	int row_seen, col_seen;
	int c_type, c_style, c_formula, c_has_v, c_has_is;
	char c_ref[32];
	struct strbuf val, out;
	int stop_all, skip_sheet;
};

static char *xstrdup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

static enum el classify(enum ooxml_ns ns, const char *l)
{
	if (ns == OOXML_NS_PKG_REL || ns == OOXML_NS_NONE)
		if (!strcmp(l, "Relationship"))
			return E_REL;
	if (ns != OOXML_NS_SML && ns != OOXML_NS_NONE)
		return E_OTHER;
	switch (l[0]) {
	case 'c':
		if (!l[1])
			return E_C;
		if (!strcmp(l, "cellXfs"))
			return E_CELLXFS;
		break;
	case 'f':
		if (!l[1])
			return E_F;
		break;
	case 'i':
		if (!strcmp(l, "is"))
			return E_IS;
		break;
	case 'n':
		if (!strcmp(l, "numFmt"))
			return E_NUMFMT;
		break;
	case 'r':
		if (!l[1])
			return E_R;
		if (!strcmp(l, "row"))
			return E_ROW;
		if (!strcmp(l, "rPh"))
			return E_RPH;
		break;
	case 's':
		if (!strcmp(l, "si"))
			return E_SI;
		if (!strcmp(l, "sheet"))
			return E_SHEET;
		break;
	case 't':
		if (!l[1])
			return E_T;
		break;
	case 'v':
		if (!l[1])
			return E_V;
		break;
	case 'w':
		if (!strcmp(l, "workbookPr"))
			return E_WBPR;
		break;
	case 'x':
		if (!strcmp(l, "xf"))
			return E_XF;
		break;
	}
	return E_OTHER;
}

/* Push the element; returns its class, or -1 when the handler must stop. */
static int enter(struct reader *r, enum ooxml_ns ns, const char *local, enum el *el,
		 enum el *parent)
{
	if (ooxml_done(&r->ps) || ooxml_enter(&r->ps))
		return -1;
	*el = classify(ns, local);
	r->frames[r->ps.depth] = (unsigned char)*el;
	*parent = (enum el)r->frames[r->ps.depth - 1];
	return 0;
}

static enum el leave(struct reader *r)
{
	enum el el = (enum el)r->frames[r->ps.depth];

	ooxml_leave(&r->ps);
	return el;
}

static void collect(struct reader *r, const char *s, size_t len)
{
	r->text_trunc |= ooxml_add_capped(&r->text, s, len, r->lim.max_cell_text);
}

static void reset_text(struct reader *r)
{
	strbuf_reset(&r->text);
	r->text_trunc = 0;
}

/* ---- xl/workbook.xml ---- */

static void wb_start(struct ooxml_parse *ps, enum ooxml_ns ns, const char *local, const char **atts)
{
	struct reader *r = (struct reader *)ps;
	enum el el, par;

	if (enter(r, ns, local, &el, &par))
		return;
	if (el == E_WBPR) {
		const char *v = ooxml_attr(atts, "date1904");

		r->date1904 = v && ooxml_onoff(v);
	} else if (el == E_SHEET) {
		const char *state = ooxml_attr(atts, "state");
		struct sheet *s;

		if (r->nsheets >= r->lim.max_sheets) {
			ooxml_fail(&r->ps, "more than %u sheets", r->lim.max_sheets);
			return;
		}
		ALLOC_GROW(r->sheets, r->nsheets + 1, r->alloc_sheets);
		s = &r->sheets[r->nsheets++];
		memset(s, 0, sizeof(*s));
		s->name = xstrdup_or_empty(ooxml_attr(atts, "name"));
		s->rid = xstrdup_or_empty(ooxml_attr(atts, "id"));
		s->hidden = state && strcmp(state, "visible") != 0;
	}
}

static void any_end(struct ooxml_parse *ps)
{
	struct reader *r = (struct reader *)ps;

	if (!ooxml_done(&r->ps))
		leave(r);
}

/* ---- xl/_rels/workbook.xml.rels ---- */

static void rels_start(struct ooxml_parse *ps, enum ooxml_ns ns, const char *local,
		       const char **atts)
{
	struct reader *r = (struct reader *)ps;
	const char *mode = ooxml_attr(atts, "TargetMode");
	struct rel *rel;
	enum el el, par;

	if (enter(r, ns, local, &el, &par) || el != E_REL)
		return;
	if (mode && !strcmp(mode, "External"))
		return;
	if (r->nrels >= MAX_RELS) {
		ooxml_fail(&r->ps, "more than %u relationships", MAX_RELS);
		return;
	}
	ALLOC_GROW(r->rels, r->nrels + 1, r->alloc_rels);
	rel = &r->rels[r->nrels++];
	rel->id = xstrdup_or_empty(ooxml_attr(atts, "Id"));
	rel->target = xstrdup_or_empty(ooxml_attr(atts, "Target"));
	rel->type = xstrdup_or_empty(ooxml_attr(atts, "Type"));
}

/* The part name a workbook relationship's target points to ("worksheets/a.xml" →
 * "xl/worksheets/a.xml"). */
static char *resolve_target(const char *target)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	if (target[0] == '/') {
		s = target + 1;
	} else {
		strbuf_addstr(&sb, "xl/");
		s = target;
	}
	while (*s) {
		const char *slash = strchr(s, '/');
		size_t n = slash ? (size_t)(slash - s) : strlen(s);

		if (n == 2 && !memcmp(s, "..", 2)) {
			/* Drop the last directory of what we have ("xl/" → ""). */
			if (sb.len)
				strbuf_setlen(&sb, sb.len - 1);
			while (sb.len && sb.buf[sb.len - 1] != '/')
				strbuf_setlen(&sb, sb.len - 1);
		} else if (!(n == 1 && s[0] == '.') && n) {
			strbuf_add(&sb, s, n);
			if (slash)
				strbuf_addch(&sb, '/');
		}
		s += n + (slash ? 1 : 0);
	}
	return strbuf_detach(&sb, NULL);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static const struct rel *rel_by_type(const struct reader *r, const char *suffix)
{
	for (size_t i = 0; i < r->nrels; i++)
		if (ends_with(r->rels[i].type, suffix))
			return &r->rels[i];
	return NULL;
}

/* ---- shared strings and inline strings ---- */

static void ss_start(struct ooxml_parse *ps, enum ooxml_ns ns, const char *local, const char **atts)
{
	struct reader *r = (struct reader *)ps;
	enum el el, par;

	if (enter(r, ns, local, &el, &par))
		return;
	if (el == E_RPH)
		r->skip++;
	else if (el == E_SI)
		reset_text(r);
}

static void ss_end(struct ooxml_parse *ps)
{
	struct reader *r = (struct reader *)ps;
	enum el el;

	if (ooxml_done(&r->ps))
		return;
	el = leave(r);
	if (el == E_RPH) {
		r->skip--;
	} else if (el == E_SI) {
		if (r->nss >= r->lim.max_shared_count) {
			ooxml_fail(&r->ps, "more than %zu shared strings", r->lim.max_shared_count);
			return;
		}
		if (r->pool.len + r->text.len + 1 > r->lim.max_shared_bytes) {
			ooxml_fail(&r->ps, "shared strings larger than %zu bytes",
				   r->lim.max_shared_bytes);
			return;
		}
		ALLOC_GROW(r->off, r->nss + 1, r->alloc_off);
		r->off[r->nss++] = r->pool.len;
		strbuf_add(&r->pool, r->text.buf, r->text.len + 1); /* with its NUL */
	}
}

/* Text of <t> directly in <si>/<is> or in a rich run <r>; not in rPh. */
static void XMLCALL t_text(void *ud, const XML_Char *s, int len)
{
	struct reader *r = ud;
	unsigned d = r->ps.depth;

	if (ooxml_done(&r->ps) || r->skip || d < 2 || r->frames[d] != E_T)
		return;
	if (r->frames[d - 1] == E_SI || r->frames[d - 1] == E_IS ||
	    (r->frames[d - 1] == E_R && d >= 3 &&
	     (r->frames[d - 2] == E_SI || r->frames[d - 2] == E_IS)))
		collect(r, s, (size_t)len);
}

/* ---- xl/styles.xml: which cell formats are dates ---- */

static unsigned attr_uint(const char **atts, const char *name, unsigned dflt)
{
	const char *v = ooxml_attr(atts, name);
	char *end;
	unsigned long n;

	if (!v)
		return dflt;
	n = strtoul(v, &end, 10);
	if (end == v || *end || n > UINT32_MAX)
		return dflt;
	return (unsigned)n;
}

/* A number format code that shows a date or a time: y m d h s outside quotes and brackets. */
static int format_is_date(const char *code)
{
	for (const char *s = code; *s; s++) {
		switch (*s) {
		case '"':
			s = strchr(s + 1, '"');
			if (!s)
				return 0;
			break;
		case '[':
			/* [h] [mm] [ss] are elapsed time; [Red] [$-804] are not dates. */
			if (strchr("hHmMsS", s[1]))
				return 1;
			s = strchr(s + 1, ']');
			if (!s)
				return 0;
			break;
		case '\\':
		case '_':
		case '*':
			if (!s[1])
				return 0;
			s++;
			break;
		case 'y':
		case 'Y':
		case 'm':
		case 'M':
		case 'd':
		case 'D':
		case 'h':
		case 'H':
		case 's':
		case 'S':
			return 1;
		default:
			break;
		}
	}
	return 0;
}

static int builtin_date(unsigned id)
{
	/* ECMA-376 18.8.30 and the CJK locale formats 27-36, 50-58. */
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

static void st_start(struct ooxml_parse *ps, enum ooxml_ns ns, const char *local, const char **atts)
{
	struct reader *r = (struct reader *)ps;
	enum el el, par;

	if (enter(r, ns, local, &el, &par))
		return;
	if (el == E_NUMFMT) {
		const char *code = ooxml_attr(atts, "formatCode");

		if (code && format_is_date(code) && r->ndate_fmts < MAX_XFS) {
			ALLOC_GROW(r->date_fmts, r->ndate_fmts + 1, r->alloc_date_fmts);
			r->date_fmts[r->ndate_fmts++] = attr_uint(atts, "numFmtId", 0);
		}
	} else if (el == E_XF && par == E_CELLXFS) {
		if (r->nxf >= MAX_XFS) {
			ooxml_fail(&r->ps, "more than %u cell formats", MAX_XFS);
			return;
		}
		ALLOC_GROW(r->xf_fmt, r->nxf + 1, r->alloc_xf);
		r->xf_fmt[r->nxf++] = attr_uint(atts, "numFmtId", 0);
	}
}

static void mark_date_xfs(struct reader *r)
{
	r->xf_date = xcalloc(r->nxf ? r->nxf : 1, 1);
	for (size_t i = 0; i < r->nxf; i++) {
		unsigned id = r->xf_fmt[i];
		int date = builtin_date(id);

		for (size_t j = 0; !date && j < r->ndate_fmts; j++)
			date = r->date_fmts[j] == id;
		r->xf_date[i] = (unsigned char)date;
	}
}

/* ---- worksheets ---- */

int xlsx_parse_ref(const char *ref, unsigned *row, unsigned *col)
{
	unsigned long c = 0, rw = 0;
	size_t nl = 0, nd = 0;
	const char *s = ref;

	for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++, nl++)
		if (nl < 8)
			c = c * 26 + (unsigned long)((*s | 0x20) - 'a' + 1);
	for (; *s >= '0' && *s <= '9'; s++, nd++)
		if (nd < 12)
			rw = rw * 10 + (unsigned long)(*s - '0');
	if (*s || !nl || !nd || rw == 0)
		return -1;
	if (nl > 3 || nd > 7 || c > MAX_COL || rw > MAX_ROW)
		return -2;
	*row = (unsigned)rw - 1;
	*col = (unsigned)c - 1;
	return 0;
}

void xlsx_add_ref(struct strbuf *out, unsigned row, unsigned col)
{
	char letters[8];
	int n = 0;

	col++;
	while (col && n < 7) {
		letters[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	while (n)
		strbuf_addch(out, letters[--n]);
	strbuf_addf(out, "%u", row + 1);
}

static void emit(struct reader *r, struct xlsx_cell *c)
{
	int ret = r->fn(c, r->ctx);

	if (!ret)
		return;
	if (ret != XLSX_SKIP_SHEET)
		r->stop_all = 1;
	r->skip_sheet = 1;
	ooxml_stop(&r->ps);
}

static void cell_init(struct reader *r, struct xlsx_cell *c, enum xlsx_event ev)
{
	const struct sheet *s = &r->sheets[r->sheet];

	memset(c, 0, sizeof(*c));
	c->event = ev;
	c->sheet = r->sheet;
	c->sheet_name = s->name;
	c->sheet_hidden = s->hidden;
	c->text = c->raw = "";
	c->row = r->row;
}

static const char *cell_name(struct reader *r)
{
	strbuf_reset(&r->out);
	strbuf_addf(&r->out, "sheet '%s' cell ", r->sheets[r->sheet].name);
	xlsx_add_ref(&r->out, r->row, r->col);
	return r->out.buf;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

/*
 * Format an Excel serial date into out.  Returns -1 when v is not a date
 * Excel could show (negative or past 9999-12-31).
 */
static int serial_to_text(double v, int date1904, struct strbuf *out)
{
	long days, secs;
	long y;
	unsigned m, d;

	if (!(v >= 0 && v < 2958466))
		return -1;
	/* v >= 0 here, so truncation is floor and +0.5 rounds (no libm needed). */
	days = (long)v;
	secs = (long)((v - (double)days) * 86400.0 + 0.5);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	if (date1904)
		days += 1462;
	if (days == 60) {
		/* Lotus's 1900-02-29, kept by Excel for compatibility. */
		strbuf_addstr(out, "1900-02-29");
	} else if (days > 0) {
		/* Serial 1 is 1900-01-01; after the phantom leap day, day 0 is 1899-12-30. */
		civil_from_days(days_from_civil(1899, 12, days < 60 ? 31 : 30) + days, &y, &m, &d);
		strbuf_addf(out, "%04ld-%02u-%02u", y, m, d);
	}
	if (secs || days == 0)
		strbuf_addf(out, "%s%02ld:%02ld:%02ld", days ? " " : "", secs / 3600,
			    secs / 60 % 60, secs % 60);
	return 0;
}

enum ctype { CT_N, CT_S, CT_INLINE, CT_B, CT_E, CT_STR, CT_D };

static void sh_start(struct ooxml_parse *ps, enum ooxml_ns ns, const char *local, const char **atts)
{
	struct reader *r = (struct reader *)ps;
	enum el el, par;
	const char *v;

	if (enter(r, ns, local, &el, &par))
		return;
	switch (el) {
	case E_ROW:
		v = ooxml_attr(atts, "r");
		if (v) {
			char *end;
			unsigned long n = strtoul(v, &end, 10);

			if (end == v || *end || n == 0 || n > MAX_ROW) {
				ooxml_fail(&r->ps, "sheet '%s': row number \"%.20s\" outside 1-%u",
					   r->sheets[r->sheet].name, v, MAX_ROW);
				return;
			}
			r->row = (unsigned)n - 1;
		} else {
			r->row = r->row_seen ? r->row + 1 : 0;
		}
		r->row_seen = 1;
		r->col_seen = 0;
		break;
	case E_C:
		v = ooxml_attr(atts, "r");
		if (v) {
			unsigned rr, cc;
			int bad = xlsx_parse_ref(v, &rr, &cc);

			if (bad) {
				ooxml_fail(&r->ps, "sheet '%s': cell reference \"%.20s\" %s",
					   r->sheets[r->sheet].name, v,
					   bad == -2 ? "beyond XFD1048576" : "malformed");
				return;
			}
			r->row = rr;
			r->col = cc;
		} else {
			/* No reference: the cell follows the previous one. */
			r->col = r->col_seen ? r->col + 1 : 0;
			if (r->col >= MAX_COL) {
				ooxml_fail(&r->ps, "sheet '%s': row %u has cells beyond column XFD",
					   r->sheets[r->sheet].name, r->row + 1);
				return;
			}
		}
		r->col_seen = 1;
		v = ooxml_attr(atts, "t");
		r->c_type = !v || !strcmp(v, "n")     ? CT_N
			    : !strcmp(v, "s")	      ? CT_S
			    : !strcmp(v, "inlineStr") ? CT_INLINE
			    : !strcmp(v, "b")	      ? CT_B
			    : !strcmp(v, "e")	      ? CT_E
			    : !strcmp(v, "str")	      ? CT_STR
			    : !strcmp(v, "d")	      ? CT_D
						      : CT_N;
		r->c_style = (int)attr_uint(atts, "s", 0);
		r->c_formula = r->c_has_v = r->c_has_is = 0;
		strbuf_reset(&r->val);
		reset_text(r);
		break;
	case E_V:
		if (par == E_C) {
			r->c_has_v = 1;
			reset_text(r);
		}
		break;
	case E_F:
		if (par == E_C)
			r->c_formula = 1;
		break;
	case E_IS:
		if (par == E_C) {
			r->c_has_is = 1;
			reset_text(r);
		}
		break;
	case E_RPH:
		r->skip++;
		break;
	default:
		break;
	}
}

static void end_cell(struct reader *r)
{
	struct xlsx_cell c;
	const char *raw = r->val.buf;
	size_t raw_len = r->val.len;

	cell_init(r, &c, XLSX_CELL);
	c.col = r->col;
	c.formula = r->c_formula;
	c.raw = raw;
	c.raw_len = raw_len;
	c.text = raw;
	c.len = raw_len;
	c.truncated = r->text_trunc;
	switch (r->c_type) {
	case CT_INLINE:
		if (!r->c_has_is)
			return;
		c.type = XLSX_INLINE;
		c.text = c.raw = r->text.buf;
		c.len = c.raw_len = r->text.len;
		break;
	case CT_S: {
		char *end;
		unsigned long long idx;
		size_t i = 0;

		if (!r->c_has_v)
			return;
		while (i < raw_len && raw[i] == ' ')
			i++;
		idx = strtoull(raw + i, &end, 10);
		if (end == raw + i || *end || raw[i] == '-' || idx >= r->nss) {
			ooxml_fail(&r->ps,
				   "%s: shared string index \"%.20s\" out of range (%zu strings)",
				   cell_name(r), raw, r->nss);
			return;
		}
		c.type = XLSX_SHARED;
		c.text = r->pool.buf + r->off[idx];
		c.len = (idx + 1 < r->nss ? r->off[idx + 1] : r->pool.len) - r->off[idx] - 1;
		c.truncated = 0;
		break;
	}
	case CT_B:
		if (!r->c_has_v)
			return;
		c.type = XLSX_BOOL;
		if (!strcmp(raw, "1") || !strcmp(raw, "0")) {
			c.text = raw[0] == '1' ? "TRUE" : "FALSE";
			c.len = strlen(c.text);
		}
		break;
	case CT_E:
		if (!r->c_has_v)
			return;
		c.type = XLSX_ERROR;
		break;
	case CT_STR:
		if (!r->c_has_v)
			return;
		c.type = XLSX_FORMULA_STR;
		break;
	case CT_D:
		if (!r->c_has_v)
			return;
		c.type = XLSX_DATE;
		break;
	default: {
		char *end;
		double v;

		if (!r->c_has_v)
			return;
		c.type = XLSX_NUMBER;
		if (r->c_style >= 0 && (size_t)r->c_style < r->nxf && r->xf_date[r->c_style]) {
			v = strtod(raw, &end);
			strbuf_reset(&r->out);
			if (end != raw && !*end && !serial_to_text(v, r->date1904, &r->out)) {
				c.type = XLSX_DATE;
				c.text = r->out.buf;
				c.len = r->out.len;
			}
		}
		break;
	}
	}
	emit(r, &c);
}

static void sh_end(struct ooxml_parse *ps)
{
	struct reader *r = (struct reader *)ps;
	struct xlsx_cell c;
	enum el el;

	if (ooxml_done(&r->ps))
		return;
	el = leave(r);
	switch (el) {
	case E_RPH:
		r->skip--;
		break;
	case E_V:
		if ((enum el)r->frames[r->ps.depth] == E_C) {
			strbuf_reset(&r->val);
			strbuf_add(&r->val, r->text.buf, r->text.len);
			/* A cut <v> is kept for the flag in end_cell. */
		}
		break;
	case E_C:
		end_cell(r);
		break;
	case E_ROW:
		cell_init(r, &c, XLSX_ROW_END);
		emit(r, &c);
		break;
	default:
		break;
	}
}

static void XMLCALL sh_text(void *ud, const XML_Char *s, int len)
{
	struct reader *r = ud;
	unsigned d = r->ps.depth;

	if (ooxml_done(&r->ps) || r->skip || d < 2)
		return;
	if (r->frames[d] == E_V && r->frames[d - 1] == E_C)
		collect(r, s, (size_t)len);
	else
		t_text(ud, s, len);
}

/* ---- driving the passes ---- */

/* Parse one part with the given handlers.  Returns 0, 1 (absent) or -1. */
static int parse_part(struct reader *r, const struct ooxml_src *src, const char *part,
		      ooxml_start_fn start, ooxml_end_fn end, XML_CharacterDataHandler text,
		      struct strbuf *err)
{
	int ret;

	ooxml_parse_init(&r->ps, part, r->lim.max_depth, err, start, end, text);
	r->skip = 0;
	ret = ooxml_stream_part(src, part, &r->ps, r->lim.max_part_bytes);
	ooxml_parse_release(&r->ps);
	return ret;
}

static int read_sheet(struct reader *r, const struct ooxml_src *src, struct strbuf *err)
{
	struct sheet *s = &r->sheets[r->sheet];
	struct xlsx_cell c;
	int ret;

	r->row = r->col = 0;
	r->row_seen = r->col_seen = 0;
	r->skip_sheet = 0;
	cell_init(r, &c, XLSX_SHEET_START);
	r->ps.stopped = 0;
	{
		int cb = r->fn(&c, r->ctx);

		if (cb && cb != XLSX_SKIP_SHEET) {
			r->stop_all = 1;
			return 0;
		}
		r->skip_sheet = cb == XLSX_SKIP_SHEET;
	}
	if (!r->skip_sheet && !s->is_chart) {
		ret = parse_part(r, src, s->part, sh_start, sh_end, sh_text, err);
		if (ret < 0)
			return -1;
		if (ret == 1) {
			strbuf_addf(err, "%s: the worksheet part of sheet '%s' is missing", s->part,
				    s->name);
			return -1;
		}
		if (r->stop_all)
			return 0;
	}
	cell_init(r, &c, XLSX_SHEET_END);
	{
		int cb = r->fn(&c, r->ctx);

		if (cb && cb != XLSX_SKIP_SHEET)
			r->stop_all = 1;
	}
	return 0;
}

static int xlsx_read(const struct ooxml_src *src, const struct xlsx_limits *lim, xlsx_cell_fn fn,
		     void *ctx, struct strbuf *err)
{
	struct reader r;
	const struct rel *rel;
	int ret = -1, pr;

	memset(&r, 0, sizeof(r));
	if (lim)
		r.lim = *lim;
	if (!r.lim.max_part_bytes)
		r.lim.max_part_bytes = DEFAULT_MAX_PART;
	if (!r.lim.max_depth)
		r.lim.max_depth = DEFAULT_MAX_DEPTH;
	if (!r.lim.max_cell_text)
		r.lim.max_cell_text = DEFAULT_MAX_CELL;
	if (!r.lim.max_shared_count)
		r.lim.max_shared_count = DEFAULT_MAX_SS_COUNT;
	if (!r.lim.max_shared_bytes)
		r.lim.max_shared_bytes = DEFAULT_MAX_SS_BYTES;
	if (!r.lim.max_sheets)
		r.lim.max_sheets = DEFAULT_MAX_SHEETS;
	r.fn = fn;
	r.ctx = ctx;
	r.frames = xcalloc(r.lim.max_depth + 1, 1);
	strbuf_init(&r.pool, 0);
	strbuf_init(&r.text, 0);
	strbuf_init(&r.val, 0);
	strbuf_init(&r.out, 0);
	strbuf_reset(err);

	pr = parse_part(&r, src, "xl/workbook.xml", wb_start, any_end, NULL, err);
	if (pr == 1)
		strbuf_addstr(err, "no xl/workbook.xml: not an Excel workbook");
	if (pr)
		goto out;
	pr = parse_part(&r, src, "xl/_rels/workbook.xml.rels", rels_start, any_end, NULL, err);
	if (pr == 1)
		strbuf_addstr(err, "no xl/_rels/workbook.xml.rels: the sheets cannot be found");
	if (pr)
		goto out;
	for (size_t i = 0; i < r.nsheets; i++) {
		struct sheet *s = &r.sheets[i];

		for (size_t j = 0; j < r.nrels && !s->part; j++)
			if (!strcmp(r.rels[j].id, s->rid)) {
				s->part = resolve_target(r.rels[j].target);
				s->is_chart = !ends_with(r.rels[j].type, "/worksheet");
			}
		if (!s->part) {
			strbuf_addf(err, "xl/workbook.xml: sheet '%s' has no relationship \"%s\"",
				    s->name, s->rid);
			goto out;
		}
	}

	rel = rel_by_type(&r, "/sharedStrings");
	if (rel) {
		char *part = resolve_target(rel->target);

		pr = parse_part(&r, src, part, ss_start, ss_end, t_text, err);
		free(part);
		if (pr < 0)
			goto out;
	}
	rel = rel_by_type(&r, "/styles");
	if (rel) {
		char *part = resolve_target(rel->target);

		pr = parse_part(&r, src, part, st_start, any_end, NULL, err);
		free(part);
		if (pr < 0)
			goto out;
	}
	mark_date_xfs(&r);

	for (size_t i = 0; i < r.nsheets && !r.stop_all; i++) {
		r.sheet = (int)i;
		if (read_sheet(&r, src, err))
			goto out;
	}
	ret = 0;
out:
	for (size_t i = 0; i < r.nsheets; i++) {
		free(r.sheets[i].name);
		free(r.sheets[i].rid);
		free(r.sheets[i].part);
	}
	for (size_t i = 0; i < r.nrels; i++) {
		free(r.rels[i].id);
		free(r.rels[i].target);
		free(r.rels[i].type);
	}
	free(r.sheets);
	free(r.rels);
	free(r.off);
	free(r.xf_fmt);
	free(r.xf_date);
	free(r.date_fmts);
	free(r.frames);
	strbuf_release(&r.pool);
	strbuf_release(&r.text);
	strbuf_release(&r.val);
	strbuf_release(&r.out);
	return ret;
}

int xlsx_read_file(const char *path, const struct xlsx_limits *lim, xlsx_cell_fn fn, void *ctx,
		   struct strbuf *err)
{
	struct ooxml_src src = {path, NULL, 0};

	return xlsx_read(&src, lim, fn, ctx, err);
}

int xlsx_read_memory(const void *buf, size_t len, const struct xlsx_limits *lim, xlsx_cell_fn fn,
		     void *ctx, struct strbuf *err)
{
	struct ooxml_src src = {NULL, buf, len};

	return xlsx_read(&src, lim, fn, ctx, err);
}

/* ---- plain text ---- */

struct extract {
	struct strbuf *out;
	size_t start, max;
	int row_has_cell;
};

static int extract_cell(const struct xlsx_cell *c, void *ctx)
{
	struct extract *x = ctx;
	struct strbuf *out = x->out;

	switch (c->event) {
	case XLSX_SHEET_START:
		if (out->len > x->start)
			strbuf_addch(out, '\n');
		x->row_has_cell = 0;
		break;
	case XLSX_CELL:
		if (x->row_has_cell)
			strbuf_addch(out, '\t');
		strbuf_add(out, c->text, c->len);
		x->row_has_cell = 1;
		break;
	case XLSX_ROW_END:
		if (x->row_has_cell)
			strbuf_addch(out, '\n');
		x->row_has_cell = 0;
		break;
	case XLSX_SHEET_END:
		break;
	}
	if (x->max && out->len - x->start >= x->max) {
		size_t keep = x->start + x->max;

		while (keep > x->start && ((unsigned char)out->buf[keep] & 0xC0) == 0x80)
			keep--;
		strbuf_setlen(out, keep);
		return 1;
	}
	return 0;
}

int xlsx_extract_text(const char *path, size_t max_bytes, struct strbuf *out, struct strbuf *err)
{
	struct extract x = {out, out->len, max_bytes, 0};

	return xlsx_read_file(path, NULL, extract_cell, &x, err);
}

int xlsx_extract_text_memory(const void *buf, size_t len, size_t max_bytes, struct strbuf *out,
			     struct strbuf *err)
{
	struct extract x = {out, out->len, max_bytes, 0};

	return xlsx_read_memory(buf, len, NULL, extract_cell, &x, err);
}

/* ---- header rows ---- */

void xlsx_label_norm(const char *s, size_t len, struct strbuf *out)
{
	size_t i = 0;

	while (i < len) {
		unsigned cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (!n) {
			strbuf_addch(out, s[i]);
			i++;
			continue;
		}
		i += n;
		if (cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 || cp == 0x3000)
			continue;
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0; /* full-width ASCII form → ASCII */
		else if (cp == 0x3010)
			cp = '[';
		else if (cp == 0x3011)
			cp = ']';
		strbuf_add_utf8(out, cp);
	}
}

void xlsx_header_init(struct xlsx_header *h, const char *const *labels, size_t n, size_t min_match)
{
	memset(h, 0, sizeof(*h));
	h->nlabels = n;
	h->min_match = min_match ? min_match : n / 2 + 1;
	h->norm = xcalloc(n ? n : 1, sizeof(*h->norm));
	h->cols = xcalloc(n ? n : 1, sizeof(*h->cols));
	h->row_cols = xcalloc(n ? n : 1, sizeof(*h->row_cols));
	h->scratch = xmalloc(sizeof(*h->scratch));
	strbuf_init(h->scratch, 0);
	for (size_t i = 0; i < n; i++) {
		struct strbuf sb = STRBUF_INIT;

		xlsx_label_norm(labels[i], strlen(labels[i]), &sb);
		h->norm[i] = strbuf_detach(&sb, NULL);
		h->cols[i] = h->row_cols[i] = -1;
	}
	h->sheet = h->cur_sheet = -1;
}

static void header_row_reset(struct xlsx_header *h)
{
	for (size_t i = 0; i < h->nlabels; i++)
		h->row_cols[i] = -1;
	h->row_matched = 0;
}

int xlsx_header_feed(struct xlsx_header *h, const struct xlsx_cell *c)
{
	if (h->found)
		return 0;
	if (c->sheet != h->cur_sheet || c->row != h->cur_row) {
		header_row_reset(h);
		h->cur_sheet = c->sheet;
		h->cur_row = c->row;
	}
	if (c->event == XLSX_CELL) {
		strbuf_reset(h->scratch);
		xlsx_label_norm(c->text, c->len, h->scratch);
		for (size_t i = 0; i < h->nlabels; i++)
			if (h->row_cols[i] < 0 && !strcmp(h->scratch->buf, h->norm[i])) {
				h->row_cols[i] = (int)c->col;
				h->row_matched++;
				break;
			}
	} else if (c->event == XLSX_ROW_END) {
		if (h->row_matched >= h->min_match && h->row_matched) {
			h->found = 1;
			h->sheet = c->sheet;
			h->row = c->row;
			h->matched = h->row_matched;
			memcpy(h->cols, h->row_cols, h->nlabels * sizeof(*h->cols));
			return 1;
		}
		header_row_reset(h);
	}
	return 0;
}

void xlsx_header_release(struct xlsx_header *h)
{
	for (size_t i = 0; i < h->nlabels; i++)
		free(h->norm[i]);
	free(h->norm);
	free(h->cols);
	free(h->row_cols);
	if (h->scratch)
		strbuf_release(h->scratch);
	free(h->scratch);
	memset(h, 0, sizeof(*h));
}

struct find {
	struct xlsx_header *h;
	unsigned max_rows;
};

static int find_cb(const struct xlsx_cell *c, void *ctx)
{
	struct find *f = ctx;

	if (xlsx_header_feed(f->h, c))
		return 1;
	if (c->event != XLSX_SHEET_START && c->event != XLSX_SHEET_END && c->row >= f->max_rows)
		return XLSX_SKIP_SHEET;
	return 0;
}

int xlsx_find_header(const char *path, const struct xlsx_limits *lim, struct xlsx_header *h,
		     unsigned max_rows, struct strbuf *err)
{
	struct find f = {h, max_rows ? max_rows : 50};

	if (xlsx_read_file(path, lim, find_cb, &f, err))
		return -1;
	return h->found;
}
