/*
 * store_sqlite_track.c - the SQLite backend's tracking records (store.h,
 * "Tracking"): publication, amendments kept with their history, progress
 * reports and their confirmations, evidence, indicator values, contacts and
 * the reminders sent.
 *
 * Records are appended, never rewritten: a correction is a new report whose
 * replaces_id names the old one, a confirmation is a row of its own, and an
 * amended task field leaves a task_history row holding the earlier value and
 * the plan version it belonged to. The few columns that are updated in place
 * (a task field, a plan's status and version, a contact's address) always
 * get an audit_log row with the old and new value in the same transaction.
 */
#include "base/compat.h"
#include "store/sqlite_int.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "model/plan.h"

#include <sqlite3.h>

/* ---- small helpers ------------------------------------------------------ */

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* Runs fn-less single-row query helpers through one pattern: step once,
 * SQLITE_ROW -> 1, SQLITE_DONE -> 0, else an error. */
static int step_one(struct sqlite_store *ss, sqlite3_stmt *st, struct sb *err, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return sq_db_fail(ss, err, what);
}

/* Ends a write: commit when rc is 0, else roll back; returns rc. */
static int finish(struct sqlite_store *ss, int rc, struct sb *err)
{
	if (rc == 0)
		rc = sq_commit(ss, err);
	if (rc < 0)
		sq_rollback(ss);
	return rc;
}

static int read_plan_state(struct sqlite_store *ss, long long id, struct plan_state *out,
			   struct sb *err)
{
	sqlite3_stmt *st = sq_prep(ss, err, "SELECT status, version, year FROM plans WHERE id = ?",
				   "i", id);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -ERR_DB;
	rc = step_one(ss, st, err, "read plan");
	if (rc == 1) {
		out->id = id;
		out->status = store_plan_status(col(st, 0));
		out->version = sqlite3_column_int(st, 1);
		out->year = sqlite3_column_int(st, 2);
		rc = 0;
	} else if (rc == 0) {
		sb_addf(err, "no plan with id %lld; see 'dondoc plans'", id);
		rc = -ERR_NOTFOUND;
	}
	sq_done(ss, st);
	return rc;
}

int sqlite_plan_state(struct store *s, long long id, struct plan_state *out, struct sb *err)
{
	return read_plan_state(sq_impl(s), id, out, err);
}

int sqlite_plan_publish(struct store *s, long long id, const char *actor, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	struct plan_state ps;
	int rc;

	if (sq_begin(ss, err) < 0)
		return -ERR_DB;
	rc = read_plan_state(ss, id, &ps, err);
	if (rc == 0 && ps.status == PLAN_PUBLISHED) {
		sq_rollback(ss);
		return 1;
	}
	if (rc == 0 && ps.status != PLAN_DRAFT) {
		sb_addf(err, "plan %lld is %s; only a draft can be published", id,
			plan_status_key(ps.status));
		rc = -ERR_CONFLICT;
	}
	if (rc == 0)
		rc = sq_run(ss, err, "UPDATE plans SET status = 'published' WHERE id = ?", "i", id);
	if (rc == 0)
		rc = sq_audit(ss, err, actor, "publish", "plan", id, "status",
			      plan_status_key(ps.status), "published", NULL);
	return finish(ss, rc, err);
}

static int read_task_ref(struct sqlite_store *ss, long long task_id, struct task_ref *out,
			 struct sb *err)
{
	sqlite3_stmt *st = sq_prep(ss, err, "SELECT plan_id FROM tasks WHERE id = ?", "i", task_id);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -ERR_DB;
	rc = step_one(ss, st, err, "read task");
	if (rc == 1) {
		out->id = task_id;
		out->plan_id = sqlite3_column_int64(st, 0);
		rc = 0;
	} else if (rc == 0) {
		sb_addf(err, "no task with id %lld; see 'dondoc tasks'", task_id);
		rc = -ERR_NOTFOUND;
	}
	sq_done(ss, st);
	if (rc == 0)
		rc = read_plan_state(ss, out->plan_id, &out->plan, err);
	return rc;
}

int sqlite_task_ref(struct store *s, long long task_id, struct task_ref *out, struct sb *err)
{
	return read_task_ref(sq_impl(s), task_id, out, err);
}

/* ---- amendments --------------------------------------------------------- */

