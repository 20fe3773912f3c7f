/*
 * ops_track.c - the write operations: import, publish, edit a task, file a
 * report (with evidence) or an indicator value, confirm or refuse a
 * completion, contacts and aliases. Each checks the actor's right first
 * (ops.c), then the request's text, then asks the store for one transaction;
 * a refusal writes nothing.
 */
#include "base/compat.h"
#include "ops/ops.h"
#include "base/err.h"
#include "base/hash.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "extract/agency.h"
#include "extract/extract.h"
#include "extract/timeframe.h"
#include "ingest/doc.h"
#include "ingest/ingest.h"
#include "model/plan.h"
#include "store/store.h"
#include "ops/review_int.h"
#include "base/date.h"
#include "track/period.h"
#include "track/status.h"

#include <errno.h>
#include <math.h>

/* ---- import ---------------------------------------------------------------- */

static size_t count_unknown(const struct ops_ctx *c, const struct plan *p)
{
	size_t i, j, n = 0;

	for (i = 0; i < p->tasks.n; i++) {
		const struct task *t = &p->tasks.v[i];

		for (j = 0; j < t->lead.n; j++)
			n += agency_canonical(c->agencies, t->lead.v[j], 0) == NULL;
		for (j = 0; j < t->coordinate.n; j++)
			n += agency_canonical(c->agencies, t->coordinate.v[j], 0) == NULL;
	}
	return n;
}

void ops_import_release(struct import_req *req)
{
	for (size_t i = 0; i < req->nnotes; i++)
		free(req->notes[i]);
	free(req->notes);
	req->notes = NULL;
	req->nnotes = 0;
}

int ops_import(struct ops_ctx *c, struct import_req *req, struct sb *err)
{
	struct sb data = SB_INIT;
	struct plan plan;
	struct doc *doc = NULL;
	struct src_lines lines = { 0 };
	const char *name = req->name ? req->name : req->path;
	char hex[HASH_HEX_LEN];
	int rc;

	plan_init(&plan);
	req->plan_id = req->existing_id = 0;
	req->notes = NULL;
	req->nnotes = 0;
	if ((rc = ops_allowed(c, OPS_IMPORT, err)) < 0)
		goto out;
	if ((rc = ingest_slurp(req->path, req->limits->max_bytes, &data, err)) < 0)
		goto out;
	/* The same file twice is almost always a slip: say so instead of
	 * doubling every task. */
	if (hash_sha256_hex(data.buf, data.len, hex) < 0) {
		sb_adds(err, "libsodium failed to initialise");
		rc = -ERR_IO;
		goto out;
	}
	if (!req->again && store_plan_find_source(c->store, hex, &req->existing_id, err) == 0 &&
	    req->existing_id) {
		rc = 0;
		goto out;
	}
	sb_reset(err);
	doc = ingest_buffer(name, data.buf, data.len, req->limits, err);
	if (!doc) {
		rc = -ERR_INPUT;
		goto out;
	}
	if ((rc = extract_plan(doc, c->agencies, NULL, &plan, err)) < 0)
		goto out;
	/* The source text, for reviewing the draft beside it (ops_review.c). */
	src_lines_collect(doc, data.buf, data.len, &lines);
	sb_reset(&data);
	/* The check and the insert in one write transaction: two processes
	 * importing the same file cannot both find it absent. */
	if (req->limits->max_tasks && plan.tasks.n > req->limits->max_tasks) {
		doc_limit_error(err, name, NULL, req->limits->max_tasks,
				"nhiệm vụ trong một kế hoạch", "tasks in one plan", "DONDOC_MAX_TASKS");
		rc = -ERR_TOOBIG;
		goto out;
	}
	if ((rc = store_tx_begin(c->store, &data)) == 0) {
		req->existing_id = 0;
		rc = req->again ? store_plan_insert_copy(c->store, &plan, name, hex, ops_login(c),
							 &data)
				: store_plan_insert(c->store, &plan, name, hex, ops_login(c), &data);
		if (rc == 1) { /* the same content, stored first by us or another process */
			req->existing_id = plan.id;
			rc = 0;
		} else if (rc == 0) {
			rc = store_source_lines_put(c->store, plan.id, lines.v, lines.n, &data);
		}
		rc = ops_tx_end(c, rc, &data);
	}
	/* Another process stored the same content while this transaction ran
	 * (a server database's UNIQUE index caught it): already imported. */
	if (rc == -ERR_CONFLICT && !req->again &&
	    store_plan_find_source(c->store, hex, &req->existing_id, err) == 0 && req->existing_id)
		rc = 0;
	if (rc < 0) {
		sb_addf(err, "%s: not imported: %s", name, data.buf);
		goto out;
	}
	if (req->existing_id)
		goto out;
	req->plan_id = plan.id;
	req->ntasks = plan.tasks.n;
	req->nindicators = plan.indicators.n;
	req->ntargets = plan.targets.n;
	req->nreporting = plan.reporting.n;
	req->unknown_agencies = count_unknown(c, &plan);
	req->notes = plan.notes.v; /* handed over: the plan forgets them */
	req->nnotes = plan.notes.n;
	memset(&plan.notes, 0, sizeof(plan.notes));
out:
	src_lines_release(&lines);
	doc_free(doc);
	plan_release(&plan);
	sb_release(&data);
	return rc;
}

