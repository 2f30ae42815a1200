#include "docx.h"
#include "ooxml.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEFAULT_MAX_PART  (64u << 20)
#define DEFAULT_MAX_DEPTH 256u
#define DEFAULT_MAX_TEXT  (1u << 20)

/* Elements we act on. */
enum el {
	E_OTHER,
	E_P,
	E_R,
	E_RPR,
	E_RFONTS,
	E_T,
	E_TAB,
	E_BR,
	E_NBH,
	E_SYM,
	E_TBL,
	E_TR,
	E_TRPR,
	E_GRIDBEFORE,
	E_TC,
	E_TCPR,
	E_GRIDSPAN,
	E_VMERGE,
	E_SDT,
	E_SDTPR,
	E_SDTCONTENT,
	E_CHECKBOX14,
	E_CHECKED14,
	E_FLDCHAR,
	E_FFDATA,
	E_FFCHECKBOX,
	E_FFCHECKED,
	E_FFDEFAULT,
	E_DROP, /* subtree that is not part of the final text */
	E_ALT,
	E_CHOICE,
	E_FALLBACK
};

/*
 * The wordprocessingml local names we act on, by first letter (this runs
 * for every element, a hundred thousand per form: a switch and a few
 * strcmp instead of a bsearch through 41 names).
 */
static enum el classify_w(const char *l)
{
	switch (l[0]) {
	case 'b':
		if (!strcmp(l, "br"))
			return E_BR;
		break;
	case 'c':
		if (!strcmp(l, "cr"))
			return E_BR;
		if (!strcmp(l, "checkBox"))
			return E_FFCHECKBOX;
		if (!strcmp(l, "checked"))
			return E_FFCHECKED;
		break;
	case 'd':
		if (!strcmp(l, "del") || !strcmp(l, "delText") || !strcmp(l, "delInstrText"))
			return E_DROP;
		if (!strcmp(l, "default"))
			return E_FFDEFAULT;
		break;
	case 'f':
		if (!strcmp(l, "fldChar"))
			return E_FLDCHAR;
		if (!strcmp(l, "ffData"))
			return E_FFDATA;
		break;
	case 'g':
		if (!strcmp(l, "gridSpan"))
			return E_GRIDSPAN;
		if (!strcmp(l, "gridBefore"))
			return E_GRIDBEFORE;
		break;
	case 'i':
		if (!strcmp(l, "instrText"))
			return E_DROP;
		break;
	case 'm':
		if (!strcmp(l, "moveFrom"))
			return E_DROP;
		break;
	case 'n':
		if (!strcmp(l, "noBreakHyphen"))
			return E_NBH;
		break;
	case 'p':
		if (!l[1])
			return E_P;
		if (!strcmp(l, "ptab"))
			return E_TAB;
		if (!strcmp(l, "pPrChange"))
			return E_DROP;
		break;
	case 'r':
		if (!l[1])
			return E_R;
		if (!strcmp(l, "rPr"))
			return E_RPR;
		if (!strcmp(l, "rFonts"))
			return E_RFONTS;
		/* rt: ruby (phonetic guide) text above the base text. */
		if (!strcmp(l, "rt") || !strcmp(l, "rPrChange"))
			return E_DROP;
		break;
	case 's':
		if (!strcmp(l, "sym"))
			return E_SYM;
		if (!strcmp(l, "sdt"))
			return E_SDT;
		if (!strcmp(l, "sdtPr"))
			return E_SDTPR;
		if (!strcmp(l, "sdtContent"))
			return E_SDTCONTENT;
		if (!strcmp(l, "sectPrChange"))
			return E_DROP;
		break;
	case 't':
		if (!l[1])
			return E_T;
		if (!strcmp(l, "tc"))
			return E_TC;
		if (!strcmp(l, "tcPr"))
			return E_TCPR;
		if (!strcmp(l, "tr"))
			return E_TR;
		if (!strcmp(l, "trPr"))
			return E_TRPR;
		if (!strcmp(l, "tab"))
			return E_TAB;
		if (!strcmp(l, "tbl"))
			return E_TBL;
		if (!strcmp(l, "tcPrChange") || !strcmp(l, "trPrChange") ||
		    !strcmp(l, "tblPrChange") || !strcmp(l, "tblPrExChange") ||
		    !strcmp(l, "tblGridChange"))
			return E_DROP;
		break;
	case 'v':
		if (!strcmp(l, "vMerge"))
			return E_VMERGE;
		break;
	default:
		break;
	}
	return E_OTHER;
}

