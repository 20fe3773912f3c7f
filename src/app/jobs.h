/*
 * jobs.h - the import job runner of a long-lived face (the web): an upload
 * is spooled into a folder under the evidence (blob) directory and imported
 * by a thread of its own (ops_import_job_run, with its own store
 * connection), so that the request that sent it returns at once while OCR
 * runs. At most max_running imports run at once; up to max_queued more wait
 * (state "queued") and the next free thread takes them; beyond that a new
 * upload is refused with -ERR_BUSY and nothing is written.
 *
 * The job's state and progress live in the database (import_jobs, through
 * src/ops/): every server process shows the same. A job that a stopped
 * process left queued or running is failed at the next start
 * (import_jobs_recover; its import is one transaction: nothing half-written).
 * The command line's `dondoc import` does not use this: it imports in the
 * foreground through ops_import.
 */
#ifndef DONDOC_JOBS_H
#define DONDOC_JOBS_H

#include <stddef.h>
#include <stdio.h>

struct doc_limits;
struct ops_ctx;
struct sb;
struct store;

struct import_jobs; /* opaque */

struct import_jobs_config {
	const char *db_path; /* each running job opens its own connection to it */
	const char *spool_dir; /* where uploads wait for their job (created) */
	unsigned max_running; /* imports at once (DONDOC_IMPORT_JOBS); 0: 1 */
	unsigned max_queued; /* uploads waiting beyond those (DONDOC_IMPORT_QUEUE) */
	const struct doc_limits *limits; /* the readers' limits; NULL: the defaults */
	FILE *log; /* where a job that cannot start says why; NULL: stderr */
};

/** A runner; its spool folder is created here (-ERR_IO when it cannot be). */
int import_jobs_new(const struct import_jobs_config *cfg, struct import_jobs **out,
		    struct sb *err);

/** This process as the runner of its jobs: "host:pid" (import_jobs.runner). */
const char *import_jobs_runner_id(void);

/**
 * At a server's start, on store s: fails the jobs a stopped process left
 * queued or running (ops_import_jobs_recover) and removes the spooled files
 * such a process left behind. Returns how many jobs were failed, or < 0.
 */
int import_jobs_recover(struct import_jobs *js, struct store *s, struct sb *err);

/**
 * Records a job for name as c's actor (ops_import_job_start: OPS_IMPORT,
 * nothing written when refused), spools data and runs it, now or when a
 * running job ends. *job_id receives the job's id. -ERR_BUSY (nothing
 * written) when max_running jobs run and max_queued wait already; a job
 * whose file cannot be spooled is recorded as failed.
 */
int import_jobs_submit(struct import_jobs *js, const struct ops_ctx *c, const char *name,
		       const void *data, size_t len, long long *job_id, struct sb *err);

/** Jobs running now and waiting (for tests and logs). */
void import_jobs_counts(struct import_jobs *js, unsigned *running, unsigned *queued);

/**
 * Stops taking jobs, drops the waiting ones (their spooled files removed;
 * the next start fails them), waits up to grace seconds for the running
 * ones and frees js; a job still running then frees it when it ends.
 */
void import_jobs_stop(struct import_jobs *js, unsigned grace);

#endif
