/*
 * store_sqlite_review.c - the SQLite backend's review of a draft (store.h,
 * "Review"): merging and splitting tasks, the document's source lines, and
 * the web's import jobs.
 *
 * Merge and split change a draft's tasks in one transaction with a
 * task_history row and audit_log rows naming the actor; a published plan is
 * refused (its tasks carry reports: only field corrections apply there).
 */
#include "base/compat.h"
#include "store/sqlite_int.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"

#include <sqlite3.h>

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* Ends a write: commit when rc is not an error, else roll back; returns rc. */
static int finish(struct sqlite_store *ss, int rc, struct sb *err)
{
	if (rc >= 0) {
		int crc = sq_commit(ss, err);

		if (crc < 0)
			rc = crc;
	}
	if (rc < 0)
		sq_rollback(ss);
	return rc;
}

/* One task as merge and split need it. */
struct task_head {
	long long id, plan_id, seq;
	char *text, *ref;
	int version;
};

static void task_head_release(struct task_head *t)
{
	free(t->text);
	free(t->ref);
}

/* Reads task id and checks that its plan is a draft. */
static int read_draft_task(struct sqlite_store *ss, long long id, const char *what,
			   struct task_head *out, struct sb *err)
{
	sqlite3_stmt *st = sq_prep(ss, err,
				   "SELECT t.plan_id, t.seq, t.text, t.ref, p.status, p.version"
				   " FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = ?",
				   "i", id);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -ERR_DB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = id;
		out->plan_id = sqlite3_column_int64(st, 0);
		out->seq = sqlite3_column_int64(st, 1);
		out->text = xstrdup(col(st, 2) ? col(st, 2) : "");
		out->ref = sq_col_text(st, 3);
		out->version = sqlite3_column_int(st, 5);
		if (strcmp(col(st, 4) ? col(st, 4) : "", "draft") != 0) {
			sb_addf(err, "task %lld belongs to plan %lld, which is %s: only a draft's"
				     " tasks are %s (correct a published task field by field)",
				id, out->plan_id, col(st, 4) ? col(st, 4) : "?", what);
			rc = -ERR_CONFLICT;
		} else {
			rc = 0;
		}
	} else if (rc == SQLITE_DONE) {
		sb_addf(err, "no task with id %lld", id);
		rc = -ERR_NOTFOUND;
	} else {
		rc = sq_db_fail(ss, err, "read task");
	}
	sq_done(ss, st);
	return rc;
}

static int history(struct sqlite_store *ss, struct sb *err, long long task_id, int version,
		   const char *oldv, const char *newv, const char *actor, const char *reason)
{
	char now[32];

	sq_now_iso(ss, now, sizeof(now));
	return sq_run(ss, err,
		      "INSERT INTO task_history (task_id, plan_version, field, old_value,"
		      " new_value, at, actor, reason) VALUES (?, ?, 'text', ?, ?, ?, ?, ?)",
		      "iittttt", task_id, (long long)version, oldv, newv, now, actor, reason);
}

