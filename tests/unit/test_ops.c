/*
 * test_ops.c - the operations layer on a real temporary database: each
 * operation called as each role, the refusals (wrong role, wrong agency,
 * wrong state, bad text) checked to write nothing, the filters' one
 * meaning, and evidence kept only when its report is stored.
 */
#include "unit.h"
#include "app/blob.h"
#include "base/err.h"
#include "base/utf8.h"
#include "model/plan.h"
#include "ops/ops.h"
#include "ops/views.h"
#include "store/store.h"
#include "track/completeness.h"
#include "base/date.h"
#include "sample_store.h"

#include <dirent.h>

struct fixture {
	struct sample_store st;
	char evdir[128];
	struct blob_store *blobs;
	struct ops_ctx c;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	if (sample_store_open(&f->st, "ops", NULL) < 0)
		return -1;
	snprintf(f->evdir, sizeof(f->evdir), "%s/evidence", f->st.db.dir);
	f->blobs = blob_folder_new(f->evdir);
	f->c.store = f->st.s;
	f->c.today = calendar_from_ymd(2026, 5, 1);
	f->c.actor.login = "test";
	f->c.actor.role = ROLE_ADMIN;
	f->c.blobs = f->blobs;
	*state = f;
	return 0;
}

/* Removes every file of dir, then dir. */
static void rm_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];

	if (!d)
		return;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
	closedir(d);
	rmdir(dir);
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	blob_folder_free(f->blobs);
	rm_dir(f->evdir);
	sample_store_close(&f->st);
	free(f);
	return 0;
}

static long long count(struct fixture *f, const char *sql)
{
	char *v = tmpdb_query(f->st.db.path, sql);
	long long n = v ? strtoll(v, NULL, 10) : -1;

	free(v);
	return n;
}

/* Files in the evidence folder, staging names included. */
static int nfiles(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.' || strncmp(e->d_name, ".incoming", 9) == 0;
	closedir(d);
	return n;
}

/* Everything a refusal must leave untouched, as one number per table. */
struct snapshot {
	long long audit, reports, history, confirmations, contacts, published, evidence;
};

static void snap(struct fixture *f, struct snapshot *s)
{
	s->audit = count(f, "SELECT COUNT(*) FROM audit_log");
	s->reports = count(f, "SELECT COUNT(*) FROM progress_reports");
	s->history = count(f, "SELECT COUNT(*) FROM task_history");
	s->confirmations = count(f, "SELECT COUNT(*) FROM confirmations");
	s->contacts = count(f, "SELECT COUNT(*) FROM agency_contacts");
	s->published = count(f, "SELECT COUNT(*) FROM plans WHERE status = 'published'");
	s->evidence = nfiles(f->evdir);
}

static void assert_unchanged(struct fixture *f, const struct snapshot *before)
{
	struct snapshot now;

	snap(f, &now);
	assert_int_equal(now.audit, before->audit);
	assert_int_equal(now.reports, before->reports);
	assert_int_equal(now.history, before->history);
	assert_int_equal(now.confirmations, before->confirmations);
	assert_int_equal(now.contacts, before->contacts);
	assert_int_equal(now.published, before->published);
	assert_int_equal(now.evidence, before->evidence);
}

static void as(struct fixture *f, enum role r, const char *agency, const char *person)
{
	f->c.actor.role = r;
	f->c.actor.agency = agency;
	f->c.actor.person = person;
}

static void publish(struct fixture *f)
{
	struct sb err = SB_INIT;
	enum role r = f->c.actor.role;
	bool already;

	f->c.actor.role = ROLE_ADMIN;
	assert_int_equal(ops_publish(&f->c, f->st.plan_id, &already, &err), 0);
	f->c.actor.role = r;
	sb_release(&err);
}

static void roles_have_names(void **state)
{
	static const enum role all[] = { ROLE_ADMIN, ROLE_STANDING, ROLE_OFFICER, ROLE_LEADER,
					 ROLE_VIEWER };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(all); i++)
		assert_int_equal(role_parse(role_name(all[i])), (int)all[i]);
	assert_int_equal(role_parse("root"), -1);
}

static void publish_is_for_admin_and_standing(void **state)
{
	struct fixture *f = *state;
	static const enum role refused[] = { ROLE_OFFICER, ROLE_LEADER, ROLE_VIEWER };
	struct snapshot before;
	struct sb err = SB_INIT;
	bool already;
	size_t i;

	snap(f, &before);
	for (i = 0; i < ARRAY_SIZE(refused); i++) {
		as(f, refused[i], "Sở Văn hóa, Thể thao và Du lịch", "Nguyễn Văn An");
		sb_reset(&err);
		assert_int_equal(ops_publish(&f->c, f->st.plan_id, &already, &err), -ERR_DENIED);
		assert_non_null(strstr(err.buf, "not allowed"));
		assert_unchanged(f, &before);
	}
	as(f, ROLE_STANDING, NULL, NULL);
	assert_int_equal(ops_publish(&f->c, f->st.plan_id, &already, &err), 0);
	assert_false(already);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM plans WHERE status = 'published'"), 1);
	assert_int_equal(ops_publish(&f->c, f->st.plan_id, &already, &err), 0);
	assert_true(already);
	sb_release(&err);
}

static void edit_refusals_write_nothing(void **state)
{
	struct fixture *f = *state;
	struct edit_req req = { .task_id = f->st.task1, .field = "result", .value = "03 lớp",
				.reason = "đính chính" };
	struct snapshot before;
	struct sb err = SB_INIT;

	snap(f, &before);
	as(f, ROLE_OFFICER, "Sở Văn hóa, Thể thao và Du lịch", NULL);
	assert_int_equal(ops_edit(&f->c, &req, &err), -ERR_DENIED);
	assert_unchanged(f, &before);
	/* Invalid UTF-8 is refused at the entry, whoever asks. */
	as(f, ROLE_ADMIN, NULL, NULL);
	req.value = "bad \xff";
	sb_reset(&err);
	assert_int_equal(ops_edit(&f->c, &req, &err), -ERR_ENCODING);
	assert_non_null(strstr(err.buf, "--value"));
	assert_unchanged(f, &before);
	/* A field that does not exist, a missing reason. */
	req.value = "03 lớp";
	req.field = "colour";
	assert_int_equal(ops_edit(&f->c, &req, &err), -ERR_USAGE);
	req.field = "result";
	req.reason = "";
	assert_int_equal(ops_edit(&f->c, &req, &err), -ERR_USAGE);
	assert_unchanged(f, &before);
	/* The standing agency may. */
	as(f, ROLE_STANDING, NULL, NULL);
	req.reason = "đính chính";
	assert_int_equal(ops_edit(&f->c, &req, &err), 0);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM task_history"), before.history + 1);
	sb_release(&err);
}

