/*
 * pages.c - the HTML pages: login, the home page of each role, plans, a
 * plan's tasks with filters and search, a task with its reports, history and
 * forms. Handlers read through src/ops/ (which decides what the user may see
 * and do) and render with html.c; every text is escaped.
 */
#include "base/compat.h"
#include "web/web_int.h"
#include "base/err.h"
#include "base/escape.h"
#include "base/utf8.h"
#include "model/plan.h"
#include "ops/views.h"
#include "report/report.h"
#include "store/store.h"
#include "track/status.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#define PAGE_SIZE 50
#define COOKIE "__Host-dondoc"

struct asset {
	const char *name, *type;
	const unsigned char *data;
	size_t len;
};
#include "web_assets.h"

int page_static(struct req *rq, struct resp *rs)
{
	const char *name = rq->path + strlen("/static/");
	size_t i;

	for (i = 0; i < ARRAY_SIZE(assets); i++)
		if (strcmp(assets[i].name, name) == 0) {
			rs->type = assets[i].type;
			rs->bin = assets[i].data;
			rs->binlen = assets[i].len;
			rs->cache = true;
			return 0;
		}
	return html_error(rq, rs, 404, NULL);
}

int page_healthz(struct req *rq, struct resp *rs)
{
	rs->type = "text/plain; charset=utf-8";
	sb_adds(&rs->body, "ok\n");
	return 0;
}

/* ---- login, logout, language -------------------------------------------- */

static void login_form(struct req *rq, struct resp *rs, const char *msg)
{
	struct sb *o = &rs->body;
	enum lang l = rq->lang;

	html_begin(rq, rs, tr(l, T_LOGIN));
	sb_addf(o, "<section class=\"card login\"><h1>%s</h1>", tr(l, T_APP));
	if (msg) {
		sb_adds(o, "<p class=\"notice err\">");
		html_text(o, msg);
		sb_adds(o, "</p>");
	}
	sb_addf(o, "<form class=\"stack\" method=\"post\" action=\"/login\">"
		   "<label for=\"login\">%s</label><input id=\"login\" name=\"login\""
		   " autocomplete=\"username\" required autofocus>"
		   "<label for=\"password\">%s</label><input id=\"password\" name=\"password\""
		   " type=\"password\" autocomplete=\"current-password\" required>"
		   "<input type=\"submit\" value=\"%s\"></form></section>",
		tr(l, T_USERNAME), tr(l, T_PASSWORD), tr(l, T_LOGIN));
	html_end(rq, rs);
}

int page_login(struct req *rq, struct resp *rs)
{
	login_form(rq, rs, NULL);
	return 0;
}

int page_login_post(struct req *rq, struct resp *rs)
{
	struct principal p;
	struct sb err = SB_INIT;
	bool throttled = false;
	int rc;

	rc = ops_session_login(&rq->ops, req_form(rq, "login"), req_form(rq, "password"), rq->addr,
		       req_cookie(rq, COOKIE), &p, &throttled, &err);
	if (rc == 0) {
		/* __Host- requires Secure, which browsers honour on http://127.0.0.1
		 * and localhost as well as on https (docs/web.md). */
		resp_cookie(rs, COOKIE "=%s; Path=/; HttpOnly; Secure; SameSite=Strict", p.sid);
		resp_redirect(rs, "/");
		principal_release(&p);
	} else if (rc == -ERR_DENIED) {
		rs->status = throttled ? 429 : 401;
		login_form(rq, rs, tr(rq->lang, throttled ? T_THROTTLED : T_BAD_LOGIN));
	} else {
		html_error(rq, rs, web_status_of(rc), err.buf);
	}
	sb_release(&err);
	return 0;
}

int page_logout(struct req *rq, struct resp *rs)
{
	struct sb err = SB_INIT;

	ops_logout(&rq->ops, req_cookie(rq, COOKIE), &err);
	resp_cookie(rs, COOKIE "=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0");
	resp_redirect(rs, "/login");
	sb_release(&err);
	return 0;
}

int page_lang(struct req *rq, struct resp *rs)
{
	const char *to = req_query(rq, "to"), *back = req_query(rq, "back");
	bool en = to && strcmp(to, "en") == 0;

	resp_cookie(rs, "lang=%s; Path=/; SameSite=Strict; Max-Age=31536000", en ? "en" : "vi");
	/* Only a path on this site: no open redirect. */
	if (!back || back[0] != '/' || back[1] == '/' || back[1] == '\\' || strpbrk(back, "\r\n"))
		back = "/";
	resp_redirect(rs, "%s", back);
	return 0;
}

/* ---- task tables --------------------------------------------------------- */

static void add_list(struct sb *o, const struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i)
			sb_adds(o, "; ");
		html_text(o, l->v[i]);
	}
}

static void add_due(struct sb *o, const struct task *t)
{
	if (!t->due)
		return;
	if (t->due->text)
		html_text(o, t->due->text);
	else if (t->due->end[0])
		html_text(o, t->due->end);
}

static void table_head(struct req *rq, struct sb *o)
{
	enum lang l = rq->lang;

	sb_addf(o, "<table class=\"tasks\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
		   "<th>%s</th><th>%s</th><th></th></tr></thead><tbody>",
		tr(l, T_REF), tr(l, T_CONTENT), tr(l, T_LEAD), tr(l, T_DUE), tr(l, T_STATUS));
}

