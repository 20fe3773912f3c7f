/*
 * store.h - the one storage interface. Callers see only this header; the
 * backends (store_sqlite.c now, store_pg.c later) implement struct store_ops
 * in store_int.h.
 *
 * Guarantees every backend gives:
 *   - every write runs in one transaction (SQLite: BEGIN IMMEDIATE), so a
 *     failed import leaves the database as it was;
 *   - the schema is migrated by numbered steps at open;
 *   - nothing is overwritten without an audit row (audit_log);
 *   - only prepared statements with bound parameters touch the data.
 *
 * Errors: functions return 0 or a negative ERR_* (base/err.h) and put the
 * detail in err.
 */
#ifndef DONDOC_STORE_H
#define DONDOC_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/states.h"

struct store;
struct plan;
struct task;
struct sb;

/*
 * How a store opens; all zero (or NULL) is the default. The layer that owns
 * configuration (src/app/open.c) fills it: the store reads no environment.
 */
struct store_options {
	/* An existing database for reading only (works on a read-only file or
	 * mount); every write fails. The schema must be this build's. */
	bool read_only;
	/* The clock of every timestamp the store writes (audit rows,
	 * imported_at, reported_at, schema_migrations, ...): Unix seconds, UTC.
	 * NULL: the system clock. */
	long long (*now)(void *arg);
	void *now_arg;
	/* > 0: how long a write waits for another writer (store_set_busy_ms). */
	int busy_ms;
};
/** Opens the database at where: "postgresql://..." (or "postgres://") is
 *  PostgreSQL, anything else a SQLite file, created and migrated unless
 *  read_only. o may be NULL. */
int store_open_with(const char *where, const struct store_options *o, struct store **out,
		    struct sb *err);
/** store_open_with() with the defaults. */
int store_open(const char *path, struct store **out, struct sb *err);
/** store_open_with() read_only. */
int store_open_read_only(const char *path, struct store **out, struct sb *err);
void store_close(struct store *s);
/** Sets the clock (struct store_options.now) of an open store. */
void store_set_clock(struct store *s, long long (*now)(void *arg), void *arg);
/**
 * Fault injection for tests (DONDOC_STORE_FAIL_AFTER=N, src/app/open.c):
 * returns a store that forwards everything to inner, which it then owns
 * (store_close closes both), except that its Nth write (every store.h call
 * that changes data counts one, from 1) fails with -ERR_IO "injected write
 * failure" after inner has run it. Inside store_tx_begin() the caller's
 * rollback is then what undoes the write; outside one the fault store wraps
 * the write in a transaction of its own and undoes it, as a failed write
 * would. n <= 0: inner unchanged.
 */
struct store *store_fault_new(struct store *inner, long n);
/** The schema version the database is at after opening. */
int store_schema_version(struct store *s);
/** True once an operation failed because the connection to the database
 *  server was lost (it then returned -ERR_BUSY): close s and open another.
 *  A SQLite file is never lost. */
bool store_lost(const struct store *s);

/*
 * One operation, one transaction: between store_tx_begin() and
 * store_tx_commit() every store write joins one write transaction (each
 * write still undoes itself when it fails), and store_tx_rollback() undoes
 * them all. Transactions do not nest. Errors a caller can act on:
 * -ERR_BUSY (another writer held the lock longer than the busy wait: try
 * again), -ERR_CONFLICT (a unique key or a concurrent change),
 * -ERR_NOTFOUND (no such record).
 */
int store_tx_begin(struct store *s, struct sb *err);
int store_tx_commit(struct store *s, struct sb *err);
void store_tx_rollback(struct store *s);
/** How long a write waits for another writer's lock (DONDOC_BUSY_MS). */
void store_set_busy_ms(struct store *s, int ms);

/*
 * Scheduled work (reminders) runs in one process at a time even when several
 * servers share the database. store_job_begin() returns 1 when this process
 * now holds job (its writes then join one transaction until store_job_end()
 * commits them; store_tx_rollback() undoes them), 0 when another process is
 * running it (skip this run), or an error. PostgreSQL: a READ COMMITTED
 * transaction holding pg_try_advisory_xact_lock, which works behind pgbouncer
 * in transaction mode; SQLite (one process serves a province): always 1 and
 * no transaction, so the write lock is not held while mail goes out.
 */
