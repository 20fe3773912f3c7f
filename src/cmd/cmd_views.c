/*
 * cmd_views.c - the tracking commands that read: status, completeness,
 * indicators, contacts, and remind. One ops call builds the view
 * (src/ops/ops_views.c), one report function renders it (src/report/).
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "app/config.h"
#include "app/mail.h"
#include "app/mailer.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"
#include "ops/views.h"
#include "report/report.h"

/* --plan ID as a number; -1 after a message when it is not an id. */
static long long plan_opt(const char *plan)
{
	long long id;

	if (!plan)
		return 0;
	if (!(id = cmd_parse_id(plan))) {
		cmd_fail("--plan: '%s' is not a plan id; see 'dondoc plans'", plan);
		return -1;
	}
	return id;
}

int cmd_status(struct cli *cli, int argc, char **argv)
{
	const char *plan = NULL;
	bool json = false, list = false;
	struct status_req req = { 0 };
	const struct opt opts[] = { { "plan", &plan, NULL },
				    { "agency", &req.q.agency, NULL },
				    { "lead-only", NULL, &req.q.lead_only },
				    { "leader", &req.q.leader, NULL },
				    { "period", &req.period, NULL },
				    { "json", NULL, &json },
				    { "tasks", NULL, &list },
				    { 0 } };
	struct sb err = SB_INIT, out = SB_INIT;
	struct status_view v;
	int rc;

	if (cmd_parse_opts("status", argc, argv, opts) != 0)
		return cmd_usage("status");
	if ((req.q.plan_id = plan_opt(plan)) < 0)
		return 1;
	rc = ops_status(&cli->ops, &req, &v, &err);
	if (rc == 0) {
		if (json)
			report_status_json(&v, &out);
		else
			report_status_text(&v, list, &out);
	}
	rc = cmd_done(rc, &err, &out);
	status_view_release(&v);
	return rc;
}

int cmd_completeness(struct cli *cli, int argc, char **argv)
{
	const char *period = NULL, *plan = NULL;
	bool json = false;
	const struct opt opts[] = { { "period", &period, NULL },
				    { "plan", &plan, NULL },
				    { "json", NULL, &json },
				    { 0 } };
	struct sb err = SB_INIT, out = SB_INIT;
	struct completeness_view v;
	long long plan_id;
	int rc;

	if (cmd_parse_opts("completeness", argc, argv, opts) != 0 || !period)
		return cmd_usage("completeness");
	if ((plan_id = plan_opt(plan)) < 0)
		return 1;
	rc = ops_completeness(&cli->ops, period, plan_id, &v, &err);
	if (rc == 0) {
		if (json)
			report_completeness_json(&v, &out);
		else
			report_completeness_text(&v, &out);
	}
	rc = cmd_done(rc, &err, &out);
	completeness_view_release(&v);
	return rc;
}

int cmd_indicators(struct cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *period = NULL, *agency = NULL;
	bool json = false;
	const struct opt opts[] = { { "plan", &plan, NULL },
				    { "period", &period, NULL },
				    { "agency", &agency, NULL },
				    { "json", NULL, &json },
				    { 0 } };
	struct sb err = SB_INIT, out = SB_INIT;
	struct indicator_view v;
	long long plan_id;
	int rc;

	if (cmd_parse_opts("indicators", argc, argv, opts) != 0)
		return cmd_usage("indicators");
	if ((plan_id = plan_opt(plan)) < 0)
		return 1;
	rc = ops_indicators(&cli->ops, period, plan_id, agency, &v, &err);
	if (rc == 0) {
		if (json)
			report_indicators_json(&v, &out);
		else
			report_indicators_text(&v, &out);
	}
	rc = cmd_done(rc, &err, &out);
	indicator_view_release(&v);
	return rc;
}

int cmd_contacts(struct cli *cli, int argc, char **argv)
{
	struct sb err = SB_INIT, out = SB_INIT;
	struct contact_view v = { 0 };
	const char *stored;
	int rc;

	argc = cmd_parse_opts("contacts", argc, argv, NULL);
	if (argc == 0) {
		rc = ops_contacts(&cli->ops, &v, &err);
		if (rc == 0)
			report_contacts_text(&v, &out);
	} else if (argc == 3 && strcmp(argv[0], "set") == 0) {
		rc = ops_contact_set(&cli->ops, argv[1], argv[2], &stored, &err);
		if (rc == 0)
			sb_addf(&out, "%s: %s\n", stored, argv[2]);
	} else {
		return cmd_usage("contacts");
	}
	rc = rc < 0 ? cmd_ops_fail(rc, &err) : cmd_out(&out);
	contact_view_release(&v);
	sb_release(&err);
	sb_release(&out);
	return rc;
}

struct mailer *cmd_mailer(struct cli *cli, bool *smtp, char **outbox)
{
	const char *url = config_get("DONDOC_SMTP_URL"), *from = config_get("DONDOC_MAIL_FROM");

	*smtp = false;
	*outbox = NULL;
	if (from && !mail_addr_ok(from)) {
		cmd_fail("DONDOC_MAIL_FROM='%s' is not an e-mail address", from);
		return NULL;
	}
	if (!url || !from)
		url = NULL;
	*outbox = config_get("DONDOC_OUTBOX") ? xstrdup(config_get("DONDOC_OUTBOX"))
					      : cmd_beside_db(cli, "outbox");
	*smtp = url != NULL;
	return mailer_new(url, from, *outbox);
}

int cmd_remind(struct cli *cli, int argc, char **argv)
{
	struct remind_req req = { 0 };
	const struct opt opts[] = { { "dry-run", NULL, &req.dry_run },
				    { "period", &req.period, NULL },
				    { 0 } };
	struct sb err = SB_INIT, out = SB_INIT;
	struct remind_view v = { 0 };
	char *outbox;
	int rc;

	if (cmd_parse_opts("remind", argc, argv, opts) != 0)
		return cmd_usage("remind");
	req.mailer = cmd_mailer(cli, &req.smtp, &outbox);
	if (!req.mailer)
		return 1;
	rc = ops_remind(&cli->ops, &req, &v, &err);
	if (rc == 0 || v.n) {
		report_remind_text(&v, outbox, req.dry_run, &out);
		if (cmd_out(&out) != 0 && rc == 0)
			rc = -ERR_IO;
	}
	if (rc < 0) {
		size_t i;

		/* Each failed delivery names its recipient; then the summary. */
		for (i = 0; i < v.n; i++)
			if (v.msgs[i].error)
				cmd_fail("%s", v.msgs[i].error);
		if (!v.failed)
			cmd_ops_fail(rc, &err);
		rc = rc == -ERR_USAGE ? 2 : 1;
	}
	mailer_free(req.mailer);
	remind_view_release(&v);
	free(outbox);
	sb_release(&err);
	sb_release(&out);
	return rc;
}
