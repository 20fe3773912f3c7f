/*
 * test_timeframe.c - Vietnamese time phrases read into dates: every row of the
 * spec's "Time frames" table, the time phrases of the seeds (OCR variants
 * included), the time-cell test and the date finder.
 */
#include "unit.h"
#include "extract/timeframe.h"
#include "model/plan.h"

struct tf_case {
	const char *in;
	int year; /* default year */
	const char *start, *end; /* NULL = null */
	bool recurring;
};

static const struct tf_case cases[] = {
	/* the spec's table */
	{ "Quý I/2026", 2026, "2026-01-01", "2026-03-31", false },
	{ "Hoàn thành trong Quý I/2026", 2026, "2026-01-01", "2026-03-31", false },
	{ "Quý 1/2021", 2021, "2021-01-01", "2021-03-31", false },
	{ "Quy 111/2021", 2021, "2021-07-01", "2021-09-30", false },
	{ "Quý IH/2026", 2026, "2026-07-01", "2026-09-30", false },
	{ "Quy H/2026", 2026, "2026-04-01", "2026-06-30", false },
	{ "Quý III – IV/2026", 2026, "2026-07-01", "2026-12-31", false },
	{ "Quý III-IV/2026", 2026, "2026-07-01", "2026-12-31", false },
	{ "Tháng 2/2026", 2026, "2026-02-01", "2026-02-28", false },
	{ "tháng 8/2021", 2021, "2021-08-01", "2021-08-31", false },
	{ "Năm 2026", 2026, "2026-01-01", "2026-12-31", false },
	{ "Trong năm 2026", 2026, "2026-01-01", "2026-12-31", false },
	{ "Cả năm 2021", 2021, "2021-01-01", "2021-12-31", false },
	{ "Năm 2026 (theo chương trình HT)", 2026, "2026-01-01", "2026-12-31", false },
	{ "Thường xuyên", 2026, NULL, NULL, true },
	{ "Thường xuyên Năm 2026", 2026, "2026-01-01", "2026-12-31", true },
	{ "Thường xuyên – Năm 2026", 2026, "2026-01-01", "2026-12-31", true },
	{ "Hàng năm", 2026, NULL, NULL, true },
	{ "Năm 2026 và các năm tiếp theo", 2026, "2026-01-01", NULL, true },
	{ "trước ngày 15/6/2024", 2024, NULL, "2024-06-15", false },
	{ "Quý II/2026 ( vào dịp 30/4)", 2026, "2026-04-01", "2026-04-30", false },
	{ "Quý III/2026 (tháng 10/2026)", 2026, "2026-10-01", "2026-10-31", false },
	{ "6/2025", 2026, "2025-06-01", "2025-06-30", false },
	{ "Quý IV/2025 và Quý I/2026", 2026, "2025-10-01", "2026-03-31", false },
	{ "Chậm nhất ngày 03/02/2026", 2026, NULL, "2026-02-03", false },
	{ "trước ngày 28/2/2023", 2023, NULL, "2023-02-28", false },
	{ "Hằng năm", 2026, NULL, NULL, true },
	{ "định kỳ hằng năm", 2026, NULL, NULL, true },
	{ "2025 và những năm tiếp theo", 2026, "2025-01-01", NULL, true },
	{ "Từ năm 2013 đến năm 2020", 2026, "2013-01-01", "2020-12-31", false },
	{ "2026-2030", 2026, "2026-01-01", "2030-12-31", false },
	{ "giai đoạn 2026 - 2030", 2026, "2026-01-01", "2030-12-31", false },
	/* seed 000 cells */
	{ "Quý I/2026 (tích hợp Quy hoạch tỉnh)", 2026, "2026-01-01", "2026-03-31", false },
	{ "Quý III/2026 (tháng 9/2026)", 2026, "2026-09-01", "2026-09-30", false },
	{ "Quý IV/ 2026", 2026, "2026-10-01", "2026-12-31", false },
	{ "Hoàn thành trong Quý IV/2026", 2026, "2026-10-01", "2026-12-31", false },
	{ "Năm 2026 (theo KH các tỉnh TBMR)", 2026, "2026-01-01", "2026-12-31", false },
	{ "Năm 2026 (theo kế hoạch hợp tác các tỉnh TBMR)", 2026, "2026-01-01", "2026-12-31", false },
	{ "Tháng 12/2026", 2026, "2026-12-01", "2026-12-31", false },
	{ "Tháng 6/2026", 2026, "2026-06-01", "2026-06-30", false },
	{ "Quý II/2026", 2026, "2026-04-01", "2026-06-30", false },
	/* seed 001 (OCR, no diacritics) */
	{ "Quy 1/2021.", 2021, "2021-01-01", "2021-03-31", false },
	{ "Ca nam 2021.", 2021, "2021-01-01", "2021-12-31", false },
	{ "Thang 5/2021.", 2021, "2021-05-01", "2021-05-31", false },
	{ "Dy kién thang 8/2021.", 2021, "2021-08-01", "2021-08-31", false },
	{ "Dy kién thang 10/2021.", 2021, "2021-10-01", "2021-10-31", false },
	{ "Dy kién Quy 111/2021.", 2021, "2021-07-01", "2021-09-30", false },
	{ "Dy kién quy 111/2021.", 2021, "2021-07-01", "2021-09-30", false },
	{ "Quy I1/2021", 2021, "2021-04-01", "2021-06-30", false },
	{ "Quy Il/2021", 2021, "2021-04-01", "2021-06-30", false },
	{ "Quy lV/2021", 2021, "2021-10-01", "2021-12-31", false },
	{ "THUONG XUYEN", 2021, NULL, NULL, true },
	/* seeds 002/004 */
	{ "giai đoạn 2026–2030", 2026, "2026-01-01", "2030-12-31", false },
	{ "trước ngày 25/11/2026", 2026, NULL, "2026-11-25", false },
	{ "6 tháng đầu năm", 2024, "2024-01-01", "2024-06-30", false },
	{ "06 tháng đầu năm 2024", 2026, "2024-01-01", "2024-06-30", false },
	{ "6 tháng cuối năm", 2024, "2024-07-01", "2024-12-31", false },
	/* "Dự kiến" changes nothing; a missing year is the default year */
	{ "Dự kiến Quý II/2026", 2025, "2026-04-01", "2026-06-30", false },
	{ "Quý III", 2026, "2026-07-01", "2026-09-30", false },
	{ "Tháng 6", 2026, "2026-06-01", "2026-06-30", false },
	{ "Trong năm", 2026, "2026-01-01", "2026-12-31", false },
	{ "Quý III", 0, NULL, NULL, false },
	/* other shapes */
	{ "ngày 15 tháng 6 năm 2024", 2026, "2024-06-15", "2024-06-15", false },
	{ "Quý II/2026 (trước ngày 15/5)", 2026, "2026-04-01", "2026-05-15", false },
	{ "tháng 5, 6/2026", 2026, "2026-05-01", "2026-06-30", false },
	{ "Quý I, II năm 2026", 2026, "2026-01-01", "2026-06-30", false },
	{ "Tháng 2/2024", 2024, "2024-02-01", "2024-02-29", false },
	{ "đến hết năm 2026", 2026, NULL, "2026-12-31", false },
	/* an impossible date gives no date */
	{ "trước ngày 31/2/2026", 2026, NULL, NULL, false },
};

