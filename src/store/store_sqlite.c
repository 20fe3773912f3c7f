/*
 * store_sqlite.c - the SQLite backend of the store (see store.h and
 * store_int.h).
 *
 * The database runs in WAL mode with synchronous=FULL, foreign keys on and a
 * busy timeout; store_open() reads these settings back and refuses to run on
 * weaker ones. Every write is one BEGIN IMMEDIATE transaction (so that the
 * busy timeout applies to the write lock, not only to readers). Data only ever
 * travels through bound parameters of prepared statements; the only SQL text
 * run unprepared is the constant schema of schema.h.
 */
#include "base/compat.h"
#include "store/store_int.h"
#include "store/schema.h"
#include "store/sqlite_int.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "model/plan.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <time.h>

#define BUSY_TIMEOUT_MS 10000

struct sqlite_store *sq_impl(struct store *s)
{
	return (struct sqlite_store *)s;
}

/* ---- small statement helpers ----------------------------------------- */

/* The error code a caller can act on: busy (retry later), conflict (a
 * unique key or a concurrent change), else a database error. */
static int sq_code(struct sqlite_store *ss)
{
	int e = sqlite3_extended_errcode(ss->db);

	if ((e & 0xff) == SQLITE_BUSY || (e & 0xff) == SQLITE_LOCKED)
		return -ERR_BUSY;
	if (e == SQLITE_CONSTRAINT_UNIQUE || e == SQLITE_CONSTRAINT_PRIMARYKEY)
		return -ERR_CONFLICT;
	return -ERR_DB;
}

/* A lock held too long is said in words, never as SQLite's text. */
static int sq_busy(struct sqlite_store *ss, struct sb *err)
{
	sb_addf(err, "%s: cơ sở dữ liệu đang bận; the database is busy (another dondoc is"
		" writing); try again", ss->path);
	return -ERR_BUSY;
}

int sq_db_fail(struct sqlite_store *ss, struct sb *err, const char *what)
{
	int rc = sq_code(ss), e = sqlite3_errcode(ss->db);

	if (rc == -ERR_BUSY)
		return sq_busy(ss, err);
	if (e == SQLITE_CORRUPT || e == SQLITE_NOTADB) {
		sb_addf(err, "%s: cơ sở dữ liệu bị hỏng; the database is damaged (%s). Put back the"
			" last good copy with 'dondoc restore BACKUP'", ss->path, what);
		return rc;
	}
	sb_addf(err, "%s: %s: %s", ss->path, what, sqlite3_errmsg(ss->db));
	return rc;
}

/*
 * Binds arguments by a type string: 't' text (NULL binds SQL NULL), 'i' long
 * long, 'I' const long long * (NULL binds SQL NULL), 'd' double, 'D' const
 * double * (NULL binds SQL NULL), 'b' bool as 0/1.
 */
static int bind_args(sqlite3_stmt *st, const char *types, va_list ap)
{
	int i, rc = SQLITE_OK;

	/* A type string that does not match the statement is a programming error
	 * caught here, before any value is bound in the wrong place. */
	if ((int)strlen(types) != sqlite3_bind_parameter_count(st))
		return SQLITE_MISUSE;
	for (i = 0; types[i] && rc == SQLITE_OK; i++) {
		int col = i + 1;

		switch (types[i]) {
		case 't': {
			const char *s = va_arg(ap, const char *);

			rc = s ? sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(st, col);
			break;
		}
		case 'i':
			rc = sqlite3_bind_int64(st, col, va_arg(ap, long long));
			break;
		case 'I': {
			const long long *v = va_arg(ap, const long long *);

			rc = v ? sqlite3_bind_int64(st, col, *v) : sqlite3_bind_null(st, col);
			break;
		}
		case 'd':
			rc = sqlite3_bind_double(st, col, va_arg(ap, double));
			break;
		case 'D': {
			const double *d = va_arg(ap, const double *);

			rc = d ? sqlite3_bind_double(st, col, *d) : sqlite3_bind_null(st, col);
			break;
		}
		case 'b':
			rc = sqlite3_bind_int(st, col, va_arg(ap, int) ? 1 : 0);
			break;
		default:
			return SQLITE_MISUSE;
		}
	}
	return rc;
}

/* Prepares sql (or takes its kept statement) and binds; the caller steps
 * and hands it back with sq_done. NULL on error. A kept statement in use (a
 * query run again from inside its own row callback) is not shared: that
 * call prepares its own. */
sqlite3_stmt *sq_prep(struct sqlite_store *ss, struct sb *err, const char *sql,
			  const char *types, ...)
{
	sqlite3_stmt **slot = &ss->stmts[((uintptr_t)sql >> 3) % SQ_STMT_CACHE];
	sqlite3_stmt *st = *slot;
	va_list ap;
	int rc;

	if (st && (sqlite3_stmt_busy(st) || strcmp(sqlite3_sql(st), sql) != 0))
		st = NULL;
	if (!st) {
		if (sqlite3_prepare_v2(ss->db, sql, -1, &st, NULL) != SQLITE_OK) {
			sq_db_fail(ss, err, "prepare");
			return NULL;
		}
		if (!*slot)
			*slot = st;
	}
	va_start(ap, types);
	rc = bind_args(st, types, ap);
	va_end(ap);
	if (rc != SQLITE_OK) {
		sq_db_fail(ss, err, "bind");
		sq_done(ss, st);
		return NULL;
	}
	return st;
}

void sq_done(struct sqlite_store *ss, sqlite3_stmt *st)
{
	size_t i;

	if (!st)
		return;
	for (i = 0; i < SQ_STMT_CACHE; i++)
		if (ss->stmts[i] == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return;
		}
	sqlite3_finalize(st);
}

void sq_forget(struct sqlite_store *ss)
{
	size_t i;

	for (i = 0; i < SQ_STMT_CACHE; i++) {
		sqlite3_finalize(ss->stmts[i]);
		ss->stmts[i] = NULL;
	}
}

/* Runs a statement that returns no rows. */
int sq_run(struct sqlite_store *ss, struct sb *err, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st = NULL;
	va_list ap;
	int rc;

	if (sqlite3_prepare_v2(ss->db, sql, -1, &st, NULL) != SQLITE_OK)
		return sq_db_fail(ss, err, "prepare");
	va_start(ap, types);
	rc = bind_args(st, types, ap);
	va_end(ap);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		int code = rc == SQLITE_MISUSE ? -ERR_DB : sq_code(ss);

		if (code == -ERR_BUSY) {
			sq_done(ss, st);
			return sq_busy(ss, err);
		}
		/* Name the statement: "write (INSERT INTO tasks ...)". */
		sb_addf(err, "%s: %.40s...: %s", ss->path, sql,
			rc == SQLITE_MISUSE ? "arguments do not match the statement"
					    : sqlite3_errmsg(ss->db));
		sq_done(ss, st);
		return code;
	}
	sq_done(ss, st);
	return 0;
}

char *sq_col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t ? xstrdup((const char *)t) : NULL;
}

void sq_col_date(sqlite3_stmt *st, int col, char *dst)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(dst, DATE_LEN, "%s", t ? (const char *)t : "");
}

const char *sq_nz(const char *date)
{
	return date && *date ? date : NULL;
}

void sq_now_iso(struct sqlite_store *ss, char *buf, size_t len)
{
	store_now_iso(&ss->base, buf, len);
}

/* Inside an operation's transaction (store_tx_begin) each write is a
 * savepoint, so that a write that fails undoes itself and the operation
 * decides whether to commit the rest. */
