/*
 * test_track_store.c - the tracking records of the SQLite store on a real
 * temporary database: publication, amendments with history and versions,
 * append-only reports and corrections, confirmations, contacts, reminders
 * recorded once, and a failed write that leaves nothing behind.
 */
#include "unit.h"
#include "base/date.h"
#include "base/err.h"
#include "model/plan.h"
#include "store/store.h"
#include "sample_store.h"

/* A day number from its ISO form (store.h takes days). */
#define DAY(iso) calendar_iso_day(iso)

static int setup(void **state)
{
	struct sample_store *f = xcalloc(1, sizeof(*f));

	if (sample_store_open(f, "track", NULL) < 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	sample_store_close(*state);
	free(*state);
	return 0;
}

/* A count the test asks the database file for directly. */
static long long count(const char *path, const char *sql)
{
	char *v = tmpdb_query(path, sql);
	long long n = v ? strtoll(v, NULL, 10) : -1;

	free(v);
	return n;
}

static void publish(struct sample_store *f)
{
	struct sb err = SB_INIT;

	assert_int_equal(store_plan_publish(f->s, f->plan_id, "test", &err), 0);
	sb_release(&err);
}

static void migrates_to_tracking_schema(void **state)
{
	struct sample_store *f = *state;

	assert_true(store_schema_version(f->s) >= 2);
	assert_int_equal(count(f->db.path, "SELECT COUNT(*) FROM sqlite_master WHERE name IN"
					" ('confirmations', 'evidence', 'task_history',"
					" 'agency_contacts', 'reminders', 'indicator_reports')"),
			 6);
}

static void publish_once_with_audit(void **state)
{
	struct sample_store *f = *state;
	struct sb err = SB_INIT;
	struct plan_state ps;

	assert_int_equal(store_plan_state(f->s, f->plan_id, &ps, &err), 0);
	assert_int_equal(ps.status, PLAN_DRAFT);
	publish(f);
	assert_int_equal(store_plan_publish(f->s, f->plan_id, "test", &err), 1);
	assert_int_equal(store_plan_state(f->s, f->plan_id, &ps, &err), 0);
	assert_int_equal(ps.status, PLAN_PUBLISHED);
	assert_int_equal(count(f->db.path, "SELECT COUNT(*) FROM audit_log WHERE action = 'publish'"), 1);
	assert_int_equal(store_plan_publish(f->s, 999, "test", &err), -ERR_NOTFOUND);
	sb_release(&err);
}

struct hist {
	int n;
	int version;
	char old[128];
};

static int keep_change(const struct task_change *c, void *arg)
{
	struct hist *h = arg;

	h->n++;
	h->version = c->plan_version;
	snprintf(h->old, sizeof(h->old), "%s", c->old_value ? c->old_value : "");
	return 0;
}

static void edit_keeps_history_and_bumps_version(void **state)
{
	struct sample_store *f = *state;
	struct task_edit e = { .field = "text", .value = "Tổ chức 03 lớp bồi dưỡng" };
	struct sb err = SB_INIT;
	struct plan_state ps;
	struct hist h = { 0 };
	struct due *d = due_new("Quý IV/2026");
	struct strlist bodies = { 0 }, groups = { 0 };

	/* A draft is corrected without a new version. */
	assert_int_equal(store_task_edit(f->s, f->task1, &e, "an", "lỗi trích xuất", &err), 0);
	assert_int_equal(store_plan_state(f->s, f->plan_id, &ps, &err), 0);
	assert_int_equal(ps.version, 1);
	publish(f);
	/* A published plan moves to version 2; the history keeps version 1's value. */
	snprintf(d->start, DATE_LEN, "2026-10-01");
	snprintf(d->end, DATE_LEN, "2026-12-31");
	e = (struct task_edit){ .field = "due", .due = d };
	assert_int_equal(store_task_edit(f->s, f->task1, &e, "binh", "văn bản 12", &err), 0);
	assert_int_equal(store_plan_state(f->s, f->plan_id, &ps, &err), 0);
	assert_int_equal(ps.version, 2);
	assert_int_equal(store_task_history(f->s, f->task1, keep_change, &h, &err), 0);
	assert_int_equal(h.n, 2);
	assert_int_equal(h.version, 1);
	assert_non_null(strstr(h.old, "2026-09-30"));
	assert_int_equal(count(f->db.path, "SELECT COUNT(*) FROM tasks WHERE due_end = '2026-12-31'"), 1);
	/* Lead bodies are replaced as a list. */
	strlist_push(&bodies, "Sở Tài chính");
	strlist_push(&groups, "Các sở, ban, ngành");
	e = (struct task_edit){ .field = "lead", .bodies = &bodies, .groups = &groups };
	assert_int_equal(store_task_edit(f->s, f->task1, &e, "binh", "phân công lại", &err), 0);
	assert_int_equal(count(f->db.path, "SELECT COUNT(*) FROM task_agencies WHERE role = 'lead'"
					" AND name = 'Sở Tài chính'"),
			 1);
	assert_int_equal(count(f->db.path, "SELECT COUNT(*) FROM audit_log WHERE action = 'edit'"), 3);
	/* Refusals change nothing. */
	e = (struct task_edit){ .field = "colour", .value = "x" };
	assert_int_equal(store_task_edit(f->s, f->task1, &e, "an", "x", &err), -ERR_USAGE);
	e = (struct task_edit){ .field = "text", .value = "y" };
	assert_int_equal(store_task_edit(f->s, f->task1, &e, "an", "", &err), -ERR_USAGE);
	assert_int_equal(store_task_edit(f->s, 9999, &e, "an", "z", &err), -ERR_NOTFOUND);
	e = (struct task_edit){ .field = "due", .due = d };
	assert_int_equal(store_task_edit(f->s, f->task1, &e, "an", "again", &err), -ERR_CONFLICT);
	assert_int_equal(count(f->db.path, "SELECT COUNT(*) FROM task_history"), 3);
	assert_int_equal(count(f->db.path, "SELECT version FROM plans"), 3);
	due_free(d);
	strlist_release(&bodies);
	strlist_release(&groups);
	sb_release(&err);
}

struct reps {
	int n, replaced;
	char last_state[32], decision[16];
};

static int keep_report(const struct report_row *r, void *arg)
{
	struct reps *x = arg;

	x->n++;
	x->replaced += r->replaced;
	snprintf(x->last_state, sizeof(x->last_state), "%s", task_state_key(r->state));
	snprintf(x->decision, sizeof(x->decision), "%s",
		 confirmation_key(r->decision) ? confirmation_key(r->decision) : "");
	return 0;
}

static void reports_are_append_only(void **state)
{
	struct sample_store *f = *state;
	struct report_new r = {.task_id = f->task1,
			       .agency = "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
			       .completion_date = CAL_NONE,
			       .state = TASK_DONE,
			       .filed_on = DAY("2026-08-01")};
	struct sb err = SB_INIT;
	struct reps x = { 0 };
	long long first, rid;

	/* Not before publication. */
	assert_int_equal(store_report_add(f->s, &r, "test", &err), -ERR_CONFLICT);
	publish(f);
	assert_int_equal(store_report_add(f->s, &r, "test", &err), 0);
	assert_int_equal(r.role, REPORT_LEAD);
	assert_string_equal(r.agency_stored, "Sở Văn hóa, Thể thao và Du lịch");
	first = r.id;
	/* A correction replaces it; the first stays, flagged. */
	r.state = TASK_IN_PROGRESS;
	r.replaces_id = first;
	r.filed_on = DAY("2026-08-02");
	assert_int_equal(store_report_add(f->s, &r, "test", &err), 0);
	assert_int_equal(store_report_add(f->s, &r, "test", &err), -ERR_CONFLICT);
	assert_int_equal(store_report_list(f->s, 0, f->task1, keep_report, &x, &err), 0);
	assert_int_equal(x.n, 2);
	assert_int_equal(x.replaced, 1);
	assert_string_equal(x.last_state, "in_progress");
	/* In force: in progress, so nothing awaits confirmation. */
	assert_int_equal(store_report_decide(f->s, f->task1, true, DAY("2026-08-03"), CAL_NONE,
					     NULL, "test", &rid, &err),
			 -ERR_CONFLICT);
	/* A coordinating body's report is a contribution. */
	r = (struct report_new){.task_id = f->task1,
				.agency = "UBND xã Bắc Hà",
				.completion_date = CAL_NONE,
				.state = TASK_DONE,
				.filed_on = DAY("2026-08-02")};
	assert_int_equal(store_report_add(f->s, &r, "test", &err), 0);
	assert_int_equal(r.role, REPORT_COORDINATE);
	r.agency = "Sở Ngoại vụ";
	assert_int_equal(store_report_add(f->s, &r, "test", &err), -ERR_INPUT);
	assert_int_equal(count(f->db.path, "SELECT COUNT(*) FROM progress_reports"), 3);
	sb_release(&err);
}

static void confirmation_and_refusal(void **state)
{
	struct sample_store *f = *state;
	struct report_new r = {.task_id = f->task1,
			       .agency = "Sở Văn hóa, Thể thao và Du lịch",
			       .state = TASK_DONE,
			       .completion_date = DAY("2026-09-20"),
			       .filed_on = DAY("2026-09-21")};
	struct sb err = SB_INIT;
	struct reps x = { 0 };
	long long rid = 0;

	publish(f);
	assert_int_equal(store_report_add(f->s, &r, "test", &err), 0);
	assert_int_equal(store_report_decide(f->s, f->task1, false, DAY("2026-09-22"), CAL_NONE, "",
					     "sở", &rid, &err),
			 -ERR_USAGE);
	assert_int_equal(store_report_decide(f->s, f->task1, false, DAY("2026-09-22"), CAL_NONE,
					     "thiếu hồ sơ", "sở", &rid, &err),
			 0);
	assert_int_equal(rid, r.id);
	/* Decided once: a second decision on the same report is refused. */
	assert_int_equal(store_report_decide(f->s, f->task1, true, DAY("2026-09-23"), CAL_NONE,
					     NULL, "sở", &rid, &err),
			 -ERR_CONFLICT);
	/* A new completion report can then be confirmed, with the date that counts. */
	r.filed_on = DAY("2026-09-25");
	assert_int_equal(store_report_add(f->s, &r, "test", &err), 0);
	assert_int_equal(store_report_decide(f->s, f->task1, true, DAY("2026-09-26"),
					     DAY("2026-09-24"), NULL, "sở", &rid, &err),
			 0);
	assert_int_equal(store_report_list(f->s, f->plan_id, 0, keep_report, &x, &err), 0);
	assert_string_equal(x.decision, "accepted");
	assert_int_equal(count(f->db.path, "SELECT COUNT(*) FROM confirmations WHERE done_on = '2026-09-24'"),
			 1);
	assert_int_equal(store_report_decide(f->s, f->task2, true, DAY("2026-09-26"), CAL_NONE,
					     NULL, "sở", &rid, &err),
			 -ERR_CONFLICT);
	sb_release(&err);
}

static void contacts_and_reminders_once(void **state)
{
	struct sample_store *f = *state;
	struct reminder_rec rec = {.kind = REMIND_AGENCY,
				   .recipient = "Sở Tài chính",
				   .day = DAY("2026-07-15"),
				   .state = "abc",
				   .subject = "s",
				   .via = "file",
				   .items = 2};
	struct sb err = SB_INIT;
	char *email = NULL;
	bool seen = true;

	assert_int_equal(store_contact_set(f->s, "Sở Tài chính", "stc@example.vn", "t", &err), 0);
	assert_int_equal(store_contact_set(f->s, "SỞ TÀI CHÍNH", "tc@example.vn", "t", &err), 0);
	assert_int_equal(store_contact_find(f->s, "sở tài chính", &email, &err), 0);
	assert_string_equal(email, "tc@example.vn");
	free(email);
	assert_int_equal(store_contact_find(f->s, "Sở Nội vụ", &email, &err), 0);
	assert_null(email);
	assert_int_equal(count(f->db.path, "SELECT COUNT(*) FROM audit_log WHERE action = 'contact'"
					" AND old_value = 'stc@example.vn'"),
			 1);
	assert_int_equal(store_reminder_seen(f->s, REMIND_AGENCY, "Sở Tài chính", DAY("2026-07-15"),
					     "abc", &seen, &err),
			 0);
	assert_false(seen);
	assert_int_equal(store_reminder_record(f->s, &rec, "t", &err), 0);
	assert_int_equal(store_reminder_record(f->s, &rec, "t", &err), 1);
	assert_int_equal(store_reminder_seen(f->s, REMIND_AGENCY, "SỞ TÀI CHÍNH", DAY("2026-07-15"),
					     "abc", &seen, &err),
			 0);
	assert_true(seen);
	rec.day = DAY("2026-07-16");
	assert_int_equal(store_reminder_record(f->s, &rec, "t", &err), 0);
	assert_int_equal(count(f->db.path, "SELECT COUNT(*) FROM reminders"), 2);
	sb_release(&err);
}

static void failed_report_leaves_nothing(void **state)
{
	struct sample_store *f = *state;
	struct report_new r = {.task_id = f->task1,
			       .agency = "Sở Văn hóa, Thể thao và Du lịch",
			       .completion_date = CAL_NONE,
			       .state = TASK_DONE,
			       .filed_on = DAY("2026-08-01"),
			       .evidence_name = "a.pdf",
			       .evidence_sha256 = "ff",
			       .evidence_size = 3};
	struct sb err = SB_INIT;
	long long audit;

	publish(f);
	audit = count(f->db.path, "SELECT COUNT(*) FROM audit_log");
	/* The report (with its evidence and audit row) is written, then the
	 * fault store fails it: the operation's rollback leaves nothing. */
	f->s = store_fault_new(f->s, 1);
	assert_int_equal(store_tx_begin(f->s, &err), 0);
	assert_int_equal(store_report_add(f->s, &r, "test", &err), -ERR_IO);
	store_tx_rollback(f->s);
	assert_int_equal(r.id, 0);
	assert_int_equal(count(f->db.path, "SELECT COUNT(*) FROM progress_reports"), 0);
	assert_int_equal(count(f->db.path, "SELECT COUNT(*) FROM evidence"), 0);
	assert_int_equal(count(f->db.path, "SELECT COUNT(*) FROM audit_log"), audit);
	sb_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(migrates_to_tracking_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(publish_once_with_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(edit_keeps_history_and_bumps_version, setup, teardown),
		cmocka_unit_test_setup_teardown(reports_are_append_only, setup, teardown),
		cmocka_unit_test_setup_teardown(confirmation_and_refusal, setup, teardown),
		cmocka_unit_test_setup_teardown(contacts_and_reminders_once, setup, teardown),
		cmocka_unit_test_setup_teardown(failed_report_leaves_nothing, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
