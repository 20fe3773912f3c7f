/*
 * test_header.c - the document-header pass and its word and date helpers:
 * every header form of the seeds (draft number, spaced number, steering
 * committee, OCR scan, appendix), issuer columns printed as lines or as a
 * table, partial dates, and the five seeds themselves.
 */
#include "unit.h"
#include "xfixture.h"
#include "extract/agency.h"
#include "extract/extract.h"
#include "extract/header.h"
#include "ingest/doc.h"
#include "ingest/ingest.h"
#include "model/plan.h"


static void run_doc(struct fixture *f, struct doc *doc, bool ocr)
{
	fixture_start(f, doc, ocr);
	extract_header(&f->x);
}

static void run(struct fixture *f, const char *text, bool ocr)
{
	run_doc(f, fixture_text(text), ocr);
}

/* Opens the seed whose name starts with prefix ("002_"). */
static void run_seed(struct fixture *f, const char *prefix, bool ocr)
{
	run_doc(f, fixture_seed(prefix), ocr);
}

static void done(struct fixture *f)
{
	fixture_done(f);
}

static void check_doc(const struct document *d, const char *number, const char *kind,
		      const char *issuer, const char *place, const char *date, int year)
{
	assert_str_or_null(d->number, number);
	assert_str_or_null(d->kind, kind);
	assert_str_or_null(d->issuer, issuer);
	assert_str_or_null(d->place, place);
	assert_string_equal(d->date, date);
	assert_int_equal(d->year, year);
}

/* ---- dates ---------------------------------------------------------- */

static const char *date_read(const char *s, bool fuzzy, char *iso)
{
	struct htoks t = { 0 };
	size_t end;

	iso[0] = 0;
	header_tokenize(s, strlen(s), &t);
	end = header_date_at(&t, 0, fuzzy, iso);
	header_toks_release(&t);
	return end ? iso : NULL;
}

static const char *date_of(const char *s, char *iso)
{
	return date_read(s, false, iso);
}

static void dates_full_and_partial(void **state)
{
	char iso[DATE_LEN];

	assert_str_or_null(date_of("ngày 03 tháng 02 năm 2026", iso), "2026-02-03");
	assert_str_or_null(date_of("ngày tháng 4 năm 2026", iso), "2026-04");
	assert_str_or_null(date_of("ngày tháng 01 năm 2024", iso), "2024-01");
	assert_str_or_null(date_of("ngày tháng năm 2026", iso), "2026");
	assert_str_or_null(date_of("ngày /3/2026", iso), "2026-03");
	assert_str_or_null(date_of("ngày 15/6/2024", iso), "2024-06-15");
	assert_str_or_null(date_of("15/12/2024", iso), "2024-12-15");
	assert_str_or_null(date_of("25-11-2026", iso), "2026-11-25");
	assert_str_or_null(date_of("ngay 06 thang4 nam 2021", iso), "2021-04-06");
	assert_str_or_null(date_of("ngày 29/2/2024", iso), "2024-02-29");
	/* OCR: the date words one edit off, only when the text is a scan. */
	assert_str_or_null(date_read("ngdy 06 thang 4 ndm 2021", true, iso), "2021-04-06");
	assert_null(date_read("ngdy 06 thang 4 ndm 2021", false, iso));
}

static void dates_rejected(void **state)
{
	char iso[DATE_LEN];

	assert_null(date_of("ngày 30/2/2024", iso));
	assert_null(date_of("ngày 12 tháng 13 năm 2024", iso));
	assert_null(date_of("ngày 32/1/2024", iso));
	assert_null(date_of("15/6", iso));
	assert_null(date_of("/3/2026", iso)); /* no "ngày": a fraction, not a date */
	assert_null(date_of("ngày", iso));
	assert_null(date_of("ngày tháng năm", iso));
	assert_null(date_of("Nghị quyết 30/2025/NQ-HĐND", iso));
	assert_null(date_of("ngày 1/1/1800", iso));
}

