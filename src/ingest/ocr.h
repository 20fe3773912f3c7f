/*
 * ocr.h - what the PDF reader and the OCR reader share: the page layout that
 * turns positioned words (a PDF text layer, or Tesseract's word boxes) into
 * lines, paragraphs and tables, and the OCR of one rendered page.
 *
 * Both readers end the same way: the words of every page go through
 * lay_build_text(), which writes a text export in the shape text_read()
 * understands (one line per text line, a blank line between paragraphs and
 * pages, table rows as tab-separated cells, bold lines and cells marked as
 * the exports mark them), so PDF and scans reach the extractors exactly as a
 * text export would.
 */
#ifndef DONDOC_OCR_H
#define DONDOC_OCR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/xalloc.h"

struct doc;
struct doc_limits;
struct sb;

/* One word on a page, in page units with y growing downwards. */
struct lay_word {
	double x0, y0, x1, y1;
	int page;      /* 0-based */
	double page_h; /* height of its page (headers/footers are near the edges) */
	char *text;    /* UTF-8, owned by the word list */
	size_t len;
	bool bold; /* set in a bold font (PDF text layer; OCR cannot tell) */
	bool doubt; /* OCR: a stamp, seal or hand-writing covered part of it */
};

/* A vertical rule OCR found on a page (a ruled table's column border). */
struct lay_rule {
	int page;
	double x, y0, y1;
};

struct lay_words {
	struct lay_word *v;
	size_t n, cap;
	/* The vertical rules of scanned pages: where they cross a table's
	 * lines they are its column separators, surer than the gaps. */
	VEC(struct lay_rule) rules;
};

/**
 * Appends a copy of text[0..len) as a word with its box; returns it, or NULL
 * when the word is empty or its box is not a box.
 */
struct lay_word *lay_add_word(struct lay_words *w, const char *text, size_t len, double x0,
			      double y0, double x1, double y1, int page, double page_h);
void lay_words_free(struct lay_words *w);

/**
 * Writes the words of every page as a text export into out: lines in reading
 * order (top to bottom, left to right), blank lines at paragraph and page
 * breaks, runs of lines whose words fall into the same columns as table rows
 * of tab-separated cells (wrapped cell lines joined back into their row),
 * and page headers and footers that repeat on every page dropped. Sorts w.
 */
void lay_build_text(struct lay_words *w, struct sb *out);

/*
 * OCR of one page image. An ocr session holds the Tesseract engine (with the
 * Vietnamese model) across the pages of one file.
 */
struct ocr;

/*
 * A page image ready for OCR: 8-bit grey pixels in which coloured ink (red
 * stamps and seals, blue or violet hand-writing and signatures) has been
 * whitened, and a coarse map of where that ink was, so that words it
 * covered are marked doubtful.
 */
struct ocr_image {
	unsigned char *gray; /* w * h bytes, stride w */
	int w, h, dpi;
	unsigned char *ink; /* iw * ih cells of OCR_INK_CELL pixels: 1 = inked */
	int iw, ih;
};

#define OCR_INK_CELL 16
/* The grey whitened ink becomes: white to Tesseract, known to the rule finder. */
#define OCR_INK_GRAY 254

/*
 * Fills im from 32-bit RGB pixels (stride in pixels; each channel at its
 * bit shift: cairo RGB24 is 16, 8, 0; leptonica 24, 16, 8).
 */
void ocr_image_from_rgb(struct ocr_image *im, const uint32_t *px, int w, int h, size_t stride,
			int rshift, int gshift, int bshift, int dpi);
void ocr_image_release(struct ocr_image *im);

/*
 * A word OCR was unsure of carries this mark (U+E000, a private-use
 * character no plan holds) as a token of its own after it in the text
 * export; ocr_apply_doubt() turns the marks into the doubt flags of the
 * blocks and cells that hold them and removes them.
 */
#define OCR_DOUBT_MARK "\xEE\x80\x80"

/*
 * A word whose line lost words under a stamp, a seal or ink (the words were
 * dropped as not print) carries this mark (U+E001) after its doubt mark:
 * something printed on the line is missing, its label perhaps.
 * ocr_apply_doubt() turns it into doc_block.lost.
 */
#define OCR_LOST_MARK "\xEE\x80\x81"

/**
 * Moves the doubt marks of an OCR'd document into doc_block.doubt and
 * doc_cell.doubt, and the lost marks into doc_block.lost (a paragraph is
 * classified again without them).
 */
void ocr_apply_doubt(struct doc *d);

/**
 * Removes page furniture from the text export of an OCR'd document, line
 * by line: page numbers standing alone ("2", "- 2 -", "Trang 2"), the text of
 * an incoming stamp ("ĐẾN", "Số: 1234", "Ngày: …", "Chuyển: …" near it) and
 * the "Nơi nhận" list. Rewrites text in place.
 */
void ocr_drop_furniture(struct sb *text);

/*
 * OCR of many pages at once: an ocr_pool keeps one Tesseract engine per
 * thread, as many threads as cores (DONDOC_OCR_THREADS overrides: the
 * benchmark's one-core figure), across the batches of one file.
 */
struct ocr_pool;

struct ocr_pool *ocr_pool_new(void);
/** How many pages one ocr_pool_run() call works on at once. */
size_t ocr_pool_threads(const struct ocr_pool *p);
/**
 * OCRs images[0, n) (page numbers pages[], of total pages, for progress)
 * in parallel, appending their words in page order. Returns 0, or -1 with
 * the first failure (the model missing, the time limit) in err.
 */
int ocr_pool_run(struct ocr_pool *p, const char *path, const struct ocr_image *images,
		 const int *pages, size_t n, size_t total, const struct doc_limits *lim,
		 time_t deadline, struct lay_words *words, struct sb *err);
void ocr_pool_free(struct ocr_pool *p);

/**
 * The end every OCR read shares: the words laid out as a text export, page
 * furniture dropped and misread numbers repaired, read by text_read(), the
 * doubt marks moved into the document, section numbers checked against their
 * sequence. Returns the document ("ocr" reader) or NULL with err set.
 */
struct doc *ocr_finish(const char *path, struct lay_words *words, const struct doc_limits *lim,
		       struct sb *err);

/** Starts Tesseract with the "vie" model; NULL with the reason in err. */
struct ocr *ocr_open(const char *path, struct sb *err);
void ocr_close(struct ocr *o);

/**
 * Recognises one page image and appends its words, with boxes in pixels, to words as page `page`.
 * deadline (0 = none) is the wall-clock time (time(NULL)) at which OCR gives
 * up. Returns 0, or -1 with the reason, naming path and page, in err.
 */
int ocr_gray(struct ocr *o, const char *path, const struct ocr_image *im, int page, time_t deadline,
	     struct lay_words *words, struct sb *err);

/**
 * pdf_read() with OCR of pages without a text layer allowed or not (the fuzz
 * target reads with OCR off: such a page is then an error).
 */
struct doc *pdf_read_opts(const char *path, const char *data, size_t len,
			  const struct doc_limits *limits, bool allow_ocr, struct sb *err);

/**
 * OCR misreads strokes of roman numerals ("III." read "II."): a roman
 * heading that repeats the number before it, or jumps past the next one,
 * while one stroke away from the next one, is renumbered to it. A smaller
 * number (a list starting again) is left alone. For documents read by OCR.
 */
void ocr_fix_sequence(struct doc *d);

/** Reports progress through limits->progress when it is set. */
void ocr_progress(const struct doc_limits *limits, const char *path, const char *what, size_t done,
		  size_t total);

#endif
