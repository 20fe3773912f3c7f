/*
 * tmpdb.h - a database file in a fresh temporary folder for store tests,
 * removed with its WAL and shared-memory files afterwards, and a way to ask
 * the file directly what it holds (bypassing the store under test).
 */
#ifndef DONDOC_TMPDB_H
#define DONDOC_TMPDB_H

#include <sqlite3.h>
#include <unistd.h>

struct tmpdb {
	char dir[64];
	char path[96];
};

/* Makes /tmp/dondoc-NAME-XXXXXX and names NAME's database file in it. */
static inline int tmpdb_create(struct tmpdb *t, const char *name)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/dondoc-%s-XXXXXX", name);
	if (!mkdtemp(t->dir))
		return -1;
	snprintf(t->path, sizeof(t->path), "%s/t.db", t->dir);
	return 0;
}

static inline void tmpdb_remove(const struct tmpdb *t)
{
	char path[128];

	snprintf(path, sizeof(path), "%s-wal", t->path);
	unlink(path);
	snprintf(path, sizeof(path), "%s-shm", t->path);
	unlink(path);
	unlink(t->path);
	rmdir(t->dir);
}

/* The first column of the first row of sql, as a new string (NULL: no row). */
static inline char *tmpdb_query(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *out = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		out = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

#endif
