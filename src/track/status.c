/*
 * status.c - status buckets, labels, counters and roll-ups.
 *
 * The order of the tests in status_compute is the order of precedence: a
 * confirmed completion settles everything; a pending one or a pause is shown
 * as such whatever the clock says; only open tasks are judged by the
 * deadline (overdue, then due soon, then not yet open, else on track).
 */
#include "base/compat.h"

#include "base/err.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "track/calendar.h"
#include "base/keymap.h"
#include "track/period.h"
#include "track/status.h"

static const struct {
	const char *key, *vi, *en, *colour;
} buckets[STATUS__COUNT] = {
	[STATUS_DONE_ON_TIME] = { "done_on_time", "Hoàn thành đúng hạn", "Done on time", "blue" },
	[STATUS_DONE_LATE] = { "done_late", "Hoàn thành quá hạn", "Done late", "amber" },
	[STATUS_ON_TRACK] = { "on_track", "Đang thực hiện trong hạn", "In progress, on time", "green" },
	[STATUS_OVERDUE] = { "overdue", "Quá hạn", "Overdue", "red" },
	[STATUS_DUE_SOON] = { "due_soon", "Sắp đến hạn", "Due soon", "orange" },
	[STATUS_NOT_YET_DUE] = { "not_yet_due", "Chưa đến hạn", "Not yet open", "grey" },
	[STATUS_AWAITING_CONFIRMATION] = { "awaiting_confirmation", "Chờ xác nhận",
					   "Awaiting confirmation", "purple" },
	[STATUS_PAUSED] = { "paused", "Tạm dừng", "Paused", "grey" },
	[STATUS_ONGOING_REPORTED] = { "ongoing_reported", "Thường xuyên - đã báo cáo kỳ này",
				      "Ongoing, reported this period", "teal" },
	[STATUS_ONGOING_UNREPORTED] = { "ongoing_unreported", "Thường xuyên - chưa báo cáo kỳ này",
					"Ongoing, not reported this period", "orange" },
	[STATUS_NO_DEADLINE] = { "no_deadline", "Không thời hạn", "No deadline", "grey" },
};

/* The labels of the states; their keys are model/states.c's. */
static const struct {
	const char *vi;
} states[TASK_STATE__COUNT] = {
	[TASK_NOT_STARTED] = { "Chưa triển khai" },
	[TASK_IN_PROGRESS] = { "Đang thực hiện" },
	[TASK_DONE] = { "Hoàn thành" },
	[TASK_PAUSED] = { "Tạm dừng" },
	[TASK_CHANGE_REQUESTED] = { "Đề nghị điều chỉnh" },
};

const char *status_bucket_key(enum status_bucket b)
{
	return (unsigned)b < STATUS__COUNT ? buckets[b].key : "";
}

const char *status_bucket_vi(enum status_bucket b)
{
	return (unsigned)b < STATUS__COUNT ? buckets[b].vi : "";
}

const char *status_bucket_en(enum status_bucket b)
{
	return (unsigned)b < STATUS__COUNT ? buckets[b].en : "";
}

const char *status_bucket_colour(enum status_bucket b)
{
	return (unsigned)b < STATUS__COUNT ? buckets[b].colour : "";
}

const char *task_state_vi(enum task_state s)
{
	return (unsigned)s < TASK_STATE__COUNT ? states[s].vi : "";
}

int task_state_parse(const char *s, enum task_state *out)
{
	char *key;
	int rc = -ERR_INPUT;

	if (!s)
		return -ERR_INPUT;
	key = vi_fold_dup(s, VI_FOLD_PUNCT);
	for (int i = 0; i < TASK_STATE__COUNT && rc; i++) {
		char *vi = vi_fold_dup(states[i].vi, 0);
		char *k = vi_fold_dup(task_state_key((enum task_state)i), VI_FOLD_PUNCT);

		/* k: "in progress" */
		if (!strcmp(key, vi) || !strcmp(key, k) ||
		    !strcmp(s, task_state_key((enum task_state)i))) {
			*out = (enum task_state)i;
			rc = 0;
		}
		free(vi);
		free(k);
	}
	if (rc && !strcmp(key, "tam hoan")) {
		*out = TASK_PAUSED;
		rc = 0;
	}
	free(key);
	return rc;
}