static void task_row(struct req *rq, struct sb *o, const struct task_view *x, bool report_button)
{
	struct sb cut = SB_INIT;

	sb_addf(o, "<tr><td>");
	html_text(o, x->t->ref);
	sb_addf(o, "</td><td><a href=\"/tasks/%lld\">", x->t->id);
	utf8_truncate(&cut, x->t->text ? x->t->text : "", 180);
	html_text(o, cut.buf);
	sb_adds(o, "</a></td><td>");
	add_list(o, &x->t->lead);
	if (!x->t->lead.n)
		add_list(o, &x->t->lead_groups);
	sb_adds(o, "</td><td>");
	add_due(o, x->t);
	sb_adds(o, "</td><td>");
	html_bucket_badge(rq, o, (int)x->res.bucket);
	sb_adds(o, "</td><td>");
	if (report_button)
		sb_addf(o, "<a class=\"badge b-blue\" href=\"/tasks/%lld#report\">%s</a>", x->t->id,
			tr(rq->lang, T_REPORT));
	sb_adds(o, "</td></tr>");
	sb_release(&cut);
}

/* Row i of page l: kept or not. */
typedef bool (*row_pred)(const struct task_page_view *l, size_t i);

/* Rows a home page section shows: an officer whose body is named on 1,900
 * tasks of a national world gets their count, the first rows and the way to
 * the rest, not a page of 600 KB on every visit. */
#define SECTION_ROWS 50

/* A titled table of the first SECTION_ROWS rows pred keeps, and how many
 * more. */
static void task_section(struct req *rq, struct sb *o, enum tkey title,
			 const struct task_page_view *l, row_pred pred, bool report_button)
{
	bool *keep = xcalloc(l->n + 1, sizeof(*keep)); /* pred asked once a row */
	size_t i, k, n = 0;

	for (i = 0; i < l->n; i++)
		n += keep[i] = pred(l, i);
	sb_addf(o, "<section class=\"card\"><h2>%s (%zu)</h2>", tr(rq->lang, title), n);
	if (!n) {
		sb_addf(o, "<p class=\"muted\">%s</p></section>", tr(rq->lang, T_NONE));
		free(keep);
		return;
	}
	table_head(rq, o);
	for (i = 0, k = 0; i < l->n && k < SECTION_ROWS; i++)
		if (keep[i]) {
			task_row(rq, o, l->tasks[i], report_button);
			k++;
		}
	sb_adds(o, "</tbody></table>");
	if (n > k)
		sb_addf(o, "<p class=\"muted\">%s%zu%s. <a href=\"/plans\">%s</a>.</p>",
			tr(rq->lang, T_MORE_PRE), n - k, tr(rq->lang, T_MORE_ROWS),
			tr(rq->lang, T_HOME_MORE));
	sb_adds(o, "</section>");
	free(keep);
}

static bool is_due_soon(const struct task_page_view *l, size_t i)
{
	return l->tasks[i]->res.bucket == STATUS_DUE_SOON;
}

static bool is_overdue(const struct task_page_view *l, size_t i)
{
	return l->tasks[i]->res.bucket == STATUS_OVERDUE;
}

static bool is_awaiting(const struct task_page_view *l, size_t i)
{
	return l->tasks[i]->res.bucket == STATUS_AWAITING_CONFIRMATION;
}

/* Open tasks whose report for this period is owed and not in. */
static bool is_open(const struct task_view *x)
{
	switch (x->res.bucket) {
	case STATUS_ON_TRACK:
	case STATUS_DUE_SOON:
	case STATUS_OVERDUE:
	case STATUS_ONGOING_UNREPORTED:
		return true;
	default:
		return false;
	}
}

static bool is_unreported_mine(const struct task_page_view *l, size_t i)
{
	return l->owed && l->owed[i] && is_open(l->tasks[i]) && !l->tasks[i]->res.reported;
}

/* Tasks by lead agency and who to urge: the rollup of the core's status
 * view (`dondoc status`), rendered. */
static void agency_table(struct req *rq, struct sb *o, const struct status_view *sv)
{
	const struct status_rollup *ru = sv->by_agency;
	enum lang lg = rq->lang;
	size_t i, n = status_rollup_count(ru), k = 0;

	sb_addf(o, "<section class=\"card\"><h2>%s</h2>", tr(lg, T_BY_AGENCY));
	if (!n) {
		sb_addf(o, "<p class=\"muted\">%s</p></section>", tr(lg, T_NONE));
		return;
	}
	sb_addf(o, "<table><thead><tr><th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s"
		   "</th><th class=\"num\">%s</th></tr></thead><tbody>",
		tr(lg, T_AGENCY), tr(lg, T_COUNT), tr(lg, T_OVERDUE), tr(lg, T_UNREPORTED));
	for (i = 0; i < n; i++) {
		const struct status_agg *a = status_rollup_agg(ru, i);

		sb_adds(o, "<tr><td>");
		html_text(o, *status_rollup_key(ru, i) ? status_rollup_key(ru, i) : "—");
		sb_addf(o, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
			   "<td class=\"num\">%zu</td></tr>",
			a->total, a->n[STATUS_OVERDUE], a->n[STATUS_ONGOING_UNREPORTED]);
	}
	sb_addf(o, "</tbody></table><h2>%s</h2><ul>", tr(lg, T_URGE));
	for (i = 0; i < n; i++) {
		const struct status_agg *a = status_rollup_agg(ru, i);

		if (!*status_rollup_key(ru, i) ||
		    (!a->n[STATUS_OVERDUE] && !a->n[STATUS_ONGOING_UNREPORTED]))
			continue;
		sb_adds(o, "<li><img src=\"/static/warn.svg\" alt=\"\" width=\"16\" height=\"16\"> ");
		html_text(o, status_rollup_key(ru, i));
		sb_addf(o, " — %zu %s, %zu %s</li>", a->n[STATUS_OVERDUE], tr(lg, T_OVERDUE),
			a->n[STATUS_ONGOING_UNREPORTED], tr(lg, T_UNREPORTED));
		k++;
	}
	if (!k)
		sb_addf(o, "<li>%s</li>", tr(lg, T_NONE));
	sb_adds(o, "</ul></section>");
}

