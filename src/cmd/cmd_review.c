/*
 * cmd_review.c - `dondoc task merge|split`: reviewing a draft's tasks from
 * the command line as the web's review page does (src/ops/ops_review.c
 * holds the rules). Each subcommand parses its arguments, makes one ops
 * call and prints the outcome.
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "base/err.h"
#include "base/sb.h"

#include <errno.h>

static int task_merge(struct cli *cli, long long id, const char *at, const char *text,
		      const char *reason, struct sb *out, struct sb *err)
{
	long long removed = 0;
	int rc;

	if (at || text)
		return cmd_usage("task");
	rc = ops_task_merge(&cli->ops, id, reason, &removed, err);
	if (rc == 0)
		sb_addf(out, "task %lld: merged with task %lld (now removed)\n", id, removed);
	return rc;
}

static int task_split(struct cli *cli, long long id, const char *at, const char *text,
		      const char *reason, struct sb *out, struct sb *err)
{
	struct split_req req = { .task_id = id, .at = -1, .text = text, .reason = reason };
	int rc;

	if ((at != NULL) == (text != NULL))
		return cmd_usage("task");
	if (at) {
		char *end;

		errno = 0;
		req.at = strtol(at, &end, 10);
		if (errno || end == at || *end || req.at <= 0)
			return cmd_fail("--at wants a position (characters from the start), not '%s'",
					at);
	}
	rc = ops_task_split(&cli->ops, &req, err);
	if (rc == 0)
		sb_addf(out, "task %lld: split; the second part is task %lld\n", id, req.new_id);
	return rc;
}

static const struct {
	const char *name;
	int (*run)(struct cli *cli, long long id, const char *at, const char *text,
		   const char *reason, struct sb *out, struct sb *err);
} subcommands[] = {
	{ "merge", task_merge },
	{ "split", task_split },
};

int cmd_task(struct cli *cli, int argc, char **argv)
{
	const char *at = NULL, *text = NULL, *reason = NULL;
	const struct opt opts[] = { { "at", &at, NULL },
				    { "text", &text, NULL },
				    { "reason", &reason, NULL },
				    { 0 } };
	struct sb err = SB_INIT, out = SB_INIT;
	long long id;
	size_t i;
	int n = cmd_parse_opts("task", argc, argv, opts), rc;

	if (n != 2)
		return n < 0 ? 2 : cmd_usage("task");
	if (!(id = cmd_parse_id(argv[1])))
		return cmd_fail("'%s' is not a task id; see 'dondoc tasks'", argv[1]);
	for (i = 0; i < ARRAY_SIZE(subcommands); i++) {
		if (strcmp(argv[0], subcommands[i].name) != 0)
			continue;
		rc = subcommands[i].run(cli, id, at, text, reason, &out, &err);
		if (rc > 0) { /* usage printed */
			sb_release(&err);
			sb_release(&out);
			return rc;
		}
		return cmd_done(rc, &err, &out);
	}
	return cmd_usage("task");
}
