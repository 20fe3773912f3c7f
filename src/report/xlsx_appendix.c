/*
 * xlsx_appendix.c - the plan's appendix as a spreadsheet (libxlsxwriter):
 * the columns of the plan's own assignment table, the results column filled
 * from the reports, and the computed status coloured as Vietnamese
 * dashboards colour it (blue done on time, amber done late, green on track,
 * red overdue). Section rows are bold; the header is frozen and repeated on
 * every printed page; A4 landscape, fitted to the page width. A second
 * sheet holds the indicators with baseline, target and actual.
 */
#include "base/compat.h"
#include "report/docs.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "track/calendar.h"

#include <math.h>
#include <xlsxwriter.h>

/* Light fills for the dashboard colours, so the text stays readable. */
static const struct {
	const char *name;
	lxw_color_t fill;
} colours[] = {
	{ "blue", 0xBDD7EE }, { "amber", 0xFFE699 }, { "green", 0xC6EFCE }, { "red", 0xFFC7CE },
	{ "orange", 0xF8CBAD }, { "purple", 0xE4DFEC }, { "grey", 0xE7E6E6 },
};

struct formats {
	lxw_format *title, *sub, *head, *cell, *centre, *section, *status[STATUS__COUNT];
};

static lxw_format *base_format(lxw_workbook *wb, bool border)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_font_name(f, "Times New Roman");
	format_set_font_size(f, 11);
	format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	return f;
}

static void make_formats(lxw_workbook *wb, struct formats *f)
{
	size_t b, i;

	f->title = base_format(wb, false);
	format_set_bold(f->title);
	format_set_font_size(f->title, 13);
	format_set_align(f->title, LXW_ALIGN_CENTER);
	f->sub = base_format(wb, false);
	format_set_italic(f->sub);
	format_set_align(f->sub, LXW_ALIGN_CENTER);
	f->head = base_format(wb, true);
	format_set_bold(f->head);
	format_set_align(f->head, LXW_ALIGN_CENTER);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(f->head, 0xF2F2F2);
	f->cell = base_format(wb, true);
	f->centre = base_format(wb, true);
	format_set_align(f->centre, LXW_ALIGN_CENTER);
	f->section = base_format(wb, true);
	format_set_bold(f->section);
	for (b = 0; b < STATUS__COUNT; b++) {
		const char *c = status_bucket_colour((enum status_bucket)b);

		f->status[b] = base_format(wb, true);
		format_set_align(f->status[b], LXW_ALIGN_CENTER);
		for (i = 0; i < ARRAY_SIZE(colours); i++)
			if (c && strcmp(colours[i].name, c) == 0)
				format_set_bg_color(f->status[b], colours[i].fill);
	}
}

/* Row heights: libxlsxwriter does not measure text, and LibreOffice keeps
 * the default height of a row written without one, so wrapped cells would
 * overlap. Lines are estimated from the text's length and the column width
 * (in characters). */
static void fit_row(lxw_worksheet *ws, lxw_row_t row, const char *text, double width,
		    double *height)
{
	size_t chars = text ? utf8_length(text, strlen(text)) : 0;
	double per = width * 1.2, lines = (double)(size_t)((double)chars / per) + 1;
	double h = lines * 13.0 + 3.0;

	if (h > *height) {
		*height = h > 409 ? 409 : h;
		worksheet_set_row(ws, row, *height, NULL);
	}
}

/* Section numbers as the plans print them: I, II, III, IV ... */
static void add_roman(struct sb *out, size_t n)
{
	static const struct {
		size_t v;
		const char *s;
	} r[] = { { 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" }, { 100, "C" },
		  { 90, "XC" },	 { 50, "L" },	{ 40, "XL" }, { 10, "X" },   { 9, "IX" },
		  { 5, "V" },	 { 4, "IV" },	{ 1, "I" } };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(r); i++)
		for (; n >= r[i].v; n -= r[i].v)
			sb_adds(out, r[i].s);
}

