/*
 * test_goals.c - the goals pass: plan-wide targets taken from the specific
 * goals part only, task targets, and reporting deadlines (dated, periodic,
 * OCR'd), on small hand-made plans and on the seeds against the gold files.
 *
 * Reading a number is number.c's work; these tests check which sentences
 * the pass hands it and what it keeps. They skip when number_find_targets()
 * finds nothing in a plain goal (its stub), rather than fail on someone
 * else's module.
 */
#include "unit.h"
#include "xfixture.h"
#include "extract/agency.h"
#include "extract/extract.h"
#include "extract/number.h"
#include "ingest/doc.h"
#include "ingest/ingest.h"
#include "model/plan.h"

#include <jansson.h>

/* The header pass first, as in extract_plan, for document.year. */
static void run_doc(struct fixture *f, struct doc *doc, bool ocr)
{
	fixture_start(f, doc, ocr);
	extract_header(&f->x);
	f->x.year = f->plan.doc.year;
	extract_goals(&f->x);
}

static void run(struct fixture *f, const char *text, bool ocr)
{
	run_doc(f, fixture_text(text), ocr);
}

static void run_seed(struct fixture *f, const char *prefix, bool ocr)
{
	run_doc(f, fixture_seed(prefix), ocr);
}

static void done(struct fixture *f)
{
	fixture_done(f);
}

/* Skips the test while number.c is a stub. */
static void check_target(const struct target *t, double value, enum target_op op)
{
	assert_true(t->has_value);
	assert_true(t->value == value);
	assert_int_equal(t->op, op);
}

static void check_reporting(const struct plan *p, size_t i, const char *label, const char *due)
{
	assert_true(i < p->reporting.n);
	if (label)
		assert_string_equal(p->reporting.v[i].label, label);
	assert_string_equal(p->reporting.v[i].due, due ? due : "");
}

/* ---- plan-wide targets ---------------------------------------------- */

static const char plan_text[] =
	"Số: 1/KH-UBND\n\nLào Cai, ngày 2 tháng 3 năm 2026\n\nKẾ HOẠCH\n\nDu lịch năm 2026\n\n"
	"I. MỤC ĐÍCH, YÊU CẦU\n\n"
	"Hướng tới mục tiêu đạt tốc độ tăng trưởng kinh tế trên 10% theo Nghị quyết.\n\n"
	"II. MỤC TIÊU\n\n1. Mục tiêu chung\n\n"
	"Phấn đấu tăng trưởng du lịch đạt 20% mỗi năm.\n\n2. Mục tiêu cụ thể\n\n"
	"- Doanh thu đạt khoảng 15 tỷ đồng; tổ chức ít nhất 03 lớp đào tạo.\n\n"
	"III. NHIỆM VỤ\n\n1. Tổ chức 02 lớp tập huấn\n\n"
	"IV. TỔ CHỨC THỰC HIỆN\n\nCác sở báo cáo kết quả trước ngày 15/12/2026.\n";

static void targets_from_specific_goals_only(void **state)
{
	struct fixture f;

	run(&f, plan_text, false);
	assert_int_equal(f.plan.targets.n, 2);
	check_target(&f.plan.targets.v[0], 15e9, OP_APPROX);
	check_target(&f.plan.targets.v[1], 3, OP_GE);
	done(&f);
}

/* The plan's own year alone makes no period; with a later year beside it, it does. */
static void target_periods_and_own_year(void **state)
{
	struct fixture f;

	run(&f,
	    "Số: 1/KH-UBND\n\nLào Cai, ngày 2 tháng 3 năm 2026\n\nKẾ HOẠCH\n\nDu lịch năm 2026\n\n"
	    "I. MỤC TIÊU\n\n2. Mục tiêu cụ thể\n\n- Năm 2026, thu hút khoảng 500 nghìn lượt khách.\n\n"
	    "II. NHIỆM VỤ\n\n1. Tổ chức 02 lớp tập huấn\n",
	    false);
	assert_int_equal(f.plan.doc.year, 2026);
	assert_int_equal(f.plan.targets.n, 1);
	assert_null(f.plan.targets.v[0].period);
	done(&f);
	run(&f,
	    "Số: 1/KH-UBND\n\nLào Cai, ngày 2 tháng 3 năm 2026\n\nKẾ HOẠCH\n\nDu lịch 2026 - 2030\n\n"
	    "I. MỤC TIÊU\n\n2. Mục tiêu cụ thể\n\n- Tỷ lệ năm 2026 đạt 30%, đến năm 2030 đạt 50%.\n\n"
	    "II. NHIỆM VỤ\n\n1. Tổ chức 02 lớp tập huấn\n",
	    false);
	assert_int_equal(f.plan.targets.n, 2);
	assert_string_equal(f.plan.targets.v[0].period, "2026");
	assert_string_equal(f.plan.targets.v[1].period, "2030");
	done(&f);
	/* a lead-in names the period of the goals under it; a goal's own year wins */
	run(&f,
	    "Số: 1/KH-UBND\n\nLào Cai, ngày 2 tháng 3 năm 2026\n\nKẾ HOẠCH\n\nDu lịch 2026 - 2030\n\n"
	    "I. MỤC TIÊU\n\n2. Mục tiêu cụ thể\n\n- Năm 2026 đạt 30%.\n\n- Đến năm 2030:\n\n"
	    "+ Thu hút khoảng 500 nghìn lượt khách.\n\n+ Năm 2028 có 40 sản phẩm.\n\n"
	    "II. NHIỆM VỤ\n\n1. Tổ chức 02 lớp tập huấn\n",
	    false);
	assert_int_equal(f.plan.targets.n, 3);
	assert_string_equal(f.plan.targets.v[0].period, "2026");
	assert_string_equal(f.plan.targets.v[1].period, "2030");
	assert_string_equal(f.plan.targets.v[2].period, "2028");
	done(&f);
}