static bool in_force(int day, int today)
{
	return day == CAL_NONE || day <= today;
}

/* The last report filed on or before today, or NULL. */
static const struct status_report *latest(const struct status_task *t, int today)
{
	const struct status_report *r = NULL;

	for (size_t i = 0; i < t->nreports; i++)
		if (in_force(t->reports[i].filed, today))
			r = &t->reports[i];
	return r;
}

/* A report covers p when it names p, or names nothing and was filed between
 * p's start and its default due date. */
static bool covers(const struct status_report *r, const struct period *p)
{
	if (r->period)
		return period_equal(r->period, p);
	if (r->filed == CAL_NONE)
		return false;
	return r->filed >= p->start && r->filed <= period_due(p, PERIOD_DUE_WORKING_DAYS);
}

static bool reported_for(const struct status_task *t, const struct status_opts *o)
{
	struct period month;
	const struct period *p = o->period;

	if (!p) {
		if (period_containing(PERIOD_MONTH, o->today, &month))
			return false;
		p = &month;
	}
	for (size_t i = 0; i < t->nreports; i++)
		if (in_force(t->reports[i].filed, o->today) && covers(&t->reports[i], p))
			return true;
	return false;
}

/* The completion date that counts for an accepted report. */
static int completion_day(const struct status_report *r)
{
	if (r->confirmed_done_on != CAL_NONE && r->confirm == CONFIRM_ACCEPTED)
		return r->confirmed_done_on;
	if (r->done_on != CAL_NONE)
		return r->done_on;
	return r->filed;
}

static void judge_done(const struct status_task *t, int done, struct status_result *out)
{
	out->done_on = done;
	out->due = true;
	if (t->end == CAL_NONE || done == CAL_NONE || done <= t->end) {
		out->bucket = STATUS_DONE_ON_TIME;
		return;
	}
	out->bucket = STATUS_DONE_LATE;
	out->late_days = calendar_working_days_between(t->end, done);
}

static void judge_open(const struct status_task *t, const struct status_opts *o,
		       struct status_result *out)
{
	if (t->end == CAL_NONE) {
		if (t->recurring)
			out->bucket = out->reported ? STATUS_ONGOING_REPORTED : STATUS_ONGOING_UNREPORTED;
		else
			out->bucket = STATUS_NO_DEADLINE;
		return;
	}
	if (o->today > t->end) {
		out->bucket = STATUS_OVERDUE;
		out->due = true;
		out->late_days = calendar_working_days_between(t->end, o->today);
		return;
	}
	out->days_left = calendar_working_days_between(o->today, t->end);
	if (o->due_soon > 0 && out->days_left <= o->due_soon)
		out->bucket = STATUS_DUE_SOON;
	else if (t->start != CAL_NONE && o->today < t->start)
		out->bucket = STATUS_NOT_YET_DUE;
	else
		out->bucket = STATUS_ON_TRACK;
}

void status_compute(const struct status_task *t, const struct status_opts *o,
		    struct status_result *out)
{
	const struct status_report *r = latest(t, o->today);
	bool passed = t->end != CAL_NONE && o->today > t->end;

	memset(out, 0, sizeof(*out));
	out->done_on = CAL_NONE;
	out->state = r ? r->state : TASK_NOT_STARTED;
	out->change_requested = out->state == TASK_CHANGE_REQUESTED;
	out->reported = reported_for(t, o);

	if (out->state == TASK_DONE) {
		enum confirmation c = r->confirm;

		/* A confirmation dated after today has not happened yet. */
		if ((c == CONFIRM_ACCEPTED || c == CONFIRM_REFUSED) && !in_force(r->confirmed_on, o->today))
			c = CONFIRM_PENDING;
		switch (c) {
		case CONFIRM_ACCEPTED:
		case CONFIRM_NOT_REQUIRED:
			judge_done(t, completion_day(r), out);
			return;
		case CONFIRM_PENDING:
			out->bucket = STATUS_AWAITING_CONFIRMATION;
			out->due = passed;
			return;
		case CONFIRM_REFUSED:
			out->refused = true;
			break;
		}
	} else if (out->state == TASK_PAUSED) {
		out->bucket = STATUS_PAUSED;
		out->due = passed;
		if (passed)
			out->late_days = calendar_working_days_between(t->end, o->today);
		return;
	}
	judge_open(t, o, out);
}

