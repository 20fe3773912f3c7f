/*
 * test_pdf.c - the page layout shared by the PDF and OCR readers (words with
 * boxes into lines, paragraphs and table rows), and the PDF and image
 * readers on small hand-made files: text layer read, hostile files refused
 * with a message naming the file.
 */
#include "unit.h"
#include "ingest/ocr.h"
#include "ingest/ingest.h"
#include "ingest/doc.h"
#include "base/xalloc.h"

/* Page geometry of the synthetic pages: A4 in points, 12 pt words. */
#define PAGE_H 842.0
#define WORD_H 12.0
#define PITCH 14.0

/* Lays "a b c" out as words from x on line y (6 pt per letter, 3 pt spaces). */
static double put(struct lay_words *w, const char *text, double x, double y, int page, bool bold)
{
	const char *s = text;

	while (*s) {
		const char *e = strchr(s, ' ');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		struct lay_word *lw;

		lw = lay_add_word(w, s, len, x, y, x + 6.0 * (double)len, y + WORD_H, page, PAGE_H);
		assert_non_null(lw);
		lw->bold = bold;
		x += 6.0 * (double)len + 3.0;
		s += len;
		while (*s == ' ')
			s++;
	}
	return x;
}

static char *build(struct lay_words *w)
{
	struct sb out = SB_INIT;

	lay_build_text(w, &out);
	lay_words_free(w);
	return sb_detach(&out);
}

static void lines_in_reading_order(void **state)
{
	struct lay_words w = {0};
	char *t;

	/* Added out of order; the second line's words sit 1 pt lower (a scan). */
	put(&w, "world", 120, 101, 0, false);
	put(&w, "second line", 72, 100 + PITCH, 0, false);
	put(&w, "hello", 72, 100, 0, false);
	t = build(&w);
	assert_string_equal(t, "hello world\nsecond line\n");
	free(t);
}

static void paragraph_gaps(void **state)
{
	struct lay_words w = {0};
	double y = 100;
	char *t;

	/* A long wrapped paragraph, then a gap, then another paragraph. */
	put(&w, "mot hai ba bon nam sau bay tam chin muoi mot hai ba bon nam sau bay", 72, y, 0,
	    false);
	put(&w, "tam chin muoi.", 72, y += PITCH, 0, false);
	put(&w, "Doan sau mot hai ba bon nam sau bay tam chin muoi mot hai ba bon nam", 72,
	    y += 2.2 * PITCH, 0, false);
	put(&w, "ket thuc.", 72, y += PITCH, 0, false);
	put(&w, "ket", 72, y += PITCH, 0, false);
	t = build(&w);
	assert_string_equal(t,
			    "mot hai ba bon nam sau bay tam chin muoi mot hai ba bon nam sau bay\n"
			    "tam chin muoi.\n\n"
			    "Doan sau mot hai ba bon nam sau bay tam chin muoi mot hai ba bon nam\n"
			    "ket thuc.\n\nket\n");
	free(t);
}

static void bold_lines_marked(void **state)
{
	struct lay_words w = {0};
	char *t;

	put(&w, "KE HOACH", 250, 100, 0, true);
	put(&w, "Noi dung thuong", 72, 100 + 3 * PITCH, 0, false);
	t = build(&w);
	assert_string_equal(t, "**KE HOACH**\n\nNoi dung thuong\n");
	free(t);
}