/* ---- publish, edit ----------------------------------------------------------- */

int ops_publish(struct ops_ctx *c, long long plan_id, bool *already, struct sb *err)
{
	int rc = ops_allowed(c, OPS_PUBLISH, err);

	*already = false;
	if (rc < 0)
		return rc;
	if ((rc = store_tx_begin(c->store, err)) < 0)
		return rc;
	rc = ops_tx_end(c, store_plan_publish(c->store, plan_id, ops_login(c), err), err);
	if (rc == 1)
		*already = true;
	return rc < 0 ? rc : 0;
}

int ops_edit(struct ops_ctx *c, struct edit_req *req, struct sb *err)
{
	struct strlist bodies = { 0 }, groups = { 0 };
	struct sb value = SB_INIT, reason = SB_INIT, msg = SB_INIT;
	struct task_edit e = { 0 };
	struct task_ref tr;
	bool tx = false;
	int rc;

	req->due = NULL;
	if ((rc = ops_allowed(c, OPS_EDIT, err)) < 0)
		goto out;
	if (!req->field || !store_task_edit_field_ok(req->field)) {
		sb_addf(err, "'%s' is not a task field; use text, ref, section, leader, supervisor,"
			" result, due, lead or coordinate", req->field ? req->field : "");
		rc = -ERR_USAGE;
		goto out;
	}
	if (!req->reason || !*req->reason) {
		sb_adds(err, "a correction needs a reason: --reason TEXT");
		rc = -ERR_USAGE;
		goto out;
	}
	if ((rc = ops_text("--value", req->value, &value, err)) < 0 ||
	    (rc = ops_text("--reason", req->reason, &reason, err)) < 0)
		goto out;
	if ((rc = store_tx_begin(c->store, err)) < 0)
		goto out;
	tx = true;
	if ((rc = store_task_ref(c->store, req->task_id, &tr, err)) < 0)
		goto out;
	e.field = req->field;
	e.value = value.buf;
	if (strcmp(req->field, "due") == 0 && value.len) {
		/* The phrase is read as the documents are, with the plan's year. */
		req->due = timeframe_parse(value.buf, value.len, tr.plan.year);
		if (!req->due) {
			sb_addf(err, "cannot read '%s' as a time frame (e.g. 'Quý III/2026',"
				" 'trước ngày 15/6/2026', 'Thường xuyên')", value.buf);
			rc = -ERR_INPUT;
			goto out;
		}
		e.due = req->due;
	} else if (strcmp(req->field, "lead") == 0 || strcmp(req->field, "coordinate") == 0) {
		if (value.len && agency_split(c->agencies, value.buf, 0, &bodies, &groups, NULL) == 0) {
			sb_addf(err, "no body found in '%s'", value.buf);
			rc = -ERR_INPUT;
			goto out;
		}
		e.bodies = &bodies;
		e.groups = &groups;
	}
	if ((rc = store_task_edit(c->store, req->task_id, &e, ops_login(c), reason.buf,
				  &msg)) < 0) {
		sb_addf(err, "task %lld: %s", req->task_id, msg.buf);
		goto out;
	}
	req->published = tr.plan.status == PLAN_PUBLISHED;
out:
	if (tx)
		rc = ops_tx_end(c, rc, err);
	if (rc < 0) {
		due_free(req->due);
		req->due = NULL;
	}
	strlist_release(&bodies);
	strlist_release(&groups);
	sb_release(&value);
	sb_release(&reason);
	sb_release(&msg);
	return rc;
}