static void edit_text_is_stored_in_nfc(void **state)
{
	struct fixture *f = *state;
	/* "Hoà" written with a combining grave accent (NFD). */
	struct edit_req req = { .task_id = f->st.task1, .field = "result", .value = "Hoa\xcc\x80 xong",
				.reason = "NFD" };
	struct sb err = SB_INIT;
	char *v;

	assert_int_equal(ops_edit(&f->c, &req, &err), 0);
	v = tmpdb_query(f->st.db.path, "SELECT result FROM tasks WHERE ref = 'I.1'");
	assert_string_equal(v, "Ho\xc3\xa0 xong");
	free(v);
	sb_release(&err);
}

static void officer_reports_only_for_its_agency(void **state)
{
	struct fixture *f = *state;
	struct report_req r = { .task_id = f->st.task1, .agency = "Sở Văn hóa, Thể thao và Du lịch",
				.state = "in_progress" };
	struct snapshot before;
	struct sb err = SB_INIT;

	publish(f);
	snap(f, &before);
	/* Sở Tài chính coordinates task 1: it may not report as the lead. */
	as(f, ROLE_OFFICER, "Sở Tài chính", NULL);
	assert_int_equal(ops_report(&f->c, &r, &err), -ERR_DENIED);
	assert_unchanged(f, &before);
	/* Nor on task 2, which it neither leads nor coordinates. */
	r.task_id = f->st.task2;
	r.agency = "Sở Tài chính";
	assert_int_equal(ops_report(&f->c, &r, &err), -ERR_DENIED);
	assert_unchanged(f, &before);
	/* Viewers and leaders never report. */
	r.task_id = f->st.task1;
	as(f, ROLE_VIEWER, NULL, NULL);
	assert_int_equal(ops_report(&f->c, &r, &err), -ERR_DENIED);
	as(f, ROLE_LEADER, NULL, "Nguyễn Văn An");
	assert_int_equal(ops_report(&f->c, &r, &err), -ERR_DENIED);
	assert_unchanged(f, &before);
	/* For itself, on a task it coordinates: stored as a coordinator's report. */
	as(f, ROLE_OFFICER, "Sở Tài chính", NULL);
	sb_reset(&err);
	assert_int_equal(ops_report(&f->c, &r, &err), 0);
	assert_string_equal(r.role, "coordinate");
	assert_int_equal(count(f, "SELECT COUNT(*) FROM progress_reports"), before.reports + 1);
	sb_release(&err);
}

static void report_on_a_draft_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct report_req r = { .task_id = f->st.task1, .agency = "Sở Văn hóa, Thể thao và Du lịch",
				.state = "done" };
	struct snapshot before;
	struct sb err = SB_INIT;

	snap(f, &before);
	assert_true(ops_report(&f->c, &r, &err) < 0);
	assert_non_null(strstr(err.buf, "publish"));
	assert_unchanged(f, &before);
	sb_release(&err);
}

static void decide_needs_the_standing_agency_and_a_claim(void **state)
{
	struct fixture *f = *state;
	struct decide_req d = { .task_id = f->st.task1, .accept = true };
	struct report_req r = { .task_id = f->st.task1, .agency = "Sở Văn hóa, Thể thao và Du lịch",
				.state = "done" };
	struct snapshot before;
	struct sb err = SB_INIT;

	publish(f);
	snap(f, &before);
	/* Wrong state: nothing reported done yet. */
	as(f, ROLE_STANDING, NULL, NULL);
	assert_true(ops_decide(&f->c, &d, &err) < 0);
	assert_unchanged(f, &before);
	as(f, ROLE_OFFICER, "Sở Văn hóa, Thể thao và Du lịch", NULL);
	assert_int_equal(ops_report(&f->c, &r, &err), 0);
	assert_true(r.awaits_confirmation);
	snap(f, &before);
	/* The lead agency cannot confirm its own claim. */
	assert_int_equal(ops_decide(&f->c, &d, &err), -ERR_DENIED);
	assert_unchanged(f, &before);
	/* A refusal needs a reason. */
	as(f, ROLE_STANDING, NULL, NULL);
	d.accept = false;
	assert_int_equal(ops_decide(&f->c, &d, &err), -ERR_USAGE);
	assert_unchanged(f, &before);
	d.accept = true;
	sb_reset(&err);
	assert_int_equal(ops_decide(&f->c, &d, &err), 0);
	assert_int_equal(d.report_id, r.id);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM confirmations"), before.confirmations + 1);
	sb_release(&err);
}

/* The ids of the tasks status shows the current actor. */
static long long status_ids(struct fixture *f, const struct task_query *q, size_t *n)
{
	struct status_req req = { 0 };
	struct status_view v;
	struct sb err = SB_INIT;
	long long sum = 0;
	size_t i;

	if (q)
		req.q = *q;
	assert_int_equal(ops_status(&f->c, &req, &v, &err), 0);
	*n = v.ntasks;
	for (i = 0; i < v.ntasks; i++)
		sum += v.tasks[i]->t->id;
	status_view_release(&v);
	sb_release(&err);
	return sum;
}

