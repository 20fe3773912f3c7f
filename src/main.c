/*
 * main.c - the dondoc entry point: global options, then the command table.
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "app/blob.h"
#include "app/config.h"
#include "app/open.h"
#include "base/sb.h"
#include "base/date.h"
#include "base/xalloc.h"
#include "extract/agency.h"
#include "store/store.h"

#include <errno.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

/* Today as a day number: DONDOC_TODAY, else the local date. */
static int get_today(int *day, struct sb *err)
{
	const char *env = config_get("DONDOC_TODAY");
	time_t t = time(NULL);
	struct tm tm;

	if (env) {
		if (calendar_parse_iso(env, day) < 0) {
			sb_addf(err, "DONDOC_TODAY='%s' is not a date YYYY-MM-DD", env);
			return -1;
		}
		return 0;
	}
	localtime_r(&t, &tm);
	*day = calendar_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

/* The context of every ops call. The actor is the local administrator, or
 * the stored user that --as LOGIN names (then every operation is checked
 * against that user's role, agency and person, as on the web). */
static int prepare_ops(struct cli *cli, struct ops_settings *set, struct sb *err)
{
	const char *ev = config_get("DONDOC_EVIDENCE_DIR");
	struct sb warn = SB_INIT;
	char *dir;

	if (!ev)
		ev = config_get("DONDOC_EVIDENCE");
	dir = ev ? xstrdup(ev) : cmd_beside_db(cli, "evidence");
	cli->blobs = blob_folder_new(dir);
	free(dir);
	config_ops_settings(set, &warn);
	if (warn.len)
		fputs(warn.buf, stderr);
	sb_release(&warn);
	cli->ops.store = cli->store;
	cli->ops.agencies = cli->agencies;
	cli->ops.now = (long long)time(NULL);
	cli->ops.actor.user_id = 0;
	cli->ops.actor.login = config_get("DONDOC_USER");
	cli->ops.actor.role = ROLE_ADMIN;
	cli->ops.settings = set;
	cli->ops.blobs = cli->blobs;
	if (get_today(&cli->ops.today, err) < 0)
		return -1;
	if (cli->as_login) {
		if (!cli->store) {
			sb_addf(err, "--as %s: this command does not act for a user", cli->as_login);
			return -1;
		}
		if (ops_principal_of_login(&cli->ops, cli->as_login, &cli->who, err) < 0)
			return -1;
		cli->ops.actor = cli->who.actor;
	}
	return 0;
}

static int prepare(struct cli *cli, const struct cmd *c, struct ops_settings *set)
{
	struct sb err = SB_INIT;
	int rc = 0;

	if (c->flags & CMD_NEEDS_AGENCIES) {
		cli->agencies = agency_registry_new();
		/* The deployment's home province: "UBND tỉnh" is its committee. */
		if (agency_registry_set_home(cli->agencies, config_get("DONDOC_PROVINCE")) < 0) {
			rc = cmd_fail("DONDOC_PROVINCE=%s: không rõ tỉnh, thành phố này (unknown province)",
				      config_get("DONDOC_PROVINCE"));
			goto out;
		}
	}
	if (c->flags & CMD_NEEDS_STORE) {
		/* Commands that only read open an existing database read-only, so
		 * that they work on a read-only file or mount. */
		bool ro = (c->flags & CMD_READ_ONLY) && access(cli->db_path, F_OK) == 0;

		if ((!ro && ensure_parent_dir(cli->db_path, &err) < 0) ||
		    app_store_open(cli->db_path, ro, &cli->store, &err) < 0) {
			rc = cmd_fail("%s", err.buf);
			goto out;
		}
	}
	if (prepare_ops(cli, set, &err) < 0) {
		rc = cmd_fail("%s", err.buf);
		goto out;
	}
	if (cli->store && cli->agencies && ops_agency_aliases_load(&cli->ops, &err) < 0)
		rc = cmd_fail("%s", err.buf);
out:
	sb_release(&err);
	return rc;
}

int main(int argc, char **argv)
{
	struct cli cli = { 0 };
	struct ops_settings set;
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
		} else if (strcmp(argv[i], "--as") == 0 && i + 1 < argc) {
			cli.as_login = argv[i + 1];
			i += 2;
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
	/* "--db" and "--as" may also follow the command: dondoc import --db x.db FILE. */
	for (int j = i + 1; j < argc; j++) {
		if ((strcmp(argv[j], "--db") == 0 || strcmp(argv[j], "--as") == 0) && j + 1 < argc) {
			*(argv[j][2] == 'd' ? &cli.db_path : &cli.as_login) = argv[j + 1];
			memmove(&argv[j], &argv[j + 2], (size_t)(argc - j - 2) * sizeof(*argv));
			argc -= 2;
			j--;
		}
	}
	rc = prepare(&cli, c, &set);
	if (rc == 0)
		rc = c->run(&cli, argc - i - 1, argv + i + 1);
	if (cli.store)
		store_close(cli.store);
	agency_registry_free(cli.agencies);
	blob_folder_free(cli.blobs);
	principal_release(&cli.who);
	/* What was written but not yet flushed can still fail here (a full disk). */
	if ((ferror(stdout) | fclose(stdout)) != 0 && rc == 0) {
		fprintf(stderr, "dondoc: cannot write the output: %s\n", strerror(errno));
		rc = 1;
	}
	return rc;
}
