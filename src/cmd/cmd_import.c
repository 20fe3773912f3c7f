/*
 * cmd_import.c - `dondoc init` and `dondoc import FILE...`.
 *
 * Each file is read, extracted and stored as one draft plan in one
 * transaction (ops_import): a file that fails leaves nothing behind, and the
 * files before and after it are still imported. The exit status is 1 when
 * any file failed.
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "base/sb.h"
#include "store/store.h"

int cmd_init(struct cli *cli, int argc, char **argv)
{
	struct sb out = SB_INIT;
	int rc;

	if (argc)
		return cmd_usage("init");
	sb_addf(&out, "%s: database ready (schema version %d)\n", cli->db_path,
		store_schema_version(cli->store));
	rc = cmd_out(&out);
	sb_release(&out);
	return rc;
}

static int import_one(struct cli *cli, const char *path, bool again)
{
	struct import_req req = { .path = path, .again = again, .limits = cmd_reader_limits() };
	struct sb err = SB_INIT, out = SB_INIT;
	int rc = ops_import(&cli->ops, &req, &err);

	if (rc < 0) {
		/* A refusal before the store names the file already. */
		rc = cmd_ops_fail(rc, &err);
		goto out;
	}
	if (req.existing_id) {
		sb_addf(&out, "plan %lld: %s: already imported (same content); --again imports a"
			      " copy\n", req.existing_id, path);
	} else {
		sb_addf(&out, "plan %lld: %s: %zu tasks, %zu indicators, %zu targets, %zu reporting"
			      " deadlines\n", req.plan_id, path, req.ntasks, req.nindicators,
			req.ntargets, req.nreporting);
		if (req.unknown_agencies)
			sb_addf(&out, "  %zu agency names are not in the registry: see 'dondoc"
				      " agencies --unknown'\n", req.unknown_agencies);
		/* No silent loss: what was placed in no task, for a reviewer. */
		if (req.nnotes)
			sb_addf(&out, "  Ghi chú / Notes: %zu đoạn không thuộc nhiệm vụ nào / passages"
				      " placed in no task:\n", req.nnotes);
		for (size_t i = 0; i < req.nnotes; i++)
			sb_addf(&out, "    %s:%s\n", path, req.notes[i]);
	}
	rc = cmd_out(&out);
out:
	ops_import_release(&req);
	sb_release(&err);
	sb_release(&out);
	return rc;
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
	bool again = false;
	const struct opt opts[] = { { "again", NULL, &again }, { 0 } };
	int i, failed = 0;

	argc = cmd_parse_opts("import", argc, argv, opts);
	if (argc < 0)
		return 2;
	if (argc < 1)
		return cmd_usage("import");
	for (i = 0; i < argc; i++)
		failed |= import_one(cli, argv[i], again);
	return failed ? 1 : 0;
}
