/*
 * test_track_calendar.c - day numbers, ISO dates, holidays and working days.
 *
 * Holiday expectations are checked against the Prime Minister's notices
 * where the rule reproduces them (2021-2025 Quốc khánh, 2023 30/4-3/5,
 * 1/1/2022 compensated on 3/1, Tết 2026 on 16-20/2).
 */
#include "unit.h"
#include "base/err.h"
#include "track/calendar.h"

#define D(s) calendar_iso_day(s)

static void iso_round_trip(void **state)
{
	char buf[CAL_ISO_LEN];
	int day;

	assert_int_equal(D("1970-01-01"), 0);
	assert_int_equal(D("1970-01-02"), 1);
	assert_int_equal(D("1969-12-31"), -1);
	assert_int_equal(D("2000-03-01") - D("2000-02-28"), 2);
	assert_int_equal(D("2026-02-17"), 20501);
	assert_string_equal(calendar_format_iso(20501, buf), "2026-02-17");
	assert_string_equal(calendar_format_iso(D("0001-01-01"), buf), "0001-01-01");
	assert_string_equal(calendar_format_iso(D("9999-12-31"), buf), "9999-12-31");
	assert_int_equal(calendar_parse_iso("2024-02-29", &day), 0);
	assert_string_equal(calendar_format_iso(day, buf), "2024-02-29");
	assert_string_equal(calendar_format_iso(CAL_NONE, buf), "");
}

static void iso_rejects_bad_dates(void **state)
{
	static const char *const bad[] = {
		"2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
		"2026-01-00", "0000-01-01", "2026-2-17", "2026-02-7", "26-02-17",
		"2026/02/17", "2026-02-17x", " 2026-02-17", "2026-02-1a", "", "2026",
		"2026-02", "+026-02-17",
	};
	int day = 0;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(calendar_parse_iso(bad[i], &day), -ERR_INPUT);
		assert_int_equal(day, CAL_NONE);
		assert_int_equal(D(bad[i]), CAL_NONE);
	}
	assert_int_equal(calendar_parse_iso(NULL, &day), -ERR_INPUT);
	assert_int_equal(D(NULL), CAL_NONE);
	assert_int_equal(calendar_from_ymd(10000, 1, 1), CAL_NONE);
	assert_int_equal(calendar_from_ymd(2026, 2, 29), CAL_NONE);
}

/* Every day of the range converts to y-m-d and back, consecutively. */
static void every_day_round_trips(void **state)
{
	int prev_y = 1, prev_m = 1, prev_d = 0;

	for (int day = D("0001-01-01"); day <= D("9999-12-31"); day++) {
		int y, m, d;

		assert_true(calendar_to_ymd(day, &y, &m, &d));
		if (d != prev_d + 1) {
			assert_int_equal(d, 1);
			assert_int_equal(prev_d, calendar_days_in_month(prev_y, prev_m));
		}
		if (calendar_from_ymd(y, m, d) != day)
			fail_msg("day %d gives %d-%d-%d", day, y, m, d);
		prev_y = y;
		prev_m = m;
		prev_d = d;
	}
	assert_false(calendar_to_ymd(D("0001-01-01") - 1, NULL, NULL, NULL));
	assert_false(calendar_to_ymd(D("9999-12-31") + 1, NULL, NULL, NULL));
	assert_false(calendar_to_ymd(CAL_NONE, NULL, NULL, NULL));
}

