/*
 * api.c - the JSON API under /api/v1 (documented in docs/api.yaml): plans,
 * tasks with the pages' filters, a task's reports, filing a report, status
 * buckets. Errors are RFC 9457 problem details. Reads and writes go through
 * src/ops/ exactly as the pages do, so the two cannot differ.
 */
#include "base/compat.h"
#include "web/web_int.h"
#include "base/err.h"
#include "base/escape.h"
#include "model/plan.h"
#include "ops/views.h"
#include "store/store.h"
#include "track/status.h"

#include <errno.h>
#include <limits.h>
#include <jansson.h>

static const char *const problem_titles[][2] = {
	{ "400", "Bad Request" },	  { "401", "Unauthorized" },	{ "403", "Forbidden" },
	{ "404", "Not Found" },		  { "405", "Method Not Allowed" }, { "409", "Conflict" },
	{ "413", "Content Too Large" },	  { "415", "Unsupported Media Type" },
	{ "429", "Too Many Requests" },	  { "500", "Internal Server Error" },
	{ "503", "Service Unavailable" },
};

/* Takes ownership of j and writes it as the body. */
static int send_json(struct resp *rs, int status, json_t *j, const char *type)
{
	char *s = json_dumps(j, JSON_COMPACT);

	json_decref(j);
	sb_reset(&rs->body);
	rs->status = status;
	rs->type = type ? type : "application/json";
	if (s)
		sb_adds(&rs->body, s);
	free(s);
	return 0;
}

int api_problem(struct req *rq, struct resp *rs, int status, const char *detail)
{
	const char *title = "Error";
	char code[8];
	json_t *j;
	size_t i;

	snprintf(code, sizeof(code), "%d", status);
	for (i = 0; i < ARRAY_SIZE(problem_titles); i++)
		if (strcmp(problem_titles[i][0], code) == 0)
			title = problem_titles[i][1];
	j = json_pack("{s:s, s:s, s:i}", "type", "about:blank", "title", title, "status", status);
	if (detail)
		json_object_set_new(j, "detail", json_string(detail));
	json_object_set_new(j, "instance", json_string(rq->path));
	return send_json(rs, status, j, "application/problem+json");
}

static int fail(struct req *rq, struct resp *rs, int rc, struct sb *err)
{
	int status = web_status_of(rc);

	return api_problem(rq, rs, status, status == 500 ? NULL : err->buf);
}

/* json_string of NULL is NULL; these keep JSON null instead. */
static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* A task is written straight into the body (the task lists are the API's
 * busiest answers; a jansson tree of 25 allocations a task cost more than
 * the rest of the request), through the one JSON escaper. */
static void sb_json_str(struct sb *o, const char *s)
{
	if (s)
		escape_json(o, s, strlen(s));
	else
		sb_adds(o, "null");
}

static void sb_json_list(struct sb *o, const struct strlist *l)
{
	size_t i;

	sb_addc(o, '[');
	for (i = 0; i < l->n; i++) {
		if (i)
			sb_addc(o, ',');
		sb_json_str(o, l->v[i]);
	}
	sb_addc(o, ']');
}

static void task_json(struct sb *o, const struct task_view *x)
{
	const struct task *t = x->t;

	sb_addf(o, "{\"id\":%lld,\"plan_id\":%lld,\"ref\":", t->id, x->plan->id);
	sb_json_str(o, t->ref);
	sb_adds(o, ",\"section\":");
	sb_json_str(o, t->section);
	sb_adds(o, ",\"text\":");
	sb_json_str(o, t->text);
	sb_adds(o, ",\"lead\":");
	sb_json_list(o, &t->lead);
	sb_adds(o, ",\"lead_groups\":");
	sb_json_list(o, &t->lead_groups);
	sb_adds(o, ",\"coordinate\":");
	sb_json_list(o, &t->coordinate);
	sb_adds(o, ",\"coordinate_groups\":");
	sb_json_list(o, &t->coordinate_groups);
	sb_adds(o, ",\"leader\":");
	sb_json_str(o, t->leader);
	sb_adds(o, ",\"supervisor\":");
	sb_json_str(o, t->supervisor);
	sb_adds(o, ",\"due\":");
	if (t->due) {
		sb_adds(o, "{\"text\":");
		sb_json_str(o, t->due->text);
		sb_adds(o, ",\"start\":");
		sb_json_str(o, t->due->start[0] ? t->due->start : NULL);
		sb_adds(o, ",\"end\":");
		sb_json_str(o, t->due->end[0] ? t->due->end : NULL);
		sb_addf(o, ",\"recurring\":%s}", t->due->recurring ? "true" : "false");
	} else {
		sb_adds(o, "null");
	}
	sb_adds(o, ",\"result\":");
	sb_json_str(o, t->result);
	/* The tracker's status as imported (docs/track.md): not a report. */
	sb_adds(o, ",\"imported_state\":");
	sb_json_str(o, t->state);
	sb_adds(o, ",\"status\":{\"bucket\":");
	sb_json_str(o, status_bucket_key(x->res.bucket));
	sb_adds(o, ",\"label\":");
	sb_json_str(o, status_bucket_vi(x->res.bucket));
	sb_adds(o, ",\"state\":");
	sb_json_str(o, task_state_key(x->res.state));
	sb_addf(o, ",\"reported\":%s,\"late_days\":%ld,\"days_left\":%ld}}",
		x->res.reported ? "true" : "false", x->res.late_days, x->res.days_left);
}

