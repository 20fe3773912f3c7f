/*
 * import_pages.c - the import flow of the web application (issue 9): upload
 * a document, watch its import progress page by page, review the extracted
 * tasks beside the source text, correct, merge or split them, and publish;
 * with the JSON API's twins (POST /api/v1/imports, GET /api/v1/imports/{id},
 * POST /api/v1/plans/{id}/publish).
 *
 * An upload goes to the import job runner (app/jobs.h: spooled under the
 * evidence folder, imported by a thread of its own), so that the request
 * returns at once (303 to the job's page) while OCR runs; these pages only
 * render the job's state and progress, read through src/ops/. The rules (who
 * may import or see a job, edit, merge, split, publish) are src/ops/'s.
 */
#include "base/compat.h"
#include "web/web_int.h"
#include "app/jobs.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"
#include "model/plan.h"
#include "ops/views.h"
#include "store/store.h"

#include <errno.h>
#include <jansson.h>

/* ---- starting a job ------------------------------------------------------------ */

/* The runner (app/jobs.c) records the job (ops: OPS_IMPORT, nothing written
 * when refused), spools the file and imports it in the background. */
static int start_import(struct req *rq, const char *name, const char *data, size_t len,
			long long *job_id, struct sb *err)
{
	if (!rq->cfg->jobs) {
		sb_adds(err, "this server does not import documents");
		return -ERR_UNSUPPORTED;
	}
	return import_jobs_submit(rq->cfg->jobs, &rq->ops, name, data, len, job_id, err);
}

/* ---- pages: shared bits --------------------------------------------------------- */

static int fail_page(struct req *rq, struct resp *rs, int rc, struct sb *err)
{
	int status = web_status_of(rc);

	return html_error(rq, rs, status, status == 500 ? NULL : err->buf);
}

static enum tkey state_key(const char *state)
{
	if (strcmp(state, "done") == 0)
		return T_JOB_DONE;
	if (strcmp(state, "failed") == 0)
		return T_JOB_FAILED;
	if (strcmp(state, "running") == 0)
		return T_JOB_RUNNING;
	return T_JOB_QUEUED;
}

static bool job_open(const struct import_job *j)
{
	return strcmp(j->state, "queued") == 0 || strcmp(j->state, "running") == 0;
}

static void progress_text(struct req *rq, struct sb *o, const struct import_job *j)
{
	if (j->total > 0)
		sb_addf(o, "%s %lld/%lld", tr(rq->lang, T_PAGE), j->done, j->total);
}

/* ---- GET /imports ---------------------------------------------------------------- */

struct job_rows {
	struct req *rq;
	struct sb *o;
	size_t n;
};

static int job_row(const struct import_job *j, void *arg)
{
	struct job_rows *jr = arg;
	struct sb *o = jr->o;

	sb_addf(o, "<tr><td><a href=\"/imports/%lld\">%lld</a></td><td>", j->id, j->id);
	html_text(o, j->file_name);
	sb_adds(o, "</td><td>");
	html_text(o, tr(jr->rq->lang, state_key(j->state)));
	if (job_open(j)) {
		sb_adds(o, " ");
		progress_text(jr->rq, o, j);
	}
	sb_adds(o, "</td><td>");
	if (j->plan_id)
		sb_addf(o, "<a href=\"/plans/%lld/review\">%s</a>", j->plan_id,
			tr(jr->rq->lang, T_REVIEW_LINK));
	sb_adds(o, "</td><td>");
	html_text(o, j->login);
	sb_adds(o, "</td><td>");
	html_text(o, j->created_at);
	sb_adds(o, "</td></tr>");
	jr->n++;
	return 0;
}