/* A task's agencies of one role pair ("lead"/"lead_group" or "coordinate"/
 * "coordinate_group") as one printable value: "A; B; group". */
static int agencies_text(struct sqlite_store *ss, long long task_id, const char *role,
			 struct sb *out, struct sb *err)
{
	sqlite3_stmt *st = sq_prep(ss, err,
				   "SELECT name FROM task_agencies WHERE task_id = ? AND role IN (?, ?)"
				   " ORDER BY role, seq",
				   "itt", task_id, role, strcmp(role, "lead") == 0 ? "lead_group"
										  : "coordinate_group");
	int rc;

	if (!st)
		return -ERR_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sb_addf(out, "%s%s", out->len ? "; " : "", col(st, 0));
	sq_done(ss, st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "read agencies");
}

static void due_text(const struct due *d, struct sb *out)
{
	if (!d)
		return;
	sb_addf(out, "%s [%s..%s%s]", d->text ? d->text : "", d->start, d->end,
		d->recurring ? ", recurring" : "");
}

/* The current value of a field, as history and audit rows show it. */
static int field_value(struct sqlite_store *ss, long long task_id, const char *field,
		       struct sb *out, struct sb *err)
{
	struct sb sql = SB_INIT;
	sqlite3_stmt *st;
	int rc;

	if (strcmp(field, "lead") == 0 || strcmp(field, "coordinate") == 0)
		return agencies_text(ss, task_id, field, out, err);
	if (strcmp(field, "due") == 0)
		sb_adds(&sql, "SELECT has_due, due_text, due_start, due_end, due_recurring FROM tasks"
			      " WHERE id = ?");
	else /* the field name was checked against the fixed list: safe to splice */
		sb_addf(&sql, "SELECT 1, %s FROM tasks WHERE id = ?", field);
	st = sq_prep(ss, err, sql.buf, "i", task_id);
	sb_release(&sql);
	if (!st)
		return -ERR_DB;
	rc = step_one(ss, st, err, "read task");
	if (rc == 1 && strcmp(field, "due") == 0 && sqlite3_column_int(st, 0)) {
		sb_addf(out, "%s [%s..%s%s]", col(st, 1) ? col(st, 1) : "",
			col(st, 2) ? col(st, 2) : "", col(st, 3) ? col(st, 3) : "",
			sqlite3_column_int(st, 4) ? ", recurring" : "");
	} else if (rc == 1 && strcmp(field, "due") != 0 && col(st, 1)) {
		sb_adds(out, col(st, 1));
	}
	sq_done(ss, st);
	return rc < 0 ? rc : 0;
}

static int replace_agencies(struct sqlite_store *ss, long long task_id, const char *field,
			    const struct strlist *bodies, const struct strlist *groups,
			    struct sb *err)
{
	const char *group_role = strcmp(field, "lead") == 0 ? "lead_group" : "coordinate_group";
	const struct strlist *lists[2] = { bodies, groups };
	const char *roles[2] = { field, group_role };
	int r, rc;
	size_t i;

	rc = sq_run(ss, err, "DELETE FROM task_agencies WHERE task_id = ? AND role IN (?, ?)", "itt",
		    task_id, field, group_role);
	for (r = 0; r < 2 && rc == 0; r++) {
		for (i = 0; lists[r] && i < lists[r]->n && rc == 0; i++) {
			char *key = vi_fold_dup(lists[r]->v[i], VI_FOLD_PUNCT);

			rc = sq_run(ss, err,
				    "INSERT INTO task_agencies (task_id, role, seq, name, name_key)"
				    " VALUES (?, ?, ?, ?, ?)",
				    "itit" "t", task_id, roles[r], (long long)i, lists[r]->v[i], key);
			free(key);
		}
	}
	return rc;
}

static int write_field(struct sqlite_store *ss, long long task_id, const struct task_edit *e,
		       struct sb *err)
{
	const char *v = e->value && *e->value ? e->value : NULL;
	struct sb sql = SB_INIT;
	int rc;

