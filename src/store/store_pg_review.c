/*
 * store_pg_review.c - the PostgreSQL backend's review of a draft (store.h,
 * "Review"): merging and splitting tasks, the document's source lines, and
 * the web's import jobs. The same rows as store_sqlite_review.c writes; each
 * write is one pg_write() transaction (a savepoint inside store_tx_begin()).
 */
#include "base/compat.h"
#include "store/pg_int.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"

static struct pg_store *pg_impl(struct store *s)
{
	return (struct pg_store *)s;
}

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

/* Reads (and locks) task id and checks that its plan is a draft. */
static int read_draft_task(struct pg_store *ps, long long id, const char *what,
			   struct task_head *out, struct sb *err)
{
	PGresult *r = NULL;
	int rc = pg_get(ps, err, &r,
			"SELECT t.plan_id, t.seq, t.text, t.ref, p.status, p.version"
			" FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = $1"
			" FOR UPDATE OF p",
			"i", id);

	memset(out, 0, sizeof(*out));
	if (rc < 0)
		return rc;
	if (PQntuples(r) == 0) {
		sb_addf(err, "no task with id %lld", id);
		rc = -ERR_NOTFOUND;
	} else {
		out->id = id;
		out->plan_id = pg_ll(r, 0, 0);
		out->seq = pg_ll(r, 0, 1);
		out->text = pg_col_dup(r, 0, 2);
		if (!out->text)
			out->text = xstrdup("");
		out->ref = pg_col_dup(r, 0, 3);
		out->version = (int)pg_ll(r, 0, 5);
		if (strcmp(PQgetvalue(r, 0, 4), "draft") != 0) {
			sb_addf(err, "task %lld belongs to plan %lld, which is %s: only a draft's"
				     " tasks are %s (correct a published task field by field)",
				id, out->plan_id, PQgetvalue(r, 0, 4), what);
			rc = -ERR_CONFLICT;
		}
	}
	PQclear(r);
	return rc;
}

static int history(struct pg_store *ps, struct sb *err, long long task_id, int version,
		   const char *oldv, const char *newv, const char *actor, const char *reason)
{
	char now[32];

	pg_now_iso(ps, now, sizeof(now));
	return pg_put(ps, err, NULL,
		      "INSERT INTO task_history (task_id, plan_version, field, old_value,"
		      " new_value, at, actor, reason) VALUES ($1, $2, 'text', $3, $4, $5, $6, $7)",
		      "iittttt", task_id, (long long)version, oldv, newv, now, actor, reason);
}

struct merge_ctx {
	long long task_id;
	const char *actor, *reason;
	long long removed;
};

static int merge_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct merge_ctx *c = arg;
	struct task_head a, b = { 0 };
	struct sb joined = SB_INIT, why = SB_INIT;
	PGresult *r = NULL;
	int rc = read_draft_task(ps, c->task_id, "merged", &a, err);

	if (rc == 0)
		rc = pg_get(ps, err, &r,
			    "SELECT id FROM tasks WHERE plan_id = $1 AND seq > $2 ORDER BY seq LIMIT 1",
			    "ii", a.plan_id, a.seq);
	if (rc == 0 && PQntuples(r) == 0) {
		sb_addf(err, "task %lld is the last of its plan: there is no next task to merge it"
			     " with", c->task_id);
		rc = -ERR_INPUT;
	} else if (rc == 0) {
		b.id = pg_ll(r, 0, 0);
	}
	PQclear(r);
	if (rc == 0)
		rc = read_draft_task(ps, b.id, "merged", &b, err);
	if (rc == 0) {
		sb_adds(&joined, a.text);
		if (joined.len && *b.text)
			sb_addc(&joined, ' ');
		sb_adds(&joined, b.text);
		sb_addf(&why, "%s (merged with task %lld%s%s)", c->reason, b.id, b.ref ? ", " : "",
			b.ref ? b.ref : "");
		rc = pg_put(ps, err, NULL, "UPDATE tasks SET text = $1 WHERE id = $2", "ti",
			    joined.buf, a.id);
	}
	if (rc == 0)
		rc = pg_put(ps, err, NULL, "UPDATE targets SET task_id = $1 WHERE task_id = $2", "ii",
			    a.id, b.id);
	if (rc == 0)
		rc = pg_put(ps, err, NULL, "UPDATE task_history SET task_id = $1 WHERE task_id = $2",
			    "ii", a.id, b.id);
	if (rc == 0)
		rc = pg_put(ps, err, NULL, "DELETE FROM task_agencies WHERE task_id = $1", "i", b.id);
	if (rc == 0)
		rc = pg_put(ps, err, NULL, "DELETE FROM tasks WHERE id = $1", "i", b.id);
	if (rc == 0)
		rc = history(ps, err, a.id, a.version, a.text, joined.buf, c->actor, why.buf);
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, "merge", "task", a.id, "text", a.text, joined.buf,
			      why.buf);
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, "merge", "task", b.id, "text", b.text, NULL,
			      why.buf);
	if (rc == 0)
		c->removed = b.id;
	task_head_release(&a);
	task_head_release(&b);
	sb_release(&joined);
	sb_release(&why);
	return rc;
}

