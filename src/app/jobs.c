/*
 * jobs.c - the import job runner: spool, threads, queue (jobs.h).
 */
#include "base/compat.h"
#include "app/jobs.h"
#include "app/open.h"
#include "base/err.h"
#include "base/sb.h"
#include "base/xalloc.h"
#include "ops/ops.h"
#include "store/store.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* One job: its actor (copied: the request that started it ends first) and
 * its spooled file. */
struct job {
	struct import_jobs *js; /* its runner */
	struct ops_ctx ops; /* store opened by the thread; actor strings below */
	char *login, *agency, *person;
	long long id;
	char *path; /* the spooled upload */
	struct job *next; /* in the queue */
};

struct import_jobs {
	struct import_jobs_config cfg;
	char *spool_dir, *db_path;
	pthread_mutex_t mu;
	pthread_cond_t idle;
	unsigned running, queued;
	struct job *head, *tail; /* waiting, oldest first */
	bool stopping, orphaned; /* orphaned: the last thread to end frees js */
};

/* ---- this process as a runner ------------------------------------------------ */

static char runner_buf[320];
static pthread_once_t runner_once = PTHREAD_ONCE_INIT;

static void runner_init(void)
{
	char host[256] = "";

	if (gethostname(host, sizeof(host) - 1) < 0)
		snprintf(host, sizeof(host), "?");
	snprintf(runner_buf, sizeof(runner_buf), "%s:%ld", host, (long)getpid());
}

const char *import_jobs_runner_id(void)
{
	pthread_once(&runner_once, runner_init);
	return runner_buf;
}