	if (strcmp(e->field, "lead") == 0 || strcmp(e->field, "coordinate") == 0)
		return replace_agencies(ss, task_id, e->field, e->bodies, e->groups, err);
	if (strcmp(e->field, "due") == 0) {
		const struct due *d = e->due;

		return sq_run(ss, err,
			      "UPDATE tasks SET has_due = ?, due_text = ?, due_start = ?, due_end = ?,"
			      " due_recurring = ? WHERE id = ?",
			      "btttbi", d != NULL, d ? d->text : NULL, d ? sq_nz(d->start) : NULL,
			      d ? sq_nz(d->end) : NULL, d && d->recurring, task_id);
	}
	if (strcmp(e->field, "leader") == 0) {
		char *key = v ? vi_fold_dup(v, 0) : NULL;

		rc = sq_run(ss, err, "UPDATE tasks SET leader = ?, leader_key = ? WHERE id = ?", "tti",
			    v, key, task_id);
		if (rc == 0 && v)
			rc = sq_run(ss, err,
				    "INSERT INTO people (name, name_key) VALUES (?, ?)"
				    " ON CONFLICT (name_key) DO NOTHING",
				    "tt", v, key);
		free(key);
		return rc;
	}
	sb_addf(&sql, "UPDATE tasks SET %s = ? WHERE id = ?", e->field);
	rc = sq_run(ss, err, sql.buf, "ti", v, task_id);
	sb_release(&sql);
	return rc;
}

static void new_value_text(const struct task_edit *e, struct sb *out)
{
	size_t i;

	if (strcmp(e->field, "due") == 0) {
		due_text(e->due, out);
	} else if (strcmp(e->field, "lead") == 0 || strcmp(e->field, "coordinate") == 0) {
		for (i = 0; e->bodies && i < e->bodies->n; i++)
			sb_addf(out, "%s%s", out->len ? "; " : "", e->bodies->v[i]);
		for (i = 0; e->groups && i < e->groups->n; i++)
			sb_addf(out, "%s%s", out->len ? "; " : "", e->groups->v[i]);
	} else if (e->value) {
		sb_adds(out, e->value);
	}
}

int sqlite_task_edit(struct store *s, long long task_id, const struct task_edit *e,
		     const char *actor, const char *reason, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	struct sb oldv = SB_INIT, newv = SB_INIT;
	struct task_ref tr;
	char now[32];
	int rc;

	if (!store_task_edit_field_ok(e->field)) {
		sb_addf(err, "'%s' is not a task field; use text, ref, section, leader, supervisor,"
			     " result, due, lead or coordinate", e->field ? e->field : "");
		return -ERR_USAGE;
	}
	if (!reason || !*reason) {
		sb_adds(err, "a correction needs a reason (--reason)");
		return -ERR_USAGE;
	}
	if (sq_begin(ss, err) < 0)
		return -ERR_DB;
	rc = read_task_ref(ss, task_id, &tr, err);
	if (rc == 0)
		rc = field_value(ss, task_id, e->field, &oldv, err);
	new_value_text(e, &newv);
	if (rc == 0 && strcmp(oldv.buf, newv.buf) == 0) {
		sb_addf(err, "task %lld: %s is already '%s'; nothing to change", task_id, e->field,
			newv.buf);
		rc = -ERR_CONFLICT;
	}
	if (rc == 0)
		rc = write_field(ss, task_id, e, err);
	sq_now_iso(ss, now, sizeof(now));
	/* The history row keeps the version the old value belonged to; a
	 * published plan then moves to the next version. */
	if (rc == 0)
		rc = sq_run(ss, err,
			    "INSERT INTO task_history (task_id, plan_version, field, old_value,"
			    " new_value, at, actor, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			    "iittttt" "t", task_id, (long long)tr.plan.version, e->field,
			    oldv.len ? oldv.buf : NULL, newv.len ? newv.buf : NULL, now, actor,
			    reason);
	if (rc == 0 && tr.plan.status == PLAN_PUBLISHED)
		rc = sq_run(ss, err, "UPDATE plans SET version = version + 1 WHERE id = ?", "i",
			    tr.plan_id);
	if (rc == 0)
		rc = sq_audit(ss, err, actor, "edit", "task", task_id, e->field,
			      oldv.len ? oldv.buf : NULL, newv.len ? newv.buf : NULL, reason);
	rc = finish(ss, rc, err);
	sb_release(&oldv);
	sb_release(&newv);
	return rc;
}

