/*
 * svg_chart.c - an indicator's targets and actual values year by year as an
 * inline SVG chart (the web's indicator page), drawn here so that it is a
 * pure function of the view and tested as one.
 *
 * The x axis is time: each period sits at the month it ends (a year at its
 * end, "2026-H1" at the end of June), the baseline first; spans
 * ("2026-2030") are left to the table. The y axis runs from 0 (or the
 * lowest value when one is negative) to a little above the highest, in
 * round steps (1, 2, 2,5 or 5 times a power of ten). Targets
 * are squares joined by a line, the baseline a triangle, actual values
 * circles: shapes and a legend, so that colour is never the only signal.
 * Every text goes through escape_xml (base/escape.c).
 */
#include "base/compat.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report.h"

#include "base/escape.h"
#include "base/sb.h"
#include "base/xalloc.h"
#include "ops/views.h"
#include "track/indicator_eval.h"

struct chart_pt {
	const char *period;
	int month; /* the month the period ends */
	bool has_target, has_actual;
	double target, actual;
};

static void text(struct sb *out, const char *s)
{
	if (s)
		escape_xml(out, s, strlen(s));
}

/* A number as the page prints it: up to 4 decimals, decimal comma. */
static void num(struct sb *out, double v)
{
	sb_add_decimal_vi(out, v, 4);
}