static bool pid_alive(long pid)
{
	return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* Whether the server process that runs a job may still be running: one on
 * another host is assumed alive (its own start recovers its jobs); one on
 * this host is alive while its process id is. */
static bool runner_alive(const char *runner, void *arg)
{
	const char *colon = strrchr(runner, ':'), *me = import_jobs_runner_id();
	size_t hl = colon ? (size_t)(colon - runner) : 0;
	char *end;
	long pid;

	if (!colon || strncmp(runner, me, hl) != 0 || me[hl] != ':')
		return colon != NULL;
	errno = 0;
	pid = strtol(colon + 1, &end, 10);
	if (errno || *end || pid <= 0)
		return false;
	return pid_alive(pid);
}

/* ---- the spool folder ---------------------------------------------------------- */

/* mkdir -p, private to the server's user. */
static int make_dirs(const char *dir, struct sb *err)
{
	struct sb p = SB_INIT;
	size_t i;
	int rc = 0;

	sb_adds(&p, dir);
	for (i = 1; i <= p.len && rc == 0; i++) {
		if (i < p.len && p.buf[i] != '/')
			continue;
		p.buf[i] = '\0';
		if (mkdir(p.buf, 0700) < 0 && errno != EEXIST) {
			sb_addf(err, "%s: cannot create the import spool folder: %s", p.buf,
				strerror(errno));
			rc = -ERR_IO;
		}
		if (i < p.len)
			p.buf[i] = '/';
	}
	sb_release(&p);
	return rc;
}

/* Writes data to a new file "PID-JOB.XXXXXX" in the spool folder; *path
 * receives its name. The process id in the name lets a later start remove
 * what a stopped process left. */
static int spool(struct import_jobs *js, long long id, const void *data, size_t len,
		 char **path, struct sb *err)
{
	struct sb p = SB_INIT;
	const char *at = data;
	size_t left = len;
	int fd, rc = -ERR_IO;

	*path = NULL;
	sb_addf(&p, "%s/%ld-%lld.XXXXXX", js->spool_dir, (long)getpid(), id);
	if ((fd = mkstemp(p.buf)) < 0) {
		sb_addf(err, "cannot store the upload: %s", strerror(errno));
		goto out;
	}
	while (left) {
		ssize_t n = write(fd, at, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			sb_addf(err, "cannot store the upload: %s", n < 0 ? strerror(errno) : "disk full");
			close(fd);
			unlink(p.buf);
			goto out;
		}
		at += n;
		left -= (size_t)n;
	}
	if (close(fd) < 0) {
		sb_addf(err, "cannot store the upload: %s", strerror(errno));
		unlink(p.buf);
		goto out;
	}
	*path = sb_detach(&p);
	rc = 0;
out:
	sb_release(&p);
	return rc;
}

/* Removes the spooled files of processes of this host that are gone. */
static void sweep_spool(struct import_jobs *js)
{
	DIR *d = opendir(js->spool_dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char *end;
		long pid;
		struct sb p = SB_INIT;

		errno = 0;
		pid = strtol(e->d_name, &end, 10);
		if (errno || end == e->d_name || *end != '-' || pid_alive(pid))
			continue;
		sb_addf(&p, "%s/%s", js->spool_dir, e->d_name);
		unlink(p.buf);
		sb_release(&p);
	}
	closedir(d);
}

/* ---- running ----------------------------------------------------------------------- */

static void job_free(struct job *j)
{
	if (!j)
		return;
	if (j->path)
		unlink(j->path);
	free(j->path);
	free(j->login);
	free(j->agency);
	free(j->person);
	free(j);
}

static void runner_free(struct import_jobs *js)
{
	pthread_mutex_destroy(&js->mu);
	pthread_cond_destroy(&js->idle);
	free(js->spool_dir);
	free(js->db_path);
	free(js);
}

static void run_one(struct import_jobs *js, struct job *j)
{
	struct sb err = SB_INIT;

	if (app_store_open(js->db_path, false, &j->ops.store, &err) < 0) {
		fprintf(js->cfg.log, "dondoc serve: import job %lld: %s\n", j->id, err.buf);
	} else {
		ops_import_job_run(&j->ops, j->id, j->path, js->cfg.limits, &err);
		store_close(j->ops.store);
		j->ops.store = NULL;
	}
	sb_release(&err);
}

/* A worker: runs its job, then the waiting ones, until none is left. */
static void *worker(void *arg)
{
	struct job *j = arg;
	struct import_jobs *js = j->js;
	bool last;

	for (;;) {
		run_one(js, j);
		job_free(j);
		pthread_mutex_lock(&js->mu);
		j = js->stopping ? NULL : js->head;
		if (j) {
			js->head = j->next;
			if (!js->head)
				js->tail = NULL;
			js->queued--;
			j->next = NULL;
		}
		if (!j) {
			js->running--;
			pthread_cond_broadcast(&js->idle);
		}
		last = !j && js->orphaned && js->running == 0;
		pthread_mutex_unlock(&js->mu);
		if (!j)
			break;
	}
	if (last)
		runner_free(js);
	return NULL;
}

/* Starts a worker thread on j (its runner's count already has it). */
static int start_worker(struct job *j)
{
	pthread_attr_t attr;
	pthread_t th;
	int rc;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&th, &attr, worker, j);
	pthread_attr_destroy(&attr);
	return rc;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

int import_jobs_new(const struct import_jobs_config *cfg, struct import_jobs **out,
		    struct sb *err)
{
	struct import_jobs *js;
	int rc;

	*out = NULL;
	if ((rc = make_dirs(cfg->spool_dir, err)) < 0)
		return rc;
	js = xcalloc(1, sizeof(*js));
	js->cfg = *cfg;
	js->spool_dir = xstrdup(cfg->spool_dir);
	js->db_path = xstrdup(cfg->db_path);
	js->cfg.spool_dir = js->spool_dir;
	js->cfg.db_path = js->db_path;
	if (!js->cfg.max_running)
		js->cfg.max_running = 1;
	if (!js->cfg.log)
		js->cfg.log = stderr;
	pthread_mutex_init(&js->mu, NULL);
	pthread_cond_init(&js->idle, NULL);
	*out = js;
	return 0;
}

int import_jobs_recover(struct import_jobs *js, struct store *s, struct sb *err)
{
	struct ops_ctx c = { .store = s };

	sweep_spool(js);
	return ops_import_jobs_recover(&c, runner_alive, NULL, err);
}

/* Marks a job that will not run as failed, saying why. */
static void job_failed(const struct ops_ctx *c, long long id, const char *why)
{
	struct sb e = SB_INIT;

	store_import_job_set(c->store, id, "failed", 0, 0, 0, why, &e);
	sb_release(&e);
}

int import_jobs_submit(struct import_jobs *js, const struct ops_ctx *c, const char *name,
		       const void *data, size_t len, long long *job_id, struct sb *err)
{
	struct job *j = NULL;
	bool run_now;
	int rc;

	*job_id = 0;
	/* A place first, so that a refused upload writes nothing. */
	pthread_mutex_lock(&js->mu);
	run_now = js->running < js->cfg.max_running;
	if (js->stopping || (!run_now && js->queued >= js->cfg.max_queued)) {
		pthread_mutex_unlock(&js->mu);
		sb_addf(err, "Máy chủ đang bận nhập %u văn bản; vui lòng thử lại sau. (%u imports are"
			     " running or waiting; try again later.)",
			js->running + js->queued, js->running + js->queued);
		return -ERR_BUSY;
	}
	if (run_now)
		js->running++;
	else
		js->queued++;
	pthread_mutex_unlock(&js->mu);

	if ((rc = ops_import_job_start((struct ops_ctx *)c, name, import_jobs_runner_id(), job_id,
				       err)) < 0)
		goto release;
	j = xcalloc(1, sizeof(*j));
	j->js = js;
	j->id = *job_id;
	if ((rc = spool(js, j->id, data, len, &j->path, err)) < 0) {
		job_failed(c, j->id, err->buf);
		goto release;
	}
	j->ops = *c;
	j->ops.store = NULL;
	j->ops.cache = NULL;
	j->login = dup_or_null(c->actor.login);
	j->agency = dup_or_null(c->actor.agency);
	j->person = dup_or_null(c->actor.person);
	j->ops.actor.login = j->login;
	j->ops.actor.agency = j->agency;
	j->ops.actor.person = j->person;
	pthread_mutex_lock(&js->mu);
	if (!run_now) {
		if (js->tail)
			js->tail->next = j;
		else
			js->head = j;
		js->tail = j;
		pthread_mutex_unlock(&js->mu);
		return 0;
	}
	pthread_mutex_unlock(&js->mu);
	if (start_worker(j) == 0)
		return 0;
	sb_adds(err, "cannot start the import; try again");
	job_failed(c, j->id, err->buf);
	rc = -ERR_IO;
release:
	job_free(j);
	pthread_mutex_lock(&js->mu);
	if (run_now)
		js->running--;
	else
		js->queued--;
	pthread_cond_broadcast(&js->idle);
	pthread_mutex_unlock(&js->mu);
	return rc;
}

void import_jobs_counts(struct import_jobs *js, unsigned *running, unsigned *queued)
{
	pthread_mutex_lock(&js->mu);
	*running = js->running;
	*queued = js->queued;
	pthread_mutex_unlock(&js->mu);
}

void import_jobs_stop(struct import_jobs *js, unsigned grace)
{
	struct timespec until;
	struct job *drop, *next;
	bool free_now;

	if (!js)
		return;
	pthread_mutex_lock(&js->mu);
	js->stopping = true;
	drop = js->head;
	js->head = js->tail = NULL;
	js->queued = 0;
	pthread_mutex_unlock(&js->mu);
	for (; drop; drop = next) {
		next = drop->next;
		job_free(drop);
	}
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += grace;
	pthread_mutex_lock(&js->mu);
	while (js->running > 0)
		if (pthread_cond_timedwait(&js->idle, &js->mu, &until) == ETIMEDOUT)
			break;
	free_now = js->running == 0;
	js->orphaned = !free_now;
	pthread_mutex_unlock(&js->mu);
	if (free_now)
		runner_free(js);
}
