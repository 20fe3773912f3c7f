/*
 * test_track_status.c - every status bucket on a fixed clock, confirmation,
 * ongoing tasks and their period report, rates over tasks fallen due, and
 * roll-ups by key.
 */
#include "unit.h"
#include "base/err.h"
#include "track/calendar.h"
#include "track/period.h"
#include "track/status.h"

#define D(s) calendar_iso_day(s)

/* A report with every date unset, in the given state. */
static struct status_report rep(const char *filed, enum task_state st)
{
	struct status_report r = {
		.filed = D(filed),
		.state = st,
		.done_on = CAL_NONE,
		.confirm = CONFIRM_PENDING,
		.confirmed_on = CAL_NONE,
		.confirmed_done_on = CAL_NONE,
		.period = NULL,
	};

	return r;
}

static struct status_report done(const char *filed, const char *on, enum confirmation c)
{
	struct status_report r = rep(filed, TASK_DONE);

	r.done_on = D(on);
	r.confirm = c;
	return r;
}

static struct status_result run(const char *start, const char *end, bool recurring,
				const struct status_report *reps, size_t n, const char *today)
{
	struct status_task t = { .start = D(start), .end = D(end), .recurring = recurring,
				 .reports = reps, .nreports = n };
	struct status_opts o = { .today = D(today), .due_soon = STATUS_DUE_SOON_DEFAULT };
	struct status_result r;

	status_compute(&t, &o, &r);
	return r;
}

static void done_on_time_and_late(void **state)
{
	struct status_report r[2];
	struct status_result s;

	r[0] = rep("2026-02-01", TASK_IN_PROGRESS);
	r[1] = done("2026-03-20", "2026-03-20", CONFIRM_ACCEPTED);
	s = run("2026-01-01", "2026-03-31", false, r, 2, "2026-05-01");
	assert_int_equal(s.bucket, STATUS_DONE_ON_TIME);
	assert_true(s.due);
	assert_int_equal(s.done_on, D("2026-03-20"));
	assert_int_equal(s.late_days, 0);
	/* Done on the deadline itself is on time. */
	r[1] = done("2026-03-31", "2026-03-31", CONFIRM_ACCEPTED);
	s = run("2026-01-01", "2026-03-31", false, r, 2, "2026-05-01");
	assert_int_equal(s.bucket, STATUS_DONE_ON_TIME);
	/* Tue 31/3 -> Fri 3/4: three working days late. */
	r[1] = done("2026-04-03", "2026-04-03", CONFIRM_ACCEPTED);
	s = run("2026-01-01", "2026-03-31", false, r, 2, "2026-05-01");
	assert_int_equal(s.bucket, STATUS_DONE_LATE);
	assert_true(s.due);
	assert_int_equal(s.late_days, 3);
	/* Done early, deadline still ahead: settled, so it counts as due. */
	r[1] = done("2026-02-10", "2026-02-10", CONFIRM_ACCEPTED);
	s = run("2026-01-01", "2026-03-31", false, r, 2, "2026-02-20");
	assert_int_equal(s.bucket, STATUS_DONE_ON_TIME);
	assert_true(s.due);
}

static void confirmed_date_counts(void **state)
{
	struct status_report r = done("2026-03-30", "2026-03-30", CONFIRM_ACCEPTED);
	struct status_result s;

	/* The agency says 30/3; the standing agency confirms completion on 2/4. */
	r.confirmed_on = D("2026-04-05");
	r.confirmed_done_on = D("2026-04-02");
	s = run(NULL, "2026-03-31", false, &r, 1, "2026-04-10");
	assert_int_equal(s.bucket, STATUS_DONE_LATE);
	assert_int_equal(s.done_on, D("2026-04-02"));
	assert_int_equal(s.late_days, 2);
	/* Before the confirmation is given, it waits. */
	s = run(NULL, "2026-03-31", false, &r, 1, "2026-04-03");
	assert_int_equal(s.bucket, STATUS_AWAITING_CONFIRMATION);
	assert_true(s.due);
	/* No completion date given: the filing day counts. */
	r = done("2026-03-25", NULL, CONFIRM_ACCEPTED);
	s = run(NULL, "2026-03-31", false, &r, 1, "2026-04-10");
	assert_int_equal(s.bucket, STATUS_DONE_ON_TIME);
	assert_int_equal(s.done_on, D("2026-03-25"));
	/* A plan without a confirmation step. */
	r = done("2026-04-01", "2026-04-01", CONFIRM_NOT_REQUIRED);
	s = run(NULL, "2026-03-31", false, &r, 1, "2026-04-10");
	assert_int_equal(s.bucket, STATUS_DONE_LATE);
	/* Done with no deadline at all: on time. */
	s = run(NULL, NULL, false, &r, 1, "2026-04-10");
	assert_int_equal(s.bucket, STATUS_DONE_ON_TIME);
	assert_true(s.due);
}

