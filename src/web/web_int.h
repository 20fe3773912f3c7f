/*
 * web_int.h - what the files of src/web/ share: one request and its
 * response, the route table, and the page and JSON helpers.
 *
 * A request arrives in server.c (libmicrohttpd), which parses its body into
 * fields, finds its route in routes.c, authenticates it (session cookie or
 * bearer token) and calls the route's handler with a store connection of its
 * own. Handlers call src/ops/ only, render into resp.body, and return.
 */
#ifndef DONDOC_WEB_INT_H
#define DONDOC_WEB_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/sb.h"
#include "base/xalloc.h"
#include "ops/ops.h"
#include "web/form.h"
#include "web/i18n.h"
#include "web/web.h"

struct MHD_Connection;
struct web_server;
struct agency_registry;

struct req {
	struct MHD_Connection *conn;
	const struct web_config *cfg;
	const char *method, *path;
	char addr[64];
	/* The body: form fields (urlencoded or multipart), one uploaded file,
	 * or raw bytes (JSON), parsed by form.c once it has arrived. */
	struct form_fields form;
	struct upload up;
	struct sb raw;
	bool too_big; /* the body or upload passed its limit: 413 */
	char *bad_body; /* why the form could not be parsed: 400 */
	/* The Cookie header's pairs, parsed at the first req_cookie. */
	struct form_fields cookies;
	bool cookies_parsed;
	/* Path captures of the route pattern ("{id}"). */
	long long id;
	/* Who asks, once authenticated. */
	bool authed, via_token;
	struct principal who;
	enum lang lang;
	struct ops_ctx ops;
	struct web_server *srv;
	/* Filled in for the access log. */
	int status;
};

struct resp {
	int status;
	const char *type; /* Content-Type */
	struct sb body;
	const unsigned char *bin; /* static bytes instead of body (assets) */
	size_t binlen;
	char *location; /* redirect target */
	char *disposition; /* Content-Disposition (downloads), or NULL */
	char *cookies[3]; /* Set-Cookie values */
	bool cache; /* may be cached (assets) */
	int refresh; /* > 0: the page reloads itself after this many seconds (no script) */
};

enum perm {
	PERM_PUBLIC, /* anyone */
	PERM_SESSION, /* a logged-in user (pages); POST needs the CSRF token */
	PERM_API, /* a bearer token, or a session with X-CSRF-Token on writes */
	PERM_FEED, /* the path carries a bearer token (calendar feeds): the handler checks it */
};

struct route {
	const char *method;
	const char *pattern; /* "/tasks/{id}/report": {id} is a positive integer */
	int (*handler)(struct req *rq, struct resp *rs);
	enum perm perm;
	const char *summary;
};

extern const struct route web_routes[];
/** The route for method and path (setting rq->id), or NULL; *path_known is
 *  set when the path exists under another method (405). */
const struct route *web_route_find(const char *method, const char *path, struct req *rq,
				   bool *path_known);

