/*
 * test_track_completeness.c - expected, received and on-time reports per
 * agency and period, rates with nothing expected, and who has not reported.
 */
#include "unit.h"

#include <math.h>

#include "base/err.h"
#include "track/calendar.h"
#include "track/completeness.h"
#include "track/period.h"

#define D(s) calendar_iso_day(s)

static void scenario(void **state)
{
	struct completeness *c = completeness_new();
	struct completeness_counts k;
	struct completeness_gap *gaps;
	struct period h1, q2;
	const char *agencies[] = { "Sở Tài chính", "Sở Văn hóa, Thể thao và Du lịch",
				   "Công an tỉnh" };
	double v;
	size_t n;

	period_parse("2024-H1", &h1);
	period_parse("2024-Q2", &q2);
	/* The plan's own date (15/6/2024) for H1, the default for Q2. */
	for (size_t i = 0; i < ARRAY_SIZE(agencies); i++) {
		completeness_expect(c, agencies[i], &h1, D("2024-06-15"));
		completeness_expect(c, agencies[i], &q2, CAL_NONE);
	}
	/* Expecting twice changes nothing. */
	completeness_expect(c, "SỞ TÀI CHÍNH", &h1, D("2024-07-01"));

	/* Sở Tài chính: H1 late, then an earlier-dated copy: on time. */
	assert_int_equal(completeness_receive(c, "Sở Tài chính", &h1, D("2024-06-20")), 0);
	completeness_agency_counts(c, 0, &k);
	assert_int_equal(k.received, 1);
	assert_int_equal(k.on_time, 0);
	assert_int_equal(completeness_receive(c, "so tai chinh", &h1, D("2024-06-14")), 0);
	completeness_agency_counts(c, 0, &k);
	assert_int_equal(k.received, 1);
	assert_int_equal(k.on_time, 1);
	/* A later copy does not undo it. */
	assert_int_equal(completeness_receive(c, "Sở Tài chính", &h1, D("2024-06-30")), 0);
	/* Q2 2024 ends Fri 14/6; due 5 working days later, Fri 21/6. */
	assert_int_equal(completeness_receive(c, "Sở Tài chính", &q2, D("2024-06-21")), 0);
	/* Sở VHTTDL: H1 on the due date; Q2 a day late. */
	completeness_receive(c, "Sở Văn hóa, Thể thao và Du lịch", &h1, D("2024-06-15"));
	completeness_receive(c, "Sở Văn hóa, Thể thao và Du lịch", &q2, D("2024-06-24"));
	/* Công an tỉnh: nothing. An unexpected report from Sở Y tế, and one
	 * for a period nobody asked Công an tỉnh about. */
	{
		struct period m;

		period_parse("2024-05", &m);
		assert_int_equal(completeness_receive(c, "Sở Y tế", &h1, D("2024-06-10")), -ERR_NOTFOUND);
		assert_int_equal(completeness_receive(c, "Công an tỉnh", &m, D("2024-05-20")),
				 -ERR_NOTFOUND);
	}

	completeness_totals(c, &k);
	assert_int_equal(k.expected, 6);
	assert_int_equal(k.received, 4);
	assert_int_equal(k.on_time, 3);
	assert_int_equal(k.unexpected, 2);
	assert_true(completeness_rate(&k, &v));
	assert_true(fabs(v - 4.0 / 6) < 1e-9);
	assert_true(completeness_timeliness(&k, &v));
	assert_true(fabs(v - 0.5) < 1e-9);

	assert_int_equal(completeness_agency_count(c), 4);
	assert_string_equal(completeness_agency(c, 0), "Sở Tài chính");
	assert_string_equal(completeness_agency(c, 3), "Sở Y tế");
	completeness_agency_counts(c, 1, &k);
	assert_int_equal(k.expected, 2);
	assert_int_equal(k.received, 2);
	assert_int_equal(k.on_time, 1);
	completeness_agency_counts(c, 2, &k);
	assert_int_equal(k.expected, 2);
	assert_int_equal(k.received, 0);
	assert_int_equal(k.unexpected, 1);
	completeness_agency_counts(c, 3, &k);
	assert_int_equal(k.expected, 0);
	assert_int_equal(k.unexpected, 1);
	assert_false(completeness_rate(&k, &v));
	completeness_agency_counts(c, 99, &k);
	assert_int_equal(k.expected, 0);

	/* Who has not reported, as of 20/6/2024: H1 (due 15/6) is overdue,
	 * Q2 (due 21/6) not yet. */
	n = completeness_missing(c, D("2024-06-20"), &gaps);
	assert_int_equal(n, 2);
	assert_string_equal(gaps[0].agency, "Công an tỉnh");
	assert_true(period_equal(&gaps[0].period, &h1));
	assert_true(gaps[0].overdue);
	assert_true(period_equal(&gaps[1].period, &q2));
	assert_int_equal(gaps[1].due, D("2024-06-21"));
	assert_false(gaps[1].overdue);
	free(gaps);
	completeness_free(c);
}

