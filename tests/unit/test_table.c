/*
 * test_table.c - the table pass: assignment and indicator tables read from
 * small hand-made exports (tab-separated and markdown), with the damage real
 * exports carry: repeated headers, lost merges, continuation rows, shifted
 * cells, section rows, "-"/"+" and unnumbered indicator rows.
 */
#include "unit.h"
#include "extract/agency.h"
#include "extract/extract.h"
#include "ingest/doc.h"
#include "model/plan.h"

struct run {
	struct agency_registry *reg;
	struct doc *doc;
	struct plan plan;
};

/* Runs the table pass alone, as extract_plan() would after the header. */
static void run_tables(const struct doc *d, const struct agency_registry *reg, struct plan *plan)
{
	struct extract_ctx x = { .doc = d, .agencies = reg, .plan = plan, .year = 2026 };

	extract_tables(&x);
}

static void run_text(struct run *r, const char *text)
{
	struct sb err = SB_INIT;

	r->reg = agency_registry_new();
	plan_init(&r->plan);
	r->doc = text_read("t.txt", text, strlen(text), NULL, &err);
	assert_non_null(r->doc);
	run_tables(r->doc, r->reg, &r->plan);
	sb_release(&err);
}

static void run_free(struct run *r)
{
	plan_release(&r->plan);
	doc_free(r->doc);
	agency_registry_free(r->reg);
}

static bool has(const struct strlist *l, const char *s)
{
	return strlist_has(l, s);
}

#define HDR "TT\tNhiệm vụ\tLãnh đạo tỉnh phụ trách\tĐồng chí lãnh đạo kiểm tra đôn đốc\t" \
	    "Cơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tKết quả\n"

static void assignment_basic_and_sections(void **state)
{
	struct run r;

	run_text(&r, "Phân công nhiệm vụ\n\n" HDR
		     "<b>I</b>\t<b>Tuyên truyền</b>\t\t\t\t\t\t\n"
		     "1\tViết bài\tPhó Chủ tịch UBND tỉnh, Nguyễn Văn An\tGiám đốc Sở Tài chính\t"
		     "Sở Tài chính\tSở Nội vụ\tQuý I/2026\tBa bài\n"
		     "<b>II</b>\t<b>Đầu tư</b>\t\t\t\t\t\t\n"
		     "<b>1</b>\t<b>Hạ tầng</b>\t\t\t\t\t\t\n"
		     "1.1\tLàm đường\tPhó Chủ tịch UBND tỉnh, Lê Thị Bình\tGiám đốc Sở Xây dựng\t"
		     "Sở Xây dựng\tSở Tài chính\tNăm 2026\t\n"
		     "2\tMua sắm\tPhó Chủ tịch UBND tỉnh, Lê Thị Bình\tGiám đốc Sở Xây dựng\t"
		     "Sở Xây dựng\t\tNăm 2026\t\n");
	assert_int_equal(r.plan.tasks.n, 3);
	assert_string_equal(r.plan.tasks.v[0].ref, "I.1");
	assert_string_equal(r.plan.tasks.v[0].section, "Tuyên truyền");
	assert_string_equal(r.plan.tasks.v[0].text, "Viết bài");
	assert_string_equal(r.plan.tasks.v[0].result, "Ba bài");
	assert_int_equal(r.plan.tasks.v[0].line, 5);
	assert_true(has(&r.plan.tasks.v[0].lead, "Sở Tài chính"));
	assert_true(has(&r.plan.tasks.v[0].coordinate, "Sở Nội vụ"));
	assert_str_or_null(r.plan.tasks.v[0].leader, "Nguyễn Văn An");
	assert_non_null(r.plan.tasks.v[0].due);
	assert_string_equal(r.plan.tasks.v[0].due->text, "Quý I/2026");
	assert_string_equal(r.plan.tasks.v[1].ref, "II.1.1");
	assert_string_equal(r.plan.tasks.v[1].section, "Hạ tầng");
	/* "2" is not under group "1": the roman section's title. */
	assert_string_equal(r.plan.tasks.v[2].ref, "II.2");
	assert_string_equal(r.plan.tasks.v[2].section, "Đầu tư");
	assert_null(r.plan.tasks.v[2].result);
	run_free(&r);
}

static void lettered_and_dashed_items(void **state)
{
	struct run r;

	/* Unknown named columns ("Kinh phí") are read by nobody; "c)" is a
	 * letter, not the roman hundred. */
	run_text(&r, "TT\tNội dung\tCơ quan chủ trì\tKinh phí\tThời gian\n"
		     "I.\tTRUYỀN THÔNG\t\t\t\n"
		     "2\tQuảng bá\tSở Nội vụ\t100 triệu đồng\tNăm 2026\n"
		     "a)\tLàm phim\t\t\t\n"
		     "c)\tIn sách\t\t\t\n"
		     "-\tPhát tờ rơi\tSở Tài chính\t\tQuý I/2026\n");
	assert_int_equal(r.plan.tasks.n, 4);
	assert_string_equal(r.plan.tasks.v[0].ref, "I.2");
	assert_string_equal(r.plan.tasks.v[0].section, "TRUYỀN THÔNG");
	assert_null(r.plan.tasks.v[0].result);
	assert_true(strlist_has(&r.plan.tasks.v[0].lead, "Sở Nội vụ"));
	assert_string_equal(r.plan.tasks.v[1].ref, "I.2.a");
	assert_string_equal(r.plan.tasks.v[2].ref, "I.2.c");
	assert_string_equal(r.plan.tasks.v[3].ref, "I.2.1");
	assert_true(strlist_has(&r.plan.tasks.v[3].lead, "Sở Tài chính"));
	run_free(&r);
}

static void header_in_other_order(void **state)
{
	struct run r;

	run_text(&r, "STT\tThời hạn\tCơ quan phối hợp\tTên nhiệm vụ\tĐơn vị chủ trì\tSản phẩm\n"
		     "1\tQuý II/2026\tSở Nội vụ\tSửa quy chế\tSở Tư pháp\tQuy chế mới\n"
		     "2\tNăm 2026\t\tKiểm tra\tThanh tra tỉnh\t\n");
	assert_int_equal(r.plan.tasks.n, 2);
	assert_string_equal(r.plan.tasks.v[0].ref, "1");
	assert_string_equal(r.plan.tasks.v[0].text, "Sửa quy chế");
	assert_string_equal(r.plan.tasks.v[0].result, "Quy chế mới");
	assert_true(has(&r.plan.tasks.v[0].lead, "Sở Tư pháp"));
	assert_true(has(&r.plan.tasks.v[0].coordinate, "Sở Nội vụ"));
	assert_non_null(r.plan.tasks.v[0].due);
	assert_string_equal(r.plan.tasks.v[0].due->text, "Quý II/2026");
	assert_string_equal(r.plan.tasks.v[1].text, "Kiểm tra");
	assert_true(has(&r.plan.tasks.v[1].lead, "Thanh tra tỉnh"));
	run_free(&r);
}