static void tokens_keep_words_and_marks(void **state)
{
	struct htoks t = { 0 };
	const char *s = "Sở NN&MT, “Quý III/2026”";

	header_tokenize(s, strlen(s), &t);
	assert_int_equal(t.n, 9);
	assert_string_equal(t.v[0].key, "so");
	assert_true(t.v[0].upper);
	assert_string_equal(t.v[1].key, "nn&mt");
	assert_true(t.v[1].caps);
	assert_true(t.v[1].space);
	assert_false(t.v[2].word); /* "," */
	assert_false(t.v[2].space);
	assert_false(t.v[3].word); /* the opening quote */
	assert_string_equal(t.v[4].key, "quy");
	assert_true(t.v[7].digits);
	assert_true(header_tok_is(&t, 6, "/"));
	header_toks_release(&t);
}

/* ---- header forms --------------------------------------------------- */

static void draft_plan_header(void **state)
{
	struct fixture f;

	run(&f,
	    "\n\nSố: /KH-UBND\n\nLào Cai, ngày tháng 4 năm 2026\n\nKẾ HOẠCH\n\n"
	    "Triển khai thực hiện các nhiệm vụ chiến lược phát triển các ngành công nghiệp "
	    "văn hóa năm 2026 trên địa bàn tỉnh Lào Cai\n\n"
	    "Thực hiện Quyết định số 2486/QĐ-TTg ngày 14/11/2025 của Thủ tướng Chính phủ; "
	    "UBND tỉnh ban hành Kế hoạch như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n",
	    false);
	check_doc(&f.plan.doc, "/KH-UBND", "Kế hoạch", "UBND tỉnh Lào Cai", "Lào Cai", "2026-04",
		  2026);
	assert_string_equal(f.plan.doc.title,
			    "Triển khai thực hiện các nhiệm vụ chiến lược phát triển các ngành "
			    "công nghiệp văn hóa năm 2026 trên địa bàn tỉnh Lào Cai");
	done(&f);
}

static void action_programme_header(void **state)
{
	struct fixture f;

	run(&f,
	    "Số: 04 /CTr-UBND\n\nLào Cai, ngày 03 tháng 02 năm 2026\n\n"
	    "CHƯƠNG TRÌNH HÀNH ĐỘNG\n"
	    "của Ủy ban nhân dân tỉnh thực hiện Nghị quyết số 01/NQ-CP ngày 08/01/2026\n"
	    "của Chính phủ về nhiệm vụ, giải pháp chủ yếu năm 2026\n\n"
	    "Thực hiện Nghị quyết số 01/NQ-CP, Ủy ban nhân dân tỉnh Lào Cai ban hành:\n",
	    false);
	check_doc(&f.plan.doc, "04/CTr-UBND", "Chương trình hành động", "UBND tỉnh Lào Cai",
		  "Lào Cai", "2026-02-03", 2026);
	assert_string_equal(f.plan.doc.title,
			    "của Ủy ban nhân dân tỉnh thực hiện Nghị quyết số 01/NQ-CP ngày "
			    "08/01/2026 của Chính phủ về nhiệm vụ, giải pháp chủ yếu năm 2026");
	done(&f);
}

static void steering_committee_header(void **state)
{
	struct fixture f;

	run(&f,
	    "Số: /KH-BCĐ\n\nLạng Sơn, ngày tháng 01 năm 2024\n\nKẾ HOẠCH\n"
	    "Hoạt động của Ban Chỉ đạo phát triển du lịch\ntỉnh Lạng Sơn năm 2024\n\n"
	    "Ban Chỉ đạo phát triển du lịch tỉnh (*Ban chỉ đạo tỉnh*) xây dựng kế hoạch:\n",
	    false);
	check_doc(&f.plan.doc, "/KH-BCĐ", "Kế hoạch",
		  "Ban Chỉ đạo phát triển du lịch tỉnh Lạng Sơn", "Lạng Sơn", "2024-01", 2024);
	assert_string_equal(f.plan.doc.title,
			    "Hoạt động của Ban Chỉ đạo phát triển du lịch tỉnh Lạng Sơn năm 2024");
	done(&f);
}

/* The committee named only in the body: the place comes from the date line. */
static void steering_committee_from_body(void **state)
{
	struct fixture f;

	run(&f,
	    "Số: 12/KH-BCĐ\n\nLạng Sơn, ngày 5 tháng 01 năm 2024\n\nKẾ HOẠCH\n"
	    "Hoạt động năm 2024\n\n"
	    "Ban Chỉ đạo phát triển du lịch tỉnh (*Ban chỉ đạo tỉnh*) xây dựng kế hoạch:\n",
	    false);
	assert_string_equal(f.plan.doc.issuer, "Ban Chỉ đạo phát triển du lịch tỉnh Lạng Sơn");
	assert_string_equal(f.plan.doc.date, "2024-01-05");
	done(&f);
}

