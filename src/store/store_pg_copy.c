/*
 * store_pg_copy.c - `dondoc migrate`: a SQLite database copied into an
 * empty PostgreSQL database, every row and every audit entry with its id,
 * in one transaction that commits only when each table's row count and
 * checksum read back from PostgreSQL equal the SQLite side.
 *
 * Rows travel with COPY FROM STDIN (data, never SQL text). The checksum is
 * the SHA-256 of each row rendered the same way on both sides: booleans as
 * 0/1, moments as "YYYY-MM-DDTHH:MM:SSZ", numbers as %.17g, NULL as \N.
 */
#include "base/compat.h"
#include "store/pg_int.h"
#include "store/schema.h"
#include "base/err.h"
#include "base/hash.h"
#include "base/sb.h"
#include "base/xalloc.h"

#include <sodium.h>
#include <sqlite3.h>

/* The tables in an order that satisfies the foreign keys, with the order
 * rows are read in (the same on both sides: text keys compare bytewise). */
static const struct {
	const char *name, *order_sqlite, *order_pg;
} tables[] = {
	{ "documents", "id", "id" },
	{ "plans", "id", "id" },
	{ "tasks", "id", "id" },
	{ "task_agencies", "task_id, role, seq", "task_id, role COLLATE \"C\", seq" },
	{ "indicators", "id", "id" },
	{ "indicator_periods", "id", "id" },
	{ "indicator_agencies", "indicator_id, role, seq",
	  "indicator_id, role COLLATE \"C\", seq" },
	{ "targets", "id", "id" },
	{ "reporting_deadlines", "id", "id" },
	{ "agency_aliases", "id", "id" },
	{ "people", "id", "id" },
	{ "periods", "id", "id" },
	{ "progress_reports", "id", "id" },
	{ "confirmations", "id", "id" },
	{ "evidence", "id", "id" },
	{ "indicator_reports", "id", "id" },
	{ "task_history", "id", "id" },
	{ "agency_contacts", "id", "id" },
	{ "reminders", "id", "id" },
	{ "person_aliases", "id", "id" },
	{ "users", "id", "id" },
	{ "sessions", "id_hash", "id_hash COLLATE \"C\"" },
	{ "api_tokens", "id", "id" },
	{ "login_attempts", "key", "key COLLATE \"C\"" },
	{ "import_jobs", "id", "id" },
	{ "document_lines", "document_id, line", "document_id, line" },
	{ "audit_log", "id", "id" },
};

enum kind { K_TEXT, K_INT, K_BOOL, K_REAL, K_TS };

#define MAX_COLS 32

struct table_copy {
	const char *name, *order_sqlite, *order_pg;
	int ncols;
	char *cols[MAX_COLS];
	enum kind kinds[MAX_COLS];
	struct store_copy_table out;
};

