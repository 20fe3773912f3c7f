/*
 * ocr.c - the OCR reader: images (PNG, JPEG, TIFF) read with leptonica and
 * recognised by Tesseract with Debian's Vietnamese model, and the OCR of PDF
 * pages rendered by pdf.c (see ocr.h).
 *
 * Tesseract gives words with their boxes; they go through the same page
 * layout as a PDF text layer (lay_build_text), so a scanned table comes back
 * as table rows when its columns line up. An image's declared size is
 * checked against limits->max_pixels before anything is decoded, so a small
 * file that claims a huge picture is refused cheaply; OCR stops at the
 * wall-clock budget limits->max_seconds.
 */
#include "base/compat.h"
#include "ingest/ocr.h"
#include "ingest/ingest.h"
#include "ingest/doc.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <dlfcn.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <unistd.h>
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>
#include <utf8proc.h>

struct ocr {
	TessBaseAPI *api;
};

void ocr_progress(const struct doc_limits *lim, const char *path, const char *what, size_t done,
		  size_t total)
{
	if (lim && lim->progress)
		lim->progress(lim->progress_arg, path, what, done, total);
}

/*
 * Pages run in parallel, one engine per thread; an engine that also spread
 * its work over every core (Tesseract is built with OpenMP) only fights the
 * others: measured on one page, twice the CPU time and six times the system
 * time. OMP_THREAD_LIMIT is read when libgomp loads, too early for us, so
 * OpenMP's parallel regions are made inactive through its API, found at run
 * time (a Tesseract built without OpenMP has none).
 */
static void one_thread_per_engine(void)
{
	void *sym = dlsym(RTLD_DEFAULT, "omp_set_max_active_levels");
	void (*set_levels)(int);

	if (!sym)
		return;
	memcpy(&set_levels, &sym, sizeof(set_levels));
	set_levels(0);
}

struct ocr *ocr_open(const char *path, struct sb *err)
{
	struct ocr *o = xcalloc(1, sizeof(*o));

	one_thread_per_engine();
	o->api = TessBaseAPICreate();
	if (!o->api || TessBaseAPIInit3(o->api, NULL, "vie") != 0) {
		sb_addf(err,
			"%s: cannot start OCR: Tesseract's Vietnamese model is missing "
			"(install tesseract-ocr-vie)",
			path);
		ocr_close(o);
		return NULL;
	}
	/* Tesseract's notes on stderr ("Estimating resolution...") are noise here. */
	TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");
	return o;
}

void ocr_close(struct ocr *o)
{
	if (!o)
		return;
	if (o->api) {
		TessBaseAPIEnd(o->api);
		TessBaseAPIDelete(o->api);
	}
	free(o);
}

/*
 * Coloured ink is not the print: a pixel whose channels differ widely (red
 * stamps and seals, blue or violet pens) is whitened, and counted in its
 * cell of the ink map; a cell with a few such pixels is inked. Grey and
 * black (the print, JPEG noise around it) have channels close together.
 */
void ocr_image_from_rgb(struct ocr_image *im, const uint32_t *px, int w, int h, size_t stride,
			int rshift, int gshift, int bshift, int dpi)
{
	unsigned char *sat = xmalloc((size_t)w * (size_t)h);
	unsigned *count;
	int x, y, i, dx, dy;

	im->w = w;
	im->h = h;
	im->dpi = dpi;
	im->iw = (w + OCR_INK_CELL - 1) / OCR_INK_CELL;
	im->ih = (h + OCR_INK_CELL - 1) / OCR_INK_CELL;
	im->gray = xmalloc((size_t)w * (size_t)h);
	im->ink = xcalloc((size_t)im->iw * (size_t)im->ih, 1);
	count = xcalloc((size_t)im->iw * (size_t)im->ih, sizeof(*count));
	for (y = 0; y < h; y++) {
		const uint32_t *row = px + (size_t)y * stride;

		for (x = 0; x < w; x++) {
			int r = (int)((row[x] >> rshift) & 0xff), g = (int)((row[x] >> gshift) & 0xff);
			int b = (int)((row[x] >> bshift) & 0xff);
			int hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
			int lo = r < g ? (r < b ? r : b) : (g < b ? g : b);

			sat[(size_t)y * (size_t)w + (size_t)x] = (unsigned char)(hi - lo);
			im->gray[(size_t)y * (size_t)w + (size_t)x] =
			    (unsigned char)((r * 299 + g * 587 + b * 114) / 1000);
		}
	}
	/* Ink's soft edges are paler: a faintly coloured pixel within two of a
	 * strongly coloured one goes with it. */
	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++) {
			size_t at = (size_t)y * (size_t)w + (size_t)x;
			bool ink = sat[at] >= 60;

			for (dy = -2; !ink && sat[at] >= 20 && dy <= 2; dy++)
				for (dx = -2; !ink && dx <= 2; dx++)
					ink = y + dy >= 0 && y + dy < h && x + dx >= 0 && x + dx < w &&
					      sat[(size_t)(y + dy) * (size_t)w + (size_t)(x + dx)] >= 60;
			if (!ink)
				continue;
			im->gray[at] = OCR_INK_GRAY;
			count[(size_t)(y / OCR_INK_CELL) * (size_t)im->iw + (size_t)(x / OCR_INK_CELL)]++;
		}
	}
	for (i = 0; i < im->iw * im->ih; i++)
		im->ink[i] = count[i] >= 6;
	free(count);
	free(sat);
}

void ocr_image_release(struct ocr_image *im)
{
	free(im->gray);
	free(im->ink);
	memset(im, 0, sizeof(*im));
}

/*
 * The share of the word's box (shrunk by a tenth) in inked cells: 0 when
 * no coloured ink lay there; near 1 for what OCR made of the ink itself.
 */
static double inked(const struct ocr_image *im, int l, int t, int r, int b)
{
	int dx = (r - l) / 10, dy = (b - t) / 10, x, y, n = 0, ink = 0;

	if (!im->ink)
		return 0;
	l = (l + dx) / OCR_INK_CELL;
	r = (r - dx) / OCR_INK_CELL;
	t = (t + dy) / OCR_INK_CELL;
	b = (b - dy) / OCR_INK_CELL;
	for (y = t < 0 ? 0 : t; y <= b && y < im->ih; y++)
		for (x = l < 0 ? 0 : l; x <= r && x < im->iw; x++, n++)
			ink += im->ink[(size_t)y * (size_t)im->iw + (size_t)x];
	return n ? (double)ink / n : 0;
}

/*
 * Text blocks first. Tesseract's page layout analysis (the same analysis
 * its automatic page segmentation runs) sorts a page into blocks: text,
 * images, lines. A stamp, a seal, a signature or a photo comes out as an
 * image block, its frame as horizontal and vertical line blocks around it.
 * Those are the page's non-text regions: an image block, grown by the line
 * blocks and the other image blocks it touches (a stamp's frame and its
 * inside). A region larger than PAGE_SHARE_MAX of the page is no stamp (a
 * photograph page, a table the analysis took for a picture) and is left
 * alone: the heuristics below read such pages as before.
 */
struct region {
	int l, t, r, b;
};

struct regions {
	VEC(struct region) v;
};

#define PAGE_SHARE_MAX 0.4

static bool touches(const struct region *a, const struct region *b, int gap)
{
	return a->l - gap <= b->r && b->l - gap <= a->r && a->t - gap <= b->b &&
	       b->t - gap <= a->b;
}

static void grow(struct region *a, const struct region *b)
{
	a->l = a->l < b->l ? a->l : b->l;
	a->t = a->t < b->t ? a->t : b->t;
	a->r = a->r > b->r ? a->r : b->r;
	a->b = a->b > b->b ? a->b : b->b;
}

