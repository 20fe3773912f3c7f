/*
 * cmd_track.c - the tracking commands that write: publish, edit, history,
 * report, confirm, reject. Each parses its arguments, makes one ops call
 * (src/ops/ops_track.c holds the rules) and prints the outcome.
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "base/err.h"
#include "base/sb.h"
#include "model/plan.h"
#include "ops/views.h"
#include "report/report.h"
#include "base/date.h"
#include "track/status.h"

int cmd_publish(struct cli *cli, int argc, char **argv)
{
	struct sb err = SB_INIT, out = SB_INIT;
	bool already;
	long long id;
	int rc;

	if (cmd_parse_opts("publish", argc, argv, NULL) != 1)
		return cmd_usage("publish");
	if (!(id = cmd_parse_id(argv[0])))
		return cmd_fail("'%s' is not a plan id; see 'dondoc plans'", argv[0]);
	rc = ops_publish(&cli->ops, id, &already, &err);
	if (rc == 0) {
		sb_addf(&out, already ? "plan %lld: already published\n"
				      : "plan %lld: published; its tasks are now tracked\n", id);
	}
	rc = cmd_done(rc, &err, &out);
	return rc;
}

int cmd_edit(struct cli *cli, int argc, char **argv)
{
	struct edit_req req = { 0 };
	const struct opt opts[] = { { "field", &req.field, NULL },
				    { "value", &req.value, NULL },
				    { "reason", &req.reason, NULL },
				    { 0 } };
	struct sb err = SB_INIT, out = SB_INIT;
	const struct due *due;
	int rc;

	if (cmd_parse_opts("edit", argc, argv, opts) != 1 || !req.field || !req.value)
		return cmd_usage("edit");
	if (!(req.task_id = cmd_parse_id(argv[0])))
		return cmd_fail("'%s' is not a task id; see 'dondoc tasks'", argv[0]);
	rc = ops_edit(&cli->ops, &req, &err);
	if (rc < 0) {
		rc = cmd_ops_fail(rc, &err);
		goto out;
	}
	sb_addf(&out, "task %lld: %s changed", req.task_id, req.field);
	if ((due = req.due))
		sb_addf(&out, " to '%s' (%s .. %s%s)", due->text ? due->text : "",
			due->start[0] ? due->start : "-", due->end[0] ? due->end : "-",
			due->recurring ? ", recurring" : "");
	sb_addf(&out, "%s\n", req.published ? "; the plan moves to a new version, the earlier one"
					      " is kept"
					    : "");
	rc = cmd_out(&out);
out:
	due_free(req.due);
	sb_release(&err);
	sb_release(&out);
	return rc;
}

int cmd_history(struct cli *cli, int argc, char **argv)
{
	struct sb err = SB_INIT, out = SB_INIT;
	struct history_view v;
	long long id;
	int rc;

	if (cmd_parse_opts("history", argc, argv, NULL) != 1)
		return cmd_usage("history");
	if (!(id = cmd_parse_id(argv[0])))
		return cmd_fail("'%s' is not a task id; see 'dondoc tasks'", argv[0]);
	rc = ops_history(&cli->ops, id, &v, &err);
	if (rc == 0)
		report_history_text(&v, &out);
	rc = cmd_done(rc, &err, &out);
	history_view_release(&v);
	return rc;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	struct report_req r = { 0 };
	const char *replaces = NULL, *indicator = NULL;
	const struct opt opts[] = { { "agency", &r.agency, NULL },	{ "state", &r.state, NULL },
				    { "date", &r.date, NULL },		{ "note", &r.note, NULL },
				    { "value", &r.value, NULL },	{ "period", &r.period, NULL },
				    { "evidence", &r.evidence, NULL },	{ "replaces", &replaces, NULL },
				    { "indicator", &indicator, NULL }, { 0 } };
	struct sb err = SB_INIT, out = SB_INIT;
	enum task_state st;
	int n, rc;

	n = cmd_parse_opts("report", argc, argv, opts);
	if (n < 0)
		return 2;
	if (!r.agency || !*r.agency) {
		cmd_fail("a report names the body reporting: --agency NAME");
		return 2;
	}
	if (indicator) {
		if (n != 0)
			return cmd_usage("report");
		if (!(r.indicator_id = cmd_parse_id(indicator)))
			return cmd_fail("'%s' is not an indicator id; see 'dondoc indicators'",
					indicator);
	} else {
		if (n != 1 || !r.state)
			return cmd_usage("report");
		if (!(r.task_id = cmd_parse_id(argv[0])))
			return cmd_fail("'%s' is not a task id; see 'dondoc tasks'", argv[0]);
	}
	if (replaces && !(r.replaces_id = cmd_parse_id(replaces)))
		return cmd_fail("--replaces: '%s' is not a report id", replaces);
	rc = ops_report(&cli->ops, &r, &err);
	if (rc < 0) {
		rc = cmd_ops_fail(rc, &err);
		goto out;
	}
	if (indicator) {
		sb_addf(&out, "indicator report %lld: indicator %lld, %s, %s = %g\n", r.id,
			r.indicator_id, r.agency_stored, r.period_name, r.value_num);
	} else {
		char day[CAL_ISO_LEN];

		task_state_parse(r.state, &st);
		sb_addf(&out, "report %lld: task %lld, %s (%s): %s, filed %s", r.id, r.task_id,
			r.agency_stored, r.role, task_state_vi(st),
			calendar_format_iso(cli->ops.today, day));
		sb_addf(&out, "%s%s\n", r.replaces_id ? ", corrects report " : "",
			r.replaces_id ? replaces : "");
		if (r.awaits_confirmation)
			sb_addf(&out, "  awaiting confirmation (chờ xác nhận): 'dondoc confirm %lld' or"
				      " 'dondoc reject %lld --reason ...'\n", r.task_id, r.task_id);
		if (r.evidence) {
			char *path = cli->blobs->path_of(cli->blobs, r.evidence_sha256);

			sb_addf(&out, "  evidence %s stored as %s\n", r.evidence, path);
			free(path);
		}
	}
	rc = cmd_out(&out);
out:
	sb_release(&err);
	sb_release(&out);
	return rc;
}

static int decide(struct cli *cli, const char *name, bool accept, int argc, char **argv)
{
	struct decide_req req = { .accept = accept };
	const struct opt opts[] = { { "date", &req.date, NULL },
				    { "reason", &req.reason, NULL },
				    { 0 } };
	struct sb err = SB_INIT, out = SB_INIT;
	int rc;

	if (cmd_parse_opts(name, argc, argv, opts) != 1)
		return cmd_usage(name);
	if (!(req.task_id = cmd_parse_id(argv[0])))
		return cmd_fail("'%s' is not a task id; see 'dondoc tasks'", argv[0]);
	rc = ops_decide(&cli->ops, &req, &err);
	if (rc == 0) {
		if (accept)
			sb_addf(&out, "task %lld: completion confirmed (report %lld)%s%s\n",
				req.task_id, req.report_id, req.date ? ", completed on " : "",
				req.date ? req.date : "");
		else
			sb_addf(&out, "task %lld: completion refused (từ chối xác nhận), report %lld:"
				      " %s\n", req.task_id, req.report_id, req.reason);
	}
	rc = cmd_done(rc, &err, &out);
	return rc;
}

int cmd_confirm(struct cli *cli, int argc, char **argv)
{
	return decide(cli, "confirm", true, argc, argv);
}

int cmd_reject(struct cli *cli, int argc, char **argv)
{
	return decide(cli, "reject", false, argc, argv);
}
