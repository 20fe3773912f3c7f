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
#include "base/xalloc.h"
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

/* A number as reports print it: at most two decimals (three significant
 * digits below 1), no thousands separator; a decimal comma in Vietnamese, a
 * point in English. */
static void add_num(struct sb *out, double v, enum indicator_lang lang)
{
	char buf[64], *q;
	size_t at = out->len;

	if (fabs(v) >= 1 || v == 0) {
		sb_add_decimal_vi(out, v, 2);
	} else {
		snprintf(buf, sizeof(buf), "%.3g", v);
		for (q = buf; *q; q++)
			if (*q == '.')
				*q = ',';
		sb_adds(out, buf);
	}
	if (lang == INDICATOR_EN && out->buf)
		for (q = out->buf + at; *q; q++)
			if (*q == ',')
				*q = '.';
}

static void add_unit(struct sb *out, const char *unit)
{
	if (unit && *unit)
		sb_addf(out, "%s%s", strcmp(unit, "%") == 0 ? "" : " ", unit);
}

/* "≥65%", "khoảng 50000 Tỷ đồng" / "about 50000 Tỷ đồng", "2–3%". */
static void add_target(struct sb *out, enum target_op op, double value, double max,
		       const char *unit, enum indicator_lang lang)
{
	switch (op) {
	case OP_GE: sb_adds(out, "≥"); break;
	case OP_GT: sb_adds(out, ">"); break;
	case OP_LE: sb_adds(out, "≤"); break;
	case OP_LT: sb_adds(out, "<"); break;
	case OP_APPROX: sb_adds(out, lang == INDICATOR_EN ? "about " : "khoảng "); break;
	case OP_EQ:
	case OP_RANGE: break;
	}
	add_num(out, value, lang);
	if (op == OP_RANGE) {
		sb_adds(out, "–");
		add_num(out, max, lang);
	}
	add_unit(out, unit);
}

static void add_point(struct sb *out, const struct indicator_rule_point *pt, const char *unit,
		      enum indicator_lang lang)
{
	add_target(out, pt->op, pt->value, pt->max, unit, lang);
}

/* A period's English name: "year 2026", "the first half of 2026", "Q3
 * 2026", "the first nine months of 2026", "July 2026", "the period
 * 2026-2030". */
static void label_en(struct sb *out, const char *name)
{
	static const char *const months[] = { "January", "February", "March",	  "April",
					      "May",	 "June",     "July",	  "August",
					      "September", "October", "November", "December" };
	struct period p;

	if (period_parse(name, &p) < 0) {
		sb_addf(out, "the period %s", name);
		return;
	}
	switch (p.kind) {
	case PERIOD_MONTH:
		if (p.index >= 1 && p.index <= 12)
			sb_addf(out, "%s %d", months[p.index - 1], p.year);
		break;
	case PERIOD_QUARTER: sb_addf(out, "Q%d %d", p.index, p.year); break;
	case PERIOD_HALF:
		sb_addf(out, "the %s half of %d", p.index == 1 ? "first" : "second", p.year);
		break;
	case PERIOD_NINE_MONTHS: sb_addf(out, "the first nine months of %d", p.year); break;
	case PERIOD_YEAR:
	case PERIOD__COUNT: sb_addf(out, "year %d", p.year); break;
	}
}

/* "năm 2026", "6 tháng đầu năm 2026", "giai đoạn 2026-2030" (or English);
 * capitalised at the start of the rule. */
static void add_label(struct sb *out, const char *name, bool capital, enum indicator_lang lang)
{
	struct period p;
	struct sb l = SB_INIT;

	if (lang == INDICATOR_EN)
		label_en(&l, name);
	else if (period_parse(name, &p) == 0)
		period_label_vi(&p, &l);
	else
		sb_addf(&l, "Giai đoạn %s", name);
	if (l.len && capital && l.buf[0] >= 'a' && l.buf[0] <= 'z')
		l.buf[0] = (char)(l.buf[0] - 'a' + 'A');
	if (l.len && !capital && l.buf[0] >= 'A' && l.buf[0] <= 'Z' && lang == INDICATOR_VI)
		l.buf[0] = (char)(l.buf[0] - 'A' + 'a');
	sb_adds(out, l.len ? l.buf : name);
	sb_release(&l);
}