static void layout_regions(struct ocr *o, const struct ocr_image *im, struct regions *out)
{
	VEC(struct region) lines = { 0 };
	TessPageIterator *it;
	int dpi = im->dpi > 0 ? im->dpi : 300, gap = dpi / 30;
	bool *used, grew;
	size_t i, j, k;

	TessBaseAPISetPageSegMode(o->api, PSM_AUTO);
	TessBaseAPISetImage(o->api, im->gray, im->w, im->h, 1, im->w);
	TessBaseAPISetSourceResolution(o->api, dpi);
	it = TessBaseAPIAnalyseLayout(o->api);
	if (it) {
		do {
			struct region r;
			TessPolyBlockType ty = TessPageIteratorBlockType(it);

			if (!TessPageIteratorBoundingBox(it, RIL_BLOCK, &r.l, &r.t, &r.r, &r.b))
				continue;
			if (ty == PT_FLOWING_IMAGE || ty == PT_HEADING_IMAGE ||
			    ty == PT_PULLOUT_IMAGE)
				*VEC_PUSH(&out->v) = r;
			else if (ty == PT_HORZ_LINE || ty == PT_VERT_LINE)
				*VEC_PUSH(&lines) = r;
		} while (TessPageIteratorNext(it, RIL_BLOCK));
		TessPageIteratorDelete(it);
	}
	TessBaseAPIClear(o->api);
	used = xcalloc(lines.n + 1, sizeof(*used));
	do {
		grew = false;
		for (i = 0; i < out->v.n; i++) {
			for (j = 0; j < lines.n; j++)
				if (!used[j] && touches(&out->v.v[i], &lines.v[j], gap)) {
					grow(&out->v.v[i], &lines.v[j]);
					used[j] = grew = true;
				}
			for (j = i + 1; j < out->v.n; j++)
				if (touches(&out->v.v[i], &out->v.v[j], gap)) {
					grow(&out->v.v[i], &out->v.v[j]);
					out->v.v[j--] = out->v.v[--out->v.n];
					grew = true;
				}
		}
	} while (grew);
	for (i = k = 0; i < out->v.n; i++) {
		struct region *r = &out->v.v[i];

		if ((double)(r->r - r->l) * (r->b - r->t) > PAGE_SHARE_MAX * im->w * im->h)
			continue;
		/* The analysis cuts a tilted stamp's corners: a margin. */
		r->l -= gap;
		r->t -= gap;
		r->r += gap;
		r->b += gap;
		out->v.v[k++] = *r;
	}
	out->v.n = k;
	free(used);
	free(lines.v);
}

/* The share of the box in the regions (0 outside, 1 wholly inside one). */
static double region_share(const struct regions *rg, int l, int t, int r, int b)
{
	double area = (double)(r - l) * (b - t), best = 0;
	size_t i;

	if (!rg || area <= 0)
		return 0;
	for (i = 0; i < rg->v.n; i++) {
		const struct region *g = &rg->v.v[i];
		double ix = fmin(r, g->r) - fmax(l, g->l), iy = fmin(b, g->b) - fmax(t, g->t);

		if (ix > 0 && iy > 0 && ix * iy / area > best)
			best = ix * iy / area;
	}
	return best;
}

/*
 * Table rules and frames confuse Tesseract: it reads them as "|", "_" or
 * glues them to the letters they touch. Dark runs, across or down, longer
 * than any glyph (a third of an inch) are painted white, with the grey
 * fringe one pixel either side, on a copy of the image.
 */
/* Adds a vertical run at x over [y0, y1) to the rules, joined to the rule it widens. */
static void add_rule(struct lay_words *words, int page, int x, int y0, int y1)
{
	size_t i, n = words->rules.n;
	struct lay_rule *r;

	for (i = n; i > 0 && i + 20 > n; i--) {
		r = &words->rules.v[i - 1];
		if (r->page == page && x - r->x <= 4 && r->y0 < y1 && (double)y0 < r->y1) {
			r->y0 = fmin(r->y0, y0);
			r->y1 = fmax(r->y1, y1);
			return;
		}
	}
	r = VEC_PUSH(&words->rules);
	r->page = page;
	r->x = x;
	r->y0 = y0;
	r->y1 = y1;
}

static unsigned char *erase_rules(const unsigned char *in, int w, int h, int stride, int dpi,
				  const struct regions *rg, bool *table, struct lay_words *rules,
				  int page)
{
	unsigned char *out = xmalloc((size_t)w * (size_t)h);
	int minlen = (dpi > 0 ? dpi : 300) / 3, stub = (dpi > 0 ? dpi : 300) / 5, x, y, run, k;
	int dark;

	for (y = 0; y < h; y++)
		memcpy(out + (size_t)y * (size_t)w, in + (size_t)y * (size_t)stride, (size_t)w);
#define IN(xx, yy) in[(size_t)(yy) * (size_t)stride + (size_t)(xx)]
#define OUT(xx, yy) out[(size_t)(yy) * (size_t)w + (size_t)(xx)]
	for (y = 0; y < h; y++) {
		for (x = 0, run = 0; x <= w; x++) {
			if (x < w && IN(x, y) < 160) {
				run++;
				continue;
			}
			if (run >= minlen)
				for (k = x - run; k < x; k++) {
					OUT(k, y) = 255;
					if (y > 0 && IN(k, y - 1) < 220)
						OUT(k, y - 1) = 255;
					if (y + 1 < h && IN(k, y + 1) < 220)
						OUT(k, y + 1) = 255;
				}
			run = 0;
		}
	}
	for (x = 0; x < w; x++) {
		for (y = 0, run = 0, dark = 0; y <= h; y++) {
			/* A rule runs on under a stamp or seal (its ink whitened to
			 * OCR_INK_GRAY) as long as most of it is print. */
			if (y < h && (IN(x, y) < 160 || (IN(x, y) == OCR_INK_GRAY && run))) {
				run++;
				dark += IN(x, y) < 160;
				continue;
			}
			while (run && IN(x, y - 1) == OCR_INK_GRAY) {
				run--; /* ink after the rule's end is not the rule */
				y--;
			}
			if (2 * dark < run)
				run = 0;
			dark = 0;
			/* A stamp's frame (inside a non-text region) is erased
			 * like a rule but makes no table. */
			if (run >= minlen && region_share(rg, x, y - run, x + 1, y) < 0.5) {
				*table = true; /* a vertical rule: a ruled table */
				/* A column border is longer than the side of a grey
				 * seal's ring, which runs straight for about 1 cm. */
				if (run >= 2 * minlen)
					add_rule(rules, page, x, y - run, y);
			}
			/* A table's stub on a page it ends on (one line high) is
			 * shorter, still taller than any letter's stem. */
			if (run >= stub)
				for (k = y - run; k < y; k++) {
					OUT(x, k) = 255;
					if (x > 0 && IN(x - 1, k) < 220)
						OUT(x - 1, k) = 255;
					if (x + 1 < w && IN(x + 1, k) < 220)
						OUT(x + 1, k) = 255;
				}
			run = 0;
		}
	}
#undef IN
#undef OUT
	return out;
}

/* Rule debris a word may still carry: "|", "_", brackets at its ends. */
static bool is_debris(unsigned char c)
{
	return c == '|' || c == '_' || c == '[' || c == ']' || c == '{' || c == '}' || c == '!';
}

/*
 * A word is kept with its box; one written across the page's lines (a
 * margin note turned sideways: much taller than wide over several letters)
 * is not print and is left out. A doubtful word carries OCR_DOUBT_MARK.
 */