int page_imports(struct req *rq, struct resp *rs)
{
	struct job_rows jr = { rq, &rs->body, 0 };
	struct plan_list_view pl = { 0 };
	struct sb err = SB_INIT, *o = &rs->body;
	enum lang lg = rq->lang;
	size_t i, ndrafts = 0;
	int rc;

	if ((rc = ops_allowed(&rq->ops, OPS_IMPORT, &err)) < 0) {
		fail_page(rq, rs, rc, &err);
		goto out;
	}
	html_begin(rq, rs, tr(lg, T_IMPORT));
	sb_addf(o, "<h1>%s</h1>", tr(lg, T_IMPORT));
	if (req_query(rq, "nofile"))
		sb_addf(o, "<p class=\"notice err\">%s</p>", tr(lg, T_NO_FILE));
	sb_addf(o, "<section class=\"card\"><h2>%s</h2>"
		   "<form class=\"stack\" method=\"post\" action=\"/imports\""
		   " enctype=\"multipart/form-data\">",
		tr(lg, T_UPLOAD));
	html_csrf(rq, o);
	sb_addf(o, "<label for=\"file\">%s</label><input id=\"file\" type=\"file\" name=\"file\""
		   " required accept=\".txt,.docx,.xlsx,.doc,.xls,.pdf,.png,.jpg,.jpeg,.tif,.tiff\">"
		   "<p class=\"muted\">%s</p><button class=\"primary\" type=\"submit\">%s</button>"
		   "</form></section>",
		tr(lg, T_FILE), tr(lg, T_UPLOAD_HINT), tr(lg, T_UPLOAD));
	sb_addf(o, "<section class=\"card\"><h2>%s</h2><table><thead><tr><th>#</th><th>%s</th>"
		   "<th>%s</th><th></th><th>%s</th><th>%s</th></tr></thead><tbody>",
		tr(lg, T_RECENT_IMPORTS), tr(lg, T_FILE_NAME), tr(lg, T_STATE), tr(lg, T_BY),
		tr(lg, T_STARTED));
	if ((rc = ops_import_job_list(&rq->ops, 20, job_row, &jr, &err)) < 0) {
		fail_page(rq, rs, rc, &err);
		goto out;
	}
	if (!jr.n)
		sb_addf(o, "<tr><td colspan=\"6\">%s</td></tr>", tr(lg, T_NONE));
	sb_addf(o, "</tbody></table></section><section class=\"card\"><h2>%s</h2><ul>",
		tr(lg, T_DRAFTS));
	if ((rc = ops_plan_list(&rq->ops, &pl, &err)) < 0) {
		fail_page(rq, rs, rc, &err);
		goto out;
	}
	for (i = 0; i < pl.nplans; i++) {
		const struct plan_meta *m = &pl.plans[i];

		if (m->status != PLAN_DRAFT)
			continue;
		sb_addf(o, "<li><a href=\"/plans/%lld/review\">", m->id);
		html_text(o, m->title ? m->title : m->source);
		sb_addf(o, "</a> <span class=\"muted\">(%zu %s)</span></li>", m->ntasks,
			tr(lg, T_TASKS));
		ndrafts++;
	}
	plan_list_view_release(&pl);
	if (!ndrafts)
		sb_addf(o, "<li>%s</li>", tr(lg, T_NONE));
	sb_adds(o, "</ul></section>");
	html_end(rq, rs);
out:
	sb_release(&err);
	return 0;
}

/* ---- POST /imports ----------------------------------------------------------------- */

int page_imports_post(struct req *rq, struct resp *rs)
{
	struct sb err = SB_INIT;
	long long id = 0;
	int rc;

	/* The right first: a refused upload writes nothing, not even a file. */
	if ((rc = ops_allowed(&rq->ops, OPS_IMPORT, &err)) < 0) {
		fail_page(rq, rs, rc, &err);
		goto out;
	}
	if (!rq->up.field || strcmp(rq->up.field, "file") != 0 || !rq->up.data.len) {
		resp_redirect(rs, "/imports?nofile=1");
		goto out;
	}
	if ((rc = start_import(rq, rq->up.filename, rq->up.data.buf, rq->up.data.len, &id,
			       &err)) < 0)
		fail_page(rq, rs, rc, &err);
	else
		resp_redirect(rs, "/imports/%lld", id);
out:
	sb_release(&err);
	return 0;
}

/* ---- GET /imports/{id} --------------------------------------------------------------- */

