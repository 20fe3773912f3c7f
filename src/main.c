/*
 * main.c - the dondoc entry point: global options, then the command table.
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "base/sb.h"
#include "base/xalloc.h"
#include "extract/agency.h"
#include "store/store.h"

#include <errno.h>
#include <sys/stat.h>

#define DEFAULT_DB "var/dondoc.db"

/* Creates the folder that will hold path (one level: var/), if missing. */
static int ensure_parent_dir(const char *path, struct sb *err)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int rc = 0;

	/* A database URL (postgresql://...) is no file path. */
	if (!slash || slash == path || strstr(path, "://"))
		return 0;
	dir = xstrndup(path, (size_t)(slash - path));
	if (mkdir(dir, 0775) < 0 && errno != EEXIST) {
		sb_addf(err, "%s: cannot create folder: %s", dir, strerror(errno));
		rc = -1;
	}
	free(dir);
	return rc;
}

static int prepare(struct cli *cli, const struct cmd *c)
{
	struct sb err = SB_INIT;
	int rc = 0;

	if (c->flags & CMD_NEEDS_AGENCIES) {
		cli->agencies = agency_registry_new();
		/* The deployment's home province: "UBND tỉnh" is its committee. */
		if (agency_registry_set_home(cli->agencies, getenv("DONDOC_PROVINCE")) < 0) {
			rc = cmd_fail("DONDOC_PROVINCE=%s: không rõ tỉnh, thành phố này (unknown province)",
				      getenv("DONDOC_PROVINCE"));
			goto out;
		}
	}
	if (c->flags & CMD_NEEDS_STORE) {
		if (ensure_parent_dir(cli->db_path, &err) < 0 ||
		    store_open(cli->db_path, &cli->store, &err) < 0) {
			rc = cmd_fail("%s", err.buf);
			goto out;
		}
		if (cli->agencies && store_agency_aliases_load(cli->store, cli->agencies, &err) < 0)
			rc = cmd_fail("%s", err.buf);
	}
out:
	sb_release(&err);
	return rc;
}

int main(int argc, char **argv)
{
	struct cli cli = { 0 };
	const struct cmd *c;
	const char *env = getenv("DONDOC_DB");
	int i = 1, rc;

	cli.db_path = env && *env ? env : DEFAULT_DB;
	while (i < argc && strncmp(argv[i], "--", 2) == 0) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			cli.db_path = argv[i + 1];
			i += 2;
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			cli.db_path = argv[i] + 5;
			i++;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "--version") == 0) {
			argv[i] += 2;
			break;
		} else {
			fprintf(stderr, "dondoc: unknown option '%s'; see 'dondoc help'\n", argv[i]);
			return 2;
		}
	}
	if (i >= argc) {
		cmd_help(&cli, 0, NULL);
		return 2;
	}
	c = cmd_find(argv[i]);
	if (!c) {
		fprintf(stderr, "dondoc: '%s' is not a command; see 'dondoc help'\n", argv[i]);
		return 2;
	}
	/* "--db" may also follow the command: dondoc import --db x.db FILE. */
	for (int j = i + 1; j < argc; j++) {
		if (strcmp(argv[j], "--db") == 0 && j + 1 < argc) {
			cli.db_path = argv[j + 1];
			memmove(&argv[j], &argv[j + 2], (size_t)(argc - j - 2) * sizeof(*argv));
			argc -= 2;
			j--;
		}
	}
	rc = prepare(&cli, c);
	if (rc == 0)
		rc = c->run(&cli, argc - i - 1, argv + i + 1);
	if (cli.store)
		store_close(cli.store);
	agency_registry_free(cli.agencies);
	return rc;
}