/* ---- request helpers (server.c) ---- */
/** A query parameter, or NULL. */
const char *req_query(struct req *rq, const char *name);
/** A form field, or NULL. */
const char *req_form(struct req *rq, const char *name);
const char *req_header(struct req *rq, const char *name);
const char *req_cookie(struct req *rq, const char *name);
void resp_redirect(struct resp *rs, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void resp_cookie(struct resp *rs, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** The HTTP status for a negative ERR_*. */
int web_status_of(int err);
/** A private copy of the server's agency registry (with the stored aliases)
 *  for a request that teaches it: the shared one is read by other requests
 *  at the same time. NULL (err set) when the aliases cannot be read. */
struct agency_registry *web_registry_fork(struct req *rq, struct sb *err);
/** Makes r (from web_registry_fork, taught) the registry of later requests;
 *  the server owns it from then on. */
void web_registry_publish(struct req *rq, struct agency_registry *r);

/* ---- pages (pages.c) and their parts (html.c) ---- */
void html_begin(struct req *rq, struct resp *rs, const char *title);
void html_end(struct req *rq, struct resp *rs);
/** An error page in the user's language for status (403, 404, 400...). */
int html_error(struct req *rq, struct resp *rs, int status, const char *detail);
void html_csrf(struct req *rq, struct sb *out);
void html_bucket_badge(struct req *rq, struct sb *out, int bucket);
/** Horizontal bars of counts by status bucket, as inline SVG. */
void html_bucket_chart(struct req *rq, struct sb *out, const size_t counts[], const char *title);
struct bucket_chart_labels;
/** The words of a bucket chart in rq's language; more: the rows left out
 *  (T_MORE_AGENCIES, T_MORE_ROWS, T_MORE_LEADERS). */
void html_bucket_labels(struct req *rq, struct bucket_chart_labels *lb, const char *title,
			enum tkey more);
/** Appends "%" escaped URL component encoding of s. */
void url_encode(struct sb *out, const char *s);

int page_login(struct req *rq, struct resp *rs);
int page_login_post(struct req *rq, struct resp *rs);
int page_logout(struct req *rq, struct resp *rs);
int page_lang(struct req *rq, struct resp *rs);
int page_home(struct req *rq, struct resp *rs);
int page_plans(struct req *rq, struct resp *rs);
int page_plan(struct req *rq, struct resp *rs);
int page_plan_charts(struct req *rq, struct resp *rs);
int page_task(struct req *rq, struct resp *rs);
int page_report_post(struct req *rq, struct resp *rs);
/** Files r through ops_report for the signed-in officer's agency, with the
 *  request's uploaded evidence if any (empty fields count as absent). */
int web_report(struct req *rq, struct report_req *r, struct sb *err);
int page_confirm_post(struct req *rq, struct resp *rs);
int page_reject_post(struct req *rq, struct resp *rs);
int page_static(struct req *rq, struct resp *rs);
int page_healthz(struct req *rq, struct resp *rs);

/* ---- management pages (admin_pages.c) ---- */
/** The top bar's links to the management pages the user may use. */
void html_admin_nav(struct req *rq, struct sb *o);
int page_agencies(struct req *rq, struct resp *rs);
int page_agency_alias_post(struct req *rq, struct resp *rs);
int page_people(struct req *rq, struct resp *rs);
int page_person_alias_post(struct req *rq, struct resp *rs);
int page_contacts(struct req *rq, struct resp *rs);
int page_contacts_post(struct req *rq, struct resp *rs);
int page_reminders(struct req *rq, struct resp *rs);
int page_reminders_send(struct req *rq, struct resp *rs);
int page_users(struct req *rq, struct resp *rs);
int page_users_post(struct req *rq, struct resp *rs);
int page_user_password_post(struct req *rq, struct resp *rs);
int page_user_disable_post(struct req *rq, struct resp *rs);
int page_user_enable_post(struct req *rq, struct resp *rs);
int page_user_token_post(struct req *rq, struct resp *rs);
int page_user_tokens_revoke_post(struct req *rq, struct resp *rs);

/* ---- documents (docs_web.c) ---- */
int page_calendar(struct req *rq, struct resp *rs);
int page_export_docx(struct req *rq, struct resp *rs);
int page_export_xlsx(struct req *rq, struct resp *rs);
int page_export_csv(struct req *rq, struct resp *rs);
int page_export_ics(struct req *rq, struct resp *rs);

/* ---- indicators year by year (indicator_pages.c) ---- */
int page_indicators(struct req *rq, struct resp *rs);
int page_indicator_value_post(struct req *rq, struct resp *rs);
int api_plan_indicators(struct req *rq, struct resp *rs);

/* ---- JSON API (api.c) ---- */
/** An RFC 9457 problem+json response. */
int api_problem(struct req *rq, struct resp *rs, int status, const char *detail);
int api_plans(struct req *rq, struct resp *rs);
int api_tasks(struct req *rq, struct resp *rs);
int api_task(struct req *rq, struct resp *rs);
int api_reports(struct req *rq, struct resp *rs);
int api_report_post(struct req *rq, struct resp *rs);
int api_status(struct req *rq, struct resp *rs);

/* ---- import, review, publish (import_pages.c) ---- */
int page_imports(struct req *rq, struct resp *rs);
int page_imports_post(struct req *rq, struct resp *rs);
int page_import(struct req *rq, struct resp *rs);
int page_review(struct req *rq, struct resp *rs);
int page_task_edit_post(struct req *rq, struct resp *rs);
int page_task_merge_post(struct req *rq, struct resp *rs);
int page_task_split_post(struct req *rq, struct resp *rs);
int page_publish_post(struct req *rq, struct resp *rs);
int api_import_post(struct req *rq, struct resp *rs);
int api_import(struct req *rq, struct resp *rs);
int api_publish_post(struct req *rq, struct resp *rs);

/** Appends s (NULL: nothing) escaped for HTML element content and quoted
 *  attribute values alike: base/escape.h's escape_html_attr, the one escape. */
void html_text(struct sb *out, const char *s);

#endif