/* ---- reports ------------------------------------------------------------------ */

/* A number as typed; "4,1" (one decimal comma, as Vietnamese write it, and
 * no point) is 4.1. */
static int parse_value(const char *s, double *out)
{
	char buf[64], *end, *comma;

	if (strlen(s) >= sizeof(buf))
		return -1;
	snprintf(buf, sizeof(buf), "%s", s);
	if (!strchr(buf, '.') && (comma = strchr(buf, ',')) && !strchr(comma + 1, ','))
		*comma = '.';
	errno = 0;
	*out = strtod(buf, &end);
	return errno || end == buf || *end || !isfinite(*out) ? -1 : 0;
}

/* The task as stored, for the checks that depend on who leads it. */
struct may_report_arg {
	const struct ops_ctx *c;
	const char *agency;
	struct sb *err;
	int rc;
};

static int may_report_row(const struct task_row *r, void *arg)
{
	struct may_report_arg *a = arg;

	a->rc = ops_may_report(a->c, r->task, a->agency, a->err);
	return 1;
}

/* ops_may_report on task_id, reading that one task (not its plan). */
static int may_report_on(struct ops_ctx *c, long long task_id, const char *agency, struct sb *err)
{
	struct task_filter f = { .task_id = task_id };
	struct may_report_arg a = { c, agency, err, -ERR_NOTFOUND };
	int rc = store_task_list(c->store, &f, may_report_row, &a, err);

	if (rc < 0)
		return rc;
	if (a.rc == -ERR_NOTFOUND)
		sb_addf(err, "no task with id %lld", task_id);
	return a.rc;
}

/* The published plans with indicators, for finding one indicator's bodies. */
struct ind_plans {
	long long *v;
	size_t n, cap;
};

static int collect_ind_plan(const struct plan_meta *m, void *arg)
{
	struct ind_plans *ps = arg;

	if (m->status == PLAN_PUBLISHED && m->nindicators) {
		xgrow((void **)&ps->v, &ps->cap, ps->n + 1, sizeof(*ps->v));
		ps->v[ps->n++] = m->id;
	}
	return 0;
}

/*
 * An officer files values only for the indicators its agency leads or
 * coordinates, as it reports only on such tasks: the indicator is found in
 * its published plan and seen as a task with its bodies would be
 * (ops_task_visible). -ERR_DENIED otherwise; an unknown id is left to the
 * store (-ERR_NOTFOUND).
 */
static int may_report_indicator(struct ops_ctx *c, long long id, struct sb *err)
{
	struct ind_plans ps = { 0 };
	bool found = false, seen = false;
	size_t i, j;
	int rc;

	if (c->actor.role != ROLE_OFFICER)
		return 0;
	if ((rc = store_plan_list(c->store, collect_ind_plan, &ps, err)) < 0)
		goto out;
	for (i = 0; i < ps.n && !found; i++) {
		struct plan p;

		plan_init(&p);
		if ((rc = store_plan_load(c->store, ps.v[i], &p, err)) < 0) {
			plan_release(&p);
			goto out;
		}
		for (j = 0; j < p.indicators.n && !found; j++) {
			const struct indicator *ind = &p.indicators.v[j];
			struct task as_task = { 0 };

			if (ind->id != id)
				continue;
			found = true;
			as_task.lead = ind->lead;
			as_task.lead_groups = ind->lead_groups;
			as_task.coordinate = ind->coordinate;
			as_task.coordinate_groups = ind->coordinate_groups;
			as_task.leader = ind->leader;
			seen = ops_task_visible(c, &as_task, true);
		}
		plan_release(&p);
	}
	rc = 0;
	if (found && !seen) {
		sb_addf(err, "%s báo cáo chỉ tiêu của %s, không phải chỉ tiêu %lld (an officer files"
			" values only for indicators its agency leads or coordinates)",
			ops_login(c), c->actor.agency ? c->actor.agency : "?", id);
		rc = -ERR_DENIED;
	}
out:
	free(ps.v);
	return rc;
}

