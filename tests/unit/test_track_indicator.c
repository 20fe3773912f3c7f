/*
 * test_track_indicator.c - actual values above, at, near and below target,
 * for every operator, with default and custom tolerances; and year by year:
 * actuals above, on and below the path between yearly targets, spans,
 * half-years, "≥"/"≤" targets and missing data.
 */
#include "unit.h"

#include <math.h>
#include <string.h>

#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"

#include "track/indicator_eval.h"

#define J(op, v, actual) indicator_judge_op(op, v, 0, actual, NULL)

static void floors(void **state)
{
	/* ">= 100" ("ít nhất 100"). */
	assert_int_equal(J(OP_GE, 100, 120), INDICATOR_EXCEEDED);
	assert_int_equal(J(OP_GE, 100, 100), INDICATOR_MET);
	assert_int_equal(J(OP_GE, 100, 95), INDICATOR_NEAR);
	assert_int_equal(J(OP_GE, 100, 90.5), INDICATOR_NEAR);
	assert_int_equal(J(OP_GE, 100, 89.9), INDICATOR_NOT_MET);
	assert_int_equal(J(OP_GE, 100, -5), INDICATOR_NOT_MET);
	/* Plain "=" is read as a goal to reach: the same as ">=". */
	assert_int_equal(J(OP_EQ, 2, 3), INDICATOR_EXCEEDED);
	assert_int_equal(J(OP_EQ, 2, 2), INDICATOR_MET);
	assert_int_equal(J(OP_EQ, 2, 1), INDICATOR_NOT_MET);
	assert_int_equal(J(OP_EQ, 4300e9, 3800e9), INDICATOR_NOT_MET);
	assert_int_equal(J(OP_EQ, 4300e9, 4200e9), INDICATOR_NEAR);
	/* "> 10": only values above meet it; nothing beyond is asked. */
	assert_int_equal(J(OP_GT, 10, 11), INDICATOR_MET);
	assert_int_equal(J(OP_GT, 10, 50), INDICATOR_MET);
	assert_int_equal(J(OP_GT, 10, 10), INDICATOR_NEAR);
	assert_int_equal(J(OP_GT, 10, 8), INDICATOR_NOT_MET);
	/* A zero floor has no near band. */
	assert_int_equal(J(OP_GE, 0, 0), INDICATOR_MET);
	assert_int_equal(J(OP_GE, 0, -0.1), INDICATOR_NOT_MET);
}

static void ceilings(void **state)
{
	/* "<= 2" ("không quá 2%"): less is better. */
	assert_int_equal(J(OP_LE, 2, 1.5), INDICATOR_EXCEEDED);
	assert_int_equal(J(OP_LE, 2, 2), INDICATOR_MET);
	assert_int_equal(J(OP_LE, 2, 2.1), INDICATOR_NEAR);
	assert_int_equal(J(OP_LE, 2, 2.15), INDICATOR_NEAR);
	assert_int_equal(J(OP_LE, 2, 3), INDICATOR_NOT_MET);
	assert_int_equal(J(OP_LT, 2, 1.9), INDICATOR_MET);
	assert_int_equal(J(OP_LT, 2, 0), INDICATOR_MET);
	assert_int_equal(J(OP_LT, 2, 2), INDICATOR_NEAR);
	assert_int_equal(J(OP_LT, 2, 2.5), INDICATOR_NOT_MET);
}

static void approximately(void **state)
{
	/* "khoảng 4,060 triệu lượt khách": met within ±5 %. */
	assert_int_equal(J(OP_APPROX, 4060000, 4060000), INDICATOR_MET);
	assert_int_equal(J(OP_APPROX, 4060000, 4000000), INDICATOR_MET);
	assert_int_equal(J(OP_APPROX, 4060000, 4250000), INDICATOR_MET);
	assert_int_equal(J(OP_APPROX, 4060000, 4300000), INDICATOR_EXCEEDED);
	/* Below the band, within 10 % of the target: near. */
	assert_int_equal(J(OP_APPROX, 4060000, 3800000), INDICATOR_NEAR);
	assert_int_equal(J(OP_APPROX, 4060000, 3500000), INDICATOR_NOT_MET);
}

static void ranges(void **state)
{
	/* "30- 50%". */
	assert_int_equal(indicator_judge_op(OP_RANGE, 30, 50, 40, NULL), INDICATOR_MET);
	assert_int_equal(indicator_judge_op(OP_RANGE, 30, 50, 30, NULL), INDICATOR_MET);
	assert_int_equal(indicator_judge_op(OP_RANGE, 30, 50, 50, NULL), INDICATOR_MET);
	assert_int_equal(indicator_judge_op(OP_RANGE, 30, 50, 55, NULL), INDICATOR_EXCEEDED);
	assert_int_equal(indicator_judge_op(OP_RANGE, 30, 50, 28, NULL), INDICATOR_NEAR);
	assert_int_equal(indicator_judge_op(OP_RANGE, 30, 50, 20, NULL), INDICATOR_NOT_MET);
	/* Bounds printed the wrong way round. */
	assert_int_equal(indicator_judge_op(OP_RANGE, 50, 30, 40, NULL), INDICATOR_MET);
	assert_int_equal(indicator_judge_op(OP_RANGE, 30, NAN, 40, NULL), INDICATOR_UNKNOWN);
}

