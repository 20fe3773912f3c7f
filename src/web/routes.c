/*
 * routes.c - the one route table of the web application: method, path
 * pattern, handler, and the permission the request needs before the handler
 * runs (what each role may do with each object is decided in src/ops/).
 * docs/api.yaml documents the /api/v1 rows; tests/integration/web.sh checks
 * that the two agree.
 */
#include "base/compat.h"
#include "web/web_int.h"

#include <errno.h>

const struct route web_routes[] = {
	{ "GET", "/healthz", page_healthz, PERM_PUBLIC, "liveness: the database answers" },
	{ "GET", "/static/{name}", page_static, PERM_PUBLIC, "embedded CSS and icons" },
	{ "GET", "/login", page_login, PERM_PUBLIC, "the login form" },
	{ "POST", "/login", page_login_post, PERM_PUBLIC, "log in (a new session id)" },
	{ "GET", "/lang", page_lang, PERM_PUBLIC, "switch the language (?to=vi|en)" },
	{ "POST", "/logout", page_logout, PERM_SESSION, "log out" },
	{ "GET", "/", page_home, PERM_SESSION, "the home page of the user's role" },
	{ "GET", "/plans", page_plans, PERM_SESSION, "plans" },
	{ "GET", "/plans/{id}", page_plan, PERM_SESSION, "a plan's tasks, filtered" },
	{ "GET", "/plans/{id}/export.docx", page_export_docx, PERM_SESSION, "the plan's report (DOCX)" },
	{ "GET", "/plans/{id}/export.xlsx", page_export_xlsx, PERM_SESSION, "the plan's appendix (XLSX)" },
	{ "GET", "/plans/{id}/export.csv", page_export_csv, PERM_SESSION, "the plan's tasks (CSV)" },
	{ "GET", "/plans/{id}/export.ics", page_export_ics, PERM_SESSION, "the plan's deadlines (ICS)" },
	{ "GET", "/plans/{id}/indicators", page_indicators, PERM_SESSION, "a plan's indicators year by year" },
	{ "GET", "/plans/{id}/charts", page_plan_charts, PERM_SESSION, "a plan's tasks by section and leader, its reports by period (SVG)" },
	{ "POST", "/indicators/{id}/value", page_indicator_value_post, PERM_SESSION, "file an indicator value" },
	{ "GET", "/calendar/{token}.ics", page_calendar, PERM_FEED, "the user's deadlines (ICS feed)" },
	{ "GET", "/tasks/{id}", page_task, PERM_SESSION, "a task, its reports and history" },
	{ "POST", "/tasks/{id}/report", page_report_post, PERM_SESSION, "file a progress report" },
	{ "POST", "/tasks/{id}/confirm", page_confirm_post, PERM_SESSION, "confirm a completion" },
	{ "POST", "/tasks/{id}/reject", page_reject_post, PERM_SESSION, "refuse a completion" },
	{ "GET", "/agencies", page_agencies, PERM_SESSION, "bodies named in the plans, aliases" },
	{ "POST", "/agencies/alias", page_agency_alias_post, PERM_SESSION, "teach a body's alias" },
	{ "GET", "/people", page_people, PERM_SESSION, "leaders named in the plans, aliases" },
	{ "POST", "/people/alias", page_person_alias_post, PERM_SESSION, "teach a leader's alias" },
	{ "GET", "/contacts", page_contacts, PERM_SESSION, "e-mail addresses of reminders" },
	{ "POST", "/contacts", page_contacts_post, PERM_SESSION, "set an e-mail address" },
	{ "GET", "/reminders", page_reminders, PERM_SESSION, "today's reminders (preview)" },
	{ "POST", "/reminders/send", page_reminders_send, PERM_SESSION, "send today's reminders" },
	{ "GET", "/users", page_users, PERM_SESSION, "users (administrator)" },
	{ "POST", "/users", page_users_post, PERM_SESSION, "add a user" },
	{ "POST", "/users/{id}/password", page_user_password_post, PERM_SESSION, "set a password" },
	{ "POST", "/users/{id}/disable", page_user_disable_post, PERM_SESSION, "disable a user" },
	{ "POST", "/users/{id}/enable", page_user_enable_post, PERM_SESSION, "enable a user" },
	{ "POST", "/users/{id}/token", page_user_token_post, PERM_SESSION, "a new API token" },
	{ "POST", "/users/{id}/tokens/revoke", page_user_tokens_revoke_post, PERM_SESSION,
	  "revoke a user's API tokens" },
	{ "GET", "/imports", page_imports, PERM_SESSION, "recent imports, drafts and the upload form" },
	{ "POST", "/imports", page_imports_post, PERM_SESSION, "upload a document to import" },
	{ "GET", "/imports/{id}", page_import, PERM_SESSION, "an import's progress" },
	{ "GET", "/plans/{id}/review", page_review, PERM_SESSION, "a draft beside its source text" },
	{ "POST", "/plans/{id}/publish", page_publish_post, PERM_SESSION, "publish a draft" },
	{ "POST", "/tasks/{id}/edit", page_task_edit_post, PERM_SESSION, "correct a task field" },
	{ "POST", "/tasks/{id}/merge", page_task_merge_post, PERM_SESSION, "merge a draft's task with the next" },
	{ "POST", "/tasks/{id}/split", page_task_split_post, PERM_SESSION, "split a draft's task in two" },
	{ "GET", "/api/v1/plans", api_plans, PERM_API, "plans" },
	{ "POST", "/api/v1/plans/{id}/publish", api_publish_post, PERM_API, "publish a draft" },
	{ "POST", "/api/v1/imports", api_import_post, PERM_API, "import a document (in the background)" },
	{ "GET", "/api/v1/imports/{id}", api_import, PERM_API, "an import job" },
	{ "GET", "/api/v1/tasks", api_tasks, PERM_API, "tasks, filtered" },
	{ "GET", "/api/v1/tasks/{id}", api_task, PERM_API, "one task" },
	{ "GET", "/api/v1/tasks/{id}/reports", api_reports, PERM_API, "a task's reports" },
	{ "POST", "/api/v1/tasks/{id}/reports", api_report_post, PERM_API, "file a report" },
	{ "GET", "/api/v1/plans/{id}/indicators", api_plan_indicators, PERM_API, "a plan's indicators (indicators/1)" },
	{ "GET", "/api/v1/status", api_status, PERM_API, "status buckets" },
	{ NULL, NULL, NULL, PERM_PUBLIC, NULL },
};

