/*
 * report_text.c - the terminal renderings: fixed-width tables in display
 * columns (UTF-8 aware), Vietnamese labels, dates as officials write them.
 */
#include "base/compat.h"
#include "report/report.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "ops/views.h"
#include "base/date.h"
#include "track/completeness.h"
#include "track/indicator_eval.h"
#include "track/period.h"
#include "track/remind.h"
#include "track/status.h"

void report_pct(struct sb *out, bool defined, double v)
{
	char buf[32];
	char *dot;

	if (!defined) {
		sb_adds(out, "-");
		return;
	}
	snprintf(buf, sizeof(buf), "%.1f%%", v * 100.0);
	dot = strchr(buf, '.');
	if (dot)
		*dot = ',';
	sb_adds(out, buf);
}

static void add_rate(struct sb *out, const struct status_agg *a, enum status_rate r)
{
	double v;
	bool ok = status_agg_rate(a, r, &v);

	report_pct(out, ok, v);
}

static void add_crate(struct sb *out, const struct completeness_counts *k, bool timeliness)
{
	double v;
	bool ok = timeliness ? completeness_timeliness(k, &v) : completeness_rate(k, &v);

	report_pct(out, ok, v);
}

/* Appends s cut to width display columns and padded to it. */
static void add_cell(struct sb *out, const char *s, size_t width)
{
	struct sb cut = SB_INIT;
	size_t len;

	utf8_truncate(&cut, s, width);
	sb_add(out, cut.buf, cut.len);
	for (len = utf8_length(cut.buf, cut.len); len < width; len++)
		sb_addc(out, ' ');
	sb_release(&cut);
}

/* Appends s right-aligned in width display columns. */
static void add_right(struct sb *out, const char *s, size_t width)
{
	size_t len = utf8_length(s, strlen(s));

	for (; len < width; len++)
		sb_addc(out, ' ');
	sb_adds(out, s);
}

/* ---- status ---------------------------------------------------------------- */

static void agg_line(struct sb *out, const char *label, const struct status_agg *a, size_t width)
{
	sb_adds(out, "  ");
	add_cell(out, label && *label ? label : "(chưa giao)", width);
	sb_addf(out, " %5zu %6zu %5zu %5zu %5zu %5zu %5zu %5zu %5zu %5zu %5zu  ", a->total, a->due,
		a->n[STATUS_DONE_ON_TIME], a->n[STATUS_DONE_LATE],
		a->n[STATUS_ON_TRACK] + a->n[STATUS_DUE_SOON] + a->n[STATUS_NOT_YET_DUE],
		a->n[STATUS_OVERDUE], a->n[STATUS_AWAITING_CONFIRMATION], a->n[STATUS_PAUSED],
		a->n[STATUS_ONGOING_REPORTED], a->n[STATUS_ONGOING_UNREPORTED],
		a->n[STATUS_NO_DEADLINE]);
	add_rate(out, a, RATE_DONE_ON_TIME);
	sb_addc(out, '\n');
}

static void rollup(struct sb *out, const char *title, const struct status_rollup *ru)
{
	static const char *const cols[] = { "tổng", "đến hạn", "HTĐH", "HTQH", "TH", "QH",
					    "CXN",  "TD",      "TX+",  "TX-",  "KTH" };
	size_t i;

	sb_addf(out, "\n%s:\n  %-40s", title, "");
	for (i = 0; i < ARRAY_SIZE(cols); i++) {
		sb_addc(out, ' ');
		add_right(out, cols[i], i == 1 ? 6 : 5);
	}
	sb_adds(out, "  tỷ lệ HTĐH\n");
	for (i = 0; i < status_rollup_count(ru); i++)
		agg_line(out, status_rollup_key(ru, i), status_rollup_agg(ru, i), 40);
}

static void period_span(struct sb *out, const struct period *p)
{
	period_label_vi(p, out);
	sb_adds(out, " (");
	calendar_add_vi(out, p->start);
	sb_adds(out, " - ");
	calendar_add_vi(out, p->end);
	sb_adds(out, ")");
}