static enum el classify(enum ooxml_ns ns, const char *local)
{
	switch (ns) {
	case OOXML_NS_W:
	case OOXML_NS_NONE:
		return classify_w(local);
	case OOXML_NS_W14:
		if (!strcmp(local, "checkbox"))
			return E_CHECKBOX14;
		if (!strcmp(local, "checked"))
			return E_CHECKED14;
		return E_OTHER;
	case OOXML_NS_MC:
		if (!strcmp(local, "AlternateContent"))
			return E_ALT;
		if (!strcmp(local, "Choice"))
			return E_CHOICE;
		if (!strcmp(local, "Fallback"))
			return E_FALLBACK;
		return E_OTHER;
	default:
		return E_OTHER;
	}
}

/* Symbol fonts whose glyphs we know. */
enum symfont { FONT_NONE, FONT_WINGDINGS, FONT_WINGDINGS2, FONT_SYMBOL };

static enum symfont font_id(const char *name)
{
	if (!name)
		return FONT_NONE;
	if (!strcasecmp(name, "Wingdings"))
		return FONT_WINGDINGS;
	if (!strcasecmp(name, "Wingdings 2"))
		return FONT_WINGDINGS2;
	if (!strcasecmp(name, "Symbol"))
		return FONT_SYMBOL;
	return FONT_NONE;
}

static const struct {
	enum symfont font;
	unsigned code, mark;
} glyphs[] = {
    {FONT_WINGDINGS, 0xF0FE, DOCX_MARK_ON},   /* box with check */
    {FONT_WINGDINGS, 0xF0FC, DOCX_MARK_ON},   /* check mark */
    {FONT_WINGDINGS, 0xF06E, DOCX_MARK_ON},   /* black square */
    {FONT_WINGDINGS, 0xF0FD, DOCX_MARK_ON},   /* box with X */
    {FONT_WINGDINGS, 0xF0A8, DOCX_MARK_OFF},  /* empty box */
    {FONT_WINGDINGS, 0xF06F, DOCX_MARK_OFF},  /* empty box */
    {FONT_WINGDINGS2, 0xF052, DOCX_MARK_ON},  /* box with check */
    {FONT_WINGDINGS2, 0xF053, DOCX_MARK_ON},  /* box with X */
    {FONT_WINGDINGS2, 0xF054, DOCX_MARK_ON},  /* box with X, bold */
    {FONT_WINGDINGS2, 0xF050, DOCX_MARK_ON},  /* check mark */
    {FONT_WINGDINGS2, 0xF0A3, DOCX_MARK_OFF}, /* empty box */
    {FONT_SYMBOL, 0xF0D6, DOCX_MARK_ON},      /* radical sign, the "√" of Insert Symbol */
};

static unsigned glyph_mark_id(enum symfont font, unsigned code)
{
	if (code < 0x100)
		code |= 0xF000;
	for (size_t i = 0; i < ARRAY_SIZE(glyphs); i++)
		if (glyphs[i].font == font && glyphs[i].code == code)
			return glyphs[i].mark;
	return 0;
}

unsigned docx_glyph_mark(const char *font, unsigned code)
{
	enum symfont f = font_id(font);

	return f == FONT_NONE ? 0 : glyph_mark_id(f, code);
}

