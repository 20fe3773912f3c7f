/*
 * store_pg_auth.c - the PostgreSQL backend of accounts, sessions, API tokens
 * and the login throttle (store.h, "Accounts"); the twin of
 * store_sqlite_auth.c. Data access only: hashing, timeouts and throttling
 * rules are in src/ops/. Each write with its audit row is one transaction
 * (pg_write); a login taken by a concurrent user_add is caught by the
 * UNIQUE index (23505) and reported as taken.
 */
#include "base/compat.h"
#include "store/pg_int.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"

#define USER_COLS "id, login, role, agency, person, pwhash, disabled, " PG_TS("created_at")

static struct pg_store *pg_impl(struct store *s)
{
	return (struct pg_store *)s;
}

static void read_user(const PGresult *r, int i, struct user_rec *u)
{
	u->id = pg_ll(r, i, 0);
	u->login = pg_col_dup(r, i, 1);
	u->role = pg_col_dup(r, i, 2);
	u->agency = pg_col_dup(r, i, 3);
	u->person = pg_col_dup(r, i, 4);
	u->pwhash = pg_col_dup(r, i, 5);
	u->disabled = pg_bool(r, i, 6);
	u->created_at = pg_col_dup(r, i, 7);
}

/* What one accounts write needs; each body uses its own fields. */
struct auth_ctx {
	const struct user_rec *u;
	const char *actor, *hash, *csrf, *replaces, *pwhash;
	long long id, now, *out_id;
	bool disabled;
};

/* An UPDATE of one user: -ERR_NOTFOUND when no row changed. */
static int update_user(struct pg_store *ps, struct sb *err, long long id, const char *sql,
		       const char *types, const char *value)
{
	PGresult *r = NULL;
	int rc = pg_put(ps, err, &r, sql, types, value, id);

	if (rc == 0 && strcmp(PQcmdTuples(r), "1") != 0) {
		sb_addf(err, "no user with the id %lld", id);
		rc = -ERR_NOTFOUND;
	}
	PQclear(r);
	return rc;
}

static int user_add_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct auth_ctx *c = arg;
	const struct user_rec *u = c->u;
	PGresult *r = NULL;
	char now[32];
	long long id = 0;
	int rc = pg_get(ps, err, &r, "SELECT 1 FROM users WHERE login = $1", "t", u->login);

	if (rc == 0 && PQntuples(r)) {
		sb_addf(err, "the login '%s' is already taken", u->login);
		rc = -ERR_CONFLICT;
	}
	PQclear(r);
	if (rc < 0)
		return rc;
	pg_now_iso(ps, now, sizeof(now));
	rc = pg_insert_id(ps, err, &id,
			  "INSERT INTO users (login, role, agency, person, pwhash, disabled,"
			  " created_at) VALUES ($1, $2, $3, $4, $5, false, $6) RETURNING id",
			  "tttttt", u->login, u->role, u->agency, u->person, u->pwhash, now);
	if (rc == 0 && c->out_id)
		*c->out_id = id;
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, "user_add", "user", id, "role", NULL, u->role,
			      u->login);
	return rc;
}

int pg_user_add(struct store *s, const struct user_rec *u, const char *actor, long long *id,
		struct sb *err)
{
	struct auth_ctx c = { .u = u, .actor = actor, .out_id = id };
	size_t mark = err->len;
	int rc = pg_write(pg_impl(s), PG_READ_COMMITTED, user_add_body, &c, err);

	/* Another process added the same login between the check and the insert. */
	if (rc == -ERR_CONFLICT && !strstr(err->buf + mark, "already taken")) {
		sb_setlen(err, mark);
		sb_addf(err, "the login '%s' is already taken", u->login);
	}
	return rc;
}

int pg_user_find(struct store *s, const char *login, long long id, struct user_rec *out,
		 struct sb *err)
{
	struct pg_store *ps = pg_impl(s);
	PGresult *r = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = login ? pg_get(ps, err, &r, "SELECT " USER_COLS " FROM users WHERE login = $1", "t",
			    login)
		   : pg_get(ps, err, &r, "SELECT " USER_COLS " FROM users WHERE id = $1", "i", id);
	if (rc == 0 && PQntuples(r)) {
		read_user(r, 0, out);
	} else if (rc == 0) {
		if (login)
			sb_addf(err, "no user with the login '%s'", login);
		else
			sb_addf(err, "no user with the id %lld", id);
		rc = -ERR_NOTFOUND;
	}
	PQclear(r);
	return rc;
}

