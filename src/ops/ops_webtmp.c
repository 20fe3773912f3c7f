/*
 * ops_webtmp.c - the tracking operations the web application needs, written
 * on today's store.h and track/ while the core branch moves the CLI's into
 * src/ops/ (see ops.h, "Temporary web operations"). At merge each function
 * here becomes a call into the core's operation of the same purpose; the
 * authorisation rules stated in ops.h go with them.
 */
#include "base/compat.h"
#include "ops/ops.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "model/plan.h"
#include "store/store.h"
#include "track/calendar.h"
#include "track/period.h"
#include "track/status.h"

#include <pthread.h>

/*
 * The tracked world: every published plan with each task's status on one day
 * for one period. Building it means loading every plan, so it is shared: one
 * world, immutable once built and reference-counted, serves every request
 * until the audit log moves (every write has an audit row), the day changes
 * or another period is asked for. Each request then keeps only the rows its
 * actor may read and its filter selects.
 */
struct wt_world {
	VEC(struct plan) plans;
	VEC(struct wt_task) all;
	long long head; /* store_audit_head when built */
	int today;
	char period[PERIOD_NAME_LEN]; /* "" = the month of today */
	int refs; /* under cache_mu */
};

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static struct wt_world *cache;

static void world_free(struct wt_world *w)
{
	size_t i;

	for (i = 0; i < w->plans.n; i++)
		plan_release(&w->plans.v[i]);
	free(w->plans.v);
	free(w->all.v);
	free(w);
}

static void world_unref(struct wt_world *w)
{
	bool last;

	if (!w)
		return;
	pthread_mutex_lock(&cache_mu);
	last = --w->refs == 0;
	pthread_mutex_unlock(&cache_mu);
	if (last)
		world_free(w);
}

void ops_wt_list_release(struct wt_list *l)
{
	free(l->v);
	world_unref(l->world);
	memset(l, 0, sizeof(*l));
}

/* True when the folding key of hay contains key (already folded). */
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

static bool list_eq(const struct strlist *l, const char *name)
{
	size_t i;

	for (i = 0; name && i < l->n; i++)
		if (vi_fold_eq(l->v[i], name))
			return true;
	return false;
}

/* The query key occurs in the folded text, ref or section ("van hoa" finds
 * "Văn hóa", "dong" finds "đồng"). */
static bool text_match(const struct task *t, const char *qkey)
{
	return fold_has(t->text, qkey) || fold_has(t->ref, qkey) || fold_has(t->section, qkey);
}

struct fkeys {
	char *agency, *leader, *q;
};

static bool matches(const struct wt_filter *f, const struct fkeys *k, const struct wt_task *x)
{
	const struct task *t = x->t;

	if (f->plan_id && x->plan_id != f->plan_id)
		return false;
	if (k->agency && !list_has(&t->lead, k->agency) && !list_has(&t->coordinate, k->agency) &&
	    !list_has(&t->lead_groups, k->agency) && !list_has(&t->coordinate_groups, k->agency))
		return false;
	if (k->leader && !fold_has(t->leader, k->leader) && !fold_has(t->supervisor, k->leader))
		return false;
	if (f->bucket >= 0 && (int)x->res.bucket != f->bucket)
		return false;
	return !k->q || text_match(t, k->q);
}

static char *key_or_null(const char *s)
{
	char *k;

	if (!s || !*s)
		return NULL;
	k = vi_fold_dup(s, VI_FOLD_PUNCT);
	if (!*k) {
		free(k);
		return NULL;
	}
	return k;
}

struct ids {
	VEC(long long) v;
};

static int collect_published(const struct plan_meta *m, void *arg)
{
	struct ids *ids = arg;

	if (strcmp(m->status, "published") == 0)
		*VEC_PUSH(&ids->v) = m->id;
	return 0;
}

/* The official (lead, in force) reports of one plan, by task id. */
struct official {
	VEC(struct status_report) v;
	VEC(long long) task;
	VEC(struct period) periods;
	VEC(bool) has_period;
};

static enum confirmation confirmation_of(const char *decision)
{
	if (!decision)
		return CONFIRM_PENDING;
	return strcmp(decision, "accepted") == 0 ? CONFIRM_ACCEPTED : CONFIRM_REFUSED;
}