static void each_role_reads_its_tasks(void **state)
{
	struct fixture *f = *state;
	struct plan_list_view pl;
	struct sb err = SB_INIT;
	size_t n;

	/* A viewer sees no draft. */
	as(f, ROLE_VIEWER, NULL, NULL);
	assert_int_equal(ops_plan_list(&f->c, &pl, &err), 0);
	assert_int_equal(pl.nplans, 0);
	plan_list_view_release(&pl);
	publish(f);
	assert_int_equal(status_ids(f, NULL, &n), f->st.task1 + f->st.task2);
	assert_int_equal(n, 2);
	as(f, ROLE_OFFICER, "Sở Tài chính", NULL);
	assert_int_equal(status_ids(f, NULL, &n), f->st.task1);
	assert_int_equal(n, 1);
	as(f, ROLE_OFFICER, "UBND các xã, phường", NULL);
	assert_int_equal(status_ids(f, NULL, &n), f->st.task2);
	as(f, ROLE_LEADER, NULL, "Nguyễn Văn An");
	assert_int_equal(status_ids(f, NULL, &n), f->st.task1);
	as(f, ROLE_LEADER, NULL, "Trần Thị Bình");
	status_ids(f, NULL, &n);
	assert_int_equal(n, 0);
	sb_release(&err);
}

/* The web's rules: a task outside one's reach does not exist, a report filed
 * without naming the body is the officer's own, and pages are searched
 * without accents and cut without losing the total. */
static void task_pages_keep_existence_private(void **state)
{
	struct fixture *f = *state;
	struct task_page_req q = { .bucket = -1 };
	struct task_page_view v;
	struct sb err = SB_INIT;
	const char *agency = NULL;

	as(f, ROLE_VIEWER, NULL, NULL);
	assert_int_equal(ops_task_readable(&f->c, f->st.task1, &err), -ERR_NOTFOUND);
	as(f, ROLE_STANDING, NULL, NULL);
	assert_int_equal(ops_task_readable(&f->c, f->st.task1, &err), 0);
	assert_int_equal(ops_own_agency(&f->c, &agency, &err), -ERR_DENIED);
	publish(f);
	as(f, ROLE_OFFICER, "Sở Tài chính", NULL);
	assert_int_equal(ops_own_agency(&f->c, &agency, &err), 0);
	assert_string_equal(agency, "Sở Tài chính");
	assert_int_equal(ops_task_readable(&f->c, f->st.task1, &err), 0);
	assert_int_equal(ops_task_readable(&f->c, f->st.task2, &err), -ERR_NOTFOUND);
	assert_int_equal(ops_task_readable(&f->c, 999999, &err), -ERR_NOTFOUND);
	q.task_id = f->st.task2;
	assert_int_equal(ops_task_page(&f->c, &q, &v, &err), -ERR_NOTFOUND);
	q.task_id = 0;
	assert_int_equal(ops_task_page(&f->c, &q, &v, &err), 0);
	assert_int_equal(v.total, 1);
	assert_int_equal(v.tasks[0]->t->id, f->st.task1);
	/* It coordinates task 1: the official report is owed by the lead. */
	assert_false(ops_task_owed(&f->c, v.tasks[0]->t));
	task_page_view_release(&v);
	as(f, ROLE_OFFICER, "Sở Văn hóa, Thể thao và Du lịch", NULL);
	assert_int_equal(ops_task_page(&f->c, &q, &v, &err), 0);
	assert_true(ops_task_owed(&f->c, v.tasks[0]->t));
	task_page_view_release(&v);
	as(f, ROLE_ADMIN, NULL, NULL);
	q.search = "cong dong";
	assert_int_equal(ops_task_page(&f->c, &q, &v, &err), 0);
	assert_int_equal(v.total, 1);
	assert_int_equal(v.tasks[0]->t->id, f->st.task1);
	task_page_view_release(&v);
	q.search = NULL;
	q.offset = 1;
	q.limit = 1;
	assert_int_equal(ops_task_page(&f->c, &q, &v, &err), 0);
	assert_int_equal(v.total, 2);
	assert_int_equal(v.n, 1);
	assert_int_equal(v.tasks[0]->t->id, f->st.task2);
	task_page_view_release(&v);
	sb_release(&err);
}

/* A face's cache shares one world between calls until a write moves the
 * audit log. */
static void task_pages_share_a_world_until_a_write(void **state)
{
	struct fixture *f = *state;
	struct task_page_req q = { .bucket = -1, .task_id = f->st.task1 };
	struct report_req r = { .task_id = f->st.task1, .agency = "Sở Văn hóa, Thể thao và Du lịch",
				.state = "done" };
	struct task_page_view a, b;
	struct sb err = SB_INIT;

	publish(f);
	f->c.cache = ops_task_cache_new();
	assert_int_equal(ops_task_page(&f->c, &q, &a, &err), 0);
	assert_int_equal(ops_task_page(&f->c, &q, &b, &err), 0);
	assert_ptr_equal(a.world, b.world);
	assert_int_not_equal(a.tasks[0]->res.bucket, STATUS_AWAITING_CONFIRMATION);
	task_page_view_release(&b);
	assert_int_equal(ops_report(&f->c, &r, &err), 0);
	assert_int_equal(ops_task_page(&f->c, &q, &b, &err), 0);
	assert_ptr_not_equal(a.world, b.world);
	assert_int_equal(b.tasks[0]->res.bucket, STATUS_AWAITING_CONFIRMATION);
	/* The world a request holds stays whole after the cache moved on. */
	assert_int_not_equal(a.tasks[0]->res.bucket, STATUS_AWAITING_CONFIRMATION);
	task_page_view_release(&a);
	task_page_view_release(&b);
	ops_task_cache_free(f->c.cache);
	f->c.cache = NULL;
	sb_release(&err);
}

/* The bucket of task id in a page of the shared world, or -1 when the page
 * does not show it. */
static int bucket_in(const struct task_page_view *v, long long id)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (v->tasks[i]->t->id == id)
			return (int)v->tasks[i]->res.bucket;
	return -1;
}

/* A report patches only its task in the shared world: the next page shows
 * the new status at once (read-your-writes), the other task's stays, and each
 * officer still sees only its agency's tasks; a write the patches cannot
 * follow (an edit) loads the world again. */
