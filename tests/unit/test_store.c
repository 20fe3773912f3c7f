/*
 * test_store.c - the SQLite store on a real temporary database: settings read
 * back, migrations, a plan stored and loaded unchanged, filters, atomic
 * failure, aliases re-resolving stored plans with an audit row.
 */
#include "unit.h"
#include "app/open.h"
#include "base/err.h"
#include "extract/agency.h"
#include "model/planjson.h"
#include "store/store.h"
#include "sample_plan.h"
#include "tmpdb.h"

struct fixture {
	struct tmpdb db;
	struct store *s;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct sb err = SB_INIT;

	if (tmpdb_create(&f->db, "store") < 0)
		return -1;
	if (store_open(f->db.path, &f->s, &err) < 0) {
		fprintf(stderr, "%s\n", err.buf);
		return -1;
	}
	sb_release(&err);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	store_close(f->s);
	tmpdb_remove(&f->db);
	free(f);
	return 0;
}

static void opens_in_wal_with_schema(void **state)
{
	struct fixture *f = *state;
	char *mode = tmpdb_query(f->db.path, "PRAGMA journal_mode");
	char *tables = tmpdb_query(f->db.path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'");

	assert_string_equal(mode, "wal");
	assert_true(store_schema_version(f->s) >= 1);
	assert_true(strtol(tables, NULL, 10) >= 10);
	free(mode);
	free(tables);
}

static void reopen_does_not_migrate_twice(void **state)
{
	struct fixture *f = *state;
	struct store *again;
	struct sb err = SB_INIT;
	char *n;

	assert_int_equal(store_open(f->db.path, &again, &err), 0);
	assert_int_equal(store_schema_version(again), store_schema_version(f->s));
	store_close(again);
	n = tmpdb_query(f->db.path, "SELECT COUNT(*) FROM schema_migrations");
	assert_int_equal(strtol(n, NULL, 10), store_schema_version(f->s));
	free(n);
	sb_release(&err);
}

/* Inserts the sample plan, showing the store's message when it fails. */
static void insert_ok(struct store *s, struct plan *p)
{
	struct sb err = SB_INIT;
	int rc = store_plan_insert(s, p, "mau.txt", "00", "test", &err);

	if (rc != 0)
		fail_msg("store_plan_insert: %d: %s", rc, err.buf);
	sb_release(&err);
}

static void plan_round_trips_through_store(void **state)
{
	struct fixture *f = *state;
	struct plan p, q;
	struct sb a = SB_INIT, b = SB_INIT, err = SB_INIT;

	sample_plan(&p);
	insert_ok(f->s, &p);
	assert_true(p.id > 0);
	assert_true(p.tasks.v[0].id > 0);
	plan_init(&q);
	assert_int_equal(store_plan_load(f->s, p.id, &q, &err), 0);
	plan_json_write(&p, &a);
	plan_json_write(&q, &b);
	assert_string_equal(a.buf, b.buf);
	plan_release(&p);
	plan_release(&q);
	sb_release(&a);
	sb_release(&b);
	sb_release(&err);
}

static void missing_plan_is_not_found(void **state)
{
	struct fixture *f = *state;
	struct plan q;
	struct sb err = SB_INIT;

	plan_init(&q);
	assert_int_equal(store_plan_load(f->s, 4242, &q, &err), -ERR_NOTFOUND);
	assert_non_null(strstr(err.buf, "4242"));
	sb_release(&err);
}

static int count_rows(const struct task_row *row, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

static void task_filters_match_folded(void **state)
{
	struct fixture *f = *state;
	struct plan p;
	struct sb err = SB_INIT;
	struct task_filter all = { 0 }, by_agency = { .agency = "van hoa, the thao" },
			   by_coord = { .agency = "Sở Tài chính" },
			   by_leader = { .leader = "NGUYỄN VĂN AN" }, none = { .agency = "Bộ Quốc phòng" };
	int n;

	sample_plan(&p);
	insert_ok(f->s, &p);
	n = 0;
	store_task_list(f->s, &all, count_rows, &n, &err);
	assert_int_equal(n, 2);
	n = 0;
	store_task_list(f->s, &by_agency, count_rows, &n, &err);
	assert_int_equal(n, 1);
	n = 0;
	store_task_list(f->s, &by_coord, count_rows, &n, &err);
	assert_int_equal(n, 1);
	n = 0;
	store_task_list(f->s, &by_leader, count_rows, &n, &err);
	assert_int_equal(n, 1);
	n = 0;
	store_task_list(f->s, &none, count_rows, &n, &err);
	assert_int_equal(n, 0);
	plan_release(&p);
	sb_release(&err);
}

static void failed_insert_leaves_nothing(void **state)
{
	struct fixture *f = *state;
	struct store *s;
	struct plan p;
	struct sb err = SB_INIT;
	char *n;

	/* The first write fails after the backend ran it: outside a
	 * transaction the fault store's own one undoes it. */
	assert_int_equal(store_open(f->db.path, &s, &err), 0);
	s = store_fault_new(s, 1);
	sample_plan(&p);
	assert_int_equal(store_plan_insert(s, &p, "mau.txt", "00", "test", &err), -ERR_IO);
	assert_non_null(strstr(err.buf, "injected"));
	store_close(s);
	n = tmpdb_query(f->db.path, "SELECT COUNT(*) FROM tasks");
	assert_string_equal(n, "0");
	free(n);
	n = tmpdb_query(f->db.path, "SELECT COUNT(*) FROM plans");
	assert_string_equal(n, "0");
	free(n);
	plan_release(&p);
	sb_release(&err);
}

static const char *registry_canonical(void *ctx, const char *name)
{
	return agency_canonical(ctx, name, 0);
}

static void alias_reresolves_with_audit(void **state)
{
	struct fixture *f = *state;
	struct agency_registry *r = agency_registry_new();
	struct name_resolver res = { registry_canonical, r };
	struct plan p, q;
	struct sb err = SB_INIT;
	char *n;

	sample_plan(&p);
	str_set(&p.tasks.v[0].coordinate.v[0], "Phòng VH-TT xã Bắc Hà");
	insert_ok(f->s, &p);
	/* The registry learns the alias (ops does this); the store re-resolves
	 * through it. */
	assert_int_equal(agency_registry_add_alias(r, "Phòng VH-TT xã Bắc Hà", "UBND xã Bắc Hà"), 0);
	assert_true(store_agency_alias(f->s, "Phòng VH-TT xã Bắc Hà", "UBND xã Bắc Hà", &res,
				       "test", &err) >= 1);
	plan_init(&q);
	assert_int_equal(store_plan_load(f->s, p.id, &q, &err), 0);
	assert_true(strlist_has(&q.tasks.v[0].coordinate, "UBND xã Bắc Hà"));
	assert_false(strlist_has(&q.tasks.v[0].coordinate, "Phòng VH-TT xã Bắc Hà"));
	n = tmpdb_query(f->db.path, "SELECT old_value FROM audit_log WHERE action = 're-resolve'");
	assert_string_equal(n, "Phòng VH-TT xã Bắc Hà");
	free(n);
	plan_release(&p);
	plan_release(&q);
	agency_registry_free(r);
	sb_release(&err);
}

/* A postgresql:// URL selects the PostgreSQL backend; a server that is not
 * there is said in words, with the URL (tests/integration/pg.sh runs the
 * backend itself on a throwaway cluster). */
static void postgres_url_unreachable_is_clear(void **state)
{
	struct store *s = NULL;
	struct sb err = SB_INIT;
	int rc = store_open("postgresql:///dondoc?host=/nonexistent-dondoc&connect_timeout=2", &s,
			    &err);

	assert_null(s);
	assert_int_equal(rc, -ERR_DB);
	assert_non_null(err.buf);
	assert_non_null(strstr(err.buf, "cannot connect"));
	assert_non_null(strstr(err.buf, "postgresql:///dondoc"));
	sb_release(&err);
}

/* app_store_open() hands the store its settings (the store reads none):
 * DONDOC_NOW is its clock, DONDOC_STORE_FAIL_AFTER=N wraps it in the fault
 * store, and a malformed DONDOC_NOW is refused. */
static void app_open_gives_the_settings(void **state)
{
	struct fixture *f = *state;
	struct user_rec u = { .login = "an", .role = "viewer", .pwhash = "x" }, got;
	struct store *s = NULL;
	struct sb err = SB_INIT;

	setenv("DONDOC_NOW", "2026-02-03T04:05:06Z", 1);
	setenv("DONDOC_STORE_FAIL_AFTER", "2", 1);
	assert_int_equal(app_store_open(f->db.path, false, &s, &err), 0);
	assert_int_equal(store_user_add(s, &u, "t", NULL, &err), 0);
	assert_int_equal(store_user_find(s, "an", 0, &got, &err), 0);
	assert_string_equal(got.created_at, "2026-02-03T04:05:06Z");
	user_rec_release(&got);
	u.login = "ba";
	assert_int_equal(store_user_add(s, &u, "t", NULL, &err), -ERR_IO);
	assert_int_equal(store_user_find(s, "ba", 0, &got, &err), -ERR_NOTFOUND);
	store_close(s);
	setenv("DONDOC_NOW", "2026-02-03 04:05", 1);
	assert_int_equal(app_store_open(f->db.path, false, &s, &err), -ERR_USAGE);
	assert_null(s);
	assert_non_null(strstr(err.buf, "DONDOC_NOW"));
	unsetenv("DONDOC_NOW");
	unsetenv("DONDOC_STORE_FAIL_AFTER");
	sb_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(opens_in_wal_with_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(reopen_does_not_migrate_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(plan_round_trips_through_store, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_plan_is_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(task_filters_match_folded, setup, teardown),
		cmocka_unit_test_setup_teardown(failed_insert_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(alias_reresolves_with_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(app_open_gives_the_settings, setup, teardown),
		cmocka_unit_test(postgres_url_unreachable_is_clear),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
