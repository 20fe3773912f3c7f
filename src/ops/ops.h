/*
 * ops.h - every operation dondoc performs, one function each, under every
 * face (the CLI in src/cmd/, the web pages and JSON API in src/web/).
 *
 * An operation takes one context (the store, the agency registry, the clock,
 * the actor and the configuration) and a request struct, checks the actor's
 * right to do it (authorisation lives here and nowhere else: ops_allowed()
 * and ops_task_visible()), runs its writes as one store transaction, and
 * returns 0 or a negative ERR_* with a message in err written for an
 * official. Operations never print and never exit; views come back as
 * structs (ops/views.h) that src/report/ renders (text, JSON, later HTML,
 * CSV, DOCX, XLSX).
 *
 * Every text a request carries is checked as UTF-8 and put in NFC before it
 * is used (ops_text()); a refused request writes nothing.
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
struct plan;
struct task;
struct strlist;
struct task_cache;
struct doc_limits;

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

/* Settings an operation reads (app/config.c fills them from DONDOC_*);
 * ops_settings_default() gives the documented defaults. */
struct ops_settings {
	int due_soon_days; /* DONDOC_DUE_SOON_DAYS */
	long escalate_days; /* DONDOC_ESCALATE_DAYS */
	long long evidence_max_file; /* DONDOC_MAX_EVIDENCE_BYTES: one file */
	long long evidence_max_report; /* DONDOC_MAX_REPORT_EVIDENCE_BYTES: one report */
};
const struct ops_settings *ops_settings_default(void);

/*
 * Where evidence files go. An operation stages the file (copied under a
 * temporary name, hashed, size-checked), then commits it once the report is
 * in the database, or aborts it when the report is refused: no orphan is
 * left behind. app/blob.c implements it over a folder.
 */
struct blob_stage {
	char sha256[65];
	long long size;
	char *tmp_path; /* owned by the blob store until commit/abort */
};
struct blob_store {
	/* Copies path to a staging name; fails with -ERR_TOOBIG beyond max bytes. */
	int (*stage)(struct blob_store *b, const char *path, long long max,
		     struct blob_stage *out, struct sb *err);
	/* Moves a staged file to its final, content-addressed name. */
	int (*commit)(struct blob_store *b, struct blob_stage *st, struct sb *err);
	/* Removes a staged file. Never fails. */
	void (*abort)(struct blob_store *b, struct blob_stage *st);
	/* The final name of a blob, for messages (a new string). */
	char *(*path_of)(struct blob_store *b, const char *sha256);
	/* Calls fn for every blob kept (by hash); fn returning non-zero stops. */
	int (*list)(struct blob_store *b, int (*fn)(const char *sha256, void *), void *arg,
		    struct sb *err);
	/* Removes a kept blob. */
	int (*remove)(struct blob_store *b, const char *sha256, struct sb *err);
};

struct ops_ctx {
	struct store *store;
	struct agency_registry *agencies;
	int today; /* day number (track/calendar.h): DONDOC_TODAY or the local date */
	long long now; /* Unix seconds, for sessions and audit timestamps */
	struct actor actor;
	/* Added by issue 8; NULL means the defaults / no evidence storage. */
	const struct ops_settings *settings;
	struct blob_store *blobs;
	/* Worlds shared between the requests of a long-lived face on one
	 * database (ops_task_page; views.h); NULL: none. */
	struct task_cache *cache;
};

/* ---- authorisation (ops.c): the one place ------------------------------- */

enum ops_action {
	OPS_READ, /* read what ops_task_visible() allows */
	OPS_IMPORT, /* import documents as drafts */
	OPS_PUBLISH,
	OPS_EDIT, /* correct a task */
	OPS_REPORT, /* file a progress report (for one's own agency) */
	OPS_DECIDE, /* confirm or refuse a reported completion */
	OPS_REMIND, /* đôn đốc: run reminders */
	OPS_CONFIGURE, /* aliases, contacts */
	OPS_READ_DRAFTS, /* see plans that are not published yet */
	OPS_MAINTAIN, /* check, back up and restore the database (admin only) */
	OPS_USERS, /* add, disable users; passwords; API tokens (admin only) */
};

/**
 * 0 when the actor may do a; else -ERR_DENIED with a sentence in err (may be NULL).
 * Admin: everything. Standing: reads all (drafts too), imports, publishes,
 * edits, decides, reminds, configures. Officer: reads and reports on tasks
 * its agency leads or coordinates. Leader: reads tasks where he or she is
 * leader or supervisor. Viewer: reads published plans.
 */
