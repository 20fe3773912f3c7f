/*
 * table_int.h - what the table pass's files share (not a public interface:
 * extract.h declares the pass, extract_tables()).
 *
 *   table_layout.c     header rows and column layout (roles, periods,
 *                      repeated headers, spanning cells), cells and labels
 *   table_assign.c     assignment rows: one task per numbered row, with
 *                      merged, shifted and continued cells repaired
 *   table_indicator.c  indicator rows: one indicator per row, targets per
 *                      year or period
 *   table.c            the driver: which table is what, tables cut in two
 *
 * Header words are data: data/headers.tsv, compiled in by scripts/gen-headers.
 */
#ifndef DONDOC_TABLE_INT_H
#define DONDOC_TABLE_INT_H

#include "extract/extract.h"
#include "ingest/doc.h"
#include "base/sb.h"

/* What a column holds, from its header. */
enum role {
	R_NONE, /* no header: a cell here was shifted */
	R_TT,
	R_TEXT, /* task text or indicator name */
	R_LEADER,
	R_SUPERVISOR,
	R_LEAD,
	R_COORD,
	R_TIME,
	R_RESULT,
	R_UNIT,
	R_TARGET,
	R_NOTE, /* a named column nobody reads: "Ghi chú", "Kinh phí" */
	R_PERIOD, /* a target for one year or period: "Năm 2027", "Giai đoạn 2026-2030" */
	R_STATUS, /* a tracker's state of the task: "Tình trạng" */
	R_COUNT
};

enum table_kind { T_OTHER, T_ASSIGN, T_INDICATOR };

#define PERIOD_LEN 24
#define MUNIT_LEN 48

/* What a target column is for: its period and, when a year gives two
 * measures (quantity and value), which one and its unit. */
struct colx {
	char period[PERIOD_LEN]; /* "2027", "2026-2030"; "" none */
	char unit[MUNIT_LEN]; /* the measure's unit from the sub-header; "" none */
	int measure; /* 0, 1, … within its period */
	bool has_measure;
	bool baseline; /* a past figure, not a target: "Thực hiện năm 2025", "Hiện trạng" */
	/* Under a time header split in two ("Thời gian" over "Bắt đầu" and "Hoàn
	 * thành"): 1 the window's start column, 2 its end; 0 otherwise. */
	int window;
};

/* The column layout read from a header row. */
struct layout {
	enum table_kind kind;
	enum role *roles; /* per column */
	struct colx *cx; /* per column */
	size_t ncols;
	int col[R_COUNT]; /* first column of each role, -1 when absent */
	bool deadline; /* the time column is a deadline ("Hạn xử lý"): a date is its last day */
};

/* The fields of an assignment row. */
enum field { F_LEADER, F_SUPERVISOR, F_LEAD, F_COORD, F_TIME, F_RESULT, F_COUNT };

/* Values carried down to rows whose merged cells were lost. */
struct carry {
	char *leader;
	char *supervisor;
	struct strlist lead, lead_groups;
	struct due *due;
	int line[F_COUNT];
	unsigned sec[F_COUNT];
};

struct assign {
	struct extract_ctx *x;
	const struct layout *lay;
	char *roman, *roman_title;
	char *group, *group_title;
	unsigned section; /* bumped at every section row */
	unsigned seq; /* rows numbered so far in a table without a TT column */
	char *num; /* label of the last numbered task, parent of "a)" and "-" rows */
	char *last_tt; /* the number cell of the last task, for rows under its merge */
	unsigned sub; /* "-" rows under it so far */
	bool merges; /* the table knows its vertical merges: no guessing */
	/* The last task's text and result while continuation rows add to
	 * them (built here so that many rows cost linear time). */
	struct sb more_text, more_result;
	bool pending;
	struct carry carry;
	size_t last; /* index of the last task + 1; 0: none */
	unsigned last_inherited; /* bit per field */
};

#define IND_DEPTH 3

struct indic {
	struct extract_ctx *x;
	const struct layout *lay;
	char *ref[IND_DEPTH];
	unsigned kids[IND_DEPTH];
	size_t last; /* index + 1 of the last indicator */
};

/* table_layout.c */
void tbl_layout_release(struct layout *l);
enum role tbl_role_at(const struct layout *l, size_t c);
bool tbl_is_repeat_header(const struct layout *l, const struct doc_row *row);
const char *tbl_cell_at(const struct doc_row *row, int c);
int tbl_clip(const char *s, size_t max);
bool tbl_is_roman(const char *s);
bool tbl_ocr_roman(const char *tt, char *out, size_t outlen);
bool tbl_is_letter(const char *s);
bool tbl_is_arabic(const char *s);
char *tbl_clean_label(const char *s);
size_t tbl_roman_prefix(const char *s);
bool tbl_is_marker(const char *s);
bool tbl_row_empty(const struct doc_row *row);
bool tbl_is_numbering_row(const struct doc_row *row);
bool tbl_only_cells(const struct doc_row *row, int a, int b);
char *tbl_join_path(const char *prefix, const char *label);
void tbl_append_text(char **slot, const char *s);
long tbl_find_header(const struct doc_table *tb, struct layout *lay);
bool tbl_continues(const struct layout *l, const struct doc_table *tb);
struct doc_table *tbl_spread_spans(const struct doc_table *tb);
void tbl_free_spread(struct doc_table *t);
bool tbl_same_layout(const struct layout *l, const struct layout *m);
/* "x | test nhập liệu", "Tổng cộng: 6 nhiệm vụ": what the row is when it is no task, else NULL. */
const char *tbl_junk_kind(const char *tt, const char *text);

/* table_assign.c */
void tbl_assign_release(struct assign *a);
void tbl_run_assign(struct assign *a, const struct doc_table *tb, size_t from);

/* table_indicator.c */
void tbl_indic_release(struct indic *s);
void tbl_run_indicators(struct indic *s, const struct doc_table *tb, size_t from);

#endif