/* A header over two rows: "Cơ quan thực hiện" over "Chủ trì" and "Phối
 * hợp", "Thời gian" over "Bắt đầu" and "Hoàn thành". Both halves of the time
 * window make the due; one alone is read as printed. */
static void two_row_header_time_window(void **state)
{
	struct run r;

	run_text(&r, "TT\tNội dung\tCơ quan thực hiện\t\tThời gian\t\tSản phẩm\n"
		     "\t\tChủ trì\tPhối hợp\tBắt đầu\tHoàn thành\t\n"
		     "1\tTiêm phòng\tPhòng Kinh tế\tTrạm Y tế xã\t01/3/2026\t30/4/2026\tBáo cáo\n"
		     "2\tKiểm tra\tCông an xã\tPhòng Kinh tế\tNăm 2026\t\tBiên bản\n");
	assert_int_equal(r.plan.tasks.n, 2);
	assert_true(has(&r.plan.tasks.v[0].lead, "Phòng Kinh tế"));
	assert_true(has(&r.plan.tasks.v[0].coordinate, "Trạm Y tế xã"));
	assert_non_null(r.plan.tasks.v[0].due);
	assert_string_equal(r.plan.tasks.v[0].due->start, "2026-03-01");
	assert_string_equal(r.plan.tasks.v[0].due->end, "2026-04-30");
	assert_true(has(&r.plan.tasks.v[1].coordinate, "Phòng Kinh tế"));
	assert_string_equal(r.plan.tasks.v[1].due->start, "2026-01-01");
	assert_string_equal(r.plan.tasks.v[1].due->end, "2026-12-31");
	run_free(&r);
}

/* In a scan, a numbered row whose text opens in lower case holds the end of
 * the row above (both texts doubtful), and a body the registry does not
 * know may be a misread one (doubtful); in clean text neither is. */
static void ocr_rows_doubted(void **state)
{
	static const char *const text =
		"TT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n"
		"1\tTập huấn bán hàng trực tuyến cho các hộ\tSở Công Thương\tSở VHTTTDL\tQuý II/2026\n"
		"2\tkinh doanh du lịch Thanh toán không dùng tiền mặt\tSở Tài chính\tSở Y tế\tQuý III/2026\n";
	int ocr;

	for (ocr = 0; ocr < 2; ocr++) {
		struct sb err = SB_INIT;
		struct agency_registry *reg = agency_registry_new();
		struct plan plan;
		struct doc *d = text_read("t.txt", text, strlen(text), NULL, &err);
		struct extract_ctx x = { .doc = d, .agencies = reg, .plan = &plan, .year = 2026,
					 .ocr = ocr };

		plan_init(&plan);
		extract_tables(&x);
		assert_int_equal(plan.tasks.n, 2);
		assert_int_equal(strlist_has(&plan.tasks.v[0].doubt, "coordinate"), ocr);
		assert_int_equal(strlist_has(&plan.tasks.v[0].doubt, "text"), ocr);
		assert_int_equal(strlist_has(&plan.tasks.v[1].doubt, "text"), ocr);
		assert_false(strlist_has(&plan.tasks.v[1].doubt, "coordinate"));
		plan_release(&plan);
		doc_free(d);
		agency_registry_free(reg);
		sb_release(&err);
	}
}

/* One "Đơn vị thực hiện" column naming both roles: markers in brackets, or
 * "X chủ trì, phối hợp với Y"; a cell without them is the lead. */
static void roles_in_one_cell(void **state)
{
	struct run r;

	run_text(&r, "TT\tNội dung\tĐơn vị thực hiện\tThời gian\n"
		     "1\tRa quân vệ sinh\tPhòng Kinh tế (chủ trì); Công an xã, Trạm Y tế xã (phối hợp)\t"
		     "Tháng 4/2026\n"
		     "2\tKiểm tra cơ sở chăn nuôi\tCông an xã chủ trì, phối hợp với Phòng Kinh tế\t"
		     "Quý II/2026\n"
		     "3\tTuyên truyền\tPhòng Văn hóa - Xã hội\tThường xuyên\n"
		     "4\tTrồng cây\tĐoàn Thanh niên xã\tQuý I/2026\n");
	assert_int_equal(r.plan.tasks.n, 4);
	/* A body whose name opens like a person's ("Đoàn Thanh") is no leader
	 * shifted into the lead column. */
	assert_true(has(&r.plan.tasks.v[3].lead, "Đoàn Thanh niên xã"));
	assert_null(r.plan.tasks.v[3].leader);
	assert_int_equal(r.plan.tasks.v[0].lead.n, 1);
	assert_true(has(&r.plan.tasks.v[0].lead, "Phòng Kinh tế"));
	assert_int_equal(r.plan.tasks.v[0].coordinate.n, 2);
	assert_true(has(&r.plan.tasks.v[0].coordinate, "Công an xã"));
	assert_true(has(&r.plan.tasks.v[0].coordinate, "Trạm Y tế xã"));
	assert_int_equal(r.plan.tasks.v[1].lead.n, 1);
	assert_true(has(&r.plan.tasks.v[1].lead, "Công an xã"));
	assert_true(has(&r.plan.tasks.v[1].coordinate, "Phòng Kinh tế"));
	assert_true(has(&r.plan.tasks.v[2].lead, "Phòng Văn hóa - Xã hội"));
	assert_int_equal(r.plan.tasks.v[2].coordinate.n, 0);
	run_free(&r);
}

static void ocr_header(void **state)
{
	struct run r;

	/* A scan without diacritics, with OCR slips in the header words. */
	run_text(&r, "STT\tNoi dung cong vlec\tCo quan chu tri\tCo quan phoi hqp\tThoi glan\n"
		     "1\tTo chuc hoi nghi\tSo Tai chinh\tSo Noi vu\tQuy 111/2026\n");
	assert_int_equal(r.plan.tasks.n, 1);
	assert_string_equal(r.plan.tasks.v[0].text, "To chuc hoi nghi");
	assert_non_null(r.plan.tasks.v[0].due);
	assert_int_equal(r.plan.tasks.v[0].lead.n + r.plan.tasks.v[0].lead_groups.n, 1);
	assert_int_equal(r.plan.tasks.v[0].coordinate.n + r.plan.tasks.v[0].coordinate_groups.n, 1);
	assert_true(strlist_has(&r.plan.tasks.v[0].lead, "Sở Tài chính"));
	assert_true(strlist_has(&r.plan.tasks.v[0].coordinate, "Sở Nội vụ"));
	run_free(&r);
}