static void tolerances(void **state)
{
	struct indicator_tolerance strict = { .approx = 0, .near = 0 };
	struct indicator_tolerance loose = { .approx = 0.2, .near = 0.3 };
	struct indicator_tolerance bad = { .approx = -1, .near = NAN };

	assert_int_equal(indicator_judge_op(OP_GE, 100, 0, 99, &strict), INDICATOR_NOT_MET);
	assert_int_equal(indicator_judge_op(OP_APPROX, 100, 0, 101, &strict), INDICATOR_EXCEEDED);
	assert_int_equal(indicator_judge_op(OP_APPROX, 100, 0, 100, &strict), INDICATOR_MET);
	assert_int_equal(indicator_judge_op(OP_APPROX, 100, 0, 119, &loose), INDICATOR_MET);
	assert_int_equal(indicator_judge_op(OP_APPROX, 100, 0, 75, &loose), INDICATOR_NEAR);
	assert_int_equal(indicator_judge_op(OP_GE, 100, 0, 71, &loose), INDICATOR_NEAR);
	assert_int_equal(indicator_judge_op(OP_GE, 100, 0, 99, &bad), INDICATOR_NOT_MET);
	assert_int_equal(indicator_judge_op(OP_APPROX, 100, 0, 101, &bad), INDICATOR_EXCEEDED);
}

static void targets_and_unknowns(void **state)
{
	struct target t = { .has_value = true, .value = 100, .op = OP_GE };

	assert_int_equal(indicator_judge(&t, 120, NULL), INDICATOR_EXCEEDED);
	assert_int_equal(indicator_judge(&t, NAN, NULL), INDICATOR_UNKNOWN);
	assert_int_equal(indicator_judge(&t, INFINITY, NULL), INDICATOR_UNKNOWN);
	t.op = OP_RANGE;
	assert_int_equal(indicator_judge(&t, 120, NULL), INDICATOR_UNKNOWN);
	t.has_max = true;
	t.max = 150;
	assert_int_equal(indicator_judge(&t, 120, NULL), INDICATOR_MET);
	t.has_value = false;
	assert_int_equal(indicator_judge(&t, 120, NULL), INDICATOR_UNKNOWN);
	assert_int_equal(indicator_judge(NULL, 120, NULL), INDICATOR_UNKNOWN);
	assert_int_equal(indicator_judge_op((enum target_op)42, 1, 0, 1, NULL), INDICATOR_UNKNOWN);
	assert_string_equal(indicator_verdict_vi(INDICATOR_EXCEEDED), "Vượt");
	assert_string_equal(indicator_verdict_vi(INDICATOR_MET), "Đạt");
	assert_string_equal(indicator_verdict_vi(INDICATOR_NEAR), "Gần đạt");
	assert_string_equal(indicator_verdict_vi(INDICATOR_NOT_MET), "Không đạt");
	assert_string_equal(indicator_verdict_key(INDICATOR_UNKNOWN), "unknown");
	assert_string_equal(indicator_verdict_key(INDICATOR_NEAR), "near");
}

/* ---- year by year ---------------------------------------------------------- */

#define T(p, o, v) { .has_value = true, .value = (v), .op = (o), .period = (char *)(p) }

/* An indicator whose by_period is the n targets of ts. */
static struct indicator ind_of(struct target *ts, size_t n, const char *unit)
{
	struct indicator ind = { .name = (char *)"x", .unit = (char *)unit };

	ind.by_period.v = ts;
	ind.by_period.n = n;
	ind.target = n ? &ts[n - 1] : NULL;
	return ind;
}

/* Judges and checks course, basis and the target applied; returns the rule
 * in buf (for string checks). */
static void expect(const struct indicator *ind, const struct target *base, const char *period,
		   bool has, double actual, enum indicator_course course, enum indicator_basis basis,
		   double target, char *buf, size_t len)
{
	struct indicator_course_result r;
	struct sb err = SB_INIT;

	assert_int_equal(indicator_course_judge(ind, base, period, has, actual, NULL, &r, &err), 0);
	assert_int_equal(r.course, course);
	assert_int_equal(r.basis, basis);
	if (basis != BASIS_NONE)
		assert_true(fabs(r.value - target) < 1e-9);
	assert_non_null(r.rule);
	if (buf)
		snprintf(buf, len, "%s", r.rule);
	indicator_course_release(&r);
	sb_release(&err);
}

