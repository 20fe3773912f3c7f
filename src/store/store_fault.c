/*
 * store_fault.c - fault injection as a store that wraps another (store.h,
 * store_fault_new): every member forwards to the wrapped store, and the Nth
 * write fails with -ERR_IO after the wrapped store ran it, so that what a
 * test sees is the caller's rollback at work (one operation = one
 * transaction), not a backend's own error path. No backend knows about it;
 * src/app/open.c installs it when DONDOC_STORE_FAIL_AFTER is set.
 *
 * A write outside store_tx_begin() (and outside a scheduled job) runs in a
 * transaction of the fault store's own, which the injected failure rolls
 * back: a failed write leaves nothing behind, as the store.h contract says.
 */
#include "base/compat.h"
#include "store/store_int.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"

struct fault_store {
	struct store base; /* must be first; base.inner is the wrapped store */
	long after; /* the write that fails, counted from 1 */
	long writes; /* writes seen */
	bool in_tx; /* the caller's store_tx_begin() is open */
	bool in_job; /* the caller's store_job_begin() holds a job */
};

static struct fault_store *fs_impl(struct store *s)
{
	return (struct fault_store *)s;
}

static struct store *inner(struct store *s)
{
	return s->inner;
}

/* Before a write: outside the caller's transaction, open one of our own so
 * that an injected failure can undo the write. *own says whether we did. */
static int write_begin(struct store *s, bool *own, struct sb *err)
{
	struct fault_store *fs = fs_impl(s);
	int rc;

	*own = false;
	if (fs->in_tx || fs->in_job)
		return 0;
	if ((rc = store_tx_begin(inner(s), err)) < 0)
		return rc;
	*own = true;
	return 0;
}

/* After a write that returned rc: count it, fail the Nth, end our own
 * transaction. Returns what the caller sees. */
static int write_end(struct store *s, bool own, int rc, struct sb *err)
{
	struct fault_store *fs = fs_impl(s);

	if (rc >= 0 && ++fs->writes == fs->after) {
		sb_addf(err, "injected write failure (DONDOC_STORE_FAIL_AFTER=%ld)", fs->after);
		rc = -ERR_IO;
	}
	if (!own)
		return rc;
	if (rc < 0) {
		store_tx_rollback(inner(s));
		return rc;
	}
	{
		int crc = store_tx_commit(inner(s), err);

		return crc < 0 ? crc : rc;
	}
}

/* A write member: forward between write_begin() and write_end(). */
#define WRITE(call)                                                                     \
	do {                                                                            \
		bool own_;                                                              \
		int rc_ = write_begin(s, &own_, err);                                   \
		if (rc_ < 0)                                                            \
			return rc_;                                                     \
		return write_end(s, own_, (call), err);                                 \
	} while (0)

/* ---- transactions, jobs, upkeep ----------------------------------------- */

static int f_tx_begin(struct store *s, struct sb *err)
{
	int rc = store_tx_begin(inner(s), err);

	if (rc == 0)
		fs_impl(s)->in_tx = true;
	return rc;
}

static int f_tx_commit(struct store *s, struct sb *err)
{
	fs_impl(s)->in_tx = false;
	return store_tx_commit(inner(s), err);
}

static void f_tx_rollback(struct store *s)
{
	fs_impl(s)->in_tx = false;
	store_tx_rollback(inner(s));
}

static void f_set_busy_ms(struct store *s, int ms)
{
	store_set_busy_ms(inner(s), ms);
}

static int f_job_begin(struct store *s, const char *job, struct sb *err)
{
	int rc = store_job_begin(inner(s), job, err);

	if (rc == 1)
		fs_impl(s)->in_job = true;
	return rc;
}

static int f_job_end(struct store *s, struct sb *err)
{
	fs_impl(s)->in_job = false;
	return store_job_end(inner(s), err);
}

static int f_check(struct store *s, int (*fn)(const char *, void *), void *arg, struct sb *err)
{
	return store_check(inner(s), fn, arg, err);
}

static int f_evidence_list(struct store *s, int (*fn)(const char *, void *), void *arg,
			   struct sb *err)
{
	return store_evidence_list(inner(s), fn, arg, err);
}

static int f_backup(struct store *s, const char *dest, struct sb *err)
{
	return store_backup(inner(s), dest, err);
}

static int f_restore(struct store *s, const char *src, struct sb *err)
{
	return store_restore(inner(s), src, err);
}

static void f_close(struct store *s)
{
	store_close(inner(s));
	free(s);
}

static int f_schema_version(struct store *s)
{
	return store_schema_version(inner(s));
}

/* ---- plans and agencies ------------------------------------------------- */

static int f_plan_insert(struct store *s, struct plan *plan, const char *source,
			 const char *sha256, const char *actor, struct sb *err)
{
	WRITE(store_plan_insert(inner(s), plan, source, sha256, actor, err));
}