int sq_begin(struct sqlite_store *ss, struct sb *err)
{
	int rc = ss->in_tx ? 0 : sq_write_guard(ss, err);

	return rc < 0 ? rc : sq_run(ss, err, ss->in_tx ? "SAVEPOINT w" : "BEGIN IMMEDIATE", "");
}

int sq_commit(struct sqlite_store *ss, struct sb *err)
{
	return sq_run(ss, err, ss->in_tx ? "RELEASE w" : "COMMIT", "");
}

void sq_rollback(struct sqlite_store *ss)
{
	sqlite3_exec(ss->db, ss->in_tx ? "ROLLBACK TO w; RELEASE w" : "ROLLBACK", NULL, NULL,
		     NULL);
}

static int sqlite_tx_begin(struct store *s, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	int rc;

	if (ss->in_tx) {
		sb_addf(err, "%s: a transaction is already open", ss->path);
		return -ERR_DB;
	}
	if ((rc = sq_write_guard(ss, err)) < 0)
		return rc;
	rc = sq_run(ss, err, "BEGIN IMMEDIATE", "");
	ss->in_tx = rc == 0;
	return rc;
}

static int sqlite_tx_commit(struct store *s, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	int rc;

	if (!ss->in_tx) {
		sb_addf(err, "%s: no transaction is open", ss->path);
		return -ERR_DB;
	}
	rc = sq_run(ss, err, "COMMIT", "");
	if (rc < 0)
		sqlite3_exec(ss->db, "ROLLBACK", NULL, NULL, NULL);
	ss->in_tx = false;
	return rc;
}

static void sqlite_tx_rollback(struct store *s)
{
	struct sqlite_store *ss = sq_impl(s);

	if (ss->in_tx)
		sqlite3_exec(ss->db, "ROLLBACK", NULL, NULL, NULL);
	ss->in_tx = false;
}

static void sqlite_set_busy_ms(struct store *s, int ms)
{
	struct sqlite_store *ss = sq_impl(s);

	ss->busy_ms = ms;
	sqlite3_busy_timeout(ss->db, ms);
}

int sq_audit(struct sqlite_store *ss, struct sb *err, const char *actor, const char *action,
		 const char *entity, long long id, const char *field, const char *old_value,
		 const char *new_value, const char *reason)
{
	char now[32];

	sq_now_iso(ss, now, sizeof(now));
	return sq_run(ss, err,
		   "INSERT INTO audit_log (at, actor, action, entity, entity_id, field,"
		   " old_value, new_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		   "ttttitttt", now, actor, action, entity, id, field, old_value, new_value,
		   reason);
}

/* ---- open, settings, migrations --------------------------------------- */

static int pragma_text(struct sqlite_store *ss, const char *sql, struct sb *out)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(ss->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		sb_adds(out, (const char *)sqlite3_column_text(st, 0));
		rc = 0;
	}
	sq_done(ss, st);
	return rc;
}

/* Sets the durability settings and reads them back: a database that cannot
 * run in WAL with synchronous=FULL is refused rather than used unsafely. */
static int apply_settings(struct sqlite_store *ss, struct sb *err)
{
	struct sb v = SB_INIT;
	int rc = -ERR_DB;

	sqlite3_busy_timeout(ss->db, BUSY_TIMEOUT_MS);
	if (sqlite3_exec(ss->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
				 " PRAGMA foreign_keys=ON;", NULL, NULL, NULL) != SQLITE_OK) {
		rc = sq_db_fail(ss, err, "settings");
		goto out;
	}
	if (pragma_text(ss, "PRAGMA journal_mode", &v) < 0 || strcmp(v.buf, "wal") != 0) {
		sb_addf(err, "%s: the database cannot use WAL journaling (got '%s'); "
			     "put it on a local file system", ss->path, v.buf);
		goto out;
	}
	sb_reset(&v);
	/* synchronous: 2 = FULL. */
	if (pragma_text(ss, "PRAGMA synchronous", &v) < 0 || strcmp(v.buf, "2") != 0) {
		sb_addf(err, "%s: synchronous=FULL did not take (got %s)", ss->path, v.buf);
		goto out;
	}
	sb_reset(&v);
	if (pragma_text(ss, "PRAGMA foreign_keys", &v) < 0 || strcmp(v.buf, "1") != 0) {
		sb_addf(err, "%s: foreign keys could not be enabled", ss->path);
		goto out;
	}
	rc = 0;
out:
	sb_release(&v);
	return rc;
}

/* The schema version the database is at, 0 for a new one. Run inside the
 * write transaction of migrate(), so that what it returns stays true. */
