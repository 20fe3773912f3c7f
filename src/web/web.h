/*
 * web.h - the web application's server (libmicrohttpd): what `dondoc serve`
 * starts and stops. Everything else of src/web/ is internal (web_int.h).
 */
#ifndef DONDOC_WEB_H
#define DONDOC_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct sb;
struct agency_registry;
struct web_server;
struct blob_store;
struct ops_settings;
struct mailer;
struct doc_limits;

struct web_config {
	const char *host; /* address to listen on: "127.0.0.1" */
	unsigned port; /* 0: the system picks a free one (see web_port) */
	const char *db_path; /* each worker opens its own connection to it */
	struct blob_store *blobs; /* where evidence goes: the CLI's store (app/blob.c) */
	const struct ops_settings *settings; /* evidence limits, due-soon days */
	const struct doc_limits *limits; /* readers' limits for imports; NULL: the defaults */
	unsigned threads; /* worker threads */
	unsigned pool; /* database connections at most (DONDOC_DB_POOL) */
	size_t max_body; /* bytes of a form or JSON body */
	size_t max_upload; /* bytes of an uploaded file */
	unsigned per_ip; /* connections at once from one address */
	unsigned idle_timeout; /* seconds a connection may stay silent */
	unsigned deadline; /* seconds a whole request may take to arrive */
	FILE *log; /* access log, one line per request */
	/* How reminders leave (app/mailer.c, as `dondoc remind` sends them):
	 * NULL: the reminders page previews only. smtp: SMTP is configured;
	 * outbox: the folder messages without SMTP are filed in. */
	struct mailer *mailer;
	bool smtp;
	const char *outbox;
	/* The import job runner (app/jobs.h) uploads go to; NULL: imports
	 * are refused. Its owner stops it after web_stop. */
	struct import_jobs *jobs;
};

/** Defaults: 127.0.0.1:8080, 4 threads, 8 database connections, 1 MiB body, 20 MiB upload, 32 per
 *  address, 15 s idle, 30 s deadline, log on stderr. */
void web_config_default(struct web_config *c);

/** Starts the server; the agency registry r is shared read-only. */
int web_start(const struct web_config *c, struct agency_registry *r, struct web_server **out,
	      struct sb *err);
/** The port actually listened on. */
unsigned web_port(const struct web_server *w);
/** Stops accepting, lets requests in flight finish (up to grace seconds),
 *  then stops and frees everything. */
void web_stop(struct web_server *w, unsigned grace);

/** Prints the route table: "METHOD PATTERN PERMISSION", one a line. */
void web_print_routes(FILE *out);

#endif