static bool is_ongoing(enum status_bucket b)
{
	return b == STATUS_ONGOING_REPORTED || b == STATUS_ONGOING_UNREPORTED;
}

void status_agg_add(struct status_agg *a, const struct status_result *r)
{
	if ((unsigned)r->bucket >= STATUS__COUNT)
		return;
	a->total++;
	a->n[r->bucket]++;
	a->due += r->due;
	a->ongoing += is_ongoing(r->bucket);
	a->refused += r->refused;
	a->change_requested += r->change_requested;
}

void status_agg_merge(struct status_agg *dst, const struct status_agg *src)
{
	dst->total += src->total;
	dst->due += src->due;
	dst->ongoing += src->ongoing;
	dst->refused += src->refused;
	dst->change_requested += src->change_requested;
	for (int i = 0; i < STATUS__COUNT; i++)
		dst->n[i] += src->n[i];
}

bool status_agg_rate(const struct status_agg *a, enum status_rate rate, double *out)
{
	size_t num, den = a->due;

	*out = 0;
	switch (rate) {
	case RATE_DONE_ON_TIME: num = a->n[STATUS_DONE_ON_TIME]; break;
	case RATE_DONE: num = a->n[STATUS_DONE_ON_TIME] + a->n[STATUS_DONE_LATE]; break;
	case RATE_OVERDUE: num = a->n[STATUS_OVERDUE]; break;
	case RATE_ONGOING_REPORTED:
		num = a->n[STATUS_ONGOING_REPORTED];
		den = a->ongoing;
		break;
	default: return false;
	}
	if (!den)
		return false;
	*out = (double)num / (double)den;
	return true;
}

struct status_rollup {
	struct keymap *keys;
	struct status_agg *aggs; /* by key index */
	size_t cap;
};

struct status_rollup *status_rollup_new(void)
{
	struct status_rollup *ru = xcalloc(1, sizeof(*ru));

	ru->keys = keymap_new();
	return ru;
}

void status_rollup_free(struct status_rollup *ru)
{
	if (!ru)
		return;
	keymap_free(ru->keys);
	free(ru->aggs);
	free(ru);
}

void status_rollup_add(struct status_rollup *ru, const char *key, const struct status_result *r)
{
	bool added;
	size_t i = keymap_intern(ru->keys, key, &added);

	if (added) {
		xgrow((void **)&ru->aggs, &ru->cap, i + 1, sizeof(*ru->aggs));
		memset(&ru->aggs[i], 0, sizeof(ru->aggs[i]));
	}
	status_agg_add(&ru->aggs[i], r);
}

void status_rollup_merge(struct status_rollup *ru, const char *key, const struct status_agg *a)
{
	bool added;
	size_t i = keymap_intern(ru->keys, key, &added);

	if (added) {
		xgrow((void **)&ru->aggs, &ru->cap, i + 1, sizeof(*ru->aggs));
		memset(&ru->aggs[i], 0, sizeof(ru->aggs[i]));
	}
	status_agg_merge(&ru->aggs[i], a);
}

size_t status_rollup_count(const struct status_rollup *ru)
{
	return keymap_count(ru->keys);
}

const char *status_rollup_key(const struct status_rollup *ru, size_t i)
{
	return keymap_key(ru->keys, i);
}

const struct status_agg *status_rollup_agg(const struct status_rollup *ru, size_t i)
{
	return i < keymap_count(ru->keys) ? &ru->aggs[i] : NULL;
}

const struct status_agg *status_rollup_find(const struct status_rollup *ru, const char *key)
{
	size_t i;

	return keymap_find(ru->keys, key, &i) ? &ru->aggs[i] : NULL;
}