int pg_user_list(struct store *s, int (*fn)(const struct user_rec *, void *), void *arg,
		 struct sb *err)
{
	PGresult *r = NULL;
	int i, rc = pg_get(pg_impl(s), err, &r,
			   "SELECT " USER_COLS " FROM users ORDER BY login COLLATE \"C\"", "");

	for (i = 0; rc == 0 && i < PQntuples(r); i++) {
		struct user_rec u;

		read_user(r, i, &u);
		rc = fn(&u, arg) ? 1 : 0;
		user_rec_release(&u);
	}
	PQclear(r);
	return rc < 0 ? rc : 0;
}

static int set_password_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct auth_ctx *c = arg;
	int rc = update_user(ps, err, c->id, "UPDATE users SET pwhash = $1 WHERE id = $2", "ti",
			     c->pwhash);

	/* The hash itself is not copied into the log: only that it changed. */
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, "user_passwd", "user", c->id, "password", NULL,
			      NULL, NULL);
	if (rc == 0)
		rc = pg_put(ps, err, NULL, "DELETE FROM sessions WHERE user_id = $1", "i", c->id);
	return rc;
}

int pg_user_set_password(struct store *s, long long id, const char *pwhash, const char *actor,
			 struct sb *err)
{
	struct auth_ctx c = { .id = id, .pwhash = pwhash, .actor = actor };

	return pg_write(pg_impl(s), PG_READ_COMMITTED, set_password_body, &c, err);
}

static int set_disabled_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct auth_ctx *c = arg;
	bool d = c->disabled;
	int rc = update_user(ps, err, c->id, "UPDATE users SET disabled = $1 WHERE id = $2", "ti",
			     d ? "true" : "false");

	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, d ? "user_disable" : "user_enable", "user", c->id,
			      "disabled", d ? "0" : "1", d ? "1" : "0", NULL);
	if (rc == 0 && d)
		rc = pg_put(ps, err, NULL, "DELETE FROM sessions WHERE user_id = $1", "i", c->id);
	if (rc == 0 && d)
		rc = pg_put(ps, err, NULL, "UPDATE api_tokens SET revoked = true WHERE user_id = $1",
			    "i", c->id);
	return rc;
}

int pg_user_set_disabled(struct store *s, long long id, bool disabled, const char *actor,
			 struct sb *err)
{
	struct auth_ctx c = { .id = id, .disabled = disabled, .actor = actor };

	return pg_write(pg_impl(s), PG_READ_COMMITTED, set_disabled_body, &c, err);
}

static int session_create_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct auth_ctx *c = arg;
	int rc = 0;

	if (c->replaces)
		rc = pg_put(ps, err, NULL, "DELETE FROM sessions WHERE id_hash = $1", "t",
			    c->replaces);
	/* Sessions long expired are swept here, at the rare moment of a login. */
	if (rc == 0)
		rc = pg_put(ps, err, NULL, "DELETE FROM sessions WHERE created_at < $1", "i",
			    c->now - 7 * 24 * 3600LL);
	if (rc == 0)
		rc = pg_put(ps, err, NULL,
			    "INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen)"
			    " VALUES ($1, $2, $3, $4, $4)",
			    "titi", c->hash, c->id, c->csrf, c->now);
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, "login", "user", c->id, NULL, NULL, NULL, NULL);
	return rc;
}

int pg_session_create(struct store *s, const char *id_hash, long long user_id, const char *csrf,
		      long long now, const char *replaces_hash, const char *actor,
		      struct sb *err)
{
	struct auth_ctx c = { .hash = id_hash, .id = user_id, .csrf = csrf, .now = now,
			      .replaces = replaces_hash, .actor = actor };

	return pg_write(pg_impl(s), PG_READ_COMMITTED, session_create_body, &c, err);
}