/* One target on the time line. */
struct point {
	const struct target *t;
	int from, to;
	bool baseline;
	bool year_from_plan; /* a baseline of no period, counted at the plan's year */
	char period[PERIOD_NAME_LEN];
};

static bool point_of(const struct target *t, bool baseline, int year, struct point *pt)
{
	if (!t || !t->has_value || !isfinite(t->value) || (t->op == OP_RANGE && !t->has_max))
		return false;
	pt->t = t;
	pt->baseline = baseline;
	pt->year_from_plan = false;
	if (!t->period && baseline && year > 0) {
		snprintf(pt->period, sizeof(pt->period), "%d", year);
		pt->year_from_plan = true;
	} else if (t->period && strlen(t->period) < sizeof(pt->period)) {
		snprintf(pt->period, sizeof(pt->period), "%s", t->period);
	} else {
		return false;
	}
	return indicator_period_months(pt->period, &pt->from, &pt->to) == 0;
}

/* The rule's copy of a point (a baseline is a figure: OP_EQ). */
static void rule_point(struct indicator_rule_point *rp, const struct point *pt)
{
	snprintf(rp->period, sizeof(rp->period), "%s", pt->period);
	rp->op = pt->baseline ? OP_EQ : pt->t->op;
	rp->value = pt->t->value;
	rp->max = pt->baseline ? 0 : pt->t->max;
	rp->year_from_plan = pt->year_from_plan;
}