/* Reports expected this period, received, on time, and who has not sent
 * one: the core's completeness view (`dondoc completeness`), rendered. */
static void completeness_table(struct req *rq, struct sb *o, const struct completeness_view *v)
{
	enum lang lg = rq->lang;
	size_t i, n = completeness_agency_count(v->c);

	sb_addf(o, "<section class=\"card\"><h2>%s</h2>", tr(lg, T_COMPLETENESS));
	if (!n) {
		sb_addf(o, "<p class=\"muted\">%s</p></section>", tr(lg, T_NONE));
		return;
	}
	sb_addf(o, "<table><thead><tr><th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s"
		   "</th><th class=\"num\">%s</th></tr></thead><tbody>",
		tr(lg, T_AGENCY), tr(lg, T_EXPECTED), tr(lg, T_REPORTED), tr(lg, T_ON_TIME));
	for (i = 0; i < n; i++) {
		struct completeness_counts kc;

		completeness_agency_counts(v->c, i, &kc);
		sb_adds(o, "<tr><td>");
		html_text(o, completeness_agency(v->c, i));
		sb_addf(o, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
			   "<td class=\"num\">%zu</td></tr>",
			kc.expected, kc.received, kc.on_time);
	}
	sb_addf(o, "</tbody></table><h3>%s (%zu)</h3><ul>", tr(lg, T_NOT_SENT), v->ngaps);
	for (i = 0; i < v->ngaps; i++) {
		sb_adds(o, "<li>");
		html_text(o, v->gaps[i].agency);
		if (v->gaps[i].overdue)
			sb_addf(o, " — %s", tr(lg, T_OVERDUE));
		sb_adds(o, "</li>");
	}
	if (!v->ngaps)
		sb_addf(o, "<li>%s</li>", tr(lg, T_NONE));
	sb_adds(o, "</ul></section>");
}

/* Charts: the rows of a rollup drawn (the rest counted), the months of the
 * completeness chart. */
#define CHART_TOP 12
#define CHART_PERIODS 6

/* The share of expected reports received and on time, period by period. */
static void completeness_chart(struct req *rq, struct sb *o, const struct completeness_view *v)
{
	enum lang lg = rq->lang;
	struct completeness_chart_labels lb = { tr(lg, T_CHART_COMPLETENESS), tr(lg, T_RECEIVED),
						tr(lg, T_ON_TIME), tr(lg, T_NOTHING_EXPECTED) };

	sb_addf(o, "<section class=\"card\"><h2>%s</h2>", tr(lg, T_CHART_COMPLETENESS));
	report_completeness_svg(v, CHART_PERIODS, &lb, o);
	sb_adds(o, "</section>");
}

static int fail_page(struct req *rq, struct resp *rs, int rc, struct sb *err)
{
	return html_error(rq, rs, web_status_of(rc),
			  rc == -ERR_NOTFOUND || rc == -ERR_DENIED || rc == -ERR_INPUT ||
					  rc == -ERR_CONFLICT
				  ? err->buf
				  : NULL);
}

