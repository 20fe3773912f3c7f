/*
 * ops_list.c - the read operations on what is stored (plans, tasks, one
 * plan, a task's history, contacts) and the reminder run. Each checks the
 * actor's right to read and leaves out what the actor may not see.
 */
#include "base/compat.h"
#include "ops/views.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"
#include "store/store.h"
#include "base/date.h"
#include "track/period.h"
#include "track/remind.h"

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* ---- plans ------------------------------------------------------------------ */

struct plan_acc {
	struct plan_list_view *v;
	size_t cap;
	bool drafts;
};

static int collect_meta(const struct plan_meta *m, void *arg)
{
	struct plan_acc *acc = arg;
	struct plan_meta *x;

	if (!acc->drafts && m->status != PLAN_PUBLISHED)
		return 0;
	xgrow((void **)&acc->v->plans, &acc->cap, acc->v->nplans + 1, sizeof(*acc->v->plans));
	x = &acc->v->plans[acc->v->nplans++];
	*x = *m;
	x->source = dup_or_null(m->source);
	x->sha256 = dup_or_null(m->sha256);
	x->imported_at = dup_or_null(m->imported_at);
	x->number = dup_or_null(m->number);
	x->kind = dup_or_null(m->kind);
	x->title = dup_or_null(m->title);
	return 0;
}

void plan_list_view_release(struct plan_list_view *v)
{
	size_t i;

	for (i = 0; i < v->nplans; i++)
		plan_meta_release(&v->plans[i]);
	free(v->plans);
	memset(v, 0, sizeof(*v));
}

int ops_plan_list(struct ops_ctx *c, struct plan_list_view *v, struct sb *err)
{
	struct plan_acc acc = { .v = v };
	int rc;

	memset(v, 0, sizeof(*v));
	if ((rc = ops_allowed(c, OPS_READ, err)) < 0)
		return rc;
	acc.drafts = ops_allowed(c, OPS_READ_DRAFTS, NULL) == 0;
	return store_plan_list(c->store, collect_meta, &acc, err);
}

int ops_plan_meta(struct ops_ctx *c, long long id, struct plan_meta *out, struct sb *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = ops_allowed(c, OPS_READ, err)) < 0)
		return rc;
	rc = store_plan_meta(c->store, id, out, err);
	if (rc == 0 && out->status != PLAN_PUBLISHED &&
	    ops_allowed(c, OPS_READ_DRAFTS, NULL) < 0) {
		plan_meta_release(out);
		rc = -ERR_NOTFOUND;
	}
	if (rc == -ERR_NOTFOUND) {
		sb_reset(err);
		sb_addf(err, "no plan %lld that you may see", id);
	}
	return rc;
}

int ops_plan_get(struct ops_ctx *c, long long id, struct plan *out, struct sb *err)
{
	struct plan_state ps;
	int rc;

	if ((rc = ops_allowed(c, OPS_READ, err)) < 0 ||
	    (rc = store_plan_state(c->store, id, &ps, err)) < 0)
		return rc;
	if (ps.status != PLAN_PUBLISHED && ops_allowed(c, OPS_READ_DRAFTS, NULL) < 0) {
		sb_addf(err, "plan %lld is a draft: only the standing agency reads it", id);
		return -ERR_DENIED;
	}
	return store_plan_load(c->store, id, out, err);
}

/* ---- tasks -------------------------------------------------------------------- */

void task_list_view_release(struct task_list_view *v)
{
	size_t i;

	for (i = 0; i < v->nplans; i++)
		plan_release(&v->plans[i]);
	free(v->plans);
	free(v->items);
	memset(v, 0, sizeof(*v));
}

int ops_task_list(struct ops_ctx *c, const struct task_query *q, struct task_list_view *v,
		  struct sb *err)
{
	struct plan_list_view pl = { 0 };
	struct task_matcher *m = NULL;
	size_t i, j, n = 0, cap = 0;
	int rc;

