/*
 * calendar.h - dates as day numbers, and the Vietnamese working-day calendar.
 *
 * Tracking counts deadlines, reporting windows and lateness in days and in
 * working days. A date is held as a plain int: the number of days since
 * 1970-01-01 (proleptic Gregorian), which makes comparing and subtracting
 * dates ordinary arithmetic. Valid dates run from 0001-01-01 to 9999-12-31;
 * CAL_NONE stands for "no date" (a JSON null, an unparsable string).
 *
 * Working days are Monday to Friday minus the public holidays of the Labour
 * Code 2019 (Bộ luật Lao động 45/2019/QH14, Article 112) and the compensating
 * days off of Article 111(3); the exact rules and their limits are in
 * docs/track.md. The lunar holidays (Tết Nguyên đán, Giỗ Tổ Hùng Vương) come
 * from a table that covers CAL_LUNAR_FIRST..CAL_LUNAR_LAST; outside it only
 * the solar holidays are known (see calendar_lunar_known).
 *
 * Everything here is pure: no I/O, no allocation, no global state.
 */
#ifndef DONDOC_CALENDAR_H
#define DONDOC_CALENDAR_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/* "No date". Every function taking a day returns CAL_NONE (or false, or an
 * error) when given CAL_NONE or a day outside the valid range. */
#define CAL_NONE INT_MIN
/* Bytes of an ISO date "YYYY-MM-DD" with its NUL. */
#define CAL_ISO_LEN 11
/* Years covered by the lunar holiday table. */
#define CAL_LUNAR_FIRST 2015
#define CAL_LUNAR_LAST 2040

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

enum cal_holiday {
	CAL_NOT_HOLIDAY = 0,
	CAL_NEW_YEAR, /* Tết Dương lịch, 1/1 */
	CAL_TET, /* Tết Nguyên đán, 5 days */
	CAL_HUNG_KINGS, /* Giỗ Tổ Hùng Vương, 10/3 lunar */
	CAL_REUNIFICATION, /* Ngày Chiến thắng, 30/4 */
	CAL_LABOUR, /* Ngày Quốc tế lao động, 1/5 */
	CAL_NATIONAL_DAY, /* Quốc khánh, 2/9 and one adjacent day */
	CAL_COMPENSATION, /* nghỉ bù: a holiday fell on a weekend */
};

/** The holiday day falls on (compensating days included), or
 *  CAL_NOT_HOLIDAY. Weekends are not holidays by themselves. */
enum cal_holiday calendar_holiday(int day);
/** The Vietnamese name of a holiday kind ("Tết Nguyên đán"); "" for none. */
const char *calendar_holiday_name(enum cal_holiday h);

/** True when the lunar holidays of year are known (in the table). */
bool calendar_lunar_known(int year);
/** The day of lunar 1/1 (mùng 1 Tết) in year, or CAL_NONE outside the table. */
int calendar_tet(int year);
/** The day of lunar 10/3 (Giỗ Tổ Hùng Vương) in year, or CAL_NONE. */
int calendar_hung_kings(int year);

bool calendar_is_weekend(int day);
/** Monday-Friday and not a holiday. False for an invalid day. */
bool calendar_is_working_day(int day);

/**
 * The n-th working day after day (n > 0) or before it (n < 0); day itself
 * for n == 0, whether or not it is a working day. CAL_NONE when day is
 * invalid or the result leaves the valid range. So a report due "5 working
 * days after the 14th" is calendar_add_working_days(the 14th, 5).
 */
int calendar_add_working_days(int day, int n);

/**
 * Working days d with from < d <= to: how many working days `to` lies after
 * `from` (so a task due on `from` and done on `to` is that many working days
 * late). When to < from, minus the count of to <= d < from (the days
 * stepped over going backwards); 0 when either is invalid. For every
 * valid result, between(d, add_working_days(d, n)) == n.
 */
long calendar_working_days_between(int from, int to);

#endif