static void yearly_path(void **state)
{
	/* "Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao": 30% in 2026, 40% in
	 * 2028, 50% in 2030 (multiyear-table.txt, row 4). */
	struct target ts[] = { T("2026", OP_EQ, 30), T("2028", OP_EQ, 40), T("2030", OP_EQ, 50) };
	struct target sparse[] = { T("2026", OP_EQ, 30), T("2030", OP_EQ, 50) };
	struct indicator ind = ind_of(ts, 3, "%"), sp = ind_of(sparse, 2, "%");
	char rule[512];

	/* The year's own target. */
	expect(&ind, NULL, "2026", true, 30, COURSE_ON_COURSE, BASIS_PERIOD, 30, rule, sizeof(rule));
	assert_string_equal(rule, "Năm 2026: mục tiêu của kỳ là 30%; thực hiện 30%: đúng lộ trình");
	expect(&ind, NULL, "2028", true, 41, COURSE_AHEAD, BASIS_PERIOD, 40, NULL, 0);
	/* Between two targets: the straight path, above, on and below it. */
	expect(&ind, NULL, "2027", true, 36, COURSE_AHEAD, BASIS_PATH, 35, rule, sizeof(rule));
	assert_string_equal(rule, "Năm 2027: mục tiêu nội suy 35% giữa 30% (2026) và 40% (2028);"
				  " thực hiện 36%: vượt lộ trình");
	expect(&ind, NULL, "2027", true, 35, COURSE_ON_COURSE, BASIS_PATH, 35, NULL, 0);
	expect(&ind, NULL, "2027", true, 33, COURSE_BEHIND, BASIS_PATH, 35, rule, sizeof(rule));
	assert_non_null(strstr(rule, "chậm so với lộ trình (gần đạt)"));
	expect(&ind, NULL, "2027", true, 20, COURSE_BEHIND, BASIS_PATH, 35, NULL, 0);
	expect(&ind, NULL, "2029", true, 45, COURSE_ON_COURSE, BASIS_PATH, 45, NULL, 0);
	/* Three years between two targets: 2028 is 2/4 of the way. */
	expect(&sp, NULL, "2028", true, 40, COURSE_ON_COURSE, BASIS_PATH, 40, rule, sizeof(rule));
	assert_string_equal(rule, "Năm 2028: mục tiêu nội suy 40% giữa 30% (2026) và 50% (2030);"
				  " thực hiện 40%: đúng lộ trình");
	expect(&sp, NULL, "2027", true, 35, COURSE_ON_COURSE, BASIS_PATH, 35, NULL, 0);
	/* A path value computed with rounding error is still "on". */
	expect(&sp, NULL, "2029", true, 45, COURSE_ON_COURSE, BASIS_PATH, 45, NULL, 0);
}

