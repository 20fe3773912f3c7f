/*
 * ops_export.c - the one builder of a tracked plan (report/docs.h), the input
 * of every document dondoc writes.
 *
 * It reads today's store (store.h) and computes each task's status with
 * track/status.c the way `dondoc status` does in cmd_track.c: the lead body's
 * reports in force (a replaced report left out) in filing order, confirmation
 * decisions attached, the period "kỳ này" and the due-soon window. When the
 * view structs of src/report/ land, this builder is the one place to point at
 * them.
 */
#include "base/compat.h"
#include "ops/ops.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "extract/agency.h"
#include "model/plan.h"
#include "ops/tracked.h"
#include "ops/views.h"
#include "store/store.h"
#include "track/calendar.h"
#include "track/period.h"
#include "track/status.h"

/* One report as the store gave it, copied (the row's strings are borrowed). */
struct xreport {
	long long task_id;
	char *agency, *note;
	bool lead, replaced, has_period;
	struct period period;
	struct status_report sr;
};

struct xreports {
	struct xreport *v;
	size_t n, cap;
};

static int collect_report(const struct report_row *r, void *arg)
{
	struct xreports *xs = arg;
	struct xreport *x;

	xgrow((void **)&xs->v, &xs->cap, xs->n + 1, sizeof(*xs->v));
	x = &xs->v[xs->n++];
	memset(x, 0, sizeof(*x));
	x->task_id = r->task_id;
	x->agency = xstrdup(r->agency ? r->agency : "");
	x->note = r->note && *r->note ? xstrdup(r->note) : NULL;
	x->lead = r->role == REPORT_LEAD;
	x->replaced = r->replaced;
	x->has_period = r->period && period_parse(r->period, &x->period) == 0;
	x->sr.filed = r->filed_on;
	x->sr.state = r->state;
	x->sr.done_on = r->completion_date;
	x->sr.confirm = r->decision;
	x->sr.confirmed_on = r->decided_on;
	x->sr.confirmed_done_on = r->confirmed_done_on;
	return 0;
}

struct xvalues {
	struct indicator_value_row *v;
	size_t n, cap;
};

static int collect_value(const struct indicator_value_row *r, void *arg)
{
	struct xvalues *xs = arg;
	struct indicator_value_row *x;

	xgrow((void **)&xs->v, &xs->cap, xs->n + 1, sizeof(*xs->v));
	x = &xs->v[xs->n++];
	*x = *r;
	x->agency = xstrdup(r->agency ? r->agency : "");
	x->period = xstrdup(r->period ? r->period : "");
	x->note = NULL;
	return 0;
}

static bool fold_has(const char *hay, const char *key)
{
	char *k;
	bool hit;

	if (!hay || !key)
		return false;
	k = vi_fold_dup(hay, VI_FOLD_PUNCT);
	hit = strstr(k, key) != NULL;
	free(k);
	return hit;
}

static bool list_has(const struct strlist *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (fold_has(l->v[i], key))
			return true;
	return false;
}

/* A report covers p when it names p, or names no period and was filed in
 * p's window or up to its report's due date (as completeness counts it). */
static bool covers(const struct xreport *x, const struct period *p, int due)
{
	if (x->has_period)
		return period_equal(&x->period, p);
	return x->sr.filed != CAL_NONE && x->sr.filed >= p->start && x->sr.filed <= due;
}

/* The result column: the latest lead report in force; a confirmed
 * completion says so. */
static char *result_of(const struct xreport *x)
{
	struct sb s = SB_INIT;
	int done;

	if (x->sr.state == TASK_DONE && x->sr.confirm == CONFIRM_ACCEPTED) {
		done = x->sr.confirmed_done_on != CAL_NONE ? x->sr.confirmed_done_on
		       : x->sr.done_on != CAL_NONE	    ? x->sr.done_on
							    : x->sr.filed;
		sb_adds(&s, "Đã hoàn thành ngày ");
		calendar_add_vi(&s, done);
	} else {
		sb_adds(&s, task_state_vi(x->sr.state));
		if (x->sr.state == TASK_DONE)
			sb_adds(&s, x->sr.confirm == CONFIRM_REFUSED ? " (bị từ chối xác nhận)"
								     : " (chờ xác nhận)");
		if (x->sr.filed != CAL_NONE) {
			sb_adds(&s, " (báo cáo ngày ");
			calendar_add_vi(&s, x->sr.filed);
			sb_adds(&s, ")");
		}
	}
	if (x->note)
		sb_addf(&s, ": %s", x->note);
	else
		sb_adds(&s, ".");
	return sb_detach(&s);
}

