/*
 * test_base.c - the string builder, UTF-8 checks and the folding key.
 */
#include "unit.h"
#include "base/err.h"
#include "base/utf8.h"
#include "base/xalloc.h"

static void sb_appends_and_detaches(void **state)
{
	struct sb sb = SB_INIT;
	char *s;

	sb_adds(&sb, "Quý ");
	sb_addf(&sb, "%s/%d", "III", 2026);
	assert_string_equal(sb.buf, "Quý III/2026");
	s = sb_detach(&sb);
	assert_string_equal(s, "Quý III/2026");
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	free(s);
}

/* Room made ahead is still an empty string, and a fold to nothing is "". */
static void sb_decimals_print_with_a_comma(void **state)
{
	struct sb s = SB_INIT;

	sb_add_decimal_vi(&s, 14.97, 4);
	sb_adds(&s, " ");
	sb_add_decimal_vi(&s, 155000, 4);
	sb_adds(&s, " ");
	sb_add_decimal_vi(&s, -0.00001, 4);
	sb_adds(&s, " ");
	sb_add_decimal_vi(&s, 2.5, 0);
	assert_string_equal(s.buf, "14,97 155000 0 2");
	sb_release(&s);
}

static void sb_reserve_keeps_a_string(void **state)
{
	struct sb sb = SB_INIT;
	char *s;

	assert_int_equal(sb_reserve(&sb, 64), 0);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	s = sb_detach(&sb);
	assert_string_equal(s, "");
	free(s);
	s = vi_fold_dup("_%", VI_FOLD_PUNCT);
	assert_string_equal(s, "");
	free(s);
}

/* Cut to max characters (not bytes), an ellipsis when cut. */
static void utf8_truncate_counts_characters(void **state)
{
	struct sb sb = SB_INIT;

	utf8_truncate(&sb, "Văn hóa", 7); /* 7 characters, 10 bytes: whole */
	assert_string_equal(sb.buf, "Văn hóa");
	sb_reset(&sb);
	utf8_truncate(&sb, "Văn hóa", 3);
	assert_string_equal(sb.buf, "Văn\xE2\x80\xA6");
	sb_reset(&sb);
	utf8_truncate(&sb, "abc", 3);
	assert_string_equal(sb.buf, "abc");
	sb_reset(&sb);
	utf8_truncate(&sb, "abcd", 3);
	assert_string_equal(sb.buf, "abc\xE2\x80\xA6");
	sb_release(&sb);
}

static void sb_cap_refuses_growth(void **state)
{
	struct sb sb = SB_INIT;

	sb.max = 4;
	assert_int_equal(sb_adds(&sb, "abcd"), 0);
	assert_int_equal(sb_addc(&sb, 'e'), -1);
	assert_true(sb.toobig);
	assert_string_equal(sb.buf, "abcd");
	sb_release(&sb);
}

static void sb_collapses_white_space(void **state)
{
	struct sb sb = SB_INIT;

	{ const char *in = "  Sở \t VHTTDL\xC2\xA0\xC2\xA0 tỉnh  ";
	sb_add_collapsed(&sb, in, strlen(in)); }
	assert_string_equal(sb.buf, "Sở VHTTDL tỉnh");
	sb_trim(&sb);
	assert_string_equal(sb.buf, "Sở VHTTDL tỉnh");
	sb_release(&sb);
	/* Appended to text that ends in a word: one space between. */
	sb_adds(&sb, "Sở");
	sb_add_collapsed(&sb, "\n Y tế\n", strlen("\n Y tế\n"));
	assert_string_equal(sb.buf, "Sở Y tế");
	sb_release(&sb);
	/* Under a cap, what fits is kept, a character at a time. */
	sb_init(&sb, 6);
	assert_int_equal(sb_add_collapsed(&sb, "abc  defgh", 10), -1);
	assert_true(sb.toobig);
	assert_string_equal(sb.buf, "abc de");
	sb_release(&sb);
}

static void utf8_check_finds_bad_byte(void **state)
{
	size_t bad = 0;

	assert_true(utf8_check("Lào Cai", strlen("Lào Cai"), &bad));
	assert_false(utf8_check("ab\xC3(", 4, &bad));
	assert_int_equal(bad, 2);
	assert_false(utf8_check("a\0b", 3, &bad));
}

static void nfc_composes(void **state)
{
	struct sb sb = SB_INIT;
	/* "hóa" with a combining acute accent (NFD) becomes precomposed. */
	assert_int_equal(utf8_nfc(&sb, "ho\xCC\x81" "a", 5), 0);
	assert_string_equal(sb.buf, "h\xC3\xB3" "a");
	sb_release(&sb);
}

static void fold_meets_spellings(void **state)
{
	char *a = vi_fold_dup("Sở Văn hoá, Thể thao  và Du lịch", 0);
	char *b = vi_fold_dup("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", 0);
	char *c = vi_fold_dup("Đồng chí Đặng", 0);
	char *d = vi_fold_dup("Sở VH-TT&DL", VI_FOLD_PUNCT);
	char *e = vi_fold_dup("VH TTDL", VI_FOLD_NOSPACE);

	assert_string_equal(a, "so van hoa, the thao va du lich");
	assert_string_equal(a, b);
	assert_string_equal(c, "dong chi dang");
	assert_string_equal(d, "so vh tt&dl");
	assert_string_equal(e, "vhttdl");
	assert_true(vi_fold_eq("Uỷ ban", "Ủy ban"));
	free(a);
	free(b);
	free(c);
	free(d);
	free(e);
}

static void fold_drops_invalid_bytes(void **state)
{
	struct sb sb = SB_INIT;

	assert_int_equal(vi_fold(&sb, "a\xFF" "b", 3, 0), 0);
	assert_string_equal(sb.buf, "ab");
	sb_release(&sb);
}

static void edit_distance_is_bounded(void **state)
{
	assert_int_equal(edit_distance("so van hoa", 10, "s& vin hoa", 10, 5), 2);
	assert_int_equal(edit_distance("abc", 3, "abc", 3, 0), 0);
	assert_int_equal(edit_distance("abcdef", 6, "zzzzzz", 6, 2), 3);
	assert_int_equal(edit_distance("a", 1, "abcdef", 6, 2), 3);
}

static void errors_have_names_and_messages(void **state)
{
	assert_string_equal(err_name(-ERR_NOTFOUND), "NOTFOUND");
	assert_string_equal(err_str(-ERR_ENCODING), "text is not valid UTF-8");
	assert_string_equal(err_name(0), "OK");
	assert_string_equal(err_name(-999), "UNKNOWN");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sb_appends_and_detaches),
		cmocka_unit_test(sb_cap_refuses_growth),
		cmocka_unit_test(utf8_truncate_counts_characters),
		cmocka_unit_test(sb_reserve_keeps_a_string),
		cmocka_unit_test(sb_decimals_print_with_a_comma),
		cmocka_unit_test(sb_collapses_white_space),
		cmocka_unit_test(utf8_check_finds_bad_byte),
		cmocka_unit_test(nfc_composes),
		cmocka_unit_test(fold_meets_spellings),
		cmocka_unit_test(fold_drops_invalid_bytes),
		cmocka_unit_test(edit_distance_is_bounded),
		cmocka_unit_test(errors_have_names_and_messages),
	};

	return cmocka_run_group_tests_name("base", tests, NULL, NULL);
}
