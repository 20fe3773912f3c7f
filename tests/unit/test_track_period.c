/*
 * test_track_period.c - reporting windows of Decree 09/2019/NĐ-CP, names,
 * lookups across the 14th/15th and 15/12 boundaries, due dates, and plan
 * reporting labels.
 */
#include "unit.h"
#include "base/err.h"
#include "model/plan.h"
#include "track/calendar.h"
#include "track/period.h"

#define D(s) calendar_iso_day(s)

static void window_is(const char *name, const char *start, const char *end)
{
	struct period p;
	char buf[PERIOD_NAME_LEN];

	if (period_parse(name, &p))
		fail_msg("cannot parse %s", name);
	assert_int_equal(p.start, D(start));
	assert_int_equal(p.end, D(end));
	assert_string_equal(period_format(&p, buf), name);
}

static void windows(void **state)
{
	window_is("2026-07", "2026-06-15", "2026-07-14");
	window_is("2026-01", "2025-12-15", "2026-01-14");
	window_is("2026-12", "2026-11-15", "2026-12-14");
	window_is("2026-03", "2026-02-15", "2026-03-14");
	window_is("2026-Q1", "2025-12-15", "2026-03-14");
	window_is("2026-Q2", "2026-03-15", "2026-06-14");
	window_is("2026-Q3", "2026-06-15", "2026-09-14");
	window_is("2026-Q4", "2026-09-15", "2026-12-14");
	window_is("2026-H1", "2025-12-15", "2026-06-14");
	window_is("2026-H2", "2026-06-15", "2026-12-14");
	window_is("2026-9M", "2025-12-15", "2026-09-14");
	window_is("2026", "2025-12-15", "2026-12-14");
	window_is("2024-02", "2024-01-15", "2024-02-14");
}

static void parse_forms(void **state)
{
	struct period p;
	static const char *const bad[] = {
		"", "26", "202", "2026-", "2026-7", "2026-13", "2026-00", "2026-Q0",
		"2026-Q5", "2026-H0", "2026-H3", "2026-9", "2026-8M", "2026-07x",
		"2026-Q3x", "abcd", "0000", "2026 ", "2026_Q3", "0001-01", "0001",
		"2026-q", "-2026",
	};

	assert_int_equal(period_parse("2026-q3", &p), 0);
	assert_int_equal(p.kind, PERIOD_QUARTER);
	assert_int_equal(p.index, 3);
	assert_int_equal(period_parse("2026-h2", &p), 0);
	assert_int_equal(p.kind, PERIOD_HALF);
	assert_int_equal(period_parse("2026-9m", &p), 0);
	assert_int_equal(p.kind, PERIOD_NINE_MONTHS);
	assert_int_equal(period_parse("2026", &p), 0);
	assert_int_equal(p.kind, PERIOD_YEAR);
	assert_int_equal(p.year, 2026);
	assert_int_equal(period_parse("9999-12", &p), 0);
	assert_int_equal(period_parse("0002-01", &p), 0);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (period_parse(bad[i], &p) != -ERR_INPUT)
			fail_msg("accepted %s", bad[i]);
	assert_int_equal(period_parse(NULL, &p), -ERR_INPUT);
	assert_int_equal(period_make(PERIOD__COUNT, 2026, 1, &p), -ERR_INPUT);
	assert_int_equal(period_make(PERIOD_YEAR, 2026, 2, &p), -ERR_INPUT);
}

static void label_is(const char *name, const char *want)
{
	struct period p;
	struct sb sb = SB_INIT;

	assert_int_equal(period_parse(name, &p), 0);
	period_label_vi(&p, &sb);
	assert_string_equal(sb.buf, want);
	sb_release(&sb);
}

static void vietnamese_labels(void **state)
{
	label_is("2026-07", "Tháng 7/2026");
	label_is("2026-Q3", "Quý III/2026");
	label_is("2026-Q4", "Quý IV/2026");
	label_is("2026-H1", "6 tháng đầu năm 2026");
	label_is("2026-H2", "6 tháng cuối năm 2026");
	label_is("2026-9M", "9 tháng năm 2026");
	label_is("2026", "Năm 2026");
}

static void containing_is(enum period_kind kind, const char *day, const char *want)
{
	struct period p;
	char buf[PERIOD_NAME_LEN];

	if (period_containing(kind, D(day), &p))
		fail_msg("no %s period for %s", period_kind_name(kind), day);
	assert_string_equal(period_format(&p, buf), want);
	assert_true(p.start <= D(day) && D(day) <= p.end);
}