static void table_copy_release(struct table_copy *t)
{
	int i;

	for (i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	t->ncols = 0;
}

/* A value as the checksum sees it (and COPY receives it, before escaping). */
static void canonical(enum kind k, const char *v, struct sb *out)
{
	if (!v) {
		sb_adds(out, "\\N");
	} else if (k == K_REAL) {
		sb_addf(out, "%.17g", strtod(v, NULL));
	} else if (k == K_BOOL) {
		sb_adds(out, (*v == 't' || *v == '1') ? "1" : "0");
	} else {
		sb_adds(out, v);
	}
}

/* COPY's text format: backslash, tab, newline and carriage return escaped. */
static void copy_escape(const char *v, struct sb *out)
{
	for (; *v; v++) {
		switch (*v) {
		case '\\': sb_adds(out, "\\\\"); break;
		case '\t': sb_adds(out, "\\t"); break;
		case '\n': sb_adds(out, "\\n"); break;
		case '\r': sb_adds(out, "\\r"); break;
		default: sb_addc(out, *v);
		}
	}
}

/* The table's columns on both sides: the same names, kinds from PostgreSQL. */
static int read_columns(sqlite3 *db, struct pg_store *ps, struct table_copy *t, struct sb *err)
{
	struct sb sql = SB_INIT;
	sqlite3_stmt *st = NULL;
	PGresult *r = NULL;
	int rc = 0, i, j;

	/* PRAGMA takes no parameters; the name comes from tables[] above. */
	sb_addf(&sql, "PRAGMA table_info(\"%s\")", t->name);
	if (sqlite3_prepare_v2(db, sql.buf, -1, &st, NULL) != SQLITE_OK) {
		sb_addf(err, "SQLite: %s", sqlite3_errmsg(db));
		rc = -ERR_DB;
		goto out;
	}
	while (sqlite3_step(st) == SQLITE_ROW && t->ncols < MAX_COLS)
		t->cols[t->ncols++] = xstrdup((const char *)sqlite3_column_text(st, 1));
	rc = pg_get(ps, err, &r,
		    "SELECT column_name, data_type FROM information_schema.columns"
		    " WHERE table_schema = current_schema() AND table_name = $1",
		    "t", t->name);
	if (rc < 0)
		goto out;
	if (t->ncols == 0 || PQntuples(r) != t->ncols) {
		sb_addf(err, "table %s: %d columns in SQLite, %d in PostgreSQL; both must be at this"
			     " dondoc's schema ('dondoc init' the SQLite file first)",
			t->name, t->ncols, PQntuples(r));
		rc = -ERR_INPUT;
		goto out;
	}
	for (i = 0; i < t->ncols; i++) {
		const char *type = NULL;

		for (j = 0; j < PQntuples(r) && !type; j++)
			if (strcmp(PQgetvalue(r, j, 0), t->cols[i]) == 0)
				type = PQgetvalue(r, j, 1);
		if (!type) {
			sb_addf(err, "table %s: column %s is missing in PostgreSQL", t->name,
				t->cols[i]);
			rc = -ERR_INPUT;
			goto out;
		}
		t->kinds[i] = strcmp(type, "boolean") == 0			 ? K_BOOL
			      : strcmp(type, "double precision") == 0		 ? K_REAL
			      : strncmp(type, "timestamp", 9) == 0		 ? K_TS
			      : strcmp(type, "bigint") == 0 || strcmp(type, "integer") == 0 ? K_INT
											     : K_TEXT;
	}
out:
	sqlite3_finalize(st);
	PQclear(r);
	sb_release(&sql);
	return rc;
}

/* Streams the SQLite rows into COPY, hashing them on the way. */
static int copy_rows(sqlite3 *db, struct pg_store *ps, struct table_copy *t, struct sb *err)
{
	struct sb sql = SB_INIT, row = SB_INIT, canon = SB_INIT, v = SB_INIT;
	crypto_hash_sha256_state h;
	unsigned char digest[crypto_hash_sha256_BYTES];
	sqlite3_stmt *st = NULL;
	PGresult *r = NULL;
	int i, rc = 0, step;

	crypto_hash_sha256_init(&h);
	sb_adds(&sql, "COPY ");
	sb_adds(&sql, t->name);
	sb_adds(&sql, " (");
	for (i = 0; i < t->ncols; i++)
		sb_addf(&sql, "%s%s", i ? ", " : "", t->cols[i]);
	sb_adds(&sql, ") FROM STDIN");
	r = PQexec(ps->c, sql.buf);
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		rc = pg_fail(ps, err, r, "COPY");
		goto out;
	}
	PQclear(r);
	r = NULL;
	sb_reset(&sql);
	sb_adds(&sql, "SELECT ");
	for (i = 0; i < t->ncols; i++)
		sb_addf(&sql, "%s\"%s\"", i ? ", " : "", t->cols[i]);
	sb_addf(&sql, " FROM \"%s\" ORDER BY %s", t->name, t->order_sqlite);
	if (sqlite3_prepare_v2(db, sql.buf, -1, &st, NULL) != SQLITE_OK) {
		sb_addf(err, "SQLite: %s", sqlite3_errmsg(db));
		rc = -ERR_DB;
	}
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		sb_reset(&row);
		sb_reset(&canon);
		for (i = 0; i < t->ncols; i++) {
			const char *val = (const char *)sqlite3_column_text(st, i);

			sb_reset(&v);
			canonical(t->kinds[i], val, &v);
			sb_addf(&canon, "%s%s", i ? "\t" : "", v.buf);
			if (i)
				sb_addc(&row, '\t');
			if (!val)
				sb_adds(&row, "\\N");
			else
				copy_escape(t->kinds[i] == K_REAL || t->kinds[i] == K_BOOL ? v.buf : val,
					    &row);
		}
		sb_addc(&row, '\n');
		sb_addc(&canon, '\n');
		crypto_hash_sha256_update(&h, (const unsigned char *)canon.buf, canon.len);
		if (PQputCopyData(ps->c, row.buf, (int)row.len) != 1) {
			rc = pg_fail(ps, err, NULL, "COPY");
			break;
		}
		t->out.rows++;
	}
	if (rc == 0 && step != SQLITE_DONE) {
		sb_addf(err, "SQLite: reading %s: %s", t->name, sqlite3_errmsg(db));
		rc = -ERR_DB;
	}
	if (PQputCopyEnd(ps->c, rc == 0 ? NULL : "dondoc migrate stopped") != 1 && rc == 0)
		rc = pg_fail(ps, err, NULL, "COPY");
	while ((r = PQgetResult(ps->c)) != NULL) {
		if (rc == 0 && PQresultStatus(r) != PGRES_COMMAND_OK)
			rc = pg_fail(ps, err, r, "COPY");
		PQclear(r);
	}
	crypto_hash_sha256_final(&h, digest);
	hash_hex(digest, sizeof(digest), t->out.sha256);
