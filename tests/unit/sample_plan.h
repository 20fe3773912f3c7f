/*
 * sample_plan.h - a small plan that fills every plan/1 field, for the model
 * and store tests (the team's own example, not a seed).
 */
#ifndef DONDOC_SAMPLE_PLAN_H
#define DONDOC_SAMPLE_PLAN_H

#include "model/plan.h"

static inline void sample_target(struct target *t, const char *text, double v, const char *unit,
				 enum target_op op)
{
	t->text = xstrdup(text);
	t->has_value = true;
	t->value = v;
	t->unit = xstrdup(unit);
	t->op = op;
}

static inline void sample_plan(struct plan *p)
{
	struct task *t;
	struct indicator *ind;
	struct target *g;

	plan_init(p);
	p->doc.kind = xstrdup("Kế hoạch");
	p->doc.issuer = xstrdup("UBND tỉnh Lào Cai");
	p->doc.place = xstrdup("Lào Cai");
	snprintf(p->doc.date, DATE_LEN, "2026-04");
	p->doc.year = 2026;
	p->doc.title = xstrdup("Phát triển du lịch cộng đồng năm 2026");

	sample_target(plan_add_target(p), "khoảng 4,060 triệu lượt khách", 4060000, "lượt khách",
		      OP_APPROX);
	g = plan_add_target(p);
	sample_target(g, "30- 50%", 30, "%", OP_RANGE);
	g->has_max = true;
	g->max = 50;
	g = plan_add_target(p);
	sample_target(g, "đến năm 2030 đạt 50%", 50, "%", OP_EQ);
	g->period = xstrdup("2030");

	t = plan_add_task(p);
	t->ref = xstrdup("I.1");
	t->section = xstrdup("Quảng bá");
	t->text = xstrdup("Tổ chức 02 lớp bồi dưỡng kỹ năng làm du lịch cộng đồng");
	strlist_push(&t->lead, "Sở Văn hóa, Thể thao và Du lịch");
	strlist_push(&t->coordinate, "Sở Tài chính");
	strlist_push(&t->coordinate, "UBND xã Bắc Hà");
	strlist_push(&t->coordinate_groups, "Các sở, ban, ngành");
	t->leader = xstrdup("Nguyễn Văn An");
	t->supervisor = xstrdup("Giám đốc Sở Văn hóa, Thể thao và Du lịch");
	t->due = due_new("Quý III/2026");
	snprintf(t->due->start, DATE_LEN, "2026-07-01");
	snprintf(t->due->end, DATE_LEN, "2026-09-30");
	t->result = xstrdup("02 lớp, 80 học viên");
	sample_target(VEC_PUSH(&t->targets), "Tổ chức 02 lớp", 2, "lớp", OP_EQ);
	strlist_push(&t->doubt, "leader");
	t->state = xstrdup("in_progress"); /* a tracker's status, as imported */
	t->line = 12;

	t = plan_add_task(p);
	t->ref = xstrdup("I.2");
	t->section = xstrdup("Quảng bá");
	t->text = xstrdup("Cập nhật thông tin điểm đến trên cổng du lịch");
	strlist_push(&t->lead_groups, "UBND các xã, phường");
	t->due = due_new("Thường xuyên");
	t->due->recurring = true;
	t->line = 14;
	plan_note(p, 9, "text in the tasks part placed in no task: Các sở, ngành chủ động rà soát");

	ind = plan_add_indicator(p);
	ind->ref = xstrdup("1");
	ind->name = xstrdup("Tốc độ tăng trưởng khách du lịch");
	ind->unit = xstrdup("%");
	ind->target = xcalloc(1, sizeof(*ind->target));
	ind->target->text = xstrdup(">10");
	ind->target->has_value = true;
	ind->target->value = 10;
	ind->target->op = OP_GT;
	strlist_push(&ind->lead, "Sở Văn hóa, Thể thao và Du lịch");
	strlist_push(&ind->coordinate_groups, "UBND các xã, phường");
	ind->leader = xstrdup("Nguyễn Văn An");
	ind->target->period = xstrdup("2030");
	g = VEC_PUSH(&ind->by_period);
	g->text = xstrdup("8,5");
	g->has_value = true;
	g->value = 8.5;
	g->period = xstrdup("2026");
	g = VEC_PUSH(&ind->by_period);
	g->text = xstrdup(">10");
	g->has_value = true;
	g->value = 10;
	g->op = OP_GT;
	g->period = xstrdup("2026-2030");

	ind = plan_add_indicator(p);
	ind->ref = xstrdup("1.1");
	ind->name = xstrdup("Tỷ trọng dịch vụ");
	ind->unit = xstrdup("%");
	ind->target = xcalloc(1, sizeof(*ind->target));
	ind->target->text = xstrdup("14,97");
	ind->target->has_value = true;
	ind->target->value = 14.97;

	plan_add_reporting(p, "6 tháng đầu năm", "2024-06-15");
	plan_add_reporting(p, "năm", NULL);
}

#endif
