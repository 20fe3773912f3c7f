/*
 * ops_user.c - accounts and API tokens (see ops.h, "Users"): who may manage
 * them (the administrator), how passwords are kept (argon2id through
 * libsodium, 19 MiB and 2 passes at least) and how tokens are made (32
 * random bytes, stored hashed).
 */
#include "base/compat.h"
#include "ops/ops.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"
#include "extract/agency.h"
#include "ops/auth_int.h"
#include "store/store.h"

#include <sodium.h>

/* argon2id cost: OWASP's minimum (19 MiB, 2 passes) or libsodium's
 * interactive level, whichever is higher. */
#define PW_MEMLIMIT ((size_t)19 * 1024 * 1024)
#define PW_OPSLIMIT 2ULL

static int need_admin(const struct ops_ctx *c, struct sb *err)
{
	if (c->actor.role == ROLE_ADMIN)
		return 0;
	sb_adds(err, "only an administrator manages users");
	return -ERR_DENIED;
}

static int check_password(const char *pw, struct sb *err)
{
	if (pw && strlen(pw) >= OPS_PASSWORD_MIN && strlen(pw) <= 1024)
		return 0;
	sb_addf(err, "a password has %d to 1024 characters", OPS_PASSWORD_MIN);
	return -ERR_INPUT;
}

static int hash_password(const char *pw, char out[crypto_pwhash_STRBYTES], struct sb *err)
{
	size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE > PW_MEMLIMIT
			     ? crypto_pwhash_MEMLIMIT_INTERACTIVE
			     : PW_MEMLIMIT;
	unsigned long long ops = crypto_pwhash_OPSLIMIT_INTERACTIVE > PW_OPSLIMIT
					 ? crypto_pwhash_OPSLIMIT_INTERACTIVE
					 : PW_OPSLIMIT;

	if (sodium_init() < 0 || crypto_pwhash_str_alg(out, pw, strlen(pw), ops, mem,
						       crypto_pwhash_ALG_ARGON2ID13) != 0) {
		sb_adds(err, "the password could not be hashed (out of memory?)");
		return -ERR_IO;
	}
	return 0;
}

/* A login is 1 to 64 of [a-z0-9._-]: safe in logs, URLs and audit rows. */
static int check_login(const char *login, struct sb *err)
{
	size_t n = login ? strlen(login) : 0;

	if (n >= 1 && n <= 64 && strspn(login, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n)
		return 0;
	sb_addf(err, "'%s' is not a login: use 1 to 64 lower-case letters, digits, '.', '_' or '-'",
		login ? login : "");
	return -ERR_INPUT;
}

int ops_user_add(struct ops_ctx *c, const struct user_new *u, long long *id, struct sb *err)
{
	char hash[crypto_pwhash_STRBYTES];
	struct user_rec rec = { 0 };
	int r, rc;

	if ((rc = need_admin(c, err)) < 0 || (rc = check_login(u->login, err)) < 0)
		return rc;
	r = role_parse(u->role);
	if (r < 0) {
		sb_addf(err, "'%s' is not a role: admin, standing, officer, leader or viewer",
			u->role ? u->role : "");
		return -ERR_INPUT;
	}
	if (r == ROLE_OFFICER && (!u->agency || !*u->agency)) {
		sb_adds(err, "an officer acts for one agency: give --agency");
		return -ERR_INPUT;
	}
	if (r == ROLE_LEADER && (!u->person || !*u->person)) {
		sb_adds(err, "a leader is one person as plans name him or her: give --person");
		return -ERR_INPUT;
	}
	if ((rc = check_password(u->password, err)) < 0 ||
	    (rc = hash_password(u->password, hash, err)) < 0)
		return rc;
	rec.login = (char *)u->login;
	rec.role = (char *)role_name((enum role)r);
	rec.agency = (char *)u->agency;
	if (u->agency && c->agencies) {
		const char *canon = agency_canonical(c->agencies, u->agency, 0);

		if (canon)
			rec.agency = (char *)canon;
	}
	rec.person = (char *)u->person;
	rec.pwhash = hash;
	rc = store_user_add(c->store, &rec, c->actor.login, id, err);
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

static int find_user(struct ops_ctx *c, const char *login, struct user_rec *u, struct sb *err)
{
	int rc = need_admin(c, err);

	return rc < 0 ? rc : store_user_find(c->store, login, 0, u, err);
}

int ops_user_passwd(struct ops_ctx *c, const char *login, const char *password, struct sb *err)
{
	char hash[crypto_pwhash_STRBYTES];
	struct user_rec u = { 0 };
	int rc;

	if ((rc = find_user(c, login, &u, err)) < 0 || (rc = check_password(password, err)) < 0 ||
	    (rc = hash_password(password, hash, err)) < 0)
		goto out;
	rc = store_user_set_password(c->store, u.id, hash, c->actor.login, err);
	sodium_memzero(hash, sizeof(hash));
out:
	user_rec_release(&u);
	return rc;
}

int ops_user_disable(struct ops_ctx *c, const char *login, bool disabled, struct sb *err)
{
	struct user_rec u = { 0 };
	int rc = find_user(c, login, &u, err);

	if (rc == 0)
		rc = store_user_set_disabled(c->store, u.id, disabled, c->actor.login, err);
	user_rec_release(&u);
	return rc;
}

struct list_arg {
	int (*fn)(const struct user_rec *, void *);
	void *arg;
};

static int list_one(const struct user_rec *u, void *arg)
{
	struct list_arg *la = arg;
	struct user_rec copy = *u;

	/* The hash never leaves ops. */
	copy.pwhash = NULL;
	return la->fn(&copy, la->arg);
}

int ops_user_list(struct ops_ctx *c, int (*fn)(const struct user_rec *, void *), void *arg,
		  struct sb *err)
{
	struct list_arg la = { fn, arg };
	int rc = need_admin(c, err);

	return rc < 0 ? rc : store_user_list(c->store, list_one, &la, err);
}

int ops_token_add(struct ops_ctx *c, const char *login, char token[65], struct sb *err)
{
	char hash[65];
	struct user_rec u = { 0 };
	int rc;

	token[0] = '\0';
	if ((rc = find_user(c, login, &u, err)) < 0)
		goto out;
	if (u.disabled) {
		sb_addf(err, "the user '%s' is disabled", login);
		rc = -ERR_DENIED;
		goto out;
	}
	if (auth_random_hex(token) < 0) {
		sb_adds(err, "libsodium failed to initialise");
		rc = -ERR_IO;
		goto out;
	}
	auth_hash_hex(token, hash);
	rc = store_token_add(c->store, hash, u.id, c->actor.login, NULL, err);
	if (rc < 0)
		token[0] = '\0';
out:
	user_rec_release(&u);
	return rc;
}