static void table_cut_by_page_number(void **state)
{
	struct run r;

	run_text(&r, HDR "<b>II</b>\t<b>Đầu tư</b>\t\t\t\t\t\t\n"
		     "1\tLàm đường\tPhó Chủ tịch UBND tỉnh, Lê Thị Bình\tGiám đốc Sở Xây dựng\t"
		     "Sở Xây dựng\t\tNăm 2026\t\n"
		     "\n12\n\n" HDR
		     "2\tLàm cầu\t\t\t\t\t\t\n");
	assert_int_equal(r.plan.tasks.n, 2);
	assert_string_equal(r.plan.tasks.v[1].ref, "II.2");
	assert_true(strlist_has(&r.plan.tasks.v[1].lead, "Sở Xây dựng"));
	run_free(&r);
}

static void repeated_header_and_continuation(void **state)
{
	struct run r;

	run_text(&r, HDR
		     "1\tXây dựng kế hoạch\t\t\tSở Tài chính\t\tQuý I/2026\tKế hoạch\n"
		     "\n" HDR
		     "\tvà trình phê duyệt\t\t\t\t\t\tđược ban hành\n"
		     "2\tTổ chức hội nghị\t\t\tSở Nội vụ\t\tQuý II/2026\t\n");
	assert_int_equal(r.plan.tasks.n, 2);
	assert_string_equal(r.plan.tasks.v[0].text, "Xây dựng kế hoạch và trình phê duyệt");
	assert_string_equal(r.plan.tasks.v[0].result, "Kế hoạch được ban hành");
	assert_string_equal(r.plan.tasks.v[1].ref, "2");
	run_free(&r);
}

static void merged_cells_inherit(void **state)
{
	struct run r;
	const struct task *t;

	run_text(&r, HDR
		     "<b>I</b>\t<b>Nhóm</b>\t\t\t\t\t\t\n"
		     "1\tViệc một\tPhó Chủ tịch UBND tỉnh, Nguyễn Văn An\tGiám đốc Sở Tài chính\t"
		     "Sở Tài chính\tSở Nội vụ\tQuý III/2026\tKết quả một\n"
		     "2\tViệc hai\t\t\t\tSở Xây dựng\t\t\n"
		     "3\tViệc ba\t\tGiám đốc Sở Xây dựng\t\t\t\t\n");
	assert_int_equal(r.plan.tasks.n, 3);
	/* Within the section, a carried value is trusted ... */
	assert_false(strlist_has(&r.plan.tasks.v[1].doubt, "lead"));
	/* ... unless the row's own official heads another body. */
	assert_true(strlist_has(&r.plan.tasks.v[2].doubt, "lead"));
	t = &r.plan.tasks.v[1];
	/* Leader, supervisor, lead and time were merged; coordination and
	 * result never are. */
	assert_str_or_null(t->leader, r.plan.tasks.v[0].leader);
	assert_str_or_null(t->supervisor, r.plan.tasks.v[0].supervisor);
	assert_true(has(&t->lead, "Sở Tài chính"));
	assert_false(has(&t->coordinate, "Sở Nội vụ"));
	assert_true(has(&t->coordinate, "Sở Xây dựng"));
	assert_non_null(t->due);
	assert_string_equal(t->due->text, "Quý III/2026");
	assert_null(t->result);
	run_free(&r);
}

static void shifted_cells_go_back(void **state)
{
	struct run r;
	const struct task *t;

	/* After a page break the row lost its empty cells: the time phrase
	 * sits under "lead" and the result under "time". */
	run_text(&r, HDR
		     "1\tViệc một\tPhó Chủ tịch UBND tỉnh, Nguyễn Văn An\tGiám đốc Sở Tài chính\t"
		     "Sở Tài chính\tSở Nội vụ\tQuý I/2026\tKết quả một\n"
		     "2\tViệc hai\t\t\tQuý IV/2026\t\tHoàn thành báo cáo tổng kết\t\n");
	assert_int_equal(r.plan.tasks.n, 2);
	t = &r.plan.tasks.v[1];
	assert_non_null(t->due);
	assert_string_equal(t->due->text, "Quý IV/2026");
	assert_string_equal(t->result, "Hoàn thành báo cáo tổng kết");
	assert_true(has(&t->lead, "Sở Tài chính")); /* inherited */
	assert_true(strlist_has(&t->doubt, "due"));
	run_free(&r);
}

static void markdown_table(void **state)
{
	struct run r;

	run_text(&r, "Bảng phân công\n\n"
		     "| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n"
		     "|---|---|---|---|---|\n"
		     "| **I** | **Quảng bá** | | | |\n"
		     "| 1 | Làm video | Sở Tài chính | Sở Nội vụ | Năm 2026 |\n"
		     "| 2. | In tờ rơi | Sở Nội vụ | | Quý I/2026 |\n");
	assert_int_equal(r.plan.tasks.n, 2);
	assert_string_equal(r.plan.tasks.v[0].ref, "I.1");
	assert_string_equal(r.plan.tasks.v[0].section, "Quảng bá");
	assert_string_equal(r.plan.tasks.v[0].text, "Làm video");
	assert_string_equal(r.plan.tasks.v[1].ref, "I.2");
	assert_true(has(&r.plan.tasks.v[1].lead, "Sở Nội vụ"));
	run_free(&r);
}

static void other_tables_ignored(void **state)
{
	struct run r;
	struct sb err = SB_INIT;
	const char *text = "Tên\tTuổi\tQuê quán\nAn\t30\tLào Cai\n";

	r.reg = agency_registry_new();
	plan_init(&r.plan);
	r.doc = text_read("t.txt", text, strlen(text), NULL, &err);
	assert_non_null(r.doc);
	run_tables(r.doc, r.reg, &r.plan);
	assert_int_equal(r.plan.tasks.n, 0);
	assert_int_equal(r.plan.indicators.n, 0);
	sb_release(&err);
	run_free(&r);
}

static const char *v_ref(const struct run *r, size_t i)
{
	assert_true(i < r->plan.indicators.n);
	return r->plan.indicators.v[i].ref;
}

