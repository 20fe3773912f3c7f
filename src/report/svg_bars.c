/*
 * svg_bars.c - the bar charts of the web's pages as inline SVG, pure
 * functions of the views so that they are tested as such:
 *
 *  - report_bucket_svg: one bar per status bucket (a leader's portfolio,
 *    the standing agency's totals);
 *  - report_rollup_svg: stacked horizontal bars, one row per agency, section
 *    or leader of a status rollup (the largest first, the rest counted in a
 *    closing line), one segment per bucket;
 *  - report_completeness_svg: for each period, the share of expected reports
 *    received and received on time.
 *
 * Colour is never the only signal: every bar carries its count or share as
 * text, every segment a <title>, every chart a legend, a <title> and a <desc>
 * that says in words what the bars show. Every text goes through escape_xml
 * (base/escape.c).
 */
#include "base/compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

#include "base/escape.h"
#include "base/sb.h"
#include "base/xalloc.h"
#include "ops/views.h"
#include "track/completeness.h"
#include "track/period.h"
#include "track/status.h"

static void text(struct sb *out, const char *s)
{
	if (s)
		escape_xml(out, s, strlen(s));
}

const char *report_bucket_fill(enum status_bucket b)
{
	static const struct {
		const char *name, *hex;
	} fills[] = { { "blue", "#1f5fbf" },   { "amber", "#b26a00" },	{ "green", "#2e7d32" },
		      { "red", "#c62828" },    { "orange", "#d84315" }, { "grey", "#6b7280" },
		      { "purple", "#6a1b9a" }, { "teal", "#00796b" } };
	const char *colour = status_bucket_colour(b);
	size_t i;

	for (i = 0; i < sizeof(fills) / sizeof(fills[0]); i++)
		if (strcmp(fills[i].name, colour) == 0)
			return fills[i].hex;
	return "#6b7280";
}

/* The opening <svg> with its <title>. */
static void svg_open(struct sb *out, const char *cls, unsigned h, const char *title)
{
	sb_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart %s\" role=\"img\""
		     " viewBox=\"0 0 %d %u\" width=\"%d\" height=\"%u\"><title>",
		cls, SVG_BARS_W, h, SVG_BARS_W, h);
	text(out, title);
	sb_adds(out, "</title>");
}

void report_bucket_svg(const size_t counts[STATUS__COUNT], const struct bucket_chart_labels *lb,
		       struct sb *out)
{
	size_t max = 1, rows = 0;
	int b;
	unsigned y = 0;

	for (b = 0; b < STATUS__COUNT; b++) {
		if (counts[b] > max)
			max = counts[b];
		rows += counts[b] ? 1 : 0;
	}
	svg_open(out, "bucket-chart", rows ? (unsigned)rows * 26 : 26, lb->title);
	sb_adds(out, "<desc>");
	for (b = 0, rows = 0; b < STATUS__COUNT; b++)
		if (counts[b]) {
			sb_adds(out, rows++ ? "; " : "");
			text(out, lb->bucket[b]);
			sb_addf(out, ": %zu", counts[b]);
		}
	if (!rows)
		text(out, lb->none);
	sb_adds(out, "</desc>");
	for (b = 0; b < STATUS__COUNT; b++) {
		unsigned wbar;

		if (!counts[b])
			continue;
		wbar = (unsigned)(counts[b] * 340 / max);
		sb_addf(out, "<text x=\"0\" y=\"%u\" font-size=\"13\" fill=\"#1d2430\">", y + 17);
		text(out, lb->bucket[b]);
		sb_addf(out, "</text><rect class=\"bar\" data-bucket=\"%s\" x=\"250\" y=\"%u\""
			     " width=\"%u\" height=\"18\" rx=\"3\" fill=\"%s\"/><text x=\"%u\" y=\"%u\""
			     " font-size=\"13\" fill=\"#1d2430\">%zu</text>",
			status_bucket_key((enum status_bucket)b), y + 4, wbar ? wbar : 1,
			report_bucket_fill((enum status_bucket)b), 256 + wbar, y + 17, counts[b]);
		y += 26;
	}
	if (!rows) {
		sb_adds(out, "<text x=\"0\" y=\"17\" font-size=\"13\">");
		text(out, lb->none);
		sb_adds(out, "</text>");
	}
	sb_adds(out, "</svg>");
}