unsigned docx_mark_of(unsigned cp)
{
	switch (cp) {
	case 0x25A1: /* □ */
	case 0x2610: /* ☐ */
		return DOCX_MARK_OFF;
	case 0x25A0: /* ■ */
	case 0x2611: /* ☑ */
	case 0x2612: /* ☒ */
	case 0x221A: /* √ */
	case 0x2713: /* ✓ */
	case 0x2714: /* ✔ */
		return DOCX_MARK_ON;
	default:
		return 0;
	}
}

/* Per element depth: what the element is and what it started. */
struct frame {
	unsigned char el;
	unsigned char flags;
	unsigned char
	    aux; /* E_R: its symbol font; E_SDT: 0, 1 box off, 2 box on; E_ALT: a Choice read */
};
#define F_SKIP 1 /* root of a dropped subtree */
#define F_MUTE 2 /* root of a subtree whose text is dropped (check-box control glyph) */
#define F_FLAT 4 /* a table inside a paragraph (text box): flattened into the paragraph */
#define F_FLD  8 /* a w:fldChar begin */

struct tbl {
	int id, row, col, grid, span, vmerge, paras, in_cell, trunc;
	struct strbuf cell;
};

struct reader {
	struct ooxml_parse ps; /* first: the expat user data */
	struct docx_limits lim;
	docx_block_fn fn;
	void *ctx;
	struct frame *frames; /* [max_depth + 1]; frames[0] is the document's parent */
	unsigned skip, mute;
	int in_para; /* > 1 inside a text box's paragraph */
	int flat;    /* tables open inside a paragraph */
	struct strbuf para, scratch;
	int para_trunc;
	struct tbl *tbls;
	size_t ntbl, alloc_tbl, tbl_inited; /* cell buffers are kept for reuse */
	int next_table;
	unsigned pending_mark; /* a block-level check-box control before any paragraph */
	/* Complex fields: nesting and which levels are still in their code part. */
	unsigned fld_n;
	uint64_t fld_code;
	/* The legacy check-box form field being read (w:fldChar begin / w:ffData). */
	int ff_box, ff_has_checked, ff_checked, ff_has_default, ff_default, ff_muted;
};

static int muted(const struct reader *r)
{
	return r->mute || r->fld_code;
}

static void add_cp(struct strbuf *sb, unsigned cp, const char *orig, size_t n)
{
	if (orig)
		strbuf_add(sb, orig, n);
	else
		strbuf_add_utf8(sb, cp);
}

/*
 * The mark a typed box character at s[0..3) stands for, or 0.  Every typed
 * box (docx_mark_of) is U+2xxx, three bytes starting 0xE2, and so are both
 * marks: replacing one never changes the length.
 */
static const char *typed_mark(const unsigned char *u)
{
	switch (u[1]) {
	case 0x96: /* U+2580-25BF: ■ □ */
		if (u[2] == 0xA0)
			return DOCX_MARK_ON_UTF8;
		if (u[2] == 0xA1)
			return DOCX_MARK_OFF_UTF8;
		break;
	case 0x98: /* U+2600-263F: ☐ ☑ ☒ */
		if (u[2] == 0x90)
			return DOCX_MARK_OFF_UTF8;
		if (u[2] == 0x91 || u[2] == 0x92)
			return DOCX_MARK_ON_UTF8;
		break;
	case 0x88: /* U+2200-223F: √ */
		if (u[2] == 0x9A)
			return DOCX_MARK_ON_UTF8;
		break;
	case 0x9C: /* U+2700-273F: ✓ ✔ */
		if (u[2] == 0x93 || u[2] == 0x94)
			return DOCX_MARK_ON_UTF8;
		break;
	default:
		break;
	}
	return NULL;
}

/*
 * Run text in no symbol font: appended as it is, then the typed boxes in
 * what was appended are turned into marks in place.  This is what the
 * character loop below gives (it copies every other character's bytes),
 * without a decode and a strbuf call per character: run text is most of
 * what expat hands us.  Cutting at max_text first is the same as cutting
 * after, since a mark has the length of the character it replaces.
 */
