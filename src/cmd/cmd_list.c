/*
 * cmd_list.c - `dondoc plans`, `dondoc tasks`, `dondoc export`: what is
 * stored, as an official reads it at a terminal, or as plan/1 JSON.
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "base/err.h"
#include "base/sb.h"
#include "model/plan.h"
#include "model/planjson.h"
#include "ops/views.h"
#include "report/report.h"

int cmd_plans(struct cli *cli, int argc, char **argv)
{
	struct sb err = SB_INIT, out = SB_INIT;
	struct plan_list_view v;
	int rc;

	if (argc)
		return cmd_usage("plans");
	rc = ops_plan_list(&cli->ops, &v, &err);
	if (rc == 0)
		report_plans_text(&v, &out);
	rc = cmd_done(rc, &err, &out);
	plan_list_view_release(&v);
	return rc;
}

int cmd_tasks(struct cli *cli, int argc, char **argv)
{
	const char *plan = NULL;
	struct task_query q = { 0 };
	const struct opt opts[] = { { "plan", &plan, NULL },
				    { "agency", &q.agency, NULL },
				    { "lead-only", NULL, &q.lead_only },
				    { "leader", &q.leader, NULL },
				    { 0 } };
	struct sb err = SB_INIT, out = SB_INIT;
	struct task_list_view v;
	int rc;

	if (cmd_parse_opts("tasks", argc, argv, opts) != 0)
		return cmd_usage("tasks");
	if (plan && !(q.plan_id = cmd_parse_id(plan)))
		return cmd_fail("--plan: '%s' is not a plan id; see 'dondoc plans'", plan);
	rc = ops_task_list(&cli->ops, &q, &v, &err);
	if (rc == 0)
		report_tasks_text(&v, &out);
	rc = cmd_done(rc, &err, &out);
	task_list_view_release(&v);
	return rc;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	const char *format = "json";
	const struct opt opts[] = { { "format", &format, NULL }, { 0 } };
	struct sb err = SB_INIT, out = SB_INIT;
	struct plan p;
	long long id;
	int n, rc;

	plan_init(&p);
	n = cmd_parse_opts("export", argc, argv, opts);
	if (n != 1)
		return n < 0 ? 2 : cmd_usage("export");
	if (!(id = cmd_parse_id(argv[0])))
		return cmd_fail("'%s' is not a plan id; see 'dondoc plans'", argv[0]);
	if (strcmp(format, "json") != 0)
		return cmd_fail("--format %s: this build exports json only", format);
	rc = ops_plan_get(&cli->ops, id, &p, &err);
	if (rc < 0) {
		rc = cmd_ops_fail(rc, &err);
	} else {
		plan_json_write(&p, &out);
		rc = cmd_out(&out);
	}
	plan_release(&p);
	sb_release(&err);
	sb_release(&out);
	return rc;
}
