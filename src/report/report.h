/*
 * report.h - the renderings of the views of ops/views.h into a string
 * builder: terminal text (Vietnamese first, as an official reads it) and
 * JSON (status/1, completeness/1, indicators/1). Renderers only read the
 * view; they never touch the store. Other formats (HTML, CSV, DOCX, XLSX,
 * iCalendar) sit next to these, one file each, over the same views.
 */
#ifndef DONDOC_REPORT_H
#define DONDOC_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "track/status.h"

struct sb;
struct status_view;
struct completeness_view;
struct indicator_view;
struct plan_list_view;
struct task_list_view;
struct history_view;
struct contact_view;
struct remind_view;

/** A rate as officials write it: "16,7%" (decimal comma), "-" when undefined. */
void report_pct(struct sb *out, bool defined, double v);

/** The status report; with_tasks adds one line per task. */
void report_status_text(const struct status_view *v, bool with_tasks, struct sb *out);
/** status/1 JSON, one object and a newline. */
void report_status_json(const struct status_view *v, struct sb *out);

void report_completeness_text(const struct completeness_view *v, struct sb *out);
void report_completeness_json(const struct completeness_view *v, struct sb *out);

void report_indicators_text(const struct indicator_view *v, struct sb *out);
void report_indicators_json(const struct indicator_view *v, struct sb *out);

/* The indicator chart (svg_chart.c): its size and margins, in SVG units. */
#define SVG_CHART_W 640
#define SVG_CHART_H 300
#define SVG_CHART_LEFT 64
#define SVG_CHART_RIGHT 24
#define SVG_CHART_TOP 30
#define SVG_CHART_BOTTOM 40

struct indicator_row;
/** The words of the chart in the reader's language. */
struct indicator_chart_labels {
	const char *target, *actual, *baseline, *empty;
};
/** One indicator's targets (the baseline first) and actual values per
 *  year as a standalone <svg> element with <title> and <desc>. */
void report_indicator_svg(const struct indicator_row *r, const struct indicator_chart_labels *lb,
			  struct sb *out);

/* The bar charts (svg_bars.c): their width, in SVG units. */
#define SVG_BARS_W 640

struct status_rollup;
/** The words of a bucket chart in the reader's language. */
struct bucket_chart_labels {
	const char *title; /* the chart's <title> */
	const char *bucket[STATUS__COUNT]; /* each bucket's name, by enum status_bucket */
	const char *none; /* no task */
	const char *more_pre, *more_post; /* the rows left out: more_pre N more_post */
};
/** The fill colour of a bucket ("#c62828"). */
const char *report_bucket_fill(enum status_bucket b);
/** One bar per bucket with a task (counts by enum status_bucket). */
void report_bucket_svg(const size_t counts[STATUS__COUNT], const struct bucket_chart_labels *lb,
		       struct sb *out);
/** Stacked bars, one row per key of ru (agency, section or leader), the
 *  top rows by total (all when top is 0) and a line counting the rest; one
 *  segment per bucket with its count; a legend. */
void report_rollup_svg(const struct status_rollup *ru, size_t top,
		       const struct bucket_chart_labels *lb, struct sb *out);

/** The words of the completeness chart. */
struct completeness_chart_labels {
	const char *title, *received, *on_time, *none /* nothing expected */;
};
/** For each of the n views (oldest first), the share of expected reports
 *  received and received on time, as a pair of bars with their percentages. */
void report_completeness_svg(const struct completeness_view *v, size_t n,
			     const struct completeness_chart_labels *lb, struct sb *out);

void report_plans_text(const struct plan_list_view *v, struct sb *out);
void report_tasks_text(const struct task_list_view *v, struct sb *out);
void report_history_text(const struct history_view *v, struct sb *out);
void report_contacts_text(const struct contact_view *v, struct sb *out);
/** One line per message of a reminder run, then the totals. */
void report_remind_text(const struct remind_view *v, const char *outbox, bool dry_run,
			struct sb *out);

#endif
