/*
 * docx.c - the DOCX reader: WordprocessingML into the document model.
 *
 * What the text exports lose, this reader keeps: Word's automatic numbering
 * is resolved (numbering.xml levels, counters per list, lower levels reset)
 * and its label put in front of the paragraph text, so the numbering
 * classifier of doc.c sees "1.1." as if typed, with num_auto set; a
 * paragraph or cell whose every text run is bold (directly, through its run
 * style or its paragraph style) is bold; table cells keep their grid spans
 * (colspan; table.c spreads them) and vertical merges (rowspan on the first
 * cell, covered and empty below, merges_known). Header rows marked to repeat
 * on each page are stored once in the file, so they are read once.
 *
 * Tracked changes: deleted text (w:del, w:moveFrom) is skipped, inserted text
 * kept. Tabs and breaks inside runs become spaces; field codes are skipped and
 * their shown results kept. The paragraphs of a cell (and of any table nested
 * in it) are joined by spaces. Drawings and text boxes are not read.
 *
 * Footnotes are appended at the end of the document as paragraphs
 * "Footnote N: text", in the order of their first references, so nothing
 * the author wrote is lost yet no task text is changed by a note in its
 * middle. DOCX has no lines: every paragraph and
 * table row takes the next ordinal as its line, in document order, so
 * --explain and task lines still order things.
 *
 * Everything is untrusted: the container goes through zip.c, every part
 * through xml.c, and the reader's own tables (styles, lists) are looked up by
 * binary search so that no input makes it quadratic.
 */
#include "base/compat.h"
#include "ingest/ingest.h"
#include "ingest/doc.h"
#include "ingest/xml.h"
#include "ingest/zip.h"
#include "base/sb.h"
#include "base/xalloc.h"

#include <limits.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"

#define DOC_PART "word/document.xml"
#define NUM_PART "word/numbering.xml"
#define STYLES_PART "word/styles.xml"
#define NOTES_PART "word/footnotes.xml"

#define MAX_LEVELS 9
#define MAX_STYLE_CHAIN 16
#define MAX_SPAN 64   /* grid columns one cell may span */
#define MAX_GRID 1024 /* grid columns tracked for vertical merges */

enum fmt { F_DECIMAL, F_DECIMAL_ZERO, F_UROMAN, F_LROMAN, F_ULETTER, F_LLETTER, F_BULLET, F_NONE };

struct level {
	enum fmt fmt;
	char *text; /* w:lvlText, "%1.%2." */
	int start;
	bool set;
};

/* The running counters of a list, per level. */
struct counters {
	int count[MAX_LEVELS];
	bool used[MAX_LEVELS];
};

/* Word keeps one sequence per abstract list, shared by its instances (w:num),
 * so that a list broken by other paragraphs, or continued under another
 * instance, goes on counting; an instance with a start override restarts
 * the sequence at its first paragraph ("restart at 1"). */
struct abstract_num {
	long id;
	struct level lv[MAX_LEVELS];
	struct counters c;
};

struct num {
	long id;
	long abstract_id;
	int start_override[MAX_LEVELS]; /* INT_MIN: none */
	bool restarted[MAX_LEVELS];	/* the override was applied */
};

struct style {
	char *id;
	char *based_on;
	int bold;    /* -1 unset, 0, 1 */
	long num_id; /* -1 unset */
	int ilvl;
};

struct reader {
	const char *path;
	const struct doc_limits *lim;
	struct doc *d;
	VEC(struct abstract_num) abstracts;
	VEC(struct num) nums;
	VEC(struct style) styles;
	xmlDocPtr notes;     /* footnotes.xml, NULL when none */
	VEC(long) note_refs; /* footnote ids in reference order */
	int ordinal;	     /* the line of the next paragraph or row */
	struct sb *err;
	bool failed;
};

/* What one paragraph (or cell) collects from its runs. */
struct runs {
	struct sb text;
	bool any;      /* some run had visible text */
	bool all_bold; /* every run with visible text was bold */
	bool cell; /* a table cell's: paragraphs and <w:br/> are line breaks ('\n') */
};

/* ---- WordprocessingML helpers (both namespaces: transitional, strict) ---- */