static void a_write_patches_its_task_in_the_shared_world(void **state)
{
	struct fixture *f = *state;
	struct task_page_req q = { .bucket = -1 };
	struct report_req r = { .task_id = f->st.task1, .agency = "Sở Văn hóa, Thể thao và Du lịch",
				.state = "done" };
	struct edit_req e = { .task_id = f->st.task2, .field = "text", .value = "Việc đã sửa",
			      .reason = "đính chính" };
	struct task_page_view a, b, c;
	struct sb err = SB_INIT;
	int task2_before;

	publish(f);
	f->c.cache = ops_task_cache_new();
	assert_int_equal(ops_task_page(&f->c, &q, &a, &err), 0);
	assert_int_equal(a.n, 2);
	assert_int_not_equal(bucket_in(&a, f->st.task1), STATUS_AWAITING_CONFIRMATION);
	task2_before = bucket_in(&a, f->st.task2);
	assert_int_not_equal(task2_before, -1);

	as(f, ROLE_OFFICER, "Sở Văn hóa, Thể thao và Du lịch", NULL);
	assert_int_equal(ops_report(&f->c, &r, &err), 0);
	assert_int_equal(ops_task_page(&f->c, &q, &b, &err), 0);
	assert_ptr_not_equal(a.world, b.world);
	assert_int_equal(bucket_in(&b, f->st.task1), STATUS_AWAITING_CONFIRMATION);
	assert_int_equal(b.n, 1); /* its own task only */
	/* Patched, not loaded again: the plans are the same objects. */
	assert_ptr_equal(a.w->plans, b.w->plans);
	/* The world a request holds stays whole after the cache moved on. */
	assert_int_not_equal(bucket_in(&a, f->st.task1), STATUS_AWAITING_CONFIRMATION);
	task_page_view_release(&b);

	as(f, ROLE_ADMIN, NULL, NULL);
	assert_int_equal(ops_task_page(&f->c, &q, &b, &err), 0);
	assert_int_equal(bucket_in(&b, f->st.task1), STATUS_AWAITING_CONFIRMATION);
	assert_int_equal(bucket_in(&b, f->st.task2), task2_before);
	task_page_view_release(&b);
	/* Another agency's officer (of task 2's lead group) sees task 2, not task 1;
	 * one that coordinates task 1 sees it, with its new status; one of no
	 * task sees nothing. */
	as(f, ROLE_OFFICER, "UBND các xã, phường", NULL);
	assert_int_equal(ops_task_page(&f->c, &q, &b, &err), 0);
	assert_int_equal(b.n, 1);
	assert_int_equal(bucket_in(&b, f->st.task2), task2_before);
	assert_int_equal(bucket_in(&b, f->st.task1), -1);
	task_page_view_release(&b);
	q.task_id = f->st.task1;
	sb_reset(&err);
	assert_int_equal(ops_task_page(&f->c, &q, &b, &err), -ERR_NOTFOUND);
	q.task_id = 0;
	as(f, ROLE_OFFICER, "sở tài chính", NULL);
	assert_int_equal(ops_task_page(&f->c, &q, &b, &err), 0);
	assert_int_equal(b.n, 1);
	assert_int_equal(bucket_in(&b, f->st.task1), STATUS_AWAITING_CONFIRMATION);
	task_page_view_release(&b);
	as(f, ROLE_OFFICER, "Sở Y tế", NULL);
	assert_int_equal(ops_task_page(&f->c, &q, &b, &err), 0);
	assert_int_equal(b.n, 0);
	task_page_view_release(&b);
	/* A leader sees the tasks naming him or her as leader or supervisor
	 * ("sở văn hóa" occurs in task 1's supervisor), another none. */
	as(f, ROLE_LEADER, NULL, "nguyen van an");
	assert_int_equal(ops_task_page(&f->c, &q, &b, &err), 0);
	assert_int_equal(b.n, 1);
	assert_int_equal(bucket_in(&b, f->st.task1), STATUS_AWAITING_CONFIRMATION);
	task_page_view_release(&b);
	as(f, ROLE_LEADER, NULL, "Sở Văn hóa");
	assert_int_equal(ops_task_page(&f->c, &q, &b, &err), 0);
	assert_int_equal(b.n, 1);
	task_page_view_release(&b);
	as(f, ROLE_LEADER, NULL, "Trần Thị Bình");
	assert_int_equal(ops_task_page(&f->c, &q, &b, &err), 0);
	assert_int_equal(b.n, 0);
	task_page_view_release(&b);
	/* Filters as an administrator: by body (leads or coordinates), by leader. */
	as(f, ROLE_ADMIN, NULL, NULL);
	q.q.agency = "UBND xã Bắc Hà";
	assert_int_equal(ops_task_page(&f->c, &q, &b, &err), 0);
	assert_int_equal(b.n, 1);
	assert_int_equal(b.tasks[0]->t->id, f->st.task1);
	task_page_view_release(&b);
	q.q.agency = NULL;
	q.q.leader = "văn an";
	assert_int_equal(ops_task_page(&f->c, &q, &b, &err), 0);
	assert_int_equal(b.n, 1);
	task_page_view_release(&b);
	q.q.leader = NULL;

	/* An edit changes a task's text: the world is loaded again. */
	as(f, ROLE_ADMIN, NULL, NULL);
	assert_int_equal(ops_edit(&f->c, &e, &err), 0);
	due_free(e.due);
	q.search = "viec da sua";
	assert_int_equal(ops_task_page(&f->c, &q, &c, &err), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.tasks[0]->t->id, f->st.task2);
	assert_ptr_not_equal(a.w->plans, c.w->plans);
	assert_int_equal(bucket_in(&c, f->st.task2), task2_before);
	task_page_view_release(&c);
	q.search = NULL;
	assert_int_equal(ops_task_page(&f->c, &q, &c, &err), 0);
	assert_int_equal(bucket_in(&c, f->st.task1), STATUS_AWAITING_CONFIRMATION);
	task_page_view_release(&c);

	task_page_view_release(&a);
	ops_task_cache_free(f->c.cache);
	f->c.cache = NULL;
	sb_release(&err);
}

/* With a face's cache, status and completeness read the shared world and
 * keep what the actor may see: the same answers as without. */