out:
	PQclear(r);
	sqlite3_finalize(st);
	sb_release(&sql);
	sb_release(&row);
	sb_release(&canon);
	sb_release(&v);
	return rc;
}

/* Reads the table back from PostgreSQL and compares count and checksum. */
static int verify(struct pg_store *ps, struct table_copy *t, struct sb *err)
{
	struct sb sql = SB_INIT, canon = SB_INIT, v = SB_INIT;
	crypto_hash_sha256_state h;
	unsigned char digest[crypto_hash_sha256_BYTES];
	char hex[65];
	PGresult *r = NULL;
	int i, j, rc;

	crypto_hash_sha256_init(&h);
	sb_adds(&sql, "SELECT ");
	for (i = 0; i < t->ncols; i++) {
		sb_adds(&sql, i ? ", " : "");
		if (t->kinds[i] == K_TS)
			sb_addf(&sql, "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
				t->cols[i]);
		else
			sb_adds(&sql, t->cols[i]);
	}
	sb_addf(&sql, " FROM %s ORDER BY %s", t->name, t->order_pg);
	rc = pg_get(ps, err, &r, sql.buf, "");
	for (j = 0; rc == 0 && j < PQntuples(r); j++) {
		sb_reset(&canon);
		for (i = 0; i < t->ncols; i++) {
			sb_reset(&v);
			canonical(t->kinds[i], PQgetisnull(r, j, i) ? NULL : PQgetvalue(r, j, i), &v);
			sb_addf(&canon, "%s%s", i ? "\t" : "", v.buf);
		}
		sb_addc(&canon, '\n');
		crypto_hash_sha256_update(&h, (const unsigned char *)canon.buf, canon.len);
	}
	crypto_hash_sha256_final(&h, digest);
	hash_hex(digest, sizeof(digest), hex);
	if (rc == 0 && ((long long)PQntuples(r) != t->out.rows || strcmp(hex, t->out.sha256) != 0)) {
		sb_addf(err, "table %s: PostgreSQL holds %d rows (checksum %.12s), SQLite %lld"
			     " (checksum %.12s); nothing was kept",
			t->name, PQntuples(r), hex, t->out.rows, t->out.sha256);
		rc = -ERR_CONFLICT;
	}
	PQclear(r);
	sb_release(&sql);
	sb_release(&canon);
	sb_release(&v);
	return rc;
}

/* The target must hold no dondoc row at all. */
static int require_empty(struct pg_store *ps, struct sb *err)
{
	struct sb sql = SB_INIT;
	PGresult *r = NULL;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < ARRAY_SIZE(tables); i++) {
		sb_reset(&sql);
		sb_addf(&sql, "SELECT EXISTS (SELECT 1 FROM %s)", tables[i].name);
		rc = pg_get(ps, err, &r, sql.buf, "");
		if (rc == 0 && *PQgetvalue(r, 0, 0) == 't') {
			sb_addf(err, "%s: the target database is not empty (table %s has rows);"
				     " migrate only into a new database",
				ps->where, tables[i].name);
			rc = -ERR_CONFLICT;
		}
		PQclear(r);
		r = NULL;
	}
	sb_release(&sql);
	return rc;
}