int sqlite_task_history(struct store *s, long long task_id,
			int (*fn)(const struct task_change *, void *), void *arg, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	/* One task's history through its index (an OR with a bound parameter
	 * would scan the table). */
	sqlite3_stmt *st = sq_prep(ss, err,
				   task_id ? "SELECT id, task_id, plan_version, field, old_value, new_value,"
					     " at, actor, reason FROM task_history WHERE task_id = ?"
					     " ORDER BY id"
					   : "SELECT id, task_id, plan_version, field, old_value, new_value,"
					     " at, actor, reason FROM task_history WHERE ? = 0 ORDER BY id",
				   "i", task_id);
	int rc = SQLITE_DONE, stop = 0;

	if (!st)
		return -ERR_DB;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct task_change c = {
			.id = sqlite3_column_int64(st, 0),
			.task_id = sqlite3_column_int64(st, 1),
			.plan_version = sqlite3_column_int(st, 2),
			.field = col(st, 3),
			.old_value = col(st, 4),
			.new_value = col(st, 5),
			.at = col(st, 6),
			.actor = col(st, 7),
			.reason = col(st, 8),
		};

		stop = fn(&c, arg);
	}
	sq_done(ss, st);
	return stop || rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "read history");
}

/* ---- progress reports --------------------------------------------------- */

/* The role under which agency takes part in task_id: "lead" when it is a
 * lead body or lead group, "coordinate" likewise; 0 found, -ERR_INPUT not. */
static int agency_role(struct sqlite_store *ss, long long task_id, const char *agency,
		       enum report_role *role, char *stored, size_t stored_len, struct sb *err)
{
	char *key = vi_fold_dup(agency, VI_FOLD_PUNCT);
	sqlite3_stmt *st = sq_prep(ss, err,
				   "SELECT role, name FROM task_agencies WHERE task_id = ? AND name_key = ?"
				   " ORDER BY CASE WHEN role IN ('lead', 'lead_group') THEN 0 ELSE 1 END, seq LIMIT 1",
				   "it", task_id, key);
	int rc;

	free(key);
	if (!st)
		return -ERR_DB;
	rc = step_one(ss, st, err, "read agencies");
	if (rc == 1) {
		*role = strncmp(col(st, 0), "lead", 4) == 0 ? REPORT_LEAD : REPORT_COORDINATE;
		snprintf(stored, stored_len, "%s", col(st, 1));
		rc = 0;
	} else if (rc == 0) {
		sb_addf(err, "'%s' is neither a lead nor a coordinating body of task %lld;"
			     " see 'dondoc tasks'", agency, task_id);
		rc = -ERR_INPUT;
	}
	sq_done(ss, st);
	return rc;
}

/* A correction must replace a report of the same task and body that nothing
 * has replaced yet. */
static int check_replaces(struct sqlite_store *ss, const char *table, const char *owner_col,
			  long long owner, const char *agency, long long replaces, struct sb *err)
{
	struct sb sql = SB_INIT;
	sqlite3_stmt *st;
	int rc;

	sb_addf(&sql,
		"SELECT r.%s, r.agency, (SELECT COUNT(*) FROM %s x WHERE x.replaces_id = r.id)"
		" FROM %s r WHERE r.id = ?",
		owner_col, table, table);
	st = sq_prep(ss, err, sql.buf, "i", replaces);
	sb_release(&sql);
	if (!st)
		return -ERR_DB;
	rc = step_one(ss, st, err, "read report");
	if (rc == 0) {
		sb_addf(err, "no report with id %lld to correct", replaces);
		rc = -ERR_NOTFOUND;
	} else if (rc == 1 && (sqlite3_column_int64(st, 0) != owner || !vi_fold_eq(col(st, 1), agency))) {
		sb_addf(err, "report %lld is not %s's report on %lld; a correction replaces the same"
			     " body's report", replaces, agency, owner);
		rc = -ERR_INPUT;
	} else if (rc == 1 && sqlite3_column_int64(st, 2) > 0) {
		sb_addf(err, "report %lld has already been corrected; correct the latest one", replaces);
		rc = -ERR_CONFLICT;
	} else if (rc == 1) {
		rc = 0;
	}
	sq_done(ss, st);
	return rc;
}

