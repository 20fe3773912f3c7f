/*
 * test_store_contract.c - what every store backend promises (store.h),
 * tested through store.h alone: no SQL here, so that the PostgreSQL backend
 * runs the same suite. DONDOC_CONTRACT_DB names the database to open (a file
 * path or, once a second backend exists, a URL); by default each test gets a
 * fresh temporary SQLite file. A postgresql:// URL gives each test a fresh
 * schema in that database (tests/integration/pg.sh).
 */
#include "unit.h"
#include "base/date.h"
#include "base/err.h"
#include "model/plan.h"
#include "model/planjson.h"
#include "store/store.h"
#include "track/status.h"
#include "sample_store.h"

/* A day number from its ISO form (store.h takes days). */
#define DAY(iso) calendar_iso_day(iso)

static int setup(void **state)
{
	struct sample_store *f = xcalloc(1, sizeof(*f));
	const char *where = getenv("DONDOC_CONTRACT_DB");
	char url[512];

	if (where && strstr(where, "://")) {
		/* A server database: each test gets a fresh schema of its own. */
		static int n;

		snprintf(url, sizeof(url), "%s%coptions=-csearch_path%%3Dcontract_%ld_%d", where,
			 strchr(where, '?') ? '&' : '?', (long)getpid(), ++n);
		where = url;
	}
	if (sample_store_open(f, "contract", where) < 0)
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

static int count_plan(const struct plan_meta *m, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

static int count_task(const struct task_row *r, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

static int count_report(const struct report_row *r, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

static int count_contact(const char *name, const char *email, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

static int count_problem(const char *p, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

static void plan_round_trip(void **state)
{
	struct sample_store *f = *state;
	struct sb err = SB_INIT;
	struct plan p, want;
	long long id = 0;
	int n = 0;

	assert_true(store_schema_version(f->s) > 0);
	assert_true(f->plan_id > 0 && f->task1 > 0 && f->task2 > f->task1);
	plan_init(&p);
	assert_int_equal(store_plan_load(f->s, f->plan_id, &p, &err), 0);
	sample_plan(&want);
	assert_int_equal(p.tasks.n, want.tasks.n);
	assert_int_equal(p.indicators.n, want.indicators.n);
	assert_string_equal(p.tasks.v[0].ref, want.tasks.v[0].ref);
	assert_string_equal(p.tasks.v[0].text, want.tasks.v[0].text);
	assert_string_equal(p.tasks.v[0].lead.v[0], want.tasks.v[0].lead.v[0]);
	assert_int_equal(p.tasks.v[0].coordinate.n, want.tasks.v[0].coordinate.n);
	assert_string_equal(p.tasks.v[0].due->end, "2026-09-30");
	assert_true(p.tasks.v[1].due->recurring);
	plan_release(&p);
	plan_release(&want);
	assert_int_equal(store_plan_list(f->s, count_plan, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_plan_find_source(f->s, "00", &id, &err), 0);
	assert_int_equal(id, f->plan_id);
	assert_int_equal(store_plan_find_source(f->s, "bb22", &id, &err), 0);
	assert_int_equal(id, 0);
	sb_release(&err);
}

/* A report's columns as one line. */
static int keep_report(const struct report_row *r, void *arg)
{
	sb_addf(arg, "%lld %lld %lld %lld %d %s %d %s %d %d %s %d %s %s %d %g %d %d %d %s %zu\n",
		r->id, r->task_id, r->plan_id, r->replaces_id, r->replaced,
		r->agency ? r->agency : "-", (int)r->role, r->period ? r->period : "-",
		(int)r->state, r->completion_date, r->note ? r->note : "-", r->filed_on,
		r->reported_at ? r->reported_at : "-", r->actor ? r->actor : "-", r->has_value,
		r->value, (int)r->decision, r->decided_on, r->confirmed_done_on,
		r->decision_reason ? r->decision_reason : "-", r->nevidence);
	return 0;
}

/* store_plans_published reads every published plan as store_plan_load
 * reads it (the same JSON, the same ids), and none while it is a draft;
 * store_report_list of all gives every report. */
static void published_plans_read_as_each_plan(void **state)
{
	struct sample_store *f = *state;
	struct report_new r = { .task_id = f->task1,
				.agency = "Sở Văn hóa, Thể thao và Du lịch",
				.completion_date = CAL_NONE,
				.state = TASK_IN_PROGRESS,
				.filed_on = DAY("2026-05-01") };
	struct sb err = SB_INIT, one = SB_INIT, all = SB_INIT, one_row = SB_INIT, all_row = SB_INIT;
	struct plan p, *v = NULL;
	char *line, *end;
	size_t n = 9, i;
	int nr = 0;

	assert_int_equal(store_plans_published(f->s, &v, &n, &err), 0);
	assert_int_equal(n, 0);
	free(v);
	assert_int_equal(store_plan_publish(f->s, f->plan_id, "test", &err), 0);
	assert_int_equal(store_report_add(f->s, &r, "test", &err), 0);
	r.filed_on = DAY("2026-04-01");
	assert_int_equal(store_report_add(f->s, &r, "test", &err), 0);
	assert_int_equal(store_plans_published(f->s, &v, &n, &err), 0);
	assert_int_equal(n, 1);
	plan_init(&p);
	assert_int_equal(store_plan_load(f->s, f->plan_id, &p, &err), 0);
	assert_int_equal(v[0].id, f->plan_id);
	assert_true(p.tasks.n > 1);
	assert_int_equal(v[0].tasks.n, p.tasks.n);
	for (i = 0; i < p.tasks.n; i++)
		assert_int_equal(v[0].tasks.v[i].id, p.tasks.v[i].id);
	plan_json_write(&p, &one);
	plan_json_write(&v[0], &all);
	assert_true(one.len > 100);
	assert_string_equal(all.buf, one.buf);
	plan_release(&p);
	plan_release(&v[0]);
	free(v);
	assert_int_equal(store_report_list(f->s, 0, 0, count_report, &nr, &err), 0);
	assert_int_equal(nr, 2);
	/* Every column as the task's own list gives it (the filing time too). */
	assert_int_equal(store_report_list(f->s, 0, f->task1, keep_report, &one_row, &err), 0);
	assert_int_equal(store_report_list(f->s, 0, 0, keep_report, &all_row, &err), 0);
	assert_int_equal(all_row.len, one_row.len);
	for (line = all_row.buf; (end = strchr(line, '\n')); line = end + 1) {
		*end = '\0';
		assert_non_null(strstr(one_row.buf, line));
	}
	assert_true(strstr(one_row.buf, "2026-05-01T08:00:00Z") != NULL);
	sb_release(&one);
	sb_release(&all);
	sb_release(&one_row);
	sb_release(&all_row);
	sb_release(&err);
}

static void missing_records_are_not_found(void **state)
{
	struct sample_store *f = *state;
	struct sb err = SB_INIT;
	struct plan_state ps;
	struct task_ref tr;
	struct plan p;

	plan_init(&p);
	assert_int_equal(store_plan_state(f->s, 9999, &ps, &err), -ERR_NOTFOUND);
	assert_int_equal(store_task_ref(f->s, 9999, &tr, &err), -ERR_NOTFOUND);
	assert_int_equal(store_plan_load(f->s, 9999, &p, &err), -ERR_NOTFOUND);
	assert_true(err.len > 0);
	plan_release(&p);
	sb_release(&err);
}

static void publish_once(void **state)
{
	struct sample_store *f = *state;
	struct sb err = SB_INIT;
	struct plan_state ps;

	assert_int_equal(store_plan_state(f->s, f->plan_id, &ps, &err), 0);
	assert_int_equal(ps.status, PLAN_DRAFT);
	assert_int_equal(store_plan_publish(f->s, f->plan_id, "test", &err), 0);
	assert_int_equal(store_plan_publish(f->s, f->plan_id, "test", &err), 1);
	assert_int_equal(store_plan_state(f->s, f->plan_id, &ps, &err), 0);
	assert_int_equal(ps.status, PLAN_PUBLISHED);
	sb_release(&err);
}

static void reports_need_a_published_plan(void **state)
{
	struct sample_store *f = *state;
	struct report_new r = {.task_id = f->task1,
			       .agency = "Sở Văn hóa, Thể thao và Du lịch",
			       .completion_date = CAL_NONE,
			       .state = TASK_IN_PROGRESS,
			       .filed_on = DAY("2026-05-01")};
	struct sb err = SB_INIT;
	int n = 0;

	assert_true(store_report_add(f->s, &r, "test", &err) < 0);
	assert_int_equal(store_report_list(f->s, 0, f->task1, count_report, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_plan_publish(f->s, f->plan_id, "test", &err), 0);
	sb_reset(&err);
	assert_int_equal(store_report_add(f->s, &r, "test", &err), 0);
	assert_int_equal(r.role, REPORT_LEAD);
	/* A body that neither leads nor coordinates may not report. */
	r.agency = "Sở Y tế";
	assert_true(store_report_add(f->s, &r, "test", &err) < 0);
	assert_int_equal(store_report_list(f->s, 0, f->task1, count_report, &n, &err), 0);
	assert_int_equal(n, 1);
	sb_release(&err);
}

struct audit_seen {
	int n;
	char action[16], entity[32];
	long long task_id, entity_id;
};

static int see_audit(const struct audit_entry *e, void *arg)
{
	struct audit_seen *a = arg;

	a->n++;
	snprintf(a->action, sizeof(a->action), "%s", e->action);
	snprintf(a->entity, sizeof(a->entity), "%s", e->entity);
	a->task_id = e->task_id;
	a->entity_id = e->entity_id;
	return 0;
}

/* The audit rows since a head say what changed: a report names its task. */
static void audit_since_names_a_reports_task(void **state)
{
	struct sample_store *f = *state;
	struct report_new r = { .task_id = f->task2, .agency = "UBND các xã, phường",
				.state = TASK_IN_PROGRESS, .filed_on = DAY("2026-05-01"), .completion_date = CAL_NONE };
	struct audit_seen seen = { 0 };
	struct sb err = SB_INIT;
	long long head = 0;
	bool more = true;

	assert_int_equal(store_plan_publish(f->s, f->plan_id, "test", &err), 0);
	assert_int_equal(store_audit_head(f->s, &head, &err), 0);
	assert_int_equal(store_audit_since(f->s, head, 10, see_audit, &seen, &more, &err), 0);
	assert_int_equal(seen.n, 0);
	assert_false(more);
	assert_int_equal(store_report_add(f->s, &r, "test", &err), 0);
	assert_int_equal(store_audit_since(f->s, head, 10, see_audit, &seen, &more, &err), 0);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.entity, "progress_report");
	assert_string_equal(seen.action, "report");
	assert_int_equal(seen.entity_id, r.id);
	assert_int_equal(seen.task_id, f->task2);
	/* Past max: the caller hears there is more. */
	seen.n = 0;
	assert_int_equal(store_audit_since(f->s, 0, 1, see_audit, &seen, &more, &err), 0);
	assert_int_equal(seen.n, 1);
	assert_true(more);
	assert_int_equal(seen.task_id, 0); /* the import: no task */
	sb_release(&err);
}

static void decide_needs_a_completion(void **state)
{
	struct sample_store *f = *state;
	struct report_new r = {.task_id = f->task1,
			       .agency = "Sở Văn hóa, Thể thao và Du lịch",
			       .completion_date = CAL_NONE,
			       .state = TASK_DONE,
			       .filed_on = DAY("2026-05-01")};
	struct sb err = SB_INIT;
	long long rid = 0;

	assert_int_equal(store_plan_publish(f->s, f->plan_id, "test", &err), 0);
	assert_true(store_report_decide(f->s, f->task1, true, DAY("2026-05-02"), CAL_NONE, NULL,
					"test", &rid, &err) < 0);
	assert_int_equal(store_report_add(f->s, &r, "test", &err), 0);
	assert_int_equal(store_report_decide(f->s, f->task1, true, DAY("2026-05-02"), CAL_NONE,
					     NULL, "test", &rid, &err),
			 0);
	assert_int_equal(rid, r.id);
	/* Decided once: a second decision has nothing to decide. */
	assert_true(store_report_decide(f->s, f->task1, false, DAY("2026-05-03"), CAL_NONE, "no",
					"test", &rid, &err) < 0);
	sb_release(&err);
}

static void one_transaction_commits_or_undoes_all(void **state)
{
	struct sample_store *f = *state;
	struct sb err = SB_INIT;
	int n = 0;

	assert_int_equal(store_tx_begin(f->s, &err), 0);
	assert_int_equal(store_contact_set(f->s, "Sở Tài chính", "a@b.vn", "test", &err), 0);
	assert_int_equal(store_contact_set(f->s, "Sở Y tế", "c@d.vn", "test", &err), 0);
	/* Transactions do not nest. */
	assert_true(store_tx_begin(f->s, &err) < 0);
	store_tx_rollback(f->s);
	assert_int_equal(store_contact_list(f->s, count_contact, &n, &err), 0);
	assert_int_equal(n, 0);
	sb_reset(&err);
	assert_int_equal(store_tx_begin(f->s, &err), 0);
	assert_int_equal(store_contact_set(f->s, "Sở Tài chính", "a@b.vn", "test", &err), 0);
	/* A write that fails inside undoes itself; the rest still commits. */
	assert_true(store_plan_publish(f->s, 9999, "test", &err) < 0);
	assert_int_equal(store_tx_commit(f->s, &err), 0);
	assert_int_equal(store_contact_list(f->s, count_contact, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_true(store_tx_commit(f->s, &err) < 0);
	sb_release(&err);
}

static void filters_have_no_pattern_characters(void **state)
{
	struct sample_store *f = *state;
	struct task_filter q = { .leader = "%" };
	struct task_edit e = { .field = "leader", .value = "Nguyễn_Văn 100%" };
	struct sb err = SB_INIT;
	int n = 0;

	assert_int_equal(store_task_list(f->s, &q, count_task, &n, &err), 0);
	assert_int_equal(n, 0);
	q.leader = NULL;
	q.agency = "_";
	assert_int_equal(store_task_list(f->s, &q, count_task, &n, &err), 0);
	assert_int_equal(n, 0);
	q.agency = "văn hóa";
	assert_int_equal(store_task_list(f->s, &q, count_task, &n, &err), 0);
	assert_int_equal(n, 1);
	/* The characters match themselves: a leader written with '_' and '%'
	 * is found by them, and nothing else is. */
	assert_int_equal(store_task_edit(f->s, f->task2, &e, "test", "thử", &err), 0);
	q.agency = NULL;
	n = 0;
	q.leader = "_văn 100%";
	assert_int_equal(store_task_list(f->s, &q, count_task, &n, &err), 0);
	assert_int_equal(n, 1);
	n = 0;
	q.leader = "n%";
	assert_int_equal(store_task_list(f->s, &q, count_task, &n, &err), 0);
	assert_int_equal(n, 0);
	sb_release(&err);
}

static void edits_keep_history(void **state)
{
	struct sample_store *f = *state;
	struct task_edit e = { .field = "result", .value = "03 lớp" };
	struct sb err = SB_INIT;

	assert_true(store_task_edit_field_ok("result"));
	assert_false(store_task_edit_field_ok("colour"));
	assert_int_equal(store_task_edit(f->s, f->task1, &e, "test", "đính chính", &err), 0);
	assert_true(store_task_edit(f->s, f->task1, &e, "test", "", &err) < 0);
	sb_release(&err);
}

static void a_sound_database_checks_clean(void **state)
{
	struct sample_store *f = *state;
	struct sb err = SB_INIT;
	int n = 0;

	assert_int_equal(store_plan_publish(f->s, f->plan_id, "test", &err), 0);
	assert_int_equal(store_check(f->s, count_problem, &n, &err), 0);
	assert_int_equal(n, 0);
	sb_release(&err);
}

/* One original per content (docs/reliability.md): a second insert of the
 * same content writes nothing and names the stored plan; a copy is kept. */
static void same_content_is_stored_once(void **state)
{
	struct sample_store *f = *state;
	struct sb err = SB_INIT;
	struct plan p;
	int n = 0;

	sample_plan(&p);
	assert_int_equal(store_plan_insert(f->s, &p, "again.txt", "00", "test", &err), 1);
	assert_int_equal(p.id, f->plan_id);
	plan_release(&p);
	assert_int_equal(store_plan_list(f->s, count_plan, &n, &err), 0);
	assert_int_equal(n, 1);
	sample_plan(&p);
	assert_int_equal(store_plan_insert_copy(f->s, &p, "copy.txt", "00", "test", &err), 0);
	assert_true(p.id > f->plan_id);
	plan_release(&p);
	n = 0;
	assert_int_equal(store_plan_list(f->s, count_plan, &n, &err), 0);
	assert_int_equal(n, 2);
	sb_release(&err);
}

static int count_user(const struct user_rec *u, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

/* Accounts, sessions, tokens and the login throttle (store.h, "Accounts"). */
static void accounts_round_trip(void **state)
{
	struct sample_store *f = *state;
	struct sb err = SB_INIT;
	struct user_rec u = { .login = "an", .role = "officer", .agency = "Sở Y tế",
			      .pwhash = "$argon2id$x" };
	struct user_rec got;
	struct session_rec sess;
	long long id = 0, tok = 0, owner = 0, fails = 0, since = 0, head = 0, head2 = 0;
	int n = 0;

	assert_int_equal(store_audit_head(f->s, &head, &err), 0);
	assert_true(head > 0);
	assert_int_equal(store_user_add(f->s, &u, "admin", &id, &err), 0);
	assert_true(id > 0);
	assert_int_equal(store_audit_head(f->s, &head2, &err), 0);
	assert_true(head2 > head);
	sb_reset(&err);
	assert_int_equal(store_user_add(f->s, &u, "admin", NULL, &err), -ERR_CONFLICT);
	assert_non_null(strstr(err.buf, "already taken"));
	assert_int_equal(store_user_find(f->s, "an", 0, &got, &err), 0);
	assert_int_equal(got.id, id);
	assert_string_equal(got.role, "officer");
	assert_string_equal(got.agency, "Sở Y tế");
	assert_null(got.person);
	assert_false(got.disabled);
	assert_string_equal(got.created_at, "2026-05-01T08:00:00Z");
	user_rec_release(&got);
	assert_int_equal(store_user_find(f->s, NULL, id + 100, &got, &err), -ERR_NOTFOUND);
	assert_int_equal(store_user_list(f->s, count_user, &n, &err), 0);
	assert_int_equal(n, 1);

	assert_int_equal(store_session_create(f->s, "s1", id, "csrf1", 1000, NULL, "an", &err), 0);
	assert_int_equal(store_session_create(f->s, "s2", id, "csrf2", 2000, "s1", "an", &err), 0);
	assert_int_equal(store_session_find(f->s, "s1", &sess, &err), -ERR_NOTFOUND);
	assert_int_equal(store_session_find(f->s, "s2", &sess, &err), 0);
	assert_int_equal(sess.user_id, id);
	assert_string_equal(sess.csrf, "csrf2");
	assert_int_equal(store_session_touch(f->s, "s2", 2500, &err), 0);
	assert_int_equal(store_session_find(f->s, "s2", &sess, &err), 0);
	assert_int_equal(sess.created_at, 2000);
	assert_int_equal(sess.last_seen, 2500);
	assert_int_equal(store_session_delete(f->s, "s2", "an", &err), 0);
	assert_int_equal(store_session_find(f->s, "s2", &sess, &err), -ERR_NOTFOUND);

	/* A new password ends the sessions; disabling ends sessions and tokens. */
	assert_int_equal(store_session_create(f->s, "s3", id, "c", 3000, NULL, "an", &err), 0);
	assert_int_equal(store_user_set_password(f->s, id, "$argon2id$y", "admin", &err), 0);
	assert_int_equal(store_session_find(f->s, "s3", &sess, &err), -ERR_NOTFOUND);
	assert_int_equal(store_user_set_password(f->s, id + 100, "z", "admin", &err),
			 -ERR_NOTFOUND);
	assert_int_equal(store_token_add(f->s, "t1", id, "admin", &tok, &err), 0);
	assert_true(tok > 0);
	assert_int_equal(store_token_find(f->s, "t1", &owner, &err), 0);
	assert_int_equal(owner, id);
	assert_int_equal(store_session_create(f->s, "s4", id, "c", 4000, NULL, "an", &err), 0);
	assert_int_equal(store_user_set_disabled(f->s, id, true, "admin", &err), 0);
	assert_int_equal(store_token_find(f->s, "t1", &owner, &err), -ERR_NOTFOUND);
	assert_int_equal(store_session_find(f->s, "s4", &sess, &err), -ERR_NOTFOUND);
	assert_int_equal(store_user_find(f->s, NULL, id, &got, &err), 0);
	assert_true(got.disabled);
	assert_string_equal(got.pwhash, "$argon2id$y");
	user_rec_release(&got);

	assert_int_equal(store_login_attempts(f->s, "ip:1", &fails, &since, &err), 0);
	assert_true(fails == 0 && since == 0);
	assert_int_equal(store_login_attempts_set(f->s, "ip:1", 2, 500, &err), 0);
	assert_int_equal(store_login_attempts_set(f->s, "ip:1", 3, 600, &err), 0);
	assert_int_equal(store_login_attempts(f->s, "ip:1", &fails, &since, &err), 0);
	assert_true(fails == 3 && since == 600);
	assert_int_equal(store_login_attempts_set(f->s, "ip:1", 0, 0, &err), 0);
	assert_int_equal(store_login_attempts(f->s, "ip:1", &fails, &since, &err), 0);
	assert_true(fails == 0 && since == 0);
	sb_release(&err);
}

static int count_change(const struct task_change *c, void *arg)
{
	snprintf(arg, 32, "%s", c->at);
	return 0;
}

static long long test_clock(void *arg)
{
	return *(const long long *)arg;
}

/* Every timestamp the store writes comes from the clock it is given, not
 * from the environment (DONDOC_NOW is the app layer's business). */
static void timestamps_follow_the_clock(void **state)
{
	struct sample_store *f = *state;
	struct task_edit e = { .field = "result", .value = "03 lớp" };
	struct user_rec u = { .login = "ba", .role = "viewer", .pwhash = "x" };
	struct user_rec got;
	struct sb err = SB_INIT;
	long long t = 1767254400; /* 2026-01-01T08:00:00Z */
	char at[32] = "";

	setenv("DONDOC_NOW", "1999-09-09T09:09:09Z", 1);
	store_set_clock(f->s, test_clock, &t);
	assert_int_equal(store_task_edit(f->s, f->task1, &e, "test", "đính chính", &err), 0);
	assert_int_equal(store_task_history(f->s, f->task1, count_change, at, &err), 0);
	assert_string_equal(at, "2026-01-01T08:00:00Z");
	t += 3661;
	assert_int_equal(store_user_add(f->s, &u, "admin", NULL, &err), 0);
	assert_int_equal(store_user_find(f->s, "ba", 0, &got, &err), 0);
	assert_string_equal(got.created_at, "2026-01-01T09:01:01Z");
	user_rec_release(&got);
	unsetenv("DONDOC_NOW");
	sb_release(&err);
}

/* The fault store (store_fault_new) fails the Nth write after the backend
 * ran it: inside a transaction the caller's rollback undoes the whole
 * operation; outside one the failed write leaves nothing either. */
static void fault_store_fails_the_nth_write(void **state)
{
	struct sample_store *f = *state;
	struct task_edit e = { .field = "result", .value = "03 lớp" };
	struct sb err = SB_INIT;
	struct plan_state ps;
	long long head = 0, head2 = 0;
	char at[32] = "";
	int n = 0;

	assert_int_equal(store_audit_head(f->s, &head, &err), 0);
	f->s = store_fault_new(f->s, 2);
	assert_int_equal(store_tx_begin(f->s, &err), 0);
	assert_int_equal(store_contact_set(f->s, "Sở Tài chính", "a@b.vn", "test", &err), 0);
	assert_int_equal(store_contact_set(f->s, "Sở Y tế", "c@d.vn", "test", &err), -ERR_IO);
	assert_non_null(strstr(err.buf, "injected write failure"));
	store_tx_rollback(f->s);
	assert_int_equal(store_contact_list(f->s, count_contact, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_audit_head(f->s, &head2, &err), 0);
	assert_int_equal(head2, head);
	/* Past the Nth, writes go through. */
	sb_reset(&err);
	assert_int_equal(store_plan_publish(f->s, f->plan_id, "test", &err), 0);
	assert_int_equal(store_plan_state(f->s, f->plan_id, &ps, &err), 0);
	assert_int_equal(ps.status, PLAN_PUBLISHED);

	/* Outside a transaction: the first write fails and is undone. */
	f->s = store_fault_new(f->s, 1);
	assert_int_equal(store_audit_head(f->s, &head, &err), 0);
	assert_int_equal(store_task_edit(f->s, f->task1, &e, "test", "đính chính", &err), -ERR_IO);
	assert_int_equal(store_task_history(f->s, f->task1, count_change, at, &err), 0);
	assert_string_equal(at, "");
	assert_int_equal(store_audit_head(f->s, &head2, &err), 0);
	assert_int_equal(head2, head);
	sb_release(&err);
}

/* ---- review: merge, split, source lines, import jobs ---- */

struct task_texts {
	int n;
	long long id[8];
	char *text[8], *ref[8];
};

static int keep_task(const struct task_row *r, void *arg)
{
	struct task_texts *t = arg;

	if (t->n < 8) {
		t->id[t->n] = r->id;
		t->text[t->n] = xstrdup(r->task->text ? r->task->text : "");
		t->ref[t->n] = xstrdup(r->task->ref ? r->task->ref : "");
	}
	t->n++;
	return 0;
}

static void task_texts_read(struct sample_store *f, struct task_texts *t)
{
	struct task_filter q = { .plan_id = f->plan_id };
	struct sb err = SB_INIT;
	int i;

	for (i = 0; i < t->n && i < 8; i++) {
		free(t->text[i]);
		free(t->ref[i]);
	}
	memset(t, 0, sizeof(*t));
	assert_int_equal(store_task_list(f->s, &q, keep_task, t, &err), 0);
	sb_release(&err);
}

static void task_texts_release(struct task_texts *t)
{
	int i;

	for (i = 0; i < t->n && i < 8; i++) {
		free(t->text[i]);
		free(t->ref[i]);
	}
}

static int count_changes(const struct task_change *c, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

static void merge_and_split_a_draft(void **state)
{
	struct sample_store *f = *state;
	struct task_texts t0 = { 0 }, t = { 0 };
	struct sb err = SB_INIT, joined = SB_INIT, ref = SB_INIT;
	long long removed = 0, nid = 0, nid2 = 0;
	int changes = 0;

	task_texts_read(f, &t0);
	assert_int_equal(t0.n, 2);
	assert_int_equal(store_task_merge(f->s, f->task1, "test", "rà soát", &removed, &err), 0);
	assert_int_equal(removed, f->task2);
	task_texts_read(f, &t);
	assert_int_equal(t.n, 1);
	sb_addf(&joined, "%s %s", t0.text[0], t0.text[1]);
	assert_string_equal(t.text[0], joined.buf);
	assert_int_equal(store_task_history(f->s, f->task1, count_changes, &changes, &err), 0);
	assert_int_equal(changes, 1);
	/* The last task has no next one; an unknown task is not found. */
	assert_int_equal(store_task_merge(f->s, f->task1, "test", "x", NULL, &err), -ERR_INPUT);
	assert_int_equal(store_task_merge(f->s, 9999, "test", "x", NULL, &err), -ERR_NOTFOUND);
	/* Split: the new task follows, with the ref suffixed; twice: "a", "b". */
	assert_int_equal(store_task_split(f->s, f->task1, "Phần một", "Phần hai", "test", "rà soát",
					  &nid, &err), 0);
	assert_true(nid > f->task2);
	assert_int_equal(store_task_split(f->s, f->task1, "Phần", "một", "test", "rà soát", &nid2,
					  &err), 0);
	task_texts_read(f, &t);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.id[0], f->task1);
	assert_int_equal(t.id[1], nid2);
	assert_int_equal(t.id[2], nid);
	assert_string_equal(t.text[0], "Phần");
	assert_string_equal(t.text[1], "một");
	assert_string_equal(t.text[2], "Phần hai");
	sb_addf(&ref, "%sa", t0.ref[0]);
	assert_string_equal(t.ref[2], ref.buf);
	sb_reset(&ref);
	sb_addf(&ref, "%sb", t0.ref[0]);
	assert_string_equal(t.ref[1], ref.buf);
	task_texts_release(&t0);
	task_texts_release(&t);
	sb_release(&err);
	sb_release(&joined);
	sb_release(&ref);
}

/* A merged-away task's id is never given again: its audit rows keep
 * naming it alone (SQLite would reuse the largest id; PostgreSQL never does). */
static void a_merged_away_task_id_is_not_reused(void **state)
{
	struct sample_store *f = *state;
	struct sb err = SB_INIT;
	long long removed = 0;
	struct plan p;

	assert_int_equal(store_task_merge(f->s, f->task1, "test", "rà soát", &removed, &err), 0);
	assert_int_equal(removed, f->task2);
	sample_plan(&p);
	assert_int_equal(store_plan_insert_copy(f->s, &p, "sample-2.txt", "01", "test", &err), 0);
	assert_true(p.tasks.v[0].id > removed);
	assert_true(p.tasks.v[1].id > p.tasks.v[0].id);
	plan_release(&p);
	sb_release(&err);
}

static void merge_and_split_refuse_a_published_plan(void **state)
{
	struct sample_store *f = *state;
	struct task_texts t = { 0 };
	struct sb err = SB_INIT;
	long long removed = 7, nid = 7;
	int changes = 0;

	assert_int_equal(store_plan_publish(f->s, f->plan_id, "test", &err), 0);
	assert_int_equal(store_task_merge(f->s, f->task1, "test", "x", &removed, &err),
			 -ERR_CONFLICT);
	assert_non_null(strstr(err.buf, "published"));
	assert_int_equal(store_task_split(f->s, f->task1, "a", "b", "test", "x", &nid, &err),
			 -ERR_CONFLICT);
	assert_int_equal(removed, 0);
	assert_int_equal(nid, 0);
	task_texts_read(f, &t);
	assert_int_equal(t.n, 2);
	assert_int_equal(store_task_history(f->s, 0, count_changes, &changes, &err), 0);
	assert_int_equal(changes, 0);
	task_texts_release(&t);
	sb_release(&err);
}

static int keep_line(const struct source_line *l, void *arg)
{
	struct sb *o = arg;

	sb_addf(o, "%d:%s;", l->line, l->text);
	return 0;
}

static int count_job(const struct import_job *j, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

static void source_lines_and_import_jobs(void **state)
{
	struct sample_store *f = *state;
	const struct source_line lines[] = { { 1, "KẾ HOẠCH" }, { 3, "1. Tổ chức lễ hội" },
					     { 10, "Sở Văn hóa | Quý III" } };
	struct sb err = SB_INIT, got = SB_INIT;
	struct import_job j;
	long long id = 0, id2 = 0, id3 = 0, id4 = 0;
	int n = 0;

	assert_int_equal(store_source_lines_put(f->s, f->plan_id, lines, 3, &err), 0);
	assert_int_equal(store_source_lines(f->s, f->plan_id, keep_line, &got, &err), 0);
	assert_string_equal(got.buf, "1:KẾ HOẠCH;3:1. Tổ chức lễ hội;10:Sở Văn hóa | Quý III;");
	assert_int_equal(store_source_lines_put(f->s, f->plan_id, lines + 1, 1, &err), 0);
	sb_reset(&got);
	assert_int_equal(store_source_lines(f->s, f->plan_id, keep_line, &got, &err), 0);
	assert_string_equal(got.buf, "3:1. Tổ chức lễ hội;");

	assert_int_equal(store_import_job_add(f->s, 0, "tt", "kế hoạch.pdf", "h:1", &id, &err), 0);
	assert_true(id > 0);
	assert_int_equal(store_import_job_get(f->s, id, &j, &err), 0);
	assert_string_equal(j.state, "queued");
	assert_string_equal(j.file_name, "kế hoạch.pdf");
	assert_string_equal(j.login, "tt");
	assert_string_equal(j.runner, "h:1");
	assert_int_equal(j.plan_id, 0);
	assert_null(j.error);
	import_job_release(&j);
	assert_int_equal(store_import_job_set(f->s, id, "running", 3, 19, 0, NULL, &err), 0);
	assert_int_equal(store_import_job_get(f->s, id, &j, &err), 0);
	assert_string_equal(j.state, "running");
	assert_int_equal(j.done, 3);
	assert_int_equal(j.total, 19);
	import_job_release(&j);
	assert_int_equal(store_import_job_set(f->s, id, "done", 19, 19, f->plan_id, NULL, &err), 0);
	assert_int_equal(store_import_job_add(f->s, 0, "tt", "b.docx", "h:2", &id2, &err), 0);
	assert_int_equal(store_import_job_add(f->s, 0, "tt", "c.xlsx", NULL, &id3, &err), 0);
	assert_int_equal(store_import_job_set(f->s, 9999, "done", 0, 0, 0, NULL, &err),
			 -ERR_NOTFOUND);
	assert_int_equal(store_import_job_get(f->s, 9999, &j, &err), -ERR_NOTFOUND);
	assert_int_equal(store_import_job_list(f->s, 0, 10, count_job, &n, &err), 0);
	assert_int_equal(n, 3);
	/* A stopped server's jobs: only its unfinished ones fail; "" names the
	 * jobs of no runner, NULL every runner's. */
	assert_int_equal(store_import_jobs_interrupted(f->s, "h:1", "server stopped", &err), 0);
	assert_int_equal(store_import_jobs_interrupted(f->s, "h:3", "server stopped", &err), 0);
	assert_int_equal(store_import_jobs_interrupted(f->s, "h:2", "server stopped", &err), 1);
	assert_int_equal(store_import_job_get(f->s, id2, &j, &err), 0);
	assert_string_equal(j.state, "failed");
	assert_string_equal(j.error, "server stopped");
	import_job_release(&j);
	assert_int_equal(store_import_job_get(f->s, id3, &j, &err), 0);
	assert_string_equal(j.state, "queued");
	assert_null(j.runner);
	import_job_release(&j);
	assert_int_equal(store_import_jobs_interrupted(f->s, "", "no runner", &err), 1);
	assert_int_equal(store_import_job_add(f->s, 0, "tt", "d.pdf", "h:4", &id4, &err), 0);
	assert_int_equal(store_import_jobs_interrupted(f->s, NULL, "all", &err), 1);
	assert_int_equal(store_import_job_get(f->s, id4, &j, &err), 0);
	assert_string_equal(j.state, "failed");
	import_job_release(&j);
	assert_int_equal(store_import_job_get(f->s, id, &j, &err), 0);
	assert_string_equal(j.state, "done");
	assert_int_equal(j.plan_id, f->plan_id);
	import_job_release(&j);
	sb_release(&err);
	sb_release(&got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(plan_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(published_plans_read_as_each_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_records_are_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(publish_once, setup, teardown),
		cmocka_unit_test_setup_teardown(reports_need_a_published_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_since_names_a_reports_task, setup, teardown),
		cmocka_unit_test_setup_teardown(decide_needs_a_completion, setup, teardown),
		cmocka_unit_test_setup_teardown(one_transaction_commits_or_undoes_all, setup,
						teardown),
		cmocka_unit_test_setup_teardown(filters_have_no_pattern_characters, setup, teardown),
		cmocka_unit_test_setup_teardown(edits_keep_history, setup, teardown),
		cmocka_unit_test_setup_teardown(a_sound_database_checks_clean, setup, teardown),
		cmocka_unit_test_setup_teardown(same_content_is_stored_once, setup, teardown),
		cmocka_unit_test_setup_teardown(accounts_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(timestamps_follow_the_clock, setup, teardown),
		cmocka_unit_test_setup_teardown(fault_store_fails_the_nth_write, setup, teardown),
		cmocka_unit_test_setup_teardown(merge_and_split_a_draft, setup, teardown),
		cmocka_unit_test_setup_teardown(a_merged_away_task_id_is_not_reused, setup, teardown),
		cmocka_unit_test_setup_teardown(merge_and_split_refuse_a_published_plan, setup,
						teardown),
		cmocka_unit_test_setup_teardown(source_lines_and_import_jobs, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