int store_job_begin(struct store *s, const char *job, struct sb *err);
int store_job_end(struct store *s, struct sb *err);

/*
 * Looking after the database. A damaged database is never written: every
 * write of a process first runs a quick check once and is refused, with a
 * message saying how to restore, when it fails.
 */
/** Calls fn for each problem found (the backend's integrity and reference
 *  checks, and dondoc's invariants: every task's plan exists, reports point
 *  at tasks, imports and publications have audit rows). Returns how many. */
int store_check(struct store *s, int (*fn)(const char *problem, void *), void *arg,
		struct sb *err);
/** Calls fn with the SHA-256 of every evidence file the reports cite. */
int store_evidence_list(struct store *s, int (*fn)(const char *sha256, void *), void *arg,
			struct sb *err);
/** Writes a consistent copy of the database to dest (safe while others
 *  write), checked before it is renamed into place. */
int store_backup(struct store *s, const char *dest, struct sb *err);
/** Replaces the database's content with the backup src, after checking it is
 *  sound and not from a newer dondoc. */
int store_restore(struct store *s, const char *src, struct sb *err);

/* One table copied by store_copy_to_pg(). */
struct store_copy_table {
	const char *table;
	long long rows;
	char sha256[65]; /* of the rows as both sides read them back */
};
/**
 * Copies the SQLite database at sqlite_path (at this build's schema) into the
 * PostgreSQL database pg_url, which must hold no dondoc row: every row and
 * every audit entry with its id, in one transaction that commits only when
 * each table's row count and checksum read back from PostgreSQL equal the
 * SQLite side. fn (may be NULL) hears about each table copied.
 */
int store_copy_to_pg(const char *sqlite_path, const char *pg_url,
		     int (*fn)(const struct store_copy_table *, void *), void *arg, struct sb *err);

struct plan_meta {
	long long id;
	char *source; /* file name it came from */
	char *sha256; /* of the source file */
	enum plan_status status;
	char *imported_at; /* ISO timestamp UTC */
	char *number, *kind, *title;
	size_t ntasks, nindicators, ntargets;
};
void plan_meta_release(struct plan_meta *m);

/**
 * Stores plan (as extracted from source, whose SHA-256 is sha256) as a new
 * draft plan, in one transaction. On success plan->id and every task's and
 * indicator's id are set. actor is recorded in the audit log.
 * When a file with this SHA-256 is already stored (checked inside the
 * transaction), nothing is written, plan->id is set to its newest plan and 1
 * is returned.
 */
int store_plan_insert(struct store *s, struct plan *plan, const char *source,
		      const char *sha256, const char *actor, struct sb *err);
/** store_plan_insert() even when the content is already stored (import
 *  --again): the new document is recorded as a copy of the original. */
int store_plan_insert_copy(struct store *s, struct plan *plan, const char *source,
			   const char *sha256, const char *actor, struct sb *err);

/** Sets *id to the newest plan imported from a file with this SHA-256, or 0. */
int store_plan_find_source(struct store *s, const char *sha256, long long *id, struct sb *err);

/** Loads plan id into p (initialised, empty). ERR_NOTFOUND when absent. */
int store_plan_load(struct store *s, long long id, struct plan *p, struct sb *err);
/** Every published plan, each as store_plan_load reads it, in id order and
 *  one snapshot, into *out (*n plans: plan_release each, then free *out):
 *  one query per table, not per plan (the shared tracked world). */
int store_plans_published(struct store *s, struct plan **out, size_t *n, struct sb *err);

/** Calls fn for every plan, newest last. fn returning non-zero stops. */
int store_plan_list(struct store *s, int (*fn)(const struct plan_meta *, void *), void *arg,
		    struct sb *err);
/** What store_plan_list says of plan id alone (release with
 *  plan_meta_release). -ERR_NOTFOUND when absent. */
int store_plan_meta(struct store *s, long long id, struct plan_meta *out, struct sb *err);

struct task_filter {
	long long plan_id; /* 0: all */
	const char *agency; /* canonical or printed; matched on the folding key; NULL: all */
	const char *leader; /* matched on the folding key; NULL: all */
	long long task_id; /* 0: all; else only that task (one row read, not the plan) */
};