static void boundaries_14th_15th(void **state)
{
	struct period p;

	containing_is(PERIOD_MONTH, "2026-07-14", "2026-07");
	containing_is(PERIOD_MONTH, "2026-07-15", "2026-08");
	containing_is(PERIOD_MONTH, "2026-07-01", "2026-07");
	containing_is(PERIOD_MONTH, "2026-06-15", "2026-07");
	containing_is(PERIOD_QUARTER, "2026-09-14", "2026-Q3");
	containing_is(PERIOD_QUARTER, "2026-09-15", "2026-Q4");
	containing_is(PERIOD_QUARTER, "2026-03-14", "2026-Q1");
	containing_is(PERIOD_QUARTER, "2026-03-15", "2026-Q2");
	containing_is(PERIOD_HALF, "2026-06-14", "2026-H1");
	containing_is(PERIOD_HALF, "2026-06-15", "2026-H2");
	containing_is(PERIOD_NINE_MONTHS, "2026-09-14", "2026-9M");
	assert_int_equal(period_containing(PERIOD_NINE_MONTHS, D("2026-09-15"), &p), -ERR_NOTFOUND);
	assert_int_equal(period_containing(PERIOD_NINE_MONTHS, D("2026-12-14"), &p), -ERR_NOTFOUND);
	assert_int_equal(period_containing(PERIOD_MONTH, CAL_NONE, &p), -ERR_INPUT);
	/* No window before 15/12/0000 exists. */
	assert_int_equal(period_containing(PERIOD_MONTH, D("0001-01-10"), &p), -ERR_INPUT);
}

static void year_boundary_15_12(void **state)
{
	containing_is(PERIOD_YEAR, "2026-12-14", "2026");
	containing_is(PERIOD_YEAR, "2026-12-15", "2027");
	containing_is(PERIOD_YEAR, "2026-12-31", "2027");
	containing_is(PERIOD_YEAR, "2027-01-01", "2027");
	containing_is(PERIOD_MONTH, "2026-12-15", "2027-01");
	containing_is(PERIOD_MONTH, "2026-12-31", "2027-01");
	containing_is(PERIOD_QUARTER, "2026-12-15", "2027-Q1");
	containing_is(PERIOD_HALF, "2026-12-15", "2027-H1");
	containing_is(PERIOD_HALF, "2026-12-14", "2026-H2");
	containing_is(PERIOD_NINE_MONTHS, "2026-12-15", "2027-9M");
	containing_is(PERIOD_MONTH, "9999-12-14", "9999-12");
	{
		struct period p;

		assert_int_equal(period_containing(PERIOD_MONTH, D("9999-12-15"), &p), -ERR_INPUT);
	}
}

static void next_and_prev(void **state)
{
	struct period p, q;
	char buf[PERIOD_NAME_LEN];

	period_parse("2026-12", &p);
	assert_int_equal(period_next(&p, &q), 0);
	assert_string_equal(period_format(&q, buf), "2027-01");
	assert_int_equal(q.start, p.end + 1);
	assert_int_equal(period_prev(&q, &q), 0);
	assert_true(period_equal(&p, &q));
	period_parse("2026-Q4", &p);
	period_next(&p, &q);
	assert_string_equal(period_format(&q, buf), "2027-Q1");
	period_parse("2026-H1", &p);
	period_prev(&p, &q);
	assert_string_equal(period_format(&q, buf), "2025-H2");
	assert_int_equal(q.end + 1, p.start);
	period_parse("2026-9M", &p);
	period_next(&p, &q);
	assert_string_equal(period_format(&q, buf), "2027-9M");
	period_parse("2026", &p);
	period_prev(&p, &q);
	assert_string_equal(period_format(&q, buf), "2025");
	assert_int_equal(period_parse("9999", &p), 0);
	assert_int_equal(period_next(&p, &q), -ERR_INPUT);
}

/* Month, quarter, half and year windows tile the calendar. */
static void windows_tile(void **state)
{
	for (int k = PERIOD_MONTH; k <= PERIOD_YEAR; k++) {
		struct period p, q;

		if (k == PERIOD_NINE_MONTHS)
			continue;
		assert_int_equal(period_containing((enum period_kind)k, D("2019-03-03"), &p), 0);
		for (int i = 0; i < 40; i++) {
			assert_int_equal(period_next(&p, &q), 0);
			assert_int_equal(q.start, p.end + 1);
			p = q;
		}
	}
}