int page_import(struct req *rq, struct resp *rs)
{
	struct import_job j;
	struct sb err = SB_INIT, *o = &rs->body;
	enum lang lg = rq->lang;
	int rc;

	if ((rc = ops_import_job_get(&rq->ops, rq->id, &j, &err)) < 0) {
		fail_page(rq, rs, rc, &err);
		goto out;
	}
	/* Refresh without script while the job runs (html_begin puts the
	 * meta element in the head; the CSP allows it). */
	rs->refresh = job_open(&j) ? 1 : 0;
	html_begin(rq, rs, tr(lg, T_IMPORT));
	sb_addf(o, "<h1>%s</h1><section class=\"card\" id=\"job\" data-state=\"", tr(lg, T_IMPORT));
	html_text(o, j.state);
	sb_addf(o, "\"><dl class=\"fields\"><dt>%s</dt><dd>", tr(lg, T_FILE_NAME));
	html_text(o, j.file_name);
	sb_addf(o, "</dd><dt>%s</dt><dd class=\"state\">%s", tr(lg, T_STATE),
		tr(lg, state_key(j.state)));
	if (j.total > 0) {
		sb_adds(o, " · <span class=\"pages\">");
		progress_text(rq, o, &j);
		sb_addf(o, "</span></dd><dt></dt><dd><progress class=\"progress\" max=\"%lld\""
			   " value=\"%lld\"></progress>",
			j.total, j.done);
	}
	sb_addf(o, "</dd><dt>%s</dt><dd>", tr(lg, T_STARTED));
	html_text(o, j.created_at);
	sb_adds(o, "</dd></dl>");
	if (job_open(&j))
		sb_addf(o, "<p class=\"muted\">%s</p>", tr(lg, T_JOB_WAIT));
	if (strcmp(j.state, "failed") == 0) {
		sb_adds(o, "<p class=\"notice err\">");
		html_text(o, j.error);
		sb_adds(o, "</p>");
	}
	if (strcmp(j.state, "done") == 0 && j.plan_id)
		sb_addf(o, "<p><a class=\"review-link\" href=\"/plans/%lld/review\">%s</a></p>",
			j.plan_id, tr(lg, T_REVIEW_LINK));
	sb_addf(o, "</section><p><a href=\"/imports\">%s</a></p>", tr(lg, T_RECENT_IMPORTS));
	html_end(rq, rs);
	import_job_release(&j);
out:
	sb_release(&err);
	return 0;
}

/* ---- GET /plans/{id}/review ------------------------------------------------------------ */

/* The plan's doubts about a field: "lead" matches "lead" and "lead.x". */
static bool doubted(const struct task *t, const char *field)
{
	size_t i, n = strlen(field);

	for (i = 0; i < t->doubt.n; i++)
		if (strncmp(t->doubt.v[i], field, n) == 0 &&
		    (t->doubt.v[i][n] == '\0' || t->doubt.v[i][n] == '.'))
			return true;
	return false;
}

static void cell_begin(struct sb *o, const struct task *t, const char *field)
{
	sb_addf(o, "<td class=\"f-%s%s\">", field, doubted(t, field) ? " doubt" : "");
}

static void cell_end(struct req *rq, struct sb *o, const struct task *t, const char *field)
{
	if (doubted(t, field))
		sb_addf(o, " <span class=\"doubt-mark\">⚠ %s</span>", tr(rq->lang, T_DOUBTFUL));
	sb_adds(o, "</td>");
}

static void list_text(struct sb *o, const struct strlist *a, const struct strlist *b)
{
	size_t i, k = 0;

	for (i = 0; a && i < a->n; i++, k++) {
		sb_adds(o, k ? "; " : "");
		html_text(o, a->v[i]);
	}
	for (i = 0; b && i < b->n; i++, k++) {
		sb_adds(o, k ? "; " : "");
		html_text(o, b->v[i]);
	}
}

static void fix_forms(struct req *rq, struct sb *o, long long plan_id, const struct task *t)
{
	static const char *const fields[] = { "text",	  "ref",	"section", "leader",
					      "supervisor", "result", "due",     "lead",
					      "coordinate" };
	enum lang lg = rq->lang;
	size_t i;

	sb_addf(o, "<details class=\"fix\"><summary>%s</summary>", tr(lg, T_EDIT));
	sb_addf(o, "<form method=\"post\" action=\"/tasks/%lld/edit\" class=\"edit\">", t->id);
	html_csrf(rq, o);
	sb_addf(o, "<input type=\"hidden\" name=\"plan\" value=\"%lld\"><label>%s <select"
		   " name=\"field\">",
		plan_id, tr(lg, T_FIELD));
	for (i = 0; i < ARRAY_SIZE(fields); i++)
		sb_addf(o, "<option>%s</option>", fields[i]);
	sb_addf(o, "</select></label><label>%s <input name=\"value\"></label><label>%s <input"
		   " name=\"reason\" required></label><button type=\"submit\">%s</button></form>",
		tr(lg, T_NEW), tr(lg, T_REASON), tr(lg, T_EDIT));
	sb_addf(o, "<form method=\"post\" action=\"/tasks/%lld/merge\" class=\"merge\">", t->id);
	html_csrf(rq, o);
	sb_addf(o, "<input type=\"hidden\" name=\"plan\" value=\"%lld\"><button type=\"submit\">"
		   "%s</button></form>",
		plan_id, tr(lg, T_MERGE));
	sb_addf(o, "<form method=\"post\" action=\"/tasks/%lld/split\" class=\"split\">", t->id);
	html_csrf(rq, o);
	sb_addf(o, "<input type=\"hidden\" name=\"plan\" value=\"%lld\"><label>%s <input"
		   " name=\"at\" type=\"number\" min=\"1\"></label><label>%s <input name=\"text\">"
		   "</label><button type=\"submit\">%s</button></form></details>",
		plan_id, tr(lg, T_SPLIT_AT), tr(lg, T_SPLIT_TEXT), tr(lg, T_SPLIT));
}

