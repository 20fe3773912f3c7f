/*
 * ops.h - every operation dondoc performs, one function each, under every
 * face (the CLI in src/cmd/, the web pages and JSON API in src/web/).
 *
 * An operation takes one context (the store, the agency registry, the clock,
 * the actor and the configuration) and a request struct, checks the actor's
 * right to do it (authorisation lives here and nowhere else), runs as one
 * store transaction, and returns 0 or a negative ERR_* with a message in err
 * written for an official. Operations never print and never exit; views come
 * back as structs that src/report/ renders (text, JSON, HTML, CSV, DOCX, XLSX).
 *
 * Layering: ops uses base, model, ingest, extract, track and store; report,
 * app and the faces use ops. See docs/architecture.md.
 */
#ifndef DONDOC_OPS_H
#define DONDOC_OPS_H

#include <stdbool.h>
#include <stddef.h>

struct store;
struct agency_registry;
struct sb;

/* The roles of issue 9 ("Accounts and roles"); the CLI's actor is the local
 * administrator unless --as LOGIN names a stored user. */
enum role {
	ROLE_ADMIN, /* everything, including users */
	ROLE_STANDING, /* cơ quan thường trực: reads all, confirms, urges */
	ROLE_OFFICER, /* bound to one agency: reads and reports on its tasks */
	ROLE_LEADER, /* bound to one person: reads the tasks in his or her charge */
	ROLE_VIEWER, /* reads published plans */
};

/** "admin", "standing", "officer", "leader", "viewer". */
const char *role_name(enum role r);
/** Parses a role name; -1 when unknown. */
int role_parse(const char *name);

struct actor {
	long long user_id; /* 0: the local administrator of the CLI */
	const char *login; /* recorded in audit rows */
	enum role role;
	const char *agency; /* ROLE_OFFICER: the canonical body it acts for */
	const char *person; /* ROLE_LEADER: the leader's name as plans print it */
};

struct ops_ctx {
	struct store *store;
	struct agency_registry *agencies;
	int today; /* day number (track/calendar.h): DONDOC_TODAY or the local date */
	long long now; /* Unix seconds, for sessions and audit timestamps */
	struct actor actor;
};

#endif
