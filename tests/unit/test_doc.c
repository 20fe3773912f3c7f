/*
 * test_doc.c - the document model and the plain-text reader: numbering
 * forms (with OCR'd roman numerals), labelled fields, upper-case headings,
 * markup removal, and the joining of wrapped lines into paragraphs.
 */
#include "unit.h"
#include "ingest/doc.h"
#include "base/xalloc.h"

static struct doc_block *para(struct doc *d, const char *s)
{
	return doc_add_para(d, s, strlen(s), 1);
}

static void check_num(struct doc *d, const char *s, enum num_kind kind, const char *label,
		      int depth, const char *body)
{
	struct doc_block *b = para(d, s);

	assert_int_equal(b->num, kind);
	assert_str_or_null(b->num_label, label);
	if (label)
		assert_int_equal(b->num_depth, depth);
	assert_string_equal(b->body, body);
}

static void numbering_forms(void **state)
{
	struct doc *d = doc_new("t", "text");

	check_num(d, "II. NỘI DUNG", NUM_ROMAN, "II", 1, "NỘI DUNG");
	check_num(d, "IV - KINH PHÍ", NUM_ROMAN, "IV", 1, "KINH PHÍ");
	check_num(d, "1. Mục đích", NUM_ARABIC, "1", 1, "Mục đích");
	check_num(d, "1.2. Hoàn thiện thể chế", NUM_ARABIC, "1.2", 2, "Hoàn thiện thể chế");
	check_num(d, "3.1.2 Tổ chức", NUM_ARABIC, "3.1.2", 3, "Tổ chức");
	check_num(d, "11. Báo và Phát thanh", NUM_ARABIC, "11", 1, "Báo và Phát thanh");
	check_num(d, "a) Sở Tư pháp chủ trì", NUM_LETTER, "a", 1, "Sở Tư pháp chủ trì");
	check_num(d, "đ) Các sở, ban, ngành", NUM_LETTER, "đ", 1, "Các sở, ban, ngành");
	check_num(d, "(1) Quán triệt", NUM_PAREN, "1", 1, "Quán triệt");
	check_num(d, "- Nội dung: x", NUM_DASH, "-", 1, "Nội dung: x");
	check_num(d, "+ Tuyên truyền", NUM_PLUS, "+", 1, "Tuyên truyền");
	check_num(d, "2026 là năm đầu", NUM_NONE, NULL, 0, "2026 là năm đầu");
	check_num(d, "-5% so với năm trước", NUM_NONE, NULL, 0, "-5% so với năm trước");
	doc_free(d);
}

static void ocr_roman_numerals(void **state)
{
	struct doc *d = doc_new("t", "text");

	check_num(d, "I1. NQOI DUNG", NUM_ROMAN, "II", 1, "NQOI DUNG");
	check_num(d, "Il. NOI DUNG", NUM_ROMAN, "II", 1, "NOI DUNG");
	check_num(d, "111. TO CHUC THUC HIEN", NUM_ROMAN, "III", 1, "TO CHUC THUC HIEN");
	/* All ones before ordinary text stay an arabic number. */
	check_num(d, "11. Hiep hoi Du lich", NUM_ARABIC, "11", 1, "Hiep hoi Du lich");
	check_num(d, "1. MUC DICH", NUM_ARABIC, "1", 1, "MUC DICH");
	doc_free(d);
}

static void labels(void **state)
{
	struct doc *d = doc_new("t", "text");
	struct doc_block *b;

	b = para(d, "- *Đơn vị chủ trì:* Sở Văn hóa, Thể thao và Du lịch.");
	assert_string_equal(b->label, "Đơn vị chủ trì");
	assert_string_equal(b->value, "Sở Văn hóa, Thể thao và Du lịch.");
	b = para(d, "- *Đơn vị phối hợp*: Sở Tài chính");
	assert_string_equal(b->label, "Đơn vị phối hợp");
	assert_string_equal(b->value, "Sở Tài chính");
	b = para(d, "Nội dung:");
	assert_string_equal(b->label, "Nội dung");
	assert_string_equal(b->value, "");
	b = para(d, "- Dom vi thue hién: S& Vin héa");
	assert_string_equal(b->label, "Dom vi thue hién");
	/* A sentence with a colon far in is no label. */
	b = para(d, "Tiếp tục triển khai thực hiện tốt các nhiệm vụ đã đề ra trong năm như sau: a, b");
	assert_null(b->label);
	b = para(d, "Kế hoạch số 109/KH-UBND: nội dung");
	assert_null(b->label);
	doc_free(d);
}

static void upper_and_markup(void **state)
{
	struct doc *d = doc_new("t", "text");
	struct doc_block *b;

	b = para(d, "KẾ HOẠCH");
	assert_true(b->upper);
	b = para(d, "Kế hoạch");
	assert_false(b->upper);
	b = para(d, "**KT. CHỦ TỊCH**");
	assert_true(b->bold);
	assert_string_equal(b->text, "KT. CHỦ TỊCH");
	b = para(d, "cuộc vận động “*Người Việt Nam ưu tiên dùng hàng Việt Nam*”.");
	assert_string_equal(b->text, "cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”.");
	b = para(d, "Ban Chỉ đạo (*Ban chỉ đạo tỉnh*) xây dựng");
	assert_string_equal(b->text, "Ban Chỉ đạo (Ban chỉ đạo tỉnh) xây dựng");
	b = para(d, "diện tích 5*3 m và a * b");
	assert_string_equal(b->text, "diện tích 5*3 m và a * b");
	b = para(d, "<b>trước ngày 15/6/2024</b>");
	assert_true(b->bold);
	assert_string_equal(b->text, "trước ngày 15/6/2024");
	doc_free(d);
}