static void review_row(struct req *rq, struct sb *o, long long plan_id, const struct task *t,
		       bool editable)
{
	size_t i;

	sb_addf(o, "<tr id=\"t%lld\" data-task=\"%lld\">", t->id, t->id);
	cell_begin(o, t, "ref");
	html_text(o, t->ref);
	cell_end(rq, o, t, "ref");
	cell_begin(o, t, "text");
	html_text(o, t->text);
	/* Doubts about no shown column are listed under the text. */
	for (i = 0; i < t->doubt.n; i++) {
		static const char *const shown[] = { "ref", "text", "lead", "due", "leader" };
		const char *d = t->doubt.v[i];
		size_t k, n = strcspn(d, ".");
		bool in_column = false;

		for (k = 0; k < ARRAY_SIZE(shown); k++)
			in_column = in_column || (strlen(shown[k]) == n && strncmp(d, shown[k], n) == 0);
		if (in_column)
			continue;
		sb_adds(o, "<br><span class=\"doubt doubt-mark\">⚠ ");
		html_text(o, tr(rq->lang, T_DOUBTFUL));
		sb_adds(o, ": ");
		html_text(o, d);
		sb_adds(o, "</span>");
	}
	if (editable)
		fix_forms(rq, o, plan_id, t);
	cell_end(rq, o, t, "text");
	cell_begin(o, t, "lead");
	list_text(o, &t->lead, &t->lead_groups);
	cell_end(rq, o, t, "lead");
	cell_begin(o, t, "due");
	html_text(o, t->due ? t->due->text : NULL);
	cell_end(rq, o, t, "due");
	cell_begin(o, t, "leader");
	html_text(o, t->leader);
	cell_end(rq, o, t, "leader");
	sb_adds(o, "<td class=\"src\">");
	if (t->line > 0)
		sb_addf(o, "<a href=\"#L%d\">%s %d</a>", t->line, tr(rq->lang, T_LINE), t->line);
	sb_adds(o, "</td></tr>");
}

