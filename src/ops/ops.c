/*
 * ops.c - what every operation shares: the roles, the one authorisation
 * check, request text checking, and the one meaning of the task filters.
 */
#include "base/compat.h"
#include "ops/ops.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "extract/agency.h"
#include "model/plan.h"
#include "store/store.h"
#include "track/remind.h"
#include "track/status.h"

static const char *const role_names[] = {
	[ROLE_ADMIN] = "admin",	    [ROLE_STANDING] = "standing", [ROLE_OFFICER] = "officer",
	[ROLE_LEADER] = "leader", [ROLE_VIEWER] = "viewer",
};

const char *role_name(enum role r)
{
	return (size_t)r < ARRAY_SIZE(role_names) ? role_names[r] : "?";
}

int role_parse(const char *name)
{
	size_t i;

	for (i = 0; name && i < ARRAY_SIZE(role_names); i++)
		if (strcmp(name, role_names[i]) == 0)
			return (int)i;
	return -1;
}

const struct ops_settings *ops_settings_default(void)
{
	static const struct ops_settings def = {
		.due_soon_days = STATUS_DUE_SOON_DEFAULT,
		.escalate_days = REMIND_ESCALATE_DEFAULT,
		.evidence_max_file = 32LL << 20,
		.evidence_max_report = 64LL << 20,
	};

	return &def;
}

const char *ops_login(const struct ops_ctx *c)
{
	return c->actor.login && *c->actor.login ? c->actor.login : "cli";
}

int ops_tx_end(struct ops_ctx *c, int rc, struct sb *err)
{
	int crc;

	if (rc < 0) {
		store_tx_rollback(c->store);
		return rc;
	}
	crc = store_tx_commit(c->store, err);
	return crc < 0 ? crc : rc;
}

/* ---- authorisation -------------------------------------------------------- */

/* What each role may do, one row per role, one bit per action. */
#define A(x) (1u << (x))
static const unsigned role_rights[] = {
	[ROLE_ADMIN] = ~0u,
	[ROLE_STANDING] = A(OPS_READ) | A(OPS_IMPORT) | A(OPS_PUBLISH) | A(OPS_EDIT) |
			  A(OPS_REPORT) | A(OPS_DECIDE) | A(OPS_REMIND) | A(OPS_CONFIGURE) |
			  A(OPS_READ_DRAFTS),
	[ROLE_OFFICER] = A(OPS_READ) | A(OPS_REPORT),
	[ROLE_LEADER] = A(OPS_READ),
	[ROLE_VIEWER] = A(OPS_READ),
};
#undef A

static const char *const action_vi[] = {
	[OPS_READ] = "xem", [OPS_IMPORT] = "nhập văn bản", [OPS_PUBLISH] = "ban hành kế hoạch",
	[OPS_EDIT] = "điều chỉnh nhiệm vụ", [OPS_REPORT] = "báo cáo tiến độ",
	[OPS_DECIDE] = "xác nhận hoàn thành", [OPS_REMIND] = "đôn đốc",
	[OPS_CONFIGURE] = "cấu hình", [OPS_READ_DRAFTS] = "xem dự thảo",
	[OPS_MAINTAIN] = "bảo trì cơ sở dữ liệu", [OPS_USERS] = "quản lý người dùng",
};

static bool role_can(enum role r, enum ops_action a)
{
	return (size_t)r < ARRAY_SIZE(role_rights) && (role_rights[r] & (1u << a));
}

int ops_allowed(const struct ops_ctx *c, enum ops_action a, struct sb *err)
{
	if (role_can(c->actor.role, a))
		return 0;
	if (err)
		sb_addf(err, "không được phép %s (not allowed): %s is a %s account",
			action_vi[a], ops_login(c), role_name(c->actor.role));
	return -ERR_DENIED;
}