static void awaiting_and_refused(void **state)
{
	struct status_report r = done("2026-03-20", "2026-03-20", CONFIRM_PENDING);
	struct status_result s;

	s = run("2026-01-01", "2026-06-30", false, &r, 1, "2026-03-25");
	assert_int_equal(s.bucket, STATUS_AWAITING_CONFIRMATION);
	assert_false(s.due);
	assert_int_equal(s.state, TASK_DONE);
	/* Refused: back to open, judged by the deadline. */
	r.confirm = CONFIRM_REFUSED;
	r.confirmed_on = D("2026-03-24");
	s = run("2026-01-01", "2026-06-30", false, &r, 1, "2026-03-25");
	assert_int_equal(s.bucket, STATUS_ON_TRACK);
	assert_true(s.refused);
	s = run("2026-01-01", "2026-03-20", false, &r, 1, "2026-03-25");
	assert_int_equal(s.bucket, STATUS_OVERDUE);
	assert_true(s.refused);
	assert_true(s.due);
	/* A refusal dated after today has not happened. */
	s = run("2026-01-01", "2026-06-30", false, &r, 1, "2026-03-23");
	assert_int_equal(s.bucket, STATUS_AWAITING_CONFIRMATION);
	assert_false(s.refused);
}

static void open_tasks_by_deadline(void **state)
{
	struct status_report r = rep("2026-02-01", TASK_IN_PROGRESS);
	struct status_result s;

	s = run("2026-01-01", "2026-06-30", false, &r, 1, "2026-03-01");
	assert_int_equal(s.bucket, STATUS_ON_TRACK);
	assert_false(s.due);
	assert_true(s.days_left > 5);
	/* Wed 24/6 to Tue 30/6: 4 working days left -> due soon. */
	s = run("2026-01-01", "2026-06-30", false, &r, 1, "2026-06-24");
	assert_int_equal(s.bucket, STATUS_DUE_SOON);
	assert_int_equal(s.days_left, 4);
	/* On the deadline day: due soon, 0 left, not overdue. */
	s = run("2026-01-01", "2026-06-30", false, &r, 1, "2026-06-30");
	assert_int_equal(s.bucket, STATUS_DUE_SOON);
	assert_int_equal(s.days_left, 0);
	/* The day after: overdue by one working day. */
	s = run("2026-01-01", "2026-06-30", false, &r, 1, "2026-07-01");
	assert_int_equal(s.bucket, STATUS_OVERDUE);
	assert_true(s.due);
	assert_int_equal(s.late_days, 1);
	/* Never reported at all: the same clock applies. */
	s = run("2026-01-01", "2026-06-30", false, NULL, 0, "2026-07-15");
	assert_int_equal(s.bucket, STATUS_OVERDUE);
	assert_int_equal(s.state, TASK_NOT_STARTED);
	assert_int_equal(s.late_days, 11);
	/* Due-soon window disabled. */
	{
		struct status_task t = { .start = CAL_NONE, .end = D("2026-06-30") };
		struct status_opts o = { .today = D("2026-06-29"), .due_soon = 0 };

		status_compute(&t, &o, &s);
		assert_int_equal(s.bucket, STATUS_ON_TRACK);
	}
}