static int read_version(struct sqlite_store *ss, struct sb *err)
{
	sqlite3_stmt *st;
	int v = 0;

	if (sq_run(ss, err,
		"CREATE TABLE IF NOT EXISTS schema_migrations ("
		" version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", "") < 0)
		return -ERR_DB;
	st = sq_prep(ss, err, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", "");
	if (!st)
		return -ERR_DB;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sq_done(ss, st);
	return v;
}

/* True when the database is already at this dondoc's schema version: a read
 * without the write lock, so that the common open takes no lock. Any doubt
 * (no table yet, an error) answers false and migrate() looks again under
 * the lock. */
static bool up_to_date(struct sqlite_store *ss)
{
	sqlite3_stmt *st = NULL;
	bool yes = false;

	if (sqlite3_prepare_v2(ss->db, "SELECT MAX(version) FROM schema_migrations", -1, &st,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		yes = sqlite3_column_int(st, 0) == (int)ARRAY_SIZE(schema_migrations);
	sq_done(ss, st);
	return yes;
}

/*
 * Brings the schema to this dondoc's version. The version is read after
 * BEGIN IMMEDIATE has taken the write lock and every missing migration runs in
 * that one transaction: of several processes opening a new (or older)
 * database at once, the first migrates and the others, once they get the
 * lock, find nothing left to do. A failed migration leaves the database as
 * it was.
 */
static int migrate(struct sqlite_store *ss, struct sb *err)
{
	const int last = (int)ARRAY_SIZE(schema_migrations);
	char now[32];
	int v;

	if (up_to_date(ss)) {
		ss->version = last;
		return 0;
	}
	if ((v = sq_begin(ss, err)) < 0)
		return v == -ERR_BUSY ? v : -ERR_DB;
	v = read_version(ss, err);
	if (v < 0)
		goto fail;
	if (v > last) {
		sb_addf(err, "%s: the database is at schema version %d, newer than this dondoc (%d)",
			ss->path, v, last);
		goto fail;
	}
	for (; v < last; v++) {
		char *msg = NULL;

		if (sqlite3_exec(ss->db, schema_migrations[v], NULL, NULL, &msg) != SQLITE_OK) {
			sb_addf(err, "%s: migration %d failed: %s", ss->path, v + 1, msg);
			sqlite3_free(msg);
			goto fail;
		}
		sq_now_iso(ss, now, sizeof(now));
		if (sq_run(ss, err, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
			"it", (long long)v + 1, now) < 0)
			goto fail;
	}
	if (sq_commit(ss, err) < 0)
		goto fail;
	ss->version = v;
	return 0;
fail:
	sq_rollback(ss);
	return -ERR_DB;
}

static const struct store_ops sqlite_ops;

int store_sqlite_open(const char *path, const struct store_options *o, struct store **out,
		      struct sb *err)
{
	struct sqlite_store *ss = xcalloc(1, sizeof(*ss));
	int rc, attempt;

	store_base_init(&ss->base, &sqlite_ops, o);
	ss->path = xstrdup(path);
	/* NOMUTEX: a connection serves one thread at a time (the web server
	 * lends each request its own from a pool), so SQLite's per-call
	 * connection mutex is only overhead. */
	if (sqlite3_open_v2(path, &ss->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		rc = sq_db_fail(ss, err, "cannot open the database");
		goto fail;
	}
	rc = apply_settings(ss, err);
	/* Several processes opening a new database at once: the one that
	 * migrates holds the write lock; another may be told "busy" at once
	 * rather than after the busy wait (SQLite refuses a lock upgrade that
	 * could deadlock), so migrating is tried again, a few times, before
	 * saying so. */
	for (attempt = 0; rc == 0; attempt++) {
		size_t mark = err->len;

		rc = migrate(ss, err);
		if (rc != -ERR_BUSY || attempt == 4)
			break;
		sb_setlen(err, mark);
		nanosleep(&(struct timespec){ 0, 20000000L << attempt }, NULL);
		rc = 0;
	}
	if (rc < 0)
		goto fail;
	*out = &ss->base;
	return 0;
fail:
	sq_forget(ss);
	sqlite3_close(ss->db);
	free(ss->path);
	free(ss);
	return rc;
}

static void sqlite_close(struct store *s)
{
	struct sqlite_store *ss = sq_impl(s);

	sq_forget(ss);
	sqlite3_close(ss->db);
	free(ss->path);
	free(ss);
}

static int sqlite_schema_version(struct store *s)
{
	return sq_impl(s)->version;
}

/* ---- writing a plan ----------------------------------------------------- */


static const struct strlist *role_list(const struct strlist *lists[4], int r)
{
	return lists[r];
}

static int insert_agencies(struct sqlite_store *ss, struct sb *err, const char *table,
			   const char *owner_col, long long owner, const struct strlist *lists[4])
{
	struct sb sql = SB_INIT;
	int r, rc = 0;
	size_t i;

	sb_addf(&sql, "INSERT INTO %s (%s, role, seq, name, name_key) VALUES (?, ?, ?, ?, ?)",
		table, owner_col);
	for (r = 0; r < 4 && rc == 0; r++) {
		const struct strlist *l = role_list(lists, r);

		for (i = 0; i < l->n && rc == 0; i++) {
			char *key = vi_fold_dup(l->v[i], VI_FOLD_PUNCT);

			rc = sq_run(ss, err, sql.buf, "ititt", owner, store_roles[r], (long long)i, l->v[i],
				 key);
			free(key);
		}
	}
	sb_release(&sql);
	return rc;
}

static int insert_target(struct sqlite_store *ss, struct sb *err, long long plan_id,
			 const long long *task_id, size_t seq, const struct target *t)
{
	const struct target *b = t->baseline;

	return sq_run(ss, err,
		   "INSERT INTO targets (plan_id, task_id, seq, text, value, max, unit, op, period,"
		   " has_baseline, baseline_period, baseline_text, baseline_value)"
		   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		   "iIitDDtttbttD", plan_id, task_id, (long long)seq, t->text,
		   t->has_value ? &t->value : NULL, t->has_max ? &t->max : NULL, t->unit,
		   target_op_str(t->op), t->period, b != NULL, b ? b->period : NULL,
		   b ? b->text : NULL, b && b->has_value ? &b->value : NULL);
}

/* An indicator's targets per year or period (by_period), in column order. */
static int insert_indicator_periods(struct sqlite_store *ss, struct sb *err,
				    const struct indicator *ind)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < ind->by_period.n; i++) {
		const struct target *t = &ind->by_period.v[i];

		rc = sq_run(ss, err,
			 "INSERT INTO indicator_periods (indicator_id, seq, period, text, value,"
			 " max, op) VALUES (?, ?, ?, ?, ?, ?, ?)",
			 "iittDDt", ind->id, (long long)i, t->period, t->text,
			 t->has_value ? &t->value : NULL, t->has_max ? &t->max : NULL,
			 target_op_str(t->op));
	}
	return rc;
}

static int insert_person(struct sqlite_store *ss, struct sb *err, const char *name)
{
	char *key;
	int rc;

	if (!name || !*name)
		return 0;
	key = vi_fold_dup(name, 0);
	rc = sq_run(ss, err,
		 "INSERT INTO people (name, name_key) VALUES (?, ?) ON CONFLICT (name_key) DO NOTHING",
		 "tt", name, key);
	free(key);
	return rc;
}

/* A leader written as an alias officials taught is stored under the
 * canonical name (the alias table is small: one lookup per task). */
static int apply_person_alias(struct sqlite_store *ss, struct sb *err, char **leader)
{
	sqlite3_stmt *st;
	char *key;
	int rc;

	if (!*leader)
		return 0;
	key = vi_fold_dup(*leader, 0);
	st = sq_prep(ss, err, "SELECT canonical FROM person_aliases WHERE alias_key = ?", "t", key);
	free(key);
	if (!st)
		return -ERR_DB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		str_set(leader, (const char *)sqlite3_column_text(st, 0));
	sq_done(ss, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "person alias");
}

/* *next = the id a new task must take to stay above every task id the audit
 * log names, or 0 when SQLite's own choice (the largest id plus one) does. */
static int task_id_floor(struct sqlite_store *ss, struct sb *err, long long *next)
{
	sqlite3_stmt *st = sq_prep(ss, err,
				   "SELECT (SELECT MAX(entity_id) FROM audit_log WHERE entity = 'task'),"
				   " COALESCE((SELECT MAX(id) FROM tasks), 0)", "");

	*next = 0;
	if (!st)
		return -ERR_DB;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
	    sqlite3_column_int64(st, 0) > sqlite3_column_int64(st, 1))
		*next = sqlite3_column_int64(st, 0) + 1;
	sq_done(ss, st);
	return 0;
}

static int insert_task(struct sqlite_store *ss, struct sb *err, long long plan_id, size_t seq,
		       const long long *id, struct task *t)
{
	const struct strlist *lists[4] = { &t->lead, &t->lead_groups, &t->coordinate,
					   &t->coordinate_groups };
	char *doubt = store_join_doubts(&t->doubt);
	char *leader_key = t->leader ? vi_fold_dup(t->leader, 0) : NULL;
	const struct due *d = t->due;
	size_t i;
	int rc;

	if (apply_person_alias(ss, err, &t->leader) < 0) {
		free(doubt);
		free(leader_key);
		return -ERR_DB;
	}
	free(leader_key);
	leader_key = t->leader ? vi_fold_dup(t->leader, 0) : NULL;
	rc = sq_run(ss, err,
		 "INSERT INTO tasks (id, plan_id, seq, ref, section, text, leader, leader_key,"
		 " supervisor, has_due, due_text, due_start, due_end, due_recurring, result,"
		 " doubt, source_line, state)"
		 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		 "Iiittttttbtttbttit", id, plan_id, (long long)seq, t->ref, t->section, t->text,
		 t->leader, leader_key, t->supervisor, d != NULL, d ? d->text : NULL,
		 d ? sq_nz(d->start) : NULL, d ? sq_nz(d->end) : NULL, d && d->recurring, t->result,
		 doubt, (long long)t->line, t->state);
	free(doubt);
	free(leader_key);
	if (rc < 0)
		return rc;
	t->id = sqlite3_last_insert_rowid(ss->db);
	rc = insert_agencies(ss, err, "task_agencies", "task_id", t->id, lists);
	for (i = 0; rc == 0 && i < t->targets.n; i++)
		rc = insert_target(ss, err, plan_id, &t->id, i, &t->targets.v[i]);
	if (rc == 0)
		rc = insert_person(ss, err, t->leader);
	return rc;
}

static int insert_indicator(struct sqlite_store *ss, struct sb *err, long long plan_id,
			    size_t seq, struct indicator *ind)
{
	const struct strlist *lists[4] = { &ind->lead, &ind->lead_groups, &ind->coordinate,
					   &ind->coordinate_groups };
	const struct target *t = ind->target;
	char *leader_key = ind->leader ? vi_fold_dup(ind->leader, 0) : NULL;
	int rc;

	rc = sq_run(ss, err,
		 "INSERT INTO indicators (plan_id, seq, ref, name, unit, has_target, target_text,"
		 " target_value, target_max, target_op, leader, leader_key, source_line,"
		 " target_period) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		 "iitttbtDDtttit", plan_id, (long long)seq, ind->ref, ind->name, ind->unit,
		 t != NULL, t ? t->text : NULL, t && t->has_value ? &t->value : NULL,
		 t && t->has_max ? &t->max : NULL, t ? target_op_str(t->op) : NULL, ind->leader,
		 leader_key, (long long)ind->line, t ? t->period : NULL);
	free(leader_key);
	if (rc < 0)
		return rc;
	ind->id = sqlite3_last_insert_rowid(ss->db);
	if (ind->baseline) {
		const struct target *b = ind->baseline;

		rc = sq_run(ss, err,
			    "UPDATE indicators SET has_baseline = 1, baseline_period = ?,"
			    " baseline_text = ?, baseline_value = ? WHERE id = ?",
			    "ttDi", b->period, b->text, b->has_value ? &b->value : NULL, ind->id);
		if (rc < 0)
			return rc;
	}
	rc = insert_agencies(ss, err, "indicator_agencies", "indicator_id", ind->id, lists);
	if (rc == 0)
		rc = insert_indicator_periods(ss, err, ind);
	if (rc == 0)
		rc = insert_person(ss, err, ind->leader);
	return rc;
}

static int insert_plan_rows(struct sqlite_store *ss, struct plan *p, const char *source,
			    const char *sha256, long long copy_of, const char *actor,
			    struct sb *err)
{
	const struct document *d = &p->doc;
	char now[32];
	long long doc_id, first = 0;
	size_t i;
	int rc;

	char *notes = store_notes_join(&p->notes);

	sq_now_iso(ss, now, sizeof(now));
	rc = sq_run(ss, err,
		 "INSERT INTO documents (source, sha256, imported_at, copy_of, notes)"
		 " VALUES (?, ?, ?, ?, ?)",
		 "tttIt", source, sha256, now, copy_of ? &copy_of : NULL, notes);
	free(notes);
	if (rc < 0)
		return rc;
	doc_id = sqlite3_last_insert_rowid(ss->db);
	rc = sq_run(ss, err,
		 "INSERT INTO plans (document_id, number, kind, issuer, place, date, year, title,"
		 " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		 "itttttitt", doc_id, d->number, d->kind, d->issuer, d->place, sq_nz(d->date),
		 (long long)d->year, d->title, now);
	if (rc < 0)
		return rc;
	p->id = sqlite3_last_insert_rowid(ss->db);
	/* SQLite gives a new row the largest id plus one, so a merged-away
	 * task's id would come back and its audit rows would name the new task
	 * (PostgreSQL's identity never reuses one): the first task is placed
	 * above every task id the audit log names, the others follow it. */
	if (p->tasks.n && (rc = task_id_floor(ss, err, &first)) < 0)
		return rc;
	for (i = 0; rc == 0 && i < p->tasks.n; i++)
		rc = insert_task(ss, err, p->id, i, i == 0 && first ? &first : NULL, &p->tasks.v[i]);
	for (i = 0; rc == 0 && i < p->indicators.n; i++)
		rc = insert_indicator(ss, err, p->id, i, &p->indicators.v[i]);
	for (i = 0; rc == 0 && i < p->targets.n; i++)
		rc = insert_target(ss, err, p->id, NULL, i, &p->targets.v[i]);
	for (i = 0; rc == 0 && i < p->reporting.n; i++)
		rc = sq_run(ss, err,
			 "INSERT INTO reporting_deadlines (plan_id, seq, label, due) VALUES (?, ?, ?, ?)",
			 "iitt", p->id, (long long)i, p->reporting.v[i].label,
			 sq_nz(p->reporting.v[i].due));
	if (rc == 0)
		rc = sq_audit(ss, err, actor, "import", "plan", p->id, NULL, NULL, source, NULL);
	return rc;
}

/* The original document stored with this content (copy_of IS NULL: the
 * UNIQUE index of migration 4 allows one) and the newest plan made from that
 * content; both 0 when there is none. */
static int find_original(struct sqlite_store *ss, const char *sha256, long long *doc_id,
			 long long *plan_id, struct sb *err)
{
	sqlite3_stmt *st = sq_prep(ss, err,
				"SELECT (SELECT id FROM documents WHERE sha256 = ? AND copy_of IS NULL),"
				" (SELECT MAX(p.id) FROM plans p JOIN documents d"
				"  ON d.id = p.document_id WHERE d.sha256 = ?)",
				"tt", sha256, sha256);
	int rc;

	*doc_id = *plan_id = 0;
	if (!st)
		return -ERR_DB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*doc_id = sqlite3_column_int64(st, 0);
		*plan_id = sqlite3_column_int64(st, 1);
	}
	sq_done(ss, st);
	return rc == SQLITE_ROW ? 0 : sq_db_fail(ss, err, "find source");
}