static void weekdays_and_add_days(void **state)
{
	assert_int_equal(calendar_weekday(D("1970-01-01")), 4);
	assert_int_equal(calendar_weekday(D("2026-11-22")), 7);
	assert_int_equal(calendar_weekday(D("2026-02-17")), 2);
	assert_int_equal(calendar_weekday(D("0001-01-01")), 1);
	assert_int_equal(calendar_weekday(D("2024-02-29")), 4);
	assert_int_equal(calendar_weekday(CAL_NONE), 0);
	assert_true(calendar_is_weekend(D("2026-11-21")));
	assert_false(calendar_is_weekend(D("2026-11-20")));
	assert_int_equal(calendar_add_days(D("2026-12-31"), 1), D("2027-01-01"));
	assert_int_equal(calendar_add_days(D("2024-03-01"), -1), D("2024-02-29"));
	assert_int_equal(calendar_add_days(D("9999-12-31"), 1), CAL_NONE);
	assert_int_equal(calendar_add_days(D("0001-01-01"), -1), CAL_NONE);
	assert_int_equal(calendar_add_days(CAL_NONE, 1), CAL_NONE);
	assert_int_equal(calendar_add_days(0, INT_MAX), CAL_NONE);
	assert_int_equal(calendar_add_days(0, INT_MIN), CAL_NONE);
	assert_int_equal(calendar_days_in_month(2024, 2), 29);
	assert_int_equal(calendar_days_in_month(2100, 2), 28);
	assert_int_equal(calendar_days_in_month(2000, 2), 29);
	assert_int_equal(calendar_days_in_month(2026, 13), 0);
}

static void lunar_table(void **state)
{
	assert_int_equal(calendar_tet(2024), D("2024-02-10"));
	assert_int_equal(calendar_tet(2025), D("2025-01-29"));
	assert_int_equal(calendar_tet(2026), D("2026-02-17"));
	/* Vietnam (UTC+7) keeps Tết 2030 on 2/2; China's is on 3/2. */
	assert_int_equal(calendar_tet(2030), D("2030-02-02"));
	assert_int_equal(calendar_hung_kings(2023), D("2023-04-29"));
	assert_int_equal(calendar_hung_kings(2026), D("2026-04-26"));
	assert_int_equal(calendar_tet(2014), CAL_NONE);
	assert_int_equal(calendar_tet(2041), CAL_NONE);
	assert_true(calendar_lunar_known(2015));
	assert_true(calendar_lunar_known(2040));
	assert_false(calendar_lunar_known(2041));
	/* Every table row: Tết between 21/1 and 20/2, Giỗ Tổ 68-69 days or a
	 * leap month (29-30 days) more after it. */
	for (int y = CAL_LUNAR_FIRST; y <= CAL_LUNAR_LAST; y++) {
		int tet = calendar_tet(y), hung = calendar_hung_kings(y);

		assert_true(tet >= calendar_from_ymd(y, 1, 21) && tet <= calendar_from_ymd(y, 2, 20));
		assert_true(hung - tet >= 67 && hung - tet <= 100);
		assert_true((hung - tet >= 67 && hung - tet <= 70) || hung - tet >= 96);
	}
}

static void holidays_2026(void **state)
{
	assert_int_equal(calendar_holiday(D("2026-01-01")), CAL_NEW_YEAR);
	assert_int_equal(calendar_holiday(D("2026-02-15")), CAL_NOT_HOLIDAY); /* Sunday */
	for (int d = D("2026-02-16"); d <= D("2026-02-20"); d++) {
		assert_int_equal(calendar_holiday(d), CAL_TET);
		assert_false(calendar_is_working_day(d));
	}
	assert_true(calendar_is_working_day(D("2026-02-23")));
	assert_int_equal(calendar_holiday(D("2026-04-26")), CAL_HUNG_KINGS); /* Sunday */
	assert_int_equal(calendar_holiday(D("2026-04-27")), CAL_COMPENSATION);
	assert_int_equal(calendar_holiday(D("2026-04-30")), CAL_REUNIFICATION);
	assert_int_equal(calendar_holiday(D("2026-05-01")), CAL_LABOUR);
	assert_int_equal(calendar_holiday(D("2026-09-02")), CAL_NATIONAL_DAY);
	/* 2/9/2026 is a Wednesday: neither neighbour touches a weekend, the day
	 * after is taken. */
	assert_int_equal(calendar_holiday(D("2026-09-03")), CAL_NATIONAL_DAY);
	assert_int_equal(calendar_holiday(D("2026-09-01")), CAL_NOT_HOLIDAY);
	assert_true(calendar_is_working_day(D("2026-09-04")));
	assert_string_equal(calendar_holiday_name(CAL_TET), "Tết Nguyên đán");
	assert_string_equal(calendar_holiday_name(CAL_NOT_HOLIDAY), "");
}