static bool is_w(xmlNodePtr n, const char *name)
{
	return xml_is(n, W_NS, name) || xml_is(n, W_NS_STRICT, name);
}

static xmlNodePtr wchild(xmlNodePtr n, const char *name)
{
	xmlNodePtr c = xml_child(n, W_NS, name);

	return c ? c : xml_child(n, W_NS_STRICT, name);
}

static const char *wattr(xmlNodePtr n, const char *name)
{
	const char *v = xml_attr(n, W_NS, name);

	if (!v)
		v = xml_attr(n, W_NS_STRICT, name);
	if (!v)
		v = xml_attr(n, NULL, name);
	return v;
}

static long wlong(xmlNodePtr n, const char *name, long dflt)
{
	const char *v = wattr(n, name);
	char *end;
	long x;

	if (!v || !*v)
		return dflt;
	x = strtol(v, &end, 10);
	if (end == v || x < -1000000000L || x > 1000000000L)
		return dflt;
	return x;
}

/* An on/off property (w:b): present and not w:val="0"/"false"/"off". */
static int on_off(xmlNodePtr prop)
{
	const char *v;

	if (!prop)
		return -1;
	v = wattr(prop, "val");
	if (!v)
		return 1;
	return !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0 ||
		 strcmp(v, "none") == 0);
}

static bool has_visible(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!strchr(" \t\r\n", s[i]))
			return true;
	return false;
}

/* ---- parts ---- */

/* An optional part (styles, numbering, notes): NULL when absent, or when
 * it fails (r->failed set). */
static xmlDocPtr read_part(struct reader *r, struct zip_safe *z, const char *part)
{
	xmlDocPtr x;

	if (!zip_safe_has(z, part))
		return NULL;
	x = xml_safe_parse_entry(z, r->path, part, r->lim, r->err);
	if (!x)
		r->failed = true;
	return x;
}

/* ---- styles ---- */

static int style_cmp(const void *a, const void *b)
{
	return strcmp(((const struct style *)a)->id, ((const struct style *)b)->id);
}

static void read_numpr(xmlNodePtr ppr, long *num_id, int *ilvl)
{
	xmlNodePtr np = wchild(ppr, "numPr");

	if (!np)
		return;
	if (wchild(np, "numId"))
		*num_id = wlong(wchild(np, "numId"), "val", -1);
	if (wchild(np, "ilvl"))
		*ilvl = (int)wlong(wchild(np, "ilvl"), "val", 0);
}

static void load_styles(struct reader *r, xmlDocPtr x)
{
	xmlNodePtr root = xmlDocGetRootElement(x);

	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
		const char *id, *based;
		struct style *s;

		if (!is_w(n, "style") || !(id = wattr(n, "styleId")))
			continue;
		s = VEC_PUSH(&r->styles);
		s->id = xstrdup(id);
		based = wchild(n, "basedOn") ? wattr(wchild(n, "basedOn"), "val") : NULL;
		s->based_on = based ? xstrdup(based) : NULL;
		s->bold = on_off(wchild(wchild(n, "rPr"), "b"));
		s->num_id = -1;
		read_numpr(wchild(n, "pPr"), &s->num_id, &s->ilvl);
	}
	if (r->styles.n)
		qsort(r->styles.v, r->styles.n, sizeof(*r->styles.v), style_cmp);
}

static struct style *find_style(struct reader *r, const char *id)
{
	struct style key = {.id = (char *)id};

	if (!id || !r->styles.n)
		return NULL;
	return bsearch(&key, r->styles.v, r->styles.n, sizeof(*r->styles.v), style_cmp);
}

/* Bold through the style and what it is based on; -1 when none says. */
static int style_bold(struct reader *r, const char *id)
{
	int i;

	for (i = 0; i < MAX_STYLE_CHAIN; i++) {
		struct style *s = find_style(r, id);

		if (!s)
			return -1;
		if (s->bold >= 0)
			return s->bold;
		id = s->based_on;
	}
	return -1;
}

static void style_numpr(struct reader *r, const char *id, long *num_id, int *ilvl)
{
	int i;

	for (i = 0; i < MAX_STYLE_CHAIN; i++) {
		struct style *s = find_style(r, id);

		if (!s)
			return;
		if (s->num_id >= 0) {
			*num_id = s->num_id;
			*ilvl = s->ilvl;
			return;
		}
		id = s->based_on;
	}
}