static void indicator_refs(void **state)
{
	struct run r;
	const struct indicator *v;

	run_text(&r, "STT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2026\t"
		     "Cơ quan, đơn vị chịu trách nhiệm\tCơ quan phối hợp\tLãnh đạo tỉnh phụ trách\n"
		     "I\tCÁC CHỈ TIÊU VỀ KINH TẾ\t\t\t\t\t\n"
		     "1\tTổng sản phẩm\tTỷ đồng\t155.000\tSở Tài chính\tCác sở, ngành\t"
		     "Đồng chí Nguyễn Văn An - Chủ tịch UBND tỉnh\n"
		     "-\tCơ cấu\t\t100\t\t\t\n"
		     "+\tNông nghiệp\t%\t14,97\t\t\t\n"
		     "+\tDịch vụ\t%\t39,57\t\t\t\n"
		     "2\tTăng trưởng\t%\t>10\tSở Xây dựng\t\t\n"
		     "\tThu nhập\tTriệu đồng\t51\t\t\t\n"
		     "II CÁC CHỈ TIÊU VỀ XÃ HỘI\t\t\t\t\t\t\n"
		     "3\tTuổi thọ\tTuổi\t72,4\tSở Y tế\t\t\n"
		     "\tSố năm sống khỏe\t\t\tSở Nội vụ\t\t\n"
		     "4\t\t\t\t\t\t\n"
		     "CÁC CHỈ TIÊU VỀ MÔI TRƯỜNG\t\t\t\t\t\t\n"
		     "5\tChe phủ rừng\t%\t61,3\t\t\t\n");
	assert_int_equal(r.plan.indicators.n, 9);
	assert_string_equal(v_ref(&r, 7), "3.1"); /* no figure, but a body */
	assert_string_equal(v_ref(&r, 8), "5");
	v = r.plan.indicators.v;
	assert_string_equal(v[0].ref, "1");
	assert_string_equal(v[0].name, "Tổng sản phẩm");
	assert_string_equal(v[0].unit, "Tỷ đồng");
	assert_string_equal(v[1].ref, "1.1");
	assert_null(v[1].unit);
	assert_string_equal(v[2].ref, "1.1.1");
	assert_string_equal(v[3].ref, "1.1.2");
	assert_string_equal(v[4].ref, "2");
	assert_string_equal(v[5].ref, "2.1");
	assert_string_equal(v[6].ref, "3");
	assert_string_equal(v[6].name, "Tuổi thọ");
	/* Empty responsible cells take the row above. */
	assert_true(has(&v[2].lead, "Sở Tài chính"));
	assert_true(has(&v[5].lead, "Sở Xây dựng"));
	assert_str_or_null(v[3].leader, v[0].leader);
	if (v[0].target) {
		assert_true(v[0].target->has_value);
		assert_true(v[0].target->value == 155000);
	}
	run_free(&r);
}

static void indicator_target_column_named_chi_tieu(void **state)
{
	struct run r;

	run_text(&r, "TT\tTên chỉ tiêu\tĐVT\tChỉ tiêu năm 2026\tĐơn vị chủ trì\n"
		     "1\tTỷ lệ che phủ rừng\t%\t61,3\tSở Nông nghiệp và Môi trường\n");
	assert_int_equal(r.plan.indicators.n, 1);
	assert_string_equal(r.plan.indicators.v[0].name, "Tỷ lệ che phủ rừng");
	assert_string_equal(r.plan.indicators.v[0].unit, "%");
	assert_non_null(r.plan.indicators.v[0].target);
	assert_string_equal(r.plan.indicators.v[0].target->text, "61,3");
	run_free(&r);
}

static void indicator_and_doc_api(void **state)
{
	struct doc *d = doc_new("api", "docx");
	struct doc_block *b = doc_add_table(d, 1);
	struct doc_row *row;
	struct agency_registry *reg = agency_registry_new();
	struct plan plan;
	struct sb err = SB_INIT;
	static const char *const hdr[] = { "Nội dung công việc", "TT", "Cơ quan chủ trì",
					   "Thời gian hoàn thành" };
	size_t i;

	row = doc_table_add_row(b->table, 1);
	for (i = 0; i < ARRAY_SIZE(hdr); i++)
		doc_row_add_cell(row, hdr[i], strlen(hdr[i]));
	row = doc_table_add_row(b->table, 2);
	doc_row_add_cell(row, "Rà soát", strlen("Rà soát"));
	doc_row_add_cell(row, "1", 1);
	doc_row_add_cell(row, "Sở Nội vụ", strlen("Sở Nội vụ"));
	doc_row_add_cell(row, "", 0);
	plan_init(&plan);
	run_tables(d, reg, &plan);
	assert_int_equal(plan.tasks.n, 1);
	assert_string_equal(plan.tasks.v[0].ref, "1");
	assert_string_equal(plan.tasks.v[0].text, "Rà soát");
	assert_int_equal(plan.tasks.v[0].line, 2);
	assert_true(strlist_has(&plan.tasks.v[0].doubt, "due"));
	plan_release(&plan);
	sb_release(&err);
	agency_registry_free(reg);
	doc_free(d);
}

static void add_row(struct doc_table *t, int line, const char *const *cells, size_t n)
{
	struct doc_row *row = doc_table_add_row(t, line);
	size_t i;

	for (i = 0; i < n; i++)
		doc_row_add_cell(row, cells[i], strlen(cells[i]));
}

static void known_merges_decide_inheritance(void **state)
{
	struct doc *d = doc_new("api", "docx");
	struct doc_block *b = doc_add_table(d, 1);
	struct agency_registry *reg = agency_registry_new();
	struct plan plan;
	struct sb err = SB_INIT;
	static const char *const hdr[] = { "TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian" };
	static const char *const r1[] = { "1", "Rà soát", "Sở Nội vụ", "Quý I/2026" };
	static const char *const r2[] = { "2", "Ban hành", "", "" };
	static const char *const r3[] = { "3", "Kiểm tra", "", "" };

	add_row(b->table, 1, hdr, 4);
	add_row(b->table, 2, r1, 4);
	add_row(b->table, 3, r2, 4);
	add_row(b->table, 4, r3, 4);
	b->table->merges_known = true;
	/* The lead cell of row 1 spans row 2 only; row 3 has its own, empty. */
	b->table->rows.v[1].cells.v[2].rowspan = 2;
	b->table->rows.v[2].cells.v[2].covered = true;
	plan_init(&plan);
	run_tables(d, reg, &plan);
	assert_int_equal(plan.tasks.n, 3);
	assert_int_equal(plan.tasks.v[1].lead.n + plan.tasks.v[1].lead_groups.n,
			 plan.tasks.v[0].lead.n + plan.tasks.v[0].lead_groups.n);
	assert_int_equal(plan.tasks.v[2].lead.n + plan.tasks.v[2].lead_groups.n, 0);
	assert_null(plan.tasks.v[1].due); /* not covered: no time given */
	plan_release(&plan);
	sb_release(&err);
	agency_registry_free(reg);
	doc_free(d);
}