static int require_published(const struct plan_state *ps, struct sb *err)
{
	if (ps->status == PLAN_PUBLISHED)
		return 0;
	sb_addf(err, "plan %lld is a %s: publish it first ('dondoc publish %lld')", ps->id,
		plan_status_key(ps->status), ps->id);
	return -ERR_CONFLICT;
}

int sqlite_report_add(struct store *s, struct report_new *r, const char *actor, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	struct task_ref tr;
	char now[32], done[CAL_ISO_LEN], filed[CAL_ISO_LEN];
	int rc;

	sq_now_iso(ss, now, sizeof(now));
	if (sq_begin(ss, err) < 0)
		return -ERR_DB;
	rc = read_task_ref(ss, r->task_id, &tr, err);
	if (rc == 0)
		rc = require_published(&tr.plan, err);
	if (rc == 0)
		rc = agency_role(ss, r->task_id, r->agency, &r->role, r->agency_stored,
				 sizeof(r->agency_stored), err);
	if (rc == 0 && r->replaces_id)
		rc = check_replaces(ss, "progress_reports", "task_id", r->task_id, r->agency_stored,
				    r->replaces_id, err);
	if (rc == 0)
		rc = sq_run(ss, err,
			    "INSERT INTO progress_reports (task_id, agency, role, period, state,"
			    " completion_date, note, value, replaces_id, reported_at, actor, filed_on)"
			    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			    "itttttt" "DIttt", r->task_id, r->agency_stored,
			    report_role_key(r->role), r->period, task_state_key(r->state),
			    store_day_iso(r->completion_date, done), r->note, r->value,
			    r->replaces_id ? &r->replaces_id : NULL, now, actor,
			    store_day_iso(r->filed_on, filed));
	if (rc == 0)
		r->id = sqlite3_last_insert_rowid(ss->db);
	if (rc == 0 && r->evidence_sha256)
		rc = sq_run(ss, err,
			    "INSERT INTO evidence (report_id, name, sha256, size, at)"
			    " VALUES (?, ?, ?, ?, ?)",
			    "ittit", r->id, r->evidence_name, r->evidence_sha256, r->evidence_size, now);
	if (rc == 0)
		rc = sq_audit(ss, err, actor, r->replaces_id ? "correct" : "report", "progress_report",
			      r->id, "state", NULL, task_state_key(r->state), NULL);
	rc = finish(ss, rc, err);
	if (rc < 0)
		r->id = 0;
	return rc;
}

/* REPORT_SELECT_OF(SCOPE): a correction replaces a report of its own task, so
 * "replaced" looks among SCOPE's reports: every report (one pass over the
 * table, for lists of many tasks) or the task's own (through its index, once
 * a statement: SCOPE names the task by its parameter, not r.task_id, which
 * would run the subquery again for every row). */
#define REPORT_SELECT_OF(SCOPE)                                                            \
	"SELECT r.id, r.task_id, t.plan_id, r.replaces_id,"                                    \
	" r.id IN (SELECT replaces_id FROM progress_reports WHERE " SCOPE                     \
	" replaces_id IS NOT NULL),"                                                           \
	" r.agency, r.role, r.period, r.state, r.completion_date, r.note, r.filed_on,"        \
	" r.reported_at, r.actor, r.value,"                                                   \
	" c.decision, c.decided_on, c.done_on, c.reason,"                                     \
	" (SELECT COUNT(*) FROM evidence e WHERE e.report_id = r.id)"                          \
	" FROM progress_reports r JOIN tasks t ON t.id = r.task_id"                            \
	" LEFT JOIN confirmations c ON c.id = (SELECT MAX(id) FROM confirmations"              \
	"   WHERE report_id = r.id)"
#define REPORT_SELECT REPORT_SELECT_OF("")

static void read_report_row(sqlite3_stmt *st, struct report_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->task_id = sqlite3_column_int64(st, 1);
	r->plan_id = sqlite3_column_int64(st, 2);
	r->replaces_id = sqlite3_column_int64(st, 3);
	r->replaced = sqlite3_column_int(st, 4) != 0;
	r->agency = col(st, 5);
	r->role = col(st, 6) && strcmp(col(st, 6), "lead") == 0 ? REPORT_LEAD : REPORT_COORDINATE;
	r->period = col(st, 7);
	r->state = store_task_state(col(st, 8));
	r->completion_date = calendar_iso_day(col(st, 9));
	r->note = col(st, 10);
	r->filed_on = calendar_iso_day(col(st, 11));
	r->reported_at = col(st, 12);
	r->actor = col(st, 13);
	r->has_value = sqlite3_column_type(st, 14) != SQLITE_NULL;
	r->value = sqlite3_column_double(st, 14);
	r->decision = confirmation_from_key(col(st, 15));
	r->decided_on = calendar_iso_day(col(st, 16));
	r->confirmed_done_on = calendar_iso_day(col(st, 17));
	r->decision_reason = col(st, 18);
	r->nevidence = (size_t)sqlite3_column_int64(st, 19);
}

