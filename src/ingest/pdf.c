/*
 * pdf.c - the PDF reader (poppler-glib) and the page layout shared with the
 * OCR reader (see ocr.h).
 *
 * A PDF page's text layer comes as characters with boxes; they become words,
 * the words become lines by their vertical position, and runs of lines whose
 * words keep to the same columns become table rows. Everything is written
 * out as a text export (lines, blank lines between paragraphs, tab-separated
 * rows) and read by text_read(), so a PDF reaches the extractors in the same
 * shape as the text export of the same plan. Pages without a text layer (a
 * scan saved as PDF) are rendered with cairo and read by OCR.
 *
 * Hostile input: poppler parses untrusted bytes, so the page count, page
 * sizes (through the rendered pixel count) and the wall-clock time are
 * bounded by struct doc_limits, and a password-protected file is named as
 * such.
 */
#include "base/compat.h"
#include "ingest/ocr.h"
#include "ingest/ingest.h"
#include "ingest/doc.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <math.h>
#include <cairo.h>
#include <utf8proc.h>
#include <poppler.h>

/* ---- words and lines ------------------------------------------------- */

struct lay_word *lay_add_word(struct lay_words *w, const char *text, size_t len, double x0,
			      double y0, double x1, double y1, int page, double page_h)
{
	struct lay_word *n;

	if (!len || !(x1 >= x0) || !(y1 >= y0) || !isfinite(x0) || !isfinite(y0) || !isfinite(x1) ||
	    !isfinite(y1))
		return NULL;
	n = VEC_PUSH(w);
	n->text = xstrndup(text, len);
	n->len = len;
	n->x0 = x0;
	n->y0 = y0;
	n->x1 = x1;
	n->y1 = y1;
	n->page = page;
	n->page_h = page_h;
	return n;
}

void lay_words_free(struct lay_words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->v[i].text);
	free(w->v);
	free(w->rules.v);
	memset(w, 0, sizeof(*w));
}

struct lline {
	size_t first, n;	  /* words [first, first + n) once sorted */
	double x0, y0, x1, y1, h; /* box and median word height */
	int page;
	double page_h;
	bool drop;  /* a repeated page header or footer, a page number */
	bool wide;  /* has a gap wider than its height between two words */
	int region; /* table region + 1, or 0 */
};

struct llines {
	struct lline *v;
	size_t n, cap;
};

static double wh(const struct lay_word *w)
{
	return w->y1 - w->y0;
}

static double wc(const struct lay_word *w)
{
	return (w->y0 + w->y1) / 2;
}

