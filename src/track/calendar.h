/*
 * calendar.h - the Vietnamese working-day calendar over day numbers.
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

#include <stdbool.h>
#include <stddef.h>

/* Civil dates, day numbers, ISO and Vietnamese formats live in base/date.h
 * (one date module for every layer); this header adds the working-day
 * calendar and keeps including it for its callers. */
#include "base/date.h"

/* Years covered by the lunar holiday table. */
#define CAL_LUNAR_FIRST 2015
#define CAL_LUNAR_LAST 2040


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