static void listing(void **state)
{
	struct period *v;
	char buf[PERIOD_NAME_LEN];
	size_t n;

	n = period_list(PERIOD_MONTH, D("2026-01-01"), D("2026-03-31"), &v);
	assert_int_equal(n, 4);
	assert_string_equal(period_format(&v[0], buf), "2026-01");
	assert_string_equal(period_format(&v[3], buf), "2026-04");
	free(v);
	n = period_list(PERIOD_YEAR, D("2026-01-01"), D("2026-12-31"), &v);
	assert_int_equal(n, 2);
	assert_string_equal(period_format(&v[0], buf), "2026");
	assert_string_equal(period_format(&v[1], buf), "2027");
	free(v);
	n = period_list(PERIOD_YEAR, D("2026-01-01"), D("2026-12-14"), &v);
	assert_int_equal(n, 1);
	free(v);
	n = period_list(PERIOD_QUARTER, D("2026-03-15"), D("2026-03-15"), &v);
	assert_int_equal(n, 1);
	assert_string_equal(period_format(&v[0], buf), "2026-Q2");
	free(v);
	n = period_list(PERIOD_NINE_MONTHS, D("2026-09-20"), D("2026-12-01"), &v);
	assert_int_equal(n, 0);
	assert_null(v);
	n = period_list(PERIOD_NINE_MONTHS, D("2026-01-01"), D("2027-01-01"), &v);
	assert_int_equal(n, 2);
	free(v);
	assert_int_equal(period_list(PERIOD_MONTH, D("2026-03-01"), D("2026-01-01"), &v), 0);
	assert_int_equal(period_list(PERIOD_MONTH, CAL_NONE, D("2026-01-01"), &v), 0);
	/* The whole calendar: bounded. */
	n = period_list(PERIOD_MONTH, D("0001-01-01"), D("9999-12-31"), &v);
	assert_true(n > 119000 && n <= 120000);
	free(v);
}

static void due_dates(void **state)
{
	struct period p;

	/* H1 2026 ends Sunday 14/6: five working days later is Friday 19/6. */
	period_parse("2026-H1", &p);
	assert_int_equal(period_due(&p, PERIOD_DUE_WORKING_DAYS), D("2026-06-19"));
	period_parse("2026", &p);
	assert_int_equal(period_due(&p, 5), D("2026-12-21"));
	period_parse("2026-01", &p);
	assert_int_equal(period_due(&p, 5), D("2026-01-21"));
	/* The February 2026 report falls over Tết (16-20/2). */
	period_parse("2026-02", &p);
	assert_int_equal(period_due(&p, 5), D("2026-02-27"));
	assert_int_equal(period_due(&p, 0), D("2026-02-14"));
}

static void reporting_is(const char *label, const char *due, const char *want)
{
	struct period p;
	char buf[PERIOD_NAME_LEN];

	if (period_from_reporting(label, due, &p))
		fail_msg("no period for %s %s", label, due);
	assert_string_equal(period_format(&p, buf), want);
}

static void plan_reporting_labels(void **state)
{
	struct period p;

	reporting_is("6 tháng đầu năm", "2024-06-15", "2024-H1");
	reporting_is("cả năm", "2024-12-15", "2024");
	reporting_is("06 THÁNG ĐẦU NĂM", "2024-06-20", "2024-H1");
	reporting_is("sau thang dau nam", "2024-06-10", "2024-H1");
	reporting_is("6 tháng cuối năm", "2026-12-10", "2026-H2");
	reporting_is("6 tháng", "2026-12-18", "2026-H2");
	reporting_is("9 tháng", "2026-09-20", "2026-9M");
	reporting_is("chín tháng", "2026-09-10", "2026-9M");
	reporting_is("Quý II", "2026-06-20", "2026-Q2");
	reporting_is("quý 3", "2026-09-18", "2026-Q3");
	reporting_is("quý", "2026-04-05", "2026-Q1");
	reporting_is("hằng quý", "2026-06-16", "2026-Q2");
	reporting_is("tháng", "2026-03-20", "2026-03");
	reporting_is("tháng 5/2026", "2026-05-20", "2026-05");
	reporting_is("năm", "2024-12-10", "2024");
	reporting_is("tổng kết năm", "2025-01-05", "2024");
	/* A due date early in the next year still closes the year before. */
	reporting_is("cả năm", "2025-01-10", "2024");
	assert_int_equal(period_from_reporting("kết quả thực hiện Kế hoạch", "2026-11-25", &p),
			 -ERR_NOTFOUND);
	assert_int_equal(period_from_reporting("", "2026-11-25", &p), -ERR_NOTFOUND);
	assert_int_equal(period_from_reporting(NULL, "2026-11-25", &p), -ERR_NOTFOUND);
	assert_int_equal(period_from_reporting("cả năm", "", &p), -ERR_INPUT);
	assert_int_equal(period_from_reporting("cả năm", NULL, &p), -ERR_INPUT);
	assert_int_equal(period_from_reporting("cả năm", "15/12/2024", &p), -ERR_INPUT);
}