static int f_plan_insert_copy(struct store *s, struct plan *plan, const char *source,
			      const char *sha256, const char *actor, struct sb *err)
{
	WRITE(store_plan_insert_copy(inner(s), plan, source, sha256, actor, err));
}

static int f_plan_find_source(struct store *s, const char *sha256, long long *id,
			      struct sb *err)
{
	return store_plan_find_source(inner(s), sha256, id, err);
}

static int f_plan_load(struct store *s, long long id, struct plan *p, struct sb *err)
{
	return store_plan_load(inner(s), id, p, err);
}

static int f_plans_published(struct store *s, struct plan **out, size_t *n, struct sb *err)
{
	return store_plans_published(inner(s), out, n, err);
}

static int f_plan_meta(struct store *s, long long id, struct plan_meta *out, struct sb *err)
{
	return store_plan_meta(inner(s), id, out, err);
}

static int f_plan_list(struct store *s, int (*fn)(const struct plan_meta *, void *), void *arg,
		       struct sb *err)
{
	return store_plan_list(inner(s), fn, arg, err);
}

static int f_task_list(struct store *s, const struct task_filter *f,
		       int (*fn)(const struct task_row *, void *), void *arg, struct sb *err)
{
	return store_task_list(inner(s), f, fn, arg, err);
}

static int f_agency_usage(struct store *s, int (*fn)(const char *, size_t, void *), void *arg,
			  struct sb *err)
{
	return store_agency_usage(inner(s), fn, arg, err);
}

static int f_agency_alias(struct store *s, const char *alias, const char *canonical,
			  const struct name_resolver *r, const char *actor, struct sb *err)
{
	WRITE(store_agency_alias(inner(s), alias, canonical, r, actor, err));
}

static int f_agency_alias_list(struct store *s, int (*fn)(const char *, const char *, void *),
			       void *arg, struct sb *err)
{
	return store_agency_alias_list(inner(s), fn, arg, err);
}

static int f_person_usage(struct store *s, int (*fn)(const char *, size_t, void *), void *arg,
			  struct sb *err)
{
	return store_person_usage(inner(s), fn, arg, err);
}

static int f_person_alias(struct store *s, const char *alias, const char *canonical,
			  const char *actor, struct sb *err)
{
	WRITE(store_person_alias(inner(s), alias, canonical, actor, err));
}

/* ---- tracking ----------------------------------------------------------- */

static int f_plan_state(struct store *s, long long id, struct plan_state *out, struct sb *err)
{
	return store_plan_state(inner(s), id, out, err);
}

static int f_plan_publish(struct store *s, long long id, const char *actor, struct sb *err)
{
	WRITE(store_plan_publish(inner(s), id, actor, err));
}

static int f_task_ref(struct store *s, long long task_id, struct task_ref *out, struct sb *err)
{
	return store_task_ref(inner(s), task_id, out, err);
}

static int f_task_edit(struct store *s, long long task_id, const struct task_edit *e,
		       const char *actor, const char *reason, struct sb *err)
{
	WRITE(store_task_edit(inner(s), task_id, e, actor, reason, err));
}

static int f_task_history(struct store *s, long long task_id,
			  int (*fn)(const struct task_change *, void *), void *arg, struct sb *err)
{
	return store_task_history(inner(s), task_id, fn, arg, err);
}

static int f_report_add(struct store *s, struct report_new *r, const char *actor,
			struct sb *err)
{
	bool own;
	int rc = write_begin(s, &own, err);

	if (rc < 0)
		return rc;
	rc = write_end(s, own, store_report_add(inner(s), r, actor, err), err);
	if (rc < 0)
		r->id = 0;
	return rc;
}

static int f_report_list(struct store *s, long long plan_id, long long task_id,
			 int (*fn)(const struct report_row *, void *), void *arg, struct sb *err)
{
	return store_report_list(inner(s), plan_id, task_id, fn, arg, err);
}

static int f_report_decide(struct store *s, long long task_id, bool accept, int decided_on,
			   int done_on, const char *reason, const char *actor,
			   long long *report_id, struct sb *err)
{
	WRITE(store_report_decide(inner(s), task_id, accept, decided_on, done_on, reason, actor,
				  report_id, err));
}

static int f_indicator_report_add(struct store *s, struct indicator_report_new *r,
				  const char *actor, struct sb *err)
{
	WRITE(store_indicator_report_add(inner(s), r, actor, err));
}

static int f_indicator_report_list(struct store *s, long long plan_id,
				   int (*fn)(const struct indicator_value_row *, void *), void *arg,
				   struct sb *err)
{
	return store_indicator_report_list(inner(s), plan_id, fn, arg, err);
}

