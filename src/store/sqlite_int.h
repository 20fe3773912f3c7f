/*
 * sqlite_int.h - what the SQLite backend's files share (store_sqlite.c for
 * plans and agencies, store_sqlite_track.c for tracking). Nothing outside
 * src/store/ includes this file.
 */
#ifndef DONDOC_SQLITE_INT_H
#define DONDOC_SQLITE_INT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "store/store_int.h"

struct sb;

#define SQ_STMT_CACHE 64

struct sqlite_store {
	struct store base; /* must be first */
	sqlite3 *db;
	char *path;
	int version;
	int busy_ms; /* how long a write waits for the lock (DONDOC_BUSY_MS) */
	bool in_tx; /* store_tx_begin() is open: writes nest as savepoints */
	bool read_only; /* opened for reading only (store_open_read_only) */
	bool checked, damaged; /* quick_check ran before the first write; its verdict */
	/* Prepared statements kept for reuse (sq_prep, sq_done), by their SQL's
	 * address: a request of the web runs the same few statements again and
	 * again, and parsing them was a tenth of its time. */
	sqlite3_stmt *stmts[SQ_STMT_CACHE];
};

struct sqlite_store *sq_impl(struct store *s);
/** Puts "PATH: WHAT: sqlite's message" into err; returns -ERR_DB. */
int sq_db_fail(struct sqlite_store *ss, struct sb *err, const char *what);

/*
 * Statements bind their arguments by a type string, one letter a parameter:
 * 't' text (NULL binds SQL NULL), 'i' long long, 'I' const long long * (NULL:
 * SQL NULL), 'd' double, 'D' const double * (NULL: SQL NULL), 'b' int as 0/1.
 * A string that does not match the statement's parameters is refused.
 */
/** Prepares (or takes the kept statement for sql, when it is not in use)
 *  and binds; the caller steps, then hands it back with sq_done. NULL on
 *  error. */
sqlite3_stmt *sq_prep(struct sqlite_store *ss, struct sb *err, const char *sql,
		      const char *types, ...);
/** Ends a statement: a kept one is reset (which ends its read) and its
 *  bindings cleared, another finalized. NULL is ignored. */
void sq_done(struct sqlite_store *ss, sqlite3_stmt *st);
/** Finalizes every kept statement (before the connection closes). */
void sq_forget(struct sqlite_store *ss);
/** Prepares, binds and runs a statement that returns no rows. */
int sq_run(struct sqlite_store *ss, struct sb *err, const char *sql, const char *types, ...);

char *sq_col_text(sqlite3_stmt *st, int col);
void sq_col_date(sqlite3_stmt *st, int col, char *dst);
/** NULL for an empty date, so that "" is stored as SQL NULL. */
const char *sq_nz(const char *date);
/** The store's clock now (store_set_clock), UTC, "YYYY-MM-DDTHH:MM:SSZ". */
void sq_now_iso(struct sqlite_store *ss, char *buf, size_t len);

/** BEGIN IMMEDIATE: takes the write lock now, so the busy timeout applies. */
/** Refuses to write into a read-only or damaged database (quick_check runs
 *  once, before the first write of the process). */
int sq_write_guard(struct sqlite_store *ss, struct sb *err);
int sq_begin(struct sqlite_store *ss, struct sb *err);
int sq_commit(struct sqlite_store *ss, struct sb *err);
void sq_rollback(struct sqlite_store *ss);

/** Appends one audit_log row. */
int sq_audit(struct sqlite_store *ss, struct sb *err, const char *actor, const char *action,
	     const char *entity, long long id, const char *field, const char *old_value,
	     const char *new_value, const char *reason);

/* ---- Tracking ops, defined in store_sqlite_track.c (store.h "Tracking"). */
int sqlite_plan_state(struct store *s, long long id, struct plan_state *out, struct sb *err);
int sqlite_plan_publish(struct store *s, long long id, const char *actor, struct sb *err);
int sqlite_task_ref(struct store *s, long long task_id, struct task_ref *out, struct sb *err);
int sqlite_task_edit(struct store *s, long long task_id, const struct task_edit *e,
		     const char *actor, const char *reason, struct sb *err);
int sqlite_task_history(struct store *s, long long task_id,
			int (*fn)(const struct task_change *, void *), void *arg, struct sb *err);
int sqlite_report_add(struct store *s, struct report_new *r, const char *actor, struct sb *err);
int sqlite_report_list(struct store *s, long long plan_id, long long task_id,
		       int (*fn)(const struct report_row *, void *), void *arg, struct sb *err);
int sqlite_report_decide(struct store *s, long long task_id, bool accept, int decided_on,
			 int done_on, const char *reason, const char *actor, long long *report_id,
			 struct sb *err);