static void add_note(struct tracked_plan *tp, const struct xreport *x, const struct task *t)
{
	static const char *const proposal[] = { "de nghi", "kien nghi", "de xuat" };
	static const char *const difficulty[] = { "kho khan", "vuong mac", "han che", "chua bo tri",
						  "thieu" };
	struct doc_note *n;
	bool prop = false, diff = x->sr.state == TASK_CHANGE_REQUESTED;
	char *k;
	size_t i;

	if (!x->note)
		return;
	k = vi_fold_dup(x->note, VI_FOLD_PUNCT);
	for (i = 0; i < ARRAY_SIZE(proposal); i++)
		prop = prop || strstr(k, proposal[i]);
	for (i = 0; i < ARRAY_SIZE(difficulty); i++)
		diff = diff || strstr(k, difficulty[i]);
	free(k);
	if (!prop && !diff)
		return;
	xgrow((void **)&tp->notes, &(size_t){ tp->nnotes }, tp->nnotes + 1, sizeof(*tp->notes));
	n = &tp->notes[tp->nnotes++];
	n->agency = xstrdup(x->agency);
	n->ref = t->ref ? xstrdup(t->ref) : NULL;
	n->text = xstrdup(x->note);
	n->difficulty = diff;
	n->proposal = prop;
}

static void add_deadlines(struct tracked_plan *tp)
{
	unsigned kinds = period_kinds_of_plan(&tp->plan);
	int year = tp->plan.doc.year ? tp->plan.doc.year : tp->period.year;
	int from = calendar_from_ymd(year, 1, 1), to = calendar_from_ymd(year, 12, 31);
	size_t cap = 0;
	int k;

	for (k = 0; k < PERIOD__COUNT; k++) {
		struct period *ps = NULL;
		size_t i, n;

		if (!(kinds & PERIOD_BIT(k)))
			continue;
		n = period_list((enum period_kind)k, from, to, &ps);
		for (i = 0; i < n; i++) {
			if (ps[i].year != year)
				continue;
			xgrow((void **)&tp->deadlines, &cap, tp->ndeadlines + 1,
			      sizeof(*tp->deadlines));
			tp->deadlines[tp->ndeadlines].period = ps[i];
			tp->deadlines[tp->ndeadlines].due =
				period_due_in_plan(&tp->plan, &ps[i], PERIOD_DUE_WORKING_DAYS);
			tp->ndeadlines++;
		}
		free(ps);
	}
}

static int year_cmp(const void *a, const void *b)
{
	return indicator_period_cmp(a, b);
}

/* The plan's year columns: every by_period period of its indicators. */
static void fill_years(struct tracked_plan *tp)
{
	size_t i, j, k, cap = 0;

	for (i = 0; i < tp->plan.indicators.n; i++) {
		const struct target_vec *bp = &tp->plan.indicators.v[i].by_period;

		for (j = 0; j < bp->n; j++) {
			const char *p = bp->v[j].period;
			int f, t;

			if (!p || strlen(p) >= PERIOD_NAME_LEN ||
			    indicator_period_months(p, &f, &t) < 0)
				continue;
			for (k = 0; k < tp->nyears && !indicator_period_same(tp->years[k], p); k++)
				;
			if (k < tp->nyears)
				continue;
			xgrow((void **)&tp->years, &cap, tp->nyears + 1, sizeof(*tp->years));
			snprintf(tp->years[tp->nyears++], PERIOD_NAME_LEN, "%s", p);
		}
	}
	if (tp->nyears > 1)
		qsort(tp->years, tp->nyears, sizeof(*tp->years), year_cmp);
}