static void due_soon_over_holiday_week(void **state)
{
	struct status_result s;

	/* Thu 23/4/2026 to Mon 4/5: 11 calendar days but only 4 working days
	 * (27/4 compensates Giỗ Tổ, 30/4 and 1/5 are holidays). */
	s = run(NULL, "2026-05-04", false, NULL, 0, "2026-04-23");
	assert_int_equal(s.bucket, STATUS_DUE_SOON);
	assert_int_equal(s.days_left, 4);
	/* Over Tết 2026: Fri 13/2 to Fri 27/2 is 5 working days. */
	s = run(NULL, "2026-02-27", false, NULL, 0, "2026-02-13");
	assert_int_equal(s.bucket, STATUS_DUE_SOON);
	s = run(NULL, "2026-03-02", false, NULL, 0, "2026-02-13");
	assert_int_equal(s.bucket, STATUS_ON_TRACK);
	/* Overdue across Tết: 13/2 deadline, today 24/2 -> 2 working days. */
	s = run(NULL, "2026-02-13", false, NULL, 0, "2026-02-24");
	assert_int_equal(s.bucket, STATUS_OVERDUE);
	assert_int_equal(s.late_days, 2);
}

static void not_yet_open(void **state)
{
	struct status_result s;

	s = run("2026-07-01", "2026-09-30", false, NULL, 0, "2026-01-10");
	assert_int_equal(s.bucket, STATUS_NOT_YET_DUE);
	assert_false(s.due);
	s = run("2026-07-01", "2026-09-30", false, NULL, 0, "2026-07-01");
	assert_int_equal(s.bucket, STATUS_ON_TRACK);
	/* A tiny window still counts as due soon before it opens. */
	s = run("2026-07-01", "2026-07-02", false, NULL, 0, "2026-06-29");
	assert_int_equal(s.bucket, STATUS_DUE_SOON);
}

static void paused_and_change_requested(void **state)
{
	struct status_report r[2];
	struct status_result s;

	r[0] = rep("2026-02-01", TASK_IN_PROGRESS);
	r[1] = rep("2026-03-01", TASK_PAUSED);
	s = run(NULL, "2026-06-30", false, r, 2, "2026-04-01");
	assert_int_equal(s.bucket, STATUS_PAUSED);
	assert_false(s.due);
	s = run(NULL, "2026-03-31", false, r, 2, "2026-04-02");
	assert_int_equal(s.bucket, STATUS_PAUSED);
	assert_true(s.due);
	assert_int_equal(s.late_days, 2);
	r[1] = rep("2026-03-01", TASK_CHANGE_REQUESTED);
	s = run(NULL, "2026-06-30", false, r, 2, "2026-04-01");
	assert_int_equal(s.bucket, STATUS_ON_TRACK);
	assert_true(s.change_requested);
	assert_int_equal(s.state, TASK_CHANGE_REQUESTED);
}

static void future_reports_ignored(void **state)
{
	struct status_report r[2];
	struct status_result s;

	r[0] = rep("2026-02-01", TASK_IN_PROGRESS);
	r[1] = done("2026-05-01", "2026-05-01", CONFIRM_ACCEPTED);
	s = run(NULL, "2026-06-30", false, r, 2, "2026-04-15");
	assert_int_equal(s.bucket, STATUS_ON_TRACK);
	assert_int_equal(s.state, TASK_IN_PROGRESS);
	/* Undated reports are always in force; the last one wins. */
	r[0] = rep(NULL, TASK_PAUSED);
	s = run(NULL, "2026-06-30", false, r, 1, "2026-04-15");
	assert_int_equal(s.bucket, STATUS_PAUSED);
}