static void targets_from_goals_section(void **state)
{
	struct fixture f;

	run(&f,
	    "KẾ HOẠCH\n\nDu lịch năm 2026\n\nI. MỤC ĐÍCH\n\nĐạt khoảng 7% tăng trưởng.\n\n"
	    "II. CHỈ TIÊU\n\n- Thu hút khoảng 500 nghìn lượt khách.\n\n"
	    "1. Mục tiêu chung\n\n- Tăng khoảng 30% doanh thu.\n\n"
	    "III. NHIỆM VỤ\n\n- Tổ chức 04 hội chợ.\n",
	    false);
	assert_int_equal(f.plan.targets.n, 1);
	check_target(&f.plan.targets.v[0], 500000, OP_APPROX);
	done(&f);
}

/* "- Mục tiêu cụ thể: …" as a labelled item, and a goals part nested in
 * another, read once. */
static void targets_labelled_and_nested(void **state)
{
	struct fixture f;

	run(&f,
	    "KẾ HOẠCH\n\nDu lịch năm 2026\n\nII. MỤC TIÊU\n\n"
	    "- Mục tiêu chung: tăng khoảng 30% doanh thu.\n\n"
	    "- Mục tiêu cụ thể: thu hút khoảng 2 triệu lượt khách.\n\nIII. NHIỆM VỤ\n",
	    false);
	assert_int_equal(f.plan.targets.n, 1);
	check_target(&f.plan.targets.v[0], 2e6, OP_APPROX);
	done(&f);
	run(&f,
	    "KẾ HOẠCH\n\nDu lịch năm 2026\n\nII. MỤC TIÊU\n\n2. Mục tiêu cụ thể\n\n"
	    "2.1. Chỉ tiêu cụ thể về du lịch\n\n- Doanh thu đạt khoảng 15 tỷ đồng.\n\n"
	    "III. NHIỆM VỤ\n",
	    false);
	assert_int_equal(f.plan.targets.n, 1);
	check_target(&f.plan.targets.v[0], 15e9, OP_APPROX);
	done(&f);
}

static void no_goals_part_no_targets(void **state)
{
	struct fixture f;

	run(&f,
	    "KẾ HOẠCH\n\nDu lịch năm 2026\n\nI. MỤC ĐÍCH\n\nĐạt khoảng 7% tăng trưởng.\n\n"
	    "II. NHIỆM VỤ\n\n- Tổ chức 04 hội chợ.\n",
	    false);
	assert_int_equal(f.plan.targets.n, 0);
	done(&f);
}

/* The plan-wide targets of a seed, in order, against its gold file. */
static void check_seed_targets(const char *prefix)
{
	struct fixture f;
	char *gold_path = fixture_shared_path("gold", prefix);
	json_error_t jerr;
	json_t *gold = json_load_file(gold_path, 0, &jerr), *targets, *t;
	size_t i;

	assert_non_null(gold);
	targets = json_object_get(gold, "targets");
	run_seed(&f, prefix, false);
	assert_int_equal(f.plan.targets.n, json_array_size(targets));
	json_array_foreach(targets, i, t) {
		enum target_op op;

		assert_int_equal(target_op_parse(json_string_value(json_object_get(t, "op")), &op), 0);
		check_target(&f.plan.targets.v[i], json_number_value(json_object_get(t, "value")), op);
	}
	json_decref(gold);
	free(gold_path);
	done(&f);
}

static void seed_002_targets(void **state)
{
	check_seed_targets("002");
}

