/*
 * cmd_extract.c - `dondoc extract FILE`: the plan/1 JSON of one file on
 * standard output, nothing stored. --explain writes the extractor's decisions
 * to standard error; --doc prints the document model instead of the plan.
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "base/sb.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "model/planjson.h"

int cmd_extract(struct cli *cli, int argc, char **argv)
{
	bool explain = false, dump = false;
	const struct opt opts[] = { { "explain", NULL, &explain }, { "doc", NULL, &dump }, { 0 } };
	struct sb err = SB_INIT, out = SB_INIT;
	struct plan plan;
	struct doc *doc = NULL;
	int n, rc = 1;

	plan_init(&plan);
	n = cmd_parse_opts("extract", argc, argv, opts);
	if (n < 0)
		return 2;
	if (n != 1)
		return cmd_usage("extract");
	doc = ingest_file(argv[0], cmd_reader_limits(), &err);
	if (!doc) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	if (dump) {
		doc_dump(doc, stdout);
		rc = 0;
		goto out;
	}
	if (extract_plan(doc, cli->agencies, explain ? stderr : NULL, &plan, &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	plan_json_write(&plan, &out);
	fwrite(out.buf, 1, out.len, stdout);
	rc = 0;
out:
	doc_free(doc);
	plan_release(&plan);
	sb_release(&err);
	sb_release(&out);
	return rc;
}