int pg_task_merge(struct store *s, long long task_id, const char *actor, const char *reason,
		  long long *removed_id, struct sb *err)
{
	struct merge_ctx c = { task_id, actor, reason, 0 };
	int rc = pg_write(pg_impl(s), PG_READ_COMMITTED, merge_body, &c, err);

	if (removed_id)
		*removed_id = rc < 0 ? 0 : c.removed;
	return rc < 0 ? rc : 0;
}

/* The first of ref+"a".."z", then ref+".2", ".3"... that no task of the plan has. */
static int free_ref(struct pg_store *ps, long long plan_id, const char *ref, struct sb *out,
		    struct sb *err)
{
	int i, rc;

	for (i = 0; i < 1000; i++) {
		PGresult *r = NULL;
		bool taken;

		sb_reset(out);
		if (i < 26)
			sb_addf(out, "%s%c", ref, 'a' + i);
		else
			sb_addf(out, "%s.%d", ref, i - 24);
		rc = pg_get(ps, err, &r, "SELECT 1 FROM tasks WHERE plan_id = $1 AND ref = $2", "it",
			    plan_id, out->buf);
		if (rc < 0)
			return rc;
		taken = PQntuples(r) > 0;
		PQclear(r);
		if (!taken)
			return 0;
	}
	sb_addf(err, "no free ref after '%s'", ref);
	return -ERR_CONFLICT;
}

struct split_ctx {
	long long task_id;
	const char *first, *second, *actor, *reason;
	long long new_id;
};

static int split_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct split_ctx *c = arg;
	struct sb ref = SB_INIT, why = SB_INIT;
	struct task_head a;
	long long nid = 0;
	int rc = read_draft_task(ps, c->task_id, "split", &a, err);

	if (rc == 0 && a.ref && *a.ref)
		rc = free_ref(ps, a.plan_id, a.ref, &ref, err);
	/* The later tasks move one place on, in two steps so that no two rows
	 * ever share a (plan_id, seq). */
	if (rc == 0)
		rc = pg_put(ps, err, NULL,
			    "UPDATE tasks SET seq = -seq - 1 WHERE plan_id = $1 AND seq > $2", "ii",
			    a.plan_id, a.seq);
	if (rc == 0)
		rc = pg_put(ps, err, NULL, "UPDATE tasks SET seq = -seq WHERE plan_id = $1 AND seq < 0",
			    "i", a.plan_id);
	if (rc == 0)
		rc = pg_insert_id(ps, err, &nid,
				  "INSERT INTO tasks (plan_id, seq, ref, section, text, leader,"
				  " leader_key, supervisor, has_due, due_text, due_start, due_end,"
				  " due_recurring, result, doubt, source_line)"
				  " SELECT plan_id, seq + 1, $1, section, $2, leader, leader_key,"
				  " supervisor, has_due, due_text, due_start, due_end, due_recurring,"
				  " result, doubt, source_line FROM tasks WHERE id = $3 RETURNING id",
				  "tti", ref.len ? ref.buf : NULL, c->second, a.id);
	if (rc == 0)
		rc = pg_put(ps, err, NULL,
			    "INSERT INTO task_agencies (task_id, role, seq, name, name_key)"
			    " SELECT $1, role, seq, name, name_key FROM task_agencies WHERE task_id = $2",
			    "ii", nid, a.id);
	if (rc == 0) {
		sb_addf(&why, "%s (split into tasks %lld and %lld)", c->reason, a.id, nid);
		rc = pg_put(ps, err, NULL, "UPDATE tasks SET text = $1 WHERE id = $2", "ti",
			    c->first, a.id);
	}
	if (rc == 0)
		rc = history(ps, err, a.id, a.version, a.text, c->first, c->actor, why.buf);
	if (rc == 0)
		rc = history(ps, err, nid, a.version, NULL, c->second, c->actor, why.buf);
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, "split", "task", a.id, "text", a.text, c->first,
			      why.buf);
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, "split", "task", nid, "text", NULL, c->second,
			      why.buf);
	if (rc == 0)
		c->new_id = nid;
	task_head_release(&a);
	sb_release(&ref);
	sb_release(&why);
	return rc;
}

