/*
 * views.h - what the read operations return: plain structs, computed once by
 * ops and rendered by src/report/ (text and JSON today; HTML, CSV, DOCX and
 * XLSX renderers read the same structs). A view owns everything it points
 * to and is released with its *_view_release function; renderers only read.
 *
 * Dates are day numbers (track/calendar.h, CAL_NONE = none); names are NFC
 * UTF-8 as stored.
 */
#ifndef DONDOC_OPS_VIEWS_H
#define DONDOC_OPS_VIEWS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/plan.h"
#include "ops/ops.h"
#include "store/store.h"
#include "track/completeness.h"
#include "track/indicator_eval.h"
#include "track/period.h"
#include "track/status.h"

/* One progress report as the views see it. */
struct report_view {
	long long id, task_id;
	char *agency;
	bool lead; /* the official status ("lead") or a coordinator's input */
	bool replaced; /* a later report corrects it */
	bool has_period;
	struct period period;
	int filed;
	struct status_report sr; /* state, completion, confirmation */
	bool has_value;
	double value;
};

/* One task with its computed status on the view's day. */
struct keymap;

struct task_view {
	const struct plan *plan;
	const struct task *t;
	int start, end; /* the time frame as day numbers */
	struct status_result res; /* bucket, state, lateness, days left */
	const struct report_view *reports; /* this task's reports, filing order */
	size_t first_report, nreports; /* reports = tracked.reports + first_report */
	struct status_report *official; /* lead reports in force, filing order */
	size_t nofficial;
};

/* The tracked world: published plans the actor may see, their visible tasks
 * and reports, the status computed on today for period. */
struct tracked {
	int today;
	struct period period;
	struct plan *plans;
	size_t nplans;
	struct task_view *tasks;
	size_t ntasks;
	struct report_view *reports;
	size_t nreports;
	bool drafts_seen; /* plans were left out because they are drafts */
	/* When set, it owns the reports' agency names, each spelling once (a
	 * national world names a few thousand bodies in millions of reports). */
	struct name_pool *names;
};
void tracked_release(struct tracked *w);

/** The bodies a task's status is counted under: its lead bodies, else its
 *  lead groups, else "" (unassigned). */
size_t task_lead_names(const struct task *t, const char *const **out);

/* ---- status ---------------------------------------------------------------- */

struct status_req {
	struct task_query q;
	const char *period; /* NULL: the reporting month containing today */
};
struct shared_world;
struct status_view {
	struct tracked w;
	/* Set when w is a face's shared world (ops_task_cache; not owned: a
	 * reference, and w holds every task, the matched ones are in tasks). */
	struct shared_world *world;
	long long plan_id; /* the filter, as asked */
	const char *agency, *leader; /* canonical agency; leader as typed (owned) */
	bool lead_only;
	struct task_view **tasks; /* the tasks that match, document order */
	size_t ntasks;
	struct status_agg total;
	struct status_rollup *by_plan, *by_section, *by_agency, *by_leader;
	/* True when tasks, total and the rollups are the ones kept with the
	 * shared world (computed once per world version for the actors who see
	 * every published task; read-only, alive while world is held). */
	bool kept;
};
int ops_status(struct ops_ctx *c, const struct status_req *req, struct status_view *out,
	       struct sb *err);
void status_view_release(struct status_view *v);

/** Status buckets in the order every rendering lists them. */
extern const enum status_bucket status_bucket_order[STATUS__COUNT];

/* ---- task pages: lists of a long-lived face (the web) ----------------------- */

/*
 * The tasks the actor may see that match, with their status. With c->cache
 * the world they come from is shared by every request of the face; when the
 * audit log moves (store_audit_head), the next request catches it up: the
 * tasks of new reports and decisions are read again, any other change (or a
 * new day) loads it again (ops_views.c). Only the default period's is kept;
 * without a cache, it is built for the call.
 */
/** A cache of shared worlds for one database, for a long-lived face (the web
 *  server: one per process); thread-safe. */
struct task_cache *ops_task_cache_new(void);
void ops_task_cache_free(struct task_cache *tc);

