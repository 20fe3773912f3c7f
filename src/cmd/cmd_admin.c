/*
 * cmd_admin.c - `dondoc check`, `dondoc backup FILE`, `dondoc restore FILE`:
 * looking after the database (ops_admin.c holds the rules).
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "base/sb.h"

int cmd_check(struct cli *cli, int argc, char **argv)
{
	bool keep = false;
	const struct opt opts[] = { { "keep-orphans", NULL, &keep }, { 0 } };
	struct sb err = SB_INIT, out = SB_INIT;
	struct check_result r;
	size_t i;
	int rc;

	if (cmd_parse_opts("check", argc, argv, opts) != 0)
		return cmd_usage("check");
	rc = ops_check(&cli->ops, !keep, &r, &err);
	if (rc < 0) {
		rc = cmd_ops_fail(rc, &err);
		goto out;
	}
	for (i = 0; i < r.nproblems; i++)
		sb_addf(&out, "problem: %s\n", r.problems[i]);
	for (i = 0; i < r.nmissing; i++)
		sb_addf(&out, "problem: evidence %s is cited by a report but not kept\n",
			r.missing[i]);
	for (i = 0; i < r.norphans; i++)
		sb_addf(&out, "evidence %s is cited by no report: %s\n", r.orphans[i],
			keep ? "kept (--keep-orphans)" : "removed");
	if (r.nproblems || r.nmissing)
		sb_addf(&out, "%s: %zu problem(s); restore the last good backup with 'dondoc restore"
			" FILE'\n", cli->db_path, r.nproblems + r.nmissing);
	else
		sb_addf(&out, "%s: ok (integrity, references, audit rows, evidence)\n", cli->db_path);
	rc = cmd_out(&out);
	if (rc == 0 && (r.nproblems || r.nmissing))
		rc = 1;
out:
	check_result_release(&r);
	sb_release(&err);
	sb_release(&out);
	return rc;
}

/* backup and restore: one file argument, one ops call, one line. */
static int copy_cmd(struct cli *cli, const char *name, int argc, char **argv,
		    int (*op)(struct ops_ctx *, const char *, struct sb *), const char *done)
{
	struct sb err = SB_INIT, out = SB_INIT;
	int rc;

	if (cmd_parse_opts(name, argc, argv, NULL) != 1)
		return cmd_usage(name);
	rc = op(&cli->ops, argv[0], &err);
	if (rc == 0)
		sb_addf(&out, "%s: %s %s\n", cli->db_path, done, argv[0]);
	rc = cmd_done(rc, &err, &out);
	return rc;
}

int cmd_backup(struct cli *cli, int argc, char **argv)
{
	return copy_cmd(cli, "backup", argc, argv, ops_backup, "checked and backed up to");
}

int cmd_restore(struct cli *cli, int argc, char **argv)
{
	return copy_cmd(cli, "restore", argc, argv, ops_restore, "restored from");
}
