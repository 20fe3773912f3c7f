/*
 * indicator_eval.h - judging an actual value against a plan's target.
 *
 * Reports say of each indicator "vượt" (exceeded), "đạt" (met), "gần đạt"
 * (nearly met) or "không đạt" (not met). The judgement depends on the
 * target's operator (plan/1 target.op): "=", ">=" and ">" are floors (more is
 * better), "<=" and "<" ceilings (less is better), "~" a value give or take
 * a tolerance, "range" a band. The exact rules and the default tolerances
 * are in docs/track.md. Pure functions of their arguments.
 */
#ifndef DONDOC_INDICATOR_EVAL_H
#define DONDOC_INDICATOR_EVAL_H

#include "model/plan.h"

enum indicator_verdict {
	INDICATOR_UNKNOWN, /* no target value, or a non-finite number */
	INDICATOR_NOT_MET, /* không đạt */
	INDICATOR_NEAR, /* gần đạt */
	INDICATOR_MET, /* đạt */
	INDICATOR_EXCEEDED, /* vượt */
};

/* Tolerances, as fractions of the target's magnitude. */
struct indicator_tolerance {
	double approx; /* "~": |actual - target| <= approx * |target| is met */
	double near; /* shortfall up to near * |target| is "gần đạt" */
};

#define INDICATOR_APPROX_DEFAULT 0.05
#define INDICATOR_NEAR_DEFAULT 0.10

/**
 * Judges actual against op/value (and max, for OP_RANGE). tol NULL means the
 * defaults above; negative or non-finite tolerances count as 0.
 */
enum indicator_verdict indicator_judge_op(enum target_op op, double value, double max,
					  double actual, const struct indicator_tolerance *tol);
/** indicator_judge_op on a plan/1 target; INDICATOR_UNKNOWN when t is NULL,
 *  has no value, or is a range without a max. */
enum indicator_verdict indicator_judge(const struct target *t, double actual,
				       const struct indicator_tolerance *tol);

const char *indicator_verdict_key(enum indicator_verdict v); /* "exceeded" */
const char *indicator_verdict_vi(enum indicator_verdict v); /* "Vượt" */

#endif
