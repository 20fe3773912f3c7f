/*
 * planjson.c - plan/1 JSON writer and reader on jansson (see planjson.h).
 */
#include "base/compat.h"
#include "model/planjson.h"
#include "model/plan.h"
#include "base/sb.h"

#include <jansson.h>
#include <math.h>

/* ---- writing ------------------------------------------------------------ */

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *jdate(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *jnum(double v)
{
	if (isfinite(v) && v == floor(v) && fabs(v) < 9e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static json_t *jlist(const struct strlist *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->v[i]));
	return a;
}

/* Our extension: { "period", "text", "value" } (docs/extraction.md). */
static json_t *jbaseline(const struct target *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "period", jstr(t->period));
	json_object_set_new(o, "text", jstr(t->text));
	json_object_set_new(o, "value", t->has_value ? jnum(t->value) : json_null());
	return o;
}

static json_t *jtarget(const struct target *t, bool with_unit)
{
	json_t *o = json_object();

	json_object_set_new(o, "text", jstr(t->text));
	json_object_set_new(o, "value", t->has_value ? jnum(t->value) : json_null());
	if (t->op == OP_RANGE && t->has_max)
		json_object_set_new(o, "max", jnum(t->max));
	if (with_unit)
		json_object_set_new(o, "unit", jstr(t->unit));
	json_object_set_new(o, "op", json_string(target_op_str(t->op)));
	if (t->period)
		json_object_set_new(o, "period", json_string(t->period));
	if (t->baseline)
		json_object_set_new(o, "baseline", jbaseline(t->baseline));
	return o;
}

static json_t *jtargets(const struct target_vec *v)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < v->n; i++)
		json_array_append_new(a, jtarget(&v->v[i], true));
	return a;
}

static json_t *jdue(const struct due *d)
{
	json_t *o;

	if (!d)
		return json_null();
	o = json_object();
	json_object_set_new(o, "text", jstr(d->text));
	json_object_set_new(o, "start", jdate(d->start));
	json_object_set_new(o, "end", jdate(d->end));
	json_object_set_new(o, "recurring", json_boolean(d->recurring));
	return o;
}

static json_t *jtask(const struct task *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "ref", jstr(t->ref));
	json_object_set_new(o, "section", jstr(t->section));
	json_object_set_new(o, "text", jstr(t->text));
	json_object_set_new(o, "lead", jlist(&t->lead));
	json_object_set_new(o, "lead_groups", jlist(&t->lead_groups));
	json_object_set_new(o, "coordinate", jlist(&t->coordinate));
	json_object_set_new(o, "coordinate_groups", jlist(&t->coordinate_groups));
	json_object_set_new(o, "leader", jstr(t->leader));
	json_object_set_new(o, "supervisor", jstr(t->supervisor));
	json_object_set_new(o, "due", jdue(t->due));
	json_object_set_new(o, "result", jstr(t->result));
	json_object_set_new(o, "targets", jtargets(&t->targets));
	if (t->doubt.n)
		json_object_set_new(o, "doubt", jlist(&t->doubt));
	if (t->state) /* our extension: the tracker's status as imported */
		json_object_set_new(o, "state", jstr(t->state));
	return o;
}

static json_t *jindicator(const struct indicator *ind)
{
	json_t *o = json_object();

	json_object_set_new(o, "ref", jstr(ind->ref));
	json_object_set_new(o, "name", jstr(ind->name));
	json_object_set_new(o, "unit", jstr(ind->unit));
	json_object_set_new(o, "target", ind->target ? jtarget(ind->target, false) : json_null());
	if (ind->by_period.n) {
		json_t *a = json_array();
		size_t i;

		for (i = 0; i < ind->by_period.n; i++)
			json_array_append_new(a, jtarget(&ind->by_period.v[i], false));
		json_object_set_new(o, "by_period", a);
	}
	if (ind->baseline)
		json_object_set_new(o, "baseline", jbaseline(ind->baseline));
	json_object_set_new(o, "lead", jlist(&ind->lead));
	json_object_set_new(o, "lead_groups", jlist(&ind->lead_groups));
	json_object_set_new(o, "coordinate", jlist(&ind->coordinate));
	json_object_set_new(o, "coordinate_groups", jlist(&ind->coordinate_groups));
	json_object_set_new(o, "leader", jstr(ind->leader));
	return o;
}

static json_t *jdocument(const struct document *d)
{
	json_t *o = json_object();

	json_object_set_new(o, "number", jstr(d->number));
	json_object_set_new(o, "kind", jstr(d->kind));
	json_object_set_new(o, "issuer", jstr(d->issuer));
	json_object_set_new(o, "place", jstr(d->place));
	json_object_set_new(o, "date", jdate(d->date));
	json_object_set_new(o, "year", d->year ? json_integer(d->year) : json_null());
	json_object_set_new(o, "title", jstr(d->title));
	return o;
}

