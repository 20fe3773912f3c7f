/*
 * cmd.c - the command table, option parsing and help (see cmd.h).
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "app/config.h"
#include "base/err.h"
#include "base/sb.h"
#include "ingest/doc.h"

#include <errno.h>
#include <unistd.h>
#include <stdarg.h>

#ifndef DONDOC_VERSION
#define DONDOC_VERSION "0.1.0"
#endif

const struct cmd cmd_table[] = {
	{ "help", "help [COMMAND]", "show the commands, or one command's usage", 0, cmd_help },
	{ "version", "version", "print the version", 0, cmd_version },
	{ "init", "init", "create and migrate the database", CMD_NEEDS_STORE, cmd_init },
	{ "extract", "extract [--explain] [--doc] FILE",
	  "print the plan/1 JSON of FILE; nothing is stored", CMD_NEEDS_AGENCIES, cmd_extract },
	{ "import", "import [--again] FILE...", "extract each FILE and store it as a draft plan",
	  CMD_NEEDS_STORE | CMD_NEEDS_AGENCIES, cmd_import },
	{ "plans", "plans", "list the stored plans", CMD_NEEDS_STORE | CMD_READ_ONLY, cmd_plans },
	{ "tasks", "tasks [--plan ID] [--agency NAME [--lead-only]] [--leader NAME]",
	  "list tasks with their stable ids", CMD_NEEDS_STORE | CMD_NEEDS_AGENCIES | CMD_READ_ONLY,
	  cmd_tasks },
	{ "export", "export PLAN [--format docx|xlsx|csv|json|ics] [--period P] [--agency A]"
		    " [--leader L] [-o FILE]",
	  "a stored plan as plan/1 JSON (with tracking once published), or its report, appendix,"
	  " CSV or calendar", CMD_NEEDS_STORE | CMD_NEEDS_AGENCIES | CMD_READ_ONLY, cmd_export_docs },
	{ "agencies", "agencies [--unknown] | agencies alias ALIAS CANONICAL",
	  "list bodies, the unknown ones, or teach an alias (stored plans re-resolve)",
	  CMD_NEEDS_STORE | CMD_NEEDS_AGENCIES, cmd_agencies },
	{ "people", "people | people alias ALIAS CANONICAL",
	  "list the leaders named in stored plans, or teach a spelling of a name",
	  CMD_NEEDS_STORE, cmd_people },
	/* Tracking (cmd_track.c). */
	{ "publish", "publish PLAN", "publish a reviewed draft plan: its tasks become tracked",
	  CMD_NEEDS_STORE, cmd_publish },
	{ "edit", "edit TASK --field F --value V --reason R",
	  "correct a task (text, ref, section, leader, supervisor, result, due, lead, coordinate)",
	  CMD_NEEDS_STORE | CMD_NEEDS_AGENCIES, cmd_edit },
	{ "task", "task merge TASK [--reason R] | task split TASK --at N|--text T [--reason R]",
	  "merge a draft's task with the next one, or split it in two (review before publishing)",
	  CMD_NEEDS_STORE | CMD_NEEDS_AGENCIES, cmd_task },
	{ "history", "history TASK", "show a task's corrections and progress reports",
	  CMD_NEEDS_STORE | CMD_READ_ONLY, cmd_history },
	{ "report", "report TASK --agency A --state STATE [--date YYYY-MM-DD] [--note TEXT]"
		    " [--value V] [--period P] [--evidence FILE] [--replaces REPORT]"
		    " | report --indicator ID --agency A --value V --period P",
	  "file a progress report (append-only; --replaces corrects an earlier one)",
	  CMD_NEEDS_STORE | CMD_NEEDS_AGENCIES, cmd_report },
	{ "confirm", "confirm TASK [--date YYYY-MM-DD]",
	  "confirm the completion the lead body reported", CMD_NEEDS_STORE, cmd_confirm },
	{ "reject", "reject TASK --reason R", "refuse a reported completion; the task goes back",
	  CMD_NEEDS_STORE, cmd_reject },
	{ "status", "status [--plan ID] [--agency A [--lead-only]] [--leader L] [--period P] [--json]"
		    " [--tasks]",
	  "status buckets and rates over tasks already due, by plan, agency and leader",
	  CMD_NEEDS_STORE | CMD_NEEDS_AGENCIES | CMD_READ_ONLY, cmd_status },
	{ "completeness", "completeness --period P [--plan ID] [--json]",
	  "reports expected, received and on time per agency; who has not reported",
	  CMD_NEEDS_STORE | CMD_READ_ONLY, cmd_completeness },
	{ "indicators", "indicators [--plan ID] [--period P] [--agency A] [--json]",
	  "indicators: actual value against target (vượt, đạt, gần đạt, không đạt), and year by"
	  " year against the year's target or the path between targets, with the rule",
	  CMD_NEEDS_STORE | CMD_READ_ONLY, cmd_indicators },
	{ "contacts", "contacts | contacts set AGENCY EMAIL",
	  "list or set the e-mail addresses reminders go to", CMD_NEEDS_STORE | CMD_NEEDS_AGENCIES,
	  cmd_contacts },
	{ "remind", "remind [--dry-run] [--period P]",
	  "send each agency its tasks overdue, due soon and unreported; escalate; once a day",
	  CMD_NEEDS_STORE, cmd_remind },
	{ "check", "check [--keep-orphans]",
	  "check the database (integrity, references, audit rows) and the evidence folder",
	  CMD_NEEDS_STORE, cmd_check },
	{ "backup", "backup FILE", "write a checked copy of the database to FILE (safe while in use)",
	  CMD_NEEDS_STORE, cmd_backup },
	{ "restore", "restore FILE", "replace the database with a checked backup FILE",
	  CMD_NEEDS_STORE, cmd_restore },
	/* Documents out (cmd_export.c). */
	{ "report-doc", "report-doc PLAN --period P [--agency A] [--number N] [--signer NAME] -o FILE",
	  "write the Decree 30 report (DOCX) of a plan, or of one agency's tasks, for a period",
	  CMD_NEEDS_STORE | CMD_NEEDS_AGENCIES, cmd_report_doc },
	/* Web application (cmd_user.c, cmd_serve.c). */
	{ "user", "user add LOGIN --role admin|standing|officer|leader|viewer [--agency A]"
		  " [--person P] | user passwd|disable|enable LOGIN | user list",
	  "manage web accounts (password from standard input, or prompted)",
	  CMD_NEEDS_STORE | CMD_NEEDS_AGENCIES, cmd_user },
	{ "token", "token add LOGIN | token revoke ID|LOGIN",
	  "make a bearer token for the JSON API (shown once); revoke one (ID) or all of a user's",
	  CMD_NEEDS_STORE, cmd_token },
	{ "serve", "serve [--listen 127.0.0.1:8080] [--threads N] [--deadline S] [--max-upload B]"
		   " [--per-ip N] | serve --routes",
	  "run the web application (docs/web.md)",
	  CMD_NEEDS_STORE | CMD_NEEDS_AGENCIES, cmd_serve },
	{ "migrate", "migrate --from sqlite:PATH --to postgresql://...",
	  "copy a SQLite database into an empty PostgreSQL one, verified table by table", 0,
	  cmd_migrate },
	{ NULL, NULL, NULL, 0, NULL },
};

