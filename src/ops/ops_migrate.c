/*
 * ops_migrate.c - moving a province's SQLite database to PostgreSQL
 * (`dondoc migrate`): an administrator's operation; the copy and its
 * verification are the store's (store_copy_to_pg).
 */
#include "base/compat.h"
#include "ops/ops.h"
#include "base/err.h"
#include "base/sb.h"
#include "store/store.h"

int ops_migrate(struct ops_ctx *c, const char *from, const char *to,
		int (*fn)(const struct store_copy_table *, void *), void *arg, struct sb *err)
{
	int rc = ops_allowed(c, OPS_MAINTAIN, err);

	if (rc < 0)
		return rc;
	if (strncmp(from, "sqlite:", 7) != 0 || !from[7]) {
		sb_addf(err, "--from '%s': give the SQLite file as sqlite:PATH", from);
		return -ERR_USAGE;
	}
	if (strncmp(to, "postgresql://", 13) != 0 && strncmp(to, "postgres://", 11) != 0) {
		sb_addf(err, "--to '%s': give the target as a postgresql:// URL", to);
		return -ERR_USAGE;
	}
	return store_copy_to_pg(from + 7, to, fn, arg, err);
}
