/*
 * test_store_ops.c - every member of struct store_ops (store_int.h) is set
 * in the backend's table, other than the optional job_begin/job_end: a
 * member added for one backend and missing in another fails here, not at
 * the first call in production. Opens a fresh SQLite file, and the
 * database DONDOC_CONTRACT_DB names when it is a URL (tests/integration/pg.sh).
 */
#include "unit.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "store/store_int.h"
#include "tmpdb.h"

#include <stddef.h>

typedef void (*any_fn)(void);

#define M(x) { #x, offsetof(struct store_ops, x) }
static const struct {
	const char *name;
	size_t off;
} members[] = {
	M(tx_begin), M(tx_commit), M(tx_rollback), M(set_busy_ms), M(check),
	M(evidence_list), M(backup), M(restore), M(close), M(schema_version),
	M(plan_insert), M(plan_find_source), M(plan_load), M(plans_published), M(plan_list), M(task_list),
	M(agency_usage), M(agency_alias), M(person_alias_list), M(agency_alias_list), M(person_usage),
	M(person_alias), M(plan_state), M(plan_publish), M(task_ref), M(task_edit),
	M(task_history), M(report_add), M(report_list), M(report_decide),
	M(indicator_report_add), M(indicator_report_list), M(contact_set), M(contact_find),
	M(contact_list), M(reminder_seen), M(reminder_record), M(plan_insert_copy),
	M(user_add), M(user_find), M(user_list), M(user_set_password), M(user_set_disabled),
	M(session_create), M(session_find), M(session_touch), M(session_delete),
	M(token_add), M(token_find), M(token_revoke), M(login_attempts), M(login_attempts_set),
	M(audit_head),
	M(audit_since), M(plan_meta),
	M(task_merge), M(task_split), M(source_lines_put), M(source_lines),
	M(import_job_add), M(import_job_set), M(import_job_get), M(import_job_list),
	M(import_jobs_interrupted),
};
/* Optional: NULL means one process serves the database. */
#define OPTIONAL 2

/* A member added to struct store_ops must be added to members[] too. */
_Static_assert(sizeof(struct store_ops) ==
		       sizeof(const char *) + (ARRAY_SIZE(members) + OPTIONAL) * sizeof(any_fn),
	       "struct store_ops changed: list the new member in members[]");

static void all_set(const char *where, bool fault)
{
	struct sb err = SB_INIT;
	struct store *s = NULL;
	size_t i;

	if (store_open(where, &s, &err) < 0)
		fail_msg("%s: %s", where, err.buf);
	if (fault) /* the fault store wraps every member too (store_fault.c) */
		s = store_fault_new(s, 1);
	assert_non_null(s->ops->name);
	for (i = 0; i < ARRAY_SIZE(members); i++) {
		any_fn fn;

		memcpy(&fn, (const char *)s->ops + members[i].off, sizeof(fn));
		if (!fn)
			fail_msg("the %s backend does not set store_ops.%s", s->ops->name,
				 members[i].name);
	}
	store_close(s);
	sb_release(&err);
}

static void sqlite_sets_every_operation(void **state)
{
	struct tmpdb db;

	assert_int_equal(tmpdb_create(&db, "ops"), 0);
	all_set(db.path, false);
	all_set(db.path, true);
	tmpdb_remove(&db);
}

static void server_sets_every_operation(void **state)
{
	const char *where = getenv("DONDOC_CONTRACT_DB");
	char url[512];

	if (!where || !strstr(where, "://"))
		skip();
	/* A schema of its own, as test_store_contract.c does. */
	snprintf(url, sizeof(url), "%s%coptions=-csearch_path%%3Dops_%ld", where,
		 strchr(where, '?') ? '&' : '?', (long)getpid());
	all_set(url, false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sqlite_sets_every_operation),
		cmocka_unit_test(server_sets_every_operation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
