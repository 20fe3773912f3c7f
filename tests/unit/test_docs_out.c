/*
 * test_docs_out.c - the text-level rules of the documents of issue 10: XML
 * escaping, CSV quoting (RFC 4180), iCalendar escaping and folding (RFC
 * 5545), the JSON "tracking" object, on a tracked plan built by hand.
 */
#include "unit.h"
#include "base/escape.h"
#include "report/docs.h"
#include "track/calendar.h"

static void test_escape_xml(void **state)
{
	struct sb s = SB_INIT;

	const char *mark = "<w:t>& \"a\" 'b' ]]>", *ctl = "a\x01" "b\tc\nd", *vi = "Sở Văn hóa";

	escape_xml(&s, mark, strlen(mark));
	assert_string_equal(s.buf, "&lt;w:t&gt;&amp; &quot;a&quot; &#39;b&#39; ]]&gt;");
	sb_reset(&s);
	escape_xml(&s, ctl, strlen(ctl));
	assert_string_equal(s.buf, "ab\tc\nd");
	sb_reset(&s);
	escape_xml(&s, NULL, 0);
	assert_int_equal(s.len, 0);
	escape_xml(&s, vi, strlen(vi));
	assert_string_equal(s.buf, "Sở Văn hóa");
	sb_release(&s);
}

/* One plan, one task due 2026-03-31, overdue on 2026-04-10. */
static void make_plan(struct tracked_plan *tp, const char *text)
{
	struct task *t;

	memset(tp, 0, sizeof(*tp));
	plan_init(&tp->plan);
	tp->plan.id = 3;
	str_set(&tp->plan.doc.title, "Kế hoạch thử");
	t = plan_add_task(&tp->plan);
	t->id = 42;
	str_set(&t->ref, "I.1");
	str_set(&t->text, text);
	strlist_push(&t->lead, "Sở Tài chính");
	t->due = due_new("Quý I/2026");
	snprintf(t->due->end, DATE_LEN, "2026-03-31");
	tp->today = calendar_from_ymd(2026, 4, 10);
	period_parse("2026-Q1", &tp->period);
	tp->tasks = calloc(1, sizeof(*tp->tasks));
	tp->ntasks = 1;
	tp->tasks[0].t = t;
	tp->tasks[0].due_end = calendar_from_ymd(2026, 3, 31);
	tp->tasks[0].as_lead = true;
	tp->tasks[0].res.bucket = STATUS_OVERDUE;
	tp->tasks[0].res.late_days = 7;
	tp->tasks[0].result = strdup("Đang làm, \"gần xong\"");
}

static void test_csv(void **state)
{
	struct tracked_plan tp;
	struct sb s = SB_INIT;

	make_plan(&tp, "Xây dựng, ban hành \"quy chế\"\nmới");
	csv_tasks_write(&tp, &s);
	assert_memory_equal(s.buf, "\xEF\xBB\xBFTT,", 6);
	assert_non_null(strstr(s.buf, ",\"Xây dựng, ban hành \"\"quy chế\"\"\nmới\","));
	assert_non_null(strstr(s.buf, ",Quá hạn,overdue,7,\"Đang làm, \"\"gần xong\"\"\",,42\r\n"));
	tracked_plan_release(&tp);
	sb_release(&s);
}

static void test_ics(void **state)
{
	struct tracked_plan tp;
	struct sb s = SB_INIT, unfolded = SB_INIT;
	const char *p, *line;
	size_t i;

	make_plan(&tp, "Tổ chức hội nghị; tổng kết, đánh giá \\ việc thực hiện kế hoạch phát triển"
		       " du lịch toàn tỉnh năm 2026 với sự tham gia của các sở, ngành");
	ics_write(&tp, "20260101T080000Z", &s);
	/* Every line ends in CRLF and holds at most 75 octets. */
	for (line = s.buf; (p = strstr(line, "\r\n")); line = p + 2) {
		assert_true(p - line <= 75);
		/* A fold never cuts a UTF-8 sequence. */
		if (line[0] == ' ')
			assert_true(((unsigned char)line[1] & 0xC0) != 0x80);
	}
	assert_string_equal(line, "");
	for (i = 0; i < s.len; i++) {
		if (s.buf[i] == '\r' && s.buf[i + 1] == '\n' && s.buf[i + 2] == ' ') {
			i += 2;
			continue;
		}
		sb_addc(&unfolded, s.buf[i]);
	}
	assert_non_null(strstr(unfolded.buf, "UID:task-42-due@dondoc\r\n"));
	assert_non_null(strstr(unfolded.buf, "DTSTART;VALUE=DATE:20260331\r\n"));
	assert_non_null(strstr(unfolded.buf, "DTEND;VALUE=DATE:20260401\r\n"));
	assert_non_null(strstr(unfolded.buf, "SUMMARY:Hạn: I.1. Tổ chức hội nghị\\; tổng kết\\,"
					     " đánh giá \\\\ việc"));
	assert_non_null(strstr(unfolded.buf, "\\nCơ quan chủ trì: Sở Tài chính\\n"));
	tracked_plan_release(&tp);
	sb_release(&s);
	sb_release(&unfolded);
}

static void test_json(void **state)
{
	struct tracked_plan tp;
	struct sb s = SB_INIT;

	make_plan(&tp, "Việc <a> & b");
	tp.total.total = 1;
	json_tracked_write(&tp, &s);
	assert_non_null(strstr(s.buf, "\"format\": \"plan/1\""));
	assert_non_null(strstr(s.buf, "\"text\": \"Việc <a> & b\""));
	assert_non_null(strstr(s.buf, "\"bucket\": \"overdue\""));
	assert_non_null(strstr(s.buf, "\"late_days\": 7"));
	assert_non_null(strstr(s.buf, "\"period\": \"2026-Q1\""));
	tracked_plan_release(&tp);
	sb_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_xml),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_ics),
		cmocka_unit_test(test_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
