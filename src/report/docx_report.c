/*
 * docx_report.c - the report as a Word document, in the layout of Decree
 * 30/2020/NĐ-CP: issuing body and national motto side by side in a
 * borderless table with short rules under them, number and symbol (a blank
 * for the clerk when not given), place and date in italics, "BÁO CÁO" and the
 * summary with a rule, the body in five parts, recipients and signature.
 * Times New Roman 14 pt (tables 12 pt), A4, margins top and bottom 22 mm,
 * left 33 mm, right 18 mm, page numbers centred at the top from page 2.
 *
 * The package's XML parts are templates kept in src/report/templates/docx/
 * and embedded by scripts/gen-templates (build/gen/templates.h); {{NAME}}
 * slots are filled here. Every text that comes from the record goes through
 * escape_xml(), so markup in an imported document prints as text.
 */
#include "base/compat.h"
#include "report/docs.h"
#include "base/err.h"
#include "base/escape.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "track/calendar.h"

#include <errno.h>
#include <math.h>
#include <utf8proc.h>
#include <zip.h>

#include "templates.h"

struct var {
	const char *name;
	const char *xml; /* already escaped */
};

/* Copies tpl (NUL-terminated, len bytes) to out with each {{NAME}} of vars
 * replaced; unknown slots are kept as they are, so a typo shows in the
 * document instead of vanishing. */
static void expand(struct sb *out, const char *tpl, size_t len, const struct var *vars)
{
	const char *end = tpl + len, *p = tpl;

	while (p < end) {
		const char *open = strstr(p, "{{"), *close;
		const struct var *v;

		if (!open)
			break;
		close = strstr(open, "}}");
		if (!close)
			break;
		sb_add(out, p, (size_t)(open - p));
		for (v = vars; v->name; v++)
			if (strlen(v->name) == (size_t)(close - open - 2) &&
			    memcmp(v->name, open + 2, (size_t)(close - open - 2)) == 0)
				break;
		if (v->name)
			sb_adds(out, v->xml);
		else
			sb_add(out, open, (size_t)(close + 2 - open));
		p = close + 2;
	}
	sb_add(out, p, (size_t)(end - p));
}

/* Upper case as Vietnamese headers print bodies ("SỞ TÀI CHÍNH"). */
static void add_upper(struct sb *out, const char *s)
{
	size_t i = 0, len = strlen(s);
	int32_t cp;

	while (i < len) {
		utf8proc_uint8_t buf[4];
		utf8proc_ssize_t n;

		i += utf8_next(s, len, i, &cp, 0xFFFD);
		n = utf8proc_encode_char(utf8proc_toupper(cp), buf);
		sb_add(out, buf, (size_t)n);
	}
}

/* ---- WordprocessingML pieces -------------------------------------------- */

/* Text into a part, escaped (base/escape.h); NULL writes nothing. */
static void xml_text(struct sb *x, const char *s)
{
	escape_xml(x, s, s ? strlen(s) : 0);
}