static int collect_official(const struct report_row *r, void *arg)
{
	struct official *o = arg;
	struct status_report *sr;
	struct period p;
	enum task_state st = TASK_NOT_STARTED;
	bool hp;

	if (strcmp(r->role, "lead") != 0 || r->replaced)
		return 0;
	task_state_parse(r->state, &st);
	hp = r->period && period_parse(r->period, &p) == 0;
	sr = VEC_PUSH(&o->v);
	sr->filed = calendar_iso_day(r->filed_on);
	sr->state = st;
	sr->done_on = calendar_iso_day(r->completion_date);
	sr->confirm = confirmation_of(r->decision);
	sr->confirmed_on = calendar_iso_day(r->decided_on);
	sr->confirmed_done_on = calendar_iso_day(r->confirmed_done_on);
	*VEC_PUSH(&o->task) = r->task_id;
	*VEC_PUSH(&o->has_period) = hp;
	*VEC_PUSH(&o->periods) = hp ? p : (struct period){ 0 };
	return 0;
}

static void official_release(struct official *o)
{
	free(o->v.v);
	free(o->task.v);
	free(o->periods.v);
	free(o->has_period.v);
}

/* Computes the status of every task of p into w->all. */
static int add_plan(struct ops_ctx *c, struct wt_world *w, const struct plan *p,
		    const struct status_opts *so, struct sb *err)
{
	struct official o = { 0 };
	size_t i, j, r = 0;
	int rc;

	if ((rc = store_report_list(c->store, p->id, 0, collect_official, &o, err)) < 0)
		goto out;
	for (i = 0; i < o.v.n; i++)
		o.v.v[i].period = o.has_period.v[i] ? &o.periods.v[i] : NULL;
	for (i = 0; i < p->tasks.n; i++) {
		const struct task *t = &p->tasks.v[i];
		struct status_task st = { 0 };
		struct wt_task *x = VEC_PUSH(&w->all);

		/* Reports come by task (ids rise in document order), then filing
		 * order: one cursor walks both lists. */
		while (r < o.v.n && o.task.v[r] < t->id)
			r++;
		for (j = r; j < o.v.n && o.task.v[j] == t->id; j++)
			;
		x->id = t->id;
		x->plan_id = p->id;
		x->plan = p;
		x->t = t;
		st.start = t->due ? calendar_iso_day(t->due->start) : CAL_NONE;
		st.end = t->due ? calendar_iso_day(t->due->end) : CAL_NONE;
		st.recurring = t->due && t->due->recurring;
		st.reports = o.v.v + r;
		st.nreports = j - r;
		status_compute(&st, so, &x->res);
	}
out:
	official_release(&o);
	return rc;
}

static int world_build(struct ops_ctx *c, long long head, const struct period *per,
		       struct wt_world **out, struct sb *err)
{
	struct wt_world *w = xcalloc(1, sizeof(*w));
	struct ids ids = { 0 };
	struct status_opts so = { .today = c->today, .due_soon = STATUS_DUE_SOON_DEFAULT,
				  .period = per };
	size_t i;
	int rc;

	w->head = head;
	w->today = c->today;
	if (per)
		period_format(per, w->period);
	if ((rc = store_plan_list(c->store, collect_published, &ids, err)) < 0)
		goto out;
	for (i = 0; i < ids.v.n; i++) {
		struct plan *p = VEC_PUSH(&w->plans);

		plan_init(p);
		if ((rc = store_plan_load(c->store, ids.v.v[i], p, err)) < 0)
			goto out;
	}
	/* Rows point into the plans: the vector no longer moves from here. */
	for (i = 0; i < w->plans.n; i++)
		if ((rc = add_plan(c, w, &w->plans.v[i], &so, err)) < 0)
			goto out;
out:
	free(ids.v.v);
	if (rc < 0) {
		world_free(w);
		w = NULL;
	}
	*out = w;
	return rc;
}

/* The shared world for c->today and per, built when missing or stale; the
 * caller owns one reference. */