int page_home(struct req *rq, struct resp *rs)
{
	struct task_page_req f = { .bucket = -1 };
	struct task_page_view l = { 0 };
	struct status_req sq = { 0 };
	struct status_view sv = { 0 };
	struct completeness_view cv = { 0 }, recent[CHART_PERIODS] = { { 0 } };
	struct bucket_chart_labels lb;
	struct sb err = SB_INIT, *o = &rs->body;
	enum lang lg = rq->lang;
	size_t i;
	bool overview = rq->who.actor.role != ROLE_OFFICER && rq->who.actor.role != ROLE_LEADER;
	int rc;

	/* The overview renders the core's status and completeness views (what
	 * `dondoc status` and `dondoc completeness` print); the officer's and
	 * the leader's pages list their tasks. */
	if (overview)
		rc = ops_status(&rq->ops, &sq, &sv, &err);
	else
		rc = ops_task_page(&rq->ops, &f, &l, &err);
	if (rc == 0 && overview)
		rc = ops_completeness(&rq->ops, NULL, 0, &cv, &err);
	if (rc == 0 && overview)
		rc = ops_completeness_recent(&rq->ops, CHART_PERIODS, 0, recent, &err);
	if (rc < 0) {
		fail_page(rq, rs, rc, &err);
		goto out;
	}
	html_begin(rq, rs, tr(lg, T_HOME));
	sb_addf(o, "<h1>%s</h1>", tr(lg, T_HOME));
	switch (rq->who.actor.role) {
	case ROLE_OFFICER:
		task_section(rq, o, T_DUE_SOON, &l, is_due_soon, true);
		task_section(rq, o, T_OVERDUE, &l, is_overdue, true);
		task_section(rq, o, T_UNREPORTED, &l, is_unreported_mine, true);
		break;
	case ROLE_LEADER:
		sb_addf(o, "<section class=\"card\"><h2>%s</h2>", tr(lg, T_PORTFOLIO));
		html_bucket_chart(rq, o, l.agg.n, tr(lg, T_PORTFOLIO));
		sb_adds(o, "</section>");
		task_section(rq, o, T_OVERDUE, &l, is_overdue, false);
		break;
	default: {
		/* The tasks awaiting confirmation, as a page for task_section: the
		 * status view counts them, so the walk stops at the last one
		 * instead of reading every task of the province. */
		size_t want = sv.total.n[STATUS_AWAITING_CONFIRMATION];
		struct task_page_view all = { .tasks = xcalloc(want + 1, sizeof(*all.tasks)) };

		for (i = 0; i < sv.ntasks && all.n < want; i++)
			if (sv.tasks[i]->res.bucket == STATUS_AWAITING_CONFIRMATION)
				all.tasks[all.n++] = sv.tasks[i];

		sb_addf(o, "<section class=\"card\"><h2>%s</h2>", tr(lg, T_BUCKETS));
		html_bucket_chart(rq, o, sv.total.n, tr(lg, T_BUCKETS));
		sb_adds(o, "</section>");
		sb_addf(o, "<section class=\"card\"><h2>%s</h2>", tr(lg, T_CHART_BY_AGENCY));
		html_bucket_labels(rq, &lb, tr(lg, T_CHART_BY_AGENCY), T_MORE_AGENCIES);
		report_rollup_svg(sv.by_agency, CHART_TOP, &lb, o);
		sb_adds(o, "</section>");
		agency_table(rq, o, &sv);
		completeness_chart(rq, o, recent);
		completeness_table(rq, o, &cv);
		task_section(rq, o, T_AWAITING, &all, is_awaiting, false);
		free(all.tasks);
		break;
	}
	}
	html_end(rq, rs);
out:
	if (overview) {
		status_view_release(&sv);
		completeness_view_release(&cv);
		for (i = 0; i < CHART_PERIODS; i++)
			completeness_view_release(&recent[i]);
	} else if (rc == 0) {
		task_page_view_release(&l);
	}
	sb_release(&err);
	return 0;
}

/* ---- plans --------------------------------------------------------------- */

struct plan_rows {
	struct req *rq;
	struct sb *o;
	long long only; /* page_plan: the plan wanted */
	bool found;
	char *title, *number, *status;
};

static int plan_row(const struct plan_meta *m, void *arg)
{
	struct plan_rows *pr = arg;
	struct sb *o = pr->o;
	enum lang lg = pr->rq->lang;

	if (pr->only) {
		if (m->id == pr->only) {
			pr->found = true;
			pr->title = xstrdup(m->title);
			pr->number = xstrdup(m->number);
			pr->status = xstrdup(plan_status_key(m->status));
		}
		return 0;
	}
	sb_addf(o, "<tr><td>%lld</td><td>", m->id);
	html_text(o, m->number);
	sb_addf(o, "</td><td><a href=\"/plans/%lld\">", m->id);
	html_text(o, m->title ? m->title : m->source);
	sb_addf(o, "</a></td><td>%s</td><td class=\"num\">%zu</td></tr>",
		tr(lg, m->status == PLAN_PUBLISHED ? T_PUBLISHED : T_DRAFT), m->ntasks);
	return 0;
}

/* plan_row for every plan the actor may see (ops_plan_list). */
static int each_plan(struct req *rq, struct plan_rows *pr, struct sb *err)
{
	struct plan_list_view v;
	size_t i;
	int rc = ops_plan_list(&rq->ops, &v, err);

	for (i = 0; rc == 0 && i < v.nplans; i++)
		plan_row(&v.plans[i], pr);
	if (rc == 0)
		plan_list_view_release(&v);
	return rc;
}

int page_plans(struct req *rq, struct resp *rs)
{
	struct plan_rows pr = { rq, &rs->body, 0, false, NULL, NULL, NULL };
	struct sb err = SB_INIT, *o = &rs->body;
	enum lang lg = rq->lang;
	int rc;

	html_begin(rq, rs, tr(lg, T_PLANS));
	sb_addf(o, "<h1>%s</h1><table><thead><tr><th>#</th><th>%s</th><th>%s</th><th>%s</th>"
		   "<th class=\"num\">%s</th></tr></thead><tbody>",
		tr(lg, T_PLANS), tr(lg, T_NUMBER), tr(lg, T_TITLE), tr(lg, T_STATUS), tr(lg, T_COUNT));
	if ((rc = each_plan(rq, &pr, &err)) < 0)
		fail_page(rq, rs, rc, &err);
	else {
		sb_adds(o, "</tbody></table>");
		html_end(rq, rs);
	}
	sb_release(&err);
	return 0;
}

/* An empty field is no field. */
static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

static void filter_input(struct sb *o, const char *label, const char *name, const char *value)
{
	sb_addf(o, "<label>%s<input name=\"%s\" value=\"", label, name);
	html_text(o, value);
	sb_adds(o, "\"></label>");
}

static void add_query(struct sb *o, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	sb_addf(o, "&amp;%s=", name);
	url_encode(o, value);
}

static long page_number(struct req *rq)
{
	const char *s = req_query(rq, "page");
	char *end;
	long v;

	if (!s)
		return 1;
	errno = 0;
	v = strtol(s, &end, 10);
	return errno || *end || v < 1 || v > 100000 ? 1 : v;
}

