/*
 * table_indicator.c - indicator rows: one indicator per row of a table with
 * Chỉ tiêu / Đơn vị tính / target columns; "-", "+" and unnumbered rows
 * hang under the row above; a numbered row with only a name over its x.1,
 * x.2 rows is a group; one target per year or period column (by_period),
 * the horizon's as the target; two measures per year give two indicators.
 */
#include "base/compat.h"
#include "extract/table_int.h"
#include "extract/agency.h"
#include "extract/number.h"
#include "base/xalloc.h"

#include <ctype.h>

void tbl_indic_release(struct indic *s)
{
	size_t i;

	for (i = 0; i < IND_DEPTH; i++)
		free(s->ref[i]);
	memset(s, 0, sizeof(*s));
}

/* The ref of a row: its number, or "<parent>.<n>" for "-", "+" and
 * unnumbered rows ("-" and unnumbered under a number, "+" under a "-"). */
static char *indicator_ref(struct indic *s, const char *tt)
{
	int depth, k;
	char *ref;
	char num[24];

	if (tbl_is_arabic(tt)) {
		ref = tbl_clean_label(tt);
		depth = 0;
	} else {
		depth = strcmp(tt, "+") == 0 ? 2 : 1;
		for (k = depth - 1; k >= 0 && !s->ref[k]; k--)
			;
		snprintf(num, sizeof(num), "%u", k >= 0 ? ++s->kids[k] : ++s->kids[0]);
		ref = tbl_join_path(k >= 0 ? s->ref[k] : NULL, num);
	}
	for (k = depth; k < IND_DEPTH; k++) {
		free(s->ref[k]);
		s->ref[k] = NULL;
		s->kids[k] = 0;
	}
	s->ref[depth] = xstrdup(ref);
	return ref;
}

static void indicator_inherit(struct indic *s, struct indicator *ind, int line)
{
	const struct indicator *up;

	if (!s->last)
		return;
	up = &s->x->plan->indicators.v[s->last - 1];
	if (!ind->lead.n && !ind->lead_groups.n && up->lead.n + up->lead_groups.n) {
		strlist_copy(&ind->lead, &up->lead);
		strlist_copy(&ind->lead_groups, &up->lead_groups);
		if (!ind->coordinate.n && !ind->coordinate_groups.n) {
			strlist_copy(&ind->coordinate, &up->coordinate);
			strlist_copy(&ind->coordinate_groups, &up->coordinate_groups);
		}
		extract_note(s->x, line, "responsible bodies inherited from line %d", up->line);
	}
	if (!ind->leader && up->leader) {
		ind->leader = xstrdup(up->leader);
		extract_note(s->x, line, "leader inherited from line %d", up->line);
	}
}

static bool cell_bold(const struct doc_row *row, int c)
{
	return c >= 0 && (size_t)c < row->cells.n && row->cells.v[c].bold && row->cells.v[c].text[0];
}

/* "I <title>", a title alone in the number column, a bold title: a group of
 * indicators, with no figure and no one responsible. */
static bool indicator_section(struct indic *s, const struct doc_row *row)
{
	const struct layout *l = s->lay;
	const char *tt = tbl_cell_at(row, l->col[R_TT]), *name = tbl_cell_at(row, l->col[R_TEXT]);

	if (!tbl_only_cells(row, l->col[R_TT], l->col[R_TEXT]))
		return false;
	if (!(tbl_is_roman(tt) || tbl_roman_prefix(tt) ||
	      (!*name && *tt && !tbl_is_arabic(tt) && !tbl_is_marker(tt)) ||
	      cell_bold(row, l->col[R_TEXT]) || cell_bold(row, l->col[R_TT])))
		return false;
	extract_note(s->x, row->line, "indicator section \"%.*s%s%.*s\"", tbl_clip(tt, 80), tt,
		     *tt ? " " : "", tbl_clip(name, 80), name);
	return true;
}

/* The number of measures per period (1 but for "Sản lượng | Giá trị" tables). */
static int period_measures(const struct layout *l)
{
	size_t i;
	int n = 0;

	for (i = 0; i < l->ncols; i++)
		if (l->roles[i] == R_PERIOD && l->cx[i].measure + 1 > n)
			n = l->cx[i].measure + 1;
	return n;
}

/* A period that ends before the plan's own year ("2025" in a plan for
 * 2026-2030) holds past figures, whatever its header says. */
static bool period_past(const struct extract_ctx *x, const char *period)
{
	const char *dash = strchr(period, '-');
	long end = strtol(dash && isdigit((unsigned char)dash[1]) ? dash + 1 : period, NULL, 10);

	return x->year > 0 && end > 0 && end < x->year;
}