int pg_task_split(struct store *s, long long task_id, const char *first_text,
		  const char *second_text, const char *actor, const char *reason, long long *new_id,
		  struct sb *err)
{
	struct split_ctx c = { task_id, first_text, second_text, actor, reason, 0 };
	int rc = pg_write(pg_impl(s), PG_READ_COMMITTED, split_body, &c, err);

	if (new_id)
		*new_id = rc < 0 ? 0 : c.new_id;
	return rc < 0 ? rc : 0;
}

/* ---- source lines ---------------------------------------------------------- */

struct lines_ctx {
	long long plan_id;
	const struct source_line *lines;
	size_t n;
};

static int lines_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct lines_ctx *c = arg;
	size_t i;
	int rc = pg_put(ps, err, NULL,
			"DELETE FROM document_lines WHERE document_id ="
			" (SELECT document_id FROM plans WHERE id = $1)",
			"i", c->plan_id);

	for (i = 0; rc == 0 && i < c->n; i++)
		rc = pg_put(ps, err, NULL,
			    "INSERT INTO document_lines (document_id, line, text)"
			    " SELECT document_id, $1, $2 FROM plans WHERE id = $3",
			    "iti", (long long)c->lines[i].line, c->lines[i].text, c->plan_id);
	return rc;
}

int pg_source_lines_put(struct store *s, long long plan_id, const struct source_line *lines,
			size_t n, struct sb *err)
{
	struct lines_ctx c = { plan_id, lines, n };
	int rc = pg_write(pg_impl(s), PG_READ_COMMITTED, lines_body, &c, err);

	return rc < 0 ? rc : 0;
}

int pg_source_lines(struct store *s, long long plan_id,
		    int (*fn)(const struct source_line *, void *), void *arg, struct sb *err)
{
	PGresult *r = NULL;
	int i, rc = pg_get(pg_impl(s), err, &r,
			   "SELECT line, text FROM document_lines WHERE document_id ="
			   " (SELECT document_id FROM plans WHERE id = $1) ORDER BY line",
			   "i", plan_id);

	for (i = 0; rc == 0 && i < PQntuples(r); i++) {
		struct source_line l = { (int)pg_ll(r, i, 0), PQgetvalue(r, i, 1) };

		if (fn(&l, arg))
			break;
	}
	PQclear(r);
	return rc;
}

/* ---- import jobs --------------------------------------------------------------- */

struct job_ctx {
	long long id, user_id, done, total, plan_id;
	const char *login, *file_name, *state, *error, *runner;
	int changed;
};

static int job_add_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct job_ctx *c = arg;
	char now[32];

	pg_now_iso(ps, now, sizeof(now));
	return pg_insert_id(ps, err, &c->id,
			    "INSERT INTO import_jobs (user_id, login, runner, file_name, state,"
			    " created_at, updated_at) VALUES ($1, $2, $3, $4, 'queued', $5, $6)"
			    " RETURNING id",
			    "Ittttt", c->user_id ? &c->user_id : NULL, c->login, c->runner,
			    c->file_name, now, now);
}

int pg_import_job_add(struct store *s, long long user_id, const char *login,
		      const char *file_name, const char *runner, long long *id, struct sb *err)
{
	struct job_ctx c = { .user_id = user_id, .login = login, .file_name = file_name,
			     .runner = runner };
	int rc = pg_write(pg_impl(s), PG_READ_COMMITTED, job_add_body, &c, err);

	if (rc >= 0)
		*id = c.id;
	return rc < 0 ? rc : 0;
}