int sqlite_report_list(struct store *s, long long plan_id, long long task_id,
		       int (*fn)(const struct report_row *, void *), void *arg, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	/* One task's reports through the task index: "(? = 0 OR r.task_id = ?)"
	 * with a bound parameter would scan every report. */
	sqlite3_stmt *st = sq_prep(ss, err,
				   task_id ? REPORT_SELECT_OF("task_id = ?3 AND")
						     " WHERE (?1 = 0 OR t.plan_id = ?2) AND r.task_id = ?3"
							   " ORDER BY t.plan_id, t.seq, r.filed_on, r.id"
					   : REPORT_SELECT " WHERE (? = 0 OR t.plan_id = ?) AND ? = 0"
							   " ORDER BY t.plan_id, t.seq, r.filed_on, r.id",
				   "iii", plan_id, plan_id, task_id);
	int rc = SQLITE_DONE, stop = 0;

	if (!st)
		return -ERR_DB;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct report_row r;

		read_report_row(st, &r);
		stop = fn(&r, arg);
	}
	sq_done(ss, st);
	return stop || rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "list reports");
}

int sqlite_report_decide(struct store *s, long long task_id, bool accept, int decided_on,
			 int done_on, const char *reason, const char *actor, long long *report_id,
			 struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = NULL;
	struct task_ref tr;
	long long rid = 0;
	char now[32], decided[CAL_ISO_LEN], done[CAL_ISO_LEN];
	const char *done_iso = store_day_iso(done_on, done);
	int rc;

	if (!accept && (!reason || !*reason)) {
		sb_adds(err, "a refusal needs a reason (--reason)");
		return -ERR_USAGE;
	}
	sq_now_iso(ss, now, sizeof(now));
	if (sq_begin(ss, err) < 0)
		return -ERR_DB;
	rc = read_task_ref(ss, task_id, &tr, err);
	if (rc == 0)
		rc = require_published(&tr.plan, err);
	/* The lead's report in force: the latest that nothing replaces. */
	if (rc == 0) {
		st = sq_prep(ss, err,
			     REPORT_SELECT_OF("task_id = ?1 AND")
			     " WHERE r.task_id = ?1 AND r.role = 'lead' AND NOT EXISTS"
			     " (SELECT 1 FROM progress_reports x WHERE x.task_id = r.task_id"
			     " AND x.replaces_id = r.id)"
					   " ORDER BY r.filed_on DESC, r.id DESC LIMIT 1",
			     "i", task_id);
		rc = st ? step_one(ss, st, err, "read report") : -ERR_DB;
		if (rc == 0) {
			sb_addf(err, "task %lld has no report from its lead body to confirm", task_id);
			rc = -ERR_CONFLICT;
		} else if (rc == 1 && strcmp(col(st, 8), "done") != 0) {
			sb_addf(err, "task %lld: the lead body's latest report says '%s', not done;"
				     " nothing awaits confirmation", task_id, col(st, 8));
			rc = -ERR_CONFLICT;
		} else if (rc == 1 && col(st, 15)) {
			sb_addf(err, "task %lld: report %lld was already %s", task_id,
				sqlite3_column_int64(st, 0), col(st, 15));
			rc = -ERR_CONFLICT;
		} else if (rc == 1) {
			rid = sqlite3_column_int64(st, 0);
			if (accept && !done_iso)
				done_iso = col(st, 9) ? col(st, 9) : col(st, 11);
			rc = sq_run(ss, err,
				    "INSERT INTO confirmations (report_id, decision, decided_on, done_on,"
				    " reason, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)",
				    "ittttt" "t", rid, accept ? "accepted" : "refused",
				    store_day_iso(decided_on, decided), accept ? done_iso : NULL,
				    reason, now, actor);
		}
	}
	if (rc == 0)
		rc = sq_audit(ss, err, actor, accept ? "confirm" : "refuse", "progress_report", rid,
			      "confirmation", NULL, accept ? "accepted" : "refused", reason);
	sq_done(ss, st);
	rc = finish(ss, rc, err);
	if (report_id)
		*report_id = rc == 0 ? rid : 0;
	return rc;
}

