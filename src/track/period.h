/*
 * period.h - reporting periods and their data windows (Decree 09/2019/NĐ-CP).
 *
 * A reporting period is named like "2026-07" and covers a window of days that
 * is not the calendar month: Article 12 of Decree 09/2019/NĐ-CP closes the
 * figures on the 14th, so the month 2026-07 runs from 15/6 to 14/7, the
 * quarter 2026-Q3 from 15/6 to 14/9, the six months 2026-H1 from 15/12/2025
 * to 14/6/2026, the nine months 2026-9M from 15/12/2025 to 14/9/2026 and the
 * year 2026 from 15/12/2025 to 14/12/2026. 2026-H2 (not in the decree) is the
 * complement of H1: 15/6 to 14/12. docs/track.md gives the reasons.
 *
 * struct period is a plain value (no owned memory): copy it freely. Days are
 * calendar.h day numbers.
 */
#ifndef DONDOC_PERIOD_H
#define DONDOC_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

struct plan;
struct sb;

enum period_kind {
	PERIOD_MONTH,
	PERIOD_QUARTER,
	PERIOD_HALF, /* index 1 = H1 (cumulative, from 15/12), 2 = H2 */
	PERIOD_NINE_MONTHS, /* cumulative, 15/12 to 14/9 */
	PERIOD_YEAR,
	PERIOD__COUNT
};

/* Sets of kinds: which periods a plan reports on. */
#define PERIOD_BIT(k) (1u << (k))
#define PERIOD_ALL_KINDS ((1u << PERIOD__COUNT) - 1)

struct period {
	enum period_kind kind;
	int year; /* the year the period is named after (2026 for 2026-Q1) */
	int index; /* month 1-12, quarter 1-4, half 1-2; 1 for 9M and year */
	int start, end; /* the data window, both days inclusive */
};

/* Bytes of a period name ("2026-Q3", "2026-9M") with its NUL. */
#define PERIOD_NAME_LEN 12
/* Default working days between a period's end and its report's due date. */
#define PERIOD_DUE_WORKING_DAYS 5

/** Fills *out for kind, year (1..9999) and index. Returns 0 or -ERR_INPUT
 *  (bad index, or a window that leaves the calendar's range). */
int period_make(enum period_kind kind, int year, int index, struct period *out);

/**
 * Parses a period name: "2026" (year), "2026-H1", "2026-H2", "2026-Q3",
 * "2026-07" (month, two digits), "2026-9M". Letters may be lower case.
 * Returns 0 or -ERR_INPUT.
 */
int period_parse(const char *name, struct period *out);
/** Writes the name of p into out (PERIOD_NAME_LEN bytes); returns out. */
char *period_format(const struct period *p, char *out);
/** Appends the Vietnamese name as reports print it: "Tháng 7/2026",
 *  "Quý III/2026", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026",
 *  "9 tháng năm 2026", "Năm 2026". */
void period_label_vi(const struct period *p, struct sb *out);

/** "monthly", "quarterly", "half-yearly", "nine-monthly", "yearly". */
const char *period_kind_name(enum period_kind kind);
/** Parses a kind name above or its Vietnamese word ("tháng", "quý",
 *  "6 tháng", "9 tháng", "năm"). Returns 0 or -ERR_INPUT. */
int period_kind_parse(const char *s, enum period_kind *kind);
/** Parses a comma-separated list of kind names into a PERIOD_BIT set;
 *  returns -ERR_INPUT on an unknown name. "" gives an empty set. */
int period_kinds_parse(const char *s, unsigned *kinds);

/** True when p1 and p2 name the same period. */
bool period_equal(const struct period *a, const struct period *b);

/**
 * The period of kind whose window contains day. Month, quarter, half and year
 * windows tile the calendar, so one always exists; nine-month windows leave
 * 15/9-14/12 uncovered, where -ERR_NOTFOUND is returned. -ERR_INPUT for an
 * invalid day.
 */
int period_containing(enum period_kind kind, int day, struct period *out);

/** The period of the same kind that follows (or precedes) p. For the
 *  nine-month kind, that is the next (previous) year's. */
int period_next(const struct period *p, struct period *out);
int period_prev(const struct period *p, struct period *out);

/**
 * The periods of kind whose windows overlap [from, to] (inclusive), in
 * order, in a new array *out (free() it; NULL when none). Returns the count.
 * Bounded by the calendar's range (at most ~120,000 months).
 */
size_t period_list(enum period_kind kind, int from, int to, struct period **out);

/** The report due date: p's end plus working_days working days
 *  (PERIOD_DUE_WORKING_DAYS by default); CAL_NONE if out of range. */
int period_due(const struct period *p, int working_days);

/**
 * Maps one of a plan's own reporting deadlines (plan/1 "reporting":
 * {"6 tháng đầu năm", "2024-06-15"}) to the period it closes, so its date can
 * override period_due(). The label decides the kind through the folding key
 * ("6 tháng đầu năm", "sáu tháng", "06 tháng" -> H1; "6 tháng cuối năm" ->
 * H2; "9 tháng" -> 9M; "quý II" -> Q2, "quý" -> a quarter; "tháng 5" ->
 * month 5, "tháng"/"hằng tháng" -> a month; "năm", "cả năm", "hằng năm" ->
 * year). The year (and the index when the label gives none) is that of the
 * period whose end is nearest the due date. Returns 0, -ERR_NOTFOUND when
 * the label names no period ("kết quả thực hiện Kế hoạch": a one-off
 * report), or -ERR_INPUT for a bad date.
 */
int period_from_reporting(const char *label, const char *due_iso, struct period *out);

/**
 * The due date of p's report for plan pl: the date of the first of the
 * plan's reporting entries that closes p (period_from_reporting), else
 * period_due(p, working_days). The due date is inclusive: "trước ngày
 * 15/6/2024" is stored as 2024-06-15 and a report on that day is on time.
 */
int period_due_in_plan(const struct plan *pl, const struct period *p, int working_days);

/**
 * The kinds a plan reports on, read from its reporting entries (each label's
 * kind, as period_from_reporting reads it). A plan that states none reports
 * on PERIOD_BIT(PERIOD_HALF) | PERIOD_BIT(PERIOD_YEAR), the provincial
 * default (six-month and year-end reports).
 */
unsigned period_kinds_of_plan(const struct plan *p);

#endif