static void ongoing_tasks(void **state)
{
	struct period q3, q2;
	struct status_report r = rep("2026-08-10", TASK_IN_PROGRESS);
	struct status_task t = { .start = CAL_NONE, .end = CAL_NONE, .recurring = true,
				 .reports = &r, .nreports = 1 };
	struct status_opts o = { .today = D("2026-08-20"), .due_soon = 5, .period = &q3 };
	struct status_result s;

	period_parse("2026-Q3", &q3);
	period_parse("2026-Q2", &q2);
	/* No report at all. */
	t.nreports = 0;
	status_compute(&t, &o, &s);
	assert_int_equal(s.bucket, STATUS_ONGOING_UNREPORTED);
	assert_false(s.due);
	/* An untagged report filed inside the window. */
	t.nreports = 1;
	status_compute(&t, &o, &s);
	assert_int_equal(s.bucket, STATUS_ONGOING_REPORTED);
	assert_true(s.reported);
	/* A report tagged for the previous quarter does not count. */
	r.period = &q2;
	status_compute(&t, &o, &s);
	assert_int_equal(s.bucket, STATUS_ONGOING_UNREPORTED);
	/* Tagged for this quarter, filed after the window but before due. */
	r.period = &q3;
	r.filed = D("2026-09-16");
	o.today = D("2026-09-17");
	status_compute(&t, &o, &s);
	assert_int_equal(s.bucket, STATUS_ONGOING_REPORTED);
	/* Untagged, filed 16/9 (Q3 ends 14/9, due 21/9): counts for Q3. */
	r.period = NULL;
	status_compute(&t, &o, &s);
	assert_int_equal(s.bucket, STATUS_ONGOING_REPORTED);
	/* Untagged, filed before the window opened. */
	r.filed = D("2026-06-14");
	status_compute(&t, &o, &s);
	assert_int_equal(s.bucket, STATUS_ONGOING_UNREPORTED);
	/* Default period: the reporting month containing today (15/8-14/9). */
	o.period = NULL;
	o.today = D("2026-08-20");
	r.filed = D("2026-08-16");
	status_compute(&t, &o, &s);
	assert_int_equal(s.bucket, STATUS_ONGOING_REPORTED);
	r.filed = D("2026-08-14");
	status_compute(&t, &o, &s);
	assert_int_equal(s.bucket, STATUS_ONGOING_UNREPORTED);
	/* Ongoing with an end (Thường xuyên năm 2026) follows its deadline but
	 * still says whether it reported. */
	t.end = D("2026-12-31");
	r.filed = D("2026-08-16");
	status_compute(&t, &o, &s);
	assert_int_equal(s.bucket, STATUS_ON_TRACK);
	assert_true(s.reported);
	/* Ongoing and done (confirmed): done on time. */
	t.end = CAL_NONE;
	r = done("2026-08-16", "2026-08-16", CONFIRM_ACCEPTED);
	status_compute(&t, &o, &s);
	assert_int_equal(s.bucket, STATUS_DONE_ON_TIME);
}

static void no_deadline(void **state)
{
	struct status_result s = run(NULL, NULL, false, NULL, 0, "2026-08-20");

	assert_int_equal(s.bucket, STATUS_NO_DEADLINE);
	assert_false(s.due);
	/* A start date alone gives no deadline either. */
	s = run("2026-01-01", NULL, false, NULL, 0, "2026-08-20");
	assert_int_equal(s.bucket, STATUS_NO_DEADLINE);
}

static void labels_and_states(void **state)
{
	enum task_state st;

	assert_string_equal(status_bucket_vi(STATUS_DONE_ON_TIME), "Hoàn thành đúng hạn");
	assert_string_equal(status_bucket_vi(STATUS_DONE_LATE), "Hoàn thành quá hạn");
	assert_string_equal(status_bucket_vi(STATUS_ON_TRACK), "Đang thực hiện trong hạn");
	assert_string_equal(status_bucket_vi(STATUS_OVERDUE), "Quá hạn");
	assert_string_equal(status_bucket_vi(STATUS_DUE_SOON), "Sắp đến hạn");
	assert_string_equal(status_bucket_vi(STATUS_NOT_YET_DUE), "Chưa đến hạn");
	assert_string_equal(status_bucket_vi(STATUS_AWAITING_CONFIRMATION), "Chờ xác nhận");
	assert_string_equal(status_bucket_key(STATUS_OVERDUE), "overdue");
	assert_string_equal(status_bucket_colour(STATUS_OVERDUE), "red");
	assert_string_equal(status_bucket_colour(STATUS_DONE_ON_TIME), "blue");
	assert_string_equal(status_bucket_en(STATUS_DONE_LATE), "Done late");
	assert_string_equal(status_bucket_key(STATUS__COUNT), "");
	for (int b = 0; b < STATUS__COUNT; b++) {
		assert_true(*status_bucket_key((enum status_bucket)b));
		assert_true(*status_bucket_vi((enum status_bucket)b));
		assert_true(*status_bucket_en((enum status_bucket)b));
	}
	assert_int_equal(task_state_parse("đang thực hiện", &st), 0);
	assert_int_equal(st, TASK_IN_PROGRESS);
	assert_int_equal(task_state_parse("DANG THUC HIEN", &st), 0);
	assert_int_equal(st, TASK_IN_PROGRESS);
	assert_int_equal(task_state_parse("Hoàn thành", &st), 0);
	assert_int_equal(st, TASK_DONE);
	assert_int_equal(task_state_parse("change_requested", &st), 0);
	assert_int_equal(st, TASK_CHANGE_REQUESTED);
	assert_int_equal(task_state_parse("đề nghị điều chỉnh", &st), 0);
	assert_int_equal(st, TASK_CHANGE_REQUESTED);
	assert_int_equal(task_state_parse("tạm hoãn", &st), 0);
	assert_int_equal(st, TASK_PAUSED);
	assert_int_equal(task_state_parse("chưa triển khai", &st), 0);
	assert_int_equal(st, TASK_NOT_STARTED);
	assert_int_equal(task_state_parse("xong", &st), -ERR_INPUT);
	assert_int_equal(task_state_parse(NULL, &st), -ERR_INPUT);
	assert_string_equal(task_state_vi(TASK_DONE), "Hoàn thành");
	assert_string_equal(task_state_key(TASK_PAUSED), "paused");
}

