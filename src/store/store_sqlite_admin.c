/*
 * store_sqlite_admin.c - looking after the SQLite file itself: read-only
 * opening, the check (SQLite's integrity and foreign-key checks plus
 * dondoc's own invariants), the guard that refuses to write into a damaged
 * database, and backup and restore with SQLite's online backup API.
 */
#include "base/compat.h"
#include "store/store_int.h"
#include "store/schema.h"
#include "store/sqlite_int.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "store/invariants.h"

/* Runs a query whose rows are problems; calls fn for each. Returns how many. */
static int problems(struct sqlite_store *ss, const char *sql, const char *skip_ok,
		    int (*fn)(const char *, void *), void *arg, struct sb *err)
{
	sqlite3_stmt *st = NULL;
	int n = 0, rc;

	if (sqlite3_prepare_v2(ss->db, sql, -1, &st, NULL) != SQLITE_OK)
		return sq_db_fail(ss, err, "check");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		if (skip_ok && s && strcmp(s, skip_ok) == 0)
			continue;
		n++;
		if (fn)
			fn(s ? s : "(null)", arg);
	}
	if (rc != SQLITE_DONE) {
		/* A damaged file can fail the check itself: that is a finding too. */
		sb_reset(err);
		n++;
		if (fn)
			fn(sqlite3_errmsg(ss->db), arg);
	}
	sq_done(ss, st);
	return n;
}

int sqlite_check(struct store *s, int (*fn)(const char *problem, void *), void *arg,
		 struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	int n = 0, k;
	size_t i;

	if ((k = problems(ss, "PRAGMA integrity_check", "ok", fn, arg, err)) < 0)
		return k;
	n += k;
	if ((k = problems(ss, "SELECT 'foreign key: ' || \"table\" || ' row ' || rowid || ' points"
				 " at a missing ' || parent FROM pragma_foreign_key_check",
			  NULL, fn, arg, err)) < 0)
		return k;
	n += k;
	for (i = 0; i < ARRAY_SIZE(invariants); i++) {
		if ((k = problems(ss, invariants[i].sql, NULL, fn, arg, err)) < 0)
			return k;
		n += k;
	}
	return n;
}

int sqlite_evidence_list(struct store *s, int (*fn)(const char *sha256, void *), void *arg,
			 struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err, "SELECT DISTINCT sha256 FROM evidence ORDER BY 1", "");
	int rc;

	if (!st)
		return -ERR_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn((const char *)sqlite3_column_text(st, 0), arg))
			break;
	sq_done(ss, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "list evidence");
}

int sq_write_guard(struct sqlite_store *ss, struct sb *err)
{
	struct sb msg = SB_INIT;
	int n;

	if (ss->read_only) {
		sb_addf(err, "%s: opened read-only; this command cannot write", ss->path);
		return -ERR_DB;
	}
	if (!ss->checked) {
		n = problems(ss, "PRAGMA quick_check", "ok", NULL, NULL, &msg);
		ss->checked = true;
		ss->damaged = n != 0;
		sb_release(&msg);
	}
	if (ss->damaged) {
		sb_addf(err, "%s: cơ sở dữ liệu bị hỏng; the database is damaged and nothing was"
			" written. See what is wrong with 'dondoc check', then put back the last"
			" good copy with 'dondoc restore BACKUP'", ss->path);
		return -ERR_DB;
	}
	return 0;
}

/* ---- read-only ---------------------------------------------------------------- */

static int read_only_version(struct sqlite_store *ss, struct sb *err)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(ss->db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sq_done(ss, st);
	if (v < 0)
		return sq_db_fail(ss, err, "read the schema version");
	if ((size_t)v != ARRAY_SIZE(schema_migrations)) {
		sb_addf(err, "%s: the database is at schema version %d, this dondoc reads %zu;%s",
			ss->path, v, ARRAY_SIZE(schema_migrations),
			(size_t)v < ARRAY_SIZE(schema_migrations)
				? " run 'dondoc init' once to upgrade it"
				: " use a newer dondoc");
		return -ERR_DB;
	}
	ss->version = v;
	return 0;
}