const struct cmd *cmd_find(const char *name)
{
	const struct cmd *c;

	for (c = cmd_table; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int cmd_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("dondoc: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int cmd_out(const struct sb *out)
{
	if ((out->len && fwrite(out->buf, 1, out->len, stdout) != out->len) || fflush(stdout) != 0 ||
	    ferror(stdout)) {
		int e = errno;

		clearerr(stdout);
		return cmd_fail("cannot write the output: %s", strerror(e ? e : EIO));
	}
	return 0;
}

int cmd_ops_fail(int rc, const struct sb *err)
{
	cmd_fail("%s", err->len ? err->buf : err_str(rc));
	return rc == -ERR_USAGE ? 2 : 1;
}

int cmd_done(int rc, struct sb *err, struct sb *out)
{
	rc = rc < 0 ? cmd_ops_fail(rc, err) : cmd_out(out);
	sb_release(err);
	sb_release(out);
	return rc;
}

char *cmd_beside_db(const struct cli *cli, const char *name)
{
	const char *slash = strrchr(cli->db_path, '/');
	struct sb s = SB_INIT;

	/* A server database (postgresql://) has no folder: use var/ here. */
	if (strstr(cli->db_path, "://"))
		sb_adds(&s, "var/");
	else if (slash)
		sb_add(&s, cli->db_path, (size_t)(slash - cli->db_path + 1));
	sb_adds(&s, name);
	return sb_detach(&s);
}

int cmd_usage(const char *name)
{
	const struct cmd *c = cmd_find(name);

	fprintf(stderr, "usage: dondoc %s\n", c ? c->usage : name);
	return 2;
}

static const struct opt *find_opt(const struct opt *opts, const char *name, size_t len)
{
	for (; opts && opts->name; opts++)
		if (strlen(opts->name) == len && memcmp(opts->name, name, len) == 0)
			return opts;
	return NULL;
}

int cmd_parse_opts(const char *cmd, int argc, char **argv, const struct opt *opts)
{
	int i, npos = 0;
	bool only_pos = false;

	for (i = 0; i < argc; i++) {
		char *a = argv[i], *eq;
		const struct opt *o;
		size_t nlen;

		if (only_pos || a[0] != '-' || a[1] != '-' || a[2] == '\0') {
			if (!only_pos && strcmp(a, "--") == 0) {
				only_pos = true;
				continue;
			}
			argv[npos++] = a;
			continue;
		}
		eq = strchr(a + 2, '=');
		nlen = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		o = find_opt(opts, a + 2, nlen);
		if (!o) {
			fprintf(stderr, "dondoc %s: unknown option '%s'\n", cmd, a);
			cmd_usage(cmd);
			return -1;
		}
		if (o->flag) {
			*o->flag = true;
			continue;
		}
		if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			fprintf(stderr, "dondoc %s: option '%s' needs a value\n", cmd, a);
			cmd_usage(cmd);
			return -1;
		}
	}
	return npos;
}

static void show_progress(void *arg, const char *path, const char *what, size_t done,
			  size_t total)
{
	bool tty = isatty(STDERR_FILENO);

	if (total)
		fprintf(stderr, "%s%s: %s %zu/%zu%s", tty ? "\r" : "", path, what, done, total,
			tty ? "" : "\n");
	else
		fprintf(stderr, "%s%s: %s %zu%s", tty ? "\r" : "", path, what, done, tty ? "" : "\n");
	if (tty && total && done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

/* Reader limits an operator may change, one environment variable each. */
static const struct {
	const char *env;
	size_t offset;
	bool is_unsigned; /* an unsigned field, else size_t */
} limit_settings[] = {
	{ "DONDOC_MAX_FILE_BYTES", offsetof(struct doc_limits, max_bytes), false },
	{ "DONDOC_MAX_ZIP_ENTRIES", offsetof(struct doc_limits, max_entries), false },
	{ "DONDOC_MAX_ENTRY_BYTES", offsetof(struct doc_limits, max_entry_bytes), false },
	{ "DONDOC_MAX_UNZIPPED_BYTES", offsetof(struct doc_limits, max_total_bytes), false },
	{ "DONDOC_MAX_ZIP_RATIO", offsetof(struct doc_limits, max_ratio), true },
	{ "DONDOC_MAX_PIXELS", offsetof(struct doc_limits, max_pixels), false },
	{ "DONDOC_MAX_PAGES", offsetof(struct doc_limits, max_pages), false },
	{ "DONDOC_MAX_SECONDS", offsetof(struct doc_limits, max_seconds), true },
	{ "DONDOC_MAX_BLOCKS", offsetof(struct doc_limits, max_blocks), false },
	{ "DONDOC_MAX_CELLS", offsetof(struct doc_limits, max_cells), false },
	{ "DONDOC_MAX_XML_NODES", offsetof(struct doc_limits, max_xml_nodes), false },
	{ "DONDOC_MAX_READER_BYTES", offsetof(struct doc_limits, max_reader_bytes), false },
	{ "DONDOC_MAX_ROWS", offsetof(struct doc_limits, max_rows), false },
	{ "DONDOC_MAX_TASKS", offsetof(struct doc_limits, max_tasks), false },
	{ "DONDOC_MAX_LINES", offsetof(struct doc_limits, max_lines), false },
};

static void apply_limit_settings(struct doc_limits *l)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(limit_settings); i++) {
		const char *v = getenv(limit_settings[i].env);
		char *end;
		unsigned long long n;

		if (!v || !*v)
			continue;
		errno = 0;
		n = strtoull(v, &end, 10);
		if (errno || *end || end == v) {
			fprintf(stderr, "dondoc: %s='%s' is not a whole number; using the default\n",
				limit_settings[i].env, v);
			continue;
		}
		if (limit_settings[i].is_unsigned)
			*(unsigned *)((char *)l + limit_settings[i].offset) =
				n > UINT32_MAX ? UINT32_MAX : (unsigned)n;
		else
			*(size_t *)((char *)l + limit_settings[i].offset) = (size_t)n;
	}
}

const struct doc_limits *cmd_reader_limits(void)
{
	static struct doc_limits limits;
	static bool ready;

	if (!ready) {
		limits = doc_default_limits;
		limits.progress = show_progress;
		apply_limit_settings(&limits);
		ready = true;
	}
	return &limits;
}

long long cmd_parse_id(const char *s)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v <= 0)
		return 0;
	return v;
}

