/*
 * store_pg.c - the PostgreSQL backend of the store (see store.h and
 * store_int.h), selected by store_open("postgresql://...").
 *
 * Data only travels through bound parameters (PQexecParams: the unnamed
 * statement, which also works behind pgbouncer in transaction mode); the only
 * SQL text run without parameters is the constant schema of schema_pg.h and
 * transaction control. Every write is one transaction at the isolation it
 * needs: READ COMMITTED for writes that only append, SERIALIZABLE for those
 * that read before they write (publish, contacts). A serialisation failure
 * (40001) or a deadlock (40P01) retries the whole write a bounded number of
 * times, each retry logged on stderr; inside an operation's transaction
 * (store_tx_begin) the caller gets -ERR_BUSY instead, since only it can
 * repeat the operation.
 *
 * Folding keys are computed in C (vi_fold) and stored in key columns, and
 * every ordering of text uses COLLATE "C", so search and order do not depend
 * on the server's collation and equal SQLite's byte order.
 *
 * backup and restore are the server's business (pg_dump/pg_restore, a
 * replica); they return -ERR_UNSUPPORTED saying so.
 */
#include "base/compat.h"
#include "store/store_int.h"
#include "store/schema.h"
#include "store/schema_pg.h"
#include "store/invariants.h"
#include "store/pg_int.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "model/plan.h"

#include <libpq-fe.h>
#include <stdarg.h>
#include <time.h>

#define PG_MAX_PARAMS 24
#define PG_RETRIES 5
/* Serialises migrations of one database (pg_advisory_xact_lock key). */
#define PG_LOCK_MIGRATE 0x646f6e646f63LL

static struct pg_store *pg_impl(struct store *s)
{
	return (struct pg_store *)s;
}

/* ---- statements --------------------------------------------------------- */

/* Text values of the bound parameters; numbers are printed into num. */
struct pg_params {
	const char *v[PG_MAX_PARAMS];
	char num[PG_MAX_PARAMS][32];
	int n;
};

/*
 * Binds by a type string, as the SQLite backend: 't' text (NULL: SQL NULL),
 * 'i' long long, 'I' const long long * (NULL: SQL NULL), 'd' double, 'D'
 * const double * (NULL: SQL NULL), 'b' int as a boolean. -1 on a bad string.
 */
static int pg_bind(struct pg_params *p, const char *types, va_list ap)
{
	int i;

	p->n = (int)strlen(types);
	if (p->n > PG_MAX_PARAMS)
		return -1;
	for (i = 0; i < p->n; i++) {
		p->v[i] = p->num[i];
		switch (types[i]) {
		case 't':
			p->v[i] = va_arg(ap, const char *);
			break;
		case 'i':
			snprintf(p->num[i], sizeof(p->num[i]), "%lld", va_arg(ap, long long));
			break;
		case 'I': {
			const long long *v = va_arg(ap, const long long *);

			if (v)
				snprintf(p->num[i], sizeof(p->num[i]), "%lld", *v);
			else
				p->v[i] = NULL;
			break;
		}
		case 'd':
			snprintf(p->num[i], sizeof(p->num[i]), "%.17g", va_arg(ap, double));
			break;
		case 'D': {
			const double *d = va_arg(ap, const double *);

			if (d)
				snprintf(p->num[i], sizeof(p->num[i]), "%.17g", *d);
			else
				p->v[i] = NULL;
			break;
		}
		case 'b':
			p->v[i] = va_arg(ap, int) ? "true" : "false";
			break;
		default:
			return -1;
		}
	}
	return 0;
}

/* The error a caller can act on, from the SQLSTATE of a failed result. */
static int pg_code(struct pg_store *ps, const PGresult *r)
{
	const char *st = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;

	ps->retry = false;
	if (PQstatus(ps->c) == CONNECTION_BAD) {
		/* The server went away (restart, failover, network): this request
		 * fails as busy; the owner reopens (store_lost). */
		ps->base.lost = true;
		return -ERR_BUSY;
	}
	if (!st)
		return -ERR_DB;
	if (strcmp(st, "40001") == 0 || strcmp(st, "40P01") == 0) {
		ps->retry = true;
		return -ERR_BUSY;
	}
	if (strcmp(st, "55P03") == 0 || strcmp(st, "57014") == 0)
		return -ERR_BUSY; /* lock_timeout, statement_timeout */
	if (strcmp(st, "23505") == 0)
		return -ERR_CONFLICT;
	return -ERR_DB;
}

/* A write refused because the transaction, the server or the role may only
 * read (read_only_sql_transaction, insufficient_privilege). */
static bool read_only_state(const PGresult *r)
{
	const char *st = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;

	return st && (strcmp(st, "25006") == 0 || strcmp(st, "42501") == 0);
}

int pg_fail(struct pg_store *ps, struct sb *err, const PGresult *r, const char *what)
{
	int rc = pg_code(ps, r);

	if (ps->base.lost)
		sb_addf(err, "%s: mất kết nối tới cơ sở dữ liệu; the connection to the database was"
			     " lost; try again", ps->where);
	else if (rc == -ERR_BUSY)
		sb_addf(err, "%s: cơ sở dữ liệu đang bận; the database is busy (another dondoc is"
			     " writing); try again", ps->where);
	else if (read_only_state(r))
		sb_addf(err, "%s: cơ sở dữ liệu chỉ cho đọc; the database is read-only for this"
			     " account (a standby, or a role without the right to write); this"
			     " command cannot write", ps->where);
	else
		sb_addf(err, "%s: %s: %s", ps->where, what,
			r ? PQresultErrorMessage(r) : PQerrorMessage(ps->c));
	sb_trim(err);
	return rc;
}

/*
 * Runs sql with its parameters. On success *out (may be NULL: discarded)
 * holds the result; on failure err says which statement failed and how.
 */
static int pg_vexec(struct pg_store *ps, struct sb *err, PGresult **out, const char *sql,
		    const char *types, va_list ap)
{
	struct pg_params p;
	PGresult *r;
	ExecStatusType st;

	if (out)
		*out = NULL;
	if (pg_bind(&p, types, ap) < 0) {
		sb_addf(err, "%s: %.40s...: arguments do not match the statement", ps->where, sql);
		return -ERR_DB;
	}
	r = PQexecParams(ps->c, sql, p.n, NULL, p.v, NULL, NULL, 0);
	st = PQresultStatus(r);
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		int rc = pg_fail(ps, err, r, sql);

		PQclear(r);
		return rc;
	}
	if (out)
		*out = r;
	else
		PQclear(r);
	return 0;
}

/* A query: *out receives the rows (PQclear it). */
int pg_get(struct pg_store *ps, struct sb *err, PGresult **out, const char *sql,
		  const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = pg_vexec(ps, err, out, sql, types, ap);
	va_end(ap);
	return rc;
}

/* A data write; *out may be NULL. */
int pg_put(struct pg_store *ps, struct sb *err, PGresult **out, const char *sql,
	   const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = pg_vexec(ps, err, out, sql, types, ap);
	va_end(ap);
	return rc;
}

/* An INSERT ... RETURNING id: *id receives the new row's id. */
int pg_insert_id(struct pg_store *ps, struct sb *err, long long *id, const char *sql,
		 const char *types, ...)
{
	PGresult *r = NULL;
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = pg_vexec(ps, err, &r, sql, types, ap);
	va_end(ap);
	if (rc == 0)
		*id = PQntuples(r) ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
	PQclear(r);
	return rc;
}

/* Transaction control: constant text, no data. */
int pg_ctl(struct pg_store *ps, struct sb *err, const char *sql)
{
	PGresult *r = PQexec(ps->c, sql);
	int rc = 0;

	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = pg_fail(ps, err, r, sql);
	PQclear(r);
	return rc;
}

static void pg_quiet(struct pg_store *ps, const char *sql)
{
	PQclear(PQexec(ps->c, sql));
}

/* Column readers: NULL for SQL NULL. */
static const char *pg_col(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

char *pg_col_dup(const PGresult *r, int row, int col)
{
	const char *v = pg_col(r, row, col);

	return v ? xstrdup(v) : NULL;
}

long long pg_ll(const PGresult *r, int row, int col)
{
	const char *v = pg_col(r, row, col);

	return v ? strtoll(v, NULL, 10) : 0;
}

bool pg_bool(const PGresult *r, int row, int col)
{
	const char *v = pg_col(r, row, col);

	return v && (*v == 't' || *v == '1');
}

static double pg_dbl(const PGresult *r, int row, int col, bool *has)
{
	const char *v = pg_col(r, row, col);

	if (has)
		*has = v != NULL;
	return v ? strtod(v, NULL) : 0.0;
}

static void pg_col_date(const PGresult *r, int row, int col, char *dst)
{
	const char *v = pg_col(r, row, col);

	snprintf(dst, DATE_LEN, "%s", v ? v : "");
}

static const char *nz(const char *date)
{
	return date && *date ? date : NULL;
}

void pg_now_iso(struct pg_store *ps, char *buf, size_t len)
{
	store_now_iso(&ps->base, buf, len);
}

int pg_audit(struct pg_store *ps, struct sb *err, const char *actor, const char *action,
	     const char *entity, long long id, const char *field, const char *old_value,
	     const char *new_value, const char *reason)
{
	char now[32];

	pg_now_iso(ps, now, sizeof(now));
	return pg_put(ps, err, NULL,
		      "INSERT INTO audit_log (at, actor, action, entity, entity_id, field,"
		      " old_value, new_value, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
		      "ttttitttt", now, actor, action, entity, id, field, old_value, new_value,
		      reason);
}

/* ---- transactions ------------------------------------------------------- */

/*
 * Runs body as one write: its own transaction (begin_sql names the isolation)
 * retried up to PG_RETRIES times on a serialisation failure or deadlock, or,
 * inside store_tx_begin(), a savepoint that undoes the write when it fails.
 * body returns 0 or a positive result to commit, a negative ERR_* to undo.
 */
int pg_write(struct pg_store *ps, const char *begin_sql, pg_body body, void *ctx,
	     struct sb *err)
{
	size_t mark = err->len;
	int attempt, rc;

	if (ps->in_tx) {
		if ((rc = pg_ctl(ps, err, "SAVEPOINT w")) < 0)
			return rc;
		rc = body(ps, ctx, err);
		pg_quiet(ps, rc < 0 ? "ROLLBACK TO SAVEPOINT w; RELEASE SAVEPOINT w"
				    : "RELEASE SAVEPOINT w");
		return rc;
	}
	for (attempt = 1;; attempt++) {
		rc = pg_ctl(ps, err, begin_sql);
		if (rc == 0)
			rc = body(ps, ctx, err);
		if (rc >= 0) {
			int c = pg_ctl(ps, err, "COMMIT");

			rc = c < 0 ? c : rc;
		}
		if (rc < 0)
			pg_quiet(ps, "ROLLBACK");
		if (rc >= 0 || !ps->retry || attempt >= PG_RETRIES)
			break;
		fprintf(stderr, "dondoc: %s: serialisation failure or deadlock; retrying the write"
				" (%d of %d)\n", ps->where, attempt, PG_RETRIES - 1);
		sb_setlen(err, mark);
		ps->retry = false;
	}
	return rc;
}

static int pg_tx_begin(struct store *s, struct sb *err)
{
	struct pg_store *ps = pg_impl(s);
	int rc;

	if (ps->in_tx) {
		sb_addf(err, "%s: a transaction is already open", ps->where);
		return -ERR_DB;
	}
	/* An operation may read before it writes: SERIALIZABLE keeps it as one
	 * moment; a conflict comes back as -ERR_BUSY (try again). */
	rc = pg_ctl(ps, err, PG_SERIALIZABLE);
	ps->in_tx = rc == 0;
	return rc;
}

static int pg_tx_commit(struct store *s, struct sb *err)
{
	struct pg_store *ps = pg_impl(s);
	int rc;

	if (!ps->in_tx) {
		sb_addf(err, "%s: no transaction is open", ps->where);
		return -ERR_DB;
	}
	rc = pg_ctl(ps, err, "COMMIT");
	if (rc < 0)
		pg_quiet(ps, "ROLLBACK");
	ps->in_tx = false;
	return rc;
}

static void pg_tx_rollback(struct store *s)
{
	struct pg_store *ps = pg_impl(s);

	if (ps->in_tx)
		pg_quiet(ps, "ROLLBACK");
	ps->in_tx = false;
}

/* A scheduled job: a READ COMMITTED transaction (each read sees what other
 * servers committed, so a reminder another sent is seen) holding the job's
 * advisory lock until store_job_end(). */
static int pg_job_begin(struct store *s, const char *job, struct sb *err)
{
	struct pg_store *ps = pg_impl(s);
	PGresult *r = NULL;
	int rc;

	if (ps->in_tx) {
		sb_addf(err, "%s: a transaction is already open", ps->where);
		return -ERR_DB;
	}
	if ((rc = pg_ctl(ps, err, PG_READ_COMMITTED)) < 0)
		return rc;
	rc = pg_get(ps, err, &r, "SELECT pg_try_advisory_xact_lock(hashtext($1))", "t", job);
	if (rc == 0 && *PQgetvalue(r, 0, 0) == 't') {
		ps->in_tx = true;
		rc = 1;
	} else {
		pg_quiet(ps, "ROLLBACK");
	}
	PQclear(r);
	return rc;
}

/* A lock held longer than ms fails the write with -ERR_BUSY (lock_timeout). */
static void pg_set_busy_ms(struct store *s, int ms)
{
	struct pg_store *ps = pg_impl(s);
	char v[32];
	struct sb err = SB_INIT;

	snprintf(v, sizeof(v), "%dms", ms > 0 ? ms : 0);
	if (pg_get(ps, &err, NULL, "SELECT set_config('lock_timeout', $1, false)", "t", v) < 0)
		fprintf(stderr, "dondoc: %s\n", err.buf);
	sb_release(&err);
}

/* ---- open, migrations --------------------------------------------------- */

/* The URL as messages show it: without a password. */
static char *url_for_messages(const char *url)
{
	const char *at = strchr(url, '@'), *scheme = strstr(url, "://");
	struct sb s = SB_INIT;
	const char *colon;

	if (!at || !scheme || at < scheme)
		return xstrdup(url);
	colon = memchr(scheme + 3, ':', (size_t)(at - scheme - 3));
	if (!colon)
		return xstrdup(url);
	sb_add(&s, url, (size_t)(colon - url));
	sb_adds(&s, ":***");
	sb_adds(&s, at);
	return sb_detach(&s);
}

/* The schema search_path names first is created when missing, so that one
 * database can hold several dondoc schemas (options=-csearch_path%3DNAME). */
static int ensure_schema(struct pg_store *ps, struct sb *err)
{
	PGresult *r = NULL;
	const char *name;
	struct sb sql = SB_INIT;
	char *quoted = NULL;
	int rc;

	rc = pg_get(ps, err, &r,
		    "SELECT btrim(split_part(current_setting('search_path'), ',', 1), ' \"')"
		    " WHERE current_schema() IS NULL",
		    "");
	if (rc < 0 || PQntuples(r) == 0)
		goto out;
	name = PQgetvalue(r, 0, 0);
	if (!*name || strcmp(name, "$user") == 0)
		goto out;
	quoted = PQescapeIdentifier(ps->c, name, strlen(name));
	if (!quoted) {
		sb_addf(err, "%s: bad schema name '%s'", ps->where, name);
		rc = -ERR_USAGE;
		goto out;
	}
	/* An identifier escaped by libpq: the one piece of spliced SQL. */
	sb_addf(&sql, "CREATE SCHEMA IF NOT EXISTS %s", quoted);
	rc = pg_ctl(ps, err, sql.buf);
out:
	PQfreemem(quoted);
	sb_release(&sql);
	PQclear(r);
	return rc;
}

static int read_version(struct pg_store *ps, struct sb *err, int *v)
{
	PGresult *r = NULL;
	int rc;

	/* Created only when missing, so that a hot standby (read-only) opens. */
	rc = pg_get(ps, err, &r, "SELECT to_regclass('schema_migrations') IS NULL", "");
	if (rc == 0 && *PQgetvalue(r, 0, 0) == 't')
		rc = pg_get(ps, err, NULL,
			    "CREATE TABLE schema_migrations ("
			    " version integer PRIMARY KEY, applied_at timestamptz NOT NULL)",
			    "");
	PQclear(r);
	r = NULL;
	if (rc == 0)
		rc = pg_get(ps, err, &r, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
			    "");
	if (rc == 0)
		*v = (int)pg_ll(r, 0, 0);
	PQclear(r);
	return rc;
}

/* Brings the database to this build's version, one transaction for all the
 * steps, serialised against other processes opening it at the same time. */
static int migrate_body(struct pg_store *ps, void *ctx, struct sb *err)
{
	char now[32];
	int v = 0, rc;

	(void)ctx;
	rc = pg_get(ps, err, NULL, "SELECT pg_advisory_xact_lock($1)", "i", PG_LOCK_MIGRATE);
	if (rc == 0)
		rc = ensure_schema(ps, err);
	if (rc == 0)
		rc = read_version(ps, err, &v);
	if (rc < 0)
		return rc;
	if ((size_t)v > ARRAY_SIZE(schema_pg_migrations)) {
		sb_addf(err, "%s: the database is at schema version %d, newer than this dondoc (%zu)",
			ps->where, v, ARRAY_SIZE(schema_pg_migrations));
		return -ERR_DB;
	}
	pg_now_iso(ps, now, sizeof(now));
	for (; rc == 0 && (size_t)v < ARRAY_SIZE(schema_pg_migrations); v++) {
		PGresult *r = PQexec(ps->c, schema_pg_migrations[v]);

		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			sb_addf(err, "%s: migration %d failed: %s", ps->where, v + 1,
				PQresultErrorMessage(r));
			sb_trim(err);
			rc = -ERR_DB;
		}
		PQclear(r);
		if (rc == 0)
			rc = pg_get(ps, err, NULL,
				    "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
				    "it", (long long)v + 1, now);
	}
	ps->version = v;
	return rc;
}

