/*
 * cmd_agencies.c - `dondoc agencies [--unknown]` lists the bodies named in
 * stored plans; `dondoc agencies alias ALIAS CANONICAL` teaches the registry a
 * spelling and re-resolves every stored plan, in one transaction. `dondoc
 * people` and `dondoc people alias` do the same for leaders' names.
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "base/sb.h"

static int usage_row(const char *name, size_t uses, bool known, void *arg)
{
	struct sb *out = arg;

	sb_addf(out, "%5zu  %s%s\n", uses, name, known ? "" : "   (unknown)");
	return 0;
}

static int person_row(const char *name, size_t uses, void *arg)
{
	return usage_row(name, uses, true, arg);
}

/* Runs one alias operation and says how many stored names changed. */
static int alias(struct cli *cli, bool person, const char *a, const char *canonical)
{
	struct sb err = SB_INIT, out = SB_INIT;
	int rc = person ? ops_person_alias(&cli->ops, a, canonical, &err)
			: ops_agency_alias(&cli->ops, a, canonical, &err);

	/* rc: how many stored names changed. */
	if (rc >= 0)
		sb_addf(&out, "'%s' now reads as '%s'; %d stored %s\n", a, canonical, rc,
			person ? "leaders renamed" : "names re-resolved");
	rc = cmd_done(rc, &err, &out);
	return rc;
}

int cmd_agencies(struct cli *cli, int argc, char **argv)
{
	bool unknown = false;
	const struct opt opts[] = { { "unknown", NULL, &unknown }, { 0 } };
	struct sb err = SB_INIT, out = SB_INIT;
	int npos, rc;

	npos = cmd_parse_opts("agencies", argc, argv, opts);
	if (npos < 0)
		return 2;
	if (npos >= 1 && strcmp(argv[0], "alias") == 0)
		return npos == 3 ? alias(cli, false, argv[1], argv[2]) : cmd_usage("agencies");
	if (npos)
		return cmd_usage("agencies");
	rc = ops_agency_usage(&cli->ops, unknown, usage_row, &out, &err);
	if (rc == 0 && !out.len)
		sb_adds(&out, unknown ? "(every body in the stored plans is known)\n"
				      : "(no plans yet)\n");
	rc = rc < 0 ? cmd_ops_fail(rc, &err) : cmd_out(&out);
	sb_release(&err);
	sb_release(&out);
	return rc;
}

int cmd_people(struct cli *cli, int argc, char **argv)
{
	struct sb err = SB_INIT, out = SB_INIT;
	int rc;

	if (argc == 3 && strcmp(argv[0], "alias") == 0)
		return alias(cli, true, argv[1], argv[2]);
	if (argc != 0)
		return cmd_usage("people");
	rc = ops_person_usage(&cli->ops, person_row, &out, &err);
	if (rc == 0 && !out.len)
		sb_adds(&out, "(no leaders in the stored plans)\n");
	rc = rc < 0 ? cmd_ops_fail(rc, &err) : cmd_out(&out);
	sb_release(&err);
	sb_release(&out);
	return rc;
}
