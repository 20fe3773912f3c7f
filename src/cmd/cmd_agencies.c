/*
 * cmd_agencies.c - `dondoc agencies [--unknown]` lists the bodies named in
 * stored plans; `dondoc agencies alias ALIAS CANONICAL` teaches the registry a
 * spelling and re-resolves every stored plan, in one transaction. `dondoc
 * people` and `dondoc people alias` do the same for leaders' names.
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "base/sb.h"
#include "store/store.h"

static int print_usage_row(const char *name, size_t uses, bool known, void *arg)
{
	printf("%5zu  %s%s\n", uses, name, known ? "" : "   (unknown)");
	(*(size_t *)arg)++;
	return 0;
}

static int alias(struct cli *cli, int argc, char **argv)
{
	struct sb err = SB_INIT;
	int rc;

	if (argc != 2)
		return cmd_usage("agencies");
	rc = store_agency_alias(cli->store, cli->agencies, argv[0], argv[1], "cli", &err);
	if (rc < 0) {
		rc = cmd_fail("%s", err.buf);
	} else {
		printf("'%s' now reads as '%s'; %d stored names re-resolved\n", argv[0], argv[1], rc);
		rc = 0;
	}
	sb_release(&err);
	return rc;
}

int cmd_agencies(struct cli *cli, int argc, char **argv)
{
	bool unknown = false;
	const struct opt opts[] = { { "unknown", NULL, &unknown }, { 0 } };
	struct sb err = SB_INIT;
	size_t n = 0;
	int npos, rc = 0;

	npos = cmd_parse_opts("agencies", argc, argv, opts);
	if (npos < 0)
		return 2;
	if (npos >= 1 && strcmp(argv[0], "alias") == 0)
		return alias(cli, npos - 1, argv + 1);
	if (npos)
		return cmd_usage("agencies");
	if (store_agency_usage(cli->store, cli->agencies, unknown, print_usage_row, &n, &err) < 0)
		rc = cmd_fail("%s", err.buf);
	else if (!n)
		printf(unknown ? "(every body in the stored plans is known)\n" : "(no plans yet)\n");
	sb_release(&err);
	return rc;
}

static int print_person(const char *name, size_t uses, void *arg)
{
	printf("%5zu  %s\n", uses, name);
	(*(size_t *)arg)++;
	return 0;
}

int cmd_people(struct cli *cli, int argc, char **argv)
{
	struct sb err = SB_INIT;
	size_t n = 0;
	int rc = 0;

	if (argc == 3 && strcmp(argv[0], "alias") == 0) {
		rc = store_person_alias(cli->store, argv[1], argv[2], "cli", &err);
		if (rc < 0) {
			rc = cmd_fail("%s", err.buf);
		} else {
			printf("'%s' now reads as '%s'; %d stored leaders renamed\n", argv[1], argv[2],
			       rc);
			rc = 0;
		}
	} else if (argc == 0) {
		if (store_person_usage(cli->store, print_person, &n, &err) < 0)
			rc = cmd_fail("%s", err.buf);
		else if (!n)
			printf("(no leaders in the stored plans)\n");
	} else {
		rc = cmd_usage("people");
	}
	sb_release(&err);
	return rc;
}