static int bucket_of(const char *key)
{
	int b;

	for (b = 0; key && *key && b < STATUS__COUNT; b++)
		if (strcmp(status_bucket_key((enum status_bucket)b), key) == 0)
			return b;
	return -1;
}

int page_plan(struct req *rq, struct resp *rs)
{
	const char *agency = req_query(rq, "agency"), *leader = req_query(rq, "leader"),
		   *bucket = req_query(rq, "bucket"), *q = req_query(rq, "q"),
		   *period = req_query(rq, "period");
	long page = page_number(rq);
	struct task_page_req f = { .q = { .plan_id = rq->id, .agency = nz(agency),
					  .leader = nz(leader) },
				   .bucket = bucket_of(bucket),
				   .search = nz(q),
				   .period = nz(period),
				   .offset = (size_t)(page - 1) * PAGE_SIZE,
				   .limit = PAGE_SIZE };
	struct plan_rows pr = { rq, NULL, rq->id, false, NULL, NULL, NULL };
	struct plan_meta meta;
	struct task_page_view l = { 0 };
	struct sb err = SB_INIT, *o = &rs->body, qs = SB_INIT;
	enum lang lg = rq->lang;
	size_t i;
	int b, rc;

	/* A published plan is in the world the tasks come from: its heading
	 * needs no plan list (which counts every plan's tasks). */
	if (ops_task_page(&rq->ops, &f, &l, &err) == 0) {
		for (i = 0; i < l.w->nplans && !pr.found; i++)
			if (l.w->plans[i].id == rq->id) {
				pr.found = true;
				pr.title = l.w->plans[i].doc.title ? xstrdup(l.w->plans[i].doc.title) : NULL;
				pr.number = l.w->plans[i].doc.number ? xstrdup(l.w->plans[i].doc.number)
								      : NULL;
				pr.status = xstrdup("published");
			}
		if (!pr.found)
			task_page_view_release(&l);
	}
	sb_reset(&err);
	/* Else (a draft, or a plan the world does not hold): its own row. */
	rc = 0;
	if (!pr.found && ((rc = ops_plan_meta(&rq->ops, rq->id, &meta, &err)) < 0 ||
			  (rc = plan_row(&meta, &pr), plan_meta_release(&meta), rc) < 0 ||
			  (rc = ops_task_page(&rq->ops, &f, &l, &err)) < 0)) {
		if (rc == -ERR_NOTFOUND && !err.len)
			sb_addf(&err, "no plan %lld that you may see", rq->id);
		fail_page(rq, rs, rc, &err);
		goto out;
	}
	html_begin(rq, rs, pr.title ? pr.title : tr(lg, T_PLAN));
	sb_adds(o, "<h1>");
	html_text(o, pr.number);
	sb_adds(o, pr.number ? " — " : "");
	html_text(o, pr.title);
	sb_addf(o, "</h1><form class=\"filters\" method=\"get\" action=\"/plans/%lld\">", rq->id);
	filter_input(o, tr(lg, T_SEARCH), "q", q);
	filter_input(o, tr(lg, T_AGENCY), "agency", agency);
	filter_input(o, tr(lg, T_LEADER), "leader", leader);
	filter_input(o, tr(lg, T_PERIOD), "period", period);
	sb_addf(o, "<label>%s<select name=\"bucket\"><option value=\"\">%s</option>", tr(lg, T_STATUS),
		tr(lg, T_ALL));
	for (b = 0; b < STATUS__COUNT; b++) {
		sb_addf(o, "<option value=\"%s\"%s>", status_bucket_key((enum status_bucket)b),
			f.bucket == b ? " selected" : "");
		html_text(o, lg == LANG_EN ? status_bucket_en((enum status_bucket)b)
					     : status_bucket_vi((enum status_bucket)b));
		sb_adds(o, "</option>");
	}
	sb_addf(o, "</select></label><input type=\"submit\" value=\"%s\"></form>", tr(lg, T_FILTER));
	if (strcmp(pr.status, "published") != 0)
		sb_addf(o, "<p class=\"notice ok\">%s</p>", tr(lg, T_DRAFT));
	else /* the documents of the plan as this user may read it (ops_plan_document) */
		sb_addf(o, "<p class=\"downloads\">"
			   "<a class=\"button\" href=\"/plans/%lld/export.docx\" download>DOCX</a> "
			   "<a class=\"button\" href=\"/plans/%lld/export.xlsx\" download>XLSX</a> "
			   "<a class=\"button\" href=\"/plans/%lld/export.csv\" download>CSV</a> "
			   "<a class=\"button\" href=\"/plans/%lld/export.ics\" download>ICS</a></p>",
			rq->id, rq->id, rq->id, rq->id);
	if (strcmp(pr.status, "published") == 0) /* indicator_pages.c */
		sb_addf(o, "<p><a href=\"/plans/%lld/indicators\">%s</a> · <a href=\"/plans/%lld/charts\">"
			   "%s</a></p>",
			rq->id, tr(lg, T_INDICATORS), rq->id, tr(lg, T_CHARTS));
	sb_addf(o, "<p class=\"muted\">%s: %zu</p>", tr(lg, T_TOTAL), l.total);
	if (l.n) {
		table_head(rq, o);
		for (i = 0; i < l.n; i++)
			task_row(rq, o, l.tasks[i], l.owed[i]);
		sb_adds(o, "</tbody></table>");
	}
	add_query(&qs, "q", q);
	add_query(&qs, "agency", agency);
	add_query(&qs, "leader", leader);
	add_query(&qs, "period", period);
	add_query(&qs, "bucket", bucket);
	sb_adds(o, "<nav class=\"pager\">");
	if (page > 1)
		sb_addf(o, "<a href=\"/plans/%lld?page=%ld%s\">%s</a>", rq->id, page - 1, qs.buf,
			tr(lg, T_PREV));
	if (f.offset + l.n < l.total)
		sb_addf(o, "<a href=\"/plans/%lld?page=%ld%s\">%s</a>", rq->id, page + 1, qs.buf,
			tr(lg, T_NEXT));
	sb_adds(o, "</nav>");
	html_end(rq, rs);
out:
	task_page_view_release(&l);
	free(pr.title);
	free(pr.number);
	free(pr.status);
	sb_release(&qs);
	sb_release(&err);
	return 0;
}