static void plan_json(const struct plan_meta *m, json_t *arg)
{
	json_array_append_new(arg, json_pack("{s:I, s:o, s:o, s:o, s:s, s:I}", "id",
					     (json_int_t)m->id, "number", jstr(m->number), "kind",
					     jstr(m->kind), "title", jstr(m->title), "status",
					     plan_status_key(m->status), "tasks",
					     (json_int_t)m->ntasks));
}

int api_plans(struct req *rq, struct resp *rs)
{
	struct plan_list_view v;
	struct sb err = SB_INIT;
	json_t *a;
	size_t i;
	int rc = ops_plan_list(&rq->ops, &v, &err);

	if (rc < 0) {
		fail(rq, rs, rc, &err);
	} else {
		a = json_array();
		for (i = 0; i < v.nplans; i++)
			plan_json(&v.plans[i], a);
		send_json(rs, 200, a, NULL);
		plan_list_view_release(&v);
	}
	sb_release(&err);
	return 0;
}

static long query_long(struct req *rq, const char *name, long def, long max)
{
	const char *s = req_query(rq, name);
	char *end;
	long v;

	if (!s)
		return def;
	errno = 0;
	v = strtol(s, &end, 10);
	return errno || *end || v < 1 || v > max ? def : v;
}

static int bucket_param(struct req *rq, int *out)
{
	const char *key = req_query(rq, "bucket");
	int b;

	*out = -1;
	if (!key || !*key)
		return 0;
	for (b = 0; b < STATUS__COUNT; b++)
		if (strcmp(status_bucket_key((enum status_bucket)b), key) == 0) {
			*out = b;
			return 0;
		}
	return -1;
}

static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

/* The filters shared by /tasks and /status. */
static int load_filtered(struct req *rq, struct resp *rs, struct task_page_req *f,
			 struct task_page_view *l)
{
	struct sb err = SB_INIT;
	int rc;

	f->q.plan_id = query_long(rq, "plan", 0, LONG_MAX);
	f->q.agency = nz(req_query(rq, "agency"));
	f->q.leader = nz(req_query(rq, "leader"));
	f->search = nz(req_query(rq, "q"));
	f->period = nz(req_query(rq, "period"));
	if (bucket_param(rq, &f->bucket) < 0) {
		api_problem(rq, rs, 400, "bucket: not a status bucket key (see docs/api.yaml)");
		return -1;
	}
	rc = ops_task_page(&rq->ops, f, l, &err);
	if (rc < 0)
		fail(rq, rs, rc, &err);
	sb_release(&err);
	return rc;
}

int api_tasks(struct req *rq, struct resp *rs)
{
	long page = query_long(rq, "page", 1, 1000000), per = query_long(rq, "per_page", 100, 1000);
	struct task_page_req f = { .offset = (size_t)(page - 1) * (size_t)per,
				   .limit = (size_t)per };
	struct task_page_view l;
	size_t i;

	if (load_filtered(rq, rs, &f, &l) < 0)
		return 0;
	sb_reset(&rs->body);
	rs->status = 200;
	rs->type = "application/json";
	sb_reserve(&rs->body, 64 + l.n * 640); /* a task is about 600 bytes */
	sb_addf(&rs->body, "{\"total\":%zu,\"page\":%ld,\"per_page\":%ld,\"tasks\":[", l.total,
		page, per);
	for (i = 0; i < l.n; i++) {
		if (i)
			sb_addc(&rs->body, ',');
		task_json(&rs->body, l.tasks[i]);
	}
	sb_adds(&rs->body, "]}");
	task_page_view_release(&l);
	return 0;
}