int ops_allowed(const struct ops_ctx *c, enum ops_action a, struct sb *err);

/** True when the actor may see task t of a plan that is (or is not) published. */
bool ops_task_visible(const struct ops_ctx *c, const struct task *t, bool published);
/**
 * Whether the actor may see (and act on) an import job that the account
 * owner_id started (0: no stored user; then owner_login names it), whose
 * agency is owner_agency (may be NULL): OPS_IMPORT and one of the owner, the
 * administrator, or a standing account of the owner's agency (the standing
 * agency as a body). Another importer does not see it: -ERR_NOTFOUND.
 */
bool ops_import_job_visible(const struct ops_ctx *c, long long owner_id,
			    const char *owner_login, const char *owner_agency);
/** True when ops_task_visible() holds for every task of a published plan:
 *  what such an actor reads of the published plans is the same for all of
 *  them (views kept with a shared world, ops_views.c). */
bool ops_sees_every_published(const struct ops_ctx *c);
/** When the actor sees only tasks that name one body among their lead or
 *  coordinating bodies or groups (an officer), that body, compared as
 *  vi_fold_eq compares; else NULL. A list may look up the tasks naming it
 *  first, then ask ops_task_visible of those alone. */
const char *ops_visible_agency(const struct ops_ctx *c);
/** Likewise, when the actor sees only tasks whose leader or supervisor names
 *  one person (a leader: the folded name occurs in either), that person;
 *  else NULL. */
const char *ops_visible_person(const struct ops_ctx *c);

/**
 * The actor's right to report on t for agency (canonical): the task must be
 * visible, and an officer reports for its own agency only. err may be NULL.
 */
int ops_may_report(const struct ops_ctx *c, const struct task *t, const char *agency,
		   struct sb *err);

/**
 * The read rule for one task by id where its existence is private (the web):
 * 0 when the actor may read task id (its plan published, or the actor reads
 * drafts, and ops_task_visible()); else -ERR_NOTFOUND with "no task N that
 * you may see", whether the task exists or not.
 */
int ops_task_readable(const struct ops_ctx *c, long long id, struct sb *err);

/** True when the actor is an officer whose agency leads t (it owes t's
 *  official report). */
bool ops_task_owed(const struct ops_ctx *c, const struct task *t);

/**
 * The body a report is filed for when the face does not name one (the web
 * files for the signed-in officer): an officer's own agency in *agency.
 * Anyone else -ERR_DENIED: the standing agency and the administrator name
 * the body they report for (the CLI's --agency). err may be NULL.
 */
int ops_own_agency(const struct ops_ctx *c, const char **agency, struct sb *err);

/**
 * Ends an operation's transaction: commits when rc is not an error, else
 * rolls back. Returns rc, or the commit's error.
 */
int ops_tx_end(struct ops_ctx *c, int rc, struct sb *err);

/** The login recorded in audit rows ("cli" when none). */
const char *ops_login(const struct ops_ctx *c);

/* ---- input ---------------------------------------------------------------- */

/**
 * Checks s (a request field named what) as UTF-8 and puts it in NFC in out.
 * -ERR_ENCODING with a message naming the field when it is not UTF-8.
 */
int ops_text(const char *what, const char *s, struct sb *out, struct sb *err);

/** True when s is an e-mail address: valid UTF-8, one '@' with a local part
 *  and a dotted domain, no white space, quotes, angle brackets or controls. */
bool ops_email_ok(const char *s);

/** The canonical name of a body as typed ("Sở VHTTDL"), else name itself. */
const char *ops_agency_canonical(const struct ops_ctx *c, const char *name);

/* ---- filters: one meaning everywhere ------------------------------------ */

/*
 * agency: the tasks the body leads or coordinates (lead_only: leads only);
 * leader: the tasks whose leader in charge contains it. Both compare folding
 * keys as plain substrings (no pattern characters: '%' is a '%'); a filter
 * whose folding key is empty matches nothing.
 */
struct task_query {
	long long plan_id; /* 0: all */
	const char *agency; /* NULL: all */
	bool lead_only;
	const char *leader; /* NULL: all */
};
struct task_matcher;
/** Prepares q for ops_task_match (resolves the agency through c). */
struct task_matcher *ops_matcher_new(const struct ops_ctx *c, const struct task_query *q);
bool ops_task_match(const struct task_matcher *m, const struct task *t);
/** The agency as resolved (canonical), or NULL. */
const char *ops_matcher_agency(const struct task_matcher *m);
void ops_matcher_free(struct task_matcher *m);

