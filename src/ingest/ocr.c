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

#include <limits.h>
#include <math.h>
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

struct ocr {
	TessBaseAPI *api;
};

void ocr_progress(const struct doc_limits *lim, const char *path, const char *what, size_t done,
		  size_t total)
{
	if (lim && lim->progress)
		lim->progress(lim->progress_arg, path, what, done, total);
}

struct ocr *ocr_open(const char *path, struct sb *err)
{
	struct ocr *o = xcalloc(1, sizeof(*o));

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
 * Table rules and frames confuse Tesseract: it reads them as "|", "_" or
 * glues them to the letters they touch. Dark runs, across or down, longer
 * than any glyph (a third of an inch) are painted white, with the grey
 * fringe one pixel either side, on a copy of the image.
 */
static unsigned char *erase_rules(const unsigned char *in, int w, int h, int stride, int dpi,
				  bool *table)
{
	unsigned char *out = xmalloc((size_t)w * (size_t)h);
	int minlen = (dpi > 0 ? dpi : 300) / 3, x, y, run, k;

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
		for (y = 0, run = 0; y <= h; y++) {
			if (y < h && IN(x, y) < 160) {
				run++;
				continue;
			}
			if (run >= minlen)
				*table = true; /* a vertical rule: a ruled table */
			if (run >= minlen)
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

static void add_ocr_word(struct lay_words *words, const char *t, int l, int tp, int r, int b,
			 int page, int h)
{
	size_t len = strlen(t);

	while (len && is_debris((unsigned char)*t)) {
		t++;
		len--;
	}
	while (len && is_debris((unsigned char)t[len - 1]) && t[len - 1] != '!')
		len--;
	if (len)
		lay_add_word(words, t, len, l, tp, r, b, page, h);
}

/* One Tesseract pass over the image with a page segmentation mode. */
static int recognize(struct ocr *o, const char *path, const unsigned char *img, int w, int h,
		     int dpi, TessPageSegMode psm, int page, time_t deadline,
		     struct lay_words *words, struct sb *err)
{
	ETEXT_DESC *mon = TessMonitorCreate();
	TessResultIterator *it = NULL;
	TessPageIterator *pit;
	int rc = -1;

	TessBaseAPISetPageSegMode(o->api, psm);
	TessBaseAPISetImage(o->api, img, w, h, 1, w);
	TessBaseAPISetSourceResolution(o->api, dpi > 0 ? dpi : 300);
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
			int l, tp, r, b;

			if (t && *t && TessPageIteratorBoundingBox(pit, RIL_WORD, &l, &tp, &r, &b))
				add_ocr_word(words, t, l, tp, r, b, page, h);
			TessDeleteText(t);
		} while (TessPageIteratorNext(pit, RIL_WORD));
	}
	rc = 0;
out:
	if (it)
		TessResultIteratorDelete(it);
	TessMonitorDelete(mon);
	TessBaseAPIClear(o->api);
	return rc;
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
int ocr_gray(struct ocr *o, const char *path, const unsigned char *gray, int w, int h, int stride,
	     int dpi, int page, time_t deadline, struct lay_words *words, struct sb *err)
{
	struct lay_words first = {0}, sparse = {0};
	unsigned char *clean;
	bool table = false;
	size_t i, j;
	int rc = -1;

	if (deadline && time(NULL) >= deadline) {
		sb_addf(err, "%s: OCR ran over the time limit (at page %d)", path, page + 1);
		return -1;
	}
	if (w < 1 || h < 1 || stride < w) {
		sb_addf(err, "%s: page %d: an empty image", path, page + 1);
		return -1;
	}
	clean = erase_rules(gray, w, h, stride, dpi, &table);
	if (recognize(o, path, clean, w, h, dpi, PSM_SINGLE_BLOCK, page, deadline, &first, err) < 0)
		goto out;
	if (table &&
	    recognize(o, path, clean, w, h, dpi, PSM_SPARSE_TEXT, page, deadline, &sparse, err) < 0)
		goto out;
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

void ocr_fix_sequence(struct doc *d)
{
	struct sb want = SB_INIT;
	size_t i;
	int prev = 0, v;

	for (i = 0; i < d->blocks.n; i++) {
		struct doc_block *b = &d->blocks.v[i];

		if (b->kind != BLOCK_PARA || b->num != NUM_ROMAN || !b->num_label)
			continue;
		v = roman_value(b->num_label);
		sb_reset(&want);
		roman_of(prev + 1, &want);
		/* A number repeated, or one stroke past the next, is a misread;
		 * a smaller one is a new list starting (an appendix: "I." again). */
		if (prev && (v == prev || v > prev + 1) &&
		    edit_distance(b->num_label, strlen(b->num_label), want.buf, want.len, 2) <= 1) {
			free(b->num_label);
			b->num_label = xstrdup(want.buf);
			v = prev + 1;
		}
		if (v)
			prev = v;
	}
	sb_release(&want);
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

/* The image as 8-bit grey rows (leptonica keeps bytes in 32-bit words). */
static unsigned char *pix_gray(PIX *pix, int *w, int *h)
{
	PIX *g = pixConvertTo8(pix, 0);
	unsigned char *out;
	l_uint32 *data;
	int wpl, x, y;

	if (!g)
		return NULL;
	*w = pixGetWidth(g);
	*h = pixGetHeight(g);
	wpl = pixGetWpl(g);
	data = pixGetData(g);
	out = xmalloc((size_t)*w * (size_t)*h);
	for (y = 0; y < *h; y++) {
		l_uint32 *line = data + (size_t)y * (size_t)wpl;

		for (x = 0; x < *w; x++)
			out[(size_t)y * (size_t)*w + (size_t)x] =
			    (unsigned char)GET_DATA_BYTE(line, x);
	}
	pixDestroy(&g);
	return out;
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
	struct sb text = SB_INIT, sub = SB_INIT;
	struct ocr *ocr = NULL;
	struct doc *d = NULL;
	unsigned char *gray = NULL;
	PIX *pix = NULL;
	const char *kind;
	time_t deadline;
	bool tiff, end = false;
	int gw, gh, dpi, n;

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
		gray = pix_gray(pix, &gw, &gh);
		pixDestroy(&pix);
		if (!gray) {
			sb_addf(err, "%s: the %s image cannot be converted to grey", path, kind);
			goto out;
		}
		ocr_progress(lim, path, "OCR page", (size_t)n + 1, tiff ? 0 : 1);
		if (!ocr)
			ocr = ocr_open(path, err);
		if (!ocr ||
		    ocr_gray(ocr, path, gray, gw, gh, gw, dpi, n, deadline, &words, err) < 0)
			goto out;
		free(gray);
		gray = NULL;
		if (!tiff)
			break;
	}
	lay_build_text(&words, &text);
	if (!text.len) {
		sb_addf(err, "%s: OCR found no text in the image", path);
		goto out;
	}
	d = text_read(path, text.buf, text.len, lim, &sub);
	if (!d) {
		sb_add(err, sub.buf, sub.len);
		goto out;
	}
	d->reader = "ocr";
	ocr_fix_sequence(d);
out:
	pixDestroy(&pix);
	free(gray);
	ocr_close(ocr);
	lay_words_free(&words);
	sb_release(&text);
	sb_release(&sub);
	return d;
}