/*
 * Stores a plan. The check for the same content is made inside the write
 * transaction, so that of several processes importing one file at once only
 * the first stores it: the others find its document and return 1 with
 * p->id set to its plan, writing nothing. With copy (import --again) the
 * plan is stored anyway, its document marked as a copy of the original.
 */
static int plan_insert(struct store *s, struct plan *p, const char *source, const char *sha256,
		       const char *actor, bool copy, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	long long doc_id, plan_id;
	int rc;

	if (sq_begin(ss, err) < 0)
		return -ERR_DB;
	rc = find_original(ss, sha256, &doc_id, &plan_id, err);
	if (rc == 0 && doc_id && !copy) {
		sq_rollback(ss);
		p->id = plan_id;
		return 1;
	}
	if (rc == 0)
		rc = insert_plan_rows(ss, p, source, sha256, doc_id, actor, err);
	if (rc == 0)
		rc = sq_commit(ss, err);
	if (rc < 0) {
		sq_rollback(ss);
		p->id = 0;
	}
	return rc;
}

static int sqlite_plan_insert(struct store *s, struct plan *p, const char *source,
			      const char *sha256, const char *actor, struct sb *err)
{
	return plan_insert(s, p, source, sha256, actor, false, err);
}

static int sqlite_plan_insert_copy(struct store *s, struct plan *p, const char *source,
				   const char *sha256, const char *actor, struct sb *err)
{
	return plan_insert(s, p, source, sha256, actor, true, err);
}

/* ---- reading a plan ----------------------------------------------------- */

static int sqlite_plan_find_source(struct store *s, const char *sha256, long long *id,
				   struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err,
				"SELECT MAX(p.id) FROM plans p JOIN documents d ON d.id = p.document_id"
				" WHERE d.sha256 = ?",
				"t", sha256);
	int rc;

	*id = 0;
	if (!st)
		return -ERR_DB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sq_done(ss, st);
	return rc == SQLITE_ROW ? 0 : sq_db_fail(ss, err, "find source");
}

