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
 * Not yet ported from the SQLite backend (they return -ERR_UNSUPPORTED with a
 * message): check, evidence_list, backup, restore, agency and person aliases,
 * task edits and history, progress and indicator reports, decisions.
 */
#include "base/compat.h"
#include "store/store_int.h"
#include "store/schema.h"
#include "store/schema_pg.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "extract/agency.h"
#include "model/plan.h"

#include <libpq-fe.h>
#include <stdarg.h>
#include <time.h>

#define PG_MAX_PARAMS 24
#define PG_RETRIES 5
/* Serialises migrations of one database (pg_advisory_xact_lock key). */
#define PG_LOCK_MIGRATE 0x646f6e646f63LL
/* The moment columns, read back as SQLite stores them. */
#define PG_TS(c) "to_char(" c " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
#define PG_SERIALIZABLE "BEGIN ISOLATION LEVEL SERIALIZABLE"
#define PG_READ_COMMITTED "BEGIN ISOLATION LEVEL READ COMMITTED"

struct pg_store {
	struct store base; /* must be first */
	PGconn *c;
	char *where; /* the URL without its password, for messages */
	int version;
	bool in_tx; /* store_tx_begin() is open: writes nest as savepoints */
	bool retry; /* the last failure was a serialisation failure or deadlock */
	long fail_after, writes; /* DONDOC_STORE_FAIL_AFTER, as in SQLite */
};

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