void plan_json_write(const struct plan *p, struct sb *out)
{
	json_t *root = json_object(), *a;
	char *text;
	size_t i;

	json_object_set_new(root, "format", json_string("plan/1"));
	json_object_set_new(root, "document", jdocument(&p->doc));
	json_object_set_new(root, "targets", jtargets(&p->targets));
	a = json_array();
	for (i = 0; i < p->tasks.n; i++)
		json_array_append_new(a, jtask(&p->tasks.v[i]));
	json_object_set_new(root, "tasks", a);
	a = json_array();
	for (i = 0; i < p->indicators.n; i++)
		json_array_append_new(a, jindicator(&p->indicators.v[i]));
	json_object_set_new(root, "indicators", a);
	a = json_array();
	for (i = 0; i < p->reporting.n; i++) {
		json_t *r = json_object();

		json_object_set_new(r, "label", jstr(p->reporting.v[i].label));
		json_object_set_new(r, "due", jdate(p->reporting.v[i].due));
		json_array_append_new(a, r);
	}
	json_object_set_new(root, "reporting", a);
	if (p->notes.n) /* our extension: what was placed in no task */
		json_object_set_new(root, "notes", jlist(&p->notes));
	text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	sb_adds(out, text);
	sb_addc(out, '\n');
	free(text);
	json_decref(root);
}

/* ---- reading ------------------------------------------------------------ */

struct reader {
	struct sb *err;
	int failed;
};

static void bad(struct reader *r, const char *path, const char *expected)
{
	if (!r->failed)
		sb_addf(r->err, "%s: expected %s", path, expected);
	r->failed = 1;
}

static char *rstr(struct reader *r, json_t *o, const char *key, const char *path)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		struct sb p = SB_INIT;

		sb_addf(&p, "%s.%s", path, key);
		bad(r, p.buf, "a string or null");
		sb_release(&p);
		return NULL;
	}
	return xstrdup(json_string_value(v));
}

static void rdate(struct reader *r, json_t *o, const char *key, const char *path, char *dst)
{
	char *s = rstr(r, o, key, path);

	snprintf(dst, DATE_LEN, "%s", s ? s : "");
	if (s && strlen(s) >= DATE_LEN)
		bad(r, path, "an ISO date YYYY-MM-DD");
	free(s);
}

static void rlist(struct reader *r, json_t *o, const char *key, const char *path,
		  struct strlist *l)
{
	json_t *a = json_object_get(o, key), *v;
	size_t i;

	if (!a || json_is_null(a))
		return;
	if (!json_is_array(a)) {
		bad(r, path, "a list of strings");
		return;
	}
	json_array_foreach(a, i, v) {
		if (json_is_string(v))
			strlist_push(l, json_string_value(v));
		else
			bad(r, path, "a list of strings");
	}
}

static bool rnum(json_t *v, double *out)
{
	if (!json_is_number(v))
		return false;
	*out = json_number_value(v);
	return true;
}

static void rtarget(struct reader *r, json_t *o, struct target *t, const char *path)
{
	json_t *b;
	char *op;

	if (!json_is_object(o)) {
		bad(r, path, "a target object");
		return;
	}
	t->text = rstr(r, o, "text", path);
	t->unit = rstr(r, o, "unit", path);
	t->has_value = rnum(json_object_get(o, "value"), &t->value);
	t->has_max = rnum(json_object_get(o, "max"), &t->max);
	t->period = rstr(r, o, "period", path);
	op = rstr(r, o, "op", path);
	if (op && target_op_parse(op, &t->op) < 0)
		bad(r, path, "op one of =, >=, >, <=, <, ~, range");
	free(op);
	b = json_object_get(o, "baseline");
	if (b && !json_is_null(b)) {
		if (!json_is_object(b)) {
			bad(r, path, "a baseline object");
			return;
		}
		t->baseline = xcalloc(1, sizeof(*t->baseline));
		t->baseline->text = rstr(r, b, "text", path);
		t->baseline->period = rstr(r, b, "period", path);
		t->baseline->has_value = rnum(json_object_get(b, "value"), &t->baseline->value);
	}
}

static void rtargets(struct reader *r, json_t *o, const char *key, struct target_vec *v,
		     const char *path)
{
	json_t *a = json_object_get(o, key), *e;
	size_t i;

	if (!a || json_is_null(a))
		return;
	if (!json_is_array(a)) {
		bad(r, path, "a list of targets");
		return;
	}
	json_array_foreach(a, i, e) {
		rtarget(r, e, VEC_PUSH(v), path);
	}
}

static struct due *rdue(struct reader *r, json_t *o, const char *path)
{
	struct due *d;