static void national_day_neighbours(void **state)
{
	/* The Prime Minister's notices for 2021-2025. */
	assert_int_equal(calendar_holiday(D("2021-09-03")), CAL_NATIONAL_DAY); /* Thu 2/9 */
	assert_int_equal(calendar_holiday(D("2022-09-01")), CAL_NATIONAL_DAY); /* Fri 2/9 */
	assert_int_equal(calendar_holiday(D("2023-09-01")), CAL_NATIONAL_DAY); /* Sat 2/9 */
	assert_int_equal(calendar_holiday(D("2023-09-04")), CAL_COMPENSATION);
	assert_int_equal(calendar_holiday(D("2024-09-03")), CAL_NATIONAL_DAY); /* Mon 2/9 */
	assert_int_equal(calendar_holiday(D("2025-09-01")), CAL_NATIONAL_DAY); /* Tue 2/9 */
	assert_int_equal(calendar_holiday(D("2025-09-03")), CAL_NOT_HOLIDAY);
	/* Sunday 2/9/2029: Monday 3/9 is the second day, Tuesday compensates. */
	assert_int_equal(calendar_holiday(D("2029-09-03")), CAL_NATIONAL_DAY);
	assert_int_equal(calendar_holiday(D("2029-09-04")), CAL_COMPENSATION);
	/* Before the 2019 code took effect, one day only. */
	assert_int_equal(calendar_holiday(D("2020-09-03")), CAL_NOT_HOLIDAY);
	assert_int_equal(calendar_holiday(D("2020-09-01")), CAL_NOT_HOLIDAY);
}

static void compensation_days(void **state)
{
	/* 1/1/2022 was a Saturday: Monday 3/1 off. */
	assert_int_equal(calendar_holiday(D("2022-01-03")), CAL_COMPENSATION);
	/* 2023: Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon -> 2/5 and 3/5 off. */
	assert_int_equal(calendar_holiday(D("2023-04-29")), CAL_HUNG_KINGS);
	assert_int_equal(calendar_holiday(D("2023-05-02")), CAL_COMPENSATION);
	assert_int_equal(calendar_holiday(D("2023-05-03")), CAL_COMPENSATION);
	assert_true(calendar_is_working_day(D("2023-05-04")));
	/* Tết 2024 (Sat 10/2): 9-13/2 plus Wed 14 and Thu 15 for the weekend. */
	assert_int_equal(calendar_holiday(D("2024-02-09")), CAL_TET);
	assert_int_equal(calendar_holiday(D("2024-02-13")), CAL_TET);
	assert_int_equal(calendar_holiday(D("2024-02-14")), CAL_COMPENSATION);
	assert_int_equal(calendar_holiday(D("2024-02-15")), CAL_COMPENSATION);
	assert_true(calendar_is_working_day(D("2024-02-16")));
	/* Outside the lunar table only solar holidays exist. */
	assert_int_equal(calendar_holiday(D("2050-01-01")), CAL_NEW_YEAR);
	assert_int_equal(calendar_holiday(D("2050-05-02")), CAL_COMPENSATION); /* 1/5/2050 Sunday */
	assert_int_equal(calendar_holiday(CAL_NONE), CAL_NOT_HOLIDAY);
	assert_false(calendar_is_working_day(CAL_NONE));
}