/* A ruled table: TT, a wide task column that wraps, a lead column. */
static void table_rows_from_columns(void **state)
{
	struct lay_words w = {0};
	double y = 200;
	char *t;

	put(&w, "Intro text before the table that runs across the page width", 72, 150, 0, false);
	put(&w, "TT", 72, y, 0, true);
	put(&w, "Nhiem vu", 120, y, 0, true);
	put(&w, "Chu tri", 330, y, 0, true);
	put(&w, "Thoi gian", 450, y, 0, true);
	y += PITCH;
	put(&w, "I", 72, y, 0, true);
	put(&w, "Nhom mot", 120, y, 0, true);
	y += PITCH;
	put(&w, "1", 72, y, 0, false);
	put(&w, "Xay dung co so", 120, y, 0, false);
	put(&w, "So Van hoa", 330, y, 0, false);
	put(&w, "Quy II", 450, y, 0, false);
	y += PITCH;
	put(&w, "du lieu so", 120, y, 0, false); /* the task wraps */
	put(&w, "va Du lich", 330, y, 0, false);
	y += PITCH;
	put(&w, "2", 72, y, 0, false);
	put(&w, "Ket noi", 120, y, 0, false);
	put(&w, "Cong an", 330, y, 0, false);
	put(&w, "Quy III", 450, y, 0, false);
	y += PITCH;
	put(&w, "3", 72, y, 0, false);
	put(&w, "Lap dat", 120, y, 0, false);
	put(&w, "Quy IV", 450, y, 0, false);
	y += 3 * PITCH;
	put(&w, "After the table another paragraph that runs across the page width", 72, y, 0,
	    false);
	t = build(&w);
	assert_string_equal(t,
			    "Intro text before the table that runs across the page width\n\n"
			    "<b>TT</b>\t<b>Nhiem vu</b>\t<b>Chu tri</b>\t<b>Thoi gian</b>\n"
			    "<b>I</b>\t<b>Nhom mot</b>\t\t\n"
			    "1\tXay dung co so du lieu so\tSo Van hoa va Du lich\tQuy II\n"
			    "2\tKet noi\tCong an\tQuy III\n"
			    "3\tLap dat\t\tQuy IV\n\n"
			    "After the table another paragraph that runs across the page width\n");
	free(t);
}

/*
 * A row broken across a page break, with the header row repeated at the top
 * of the next page and a running footer on both pages: the header and the
 * footers go, the row is joined again.
 */
static void row_across_pages(void **state)
{
	struct lay_words w = {0};
	double y = 700;
	char *t;

	put(&w, "TT", 72, y, 0, false);
	put(&w, "Nhiem vu", 120, y, 0, false);
	put(&w, "Chu tri", 330, y, 0, false);
	put(&w, "Thoi gian", 450, y, 0, false);
	y += PITCH;
	put(&w, "1", 72, y, 0, false);
	put(&w, "Xay dung", 120, y, 0, false);
	put(&w, "So A", 330, y, 0, false);
	put(&w, "Quy I", 450, y, 0, false);
	put(&w, "Ke hoach 27 trang 1", 250, 800, 0, false);
	y = 60;
	put(&w, "TT", 72, y, 1, false);
	put(&w, "Nhiem vu", 120, y, 1, false);
	put(&w, "Chu tri", 330, y, 1, false);
	put(&w, "Thoi gian", 450, y, 1, false);
	y += PITCH;
	put(&w, "co so du lieu", 120, y, 1, false);
	y += PITCH;
	put(&w, "2", 72, y, 1, false);
	put(&w, "Ket noi", 120, y, 1, false);
	put(&w, "So B", 330, y, 1, false);
	put(&w, "Quy II", 450, y, 1, false);
	put(&w, "Ke hoach 27 trang 2", 250, 800, 1, false);
	t = build(&w);
	assert_string_equal(t, "TT\tNhiem vu\tChu tri\tThoi gian\n"
			       "1\tXay dung co so du lieu\tSo A\tQuy I\n"
			       "2\tKet noi\tSo B\tQuy II\n\n");
	free(t);
}

static void page_numbers_dropped(void **state)
{
	struct lay_words w = {0};
	char *t;

	put(&w, "1", 300, 20, 0, false);
	put(&w, "Trang mot van ban.", 72, 100, 0, false);
	put(&w, "2", 300, 20, 1, false);
	put(&w, "tiep tuc van ban.", 72, 100, 1, false);
	t = build(&w);
	assert_string_equal(t, "Trang mot van ban.\n\ntiep tuc van ban.\n");
	free(t);
}

/* A section title that runs over the column edges stays in one cell. */
static void spanning_cell_kept_whole(void **state)
{
	struct lay_words w = {0};
	double y = 100;
	char *t;
	int i;

	for (i = 0; i < 3; i++, y += PITCH) {
		put(&w, i ? "1" : "TT", 72, y, 0, false);
		put(&w, "Viec", 120, y, 0, false);
		put(&w, "So", 330, y, 0, false);
		put(&w, "Quy", 450, y, 0, false);
	}
	put(&w, "II", 72, y, 0, false);
	put(&w, "Mot tieu de rat dai chay qua cac cot", 120, y, 0, false);
	t = build(&w);
	assert_non_null(strstr(t, "II\tMot tieu de rat dai chay qua cac cot\t\t\n"));
	free(t);
}