	if (!o || json_is_null(o))
		return NULL;
	if (!json_is_object(o)) {
		bad(r, path, "a due object or null");
		return NULL;
	}
	d = due_new(NULL);
	d->text = rstr(r, o, "text", path);
	rdate(r, o, "start", path, d->start);
	rdate(r, o, "end", path, d->end);
	d->recurring = json_is_true(json_object_get(o, "recurring"));
	return d;
}

static void rtask(struct reader *r, json_t *o, struct task *t, size_t idx)
{
	char path[48];

	snprintf(path, sizeof(path), "tasks[%zu]", idx);
	if (!json_is_object(o)) {
		bad(r, path, "a task object");
		return;
	}
	t->ref = rstr(r, o, "ref", path);
	t->section = rstr(r, o, "section", path);
	t->text = rstr(r, o, "text", path);
	rlist(r, o, "lead", path, &t->lead);
	rlist(r, o, "lead_groups", path, &t->lead_groups);
	rlist(r, o, "coordinate", path, &t->coordinate);
	rlist(r, o, "coordinate_groups", path, &t->coordinate_groups);
	t->leader = rstr(r, o, "leader", path);
	t->supervisor = rstr(r, o, "supervisor", path);
	t->due = rdue(r, json_object_get(o, "due"), path);
	t->result = rstr(r, o, "result", path);
	rtargets(r, o, "targets", &t->targets, path);
	rlist(r, o, "doubt", path, &t->doubt);
	t->state = rstr(r, o, "state", path);
}

static void rindicator(struct reader *r, json_t *o, struct indicator *ind, size_t idx)
{
	char path[48];
	json_t *t;

	snprintf(path, sizeof(path), "indicators[%zu]", idx);
	if (!json_is_object(o)) {
		bad(r, path, "an indicator object");
		return;
	}
	ind->ref = rstr(r, o, "ref", path);
	ind->name = rstr(r, o, "name", path);
	ind->unit = rstr(r, o, "unit", path);
	t = json_object_get(o, "target");
	if (t && !json_is_null(t)) {
		ind->target = xcalloc(1, sizeof(*ind->target));
		rtarget(r, t, ind->target, path);
	}
	rtargets(r, o, "by_period", &ind->by_period, path);
	t = json_object_get(o, "baseline");
	if (t && !json_is_null(t)) {
		ind->baseline = xcalloc(1, sizeof(*ind->baseline));
		rtarget(r, t, ind->baseline, path);
	}
	rlist(r, o, "lead", path, &ind->lead);
	rlist(r, o, "lead_groups", path, &ind->lead_groups);
	rlist(r, o, "coordinate", path, &ind->coordinate);
	rlist(r, o, "coordinate_groups", path, &ind->coordinate_groups);
	ind->leader = rstr(r, o, "leader", path);
}

static void rdocument(struct reader *r, json_t *o, struct document *d)
{
	json_t *y;

	if (!json_is_object(o)) {
		bad(r, "document", "an object");
		return;
	}
	d->number = rstr(r, o, "number", "document");
	d->kind = rstr(r, o, "kind", "document");
	d->issuer = rstr(r, o, "issuer", "document");
	d->place = rstr(r, o, "place", "document");
	rdate(r, o, "date", "document", d->date);
	y = json_object_get(o, "year");
	d->year = json_is_integer(y) ? (int)json_integer_value(y) : 0;
	d->title = rstr(r, o, "title", "document");
}

int plan_json_read(const char *text, size_t len, struct plan *p, struct sb *err)
{
	struct reader r = { .err = err };
	json_error_t jerr;
	json_t *root, *a, *e;
	size_t i;

	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		sb_addf(err, "%d:%d: %s", jerr.line, jerr.column, jerr.text);
		return -1;
	}
	if (!json_is_object(root) || !json_is_string(json_object_get(root, "format")) ||
	    strcmp(json_string_value(json_object_get(root, "format")), "plan/1") != 0) {
		bad(&r, "format", "\"plan/1\"");
		goto out;
	}
	rdocument(&r, json_object_get(root, "document"), &p->doc);
	rtargets(&r, root, "targets", &p->targets, "targets");
	a = json_object_get(root, "tasks");
	json_array_foreach(a, i, e) {
		rtask(&r, e, plan_add_task(p), i);
	}
	a = json_object_get(root, "indicators");
	json_array_foreach(a, i, e) {
		rindicator(&r, e, plan_add_indicator(p), i);
	}
	a = json_object_get(root, "reporting");
	json_array_foreach(a, i, e) {
		char *label = rstr(&r, e, "label", "reporting");
		char due[DATE_LEN];

		rdate(&r, e, "due", "reporting", due);
		plan_add_reporting(p, label ? label : "", due);
		free(label);
	}
	rlist(&r, root, "notes", "notes", &p->notes);
out:
	json_decref(root);
	if (r.failed) {
		plan_release(p);
		return -1;
	}
	return 0;
}