static void add_ocr_word(struct lay_words *words, const char *t, int l, int tp, int r, int b,
			 int page, int h, bool doubt, bool lost)
{
	size_t len = strlen(t);
	struct lay_word *w;

	while (len && is_debris((unsigned char)*t)) {
		t++;
		len--;
	}
	while (len && is_debris((unsigned char)t[len - 1]) && t[len - 1] != '!')
		len--;
	if (!len || (utf8_length(t, len) >= 3 && b - tp > 2 * (r - l)))
		return;
	w = lay_add_word(words, t, len, l, tp, r, b, page, h);
	if (w && doubt) {
		struct sb m = SB_INIT;

		sb_add(&m, w->text, w->len);
		sb_adds(&m, " " OCR_DOUBT_MARK);
		if (lost)
			sb_adds(&m, " " OCR_LOST_MARK);
		free(w->text);
		w->len = m.len;
		w->text = sb_detach(&m);
		w->doubt = true;
	}
}

/* A word as Tesseract read it, before it is judged. */
struct raw_word {
	char *text;
	int l, t, r, b;
	float conf;
	double ink; /* share of the box on coloured ink (inked()) */
	double region; /* share of the box in a non-text region */
	bool drop, doubt;
	bool lost; /* kept, and the nearest kept word to a dropped word on its line */
};