static int report_indicator(struct ops_ctx *c, struct report_req *req, const char *agency,
			    const char *note, struct sb *err)
{
	struct indicator_report_new r = { 0 };
	struct period p;
	int rc;

	if (!req->value || parse_value(req->value, &r.value) < 0) {
		sb_addf(err, "an indicator report needs --value NUMBER (got '%s')",
			req->value ? req->value : "");
		return -ERR_USAGE;
	}
	if (!req->period || period_parse(req->period, &p) < 0) {
		sb_addf(err, "an indicator report needs --period (2026, 2026-H1, 2026-Q3, 2026-07);"
			" got '%s'", req->period ? req->period : "");
		return -ERR_USAGE;
	}
	if (c->actor.role == ROLE_OFFICER && !vi_fold_eq(agency, c->actor.agency)) {
		sb_addf(err, "%s reports only for %s, not for '%s'", ops_login(c),
			c->actor.agency ? c->actor.agency : "?", agency);
		return -ERR_DENIED;
	}
	if ((rc = may_report_indicator(c, req->indicator_id, err)) < 0)
		return rc;
	r.indicator_id = req->indicator_id;
	r.replaces_id = req->replaces_id;
	r.agency = agency;
	r.period = period_format(&p, req->period_name);
	r.note = note;
	r.filed_on = c->today;
	if ((rc = store_indicator_report_add(c->store, &r, ops_login(c), err)) < 0)
		return rc;
	req->id = r.id;
	req->value_num = r.value;
	snprintf(req->agency_stored, sizeof(req->agency_stored), "%s", agency);
	return 0;
}

int ops_report(struct ops_ctx *c, struct report_req *req, struct sb *err)
{
	const struct ops_settings *set = c->settings ? c->settings : ops_settings_default();
	struct sb agency = SB_INIT, note = SB_INIT;
	struct report_new r = { 0 };
	struct blob_stage stage = { 0 };
	enum task_state st;
	struct period p;
	char day[CAL_ISO_LEN];
	double v;
	int done_day = CAL_NONE, rc;
	bool staged = false, tx = false;

	req->id = 0;
	req->awaits_confirmation = false;
	if ((rc = ops_allowed(c, OPS_REPORT, err)) < 0)
		goto out;
	if (!req->agency || !*req->agency) {
		sb_adds(err, "a report names the body reporting: --agency NAME");
		rc = -ERR_USAGE;
		goto out;
	}
	if ((rc = ops_text("--agency", req->agency, &agency, err)) < 0 ||
	    (req->note && (rc = ops_text("--note", req->note, &note, err)) < 0))
		goto out;
	if (req->indicator_id) {
		rc = report_indicator(c, req, ops_agency_canonical(c, agency.buf),
				      req->note ? note.buf : NULL, err);
		goto out;
	}
	if (!req->state || task_state_parse(req->state, &st) < 0) {
		sb_addf(err, "'%s' is not a state; use not_started (chưa triển khai), in_progress"
			" (đang thực hiện), done (hoàn thành), paused (tạm dừng) or change_requested"
			" (đề nghị điều chỉnh)", req->state ? req->state : "");
		rc = -ERR_USAGE;
		goto out;
	}
	if (req->date && calendar_parse_iso(req->date, &done_day) < 0) {
		sb_addf(err, "--date '%s' is not a date YYYY-MM-DD", req->date);
		rc = -ERR_USAGE;
		goto out;
	}
	if (req->date && done_day > c->today) {
		sb_addf(err, "--date %s is after today (%s): a completion is reported once it"
			" happened", req->date, calendar_format_iso(c->today, day));
		rc = -ERR_USAGE;
		goto out;
	}
	if (req->period && period_parse(req->period, &p) < 0) {
		sb_addf(err, "--period '%s' is not a period (2026, 2026-H1, 2026-Q3, 2026-07)",
			req->period);
		rc = -ERR_USAGE;
		goto out;
	}
	if (req->value && parse_value(req->value, &v) < 0) {
		sb_addf(err, "--value '%s' is not a number", req->value);
		rc = -ERR_USAGE;
		goto out;
	}
	r.agency = ops_agency_canonical(c, agency.buf);
	if ((rc = store_tx_begin(c->store, err)) < 0)
		goto out;
	tx = true;
	if (c->actor.role != ROLE_ADMIN && c->actor.role != ROLE_STANDING) {
		if ((rc = may_report_on(c, req->task_id, r.agency, err)) < 0)
			goto out;
	}
	if (req->evidence) {
		long long max = set->evidence_max_file < set->evidence_max_report
					? set->evidence_max_file
					: set->evidence_max_report;

		if (!c->blobs) {
			sb_adds(err, "no evidence folder is configured (DONDOC_EVIDENCE_DIR)");
			rc = -ERR_IO;
			goto out;
		}
		if ((rc = c->blobs->stage(c->blobs, req->evidence, max, &stage, err)) < 0)
			goto out;
		staged = true;
		/* The file's own name, not where it happened to be on this machine. */
		r.evidence_name = req->evidence_name		   ? req->evidence_name
				  : strrchr(req->evidence, '/') ? strrchr(req->evidence, '/') + 1
								: req->evidence;
		r.evidence_sha256 = stage.sha256;
		r.evidence_size = stage.size;
	}
	r.task_id = req->task_id;
	r.state = st;
	r.period = req->period ? period_format(&p, req->period_name) : NULL;
	r.completion_date = req->date ? done_day : CAL_NONE;
	r.note = req->note ? note.buf : NULL;
	r.value = req->value ? &v : NULL;
	r.replaces_id = req->replaces_id;
	r.filed_on = c->today;
	if ((rc = store_report_add(c->store, &r, ops_login(c), err)) < 0)
		goto out;
	tx = false;
	if ((rc = ops_tx_end(c, rc, err)) < 0)
		goto out;
	if (staged) {
		/* The report is in: keep the file. A failure here leaves a report
		 * whose evidence is missing, which 'dondoc check' lists. */
		staged = false;
		if ((rc = c->blobs->commit(c->blobs, &stage, err)) < 0)
			goto out;
		memcpy(req->evidence_sha256, stage.sha256, sizeof(req->evidence_sha256));
	}
	req->id = r.id;
	snprintf(req->role, sizeof(req->role), "%s", report_role_key(r.role));
	snprintf(req->agency_stored, sizeof(req->agency_stored), "%s", r.agency_stored);
	req->awaits_confirmation = st == TASK_DONE && r.role == REPORT_LEAD;
out:
	if (tx)
		ops_tx_end(c, rc < 0 ? rc : -ERR_DB, err);
	if (staged)
		c->blobs->abort(c->blobs, &stage);
	sb_release(&agency);
	sb_release(&note);
	return rc;
}

