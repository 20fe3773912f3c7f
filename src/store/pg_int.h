/*
 * pg_int.h - what the PostgreSQL backend's files share (store_pg.c, the
 * backend; store_pg_copy.c, the SQLite-to-PostgreSQL copy). Nothing outside
 * src/store/ includes this file.
 */
#ifndef DONDOC_PG_INT_H
#define DONDOC_PG_INT_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "store/store_int.h"

struct sb;

struct pg_store {
	struct store base; /* must be first */
	PGconn *c;
	char *where; /* the URL without its password, for messages */
	int version;
	bool in_tx; /* store_tx_begin() is open: writes nest as savepoints */
	bool retry; /* the last failure was a serialisation failure or deadlock */
};

/* A moment column, read back as SQLite stores it ("YYYY-MM-DDTHH:MM:SSZ"). */
#define PG_TS(c) "to_char(" c " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* Isolation levels of a write (pg_write). */
#define PG_SERIALIZABLE "BEGIN ISOLATION LEVEL SERIALIZABLE"
#define PG_READ_COMMITTED "BEGIN ISOLATION LEVEL READ COMMITTED"

/** A query with bound parameters (types as in sqlite_int.h); *out (may be
 *  NULL: discarded) receives the rows, to PQclear. */
int pg_get(struct pg_store *ps, struct sb *err, PGresult **out, const char *sql,
	   const char *types, ...);
/** Constant SQL without data (transaction control, DDL). */
int pg_ctl(struct pg_store *ps, struct sb *err, const char *sql);
/** Puts the failure of r (NULL: of the connection) into err; returns the
 *  ERR_* a caller can act on (BUSY, CONFLICT, DB). */
int pg_fail(struct pg_store *ps, struct sb *err, const PGresult *r, const char *what);

/** A data write; *out may be NULL. */
int pg_put(struct pg_store *ps, struct sb *err, PGresult **out, const char *sql,
	   const char *types, ...);
/** An INSERT ... RETURNING id: *id receives the new row's id. */
int pg_insert_id(struct pg_store *ps, struct sb *err, long long *id, const char *sql,
		 const char *types, ...);
/** One audit_log row, at the moment pg_now_iso() gives. */
int pg_audit(struct pg_store *ps, struct sb *err, const char *actor, const char *action,
	     const char *entity, long long id, const char *field, const char *old_value,
	     const char *new_value, const char *reason);
/** The store's clock now (store_set_clock) as "YYYY-MM-DDTHH:MM:SSZ". */
void pg_now_iso(struct pg_store *ps, char *buf, size_t len);

/* The body of one write: 0 or a positive result commits, a negative ERR_* undoes. */
typedef int (*pg_body)(struct pg_store *ps, void *ctx, struct sb *err);
/** Runs body as one transaction at begin_sql's isolation, retried on a
 *  serialisation failure or deadlock; inside store_tx_begin(), a savepoint. */
int pg_write(struct pg_store *ps, const char *begin_sql, pg_body body, void *ctx,
	     struct sb *err);

/* Column readers: NULL (0, false) for SQL NULL. */
char *pg_col_dup(const PGresult *r, int row, int col);
long long pg_ll(const PGresult *r, int row, int col);
bool pg_bool(const PGresult *r, int row, int col);

/* store_pg_auth.c: accounts, sessions, API tokens, the login throttle. */
int pg_user_add(struct store *s, const struct user_rec *u, const char *actor, long long *id,
		struct sb *err);
int pg_user_find(struct store *s, const char *login, long long id, struct user_rec *out,
		 struct sb *err);
int pg_user_list(struct store *s, int (*fn)(const struct user_rec *, void *), void *arg,
		 struct sb *err);
int pg_user_set_password(struct store *s, long long id, const char *pwhash, const char *actor,
			 struct sb *err);
int pg_user_set_disabled(struct store *s, long long id, bool disabled, const char *actor,
			 struct sb *err);
int pg_session_create(struct store *s, const char *id_hash, long long user_id, const char *csrf,
		      long long now, const char *replaces_hash, const char *actor,
		      struct sb *err);
int pg_session_find(struct store *s, const char *id_hash, struct session_rec *out,
		    struct sb *err);
int pg_session_touch(struct store *s, const char *id_hash, long long now, struct sb *err);
int pg_session_delete(struct store *s, const char *id_hash, const char *actor, struct sb *err);
int pg_token_add(struct store *s, const char *token_hash, long long user_id, const char *actor,
		 long long *id, struct sb *err);
int pg_token_revoke(struct store *s, long long token_id, long long user_id, const char *actor,
		    size_t *n, struct sb *err);
int pg_token_find(struct store *s, const char *token_hash, long long *user_id, struct sb *err);
int pg_login_attempts(struct store *s, const char *key, long long *failures,
		      long long *window_start, struct sb *err);
int pg_login_attempts_set(struct store *s, const char *key, long long failures,
			  long long window_start, struct sb *err);
int pg_audit_head(struct store *s, long long *id, struct sb *err);
int pg_audit_since(struct store *s, long long after, size_t max,
		      int (*fn)(const struct audit_entry *, void *), void *arg, bool *more,
		      struct sb *err);

/* ---- Review and import jobs, defined in store_pg_review.c (store.h "Review"). */
int pg_task_merge(struct store *s, long long task_id, const char *actor, const char *reason,
		      long long *removed_id, struct sb *err);
int pg_task_split(struct store *s, long long task_id, const char *first_text,
		      const char *second_text, const char *actor, const char *reason,
		      long long *new_id, struct sb *err);
int pg_source_lines_put(struct store *s, long long plan_id, const struct source_line *lines,
			    size_t n, struct sb *err);
int pg_source_lines(struct store *s, long long plan_id,
			int (*fn)(const struct source_line *, void *), void *arg, struct sb *err);
int pg_import_job_add(struct store *s, long long user_id, const char *login,
			  const char *file_name, const char *runner, long long *id,
			  struct sb *err);
int pg_import_job_set(struct store *s, long long id, const char *state, long long done,
			  long long total, long long plan_id, const char *error, struct sb *err);
int pg_import_job_get(struct store *s, long long id, struct import_job *out,
			  struct sb *err);
int pg_import_job_list(struct store *s, long long user_id, size_t limit,
			   int (*fn)(const struct import_job *, void *), void *arg,
			   struct sb *err);
int pg_import_jobs_interrupted(struct store *s, const char *runner, const char *reason,
				  struct sb *err);

#endif
