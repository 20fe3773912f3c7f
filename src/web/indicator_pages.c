/*
 * indicator_pages.c - a plan's indicators year by year: GET
 * /plans/{id}/indicators (per indicator a table of period × target / actual
 * / on course with the rule, and the inline SVG chart of
 * report/svg_chart.c), POST /indicators/{id}/value (an officer files a value
 * for a period) and GET /api/v1/plans/{id}/indicators (indicators/1).
 *
 * Every one calls one operation: ops_indicators (which keeps to what the
 * actor may see: an officer its agency's indicators, a leader those in his
 * or her charge) or ops_report.
 */
#include "base/compat.h"
#include "web/web_int.h"
#include "base/err.h"
#include "model/plan.h"
#include "ops/views.h"
#include "report/report.h"
#include "track/indicator_eval.h"

#include <errno.h>
#include <math.h>

static const char *course_label(enum lang lg, enum indicator_course c)
{
	switch (c) {
	case COURSE_AHEAD: return tr(lg, T_COURSE_AHEAD);
	case COURSE_ON_COURSE: return tr(lg, T_COURSE_ON);
	case COURSE_BEHIND: return tr(lg, T_COURSE_BEHIND);
	case COURSE_NO_REPORT: return tr(lg, T_COURSE_NO_REPORT);
	case COURSE_NO_TARGET: break;
	}
	return tr(lg, T_COURSE_NO_TARGET);
}

/* A number with a decimal comma, up to 4 decimals. */
static void add_num(struct sb *o, double v)
{
	sb_add_decimal_vi(o, v, 4);
}

static void add_target(struct sb *o, const struct indicator_course_result *g)
{
	static const char *const ops[] = { [OP_EQ] = "", [OP_GE] = "≥", [OP_GT] = ">",
					   [OP_LE] = "≤", [OP_LT] = "<", [OP_APPROX] = "~",
					   [OP_RANGE] = "" };

	if (!g->has_target) {
		sb_adds(o, "–");
		return;
	}
	html_text(o, (size_t)g->op < ARRAY_SIZE(ops) ? ops[g->op] : "");
	add_num(o, g->value);
	if (g->op == OP_RANGE) {
		sb_adds(o, "–");
		add_num(o, g->max);
	}
}

static void value_form(struct req *rq, struct sb *o, const struct indicator_row *r)
{
	enum lang lg = rq->lang;
	long long id = r->ind->id;

	sb_addf(o, "<form class=\"inline\" method=\"post\" action=\"/indicators/%lld/value\">",
		id);
	html_csrf(rq, o);
	sb_addf(o, "<input type=\"hidden\" name=\"plan\" value=\"%lld\">"
		   "<label for=\"period-%lld\">%s</label><input id=\"period-%lld\" name=\"period\""
		   " required placeholder=\"2026, 2026-H1, 2026-Q3\">"
		   "<label for=\"value-%lld\">%s</label><input id=\"value-%lld\" name=\"value\""
		   " required inputmode=\"decimal\">"
		   "<label for=\"note-%lld\">%s</label><input id=\"note-%lld\" name=\"note\">"
		   "<input type=\"submit\" value=\"%s\"></form>",
		r->plan->id, id, tr(lg, T_PERIOD), id, id, tr(lg, T_VALUE), id, id, tr(lg, T_NOTE),
		id, tr(lg, T_IND_FILE));
}

static void indicator_card(struct req *rq, struct sb *o, const struct indicator_row *r)
{
	const struct indicator *ind = r->ind;
	const struct indicator_chart_labels lb = { tr(rq->lang, T_IND_TARGET),
						   tr(rq->lang, T_IND_ACTUAL),
						   tr(rq->lang, T_IND_BASELINE),
						   tr(rq->lang, T_IND_NO_DATA) };
	enum lang lg = rq->lang;
	struct sb rule = SB_INIT;
	size_t j;

	sb_addf(o, "<section class=\"card indicator\" id=\"indicator-%lld\"><h2>", ind->id);
	if (ind->ref) {
		html_text(o, ind->ref);
		sb_adds(o, ". ");
	}
	html_text(o, ind->name);
	if (ind->unit) {
		sb_adds(o, " (");
		html_text(o, ind->unit);
		sb_adds(o, ")");
	}
	sb_adds(o, "</h2>");
	if (ind->baseline && ind->baseline->has_value) {
		sb_addf(o, "<p class=\"baseline\">%s", tr(lg, T_IND_BASELINE));
		if (ind->baseline->period) {
			sb_adds(o, " ");
			html_text(o, ind->baseline->period);
		}
		sb_adds(o, ": ");
		add_num(o, ind->baseline->value);
		sb_adds(o, "</p>");
	}
	if (!r->nby_period) {
		sb_addf(o, "<p class=\"muted\">%s</p>", tr(lg, T_IND_NO_DATA));
	} else {
		sb_addf(o, "<table class=\"years\"><thead><tr><th scope=\"col\">%s</th>"
			   "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			   "<th scope=\"col\">%s</th></tr></thead><tbody>",
			tr(lg, T_PERIOD), tr(lg, T_IND_TARGET), tr(lg, T_IND_ACTUAL),
			tr(lg, T_IND_COURSE), tr(lg, T_IND_RULE));
		for (j = 0; j < r->nby_period; j++) {
			const struct indicator_period_row *p = &r->by_period[j];

			sb_adds(o, "<tr><th scope=\"row\">");
			html_text(o, p->period);
			sb_adds(o, "</th><td class=\"num\">");
			add_target(o, &p->judged);
			sb_adds(o, "</td><td class=\"num\">");
			if (p->has_actual && isfinite(p->actual))
				add_num(o, p->actual);
			else
				sb_adds(o, "–");
			sb_addf(o, "</td><td class=\"course course-%s\">",
				indicator_course_key(p->judged.course));
			html_text(o, course_label(lg, p->judged.course));
			sb_adds(o, "</td><td class=\"rule\">");
			sb_reset(&rule);
			indicator_rule_render(&p->judged,
					      lg == LANG_EN ? INDICATOR_EN : INDICATOR_VI, &rule);
			html_text(o, rule.len ? rule.buf : "");
			sb_adds(o, "</td></tr>");
		}
		sb_adds(o, "</tbody></table>");
		sb_adds(o, "<figure class=\"chart\">");
		report_indicator_svg(r, &lb, o);
		sb_adds(o, "</figure>");
	}
	if (rq->who.actor.role == ROLE_OFFICER)
		value_form(rq, o, r);
	sb_adds(o, "</section>");
	sb_release(&rule);
}

