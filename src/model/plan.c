/*
 * plan.c - construction and release of the plan model (see plan.h).
 */
#include "base/compat.h"
#include "model/plan.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"

void strlist_push(struct strlist *l, const char *s)
{
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = xstrdup(s);
}

bool strlist_has(const struct strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (vi_fold_eq(l->v[i], s))
			return true;
	return false;
}

void strlist_push_unique(struct strlist *l, const char *s)
{
	if (!strlist_has(l, s))
		strlist_push(l, s);
}

void strlist_release(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void strlist_copy(struct strlist *dst, const struct strlist *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		strlist_push(dst, src->v[i]);
}

void str_set(char **slot, const char *s)
{
	char *copy = xstrdup(s);

	free(*slot);
	*slot = copy;
}

struct due *due_new(const char *text)
{
	struct due *d = xcalloc(1, sizeof(*d));

	d->text = xstrdup(text);
	return d;
}

void due_free(struct due *d)
{
	if (!d)
		return;
	free(d->text);
	free(d);
}

struct due *due_dup(const struct due *d)
{
	struct due *c;

	if (!d)
		return NULL;
	c = xmalloc(sizeof(*c));
	*c = *d;
	c->text = xstrdup(d->text);
	return c;
}

void target_release(struct target *t)
{
	free(t->text);
	free(t->unit);
	free(t->period);
	t->text = t->unit = t->period = NULL;
	if (t->baseline) {
		target_release(t->baseline);
		free(t->baseline);
		t->baseline = NULL;
	}
}

void task_release(struct task *t)
{
	size_t i;

	free(t->ref);
	free(t->section);
	free(t->text);
	strlist_release(&t->lead);
	strlist_release(&t->lead_groups);
	strlist_release(&t->coordinate);
	strlist_release(&t->coordinate_groups);
	free(t->leader);
	free(t->supervisor);
	due_free(t->due);
	free(t->result);
	for (i = 0; i < t->targets.n; i++)
		target_release(&t->targets.v[i]);
	free(t->targets.v);
	strlist_release(&t->doubt);
	free(t->state);
	memset(t, 0, sizeof(*t));
}

void indicator_release(struct indicator *ind)
{
	free(ind->ref);
	free(ind->name);
	free(ind->unit);
	if (ind->target) {
		target_release(ind->target);
		free(ind->target);
	}
	for (size_t i = 0; i < ind->by_period.n; i++)
		target_release(&ind->by_period.v[i]);
	free(ind->by_period.v);
	if (ind->baseline) {
		target_release(ind->baseline);
		free(ind->baseline);
	}
	strlist_release(&ind->lead);
	strlist_release(&ind->lead_groups);
	strlist_release(&ind->coordinate);
	strlist_release(&ind->coordinate_groups);
	free(ind->leader);
	memset(ind, 0, sizeof(*ind));
}

void plan_date_baselines(struct plan *p)
{
	int year = p->doc.year;
	size_t i;

	if (!year && p->doc.date[0])
		year = (int)strtol(p->doc.date, NULL, 10);
	/* "Hiện trạng" in a plan of 2026 (issued late in 2025 or during 2026)
	 * is where 2025 ended: the last whole year it can state. */
	year = year > 1 ? year - 1 : 0;
	for (i = 0; i < p->indicators.n; i++) {
		struct indicator *ind = &p->indicators.v[i];

		ind->baseline_year = ind->baseline && !ind->baseline->period ? year : 0;
	}
}

void plan_init(struct plan *p)
{
	memset(p, 0, sizeof(*p));
}

void plan_release(struct plan *p)
{
	size_t i;

	free(p->doc.number);
	free(p->doc.kind);
	free(p->doc.issuer);
	free(p->doc.place);
	free(p->doc.title);
	for (i = 0; i < p->targets.n; i++)
		target_release(&p->targets.v[i]);
	free(p->targets.v);
	for (i = 0; i < p->tasks.n; i++)
		task_release(&p->tasks.v[i]);
	free(p->tasks.v);
	for (i = 0; i < p->indicators.n; i++)
		indicator_release(&p->indicators.v[i]);
	free(p->indicators.v);
	for (i = 0; i < p->reporting.n; i++)
		free(p->reporting.v[i].label);
	free(p->reporting.v);
	strlist_release(&p->notes);
	memset(p, 0, sizeof(*p));
}

struct task *plan_add_task(struct plan *p)
{
	return VEC_PUSH(&p->tasks);
}

struct indicator *plan_add_indicator(struct plan *p)
{
	return VEC_PUSH(&p->indicators);
}

struct target *plan_add_target(struct plan *p)
{
	return VEC_PUSH(&p->targets);
}

struct reporting *plan_add_reporting(struct plan *p, const char *label, const char *due)
{
	struct reporting *r = VEC_PUSH(&p->reporting);

	r->label = xstrdup(label);
	snprintf(r->due, sizeof(r->due), "%s", due ? due : "");
	return r;
}

void plan_note(struct plan *p, int line, const char *text)
{
	struct sb n = SB_INIT;
	size_t len = strlen(text), cut = len > 300 ? 300 : len;

	if (p->notes.n >= PLAN_NOTES_MAX) {
		p->notes_dropped++;
		return;
	}
	while (cut < len && cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
		cut--; /* never split a UTF-8 sequence */
	sb_addf(&n, "%d: %.*s%s", line, (int)cut, text, cut < len ? "…" : "");
	for (size_t i = 0; i < n.len; i++)
		if (n.buf[i] == '\n' || n.buf[i] == '\r')
			n.buf[i] = ' '; /* one note, one line */
	strlist_push(&p->notes, n.buf);
	sb_release(&n);
}

static const char *const op_names[] = {
	[OP_EQ] = "=", [OP_GE] = ">=", [OP_GT] = ">", [OP_LE] = "<=",
	[OP_LT] = "<", [OP_APPROX] = "~", [OP_RANGE] = "range",
};

const char *target_op_str(enum target_op op)
{
	return (size_t)op < ARRAY_SIZE(op_names) ? op_names[op] : "=";
}

int target_op_parse(const char *s, enum target_op *op)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(op_names); i++) {
		if (strcmp(s, op_names[i]) == 0) {
			*op = (enum target_op)i;
			return 0;
		}
	}
	return -1;
}