static int load_agencies(struct sqlite_store *ss, struct sb *err, const char *sql, long long id,
			 struct strlist *lists[4])
{
	sqlite3_stmt *st = sq_prep(ss, err, sql, "i", id);
	int rc;

	if (!st)
		return -ERR_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int r = store_role_index((const char *)sqlite3_column_text(st, 0));

		if (r >= 0)
			strlist_push(lists[r], (const char *)sqlite3_column_text(st, 1));
	}
	sq_done(ss, st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "read agencies");
}

static void read_target(sqlite3_stmt *st, int col, struct target *t)
{
	t->text = sq_col_text(st, col);
	t->has_value = sqlite3_column_type(st, col + 1) != SQLITE_NULL;
	t->value = sqlite3_column_double(st, col + 1);
	t->has_max = sqlite3_column_type(st, col + 2) != SQLITE_NULL;
	t->max = sqlite3_column_double(st, col + 2);
	t->unit = sq_col_text(st, col + 3);
	if (sqlite3_column_text(st, col + 4))
		target_op_parse((const char *)sqlite3_column_text(st, col + 4), &t->op);
	t->period = sq_col_text(st, col + 5);
}

#define TARGET_COLUMNS                                                                   \
	"text, value, max, unit, op, period, has_baseline, baseline_period, baseline_text," \
	" baseline_value"

/* The baseline of the row: columns col (has_baseline), col + 1..3 (period,
 * text, value); NULL when the row has none. */
static struct target *read_baseline(sqlite3_stmt *st, int col)
{
	struct target *b;

	if (!sqlite3_column_int(st, col))
		return NULL;
	b = xcalloc(1, sizeof(*b));
	b->period = sq_col_text(st, col + 1);
	b->text = sq_col_text(st, col + 2);
	b->has_value = sqlite3_column_type(st, col + 3) != SQLITE_NULL;
	b->value = sqlite3_column_double(st, col + 3);
	return b;
}

static int load_targets(struct sqlite_store *ss, struct sb *err, long long plan_id,
			const long long *task_id, struct target_vec *out)
{
	sqlite3_stmt *st;
	int rc;

	st = task_id ? sq_prep(ss, err,
			    "SELECT " TARGET_COLUMNS " FROM targets WHERE task_id = ? ORDER BY seq",
			    "i", *task_id)
		     : sq_prep(ss, err,
			    "SELECT " TARGET_COLUMNS " FROM targets WHERE plan_id = ?"
			    " AND task_id IS NULL ORDER BY seq",
			    "i", plan_id);
	if (!st)
		return -ERR_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct target *t = VEC_PUSH(out);

		read_target(st, 0, t);
		t->baseline = read_baseline(st, 6);
	}
	sq_done(ss, st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "read targets");
}

#define TASK_COLUMNS                                                                   \
	"id, plan_id, ref, section, text, leader, supervisor, has_due, due_text, due_start," \
	" due_end, due_recurring, result, doubt, source_line, state"

/* Reads one row of TASK_COLUMNS into t (empty), then its agencies and targets. */
static int read_task(struct sqlite_store *ss, struct sb *err, sqlite3_stmt *st, struct task *t)
{
	struct strlist *lists[4] = { &t->lead, &t->lead_groups, &t->coordinate,
				     &t->coordinate_groups };
	int rc;

	t->id = sqlite3_column_int64(st, 0);
	t->ref = sq_col_text(st, 2);
	t->section = sq_col_text(st, 3);
	t->text = sq_col_text(st, 4);
	t->leader = sq_col_text(st, 5);
	t->supervisor = sq_col_text(st, 6);
	if (sqlite3_column_int(st, 7)) {
		t->due = due_new(NULL);
		t->due->text = sq_col_text(st, 8);
		sq_col_date(st, 9, t->due->start);
		sq_col_date(st, 10, t->due->end);
		t->due->recurring = sqlite3_column_int(st, 11) != 0;
	}
	t->result = sq_col_text(st, 12);
	store_split_doubts((const char *)sqlite3_column_text(st, 13), &t->doubt);
	t->line = sqlite3_column_int(st, 14);
	t->state = sq_col_text(st, 15);
	rc = load_agencies(ss, err,
			   "SELECT role, name FROM task_agencies WHERE task_id = ? ORDER BY role, seq",
			   t->id, lists);
	if (rc == 0)
		rc = load_targets(ss, err, 0, &t->id, &t->targets);
	return rc;
}

static int load_tasks(struct sqlite_store *ss, struct sb *err, struct plan *p)
{
	sqlite3_stmt *st = sq_prep(ss, err,
				"SELECT " TASK_COLUMNS " FROM tasks WHERE plan_id = ? ORDER BY seq",
				"i", p->id);
	int rc = 0, step;

	if (!st)
		return -ERR_DB;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = read_task(ss, err, st, plan_add_task(p));
	sq_done(ss, st);
	if (rc == 0 && step != SQLITE_DONE)
		rc = sq_db_fail(ss, err, "read tasks");
	return rc;
}

static int load_indicator_periods(struct sqlite_store *ss, struct sb *err,
				  struct indicator *ind)
{
	sqlite3_stmt *st = sq_prep(ss, err,
				"SELECT text, value, max, NULL, op, period FROM indicator_periods"
				" WHERE indicator_id = ? ORDER BY seq",
				"i", ind->id);
	int rc;

	if (!st)
		return -ERR_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_target(st, 0, VEC_PUSH(&ind->by_period));
	sq_done(ss, st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "read indicator periods");
}

static int load_indicators(struct sqlite_store *ss, struct sb *err, struct plan *p)
{
	sqlite3_stmt *st = sq_prep(ss, err,
				"SELECT id, ref, name, unit, has_target, target_text, target_value,"
				" target_max, leader, target_op, source_line, target_period,"
				" has_baseline, baseline_period, baseline_text, baseline_value"
				" FROM indicators WHERE plan_id = ? ORDER BY seq",
				"i", p->id);
	int rc = 0, step;

	if (!st)
		return -ERR_DB;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct indicator *ind = plan_add_indicator(p);
		struct strlist *lists[4] = { &ind->lead, &ind->lead_groups, &ind->coordinate,
					     &ind->coordinate_groups };

		ind->id = sqlite3_column_int64(st, 0);
		ind->ref = sq_col_text(st, 1);
		ind->name = sq_col_text(st, 2);
		ind->unit = sq_col_text(st, 3);
		if (sqlite3_column_int(st, 4)) {
			ind->target = xcalloc(1, sizeof(*ind->target));
			/* text, value, max, (unit: none), op */
			ind->target->text = sq_col_text(st, 5);
			ind->target->has_value = sqlite3_column_type(st, 6) != SQLITE_NULL;
			ind->target->value = sqlite3_column_double(st, 6);
			ind->target->has_max = sqlite3_column_type(st, 7) != SQLITE_NULL;
			ind->target->max = sqlite3_column_double(st, 7);
			if (sqlite3_column_text(st, 9))
				target_op_parse((const char *)sqlite3_column_text(st, 9),
						&ind->target->op);
			ind->target->period = sq_col_text(st, 11);
		}
		ind->leader = sq_col_text(st, 8);
		ind->line = sqlite3_column_int(st, 10);
		ind->baseline = read_baseline(st, 12);
		rc = load_agencies(ss, err,
				   "SELECT role, name FROM indicator_agencies WHERE indicator_id = ?"
				   " ORDER BY role, seq",
				   ind->id, lists);
		if (rc == 0)
			rc = load_indicator_periods(ss, err, ind);
	}
	sq_done(ss, st);
	if (rc == 0 && step != SQLITE_DONE)
		rc = sq_db_fail(ss, err, "read indicators");
	return rc;
}

