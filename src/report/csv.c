/*
 * csv.c - the tasks of a tracked plan as CSV: RFC 4180 (CRLF, fields with
 * commas, quotes or line breaks quoted, quotes doubled), UTF-8 with a byte
 * order mark so that Excel shows Vietnamese.
 */
#include "base/compat.h"
#include "report/docs.h"
#include "base/escape.h"
#include "base/sb.h"
#include "track/calendar.h"

static void field(struct sb *out, const char *s, bool last)
{
	escape_csv(out, s, s ? strlen(s) : 0);
	sb_adds(out, last ? "\r\n" : ",");
}

void csv_tasks_write(const struct tracked_plan *tp, struct sb *out)
{
	static const char *const head[] = {
		"TT", "Mã", "Nhóm nhiệm vụ", "Nhiệm vụ", "Lãnh đạo phụ trách",
		"Lãnh đạo kiểm tra đôn đốc", "Cơ quan chủ trì", "Cơ quan phối hợp",
		"Thời gian thực hiện", "Hạn hoàn thành", "Tình trạng", "Mã tình trạng",
		"Số ngày làm việc quá hạn", "Kết quả triển khai thực hiện", "Báo cáo kỳ này", "id"
	};
	struct sb cell = SB_INIT;
	char iso[CAL_ISO_LEN];
	size_t i, j;

	sb_adds(out, "\xEF\xBB\xBF");
	for (j = 0; j < ARRAY_SIZE(head); j++)
		field(out, head[j], j + 1 == ARRAY_SIZE(head));
	for (i = 0; i < tp->ntasks; i++) {
		const struct doc_task *dt = &tp->tasks[i];
		const struct task *t = dt->t;

		sb_reset(&cell);
		sb_addf(&cell, "%zu", i + 1);
		field(out, cell.buf, false);
		field(out, t->ref, false);
		field(out, t->section, false);
		field(out, t->text, false);
		field(out, t->leader, false);
		field(out, t->supervisor, false);
		sb_reset(&cell);
		doc_add_bodies(&cell, &t->lead, &t->lead_groups);
		field(out, cell.buf, false);
		sb_reset(&cell);
		doc_add_bodies(&cell, &t->coordinate, &t->coordinate_groups);
		field(out, cell.buf, false);
		field(out, doc_task_due_text(dt), false);
		field(out, calendar_format_iso(dt->due_end, iso), false);
		field(out, status_bucket_vi(dt->res.bucket), false);
		field(out, status_bucket_key(dt->res.bucket), false);
		sb_reset(&cell);
		sb_addf(&cell, "%ld", dt->res.bucket == STATUS_OVERDUE || dt->res.bucket ==
				STATUS_DONE_LATE ? dt->res.late_days : 0L);
		field(out, cell.buf, false);
		field(out, dt->result, false);
		sb_reset(&cell);
		if (dt->period_state)
			sb_addf(&cell, "%s%s%s", dt->period_state, dt->period_note ? ": " : "",
				dt->period_note ? dt->period_note : "");
		field(out, cell.buf, false);
		sb_reset(&cell);
		sb_addf(&cell, "%lld", t->id);
		field(out, cell.buf, true);
	}
	sb_release(&cell);
}