static int f_contact_set(struct store *s, const char *name, const char *email,
			 const char *actor, struct sb *err)
{
	WRITE(store_contact_set(inner(s), name, email, actor, err));
}

static int f_contact_find(struct store *s, const char *name, char **email, struct sb *err)
{
	return store_contact_find(inner(s), name, email, err);
}

static int f_contact_list(struct store *s, int (*fn)(const char *, const char *, void *),
			  void *arg, struct sb *err)
{
	return store_contact_list(inner(s), fn, arg, err);
}

static int f_reminder_seen(struct store *s, enum remind_kind kind, const char *recipient, int day,
			   const char *state, bool *seen, struct sb *err)
{
	return store_reminder_seen(inner(s), kind, recipient, day, state, seen, err);
}

static int f_reminder_record(struct store *s, const struct reminder_rec *r, const char *actor,
			     struct sb *err)
{
	WRITE(store_reminder_record(inner(s), r, actor, err));
}

/* ---- accounts ----------------------------------------------------------- */

static int f_user_add(struct store *s, const struct user_rec *u, const char *actor,
		      long long *id, struct sb *err)
{
	WRITE(store_user_add(inner(s), u, actor, id, err));
}

static int f_user_find(struct store *s, const char *login, long long id, struct user_rec *out,
		       struct sb *err)
{
	return store_user_find(inner(s), login, id, out, err);
}

static int f_user_list(struct store *s, int (*fn)(const struct user_rec *, void *), void *arg,
		       struct sb *err)
{
	return store_user_list(inner(s), fn, arg, err);
}

static int f_user_set_password(struct store *s, long long id, const char *pwhash,
			       const char *actor, struct sb *err)
{
	WRITE(store_user_set_password(inner(s), id, pwhash, actor, err));
}

static int f_user_set_disabled(struct store *s, long long id, bool disabled, const char *actor,
			       struct sb *err)
{
	WRITE(store_user_set_disabled(inner(s), id, disabled, actor, err));
}

static int f_session_create(struct store *s, const char *id_hash, long long user_id,
			    const char *csrf, long long now, const char *replaces_hash,
			    const char *actor, struct sb *err)
{
	WRITE(store_session_create(inner(s), id_hash, user_id, csrf, now, replaces_hash, actor,
				   err));
}

static int f_session_find(struct store *s, const char *id_hash, struct session_rec *out,
			  struct sb *err)
{
	return store_session_find(inner(s), id_hash, out, err);
}

static int f_session_touch(struct store *s, const char *id_hash, long long now, struct sb *err)
{
	WRITE(store_session_touch(inner(s), id_hash, now, err));
}

static int f_session_delete(struct store *s, const char *id_hash, const char *actor,
			    struct sb *err)
{
	WRITE(store_session_delete(inner(s), id_hash, actor, err));
}

static int f_token_add(struct store *s, const char *token_hash, long long user_id,
		       const char *actor, long long *id, struct sb *err)
{
	WRITE(store_token_add(inner(s), token_hash, user_id, actor, id, err));
}

static int f_token_revoke(struct store *s, long long token_id, long long user_id,
			  const char *actor, size_t *n, struct sb *err)
{
	WRITE(store_token_revoke(inner(s), token_id, user_id, actor, n, err));
}

static int f_person_alias_list(struct store *s,
			       int (*fn)(const char *, const char *, void *), void *arg,
			       struct sb *err)
{
	return store_person_alias_list(inner(s), fn, arg, err);
}

static int f_task_merge(struct store *s, long long task_id, const char *actor, const char *reason,
			long long *removed_id, struct sb *err)
{
	WRITE(store_task_merge(inner(s), task_id, actor, reason, removed_id, err));
}

static int f_task_split(struct store *s, long long task_id, const char *first_text,
			const char *second_text, const char *actor, const char *reason,
			long long *new_id, struct sb *err)
{
	WRITE(store_task_split(inner(s), task_id, first_text, second_text, actor, reason, new_id,
			       err));
}

static int f_source_lines_put(struct store *s, long long plan_id, const struct source_line *lines,
			      size_t n, struct sb *err)
{
	WRITE(store_source_lines_put(inner(s), plan_id, lines, n, err));
}

static int f_source_lines(struct store *s, long long plan_id,
			  int (*fn)(const struct source_line *, void *), void *arg, struct sb *err)
{
	return store_source_lines(inner(s), plan_id, fn, arg, err);
}

/* Import jobs record progress beside an import, not data the import
 * writes: they pass through uncounted, so that N still names the
 * operation's own writes. */
static int f_import_job_add(struct store *s, long long user_id, const char *login,
			    const char *file_name, const char *runner, long long *id,
			    struct sb *err)
{
	return store_import_job_add(inner(s), user_id, login, file_name, runner, id, err);
}