/*
 * Fills ind->by_period from the row's cells of one measure, in column order,
 * and its target from the last one (the plan's horizon). An empty cell gives
 * no entry; a cell without a number is noted and left out.
 */
static void read_periods(struct indic *s, const struct doc_row *row, struct indicator *ind,
			 int measure)
{
	const struct layout *l = s->lay;
	size_t i;

	for (i = 0; i < l->ncols; i++) {
		const char *cell = tbl_cell_at(row, (int)i);
		struct target tg = { 0 };

		if (l->roles[i] != R_PERIOD || l->cx[i].measure != measure || !*cell)
			continue;
		if (period_past(s->x, l->cx[i].period))
			continue; /* a baseline, not a target: read_baseline */
		if (number_parse_cell(cell, strlen(cell), &tg) < 0) {
			target_release(&tg);
			extract_note(s->x, row->line, "target for %s \"%.*s\" holds no number",
				     l->cx[i].period, tbl_clip(cell, 40), cell);
			continue;
		}
		free(tg.unit);
		tg.unit = NULL;
		tg.period = xstrdup(l->cx[i].period);
		*VEC_PUSH(&ind->by_period) = tg;
	}
	if (ind->by_period.n && !ind->target) {
		const struct target *last = &ind->by_period.v[ind->by_period.n - 1];

		ind->target = xcalloc(1, sizeof(*ind->target));
		*ind->target = *last;
		ind->target->text = xstrdup(last->text);
		ind->target->period = xstrdup(last->period);
	}
}

/*
 * The past figure of one measure the targets start from: a column whose
 * header says so ("Thực hiện năm 2025", "Hiện trạng"), or a year column
 * that ends before the plan's year. The last such column with a number is
 * the latest figure; a column of no measure counts as the first measure's.
 */
static void read_baseline(struct indic *s, const struct doc_row *row, struct indicator *ind,
			  int measure)
{
	const struct layout *l = s->lay;
	size_t i;

	for (i = 0; i < l->ncols; i++) {
		const char *cell = tbl_cell_at(row, (int)i);
		bool past = l->roles[i] == R_PERIOD && period_past(s->x, l->cx[i].period);
		struct target tg = { 0 };

		if ((!l->cx[i].baseline && !past) || l->cx[i].measure != measure || !*cell)
			continue;
		if (number_parse_cell(cell, strlen(cell), &tg) < 0) {
			target_release(&tg);
			continue;
		}
		free(tg.unit);
		tg.unit = NULL;
		tg.op = OP_EQ; /* a figure, not a bound */
		tg.has_max = false;
		tg.period = l->cx[i].period[0] ? xstrdup(l->cx[i].period) : NULL;
		extract_note(s->x, row->line, "indicator %s: %s %s is its baseline",
			     ind->ref ? ind->ref : "?", past ? "column" : "past figure",
			     l->cx[i].period[0] ? l->cx[i].period : "(no year)");
		if (ind->baseline) {
			target_release(ind->baseline);
			free(ind->baseline);
		}
		ind->baseline = xmalloc(sizeof(*ind->baseline));
		*ind->baseline = tg;
	}
}

/* The unit of one measure: its sub-header's, else the unit cell's. */
static const char *measure_unit(const struct layout *l, int measure, const char *unit_cell)
{
	size_t i;

	for (i = 0; i < l->ncols; i++)
		if (l->roles[i] == R_PERIOD && l->cx[i].measure == measure && l->cx[i].unit[0])
			return l->cx[i].unit;
	return unit_cell;
}

/*
 * The targets per period of the indicator at index k; with several measures
 * per period, one more indicator per measure after the first (same ref and
 * name, told apart by unit, bodies copied).
 */
static void period_row(struct indic *s, const struct doc_row *row, size_t k)
{
	struct plan *p = s->x->plan;
	const char *unit = tbl_cell_at(row, s->lay->col[R_UNIT]);
	int m, n = period_measures(s->lay);

	for (m = 0; m < n; m++) {
		struct indicator *ind;
		const char *mu = measure_unit(s->lay, m, unit);

		if (m > 0) {
			const struct indicator *first;

			ind = plan_add_indicator(p);
			first = &p->indicators.v[k];
			ind->line = first->line;
			ind->ref = xstrdup(first->ref);
			ind->name = xstrdup(first->name);
			strlist_copy(&ind->lead, &first->lead);
			strlist_copy(&ind->lead_groups, &first->lead_groups);
			strlist_copy(&ind->coordinate, &first->coordinate);
			strlist_copy(&ind->coordinate_groups, &first->coordinate_groups);
			ind->leader = first->leader ? xstrdup(first->leader) : NULL;
			extract_note(s->x, row->line, "indicator %s: measure %d (%s) read as its own indicator",
				     ind->ref, m + 1, *mu ? mu : "no unit");
		} else {
			ind = &p->indicators.v[k];
		}
		if (mu != unit)
			str_set(&ind->unit, *mu ? mu : NULL);
		read_periods(s, row, ind, m);
		read_baseline(s, row, ind, m);
	}
	s->last = p->indicators.n;
}