int page_review(struct req *rq, struct resp *rs)
{
	struct review_view v;
	struct sb err = SB_INIT, *o = &rs->body;
	enum lang lg = rq->lang;
	bool draft, editable;
	size_t i;
	int rc;

	if ((rc = ops_plan_review(&rq->ops, rq->id, &v, &err)) < 0) {
		fail_page(rq, rs, rc, &err);
		goto out;
	}
	draft = strcmp(v.status, "draft") == 0;
	editable = draft && ops_allowed(&rq->ops, OPS_EDIT, NULL) == 0;
	html_begin(rq, rs, tr(lg, T_REVIEW));
	sb_addf(o, "<h1>%s: ", tr(lg, T_REVIEW));
	html_text(o, v.plan->doc.title ? v.plan->doc.title : v.plan->doc.number);
	sb_addf(o, " <span class=\"badge b-%s\">%s</span></h1>", draft ? "amber" : "green",
		tr(lg, draft ? T_DRAFT : T_PUBLISHED));
	if (req_query(rq, "ok"))
		sb_addf(o, "<p class=\"notice ok\">%s</p>", tr(lg, T_SAVED));
	if (!draft)
		sb_addf(o, "<p class=\"notice ok\">%s <a href=\"/plans/%lld\">%s</a></p>",
			tr(lg, T_NOT_DRAFT), rq->id, tr(lg, T_PLAN));
	if (draft && ops_allowed(&rq->ops, OPS_PUBLISH, NULL) == 0) {
		sb_addf(o, "<form method=\"post\" action=\"/plans/%lld/publish\" class=\"publish\">",
			rq->id);
		html_csrf(rq, o);
		sb_addf(o, "<button class=\"primary\" type=\"submit\">%s</button></form>",
			tr(lg, T_PUBLISH));
	}
	/* Text the extraction could not place in a task ("LINE: why: text"):
	 * the reviewer reads it beside the tasks, each linked to its line. */
	if (v.plan->notes.n) {
		sb_addf(o, "<section class=\"card notes\"><h2>%s (%zu)</h2><ul>", tr(lg, T_NOTES),
			v.plan->notes.n);
		for (i = 0; i < v.plan->notes.n; i++) {
			const char *note = v.plan->notes.v[i];
			long line = strtol(note, NULL, 10);

			if (line > 0)
				sb_addf(o, "<li><a href=\"#L%ld\">", line);
			else
				sb_adds(o, "<li>");
			html_text(o, note);
			sb_adds(o, line > 0 ? "</a></li>" : "</li>");
		}
		sb_adds(o, "</ul></section>");
	}
	sb_addf(o, "<div class=\"review\"><section class=\"card tasks\"><h2>%s (%zu)</h2>"
		   "<table class=\"tasks review-tasks\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
		   "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		tr(lg, T_EXTRACTED), v.plan->tasks.n, tr(lg, T_REF), tr(lg, T_CONTENT), tr(lg, T_LEAD),
		tr(lg, T_DUE), tr(lg, T_LEADER), tr(lg, T_LINE));
	for (i = 0; i < v.plan->tasks.n; i++)
		review_row(rq, o, rq->id, &v.plan->tasks.v[i], editable);
	sb_addf(o, "</tbody></table></section><section class=\"card source\"><h2>%s</h2>",
		tr(lg, T_SOURCE_TEXT));
	if (!v.nlines)
		sb_addf(o, "<p class=\"muted\">%s</p>", tr(lg, T_NO_SOURCE));
	else
		sb_adds(o, "<ol class=\"lines\">");
	for (i = 0; i < v.nlines; i++) {
		sb_addf(o, "<li value=\"%d\" id=\"L%d\">", v.lines[i].line, v.lines[i].line);
		html_text(o, v.lines[i].text);
		sb_adds(o, "</li>");
	}
	if (v.nlines)
		sb_adds(o, "</ol>");
	sb_adds(o, "</section></div>");
	html_end(rq, rs);
	review_view_release(&v);
out:
	sb_release(&err);
	return 0;
}

/* ---- corrections: edit, merge, split, publish ----------------------------------------- */

/* Where a correction goes back to: the review page of the form's plan. */
static void back_to_review(struct req *rq, struct resp *rs, long long task_id)
{
	const char *plan = req_form(rq, "plan");
	char *end;
	long long id;

	errno = 0;
	id = plan ? strtoll(plan, &end, 10) : 0;
	if (!plan || errno || *end || id <= 0)
		resp_redirect(rs, "/tasks/%lld", task_id);
	else
		resp_redirect(rs, "/plans/%lld/review?ok=1#t%lld", id, task_id);
}

static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

int page_task_edit_post(struct req *rq, struct resp *rs)
{
	struct edit_req e = { 0 };
	struct sb err = SB_INIT;
	int rc;

	e.task_id = rq->id;
	e.field = req_form(rq, "field");
	e.value = req_form(rq, "value");
	e.reason = nz(req_form(rq, "reason"));
	if ((rc = ops_edit(&rq->ops, &e, &err)) < 0)
		fail_page(rq, rs, rc, &err);
	else
		back_to_review(rq, rs, rq->id);
	due_free(e.due);
	sb_release(&err);
	return 0;
}

int page_task_merge_post(struct req *rq, struct resp *rs)
{
	struct sb err = SB_INIT;
	int rc = ops_task_merge(&rq->ops, rq->id, nz(req_form(rq, "reason")), NULL, &err);

	if (rc < 0)
		fail_page(rq, rs, rc, &err);
	else
		back_to_review(rq, rs, rq->id);
	sb_release(&err);
	return 0;
}