static const struct store_ops pg_ops;

int store_pg_open(const char *url, const struct store_options *o, struct store **out,
		  struct sb *err)
{
	struct pg_store *ps = xcalloc(1, sizeof(*ps));
	int rc;

	*out = NULL;
	store_base_init(&ps->base, &pg_ops, o);
	ps->where = url_for_messages(url);
	/* Each migration of schema.h needs its PostgreSQL twin in schema_pg.h. */
	if (ARRAY_SIZE(schema_pg_migrations) != ARRAY_SIZE(schema_migrations)) {
		sb_addf(err, "%s: this build's PostgreSQL schema has %zu migrations, SQLite's %zu;"
			     " add the missing ones to src/store/schema_pg.h",
			ps->where, ARRAY_SIZE(schema_pg_migrations), ARRAY_SIZE(schema_migrations));
		rc = -ERR_UNSUPPORTED;
		goto fail;
	}
	ps->c = PQconnectdb(url);
	if (PQstatus(ps->c) != CONNECTION_OK) {
		sb_addf(err, "%s: không kết nối được cơ sở dữ liệu; cannot connect: %s", ps->where,
			PQerrorMessage(ps->c));
		sb_trim(err);
		rc = -ERR_DB;
		goto fail;
	}
	/* Notices ("already exists, skipping") are not for officials' eyes. */
	rc = pg_ctl(ps, err, "SET client_min_messages = warning");
	if (rc == 0)
		rc = pg_ctl(ps, err, "SET TIME ZONE 'UTC'");
	if (rc == 0)
		rc = pg_write(ps, PG_READ_COMMITTED, migrate_body, NULL, err);
	if (rc < 0)
		goto fail;
	*out = &ps->base;
	return 0;
fail:
	PQfinish(ps->c);
	free(ps->where);
	free(ps);
	return rc;
}

int store_pg_open_read_only(const char *url, struct store **out, struct sb *err)
{
	struct pg_store *ps;
	int rc = store_pg_open(url, NULL, out, err);

	if (rc < 0)
		return rc;
	/* Every later transaction of the session refuses to write. */
	ps = pg_impl(*out);
	rc = pg_ctl(ps, err, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
	if (rc < 0) {
		store_close(*out);
		*out = NULL;
	}
	return rc;
}

static void pg_close(struct store *s)
{
	struct pg_store *ps = pg_impl(s);

	PQfinish(ps->c);
	free(ps->where);
	free(ps);
}

static int pg_schema_version(struct store *s)
{
	return pg_impl(s)->version;
}

/* ---- writing a plan ----------------------------------------------------- */


static int insert_agencies(struct pg_store *ps, struct sb *err, const char *sql, long long owner,
			   const struct strlist *lists[4])
{
	int r, rc = 0;
	size_t i;

	for (r = 0; r < 4 && rc == 0; r++) {
		for (i = 0; i < lists[r]->n && rc == 0; i++) {
			char *key = vi_fold_dup(lists[r]->v[i], VI_FOLD_PUNCT);

			rc = pg_put(ps, err, NULL, sql, "ititt", owner, store_roles[r], (long long)i,
				    lists[r]->v[i], key);
			free(key);
		}
	}
	return rc;
}

static int insert_target(struct pg_store *ps, struct sb *err, long long plan_id,
			 const long long *task_id, size_t seq, const struct target *t)
{
	const struct target *b = t->baseline;

	return pg_put(ps, err, NULL,
		      "INSERT INTO targets (plan_id, task_id, seq, text, value, max, unit, op, period,"
		      " has_baseline, baseline_period, baseline_text, baseline_value)"
		      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
		      "iIitDDtttbttD", plan_id, task_id, (long long)seq, t->text,
		      t->has_value ? &t->value : NULL, t->has_max ? &t->max : NULL, t->unit,
		      target_op_str(t->op), t->period, b != NULL, b ? b->period : NULL,
		      b ? b->text : NULL, b && b->has_value ? &b->value : NULL);
}

/* An indicator's targets per year or period (by_period), in column order. */
static int insert_indicator_periods(struct pg_store *ps, struct sb *err,
				    const struct indicator *ind)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < ind->by_period.n; i++) {
		const struct target *t = &ind->by_period.v[i];

		rc = pg_put(ps, err, NULL,
			    "INSERT INTO indicator_periods (indicator_id, seq, period, text, value,"
			    " max, op) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			    "iittDDt", ind->id, (long long)i, t->period, t->text,
			    t->has_value ? &t->value : NULL, t->has_max ? &t->max : NULL,
			    target_op_str(t->op));
	}
	return rc;
}

static int insert_person(struct pg_store *ps, struct sb *err, const char *name)
{
	char *key;
	int rc;

	if (!name || !*name)
		return 0;
	key = vi_fold_dup(name, 0);
	rc = pg_put(ps, err, NULL,
		    "INSERT INTO people (name, name_key) VALUES ($1, $2)"
		    " ON CONFLICT (name_key) DO NOTHING",
		    "tt", name, key);
	free(key);
	return rc;
}

/* A leader written as an alias officials taught is stored as the canonical. */
static int apply_person_alias(struct pg_store *ps, struct sb *err, char **leader)
{
	PGresult *r = NULL;
	char *key;
	int rc;

	if (!*leader)
		return 0;
	key = vi_fold_dup(*leader, 0);
	rc = pg_get(ps, err, &r, "SELECT canonical FROM person_aliases WHERE alias_key = $1", "t",
		    key);
	free(key);
	if (rc == 0 && PQntuples(r))
		str_set(leader, PQgetvalue(r, 0, 0));
	PQclear(r);
	return rc;
}

static int insert_task(struct pg_store *ps, struct sb *err, long long plan_id, size_t seq,
		       struct task *t)
{
	const struct strlist *lists[4] = { &t->lead, &t->lead_groups, &t->coordinate,
					   &t->coordinate_groups };
	const struct due *d = t->due;
	char *doubt = NULL, *leader_key = NULL;
	size_t i;
	int rc;

	rc = apply_person_alias(ps, err, &t->leader);
	if (rc < 0)
		return rc;
	doubt = store_join_doubts(&t->doubt);
	leader_key = t->leader ? vi_fold_dup(t->leader, 0) : NULL;
	rc = pg_insert_id(ps, err, &t->id,
			  "INSERT INTO tasks (plan_id, seq, ref, section, text, leader, leader_key,"
			  " supervisor, has_due, due_text, due_start, due_end, due_recurring, result,"
			  " doubt, source_line, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
			  " $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
			  "iittttttbtttbttit", plan_id, (long long)seq, t->ref, t->section, t->text,
			  t->leader, leader_key, t->supervisor, d != NULL, d ? d->text : NULL,
			  d ? nz(d->start) : NULL, d ? nz(d->end) : NULL, d && d->recurring, t->result,
			  doubt, (long long)t->line, t->state);
	free(doubt);
	free(leader_key);
	if (rc == 0)
		rc = insert_agencies(ps, err,
				     "INSERT INTO task_agencies (task_id, role, seq, name, name_key)"
				     " VALUES ($1, $2, $3, $4, $5)",
				     t->id, lists);
	for (i = 0; rc == 0 && i < t->targets.n; i++)
		rc = insert_target(ps, err, plan_id, &t->id, i, &t->targets.v[i]);
	if (rc == 0)
		rc = insert_person(ps, err, t->leader);
	return rc;
}

static int insert_indicator(struct pg_store *ps, struct sb *err, long long plan_id, size_t seq,
			    struct indicator *ind)
{
	const struct strlist *lists[4] = { &ind->lead, &ind->lead_groups, &ind->coordinate,
					   &ind->coordinate_groups };
	const struct target *t = ind->target;
	char *leader_key = ind->leader ? vi_fold_dup(ind->leader, 0) : NULL;
	int rc;

	rc = pg_insert_id(ps, err, &ind->id,
			  "INSERT INTO indicators (plan_id, seq, ref, name, unit, has_target,"
			  " target_text, target_value, target_max, target_op, leader, leader_key,"
			  " source_line, target_period) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
			  " $10, $11, $12, $13, $14) RETURNING id",
			  "iitttbtDDtttit", plan_id, (long long)seq, ind->ref, ind->name, ind->unit,
			  t != NULL, t ? t->text : NULL, t && t->has_value ? &t->value : NULL,
			  t && t->has_max ? &t->max : NULL, t ? target_op_str(t->op) : NULL,
			  ind->leader, leader_key, (long long)ind->line, t ? t->period : NULL);
	free(leader_key);
	if (rc == 0 && ind->baseline) {
		const struct target *b = ind->baseline;

		rc = pg_put(ps, err, NULL,
			    "UPDATE indicators SET has_baseline = true, baseline_period = $1,"
			    " baseline_text = $2, baseline_value = $3 WHERE id = $4",
			    "ttDi", b->period, b->text, b->has_value ? &b->value : NULL, ind->id);
	}
	if (rc == 0)
		rc = insert_agencies(ps, err,
				     "INSERT INTO indicator_agencies (indicator_id, role, seq, name,"
				     " name_key) VALUES ($1, $2, $3, $4, $5)",
				     ind->id, lists);
	if (rc == 0)
		rc = insert_indicator_periods(ps, err, ind);
	if (rc == 0)
		rc = insert_person(ps, err, ind->leader);
	return rc;
}

struct plan_insert_ctx {
	struct plan *p;
	const char *source, *sha256, *actor;
	bool copy;
};

/* The original document stored with this content (copy_of IS NULL: the
 * UNIQUE index of migration 4 allows one) and the newest plan made from that
 * content; both 0 when there is none. */
static int find_original(struct pg_store *ps, const char *sha256, long long *doc_id,
			 long long *plan_id, struct sb *err)
{
	PGresult *r = NULL;
	int rc = pg_get(ps, err, &r,
			"SELECT (SELECT id FROM documents WHERE sha256 = $1 AND copy_of IS NULL),"
			" (SELECT MAX(p.id) FROM plans p JOIN documents d"
			"  ON d.id = p.document_id WHERE d.sha256 = $1)",
			"t", sha256);

	*doc_id = rc == 0 ? pg_ll(r, 0, 0) : 0;
	*plan_id = rc == 0 ? pg_ll(r, 0, 1) : 0;
	PQclear(r);
	return rc;
}

