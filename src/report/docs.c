/*
 * docs.c - what every document renderer shares: the tracked plan's release,
 * the few phrases all of them print the same way, and the JSON export
 * (plan/1 from model/planjson.c with a "tracking" object per task).
 */
#include "base/compat.h"
#include "report/docs.h"
#include "base/sb.h"
#include "model/planjson.h"
#include "track/calendar.h"

#include <jansson.h>

const char *doc_task_due_text(const struct doc_task *dt)
{
	const struct due *d = dt->t->due;

	if (d && d->text && *d->text)
		return d->text;
	return d && d->recurring ? "Thường xuyên" : "-";
}

void doc_add_bodies(struct sb *out, const struct strlist *bodies, const struct strlist *groups)
{
	const struct strlist *l[2] = { bodies, groups };
	size_t i, j, n = 0;

	for (i = 0; i < 2; i++)
		for (j = 0; j < l[i]->n; j++)
			sb_addf(out, "%s%s", n++ ? "; " : "", l[i]->v[j]);
}

static json_t *jday(int day)
{
	char buf[CAL_ISO_LEN];

	return day == CAL_NONE ? json_null() : json_string(calendar_format_iso(day, buf));
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *tracking_json(const struct tracked_plan *tp, const struct doc_task *dt)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(dt->t->id));
	json_object_set_new(o, "bucket", json_string(status_bucket_key(dt->res.bucket)));
	json_object_set_new(o, "bucket_vi", json_string(status_bucket_vi(dt->res.bucket)));
	json_object_set_new(o, "state", json_string(task_state_key(dt->res.state)));
	json_object_set_new(o, "counts_as_due", json_boolean(dt->res.due));
	json_object_set_new(o, "reported", json_boolean(dt->res.reported));
	json_object_set_new(o, "refused", json_boolean(dt->res.refused));
	json_object_set_new(o, "done_on", jday(dt->res.done_on));
	json_object_set_new(o, "late_days", json_integer(dt->res.late_days));
	json_object_set_new(o, "days_left", json_integer(dt->res.days_left));
	json_object_set_new(o, "result", jstr(dt->result));
	json_object_set_new(o, "result_confirmed", json_boolean(dt->result_confirmed));
	json_object_set_new(o, "period_state", jstr(dt->period_state));
	json_object_set_new(o, "period_note", jstr(dt->period_note));
	if (tp->agency)
		json_object_set_new(o, "role", json_string(dt->as_lead ? "lead" : "coordinate"));
	return o;
}

void json_tracked_write(const struct tracked_plan *tp, struct sb *out)
{
	struct sb base = SB_INIT;
	json_t *root, *tasks, *kept, *tr;
	char pname[PERIOD_NAME_LEN];
	char *text;
	size_t i;

	plan_json_write(&tp->plan, &base);
	root = json_loadb(base.buf, base.len, 0, NULL);
	sb_release(&base);
	if (!root)
		return; /* plan_json_write writes valid JSON: not reached */
	tasks = json_object_get(root, "tasks");
	kept = json_array();
	for (i = 0; i < tp->ntasks; i++) {
		const struct doc_task *dt = &tp->tasks[i];
		json_t *t = json_array_get(tasks, (size_t)(dt->t - tp->plan.tasks.v));

		json_object_set_new(t, "tracking", tracking_json(tp, dt));
		json_array_append(kept, t);
	}
	json_object_set_new(root, "tasks", kept);
	/* The import's notes are the whole document's text: not for a view
	 * scoped to one agency's or one leader's tasks. */
	if (tp->agency || tp->leader)
		json_object_del(root, "notes");
	tr = json_object();
	json_object_set_new(tr, "today", jday(tp->today));
	json_object_set_new(tr, "period", json_string(period_format(&tp->period, pname)));
	json_object_set_new(tr, "agency", jstr(tp->agency));
	json_object_set_new(tr, "leader", jstr(tp->leader));
	json_object_set_new(tr, "tasks", json_integer((json_int_t)tp->total.total));
	json_object_set_new(tr, "due", json_integer((json_int_t)tp->total.due));
	json_object_set_new(root, "tracking", tr);
	text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	sb_adds(out, text);
	sb_addc(out, '\n');
	free(text);
	json_decref(root);
}