struct task_page_req {
	struct task_query q; /* plan, agency (leads or coordinates), leader */
	int bucket; /* enum status_bucket, or -1: every bucket */
	const char *search; /* words of the text, ref or section, any case and accents */
	const char *period; /* NULL: the reporting month containing today */
	long long task_id; /* 0: every task; else that one (-ERR_NOTFOUND if unreadable) */
	size_t offset, limit; /* the page: rows skipped, rows kept (0: all) */
};
struct task_page_view {
	struct shared_world *world; /* a reference to the shared world (owned) */
	const struct tracked *w; /* its tasks, plans and reports (read-only) */
	struct task_view **tasks; /* the page, plan then document order */
	bool *owed; /* per row: ops_task_owed (the actor owes its official report) */
	size_t n;
	size_t total; /* the rows that match, before offset and limit */
	struct status_agg agg; /* the buckets of every row that matches (all pages) */
};
int ops_task_page(struct ops_ctx *c, const struct task_page_req *req, struct task_page_view *out,
		  struct sb *err);
void task_page_view_release(struct task_page_view *v);

/* ---- completeness ------------------------------------------------------------ */

struct completeness_view {
	int today;
	struct period period;
	size_t nplans, nexpecting; /* published plans; those reporting on this period */
	struct completeness *c;
	struct completeness_counts total;
	struct completeness_gap *gaps; /* who has not reported */
	size_t ngaps;
	/* Set when c and gaps are the ones kept with this shared world (a
	 * reference; read-only): computed once per world version. */
	struct shared_world *world;
};
int ops_completeness(struct ops_ctx *c, const char *period, long long plan_id,
		     struct completeness_view *out, struct sb *err);
/** The completeness of the n periods that end with the one containing
 *  today, oldest first, into out[0..n-1] (release each); the periods are of
 *  the finest kind a plan (of plan_id, or any) reports on: months when one
 *  reports monthly, else quarters, else half-years. One world read for all
 *  (the shared one when plan_id is 0). */
int ops_completeness_recent(struct ops_ctx *c, size_t n, long long plan_id,
			    struct completeness_view *out, struct sb *err);
void completeness_view_release(struct completeness_view *v);

/* ---- indicators ----------------------------------------------------------------- */

/* One year or period of an indicator: its target (the period's own, or a
 * point on the path), the value in force for it, and the judgement with its
 * rule (track/indicator_eval.h). */
struct indicator_period_row {
	char period[PERIOD_NAME_LEN]; /* "2027", "2026-H1", "2026-2030" */
	struct indicator_course_result judged; /* target applied, verdict, rule */
	bool has_actual;
	double actual;
	char *agency; /* who reported the value in force, or NULL */
};

struct indicator_row {
	const struct plan *plan;
	const struct indicator *ind;
	bool has_actual; /* the latest value in force for the period (or any) */
	double actual;
	char *period, *agency;
	int verdict; /* enum indicator_verdict, against the indicator's horizon target */
	/* Year by year: every period with a target or a value (only the
	 * requested one with --period), in time order, spans after the year
	 * they end with. */
	struct indicator_period_row *by_period;
	size_t nby_period;
};
struct indicator_view {
	struct tracked w;
	char period[PERIOD_NAME_LEN]; /* "" = any */
	char *agency; /* canonical filter, or NULL */
	struct indicator_row *rows;
	size_t nrows;
};
/* agency (may be NULL): only the indicators the body is responsible for or
 * coordinates, compared as task filters are (struct task_query). */
int ops_indicators(struct ops_ctx *c, const char *period, long long plan_id, const char *agency,
		   struct indicator_view *out, struct sb *err);
void indicator_view_release(struct indicator_view *v);

/* ---- lists ------------------------------------------------------------------------ */

struct plan_list_view {
	struct plan_meta *plans;
	size_t nplans;
};
int ops_plan_list(struct ops_ctx *c, struct plan_list_view *out, struct sb *err);
/** One plan of ops_plan_list, read alone (a plan page need not list every
 *  plan of the country). -ERR_NOTFOUND when absent or a draft the actor may
 *  not read. Release with plan_meta_release. */