static void add_n(struct status_agg *a, enum status_bucket b, bool due, size_t n)
{
	struct status_result r = { .bucket = b, .due = due, .done_on = CAL_NONE };

	for (size_t i = 0; i < n; i++)
		status_agg_add(a, &r);
}

static void rates_over_due_tasks(void **state)
{
	struct status_agg a = { 0 }, b = { 0 };
	double v;

	/* Nothing due: no rate, not 0% nor 100%. */
	add_n(&a, STATUS_ON_TRACK, false, 3);
	add_n(&a, STATUS_ONGOING_UNREPORTED, false, 2);
	assert_false(status_agg_rate(&a, RATE_DONE_ON_TIME, &v));
	assert_true(v == 0);
	assert_false(status_agg_rate(&a, RATE_OVERDUE, &v));
	assert_true(status_agg_rate(&a, RATE_ONGOING_REPORTED, &v));
	assert_true(v == 0);
	/* The Government Office's 2017 figures. */
	memset(&a, 0, sizeof(a));
	add_n(&a, STATUS_DONE_ON_TIME, true, 14068);
	add_n(&a, STATUS_DONE_LATE, true, 1983);
	add_n(&a, STATUS_ON_TRACK, false, 5640);
	add_n(&a, STATUS_OVERDUE, true, 223);
	assert_int_equal(a.total, 21914);
	assert_int_equal(a.due, 16274);
	assert_true(status_agg_rate(&a, RATE_DONE_ON_TIME, &v));
	assert_true(v > 0.8644 && v < 0.8645);
	assert_true(status_agg_rate(&a, RATE_DONE, &v));
	assert_true(v > 0.9862 && v < 0.9863);
	assert_true(status_agg_rate(&a, RATE_OVERDUE, &v));
	assert_true(v > 0.0137 && v < 0.0138);
	assert_false(status_agg_rate(&a, RATE_ONGOING_REPORTED, &v));
	assert_false(status_agg_rate(&a, (enum status_rate)99, &v));
	/* Merging. */
	add_n(&b, STATUS_ONGOING_REPORTED, false, 1);
	add_n(&b, STATUS_ONGOING_UNREPORTED, false, 3);
	status_agg_merge(&a, &b);
	assert_int_equal(a.total, 21918);
	assert_true(status_agg_rate(&a, RATE_ONGOING_REPORTED, &v));
	assert_true(v == 0.25);
	/* A bad bucket is ignored. */
	add_n(&b, STATUS__COUNT, true, 1);
	assert_int_equal(b.total, 4);
}