/* Each year column of one indicator, judged as `dondoc indicators` does. */
static void fill_indicator_years(const struct tracked_plan *tp, struct doc_indicator *di,
				 const struct xvalues *vals)
{
	struct sb err = SB_INIT;
	size_t j, k;

	if (!tp->nyears)
		return;
	di->years = xcalloc(tp->nyears, sizeof(*di->years));
	for (j = 0; j < tp->nyears; j++) {
		struct doc_indicator_year *y = &di->years[j];
		const struct indicator_value_row *last = NULL;

		for (k = 0; k < vals->n; k++)
			if (vals->v[k].indicator_id == di->ind->id && !vals->v[k].replaced &&
			    indicator_period_same(vals->v[k].period, tp->years[j]))
				last = &vals->v[k];
		/* The years are periods (fill_years), so this cannot fail. */
		indicator_course_judge(di->ind, di->ind->baseline, tp->years[j], last != NULL,
				       last ? last->value : 0, NULL, &y->judged, &err);
		y->has_actual = last != NULL;
		y->actual = last ? last->value : 0;
	}
	sb_release(&err);
}

static void fill_indicators(struct tracked_plan *tp, const struct xvalues *vals)
{
	char pname[PERIOD_NAME_LEN];
	size_t i, k;

	period_format(&tp->period, pname);
	tp->indicators = xcalloc(tp->plan.indicators.n + 1, sizeof(*tp->indicators));
	fill_years(tp);
	for (i = 0; i < tp->plan.indicators.n; i++) {
		const struct indicator *ind = &tp->plan.indicators.v[i];
		struct doc_indicator *di = &tp->indicators[tp->nindicators++];
		const struct indicator_value_row *in_period = NULL, *any = NULL, *last;

		di->ind = ind;
		fill_indicator_years(tp, di, vals);
		for (k = 0; k < vals->n; k++) {
			if (vals->v[k].indicator_id != ind->id || vals->v[k].replaced)
				continue;
			any = &vals->v[k];
			if (strcmp(vals->v[k].period, pname) == 0)
				in_period = &vals->v[k];
		}
		last = in_period ? in_period : any;
		if (!last)
			continue;
		di->has_actual = true;
		di->actual = last->value;
		snprintf(di->period, sizeof(di->period), "%s", last->period);
		di->verdict = indicator_judge(ind->target, last->value, NULL);
	}
}

static int tracked_plan(struct ops_ctx *ctx, const struct export_req *req,
			struct tracked_plan *tp, struct sb *err)
{
	struct status_opts so = { .today = ctx->today, .due_soon = req->due_soon };
	struct xreports xs = { 0 };
	struct xvalues vals = { 0 };
	struct status_report *official = NULL;
	struct plan_state ps;
	char *akey = NULL, *lkey = NULL;
	size_t i, j, k = 0;
	int rc, due;