static void spans_and_half_years(void **state)
{
	/* Row 5 of multiyear-table.txt: yearly levels and "≥65" for the span. */
	struct target ts[] = { T("2026", OP_EQ, 65.3), T("2027", OP_EQ, 65.4),
			       T("2026-2030", OP_GE, 65) };
	struct target only_span[] = { T("2026-2030", OP_GE, 4.3) };
	struct target yearly[] = { T("2026", OP_EQ, 30), T("2028", OP_EQ, 40) };
	struct target base = T("2025", OP_EQ, 25);
	struct indicator ind = ind_of(ts, 3, "%"), sp = ind_of(only_span, 1, "%");
	struct target with_last[] = { T("2029", OP_EQ, 4.5), T("2030", OP_EQ, 4.5),
				      T("2026-2030", OP_EQ, 4.3) };
	struct indicator y = ind_of(yearly, 2, "%"), wl = ind_of(with_last, 3, "%");
	char rule[512];

	/* The span's own target, not the last year's that ends with it. */
	expect(&wl, NULL, "2026-2030", true, 4.3, COURSE_ON_COURSE, BASIS_PERIOD, 4.3, NULL, 0);
	expect(&ind, NULL, "2026-2030", true, 65.5, COURSE_AHEAD, BASIS_PERIOD, 65, NULL, 0);
	expect(&ind, NULL, "2026-2030", true, 64, COURSE_BEHIND, BASIS_PERIOD, 65, NULL, 0);
	/* A year with no target of its own, inside the span, after the
	 * last yearly target: the span's target. */
	expect(&ind, NULL, "2029", true, 65, COURSE_ON_COURSE, BASIS_SPAN, 65, rule, sizeof(rule));
	assert_string_equal(rule, "Năm 2029: không có mục tiêu riêng, áp dụng mục tiêu giai đoạn"
				  " 2026-2030 là ≥65%; thực hiện 65%: đúng lộ trình");
	expect(&sp, NULL, "2027", true, 4.0, COURSE_BEHIND, BASIS_SPAN, 4.3, NULL, 0);
	/* Half-years: H1 2027 ends a quarter of the way from 2026 to 2028. */
	expect(&y, NULL, "2027-H1", true, 32.5, COURSE_ON_COURSE, BASIS_PATH, 32.5, NULL, 0);
	expect(&y, NULL, "2027-H2", true, 35, COURSE_ON_COURSE, BASIS_PATH, 35, NULL, 0);
	/* Before the first target: the baseline starts the path, when the
	 * plan gives one. */
	expect(&y, &base, "2026-H1", true, 28, COURSE_AHEAD, BASIS_PATH, 27.5, rule, sizeof(rule));
	assert_string_equal(rule, "6 tháng đầu năm 2026: mục tiêu nội suy 27,5% trên đường thẳng"
				  " từ mức cơ sở 2025 (25%) đến mục tiêu 2026 (30%); thực hiện 28%:"
				  " vượt lộ trình");
	expect(&y, NULL, "2026-H1", true, 28, COURSE_NO_TARGET, BASIS_NONE, 0, rule, sizeof(rule));
	assert_string_equal(rule, "6 tháng đầu năm 2026: chưa có mục tiêu: mốc đầu tiên là năm 2026"
				  " và kế hoạch không nêu năm gốc");
	/* A half-year ending with a yearly target's year: that target. */
	expect(&y, NULL, "2026-H2", true, 30, COURSE_ON_COURSE, BASIS_PERIOD, 30, NULL, 0);
	/* Quarters and months sit on the path too. */
	expect(&y, NULL, "2027-Q3", true, 30, COURSE_BEHIND, BASIS_PATH, 33.75, NULL, 0);
	expect(&y, NULL, "2027-06", true, 32.5, COURSE_ON_COURSE, BASIS_PATH, 32.5, NULL, 0);
}

static void baseline_path(void **state)
{
	/* "từ 20% năm 2025 lên 30% năm 2027, 50% năm 2030": 2026 has no target
	 * of its own; the straight line from the baseline to 2027 gives 25%. */
	struct target ts[] = { T("2027", OP_EQ, 30), T("2030", OP_EQ, 50) };
	struct target base = T("2025", OP_EQ, 20), later = T("2027", OP_EQ, 20),
		      undated = T(NULL, OP_EQ, 20);
	/* Less is better: poverty 8% in 2025, at most 4% in 2027. */
	struct target down[] = { T("2027", OP_LE, 4) };
	struct target poor = T("2025", OP_EQ, 8);
	struct indicator ind = ind_of(ts, 2, "%"), dn = ind_of(down, 1, "%");
	char rule[512];

	/* Above, on and below the path. */
	expect(&ind, &base, "2026", true, 27, COURSE_AHEAD, BASIS_PATH, 25, rule, sizeof(rule));
	assert_string_equal(rule, "Năm 2026: mục tiêu nội suy 25% trên đường thẳng từ mức cơ sở 2025"
				  " (20%) đến mục tiêu 2027 (30%); thực hiện 27%: vượt lộ trình");
	expect(&ind, &base, "2026", true, 25, COURSE_ON_COURSE, BASIS_PATH, 25, rule, sizeof(rule));
	assert_string_equal(rule, "Năm 2026: mục tiêu nội suy 25% trên đường thẳng từ mức cơ sở 2025"
				  " (20%) đến mục tiêu 2027 (30%); thực hiện 25%: đúng lộ trình");
	expect(&ind, &base, "2026", true, 21, COURSE_BEHIND, BASIS_PATH, 25, rule, sizeof(rule));
	assert_non_null(strstr(rule, "thực hiện 21%: chậm so với lộ trình"));
	/* Within the near band of the path point: behind, "gần đạt". */
	expect(&ind, &base, "2026", true, 23, COURSE_BEHIND, BASIS_PATH, 25, rule, sizeof(rule));
	assert_non_null(strstr(rule, "(gần đạt)"));
	/* A quarter: the line at the end of 2026-Q2 (18 of 24 months short of 2027's end). */
	expect(&ind, &base, "2026-Q2", true, 22.5, COURSE_ON_COURSE, BASIS_PATH, 22.5, NULL, 0);
	/* Not yet reported: the path applies, no verdict. */
	expect(&ind, &base, "2026", false, 0, COURSE_NO_REPORT, BASIS_PATH, 25, NULL, 0);
	/* Targets of their own and paths between targets do not use it. */
	expect(&ind, &base, "2027", true, 30, COURSE_ON_COURSE, BASIS_PERIOD, 30, NULL, 0);
	expect(&ind, &base, "2028", true, 37, COURSE_AHEAD, BASIS_PATH, 30 + 20.0 / 3, NULL, 0);
	/* The fallback when no baseline is known (or it has no year, or it is
	 * not in the past of the period): nothing to judge 2026 against. */
	expect(&ind, NULL, "2026", true, 25, COURSE_NO_TARGET, BASIS_NONE, 0, rule, sizeof(rule));
	assert_string_equal(rule, "Năm 2026: chưa có mục tiêu: mốc đầu tiên là năm 2027 và kế hoạch"
				  " không nêu năm gốc");
	expect(&ind, &undated, "2026", true, 25, COURSE_NO_TARGET, BASIS_NONE, 0, NULL, 0);
	expect(&ind, &later, "2026", true, 25, COURSE_NO_TARGET, BASIS_NONE, 0, NULL, 0);
	/* Downwards: 8% to ≤4% passes ≤6% in 2026. */
	expect(&dn, &poor, "2026", true, 5, COURSE_AHEAD, BASIS_PATH, 6, rule, sizeof(rule));
	assert_string_equal(rule, "Năm 2026: mục tiêu nội suy ≤6% trên đường thẳng từ mức cơ sở 2025"
				  " (8%) đến mục tiêu 2027 (≤4%); thực hiện 5%: vượt lộ trình");
	expect(&dn, &poor, "2026", true, 6, COURSE_ON_COURSE, BASIS_PATH, 6, NULL, 0);
	expect(&dn, &poor, "2026", true, 7, COURSE_BEHIND, BASIS_PATH, 6, NULL, 0);
}