static int load_reporting(struct sqlite_store *ss, struct sb *err, struct plan *p)
{
	sqlite3_stmt *st = sq_prep(ss, err,
				"SELECT label, due FROM reporting_deadlines WHERE plan_id = ?"
				" ORDER BY seq",
				"i", p->id);
	int rc;

	if (!st)
		return -ERR_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		plan_add_reporting(p, (const char *)sqlite3_column_text(st, 0),
				   (const char *)sqlite3_column_text(st, 1));
	sq_done(ss, st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "read reporting");
}

static int load_document(struct sqlite_store *ss, struct sb *err, long long id, struct plan *p)
{
	sqlite3_stmt *st = sq_prep(ss, err,
				"SELECT p.number, p.kind, p.issuer, p.place, p.date, p.year, p.title,"
				" d.notes FROM plans p JOIN documents d ON d.id = p.document_id"
				" WHERE p.id = ?",
				"i", id);
	int rc;

	if (!st)
		return -ERR_DB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->id = id;
		p->doc.number = sq_col_text(st, 0);
		p->doc.kind = sq_col_text(st, 1);
		p->doc.issuer = sq_col_text(st, 2);
		p->doc.place = sq_col_text(st, 3);
		sq_col_date(st, 4, p->doc.date);
		p->doc.year = sqlite3_column_int(st, 5);
		p->doc.title = sq_col_text(st, 6);
		store_notes_split((const char *)sqlite3_column_text(st, 7), &p->notes);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		sb_addf(err, "no plan with id %lld; see 'dondoc plans'", id);
		rc = -ERR_NOTFOUND;
	} else {
		rc = sq_db_fail(ss, err, "read plan");
	}
	sq_done(ss, st);
	return rc;
}

static int sqlite_plan_load(struct store *s, long long id, struct plan *p, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	bool own = !ss->in_tx;
	int rc;

	/* One read transaction, so the plan is read as of one moment (an
	 * operation's open transaction is one already). */
	if (own && (rc = sq_run(ss, err, "BEGIN", "")) < 0)
		return rc;
	rc = load_document(ss, err, id, p);
	if (rc == 0)
		rc = load_targets(ss, err, id, NULL, &p->targets);
	if (rc == 0)
		rc = load_tasks(ss, err, p);
	if (rc == 0)
		rc = load_indicators(ss, err, p);
	if (rc == 0)
		rc = load_reporting(ss, err, p);
	if (own)
		sqlite3_exec(ss->db, "ROLLBACK", NULL, NULL, NULL);
	if (rc < 0)
		plan_release(p);
	return rc;
}

/*
 * Every published plan, in id order, in one read transaction. SQLite reads
 * in-process, with no round trip per statement, so each plan is read as
 * sqlite_plan_load reads it (a province's hundred plans); the PostgreSQL
 * twin reads one query per table.
 */
static int sqlite_plans_published(struct store *s, struct plan **out, size_t *n,
				  struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	bool own = !ss->in_tx;
	sqlite3_stmt *st = NULL;
	struct plan *v = NULL;
	long long *ids = NULL;
	size_t cap = 0, nids = 0, idcap = 0, k;
	int rc = 0, step = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	if (own && (rc = sq_run(ss, err, "BEGIN", "")) < 0)
		return rc;
	ss->in_tx = true; /* each sqlite_plan_load reads in this transaction */
	st = sq_prep(ss, err, "SELECT id FROM plans WHERE status = 'published' ORDER BY id", "");
	if (!st)
		rc = -ERR_DB;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&ids, &idcap, nids + 1, sizeof(*ids));
		ids[nids++] = sqlite3_column_int64(st, 0);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = sq_db_fail(ss, err, "published plans");
	sq_done(ss, st);
	for (k = 0; rc == 0 && k < nids; k++) {
		xgrow((void **)&v, &cap, *n + 1, sizeof(*v));
		plan_init(&v[*n]);
		if ((rc = sqlite_plan_load(s, ids[k], &v[*n], err)) == 0)
			++*n;
	}
	ss->in_tx = !own;
	if (own)
		sqlite3_exec(ss->db, "ROLLBACK", NULL, NULL, NULL);
	free(ids);
	if (rc < 0) {
		for (k = 0; k < *n; k++)
			plan_release(&v[k]);
		free(v);
		*n = 0;
		return rc;
	}
	*out = v;
	return 0;
}

static int sqlite_plan_list(struct store *s, int (*fn)(const struct plan_meta *, void *),
			    void *arg, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err,
				"SELECT p.id, d.source, d.sha256, p.status, d.imported_at, p.number,"
				" p.kind, p.title,"
				" (SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id),"
				" (SELECT COUNT(*) FROM indicators i WHERE i.plan_id = p.id),"
				" (SELECT COUNT(*) FROM targets g WHERE g.plan_id = p.id)"
				" FROM plans p JOIN documents d ON d.id = p.document_id ORDER BY p.id",
				"");
	int rc, stop = 0;

	if (!st)
		return -ERR_DB;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct plan_meta m = {
			.id = sqlite3_column_int64(st, 0),
			.source = sq_col_text(st, 1),
			.sha256 = sq_col_text(st, 2),
			.status = store_plan_status((const char *)sqlite3_column_text(st, 3)),
			.imported_at = sq_col_text(st, 4),
			.number = sq_col_text(st, 5),
			.kind = sq_col_text(st, 6),
			.title = sq_col_text(st, 7),
			.ntasks = (size_t)sqlite3_column_int64(st, 8),
			.nindicators = (size_t)sqlite3_column_int64(st, 9),
			.ntargets = (size_t)sqlite3_column_int64(st, 10),
		};

		stop = fn(&m, arg);
		plan_meta_release(&m);
	}
	sq_done(ss, st);
	return stop || rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "list plans");
}

static int sqlite_plan_meta(struct store *s, long long id, struct plan_meta *out,
			    struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err,
				"SELECT p.id, d.source, d.sha256, p.status, d.imported_at, p.number,"
				" p.kind, p.title,"
				" (SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id),"
				" (SELECT COUNT(*) FROM indicators i WHERE i.plan_id = p.id),"
				" (SELECT COUNT(*) FROM targets g WHERE g.plan_id = p.id)"
				" FROM plans p JOIN documents d ON d.id = p.document_id WHERE p.id = ?",
				"i", id);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -ERR_DB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->source = sq_col_text(st, 1);
		out->sha256 = sq_col_text(st, 2);
		out->status = store_plan_status((const char *)sqlite3_column_text(st, 3));
		out->imported_at = sq_col_text(st, 4);
		out->number = sq_col_text(st, 5);
		out->kind = sq_col_text(st, 6);
		out->title = sq_col_text(st, 7);
		out->ntasks = (size_t)sqlite3_column_int64(st, 8);
		out->nindicators = (size_t)sqlite3_column_int64(st, 9);
		out->ntargets = (size_t)sqlite3_column_int64(st, 10);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		sb_addf(err, "no plan with id %lld; see 'dondoc plans'", id);
		rc = -ERR_NOTFOUND;
	} else {
		rc = sq_db_fail(ss, err, "read a plan");
	}
	sq_done(ss, st);
	return rc;
}