/* ---- stacked bars of a rollup ------------------------------------------------- */

struct ranked {
	size_t i, total;
};

/* Largest total first; equal totals in the rollup's order. */
static int by_total(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->total != y->total)
		return x->total < y->total ? 1 : -1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* At most max characters of s (UTF-8), "…" when cut. */
static void text_cut(struct sb *out, const char *s, size_t max)
{
	size_t i, chars = 0;

	for (i = 0; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == max)
			break;
	escape_xml(out, s, i);
	if (s[i])
		sb_adds(out, "…");
}

#define ROW_H 26
#define LABEL_W 210 /* the names' column */
#define BAR_W (SVG_BARS_W - LABEL_W - 50) /* the longest bar; its total after it */
#define LEGEND_H 20 /* one line of the legend: two buckets */

void report_rollup_svg(const struct status_rollup *ru, size_t top,
		       const struct bucket_chart_labels *lb, struct sb *out)
{
	size_t n = status_rollup_count(ru), shown, i, max = 1, nleg = 0, k;
	struct ranked *r = xcalloc(n + 1, sizeof(*r));
	bool used[STATUS__COUNT] = { false };
	unsigned h, y;
	int b;

	for (i = 0; i < n; i++) {
		const struct status_agg *a = status_rollup_agg(ru, i);

		r[i] = (struct ranked){ i, a->total };
		for (b = 0; b < STATUS__COUNT; b++)
			used[b] = used[b] || a->n[b];
	}
	qsort(r, n, sizeof(*r), by_total);
	shown = top && n > top ? top : n;
	if (shown && r[0].total > max)
		max = r[0].total;
	for (b = 0; b < STATUS__COUNT; b++)
		nleg += used[b];
	h = (unsigned)(LEGEND_H * ((nleg + 1) / 2) + ROW_H * (shown ? shown : 1) +
		       (shown < n ? ROW_H : 0) + 8);
	svg_open(out, "rollup-chart", h, lb->title);

	/* In words: each row's total and its buckets. */
	sb_adds(out, "<desc>");
	for (i = 0; i < shown; i++) {
		const struct status_agg *a = status_rollup_agg(ru, r[i].i);
		const char *key = status_rollup_key(ru, r[i].i);

		sb_adds(out, i ? "; " : "");
		text(out, *key ? key : "—");
		sb_addf(out, ": %zu (", a->total);
		for (b = 0, k = 0; b < STATUS__COUNT; b++) {
			enum status_bucket s = status_bucket_order[b];

			if (!a->n[s])
				continue;
			sb_adds(out, k++ ? ", " : "");
			text(out, lb->bucket[s]);
			sb_addf(out, " %zu", a->n[s]);
		}
		sb_adds(out, ")");
	}
	if (shown < n) {
		sb_adds(out, "; ");
		text(out, lb->more_pre);
		sb_addf(out, "%zu", n - shown);
		text(out, lb->more_post);
	}
	if (!n)
		text(out, lb->none);
	sb_adds(out, "</desc>");

	/* The legend: a swatch and the bucket's name, two to a line. */
	sb_adds(out, "<g class=\"legend\" font-size=\"12\" fill=\"#1d2430\">");
	for (b = 0, k = 0; b < STATUS__COUNT; b++) {
		enum status_bucket s = status_bucket_order[b];
		unsigned lx = (unsigned)(k % 2) * (SVG_BARS_W / 2), ly = (unsigned)(k / 2) * LEGEND_H;

		if (!used[s])
			continue;
		sb_addf(out, "<rect x=\"%u\" y=\"%u\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			     "<text x=\"%u\" y=\"%u\">",
			lx, ly + 2, report_bucket_fill(s), lx + 18, ly + 13);
		text(out, lb->bucket[s]);
		sb_adds(out, "</text>");
		k++;
	}
	sb_adds(out, "</g>");

	y = (unsigned)(LEGEND_H * ((nleg + 1) / 2)) + 4;
	for (i = 0; i < shown; i++, y += ROW_H) {
		const struct status_agg *a = status_rollup_agg(ru, r[i].i);
		const char *key = status_rollup_key(ru, r[i].i);
		double x = LABEL_W;

		sb_adds(out, "<g class=\"bar-row\" data-name=\"");
		text(out, key);
		sb_addf(out, "\" data-total=\"%zu\"><title>", a->total);
		text(out, *key ? key : "—");
		sb_addf(out, ": %zu</title><text x=\"0\" y=\"%u\" font-size=\"13\" fill=\"#1d2430\">",
			a->total, y + 14);
		text_cut(out, *key ? key : "—", 27);
		sb_adds(out, "</text>");
		for (b = 0; b < STATUS__COUNT; b++) {
			enum status_bucket s = status_bucket_order[b];
			double w = (double)a->n[s] * BAR_W / (double)max;

			if (!a->n[s])
				continue;
			sb_addf(out, "<rect class=\"seg\" data-bucket=\"%s\" data-count=\"%zu\""
				     " x=\"%.2f\" y=\"%u\" width=\"%.2f\" height=\"18\" fill=\"%s\""
				     " stroke=\"#fff\" stroke-width=\"0.5\"><title>",
				status_bucket_key(s), a->n[s], x, y, w, report_bucket_fill(s));
			text(out, lb->bucket[s]);
			sb_addf(out, ": %zu</title></rect>", a->n[s]);
			if (w >= 9.0 * (a->n[s] >= 10 ? 2 : 1) + 4)
				sb_addf(out, "<text class=\"seg-count\" x=\"%.2f\" y=\"%u\""
					     " font-size=\"11\" fill=\"#fff\" text-anchor=\"middle\""
					     ">%zu</text>",
					x + w / 2, y + 13, a->n[s]);
			x += w;
		}
		sb_addf(out, "<text class=\"total\" x=\"%.2f\" y=\"%u\" font-size=\"13\""
			     " fill=\"#1d2430\">%zu</text></g>",
			x + 6, y + 14, a->total);
	}
	if (shown < n) {
		sb_addf(out, "<text class=\"more\" x=\"0\" y=\"%u\" font-size=\"13\" fill=\"#1d2430\">",
			y + 14);
		text(out, lb->more_pre);
		sb_addf(out, "%zu", n - shown);
		text(out, lb->more_post);
		sb_adds(out, "</text>");
	} else if (!n) {
		sb_addf(out, "<text x=\"0\" y=\"%u\" font-size=\"13\">", y + 14);
		text(out, lb->none);
		sb_adds(out, "</text>");
	}
	sb_adds(out, "</svg>");
	free(r);
}