static void seed_004_targets(void **state)
{
	check_seed_targets("004");
}

/* The action programme's purpose says "trên 10%"; it has no goals part. */
static void seed_003_no_plan_targets(void **state)
{
	struct fixture f;

	run_seed(&f, "003_", false);
	assert_int_equal(f.plan.targets.n, 0);
	done(&f);
}

/* ---- task targets --------------------------------------------------- */

static void task_targets_from_text_and_result(void **state)
{
	struct fixture f;
	struct task *t;

	fixture_start(&f, fixture_text("KẾ HOẠCH\n"), false);
	extract_header(&f.x);
	t = plan_add_task(&f.plan);
	t->text = xstrdup("Tổ chức 02 lớp tập huấn nghiệp vụ du lịch");
	t->result = xstrdup("Doanh thu đạt khoảng 15 tỷ đồng; tổ chức 02 lớp tập huấn nghiệp vụ");
	t = plan_add_task(&f.plan);
	t->text = xstrdup("Triển khai Nghị quyết số 30/2025/NQ-HĐND ngày 9/12/2025 của HĐND tỉnh");
	t = plan_add_task(&f.plan);
	t->text = xstrdup("Liên kết phát triển du lịch 8 tỉnh Tây Bắc mở rộng; chuỗi sự kiện 4 mùa");
	extract_goals(&f.x);
	t = &f.plan.tasks.v[0];
	assert_int_equal(t->targets.n, 2);
	check_target(&t->targets.v[0], 2, OP_EQ);
	check_target(&t->targets.v[1], 15e9, OP_APPROX);
	assert_int_equal(f.plan.tasks.v[1].targets.n, 0);
	/* Counts of things merely named are not goals. */
	assert_int_equal(f.plan.tasks.v[2].targets.n, 0);
	done(&f);
}

/* ---- reporting ------------------------------------------------------ */

static void reporting_two_deadlines(void **state)
{
	struct fixture f;

	run(&f,
	    "IV. TỔ CHỨC THỰC HIỆN\n\nBan Chỉ đạo yêu cầu các cơ quan thực hiện Kế hoạch này; "
	    "báo cáo kết quả thực hiện nhiệm vụ 06 tháng đầu năm **trước ngày 15/6/2024**, cả năm "
	    "trước ngày **15/12/2024** về cơ quan thường trực để tổng hợp, báo cáo UBND tỉnh theo "
	    "quy định./.\n",
	    false);
	assert_int_equal(f.plan.reporting.n, 2);
	check_reporting(&f.plan, 0, "6 tháng đầu năm", "2024-06-15");
	check_reporting(&f.plan, 1, "cả năm", "2024-12-15");
	done(&f);
}

static void reporting_one_deadline(void **state)
{
	struct fixture f;

	run(&f,
	    "Số: /KH-UBND\n\nLào Cai, ngày tháng 4 năm 2026\n\nKẾ HOẠCH\n\nVăn hóa năm 2026\n\n"
	    "I. TỔ CHỨC THỰC HIỆN\n\n"
	    "Trên đây là Kế hoạch; yêu cầu các sở, ban, ngành nghiêm túc triển khai thực hiện và "
	    "báo cáo kết quả về UBND tỉnh (qua Sở Văn hóa, Thể thao và Du lịch) trước **ngày "
	    "25/11/2026**./\n",
	    false);
	assert_int_equal(f.plan.reporting.n, 1);
	check_reporting(&f.plan, 0, "kết quả thực hiện Kế hoạch", "2026-11-25");
	done(&f);
}

static void reporting_periodic(void **state)
{
	struct fixture f;

	run(&f, "I. NỘI DUNG\n\n- Nội dung: định kỳ báo cáo tình hình phát triển du lịch "
		"địa phương theo quý và năm; chia sẻ thông tin.\n",
	    false);
	assert_int_equal(f.plan.reporting.n, 2);
	check_reporting(&f.plan, 0, "quý", NULL);
	check_reporting(&f.plan, 1, "năm", NULL);
	done(&f);
	run(&f, "Các sở có trách nhiệm định kỳ báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện "
		"hàng tháng, quý, cả năm.\n",
	    false);
	assert_int_equal(f.plan.reporting.n, 3);
	check_reporting(&f.plan, 0, "tháng", NULL);
	check_reporting(&f.plan, 1, "quý", NULL);
	check_reporting(&f.plan, 2, "năm", NULL);
	done(&f);
	run(&f, "Định kỳ 6 tháng, hằng năm báo cáo kết quả về Sở Tài chính.\n\n"
		"Hàng quý, các xã báo cáo tiến độ về UBND tỉnh.\n",
	    false);
	assert_int_equal(f.plan.reporting.n, 3);
	check_reporting(&f.plan, 0, "6 tháng", NULL);
	check_reporting(&f.plan, 1, "năm", NULL);
	check_reporting(&f.plan, 2, "quý", NULL);
	done(&f);
}

