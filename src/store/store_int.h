/*
 * store_int.h - what a storage backend implements. Only store.c and the
 * backends (store_sqlite.c; store_pg.c later) include this file; the rest of
 * dondoc sees store.h alone (after sqlite's btree.h / btreeInt.h split).
 *
 * A backend embeds struct store as its first member and fills a const
 * struct store_ops. Each operation has the contract of the store.h function
 * of the same name.
 */
#ifndef DONDOC_STORE_INT_H
#define DONDOC_STORE_INT_H

#include "store/store.h"
#include "base/date.h"

struct store_ops {
	const char *name;
	int (*tx_begin)(struct store *s, struct sb *err);
	int (*tx_commit)(struct store *s, struct sb *err);
	void (*tx_rollback)(struct store *s);
	void (*set_busy_ms)(struct store *s, int ms);
	int (*check)(struct store *s, int (*fn)(const char *problem, void *), void *arg,
		     struct sb *err);
	int (*evidence_list)(struct store *s, int (*fn)(const char *sha256, void *), void *arg,
			     struct sb *err);
	int (*backup)(struct store *s, const char *dest, struct sb *err);
	int (*restore)(struct store *s, const char *src, struct sb *err);
	void (*close)(struct store *s);
	int (*schema_version)(struct store *s);
	int (*plan_insert)(struct store *s, struct plan *plan, const char *source,
			   const char *sha256, const char *actor, struct sb *err);
	int (*plan_find_source)(struct store *s, const char *sha256, long long *id, struct sb *err);
	int (*plan_load)(struct store *s, long long id, struct plan *p, struct sb *err);
	int (*plans_published)(struct store *s, struct plan **out, size_t *n, struct sb *err);
	int (*plan_list)(struct store *s, int (*fn)(const struct plan_meta *, void *), void *arg,
			 struct sb *err);
	int (*task_list)(struct store *s, const struct task_filter *f,
			 int (*fn)(const struct task_row *, void *), void *arg, struct sb *err);
	int (*agency_usage)(struct store *s, int (*fn)(const char *, size_t, void *), void *arg,
			    struct sb *err);
	int (*agency_alias)(struct store *s, const char *alias, const char *canonical,
			    const struct name_resolver *r, const char *actor, struct sb *err);
	int (*person_alias_list)(struct store *s, int (*fn)(const char *, const char *, void *),
				 void *arg, struct sb *err);
	int (*agency_alias_list)(struct store *s, int (*fn)(const char *, const char *, void *),
				 void *arg, struct sb *err);
	int (*person_usage)(struct store *s, int (*fn)(const char *, size_t, void *), void *arg,
			    struct sb *err);
	int (*person_alias)(struct store *s, const char *alias, const char *canonical,
			    const char *actor, struct sb *err);
	/* Tracking (store.h, "Tracking"). */
	int (*plan_state)(struct store *s, long long id, struct plan_state *out, struct sb *err);
	int (*plan_publish)(struct store *s, long long id, const char *actor, struct sb *err);
	int (*task_ref)(struct store *s, long long task_id, struct task_ref *out, struct sb *err);
	int (*task_edit)(struct store *s, long long task_id, const struct task_edit *e,
			 const char *actor, const char *reason, struct sb *err);
	int (*task_history)(struct store *s, long long task_id,
			    int (*fn)(const struct task_change *, void *), void *arg,
			    struct sb *err);
	int (*report_add)(struct store *s, struct report_new *r, const char *actor,
			  struct sb *err);
	int (*report_list)(struct store *s, long long plan_id, long long task_id,
			   int (*fn)(const struct report_row *, void *), void *arg, struct sb *err);
	int (*report_decide)(struct store *s, long long task_id, bool accept, int decided_on,
			     int done_on, const char *reason, const char *actor,
			     long long *report_id, struct sb *err);
	int (*indicator_report_add)(struct store *s, struct indicator_report_new *r,
				    const char *actor, struct sb *err);
	int (*indicator_report_list)(struct store *s, long long plan_id,
				     int (*fn)(const struct indicator_value_row *, void *),
				     void *arg, struct sb *err);
	int (*contact_set)(struct store *s, const char *name, const char *email,
			   const char *actor, struct sb *err);
	int (*contact_find)(struct store *s, const char *name, char **email, struct sb *err);
	int (*contact_list)(struct store *s, int (*fn)(const char *, const char *, void *),
			    void *arg, struct sb *err);
	int (*reminder_seen)(struct store *s, enum remind_kind kind, const char *recipient, int day,
			     const char *state, bool *seen, struct sb *err);
	int (*reminder_record)(struct store *s, const struct reminder_rec *r, const char *actor,
			       struct sb *err);
	int (*plan_insert_copy)(struct store *s, struct plan *plan, const char *source,
				const char *sha256, const char *actor, struct sb *err);
	/* Accounts, sessions, API tokens (store.h, "Accounts"). */
	int (*user_add)(struct store *s, const struct user_rec *u, const char *actor,
			long long *id, struct sb *err);
	int (*user_find)(struct store *s, const char *login, long long id, struct user_rec *out,
			 struct sb *err);
	int (*user_list)(struct store *s, int (*fn)(const struct user_rec *, void *), void *arg,
			 struct sb *err);
	int (*user_set_password)(struct store *s, long long id, const char *pwhash,
				 const char *actor, struct sb *err);
	int (*user_set_disabled)(struct store *s, long long id, bool disabled, const char *actor,
				 struct sb *err);
	int (*session_create)(struct store *s, const char *id_hash, long long user_id,
			      const char *csrf, long long now, const char *replaces_hash,
			      const char *actor, struct sb *err);
	int (*session_find)(struct store *s, const char *id_hash, struct session_rec *out,
			    struct sb *err);
	int (*session_touch)(struct store *s, const char *id_hash, long long now, struct sb *err);
	int (*session_delete)(struct store *s, const char *id_hash, const char *actor,
			      struct sb *err);
	int (*token_add)(struct store *s, const char *token_hash, long long user_id,
			 const char *actor, long long *id, struct sb *err);
	int (*token_find)(struct store *s, const char *token_hash, long long *user_id,
			  struct sb *err);
	int (*token_revoke)(struct store *s, long long token_id, long long user_id,
			    const char *actor, size_t *n, struct sb *err);
	int (*login_attempts)(struct store *s, const char *key, long long *failures,
			      long long *window_start, struct sb *err);
	int (*login_attempts_set)(struct store *s, const char *key, long long failures,
				  long long window_start, struct sb *err);
	int (*audit_head)(struct store *s, long long *id, struct sb *err);
	int (*audit_since)(struct store *s, long long after, size_t max,
			   int (*fn)(const struct audit_entry *, void *), void *arg, bool *more,
			   struct sb *err);
	int (*plan_meta)(struct store *s, long long id, struct plan_meta *out, struct sb *err);
	/* Scheduled jobs (store.h); NULL: one process serves the database. */
	int (*job_begin)(struct store *s, const char *job, struct sb *err);
	int (*job_end)(struct store *s, struct sb *err);
	/* Review and import jobs (store.h, "Review"). */
	int (*task_merge)(struct store *s, long long task_id, const char *actor,
			  const char *reason, long long *removed_id, struct sb *err);
	int (*task_split)(struct store *s, long long task_id, const char *first_text,
			  const char *second_text, const char *actor, const char *reason,
			  long long *new_id, struct sb *err);
	int (*source_lines_put)(struct store *s, long long plan_id,
				const struct source_line *lines, size_t n, struct sb *err);
	int (*source_lines)(struct store *s, long long plan_id,
			    int (*fn)(const struct source_line *, void *), void *arg,
			    struct sb *err);
	int (*import_job_add)(struct store *s, long long user_id, const char *login,
			      const char *file_name, const char *runner, long long *id,
			      struct sb *err);
	int (*import_job_set)(struct store *s, long long id, const char *state, long long done,
			      long long total, long long plan_id, const char *error,
			      struct sb *err);
	int (*import_job_get)(struct store *s, long long id, struct import_job *out,
			      struct sb *err);
	int (*import_job_list)(struct store *s, long long user_id, size_t limit,
			       int (*fn)(const struct import_job *, void *), void *arg,
			       struct sb *err);
	int (*import_jobs_interrupted)(struct store *s, const char *runner, const char *reason,
				       struct sb *err);
};