static void ocr_header(void **state)
{
	struct fixture f;

	run(&f,
	    " TINH LAI CHAU Poc l1ap - Tw do - Hanh phuc\n"
	    "Sb: 863 /KH-UBND Lai Chau, ngay 06 thang4 nam 2021\nKE HOACH\n\n"
	    "Trién khai cic hoat dong lién két hop tac phat trién du lich\n"
	    "8 tinh Tay Bac mé rong va Thanh pho Ho Chi Minh nam 2021\n\n"
	    "Cin ctr Thoa thuan lién két hop tac phét trien du lich;\n",
	    true);
	check_doc(&f.plan.doc, "863/KH-UBND", "Kế hoạch", "UBND tỉnh Lai Châu", "Lai Châu",
		  "2021-04-06", 2021);
	assert_non_null(f.plan.doc.title);
	assert_non_null(strstr(f.plan.doc.title, "Thanh pho Ho Chi Minh nam 2021"));
	done(&f);
}

static void ocr_number_variants(void **state)
{
	struct fixture f;

	run(&f, "S6: 12/KH-UBND\n\nLai Chau, ngay 6 thang 4 nam 2021\n\nKE HOACH\n\nVe viec\n",
	    true);
	assert_str_or_null(f.plan.doc.number, "12/KH-UBND");
	assert_str_or_null(f.plan.doc.place, "Lai Châu");
	done(&f);
	run(&f, "Số: 04 / CTr-UBND\n\nLào Cai, ngày 03 tháng 02 năm 2026\n\nKẾ HOẠCH\n", false);
	assert_str_or_null(f.plan.doc.number, "04/CTr-UBND");
	done(&f);
	run(&f, "Số: 15/2026/QĐ-UBND\n\nHà Nội, ngày 1 tháng 2 năm 2026\n\nQUYẾT ĐỊNH\n", false);
	assert_str_or_null(f.plan.doc.number, "15/2026/QĐ-UBND");
	assert_str_or_null(f.plan.doc.kind, "Quyết định");
	assert_str_or_null(f.plan.doc.place, "Hà Nội");
	done(&f);
	run(&f, "Số 7/KH-UBND\n\nLào Cai, ngày 1 tháng 2 năm 2026\n\nKẾ HOẠCH\n", false);
	assert_str_or_null(f.plan.doc.number, "7/KH-UBND");
	done(&f);
}

static void appendix_header(void **state)
{
	struct fixture f;

	run(&f,
	    "\n\nPhụ lục 02:\n\n**PHÂN CÔNG NHIỆM VỤ**\n\n"
	    "**Kế hoạch triển khai Đề án Phát triển du lịch tỉnh Lào Cai năm 2026**\n\n"
	    "(Kèm theo Kế hoạch số /KH-UBND ngày /3/2026 của Ủy ban nhân dân tỉnh Lào Cai)\n\n"
	    "TT\tNhiệm vụ\tCơ quan chủ trì\n1\tTuyên truyền\tSở VHTTDL\n2\tA\tB\n3\tA\tB\n"
	    "4\tA\tB\n5\tA\tB\n6\tA\tB\n",
	    false);
	check_doc(&f.plan.doc, NULL, "Phụ lục", "UBND tỉnh Lào Cai", NULL, "2026-03", 2026);
	assert_string_equal(f.plan.doc.title, "Phân công nhiệm vụ Kế hoạch triển khai Đề án Phát "
					      "triển du lịch tỉnh Lào Cai năm 2026");
	done(&f);
}

/* The issuer column kept, beside the motto, as a two-column table. */
static void issuer_column_as_table(void **state)
{
	struct fixture f;

	run(&f,
	    "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
	    "TỈNH LÀO CAI\tĐộc lập - Tự do - Hạnh phúc\n\n"
	    "Số: 12/QĐ-UBND\tLào Cai, ngày 5 tháng 3 năm 2025\n\n"
	    "QUYẾT ĐỊNH\n\nVề việc ban hành Kế hoạch phát triển du lịch năm 2025\n\n"
	    "Căn cứ Luật Tổ chức chính quyền địa phương;\n",
	    false);
	check_doc(&f.plan.doc, "12/QĐ-UBND", "Quyết định", "UBND tỉnh Lào Cai", "Lào Cai",
		  "2025-03-05", 2025);
	assert_string_equal(f.plan.doc.title, "Về việc ban hành Kế hoạch phát triển du lịch năm 2025");
	done(&f);
}