static int plan_insert_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct plan_insert_ctx *c = arg;
	struct plan *p = c->p;
	const struct document *d = &p->doc;
	char now[32], *notes;
	long long doc_id = 0, plan_id = 0, copy_of;
	size_t mark = err->len, i;
	int rc;

	/* The same content already stored: "already imported", nothing written. */
	rc = find_original(ps, c->sha256, &copy_of, &plan_id, err);
	if (rc < 0)
		return rc;
	if (copy_of && !c->copy) {
		p->id = plan_id;
		return 1;
	}
	pg_now_iso(ps, now, sizeof(now));
	notes = store_notes_join(&p->notes);
	rc = pg_insert_id(ps, err, &doc_id,
			  "INSERT INTO documents (source, sha256, imported_at, copy_of, notes)"
			  " VALUES ($1, $2, $3, $4, $5) RETURNING id",
			  "tttIt", c->source, c->sha256, now, copy_of ? &copy_of : NULL, notes);
	free(notes);
	/* Another process stored this content since the check: its UNIQUE index
	 * entry (23505), or, inside a SERIALIZABLE operation whose snapshot
	 * cannot see that row, a serialisation failure. Either way the content is
	 * already imported; the caller looks it up again outside this snapshot. */
	if (!copy_of && (rc == -ERR_CONFLICT || (rc == -ERR_BUSY && ps->retry))) {
		sb_setlen(err, mark);
		sb_addf(err, "%s: the same content was imported by another process at this moment",
			ps->where);
		return -ERR_CONFLICT;
	}
	if (rc == 0)
		rc = pg_insert_id(ps, err, &p->id,
				  "INSERT INTO plans (document_id, number, kind, issuer, place, date,"
				  " year, title, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
				  " RETURNING id",
				  "itttttitt", doc_id, d->number, d->kind, d->issuer, d->place,
				  nz(d->date), (long long)d->year, d->title, now);
	for (i = 0; rc == 0 && i < p->tasks.n; i++)
		rc = insert_task(ps, err, p->id, i, &p->tasks.v[i]);
	for (i = 0; rc == 0 && i < p->indicators.n; i++)
		rc = insert_indicator(ps, err, p->id, i, &p->indicators.v[i]);
	for (i = 0; rc == 0 && i < p->targets.n; i++)
		rc = insert_target(ps, err, p->id, NULL, i, &p->targets.v[i]);
	for (i = 0; rc == 0 && i < p->reporting.n; i++)
		rc = pg_put(ps, err, NULL,
			    "INSERT INTO reporting_deadlines (plan_id, seq, label, due)"
			    " VALUES ($1, $2, $3, $4)",
			    "iitt", p->id, (long long)i, p->reporting.v[i].label,
			    nz(p->reporting.v[i].due));
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, "import", "plan", p->id, NULL, NULL, c->source,
			      NULL);
	return rc;
}

/*
 * Stores a plan. The check for the same content is made inside the write
 * transaction; when another process stores the same content at the same
 * moment, the partial UNIQUE index on documents.sha256 fails this insert
 * (23505) and the plan is "already imported" (1, p->id its plan), as when
 * the check had found it. With copy (import --again) the plan is stored
 * anyway, its document marked as a copy of the original.
 */
static int plan_insert(struct store *s, struct plan *p, const char *source, const char *sha256,
		       const char *actor, bool copy, struct sb *err)
{
	struct pg_store *ps = pg_impl(s);
	struct plan_insert_ctx c = { p, source, sha256, actor, copy };
	size_t mark = err->len;
	long long doc_id, plan_id;
	int rc = pg_write(ps, PG_READ_COMMITTED, plan_insert_body, &c, err);

	if (rc == -ERR_CONFLICT && !ps->in_tx) {
		sb_setlen(err, mark);
		rc = find_original(ps, sha256, &doc_id, &plan_id, err);
		if (rc == 0 && doc_id) {
			p->id = plan_id;
			return 1;
		}
		if (rc == 0) {
			sb_addf(err, "%s: the same document was being imported at the same time;"
				     " try again", ps->where);
			rc = -ERR_BUSY;
		}
	}
	if (rc < 0)
		p->id = 0;
	return rc;
}

static int pg_plan_insert(struct store *s, struct plan *p, const char *source,
			  const char *sha256, const char *actor, struct sb *err)
{
	return plan_insert(s, p, source, sha256, actor, false, err);
}

static int pg_plan_insert_copy(struct store *s, struct plan *p, const char *source,
			       const char *sha256, const char *actor, struct sb *err)
{
	return plan_insert(s, p, source, sha256, actor, true, err);
}

/* ---- reading a plan ----------------------------------------------------- */

static int pg_plan_find_source(struct store *s, const char *sha256, long long *id,
			       struct sb *err)
{
	long long doc_id;

	return find_original(pg_impl(s), sha256, &doc_id, id, err);
}

static int load_agencies(struct pg_store *ps, struct sb *err, const char *sql, long long id,
			 struct strlist *lists[4])
{
	PGresult *r = NULL;
	int i, rc = pg_get(ps, err, &r, sql, "i", id);

	for (i = 0; rc == 0 && i < PQntuples(r); i++) {
		int k = store_role_index(PQgetvalue(r, i, 0));

		if (k >= 0)
			strlist_push(lists[k], PQgetvalue(r, i, 1));
	}
	PQclear(r);
	return rc;
}

/* Row i of (text, value, max, unit, op, period) into t. */
static void read_target(const PGresult *r, int i, struct target *t)
{
	t->text = pg_col_dup(r, i, 0);
	t->value = pg_dbl(r, i, 1, &t->has_value);
	t->max = pg_dbl(r, i, 2, &t->has_max);
	t->unit = pg_col_dup(r, i, 3);
	if (pg_col(r, i, 4))
		target_op_parse(PQgetvalue(r, i, 4), &t->op);
	t->period = pg_col_dup(r, i, 5);
}

/* The baseline of row i: columns col (has_baseline), col + 1..3 (period,
 * text, value); NULL when the row has none. */
static struct target *read_baseline(const PGresult *r, int i, int col)
{
	struct target *b;

	if (!pg_bool(r, i, col))
		return NULL;
	b = xcalloc(1, sizeof(*b));
	b->period = pg_col_dup(r, i, col + 1);
	b->text = pg_col_dup(r, i, col + 2);
	b->value = pg_dbl(r, i, col + 3, &b->has_value);
	return b;
}

static int load_targets(struct pg_store *ps, struct sb *err, long long plan_id,
			const long long *task_id, struct target_vec *out)
{
	PGresult *r = NULL;
	int i, rc;

	rc = task_id ? pg_get(ps, err, &r,
			      "SELECT text, value, max, unit, op, period, has_baseline,"
			      " baseline_period, baseline_text, baseline_value FROM targets"
			      " WHERE task_id = $1 ORDER BY seq",
			      "i", *task_id)
		     : pg_get(ps, err, &r,
			      "SELECT text, value, max, unit, op, period, has_baseline,"
			      " baseline_period, baseline_text, baseline_value FROM targets"
			      " WHERE plan_id = $1 AND task_id IS NULL ORDER BY seq",
			      "i", plan_id);
	for (i = 0; rc == 0 && i < PQntuples(r); i++) {
		struct target *t = VEC_PUSH(out);

		read_target(r, i, t);
		t->baseline = read_baseline(r, i, 6);
	}
	PQclear(r);
	return rc;
}

static int load_indicator_periods(struct pg_store *ps, struct sb *err, struct indicator *ind)
{
	PGresult *r = NULL;
	int i, rc = pg_get(ps, err, &r,
			   "SELECT text, value, max, NULL, op, period FROM indicator_periods"
			   " WHERE indicator_id = $1 ORDER BY seq",
			   "i", ind->id);

	for (i = 0; rc == 0 && i < PQntuples(r); i++)
		read_target(r, i, VEC_PUSH(&ind->by_period));
	PQclear(r);
	return rc;
}

#define TASK_COLUMNS                                                                   \
	"id, plan_id, ref, section, text, leader, supervisor, has_due, due_text, due_start," \
	" due_end, due_recurring, result, doubt, source_line, state"

/* Reads row i of TASK_COLUMNS into t (empty); its agencies and targets come
 * from load_task_parts. */
static void read_task_row(const PGresult *r, int i, struct task *t)
{
	t->id = pg_ll(r, i, 0);
	t->ref = pg_col_dup(r, i, 2);
	t->section = pg_col_dup(r, i, 3);
	t->text = pg_col_dup(r, i, 4);
	t->leader = pg_col_dup(r, i, 5);
	t->supervisor = pg_col_dup(r, i, 6);
	if (pg_bool(r, i, 7)) {
		t->due = due_new(NULL);
		t->due->text = pg_col_dup(r, i, 8);
		pg_col_date(r, i, 9, t->due->start);
		pg_col_date(r, i, 10, t->due->end);
		t->due->recurring = pg_bool(r, i, 11);
	}
	t->result = pg_col_dup(r, i, 12);
	store_split_doubts(pg_col(r, i, 13), &t->doubt);
	t->line = (int)pg_ll(r, i, 14);
	t->state = pg_col_dup(r, i, 15);
}

/* Tasks whose agencies and targets one query each reads (an id array). */
#define PARTS_CHUNK 2000

/*
 * The agencies and targets of tasks v[0..n-1] (ids set, parts empty): two
 * queries per PARTS_CHUNK tasks, not two per task. Rows come back in the
 * order of the id array (WITH ORDINALITY), so ord - 1 indexes v.
 */
static int load_task_parts(struct pg_store *ps, struct sb *err, struct task *const *v, size_t n)
{
	struct sb ids = SB_INIT;
	size_t base, i, k;
	int j, rc = 0;

	for (base = 0; rc == 0 && base < n; base += PARTS_CHUNK) {
		size_t m = n - base < PARTS_CHUNK ? n - base : PARTS_CHUNK;
		PGresult *r = NULL;

		sb_reset(&ids);
		sb_addc(&ids, '{');
		for (i = 0; i < m; i++)
			sb_addf(&ids, i ? ",%lld" : "%lld", v[base + i]->id);
		sb_addc(&ids, '}');
		rc = pg_get(ps, err, &r,
			    "SELECT u.ord, a.role, a.name"
			    " FROM unnest($1::bigint[]) WITH ORDINALITY AS u(id, ord)"
			    " JOIN task_agencies a ON a.task_id = u.id"
			    " ORDER BY u.ord, a.role COLLATE \"C\", a.seq",
			    "t", ids.buf);
		for (j = 0; rc == 0 && j < PQntuples(r); j++) {
			struct task *t;
			int role = store_role_index(PQgetvalue(r, j, 1));

			k = (size_t)pg_ll(r, j, 0) - 1;
			if (k >= m || role < 0)
				continue;
			t = v[base + k];
			strlist_push(store_role_list(t, role),
				     PQgetvalue(r, j, 2));
		}
		PQclear(r);
		r = NULL;
		if (rc == 0)
			rc = pg_get(ps, err, &r,
				    "SELECT g.text, g.value, g.max, g.unit, g.op, g.period, u.ord"
				    " FROM unnest($1::bigint[]) WITH ORDINALITY AS u(id, ord)"
				    " JOIN targets g ON g.task_id = u.id ORDER BY u.ord, g.seq",
				    "t", ids.buf);
		for (j = 0; rc == 0 && j < PQntuples(r); j++) {
			k = (size_t)pg_ll(r, j, 6) - 1;
			if (k < m)
				read_target(r, j, VEC_PUSH(&v[base + k]->targets));
		}
		PQclear(r);
	}
	sb_release(&ids);
	return rc;
}

/*
 * The agencies and targets of one plan's tasks v[0..n-1] (in seq order, ids
 * set): one query each through tasks(plan_id, seq), rows in the same task
 * order, so one cursor walks both.
 */
static int load_plan_parts(struct pg_store *ps, struct sb *err, long long plan_id,
			   struct task *v, size_t n)
{
	PGresult *r = NULL;
	size_t k = 0;
	int j, rc = pg_get(ps, err, &r,
			   "SELECT a.task_id, a.role, a.name FROM tasks t"
			   " JOIN task_agencies a ON a.task_id = t.id WHERE t.plan_id = $1"
			   " ORDER BY t.seq, a.role COLLATE \"C\", a.seq",
			   "i", plan_id);

	for (j = 0; rc == 0 && j < PQntuples(r); j++) {
		long long id = pg_ll(r, j, 0);
		int role = store_role_index(PQgetvalue(r, j, 1));

		while (k < n && v[k].id != id)
			k++;
		if (k == n)
			break;
		if (role >= 0)
			strlist_push(store_role_list(&v[k], role),
				     PQgetvalue(r, j, 2));
	}
	PQclear(r);
	r = NULL;
	if (rc < 0)
		return rc;
	rc = pg_get(ps, err, &r,
		    "SELECT g.text, g.value, g.max, g.unit, g.op, g.period, g.task_id FROM tasks t"
		    " JOIN targets g ON g.task_id = t.id WHERE t.plan_id = $1 ORDER BY t.seq, g.seq",
		    "i", plan_id);
	for (j = 0, k = 0; rc == 0 && j < PQntuples(r); j++) {
		long long id = pg_ll(r, j, 6);

		while (k < n && v[k].id != id)
			k++;
		if (k == n)
			break;
		read_target(r, j, VEC_PUSH(&v[k].targets));
	}
	PQclear(r);
	return rc;
}

static int load_tasks(struct pg_store *ps, struct sb *err, struct plan *p)
{
	PGresult *r = NULL;
	size_t i, first = p->tasks.n;
	int rc = pg_get(ps, err, &r,
			"SELECT " TASK_COLUMNS " FROM tasks WHERE plan_id = $1 ORDER BY seq", "i",
			p->id);

	for (i = 0; rc == 0 && i < (size_t)PQntuples(r); i++)
		read_task_row(r, (int)i, plan_add_task(p));
	PQclear(r);
	if (rc < 0)
		return rc;
	return load_plan_parts(ps, err, p->id, p->tasks.v + first, p->tasks.n - first);
}

/* An indicator's row: id, ref, name, unit, has_target, target_text,
 * target_value, target_max, leader, target_op, source_line, target_period,
 * then the baseline's four columns (read_baseline). */