static int world_get(struct ops_ctx *c, const struct period *per, struct wt_world **out,
		     struct sb *err)
{
	char pname[PERIOD_NAME_LEN] = "";
	struct wt_world *w = NULL, *old = NULL;
	long long head;
	int rc;

	*out = NULL;
	if (per)
		period_format(per, pname);
	if ((rc = store_audit_head(c->store, &head, err)) < 0)
		return rc;
	pthread_mutex_lock(&cache_mu);
	if (cache && cache->head == head && cache->today == c->today &&
	    strcmp(cache->period, pname) == 0) {
		w = cache;
		w->refs++;
	}
	pthread_mutex_unlock(&cache_mu);
	if (w) {
		*out = w;
		return 0;
	}
	if ((rc = world_build(c, head, per, &w, err)) < 0)
		return rc;
	w->refs = 1;
	pthread_mutex_lock(&cache_mu);
	/* Only the default period is kept: it is what every home page asks. */
	if (!per && (!cache || cache->head <= head)) {
		old = cache;
		cache = w;
		w->refs++;
	}
	pthread_mutex_unlock(&cache_mu);
	world_unref(old);
	*out = w;
	return 0;
}

int ops_wt_tasks(struct ops_ctx *c, const struct wt_filter *f, struct wt_list *out,
		 struct sb *err)
{
	struct fkeys k = { key_or_null(f->agency), key_or_null(f->leader), key_or_null(f->q) };
	struct period per;
	size_t i, cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (f->period && *f->period && period_parse(f->period, &per) < 0) {
		sb_addf(err, "'%s' is not a period (2026, 2026-H1, 2026-Q3, 2026-07)", f->period);
		rc = -ERR_INPUT;
		goto out;
	}
	if ((rc = world_get(c, f->period && *f->period ? &per : NULL, &out->world, err)) < 0)
		goto out;
	for (i = 0; i < out->world->all.n; i++) {
		struct wt_task x = out->world->all.v[i];

		if (!ops_task_visible(c, x.t, true))
			continue;
		x.mine = c->actor.role == ROLE_OFFICER && list_eq(&x.t->lead, c->actor.agency);
		if (!matches(f, &k, &x))
			continue;
		xgrow((void **)&out->v, &cap, out->n + 1, sizeof(*out->v));
		out->v[out->n++] = x;
	}
out:
	if (rc < 0)
		ops_wt_list_release(out);
	free(k.agency);
	free(k.leader);
	free(k.q);
	return rc;
}

int ops_wt_task(struct ops_ctx *c, long long id, struct wt_list *out, struct sb *err)
{
	struct task_ref ref;
	struct wt_filter f = { .bucket = -1 };
	size_t i;
	int rc = store_task_ref(c->store, id, &ref, err);

	memset(out, 0, sizeof(*out));
	if (rc == 0 && strcmp(ref.plan.status, "published") != 0)
		rc = -ERR_NOTFOUND;
	if (rc < 0)
		goto notfound;
	f.plan_id = ref.plan_id;
	if ((rc = ops_wt_tasks(c, &f, out, err)) < 0)
		return rc;
	for (i = 0; i < out->n; i++)
		if (out->v[i].id == id) {
			out->v[0] = out->v[i];
			out->n = 1;
			return 0;
		}
	ops_wt_list_release(out);
notfound:
	if (rc != -ERR_DB) {
		sb_reset(err);
		sb_addf(err, "no task %lld that you may see", id);
		rc = -ERR_NOTFOUND;
	}
	return rc;
}

struct plans_arg {
	const struct actor *a;
	int (*fn)(const struct plan_meta *, void *);
	void *arg;
};

static int plan_visible(const struct plan_meta *m, void *arg)
{
	struct plans_arg *pa = arg;
	bool drafts = pa->a->role == ROLE_ADMIN || pa->a->role == ROLE_STANDING;

	if (!drafts && strcmp(m->status, "published") != 0)
		return 0;
	return pa->fn(m, pa->arg);
}

int ops_wt_plans(struct ops_ctx *c, int (*fn)(const struct plan_meta *, void *), void *arg,
		 struct sb *err)
{
	struct plans_arg pa = { &c->actor, fn, arg };

	return store_plan_list(c->store, plan_visible, &pa, err);
}