void report_status_text(const struct status_view *v, bool with_tasks, struct sb *out)
{
	const struct status_agg *a = &v->total;
	size_t i, len;

	if (!v->w.nplans)
		sb_addf(out, "(no published plan%s: 'dondoc publish PLAN')\n",
			v->w.drafts_seen ? "; the plans stored are drafts" : "");
	sb_adds(out, "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ\nTính đến ngày ");
	calendar_add_vi(out, v->w.today);
	sb_adds(out, "; kỳ báo cáo: ");
	period_span(out, &v->w.period);
	sb_addf(out, "\nPhạm vi: %zu kế hoạch đã ban hành", v->w.nplans);
	if (v->plan_id)
		sb_addf(out, " (kế hoạch %lld)", v->plan_id);
	if (v->agency)
		sb_addf(out, "; cơ quan %s: %s", v->lead_only ? "chủ trì" : "chủ trì hoặc phối hợp",
			v->agency);
	if (v->leader)
		sb_addf(out, "; lãnh đạo phụ trách: %s", v->leader);
	sb_addf(out, "\n\nTổng số nhiệm vụ: %zu, trong đó đã đến hạn: %zu.\n", a->total, a->due);
	for (i = 0; i < STATUS__COUNT; i++) {
		enum status_bucket b = status_bucket_order[i];
		size_t start = out->len;

		sb_addf(out, "  - %s", status_bucket_vi(b));
		for (len = utf8_length(out->buf + start, out->len - start); len < 44; len++)
			sb_addc(out, ' ');
		sb_addf(out, " %5zu\n", a->n[b]);
	}
	sb_adds(out, "Tỷ lệ trên số nhiệm vụ đã đến hạn: hoàn thành đúng hạn ");
	add_rate(out, a, RATE_DONE_ON_TIME);
	sb_adds(out, "; hoàn thành ");
	add_rate(out, a, RATE_DONE);
	sb_adds(out, "; quá hạn ");
	add_rate(out, a, RATE_OVERDUE);
	sb_addf(out, ".\nNhiệm vụ thường xuyên đã báo cáo kỳ này: %zu/%zu (",
		a->n[STATUS_ONGOING_REPORTED], a->ongoing);
	add_rate(out, a, RATE_ONGOING_REPORTED);
	sb_addf(out, "). Bị từ chối xác nhận: %zu; đề nghị điều chỉnh: %zu.\n", a->refused,
		a->change_requested);
	sb_adds(out, "\n(HTĐH hoàn thành đúng hạn, HTQH hoàn thành quá hạn, TH đang thực hiện trong"
		     " hạn (kể cả sắp đến hạn, chưa đến hạn), QH quá hạn, CXN chờ xác nhận, TD tạm"
		     " dừng, TX+/TX- thường xuyên đã/chưa báo cáo kỳ này, KTH không thời hạn)\n");
	rollup(out, "Theo kế hoạch", v->by_plan);
	rollup(out, "Theo cơ quan chủ trì", v->by_agency);
	rollup(out, "Theo lãnh đạo phụ trách", v->by_leader);
	if (!with_tasks)
		return;
	sb_adds(out, "\nNhiệm vụ:\n");
	for (i = 0; i < v->ntasks; i++) {
		const struct task_view *tk = v->tasks[i];

		sb_addf(out, "  %5lld  %-9s  %-26s %s\n", tk->t->id, tk->t->ref ? tk->t->ref : "-",
			status_bucket_key(tk->res.bucket), task_state_vi(tk->res.state));
	}
}

/* ---- completeness -------------------------------------------------------- */

void report_completeness_text(const struct completeness_view *v, struct sb *out)
{
	const struct completeness_counts *tot = &v->total;
	size_t i;

	sb_adds(out, "TÌNH HÌNH GỬI BÁO CÁO ");
	period_span(out, &v->period);
	sb_adds(out, ", tính đến ngày ");
	calendar_add_vi(out, v->today);
	sb_addf(out, "\n%zu/%zu kế hoạch đã ban hành có kỳ báo cáo này.\n", v->nexpecting,
		v->nplans);
	sb_addf(out, "Phải gửi: %zu; đã gửi: %zu; đúng hạn: %zu. Tỷ lệ đầy đủ: ", tot->expected,
		tot->received, tot->on_time);
	add_crate(out, tot, false);
	sb_adds(out, "; tỷ lệ kịp thời: ");
	add_crate(out, tot, true);
	sb_adds(out, ".\n");
	if (tot->unexpected)
		sb_addf(out, "Báo cáo ngoài danh sách phải gửi: %zu.\n", tot->unexpected);
	sb_addf(out, "\n  %-48s %8s %6s %8s  %s\n", "cơ quan", "phải gửi", "đã gửi", "đúng hạn",
		"đầy đủ / kịp thời");
	for (i = 0; i < completeness_agency_count(v->c); i++) {
		struct completeness_counts k1;

		completeness_agency_counts(v->c, i, &k1);
		if (!k1.expected)
			continue;
		sb_adds(out, "  ");
		add_cell(out, completeness_agency(v->c, i), 48);
		sb_addf(out, " %8zu %6zu %8zu  ", k1.expected, k1.received, k1.on_time);
		add_crate(out, &k1, false);
		sb_adds(out, " / ");
		add_crate(out, &k1, true);
		sb_addc(out, '\n');
	}
	sb_addf(out, "\nChưa gửi báo cáo (%zu):\n", v->ngaps);
	for (i = 0; i < v->ngaps; i++) {
		sb_addf(out, "  - %s: hạn ", v->gaps[i].agency);
		calendar_add_vi(out, v->gaps[i].due);
		sb_adds(out, v->gaps[i].overdue ? ", đã quá hạn\n" : ", chưa đến hạn\n");
	}
}

