/*
 * admin_pages.c - the management pages (issue 9, "Pages"): the bodies and
 * leaders named in the plans with their aliases, the e-mail addresses
 * reminders go to, the reminders of the day (preview and send), and the
 * users (administrator). Each handler parses the request, calls one
 * operation of src/ops/ (which decides who may do it: the nav links ask the
 * same ops_allowed), and renders; writes answer with a redirect (the count
 * in the query) or, for what is shown once (a password, a token, the
 * reminders sent), with the page itself.
 */
#include "base/compat.h"
#include "web/web_int.h"
#include "base/err.h"
#include "extract/agency.h"
#include "ops/views.h"
#include "store/store.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>

void html_admin_nav(struct req *rq, struct sb *o)
{
	enum lang l = rq->lang;

	if (ops_allowed(&rq->ops, OPS_CONFIGURE, NULL) == 0)
		sb_addf(o, "<a href=\"/agencies\">%s</a><a href=\"/people\">%s</a>"
			   "<a href=\"/contacts\">%s</a>",
			tr(l, T_AGENCIES), tr(l, T_PEOPLE), tr(l, T_CONTACTS));
	if (ops_allowed(&rq->ops, OPS_REMIND, NULL) == 0)
		sb_addf(o, "<a href=\"/reminders\">%s</a>", tr(l, T_REMINDERS));
	if (ops_allowed(&rq->ops, OPS_USERS, NULL) == 0)
		sb_addf(o, "<a href=\"/users\">%s</a>", tr(l, T_USERS));
}

/* An operation's refusal or failure: 403, 404, 400, 409 with its sentence;
 * anything else 500 without detail. */
static int fail(struct req *rq, struct resp *rs, int rc, struct sb *err)
{
	int status = web_status_of(rc);

	return html_error(rq, rs, status, status == 500 ? NULL : err->buf);
}

/* A form field, NULL when absent or empty. */
static const char *field(struct req *rq, const char *name)
{
	const char *v = req_form(rq, name);

	return v && *v ? v : NULL;
}

/* A non-negative count from the query (?changed=N), or -1. */
static long query_count(struct req *rq, const char *name)
{
	const char *v = req_query(rq, name);
	char *end;
	long n;

	if (!v || !*v)
		return -1;
	errno = 0;
	n = strtol(v, &end, 10);
	return errno || *end || n < 0 ? -1 : n;
}

static void notice(struct sb *o, const char *text, long n)
{
	sb_adds(o, "<p class=\"notice\">");
	html_text(o, text);
	if (n >= 0)
		sb_addf(o, " %ld", n);
	sb_adds(o, "</p>");
}

/* ---- bodies and leaders: /agencies, /people --------------------------------- */

