/*
 * status.h - a task's status bucket, computed from its record, never typed.
 *
 * Officials do not enter "quá hạn"; it follows from the task's time frame,
 * the lead agency's official reports (chưa triển khai, đang thực hiện, hoàn
 * thành, tạm dừng, đề nghị điều chỉnh), the standing agency's confirmation of
 * a completion, and today. This module is that computation, plus the
 * counters and rates reports print (rates are over tasks already due, the
 * way the Government Office counts them). The rules, bucket by bucket, are in
 * docs/track.md.
 *
 * Inputs are borrowed for the length of a call; results are plain values.
 * Days are calendar.h day numbers (CAL_NONE = none).
 */
#ifndef DONDOC_STATUS_H
#define DONDOC_STATUS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/states.h"

struct period;

/* enum task_state, enum confirmation: model/states.h. */

struct status_report {
	int filed; /* day the report was made; CAL_NONE = undated (always in force) */
	enum task_state state;
	int done_on; /* TASK_DONE: the completion date reported; CAL_NONE = filed */
	enum confirmation confirm; /* TASK_DONE only */
	int confirmed_on; /* day of the confirmation or refusal; CAL_NONE = undated */
	int confirmed_done_on; /* the completion date confirmed; CAL_NONE = done_on */
	const struct period *period; /* the period reported on, or NULL */
};

struct status_task {
	int start, end; /* the time frame (plan/1 due.start, due.end); CAL_NONE = null */
	bool recurring; /* plan/1 due.recurring */
	/* The lead agency's official reports in filing order, corrections
	 * already resolved (a replaced report left out). */
	const struct status_report *reports;
	size_t nreports;
};

/* Working days before a deadline that make a task "sắp đến hạn". */
#define STATUS_DUE_SOON_DEFAULT 5

struct status_opts {
	int today;
	int due_soon; /* working days; 0 = no due-soon bucket */
	/* The period whose report is owed ("kỳ này"), NULL = the reporting
	 * month (15th to 14th) containing today. */
	const struct period *period;
};

enum status_bucket {
	STATUS_DONE_ON_TIME, /* hoàn thành đúng hạn */
	STATUS_DONE_LATE, /* hoàn thành quá hạn */
	STATUS_ON_TRACK, /* đang thực hiện trong hạn */
	STATUS_OVERDUE, /* quá hạn (đang thực hiện quá hạn) */
	STATUS_DUE_SOON, /* sắp đến hạn */
	STATUS_NOT_YET_DUE, /* chưa đến hạn: the window has not opened */
	STATUS_AWAITING_CONFIRMATION, /* chờ xác nhận */
	STATUS_PAUSED, /* tạm dừng */
	STATUS_ONGOING_REPORTED, /* thường xuyên, đã báo cáo kỳ này */
	STATUS_ONGOING_UNREPORTED, /* thường xuyên, chưa báo cáo kỳ này */
	STATUS_NO_DEADLINE, /* không thời hạn: the plan gives no time frame */
	STATUS__COUNT
};

struct status_result {
	enum status_bucket bucket;
	enum task_state state; /* the state in force today (NOT_STARTED if none) */
	bool refused; /* the last completion claim was refused */
	bool change_requested; /* state is TASK_CHANGE_REQUESTED */
	bool due; /* counts among the tasks fallen due (the rates' denominator) */
	bool reported; /* a report for the period of the opts is in */
	int done_on; /* the completion date that counts, or CAL_NONE */
	long late_days; /* working days done late by, or overdue by; else 0 */
	long days_left; /* working days to the deadline of an open task; else 0 */
};

/** Computes t's status on o->today. */
void status_compute(const struct status_task *t, const struct status_opts *o,
		    struct status_result *out);

/** Stable English key for JSON and the CLI ("done_on_time", "overdue"). */
const char *status_bucket_key(enum status_bucket b);
/** The label a Vietnamese report prints ("Hoàn thành đúng hạn"). */
const char *status_bucket_vi(enum status_bucket b);
const char *status_bucket_en(enum status_bucket b);
/** The colour existing dashboards use ("blue", "amber", "green", "red", ...). */
const char *status_bucket_colour(enum status_bucket b);

/* task_state_key() ("in_progress"): model/states.h. */
const char *task_state_vi(enum task_state s); /* "Đang thực hiện" */
/** Parses a key or a Vietnamese label (through the folding key, so
 *  "dang thuc hien" works; "tạm hoãn" = tạm dừng). 0 or -ERR_INPUT. */
int task_state_parse(const char *s, enum task_state *out);

/* Counters for one group of tasks. Zero-initialise, then add. */
struct status_agg {
	size_t total;
	size_t due; /* fallen due: the rates' denominator */
	size_t ongoing; /* ongoing tasks (the reported rate's denominator) */
	size_t refused, change_requested;
	size_t n[STATUS__COUNT];
};

enum status_rate {
	RATE_DONE_ON_TIME, /* done on time / due */
	RATE_DONE, /* done (on time or late) / due */
	RATE_OVERDUE, /* overdue / due */
	RATE_ONGOING_REPORTED, /* ongoing reported / ongoing */
};

void status_agg_add(struct status_agg *a, const struct status_result *r);
void status_agg_merge(struct status_agg *dst, const struct status_agg *src);
/** The rate as a fraction 0..1; false (and *out = 0) when its denominator is
 *  zero, which a report prints as "-", not 0% or 100%. */
bool status_agg_rate(const struct status_agg *a, enum status_rate rate, double *out);

/*
 * Roll-up by an arbitrary key (plan, section, agency, leader): one
 * status_agg per distinct folding key, in first-seen order. A task with two
 * lead agencies is added under each. The roll-up owns its keys and
 * counters; pointers it returns are valid until status_rollup_free().
 */
struct status_rollup;

struct status_rollup *status_rollup_new(void);
void status_rollup_free(struct status_rollup *r);
/** Adds r under key (NULL or "" = the unassigned group ""). */
void status_rollup_add(struct status_rollup *ru, const char *key, const struct status_result *r);
/** Adds counters a under key (as many status_rollup_add calls would): a
 *  caller that gathers its tasks by the key's spelling folds each spelling
 *  once, not once a task. */
void status_rollup_merge(struct status_rollup *ru, const char *key, const struct status_agg *a);
size_t status_rollup_count(const struct status_rollup *ru);
const char *status_rollup_key(const struct status_rollup *ru, size_t i);
const struct status_agg *status_rollup_agg(const struct status_rollup *ru, size_t i);
/** The counters of key, or NULL when no task was added under it. */
const struct status_agg *status_rollup_find(const struct status_rollup *ru, const char *key);

#endif