/* Identity columns continue after the copied ids. */
static int reset_identity(struct pg_store *ps, const char *table, struct sb *err)
{
	struct sb sql = SB_INIT;
	int rc;

	sb_addf(&sql, "SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE(MAX(id), 0) + 1,"
		      " false) FROM %s",
		table);
	rc = pg_get(ps, err, NULL, sql.buf, "t", table);
	sb_release(&sql);
	return rc;
}

/* Every table of the SQLite file must be one the copy knows: a table added
 * by a later migration and missing from tables[] would be left behind. */
static int known_tables_only(sqlite3 *db, const char *path, struct sb *err)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;
	size_t i;

	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'"
				   " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_migrations'",
			       -1, &st, NULL) != SQLITE_OK) {
		sb_addf(err, "%s: %s", path, sqlite3_errmsg(db));
		return -ERR_DB;
	}
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		for (i = 0; i < ARRAY_SIZE(tables) && strcmp(tables[i].name, name) != 0; i++)
			;
		if (i == ARRAY_SIZE(tables)) {
			sb_addf(err, "%s: table %s is not one dondoc migrate copies yet; nothing was"
				     " copied (add it to src/store/store_pg_copy.c)",
				path, name);
			rc = -ERR_UNSUPPORTED;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

static int sqlite_version(sqlite3 *db, const char *path, struct sb *err)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", -1,
			       &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if ((size_t)v != ARRAY_SIZE(schema_migrations)) {
		sb_addf(err, "%s: not a dondoc database at this build's schema (version %d, expected"
			     " %zu); run 'dondoc --db %s init' first",
			path, v, ARRAY_SIZE(schema_migrations), path);
		return -ERR_INPUT;
	}
	return 0;
}

int store_copy_to_pg(const char *sqlite_path, const char *pg_url,
		     int (*fn)(const struct store_copy_table *, void *), void *arg, struct sb *err)
{
	struct store *s = NULL;
	struct pg_store *ps;
	sqlite3 *db = NULL;
	struct table_copy t;
	size_t i;
	int rc;

	if (sodium_init() < 0) {
		sb_adds(err, "libsodium could not start");
		return -ERR_DB;
	}
	if (sqlite3_open_v2(sqlite_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sb_addf(err, "%s: cannot open: %s", sqlite_path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return -ERR_IO;
	}
	rc = sqlite_version(db, sqlite_path, err);
	if (rc == 0)
		rc = known_tables_only(db, sqlite_path, err);
	if (rc == 0)
		rc = store_pg_open(pg_url, NULL, &s, err);
	if (rc < 0)
		goto out;
	ps = (struct pg_store *)s;
	/* One read snapshot of SQLite, one write transaction on PostgreSQL. */
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		sb_addf(err, "%s: %s", sqlite_path, sqlite3_errmsg(db));
		rc = -ERR_DB;
		goto out;
	}
	rc = pg_ctl(ps, err, "BEGIN ISOLATION LEVEL SERIALIZABLE");
	if (rc == 0)
		rc = require_empty(ps, err);
	for (i = 0; rc == 0 && i < ARRAY_SIZE(tables); i++) {
		memset(&t, 0, sizeof(t));
		t.name = tables[i].name;
		t.out.table = tables[i].name;
		t.order_sqlite = tables[i].order_sqlite;
		t.order_pg = tables[i].order_pg;
		rc = read_columns(db, ps, &t, err);
		if (rc == 0)
			rc = copy_rows(db, ps, &t, err);
		if (rc == 0 && strcmp(tables[i].order_pg, "id") == 0)
			rc = reset_identity(ps, t.name, err);
		if (rc == 0)
			rc = verify(ps, &t, err);
		if (rc == 0 && fn)
			fn(&t.out, arg);
		table_copy_release(&t);
	}
	if (rc == 0)
		rc = pg_ctl(ps, err, "COMMIT");
	else
		PQclear(PQexec(ps->c, "ROLLBACK"));
out:
	sqlite3_close(db);
	store_close(s);
	return rc;
}
