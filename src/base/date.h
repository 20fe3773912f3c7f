/*
 * date.h - the one date module: civil dates as day numbers, ISO "YYYY-MM-DD"
 * and Vietnamese "15/07/2026" formats.
 *
 * A date is held as a plain int: the number of days since 1970-01-01
 * (proleptic Gregorian), which makes comparing and subtracting dates
 * ordinary arithmetic. Valid dates run from 0001-01-01 to 9999-12-31;
 * CAL_NONE stands for "no date" (a JSON null, an unparsable string). The
 * names keep their calendar_ prefix (track/calendar.h adds the working-day
 * calendar on top). Pure: no I/O, no allocation, no global state.
 */
#ifndef DONDOC_DATE_H
#define DONDOC_DATE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/* "No date". Every function taking a day returns CAL_NONE (or false, or an
 * error) when given CAL_NONE or a day outside the valid range. */
#define CAL_NONE INT_MIN
/* Bytes of an ISO date "YYYY-MM-DD" with its NUL. */
#define CAL_ISO_LEN 11

/** Day number of y-m-d, or CAL_NONE when it is not a real date in 1..9999. */
int calendar_from_ymd(int y, int m, int d);
/** Splits a valid day into year, month (1-12) and day (1-31); false for
 *  CAL_NONE or an out-of-range day (outputs then untouched). */
bool calendar_to_ymd(int day, int *y, int *m, int *d);
/** True when day is a valid day number (not CAL_NONE, within 1..9999). */
bool calendar_valid(int day);

struct sb;
/** Appends day as Vietnamese reports print dates, "15/07/2026" ("-" when invalid). */
void calendar_add_vi(struct sb *out, int day);

/**
 * Parses exactly "YYYY-MM-DD" (four-digit year, two-digit month and day, a
 * real calendar date) into *day. Returns 0, or -ERR_INPUT (then *day is
 * CAL_NONE). s may be NULL.
 */
int calendar_parse_iso(const char *s, int *day);
/** The day of an ISO date, or CAL_NONE for NULL, "" or anything invalid: the
 *  form for the optional dates of plan/1 ("" = null). */
int calendar_iso_day(const char *s);
/** Writes day as "YYYY-MM-DD" into out (CAL_ISO_LEN bytes); "" for an
 *  invalid day. Returns out. */
char *calendar_format_iso(int day, char *out);

/** ISO weekday: 1 = Monday .. 7 = Sunday; 0 for an invalid day. */
int calendar_weekday(int day);
/** day + n, or CAL_NONE when either is invalid or the result leaves the
 *  valid range. */
int calendar_add_days(int day, int n);
/** Days in month m (1-12) of year y; 0 for a bad month. */
int calendar_days_in_month(int y, int m);

#endif