int sqlite_task_merge(struct store *s, long long task_id, const char *actor,
			     const char *reason, long long *removed_id, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	struct task_head a, b = { 0 };
	struct sb joined = SB_INIT, why = SB_INIT;
	sqlite3_stmt *st;
	int rc;

	if (removed_id)
		*removed_id = 0;
	if (sq_begin(ss, err) < 0)
		return -ERR_DB;
	rc = read_draft_task(ss, task_id, "merged", &a, err);
	if (rc == 0) {
		st = sq_prep(ss, err,
			     "SELECT id FROM tasks WHERE plan_id = ? AND seq > ? ORDER BY seq LIMIT 1",
			     "ii", a.plan_id, a.seq);
		rc = st ? sqlite3_step(st) : SQLITE_ERROR;
		if (rc == SQLITE_ROW) {
			b.id = sqlite3_column_int64(st, 0);
			rc = 0;
		} else if (rc == SQLITE_DONE) {
			sb_addf(err, "task %lld is the last of its plan: there is no next task to"
				     " merge it with", task_id);
			rc = -ERR_INPUT;
		} else {
			rc = st ? sq_db_fail(ss, err, "read next task") : -ERR_DB;
		}
		sq_done(ss, st);
	}
	if (rc == 0)
		rc = read_draft_task(ss, b.id, "merged", &b, err);
	if (rc == 0) {
		sb_adds(&joined, a.text);
		if (joined.len && *b.text)
			sb_addc(&joined, ' ');
		sb_adds(&joined, b.text);
		sb_addf(&why, "%s (merged with task %lld%s%s)", reason, b.id, b.ref ? ", " : "",
			b.ref ? b.ref : "");
		rc = sq_run(ss, err, "UPDATE tasks SET text = ? WHERE id = ?", "ti", joined.buf,
			    a.id);
	}
	if (rc == 0)
		rc = sq_run(ss, err, "UPDATE targets SET task_id = ? WHERE task_id = ?", "ii", a.id,
			    b.id);
	if (rc == 0)
		rc = sq_run(ss, err, "UPDATE task_history SET task_id = ? WHERE task_id = ?", "ii",
			    a.id, b.id);
	if (rc == 0)
		rc = sq_run(ss, err, "DELETE FROM task_agencies WHERE task_id = ?", "i", b.id);
	if (rc == 0)
		rc = sq_run(ss, err, "DELETE FROM tasks WHERE id = ?", "i", b.id);
	if (rc == 0)
		rc = history(ss, err, a.id, a.version, a.text, joined.buf, actor, why.buf);
	if (rc == 0)
		rc = sq_audit(ss, err, actor, "merge", "task", a.id, "text", a.text, joined.buf,
			      why.buf);
	if (rc == 0)
		rc = sq_audit(ss, err, actor, "merge", "task", b.id, "text", b.text, NULL, why.buf);
	rc = finish(ss, rc, err);
	if (rc == 0 && removed_id)
		*removed_id = b.id;
	task_head_release(&a);
	task_head_release(&b);
	sb_release(&joined);
	sb_release(&why);
	return rc;
}

/* The first of ref+"a".."z", then ref+".2", ".3"... that no task of the plan has. */
static int free_ref(struct sqlite_store *ss, long long plan_id, const char *ref, struct sb *out,
		    struct sb *err)
{
	int i, rc;

	for (i = 0; i < 1000; i++) {
		sqlite3_stmt *st;

		sb_reset(out);
		if (i < 26)
			sb_addf(out, "%s%c", ref, 'a' + i);
		else
			sb_addf(out, "%s.%d", ref, i - 24);
		st = sq_prep(ss, err, "SELECT 1 FROM tasks WHERE plan_id = ? AND ref = ?", "it",
			     plan_id, out->buf);
		if (!st)
			return -ERR_DB;
		rc = sqlite3_step(st);
		sq_done(ss, st);
		if (rc == SQLITE_DONE)
			return 0;
		if (rc != SQLITE_ROW)
			return sq_db_fail(ss, err, "read refs");
	}
	sb_addf(err, "no free ref after '%s'", ref);
	return -ERR_CONFLICT;
}