struct task_row {
	long long id, plan_id;
	const struct task *task;
};

/** Calls fn for each matching task, in plan then document order. */
int store_task_list(struct store *s, const struct task_filter *f,
		    int (*fn)(const struct task_row *, void *), void *arg, struct sb *err);

/** Calls fn for each body named as lead or coordinator in stored plans, with
 *  how many times it is named. (Whether a name is known is the registry's
 *  business: ops_agency_usage.) */
int store_agency_usage(struct store *s, int (*fn)(const char *name, size_t uses, void *),
		       void *arg, struct sb *err);

/* How a stored body name resolves to its canonical name; the store never
 * sees the agency registry itself (ops passes it through this). canonical
 * returns NULL for a name it does not know. */
struct name_resolver {
	const char *(*canonical)(void *ctx, const char *name);
	void *ctx;
};

/** Stores alias -> canonical and re-resolves every stored task's and
 *  indicator's bodies through r (which already knows the alias), with audit
 *  rows, in one transaction. Returns how many names changed. */
int store_agency_alias(struct store *s, const char *alias, const char *canonical,
		       const struct name_resolver *r, const char *actor, struct sb *err);

/** Calls fn for each leader named in stored plans (tasks and indicators),
 *  with how many times. */
int store_person_usage(struct store *s, int (*fn)(const char *name, size_t uses, void *),
		       void *arg, struct sb *err);

/** Stores a person's alias -> canonical name and renames every stored task's
 *  and indicator's leader written that way (with audit rows), in one
 *  transaction; later imports follow the alias. Returns how many changed. */
int store_person_alias(struct store *s, const char *alias, const char *canonical,
		       const char *actor, struct sb *err);

/** Calls fn for each stored alias of a leader's name, oldest first. */
int store_person_alias_list(struct store *s,
			    int (*fn)(const char *alias, const char *canonical, void *), void *arg,
			    struct sb *err);
/** Calls fn for each stored alias of a body, oldest first. */
int store_agency_alias_list(struct store *s,
			    int (*fn)(const char *alias, const char *canonical, void *), void *arg,
			    struct sb *err);

/* ---- Tracking (store_sqlite_track.c) ----------------------------------- *
 *
 * Review and publication, amendments with history, progress reports
 * (append-only: a correction is a new report that replaces an earlier one),
 * confirmations, evidence, indicator values, agency contacts and the
 * reminders sent. Days are day numbers (base/date.h; CAL_NONE = none) and
 * states are the enums of model/states.h: the backends convert them to and
 * from the ISO "YYYY-MM-DD" and key columns of the schema. The caller
 * supplies "today" (DONDOC_TODAY) so that a fixed clock gives fixed
 * records. Every write is one transaction with its audit_log row(s). Strings
 * in the row structs handed to callbacks are borrowed for the length of the
 * call.
 */
struct due;
struct strlist;

struct plan_state {
	long long id;
	enum plan_status status;
	int version; /* 1, bumped by every amendment of a published plan */
	int year; /* the plan's year, 0 unknown */
};
/** Reads plan id's status, version and year. -ERR_NOTFOUND when absent. */
int store_plan_state(struct store *s, long long id, struct plan_state *out, struct sb *err);

/** Publishes a draft plan (its tasks become visible to status and remind).
 *  Returns 0, 1 when it was already published (nothing written), or an error. */
int store_plan_publish(struct store *s, long long id, const char *actor, struct sb *err);

struct task_ref {
	long long id, plan_id;
	struct plan_state plan;
};
/** The plan a task belongs to. -ERR_NOTFOUND for an unknown task id. */
int store_task_ref(struct store *s, long long task_id, struct task_ref *out, struct sb *err);

/* One correction of one task field. field is "text", "ref", "section",
 * "leader", "supervisor", "result" (value; NULL or "" clears), "due" (due;
 * NULL clears) or "lead", "coordinate" (bodies and groups, as agency_split
 * gives them). */
struct task_edit {
	const char *field;
	const char *value;
	const struct due *due;
	const struct strlist *bodies, *groups;
};
/** True when name is a field store_task_edit() accepts. */
bool store_task_edit_field_ok(const char *field);
/**
 * Changes one field of task_id, in one transaction, with an audit row and a
 * task_history row (who, when, why, the old and new value). On a published
 * plan the plan's version is bumped, and the history row keeps the version
 * the old value belonged to. reason must be non-empty.
 */