/* ---- a plan's charts ------------------------------------------------------- */

/* GET /plans/{id}/charts: the tasks of the plan the user may see by section
 * and by leader (the status view's rollups), and the plan's reports received
 * month by month (the completeness view), as SVG bar charts. A page of its
 * own so that the plan page stays one read of the shared world. */
int page_plan_charts(struct req *rq, struct resp *rs)
{
	struct status_req sq = { .q = { .plan_id = rq->id } };
	struct status_view sv = { 0 };
	struct completeness_view recent[CHART_PERIODS] = { { 0 } };
	struct bucket_chart_labels lb;
	struct sb err = SB_INIT, *o = &rs->body;
	enum lang lg = rq->lang;
	const char *title = NULL, *number = NULL;
	size_t i;
	int rc = ops_status(&rq->ops, &sq, &sv, &err);

	if (rc == 0)
		rc = ops_completeness_recent(&rq->ops, CHART_PERIODS, rq->id, recent,
					     &err);
	for (i = 0; rc == 0 && i < sv.w.nplans; i++)
		if (sv.w.plans[i].id == rq->id) {
			title = sv.w.plans[i].doc.title;
			number = sv.w.plans[i].doc.number;
			break;
		}
	if (rc == 0 && i == sv.w.nplans) {
		sb_addf(&err, "no published plan %lld that you may see", rq->id);
		rc = -ERR_NOTFOUND;
	}
	if (rc < 0) {
		fail_page(rq, rs, rc, &err);
		goto out;
	}
	html_begin(rq, rs, tr(lg, T_CHARTS));
	sb_adds(o, "<h1>");
	html_text(o, number);
	sb_adds(o, number ? " — " : "");
	html_text(o, title);
	sb_addf(o, "</h1><p><a href=\"/plans/%lld\">%s</a></p>", rq->id, tr(lg, T_BACK));
	sb_addf(o, "<section class=\"card\"><h2>%s</h2>", tr(lg, T_BUCKETS));
	html_bucket_chart(rq, o, sv.total.n, tr(lg, T_BUCKETS));
	sb_addf(o, "</section><section class=\"card\"><h2>%s</h2>", tr(lg, T_CHART_BY_SECTION));
	html_bucket_labels(rq, &lb, tr(lg, T_CHART_BY_SECTION), T_MORE_ROWS);
	report_rollup_svg(sv.by_section, CHART_TOP, &lb, o);
	sb_addf(o, "</section><section class=\"card\"><h2>%s</h2>", tr(lg, T_CHART_BY_LEADER));
	html_bucket_labels(rq, &lb, tr(lg, T_CHART_BY_LEADER), T_MORE_LEADERS);
	report_rollup_svg(sv.by_leader, CHART_TOP, &lb, o);
	sb_adds(o, "</section>");
	completeness_chart(rq, o, recent);
	html_end(rq, rs);
out:
	status_view_release(&sv);
	for (i = 0; i < CHART_PERIODS; i++)
		completeness_view_release(&recent[i]);
	sb_release(&err);
	return 0;
}

/* ---- a task -------------------------------------------------------------- */

static void field(struct sb *o, const char *label, const char *value)
{
	sb_addf(o, "<dt>%s</dt><dd>", label);
	html_text(o, value);
	sb_adds(o, "</dd>");
}

static void report_line(struct sb *o, const struct history_report *r)
{
	sb_addf(o, "<tr><td>%lld</td><td>", r->id);
	html_text(o, r->filed_on);
	sb_adds(o, "</td><td>");
	html_text(o, r->agency);
	sb_adds(o, " (");
	html_text(o, r->role);
	sb_adds(o, ")</td><td>");
	html_text(o, r->state);
	if (r->completion_date) {
		sb_adds(o, " · ");
		html_text(o, r->completion_date);
	}
	if (r->has_value)
		sb_addf(o, " · %g", r->value);
	if (r->nevidence)
		sb_addf(o, " · 📎%zu", r->nevidence);
	sb_adds(o, "</td><td>");
	html_text(o, r->note);
	sb_adds(o, "</td><td>");
	html_text(o, r->decision);
	if (r->decision_reason) {
		sb_adds(o, ": ");
		html_text(o, r->decision_reason);
	}
	sb_adds(o, r->replaced ? " (replaced)" : "");
	sb_adds(o, "</td><td>");
	html_text(o, r->actor);
	sb_adds(o, "</td></tr>");
}

static void change_line(struct sb *o, const struct change_item *c)
{
	sb_adds(o, "<tr><td>");
	html_text(o, c->at);
	sb_adds(o, "</td><td>");
	html_text(o, c->field);
	sb_adds(o, "</td><td>");
	html_text(o, c->old_value);
	sb_adds(o, "</td><td>");
	html_text(o, c->new_value);
	sb_adds(o, "</td><td>");
	html_text(o, c->actor);
	sb_adds(o, ": ");
	html_text(o, c->reason);
	sb_adds(o, "</td></tr>");
}

