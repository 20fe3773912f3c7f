/*
 * report_json.c - the JSON renderings: status/1, completeness/1 and
 * indicators/1 (see docs/track.md). Keys keep their order; dates are ISO
 * strings or null; rates are fractions or null when undefined.
 */
#include "base/compat.h"
#include "report/report.h"
#include "base/sb.h"
#include "ops/views.h"
#include "base/date.h"
#include "track/completeness.h"
#include "track/indicator_eval.h"
#include "track/period.h"
#include "track/status.h"

#include <jansson.h>

static json_t *jdate(int day)
{
	char buf[CAL_ISO_LEN];

	return day == CAL_NONE ? json_null() : json_string(calendar_format_iso(day, buf));
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *jrate(bool defined, double v)
{
	return defined ? json_real(v) : json_null();
}

static void dump(json_t *o, struct sb *out)
{
	char *s = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);

	if (s) {
		sb_adds(out, s);
		sb_addc(out, '\n');
	}
	free(s);
	json_decref(o);
}

static json_t *period_json(const struct period *p)
{
	json_t *o = json_object();
	char name[PERIOD_NAME_LEN];
	struct sb label = SB_INIT;

	period_label_vi(p, &label);
	json_object_set_new(o, "name", json_string(period_format(p, name)));
	json_object_set_new(o, "label", json_string(label.buf));
	json_object_set_new(o, "start", jdate(p->start));
	json_object_set_new(o, "end", jdate(p->end));
	sb_release(&label);
	return o;
}

/* ---- status/1 ---------------------------------------------------------------- */

static json_t *agg_json(const struct status_agg *a)
{
	static const enum status_rate rates[] = { RATE_DONE_ON_TIME, RATE_DONE, RATE_OVERDUE,
						  RATE_ONGOING_REPORTED };
	static const char *const rate_keys[] = { "done_on_time", "done", "overdue",
						 "ongoing_reported" };
	json_t *o = json_object(), *b = json_object(), *r = json_object();
	size_t i;
	double v;

	json_object_set_new(o, "total", json_integer((json_int_t)a->total));
	json_object_set_new(o, "due", json_integer((json_int_t)a->due));
	json_object_set_new(o, "ongoing", json_integer((json_int_t)a->ongoing));
	json_object_set_new(o, "refused", json_integer((json_int_t)a->refused));
	json_object_set_new(o, "change_requested", json_integer((json_int_t)a->change_requested));
	for (i = 0; i < STATUS__COUNT; i++)
		json_object_set_new(b, status_bucket_key(status_bucket_order[i]),
				    json_integer((json_int_t)a->n[status_bucket_order[i]]));
	json_object_set_new(o, "buckets", b);
	for (i = 0; i < ARRAY_SIZE(rates); i++) {
		bool ok = status_agg_rate(a, rates[i], &v);

		json_object_set_new(r, rate_keys[i], jrate(ok, v));
	}
	json_object_set_new(o, "rates", r);
	return o;
}