struct store {
	const struct store_ops *ops;
	/* The clock (store_options.now); NULL: the system clock. */
	long long (*now)(void *arg);
	void *now_arg;
	/* A wrapping store's wrapped one (store_fault.c), else NULL. */
	struct store *inner;
	bool lost; /* the connection to a database server was lost (store_lost) */
};

/** Sets up a backend's struct store: its ops and o's clock (o may be NULL). */
void store_base_init(struct store *s, const struct store_ops *ops,
		     const struct store_options *o);
/** The store's clock now, as "YYYY-MM-DDTHH:MM:SSZ" (UTC) in buf. */
void store_now_iso(const struct store *s, char *buf, size_t len);

/* Conversions at the edge of the schema, which keeps TEXT keys and ISO
 * dates (store.c); a date column's text becomes a day by calendar_iso_day. */
/** day as a date column holds it, written into buf; NULL for CAL_NONE (and
 *  any invalid day), which binds SQL NULL. */
const char *store_day_iso(int day, char buf[CAL_ISO_LEN]);
/** A status column's key; PLAN_DRAFT for anything unknown. */
enum plan_status store_plan_status(const char *key);
/** A state column's key; TASK_NOT_STARTED for anything unknown. */
enum task_state store_task_state(const char *key);

/* Backend constructors: open path, or return a negative ERR_* with err set.
 * o (may be NULL) gives the clock; store_open_with() applies the rest. */
int store_sqlite_open(const char *path, const struct store_options *o, struct store **out,
		      struct sb *err);

/* Shared by the backends (store.c): the four agency roles of
 * task_agencies/indicator_agencies in the order of the plan model's lists
 * (lead, lead groups, coordinators, coordinator groups), and the doubts of a
 * task as stored (one comma-separated column). */
extern const char *const store_roles[4];
/** The index of role in store_roles, or -1. */
int store_role_index(const char *role);
/** t's list of bodies in role (an index of store_roles). */
struct strlist *store_role_list(struct task *t, int role);
/** l joined by commas, or NULL when empty (a new allocation). */
char *store_join_doubts(const struct strlist *l);
/** Appends each non-empty comma-separated part of s (may be NULL) to out. */
void store_split_doubts(const char *s, struct strlist *out);

/* A document's notes (struct plan.notes) as stored: one a line, NULL when
 * there are none (a new string), and back (appended to out). */
char *store_notes_join(const struct strlist *notes);
void store_notes_split(const char *s, struct strlist *out);
int store_sqlite_open_read_only(const char *path, struct store **out, struct sb *err);
/* store_pg.c: url is a libpq connection URI (postgresql://...). */
int store_pg_open(const char *url, const struct store_options *o, struct store **out,
		  struct sb *err);
int store_pg_open_read_only(const char *url, struct store **out, struct sb *err);

#endif