int cmd_version(struct cli *cli, int argc, char **argv)
{
	printf("dondoc %s\n", DONDOC_VERSION);
	return 0;
}

int cmd_help(struct cli *cli, int argc, char **argv)
{
	const struct cmd *c;

	if (argc > 0 && strcmp(argv[0], "config") == 0) {
		struct sb out = SB_INIT;
		int rc;

		config_help(&out);
		rc = cmd_out(&out);
		sb_release(&out);
		return rc;
	}
	if (argc > 0) {
		c = cmd_find(argv[0]);
		if (!c)
			return cmd_fail("no such command '%s'; see 'dondoc help'", argv[0]);
		printf("usage: dondoc %s\n\n%s\n", c->usage, c->summary);
		return 0;
	}
	printf("usage: dondoc [--db PATH] [--as LOGIN] COMMAND [ARGS]\n\n"
	       "dondoc reads Vietnamese plan documents into tasks and tracks them.\n"
	       "The database is --db PATH, else $DONDOC_DB, else var/dondoc.db.\n"
	       "--as LOGIN acts as that stored user (its role and agency), as on the web.\n\n"
	       "Commands:\n");
	for (c = cmd_table; c->name; c++)
		printf("  %-13s %s\n", c->name, c->summary);
	printf("\n'dondoc help COMMAND' shows one command's usage; 'dondoc help config' the"
	       " settings.\n");
	return 0;
}
