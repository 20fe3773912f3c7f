/*
 * cmd_migrate.c - `dondoc migrate --from sqlite:PATH --to postgresql://...`:
 * a province's database moved to PostgreSQL, one line per table copied with
 * its row count and checksum (ops_migrate holds the rules).
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "base/sb.h"
#include "store/store.h"

static int print_table(const struct store_copy_table *t, void *arg)
{
	sb_addf(arg, "  %-22s %8lld rows  sha256 %.16s\n", t->table, t->rows, t->sha256);
	return 0;
}

int cmd_migrate(struct cli *cli, int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	const struct opt opts[] = { { "from", &from, NULL }, { "to", &to, NULL }, { 0 } };
	struct sb err = SB_INIT, out = SB_INIT;
	int rc;

	if (cmd_parse_opts("migrate", argc, argv, opts) != 0 || !from || !to)
		return cmd_usage("migrate");
	rc = ops_migrate(&cli->ops, from, to, print_table, &out, &err);
	if (rc < 0) {
		rc = cmd_ops_fail(rc, &err);
	} else {
		sb_addf(&out, "%s: copied into %s; every table's rows and checksum verified\n",
			from, "PostgreSQL");
		rc = cmd_out(&out);
	}
	sb_release(&err);
	sb_release(&out);
	return rc;
}
