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

/* Who may manage users is decided in ops.c (OPS_USERS: the administrator). */
static int need_admin(const struct ops_ctx *c, struct sb *err)
{
	return ops_allowed(c, OPS_USERS, err);
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

/* The user named login, or (login NULL) the user id. */
static int find_user_by(struct ops_ctx *c, const char *login, long long id, struct user_rec *u,
			struct sb *err)
{
	int rc = need_admin(c, err);

	if (rc == 0 && !login && id <= 0) {
		sb_adds(err, "no user named");
		rc = -ERR_INPUT;
	}
	return rc < 0 ? rc : store_user_find(c->store, login, login ? 0 : id, u, err);
}


static int user_passwd(struct ops_ctx *c, const char *login, long long id, const char *password,
		       struct sb *err)
{
	char hash[crypto_pwhash_STRBYTES];
	struct user_rec u = { 0 };
	int rc;

	if ((rc = find_user_by(c, login, id, &u, err)) < 0 || (rc = check_password(password, err)) < 0 ||
	    (rc = hash_password(password, hash, err)) < 0)
		goto out;
	rc = store_user_set_password(c->store, u.id, hash, c->actor.login, err);
	sodium_memzero(hash, sizeof(hash));
out:
	user_rec_release(&u);
	return rc;
}

int ops_user_passwd(struct ops_ctx *c, const char *login, const char *password, struct sb *err)
{
	return user_passwd(c, login, 0, password, err);
}

int ops_user_passwd_id(struct ops_ctx *c, long long id, const char *password, struct sb *err)
{
	return user_passwd(c, NULL, id, password, err);
}

static int user_disable(struct ops_ctx *c, const char *login, long long id, bool disabled,
			struct sb *err)
{
	struct user_rec u = { 0 };
	int rc = find_user_by(c, login, id, &u, err);

	if (rc == 0)
		rc = store_user_set_disabled(c->store, u.id, disabled, c->actor.login, err);
	user_rec_release(&u);
	return rc;
}

int ops_user_disable(struct ops_ctx *c, const char *login, bool disabled, struct sb *err)
{
	return user_disable(c, login, 0, disabled, err);
}

int ops_user_disable_id(struct ops_ctx *c, long long id, bool disabled, struct sb *err)
{
	return user_disable(c, NULL, id, disabled, err);
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

static int token_add(struct ops_ctx *c, const char *login, long long id, char token[65],
		     long long *token_id, struct sb *err)
{
	char hash[65];
	struct user_rec u = { 0 };
	int rc;

	token[0] = '\0';
	if ((rc = find_user_by(c, login, id, &u, err)) < 0)
		goto out;
	if (u.disabled) {
		sb_addf(err, "the user '%s' is disabled", u.login);
		rc = -ERR_DENIED;
		goto out;
	}
	if (auth_random_hex(token) < 0) {
		sb_adds(err, "libsodium failed to initialise");
		rc = -ERR_IO;
		goto out;
	}
	auth_hash_hex(token, hash);
	rc = store_token_add(c->store, hash, u.id, c->actor.login, token_id, err);
	if (rc < 0)
		token[0] = '\0';
out:
	user_rec_release(&u);
	return rc;
}

int ops_token_add(struct ops_ctx *c, const char *login, char token[65], struct sb *err)
{
	return token_add(c, login, 0, token, NULL, err);
}

int ops_token_issue(struct ops_ctx *c, const char *login, long long user_id, char token[65],
		    long long *token_id, struct sb *err)
{
	return token_add(c, login, login ? 0 : user_id, token, token_id, err);
}

int ops_token_revoke(struct ops_ctx *c, const char *which, long long user_id, size_t *n,
		     struct sb *err)
{
	struct user_rec u = { 0 };
	long long token_id = 0;
	int rc;

	*n = 0;
	if ((rc = need_admin(c, err)) < 0)
		return rc;
	if (which && *which && strspn(which, "0123456789") == strlen(which)) {
		/* All digits: a token id (logins of digits only are named by id). */
		token_id = strtoll(which, NULL, 10);
		if (token_id <= 0) {
			sb_addf(err, "'%s' is not a token id", which);
			return -ERR_INPUT;
		}
	} else {
		if ((rc = find_user_by(c, which, user_id, &u, err)) < 0)
			goto out;
		user_id = u.id;
	}
	rc = store_token_revoke(c->store, token_id, token_id ? 0 : user_id, ops_login(c), n, err);
out:
	user_rec_release(&u);
	return rc;
}

/* A password of OPS_PASSWORD_GEN_LEN characters from an alphabet without
 * look-alikes (no 0/O, 1/l/I): 57 symbols, about 5.8 bits each. */
static int generate_password(char out[OPS_PASSWORD_GEN_LEN + 1])
{
	static const char alphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	size_t i;

	if (sodium_init() < 0)
		return -1;
	for (i = 0; i < OPS_PASSWORD_GEN_LEN; i++)
		out[i] = alphabet[randombytes_uniform((uint32_t)(sizeof(alphabet) - 1))];
	out[OPS_PASSWORD_GEN_LEN] = '\0';
	return 0;
}

int ops_user_add_generated(struct ops_ctx *c, const struct user_new *u, long long *id,
			   char password[OPS_PASSWORD_GEN_LEN + 1], struct sb *err)
{
	struct user_new with = *u;
	int rc;

	password[0] = '\0';
	if ((rc = need_admin(c, err)) < 0)
		return rc;
	if (generate_password(password) < 0) {
		sb_adds(err, "libsodium failed to initialise");
		return -ERR_IO;
	}
	with.password = password;
	rc = ops_user_add(c, &with, id, err);
	if (rc < 0)
		sodium_memzero(password, OPS_PASSWORD_GEN_LEN + 1);
	return rc;
}