static int f_import_job_set(struct store *s, long long id, const char *state, long long done,
			    long long total, long long plan_id, const char *error, struct sb *err)
{
	return store_import_job_set(inner(s), id, state, done, total, plan_id, error, err);
}

static int f_import_job_get(struct store *s, long long id, struct import_job *out,
			    struct sb *err)
{
	return store_import_job_get(inner(s), id, out, err);
}

static int f_import_job_list(struct store *s, long long user_id, size_t limit,
			     int (*fn)(const struct import_job *, void *), void *arg,
			     struct sb *err)
{
	return store_import_job_list(inner(s), user_id, limit, fn, arg, err);
}

static int f_import_jobs_interrupted(struct store *s, const char *runner, const char *reason,
				     struct sb *err)
{
	return store_import_jobs_interrupted(inner(s), runner, reason, err);
}

static int f_token_find(struct store *s, const char *token_hash, long long *user_id,
			struct sb *err)
{
	return store_token_find(inner(s), token_hash, user_id, err);
}

static int f_login_attempts(struct store *s, const char *key, long long *failures,
			    long long *window_start, struct sb *err)
{
	return store_login_attempts(inner(s), key, failures, window_start, err);
}

static int f_login_attempts_set(struct store *s, const char *key, long long failures,
				long long window_start, struct sb *err)
{
	WRITE(store_login_attempts_set(inner(s), key, failures, window_start, err));
}

static int f_audit_head(struct store *s, long long *id, struct sb *err)
{
	return store_audit_head(inner(s), id, err);
}

static int f_audit_since(struct store *s, long long after, size_t max,
			 int (*fn)(const struct audit_entry *, void *), void *arg, bool *more,
			 struct sb *err)
{
	return store_audit_since(inner(s), after, max, fn, arg, more, err);
}

static const struct store_ops fault_ops = {
	.name = "fault",
	.tx_begin = f_tx_begin,
	.tx_commit = f_tx_commit,
	.tx_rollback = f_tx_rollback,
	.set_busy_ms = f_set_busy_ms,
	.check = f_check,
	.evidence_list = f_evidence_list,
	.backup = f_backup,
	.restore = f_restore,
	.close = f_close,
	.schema_version = f_schema_version,
	.plan_insert = f_plan_insert,
	.plan_find_source = f_plan_find_source,
	.plan_load = f_plan_load,
	.plans_published = f_plans_published,
	.plan_list = f_plan_list,
	.plan_meta = f_plan_meta,
	.task_list = f_task_list,
	.agency_usage = f_agency_usage,
	.agency_alias = f_agency_alias,
	.agency_alias_list = f_agency_alias_list,
	.person_usage = f_person_usage,
	.person_alias = f_person_alias,
	.plan_state = f_plan_state,
	.plan_publish = f_plan_publish,
	.task_ref = f_task_ref,
	.task_edit = f_task_edit,
	.task_history = f_task_history,
	.report_add = f_report_add,
	.report_list = f_report_list,
	.report_decide = f_report_decide,
	.indicator_report_add = f_indicator_report_add,
	.indicator_report_list = f_indicator_report_list,
	.contact_set = f_contact_set,
	.contact_find = f_contact_find,
	.contact_list = f_contact_list,
	.reminder_seen = f_reminder_seen,
	.reminder_record = f_reminder_record,
	.plan_insert_copy = f_plan_insert_copy,
	.user_add = f_user_add,
	.user_find = f_user_find,
	.user_list = f_user_list,
	.user_set_password = f_user_set_password,
	.user_set_disabled = f_user_set_disabled,
	.session_create = f_session_create,
	.session_find = f_session_find,
	.session_touch = f_session_touch,
	.session_delete = f_session_delete,
	.token_add = f_token_add,
	.token_find = f_token_find,
	.login_attempts = f_login_attempts,
	.login_attempts_set = f_login_attempts_set,
	.audit_head = f_audit_head,
	.task_merge = f_task_merge,
	.task_split = f_task_split,
	.source_lines_put = f_source_lines_put,
	.source_lines = f_source_lines,
	.import_job_add = f_import_job_add,
	.import_job_set = f_import_job_set,
	.import_job_get = f_import_job_get,
	.import_job_list = f_import_job_list,
	.import_jobs_interrupted = f_import_jobs_interrupted,
	.token_revoke = f_token_revoke,
	.person_alias_list = f_person_alias_list,
	.audit_since = f_audit_since,
	.job_begin = f_job_begin,
	.job_end = f_job_end,
};

struct store *store_fault_new(struct store *in, long n)
{
	struct fault_store *fs;

	if (!in || n <= 0)
		return in;
	fs = xcalloc(1, sizeof(*fs));
	store_base_init(&fs->base, &fault_ops, NULL);
	fs->base.now = in->now;
	fs->base.now_arg = in->now_arg;
	fs->base.inner = in;
	fs->after = n;
	return &fs->base;
}