static void page_setup(lxw_worksheet *ws, lxw_row_t head_row)
{
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_set_landscape(ws);
	worksheet_set_margins(ws, 0.6, 0.4, 0.6, 0.6);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, head_row, head_row);
	worksheet_freeze_panes(ws, head_row + 1, 0);
	worksheet_set_footer(ws, "&CTrang &P/&N");
}

static void tasks_sheet(lxw_workbook *wb, const struct tracked_plan *tp, const struct formats *f)
{
	static const struct {
		const char *head;
		double width;
	} cols[] = {
		{ "TT", 6 },
		{ "Nhiệm vụ", 48 },
		{ "Lãnh đạo phụ trách", 16 },
		{ "Lãnh đạo kiểm tra đôn đốc", 16 },
		{ "Cơ quan chủ trì", 22 },
		{ "Cơ quan phối hợp", 26 },
		{ "Thời gian thực hiện", 14 },
		{ "Kết quả triển khai thực hiện", 42 },
		{ "Tình trạng", 16 },
	};
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Phụ lục");
	const lxw_col_t last = (lxw_col_t)(ARRAY_SIZE(cols) - 1);
	struct sb s = SB_INIT;
	const char *section = NULL;
	lxw_row_t row = 3;
	size_t i, nsec = 0;
	double height;

	for (i = 0; i < ARRAY_SIZE(cols); i++)
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width, NULL);
	sb_addf(&s, "PHỤ LỤC: KẾT QUẢ THỰC HIỆN NHIỆM VỤ%s%s", tp->agency ? " - " : "",
		tp->agency ? tp->agency : "");
	worksheet_merge_range(ws, 0, 0, 0, last, s.buf, f->title);
	sb_reset(&s);
	sb_adds(&s, tp->plan.doc.title ? tp->plan.doc.title : "");
	sb_adds(&s, " - ");
	period_label_vi(&tp->period, &s);
	sb_adds(&s, "; số liệu tính đến ngày ");
	calendar_add_vi(&s, tp->today);
	worksheet_merge_range(ws, 1, 0, 1, last, s.buf, f->sub);
	worksheet_set_row(ws, 1, 30, NULL);
	for (i = 0; i < ARRAY_SIZE(cols); i++)
		worksheet_write_string(ws, row, (lxw_col_t)i, cols[i].head, f->head);
	worksheet_set_row(ws, row, 32, NULL);
	page_setup(ws, row);
	for (i = 0; i < tp->ntasks; i++) {
		const struct doc_task *dt = &tp->tasks[i];
		const struct task *t = dt->t;
		const char *sec = t->section ? t->section : "";

		if (!section || strcmp(section, sec) != 0) {
			section = sec;
			if (*sec) {
				row++;
				sb_reset(&s);
				add_roman(&s, ++nsec);
				worksheet_write_string(ws, row, 0, s.buf, f->section);
				worksheet_merge_range(ws, row, 1, row, last, sec, f->section);
				height = 0;
				fit_row(ws, row, sec, 200, &height);
			}
		}
		row++;
		sb_reset(&s);
		sb_adds(&s, t->ref ? t->ref : "");
		if (!t->ref)
			sb_addf(&s, "%zu", i + 1);
		worksheet_write_string(ws, row, 0, s.buf, f->centre);
		worksheet_write_string(ws, row, 1, t->text ? t->text : "", f->cell);
		worksheet_write_string(ws, row, 2, t->leader ? t->leader : "", f->cell);
		worksheet_write_string(ws, row, 3, t->supervisor ? t->supervisor : "", f->cell);
		sb_reset(&s);
		doc_add_bodies(&s, &t->lead, &t->lead_groups);
		worksheet_write_string(ws, row, 4, s.buf, f->cell);
		sb_reset(&s);
		doc_add_bodies(&s, &t->coordinate, &t->coordinate_groups);
		worksheet_write_string(ws, row, 5, s.buf, f->cell);
		worksheet_write_string(ws, row, 6, doc_task_due_text(dt), f->centre);
		worksheet_write_string(ws, row, 7, dt->result ? dt->result : "Chưa báo cáo",
				       f->cell);
		sb_reset(&s);
		sb_adds(&s, status_bucket_vi(dt->res.bucket));
		if (dt->res.bucket == STATUS_OVERDUE || dt->res.bucket == STATUS_DONE_LATE)
			sb_addf(&s, " (%ld ngày làm việc)", dt->res.late_days);
		worksheet_write_string(ws, row, 8, s.buf, f->status[dt->res.bucket]);
		height = 0;
		fit_row(ws, row, t->text, cols[1].width, &height);
		fit_row(ws, row, dt->result, cols[7].width, &height);
		sb_reset(&s);
		doc_add_bodies(&s, &t->coordinate, &t->coordinate_groups);
		fit_row(ws, row, s.buf, cols[5].width, &height);
		sb_reset(&s);
		doc_add_bodies(&s, &t->lead, &t->lead_groups);
		fit_row(ws, row, s.buf, cols[4].width, &height);
		fit_row(ws, row, doc_task_due_text(dt), cols[6].width, &height);
	}
	sb_release(&s);
}