static void kinds(void **state)
{
	unsigned set = 99;
	enum period_kind k;

	assert_int_equal(period_kinds_parse("monthly, quarterly", &set), 0);
	assert_int_equal(set, PERIOD_BIT(PERIOD_MONTH) | PERIOD_BIT(PERIOD_QUARTER));
	assert_int_equal(period_kinds_parse("tháng,Năm,6 tháng", &set), 0);
	assert_int_equal(set, PERIOD_BIT(PERIOD_MONTH) | PERIOD_BIT(PERIOD_YEAR) |
				      PERIOD_BIT(PERIOD_HALF));
	assert_int_equal(period_kinds_parse("", &set), 0);
	assert_int_equal(set, 0);
	assert_int_equal(period_kinds_parse("weekly", &set), -ERR_INPUT);
	assert_int_equal(period_kinds_parse(NULL, &set), -ERR_INPUT);
	assert_int_equal(period_kind_parse("quý", &k), 0);
	assert_int_equal(k, PERIOD_QUARTER);
	assert_int_equal(period_kind_parse("half-yearly", &k), 0);
	assert_int_equal(k, PERIOD_HALF);
	assert_int_equal(period_kind_parse("9 THÁNG", &k), 0);
	assert_int_equal(k, PERIOD_NINE_MONTHS);
	assert_string_equal(period_kind_name(PERIOD_YEAR), "yearly");
	assert_string_equal(period_kind_name(PERIOD__COUNT), "");
}

static void kinds_of_plan(void **state)
{
	struct plan p;

	plan_init(&p);
	assert_int_equal(period_kinds_of_plan(&p), PERIOD_BIT(PERIOD_HALF) | PERIOD_BIT(PERIOD_YEAR));
	plan_add_reporting(&p, "quý", NULL);
	plan_add_reporting(&p, "năm", NULL);
	plan_add_reporting(&p, "kết quả thực hiện Kế hoạch", "2026-11-25");
	assert_int_equal(period_kinds_of_plan(&p), PERIOD_BIT(PERIOD_QUARTER) | PERIOD_BIT(PERIOD_YEAR));
	plan_release(&p);
	plan_init(&p);
	plan_add_reporting(&p, "kết quả thực hiện Kế hoạch", "2026-11-25");
	assert_int_equal(period_kinds_of_plan(&p), PERIOD_BIT(PERIOD_HALF) | PERIOD_BIT(PERIOD_YEAR));
	plan_release(&p);
}

static void plan_overrides_due(void **state)
{
	struct plan pl;
	struct period h1, y, q2;

	plan_init(&pl);
	plan_add_reporting(&pl, "6 tháng đầu năm", "2024-06-15");
	plan_add_reporting(&pl, "cả năm", "2024-12-15");
	plan_add_reporting(&pl, "quý", NULL);
	period_parse("2024-H1", &h1);
	period_parse("2024", &y);
	period_parse("2024-Q2", &q2);
	assert_int_equal(period_due_in_plan(&pl, &h1, 5), D("2024-06-15"));
	assert_int_equal(period_due_in_plan(&pl, &y, 5), D("2024-12-15"));
	/* Q2 2024 ends Fri 14/6: no plan date, five working days: Fri 21/6. */
	assert_int_equal(period_due_in_plan(&pl, &q2, 5), D("2024-06-21"));
	/* The next year's H1 is not closed by the 2024 date. */
	period_parse("2025-H1", &h1);
	assert_int_equal(period_due_in_plan(&pl, &h1, 5), period_due(&h1, 5));
	assert_int_equal(period_due_in_plan(NULL, &y, 5), period_due(&y, 5));
	plan_release(&pl);
}

/* Arbitrary bytes as labels: no crash, bounded. */
static void hostile_labels(void **state)
{
	struct sb big = SB_INIT;
	struct period p;
	char junk[64];

	for (int i = 0; i < 100000; i++)
		sb_adds(&big, "quý 6 tháng ");
	assert_int_equal(period_from_reporting(big.buf, "2026-06-20", &p), 0);
	sb_release(&big);
	for (int i = 0; i < 63; i++)
		junk[i] = (char)(0x80 + i);
	junk[63] = '\0';
	period_from_reporting(junk, "2026-06-20", &p);
	period_parse(junk, &p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(windows),
		cmocka_unit_test(parse_forms),
		cmocka_unit_test(vietnamese_labels),
		cmocka_unit_test(boundaries_14th_15th),
		cmocka_unit_test(year_boundary_15_12),
		cmocka_unit_test(next_and_prev),
		cmocka_unit_test(windows_tile),
		cmocka_unit_test(listing),
		cmocka_unit_test(due_dates),
		cmocka_unit_test(plan_reporting_labels),
		cmocka_unit_test(kinds),
		cmocka_unit_test(kinds_of_plan),
		cmocka_unit_test(plan_overrides_due),
		cmocka_unit_test(hostile_labels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