static void parses_every_phrase(void **state)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct tf_case *c = &cases[i];
		struct due *d = timeframe_parse(c->in, strlen(c->in), c->year);

		if (!d)
			fail_msg("no time frame in \"%s\"", c->in);
		if (strcmp(d->start, c->start ? c->start : "") != 0 ||
		    strcmp(d->end, c->end ? c->end : "") != 0 || d->recurring != c->recurring)
			fail_msg("\"%s\": got %s..%s %d, want %s..%s %d", c->in, d->start, d->end,
				 d->recurring, c->start ? c->start : "", c->end ? c->end : "", c->recurring);
		due_free(d);
	}
}

static void keeps_text_as_printed(void **state)
{
	const char *in = "  Quý III  –   IV/2026 ";
	struct due *d = timeframe_parse(in, strlen(in), 2026);

	assert_non_null(d);
	assert_string_equal(d->text, "Quý III – IV/2026");
	due_free(d);
	in = "Dy kién Quy 111/2021.";
	d = timeframe_parse(in, strlen(in), 2021);
	assert_non_null(d);
	assert_string_equal(d->text, "Dy kién Quy 111/2021");
	due_free(d);
}

static void null_without_time(void **state)
{
	static const char *const none[] = {
		"", "Sở VHTTDL", "Các sở, ban, ngành có liên quan", "Giám đốc Sở VHTTDL",
		"Tổ chức 01 Hội nghị phổ biến Đề án cấp tỉnh", "Quy hoạch tỉnh", "quy định",
		"Quý", "tháng", "31/13", "99/99/9999", "Phó Chủ tịch UBND tỉnh, Nguyễn Thành Sinh",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(none); i++) {
		struct due *d = timeframe_parse(none[i], strlen(none[i]), 2026);

		if (d)
			fail_msg("\"%s\" read as %s..%s", none[i], d->start, d->end);
	}
	assert_null(timeframe_parse(NULL, 0, 2026));
}

