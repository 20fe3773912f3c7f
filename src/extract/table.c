/*
 * table.c - the table pass: assignment tables (one task per numbered row,
 * table_assign.c) and indicator tables (one indicator per row,
 * table_indicator.c), recognised by the meaning of their header row
 * (table_layout.c). This file decides what each table block is and carries a
 * table cut in two by a page break or a line of prose on under its header; a
 * table in a plan's body takes the number and title of the part it sits in.
 */
#include "base/compat.h"
#include "extract/table_int.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/* What the pass carries from one table block to the next: a table cut by
 * a page number or a line of prose goes on under the header it had. */
struct tables {
	struct extract_ctx *x;
	struct layout alay, ilay; /* the last assignment / indicator header */
	struct assign a;
	struct indic ind;
};

static void start_assign(struct tables *st, struct layout *lay)
{
	tbl_layout_release(&st->alay);
	tbl_assign_release(&st->a);
	memset(&st->a, 0, sizeof(st->a));
	st->a.x = st->x;
	st->alay = *lay;
	st->a.lay = &st->alay;
}

static void start_indicators(struct tables *st, struct layout *lay)
{
	tbl_layout_release(&st->ilay);
	tbl_indic_release(&st->ind);
	st->ind.x = st->x;
	st->ilay = *lay;
	st->ind.lay = &st->ilay;
}

static bool is_appendix_title(const char *text)
{
	char *key = vi_fold_dup(text, VI_FOLD_PUNCT);
	bool yes = strncmp(key, "phu luc", 7) == 0 && (!key[7] || key[7] == ' ');

	free(key);
	return yes;
}

/*
 * A table in the body of a plan (before any "Phụ lục" title) sits in a
 * roman part ("III. TIẾN ĐỘ THỰC HIỆN"): its rows' refs start with that
 * part's number and their section is its title, as for prose items.
 */
static void body_part(struct tables *st, size_t b)
{
	const struct doc *d = st->x->doc;
	size_t k;

	for (k = 0; k < b; k++)
		if (d->blocks.v[k].kind == BLOCK_PARA && is_appendix_title(d->blocks.v[k].text))
			return;
	for (k = b; k-- > 0;) {
		const struct doc_block *blk = &d->blocks.v[k];

		if (blk->kind != BLOCK_PARA || blk->num != NUM_ROMAN || !blk->num_label)
			continue;
		str_set(&st->a.roman, blk->num_label);
		str_set(&st->a.roman_title, blk->body);
		extract_note(st->x, blk->line, "table in the body under part %s", blk->num_label);
		return;
	}
}

/* Reads one table block (block index b). */
static void one_table(struct tables *st, size_t b, const struct doc_table *tb)
{
	int line = st->x->doc->blocks.v[b].line;
	struct extract_ctx *x = st->x;
	struct layout lay = { 0 };
	long h = tbl_find_header(tb, &lay);
	enum table_kind kind = lay.kind;

	if (h < 0 && st->alay.kind == T_ASSIGN && tbl_continues(&st->alay, tb)) {
		extract_note(x, line, "table without a header: read as the assignment table above");
		tbl_run_assign(&st->a, tb, 0);
		return;
	}
	if (h < 0) {
		extract_note(x, line, "table without a known header: ignored");
		return;
	}
	if (tbl_same_layout(&lay, kind == T_ASSIGN ? &st->alay : &st->ilay)) {
		/* The same header again: one table cut in two by the export. */
		extract_note(x, line, "table continued under a repeated header");
		tbl_layout_release(&lay);
	} else if (kind == T_ASSIGN) {
		extract_note(x, line, "assignment table");
		start_assign(st, &lay);
		body_part(st, b);
	} else {
		extract_note(x, line, "indicator table");
		start_indicators(st, &lay);
	}
	if (kind == T_ASSIGN)
		tbl_run_assign(&st->a, tb, (size_t)h + 1);
	else
		tbl_run_indicators(&st->ind, tb, (size_t)h + 1);
}

void extract_tables(struct extract_ctx *x)
{
	struct tables st = { .x = x };
	size_t b;

	for (b = 0; b < x->doc->blocks.n; b++) {
		const struct doc_block *blk = &x->doc->blocks.v[b];
		struct doc_table *spread;

		if (blk->kind != BLOCK_TABLE || !blk->table || !blk->table->rows.n)
			continue;
		spread = tbl_spread_spans(blk->table);
		one_table(&st, b, spread ? spread : blk->table);
		tbl_free_spread(spread);
	}
	tbl_assign_release(&st.a);
	tbl_indic_release(&st.ind);
	tbl_layout_release(&st.alay);
	tbl_layout_release(&st.ilay);
}