/* Judges and renders the rule in both languages into vi and en. */
static void both(const struct indicator *ind, const struct target *base, const char *period,
		 bool has, double actual, struct sb *vi, struct sb *en)
{
	struct indicator_course_result r;
	struct sb err = SB_INIT;

	assert_int_equal(indicator_course_judge(ind, base, period, has, actual, NULL, &r, &err), 0);
	sb_reset(vi);
	sb_reset(en);
	indicator_rule_render(&r, INDICATOR_VI, vi);
	indicator_rule_render(&r, INDICATOR_EN, en);
	/* r.rule is the Vietnamese rendering: the one renderer. */
	assert_string_equal(r.rule, vi->buf);
	indicator_course_release(&r);
	sb_release(&err);
}

static void rules_in_two_languages(void **state)
{
	struct target ts[] = { T("2026", OP_EQ, 30), T("2028", OP_EQ, 40), T("2030", OP_EQ, 50) };
	struct target spans[] = { T("2026", OP_EQ, 65.3), T("2026-2030", OP_GE, 65) };
	struct target yearly[] = { T("2026", OP_EQ, 30), T("2028", OP_APPROX, 42) };
	struct target plain = { .has_value = true, .value = 11000, .op = OP_GE };
	struct target base = T("2025", OP_EQ, 25);
	struct indicator ind = ind_of(ts, 3, "%"), sp = ind_of(spans, 2, "%");
	struct indicator y = ind_of(yearly, 2, "ha"), none = { .name = (char *)"y" };
	struct indicator pw = { .name = (char *)"z", .target = &plain, .unit = (char *)"lượt" };
	struct sb vi = SB_INIT, en = SB_INIT;

	both(&ind, NULL, "2026", true, 30, &vi, &en);
	assert_string_equal(vi.buf, "Năm 2026: mục tiêu của kỳ là 30%; thực hiện 30%: đúng lộ trình");
	assert_string_equal(en.buf, "Year 2026: the period's target is 30%; actual 30%: on the path");
	both(&ind, NULL, "2027", true, 36.5, &vi, &en);
	assert_string_equal(vi.buf, "Năm 2027: mục tiêu nội suy 35% giữa 30% (2026) và 40% (2028);"
				    " thực hiện 36,5%: vượt lộ trình");
	assert_string_equal(en.buf, "Year 2027: target interpolated 35% between 30% (2026) and 40%"
				    " (2028); actual 36.5%: ahead of the path");
	both(&ind, NULL, "2027", true, 33, &vi, &en);
	assert_non_null(strstr(vi.buf, "thực hiện 33%: chậm so với lộ trình (gần đạt)"));
	assert_non_null(strstr(en.buf, "actual 33%: behind the path (nearly met)"));
	both(&ind, NULL, "2027", false, 0, &vi, &en);
	assert_non_null(strstr(vi.buf, "; chưa báo cáo"));
	assert_non_null(strstr(en.buf, "; not reported yet"));
	/* The same end, the baseline's path, a span, a plan-wide target. */
	both(&ind, NULL, "2026-H2", true, 30, &vi, &en);
	assert_string_equal(vi.buf, "6 tháng cuối năm 2026: năm 2026 kết thúc cùng kỳ, mục tiêu là 30%;"
				    " thực hiện 30%: đúng lộ trình");
	assert_string_equal(en.buf, "The second half of 2026: year 2026 ends with the period, its"
				    " target is 30%; actual 30%: on the path");
	both(&ind, &base, "2026-H1", true, 28, &vi, &en);
	assert_string_equal(en.buf, "The first half of 2026: target interpolated 27.5% on the straight"
				    " line from the baseline 2025 (25%) to the target 2026 (30%);"
				    " actual 28%: ahead of the path");
	assert_non_null(strstr(vi.buf, "từ mức cơ sở 2025 (25%) đến mục tiêu 2026 (30%)"));
	both(&sp, NULL, "2029", true, 64.5, &vi, &en);
	assert_string_equal(vi.buf, "Năm 2029: không có mục tiêu riêng, áp dụng mục tiêu giai đoạn"
				    " 2026-2030 là ≥65%; thực hiện 64,5%: chậm so với lộ trình (gần đạt)");
	assert_string_equal(en.buf, "Year 2029: no target of its own, the target of the period"
				    " 2026-2030 applies: ≥65%; actual 64.5%: behind the path"
				    " (nearly met)");
	both(&pw, NULL, "2026-Q3", true, 12000, &vi, &en);
	assert_string_equal(vi.buf, "Quý III/2026: mục tiêu của kế hoạch (không nêu năm) là ≥11000"
				    " lượt; thực hiện 12000 lượt: vượt lộ trình");
	assert_string_equal(en.buf, "Q3 2026: the plan's target (no year stated) is ≥11000 lượt;"
				    " actual 12000 lượt: ahead of the path");
	/* "khoảng" is "about"; months by name. */
	both(&y, NULL, "2027-06", true, 33, &vi, &en);
	assert_non_null(strstr(vi.buf, "Tháng 6/2027: mục tiêu nội suy khoảng 33 ha"));
	assert_non_null(strstr(en.buf, "June 2027: target interpolated about 33 ha between 30 ha"
				       " (2026) and about 42 ha (2028); actual 33 ha: on the path"));
	/* No target: before the first, after the last, none at all. */
	both(&ind, NULL, "2025", true, 1, &vi, &en);
	assert_string_equal(vi.buf, "Năm 2025: chưa có mục tiêu: mốc đầu tiên là năm 2026 và kế"
				    " hoạch không nêu năm gốc");
	assert_string_equal(en.buf, "Year 2025: no target yet: the first milestone is year 2026 and"
				    " the plan states no baseline year");
	both(&ind, NULL, "2031", true, 1, &vi, &en);
	assert_string_equal(en.buf, "Year 2031: no target after the last milestone (year 2030)");
	both(&none, NULL, "2026-2030", true, 1, &vi, &en);
	assert_string_equal(vi.buf, "Giai đoạn 2026-2030: chỉ tiêu không có mục tiêu");
	assert_string_equal(en.buf, "The period 2026-2030: the indicator has no target");
	assert_string_equal(indicator_course_en(COURSE_NO_TARGET), "no target yet");
	sb_release(&vi);
	sb_release(&en);
}