/* ---- numbering ---- */

static int abs_cmp(const void *a, const void *b)
{
	long x = ((const struct abstract_num *)a)->id, y = ((const struct abstract_num *)b)->id;

	return (x > y) - (x < y);
}

static int num_cmp(const void *a, const void *b)
{
	long x = ((const struct num *)a)->id, y = ((const struct num *)b)->id;

	return (x > y) - (x < y);
}

static enum fmt parse_fmt(const char *v)
{
	static const struct {
		const char *name;
		enum fmt f;
	} fmts[] = {
	    {"decimal", F_DECIMAL},	{"decimalZero", F_DECIMAL_ZERO},
	    {"upperRoman", F_UROMAN},	{"lowerRoman", F_LROMAN},
	    {"upperLetter", F_ULETTER}, {"lowerLetter", F_LLETTER},
	    {"bullet", F_BULLET},	{"none", F_NONE},
	};
	size_t i;

	for (i = 0; v && i < ARRAY_SIZE(fmts); i++)
		if (strcmp(v, fmts[i].name) == 0)
			return fmts[i].f;
	return F_DECIMAL;
}

static void load_abstract(struct reader *r, xmlNodePtr n)
{
	struct abstract_num *a = VEC_PUSH(&r->abstracts);

	a->id = wlong(n, "abstractNumId", -1);
	for (xmlNodePtr l = n->children; l; l = l->next) {
		long ilvl;
		struct level *lv;
		const char *text;

		if (!is_w(l, "lvl"))
			continue;
		ilvl = wlong(l, "ilvl", -1);
		if (ilvl < 0 || ilvl >= MAX_LEVELS)
			continue;
		lv = &a->lv[ilvl];
		free(lv->text);
		lv->fmt = parse_fmt(wchild(l, "numFmt") ? wattr(wchild(l, "numFmt"), "val") : NULL);
		text = wchild(l, "lvlText") ? wattr(wchild(l, "lvlText"), "val") : NULL;
		lv->text = xstrdup(text ? text : "");
		lv->start = (int)wlong(wchild(l, "start"), "val", 1);
		lv->set = true;
	}
}

static void load_num(struct reader *r, xmlNodePtr n)
{
	struct num *m = VEC_PUSH(&r->nums);
	int i;

	m->id = wlong(n, "numId", -1);
	m->abstract_id = wlong(wchild(n, "abstractNumId"), "val", -1);
	for (i = 0; i < MAX_LEVELS; i++)
		m->start_override[i] = INT_MIN;
	for (xmlNodePtr o = n->children; o; o = o->next) {
		long ilvl;
		xmlNodePtr so;

		if (!is_w(o, "lvlOverride"))
			continue;
		ilvl = wlong(o, "ilvl", -1);
		so = wchild(o, "startOverride");
		if (ilvl >= 0 && ilvl < MAX_LEVELS && so)
			m->start_override[ilvl] = (int)wlong(so, "val", 1);
	}
}

static void load_numbering(struct reader *r, xmlDocPtr x)
{
	xmlNodePtr root = xmlDocGetRootElement(x);

	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
		if (is_w(n, "abstractNum"))
			load_abstract(r, n);
		else if (is_w(n, "num"))
			load_num(r, n);
	}
	if (r->abstracts.n)
		qsort(r->abstracts.v, r->abstracts.n, sizeof(*r->abstracts.v), abs_cmp);
	if (r->nums.n)
		qsort(r->nums.v, r->nums.n, sizeof(*r->nums.v), num_cmp);
}

static struct num *find_num(struct reader *r, long id)
{
	struct num key = {.id = id};

	return r->nums.n ? bsearch(&key, r->nums.v, r->nums.n, sizeof(key), num_cmp) : NULL;
}

static struct abstract_num *find_abstract(struct reader *r, long id)
{
	struct abstract_num key = {.id = id};

	return r->abstracts.n ? bsearch(&key, r->abstracts.v, r->abstracts.n, sizeof(key), abs_cmp)
			      : NULL;
}