static void read_indicator_row(const PGresult *r, int i, struct indicator *ind)
{
	ind->id = pg_ll(r, i, 0);
	ind->ref = pg_col_dup(r, i, 1);
	ind->name = pg_col_dup(r, i, 2);
	ind->unit = pg_col_dup(r, i, 3);
	if (pg_bool(r, i, 4)) {
		ind->target = xcalloc(1, sizeof(*ind->target));
		ind->target->text = pg_col_dup(r, i, 5);
		ind->target->value = pg_dbl(r, i, 6, &ind->target->has_value);
		ind->target->max = pg_dbl(r, i, 7, &ind->target->has_max);
		if (pg_col(r, i, 9))
			target_op_parse(PQgetvalue(r, i, 9), &ind->target->op);
		ind->target->period = pg_col_dup(r, i, 11);
	}
	ind->leader = pg_col_dup(r, i, 8);
	ind->line = (int)pg_ll(r, i, 10);
	ind->baseline = read_baseline(r, i, 12);
}

/* A plan's document columns from column c on: number, kind, issuer, place,
 * date, year, title, the import's notes. */
static void read_document_row(const PGresult *r, int i, int c, struct plan *p)
{
	p->doc.number = pg_col_dup(r, i, c);
	p->doc.kind = pg_col_dup(r, i, c + 1);
	p->doc.issuer = pg_col_dup(r, i, c + 2);
	p->doc.place = pg_col_dup(r, i, c + 3);
	pg_col_date(r, i, c + 4, p->doc.date);
	p->doc.year = (int)pg_ll(r, i, c + 5);
	p->doc.title = pg_col_dup(r, i, c + 6);
	store_notes_split(pg_col(r, i, c + 7), &p->notes);
}

static int load_indicators(struct pg_store *ps, struct sb *err, struct plan *p)
{
	PGresult *r = NULL;
	int i, rc = pg_get(ps, err, &r,
			   "SELECT id, ref, name, unit, has_target, target_text, target_value,"
			   " target_max, leader, target_op, source_line, target_period,"
			   " has_baseline, baseline_period, baseline_text, baseline_value"
			   " FROM indicators WHERE plan_id = $1 ORDER BY seq",
			   "i", p->id);

	for (i = 0; rc == 0 && i < PQntuples(r); i++) {
		struct indicator *ind = plan_add_indicator(p);
		struct strlist *lists[4] = { &ind->lead, &ind->lead_groups, &ind->coordinate,
					     &ind->coordinate_groups };

		read_indicator_row(r, i, ind);
		rc = load_agencies(ps, err,
				   "SELECT role, name FROM indicator_agencies WHERE indicator_id = $1"
				   " ORDER BY role COLLATE \"C\", seq",
				   ind->id, lists);
		if (rc == 0)
			rc = load_indicator_periods(ps, err, ind);
	}
	PQclear(r);
	return rc;
}

static int load_reporting(struct pg_store *ps, struct sb *err, struct plan *p)
{
	PGresult *r = NULL;
	int i, rc = pg_get(ps, err, &r,
			   "SELECT label, due FROM reporting_deadlines WHERE plan_id = $1"
			   " ORDER BY seq",
			   "i", p->id);

	for (i = 0; rc == 0 && i < PQntuples(r); i++)
		plan_add_reporting(p, pg_col(r, i, 0), pg_col(r, i, 1));
	PQclear(r);
	return rc;
}

static int load_document(struct pg_store *ps, struct sb *err, long long id, struct plan *p)
{
	PGresult *r = NULL;
	int rc = pg_get(ps, err, &r,
			"SELECT p.number, p.kind, p.issuer, p.place, p.date, p.year, p.title,"
			" d.notes FROM plans p JOIN documents d ON d.id = p.document_id"
			" WHERE p.id = $1",
			"i", id);

	if (rc == 0 && PQntuples(r) == 0) {
		sb_addf(err, "no plan with id %lld; see 'dondoc plans'", id);
		rc = -ERR_NOTFOUND;
	} else if (rc == 0) {
		p->id = id;
		read_document_row(r, 0, 0, p);
	}
	PQclear(r);
	return rc;
}