static int by_page_center(const void *a, const void *b)
{
	const struct lay_word *x = a, *y = b;

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	if (wc(x) != wc(y))
		return wc(x) < wc(y) ? -1 : 1;
	return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

static int by_x(const void *a, const void *b)
{
	const struct lay_word *x = a, *y = b;

	return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Groups words (sorted by page and centre) into lines, each sorted by x. */
static void make_lines(struct lay_words *w, struct llines *out)
{
	size_t i = 0, j, k;
	double *hs = NULL;
	size_t hcap = 0;

	while (i < w->n) {
		struct lay_word *f = &w->v[i];
		double c = wc(f), h = wh(f);
		struct lline *l;

		for (j = i + 1; j < w->n && w->v[j].page == f->page; j++) {
			double hj = wh(&w->v[j]);

			if (fabs(wc(&w->v[j]) - c) > 0.4 * (hj > h ? hj : h))
				break;
			if (hj > h)
				h = hj;
		}
		qsort(w->v + i, j - i, sizeof(*w->v), by_x);
		l = VEC_PUSH(out);
		l->first = i;
		l->n = j - i;
		l->page = f->page;
		l->page_h = f->page_h;
		l->x0 = w->v[i].x0;
		l->x1 = w->v[i].x1;
		l->y0 = w->v[i].y0;
		l->y1 = w->v[i].y1;
		xgrow((void **)&hs, &hcap, j - i, sizeof(*hs));
		for (k = i; k < j; k++) {
			struct lay_word *x = &w->v[k];

			l->x0 = fmin(l->x0, x->x0);
			l->x1 = fmax(l->x1, x->x1);
			l->y0 = fmin(l->y0, x->y0);
			l->y1 = fmax(l->y1, x->y1);
			hs[k - i] = wh(x);
		}
		qsort(hs, j - i, sizeof(*hs), cmp_double);
		l->h = hs[(j - i) / 2];
		if (l->h <= 0)
			l->h = 1;
		for (k = i + 1; k < j; k++)
			if (w->v[k].x0 - w->v[k - 1].x1 > l->h)
				l->wide = true;
		i = j;
	}
	free(hs);
}

static bool all_bold(const struct lay_words *w, size_t first, size_t n)
{
	size_t k;

	for (k = first; k < first + n; k++)
		if (!w->v[k].bold)
			return false;
	return n > 0;
}

static void line_text(const struct lay_words *w, const struct lline *l, struct sb *out)
{
	size_t k;

	for (k = l->first; k < l->first + l->n; k++) {
		if (k > l->first)
			sb_addc(out, ' ');
		sb_add(out, w->v[k].text, w->v[k].len);
	}
}

/* ---- page headers and footers ----------------------------------------- */

/* The folded text of a line without its digits: "Trang 3" and "Trang 4" match. */
static char *edge_key(const struct lay_words *w, const struct lline *l)
{
	struct sb s = SB_INIT, k = SB_INIT;
	size_t i;

	line_text(w, l, &s);
	for (i = 0; i < s.len; i++)
		if (isdigit((unsigned char)s.buf[i]) || ispunct((unsigned char)s.buf[i]))
			s.buf[i] = ' ';
	vi_fold(&k, s.buf ? s.buf : "", s.len, 0);
	sb_trim(&k);
	sb_release(&s);
	return sb_detach(&k);
}

/*
 * The first and last line of each page, when they sit in the top or bottom
 * tenth of the page, are a running header or footer if they hold only a page
 * number or if the same words (digits aside) stand there on at least half
 * the pages (and two). Lines repeated that way would otherwise repeat tasks
 * or split paragraphs at every page break.
 */
static void drop_edges(const struct lay_words *w, struct llines *ls)
{
	size_t i, j, npages = 0, nedge = 0;
	size_t *edge = NULL;
	char **keys = NULL;

	if (!ls->n)
		return;
	npages = (size_t)ls->v[ls->n - 1].page + 1;
	edge = xcalloc(ls->n, sizeof(*edge));
	for (i = 0; i < ls->n; i++) {
		struct lline *l = &ls->v[i];
		bool first = i == 0 || ls->v[i - 1].page != l->page;
		bool last = i + 1 == ls->n || ls->v[i + 1].page != l->page;

		if (l->page_h <= 0)
			continue;
		if (l->wide)
			continue; /* a table row (a repeated header row) is no running header */
		if ((first && l->y1 < 0.1 * l->page_h) || (last && l->y0 > 0.9 * l->page_h))
			edge[nedge++] = i;
	}
	keys = xcalloc(nedge ? nedge : 1, sizeof(*keys));
	for (i = 0; i < nedge; i++)
		keys[i] = edge_key(w, &ls->v[edge[i]]);
	for (i = 0; i < nedge; i++) {
		size_t same = 0;

		if (!*keys[i] && npages > 1) {
			ls->v[edge[i]].drop = true;
			continue;
		}
		/* Edge lines are few (two per page): the pairwise count is cheap. */
		for (j = 0; j < nedge && npages >= 2; j++)
			if (strcmp(keys[i], keys[j]) == 0)
				same++;
		if (npages >= 2 && same >= 2 && same * 2 >= npages)
			ls->v[edge[i]].drop = true;
	}
	for (i = 0; i < nedge; i++)
		free(keys[i]);
	free(keys);
	free(edge);
}

/* ---- tables ------------------------------------------------------------ */

struct region {
	size_t first, last; /* lines */
	double *sep;	    /* column separators: x positions between columns */
	size_t nsep;
	double x0, x1;
	bool ruled; /* the separators are a scan's rules: no cell runs over one that is there */
};

struct ev {
	double x;
	int d;
};

static int by_ev(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;

	if (x->x != y->x)
		return x->x < y->x ? -1 : 1;
	return x->d - y->d; /* ends before starts at the same x */
}

static int cmp_double(const void *a, const void *b);

static bool word_right_of(const struct lay_words *w, const struct llines *ls,
			  const struct region *r, double x)
{
	size_t i, k;

	for (i = r->first; i <= r->last; i++)
		for (k = ls->v[i].first; k < ls->v[i].first + ls->v[i].n; k++)
			if (w->v[k].x0 > x)
				return true;
	return false;
}

/*
 * A scanned ruled table: the vertical rules on the run's first page that
 * stand between its left and right text edges and run along at least half
 * of its height there are its column separators (OCR words crowd a rule,
 * and merged section rows cross the gaps). Returns true when it set them.
 */
static bool rule_columns(const struct lay_words *w, const struct llines *ls, struct region *r,
			 double left, double right)
{
	double y0 = 0, y1 = 0, h = 0;
	size_t i, n = 0;
	int page = ls->v[r->first].page;
	bool any = false;

	if (!w->rules.n)
		return false;
	for (i = r->first; i <= r->last && ls->v[i].page == page; i++) {
		if (ls->v[i].drop)
			continue;
		if (!any || ls->v[i].y0 < y0)
			y0 = ls->v[i].y0;
		if (!any || ls->v[i].y1 > y1)
			y1 = ls->v[i].y1;
		h = ls->v[i].h;
		any = true;
	}
	if (!any)
		return false;
	r->sep = xcalloc(w->rules.n, sizeof(*r->sep));
	for (i = 0; i < w->rules.n; i++) {
		const struct lay_rule *u = &w->rules.v[i];
		double over = fmin(u->y1, y1) - fmax(u->y0, y0);

		if (u->page == page && u->x > left + h && u->x < right - h && over >= 0.5 * (y1 - y0))
			r->sep[n++] = u->x;
	}
	qsort(r->sep, n, sizeof(*r->sep), cmp_double);
	for (i = 0, r->nsep = 0; i < n; i++)
		if (!r->nsep || r->sep[i] - r->sep[r->nsep - 1] > h)
			r->sep[r->nsep++] = r->sep[i];
	/* A rule with no word right of it (a border) separates nothing. */
	while (r->nsep && !word_right_of(w, ls, r, r->sep[r->nsep - 1]))
		r->nsep--;
	r->ruled = r->nsep > 0;
	if (r->nsep)
		return true;
	free(r->sep);
	r->sep = NULL;
	return false;
}

/*
 * A scanned ruled table ends where its rules end: a line below the lowest
 * rule of its page, on a page that has rules, (a signature, a seal's noise)
 * is not one of its rows. Returns the run's last line.
 */
static size_t below_rules(const struct lay_words *w, const struct llines *ls, size_t first,
			  size_t last)
{
	double bottom = -1;
	int page = -1;
	size_t i, k;

	if (!w->rules.n)
		return last;
	for (i = first + 1; i <= last; i++) {
		if (ls->v[i].drop)
			continue; /* a page's header or footer, beyond the rules */
		if (ls->v[i].page != page) {
			page = ls->v[i].page;
			bottom = -1;
			for (k = 0; k < w->rules.n; k++)
				if (w->rules.v[k].page == page && w->rules.v[k].y1 > bottom)
					bottom = w->rules.v[k].y1;
		}
		if (bottom >= 0 && ls->v[i].y0 > bottom)
			return i - 1;
	}
	return last;
}

/* Likewise a line above the highest rule of its page (a caption) starts no table. */
static size_t above_rules(const struct lay_words *w, const struct llines *ls, size_t first,
			  size_t last)
{
	double top = -1;
	size_t k;

	for (k = 0; k < w->rules.n; k++)
		if (w->rules.v[k].page == ls->v[first].page && (top < 0 || w->rules.v[k].y0 < top))
			top = w->rules.v[k].y0;
	while (top >= 0 && first < last && ls->v[first].page == ls->v[first + 1].page &&
	       ls->v[first].y1 < top)
		first++;
	return first;
}

/*
 * Column separators of a run of lines: stretches of x, at least half a line
 * high wide, that (almost) no line covers with text. A line's words count as
 * segments (words closer than half a line height); a segment wider than half
 * the run is a merged cell across columns (a section row) and is left out,
 * and a few lines (two, or one in 33 in a long table) may still cross a gap.
 */
static void find_columns(const struct lay_words *w, const struct llines *ls, struct region *r)
{
	struct ev *ev = NULL;
	size_t nev = 0, cap = 0, i, k, nlines = 0, thr;
	double hsum = 0, minw, start = 0, left = 0, right = 0;
	int cover = 0;
	bool open = false, first = true;

	for (i = r->first; i <= r->last; i++) {
		const struct lline *l = &ls->v[i];

		if (l->drop)
			continue;
		if (first || l->x0 < left)
			left = l->x0;
		if (first || l->x1 > right)
			right = l->x1;
		first = false;
	}
	for (i = r->first; i <= r->last; i++) {
		const struct lline *l = &ls->v[i];
		size_t s0;

		if (l->drop)
			continue;
		nlines++;
		hsum += l->h;
		for (s0 = k = l->first; k < l->first + l->n; k++) {
			double x0 = w->v[s0].x0, x1 = w->v[k].x1;

			if (k + 1 < l->first + l->n && w->v[k + 1].x0 - x1 < 0.5 * l->h)
				continue;
			s0 = k + 1;
			if (x1 - x0 > 0.5 * (right - left))
				continue;
			xgrow((void **)&ev, &cap, nev + 2, sizeof(*ev));
			ev[nev].x = x0;
			ev[nev++].d = 1;
			ev[nev].x = x1;
			ev[nev++].d = -1;
		}
	}
	r->nsep = 0;
	if (!nev || !nlines)
		goto out;
	minw = 0.5 * hsum / (double)nlines;
	thr = nlines / 33 > 2 ? nlines / 33 : nlines / 20 < 2 ? nlines / 20 : 2;
	qsort(ev, nev, sizeof(*ev), by_ev);
	r->x0 = ev[0].x;
	r->x1 = ev[nev - 1].x;
	if (rule_columns(w, ls, r, left, right))
		goto out;
	r->sep = xcalloc(nev, sizeof(*r->sep));
	for (i = 0; i < nev; i++) {
		cover += ev[i].d;
		if (!open && cover >= 0 && (size_t)cover <= thr && ev[i].d < 0 && i + 1 < nev) {
			open = true;
			start = ev[i].x;
		} else if (open && (size_t)cover > thr) {
			open = false;
			if (ev[i].x - start >= minw)
				r->sep[r->nsep++] = (start + ev[i].x) / 2;
		}
	}
out:
	free(ev);
}

static size_t column_of(const struct region *r, double x)
{
	size_t c = 0;

	while (c < r->nsep && x > r->sep[c])
		c++;
	return c;
}

/* True when a word of the line lies across a column separator. */
static bool crosses(const struct lay_words *w, const struct lline *l, const struct region *r)
{
	size_t k, c;

	for (k = l->first; k < l->first + l->n; k++)
		for (c = 0; c < r->nsep; c++)
			if (w->v[k].x0 < r->sep[c] && w->v[k].x1 > r->sep[c])
				return true;
	return false;
}

/* True when a scan's vertical rule crosses line l at about x (a merged cell has none). */
static bool rule_at(const struct lay_words *w, const struct lline *l, double x)
{
	double y = (l->y0 + l->y1) / 2;
	size_t i;

	for (i = 0; i < w->rules.n; i++) {
		const struct lay_rule *u = &w->rules.v[i];

		if (u->page == l->page && fabs(u->x - x) < l->h && u->y0 <= y && u->y1 >= y)
			return true;
	}
	return false;
}

/* Columns with a word on the line, as bits of *mask (separators capped). */
static void line_columns(const struct lay_words *w, const struct lline *l, const struct region *r,
			 size_t *col)
{
	size_t k;
	double prev_x1 = 0;

	for (k = l->first; k < l->first + l->n; k++) {
		const struct lay_word *x = &w->v[k];

		/* A word close after the previous one continues its cell, even
		 * past a separator, as does a word after one that already ran
		 * over its column's edge: a merged cell spans columns. */
		col[k] = column_of(r, x->x0);
		if (k > l->first && col[k] > col[k - 1] &&
		    !(r->ruled && rule_at(w, l, r->sep[col[k - 1]])) &&
		    (x->x0 - prev_x1 < 0.5 * l->h ||
		     (x->x0 - prev_x1 < l->h && prev_x1 > r->sep[col[k - 1]])))
			col[k] = col[k - 1];
		prev_x1 = x->x1;
	}
}

/* The pitch at the rank-th fraction of the sorted pitches between lines. */
static double pitch_at(const struct llines *ls, size_t first, size_t last, double rank)
{
	double *p = xcalloc(last - first + 1, sizeof(*p)), m = 0;
	size_t i, n = 0;

	for (i = first + 1; i <= last; i++)
		if (ls->v[i].page == ls->v[i - 1].page && !ls->v[i].drop && !ls->v[i - 1].drop)
			p[n++] = ls->v[i].y0 - ls->v[i - 1].y0;
	if (n) {
		qsort(p, n, sizeof(*p), cmp_double);
		m = p[(size_t)((double)(n - 1) * rank)];
	}
	free(p);
	return m;
}

static double median_pitch(const struct llines *ls, size_t first, size_t last)
{
	return pitch_at(ls, first, last, 0.5);
}

/* The folded words of a line, to recognise a header row repeated on a page. */
static char *line_key(const struct lay_words *w, const struct lline *l)
{
	struct sb s = SB_INIT;
	char *k;

	line_text(w, l, &s);
	k = vi_fold_dup(s.buf ? s.buf : "", 0);
	sb_release(&s);
	return k;
}

/* Same words, give or take what OCR misreads (a tenth of the letters). */
static bool same_key(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), max = (la > lb ? la : lb) / 10;

	return edit_distance(a, la, b, lb, max + 1) <= max;
}

/* Writes a row; a cell set all in bold is marked <b>..</b> as exports do. */
static void flush_row(struct sb *cells, bool *plain, size_t ncol, struct sb *out)
{
	size_t c;

	for (c = 0; c < ncol; c++) {
		bool bold = cells[c].len && !plain[c];

		if (c)
			sb_addc(out, '\t');
		if (bold)
			sb_adds(out, "<b>");
		sb_add(out, cells[c].buf ? cells[c].buf : "", cells[c].len);
		if (bold)
			sb_adds(out, "</b>");
		sb_reset(&cells[c]);
		plain[c] = false;
	}
	sb_addc(out, '\n');
}

/* The header row of the document's first table, to skip where it repeats. */
struct thead {
	char *key; /* folded words of its first line */
	size_t n;  /* its lines */
};

/* True when line i is the first kept line of its page. */
static bool page_top(const struct llines *ls, size_t i)
{
	while (i > 0 && ls->v[i - 1].page == ls->v[i].page) {
		if (!ls->v[i - 1].drop)
			return false;
		i--;
	}
	return true;
}

/*
 * Where a word processor broke a word too long for a narrow column
 * ("Nguyễ" / "n", "Sở VHTTD" / "L", "202" / "6"), the fragment ends its
 * line at about the column's edge and one letter or digit (perhaps with a
 * comma) is left over for the next line; it joins the fragment without a space. A longer piece is
 * an ordinary next word ("Thường" / "xuyên").
 */
static bool glued(const struct lay_word *frag, double colmax, double h, const struct lay_word *next)
{
	utf8proc_int32_t cp = -1;
	int cat;

	utf8proc_ssize_t n;
	size_t len = utf8_length(next->text, next->len);

	if (frag->x1 < colmax - 0.6 * h || len < 1 || len > 2)
		return false;
	n = utf8proc_iterate((const utf8proc_uint8_t *)next->text, (utf8proc_ssize_t)next->len,
			     &cp);
	if (cp < 0 || n <= 0)
		return false;
	/* A second character may only be punctuation: "L," */
	if (len == 2 && !strchr(",;.:)", next->text[n]))
		return false;
	cat = utf8proc_category(cp);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	       (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/*
 * Writes a table region as tab-separated rows. A line starts a new row when
 * a column that had text in the row, then none on the line above, has text
 * again (its cell ended: this is the next row's cell), when the first column
 * is filled again (the next "TT"), or after a vertical gap well above the
 * region's line pitch. A row may break across pages: the header row that
 * the word processor repeats at the top of the next page is skipped, and the
 * lines after it carry on the broken row.
 */
static void emit_table(const struct lay_words *w, const struct llines *ls, const struct region *r,
		       size_t *col, struct thead *hd, struct sb *out)
{
	size_t ncol = r->nsep + 1, i, k, c, hdr_first = 0, nlines = 0;
	struct sb *cells = xcalloc(ncol, sizeof(*cells));
	bool *had = xcalloc(ncol, sizeof(*had)), *prev = xcalloc(ncol, sizeof(*prev));
	bool *now = xcalloc(ncol, sizeof(*now)), *plain = xcalloc(ncol, sizeof(*plain));
	size_t *lastw = xcalloc(ncol, sizeof(*lastw));
	const struct lay_word **frag = xcalloc(ncol, sizeof(*frag));
	double *colmax = xcalloc(ncol, sizeof(*colmax));
	double pitch = median_pitch(ls, r->first, r->last);
	const struct lline *last = NULL;
	bool any = false, inky;

	for (i = r->first; i <= r->last; i++) {
		line_columns(w, &ls->v[i], r, col);
		for (k = ls->v[i].first; k < ls->v[i].first + ls->v[i].n; k++)
			if (col[k] == ncol - 1 || w->v[k].x1 < r->sep[col[k]])
				colmax[col[k]] = fmax(colmax[col[k]], w->v[k].x1);
	}
	for (i = r->first; i <= r->last; i++) {
		const struct lline *l = &ls->v[i];
		bool start = false;

		if (l->drop)
			continue;
		if (hd->key && page_top(ls, i) && i > r->first) {
			char *key = line_key(w, l);
			bool repeat = same_key(key, hd->key);

			free(key);
			if (repeat) {
				/* Skip the repeated header's lines (as many as the first). */
				for (k = 1; k < hd->n && i + 1 <= r->last; k++)
					i++;
				continue;
			}
		}
		line_columns(w, l, r, col);
		memset(now, 0, ncol * sizeof(*now));
		/* OCR made words of ink (a seal over the number column): such a
		 * first-column word starts no row and joins no number. */
		inky = had[0];
		for (k = l->first; k < l->first + l->n; k++)
			if (col[k] == 0 && !w->v[k].doubt)
				inky = false;
		for (k = l->first; k < l->first + l->n; k++) {
			if (inky && col[k] == 0)
				continue;
			now[col[k]] = true;
			lastw[col[k]] = k;
		}
		if (last) {
			if (last->page == l->page && pitch > 0 && l->y0 - last->y0 > 1.6 * pitch)
				start = true;
			for (c = 0; c < ncol; c++)
				if (now[c] && had[c] && (!prev[c] || c == 0))
					start = true;
		}
		if (start && any) {
			if (!hd->key && nlines) {
				hd->key = line_key(w, &ls->v[hdr_first]);
				hd->n = nlines;
			}
			nlines = 0;
			flush_row(cells, plain, ncol, out);
			memset(had, 0, ncol * sizeof(*had));
			memset(frag, 0, ncol * sizeof(*frag));
			any = false;
		}
		if (!hd->key && !nlines++)
			hdr_first = i;
		for (k = l->first; k < l->first + l->n; k++) {
			struct sb *cell = &cells[col[k]];

			if (inky && col[k] == 0)
				continue;
			if (cell->len && !(k == l->first || col[k - 1] != col[k]
					       ? frag[col[k]] && glued(frag[col[k]], colmax[col[k]],
								       l->h, &w->v[k])
					       : false))
				sb_addc(cell, ' ');
			sb_add(cell, w->v[k].text, w->v[k].len);
			if (!w->v[k].bold)
				plain[col[k]] = true;
			had[col[k]] = true;
			any = true;
		}
		for (c = 0; c < ncol; c++)
			frag[c] = now[c] ? &w->v[lastw[c]] : NULL;
		memcpy(prev, now, ncol * sizeof(*prev));
		last = l;
	}
	if (any)
		flush_row(cells, plain, ncol, out);
	for (c = 0; c < ncol; c++)
		sb_release(&cells[c]);
	free(plain);
	free(cells);
	free(had);
	free(prev);
	free(now);
	free(lastw);
	free(frag);
	free(colmax);
}

/*
 * True when an ordinary line (no wide gap) inside a table region carries on
 * the cells of the line above: its words cross no column gap, keep to
 * columns that had text on that line, and it follows at about the usual
 * pitch. Anything else (a heading, a paragraph) ends the table.
 */
static bool continues_cells(const struct lay_words *w, const struct llines *ls, size_t k,
			    const struct region *r, size_t *col, bool *seen, double pitch)
{
	const struct lline *l = &ls->v[k], *p = &ls->v[k - 1];
	size_t i, j;
	bool ok = true;

	if (p->page == l->page && pitch > 0 && l->y0 - p->y0 > 2 * pitch)
		return false;
	/* A line across the column gaps is prose, unless it carries on a
	 * merged cell of the line above (a section title on two lines): that
	 * line crossed the gaps too and had a word where this one starts. */
	if (crosses(w, l, r)) {
		if (p->drop || !crosses(w, p, r))
			return false;
		for (i = p->first; i < p->first + p->n; i++)
			if (fabs(w->v[i].x0 - w->v[l->first].x0) < l->h)
				return true;
		return false;
	}
	/* The columns of the dozen lines above: a repeated header row may
	 * stand between a broken row and its continuation on the next page. */
	memset(seen, 0, (r->nsep + 1) * sizeof(*seen));
	for (j = k - 1; j + 12 >= k && j >= r->first; j--) {
		p = &ls->v[j];
		line_columns(w, p, r, col);
		for (i = p->first; i < p->first + p->n; i++)
			seen[col[i]] = true;
		if (j == 0)
			break;
	}
	line_columns(w, l, r, col);
	for (i = l->first; i < l->first + l->n; i++)
		if (!seen[col[i]])
			ok = false;
	return ok;
}

/*
 * Table regions: runs of lines with wide gaps, with ordinary lines between
 * and after them that carry on their cells (a wrapped cell has no gap of its
 * own). A region is a table when its words fall into three columns or more
 * and at least two of its lines have wide gaps. Columns are found on a
 * window of up to WINDOW lines from where a run starts and reused for every
 * region starting inside it, so the work stays linear on any page.
 */
#define WINDOW 600

static void find_regions(const struct lay_words *w, struct llines *ls, size_t *col,
			 struct region **out, size_t *nout)
{
	struct region win = {0};
	size_t i = 0, cap = 0, j, k, lastwide;
	bool have_win = false;

	*out = NULL;
	*nout = 0;
	while (i < ls->n) {
		struct region r = {0};
		size_t multi = 0;
		bool *seen;
		double pitch;

		if (!ls->v[i].wide || ls->v[i].drop) {
			i++;
			continue;
		}
		if (!have_win || i > win.last) {
			free(win.sep);
			memset(&win, 0, sizeof(win));
			lastwide = i;
			for (j = i + 1; j < ls->n && j <= lastwide + 40 && j < i + WINDOW; j++)
				if (ls->v[j].wide && !ls->v[j].drop)
					lastwide = j;
			win.first = i;
			win.last = lastwide;
			find_columns(w, ls, &win);
			have_win = true;
		}
		if (win.nsep < 2 || win.last == i) {
			i = win.last + 1;
			continue;
		}
		r = win;
		r.first = i;
		r.sep = xmalloc(win.nsep * sizeof(*r.sep));
		memcpy(r.sep, win.sep, win.nsep * sizeof(*r.sep));
		seen = xcalloc(r.nsep + 1, sizeof(*seen));
		pitch = median_pitch(ls, win.first, win.last);
		/* Grow over rows (wide lines) and wrapped cells; stop at the first
		 * line that is neither, or after 40 lines without a row. */
		lastwide = i;
		for (k = i + 1; k < ls->n && k <= lastwide + 40; k++) {
			if (ls->v[k].drop)
				continue;
			if (ls->v[k].wide)
				lastwide = k;
			else if (!continues_cells(w, ls, k, &r, col, seen, pitch))
				break;
		}
		r.last = k - 1;
		r.last = below_rules(w, ls, r.first, r.last);
		r.first = above_rules(w, ls, r.first, r.last);
		free(seen);
		for (k = r.first; k <= r.last; k++)
			if (ls->v[k].wide)
				multi++;
		if (multi < 2) {
			free(r.sep);
			i = r.last + 1;
			continue;
		}
		for (k = r.first; k <= r.last; k++)
			ls->v[k].region = (int)*nout + 1;
		xgrow((void **)out, &cap, *nout + 1, sizeof(**out));
		(*out)[(*nout)++] = r;
		i = r.last + 1;
	}
	free(win.sep);
}

/* ---- the text export -------------------------------------------------- */

/*
 * A line of prose: words joined by spaces, far-apart groups on lines of
 * their own, each group in "**" when it is all bold (as text exports mark
 * bold paragraphs: titles, section headings).
 */
static void emit_prose_line(const struct lay_words *w, const struct lline *l, struct sb *out)
{
	size_t k, start = l->first, end = l->first + l->n;

	while (start < end) {
		size_t stop = start + 1;
		bool bold;

		while (stop < end && w->v[stop].x0 - w->v[stop - 1].x1 <= 3 * l->h)
			stop++;
		bold = all_bold(w, start, stop - start);
		if (bold)
			sb_adds(out, "**");
		for (k = start; k < stop; k++) {
			if (k > start)
				sb_addc(out, ' ');
			sb_add(out, w->v[k].text, w->v[k].len);
		}
		if (bold)
			sb_adds(out, "**");
		sb_addc(out, '\n');
		start = stop;
	}
}

/* Ends the paragraph being built: a bold one as one "**...**" line. */
static void flush_prose(struct sb *para, bool bold, struct sb *out)
{
	if (!para->len)
		return;
	if (bold)
		sb_adds(out, "**");
	sb_add(out, para->buf, para->len);
	if (bold)
		sb_adds(out, "**\n");
	sb_reset(para);
}

static void blank_line(struct sb *out)
{
	if (out->len &&
	    !(out->len >= 2 && out->buf[out->len - 1] == '\n' && out->buf[out->len - 2] == '\n'))
		sb_addc(out, '\n');
}

static bool far_apart(const struct lay_words *w, const struct lline *l)
{
	size_t k;

	for (k = l->first + 1; k < l->first + l->n; k++)
		if (w->v[k].x0 - w->v[k - 1].x1 > 3 * l->h)
			return true;
	return false;
}

/*
 * A page break, a gap above the tightest usual pitch or above a line's
 * height, a line above that stopped well short of the right edge, an
 * indented first line or a change between bold and plain ends a paragraph;
 * text_read() joins a sentence that only carries on across the break.
 */
static bool para_break(const struct lay_words *w, const struct lline *last, const struct lline *l,
		       double pitch, double right)
{
	return l->page != last->page || (pitch > 0 && l->y0 - last->y0 > 1.2 * pitch) ||
	       l->y0 - last->y1 > l->h || last->x1 < right - 4 * last->h ||
	       l->x0 - last->x0 > 1.5 * l->h ||
	       all_bold(w, l->first, l->n) != all_bold(w, last->first, last->n);
}

void lay_build_text(struct lay_words *w, struct sb *out)
{
	struct llines ls = {0};
	struct region *rs = NULL;
	size_t nr = 0, i, page_first = 0;
	const struct lline *last = NULL;
	struct thead hd = {0};
	struct sb para = SB_INIT;
	double pitch = 0, right = 0;
	bool para_bold = false;
	size_t k, *col;

	if (!w->n)
		return;
	qsort(w->v, w->n, sizeof(*w->v), by_page_center);
	make_lines(w, &ls);
	drop_edges(w, &ls);
	col = xcalloc(w->n, sizeof(*col));
	find_regions(w, &ls, col, &rs, &nr);
	for (i = 0; i < ls.n; i++) {
		struct lline *l = &ls.v[i];

		if (!last || l->page != last->page) {
			/* The line pitch of each page tells paragraph gaps. */
			for (page_first = i; page_first < ls.n && ls.v[page_first].page == l->page;
			     page_first++)
				;
			pitch = pitch_at(&ls, i, page_first - 1, 0.15);
			right = 0;
			for (k = i; k < page_first; k++)
				if (!ls.v[k].drop && !ls.v[k].region)
					right = fmax(right, ls.v[k].x1);
		}
		if (l->drop)
			continue;
		if (l->region) {
			flush_prose(&para, para_bold, out);
			blank_line(out);
			emit_table(w, &ls, &rs[l->region - 1], col, &hd, out);
			sb_addc(out, '\n');
			i = rs[l->region - 1].last;
			last = &ls.v[i];
			continue;
		}
		if (last && para_break(w, last, l, pitch, right)) {
			flush_prose(&para, para_bold, out);
			blank_line(out);
		}
		if (far_apart(w, l)) {
			/* Groups far apart (a two-column letterhead): lines of their own. */
			flush_prose(&para, para_bold, out);
			emit_prose_line(w, l, out);
		} else if (!para.len || para_bold) {
			para_bold = all_bold(w, l->first, l->n);
			if (para.len)
				sb_addc(&para, ' ');
			line_text(w, l, &para);
			if (!para_bold)
				sb_addc(&para, '\n');
		} else {
			line_text(w, l, &para);
			sb_addc(&para, '\n');
		}
		last = l;
	}
	flush_prose(&para, para_bold, out);
	for (i = 0; i < nr; i++)
		free(rs[i].sep);
	sb_release(&para);
	free(col);
	free(hd.key);
	free(rs);
	free(ls.v);
}

/* ---- the PDF reader ---------------------------------------------------- */

/* Words on a page: more than this many is a hostile file, not a plan. */
#define MAX_WORDS 2000000

static bool bold_font(const char *name)
{
	return name && (strstr(name, "Bold") || strstr(name, "bold") || strstr(name, "Black") ||
			strstr(name, "Heavy") || strstr(name, "Semibold"));
}

/* Which characters of the page text are set in a bold font. */
static bool *bold_chars(PopplerPage *page, size_t nchars)
{
	GList *attrs = poppler_page_get_text_attributes(page), *it;
	bool *bold = xcalloc(nchars ? nchars : 1, sizeof(*bold));

	for (it = attrs; it; it = it->next) {
		PopplerTextAttributes *a = it->data;
		size_t i;

		if (!a || !bold_font(a->font_name) || a->start_index < 0)
			continue;
		for (i = (size_t)a->start_index; i <= (size_t)a->end_index && i < nchars; i++)
			bold[i] = true;
	}
	poppler_page_free_text_attributes(attrs);
	return bold;
}

struct wordbuf {
	const char *s, *e; /* bytes of the word in the page text, s == NULL: none */
	double x0, y0, x1, y1;
	bool bold;
};

static void put_word(struct lay_words *out, struct wordbuf *b, int pno, double ph)
{
	struct lay_word *w;

	if (!b->s)
		return;
	w = lay_add_word(out, b->s, (size_t)(b->e - b->s), b->x0, b->y0, b->x1, b->y1, pno, ph);
	if (w)
		w->bold = b->bold;
	b->s = NULL;
}

/* Characters of the text layer into words, split at spaces and at jumps. */
static void page_words(PopplerPage *page, int pno, double ph, struct lay_words *out, size_t *nchars)
{
	gchar *text = poppler_page_get_text(page);
	PopplerRectangle *rects = NULL;
	guint nrects = 0, idx = 0;
	const char *p;
	struct wordbuf b = {0};
	bool *bold;

	*nchars = 0;
	if (!text)
		return;
	if (!poppler_page_get_text_layout(page, &rects, &nrects))
		nrects = 0;
	bold = bold_chars(page, nrects);
	for (p = text; *p && out->n < MAX_WORDS; idx++) {
		gunichar ch = g_utf8_get_char_validated(p, -1);
		const char *nx;
		PopplerRectangle *r = idx < nrects ? &rects[idx] : NULL;
		double rx0 = 0, ry0 = 0, rx1 = 0, ry1 = 0, h = b.y1 - b.y0;
		bool space;

		if (ch == (gunichar)-1 || ch == (gunichar)-2)
			break;
		nx = g_utf8_next_char(p);
		space = !r || g_unichar_isspace(ch) || ch < 0x20 || (ch >= 0x7f && ch < 0xa0) ||
			ch == 0xfeff || ch == 0xfffd;
		if (r) {
			rx0 = fmin(r->x1, r->x2);
			rx1 = fmax(r->x1, r->x2);
			ry0 = fmin(r->y1, r->y2);
			ry1 = fmax(r->y1, r->y2);
		}
		/* A glyph far right of the word, or on another line, starts a new one
		 * even when the text has no space there (cells side by side). */
		if (b.s && !space &&
		    (rx0 - b.x1 > 0.3 * h || rx1 < b.x0 ||
		     fabs((ry0 + ry1) / 2 - (b.y0 + b.y1) / 2) > 0.5 * h))
			put_word(out, &b, pno, ph);
		if (space) {
			put_word(out, &b, pno, ph);
		} else if (!b.s) {
			b.s = p;
			b.e = nx;
			b.x0 = rx0;
			b.y0 = ry0;
			b.x1 = rx1;
			b.y1 = ry1;
			b.bold = bold[idx];
			++*nchars;
		} else {
			b.e = nx;
			b.x0 = fmin(b.x0, rx0);
			b.y0 = fmin(b.y0, ry0);
			b.x1 = fmax(b.x1, rx1);
			b.y1 = fmax(b.y1, ry1);
			b.bold = b.bold && bold[idx];
			++*nchars;
		}
		p = nx;
	}
	put_word(out, &b, pno, ph);
	free(bold);
	g_free(rects);
	g_free(text);
}

/*
 * Renders a page at up to 300 dpi, less when the page would exceed
 * limits->max_pixels, into an OCR page image (coloured ink whitened). A page
 * so large that even 70 dpi would not fit is refused: a bomb, or nothing OCR
 * could read. Returns 0, or -1 with err set.
 */
static int render_page(PopplerPage *page, const char *path, int pno, double pw, double ph,
		       const struct doc_limits *lim, struct ocr_image *im, struct sb *err)
{
	double scale = 300.0 / 72.0, px;
	cairo_surface_t *s = NULL;
	cairo_t *cr;
	int w, h, dpi, rc = -1;

	px = pw * scale * ph * scale;
	if (lim->max_pixels && px > (double)lim->max_pixels)
		scale *= sqrt((double)lim->max_pixels / px);
	if (pw * scale > 30000)
		scale = 30000 / pw;
	if (ph * scale > 30000)
		scale = 30000 / ph;
	if (scale * 72.0 < 70.0) {
		sb_addf(err,
			"%s: page %d is %.0f x %.0f points, too large to render for OCR within "
			"the limit of %zu pixels",
			path, pno + 1, pw, ph, lim->max_pixels);
		return -1;
	}
	w = (int)(pw * scale);
	h = (int)(ph * scale);
	dpi = (int)(scale * 72.0 + 0.5);
	if (w < 1 || h < 1) {
		sb_addf(err, "%s: page %d has no area", path, pno + 1);
		return -1;
	}
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		sb_addf(err, "%s: page %d: cannot make a %d x %d image to render it", path, pno + 1,
			w, h);
		goto out;
	}
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	poppler_page_render_for_printing(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	ocr_image_from_rgb(im, (const uint32_t *)(const void *)cairo_image_surface_get_data(s), w,
			   h, (size_t)cairo_image_surface_get_stride(s) / 4, 16, 8, 0, dpi);
	rc = 0;
out:
	cairo_surface_destroy(s);
	return rc;
}

/*
 * A text layer of a line or two over an image covering most of the page (a
 * scan that signing software captioned) is not the page's text: the page is
 * OCR'd like one without a text layer.
 */
static bool caption_only(PopplerPage *page, const struct lay_words *w, size_t first, double pw,
			 double ph)
{
	GList *maps, *it;
	double ys[3], area = 0;
	size_t k, nl = 0, j;

	for (k = first; k < w->n && nl < 3; k++) {
		double c = (w->v[k].y0 + w->v[k].y1) / 2, hh = w->v[k].y1 - w->v[k].y0;

		for (j = 0; j < nl && fabs(ys[j] - c) > 0.5 * hh; j++)
			;
		if (j == nl)
			ys[nl++] = c;
	}
	if (nl > 2)
		return false;
	maps = poppler_page_get_image_mapping(page);
	for (it = maps; it; it = it->next) {
		PopplerImageMapping *m = it->data;

		area += fabs((m->area.x2 - m->area.x1) * (m->area.y2 - m->area.y1));
	}
	poppler_page_free_image_mapping(maps);
	return area >= 0.5 * pw * ph;
}

/* OCRs the rendered pages waiting in images[0, *n) and releases them. */
static int flush_ocr(struct ocr_pool *pool, const char *path, struct ocr_image *images,
		     const int *pages, size_t *n, size_t total, const struct doc_limits *lim,
		     time_t deadline, struct lay_words *words, struct sb *err)
{
	int rc = *n ? ocr_pool_run(pool, path, images, pages, *n, total, lim, deadline, words, err)
		    : 0;

	while (*n)
		ocr_image_release(&images[--*n]);
	return rc;
}

static PopplerDocument *open_pdf(const char *path, const char *data, size_t len, struct sb *err)
{
	GBytes *bytes = g_bytes_new_static(data, len);
	GError *gerr = NULL;
	PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &gerr);

	g_bytes_unref(bytes);
	if (pd)
		return pd;
	if (gerr && g_error_matches(gerr, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
		sb_addf(err,
			"%s: the PDF is password-protected; remove the password and import it "
			"again",
			path);
	else
		sb_addf(err, "%s: not a readable PDF (damaged or truncated: %s)", path,
			gerr && gerr->message ? gerr->message : "unknown error");
	if (gerr)
		g_error_free(gerr);
	return NULL;
}

struct doc *pdf_read_opts(const char *path, const char *data, size_t len,
			  const struct doc_limits *lim, bool allow_ocr, struct sb *err)
{
	PopplerDocument *pd = NULL;
	struct lay_words words = {0};
	struct ocr_pool *pool = NULL;
	struct ocr_image *imgs = NULL;
	int *pnum = NULL;
	size_t nimg = 0, batch = 1;
	struct sb text = SB_INIT, sub = SB_INIT;
	struct doc *d = NULL;
	time_t deadline = 0;
	int n, i, ocr_pages = 0;

	if (!lim)
		lim = &doc_default_limits;
	if (len == 0) {
		sb_addf(err, "%s: the file is empty", path);
		goto out;
	}
	if (lim->max_bytes && len > lim->max_bytes) {
		sb_addf(err, "%s: the file is %zu bytes, over the limit of %zu", path, len,
			lim->max_bytes);
		goto out;
	}
	if (lim->max_seconds)
		deadline = time(NULL) + (time_t)lim->max_seconds;
	pd = open_pdf(path, data, len, err);
	if (!pd)
		goto out;
	n = poppler_document_get_n_pages(pd);
	if (n <= 0) {
		sb_addf(err, "%s: the PDF has no pages", path);
		goto out;
	}
	if (lim->max_pages && (size_t)n > lim->max_pages) {
		sb_addf(err, "%s: the PDF has %d pages, over the limit of %zu", path, n,
			lim->max_pages);
		goto out;
	}
	for (i = 0; i < n; i++) {
		PopplerPage *page = poppler_document_get_page(pd, i);
		double pw = 0, ph = 0;
		size_t nchars = 0, first = words.n;

		if (deadline && time(NULL) >= deadline) {
			sb_addf(err,
				"%s: reading took longer than the limit of %u seconds (at page %d "
				"of %d)",
				path, lim->max_seconds, i + 1, n);
			if (page)
				g_object_unref(page);
			goto out;
		}
		if (!page) {
			sb_addf(err, "%s: page %d cannot be read (damaged PDF)", path, i + 1);
			goto out;
		}
		poppler_page_get_size(page, &pw, &ph);
		if (!(pw > 0 && ph > 0 && pw < 1e7 && ph < 1e7)) {
			sb_addf(err, "%s: page %d has an impossible size (%g x %g points)", path,
				i + 1, pw, ph);
			g_object_unref(page);
			goto out;
		}
		page_words(page, i, ph, &words, &nchars);
		if (words.n >= MAX_WORDS) {
			sb_addf(err, "%s: more than %d words: not a plan", path, MAX_WORDS);
			g_object_unref(page);
			goto out;
		}
		/* A page with hardly any text layer is a scan: OCR it. */
		if (nchars < 8 || caption_only(page, &words, first, pw, ph)) {
			if (!allow_ocr) {
				sb_addf(err, "%s: page %d has no text layer (OCR is off)", path,
					i + 1);
				g_object_unref(page);
				goto out;
			}
			while (words.n > first)
				free(words.v[--words.n].text);
			if (!pool) {
				pool = ocr_pool_new();
				batch = ocr_pool_threads(pool);
				imgs = xcalloc(batch, sizeof(*imgs));
				pnum = xcalloc(batch, sizeof(*pnum));
			}
			if (render_page(page, path, i, pw, ph, lim, &imgs[nimg], err) < 0) {
				g_object_unref(page);
				goto out;
			}
			pnum[nimg++] = i;
			if (nimg == batch && flush_ocr(pool, path, imgs, pnum, &nimg, (size_t)n, lim,
						       deadline, &words, err) < 0) {
				g_object_unref(page);
				goto out;
			}
			ocr_pages++;
		} else if (n > 1) {
			ocr_progress(lim, path, "page", (size_t)i + 1, (size_t)n);
		}
		g_object_unref(page);
	}
	if (flush_ocr(pool, path, imgs, pnum, &nimg, (size_t)n, lim, deadline, &words, err) < 0)
		goto out;
	if (ocr_pages) {
		d = ocr_finish(path, &words, lim, err);
		goto out;
	}
	lay_build_text(&words, &text);
	if (!text.len) {
		sb_addf(err, "%s: the PDF holds no text", path);
		goto out;
	}
	d = text_read(path, text.buf, text.len, lim, &sub);
	if (!d) {
		sb_add(err, sub.buf, sub.len);
		goto out;
	}
	d->reader = "pdf";
out:
	if (pd)
		g_object_unref(pd);
	while (nimg)
		ocr_image_release(&imgs[--nimg]);
	free(imgs);
	free(pnum);
	ocr_pool_free(pool);
	lay_words_free(&words);
	sb_release(&text);
	sb_release(&sub);
	return d;
}

struct doc *pdf_read(const char *path, const char *data, size_t len,
		     const struct doc_limits *limits, struct sb *err)
{
	return pdf_read_opts(path, data, len, limits, true, err);
}
