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
#include <time.h>

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
};

struct lay_words {
	struct lay_word *v;
	size_t n, cap;
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

/** Starts Tesseract with the "vie" model; NULL with the reason in err. */
struct ocr *ocr_open(const char *path, struct sb *err);
void ocr_close(struct ocr *o);

/**
 * Recognises one 8-bit grey image (width w, height h, stride bytes per row)
 * and appends its words, with boxes in pixels, to words as page `page`.
 * deadline (0 = none) is the wall-clock time (time(NULL)) at which OCR gives
 * up. Returns 0, or -1 with the reason, naming path and page, in err.
 */
int ocr_gray(struct ocr *o, const char *path, const unsigned char *gray, int w, int h, int stride,
	     int dpi, int page, time_t deadline, struct lay_words *words, struct sb *err);

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