static int pg_plan_load(struct store *s, long long id, struct plan *p, struct sb *err)
{
	struct pg_store *ps = pg_impl(s);
	bool own = !ps->in_tx;
	int rc;

	/* One snapshot, so the plan is read as of one moment. */
	if (own && (rc = pg_ctl(ps, err, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")) < 0)
		return rc;
	rc = load_document(ps, err, id, p);
	if (rc == 0)
		rc = load_targets(ps, err, id, NULL, &p->targets);
	if (rc == 0)
		rc = load_tasks(ps, err, p);
	if (rc == 0)
		rc = load_indicators(ps, err, p);
	if (rc == 0)
		rc = load_reporting(ps, err, p);
	if (own)
		pg_quiet(ps, "ROLLBACK");
	if (rc < 0)
		plan_release(p);
	return rc;
}

/* ---- every published plan at once (the shared world) ---------------------- */

/*
 * Runs sql (constant text, no parameters) through a cursor inside the
 * caller's transaction, giving fn 20,000 rows at a time: a national world's
 * millions of rows never sit in one PGresult.
 */
static int pg_batches(struct pg_store *ps, struct sb *err, const char *sql,
		      void (*fn)(const PGresult *r, void *arg), void *arg)
{
	struct sb decl = SB_INIT;
	PGresult *r = NULL;
	int rc;

	sb_addf(&decl, "DECLARE dondoc_batches NO SCROLL CURSOR FOR %s", sql);
	/* Every row is wanted: plan for all of them (hash joins and one sort in
	 * memory), not for a fast first tenth; a read this long gains nothing
	 * from compiling its expressions. */
	rc = pg_get(ps, err, NULL,
		    "SELECT set_config('cursor_tuple_fraction', '1.0', true),"
		    " set_config('work_mem', '256MB', true), set_config('jit', 'off', true)",
		    "");
	if (rc == 0)
		rc = pg_get(ps, err, NULL, decl.buf, "");
	while (rc == 0) {
		rc = pg_get(ps, err, &r, "FETCH FORWARD 20000 FROM dondoc_batches", "");
		if (rc < 0 || PQntuples(r) == 0)
			break;
		fn(r, arg);
		PQclear(r);
		r = NULL;
	}
	PQclear(r);
	if (rc == 0)
		rc = pg_get(ps, err, NULL, "CLOSE dondoc_batches", "");
	sb_release(&decl);
	return rc;
}

/* Every published plan's rows, merged by cursors: each table's rows come in
 * plan order (then seq), as the plans, their tasks and indicators are. */
struct bulk {
	struct plan *v;
	size_t n, cap;
	size_t pi, i; /* the plan, and the task or indicator within it, reached */
};

/* The plan with this id at or after the cursor (ids ascend), or NULL. */
static struct plan *bulk_plan(struct bulk *b, long long id)
{
	while (b->pi < b->n && b->v[b->pi].id < id)
		b->pi++;
	return b->pi < b->n && b->v[b->pi].id == id ? &b->v[b->pi] : NULL;
}

/* The task with this id at or after the cursor (plan, then seq order). */
static struct task *bulk_task(struct bulk *b, long long id)
{
	for (; b->pi < b->n; b->pi++, b->i = 0)
		for (; b->i < b->v[b->pi].tasks.n; b->i++)
			if (b->v[b->pi].tasks.v[b->i].id == id)
				return &b->v[b->pi].tasks.v[b->i];
	return NULL;
}

static struct indicator *bulk_indicator(struct bulk *b, long long id)
{
	for (; b->pi < b->n; b->pi++, b->i = 0)
		for (; b->i < b->v[b->pi].indicators.n; b->i++)
			if (b->v[b->pi].indicators.v[b->i].id == id)
				return &b->v[b->pi].indicators.v[b->i];
	return NULL;
}

static void bulk_rewind(struct bulk *b)
{
	b->pi = b->i = 0;
}

static void bulk_plans(const PGresult *r, void *arg)
{
	struct bulk *b = arg;
	int i;

	for (i = 0; i < PQntuples(r); i++) {
		struct plan *p;

		xgrow((void **)&b->v, &b->cap, b->n + 1, sizeof(*b->v));
		p = &b->v[b->n++];
		plan_init(p);
		p->id = pg_ll(r, i, 0);
		read_document_row(r, i, 1, p);
	}
}

/* Plan targets: the columns of load_targets, then plan_id. */
static void bulk_plan_targets(const PGresult *r, void *arg)
{
	struct bulk *b = arg;
	int i;

	for (i = 0; i < PQntuples(r); i++) {
		struct plan *p = bulk_plan(b, pg_ll(r, i, 10));
		struct target *t;

		if (!p)
			continue;
		t = VEC_PUSH(&p->targets);
		read_target(r, i, t);
		t->baseline = read_baseline(r, i, 6);
	}
}

static void bulk_tasks(const PGresult *r, void *arg)
{
	struct bulk *b = arg;
	int i;

	for (i = 0; i < PQntuples(r); i++) {
		struct plan *p = bulk_plan(b, pg_ll(r, i, 1));

		if (p)
			read_task_row(r, i, plan_add_task(p));
	}
}

/* (owner id, role, name) rows into the task's or indicator's lists. */
static void bulk_task_agencies(const PGresult *r, void *arg)
{
	struct bulk *b = arg;
	int i;

	for (i = 0; i < PQntuples(r); i++) {
		struct task *t = bulk_task(b, pg_ll(r, i, 0));
		int role = store_role_index(PQgetvalue(r, i, 1));

		if (t && role >= 0)
			strlist_push(store_role_list(t, role), PQgetvalue(r, i, 2));
	}
}

static void bulk_task_targets(const PGresult *r, void *arg)
{
	struct bulk *b = arg;
	int i;

	for (i = 0; i < PQntuples(r); i++) {
		struct task *t = bulk_task(b, pg_ll(r, i, 6));

		if (t)
			read_target(r, i, VEC_PUSH(&t->targets));
	}
}

static void bulk_indicators(const PGresult *r, void *arg)
{
	struct bulk *b = arg;
	int i;

	for (i = 0; i < PQntuples(r); i++) {
		struct plan *p = bulk_plan(b, pg_ll(r, i, 16));
		struct indicator *ind;

		if (!p)
			continue;
		ind = plan_add_indicator(p);
		read_indicator_row(r, i, ind);
	}
}

static void bulk_indicator_agencies(const PGresult *r, void *arg)
{
	struct bulk *b = arg;
	int i;

	for (i = 0; i < PQntuples(r); i++) {
		struct indicator *ind = bulk_indicator(b, pg_ll(r, i, 0));
		struct strlist *lists[4];
		int role = store_role_index(PQgetvalue(r, i, 1));

		if (!ind || role < 0)
			continue;
		lists[0] = &ind->lead;
		lists[1] = &ind->lead_groups;
		lists[2] = &ind->coordinate;
		lists[3] = &ind->coordinate_groups;
		strlist_push(lists[role], PQgetvalue(r, i, 2));
	}
}

static void bulk_indicator_periods(const PGresult *r, void *arg)
{
	struct bulk *b = arg;
	int i;

	for (i = 0; i < PQntuples(r); i++) {
		struct indicator *ind = bulk_indicator(b, pg_ll(r, i, 6));

		if (ind)
			read_target(r, i, VEC_PUSH(&ind->by_period));
	}
}

static void bulk_reporting(const PGresult *r, void *arg)
{
	struct bulk *b = arg;
	int i;

	for (i = 0; i < PQntuples(r); i++) {
		struct plan *p = bulk_plan(b, pg_ll(r, i, 2));

		if (p)
			plan_add_reporting(p, pg_col(r, i, 0), pg_col(r, i, 1));
	}
}

/*
 * Every published plan as pg_plan_load reads each, in id order, in one
 * snapshot: one query per table (each read through a cursor), not one per
 * plan, so that a national world loads in one pass.
 */
static int pg_plans_published(struct store *s, struct plan **out, size_t *n, struct sb *err)
{
	static const struct {
		const char *sql;
		void (*fn)(const PGresult *, void *);
	} steps[] = {
		{ "SELECT p.id, p.number, p.kind, p.issuer, p.place, p.date, p.year, p.title,"
		  " d.notes FROM plans p JOIN documents d ON d.id = p.document_id"
		  " WHERE p.status = 'published' ORDER BY p.id",
		  bulk_plans },
		{ "SELECT g.text, g.value, g.max, g.unit, g.op, g.period, g.has_baseline,"
		  " g.baseline_period, g.baseline_text, g.baseline_value, g.plan_id FROM targets g"
		  " JOIN plans p ON p.id = g.plan_id AND p.status = 'published'"
		  " WHERE g.task_id IS NULL ORDER BY g.plan_id, g.seq",
		  bulk_plan_targets },
		{ "SELECT t.id, t.plan_id, t.ref, t.section, t.text, t.leader, t.supervisor,"
		  " t.has_due, t.due_text, t.due_start, t.due_end, t.due_recurring, t.result,"
		  " t.doubt, t.source_line, t.state FROM tasks t"
		  " JOIN plans p ON p.id = t.plan_id AND p.status = 'published'"
		  " ORDER BY t.plan_id, t.seq",
		  bulk_tasks },
		{ "SELECT a.task_id, a.role, a.name FROM task_agencies a"
		  " JOIN tasks t ON t.id = a.task_id"
		  " JOIN plans p ON p.id = t.plan_id AND p.status = 'published'"
		  " ORDER BY t.plan_id, t.seq, a.role COLLATE \"C\", a.seq",
		  bulk_task_agencies },
		{ "SELECT g.text, g.value, g.max, g.unit, g.op, g.period, g.task_id FROM targets g"
		  " JOIN tasks t ON t.id = g.task_id"
		  " JOIN plans p ON p.id = t.plan_id AND p.status = 'published'"
		  " ORDER BY t.plan_id, t.seq, g.seq",
		  bulk_task_targets },
		{ "SELECT i.id, i.ref, i.name, i.unit, i.has_target, i.target_text, i.target_value,"
		  " i.target_max, i.leader, i.target_op, i.source_line, i.target_period,"
		  " i.has_baseline, i.baseline_period, i.baseline_text, i.baseline_value, i.plan_id"
		  " FROM indicators i JOIN plans p ON p.id = i.plan_id AND p.status = 'published'"
		  " ORDER BY i.plan_id, i.seq",
		  bulk_indicators },
		{ "SELECT a.indicator_id, a.role, a.name FROM indicator_agencies a"
		  " JOIN indicators i ON i.id = a.indicator_id"
		  " JOIN plans p ON p.id = i.plan_id AND p.status = 'published'"
		  " ORDER BY i.plan_id, i.seq, a.role COLLATE \"C\", a.seq",
		  bulk_indicator_agencies },
		{ "SELECT g.text, g.value, g.max, NULL, g.op, g.period, g.indicator_id"
		  " FROM indicator_periods g JOIN indicators i ON i.id = g.indicator_id"
		  " JOIN plans p ON p.id = i.plan_id AND p.status = 'published'"
		  " ORDER BY i.plan_id, i.seq, g.seq",
		  bulk_indicator_periods },
		{ "SELECT r.label, r.due, r.plan_id FROM reporting_deadlines r"
		  " JOIN plans p ON p.id = r.plan_id AND p.status = 'published'"
		  " ORDER BY r.plan_id, r.seq",
		  bulk_reporting },
	};
	struct pg_store *ps = pg_impl(s);
	struct bulk b = { 0 };
	bool own = !ps->in_tx;
	size_t k;
	int rc = 0;

	*out = NULL;
	*n = 0;
	/* One snapshot, so the plans are read as of one moment. */
	if (own && (rc = pg_ctl(ps, err, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")) < 0)
		return rc;
	for (k = 0; rc == 0 && k < ARRAY_SIZE(steps); k++) {
		bulk_rewind(&b);
		rc = pg_batches(ps, err, steps[k].sql, steps[k].fn, &b);
	}
	if (own)
		pg_quiet(ps, "ROLLBACK");
	if (rc < 0) {
		for (k = 0; k < b.n; k++)
			plan_release(&b.v[k]);
		free(b.v);
		return rc;
	}
	*out = b.v;
	*n = b.n;
	return 0;
}

static int pg_plan_list(struct store *s, int (*fn)(const struct plan_meta *, void *), void *arg,
			struct sb *err)
{
	PGresult *r = NULL;
	int i, stop = 0,
	       rc = pg_get(pg_impl(s), err, &r,
			   "SELECT p.id, d.source, d.sha256, p.status, " PG_TS("d.imported_at") ","
			   " p.number, p.kind, p.title,"
			   " (SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id),"
			   " (SELECT COUNT(*) FROM indicators i WHERE i.plan_id = p.id),"
			   " (SELECT COUNT(*) FROM targets g WHERE g.plan_id = p.id)"
			   " FROM plans p JOIN documents d ON d.id = p.document_id ORDER BY p.id",
			   "");

	for (i = 0; rc == 0 && !stop && i < PQntuples(r); i++) {
		struct plan_meta m = {
			.id = pg_ll(r, i, 0),
			.source = pg_col_dup(r, i, 1),
			.sha256 = pg_col_dup(r, i, 2),
			.status = store_plan_status(pg_col(r, i, 3)),
			.imported_at = pg_col_dup(r, i, 4),
			.number = pg_col_dup(r, i, 5),
			.kind = pg_col_dup(r, i, 6),
			.title = pg_col_dup(r, i, 7),
			.ntasks = (size_t)pg_ll(r, i, 8),
			.nindicators = (size_t)pg_ll(r, i, 9),
			.ntargets = (size_t)pg_ll(r, i, 10),
		};

		stop = fn(&m, arg);
		plan_meta_release(&m);
	}
	PQclear(r);
	return rc;
}

static int pg_plan_meta(struct store *s, long long id, struct plan_meta *out, struct sb *err)
{
	struct pg_store *ps = pg_impl(s);
	PGresult *r = NULL;
	int rc = pg_get(ps, err, &r,
			"SELECT p.id, d.source, d.sha256, p.status, " PG_TS("d.imported_at") ","
			" p.number, p.kind, p.title,"
			" (SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id),"
			" (SELECT COUNT(*) FROM indicators i WHERE i.plan_id = p.id),"
			" (SELECT COUNT(*) FROM targets g WHERE g.plan_id = p.id)"
			" FROM plans p JOIN documents d ON d.id = p.document_id WHERE p.id = $1",
			"i", id);

	memset(out, 0, sizeof(*out));
	if (rc == 0 && PQntuples(r) == 0) {
		sb_addf(err, "no plan with id %lld; see 'dondoc plans'", id);
		rc = -ERR_NOTFOUND;
	} else if (rc == 0) {
		out->id = pg_ll(r, 0, 0);
		out->source = pg_col_dup(r, 0, 1);
		out->sha256 = pg_col_dup(r, 0, 2);
		out->status = store_plan_status(pg_col(r, 0, 3));
		out->imported_at = pg_col_dup(r, 0, 4);
		out->number = pg_col_dup(r, 0, 5);
		out->kind = pg_col_dup(r, 0, 6);
		out->title = pg_col_dup(r, 0, 7);
		out->ntasks = (size_t)pg_ll(r, 0, 8);
		out->nindicators = (size_t)pg_ll(r, 0, 9);
		out->ntargets = (size_t)pg_ll(r, 0, 10);
	}
	PQclear(r);
	return rc;
}

static int pg_task_list(struct store *s, const struct task_filter *f,
			int (*fn)(const struct task_row *, void *), void *arg, struct sb *err)
{
	struct pg_store *ps = pg_impl(s);
	char *agency_key = f->agency ? vi_fold_dup(f->agency, VI_FOLD_PUNCT) : NULL;
	char *leader_key = f->leader ? vi_fold_dup(f->leader, 0) : NULL;
	PGresult *r = NULL;
	struct task *tasks = NULL, **v = NULL;
	int i, n = 0, rc, stop = 0;

	/* Folded keys compared as plain substrings (strpos, not LIKE: '%' and '_'
	 * are characters like any other); an empty key matches nothing. */
	rc = pg_get(ps, err, &r,
		    "SELECT " TASK_COLUMNS " FROM tasks t"
		    " WHERE ($1::bigint = 0 OR t.plan_id = $1)"
		    " AND ($4::bigint = 0 OR t.id = $4)"
		    " AND ($2::text IS NULL OR ($2 <> '' AND EXISTS (SELECT 1 FROM task_agencies a"
		    "   WHERE a.task_id = t.id AND a.role IN ('lead', 'coordinate')"
		    "   AND strpos(a.name_key, $2) > 0)))"
		    " AND ($3::text IS NULL OR ($3 <> '' AND strpos(t.leader_key, $3) > 0))"
		    " ORDER BY t.plan_id, t.seq",
		    "itti", f->plan_id, agency_key, leader_key, f->task_id);
	if (rc == 0) {
		n = PQntuples(r);
		tasks = xcalloc((size_t)n + 1, sizeof(*tasks));
		v = xcalloc((size_t)n + 1, sizeof(*v));
		for (i = 0; i < n; i++) {
			read_task_row(r, i, &tasks[i]);
			v[i] = &tasks[i];
		}
		rc = load_task_parts(ps, err, v, (size_t)n);
	}
	for (i = 0; rc == 0 && !stop && i < n; i++) {
		struct task_row row = { .id = tasks[i].id, .plan_id = pg_ll(r, i, 1),
					.task = &tasks[i] };

		stop = fn(&row, arg);
	}
	for (i = 0; i < n; i++)
		task_release(&tasks[i]);
	free(tasks);
	free(v);
	PQclear(r);
	free(agency_key);
	free(leader_key);
	return rc;
}

/* ---- agencies and people ------------------------------------------------ */

/* Runs a constant query of (name, count) rows, calling fn for each. */
static int name_counts(struct store *s, const char *sql,
		       int (*fn)(const char *, size_t, void *), void *arg, struct sb *err)
{
	PGresult *r = NULL;
	int i, stop = 0, rc = pg_get(pg_impl(s), err, &r, sql, "");

	for (i = 0; rc == 0 && !stop && i < PQntuples(r); i++)
		stop = fn(PQgetvalue(r, i, 0), (size_t)pg_ll(r, i, 1), arg);
	PQclear(r);
	return rc;
}

/* Runs a constant query of (text, text) rows, calling fn for each. */
static int text_pairs(struct store *s, const char *sql,
		      int (*fn)(const char *, const char *, void *), void *arg, struct sb *err)
{
	PGresult *r = NULL;
	int i, stop = 0, rc = pg_get(pg_impl(s), err, &r, sql, "");

	for (i = 0; rc == 0 && !stop && i < PQntuples(r); i++)
		stop = fn(PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), arg);
	PQclear(r);
	return rc;
}

static int pg_agency_usage(struct store *s, int (*fn)(const char *, size_t, void *), void *arg,
			   struct sb *err)
{
	return name_counts(s,
			   "SELECT MIN(name COLLATE \"C\"), COUNT(*) FROM ("
			   " SELECT name, name_key FROM task_agencies"
			   " WHERE role IN ('lead', 'coordinate')"
			   " UNION ALL SELECT name, name_key FROM indicator_agencies"
			   " WHERE role IN ('lead', 'coordinate')) u"
			   " GROUP BY name_key ORDER BY 1",
			   fn, arg, err);
}

static int pg_agency_alias_list(struct store *s, int (*fn)(const char *, const char *, void *),
				void *arg, struct sb *err)
{
	return text_pairs(s, "SELECT alias, canonical FROM agency_aliases ORDER BY id", fn, arg,
			  err);
}

static int pg_person_alias_list(struct store *s, int (*fn)(const char *, const char *, void *),
				void *arg, struct sb *err)
{
	return text_pairs(s, "SELECT alias, canonical FROM person_aliases ORDER BY id", fn, arg,
			  err);
}

static int pg_person_usage(struct store *s, int (*fn)(const char *, size_t, void *), void *arg,
			   struct sb *err)
{
	return name_counts(s,
			   "SELECT MIN(leader COLLATE \"C\"), COUNT(*) FROM ("
			   " SELECT leader, leader_key FROM tasks WHERE leader IS NOT NULL"
			   " UNION ALL SELECT leader, leader_key FROM indicators"
			   " WHERE leader IS NOT NULL) u"
			   " GROUP BY leader_key ORDER BY 1",
			   fn, arg, err);
}

/* ---- tracking: plan state and publication ------------------------------- */

static int read_plan_state(struct pg_store *ps, long long id, bool lock, struct plan_state *out,
			   struct sb *err)
{
	PGresult *r = NULL;
	int rc = lock ? pg_get(ps, err, &r,
			       "SELECT status, version, year FROM plans WHERE id = $1 FOR UPDATE",
			       "i", id)
		      : pg_get(ps, err, &r, "SELECT status, version, year FROM plans WHERE id = $1",
			       "i", id);

	memset(out, 0, sizeof(*out));
	if (rc == 0 && PQntuples(r) == 0) {
		sb_addf(err, "no plan with id %lld; see 'dondoc plans'", id);
		rc = -ERR_NOTFOUND;
	} else if (rc == 0) {
		out->id = id;
		out->status = store_plan_status(PQgetvalue(r, 0, 0));
		out->version = (int)pg_ll(r, 0, 1);
		out->year = (int)pg_ll(r, 0, 2);
	}
	PQclear(r);
	return rc;
}

static int pg_plan_state(struct store *s, long long id, struct plan_state *out, struct sb *err)
{
	return read_plan_state(pg_impl(s), id, false, out, err);
}

struct publish_ctx {
	long long id;
	const char *actor;
};

static int publish_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct publish_ctx *c = arg;
	struct plan_state st;
	int rc = read_plan_state(ps, c->id, true, &st, err);

	if (rc < 0)
		return rc;
	if (st.status == PLAN_PUBLISHED)
		return 1;
	if (st.status != PLAN_DRAFT) {
		sb_addf(err, "plan %lld is %s; only a draft can be published", c->id,
			plan_status_key(st.status));
		return -ERR_CONFLICT;
	}
	rc = pg_put(ps, err, NULL, "UPDATE plans SET status = 'published' WHERE id = $1", "i",
		    c->id);
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, "publish", "plan", c->id, "status",
			      plan_status_key(st.status), "published", NULL);
	return rc;
}

static int pg_plan_publish(struct store *s, long long id, const char *actor, struct sb *err)
{
	struct publish_ctx c = { id, actor };

	/* The row lock (FOR UPDATE) orders two publishers; READ COMMITTED is enough. */
	return pg_write(pg_impl(s), PG_READ_COMMITTED, publish_body, &c, err);
}

static int pg_task_ref(struct store *s, long long task_id, struct task_ref *out, struct sb *err)
{
	struct pg_store *ps = pg_impl(s);
	PGresult *r = NULL;
	int rc = pg_get(ps, err, &r, "SELECT plan_id FROM tasks WHERE id = $1", "i", task_id);

	memset(out, 0, sizeof(*out));
	if (rc == 0 && PQntuples(r) == 0) {
		sb_addf(err, "no task with id %lld; see 'dondoc tasks'", task_id);
		rc = -ERR_NOTFOUND;
	} else if (rc == 0) {
		out->id = task_id;
		out->plan_id = pg_ll(r, 0, 0);
	}
	PQclear(r);
	if (rc == 0)
		rc = read_plan_state(ps, out->plan_id, false, &out->plan, err);
	return rc;
}

/* ---- contacts and reminders --------------------------------------------- */

struct contact_ctx {
	const char *name, *email, *actor;
	char *key;
};

static int contact_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct contact_ctx *c = arg;
	PGresult *r = NULL;
	char now[32];
	char *old = NULL;
	int rc;

	pg_now_iso(ps, now, sizeof(now));
	rc = pg_get(ps, err, &r, "SELECT email FROM agency_contacts WHERE agency_key = $1", "t",
		    c->key);
	if (rc == 0 && PQntuples(r))
		old = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	if (rc == 0)
		rc = pg_put(ps, err, NULL,
			    "INSERT INTO agency_contacts (agency, agency_key, email, updated_at, actor)"
			    " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (agency_key) DO UPDATE SET"
			    " agency = excluded.agency, email = excluded.email,"
			    " updated_at = excluded.updated_at, actor = excluded.actor",
			    "ttttt", c->name, c->key, c->email, now, c->actor);
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, "contact", "agency_contact", 0, c->name, old,
			      c->email, NULL);
	free(old);
	return rc;
}

static int pg_contact_set(struct store *s, const char *name, const char *email,
			  const char *actor, struct sb *err)
{
	struct contact_ctx c = { name, email, actor, vi_fold_dup(name, VI_FOLD_PUNCT) };
	int rc;

	if (!*c.key || !email || !*email) {
		sb_adds(err, "a contact needs a name and an e-mail address");
		rc = -ERR_USAGE;
	} else {
		/* Read, then write: SERIALIZABLE, so the audit row's old value is true. */
		rc = pg_write(pg_impl(s), PG_SERIALIZABLE, contact_body, &c, err);
	}
	free(c.key);
	return rc;
}

static int pg_contact_find(struct store *s, const char *name, char **email, struct sb *err)
{
	char *key = vi_fold_dup(name ? name : "", VI_FOLD_PUNCT);
	PGresult *r = NULL;
	int rc = pg_get(pg_impl(s), err, &r,
			"SELECT email FROM agency_contacts WHERE agency_key = $1", "t", key);

	*email = rc == 0 && PQntuples(r) ? xstrdup(PQgetvalue(r, 0, 0)) : NULL;
	PQclear(r);
	free(key);
	return rc;
}

static int pg_contact_list(struct store *s, int (*fn)(const char *, const char *, void *),
			   void *arg, struct sb *err)
{
	return text_pairs(s,
			  "SELECT agency, email FROM agency_contacts ORDER BY agency COLLATE \"C\"",
			  fn, arg, err);
}

static int pg_reminder_seen(struct store *s, enum remind_kind kind, const char *recipient,
			    int day, const char *state, bool *seen, struct sb *err)
{
	char *key = vi_fold_dup(recipient, VI_FOLD_PUNCT), iso[CAL_ISO_LEN];
	PGresult *r = NULL;
	int rc = pg_get(pg_impl(s), err, &r,
			"SELECT 1 FROM reminders WHERE kind = $1 AND recipient_key = $2"
			" AND day = $3 AND state = $4",
			"tttt", remind_kind_key(kind), key, store_day_iso(day, iso), state);

	*seen = rc == 0 && PQntuples(r) > 0;
	PQclear(r);
	free(key);
	return rc;
}

struct reminder_ctx {
	const struct reminder_rec *r;
	const char *actor;
	char *key;
};

static int reminder_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct reminder_ctx *c = arg;
	const struct reminder_rec *r = c->r;
	long long id = 0;
	char now[32], day[CAL_ISO_LEN];
	int rc;

	pg_now_iso(ps, now, sizeof(now));
	/* The unique key decides between two servers recording the same reminder:
	 * the second inserts nothing and learns it was already sent. */
	rc = pg_insert_id(ps, err, &id,
			  "INSERT INTO reminders (kind, recipient, recipient_key, email, day, state,"
			  " items, subject, via, at, actor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
			  " $9, $10, $11) ON CONFLICT (kind, recipient_key, day, state) DO NOTHING"
			  " RETURNING id",
			  "tttttti" "tttt", remind_kind_key(r->kind), r->recipient, c->key,
			  r->email, store_day_iso(r->day, day), r->state, (long long)r->items,
			  r->subject, r->via, now, c->actor);
	if (rc == 0 && id == 0)
		return 1;
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, remind_kind_key(r->kind), "reminder", id,
			      "recipient", NULL, r->recipient, NULL);
	return rc;
}