static void undated_baseline(void **state)
{
	/* "Hiện trạng" 20%: no year of its own. A plan of 2026 dates it 2025
	 * (baseline_year, the year before); the path to 30% in 2027 gives 25%
	 * for 2026. */
	struct target ts[] = { T("2027", OP_EQ, 30), T("2030", OP_EQ, 50) };
	struct target undated = T(NULL, OP_EQ, 20);
	struct indicator ind = ind_of(ts, 2, "%");
	struct sb vi = SB_INIT, en = SB_INIT;
	char rule[512];

	ind.baseline = &undated;
	ind.baseline_year = 2025;
	expect(&ind, &undated, "2026", true, 27, COURSE_AHEAD, BASIS_PATH, 25, rule, sizeof(rule));
	assert_string_equal(rule, "Năm 2026: mục tiêu nội suy 25% trên đường thẳng từ mức cơ sở"
				  " không ghi năm (20%, tính là năm 2025, năm trước năm của kế hoạch)"
				  " đến mục tiêu 2027 (30%); thực hiện 27%: vượt lộ trình");
	expect(&ind, &undated, "2026", true, 24, COURSE_BEHIND, BASIS_PATH, 25, NULL, 0);
	expect(&ind, &undated, "2026-H2", true, 25, COURSE_ON_COURSE, BASIS_PATH, 25, NULL, 0);
	both(&ind, &undated, "2026", true, 25, &vi, &en);
	assert_string_equal(en.buf, "Year 2026: target interpolated 25% on the straight line from the"
				    " baseline of no stated year (20%, taken as 2025, the year before"
				    " the plan's) to the target 2027 (30%); actual 25%: on the path");
	/* It never changes a period with a target, nor one between two. */
	expect(&ind, &undated, "2027", true, 30, COURSE_ON_COURSE, BASIS_PERIOD, 30, NULL, 0);
	expect(&ind, &undated, "2028", true, 37, COURSE_AHEAD, BASIS_PATH, 30 + 20.0 / 3, NULL, 0);
	/* Dated 2026 (a plan of 2027): nothing of 2026 lies after it: no
	 * target, as before; 2027-H1 is on its path. */
	ind.baseline_year = 2026;
	expect(&ind, &undated, "2026-H2", true, 25, COURSE_NO_TARGET, BASIS_NONE, 0, NULL, 0);
	expect(&ind, &undated, "2027-H1", true, 25, COURSE_ON_COURSE, BASIS_PATH, 25, rule,
	       sizeof(rule));
	assert_non_null(strstr(rule, "tính là năm 2026, năm trước năm của kế hoạch"));
	/* No year anywhere: still no baseline year to start from. */
	ind.baseline_year = 0;
	expect(&ind, &undated, "2026", true, 25, COURSE_NO_TARGET, BASIS_NONE, 0, rule, sizeof(rule));
	assert_string_equal(rule, "Năm 2026: chưa có mục tiêu: mốc đầu tiên là năm 2027 và kế hoạch"
				  " không nêu năm gốc");
	both(&ind, &undated, "2026", true, 25, &vi, &en);
	assert_string_equal(en.buf, "Year 2026: no target yet: the first milestone is year 2027 and"
				    " the plan states no baseline year");
	/* A dated baseline keeps its own year whatever the plan's. */
	{
		struct target dated = T("2024", OP_EQ, 20);

		ind.baseline_year = 2025;
		expect(&ind, &dated, "2025", true, 24, COURSE_AHEAD, BASIS_PATH,
		       20 + 10.0 / 3, NULL, 0);
	}
	sb_release(&vi);
	sb_release(&en);
}

