/*
 * test_store_dedup.c - one original document per file content (issue 14,
 * docs/reliability.md): a second insert of the same content writes nothing
 * and names the plan; a deliberate copy is marked; a database that already
 * holds the same content twice migrates without losing a row.
 */
#include "unit.h"
#include "base/err.h"
#include "store/schema.h"
#include "store/store.h"
#include "sample_plan.h"
#include "tmpdb.h"

static long long count(const struct tmpdb *db, const char *sql)
{
	char *v = tmpdb_query(db->path, sql);
	long long n = v ? strtoll(v, NULL, 10) : -1;

	free(v);
	return n;
}

static void second_insert_names_the_first_plan(void **state)
{
	struct tmpdb db;
	struct store *s;
	struct sb err = SB_INIT;
	struct plan p, q, c;

	assert_int_equal(tmpdb_create(&db, "dedup"), 0);
	assert_int_equal(store_open(db.path, &s, &err), 0);
	sample_plan(&p);
	sample_plan(&q);
	sample_plan(&c);
	assert_int_equal(store_plan_insert(s, &p, "a.txt", "ab12", "test", &err), 0);
	assert_int_equal(store_plan_insert(s, &q, "b.txt", "ab12", "test", &err), 1);
	assert_int_equal(q.id, p.id);
	assert_int_equal(count(&db, "SELECT COUNT(*) FROM plans"), 1);
	assert_int_equal(store_plan_insert_copy(s, &c, "c.txt", "ab12", "test", &err), 0);
	assert_true(c.id > p.id);
	assert_int_equal(count(&db, "SELECT COUNT(*) FROM documents WHERE copy_of = 1"), 1);
	/* After a copy, the same content names the newest plan. */
	assert_int_equal(store_plan_insert(s, &q, "d.txt", "ab12", "test", &err), 1);
	assert_int_equal(q.id, c.id);
	/* The index itself refuses a second original, whatever the caller does. */
	{
		sqlite3 *raw;

		assert_int_equal(sqlite3_open(db.path, &raw), SQLITE_OK);
		assert_int_equal(sqlite3_exec(raw, "INSERT INTO documents (source, sha256, imported_at)"
						   " VALUES ('e', 'ab12', 't')", NULL, NULL, NULL),
				 SQLITE_CONSTRAINT);
		sqlite3_close(raw);
	}
	plan_release(&p);
	plan_release(&q);
	plan_release(&c);
	store_close(s);
	tmpdb_remove(&db);
	sb_release(&err);
}

/* A database at the schema before the UNIQUE key, holding the same content
 * three times, migrates: every row kept, the oldest the original. */
static void existing_duplicates_migrate(void **state)
{
	struct tmpdb db;
	struct store *s;
	struct sb err = SB_INIT;
	sqlite3 *raw;
	size_t v, before = 0;
	char sql[128];

	/* The schema just before the migration that adds the UNIQUE key. */
	while (before < ARRAY_SIZE(schema_migrations) &&
	       !strstr(schema_migrations[before], "documents_sha256"))
		before++;
	assert_true(before < ARRAY_SIZE(schema_migrations));
	assert_int_equal(tmpdb_create(&db, "dedupmig"), 0);
	assert_int_equal(sqlite3_open(db.path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "CREATE TABLE schema_migrations (version INTEGER PRIMARY"
					   " KEY, applied_at TEXT NOT NULL)", NULL, NULL, NULL),
			 SQLITE_OK);
	for (v = 0; v < before; v++) {
		assert_int_equal(sqlite3_exec(raw, schema_migrations[v], NULL, NULL, NULL), SQLITE_OK);
		snprintf(sql, sizeof(sql), "INSERT INTO schema_migrations VALUES (%zu, 'x')", v + 1);
		assert_int_equal(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	}
	assert_int_equal(sqlite3_exec(raw,
				      "INSERT INTO documents (source, sha256, imported_at) VALUES"
				      " ('a', 'same', 't'), ('b', 'other', 't'), ('c', 'same', 't'),"
				      " ('d', 'same', 't')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(store_open(db.path, &s, &err), 0);
	assert_int_equal(store_schema_version(s), (int)ARRAY_SIZE(schema_migrations));
	assert_int_equal(count(&db, "SELECT COUNT(*) FROM documents"), 4);
	assert_int_equal(count(&db, "SELECT COUNT(*) FROM documents WHERE copy_of IS NULL"), 2);
	assert_int_equal(count(&db, "SELECT COUNT(*) FROM documents WHERE copy_of = 1"), 2);
	store_close(s);
	tmpdb_remove(&db);
	sb_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(second_insert_names_the_first_plan),
		cmocka_unit_test(existing_duplicates_migrate),
	};

	return cmocka_run_group_tests_name("store_dedup", tests, NULL, NULL);
}
