/*
 * completeness.h - reporting completeness and timeliness (DHIS2 style).
 *
 * Who must report is known in advance: each agency that leads a task owes a
 * report for each period the plan reports on. Given those expectations
 * (agency x period, with the report's due date) and the reports received
 * (agency x period, with the day received), this module counts, overall and
 * per agency: expected, received, received on time (on or before the due
 * date), their rates, and lists who has not reported. Agencies are matched
 * through the folding key.
 *
 * Ownership: a struct completeness owns copies of every name given to it;
 * names it hands out stay valid until completeness_free().
 */
#ifndef DONDOC_COMPLETENESS_H
#define DONDOC_COMPLETENESS_H

#include <stdbool.h>
#include <stddef.h>

#include "track/period.h"

struct completeness;

struct completeness_counts {
	size_t expected;
	size_t received; /* expected reports that came in (at any date) */
	size_t on_time; /* ... on or before their due date */
	size_t unexpected; /* reports nobody expected (not in the rates) */
};

/* One expected report that has not come in. */
struct completeness_gap {
	const char *agency; /* owned by the struct completeness */
	struct period period;
	int due;
	bool overdue; /* today is after due */
};

struct completeness *completeness_new(void);
void completeness_free(struct completeness *c);

/**
 * Agency must report period p by due (a day; CAL_NONE = period_due(p,
 * PERIOD_DUE_WORKING_DAYS)). Expecting the same agency and period again
 * changes nothing.
 */
void completeness_expect(struct completeness *c, const char *agency, const struct period *p,
			 int due);

/**
 * Agency's report for p came in on day received (CAL_NONE = undated: counts
 * as received, not on time). When several come in, the earliest counts.
 * Returns 0, or -ERR_NOTFOUND when no such report was expected (it is then
 * counted in `unexpected` only).
 */
int completeness_receive(struct completeness *c, const char *agency, const struct period *p,
			 int received);

void completeness_totals(const struct completeness *c, struct completeness_counts *out);
/** received / expected; false (and 0) when nothing is expected. */
bool completeness_rate(const struct completeness_counts *k, double *out);
/** on_time / expected (DHIS2's timeliness); false when nothing is expected. */
bool completeness_timeliness(const struct completeness_counts *k, double *out);

/** Agencies with expectations or receipts, in first-seen order. */
size_t completeness_agency_count(const struct completeness *c);
const char *completeness_agency(const struct completeness *c, size_t i);
void completeness_agency_counts(const struct completeness *c, size_t i,
				struct completeness_counts *out);

/**
 * The expected reports not received, in the order expected, in a new array
 * *out (free() it; NULL when none); overdue is judged against today.
 * Returns the count.
 */
size_t completeness_missing(const struct completeness *c, int today, struct completeness_gap **out);

#endif
