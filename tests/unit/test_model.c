/*
 * test_model.c - the plan model and the plan/1 codec: write, read, write
 * again gives the same bytes; malformed JSON and wrong shapes are refused
 * with the place named.
 */
#include "unit.h"
#include "model/plan.h"
#include "model/planjson.h"
#include "base/utf8.h"

/* A plan that uses every field of plan/1, shared with test_store.c. */
#include "sample_plan.h"

static void json_round_trip_is_exact(void **state)
{
	struct plan p, q;
	struct sb a = SB_INIT, b = SB_INIT, err = SB_INIT;

	sample_plan(&p);
	plan_json_write(&p, &a);
	plan_init(&q);
	assert_int_equal(plan_json_read(a.buf, a.len, &q, &err), 0);
	plan_json_write(&q, &b);
	assert_string_equal(a.buf, b.buf);
	assert_int_equal(q.tasks.n, 2);
	assert_string_equal(q.tasks.v[0].lead.v[0], "Sở Văn hóa, Thể thao và Du lịch");
	assert_string_equal(q.tasks.v[0].due->end, "2026-09-30");
	assert_true(q.tasks.v[1].due->recurring);
	assert_null(q.tasks.v[1].due->start[0] ? "" : NULL);
	assert_int_equal(q.indicators.v[0].target->op, OP_GT);
	assert_true(q.targets.v[1].has_max);
	assert_string_equal(q.targets.v[2].period, "2030");
	assert_null(q.targets.v[0].period);
	assert_int_equal(q.indicators.v[0].by_period.n, 2);
	assert_string_equal(q.indicators.v[0].by_period.v[1].period, "2026-2030");
	assert_int_equal(q.indicators.v[0].by_period.v[1].op, OP_GT);
	assert_int_equal(q.indicators.v[1].by_period.n, 0);
	assert_null(strstr(a.buf + (strstr(a.buf, "\"1.1\"") - a.buf), "by_period"));
	/* Our extensions: the imported state and the import's notes. */
	assert_string_equal(q.tasks.v[0].state, "in_progress");
	assert_null(q.tasks.v[1].state);
	assert_int_equal(q.notes.n, 1);
	assert_string_equal(q.notes.v[0], "9: text in the tasks part placed in no task: Các sở, ngành"
					  " chủ động rà soát");
	plan_release(&p);
	plan_release(&q);
	sb_release(&a);
	sb_release(&b);
	sb_release(&err);
}

/* Notes are bounded: past PLAN_NOTES_MAX only counted; one line each, clipped
 * on a character boundary. */
static void notes_are_bounded_lines(void **state)
{
	struct plan p;
	char long_text[700];
	int i;

	plan_init(&p);
	for (i = 0; i < (int)sizeof(long_text) - 1; i += 2)
		memcpy(long_text + i, "\xc3\xa1", 2); /* "á" */
	long_text[sizeof(long_text) - 1] = '\0';
	plan_note(&p, 3, "một\ndòng");
	assert_string_equal(p.notes.v[0], "3: một dòng");
	plan_note(&p, 4, long_text);
	assert_true(strlen(p.notes.v[1]) < 320);
	assert_true(utf8_check(p.notes.v[1], strlen(p.notes.v[1]), NULL));
	for (i = 0; i < PLAN_NOTES_MAX + 5; i++)
		plan_note(&p, 10 + i, "x");
	assert_int_equal(p.notes.n, PLAN_NOTES_MAX);
	assert_int_equal(p.notes_dropped, 7);
	plan_release(&p);
}

static void json_writes_nulls_and_integers(void **state)
{
	struct plan p;
	struct sb out = SB_INIT;

	sample_plan(&p);
	plan_json_write(&p, &out);
	assert_non_null(strstr(out.buf, "\"format\": \"plan/1\""));
	assert_non_null(strstr(out.buf, "\"value\": 4060000,"));
	assert_non_null(strstr(out.buf, "\"value\": 14.97"));
	assert_non_null(strstr(out.buf, "\"number\": null"));
	assert_non_null(strstr(out.buf, "\"due\": \"2024-06-15\""));
	plan_release(&p);
	sb_release(&out);
}

static void json_refuses_bad_input(void **state)
{
	static const char *const bad[] = {
		"{\"format\": \"plan/1\", ",
		"[]",
		"{\"format\": \"plan/2\"}",
		"{\"format\": \"plan/1\", \"tasks\": [{\"lead\": \"not a list\"}]}",
		"{\"format\": \"plan/1\", \"tasks\": [{\"due\": {\"end\": \"2026-09-30-99-99\"}}]}",
		"{\"format\": \"plan/1\", \"targets\": [{\"op\": \"about\"}]}",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct plan p;
		struct sb err = SB_INIT;

		plan_init(&p);
		assert_int_equal(plan_json_read(bad[i], strlen(bad[i]), &p, &err), -1);
		assert_true(err.len > 0);
		assert_int_equal(p.tasks.n, 0);
		sb_release(&err);
	}
}

static void syntax_error_names_line(void **state)
{
	struct plan p;
	struct sb err = SB_INIT;
	const char *text = "{\n\"format\": \"plan/1\",\n\"tasks\": [,]\n}";

	plan_init(&p);
	assert_int_equal(plan_json_read(text, strlen(text), &p, &err), -1);
	assert_non_null(strstr(err.buf, "3:"));
	sb_release(&err);
}

static void strlist_unique_uses_fold_key(void **state)
{
	struct strlist l = { 0 };

	strlist_push_unique(&l, "Sở Văn hoá, Thể thao và Du lịch");
	strlist_push_unique(&l, "Sở Văn hóa, Thể thao và Du lịch");
	strlist_push_unique(&l, "Sở Tài chính");
	assert_int_equal(l.n, 2);
	strlist_release(&l);
}

static void op_names_round_trip(void **state)
{
	enum target_op op;
	int i;

	for (i = OP_EQ; i <= OP_RANGE; i++) {
		assert_int_equal(target_op_parse(target_op_str((enum target_op)i), &op), 0);
		assert_int_equal(op, i);
	}
	assert_int_equal(target_op_parse("about", &op), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_round_trip_is_exact),
		cmocka_unit_test(json_writes_nulls_and_integers),
		cmocka_unit_test(notes_are_bounded_lines),
		cmocka_unit_test(json_refuses_bad_input),
		cmocka_unit_test(syntax_error_names_line),
		cmocka_unit_test(strlist_unique_uses_fold_key),
		cmocka_unit_test(op_names_round_trip),
	};

	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