int ops_decide(struct ops_ctx *c, struct decide_req *req, struct sb *err)
{
	struct sb reason = SB_INIT;
	int d = CAL_NONE, rc;

	req->report_id = 0;
	if ((rc = ops_allowed(c, OPS_DECIDE, err)) < 0 ||
	    (rc = ops_task_readable(c, req->task_id, err)) < 0)
		goto out;
	if (!req->accept && (!req->reason || !*req->reason)) {
		sb_adds(err, "a refusal needs a reason: --reason TEXT");
		rc = -ERR_USAGE;
		goto out;
	}
	if (req->date && calendar_parse_iso(req->date, &d) < 0) {
		sb_addf(err, "--date '%s' is not a date YYYY-MM-DD", req->date);
		rc = -ERR_USAGE;
		goto out;
	}
	if (req->reason && (rc = ops_text("--reason", req->reason, &reason, err)) < 0)
		goto out;
	if ((rc = store_tx_begin(c->store, err)) < 0)
		goto out;
	rc = store_report_decide(c->store, req->task_id, req->accept, c->today, d,
				 req->reason ? reason.buf : NULL, ops_login(c), &req->report_id, err);
	rc = ops_tx_end(c, rc, err);
out:
	sb_release(&reason);
	return rc < 0 ? rc : 0;
}

/* ---- contacts and aliases ------------------------------------------------------ */

int ops_contact_set(struct ops_ctx *c, const char *name, const char *email, const char **stored,
		    struct sb *err)
{
	struct sb n = SB_INIT;
	int rc;