/*
 * A line break inside a lead or coordination cell (Alt+Enter in Excel, a new
 * paragraph in Word) separates bodies: read as a space, the first cell is one
 * body "Sở Tài chính Sở Nông nghiệp và Môi trường" and the second gives a
 * third body "Thể thao và Du lịch". Text and result columns read the break
 * as a space; a name wrapped by hand is read whole and doubted.
 */
static void line_breaks_separate_bodies(void **state)
{
	struct doc *d = doc_new("api", "xlsx");
	struct doc_block *b = doc_add_table(d, 1);
	struct agency_registry *reg = agency_registry_new();
	struct plan plan;
	static const char *const hdr[] = { "TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì",
					   "Đơn vị phối hợp", "Thời hạn", "Kết quả" };
	static const char *const r1[] = { "1", "Rà soát tài sản công\nsau hợp nhất",
					  "Sở Tài chính\nSở Nông nghiệp và Môi trường",
					  "Công an tỉnh\r\nSở Văn hóa, Thể thao và Du lịch\n",
					  "Quý I/2026", "Báo cáo\nUBND tỉnh" };
	static const char *const r2[] = { "2", "Tổ chức lễ hội", "Sở Văn hóa, Thể thao\nvà Du lịch",
					  "", "Năm 2026", "" };
	const struct task *t;

	add_row(b->table, 1, hdr, 6);
	add_row(b->table, 2, r1, 6);
	add_row(b->table, 3, r2, 6);
	b->table->merges_known = true;
	/* The model: the text reads the break as a space, the lines keep it. */
	assert_string_equal(b->table->rows.v[1].cells.v[2].text,
			    "Sở Tài chính Sở Nông nghiệp và Môi trường");
	assert_string_equal(b->table->rows.v[1].cells.v[3].lines,
			    "Công an tỉnh\nSở Văn hóa, Thể thao và Du lịch");
	assert_null(b->table->rows.v[1].cells.v[4].lines);
	plan_init(&plan);
	run_tables(d, reg, &plan);
	assert_int_equal(plan.tasks.n, 2);
	t = &plan.tasks.v[0];
	assert_int_equal(t->lead.n, 2);
	assert_string_equal(t->lead.v[0], "Sở Tài chính");
	assert_string_equal(t->lead.v[1], "Sở Nông nghiệp và Môi trường");
	assert_int_equal(t->coordinate.n, 2);
	assert_string_equal(t->coordinate.v[0], "Công an tỉnh");
	assert_string_equal(t->coordinate.v[1], "Sở Văn hóa, Thể thao và Du lịch");
	assert_int_equal(t->lead_groups.n + t->coordinate_groups.n, 0);
	assert_string_equal(t->text, "Rà soát tài sản công sau hợp nhất");
	assert_string_equal(t->result, "Báo cáo UBND tỉnh");
	assert_int_equal(t->doubt.n, 0);
	t = &plan.tasks.v[1];
	assert_int_equal(t->lead.n, 1);
	assert_string_equal(t->lead.v[0], "Sở Văn hóa, Thể thao và Du lịch");
	assert_true(strlist_has(&t->doubt, "lead"));
	plan_release(&plan);
	agency_registry_free(reg);
	doc_free(d);
}

static void spanning_cells_keep_columns(void **state)
{
	struct doc *d = doc_new("api", "docx");
	struct doc_block *b = doc_add_table(d, 1);
	struct agency_registry *reg = agency_registry_new();
	struct plan plan;
	static const char *const h1[] = { "TT", "Nhiệm vụ", "Cơ quan thực hiện", "Thời gian" };
	static const char *const h2[] = { "", "", "Chủ trì", "Phối hợp", "" };
	static const char *const sec[] = { "I", "Tuyên truyền" };
	static const char *const r1[] = { "1", "Viết bài", "Sở Nội vụ", "Sở Tài chính", "Năm 2026" };

	add_row(b->table, 1, h1, 4);
	b->table->rows.v[0].cells.v[2].colspan = 2;
	add_row(b->table, 2, h2, 5);
	add_row(b->table, 3, sec, 2);
	b->table->rows.v[2].cells.v[1].colspan = 4;
	add_row(b->table, 4, r1, 5);
	plan_init(&plan);
	run_tables(d, reg, &plan);
	assert_int_equal(plan.tasks.n, 1);
	assert_string_equal(plan.tasks.v[0].ref, "I.1");
	assert_string_equal(plan.tasks.v[0].section, "Tuyên truyền");
	assert_true(strlist_has(&plan.tasks.v[0].lead, "Sở Nội vụ"));
	assert_true(strlist_has(&plan.tasks.v[0].coordinate, "Sở Tài chính"));
	assert_non_null(plan.tasks.v[0].due);
	assert_string_equal(plan.tasks.v[0].due->text, "Năm 2026");
	assert_int_equal(plan.tasks.v[0].doubt.n, 0);
	plan_release(&plan);
	agency_registry_free(reg);
	doc_free(d);
}

static void two_row_header_and_no_number_column(void **state)
{
	struct run r;

	run_text(&r, "Nội dung\tCơ quan thực hiện\t\tThời gian\n"
		     "\tChủ trì\tPhối hợp\t\n"
		     "Rà soát quy hoạch\tSở Xây dựng\tSở Tài chính\tQuý I/2026\n"
		     "và báo cáo\t\t\t\n"
		     "Kiểm tra thực địa\tSở Nội vụ\t\tQuý II/2026\n");
	assert_int_equal(r.plan.tasks.n, 2);
	assert_string_equal(r.plan.tasks.v[0].ref, "1");
	assert_string_equal(r.plan.tasks.v[0].text, "Rà soát quy hoạch và báo cáo");
	assert_true(has(&r.plan.tasks.v[0].lead, "Sở Xây dựng"));
	assert_true(has(&r.plan.tasks.v[0].coordinate, "Sở Tài chính"));
	assert_string_equal(r.plan.tasks.v[1].ref, "2");
	assert_string_equal(r.plan.tasks.v[1].text, "Kiểm tra thực địa");
	run_free(&r);
}

static char *read_seed(const char *prefix, size_t *len)
{
	char path[512];
	struct sb sb = SB_INIT;
	FILE *f;
	char buf[4096];
	size_t n;

	snprintf(path, sizeof(path), "%s/seeds/%s", unit_shared_dir(), prefix);
	f = fopen(path, "rb");
	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return sb_detach(&sb);
}

static const struct task *find_task(const struct plan *p, const char *ref, size_t nth)
{
	size_t i;

	for (i = 0; i < p->tasks.n; i++)
		if (strcmp(p->tasks.v[i].ref, ref) == 0 && nth-- == 0)
			return &p->tasks.v[i];
	fail_msg("no task %s", ref);
	return NULL;
}