static void empty_and_degenerate(void **state)
{
	struct lay_words w = {0};
	char *t;

	assert_null(lay_add_word(&w, "", 0, 0, 0, 1, 1, 0, PAGE_H));
	assert_null(lay_add_word(&w, "x", 1, 5, 0, 1, 1, 0, PAGE_H)); /* x1 < x0 */
	assert_null(lay_add_word(&w, "x", 1, 0, 0, 1.0 / 0.0, 1, 0, PAGE_H));
	t = build(&w);
	assert_string_equal(t, "");
	free(t);
	/* Every word on one spot: no division by zero, no loop. */
	assert_non_null(lay_add_word(&w, "a", 1, 0, 0, 0, 0, 0, 0));
	assert_non_null(lay_add_word(&w, "b", 1, 0, 0, 0, 0, 0, 0));
	t = build(&w);
	assert_non_null(t);
	free(t);
}

/* OCR read "III." as "II.": the heading sequence puts it right. */
static void ocr_roman_sequence(void **state)
{
	const char *lines[] = {"I. MUC DICH", "II. MUC TIEU", "II. NOI DUNG", "IV. KINH PHI",
			       "V. TO CHUC",  "II. KHAC",     "IX. CUOI"};
	/* A restart ("II" after "V") and a far jump ("IX") are left alone. */
	const char *want[] = {"I", "II", "III", "IV", "V", "II", "IX"};
	struct doc *d = doc_new("t", "ocr");
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lines); i++)
		doc_add_para(d, lines[i], strlen(lines[i]), (int)i + 1);
	ocr_fix_sequence(d);
	for (i = 0; i < ARRAY_SIZE(want); i++)
		assert_string_equal(d->blocks.v[i].num_label, want[i]);
	doc_free(d);
}

/* ---- the readers on hand-made files ------------------------------------ */

