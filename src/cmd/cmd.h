/*
 * cmd.h - the command registry of the dondoc CLI (after git's commands[] and
 * tmux's cmd_entry).
 *
 * Adding a command:
 *   1. write src/cmd/cmd_NAME.c with `int cmd_NAME(struct cli *cli, int argc, char **argv)`;
 *   2. declare it below and add one row to cmd_table[] in cmd.c (name, usage,
 *      summary, flags, function);
 *   3. add a test in tests/integration/ and a line to the README's CLI table.
 * A command returns an exit status: 0 done, 1 failed (message already on
 * stderr), 2 usage error.
 */
#ifndef DONDOC_CMD_H
#define DONDOC_CMD_H

#include <stdbool.h>

#include "ops/ops.h"

struct store;
struct agency_registry;
struct sb;

enum cmd_flags {
	CMD_NEEDS_STORE = 1 << 0, /* open (create, migrate) the database first */
	CMD_NEEDS_AGENCIES = 1 << 1, /* load the agency registry (with stored aliases) */
	CMD_READ_ONLY = 1 << 2, /* only reads: an existing database is opened read-only */
};

struct cli {
	const char *db_path;
	struct store *store;
	struct agency_registry *agencies;
	/* The context every ops call gets (prepared by main.c): the actor is
	 * the local administrator, or the stored user --as LOGIN names (its
	 * role, agency and person; the strings live in who). */
	struct ops_ctx ops;
	const char *as_login;
	struct principal who;
	struct blob_store *blobs;
};

struct cmd {
	const char *name;
	const char *usage;
	const char *summary;
	unsigned flags;
	int (*run)(struct cli *cli, int argc, char **argv);
};

extern const struct cmd cmd_table[];
const struct cmd *cmd_find(const char *name);

/* Option parsing shared by commands: --name VALUE, --name=VALUE, --flag. */
struct opt {
	const char *name;
	const char **value; /* set for options with a value */
	bool *flag; /* set for flags */
};

/**
 * Parses argv (after the command name) against opts. Positional arguments are
 * moved to the front of argv; returns their count, or -1 after printing a
 * usage error naming the bad option.
 */
int cmd_parse_opts(const char *cmd, int argc, char **argv, const struct opt *opts);

struct doc_limits;
/**
 * The reader limits for files a command reads, with progress of long reads
 * (OCR pages) shown on standard error: one line rewritten in place on a
 * terminal, a line per step otherwise (logs, CI).
 */
const struct doc_limits *cmd_reader_limits(void);

/** Parses a positive record id (plan, task, report); 0 when s is not one. */
long long cmd_parse_id(const char *s);

/** Writes out to standard output and flushes it; a failed write (a full
 *  disk, /dev/full, a closed pipe) is reported and gives 1, else 0. */
int cmd_out(const struct sb *out);
/** Reports an ops error (err) and gives the exit status: 2 for -ERR_USAGE,
 *  else 1. */
int cmd_ops_fail(int rc, const struct sb *err);
/** Ends a command: reports the ops error (rc < 0) or writes out; releases
 *  err and out; gives the exit status. */
int cmd_done(int rc, struct sb *err, struct sb *out);
/** The folder name beside the database: var/dondoc.db -> var/NAME (new string). */
char *cmd_beside_db(const struct cli *cli, const char *name);
struct mailer;
/** How reminders leave, as `dondoc remind` and `dondoc serve` send them:
 *  SMTP when DONDOC_SMTP_URL and DONDOC_MAIL_FROM are set (*smtp), else
 *  .eml files in *outbox (DONDOC_OUTBOX, else outbox/ beside the database;
 *  free() it). NULL (a message printed) when DONDOC_MAIL_FROM is bad. */
struct mailer *cmd_mailer(struct cli *cli, bool *smtp, char **outbox);

/** Prints "dondoc: " and the message to stderr; returns 1 (exit status). */
int cmd_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** Prints a usage error for cmd; returns 2. */
int cmd_usage(const char *cmd);

int cmd_version(struct cli *cli, int argc, char **argv);
int cmd_help(struct cli *cli, int argc, char **argv);
int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_extract(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_plans(struct cli *cli, int argc, char **argv);
int cmd_tasks(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_agencies(struct cli *cli, int argc, char **argv);
int cmd_people(struct cli *cli, int argc, char **argv);
/* Tracking (cmd_track.c). */
int cmd_publish(struct cli *cli, int argc, char **argv);
int cmd_edit(struct cli *cli, int argc, char **argv);
int cmd_history(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_confirm(struct cli *cli, int argc, char **argv);
int cmd_reject(struct cli *cli, int argc, char **argv);
int cmd_status(struct cli *cli, int argc, char **argv);
int cmd_completeness(struct cli *cli, int argc, char **argv);
int cmd_indicators(struct cli *cli, int argc, char **argv);
int cmd_contacts(struct cli *cli, int argc, char **argv);
int cmd_remind(struct cli *cli, int argc, char **argv);
/* Looking after the database (cmd_admin.c). */
int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_restore(struct cli *cli, int argc, char **argv);
/* Documents out (cmd_export.c). */
int cmd_export_docs(struct cli *cli, int argc, char **argv);
int cmd_report_doc(struct cli *cli, int argc, char **argv);

/* Review of a draft (cmd_review.c). */
int cmd_task(struct cli *cli, int argc, char **argv);
/* Web application (cmd_user.c, cmd_serve.c). */
int cmd_user(struct cli *cli, int argc, char **argv);
int cmd_token(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);
int cmd_migrate(struct cli *cli, int argc, char **argv);

#endif
