/*
 * ops_admin.c - looking after the database and the evidence folder: check,
 * backup, restore. Administrators only.
 */
#include "base/compat.h"
#include "ops/ops.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"
#include "store/store.h"

struct strs {
	char **v;
	size_t n;
};

static void push(struct strs *l, const char *s)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = xstrdup(s);
}

static int add_problem(const char *problem, void *arg)
{
	push(arg, problem);
	return 0;
}

static int add_hash(const char *sha256, void *arg)
{
	push(arg, sha256);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has(const struct strs *sorted, const char *s)
{
	return bsearch(&s, sorted->v, sorted->n, sizeof(*sorted->v), cmp_str) != NULL;
}

static void strs_release(struct strs *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void check_result_release(struct check_result *r)
{
	struct strs a = { r->problems, r->nproblems }, b = { r->orphans, r->norphans },
		    c = { r->missing, r->nmissing };

	strs_release(&a);
	strs_release(&b);
	strs_release(&c);
	memset(r, 0, sizeof(*r));
}

int ops_check(struct ops_ctx *c, bool remove_orphans, struct check_result *out, struct sb *err)
{
	struct strs problems = { 0 }, cited = { 0 }, kept = { 0 }, orphans = { 0 }, missing = { 0 };
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = ops_allowed(c, OPS_MAINTAIN, err)) < 0)
		return rc;
	if ((rc = store_check(c->store, add_problem, &problems, err)) < 0)
		goto out;
	rc = 0;
	if (c->blobs) {
		if ((rc = store_evidence_list(c->store, add_hash, &cited, err)) < 0 ||
		    (rc = c->blobs->list(c->blobs, add_hash, &kept, err)) < 0)
			goto out;
		/* qsort(NULL, 0, ...) is undefined: no evidence yet, nothing to sort. */
		if (cited.n)
			qsort(cited.v, cited.n, sizeof(*cited.v), cmp_str);
		if (kept.n)
			qsort(kept.v, kept.n, sizeof(*kept.v), cmp_str);
		for (i = 0; i < kept.n; i++)
			if (!has(&cited, kept.v[i])) {
				push(&orphans, kept.v[i]);
				if (remove_orphans &&
				    (rc = c->blobs->remove(c->blobs, kept.v[i], err)) < 0)
					goto out;
			}
		for (i = 0; i < cited.n; i++)
			if (!has(&kept, cited.v[i]))
				push(&missing, cited.v[i]);
	}
out:
	out->problems = problems.v;
	out->nproblems = problems.n;
	out->orphans = orphans.v;
	out->norphans = orphans.n;
	out->missing = missing.v;
	out->nmissing = missing.n;
	strs_release(&cited);
	strs_release(&kept);
	return rc;
}

int ops_backup(struct ops_ctx *c, const char *dest, struct sb *err)
{
	int rc = ops_allowed(c, OPS_MAINTAIN, err);

	return rc < 0 ? rc : store_backup(c->store, dest, err);
}

int ops_restore(struct ops_ctx *c, const char *src, struct sb *err)
{
	int rc = ops_allowed(c, OPS_MAINTAIN, err);

	return rc < 0 ? rc : store_restore(c->store, src, err);
}