	memset(v, 0, sizeof(*v));
	if ((rc = ops_plan_list(c, &pl, err)) < 0)
		goto out;
	v->plans = xcalloc(pl.nplans + 1, sizeof(*v->plans));
	for (i = 0; i < pl.nplans; i++) {
		if (q->plan_id && pl.plans[i].id != q->plan_id)
			continue;
		plan_init(&v->plans[v->nplans]);
		v->nplans++;
		if ((rc = store_plan_load(c->store, pl.plans[i].id, &v->plans[v->nplans - 1], err)) < 0)
			goto out;
		n += v->plans[v->nplans - 1].tasks.n;
	}
	m = ops_matcher_new(c, q);
	for (i = 0; i < v->nplans; i++) {
		const struct plan *p = &v->plans[i];
		bool published = pl.plans[i].status == PLAN_PUBLISHED;

		for (j = 0; j < p->tasks.n; j++) {
			const struct task *t = &p->tasks.v[j];

			if (!ops_task_visible(c, t, published) || !ops_task_match(m, t))
				continue;
			xgrow((void **)&v->items, &cap, v->n + 1, sizeof(*v->items));
			v->items[v->n].plan = p;
			v->items[v->n++].t = t;
		}
	}
	(void)n;
	rc = 0;
out:
	ops_matcher_free(m);
	plan_list_view_release(&pl);
	return rc;
}

/* ---- history -------------------------------------------------------------------- */

static int collect_change(const struct task_change *ch, void *arg)
{
	struct history_view *v = arg;
	struct change_item *x;

	v->changes = xrealloc(v->changes, (v->nchanges + 1) * sizeof(*v->changes));
	x = &v->changes[v->nchanges++];
	x->id = ch->id;
	x->plan_version = ch->plan_version;
	x->field = dup_or_null(ch->field);
	x->old_value = dup_or_null(ch->old_value);
	x->new_value = dup_or_null(ch->new_value);
	x->at = dup_or_null(ch->at);
	x->actor = dup_or_null(ch->actor);
	x->reason = dup_or_null(ch->reason);
	return 0;
}

/* A day as the history view shows it (ISO), or NULL for none. */
static char *day_or_null(int day)
{
	char iso[CAL_ISO_LEN];

	return calendar_valid(day) ? xstrdup(calendar_format_iso(day, iso)) : NULL;
}

static int collect_hreport(const struct report_row *r, void *arg)
{
	struct history_view *v = arg;
	struct history_report *x;

	v->reports = xrealloc(v->reports, (v->nreports + 1) * sizeof(*v->reports));
	x = &v->reports[v->nreports++];
	x->id = r->id;
	x->replaces_id = r->replaces_id;
	x->replaced = r->replaced;
	x->has_value = r->has_value;
	x->value = r->value;
	x->agency = dup_or_null(r->agency);
	x->role = xstrdup(report_role_key(r->role));
	x->period = dup_or_null(r->period);
	x->state = xstrdup(task_state_key(r->state));
	x->completion_date = day_or_null(r->completion_date);
	x->note = dup_or_null(r->note);
	x->filed_on = day_or_null(r->filed_on);
	x->decision = dup_or_null(confirmation_key(r->decision));
	x->decided_on = day_or_null(r->decided_on);
	x->decision_reason = dup_or_null(r->decision_reason);
	x->actor = dup_or_null(r->actor);
	x->nevidence = r->nevidence;
	return 0;
}

void history_view_release(struct history_view *v)
{
	size_t i;

	for (i = 0; i < v->nchanges; i++) {
		struct change_item *x = &v->changes[i];

		free(x->field);
		free(x->old_value);
		free(x->new_value);
		free(x->at);
		free(x->actor);
		free(x->reason);
	}
	for (i = 0; i < v->nreports; i++) {
		struct history_report *x = &v->reports[i];

		free(x->agency);
		free(x->role);
		free(x->period);
		free(x->state);
		free(x->completion_date);
		free(x->note);
		free(x->filed_on);
		free(x->decision);
		free(x->decided_on);
		free(x->decision_reason);
		free(x->actor);
	}
	free(v->changes);
	free(v->reports);
	memset(v, 0, sizeof(*v));
}

int ops_history(struct ops_ctx *c, long long task_id, struct history_view *v, struct sb *err)
{
	struct task_ref tr;
	int rc;

	memset(v, 0, sizeof(*v));
	if ((rc = ops_allowed(c, OPS_READ, err)) < 0 ||
	    (rc = ops_task_readable(c, task_id, err)) < 0 ||
	    (rc = store_task_ref(c->store, task_id, &tr, err)) < 0)
		goto out;
	v->task_id = task_id;
	v->plan_id = tr.plan_id;
	snprintf(v->plan_status, sizeof(v->plan_status), "%s", plan_status_key(tr.plan.status));
	v->plan_version = tr.plan.version;
	if ((rc = store_task_history(c->store, task_id, collect_change, v, err)) < 0 ||
	    (rc = store_report_list(c->store, 0, task_id, collect_hreport, v, err)) < 0)
		goto out;
out:
	return rc;
}