	memset(tp, 0, sizeof(*tp));
	plan_init(&tp->plan);
	tp->today = ctx->today;
	if (req->period ? period_parse(req->period, &tp->period) < 0
			: period_containing(PERIOD_MONTH, ctx->today, &tp->period) < 0) {
		sb_addf(err, "'%s' is not a period (2026, 2026-H1, 2026-Q3, 2026-07)",
			req->period ? req->period : "");
		return -ERR_INPUT;
	}
	so.period = &tp->period;
	if ((rc = store_plan_state(ctx->store, req->plan_id, &ps, err)) < 0)
		goto out;
	if (ps.status != PLAN_PUBLISHED) {
		sb_addf(err, "plan %lld is a %s: only published plans are tracked ('dondoc publish"
			     " %lld')", req->plan_id, plan_status_key(ps.status), req->plan_id);
		rc = -ERR_INPUT;
		goto out;
	}
	if ((rc = store_plan_load(ctx->store, req->plan_id, &tp->plan, err)) < 0 ||
	    (rc = store_report_list(ctx->store, req->plan_id, 0, collect_report, &xs, err)) < 0 ||
	    (rc = store_indicator_report_list(ctx->store, req->plan_id, collect_value, &vals,
					      err)) < 0)
		goto out;
	if (req->agency) {
		const char *c = ctx->agencies ? agency_canonical(ctx->agencies, req->agency, 0) : NULL;

		tp->agency = xstrdup(c ? c : req->agency);
		akey = vi_fold_dup(tp->agency, VI_FOLD_PUNCT);
	}
	if (req->leader) {
		tp->leader = xstrdup(req->leader);
		lkey = vi_fold_dup(req->leader, VI_FOLD_PUNCT);
	}
	due = period_due_in_plan(&tp->plan, &tp->period, PERIOD_DUE_WORKING_DAYS);
	tp->tasks = xcalloc(tp->plan.tasks.n + 1, sizeof(*tp->tasks));
	official = xcalloc(xs.n + 1, sizeof(*official));
	/* Reports come by task in document order, then filing: one cursor. */
	for (i = 0; i < tp->plan.tasks.n; i++) {
		const struct task *t = &tp->plan.tasks.v[i];
		const struct strlist *leads = t->lead.n ? &t->lead : &t->lead_groups;
		struct status_task st = { .start = t->due ? calendar_iso_day(t->due->start) : CAL_NONE,
					  .end = t->due ? calendar_iso_day(t->due->end) : CAL_NONE,
					  .recurring = t->due && t->due->recurring,
					  .reports = official };
		const struct xreport *in_force = NULL, *noted = NULL;
		struct doc_task dt = { .t = t, .due_end = st.end };
		size_t first = k;

		while (k < xs.n && xs.v[k].task_id == t->id)
			k++;
		for (j = first; j < k; j++) {
			const struct xreport *x = &xs.v[j];

			if (x->replaced)
				continue;
			if (x->lead) {
				official[st.nreports] = x->sr;
				official[st.nreports++].period = x->has_period ? &x->period : NULL;
				in_force = x;
			}
		}
		status_compute(&st, &so, &dt.res);
		dt.as_lead = !akey || (leads->n ? list_has(leads, akey) : false);
		dt.as_coordinate = akey && (list_has(&t->coordinate, akey) ||
					    list_has(&t->coordinate_groups, akey));
		if (akey && !dt.as_lead && !dt.as_coordinate)
			continue;
		if (lkey && !fold_has(t->leader, lkey))
			continue;
		for (j = first; j < k; j++) {
			const struct xreport *x = &xs.v[j];

			if (x->replaced || !covers(x, &tp->period, due))
				continue;
			if (akey ? fold_has(x->agency, akey) : x->lead)
				noted = x;
			if (!akey || fold_has(x->agency, akey))
				add_note(tp, x, t);
		}
		if (in_force)
			dt.result = result_of(in_force);
		dt.result_confirmed = in_force && in_force->sr.state == TASK_DONE &&
				      in_force->sr.confirm == CONFIRM_ACCEPTED;
		if (noted) {
			dt.period_note = noted->note ? xstrdup(noted->note) : NULL;
			dt.period_state = xstrdup(task_state_vi(noted->sr.state));
		}
		if (dt.as_lead)
			status_agg_add(&tp->total, &dt.res);
		tp->tasks[tp->ntasks++] = dt;
	}
	fill_indicators(tp, &vals);
	add_deadlines(tp);
	rc = 0;
out:
	for (i = 0; i < xs.n; i++) {
		free(xs.v[i].agency);
		free(xs.v[i].note);
	}
	free(xs.v);
	for (i = 0; i < vals.n; i++) {
		free((char *)vals.v[i].agency);
		free((char *)vals.v[i].period);
	}
	free(vals.v);
	free(official);
	free(akey);
	free(lkey);
	return rc;
}