/* ---- indicators ------------------------------------------------------------ */

/* Year by year, under the indicator: period, target, actual, verdict, rule. */
static void add_indicator_periods(const struct indicator_row *r, struct sb *out)
{
	const struct target *b = r->ind->baseline;
	size_t j;

	/* The past figure the path starts from, first, as the table prints it. */
	if (r->nby_period && b && b->has_value)
		sb_addf(out, "            %-10s %14s %14g  mức cơ sở%s%s\n", b->period ? b->period : "-",
			"-", b->value, b->period ? " năm " : "", b->period ? b->period : "");
	for (j = 0; j < r->nby_period; j++) {
		const struct indicator_period_row *p = &r->by_period[j];
		const struct indicator_course_result *g = &p->judged;
		struct sb tv = SB_INIT, av = SB_INIT;

		if (g->has_target) {
			sb_addf(&tv, "%s %g", target_op_str(g->op), g->value);
			if (g->op == OP_RANGE)
				sb_addf(&tv, "-%g", g->max);
		} else {
			sb_adds(&tv, "-");
		}
		if (p->has_actual)
			sb_addf(&av, "%g", p->actual);
		else
			sb_adds(&av, "-");
		sb_addf(out, "            %-10s %14s %14s  %s\n", p->period, tv.buf, av.buf,
			g->rule ? g->rule : "");
		sb_release(&tv);
		sb_release(&av);
	}
}

void report_indicators_text(const struct indicator_view *v, struct sb *out)
{
	size_t i;

	sb_addf(out, "  id  plan  %-44s %14s %14s  %-9s %s\n", "chỉ tiêu", "mục tiêu", "thực hiện",
		"kỳ", "đánh giá");
	for (i = 0; i < v->nrows; i++) {
		const struct indicator_row *r = &v->rows[i];
		const struct indicator *ind = r->ind;
		struct sb name = SB_INIT, tv = SB_INIT, av = SB_INIT;

		add_cell(&name, ind->name ? ind->name : "", 44);
		if (ind->target && ind->target->has_value)
			sb_addf(&tv, "%s %g", target_op_str(ind->target->op), ind->target->value);
		else
			sb_adds(&tv, "-");
		if (r->has_actual)
			sb_addf(&av, "%g", r->actual);
		else
			sb_adds(&av, "-");
		sb_addf(out, "%5lld %4lld  %s %14s %14s  %-9s %s\n", ind->id, r->plan->id, name.buf,
			tv.buf, av.buf, r->has_actual ? r->period : "-",
			r->has_actual ? indicator_verdict_vi((enum indicator_verdict)r->verdict)
				      : "chưa báo cáo");
		sb_release(&name);
		sb_release(&tv);
		sb_release(&av);
		add_indicator_periods(r, out);
	}
}

/* ---- lists -------------------------------------------------------------------- */

void report_plans_text(const struct plan_list_view *v, struct sb *out)
{
	size_t i;

	sb_adds(out, "  id  status     tasks        indicators      number          title\n");
	for (i = 0; i < v->nplans; i++) {
		const struct plan_meta *m = &v->plans[i];
		struct sb title = SB_INIT;

		utf8_truncate(&title, m->title ? m->title : "", 70);
		sb_addf(out, "%4lld  %-9s  %4zu tasks  %3zu indicators  %-14s  %s\n", m->id,
			plan_status_key(m->status), m->ntasks, m->nindicators,
			m->number ? m->number : "-", title.buf);
		sb_release(&title);
	}
	if (!v->nplans)
		sb_adds(out, "(no plans yet: 'dondoc import FILE')\n");
}

static void join_list(struct sb *out, const struct strlist *a, const struct strlist *b)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		sb_addf(out, "%s%s", out->len ? "; " : "", a->v[i]);
	for (i = 0; i < b->n; i++)
		sb_addf(out, "%s%s", out->len ? "; " : "", b->v[i]);
}