/* key: already folded (vi_fold_dup(name, 0)), so that it is folded once. */
static bool list_has(const struct strlist *l, const char *key)
{
	size_t i;
	bool hit = false;

	for (i = 0; i < l->n && !hit; i++) {
		char *f = vi_fold_dup(l->v[i], 0);

		hit = strcmp(f, key) == 0;
		free(f);
	}
	return hit;
}

static bool name_has(const char *hay, const char *needle)
{
	char *h, *n;
	bool hit;

	if (!hay || !needle)
		return false;
	h = vi_fold_dup(hay, VI_FOLD_PUNCT);
	n = vi_fold_dup(needle, VI_FOLD_PUNCT);
	hit = *n && strstr(h, n) != NULL;
	free(h);
	free(n);
	return hit;
}

static bool agency_on(const struct task *t, const char *agency, bool lead_only)
{
	char *key;
	bool hit;

	if (!agency || !*agency)
		return false;
	key = vi_fold_dup(agency, 0);
	hit = list_has(&t->lead, key) || list_has(&t->lead_groups, key) ||
	      (!lead_only && (list_has(&t->coordinate, key) || list_has(&t->coordinate_groups, key)));
	free(key);
	return hit;
}

bool ops_task_visible(const struct ops_ctx *c, const struct task *t, bool published)
{
	switch (c->actor.role) {
	case ROLE_ADMIN:
	case ROLE_STANDING:
		return true;
	case ROLE_OFFICER:
		return published && agency_on(t, c->actor.agency, false);
	case ROLE_LEADER:
		return published && (name_has(t->leader, c->actor.person) ||
				     name_has(t->supervisor, c->actor.person));
	case ROLE_VIEWER:
		return published;
	}
	return false;
}

bool ops_sees_every_published(const struct ops_ctx *c)
{
	/* Keep with ops_task_visible: these roles see every published task. */
	return c->actor.role == ROLE_ADMIN || c->actor.role == ROLE_STANDING ||
	       c->actor.role == ROLE_VIEWER;
}

const char *ops_visible_agency(const struct ops_ctx *c)
{
	return c->actor.role == ROLE_OFFICER ? (c->actor.agency ? c->actor.agency : "") : NULL;
}

const char *ops_visible_person(const struct ops_ctx *c)
{
	return c->actor.role == ROLE_LEADER ? (c->actor.person ? c->actor.person : "") : NULL;
}

bool ops_task_owed(const struct ops_ctx *c, const struct task *t)
{
	return c->actor.role == ROLE_OFFICER && agency_on(t, c->actor.agency, true);
}

/* ---- the same rules on names folded once -------------------------------- */

struct ops_actor_keys {
	enum role role;
	char *agency; /* vi_fold_dup(agency, 0), as agency_on folds it; NULL: none */
	char *person; /* VI_FOLD_PUNCT, as name_has folds it; NULL: none */
};

struct ops_actor_keys *ops_actor_keys_new(const struct ops_ctx *c)
{
	struct ops_actor_keys *a = xcalloc(1, sizeof(*a));

	a->role = c->actor.role;
	if (c->actor.agency && *c->actor.agency)
		a->agency = vi_fold_dup(c->actor.agency, 0);
	if (c->actor.person)
		a->person = vi_fold_dup(c->actor.person, VI_FOLD_PUNCT);
	return a;
}

void ops_actor_keys_free(struct ops_actor_keys *a)
{
	if (!a)
		return;
	free(a->agency);
	free(a->person);
	free(a);
}

/* key is one of the lines of lines (each ended by '\n'): list_has. */
static bool line_is(const char *lines, const char *key)
{
	size_t n = strlen(key);
	const char *p = lines;

	while (p && *p) {
		const char *end = strchr(p, '\n');

		if (!end)
			break;
		if ((size_t)(end - p) == n && memcmp(p, key, n) == 0)
			return true;
		p = end + 1;
	}
	return false;
}

/* name_has on a folded hay. */
static bool folded_has(const char *hay, const char *needle)
{
	return hay && needle && *needle && strstr(hay, needle) != NULL;
}

