/*
 * calendar.c - Vietnam's public holidays and working days, over the day
 * numbers of base/date.h. A year's holidays
 * are built on demand into a small sorted list (at most a couple of dozen
 * days), so there is no cache and no global state; functions that walk many
 * days keep one year's list in a local and rebuild it when the year changes.
 */
#include "base/compat.h"

#include "base/err.h"
#include "track/calendar.h"
#include "base/sb.h"


/*
 * Tết Nguyên đán (lunar 1/1) and Giỗ Tổ Hùng Vương (lunar 10/3) as Gregorian
 * dates. Computed with Hồ Ngọc Đức's published algorithm for the Vietnamese
 * lunar calendar (new moons after Jean Meeus, "Astronomical Algorithms",
 * reckoned at UTC+7, the meridian Vietnam's calendar uses since 1968), then
 * checked against the dates announced for 2015-2026. UTC+7 matters: in 2030
 * the new moon falls at 23:07 Hanoi time on 2 February, so Tết is on 2/2 in
 * Vietnam and on 3/2 in China. Leap months are accounted for (2020 had a
 * leap 4th month, 2023 a leap 2nd month: Giỗ Tổ 2023 was on 29/4).
 */
static const struct lunar_row {
	short year;
	unsigned char tet_m, tet_d, hung_m, hung_d;
} lunar_table[] = {
	{ 2015, 2, 19, 4, 28 },
	{ 2016, 2, 8, 4, 16 },
	{ 2017, 1, 28, 4, 6 },
	{ 2018, 2, 16, 4, 25 },
	{ 2019, 2, 5, 4, 14 },
	{ 2020, 1, 25, 4, 2 },
	{ 2021, 2, 12, 4, 21 },
	{ 2022, 2, 1, 4, 10 },
	{ 2023, 1, 22, 4, 29 },
	{ 2024, 2, 10, 4, 18 },
	{ 2025, 1, 29, 4, 7 },
	{ 2026, 2, 17, 4, 26 },
	{ 2027, 2, 6, 4, 16 },
	{ 2028, 1, 26, 4, 4 },
	{ 2029, 2, 13, 4, 23 },
	{ 2030, 2, 2, 4, 12 },
	{ 2031, 1, 23, 4, 1 },
	{ 2032, 2, 11, 4, 19 },
	{ 2033, 1, 31, 4, 9 },
	{ 2034, 2, 19, 4, 28 },
	{ 2035, 2, 8, 4, 17 },
	{ 2036, 1, 28, 4, 6 },
	{ 2037, 2, 15, 4, 24 },
	{ 2038, 2, 4, 4, 13 },
	{ 2039, 1, 24, 4, 3 },
	{ 2040, 2, 12, 4, 20 },
};

static int year_of(int day)
{
	int y = 0;

	calendar_to_ymd(day, &y, NULL, NULL);
	return y;
}

bool calendar_is_weekend(int day)
{
	return calendar_weekday(day) >= 6;
}

static const struct lunar_row *lunar_row(int year)
{
	if (year < CAL_LUNAR_FIRST || year > CAL_LUNAR_LAST)
		return NULL;
	return &lunar_table[year - CAL_LUNAR_FIRST];
}

bool calendar_lunar_known(int year)
{
	return lunar_row(year) != NULL;
}

int calendar_tet(int year)
{
	const struct lunar_row *r = lunar_row(year);

	return r ? calendar_from_ymd(year, r->tet_m, r->tet_d) : CAL_NONE;
}

int calendar_hung_kings(int year)
{
	const struct lunar_row *r = lunar_row(year);

	return r ? calendar_from_ymd(year, r->hung_m, r->hung_d) : CAL_NONE;
}

/* One year's holidays, sorted by day. 11 statutory days plus at most one
 * compensating day each. */
struct yearhol {
	int year;
	size_t n;
	int day[24];
	unsigned char kind[24];
};

static bool yh_find(const struct yearhol *h, int day, size_t *at)
{
	for (size_t i = 0; i < h->n; i++) {
		if (h->day[i] == day) {
			if (at)
				*at = i;
			return true;
		}
	}
	return false;
}

static void yh_add(struct yearhol *h, int day, enum cal_holiday kind)
{
	size_t i;

	if (day == CAL_NONE || h->n >= ARRAY_SIZE(h->day) || yh_find(h, day, NULL))
		return;
	for (i = h->n; i > 0 && h->day[i - 1] > day; i--) {
		h->day[i] = h->day[i - 1];
		h->kind[i] = h->kind[i - 1];
	}
	h->day[i] = day;
	h->kind[i] = (unsigned char)kind;
	h->n++;
}

/*
 * The second day of Quốc khánh (Labour Code 2019, Art. 112(1)(đ): "02 ngày:
 * ngày 02 tháng 9 dương lịch và 01 ngày liền kề trước hoặc sau"). The law
 * leaves the choice to the Prime Minister's yearly notice; dondoc picks the
 * neighbour that is a working day, and when both are, the one next to a
 * weekend (Monday or Friday), else the day after. This reproduces the notices
 * for 2021-2025 (3/9, 1/9, 1/9, 3/9, 1/9).
 */
static int national_day_neighbour(int y)
{
	int sep2 = calendar_from_ymd(y, 9, 2);
	int before = sep2 - 1, after = sep2 + 1;
	bool wb = !calendar_is_weekend(before), wa = !calendar_is_weekend(after);

	if (wb && !wa)
		return before;
	if (wa && !wb)
		return after;
	if (calendar_weekday(before) == 1)
		return before;
	return after;
}

