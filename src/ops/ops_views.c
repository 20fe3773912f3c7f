/*
 * ops_views.c - the read operations of tracking: the tracked world (the
 * published plans the actor may see, their tasks and reports, each task's
 * status computed on today), and the status, completeness and indicator
 * views built from it.
 */
#include "base/compat.h"
#include "ops/views.h"
#include "base/err.h"
#include "base/keymap.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "store/store.h"
#include "base/date.h"
#include "track/completeness.h"
#include "track/indicator_eval.h"
#include "track/period.h"
#include "track/status.h"

#include <pthread.h>

const enum status_bucket status_bucket_order[STATUS__COUNT] = {
	STATUS_DONE_ON_TIME,	      STATUS_DONE_LATE,	      STATUS_ON_TRACK,
	STATUS_DUE_SOON,	      STATUS_NOT_YET_DUE,     STATUS_OVERDUE,
	STATUS_AWAITING_CONFIRMATION, STATUS_PAUSED,	      STATUS_ONGOING_REPORTED,
	STATUS_ONGOING_UNREPORTED,    STATUS_NO_DEADLINE,
};

/* Exact strings kept once each (open addressing, FNV-1a). */
struct name_pool {
	char **slot;
	size_t cap, n; /* cap a power of two */
};

static uint64_t name_hash(const char *s)
{
	uint64_t h = 14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The slot of s in slot[0..cap): its copy, or the empty slot for it. */
static char **name_slot(char **slot, size_t cap, const char *s)
{
	size_t i;

	for (i = name_hash(s) & (cap - 1); slot[i]; i = (i + 1) & (cap - 1))
		if (strcmp(slot[i], s) == 0)
			break;
	return &slot[i];
}

/* The pool's copy of s, added when new. */
static char *name_pool_get(struct name_pool *np, const char *s)
{
	char **at;
	size_t i;

	if (2 * (np->n + 1) > np->cap) {
		size_t cap = np->cap ? 2 * np->cap : 256;
		char **slot = xcalloc(cap, sizeof(*slot));

		for (i = 0; i < np->cap; i++)
			if (np->slot[i])
				*name_slot(slot, cap, np->slot[i]) = np->slot[i];
		free(np->slot);
		np->slot = slot;
		np->cap = cap;
	}
	at = name_slot(np->slot, np->cap, s);
	if (!*at) {
		*at = xstrdup(s);
		np->n++;
	}
	return *at;
}

static void name_pool_free(struct name_pool *np)
{
	size_t i;

	if (!np)
		return;
	for (i = 0; i < np->cap; i++)
		free(np->slot[i]);
	free(np->slot);
	free(np);
}

void tracked_release(struct tracked *w)
{
	size_t i;

	for (i = 0; i < w->nplans; i++)
		plan_release(&w->plans[i]);
	for (i = 0; i < w->ntasks; i++)
		free(w->tasks[i].official);
	for (i = 0; !w->names && i < w->nreports; i++)
		free(w->reports[i].agency);
	name_pool_free(w->names);
	free(w->plans);
	free(w->tasks);
	free(w->reports);
	memset(w, 0, sizeof(*w));
}

size_t task_lead_names(const struct task *t, const char *const **out)
{
	const struct strlist *l = t->lead.n ? &t->lead : &t->lead_groups;
	static const char *const none[] = { "" };

	if (!l->n) {
		*out = none;
		return 1;
	}
	*out = (const char *const *)l->v;
	return l->n;
}

struct plan_ids {
	long long *v;
	size_t n, cap;
	long long only;
	bool drafts_seen;
};

static int collect_plan(const struct plan_meta *m, void *arg)
{
	struct plan_ids *ids = arg;

	if (ids->only && m->id != ids->only)
		return 0;
	if (m->status != PLAN_PUBLISHED) {
		ids->drafts_seen = true;
		return 0;
	}
	xgrow((void **)&ids->v, &ids->cap, ids->n + 1, sizeof(*ids->v));
	ids->v[ids->n++] = m->id;
	return 0;
}

struct report_acc {
	struct report_view *v;
	size_t n, cap;
	/* When set, the plans (by id) whose reports are kept: the others' are
	 * not published. */
	const struct plan *plans;
	size_t nplans;
	struct name_pool *names; /* when set, owns the agency names */
};

static int plan_id_cmp(const void *key, const void *elem)
{
	long long id = *(const long long *)key, e = ((const struct plan *)elem)->id;

	return (id > e) - (id < e);
}

static int collect_report(const struct report_row *r, void *arg)
{
	struct report_acc *acc = arg;
	struct report_view *x;

	if (acc->plans &&
	    !bsearch(&r->plan_id, acc->plans, acc->nplans, sizeof(*acc->plans), plan_id_cmp))
		return 0;
	xgrow((void **)&acc->v, &acc->cap, acc->n + 1, sizeof(*acc->v));
	x = &acc->v[acc->n++];
	memset(x, 0, sizeof(*x));
	x->id = r->id;
	x->task_id = r->task_id;
	x->agency = acc->names ? name_pool_get(acc->names, r->agency ? r->agency : "")
			       : xstrdup(r->agency);
	x->lead = r->role == REPORT_LEAD;
	x->replaced = r->replaced;
	x->has_period = r->period && period_parse(r->period, &x->period) == 0;
	x->filed = r->filed_on;
	x->sr.filed = x->filed;
	x->sr.state = r->state;
	x->sr.done_on = r->completion_date;
	x->sr.confirm = r->decision;
	x->sr.confirmed_on = r->decided_on;
	x->sr.confirmed_done_on = r->confirmed_done_on;
	x->has_value = r->has_value;
	x->value = r->value;
	return 0;
}

struct task_pos {
	long long id;
	size_t pos; /* plan by plan, task by task (document order) */
};

static int task_pos_cmp(const void *a, const void *b)
{
	const struct task_pos *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Filing day, then id: the order of a task's reports. */
static bool report_before(const struct report_view *a, const struct report_view *b)
{
	return a->filed != b->filed ? a->filed < b->filed : a->id < b->id;
}

/*
 * Puts every report (store_report_list of all: in no set order) in the order
 * tracked_load walks: plan by plan, task by task, then filing day and id. A
 * counting sort by the task's place, then an insertion sort of each task's
 * few reports: cheaper than the database sorting millions of rows.
 */
static void order_reports(const struct tracked *w, struct report_acc *acc)
{
	struct task_pos *pos;
	struct report_view *out;
	size_t *begin, *fill, *at, ntasks = 0, i, j, k, n = 0;

	for (i = 0; i < w->nplans; i++)
		ntasks += w->plans[i].tasks.n;
	pos = xcalloc(ntasks + 1, sizeof(*pos));
	for (i = 0; i < w->nplans; i++)
		for (j = 0; j < w->plans[i].tasks.n; j++, n++) {
			pos[n].id = w->plans[i].tasks.v[j].id;
			pos[n].pos = n;
		}
	qsort(pos, ntasks, sizeof(*pos), task_pos_cmp);
	/* at[i]: report i's task place (SIZE_MAX: not a task of the world);
	 * begin[p]: the first slot of place p's reports. */
	at = xmalloc((acc->n + 1) * sizeof(*at));
	begin = xcalloc(ntasks + 2, sizeof(*begin));
	for (i = 0; i < acc->n; i++) {
		struct task_pos key = { .id = acc->v[i].task_id }, *hit;

		hit = bsearch(&key, pos, ntasks, sizeof(*pos), task_pos_cmp);
		at[i] = hit ? hit->pos : SIZE_MAX;
		if (hit)
			begin[hit->pos + 1]++;
	}
	for (i = 0; i < ntasks; i++)
		begin[i + 1] += begin[i];
	fill = xmalloc((ntasks + 1) * sizeof(*fill));
	memcpy(fill, begin, (ntasks + 1) * sizeof(*fill));
	out = xmalloc((begin[ntasks] + 1) * sizeof(*out));
	for (i = 0; i < acc->n; i++) {
		if (at[i] == SIZE_MAX) {
			if (!acc->names)
				free(acc->v[i].agency);
			continue;
		}
		k = fill[at[i]]++;
		out[k] = acc->v[i];
		for (; k > begin[at[i]] && report_before(&out[k], &out[k - 1]); k--) {
			struct report_view t = out[k];

			out[k] = out[k - 1];
			out[k - 1] = t;
		}
	}
	free(acc->v);
	acc->v = out;
	acc->n = begin[ntasks];
	acc->cap = acc->n + 1;
	free(at);
	free(fill);
	free(begin);
	free(pos);
}

/* The period "kỳ này": name, else the reporting month containing today.
 * err may be NULL. */
static int pick_period(const char *name, int today, struct period *p, struct sb *err)
{
	if (name) {
		if (period_parse(name, p) < 0) {
			if (err)
				sb_addf(err, "--period '%s' is not a period (2026, 2026-H1,"
					     " 2026-Q3, 2026-07)", name);
			return -ERR_USAGE;
		}
		return 0;
	}
	if (period_containing(PERIOD_MONTH, today, p) < 0) {
		if (err)
			sb_addf(err, "no reporting period contains today");
		return -ERR_INPUT;
	}
	return 0;
}

/*
 * Loads every published plan (or only plan_id), the tasks of it the actor may
 * see (all: every task, for a world shared by several actors), their
 * reports, and computes each task's status on c->today for w->period. A
 * plan_id that is not published is an error naming its state.
 */
static int tracked_load(struct ops_ctx *c, struct tracked *w, long long plan_id, bool all,
			struct sb *err)
{
	const struct ops_settings *set = c->settings ? c->settings : ops_settings_default();
	struct plan_ids ids = { .only = plan_id };
	struct status_opts so = { .today = c->today, .period = &w->period,
				  .due_soon = set->due_soon_days };
	struct report_acc acc = { 0 };
	size_t i, j, k, cap = 0;
	int rc;

	w->today = c->today;
	if ((rc = ops_allowed(c, OPS_READ, err)) < 0)
		return rc;
	if ((rc = store_plan_list(c->store, collect_plan, &ids, err)) < 0)
		goto out;
	w->drafts_seen = ids.drafts_seen;
	if (plan_id && !ids.n) {
		struct plan_state ps;

		if ((rc = store_plan_state(c->store, plan_id, &ps, err)) < 0)
			goto out;
		sb_addf(err, "plan %lld is a %s: only published plans are tracked ('dondoc publish"
			" %lld')", plan_id, plan_status_key(ps.status), plan_id);
		rc = -ERR_INPUT;
		goto out;
	}
	if (plan_id) {
		w->plans = xcalloc(1, sizeof(*w->plans));
		plan_init(&w->plans[0]);
		w->nplans = 1;
		if ((rc = store_plan_load(c->store, plan_id, &w->plans[0], err)) < 0)
			goto out;
		rc = store_report_list(c->store, plan_id, 0, collect_report, &acc, err);
	} else {
		/* Every published plan and every report at once: one query per
		 * table, not one per plan (a national world has thousands). */
		if ((rc = store_plans_published(c->store, &w->plans, &w->nplans, err)) < 0)
			goto out;
		acc.plans = w->plans;
		acc.nplans = w->nplans;
		acc.names = w->names = xcalloc(1, sizeof(*w->names));
		rc = store_report_list(c->store, 0, 0, collect_report, &acc, err);
		if (rc == 0)
			order_reports(w, &acc);
	}
	if (rc < 0)
		goto out;
	/* Reports come ordered by plan, task (document order), then filing, so
	 * one cursor walks both lists. Offsets now, pointers once acc is whole. */
	k = 0;
	for (i = 0; i < w->nplans; i++) {
		struct plan *p = &w->plans[i];

		for (j = 0; j < p->tasks.n; j++) {
			const struct task *t = &p->tasks.v[j];
			const struct due *d = t->due;
			struct task_view *tk;
			size_t first = k;

			while (k < acc.n && acc.v[k].task_id == t->id)
				k++;
			if (!all && !ops_task_visible(c, t, true))
				continue;
			xgrow((void **)&w->tasks, &cap, w->ntasks + 1, sizeof(*w->tasks));
			tk = &w->tasks[w->ntasks++];
			memset(tk, 0, sizeof(*tk));
			tk->plan = p;
			tk->t = t;
			tk->start = d ? calendar_iso_day(d->start) : CAL_NONE;
			tk->end = d ? calendar_iso_day(d->end) : CAL_NONE;
			tk->first_report = first;
			tk->nreports = k - first;
		}
	}
	w->reports = acc.v;
	w->nreports = acc.n;
	acc.v = NULL;
	acc.n = 0;
	for (i = 0; i < w->ntasks; i++) {
		struct task_view *tk = &w->tasks[i];
		struct status_task st = { .start = tk->start, .end = tk->end };

		tk->reports = w->reports + tk->first_report;
		tk->official = xcalloc(tk->nreports + 1, sizeof(*tk->official));
		for (j = 0; j < tk->nreports; j++) {
			struct report_view *x = &w->reports[tk->first_report + j];

			if (!x->lead || x->replaced)
				continue;
			x->sr.period = x->has_period ? &x->period : NULL;
			tk->official[tk->nofficial++] = x->sr;
		}
		st.recurring = tk->t->due && tk->t->due->recurring;
		st.reports = tk->official;
		st.nreports = tk->nofficial;
		status_compute(&st, &so, &tk->res);
	}
	rc = 0;
out:
	for (i = 0; !acc.names && i < acc.n; i++)
		free(acc.v[i].agency);
	free(acc.v);
	free(ids.v);
	return rc;
}

/* ---- status ---------------------------------------------------------------- */

static char *plan_key(const struct plan *p)
{
	struct sb s = SB_INIT;

	sb_addf(&s, "%lld", p->id);
	if (p->doc.number)
		sb_addf(&s, " %s", p->doc.number);
	else if (p->doc.title) {
		struct sb cut = SB_INIT;

		utf8_truncate(&cut, p->doc.title, 36);
		sb_addf(&s, " %s", cut.buf);
		sb_release(&cut);
	}
	return sb_detach(&s);
}

struct shared_world;
static int world_get(struct ops_ctx *c, const struct period *p, bool keep,
		     struct shared_world **out, struct sb *err);
static void world_unref(struct shared_world *sw);
static const struct tracked *world_tracked(const struct shared_world *sw);
static void world_hold(struct shared_world *sw);
struct kept_view;
static void kept_free(struct kept_view *kv);
static struct kept_view *kept_get(struct shared_world *sw, bool status, long long plan_id,
				  const struct period *p);
static void kept_done(struct kept_view *kv);
static struct status_view *kept_status(struct kept_view *kv);
static struct completeness_view *kept_completeness(struct kept_view *kv);

/*
 * The world a status or completeness read works on: with a face's cache
 * (c->cache), for the default period over every plan, the shared one (*sw
 * holds a reference; it has every task, so the caller keeps those the actor
 * may see: *filter); else one loaded for the call into *own.
 */
static int read_world(struct ops_ctx *c, bool default_period, long long plan_id,
		      struct tracked *own, struct shared_world **sw, bool *filter,
		      struct sb *err)
{
	*sw = NULL;
	*filter = false;
	/* The shared world holds every published plan: one plan's view keeps to
	 * its tasks (the callers skip the others), as ops_task_page does. */
	if (c->cache && default_period) {
		int rc = ops_allowed(c, OPS_READ, err);

		if (rc == 0)
			rc = world_get(c, &own->period, true, sw, err);
		*filter = rc == 0;
		return rc;
	}
	return tracked_load(c, own, plan_id, false, err);
}

void status_view_release(struct status_view *v)
{
	if (v->world)
		world_unref(v->world);
	else
		tracked_release(&v->w);
	free((char *)v->agency);
	free((char *)v->leader);
	if (!v->kept) {
		free(v->tasks);
		status_rollup_free(v->by_plan);
		status_rollup_free(v->by_section);
		status_rollup_free(v->by_agency);
		status_rollup_free(v->by_leader);
	}
	memset(v, 0, sizeof(*v));
}

/*
 * Keys by their bytes (NULL as ""), numbered in first-seen order. A rollup
 * or a completeness folds each key it is given (vi_fold and a format, per
 * call); gathering the rows of one spelling first and handing each spelling
 * over once, in first-seen order, gives the same folded keys seen first in
 * the same order, with the same spellings kept, at a fold per spelling
 * instead of one per task or report.
 */
struct spellings {
	const char **key; /* by number */
	size_t n, cap;
	size_t *slot; /* number + 1, or 0; a power of two, above twice n */
	size_t nslot;
};

static unsigned long long spelling_hash(const char *key)
{
	unsigned long long h = 1469598103934665603ULL;
	const unsigned char *q;

	for (q = (const unsigned char *)key; *q; q++)
		h = (h ^ *q) * 1099511628211ULL;
	return h;
}

static size_t spelling_probe(const struct spellings *s, const char *key)
{
	size_t i;

	for (i = (size_t)spelling_hash(key) & (s->nslot - 1); s->slot[i];
	     i = (i + 1) & (s->nslot - 1))
		if (s->key[s->slot[i] - 1] == key || strcmp(s->key[s->slot[i] - 1], key) == 0)
			break;
	return i;
}

/* The number of key, *added when it is new. */
static size_t spelling_index(struct spellings *s, const char *key, bool *added)
{
	size_t i, k;

	key = key ? key : "";
	if (2 * (s->n + 1) >= s->nslot) {
		free(s->slot);
		s->nslot = s->nslot ? 2 * s->nslot : 64;
		s->slot = xcalloc(s->nslot, sizeof(*s->slot));
		for (k = 0; k < s->n; k++)
			s->slot[spelling_probe(s, s->key[k])] = k + 1;
	}
	i = spelling_probe(s, key);
	*added = !s->slot[i];
	if (*added) {
		xgrow((void **)&s->key, &s->cap, s->n + 1, sizeof(*s->key));
		s->key[s->n++] = key;
		s->slot[i] = s->n;
	}
	return s->slot[i] - 1;
}

static void spellings_clear(struct spellings *s)
{
	if (s->slot)
		memset(s->slot, 0, s->nslot * sizeof(*s->slot));
	s->n = 0;
}

static void spellings_release(struct spellings *s)
{
	free(s->key);
	free(s->slot);
	memset(s, 0, sizeof(*s));
}

/* A rollup's rows gathered by spelling (struct spellings). */
struct rollup_acc {
	struct spellings keys;
	struct status_agg *agg; /* by key number */
	size_t cap;
};

static void rollup_acc_add(struct rollup_acc *a, const char *key, const struct status_result *r)
{
	bool added;
	size_t i = spelling_index(&a->keys, key, &added);

	if (added) {
		xgrow((void **)&a->agg, &a->cap, i + 1, sizeof(*a->agg));
		memset(&a->agg[i], 0, sizeof(a->agg[i]));
	}
	status_agg_add(&a->agg[i], r);
}

/* Hands the gathered rows to ru (as one status_rollup_add a row would) and
 * releases a. */
static void rollup_acc_flush(struct rollup_acc *a, struct status_rollup *ru)
{
	size_t i;

	for (i = 0; i < a->keys.n; i++)
		status_rollup_merge(ru, a->keys.key[i], &a->agg[i]);
	spellings_release(&a->keys);
	free(a->agg);
	memset(a, 0, sizeof(*a));
}

/* The tasks of w that match m (filter: that the actor may see; plan_id: of
 * that plan only, when w is the shared world), their buckets and rollups,
 * into v's tasks, total and by_* (v->tasks and the rollups allocated here). */
static void status_fill(struct ops_ctx *c, const struct tracked *w, bool filter,
			const struct task_matcher *m, long long plan_id, bool shared,
			struct status_view *v)
{
	struct rollup_acc by_plan = { 0 }, by_section = { 0 }, by_agency = { 0 },
			  by_leader = { 0 };
	/* A plan's key once a plan (by its place in w->plans), not once a task. */
	char **pkeys = xcalloc(w->nplans + 1, sizeof(*pkeys)), **extra = NULL;
	size_t i, j, nextra = 0, extra_cap = 0;

	v->by_plan = status_rollup_new();
	v->by_section = status_rollup_new();
	v->by_agency = status_rollup_new();
	v->by_leader = status_rollup_new();
	v->tasks = xcalloc(w->ntasks + 1, sizeof(*v->tasks));
	for (i = 0; i < w->ntasks; i++) {
		struct task_view *tk = &w->tasks[i];
		const struct plan *pl = tk->plan;
		const char *const *names;
		size_t n;
		char *pk;

		if ((filter && !ops_task_visible(c, tk->t, true)) || !ops_task_match(m, tk->t) ||
		    (shared && plan_id && tk->plan->id != plan_id))
			continue;
		v->tasks[v->ntasks++] = tk;
		status_agg_add(&v->total, &tk->res);
		if (pl >= w->plans && pl < w->plans + w->nplans) {
			char **at = &pkeys[pl - w->plans];

			pk = *at ? *at : (*at = plan_key(pl));
		} else {
			xgrow((void **)&extra, &extra_cap, nextra + 1, sizeof(*extra));
			pk = extra[nextra++] = plan_key(pl);
		}
		rollup_acc_add(&by_plan, pk, &tk->res);
		rollup_acc_add(&by_section, tk->t->section, &tk->res);
		rollup_acc_add(&by_leader, tk->t->leader, &tk->res);
		n = task_lead_names(tk->t, &names);
		for (j = 0; j < n; j++)
			rollup_acc_add(&by_agency, names[j], &tk->res);
	}
	rollup_acc_flush(&by_plan, v->by_plan);
	rollup_acc_flush(&by_section, v->by_section);
	rollup_acc_flush(&by_leader, v->by_leader);
	rollup_acc_flush(&by_agency, v->by_agency);
	for (i = 0; i < w->nplans; i++)
		free(pkeys[i]);
	for (i = 0; i < nextra; i++)
		free(extra[i]);
	free(pkeys);
	free(extra);
}

/* Whether a read of the shared world may take the views kept with it: the
 * actor sees every published task (so the answer is everyone's). */
static bool may_keep(const struct ops_ctx *c, const struct shared_world *sw)
{
	return sw && ops_sees_every_published(c);
}

int ops_status(struct ops_ctx *c, const struct status_req *req, struct status_view *v,
	       struct sb *err)
{
	struct task_matcher *m = NULL;
	bool filter = false;
	int rc;

	memset(v, 0, sizeof(*v));
	if ((rc = pick_period(req->period, c->today, &v->w.period, err)) < 0)
		return rc;
	m = ops_matcher_new(c, &req->q);
	v->plan_id = req->q.plan_id;
	v->agency = ops_matcher_agency(m) ? xstrdup(ops_matcher_agency(m)) : NULL;
	v->leader = req->q.leader ? xstrdup(req->q.leader) : NULL;
	v->lead_only = req->q.lead_only;
	if ((rc = read_world(c, !req->period, req->q.plan_id, &v->w, &v->world, &filter, err)) < 0)
		goto out;
	if (v->world)
		v->w = *world_tracked(v->world); /* a view of the shared world, not owned */
	if (may_keep(c, v->world) && !req->q.agency && !req->q.leader && !req->q.lead_only) {
		/* Everyone's answer: computed once for this world version. */
		struct kept_view *kv = kept_get(v->world, true, req->q.plan_id, NULL);
		struct status_view *k = kept_status(kv);

		if (!k->by_plan)
			status_fill(c, &v->w, filter, m, req->q.plan_id, true, k);
		kept_done(kv);
		v->tasks = k->tasks;
		v->ntasks = k->ntasks;
		v->total = k->total;
		v->by_plan = k->by_plan;
		v->by_section = k->by_section;
		v->by_agency = k->by_agency;
		v->by_leader = k->by_leader;
		v->kept = true;
	} else {
		status_fill(c, &v->w, filter, m, req->q.plan_id, v->world != NULL, v);
	}
out:
	ops_matcher_free(m);
	return rc;
}

/* ---- completeness ------------------------------------------------------------ */

/* True when the task is confirmed done before the period opens: its lead owes
 * nothing for that period. */
static bool done_before(const struct task_view *tk, int day)
{
	size_t i;

	for (i = 0; i < tk->nofficial; i++) {
		const struct status_report *r = &tk->official[i];
		int done = r->confirmed_done_on != CAL_NONE ? r->confirmed_done_on
			   : r->done_on != CAL_NONE	     ? r->done_on
							     : r->filed;

		if (r->state == TASK_DONE && r->confirm == CONFIRM_ACCEPTED && done < day &&
		    i + 1 == tk->nofficial)
			return true;
	}
	return false;
}

static bool task_in_period(const struct task_view *tk, const struct period *p)
{
	if (tk->start != CAL_NONE && tk->start > p->end)
		return false;
	if (tk->end != CAL_NONE && tk->end < p->start)
		return false;
	return !done_before(tk, p->start);
}

/* A report covers p when it names p, or names no period and was filed
 * between p's start and its due date. */
static bool report_covers(const struct report_view *x, const struct period *p, int due)
{
	if (x->has_period)
		return period_equal(&x->period, p);
	return x->filed != CAL_NONE && x->filed >= p->start && x->filed <= due;
}

void completeness_view_release(struct completeness_view *v)
{
	if (v->world) {
		world_unref(v->world); /* c and gaps are the world's */
	} else {
		free(v->gaps);
		completeness_free(v->c);
	}
	memset(v, 0, sizeof(*v));
}

/* A set of names by their bytes, not folded: completeness_expect folds the
 * name and formats a key on each call, and one call per distinct name of a
 * plan is enough (the same name names the same slot, with the same due date). */
struct name_set {
	const char **v;
	size_t cap; /* a power of two, at least twice the names added */
	size_t *used, nused; /* the slots taken, for name_set_clear */
};

static void name_set_init(struct name_set *s, size_t names)
{
	s->cap = 16;
	while (s->cap < 2 * names + 2)
		s->cap *= 2;
	s->v = xcalloc(s->cap, sizeof(*s->v));
	s->used = xcalloc(names + 1, sizeof(*s->used));
	s->nused = 0;
}

/* Empties s: its taken slots, not the whole table (one plan's names). */
static void name_set_clear(struct name_set *s)
{
	while (s->nused)
		s->v[s->used[--s->nused]] = NULL;
}

static void name_set_release(struct name_set *s)
{
	free(s->v);
	free(s->used);
}

/* Adds name; false when it was there already. */
static bool name_set_add(struct name_set *s, const char *name)
{
	unsigned long long h = 1469598103934665603ULL;
	const unsigned char *q;
	size_t i;

	for (q = (const unsigned char *)name; *q; q++)
		h = (h ^ *q) * 1099511628211ULL;
	for (i = (size_t)h & (s->cap - 1); s->v[i]; i = (i + 1) & (s->cap - 1))
		if (s->v[i] == name || strcmp(s->v[i], name) == 0)
			return false;
	s->v[i] = name;
	s->used[s->nused++] = i;
	return true;
}

/* One period's receipts in one plan, gathered by the agency's spelling
 * (struct spellings): the earliest filing day of each, an undated one the
 * latest (what completeness_receive keeps of several), and how many. */
struct receipts {
	struct spellings names;
	int *first;
	size_t *count;
	size_t cap;
};

static void receipt_add(struct receipts *r, const char *agency, int filed)
{
	bool added;
	size_t i = spelling_index(&r->names, agency, &added);

	if (added) {
		size_t cap = r->cap;

		xgrow((void **)&r->first, &r->cap, i + 1, sizeof(*r->first));
		if (r->cap != cap)
			r->count = xrealloc(r->count, r->cap * sizeof(*r->count));
		r->first[i] = filed;
		r->count[i] = 1;
		return;
	}
	if (r->first[i] == CAL_NONE || (filed != CAL_NONE && filed < r->first[i]))
		r->first[i] = filed;
	r->count[i]++;
}

/* Hands the gathered receipts to cc in first-seen order: one call a
 * spelling for an expected slot (the earliest day is what the calls of
 * every receipt would leave), one a receipt for an unexpected one (each is
 * counted); then empties r. */
static void receipts_flush(struct receipts *r, struct completeness *cc, const struct period *p)
{
	size_t i, k;

	for (i = 0; i < r->names.n; i++)
		if (completeness_receive(cc, r->names.key[i], p, r->first[i]) == -ERR_NOTFOUND)
			for (k = 1; k < r->count[i]; k++)
				completeness_receive(cc, r->names.key[i], p, r->first[i]);
	spellings_clear(&r->names);
}

/* The completeness of the periods ps[0..np) over the world w (filter: keep
 * only the tasks the actor may see) into vs[0..np): one walk of the tasks
 * and their reports for every period. Each period's completeness is told
 * what it would be told alone, in the same order: plan by plan, the plan's
 * expectations, then its receipts. */
static void completeness_fill_n(struct ops_ctx *c, const struct tracked *w, bool filter,
				long long plan_id, const struct period *ps, size_t np,
				struct completeness_view *vs)
{
	struct name_set *seen = xcalloc(np + 1, sizeof(*seen));
	struct receipts *got = xcalloc(np + 1, sizeof(*got));
	int *due = xcalloc(np + 1, sizeof(*due));
	bool *on = xcalloc(np + 1, sizeof(*on));
	const char *const *names;
	/* The tasks plan by plan, in their order (a counting sort on the plan):
	 * each plan's passes walk its own tasks, not the world's. */
	size_t *from = xcalloc(w->nplans + 2, sizeof(*from)), *at = xcalloc(w->ntasks + 1, sizeof(*at));
	size_t i, j, k, q, ix, total = 0;

	for (j = 0; j < w->ntasks; j++) {
		const struct plan *pl = w->tasks[j].plan;

		total += task_lead_names(w->tasks[j].t, &names);
		if (pl >= w->plans && pl < w->plans + w->nplans)
			from[(size_t)(pl - w->plans) + 2]++;
	}
	for (i = 2; i < w->nplans + 2; i++)
		from[i] += from[i - 1];
	for (j = 0; j < w->ntasks; j++) {
		const struct plan *pl = w->tasks[j].plan;

		if (pl >= w->plans && pl < w->plans + w->nplans)
			at[from[(size_t)(pl - w->plans) + 1]++] = j;
	}
	/* now plan i's tasks are at[from[i] .. from[i + 1]) */
	for (q = 0; q < np; q++) {
		struct completeness_view *v = &vs[q];

		name_set_init(&seen[q], total);
		v->today = w->today;
		v->period = ps[q];
		for (i = 0; i < w->nplans; i++)
			v->nplans += !plan_id || w->plans[i].id == plan_id;
		v->c = completeness_new();
	}
	/* Expectations: each lead body of each task open during p, in each plan
	 * that reports on p's kind, owes one report by the plan's due date. */
	for (i = 0; i < w->nplans; i++) {
		const struct plan *pl = &w->plans[i];
		unsigned kinds = period_kinds_of_plan(pl);
		bool any = false;

		if (plan_id && pl->id != plan_id)
			continue;
		for (q = 0; q < np; q++) {
			on[q] = kinds & PERIOD_BIT(ps[q].kind);
			if (!on[q])
				continue;
			any = true;
			vs[q].nexpecting++;
			due[q] = period_due_in_plan(pl, &ps[q], PERIOD_DUE_WORKING_DAYS);
			name_set_clear(&seen[q]);
		}
		if (!any)
			continue;
		for (ix = from[i]; ix < from[i + 1]; ix++) {
			const struct task_view *tk = &w->tasks[at[ix]];
			size_t n;

			if (filter && !ops_task_visible(c, tk->t, true))
				continue;
			n = task_lead_names(tk->t, &names);
			for (q = 0; q < np; q++)
				if (on[q] && task_in_period(tk, &ps[q]))
					for (k = 0; k < n; k++)
						if (*names[k] && name_set_add(&seen[q], names[k]))
							completeness_expect(vs[q].c, names[k], &ps[q],
									    due[q]);
			for (k = 0; k < tk->nreports; k++) {
				const struct report_view *x = &tk->reports[k];

				if (!x->lead)
					continue;
				for (q = 0; q < np; q++)
					if (on[q] && report_covers(x, &ps[q], due[q]))
						receipt_add(&got[q], x->agency, x->filed);
			}
		}
		/* The plan's receipts after all its expectations. */
		for (q = 0; q < np; q++)
			if (on[q])
				receipts_flush(&got[q], vs[q].c, &ps[q]);
	}
	for (q = 0; q < np; q++) {
		completeness_totals(vs[q].c, &vs[q].total);
		vs[q].ngaps = completeness_missing(vs[q].c, w->today, &vs[q].gaps);
		name_set_release(&seen[q]);
		spellings_release(&got[q].names);
		free(got[q].first);
		free(got[q].count);
	}
	free(seen);
	free(got);
	free(due);
	free(on);
	free(from);
	free(at);
}

/* completeness_fill_n of the periods ps[0..np) into out[0..np), or, when the
 * actor's answer is everyone's, the views kept with the shared world sw for
 * (plan_id, period), those not kept yet computed together, once. */
static void completeness_get(struct ops_ctx *c, struct shared_world *sw, const struct tracked *w,
			     bool filter, long long plan_id, const struct period *ps, size_t np,
			     struct completeness_view *out)
{
	struct kept_view **kv;
	struct period *todo;
	struct completeness_view *made;
	size_t q, n = 0;

	if (!may_keep(c, sw)) {
		completeness_fill_n(c, w, filter, plan_id, ps, np, out);
		return;
	}
	/* Every caller takes the entries' locks in the order of ps (periods
	 * oldest first), so no two wait for each other. */
	kv = xcalloc(np + 1, sizeof(*kv));
	todo = xcalloc(np + 1, sizeof(*todo));
	made = xcalloc(np + 1, sizeof(*made));
	for (q = 0; q < np; q++) {
		kv[q] = kept_get(sw, false, plan_id, &ps[q]);
		if (!kept_completeness(kv[q])->c)
			todo[n++] = ps[q];
	}
	if (n)
		completeness_fill_n(c, w, filter, plan_id, todo, n, made);
	for (q = 0, n = 0; q < np; q++) {
		struct completeness_view *k = kept_completeness(kv[q]);

		if (!k->c)
			*k = made[n++];
		kept_done(kv[q]);
		out[q] = *k;
		world_hold(sw);
		out[q].world = sw;
	}
	free(kv);
	free(todo);
	free(made);
}

int ops_completeness(struct ops_ctx *c, const char *period, long long plan_id,
		     struct completeness_view *v, struct sb *err)
{
	struct tracked own = { 0 };
	const struct tracked *w = &own;
	struct shared_world *sw = NULL;
	bool filter = false;
	int rc;

	memset(v, 0, sizeof(*v));
	if ((rc = pick_period(period, c->today, &own.period, err)) < 0)
		return rc;
	if ((rc = read_world(c, !period, plan_id, &own, &sw, &filter, err)) < 0)
		goto out;
	if (sw)
		w = world_tracked(sw);
	completeness_get(c, sw, w, filter, plan_id, &w->period, 1, v);
out:
	world_unref(sw);
	tracked_release(&own);
	return rc;
}

int ops_completeness_recent(struct ops_ctx *c, size_t n, long long plan_id,
			    struct completeness_view *out, struct sb *err)
{
	struct tracked own = { 0 };
	const struct tracked *w = &own;
	struct shared_world *sw = NULL;
	struct period p, *ps = NULL;
	size_t first = 0;
	unsigned kinds = 0;
	enum period_kind kind = PERIOD_MONTH;
	bool filter = false;
	size_t i;
	int rc;

	memset(out, 0, n * sizeof(*out));
	if (!n)
		return 0;
	if ((rc = pick_period(NULL, c->today, &own.period, err)) < 0)
		return rc;
	/* One world for every period: a completeness reads the tasks' windows
	 * and reports, not the statuses of the world's own period. */
	if ((rc = read_world(c, true, plan_id, &own, &sw, &filter, err)) < 0)
		goto out;
	if (sw)
		w = world_tracked(sw);
	/* The finest kind a plan reports on (nine months leave a gap: skipped);
	 * plans that name none report by half-year and year. */
	for (i = 0; i < w->nplans; i++)
		if (!plan_id || w->plans[i].id == plan_id)
			kinds |= period_kinds_of_plan(&w->plans[i]);
	kinds &= ~PERIOD_BIT(PERIOD_NINE_MONTHS);
	if (!kinds)
		kinds = PERIOD_BIT(PERIOD_HALF);
	while (!(kinds & PERIOD_BIT(kind)))
		kind++;
	if (period_containing(kind, w->today, &p) < 0) {
		sb_addf(err, "no %s period contains today", period_kind_name(kind));
		rc = -ERR_INPUT;
		goto out;
	}
	/* out[i] is of ps[i]: the last n periods, oldest first (fewer when
	 * the calendar has no earlier one: the first views stay empty). */
	ps = xcalloc(n, sizeof(*ps));
	for (i = n; i-- > 0;) {
		ps[i] = p;
		first = i;
		if (i && period_prev(&p, &p) < 0)
			break;
	}
	completeness_get(c, sw, w, filter, plan_id, ps + first, n - first, out + first);
out:
	free(ps);
	world_unref(sw);
	tracked_release(&own);
	return rc;
}

/* ---- indicators -------------------------------------------------------------- */

struct ind_rows {
	struct indicator_value_row *v;
	size_t n, cap;
};

static int collect_ind(const struct indicator_value_row *r, void *arg)
{
	struct ind_rows *rows = arg;
	struct indicator_value_row *x = VEC_PUSH(rows);

	*x = *r;
	x->agency = xstrdup(r->agency);
	x->period = xstrdup(r->period);
	x->note = r->note ? xstrdup(r->note) : NULL;
	return 0;
}

static void ind_rows_reset(struct ind_rows *rows)
{
	size_t k;

	for (k = 0; k < rows->n; k++) {
		free((char *)rows->v[k].agency);
		free((char *)rows->v[k].period);
		free((char *)rows->v[k].note);
	}
	rows->n = 0;
}

void indicator_view_release(struct indicator_view *v)
{
	size_t i, j;

	for (i = 0; i < v->nrows; i++) {
		free(v->rows[i].period);
		free(v->rows[i].agency);
		for (j = 0; j < v->rows[i].nby_period; j++) {
			free(v->rows[i].by_period[j].agency);
			indicator_course_release(&v->rows[i].by_period[j].judged);
		}
		free(v->rows[i].by_period);
	}
	free(v->rows);
	free(v->agency);
	tracked_release(&v->w);
	memset(v, 0, sizeof(*v));
}

/* Time order, for qsort. */
static int period_row_cmp(const void *a, const void *b)
{
	const struct indicator_period_row *x = a, *y = b;

	return indicator_period_cmp(x->period, y->period);
}

/* Adds period to the row's list unless it is there or is none. */
static void add_period(struct indicator_row *row, size_t *cap, const char *period)
{
	int f, t;
	size_t k;

	if (!period || strlen(period) >= PERIOD_NAME_LEN ||
	    indicator_period_months(period, &f, &t) < 0)
		return;
	for (k = 0; k < row->nby_period; k++)
		if (indicator_period_same(row->by_period[k].period, period))
			return;
	xgrow((void **)&row->by_period, cap, row->nby_period + 1, sizeof(*row->by_period));
	memset(&row->by_period[row->nby_period], 0, sizeof(*row->by_period));
	snprintf(row->by_period[row->nby_period++].period, PERIOD_NAME_LEN, "%s", period);
}

/* The indicator's years and periods, each judged on its value in force. */
static int judge_periods(const struct indicator *ind, const struct ind_rows *rows,
			 const char *only, struct indicator_row *row, struct sb *err)
{
	size_t cap = 0, j, k;
	int rc;

	if (*only) {
		add_period(row, &cap, only);
	} else {
		for (j = 0; j < ind->by_period.n; j++)
			add_period(row, &cap, ind->by_period.v[j].period);
		if (!ind->by_period.n && ind->target)
			add_period(row, &cap, ind->target->period);
		for (k = 0; k < rows->n; k++)
			if (rows->v[k].indicator_id == ind->id && !rows->v[k].replaced)
				add_period(row, &cap, rows->v[k].period);
	}
	if (row->nby_period > 1)
		qsort(row->by_period, row->nby_period, sizeof(*row->by_period), period_row_cmp);
	for (j = 0; j < row->nby_period; j++) {
		struct indicator_period_row *pr = &row->by_period[j];
		const struct indicator_value_row *last = NULL;

		/* The latest value in force for that period. */
		for (k = 0; k < rows->n; k++)
			if (rows->v[k].indicator_id == ind->id && !rows->v[k].replaced &&
			    indicator_period_same(rows->v[k].period, pr->period))
				last = &rows->v[k];
		if ((rc = indicator_course_judge(ind, ind->baseline, pr->period, last != NULL,
						 last ? last->value : 0, NULL, &pr->judged, err)) < 0)
			return rc;
		if (last) {
			pr->has_actual = true;
			pr->actual = last->value;
			pr->agency = xstrdup(last->agency);
		}
	}
	return 0;
}

int ops_indicators(struct ops_ctx *c, const char *period, long long plan_id, const char *agency,
		   struct indicator_view *v, struct sb *err)
{
	struct ind_rows rows = { 0 };
	struct task_query q = { .plan_id = plan_id };
	struct task_matcher *m = NULL;
	struct sb text = SB_INIT;
	struct period p;
	size_t i, j, k, cap = 0;
	int rc;

	memset(v, 0, sizeof(*v));
	if (period) {
		if ((rc = pick_period(period, c->today, &p, err)) < 0)
			return rc;
		period_format(&p, v->period);
	}
	if (agency) {
		if ((rc = ops_text("--agency", agency, &text, err)) < 0)
			return rc;
		q.agency = text.buf;
		m = ops_matcher_new(c, &q);
		if (ops_matcher_agency(m))
			v->agency = xstrdup(ops_matcher_agency(m));
	}
	if ((rc = pick_period(NULL, c->today, &v->w.period, err)) < 0 ||
	    (rc = tracked_load(c, &v->w, plan_id, false, err)) < 0)
		goto out;
	for (i = 0; i < v->w.nplans; i++) {
		const struct plan *pl = &v->w.plans[i];

		ind_rows_reset(&rows);
		if ((rc = store_indicator_report_list(c->store, pl->id, collect_ind, &rows, err)) < 0)
			goto out;
		for (j = 0; j < pl->indicators.n; j++) {
			const struct indicator *ind = &pl->indicators.v[j];
			const struct indicator_value_row *last = NULL;
			struct indicator_row *row;
			struct task as_task = { 0 };

			/* An indicator is seen and filtered as a task with its
			 * bodies and leader would be: an officer sees its
			 * agency's, a leader those in his or her charge. */
			as_task.lead = ind->lead;
			as_task.lead_groups = ind->lead_groups;
			as_task.coordinate = ind->coordinate;
			as_task.coordinate_groups = ind->coordinate_groups;
			as_task.leader = ind->leader;
			if (!ops_task_visible(c, &as_task, true))
				continue;
			/* The one meaning of --agency: as for tasks. */
			if (m && !ops_task_match(m, &as_task))
				continue;
			/* The latest value in force for the period (or any period). */
			for (k = 0; k < rows.n; k++)
				if (rows.v[k].indicator_id == ind->id && !rows.v[k].replaced &&
				    (!*v->period || strcmp(rows.v[k].period, v->period) == 0))
					last = &rows.v[k];
			xgrow((void **)&v->rows, &cap, v->nrows + 1, sizeof(*v->rows));
			row = &v->rows[v->nrows++];
			memset(row, 0, sizeof(*row));
			row->plan = pl;
			row->ind = ind;
			row->verdict = INDICATOR_UNKNOWN;
			if (last) {
				row->has_actual = true;
				row->actual = last->value;
				row->period = xstrdup(last->period);
				row->agency = xstrdup(last->agency);
				row->verdict = indicator_judge(ind->target, last->value, NULL);
			}
			if ((rc = judge_periods(ind, &rows, v->period, row, err)) < 0)
				goto out;
		}
	}
	rc = 0;
out:
	ind_rows_reset(&rows);
	free(rows.v);
	ops_matcher_free(m);
	sb_release(&text);
	return rc;
}

/* ---- task pages (the web's lists) ------------------------------------------ */

/*
 * The shared world: every published task's status on one day for one period,
 * shared by every request of a long-lived process (the web server).
 *
 * A full load (struct world_base: plans, tasks, reports, and what is computed
 * once for them: each task's folded search text, the tasks by id, the tasks
 * by the folded name of each body they name) is immutable and
 * reference-counted. Every write has an audit row (store_audit_head), so a
 * request that finds the audit log moved since its world was made reads the
 * rows in between (store_audit_since). When they are progress reports,
 * corrections and decisions, or writes no task's status depends on (accounts,
 * sessions, contacts, indicator values), it derives a new world that shares
 * the base and replaces only the tasks those reports belong to (struct
 * task_patch: the task's reports read again, its status computed again);
 * anything else (an import, a publication, an edit, an alias, more than
 * MAX_CATCH_UP rows) loads a new base. A new day or due-soon setting loads one
 * too; a period other than the default is loaded for its request alone.
 *
 * Each request keeps the rows its actor may see (ops_task_visible) and its
 * filter selects; the indexes only narrow which tasks are asked about.
 */
#define MAX_CATCH_UP 65536
#define MAX_PATCHED(ntasks) ((ntasks) / 4 + 64)

struct key_index {
	const char *key; /* a body's name as vi_fold_eq compares it: a line of the
			  * task's keys (ended by '\n', not NUL) */
	unsigned len; /* the key's length */
	unsigned i; /* a task naming it */
};
struct id_index {
	long long id;
	size_t i;
};

struct world_base {
	int refs; /* under refs_mu */
	struct tracked w;
	char **search; /* 3 per task: its text, ref and section folded (NULL: none) */
	/* One per task: its names folded once (struct ops_task_keys, in its
	 * order, each ended by a NUL), for ops_task_visible_keyed and the like. */
	char **keys;
	struct id_index *by_id; /* ntasks, by id */
	struct key_index *by_agency; /* by key, then task */
	size_t nby_agency;
};

/* One task's reports and official reports after writes since its base. */
struct task_patch {
	int refs; /* under refs_mu */
	struct report_view *reports;
	size_t nreports;
	struct status_report *official;
};

struct shared_world {
	struct tracked w; /* plans and reports: the base's; tasks: the base's or, once
			   * patched, a copy of its own */
	struct world_base *base;
	struct task_patch **patch; /* one per task (NULL: the base's); NULL: none */
	size_t npatched; /* past MAX_PATCHED, a full load again (the base's copy of
			  * patched tasks' reports is dead weight) */
	long long head; /* store_audit_head it includes */
	int due_soon;
	int refs; /* under refs_mu */
	struct kept_view *kept; /* views derived from this version (under kept_mu) */
};

struct task_cache {
	pthread_mutex_t mu; /* guards world */
	pthread_mutex_t build_mu; /* one build or catch-up of the kept world at a time */
	struct shared_world *world; /* the default period's, or NULL */
};

/* Every reference counts under one lock; a world without a cache has only
 * its one reference. */
static pthread_mutex_t refs_mu = PTHREAD_MUTEX_INITIALIZER;

static void ref(int *refs)
{
	pthread_mutex_lock(&refs_mu);
	++*refs;
	pthread_mutex_unlock(&refs_mu);
}

static bool unref(int *refs)
{
	bool last;

	pthread_mutex_lock(&refs_mu);
	last = --*refs == 0;
	pthread_mutex_unlock(&refs_mu);
	return last;
}

static void base_unref(struct world_base *b)
{
	size_t i;

	if (!b || !unref(&b->refs))
		return;
	for (i = 0; b->search && i < 3 * b->w.ntasks; i++)
		free(b->search[i]);
	for (i = 0; b->keys && i < b->w.ntasks; i++)
		free(b->keys[i]);
	free(b->keys);
	free(b->search);
	free(b->by_id);
	free(b->by_agency);
	tracked_release(&b->w);
	free(b);
}

static void patch_unref(struct task_patch *tp)
{
	size_t i;

	if (!tp || !unref(&tp->refs))
		return;
	for (i = 0; i < tp->nreports; i++)
		free(tp->reports[i].agency);
	free(tp->reports);
	free(tp->official);
	free(tp);
}

static void world_unref(struct shared_world *sw)
{
	size_t i;

	if (!sw || !unref(&sw->refs))
		return;
	if (sw->patch) {
		for (i = 0; i < sw->w.ntasks; i++)
			patch_unref(sw->patch[i]);
		free(sw->patch);
	}
	if (sw->w.tasks != sw->base->w.tasks)
		free(sw->w.tasks);
	kept_free(sw->kept);
	base_unref(sw->base);
	free(sw);
}

static const struct tracked *world_tracked(const struct shared_world *sw)
{
	return &sw->w;
}

struct task_cache *ops_task_cache_new(void)
{
	struct task_cache *tc = xcalloc(1, sizeof(*tc));

	pthread_mutex_init(&tc->mu, NULL);
	pthread_mutex_init(&tc->build_mu, NULL);
	return tc;
}

void ops_task_cache_free(struct task_cache *tc)
{
	if (!tc)
		return;
	world_unref(tc->world);
	pthread_mutex_destroy(&tc->mu);
	pthread_mutex_destroy(&tc->build_mu);
	free(tc);
}

/* Key a[0..alen) against b[0..blen), as strcmp orders them. */
static int key_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int d = memcmp(a, b, alen < blen ? alen : blen);

	return d ? d : (alen > blen) - (alen < blen);
}

static int key_index_cmp(const void *a, const void *b)
{
	const struct key_index *x = a, *y = b;
	int d = key_cmp(x->key, x->len, y->key, y->len);

	return d ? d : (x->i > y->i) - (x->i < y->i);
}

static int id_index_cmp(const void *a, const void *b)
{
	const struct id_index *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Appends each name of l folded with flags, each followed by '\n'. */
static void fold_lines(struct sb *out, const struct strlist *l, unsigned flags)
{
	size_t k;

	for (k = 0; k < l->n; k++) {
		vi_fold(out, l->v[k], strlen(l->v[k]), flags);
		sb_addc(out, '\n');
	}
}

/* Appends s folded with flags ("" for none) and a NUL. */
static void fold_field(struct sb *out, const char *s, unsigned flags)
{
	if (s)
		vi_fold(out, s, strlen(s), flags);
	sb_add(out, "", 1);
}

/* Task t's names folded once (struct ops_task_keys, in its order). */
static char *task_keys_make(const struct task *t)
{
	struct sb s = SB_INIT;

	fold_lines(&s, &t->lead, 0);
	fold_lines(&s, &t->lead_groups, 0);
	sb_add(&s, "", 1);
	fold_lines(&s, &t->coordinate, 0);
	fold_lines(&s, &t->coordinate_groups, 0);
	sb_add(&s, "", 1);
	fold_lines(&s, &t->lead, VI_FOLD_PUNCT);
	fold_lines(&s, &t->lead_groups, VI_FOLD_PUNCT);
	sb_add(&s, "", 1);
	fold_lines(&s, &t->coordinate, VI_FOLD_PUNCT);
	fold_lines(&s, &t->coordinate_groups, VI_FOLD_PUNCT);
	sb_add(&s, "", 1);
	fold_field(&s, t->leader, VI_FOLD_PUNCT);
	fold_field(&s, t->supervisor, VI_FOLD_PUNCT);
	return sb_detach(&s);
}

static void task_keys_get(const struct world_base *b, size_t i, struct ops_task_keys *k)
{
	const char *p = b->keys[i];

	k->leads = p;
	k->coordinates = p += strlen(p) + 1;
	k->lead_names = p += strlen(p) + 1;
	k->coordinate_names = p += strlen(p) + 1;
	k->leader = p += strlen(p) + 1;
	k->supervisor = p + strlen(p) + 1;
}

/* Indexes task i under the flag-0 key of each body it names (one line of
 * lines each). */
static void index_names(struct world_base *b, size_t *cap, const char *lines, size_t i)
{
	const char *end;

	for (; (end = strchr(lines, '\n')); lines = end + 1) {
		xgrow((void **)&b->by_agency, cap, b->nby_agency + 1, sizeof(*b->by_agency));
		b->by_agency[b->nby_agency].key = lines;
		b->by_agency[b->nby_agency].len = (unsigned)(end - lines);
		b->by_agency[b->nby_agency++].i = (unsigned)i;
	}
}

/* A full load of every published task for c->today and period p, with its
 * indexes; the caller owns one reference. */
static int base_load(struct ops_ctx *c, const struct period *p, struct world_base **out,
		     struct sb *err)
{
	struct world_base *b = xcalloc(1, sizeof(*b));
	size_t i, k, cap = 0;
	int rc;

	b->refs = 1;
	b->w.period = *p;
	if ((rc = tracked_load(c, &b->w, 0, true, err)) < 0) {
		base_unref(b);
		return rc;
	}
	b->search = xcalloc(3 * b->w.ntasks + 1, sizeof(*b->search));
	b->keys = xcalloc(b->w.ntasks + 1, sizeof(*b->keys));
	b->by_id = xcalloc(b->w.ntasks + 1, sizeof(*b->by_id));
	for (i = 0; i < b->w.ntasks; i++) {
		const struct task *t = b->w.tasks[i].t;
		const char *fields[3] = { t->text, t->ref, t->section };
		struct ops_task_keys tk;

		for (k = 0; k < 3; k++)
			b->search[3 * i + k] = fields[k] ? vi_fold_dup(fields[k], VI_FOLD_PUNCT) : NULL;
		b->by_id[i].id = t->id;
		b->by_id[i].i = i;
		b->keys[i] = task_keys_make(t);
		task_keys_get(b, i, &tk);
		index_names(b, &cap, tk.leads, i);
		index_names(b, &cap, tk.coordinates, i);
	}
	qsort(b->by_id, b->w.ntasks, sizeof(*b->by_id), id_index_cmp);
	if (b->nby_agency)
		qsort(b->by_agency, b->nby_agency, sizeof(*b->by_agency), key_index_cmp);
	*out = b;
	return 0;
}

/* The task with this id in b, or (size_t)-1. */
static size_t base_find(const struct world_base *b, long long id)
{
	struct id_index key = { .id = id }, *hit;

	hit = bsearch(&key, b->by_id, b->w.ntasks, sizeof(*b->by_id), id_index_cmp);
	return hit ? hit->i : (size_t)-1;
}

/* The tasks naming agency (vi_fold_eq) among their bodies, in document
 * order, into *out (owned); returns how many. */
static size_t base_naming(const struct world_base *b, const char *agency, size_t **out)
{
	char *key = vi_fold_dup(agency, 0);
	size_t klen = strlen(key), lo = 0, hi = b->nby_agency, n = 0, cap = 0;

	*out = NULL;
	while (lo < hi) { /* the first entry not below key */
		size_t mid = lo + (hi - lo) / 2;

		if (key_cmp(b->by_agency[mid].key, b->by_agency[mid].len, key, klen) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < b->nby_agency &&
	       key_cmp(b->by_agency[lo].key, b->by_agency[lo].len, key, klen) == 0;
	     lo++) {
		if (n && (*out)[n - 1] == b->by_agency[lo].i)
			continue; /* named twice (leads and coordinates) */
		xgrow((void **)out, &cap, n + 1, sizeof(**out));
		(*out)[n++] = b->by_agency[lo].i;
	}
	free(key);
	return n;
}

static struct shared_world *world_of_base(struct world_base *b, long long head, int due_soon)
{
	struct shared_world *sw = xcalloc(1, sizeof(*sw));

	sw->base = b;
	sw->w = b->w;
	sw->head = head;
	sw->due_soon = due_soon;
	sw->refs = 1;
	return sw;
}

/* The official reports of a task's list and its status in the world's day
 * and period. */
static struct status_report *compute_status(const struct shared_world *sw, struct task_view *tk,
					    struct report_view *reports, size_t n)
{
	struct status_opts so = { .today = sw->w.today, .period = &sw->w.period,
				  .due_soon = sw->due_soon };
	struct status_task st = { .start = tk->start, .end = tk->end };
	struct status_report *official = xcalloc(n + 1, sizeof(*official));
	size_t j;

	tk->reports = reports;
	tk->nreports = n;
	tk->first_report = 0;
	tk->nofficial = 0;
	for (j = 0; j < n; j++) {
		struct report_view *x = &reports[j];

		if (!x->lead || x->replaced)
			continue;
		x->sr.period = x->has_period ? &x->period : NULL;
		official[tk->nofficial++] = x->sr;
	}
	tk->official = official;
	st.recurring = tk->t->due && tk->t->due->recurring;
	st.reports = official;
	st.nreports = tk->nofficial;
	status_compute(&st, &so, &tk->res);
	return official;
}

struct catch_up {
	long long *tasks;
	size_t n, cap;
	bool reload; /* a change the patches cannot follow */
};

/* Sorts an audit row: a report's task to read again, nothing, or a reload. */
static int note_change(const struct audit_entry *e, void *arg)
{
	/* Rows no task's status or text depends on. */
	static const char *const inert[] = { "user", "agency_contact", "indicator_report" };
	struct catch_up *cu = arg;
	size_t k;

	if (strcmp(e->entity, "progress_report") == 0 && e->task_id) {
		xgrow((void **)&cu->tasks, &cu->cap, cu->n + 1, sizeof(*cu->tasks));
		cu->tasks[cu->n++] = e->task_id;
		return 0;
	}
	for (k = 0; k < ARRAY_SIZE(inert); k++)
		if (strcmp(e->entity, inert[k]) == 0)
			return 0;
	cu->reload = true;
	return 1;
}

static int ll_cmp(const void *a, const void *b)
{
	const long long *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

/* A world with the changes after old->head up to at least head, sharing
 * old's base; *out NULL when they need a full load. */
static int world_catch_up(struct ops_ctx *c, const struct shared_world *old, long long head,
			  struct shared_world **out, struct sb *err)
{
	struct catch_up cu = { 0 };
	struct shared_world *sw = NULL;
	size_t k, n = old->w.ntasks;
	bool more = false;
	int rc;

	*out = NULL;
	if ((rc = store_audit_since(c->store, old->head, MAX_CATCH_UP, note_change, &cu, &more,
				    err)) < 0 ||
	    cu.reload || more)
		goto out;
	if (cu.n > 1) /* each task read once, however many reports it had */
		qsort(cu.tasks, cu.n, sizeof(*cu.tasks), ll_cmp);
	ref(&old->base->refs);
	sw = world_of_base(old->base, head, old->due_soon);
	sw->w.tasks = xmalloc((n ? n : 1) * sizeof(*sw->w.tasks));
	memcpy(sw->w.tasks, old->w.tasks, n * sizeof(*sw->w.tasks));
	sw->patch = xcalloc(n + 1, sizeof(*sw->patch));
	for (k = 0; old->patch && k < n; k++)
		if ((sw->patch[k] = old->patch[k]))
			ref(&sw->patch[k]->refs);
	sw->npatched = old->npatched;
	for (k = 0; k < cu.n; k++) {
		size_t i = base_find(sw->base, cu.tasks[k]);
		struct report_acc acc = { 0 };
		struct task_patch *tp;

		if (i == (size_t)-1) { /* not a published task of this world */
			world_unref(sw);
			sw = NULL;
			goto out;
		}
		if (k && cu.tasks[k - 1] == cu.tasks[k])
			continue;
		if ((rc = store_report_list(c->store, 0, cu.tasks[k], collect_report, &acc, err)) <
		    0) {
			for (i = 0; i < acc.n; i++)
				free(acc.v[i].agency);
			free(acc.v);
			world_unref(sw);
			sw = NULL;
			goto out;
		}
		tp = xcalloc(1, sizeof(*tp));
		tp->refs = 1;
		tp->reports = acc.v;
		tp->nreports = acc.n;
		tp->official = compute_status(sw, &sw->w.tasks[i], tp->reports, tp->nreports);
		sw->npatched += !sw->patch[i];
		patch_unref(sw->patch[i]);
		sw->patch[i] = tp;
	}
	if (sw->npatched > MAX_PATCHED(n)) {
		world_unref(sw);
		sw = NULL;
	}
	*out = sw;
out:
	free(cu.tasks);
	return rc;
}

static bool world_fits(const struct shared_world *sw, int today, const struct period *p,
		       int due_soon)
{
	return sw && sw->w.today == today && sw->due_soon == due_soon &&
	       sw->w.period.kind == p->kind && sw->w.period.year == p->year &&
	       sw->w.period.index == p->index;
}

/* The cached world if it fits and includes head (any head: min_head < 0),
 * with a reference for the caller; else NULL. */
static struct shared_world *world_cached(struct task_cache *tc, long long min_head, int today,
					 const struct period *p, int due_soon)
{
	struct shared_world *sw = NULL;

	pthread_mutex_lock(&tc->mu);
	if (world_fits(tc->world, today, p, due_soon) && tc->world->head >= min_head) {
		sw = tc->world;
		ref(&sw->refs);
	}
	pthread_mutex_unlock(&tc->mu);
	return sw;
}

/* The world for c->today and period p, shared through c->cache when there is
 * one (keep: it becomes the cached world); the caller owns one reference.
 * Requests that miss the kept world together wait for one build or
 * catch-up instead of each making its own. */
static int world_get(struct ops_ctx *c, const struct period *p, bool keep,
		     struct shared_world **out, struct sb *err)
{
	const struct ops_settings *set = c->settings ? c->settings : ops_settings_default();
	struct task_cache *tc = c->cache;
	struct shared_world *sw = NULL, *old = NULL;
	struct world_base *b = NULL;
	bool building = false;
	long long head = 0;
	int rc = 0;

	*out = NULL;
	if (tc && (rc = store_audit_head(c->store, &head, err)) < 0)
		return rc;
	if (tc && (sw = world_cached(tc, head, c->today, p, set->due_soon_days)))
		goto done;
	if (tc && keep) {
		pthread_mutex_lock(&tc->build_mu);
		building = true;
		if ((sw = world_cached(tc, head, c->today, p, set->due_soon_days)))
			goto done;
		/* An older world of the same day: catch up on what changed. */
		if ((old = world_cached(tc, -1, c->today, p, set->due_soon_days))) {
			rc = world_catch_up(c, old, head, &sw, err);
			world_unref(old);
			old = NULL;
			if (rc < 0)
				goto done;
		}
	}
	if (!sw) {
		if ((rc = base_load(c, p, &b, err)) < 0)
			goto done;
		sw = world_of_base(b, head, set->due_soon_days);
	}
	if (building) {
		pthread_mutex_lock(&tc->mu);
		if (!tc->world || tc->world->head <= head) {
			old = tc->world;
			tc->world = sw;
			ref(&sw->refs);
		}
		pthread_mutex_unlock(&tc->mu);
	}
	world_unref(old);
done:
	if (building)
		pthread_mutex_unlock(&tc->build_mu);
	*out = sw;
	return rc;
}

void task_page_view_release(struct task_page_view *v)
{
	free(v->tasks);
	free(v->owed);
	world_unref(v->world);
	memset(v, 0, sizeof(*v));
}

/* The search key occurs in the folded text, ref or section of task i ("van
 * hoa" finds "Văn hóa", "dong" finds "đồng"). */
static bool text_has(const struct world_base *b, size_t i, const char *key)
{
	size_t k;

	for (k = 0; k < 3; k++)
		if (b->search[3 * i + k] && strstr(b->search[3 * i + k], key))
			return true;
	return false;
}

int ops_task_page(struct ops_ctx *c, const struct task_page_req *req, struct task_page_view *out,
		  struct sb *err)
{
	struct task_matcher *m = NULL;
	struct ops_actor_keys *ak = NULL;
	const struct world_base *b;
	const char *agency;
	struct period p;
	char *key = NULL;
	size_t *only = NULL, nonly = 0, i, k, n, cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = ops_allowed(c, OPS_READ, err)) < 0)
		goto out;
	/* One task: the world holds published tasks only and ops_task_visible
	 * decides below, which is ops_task_readable's rule, with its answer
	 * ("no task N that you may see"); asked first only when the period is
	 * bad, so that an unreadable task still answers before the period. */
	if ((rc = pick_period(req->period, c->today, &p, NULL)) < 0) {
		if (!req->task_id || (rc = ops_task_readable(c, req->task_id, err)) == 0)
			rc = pick_period(req->period, c->today, &p, err);
		goto out;
	}
	if ((rc = world_get(c, &p, !req->period, &out->world, err)) < 0)
		goto out;
	out->w = &out->world->w;
	b = out->world->base;
	m = ops_matcher_new(c, &req->q);
	if (req->search && *req->search)
		key = vi_fold_dup(req->search, VI_FOLD_PUNCT);
	/* The tasks to ask about: the one asked for, those naming the body the
	 * actor is limited to, else all; each is still asked ops_task_visible. */
	n = out->w->ntasks;
	if (req->task_id) {
		only = xmalloc(sizeof(*only));
		i = base_find(b, req->task_id);
		nonly = i == (size_t)-1 ? 0 : 1;
		only[0] = i;
	} else if ((agency = ops_visible_agency(c))) {
		nonly = base_naming(b, agency, &only);
	}
	if (only)
		n = nonly;
	/* The actor's names folded once here, the tasks' once per world: the
	 * rules of ops_task_visible, ops_task_match and ops_task_owed without a
	 * fold per task. */
	ak = ops_actor_keys_new(c);
	for (k = 0; k < n; k++) {
		struct task_view *tk = &out->w->tasks[i = only ? only[k] : k];
		struct ops_task_keys tkeys;

		if ((req->task_id && tk->t->id != req->task_id) ||
		    (req->q.plan_id && tk->plan->id != req->q.plan_id) ||
		    (req->bucket >= 0 && (int)tk->res.bucket != req->bucket))
			continue;
		task_keys_get(b, i, &tkeys);
		if (!ops_task_visible_keyed(ak, &tkeys) || !ops_task_match_keyed(m, &tkeys) ||
		    (key && *key && !text_has(b, i, key)))
			continue;
		status_agg_add(&out->agg, &tk->res);
		if (out->total++ < req->offset || (req->limit && out->n >= req->limit))
			continue;
		if (out->n + 1 > cap) {
			xgrow((void **)&out->tasks, &cap, out->n + 1, sizeof(*out->tasks));
			out->owed = xrealloc(out->owed, cap * sizeof(*out->owed));
		}
		out->owed[out->n] = ops_task_owed_keyed(ak, &tkeys);
		out->tasks[out->n++] = tk;
	}
	if (req->task_id && !out->n) {
		sb_addf(err, "no task %lld that you may see", req->task_id);
		rc = -ERR_NOTFOUND;
	}
out:
	if (rc < 0)
		task_page_view_release(out);
	ops_matcher_free(m);
	ops_actor_keys_free(ak);
	free(only);
	free(key);
	return rc;
}

/* ---- views kept with a shared world ------------------------------------------ */

/*
 * A world version never changes once built (a report makes a new version,
 * world_catch_up), so what is derived from it for actors who see every
 * published task (ops_sees_every_published: the standing agency's overview
 * and charts) is computed once, by the first request that asks, and handed
 * to the others read-only for as long as they hold the world. One entry per
 * view asked: the status of every task or of one plan, the completeness of
 * one period over every plan or one.
 */
struct kept_view {
	struct kept_view *next;
	pthread_mutex_t mu; /* held while the view is computed */
	bool status; /* else a completeness */
	long long plan_id;
	struct period period; /* a completeness's */
	struct status_view sv; /* filled when sv.by_plan is set */
	struct completeness_view cv; /* filled when cv.c is set */
};

/* One more reference to sw (a view that keeps what sw keeps). */
static void world_hold(struct shared_world *sw)
{
	ref(&sw->refs);
}

/* Guards every world's kept list (a lookup, not a computation). */
static pthread_mutex_t kept_mu = PTHREAD_MUTEX_INITIALIZER;

/* The entry of sw for that view, made if new, with its lock held: the caller
 * fills it if it is empty, then kept_done. */
static struct kept_view *kept_get(struct shared_world *sw, bool status, long long plan_id,
				  const struct period *p)
{
	struct kept_view *kv;

	pthread_mutex_lock(&kept_mu);
	for (kv = sw->kept; kv; kv = kv->next)
		if (kv->status == status && kv->plan_id == plan_id &&
		    (status || period_equal(&kv->period, p)))
			break;
	if (!kv) {
		kv = xcalloc(1, sizeof(*kv));
		pthread_mutex_init(&kv->mu, NULL);
		kv->status = status;
		kv->plan_id = plan_id;
		if (p)
			kv->period = *p;
		kv->next = sw->kept;
		sw->kept = kv;
	}
	pthread_mutex_unlock(&kept_mu);
	pthread_mutex_lock(&kv->mu);
	return kv;
}

static void kept_done(struct kept_view *kv)
{
	pthread_mutex_unlock(&kv->mu);
}

static struct status_view *kept_status(struct kept_view *kv)
{
	return &kv->sv;
}

static struct completeness_view *kept_completeness(struct kept_view *kv)
{
	return &kv->cv;
}

/* The last reference to the world is gone: nobody else reads its list. */
static void kept_free(struct kept_view *kv)
{
	while (kv) {
		struct kept_view *next = kv->next;

		status_view_release(&kv->sv); /* kept false, world NULL: frees its own */
		completeness_view_release(&kv->cv);
		pthread_mutex_destroy(&kv->mu);
		free(kv);
		kv = next;
	}
}
