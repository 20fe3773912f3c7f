/*
 * ops_review.c - reviewing a draft before it is published (issue 9,
 * "import"): the draft beside the source text of its document, merging and
 * splitting its tasks, and the import jobs the web runs in the background
 * with their per-page progress.
 *
 * Merge and split change what a draft says, so they need OPS_EDIT and touch
 * drafts only (the store refuses a published plan: its tasks may carry
 * reports). An import job needs OPS_IMPORT; its state lives in the database
 * so that every server process sees the same, and its import is
 * ops_import's one transaction: a job that fails or is interrupted leaves
 * no plan behind.
 */
#include "base/compat.h"
#include "ops/ops.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "ingest/doc.h"
#include "model/plan.h"
#include "ops/review_int.h"
#include "store/store.h"

/* ---- source lines ---------------------------------------------------------- */

static void lines_add(struct src_lines *l, int line, char *text)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n].line = line;
	l->v[l->n].text = text;
	l->n++;
}

static _Thread_local const struct source_line *cmp_base;

static int by_line(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int lx = cmp_base[x].line, ly = cmp_base[y].line;

	if (lx != ly)
		return lx < ly ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* The readers number blocks per part: the sheets of a workbook, or a
 * paragraph and a table row, may share a number. Keeps one line per number,
 * in number order, the texts of a shared number joined in reading order. */
static void lines_unique(struct src_lines *l)
{
	struct src_lines out = { 0 };
	size_t *ix, i;

	if (l->n < 2)
		return;
	ix = xmalloc(l->n * sizeof(*ix));
	for (i = 0; i < l->n; i++)
		ix[i] = i;
	/* qsort takes no argument: a thread-local pointer, set and used here
	 * only (web imports run in threads of their own). */
	cmp_base = l->v;
	qsort(ix, l->n, sizeof(*ix), by_line);
	cmp_base = NULL;
	for (i = 0; i < l->n; i++) {
		struct source_line *src = &l->v[ix[i]];

		if (out.n && out.v[out.n - 1].line == src->line) {
			struct sb j = SB_INIT;

			sb_addf(&j, "%s ¦ %s", out.v[out.n - 1].text, src->text);
			free((char *)out.v[out.n - 1].text);
			free((char *)src->text);
			out.v[out.n - 1].text = sb_detach(&j);
		} else {
			lines_add(&out, src->line, (char *)src->text);
		}
	}
	free(ix);
	free(l->v);
	*l = out;
}

void src_lines_collect(const struct doc *d, const char *data, size_t len, struct src_lines *out)
{
	size_t i, j, k;

	memset(out, 0, sizeof(*out));
	/* A UTF-8 text export's own lines (UTF-16 ones, with their NUL bytes,
	 * are taken from the blocks like the other readers'). */
	if (d->reader && strcmp(d->reader, "text") == 0 && !memchr(data, '\0', len)) {
		const char *p = data, *end = data + len;
		int line = 1;

		if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3;

		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

			if (n && p[n - 1] == '\r')
				n--;
			if (n && utf8_check(p, n, NULL))
				lines_add(out, line, xstrndup(p, n));
			line++;
			p = nl ? nl + 1 : end;
		}
		return;
	}
	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *b = &d->blocks.v[i];

		if (b->kind == BLOCK_PARA) {
			if (b->text && *b->text)
				lines_add(out, b->line, xstrdup(b->text));
			continue;
		}
		for (j = 0; b->table && j < b->table->rows.n; j++) {
			const struct doc_row *r = &b->table->rows.v[j];
			struct sb row = SB_INIT;

			for (k = 0; k < r->cells.n; k++)
				sb_addf(&row, "%s%s", k ? " | " : "",
					r->cells.v[k].text ? r->cells.v[k].text : "");
			/* Two rows the reader numbered alike: the first keeps the line. */
			if (row.len && (!out->n || out->v[out->n - 1].line != r->line))
				lines_add(out, r->line, sb_detach(&row));
			sb_release(&row);
		}
	}
	lines_unique(out);
}