static void add_roman(struct sb *out, int n, bool upper)
{
	static const struct {
		int v;
		const char *s;
	} r[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"},
		 {90, "XC"},  {50, "L"},   {40, "XL"}, {10, "X"},   {9, "IX"},
		 {5, "V"},    {4, "IV"},   {1, "I"}};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(r); i++) {
		for (; n >= r[i].v; n -= r[i].v) {
			const char *p;

			for (p = r[i].s; *p; p++)
				sb_addc(out, upper ? *p : (char)(*p - 'A' + 'a'));
		}
	}
}

static void add_counter(struct sb *out, enum fmt f, int n)
{
	switch (f) {
	case F_UROMAN:
	case F_LROMAN:
		if (n >= 1 && n < 4000) {
			add_roman(out, n, f == F_UROMAN);
			return;
		}
		break;
	case F_ULETTER:
	case F_LLETTER:
		/* Word's letters: a..z, then aa..zz, aaa... */
		if (n >= 1 && n <= 26 * 10) {
			int k, reps = (n - 1) / 26 + 1;
			char c = (char)((f == F_ULETTER ? 'A' : 'a') + (n - 1) % 26);

			for (k = 0; k < reps; k++)
				sb_addc(out, c);
			return;
		}
		break;
	case F_DECIMAL_ZERO:
		sb_addf(out, "%s%d", n >= 0 && n < 10 ? "0" : "", n);
		return;
	case F_NONE:
		return;
	default:
		break;
	}
	sb_addf(out, "%d", n);
}

/* The label of a bullet level: dashes and pluses are kept (the extractors
 * read them as typed); any other symbol becomes the bullet "•". */
static void add_bullet(struct sb *out, const char *text)
{
	static const char *const keep[] = {"-", "\xe2\x80\x93", "\xe2\x80\x94", "+"};
	size_t i;

	if (!*text)
		return;
	for (i = 0; i < ARRAY_SIZE(keep); i++)
		if (strcmp(text, keep[i]) == 0) {
			sb_adds(out, text);
			return;
		}
	sb_adds(out, "\xe2\x80\xa2");
}

/* Advances the list num at level ilvl and appends its label. */
static void number_label(struct reader *r, long num_id, int ilvl, struct sb *label)
{
	struct num *m;
	struct abstract_num *a;
	const struct level *lv;
	struct counters *c;
	const char *p;
	int l;

	if (num_id <= 0 || ilvl < 0 || ilvl >= MAX_LEVELS || !(m = find_num(r, num_id)) ||
	    !(a = find_abstract(r, m->abstract_id)) || !a->lv[ilvl].set)
		return;
	lv = &a->lv[ilvl];
	c = &a->c;
	for (l = ilvl + 1; l < MAX_LEVELS; l++)
		c->used[l] = false;
	if (m->start_override[ilvl] != INT_MIN && !m->restarted[ilvl]) {
		c->count[ilvl] = m->start_override[ilvl];
		c->used[ilvl] = true;
		m->restarted[ilvl] = true;
	} else if (!c->used[ilvl]) {
		c->count[ilvl] = lv->start;
		c->used[ilvl] = true;
	} else if (c->count[ilvl] < INT_MAX) {
		c->count[ilvl]++;
	}
	if (lv->fmt == F_BULLET) {
		add_bullet(label, lv->text);
		return;
	}
	for (p = lv->text; *p; p++) {
		if (*p == '%' && p[1] >= '1' && p[1] <= '9') {
			int k = p[1] - '1';
			const struct level *kl = &a->lv[k];
			int n;

			if (k > ilvl)
				n = 0;
			else if (c->used[k])
				n = c->count[k];
			else
				n = m->start_override[k] != INT_MIN ? m->start_override[k]
								    : kl->start;
			add_counter(label, kl->set ? kl->fmt : F_DECIMAL, n);
			p++;
		} else {
			sb_addc(label, *p);
		}
	}
}

/* ---- runs and paragraphs ---- */

static void add_text(struct runs *acc, const char *s, size_t len, bool bold)
{
	sb_add(&acc->text, s, len);
	if (has_visible(s, len)) {
		acc->any = true;
		if (!bold)
			acc->all_bold = false;
	}
}