static void add_plain(struct reader *r, const char *s, size_t len)
{
	size_t from = r->para.len;
	unsigned char *p, *end;

	r->para_trunc |= ooxml_add_capped(&r->para, s, len, r->lim.max_text);
	p = (unsigned char *)r->para.buf + from;
	end = (unsigned char *)r->para.buf + r->para.len;
	while (end - p >= 3 && (p = memchr(p, 0xE2, (size_t)(end - p - 2)))) {
		const char *mark = typed_mark(p);

		if (mark) {
			memcpy(p, mark, 3);
			p += 3;
		} else {
			p++;
		}
	}
}

/* Append run text, turning marks and symbol-font glyphs into the two mark characters. */
static void add_text(struct reader *r, const char *s, size_t len, enum symfont font)
{
	struct strbuf *sc = &r->scratch;
	size_t i = 0;

	if (!r->in_para)
		return;
	if (font == FONT_NONE) {
		add_plain(r, s, len);
		return;
	}
	strbuf_reset(sc);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp, mark;
		size_t n;

		if (c < 0x80 && (c <= 0x20 || c == 0x7F)) {
			strbuf_addch(sc, c);
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (!n) { /* expat hands out valid UTF-8; be safe anyway */
			strbuf_addch(sc, c);
			i++;
			continue;
		}
		if (font != FONT_NONE && ((cp >= 0xF000 && cp <= 0xF0FF) || cp < 0x100)) {
			/* A glyph of the symbol font: its code, with or without the F0 page. */
			unsigned g = 0xF000 | (cp & 0xFF);

			mark = glyph_mark_id(font, g);
			add_cp(sc, mark ? mark : g, NULL, 0);
		} else if ((mark = docx_mark_of(cp))) {
			add_cp(sc, mark, NULL, 0);
		} else {
			add_cp(sc, cp, s + i, n);
		}
		i += n;
	}
	r->para_trunc |= ooxml_add_capped(&r->para, sc->buf, sc->len, r->lim.max_text);
}

static void add_mark(struct reader *r, unsigned mark)
{
	char buf[4];

	if (!r->in_para) {
		r->pending_mark = mark;
		return;
	}
	/* Both marks are 3 bytes of UTF-8. */
	buf[0] = (char)(0xE0 | (mark >> 12));
	buf[1] = (char)(0x80 | ((mark >> 6) & 0x3F));
	buf[2] = (char)(0x80 | (mark & 0x3F));
	r->para_trunc |= ooxml_add_capped(&r->para, buf, 3, r->lim.max_text);
}

static void emit(struct reader *r, struct docx_block *b)
{
	if (r->fn(b, r->ctx))
		ooxml_stop(&r->ps);
}

static void block_init(struct reader *r, struct docx_block *b, enum docx_kind kind)
{
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->text = "";
	b->table = b->row = b->col = b->grid_col = b->para_in_cell = -1;
	if (r->ntbl) {
		const struct tbl *t = &r->tbls[r->ntbl - 1];

		b->depth = (int)r->ntbl;
		b->table = t->id;
		if (kind != DOCX_TABLE_START && kind != DOCX_TABLE_END) {
			b->row = t->row;
			if (t->in_cell || kind == DOCX_CELL) {
				b->col = t->col;
				b->grid_col = t->grid;
				b->span = t->span;
				b->vmerge = t->vmerge;
			}
		}
	}
}

static void end_para(struct reader *r)
{
	struct docx_block b;
	struct tbl *t = r->ntbl ? &r->tbls[r->ntbl - 1] : NULL;

	block_init(r, &b, DOCX_PARA);
	b.text = r->para.buf;
	b.len = r->para.len;
	b.truncated = r->para_trunc;
	if (t && t->in_cell)
		b.para_in_cell = t->paras;
	emit(r, &b);
	if (t && t->in_cell) {
		if (t->paras)
			t->trunc |= ooxml_add_capped(&t->cell, "\n", 1, r->lim.max_text);
		t->trunc |= ooxml_add_capped(&t->cell, r->para.buf, r->para.len, r->lim.max_text);
		t->trunc |= r->para_trunc;
		t->paras++;
	}
	strbuf_reset(&r->para);
	r->para_trunc = 0;
}