int api_task(struct req *rq, struct resp *rs)
{
	struct task_page_req f = { .bucket = -1, .task_id = rq->id };
	struct task_page_view l;
	struct sb err = SB_INIT;
	int rc = ops_task_page(&rq->ops, &f, &l, &err);

	if (rc < 0) {
		fail(rq, rs, rc, &err);
	} else {
		sb_reset(&rs->body);
		rs->status = 200;
		rs->type = "application/json";
		task_json(&rs->body, l.tasks[0]);
		task_page_view_release(&l);
	}
	sb_release(&err);
	return 0;
}

static json_t *report_json(const struct history_report *r)
{
	json_t *j = json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:I}", "id",
			      (json_int_t)r->id, "task_id", (json_int_t)0, "agency",
			      jstr(r->agency), "role", jstr(r->role), "state", jstr(r->state),
			      "period", jstr(r->period), "completion_date",
			      jstr(r->completion_date), "note", jstr(r->note), "filed_on",
			      jstr(r->filed_on), "replaced", r->replaced, "decision",
			      jstr(r->decision), "evidence", (json_int_t)r->nevidence);

	json_object_set_new(j, "value", r->has_value ? json_real(r->value) : json_null());
	return j;
}

int api_reports(struct req *rq, struct resp *rs)
{
	struct history_view h;
	struct sb err = SB_INIT;
	json_t *a;
	size_t i;
	int rc = ops_history(&rq->ops, rq->id, &h, &err);

	if (rc < 0) {
		fail(rq, rs, rc, &err);
	} else {
		a = json_array();
		for (i = 0; i < h.nreports; i++) {
			json_t *j = report_json(&h.reports[i]);

			json_object_set_new(j, "task_id", json_integer((json_int_t)h.task_id));
			json_array_append_new(a, j);
		}
		send_json(rs, 200, a, NULL);
	}
	history_view_release(&h);
	sb_release(&err);
	return 0;
}

static const char *member(json_t *o, const char *name, char *buf, size_t len)
{
	json_t *v = json_object_get(o, name);

	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_number(v)) {
		snprintf(buf, len, "%.17g", json_number_value(v));
		return buf;
	}
	return NULL;
}

int api_report_post(struct req *rq, struct resp *rs)
{
	struct report_req r = { 0 };
	struct sb err = SB_INIT;
	json_error_t jerr;
	json_t *body;
	char num[40];
	int rc;

	body = json_loadb(rq->raw.buf, rq->raw.len, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(body)) {
		sb_addf(&err, "the body is not a JSON object: line %d: %s", jerr.line, jerr.text);
		api_problem(rq, rs, 400, err.buf);
		goto out;
	}
	r.task_id = rq->id;
	r.state = member(body, "state", NULL, 0);
	r.date = member(body, "date", NULL, 0);
	r.note = member(body, "note", NULL, 0);
	r.period = member(body, "period", NULL, 0);
	r.value = member(body, "value", num, sizeof(num));
	if ((rc = web_report(rq, &r, &err)) < 0)
		fail(rq, rs, rc, &err);
	else
		send_json(rs, 201, json_pack("{s:I, s:I}", "id", (json_int_t)r.id, "task_id",
					     (json_int_t)r.task_id),
			  NULL);
out:
	json_decref(body);
	sb_release(&err);
	return 0;
}

int api_status(struct req *rq, struct resp *rs)
{
	/* No rows wanted: the view's aggregate covers every task that matches. */
	struct task_page_req f = { .limit = 1 };
	struct task_page_view l;
	const struct status_agg *agg;
	json_t *b;
	int k;

	if (load_filtered(rq, rs, &f, &l) < 0)
		return 0;
	agg = &l.agg;
	b = json_object();
	for (k = 0; k < STATUS__COUNT; k++)
		json_object_set_new(b, status_bucket_key((enum status_bucket)k),
				    json_integer((json_int_t)agg->n[k]));
	send_json(rs, 200,
		  json_pack("{s:I, s:I, s:o}", "total", (json_int_t)agg->total, "due",
			    (json_int_t)agg->due, "buckets", b),
		  NULL);
	task_page_view_release(&l);
	return 0;
}