/*
 * A numbered row with a name and nothing else, whose next row is numbered
 * under it ("11 Hạ tầng số" over "11.1", "11.2"): a group, not an indicator.
 */
static bool indicator_group(struct indic *s, const struct doc_row *row, const struct doc_row *next)
{
	const struct layout *l = s->lay;
	const char *tt = tbl_cell_at(row, l->col[R_TT]), *ntt;
	char *label;
	bool yes;

	if (!next || !tbl_is_arabic(tt) || !tbl_only_cells(row, l->col[R_TT], l->col[R_TEXT]))
		return false;
	ntt = tbl_cell_at(next, l->col[R_TT]);
	label = tbl_clean_label(tt);
	yes = strncmp(ntt, label, strlen(label)) == 0 && ntt[strlen(label)] == '.' &&
	      isdigit((unsigned char)ntt[strlen(label) + 1]);
	if (yes)
		extract_note(s->x, row->line, "indicator group \"%s %.*s\": its rows %s.1 … follow",
			     label, tbl_clip(tbl_cell_at(row, l->col[R_TEXT]), 80), tbl_cell_at(row, l->col[R_TEXT]),
			     label);
	free(label);
	return yes;
}

static void indicator_row(struct indic *s, const struct doc_row *row, const struct doc_row *next)
{
	struct extract_ctx *x = s->x;
	const struct layout *l = s->lay;
	const char *tt = tbl_cell_at(row, l->col[R_TT]), *name = tbl_cell_at(row, l->col[R_TEXT]);
	const char *unit = tbl_cell_at(row, l->col[R_UNIT]), *target = tbl_cell_at(row, l->col[R_TARGET]);
	const char *cell;
	struct indicator *ind;
	struct target tg = { 0 };

	if (tbl_row_empty(row))
		return;
	if (tbl_is_repeat_header(s->lay, row) || tbl_is_numbering_row(row)) {
		extract_note(x, row->line, "header row repeated: skipped");
		return;
	}
	if (indicator_section(s, row))
		return;
	if (indicator_group(s, row, next)) {
		free(indicator_ref(s, tt)); /* the group's number is the parent of its rows */
		return;
	}
	if (!*name) {
		extract_note(x, row->line, "indicator row without a name: skipped");
		return;
	}
	if (tbl_is_roman(tt)) {
		extract_note(x, row->line, "roman number \"%s\" on an indicator row: read as unnumbered", tt);
		tt = "";
	}
	ind = plan_add_indicator(x->plan);
	ind->line = row->line;
	ind->ref = indicator_ref(s, tt);
	ind->name = xstrdup(name);
	ind->unit = *unit ? xstrdup(unit) : NULL;
	if (*target) {
		if (number_parse_cell(target, strlen(target), &tg) == 0) {
			ind->target = xmalloc(sizeof(*ind->target));
			*ind->target = tg;
		} else {
			target_release(&tg);
			extract_note(x, row->line, "target \"%.*s\" holds no number", tbl_clip(target, 40), target);
		}
	}
	if (*(cell = tbl_cell_at(row, l->col[R_LEAD])))
		agency_split(x->agencies, cell, x->agency_flags, &ind->lead, &ind->lead_groups, NULL);
	if (*(cell = tbl_cell_at(row, l->col[R_COORD])))
		agency_split(x->agencies, cell, x->agency_flags, &ind->coordinate,
			     &ind->coordinate_groups, NULL);
	if (*(cell = tbl_cell_at(row, l->col[R_LEADER])))
		ind->leader = person_name(cell);
	indicator_inherit(s, ind, row->line);
	s->last = x->plan->indicators.n;
	if (l->col[R_PERIOD] >= 0)
		period_row(s, row, x->plan->indicators.n - 1);
	else
		read_baseline(s, row, ind, 0);
}

void tbl_run_indicators(struct indic *s, const struct doc_table *tb, size_t from)
{
	size_t i;

	for (i = from; i < tb->rows.n; i++)
		indicator_row(s, &tb->rows.v[i], i + 1 < tb->rows.n ? &tb->rows.v[i + 1] : NULL);
}