/* The columns of the indicators sheet that the code names. */
enum {
	COL_BASE = 3, /* the baseline's value */
	COL_BASE_YEAR, /* its year: "2025", "2025 (năm trước năm của kế hoạch)", "không ghi năm" */
	COL_TARGET,
	COL_ACTUAL = COL_TARGET + 2,
	COL_LEAD = COL_ACTUAL + 3,
};

/* The baseline (a number) and its year, or two blank cells. */
static void write_baseline(lxw_worksheet *ws, lxw_row_t row, const struct indicator *ind,
			   const struct formats *f, struct sb *s)
{
	const struct target *b = ind->baseline;

	if (!b || !b->has_value || !isfinite(b->value)) {
		worksheet_write_blank(ws, row, COL_BASE, f->centre);
		worksheet_write_blank(ws, row, COL_BASE_YEAR, f->centre);
		return;
	}
	worksheet_write_number(ws, row, COL_BASE, b->value, f->centre);
	sb_reset(s);
	if (b->period)
		sb_adds(s, b->period);
	else if (ind->baseline_year > 0)
		sb_addf(s, "%d (năm trước năm của kế hoạch)", ind->baseline_year);
	else
		sb_adds(s, "không ghi năm");
	worksheet_write_string(ws, row, COL_BASE_YEAR, s->buf, f->centre);
}

