/*
 * store_sqlite_auth.c - the SQLite backend of accounts, sessions, API tokens
 * and the login throttle (store.h, "Accounts"). Data access only: hashing,
 * timeouts and throttling rules are in src/ops/.
 */
#include "base/compat.h"
#include "store/sqlite_int.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"

#define USER_COLS "id, login, role, agency, person, pwhash, disabled, created_at"

static void read_user(sqlite3_stmt *st, struct user_rec *u)
{
	u->id = sqlite3_column_int64(st, 0);
	u->login = sq_col_text(st, 1);
	u->role = sq_col_text(st, 2);
	u->agency = sq_col_text(st, 3);
	u->person = sq_col_text(st, 4);
	u->pwhash = sq_col_text(st, 5);
	u->disabled = sqlite3_column_int(st, 6) != 0;
	u->created_at = sq_col_text(st, 7);
}

/* Runs one write (with its audit row) as a transaction. */
static int finish_tx(struct sqlite_store *ss, int rc, struct sb *err)
{
	if (rc == 0 && sq_commit(ss, err) == 0)
		return 0;
	sq_rollback(ss);
	return rc < 0 ? rc : -ERR_DB;
}

int sqlite_user_add(struct store *s, const struct user_rec *u, const char *actor, long long *id,
		    struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = NULL;
	char now[32];
	int rc;

	if ((rc = sq_begin(ss, err)) < 0)
		return rc;
	st = sq_prep(ss, err, "SELECT 1 FROM users WHERE login = ?", "t", u->login);
	if (!st) {
		rc = -ERR_DB;
		goto out;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		sb_addf(err, "the login '%s' is already taken", u->login);
		rc = -ERR_CONFLICT;
		goto out;
	}
	sq_now_iso(ss, now, sizeof(now));
	rc = sq_run(ss, err,
		    "INSERT INTO users (login, role, agency, person, pwhash, disabled, created_at)"
		    " VALUES (?, ?, ?, ?, ?, 0, ?)",
		    "tttttt", u->login, u->role, u->agency, u->person, u->pwhash, now);
	if (rc < 0)
		goto out;
	if (id)
		*id = sqlite3_last_insert_rowid(ss->db);
	rc = sq_audit(ss, err, actor, "user_add", "user", sqlite3_last_insert_rowid(ss->db),
		      "role", NULL, u->role, u->login);
out:
	sq_done(ss, st);
	return finish_tx(ss, rc, err);
}

int sqlite_user_find(struct store *s, const char *login, long long id, struct user_rec *out,
		     struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	st = login ? sq_prep(ss, err, "SELECT " USER_COLS " FROM users WHERE login = ?", "t", login)
		   : sq_prep(ss, err, "SELECT " USER_COLS " FROM users WHERE id = ?", "i", id);
	if (!st)
		return -ERR_DB;
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		read_user(st, out);
		break;
	case SQLITE_DONE:
		if (login)
			sb_addf(err, "no user with the login '%s'", login);
		else
			sb_addf(err, "no user with the id %lld", id);
		rc = -ERR_NOTFOUND;
		break;
	default:
		rc = sq_db_fail(ss, err, "reading a user");
	}
	sq_done(ss, st);
	return rc;
}

int sqlite_user_list(struct store *s, int (*fn)(const struct user_rec *, void *), void *arg,
		     struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err, "SELECT " USER_COLS " FROM users ORDER BY login", "");
	int step, rc = 0;

	if (!st)
		return -ERR_DB;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct user_rec u;

		read_user(st, &u);
		rc = fn(&u, arg) ? 1 : 0;
		user_rec_release(&u);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = sq_db_fail(ss, err, "listing users");
	sq_done(ss, st);
	return rc < 0 ? rc : 0;
}

/* Fails with -ERR_NOTFOUND when user id does not exist (no row changed). */
static int changed_one(struct sqlite_store *ss, long long id, struct sb *err)
{
	if (sqlite3_changes(ss->db) == 1)
		return 0;
	sb_addf(err, "no user with the id %lld", id);
	return -ERR_NOTFOUND;
}

int sqlite_user_set_password(struct store *s, long long id, const char *pwhash,
			     const char *actor, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	int rc;

	if ((rc = sq_begin(ss, err)) < 0)
		return rc;
	rc = sq_run(ss, err, "UPDATE users SET pwhash = ? WHERE id = ?", "ti", pwhash, id);
	if (rc == 0)
		rc = changed_one(ss, id, err);
	/* The hash itself is not copied into the log: only that it changed. */
	if (rc == 0)
		rc = sq_audit(ss, err, actor, "user_passwd", "user", id, "password", NULL, NULL,
			      NULL);
	if (rc == 0)
		rc = sq_run(ss, err, "DELETE FROM sessions WHERE user_id = ?", "i", id);
	return finish_tx(ss, rc, err);
}

