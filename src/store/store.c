/*
 * store.c - the storage interface's dispatch to its backend (see store.h).
 *
 * The backend is chosen by the location: "postgresql://..." or "postgres://"
 * selects PostgreSQL (store_pg.c); anything else is a SQLite file.
 */
#include "base/compat.h"
#include "store/store_int.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"
#include "model/plan.h"

#include <time.h>

static bool is_pg_url(const char *path)
{
	return strncmp(path, "postgres://", 11) == 0 || strncmp(path, "postgresql://", 13) == 0;
}

int store_open_with(const char *where, const struct store_options *o, struct store **out,
		    struct sb *err)
{
	static const struct store_options defaults;
	int rc;

	*out = NULL;
	if (!o)
		o = &defaults;
	if (!o->read_only)
		rc = is_pg_url(where) ? store_pg_open(where, o, out, err)
				      : store_sqlite_open(where, o, out, err);
	else if (is_pg_url(where))
		rc = store_pg_open_read_only(where, out, err);
	else if (strstr(where, "://")) {
		sb_addf(err, "%s: unknown database location; give a SQLite file or a"
			     " postgresql:// URL", where);
		rc = -ERR_UNSUPPORTED;
	} else
		rc = store_sqlite_open_read_only(where, out, err);
	if (rc < 0)
		return rc;
	store_set_clock(*out, o->now, o->now_arg);
	if (o->busy_ms > 0)
		store_set_busy_ms(*out, o->busy_ms);
	return 0;
}

int store_open(const char *path, struct store **out, struct sb *err)
{
	return store_open_with(path, NULL, out, err);
}

int store_open_read_only(const char *path, struct store **out, struct sb *err)
{
	const struct store_options o = { .read_only = true };

	return store_open_with(path, &o, out, err);
}

void store_close(struct store *s)
{
	if (s)
		s->ops->close(s);
}

void store_base_init(struct store *s, const struct store_ops *ops,
		     const struct store_options *o)
{
	s->ops = ops;
	s->now = o ? o->now : NULL;
	s->now_arg = o ? o->now_arg : NULL;
	s->inner = NULL;
}

/* A wrapping store passes the clock down to the store it wraps. */
void store_set_clock(struct store *s, long long (*now)(void *arg), void *arg)
{
	for (; s; s = s->inner) {
		s->now = now;
		s->now_arg = arg;
	}
}

const char *store_day_iso(int day, char buf[CAL_ISO_LEN])
{
	return calendar_valid(day) ? calendar_format_iso(day, buf) : NULL;
}

enum plan_status store_plan_status(const char *key)
{
	enum plan_status st = PLAN_DRAFT;

	plan_status_from_key(key, &st);
	return st;
}

enum task_state store_task_state(const char *key)
{
	enum task_state st = TASK_NOT_STARTED;

	task_state_from_key(key, &st);
	return st;
}