int ops_plan_meta(struct ops_ctx *c, long long id, struct plan_meta *out, struct sb *err);
void plan_list_view_release(struct plan_list_view *v);

struct task_list_view {
	struct plan *plans; /* the plans the tasks belong to (owned) */
	size_t nplans;
	struct task_item {
		const struct plan *plan;
		const struct task *t;
	} *items; /* the tasks that match and the actor may see, plan then document order */
	size_t n;
};
int ops_task_list(struct ops_ctx *c, const struct task_query *q, struct task_list_view *out,
		  struct sb *err);
void task_list_view_release(struct task_list_view *v);

/** Loads one stored plan the actor may read (drafts: standing and admin). */
int ops_plan_get(struct ops_ctx *c, long long id, struct plan *out, struct sb *err);

/* ---- history ------------------------------------------------------------------------ */

struct history_view {
	long long task_id, plan_id;
	char plan_status[16];
	int plan_version;
	struct change_item {
		long long id;
		int plan_version;
		char *field, *old_value, *new_value, *at, *actor, *reason;
	} *changes;
	size_t nchanges;
	struct history_report {
		long long id, replaces_id;
		bool replaced, has_value;
		double value;
		char *agency, *role, *period, *state, *completion_date, *note, *filed_on;
		char *decision, *decided_on, *decision_reason;
		char *actor; /* the login that filed it */
		size_t nevidence;
	} *reports;
	size_t nreports;
};
int ops_history(struct ops_ctx *c, long long task_id, struct history_view *out, struct sb *err);
void history_view_release(struct history_view *v);

/* ---- names: the bodies and leaders stored plans name ------------------------------- */

struct name_view {
	struct name_use {
		char *name;
		size_t uses; /* tasks and indicators naming it */
		bool known; /* bodies: the registry knows it (people: always) */
	} *names;
	size_t nnames, nunknown;
	struct name_alias {
		char *alias, *canonical;
	} *aliases; /* the stored aliases, oldest first */
	size_t naliases;
};
/** The bodies (people false) or leaders (true) named in stored plans with
 *  their uses, and the aliases taught (OPS_CONFIGURE): the web's /agencies
 *  and /people. */
int ops_names(struct ops_ctx *c, bool people, struct name_view *out, struct sb *err);
void name_view_release(struct name_view *v);

/* ---- contacts, reminders ------------------------------------------------------------- */

struct contact_view {
	struct contact_item {
		char *name, *email;
	} *items;
	size_t n;
};
int ops_contacts(struct ops_ctx *c, struct contact_view *out, struct sb *err);
void contact_view_release(struct contact_view *v);

/* How reminders leave: a face gives one (app/mailer.c: SMTP or the outbox). */
struct remind_mail {
	const char *kind; /* "remind", "escalate" */
	const char *recipient, *email; /* email NULL: none known */
	const char *subject, *body, *fingerprint, *day;
};
struct mailer {
	/* Sends or files m; sets *via ("smtp", "file") and where (a path) */
	int (*deliver)(struct mailer *mx, const struct remind_mail *m, const char **via,
		       struct sb *where, struct sb *err);
};

enum remind_outcome { REMIND_SENT, REMIND_WRITTEN, REMIND_SKIPPED, REMIND_DRY, REMIND_FAILED };
struct remind_req {
	const char *period; /* NULL: the reporting month containing today */
	bool dry_run;
	bool smtp; /* SMTP is configured: a message filed for want of an address says so */
	struct mailer *mailer; /* NULL only with dry_run */
};
struct remind_view {
	struct remind_result {
		enum remind_outcome outcome;
		char *kind, *recipient, *email, *body, *where, *error;
		size_t nitems;
	} *msgs;
	size_t n;
	size_t sent, written, skipped, failed;
	bool smtp; /* as in the request */
};
/** Builds and delivers the day's reminders; each delivered one is recorded
 *  so that it is not sent twice the same day. Returns -ERR_IO when any
 *  delivery failed (the view says which). */
int ops_remind(struct ops_ctx *c, const struct remind_req *req, struct remind_view *out,
	       struct sb *err);
void remind_view_release(struct remind_view *v);

#endif