static void report_form(struct req *rq, struct sb *o, long long id)
{
	static const char *const states[] = { "in_progress", "done", "not_started", "paused",
					      "change_requested" };
	enum lang lg = rq->lang;
	size_t i;

	sb_addf(o, "<section class=\"card\" id=\"report\"><h2>%s</h2>"
		   "<form class=\"stack\" method=\"post\" action=\"/tasks/%lld/report\""
		   " enctype=\"multipart/form-data\">",
		tr(lg, T_REPORT_FORM), id);
	html_csrf(rq, o);
	sb_addf(o, "<label for=\"state\">%s</label><select id=\"state\" name=\"state\">",
		tr(lg, T_STATE));
	for (i = 0; i < ARRAY_SIZE(states); i++) {
		enum task_state st;

		task_state_parse(states[i], &st);
		sb_addf(o, "<option value=\"%s\">", states[i]);
		html_text(o, task_state_vi(st));
		sb_adds(o, "</option>");
	}
	sb_addf(o, "</select><label for=\"date\">%s</label><input id=\"date\" name=\"date\""
		   " type=\"date\"><label for=\"period\">%s</label><input id=\"period\""
		   " name=\"period\" placeholder=\"2026-07, 2026-Q3, 2026-H1\">"
		   "<label for=\"value\">%s</label><input id=\"value\" name=\"value\""
		   " inputmode=\"decimal\"><label for=\"note\">%s</label><textarea id=\"note\""
		   " name=\"note\" rows=\"3\"></textarea><label for=\"evidence\">%s</label>"
		   "<input id=\"evidence\" name=\"evidence\" type=\"file\">"
		   "<input type=\"submit\" value=\"%s\"></form></section>",
		tr(lg, T_DATE_DONE), tr(lg, T_PERIOD), tr(lg, T_VALUE), tr(lg, T_NOTE),
		tr(lg, T_EVIDENCE), tr(lg, T_SEND));
}

static void decide_forms(struct req *rq, struct sb *o, long long id)
{
	enum lang lg = rq->lang;

	sb_addf(o, "<section class=\"card\"><h2>%s</h2><form method=\"post\""
		   " action=\"/tasks/%lld/confirm\">",
		tr(lg, T_AWAITING), id);
	html_csrf(rq, o);
	sb_addf(o, "<button class=\"primary\" type=\"submit\">%s</button></form>"
		   "<form class=\"stack\" method=\"post\" action=\"/tasks/%lld/reject\">",
		tr(lg, T_CONFIRM), id);
	html_csrf(rq, o);
	sb_addf(o, "<label for=\"reason\">%s</label><input id=\"reason\" name=\"reason\" required>"
		   "<button class=\"danger\" type=\"submit\">%s</button></form></section>",
		tr(lg, T_REASON), tr(lg, T_REJECT));
}