/* ---- completeness over periods ------------------------------------------------ */

#define CP_H 220
#define CP_TOP 30
#define CP_BOTTOM 40
#define CP_LEFT 44

/* "83%": a share as a whole percentage. */
static void pct(struct sb *out, size_t part, size_t whole)
{
	sb_addf(out, "%zu%%", whole ? (part * 100 + whole / 2) / whole : 0);
}

void report_completeness_svg(const struct completeness_view *v, size_t n,
			     const struct completeness_chart_labels *lb, struct sb *out)
{
	double py = CP_H - CP_TOP - CP_BOTTOM, slot = n ? (double)(SVG_BARS_W - CP_LEFT) / (double)n : 0;
	size_t i;
	int k;

	svg_open(out, "completeness-chart", CP_H, lb->title);
	sb_adds(out, "<desc>");
	for (i = 0; i < n; i++) {
		char name[PERIOD_NAME_LEN];
		const struct completeness_counts *c = &v[i].total;

		sb_adds(out, i ? "; " : "");
		text(out, period_format(&v[i].period, name));
		sb_adds(out, ": ");
		if (!c->expected) {
			text(out, lb->none);
			continue;
		}
		text(out, lb->received);
		sb_addf(out, " %zu/%zu (", c->received, c->expected);
		pct(out, c->received, c->expected);
		sb_adds(out, "), ");
		text(out, lb->on_time);
		sb_addf(out, " %zu/%zu (", c->on_time, c->expected);
		pct(out, c->on_time, c->expected);
		sb_adds(out, ")");
	}
	sb_adds(out, "</desc>");

	/* The legend: solid for received, hatched lighter for on time. */
	sb_addf(out, "<g class=\"legend\" font-size=\"12\" fill=\"#1d2430\">"
		     "<rect x=\"%d\" y=\"4\" width=\"12\" height=\"12\" fill=\"#1f5fbf\"/>"
		     "<text x=\"%d\" y=\"15\">",
		CP_LEFT, CP_LEFT + 18);
	text(out, lb->received);
	sb_addf(out, "</text><rect x=\"%d\" y=\"4\" width=\"12\" height=\"12\" fill=\"#2e7d32\"/>"
		     "<text x=\"%d\" y=\"15\">",
		CP_LEFT + 220, CP_LEFT + 238);
	text(out, lb->on_time);
	sb_adds(out, "</text></g>");

	/* The y axis: 0, 50 and 100%. */
	sb_adds(out, "<g class=\"y-ticks\" font-size=\"11\" text-anchor=\"end\" fill=\"#1d2430\">");
	for (k = 0; k <= 100; k += 50) {
		double y = CP_TOP + py * (100 - k) / 100;

		sb_addf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
			     "<text x=\"%d\" y=\"%.1f\">%d%%</text>",
			CP_LEFT, SVG_BARS_W, y, y, CP_LEFT - 6, y + 4, k);
	}
	sb_adds(out, "</g>");

	for (i = 0; i < n; i++) {
		char name[PERIOD_NAME_LEN];
		const struct completeness_counts *c = &v[i].total;
		double x0 = CP_LEFT + slot * (double)i, bw = slot * 0.35;
		const struct {
			const char *cls, *fill;
			size_t part;
		} bars[] = { { "received", "#1f5fbf", c->received }, { "on-time", "#2e7d32", c->on_time } };

		period_format(&v[i].period, name);
		sb_addf(out, "<g class=\"period\" data-period=\"%s\" data-expected=\"%zu\">", name,
			c->expected);
		for (k = 0; k < 2; k++) {
			double share = c->expected ? (double)bars[k].part / (double)c->expected : 0,
			       h = py * share, x = x0 + slot * 0.12 + bw * k;

			if (!c->expected)
				break;
			sb_addf(out, "<rect class=\"%s\" data-count=\"%zu\" x=\"%.2f\" y=\"%.2f\""
				     " width=\"%.2f\" height=\"%.2f\" fill=\"%s\"><title>",
				bars[k].cls, bars[k].part, x, CP_TOP + py - h, bw - 2, h, bars[k].fill);
			text(out, name);
			sb_adds(out, " — ");
			text(out, k ? lb->on_time : lb->received);
			sb_addf(out, ": %zu/%zu</title></rect><text x=\"%.2f\" y=\"%.2f\" font-size=\"10\""
				     " text-anchor=\"middle\" fill=\"#1d2430\">",
				bars[k].part, c->expected, x + (bw - 2) / 2, CP_TOP + py - h - 3);
			pct(out, bars[k].part, c->expected);
			sb_adds(out, "</text>");
		}
		if (!c->expected) {
			sb_addf(out, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"10\" text-anchor=\"middle\""
				     " fill=\"#6b7280\">",
				x0 + slot / 2, CP_TOP + py - 4);
			text(out, lb->none);
			sb_adds(out, "</text>");
		}
		sb_addf(out, "<text x=\"%.2f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\""
			     " fill=\"#1d2430\">%s</text></g>",
			x0 + slot / 2, CP_H - CP_BOTTOM + 16, name);
	}
	sb_adds(out, "</svg>");
}