static bool same_line(const struct raw_word *a, const struct raw_word *b)
{
	int ca = (a->t + a->b) / 2, cb = (b->t + b->b) / 2;

	return ca >= b->t && ca <= b->b && cb >= a->t && cb <= a->b;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The horizontal gap between two words (0 when they overlap). */
static int gap_between(const struct raw_word *a, const struct raw_word *b)
{
	int g = a->l > b->r ? a->l - b->r : b->l > a->r ? b->l - a->r : 0;

	return g;
}

/*
 * Print runs on through a stamp: a line of the page enters the region from
 * outside, word after word. A word in a region is anchored when a chain of
 * words on its line, each within a few letter heights of the next, links it
 * to a word outside every region; the chain may pass through words too
 * damaged to keep. A stamp's own words (its title, a hand-written number or
 * date) sit apart from the print and are not anchored.
 */
static void anchor_words(const struct raw_word *v, size_t n, int med, bool *anchored)
{
	size_t i, j;
	bool more = true;

	for (i = 0; i < n; i++)
		anchored[i] = v[i].region < 0.5;
	while (more) {
		more = false;
		for (i = 0; i < n; i++)
			for (j = 0; j < n && !anchored[i]; j++)
				if (anchored[j] && same_line(&v[i], &v[j]) &&
				    gap_between(&v[i], &v[j]) <= 3 * med)
					anchored[i] = more = true;
	}
}

/*
 * A word dropped under a stamp, a seal or ink on a line of print leaves the
 * line short (the seal over "Đơn vị phối hợp: Sở Công Thương" leaves "Đơn
 * Thương"): the nearest kept word on its line is marked lost, so that the
 * field the line was read into, or the one its label named, is doubted.
 * Specks and words alone on their line (a stamp's own) mark nothing.
 */
static void mark_lost(struct raw_word *v, size_t n)
{
	size_t i, j, best;
	int gap;

	for (i = 0; i < n; i++) {
		if (!v[i].drop || (v[i].region < 0.5 && v[i].ink < 0.5))
			continue;
		best = n;
		gap = INT_MAX;
		for (j = 0; j < n; j++)
			if (!v[j].drop && same_line(&v[i], &v[j]) && gap_between(&v[i], &v[j]) < gap) {
				gap = gap_between(&v[i], &v[j]);
				best = j;
			}
		if (best < n) {
			v[best].lost = true;
			v[best].doubt = true;
		}
	}
}

/*
 * Which words are print. A word mostly on coloured ink and read with little
 * confidence is the ink's remains; print under ink is kept, doubtful. A
 * word inside a non-text region (layout_regions()) is the region's own (a
 * stamp's printed words, hand-written numbers, a seal's ring text) unless
 * it reads like the page's print: anchored to the print outside, read with
 * confidence and as tall as the words outside the regions (a stamp's
 * letters are smaller, hand-writing is larger). Print kept there is
 * doubtful, and so is every word on a line a region touches.
 */
static void judge_words(struct raw_word *v, size_t n)
{
	int *hs = xcalloc(n + 1, sizeof(*hs)), med = 0;
	bool *anchored = xcalloc(n + 1, sizeof(*anchored));
	size_t i, j, m = 0;

	for (i = 0; i < n; i++)
		if (v[i].region == 0)
			hs[m++] = v[i].b - v[i].t;
	if (m) {
		qsort(hs, m, sizeof(*hs), cmp_int);
		med = hs[m / 2];
	}
	anchor_words(v, n, med, anchored);
	for (i = 0; i < n; i++) {
		struct raw_word *w = &v[i];
		int h = w->b - w->t;

		w->drop = w->ink >= 0.5 && w->conf < 60;
		w->doubt = w->ink > 0 || w->region > 0;
		if (w->region >= 0.5 &&
		    (!anchored[i] || w->conf < 65 || !med || h < 0.6 * med || h > 1.6 * med))
			w->drop = true;
		/* Specks: a letter or two, a fraction of a line high, read with
		 * little confidence (what erasing a frame or a rule leaves). */
		if (med && h < 0.4 * med && w->conf < 50 && utf8_length(w->text, strlen(w->text)) <= 2)
			w->drop = true;
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < n && !v[i].drop && !v[i].doubt; j++)
			if (v[j].region > 0 && same_line(&v[i], &v[j]))
				v[i].doubt = true;
	mark_lost(v, n);
	free(hs);
	free(anchored);
}

/*
 * A stamp or seal the layout analysis took out of the text leaves a hole in
 * the lines it covers: Tesseract reads nothing inside it, so no word is
 * dropped, the line just jumps over it ("Đơn [seal] Thương, các doanh
 * nghiệp"). A gap between two kept words of a line, wider than a letter
 * height and mostly inside a non-text region, marks the word before it
 * lost (and doubtful).
 */
static void mark_region_gaps(struct raw_word *v, size_t n, const struct regions *rg)
{
	size_t i, j, next;

	if (!rg || !rg->v.n)
		return;
	for (i = 0; i < n; i++) {
		int h = v[i].b - v[i].t, t, b;

		if (v[i].drop || h <= 0)
			continue;
		next = n;
		for (j = 0; j < n; j++)
			if (j != i && !v[j].drop && v[j].l >= v[i].r && same_line(&v[i], &v[j]) &&
			    (next == n || v[j].l < v[next].l))
				next = j;
		if (next == n || v[next].l - v[i].r <= h)
			continue;
		t = v[i].t > v[next].t ? v[i].t : v[next].t;
		b = v[i].b < v[next].b ? v[i].b : v[next].b;
		if (b > t && region_share(rg, v[i].r, t, v[next].l, b) >= 0.5) {
			v[i].lost = true;
			v[i].doubt = true;
		}
	}
}

/* One Tesseract pass over the image with a page segmentation mode. */
static int recognize(struct ocr *o, const char *path, const struct ocr_image *im,
		     const unsigned char *img, const struct regions *rg, TessPageSegMode psm,
		     int page, time_t deadline, struct lay_words *words, struct sb *err)
{
	ETEXT_DESC *mon = TessMonitorCreate();
	TessResultIterator *it = NULL;
	TessPageIterator *pit;
	VEC(struct raw_word) raw = { 0 };
	size_t i;
	int rc = -1;

	TessBaseAPISetPageSegMode(o->api, psm);
	TessBaseAPISetImage(o->api, img, im->w, im->h, 1, im->w);
	TessBaseAPISetSourceResolution(o->api, im->dpi > 0 ? im->dpi : 300);
	if (deadline) {
		double ms = difftime(deadline, time(NULL)) * 1000.0;

		TessMonitorSetDeadlineMSecs(mon, ms > INT_MAX ? INT_MAX : ms < 1 ? 1 : (int)ms);
	}
	if (TessBaseAPIRecognize(o->api, mon) != 0 || (deadline && time(NULL) >= deadline)) {
		if (deadline && time(NULL) >= deadline)
			sb_addf(err, "%s: OCR ran over the time limit (at page %d)", path,
				page + 1);
		else
			sb_addf(err, "%s: OCR failed on page %d", path, page + 1);
		goto out;
	}
	it = TessBaseAPIGetIterator(o->api);
	if (it) {
		pit = TessResultIteratorGetPageIterator(it);
		do {
			char *t = TessResultIteratorGetUTF8Text(it, RIL_WORD);
			struct raw_word w = { 0 };

			if (t && *t && TessPageIteratorBoundingBox(pit, RIL_WORD, &w.l, &w.t, &w.r, &w.b)) {
				w.text = xstrdup(t);
				w.conf = TessResultIteratorConfidence(it, RIL_WORD);
				w.ink = inked(im, w.l, w.t, w.r, w.b);
				w.region = region_share(rg, w.l, w.t, w.r, w.b);
				*VEC_PUSH(&raw) = w;
			}
			TessDeleteText(t);
		} while (TessPageIteratorNext(pit, RIL_WORD));
	}
	judge_words(raw.v, raw.n);
	mark_region_gaps(raw.v, raw.n, rg);
	for (i = 0; i < raw.n; i++)
		if (!raw.v[i].drop)
			add_ocr_word(words, raw.v[i].text, raw.v[i].l, raw.v[i].t, raw.v[i].r,
				     raw.v[i].b, page, im->h, raw.v[i].doubt, raw.v[i].lost);
	rc = 0;
out:
	for (i = 0; i < raw.n; i++)
		free(raw.v[i].text);
	free(raw.v);
	if (it)
		TessResultIteratorDelete(it);
	TessMonitorDelete(mon);
	TessBaseAPIClear(o->api);
	return rc;
}

/*
 * Text written sideways (a margin note in pencil, when no colour gave it
 * away) comes out of Tesseract as a stack of one- or two-letter words, one
 * above the other, closer together than lines of print can be. Stacks of
 * four or more are dropped.
 */
static void drop_sideways(struct lay_words *w)
{
	bool *drop = xcalloc(w->n ? w->n : 1, sizeof(*drop));
	size_t i, j, k, n, *stack = xcalloc(w->n ? w->n : 1, sizeof(*stack));

	for (i = 0; i < w->n; i++) {
		const struct lay_word *a = &w->v[i];
		double h = a->y1 - a->y0;

		if (drop[i] || utf8_length(a->text, a->len) > 2)
			continue;
		stack[0] = i;
		n = 1;
		/* Follow the stack downwards: the next short word under the last. */
		for (k = 0; k < n; k++) {
			const struct lay_word *t = &w->v[stack[k]];

			for (j = 0; j < w->n; j++) {
				const struct lay_word *b = &w->v[j];

				if (j == stack[k] || b->y0 <= t->y0 || n >= w->n ||
				    utf8_length(b->text, b->len) > 2 ||
				    fabs(b->x0 - t->x0) > h || b->y0 < t->y1 - 0.2 * h ||
				    b->y0 - t->y1 > 0.5 * h)
					continue;
				stack[n++] = j;
				break;
			}
		}
		if (n >= 4)
			for (k = 0; k < n; k++)
				drop[stack[k]] = true;
	}
	for (i = j = 0; i < w->n; i++) {
		if (drop[i])
			free(w->v[i].text);
		else
			w->v[j++] = w->v[i];
	}
	w->n = j;
	free(drop);
	free(stack);
}

static bool overlaps(const struct lay_word *a, const struct lay_word *b)
{
	double ix = fmin(a->x1, b->x1) - fmax(a->x0, b->x0);
	double iy = fmin(a->y1, b->y1) - fmax(a->y0, b->y0);
	double aa = (a->x1 - a->x0) * (a->y1 - a->y0), ab = (b->x1 - b->x0) * (b->y1 - b->y0);

	return ix > 0 && iy > 0 && ix * iy > 0.3 * fmin(aa, ab);
}

/*
 * On a page with a ruled table, Tesseract's page layout reads each table
 * row as one wide text line and misjudges its word spaces ("Giámđốc"), so
 * the page is read a second time as sparse text, which keeps the words
 * apart; sparse reading drops lone short marks ("1", "I" in a TT column),
 * which the first pass supplies where the second found nothing.
 */
int ocr_gray(struct ocr *o, const char *path, const struct ocr_image *im, int page, time_t deadline,
	     struct lay_words *words, struct sb *err)
{
	struct lay_words first = {0}, sparse = {0};
	struct regions regions = { 0 };
	unsigned char *clean = NULL;
	bool table = false;
	size_t i, j;
	int rc = -1;

	if (deadline && time(NULL) >= deadline) {
		sb_addf(err, "%s: OCR ran over the time limit (at page %d)", path, page + 1);
		return -1;
	}
	if (im->w < 1 || im->h < 1) {
		sb_addf(err, "%s: page %d: an empty image", path, page + 1);
		return -1;
	}
	layout_regions(o, im, &regions);
	clean = erase_rules(im->gray, im->w, im->h, im->w, im->dpi, &regions, &table, words, page);
	if (recognize(o, path, im, clean, &regions, PSM_SINGLE_BLOCK, page, deadline, &first,
		      err) < 0)
		goto out;
	if (table && recognize(o, path, im, clean, &regions, PSM_SPARSE_TEXT, page, deadline,
			       &sparse, err) < 0)
		goto out;
	drop_sideways(&first);
	drop_sideways(&sparse);
	if (!table) {
		for (i = 0; i < first.n; i++)
			*VEC_PUSH(words) = first.v[i];
		first.n = 0;
	} else {
		for (i = 0; i < first.n; i++) {
			for (j = 0; j < sparse.n && !overlaps(&first.v[i], &sparse.v[j]); j++)
				;
			if (j == sparse.n) {
				*VEC_PUSH(words) = first.v[i];
				first.v[i].text = NULL;
			}
		}
		for (i = 0; i < sparse.n; i++)
			*VEC_PUSH(words) = sparse.v[i];
		sparse.n = 0;
	}
	rc = 0;
out:
	lay_words_free(&first);
	lay_words_free(&sparse);
	free(regions.v.v);
	free(clean);
	return rc;
}

static int roman_value(const char *s)
{
	static const char digits[] = "IVXLC";
	static const int vals[] = {1, 5, 10, 50, 100};
	int total = 0, prev = 0, v;
	size_t i = strlen(s);

	while (i--) {
		const char *d = strchr(digits, s[i]);

		if (!d || !*d)
			return 0;
		v = vals[d - digits];
		total += v < prev ? -v : v;
		if (v > prev)
			prev = v;
	}
	return total > 0 && total < 100 ? total : 0;
}

static void roman_of(int n, struct sb *out)
{
	static const char *const tens[] = {"",	"X",  "XX",  "XXX",  "XL",
					   "L", "LX", "LXX", "LXXX", "XC"};
	static const char *const ones[] = {"",	"I",  "II",  "III",  "IV",
					   "V", "VI", "VII", "VIII", "IX"};

	sb_adds(out, tens[(n / 10) % 10]);
	sb_adds(out, ones[n % 10]);
}

static void reclassify(struct doc_block *b, const struct sb *text);

/* True when s has letters and none of them is lower case (a heading). */
static bool upper_rest(const char *s)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	size_t letters = 0;

	while (*s) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c);
		if (n <= 0)
			return false;
		if (utf8proc_toupper(c) != c)
			return false;
		if (utf8proc_tolower(c) != c)
			letters++;
		s += n;
	}
	return letters >= 3;
}

