/*
 * plan.h - the plan model: one imported plan document and what it assigns.
 *
 * These are plain structs that mirror the plan/1 exchange format
 * (../shared/spec/plan-json.md): extractors fill them, the store persists
 * them, the JSON codec reads and writes them. Nothing here touches I/O.
 *
 * Ownership: a struct plan owns every string and array reachable from it;
 * plan_release() frees them all. Strings are UTF-8 NFC with white space
 * collapsed; NULL means unknown (JSON null).
 */
#ifndef DONDOC_PLAN_H
#define DONDOC_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/xalloc.h"

/* An ISO date "YYYY-MM-DD", or a partial one ("2026-04", "2026"); "" = null. */
#define DATE_LEN 11

struct strlist {
	char **v;
	size_t n, cap;
};

void strlist_push(struct strlist *l, const char *s);
/** Pushes s unless an entry with the same folding key is already there. */
void strlist_push_unique(struct strlist *l, const char *s);
bool strlist_has(const struct strlist *l, const char *s);
void strlist_release(struct strlist *l);
void strlist_copy(struct strlist *dst, const struct strlist *src);

/* A time frame as printed and as read (see "Time frames" in the spec). */
struct due {
	char *text;
	char start[DATE_LEN];
	char end[DATE_LEN];
	bool recurring;
};

enum target_op { OP_EQ, OP_GE, OP_GT, OP_LE, OP_LT, OP_APPROX, OP_RANGE };

/* A quantified goal: "khoảng 4,060 triệu lượt khách" -> 4060000, "lượt khách", ~. */
struct target {
	char *text;
	bool has_value;
	double value;
	bool has_max; /* OP_RANGE only */
	double max;
	char *unit;
	enum target_op op;
	char *period; /* "2026", "2030", "2026-H1", "2026-2030"; NULL = none stated */
	/* A prose goal's past figure ("từ 20% năm 2025 lên 50% năm 2030": 20,
	 * "2025"): period, text and value only; NULL when none. Our plan/1
	 * extension (docs/extraction.md); owned, freed by target_release. */
	struct target *baseline;
};

struct target_vec {
	struct target *v;
	size_t n, cap;
};

struct task {
	char *ref;
	char *section;
	char *text;
	struct strlist lead, lead_groups;
	struct strlist coordinate, coordinate_groups;
	char *leader;
	char *supervisor;
	struct due *due; /* NULL when the document gives no time frame */
	char *result;
	struct target_vec targets;
	struct strlist doubt;
	/* The state a tracker's status column gave when the task was imported
	 * (our extension to plan/1, "state"): "done", "in_progress",
	 * "not_started", "paused", or the cell as printed when it is none of
	 * those (then doubted). NULL when no status was imported. Not a progress
	 * report: tracking computes its buckets from reports only. */
	char *state;
	int line; /* source line of the task's first row or item; 0 unknown */
	long long id; /* store id once stored; 0 before */
};

struct indicator {
	char *ref;
	char *name;
	char *unit;
	struct target *target; /* NULL when no target is printed; the horizon's one */
	struct target_vec by_period; /* one target per year or period column, in order */
	/* A past figure the targets start from ("Thực hiện năm 2025", "từ 20% năm
	 * 2025"): period, text and value only; NULL when none is printed. Our
	 * plan/1 extension (docs/extraction.md), never a target. */
	struct target *baseline;
	/* The year a baseline that states none ("Hiện trạng", "hiện nay") is
	 * counted at: the year before the plan's year (document.year, else its
	 * date's), the last whole year a plan can state the present of; set by
	 * plan_date_baselines(); 0 = none. Derived, not in plan/1. */
	int baseline_year;
	struct strlist lead, lead_groups;
	struct strlist coordinate, coordinate_groups;
	char *leader;
	int line;
	long long id;
};

struct reporting {
	char *label;
	char due[DATE_LEN]; /* "" = no fixed date (a periodic duty) */
};

struct document {
	char *number;
	char *kind;
	char *issuer;
	char *place;
	char date[DATE_LEN];
	int year; /* 0 = unknown */
	char *title;
};

struct plan {
	struct document doc;
	struct target_vec targets;
	VEC(struct task) tasks;
	VEC(struct indicator) indicators;
	VEC(struct reporting) reporting;
	/* No silent loss (our extension to plan/1, top-level "notes"): content
	 * the extraction could place in no task, one "LINE: what was left out
	 * and why" each, at most PLAN_NOTES_MAX (plan_note() counts the rest in
	 * one last line). Stored with the document. */
	struct strlist notes;
	size_t notes_dropped; /* notes past PLAN_NOTES_MAX, not kept */
	long long id; /* store id once stored; 0 before */
};

#define PLAN_NOTES_MAX 50

void plan_init(struct plan *p);
void plan_release(struct plan *p);

struct task *plan_add_task(struct plan *p);
struct indicator *plan_add_indicator(struct plan *p);
struct target *plan_add_target(struct plan *p);
struct reporting *plan_add_reporting(struct plan *p, const char *label, const char *due);

/**
 * Adds a note "LINE: text" to p->notes (text clipped to a few hundred
 * bytes); past PLAN_NOTES_MAX notes only counts it in p->notes_dropped.
 */
void plan_note(struct plan *p, int line, const char *text);
/** Sets baseline_year of every indicator whose baseline states no period to
 *  the year before the plan's year (doc.year, else the year of doc.date; 0
 *  when neither). */
void plan_date_baselines(struct plan *p);

void task_release(struct task *t);
void indicator_release(struct indicator *ind);
void target_release(struct target *t);
struct due *due_new(const char *text);
void due_free(struct due *d);
struct due *due_dup(const struct due *d);

/** Replaces *slot with a copy of s (NULL allowed), freeing the old value. */
void str_set(char **slot, const char *s);

const char *target_op_str(enum target_op op);
/** Parses "=", ">=", ">", "<=", "<", "~", "range"; returns -1 when unknown. */
int target_op_parse(const char *s, enum target_op *op);

#endif
