/*
 * test_ocr.c - the pure steps after OCR: page furniture and misread numbers
 * in the text export, doubt marks moved into the document, section numbers
 * repaired from their sequence, coloured ink taken out of a page image, and
 * a ruled table's rules as its columns.
 */
#include "base/compat.h"
#include "unit.h"
#include "ingest/ocr.h"
#include "ingest/doc.h"
#include "base/sb.h"
#include "base/xalloc.h"

static char *furniture(const char *in)
{
	struct sb s = SB_INIT;

	sb_adds(&s, in);
	ocr_drop_furniture(&s);
	return sb_detach(&s) ?: xstrdup("");
}

/* Page numbers, the incoming stamp's lines and the recipients go; the plan stays. */
static void furniture_dropped(void **state)
{
	char *t = furniture("KẾ HOẠCH\n\nĐẾN UBND TỈNH\nSố: 1840\nNgày: 15/1/2026\nChuyển: VX\n"
			    "Số: 27/KH-UBND\n\n- 2 -\n\n1. Mục đích\n\nTrang 3\n\n"
			    "Nơi nhận:\n- Bộ Văn hóa;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\n");

	assert_string_equal(t, "KẾ HOẠCH\n\nSố: 27/KH-UBND\n\n1. Mục đích\n\nTM. ỦY BAN NHÂN DÂN\n");
	free(t);
	/* A number inside a paragraph, or a "Số:" with no stamp above, is text. */
	t = furniture("Số: 12/KH-UBND\nPhấn đấu đạt\n3\nđiểm du lịch.\n");
	assert_string_equal(t, "Số: 12/KH-UBND\nPhấn đấu đạt\n3\nđiểm du lịch.\n");
	free(t);
}

/* "S.1." and "§.1." are 5.1.; "H." and "11." before a heading are II.; marked doubtful. */
static void numbers_repaired(void **state)
{
	char *t = furniture("S.1. Tổ chức\n\xC2\xA7.2. Xây dựng\nH. MỤC TIÊU\n11. NỘI DUNG\n"
			    "11. Các sở thực hiện\nSở Y tế\n");

	assert_string_equal(t, "5.1. Tổ chức " OCR_DOUBT_MARK "\n5.2. Xây dựng " OCR_DOUBT_MARK
			       "\nII. MỤC TIÊU " OCR_DOUBT_MARK "\nII. NỘI DUNG " OCR_DOUBT_MARK
			       "\n11. Các sở thực hiện\nSở Y tế\n");
	free(t);
}

/* Marks leave the text and set the flags; a paragraph is classified again. */
static void doubt_applied(void **state)
{
	const char *para = "5.1. Tổ chức lễ hội " OCR_DOUBT_MARK " hoa đào";
	struct doc *d = doc_new("t", "ocr");
	struct doc_block *b = doc_add_para(d, para, strlen(para), 1), *tb;
	struct doc_row *r;

	(void)b;
	doc_add_para(d, "Sạch", strlen("Sạch"), 2);
	tb = doc_add_table(d, 3);
	r = doc_table_add_row(tb->table, 3);
	doc_row_add_cell(r, "1", 1);
	doc_row_add_cell(r, "Sở Y " OCR_DOUBT_MARK " tế", strlen("Sở Y " OCR_DOUBT_MARK " tế"));
	ocr_apply_doubt(d);
	b = &d->blocks.v[0];
	assert_true(b->doubt);
	assert_string_equal(b->text, "5.1. Tổ chức lễ hội hoa đào");
	assert_int_equal(b->num, NUM_ARABIC);
	assert_string_equal(b->num_label, "5.1");
	assert_string_equal(b->body, "Tổ chức lễ hội hoa đào");
	assert_false(d->blocks.v[1].doubt);
	assert_false(d->blocks.v[0].lost);
	tb = &d->blocks.v[2];
	assert_true(tb->doubt);
	assert_false(tb->table->rows.v[0].cells.v[0].doubt);
	assert_true(tb->table->rows.v[0].cells.v[1].doubt);
	assert_string_equal(tb->table->rows.v[0].cells.v[1].text, "Sở Y tế");
	doc_free(d);
}

/* A word before a hole a seal left carries both marks: the item is doubtful
 * and lost, classified again without them. */
static void lost_applied(void **state)
{
	const char *para = "- Đơn " OCR_DOUBT_MARK " " OCR_LOST_MARK " Thương, các doanh nghiệp.";
	struct doc *d = doc_new("t", "ocr");

	doc_add_para(d, para, strlen(para), 1);
	ocr_apply_doubt(d);
	assert_true(d->blocks.v[0].doubt);
	assert_true(d->blocks.v[0].lost);
	assert_int_equal(d->blocks.v[0].num, NUM_DASH);
	assert_string_equal(d->blocks.v[0].text, "- Đơn Thương, các doanh nghiệp.");
	doc_free(d);
}