/* The strokes OCR saw as other letters, as strokes: "TT" -> "II", "H" -> "II". */
static void strokes(const char *t, struct sb *out)
{
	sb_reset(out);
	for (; *t; t++)
		sb_adds(out, *t == 'H' ? "II" : strchr("lT1|!", *t) ? "I" : (char[2]){*t, 0});
}

/* Characters OCR makes of roman numerals' strokes: "IL", "H", "11", "l". */
static bool roman_like(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strchr("IVXLHTl1|", s[i]))
			return false;
	return n > 0 && n <= 5;
}

/*
 * The roman token a heading starts with: its numbering label, or, for an
 * upper-case paragraph OCR left unnumbered ("IL MỤC ĐÍCH", "II NỘI DUNG"
 * without its dot), its first word when made of stroke-like characters.
 */
static bool upper_word(const char *s, size_t len);

static bool roman_token(const struct doc_block *b, struct sb *tok, const char **rest)
{
	const char *t = b->text, *e;

	sb_reset(tok);
	if (b->kind != BLOCK_PARA || !t)
		return false;
	if (b->num == NUM_ROMAN && b->num_label) {
		sb_adds(tok, b->num_label);
		*rest = b->body;
		return true;
	}
	if (b->num != NUM_NONE)
		return false;
	for (e = t; *e && *e != ' ' && *e != '.'; e++)
		;
	/* Strokes, or a short smudge ("lễ") before an upper-case heading. */
	if (!*e || !upper_rest(e) ||
	    !(roman_like(t, (size_t)(e - t)) ||
	      (utf8_length(t, (size_t)(e - t)) <= 2 && !upper_word(t, (size_t)(e - t)))))
		return false;
	sb_add(tok, t, (size_t)(e - t));
	while (*e == '.' || *e == ' ')
		e++;
	*rest = e;
	return *e != 0;
}

/* Gives block b the numbering label, with the rest of its text, and doubt. */
static void renumber(struct doc_block *b, const char *label, const char *sep, const char *rest)
{
	struct sb t = SB_INIT;

	sb_addf(&t, "%s%s%s", label, sep, rest);
	reclassify(b, &t);
	b->doubt = true;
	sb_release(&t);
}

/*
 * Arabic "3.5" read "4.5" between "3.4" and "3.6": a two-level label whose
 * first part differs from both neighbours', which agree, while its second
 * part carries on their sequence, takes their first part.
 */
static void fix_arabic(struct doc *d)
{
	struct sb label = SB_INIT;
	size_t i, prev = SIZE_MAX, j;
	long top = 0;

	for (i = 0; i < d->blocks.n; i++) {
		struct doc_block *b = &d->blocks.v[i];
		long pa, pb, ca, cb, na, nb;
		char *e;

		/* "S. Mục tiêu" after "1. …": a letter OCR made of the next item number. */
		if (b->kind == BLOCK_PARA && b->num == NUM_ROMAN)
			top = 0;
		if (b->kind == BLOCK_PARA && b->num == NUM_ARABIC && b->num_depth == 1)
			top = strtol(b->num_label, NULL, 10);
		else if (b->kind == BLOCK_PARA && b->num == NUM_NONE && top > 0 && b->text &&
			 strchr("SsZz$l", b->text[0]) && b->text[1] == '.' && b->text[2] == ' ' &&
			 b->text[3]) {
			sb_reset(&label);
			sb_addf(&label, "%ld.", ++top);
			renumber(b, label.buf, " ", b->text + 3);
		}

		if (b->kind != BLOCK_PARA || b->num != NUM_ARABIC || b->num_depth != 2)
			continue;
		for (j = i + 1; j < d->blocks.n; j++)
			if (d->blocks.v[j].kind == BLOCK_PARA && d->blocks.v[j].num == NUM_ARABIC &&
			    d->blocks.v[j].num_depth == 2)
				break;
		if (prev != SIZE_MAX && j < d->blocks.n) {
			pa = strtol(d->blocks.v[prev].num_label, &e, 10);
			pb = strtol(e + 1, NULL, 10);
			ca = strtol(b->num_label, &e, 10);
			cb = strtol(e + 1, NULL, 10);
			na = strtol(d->blocks.v[j].num_label, &e, 10);
			nb = strtol(e + 1, NULL, 10);
			if (ca != pa && pa == na && cb == pb + 1 && nb == cb + 1) {
				sb_reset(&label);
				sb_addf(&label, "%ld.%ld.", pa, cb);
				renumber(b, label.buf, " ", b->body);
			}
		}
		prev = i;
	}
	sb_release(&label);
}

/* The first cell of row r, or NULL. */
static struct doc_cell *tt_cell(struct doc_table *t, size_t r)
{
	return r < t->rows.n && t->rows.v[r].cells.n ? &t->rows.v[r].cells.v[0] : NULL;
}