static void indicators_sheet(lxw_workbook *wb, const struct tracked_plan *tp,
			     const struct formats *f)
{
	static const struct {
		const char *head;
		double width;
	} cols[] = {
		{ "TT", 6 },
		{ "Chỉ tiêu", 40 },
		{ "Đơn vị tính", 14 },
		[COL_BASE] = { "Mức cơ sở", 12 },
		[COL_BASE_YEAR] = { "Năm cơ sở", 14 },
		[COL_TARGET] = { "Mục tiêu", 18 },
		{ "Giá trị mục tiêu", 14 },
		[COL_ACTUAL] = { "Thực hiện", 14 },
		{ "Kỳ", 10 },
		{ "Đánh giá", 14 },
		[COL_LEAD] = { "Cơ quan chủ trì", 26 },
		{ "Lãnh đạo phụ trách", 20 },
	};
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Chỉ tiêu");
	struct sb s = SB_INIT;
	lxw_row_t row = 2;
	double height;
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(cols); i++)
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width, NULL);
	worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(ARRAY_SIZE(cols) - 1),
			      "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", f->title);
	for (i = 0; i < ARRAY_SIZE(cols); i++)
		worksheet_write_string(ws, row, (lxw_col_t)i, cols[i].head, f->head);
	/* A multi-year plan: target and actual of each year after the columns
	 * above (so the sheet keeps its layout for one-year plans). */
	for (j = 0; j < tp->nyears; j++) {
		lxw_col_t col = (lxw_col_t)(ARRAY_SIZE(cols) + 2 * j);

		worksheet_set_column(ws, col, col + 1, 12, NULL);
		sb_reset(&s);
		sb_addf(&s, "Mục tiêu %s", tp->years[j]);
		worksheet_write_string(ws, row, col, s.buf, f->head);
		sb_reset(&s);
		sb_addf(&s, "Thực hiện %s", tp->years[j]);
		worksheet_write_string(ws, row, col + 1, s.buf, f->head);
	}
	page_setup(ws, row);
	for (i = 0; i < tp->nindicators; i++) {
		const struct doc_indicator *di = &tp->indicators[i];
		const struct indicator *ind = di->ind;
		const struct target *tg = ind->target;

		row++;
		sb_reset(&s);
		sb_addf(&s, "%zu", i + 1);
		worksheet_write_string(ws, row, 0, s.buf, f->centre);
		worksheet_write_string(ws, row, 1, ind->name ? ind->name : "", f->cell);
		worksheet_write_string(ws, row, 2, ind->unit ? ind->unit : "", f->centre);
		write_baseline(ws, row, ind, f, &s);
		worksheet_write_string(ws, row, COL_TARGET, tg && tg->text ? tg->text : "", f->cell);
		if (tg && tg->has_value)
			worksheet_write_number(ws, row, COL_TARGET + 1, tg->value, f->centre);
		else
			worksheet_write_blank(ws, row, COL_TARGET + 1, f->centre);
		if (di->has_actual)
			worksheet_write_number(ws, row, COL_ACTUAL, di->actual, f->centre);
		else
			worksheet_write_string(ws, row, COL_ACTUAL, "Chưa báo cáo", f->centre);
		worksheet_write_string(ws, row, COL_ACTUAL + 1, di->has_actual ? di->period : "",
				       f->centre);
		worksheet_write_string(ws, row, COL_ACTUAL + 2,
				       di->has_actual ? indicator_verdict_vi(di->verdict) : "-",
				       f->centre);
		sb_reset(&s);
		doc_add_bodies(&s, &ind->lead, &ind->lead_groups);
		worksheet_write_string(ws, row, COL_LEAD, s.buf, f->cell);
		worksheet_write_string(ws, row, COL_LEAD + 1, ind->leader ? ind->leader : "",
				       f->cell);
		for (j = 0; j < tp->nyears && di->years; j++) {
			const struct doc_indicator_year *y = &di->years[j];
			lxw_col_t col = (lxw_col_t)(ARRAY_SIZE(cols) + 2 * j);

			/* A path target is computed: two decimals are enough. */
			if (y->judged.has_target)
				worksheet_write_number(ws, row, col,
						       round(y->judged.value * 100) / 100, f->centre);
			else
				worksheet_write_blank(ws, row, col, f->centre);
			if (y->has_actual)
				worksheet_write_number(ws, row, col + 1, y->actual, f->centre);
			else
				worksheet_write_blank(ws, row, col + 1, f->centre);
		}
		height = 0;
		fit_row(ws, row, ind->name, cols[1].width, &height);
		fit_row(ws, row, s.buf, cols[COL_LEAD].width, &height);
	}
	sb_release(&s);
}

int xlsx_appendix_write(const struct tracked_plan *tp, const char *path, struct sb *err)
{
	lxw_workbook *wb = workbook_new(path);
	struct formats f;
	lxw_error e;

	if (!wb) {
		sb_addf(err, "%s: cannot create the workbook", path);
		return -ERR_IO;
	}
	make_formats(wb, &f);
	tasks_sheet(wb, tp, &f);
	indicators_sheet(wb, tp, &f);
	e = workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		sb_addf(err, "%s: cannot write the workbook: %s", path, lxw_strerror(e));
		return -ERR_IO;
	}
	return 0;
}