int sqlite_user_set_disabled(struct store *s, long long id, bool disabled, const char *actor,
			     struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	int rc;

	if ((rc = sq_begin(ss, err)) < 0)
		return rc;
	rc = sq_run(ss, err, "UPDATE users SET disabled = ? WHERE id = ?", "bi", disabled, id);
	if (rc == 0)
		rc = changed_one(ss, id, err);
	if (rc == 0)
		rc = sq_audit(ss, err, actor, disabled ? "user_disable" : "user_enable", "user", id,
			      "disabled", disabled ? "0" : "1", disabled ? "1" : "0", NULL);
	if (rc == 0 && disabled)
		rc = sq_run(ss, err, "DELETE FROM sessions WHERE user_id = ?", "i", id);
	if (rc == 0 && disabled)
		rc = sq_run(ss, err, "UPDATE api_tokens SET revoked = 1 WHERE user_id = ?", "i", id);
	return finish_tx(ss, rc, err);
}

int sqlite_session_create(struct store *s, const char *id_hash, long long user_id,
			  const char *csrf, long long now, const char *replaces_hash,
			  const char *actor, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	int rc;

	if ((rc = sq_begin(ss, err)) < 0)
		return rc;
	if (replaces_hash)
		rc = sq_run(ss, err, "DELETE FROM sessions WHERE id_hash = ?", "t", replaces_hash);
	/* Sessions long expired are swept here, at the rare moment of a login. */
	if (rc == 0)
		rc = sq_run(ss, err, "DELETE FROM sessions WHERE created_at < ?", "i",
			    now - 7 * 24 * 3600LL);
	if (rc == 0)
		rc = sq_run(ss, err,
			    "INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen)"
			    " VALUES (?, ?, ?, ?, ?)",
			    "titii", id_hash, user_id, csrf, now, now);
	if (rc == 0)
		rc = sq_audit(ss, err, actor, "login", "user", user_id, NULL, NULL, NULL, NULL);
	return finish_tx(ss, rc, err);
}

int sqlite_session_find(struct store *s, const char *id_hash, struct session_rec *out,
			struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err,
				   "SELECT user_id, csrf, created_at, last_seen FROM sessions"
				   " WHERE id_hash = ?",
				   "t", id_hash);
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -ERR_DB;
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		out->user_id = sqlite3_column_int64(st, 0);
		snprintf(out->csrf, sizeof(out->csrf), "%s",
			 (const char *)sqlite3_column_text(st, 1));
		out->created_at = sqlite3_column_int64(st, 2);
		out->last_seen = sqlite3_column_int64(st, 3);
		break;
	case SQLITE_DONE:
		sb_adds(err, "no such session");
		rc = -ERR_NOTFOUND;
		break;
	default:
		rc = sq_db_fail(ss, err, "reading a session");
	}
	sq_done(ss, st);
	return rc;
}

int sqlite_session_touch(struct store *s, const char *id_hash, long long now, struct sb *err)
{
	return sq_run(sq_impl(s), err, "UPDATE sessions SET last_seen = ? WHERE id_hash = ?", "it",
		      now, id_hash);
}

