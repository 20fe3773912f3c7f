/*
 * cmd_list.c - `dondoc plans`, `dondoc tasks`, `dondoc export`: what is
 * stored, as an official reads it at a terminal, or as plan/1 JSON.
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "extract/agency.h"
#include "model/plan.h"
#include "model/planjson.h"
#include "store/store.h"


static int print_plan(const struct plan_meta *m, void *arg)
{
	struct sb title = SB_INIT;

	utf8_truncate(&title, m->title ? m->title : "", 70);
	printf("%4lld  %-9s  %4zu tasks  %3zu indicators  %-14s  %s\n", m->id, m->status,
	       m->ntasks, m->nindicators, m->number ? m->number : "-", title.buf);
	(*(size_t *)arg)++;
	sb_release(&title);
	return 0;
}

int cmd_plans(struct cli *cli, int argc, char **argv)
{
	struct sb err = SB_INIT;
	size_t n = 0;
	int rc = 0;

	if (argc)
		return cmd_usage("plans");
	printf("  id  status     tasks        indicators      number          title\n");
	if (store_plan_list(cli->store, print_plan, &n, &err) < 0)
		rc = cmd_fail("%s", err.buf);
	else if (!n)
		printf("(no plans yet: 'dondoc import FILE')\n");
	sb_release(&err);
	return rc;
}
static void join_list(struct sb *out, const struct strlist *a, const struct strlist *b)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		sb_addf(out, "%s%s", out->len ? "; " : "", a->v[i]);
	for (i = 0; i < b->n; i++)
		sb_addf(out, "%s%s", out->len ? "; " : "", b->v[i]);
}

static int print_task(const struct task_row *row, void *arg)
{
	const struct task *t = row->task;
	struct sb lead = SB_INIT, text = SB_INIT, lead_cut = SB_INIT;
	const char *due = "-";

	join_list(&lead, &t->lead, &t->lead_groups);
	utf8_truncate(&lead_cut, lead.len ? lead.buf : "-", 40);
	utf8_truncate(&text, t->text ? t->text : "", 60);
	if (t->due && t->due->end[0])
		due = t->due->end;
	else if (t->due && t->due->recurring)
		due = "thường xuyên";
	printf("%5lld  %4lld  %-9s  %-12s  %s | %s\n", row->id, row->plan_id,
	       t->ref ? t->ref : "-", due, lead_cut.buf, text.buf);
	(*(size_t *)arg)++;
	sb_release(&lead);
	sb_release(&lead_cut);
	sb_release(&text);
	return 0;
}

int cmd_tasks(struct cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *agency = NULL, *leader = NULL;
	const struct opt opts[] = { { "plan", &plan, NULL },
				    { "agency", &agency, NULL },
				    { "leader", &leader, NULL },
				    { 0 } };
	struct task_filter f = { 0 };
	struct sb err = SB_INIT;
	size_t n = 0;
	int rc = 0;

	if (cmd_parse_opts("tasks", argc, argv, opts) != 0)
		return cmd_usage("tasks");
	if (plan && !(f.plan_id = cmd_parse_id(plan)))
		return cmd_fail("--plan: '%s' is not a plan id; see 'dondoc plans'", plan);
	/* An abbreviation ("Sở VHTTDL") finds the canonical body's tasks. */
	f.agency = agency ? agency_canonical(cli->agencies, agency, 0) : NULL;
	if (agency && !f.agency)
		f.agency = agency;
	f.leader = leader;
	printf("   id  plan  ref        due           lead | task\n");
	if (store_task_list(cli->store, &f, print_task, &n, &err) < 0)
		rc = cmd_fail("%s", err.buf);
	else
		printf("(%zu tasks)\n", n);
	sb_release(&err);
	return rc;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	const char *format = "json";
	const struct opt opts[] = { { "format", &format, NULL }, { 0 } };
	struct sb err = SB_INIT, out = SB_INIT;
	struct plan p;
	long long id;
	int n, rc = 1;

	plan_init(&p);
	n = cmd_parse_opts("export", argc, argv, opts);
	if (n != 1)
		return n < 0 ? 2 : cmd_usage("export");
	if (!(id = cmd_parse_id(argv[0])))
		return cmd_fail("'%s' is not a plan id; see 'dondoc plans'", argv[0]);
	if (strcmp(format, "json") != 0)
		return cmd_fail("--format %s: this build exports json only", format);
	if (store_plan_load(cli->store, id, &p, &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	plan_json_write(&p, &out);
	fwrite(out.buf, 1, out.len, stdout);
	rc = 0;
out:
	plan_release(&p);
	sb_release(&err);
	sb_release(&out);
	return rc;
}