int sqlite_indicator_report_add(struct store *s, struct indicator_report_new *r,
				const char *actor, struct sb *err);
int sqlite_indicator_report_list(struct store *s, long long plan_id,
				 int (*fn)(const struct indicator_value_row *, void *), void *arg,
				 struct sb *err);
int sqlite_contact_set(struct store *s, const char *name, const char *email, const char *actor,
		       struct sb *err);
int sqlite_contact_find(struct store *s, const char *name, char **email, struct sb *err);
int sqlite_contact_list(struct store *s, int (*fn)(const char *, const char *, void *),
			void *arg, struct sb *err);
int sqlite_reminder_seen(struct store *s, enum remind_kind kind, const char *recipient, int day,
			 const char *state, bool *seen, struct sb *err);
int sqlite_reminder_record(struct store *s, const struct reminder_rec *r, const char *actor,
			   struct sb *err);

/* store_sqlite_admin.c */
int store_sqlite_open_ro(const char *path, struct store **out, struct sb *err,
			 const struct store_ops *ops);
int sqlite_check(struct store *s, int (*fn)(const char *problem, void *), void *arg,
		 struct sb *err);
int sqlite_evidence_list(struct store *s, int (*fn)(const char *sha256, void *), void *arg,
			 struct sb *err);
int sqlite_backup(struct store *s, const char *dest, struct sb *err);
int sqlite_restore(struct store *s, const char *src, struct sb *err);
/* ---- Accounts ops, defined in store_sqlite_auth.c (store.h "Accounts"). */
int sqlite_user_add(struct store *s, const struct user_rec *u, const char *actor, long long *id,
		    struct sb *err);
int sqlite_user_find(struct store *s, const char *login, long long id, struct user_rec *out,
		     struct sb *err);
int sqlite_user_list(struct store *s, int (*fn)(const struct user_rec *, void *), void *arg,
		     struct sb *err);
int sqlite_user_set_password(struct store *s, long long id, const char *pwhash,
			     const char *actor, struct sb *err);
int sqlite_user_set_disabled(struct store *s, long long id, bool disabled, const char *actor,
			     struct sb *err);
int sqlite_session_create(struct store *s, const char *id_hash, long long user_id,
			  const char *csrf, long long now, const char *replaces_hash,
			  const char *actor, struct sb *err);
int sqlite_session_find(struct store *s, const char *id_hash, struct session_rec *out,
			struct sb *err);
int sqlite_session_touch(struct store *s, const char *id_hash, long long now, struct sb *err);
int sqlite_session_delete(struct store *s, const char *id_hash, const char *actor,
			  struct sb *err);
int sqlite_token_add(struct store *s, const char *token_hash, long long user_id,
		     const char *actor, long long *id, struct sb *err);
int sqlite_token_revoke(struct store *s, long long token_id, long long user_id,
			const char *actor, size_t *n, struct sb *err);
int sqlite_token_find(struct store *s, const char *token_hash, long long *user_id,
		      struct sb *err);
int sqlite_login_attempts(struct store *s, const char *key, long long *failures,
			  long long *window_start, struct sb *err);
int sqlite_login_attempts_set(struct store *s, const char *key, long long failures,
			      long long window_start, struct sb *err);

int sqlite_audit_head(struct store *s, long long *id, struct sb *err);
int sqlite_audit_since(struct store *s, long long after, size_t max,
		      int (*fn)(const struct audit_entry *, void *), void *arg, bool *more,
		      struct sb *err);

/* ---- Review and import jobs, defined in store_sqlite_review.c (store.h "Review"). */
int sqlite_task_merge(struct store *s, long long task_id, const char *actor, const char *reason,
		      long long *removed_id, struct sb *err);
int sqlite_task_split(struct store *s, long long task_id, const char *first_text,
		      const char *second_text, const char *actor, const char *reason,
		      long long *new_id, struct sb *err);
int sqlite_source_lines_put(struct store *s, long long plan_id, const struct source_line *lines,
			    size_t n, struct sb *err);
int sqlite_source_lines(struct store *s, long long plan_id,
			int (*fn)(const struct source_line *, void *), void *arg, struct sb *err);
int sqlite_import_job_add(struct store *s, long long user_id, const char *login,
			  const char *file_name, const char *runner, long long *id,
			  struct sb *err);
int sqlite_import_job_set(struct store *s, long long id, const char *state, long long done,
			  long long total, long long plan_id, const char *error, struct sb *err);
int sqlite_import_job_get(struct store *s, long long id, struct import_job *out,
			  struct sb *err);
int sqlite_import_job_list(struct store *s, long long user_id, size_t limit,
			   int (*fn)(const struct import_job *, void *), void *arg,
			   struct sb *err);
int sqlite_import_jobs_interrupted(struct store *s, const char *runner, const char *reason,
				  struct sb *err);

#endif