int store_task_edit(struct store *s, long long task_id, const struct task_edit *e,
		    const char *actor, const char *reason, struct sb *err);

struct task_change {
	long long id, task_id;
	int plan_version; /* the version the old value belonged to */
	const char *field, *old_value, *new_value, *at, *actor, *reason;
};
/** Calls fn for every change of task_id (task_id 0: of every task), oldest first. */
int store_task_history(struct store *s, long long task_id,
		       int (*fn)(const struct task_change *, void *), void *arg, struct sb *err);

struct report_new {
	long long task_id;
	const char *agency; /* must be a lead or coordinating body of the task */
	enum task_state state;
	const char *period; /* a period name, or NULL */
	int completion_date; /* day, or CAL_NONE */
	const char *note;
	const double *value; /* actual value, or NULL */
	long long replaces_id; /* the report this one corrects, or 0 */
	int filed_on; /* the day the report is made (today) */
	const char *evidence_name, *evidence_sha256; /* NULL: no evidence */
	long long evidence_size;
	/* out */
	long long id;
	enum report_role role; /* REPORT_LEAD: the official status */
	char agency_stored[256]; /* the body's name as the task holds it */
};
/** Appends a progress report. The plan must be published; a correction must
 *  replace a report of the same task and agency that nothing replaces yet. */
int store_report_add(struct store *s, struct report_new *r, const char *actor, struct sb *err);

struct report_row {
	long long id, task_id, plan_id, replaces_id;
	bool replaced; /* a later report replaces this one */
	const char *agency, *period, *note, *reported_at, *actor;
	enum report_role role;
	enum task_state state;
	int completion_date, filed_on; /* days; completion_date CAL_NONE: none given */
	bool has_value;
	double value;
	/* The latest confirmation decision on this report: CONFIRM_PENDING when
	 * none (then the days are CAL_NONE and the reason NULL). */
	enum confirmation decision;
	int decided_on, confirmed_done_on; /* days */
	const char *decision_reason;
	size_t nevidence;
};
/** Calls fn for each report of plan_id (0: all) and task_id (0: all), by
 *  task, then filing day, then id; every report of the database (both 0) in
 *  no set order (the caller sorts: cheaper than the database sorting them). */
int store_report_list(struct store *s, long long plan_id, long long task_id,
		      int (*fn)(const struct report_row *, void *), void *arg, struct sb *err);

/**
 * The standing agency's decision on the completion task_id's lead agency
 * reported: its latest lead report in force must be "done" and not decided
 * yet. accept: done_on (CAL_NONE = the date reported) is the completion date that
 * counts; refuse: reason is required. *report_id (may be NULL) receives the
 * report decided on.
 */
int store_report_decide(struct store *s, long long task_id, bool accept, int decided_on,
			int done_on, const char *reason, const char *actor, long long *report_id,
			struct sb *err);

struct indicator_report_new {
	long long indicator_id;
	const char *agency, *period, *note;
	int filed_on; /* day */
	double value;
	long long replaces_id;
	long long id; /* out */
};
/** Appends an actual value for an indicator and period (plan published). */
int store_indicator_report_add(struct store *s, struct indicator_report_new *r,
			       const char *actor, struct sb *err);

struct indicator_value_row {
	long long id, indicator_id, replaces_id;
	bool replaced;
	const char *agency, *period, *note;
	int filed_on; /* day */
	double value;
};
int store_indicator_report_list(struct store *s, long long plan_id,
				int (*fn)(const struct indicator_value_row *, void *), void *arg,
				struct sb *err);

/** Sets (or changes, with an audit row) the e-mail address of a body or an
 *  official; names match through the folding key. */
int store_contact_set(struct store *s, const char *name, const char *email, const char *actor,
		      struct sb *err);
/** *email = a new copy of name's address, or NULL when none is known. */
int store_contact_find(struct store *s, const char *name, char **email, struct sb *err);
int store_contact_list(struct store *s, int (*fn)(const char *name, const char *email, void *),
		       void *arg, struct sb *err);