void tracked_plan_release(struct tracked_plan *tp)
{
	size_t i, j;

	for (i = 0; i < tp->ntasks; i++) {
		free(tp->tasks[i].result);
		free(tp->tasks[i].period_note);
		free(tp->tasks[i].period_state);
	}
	for (i = 0; i < tp->nnotes; i++) {
		free(tp->notes[i].agency);
		free(tp->notes[i].ref);
		free(tp->notes[i].text);
	}
	for (i = 0; i < tp->nindicators; i++) {
		for (j = 0; tp->indicators[i].years && j < tp->nyears; j++)
			indicator_course_release(&tp->indicators[i].years[j].judged);
		free(tp->indicators[i].years);
	}
	free(tp->tasks);
	free(tp->notes);
	free(tp->indicators);
	free(tp->years);
	free(tp->deadlines);
	free(tp->agency);
	free(tp->leader);
	plan_release(&tp->plan);
	memset(tp, 0, sizeof(*tp));
}

/* ---- the documents of the web face: the actor's own scope --------------- */

/* The actor's scope, decided here for every face: an officer sees its
 * agency's tasks, a leader his or her own, whatever the request names. */
int ops_tracked_plan(struct ops_ctx *ctx, const struct export_req *req, struct tracked_plan *tp,
		     struct sb *err)
{
	struct export_req scoped = *req;
	int rc;

	memset(tp, 0, sizeof(*tp));
	plan_init(&tp->plan);
	if ((rc = ops_allowed(ctx, OPS_READ, err)) < 0)
		return rc;
	if (ctx->actor.role == ROLE_OFFICER) {
		scoped.agency = ctx->actor.agency ? ctx->actor.agency : "";
		scoped.leader = NULL;
	} else if (ctx->actor.role == ROLE_LEADER) {
		scoped.leader = ctx->actor.person ? ctx->actor.person : "";
		scoped.agency = NULL;
	}
	plan_release(&tp->plan);
	return tracked_plan(ctx, &scoped, tp, err);
}

int ops_plan_document(struct ops_ctx *c, long long plan_id, struct tracked_plan *out,
		      struct sb *err)
{
	struct export_req req = { .plan_id = plan_id,
				  .due_soon = c->settings ? c->settings->due_soon_days
							  : STATUS_DUE_SOON_DEFAULT };
	struct plan_state ps;
	int rc;

	memset(out, 0, sizeof(*out));
	plan_init(&out->plan);
	if ((rc = ops_allowed(c, OPS_READ, err)) < 0 ||
	    (rc = store_plan_state(c->store, plan_id, &ps, err)) < 0)
		return rc;
	if (ps.status != PLAN_PUBLISHED) {
		sb_addf(err, "plan %lld is not published: it has no documents yet", plan_id);
		return -ERR_NOTFOUND;
	}
	plan_release(&out->plan);
	if ((rc = ops_tracked_plan(c, &req, out, err)) < 0)
		return rc;
	if ((c->actor.role == ROLE_OFFICER || c->actor.role == ROLE_LEADER) && out->ntasks == 0) {
		sb_addf(err, "no plan %lld that you may see", plan_id);
		return -ERR_NOTFOUND;
	}
	return 0;
}

int ops_calendar_feed(struct ops_ctx *c, const char *token,
		      int (*fn)(const struct tracked_plan *, void *), void *arg, struct sb *err)
{
	struct principal who = { 0 };
	struct plan_list_view v = { 0 };
	const struct actor before = c->actor;
	size_t i;
	int rc;

	if (!token || ops_token_resolve(c, token, &who, err) < 0) {
		sb_reset(err);
		sb_adds(err, "no such calendar");
		principal_release(&who);
		return -ERR_NOTFOUND;
	}
	c->actor = who.actor;
	if ((rc = ops_plan_list(c, &v, err)) < 0)
		goto out;
	for (i = 0; i < v.nplans; i++) {
		struct tracked_plan tp;
		struct sb e = SB_INIT;

		if (v.plans[i].status != PLAN_PUBLISHED)
			continue;
		rc = ops_plan_document(c, v.plans[i].id, &tp, &e);
		if (rc == 0)
			rc = fn(&tp, arg);
		else if (rc == -ERR_NOTFOUND)
			rc = 0; /* nothing of the user's in that plan */
		else
			sb_addf(err, "%s", e.buf);
		tracked_plan_release(&tp);
		sb_release(&e);
		if (rc < 0)
			break;
	}
	plan_list_view_release(&v);
out:
	c->actor = before; /* who's strings go now */
	principal_release(&who);
	return rc;
}