static unsigned attr_uint(const char **atts, const char *name, unsigned dflt, unsigned max)
{
	const char *v = ooxml_attr(atts, name);
	char *end;
	unsigned long n;

	if (!v)
		return dflt;
	n = strtoul(v, &end, 10);
	if (end == v || *end || n > max)
		return dflt;
	return (unsigned)n;
}

static void start_table(struct reader *r)
{
	struct tbl *t;
	struct docx_block b;

	ALLOC_GROW(r->tbls, r->ntbl + 1, r->alloc_tbl);
	t = &r->tbls[r->ntbl];
	if (r->ntbl == r->tbl_inited) {
		strbuf_init(&t->cell, 0);
		r->tbl_inited++;
	}
	t->id = r->next_table++;
	t->row = t->col = -1;
	t->grid = t->span = t->vmerge = t->paras = t->in_cell = t->trunc = 0;
	strbuf_reset(&t->cell);
	r->ntbl++;
	block_init(r, &b, DOCX_TABLE_START);
	emit(r, &b);
}

static void end_table(struct reader *r)
{
	struct docx_block b;

	block_init(r, &b, DOCX_TABLE_END);
	r->ntbl--;
	emit(r, &b);
}

static void end_cell(struct reader *r)
{
	struct tbl *t = &r->tbls[r->ntbl - 1];
	struct docx_block b;

	block_init(r, &b, DOCX_CELL);
	b.text = t->cell.buf;
	b.len = t->cell.len;
	b.truncated = t->trunc;
	t->in_cell = 0;
	t->grid += t->span;
	emit(r, &b);
}

static void end_row(struct reader *r)
{
	struct docx_block b;

	block_init(r, &b, DOCX_ROW_END);
	emit(r, &b);
}

static void start_para(struct reader *r)
{
	if (r->in_para) {
		/* A text box's paragraph: its text joins the anchoring paragraph's. */
		char last = r->para.len ? r->para.buf[r->para.len - 1] : '\n';

		if (last != '\n' && last != '\t')
			r->para_trunc |= ooxml_add_capped(&r->para, "\n", 1, r->lim.max_text);
		r->in_para++;
		return;
	}
	r->in_para = 1;
	strbuf_reset(&r->para);
	r->para_trunc = 0;
	if (r->pending_mark) {
		add_mark(r, r->pending_mark);
		r->pending_mark = 0;
	}
}

static void fld_char(struct reader *r, struct frame *f, const char **atts)
{
	const char *type = ooxml_attr(atts, "fldCharType");

	if (!type)
		return;
	if (!strcmp(type, "begin")) {
		f->flags |= F_FLD;
		r->ff_box = r->ff_has_checked = r->ff_checked = 0;
		r->ff_has_default = r->ff_default = 0;
		r->ff_muted = muted(r);
		if (r->fld_n < 64)
			r->fld_code |= (uint64_t)1 << r->fld_n;
		r->fld_n++;
	} else if (!strcmp(type, "separate")) {
		if (r->fld_n && r->fld_n <= 64)
			r->fld_code &= ~((uint64_t)1 << (r->fld_n - 1));
	} else if (!strcmp(type, "end")) {
		if (r->fld_n) {
			r->fld_n--;
			if (r->fld_n < 64)
				r->fld_code &= ~((uint64_t)1 << r->fld_n);
		}
	}
}

