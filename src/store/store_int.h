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

struct store_ops {
	const char *name;
	void (*close)(struct store *s);
	int (*schema_version)(struct store *s);
	int (*plan_insert)(struct store *s, struct plan *plan, const char *source,
			   const char *sha256, const char *actor, struct sb *err);
	int (*plan_find_source)(struct store *s, const char *sha256, long long *id, struct sb *err);
	int (*plan_load)(struct store *s, long long id, struct plan *p, struct sb *err);
	int (*plan_list)(struct store *s, int (*fn)(const struct plan_meta *, void *), void *arg,
			 struct sb *err);
	int (*task_list)(struct store *s, const struct task_filter *f,
			 int (*fn)(const struct task_row *, void *), void *arg, struct sb *err);
	int (*agency_usage)(struct store *s, const struct agency_registry *r, bool unknown_only,
			    int (*fn)(const char *, size_t, bool, void *), void *arg,
			    struct sb *err);
	int (*agency_alias)(struct store *s, struct agency_registry *r, const char *alias,
			    const char *canonical, const char *actor, struct sb *err);
	int (*agency_aliases_load)(struct store *s, struct agency_registry *r, struct sb *err);
};

struct store {
	const struct store_ops *ops;
};

/* Backend constructors: open path, or return a negative ERR_* with err set. */
int store_sqlite_open(const char *path, struct store **out, struct sb *err);

#endif
