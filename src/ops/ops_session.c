/*
 * ops_session.c - logging in and out, sessions and bearer tokens (see
 * ops.h, "Users, sessions"). The rules live here; the store only keeps rows:
 *   - a session id is 32 random bytes (64 hex digits in the cookie); the
 *     database holds its SHA-256 only, so a copy of the database opens no
 *     session; a login always makes a new id (rotation);
 *   - a session ends after 30 minutes without a request or 12 hours after the
 *     login, whichever comes first;
 *   - failed logins are counted per account and per address over a window, in
 *     the database (several server processes share the count), and a locked
 *     login is refused without checking the password.
 */
#include "base/compat.h"
#include "ops/ops.h"
#include "ops/auth_int.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "store/store.h"

#include <sodium.h>

/* last_seen is written at most this often, so that reads stay reads. */
#define TOUCH_EVERY 60

void auth_hash_hex(const char *s, char out[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(d, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, 65, d, sizeof(d));
}

int auth_random_hex(char out[65])
{
	unsigned char raw[32];

	if (sodium_init() < 0)
		return -1;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, 65, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
	return 0;
}

void principal_release(struct principal *p)
{
	free(p->login);
	free(p->agency);
	free(p->person);
	memset(p, 0, sizeof(*p));
}

/* Fills out from a stored user; -ERR_DENIED when the user is disabled or
 * has a role this build does not know. */
static int principal_from(const struct user_rec *u, struct principal *out)
{
	int r = role_parse(u->role);

	if (u->disabled || r < 0)
		return -ERR_DENIED;
	out->login = xstrdup(u->login);
	out->agency = xstrdup(u->agency);
	out->person = xstrdup(u->person);
	out->actor.user_id = u->id;
	out->actor.login = out->login;
	out->actor.role = (enum role)r;
	out->actor.agency = out->agency;
	out->actor.person = out->person;
	return 0;
}

/* True when key has reached max failures within the current window. */
static int throttled_key(struct ops_ctx *c, const char *key, long long max, bool *locked,
			 struct sb *err)
{
	long long n, start;
	int rc = store_login_attempts(c->store, key, &n, &start, err);

	*locked = rc == 0 && n >= max && c->now - start < OPS_LOGIN_WINDOW;
	return rc;
}

static int count_failure(struct ops_ctx *c, const char *key, struct sb *err)
{
	long long n, start;
	int rc = store_login_attempts(c->store, key, &n, &start, err);

	if (rc < 0)
		return rc;
	if (c->now - start >= OPS_LOGIN_WINDOW) {
		n = 0;
		start = c->now;
	}
	return store_login_attempts_set(c->store, key, n + 1, start, err);
}

int ops_session_login(struct ops_ctx *c, const char *login, const char *password, const char *addr,
	      const char *old_sid, struct principal *out, bool *throttled, struct sb *err)
{
	struct user_rec u = { 0 };
	struct sb kuser = SB_INIT, kaddr = SB_INIT;
	char sid_hash[65], old_hash[65], csrf[65];
	bool lu = false, la = false, match = false;
	int rc;

	memset(out, 0, sizeof(*out));
	*throttled = false;
	if (sodium_init() < 0) {
		sb_adds(err, "libsodium failed to initialise");
		return -ERR_IO;
	}
	login = login ? login : "";
	password = password ? password : "";
	sb_addf(&kuser, "login:%.64s", login);
	sb_addf(&kaddr, "addr:%.64s", addr ? addr : "?");
	if ((rc = throttled_key(c, kuser.buf, OPS_LOGIN_MAX_PER_ACCOUNT, &lu, err)) < 0 ||
	    (rc = throttled_key(c, kaddr.buf, OPS_LOGIN_MAX_PER_ADDRESS, &la, err)) < 0)
		goto out;
	if (lu || la) {
		*throttled = true;
		sb_adds(err, "too many failed logins: wait 15 minutes and try again");
		rc = -ERR_DENIED;
		goto out;
	}
	rc = store_user_find(c->store, login, 0, &u, err);
	if (rc < 0 && rc != -ERR_NOTFOUND)
		goto out;
	sb_reset(err);
	match = rc == 0 && !u.disabled && strlen(password) <= 1024 &&
		crypto_pwhash_str_verify(u.pwhash, password, strlen(password)) == 0;
	if (!match || principal_from(&u, out) < 0) {
		principal_release(out);
		if ((rc = count_failure(c, kuser.buf, err)) < 0 ||
		    (rc = count_failure(c, kaddr.buf, err)) < 0)
			goto out;
		sb_adds(err, "wrong login or password");
		rc = -ERR_DENIED;
		goto out;
	}
	if ((rc = store_login_attempts_set(c->store, kuser.buf, 0, 0, err)) < 0)
		goto out;
	if (auth_random_hex(out->sid) < 0 || auth_random_hex(csrf) < 0) {
		sb_adds(err, "libsodium failed to initialise");
		rc = -ERR_IO;
		goto out;
	}
	auth_hash_hex(out->sid, sid_hash);
	if (old_sid && *old_sid)
		auth_hash_hex(old_sid, old_hash);
	rc = store_session_create(c->store, sid_hash, u.id, csrf, c->now,
				  old_sid && *old_sid ? old_hash : NULL, u.login, err);
	if (rc == 0)
		memcpy(out->csrf, csrf, sizeof(csrf));
out:
	if (rc < 0)
		principal_release(out);
	user_rec_release(&u);
	sb_release(&kuser);
	sb_release(&kaddr);
	return rc;
}

int ops_session_resolve(struct ops_ctx *c, const char *sid, struct principal *out,
			struct sb *err)
{
	struct session_rec s;
	struct user_rec u = { 0 };
	char hash[65];
	int rc;

	memset(out, 0, sizeof(*out));
	if (!sid || strlen(sid) != 64 || sodium_init() < 0) {
		sb_adds(err, "no session");
		return -ERR_NOTFOUND;
	}
	auth_hash_hex(sid, hash);
	if ((rc = store_session_find(c->store, hash, &s, err)) < 0)
		return rc;
	if (c->now - s.last_seen >= OPS_SESSION_IDLE ||
	    c->now - s.created_at >= OPS_SESSION_ABSOLUTE) {
		rc = store_session_delete(c->store, hash, NULL, err);
		sb_adds(err, "the session has expired");
		return rc < 0 ? rc : -ERR_NOTFOUND;
	}
	if ((rc = store_user_find(c->store, NULL, s.user_id, &u, err)) < 0)
		goto out;
	if (principal_from(&u, out) < 0) {
		sb_adds(err, "the account is disabled");
		rc = -ERR_NOTFOUND;
		goto out;
	}
	memcpy(out->csrf, s.csrf, sizeof(out->csrf));
	memcpy(out->sid, sid, 65);
	if (c->now - s.last_seen >= TOUCH_EVERY)
		rc = store_session_touch(c->store, hash, c->now, err);
out:
	if (rc < 0)
		principal_release(out);
	user_rec_release(&u);
	return rc;
}

int ops_logout(struct ops_ctx *c, const char *sid, struct sb *err)
{
	char hash[65];

	if (!sid || strlen(sid) != 64 || sodium_init() < 0)
		return 0;
	auth_hash_hex(sid, hash);
	return store_session_delete(c->store, hash, c->actor.login ? c->actor.login : "web", err);
}

int ops_token_resolve(struct ops_ctx *c, const char *token, struct principal *out,
		      struct sb *err)
{
	struct user_rec u = { 0 };
	long long uid;
	char hash[65];
	int rc;

	memset(out, 0, sizeof(*out));
	if (!token || strlen(token) != 64 || sodium_init() < 0) {
		sb_adds(err, "no such token");
		return -ERR_NOTFOUND;
	}
	auth_hash_hex(token, hash);
	if ((rc = store_token_find(c->store, hash, &uid, err)) < 0)
		return rc;
	if ((rc = store_user_find(c->store, NULL, uid, &u, err)) == 0 && principal_from(&u, out) < 0) {
		sb_adds(err, "the account is disabled");
		rc = -ERR_NOTFOUND;
	}
	user_rec_release(&u);
	return rc;
}

int ops_principal_of_login(struct ops_ctx *c, const char *login, struct principal *out,
			   struct sb *err)
{
	struct user_rec u = { 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_user_find(c->store, login, 0, &u, err)) == -ERR_NOTFOUND) {
		sb_reset(err);
		sb_addf(err, "--as %s: không có tài khoản này (no such user; see 'dondoc user list')",
			login);
	} else if (rc == 0 && principal_from(&u, out) < 0) {
		sb_addf(err, "--as %s: tài khoản đã bị khóa (the account is disabled)", login);
		rc = -ERR_DENIED;
	}
	user_rec_release(&u);
	return rc;
}