/* A body under the People's Committee: the lower line is the issuer. */
static void issuer_column_as_lines(void **state)
{
	struct fixture f;

	run(&f,
	    "UBND TỈNH LẠNG SƠN\nBAN CHỈ ĐẠO PHÁT TRIỂN DU LỊCH\n\n"
	    "Số: 5/KH-BCĐ\n\nLạng Sơn, ngày 10 tháng 01 năm 2024\n\n"
	    "KẾ HOẠCH TRIỂN KHAI NHIỆM VỤ NĂM 2024 TRÊN ĐỊA BÀN TỈNH LẠNG SƠN\n\n"
	    "Thực hiện Chương trình hành động số 23-CTr/TU, ngày 27/8/2021 của Tỉnh ủy;\n",
	    false);
	check_doc(&f.plan.doc, "5/KH-BCĐ", "Kế hoạch",
		  "Ban Chỉ đạo phát triển du lịch tỉnh Lạng Sơn", "Lạng Sơn", "2024-01-10", 2024);
	assert_string_equal(f.plan.doc.title,
			    "Triển khai nhiệm vụ năm 2024 trên địa bàn tỉnh Lạng Sơn");
	done(&f);
}

/* The two-line form "ỦY BAN NHÂN DÂN" / "TỈNH …" with a Sở's own plan. */
static void issuer_people_committee_lines(void **state)
{
	struct fixture f;

	run(&f,
	    "ỦY BAN NHÂN DÂN\n\nTỈNH YÊN BÁI\n\nSố: 7/KH-UBND\n\n"
	    "Yên Bái, ngày 2 tháng 3 năm 2025\n\nBÁO CÁO\n\nKết quả thực hiện năm 2024\n",
	    false);
	check_doc(&f.plan.doc, "7/KH-UBND", "Báo cáo", "UBND tỉnh Yên Bái", "Yên Bái",
		  "2025-03-02", 2024);
	done(&f);
}

/* The year is the plan's, not a horizon: "đến năm 2030" is not it. */
static void year_from_title_not_horizon(void **state)
{
	struct fixture f;

	run(&f,
	    "Số: 9/KH-UBND\n\nLào Cai, ngày 5 tháng 3 năm 2025\n\nKẾ HOẠCH\n\n"
	    "Phát triển du lịch đến năm 2030\n\nThực hiện Nghị quyết;\n",
	    false);
	assert_int_equal(f.plan.doc.year, 2025);
	done(&f);
}

static void header_survives_odd_input(void **state)
{
	static const char *const inputs[] = {
		"Số:\n", "Số: /\n", "ngày\n", "KẾ HOẠCH\n", "(Kèm theo của\n", "(Kèm theo\n",
		"Phụ lục\n", "Số: -\n\nKẾ HOẠCH\n", ", ngày 1/1/2020\n", "Sb:\n\nKE HOACH\n",
		"UBND\n\nSố: 1/KH-UBND\n", "BAN CHỈ ĐẠO\n\nSố: 1/KH-BCĐ\n", "Số: 1/KH-BCĐ\n\nKẾ HOẠCH\n",
		"TỈNH\n", "ỦY BAN NHÂN DÂN TỈNH\n",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(inputs); i++) {
		struct fixture f;

		run(&f, inputs[i], i % 2 == 0);
		done(&f);
	}
}

/* ---- the seeds ------------------------------------------------------ */

static void seed_000_appendix(void **state)
{
	struct fixture f;

	run_seed(&f, "000_", false);
	check_doc(&f.plan.doc, NULL, "Phụ lục", "UBND tỉnh Lào Cai", NULL, "2026-03", 2026);
	assert_string_equal(f.plan.doc.title, "Phân công nhiệm vụ Kế hoạch triển khai Đề án Phát "
					      "triển du lịch tỉnh Lào Cai năm 2026");
	done(&f);
}

static void seed_001_ocr(void **state)
{
	struct fixture f;

	run_seed(&f, "001_", true);
	check_doc(&f.plan.doc, "863/KH-UBND", "Kế hoạch", "UBND tỉnh Lai Châu", "Lai Châu",
		  "2021-04-06", 2021);
	done(&f);
}

