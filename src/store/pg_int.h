/*
 * pg_int.h - what the PostgreSQL backend's files share (store_pg.c, the
 * backend; store_pg_copy.c, the SQLite-to-PostgreSQL copy). Nothing outside
 * src/store/ includes this file.
 */
#ifndef DONDOC_PG_INT_H
#define DONDOC_PG_INT_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "store/store_int.h"

struct sb;

struct pg_store {
	struct store base; /* must be first */
	PGconn *c;
	char *where; /* the URL without its password, for messages */
	int version;
	bool in_tx; /* store_tx_begin() is open: writes nest as savepoints */
	bool retry; /* the last failure was a serialisation failure or deadlock */
	long fail_after, writes; /* DONDOC_STORE_FAIL_AFTER, as in SQLite */
};

/* A moment column, read back as SQLite stores it ("YYYY-MM-DDTHH:MM:SSZ"). */
#define PG_TS(c) "to_char(" c " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/** A query with bound parameters (types as in sqlite_int.h); *out (may be
 *  NULL: discarded) receives the rows, to PQclear. */
int pg_get(struct pg_store *ps, struct sb *err, PGresult **out, const char *sql,
	   const char *types, ...);
/** Constant SQL without data (transaction control, DDL). */
int pg_ctl(struct pg_store *ps, struct sb *err, const char *sql);
/** Puts the failure of r (NULL: of the connection) into err; returns the
 *  ERR_* a caller can act on (BUSY, CONFLICT, DB). */
int pg_fail(struct pg_store *ps, struct sb *err, const PGresult *r, const char *what);

#endif
