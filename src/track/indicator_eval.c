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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "track/indicator_eval.h"

#include "base/err.h"
#include "base/sb.h"
#include "track/period.h"

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

/* ---- year by year ------------------------------------------------------- */

int indicator_period_months(const char *period, int *from, int *to)
{
	struct period p;
	char *end;
	long y1, y2;

	if (!period)
		return -ERR_INPUT;
	/* A span "2026-2030": two years, the second after the first. */
	y1 = strtol(period, &end, 10);
	if (end - period == 4 && *end == '-' && strlen(end + 1) == 4 &&
	    strspn(end + 1, "0123456789") == 4) {
		y2 = strtol(end + 1, NULL, 10);
		if (y2 <= y1 || y1 < 1)
			return -ERR_INPUT;
		*from = (int)y1 * 12;
		*to = (int)(y2 + 1) * 12;
		return 0;
	}
	if (period_parse(period, &p) < 0)
		return -ERR_INPUT;
	*from = p.year * 12;
	switch (p.kind) {
	case PERIOD_MONTH: *from += p.index - 1; *to = *from + 1; break;
	case PERIOD_QUARTER: *from += 3 * (p.index - 1); *to = *from + 3; break;
	case PERIOD_HALF: *from += 6 * (p.index - 1); *to = *from + 6; break;
	case PERIOD_NINE_MONTHS: *to = *from + 9; break;
	case PERIOD_YEAR:
	case PERIOD__COUNT: *to = *from + 12; break;
	}
	return 0;
}

int indicator_period_cmp(const char *a, const char *b)
{
	int af = 0, at = 0, bf = 0, bt = 0;

	if (indicator_period_months(a, &af, &at) < 0)
		af = at = -1;
	if (indicator_period_months(b, &bf, &bt) < 0)
		bf = bt = -1;
	if (at != bt)
		return at < bt ? -1 : 1;
	return af > bf ? -1 : af < bf;
}

bool indicator_period_same(const char *a, const char *b)
{
	int af, at, bf, bt;

	return indicator_period_months(a, &af, &at) == 0 &&
	       indicator_period_months(b, &bf, &bt) == 0 && af == bf && at == bt;
}

/* A number as Vietnamese reports print it: a decimal comma, at most two
 * decimals (three significant digits below 1), no thousands separator. */
static void add_num(struct sb *out, double v)
{
	char buf[64], *q;

	if (fabs(v) >= 1 || v == 0) {
		sb_add_decimal_vi(out, v, 2);
		return;
	}
	snprintf(buf, sizeof(buf), "%.3g", v);
	for (q = buf; *q; q++)
		if (*q == '.')
			*q = ',';
	sb_adds(out, buf);
}

static void add_unit(struct sb *out, const char *unit)
{
	if (unit && *unit)
		sb_addf(out, "%s%s", strcmp(unit, "%") == 0 ? "" : " ", unit);
}

/* "≥65%", "khoảng 50000 Tỷ đồng", "2–3%". */
static void add_target(struct sb *out, enum target_op op, double value, double max,
		       const char *unit)
{
	switch (op) {
	case OP_GE: sb_adds(out, "≥"); break;
	case OP_GT: sb_adds(out, ">"); break;
	case OP_LE: sb_adds(out, "≤"); break;
	case OP_LT: sb_adds(out, "<"); break;
	case OP_APPROX: sb_adds(out, "khoảng "); break;
	case OP_EQ:
	case OP_RANGE: break;
	}
	add_num(out, value);
	if (op == OP_RANGE) {
		sb_adds(out, "–");
		add_num(out, max);
	}
	add_unit(out, unit);
}

/* "năm 2026", "6 tháng đầu năm 2026", "giai đoạn 2026-2030"; capitalised
 * at the start of the rule. */
static void add_label(struct sb *out, const char *name, bool capital)
{
	struct period p;
	struct sb l = SB_INIT;

	if (period_parse(name, &p) == 0)
		period_label_vi(&p, &l);
	else
		sb_addf(&l, "Giai đoạn %s", name);
	if (!capital && l.len && l.buf[0] >= 'A' && l.buf[0] <= 'Z')
		l.buf[0] = (char)(l.buf[0] - 'A' + 'a');
	sb_adds(out, l.buf);
	sb_release(&l);
}

/* One target on the time line. */
struct point {
	const struct target *t;
	int from, to;
	bool baseline;
};