static void sym(struct reader *r, const char **atts)
{
	const char *font = ooxml_attr(atts, "font"), *ch = ooxml_attr(atts, "char");
	unsigned long code;
	char *end;
	unsigned mark;
	struct strbuf *sc = &r->scratch;

	if (!ch)
		return;
	code = strtoul(ch, &end, 16);
	if (end == ch || *end || code > 0xFFFF)
		return;
	if (code < 0x100)
		code |= 0xF000;
	mark = docx_glyph_mark(font, (unsigned)code);
	if (mark) {
		add_mark(r, mark);
		return;
	}
	/* Not a box: keep the glyph as its private-use code point. */
	if (code >= 0xD800 && code <= 0xDFFF)
		return;
	strbuf_reset(sc);
	strbuf_add_utf8(sc, (unsigned)code);
	if (r->in_para)
		r->para_trunc |= ooxml_add_capped(&r->para, sc->buf, sc->len, r->lim.max_text);
}

static void on_start(struct ooxml_parse *ps, enum ooxml_ns ns, const char *local, const char **atts)
{
	struct reader *r = (struct reader *)ps;
	struct frame *f, *par, *gp;
	struct tbl *t;
	unsigned d;

	if (ooxml_done(&r->ps) || ooxml_enter(&r->ps))
		return;
	d = r->ps.depth;
	f = &r->frames[d];
	par = &r->frames[d - 1];
	gp = d >= 2 ? &r->frames[d - 2] : par;
	f->el = E_OTHER;
	f->flags = 0;
	f->aux = 0;
	if (r->skip)
		return;
	f->el = (unsigned char)classify(ns, local);
	t = r->ntbl ? &r->tbls[r->ntbl - 1] : NULL;
	switch (f->el) {
	case E_DROP:
		f->flags |= F_SKIP;
		r->skip++;
		break;
	case E_CHOICE:
		/* Word reads the first Choice it understands; we read the first. */
		if (par->el == E_ALT && par->aux) {
			f->flags |= F_SKIP;
			r->skip++;
		}
		if (par->el == E_ALT)
			par->aux = 1;
		break;
	case E_FALLBACK:
		if (par->el == E_ALT && par->aux) {
			f->flags |= F_SKIP;
			r->skip++;
		}
		break;
	case E_P:
		start_para(r);
		break;
	case E_RFONTS:
		if (par->el == E_RPR && gp->el == E_R) {
			enum symfont sf = font_id(ooxml_attr(atts, "ascii"));

			if (sf == FONT_NONE)
				sf = font_id(ooxml_attr(atts, "hAnsi"));
			if (sf == FONT_NONE)
				sf = font_id(ooxml_attr(atts, "cs"));
			gp->aux = (unsigned char)sf;
		}
		break;
	case E_TAB:
		if (par->el == E_R && !muted(r))
			add_text(r, "\t", 1, FONT_NONE);
		break;
	case E_BR:
		if (par->el == E_R && !muted(r))
			add_text(r, "\n", 1, FONT_NONE);
		break;
	case E_NBH:
		if (par->el == E_R && !muted(r))
			add_text(r, "-", 1, FONT_NONE);
		break;
	case E_SYM:
		if (par->el == E_R && !muted(r))
			sym(r, atts);
		break;
	case E_TBL:
		if (r->in_para) {
			f->flags |= F_FLAT;
			r->flat++;
		} else {
			start_table(r);
		}
		break;
	case E_TR:
		if (!r->flat && t) {
			t->row++;
			t->col = -1;
			t->grid = 0;
		}
		break;
	case E_GRIDBEFORE:
		if (par->el == E_TRPR && !r->flat && t)
			t->grid += (int)attr_uint(atts, "val", 0, 10000);
		break;
	case E_TC:
		if (!r->flat && t) {
			t->col++;
			t->span = 1;
			t->vmerge = DOCX_VMERGE_NONE;
			t->paras = 0;
			t->in_cell = 1;
			t->trunc = 0;
			strbuf_reset(&t->cell);
		}
		break;
	case E_GRIDSPAN:
		if (par->el == E_TCPR && !r->flat && t)
			t->span = (int)attr_uint(atts, "val", 1, 10000);
		if (t && t->span < 1)
			t->span = 1;
		break;
	case E_VMERGE:
		if (par->el == E_TCPR && !r->flat && t) {
			const char *v = ooxml_attr(atts, "val");

			t->vmerge =
			    v && !strcmp(v, "restart") ? DOCX_VMERGE_RESTART : DOCX_VMERGE_CONTINUE;
		}
		break;
	case E_CHECKBOX14:
		if (par->el == E_SDTPR && gp->el == E_SDT)
			gp->aux = 1;
		break;
	case E_CHECKED14:
		if (d >= 3 && par->el == E_CHECKBOX14 && gp->el == E_SDTPR &&
		    r->frames[d - 3].el == E_SDT) {
			const char *v = ooxml_attr(atts, "val");

			r->frames[d - 3].aux = v && ooxml_onoff(v) ? 2 : 1;
		}
		break;
	case E_SDTCONTENT:
		if (par->el == E_SDT && par->aux) {
			/* One mark for the control; the glyph it displays is not counted again. */
			if (!muted(r))
				add_mark(r, par->aux == 2 ? DOCX_MARK_ON : DOCX_MARK_OFF);
			f->flags |= F_MUTE;
			r->mute++;
		}
		break;
	case E_FLDCHAR:
		fld_char(r, f, atts);
		break;
	case E_FFCHECKBOX:
		if (par->el == E_FFDATA && gp->el == E_FLDCHAR)
			r->ff_box = 1;
		break;
	case E_FFCHECKED:
		if (par->el == E_FFCHECKBOX) {
			r->ff_has_checked = 1;
			r->ff_checked = ooxml_onoff(ooxml_attr(atts, "val"));
		}
		break;
	case E_FFDEFAULT:
		if (par->el == E_FFCHECKBOX) {
			r->ff_has_default = 1;
			r->ff_default = ooxml_onoff(ooxml_attr(atts, "val"));
		}
		break;
	default:
		break;
	}
}