static bool all_digits(const char *s)
{
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/*
 * A table's number column: a short non-number ("&" for "3") between n and
 * n + 2, or before a section row or the table's end, is n + 1 (doubtful).
 */
static void fix_tt(struct doc_block *b)
{
	struct doc_table *t = b->table;
	long prev = 0;
	size_t r;
	char num[24];

	for (r = 0; r < t->rows.n; r++) {
		struct doc_cell *c = tt_cell(t, r), *n;
		const char *x = c && c->text ? c->text : "";

		if (!*x)
			continue;
		if (all_digits(x)) {
			prev = strtol(x, NULL, 10);
			continue;
		}
		if (roman_like(x, strlen(x))) {
			prev = 0; /* a section row: numbers start again */
			continue;
		}
		if (!prev || utf8_length(x, strlen(x)) > 2 || isalpha((unsigned char)x[0]))
			continue;
		n = tt_cell(t, r + 1);
		if (n && n->text && *n->text &&
		    !(all_digits(n->text) && strtol(n->text, NULL, 10) == prev + 2) &&
		    !roman_like(n->text, strlen(n->text)))
			continue;
		snprintf(num, sizeof(num), "%ld", ++prev);
		free(c->text);
		c->text = xstrdup(num);
		c->doubt = true;
		b->doubt = true;
	}
}

/*
 * Roman headings: the n-th of a sequence should read n. A heading whose
 * token repeats the number before it, jumps past the next one or is no
 * numeral at all ("IL", "H"), while one stroke away from the next one, is
 * renumbered to it and marked doubtful. A smaller number (a list starting
 * again: an appendix's "I.") and a far jump are left alone.
 */
void ocr_fix_sequence(struct doc *d)
{
	struct sb want = SB_INIT, tok = SB_INIT, rest = SB_INIT, norm = SB_INIT;
	size_t i;
	int prev = 0, v;

	for (i = 0; i < d->blocks.n; i++) {
		struct doc_block *b = &d->blocks.v[i];
		const char *r = NULL;

		if (!roman_token(b, &tok, &r))
			continue;
		v = roman_value(tok.buf);
		sb_reset(&want);
		roman_of(prev + 1, &want);
		if (v == prev + 1) {
			/* "IV TỔ CHỨC": the right numeral without its dot. */
			if (b->num == NUM_NONE) {
				sb_reset(&rest);
				sb_adds(&rest, r);
				renumber(b, want.buf, ". ", rest.buf);
			}
			prev = v;
			continue;
		}
		strokes(tok.buf, &norm);
		if ((v == 0 || v >= prev) &&
		    (edit_distance(norm.buf, norm.len, want.buf, want.len, 2) <= 1 ||
		     (v == 0 && !roman_like(tok.buf, tok.len)))) {
			sb_reset(&rest);
			sb_adds(&rest, r);
			renumber(b, want.buf, ". ", rest.buf);
			v = prev + 1;
		}
		if (v)
			prev = v;
	}
	fix_arabic(d);
	for (i = 0; i < d->blocks.n; i++)
		if (d->blocks.v[i].kind == BLOCK_TABLE && d->blocks.v[i].table)
			fix_tt(&d->blocks.v[i]);
	sb_release(&norm);
	sb_release(&want);
	sb_release(&tok);
	sb_release(&rest);
}

static const char *format_name(l_int32 fmt)
{
	switch (fmt) {
	case IFF_PNG:
		return "PNG";
	case IFF_JFIF_JPEG:
		return "JPEG";
	case IFF_TIFF:
	case IFF_TIFF_PACKBITS:
	case IFF_TIFF_RLE:
	case IFF_TIFF_G3:
	case IFF_TIFF_G4:
	case IFF_TIFF_LZW:
	case IFF_TIFF_ZIP:
	case IFF_TIFF_JPEG:
		return "TIFF";
	default:
		return NULL;
	}
}

/*
 * The image as an OCR page: colour images (and palettes) through the ink
 * filter, others as 8-bit grey rows (leptonica keeps bytes in 32-bit words).
 */
static bool pix_image(PIX *pix, int dpi, struct ocr_image *im)
{
	PIX *g;
	l_uint32 *data;
	int wpl, x, y;

	memset(im, 0, sizeof(*im));
	if (pixGetDepth(pix) == 32 || pixGetColormap(pix)) {
		g = pixConvertTo32(pix);
		if (!g)
			return false;
		ocr_image_from_rgb(im, pixGetData(g), pixGetWidth(g), pixGetHeight(g),
				   (size_t)pixGetWpl(g), 24, 16, 8, dpi);
		pixDestroy(&g);
		return true;
	}
	g = pixConvertTo8(pix, 0);
	if (!g)
		return false;
	im->w = pixGetWidth(g);
	im->h = pixGetHeight(g);
	im->dpi = dpi;
	wpl = pixGetWpl(g);
	data = pixGetData(g);
	im->gray = xmalloc((size_t)im->w * (size_t)im->h);
	for (y = 0; y < im->h; y++) {
		l_uint32 *line = data + (size_t)y * (size_t)wpl;

		for (x = 0; x < im->w; x++)
			im->gray[(size_t)y * (size_t)im->w + (size_t)x] =
			    (unsigned char)GET_DATA_BYTE(line, x);
	}
	pixDestroy(&g);
	return true;
}

/*
 * Decodes page n of the image (TIFF files hold several; other formats one)
 * after checking its declared size. Returns the pixels, or NULL with err set
 * (or *end set when a TIFF has no page n).
 */
static PIX *read_page(const char *path, const char *data, size_t len, const char *kind, bool tiff,
		      int n, const struct doc_limits *lim, bool *end, struct sb *err)
{
	l_int32 fmt = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0, res = 0;
	PIX *pix;
	int rc;

	if (tiff)
		rc = readHeaderMemTiff((const l_uint8 *)data, len, n, &w, &h, &bps, &spp, &res,
				       &cmap, &fmt);
	else
		rc = pixReadHeaderMem((const l_uint8 *)data, len, &fmt, &w, &h, &bps, &spp, &cmap);
	if (rc != 0) {
		if (n > 0)
			*end = true;
		else
			sb_addf(err, "%s: the %s image cannot be read (damaged or truncated)", path,
				kind);
		return NULL;
	}
	if (w <= 0 || h <= 0) {
		sb_addf(err, "%s: the %s image declares no pixels (%d x %d, page %d)", path, kind,
			w, h, n + 1);
		return NULL;
	}
	if (lim->max_pixels && (size_t)w * (size_t)h > lim->max_pixels) {
		sb_addf(err, "%s: the %s image is %d x %d pixels, over the limit of %zu pixels",
			path, kind, w, h, lim->max_pixels);
		return NULL;
	}
	pix = tiff ? pixReadMemTiff((const l_uint8 *)data, len, n)
		   : pixReadMem((const l_uint8 *)data, len);
	if (!pix || pixGetWidth(pix) != w || pixGetHeight(pix) != h) {
		if (tiff)
			sb_addf(err, "%s: page %d: ", path, n + 1);
		else
			sb_addf(err, "%s: ", path);
		sb_addf(err, "the %s image cannot be decoded (damaged or truncated)", kind);
		pixDestroy(&pix);
		return NULL;
	}
	return pix;
}

struct doc *image_read(const char *path, const char *data, size_t len, const struct doc_limits *lim,
		       struct sb *err)
{
	l_int32 fmt = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
	struct lay_words words = {0};
	struct ocr_pool *pool = ocr_pool_new();
	struct ocr_image im = {0};
	struct doc *d = NULL;
	PIX *pix = NULL;
	const char *kind;
	time_t deadline;
	bool tiff, end = false;
	int dpi, n;

	if (!lim)
		lim = &doc_default_limits;
	deadline = lim->max_seconds ? time(NULL) + (time_t)lim->max_seconds : 0;
	/* Leptonica reports every failure on stderr; our message says it once. */
	setMsgSeverity(L_SEVERITY_NONE);
	if (len == 0) {
		sb_addf(err, "%s: the image is empty (0 bytes)", path);
		goto out;
	}
	if (lim->max_bytes && len > lim->max_bytes) {
		sb_addf(err, "%s: the file is %zu bytes, over the limit of %zu", path, len,
			lim->max_bytes);
		goto out;
	}
	if (pixReadHeaderMem((const l_uint8 *)data, len, &fmt, &w, &h, &bps, &spp, &cmap) != 0 ||
	    !(kind = format_name(fmt))) {
		sb_addf(err, "%s: not a readable image (damaged or truncated PNG, JPEG or TIFF)",
			path);
		goto out;
	}
	tiff = strcmp(kind, "TIFF") == 0;
	for (n = 0; !end; n++) {
		if (lim->max_pages && (size_t)n >= lim->max_pages) {
			sb_addf(err, "%s: the TIFF has more than %zu pages, over the limit", path,
				lim->max_pages);
			goto out;
		}
		pix = read_page(path, data, len, kind, tiff, n, lim, &end, err);
		if (end)
			break;
		if (!pix)
			goto out;
		dpi = pixGetXRes(pix);
		if (dpi < 70 || dpi > 1200)
			dpi = 300;
		if (!pix_image(pix, dpi, &im)) {
			sb_addf(err, "%s: the %s image cannot be converted to grey", path, kind);
			goto out;
		}
		pixDestroy(&pix);
		if (ocr_pool_run(pool, path, &im, &n, 1, tiff ? 0 : 1, lim, deadline, &words, err) <
		    0)
			goto out;
		ocr_image_release(&im);
		if (!tiff)
			break;
	}
	d = ocr_finish(path, &words, lim, err);
out:
	pixDestroy(&pix);
	ocr_image_release(&im);
	ocr_pool_free(pool);
	lay_words_free(&words);
	return d;
}

/* ---- pages in parallel ------------------------------------------------ */

#define MAX_THREADS 16

struct ocr_pool {
	struct ocr *engine[MAX_THREADS];
	size_t threads;
};

struct ocr_pool *ocr_pool_new(void)
{
	struct ocr_pool *p = xcalloc(1, sizeof(*p));
	const char *env = getenv("DONDOC_OCR_THREADS");
	long n = env && *env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);

	p->threads = n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (size_t)n;
	return p;
}