static void seed_002_draft(void **state)
{
	struct fixture f;

	run_seed(&f, "002_", false);
	check_doc(&f.plan.doc, "/KH-UBND", "Kế hoạch", "UBND tỉnh Lào Cai", "Lào Cai", "2026-04",
		  2026);
	assert_string_equal(f.plan.doc.title,
			    "Triển khai thực hiện các nhiệm vụ chiến lược phát triển các ngành "
			    "công nghiệp văn hóa năm 2026 trên địa bàn tỉnh Lào Cai");
	done(&f);
}

static void seed_003_programme(void **state)
{
	struct fixture f;

	run_seed(&f, "003_", false);
	check_doc(&f.plan.doc, "04/CTr-UBND", "Chương trình hành động", "UBND tỉnh Lào Cai",
		  "Lào Cai", "2026-02-03", 2026);
	done(&f);
}

static void seed_004_committee(void **state)
{
	struct fixture f;

	run_seed(&f, "004_", false);
	check_doc(&f.plan.doc, "/KH-BCĐ", "Kế hoạch", "Ban Chỉ đạo phát triển du lịch tỉnh Lạng Sơn",
		  "Lạng Sơn", "2024-01", 2024);
	assert_string_equal(f.plan.doc.title,
			    "Hoạt động của Ban Chỉ đạo phát triển du lịch tỉnh Lạng Sơn năm 2024");
	done(&f);
}

/* A tracker exported as text: the agency heading typed in ordinary case in
 * the first cell, the motto beside it, a title with no type word. The issuer
 * is the registered body, the title and its year are the plan's. */
static void tracker_title_without_kind(void **state)
{
	struct fixture f;

	run(&f,
	    "Sở Nông nghiệp và Môi trường\t\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\t\t\n"
	    "\t\t\tĐộc lập - Tự do - Hạnh phúc\t\t\n\t\t\t\t\t\n"
	    "BẢNG TỔNG HỢP NHIỆM VỤ PHÒNG, CHỐNG THIÊN TAI NĂM 2026\t\t\t\t\t\n"
	    "STT\tNội dung công việc\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời hạn\tGhi chú\n"
	    "1\tKiểm tra hồ chứa\tSở Xây dựng\tCông an tỉnh\t30/04/2026\t\n",
	    false);
	check_doc(&f.plan.doc, NULL, NULL, "Sở Nông nghiệp và Môi trường", NULL, "", 2026);
	assert_string_equal(f.plan.doc.title,
			    "Bảng tổng hợp nhiệm vụ phòng, chống thiên tai năm 2026");
	done(&f);
}

/* A sentence that opens with a body's name is no issuer heading, and a
 * line in capitals that is the motto or a date is no title. */
static void typed_issuer_needs_whole_body(void **state)
{
	struct fixture f;

	run(&f,
	    "Sở Y tế chủ trì tổ chức kiểm tra\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
	    "HÀ NỘI, NGÀY 5 THÁNG 3 NĂM 2025\n",
	    false);
	assert_null(f.plan.doc.issuer);
	assert_null(f.plan.doc.title);
	done(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_full_and_partial),
		cmocka_unit_test(dates_rejected),
		cmocka_unit_test(tokens_keep_words_and_marks),
		cmocka_unit_test(draft_plan_header),
		cmocka_unit_test(action_programme_header),
		cmocka_unit_test(steering_committee_header),
		cmocka_unit_test(steering_committee_from_body),
		cmocka_unit_test(ocr_header),
		cmocka_unit_test(ocr_number_variants),
		cmocka_unit_test(appendix_header),
		cmocka_unit_test(issuer_column_as_table),
		cmocka_unit_test(issuer_column_as_lines),
		cmocka_unit_test(issuer_people_committee_lines),
		cmocka_unit_test(year_from_title_not_horizon),
		cmocka_unit_test(tracker_title_without_kind),
		cmocka_unit_test(typed_issuer_needs_whole_body),
		cmocka_unit_test(header_survives_odd_input),
		cmocka_unit_test(seed_000_appendix),
		cmocka_unit_test(seed_001_ocr),
		cmocka_unit_test(seed_002_draft),
		cmocka_unit_test(seed_003_programme),
		cmocka_unit_test(seed_004_committee),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
