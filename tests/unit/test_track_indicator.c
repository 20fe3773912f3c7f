/*
 * test_track_indicator.c - actual values above, at, near and below target,
 * for every operator, with default and custom tolerances.
 */
#include "unit.h"

#include <math.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(floors),
		cmocka_unit_test(ceilings),
		cmocka_unit_test(approximately),
		cmocka_unit_test(ranges),
		cmocka_unit_test(tolerances),
		cmocka_unit_test(targets_and_unknowns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
