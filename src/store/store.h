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

struct store;
struct plan;
struct task;
struct sb;
struct agency_registry;

/** Opens (creating and migrating) the database at path. */
int store_open(const char *path, struct store **out, struct sb *err);
void store_close(struct store *s);
/** The schema version the database is at after opening. */
int store_schema_version(struct store *s);

struct plan_meta {
	long long id;
	char *source; /* file name it came from */
	char *sha256; /* of the source file */
	char *status; /* "draft", "published" */
	char *imported_at; /* ISO timestamp UTC */
	char *number, *kind, *title;
	size_t ntasks, nindicators, ntargets;
};
void plan_meta_release(struct plan_meta *m);

/**
 * Stores plan (as extracted from source, whose SHA-256 is sha256) as a new
 * draft plan, in one transaction. On success plan->id and every task's and
 * indicator's id are set. actor is recorded in the audit log.
 */
int store_plan_insert(struct store *s, struct plan *plan, const char *source,
		      const char *sha256, const char *actor, struct sb *err);

/** Sets *id to the newest plan imported from a file with this SHA-256, or 0. */
int store_plan_find_source(struct store *s, const char *sha256, long long *id, struct sb *err);

/** Loads plan id into p (initialised, empty). ERR_NOTFOUND when absent. */
int store_plan_load(struct store *s, long long id, struct plan *p, struct sb *err);

/** Calls fn for every plan, newest last. fn returning non-zero stops. */
int store_plan_list(struct store *s, int (*fn)(const struct plan_meta *, void *), void *arg,
		    struct sb *err);

struct task_filter {
	long long plan_id; /* 0: all */
	const char *agency; /* canonical or printed; matched on the folding key; NULL: all */
	const char *leader; /* matched on the folding key; NULL: all */
};

struct task_row {
	long long id, plan_id;
	const struct task *task;
};

/** Calls fn for each matching task, in plan then document order. */
int store_task_list(struct store *s, const struct task_filter *f,
		    int (*fn)(const struct task_row *, void *), void *arg, struct sb *err);

/** Calls fn for each body named as lead or coordinator in stored plans, with
 *  how many times it is named and whether the registry r knows it; with
 *  unknown_only, only the bodies r does not know. */
int store_agency_usage(struct store *s, const struct agency_registry *r, bool unknown_only,
		       int (*fn)(const char *name, size_t uses, bool known, void *), void *arg,
		       struct sb *err);

/** Stores alias -> canonical and re-resolves every stored task's and
 *  indicator's bodies with the updated registry r, in one transaction. */
int store_agency_alias(struct store *s, struct agency_registry *r, const char *alias,
		       const char *canonical, const char *actor, struct sb *err);

/** Loads stored aliases into r. */
int store_agency_aliases_load(struct store *s, struct agency_registry *r, struct sb *err);

#endif