int sqlite_task_split(struct store *s, long long task_id, const char *first_text,
			     const char *second_text, const char *actor, const char *reason,
			     long long *new_id, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	struct sb ref = SB_INIT, why = SB_INIT;
	struct task_head a;
	long long nid = 0;
	int rc;

	if (new_id)
		*new_id = 0;
	if (sq_begin(ss, err) < 0)
		return -ERR_DB;
	rc = read_draft_task(ss, task_id, "split", &a, err);
	if (rc == 0 && a.ref && *a.ref)
		rc = free_ref(ss, a.plan_id, a.ref, &ref, err);
	/* The later tasks move one place on, in two steps so that no two rows
	 * ever share a (plan_id, seq). */
	if (rc == 0)
		rc = sq_run(ss, err, "UPDATE tasks SET seq = -seq - 1 WHERE plan_id = ? AND seq > ?",
			    "ii", a.plan_id, a.seq);
	if (rc == 0)
		rc = sq_run(ss, err, "UPDATE tasks SET seq = -seq WHERE plan_id = ? AND seq < 0", "i",
			    a.plan_id);
	/* A new id above every task id the audit log names: SQLite would give
	 * a merged-away task's id again (PostgreSQL's identity never does). */
	if (rc == 0)
		rc = sq_run(ss, err,
			    "INSERT INTO tasks (id, plan_id, seq, ref, section, text, leader,"
			    " leader_key, supervisor, has_due, due_text, due_start, due_end,"
			    " due_recurring, result, doubt, source_line)"
			    " SELECT (SELECT MAX(m) + 1 FROM (SELECT MAX(id) AS m FROM tasks UNION ALL"
			    " SELECT MAX(entity_id) FROM audit_log WHERE entity = 'task')),"
			    " plan_id, seq + 1, ?, section, ?, leader, leader_key, supervisor,"
			    " has_due, due_text, due_start, due_end, due_recurring, result, doubt,"
			    " source_line FROM tasks WHERE id = ?",
			    "tti", ref.len ? ref.buf : NULL, second_text, a.id);
	if (rc == 0) {
		nid = sqlite3_last_insert_rowid(ss->db);
		rc = sq_run(ss, err,
			    "INSERT INTO task_agencies (task_id, role, seq, name, name_key)"
			    " SELECT ?, role, seq, name, name_key FROM task_agencies WHERE task_id = ?",
			    "ii", nid, a.id);
	}
	if (rc == 0) {
		sb_addf(&why, "%s (split into tasks %lld and %lld)", reason, a.id, nid);
		rc = sq_run(ss, err, "UPDATE tasks SET text = ? WHERE id = ?", "ti", first_text, a.id);
	}
	if (rc == 0)
		rc = history(ss, err, a.id, a.version, a.text, first_text, actor, why.buf);
	if (rc == 0)
		rc = history(ss, err, nid, a.version, NULL, second_text, actor, why.buf);
	if (rc == 0)
		rc = sq_audit(ss, err, actor, "split", "task", a.id, "text", a.text, first_text,
			      why.buf);
	if (rc == 0)
		rc = sq_audit(ss, err, actor, "split", "task", nid, "text", NULL, second_text,
			      why.buf);
	rc = finish(ss, rc, err);
	if (rc == 0 && new_id)
		*new_id = nid;
	task_head_release(&a);
	sb_release(&ref);
	sb_release(&why);
	return rc;
}

/* ---- source lines ---------------------------------------------------------- */

int sqlite_source_lines_put(struct store *s, long long plan_id,
				   const struct source_line *lines, size_t n, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	size_t i;
	int rc;

	if (sq_begin(ss, err) < 0)
		return -ERR_DB;
	rc = sq_run(ss, err,
		    "DELETE FROM document_lines WHERE document_id ="
		    " (SELECT document_id FROM plans WHERE id = ?)",
		    "i", plan_id);
	for (i = 0; rc == 0 && i < n; i++)
		rc = sq_run(ss, err,
			    "INSERT INTO document_lines (document_id, line, text)"
			    " SELECT document_id, ?, ? FROM plans WHERE id = ?",
			    "iti", (long long)lines[i].line, lines[i].text, plan_id);
	return finish(ss, rc, err);
}

int sqlite_source_lines(struct store *s, long long plan_id,
			       int (*fn)(const struct source_line *, void *), void *arg,
			       struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err,
				   "SELECT line, text FROM document_lines WHERE document_id ="
				   " (SELECT document_id FROM plans WHERE id = ?) ORDER BY line",
				   "i", plan_id);
	int rc = SQLITE_DONE, stop = 0;

	if (!st)
		return -ERR_DB;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct source_line l = { sqlite3_column_int(st, 0), col(st, 1) ? col(st, 1) : "" };

		stop = fn(&l, arg);
	}
	sq_done(ss, st);
	return stop || rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "read source lines");
}

/* ---- import jobs --------------------------------------------------------------- */