static struct doc *read_text(const char *s)
{
	struct sb err = SB_INIT;
	struct doc *d = text_read("t.txt", s, strlen(s), NULL, &err);

	assert_non_null(d);
	sb_release(&err);
	return d;
}

static void joins_wrapped_lines(void **state)
{
	struct doc *d = read_text("- Ngi dung: Trén co sé md hinh\n"
				  "du lich 8 tinh TBMR.\n"
				  "- Thoi gian: Quy 1/2021.\n"
				  "3.1. Ngay hoi Du lich\n"
				  "\n"
				  "Tiếp tục kiểm soát chất\n"
				  "\n"
				  "lượng kinh doanh dịch vụ.\n"
				  "\n"
				  "Đoạn mới bắt đầu.\n"
				  "\n"
				  "viết thường sau dấu chấm.\n"
				  "II. NỘI DUNG\n"
				  "trên dòng sau\n");

	assert_int_equal(d->blocks.n, 8);
	assert_string_equal(d->blocks.v[0].text,
			    "- Ngi dung: Trén co sé md hinh du lich 8 tinh TBMR.");
	assert_int_equal(d->blocks.v[0].line, 1);
	assert_int_equal(d->blocks.v[0].end_line, 2);
	assert_string_equal(d->blocks.v[1].label, "Thoi gian");
	assert_int_equal(d->blocks.v[2].num, NUM_ARABIC);
	/* A page break inside a sentence does not split the paragraph. */
	assert_string_equal(d->blocks.v[3].text, "Tiếp tục kiểm soát chất lượng kinh doanh dịch vụ.");
	assert_int_equal(d->blocks.v[3].end_line, 8);
	assert_string_equal(d->blocks.v[4].text, "Đoạn mới bắt đầu.");
	assert_string_equal(d->blocks.v[5].text, "viết thường sau dấu chấm.");
	/* An upper-case heading stays on its own. */
	assert_string_equal(d->blocks.v[6].text, "II. NỘI DUNG");
	assert_true(d->blocks.v[6].upper);
	assert_string_equal(d->blocks.v[7].text, "trên dòng sau");
	doc_free(d);
}

static void table_ends_paragraph(void **state)
{
	struct doc *d = read_text("Đoạn văn dở dang\n\nTT\tNhiệm vụ\n1\tLàm\n\nkết thúc\n");

	assert_int_equal(d->blocks.n, 3);
	assert_int_equal(d->blocks.v[0].kind, BLOCK_PARA);
	assert_int_equal(d->blocks.v[1].kind, BLOCK_TABLE);
	assert_int_equal(d->blocks.v[1].table->rows.n, 2);
	assert_int_equal(d->blocks.v[2].kind, BLOCK_PARA);
	doc_free(d);
}

/* Excel's tab-delimited export: title rows padded with tabs above the
 * table are paragraphs; a quoted cell runs over lines, its breaks kept. */
static void spreadsheet_text_export(void **state)
{
	struct doc *d = read_text("SỞ Y TẾ\t\tCỘNG HÒA\t\r\n\t\t\t\r\n"
				  "BẢNG THEO DÕI NĂM 2026\t\t\t\r\n"
				  "TT\tNhiệm vụ\tPhối hợp\tGhi chú\r\n"
				  "1\tKiểm tra\t\"Sở Tài chính\r\nCông an tỉnh\"\t\"\"\"Gấp\"\"\"\r\n"
				  "2\t\"Họp\" tháng\tSở Nội vụ\t\r\n");
	const struct doc_table *t;

	assert_int_equal(d->blocks.n, 4);
	assert_string_equal(d->blocks.v[0].text, "SỞ Y TẾ");
	assert_string_equal(d->blocks.v[1].text, "CỘNG HÒA");
	assert_string_equal(d->blocks.v[2].text, "BẢNG THEO DÕI NĂM 2026");
	assert_int_equal(d->blocks.v[2].line, 3);
	assert_int_equal(d->blocks.v[3].kind, BLOCK_TABLE);
	t = d->blocks.v[3].table;
	assert_int_equal(d->blocks.v[3].line, 4);
	assert_int_equal(t->rows.n, 3);
	assert_string_equal(t->rows.v[1].cells.v[2].text, "Sở Tài chính Công an tỉnh");
	assert_string_equal(t->rows.v[1].cells.v[2].lines, "Sở Tài chính\nCông an tỉnh");
	assert_string_equal(t->rows.v[1].cells.v[3].text, "\"Gấp\"");
	assert_int_equal(t->rows.v[2].line, 7);
	/* a quote glued to more text is printed text, not a quoted field */
	assert_string_equal(t->rows.v[2].cells.v[1].text, "\"Họp\" tháng");
	assert_string_equal(t->rows.v[2].cells.v[2].text, "Sở Nội vụ");
	doc_free(d);
}

static void rejects_bad_input(void **state)
{
	struct sb err = SB_INIT;

	assert_null(text_read("e.txt", "", 0, NULL, &err));
	sb_reset(&err);
	assert_null(text_read("b.txt", "a\0b", 3, NULL, &err));
	sb_reset(&err);
	assert_null(text_read("u.txt", "ab\xff", 3, NULL, &err));
	assert_non_null(strstr(err.buf, "UTF-8"));
	sb_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbering_forms),     cmocka_unit_test(ocr_roman_numerals),
		cmocka_unit_test(labels),	       cmocka_unit_test(upper_and_markup),
		cmocka_unit_test(joins_wrapped_lines), cmocka_unit_test(table_ends_paragraph),
		cmocka_unit_test(rejects_bad_input),   cmocka_unit_test(spreadsheet_text_export),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