int page_task_split_post(struct req *rq, struct resp *rs)
{
	struct split_req s = { .task_id = rq->id, .at = -1 };
	const char *at = nz(req_form(rq, "at"));
	struct sb err = SB_INIT;
	int rc;

	s.text = nz(req_form(rq, "text"));
	s.reason = nz(req_form(rq, "reason"));
	if (at) {
		char *end;

		errno = 0;
		s.at = strtol(at, &end, 10);
		if (errno || *end || s.at <= 0) {
			html_error(rq, rs, 400, "the cut position is a number of characters");
			goto out;
		}
	}
	if ((rc = ops_task_split(&rq->ops, &s, &err)) < 0)
		fail_page(rq, rs, rc, &err);
	else
		back_to_review(rq, rs, rq->id);
out:
	sb_release(&err);
	return 0;
}

int page_publish_post(struct req *rq, struct resp *rs)
{
	struct sb err = SB_INIT;
	bool already;
	int rc = ops_publish(&rq->ops, rq->id, &already, &err);

	if (rc < 0)
		fail_page(rq, rs, rc, &err);
	else
		resp_redirect(rs, "/plans/%lld", rq->id);
	sb_release(&err);
	return 0;
}

/* ---- JSON API ------------------------------------------------------------------------------ */

static int send(struct resp *rs, int status, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);

	json_decref(j);
	sb_reset(&rs->body);
	rs->status = status;
	rs->type = "application/json";
	if (s)
		sb_adds(&rs->body, s);
	free(s);
	return 0;
}

static int api_fail(struct req *rq, struct resp *rs, int rc, struct sb *err)
{
	int status = web_status_of(rc);

	return api_problem(rq, rs, status, status == 500 ? NULL : err->buf);
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *job_json(const struct import_job *j)
{
	json_t *o = json_pack("{s:I, s:s, s:o, s:o, s:I, s:I, s:o, s:o, s:o}", "id",
			      (json_int_t)j->id, "state", j->state, "file_name", jstr(j->file_name),
			      "login", jstr(j->login), "done", (json_int_t)j->done, "total",
			      (json_int_t)j->total, "error", jstr(j->error), "created_at",
			      jstr(j->created_at), "updated_at", jstr(j->updated_at));

	json_object_set_new(o, "plan_id", j->plan_id ? json_integer(j->plan_id) : json_null());
	return o;
}

int api_import_post(struct req *rq, struct resp *rs)
{
	struct import_job j;
	struct sb err = SB_INIT;
	const char *name, *data;
	long long id;
	size_t len;
	int rc;

	if ((rc = ops_allowed(&rq->ops, OPS_IMPORT, &err)) < 0) {
		api_fail(rq, rs, rc, &err);
		goto out;
	}
	if (rq->up.field) { /* multipart: the file part */
		name = rq->up.filename;
		data = rq->up.data.buf;
		len = rq->up.data.len;
	} else { /* the raw body, named by ?name= */
		name = req_query(rq, "name");
		data = rq->raw.buf;
		len = rq->raw.len;
	}
	if (!len || !data) {
		api_problem(rq, rs, 400, "no document: send it as the body (with ?name=FILE) or as"
					 " a multipart file part");
		goto out;
	}
	if ((rc = start_import(rq, name && *name ? name : "upload", data, len, &id, &err)) < 0 ||
	    (rc = ops_import_job_get(&rq->ops, id, &j, &err)) < 0) {
		api_fail(rq, rs, rc, &err);
		goto out;
	}
	send(rs, 202, job_json(&j));
	resp_redirect(rs, "/api/v1/imports/%lld", id);
	rs->status = 202;
	import_job_release(&j);
out:
	sb_release(&err);
	return 0;
}

int api_import(struct req *rq, struct resp *rs)
{
	struct import_job j;
	struct sb err = SB_INIT;
	int rc = ops_import_job_get(&rq->ops, rq->id, &j, &err);

	if (rc < 0) {
		api_fail(rq, rs, rc, &err);
	} else {
		send(rs, 200, job_json(&j));
		import_job_release(&j);
	}
	sb_release(&err);
	return 0;
}

int api_publish_post(struct req *rq, struct resp *rs)
{
	struct sb err = SB_INIT;
	bool already;
	int rc = ops_publish(&rq->ops, rq->id, &already, &err);

	if (rc < 0)
		api_fail(rq, rs, rc, &err);
	else
		send(rs, 200, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)rq->id, "status",
					"published", "already", already));
	sb_release(&err);
	return 0;
}