static void note_ref(struct reader *r, xmlNodePtr n)
{
	long id = wlong(n, "id", -1);

	if (id > 0 && r->note_refs.n < 100000)
		*VEC_PUSH(&r->note_refs) = id;
}

static void read_run(struct reader *r, xmlNodePtr run, int para_bold, struct runs *acc)
{
	xmlNodePtr rpr = wchild(run, "rPr");
	int bold = on_off(wchild(rpr, "b"));
	struct sb t = SB_INIT;

	if (bold < 0 && wchild(rpr, "rStyle"))
		bold = style_bold(r, wattr(wchild(rpr, "rStyle"), "val"));
	if (bold < 0)
		bold = para_bold;
	for (xmlNodePtr c = run->children; c; c = c->next) {
		if (is_w(c, "t")) {
			sb_reset(&t);
			xml_text(c, &t);
			add_text(acc, t.buf, t.len, bold > 0);
		} else if (acc->cell && (is_w(c, "br") || is_w(c, "cr"))) {
			add_text(acc, "\n", 1, bold > 0);
		} else if (is_w(c, "tab") || is_w(c, "ptab") || is_w(c, "br") || is_w(c, "cr")) {
			add_text(acc, " ", 1, bold > 0);
		} else if (is_w(c, "noBreakHyphen")) {
			add_text(acc, "-", 1, bold > 0);
		} else if (is_w(c, "footnoteReference")) {
			note_ref(r, c);
		}
	}
	sb_release(&t);
}

/* Walks the inline content of a paragraph: runs, and the containers runs
 * sit in (insertions, links, content controls, simple fields). */
static void read_inline(struct reader *r, xmlNodePtr p, int para_bold, struct runs *acc)
{
	for (xmlNodePtr c = p->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(c, "r"))
			read_run(r, c, para_bold, acc);
		else if (is_w(c, "ins") || is_w(c, "moveTo") || is_w(c, "hyperlink") ||
			 is_w(c, "smartTag") || is_w(c, "sdt") || is_w(c, "sdtContent") ||
			 is_w(c, "fldSimple") || is_w(c, "customXml") || is_w(c, "dir") ||
			 is_w(c, "bdo"))
			read_inline(r, c, para_bold, acc);
		/* w:del, w:moveFrom (deleted text), w:pPr and the rest: skipped. */
	}
}

/* Reads paragraph p: its text, with the automatic numbering label in front,
 * into acc (appended, a space before when acc has text). Returns true when
 * a label was put. */
static bool read_para(struct reader *r, xmlNodePtr p, struct runs *acc)
{
	xmlNodePtr ppr = wchild(p, "pPr");
	const char *style = wchild(ppr, "pStyle") ? wattr(wchild(ppr, "pStyle"), "val") : NULL;
	int para_bold = style_bold(r, style);
	long num_id = -1;
	int ilvl = 0;
	struct sb label = SB_INIT;
	struct runs own = {.text = SB_INIT, .all_bold = true, .cell = acc->cell};
	bool labelled = false;

	style_numpr(r, style, &num_id, &ilvl);
	read_numpr(ppr, &num_id, &ilvl);
	number_label(r, num_id, ilvl, &label);
	read_inline(r, p, para_bold, &own);
	if (own.any || label.len) {
		if (acc->text.len)
			sb_addc(&acc->text, acc->cell ? '\n' : ' ');
		if (label.len && own.any) {
			sb_add(&acc->text, label.buf, label.len);
			sb_addc(&acc->text, ' ');
			labelled = true;
		}
		sb_add(&acc->text, own.text.buf, own.text.len);
		if (own.any) {
			acc->any = true;
			acc->all_bold = acc->all_bold && own.all_bold;
		}
	}
	sb_release(&label);
	sb_release(&own.text);
	return labelled;
}

static bool room_for_block(struct reader *r)
{
	if (r->lim->max_blocks && r->d->blocks.n >= r->lim->max_blocks) {
		doc_limit_error(r->err, r->path, NULL, r->lim->max_blocks, "đoạn văn và bảng",
				"blocks (paragraphs and tables)", "DONDOC_MAX_BLOCKS");
		r->failed = true;
		return false;
	}
	return true;
}