int sqlite_session_delete(struct store *s, const char *id_hash, const char *actor,
			  struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st;
	long long uid = 0;
	int rc;

	if ((rc = sq_begin(ss, err)) < 0)
		return rc;
	st = sq_prep(ss, err, "SELECT user_id FROM sessions WHERE id_hash = ?", "t", id_hash);
	if (!st) {
		rc = -ERR_DB;
		goto out;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		uid = sqlite3_column_int64(st, 0);
	sq_done(ss, st);
	rc = sq_run(ss, err, "DELETE FROM sessions WHERE id_hash = ?", "t", id_hash);
	if (rc == 0 && uid && actor)
		rc = sq_audit(ss, err, actor, "logout", "user", uid, NULL, NULL, NULL, NULL);
out:
	return finish_tx(ss, rc, err);
}

int sqlite_token_add(struct store *s, const char *token_hash, long long user_id,
		     const char *actor, long long *id, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	char now[32];
	int rc;

	if ((rc = sq_begin(ss, err)) < 0)
		return rc;
	sq_now_iso(ss, now, sizeof(now));
	rc = sq_run(ss, err,
		    "INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES (?, ?, ?)",
		    "tit", token_hash, user_id, now);
	if (rc == 0) {
		if (id)
			*id = sqlite3_last_insert_rowid(ss->db);
		rc = sq_audit(ss, err, actor, "token_add", "user", user_id, NULL, NULL, NULL, NULL);
	}
	return finish_tx(ss, rc, err);
}

int sqlite_token_revoke(struct store *s, long long token_id, long long user_id,
			const char *actor, size_t *n, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st;
	char count[24];
	int rc;

	*n = 0;
	if ((rc = sq_begin(ss, err)) < 0)
		return rc;
	if (token_id > 0) {
		st = sq_prep(ss, err, "SELECT user_id FROM api_tokens WHERE id = ?", "i", token_id);
		if (!st) {
			rc = -ERR_DB;
			goto out;
		}
		user_id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sq_done(ss, st);
		if (!user_id) {
			sb_addf(err, "no token with the id %lld", token_id);
			rc = -ERR_NOTFOUND;
			goto out;
		}
		rc = sq_run(ss, err, "UPDATE api_tokens SET revoked = 1 WHERE id = ? AND revoked = 0",
			    "i", token_id);
	} else {
		rc = sq_run(ss, err,
			    "UPDATE api_tokens SET revoked = 1 WHERE user_id = ? AND revoked = 0", "i",
			    user_id);
	}
	if (rc == 0)
		*n = (size_t)sqlite3_changes(ss->db);
	snprintf(count, sizeof(count), "%zu", *n);
	/* Nothing revoked, nothing written. */
	if (rc == 0 && *n)
		rc = sq_audit(ss, err, actor, "token_revoke", "user", user_id, "tokens", NULL, count,
			      NULL);
out:
	return finish_tx(ss, rc, err);
}

int sqlite_token_find(struct store *s, const char *token_hash, long long *user_id,
		      struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err,
				   "SELECT user_id FROM api_tokens WHERE token_hash = ? AND revoked = 0",
				   "t", token_hash);
	int rc = 0;

	*user_id = 0;
	if (!st)
		return -ERR_DB;
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		*user_id = sqlite3_column_int64(st, 0);
		break;
	case SQLITE_DONE:
		sb_adds(err, "no such token");
		rc = -ERR_NOTFOUND;
		break;
	default:
		rc = sq_db_fail(ss, err, "reading a token");
	}
	sq_done(ss, st);
	return rc;
}

int sqlite_login_attempts(struct store *s, const char *key, long long *failures,
			  long long *window_start, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err,
				   "SELECT failures, window_start FROM login_attempts WHERE key = ?",
				   "t", key);
	int step;

	*failures = *window_start = 0;
	if (!st)
		return -ERR_DB;
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*failures = sqlite3_column_int64(st, 0);
		*window_start = sqlite3_column_int64(st, 1);
	}
	sq_done(ss, st);
	return step == SQLITE_ROW || step == SQLITE_DONE ? 0
							 : sq_db_fail(ss, err, "reading logins");
}

int sqlite_login_attempts_set(struct store *s, const char *key, long long failures,
			      long long window_start, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);

	if (failures <= 0)
		return sq_run(ss, err, "DELETE FROM login_attempts WHERE key = ?", "t", key);
	return sq_run(ss, err,
		      "INSERT INTO login_attempts (key, failures, window_start) VALUES (?, ?, ?)"
		      " ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,"
		      " window_start = excluded.window_start",
		      "tii", key, failures, window_start);
}

int sqlite_audit_head(struct store *s, long long *id, struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err, "SELECT COALESCE(MAX(id), 0) FROM audit_log", "");
	int step;

	*id = 0;
	if (!st)
		return -ERR_DB;
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sq_done(ss, st);
	return step == SQLITE_ROW ? 0 : sq_db_fail(ss, err, "reading the audit log");
}

int sqlite_audit_since(struct store *s, long long after, size_t max,
		       int (*fn)(const struct audit_entry *, void *), void *arg, bool *more,
		       struct sb *err)
{
	struct sqlite_store *ss = sq_impl(s);
	sqlite3_stmt *st = sq_prep(ss, err, "SELECT a.id, a.action, a.entity, COALESCE(a.entity_id, 0), COALESCE(r.task_id, 0)"
	" FROM audit_log a LEFT JOIN progress_reports r"
	" ON a.entity = 'progress_report' AND r.id = a.entity_id"
	" WHERE a.id > ? ORDER BY a.id LIMIT ?", "ii", after, (long long)max + 1);
	size_t n = 0;
	int step = SQLITE_DONE, stop = 0;

	*more = false;
	if (!st)
		return -ERR_DB;
	while (!stop && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_entry e = {
			.id = sqlite3_column_int64(st, 0),
			.action = (const char *)sqlite3_column_text(st, 1),
			.entity = (const char *)sqlite3_column_text(st, 2),
			.entity_id = sqlite3_column_int64(st, 3),
			.task_id = sqlite3_column_int64(st, 4),
		};

		if (n++ == max) {
			*more = true;
			break;
		}
		stop = fn(&e, arg);
	}
	sq_done(ss, st);
	return stop || *more || step == SQLITE_DONE ? 0 : sq_db_fail(ss, err, "reading the audit log");
}