static bool point_of(const struct target *t, bool baseline, struct point *pt)
{
	if (!t || !t->has_value || !isfinite(t->value) || (t->op == OP_RANGE && !t->has_max))
		return false;
	pt->t = t;
	pt->baseline = baseline;
	return indicator_period_months(t->period, &pt->from, &pt->to) == 0;
}

static void set_target(struct indicator_course_result *r, enum indicator_basis basis,
		       enum target_op op, double value, double max)
{
	r->basis = basis;
	r->has_target = true;
	r->op = op;
	r->value = value;
	r->max = max;
}

/* Between prev and next at month m, linearly; a range keeps its width's
 * path too (a previous point without a max counts as a band of one value). */
static void interpolate(const struct point *prev, const struct point *next, int m,
			struct indicator_course_result *r)
{
	double f = (double)(m - prev->to) / (double)(next->to - prev->to);
	double pv = prev->t->value, pm = prev->t->has_max ? prev->t->max : pv;
	double v = pv + (next->t->value - pv) * f;
	double mx = next->t->op == OP_RANGE ? pm + (next->t->max - pm) * f : 0;

	set_target(r, BASIS_PATH, next->t->op, v, mx);
}

static void add_point_ref(struct sb *out, const struct point *pt)
{
	sb_addf(out, " (%s%s)", pt->t->period, pt->baseline ? ", năm gốc" : "");
}

int indicator_course_judge(const struct indicator *ind, const struct target *baseline,
			   const char *period, bool has_actual, double actual,
			   const struct indicator_tolerance *tol, struct indicator_course_result *out,
			   struct sb *err)
{
	const struct target *ts;
	const struct target *plan_wide = NULL, *span = NULL, *same_end = NULL;
	struct point prev = { 0 }, next = { 0 }, pt, base;
	bool has_prev = false, has_next = false, has_base;
	struct sb rule = SB_INIT;
	int from, to, span_len = 0;
	size_t n, i;

	memset(out, 0, sizeof(*out));
	if (indicator_period_months(period, &from, &to) < 0) {
		sb_addf(err, "'%s' is not a period (2026, 2026-H1, 2026-Q3, 2026-07, 2026-2030)",
			period ? period : "");
		return -ERR_INPUT;
	}
	ts = ind->by_period.n ? ind->by_period.v : ind->target;
	n = ind->by_period.n ? ind->by_period.n : ind->target ? 1 : 0;
	add_label(&rule, period, true);
	sb_adds(&rule, ": ");
	has_base = point_of(baseline, true, &base) && base.to <= from;
	if (has_base) {
		prev = base;
		has_prev = true;
	}
	for (i = 0; i < n && !out->has_target; i++) {
		if (!point_of(&ts[i], false, &pt)) {
			if (!ts[i].period && ts[i].has_value)
				plan_wide = &ts[i];
			continue;
		}
		if (pt.from == from && pt.to == to) {
			set_target(out, BASIS_PERIOD, pt.t->op, pt.t->value, pt.t->max);
			sb_adds(&rule, "mục tiêu của kỳ là ");
		} else if (pt.to - pt.from > 12) {
			/* A span: the narrowest one covering the period. */
			if (pt.from <= from && to <= pt.to && (!span || pt.to - pt.from < span_len)) {
				span = pt.t;
				span_len = pt.to - pt.from;
			}
		} else if (pt.to == to) {
			/* Ends with the period (2026 for 2026-H2): unless the
			 * period's own target comes later in the list. */
			if (!same_end)
				same_end = pt.t;
		} else if (pt.to < to && (!has_prev || pt.to >= prev.to)) {
			prev = pt;
			has_prev = true;
		} else if (pt.to > to && (!has_next || pt.to < next.to)) {
			next = pt;
			has_next = true;
		}
	}
	if (!out->has_target && same_end) {
		set_target(out, BASIS_PERIOD, same_end->op, same_end->value, same_end->max);
		add_label(&rule, same_end->period, false);
		sb_adds(&rule, " kết thúc cùng kỳ, mục tiêu là ");
	}
	if (out->has_target) {
		add_target(&rule, out->op, out->value, out->max, ind->unit);
	} else if (has_prev && has_next && prev.baseline) {
		/* From the plan's past figure to its first target: the straight line. */
		interpolate(&prev, &next, to, out);
		sb_adds(&rule, "mục tiêu nội suy ");
		add_target(&rule, out->op, out->value, out->max, ind->unit);
		sb_addf(&rule, " trên đường thẳng từ mức cơ sở %s (", prev.t->period);
		add_target(&rule, OP_EQ, prev.t->value, 0, ind->unit);
		sb_addf(&rule, ") đến mục tiêu %s (", next.t->period);
		add_target(&rule, next.t->op, next.t->value, next.t->max, ind->unit);
		sb_adds(&rule, ")");
	} else if (has_prev && has_next) {
		interpolate(&prev, &next, to, out);
		sb_adds(&rule, "mục tiêu nội suy ");
		add_target(&rule, out->op, out->value, out->max, ind->unit);
		sb_adds(&rule, " giữa ");
		add_target(&rule, prev.t->op, prev.t->value, prev.t->max, ind->unit);
		add_point_ref(&rule, &prev);
		sb_adds(&rule, " và ");
		add_target(&rule, next.t->op, next.t->value, next.t->max, ind->unit);
		add_point_ref(&rule, &next);
	} else if (span) {
		set_target(out, BASIS_SPAN, span->op, span->value, span->max);
		sb_addf(&rule, "không có mục tiêu riêng, áp dụng mục tiêu giai đoạn %s là ",
			span->period);
		add_target(&rule, out->op, out->value, out->max, ind->unit);
	} else if (plan_wide) {
		set_target(out, BASIS_PLAN, plan_wide->op, plan_wide->value, plan_wide->max);
		sb_adds(&rule, "mục tiêu của kế hoạch (không nêu năm) là ");
		add_target(&rule, out->op, out->value, out->max, ind->unit);
	} else if (has_next) {
		sb_adds(&rule, "chưa có mục tiêu: mốc đầu tiên là ");
		add_label(&rule, next.t->period, false);
		sb_adds(&rule, " và kế hoạch không nêu năm gốc");
	} else if (has_prev) {
		sb_adds(&rule, "không có mục tiêu sau mốc cuối cùng (");
		add_label(&rule, prev.t->period, false);
		sb_adds(&rule, ")");
	} else {
		sb_adds(&rule, "chỉ tiêu không có mục tiêu");
	}