struct reminder_rec {
	enum remind_kind kind; /* to an agency, or escalated to an official */
	const char *recipient, *email; /* email NULL: none known */
	int day; /* today */
	const char *state; /* fingerprint of what the message lists */
	const char *subject;
	const char *via; /* "smtp", "file" */
	size_t items;
};
/** *seen = a reminder of this kind, recipient (folding key), day and state
 *  has been recorded. */
int store_reminder_seen(struct store *s, enum remind_kind kind, const char *recipient,
			int day, const char *state, bool *seen, struct sb *err);
/** Records a reminder sent; 1 when the same one was already recorded. */
int store_reminder_record(struct store *s, const struct reminder_rec *r, const char *actor,
			  struct sb *err);

/* ---- Review and the web's import jobs (store_sqlite_review.c,
 *      store_pg_review.c) ------------------------------------------------ */

/**
 * Merges task_id with the task after it in its plan (document order): the
 * texts are joined (a space between), the second task's targets and history
 * move to the first, the second is deleted; a task_history row and audit rows
 * (on both tasks) name actor and reason. Drafts only: -ERR_CONFLICT on a
 * published plan, -ERR_INPUT when task_id is the plan's last task,
 * -ERR_NOTFOUND for an unknown task. *removed_id (may be NULL) receives the
 * deleted task's id.
 */
int store_task_merge(struct store *s, long long task_id, const char *actor, const char *reason,
		     long long *removed_id, struct sb *err);
/**
 * Splits task_id in two: it keeps first_text, and a new task right after it
 * (the later tasks move one place on) gets second_text with every other field
 * of the original (agencies, due, leader...), its ref suffixed with the first
 * of "a".."z" (then ".2", ".3"...) that no task of the plan has. Drafts only
 * (-ERR_CONFLICT on a published plan). History and audit rows as for merge.
 * *new_id (may be NULL) receives the new task's id.
 */
int store_task_split(struct store *s, long long task_id, const char *first_text,
		     const char *second_text, const char *actor, const char *reason,
		     long long *new_id, struct sb *err);

/* The source text of a document, one line at a time, numbered as
 * tasks.source_line. */
struct source_line {
	int line;
	const char *text;
};
/** Stores the source lines of plan_id's document (replacing any). */
int store_source_lines_put(struct store *s, long long plan_id, const struct source_line *lines,
			   size_t n, struct sb *err);
/** Calls fn for each stored source line of plan_id's document, in order. */
int store_source_lines(struct store *s, long long plan_id,
		       int (*fn)(const struct source_line *, void *), void *arg, struct sb *err);

/* An import run in the background (the web). state: "queued", "running",
 * "done", "failed". */
struct import_job {
	long long id;
	long long user_id; /* 0: none (the CLI) */
	char *login, *file_name, *state, *error, *created_at, *updated_at;
	char *runner; /* the server process running it ("host:pid"), or NULL */
	long long done, total; /* pages (or sheets) read so far, of total; 0/0 unknown */
	long long plan_id; /* done: the draft plan; 0 otherwise */
};
void import_job_release(struct import_job *j);
/** A new job (state "queued") that runner (may be NULL) will run; *id
 *  receives its id. */
int store_import_job_add(struct store *s, long long user_id, const char *login,
			 const char *file_name, const char *runner, long long *id, struct sb *err);
/** Sets a job's state and progress (plan_id 0 and error NULL: unchanged). */
int store_import_job_set(struct store *s, long long id, const char *state, long long done,
			 long long total, long long plan_id, const char *error, struct sb *err);
/** Reads job id into out (zeroed first). -ERR_NOTFOUND when absent. */
int store_import_job_get(struct store *s, long long id, struct import_job *out, struct sb *err);
/** Calls fn for the newest jobs (of user_id; 0: everyone's), newest first,
 *  at most limit of them. */
int store_import_job_list(struct store *s, long long user_id, size_t limit,
			  int (*fn)(const struct import_job *, void *), void *arg, struct sb *err);
/** Marks failed, with reason, the queued or running jobs of runner ("" for
 *  the jobs of no runner; NULL: of every runner): a server stopped while
 *  they ran. Returns how many. */
int store_import_jobs_interrupted(struct store *s, const char *runner, const char *reason,
				  struct sb *err);