static void on_end(struct ooxml_parse *ps)
{
	struct reader *r = (struct reader *)ps;
	struct frame *f;

	if (ooxml_done(&r->ps))
		return;
	f = &r->frames[r->ps.depth];
	ooxml_leave(&r->ps);
	if (f->flags & F_SKIP) {
		r->skip--;
		return;
	}
	if (r->skip)
		return;
	switch (f->el) {
	case E_P:
		if (r->in_para > 1)
			r->in_para--;
		else if (r->in_para == 1) {
			r->in_para = 0;
			end_para(r);
		}
		break;
	case E_TC:
		if (r->flat) {
			if (r->in_para)
				r->para_trunc |=
				    ooxml_add_capped(&r->para, "\t", 1, r->lim.max_text);
		} else if (r->ntbl && r->tbls[r->ntbl - 1].in_cell) {
			end_cell(r);
		}
		break;
	case E_TR:
		if (r->flat) {
			if (r->in_para && r->para.len && r->para.buf[r->para.len - 1] == '\t')
				r->para.buf[r->para.len - 1] = '\n';
		} else if (r->ntbl) {
			end_row(r);
		}
		break;
	case E_TBL:
		if (f->flags & F_FLAT)
			r->flat--;
		else if (r->ntbl)
			end_table(r);
		break;
	case E_SDTCONTENT:
		if (f->flags & F_MUTE)
			r->mute--;
		break;
	case E_FLDCHAR:
		if ((f->flags & F_FLD) && r->ff_box && !r->ff_muted) {
			int on =
			    r->ff_has_checked ? r->ff_checked : r->ff_has_default && r->ff_default;

			add_mark(r, on ? DOCX_MARK_ON : DOCX_MARK_OFF);
			r->ff_box = 0;
		}
		break;
	default:
		break;
	}
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct reader *r = ud;
	unsigned d = r->ps.depth;

	if (ooxml_done(&r->ps) || r->skip || muted(r) || d < 2)
		return;
	if (r->frames[d].el != E_T || r->frames[d - 1].el != E_R)
		return;
	add_text(r, s, (size_t)len, (enum symfont)r->frames[d - 1].aux);
}

