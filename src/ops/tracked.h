/*
 * tracked.h - a "tracked plan": everything the documents offices exchange
 * print about one published plan on one day and for one reporting period
 * (see report/docs.h for the renderers). Built by ops_tracked_plan()
 * (ops/ops_export.c); it lives in the ops layer so that the builder needs
 * nothing above it.
 */
#ifndef DONDOC_TRACKED_H
#define DONDOC_TRACKED_H

#include <stdbool.h>
#include <stddef.h>

#include "model/plan.h"
#include "track/indicator_eval.h"
#include "track/period.h"
#include "track/status.h"

struct sb;

struct doc_task {
	const struct task *t; /* borrowed from tracked_plan.plan */
	struct status_result res; /* as `dondoc status` computes it */
	int due_end; /* the deadline (day number) or CAL_NONE */
	bool as_lead; /* the scoped agency leads it (always true without scope) */
	bool as_coordinate; /* the scoped agency coordinates it */
	char *result; /* "Kết quả triển khai thực hiện": latest result, or NULL */
	bool result_confirmed; /* result is a completion the standing agency confirmed */
	char *period_note; /* what was reported for the period (by the scoped agency) */
	char *period_state; /* its state, Vietnamese ("Đang thực hiện"), or NULL */
};

/* One year column of an indicator (tracked_plan.years): the target that
 * applies (the year's own or a point on the path), the judgement and the
 * value in force. */
struct doc_indicator_year {
	struct indicator_course_result judged;
	bool has_actual;
	double actual;
};

struct doc_indicator {
	const struct indicator *ind; /* borrowed */
	bool has_actual;
	double actual;
	char period[PERIOD_NAME_LEN]; /* the period of the actual value */
	enum indicator_verdict verdict;
	struct doc_indicator_year *years; /* tracked_plan.nyears entries, or NULL */
};

/* A difficulty or proposal found in a report's note. */
struct doc_note {
	char *agency, *ref, *text;
	bool difficulty; /* "khó khăn", "vướng mắc", ... or a change requested */
	bool proposal; /* "đề nghị", "kiến nghị", "đề xuất" */
};

/* A report due date: for ICS feeds and the report's closing paragraph. */
struct doc_deadline {
	struct period period;
	int due;
};

struct tracked_plan {
	struct plan plan; /* owned */
	int today;
	struct period period;
	char *agency; /* canonical scope, or NULL: the whole plan */
	char *leader; /* leader scope, or NULL */
	struct doc_task *tasks; /* in document order, only those in scope */
	size_t ntasks;
	struct doc_indicator *indicators;
	size_t nindicators;
	/* The year and span columns of the plan's indicator tables (every
	 * by_period period, in time order); none for a one-year plan. */
	char (*years)[PERIOD_NAME_LEN];
	size_t nyears;
	struct doc_note *notes;
	size_t nnotes;
	struct doc_deadline *deadlines;
	size_t ndeadlines;
	struct status_agg total; /* over the tasks counted (lead tasks), as `dondoc status` */
};

void tracked_plan_release(struct tracked_plan *tp);

#endif
