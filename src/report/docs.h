/*
 * docs.h - the documents offices exchange, rendered from one "tracked plan".
 *
 * A tracked plan is everything the documents of issue 10 print about one
 * published plan on one day and for one reporting period: the plan as stored
 * (header, sections, tasks, indicators), each task's computed status bucket
 * and lateness, the latest result its lead body reported, what was reported
 * in the period, the difficulties and proposals taken from the reports'
 * notes, indicators with target and actual, and the reporting dates. It may
 * be narrowed to one agency (its tasks as lead and as coordinator) or one
 * leader.
 *
 * The builder is ops_tracked_plan() (src/ops/ops_export.c, declared in
 * ops.h); the renderers below read only this struct, so the builder can later
 * be pointed at other views without touching them.
 *
 * Renderers write a complete file at path (the caller's temporary file,
 * renamed into place once written) or append to an sb; they return 0 or a
 * negative ERR_* with the reason in err.
 */
#ifndef DONDOC_DOCS_H
#define DONDOC_DOCS_H

#include <stdbool.h>
#include <stddef.h>

#include "ops/tracked.h"

struct sb;

/* Fields the clerk may give for the document; NULL leaves the blank a
 * clerk fills by hand ("Số:      /BC-UBND"). */
struct docx_opts {
	const char *number; /* "15/BC-UBND" */
	const char *place; /* "Lào Cai"; default: the plan's place or issuer's province */
	const char *signer; /* the signatory's name */
};

/** The Decree 30 report: consolidated (tp->agency NULL) or the agency's own. */
int docx_report_write(const struct tracked_plan *tp, const struct docx_opts *o, const char *path,
		      struct sb *err);
/** The appendix table with results and status, plus an indicators sheet. */
int xlsx_appendix_write(const struct tracked_plan *tp, const char *path, struct sb *err);
/** RFC 4180 CSV with a UTF-8 BOM: one row per task. */
void csv_tasks_write(const struct tracked_plan *tp, struct sb *out);
/** An RFC 5545 calendar of the deadlines and reporting dates in scope.
 *  now_stamp is the DTSTAMP ("20260101T080000Z"). */
void ics_write(const struct tracked_plan *tp, const char *now_stamp, struct sb *out);
/** The same in parts, for a feed of several plans: the calendar's head
 *  (name: X-WR-CALNAME, NULL for the plan), one plan's events, the end. */
void ics_begin(const char *name, struct sb *out);
void ics_events(const struct tracked_plan *tp, const char *now_stamp, struct sb *out);
void ics_end(struct sb *out);
/** plan/1 JSON with a "tracking" object per task. */
void json_tracked_write(const struct tracked_plan *tp, struct sb *out);

/* Shared by the renderers: one line each, so every document says the same. */
/** "Thường xuyên", the plan's time frame text, or "-". */
const char *doc_task_due_text(const struct doc_task *dt);
/** Appends "a, b; nhóm c" for a task's lead or coordinating bodies. */
void doc_add_bodies(struct sb *out, const struct strlist *bodies, const struct strlist *groups);

#endif