int pg_session_find(struct store *s, const char *id_hash, struct session_rec *out,
		    struct sb *err)
{
	PGresult *r = NULL;
	int rc = pg_get(pg_impl(s), err, &r,
			"SELECT user_id, csrf, created_at, last_seen FROM sessions"
			" WHERE id_hash = $1",
			"t", id_hash);

	memset(out, 0, sizeof(*out));
	if (rc == 0 && PQntuples(r)) {
		out->user_id = pg_ll(r, 0, 0);
		snprintf(out->csrf, sizeof(out->csrf), "%s", PQgetvalue(r, 0, 1));
		out->created_at = pg_ll(r, 0, 2);
		out->last_seen = pg_ll(r, 0, 3);
	} else if (rc == 0) {
		sb_adds(err, "no such session");
		rc = -ERR_NOTFOUND;
	}
	PQclear(r);
	return rc;
}

int pg_session_touch(struct store *s, const char *id_hash, long long now, struct sb *err)
{
	return pg_put(pg_impl(s), err, NULL, "UPDATE sessions SET last_seen = $1 WHERE id_hash = $2",
		      "it", now, id_hash);
}

static int session_delete_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct auth_ctx *c = arg;
	PGresult *r = NULL;
	long long uid = 0;
	int rc = pg_put(ps, err, &r, "DELETE FROM sessions WHERE id_hash = $1 RETURNING user_id",
			"t", c->hash);

	if (rc == 0 && PQntuples(r))
		uid = pg_ll(r, 0, 0);
	PQclear(r);
	if (rc == 0 && uid && c->actor)
		rc = pg_audit(ps, err, c->actor, "logout", "user", uid, NULL, NULL, NULL, NULL);
	return rc;
}

int pg_session_delete(struct store *s, const char *id_hash, const char *actor, struct sb *err)
{
	struct auth_ctx c = { .hash = id_hash, .actor = actor };

	return pg_write(pg_impl(s), PG_READ_COMMITTED, session_delete_body, &c, err);
}

static int token_add_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct auth_ctx *c = arg;
	char now[32];
	long long id = 0;
	int rc;

	pg_now_iso(ps, now, sizeof(now));
	rc = pg_insert_id(ps, err, &id,
			  "INSERT INTO api_tokens (token_hash, user_id, created_at)"
			  " VALUES ($1, $2, $3) RETURNING id",
			  "tit", c->hash, c->id, now);
	if (rc == 0 && c->out_id)
		*c->out_id = id;
	if (rc == 0)
		rc = pg_audit(ps, err, c->actor, "token_add", "user", c->id, NULL, NULL, NULL, NULL);
	return rc;
}

int pg_token_add(struct store *s, const char *token_hash, long long user_id, const char *actor,
		 long long *id, struct sb *err)
{
	struct auth_ctx c = { .hash = token_hash, .id = user_id, .actor = actor, .out_id = id };

	return pg_write(pg_impl(s), PG_READ_COMMITTED, token_add_body, &c, err);
}

struct revoke_ctx {
	long long token_id, user_id;
	const char *actor;
	size_t *n;
};

static int token_revoke_body(struct pg_store *ps, void *arg, struct sb *err)
{
	struct revoke_ctx *c = arg;
	long long uid = c->user_id;
	PGresult *r = NULL;
	char count[24];
	int rc = 0;

	*c->n = 0;
	if (c->token_id > 0) {
		rc = pg_get(ps, err, &r, "SELECT user_id FROM api_tokens WHERE id = $1", "i",
			    c->token_id);
		uid = rc == 0 && PQntuples(r) ? pg_ll(r, 0, 0) : 0;
		PQclear(r);
		r = NULL;
		if (rc == 0 && !uid) {
			sb_addf(err, "no token with the id %lld", c->token_id);
			rc = -ERR_NOTFOUND;
		}
		if (rc == 0)
			rc = pg_put(ps, err, &r,
				    "UPDATE api_tokens SET revoked = true WHERE id = $1 AND NOT revoked",
				    "i", c->token_id);
	} else {
		rc = pg_put(ps, err, &r,
			    "UPDATE api_tokens SET revoked = true WHERE user_id = $1 AND NOT revoked",
			    "i", uid);
	}
	if (rc == 0)
		*c->n = (size_t)strtoull(PQcmdTuples(r), NULL, 10);
	PQclear(r);
	snprintf(count, sizeof(count), "%zu", *c->n);
	if (rc == 0 && *c->n)
		rc = pg_audit(ps, err, c->actor, "token_revoke", "user", uid, "tokens", NULL, count,
			      NULL);
	return rc;
}

