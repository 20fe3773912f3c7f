/*
 * store.c - the storage interface's dispatch to its backend (see store.h).
 *
 * The backend is chosen by the location: "postgresql://..." or "postgres://"
 * would select PostgreSQL (not built yet); anything else is a SQLite file.
 */
#include "base/compat.h"
#include "store/store_int.h"
#include "base/err.h"
#include "base/sb.h"

int store_open(const char *path, struct store **out, struct sb *err)
{
	*out = NULL;
	if (strncmp(path, "postgres://", 11) == 0 || strncmp(path, "postgresql://", 13) == 0) {
		sb_addf(err, "%s: this build has no PostgreSQL backend; use a SQLite file", path);
		return -ERR_UNSUPPORTED;
	}
	return store_sqlite_open(path, out, err);
}

void store_close(struct store *s)
{
	if (s)
		s->ops->close(s);
}

int store_schema_version(struct store *s)
{
	return s->ops->schema_version(s);
}

int store_plan_insert(struct store *s, struct plan *plan, const char *source,
		      const char *sha256, const char *actor, struct sb *err)
{
	return s->ops->plan_insert(s, plan, source, sha256, actor, err);
}

int store_plan_find_source(struct store *s, const char *sha256, long long *id, struct sb *err)
{
	return s->ops->plan_find_source(s, sha256, id, err);
}

int store_plan_load(struct store *s, long long id, struct plan *p, struct sb *err)
{
	return s->ops->plan_load(s, id, p, err);
}

int store_plan_list(struct store *s, int (*fn)(const struct plan_meta *, void *), void *arg,
		    struct sb *err)
{
	return s->ops->plan_list(s, fn, arg, err);
}

int store_task_list(struct store *s, const struct task_filter *f,
		    int (*fn)(const struct task_row *, void *), void *arg, struct sb *err)
{
	return s->ops->task_list(s, f, fn, arg, err);
}

int store_agency_usage(struct store *s, const struct agency_registry *r, bool unknown_only,
		       int (*fn)(const char *, size_t, bool, void *), void *arg, struct sb *err)
{
	return s->ops->agency_usage(s, r, unknown_only, fn, arg, err);
}

int store_agency_alias(struct store *s, struct agency_registry *r, const char *alias,
		       const char *canonical, const char *actor, struct sb *err)
{
	return s->ops->agency_alias(s, r, alias, canonical, actor, err);
}

int store_agency_aliases_load(struct store *s, struct agency_registry *r, struct sb *err)
{
	return s->ops->agency_aliases_load(s, r, err);
}

void plan_meta_release(struct plan_meta *m)
{
	free(m->source);
	free(m->sha256);
	free(m->status);
	free(m->imported_at);
	free(m->number);
	free(m->kind);
	free(m->title);
	memset(m, 0, sizeof(*m));
}