static void plan_dates_its_baselines(void **state)
{
	struct plan p;
	struct indicator *a, *b;

	plan_init(&p);
	a = plan_add_indicator(&p);
	a->baseline = xcalloc(1, sizeof(*a->baseline));
	a->baseline->has_value = true;
	b = plan_add_indicator(&p);
	b->baseline = xcalloc(1, sizeof(*b->baseline));
	b->baseline->period = xstrdup("2024");
	plan_add_indicator(&p);
	/* The year before the plan's year first. */
	p.doc.year = 2026;
	snprintf(p.doc.date, sizeof(p.doc.date), "2025-12-30");
	plan_date_baselines(&p);
	assert_int_equal(p.indicators.v[0].baseline_year, 2025);
	assert_int_equal(p.indicators.v[1].baseline_year, 0); /* has its own */
	assert_int_equal(p.indicators.v[2].baseline_year, 0); /* has none */
	/* Else the year before the document's date. */
	p.doc.year = 0;
	plan_date_baselines(&p);
	assert_int_equal(p.indicators.v[0].baseline_year, 2024);
	p.doc.date[0] = '\0';
	plan_date_baselines(&p);
	assert_int_equal(p.indicators.v[0].baseline_year, 0);
	plan_release(&p);
}

static void operators_on_the_path(void **state)
{
	/* "Tỷ lệ hộ nghèo" ≤ 5% in 2026, ≤ 3% in 2028: less is better. */
	struct target down[] = { T("2026", OP_LE, 5), T("2028", OP_LE, 3) };
	/* "≥" floors: ít nhất 100 in 2026, 140 in 2028. */
	struct target up[] = { T("2026", OP_GE, 100), T("2028", OP_GE, 140) };
	struct indicator d = ind_of(down, 2, "%"), u = ind_of(up, 2, "sản phẩm");
	char rule[512];

	expect(&d, NULL, "2027", true, 3.5, COURSE_AHEAD, BASIS_PATH, 4, rule, sizeof(rule));
	assert_string_equal(rule, "Năm 2027: mục tiêu nội suy ≤4% giữa ≤5% (2026) và ≤3% (2028);"
				  " thực hiện 3,5%: vượt lộ trình");
	expect(&d, NULL, "2027", true, 4, COURSE_ON_COURSE, BASIS_PATH, 4, NULL, 0);
	expect(&d, NULL, "2027", true, 4.3, COURSE_BEHIND, BASIS_PATH, 4, NULL, 0);
	expect(&d, NULL, "2026", true, 6, COURSE_BEHIND, BASIS_PERIOD, 5, NULL, 0);
	expect(&u, NULL, "2027", true, 125, COURSE_AHEAD, BASIS_PATH, 120, rule, sizeof(rule));
	assert_string_equal(rule, "Năm 2027: mục tiêu nội suy ≥120 sản phẩm giữa ≥100 sản phẩm"
				  " (2026) và ≥140 sản phẩm (2028); thực hiện 125 sản phẩm:"
				  " vượt lộ trình");
	expect(&u, NULL, "2027", true, 120, COURSE_ON_COURSE, BASIS_PATH, 120, NULL, 0);
	expect(&u, NULL, "2027", true, 100, COURSE_BEHIND, BASIS_PATH, 120, NULL, 0);
}