static int pg_reminder_record(struct store *s, const struct reminder_rec *r, const char *actor,
			      struct sb *err)
{
	struct reminder_ctx c = { r, actor, vi_fold_dup(r->recipient, VI_FOLD_PUNCT) };
	int rc = pg_write(pg_impl(s), PG_READ_COMMITTED, reminder_body, &c, err);

	free(c.key);
	return rc;
}

/* ---- not ported yet ----------------------------------------------------- */

static int not_yet(struct store *s, struct sb *err, const char *what)
{
	sb_addf(err, "%s: %s is not available on PostgreSQL in this build; use a SQLite file",
		pg_impl(s)->where, what);
	return -ERR_UNSUPPORTED;
}

/* The server enforces the foreign keys and its own page checksums; the
 * check adds dondoc's invariants (invariants.h) and the indexes' validity. */
static int pg_check(struct store *s, int (*fn)(const char *, void *), void *arg, struct sb *err)
{
	struct pg_store *ps = pg_impl(s);
	PGresult *r = NULL;
	int n = 0, i, rc;
	size_t k;

	rc = pg_get(ps, err, &r,
		    "SELECT 'index ' || c.relname || ' is not valid; REINDEX it'"
		    " FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid"
		    " JOIN pg_namespace s ON s.oid = c.relnamespace"
		    " WHERE s.nspname = current_schema() AND NOT x.indisvalid",
		    "");
	for (k = 0; rc == 0; k++) {
		for (i = 0; i < PQntuples(r); i++, n++)
			if (fn)
				fn(PQgetvalue(r, i, 0), arg);
		PQclear(r);
		r = NULL;
		if (k == ARRAY_SIZE(invariants))
			break;
		rc = pg_get(ps, err, &r, invariants[k].sql, "");
	}
	PQclear(r);
	return rc < 0 ? rc : n;
}

static int pg_evidence_list(struct store *s, int (*fn)(const char *, void *), void *arg,
			    struct sb *err)
{
	PGresult *r = NULL;
	int i, rc = pg_get(pg_impl(s), err, &r,
			   "SELECT DISTINCT sha256 COLLATE \"C\" FROM evidence ORDER BY 1", "");

	for (i = 0; rc == 0 && i < PQntuples(r); i++)
		if (fn(PQgetvalue(r, i, 0), arg))
			break;
	PQclear(r);
	return rc;
}

static int pg_backup(struct store *s, const char *dest, struct sb *err)
{
	(void)dest;
	return not_yet(s, err, "dondoc backup (use pg_dump or a replica)");
}

static int pg_restore(struct store *s, const char *src, struct sb *err)
{
	(void)src;
	return not_yet(s, err, "dondoc restore (use pg_restore)");
}


/* ---- tracking: amendments ----------------------------------------------- */

/* A task's agencies of one role pair as one printable value: "A; B; group". */
static int agencies_text(struct pg_store *ps, long long task_id, const char *role,
			 struct sb *out, struct sb *err)
{
	PGresult *r = NULL;
	int i, rc = pg_get(ps, err, &r,
			   "SELECT name FROM task_agencies WHERE task_id = $1 AND role IN ($2, $3)"
			   " ORDER BY role COLLATE \"C\", seq",
			   "itt", task_id, role,
			   strcmp(role, "lead") == 0 ? "lead_group" : "coordinate_group");

	for (i = 0; rc == 0 && i < PQntuples(r); i++)
		sb_addf(out, "%s%s", out->len ? "; " : "", PQgetvalue(r, i, 0));
	PQclear(r);
	return rc;
}

/* The current value of a field, as history and audit rows show it. */
static int field_value(struct pg_store *ps, long long task_id, const char *field,
		       struct sb *out, struct sb *err)
{
	struct sb sql = SB_INIT;
	PGresult *r = NULL;
	int rc;

	if (strcmp(field, "lead") == 0 || strcmp(field, "coordinate") == 0)
		return agencies_text(ps, task_id, field, out, err);
	if (strcmp(field, "due") == 0)
		sb_adds(&sql, "SELECT has_due, due_text, due_start, due_end, due_recurring FROM tasks"
			      " WHERE id = $1");
	else /* the field name was checked against the fixed list: safe to splice */
		sb_addf(&sql, "SELECT true, %s FROM tasks WHERE id = $1", field);
	rc = pg_get(ps, err, &r, sql.buf, "i", task_id);
	sb_release(&sql);
	if (rc == 0 && PQntuples(r) && strcmp(field, "due") == 0 && pg_bool(r, 0, 0)) {
		sb_addf(out, "%s [%s..%s%s]", PQgetvalue(r, 0, 1), PQgetvalue(r, 0, 2),
			PQgetvalue(r, 0, 3), pg_bool(r, 0, 4) ? ", recurring" : "");
	} else if (rc == 0 && PQntuples(r) && strcmp(field, "due") != 0 && pg_col(r, 0, 1)) {
		sb_adds(out, PQgetvalue(r, 0, 1));
	}
	PQclear(r);
	return rc;
}

static int replace_agencies(struct pg_store *ps, long long task_id, const char *field,
			    const struct strlist *bodies, const struct strlist *groups,
			    struct sb *err)
{
	const char *group_role = strcmp(field, "lead") == 0 ? "lead_group" : "coordinate_group";
	const struct strlist *lists[2] = { bodies, groups };
	const char *pair[2] = { field, group_role };
	int k, rc;
	size_t i;

	rc = pg_put(ps, err, NULL, "DELETE FROM task_agencies WHERE task_id = $1 AND role IN ($2, $3)",
		    "itt", task_id, field, group_role);
	for (k = 0; k < 2 && rc == 0; k++) {
		for (i = 0; lists[k] && i < lists[k]->n && rc == 0; i++) {
			char *key = vi_fold_dup(lists[k]->v[i], VI_FOLD_PUNCT);

			rc = pg_put(ps, err, NULL,
				    "INSERT INTO task_agencies (task_id, role, seq, name, name_key)"
				    " VALUES ($1, $2, $3, $4, $5)",
				    "itit" "t", task_id, pair[k], (long long)i, lists[k]->v[i], key);
			free(key);
		}
	}
	return rc;
}

static int write_field(struct pg_store *ps, long long task_id, const struct task_edit *e,
		       struct sb *err)
{
	const char *v = e->value && *e->value ? e->value : NULL;
	struct sb sql = SB_INIT;
	int rc;

	if (strcmp(e->field, "lead") == 0 || strcmp(e->field, "coordinate") == 0)
		return replace_agencies(ps, task_id, e->field, e->bodies, e->groups, err);
	if (strcmp(e->field, "due") == 0) {
		const struct due *d = e->due;

		return pg_put(ps, err, NULL,
			      "UPDATE tasks SET has_due = $1, due_text = $2, due_start = $3,"
			      " due_end = $4, due_recurring = $5 WHERE id = $6",
			      "btttbi", d != NULL, d ? d->text : NULL, d ? nz(d->start) : NULL,
			      d ? nz(d->end) : NULL, d && d->recurring, task_id);
	}
	if (strcmp(e->field, "leader") == 0) {
		char *key = v ? vi_fold_dup(v, 0) : NULL;

		rc = pg_put(ps, err, NULL, "UPDATE tasks SET leader = $1, leader_key = $2 WHERE id = $3",
			    "tti", v, key, task_id);
		if (rc == 0 && v)
			rc = insert_person(ps, err, v);
		free(key);
		return rc;
	}
	sb_addf(&sql, "UPDATE tasks SET %s = $1 WHERE id = $2", e->field);
	rc = pg_put(ps, err, NULL, sql.buf, "ti", v, task_id);
	sb_release(&sql);
	return rc;
}

static void new_value_text(const struct task_edit *e, struct sb *out)
{
	const struct due *d = e->due;
	size_t i;

	if (strcmp(e->field, "due") == 0) {
		if (d)
			sb_addf(out, "%s [%s..%s%s]", d->text ? d->text : "", d->start, d->end,
				d->recurring ? ", recurring" : "");
	} else if (strcmp(e->field, "lead") == 0 || strcmp(e->field, "coordinate") == 0) {
		for (i = 0; e->bodies && i < e->bodies->n; i++)
			sb_addf(out, "%s%s", out->len ? "; " : "", e->bodies->v[i]);
		for (i = 0; e->groups && i < e->groups->n; i++)
			sb_addf(out, "%s%s", out->len ? "; " : "", e->groups->v[i]);
	} else if (e->value) {
		sb_adds(out, e->value);
	}
}

struct edit_ctx {
	long long task_id;
	const struct task_edit *e;
	const char *actor, *reason;
};

static int edit_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct edit_ctx *c = arg;
	struct sb oldv = SB_INIT, newv = SB_INIT;
	struct task_ref tr;
	char now[32];
	int rc;

	rc = pg_task_ref(&ps->base, c->task_id, &tr, err);
	if (rc == 0)
		rc = field_value(ps, c->task_id, c->e->field, &oldv, err);
	new_value_text(c->e, &newv);
	if (rc == 0 && strcmp(oldv.buf, newv.buf) == 0) {
		sb_addf(err, "task %lld: %s is already '%s'; nothing to change", c->task_id,
			c->e->field, newv.buf);
		rc = -ERR_CONFLICT;
	}
	if (rc == 0)
		rc = write_field(ps, c->task_id, c->e, err);
	pg_now_iso(ps, now, sizeof(now));
	/* The history row keeps the version the old value belonged to. */
	if (rc == 0)
		rc = pg_put(ps, err, NULL,
			    "INSERT INTO task_history (task_id, plan_version, field, old_value,"
			    " new_value, at, actor, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
			    "iittttt" "t", c->task_id, (long long)tr.plan.version, c->e->field,
			    oldv.len ? oldv.buf : NULL, newv.len ? newv.buf : NULL, now, c->actor,
			    c->reason);
	if (rc == 0 && tr.plan.status == PLAN_PUBLISHED)
		rc = pg_put(ps, err, NULL, "UPDATE plans SET version = version + 1 WHERE id = $1",
			    "i", tr.plan_id);
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, "edit", "task", c->task_id, c->e->field,
			      oldv.len ? oldv.buf : NULL, newv.len ? newv.buf : NULL, c->reason);
	sb_release(&oldv);
	sb_release(&newv);
	return rc;
}

static int pg_task_edit(struct store *s, long long task_id, const struct task_edit *e,
			const char *actor, const char *reason, struct sb *err)
{
	struct edit_ctx c = { task_id, e, actor, reason };

	if (!store_task_edit_field_ok(e->field)) {
		sb_addf(err, "'%s' is not a task field; use text, ref, section, leader, supervisor,"
			     " result, due, lead or coordinate", e->field ? e->field : "");
		return -ERR_USAGE;
	}
	if (!reason || !*reason) {
		sb_adds(err, "a correction needs a reason (--reason)");
		return -ERR_USAGE;
	}
	return pg_write(pg_impl(s), PG_SERIALIZABLE, edit_body, &c, err);
}

static int pg_task_history(struct store *s, long long task_id,
			   int (*fn)(const struct task_change *, void *), void *arg, struct sb *err)
{
	PGresult *r = NULL;
	int i, stop = 0,
	       rc = pg_get(pg_impl(s), err, &r,
			   "SELECT id, task_id, plan_version, field, old_value, new_value, "
			   PG_TS("at") ", actor, reason FROM task_history"
			   " WHERE ($1::bigint = 0 OR task_id = $1) ORDER BY id",
			   "i", task_id);

	for (i = 0; rc == 0 && !stop && i < PQntuples(r); i++) {
		struct task_change c = {
			.id = pg_ll(r, i, 0),
			.task_id = pg_ll(r, i, 1),
			.plan_version = (int)pg_ll(r, i, 2),
			.field = pg_col(r, i, 3),
			.old_value = pg_col(r, i, 4),
			.new_value = pg_col(r, i, 5),
			.at = pg_col(r, i, 6),
			.actor = pg_col(r, i, 7),
			.reason = pg_col(r, i, 8),
		};

		stop = fn(&c, arg);
	}
	PQclear(r);
	return rc;
}