static int names_page(struct req *rq, struct resp *rs, bool people)
{
	const char *base = people ? "/people" : "/agencies";
	struct name_view v;
	struct sb err = SB_INIT, *o = &rs->body;
	enum lang l = rq->lang;
	enum tkey title = people ? T_PEOPLE : T_AGENCIES;
	long changed = query_count(rq, "changed");
	size_t i;
	int rc = ops_names(&rq->ops, people, &v, &err);

	if (rc < 0) {
		fail(rq, rs, rc, &err);
		goto out;
	}
	html_begin(rq, rs, tr(l, title));
	sb_addf(o, "<h1>%s</h1>", tr(l, title));
	if (changed >= 0)
		notice(o, tr(l, T_ALIAS_DONE), changed);
	sb_addf(o, "<section class=\"card\"><h2>%s (%zu)</h2>", tr(l, title), v.nnames);
	if (!v.nnames) {
		sb_addf(o, "<p class=\"muted\">%s</p>", tr(l, T_NONE));
	} else {
		sb_addf(o, "<table class=\"names\"><thead><tr><th>%s</th><th class=\"num\">%s</th>",
			tr(l, T_NAME), tr(l, T_USES));
		if (!people)
			sb_adds(o, "<th></th>");
		sb_adds(o, "</tr></thead><tbody>");
		for (i = 0; i < v.nnames; i++) {
			sb_adds(o, "<tr><td>");
			html_text(o, v.names[i].name);
			sb_addf(o, "</td><td class=\"num\">%zu</td>", v.names[i].uses);
			if (!people)
				sb_addf(o, "<td><span class=\"badge b-%s\">%s</span></td>",
					v.names[i].known ? "green" : "amber",
					tr(l, v.names[i].known ? T_KNOWN : T_UNKNOWN));
			sb_adds(o, "</tr>");
		}
		sb_adds(o, "</tbody></table>");
	}
	sb_addf(o, "</section><section class=\"card\"><h2>%s (%zu)</h2>", tr(l, T_ALIASES),
		v.naliases);
	if (v.naliases) {
		sb_addf(o, "<table class=\"aliases\"><thead><tr><th>%s</th><th>%s</th></tr></thead>"
			   "<tbody>",
			tr(l, T_ALIAS), tr(l, T_CANONICAL));
		for (i = 0; i < v.naliases; i++) {
			sb_adds(o, "<tr><td>");
			html_text(o, v.aliases[i].alias);
			sb_adds(o, "</td><td>");
			html_text(o, v.aliases[i].canonical);
			sb_adds(o, "</td></tr>");
		}
		sb_adds(o, "</tbody></table>");
	}
	sb_addf(o, "<h2>%s</h2><form class=\"stack\" method=\"post\" action=\"%s/alias\">",
		tr(l, T_ADD_ALIAS), base);
	html_csrf(rq, o);
	sb_addf(o, "<label for=\"alias\">%s</label><input id=\"alias\" name=\"alias\" required>"
		   "<label for=\"canonical\">%s</label><input id=\"canonical\" name=\"canonical\""
		   " required><input type=\"submit\" value=\"%s\"></form></section>",
		tr(l, T_ALIAS), tr(l, T_CANONICAL), tr(l, T_ADD_ALIAS));
	html_end(rq, rs);
	name_view_release(&v);
out:
	sb_release(&err);
	return 0;
}

int page_agencies(struct req *rq, struct resp *rs)
{
	return names_page(rq, rs, false);
}

int page_people(struct req *rq, struct resp *rs)
{
	return names_page(rq, rs, true);
}

int page_agency_alias_post(struct req *rq, struct resp *rs)
{
	struct sb err = SB_INIT;
	struct agency_registry *reg;
	struct ops_ctx c = rq->ops;
	int rc;

	/* The shared registry is read by other requests at this moment: the
	 * alias is taught to a private copy, which then replaces it. */
	if ((rc = ops_allowed(&rq->ops, OPS_CONFIGURE, &err)) < 0 ||
	    !(reg = web_registry_fork(rq, &err))) {
		fail(rq, rs, rc < 0 ? rc : -ERR_DB, &err);
		goto out;
	}
	c.agencies = reg;
	rc = ops_agency_alias(&c, req_form(rq, "alias"), req_form(rq, "canonical"), &err);
	if (rc < 0) {
		agency_registry_free(reg);
		fail(rq, rs, rc, &err);
		goto out;
	}
	web_registry_publish(rq, reg);
	resp_redirect(rs, "/agencies?changed=%d", rc);
out:
	sb_release(&err);
	return 0;
}

int page_person_alias_post(struct req *rq, struct resp *rs)
{
	struct sb err = SB_INIT;
	int rc = ops_person_alias(&rq->ops, req_form(rq, "alias"), req_form(rq, "canonical"), &err);

	if (rc < 0)
		fail(rq, rs, rc, &err);
	else
		resp_redirect(rs, "/people?changed=%d", rc);
	sb_release(&err);
	return 0;
}

/* ---- contacts ----------------------------------------------------------------- */