void src_lines_release(struct src_lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free((char *)l->v[i].text);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ---- merge and split -------------------------------------------------------- */

static int review_reason(const char *given, const char *dflt, struct sb *out, struct sb *err)
{
	return ops_text("reason", given && *given ? given : dflt, out, err);
}

int ops_task_merge(struct ops_ctx *c, long long task_id, const char *reason,
		   long long *removed_id, struct sb *err)
{
	struct sb why = SB_INIT;
	int rc;

	if ((rc = ops_allowed(c, OPS_EDIT, err)) < 0 ||
	    (rc = review_reason(reason, "gộp với nhiệm vụ kế tiếp (merge)", &why, err)) < 0)
		goto out;
	rc = store_task_merge(c->store, task_id, ops_login(c), why.buf, removed_id, err);
out:
	sb_release(&why);
	return rc;
}

struct text_of {
	char *text;
	bool found;
};

static int take_text(const struct task_row *r, void *arg)
{
	struct text_of *t = arg;

	t->text = xstrdup(r->task->text ? r->task->text : "");
	t->found = true;
	return 1;
}

/* Trims ASCII white space at both ends, in place. */
static void trim(struct sb *s)
{
	size_t a = 0, n = s->len;

	while (a < n && strchr(" \t\r\n", s->buf[a]))
		a++;
	while (n > a && strchr(" \t\r\n", s->buf[n - 1]))
		n--;
	memmove(s->buf, s->buf + a, n - a);
	s->len = n - a;
	s->buf[s->len] = '\0';
}

int ops_task_split(struct ops_ctx *c, struct split_req *req, struct sb *err)
{
	struct task_filter f = { .task_id = req->task_id };
	struct sb first = SB_INIT, second = SB_INIT, why = SB_INIT;
	struct text_of t = { 0 };
	int rc;

	req->new_id = 0;
	if ((rc = ops_allowed(c, OPS_EDIT, err)) < 0 ||
	    (rc = review_reason(req->reason, "tách nhiệm vụ (split)", &why, err)) < 0)
		goto out;
	if ((rc = store_task_list(c->store, &f, take_text, &t, err)) < 0)
		goto out;
	if (!t.found) {
		sb_addf(err, "no task with id %lld", req->task_id);
		rc = -ERR_NOTFOUND;
		goto out;
	}
	if (req->at >= 0) {
		/* A position in characters, as an official counts them. */
		size_t tl = strlen(t.text), off = 0;
		int32_t cp;
		long i;

		for (i = 0; off < tl && i < req->at; i++)
			off += utf8_next(t.text, tl, off, &cp, 0xFFFD);
		if (i < req->at || off == 0 || off >= tl) {
			sb_addf(err, "cannot cut task %lld at %ld: its text has %zu characters;"
				     " give a position inside it",
				req->task_id, req->at, utf8_length(t.text, tl));
			rc = -ERR_INPUT;
			goto out;
		}
		sb_add(&first, t.text, off);
		sb_adds(&second, t.text + off);
	} else {
		size_t tl = strlen(t.text);

		if ((rc = ops_text("text", req->text, &second, err)) < 0)
			goto out;
		trim(&second);
		if (!second.len) {
			sb_adds(err, "a split needs a position (--at N) or the new task's text (--text T)");
			rc = -ERR_USAGE;
			goto out;
		}
		/* The new text cut off the end of the old one, or the old one whole. */
		if (tl > second.len && strcmp(t.text + tl - second.len, second.buf) == 0)
			sb_add(&first, t.text, tl - second.len);
		else
			sb_adds(&first, t.text);
	}
	trim(&first);
	trim(&second);
	if (!first.len || !second.len) {
		sb_addf(err, "splitting task %lld there would leave an empty task", req->task_id);
		rc = -ERR_INPUT;
		goto out;
	}
	rc = store_task_split(c->store, req->task_id, first.buf, second.buf, ops_login(c), why.buf,
			      &req->new_id, err);
out:
	free(t.text);
	sb_release(&first);
	sb_release(&second);
	sb_release(&why);
	return rc;
}

/* ---- import jobs --------------------------------------------------------------- */

int ops_import_job_start(struct ops_ctx *c, const char *file_name, const char *runner,
			 long long *job_id, struct sb *err)
{
	struct sb name = SB_INIT;
	int rc;

	*job_id = 0;
	if ((rc = ops_allowed(c, OPS_IMPORT, err)) < 0 ||
	    (rc = ops_text("file name", file_name, &name, err)) < 0)
		goto out;
	if (!name.len) {
		sb_adds(err, "the upload has no file name");
		rc = -ERR_USAGE;
		goto out;
	}
	rc = store_import_job_add(c->store, c->actor.user_id, ops_login(c), name.buf, runner,
				  job_id, err);
out:
	sb_release(&name);
	return rc;
}

struct job_progress {
	struct ops_ctx *c;
	long long id;
	size_t done, total;
};

/* doc_limits.progress: the pages read so far, written through the store
 * (outside the import's transaction, which has not begun yet). */
static void job_progress(void *arg, const char *path, const char *what, size_t done,
			 size_t total)
{
	struct job_progress *p = arg;
	struct sb e = SB_INIT;

	if (done == p->done && total == p->total)
		return;
	p->done = done;
	p->total = total;
	/* Progress is advice: a failed write leaves the last value shown. */
	store_import_job_set(p->c->store, p->id, "running", (long long)done, (long long)total, 0,
			     NULL, &e);
	sb_release(&e);
}

int ops_import_job_run(struct ops_ctx *c, long long job_id, const char *path,
		       const struct doc_limits *limits, struct sb *err)
{
	struct job_progress prog = { c, job_id, 0, 0 };
	struct import_job job = { 0 };
	struct doc_limits lim = limits ? *limits : doc_default_limits;
	struct import_req req = { 0 };
	struct sb e = SB_INIT;
	long long plan;
	int rc;

	if ((rc = ops_allowed(c, OPS_IMPORT, err)) < 0 ||
	    (rc = store_import_job_get(c->store, job_id, &job, err)) < 0)
		goto out;
	if ((rc = store_import_job_set(c->store, job_id, "running", 0, 0, 0, NULL, err)) < 0)
		goto out;
	lim.progress = job_progress;
	lim.progress_arg = &prog;
	req.path = path;
	req.name = job.file_name;
	req.limits = &lim;
	rc = ops_import(c, &req, err);
	plan = req.plan_id ? req.plan_id : req.existing_id;
	if (rc == 0)
		rc = store_import_job_set(c->store, job_id, "done", (long long)prog.done,
					  (long long)prog.total, plan, NULL, &e);
	else {
		struct sb why = SB_INIT;

		sb_addf(&why, "Không nhập được văn bản (the document could not be imported): %s",
			err->len ? err->buf : "?");
		if (store_import_job_set(c->store, job_id, "failed", (long long)prog.done,
					 (long long)prog.total, 0, why.buf, &e) < 0)
			sb_addf(err, " (and the job could not be marked failed: %s)", e.buf);
		sb_release(&why);
	}
out:
	import_job_release(&job);
	sb_release(&e);
	return rc;
}

/* The agency of the account that started a job, read only when the rule
 * needs it (a standing account with an agency asks about another's job);
 * one user is remembered, as a list is mostly one importer's. */
struct owner_memo {
	long long id;
	char *agency;
	bool known;
};

static int job_visible(struct ops_ctx *c, const struct import_job *j, struct owner_memo *m,
		       bool *visible, struct sb *err)
{
	struct user_rec u = { 0 };
	int rc;

	*visible = false;
	if (j->id <= 0)
		return 0;
	if (ops_import_job_visible(c, j->user_id, j->login, NULL)) {
		*visible = true;
		return 0;
	}
	if (c->actor.role != ROLE_STANDING || !c->actor.agency || !*c->actor.agency ||
	    j->user_id <= 0)
		return 0;
	if (!m->known || m->id != j->user_id) {
		rc = store_user_find(c->store, NULL, j->user_id, &u, err);
		if (rc < 0 && rc != -ERR_NOTFOUND)
			return rc;
		free(m->agency);
		m->agency = u.agency ? xstrdup(u.agency) : NULL;
		m->id = j->user_id;
		m->known = true;
		user_rec_release(&u);
	}
	*visible = ops_import_job_visible(c, j->user_id, j->login, m->agency);
	return 0;
}

int ops_import_job_get(struct ops_ctx *c, long long id, struct import_job *out, struct sb *err)
{
	struct owner_memo m = { 0 };
	bool visible = false;
	int rc = ops_allowed(c, OPS_IMPORT, NULL);

	memset(out, 0, sizeof(*out));
	if (rc == 0)
		rc = store_import_job_get(c->store, id, out, err);
	if (rc == 0)
		rc = job_visible(c, out, &m, &visible, err);
	free(m.agency);
	if (rc == -ERR_DB || rc == -ERR_BUSY) {
		import_job_release(out);
		return rc;
	}
	if (rc < 0 || !visible) {
		import_job_release(out);
		sb_reset(err);
		sb_addf(err, "no import job %lld that you may see", id);
		return -ERR_NOTFOUND;
	}
	return 0;
}

struct visible_jobs {
	struct ops_ctx *c;
	struct owner_memo m;
	int (*fn)(const struct import_job *, void *);
	void *arg;
	size_t left; /* rows still to give */
	int rc; /* a failed owner lookup */
	struct sb *err;
};

static int give_visible(const struct import_job *j, void *arg)
{
	struct visible_jobs *v = arg;
	bool visible;
	int stop;

	if ((v->rc = job_visible(v->c, j, &v->m, &visible, v->err)) < 0)
		return 1;
	if (!visible)
		return 0;
	stop = v->fn(j, v->arg);
	return stop || --v->left == 0;
}

int ops_import_job_list(struct ops_ctx *c, size_t limit,
			int (*fn)(const struct import_job *, void *), void *arg, struct sb *err)
{
	struct visible_jobs v = { c, { 0 }, fn, arg, limit, 0, err };
	int rc = ops_allowed(c, OPS_IMPORT, err);

	if (rc < 0 || !limit)
		return rc;
	/* The administrator sees every job; anyone else the visible ones
	 * among the newest (jobs are few: a thousand look far enough back). */
	if (c->actor.role == ROLE_ADMIN)
		return store_import_job_list(c->store, 0, limit, fn, arg, err);
	rc = store_import_job_list(c->store, 0, limit > 1000 ? limit : 1000, give_visible, &v, err);
	free(v.m.agency);
	return rc < 0 ? rc : v.rc;
}

struct gone_runners {
	bool (*alive)(const char *runner, void *arg);
	void *arg;
	struct strlist gone; /* "" for the jobs of no runner */
};

static int note_gone(const struct import_job *j, void *arg)
{
	struct gone_runners *g = arg;
	const char *r = j->runner ? j->runner : "";
	size_t i;

	if (strcmp(j->state, "queued") != 0 && strcmp(j->state, "running") != 0)
		return 0;
	if (*r && g->alive(r, g->arg))
		return 0;
	for (i = 0; i < g->gone.n; i++)
		if (strcmp(g->gone.v[i], r) == 0)
			return 0;
	strlist_push(&g->gone, r);
	return 0;
}

int ops_import_jobs_recover(struct ops_ctx *c, bool (*alive)(const char *runner, void *arg),
			    void *arg, struct sb *err)
{
	static const char why[] =
		"Máy chủ đã dừng khi đang nhập văn bản; không có gì được ghi. Vui lòng tải lên"
		" lại. (The server stopped during the import; nothing was stored. Please upload"
		" the file again.)";
	struct gone_runners g = { alive, arg, { 0 } };
	size_t i;
	int rc, n = 0;

	/* The unfinished jobs are few: the newest thousand are enough. */
	rc = store_import_job_list(c->store, 0, 1000, note_gone, &g, err);
	for (i = 0; rc >= 0 && i < g.gone.n; i++) {
		rc = store_import_jobs_interrupted(c->store, g.gone.v[i], why, err);
		n += rc > 0 ? rc : 0;
	}
	strlist_release(&g.gone);
	return rc < 0 ? rc : n;
}

/* ---- the review page's view ----------------------------------------------------- */

static int keep_line(const struct source_line *l, void *arg)
{
	struct src_lines *v = arg;

	lines_add(v, l->line, xstrdup(l->text));
	return 0;
}

int ops_plan_review(struct ops_ctx *c, long long plan_id, struct review_view *out,
		    struct sb *err)
{
	struct src_lines lines = { 0 };
	struct plan_state st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = ops_allowed(c, OPS_READ_DRAFTS, err)) < 0)
		return rc;
	if ((rc = store_plan_state(c->store, plan_id, &st, err)) < 0)
		return rc;
	snprintf(out->status, sizeof(out->status), "%s", plan_status_key(st.status));
	out->plan = xcalloc(1, sizeof(*out->plan));
	plan_init(out->plan);
	if ((rc = store_plan_load(c->store, plan_id, out->plan, err)) < 0 ||
	    (rc = store_source_lines(c->store, plan_id, keep_line, &lines, err)) < 0) {
		src_lines_release(&lines);
		review_view_release(out);
		return rc;
	}
	out->lines = lines.v;
	out->nlines = lines.n;
	return 0;
}

void review_view_release(struct review_view *v)
{
	struct src_lines l = { v->lines, v->nlines, v->nlines };

	src_lines_release(&l);
	if (v->plan) {
		plan_release(v->plan);
		free(v->plan);
	}
	memset(v, 0, sizeof(*v));
}
