/*
 * store_auth.c - dispatch of the accounts, sessions and tokens part of the
 * storage interface to the backend (see store.h, "Accounts"). Kept apart from
 * store.c so that the web branch adds a file rather than editing a shared one.
 */
#include "base/compat.h"
#include "store/store_int.h"

void user_rec_release(struct user_rec *u)
{
	free(u->login);
	free(u->role);
	free(u->agency);
	free(u->person);
	free(u->pwhash);
	free(u->created_at);
	memset(u, 0, sizeof(*u));
}

int store_user_add(struct store *s, const struct user_rec *u, const char *actor, long long *id,
		   struct sb *err)
{
	return s->ops->user_add(s, u, actor, id, err);
}

int store_user_find(struct store *s, const char *login, long long id, struct user_rec *out,
		    struct sb *err)
{
	return s->ops->user_find(s, login, id, out, err);
}

int store_user_list(struct store *s, int (*fn)(const struct user_rec *, void *), void *arg,
		    struct sb *err)
{
	return s->ops->user_list(s, fn, arg, err);
}

int store_user_set_password(struct store *s, long long id, const char *pwhash,
			    const char *actor, struct sb *err)
{
	return s->ops->user_set_password(s, id, pwhash, actor, err);
}

int store_user_set_disabled(struct store *s, long long id, bool disabled, const char *actor,
			    struct sb *err)
{
	return s->ops->user_set_disabled(s, id, disabled, actor, err);
}

int store_session_create(struct store *s, const char *id_hash, long long user_id,
			 const char *csrf, long long now, const char *replaces_hash,
			 const char *actor, struct sb *err)
{
	return s->ops->session_create(s, id_hash, user_id, csrf, now, replaces_hash, actor, err);
}

int store_session_find(struct store *s, const char *id_hash, struct session_rec *out,
		       struct sb *err)
{
	return s->ops->session_find(s, id_hash, out, err);
}

int store_session_touch(struct store *s, const char *id_hash, long long now, struct sb *err)
{
	return s->ops->session_touch(s, id_hash, now, err);
}

int store_session_delete(struct store *s, const char *id_hash, const char *actor,
			 struct sb *err)
{
	return s->ops->session_delete(s, id_hash, actor, err);
}

int store_token_add(struct store *s, const char *token_hash, long long user_id,
		    const char *actor, long long *id, struct sb *err)
{
	return s->ops->token_add(s, token_hash, user_id, actor, id, err);
}

int store_token_find(struct store *s, const char *token_hash, long long *user_id,
		     struct sb *err)
{
	return s->ops->token_find(s, token_hash, user_id, err);
}

int store_token_revoke(struct store *s, long long token_id, long long user_id,
		       const char *actor, size_t *n, struct sb *err)
{
	return s->ops->token_revoke(s, token_id, user_id, actor, n, err);
}

int store_login_attempts(struct store *s, const char *key, long long *failures,
			 long long *window_start, struct sb *err)
{
	return s->ops->login_attempts(s, key, failures, window_start, err);
}

int store_login_attempts_set(struct store *s, const char *key, long long failures,
			     long long window_start, struct sb *err)
{
	return s->ops->login_attempts_set(s, key, failures, window_start, err);
}

int store_audit_head(struct store *s, long long *id, struct sb *err)
{
	return s->ops->audit_head(s, id, err);
}

int store_audit_since(struct store *s, long long after, size_t max,
		      int (*fn)(const struct audit_entry *, void *), void *arg, bool *more,
		      struct sb *err)
{
	return s->ops->audit_since(s, after, max, fn, arg, more, err);
}