static int pg_fail(struct pg_store *ps, struct sb *err, const PGresult *r, const char *what)
{
	int rc = pg_code(ps, r);

	if (rc == -ERR_BUSY)
		sb_addf(err, "%s: cơ sở dữ liệu đang bận; the database is busy (another dondoc is"
			     " writing); try again", ps->where);
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
static int pg_get(struct pg_store *ps, struct sb *err, PGresult **out, const char *sql,
		  const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = pg_vexec(ps, err, out, sql, types, ap);
	va_end(ap);
	return rc;
}

/* A data write (counted for DONDOC_STORE_FAIL_AFTER); *out may be NULL. */
static int pg_put(struct pg_store *ps, struct sb *err, PGresult **out, const char *sql,
		  const char *types, ...)
{
	va_list ap;
	int rc;

	if (ps->fail_after && ++ps->writes >= ps->fail_after) {
		sb_addf(err, "%s: injected write failure (DONDOC_STORE_FAIL_AFTER)", ps->where);
		return -ERR_DB;
	}
	va_start(ap, types);
	rc = pg_vexec(ps, err, out, sql, types, ap);
	va_end(ap);
	return rc;
}

/* An INSERT ... RETURNING id: *id receives the new row's id. */
static int pg_insert_id(struct pg_store *ps, struct sb *err, long long *id, const char *sql,
			const char *types, ...)
{
	PGresult *r = NULL;
	va_list ap;
	int rc;

	if (ps->fail_after && ++ps->writes >= ps->fail_after) {
		sb_addf(err, "%s: injected write failure (DONDOC_STORE_FAIL_AFTER)", ps->where);
		return -ERR_DB;
	}
	va_start(ap, types);
	rc = pg_vexec(ps, err, &r, sql, types, ap);
	va_end(ap);
	if (rc == 0)
		*id = PQntuples(r) ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
	PQclear(r);
	return rc;
}

/* Transaction control: constant text, no data. */
static int pg_ctl(struct pg_store *ps, struct sb *err, const char *sql)
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

static char *pg_col_dup(const PGresult *r, int row, int col)
{
	const char *v = pg_col(r, row, col);

	return v ? xstrdup(v) : NULL;
}

static long long pg_ll(const PGresult *r, int row, int col)
{
	const char *v = pg_col(r, row, col);

	return v ? strtoll(v, NULL, 10) : 0;
}

static bool pg_bool(const PGresult *r, int row, int col)
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

static void now_iso(char *buf, size_t len)
{
	const char *fixed = getenv("DONDOC_NOW");
	time_t t = time(NULL);
	struct tm tm;

	/* Tests fix the clock so that audit rows and reports compare exactly. */
	if (fixed && *fixed) {
		snprintf(buf, len, "%s", fixed);
		return;
	}
	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int pg_audit(struct pg_store *ps, struct sb *err, const char *actor, const char *action,
		    const char *entity, long long id, const char *field, const char *old_value,
		    const char *new_value, const char *reason)
{
	char now[32];

	now_iso(now, sizeof(now));
	return pg_put(ps, err, NULL,
		      "INSERT INTO audit_log (at, actor, action, entity, entity_id, field,"
		      " old_value, new_value, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
		      "ttttitttt", now, actor, action, entity, id, field, old_value, new_value,
		      reason);
}

/* ---- transactions ------------------------------------------------------- */

typedef int (*pg_body)(struct pg_store *ps, void *ctx, struct sb *err);

/*
 * Runs body as one write: its own transaction (begin_sql names the isolation)
 * retried up to PG_RETRIES times on a serialisation failure or deadlock, or,
 * inside store_tx_begin(), a savepoint that undoes the write when it fails.
 * body returns 0 or a positive result to commit, a negative ERR_* to undo.
 */
static int pg_write(struct pg_store *ps, const char *begin_sql, pg_body body, void *ctx,
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

	rc = pg_get(ps, err, NULL,
		    "CREATE TABLE IF NOT EXISTS schema_migrations ("
		    " version integer PRIMARY KEY, applied_at timestamptz NOT NULL)",
		    "");
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
	now_iso(now, sizeof(now));
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

int store_pg_open(const char *url, struct store **out, struct sb *err)
{
	struct pg_store *ps = xcalloc(1, sizeof(*ps));
	const char *busy = getenv("DONDOC_BUSY_MS");
	int rc;

	*out = NULL;
	ps->base.ops = &pg_ops;
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
	rc = pg_ctl(ps, err, "SET TIME ZONE 'UTC'");
	if (rc == 0)
		rc = pg_write(ps, PG_READ_COMMITTED, migrate_body, NULL, err);
	if (rc < 0)
		goto fail;
	if (busy && *busy)
		pg_set_busy_ms(&ps->base, (int)strtol(busy, NULL, 10));
	if (getenv("DONDOC_STORE_FAIL_AFTER"))
		ps->fail_after = strtol(getenv("DONDOC_STORE_FAIL_AFTER"), NULL, 10);
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
	int rc = store_pg_open(url, out, err);

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

static const char *const roles[] = { "lead", "lead_group", "coordinate", "coordinate_group" };

static int insert_agencies(struct pg_store *ps, struct sb *err, const char *sql, long long owner,
			   const struct strlist *lists[4])
{
	int r, rc = 0;
	size_t i;

	for (r = 0; r < 4 && rc == 0; r++) {
		for (i = 0; i < lists[r]->n && rc == 0; i++) {
			char *key = vi_fold_dup(lists[r]->v[i], VI_FOLD_PUNCT);

			rc = pg_put(ps, err, NULL, sql, "ititt", owner, roles[r], (long long)i,
				    lists[r]->v[i], key);
			free(key);
		}
	}
	return rc;
}

static int insert_target(struct pg_store *ps, struct sb *err, long long plan_id,
			 const long long *task_id, size_t seq, const struct target *t)
{
	return pg_put(ps, err, NULL,
		      "INSERT INTO targets (plan_id, task_id, seq, text, value, max, unit, op)"
		      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		      "iIitDDtt", plan_id, task_id, (long long)seq, t->text,
		      t->has_value ? &t->value : NULL, t->has_max ? &t->max : NULL, t->unit,
		      target_op_str(t->op));
}

static char *join_doubts(const struct strlist *l)
{
	struct sb s = SB_INIT;
	size_t i;

	if (!l->n)
		return NULL;
	for (i = 0; i < l->n; i++) {
		if (i)
			sb_addc(&s, ',');
		sb_adds(&s, l->v[i]);
	}
	return sb_detach(&s);
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
	doubt = join_doubts(&t->doubt);
	leader_key = t->leader ? vi_fold_dup(t->leader, 0) : NULL;
	rc = pg_insert_id(ps, err, &t->id,
			  "INSERT INTO tasks (plan_id, seq, ref, section, text, leader, leader_key,"
			  " supervisor, has_due, due_text, due_start, due_end, due_recurring, result,"
			  " doubt, source_line) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
			  " $12, $13, $14, $15, $16) RETURNING id",
			  "iittttttbtttbtti", plan_id, (long long)seq, t->ref, t->section, t->text,
			  t->leader, leader_key, t->supervisor, d != NULL, d ? d->text : NULL,
			  d ? nz(d->start) : NULL, d ? nz(d->end) : NULL, d && d->recurring, t->result,
			  doubt, (long long)t->line);
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
			  " source_line) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
			  " $13) RETURNING id",
			  "iitttbtDDttti", plan_id, (long long)seq, ind->ref, ind->name, ind->unit,
			  t != NULL, t ? t->text : NULL, t && t->has_value ? &t->value : NULL,
			  t && t->has_max ? &t->max : NULL, t ? target_op_str(t->op) : NULL,
			  ind->leader, leader_key, (long long)ind->line);
	free(leader_key);
	if (rc == 0)
		rc = insert_agencies(ps, err,
				     "INSERT INTO indicator_agencies (indicator_id, role, seq, name,"
				     " name_key) VALUES ($1, $2, $3, $4, $5)",
				     ind->id, lists);
	if (rc == 0)
		rc = insert_person(ps, err, ind->leader);
	return rc;
}

struct plan_insert_ctx {
	struct plan *p;
	const char *source, *sha256, *actor;
};

static int plan_insert_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct plan_insert_ctx *c = arg;
	struct plan *p = c->p;
	const struct document *d = &p->doc;
	char now[32];
	long long doc_id = 0;
	size_t i;
	int rc;

	now_iso(now, sizeof(now));
	rc = pg_insert_id(ps, err, &doc_id,
			  "INSERT INTO documents (source, sha256, imported_at) VALUES ($1, $2, $3)"
			  " RETURNING id",
			  "ttt", c->source, c->sha256, now);
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

static int pg_plan_insert(struct store *s, struct plan *p, const char *source,
			  const char *sha256, const char *actor, struct sb *err)
{
	struct plan_insert_ctx c = { p, source, sha256, actor };
	int rc = pg_write(pg_impl(s), PG_READ_COMMITTED, plan_insert_body, &c, err);

	if (rc < 0)
		p->id = 0;
	return rc;
}

/* ---- reading a plan ----------------------------------------------------- */

static int pg_plan_find_source(struct store *s, const char *sha256, long long *id,
			       struct sb *err)
{
	PGresult *r = NULL;
	int rc = pg_get(pg_impl(s), err, &r,
			"SELECT MAX(p.id) FROM plans p JOIN documents d ON d.id = p.document_id"
			" WHERE d.sha256 = $1",
			"t", sha256);

	*id = rc == 0 ? pg_ll(r, 0, 0) : 0;
	PQclear(r);
	return rc;
}

static int role_index(const char *role)
{
	int r;

	for (r = 0; r < 4; r++)
		if (strcmp(role, roles[r]) == 0)
			return r;
	return -1;
}

static int load_agencies(struct pg_store *ps, struct sb *err, const char *sql, long long id,
			 struct strlist *lists[4])
{
	PGresult *r = NULL;
	int i, rc = pg_get(ps, err, &r, sql, "i", id);

	for (i = 0; rc == 0 && i < PQntuples(r); i++) {
		int k = role_index(PQgetvalue(r, i, 0));

		if (k >= 0)
			strlist_push(lists[k], PQgetvalue(r, i, 1));
	}
	PQclear(r);
	return rc;
}

static int load_targets(struct pg_store *ps, struct sb *err, long long plan_id,
			const long long *task_id, struct target_vec *out)
{
	PGresult *r = NULL;
	int i, rc;

	rc = task_id ? pg_get(ps, err, &r,
			      "SELECT text, value, max, unit, op FROM targets WHERE task_id = $1"
			      " ORDER BY seq",
			      "i", *task_id)
		     : pg_get(ps, err, &r,
			      "SELECT text, value, max, unit, op FROM targets WHERE plan_id = $1"
			      " AND task_id IS NULL ORDER BY seq",
			      "i", plan_id);
	for (i = 0; rc == 0 && i < PQntuples(r); i++) {
		struct target *t = VEC_PUSH(out);

		t->text = pg_col_dup(r, i, 0);
		t->value = pg_dbl(r, i, 1, &t->has_value);
		t->max = pg_dbl(r, i, 2, &t->has_max);
		t->unit = pg_col_dup(r, i, 3);
		if (pg_col(r, i, 4))
			target_op_parse(PQgetvalue(r, i, 4), &t->op);
	}
	PQclear(r);
	return rc;
}

static void split_doubts(const char *s, struct strlist *out)
{
	const char *p;

	while (s && *s) {
		p = strchr(s, ',');
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

#define TASK_COLUMNS                                                                   \
	"id, plan_id, ref, section, text, leader, supervisor, has_due, due_text, due_start," \
	" due_end, due_recurring, result, doubt, source_line"

/* Reads row i of TASK_COLUMNS into t (empty), then its agencies and targets. */
static int read_task(struct pg_store *ps, struct sb *err, const PGresult *r, int i,
		     struct task *t)
{
	struct strlist *lists[4] = { &t->lead, &t->lead_groups, &t->coordinate,
				     &t->coordinate_groups };
	int rc;

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
	split_doubts(pg_col(r, i, 13), &t->doubt);
	t->line = (int)pg_ll(r, i, 14);
	rc = load_agencies(ps, err,
			   "SELECT role, name FROM task_agencies WHERE task_id = $1"
			   " ORDER BY role COLLATE \"C\", seq",
			   t->id, lists);
	if (rc == 0)
		rc = load_targets(ps, err, 0, &t->id, &t->targets);
	return rc;
}

static int load_tasks(struct pg_store *ps, struct sb *err, struct plan *p)
{
	PGresult *r = NULL;
	int i, rc = pg_get(ps, err, &r,
			   "SELECT " TASK_COLUMNS " FROM tasks WHERE plan_id = $1 ORDER BY seq", "i",
			   p->id);

	for (i = 0; rc == 0 && i < PQntuples(r); i++)
		rc = read_task(ps, err, r, i, plan_add_task(p));
	PQclear(r);
	return rc;
}

static int load_indicators(struct pg_store *ps, struct sb *err, struct plan *p)
{
	PGresult *r = NULL;
	int i, rc = pg_get(ps, err, &r,
			   "SELECT id, ref, name, unit, has_target, target_text, target_value,"
			   " target_max, leader, target_op, source_line FROM indicators"
			   " WHERE plan_id = $1 ORDER BY seq",
			   "i", p->id);

	for (i = 0; rc == 0 && i < PQntuples(r); i++) {
		struct indicator *ind = plan_add_indicator(p);
		struct strlist *lists[4] = { &ind->lead, &ind->lead_groups, &ind->coordinate,
					     &ind->coordinate_groups };

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
		}
		ind->leader = pg_col_dup(r, i, 8);
		ind->line = (int)pg_ll(r, i, 10);
		rc = load_agencies(ps, err,
				   "SELECT role, name FROM indicator_agencies WHERE indicator_id = $1"
				   " ORDER BY role COLLATE \"C\", seq",
				   ind->id, lists);
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
			"SELECT number, kind, issuer, place, date, year, title FROM plans"
			" WHERE id = $1",
			"i", id);

	if (rc == 0 && PQntuples(r) == 0) {
		sb_addf(err, "no plan with id %lld; see 'dondoc plans'", id);
		rc = -ERR_NOTFOUND;
	} else if (rc == 0) {
		p->id = id;
		p->doc.number = pg_col_dup(r, 0, 0);
		p->doc.kind = pg_col_dup(r, 0, 1);
		p->doc.issuer = pg_col_dup(r, 0, 2);
		p->doc.place = pg_col_dup(r, 0, 3);
		pg_col_date(r, 0, 4, p->doc.date);
		p->doc.year = (int)pg_ll(r, 0, 5);
		p->doc.title = pg_col_dup(r, 0, 6);
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
			.status = pg_col_dup(r, i, 3),
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

static int pg_task_list(struct store *s, const struct task_filter *f,
			int (*fn)(const struct task_row *, void *), void *arg, struct sb *err)
{
	struct pg_store *ps = pg_impl(s);
	char *agency_key = f->agency ? vi_fold_dup(f->agency, VI_FOLD_PUNCT) : NULL;
	char *leader_key = f->leader ? vi_fold_dup(f->leader, 0) : NULL;
	PGresult *r = NULL;
	int i, rc, stop = 0;

	/* Folded keys compared as plain substrings (strpos, not LIKE: '%' and '_'
	 * are characters like any other); an empty key matches nothing. */
	rc = pg_get(ps, err, &r,
		    "SELECT " TASK_COLUMNS " FROM tasks t"
		    " WHERE ($1::bigint = 0 OR t.plan_id = $1)"
		    " AND ($2::text IS NULL OR ($2 <> '' AND EXISTS (SELECT 1 FROM task_agencies a"
		    "   WHERE a.task_id = t.id AND a.role IN ('lead', 'coordinate')"
		    "   AND strpos(a.name_key, $2) > 0)))"
		    " AND ($3::text IS NULL OR ($3 <> '' AND strpos(t.leader_key, $3) > 0))"
		    " ORDER BY t.plan_id, t.seq",
		    "itt", f->plan_id, agency_key, leader_key);
	for (i = 0; rc == 0 && !stop && i < PQntuples(r); i++) {
		struct task t = { 0 };
		struct task_row row;

		rc = read_task(ps, err, r, i, &t);
		if (rc == 0) {
			row.id = t.id;
			row.plan_id = pg_ll(r, i, 1);
			row.task = &t;
			stop = fn(&row, arg);
		}
		task_release(&t);
	}
	PQclear(r);
	free(agency_key);
	free(leader_key);
	return rc;
}

/* ---- agencies and people ------------------------------------------------ */

static int pg_agency_usage(struct store *s, const struct agency_registry *reg, bool unknown_only,
			   int (*fn)(const char *, size_t, bool, void *), void *arg, struct sb *err)
{
	PGresult *r = NULL;
	int i, stop = 0,
	       rc = pg_get(pg_impl(s), err, &r,
			   "SELECT MIN(name COLLATE \"C\"), COUNT(*) FROM ("
			   " SELECT name, name_key FROM task_agencies"
			   " WHERE role IN ('lead', 'coordinate')"
			   " UNION ALL SELECT name, name_key FROM indicator_agencies"
			   " WHERE role IN ('lead', 'coordinate')) u"
			   " GROUP BY name_key ORDER BY 1",
			   "");

	for (i = 0; rc == 0 && !stop && i < PQntuples(r); i++) {
		const char *name = PQgetvalue(r, i, 0);
		bool known = agency_canonical(reg, name, 0) != NULL;

		if (!unknown_only || !known)
			stop = fn(name, (size_t)pg_ll(r, i, 1), known, arg);
	}
	PQclear(r);
	return rc;
}

static int pg_agency_aliases_load(struct store *s, struct agency_registry *reg, struct sb *err)
{
	PGresult *r = NULL;
	int i, rc = pg_get(pg_impl(s), err, &r,
			   "SELECT alias, canonical FROM agency_aliases ORDER BY id", "");

	for (i = 0; rc == 0 && i < PQntuples(r); i++)
		agency_registry_add_alias(reg, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
	PQclear(r);
	return rc;
}

static int pg_person_usage(struct store *s, int (*fn)(const char *, size_t, void *), void *arg,
			   struct sb *err)
{
	PGresult *r = NULL;
	int i, stop = 0,
	       rc = pg_get(pg_impl(s), err, &r,
			   "SELECT MIN(leader COLLATE \"C\"), COUNT(*) FROM ("
			   " SELECT leader, leader_key FROM tasks WHERE leader IS NOT NULL"
			   " UNION ALL SELECT leader, leader_key FROM indicators"
			   " WHERE leader IS NOT NULL) u"
			   " GROUP BY leader_key ORDER BY 1",
			   "");

	for (i = 0; rc == 0 && !stop && i < PQntuples(r); i++)
		stop = fn(PQgetvalue(r, i, 0), (size_t)pg_ll(r, i, 1), arg);
	PQclear(r);
	return rc;
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
		snprintf(out->status, sizeof(out->status), "%s", PQgetvalue(r, 0, 0));
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
	if (strcmp(st.status, "published") == 0)
		return 1;
	if (strcmp(st.status, "draft") != 0) {
		sb_addf(err, "plan %lld is %s; only a draft can be published", c->id, st.status);
		return -ERR_CONFLICT;
	}
	rc = pg_put(ps, err, NULL, "UPDATE plans SET status = 'published' WHERE id = $1", "i",
		    c->id);
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, "publish", "plan", c->id, "status", st.status,
			      "published", NULL);
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

	now_iso(now, sizeof(now));
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
	PGresult *r = NULL;
	int i, stop = 0,
	       rc = pg_get(pg_impl(s), err, &r,
			   "SELECT agency, email FROM agency_contacts ORDER BY agency COLLATE \"C\"",
			   "");

	for (i = 0; rc == 0 && !stop && i < PQntuples(r); i++)
		stop = fn(PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), arg);
	PQclear(r);
	return rc;
}

static int pg_reminder_seen(struct store *s, const char *kind, const char *recipient,
			    const char *day, const char *state, bool *seen, struct sb *err)
{
	char *key = vi_fold_dup(recipient, VI_FOLD_PUNCT);
	PGresult *r = NULL;
	int rc = pg_get(pg_impl(s), err, &r,
			"SELECT 1 FROM reminders WHERE kind = $1 AND recipient_key = $2"
			" AND day = $3 AND state = $4",
			"tttt", kind, key, day, state);

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
	char now[32];
	int rc;

	now_iso(now, sizeof(now));
	/* The unique key decides between two servers recording the same reminder:
	 * the second inserts nothing and learns it was already sent. */
	rc = pg_insert_id(ps, err, &id,
			  "INSERT INTO reminders (kind, recipient, recipient_key, email, day, state,"
			  " items, subject, via, at, actor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
			  " $9, $10, $11) ON CONFLICT (kind, recipient_key, day, state) DO NOTHING"
			  " RETURNING id",
			  "tttttti" "tttt", r->kind, r->recipient, c->key, r->email, r->day,
			  r->state, (long long)r->items, r->subject, r->via, now, c->actor);
	if (rc == 0 && id == 0)
		return 1;
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, r->kind, "reminder", id, "recipient", NULL,
			      r->recipient, NULL);
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

static int pg_check(struct store *s, int (*fn)(const char *, void *), void *arg, struct sb *err)
{
	(void)fn, (void)arg;
	return not_yet(s, err, "dondoc check");
}

static int pg_evidence_list(struct store *s, int (*fn)(const char *, void *), void *arg,
			    struct sb *err)
{
	(void)fn, (void)arg;
	return not_yet(s, err, "the evidence list");
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

static int pg_agency_alias(struct store *s, struct agency_registry *reg, const char *alias,
			   const char *canonical, const char *actor, struct sb *err)
{
	(void)reg, (void)alias, (void)canonical, (void)actor;
	return not_yet(s, err, "an agency alias");
}

static int pg_person_alias(struct store *s, const char *alias, const char *canonical,
			   const char *actor, struct sb *err)
{
	(void)alias, (void)canonical, (void)actor;
	return not_yet(s, err, "a person alias");
}

static int pg_task_edit(struct store *s, long long task_id, const struct task_edit *e,
			const char *actor, const char *reason, struct sb *err)
{
	(void)task_id, (void)e, (void)actor, (void)reason;
	return not_yet(s, err, "a task correction");
}

static int pg_task_history(struct store *s, long long task_id,
			   int (*fn)(const struct task_change *, void *), void *arg, struct sb *err)
{
	(void)task_id, (void)fn, (void)arg;
	return not_yet(s, err, "the task history");
}

static int pg_report_add(struct store *s, struct report_new *r, const char *actor,
			 struct sb *err)
{
	(void)r, (void)actor;
	return not_yet(s, err, "a progress report");
}

static int pg_report_list(struct store *s, long long plan_id, long long task_id,
			  int (*fn)(const struct report_row *, void *), void *arg, struct sb *err)
{
	(void)plan_id, (void)task_id, (void)fn, (void)arg;
	return not_yet(s, err, "the report list");
}

static int pg_report_decide(struct store *s, long long task_id, bool accept,
			    const char *decided_on, const char *done_on, const char *reason,
			    const char *actor, long long *report_id, struct sb *err)
{
	(void)task_id, (void)accept, (void)decided_on, (void)done_on, (void)reason, (void)actor,
		(void)report_id;
	return not_yet(s, err, "a confirmation");
}

static int pg_indicator_report_add(struct store *s, struct indicator_report_new *r,
				   const char *actor, struct sb *err)
{
	(void)r, (void)actor;
	return not_yet(s, err, "an indicator value");
}

static int pg_indicator_report_list(struct store *s, long long plan_id,
				    int (*fn)(const struct indicator_value_row *, void *),
				    void *arg, struct sb *err)
{
	(void)plan_id, (void)fn, (void)arg;
	return not_yet(s, err, "the indicator values");
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
	.plan_find_source = pg_plan_find_source,
	.plan_load = pg_plan_load,
	.plan_list = pg_plan_list,
	.task_list = pg_task_list,
	.agency_usage = pg_agency_usage,
	.agency_alias = pg_agency_alias,
	.agency_aliases_load = pg_agency_aliases_load,
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
};