/* Matches path against pattern; {id} takes a positive integer into *id,
 * {name} and {token} any one segment; a literal after the capture in the same
 * segment ("{token}.ics") must end it and is not captured. */
static bool match(const char *pattern, const char *path, long long *id)
{
	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *close = strchr(pattern, '}');
			size_t n = strcspn(path, "/");
			/* A literal suffix in the same segment ("{token}.ics"). */
			size_t sfx = close ? strcspn(close + 1, "/{") : 0;

			if (!close || n == 0)
				return false;
			if (sfx) {
				if (n <= sfx || strncmp(path + n - sfx, close + 1, sfx) != 0)
					return false;
				n -= sfx;
			}
			if (strncmp(pattern, "{id}", 4) == 0) {
				char *end;
				long long v;

				errno = 0;
				v = strtoll(path, &end, 10);
				if (errno || v <= 0 || end != path + n || *path == '+' || *path == '-')
					return false;
				*id = v;
			}
			pattern = close + 1;
			path += n;
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	return *pattern == '\0' && *path == '\0';
}

const struct route *web_route_find(const char *method, const char *path, struct req *rq,
				   bool *path_known)
{
	const struct route *r;
	long long id = 0;

	*path_known = false;
	for (r = web_routes; r->method; r++) {
		if (!match(r->pattern, path, &id))
			continue;
		*path_known = true;
		if (strcmp(r->method, method) == 0) {
			rq->id = id;
			return r;
		}
	}
	return NULL;
}

void web_print_routes(FILE *out)
{
	static const char *const perms[] = { "public", "session", "api", "feed" };
	const struct route *r;

	for (r = web_routes; r->method; r++)
		fprintf(out, "%s %s %s\n", r->method, r->pattern, perms[r->perm]);
}