static void add_working_days_over_holidays(void **state)
{
	/* Friday before Tết 2026 + 1 working day = the Monday after. */
	assert_int_equal(calendar_add_working_days(D("2026-02-13"), 1), D("2026-02-23"));
	assert_int_equal(calendar_add_working_days(D("2026-02-23"), -1), D("2026-02-13"));
	assert_int_equal(calendar_add_working_days(D("2026-02-14"), 5), D("2026-02-27"));
	/* From a Saturday, 0 stays put. */
	assert_int_equal(calendar_add_working_days(D("2026-02-14"), 0), D("2026-02-14"));
	/* 30/4-1/5 week 2026: Thu 23/4 + 3 = Wed 29/4 (27/4 compensates). */
	assert_int_equal(calendar_add_working_days(D("2026-04-23"), 3), D("2026-04-29"));
	assert_int_equal(calendar_add_working_days(D("2026-04-29"), 1), D("2026-05-04"));
	assert_int_equal(calendar_add_working_days(D("2026-12-31"), 1), D("2027-01-04"));
	assert_int_equal(calendar_add_working_days(CAL_NONE, 1), CAL_NONE);
	assert_int_equal(calendar_add_working_days(D("9999-12-30"), 5), CAL_NONE);
	assert_int_equal(calendar_add_working_days(D("0001-01-02"), -5), CAL_NONE);
}

static void working_days_between_counts(void **state)
{
	assert_int_equal(calendar_working_days_between(D("2026-02-13"), D("2026-02-23")), 1);
	assert_int_equal(calendar_working_days_between(D("2026-02-23"), D("2026-02-13")), -1);
	assert_int_equal(calendar_working_days_between(D("2026-03-02"), D("2026-03-02")), 0);
	/* Mon 2/3 to Mon 9/3/2026: Tue..Fri and Mon = 5. */
	assert_int_equal(calendar_working_days_between(D("2026-03-02"), D("2026-03-09")), 5);
	assert_int_equal(calendar_working_days_between(CAL_NONE, D("2026-03-09")), 0);
	/* 2026 has 261 weekdays; 1/1, Tết 16-20/2, 27/4 (for 26/4), 30/4, 1/5,
	 * 2/9 and 3/9 fall on weekdays: 11 days off. */
	assert_int_equal(calendar_working_days_between(D("2025-12-31"), D("2026-12-31")), 250);
}

/* between() and add() agree, and between() matches counting day by day. */
static void working_days_consistent(void **state)
{
	for (int d = D("2022-12-20"); d <= D("2027-01-10"); d += 3) {
		long naive = 0;

		for (int n = -12; n <= 12; n++) {
			int e = calendar_add_working_days(d, n);

			assert_int_not_equal(e, CAL_NONE);
			if (calendar_working_days_between(d, e) != n)
				fail_msg("day %d n %d", d, n);
		}
		for (int e = d + 1; e <= d + 60; e++) {
			naive += calendar_is_working_day(e);
			assert_int_equal(calendar_working_days_between(d, e), naive);
		}
	}
}

/* Huge spans stay bounded in time and answer CAL_NONE at the range's end. */
static void working_days_bounded(void **state)
{
	assert_int_equal(calendar_add_working_days(D("2026-01-01"), INT_MAX), CAL_NONE);
	assert_int_equal(calendar_add_working_days(D("2026-01-01"), INT_MIN), CAL_NONE);
	assert_true(calendar_working_days_between(D("0001-01-01"), D("9999-12-31")) > 2500000);
	assert_true(calendar_working_days_between(D("9999-12-31"), D("0001-01-01")) < -2500000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(iso_round_trip),
		cmocka_unit_test(iso_rejects_bad_dates),
		cmocka_unit_test(every_day_round_trips),
		cmocka_unit_test(weekdays_and_add_days),
		cmocka_unit_test(lunar_table),
		cmocka_unit_test(holidays_2026),
		cmocka_unit_test(national_day_neighbours),
		cmocka_unit_test(compensation_days),
		cmocka_unit_test(add_working_days_over_holidays),
		cmocka_unit_test(working_days_between_counts),
		cmocka_unit_test(working_days_consistent),
		cmocka_unit_test(working_days_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