/* ---- tracking: progress reports ----------------------------------------- */

/* The role under which agency takes part in task_id; -ERR_INPUT when none. */
static int agency_role(struct pg_store *ps, long long task_id, const char *agency,
		       enum report_role *role, char *stored, size_t stored_len, struct sb *err)
{
	char *key = vi_fold_dup(agency, VI_FOLD_PUNCT);
	PGresult *r = NULL;
	int rc = pg_get(ps, err, &r,
			"SELECT role, name FROM task_agencies WHERE task_id = $1 AND name_key = $2"
			" ORDER BY CASE WHEN role IN ('lead', 'lead_group') THEN 0 ELSE 1 END, seq LIMIT 1",
			"it", task_id, key);

	free(key);
	if (rc == 0 && PQntuples(r) == 0) {
		sb_addf(err, "'%s' is neither a lead nor a coordinating body of task %lld;"
			     " see 'dondoc tasks'", agency, task_id);
		rc = -ERR_INPUT;
	} else if (rc == 0) {
		*role = strncmp(PQgetvalue(r, 0, 0), "lead", 4) == 0 ? REPORT_LEAD
								     : REPORT_COORDINATE;
		snprintf(stored, stored_len, "%s", PQgetvalue(r, 0, 1));
	}
	PQclear(r);
	return rc;
}

/* A correction must replace a report of the same owner and body that nothing
 * has replaced yet; table and owner_col are constants of this file. */
static int check_replaces(struct pg_store *ps, const char *table, const char *owner_col,
			  long long owner, const char *agency, long long replaces, struct sb *err)
{
	struct sb sql = SB_INIT;
	PGresult *r = NULL;
	int rc;

	sb_addf(&sql,
		"SELECT r.%s, r.agency, (SELECT COUNT(*) FROM %s x WHERE x.replaces_id = r.id)"
		" FROM %s r WHERE r.id = $1",
		owner_col, table, table);
	rc = pg_get(ps, err, &r, sql.buf, "i", replaces);
	sb_release(&sql);
	if (rc == 0 && PQntuples(r) == 0) {
		sb_addf(err, "no report with id %lld to correct", replaces);
		rc = -ERR_NOTFOUND;
	} else if (rc == 0 && (pg_ll(r, 0, 0) != owner || !vi_fold_eq(PQgetvalue(r, 0, 1), agency))) {
		sb_addf(err, "report %lld is not %s's report on %lld; a correction replaces the same"
			     " body's report", replaces, agency, owner);
		rc = -ERR_INPUT;
	} else if (rc == 0 && pg_ll(r, 0, 2) > 0) {
		sb_addf(err, "report %lld has already been corrected; correct the latest one", replaces);
		rc = -ERR_CONFLICT;
	}
	PQclear(r);
	return rc;
}

static int require_published(const struct plan_state *st, struct sb *err)
{
	if (st->status == PLAN_PUBLISHED)
		return 0;
	sb_addf(err, "plan %lld is a %s: publish it first ('dondoc publish %lld')", st->id,
		plan_status_key(st->status), st->id);
	return -ERR_CONFLICT;
}

struct report_ctx {
	struct report_new *r;
	const char *actor;
};

static int report_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct report_ctx *c = arg;
	struct report_new *r = c->r;
	struct task_ref tr;
	char now[32], done[CAL_ISO_LEN], filed[CAL_ISO_LEN];
	int rc;

	pg_now_iso(ps, now, sizeof(now));
	r->id = 0;
	rc = pg_task_ref(&ps->base, r->task_id, &tr, err);
	if (rc == 0)
		rc = require_published(&tr.plan, err);
	if (rc == 0)
		rc = agency_role(ps, r->task_id, r->agency, &r->role, r->agency_stored,
				 sizeof(r->agency_stored), err);
	if (rc == 0 && r->replaces_id)
		rc = check_replaces(ps, "progress_reports", "task_id", r->task_id, r->agency_stored,
				    r->replaces_id, err);
	if (rc == 0)
		rc = pg_insert_id(ps, err, &r->id,
				  "INSERT INTO progress_reports (task_id, agency, role, period, state,"
				  " completion_date, note, value, replaces_id, reported_at, actor,"
				  " filed_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
				  " RETURNING id",
				  "itttttt" "DIttt", r->task_id, r->agency_stored,
				  report_role_key(r->role), r->period, task_state_key(r->state),
				  store_day_iso(r->completion_date, done), r->note, r->value,
				  r->replaces_id ? &r->replaces_id : NULL, now, c->actor,
				  store_day_iso(r->filed_on, filed));
	if (rc == 0 && r->evidence_sha256)
		rc = pg_put(ps, err, NULL,
			    "INSERT INTO evidence (report_id, name, sha256, size, at)"
			    " VALUES ($1, $2, $3, $4, $5)",
			    "ittit", r->id, r->evidence_name, r->evidence_sha256, r->evidence_size,
			    now);
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, r->replaces_id ? "correct" : "report",
			      "progress_report", r->id, "state", NULL, task_state_key(r->state),
			      NULL);
	return rc;
}

static int pg_report_add(struct store *s, struct report_new *r, const char *actor,
			 struct sb *err)
{
	struct report_ctx c = { r, actor };
	/* Two corrections of one report must not both win: SERIALIZABLE. */
	int rc = pg_write(pg_impl(s), PG_SERIALIZABLE, report_body, &c, err);

	if (rc < 0)
		r->id = 0;
	return rc;
}

/* "Replaced" is one index probe a report (progress_reports_replaces): LIMIT 1
 * keeps the planner from hashing every report of the database for an EXISTS. */
#define REPORT_SELECT                                                                      \
	"SELECT r.id, r.task_id, t.plan_id, r.replaces_id,"                                    \
	" (SELECT x.id FROM progress_reports x WHERE x.replaces_id = r.id LIMIT 1) IS NOT NULL," \
	" r.agency, r.role, r.period, r.state, r.completion_date, r.note, r.filed_on,"        \
	" " PG_TS("r.reported_at") ", r.actor, r.value,"                                       \
	" c.decision, c.decided_on, c.done_on, c.reason,"                                     \
	" (SELECT COUNT(*) FROM evidence e WHERE e.report_id = r.id)"                          \
	" FROM progress_reports r JOIN tasks t ON t.id = r.task_id"                            \
	" LEFT JOIN confirmations c ON c.id = (SELECT MAX(id) FROM confirmations"              \
	"   WHERE report_id = r.id)"

static void read_report_row(const PGresult *r, int i, struct report_row *row)
{
	memset(row, 0, sizeof(*row));
	row->id = pg_ll(r, i, 0);
	row->task_id = pg_ll(r, i, 1);
	row->plan_id = pg_ll(r, i, 2);
	row->replaces_id = pg_ll(r, i, 3);
	row->replaced = pg_bool(r, i, 4);
	row->agency = pg_col(r, i, 5);
	row->role = pg_col(r, i, 6) && strcmp(pg_col(r, i, 6), "lead") == 0 ? REPORT_LEAD
									    : REPORT_COORDINATE;
	row->period = pg_col(r, i, 7);
	row->state = store_task_state(pg_col(r, i, 8));
	row->completion_date = calendar_iso_day(pg_col(r, i, 9));
	row->note = pg_col(r, i, 10);
	row->filed_on = calendar_iso_day(pg_col(r, i, 11));
	row->reported_at = pg_col(r, i, 12);
	row->actor = pg_col(r, i, 13);
	row->value = pg_dbl(r, i, 14, &row->has_value);
	row->decision = confirmation_from_key(pg_col(r, i, 15));
	row->decided_on = calendar_iso_day(pg_col(r, i, 16));
	row->confirmed_done_on = calendar_iso_day(pg_col(r, i, 17));
	row->decision_reason = pg_col(r, i, 18);
	row->nevidence = (size_t)pg_ll(r, i, 19);
}

/* The rows of report_list: one plan's, one task's or all, each its own
 * statement so that the planner uses tasks(plan_id, seq) and
 * progress_reports(task_id) (a "$1 = 0 OR ..." filter reads every report). */
static int report_rows(struct pg_store *ps, long long plan_id, long long task_id,
		       PGresult **r, struct sb *err)
{
	if (task_id)
		return pg_get(ps, err, r,
			      REPORT_SELECT " WHERE r.task_id = $2 AND ($1::bigint = 0 OR t.plan_id = $1)"
					    " ORDER BY t.plan_id, t.seq, r.filed_on COLLATE \"C\", r.id",
			      "ii", plan_id, task_id);
	if (plan_id)
		return pg_get(ps, err, r,
			      REPORT_SELECT " WHERE t.plan_id = $1"
					    " ORDER BY t.plan_id, t.seq, r.filed_on COLLATE \"C\", r.id",
			      "i", plan_id);
	return pg_get(ps, err, r,
		      REPORT_SELECT " ORDER BY t.plan_id, t.seq, r.filed_on COLLATE \"C\", r.id", "");
}

/* Every report of the database (the shared world's load): the columns of
 * REPORT_SELECT with joins instead of three probes a row, read through a
 * cursor (pg_batches), in no set order (store.h): hash joins over the
 * tables, no sort of millions of rows. reported_at comes as the UTC
 * timestamp's text, put in PG_TS's form by report_batch (to_char was a
 * quarter of the statement's time). */
#define REPORT_SELECT_ALL                                                                  \
	"SELECT r.id, r.task_id, t.plan_id, r.replaces_id, x.replaces_id IS NOT NULL,"         \
	" r.agency, r.role, r.period, r.state, r.completion_date, r.note, r.filed_on,"        \
	" (r.reported_at AT TIME ZONE 'UTC')::text, r.actor, r.value,"                         \
	" c.decision, c.decided_on, c.done_on, c.reason, COALESCE(e.n, 0)"                    \
	" FROM progress_reports r JOIN tasks t ON t.id = r.task_id"                            \
	" LEFT JOIN (SELECT DISTINCT replaces_id FROM progress_reports"                         \
	"   WHERE replaces_id IS NOT NULL) x ON x.replaces_id = r.id"                           \
	" LEFT JOIN (SELECT DISTINCT ON (report_id) report_id, decision, decided_on, done_on,"  \
	"   reason FROM confirmations ORDER BY report_id, id DESC) c ON c.report_id = r.id"     \
	" LEFT JOIN (SELECT report_id, COUNT(*) AS n FROM evidence GROUP BY report_id) e"       \
	"   ON e.report_id = r.id"

struct report_batches {
	int (*fn)(const struct report_row *, void *);
	void *arg;
	int stop;
};

static void report_batch(const PGresult *r, void *arg)
{
	struct report_batches *rb = arg;
	int i;

	for (i = 0; !rb->stop && i < PQntuples(r); i++) {
		struct report_row row;
		char at[24]; /* "YYYY-MM-DD HH:MM:SS[.f]" -> "YYYY-MM-DDTHH:MM:SSZ" */

		read_report_row(r, i, &row);
		if (row.reported_at && strlen(row.reported_at) >= 19) {
			memcpy(at, row.reported_at, 19);
			at[10] = 'T';
			at[19] = 'Z';
			at[20] = '\0';
			row.reported_at = at;
		}
		rb->stop = rb->fn(&row, rb->arg);
	}
}

