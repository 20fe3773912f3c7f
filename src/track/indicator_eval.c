/*
 * indicator_eval.c - đạt / vượt / gần đạt / không đạt by target operator.
 *
 * Every operator reduces to "is the actual value on the good side of a
 * bound, and by how much does it miss it". The near band is measured from
 * the bound the actual value misses, as a fraction of that bound's
 * magnitude, so a target of 0 has no near band.
 */
#include "base/compat.h"

#include <math.h>

#include "track/indicator_eval.h"

/* A tolerance as given, or 0 when negative or not a number. */
static double frac(double v)
{
	return isfinite(v) && v >= 0 ? v : 0;
}

/* A floor: more is better. strict for ">" (only values above it meet it, and
 * nothing beyond it is asked, so ">" is never "exceeded"). */
static enum indicator_verdict floor_judge(double bound, double actual, bool strict, double near)
{
	if (strict ? actual > bound : actual >= bound) {
		if (!strict && actual > bound)
			return INDICATOR_EXCEEDED;
		return INDICATOR_MET;
	}
	return actual >= bound - near * fabs(bound) ? INDICATOR_NEAR : INDICATOR_NOT_MET;
}

/* A ceiling: less is better. */
static enum indicator_verdict ceiling_judge(double bound, double actual, bool strict, double near)
{
	if (strict ? actual < bound : actual <= bound) {
		if (!strict && actual < bound)
			return INDICATOR_EXCEEDED;
		return INDICATOR_MET;
	}
	return actual <= bound + near * fabs(bound) ? INDICATOR_NEAR : INDICATOR_NOT_MET;
}

/* A band [lo, hi]: inside is met, above is exceeded (plan targets are
 * growth goals, so overshooting the band is doing better), below may be
 * near. */
static enum indicator_verdict band_judge(double lo, double hi, double actual, double near)
{
	if (actual > hi)
		return INDICATOR_EXCEEDED;
	if (actual >= lo)
		return INDICATOR_MET;
	return actual >= lo - near * fabs(lo) ? INDICATOR_NEAR : INDICATOR_NOT_MET;
}

enum indicator_verdict indicator_judge_op(enum target_op op, double value, double max,
					  double actual, const struct indicator_tolerance *tol)
{
	double approx = frac(tol ? tol->approx : INDICATOR_APPROX_DEFAULT);
	double near = frac(tol ? tol->near : INDICATOR_NEAR_DEFAULT);
	double lo, hi;

	if (!isfinite(value) || !isfinite(actual))
		return INDICATOR_UNKNOWN;
	switch (op) {
	case OP_EQ:
	case OP_GE: return floor_judge(value, actual, false, near);
	case OP_GT: return floor_judge(value, actual, true, near);
	case OP_LE: return ceiling_judge(value, actual, false, near);
	case OP_LT: return ceiling_judge(value, actual, true, near);
	case OP_APPROX:
		/* "khoảng X": the band X ± approx·|X|; the near band is measured
		 * from X itself, so it is near - approx wide below the band. */
		lo = value - approx * fabs(value);
		hi = value + approx * fabs(value);
		if (actual > hi)
			return INDICATOR_EXCEEDED;
		if (actual >= lo)
			return INDICATOR_MET;
		return actual >= value - near * fabs(value) ? INDICATOR_NEAR : INDICATOR_NOT_MET;
	case OP_RANGE:
		if (!isfinite(max))
			return INDICATOR_UNKNOWN;
		lo = value < max ? value : max;
		hi = value < max ? max : value;
		return band_judge(lo, hi, actual, near);
	}
	return INDICATOR_UNKNOWN;
}

enum indicator_verdict indicator_judge(const struct target *t, double actual,
				       const struct indicator_tolerance *tol)
{
	if (!t || !t->has_value || (t->op == OP_RANGE && !t->has_max))
		return INDICATOR_UNKNOWN;
	return indicator_judge_op(t->op, t->value, t->max, actual, tol);
}

const char *indicator_verdict_key(enum indicator_verdict v)
{
	switch (v) {
	case INDICATOR_NOT_MET: return "not_met";
	case INDICATOR_NEAR: return "near";
	case INDICATOR_MET: return "met";
	case INDICATOR_EXCEEDED: return "exceeded";
	case INDICATOR_UNKNOWN: break;
	}
	return "unknown";
}

const char *indicator_verdict_vi(enum indicator_verdict v)
{
	switch (v) {
	case INDICATOR_NOT_MET: return "Không đạt";
	case INDICATOR_NEAR: return "Gần đạt";
	case INDICATOR_MET: return "Đạt";
	case INDICATOR_EXCEEDED: return "Vượt";
	case INDICATOR_UNKNOWN: break;
	}
	return "Chưa đánh giá";
}