/* ---- the same rules on names folded once ------------------------------- */

/*
 * A page that asks about thousands of tasks (the shared world, views.h)
 * keeps each task's names folded once; these answer ops_task_visible (of a
 * published task), ops_task_owed and ops_task_match from them, by the same
 * rules, without folding a name per question.
 */
struct ops_task_keys {
	/* vi_fold_dup(name, 0) of each lead body or group, and of each
	 * coordinating one, each followed by '\n' ("" none). */
	const char *leads, *coordinates;
	/* The same names folded with VI_FOLD_PUNCT, one a line. */
	const char *lead_names, *coordinate_names;
	/* The leader and the supervisor folded with VI_FOLD_PUNCT ("" none). */
	const char *leader, *supervisor;
};
/** The actor's agency and person folded once (ops_actor_keys_free). */
struct ops_actor_keys;
struct ops_actor_keys *ops_actor_keys_new(const struct ops_ctx *c);
void ops_actor_keys_free(struct ops_actor_keys *a);
/** ops_task_visible(c, t, true) for a task whose names are k. */
bool ops_task_visible_keyed(const struct ops_actor_keys *a, const struct ops_task_keys *k);
/** ops_task_owed(c, t) for a task whose names are k. */
bool ops_task_owed_keyed(const struct ops_actor_keys *a, const struct ops_task_keys *k);
/** ops_task_match(m, t) for a task whose names are k. */
bool ops_task_match_keyed(const struct task_matcher *m, const struct ops_task_keys *k);

/* ---- operations (views in ops/views.h) --------------------------------- */

struct import_req {
	const char *path;
	const char *name; /* the file's name as recorded and in messages; NULL: path */
	bool again; /* import even when the same file is stored already */
	const struct doc_limits *limits;
	/* out */
	long long plan_id;
	long long existing_id; /* set (and plan_id 0) when already imported */
	size_t ntasks, nindicators, ntargets, nreporting;
	size_t unknown_agencies; /* lead/coordinate names the registry does not know */
	/* What extraction placed in no task ("LINE: why: text"; struct plan's
	 * notes, stored with the document): n strings, owned by the caller,
	 * freed with ops_import_release(). Empty when already imported. */
	char **notes;
	size_t nnotes;
};
/** Extracts req->path and stores it as a draft plan. */
int ops_import(struct ops_ctx *c, struct import_req *req, struct sb *err);
/** Frees what ops_import() handed out in req (its notes). */
void ops_import_release(struct import_req *req);

/** Publishes a draft. *already = it was published before (nothing written). */
int ops_publish(struct ops_ctx *c, long long plan_id, bool *already, struct sb *err);

struct edit_req {
	long long task_id;
	const char *field, *value, *reason;
	/* out */
	struct due *due; /* field "due": the time frame read (owned by the caller: due_free) */
	bool published; /* the plan moved to a new version */
};
/** Corrects one field of a task (with history and audit). */
int ops_edit(struct ops_ctx *c, struct edit_req *req, struct sb *err);

struct report_req {
	long long task_id; /* a task report, or */
	long long indicator_id; /* an indicator value */
	const char *agency; /* as typed */
	const char *state; /* task reports: a state name (Vietnamese or key) */
	const char *date; /* completion date YYYY-MM-DD, or NULL */
	const char *note, *period, *value; /* value: a number, or NULL */
	long long replaces_id;
	const char *evidence; /* a file to attach, or NULL */
	const char *evidence_name; /* the name recorded for it; NULL: the file's own */
	/* out */
	long long id;
	char role[16]; /* "lead", "coordinate" */
	char agency_stored[256];
	char period_name[16];
	double value_num;
	char evidence_sha256[65];
	bool awaits_confirmation;
};
/** Files a progress report (task_id) or an indicator value (indicator_id). */
int ops_report(struct ops_ctx *c, struct report_req *req, struct sb *err);

struct decide_req {
	long long task_id;
	bool accept;
	const char *date; /* accept: the completion date that counts; NULL = reported */
	const char *reason; /* refuse: required */
	long long report_id; /* out */
};
int ops_decide(struct ops_ctx *c, struct decide_req *req, struct sb *err);