static int docx_read(const struct ooxml_src *src, const struct docx_limits *lim, docx_block_fn fn,
		     void *ctx, struct strbuf *err)
{
	struct reader r;
	int ret;

	memset(&r, 0, sizeof(r));
	if (lim)
		r.lim = *lim;
	if (!r.lim.max_part_bytes)
		r.lim.max_part_bytes = DEFAULT_MAX_PART;
	if (!r.lim.max_depth)
		r.lim.max_depth = DEFAULT_MAX_DEPTH;
	if (!r.lim.max_text)
		r.lim.max_text = DEFAULT_MAX_TEXT;
	r.fn = fn;
	r.ctx = ctx;
	r.frames = xcalloc(r.lim.max_depth + 1, sizeof(*r.frames));
	strbuf_init(&r.para, 0);
	strbuf_init(&r.scratch, 0);
	strbuf_reset(err);
	ooxml_parse_init(&r.ps, "word/document.xml", r.lim.max_depth, err, on_start, on_end,
			 on_text);

	ret = ooxml_stream_part(src, "word/document.xml", &r.ps, r.lim.max_part_bytes);
	if (ret == 1) {
		strbuf_addstr(err, "no word/document.xml: not a Word document");
		ret = -1;
	}

	ooxml_parse_release(&r.ps);
	for (size_t i = 0; i < r.tbl_inited; i++)
		strbuf_release(&r.tbls[i].cell);
	free(r.tbls);
	free(r.frames);
	strbuf_release(&r.para);
	strbuf_release(&r.scratch);
	return ret;
}

int docx_read_file(const char *path, const struct docx_limits *lim, docx_block_fn fn, void *ctx,
		   struct strbuf *err)
{
	struct ooxml_src src = {path, NULL, 0};

	return docx_read(&src, lim, fn, ctx, err);
}

int docx_read_memory(const void *buf, size_t len, const struct docx_limits *lim, docx_block_fn fn,
		     void *ctx, struct strbuf *err)
{
	struct ooxml_src src = {NULL, buf, len};

	return docx_read(&src, lim, fn, ctx, err);
}

struct extract {
	struct strbuf *out;
	size_t start, max;
};

static int extract_block(const struct docx_block *b, void *ctx)
{
	struct extract *x = ctx;
	struct strbuf *out = x->out;

	switch (b->kind) {
	case DOCX_PARA:
		/* After a nested table the line is already ended. */
		if (b->para_in_cell > 0 && out->len > x->start && out->buf[out->len - 1] != '\n')
			strbuf_addch(out, '\n');
		strbuf_add(out, b->text, b->len);
		if (b->para_in_cell < 0)
			strbuf_addch(out, '\n');
		break;
	case DOCX_CELL:
		strbuf_addch(out, '\t');
		break;
	case DOCX_ROW_END:
		if (out->len > x->start && out->buf[out->len - 1] == '\t')
			out->buf[out->len - 1] = '\n';
		else
			strbuf_addch(out, '\n');
		break;
	case DOCX_TABLE_START:
		/* A table nested in a cell starts on a line of its own. */
		if (b->depth > 1 && out->len > x->start && out->buf[out->len - 1] != '\n')
			strbuf_addch(out, '\n');
		break;
	case DOCX_TABLE_END:
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

int docx_extract_text(const char *path, size_t max_bytes, struct strbuf *out, struct strbuf *err)
{
	struct extract x = {out, out->len, max_bytes};

	return docx_read_file(path, NULL, extract_block, &x, err);
}

int docx_extract_text_memory(const void *buf, size_t len, size_t max_bytes, struct strbuf *out,
			     struct strbuf *err)
{
	struct extract x = {out, out->len, max_bytes};

	return docx_read_memory(buf, len, NULL, extract_block, &x, err);
}
