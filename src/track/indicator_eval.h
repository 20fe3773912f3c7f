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
#include "track/period.h"

struct sb;

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

/* ---- year by year: an actual value against the path of targets ---------- */

/*
 * A plan for 2026-2030 sets one target per year or period (plan/1
 * by_period). An actual value reported for a period is judged against the
 * target of that very period, else against the straight path between the
 * last point before it (a target, or the baseline when the plan gives one)
 * and the next target, else against the target of a span ("2026-2030")
 * covering it, else against the indicator's one target when it names no
 * period. docs/track.md, "Indicators year by year", gives the rules.
 */
enum indicator_course {
	COURSE_NO_TARGET, /* nothing to judge the period against */
	COURSE_NO_REPORT, /* a target, but no value reported */
	COURSE_BEHIND, /* short of the target or path (gần đạt, không đạt) */
	COURSE_ON_COURSE, /* on it (đạt) */
	COURSE_AHEAD, /* beyond it (vượt) */
};

enum indicator_basis {
	BASIS_NONE,
	BASIS_PERIOD, /* the target of the period itself */
	BASIS_PATH, /* a point on the path between two targets (or baseline and target) */
	BASIS_SPAN, /* the target of a span covering the period */
	BASIS_PLAN, /* the indicator's one target, which names no period */
};

/* Why a target applies (or none does): what the rule sentence says, in any
 * language (indicator_rule_render). */
enum indicator_rule_kind {
	RULE_NONE, /* the indicator has no target at all */
	RULE_PERIOD, /* the period's own target */
	RULE_SAME_END, /* a target ending with the period: a (2026 for 2026-H2) */
	RULE_PATH_BASELINE, /* the straight line from the baseline a to the target b */
	RULE_PATH, /* the straight line between the targets a and b */
	RULE_SPAN, /* the target of the span a covering the period */
	RULE_PLAN, /* the indicator's one target, which names no period */
	RULE_BEFORE_FIRST, /* before the first target b, no baseline to start from */
	RULE_AFTER_LAST, /* after the last target a */
};

/* A point the rule names: a target, or the baseline. */
struct indicator_rule_point {
	char period[PERIOD_NAME_LEN]; /* "2026", "2026-2030"; "" = none */
	enum target_op op; /* OP_EQ for the baseline */
	double value, max;
	/* The baseline states no year ("Hiện trạng"): period is the year it
	 * is counted at, the one before the plan's (struct
	 * indicator.baseline_year). */
	bool year_from_plan;
};

struct indicator_rule {
	enum indicator_rule_kind kind;
	char period[PERIOD_NAME_LEN]; /* the period judged */
	struct indicator_rule_point a, b; /* as the kind says; zero when unused */
	bool has_actual; /* the value judged, when a target applies */
	double actual;
	char *unit; /* printed after numbers; owned, NULL = none */
};

/* The language a rule sentence is rendered in. */
enum indicator_lang { INDICATOR_VI, INDICATOR_EN };

struct indicator_course_result {
	enum indicator_course course;
	enum indicator_verdict verdict; /* against the target applied; UNKNOWN without one */
	enum indicator_basis basis;
	bool has_target;
	enum target_op op; /* the target applied (interpolated on BASIS_PATH) */
	double value, max; /* max: OP_RANGE only */
	struct indicator_rule why; /* what the rule says, for any language */
	char *rule; /* why rendered in Vietnamese; owned, never NULL after success */
};

/**
 * Judges an actual value of ind for period (a period name of period.h, or a
 * span "2026-2030"). baseline (may be NULL) is a past figure with its
 * period; one with no period is counted at ind->baseline_year when that is
 * set (the year before the plan's), else not used; ind->unit is printed in the rule. has_actual false gives
 * COURSE_NO_REPORT when a target applies. tol NULL means the defaults.
 * Returns 0, or -ERR_INPUT (message in err) when period is not a period.
 * Release *out with indicator_course_release().
 */
int indicator_course_judge(const struct indicator *ind, const struct target *baseline,
			   const char *period, bool has_actual, double actual,
			   const struct indicator_tolerance *tol, struct indicator_course_result *out,
			   struct sb *err);
void indicator_course_release(struct indicator_course_result *r);

/**
 * Appends the rule sentence of r (r->why with r's target, course and
 * verdict) in lang: "Năm 2027: mục tiêu nội suy 35% giữa 30% (2026) và 40%
 * (2028); thực hiện 36%: vượt lộ trình" or "Year 2027: target interpolated
 * 35% between 30% (2026) and 40% (2028); actual 36%: ahead of the path".
 * The one renderer of rules: r->rule is its Vietnamese output.
 */
void indicator_rule_render(const struct indicator_course_result *r, enum indicator_lang lang,
			   struct sb *out);

/**
 * The months a period or span covers, as month numbers (year * 12 + month
 * - 1): [*from, *to). "2026" is [2026*12, 2027*12), "2026-H1" its first six
 * months, "2026-2030" five years. Returns 0 or -ERR_INPUT.
 */
int indicator_period_months(const char *period, int *from, int *to);

/** Time order of two periods or spans: by the month each ends, a longer one
 *  (a span) after the year it ends with; names that are no period first. */
int indicator_period_cmp(const char *a, const char *b);
/** True when a and b name the same months ("2026-h1" and "2026-H1"). */
bool indicator_period_same(const char *a, const char *b);

const char *indicator_course_key(enum indicator_course c); /* "on_course" */
const char *indicator_course_vi(enum indicator_course c); /* "đúng lộ trình" */
const char *indicator_course_en(enum indicator_course c); /* "on the path" */
const char *indicator_basis_key(enum indicator_basis b); /* "path" */

#endif