static void missing_data(void **state)
{
	struct target ts[] = { T("2026", OP_EQ, 30), T("2028", OP_EQ, 40) };
	struct target plain = { .has_value = true, .value = 11000, .op = OP_GE };
	struct target nothing = { .text = (char *)"tăng dần", .period = (char *)"2027" };
	struct indicator ind = ind_of(ts, 2, "%"), none = { .name = (char *)"y" };
	struct indicator pw = { .name = (char *)"z", .target = &plain };
	struct indicator tx = ind_of(&nothing, 1, NULL);
	struct indicator_course_result r;
	struct sb err = SB_INIT;
	char rule[512];
	int from, to;

	/* A target, no value: no report. */
	expect(&ind, NULL, "2027", false, 0, COURSE_NO_REPORT, BASIS_PATH, 35, rule, sizeof(rule));
	assert_string_equal(rule, "Năm 2027: mục tiêu nội suy 35% giữa 30% (2026) và 40% (2028);"
				  " chưa báo cáo");
	expect(&ind, NULL, "2027", true, NAN, COURSE_NO_REPORT, BASIS_PATH, 35, NULL, 0);
	/* After the horizon, or no target at all: no target. */
	expect(&ind, NULL, "2029", true, 50, COURSE_NO_TARGET, BASIS_NONE, 0, rule, sizeof(rule));
	assert_string_equal(rule, "Năm 2029: không có mục tiêu sau mốc cuối cùng (năm 2028)");
	expect(&none, NULL, "2027", true, 1, COURSE_NO_TARGET, BASIS_NONE, 0, rule, sizeof(rule));
	assert_string_equal(rule, "Năm 2027: chỉ tiêu không có mục tiêu");
	expect(&tx, NULL, "2027", true, 1, COURSE_NO_TARGET, BASIS_NONE, 0, NULL, 0);
	/* A target that names no period applies to every period. */
	expect(&pw, NULL, "2026-H1", true, 12000, COURSE_AHEAD, BASIS_PLAN, 11000, NULL, 0);
	/* A period that is none. */
	assert_int_equal(indicator_course_judge(&ind, NULL, "năm sau", true, 1, NULL, &r, &err),
			 -ERR_INPUT);
	assert_non_null(strstr(err.buf, "năm sau"));
	assert_int_equal(indicator_course_judge(&ind, NULL, "2030-2026", true, 1, NULL, &r, &err),
			 -ERR_INPUT);
	sb_release(&err);
	assert_int_equal(indicator_period_months("2026-2030", &from, &to), 0);
	assert_int_equal(from, 2026 * 12);
	assert_int_equal(to, 2031 * 12);
	assert_int_equal(indicator_period_months("2026-h2", &from, &to), 0);
	assert_int_equal(from, 2026 * 12 + 6);
	assert_int_equal(to, 2027 * 12);
	/* Time order: H1 before its year, a span after the year it ends with. */
	assert_true(indicator_period_cmp("2027-H1", "2027") < 0);
	assert_true(indicator_period_cmp("2030", "2026-2030") < 0);
	assert_true(indicator_period_cmp("2028", "2027") > 0);
	assert_int_equal(indicator_period_cmp("2027", "2027"), 0);
	assert_true(indicator_period_same("2026-h1", "2026-H1"));
	assert_false(indicator_period_same("2026", "2026-2030"));
	assert_false(indicator_period_same("x", "x"));
	assert_string_equal(indicator_course_key(COURSE_ON_COURSE), "on_course");
	assert_string_equal(indicator_course_key(COURSE_NO_REPORT), "no_report");
	assert_string_equal(indicator_basis_key(BASIS_PATH), "path");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(floors),
		cmocka_unit_test(ceilings),
		cmocka_unit_test(approximately),
		cmocka_unit_test(ranges),
		cmocka_unit_test(tolerances),
		cmocka_unit_test(targets_and_unknowns),
		cmocka_unit_test(yearly_path),
		cmocka_unit_test(spans_and_half_years),
		cmocka_unit_test(baseline_path),
		cmocka_unit_test(operators_on_the_path),
		cmocka_unit_test(missing_data),
		cmocka_unit_test(rules_in_two_languages),
		cmocka_unit_test(undated_baseline),
		cmocka_unit_test(plan_dates_its_baselines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
