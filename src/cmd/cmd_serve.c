/*
 * cmd_serve.c - `dondoc serve`: runs the web application until SIGTERM or
 * SIGINT, then stops gracefully (requests in flight finish). With port 0 the
 * system picks a free port; the address is printed on standard output.
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "app/blob.h"
#include "app/config.h"
#include "app/jobs.h"
#include "base/sb.h"
#include "base/xalloc.h"
#include "app/mailer.h"
#include "web/web.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(s, &end, 10);
	return errno || end == s || *end || *out > max ? -1 : 0;
}

int cmd_serve(struct cli *cli, int argc, char **argv)
{
	const char *listen = "127.0.0.1:8080", *threads = NULL, *deadline = NULL, *upload = NULL,
		   *per_ip = NULL;
	bool routes = false;
	const struct opt opts[] = { { "listen", &listen, NULL },   { "threads", &threads, NULL },
				    { "deadline", &deadline, NULL }, { "max-upload", &upload, NULL },
				    { "per-ip", &per_ip, NULL },   { "routes", NULL, &routes },
				    { 0 } };
	struct web_config cfg;
	struct import_jobs_config jc = { 0 };
	struct web_server *w = NULL;
	struct sb err = SB_INIT, host = SB_INIT, spool = SB_INIT;
	char *outbox = NULL;
	const char *colon;
	unsigned long v;
	long long pool, njobs, nqueue;
	sigset_t set;
	int sig, n, rc = 1;

	n = cmd_parse_opts("serve", argc, argv, opts);
	if (n != 0)
		return n < 0 ? 2 : cmd_usage("serve");
	if (routes) {
		web_print_routes(stdout);
		return 0;
	}
	web_config_default(&cfg);
	colon = strrchr(listen, ':');
	if (!colon || parse_uint(colon + 1, 65535, &v) < 0) {
		cmd_fail("--listen '%s' is not HOST:PORT (127.0.0.1:8080; port 0 picks a free one)",
			 listen);
		return 2;
	}
	sb_add(&host, listen, (size_t)(colon - listen));
	cfg.host = host.buf;
	cfg.port = (unsigned)v;
	if (threads && (parse_uint(threads, 64, &v) < 0 || v == 0)) {
		rc = cmd_fail("--threads '%s' is not 1 to 64", threads);
		goto out;
	}
	if (threads)
		cfg.threads = (unsigned)v;
	if (deadline && (parse_uint(deadline, 3600, &v) < 0 || v == 0)) {
		rc = cmd_fail("--deadline '%s' is not 1 to 3600 seconds", deadline);
		goto out;
	}
	if (deadline)
		cfg.deadline = (unsigned)v;
	if (upload && parse_uint(upload, 1UL << 30, &v) < 0) {
		rc = cmd_fail("--max-upload '%s' is not a number of bytes up to 1 GiB", upload);
		goto out;
	}
	if (upload)
		cfg.max_upload = (size_t)v;
	if (per_ip && (parse_uint(per_ip, 100000, &v) < 0 || v == 0)) {
		rc = cmd_fail("--per-ip '%s' is not 1 to 100000 connections", per_ip);
		goto out;
	}
	if (per_ip)
		cfg.per_ip = (unsigned)v;
	cfg.db_path = cli->db_path;
	pool = config_long("DONDOC_DB_POOL", &err);
	if (err.len) {
		fprintf(stderr, "dondoc: %s", err.buf);
		sb_reset(&err);
	}
	if (pool < 1 || pool > 1000) {
		rc = cmd_fail("DONDOC_DB_POOL=%lld is not 1 to 1000 connections", pool);
		goto out;
	}
	cfg.pool = (unsigned)pool;
	njobs = config_long("DONDOC_IMPORT_JOBS", &err);
	nqueue = config_long("DONDOC_IMPORT_QUEUE", &err);
	if (err.len) {
		fprintf(stderr, "dondoc: %s", err.buf);
		sb_reset(&err);
	}
	if (njobs < 1 || njobs > 64) {
		rc = cmd_fail("DONDOC_IMPORT_JOBS=%lld is not 1 to 64 imports at once", njobs);
		goto out;
	}
	if (nqueue > 10000) {
		rc = cmd_fail("DONDOC_IMPORT_QUEUE=%lld is not 0 to 10000 waiting uploads", nqueue);
		goto out;
	}
	/* Evidence goes through the CLI's blob store (DONDOC_EVIDENCE_DIR). */
	cfg.blobs = cli->ops.blobs;
	/* Imports read with the CLI's reader limits (DONDOC_MAX_*). */
	cfg.limits = cmd_reader_limits();
	cfg.settings = cli->ops.settings;
	/* Uploads are imported in the background, spooled under the evidence
	 * folder (the configured data directory), not in $TMPDIR. */
	sb_addf(&spool, "%s/import-spool", blob_folder_dir(cli->blobs));
	jc.db_path = cli->db_path;
	jc.spool_dir = spool.buf;
	jc.max_running = (unsigned)njobs;
	jc.max_queued = (unsigned)nqueue;
	jc.limits = cfg.limits;
	jc.log = stderr;
	if (import_jobs_new(&jc, &cfg.jobs, &err) < 0) {
		rc = cmd_fail("%s", err.buf);
		goto out;
	}
	/* Reminders sent from the web leave as `dondoc remind` sends them. */
	cfg.mailer = cmd_mailer(cli, &cfg.smtp, &outbox);
	if (!cfg.mailer)
		goto out;
	cfg.outbox = outbox;
	/* The signals are taken by sigwait below; every thread the server
	 * starts inherits the mask, so none of them is interrupted. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (web_start(&cfg, cli->agencies, &w, &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	printf("dondoc: serving on http://%s:%u/ (database %s)\n", cfg.host, web_port(w),
	       cli->db_path);
	if (fflush(stdout) != 0) {
		cmd_fail("cannot write to standard output");
		web_stop(w, 0);
		import_jobs_stop(cfg.jobs, 0);
		cfg.jobs = NULL;
		goto out;
	}
	sigwait(&set, &sig);
	fprintf(stderr, "dondoc: stopping (signal %d): finishing requests in flight\n", sig);
	web_stop(w, 10);
	/* An import still running after this is failed at the next start. */
	import_jobs_stop(cfg.jobs, 10);
	cfg.jobs = NULL;
	rc = 0;
out:
	import_jobs_stop(cfg.jobs, 0);
	mailer_free(cfg.mailer);
	free(outbox);
	sb_release(&host);
	sb_release(&spool);
	sb_release(&err);
	return rc;
}