size_t ocr_pool_threads(const struct ocr_pool *p)
{
	return p->threads;
}

void ocr_pool_free(struct ocr_pool *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < MAX_THREADS; i++)
		ocr_close(p->engine[i]);
	free(p);
}

/* One ocr_pool_run(): the pages, where their words go, the first error. */
struct ocr_batch {
	struct ocr_pool *pool;
	const char *path;
	const struct ocr_image *images;
	const int *pages;
	size_t n, total, next;
	const struct doc_limits *lim;
	time_t deadline;
	struct lay_words *out; /* one list per page */
	pthread_mutex_t lock;
	bool failed;
	struct sb err;
};

struct ocr_worker {
	struct ocr_batch *b;
	size_t slot;
};

static void *ocr_work(void *arg)
{
	struct ocr_worker *wk = arg;
	struct ocr_batch *b = wk->b;
	struct sb err = SB_INIT;
	struct ocr **eng = &b->pool->engine[wk->slot];
	size_t i;

	for (;;) {
		pthread_mutex_lock(&b->lock);
		i = b->failed ? b->n : b->next++;
		if (i < b->n)
			ocr_progress(b->lim, b->path, "OCR page", (size_t)b->pages[i] + 1, b->total);
		pthread_mutex_unlock(&b->lock);
		if (i >= b->n)
			break;
		if (!*eng)
			*eng = ocr_open(b->path, &err);
		if (!*eng || ocr_gray(*eng, b->path, &b->images[i], b->pages[i], b->deadline,
				      &b->out[i], &err) < 0) {
			pthread_mutex_lock(&b->lock);
			if (!b->failed)
				sb_add(&b->err, err.buf, err.len);
			b->failed = true;
			pthread_mutex_unlock(&b->lock);
			break;
		}
	}
	sb_release(&err);
	return NULL;
}

int ocr_pool_run(struct ocr_pool *p, const char *path, const struct ocr_image *images,
		 const int *pages, size_t n, size_t total, const struct doc_limits *lim,
		 time_t deadline, struct lay_words *words, struct sb *err)
{
	struct ocr_batch b = {0};
	struct ocr_worker wk[MAX_THREADS];
	pthread_t tid[MAX_THREADS];
	bool started[MAX_THREADS] = {false};
	size_t i, j, nt = p->threads < n ? p->threads : n;

	b.pool = p;
	b.path = path;
	b.images = images;
	b.pages = pages;
	b.n = n;
	b.total = total;
	b.lim = lim;
	b.deadline = deadline;
	b.out = xcalloc(n ? n : 1, sizeof(*b.out));
	pthread_mutex_init(&b.lock, NULL);
	for (i = 0; i < nt; i++) {
		wk[i].b = &b;
		wk[i].slot = i;
		/* The first worker runs on this thread: one page needs no other. */
		if (i > 0)
			started[i] = pthread_create(&tid[i], NULL, ocr_work, &wk[i]) == 0;
	}
	if (nt)
		ocr_work(&wk[0]);
	for (i = 1; i < nt; i++)
		if (started[i])
			pthread_join(tid[i], NULL);
	pthread_mutex_destroy(&b.lock);
	for (i = 0; i < n; i++) {
		for (j = 0; j < b.out[i].n && !b.failed; j++) {
			*VEC_PUSH(words) = b.out[i].v[j];
			b.out[i].v[j].text = NULL;
		}
		for (j = 0; j < b.out[i].rules.n && !b.failed; j++)
			*VEC_PUSH(&words->rules) = b.out[i].rules.v[j];
		lay_words_free(&b.out[i]);
	}
	free(b.out);
	if (b.failed)
		sb_add(err, b.err.buf, b.err.len);
	sb_release(&b.err);
	return b.failed ? -1 : 0;
}

/* ---- page furniture and misread numbers -------------------------------- */

/* The folded line without doubt marks: "ĐẾN UBND TỈNH" -> "den ubnd tinh". */
static void line_key(struct sb *key, const char *s, size_t len)
{
	struct sb raw = SB_INIT;
	size_t i;

	for (i = 0; i < len; i++) {
		if (i + 3 <= len && (memcmp(s + i, OCR_DOUBT_MARK, 3) == 0 ||
				     memcmp(s + i, OCR_LOST_MARK, 3) == 0)) {
			i += 2;
			continue;
		}
		sb_addc(&raw, s[i]);
	}
	sb_reset(key);
	vi_fold(key, raw.buf ? raw.buf : "", raw.len, VI_FOLD_PUNCT);
	sb_release(&raw);
}

static size_t count_words(const char *k)
{
	size_t n = 0;
	bool in = false;

	for (; *k; k++) {
		if (*k != ' ' && !in)
			n++;
		in = *k != ' ';
	}
	return n;
}

/* "2", "- 2 -", "Trang 2", "2/5": a page number standing alone. */
static bool page_number(const char *k)
{
	if (strncmp(k, "trang ", 6) == 0)
		k += 6;
	if (!isdigit((unsigned char)*k))
		return false;
	while (isdigit((unsigned char)*k) || *k == ' ')
		k++;
	return *k == 0 && count_words(k) <= 2;
}

/* Lines of an incoming stamp: "ĐẾN ...", "Số: 1234", "Ngày: 15/1", "Chuyển: ...". */
static bool stamp_head(const char *k)
{
	return (strcmp(k, "den") == 0 || strncmp(k, "den ", 4) == 0) && count_words(k) <= 4;
}

/* Digits and spaces only (a stamp's number or date once folded). */
static bool digits_only(const char *k)
{
	for (; *k; k++)
		if (!isdigit((unsigned char)*k) && *k != ' ')
			return false;
	return true;
}

/*
 * A field of the stamp, filled in by hand: "Số: 1840", "Ngày: 15/1/2026"
 * (numbers only: the document's own "Số: 27/KH-UBND" is not one),
 * "Chuyển: …", "Lưu hồ sơ số: …".
 */
static bool stamp_field(const char *k)
{
	if (count_words(k) > 4 || strchr(k, '\t'))
		return false;
	if (strncmp(k, "so", 2) == 0 && digits_only(k + 2))
		return true;
	if (strncmp(k, "ngay", 4) == 0 && digits_only(k + 4))
		return true;
	return strncmp(k, "chuyen", 6) == 0 || strncmp(k, "luu ho so", 9) == 0;
}

/* True when the first word of s (up to a space) has no lower-case letter. */
static bool upper_word(const char *s, size_t len)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	size_t i = 0, letters = 0;

	while (i < len && s[i] != ' ') {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
		if (n <= 0)
			return false;
		if (utf8proc_tolower(c) != c && utf8proc_toupper(c) == c)
			letters++;
		else if (utf8proc_toupper(c) != c)
			return false;
		i += (size_t)n;
	}
	return letters > 0;
}

/*
 * A section number OCR misread at the start of a line: "S.1." or "§.1." for
 * "5.1.", and before an upper-case heading "H." or "11." for "II.", "IH."
 * for "III.". Appends the repaired line, with a doubt mark, to out and
 * returns true; false when the line starts with no such misreading.
 */