static void status_and_completeness_through_the_cache(void **state)
{
	struct fixture *f = *state;
	struct status_req sq = { 0 };
	struct status_view a, b;
	struct completeness_view ca, cb;
	struct sb err = SB_INIT;
	int pass;

	publish(f);
	for (pass = 0; pass < 2; pass++) {
		if (pass)
			as(f, ROLE_OFFICER, "Sở Tài chính", NULL);
		f->c.cache = NULL;
		assert_int_equal(ops_status(&f->c, &sq, &a, &err), 0);
		assert_int_equal(ops_completeness(&f->c, NULL, 0, &ca, &err), 0);
		f->c.cache = ops_task_cache_new();
		assert_int_equal(ops_status(&f->c, &sq, &b, &err), 0);
		assert_int_equal(ops_completeness(&f->c, NULL, 0, &cb, &err), 0);
		assert_null(a.world);
		assert_non_null(b.world);
		assert_int_equal(a.ntasks, b.ntasks);
		assert_int_equal(a.ntasks, pass ? 1 : 2);
		assert_memory_equal(&a.total, &b.total, sizeof(a.total));
		assert_int_equal(status_rollup_count(a.by_agency), status_rollup_count(b.by_agency));
		assert_int_equal(ca.total.expected, cb.total.expected);
		assert_int_equal(ca.total.received, cb.total.received);
		assert_int_equal(ca.ngaps, cb.ngaps);
		status_view_release(&a);
		status_view_release(&b);
		completeness_view_release(&ca);
		completeness_view_release(&cb);
		ops_task_cache_free(f->c.cache);
		f->c.cache = NULL;
	}
	as(f, ROLE_ADMIN, NULL, NULL);
	sb_release(&err);
}

static void same_rollup(const struct status_rollup *a, const struct status_rollup *b)
{
	size_t i, n = status_rollup_count(a);

	assert_int_equal(n, status_rollup_count(b));
	for (i = 0; i < n; i++) {
		assert_string_equal(status_rollup_key(a, i), status_rollup_key(b, i));
		assert_memory_equal(status_rollup_agg(a, i), status_rollup_agg(b, i),
				    sizeof(struct status_agg));
	}
}

static void same_status(const struct status_view *a, const struct status_view *b)
{
	size_t i;

	assert_int_equal(a->ntasks, b->ntasks);
	for (i = 0; i < a->ntasks; i++) {
		assert_int_equal(a->tasks[i]->t->id, b->tasks[i]->t->id);
		assert_int_equal(a->tasks[i]->res.bucket, b->tasks[i]->res.bucket);
	}
	assert_memory_equal(&a->total, &b->total, sizeof(a->total));
	same_rollup(a->by_plan, b->by_plan);
	same_rollup(a->by_section, b->by_section);
	same_rollup(a->by_agency, b->by_agency);
	same_rollup(a->by_leader, b->by_leader);
}

static void same_completeness(const struct completeness_view *a, const struct completeness_view *b)
{
	size_t i, n = completeness_agency_count(a->c);

	assert_int_equal(a->today, b->today);
	assert_true(period_equal(&a->period, &b->period));
	assert_int_equal(a->nplans, b->nplans);
	assert_int_equal(a->nexpecting, b->nexpecting);
	assert_memory_equal(&a->total, &b->total, sizeof(a->total));
	assert_int_equal(n, completeness_agency_count(b->c));
	for (i = 0; i < n; i++) {
		struct completeness_counts x, y;

		assert_string_equal(completeness_agency(a->c, i), completeness_agency(b->c, i));
		completeness_agency_counts(a->c, i, &x);
		completeness_agency_counts(b->c, i, &y);
		assert_memory_equal(&x, &y, sizeof(x));
	}
	assert_int_equal(a->ngaps, b->ngaps);
	for (i = 0; i < a->ngaps; i++) {
		assert_string_equal(a->gaps[i].agency, b->gaps[i].agency);
		assert_int_equal(a->gaps[i].overdue, b->gaps[i].overdue);
	}
}

#define RECENT 6

/* The standing agency's status and completeness, read through the cache
 * (kept with the world version, computed once) and without it (computed
 * for the call), over every plan and over one. */
static void kept_equals_fresh(struct fixture *f, struct task_cache *tc, long long plan_id,
			      struct status_view *kept)
{
	struct status_req sq = { .q = { .plan_id = plan_id } };
	struct status_view fresh, again;
	struct completeness_view kc[RECENT], fc[RECENT], k1, f1;
	struct sb err = SB_INIT;
	size_t i;

	f->c.cache = tc;
	assert_int_equal(ops_status(&f->c, &sq, kept, &err), 0);
	assert_true(kept->kept);
	/* Computed once a version: a second read hands out the same rollups. */
	assert_int_equal(ops_status(&f->c, &sq, &again, &err), 0);
	assert_ptr_equal(again.by_agency, kept->by_agency);
	assert_ptr_equal(again.tasks, kept->tasks);
	status_view_release(&again);
	assert_int_equal(ops_completeness_recent(&f->c, RECENT, plan_id, kc, &err), 0);
	assert_int_equal(ops_completeness(&f->c, NULL, plan_id, &k1, &err), 0);
	assert_non_null(k1.world);
	f->c.cache = NULL;
	assert_int_equal(ops_status(&f->c, &sq, &fresh, &err), 0);
	assert_false(fresh.kept);
	assert_int_equal(ops_completeness_recent(&f->c, RECENT, plan_id, fc, &err), 0);
	assert_int_equal(ops_completeness(&f->c, NULL, plan_id, &f1, &err), 0);
	assert_null(f1.world);
	same_status(kept, &fresh);
	for (i = 0; i < RECENT; i++) {
		same_completeness(&kc[i], &fc[i]);
		completeness_view_release(&kc[i]);
		completeness_view_release(&fc[i]);
	}
	same_completeness(&k1, &f1);
	completeness_view_release(&k1);
	completeness_view_release(&f1);
	status_view_release(&fresh);
	sb_release(&err);
}

/* The views kept with a shared world equal the ones computed afresh, before
 * and after a report patches a task (a new version with its own views; the
 * old version's stay whole for the requests holding it); an officer's are
 * never the kept ones. */