static void build_year(int y, struct yearhol *h)
{
	int base[16];
	size_t nbase;
	int tet = calendar_tet(y);

	memset(h, 0, sizeof(*h));
	h->year = y;
	if (y < 1 || y > 9999)
		return;
	yh_add(h, calendar_from_ymd(y, 1, 1), CAL_NEW_YEAR);
	/* Tết: 5 days (Art. 112(1)(b)); dondoc takes the last day of the old year
	 * and mùng 1-4, the span most yearly notices centre on. */
	if (tet != CAL_NONE)
		for (int i = -1; i <= 3; i++)
			yh_add(h, tet + i, CAL_TET);
	yh_add(h, calendar_hung_kings(y), CAL_HUNG_KINGS);
	yh_add(h, calendar_from_ymd(y, 4, 30), CAL_REUNIFICATION);
	yh_add(h, calendar_from_ymd(y, 5, 1), CAL_LABOUR);
	yh_add(h, calendar_from_ymd(y, 9, 2), CAL_NATIONAL_DAY);
	/* The second day of Quốc khánh exists from 2021, when the 2019 code came
	 * into force. */
	if (y >= 2021)
		yh_add(h, national_day_neighbour(y), CAL_NATIONAL_DAY);

	/* Art. 111(3): a holiday on a weekly rest day is compensated on the next
	 * working day. Walk the statutory days in order so that compensations
	 * for a holiday run (Tết) line up after it. */
	nbase = h->n;
	memcpy(base, h->day, nbase * sizeof(base[0]));
	for (size_t i = 0; i < nbase; i++) {
		int d = base[i];

		if (!calendar_is_weekend(d))
			continue;
		do
			d++;
		while (calendar_is_weekend(d) || yh_find(h, d, NULL));
		yh_add(h, d, CAL_COMPENSATION);
	}
}

static enum cal_holiday holiday_in(struct yearhol *h, int day)
{
	int y = year_of(day);
	size_t at;

	if (h->year != y)
		build_year(y, h);
	return yh_find(h, day, &at) ? (enum cal_holiday)h->kind[at] : CAL_NOT_HOLIDAY;
}

enum cal_holiday calendar_holiday(int day)
{
	struct yearhol h = { .year = 0 };

	if (!calendar_valid(day))
		return CAL_NOT_HOLIDAY;
	return holiday_in(&h, day);
}

const char *calendar_holiday_name(enum cal_holiday h)
{
	switch (h) {
	case CAL_NEW_YEAR: return "Tết Dương lịch";
	case CAL_TET: return "Tết Nguyên đán";
	case CAL_HUNG_KINGS: return "Giỗ Tổ Hùng Vương";
	case CAL_REUNIFICATION: return "Ngày Chiến thắng";
	case CAL_LABOUR: return "Ngày Quốc tế lao động";
	case CAL_NATIONAL_DAY: return "Quốc khánh";
	case CAL_COMPENSATION: return "Nghỉ bù";
	case CAL_NOT_HOLIDAY: break;
	}
	return "";
}

static bool working_in(struct yearhol *h, int day)
{
	return calendar_valid(day) && !calendar_is_weekend(day) &&
	       holiday_in(h, day) == CAL_NOT_HOLIDAY;
}

bool calendar_is_working_day(int day)
{
	struct yearhol h = { .year = 0 };

	return working_in(&h, day);
}

/* Walks day by day; the walk is bounded by the valid range (about 3.6 million
 * days), and each step costs a scan of one year's ~20 holidays. */
int calendar_add_working_days(int day, int n)
{
	struct yearhol h = { .year = 0 };
	int step = n < 0 ? -1 : 1;
	long left = n < 0 ? -(long)n : n;

	if (!calendar_valid(day))
		return CAL_NONE;
	while (left > 0) {
		day += step;
		if (!calendar_valid(day))
			return CAL_NONE;
		if (working_in(&h, day))
			left--;
	}
	return day;
}

#define DAY_MIN (-719162) /* 0001-01-01, as in base/date.c */

/* Monday-Friday days d with 0 <= d - DAY_MIN < k, i.e. the first k days of the
 * range. DAY_MIN (0001-01-01) was a Monday. */
static long weekdays_before(int day)
{
	long k = (long)day - DAY_MIN;
	long full = k / 7, rest = k % 7;

	return full * 5 + (rest > 5 ? 5 : rest);
}

/* Working days in (from, to] for from <= to, both valid. */
static long working_between(int from, int to)
{
	long n = weekdays_before(to + 1) - weekdays_before(from + 1);
	int y1 = year_of(from), y2 = year_of(to);
	struct yearhol h;

	/* Holidays never fall on weekends in the list except statutory days that
	 * did (they are compensated); subtract those that are weekdays. */
	for (int y = y1; y <= y2; y++) {
		build_year(y, &h);
		for (size_t i = 0; i < h.n; i++)
			if (h.day[i] > from && h.day[i] <= to && !calendar_is_weekend(h.day[i]))
				n--;
	}
	return n;
}

long calendar_working_days_between(int from, int to)
{
	if (!calendar_valid(from) || !calendar_valid(to))
		return 0;
	if (from <= to)
		return working_between(from, to);
	/* Backwards the count is of to <= d < from, the days add(-n) steps
	 * over, so that the two functions stay inverse. */
	return -working_between(to - 1, from - 1);
}