static int sqlite_task_list(struct store *s, const struct task_filter *f,
			    int (*fn)(const struct task_row *, void *), void *arg, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	char *agency_key = f->agency ? vi_fold_dup(f->agency, VI_FOLD_PUNCT) : NULL;
	char *leader_key = f->leader ? vi_fold_dup(f->leader, 0) : NULL;
	sqlite3_stmt *st;
	int rc = 0, step = SQLITE_DONE, stop = 0;

	/* Agency and leader match on folded keys, as plain substrings (instr, not
	 * LIKE: '%' and '_' are characters like any other), so that "văn hóa"
	 * finds "Sở Văn hóa, Thể thao và Du lịch"; an empty key matches nothing. */
	/* One task is looked up by its key: "(? = 0 OR t.id = ?)" with a bound
	 * parameter would scan every task. */
#define TASK_LIST_WHERE(ID)                                                                \
	"SELECT " TASK_COLUMNS " FROM tasks t"                                              \
	" WHERE (? = 0 OR t.plan_id = ?) AND " ID                                           \
	" AND (? IS NULL OR EXISTS (SELECT 1 FROM task_agencies a WHERE a.task_id = t.id"   \
	"   AND a.role IN ('lead', 'coordinate')"                                           \
	"   AND ? <> '' AND instr(a.name_key, ?) > 0))"                                     \
	" AND (? IS NULL OR (? <> '' AND instr(t.leader_key, ?) > 0))"                      \
	" ORDER BY t.plan_id, t.seq"
	st = sq_prep(ss, err,
		  f->task_id ? TASK_LIST_WHERE("t.id = ? AND ? <> 0") : TASK_LIST_WHERE("? = ? AND 1"),
		  "iiiitttttt", f->plan_id, f->plan_id, f->task_id, f->task_id, agency_key, agency_key, agency_key, leader_key,
		  leader_key, leader_key);
#undef TASK_LIST_WHERE
	if (!st) {
		rc = -ERR_DB;
		goto out;
	}
	while (!stop && rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct task t = { 0 };
		struct task_row row;

		rc = read_task(ss, err, st, &t);
		if (rc == 0) {
			row.id = t.id;
			row.plan_id = sqlite3_column_int64(st, 1);
			row.task = &t;
			stop = fn(&row, arg);
		}
		task_release(&t);
	}
	if (rc == 0 && !stop && step != SQLITE_DONE)
		rc = sq_db_fail(ss, err, "list tasks");
out:
	sq_done(ss, st);
	free(agency_key);
	free(leader_key);
	return rc;
}

/* ---- agencies ----------------------------------------------------------- */

static int sqlite_agency_usage(struct store *s, int (*fn)(const char *, size_t, void *),
			       void *arg, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err,
				"SELECT MIN(name), COUNT(*) FROM ("
				" SELECT name, name_key FROM task_agencies WHERE role IN ('lead', 'coordinate')"
				" UNION ALL SELECT name, name_key FROM indicator_agencies"
				" WHERE role IN ('lead', 'coordinate'))"
				" GROUP BY name_key ORDER BY MIN(name)",
				"");
	int rc, stop = 0;

	if (!st)
		return -ERR_DB;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		stop = fn(name, (size_t)sqlite3_column_int64(st, 1), arg);
	}
	sq_done(ss, st);
	return stop || rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "list agencies");
}

/* Re-resolves every stored body name of one table against the registry,
 * updating (with an audit row) those whose canonical name changed. */
static int reresolve(struct sqlite_store *ss, struct sb *err, const struct name_resolver *r,
		     const char *table, const char *owner_col, const char *actor, size_t *changed)
{
	struct sb sel = SB_INIT, upd = SB_INIT;
	sqlite3_stmt *st;
	int rc = 0, step;

	sb_addf(&sel, "SELECT %s, role, seq, name FROM %s WHERE role IN ('lead', 'coordinate')",
		owner_col, table);
	sb_addf(&upd, "UPDATE %s SET name = ?, name_key = ? WHERE %s = ? AND role = ? AND seq = ?",
		table, owner_col);
	st = sq_prep(ss, err, sel.buf, "");
	if (!st) {
		rc = -ERR_DB;
		goto out;
	}
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		long long owner = sqlite3_column_int64(st, 0);
		const char *role = (const char *)sqlite3_column_text(st, 1);
		long long seq = sqlite3_column_int64(st, 2);
		const char *name = (const char *)sqlite3_column_text(st, 3);
		const char *canon = r->canonical(r->ctx, name);
		char *key;

		if (!canon || strcmp(canon, name) == 0)
			continue;
		key = vi_fold_dup(canon, VI_FOLD_PUNCT);
		rc = sq_audit(ss, err, actor, "re-resolve", table, owner, role, name, canon,
			   "agency alias");
		if (rc == 0)
			rc = sq_run(ss, err, upd.buf, "ttiti", canon, key, owner, role, seq);
		free(key);
		(*changed)++;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = sq_db_fail(ss, err, "re-resolve");
	sq_done(ss, st);
out:
	sb_release(&sel);
	sb_release(&upd);
	return rc;
}

static int sqlite_agency_alias(struct store *s, const char *alias, const char *canonical,
			       const struct name_resolver *r, const char *actor, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	char *key = vi_fold_dup(alias, VI_FOLD_PUNCT);
	char now[32];
	size_t changed = 0;
	int rc;

	if (!*key || !*canonical) {
		sb_adds(err, "an alias and its canonical name must both be non-empty");
		free(key);
		return -ERR_USAGE;
	}
	sq_now_iso(ss, now, sizeof(now));
	if (sq_begin(ss, err) < 0) {
		free(key);
		return -ERR_DB;
	}
	rc = sq_run(ss, err,
		 "INSERT INTO agency_aliases (alias, alias_key, canonical, created_at, created_by)"
		 " VALUES (?, ?, ?, ?, ?) ON CONFLICT (alias_key) DO UPDATE SET"
		 " canonical = excluded.canonical, alias = excluded.alias",
		 "ttttt", alias, key, canonical, now, actor);
	if (rc == 0)
		rc = sq_audit(ss, err, actor, "alias", "agency", 0, alias, NULL, canonical, NULL);
	if (rc == 0)
		rc = reresolve(ss, err, r, "task_agencies", "task_id", actor, &changed);
	if (rc == 0)
		rc = reresolve(ss, err, r, "indicator_agencies", "indicator_id", actor, &changed);
	if (rc == 0)
		rc = sq_commit(ss, err);
	if (rc < 0)
		sq_rollback(ss);
	free(key);
	return rc < 0 ? rc : (int)(changed > 0x7fffffff ? 0x7fffffff : changed);
}

static int sqlite_agency_alias_list(struct store *s,
				    int (*fn)(const char *, const char *, void *), void *arg,
				    struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err, "SELECT alias, canonical FROM agency_aliases ORDER BY id", "");
	int rc, stop = 0;

	if (!st)
		return -ERR_DB;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn((const char *)sqlite3_column_text(st, 0),
			  (const char *)sqlite3_column_text(st, 1), arg);
	sq_done(ss, st);
	return stop || rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "load aliases");
}

