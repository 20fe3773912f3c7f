/*
 * test_web_auth.c - accounts, sessions and tokens through src/ops/ on a real
 * temporary database with a controlled clock: only the administrator manages
 * users; argon2id hashes; a login rotates the session; idle and absolute
 * timeouts; the per-account throttle; disabled users and tokens; and the one
 * HTML escaping function.
 */
#include "unit.h"
#include "base/err.h"
#include "base/escape.h"
#include "base/xalloc.h"
#include "ops/ops.h"
#include "store/store.h"
#include "tmpdb.h"

struct fixture {
	struct tmpdb db;
	struct ops_ctx c;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct sb err = SB_INIT;
	struct user_new u = { "vh", "officer", "Sở Văn hóa, Thể thao và Du lịch", NULL,
			      "correct horse 1" };

	if (tmpdb_create(&f->db, "webauth") < 0 || store_open(f->db.path, &f->c.store, &err) < 0)
		return -1;
	f->c.now = 1800000000;
	f->c.actor.login = "cli";
	f->c.actor.role = ROLE_ADMIN;
	if (ops_user_add(&f->c, &u, NULL, &err) < 0) {
		fprintf(stderr, "%s\n", err.buf);
		return -1;
	}
	sb_release(&err);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	store_close(f->c.store);
	tmpdb_remove(&f->db);
	free(f);
	return 0;
}

static void test_roles(void **state)
{
	assert_string_equal(role_name(ROLE_STANDING), "standing");
	assert_int_equal(role_parse("leader"), ROLE_LEADER);
	assert_int_equal(role_parse("boss"), -1);
	assert_int_equal(role_parse(NULL), -1);
}

static void test_only_admin_manages_users(void **state)
{
	struct fixture *f = *state;
	struct ops_ctx c = f->c;
	struct user_new u = { "x1", "viewer", NULL, NULL, "long enough 1" };
	struct sb err = SB_INIT;
	char token[65];

	c.actor.role = ROLE_STANDING;
	assert_int_equal(ops_user_add(&c, &u, NULL, &err), -ERR_DENIED);
	assert_int_equal(ops_user_passwd(&c, "vh", "another pass 1", &err), -ERR_DENIED);
	assert_int_equal(ops_token_add(&c, "vh", token, &err), -ERR_DENIED);
	assert_string_equal(token, "");
	/* Bad input is refused before anything is written. */
	u.login = "Bad Login";
	assert_int_equal(ops_user_add(&f->c, &u, NULL, &err), -ERR_INPUT);
	u.login = "x2";
	u.password = "short";
	assert_int_equal(ops_user_add(&f->c, &u, NULL, &err), -ERR_INPUT);
	u.password = "long enough 1";
	u.role = "leader";
	assert_int_equal(ops_user_add(&f->c, &u, NULL, &err), -ERR_INPUT);
	u.login = "vh";
	u.role = "viewer";
	assert_int_equal(ops_user_add(&f->c, &u, NULL, &err), -ERR_CONFLICT);
	sb_release(&err);
}

