/*
 * cmd_track.c - the tracking commands: publish, edit, history, report,
 * confirm, reject, status, completeness, indicators, remind, contacts.
 *
 * The store keeps the record (store.h, "Tracking"); the pure rules of
 * src/track/ compute everything an official reads from it: status buckets,
 * rates over tasks already due, completeness, indicator verdicts, reminder
 * lists. "Today" is DONDOC_TODAY=YYYY-MM-DD when set (tests), else the
 * system's local date; the actor recorded is $DONDOC_USER, else "cli".
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "extract/agency.h"
#include "extract/timeframe.h"
#include "model/plan.h"
#include "store/store.h"
#include "track/calendar.h"
#include "track/completeness.h"
#include "track/indicator_eval.h"
#include "track/mail.h"
#include "track/period.h"
#include "track/remind.h"
#include "track/status.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <sodium.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- shared helpers ----------------------------------------------------- */

static const char *actor(void)
{
	const char *u = getenv("DONDOC_USER");

	return u && *u ? u : "cli";
}

/* Today as a day number: DONDOC_TODAY, else the local date. -1 after an
 * error message when DONDOC_TODAY is malformed. */
static int get_today(int *day)
{
	const char *env = getenv("DONDOC_TODAY");
	time_t t = time(NULL);
	struct tm tm;

	if (env && *env) {
		if (calendar_parse_iso(env, day) < 0) {
			cmd_fail("DONDOC_TODAY='%s' is not a date YYYY-MM-DD", env);
			return -1;
		}
		return 0;
	}
	localtime_r(&t, &tm);
	*day = calendar_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

static long env_long(const char *name, long def)
{
	const char *s = getenv(name);
	char *end;
	long v;

	if (!s || !*s)
		return def;
	errno = 0;
	v = strtol(s, &end, 10);
	return errno || *end || v < 0 ? def : v;
}
/* A percentage with a decimal comma ("16,7%"), "-" when undefined. */
static void add_pct(struct sb *out, bool defined, double v)
{
	char buf[32];
	char *dot;

	if (!defined) {
		sb_adds(out, "-");
		return;
	}
	snprintf(buf, sizeof(buf), "%.1f%%", v * 100.0);
	dot = strchr(buf, '.');
	if (dot)
		*dot = ',';
	sb_adds(out, buf);
}

static void add_rate(struct sb *out, const struct status_agg *a, enum status_rate r)
{
	double v;
	bool ok = status_agg_rate(a, r, &v);

	add_pct(out, ok, v);
}

static void add_crate(struct sb *out, const struct completeness_counts *k, bool timeliness)
{
	double v;
	bool ok = timeliness ? completeness_timeliness(k, &v) : completeness_rate(k, &v);

	add_pct(out, ok, v);
}

/* A folder next to the database: var/dondoc.db -> var/NAME. */
static char *beside_db(const struct cli *cli, const char *name)
{
	const char *slash = strrchr(cli->db_path, '/');
	struct sb s = SB_INIT;

	if (slash)
		sb_add(&s, cli->db_path, (size_t)(slash - cli->db_path + 1));
	sb_adds(&s, name);
	return sb_detach(&s);
}

/* Resolves an agency as typed ("Sở VHTTDL") to its canonical name. */
static const char *canonical_agency(const struct cli *cli, const char *name)
{
	const char *c = cli->agencies ? agency_canonical(cli->agencies, name, 0) : NULL;

	return c ? c : name;
}

static bool fold_contains(const char *hay, const char *needle_key)
{
	char *k;
	bool hit;

	if (!hay)
		return false;
	k = vi_fold_dup(hay, VI_FOLD_PUNCT);
	hit = strstr(k, needle_key) != NULL;
	free(k);
	return hit;
}

/* ---- publish, edit, history --------------------------------------------- */

int cmd_publish(struct cli *cli, int argc, char **argv)
{
	struct sb err = SB_INIT;
	long long id;
	int rc;

	if (cmd_parse_opts("publish", argc, argv, NULL) != 1)
		return cmd_usage("publish");
	if (!(id = cmd_parse_id(argv[0])))
		return cmd_fail("'%s' is not a plan id; see 'dondoc plans'", argv[0]);
	rc = store_plan_publish(cli->store, id, actor(), &err);
	if (rc < 0)
		rc = cmd_fail("%s", err.buf);
	else if (rc == 1) {
		printf("plan %lld: already published\n", id);
		rc = 0;
	} else
		printf("plan %lld: published; its tasks are now tracked\n", id);
	sb_release(&err);
	return rc;
}

int cmd_edit(struct cli *cli, int argc, char **argv)
{
	const char *field = NULL, *value = NULL, *reason = NULL;
	const struct opt opts[] = { { "field", &field, NULL },
				    { "value", &value, NULL },
				    { "reason", &reason, NULL },
				    { 0 } };
	struct strlist bodies = { 0 }, groups = { 0 };
	struct task_edit e = { 0 };
	struct sb err = SB_INIT;
	struct task_ref tr;
	struct due *due = NULL;
	long long id;
	int rc = 1;

	if (cmd_parse_opts("edit", argc, argv, opts) != 1 || !field || !value)
		return cmd_usage("edit");
	if (!(id = cmd_parse_id(argv[0])))
		return cmd_fail("'%s' is not a task id; see 'dondoc tasks'", argv[0]);
	if (!store_task_edit_field_ok(field)) {
		cmd_fail("'%s' is not a task field; use text, ref, section, leader, supervisor,"
			 " result, due, lead or coordinate", field);
		return 2;
	}
	if (!reason || !*reason) {
		cmd_fail("a correction needs a reason: --reason TEXT");
		return 2;
	}
	if (store_task_ref(cli->store, id, &tr, &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	e.field = field;
	e.value = value;
	if (strcmp(field, "due") == 0 && *value) {
		/* The phrase is read as the documents are, with the plan's year. */
		due = timeframe_parse(value, strlen(value), tr.plan.year);
		if (!due) {
			cmd_fail("cannot read '%s' as a time frame (e.g. 'Quý III/2026',"
				 " 'trước ngày 15/6/2026', 'Thường xuyên')", value);
			goto out;
		}
		e.due = due;
	} else if (strcmp(field, "lead") == 0 || strcmp(field, "coordinate") == 0) {
		if (*value && agency_split(cli->agencies, value, 0, &bodies, &groups, NULL) == 0) {
			cmd_fail("no body found in '%s'", value);
			goto out;
		}
		e.bodies = &bodies;
		e.groups = &groups;
	}
	if (store_task_edit(cli->store, id, &e, actor(), reason, &err) < 0) {
		cmd_fail("task %lld: %s", id, err.buf);
		goto out;
	}
	printf("task %lld: %s changed", id, field);
	if (due)
		printf(" to '%s' (%s .. %s%s)", due->text ? due->text : "", due->start[0] ? due->start : "-",
		       due->end[0] ? due->end : "-", due->recurring ? ", recurring" : "");
	printf("%s\n", strcmp(tr.plan.status, "published") == 0
			       ? "; the plan moves to a new version, the earlier one is kept"
			       : "");
	rc = 0;
out:
	due_free(due);
	strlist_release(&bodies);
	strlist_release(&groups);
	sb_release(&err);
	return rc;
}

static int print_change(const struct task_change *c, void *arg)
{
	printf("  %s  %-10s  v%d  %s: '%s' -> '%s'  (%s)\n", c->at, c->actor, c->plan_version,
	       c->field, c->old_value ? c->old_value : "", c->new_value ? c->new_value : "",
	       c->reason ? c->reason : "");
	(*(size_t *)arg)++;
	return 0;
}

static int print_report(const struct report_row *r, void *arg)
{
	printf("  report %lld  %s  %-10s %s (%s)  %s", r->id, r->filed_on ? r->filed_on : "-",
	       r->state, r->agency, r->role, r->period ? r->period : "");
	if (r->completion_date)
		printf("  done %s", r->completion_date);
	if (r->has_value)
		printf("  value %g", r->value);
	if (r->replaces_id)
		printf("  corrects %lld", r->replaces_id);
	if (r->replaced)
		printf("  [corrected later]");
	if (r->decision)
		printf("  [%s %s%s%s]", r->decision, r->decided_on, r->decision_reason ? ": " : "",
		       r->decision_reason ? r->decision_reason : "");
	if (r->nevidence)
		printf("  evidence: %zu file(s)", r->nevidence);
	if (r->note)
		printf("\n      %s", r->note);
	printf("\n");
	(*(size_t *)arg)++;
	return 0;
}

int cmd_history(struct cli *cli, int argc, char **argv)
{
	struct sb err = SB_INIT;
	struct task_ref tr;
	size_t nc = 0, nr = 0;
	long long id;
	int rc = 1;

	if (cmd_parse_opts("history", argc, argv, NULL) != 1)
		return cmd_usage("history");
	if (!(id = cmd_parse_id(argv[0])))
		return cmd_fail("'%s' is not a task id; see 'dondoc tasks'", argv[0]);
	if (store_task_ref(cli->store, id, &tr, &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	printf("task %lld, plan %lld (%s, version %d)\nchanges:\n", id, tr.plan_id, tr.plan.status,
	       tr.plan.version);
	if (store_task_history(cli->store, id, print_change, &nc, &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	if (!nc)
		printf("  (none)\n");
	printf("reports:\n");
	if (store_report_list(cli->store, 0, id, print_report, &nr, &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	if (!nr)
		printf("  (none)\n");
	rc = 0;
out:
	sb_release(&err);
	return rc;
}

/* ---- report, confirm, reject -------------------------------------------- */

/* Copies path into dir/<sha256> (content-addressed: the same file twice is
 * stored once) and gives its hash and size. */
static int store_evidence(const char *dir, const char *path, char hex[65], long long *size,
			  struct sb *err)
{
	unsigned char digest[crypto_hash_sha256_BYTES], buf[65536];
	crypto_hash_sha256_state h;
	struct sb tmp = SB_INIT, final = SB_INIT;
	FILE *in = fopen(path, "rb"), *out = NULL;
	size_t n;
	int rc = -ERR_IO;

	*size = 0;
	if (!in) {
		sb_addf(err, "%s: cannot open: %s", path, strerror(errno));
		return -ERR_IO;
	}
	if (mkdir(dir, 0775) < 0 && errno != EEXIST) {
		sb_addf(err, "%s: cannot create folder: %s", dir, strerror(errno));
		goto out;
	}
	sb_addf(&tmp, "%s/.incoming.%ld", dir, (long)getpid());
	out = fopen(tmp.buf, "wb");
	if (!out) {
		sb_addf(err, "%s: cannot write: %s", tmp.buf, strerror(errno));
		goto out;
	}
	crypto_hash_sha256_init(&h);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		crypto_hash_sha256_update(&h, buf, n);
		*size += (long long)n;
		if (fwrite(buf, 1, n, out) != n) {
			sb_addf(err, "%s: cannot write: %s", tmp.buf, strerror(errno));
			goto out;
		}
	}
	if (ferror(in)) {
		sb_addf(err, "%s: cannot read: %s", path, strerror(errno));
		goto out;
	}
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(hex, 65, digest, sizeof(digest));
	if (fflush(out) != 0 || fsync(fileno(out)) != 0) {
		sb_addf(err, "%s: cannot write: %s", tmp.buf, strerror(errno));
		goto out;
	}
	sb_addf(&final, "%s/%s", dir, hex);
	if (rename(tmp.buf, final.buf) < 0) {
		sb_addf(err, "%s: cannot store: %s", final.buf, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	fclose(in);
	if (out)
		fclose(out);
	if (rc < 0 && tmp.len)
		unlink(tmp.buf);
	sb_release(&tmp);
	sb_release(&final);
	return rc;
}

static int parse_value(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return errno || end == s || *end || !isfinite(*out) ? -1 : 0;
}

static int report_indicator(struct cli *cli, const char *ind, const char *agency,
			    const char *value, const char *period, const char *note,
			    const char *replaces, int today)
{
	struct indicator_report_new r = { 0 };
	struct sb err = SB_INIT;
	struct period p;
	char pname[PERIOD_NAME_LEN], day[CAL_ISO_LEN];
	int rc = 1;

	if (!(r.indicator_id = cmd_parse_id(ind)))
		return cmd_fail("'%s' is not an indicator id; see 'dondoc indicators'", ind);
	if (!value || parse_value(value, &r.value) < 0) {
		cmd_fail("an indicator report needs --value NUMBER (got '%s')", value ? value : "");
		return 2;
	}
	if (!period || period_parse(period, &p) < 0) {
		cmd_fail("an indicator report needs --period (2026, 2026-H1, 2026-Q3, 2026-07); got '%s'",
			 period ? period : "");
		return 2;
	}
	if (replaces && !(r.replaces_id = cmd_parse_id(replaces)))
		return cmd_fail("--replaces: '%s' is not a report id", replaces);
	r.agency = canonical_agency(cli, agency);
	r.period = period_format(&p, pname);
	r.note = note;
	r.filed_on = calendar_format_iso(today, day);
	if (store_indicator_report_add(cli->store, &r, actor(), &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	printf("indicator report %lld: indicator %lld, %s, %s = %g\n", r.id, r.indicator_id,
	       r.agency, r.period, r.value);
	rc = 0;
out:
	sb_release(&err);
	return rc;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	const char *agency = NULL, *state = NULL, *date = NULL, *note = NULL, *value = NULL,
		   *period = NULL, *evidence = NULL, *replaces = NULL, *indicator = NULL;
	const struct opt opts[] = { { "agency", &agency, NULL },     { "state", &state, NULL },
				    { "date", &date, NULL },	     { "note", &note, NULL },
				    { "value", &value, NULL },	     { "period", &period, NULL },
				    { "evidence", &evidence, NULL }, { "replaces", &replaces, NULL },
				    { "indicator", &indicator, NULL }, { 0 } };
	struct report_new r = { 0 };
	struct sb err = SB_INIT;
	enum task_state st;
	struct period p;
	char pname[PERIOD_NAME_LEN], day[CAL_ISO_LEN], hex[65];
	char *evdir = NULL;
	double v;
	int n, today, done_day = CAL_NONE, rc = 1;

	n = cmd_parse_opts("report", argc, argv, opts);
	if (n < 0)
		return 2;
	if (!agency || !*agency) {
		cmd_fail("a report names the body reporting: --agency NAME");
		return 2;
	}
	if (get_today(&today) < 0)
		return 1;
	if (indicator) {
		if (n != 0)
			return cmd_usage("report");
		return report_indicator(cli, indicator, agency, value, period, note, replaces, today);
	}
	if (n != 1 || !state)
		return cmd_usage("report");
	if (!(r.task_id = cmd_parse_id(argv[0])))
		return cmd_fail("'%s' is not a task id; see 'dondoc tasks'", argv[0]);
	if (task_state_parse(state, &st) < 0) {
		cmd_fail("'%s' is not a state; use not_started (chưa triển khai), in_progress (đang"
			 " thực hiện), done (hoàn thành), paused (tạm dừng) or change_requested (đề"
			 " nghị điều chỉnh)", state);
		return 2;
	}
	if (date && calendar_parse_iso(date, &done_day) < 0) {
		cmd_fail("--date '%s' is not a date YYYY-MM-DD", date);
		return 2;
	}
	if (date && done_day > today) {
		cmd_fail("--date %s is after today (%s): a completion is reported once it happened",
			 date, calendar_format_iso(today, day));
		return 2;
	}
	if (period && period_parse(period, &p) < 0) {
		cmd_fail("--period '%s' is not a period (2026, 2026-H1, 2026-Q3, 2026-07)", period);
		return 2;
	}
	if (value && parse_value(value, &v) < 0) {
		cmd_fail("--value '%s' is not a number", value);
		return 2;
	}
	if (replaces && !(r.replaces_id = cmd_parse_id(replaces)))
		return cmd_fail("--replaces: '%s' is not a report id", replaces);
	if (sodium_init() < 0)
		return cmd_fail("libsodium failed to initialise");
	if (evidence) {
		long long size;

		evdir = beside_db(cli, "evidence");
		if (getenv("DONDOC_EVIDENCE") && *getenv("DONDOC_EVIDENCE")) {
			free(evdir);
			evdir = xstrdup(getenv("DONDOC_EVIDENCE"));
		}
		if (store_evidence(evdir, evidence, hex, &size, &err) < 0) {
			cmd_fail("%s", err.buf);
			goto out;
		}
		/* The file's own name, not where it happened to be on this machine. */
		r.evidence_name = strrchr(evidence, '/') ? strrchr(evidence, '/') + 1 : evidence;
		r.evidence_sha256 = hex;
		r.evidence_size = size;
	}
	r.agency = canonical_agency(cli, agency);
	r.state = task_state_key(st);
	r.period = period ? period_format(&p, pname) : NULL;
	r.completion_date = date;
	r.note = note;
	r.value = value ? &v : NULL;
	r.filed_on = calendar_format_iso(today, day);
	if (store_report_add(cli->store, &r, actor(), &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	printf("report %lld: task %lld, %s (%s): %s, filed %s%s%s\n", r.id, r.task_id,
	       r.agency_stored, r.role, task_state_vi(st), r.filed_on,
	       r.replaces_id ? ", corrects report " : "", r.replaces_id ? replaces : "");
	if (st == TASK_DONE && strcmp(r.role, "lead") == 0)
		printf("  awaiting confirmation (chờ xác nhận): 'dondoc confirm %lld' or"
		       " 'dondoc reject %lld --reason ...'\n", r.task_id, r.task_id);
	if (evidence)
		printf("  evidence %s stored as %s/%s\n", evidence, evdir, hex);
	rc = 0;
out:
	free(evdir);
	sb_release(&err);
	return rc;
}

static int decide(struct cli *cli, const char *name, bool accept, int argc, char **argv)
{
	const char *date = NULL, *reason = NULL;
	const struct opt opts[] = { { "date", &date, NULL }, { "reason", &reason, NULL }, { 0 } };
	struct sb err = SB_INIT;
	char day[CAL_ISO_LEN];
	long long id, rid = 0;
	int today, d, rc;

	if (cmd_parse_opts(name, argc, argv, opts) != 1)
		return cmd_usage(name);
	if (!(id = cmd_parse_id(argv[0])))
		return cmd_fail("'%s' is not a task id; see 'dondoc tasks'", argv[0]);
	if (!accept && (!reason || !*reason)) {
		cmd_fail("a refusal needs a reason: --reason TEXT");
		return 2;
	}
	if (date && calendar_parse_iso(date, &d) < 0) {
		cmd_fail("--date '%s' is not a date YYYY-MM-DD", date);
		return 2;
	}
	if (get_today(&today) < 0)
		return 1;
	calendar_format_iso(today, day);
	rc = store_report_decide(cli->store, id, accept, day, date, reason, actor(), &rid, &err);
	if (rc < 0) {
		rc = cmd_fail("%s", err.buf);
	} else if (accept) {
		printf("task %lld: completion confirmed (report %lld)%s%s\n", id, rid,
		       date ? ", completed on " : "", date ? date : "");
	} else {
		printf("task %lld: completion refused (từ chối xác nhận), report %lld: %s\n", id, rid,
		       reason);
	}
	sb_release(&err);
	return rc;
}

int cmd_confirm(struct cli *cli, int argc, char **argv)
{
	return decide(cli, "confirm", true, argc, argv);
}

int cmd_reject(struct cli *cli, int argc, char **argv)
{
	return decide(cli, "reject", false, argc, argv);
}

/* ---- the tracked world: published plans, tasks, reports ----------------- */

struct tk_report {
	long long id, task_id;
	char *agency;
	bool lead, replaced;
	bool has_period;
	struct period period;
	int filed;
	struct status_report sr;
	bool has_value;
	double value;
};

struct tk_task {
	const struct plan *plan;
	const struct task *t;
	size_t first_report, nreports; /* into world.reports (this task's, in filing order) */
	struct status_report *official; /* lead reports in force, filing order */
	size_t nofficial;
	struct status_result res;
	int start, end;
};

struct world {
	int today;
	const struct period *period;
	struct plan *plans;
	size_t nplans, capplans;
	struct tk_task *tasks;
	size_t ntasks, captasks;
	struct tk_report *reports;
	size_t nreports, capreports;
};

static void world_release(struct world *w)
{
	size_t i;

	for (i = 0; i < w->nplans; i++)
		plan_release(&w->plans[i]);
	for (i = 0; i < w->ntasks; i++)
		free(w->tasks[i].official);
	for (i = 0; i < w->nreports; i++)
		free(w->reports[i].agency);
	free(w->plans);
	free(w->tasks);
	free(w->reports);
	memset(w, 0, sizeof(*w));
}

struct plan_ids {
	long long *v;
	size_t n, cap;
	long long only;
	bool drafts_seen;
};

static int collect_plan(const struct plan_meta *m, void *arg)
{
	struct plan_ids *ids = arg;

	if (ids->only && m->id != ids->only)
		return 0;
	if (strcmp(m->status, "published") != 0) {
		ids->drafts_seen = true;
		return 0;
	}
	xgrow((void **)&ids->v, &ids->cap, ids->n + 1, sizeof(*ids->v));
	ids->v[ids->n++] = m->id;
	return 0;
}

static enum confirmation confirmation_of(const char *decision)
{
	if (!decision)
		return CONFIRM_PENDING;
	return strcmp(decision, "accepted") == 0 ? CONFIRM_ACCEPTED : CONFIRM_REFUSED;
}

static int collect_report(const struct report_row *r, void *arg)
{
	struct world *w = arg;
	struct tk_report *x;
	enum task_state st = TASK_NOT_STARTED;

	xgrow((void **)&w->reports, &w->capreports, w->nreports + 1, sizeof(*w->reports));
	x = &w->reports[w->nreports++];
	memset(x, 0, sizeof(*x));
	x->id = r->id;
	x->task_id = r->task_id;
	x->agency = xstrdup(r->agency);
	x->lead = strcmp(r->role, "lead") == 0;
	x->replaced = r->replaced;
	x->has_period = r->period && period_parse(r->period, &x->period) == 0;
	x->filed = calendar_iso_day(r->filed_on);
	task_state_parse(r->state, &st);
	x->sr.filed = x->filed;
	x->sr.state = st;
	x->sr.done_on = calendar_iso_day(r->completion_date);
	x->sr.confirm = confirmation_of(r->decision);
	x->sr.confirmed_on = calendar_iso_day(r->decided_on);
	x->sr.confirmed_done_on = calendar_iso_day(r->confirmed_done_on);
	x->has_value = r->has_value;
	x->value = r->value;
	return 0;
}

/* Loads every published plan (or only plan_id), its tasks and their reports,
 * and computes each task's status on w->today. */
static int world_load(struct cli *cli, struct world *w, long long plan_id, bool *drafts)
{
	struct plan_ids ids = { .only = plan_id };
	struct status_opts so = { .today = w->today, .period = w->period };
	struct sb err = SB_INIT;
	size_t i, j, k, r0;
	int rc = 1;

	so.due_soon = (int)env_long("DONDOC_DUE_SOON_DAYS", STATUS_DUE_SOON_DEFAULT);
	if (store_plan_list(cli->store, collect_plan, &ids, &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	if (drafts)
		*drafts = ids.drafts_seen;
	for (i = 0; i < ids.n; i++) {
		struct plan *p;

		xgrow((void **)&w->plans, &w->capplans, w->nplans + 1, sizeof(*w->plans));
		p = &w->plans[w->nplans];
		plan_init(p);
		if (store_plan_load(cli->store, ids.v[i], p, &err) < 0) {
			cmd_fail("%s", err.buf);
			goto out;
		}
		w->nplans++;
	}
	for (i = 0; i < w->nplans; i++) {
		struct plan *p = &w->plans[i];

		r0 = w->nreports;
		if (store_report_list(cli->store, p->id, 0, collect_report, w, &err) < 0) {
			cmd_fail("%s", err.buf);
			goto out;
		}
		/* Reports come ordered by task (document order) then filing, so one
		 * cursor walks both lists. */
		k = r0;
		for (j = 0; j < p->tasks.n; j++) {
			struct tk_task *tk;
			const struct due *d = p->tasks.v[j].due;

			xgrow((void **)&w->tasks, &w->captasks, w->ntasks + 1, sizeof(*w->tasks));
			tk = &w->tasks[w->ntasks++];
			memset(tk, 0, sizeof(*tk));
			tk->plan = p;
			tk->t = &p->tasks.v[j];
			tk->start = d ? calendar_iso_day(d->start) : CAL_NONE;
			tk->end = d ? calendar_iso_day(d->end) : CAL_NONE;
			tk->first_report = k;
			while (k < w->nreports && w->reports[k].task_id == tk->t->id)
				k++;
			tk->nreports = k - tk->first_report;
		}
	}
	for (i = 0; i < w->ntasks; i++) {
		struct tk_task *tk = &w->tasks[i];
		struct status_task st = { .start = tk->start, .end = tk->end };

		tk->official = xcalloc(tk->nreports + 1, sizeof(*tk->official));
		for (j = 0; j < tk->nreports; j++) {
			struct tk_report *x = &w->reports[tk->first_report + j];

			if (!x->lead || x->replaced)
				continue;
			x->sr.period = x->has_period ? &x->period : NULL;
			tk->official[tk->nofficial++] = x->sr;
		}
		st.recurring = tk->t->due && tk->t->due->recurring;
		st.reports = tk->official;
		st.nreports = tk->nofficial;
		status_compute(&st, &so, &tk->res);
	}
	rc = 0;
out:
	free(ids.v);
	sb_release(&err);
	return rc;
}

/* The bodies a task's status is counted under: its lead bodies, else its
 * lead groups, else "" (unassigned). */
static size_t lead_names(const struct task *t, const char ***out)
{
	const struct strlist *l = t->lead.n ? &t->lead : &t->lead_groups;
	static const char *none[] = { "" };

	if (!l->n) {
		*out = none;
		return 1;
	}
	*out = (const char **)l->v;
	return l->n;
}

static bool task_matches(const struct tk_task *tk, const char *agency_key, const char *leader_key)
{
	const char **names;
	size_t i, n;
	bool hit = !agency_key;

	n = lead_names(tk->t, &names);
	for (i = 0; !hit && i < n; i++)
		hit = fold_contains(names[i], agency_key);
	if (hit && leader_key)
		hit = fold_contains(tk->t->leader, leader_key);
	return hit;
}

/* ---- status -------------------------------------------------------------- */

static const enum status_bucket bucket_order[] = {
	STATUS_DONE_ON_TIME,	   STATUS_DONE_LATE,	      STATUS_ON_TRACK,
	STATUS_DUE_SOON,	   STATUS_NOT_YET_DUE,	      STATUS_OVERDUE,
	STATUS_AWAITING_CONFIRMATION, STATUS_PAUSED,	      STATUS_ONGOING_REPORTED,
	STATUS_ONGOING_UNREPORTED, STATUS_NO_DEADLINE,
};

static json_t *agg_json(const struct status_agg *a)
{
	static const enum status_rate rates[] = { RATE_DONE_ON_TIME, RATE_DONE, RATE_OVERDUE,
						  RATE_ONGOING_REPORTED };
	static const char *const rate_keys[] = { "done_on_time", "done", "overdue",
						 "ongoing_reported" };
	json_t *o = json_object(), *b = json_object(), *r = json_object();
	size_t i;
	double v;

	json_object_set_new(o, "total", json_integer((json_int_t)a->total));
	json_object_set_new(o, "due", json_integer((json_int_t)a->due));
	json_object_set_new(o, "ongoing", json_integer((json_int_t)a->ongoing));
	json_object_set_new(o, "refused", json_integer((json_int_t)a->refused));
	json_object_set_new(o, "change_requested", json_integer((json_int_t)a->change_requested));
	for (i = 0; i < ARRAY_SIZE(bucket_order); i++)
		json_object_set_new(b, status_bucket_key(bucket_order[i]),
				    json_integer((json_int_t)a->n[bucket_order[i]]));
	json_object_set_new(o, "buckets", b);
	for (i = 0; i < ARRAY_SIZE(rates); i++)
		json_object_set_new(r, rate_keys[i],
				    status_agg_rate(a, rates[i], &v) ? json_real(v) : json_null());
	json_object_set_new(o, "rates", r);
	return o;
}

static json_t *rollup_json(const struct status_rollup *ru)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < status_rollup_count(ru); i++) {
		json_t *o = agg_json(status_rollup_agg(ru, i));

		json_object_set_new(o, "key", json_string(status_rollup_key(ru, i)));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *jdate(int day)
{
	char buf[CAL_ISO_LEN];

	return day == CAL_NONE ? json_null() : json_string(calendar_format_iso(day, buf));
}

static json_t *period_json(const struct period *p)
{
	json_t *o = json_object();
	char name[PERIOD_NAME_LEN];
	struct sb label = SB_INIT;

	period_label_vi(p, &label);
	json_object_set_new(o, "name", json_string(period_format(p, name)));
	json_object_set_new(o, "label", json_string(label.buf));
	json_object_set_new(o, "start", jdate(p->start));
	json_object_set_new(o, "end", jdate(p->end));
	sb_release(&label);
	return o;
}

static json_t *task_json(const struct tk_task *tk)
{
	json_t *o = json_object(), *lead = json_array();
	const char **names;
	size_t i, n = lead_names(tk->t, &names);

	json_object_set_new(o, "id", json_integer(tk->t->id));
	json_object_set_new(o, "plan", json_integer(tk->plan->id));
	json_object_set_new(o, "ref", tk->t->ref ? json_string(tk->t->ref) : json_null());
	for (i = 0; i < n; i++)
		json_array_append_new(lead, json_string(names[i]));
	json_object_set_new(o, "lead", lead);
	json_object_set_new(o, "leader", tk->t->leader ? json_string(tk->t->leader) : json_null());
	json_object_set_new(o, "due", jdate(tk->end));
	json_object_set_new(o, "recurring", json_boolean(tk->t->due && tk->t->due->recurring));
	json_object_set_new(o, "bucket", json_string(status_bucket_key(tk->res.bucket)));
	json_object_set_new(o, "state", json_string(task_state_key(tk->res.state)));
	json_object_set_new(o, "counts_as_due", json_boolean(tk->res.due));
	json_object_set_new(o, "reported", json_boolean(tk->res.reported));
	json_object_set_new(o, "refused", json_boolean(tk->res.refused));
	json_object_set_new(o, "change_requested", json_boolean(tk->res.change_requested));
	json_object_set_new(o, "done_on", jdate(tk->res.done_on));
	json_object_set_new(o, "late_days", json_integer(tk->res.late_days));
	json_object_set_new(o, "days_left", json_integer(tk->res.days_left));
	return o;
}

struct rollups {
	struct status_agg total;
	struct status_rollup *plan, *section, *agency, *leader;
};

static void print_agg_line(const char *label, const struct status_agg *a, size_t width)
{
	struct sb cut = SB_INIT, line = SB_INIT;
	size_t len;

	utf8_truncate(&cut, label && *label ? label : "(chưa giao)", width);
	sb_addf(&line, "  %s", cut.buf);
	for (len = utf8_length(cut.buf, cut.len); len < width; len++)
		sb_addc(&line, ' ');
	sb_addf(&line, " %5zu %6zu %5zu %5zu %5zu %5zu %5zu %5zu %5zu %5zu %5zu  ", a->total, a->due,
		a->n[STATUS_DONE_ON_TIME], a->n[STATUS_DONE_LATE],
		a->n[STATUS_ON_TRACK] + a->n[STATUS_DUE_SOON] + a->n[STATUS_NOT_YET_DUE],
		a->n[STATUS_OVERDUE], a->n[STATUS_AWAITING_CONFIRMATION], a->n[STATUS_PAUSED],
		a->n[STATUS_ONGOING_REPORTED], a->n[STATUS_ONGOING_UNREPORTED],
		a->n[STATUS_NO_DEADLINE]);
	add_rate(&line, a, RATE_DONE_ON_TIME);
	printf("%s\n", line.buf);
	sb_release(&cut);
	sb_release(&line);
}

/* Appends s right-aligned in width display columns (UTF-8 aware). */
static void add_right(struct sb *out, const char *s, size_t width)
{
	size_t len = utf8_length(s, strlen(s));

	for (; len < width; len++)
		sb_addc(out, ' ');
	sb_adds(out, s);
}

static void print_rollup(const char *title, const struct status_rollup *ru)
{
	static const char *const cols[] = { "tổng", "đến hạn", "HTĐH", "HTQH", "TH", "QH",
					    "CXN",  "TD",      "TX+",  "TX-",  "KTH" };
	struct sb head = SB_INIT;
	size_t i;

	sb_addf(&head, "\n%s:\n  %-40s", title, "");
	for (i = 0; i < ARRAY_SIZE(cols); i++) {
		sb_addc(&head, ' ');
		add_right(&head, cols[i], i == 1 ? 6 : 5);
	}
	sb_adds(&head, "  tỷ lệ HTĐH");
	printf("%s\n", head.buf);
	for (i = 0; i < status_rollup_count(ru); i++)
		print_agg_line(status_rollup_key(ru, i), status_rollup_agg(ru, i), 40);
	sb_release(&head);
}

static void print_status_text(const struct world *w, const struct rollups *ru, const struct period *p,
			      const char *scope)
{
	const struct status_agg *a = &ru->total;
	struct sb line = SB_INIT;
	size_t i;

	sb_adds(&line, "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ\nTính đến ngày ");
	calendar_add_vi(&line, w->today);
	sb_adds(&line, "; kỳ báo cáo: ");
	period_label_vi(p, &line);
	sb_adds(&line, " (");
	calendar_add_vi(&line, p->start);
	sb_adds(&line, " - ");
	calendar_add_vi(&line, p->end);
	sb_addf(&line, ")\nPhạm vi: %s\n\n", scope);
	sb_addf(&line, "Tổng số nhiệm vụ: %zu, trong đó đã đến hạn: %zu.\n", a->total, a->due);
	printf("%s", line.buf);
	for (i = 0; i < ARRAY_SIZE(bucket_order); i++) {
		enum status_bucket b = bucket_order[i];
		struct sb lab = SB_INIT;
		size_t len;

		sb_addf(&lab, "  - %s", status_bucket_vi(b));
		for (len = utf8_length(lab.buf, lab.len); len < 44; len++)
			sb_addc(&lab, ' ');
		printf("%s %5zu\n", lab.buf, a->n[b]);
		sb_release(&lab);
	}
	sb_reset(&line);
	sb_adds(&line, "Tỷ lệ trên số nhiệm vụ đã đến hạn: hoàn thành đúng hạn ");
	add_rate(&line, a, RATE_DONE_ON_TIME);
	sb_adds(&line, "; hoàn thành ");
	add_rate(&line, a, RATE_DONE);
	sb_adds(&line, "; quá hạn ");
	add_rate(&line, a, RATE_OVERDUE);
	sb_addf(&line, ".\nNhiệm vụ thường xuyên đã báo cáo kỳ này: %zu/%zu (",
		a->n[STATUS_ONGOING_REPORTED], a->ongoing);
	add_rate(&line, a, RATE_ONGOING_REPORTED);
	sb_addf(&line, "). Bị từ chối xác nhận: %zu; đề nghị điều chỉnh: %zu.\n", a->refused,
		a->change_requested);
	printf("%s", line.buf);
	printf("\n(HTĐH hoàn thành đúng hạn, HTQH hoàn thành quá hạn, TH đang thực hiện trong hạn"
	       " (kể cả sắp đến hạn, chưa đến hạn), QH quá hạn, CXN chờ xác nhận, TD tạm dừng,"
	       " TX+/TX- thường xuyên đã/chưa báo cáo kỳ này, KTH không thời hạn)\n");
	print_rollup("Theo kế hoạch", ru->plan);
	print_rollup("Theo cơ quan chủ trì", ru->agency);
	print_rollup("Theo lãnh đạo phụ trách", ru->leader);
	sb_release(&line);
}

/* The period "kỳ này": --period, else the reporting month containing today. */
static int pick_period(const char *name, int today, struct period *p)
{
	if (name) {
		if (period_parse(name, p) < 0) {
			cmd_fail("--period '%s' is not a period (2026, 2026-H1, 2026-Q3, 2026-07)", name);
			return -1;
		}
		return 0;
	}
	return period_containing(PERIOD_MONTH, today, p) < 0 ? -1 : 0;
}

static char *plan_key(const struct plan *p)
{
	struct sb s = SB_INIT;

	sb_addf(&s, "%lld", p->id);
	if (p->doc.number)
		sb_addf(&s, " %s", p->doc.number);
	else if (p->doc.title) {
		struct sb cut = SB_INIT;

		utf8_truncate(&cut, p->doc.title, 36);
		sb_addf(&s, " %s", cut.buf);
		sb_release(&cut);
	}
	return sb_detach(&s);
}

int cmd_status(struct cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *agency = NULL, *leader = NULL, *period = NULL;
	bool json = false, list = false;
	const struct opt opts[] = { { "plan", &plan, NULL },	 { "agency", &agency, NULL },
				    { "leader", &leader, NULL }, { "period", &period, NULL },
				    { "json", NULL, &json },	 { "tasks", NULL, &list },
				    { 0 } };
	struct world w = { 0 };
	struct rollups ru = { 0 };
	struct period p;
	struct sb scope = SB_INIT;
	char *akey = NULL, *lkey = NULL;
	long long plan_id = 0;
	json_t *tasks = NULL;
	bool drafts = false;
	size_t i, j;
	int rc = 1;

	if (cmd_parse_opts("status", argc, argv, opts) != 0)
		return cmd_usage("status");
	if (plan && !(plan_id = cmd_parse_id(plan)))
		return cmd_fail("--plan: '%s' is not a plan id; see 'dondoc plans'", plan);
	if (get_today(&w.today) < 0 || pick_period(period, w.today, &p) < 0)
		return 2;
	w.period = &p;
	if (agency)
		akey = vi_fold_dup(canonical_agency(cli, agency), VI_FOLD_PUNCT);
	if (leader)
		lkey = vi_fold_dup(leader, VI_FOLD_PUNCT);
	if (world_load(cli, &w, plan_id, &drafts) != 0)
		goto out;
	if (plan_id && !w.nplans) {
		struct plan_state ps;
		struct sb err = SB_INIT;

		if (store_plan_state(cli->store, plan_id, &ps, &err) < 0)
			cmd_fail("%s", err.buf);
		else
			cmd_fail("plan %lld is a %s: only published plans are tracked ('dondoc"
				 " publish %lld')", plan_id, ps.status, plan_id);
		sb_release(&err);
		goto out;
	}
	ru.plan = status_rollup_new();
	ru.section = status_rollup_new();
	ru.agency = status_rollup_new();
	ru.leader = status_rollup_new();
	tasks = json_array();
	for (i = 0; i < w.ntasks; i++) {
		const struct tk_task *tk = &w.tasks[i];
		const char **names;
		size_t n;
		char *pk;

		if (!task_matches(tk, akey, lkey))
			continue;
		status_agg_add(&ru.total, &tk->res);
		pk = plan_key(tk->plan);
		status_rollup_add(ru.plan, pk, &tk->res);
		free(pk);
		status_rollup_add(ru.section, tk->t->section, &tk->res);
		status_rollup_add(ru.leader, tk->t->leader, &tk->res);
		n = lead_names(tk->t, &names);
		for (j = 0; j < n; j++)
			status_rollup_add(ru.agency, names[j], &tk->res);
		json_array_append_new(tasks, task_json(tk));
	}
	sb_addf(&scope, "%zu kế hoạch đã ban hành", w.nplans);
	if (plan_id)
		sb_addf(&scope, " (kế hoạch %lld)", plan_id);
	if (agency)
		sb_addf(&scope, "; cơ quan chủ trì: %s", canonical_agency(cli, agency));
	if (leader)
		sb_addf(&scope, "; lãnh đạo phụ trách: %s", leader);
	if (json) {
		json_t *o = json_object(), *f = json_object();
		char *s;

		json_object_set_new(o, "format", json_string("status/1"));
		json_object_set_new(o, "today", jdate(w.today));
		json_object_set_new(o, "period", period_json(&p));
		json_object_set_new(f, "plan", plan_id ? json_integer(plan_id) : json_null());
		json_object_set_new(f, "agency", agency ? json_string(canonical_agency(cli, agency))
							: json_null());
		json_object_set_new(f, "leader", leader ? json_string(leader) : json_null());
		json_object_set_new(o, "filter", f);
		json_object_set_new(o, "plans", json_integer((json_int_t)w.nplans));
		json_object_set_new(o, "total", agg_json(&ru.total));
		json_object_set_new(o, "by_plan", rollup_json(ru.plan));
		json_object_set_new(o, "by_section", rollup_json(ru.section));
		json_object_set_new(o, "by_agency", rollup_json(ru.agency));
		json_object_set_new(o, "by_leader", rollup_json(ru.leader));
		json_object_set_new(o, "tasks", tasks);
		tasks = NULL;
		s = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		printf("%s\n", s);
		free(s);
		json_decref(o);
	} else {
		if (!w.nplans)
			printf("(no published plan%s: 'dondoc publish PLAN')\n",
			       drafts ? "; the plans stored are drafts" : "");
		print_status_text(&w, &ru, &p, scope.buf);
		if (list) {
			printf("\nNhiệm vụ:\n");
			for (i = 0; i < w.ntasks; i++) {
				const struct tk_task *tk = &w.tasks[i];

				if (!task_matches(tk, akey, lkey))
					continue;
				printf("  %5lld  %-9s  %-26s %s\n", tk->t->id,
				       tk->t->ref ? tk->t->ref : "-", status_bucket_key(tk->res.bucket),
				       task_state_vi(tk->res.state));
			}
		}
	}
	rc = 0;
out:
	json_decref(tasks);
	if (ru.plan) {
		status_rollup_free(ru.plan);
		status_rollup_free(ru.section);
		status_rollup_free(ru.agency);
		status_rollup_free(ru.leader);
	}
	world_release(&w);
	sb_release(&scope);
	free(akey);
	free(lkey);
	return rc;
}

/* ---- completeness ------------------------------------------------------- */

/* True when the task is confirmed done before the period opens: its lead owes
 * nothing for that period. */
static bool done_before(const struct tk_task *tk, int day)
{
	size_t i;

	for (i = 0; i < tk->nofficial; i++) {
		const struct status_report *r = &tk->official[i];
		int done = r->confirmed_done_on != CAL_NONE ? r->confirmed_done_on
			   : r->done_on != CAL_NONE	     ? r->done_on
							     : r->filed;

		if (r->state == TASK_DONE && r->confirm == CONFIRM_ACCEPTED && done < day &&
		    i + 1 == tk->nofficial)
			return true;
	}
	return false;
}

static bool task_in_period(const struct tk_task *tk, const struct period *p)
{
	if (tk->start != CAL_NONE && tk->start > p->end)
		return false;
	if (tk->end != CAL_NONE && tk->end < p->start)
		return false;
	return !done_before(tk, p->start);
}

/* A report covers p when it names p, or names no period and was filed
 * between p's start and its due date. */
static bool report_covers(const struct tk_report *x, const struct period *p, int due)
{
	if (x->has_period)
		return period_equal(&x->period, p);
	return x->filed != CAL_NONE && x->filed >= p->start && x->filed <= due;
}

int cmd_completeness(struct cli *cli, int argc, char **argv)
{
	const char *period = NULL, *plan = NULL;
	bool json = false;
	const struct opt opts[] = { { "period", &period, NULL },
				    { "plan", &plan, NULL },
				    { "json", NULL, &json },
				    { 0 } };
	struct world w = { 0 };
	struct completeness *c = NULL;
	struct completeness_counts tot;
	struct completeness_gap *gaps = NULL;
	struct period p;
	long long plan_id = 0;
	size_t i, j, k, ngaps = 0, nexpecting = 0;
	int rc = 1;
	double v;

	if (cmd_parse_opts("completeness", argc, argv, opts) != 0 || !period)
		return cmd_usage("completeness");
	if (plan && !(plan_id = cmd_parse_id(plan)))
		return cmd_fail("--plan: '%s' is not a plan id; see 'dondoc plans'", plan);
	if (get_today(&w.today) < 0 || pick_period(period, w.today, &p) < 0)
		return 2;
	w.period = &p;
	if (world_load(cli, &w, plan_id, NULL) != 0)
		goto out;
	c = completeness_new();
	/* Expectations: each lead body of each task open during p, in each plan
	 * that reports on p's kind, owes one report by the plan's due date. */
	for (i = 0; i < w.nplans; i++) {
		const struct plan *pl = &w.plans[i];
		int due;

		if (!(period_kinds_of_plan(pl) & PERIOD_BIT(p.kind)))
			continue;
		nexpecting++;
		due = period_due_in_plan(pl, &p, PERIOD_DUE_WORKING_DAYS);
		for (j = 0; j < w.ntasks; j++) {
			const struct tk_task *tk = &w.tasks[j];
			const char **names;
			size_t n;

			if (tk->plan != pl || !task_in_period(tk, &p))
				continue;
			n = lead_names(tk->t, &names);
			for (k = 0; k < n; k++)
				if (*names[k])
					completeness_expect(c, names[k], &p, due);
		}
		for (j = 0; j < w.ntasks; j++) {
			const struct tk_task *tk = &w.tasks[j];

			if (tk->plan != pl)
				continue;
			for (k = 0; k < tk->nreports; k++) {
				const struct tk_report *x = &w.reports[tk->first_report + k];

				if (x->lead && report_covers(x, &p, due))
					completeness_receive(c, x->agency, &p, x->filed);
			}
		}
	}
	completeness_totals(c, &tot);
	ngaps = completeness_missing(c, w.today, &gaps);
	if (json) {
		json_t *o = json_object(), *t = json_object(), *ag = json_array(), *mi = json_array();
		char *s;

		json_object_set_new(o, "format", json_string("completeness/1"));
		json_object_set_new(o, "today", jdate(w.today));
		json_object_set_new(o, "period", period_json(&p));
		json_object_set_new(t, "expected", json_integer((json_int_t)tot.expected));
		json_object_set_new(t, "received", json_integer((json_int_t)tot.received));
		json_object_set_new(t, "on_time", json_integer((json_int_t)tot.on_time));
		json_object_set_new(t, "unexpected", json_integer((json_int_t)tot.unexpected));
		json_object_set_new(t, "completeness",
				    completeness_rate(&tot, &v) ? json_real(v) : json_null());
		json_object_set_new(t, "timeliness",
				    completeness_timeliness(&tot, &v) ? json_real(v) : json_null());
		json_object_set_new(o, "total", t);
		for (i = 0; i < completeness_agency_count(c); i++) {
			struct completeness_counts k1;
			json_t *a = json_object();

			completeness_agency_counts(c, i, &k1);
			json_object_set_new(a, "agency", json_string(completeness_agency(c, i)));
			json_object_set_new(a, "expected", json_integer((json_int_t)k1.expected));
			json_object_set_new(a, "received", json_integer((json_int_t)k1.received));
			json_object_set_new(a, "on_time", json_integer((json_int_t)k1.on_time));
			json_object_set_new(a, "completeness",
					    completeness_rate(&k1, &v) ? json_real(v) : json_null());
			json_object_set_new(a, "timeliness",
					    completeness_timeliness(&k1, &v) ? json_real(v) : json_null());
			json_array_append_new(ag, a);
		}
		json_object_set_new(o, "agencies", ag);
		for (i = 0; i < ngaps; i++) {
			json_t *g = json_object();

			json_object_set_new(g, "agency", json_string(gaps[i].agency));
			json_object_set_new(g, "due", jdate(gaps[i].due));
			json_object_set_new(g, "overdue", json_boolean(gaps[i].overdue));
			json_array_append_new(mi, g);
		}
		json_object_set_new(o, "missing", mi);
		s = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		printf("%s\n", s);
		free(s);
		json_decref(o);
	} else {
		struct sb line = SB_INIT;

		sb_adds(&line, "TÌNH HÌNH GỬI BÁO CÁO ");
		period_label_vi(&p, &line);
		sb_adds(&line, " (");
		calendar_add_vi(&line, p.start);
		sb_adds(&line, " - ");
		calendar_add_vi(&line, p.end);
		sb_adds(&line, "), tính đến ngày ");
		calendar_add_vi(&line, w.today);
		sb_addf(&line, "\n%zu/%zu kế hoạch đã ban hành có kỳ báo cáo này.\n", nexpecting,
			w.nplans);
		sb_addf(&line, "Phải gửi: %zu; đã gửi: %zu; đúng hạn: %zu. Tỷ lệ đầy đủ: ",
			tot.expected, tot.received, tot.on_time);
		add_crate(&line, &tot, false);
		sb_adds(&line, "; tỷ lệ kịp thời: ");
		add_crate(&line, &tot, true);
		sb_adds(&line, ".\n");
		if (tot.unexpected)
			sb_addf(&line, "Báo cáo ngoài danh sách phải gửi: %zu.\n", tot.unexpected);
		printf("%s\n  %-48s %8s %6s %8s  %s\n", line.buf, "cơ quan", "phải gửi", "đã gửi",
		       "đúng hạn", "đầy đủ / kịp thời");
		for (i = 0; i < completeness_agency_count(c); i++) {
			struct completeness_counts k1;
			struct sb row = SB_INIT, cut = SB_INIT;
			size_t len;

			completeness_agency_counts(c, i, &k1);
			if (!k1.expected)
				continue;
			utf8_truncate(&cut, completeness_agency(c, i), 48);
			sb_addf(&row, "  %s", cut.buf);
			for (len = utf8_length(cut.buf, cut.len); len < 48; len++)
				sb_addc(&row, ' ');
			sb_addf(&row, " %8zu %6zu %8zu  ", k1.expected, k1.received, k1.on_time);
			add_crate(&row, &k1, false);
			sb_adds(&row, " / ");
			add_crate(&row, &k1, true);
			printf("%s\n", row.buf);
			sb_release(&row);
			sb_release(&cut);
		}
		printf("\nChưa gửi báo cáo (%zu):\n", ngaps);
		for (i = 0; i < ngaps; i++) {
			sb_reset(&line);
			sb_addf(&line, "  - %s: hạn ", gaps[i].agency);
			calendar_add_vi(&line, gaps[i].due);
			sb_adds(&line, gaps[i].overdue ? ", đã quá hạn" : ", chưa đến hạn");
			printf("%s\n", line.buf);
		}
		sb_release(&line);
	}
	rc = 0;
out:
	free(gaps);
	completeness_free(c);
	world_release(&w);
	return rc;
}

/* ---- indicators ---------------------------------------------------------- */

struct ind_rows {
	struct indicator_value_row *v;
	size_t n, cap;
};

static int collect_ind(const struct indicator_value_row *r, void *arg)
{
	struct ind_rows *rows = arg;
	struct indicator_value_row *x = VEC_PUSH(rows);

	*x = *r;
	x->agency = xstrdup(r->agency);
	x->period = xstrdup(r->period);
	x->filed_on = xstrdup(r->filed_on);
	x->note = r->note ? xstrdup(r->note) : NULL;
	return 0;
}

int cmd_indicators(struct cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *period = NULL;
	bool json = false;
	const struct opt opts[] = { { "plan", &plan, NULL },
				    { "period", &period, NULL },
				    { "json", NULL, &json },
				    { 0 } };
	struct ind_rows rows = { 0 };
	struct world w = { 0 };
	struct sb err = SB_INIT;
	struct period p;
	char pname[PERIOD_NAME_LEN] = "";
	long long plan_id = 0;
	json_t *arr = json_array();
	size_t i, j, k;
	int rc = 1;

	if (cmd_parse_opts("indicators", argc, argv, opts) != 0)
		return cmd_usage("indicators");
	if (plan && !(plan_id = cmd_parse_id(plan)))
		return cmd_fail("--plan: '%s' is not a plan id; see 'dondoc plans'", plan);
	if (get_today(&w.today) < 0)
		return 2;
	if (period) {
		if (period_parse(period, &p) < 0) {
			cmd_fail("--period '%s' is not a period (2026, 2026-H1, 2026-Q3, 2026-07)", period);
			return 2;
		}
		period_format(&p, pname);
	}
	if (world_load(cli, &w, plan_id, NULL) != 0)
		goto out;
	if (!json)
		printf("  id  plan  %-44s %14s %14s  %-9s %s\n", "chỉ tiêu", "mục tiêu", "thực hiện",
		       "kỳ", "đánh giá");
	for (i = 0; i < w.nplans; i++) {
		const struct plan *pl = &w.plans[i];

		for (k = 0; k < rows.n; k++) {
			free((char *)rows.v[k].agency);
			free((char *)rows.v[k].period);
			free((char *)rows.v[k].filed_on);
			free((char *)rows.v[k].note);
		}
		rows.n = 0;
		if (store_indicator_report_list(cli->store, pl->id, collect_ind, &rows, &err) < 0) {
			cmd_fail("%s", err.buf);
			goto out;
		}
		for (j = 0; j < pl->indicators.n; j++) {
			const struct indicator *ind = &pl->indicators.v[j];
			const struct indicator_value_row *last = NULL;
			enum indicator_verdict verdict = INDICATOR_UNKNOWN;

			/* The latest value in force for the period (or any period). */
			for (k = 0; k < rows.n; k++)
				if (rows.v[k].indicator_id == ind->id && !rows.v[k].replaced &&
				    (!*pname || strcmp(rows.v[k].period, pname) == 0))
					last = &rows.v[k];
			if (last)
				verdict = indicator_judge(ind->target, last->value, NULL);
			if (json) {
				json_t *o = json_object();

				json_object_set_new(o, "id", json_integer(ind->id));
				json_object_set_new(o, "plan", json_integer(pl->id));
				json_object_set_new(o, "ref", ind->ref ? json_string(ind->ref) : json_null());
				json_object_set_new(o, "name", ind->name ? json_string(ind->name) : json_null());
				json_object_set_new(o, "target_op", ind->target ? json_string(target_op_str(ind->target->op)) : json_null());
				json_object_set_new(o, "target", ind->target && ind->target->has_value ? json_real(ind->target->value) : json_null());
				json_object_set_new(o, "actual", last ? json_real(last->value) : json_null());
				json_object_set_new(o, "period", last ? json_string(last->period) : json_null());
				json_object_set_new(o, "agency", last ? json_string(last->agency) : json_null());
				json_object_set_new(o, "verdict", json_string(indicator_verdict_key(verdict)));
				json_array_append_new(arr, o);
			} else {
				struct sb name = SB_INIT, tv = SB_INIT, av = SB_INIT;
				size_t len;

				utf8_truncate(&name, ind->name ? ind->name : "", 44);
				for (len = utf8_length(name.buf, name.len); len < 44; len++)
					sb_addc(&name, ' ');
				if (ind->target && ind->target->has_value)
					sb_addf(&tv, "%s %g", target_op_str(ind->target->op), ind->target->value);
				else
					sb_adds(&tv, "-");
				if (last)
					sb_addf(&av, "%g", last->value);
				else
					sb_adds(&av, "-");
				printf("%5lld %4lld  %s %14s %14s  %-9s %s\n", ind->id, pl->id, name.buf, tv.buf,
				       av.buf, last ? last->period : "-",
				       last ? indicator_verdict_vi(verdict) : "chưa báo cáo");
				sb_release(&name);
				sb_release(&tv);
				sb_release(&av);
			}
		}
	}
	if (json) {
		json_t *o = json_object();
		char *s;

		json_object_set_new(o, "format", json_string("indicators/1"));
		json_object_set_new(o, "period", *pname ? json_string(pname) : json_null());
		json_object_set_new(o, "indicators", arr);
		arr = NULL;
		s = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		printf("%s\n", s);
		free(s);
		json_decref(o);
	}
	rc = 0;
out:
	json_decref(arr);
	for (k = 0; k < rows.n; k++) {
		free((char *)rows.v[k].agency);
		free((char *)rows.v[k].period);
		free((char *)rows.v[k].filed_on);
		free((char *)rows.v[k].note);
	}
	free(rows.v);
	world_release(&w);
	sb_release(&err);
	return rc;
}

/* ---- contacts ------------------------------------------------------------ */

static int print_contact(const char *name, const char *email, void *arg)
{
	printf("  %-50s %s\n", name, email);
	(*(size_t *)arg)++;
	return 0;
}

int cmd_contacts(struct cli *cli, int argc, char **argv)
{
	struct sb err = SB_INIT;
	size_t n = 0;
	int rc = 0;

	argc = cmd_parse_opts("contacts", argc, argv, NULL);
	if (argc == 0) {
		if (store_contact_list(cli->store, print_contact, &n, &err) < 0)
			rc = cmd_fail("%s", err.buf);
		else if (!n)
			printf("(no contacts: 'dondoc contacts set AGENCY EMAIL')\n");
	} else if (argc == 3 && strcmp(argv[0], "set") == 0) {
		const char *name = canonical_agency(cli, argv[1]);

		if (!mail_addr_ok(argv[2])) {
			sb_release(&err);
			cmd_fail("'%s' is not an e-mail address", argv[2]);
			return 2;
		}
		if (store_contact_set(cli->store, name, argv[2], actor(), &err) < 0)
			rc = cmd_fail("%s", err.buf);
		else
			printf("%s: %s\n", name, argv[2]);
	} else {
		rc = cmd_usage("contacts");
	}
	sb_release(&err);
	return rc;
}

/* ---- remind -------------------------------------------------------------- */

struct remind_ctx {
	struct cli *cli;
	const char *smtp_url, *from;
	char *outbox;
	char today_iso[CAL_ISO_LEN];
	bool dry_run;
	size_t sent, written, skipped, failed;
};

/* Delivers one message: SMTP when configured and the recipient's address is
 * known, else a file in the outbox; then records it. */
static int deliver(struct remind_ctx *x, const struct remind_msg *m)
{
	struct sb err = SB_INIT, path = SB_INIT, name = SB_INIT;
	struct mail_msg mm = { 0 };
	struct reminder_rec rec = { 0 };
	char *email = NULL;
	bool seen = false;
	const char *via;
	int rc = 0;

	if (store_reminder_seen(x->cli->store, remind_kind_key(m->kind), m->recipient, x->today_iso,
				m->state, &seen, &err) < 0 ||
	    store_contact_find(x->cli->store, m->recipient, &email, &err) < 0) {
		rc = cmd_fail("%s", err.buf);
		goto out;
	}
	if (seen) {
		printf("already sent today  %-8s %s (%zu tasks)\n", remind_kind_key(m->kind),
		       m->recipient, m->nitems);
		x->skipped++;
		goto out;
	}
	mm.from = x->from ? x->from : "dondoc@localhost";
	mm.to_name = m->recipient;
	mm.to_addr = email;
	mm.subject = m->subject;
	mm.body = m->body;
	mm.id_hint = m->state;
	if (x->dry_run) {
		printf("would send  %-8s %s <%s> (%zu tasks)\n%s\n", remind_kind_key(m->kind),
		       m->recipient, email ? email : "no address", m->nitems, m->body);
		goto out;
	}
	if (x->smtp_url && email) {
		if (mail_send_smtp(x->smtp_url, &mm, &err) < 0) {
			rc = cmd_fail("%s", err.buf);
			x->failed++;
			goto out;
		}
		via = "smtp";
		printf("sent  %-8s %s <%s> (%zu tasks)\n", remind_kind_key(m->kind), m->recipient,
		       email, m->nitems);
		x->sent++;
	} else {
		sb_addf(&name, "%s-%s-%.16s", x->today_iso, remind_kind_key(m->kind), m->state);
		if (mail_write_file(x->outbox, name.buf, &mm, &path, &err) < 0) {
			rc = cmd_fail("%s", err.buf);
			x->failed++;
			goto out;
		}
		via = "file";
		printf("wrote %-8s %s (%zu tasks): %s%s\n", remind_kind_key(m->kind), m->recipient,
		       m->nitems, path.buf,
		       x->smtp_url && !email ? " [no address: 'dondoc contacts set NAME EMAIL']" : "");
		x->written++;
	}
	rec.kind = remind_kind_key(m->kind);
	rec.recipient = m->recipient;
	rec.email = email;
	rec.day = x->today_iso;
	rec.state = m->state;
	rec.subject = m->subject;
	rec.via = via;
	rec.items = m->nitems;
	if (store_reminder_record(x->cli->store, &rec, actor(), &err) < 0)
		rc = cmd_fail("%s", err.buf);
out:
	free(email);
	sb_release(&err);
	sb_release(&path);
	sb_release(&name);
	return rc;
}

int cmd_remind(struct cli *cli, int argc, char **argv)
{
	const char *period = NULL;
	bool dry_run = false;
	const struct opt opts[] = { { "dry-run", NULL, &dry_run },
				    { "period", &period, NULL },
				    { 0 } };
	struct remind_ctx x = { .cli = cli };
	struct remind_opts ro = { 0 };
	struct remind_msg *msgs = NULL;
	VEC(struct remind_item) items = { 0 };
	struct world w = { 0 };
	struct period p;
	size_t i, j, nmsgs = 0;
	int rc = 1;

	if (cmd_parse_opts("remind", argc, argv, opts) != 0)
		return cmd_usage("remind");
	if (get_today(&w.today) < 0 || pick_period(period, w.today, &p) < 0)
		return 2;
	if (sodium_init() < 0)
		return cmd_fail("libsodium failed to initialise");
	w.period = &p;
	x.dry_run = dry_run;
	x.smtp_url = getenv("DONDOC_SMTP_URL");
	x.from = getenv("DONDOC_MAIL_FROM");
	if (!x.smtp_url || !*x.smtp_url || !x.from || !*x.from)
		x.smtp_url = NULL;
	if (x.from && *x.from && !mail_addr_ok(x.from))
		return cmd_fail("DONDOC_MAIL_FROM='%s' is not an e-mail address", x.from);
	x.outbox = getenv("DONDOC_OUTBOX") && *getenv("DONDOC_OUTBOX")
			   ? xstrdup(getenv("DONDOC_OUTBOX"))
			   : beside_db(cli, "outbox");
	calendar_format_iso(w.today, x.today_iso);
	if (world_load(cli, &w, 0, NULL) != 0)
		goto out;
	for (i = 0; i < w.ntasks; i++) {
		const struct tk_task *tk = &w.tasks[i];
		const char **names;
		size_t n = lead_names(tk->t, &names);

		for (j = 0; j < n; j++) {
			struct remind_item *it = VEC_PUSH(&items);

			it->agency = names[j];
			it->official = tk->t->supervisor ? tk->t->supervisor : tk->t->leader;
			it->task_id = tk->t->id;
			it->ref = tk->t->ref;
			it->text = tk->t->text;
			it->deadline = tk->end;
			it->status = tk->res;
		}
	}
	ro.today = w.today;
	ro.escalate_days = env_long("DONDOC_ESCALATE_DAYS", REMIND_ESCALATE_DEFAULT);
	ro.period = &p;
	nmsgs = remind_build(items.v, items.n, &ro, &msgs);
	rc = 0;
	for (i = 0; i < nmsgs; i++)
		rc |= deliver(&x, &msgs[i]);
	printf("%zu messages: %zu sent by SMTP, %zu written to %s, %zu already sent today%s\n", nmsgs,
	       x.sent, x.written, x.outbox, x.skipped, dry_run ? " (dry run: nothing sent)" : "");
	if (x.failed)
		rc = 1;
out:
	remind_msgs_free(msgs, nmsgs);
	free(items.v);
	free(x.outbox);
	world_release(&w);
	return rc;
}