static void kept_views_equal_fresh_ones_after_a_patch(void **state)
{
	struct fixture *f = *state;
	struct report_req r = { .task_id = f->st.task1, .agency = "Sở Văn hóa, Thể thao và Du lịch",
				.state = "done" };
	struct task_cache *tc = ops_task_cache_new();
	struct status_req sq = { 0 };
	struct status_view before, after, plan, officer;
	struct sb err = SB_INIT;

	publish(f);
	as(f, ROLE_STANDING, NULL, NULL);
	kept_equals_fresh(f, tc, 0, &before);
	assert_int_equal(before.total.n[STATUS_AWAITING_CONFIRMATION], 0);

	as(f, ROLE_OFFICER, "Sở Văn hóa, Thể thao và Du lịch", NULL);
	assert_int_equal(ops_report(&f->c, &r, &err), 0);
	f->c.cache = tc;
	assert_int_equal(ops_status(&f->c, &sq, &officer, &err), 0);
	assert_false(officer.kept);
	status_view_release(&officer);

	as(f, ROLE_STANDING, NULL, NULL);
	kept_equals_fresh(f, tc, 0, &after);
	assert_ptr_not_equal(after.world, before.world);
	/* Patched, not loaded again; the report shows in the new version only. */
	assert_ptr_equal(after.w.plans, before.w.plans);
	assert_int_equal(after.total.n[STATUS_AWAITING_CONFIRMATION], 1);
	/* The old version's kept rollups, still held, are as they were. */
	assert_int_equal(status_rollup_agg(before.by_plan, 0)->n[STATUS_AWAITING_CONFIRMATION], 0);
	assert_int_equal(status_rollup_agg(after.by_plan, 0)->n[STATUS_AWAITING_CONFIRMATION], 1);
	kept_equals_fresh(f, tc, f->st.plan_id, &plan);
	assert_ptr_not_equal(plan.by_agency, after.by_agency); /* one entry per plan asked */
	assert_int_equal(plan.ntasks, after.ntasks);
	status_view_release(&plan);
	/* A viewer sees every published task too: the same kept views. */
	as(f, ROLE_VIEWER, NULL, NULL);
	kept_equals_fresh(f, tc, 0, &plan);
	assert_ptr_equal(plan.by_agency, after.by_agency);
	status_view_release(&plan);
	status_view_release(&before);
	status_view_release(&after);
	as(f, ROLE_ADMIN, NULL, NULL);
	f->c.cache = NULL;
	ops_task_cache_free(tc);
	sb_release(&err);
}

static void agency_filter_means_lead_or_coordinate(void **state)
{
	struct fixture *f = *state;
	struct task_query q = { .agency = "Sở Tài chính" };
	struct task_list_view tl;
	struct sb err = SB_INIT;
	size_t n;

	publish(f);
	assert_int_equal(status_ids(f, &q, &n), f->st.task1);
	assert_int_equal(n, 1);
	assert_int_equal(ops_task_list(&f->c, &q, &tl, &err), 0);
	assert_int_equal(tl.n, 1);
	task_list_view_release(&tl);
	q.lead_only = true;
	status_ids(f, &q, &n);
	assert_int_equal(n, 0);
	assert_int_equal(ops_task_list(&f->c, &q, &tl, &err), 0);
	assert_int_equal(tl.n, 0);
	task_list_view_release(&tl);
	sb_release(&err);
}

/* The names of t folded as the shared world folds them (views.h). */
static void fold_list(struct sb *o, const struct strlist *l, unsigned flags)
{
	size_t k;

	for (k = 0; k < l->n; k++) {
		vi_fold(o, l->v[k], strlen(l->v[k]), flags);
		sb_addc(o, '\n');
	}
}

/* The keyed rules (names folded once per world) answer as the task rules
 * do, for every role, a folded spelling, a lead-only and a leader filter. */
static void keyed_rules_agree_with_the_task_rules(void **state)
{
	struct fixture *f = *state;
	static const struct {
		enum role r;
		const char *agency, *person;
	} actors[] = {
		{ ROLE_OFFICER, "Sở Tài chính", NULL },
		{ ROLE_OFFICER, "SỞ TÀI CHÍNH", NULL },
		{ ROLE_OFFICER, "Sở Y tế", NULL },
		{ ROLE_OFFICER, "", NULL },
		{ ROLE_LEADER, NULL, "Nguyễn Văn An" },
		{ ROLE_LEADER, NULL, "Trần" },
		{ ROLE_LEADER, NULL, NULL },
		{ ROLE_VIEWER, NULL, NULL },
		{ ROLE_STANDING, NULL, NULL },
	};
	static const struct task_query queries[] = {
		{ 0 },
		{ .agency = "tài chính" },
		{ .agency = "Sở Y tế", .lead_only = true },
		{ .agency = "y te" },
		{ .leader = "văn an" },
		{ .leader = "%" },
	};
	struct task t[3];
	size_t i, a, q, nvisible = 0, nowed = 0, nmatch = 0;

	memset(t, 0, sizeof(t));
	strlist_push(&t[0].lead, "Sở Tài chính");
	strlist_push(&t[0].coordinate, "Sở Y tế");
	t[0].leader = "Phó Chủ tịch Nguyễn Văn An";
	strlist_push(&t[1].lead_groups, "Các sở, ngành");
	strlist_push(&t[1].coordinate_groups, "Sở  tài chính");
	t[1].supervisor = "Trần Thị Bình";
	strlist_push(&t[2].coordinate, "Sở Y tế");
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		struct sb lead = SB_INIT, co = SB_INIT, lead_n = SB_INIT, co_n = SB_INIT;
		char *leader = vi_fold_dup(t[i].leader ? t[i].leader : "", VI_FOLD_PUNCT);
		char *super = vi_fold_dup(t[i].supervisor ? t[i].supervisor : "", VI_FOLD_PUNCT);
		struct ops_task_keys k;

		fold_list(&lead, &t[i].lead, 0);
		fold_list(&lead, &t[i].lead_groups, 0);
		fold_list(&co, &t[i].coordinate, 0);
		fold_list(&co, &t[i].coordinate_groups, 0);
		fold_list(&lead_n, &t[i].lead, VI_FOLD_PUNCT);
		fold_list(&lead_n, &t[i].lead_groups, VI_FOLD_PUNCT);
		fold_list(&co_n, &t[i].coordinate, VI_FOLD_PUNCT);
		fold_list(&co_n, &t[i].coordinate_groups, VI_FOLD_PUNCT);
		k = (struct ops_task_keys){ lead.buf, co.buf, lead_n.buf, co_n.buf, leader, super };
		for (a = 0; a < ARRAY_SIZE(actors); a++) {
			struct ops_actor_keys *ak;

			as(f, actors[a].r, actors[a].agency, actors[a].person);
			ak = ops_actor_keys_new(&f->c);
			assert_int_equal(ops_task_visible_keyed(ak, &k),
					 ops_task_visible(&f->c, &t[i], true));
			assert_int_equal(ops_task_owed_keyed(ak, &k), ops_task_owed(&f->c, &t[i]));
			nvisible += ops_task_visible_keyed(ak, &k);
			nowed += ops_task_owed_keyed(ak, &k);
			ops_actor_keys_free(ak);
		}
		for (q = 0; q < ARRAY_SIZE(queries); q++) {
			struct task_matcher *m = ops_matcher_new(&f->c, &queries[q]);

			assert_int_equal(ops_task_match_keyed(m, &k), ops_task_match(m, &t[i]));
			nmatch += ops_task_match(m, &t[i]);
			ops_matcher_free(m);
		}
		sb_release(&lead);
		sb_release(&co);
		sb_release(&lead_n);
		sb_release(&co_n);
		free(leader);
		free(super);
		strlist_release(&t[i].lead);
		strlist_release(&t[i].lead_groups);
		strlist_release(&t[i].coordinate);
		strlist_release(&t[i].coordinate_groups);
	}
	/* Both answers occur, so agreement is not all-false. */
	assert_int_equal(nowed, 2); /* "Sở Tài chính" and its capitals lead t[0] */
	assert_true(nvisible > nowed && nvisible < ARRAY_SIZE(t) * ARRAY_SIZE(actors));
	assert_true(nmatch > 0 && nmatch < ARRAY_SIZE(t) * ARRAY_SIZE(queries));
}

