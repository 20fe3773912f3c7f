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

/* ==== Users, sessions, API tokens (web branch: ops_user.c, ops_session.c) ==== */
struct user_rec;

/* Passwords are at least this many characters. */
#define OPS_PASSWORD_MIN 8
/* Session timeouts (seconds): idle, and from login whatever the activity. */
#define OPS_SESSION_IDLE (30 * 60)
#define OPS_SESSION_ABSOLUTE (12 * 3600)
/* Login throttle: failures within the window that lock a login, an address. */
#define OPS_LOGIN_WINDOW (15 * 60)
#define OPS_LOGIN_MAX_PER_ACCOUNT 5
#define OPS_LOGIN_MAX_PER_ADDRESS 20

struct user_new {
	const char *login, *role, *agency, *person, *password;
};
/** Administrator only. role "officer" needs agency (resolved to its canonical
 *  name through c->agencies), "leader" needs person. *id may be NULL. */
int ops_user_add(struct ops_ctx *c, const struct user_new *u, long long *id, struct sb *err);
/** Administrator only; ends the user's sessions. */
int ops_user_passwd(struct ops_ctx *c, const char *login, const char *password, struct sb *err);
/** Administrator only; disabling ends the user's sessions and revokes tokens. */
int ops_user_disable(struct ops_ctx *c, const char *login, bool disabled, struct sb *err);
/** Administrator only: fn for every user (the hash left out). */
int ops_user_list(struct ops_ctx *c, int (*fn)(const struct user_rec *, void *), void *arg,
		  struct sb *err);
/** Administrator only: a new bearer token for login, returned once in token
 *  (64 hex digits); only its hash is stored. */
int ops_token_add(struct ops_ctx *c, const char *login, char token[65], struct sb *err);

/* Who is behind a request: a user with a live session or token. Owns the
 * strings its actor points at. */
struct principal {
	struct actor actor;
	char *login, *agency, *person;
	char csrf[65]; /* the session's CSRF token ("" for a bearer token) */
	char sid[65]; /* the session id (cookie value) after ops_login */
};
void principal_release(struct principal *p);

/**
 * Checks login and password, throttled per account and per address (addr),
 * and opens a new session (old_sid, if any, is ended: the id rotates). On
 * success out holds the user and the new session id. -ERR_DENIED for a wrong
 * login or password (one message for both) and when throttled (*throttled
 * set); nothing is said about which.
 */
int ops_login(struct ops_ctx *c, const char *login, const char *password, const char *addr,
	      const char *old_sid, struct principal *out, bool *throttled, struct sb *err);
/** The user of session sid, if the session is live (30 minutes idle, 12
 *  hours absolute); refreshes its last use. -ERR_NOTFOUND otherwise. */
int ops_session_resolve(struct ops_ctx *c, const char *sid, struct principal *out,
			struct sb *err);
/** Ends session sid (logout), with an audit row naming the user. */
int ops_logout(struct ops_ctx *c, const char *sid, struct sb *err);
/** The user of a bearer token. -ERR_NOTFOUND when unknown or revoked. */
int ops_token_resolve(struct ops_ctx *c, const char *token, struct principal *out,
		      struct sb *err);

/* ==== Temporary web operations (web branch: ops_webtmp.c) ====================
 * What the web pages and the JSON API need from tracking, written on today's
 * store.h and track/ until the core branch's operations land; at merge these
 * become calls into those operations. Each checks the actor's right here:
 *   - admin, standing, viewer read every published task; an officer reads the
 *     tasks where its agency leads or coordinates; a leader those he or she
 *     is in charge of or supervises. A task outside that is -ERR_NOTFOUND
 *     (its existence is private).
 *   - an officer reports for its own agency only; the standing agency (and
 *     the administrator) confirm or refuse; everything else is -ERR_DENIED.
 */
struct plan;
struct task;
struct plan_meta;
struct report_row;
struct task_change;

#include "track/status.h"

struct wt_task {
	long long id, plan_id;
	const struct plan *plan;
	const struct task *t;
	struct status_result res;
	bool mine; /* officer: its agency leads the task (it owes the official report) */
};

struct wt_filter {
	long long plan_id; /* 0: all */
	const char *agency; /* leads or coordinates (folding key, substring); NULL: all */
	const char *leader; /* in charge (folding key, substring); NULL: all */
	int bucket; /* enum status_bucket, or -1: all */
	const char *q; /* words of the task's text, ref or section, any case and accents */
	const char *period; /* "kỳ này" (2026-07, 2026-Q3...); NULL: the month of today */
};

/* The tasks an actor may read that match a filter, in plan then document
 * order, with their status on c->today. */
struct wt_list {
	struct wt_task *v;
	size_t n;
	struct wt_world *world; /* a reference to the shared world the rows point into */
};
int ops_wt_tasks(struct ops_ctx *c, const struct wt_filter *f, struct wt_list *out,
		 struct sb *err);
void ops_wt_list_release(struct wt_list *l);
/** The task id if the actor may read it (in l, which then holds that one
 *  task's plan); -ERR_NOTFOUND otherwise. */
int ops_wt_task(struct ops_ctx *c, long long id, struct wt_list *out, struct sb *err);
/** Plans the actor may see (drafts: administrator and standing agency only). */
int ops_wt_plans(struct ops_ctx *c, int (*fn)(const struct plan_meta *, void *), void *arg,
		 struct sb *err);
/** A readable task's reports and corrections, oldest first. */
int ops_wt_reports(struct ops_ctx *c, long long task_id,
		   int (*fn)(const struct report_row *, void *), void *arg, struct sb *err);
int ops_wt_history(struct ops_ctx *c, long long task_id,
		   int (*fn)(const struct task_change *, void *), void *arg, struct sb *err);

struct wt_report {
	long long task_id;
	const char *state; /* a key or Vietnamese label (task_state_parse) */
	const char *date; /* completion date YYYY-MM-DD, or NULL / "" */
	const char *note, *value, *period; /* NULL / "": none */
	const char *evidence_name; /* NULL: no evidence */
	const void *evidence;
	size_t evidence_len;
	const char *evidence_dir; /* where evidence files go (content-addressed) */
	long long id; /* out */
};
/** Files a progress report for the officer's agency. */
int ops_wt_report(struct ops_ctx *c, struct wt_report *r, struct sb *err);
/** The standing agency's decision on a reported completion; reason is
 *  required to refuse. */
int ops_wt_decide(struct ops_ctx *c, long long task_id, bool accept, const char *reason,
		  struct sb *err);

#endif
