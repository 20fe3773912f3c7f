/*
 * ics.c - a calendar feed (RFC 5545) of a tracked plan's deadlines and
 * reporting dates, for one agency, one leader or the whole plan.
 *
 * Every event has a UID built from record ids only ("task-42-due@dondoc",
 * "plan-3-report-2026-H1@dondoc"), so a calendar that subscribes again
 * updates its events instead of doubling them. Lines end in CRLF and are
 * folded at 75 octets without cutting a UTF-8 character; text values escape
 * backslash, semicolon, comma and line breaks.
 */
#include "base/compat.h"
#include "report/docs.h"
#include "base/escape.h"
#include "base/sb.h"
#include "track/calendar.h"

/* Appends one content line, folded. */
static void line(struct sb *out, const char *s)
{
	size_t len = strlen(s), col = 0, i = 0;

	while (i < len) {
		size_t n = 1;

		while (i + n < len && ((unsigned char)s[i + n] & 0xC0) == 0x80)
			n++;
		if (col + n > 75) {
			sb_adds(out, "\r\n ");
			col = 1;
		}
		sb_add(out, s + i, n);
		col += n;
		i += n;
	}
	sb_adds(out, "\r\n");
}

static void add_text(struct sb *out, const char *s)
{
	escape_ics(out, s, s ? strlen(s) : 0);
}

static void add_date(struct sb *out, int day)
{
	int y, m, d;

	if (calendar_to_ymd(day, &y, &m, &d))
		sb_addf(out, "%04d%02d%02d", y, m, d);
}

static void event(struct sb *out, const char *uid, const char *stamp, int day,
		  const char *summary, const char *desc)
{
	struct sb l = SB_INIT;

	line(out, "BEGIN:VEVENT");
	sb_addf(&l, "UID:%s", uid);
	line(out, l.buf);
	sb_reset(&l);
	sb_addf(&l, "DTSTAMP:%s", stamp);
	line(out, l.buf);
	sb_reset(&l);
	sb_adds(&l, "DTSTART;VALUE=DATE:");
	add_date(&l, day);
	line(out, l.buf);
	sb_reset(&l);
	sb_adds(&l, "DTEND;VALUE=DATE:");
	add_date(&l, calendar_add_days(day, 1));
	line(out, l.buf);
	sb_reset(&l);
	sb_adds(&l, "SUMMARY:");
	add_text(&l, summary);
	line(out, l.buf);
	sb_reset(&l);
	sb_adds(&l, "DESCRIPTION:");
	add_text(&l, desc);
	line(out, l.buf);
	line(out, "TRANSP:TRANSPARENT");
	line(out, "END:VEVENT");
	sb_release(&l);
}

void ics_begin(const char *name, struct sb *out)
{
	struct sb l = SB_INIT;

	line(out, "BEGIN:VCALENDAR");
	line(out, "VERSION:2.0");
	line(out, "PRODID:-//dondoc//Documents out//VI");
	line(out, "CALSCALE:GREGORIAN");
	line(out, "METHOD:PUBLISH");
	sb_adds(&l, "X-WR-CALNAME:");
	add_text(&l, name ? name : "Kế hoạch");
	sb_adds(&l, " - hạn nhiệm vụ");
	line(out, l.buf);
	sb_release(&l);
}

void ics_end(struct sb *out)
{
	line(out, "END:VCALENDAR");
}

void ics_write(const struct tracked_plan *tp, const char *stamp, struct sb *out)
{
	ics_begin(tp->agency ? tp->agency : tp->leader, out);
	ics_events(tp, stamp, out);
	ics_end(out);
}

void ics_events(const struct tracked_plan *tp, const char *stamp, struct sb *out)
{
	struct sb uid = SB_INIT, sum = SB_INIT, desc = SB_INIT;
	char pname[PERIOD_NAME_LEN];
	size_t i;

	for (i = 0; i < tp->ntasks; i++) {
		const struct doc_task *dt = &tp->tasks[i];

		if (dt->due_end == CAL_NONE)
			continue;
		sb_reset(&uid);
		sb_reset(&sum);
		sb_reset(&desc);
		sb_addf(&uid, "task-%lld-due@dondoc", dt->t->id);
		sb_addf(&sum, "Hạn: %s%s%s", dt->t->ref ? dt->t->ref : "", dt->t->ref ? ". " : "",
			dt->t->text ? dt->t->text : "");
		sb_addf(&desc, "%s\nThời gian thực hiện: %s\nCơ quan chủ trì: ",
			dt->t->text ? dt->t->text : "", doc_task_due_text(dt));
		doc_add_bodies(&desc, &dt->t->lead, &dt->t->lead_groups);
		sb_addf(&desc, "\nLãnh đạo phụ trách: %s\nTình trạng: %s",
			dt->t->leader ? dt->t->leader : "-", status_bucket_vi(dt->res.bucket));
		event(out, uid.buf, stamp, dt->due_end, sum.buf, desc.buf);
	}
	for (i = 0; i < tp->ndeadlines; i++) {
		const struct doc_deadline *d = &tp->deadlines[i];

		if (d->due == CAL_NONE)
			continue;
		sb_reset(&uid);
		sb_reset(&sum);
		sb_reset(&desc);
		sb_addf(&uid, "plan-%lld-report-%s@dondoc", tp->plan.id,
			period_format(&d->period, pname));
		sb_adds(&sum, "Hạn báo cáo ");
		period_label_vi(&d->period, &sum);
		sb_addf(&desc, "Báo cáo kết quả thực hiện %s, ",
			tp->plan.doc.title ? tp->plan.doc.title : "kế hoạch");
		period_label_vi(&d->period, &desc);
		sb_adds(&desc, " (số liệu từ ");
		calendar_add_vi(&desc, d->period.start);
		sb_adds(&desc, " đến ");
		calendar_add_vi(&desc, d->period.end);
		sb_adds(&desc, ").");
		event(out, uid.buf, stamp, d->due, sum.buf, desc.buf);
	}
	sb_release(&uid);
	sb_release(&sum);
	sb_release(&desc);
}