int page_contacts(struct req *rq, struct resp *rs)
{
	struct contact_view v;
	struct sb err = SB_INIT, *o = &rs->body;
	enum lang l = rq->lang;
	size_t i;
	int rc = ops_contacts(&rq->ops, &v, &err);

	if (rc < 0) {
		fail(rq, rs, rc, &err);
		goto out;
	}
	html_begin(rq, rs, tr(l, T_CONTACTS));
	sb_addf(o, "<h1>%s</h1>", tr(l, T_CONTACTS));
	if (query_count(rq, "saved") > 0)
		notice(o, tr(l, T_SAVED), -1);
	sb_adds(o, "<section class=\"card\">");
	if (!v.n) {
		sb_addf(o, "<p class=\"muted\">%s</p>", tr(l, T_NONE));
	} else {
		sb_addf(o, "<table class=\"contacts\"><thead><tr><th>%s</th><th>%s</th></tr></thead>"
			   "<tbody>",
			tr(l, T_NAME), tr(l, T_EMAIL));
		for (i = 0; i < v.n; i++) {
			sb_adds(o, "<tr><td>");
			html_text(o, v.items[i].name);
			sb_adds(o, "</td><td>");
			html_text(o, v.items[i].email);
			sb_adds(o, "</td></tr>");
		}
		sb_adds(o, "</tbody></table>");
	}
	sb_addf(o, "<h2>%s</h2><form class=\"stack\" method=\"post\" action=\"/contacts\">",
		tr(l, T_SET_CONTACT));
	html_csrf(rq, o);
	sb_addf(o, "<label for=\"name\">%s</label><input id=\"name\" name=\"name\" required>"
		   "<label for=\"email\">%s</label><input id=\"email\" name=\"email\" type=\"email\""
		   " required><input type=\"submit\" value=\"%s\"></form></section>",
		tr(l, T_NAME), tr(l, T_EMAIL), tr(l, T_SET_CONTACT));
	html_end(rq, rs);
	contact_view_release(&v);
out:
	sb_release(&err);
	return 0;
}

int page_contacts_post(struct req *rq, struct resp *rs)
{
	struct sb err = SB_INIT;
	const char *stored;
	int rc = ops_contact_set(&rq->ops, req_form(rq, "name"), req_form(rq, "email"), &stored,
				 &err);

	if (rc < 0)
		fail(rq, rs, rc, &err);
	else
		resp_redirect(rs, "/contacts?saved=1");
	sb_release(&err);
	return 0;
}

/* ---- reminders ------------------------------------------------------------------ */

static enum tkey outcome_key(enum remind_outcome k)
{
	switch (k) {
	case REMIND_SENT: return T_OUT_SENT;
	case REMIND_WRITTEN: return T_OUT_WRITTEN;
	case REMIND_SKIPPED: return T_OUT_SKIPPED;
	case REMIND_DRY: return T_OUT_DRY;
	case REMIND_FAILED: break;
	}
	return T_OUT_FAILED;
}

static void remind_table(struct req *rq, struct sb *o, const struct remind_view *v)
{
	enum lang l = rq->lang;
	size_t i;

	if (!v->n) {
		sb_addf(o, "<p class=\"muted\">%s</p>", tr(l, T_NONE));
		return;
	}
	sb_addf(o, "<table class=\"reminders\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
		   "<th class=\"num\">%s</th><th>%s</th></tr></thead><tbody>",
		tr(l, T_RECIPIENT), tr(l, T_KIND), tr(l, T_EMAIL), tr(l, T_ITEMS), tr(l, T_OUTCOME));
	for (i = 0; i < v->n; i++) {
		const struct remind_result *x = &v->msgs[i];

		sb_adds(o, "<tr class=\"remind\"><td>");
		html_text(o, x->recipient);
		sb_adds(o, "</td><td>");
		html_text(o, x->kind);
		sb_adds(o, "</td><td>");
		if (x->email)
			html_text(o, x->email);
		else
			sb_addf(o, "<span class=\"badge b-amber\">%s</span>", tr(l, T_NO_ADDRESS));
		sb_addf(o, "</td><td class=\"num\">%zu</td><td>%s", x->nitems,
			tr(l, outcome_key(x->outcome)));
		if (x->error) {
			sb_adds(o, ": ");
			html_text(o, x->error);
		}
		sb_adds(o, "</td></tr>");
	}
	sb_adds(o, "</tbody></table>");
}