/* ---- contacts -------------------------------------------------------------------- */

static int collect_contact(const char *name, const char *email, void *arg)
{
	struct contact_view *v = arg;

	v->items = xrealloc(v->items, (v->n + 1) * sizeof(*v->items));
	v->items[v->n].name = xstrdup(name);
	v->items[v->n++].email = xstrdup(email);
	return 0;
}

void contact_view_release(struct contact_view *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		free(v->items[i].name);
		free(v->items[i].email);
	}
	free(v->items);
	memset(v, 0, sizeof(*v));
}

int ops_contacts(struct ops_ctx *c, struct contact_view *v, struct sb *err)
{
	int rc;

	memset(v, 0, sizeof(*v));
	if ((rc = ops_allowed(c, OPS_CONFIGURE, err)) < 0)
		return rc;
	return store_contact_list(c->store, collect_contact, v, err);
}

/* ---- names ------------------------------------------------------------------------ */

void name_view_release(struct name_view *v)
{
	size_t i;

	for (i = 0; i < v->nnames; i++)
		free(v->names[i].name);
	for (i = 0; i < v->naliases; i++) {
		free(v->aliases[i].alias);
		free(v->aliases[i].canonical);
	}
	free(v->names);
	free(v->aliases);
	memset(v, 0, sizeof(*v));
}

static int collect_name(const char *name, size_t uses, bool known, void *arg)
{
	struct name_view *v = arg;
	struct name_use *u;

	v->names = xrealloc(v->names, (v->nnames + 1) * sizeof(*v->names));
	u = &v->names[v->nnames++];
	u->name = xstrdup(name);
	u->uses = uses;
	u->known = known;
	v->nunknown += !known;
	return 0;
}

static int collect_person(const char *name, size_t uses, void *arg)
{
	return collect_name(name, uses, true, arg);
}

static int collect_alias(const char *alias, const char *canonical, void *arg)
{
	struct name_view *v = arg;

	v->aliases = xrealloc(v->aliases, (v->naliases + 1) * sizeof(*v->aliases));
	v->aliases[v->naliases].alias = xstrdup(alias);
	v->aliases[v->naliases++].canonical = xstrdup(canonical);
	return 0;
}

int ops_names(struct ops_ctx *c, bool people, struct name_view *v, struct sb *err)
{
	int rc;

	memset(v, 0, sizeof(*v));
	if (people)
		rc = ops_person_usage(c, collect_person, v, err);
	else
		rc = ops_agency_usage(c, false, collect_name, v, err);
	if (rc == 0)
		rc = people ? store_person_alias_list(c->store, collect_alias, v, err)
			    : store_agency_alias_list(c->store, collect_alias, v, err);
	if (rc < 0)
		name_view_release(v);
	return rc;
}

/* ---- reminders ------------------------------------------------------------------------ */

void remind_view_release(struct remind_view *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		struct remind_result *x = &v->msgs[i];

		free(x->kind);
		free(x->recipient);
		free(x->email);
		free(x->body);
		free(x->where);
		free(x->error);
	}
	free(v->msgs);
	memset(v, 0, sizeof(*v));
}