static void pattern_characters_are_plain(void **state)
{
	struct fixture *f = *state;
	struct task_query q = { .leader = "%" };
	struct task_list_view tl;
	struct sb err = SB_INIT;
	size_t n;

	assert_int_equal(ops_task_list(&f->c, &q, &tl, &err), 0);
	assert_int_equal(tl.n, 0);
	task_list_view_release(&tl);
	q.leader = "_";
	assert_int_equal(ops_task_list(&f->c, &q, &tl, &err), 0);
	assert_int_equal(tl.n, 0);
	task_list_view_release(&tl);
	q.leader = "văn an";
	assert_int_equal(ops_task_list(&f->c, &q, &tl, &err), 0);
	assert_int_equal(tl.n, 1);
	task_list_view_release(&tl);
	publish(f);
	q.leader = "%";
	status_ids(f, &q, &n);
	assert_int_equal(n, 0);
	sb_release(&err);
}

static void contacts_are_configuration(void **state)
{
	struct fixture *f = *state;
	struct snapshot before;
	struct sb err = SB_INIT;
	const char *stored;

	snap(f, &before);
	as(f, ROLE_OFFICER, "Sở Tài chính", NULL);
	assert_int_equal(ops_contact_set(&f->c, "Sở Tài chính", "stc@laocai.gov.vn", &stored, &err),
			 -ERR_DENIED);
	as(f, ROLE_ADMIN, NULL, NULL);
	assert_true(ops_contact_set(&f->c, "Sở Tài chính", "a\xff@b.vn", &stored, &err) < 0);
	assert_true(ops_contact_set(&f->c, "Sở Tài chính", "not an address", &stored, &err) < 0);
	assert_true(ops_contact_set(&f->c, "Sở Tài chính", "a@b..vn", &stored, &err) < 0);
	assert_true(ops_contact_set(&f->c, "S\xffTC", "stc@laocai.gov.vn", &stored, &err) < 0);
	assert_unchanged(f, &before);
	assert_int_equal(ops_contact_set(&f->c, "Sở Tài chính", "stc@laocai.gov.vn", &stored, &err),
			 0);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM agency_contacts"), before.contacts + 1);
	sb_release(&err);
}