/** Sets the e-mail address reminders to name go to. *stored = the name kept. */
int ops_contact_set(struct ops_ctx *c, const char *name, const char *email, const char **stored,
		    struct sb *err);

/** Teaches the registry a spelling of a body; stored plans re-resolve. */
int ops_agency_alias(struct ops_ctx *c, const char *alias, const char *canonical, struct sb *err);
/** Teaches a spelling of a leader's name; returns how many records changed. */
int ops_person_alias(struct ops_ctx *c, const char *alias, const char *canonical, struct sb *err);

/* Looking after the database (admin only). */
struct check_result {
	char **problems; /* sentences, one per problem */
	size_t nproblems;
	char **orphans; /* evidence files no report cites (removed when asked) */
	size_t norphans;
	char **missing; /* evidence files reports cite that are not kept */
	size_t nmissing;
};
/** Checks the database and the evidence folder; remove_orphans deletes the
 *  files no report cites. */
int ops_check(struct ops_ctx *c, bool remove_orphans, struct check_result *out, struct sb *err);
void check_result_release(struct check_result *r);
/** Writes a verified copy of the database to dest. */
int ops_backup(struct ops_ctx *c, const char *dest, struct sb *err);
/** Replaces the database's content with the backup src (checked first). */
int ops_restore(struct ops_ctx *c, const char *src, struct sb *err);
struct store_copy_table;
/** Copies the SQLite database from ("sqlite:PATH") into the empty PostgreSQL
 *  database to ("postgresql://..."), verified table by table (store.h). */
int ops_migrate(struct ops_ctx *c, const char *from, const char *to,
		int (*fn)(const struct store_copy_table *, void *), void *arg, struct sb *err);

/** Calls fn for each body named in stored plans (with uses and whether the
 *  registry knows it); unknown_only: the unknown ones. */
int ops_agency_usage(struct ops_ctx *c, bool unknown_only,
		     int (*fn)(const char *name, size_t uses, bool known, void *), void *arg,
		     struct sb *err);
/** Teaches c->agencies every alias stored (at the start of a request). */
int ops_agency_aliases_load(struct ops_ctx *c, struct sb *err);
/** Calls fn for each leader named in stored plans, with how many times. */
int ops_person_usage(struct ops_ctx *c, int (*fn)(const char *name, size_t uses, void *),
		     void *arg, struct sb *err);

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
/**
 * The tracked plan plan_id as the actor may read it (the web's downloads):
 * an officer's agency scope, a leader's own tasks, the whole plan for the
 * others. -ERR_NOTFOUND for a draft, an unknown plan, or a plan holding
 * nothing of the officer's or leader's. Release out also after an error.
 */
int ops_plan_document(struct ops_ctx *c, long long plan_id, struct tracked_plan *out,
		      struct sb *err);
/**
 * The calendar feed of bearer token: fn for every published plan, tracked as
 * ops_plan_document() gives it to the token's user. -ERR_NOTFOUND when the
 * token is unknown or revoked (a disabled user's tokens are revoked).
 */
int ops_calendar_feed(struct ops_ctx *c, const char *token,
		      int (*fn)(const struct tracked_plan *, void *), void *arg, struct sb *err);
/* ---- Review of a draft and the web's import jobs (src/ops/ops_review.c) -- */

struct import_job;
struct source_line;

/** Merges task_id with the next task of its draft (store_task_merge);
 *  reason NULL or "": a default. OPS_EDIT; a published plan is refused. */
int ops_task_merge(struct ops_ctx *c, long long task_id, const char *reason,
		   long long *removed_id, struct sb *err);

struct split_req {
	long long task_id;
	long at; /* cut the text at this character (code point) position; < 0: use text */
	const char *text; /* the new task's text: cut off the end of the task's text
			     when it ends there, else the task keeps its text */
	const char *reason; /* NULL or "": a default */
	long long new_id; /* out */
};
/** Splits a draft's task in two (store_task_split). OPS_EDIT. */
int ops_task_split(struct ops_ctx *c, struct split_req *req, struct sb *err);

/** A new import job for file_name, to be run by runner (the server process:
 *  "host:pid"; may be NULL). OPS_IMPORT: nothing written when refused. */
int ops_import_job_start(struct ops_ctx *c, const char *file_name, const char *runner,
			 long long *job_id, struct sb *err);
