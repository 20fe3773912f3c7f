/*
 * cmd_import.c - `dondoc init` and `dondoc import FILE...`.
 *
 * Each file is read, extracted and stored as one draft plan in one
 * transaction: a file that fails leaves nothing behind, and the files before
 * and after it are still imported. The exit status is 1 when any file failed.
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "base/sb.h"
#include "extract/agency.h"
#include "extract/extract.h"
#include "ingest/doc.h"
#include "ingest/ingest.h"
#include "model/plan.h"
#include "store/store.h"

#include <sodium.h>

int cmd_init(struct cli *cli, int argc, char **argv)
{
	if (argc)
		return cmd_usage("init");
	printf("%s: database ready (schema version %d)\n", cli->db_path,
	       store_schema_version(cli->store));
	return 0;
}

static void sha256_hex(const char *data, size_t len, char hex[65])
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(digest, (const unsigned char *)data, len);
	sodium_bin2hex(hex, 65, digest, sizeof(digest));
}

static size_t count_unknown(const struct cli *cli, const struct plan *p)
{
	size_t i, j, n = 0;

	for (i = 0; i < p->tasks.n; i++) {
		const struct task *t = &p->tasks.v[i];

		for (j = 0; j < t->lead.n; j++)
			n += agency_canonical(cli->agencies, t->lead.v[j], 0) == NULL;
		for (j = 0; j < t->coordinate.n; j++)
			n += agency_canonical(cli->agencies, t->coordinate.v[j], 0) == NULL;
	}
	return n;
}

static int import_one(struct cli *cli, const char *path, bool again)
{
	struct sb err = SB_INIT, data = SB_INIT;
	struct plan plan;
	struct doc *doc = NULL;
	long long known = 0;
	char hex[65];
	size_t unknown;
	int stored, rc = 1;

	plan_init(&plan);
	if (ingest_slurp(path, cmd_reader_limits()->max_bytes, &data, &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	/* The same file twice is almost always a slip: say so instead of
	 * doubling every task. */
	sha256_hex(data.buf, data.len, hex);
	if (!again && store_plan_find_source(cli->store, hex, &known, &err) == 0 && known) {
		printf("plan %lld: %s: already imported (same content); --again imports a copy\n",
		       known, path);
		rc = 0;
		goto out;
	}
	doc = ingest_buffer(path, data.buf, data.len, cmd_reader_limits(), &err);
	if (!doc) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	if (extract_plan(doc, cli->agencies, NULL, &plan, &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	if (cmd_reader_limits()->max_tasks && plan.tasks.n > cmd_reader_limits()->max_tasks) {
		doc_limit_error(&err, path, NULL, cmd_reader_limits()->max_tasks,
				"nhiệm vụ trong một kế hoạch", "tasks in one plan", "DONDOC_MAX_TASKS");
		cmd_fail("%s", err.buf);
		goto out;
	}
	stored = again ? store_plan_insert_copy(cli->store, &plan, path, hex, "cli", &err)
		       : store_plan_insert(cli->store, &plan, path, hex, "cli", &err);
	if (stored < 0) {
		cmd_fail("%s: not imported: %s", path, err.buf);
		goto out;
	}
	if (stored == 1) { /* another import of the same file committed first */
		printf("plan %lld: %s: already imported (same content); --again imports a copy\n",
		       plan.id, path);
		rc = 0;
		goto out;
	}
	printf("plan %lld: %s: %zu tasks, %zu indicators, %zu targets, %zu reporting deadlines\n",
	       plan.id, path, plan.tasks.n, plan.indicators.n, plan.targets.n, plan.reporting.n);
	unknown = count_unknown(cli, &plan);
	if (unknown)
		printf("  %zu agency names are not in the registry: see 'dondoc agencies --unknown'\n",
		       unknown);
	rc = 0;
out:
	doc_free(doc);
	plan_release(&plan);
	sb_release(&err);
	sb_release(&data);
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
	if (sodium_init() < 0)
		return cmd_fail("libsodium failed to initialise");
	for (i = 0; i < argc; i++)
		failed |= import_one(cli, argv[i], again);
	return failed ? 1 : 0;
}