	out->verdict = INDICATOR_UNKNOWN;
	if (!out->has_target) {
		out->course = COURSE_NO_TARGET;
	} else if (!has_actual || !isfinite(actual)) {
		out->course = COURSE_NO_REPORT;
		sb_adds(&rule, "; chưa báo cáo");
	} else {
		/* A path value is computed: equal up to rounding is equal. */
		if (fabs(actual - out->value) <= 1e-9 * fmax(1, fabs(out->value)))
			actual = out->value;
		out->verdict = indicator_judge_op(out->op, out->value, out->max, actual, tol);
		out->course = out->verdict == INDICATOR_EXCEEDED ? COURSE_AHEAD
			      : out->verdict == INDICATOR_MET	  ? COURSE_ON_COURSE
								  : COURSE_BEHIND;
		sb_adds(&rule, "; thực hiện ");
		add_num(&rule, actual);
		add_unit(&rule, ind->unit);
		sb_addf(&rule, ": %s", indicator_course_vi(out->course));
		if (out->verdict == INDICATOR_NEAR)
			sb_adds(&rule, " (gần đạt)");
	}
	out->rule = sb_detach(&rule);
	return 0;
}

void indicator_course_release(struct indicator_course_result *r)
{
	free(r->rule);
	memset(r, 0, sizeof(*r));
}

/* Keys and Vietnamese labels of the verdicts, in enum order. */
static const struct {
	const char *key, *vi;
} course_labels[] = {
	[COURSE_NO_TARGET] = { "no_target", "chưa có mục tiêu" },
	[COURSE_NO_REPORT] = { "no_report", "chưa báo cáo" },
	[COURSE_BEHIND] = { "behind", "chậm so với lộ trình" },
	[COURSE_ON_COURSE] = { "on_course", "đúng lộ trình" },
	[COURSE_AHEAD] = { "ahead", "vượt lộ trình" },
};

const char *indicator_course_key(enum indicator_course c)
{
	return course_labels[(size_t)c < ARRAY_SIZE(course_labels) ? c : COURSE_NO_TARGET].key;
}

const char *indicator_course_vi(enum indicator_course c)
{
	return course_labels[(size_t)c < ARRAY_SIZE(course_labels) ? c : COURSE_NO_TARGET].vi;
}

const char *indicator_basis_key(enum indicator_basis b)
{
	switch (b) {
	case BASIS_PERIOD: return "period";
	case BASIS_PATH: return "path";
	case BASIS_SPAN: return "span";
	case BASIS_PLAN: return "plan";
	case BASIS_NONE: break;
	}
	return "none";
}