static void tells_time_cells(void **state)
{
	static const char *const yes[] = {
		"Thường xuyên", "Trong năm 2026", "Quý III/2026", "Quý IV/2026", "Quý II/2026",
		"Năm 2026", "Quý I/2026 (tích hợp Quy hoạch tỉnh)", "Quý I/2026",
		"Năm 2026 (theo chương trình HT)", "Quý IV/ 2026", "Tháng 2/2026",
		"Năm 2026 và các năm tiếp theo", "Hoàn thành trong Quý IV/2026",
		"Hoàn thành trong Quý I/2026", "Thường xuyên – Năm 2026", "Thường xuyên Năm 2026",
		"Tháng 6/2026", "Tháng 12/2026", "Quý III/2026 (tháng 9/2026)",
		"Quý III/2026 (tháng 10/2026)", "Quý III – IV/2026", "Năm 2026 (theo KH các tỉnh TBMR)",
		"Năm 2026 (theo kế hoạch hợp tác các tỉnh TBMR)", "Hàng năm", "Quý II/2026 ( vào dịp 30/4)",
		"Dy kién Quy 111/2021.", "Ca nam 2021.", "Thời gian: Quý I/2026",
	};
	static const char *const no[] = {
		"Sở VHTTDL", "Sở VHTTDL, Các sở, ban, ngành có liên quan, UBND các xã, phường",
		"Giám đốc Sở VHTTDL", "Phó Chủ tịch UBND tỉnh, Nguyễn Thành Sinh",
		"Nghiên cứu triển khai xây dựng giai đoạn 2026 - 2030",
		"Tổ chức 01 Hội nghị phổ biến Đề án cấp tỉnh", "Hoàn thành Kế hoạch triển khai thực hiện",
		"Ban hành Kế hoạch đào tạo nguồn nhân lực du lịch năm 2026 và cả giai đoạn",
		"Cử tối thiểu 02 đồng chí cùng đoàn công tác sang Pháp học", "50%", "15", "", "(Quý I)",
		"UBND các xã, phường", "Hiệp hội du lịch tỉnh",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(yes); i++)
		if (!timeframe_is_phrase(yes[i], strlen(yes[i])))
			fail_msg("\"%s\" not taken for a time phrase", yes[i]);
	for (i = 0; i < ARRAY_SIZE(no); i++)
		if (timeframe_is_phrase(no[i], strlen(no[i])))
			fail_msg("\"%s\" taken for a time phrase", no[i]);
}

static void finds_dates(void **state)
{
	char iso[DATE_LEN];
	const char *s = "báo cáo trước ngày 15/6/2024, cả năm";
	size_t end = timeframe_find_date(s, strlen(s), iso);

	assert_string_equal(iso, "2024-06-15");
	assert_int_equal(end, strlen("báo cáo trước ngày 15/6/2024"));
	s = "ngày **15-12-2024**";
	assert_true(timeframe_find_date(s, strlen(s), iso) > 0);
	assert_string_equal(iso, "2024-12-15");
	s = "Lào Cai, ngày 03 tháng 02 năm 2026";
	assert_int_equal(timeframe_find_date(s, strlen(s), iso), strlen(s));
	assert_string_equal(iso, "2026-02-03");
	s = "số 30/2025/NQ-HĐND; ngày 31/2/2026; 123/4/2024; 1.200.000";
	assert_int_equal(timeframe_find_date(s, strlen(s), iso), 0);
	s = "29/2/2024 và 29/2/2023";
	assert_true(timeframe_find_date(s, strlen(s), iso) > 0);
	assert_string_equal(iso, "2024-02-29");
	assert_int_equal(timeframe_find_date(s + 11, strlen(s + 11), iso), 0);
	assert_int_equal(timeframe_find_date(NULL, 0, iso), 0);
}

