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

/* ---- Documents out (issue 10; src/ops/ops_export.c) --------------------- */

struct tracked_plan;

struct export_req {
	long long plan_id;
	const char *period; /* "2026-H1"; NULL: the reporting month containing today */
	const char *agency; /* as typed; NULL: the whole plan */
	const char *leader; /* NULL: every leader */
	int due_soon; /* working days that make a task "sắp đến hạn" */
};

/**
 * Fills out (zeroed by the call) with plan_id as tracked on ctx->today: tasks
 * in scope with their status computed by track/status.c exactly as `dondoc
 * status` does, results, the period's reports and notes, indicators and
 * reporting dates. Only published plans are tracked (-ERR_INPUT otherwise;
 * -ERR_NOTFOUND for an unknown plan). Release with tracked_plan_release()
 * (report/docs.h), also after an error.
 */
int ops_tracked_plan(struct ops_ctx *ctx, const struct export_req *req, struct tracked_plan *out,
		     struct sb *err);

#endif