/* ---- Accounts, sessions, API tokens (store_sqlite_auth.c) --------------- *
 *
 * Storage only: the rules (who may add a user, password hashing, timeouts,
 * throttling) live in src/ops/ops_user.c and ops_session.c. Session ids and
 * API tokens reach the store only as SHA-256 hex hashes. Times are Unix
 * seconds. Every change to a user has an audit_log row naming actor.
 */
struct user_rec {
	long long id;
	char *login, *role, *agency, *person, *pwhash, *created_at;
	bool disabled;
};
void user_rec_release(struct user_rec *u);
/** Adds a user; *id (may be NULL) gets its id. -ERR_CONFLICT when the login
 *  is taken. */
int store_user_add(struct store *s, const struct user_rec *u, const char *actor, long long *id,
		   struct sb *err);
/** Loads the user named login (or, login NULL, the user id) into out.
 *  -ERR_NOTFOUND when absent. */
int store_user_find(struct store *s, const char *login, long long id, struct user_rec *out,
		    struct sb *err);
/** Calls fn for every user, by login. */
int store_user_list(struct store *s, int (*fn)(const struct user_rec *, void *), void *arg,
		    struct sb *err);
/** Replaces a user's password hash and ends the user's sessions. */
int store_user_set_password(struct store *s, long long id, const char *pwhash,
			    const char *actor, struct sb *err);
/** Disables (or enables) a user; disabling ends the user's sessions and tokens. */
int store_user_set_disabled(struct store *s, long long id, bool disabled, const char *actor,
			    struct sb *err);

struct session_rec {
	long long user_id;
	char csrf[65];
	long long created_at, last_seen;
};
/** Stores a new session for user_id (logged in as actor), deleting the
 *  session replaces_hash (NULL: none) in the same transaction: a login
 *  rotates the id. */
int store_session_create(struct store *s, const char *id_hash, long long user_id,
			 const char *csrf, long long now, const char *replaces_hash,
			 const char *actor, struct sb *err);
/** -ERR_NOTFOUND when no such session. */
int store_session_find(struct store *s, const char *id_hash, struct session_rec *out,
		       struct sb *err);
int store_session_touch(struct store *s, const char *id_hash, long long now, struct sb *err);
/** Ends a session (logout, expiry); actor NULL writes no audit row. */
int store_session_delete(struct store *s, const char *id_hash, const char *actor,
			 struct sb *err);
int store_token_add(struct store *s, const char *token_hash, long long user_id,
		    const char *actor, long long *id, struct sb *err);
/** Revokes the token token_id (> 0), or every live token of user_id (> 0);
 *  *n = how many were revoked (0: nothing written). An audit row names the
 *  user whose tokens end. -ERR_NOTFOUND for an unknown token id. */
int store_token_revoke(struct store *s, long long token_id, long long user_id,
		       const char *actor, size_t *n, struct sb *err);
/** *user_id = the owner of a token not revoked; -ERR_NOTFOUND otherwise. */
int store_token_find(struct store *s, const char *token_hash, long long *user_id,
		     struct sb *err);
/** The failed logins counted under key since *window_start (0, 0: none). */
int store_login_attempts(struct store *s, const char *key, long long *failures,
			 long long *window_start, struct sb *err);
/** Sets key's counter; failures 0 forgets the key. */
int store_login_attempts_set(struct store *s, const char *key, long long failures,
			     long long window_start, struct sb *err);

/** *id = the id of the newest audit_log row (0: none). Every write has an
 *  audit row, so a reader may cache what it loaded until this changes. */
int store_audit_head(struct store *s, long long *id, struct sb *err);

/* One audit_log row as a cache sees it: what changed, and for a progress
 * report (entity "progress_report") the task it belongs to. */
struct audit_entry {
	long long id, entity_id;
	long long task_id; /* the report's task; 0 for other entities */
	const char *action, *entity;
};
/** Calls fn with the audit rows after id `after`, oldest first, at most max
 *  of them (fn returning non-zero stops); *more is set when rows beyond
 *  max exist. Lets a reader holding what it loaded at `after` catch up on
 *  only what changed since. */
int store_audit_since(struct store *s, long long after, size_t max,
		      int (*fn)(const struct audit_entry *, void *), void *arg, bool *more,
		      struct sb *err);

#endif