/* Delivers one message unless it went out today already, then records it. */
static int deliver(struct ops_ctx *c, const struct remind_req *req, const char *today,
		   const struct remind_msg *m, struct remind_result *x)
{
	struct sb err = SB_INIT, where = SB_INIT;
	struct reminder_rec rec = { 0 };
	struct remind_mail mail = { 0 };
	char *email = NULL;
	const char *via = NULL;
	bool seen = false;
	int rc;

	x->outcome = REMIND_FAILED; /* until it is known to have gone */
	x->kind = xstrdup(remind_kind_key(m->kind));
	x->recipient = xstrdup(m->recipient);
	x->nitems = m->nitems;
	if ((rc = store_reminder_seen(c->store, m->kind, m->recipient, c->today, m->state, &seen,
				      &err)) < 0 ||
	    (rc = store_contact_find(c->store, m->recipient, &email, &err)) < 0)
		goto out;
	x->email = email ? xstrdup(email) : NULL;
	if (seen) {
		x->outcome = REMIND_SKIPPED;
		goto out;
	}
	if (req->dry_run) {
		x->outcome = REMIND_DRY;
		x->body = xstrdup(m->body);
		goto out;
	}
	mail.kind = x->kind;
	mail.recipient = m->recipient;
	mail.email = email;
	mail.subject = m->subject;
	mail.body = m->body;
	mail.fingerprint = m->state;
	mail.day = today;
	if ((rc = req->mailer->deliver(req->mailer, &mail, &via, &where, &err)) < 0)
		goto out;
	x->outcome = strcmp(via, "smtp") == 0 ? REMIND_SENT : REMIND_WRITTEN;
	x->where = where.len ? xstrdup(where.buf) : NULL;
	rec.kind = m->kind;
	rec.recipient = m->recipient;
	rec.email = email;
	rec.day = c->today;
	rec.state = m->state;
	rec.subject = m->subject;
	rec.via = via;
	rec.items = m->nitems;
	rc = store_reminder_record(c->store, &rec, ops_login(c), &err);
out:
	if (rc < 0)
		x->error = xstrdup(err.buf);
	free(email);
	sb_release(&err);
	sb_release(&where);
	return rc;
}

int ops_remind(struct ops_ctx *c, const struct remind_req *req, struct remind_view *v,
	       struct sb *err)
{
	const struct ops_settings *set = c->settings ? c->settings : ops_settings_default();
	struct status_req sr = { .period = req->period };
	struct status_view sv = { 0 };
	struct remind_opts ro = { 0 };
	struct remind_msg *msgs = NULL;
	VEC(struct remind_item) items = { 0 };
	char today[CAL_ISO_LEN];
	size_t i, j, nmsgs = 0;
	int rc;

	memset(v, 0, sizeof(*v));
	v->smtp = req->smtp;
	if ((rc = ops_allowed(c, OPS_REMIND, err)) < 0)
		return rc;
	if (!req->dry_run && !req->mailer) {
		sb_adds(err, "no way to send reminders is configured");
		return -ERR_INPUT;
	}
	if ((rc = ops_status(c, &sr, &sv, err)) < 0)
		goto out;
	for (i = 0; i < sv.ntasks; i++) {
		const struct task_view *tk = sv.tasks[i];
		const char *const *names;
		size_t n = task_lead_names(tk->t, &names);

		for (j = 0; j < n; j++) {
			struct remind_item *it = VEC_PUSH(&items);

			it->agency = names[j];
			it->official = tk->t->supervisor ? tk->t->supervisor : tk->t->leader;
			it->task_id = tk->t->id;
			it->ref = tk->t->ref;
			it->text = tk->t->text;
			it->deadline = tk->end;
			it->status = tk->res;
		}
	}
	ro.today = c->today;
	ro.escalate_days = set->escalate_days;
	ro.period = &sv.w.period;
	nmsgs = remind_build(items.v, items.n, &ro, &msgs);
	calendar_format_iso(c->today, today);
	v->msgs = xcalloc(nmsgs + 1, sizeof(*v->msgs));
	/* Servers sharing one database: one sends, the others skip this run. */
	if (!req->dry_run && (rc = store_job_begin(c->store, "remind", err)) <= 0) {
		if (rc == 0) {
			sb_adds(err, "một máy chủ khác đang gửi nhắc việc; another dondoc is sending"
				     " today's reminders now: nothing sent by this one");
			rc = -ERR_BUSY;
		}
		goto out;
	}
	for (i = 0; i < nmsgs; i++) {
		struct remind_result *x = &v->msgs[v->n++];

		deliver(c, req, today, &msgs[i], x);
		switch (x->outcome) {
		case REMIND_SENT:
			v->sent++;
			break;
		case REMIND_WRITTEN:
			v->written++;
			break;
		case REMIND_SKIPPED:
			v->skipped++;
			break;
		case REMIND_DRY:
			break;
		case REMIND_FAILED:
			v->failed++;
			break;
		}
		if (x->error && x->outcome != REMIND_FAILED)
			v->failed++;
	}
	if (!req->dry_run && (rc = store_job_end(c->store, err)) < 0)
		goto out;
	if (v->failed) {
		sb_addf(err, "%zu of %zu reminders failed", v->failed, nmsgs);
		rc = -ERR_IO;
	}
out:
	remind_msgs_free(msgs, nmsgs);
	free(items.v);
	status_view_release(&sv);
	return rc;
}