/* Writes n bytes of 'x' to dir/name and gives the path. */
static void make_file(const char *dir, const char *name, size_t n, char *path, size_t cap)
{
	FILE *fp;

	snprintf(path, cap, "%s/%s", dir, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	while (n--)
		fputc('x', fp);
	assert_int_equal(fclose(fp), 0);
}

static void evidence_is_kept_only_with_its_report(void **state)
{
	struct fixture *f = *state;
	struct ops_settings set = *ops_settings_default();
	struct report_req r = { .task_id = f->st.task1, .agency = "Sở Văn hóa, Thể thao và Du lịch",
				.state = "in_progress" };
	struct snapshot before;
	struct sb err = SB_INIT;
	char path[256];

	publish(f);
	make_file(f->st.db.dir, "bien-ban.pdf", 1000, path, sizeof(path));
	r.evidence = path;
	f->c.settings = &set;
	snap(f, &before);
	/* Refused report (wrong agency): no file left behind. */
	as(f, ROLE_OFFICER, "Sở Tài chính", NULL);
	assert_int_equal(ops_report(&f->c, &r, &err), -ERR_DENIED);
	assert_unchanged(f, &before);
	/* Refused by the store (a correction of a report that does not exist). */
	as(f, ROLE_ADMIN, NULL, NULL);
	r.replaces_id = 999;
	assert_true(ops_report(&f->c, &r, &err) < 0);
	assert_unchanged(f, &before);
	r.replaces_id = 0;
	/* Too big: refused before anything is written. */
	set.evidence_max_file = 999;
	sb_reset(&err);
	assert_int_equal(ops_report(&f->c, &r, &err), -ERR_TOOBIG);
	assert_non_null(strstr(err.buf, "999"));
	assert_unchanged(f, &before);
	set.evidence_max_file = 1000;
	set.evidence_max_report = 999;
	assert_int_equal(ops_report(&f->c, &r, &err), -ERR_TOOBIG);
	assert_unchanged(f, &before);
	/* Accepted: the file is kept under its hash, once. */
	set.evidence_max_report = 1000;
	sb_reset(&err);
	assert_int_equal(ops_report(&f->c, &r, &err), 0);
	assert_int_equal(strlen(r.evidence_sha256), 64);
	assert_int_equal(nfiles(f->evdir), 1);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM evidence"), 1);
	unlink(path);
	f->c.settings = NULL;
	sb_release(&err);
}

/* A mailer that fails, or files each message and counts it. */
struct fake_mailer {
	struct mailer base;
	bool fail;
	int delivered;
};

static int fake_deliver(struct mailer *mx, const struct remind_mail *m, const char **via,
			struct sb *where, struct sb *err)
{
	struct fake_mailer *f = (struct fake_mailer *)mx;

	*via = "file";
	if (f->fail) {
		sb_addf(err, "%s: the mail server refused", m->recipient);
		return -ERR_IO;
	}
	f->delivered++;
	sb_adds(where, "outbox/x.eml");
	return 0;
}

static void reminders_go_once_and_failures_are_not_recorded(void **state)
{
	struct fixture *f = *state;
	struct fake_mailer mx = { .base = { fake_deliver }, .fail = true };
	struct remind_req req = { .mailer = &mx.base };
	struct remind_view v;
	struct sb err = SB_INIT;

	publish(f);
	f->c.today = calendar_from_ymd(2026, 10, 15); /* task 1 (Quý III) is overdue */
	/* Only the standing agency urges. */
	as(f, ROLE_OFFICER, "Sở Văn hóa, Thể thao và Du lịch", NULL);
	assert_int_equal(ops_remind(&f->c, &req, &v, &err), -ERR_DENIED);
	remind_view_release(&v);
	as(f, ROLE_STANDING, NULL, NULL);
	assert_int_equal(ops_remind(&f->c, &req, &v, &err), -ERR_IO);
	assert_true(v.n >= 1);
	assert_int_equal(v.failed, v.n);
	assert_int_equal(v.sent + v.written, 0);
	assert_non_null(v.msgs[0].error);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM reminders"), 0);
	remind_view_release(&v);
	mx.fail = false;
	sb_reset(&err);
	assert_int_equal(ops_remind(&f->c, &req, &v, &err), 0);
	assert_int_equal(v.written, v.n);
	assert_int_equal(mx.delivered, (int)v.n);
	assert_int_equal(count(f, "SELECT COUNT(*) FROM reminders"), (long long)v.n);
	remind_view_release(&v);
	assert_int_equal(ops_remind(&f->c, &req, &v, &err), 0);
	assert_int_equal(v.skipped, v.n);
	assert_int_equal(mx.delivered, (int)v.n);
	remind_view_release(&v);
	sb_release(&err);
}

/* Who sees an import job (ops.c, the one place): its importer, the
 * administrator, a standing account of the importer's agency; nobody else. */
static void import_jobs_are_their_importers(void **state)
{
	struct ops_ctx c = { 0 };
	const char *vp = "Văn phòng UBND tỉnh";

	(void)state;
	c.actor = (struct actor){ 7, "tt", ROLE_STANDING, NULL, NULL };
	assert_true(ops_import_job_visible(&c, 7, "tt", NULL));
	assert_false(ops_import_job_visible(&c, 8, "tt2", NULL));
	assert_false(ops_import_job_visible(&c, 8, "tt2", vp));
	/* A job of no stored user (the command line's) is its login's. */
	assert_true(ops_import_job_visible(&c, 0, "tt", NULL));
	assert_false(ops_import_job_visible(&c, 0, "cli", NULL));
	/* The standing agency as a body: same agency, compared folded. */
	c.actor = (struct actor){ 9, "vp2", ROLE_STANDING, "VAN PHONG UBND TINH", NULL };
	assert_true(ops_import_job_visible(&c, 8, "vp1", vp));
	assert_false(ops_import_job_visible(&c, 8, "vp1", "Sở Y tế"));
	assert_false(ops_import_job_visible(&c, 8, "vp1", NULL));
	/* The administrator sees all; an officer of the same agency nothing,
	 * not even a job recorded under its own login (it may not import). */
	c.actor = (struct actor){ 1, "ad", ROLE_ADMIN, NULL, NULL };
	assert_true(ops_import_job_visible(&c, 8, "vp1", vp));
	c.actor = (struct actor){ 8, "vp1", ROLE_OFFICER, vp, NULL };
	assert_false(ops_import_job_visible(&c, 8, "vp1", vp));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roles_have_names),
		cmocka_unit_test_setup_teardown(publish_is_for_admin_and_standing, setup, teardown),
		cmocka_unit_test_setup_teardown(edit_refusals_write_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(edit_text_is_stored_in_nfc, setup, teardown),
		cmocka_unit_test_setup_teardown(officer_reports_only_for_its_agency, setup, teardown),
		cmocka_unit_test_setup_teardown(report_on_a_draft_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(decide_needs_the_standing_agency_and_a_claim, setup,
						teardown),
		cmocka_unit_test_setup_teardown(each_role_reads_its_tasks, setup, teardown),
		cmocka_unit_test_setup_teardown(task_pages_keep_existence_private, setup, teardown),
		cmocka_unit_test_setup_teardown(task_pages_share_a_world_until_a_write, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_write_patches_its_task_in_the_shared_world, setup,
						teardown),
		cmocka_unit_test_setup_teardown(status_and_completeness_through_the_cache, setup,
						teardown),
		cmocka_unit_test_setup_teardown(kept_views_equal_fresh_ones_after_a_patch, setup,
						teardown),
		cmocka_unit_test_setup_teardown(agency_filter_means_lead_or_coordinate, setup,
						teardown),
		cmocka_unit_test_setup_teardown(keyed_rules_agree_with_the_task_rules, setup,
						teardown),
		cmocka_unit_test_setup_teardown(pattern_characters_are_plain, setup, teardown),
		cmocka_unit_test_setup_teardown(contacts_are_configuration, setup, teardown),
		cmocka_unit_test(import_jobs_are_their_importers),
		cmocka_unit_test_setup_teardown(evidence_is_kept_only_with_its_report, setup,
						teardown),
		cmocka_unit_test_setup_teardown(reminders_go_once_and_failures_are_not_recorded,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