/* ---- indicators --------------------------------------------------------- */

int sqlite_indicator_report_add(struct store *s, struct indicator_report_new *r,
				const char *actor, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st;
	struct plan_state ps;
	long long plan_id = 0;
	char now[32], filed[CAL_ISO_LEN];
	int rc;

	sq_now_iso(ss, now, sizeof(now));
	if (sq_begin(ss, err) < 0)
		return -ERR_DB;
	st = sq_prep(ss, err, "SELECT plan_id FROM indicators WHERE id = ?", "i", r->indicator_id);
	rc = st ? step_one(ss, st, err, "read indicator") : -ERR_DB;
	if (rc == 1)
		plan_id = sqlite3_column_int64(st, 0);
	sq_done(ss, st);
	if (rc == 0) {
		sb_addf(err, "no indicator with id %lld; see 'dondoc indicators'", r->indicator_id);
		rc = -ERR_NOTFOUND;
	} else if (rc == 1) {
		rc = read_plan_state(ss, plan_id, &ps, err);
		if (rc == 0)
			rc = require_published(&ps, err);
	}
	if (rc == 0 && r->replaces_id)
		rc = check_replaces(ss, "indicator_reports", "indicator_id", r->indicator_id, r->agency,
				    r->replaces_id, err);
	if (rc == 0)
		rc = sq_run(ss, err,
			    "INSERT INTO indicator_reports (indicator_id, agency, period, value, note,"
			    " replaces_id, filed_on, reported_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			    "ittdtIttt", r->indicator_id, r->agency, r->period, r->value, r->note,
			    r->replaces_id ? &r->replaces_id : NULL,
			    store_day_iso(r->filed_on, filed), now, actor);
	if (rc == 0)
		r->id = sqlite3_last_insert_rowid(ss->db);
	if (rc == 0)
		rc = sq_audit(ss, err, actor, r->replaces_id ? "correct" : "report", "indicator_report",
			      r->id, "value", NULL, NULL, NULL);
	return finish(ss, rc, err);
}

int sqlite_indicator_report_list(struct store *s, long long plan_id,
				 int (*fn)(const struct indicator_value_row *, void *), void *arg,
				 struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err,
				   "SELECT r.id, r.indicator_id, r.replaces_id,"
				   " EXISTS (SELECT 1 FROM indicator_reports x WHERE x.replaces_id = r.id),"
				   " r.agency, r.period, r.filed_on, r.note, r.value"
				   " FROM indicator_reports r JOIN indicators i ON i.id = r.indicator_id"
				   " WHERE (? = 0 OR i.plan_id = ?) ORDER BY i.plan_id, i.seq, r.filed_on, r.id",
				   "ii", plan_id, plan_id);
	int rc = SQLITE_DONE, stop = 0;

	if (!st)
		return -ERR_DB;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct indicator_value_row r = {
			.id = sqlite3_column_int64(st, 0),
			.indicator_id = sqlite3_column_int64(st, 1),
			.replaces_id = sqlite3_column_int64(st, 2),
			.replaced = sqlite3_column_int(st, 3) != 0,
			.agency = col(st, 4),
			.period = col(st, 5),
			.filed_on = calendar_iso_day(col(st, 6)),
			.note = col(st, 7),
			.value = sqlite3_column_double(st, 8),
		};

		stop = fn(&r, arg);
	}
	sq_done(ss, st);
	return stop || rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "list indicator reports");
}

/* ---- contacts and reminders --------------------------------------------- */