/* A PDF with one page per entry of texts ("" = a page with no text). */
static void make_pdf(struct sb *pdf, const char **texts, int n, double w, double h)
{
	size_t *off = xcalloc((size_t)(3 * n + 4), sizeof(*off));
	int i, obj = 0, nobj = 3 + 2 * n;
	size_t xref;

	sb_adds(pdf, "%PDF-1.4\n");
	off[++obj] = pdf->len;
	sb_addf(pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[++obj] = pdf->len;
	sb_addf(pdf, "2 0 obj\n<< /Type /Pages /Count %d /Kids [", n);
	for (i = 0; i < n; i++)
		sb_addf(pdf, " %d 0 R", 4 + 2 * i);
	sb_adds(pdf, " ] >>\nendobj\n");
	off[++obj] = pdf->len;
	sb_adds(pdf, "3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
	for (i = 0; i < n; i++) {
		struct sb c = SB_INIT;

		if (*texts[i])
			sb_addf(&c, "BT /F1 12 Tf 72 %.0f Td (%s) Tj ET", h - 100, texts[i]);
		off[++obj] = pdf->len;
		sb_addf(pdf,
			"%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.0f %.0f] "
			"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>\nendobj\n",
			obj, w, h, obj + 1);
		off[++obj] = pdf->len;
		sb_addf(pdf, "%d 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n", obj,
			c.len, c.buf ? c.buf : "");
		sb_release(&c);
	}
	xref = pdf->len;
	sb_addf(pdf, "xref\n0 %d\n0000000000 65535 f \n", nobj);
	for (i = 1; i < nobj; i++)
		sb_addf(pdf, "%010zu 00000 n \n", off[i]);
	sb_addf(pdf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", nobj, xref);
	free(off);
}

static void pdf_text_layer(void **state)
{
	const char *texts[] = {"1. Nhiem vu thu nhat.", "2. Nhiem vu thu hai."};
	struct sb pdf = SB_INIT, err = SB_INIT;
	struct doc *d;

	make_pdf(&pdf, texts, 2, 595, 842);
	d = ingest_buffer("t.pdf", pdf.buf, pdf.len, NULL, &err);
	assert_non_null(d);
	assert_string_equal(d->reader, "pdf");
	assert_int_equal(d->blocks.n, 2);
	assert_string_equal(d->blocks.v[0].text, "1. Nhiem vu thu nhat.");
	assert_string_equal(d->blocks.v[1].num_label, "2");
	doc_free(d);
	sb_release(&pdf);
	sb_release(&err);
}

/* Calls pdf_read_opts and expects an error matching want. */
static void pdf_refused(const char *data, size_t len, const struct doc_limits *lim, bool ocr,
			const char *want)
{
	struct sb err = SB_INIT;
	struct doc *d = pdf_read_opts("bad.pdf", data, len, lim, ocr, &err);

	assert_null(d);
	assert_non_null(err.buf);
	if (!strstr(err.buf, want) || strncmp(err.buf, "bad.pdf: ", 9) != 0)
		fail_msg("error '%s' lacks '%s'", err.buf, want);
	sb_release(&err);
}

static void pdf_hostile(void **state)
{
	const char *three[] = {"a b c d e f g h", "a b c d e f g h", "a b c d e f g h"};
	const char *blank[] = {""};
	struct doc_limits lim = doc_default_limits;
	struct sb pdf = SB_INIT;

	pdf_refused("", 0, NULL, false, "empty");
	pdf_refused("%PDF-1.4\ngarbage", 16, NULL, false, "not a readable PDF");
	make_pdf(&pdf, three, 3, 595, 842);
	pdf_refused(pdf.buf, pdf.len / 2, NULL, false, "not a readable PDF"); /* truncated */
	lim.max_pages = 2;
	pdf_refused(pdf.buf, pdf.len, &lim, false, "3 pages, over the limit of 2");
	sb_reset(&pdf);
	make_pdf(&pdf, blank, 1, 595, 842);
	pdf_refused(pdf.buf, pdf.len, NULL, false, "page 1 has no text layer");
	sb_reset(&pdf);
	/* A page of 14400 x 14400 points with no text: rendering it for OCR at a
	 * readable resolution would take far more pixels than allowed. */
	make_pdf(&pdf, blank, 1, 14400, 14400);
	lim = doc_default_limits;
	lim.max_pixels = 1000u * 1000u;
	pdf_refused(pdf.buf, pdf.len, &lim, true, "too large to render");
	sb_release(&pdf);
}

static void image_refused(const char *data, size_t len, const struct doc_limits *lim,
			  const char *want)
{
	struct sb err = SB_INIT;
	struct doc *d = image_read("bad.png", data, len, lim, &err);

	assert_null(d);
	assert_non_null(err.buf);
	if (!strstr(err.buf, want) || strncmp(err.buf, "bad.png: ", 9) != 0)
		fail_msg("error '%s' lacks '%s'", err.buf, want);
	sb_release(&err);
}

static void image_hostile(void **state)
{
	/* A PNG declaring 100000 x 100000 pixels in 74 bytes (its IDAT holds
	 * a few compressed zero bytes). */
	static const unsigned char huge[] = {
	    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49,
	    0x48, 0x44, 0x52, 0x00, 0x01, 0x86, 0xa0, 0x00, 0x01, 0x86, 0xa0, 0x08, 0x00,
	    0x00, 0x00, 0x00, 0x8d, 0x39, 0x54, 0x14, 0x00, 0x00, 0x00, 0x11, 0x49, 0x44,
	    0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x18, 0x05, 0xa3, 0x60, 0x14, 0x0c, 0x77,
	    0x00, 0x00, 0x03, 0xe8, 0x00, 0x01, 0xb3, 0xa6, 0xd3, 0x46, 0x00, 0x00, 0x00,
	    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
	};

	image_refused("", 0, NULL, "empty");
	image_refused("\x89PNG\r\n\x1a\nnot an image at all", 26, NULL, "not a readable image");
	image_refused("\xFF\xD8\xFF\xE0 junk", 9, NULL, "not a readable image");
	image_refused((const char *)huge, sizeof(huge), NULL, "100000 x 100000 pixels, over");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(lines_in_reading_order),
	    cmocka_unit_test(paragraph_gaps),
	    cmocka_unit_test(bold_lines_marked),
	    cmocka_unit_test(table_rows_from_columns),
	    cmocka_unit_test(row_across_pages),
	    cmocka_unit_test(page_numbers_dropped),
	    cmocka_unit_test(spanning_cell_kept_whole),
	    cmocka_unit_test(empty_and_degenerate),
	    cmocka_unit_test(ocr_roman_sequence),
	    cmocka_unit_test(pdf_text_layer),
	    cmocka_unit_test(pdf_hostile),
	    cmocka_unit_test(image_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