static void nothing_expected(void **state)
{
	struct completeness *c = completeness_new();
	struct completeness_counts k;
	struct completeness_gap *gaps = (void *)1;
	double v = 7;

	completeness_totals(c, &k);
	assert_int_equal(k.expected, 0);
	assert_false(completeness_rate(&k, &v));
	assert_true(v == 0);
	assert_false(completeness_timeliness(&k, &v));
	assert_int_equal(completeness_missing(c, D("2024-06-20"), &gaps), 0);
	assert_null(gaps);
	assert_int_equal(completeness_agency_count(c), 0);
	assert_null(completeness_agency(c, 0));
	completeness_free(c);
	completeness_free(NULL);
}

static void undated_receipts(void **state)
{
	struct completeness *c = completeness_new();
	struct completeness_counts k;
	struct period y;

	period_parse("2024", &y);
	completeness_expect(c, "UBND xã A", &y, D("2024-12-15"));
	/* Undated: received, but not on time. */
	completeness_receive(c, "UBND xã A", &y, CAL_NONE);
	completeness_totals(c, &k);
	assert_int_equal(k.received, 1);
	assert_int_equal(k.on_time, 0);
	/* A dated copy within the due date then makes it on time. */
	completeness_receive(c, "UBND xã A", &y, D("2024-12-10"));
	completeness_totals(c, &k);
	assert_int_equal(k.on_time, 1);
	completeness_agency_counts(c, 0, &k);
	assert_int_equal(k.on_time, 1);
	/* And an undated one after that changes nothing. */
	completeness_receive(c, "UBND xã A", &y, CAL_NONE);
	completeness_totals(c, &k);
	assert_int_equal(k.on_time, 1);
	assert_int_equal(k.received, 1);
	completeness_free(c);
}

/* Many agencies and periods: linear, and the counts add up. */
static void many(void **state)
{
	struct completeness *c = completeness_new();
	struct completeness_counts k;
	struct period *months;
	struct completeness_gap *gaps;
	size_t nm = period_list(PERIOD_MONTH, D("2025-01-01"), D("2026-12-31"), &months);
	char name[32];

	for (int a = 0; a < 2000; a++) {
		snprintf(name, sizeof(name), "UBND xã %d", a);
		for (size_t i = 0; i < nm; i++) {
			completeness_expect(c, name, &months[i], CAL_NONE);
			if ((a + (int)i) % 3)
				completeness_receive(c, name, &months[i], months[i].end + 1);
		}
	}
	completeness_totals(c, &k);
	assert_int_equal(k.expected, 2000 * nm);
	assert_true(k.received > k.expected / 2);
	assert_int_equal(k.on_time, k.received);
	assert_int_equal(completeness_missing(c, D("2030-01-01"), &gaps), k.expected - k.received);
	free(gaps);
	free(months);
	completeness_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scenario),
		cmocka_unit_test(nothing_expected),
		cmocka_unit_test(undated_receipts),
		cmocka_unit_test(many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