int page_reminders(struct req *rq, struct resp *rs)
{
	struct remind_req req = { .dry_run = true, .smtp = rq->cfg->smtp };
	struct remind_view v;
	struct sb err = SB_INIT, *o = &rs->body;
	enum lang l = rq->lang;
	int rc = ops_remind(&rq->ops, &req, &v, &err);

	if (rc < 0) {
		fail(rq, rs, rc, &err);
		goto out;
	}
	html_begin(rq, rs, tr(l, T_REMINDERS));
	sb_addf(o, "<h1>%s</h1><section class=\"card\"><h2>%s (%zu)</h2>", tr(l, T_REMINDERS),
		tr(l, T_REMIND_PREVIEW), v.n);
	remind_table(rq, o, &v);
	if (rq->cfg->mailer) {
		sb_adds(o, "<form method=\"post\" action=\"/reminders/send\">");
		html_csrf(rq, o);
		sb_addf(o, "<input type=\"submit\" value=\"%s\"></form>", tr(l, T_REMIND_SEND));
	} else {
		sb_addf(o, "<p class=\"muted\">%s</p>", tr(l, T_NO_MAILER));
	}
	sb_adds(o, "</section>");
	html_end(rq, rs);
out:
	remind_view_release(&v);
	sb_release(&err);
	return 0;
}

int page_reminders_send(struct req *rq, struct resp *rs)
{
	struct remind_req req = { .smtp = rq->cfg->smtp, .mailer = rq->cfg->mailer };
	struct remind_view v;
	struct sb err = SB_INIT, *o = &rs->body;
	enum lang l = rq->lang;
	int rc = ops_remind(&rq->ops, &req, &v, &err);

	/* A failed delivery still shows what went and what did not. */
	if (rc < 0 && !v.n) {
		fail(rq, rs, rc, &err);
		goto out;
	}
	if (rc < 0)
		rs->status = web_status_of(rc);
	html_begin(rq, rs, tr(l, T_REMIND_RESULT));
	sb_addf(o, "<h1>%s</h1><section class=\"card\">", tr(l, T_REMIND_RESULT));
	if (rc < 0) {
		sb_adds(o, "<p class=\"notice err\">");
		html_text(o, err.buf);
		sb_adds(o, "</p>");
	}
	sb_addf(o, "<p>%s: %zu · %s: %zu · %s: %zu · %s: %zu</p>", tr(l, T_OUT_SENT), v.sent,
		tr(l, T_OUT_WRITTEN), v.written, tr(l, T_OUT_SKIPPED), v.skipped,
		tr(l, T_OUT_FAILED), v.failed);
	remind_table(rq, o, &v);
	sb_addf(o, "<p><a href=\"/reminders\">%s</a></p></section>", tr(l, T_BACK));
	html_end(rq, rs);
out:
	remind_view_release(&v);
	sb_release(&err);
	return 0;
}

/* ---- users (administrator) -------------------------------------------------------- */

static const char *const roles[] = { "admin", "standing", "officer", "leader", "viewer" };

struct user_rows {
	struct req *rq;
	struct sb *o;
};

/* A small form posting to /users/ID/WHAT with one button (and a field). */
static void user_action(struct req *rq, struct sb *o, long long id, const char *what,
			enum tkey label, bool password)
{
	sb_addf(o, "<form class=\"inline\" method=\"post\" action=\"/users/%lld/%s\">", id, what);
	html_csrf(rq, o);
	if (password)
		sb_addf(o, "<input name=\"password\" type=\"password\" autocomplete=\"new-password\""
			   " minlength=\"%d\" required aria-label=\"%s\">",
			OPS_PASSWORD_MIN, tr(rq->lang, T_PASSWORD));
	sb_addf(o, "<button type=\"submit\">%s</button></form>", tr(rq->lang, label));
}