int store_sqlite_open_ro(const char *path, struct store **out, struct sb *err,
			 const struct store_ops *ops)
{
	struct sqlite_store *ss = xcalloc(1, sizeof(*ss));
	struct sb uri = SB_INIT;
	int rc;

	ss->base.ops = ops;
	ss->path = xstrdup(path);
	ss->read_only = true;
	rc = sqlite3_open_v2(path, &ss->db, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(ss->db, 10000);
		rc = read_only_version(ss, err);
		if (rc == 0)
			goto done;
	}
	/* A read-only folder or mount: SQLite cannot make the WAL index there.
	 * A file nobody can write cannot change under us: read it as immutable. */
	sq_forget(ss);
	sqlite3_close(ss->db);
	ss->db = NULL;
	sb_reset(err);
	sb_adds(&uri, "file:");
	for (const char *p = path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			sb_addf(&uri, "%%%02X", (unsigned char)*p);
		else
			sb_addc(&uri, *p);
	sb_adds(&uri, "?immutable=1");
	if (sqlite3_open_v2(uri.buf, &ss->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) !=
	    SQLITE_OK) {
		rc = sq_db_fail(ss, err, "cannot open the database");
		goto fail;
	}
	if ((rc = read_only_version(ss, err)) < 0)
		goto fail;
done:
	sb_release(&uri);
	*out = &ss->base;
	return 0;
fail:
	sb_release(&uri);
	sq_forget(ss);
	sqlite3_close(ss->db);
	free(ss->path);
	free(ss);
	return rc;
}

/* ---- backup and restore ------------------------------------------------------------ */

/* Copies every page of from's main database into to's, in one go. */
static int copy_db(sqlite3 *to, sqlite3 *from, const char *what, struct sb *err)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	int rc;

	if (!b) {
		sb_addf(err, "%s: %s", what, sqlite3_errmsg(to));
		return -ERR_DB;
	}
	while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY ||
	       rc == SQLITE_LOCKED)
		if (rc != SQLITE_OK)
			sqlite3_sleep(50);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		sb_addf(err, "%s: %s", what, sqlite3_errstr(rc));
		return rc == SQLITE_BUSY ? -ERR_BUSY : -ERR_DB;
	}
	return 0;
}

/* Opens path and says whether it is a sound dondoc database this build can
 * use: integrity_check passes and its schema is not newer. */
static int verify_copy(const char *path, int *version, struct sb *err)
{
	struct sqlite_store tmp = { 0 };
	struct sb msg = SB_INIT;
	sqlite3_stmt *st = NULL;
	int rc = -ERR_DB, n;

	tmp.path = (char *)path;
	if (sqlite3_open_v2(path, &tmp.db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sb_addf(err, "%s: cannot open: %s", path, sqlite3_errmsg(tmp.db));
		goto out;
	}
	n = problems(&tmp, "PRAGMA integrity_check", "ok", NULL, NULL, &msg);
	if (n != 0) {
		sb_addf(err, "%s: the copy is damaged (integrity_check found %d problem(s))", path,
			n);
		goto out;
	}
	if (sqlite3_prepare_v2(tmp.db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
			       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		sb_addf(err, "%s: not a dondoc database (no schema version)", path);
		goto out;
	}
	*version = sqlite3_column_int(st, 0);
	if ((size_t)*version > ARRAY_SIZE(schema_migrations)) {
		sb_addf(err, "%s: the backup is at schema version %d, newer than this dondoc (%zu);"
			" restore it with a newer dondoc", path, *version,
			ARRAY_SIZE(schema_migrations));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sq_forget(&tmp);
	sqlite3_close(tmp.db);
	sb_release(&msg);
	return rc;
}

int sqlite_backup(struct store *s, const char *dest, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	struct sb tmp = SB_INIT;
	sqlite3 *to = NULL;
	int rc, version, fd;

	sb_addf(&tmp, "%s.tmp.%ld", dest, (long)getpid());
	unlink(tmp.buf);
	if (sqlite3_open_v2(tmp.buf, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		sb_addf(err, "%s: cannot write: %s", tmp.buf, sqlite3_errmsg(to));
		rc = -ERR_IO;
		goto out;
	}
	if ((rc = copy_db(to, ss->db, tmp.buf, err)) < 0)
		goto out;
	/* The copy stands alone: one file, no WAL beside it. */
	if (sqlite3_exec(to, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		sb_addf(err, "%s: %s", tmp.buf, sqlite3_errmsg(to));
		rc = -ERR_IO;
		goto out;
	}
	sqlite3_close(to);
	to = NULL;
	if ((rc = verify_copy(tmp.buf, &version, err)) < 0)
		goto out;
	fd = open(tmp.buf, O_RDONLY);
	if (fd < 0 || fsync(fd) != 0) {
		sb_addf(err, "%s: cannot write: %s", tmp.buf, strerror(errno));
		if (fd >= 0)
			close(fd);
		rc = -ERR_IO;
		goto out;
	}
	close(fd);
	if (rename(tmp.buf, dest) < 0) {
		sb_addf(err, "%s: cannot write: %s", dest, strerror(errno));
		rc = -ERR_IO;
		goto out;
	}
	rc = 0;
out:
	if (to)
		sqlite3_close(to);
	if (rc < 0)
		unlink(tmp.buf);
	sb_release(&tmp);
	return rc;
}

int sqlite_restore(struct store *s, const char *src, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3 *from = NULL;
	int rc, version;

	if (ss->read_only) {
		sb_addf(err, "%s: opened read-only", ss->path);
		return -ERR_DB;
	}
	if ((rc = verify_copy(src, &version, err)) < 0)
		return rc;
	if (sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sb_addf(err, "%s: cannot open: %s", src, sqlite3_errmsg(from));
		sqlite3_close(from);
		return -ERR_IO;
	}
	rc = copy_db(ss->db, from, ss->path, err);
	sqlite3_close(from);
	if (rc < 0)
		return rc;
	ss->version = version;
	ss->checked = false;
	ss->damaged = false;
	return 0;
}
