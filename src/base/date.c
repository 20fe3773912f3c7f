/*
 * date.c - civil dates as day numbers, ISO and Vietnamese formats (date.h).
 *
 * Day numbers use Howard Hinnant's days_from_civil / civil_from_days
 * arithmetic (exact for the proleptic Gregorian calendar).
 */
#include "base/compat.h"
#include "base/date.h"
#include "base/err.h"
#include "base/sb.h"

#define DAY_MIN (-719162) /* 0001-01-01 */
#define DAY_MAX 2932896 /* 9999-12-31 */

bool calendar_valid(int day)
{
	return day >= DAY_MIN && day <= DAY_MAX;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int calendar_days_in_month(int y, int m)
{
	static const unsigned char dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

int calendar_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe, mp;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > calendar_days_in_month(y, m))
		return CAL_NONE;
	y -= m <= 2;
	era = y / 400; /* y >= 0 here */
	yoe = y - era * 400;
	mp = (m + 9) % 12;
	doy = (153 * mp + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool calendar_to_ymd(int day, int *y, int *m, int *d)
{
	int z, era, doe, yoe, doy, mp, yy, mm;

	if (!calendar_valid(day))
		return false;
	z = day + 719468; /* >= 306 for valid days, so no negative division */
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	mm = mp < 10 ? mp + 3 : mp - 9;
	yy = yoe + era * 400 + (mm <= 2);
	if (y)
		*y = yy;
	if (m)
		*m = mm;
	if (d)
		*d = doy - (153 * mp + 2) / 5 + 1;
	return true;
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int calendar_parse_iso(const char *s, int *day)
{
	int y, m, d;

	*day = CAL_NONE;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -ERR_INPUT;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0)
		return -ERR_INPUT;
	*day = calendar_from_ymd(y, m, d);
	return *day == CAL_NONE ? -ERR_INPUT : 0;
}

int calendar_iso_day(const char *s)
{
	int day;

	calendar_parse_iso(s, &day);
	return day;
}

char *calendar_format_iso(int day, char *out)
{
	int y, m, d;

	if (!calendar_to_ymd(day, &y, &m, &d))
		out[0] = '\0';
	else
		snprintf(out, CAL_ISO_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u,
			 (unsigned)m % 100u, (unsigned)d % 100u);
	return out;
}

int calendar_weekday(int day)
{
	if (!calendar_valid(day))
		return 0;
	/* 1970-01-01 was a Thursday (4); day + 719468 keeps the operand positive. */
	return (day + 719468 + 2) % 7 + 1;
}

int calendar_add_days(int day, int n)
{
	long long r;

	if (!calendar_valid(day))
		return CAL_NONE;
	r = (long long)day + n;
	return r >= DAY_MIN && r <= DAY_MAX ? (int)r : CAL_NONE;
}

void calendar_add_vi(struct sb *out, int day)
{
	int y, m, d;

	if (calendar_to_ymd(day, &y, &m, &d))
		sb_addf(out, "%02d/%02d/%04d", d, m, y);
	else
		sb_adds(out, "-");
}