	*stored = NULL;
	if ((rc = ops_allowed(c, OPS_CONFIGURE, err)) < 0 ||
	    (rc = ops_text("AGENCY", name, &n, err)) < 0)
		goto out;
	if (!ops_email_ok(email)) {
		sb_addf(err, "'%s' is not an e-mail address", email);
		rc = -ERR_USAGE;
		goto out;
	}
	*stored = ops_agency_canonical(c, n.buf);
	if (*stored == n.buf)
		*stored = name; /* the caller's string outlives n */
	if ((rc = store_tx_begin(c->store, err)) < 0)
		goto out;
	rc = ops_tx_end(c, store_contact_set(c->store, *stored, email, ops_login(c), err), err);
out:
	sb_release(&n);
	return rc;
}

static const char *registry_canonical(void *ctx, const char *name)
{
	return agency_canonical(ctx, name, 0);
}

int ops_agency_alias(struct ops_ctx *c, const char *alias, const char *canonical, struct sb *err)
{
	struct name_resolver r = { registry_canonical, c->agencies };
	struct sb a = SB_INIT, k = SB_INIT;
	char *key = NULL;
	int rc;

	if ((rc = ops_allowed(c, OPS_CONFIGURE, err)) < 0 ||
	    (rc = ops_text("ALIAS", alias, &a, err)) < 0 ||
	    (rc = ops_text("CANONICAL", canonical, &k, err)) < 0)
		goto out;
	key = vi_fold_dup(a.buf, VI_FOLD_PUNCT);
	if (!*key || !k.len) {
		sb_adds(err, "an alias and its canonical name must both be non-empty");
		rc = -ERR_USAGE;
		goto out;
	}
	/* The registry learns first: the store re-resolves through it. */
	if (agency_registry_add_alias(c->agencies, a.buf, k.buf) < 0) {
		sb_addf(err, "'%s' cannot be an alias of '%s'", a.buf, k.buf);
		rc = -ERR_INPUT;
		goto out;
	}
	if ((rc = store_tx_begin(c->store, err)) < 0)
		goto out;
	rc = store_agency_alias(c->store, a.buf, k.buf, &r, ops_login(c), err);
	rc = ops_tx_end(c, rc, err);
out:
	free(key);
	sb_release(&a);
	sb_release(&k);
	return rc;
}

int ops_person_alias(struct ops_ctx *c, const char *alias, const char *canonical, struct sb *err)
{
	struct sb a = SB_INIT, k = SB_INIT;
	int rc;

	if ((rc = ops_allowed(c, OPS_CONFIGURE, err)) < 0 ||
	    (rc = ops_text("ALIAS", alias, &a, err)) < 0 ||
	    (rc = ops_text("CANONICAL", canonical, &k, err)) < 0)
		goto out;
	if ((rc = store_tx_begin(c->store, err)) < 0)
		goto out;
	rc = ops_tx_end(c, store_person_alias(c->store, a.buf, k.buf, ops_login(c), err), err);
out:
	sb_release(&a);
	sb_release(&k);
	return rc;
}

struct usage_filter {
	const struct agency_registry *r;
	bool unknown_only;
	int (*fn)(const char *name, size_t uses, bool known, void *);
	void *arg;
};

static int usage_row(const char *name, size_t uses, void *arg)
{
	struct usage_filter *u = arg;
	bool known = agency_canonical(u->r, name, 0) != NULL;

	return u->unknown_only && known ? 0 : u->fn(name, uses, known, u->arg);
}

int ops_agency_usage(struct ops_ctx *c, bool unknown_only,
		     int (*fn)(const char *name, size_t uses, bool known, void *), void *arg,
		     struct sb *err)
{
	struct usage_filter u = { c->agencies, unknown_only, fn, arg };
	int rc = ops_allowed(c, OPS_CONFIGURE, err);

	return rc < 0 ? rc : store_agency_usage(c->store, usage_row, &u, err);
}

static int learn_alias(const char *alias, const char *canonical, void *arg)
{
	agency_registry_add_alias(arg, alias, canonical);
	return 0;
}

int ops_agency_aliases_load(struct ops_ctx *c, struct sb *err)
{
	return store_agency_alias_list(c->store, learn_alias, c->agencies, err);
}

int ops_person_usage(struct ops_ctx *c, int (*fn)(const char *name, size_t uses, void *),
		     void *arg, struct sb *err)
{
	int rc = ops_allowed(c, OPS_CONFIGURE, err);

	return rc < 0 ? rc : store_person_usage(c->store, fn, arg, err);
}