int sqlite_contact_set(struct store *s, const char *name, const char *email, const char *actor,
		       struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	char *key = vi_fold_dup(name, VI_FOLD_PUNCT);
	char *old = NULL;
	sqlite3_stmt *st;
	char now[32];
	int rc;

	if (!*key || !email || !*email) {
		sb_adds(err, "a contact needs a name and an e-mail address");
		free(key);
		return -ERR_USAGE;
	}
	sq_now_iso(ss, now, sizeof(now));
	if (sq_begin(ss, err) < 0) {
		free(key);
		return -ERR_DB;
	}
	st = sq_prep(ss, err, "SELECT email FROM agency_contacts WHERE agency_key = ?", "t", key);
	rc = st ? step_one(ss, st, err, "read contact") : -ERR_DB;
	if (rc == 1)
		old = xstrdup(col(st, 0));
	sq_done(ss, st);
	if (rc >= 0)
		rc = sq_run(ss, err,
			    "INSERT INTO agency_contacts (agency, agency_key, email, updated_at, actor)"
			    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (agency_key) DO UPDATE SET"
			    " agency = excluded.agency, email = excluded.email,"
			    " updated_at = excluded.updated_at, actor = excluded.actor",
			    "ttttt", name, key, email, now, actor);
	if (rc == 0)
		rc = sq_audit(ss, err, actor, "contact", "agency_contact", 0, name, old, email, NULL);
	rc = finish(ss, rc, err);
	free(old);
	free(key);
	return rc;
}

int sqlite_contact_find(struct store *s, const char *name, char **email, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	char *key = vi_fold_dup(name ? name : "", VI_FOLD_PUNCT);
	sqlite3_stmt *st = sq_prep(ss, err, "SELECT email FROM agency_contacts WHERE agency_key = ?",
				   "t", key);
	int rc;

	*email = NULL;
	free(key);
	if (!st)
		return -ERR_DB;
	rc = step_one(ss, st, err, "read contact");
	if (rc == 1)
		*email = xstrdup(col(st, 0));
	sq_done(ss, st);
	return rc < 0 ? rc : 0;
}

int sqlite_contact_list(struct store *s, int (*fn)(const char *, const char *, void *),
			void *arg, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err, "SELECT agency, email FROM agency_contacts ORDER BY agency",
				   "");
	int rc = SQLITE_DONE, stop = 0;

	if (!st)
		return -ERR_DB;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(col(st, 0), col(st, 1), arg);
	sq_done(ss, st);
	return stop || rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "list contacts");
}

int sqlite_reminder_seen(struct store *s, enum remind_kind kind, const char *recipient,
			 int day, const char *state, bool *seen, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	char *key = vi_fold_dup(recipient, VI_FOLD_PUNCT);
	char iso[CAL_ISO_LEN];
	sqlite3_stmt *st = sq_prep(ss, err,
				   "SELECT 1 FROM reminders WHERE kind = ? AND recipient_key = ?"
				   " AND day = ? AND state = ?",
				   "tttt", remind_kind_key(kind), key, store_day_iso(day, iso),
				   state);
	int rc;

	free(key);
	*seen = false;
	if (!st)
		return -ERR_DB;
	rc = step_one(ss, st, err, "read reminders");
	*seen = rc == 1;
	sq_done(ss, st);
	return rc < 0 ? rc : 0;
}

int sqlite_reminder_record(struct store *s, const struct reminder_rec *r, const char *actor,
			   struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	char *key = vi_fold_dup(r->recipient, VI_FOLD_PUNCT);
	char now[32], day[CAL_ISO_LEN];
	int rc;

	sq_now_iso(ss, now, sizeof(now));
	if (sq_begin(ss, err) < 0) {
		free(key);
		return -ERR_DB;
	}
	rc = sq_run(ss, err,
		    "INSERT INTO reminders (kind, recipient, recipient_key, email, day, state, items,"
		    " subject, via, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		    " ON CONFLICT (kind, recipient_key, day, state) DO NOTHING",
		    "tttttti" "tttt", remind_kind_key(r->kind), r->recipient, key, r->email,
		    store_day_iso(r->day, day), r->state, (long long)r->items, r->subject, r->via,
		    now, actor);
	if (rc == 0 && sqlite3_changes(ss->db) == 0) {
		sq_rollback(ss);
		free(key);
		return 1;
	}
	if (rc == 0)
		rc = sq_audit(ss, err, actor, remind_kind_key(r->kind), "reminder",
			      sqlite3_last_insert_rowid(ss->db), "recipient", NULL, r->recipient,
			      NULL);
	free(key);
	return finish(ss, rc, err);
}