/* A round tick step near raw: 1, 2, 2.5 or 5 times a power of ten. */
static double nice_step(double raw)
{
	double mag = pow(10, floor(log10(raw))), f = raw / mag;

	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

/* The points to draw, in time order (at most cap); returns how many. */
static size_t chart_points(const struct indicator_row *r, struct chart_pt *pts, size_t cap,
			   bool *has_base)
{
	const struct target *b = r->ind->baseline;
	size_t n = 0, j;
	int from, to;

	*has_base = false;
	if (b && b->has_value && isfinite(b->value) &&
	    indicator_period_months(b->period, &from, &to) == 0 && n < cap) {
		pts[n++] = (struct chart_pt){ b->period, to, true, false, b->value, 0 };
		*has_base = true;
	}
	for (j = 0; j < r->nby_period && n < cap; j++) {
		const struct indicator_period_row *p = &r->by_period[j];
		const struct indicator_course_result *g = &p->judged;
		bool tg = g->has_target && isfinite(g->value);
		bool ac = p->has_actual && isfinite(p->actual);

		if (indicator_period_months(p->period, &from, &to) < 0 || to - from > 12)
			continue; /* a span: in the table, not on the time line */
		if (*has_base && to <= pts[0].month)
			continue;
		if (!tg && !ac)
			continue;
		pts[n++] = (struct chart_pt){ p->period, to, tg, ac, tg ? g->value : 0,
					      ac ? p->actual : 0 };
	}
	return n;
}

void report_indicator_svg(const struct indicator_row *r, const struct indicator_chart_labels *lb,
			  struct sb *out)
{
	struct chart_pt *pts = xcalloc(r->nby_period + 1, sizeof(*pts));
	bool has_base;
	size_t n = chart_points(r, pts, r->nby_period + 1, &has_base), i, nt = 0;
	double lo = 0, hi = 0, step, px = SVG_CHART_W - SVG_CHART_LEFT - SVG_CHART_RIGHT,
	       py = SVG_CHART_H - SVG_CHART_TOP - SVG_CHART_BOTTOM;
	int m0 = n ? pts[0].month : 0, m1 = n ? pts[n - 1].month : 0, k;
	const char *unit = r->ind->unit;

	for (i = 0; i < n; i++) {
		if (pts[i].has_target) {
			lo = fmin(lo, pts[i].target);
			hi = fmax(hi, pts[i].target);
		}
		if (pts[i].has_actual) {
			lo = fmin(lo, pts[i].actual);
			hi = fmax(hi, pts[i].actual);
		}
	}
	hi = hi > lo ? hi + (hi - lo) * 0.05 : lo + 1;
	step = nice_step((hi - lo) / 4);
	lo = floor(lo / step) * step;
	hi = ceil(hi / step) * step;
#define X(m) (m1 > m0 ? SVG_CHART_LEFT + px * (double)((m) - m0) / (double)(m1 - m0) \
		      : SVG_CHART_LEFT + px / 2)
#define Y(v) (SVG_CHART_TOP + py * (hi - (v)) / (hi - lo))

	sb_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart indicator-chart\""
		     " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">",
		SVG_CHART_W, SVG_CHART_H, SVG_CHART_W, SVG_CHART_H);
	/* Title and description: what a screen reader says of the chart. */
	sb_adds(out, "<title>");
	text(out, r->ind->name);
	if (unit && *unit) {
		sb_adds(out, " (");
		text(out, unit);
		sb_adds(out, ")");
	}
	sb_adds(out, "</title><desc>");
	for (i = 0; i < n; i++) {
		sb_adds(out, i ? "; " : "");
		text(out, pts[i].period);
		if (i == 0 && has_base) {
			sb_adds(out, " (");
			text(out, lb->baseline);
			sb_adds(out, "): ");
			num(out, pts[i].target);
			continue;
		}
		sb_adds(out, ": ");
		text(out, lb->target);
		sb_adds(out, " ");
		if (pts[i].has_target)
			num(out, pts[i].target);
		else
			sb_adds(out, "-");
		sb_adds(out, ", ");
		text(out, lb->actual);
		sb_adds(out, " ");
		if (pts[i].has_actual)
			num(out, pts[i].actual);
		else
			sb_adds(out, "-");
	}
	if (!n)
		text(out, lb->empty);
	sb_adds(out, "</desc>");

	/* Axes, value ticks and grid lines. */
	sb_addf(out, "<g class=\"axes\" stroke=\"#555\" fill=\"none\"><line x1=\"%d\" y1=\"%d\""
		     " x2=\"%d\" y2=\"%d\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/></g>",
		SVG_CHART_LEFT, SVG_CHART_TOP, SVG_CHART_LEFT, SVG_CHART_H - SVG_CHART_BOTTOM,
		SVG_CHART_LEFT, SVG_CHART_H - SVG_CHART_BOTTOM, SVG_CHART_W - SVG_CHART_RIGHT,
		SVG_CHART_H - SVG_CHART_BOTTOM);
	sb_adds(out, "<g class=\"y-ticks\" font-size=\"11\" text-anchor=\"end\">");
	for (k = 0; k <= 10 && lo + step * k <= hi + step / 2; k++) {
		double v = lo + step * k;

		sb_addf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
			     "<text x=\"%d\" y=\"%.1f\">",
			SVG_CHART_LEFT, SVG_CHART_W - SVG_CHART_RIGHT, Y(v), Y(v),
			SVG_CHART_LEFT - 6, Y(v) + 4);
		num(out, v);
		sb_adds(out, "</text>");
	}
	sb_adds(out, "</g><g class=\"x-ticks\" font-size=\"11\" text-anchor=\"middle\">");
	for (i = 0; i < n; i++) {
		if (i && pts[i].month == pts[i - 1].month)
			continue;
		sb_addf(out, "<text x=\"%.1f\" y=\"%d\">", X(pts[i].month),
			SVG_CHART_H - SVG_CHART_BOTTOM + 16);
		text(out, pts[i].period);
		sb_adds(out, "</text>");
	}
	sb_adds(out, "</g>");

	/* The target path: baseline, then each period's target. */
	for (i = 0; i < n; i++)
		nt += pts[i].has_target;
	if (nt > 1) {
		sb_adds(out, "<polyline class=\"target-line\" fill=\"none\" stroke=\"#1f5fa8\""
			     " stroke-width=\"2\" stroke-dasharray=\"6 3\" points=\"");
		for (i = 0; i < n; i++)
			if (pts[i].has_target)
				sb_addf(out, "%s%.1f,%.1f", i ? " " : "", X(pts[i].month),
					Y(pts[i].target));
		sb_adds(out, "\"/>");
	}
	for (i = 0; i < n; i++) {
		double x = X(pts[i].month);

		if (!pts[i].has_target)
			continue;
		if (i == 0 && has_base) {
			double y = Y(pts[i].target);

			sb_addf(out, "<polygon class=\"baseline\" fill=\"#777\" points=\"%.1f,%.1f"
				     " %.1f,%.1f %.1f,%.1f\" data-period=\"",
				x, y - 6, x - 6, y + 5, x + 6, y + 5);
		} else {
			sb_addf(out, "<rect class=\"target\" fill=\"#1f5fa8\" x=\"%.1f\" y=\"%.1f\""
				     " width=\"10\" height=\"10\" data-period=\"",
				x - 5, Y(pts[i].target) - 5);
		}
		text(out, pts[i].period);
		sb_adds(out, "\"><title>");
		text(out, pts[i].period);
		sb_adds(out, " — ");
		text(out, i == 0 && has_base ? lb->baseline : lb->target);
		sb_adds(out, ": ");
		num(out, pts[i].target);
		sb_adds(out, i == 0 && has_base ? "</title></polygon>" : "</title></rect>");
	}
	for (i = 0; i < n; i++) {
		if (!pts[i].has_actual)
			continue;
		sb_addf(out, "<circle class=\"actual\" fill=\"#fff\" stroke=\"#b3261e\""
			     " stroke-width=\"3\" cx=\"%.1f\" cy=\"%.1f\" r=\"6\" data-period=\"",
			X(pts[i].month), Y(pts[i].actual));
		text(out, pts[i].period);
		sb_adds(out, "\"><title>");
		text(out, pts[i].period);
		sb_adds(out, " — ");
		text(out, lb->actual);
		sb_adds(out, ": ");
		num(out, pts[i].actual);
		sb_adds(out, "</title></circle>");
	}
	/* The legend: shape and word for each series. */
	sb_addf(out, "<g class=\"legend\" font-size=\"12\"><rect fill=\"#1f5fa8\" x=\"%d\" y=\"8\""
		     " width=\"10\" height=\"10\"/><text x=\"%d\" y=\"17\">",
		SVG_CHART_LEFT, SVG_CHART_LEFT + 14);
	text(out, lb->target);
	sb_addf(out, "</text><circle fill=\"#fff\" stroke=\"#b3261e\" stroke-width=\"3\" cx=\"%d\""
		     " cy=\"13\" r=\"5\"/><text x=\"%d\" y=\"17\">",
		SVG_CHART_LEFT + 125, SVG_CHART_LEFT + 135);
	text(out, lb->actual);
	sb_addf(out, "</text><polygon fill=\"#777\" points=\"%d,7 %d,18 %d,18\"/>"
		     "<text x=\"%d\" y=\"17\">",
		SVG_CHART_LEFT + 250, SVG_CHART_LEFT + 244, SVG_CHART_LEFT + 256,
		SVG_CHART_LEFT + 262);
	text(out, lb->baseline);
	sb_adds(out, "</text></g></svg>");
	free(pts);
#undef X
#undef Y
}