/* Roman headings OCR left unnumbered or misnumbered; "4.5" between 3.4 and 3.6. */
static void sequence_repaired(void **state)
{
	const char *lines[] = {"KẾ HOẠCH", "IL MỤC ĐÍCH", "I. MỤC TIÊU", "1. Chung", "S. Cụ thể", "lễ NỘI DUNG",
			       "3.4. Một",    "4.5. Hai",    "3.6. Ba",  "IV TỔ CHỨC"};
	const char *want[] = {NULL, "I", "II", "1", "2", "III", "3.4", "3.5", "3.6", "IV"};
	const bool doubt[] = {false, true, true, false, true, true, false, true, false, true};
	struct doc *d = doc_new("t", "ocr");
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lines); i++)
		doc_add_para(d, lines[i], strlen(lines[i]), (int)i + 1);
	ocr_fix_sequence(d);
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		if (!want[i]) { /* "KẾ" is a word, not a smudged numeral */
			assert_null(d->blocks.v[i].num_label);
			assert_false(d->blocks.v[i].doubt);
			continue;
		}
		assert_non_null(d->blocks.v[i].num_label);
		assert_string_equal(d->blocks.v[i].num_label, want[i]);
		assert_int_equal(d->blocks.v[i].doubt, doubt[i]);
	}
	assert_string_equal(d->blocks.v[1].body, "MỤC ĐÍCH");
	doc_free(d);
}

/* A table's number OCR misread ("&" for "3") is put back from its neighbours. */
static void table_numbers_repaired(void **state)
{
	const char *tt[] = {"I", "1", "2", "&", "II", "1", "$", "3"};
	const char *want[] = {"I", "1", "2", "3", "II", "1", "2", "3"};
	struct doc *d = doc_new("t", "ocr");
	struct doc_block *b = doc_add_table(d, 1);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tt); i++)
		doc_row_add_cell(doc_table_add_row(b->table, (int)i + 1), tt[i], strlen(tt[i]));
	ocr_fix_sequence(d);
	for (i = 0; i < ARRAY_SIZE(tt); i++)
		assert_string_equal(b->table->rows.v[i].cells.v[0].text, want[i]);
	assert_true(b->table->rows.v[3].cells.v[0].doubt);
	assert_false(b->table->rows.v[2].cells.v[0].doubt);
	doc_free(d);
}

/* Red and blue ink turn white and are mapped; black and grey print stay. */
static void ink_removed(void **state)
{
	enum { W = 64, H = 32 };
	uint32_t *px = xcalloc(W * H, sizeof(*px));
	struct ocr_image im = {0};
	int x, y;

	for (y = 0; y < H; y++)
		for (x = 0; x < W; x++)
			px[y * W + x] = x < 16 ? 0x000000 : x < 32 ? 0xCD1E28 : x < 48 ? 0x808080
											    : 0xFFFFFF;
	ocr_image_from_rgb(&im, px, W, H, W, 16, 8, 0, 300);
	assert_int_equal(im.gray[0], 0);
	assert_int_equal(im.gray[20], OCR_INK_GRAY);
	assert_int_equal(im.gray[40], 128);
	assert_int_equal(im.iw, 4);
	assert_int_equal(im.ink[0], 0);
	assert_int_equal(im.ink[1], 1);
	assert_int_equal(im.ink[2], 0);
	ocr_image_release(&im);
	free(px);
}

/* Words crowding the rules of a scanned table still fall into the ruled columns. */
static void rules_are_columns(void **state)
{
	struct lay_words w = {0};
	struct lay_rule *r;
	struct sb out = SB_INIT;
	int row;
	char buf[16];

	for (row = 0; row < 4; row++) {
		double y = 100 + row * 60;

		snprintf(buf, sizeof(buf), "%d", row + 1);
		lay_add_word(&w, buf, strlen(buf), 10, y, 30, y + 40, 0, 3000);
		/* Two words 8 units apart across the rule at x = 200. */
		lay_add_word(&w, "Việc", strlen("Việc"), 100, y, 192, y + 40, 0, 3000);
		lay_add_word(&w, "Sở", strlen("Sở"), 208, y, 260, y + 40, 0, 3000);
		lay_add_word(&w, "Quý", strlen("Quý"), 400, y, 460, y + 40, 0, 3000);
		lay_add_word(&w, "Một", strlen("Một"), 600, y, 660, y + 40, 0, 3000);
	}
	r = VEC_PUSH(&w.rules);
	r->page = 0, r->x = 200, r->y0 = 90, r->y1 = 350;
	r = VEC_PUSH(&w.rules);
	r->page = 0, r->x = 60, r->y0 = 90, r->y1 = 350;
	r = VEC_PUSH(&w.rules);
	r->page = 0, r->x = 330, r->y0 = 90, r->y1 = 350;
	r = VEC_PUSH(&w.rules);
	r->page = 0, r->x = 900, r->y0 = 90, r->y1 = 350; /* the right border */
	lay_build_text(&w, &out);
	assert_non_null(strstr(out.buf, "1\tViệc\tSở\tQuý Một\n"));
	sb_release(&out);
	lay_words_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(furniture_dropped), cmocka_unit_test(numbers_repaired),
	    cmocka_unit_test(doubt_applied), cmocka_unit_test(lost_applied),     cmocka_unit_test(sequence_repaired),
	    cmocka_unit_test(ink_removed),       cmocka_unit_test(rules_are_columns),
	    cmocka_unit_test(table_numbers_repaired),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