static int load(struct req *rq, struct indicator_view *v, struct sb *err)
{
	int rc = ops_indicators(&rq->ops, NULL, rq->id, NULL, v, err);

	/* A plan that is not tracked (a draft) has no indicator page. */
	if (rc == -ERR_INPUT)
		rc = -ERR_NOTFOUND;
	return rc;
}

int page_indicators(struct req *rq, struct resp *rs)
{
	struct indicator_view v = { 0 };
	struct sb err = SB_INIT, *o = &rs->body;
	enum lang lg = rq->lang;
	const struct plan *pl;
	size_t i;
	int rc;

	if ((rc = load(rq, &v, &err)) < 0) {
		html_error(rq, rs, web_status_of(rc),
			   rc == -ERR_NOTFOUND || rc == -ERR_DENIED ? err.buf : NULL);
		goto out;
	}
	pl = v.w.nplans ? &v.w.plans[0] : NULL;
	html_begin(rq, rs, tr(lg, T_INDICATORS));
	sb_addf(o, "<h1>%s</h1><p><a href=\"/plans/%lld\">", tr(lg, T_INDICATORS), rq->id);
	if (pl && pl->doc.number) {
		html_text(o, pl->doc.number);
		sb_adds(o, " — ");
	}
	html_text(o, pl && pl->doc.title ? pl->doc.title : tr(lg, T_PLAN));
	sb_adds(o, "</a></p>");
	if (req_query(rq, "ok"))
		sb_addf(o, "<p class=\"notice ok\">%s</p>", tr(lg, T_SAVED));
	if (!v.nrows)
		sb_addf(o, "<p class=\"muted\">%s</p>", tr(lg, T_IND_NONE));
	for (i = 0; i < v.nrows; i++)
		indicator_card(rq, o, &v.rows[i]);
	html_end(rq, rs);
out:
	indicator_view_release(&v);
	sb_release(&err);
	return 0;
}

int page_indicator_value_post(struct req *rq, struct resp *rs)
{
	struct report_req r = { 0 };
	struct sb err = SB_INIT;
	const char *plan = req_form(rq, "plan");
	long long plan_id = 0;
	char *end = NULL;
	int rc;

	if (plan) {
		errno = 0;
		plan_id = strtoll(plan, &end, 10);
		if (errno || !end || *end || plan_id < 0)
			plan_id = 0;
	}
	r.indicator_id = rq->id;
	r.note = req_form(rq, "note");
	r.value = req_form(rq, "value");
	r.period = req_form(rq, "period");
	if ((rc = web_report(rq, &r, &err)) < 0)
		html_error(rq, rs, web_status_of(rc),
			   rc == -ERR_NOTFOUND || rc == -ERR_DENIED || rc == -ERR_INPUT ||
					   rc == -ERR_USAGE
				   ? err.buf
				   : NULL);
	else if (plan_id > 0)
		resp_redirect(rs, "/plans/%lld/indicators?ok=1#indicator-%lld", plan_id, rq->id);
	else
		resp_redirect(rs, "/plans?ok=1");
	sb_release(&err);
	return 0;
}

int api_plan_indicators(struct req *rq, struct resp *rs)
{
	struct indicator_view v = { 0 };
	struct sb err = SB_INIT;
	int rc;

	if ((rc = load(rq, &v, &err)) < 0) {
		int status = web_status_of(rc);

		api_problem(rq, rs, status, status == 500 ? NULL : err.buf);
	} else {
		rs->status = 200;
		rs->type = "application/json";
		report_indicators_json(&v, &rs->body);
	}
	indicator_view_release(&v);
	sb_release(&err);
	return 0;
}