void store_now_iso(const struct store *s, char *buf, size_t len)
{
	time_t t = s->now ? (time_t)s->now(s->now_arg) : time(NULL);
	struct tm tm;

	if (!gmtime_r(&t, &tm)) {
		snprintf(buf, len, "%s", "");
		return;
	}
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *const store_roles[4] = { "lead", "lead_group", "coordinate", "coordinate_group" };

int store_role_index(const char *role)
{
	int r;

	for (r = 0; r < 4; r++)
		if (strcmp(role, store_roles[r]) == 0)
			return r;
	return -1;
}

/* A list as one column: its items joined by sep (items never hold it),
 * NULL when empty; and back, empty parts skipped. */
static char *join_on(const struct strlist *l, char sep)
{
	struct sb s = SB_INIT;
	size_t i;

	if (!l->n)
		return NULL;
	for (i = 0; i < l->n; i++) {
		if (i)
			sb_addc(&s, sep);
		sb_adds(&s, l->v[i]);
	}
	return sb_detach(&s);
}

static void split_on(const char *s, char sep, struct strlist *out)
{
	const char *p;

	while (s && *s) {
		p = strchr(s, sep);
		if (!p)
			p = s + strlen(s);
		if (p > s) {
			char *one = xstrndup(s, (size_t)(p - s));

			strlist_push(out, one);
			free(one);
		}
		s = *p ? p + 1 : p;
	}
}

struct strlist *store_role_list(struct task *t, int role)
{
	struct strlist *lists[4] = { &t->lead, &t->lead_groups, &t->coordinate,
				     &t->coordinate_groups };

	return lists[role];
}

char *store_join_doubts(const struct strlist *l)
{
	return join_on(l, ',');
}

void store_split_doubts(const char *s, struct strlist *out)
{
	split_on(s, ',', out);
}

char *store_notes_join(const struct strlist *notes)
{
	return join_on(notes, '\n');
}

void store_notes_split(const char *s, struct strlist *out)
{
	split_on(s, '\n', out);
}

bool store_lost(const struct store *s)
{
	for (; s; s = s->inner)
		if (s->lost)
			return true;
	return false;
}

int store_schema_version(struct store *s)
{
	return s->ops->schema_version(s);
}

int store_plan_insert(struct store *s, struct plan *plan, const char *source,
		      const char *sha256, const char *actor, struct sb *err)
{
	return s->ops->plan_insert(s, plan, source, sha256, actor, err);
}

int store_plan_find_source(struct store *s, const char *sha256, long long *id, struct sb *err)
{
	return s->ops->plan_find_source(s, sha256, id, err);
}

int store_plan_load(struct store *s, long long id, struct plan *p, struct sb *err)
{
	int rc = s->ops->plan_load(s, id, p, err);

	/* Derived on every load, for both backends: the year a baseline of
	 * no stated year is counted at (track/indicator_eval.h). */
	if (rc >= 0)
		plan_date_baselines(p);
	return rc;
}

int store_plans_published(struct store *s, struct plan **out, size_t *n, struct sb *err)
{
	int rc = s->ops->plans_published(s, out, n, err);
	size_t i;

	/* The same derivation as store_plan_load(), for the bulk load too. */
	for (i = 0; rc >= 0 && i < *n; i++)
		plan_date_baselines(&(*out)[i]);
	return rc;
}

int store_plan_list(struct store *s, int (*fn)(const struct plan_meta *, void *), void *arg,
		    struct sb *err)
{
	return s->ops->plan_list(s, fn, arg, err);
}

int store_plan_meta(struct store *s, long long id, struct plan_meta *out, struct sb *err)
{
	return s->ops->plan_meta(s, id, out, err);
}

int store_task_list(struct store *s, const struct task_filter *f,
		    int (*fn)(const struct task_row *, void *), void *arg, struct sb *err)
{
	return s->ops->task_list(s, f, fn, arg, err);
}

int store_agency_usage(struct store *s, int (*fn)(const char *, size_t, void *), void *arg,
		       struct sb *err)
{
	return s->ops->agency_usage(s, fn, arg, err);
}

int store_agency_alias(struct store *s, const char *alias, const char *canonical,
		       const struct name_resolver *r, const char *actor, struct sb *err)
{
	return s->ops->agency_alias(s, alias, canonical, r, actor, err);
}

int store_person_alias_list(struct store *s,
			    int (*fn)(const char *alias, const char *canonical, void *), void *arg,
			    struct sb *err)
{
	return s->ops->person_alias_list(s, fn, arg, err);
}

int store_agency_alias_list(struct store *s,
			    int (*fn)(const char *alias, const char *canonical, void *), void *arg,
			    struct sb *err)
{
	return s->ops->agency_alias_list(s, fn, arg, err);
}

int store_person_usage(struct store *s, int (*fn)(const char *, size_t, void *), void *arg,
		       struct sb *err)
{
	return s->ops->person_usage(s, fn, arg, err);
}

int store_person_alias(struct store *s, const char *alias, const char *canonical,
		       const char *actor, struct sb *err)
{
	return s->ops->person_alias(s, alias, canonical, actor, err);
}

void plan_meta_release(struct plan_meta *m)
{
	free(m->source);
	free(m->sha256);
	free(m->imported_at);
	free(m->number);
	free(m->kind);
	free(m->title);
	memset(m, 0, sizeof(*m));
}

/* ---- Tracking ------------------------------------------------------------ */

int store_plan_state(struct store *s, long long id, struct plan_state *out, struct sb *err)
{
	return s->ops->plan_state(s, id, out, err);
}

int store_plan_publish(struct store *s, long long id, const char *actor, struct sb *err)
{
	return s->ops->plan_publish(s, id, actor, err);
}

int store_task_ref(struct store *s, long long task_id, struct task_ref *out, struct sb *err)
{
	return s->ops->task_ref(s, task_id, out, err);
}

bool store_task_edit_field_ok(const char *field)
{
	static const char *const fields[] = { "text",	    "ref",    "section", "leader", "supervisor",
					      "result",	    "due",    "lead",	 "coordinate" };
	size_t i;

	for (i = 0; field && i < ARRAY_SIZE(fields); i++)
		if (strcmp(field, fields[i]) == 0)
			return true;
	return false;
}

int store_task_edit(struct store *s, long long task_id, const struct task_edit *e,
		    const char *actor, const char *reason, struct sb *err)
{
	return s->ops->task_edit(s, task_id, e, actor, reason, err);
}

int store_task_history(struct store *s, long long task_id,
		       int (*fn)(const struct task_change *, void *), void *arg, struct sb *err)
{
	return s->ops->task_history(s, task_id, fn, arg, err);
}

int store_report_add(struct store *s, struct report_new *r, const char *actor, struct sb *err)
{
	return s->ops->report_add(s, r, actor, err);
}

int store_report_list(struct store *s, long long plan_id, long long task_id,
		      int (*fn)(const struct report_row *, void *), void *arg, struct sb *err)
{
	return s->ops->report_list(s, plan_id, task_id, fn, arg, err);
}

int store_report_decide(struct store *s, long long task_id, bool accept, int decided_on,
			int done_on, const char *reason, const char *actor, long long *report_id,
			struct sb *err)
{
	return s->ops->report_decide(s, task_id, accept, decided_on, done_on, reason, actor,
				     report_id, err);
}

int store_indicator_report_add(struct store *s, struct indicator_report_new *r,
			       const char *actor, struct sb *err)
{
	return s->ops->indicator_report_add(s, r, actor, err);
}

int store_indicator_report_list(struct store *s, long long plan_id,
				int (*fn)(const struct indicator_value_row *, void *), void *arg,
				struct sb *err)
{
	return s->ops->indicator_report_list(s, plan_id, fn, arg, err);
}

int store_contact_set(struct store *s, const char *name, const char *email, const char *actor,
		      struct sb *err)
{
	return s->ops->contact_set(s, name, email, actor, err);
}

int store_contact_find(struct store *s, const char *name, char **email, struct sb *err)
{
	return s->ops->contact_find(s, name, email, err);
}

int store_contact_list(struct store *s, int (*fn)(const char *, const char *, void *),
		       void *arg, struct sb *err)
{
	return s->ops->contact_list(s, fn, arg, err);
}

int store_reminder_seen(struct store *s, enum remind_kind kind, const char *recipient, int day,
			const char *state, bool *seen, struct sb *err)
{
	return s->ops->reminder_seen(s, kind, recipient, day, state, seen, err);
}

int store_reminder_record(struct store *s, const struct reminder_rec *r, const char *actor,
			  struct sb *err)
{
	return s->ops->reminder_record(s, r, actor, err);
}

int store_plan_insert_copy(struct store *s, struct plan *plan, const char *source,
			   const char *sha256, const char *actor, struct sb *err)
{
	return s->ops->plan_insert_copy(s, plan, source, sha256, actor, err);
}

int store_tx_begin(struct store *s, struct sb *err)
{
	return s->ops->tx_begin(s, err);
}

int store_tx_commit(struct store *s, struct sb *err)
{
	return s->ops->tx_commit(s, err);
}

void store_tx_rollback(struct store *s)
{
	s->ops->tx_rollback(s);
}

void store_set_busy_ms(struct store *s, int ms)
{
	s->ops->set_busy_ms(s, ms);
}

int store_check(struct store *s, int (*fn)(const char *problem, void *), void *arg,
		struct sb *err)
{
	return s->ops->check(s, fn, arg, err);
}

int store_evidence_list(struct store *s, int (*fn)(const char *sha256, void *), void *arg,
			struct sb *err)
{
	return s->ops->evidence_list(s, fn, arg, err);
}

int store_backup(struct store *s, const char *dest, struct sb *err)
{
	return s->ops->backup(s, dest, err);
}

int store_restore(struct store *s, const char *src, struct sb *err)
{
	return s->ops->restore(s, src, err);
}

int store_job_begin(struct store *s, const char *job, struct sb *err)
{
	return s->ops->job_begin ? s->ops->job_begin(s, job, err) : 1;
}

int store_job_end(struct store *s, struct sb *err)
{
	return s->ops->job_end ? s->ops->job_end(s, err) : 0;
}

/* ---- review and import jobs ---- */

int store_task_merge(struct store *s, long long task_id, const char *actor, const char *reason,
		     long long *removed_id, struct sb *err)
{
	return s->ops->task_merge(s, task_id, actor, reason, removed_id, err);
}

int store_task_split(struct store *s, long long task_id, const char *first_text,
		     const char *second_text, const char *actor, const char *reason,
		     long long *new_id, struct sb *err)
{
	return s->ops->task_split(s, task_id, first_text, second_text, actor, reason, new_id,
				  err);
}

int store_source_lines_put(struct store *s, long long plan_id, const struct source_line *lines,
			   size_t n, struct sb *err)
{
	return s->ops->source_lines_put(s, plan_id, lines, n, err);
}

int store_source_lines(struct store *s, long long plan_id,
		       int (*fn)(const struct source_line *, void *), void *arg, struct sb *err)
{
	return s->ops->source_lines(s, plan_id, fn, arg, err);
}

void import_job_release(struct import_job *j)
{
	free(j->login);
	free(j->file_name);
	free(j->state);
	free(j->error);
	free(j->created_at);
	free(j->updated_at);
	free(j->runner);
	memset(j, 0, sizeof(*j));
}

int store_import_job_add(struct store *s, long long user_id, const char *login,
			 const char *file_name, const char *runner, long long *id, struct sb *err)
{
	return s->ops->import_job_add(s, user_id, login, file_name, runner, id, err);
}

int store_import_job_set(struct store *s, long long id, const char *state, long long done,
			 long long total, long long plan_id, const char *error, struct sb *err)
{
	return s->ops->import_job_set(s, id, state, done, total, plan_id, error, err);
}

int store_import_job_get(struct store *s, long long id, struct import_job *out, struct sb *err)
{
	return s->ops->import_job_get(s, id, out, err);
}

int store_import_job_list(struct store *s, long long user_id, size_t limit,
			  int (*fn)(const struct import_job *, void *), void *arg, struct sb *err)
{
	return s->ops->import_job_list(s, user_id, limit, fn, arg, err);
}

int store_import_jobs_interrupted(struct store *s, const char *runner, const char *reason,
				  struct sb *err)
{
	return s->ops->import_jobs_interrupted(s, runner, reason, err);
}