static int user_row(const struct user_rec *u, void *arg)
{
	struct user_rows *ur = arg;
	struct sb *o = ur->o;
	enum lang l = ur->rq->lang;

	sb_addf(o, "<tr id=\"user-%lld\"><td>", u->id);
	html_text(o, u->login);
	sb_adds(o, "</td><td>");
	html_text(o, u->role);
	sb_adds(o, "</td><td>");
	html_text(o, u->agency ? u->agency : u->person);
	sb_addf(o, "</td><td><span class=\"badge b-%s\">%s</span></td><td>",
		u->disabled ? "grey" : "green", tr(l, u->disabled ? T_DISABLED : T_ACTIVE));
	user_action(ur->rq, o, u->id, "password", T_SET_PASSWORD, true);
	user_action(ur->rq, o, u->id, u->disabled ? "enable" : "disable",
		    u->disabled ? T_ENABLE : T_DISABLE, false);
	if (!u->disabled)
		user_action(ur->rq, o, u->id, "token", T_NEW_TOKEN, false);
	user_action(ur->rq, o, u->id, "tokens/revoke", T_REVOKE_TOKENS, false);
	sb_adds(o, "</td></tr>");
	return 0;
}

int page_users(struct req *rq, struct resp *rs)
{
	struct sb err = SB_INIT, rows = SB_INIT, *o = &rs->body;
	struct user_rows ur = { rq, &rows };
	enum lang l = rq->lang;
	long revoked = query_count(rq, "revoked");
	size_t i;
	int rc = ops_user_list(&rq->ops, user_row, &ur, &err);

	if (rc < 0) {
		fail(rq, rs, rc, &err);
		goto out;
	}
	html_begin(rq, rs, tr(l, T_USERS));
	sb_addf(o, "<h1>%s</h1>", tr(l, T_USERS));
	if (query_count(rq, "saved") > 0)
		notice(o, tr(l, T_SAVED), -1);
	if (revoked >= 0)
		notice(o, tr(l, T_REVOKED), revoked);
	sb_addf(o, "<section class=\"card\"><table class=\"users\"><thead><tr><th>%s</th><th>%s"
		   "</th><th>%s</th><th>%s</th><th></th></tr></thead><tbody>",
		tr(l, T_USERNAME), tr(l, T_ROLE), tr(l, T_AGENCY), tr(l, T_STATUS));
	sb_add(o, rows.buf ? rows.buf : "", rows.len);
	sb_addf(o, "</tbody></table></section><section class=\"card\"><h2>%s</h2>"
		   "<form class=\"stack\" method=\"post\" action=\"/users\">",
		tr(l, T_ADD_USER));
	html_csrf(rq, o);
	sb_addf(o, "<label for=\"login\">%s</label><input id=\"login\" name=\"login\" required"
		   " pattern=\"[a-z0-9._\\-]{1,64}\"><label for=\"role\">%s</label>"
		   "<select id=\"role\" name=\"role\">",
		tr(l, T_USERNAME), tr(l, T_ROLE));
	for (i = 0; i < ARRAY_SIZE(roles); i++)
		sb_addf(o, "<option value=\"%s\"%s>%s</option>", roles[i],
			strcmp(roles[i], "viewer") == 0 ? " selected" : "", roles[i]);
	sb_addf(o, "</select><label for=\"agency\">%s</label><input id=\"agency\" name=\"agency\">"
		   "<label for=\"person\">%s</label><input id=\"person\" name=\"person\">"
		   "<label for=\"password\">%s (%s)</label><input id=\"password\" name=\"password\""
		   " type=\"password\" autocomplete=\"new-password\">"
		   "<input type=\"submit\" value=\"%s\"></form></section>",
		tr(l, T_AGENCY), tr(l, T_PERSON), tr(l, T_PASSWORD), tr(l, T_PW_HINT),
		tr(l, T_ADD_USER));
	html_end(rq, rs);
out:
	sb_release(&rows);
	sb_release(&err);
	return 0;
}