static bool repair_number(const char *s, size_t len, struct sb *out)
{
	static const struct {
		const char *bad, *good;
	} roman[] = {
	    {"H", "II"},     {"11", "II"},   {"Il", "II"},   {"lI", "II"},   {"ll", "II"},
	    {"IH", "III"},   {"HI", "III"},  {"111", "III"}, {"1I1", "III"}, {"IIl", "III"},
	    {"1V", "IV"},    {"lV", "IV"},   {"V1", "VI"},   {"Vl", "VI"},   {"VH", "VII"},
	    {"VIH", "VIII"}, {"1X", "IX"},   {"lX", "IX"},
	};
	size_t i, n;

	if (len >= 3 && (s[0] == 'S' || s[0] == '$') && s[1] == '.' && isdigit((unsigned char)s[2])) {
		sb_addc(out, '5');
		sb_add(out, s + 1, len - 1);
		sb_adds(out, " " OCR_DOUBT_MARK);
		return true;
	}
	if (len >= 4 && memcmp(s, "\xC2\xA7", 2) == 0 && (s[2] == '.' || isdigit((unsigned char)s[2]))) {
		sb_addc(out, '5');
		if (s[2] != '.')
			sb_addc(out, '.');
		sb_add(out, s + 2, len - 2);
		sb_adds(out, " " OCR_DOUBT_MARK);
		return true;
	}
	for (i = 0; i < ARRAY_SIZE(roman); i++) {
		n = strlen(roman[i].bad);
		/* "H. MỤC TIÊU": the token, a dot, a space, then an upper-case letter. */
		if (len > n + 2 && memcmp(s, roman[i].bad, n) == 0 && s[n] == '.' && s[n + 1] == ' ' &&
		    upper_word(s + n + 2, len - n - 2)) {
			sb_adds(out, roman[i].good);
			sb_add(out, s + n, len - n);
			sb_adds(out, " " OCR_DOUBT_MARK);
			return true;
		}
	}
	return false;
}

/* OCR reads the slash of "I/2026" as "/⁄" or "⁄" (U+2044): a plain slash. */
static void fraction_slashes(struct sb *text)
{
	size_t i, j;

	for (i = j = 0; i < text->len; i++) {
		if (i + 3 <= text->len && memcmp(text->buf + i, "\xE2\x81\x84", 3) == 0) {
			i += 2;
			if (j && text->buf[j - 1] == '/')
				continue;
			text->buf[j++] = '/';
			continue;
		}
		text->buf[j++] = text->buf[i];
	}
	text->len = j;
	if (text->buf)
		text->buf[j] = 0;
}

void ocr_drop_furniture(struct sb *text)
{
	struct sb out = SB_INIT, key = SB_INIT;
	const char *p = text->buf ? text->buf : "", *end = p + text->len;
	bool prev_blank = true, in_recipients = false;
	int stamp_left = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *q;
		size_t len = (size_t)(e - p);
		bool next_blank = !nl || nl + 1 >= end || nl[1] == '\n', drop = false;

		line_key(&key, p, len);
		q = key.buf ? key.buf : "";
		if (in_recipients) {
			/* The list under "Nơi nhận:" runs to the first line that is not an item. */
			if (*q && *p != '-' && *p != '+' && strncmp(p, "\xE2\x80\x93", 3) != 0)
				in_recipients = false;
			else
				drop = true;
		}
		if (!drop && strncmp(q, "noi nhan", 8) == 0) {
			in_recipients = true;
			drop = true;
		} else if (!drop && *q && prev_blank && next_blank && page_number(q)) {
			drop = true;
		} else if (!drop && stamp_head(q)) {
			drop = true;
			stamp_left = 6;
		} else if (!drop && stamp_left > 0 && stamp_field(q)) {
			drop = true;
		}
		if (stamp_left > 0 && *q)
			stamp_left--;
		/* Dropped lines leave no pile of blank lines behind. */
		if (!*q && out.len >= 2 && out.buf[out.len - 1] == '\n' && out.buf[out.len - 2] == '\n')
			drop = true;
		if (!drop && !repair_number(p, len, &out))
			sb_add(&out, p, len);
		if (!drop && nl)
			sb_addc(&out, '\n');
		if (!drop)
			prev_blank = !*q;
		p = nl ? nl + 1 : end;
	}
	sb_release(&key);
	sb_release(text);
	*text = out;
	fraction_slashes(text);
}

/* ---- doubt ------------------------------------------------------------- */

/* The next doubt or lost mark in s, or NULL. */
static const char *next_mark(const char *s)
{
	const char *m = strstr(s, OCR_DOUBT_MARK), *k = strstr(s, OCR_LOST_MARK);

	return !m || (k && k < m) ? k : m;
}

/* s without its doubt and lost marks (and the space before each); true when
 * it had any; *lost (when given) true when a lost mark was among them. */
static bool strip_marks(const char *s, struct sb *out, bool *lost)
{
	const char *m;
	bool any = false;

	sb_reset(out);
	while ((m = next_mark(s))) {
		size_t n = (size_t)(m - s);

		while (n && s[n - 1] == ' ')
			n--;
		sb_add(out, s, n);
		if (lost && memcmp(m, OCR_LOST_MARK, 3) == 0)
			*lost = true;
		s = m + 3;
		any = true;
	}
	sb_adds(out, s);
	sb_trim(out);
	return any;
}

/* Replaces block b's text by text, classified again as a new paragraph. */
static void reclassify(struct doc_block *b, const struct sb *text)
{
	struct doc *t = doc_new(NULL, NULL);
	struct doc_block *n = doc_add_para(t, text->buf ? text->buf : "", text->len, b->line);
	bool bold = b->bold, italic = b->italic;
	int line = b->line, end_line = b->end_line;

	free(b->text);
	free(b->num_label);
	free(b->label);
	free(b->value);
	*b = *n;
	b->bold = bold || n->bold;
	b->italic = italic || n->italic;
	b->line = line;
	b->end_line = end_line;
	t->blocks.n = 0; /* its strings now belong to b */
	doc_free(t);
}

void ocr_apply_doubt(struct doc *d)
{
	struct sb s = SB_INIT;
	size_t i, r, c;

	for (i = 0; i < d->blocks.n; i++) {
		struct doc_block *b = &d->blocks.v[i];

		if (b->kind == BLOCK_PARA) {
			bool lost = false;

			if (b->text && strip_marks(b->text, &s, &lost)) {
				reclassify(b, &s);
				b->doubt = true;
				b->lost = lost;
			}
			continue;
		}
		for (r = 0; b->table && r < b->table->rows.n; r++) {
			struct doc_row *row = &b->table->rows.v[r];

			for (c = 0; c < row->cells.n; c++) {
				struct doc_cell *cell = &row->cells.v[c];

				if (cell->text && strip_marks(cell->text, &s, NULL)) {
					free(cell->text);
					cell->text = xstrdup(s.buf ? s.buf : "");
					cell->doubt = true;
					b->doubt = true;
				}
			}
		}
	}
	sb_release(&s);
}

struct doc *ocr_finish(const char *path, struct lay_words *words, const struct doc_limits *lim,
		       struct sb *err)
{
	struct sb text = SB_INIT, sub = SB_INIT;
	struct doc *d = NULL;

	lay_build_text(words, &text);
	ocr_drop_furniture(&text);
	if (!text.len) {
		sb_addf(err, "%s: OCR found no text", path);
		goto out;
	}
	d = text_read(path, text.buf, text.len, lim, &sub);
	if (!d) {
		sb_add(err, sub.buf, sub.len);
		goto out;
	}
	d->reader = "ocr";
	ocr_apply_doubt(d);
	ocr_fix_sequence(d);
out:
	sb_release(&text);
	sb_release(&sub);
	return d;
}