static void rule_target(struct indicator_rule_point *rp, const struct target *t)
{
	snprintf(rp->period, sizeof(rp->period), "%s", t->period ? t->period : "");
	rp->op = t->op;
	rp->value = t->value;
	rp->max = t->max;
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

int indicator_course_judge(const struct indicator *ind, const struct target *baseline,
			   const char *period, bool has_actual, double actual,
			   const struct indicator_tolerance *tol, struct indicator_course_result *out,
			   struct sb *err)
{
	const struct target *ts;
	const struct target *plan_wide = NULL, *span = NULL, *same_end = NULL;
	struct point prev = { 0 }, next = { 0 }, pt, base;
	bool has_prev = false, has_next = false, has_base;
	struct indicator_rule *why = &out->why;
	struct sb rule = SB_INIT;
	int from, to, span_len = 0;
	size_t n, i;

	memset(out, 0, sizeof(*out));
	if (indicator_period_months(period, &from, &to) < 0) {
		sb_addf(err, "'%s' is not a period (2026, 2026-H1, 2026-Q3, 2026-07, 2026-2030)",
			period ? period : "");
		return -ERR_INPUT;
	}
	snprintf(why->period, sizeof(why->period), "%s", period);
	why->unit = ind->unit && *ind->unit ? xstrdup(ind->unit) : NULL;
	ts = ind->by_period.n ? ind->by_period.v : ind->target;
	n = ind->by_period.n ? ind->by_period.n : ind->target ? 1 : 0;
	has_base = point_of(baseline, true, ind->baseline_year, &base) && base.to <= from;
	if (has_base) {
		prev = base;
		has_prev = true;
	}
	for (i = 0; i < n && !out->has_target; i++) {
		if (!point_of(&ts[i], false, 0, &pt)) {
			if (!ts[i].period && ts[i].has_value)
				plan_wide = &ts[i];
			continue;
		}
		if (pt.from == from && pt.to == to) {
			set_target(out, BASIS_PERIOD, pt.t->op, pt.t->value, pt.t->max);
			why->kind = RULE_PERIOD;
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
		why->kind = RULE_SAME_END;
		rule_target(&why->a, same_end);
	}
	if (out->has_target) {
		/* RULE_PERIOD or RULE_SAME_END, set above */
	} else if (has_prev && has_next) {
		/* From the plan's past figure to its first target, or between two
		 * targets: the straight line. */
		interpolate(&prev, &next, to, out);
		why->kind = prev.baseline ? RULE_PATH_BASELINE : RULE_PATH;
		rule_point(&why->a, &prev);
		rule_point(&why->b, &next);
	} else if (span) {
		set_target(out, BASIS_SPAN, span->op, span->value, span->max);
		why->kind = RULE_SPAN;
		rule_target(&why->a, span);
	} else if (plan_wide) {
		set_target(out, BASIS_PLAN, plan_wide->op, plan_wide->value, plan_wide->max);
		why->kind = RULE_PLAN;
	} else if (has_next) {
		why->kind = RULE_BEFORE_FIRST;
		rule_point(&why->b, &next);
	} else if (has_prev && !prev.baseline) {
		why->kind = RULE_AFTER_LAST;
		rule_point(&why->a, &prev);
	} else {
		why->kind = RULE_NONE;
	}

	out->verdict = INDICATOR_UNKNOWN;
	if (!out->has_target) {
		out->course = COURSE_NO_TARGET;
	} else if (!has_actual || !isfinite(actual)) {
		out->course = COURSE_NO_REPORT;
	} else {
		/* A path value is computed: equal up to rounding is equal. */
		if (fabs(actual - out->value) <= 1e-9 * fmax(1, fabs(out->value)))
			actual = out->value;
		out->verdict = indicator_judge_op(out->op, out->value, out->max, actual, tol);
		out->course = out->verdict == INDICATOR_EXCEEDED ? COURSE_AHEAD
			      : out->verdict == INDICATOR_MET	  ? COURSE_ON_COURSE
								  : COURSE_BEHIND;
		why->has_actual = true;
		why->actual = actual;
	}
	indicator_rule_render(out, INDICATOR_VI, &rule);
	out->rule = sb_detach(&rule);
	return 0;
}

/* The baseline as the rule names it: "mức cơ sở 2025 (20%)", or, with no
 * year of its own, "mức cơ sở không ghi năm (20%, tính là năm 2025, năm
 * trước năm của kế hoạch)". */
static void add_baseline(struct sb *out, const struct indicator_rule_point *a, const char *unit,
			 bool en)
{
	if (a->year_from_plan) {
		sb_adds(out, en ? "the baseline of no stated year (" : "mức cơ sở không ghi năm (");
		add_point(out, a, unit, en ? INDICATOR_EN : INDICATOR_VI);
		sb_addf(out, en ? ", taken as %s, the year before the plan's)"
				: ", tính là năm %s, năm trước năm của kế hoạch)",
			a->period);
		return;
	}
	sb_addf(out, en ? "the baseline %s (" : "mức cơ sở %s (", a->period);
	add_point(out, a, unit, en ? INDICATOR_EN : INDICATOR_VI);
	sb_adds(out, ")");
}

void indicator_rule_render(const struct indicator_course_result *r, enum indicator_lang lang,
			   struct sb *out)
{
	const struct indicator_rule *w = &r->why;
	const char *u = w->unit;
	bool en = lang == INDICATOR_EN;

	add_label(out, w->period, true, lang);
	sb_adds(out, ": ");
	switch (w->kind) {
	case RULE_PERIOD:
		sb_adds(out, en ? "the period's target is " : "mục tiêu của kỳ là ");
		add_target(out, r->op, r->value, r->max, u, lang);
		break;
	case RULE_SAME_END:
		add_label(out, w->a.period, false, lang);
		sb_adds(out, en ? " ends with the period, its target is "
				: " kết thúc cùng kỳ, mục tiêu là ");
		add_target(out, r->op, r->value, r->max, u, lang);
		break;
	case RULE_PATH_BASELINE:
		sb_adds(out, en ? "target interpolated " : "mục tiêu nội suy ");
		add_target(out, r->op, r->value, r->max, u, lang);
		sb_adds(out, en ? " on the straight line from " : " trên đường thẳng từ ");
		add_baseline(out, &w->a, u, en);
		sb_addf(out, en ? " to the target %s (" : " đến mục tiêu %s (", w->b.period);
		add_point(out, &w->b, u, lang);
		sb_adds(out, ")");
		break;
	case RULE_PATH:
		sb_adds(out, en ? "target interpolated " : "mục tiêu nội suy ");
		add_target(out, r->op, r->value, r->max, u, lang);
		sb_adds(out, en ? " between " : " giữa ");
		add_point(out, &w->a, u, lang);
		sb_addf(out, " (%s)%s", w->a.period, en ? " and " : " và ");
		add_point(out, &w->b, u, lang);
		sb_addf(out, " (%s)", w->b.period);
		break;
	case RULE_SPAN:
		sb_addf(out, en ? "no target of its own, the target of the period %s applies: "
				: "không có mục tiêu riêng, áp dụng mục tiêu giai đoạn %s là ",
			w->a.period);
		add_target(out, r->op, r->value, r->max, u, lang);
		break;
	case RULE_PLAN:
		sb_adds(out, en ? "the plan's target (no year stated) is "
				: "mục tiêu của kế hoạch (không nêu năm) là ");
		add_target(out, r->op, r->value, r->max, u, lang);
		break;
	case RULE_BEFORE_FIRST:
		sb_adds(out, en ? "no target yet: the first milestone is "
				: "chưa có mục tiêu: mốc đầu tiên là ");
		add_label(out, w->b.period, false, lang);
		sb_adds(out, en ? " and the plan states no baseline year"
				: " và kế hoạch không nêu năm gốc");
		break;
	case RULE_AFTER_LAST:
		sb_adds(out, en ? "no target after the last milestone ("
				: "không có mục tiêu sau mốc cuối cùng (");
		add_label(out, w->a.period, false, lang);
		sb_adds(out, ")");
		break;
	case RULE_NONE:
		sb_adds(out, en ? "the indicator has no target" : "chỉ tiêu không có mục tiêu");
		break;
	}
	if (r->course == COURSE_NO_REPORT) {
		sb_adds(out, en ? "; not reported yet" : "; chưa báo cáo");
	} else if (w->has_actual) {
		sb_adds(out, en ? "; actual " : "; thực hiện ");
		add_num(out, w->actual, lang);
		add_unit(out, u);
		sb_addf(out, ": %s", en ? indicator_course_en(r->course) : indicator_course_vi(r->course));
		if (r->verdict == INDICATOR_NEAR)
			sb_adds(out, en ? " (nearly met)" : " (gần đạt)");
	}
}

void indicator_course_release(struct indicator_course_result *r)
{
	free(r->rule);
	free(r->why.unit);
	memset(r, 0, sizeof(*r));
}

/* Keys, Vietnamese and English labels of the verdicts, in enum order. */
static const struct {
	const char *key, *vi, *en;
} course_labels[] = {
	[COURSE_NO_TARGET] = { "no_target", "chưa có mục tiêu", "no target yet" },
	[COURSE_NO_REPORT] = { "no_report", "chưa báo cáo", "not reported yet" },
	[COURSE_BEHIND] = { "behind", "chậm so với lộ trình", "behind the path" },
	[COURSE_ON_COURSE] = { "on_course", "đúng lộ trình", "on the path" },
	[COURSE_AHEAD] = { "ahead", "vượt lộ trình", "ahead of the path" },
};

const char *indicator_course_key(enum indicator_course c)
{
	return course_labels[(size_t)c < ARRAY_SIZE(course_labels) ? c : COURSE_NO_TARGET].key;
}

const char *indicator_course_vi(enum indicator_course c)
{
	return course_labels[(size_t)c < ARRAY_SIZE(course_labels) ? c : COURSE_NO_TARGET].vi;
}

const char *indicator_course_en(enum indicator_course c)
{
	return course_labels[(size_t)c < ARRAY_SIZE(course_labels) ? c : COURSE_NO_TARGET].en;
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
