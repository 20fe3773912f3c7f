/*
 * html.c - the parts every page shares: the frame (head, top bar, language
 * switch, logout form), error pages, status badges and the bucket chart
 * drawn as inline SVG. Every text goes through escape_html (base/escape.h).
 */
#include "base/compat.h"
#include "web/web_int.h"
#include "base/escape.h"
#include "report/report.h"
#include "track/status.h"

void html_text(struct sb *out, const char *s)
{
	escape_html_attr(out, s, s ? strlen(s) : 0);
}

void url_encode(struct sb *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			sb_addc(out, (char)c);
		} else {
			sb_addc(out, '%');
			sb_addc(out, hex[c >> 4]);
			sb_addc(out, hex[c & 15]);
		}
	}
}

void html_csrf(struct req *rq, struct sb *out)
{
	sb_adds(out, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(out, rq->who.csrf);
	sb_adds(out, "\">");
}

void html_begin(struct req *rq, struct resp *rs, const char *title)
{
	struct sb *o = &rs->body;
	enum lang l = rq->lang;

	sb_addf(o, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		   "<title>", l == LANG_EN ? "en" : "vi");
	html_text(o, title);
	sb_adds(o, " · dondoc</title>");
	if (rs->refresh > 0)
		sb_addf(o, "<meta http-equiv=\"refresh\" content=\"%d\">", rs->refresh);
	sb_adds(o, "<link rel=\"stylesheet\" href=\"/static/style.css\">"
		   "<link rel=\"icon\" href=\"/static/logo.svg\"></head><body>"
		   "<header class=\"top\"><a class=\"brand\" href=\"/\"><img src=\"/static/logo.svg\""
		   " alt=\"\" width=\"24\" height=\"24\">dondoc</a><nav>");
	if (rq->authed) {
		sb_addf(o, "<a href=\"/\">%s</a><a href=\"/plans\">%s</a>", tr(l, T_HOME),
			tr(l, T_PLANS));
		html_admin_nav(rq, o);
		/* The roles that may import (ops.c decides). */
		if (ops_allowed(&rq->ops, OPS_IMPORT, NULL) == 0)
			sb_addf(o, "<a href=\"/imports\">%s</a>", tr(l, T_IMPORT));
	}
	sb_adds(o, "</nav>");
	if (rq->authed) {
		sb_adds(o, "<span class=\"who\">");
		html_text(o, rq->who.login);
		sb_addf(o, " · %s", role_name(rq->who.actor.role));
		if (rq->who.agency || rq->who.person) {
			sb_adds(o, " · ");
			html_text(o, rq->who.agency ? rq->who.agency : rq->who.person);
		}
		sb_adds(o, "</span>");
	}
	sb_addf(o, "<a class=\"lang\" href=\"/lang?to=%s&amp;back=", l == LANG_EN ? "vi" : "en");
	url_encode(o, rq->path);
	sb_addf(o, "\">%s</a>", tr(l, T_SWITCH_LANG));
	if (rq->authed) {
		sb_adds(o, "<form method=\"post\" action=\"/logout\">");
		html_csrf(rq, o);
		sb_addf(o, "<button type=\"submit\">%s</button></form>", tr(l, T_LOGOUT));
	}
	sb_adds(o, "</header><main>");
}

void html_end(struct req *rq, struct resp *rs)
{
	sb_adds(&rs->body, "</main></body></html>\n");
}

int html_error(struct req *rq, struct resp *rs, int status, const char *detail)
{
	enum tkey k = status == 404 ? T_NOT_FOUND : status == 403 ? T_FORBIDDEN : T_ERROR;

	sb_reset(&rs->body);
	rs->status = status;
	rs->type = NULL;
	html_begin(rq, rs, tr(rq->lang, k));
	sb_addf(&rs->body, "<h1>%d · %s</h1>", status, tr(rq->lang, k));
	if (detail) {
		sb_adds(&rs->body, "<p class=\"notice err\">");
		html_text(&rs->body, detail);
		sb_adds(&rs->body, "</p>");
	}
	sb_addf(&rs->body, "<p><a href=\"/\">%s</a></p>", tr(rq->lang, T_HOME));
	html_end(rq, rs);
	return 0;
}

static const char *bucket_label(struct req *rq, int b)
{
	return rq->lang == LANG_EN ? status_bucket_en((enum status_bucket)b)
				   : status_bucket_vi((enum status_bucket)b);
}

void html_bucket_badge(struct req *rq, struct sb *out, int bucket)
{
	sb_adds(out, "<span class=\"badge b-");
	html_text(out, status_bucket_colour((enum status_bucket)bucket));
	sb_adds(out, "\">");
	html_text(out, bucket_label(rq, bucket));
	sb_adds(out, "</span>");
}

void html_bucket_labels(struct req *rq, struct bucket_chart_labels *lb, const char *title,
			enum tkey more)
{
	int b;

	memset(lb, 0, sizeof(*lb));
	lb->title = title;
	for (b = 0; b < STATUS__COUNT; b++)
		lb->bucket[b] = bucket_label(rq, b);
	lb->none = tr(rq->lang, T_NONE);
	lb->more_pre = tr(rq->lang, T_MORE_PRE);
	lb->more_post = tr(rq->lang, more);
}

/* The drawing is report_bucket_svg's (src/report/svg_bars.c). */
void html_bucket_chart(struct req *rq, struct sb *out, const size_t counts[], const char *title)
{
	struct bucket_chart_labels lb;

	html_bucket_labels(rq, &lb, title, T_MORE_ROWS);
	report_bucket_svg(counts, &lb, out);
}