int sqlite_import_job_add(struct store *s, long long user_id, const char *login,
			  const char *file_name, const char *runner, long long *id, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	char now[32];
	int rc;

	sq_now_iso(ss, now, sizeof(now));
	if (sq_begin(ss, err) < 0)
		return -ERR_DB;
	rc = sq_run(ss, err,
		    "INSERT INTO import_jobs (user_id, login, runner, file_name, state, created_at,"
		    " updated_at) VALUES (?, ?, ?, ?, 'queued', ?, ?)",
		    "Ittttt", user_id ? &user_id : NULL, login, runner, file_name, now, now);
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(ss->db);
	return finish(ss, rc, err);
}

int sqlite_import_job_set(struct store *s, long long id, const char *state,
				 long long done, long long total, long long plan_id,
				 const char *error, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	char now[32];
	int rc;

	sq_now_iso(ss, now, sizeof(now));
	if (sq_begin(ss, err) < 0)
		return -ERR_DB;
	rc = sq_run(ss, err,
		    "UPDATE import_jobs SET state = ?, done = ?, total = ?,"
		    " plan_id = COALESCE(?, plan_id), error = COALESCE(?, error), updated_at = ?"
		    " WHERE id = ?",
		    "tiiItti", state, done, total, plan_id ? &plan_id : NULL, error, now, id);
	if (rc == 0 && sqlite3_changes(ss->db) == 0) {
		sb_addf(err, "no import job %lld", id);
		rc = -ERR_NOTFOUND;
	}
	return finish(ss, rc, err);
}

#define JOB_COLS                                                                              \
	"SELECT id, COALESCE(user_id, 0), login, file_name, state, done, total,"              \
	" COALESCE(plan_id, 0), error, created_at, updated_at, runner FROM import_jobs"

static void read_job(sqlite3_stmt *st, struct import_job *j)
{
	j->id = sqlite3_column_int64(st, 0);
	j->user_id = sqlite3_column_int64(st, 1);
	j->login = sq_col_text(st, 2);
	j->file_name = sq_col_text(st, 3);
	j->state = sq_col_text(st, 4);
	j->done = sqlite3_column_int64(st, 5);
	j->total = sqlite3_column_int64(st, 6);
	j->plan_id = sqlite3_column_int64(st, 7);
	j->error = sq_col_text(st, 8);
	j->created_at = sq_col_text(st, 9);
	j->updated_at = sq_col_text(st, 10);
	j->runner = sq_col_text(st, 11);
}

int sqlite_import_job_get(struct store *s, long long id, struct import_job *out,
				 struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err, JOB_COLS " WHERE id = ?", "i", id);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -ERR_DB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_job(st, out);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		sb_addf(err, "no import job %lld", id);
		rc = -ERR_NOTFOUND;
	} else {
		rc = sq_db_fail(ss, err, "read import job");
	}
	sq_done(ss, st);
	return rc;
}

int sqlite_import_job_list(struct store *s, long long user_id, size_t limit,
				  int (*fn)(const struct import_job *, void *), void *arg,
				  struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err,
				   JOB_COLS " WHERE (? = 0 OR user_id = ?) ORDER BY id DESC LIMIT ?",
				   "iii", user_id, user_id, (long long)limit);
	int rc = SQLITE_DONE, stop = 0;

	if (!st)
		return -ERR_DB;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct import_job j = { 0 };

		read_job(st, &j);
		stop = fn(&j, arg);
		import_job_release(&j);
	}
	sq_done(ss, st);
	return stop || rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "read import jobs");
}

int sqlite_import_jobs_interrupted(struct store *s, const char *runner, const char *reason,
				   struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	char now[32];
	int rc, n = 0;

	sq_now_iso(ss, now, sizeof(now));
	if (sq_begin(ss, err) < 0)
		return -ERR_DB;
	rc = sq_run(ss, err,
		    "UPDATE import_jobs SET state = 'failed', error = ?, updated_at = ?"
		    " WHERE state IN ('queued', 'running') AND (? IS NULL OR COALESCE(runner, '') = ?)",
		    "tttt", reason, now, runner, runner);
	if (rc == 0)
		n = sqlite3_changes(ss->db);
	rc = finish(ss, rc, err);
	return rc < 0 ? rc : n;
}