/* A page showing a secret once (a generated password, a token). */
static void secret_page(struct req *rq, struct resp *rs, enum tkey title, enum tkey label,
			const char *who, const char *secret)
{
	struct sb *o = &rs->body;
	enum lang l = rq->lang;

	html_begin(rq, rs, tr(l, title));
	sb_addf(o, "<h1>%s</h1><section class=\"card\"><p>", tr(l, title));
	html_text(o, who);
	sb_adds(o, "</p>");
	if (secret) {
		sb_addf(o, "<p>%s <code class=\"secret\">", tr(l, label));
		html_text(o, secret);
		sb_adds(o, "</code></p>");
	}
	sb_addf(o, "<p><a href=\"/users\">%s</a></p></section>", tr(l, T_BACK));
	html_end(rq, rs);
}

int page_users_post(struct req *rq, struct resp *rs)
{
	struct user_new u = { .login = req_form(rq, "login"), .role = req_form(rq, "role"),
			      .agency = field(rq, "agency"), .person = field(rq, "person"),
			      .password = field(rq, "password") };
	char generated[OPS_PASSWORD_GEN_LEN + 1] = "";
	struct sb err = SB_INIT;
	long long id = 0;
	int rc = u.password ? ops_user_add(&rq->ops, &u, &id, &err)
			    : ops_user_add_generated(&rq->ops, &u, &id, generated, &err);

	if (rc < 0)
		fail(rq, rs, rc, &err);
	else
		secret_page(rq, rs, T_USER_ADDED, T_PW_SHOWN, u.login,
			    u.password ? NULL : generated);
	explicit_bzero(generated, sizeof(generated));
	sb_release(&err);
	return 0;
}

int page_user_password_post(struct req *rq, struct resp *rs)
{
	struct sb err = SB_INIT;
	int rc = ops_user_passwd_id(&rq->ops, rq->id, req_form(rq, "password"), &err);

	if (rc < 0)
		fail(rq, rs, rc, &err);
	else
		resp_redirect(rs, "/users?saved=1");
	sb_release(&err);
	return 0;
}

static int set_disabled(struct req *rq, struct resp *rs, bool disabled)
{
	struct sb err = SB_INIT;
	int rc = ops_user_disable_id(&rq->ops, rq->id, disabled, &err);

	if (rc < 0)
		fail(rq, rs, rc, &err);
	else
		resp_redirect(rs, "/users?saved=1");
	sb_release(&err);
	return 0;
}

int page_user_disable_post(struct req *rq, struct resp *rs)
{
	return set_disabled(rq, rs, true);
}

int page_user_enable_post(struct req *rq, struct resp *rs)
{
	return set_disabled(rq, rs, false);
}

int page_user_token_post(struct req *rq, struct resp *rs)
{
	struct sb err = SB_INIT, who = SB_INIT;
	char token[65];
	long long token_id = 0;
	int rc = ops_token_issue(&rq->ops, NULL, rq->id, token, &token_id, &err);

	if (rc < 0) {
		fail(rq, rs, rc, &err);
	} else {
		sb_addf(&who, "#%lld (user %lld)", token_id, rq->id);
		secret_page(rq, rs, T_NEW_TOKEN, T_TOKEN_SHOWN, who.buf, token);
	}
	explicit_bzero(token, sizeof(token));
	sb_release(&who);
	sb_release(&err);
	return 0;
}

int page_user_tokens_revoke_post(struct req *rq, struct resp *rs)
{
	struct sb err = SB_INIT;
	size_t n = 0;
	int rc = ops_token_revoke(&rq->ops, NULL, rq->id, &n, &err);

	if (rc < 0)
		fail(rq, rs, rc, &err);
	else
		resp_redirect(rs, "/users?revoked=%zu", n);
	sb_release(&err);
	return 0;
}