static void counts_days(void **state)
{
	assert_int_equal(days_in_month(2026, 2), 28);
	assert_int_equal(days_in_month(2024, 2), 29);
	assert_int_equal(days_in_month(1900, 2), 28);
	assert_int_equal(days_in_month(2000, 2), 29);
	assert_int_equal(days_in_month(2026, 4), 30);
	assert_int_equal(days_in_month(2026, 12), 31);
	assert_int_equal(days_in_month(2026, 13), 0);
}

static void survives_long_input(void **state)
{
	size_t n = 200000, i;
	char *s = malloc(n + 1);
	struct due *d;

	for (i = 0; i < n; i++)
		s[i] = "Quý I/2026 (("[i % 13];
	s[n] = '\0';
	d = timeframe_parse(s, n, 2026);
	assert_non_null(d);
	due_free(d);
	(void)timeframe_is_phrase(s, n);
	free(s);
}

/* A time frame stated inside a sentence: which phrase, or none. */
static const struct {
	const char *text, *phrase; /* phrase NULL: none */
} in_text[] = {
	{ "Nâng cấp Hệ thống thông tin. Hoàn thành trong Quý II/2026.", "Hoàn thành trong Quý II/2026." },
	{ "Tham mưu UBND tỉnh ban hành Danh mục; trình UBND tỉnh trước ngày 30/6/2026.",
	  "trước ngày 30/6/2026." },
	{ "Tổ chức đánh giá năm 2026; thời gian thực hiện: Quý IV/2026.", "Quý IV/2026." },
	{ "Cung cấp thông tin thị trường lao động; thực hiện thường xuyên.", "thực hiện thường xuyên." },
	{ "Rà soát mạng lưới, trình UBND tỉnh trong quý 3/2026.", "trong quý 3/2026." },
	{ "Báo cáo tại phiên họp Chính phủ thường kỳ hằng tháng.", "thường kỳ hằng tháng." },
	{ "Hướng dẫn theo Nghị định số 99/2021/NĐ-CP; hoàn thành trong Quý II/2026.",
	  "hoàn thành trong Quý II/2026." },
	{ "Dự án đoạn qua địa bàn trước ngày 31/10/2026.", "trước ngày 31/10/2026." },
	/* citations and periods named in passing are not time frames */
	{ "Thực hiện theo Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của UBND tỉnh.", NULL },
	{ "Xây dựng Quy hoạch quảng cáo ngoài trời giai đoạn 2026–2030, tầm nhìn đến năm 2050.", NULL },
	{ "Các cơ quan thành viên Ban Chỉ đạo thường xuyên bám sát Quy chế.", NULL },
	{ "Tổ chức các sự kiện trong năm 2026 như: Lễ hội Đua ngựa.", NULL },
	{ "Bố trí kinh phí thực hiện Kế hoạch năm 2026.", NULL },
};

static void finds_time_in_text(void **state)
{
	size_t i, a, b;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(in_text); i++) {
		const char *t = in_text[i].text;
		bool found = timeframe_find_in_text(t, strlen(t), 2026, &a, &b);

		if (!in_text[i].phrase) {
			if (found)
				fail_msg("\"%s\": found \"%.*s\", expected none", t, (int)(b - a), t + a);
			continue;
		}
		if (!found)
			fail_msg("\"%s\": no time frame found", t);
		assert_int_equal(b - a, strlen(in_text[i].phrase));
		assert_memory_equal(t + a, in_text[i].phrase, b - a);
	}
}

/* "trước ngày 05 của tháng liền kề" is a monthly deadline: recurring. */
static void reads_next_month_deadline(void **state)
{
	const char *s = "trước ngày 05 của tháng liền kề";
	struct due *d = timeframe_parse(s, strlen(s), 2026);

	(void)state;
	assert_non_null(d);
	assert_true(d->recurring);
	assert_string_equal(d->start, "");
	assert_string_equal(d->end, "");
	due_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_every_phrase),
		cmocka_unit_test(keeps_text_as_printed),
		cmocka_unit_test(null_without_time),
		cmocka_unit_test(tells_time_cells),
		cmocka_unit_test(finds_dates),
		cmocka_unit_test(counts_days),
		cmocka_unit_test(survives_long_input),
		cmocka_unit_test(finds_time_in_text),
		cmocka_unit_test(reads_next_month_deadline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
