/*
 * test_jobs.c - the import job runner (app/jobs.c): uploads are spooled in
 * the configured folder (not $TMPDIR), at most max_running import at once,
 * max_queued wait, and one more is refused with -ERR_BUSY writing nothing;
 * the waiting job runs when the running one ends; spooled files are removed
 * once their job ended, and a start removes those a gone process left.
 *
 * The running job is held deterministically: its own database (the runner's
 * db_path) is locked by a raw connection, so the thread waits to open it;
 * the job rows themselves go through the caller's store, another file.
 */
#include "unit.h"
#include "app/jobs.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "ops/ops.h"
#include "store/store.h"
#include "tmpdb.h"

#include <dirent.h>
#include <sys/stat.h>
#include <time.h>

static int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static long long rows(const char *path, const char *sql)
{
	char *s = tmpdb_query(path, sql);
	long long n = s ? atoll(s) : -1;

	free(s);
	return n;
}

static void nap_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&t, NULL);
}

static void test_bounded_queue(void **state)
{
	struct tmpdb rows_db, held;
	struct store *s = NULL;
	struct sb err = SB_INIT;
	struct import_jobs *js = NULL;
	struct import_jobs_config cfg = { 0 };
	struct ops_ctx c = { 0 };
	char spool[160], stale[200];
	sqlite3 *lock;
	long long id1 = 0, id2 = 0, id3 = 0;
	unsigned running = 9, queued = 9;
	int i;
	FILE *f;

	(void)state;
	assert_int_equal(tmpdb_create(&rows_db, "jobs"), 0);
	assert_int_equal(tmpdb_create(&held, "jobsheld"), 0);
	assert_int_equal(store_open(rows_db.path, &s, &err), 0);
	/* The runner's database, locked (rollback journal: readers wait too). */
	assert_int_equal(sqlite3_open(held.path, &lock), SQLITE_OK);
	assert_int_equal(sqlite3_exec(lock, "PRAGMA journal_mode=DELETE; CREATE TABLE x (a);"
					    " BEGIN EXCLUSIVE; INSERT INTO x VALUES (1);",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	setenv("DONDOC_BUSY_MS", "20000", 1);
	setenv("TMPDIR", "/nonexistent-dondoc-tmp", 1);

	snprintf(spool, sizeof(spool), "%s/evidence/import-spool", rows_db.dir);
	cfg.db_path = held.path;
	cfg.spool_dir = spool;
	cfg.max_running = 1;
	cfg.max_queued = 1;
	assert_int_equal(import_jobs_new(&cfg, &js, &err), 0);
	/* A file a gone process left: removed by the start's recovery. */
	snprintf(stale, sizeof(stale), "%s/999999999-7.abcdef", spool);
	f = fopen(stale, "w");
	assert_non_null(f);
	fclose(f);
	assert_true(import_jobs_recover(js, s, &err) >= 0);
	assert_int_equal(count_files(spool), 0);

	c.store = s;
	c.actor.login = "tt";
	c.actor.role = ROLE_STANDING;
	c.actor.user_id = 0;
	assert_int_equal(import_jobs_submit(js, &c, "a.txt", "Kế hoạch\n", 10, &id1, &err), 0);
	assert_int_equal(import_jobs_submit(js, &c, "b.txt", "Kế hoạch\n", 10, &id2, &err), 0);
	import_jobs_counts(js, &running, &queued);
	assert_int_equal(running, 1);
	assert_int_equal(queued, 1);
	/* Both spooled in the configured folder, though $TMPDIR is unusable. */
	assert_int_equal(count_files(spool), 2);
	assert_int_equal(import_jobs_submit(js, &c, "c.txt", "Kế hoạch\n", 10, &id3, &err),
			 -ERR_BUSY);
	assert_non_null(strstr(err.buf, "try again"));
	assert_int_equal(id3, 0);
	assert_int_equal(rows(rows_db.path, "SELECT COUNT(*) FROM import_jobs"), 2);
	assert_int_equal(count_files(spool), 2);

	/* Released: the held job ends (its database is no dondoc one), the
	 * waiting one runs and ends; nothing is left spooled. */
	assert_int_equal(sqlite3_exec(lock, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(lock);
	for (i = 0; i < 400; i++) {
		import_jobs_counts(js, &running, &queued);
		if (!running && !queued)
			break;
		nap_ms(50);
	}
	assert_int_equal(running, 0);
	assert_int_equal(queued, 0);
	assert_int_equal(count_files(spool), 0);
	/* A place is free again. */
	sb_reset(&err);
	assert_int_equal(import_jobs_submit(js, &c, "d.txt", "x", 1, &id3, &err), 0);
	assert_true(id3 > id2 && id2 > id1);
	import_jobs_stop(js, 20);
	assert_int_equal(count_files(spool), 0);

	store_close(s);
	sb_release(&err);
	unsetenv("TMPDIR");
	unsetenv("DONDOC_BUSY_MS");
	rmdir(spool);
	snprintf(spool, sizeof(spool), "%s/evidence", rows_db.dir);
	rmdir(spool);
	tmpdb_remove(&rows_db);
	unlink(held.path);
	snprintf(stale, sizeof(stale), "%s-journal", held.path);
	unlink(stale);
	rmdir(held.dir);
}

static void test_refused_writes_nothing(void **state)
{
	struct tmpdb db;
	struct store *s = NULL;
	struct sb err = SB_INIT;
	struct import_jobs *js = NULL;
	struct import_jobs_config cfg = { 0 };
	struct ops_ctx c = { 0 };
	char spool[160];
	long long id = 0;

	(void)state;
	assert_int_equal(tmpdb_create(&db, "jobsref"), 0);
	assert_int_equal(store_open(db.path, &s, &err), 0);
	snprintf(spool, sizeof(spool), "%s/sp", db.dir);
	cfg.db_path = db.path;
	cfg.spool_dir = spool;
	cfg.max_running = 1;
	assert_int_equal(import_jobs_new(&cfg, &js, &err), 0);
	c.store = s;
	c.actor.login = "vh";
	c.actor.role = ROLE_OFFICER;
	c.actor.agency = "Sở Y tế";
	assert_int_equal(import_jobs_submit(js, &c, "a.txt", "x", 1, &id, &err), -ERR_DENIED);
	assert_int_equal(rows(db.path, "SELECT COUNT(*) FROM import_jobs"), 0);
	assert_int_equal(count_files(spool), 0);
	import_jobs_stop(js, 5);
	store_close(s);
	sb_release(&err);
	rmdir(spool);
	tmpdb_remove(&db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bounded_queue),
		cmocka_unit_test(test_refused_writes_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
