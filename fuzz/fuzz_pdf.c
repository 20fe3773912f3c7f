/*
 * fuzz_pdf.c - libFuzzer target for the PDF reader and the page layout it
 * shares with OCR. Input starting with "%PDF" goes through pdf_read_opts()
 * with OCR off and small limits (poppler on hostile bytes must fail cleanly,
 * never hang); any other input is read as positioned words (six bytes each:
 * x, y, width, height, page, letter) laid out by lay_build_text(), whose text
 * then goes through text_read(), so odd geometry (zero-size boxes, words on
 * one spot, columns that almost line up) is exercised too.
 */
#include "base/compat.h"
#include "base/sb.h"
#include "ingest/doc.h"
#include "ingest/ocr.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void layout(const uint8_t *data, size_t size)
{
	struct lay_words w = {0};
	struct sb text = SB_INIT, err = SB_INIT;
	struct doc *d;
	size_t i;

	for (i = 0; i + 6 <= size && i < 6 * 4000; i += 6) {
		char letter = (char)('a' + data[i + 5] % 26);
		struct lay_word *lw =
		    lay_add_word(&w, &letter, 1, data[i] * 4.0, data[i + 1] * 4.0,
				 data[i] * 4.0 + data[i + 2] % 64,
				 data[i + 1] * 4.0 + data[i + 3] % 32, data[i + 4] % 3, 1024.0);

		if (lw)
			lw->bold = data[i + 5] & 0x80;
	}
	lay_build_text(&w, &text);
	lay_words_free(&w);
	if (text.len) {
		d = text_read("fuzz.pdf", text.buf, text.len, NULL, &err);
		doc_free(d);
	}
	sb_release(&text);
	sb_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc_limits lim = doc_default_limits;
	struct sb err = SB_INIT;
	struct doc *d;

	if (size >= 4 && memcmp(data, "%PDF", 4) == 0) {
		lim.max_pages = 20;
		lim.max_seconds = 10;
		lim.max_pixels = 100000;
		d = pdf_read_opts("fuzz.pdf", (const char *)data, size, &lim, false, &err);
		doc_free(d);
	} else {
		layout(data, size);
	}
	sb_release(&err);
	return 0;
}