void report_tasks_text(const struct task_list_view *v, struct sb *out)
{
	size_t i;

	sb_adds(out, "   id  plan  ref        due           lead | task\n");
	for (i = 0; i < v->n; i++) {
		const struct task *t = v->items[i].t;
		struct sb lead = SB_INIT, text = SB_INIT, lead_cut = SB_INIT;
		const char *due = "-";

		join_list(&lead, &t->lead, &t->lead_groups);
		utf8_truncate(&lead_cut, lead.len ? lead.buf : "-", 40);
		utf8_truncate(&text, t->text ? t->text : "", 60);
		if (t->due && t->due->end[0])
			due = t->due->end;
		else if (t->due && t->due->recurring)
			due = "thường xuyên";
		sb_addf(out, "%5lld  %4lld  %-9s  %-12s  %s | %s", t->id, v->items[i].plan->id,
			t->ref ? t->ref : "-", due, lead_cut.buf, text.buf);
		/* A tracker's status as imported, apart from the text: not a report. */
		if (t->state)
			sb_addf(out, " [imported: %s]", t->state);
		sb_addc(out, '\n');
		sb_release(&lead);
		sb_release(&lead_cut);
		sb_release(&text);
	}
	sb_addf(out, "(%zu tasks)\n", v->n);
}

void report_history_text(const struct history_view *v, struct sb *out)
{
	size_t i;

	sb_addf(out, "task %lld, plan %lld (%s, version %d)\nchanges:\n", v->task_id, v->plan_id,
		v->plan_status, v->plan_version);
	for (i = 0; i < v->nchanges; i++) {
		const struct change_item *c = &v->changes[i];

		sb_addf(out, "  %s  %-10s  v%d  %s: '%s' -> '%s'  (%s)\n", c->at, c->actor,
			c->plan_version, c->field, c->old_value ? c->old_value : "",
			c->new_value ? c->new_value : "", c->reason ? c->reason : "");
	}
	if (!v->nchanges)
		sb_adds(out, "  (none)\n");
	sb_adds(out, "reports:\n");
	for (i = 0; i < v->nreports; i++) {
		const struct history_report *r = &v->reports[i];

		sb_addf(out, "  report %lld  %s  %-10s %s (%s)  %s", r->id,
			r->filed_on ? r->filed_on : "-", r->state, r->agency, r->role,
			r->period ? r->period : "");
		if (r->completion_date)
			sb_addf(out, "  done %s", r->completion_date);
		if (r->has_value)
			sb_addf(out, "  value %g", r->value);
		if (r->replaces_id)
			sb_addf(out, "  corrects %lld", r->replaces_id);
		if (r->replaced)
			sb_adds(out, "  [corrected later]");
		if (r->decision)
			sb_addf(out, "  [%s %s%s%s]", r->decision, r->decided_on,
				r->decision_reason ? ": " : "",
				r->decision_reason ? r->decision_reason : "");
		if (r->nevidence)
			sb_addf(out, "  evidence: %zu file(s)", r->nevidence);
		if (r->note)
			sb_addf(out, "\n      %s", r->note);
		sb_addc(out, '\n');
	}
	if (!v->nreports)
		sb_adds(out, "  (none)\n");
}

void report_contacts_text(const struct contact_view *v, struct sb *out)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		sb_addf(out, "  %-50s %s\n", v->items[i].name, v->items[i].email);
	if (!v->n)
		sb_adds(out, "(no contacts: 'dondoc contacts set AGENCY EMAIL')\n");
}

void report_remind_text(const struct remind_view *v, const char *outbox, bool dry_run,
			struct sb *out)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		const struct remind_result *m = &v->msgs[i];

		switch (m->outcome) {
		case REMIND_SKIPPED:
			sb_addf(out, "already sent today  %-8s %s (%zu tasks)\n", m->kind,
				m->recipient, m->nitems);
			break;
		case REMIND_DRY:
			sb_addf(out, "would send  %-8s %s <%s> (%zu tasks)\n%s\n", m->kind,
				m->recipient, m->email ? m->email : "no address", m->nitems, m->body);
			break;
		case REMIND_SENT:
			sb_addf(out, "sent  %-8s %s <%s> (%zu tasks)\n", m->kind, m->recipient,
				m->email, m->nitems);
			break;
		case REMIND_WRITTEN:
			sb_addf(out, "wrote %-8s %s (%zu tasks): %s%s\n", m->kind, m->recipient,
				m->nitems, m->where ? m->where : "",
				!v->smtp || m->email ? "" : " [no address: 'dondoc contacts set NAME EMAIL']");
			break;
		case REMIND_FAILED:
			break;
		}
	}
	sb_addf(out, "%zu messages: %zu sent by SMTP, %zu written to %s, %zu already sent today%s\n",
		v->n, v->sent, v->written, outbox, v->skipped,
		dry_run ? " (dry run: nothing sent)" : "");
}