int page_task(struct req *rq, struct resp *rs)
{
	struct task_page_req f = { .bucket = -1, .task_id = rq->id };
	struct task_page_view l = { 0 };
	struct history_view h = { 0 };
	const char *own;
	struct sb err = SB_INIT, *o = &rs->body;
	enum lang lg = rq->lang;
	const struct task_view *x;
	const struct task *t;
	char line[24];
	size_t i;
	int rc;

	if ((rc = ops_task_page(&rq->ops, &f, &l, &err)) < 0 ||
	    (rc = ops_history(&rq->ops, rq->id, &h, &err)) < 0) {
		fail_page(rq, rs, rc, &err);
		goto out;
	}
	x = l.tasks[0];
	t = x->t;
	html_begin(rq, rs, tr(lg, T_TASK));
	sb_addf(o, "<h1>%s %lld</h1>", tr(lg, T_TASK), x->t->id);
	if (req_query(rq, "ok"))
		sb_addf(o, "<p class=\"notice ok\">%s</p>", tr(lg, T_SAVED));
	sb_adds(o, "<section class=\"card\"><dl class=\"fields\">");
	sb_addf(o, "<dt>%s</dt><dd><a href=\"/plans/%lld\">", tr(lg, T_PLAN), x->plan->id);
	html_text(o, x->plan->doc.number);
	sb_adds(o, " ");
	html_text(o, x->plan->doc.title);
	sb_addf(o, "</a></dd><dt>%s</dt><dd>", tr(lg, T_STATUS));
	html_bucket_badge(rq, o, (int)x->res.bucket);
	sb_adds(o, "</dd>");
	field(o, tr(lg, T_SECTION), t->section);
	field(o, tr(lg, T_REF), t->ref);
	field(o, tr(lg, T_CONTENT), t->text);
	sb_addf(o, "<dt>%s</dt><dd>", tr(lg, T_LEAD));
	add_list(o, &t->lead);
	if (t->lead_groups.n) {
		sb_adds(o, t->lead.n ? "; " : "");
		add_list(o, &t->lead_groups);
	}
	sb_addf(o, "</dd><dt>%s</dt><dd>", tr(lg, T_COORD));
	add_list(o, &t->coordinate);
	if (t->coordinate_groups.n) {
		sb_adds(o, t->coordinate.n ? "; " : "");
		add_list(o, &t->coordinate_groups);
	}
	sb_adds(o, "</dd>");
	field(o, tr(lg, T_LEADER), t->leader);
	field(o, tr(lg, T_SUPERVISOR), t->supervisor);
	sb_addf(o, "<dt>%s</dt><dd>", tr(lg, T_DUE));
	add_due(o, t);
	if (t->due && t->due->start[0]) {
		sb_adds(o, " <span class=\"muted\">(");
		html_text(o, t->due->start);
		sb_adds(o, " → ");
		html_text(o, t->due->end);
		sb_adds(o, ")</span>");
	}
	sb_adds(o, "</dd>");
	field(o, tr(lg, T_RESULT), t->result);
	for (i = 0; i < t->targets.n; i++)
		field(o, tr(lg, T_VALUE), t->targets.v[i].text);
	if (t->doubt.n) {
		sb_addf(o, "<dt>%s</dt><dd>", tr(lg, T_DOUBT));
		add_list(o, &t->doubt);
		sb_adds(o, "</dd>");
	}
	snprintf(line, sizeof(line), "%d", t->line);
	field(o, tr(lg, T_SOURCE), t->line ? line : NULL);
	sb_addf(o, "</dl></section><section class=\"card\"><h2>%s</h2><table><thead><tr><th>#</th>"
		   "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>"
		   "<tbody>",
		tr(lg, T_REPORTS), tr(lg, T_FILED), tr(lg, T_AGENCY), tr(lg, T_STATE), tr(lg, T_NOTE),
		tr(lg, T_DECISION), tr(lg, T_BY));
	for (i = 0; i < h.nreports; i++)
		report_line(o, &h.reports[i]);
	sb_addf(o, "</tbody></table></section><section class=\"card\"><h2>%s</h2><table><thead>"
		   "<tr><th></th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		tr(lg, T_HISTORY), tr(lg, T_FIELD), tr(lg, T_OLD), tr(lg, T_NEW), tr(lg, T_BY));
	for (i = 0; i < h.nchanges; i++)
		change_line(o, &h.changes[i]);
	sb_adds(o, "</tbody></table></section>");
	/* The forms the operations would accept: the rules are ops.c's. */
	if (ops_own_agency(&rq->ops, &own, NULL) == 0 &&
	    ops_may_report(&rq->ops, x->t, own, NULL) == 0)
		report_form(rq, o, x->t->id);
	if (ops_allowed(&rq->ops, OPS_DECIDE, NULL) == 0 &&
	    x->res.bucket == STATUS_AWAITING_CONFIRMATION)
		decide_forms(rq, o, x->t->id);
	html_end(rq, rs);
out:
	history_view_release(&h);
	task_page_view_release(&l);
	sb_release(&err);
	return 0;
}

/* Writes the uploaded evidence to a private temporary file that ops_report
 * stages into the blob store; the caller unlinks path. */
static int upload_to_file(struct req *rq, char *path, size_t len, struct sb *err)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	snprintf(path, len, "%s/dondoc-upload.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemp(path)) < 0) {
		sb_addf(err, "%s: cannot create: %s", path, strerror(errno));
		path[0] = '\0';
		return -ERR_IO;
	}
	if (write(fd, rq->up.data.buf, rq->up.data.len) != (ssize_t)rq->up.data.len) {
		sb_addf(err, "%s: cannot write: %s", path, strerror(errno));
		close(fd);
		return -ERR_IO;
	}
	return close(fd) < 0 ? -ERR_IO : 0;
}

int web_report(struct req *rq, struct report_req *r, struct sb *err)
{
	char path[PATH_MAX] = "";
	int rc;

	r->date = nz(r->date);
	r->note = nz(r->note);
	r->value = nz(r->value);
	r->period = nz(r->period);
	if ((rc = ops_own_agency(&rq->ops, &r->agency, err)) < 0)
		return rc;
	if (rq->up.field && strcmp(rq->up.field, "evidence") == 0) {
		const char *base = strrchr(rq->up.filename, '/');

		if ((rc = upload_to_file(rq, path, sizeof(path), err)) < 0)
			goto out;
		r->evidence = path;
		r->evidence_name = base ? base + 1 : rq->up.filename;
	}
	rc = ops_report(&rq->ops, r, err);
out:
	if (path[0])
		unlink(path);
	return rc;
}

int page_report_post(struct req *rq, struct resp *rs)
{
	struct report_req r = { 0 };
	struct sb err = SB_INIT;
	int rc;

	r.task_id = rq->id;
	r.state = req_form(rq, "state");
	r.date = req_form(rq, "date");
	r.note = req_form(rq, "note");
	r.value = req_form(rq, "value");
	r.period = req_form(rq, "period");
	if ((rc = web_report(rq, &r, &err)) < 0)
		fail_page(rq, rs, rc, &err);
	else
		resp_redirect(rs, "/tasks/%lld?ok=1", rq->id);
	sb_release(&err);
	return 0;
}

static int decide(struct req *rq, struct resp *rs, bool accept)
{
	struct decide_req d = { .task_id = rq->id, .accept = accept };
	struct sb err = SB_INIT;
	int rc;

	d.reason = nz(req_form(rq, "reason"));
	if ((rc = ops_decide(&rq->ops, &d, &err)) < 0)
		fail_page(rq, rs, rc, &err);
	else
		resp_redirect(rs, "/tasks/%lld?ok=1", rq->id);
	sb_release(&err);
	return 0;
}

int page_confirm_post(struct req *rq, struct resp *rs)
{
	return decide(rq, rs, true);
}

int page_reject_post(struct req *rq, struct resp *rs)
{
	return decide(rq, rs, false);
}