static void emit_para(struct reader *r, xmlNodePtr p)
{
	struct runs acc = {.text = SB_INIT, .all_bold = true};
	bool labelled = read_para(r, p, &acc);
	int line = ++r->ordinal;

	if (acc.any && room_for_block(r)) {
		struct doc_block *b = doc_add_para(r->d, acc.text.buf, acc.text.len, line);

		b->bold = b->bold || acc.all_bold;
		if (labelled && b->num != NUM_NONE)
			b->num_auto = true;
	}
	sb_release(&acc.text);
}

/* ---- tables ---- */

/* The text of a cell: its paragraphs (and those of nested tables) joined by
 * line breaks, which doc_row_add_cell() reads as spaces in the text and as
 * the cell's lines. */
static void cell_text(struct reader *r, xmlNodePtr tc, struct runs *acc)
{
	for (xmlNodePtr c = tc->children; c; c = c->next) {
		if (is_w(c, "p"))
			read_para(r, c, acc);
		else if (is_w(c, "tbl") || is_w(c, "tr") || is_w(c, "tc") || is_w(c, "sdt") ||
			 is_w(c, "sdtContent") || is_w(c, "customXml"))
			cell_text(r, c, acc);
	}
}

struct merge_col {
	size_t row, cell; /* where the open vertical merge started */
	bool open;
};

struct table_state {
	struct doc_table *t;
	struct merge_col *cols; /* MAX_GRID */
	size_t cells;		/* in the whole table, against max_cells */
};

static bool add_cell(struct reader *r, struct table_state *ts, struct doc_row *row,
		     const char *text, size_t len, struct doc_cell **out)
{
	if (r->lim->max_cells && ts->cells >= r->lim->max_cells) {
		doc_limit_error(r->err, r->path, NULL, r->lim->max_cells, "ô trong một bảng",
				"cells in one table", "DONDOC_MAX_CELLS");
		r->failed = true;
		return false;
	}
	ts->cells++;
	*out = doc_row_add_cell(row, text, len);
	return true;
}

static void read_cell(struct reader *r, struct table_state *ts, size_t ri, xmlNodePtr tc,
		      size_t *grid)
{
	xmlNodePtr tcpr = wchild(tc, "tcPr");
	xmlNodePtr vm = wchild(tcpr, "vMerge");
	const char *vmv = vm ? wattr(vm, "val") : NULL;
	bool cont = vm && (!vmv || strcmp(vmv, "continue") == 0);
	long span = wlong(wchild(tcpr, "gridSpan"), "val", 1);
	size_t col = *grid, k;
	struct doc_row *row = &ts->t->rows.v[ri];
	struct runs acc = {.text = SB_INIT, .all_bold = true, .cell = true};
	struct doc_cell *cell;

	if (span < 1)
		span = 1;
	if (span > MAX_SPAN)
		span = MAX_SPAN;
	if (cont && col < MAX_GRID && ts->cols[col].open) {
		if (!add_cell(r, ts, row, "", 0, &cell))
			return;
		cell->covered = true;
		cell->colspan = (int)span;
		ts->t->rows.v[ts->cols[col].row].cells.v[ts->cols[col].cell].rowspan++;
	} else {
		cell_text(r, tc, &acc);
		if (!add_cell(r, ts, row, acc.text.buf, acc.text.len, &cell))
			goto out;
		cell->bold = cell->bold || (acc.any && acc.all_bold);
		cell->colspan = (int)span;
		for (k = col; k < col + (size_t)span && k < MAX_GRID; k++)
			ts->cols[k].open = false;
		if (vm && col < MAX_GRID) {
			/* "restart", or a continuation with nothing above. */
			ts->cols[col].open = true;
			ts->cols[col].row = ri;
			ts->cols[col].cell = row->cells.n - 1;
		}
	}
	*grid = col + (size_t)span;
out:
	sb_release(&acc.text);
}