/**
 * Runs job job_id: imports path (recorded as the job's file name) through
 * ops_import with limits, writing the pages read so far through the store
 * as they progress, then the job's end: "done" with its plan (also when the
 * file was imported before) or "failed" with the reason in words for an
 * official. limits NULL: the defaults. Returns ops_import's result.
 */
int ops_import_job_run(struct ops_ctx *c, long long job_id, const char *path,
		       const struct doc_limits *limits, struct sb *err);
/** Job id as the actor may see it (OPS_IMPORT; -ERR_NOTFOUND otherwise).
 *  Release out with import_job_release (store/store.h). */
int ops_import_job_get(struct ops_ctx *c, long long id, struct import_job *out,
		       struct sb *err);
/** The newest import jobs (OPS_IMPORT), newest first. */
int ops_import_job_list(struct ops_ctx *c, size_t limit,
			int (*fn)(const struct import_job *, void *), void *arg, struct sb *err);
/**
 * At a server's start: the jobs left queued or running by a server process
 * that is gone (alive(runner, arg) false; a job without a runner counts as
 * gone) are failed with a message asking to upload again (their import was
 * one transaction: nothing half-written). Jobs other live processes run are
 * left alone. Returns how many were failed.
 */
int ops_import_jobs_recover(struct ops_ctx *c, bool (*alive)(const char *runner, void *arg),
			    void *arg, struct sb *err);

/* A draft as the review page shows it: the plan (tasks with their ids,
 * source lines and doubts) and the source text of its document. */
struct review_view {
	struct plan *plan;
	char status[16]; /* "draft", "published" */
	struct source_line *lines; /* owned */
	size_t nlines;
	/* The import notes (text that could not be placed in a task, "LINE:
	 * why: text") are plan->notes, stored with the document. */
};
/** Loads plan_id for review (OPS_READ_DRAFTS). Release with review_view_release. */
int ops_plan_review(struct ops_ctx *c, long long plan_id, struct review_view *out,
		    struct sb *err);
void review_view_release(struct review_view *v);
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

/* Characters of a password ops_user_add_generated() makes (about 119 bits). */
#define OPS_PASSWORD_GEN_LEN 20
/** ops_user_add with a fresh random password (u->password is ignored),
 *  returned once in password. */
int ops_user_add_generated(struct ops_ctx *c, const struct user_new *u, long long *id,
			   char password[OPS_PASSWORD_GEN_LEN + 1], struct sb *err);
/* The same operations naming the user by id (the web's /users/{id}/...). */
int ops_user_passwd_id(struct ops_ctx *c, long long id, const char *password, struct sb *err);
int ops_user_disable_id(struct ops_ctx *c, long long id, bool disabled, struct sb *err);
/** ops_token_add for login, or (login NULL) the user user_id; *token_id (may
 *  be NULL) = the new token's id, for `token revoke ID`. */
int ops_token_issue(struct ops_ctx *c, const char *login, long long user_id, char token[65],
		    long long *token_id, struct sb *err);
/**
 * Administrator only: revokes API tokens. which is a token id (digits: that
 * token) or a login (every live token of the user); user_id > 0 instead of
 * which: every live token of that user. *n = how many were revoked (0 writes
 * nothing). A revoked token is refused at once (401 on the API, 404 on its
 * calendar feed).
 */
int ops_token_revoke(struct ops_ctx *c, const char *which, long long user_id, size_t *n,
		     struct sb *err);

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
int ops_session_login(struct ops_ctx *c, const char *login, const char *password, const char *addr,
	      const char *old_sid, struct principal *out, bool *throttled, struct sb *err);
/** The user of session sid, if the session is live (30 minutes idle, 12
 *  hours absolute); refreshes its last use. -ERR_NOTFOUND otherwise. */
int ops_session_resolve(struct ops_ctx *c, const char *sid, struct principal *out,
			struct sb *err);
/** Ends session sid (logout), with an audit row naming the user. */
int ops_logout(struct ops_ctx *c, const char *sid, struct sb *err);
/** The stored user named login, as the actor of a CLI run (--as LOGIN):
 *  -ERR_NOTFOUND when there is none, -ERR_DENIED when it is disabled. */
int ops_principal_of_login(struct ops_ctx *c, const char *login, struct principal *out,
			   struct sb *err);
/** The user of a bearer token. -ERR_NOTFOUND when unknown or revoked. */
int ops_token_resolve(struct ops_ctx *c, const char *token, struct principal *out,
		      struct sb *err);

#endif