static int job_set_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct job_ctx *c = arg;
	PGresult *r = NULL;
	char now[32];
	int rc;

	pg_now_iso(ps, now, sizeof(now));
	rc = pg_put(ps, err, &r,
		    "UPDATE import_jobs SET state = $1, done = $2, total = $3,"
		    " plan_id = COALESCE($4, plan_id), error = COALESCE($5, error), updated_at = $6"
		    " WHERE id = $7",
		    "tiiItti", c->state, c->done, c->total, c->plan_id ? &c->plan_id : NULL,
		    c->error, now, c->id);
	if (rc == 0 && strcmp(PQcmdTuples(r), "0") == 0) {
		sb_addf(err, "no import job %lld", c->id);
		rc = -ERR_NOTFOUND;
	}
	PQclear(r);
	return rc;
}

int pg_import_job_set(struct store *s, long long id, const char *state, long long done,
		      long long total, long long plan_id, const char *error, struct sb *err)
{
	struct job_ctx c = { .id = id, .state = state, .done = done, .total = total,
			     .plan_id = plan_id, .error = error };
	int rc = pg_write(pg_impl(s), PG_READ_COMMITTED, job_set_body, &c, err);

	return rc < 0 ? rc : 0;
}

#define JOB_COLS                                                                              \
	"SELECT id, COALESCE(user_id, 0), login, file_name, state, done, total,"              \
	" COALESCE(plan_id, 0), error, " PG_TS("created_at") ", " PG_TS("updated_at")          \
	", runner FROM import_jobs"

static void read_job(const PGresult *r, int i, struct import_job *j)
{
	j->id = pg_ll(r, i, 0);
	j->user_id = pg_ll(r, i, 1);
	j->login = pg_col_dup(r, i, 2);
	j->file_name = pg_col_dup(r, i, 3);
	j->state = pg_col_dup(r, i, 4);
	j->done = pg_ll(r, i, 5);
	j->total = pg_ll(r, i, 6);
	j->plan_id = pg_ll(r, i, 7);
	j->error = pg_col_dup(r, i, 8);
	j->created_at = pg_col_dup(r, i, 9);
	j->updated_at = pg_col_dup(r, i, 10);
	j->runner = pg_col_dup(r, i, 11);
}

int pg_import_job_get(struct store *s, long long id, struct import_job *out, struct sb *err)
{
	PGresult *r = NULL;
	int rc = pg_get(pg_impl(s), err, &r, JOB_COLS " WHERE id = $1", "i", id);

	memset(out, 0, sizeof(*out));
	if (rc == 0 && PQntuples(r) == 0) {
		sb_addf(err, "no import job %lld", id);
		rc = -ERR_NOTFOUND;
	} else if (rc == 0) {
		read_job(r, 0, out);
	}
	PQclear(r);
	return rc;
}

int pg_import_job_list(struct store *s, long long user_id, size_t limit,
		       int (*fn)(const struct import_job *, void *), void *arg, struct sb *err)
{
	PGresult *r = NULL;
	int i, rc = pg_get(pg_impl(s), err, &r,
			   JOB_COLS " WHERE ($1 = 0 OR user_id = $2) ORDER BY id DESC LIMIT $3",
			   "iii", user_id, user_id, (long long)limit);

	for (i = 0; rc == 0 && i < PQntuples(r); i++) {
		struct import_job j = { 0 };
		int stop;

		read_job(r, i, &j);
		stop = fn(&j, arg);
		import_job_release(&j);
		if (stop)
			break;
	}
	PQclear(r);
	return rc;
}

static int interrupted_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct job_ctx *c = arg;
	PGresult *r = NULL;
	char now[32];
	int rc;

	pg_now_iso(ps, now, sizeof(now));
	rc = pg_put(ps, err, &r,
		    "UPDATE import_jobs SET state = 'failed', error = $1, updated_at = $2"
		    " WHERE state IN ('queued', 'running')"
		    " AND ($3::text IS NULL OR COALESCE(runner, '') = $3)",
		    "ttt", c->error, now, c->runner);
	if (rc == 0)
		c->changed = (int)strtol(PQcmdTuples(r), NULL, 10);
	PQclear(r);
	return rc;
}

int pg_import_jobs_interrupted(struct store *s, const char *runner, const char *reason,
			       struct sb *err)
{
	struct job_ctx c = { .error = reason, .runner = runner };
	int rc = pg_write(pg_impl(s), PG_READ_COMMITTED, interrupted_body, &c, err);

	return rc < 0 ? rc : c.changed;
}