/* The cells of a row, in the containers cells may sit in. */
static void read_cells(struct reader *r, struct table_state *ts, size_t ri, xmlNodePtr n,
		       size_t *grid)
{
	for (xmlNodePtr c = n->children; c && !r->failed; c = c->next) {
		if (is_w(c, "tc"))
			read_cell(r, ts, ri, c, grid);
		else if (is_w(c, "sdt") || is_w(c, "sdtContent") || is_w(c, "customXml"))
			read_cells(r, ts, ri, c, grid);
	}
}

static void read_row(struct reader *r, struct table_state *ts, xmlNodePtr tr)
{
	xmlNodePtr trpr = wchild(tr, "trPr");
	long before = wlong(wchild(trpr, "gridBefore"), "val", 0);
	size_t grid = 0, k, ri;
	struct doc_row *row;
	struct doc_cell *cell;

	if (r->lim->max_rows && ts->t->rows.n >= r->lim->max_rows) {
		doc_limit_error(r->err, r->path, NULL, r->lim->max_rows, "dòng trong một bảng",
				"rows in one table", "DONDOC_MAX_ROWS");
		r->failed = true;
		return;
	}
	row = doc_table_add_row(ts->t, ++r->ordinal);
	ri = ts->t->rows.n - 1;
	if (before > 0) {
		/* Cells missing at the start of the row: keep the columns aligned. */
		if (before > MAX_SPAN)
			before = MAX_SPAN;
		if (!add_cell(r, ts, row, "", 0, &cell))
			return;
		cell->colspan = (int)before;
		grid = (size_t)before;
		for (k = 0; k < grid && k < MAX_GRID; k++)
			ts->cols[k].open = false;
	}
	read_cells(r, ts, ri, tr, &grid);
	/* Columns this row did not reach close their merges. */
	for (k = grid; k < MAX_GRID; k++)
		ts->cols[k].open = false;
}

static void read_rows(struct reader *r, struct table_state *ts, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c && !r->failed; c = c->next) {
		if (is_w(c, "tr"))
			read_row(r, ts, c);
		else if (is_w(c, "sdt") || is_w(c, "sdtContent") || is_w(c, "customXml"))
			read_rows(r, ts, c);
	}
}

static void emit_table(struct reader *r, xmlNodePtr tbl)
{
	struct table_state ts = {0};
	struct doc_block *b;

	if (!room_for_block(r))
		return;
	b = doc_add_table(r->d, r->ordinal + 1);
	b->table->merges_known = true;
	ts.t = b->table;
	ts.cols = xcalloc(MAX_GRID, sizeof(*ts.cols));
	read_rows(r, &ts, tbl);
	b->end_line = r->ordinal;
	free(ts.cols);
}

static void read_body(struct reader *r, xmlNodePtr body);

/* One child of the body: a paragraph, a table, or content controls that
 * hold more of them. */
static void read_block(struct reader *r, xmlNodePtr c)
{
	if (is_w(c, "p"))
		emit_para(r, c);
	else if (is_w(c, "tbl"))
		emit_table(r, c);
	else if (is_w(c, "sdt") || is_w(c, "sdtContent") || is_w(c, "customXml"))
		read_body(r, c);
}

static void read_body(struct reader *r, xmlNodePtr body)
{
	for (xmlNodePtr c = body->children; c && !r->failed; c = c->next)
		read_block(r, c);
}

/* The main part is read as it streams (xml_safe_parse_entry_each): each
 * child of w:document/w:body comes here complete and is freed after, so
 * the document never becomes one tree. */
static int body_element(xmlNodePtr n, void *arg)
{
	struct reader *r = arg;
	xmlNodePtr body = n->parent;

	if (body && is_w(body, "body") && body->parent && body->parent->type == XML_ELEMENT_NODE &&
	    is_w(body->parent, "document"))
		read_block(r, n);
	return r->failed ? -1 : 0;
}

/* ---- footnotes ---- */

struct note {
	long id;
	xmlNodePtr node;
	bool shown; /* a note referenced twice is written once */
};

static int note_cmp(const void *a, const void *b)
{
	long x = ((const struct note *)a)->id, y = ((const struct note *)b)->id;

	return (x > y) - (x < y);
}