/* The damaged seed table: 117 tasks, shifted and continued rows read back. */
static const struct target *period_of(const struct indicator *ind, const char *period)
{
	size_t i;

	for (i = 0; i < ind->by_period.n; i++)
		if (strcmp(ind->by_period.v[i].period, period) == 0)
			return &ind->by_period.v[i];
	return NULL;
}

/* Year columns with a baseline and a span: by_period in column order, the
 * baseline left out, an empty cell gives no entry, the horizon is the target. */
static void indicator_year_columns(void **state)
{
	struct run r;
	const struct indicator *ind;

	run_text(&r, "STT\tChỉ tiêu\tĐơn vị tính\tThực hiện năm 2025\tNăm 2026\tNăm 2027\t"
		     "Năm 2028\tGiai đoạn 2026 - 2028\tCơ quan chủ trì\n"
		     "1\tTỷ lệ che phủ rừng\t%\t60,1\t60,5\t\t61\t≥60\tSở Tài chính\n"
		     "2\tSố xã đạt chuẩn\tXã\t10\t12\t14\t16\t\tSở Nội vụ\n");
	assert_int_equal(r.plan.indicators.n, 2);
	ind = &r.plan.indicators.v[0];
	assert_int_equal(ind->by_period.n, 3);
	assert_string_equal(ind->by_period.v[0].period, "2026");
	assert_true(ind->by_period.v[0].value == 60.5);
	assert_null(period_of(ind, "2025"));
	assert_null(period_of(ind, "2027"));
	assert_string_equal(ind->by_period.v[2].period, "2026-2028");
	assert_int_equal(ind->by_period.v[2].op, OP_GE);
	assert_non_null(ind->target);
	assert_true(ind->target->value == 60);
	assert_int_equal(ind->target->op, OP_GE);
	ind = &r.plan.indicators.v[1];
	assert_int_equal(ind->by_period.n, 3);
	assert_true(ind->target->value == 16);
	assert_string_equal(ind->target->period, "2028");
	assert_true(has(&ind->lead, "Sở Nội vụ"));
	/* The baseline column is kept as the baseline, not a target. */
	assert_non_null(ind->baseline);
	assert_true(ind->baseline->value == 10);
	assert_string_equal(ind->baseline->period, "2025");
	assert_true(r.plan.indicators.v[0].baseline->value == 60.1);
	run_free(&r);
}

/* Years in a sub-header under a spanning "Lộ trình" cell; a bare year
 * before the plan's year (2026 here) is a baseline. */
static void indicator_years_in_sub_header(void **state)
{
	struct run r;
	const struct indicator *ind;

	run_text(&r, "TT\tChỉ tiêu\tĐơn vị tính\tLộ trình thực hiện\t\t\tCơ quan chủ trì\n"
		     "\t\t\t2025\t2026\t2027\t\n"
		     "1\tTỷ lệ hộ dùng nước sạch\t%\t80\t85\t90\tSở Y tế\n");
	assert_int_equal(r.plan.indicators.n, 1);
	ind = &r.plan.indicators.v[0];
	assert_int_equal(ind->by_period.n, 2);
	assert_string_equal(ind->by_period.v[0].period, "2026");
	assert_true(ind->by_period.v[1].value == 90);
	assert_true(ind->target->value == 90);
	assert_true(has(&ind->lead, "Sở Y tế"));
	assert_non_null(ind->baseline);
	assert_true(ind->baseline->value == 80);
	assert_string_equal(ind->baseline->period, "2025");
	run_free(&r);
}

/* Baseline headers of every kind: "Hiện trạng" (no year), "Năm 2025 (cơ
 * sở)"; the latest past figure with a number wins; a target column whose
 * header says "thực hiện" stays the plain target; no baseline column, no
 * baseline. */
static void indicator_baselines(void **state)
{
	struct run r;
	const struct indicator *ind;

	run_text(&r, "STT\tChỉ tiêu\tĐơn vị tính\tHiện trạng\tNăm 2026\tNăm 2030\tCơ quan chủ trì\n"
		     "1\tSố trạm quan trắc\tTrạm\t12\t15\t20\tSở Nông nghiệp và Môi trường\n");
	assert_int_equal(r.plan.indicators.n, 1);
	ind = &r.plan.indicators.v[0];
	assert_int_equal(ind->by_period.n, 2);
	assert_non_null(ind->baseline);
	assert_true(ind->baseline->value == 12);
	assert_null(ind->baseline->period);
	run_free(&r);

	run_text(&r, "STT\tChỉ tiêu\tĐơn vị tính\tNăm 2024\tNăm 2025 (cơ sở)\tNăm 2026\tNăm 2027\t"
		     "Cơ quan chủ trì\n"
		     "1\tTỷ lệ\t%\t40\t45\t50\t55\tSở Tài chính\n"
		     "2\tSố lượng\tCái\t7\t\t9\t10\tSở Tài chính\n");
	assert_int_equal(r.plan.indicators.n, 2);
	ind = &r.plan.indicators.v[0];
	assert_int_equal(ind->by_period.n, 2);
	assert_string_equal(ind->by_period.v[0].period, "2026");
	assert_true(ind->baseline->value == 45);
	assert_string_equal(ind->baseline->period, "2025");
	/* An empty latest cell: the earlier figure is the baseline. */
	ind = &r.plan.indicators.v[1];
	assert_true(ind->baseline->value == 7);
	assert_string_equal(ind->baseline->period, "2024");
	run_free(&r);

	run_text(&r, "STT\tChỉ tiêu\tĐơn vị tính\tKế hoạch thực hiện năm 2026\tCơ quan chủ trì\n"
		     "1\tTỷ lệ che phủ rừng\t%\t60,5\tSở Tài chính\n");
	assert_int_equal(r.plan.indicators.n, 1);
	assert_true(r.plan.indicators.v[0].target->value == 60.5);
	assert_null(r.plan.indicators.v[0].baseline);
	run_free(&r);
}

/* Without the word "Chỉ tiêu", a unit column beside figures makes an indicator table. */
static void indicator_table_without_chi_tieu(void **state)
{
	struct run r;

	run_text(&r, "TT\tNội dung\tĐơn vị tính\tNăm 2026\tNăm 2030\tCơ quan chủ trì\n"
		     "1\tDiện tích trồng rừng mới\tha\t1.200\t6.000\tSở Nông nghiệp và Môi trường\n");
	assert_int_equal(r.plan.tasks.n, 0);
	assert_int_equal(r.plan.indicators.n, 1);
	assert_int_equal(r.plan.indicators.v[0].by_period.n, 2);
	assert_true(r.plan.indicators.v[0].target->value == 6000);
	run_free(&r);
}