static void test_login_rotation_and_timeouts(void **state)
{
	struct fixture *f = *state;
	struct principal p1, p2, p;
	struct sb err = SB_INIT;
	struct user_rec u;
	bool thr;

	assert_int_equal(store_user_find(f->c.store, "vh", 0, &u, &err), 0);
	/* "$argon2id$v=19$m=65536,t=2,p=1$...": at least 19 MiB and 2 passes. */
	assert_true(strncmp(u.pwhash, "$argon2id$", 10) == 0);
	assert_non_null(strstr(u.pwhash, "$m="));
	assert_true(strtol(strstr(u.pwhash, "$m=") + 3, NULL, 10) >= 19 * 1024);
	assert_non_null(strstr(u.pwhash, ",t="));
	assert_true(strtol(strstr(u.pwhash, ",t=") + 3, NULL, 10) >= 2);
	user_rec_release(&u);
	assert_int_equal(ops_session_login(&f->c, "vh", "correct horse 1", "10.0.0.1", NULL, &p1, &thr, &err), 0);
	assert_int_equal(p1.actor.role, ROLE_OFFICER);
	assert_string_equal(p1.actor.agency, "Sở Văn hóa, Thể thao và Du lịch");
	assert_int_equal(strlen(p1.sid), 64);
	assert_int_equal(strlen(p1.csrf), 64);
	/* A second login with the first cookie ends the first session. */
	assert_int_equal(ops_session_login(&f->c, "vh", "correct horse 1", "10.0.0.1", p1.sid, &p2, &thr, &err), 0);
	assert_string_not_equal(p1.sid, p2.sid);
	assert_int_equal(ops_session_resolve(&f->c, p1.sid, &p, &err), -ERR_NOTFOUND);
	assert_int_equal(ops_session_resolve(&f->c, p2.sid, &p, &err), 0);
	assert_string_equal(p.login, "vh");
	principal_release(&p);
	/* Used every 25 minutes: alive past 30 minutes after login... */
	f->c.now += 25 * 60;
	assert_int_equal(ops_session_resolve(&f->c, p2.sid, &p, &err), 0);
	principal_release(&p);
	f->c.now += 25 * 60;
	assert_int_equal(ops_session_resolve(&f->c, p2.sid, &p, &err), 0);
	principal_release(&p);
	/* ... but not once idle for 31 minutes. */
	f->c.now += 31 * 60;
	assert_int_equal(ops_session_resolve(&f->c, p2.sid, &p, &err), -ERR_NOTFOUND);
	/* Absolute: 12 hours after login, however busy. */
	principal_release(&p2);
	assert_int_equal(ops_session_login(&f->c, "vh", "correct horse 1", "10.0.0.1", NULL, &p2, &thr, &err), 0);
	for (int i = 0; i < 12 * 3; i++) {
		f->c.now += 20 * 60;
		if (i < 12 * 3 - 1)
			assert_int_equal(ops_session_resolve(&f->c, p2.sid, &p, &err), 0);
		principal_release(&p);
	}
	assert_int_equal(ops_session_resolve(&f->c, p2.sid, &p, &err), -ERR_NOTFOUND);
	assert_int_equal(ops_session_resolve(&f->c, "not-a-session", &p, &err), -ERR_NOTFOUND);
	principal_release(&p1);
	principal_release(&p2);
	sb_release(&err);
}

static void test_throttle(void **state)
{
	struct fixture *f = *state;
	struct principal p;
	struct sb err = SB_INIT;
	bool thr;
	int i;

	for (i = 0; i < OPS_LOGIN_MAX_PER_ACCOUNT; i++) {
		assert_int_equal(ops_session_login(&f->c, "vh", "wrong", "10.0.0.2", NULL, &p, &thr, &err),
				 -ERR_DENIED);
		assert_false(thr);
	}
	assert_int_equal(ops_session_login(&f->c, "vh", "correct horse 1", "10.0.0.3", NULL, &p, &thr, &err),
			 -ERR_DENIED);
	assert_true(thr);
	/* The window passes: the right password works again. */
	f->c.now += OPS_LOGIN_WINDOW;
	assert_int_equal(ops_session_login(&f->c, "vh", "correct horse 1", "10.0.0.3", NULL, &p, &thr, &err), 0);
	principal_release(&p);
	/* An unknown login counts like a wrong password and says the same. */
	sb_reset(&err);
	assert_int_equal(ops_session_login(&f->c, "nobody", "x", "10.0.0.2", NULL, &p, &thr, &err), -ERR_DENIED);
	assert_string_equal(err.buf, "wrong login or password");
	sb_release(&err);
}

static void test_disable_and_tokens(void **state)
{
	struct fixture *f = *state;
	struct principal p, s;
	struct sb err = SB_INIT;
	char token[65];
	bool thr;

	assert_int_equal(ops_token_add(&f->c, "vh", token, &err), 0);
	assert_int_equal(strlen(token), 64);
	assert_int_equal(ops_token_resolve(&f->c, token, &p, &err), 0);
	assert_string_equal(p.login, "vh");
	principal_release(&p);
	assert_int_equal(ops_session_login(&f->c, "vh", "correct horse 1", "10.0.0.1", NULL, &s, &thr, &err), 0);
	assert_int_equal(ops_user_disable(&f->c, "vh", true, &err), 0);
	assert_int_equal(ops_token_resolve(&f->c, token, &p, &err), -ERR_NOTFOUND);
	assert_int_equal(ops_session_resolve(&f->c, s.sid, &p, &err), -ERR_NOTFOUND);
	principal_release(&s);
	assert_int_equal(ops_session_login(&f->c, "vh", "correct horse 1", "10.0.0.1", NULL, &s, &thr, &err),
			 -ERR_DENIED);
	assert_int_equal(ops_user_disable(&f->c, "vh", false, &err), 0);
	assert_int_equal(ops_user_passwd(&f->c, "vh", "new password 2", &err), 0);
	assert_int_equal(ops_session_login(&f->c, "vh", "correct horse 1", "10.0.0.1", NULL, &s, &thr, &err),
			 -ERR_DENIED);
	assert_int_equal(ops_session_login(&f->c, "vh", "new password 2", "10.0.0.1", NULL, &s, &thr, &err), 0);
	principal_release(&s);
	sb_release(&err);
}