int pg_token_revoke(struct store *s, long long token_id, long long user_id, const char *actor,
		    size_t *n, struct sb *err)
{
	struct revoke_ctx c = { token_id, user_id, actor, n };

	return pg_write(pg_impl(s), PG_READ_COMMITTED, token_revoke_body, &c, err);
}

int pg_token_find(struct store *s, const char *token_hash, long long *user_id, struct sb *err)
{
	PGresult *r = NULL;
	int rc = pg_get(pg_impl(s), err, &r,
			"SELECT user_id FROM api_tokens WHERE token_hash = $1 AND NOT revoked", "t",
			token_hash);

	*user_id = 0;
	if (rc == 0 && PQntuples(r)) {
		*user_id = pg_ll(r, 0, 0);
	} else if (rc == 0) {
		sb_adds(err, "no such token");
		rc = -ERR_NOTFOUND;
	}
	PQclear(r);
	return rc;
}

int pg_login_attempts(struct store *s, const char *key, long long *failures,
		      long long *window_start, struct sb *err)
{
	PGresult *r = NULL;
	int rc = pg_get(pg_impl(s), err, &r,
			"SELECT failures, window_start FROM login_attempts WHERE key = $1", "t", key);

	*failures = *window_start = 0;
	if (rc == 0 && PQntuples(r)) {
		*failures = pg_ll(r, 0, 0);
		*window_start = pg_ll(r, 0, 1);
	}
	PQclear(r);
	return rc;
}

int pg_login_attempts_set(struct store *s, const char *key, long long failures,
			  long long window_start, struct sb *err)
{
	struct pg_store *ps = pg_impl(s);

	if (failures <= 0)
		return pg_put(ps, err, NULL, "DELETE FROM login_attempts WHERE key = $1", "t", key);
	return pg_put(ps, err, NULL,
		      "INSERT INTO login_attempts (key, failures, window_start) VALUES ($1, $2, $3)"
		      " ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,"
		      " window_start = excluded.window_start",
		      "tii", key, failures, window_start);
}

int pg_audit_head(struct store *s, long long *id, struct sb *err)
{
	PGresult *r = NULL;
	int rc = pg_get(pg_impl(s), err, &r, "SELECT COALESCE(MAX(id), 0) FROM audit_log", "");

	*id = rc == 0 ? pg_ll(r, 0, 0) : 0;
	PQclear(r);
	return rc;
}

int pg_audit_since(struct store *s, long long after, size_t max,
		   int (*fn)(const struct audit_entry *, void *), void *arg, bool *more,
		   struct sb *err)
{
	PGresult *r = NULL;
	int i, stop = 0, rc = pg_get(pg_impl(s), err, &r, "SELECT a.id, a.action, a.entity, COALESCE(a.entity_id, 0), COALESCE(r.task_id, 0)"
	" FROM audit_log a LEFT JOIN progress_reports r"
	" ON a.entity = 'progress_report' AND r.id = a.entity_id"
	" WHERE a.id > $1 ORDER BY a.id LIMIT $2", "ii", after, (long long)max + 1);

	*more = false;
	for (i = 0; rc == 0 && !stop && i < PQntuples(r); i++) {
		struct audit_entry e = {
			.id = pg_ll(r, i, 0),
			.action = PQgetvalue(r, i, 1),
			.entity = PQgetvalue(r, i, 2),
			.entity_id = pg_ll(r, i, 3),
			.task_id = pg_ll(r, i, 4),
		};

		if ((size_t)i == max) {
			*more = true;
			break;
		}
		stop = fn(&e, arg);
	}
	PQclear(r);
	return rc;
}