static void reporting_periodic_ocr(void **state)
{
	struct fixture f;

	run(&f, "- Ngi dung: Cung cap thong tin vé du lich Lai Chéu véi cac tinh trong chuong "
		"trinh hop tac, dinh ky bao cao tinh hinh phat trién du lich dia\nphuong theo quy "
		"va nam; Chia sé thong tin.\n",
	    true);
	assert_int_equal(f.plan.reporting.n, 2);
	check_reporting(&f.plan, 0, "quý", NULL);
	check_reporting(&f.plan, 1, "năm", NULL);
	done(&f);
}

static void reporting_not_a_duty(void **state)
{
	struct fixture f;

	run(&f,
	    "- Tổng hợp và định kỳ báo cáo với Ban Chỉ đạo Nhà nước về du lịch theo quy định.\n\n"
	    "- Chủ động phối hợp; thực hiện chế độ báo cáo hằng năm theo quy định.\n\n"
	    "- Hoàn thành trước ngày 30/6/2026.\n\n"
	    "- Tổ chức Tập huấn kỹ năng sử dụng phần mềm báo cáo thống kê.\n\n"
	    "- TT Tỉnh ủy (báo cáo);\n",
	    false);
	assert_int_equal(f.plan.reporting.n, 0);
	done(&f);
}

static void reporting_deadline_words(void **state)
{
	struct fixture f;

	run(&f,
	    "Các đơn vị gửi báo cáo sơ kết chậm nhất ngày 03/02/2026.\n\n"
	    "Báo cáo quý II trước ngày 20/6/2026; báo cáo quý II trước ngày 20/6/2026.\n",
	    false);
	assert_int_equal(f.plan.reporting.n, 2);
	check_reporting(&f.plan, 0, NULL, "2026-02-03");
	check_reporting(&f.plan, 1, "quý II", "2026-06-20");
	done(&f);
}

static void seed_reporting(void **state)
{
	struct fixture f;

	run_seed(&f, "000_", false);
	assert_int_equal(f.plan.reporting.n, 0);
	done(&f);
	run_seed(&f, "001_", true);
	assert_int_equal(f.plan.reporting.n, 2);
	check_reporting(&f.plan, 0, "quý", NULL);
	check_reporting(&f.plan, 1, "năm", NULL);
	done(&f);
	run_seed(&f, "002_", false);
	assert_int_equal(f.plan.reporting.n, 1);
	check_reporting(&f.plan, 0, NULL, "2026-11-25");
	done(&f);
	run_seed(&f, "004_", false);
	assert_int_equal(f.plan.reporting.n, 2);
	check_reporting(&f.plan, 0, NULL, "2024-06-15");
	check_reporting(&f.plan, 1, NULL, "2024-12-15");
	done(&f);
}

static void goals_survive_odd_input(void **state)
{
	static const char *const inputs[] = {
		"báo cáo\n", "báo cáo trước\n", "báo cáo trước ngày\n", "định kỳ\n",
		"định kỳ báo cáo theo\n", "định kỳ báo cáo hằng\n", "2. Mục tiêu cụ thể\n",
		"2. Mục tiêu cụ thể:\n", "II. MỤC TIÊU\n\n1. Mục tiêu chung\n", ". ; . ;\n",
		"báo cáo 6 tháng trước ngày 31/6/2024\n",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(inputs); i++) {
		struct fixture f;

		run(&f, inputs[i], i % 2 == 1);
		assert_int_equal(f.plan.reporting.n, 0);
		done(&f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(targets_from_specific_goals_only),
		cmocka_unit_test(targets_from_goals_section),
		cmocka_unit_test(target_periods_and_own_year),
		cmocka_unit_test(targets_labelled_and_nested),
		cmocka_unit_test(no_goals_part_no_targets),
		cmocka_unit_test(seed_002_targets),
		cmocka_unit_test(seed_004_targets),
		cmocka_unit_test(seed_003_no_plan_targets),
		cmocka_unit_test(task_targets_from_text_and_result),
		cmocka_unit_test(reporting_two_deadlines),
		cmocka_unit_test(reporting_one_deadline),
		cmocka_unit_test(reporting_periodic),
		cmocka_unit_test(reporting_periodic_ocr),
		cmocka_unit_test(reporting_not_a_duty),
		cmocka_unit_test(reporting_deadline_words),
		cmocka_unit_test(seed_reporting),
		cmocka_unit_test(goals_survive_odd_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