static void test_token_revoke_and_ids(void **state)
{
	struct fixture *f = *state;
	struct principal p;
	struct sb err = SB_INIT;
	struct ops_ctx standing = f->c;
	struct user_new u = { "xem", "viewer", NULL, NULL, NULL };
	char t1[65], t2[65], t3[65], pw[OPS_PASSWORD_GEN_LEN + 1], id1[24];
	long long tid1 = 0, uid = 0;
	size_t n = 9;
	bool thr;

	assert_int_equal(ops_token_issue(&f->c, "vh", 0, t1, &tid1, &err), 0);
	assert_true(tid1 > 0);
	assert_int_equal(ops_token_add(&f->c, "vh", t2, &err), 0);
	/* Only the administrator revokes, and a refusal revokes nothing. */
	standing.actor.role = ROLE_STANDING;
	standing.actor.login = "tt";
	assert_int_equal(ops_token_revoke(&standing, "vh", 0, &n, &err), -ERR_DENIED);
	assert_int_equal(n, 0);
	assert_int_equal(ops_token_resolve(&f->c, t1, &p, &err), 0);
	principal_release(&p);
	/* One token by id: the other lives on. */
	snprintf(id1, sizeof(id1), "%lld", tid1);
	assert_int_equal(ops_token_revoke(&f->c, id1, 0, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ops_token_resolve(&f->c, t1, &p, &err), -ERR_NOTFOUND);
	assert_int_equal(ops_token_resolve(&f->c, t2, &p, &err), 0);
	principal_release(&p);
	assert_int_equal(ops_token_revoke(&f->c, id1, 0, &n, &err), 0);
	assert_int_equal(n, 0);
	sb_reset(&err);
	assert_int_equal(ops_token_revoke(&f->c, "424242", 0, &n, &err), -ERR_NOTFOUND);
	/* A login: every live token of the user. */
	assert_int_equal(ops_token_issue(&f->c, "vh", 0, t3, NULL, &err), 0);
	assert_int_equal(ops_token_revoke(&f->c, "vh", 0, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ops_token_resolve(&f->c, t2, &p, &err), -ERR_NOTFOUND);
	assert_int_equal(ops_token_resolve(&f->c, t3, &p, &err), -ERR_NOTFOUND);
	/* A generated password logs in; users are named by id too. */
	assert_int_equal(ops_user_add_generated(&standing, &u, &uid, pw, &err), -ERR_DENIED);
	assert_string_equal(pw, "");
	assert_int_equal(ops_user_add_generated(&f->c, &u, &uid, pw, &err), 0);
	assert_int_equal(strlen(pw), OPS_PASSWORD_GEN_LEN);
	assert_int_equal(ops_session_login(&f->c, "xem", pw, "10.0.0.2", NULL, &p, &thr, &err), 0);
	principal_release(&p);
	assert_int_equal(ops_user_passwd_id(&f->c, uid, "by id pass 1", &err), 0);
	assert_int_equal(ops_user_disable_id(&f->c, uid, true, &err), 0);
	assert_int_equal(ops_session_login(&f->c, "xem", "by id pass 1", "10.0.0.2", NULL, &p, &thr, &err),
			 -ERR_DENIED);
	assert_int_equal(ops_user_disable_id(&f->c, uid, false, &err), 0);
	assert_int_equal(ops_session_login(&f->c, "xem", "by id pass 1", "10.0.0.2", NULL, &p, &thr, &err), 0);
	principal_release(&p);
	assert_int_equal(ops_user_disable_id(&standing, uid, true, &err), -ERR_DENIED);
	sb_reset(&err);
	assert_int_equal(ops_user_disable_id(&f->c, 999999, true, &err), -ERR_NOTFOUND);
	sb_release(&err);
}

static void test_escape_html(void **state)
{
	struct sb out = SB_INIT;

	const char *s = "<script>alert('x')</script> & \"Văn hóa\"";

	escape_html_attr(&out, s, strlen(s));
	assert_string_equal(out.buf, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
				     "&quot;Văn hóa&quot;");
	sb_reset(&out);
	escape_html_attr(&out, NULL, 0);
	escape_html_attr(&out, "", 0);
	assert_string_equal(out.buf, "");
	sb_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles),
		cmocka_unit_test_setup_teardown(test_only_admin_manages_users, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_rotation_and_timeouts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_throttle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disable_and_tokens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_token_revoke_and_ids, setup, teardown),
		cmocka_unit_test(test_escape_html),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