static int sqlite_person_alias_list(struct store *s,
				    int (*fn)(const char *, const char *, void *), void *arg,
				    struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err, "SELECT alias, canonical FROM person_aliases ORDER BY id",
				   "");
	int rc, stop = 0;

	if (!st)
		return -ERR_DB;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn((const char *)sqlite3_column_text(st, 0),
			  (const char *)sqlite3_column_text(st, 1), arg);
	sqlite3_finalize(st);
	return stop || rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "load people's aliases");
}

/* ---- people -------------------------------------------------------------- */

static int sqlite_person_usage(struct store *s, int (*fn)(const char *, size_t, void *), void *arg,
			       struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err,
				   "SELECT MIN(leader), COUNT(*) FROM ("
				   " SELECT leader, leader_key FROM tasks WHERE leader IS NOT NULL"
				   " UNION ALL SELECT leader, leader_key FROM indicators"
				   " WHERE leader IS NOT NULL)"
				   " GROUP BY leader_key ORDER BY MIN(leader)",
				   "");
	int rc, stop = 0;

	if (!st)
		return -ERR_DB;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn((const char *)sqlite3_column_text(st, 0),
			  (size_t)sqlite3_column_int64(st, 1), arg);
	sq_done(ss, st);
	return stop || rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "list people");
}

/* Renames the leaders of one table written as alias_key, with audit rows. */
static int rename_leaders(struct sqlite_store *ss, struct sb *err, const char *table,
			  const char *alias_key, const char *canonical, const char *actor,
			  int *changed)
{
	struct sb sel = SB_INIT, upd = SB_INIT;
	char *key = vi_fold_dup(canonical, 0);
	sqlite3_stmt *st;
	int rc = 0, step;

	sb_addf(&sel, "SELECT id, leader FROM %s WHERE leader_key = ?", table);
	sb_addf(&upd, "UPDATE %s SET leader = ?, leader_key = ? WHERE id = ?", table);
	st = sq_prep(ss, err, sel.buf, "t", alias_key);
	if (!st) {
		rc = -ERR_DB;
		goto out;
	}
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const char *old = (const char *)sqlite3_column_text(st, 1);

		if (strcmp(old, canonical) == 0)
			continue;
		rc = sq_audit(ss, err, actor, "person alias", table, id, "leader", old, canonical,
			      "person alias");
		if (rc == 0)
			rc = sq_run(ss, err, upd.buf, "tti", canonical, key, id);
		(*changed)++;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = sq_db_fail(ss, err, "rename leaders");
	sq_done(ss, st);
out:
	free(key);
	sb_release(&sel);
	sb_release(&upd);
	return rc;
}

static int sqlite_person_alias(struct store *s, const char *alias, const char *canonical,
			       const char *actor, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	char *key = vi_fold_dup(alias, 0), *ckey = vi_fold_dup(canonical, 0);
	char now[32];
	int changed = 0, rc;

	if (!*key || !*ckey) {
		sb_adds(err, "an alias and its canonical name must both be non-empty");
		rc = -ERR_USAGE;
		goto out;
	}
	sq_now_iso(ss, now, sizeof(now));
	if ((rc = sq_begin(ss, err)) < 0)
		goto out;
	rc = sq_run(ss, err,
		    "INSERT INTO person_aliases (alias, alias_key, canonical, created_at, created_by)"
		    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (alias_key) DO UPDATE SET"
		    " canonical = excluded.canonical, alias = excluded.alias",
		    "ttttt", alias, key, canonical, now, actor);
	if (rc == 0)
		rc = sq_audit(ss, err, actor, "alias", "person", 0, alias, NULL, canonical, NULL);
	if (rc == 0)
		rc = sq_run(ss, err,
			    "INSERT INTO people (name, name_key) VALUES (?, ?)"
			    " ON CONFLICT (name_key) DO NOTHING",
			    "tt", canonical, ckey);
	if (rc == 0)
		rc = rename_leaders(ss, err, "tasks", key, canonical, actor, &changed);
	if (rc == 0)
		rc = rename_leaders(ss, err, "indicators", key, canonical, actor, &changed);
	if (rc == 0)
		rc = sq_commit(ss, err);
	if (rc < 0)
		sq_rollback(ss);
out:
	free(key);
	free(ckey);
	return rc < 0 ? rc : changed;
}

int store_sqlite_open_read_only(const char *path, struct store **out, struct sb *err)
{
	return store_sqlite_open_ro(path, out, err, &sqlite_ops);
}

static const struct store_ops sqlite_ops = {
	.check = sqlite_check,
	.evidence_list = sqlite_evidence_list,
	.backup = sqlite_backup,
	.restore = sqlite_restore,
	.tx_begin = sqlite_tx_begin,
	.tx_commit = sqlite_tx_commit,
	.tx_rollback = sqlite_tx_rollback,
	.set_busy_ms = sqlite_set_busy_ms,
	.name = "sqlite",
	.close = sqlite_close,
	.schema_version = sqlite_schema_version,
	.plan_insert = sqlite_plan_insert,
	.plan_find_source = sqlite_plan_find_source,
	.plan_load = sqlite_plan_load,
	.plans_published = sqlite_plans_published,
	.plan_list = sqlite_plan_list,
	.task_list = sqlite_task_list,
	.plan_meta = sqlite_plan_meta,
	.agency_usage = sqlite_agency_usage,
	.agency_alias = sqlite_agency_alias,
	.agency_alias_list = sqlite_agency_alias_list,
	.person_alias_list = sqlite_person_alias_list,
	.person_usage = sqlite_person_usage,
	.person_alias = sqlite_person_alias,
	/* Tracking: store_sqlite_track.c */
	.plan_state = sqlite_plan_state,
	.plan_publish = sqlite_plan_publish,
	.task_ref = sqlite_task_ref,
	.task_edit = sqlite_task_edit,
	.task_history = sqlite_task_history,
	.report_add = sqlite_report_add,
	.report_list = sqlite_report_list,
	.report_decide = sqlite_report_decide,
	.indicator_report_add = sqlite_indicator_report_add,
	.indicator_report_list = sqlite_indicator_report_list,
	.contact_set = sqlite_contact_set,
	.contact_find = sqlite_contact_find,
	.contact_list = sqlite_contact_list,
	.reminder_seen = sqlite_reminder_seen,
	.reminder_record = sqlite_reminder_record,
	.plan_insert_copy = sqlite_plan_insert_copy,
	/* Accounts: store_sqlite_auth.c */
	.user_add = sqlite_user_add,
	.user_find = sqlite_user_find,
	.user_list = sqlite_user_list,
	.user_set_password = sqlite_user_set_password,
	.user_set_disabled = sqlite_user_set_disabled,
	.session_create = sqlite_session_create,
	.session_find = sqlite_session_find,
	.session_touch = sqlite_session_touch,
	.session_delete = sqlite_session_delete,
	.token_add = sqlite_token_add,
	.token_find = sqlite_token_find,
	.token_revoke = sqlite_token_revoke,
	.login_attempts = sqlite_login_attempts,
	.login_attempts_set = sqlite_login_attempts_set,
	.audit_head = sqlite_audit_head,
	.audit_since = sqlite_audit_since,
	.task_merge = sqlite_task_merge,
	.task_split = sqlite_task_split,
	.source_lines_put = sqlite_source_lines_put,
	.source_lines = sqlite_source_lines,
	.import_job_add = sqlite_import_job_add,
	.import_job_set = sqlite_import_job_set,
	.import_job_get = sqlite_import_job_get,
	.import_job_list = sqlite_import_job_list,
	.import_jobs_interrupted = sqlite_import_jobs_interrupted,
};