bool ops_task_visible_keyed(const struct ops_actor_keys *a, const struct ops_task_keys *k)
{
	switch (a->role) {
	case ROLE_ADMIN:
	case ROLE_STANDING:
	case ROLE_VIEWER:
		return true;
	case ROLE_OFFICER:
		return a->agency && (line_is(k->leads, a->agency) || line_is(k->coordinates, a->agency));
	case ROLE_LEADER:
		return folded_has(k->leader, a->person) || folded_has(k->supervisor, a->person);
	}
	return false;
}

bool ops_task_owed_keyed(const struct ops_actor_keys *a, const struct ops_task_keys *k)
{
	return a->role == ROLE_OFFICER && a->agency && line_is(k->leads, a->agency);
}

int ops_may_report(const struct ops_ctx *c, const struct task *t, const char *agency,
		   struct sb *err)
{
	int rc = ops_allowed(c, OPS_REPORT, err);

	if (rc < 0)
		return rc;
	if (c->actor.role == ROLE_OFFICER &&
	    (!ops_task_visible(c, t, true) || !vi_fold_eq(agency, c->actor.agency))) {
		if (err)
			sb_addf(err, "%s báo cáo cho %s, không cho '%s' (an officer reports only"
				" for its own agency, on tasks it leads or coordinates)",
				ops_login(c), c->actor.agency ? c->actor.agency : "?", agency);
		return -ERR_DENIED;
	}
	return 0;
}

struct find_task {
	const struct ops_ctx *c;
	long long id;
	bool published, visible;
};

static int find_visible(const struct task_row *r, void *arg)
{
	struct find_task *f = arg;

	if (r->id != f->id)
		return 0;
	f->visible = ops_task_visible(f->c, r->task, f->published);
	return 1;
}

int ops_task_readable(const struct ops_ctx *c, long long id, struct sb *err)
{
	struct find_task f = { c, id, false, false };
	struct task_filter tf = { 0 };
	struct task_ref ref;
	int rc = ops_allowed(c, OPS_READ, NULL);

	if (rc == 0 && (rc = store_task_ref(c->store, id, &ref, err)) == -ERR_DB)
		return rc;
	if (rc == 0) {
		f.published = ref.plan.status == PLAN_PUBLISHED;
		tf.task_id = id;
		/* Checking one task reads that task only, not its plan or the world. */
		if (f.published || ops_allowed(c, OPS_READ_DRAFTS, NULL) == 0) {
			if ((rc = store_task_list(c->store, &tf, find_visible, &f, err)) < 0)
				return rc;
			if (f.visible)
				return 0;
		}
	}
	sb_reset(err);
	sb_addf(err, "no task %lld that you may see", id);
	return -ERR_NOTFOUND;
}

bool ops_import_job_visible(const struct ops_ctx *c, long long owner_id,
			    const char *owner_login, const char *owner_agency)
{
	if (ops_allowed(c, OPS_IMPORT, NULL) < 0)
		return false;
	if (c->actor.role == ROLE_ADMIN)
		return true;
	/* The account that started it: by id, or (a job of no stored user,
	 * e.g. one the command line recorded) by login. */
	if (owner_id > 0 ? c->actor.user_id == owner_id
			 : owner_login && c->actor.login && strcmp(owner_login, c->actor.login) == 0)
		return true;
	/* The standing agency the owner works for sees its imports as a body. */
	return c->actor.role == ROLE_STANDING && c->actor.agency && *c->actor.agency &&
	       owner_agency && *owner_agency && vi_fold_eq(c->actor.agency, owner_agency);
}

int ops_own_agency(const struct ops_ctx *c, const char **agency, struct sb *err)
{
	int rc = ops_allowed(c, OPS_REPORT, err);

	if (rc < 0)
		return rc;
	if (c->actor.role != ROLE_OFFICER || !c->actor.agency || !*c->actor.agency) {
		if (err)
			sb_adds(err, "only an agency's officer files its progress reports here"
				" (the standing agency names the body: dondoc report --agency)");
		return -ERR_DENIED;
	}
	*agency = c->actor.agency;
	return 0;
}