static json_t *rollup_json(const struct status_rollup *ru)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < status_rollup_count(ru); i++) {
		json_t *o = agg_json(status_rollup_agg(ru, i));

		json_object_set_new(o, "key", json_string(status_rollup_key(ru, i)));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *task_json(const struct task_view *tk)
{
	json_t *o = json_object(), *lead = json_array();
	const char *const *names;
	size_t i, n = task_lead_names(tk->t, &names);

	json_object_set_new(o, "id", json_integer(tk->t->id));
	json_object_set_new(o, "plan", json_integer(tk->plan->id));
	json_object_set_new(o, "ref", jstr(tk->t->ref));
	for (i = 0; i < n; i++)
		json_array_append_new(lead, json_string(names[i]));
	json_object_set_new(o, "lead", lead);
	json_object_set_new(o, "leader", jstr(tk->t->leader));
	json_object_set_new(o, "due", jdate(tk->end));
	json_object_set_new(o, "recurring", json_boolean(tk->t->due && tk->t->due->recurring));
	json_object_set_new(o, "bucket", json_string(status_bucket_key(tk->res.bucket)));
	json_object_set_new(o, "state", json_string(task_state_key(tk->res.state)));
	json_object_set_new(o, "counts_as_due", json_boolean(tk->res.due));
	json_object_set_new(o, "reported", json_boolean(tk->res.reported));
	json_object_set_new(o, "refused", json_boolean(tk->res.refused));
	json_object_set_new(o, "change_requested", json_boolean(tk->res.change_requested));
	json_object_set_new(o, "done_on", jdate(tk->res.done_on));
	json_object_set_new(o, "late_days", json_integer(tk->res.late_days));
	json_object_set_new(o, "days_left", json_integer(tk->res.days_left));
	return o;
}

void report_status_json(const struct status_view *v, struct sb *out)
{
	json_t *o = json_object(), *f = json_object(), *tasks = json_array();
	size_t i;

	json_object_set_new(o, "format", json_string("status/1"));
	json_object_set_new(o, "today", jdate(v->w.today));
	json_object_set_new(o, "period", period_json(&v->w.period));
	json_object_set_new(f, "plan", v->plan_id ? json_integer(v->plan_id) : json_null());
	json_object_set_new(f, "agency", jstr(v->agency));
	json_object_set_new(f, "leader", jstr(v->leader));
	if (v->lead_only)
		json_object_set_new(f, "lead_only", json_true());
	json_object_set_new(o, "filter", f);
	json_object_set_new(o, "plans", json_integer((json_int_t)v->w.nplans));
	json_object_set_new(o, "total", agg_json(&v->total));
	json_object_set_new(o, "by_plan", rollup_json(v->by_plan));
	json_object_set_new(o, "by_section", rollup_json(v->by_section));
	json_object_set_new(o, "by_agency", rollup_json(v->by_agency));
	json_object_set_new(o, "by_leader", rollup_json(v->by_leader));
	for (i = 0; i < v->ntasks; i++)
		json_array_append_new(tasks, task_json(v->tasks[i]));
	json_object_set_new(o, "tasks", tasks);
	dump(o, out);
}

/* ---- completeness/1 -------------------------------------------------------- */

static void counts_json(json_t *o, const struct completeness_counts *k)
{

	json_object_set_new(o, "expected", json_integer((json_int_t)k->expected));
	json_object_set_new(o, "received", json_integer((json_int_t)k->received));
	json_object_set_new(o, "on_time", json_integer((json_int_t)k->on_time));
}

void report_completeness_json(const struct completeness_view *v, struct sb *out)
{
	json_t *o = json_object(), *t = json_object(), *ag = json_array(), *mi = json_array();
	double r;
	size_t i;
	bool ok;

	json_object_set_new(o, "format", json_string("completeness/1"));
	json_object_set_new(o, "today", jdate(v->today));
	json_object_set_new(o, "period", period_json(&v->period));
	counts_json(t, &v->total);
	json_object_set_new(t, "unexpected", json_integer((json_int_t)v->total.unexpected));
	ok = completeness_rate(&v->total, &r);
	json_object_set_new(t, "completeness", jrate(ok, r));
	ok = completeness_timeliness(&v->total, &r);
	json_object_set_new(t, "timeliness", jrate(ok, r));
	json_object_set_new(o, "total", t);
	for (i = 0; i < completeness_agency_count(v->c); i++) {
		struct completeness_counts k1;
		json_t *a = json_object();

		completeness_agency_counts(v->c, i, &k1);
		json_object_set_new(a, "agency", json_string(completeness_agency(v->c, i)));
		counts_json(a, &k1);
		ok = completeness_rate(&k1, &r);
		json_object_set_new(a, "completeness", jrate(ok, r));
		ok = completeness_timeliness(&k1, &r);
		json_object_set_new(a, "timeliness", jrate(ok, r));
		json_array_append_new(ag, a);
	}
	json_object_set_new(o, "agencies", ag);
	for (i = 0; i < v->ngaps; i++) {
		json_t *g = json_object();

		json_object_set_new(g, "agency", json_string(v->gaps[i].agency));
		json_object_set_new(g, "due", jdate(v->gaps[i].due));
		json_object_set_new(g, "overdue", json_boolean(v->gaps[i].overdue));
		json_array_append_new(mi, g);
	}
	json_object_set_new(o, "missing", mi);
	dump(o, out);
}

/* ---- indicators/1 ------------------------------------------------------------ */

/* Year by year: { period, target_op, target, target_max, basis, actual,
 * agency, verdict (ahead, on_course, behind, no_target, no_report),
 * judgement (exceeded, met, near, not_met, unknown), rule }. */
static json_t *indicator_periods_json(const struct indicator_row *r)
{
	json_t *arr = json_array();
	size_t j;

	for (j = 0; j < r->nby_period; j++) {
		const struct indicator_period_row *p = &r->by_period[j];
		const struct indicator_course_result *g = &p->judged;
		json_t *x = json_object();

		json_object_set_new(x, "period", json_string(p->period));
		json_object_set_new(x, "target_op",
				    g->has_target ? json_string(target_op_str(g->op)) : json_null());
		json_object_set_new(x, "target", g->has_target ? json_real(g->value) : json_null());
		json_object_set_new(x, "target_max", g->has_target && g->op == OP_RANGE
			? json_real(g->max) : json_null());
		json_object_set_new(x, "basis", json_string(indicator_basis_key(g->basis)));
		json_object_set_new(x, "actual", p->has_actual ? json_real(p->actual) : json_null());
		json_object_set_new(x, "agency", jstr(p->agency));
		json_object_set_new(x, "verdict", json_string(indicator_course_key(g->course)));
		json_object_set_new(x, "judgement", json_string(indicator_verdict_key(g->verdict)));
		json_object_set_new(x, "rule", jstr(g->rule));
		json_array_append_new(arr, x);
	}
	return arr;
}

void report_indicators_json(const struct indicator_view *v, struct sb *out)
{
	json_t *o = json_object(), *arr = json_array();
	size_t i;

	for (i = 0; i < v->nrows; i++) {
		const struct indicator_row *r = &v->rows[i];
		const struct indicator *ind = r->ind;
		const struct target *tg = ind->target;
		json_t *x = json_object();

		json_object_set_new(x, "id", json_integer(ind->id));
		json_object_set_new(x, "plan", json_integer(r->plan->id));
		json_object_set_new(x, "ref", jstr(ind->ref));
		json_object_set_new(x, "name", jstr(ind->name));
		json_object_set_new(x, "target_op", tg ? json_string(target_op_str(tg->op)) : json_null());
		json_object_set_new(x, "target", tg && tg->has_value ? json_real(tg->value) : json_null());
		json_object_set_new(x, "actual", r->has_actual ? json_real(r->actual) : json_null());
		json_object_set_new(x, "period", r->has_actual ? jstr(r->period) : json_null());
		json_object_set_new(x, "agency", r->has_actual ? jstr(r->agency) : json_null());
		json_object_set_new(x, "verdict",
				    json_string(indicator_verdict_key((enum indicator_verdict)r->verdict)));
		if (ind->baseline) { /* the past figure the path starts from */
			json_t *b = json_object();

			json_object_set_new(b, "period", jstr(ind->baseline->period));
			json_object_set_new(b, "text", jstr(ind->baseline->text));
			json_object_set_new(b, "value", ind->baseline->has_value
				? json_real(ind->baseline->value) : json_null());
			json_object_set_new(x, "baseline", b);
		} else {
			json_object_set_new(x, "baseline", json_null());
		}
		json_object_set_new(x, "by_period", indicator_periods_json(r));
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "format", json_string("indicators/1"));
	json_object_set_new(o, "period", *v->period ? json_string(v->period) : json_null());
	json_object_set_new(o, "indicators", arr);
	dump(o, out);
}
