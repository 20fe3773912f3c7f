/*
 * cmd_user.c - `dondoc user add|passwd|disable|enable|list` and `dondoc token
 * add`: accounts for the web application, managed from the machine it runs
 * on. The CLI acts as the local administrator (ops.h, struct actor).
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "base/sb.h"
#include "ops/ops.h"
#include "store/store.h"

#include <termios.h>
#include <time.h>
#include <unistd.h>

static void local_admin(struct cli *cli, struct ops_ctx *c)
{
	const char *u = getenv("DONDOC_USER");

	memset(c, 0, sizeof(*c));
	c->store = cli->store;
	c->agencies = cli->agencies;
	c->now = (long long)time(NULL);
	c->actor.login = u && *u ? u : "cli";
	c->actor.role = ROLE_ADMIN;
}

/* Reads one line of password: from standard input when it is not a terminal
 * (scripts), else prompted on the terminal with echo off. */
static int read_password(const char *prompt, struct sb *out)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO);
	int c;

	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) < 0)
			return -1;
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	while ((c = getchar()) != EOF && c != '\n')
		if (c != '\r')
			sb_addc(out, (char)c);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	return out->len ? 0 : -1;
}

static int with_password(struct cli *cli, const char *login, bool add, const char *role,
			 const char *agency, const char *person)
{
	struct ops_ctx c;
	struct sb pw = SB_INIT, err = SB_INIT;
	long long id = 0;
	int rc = 1;

	local_admin(cli, &c);
	if (read_password("Mật khẩu / password: ", &pw) < 0) {
		rc = cmd_fail("no password given (type it, or pipe it on standard input)");
		goto out;
	}
	if (add) {
		struct user_new u = { login, role, agency, person, pw.buf };

		if (ops_user_add(&c, &u, &id, &err) < 0) {
			cmd_fail("%s", err.buf);
			goto out;
		}
		printf("user %lld: %s (%s)\n", id, login, role);
	} else {
		if (ops_user_passwd(&c, login, pw.buf, &err) < 0) {
			cmd_fail("%s", err.buf);
			goto out;
		}
		printf("password of %s changed; its sessions are closed\n", login);
	}
	rc = 0;
out:
	/* Wipe the password before the buffer goes back to the allocator. */
	if (pw.len)
		memset(pw.buf, 0, pw.len);
	sb_release(&pw);
	sb_release(&err);
	return rc;
}

static int print_user(const struct user_rec *u, void *arg)
{
	printf("%-16s %-9s %-8s %s%s%s\n", u->login, u->role, u->disabled ? "disabled" : "active",
	       u->agency ? u->agency : "", u->agency && u->person ? "; " : "",
	       u->person ? u->person : "");
	return 0;
}

int cmd_user(struct cli *cli, int argc, char **argv)
{
	const char *role = NULL, *agency = NULL, *person = NULL;
	const struct opt opts[] = { { "role", &role, NULL },
				    { "agency", &agency, NULL },
				    { "person", &person, NULL },
				    { 0 } };
	struct ops_ctx c;
	struct sb err = SB_INIT;
	int n, rc = 1;

	n = cmd_parse_opts("user", argc, argv, opts);
	if (n < 1)
		return n < 0 ? 2 : cmd_usage("user");
	local_admin(cli, &c);
	if (strcmp(argv[0], "add") == 0 && n == 2) {
		if (!role)
			return cmd_usage("user");
		return with_password(cli, argv[1], true, role, agency, person);
	}
	if (role || agency || person)
		return cmd_usage("user");
	if (strcmp(argv[0], "passwd") == 0 && n == 2)
		return with_password(cli, argv[1], false, NULL, NULL, NULL);
	if ((strcmp(argv[0], "disable") == 0 || strcmp(argv[0], "enable") == 0) && n == 2) {
		bool off = argv[0][0] == 'd';

		if (ops_user_disable(&c, argv[1], off, &err) < 0) {
			cmd_fail("%s", err.buf);
			goto out;
		}
		printf("%s %s\n", argv[1], off ? "disabled; its sessions and tokens are ended"
					       : "enabled");
		rc = 0;
		goto out;
	}
	if (strcmp(argv[0], "list") == 0 && n == 1) {
		if (ops_user_list(&c, print_user, NULL, &err) < 0) {
			cmd_fail("%s", err.buf);
			goto out;
		}
		rc = 0;
		goto out;
	}
	rc = cmd_usage("user");
out:
	sb_release(&err);
	return rc;
}

int cmd_token(struct cli *cli, int argc, char **argv)
{
	struct ops_ctx c;
	struct sb err = SB_INIT;
	char token[65];
	long long id = 0;
	size_t n = 0;
	int rc = 1;

	if (argc != 2 || (strcmp(argv[0], "add") != 0 && strcmp(argv[0], "revoke") != 0))
		return cmd_usage("token");
	local_admin(cli, &c);
	if (strcmp(argv[0], "revoke") == 0) {
		if (ops_token_revoke(&c, argv[1], 0, &n, &err) < 0) {
			cmd_fail("%s", err.buf);
			goto out;
		}
		printf("%zu token%s revoked\n", n, n == 1 ? "" : "s");
		rc = fflush(stdout) == 0 ? 0 : cmd_fail("cannot write to standard output");
		goto out;
	}
	if (ops_token_issue(&c, argv[1], 0, token, &id, &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	printf("%s\n", token);
	fprintf(stderr, "bearer token %lld for %s (shown once): send 'Authorization: Bearer"
			" TOKEN'; end it with 'dondoc token revoke %lld'\n",
		id, argv[1], id);
	rc = 0;
out:
	sb_release(&err);
	return rc;
}