/* ---- input ---------------------------------------------------------------- */

int ops_text(const char *what, const char *s, struct sb *out, struct sb *err)
{
	size_t bad = 0, len = s ? strlen(s) : 0;

	sb_reset(out);
	if (!utf8_check(s ? s : "", len, &bad) || utf8_nfc(out, s ? s : "", len) < 0) {
		sb_addf(err, "%s: văn bản không hợp lệ (the text is not valid UTF-8 at byte %zu)",
			what, bad + 1);
		return -ERR_ENCODING;
	}
	return 0;
}

bool ops_email_ok(const char *s)
{
	const char *at, *p;

	if (!s || !*s || !utf8_check(s, strlen(s), NULL) || strlen(s) > 254)
		return false;
	at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || !at[1] || !strchr(at + 1, '.'))
		return false;
	for (p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p == 0x7f || strchr("<>\"(),;:[]", *p))
			return false;
	/* The domain: no empty label ("a@.vn", "a@b..vn", "a@b.vn."). */
	return at[1] != '.' && !strstr(at, "..") && p[-1] != '.';
}

const char *ops_agency_canonical(const struct ops_ctx *c, const char *name)
{
	const char *k = c->agencies && name ? agency_canonical(c->agencies, name, 0) : NULL;

	return k ? k : name;
}

/* ---- filters -------------------------------------------------------------- */

struct task_matcher {
	char *agency; /* canonical, as typed when unknown */
	char *agency_key, *leader_key; /* folding keys; NULL: no filter */
	bool lead_only;
};

struct task_matcher *ops_matcher_new(const struct ops_ctx *c, const struct task_query *q)
{
	struct task_matcher *m = xcalloc(1, sizeof(*m));

	if (q->agency) {
		m->agency = xstrdup(ops_agency_canonical(c, q->agency));
		m->agency_key = vi_fold_dup(m->agency, VI_FOLD_PUNCT);
	}
	if (q->leader)
		m->leader_key = vi_fold_dup(q->leader, VI_FOLD_PUNCT);
	m->lead_only = q->lead_only;
	return m;
}

void ops_matcher_free(struct task_matcher *m)
{
	if (!m)
		return;
	free(m->agency);
	free(m->agency_key);
	free(m->leader_key);
	free(m);
}

bool ops_task_match_keyed(const struct task_matcher *m, const struct ops_task_keys *k)
{
	if (m->agency_key && !folded_has(k->lead_names, m->agency_key) &&
	    (m->lead_only || !folded_has(k->coordinate_names, m->agency_key)))
		return false;
	return !m->leader_key || folded_has(k->leader, m->leader_key);
}

const char *ops_matcher_agency(const struct task_matcher *m)
{
	return m->agency;
}

/* A folded substring match; an empty key ("%" folds to nothing) matches
 * nothing, so that no input widens a filter to everything. */
static bool key_in(const char *hay, const char *key)
{
	char *h;
	bool hit;

	if (!hay || !*key)
		return false;
	h = vi_fold_dup(hay, VI_FOLD_PUNCT);
	hit = strstr(h, key) != NULL;
	free(h);
	return hit;
}

static bool list_key_in(const struct strlist *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (key_in(l->v[i], key))
			return true;
	return false;
}

bool ops_task_match(const struct task_matcher *m, const struct task *t)
{
	if (m->agency_key) {
		bool hit = list_key_in(&t->lead, m->agency_key) ||
			   list_key_in(&t->lead_groups, m->agency_key);

		if (!hit && !m->lead_only)
			hit = list_key_in(&t->coordinate, m->agency_key) ||
			      list_key_in(&t->coordinate_groups, m->agency_key);
		if (!hit)
			return false;
	}
	return !m->leader_key || key_in(t->leader, m->leader_key);
}