/* A single "Kế hoạch năm 2026" column stays the plain target: no by_period. */
static void indicator_single_year_is_plain_target(void **state)
{
	struct run r;

	run_text(&r, "STT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2026\tCơ quan chủ trì\n"
		     "1\tTỷ lệ che phủ rừng\t%\t60,5\tSở Tài chính\n");
	assert_int_equal(r.plan.indicators.n, 1);
	assert_int_equal(r.plan.indicators.v[0].by_period.n, 0);
	assert_true(r.plan.indicators.v[0].target->value == 60.5);
	assert_null(r.plan.indicators.v[0].target->period);
	run_free(&r);
}

/* Two header rows: the years over two measures each; a row gives two
 * indicators with the same ref, told apart by unit. */
static void indicator_two_measures_per_year(void **state)
{
	struct run r;
	const struct indicator *a, *b;

	run_text(&r, "TT\tChỉ tiêu\tNăm 2026\t\tNăm 2030\t\tCơ quan chủ trì\n"
		     "\t\tSản lượng (tấn)\tGiá trị (nghìn USD)\tSản lượng (tấn)\tGiá trị (nghìn USD)\t\n"
		     "1\tXuất khẩu chè\t1.200\t3.500\t2.000\t6.800\tSở Công Thương\n");
	assert_int_equal(r.plan.indicators.n, 2);
	a = &r.plan.indicators.v[0];
	b = &r.plan.indicators.v[1];
	assert_string_equal(a->ref, "1");
	assert_string_equal(b->ref, "1");
	assert_string_equal(a->name, b->name);
	assert_string_equal(a->unit, "tấn");
	assert_string_equal(b->unit, "nghìn USD");
	assert_int_equal(a->by_period.n, 2);
	assert_true(period_of(a, "2026")->value == 1200);
	assert_true(period_of(b, "2030")->value == 6800);
	assert_true(b->target->value == 6800);
	assert_true(has(&b->lead, "Sở Công Thương"));
	run_free(&r);
}

/* An indicator-only appendix: "Cơ quan chủ trì theo dõi, đánh giá" is the
 * lead; "11 Hạ tầng số" with rows 11.1, 11.2 under it is a group. */
static void indicator_appendix_with_sub_rows(void **state)
{
	struct run r;

	run_text(&r, "TT\tChỉ tiêu\tĐơn vị tính\tMục tiêu đến năm 2030\t"
		     "Cơ quan chủ trì theo dõi, đánh giá\n"
		     "10\tTỷ lệ bệnh án điện tử\t%\t100\tSở Y tế\n"
		     "11\tHạ tầng số\t\t\t\n"
		     "11.1\tTỷ lệ thôn có 5G\t%\t100\tSở Khoa học và Công nghệ\n"
		     "11.2\tSố trạm 5G\tTrạm\t1.500\t\n");
	assert_int_equal(r.plan.tasks.n, 0);
	assert_int_equal(r.plan.indicators.n, 3);
	assert_string_equal(r.plan.indicators.v[1].ref, "11.1");
	assert_true(has(&r.plan.indicators.v[1].lead, "Sở Khoa học và Công nghệ"));
	assert_string_equal(r.plan.indicators.v[2].ref, "11.2");
	assert_true(has(&r.plan.indicators.v[2].lead, "Sở Khoa học và Công nghệ"));
	assert_true(r.plan.indicators.v[2].target->value == 1500);
	run_free(&r);
}

/* Lost merges in a text export: a row without a number but with its own
 * lead is a task of its own under the number above (ref doubtful), whatever
 * case it starts with; a row with text only continues the one above. */
static void own_lead_row_is_never_folded(void **state)
{
	struct run r;

	run_text(&r, "TT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n"
		     "1\tRà soát văn bản\tSở Tư pháp\tSở Nội vụ\tQuý II/2026\n"
		     "\tkiểm tra thi hành pháp luật\tSở Nội vụ\t\tQuý IV/2026\n"
		     "\tvà công bố kết quả\t\t\t\n"
		     "2\txây dựng đề án\tSở Tài chính\t\tQuý III/2026\n");
	assert_int_equal(r.plan.tasks.n, 3);
	assert_string_equal(r.plan.tasks.v[1].ref, "1");
	assert_true(has(&r.plan.tasks.v[1].lead, "Sở Nội vụ"));
	assert_true(has(&r.plan.tasks.v[1].doubt, "ref"));
	assert_string_equal(r.plan.tasks.v[1].text, "kiểm tra thi hành pháp luật và công bố kết quả");
	assert_string_equal(r.plan.tasks.v[2].ref, "2");
	assert_string_equal(r.plan.tasks.v[2].text, "xây dựng đề án");
	run_free(&r);
}

/* A schedule table without a number column in the body's part III: refs
 * III.1, III.2 and the part's title as section; an appendix table is not. */
static void body_schedule_table(void **state)
{
	struct run r;

	run_text(&r, "KẾ HOẠCH\n\nIII. TIẾN ĐỘ THỰC HIỆN\n\n"
		     "Thời gian\tNội dung\tĐơn vị thực hiện\n"
		     "Trước ngày 20/4/2026\tXây dựng kịch bản\tSở Tài chính\n"
		     "Tháng 5/2026\ttuyên truyền trên báo\tSở Nội vụ\n"
		     "Tháng 6/2026\tphát hành ấn phẩm\t\n"
		     "\tvà tờ rơi\t\n");
	assert_int_equal(r.plan.tasks.n, 3);
	assert_string_equal(r.plan.tasks.v[2].ref, "III.3");
	assert_string_equal(r.plan.tasks.v[2].text, "phát hành ấn phẩm và tờ rơi");
	assert_true(has(&r.plan.tasks.v[2].lead, "Sở Nội vụ"));
	assert_string_equal(r.plan.tasks.v[0].ref, "III.1");
	assert_string_equal(r.plan.tasks.v[0].section, "TIẾN ĐỘ THỰC HIỆN");
	assert_string_equal(r.plan.tasks.v[1].ref, "III.2");
	assert_true(has(&r.plan.tasks.v[1].lead, "Sở Nội vụ"));
	assert_string_equal(r.plan.tasks.v[1].due->end, "2026-05-31");
	run_free(&r);
	run_text(&r, "III. TỔ CHỨC THỰC HIỆN\n\nPHỤ LỤC\n\n"
		     "Thời gian\tNội dung\tĐơn vị thực hiện\n"
		     "Tháng 5/2026\tTuyên truyền\tSở Nội vụ\n");
	assert_int_equal(r.plan.tasks.n, 1);
	assert_string_equal(r.plan.tasks.v[0].ref, "1");
	run_free(&r);
}

