/*
 * test_number.c - Vietnamese numbers, indicator cells and the quantified goals
 * of a sentence. The goal sentences are those of the gold files 002 and 004
 * (value, unit and operator must come out right), plus sentences whose
 * numbers are years, dates, document numbers, ordinals or names.
 */
#include "unit.h"
#include "extract/number.h"
#include "model/plan.h"

#include <math.h>

static bool near(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static void parses_numbers(void **state)
{
	static const struct {
		const char *in;
		bool scale;
		double value;
		size_t used;
	} cases[] = {
		{ "155.000", false, 155000, 7 },
		{ "14,97", false, 14.97, 5 },
		{ "93,00", false, 93, 5 },
		{ "1.200 người", false, 1200, 5 },
		{ "4,060 triệu lượt khách", true, 4060000, strlen("4,060 triệu") },
		{ "4,060 triệu", false, 4.06, 5 },
		{ "3,900 triệu", true, 3900000, strlen("3,900 triệu") },
		{ "160 nghìn lượt", true, 160000, strlen("160 nghìn") },
		{ "160 ngàn", true, 160000, strlen("160 ngàn") },
		{ "4.300 tỷ đồng", true, 4300000000000.0, strlen("4.300 tỷ") },
		{ "13.000 tỷ đồng", true, 13000000000000.0, strlen("13.000 tỷ") },
		{ "01 tỷ đồng", true, 1000000000, strlen("01 tỷ") },
		{ "2 tỉ", true, 2000000000, strlen("2 tỉ") },
		{ "1,2 nghìn tỷ", true, 1200000000000.0, strlen("1,2 nghìn tỷ") },
		{ "50 tỷ lệ", true, 50, 2 },
		{ "1.234.567,5", false, 1234567.5, 11 },
		{ "1,234,567", false, 1234567, 9 },
		{ "1.5", false, 1.5, 3 },
		{ "2026.", false, 2026, 4 },
		{ "02", false, 2, 2 },
		{ "56,5%", false, 56.5, 4 },
		{ "30- 50%", false, 30, 2 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		double v = -1;
		size_t used = number_parse(cases[i].in, strlen(cases[i].in), cases[i].scale, &v);

		if (used != cases[i].used || !near(v, cases[i].value))
			fail_msg("\"%s\": used %zu value %.17g", cases[i].in, used, v);
	}
	{
		double v = 7;

		assert_int_equal(number_parse("abc", 3, true, &v), 0);
		assert_int_equal(number_parse("", 0, true, &v), 0);
		assert_int_equal(number_parse("1234567890123456789012345", 25, true, &v), 0);
		assert_true(v == 7);
	}
}

static void parses_cells(void **state)
{
	static const struct {
		const char *in;
		double value;
		enum target_op op;
		double max;
	} cases[] = {
		{ "155.000", 155000, OP_EQ, 0 }, { "14,97", 14.97, OP_EQ, 0 },
		{ ">10", 10, OP_GT, 0 },        { "93,00", 93, OP_EQ, 0 },
		{ ">90000", 90000, OP_GT, 0 },  { "56,5", 56.5, OP_EQ, 0 },
		{ "1.200", 1200, OP_EQ, 0 },    { "72,4", 72.4, OP_EQ, 0 },
		{ "100", 100, OP_EQ, 0 },       { ">95", 95, OP_GT, 0 },
		{ "30-50", 30, OP_RANGE, 50 },  { "30 – 50", 30, OP_RANGE, 50 },
		{ ">= 5", 5, OP_GE, 0 },        { "≥5", 5, OP_GE, 0 },
		{ "≤ 3,5", 3.5, OP_LE, 0 },      { "<2", 2, OP_LT, 0 },
		{ "Trên 80", 80, OP_GT, 0 },    { "Tối thiểu 4", 4, OP_GE, 0 },
		{ "Khoảng 20", 20, OP_APPROX, 0 }, { "Không quá 5", 5, OP_LE, 0 },
		{ "11.280", 11280, OP_EQ, 0 },  { "6.140", 6140, OP_EQ, 0 },
		{ "1 triệu", 1, OP_EQ, 0 },     { "-3,25", -3.25, OP_EQ, 0 },
		{ "- 1,5", -1.5, OP_EQ, 0 },    { "\xE2\x88\x92" "2", -2, OP_EQ, 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct target t = { 0 };

		if (number_parse_cell(cases[i].in, strlen(cases[i].in), &t) != 0)
			fail_msg("\"%s\": no number", cases[i].in);
		if (!t.has_value || !near(t.value, cases[i].value) || t.op != cases[i].op ||
		    (cases[i].op == OP_RANGE && (!t.has_max || !near(t.max, cases[i].max))))
			fail_msg("\"%s\": %.17g op %s", cases[i].in, t.value, target_op_str(t.op));
		assert_string_equal(t.text, cases[i].in);
		assert_null(t.unit);
		target_release(&t);
	}
	{
		struct target t = { 0 };

		assert_int_equal(number_parse_cell("", 0, &t), -1);
		assert_int_equal(number_parse_cell("Hoàn thành", strlen("Hoàn thành"), &t), -1);
		assert_int_equal(number_parse_cell(NULL, 0, &t), -1);
	}
}

struct want {
	double value;
	const char *unit;
	enum target_op op;
	double max; /* OP_RANGE */
};

/* Runs number_find_targets on s and checks exactly the wanted goals come out. */
static void expect(const char *s, const struct want *w, size_t n)
{
	struct target_vec v = { 0 };
	size_t got = number_find_targets(s, strlen(s), &v), i;

	if (got != n || v.n != n) {
		for (i = 0; i < v.n; i++)
			print_message("  found %.17g %s [%s]\n", v.v[i].value, v.v[i].unit ? v.v[i].unit : "",
				      v.v[i].text);
		fail_msg("\"%s\": %zu goals, want %zu", s, got, n);
	}
	for (i = 0; i < n; i++) {
		const struct target *t = &v.v[i];

		if (!near(t->value, w[i].value) || t->op != w[i].op || !t->unit ||
		    strcmp(t->unit, w[i].unit) != 0 || !t->text || !*t->text ||
		    (w[i].op == OP_RANGE && !near(t->max, w[i].max)))
			fail_msg("\"%s\" goal %zu: %.17g [%s] %s, want %.17g [%s] %s", s, i, t->value,
				 t->unit ? t->unit : "(null)", target_op_str(t->op), w[i].value, w[i].unit,
				 target_op_str(w[i].op));
	}
	for (i = 0; i < v.n; i++)
		target_release(&v.v[i]);
	free(v.v);
}

#define EXPECT(s, ...)                                                    \
	do {                                                              \
		static const struct want w_[] = { __VA_ARGS__ };          \
		expect(s, w_, ARRAY_SIZE(w_));                            \
	} while (0)
#define EXPECT_NONE(s) expect(s, NULL, 0)

static void finds_goals_of_gold_002(void **state)
{
	EXPECT("- Phân đầu doanh thu các ngành công nghiệp văn hóa đóng góp khoảng 5% GRDP của tỉnh; "
	       "tốc độ tăng trưởng năm 2026 đạt khoảng 8%.",
	       { 5, "%", OP_APPROX, 0 }, { 8, "%", OP_APPROX, 0 });
	EXPECT("- Tạo việc làm và nâng cao thu nhập cho lao động trong lĩnh vực công nghiệp văn hóa, nhất là "
	       "tại các làng nghề, điểm du lịch cộng đồng; tổ chức ít nhất 03 lớp đào tạo, bồi dưỡng nguồn "
	       "nhân lực chuyên môn.",
	       { 3, "lớp", OP_GE, 0 });
	EXPECT("+ Lĩnh vực Điện ảnh: Doanh thu đạt khoảng 15 tỷ đồng; thu hút 02 đoàn làm phim, phim tài "
	       "liệu, video quảng bá du lịch đến khảo sát, ghi hình tại Lào Cai.",
	       { 15e9, "đồng", OP_APPROX, 0 }, { 2, "đoàn", OP_EQ, 0 });
	EXPECT("+ Lĩnh vực Nghệ thuật biểu diễn: Doanh thu đạt khoảng 5 tỷ đồng; xây dựng và tổ chức biểu "
	       "diễn ít nhất 01 chương trình nghệ thuật đặc trưng phục vụ khách du lịch.",
	       { 5e9, "đồng", OP_APPROX, 0 }, { 1, "chương trình", OP_GE, 0 });
	EXPECT("+ Lĩnh vực Mỹ thuật, nhiếp ảnh và triển lãm: Doanh thu đạt khoảng 01 tỷ đồng; tổ chức 03 "
	       "triển lãm chuyên đề hoặc triển lãm ảnh du lịch.",
	       { 1e9, "đồng", OP_APPROX, 0 }, { 3, "triển lãm", OP_EQ, 0 });
	EXPECT("+ Lĩnh vực Quảng cáo: Phân đầu doanh thu đạt khoảng 6 tỷ đồng; tổ chức rà soát, xây dựng "
	       "Quy hoạch quảng cáo ngoài trời trên địa bàn tỉnh Lào Cai giai đoạn 2026–2030, tầm nhìn đến "
	       "năm 2050.",
	       { 6e9, "đồng", OP_APPROX, 0 });
	EXPECT("+ Lĩnh vực Thủ công mỹ nghệ: Doanh thu đạt khoảng 60 tỷ đồng; phát triển mới hoặc nâng cấp 01 "
	       "sản phẩm thủ công mỹ nghệ, OCOP gắn văn hóa dân tộc.",
	       { 60e9, "đồng", OP_APPROX, 0 }, { 1, "sản phẩm", OP_EQ, 0 });
	EXPECT("+ Lĩnh vực Du lịch văn hoá: Phân đầu khách tham gia du lịch văn hóa chiếm khoảng 25% tổng "
	       "lượng khách du lịch đến tỉnh; doanh thu du lịch văn hóa đạt khoảng 13.000 tỷ đồng; phát triển "
	       "mới từ 03 sản phẩm du lịch văn hóa, cộng đồng.",
	       { 25, "%", OP_APPROX, 0 }, { 13000e9, "đồng", OP_APPROX, 0 }, { 3, "sản phẩm", OP_GE, 0 });
	EXPECT("+ Doanh thu lĩnh vực điện ảnh đạt khoảng 15 tỷ đồng.", { 15e9, "đồng", OP_APPROX, 0 });
	EXPECT("+ Thu hút 02 đoàn làm phim, chương trình quảng bá du lịch đến khảo sát, ghi hình tại Lào Cai.",
	       { 2, "đoàn", OP_EQ, 0 });
	EXPECT("+ Doanh thu đạt khoảng 5 tỷ đồng;", { 5e9, "đồng", OP_APPROX, 0 });
	EXPECT("+ Xây dựng và tổ chức biểu diễn ít nhất 01 chương trình nghệ thuật đặc trưng phục vụ khách "
	       "du lịch.",
	       { 1, "chương trình", OP_GE, 0 });
	EXPECT("+ Doanh thu lĩnh vực quảng cáo đạt khoảng 6 tỷ đồng.", { 6e9, "đồng", OP_APPROX, 0 });
	EXPECT("+ Tổ chức 03 cuộc triển lãm, trưng bày, công bố tác phẩm nghệ thuật có chất lượng, quảng bá "
	       "hình ảnh Lào Cai: Triển lãm mỹ thuật chủ đề “Sắc hoa xuân”; triển lãm ảnh nghệ thuật “Lào "
	       "Cai- nơi hội tụ sắc màu Tây Bắc”; trưng bày triển lãm tranh nghệ thuật.",
	       { 3, "cuộc triển lãm", OP_EQ, 0 });
	EXPECT("+ Triển khai hiệu quả Chương trình “Mỗi xã một sản phẩm (OCOP)”, trên cơ sở đó phối hợp rà "
	       "soát lựa chọn phát triển mới hoặc nâng cấp ít nhất 01 sản phẩm thủ công mỹ nghệ, OCOP gắn với "
	       "giá trị văn hóa truyền thống.",
	       { 1, "sản phẩm", OP_GE, 0 });
	EXPECT("+ Khách tham gia du lịch văn hóa chiếm khoảng 25% tổng lượng khách du lịch đến tỉnh.",
	       { 25, "%", OP_APPROX, 0 });
	EXPECT("+ Doanh thu du lịch văn hóa đạt khoảng 13.000 tỷ đồng.", { 13000e9, "đồng", OP_APPROX, 0 });
	EXPECT("+ Phát triển mới từ 03 sản phẩm du lịch văn hóa (du lịch qua biên giới¹; du lịch kết nối cụm "
	       "di sản ruộng bậc thang²; phát triển sản phẩm du lịch băng tuyết- sản phẩm du lịch “Ôn đới "
	       "trong lòng nhiệt đới”³).",
	       { 3, "sản phẩm", OP_GE, 0 });
}

static void finds_goals_of_gold_004(void **state)
{
	EXPECT("Năm 2024, phần đầu thu hút được khoảng 4,060 triệu lượt khách, trong đó có 160 nghìn lượt "
	       "khách du lịch quốc tế và 3,900 triệu lượt khách du lịch nội địa. Tổng thu từ du lịch phần "
	       "đầu đạt khoảng 4.300 tỷ đồng. Trên toàn tỉnh có tổng số 320 cơ sở lưu trú với 3.900 buồng "
	       "trong đó có 750 buồng đạt tiêu chuẩn 3-5 sao.",
	       { 4060000, "lượt khách", OP_APPROX, 0 }, { 160000, "lượt khách", OP_EQ, 0 },
	       { 3900000, "lượt khách", OP_EQ, 0 }, { 4300e9, "đồng", OP_APPROX, 0 },
	       { 320, "cơ sở lưu trú", OP_EQ, 0 }, { 3900, "buồng", OP_EQ, 0 }, { 750, "buồng", OP_EQ, 0 });
	EXPECT("Năm 2024 toàn tỉnh có khoảng 9.500 lao động du lịch, trong đó có 5.100 người lao động trực "
	       "tiếp (phần đầu đạt 2.200 lao động trực tiếp được đào tạo kiến thức, kỹ năng cơ bản phục vụ "
	       "công tác quản lý và hoạt động du lịch).",
	       { 9500, "lao động", OP_APPROX, 0 }, { 5100, "người lao động", OP_EQ, 0 },
	       { 2200, "lao động", OP_EQ, 0 });
}

static void cuts_text_at_clauses(void **state)
{
	const char *s = "Năm 2024, phần đầu thu hút được khoảng 4,060 triệu lượt khách, trong đó có 160 nghìn "
			"lượt khách du lịch quốc tế và 3,900 triệu lượt khách du lịch nội địa; doanh thu đạt "
			"trên **23.500 tỷ đồng**.";
	struct target_vec v = { 0 };
	size_t i;

	assert_int_equal(number_find_targets(s, strlen(s), &v), 4);
	assert_string_equal(v.v[0].text, "Năm 2024, phần đầu thu hút được khoảng 4,060 triệu lượt khách");
	assert_string_equal(v.v[1].text, "trong đó có 160 nghìn lượt khách du lịch quốc tế");
	assert_string_equal(v.v[2].text, "3,900 triệu lượt khách du lịch nội địa");
	assert_string_equal(v.v[3].text, "doanh thu đạt trên 23.500 tỷ đồng");
	assert_int_equal(v.v[3].op, OP_GT);
	for (i = 0; i < v.n; i++)
		target_release(&v.v[i]);
	free(v.v);
}

static void reads_operators_and_ranges(void **state)
{
	EXPECT("tốc độ tăng trưởng kinh tế trên 10% theo Nghị quyết", { 10, "%", OP_GT, 0 });
	EXPECT("tăng 30- 50% số lượng khách", { 30, "%", OP_RANGE, 50 });
	EXPECT("tăng 30%-50% doanh thu", { 30, "%", OP_RANGE, 50 });
	EXPECT("đạt từ 130 đến 140 huy chương", { 130, "huy chương", OP_RANGE, 140 });
	EXPECT("đạt tối thiểu 4-5 bác sỹ/trạm y tế", { 4, "bác sỹ/trạm", OP_RANGE, 5 });
	EXPECT("tỷ lệ hộ nghèo không quá 5%", { 5, "%", OP_LE, 0 });
	EXPECT("thu hút 3-5 triệu lượt khách", { 3e6, "lượt khách", OP_RANGE, 5e6 });
	EXPECT("đạt >10% và ≥ 20 doanh nghiệp", { 10, "%", OP_GT, 0 }, { 20, "doanh nghiệp", OP_GE, 0 });
	EXPECT("Phấn đấu năm 2026 thu hút khoảng 200 nghìn lượt khách", { 200000, "lượt khách", OP_APPROX, 0 });
	EXPECT("dưới 3% hộ nghèo; tối đa 10 đoàn", { 3, "%", OP_LT, 0 }, { 10, "đoàn", OP_LE, 0 });
	EXPECT("xây dựng 5km đường và 10 ha rừng", { 5, "km", OP_EQ, 0 }, { 10, "ha", OP_EQ, 0 });
}

/* Runs number_find_targets on s and checks the periods of its goals ("-" none). */
static void expect_periods(const char *s, const char *const *want, size_t n)
{
	struct target_vec v = { 0 };
	size_t i;

	number_find_targets(s, strlen(s), &v);
	if (v.n != n)
		fail_msg("\"%s\": %zu goals, want %zu", s, v.n, n);
	for (i = 0; i < n; i++) {
		const char *got = v.v[i].period ? v.v[i].period : "-";

		if (strcmp(got, want[i]) != 0)
			fail_msg("\"%s\" goal %zu: period %s, want %s", s, i, got, want[i]);
	}
	for (i = 0; i < v.n; i++)
		target_release(&v.v[i]);
	free(v.v);
}

#define PERIODS(s, ...)                                                   \
	do {                                                              \
		static const char *const p_[] = { __VA_ARGS__ };          \
		expect_periods(s, p_, ARRAY_SIZE(p_));                    \
	} while (0)

static void reads_goal_periods(void **state)
{
	PERIODS("Tỷ lệ năm 2026 đạt 30%, đến năm 2030 đạt 55%.", "2026", "2030");
	PERIODS("Doanh số tăng bình quân 20%/năm trong giai đoạn 2026 - 2030.", "2026-2030");
	PERIODS("Giai đoạn 2026-2030 trồng mới 12.000 ha rừng.", "2026-2030");
	PERIODS("Phấn đấu 6 tháng đầu năm 2026 có 2.000 hộ được tập huấn.", "2026-H1");
	PERIODS("Tỷ lệ che phủ rừng đạt 65% vào năm 2029.", "2029");
	PERIODS("Từ năm 2026 đến năm 2030, mỗi năm đào tạo 500 lao động.", "2026-2030");
	/* a document number's year is no period; a goal without a year has none */
	PERIODS("Theo Nghị quyết số 30/2025, đạt 40 sản phẩm.", "-");
	PERIODS("Năm 2026 đạt 40 sản phẩm. Tổ chức 02 lớp tập huấn.", "2026", "-");
}

/* "từ X năm 2025 lên Y năm 2030": one goal Y whose baseline is X. */
static void expect_baseline(const char *s, double value, const char *period, double base,
			    const char *base_period, const char *base_text)
{
	struct target_vec v = { 0 };
	size_t i;

	number_find_targets(s, strlen(s), &v);
	if (v.n != 1)
		fail_msg("\"%s\": %zu goals, want 1", s, v.n);
	assert_true(v.v[0].value == value);
	assert_str_or_null(v.v[0].period, period);
	if (!base_period) {
		assert_null(v.v[0].baseline);
	} else {
		assert_non_null(v.v[0].baseline);
		assert_true(v.v[0].baseline->value == base);
		assert_string_equal(v.v[0].baseline->period, base_period);
		assert_string_equal(v.v[0].baseline->text, base_text);
	}
	for (i = 0; i < v.n; i++)
		target_release(&v.v[i]);
	free(v.v);
}

static void reads_prose_baselines(void **state)
{
	expect_baseline("Tỷ lệ doanh nghiệp ứng dụng từ 20% năm 2025 lên 50% năm 2030.", 50, "2030", 20,
			"2025", "từ 20% năm 2025");
	expect_baseline("Tỷ lệ hộ nghèo giảm từ 4,5% năm 2025 xuống còn dưới 2% năm 2030.", 2, "2030",
			4.5, "2025", "từ 4,5% năm 2025");
	expect_baseline("Sản lượng tăng từ 1.200 tấn năm 2025 lên 2.000 tấn năm 2030.", 2000, "2030",
			1200, "2025", "từ 1.200 tấn năm 2025");
	{
		/* Not a baseline: the same year on both sides, or no "từ". */
		struct target_vec v = { 0 };
		const char *s = "Doanh thu từ 100 tỷ đồng năm 2026 lên 200 tỷ đồng.";
		size_t i;

		number_find_targets(s, strlen(s), &v);
		assert_int_equal(v.n, 2);
		assert_null(v.v[0].baseline);
		assert_null(v.v[1].baseline);
		for (i = 0; i < v.n; i++)
			target_release(&v.v[i]);
		free(v.v);
	}
	PERIODS("Năm 2025 đạt 20%, năm 2030 đạt 50%.", "2025", "2030");
}

static void finds_a_period_alone(void **state)
{
	char p[16];

	assert_true(number_find_period("Đến năm 2030:", strlen("Đến năm 2030:"), p, sizeof(p)));
	assert_string_equal(p, "2030");
	assert_true(number_find_period("b) Giai đoạn 2026 - 2028", strlen("b) Giai đoạn 2026 - 2028"), p,
				       sizeof(p)));
	assert_string_equal(p, "2026-2028");
	assert_false(number_find_period("Theo Quyết định số 12/2025/QĐ-UBND",
					strlen("Theo Quyết định số 12/2025/QĐ-UBND"), p, sizeof(p)));
	assert_false(number_find_period("Mục tiêu cụ thể", strlen("Mục tiêu cụ thể"), p, sizeof(p)));
}

static void skips_non_goals(void **state)
{
	EXPECT_NONE("Thực hiện Quyết định số 2486/QĐ-TTg ngày 14/11/2025 của Thủ tướng Chính phủ phê duyệt "
		    "Chiến lược đến năm 2030, tầm nhìn đến năm 2045; Kế hoạch số 109/KH-UBND ngày 17/3/2026");
	EXPECT_NONE("Thực hiện Chương trình hành động số 23-CTr/TU, ngày 27/8/2021 của Ban Chấp hành, nhiệm "
		    "kỳ 2020 - 2025.");
	EXPECT_NONE("Nghị quyết số 30/2025/NQ-HĐND, Nghị quyết số 01/NQ-CP và Nghị quyết 30 của HĐND");
	EXPECT_NONE("tại chương trình Gặp gỡ đầu Xuân 2024 và Hội nghị lần thứ 15 Ủy ban công tác liên hợp");
	EXPECT_NONE("báo cáo kết quả thực hiện nhiệm vụ 06 tháng đầu năm **trước ngày 15/6/2024**, cả năm");
	EXPECT_NONE("Triển khai Đề án 08: Phát triển công nghiệp giai đoạn 2026-2030. Apatit (Cam Đường 2, "
		    "Khai trường 10, Bảo Hưng 2, Bản Phụng để");
	EXPECT_NONE("phủ sóng 4G, 5G đến nút giao IC15, chỉ số PAPI2 và phiên bản 2.0.1 trên Quốc lộ 37;");
	EXPECT_NONE("nhà máy (tổng công suất 78 MW) theo quy mô 04 làn xe; Kỷ niệm 96 năm Ngày thành lập");
	EXPECT_NONE("năm 2025 đã đạt 50% kế hoạch; các cơ sở lưu trú từ 3 sao trở lên");
	EXPECT_NONE("mỗi người dân là một hướng dẫn viên du lịch");
	EXPECT_NONE("");
	{
		struct target_vec v = { 0 };

		assert_int_equal(number_find_targets(NULL, 0, &v), 0);
	}
}

static void survives_long_input(void **state)
{
	static const char pat[] = "đạt khoảng 1.000 tỷ đồng; ";
	size_t n = 300000, i;
	char *s = malloc(n + 1);
	struct target_vec v = { 0 };

	for (i = 0; i < n; i++)
		s[i] = pat[i % (sizeof(pat) - 1)];
	s[n] = '\0';
	number_find_targets(s, n, &v);
	assert_true(v.n > 1000);
	for (i = 0; i < v.n; i++)
		target_release(&v.v[i]);
	free(v.v);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_numbers),
		cmocka_unit_test(parses_cells),
		cmocka_unit_test(finds_goals_of_gold_002),
		cmocka_unit_test(finds_goals_of_gold_004),
		cmocka_unit_test(cuts_text_at_clauses),
		cmocka_unit_test(reads_operators_and_ranges),
		cmocka_unit_test(skips_non_goals),
		cmocka_unit_test(reads_goal_periods),
		cmocka_unit_test(reads_prose_baselines),
		cmocka_unit_test(finds_a_period_alone),
		cmocka_unit_test(survives_long_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