static void rollup_by_agency(void **state)
{
	struct status_rollup *ru = status_rollup_new();
	struct status_result on = { .bucket = STATUS_DONE_ON_TIME, .due = true };
	struct status_result late = { .bucket = STATUS_OVERDUE, .due = true, .refused = true };
	const struct status_agg *a;
	double v;

	status_rollup_add(ru, "Sở Tài chính", &on);
	status_rollup_add(ru, "SỞ TÀI CHÍNH", &late);
	status_rollup_add(ru, "Sở Văn hóa, Thể thao và Du lịch", &on);
	status_rollup_add(ru, NULL, &late);
	status_rollup_add(ru, "", &late);
	assert_int_equal(status_rollup_count(ru), 3);
	assert_string_equal(status_rollup_key(ru, 0), "Sở Tài chính");
	assert_string_equal(status_rollup_key(ru, 2), "");
	a = status_rollup_find(ru, "so tai chinh");
	assert_non_null(a);
	assert_int_equal(a->total, 2);
	assert_int_equal(a->refused, 1);
	assert_true(status_agg_rate(a, RATE_DONE_ON_TIME, &v));
	assert_true(v == 0.5);
	a = status_rollup_agg(ru, 2);
	assert_int_equal(a->n[STATUS_OVERDUE], 2);
	assert_null(status_rollup_agg(ru, 3));
	assert_null(status_rollup_find(ru, "Sở Y tế"));
	status_rollup_free(ru);
	status_rollup_free(NULL);
}

/* Counters merged under a key make the rollup that one add a row makes:
 * the same keys (folded), spellings, order and counters. */
static void rollup_merge_equals_adds(void **state)
{
	struct status_rollup *added = status_rollup_new(), *merged = status_rollup_new();
	struct status_result on = { .bucket = STATUS_DONE_ON_TIME, .due = true };
	struct status_result late = { .bucket = STATUS_OVERDUE, .due = true, .refused = true };
	struct status_agg tc = { 0 }, tc_upper = { 0 }, vh = { 0 }, none = { 0 };
	size_t i;

	status_rollup_add(added, "Sở Tài chính", &on);
	status_rollup_add(added, "Sở Văn hóa", &late);
	status_rollup_add(added, "SỞ TÀI CHÍNH", &late);
	status_rollup_add(added, "Sở Tài chính", &late);
	status_rollup_add(added, NULL, &on);
	status_agg_add(&tc, &on);
	status_agg_add(&tc, &late);
	status_agg_add(&vh, &late);
	status_agg_add(&tc_upper, &late);
	status_agg_add(&none, &on);
	status_rollup_merge(merged, "Sở Tài chính", &tc);
	status_rollup_merge(merged, "Sở Văn hóa", &vh);
	status_rollup_merge(merged, "SỞ TÀI CHÍNH", &tc_upper);
	status_rollup_merge(merged, NULL, &none);
	assert_int_equal(status_rollup_count(merged), 3);
	for (i = 0; i < 3; i++) {
		assert_string_equal(status_rollup_key(merged, i), status_rollup_key(added, i));
		assert_memory_equal(status_rollup_agg(merged, i), status_rollup_agg(added, i),
				    sizeof(struct status_agg));
	}
	assert_int_equal(status_rollup_agg(merged, 0)->total, 3);
	status_rollup_free(added);
	status_rollup_free(merged);
}

/* Many distinct keys: the hash grows, indexes stay dense and stable. */
static void rollup_many_keys(void **state)
{
	struct status_rollup *ru = status_rollup_new();
	struct status_result r = { .bucket = STATUS_ON_TRACK };
	char key[32];

	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 5000; i++) {
			snprintf(key, sizeof(key), "Xã số %d", i);
			status_rollup_add(ru, key, &r);
		}
	assert_int_equal(status_rollup_count(ru), 5000);
	assert_string_equal(status_rollup_key(ru, 4321), "Xã số 4321");
	assert_int_equal(status_rollup_agg(ru, 4321)->total, 2);
	assert_int_equal(status_rollup_find(ru, "XA SO 17")->total, 2);
	status_rollup_free(ru);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(done_on_time_and_late),
		cmocka_unit_test(confirmed_date_counts),
		cmocka_unit_test(awaiting_and_refused),
		cmocka_unit_test(open_tasks_by_deadline),
		cmocka_unit_test(due_soon_over_holiday_week),
		cmocka_unit_test(not_yet_open),
		cmocka_unit_test(paused_and_change_requested),
		cmocka_unit_test(future_reports_ignored),
		cmocka_unit_test(ongoing_tasks),
		cmocka_unit_test(no_deadline),
		cmocka_unit_test(labels_and_states),
		cmocka_unit_test(rates_over_due_tasks),
		cmocka_unit_test(rollup_by_agency),
		cmocka_unit_test(rollup_many_keys),
		cmocka_unit_test(rollup_merge_equals_adds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