/* A tracker's export: columns named its own way, units on separate lines,
 * a deadline column, a status column, a test row and a totals row. */
static void tracker_columns_and_junk_rows(void **state)
{
	struct run r;

	run_text(&r, "STT\tNội dung nhiệm vụ\tNgày giao\tĐơn vị/Cá nhân đầu mối\t"
		     "Đơn vị phối hợp\tHạn xử lý\tNgười theo dõi\tTình trạng\n"
		     "1\tKiểm tra phòng cháy\t02/02/2026\tCông an tỉnh Sở Công Thương\t"
		     "UBND các xã, phường\t30/04/2026\tNguyễn Văn Hùng\tHoàn thành\n"
		     "x\ttest nhập liệu - xóa sau\t\tPhòng TH\t\t\tadmin\ttest\n"
		     "2\tCông tác tổng hợp kiến nghị cử tri\t12/03/2026\tVăn phòng UBND tỉnh\t\t"
		     "20/05/2026\tLê Minh Tuấn\tĐang thực hiện\n"
		     "\tTổng cộng: 2 nhiệm vụ\t\t\t\t\t\t\n");
	assert_int_equal(r.plan.tasks.n, 2);
	assert_true(has(&r.plan.tasks.v[0].lead, "Công an tỉnh"));
	assert_true(has(&r.plan.tasks.v[0].lead, "Sở Công Thương"));
	assert_true(has(&r.plan.tasks.v[0].coordinate_groups, "UBND các xã, phường"));
	assert_null(r.plan.tasks.v[0].leader);
	assert_string_equal(r.plan.tasks.v[0].due->start, "");
	assert_string_equal(r.plan.tasks.v[0].due->end, "2026-04-30");
	/* "Công tác …" is not "Cộng", and the totals row is not its continuation */
	assert_string_equal(r.plan.tasks.v[1].ref, "2");
	assert_string_equal(r.plan.tasks.v[1].text, "Công tác tổng hợp kiến nghị cử tri");
	run_free(&r);
	/* "Tiến độ" beside a deadline column is the state, not the time */
	run_text(&r, "STT\tNội dung công việc\tĐơn vị xử lý\tTiến độ\tHạn hoàn thành\n"
		     "1\tKiểm tra phòng cháy\tCông an tỉnh\tĐang thực hiện\t30/04/2026\n");
	assert_int_equal(r.plan.tasks.n, 1);
	assert_true(has(&r.plan.tasks.v[0].lead, "Công an tỉnh"));
	assert_string_equal(r.plan.tasks.v[0].due->end, "2026-04-30");
	assert_false(has(&r.plan.tasks.v[0].doubt, "due"));
	run_free(&r);
}

static void seed_assignment_table(void **state)
{
	struct run r;
	size_t len;
	char *text = read_seed("000_fb0340e2f1dd1b8b.txt", &len);
	const struct task *t;
	struct sb err = SB_INIT;

	r.reg = agency_registry_new();
	plan_init(&r.plan);
	r.doc = text_read("000.txt", text, len, NULL, &err);
	assert_non_null(r.doc);
	run_tables(r.doc, r.reg, &r.plan);
	assert_int_equal(r.plan.tasks.n, 117);
	/* Repeated numbers are kept. */
	t = find_task(&r.plan, "IX.1.1", 1);
	assert_true(has(&t->lead, "Sở Khoa học và Công nghệ"));
	/* Row 51: coordination, lead, time and result each one column left. */
	t = find_task(&r.plan, "V.3.1", 0);
	assert_true(has(&t->lead, "Sở Văn hóa, Thể thao và Du lịch"));
	assert_true(has(&t->coordinate, "Sở Xây dựng"));
	assert_string_equal(t->due->text, "Năm 2026");
	assert_non_null(t->result);
	/* Row 186 continues 3.5: its result and coordination are appended. */
	t = find_task(&r.plan, "X.3.5", 0);
	assert_string_equal(t->due->text, "Hàng năm");
	assert_true(has(&t->coordinate, "Sở Tài chính"));
	assert_non_null(strstr(t->result, "chuyên môn."));
	/* Time carried down from the continuation row. */
	t = find_task(&r.plan, "X.3.6", 0);
	assert_string_equal(t->due->text, "Năm 2026 (theo chương trình HT)");
	t = find_task(&r.plan, "VI.1.10", 0);
	assert_string_equal(t->section, "Xây dựng hệ thống sản phẩm du lịch");
	assert_non_null(strstr(t->text, "Xây dựng"));
	t = find_task(&r.plan, "VI.1.9", 0);
	assert_non_null(strstr(t->text, "thổ cẩm")); /* row 76 continues it */
	free(text);
	sb_release(&err);
	run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(assignment_basic_and_sections),
		cmocka_unit_test(header_in_other_order),
		cmocka_unit_test(two_row_header_time_window),
		cmocka_unit_test(ocr_rows_doubted),
		cmocka_unit_test(roles_in_one_cell),
		cmocka_unit_test(lettered_and_dashed_items),
		cmocka_unit_test(ocr_header),
		cmocka_unit_test(repeated_header_and_continuation),
		cmocka_unit_test(table_cut_by_page_number),
		cmocka_unit_test(merged_cells_inherit),
		cmocka_unit_test(shifted_cells_go_back),
		cmocka_unit_test(markdown_table),
		cmocka_unit_test(other_tables_ignored),
		cmocka_unit_test(indicator_refs),
		cmocka_unit_test(indicator_target_column_named_chi_tieu),
		cmocka_unit_test(indicator_and_doc_api),
		cmocka_unit_test(known_merges_decide_inheritance),
		cmocka_unit_test(two_row_header_and_no_number_column),
		cmocka_unit_test(spanning_cells_keep_columns),
		cmocka_unit_test(seed_assignment_table),
		cmocka_unit_test(indicator_year_columns),
		cmocka_unit_test(tracker_columns_and_junk_rows),
		cmocka_unit_test(own_lead_row_is_never_folded),
		cmocka_unit_test(body_schedule_table),
		cmocka_unit_test(indicator_appendix_with_sub_rows),
		cmocka_unit_test(indicator_single_year_is_plain_target),
		cmocka_unit_test(indicator_years_in_sub_header),
		cmocka_unit_test(line_breaks_separate_bodies),
		cmocka_unit_test(indicator_baselines),
		cmocka_unit_test(indicator_table_without_chi_tieu),
		cmocka_unit_test(indicator_two_measures_per_year),
	};

	return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