static void para(struct sb *x, const char *style, const char *rpr, const char *text)
{
	sb_addf(x, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/></w:pPr><w:r>", style);
	if (rpr && *rpr)
		sb_addf(x, "<w:rPr>%s</w:rPr>", rpr);
	sb_adds(x, "<w:t xml:space=\"preserve\">");
	xml_text(x, text);
	sb_adds(x, "</w:t></w:r></w:p>\n");
}

/* A body paragraph opening with a bold lead ("- Sở Tài chính: ") then text. */
static void para_lead(struct sb *x, const char *lead, const char *text)
{
	sb_adds(x, "<w:p><w:pPr><w:pStyle w:val=\"Body\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>"
		   "<w:t xml:space=\"preserve\">");
	xml_text(x, lead);
	sb_adds(x, "</w:t></w:r><w:r><w:t xml:space=\"preserve\">");
	xml_text(x, text);
	sb_adds(x, "</w:t></w:r></w:p>\n");
}

/* A short centred rule: an empty paragraph whose top border is drawn under
 * the line above, indent twips in from each side of the cell or page. */
static void rule(struct sb *x, int indent)
{
	sb_addf(x, "<w:p><w:pPr><w:pStyle w:val=\"Center\"/><w:pBdr><w:top w:val=\"single\""
		   " w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr><w:spacing w:before=\"60\"/>"
		   "<w:ind w:left=\"%d\""
		   " w:right=\"%d\"/><w:rPr><w:sz w:val=\"8\"/></w:rPr></w:pPr></w:p>\n",
		indent, indent);
}

struct table {
	const int *widths; /* twips, summing to the text width 9014 */
	const bool *centre; /* per column: centre the body cells */
	size_t ncols;
};

static void table_begin(struct sb *x, const struct table *t, const char *const *head)
{
	size_t i;

	sb_adds(x, "<w:tbl><w:tblPr><w:tblStyle w:val=\"Grid\"/><w:tblW w:w=\"9014\""
		   " w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0000\"/>"
		   "</w:tblPr><w:tblGrid>");
	for (i = 0; i < t->ncols; i++)
		sb_addf(x, "<w:gridCol w:w=\"%d\"/>", t->widths[i]);
	sb_adds(x, "</w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
	for (i = 0; i < t->ncols; i++) {
		sb_addf(x, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/><w:vAlign"
			   " w:val=\"center\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"CellHead\"/>"
			   "</w:pPr><w:r><w:t xml:space=\"preserve\">", t->widths[i]);
		xml_text(x, head[i]);
		sb_adds(x, "</w:t></w:r></w:p></w:tc>");
	}
	sb_adds(x, "</w:tr>\n");
}

/* One row; bold for total and group rows. */
static void table_row(struct sb *x, const struct table *t, const char *const *cells, bool bold)
{
	size_t i;

	sb_adds(x, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
	for (i = 0; i < t->ncols; i++) {
		sb_addf(x, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr>"
			   "<w:pStyle w:val=\"Cell\"/>%s</w:pPr><w:r>%s<w:t xml:space=\"preserve\">",
			t->widths[i], t->centre[i] ? "<w:jc w:val=\"center\"/>" : "",
			bold ? "<w:rPr><w:b/></w:rPr>" : "");
		xml_text(x, cells[i] ? cells[i] : "");
		sb_adds(x, "</w:t></w:r></w:p></w:tc>");
	}
	sb_adds(x, "</w:tr>\n");
}

static void table_end(struct sb *x)
{
	/* Word needs a paragraph between a table and what follows. */
	sb_adds(x, "</w:tbl><w:p><w:pPr><w:pStyle w:val=\"Cell\"/></w:pPr></w:p>\n");
}

/* ---- numbers as a Vietnamese report prints them ------------------------- */

static void add_pct(struct sb *s, const struct status_agg *a, enum status_rate r)
{
	char buf[32], *dot;
	double v;

	if (!status_agg_rate(a, r, &v)) {
		sb_adds(s, "-");
		return;
	}
	snprintf(buf, sizeof(buf), "%.1f%%", v * 100.0);
	if ((dot = strchr(buf, '.')))
		*dot = ',';
	sb_adds(s, buf);
}

/* Share of the tasks fallen due, for a bucket ("-" when none is due). */
static void add_share(struct sb *s, size_t n, size_t due)
{
	char buf[32], *dot;

	if (!due) {
		sb_adds(s, "-");
		return;
	}
	snprintf(buf, sizeof(buf), "%.1f%%", 100.0 * (double)n / (double)due);
	if ((dot = strchr(buf, '.')))
		*dot = ',';
	sb_adds(s, buf);
}

/* A number with the Vietnamese thousands dot and decimal comma. */
static void add_number(struct sb *s, double v)
{
	char buf[64], *p;
	size_t i, digits;

	snprintf(buf, sizeof(buf), "%.10g", v);
	p = buf;
	if (*p == '-')
		sb_addc(s, *p++);
	for (digits = 0; p[digits] >= '0' && p[digits] <= '9'; digits++)
		;
	for (i = 0; i < digits; i++) {
		if (i && (digits - i) % 3 == 0)
			sb_addc(s, '.');
		sb_addc(s, p[i]);
	}
	p += digits;
	if (*p == '.') {
		sb_addc(s, ',');
		sb_adds(s, p + 1);
	} else
		sb_adds(s, p);
}

/* ---- the parts of the document ------------------------------------------ */

/* "Lào Cai" from "UBND tỉnh Lào Cai", else the plan's place, else "". */
static void add_province(struct sb *out, const struct plan *p)
{
	const char *iss = p->doc.issuer, *t;

	if (iss && (t = strstr(iss, "tỉnh ")) != NULL)
		sb_adds(out, t + strlen("tỉnh "));
	else if (iss && (t = strstr(iss, "Tỉnh ")) != NULL)
		sb_adds(out, t + strlen("Tỉnh "));
	else if (p->doc.place)
		sb_adds(out, p->doc.place);
}

static bool is_committee(const char *name)
{
	char *k = vi_fold_dup(name ? name : "", VI_FOLD_PUNCT);
	bool yes = strncmp(k, "ubnd", 4) == 0 || strncmp(k, "uy ban nhan dan", 15) == 0;

	free(k);
	return yes;
}

/* The issuing body block: the body above it (not bold) and the body. */
static void issuer_block(struct sb *x, const struct tracked_plan *tp, const char *province)
{
	struct sb s = SB_INIT;

	if (tp->agency) {
		sb_adds(&s, "UBND TỈNH ");
		add_upper(&s, province);
		para(x, "Center", "<w:sz w:val=\"26\"/>", s.buf);
		sb_reset(&s);
		add_upper(&s, tp->agency);
	} else if (is_committee(tp->plan.doc.issuer)) {
		para(x, "Center", "<w:b/><w:sz w:val=\"26\"/>", "ỦY BAN NHÂN DÂN");
		sb_adds(&s, "TỈNH ");
		add_upper(&s, province);
	} else
		add_upper(&s, tp->plan.doc.issuer ? tp->plan.doc.issuer : "");
	para(x, "Center", "<w:b/><w:sz w:val=\"26\"/>", s.buf);
	rule(x, 1000);
	sb_release(&s);
}

/* The symbol's issuer part: "UBND", or the initials of the body
 * ("Sở Văn hóa, Thể thao và Du lịch" -> "SVHTTDL"). */
static void add_symbol(struct sb *out, const char *issuer)
{
	char *k, *w, *save = NULL;

	if (!issuer || is_committee(issuer)) {
		sb_adds(out, "UBND");
		return;
	}
	k = vi_fold_dup(issuer, VI_FOLD_PUNCT);
	for (w = strtok_r(k, " ,.-", &save); w; w = strtok_r(NULL, " ,.-", &save))
		if (strcmp(w, "va") != 0 && *w >= 'a' && *w <= 'z')
			sb_addc(out, (char)(*w - 'a' + 'A'));
	free(k);
}

static const enum status_bucket bucket_order[] = {
	STATUS_DONE_ON_TIME,	      STATUS_DONE_LATE,	     STATUS_ON_TRACK,
	STATUS_DUE_SOON,	      STATUS_NOT_YET_DUE,    STATUS_OVERDUE,
	STATUS_AWAITING_CONFIRMATION, STATUS_PAUSED,	     STATUS_ONGOING_REPORTED,
	STATUS_ONGOING_UNREPORTED,    STATUS_NO_DEADLINE,
};

static void part_overall(struct sb *x, const struct tracked_plan *tp)
{
	static const int w[] = { 709, 5386, 1417, 1502 };
	static const bool c[] = { true, false, true, true };
	static const char *const head[] = { "TT", "Tình trạng", "Số nhiệm vụ",
					    "Tỷ lệ trên số đã đến hạn" };
	const struct table t = { w, c, 4 };
	const struct status_agg *a = &tp->total;
	size_t on_track = a->n[STATUS_ON_TRACK] + a->n[STATUS_DUE_SOON] + a->n[STATUS_NOT_YET_DUE];
	struct sb s = SB_INIT, n = SB_INIT, r = SB_INIT, tt = SB_INIT;
	size_t i;

	para(x, "Heading1", NULL, "1. Kết quả chung");
	if (tp->agency) {
		size_t coord = 0;

		for (i = 0; i < tp->ntasks; i++)
			coord += !tp->tasks[i].as_lead;
		sb_addf(&s, "%s chủ trì %zu nhiệm vụ, phối hợp thực hiện %zu nhiệm vụ. Đối với các"
			    " nhiệm vụ chủ trì, tính đến ngày ", tp->agency, a->total, coord);
	} else
		sb_addf(&s, "Tổng số %zu nhiệm vụ; tính đến ngày ", a->total);
	calendar_add_vi(&s, tp->today);
	sb_addf(&s, " có %zu nhiệm vụ đã đến hạn, trong đó: hoàn thành đúng hạn %zu (",
		a->due, a->n[STATUS_DONE_ON_TIME]);
	add_pct(&s, a, RATE_DONE_ON_TIME);
	sb_addf(&s, "); hoàn thành quá hạn %zu (", a->n[STATUS_DONE_LATE]);
	add_share(&s, a->n[STATUS_DONE_LATE], a->due);
	sb_addf(&s, "); quá hạn chưa hoàn thành %zu (", a->n[STATUS_OVERDUE]);
	add_pct(&s, a, RATE_OVERDUE);
	sb_addf(&s, "). Đang thực hiện trong hạn %zu nhiệm vụ; nhiệm vụ thường xuyên đã báo cáo"
		    " kỳ này %zu/%zu.", on_track, a->n[STATUS_ONGOING_REPORTED], a->ongoing);
	para(x, "Body", NULL, s.buf);
	table_begin(x, &t, head);
	for (i = 0; i < ARRAY_SIZE(bucket_order); i++) {
		enum status_bucket b = bucket_order[i];
		const char *cells[4];

		sb_reset(&tt);
		sb_reset(&n);
		sb_reset(&r);
		sb_addf(&tt, "%zu", i + 1);
		sb_addf(&n, "%zu", a->n[b]);
		if (b == STATUS_DONE_ON_TIME || b == STATUS_DONE_LATE || b == STATUS_OVERDUE)
			add_share(&r, a->n[b], a->due);
		cells[0] = tt.buf;
		cells[1] = status_bucket_vi(b);
		cells[2] = n.buf;
		cells[3] = r.buf;
		table_row(x, &t, cells, false);
	}
	sb_reset(&n);
	sb_addf(&n, "%zu", a->total);
	sb_reset(&r);
	sb_addf(&r, "đã đến hạn: %zu", a->due);
	table_row(x, &t, (const char *const[]){ "", "Tổng số", n.buf, r.buf }, true);
	table_end(x);
	sb_release(&s);
	sb_release(&n);
	sb_release(&r);
	sb_release(&tt);
}

static void part_sections(struct sb *x, const struct tracked_plan *tp)
{
	static const int w[] = { 567, 3950, 850, 850, 850, 1097, 850 };
	static const bool c[] = { true, false, true, true, true, true, true };
	static const char *const head[] = { "TT", "Nhóm nhiệm vụ", "Tổng số", "Hoàn thành đúng hạn",
					    "Hoàn thành quá hạn", "Đang thực hiện trong hạn",
					    "Quá hạn" };
	const struct table t = { w, c, 7 };
	struct status_rollup *ru = status_rollup_new();
	struct sb cell[7];
	size_t i, j;

	for (i = 0; i < tp->ntasks; i++)
		if (tp->tasks[i].as_lead)
			status_rollup_add(ru, tp->tasks[i].t->section, &tp->tasks[i].res);
	for (j = 0; j < 7; j++)
		sb_init(&cell[j], 0);
	para(x, "Heading1", NULL, "2. Kết quả thực hiện theo nhóm nhiệm vụ");
	table_begin(x, &t, head);
	for (i = 0; i < status_rollup_count(ru); i++) {
		const struct status_agg *a = status_rollup_agg(ru, i);
		const char *key = status_rollup_key(ru, i), *cells[7];

		for (j = 0; j < 7; j++)
			sb_reset(&cell[j]);
		sb_addf(&cell[0], "%zu", i + 1);
		sb_adds(&cell[1], *key ? key : "(không ghi nhóm)");
		sb_addf(&cell[2], "%zu", a->total);
		sb_addf(&cell[3], "%zu", a->n[STATUS_DONE_ON_TIME]);
		sb_addf(&cell[4], "%zu", a->n[STATUS_DONE_LATE]);
		sb_addf(&cell[5], "%zu",
			a->n[STATUS_ON_TRACK] + a->n[STATUS_DUE_SOON] + a->n[STATUS_NOT_YET_DUE]);
		sb_addf(&cell[6], "%zu", a->n[STATUS_OVERDUE]);
		for (j = 0; j < 7; j++)
			cells[j] = cell[j].buf;
		table_row(x, &t, cells, false);
	}
	table_end(x);
	for (j = 0; j < 7; j++)
		sb_release(&cell[j]);
	status_rollup_free(ru);
}

/* The agency's own tasks with what it reported this period. */
static void part_agency_tasks(struct sb *x, const struct tracked_plan *tp)
{
	static const int w[] = { 567, 2900, 1000, 1100, 1300, 2147 };
	static const bool c[] = { true, false, true, true, true, false };
	static const char *const head[] = { "TT", "Nhiệm vụ", "Vai trò", "Thời gian thực hiện",
					    "Tình trạng", "Kết quả thực hiện trong kỳ" };
	const struct table t = { w, c, 6 };
	struct sb tt = SB_INIT, task = SB_INIT, res = SB_INIT;
	size_t i;

	para(x, "Heading1", NULL, "2. Kết quả thực hiện các nhiệm vụ được giao");
	table_begin(x, &t, head);
	for (i = 0; i < tp->ntasks; i++) {
		const struct doc_task *dt = &tp->tasks[i];
		const char *cells[6];

		sb_reset(&tt);
		sb_reset(&task);
		sb_reset(&res);
		sb_addf(&tt, "%zu", i + 1);
		if (dt->t->ref)
			sb_addf(&task, "%s. ", dt->t->ref);
		sb_adds(&task, dt->t->text ? dt->t->text : "");
		if (dt->period_state)
			sb_addf(&res, "%s%s%s", dt->period_state, dt->period_note ? ": " : ".",
				dt->period_note ? dt->period_note : "");
		else
			sb_adds(&res, "Chưa báo cáo kỳ này.");
		cells[0] = tt.buf;
		cells[1] = task.buf;
		cells[2] = dt->as_lead ? "Chủ trì" : "Phối hợp";
		cells[3] = doc_task_due_text(dt);
		cells[4] = status_bucket_vi(dt->res.bucket);
		cells[5] = res.buf;
		table_row(x, &t, cells, false);
	}
	table_end(x);
	sb_release(&tt);
	sb_release(&task);
	sb_release(&res);
}

static void part_late(struct sb *x, const struct tracked_plan *tp)
{
	static const int w[] = { 567, 3700, 2000, 1300, 1447 };
	static const bool c[] = { true, false, false, true, true };
	static const char *const head[] = { "TT", "Nhiệm vụ", "Cơ quan chủ trì",
					    "Thời gian thực hiện", "Tình trạng" };
	const struct table t = { w, c, 5 };
	struct sb tt = SB_INIT, task = SB_INIT, lead = SB_INIT, st = SB_INIT;
	size_t i, n = 0;

	para(x, "Heading1", NULL, "3. Nhiệm vụ quá hạn, chưa báo cáo");
	for (i = 0; i < tp->ntasks; i++) {
		const struct doc_task *dt = &tp->tasks[i];
		const char *cells[5];

		if (!dt->as_lead || (dt->res.bucket != STATUS_OVERDUE &&
				     dt->res.bucket != STATUS_ONGOING_UNREPORTED))
			continue;
		if (!n++)
			table_begin(x, &t, head);
		sb_reset(&tt);
		sb_reset(&task);
		sb_reset(&lead);
		sb_reset(&st);
		sb_addf(&tt, "%zu", n);
		if (dt->t->ref)
			sb_addf(&task, "%s. ", dt->t->ref);
		sb_adds(&task, dt->t->text ? dt->t->text : "");
		doc_add_bodies(&lead, &dt->t->lead, &dt->t->lead_groups);
		if (dt->res.bucket == STATUS_OVERDUE)
			sb_addf(&st, "Quá hạn %ld ngày làm việc", dt->res.late_days);
		else
			sb_adds(&st, "Chưa báo cáo kỳ này");
		cells[0] = tt.buf;
		cells[1] = task.buf;
		cells[2] = lead.buf;
		cells[3] = doc_task_due_text(dt);
		cells[4] = st.buf;
		table_row(x, &t, cells, false);
	}
	if (n)
		table_end(x);
	else
		para(x, "Body", NULL, "Không có nhiệm vụ quá hạn hoặc chưa báo cáo.");
	sb_release(&tt);
	sb_release(&task);
	sb_release(&lead);
	sb_release(&st);
}

static void part_indicator_years(struct sb *x, const struct tracked_plan *tp);

/* The baseline cell: "25 (2025)"; one of no stated year "10.200 (không ghi
 * năm, tính là năm 2025)" when the plan's year dates it (the year before) (the yearly path
 * starts from it, docs/track.md §4b), else "10.200 (không ghi năm)"; "-"
 * without one. */
static void add_baseline(struct sb *s, const struct indicator *ind)
{
	const struct target *b = ind->baseline;

	if (!b || !b->has_value) {
		sb_adds(s, "-");
		return;
	}
	add_number(s, b->value);
	if (b->period)
		sb_addf(s, " (%s)", b->period);
	else if (ind->baseline_year > 0)
		sb_addf(s, " (không ghi năm, tính là năm %d)", ind->baseline_year);
	else
		sb_adds(s, " (không ghi năm)");
}

static void part_indicators(struct sb *x, const struct tracked_plan *tp)
{
	static const int w[] = { 567, 2800, 1100, 1200, 1200, 1100, 1047 };
	static const bool c[] = { true, false, true, true, true, true, true };
	static const char *const head[] = { "TT",	 "Chỉ tiêu",  "Đơn vị tính", "Mức cơ sở",
					    "Mục tiêu", "Thực hiện", "Đánh giá" };
	const struct table t = { w, c, 7 };
	struct sb tt = SB_INIT, tv = SB_INIT, av = SB_INIT, bv = SB_INIT;
	size_t i;

	para(x, "Heading1", NULL, "4. Kết quả thực hiện các chỉ tiêu");
	if (!tp->nindicators) {
		para(x, "Body", NULL, "Kế hoạch không đặt chỉ tiêu định lượng.");
		return;
	}
	table_begin(x, &t, head);
	for (i = 0; i < tp->nindicators; i++) {
		const struct doc_indicator *di = &tp->indicators[i];
		const struct target *tg = di->ind->target;
		const char *cells[7];

		sb_reset(&tt);
		sb_reset(&tv);
		sb_reset(&av);
		sb_reset(&bv);
		sb_addf(&tt, "%zu", i + 1);
		add_baseline(&bv, di->ind);
		if (tg && tg->text)
			sb_adds(&tv, tg->text);
		else if (tg && tg->has_value)
			add_number(&tv, tg->value);
		else
			sb_adds(&tv, "-");
		if (di->has_actual)
			add_number(&av, di->actual);
		else
			sb_adds(&av, "Chưa báo cáo");
		cells[0] = tt.buf;
		cells[1] = di->ind->name ? di->ind->name : "";
		cells[2] = di->ind->unit ? di->ind->unit : "";
		cells[3] = bv.buf;
		cells[4] = tv.buf;
		cells[5] = av.buf;
		cells[6] = di->has_actual ? indicator_verdict_vi(di->verdict) : "-";
		table_row(x, &t, cells, false);
	}
	table_end(x);
	sb_release(&tt);
	sb_release(&tv);
	sb_release(&av);
	sb_release(&bv);
	if (tp->nyears)
		part_indicator_years(x, tp);
}

/* "≥65" before a year's target; "" for a plain level. */
static const char *op_prefix(enum target_op op)
{
	switch (op) {
	case OP_GE: return "≥";
	case OP_GT: return ">";
	case OP_LE: return "≤";
	case OP_LT: return "<";
	case OP_APPROX: return "~";
	case OP_EQ:
	case OP_RANGE: break;
	}
	return "";
}

/* A multi-year plan: target and actual of each year column (a target
 * between two printed ones is the point on the straight path). */
static void part_indicator_years(struct sb *x, const struct tracked_plan *tp)
{
	int *w = xcalloc(tp->nyears + 2, sizeof(*w));
	bool *c = xcalloc(tp->nyears + 2, sizeof(*c));
	const char **head = xcalloc(tp->nyears + 2, sizeof(*head));
	const char **cells = xcalloc(tp->nyears + 2, sizeof(*cells));
	struct sb *hv = xcalloc(tp->nyears + 2, sizeof(*hv));
	const struct table t = { w, c, tp->nyears + 2 };
	size_t i, j;

	para(x, "Body", "<w:i/>",
	     "Theo từng năm (mục tiêu / thực hiện; mục tiêu của năm không in trong kế hoạch"
	     " là điểm trên lộ trình giữa hai mục tiêu liền kề):");
	w[0] = 567;
	w[1] = 2600;
	head[0] = "TT";
	head[1] = "Chỉ tiêu";
	c[0] = true;
	for (j = 0; j < tp->nyears; j++) {
		w[j + 2] = (int)((9014 - 567 - 2600) / tp->nyears);
		c[j + 2] = true;
		int from = 0, to = 0;

		indicator_period_months(tp->years[j], &from, &to);
		sb_addf(&hv[j + 2], "%s%s", to - from > 12 ? "Giai đoạn " : "Năm ", tp->years[j]);
		head[j + 2] = hv[j + 2].buf;
	}
	table_begin(x, &t, head);
	for (i = 0; i < tp->nindicators; i++) {
		const struct doc_indicator *di = &tp->indicators[i];

		sb_reset(&hv[0]);
		sb_addf(&hv[0], "%zu", i + 1);
		cells[0] = hv[0].buf;
		cells[1] = di->ind->name ? di->ind->name : "";
		for (j = 0; j < tp->nyears; j++) {
			const struct doc_indicator_year *y = di->years ? &di->years[j] : NULL;
			struct sb *v = &hv[j + 2];

			sb_reset(v);
			if (y && y->judged.has_target) {
				sb_adds(v, op_prefix(y->judged.op));
				add_number(v, round(y->judged.value * 100) / 100);
				if (y->judged.op == OP_RANGE) {
					sb_adds(v, "–");
					add_number(v, round(y->judged.max * 100) / 100);
				}
			} else {
				sb_adds(v, "-");
			}
			sb_adds(v, " / ");
			if (y && y->has_actual)
				add_number(v, y->actual);
			else
				sb_adds(v, "-");
			cells[j + 2] = v->buf;
		}
		table_row(x, &t, cells, false);
	}
	table_end(x);
	for (j = 0; j < tp->nyears + 2; j++)
		sb_release(&hv[j]);
	free(hv);
	free(cells);
	free(head);
	free(c);
	free(w);
}

static void part_notes(struct sb *x, const struct tracked_plan *tp)
{
	struct sb lead = SB_INIT;
	size_t i, pass, n;

	para(x, "Heading1", NULL, "5. Khó khăn, vướng mắc và đề xuất, kiến nghị");
	for (pass = 0; pass < 2; pass++) {
		para(x, "Body", "<w:i/>",
		     pass ? "b) Đề xuất, kiến nghị:" : "a) Khó khăn, vướng mắc:");
		for (i = n = 0; i < tp->nnotes; i++) {
			const struct doc_note *d = &tp->notes[i];

			if (pass ? !d->proposal : !d->difficulty)
				continue;
			sb_reset(&lead);
			sb_addf(&lead, "- %s", d->agency);
			if (d->ref)
				sb_addf(&lead, " (nhiệm vụ %s)", d->ref);
			sb_adds(&lead, ": ");
			para_lead(x, lead.buf, d->text);
			n++;
		}
		if (!n)
			para(x, "Body", NULL, "Các cơ quan không báo cáo nội dung này trong kỳ.");
	}
	sb_release(&lead);
}

static void recipients(struct sb *x, const struct tracked_plan *tp)
{
	static const char *const plan_wide[] = { "- Thường trực Tỉnh ủy;", "- Thường trực HĐND tỉnh;",
						 "- Chủ tịch, các PCT UBND tỉnh;",
						 "- Các sở, ban, ngành;", "- UBND các xã, phường;",
						 "- Lưu: VT." };
	static const char *const agency[] = { "- UBND tỉnh (b/c);", "- Cơ quan thường trực;",
					      "- Lãnh đạo cơ quan;", "- Lưu: VT." };
	const char *const *l = tp->agency ? agency : plan_wide;
	size_t i, n = tp->agency ? ARRAY_SIZE(agency) : ARRAY_SIZE(plan_wide);

	for (i = 0; i < n; i++)
		para(x, "Recipients", NULL, l[i]);
}

static void signature(struct sb *x, const struct tracked_plan *tp, const char *signer)
{
	const char *b = "<w:b/>";

	sb_adds(x, "<w:p><w:pPr><w:spacing w:before=\"240\"/></w:pPr></w:p>");
	if (tp->agency)
		para(x, "Center", b, is_committee(tp->agency) ? "TM. ỦY BAN NHÂN DÂN" : "GIÁM ĐỐC");
	if (tp->agency && is_committee(tp->agency))
		para(x, "Center", b, "CHỦ TỊCH");
	if (!tp->agency && is_committee(tp->plan.doc.issuer)) {
		para(x, "Center", b, "TM. ỦY BAN NHÂN DÂN");
		para(x, "Center", b, "KT. CHỦ TỊCH");
		para(x, "Center", b, "PHÓ CHỦ TỊCH");
	} else if (!tp->agency)
		para(x, "Center", b, "THỦ TRƯỞNG CƠ QUAN");
	/* Room for the signature and the seal. */
	sb_adds(x, "<w:p><w:pPr><w:spacing w:before=\"1500\"/></w:pPr></w:p>");
	para(x, "Center", b, signer && *signer ? signer : "");
}

/* ---- the package -------------------------------------------------------- */

static void build_document(const struct tracked_plan *tp, const struct docx_opts *o,
			   struct sb *parts /* [5]: ISSUER NUMBER PLACE_DATE SUMMARY BODY */,
			   struct sb *rec, struct sb *sig, struct sb *title)
{
	struct sb prov = SB_INIT, s = SB_INIT;
	const struct document *d = &tp->plan.doc;
	int y = 0, m = 0, day = 0;

	add_province(&prov, &tp->plan);
	issuer_block(&parts[0], tp, prov.buf);
	if (o->number && *o->number)
		xml_text(&parts[1], o->number);
	else {
		sb_adds(&s, "      /BC-");
		add_symbol(&s, tp->agency ? tp->agency : d->issuer);
		xml_text(&parts[1], s.buf);
	}
	sb_reset(&s);
	calendar_to_ymd(tp->today, &y, &m, &day);
	sb_addf(&s, "%s, ngày %02d tháng %02d năm %d",
		o->place && *o->place ? o->place : *prov.buf ? prov.buf : "……", day, m, y);
	xml_text(&parts[2], s.buf);

	sb_reset(&s);
	sb_adds(&s, tp->agency ? "Kết quả thực hiện nhiệm vụ được giao tại " : "Kết quả thực hiện ");
	if (d->number)
		sb_addf(&s, "%s số %s: ", d->kind ? d->kind : "văn bản", d->number);
	sb_adds(&s, d->title ? d->title : "kế hoạch");
	para(&parts[3], "Center", "<w:b/>", s.buf);
	sb_adds(title, s.buf);
	sb_reset(&s);
	period_label_vi(&tp->period, &s);
	para(&parts[3], "Center", "<w:b/>", s.buf);

	sb_reset(&s);
	sb_adds(&s, "Thực hiện ");
	if (d->number)
		sb_addf(&s, "%s số %s ", d->kind ? d->kind : "văn bản", d->number);
	sb_addf(&s, "%s, ", d->title ? d->title : "kế hoạch");
	sb_adds(&s, tp->agency ? tp->agency : d->issuer ? d->issuer : "cơ quan");
	sb_adds(&s, " báo cáo kết quả thực hiện ");
	period_label_vi(&tp->period, &s);
	sb_adds(&s, " (kỳ báo cáo từ ngày ");
	calendar_add_vi(&s, tp->period.start);
	sb_adds(&s, " đến ngày ");
	calendar_add_vi(&s, tp->period.end);
	sb_adds(&s, "; số liệu tính đến ngày ");
	calendar_add_vi(&s, tp->today);
	sb_adds(&s, ") như sau:");
	para(&parts[4], "Body", NULL, s.buf);
	part_overall(&parts[4], tp);
	if (tp->agency)
		part_agency_tasks(&parts[4], tp);
	else
		part_sections(&parts[4], tp);
	part_late(&parts[4], tp);
	part_indicators(&parts[4], tp);
	part_notes(&parts[4], tp);
	recipients(rec, tp);
	signature(sig, tp, o->signer);
	sb_release(&prov);
	sb_release(&s);
}

int docx_report_write(const struct tracked_plan *tp, const struct docx_opts *o, const char *path,
		      struct sb *err)
{
	static const char prefix[] = "docx/";
	struct sb parts[5], rec = SB_INIT, sig = SB_INIT, title = SB_INIT, etitle = SB_INIT;
	struct sb out[ARRAY_SIZE(template_files)];
	zip_t *z = NULL;
	int zerr = 0, rc = -ERR_IO;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(parts); i++)
		sb_init(&parts[i], 0);
	for (i = 0; i < ARRAY_SIZE(out); i++)
		sb_init(&out[i], 0);
	build_document(tp, o, parts, &rec, &sig, &title);
	xml_text(&etitle, title.buf);
	{
		const struct var vars[] = { { "ISSUER", parts[0].buf },	  { "NUMBER", parts[1].buf },
					    { "PLACE_DATE", parts[2].buf }, { "SUMMARY", parts[3].buf },
					    { "BODY", parts[4].buf },	  { "RECIPIENTS", rec.buf },
					    { "SIGNATURE", sig.buf },	  { "TITLE", etitle.buf },
					    { NULL, NULL } };

		z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
		if (!z) {
			sb_addf(err, "%s: cannot create the document (libzip error %d)", path, zerr);
			goto out;
		}
		for (i = 0; i < ARRAY_SIZE(template_files); i++) {
			const struct template_file *f = &template_files[i];
			zip_source_t *src;

			if (strncmp(f->name, prefix, sizeof(prefix) - 1) != 0)
				continue;
			expand(&out[i], f->data, f->len, vars);
			src = zip_source_buffer(z, out[i].buf, out[i].len, 0);
			if (!src || zip_file_add(z, f->name + sizeof(prefix) - 1, src,
						 ZIP_FL_ENC_UTF_8) < 0) {
				zip_source_free(src);
				sb_addf(err, "%s: cannot add %s: %s", path, f->name, zip_strerror(z));
				goto out;
			}
		}
	}
	if (zip_close(z) < 0) {
		sb_addf(err, "%s: cannot write the document: %s", path, zip_strerror(z));
		goto out;
	}
	z = NULL;
	rc = 0;
out:
	if (z)
		zip_discard(z);
	for (i = 0; i < ARRAY_SIZE(parts); i++)
		sb_release(&parts[i]);
	for (i = 0; i < ARRAY_SIZE(out); i++)
		sb_release(&out[i]);
	sb_release(&rec);
	sb_release(&sig);
	sb_release(&title);
	sb_release(&etitle);
	return rc;
}