static int pg_report_list(struct store *s, long long plan_id, long long task_id,
			  int (*fn)(const struct report_row *, void *), void *arg, struct sb *err)
{
	PGresult *r = NULL;
	int i, stop = 0, rc;

	if (!plan_id && !task_id) {
		struct pg_store *ps = pg_impl(s);
		struct report_batches rb = { fn, arg, 0 };
		bool own = !ps->in_tx;

		if (own && (rc = pg_ctl(ps, err, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")) < 0)
			return rc;
		rc = pg_batches(ps, err, REPORT_SELECT_ALL, report_batch, &rb);
		if (own)
			pg_quiet(ps, "ROLLBACK");
		return rc;
	}
	rc = report_rows(pg_impl(s), plan_id, task_id, &r, err);

	for (i = 0; rc == 0 && !stop && i < PQntuples(r); i++) {
		struct report_row row;

		read_report_row(r, i, &row);
		stop = fn(&row, arg);
	}
	PQclear(r);
	return rc;
}

struct decide_ctx {
	long long task_id, rid;
	bool accept;
	int decided_on, done_on;
	const char *reason, *actor;
};

static int decide_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct decide_ctx *c = arg;
	char now[32], decided[CAL_ISO_LEN], done[CAL_ISO_LEN];
	const char *done_on = store_day_iso(c->done_on, done);
	struct task_ref tr;
	PGresult *r = NULL;
	int rc;

	pg_now_iso(ps, now, sizeof(now));
	c->rid = 0;
	rc = pg_task_ref(&ps->base, c->task_id, &tr, err);
	if (rc == 0)
		rc = require_published(&tr.plan, err);
	/* The lead's report in force: the latest that nothing replaces. */
	if (rc == 0)
		rc = pg_get(ps, err, &r,
			    REPORT_SELECT " WHERE r.task_id = $1 AND r.role = 'lead' AND NOT EXISTS"
					  " (SELECT 1 FROM progress_reports x WHERE x.replaces_id = r.id)"
					  " ORDER BY r.filed_on COLLATE \"C\" DESC, r.id DESC LIMIT 1",
			    "i", c->task_id);
	if (rc < 0) {
		/* nothing read */
	} else if (PQntuples(r) == 0) {
		sb_addf(err, "task %lld has no report from its lead body to confirm", c->task_id);
		rc = -ERR_CONFLICT;
	} else if (strcmp(PQgetvalue(r, 0, 8), "done") != 0) {
		sb_addf(err, "task %lld: the lead body's latest report says '%s', not done;"
			     " nothing awaits confirmation", c->task_id, PQgetvalue(r, 0, 8));
		rc = -ERR_CONFLICT;
	} else if (pg_col(r, 0, 15)) {
		sb_addf(err, "task %lld: report %lld was already %s", c->task_id, pg_ll(r, 0, 0),
			PQgetvalue(r, 0, 15));
		rc = -ERR_CONFLICT;
	} else {
		c->rid = pg_ll(r, 0, 0);
		if (c->accept && !done_on)
			done_on = pg_col(r, 0, 9) ? pg_col(r, 0, 9) : pg_col(r, 0, 11);
		rc = pg_put(ps, err, NULL,
			    "INSERT INTO confirmations (report_id, decision, decided_on, done_on,"
			    " reason, at, actor) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			    "ittttt" "t", c->rid, c->accept ? "accepted" : "refused",
			    store_day_iso(c->decided_on, decided), c->accept ? done_on : NULL,
			    c->reason, now, c->actor);
	}
	PQclear(r);
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, c->accept ? "confirm" : "refuse", "progress_report",
			      c->rid, "confirmation", NULL, c->accept ? "accepted" : "refused",
			      c->reason);
	return rc;
}

static int pg_report_decide(struct store *s, long long task_id, bool accept, int decided_on,
			    int done_on, const char *reason, const char *actor,
			    long long *report_id, struct sb *err)
{
	struct decide_ctx c = { task_id, 0, accept, decided_on, done_on, reason, actor };
	int rc;

	if (!accept && (!reason || !*reason)) {
		sb_adds(err, "a refusal needs a reason (--reason)");
		return -ERR_USAGE;
	}
	rc = pg_write(pg_impl(s), PG_SERIALIZABLE, decide_body, &c, err);
	if (report_id)
		*report_id = rc == 0 ? c.rid : 0;
	return rc;
}

/* ---- tracking: indicator values ----------------------------------------- */

struct indicator_ctx {
	struct indicator_report_new *r;
	const char *actor;
};

static int indicator_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct indicator_ctx *c = arg;
	struct indicator_report_new *r = c->r;
	struct plan_state st;
	PGresult *res = NULL;
	long long plan_id = 0;
	char now[32], filed[CAL_ISO_LEN];
	int rc;

	pg_now_iso(ps, now, sizeof(now));
	rc = pg_get(ps, err, &res, "SELECT plan_id FROM indicators WHERE id = $1", "i",
		    r->indicator_id);
	if (rc == 0 && PQntuples(res) == 0) {
		sb_addf(err, "no indicator with id %lld; see 'dondoc indicators'", r->indicator_id);
		rc = -ERR_NOTFOUND;
	} else if (rc == 0) {
		plan_id = pg_ll(res, 0, 0);
	}
	PQclear(res);
	if (rc == 0)
		rc = read_plan_state(ps, plan_id, false, &st, err);
	if (rc == 0)
		rc = require_published(&st, err);
	if (rc == 0 && r->replaces_id)
		rc = check_replaces(ps, "indicator_reports", "indicator_id", r->indicator_id,
				    r->agency, r->replaces_id, err);
	if (rc == 0)
		rc = pg_insert_id(ps, err, &r->id,
				  "INSERT INTO indicator_reports (indicator_id, agency, period, value,"
				  " note, replaces_id, filed_on, reported_at, actor)"
				  " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
				  "ittdtIttt", r->indicator_id, r->agency, r->period, r->value, r->note,
				  r->replaces_id ? &r->replaces_id : NULL,
				  store_day_iso(r->filed_on, filed), now, c->actor);
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, r->replaces_id ? "correct" : "report",
			      "indicator_report", r->id, "value", NULL, NULL, NULL);
	return rc;
}

static int pg_indicator_report_add(struct store *s, struct indicator_report_new *r,
				   const char *actor, struct sb *err)
{
	struct indicator_ctx c = { r, actor };

	return pg_write(pg_impl(s), PG_SERIALIZABLE, indicator_body, &c, err);
}

static int pg_indicator_report_list(struct store *s, long long plan_id,
				    int (*fn)(const struct indicator_value_row *, void *),
				    void *arg, struct sb *err)
{
	PGresult *r = NULL;
	int i, stop = 0,
	       rc = pg_get(pg_impl(s), err, &r,
			   "SELECT r.id, r.indicator_id, r.replaces_id,"
			   " EXISTS (SELECT 1 FROM indicator_reports x WHERE x.replaces_id = r.id),"
			   " r.agency, r.period, r.filed_on, r.note, r.value"
			   " FROM indicator_reports r JOIN indicators i ON i.id = r.indicator_id"
			   " WHERE ($1::bigint = 0 OR i.plan_id = $1)"
			   " ORDER BY i.plan_id, i.seq, r.filed_on COLLATE \"C\", r.id",
			   "i", plan_id);

	for (i = 0; rc == 0 && !stop && i < PQntuples(r); i++) {
		struct indicator_value_row row = {
			.id = pg_ll(r, i, 0),
			.indicator_id = pg_ll(r, i, 1),
			.replaces_id = pg_ll(r, i, 2),
			.replaced = pg_bool(r, i, 3),
			.agency = pg_col(r, i, 4),
			.period = pg_col(r, i, 5),
			.filed_on = calendar_iso_day(pg_col(r, i, 6)),
			.note = pg_col(r, i, 7),
			.value = pg_dbl(r, i, 8, NULL),
		};

		stop = fn(&row, arg);
	}
	PQclear(r);
	return rc;
}

/* ---- aliases ------------------------------------------------------------ */

/* Re-resolves every stored body name of one table against the registry,
 * updating (with an audit row) those whose canonical name changed. */
static int reresolve(struct pg_store *ps, struct sb *err, const struct name_resolver *reg,
		     const char *table, const char *owner_col, const char *actor, size_t *changed)
{
	struct sb sel = SB_INIT, upd = SB_INIT;
	PGresult *r = NULL;
	int i, rc;

	sb_addf(&sel, "SELECT %s, role, seq, name FROM %s WHERE role IN ('lead', 'coordinate')",
		owner_col, table);
	sb_addf(&upd,
		"UPDATE %s SET name = $1, name_key = $2 WHERE %s = $3 AND role = $4 AND seq = $5",
		table, owner_col);
	rc = pg_get(ps, err, &r, sel.buf, "");
	for (i = 0; rc == 0 && i < PQntuples(r); i++) {
		long long owner = pg_ll(r, i, 0), seq = pg_ll(r, i, 2);
		const char *role = PQgetvalue(r, i, 1), *name = PQgetvalue(r, i, 3);
		const char *canon = reg->canonical(reg->ctx, name);
		char *key;

		if (!canon || strcmp(canon, name) == 0)
			continue;
		key = vi_fold_dup(canon, VI_FOLD_PUNCT);
		rc = pg_audit(ps, err, actor, "re-resolve", table, owner, role, name, canon,
			      "agency alias");
		if (rc == 0)
			rc = pg_put(ps, err, NULL, upd.buf, "ttiti", canon, key, owner, role, seq);
		free(key);
		(*changed)++;
	}
	PQclear(r);
	sb_release(&sel);
	sb_release(&upd);
	return rc;
}

struct alias_ctx {
	const struct name_resolver *reg;
	const char *alias, *canonical, *actor;
	char *key, *ckey;
	size_t changed;
};

/* Stores alias -> canonical in agency_aliases or person_aliases (entity
 * "agency" or "person", a constant of this file) with its audit row. */
static int alias_row(struct pg_store *ps, struct alias_ctx *c, const char *entity,
		     struct sb *err)
{
	struct sb sql = SB_INIT;
	char now[32];
	int rc;

	pg_now_iso(ps, now, sizeof(now));
	c->changed = 0;
	sb_addf(&sql,
		"INSERT INTO %s_aliases (alias, alias_key, canonical, created_at, created_by)"
		" VALUES ($1, $2, $3, $4, $5) ON CONFLICT (alias_key) DO UPDATE SET"
		" canonical = excluded.canonical, alias = excluded.alias",
		entity);
	rc = pg_put(ps, err, NULL, sql.buf, "ttttt", c->alias, c->key, c->canonical, now, c->actor);
	sb_release(&sql);
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, "alias", entity, 0, c->alias, NULL, c->canonical,
			      NULL);
	return rc;
}

static int agency_alias_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct alias_ctx *c = arg;
	int rc = alias_row(ps, c, "agency", err);

	if (rc == 0)
		rc = reresolve(ps, err, c->reg, "task_agencies", "task_id", c->actor, &c->changed);
	if (rc == 0)
		rc = reresolve(ps, err, c->reg, "indicator_agencies", "indicator_id", c->actor,
			       &c->changed);
	return rc;
}

static int pg_agency_alias(struct store *s, const char *alias, const char *canonical,
			   const struct name_resolver *reg, const char *actor, struct sb *err)
{
	struct alias_ctx c = { reg, alias, canonical, actor, vi_fold_dup(alias, VI_FOLD_PUNCT),
			       NULL, 0 };
	int rc;

	if (!*c.key || !*canonical) {
		sb_adds(err, "an alias and its canonical name must both be non-empty");
		rc = -ERR_USAGE;
	} else {
		rc = pg_write(pg_impl(s), PG_SERIALIZABLE, agency_alias_body, &c, err);
	}
	free(c.key);
	return rc < 0 ? rc : (int)(c.changed > 0x7fffffff ? 0x7fffffff : c.changed);
}

/* Renames the leaders of one table written as alias_key, with audit rows. */
static int rename_leaders(struct pg_store *ps, struct sb *err, const char *table,
			  struct alias_ctx *c)
{
	struct sb sel = SB_INIT, upd = SB_INIT;
	PGresult *r = NULL;
	int i, rc;

	sb_addf(&sel, "SELECT id, leader FROM %s WHERE leader_key = $1", table);
	sb_addf(&upd, "UPDATE %s SET leader = $1, leader_key = $2 WHERE id = $3", table);
	rc = pg_get(ps, err, &r, sel.buf, "t", c->key);
	for (i = 0; rc == 0 && i < PQntuples(r); i++) {
		long long id = pg_ll(r, i, 0);
		const char *old = PQgetvalue(r, i, 1);

		if (strcmp(old, c->canonical) == 0)
			continue;
		rc = pg_audit(ps, err, c->actor, "person alias", table, id, "leader", old,
			      c->canonical, "person alias");
		if (rc == 0)
			rc = pg_put(ps, err, NULL, upd.buf, "tti", c->canonical, c->ckey, id);
		c->changed++;
	}
	PQclear(r);
	sb_release(&sel);
	sb_release(&upd);
	return rc;
}

static int person_alias_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct alias_ctx *c = arg;
	int rc = alias_row(ps, c, "person", err);

	if (rc == 0)
		rc = insert_person(ps, err, c->canonical);
	if (rc == 0)
		rc = rename_leaders(ps, err, "tasks", c);
	if (rc == 0)
		rc = rename_leaders(ps, err, "indicators", c);
	return rc;
}

static int pg_person_alias(struct store *s, const char *alias, const char *canonical,
			   const char *actor, struct sb *err)
{
	struct alias_ctx c = { NULL, alias, canonical, actor, vi_fold_dup(alias, 0),
			       vi_fold_dup(canonical, 0), 0 };
	int rc;

	if (!*c.key || !*c.ckey) {
		sb_adds(err, "an alias and its canonical name must both be non-empty");
		rc = -ERR_USAGE;
	} else {
		rc = pg_write(pg_impl(s), PG_SERIALIZABLE, person_alias_body, &c, err);
	}
	free(c.key);
	free(c.ckey);
	return rc < 0 ? rc : (int)c.changed;
}

static const struct store_ops pg_ops = {
	.name = "postgresql",
	.tx_begin = pg_tx_begin,
	.tx_commit = pg_tx_commit,
	.tx_rollback = pg_tx_rollback,
	.set_busy_ms = pg_set_busy_ms,
	.check = pg_check,
	.evidence_list = pg_evidence_list,
	.backup = pg_backup,
	.restore = pg_restore,
	.close = pg_close,
	.schema_version = pg_schema_version,
	.plan_insert = pg_plan_insert,
	.plan_insert_copy = pg_plan_insert_copy,
	.plan_find_source = pg_plan_find_source,
	.plan_load = pg_plan_load,
	.plans_published = pg_plans_published,
	.plan_list = pg_plan_list,
	.task_list = pg_task_list,
	.plan_meta = pg_plan_meta,
	.agency_usage = pg_agency_usage,
	.agency_alias = pg_agency_alias,
	.agency_alias_list = pg_agency_alias_list,
	.person_alias_list = pg_person_alias_list,
	.person_usage = pg_person_usage,
	.person_alias = pg_person_alias,
	.plan_state = pg_plan_state,
	.plan_publish = pg_plan_publish,
	.task_ref = pg_task_ref,
	.task_edit = pg_task_edit,
	.task_history = pg_task_history,
	.report_add = pg_report_add,
	.report_list = pg_report_list,
	.report_decide = pg_report_decide,
	.indicator_report_add = pg_indicator_report_add,
	.indicator_report_list = pg_indicator_report_list,
	.contact_set = pg_contact_set,
	.contact_find = pg_contact_find,
	.contact_list = pg_contact_list,
	.reminder_seen = pg_reminder_seen,
	.reminder_record = pg_reminder_record,
	.user_add = pg_user_add,
	.user_find = pg_user_find,
	.user_list = pg_user_list,
	.user_set_password = pg_user_set_password,
	.user_set_disabled = pg_user_set_disabled,
	.session_create = pg_session_create,
	.session_find = pg_session_find,
	.session_touch = pg_session_touch,
	.session_delete = pg_session_delete,
	.token_add = pg_token_add,
	.token_find = pg_token_find,
	.token_revoke = pg_token_revoke,
	.login_attempts = pg_login_attempts,
	.login_attempts_set = pg_login_attempts_set,
	.audit_head = pg_audit_head,
	.audit_since = pg_audit_since,
	.job_begin = pg_job_begin,
	.job_end = pg_tx_commit,
	.task_merge = pg_task_merge,
	.task_split = pg_task_split,
	.source_lines_put = pg_source_lines_put,
	.source_lines = pg_source_lines,
	.import_job_add = pg_import_job_add,
	.import_job_set = pg_import_job_set,
	.import_job_get = pg_import_job_get,
	.import_job_list = pg_import_job_list,
	.import_jobs_interrupted = pg_import_jobs_interrupted,
};