static void emit_notes(struct reader *r)
{
	xmlNodePtr root = xmlDocGetRootElement(r->notes);
	VEC(struct note) notes = {0};
	size_t i, shown = 0;

	/* The notes sorted by id, so that each reference is a binary search. */
	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
		if (is_w(n, "footnote")) {
			struct note *k = VEC_PUSH(&notes);

			k->id = wlong(n, "id", -1);
			k->node = n;
		}
	}
	if (notes.n)
		qsort(notes.v, notes.n, sizeof(*notes.v), note_cmp);
	for (i = 0; i < r->note_refs.n && notes.n && !r->failed; i++) {
		struct note key = {.id = r->note_refs.v[i]};
		struct note *n = bsearch(&key, notes.v, notes.n, sizeof(key), note_cmp);
		struct runs acc = {.text = SB_INIT, .all_bold = true};
		struct sb line = SB_INIT;

		if (n && !n->shown) {
			n->shown = true;
			cell_text(r, n->node, &acc);
			if (acc.any && room_for_block(r)) {
				sb_addf(&line, "Footnote %zu: ", ++shown);
				sb_add(&line, acc.text.buf, acc.text.len);
				doc_add_para(r->d, line.buf, line.len, ++r->ordinal);
			}
		}
		sb_release(&acc.text);
		sb_release(&line);
	}
	free(notes.v);
}

/* ---- entry point ---- */

static void reader_free(struct reader *r)
{
	size_t i;
	int l;

	for (i = 0; i < r->abstracts.n; i++)
		for (l = 0; l < MAX_LEVELS; l++)
			free(r->abstracts.v[i].lv[l].text);
	free(r->abstracts.v);
	free(r->nums.v);
	for (i = 0; i < r->styles.n; i++) {
		free(r->styles.v[i].id);
		free(r->styles.v[i].based_on);
	}
	free(r->styles.v);
	free(r->note_refs.v);
	if (r->notes)
		xmlFreeDoc(r->notes);
}

struct doc *docx_read(const char *path, const char *data, size_t len,
		      const struct doc_limits *limits, struct sb *err)
{
	struct reader r = {0};
	struct zip_safe *z = NULL;
	xmlDocPtr main = NULL, aux;
	xmlNodePtr root, body;

	if (!limits)
		limits = &doc_default_limits;
	if (!path)
		path = "-";
	r.path = path;
	r.lim = limits;
	r.err = err;
	if (limits->max_bytes && len > limits->max_bytes) {
		sb_addf(err, "%s: larger than the limit of %zu bytes", path, limits->max_bytes);
		return NULL;
	}
	z = zip_safe_open(path, data, len, limits, err);
	if (!z)
		return NULL;
	/* Styles, numbering and notes first: the body is read as it streams. */
	if (!zip_safe_has(z, DOC_PART)) {
		sb_addf(err, "%s: no %s in the ZIP archive: not a Word document", path, DOC_PART);
		r.failed = true;
		goto out;
	}
	if ((aux = read_part(&r, z, STYLES_PART))) {
		load_styles(&r, aux);
		xmlFreeDoc(aux);
	}
	if (!r.failed && (aux = read_part(&r, z, NUM_PART))) {
		load_numbering(&r, aux);
		xmlFreeDoc(aux);
	}
	if (!r.failed)
		r.notes = read_part(&r, z, NOTES_PART);
	if (r.failed)
		goto out;
	r.d = doc_new(path, "docx");
	main = xml_safe_parse_entry_each(z, path, DOC_PART, limits, 2, body_element, &r, err);
	if (!main) {
		r.failed = true;
		goto out;
	}
	root = xmlDocGetRootElement(main);
	body = is_w(root, "document") ? wchild(root, "body") : NULL;
	if (!body) {
		sb_addf(err, "%s: %s has no w:document/w:body: not a Word document", path,
			DOC_PART);
		r.failed = true;
		goto out;
	}
	if (!r.failed && r.notes)
		emit_notes(&r);
	if (!r.failed && r.d->blocks.n == 0) {
		sb_addf(err, "%s: the Word document has no text", path);
		r.failed = true;
	}
out:
	if (r.failed && r.d) {
		doc_free(r.d);
		r.d = NULL;
	}
	if (main)
		xmlFreeDoc(main);
	reader_free(&r);
	zip_safe_close(z);
	return r.d;
}
