/*
 * extract.h - from a document to a plan: the extraction driver and the
 * context every extractor shares.
 *
 * extract_plan() runs, over one struct doc:
 *   1. extract_header()   document number, kind, issuer, place, date, year, title;
 *   2. extract_tables()   assignment tables (tasks) and indicator tables;
 *   3. extract_prose()    tasks from numbered items, labelled fields,
 *                         agency-led blocks and inline assignments;
 *   4. extract_goals()    plan-wide targets ("Mục tiêu cụ thể"), each task's
 *                         targets, and reporting deadlines;
 * sorting tasks into document order between 3 and 4.
 * Extractors append to ctx->plan and never touch the store or the disk.
 *
 * Explain: with ctx->explain set, every moved cell, inherited value and
 * unplaced row or phrase is reported as "LINE: message" (extract_note()).
 */
#ifndef DONDOC_EXTRACT_H
#define DONDOC_EXTRACT_H

#include <stdbool.h>
#include <stdio.h>

#include "ingest/doc.h"
#include "model/plan.h"

struct agency_registry;
struct sb;

struct extract_ctx {
	const struct doc *doc;
	const struct agency_registry *agencies;
	struct plan *plan;
	unsigned agency_flags; /* AGENCY_FUZZY for OCR'd text, AGENCY_NATIONAL ... */
	bool ocr; /* the text lost its diacritics (scan) */
	int year; /* document.year, for phrases without a year */
	FILE *explain; /* NULL: silent */
};

/**
 * Extracts doc into plan (which must be initialised and empty). explain may be
 * NULL. Returns 0, or -1 with the reason in err when the document holds
 * nothing that reads as a plan (no tasks, indicators or targets).
 */
int extract_plan(const struct doc *doc, const struct agency_registry *agencies,
		 FILE *explain, struct plan *plan, struct sb *err);

/** Reports one extraction decision at a source line (no-op without explain). */
void extract_note(const struct extract_ctx *x, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/**
 * Text of the document that could be placed in no task: reported like
 * extract_note() and, when it is plausibly content (a sentence of several
 * words, not a heading in capitals, a signature, "Nơi nhận" or page
 * furniture), kept in plan->notes as "LINE: why: text" (no silent loss).
 */
void extract_unplaced(const struct extract_ctx *x, int line, const char *why, const char *text);

/** Marks field (a scorer field name: "lead", "due.end", ...) as doubtful. */
void task_doubt(struct task *t, const char *field);

/* The passes, each in its own file. */
void extract_header(struct extract_ctx *x); /* header.c */
void extract_tables(struct extract_ctx *x); /* table.c */
void extract_prose(struct extract_ctx *x); /* prose.c */
void extract_goals(struct extract_ctx *x); /* goals.c */

#endif
