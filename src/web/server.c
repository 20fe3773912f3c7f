/*
 * server.c - the HTTP server of the web application on libmicrohttpd.
 *
 * Threads: libmicrohttpd's internal polling with a pool of worker threads;
 * each request takes a store connection of its own from a pool of at most
 * cfg.pool connections (DONDOC_DB_POOL); a request that finds them all busy
 * waits for one (SQLite in WAL mode lets readers run beside the one writer).
 * A connection whose database server went away (store_lost: a PostgreSQL
 * restart or failover) fails the request that saw it with 503 and is closed
 * with every idle connection of the pool, which were opened to the same
 * server; the next request opens a fresh one.
 *
 * Limits, so that a slow or hostile client cannot hold the server:
 *   - header bytes (MHD's per-connection memory), body and upload bytes
 *     (413), connections per address, an idle timeout;
 *   - a deadline for a whole request: a watchdog thread shuts down any
 *     connection whose current request has been arriving for longer than
 *     cfg.deadline, however slowly its bytes trickle in (the idle timeout
 *     alone would let one byte every few seconds keep it open forever).
 *
 * Shutdown (web_stop): MHD_quiesce_daemon stops accepting, requests in
 * flight run to the end (each write is one transaction, so nothing is
 * half-written either way), then the daemon stops.
 */
#include "base/compat.h"
#include "web/web_int.h"
#include "app/jobs.h"
#include "app/open.h"
#include "base/err.h"
#include "extract/agency.h"
#include "ops/views.h"
#include "store/store.h"
#include "track/calendar.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HEADER_MEMORY (32 * 1024)

struct conn_rec {
	int fd;
	long long start_ms; /* when its current request began to arrive */
	bool handling; /* the request is complete and being answered */
	struct conn_rec *prev, *next;
};

struct web_server {
	struct web_config cfg;
	struct agency_registry *reg; /* read under mu: an alias replaces it */
	/* Registries replaced by web_registry_publish(): requests in flight may
	 * still read them, so they are freed at the stop; reg_owned: reg is one
	 * of ours (the first is the caller's). */
	struct agency_registry **retired;
	size_t nretired;
	bool reg_owned;
	struct task_cache *cache; /* the tracked world the pages share (ops_task_page) */
	struct MHD_Daemon *d;
	unsigned port;
	pthread_mutex_t mu;
	pthread_cond_t idle;
	/* POST handlers run one at a time in this process: SQLite takes one
	 * writer anyway, and a writer queued here wakes at once instead of
	 * sleeping in SQLite's busy handler. */
	pthread_mutex_t write_mu;
	struct store **pool; /* idle connections, cfg.pool slots */
	size_t npool, nopen; /* idle; open (idle or lent to a request) */
	pthread_cond_t pool_free; /* a connection was returned or closed */
	struct conn_rec *conns;
	unsigned inflight;
	bool stopping;
	pthread_t watchdog;
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void web_config_default(struct web_config *c)
{
	memset(c, 0, sizeof(*c));
	c->host = "127.0.0.1";
	c->port = 8080;
	c->threads = 4;
	c->max_body = 1u << 20;
	c->max_upload = 20u << 20;
	c->per_ip = 32;
	c->idle_timeout = 15;
	c->deadline = 30;
	c->pool = 8;
	c->log = stderr;
}

/* ---- store pool ---------------------------------------------------------- */

static struct store *pool_get(struct web_server *w, struct sb *err)
{
	struct store *s = NULL;

	pthread_mutex_lock(&w->mu);
	while (!w->npool && w->nopen >= w->cfg.pool)
		pthread_cond_wait(&w->pool_free, &w->mu);
	if (w->npool)
		s = w->pool[--w->npool];
	else
		w->nopen++;
	pthread_mutex_unlock(&w->mu);
	if (!s && app_store_open(w->cfg.db_path, false, &s, err) < 0) {
		pthread_mutex_lock(&w->mu);
		w->nopen--;
		pthread_cond_signal(&w->pool_free);
		pthread_mutex_unlock(&w->mu);
		return NULL;
	}
	return s;
}

/* Returns s to the pool; a lost one is closed with every idle one. */
static void pool_put(struct web_server *w, struct store *s)
{
	struct store **drop = NULL;
	size_t i, ndrop = 0;

	if (!s)
		return;
	pthread_mutex_lock(&w->mu);
	if (store_lost(s)) {
		drop = xcalloc(w->npool + 1, sizeof(*drop));
		drop[ndrop++] = s;
		while (w->npool)
			drop[ndrop++] = w->pool[--w->npool];
		w->nopen -= ndrop;
		s = NULL;
	} else {
		w->pool[w->npool++] = s;
	}
	pthread_cond_broadcast(&w->pool_free);
	pthread_mutex_unlock(&w->mu);
	if (ndrop)
		fprintf(w->cfg.log, "dondoc serve: the database connection was lost; closed %zu"
				    " connection(s), the next request opens a new one\n", ndrop);
	for (i = 0; i < ndrop; i++)
		store_close(drop[i]);
	free(drop);
}

/* ---- request helpers ------------------------------------------------------ */

const char *req_query(struct req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_header(struct req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(struct req *rq, const char *name)
{
	if (!rq->cookies_parsed) {
		form_cookies(req_header(rq, "Cookie"), &rq->cookies);
		rq->cookies_parsed = true;
	}
	return form_get(&rq->cookies, name);
}

const char *req_form(struct req *rq, const char *name)
{
	return form_get(&rq->form, name);
}

void resp_redirect(struct resp *rs, const char *fmt, ...)
{
	struct sb s = SB_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&s, fmt, ap);
	va_end(ap);
	free(rs->location);
	rs->location = sb_detach(&s);
	rs->status = 303;
}

void resp_cookie(struct resp *rs, const char *fmt, ...)
{
	struct sb s = SB_INIT;
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	sb_vaddf(&s, fmt, ap);
	va_end(ap);
	for (i = 0; i < ARRAY_SIZE(rs->cookies); i++)
		if (!rs->cookies[i]) {
			rs->cookies[i] = sb_detach(&s);
			break;
		}
	sb_release(&s);
}

int web_status_of(int err)
{
	switch (-err) {
	case ERR_NOTFOUND: return 404;
	case ERR_DENIED: return 403;
	case ERR_INPUT: case ERR_USAGE: case ERR_ENCODING: case ERR_EMPTY: return 400;
	case ERR_CONFLICT: return 409;
	case ERR_TOOBIG: return 413;
	case ERR_UNSUPPORTED: return 415;
	case ERR_BUSY: return 503; /* try again: a lock, or a lost connection */
	default: return 500;
	}
}

static void req_release(struct req *rq)
{
	form_fields_release(&rq->form);
	form_fields_release(&rq->cookies);
	form_upload_release(&rq->up);
	sb_release(&rq->raw);
	free(rq->bad_body);
	principal_release(&rq->who);
}

static void resp_release(struct resp *rs)
{
	size_t i;

	sb_release(&rs->body);
	free(rs->location);
	free(rs->disposition);
	for (i = 0; i < ARRAY_SIZE(rs->cookies); i++)
		free(rs->cookies[i]);
}

/* ---- the body ---------------------------------------------------------------- */

/* A request being received: the body is gathered whole (within its limit)
 * and parsed by form.c when it has arrived. */
struct pending {
	struct req rq;
	enum form_kind kind;
	bool done; /* answered early (413) */
};

/* Parses a form body that has arrived; the raw bytes are dropped then. */
static void parse_body(struct pending *p)
{
	struct req *rq = &p->rq;
	const struct form_limits lim = { rq->cfg->max_body, rq->cfg->max_upload };
	struct sb err = SB_INIT;
	int rc;

	if (p->kind == FORM_NONE || rq->too_big)
		return;
	rc = form_parse(req_header(rq, "Content-Type"), rq->raw.buf, rq->raw.len, &lim, &rq->form,
			&rq->up, &err);
	if (rc == -ERR_TOOBIG)
		rq->too_big = true;
	else if (rc < 0)
		rq->bad_body = sb_detach(&err);
	sb_release(&rq->raw);
	rq->raw = (struct sb)SB_INIT;
	sb_release(&err);
}

/* ---- answering ------------------------------------------------------------- */

static const char csp[] = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
			  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

static enum MHD_Result answer(struct MHD_Connection *conn, struct req *rq, struct resp *rs)
{
	struct MHD_Response *r;
	enum MHD_Result ok;
	size_t i;

	if (rs->bin) {
		r = MHD_create_response_from_buffer(rs->binlen, (void *)rs->bin,
						    MHD_RESPMEM_PERSISTENT);
	} else {
		size_t len = rs->body.len;

		r = MHD_create_response_from_buffer(len, sb_detach(&rs->body), MHD_RESPMEM_MUST_FREE);
	}
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type",
				rs->type ? rs->type : "text/html; charset=utf-8");
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cache-Control", rs->cache ? "public, max-age=3600" : "no-store");
	if (rs->location)
		MHD_add_response_header(r, "Location", rs->location);
	if (rs->disposition)
		MHD_add_response_header(r, "Content-Disposition", rs->disposition);
	for (i = 0; i < ARRAY_SIZE(rs->cookies); i++)
		if (rs->cookies[i])
			MHD_add_response_header(r, "Set-Cookie", rs->cookies[i]);
	rq->status = rs->status ? rs->status : 200;
	ok = MHD_queue_response(conn, (unsigned)rq->status, r);
	MHD_destroy_response(r);
	return ok;
}

static bool is_api(const char *path)
{
	return strncmp(path, "/api/", 5) == 0;
}

static int refuse(struct req *rq, struct resp *rs, int status, const char *detail)
{
	return is_api(rq->path) ? api_problem(rq, rs, status, detail)
				: html_error(rq, rs, status, detail);
}

/* A POST from another site: browsers name it in Sec-Fetch-Site, and in
 * Origin unless the referrer policy (no-referrer here) makes that "null". */
static bool foreign_origin(struct req *rq)
{
	const char *origin = req_header(rq, "Origin"), *host = req_header(rq, "Host");
	const char *site = req_header(rq, "Sec-Fetch-Site");
	const char *o;

	if (site && strcmp(site, "cross-site") == 0)
		return true;
	if (!origin || strcmp(origin, "null") == 0)
		return false;
	o = strstr(origin, "://");
	return !host || !o || strcmp(o + 3, host) != 0;
}

static int today_day(void)
{
	const char *env = getenv("DONDOC_TODAY");
	time_t t = time(NULL);
	struct tm tm;
	int day;

	if (env && *env && calendar_parse_iso(env, &day) == 0)
		return day;
	localtime_r(&t, &tm);
	return calendar_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* Resolves the bearer token or the session cookie. Returns 0 (authed or
 * not), or -ERR_BUSY/-ERR_DB when the database could not answer: then the
 * request fails with 503 instead of reading as logged out. */
static int authenticate(struct req *rq, bool api, FILE *log)
{
	const char *auth = req_header(rq, "Authorization");
	const char *sid = req_cookie(rq, "__Host-dondoc");
	struct sb err = SB_INIT;
	int rc = 0;

	if (api && auth && strncmp(auth, "Bearer ", 7) == 0) {
		rc = ops_token_resolve(&rq->ops, auth + 7, &rq->who, &err);
		rq->authed = rc == 0;
		rq->via_token = rq->authed;
	} else if (sid) {
		rc = ops_session_resolve(&rq->ops, sid, &rq->who, &err);
		rq->authed = rc == 0;
	}
	if (rq->authed)
		rq->ops.actor = rq->who.actor;
	if (rc == -ERR_BUSY || rc == -ERR_DB)
		fprintf(log, "dondoc serve: %s\n", err.buf);
	else
		rc = 0;
	sb_release(&err);
	return rc;
}

static bool csrf_ok(struct req *rq, const struct route *r)
{
	const char *given;

	if (strcmp(rq->method, "POST") != 0 || rq->via_token || r->perm == PERM_PUBLIC ||
	    r->perm == PERM_FEED)
		return true;
	given = r->perm == PERM_API ? req_header(rq, "X-CSRF-Token") : req_form(rq, "csrf");
	return given && rq->who.csrf[0] && strlen(given) == 64 &&
	       sodium_memcmp(given, rq->who.csrf, 64) == 0;
}

static void dispatch(struct web_server *w, struct req *rq, struct resp *rs)
{
	const struct route *r;
	const char *lang = req_query(rq, "lang");
	struct sb err = SB_INIT;
	bool known = false;

	if (!lang)
		lang = req_cookie(rq, "lang");
	rq->lang = lang && strcmp(lang, "en") == 0 ? LANG_EN : LANG_VI;
	r = web_route_find(rq->method, rq->path, rq, &known);
	if (!r) {
		refuse(rq, rs, known ? 405 : 404, NULL);
		return;
	}
	if (rq->too_big) {
		refuse(rq, rs, 413, "the request or its file is larger than allowed");
		return;
	}
	if (rq->bad_body) {
		refuse(rq, rs, 400, rq->bad_body);
		return;
	}
	if (strcmp(rq->method, "POST") == 0 && foreign_origin(rq)) {
		refuse(rq, rs, 403, "a form from another site");
		return;
	}
	rq->srv = w;
	pthread_mutex_lock(&w->mu);
	rq->ops.agencies = w->reg;
	pthread_mutex_unlock(&w->mu);
	rq->ops.blobs = w->cfg.blobs;
	rq->ops.cache = w->cache;
	rq->ops.settings = w->cfg.settings;
	rq->ops.today = today_day();
	rq->ops.now = (long long)time(NULL);
	if (r->perm != PERM_PUBLIC || strcmp(r->pattern, "/login") == 0) {
		rq->ops.store = pool_get(w, &err);
		if (!rq->ops.store) {
			fprintf(w->cfg.log, "dondoc serve: %s\n", err.buf);
			refuse(rq, rs, 503, NULL);
			goto out;
		}
	}
	if (r->perm != PERM_PUBLIC && r->perm != PERM_FEED &&
	    authenticate(rq, r->perm == PERM_API, w->cfg.log) < 0) {
		refuse(rq, rs, 503, "the database cannot be reached now; try again");
		goto out;
	}
	if (r->perm != PERM_PUBLIC && r->perm != PERM_FEED && !rq->authed) {
		if (r->perm == PERM_API)
			api_problem(rq, rs, 401, "a bearer token or a session is required");
		else if (strcmp(rq->method, "GET") == 0)
			resp_redirect(rs, "/login");
		else
			html_error(rq, rs, 403, NULL);
		goto out;
	}
	if (!csrf_ok(rq, r)) {
		refuse(rq, rs, 403, "the form is stale or came from elsewhere (CSRF token)");
		goto out;
	}
	if (strcmp(rq->method, "POST") == 0) {
		pthread_mutex_lock(&w->write_mu);
		r->handler(rq, rs);
		pthread_mutex_unlock(&w->write_mu);
	} else {
		r->handler(rq, rs);
	}
out:
	pool_put(w, rq->ops.store);
	rq->ops.store = NULL;
	sb_release(&err);
}

static struct conn_rec *conn_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
			      const char *method, const char *version, const char *upload_data,
			      size_t *upload_size, void **con_cls)
{
	struct web_server *w = cls;
	struct pending *p = *con_cls;
	struct resp rs = { 0 };
	struct conn_rec *cr;
	enum MHD_Result ok;

	if (!p) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		const char *clen = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							       "Content-Length");

		p = xcalloc(1, sizeof(*p));
		p->rq.conn = conn;
		p->rq.cfg = &w->cfg;
		p->rq.method = method;
		p->rq.path = url;
		p->rq.status = 0;
		if (ci && ci->client_addr->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr,
				  p->rq.addr, sizeof(p->rq.addr));
		else if (ci && ci->client_addr->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
				  &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr,
				  p->rq.addr, sizeof(p->rq.addr));
		/* A form is gathered whole and parsed by form.c (a multipart one may
		 * carry a file, and its parts' headers); the JSON API takes a
		 * document to import as the raw body. */
		p->kind = strcmp(method, "POST") == 0
				  ? form_kind_of(MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
									     "Content-Type"))
				  : FORM_NONE;
		sb_init(&p->rq.raw, p->kind == FORM_MULTIPART ? w->cfg.max_body + w->cfg.max_upload +
									(64u << 10)
				    : p->kind == FORM_URLENCODED || strcmp(url, "/api/v1/imports") != 0
					    ? w->cfg.max_body
					    : w->cfg.max_upload);
		pthread_mutex_lock(&w->mu);
		w->inflight++;
		pthread_mutex_unlock(&w->mu);
		*con_cls = p;
		/* A declared length over every limit is refused before a byte of it
		 * is read. */
		if (clen && strtoull(clen, NULL, 10) > w->cfg.max_body + w->cfg.max_upload) {
			p->rq.too_big = true;
			p->done = true;
			rs.status = 413;
			refuse(&p->rq, &rs, 413, "the request is larger than allowed");
			ok = answer(conn, &p->rq, &rs);
			resp_release(&rs);
			return ok;
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!p->done && !p->rq.too_big && sb_add(&p->rq.raw, upload_data, *upload_size) < 0)
			p->rq.too_big = true;
		*upload_size = 0;
		return MHD_YES;
	}
	if (p->done)
		return MHD_YES;
	p->done = true;
	parse_body(p);
	cr = conn_of(conn);
	if (cr) {
		pthread_mutex_lock(&w->mu);
		cr->handling = true;
		pthread_mutex_unlock(&w->mu);
	}
	dispatch(w, &p->rq, &rs);
	ok = answer(conn, &p->rq, &rs);
	resp_release(&rs);
	return ok;
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	struct web_server *w = cls;
	struct pending *p = *con_cls;
	struct conn_rec *cr = conn_of(conn);
	char when[32];
	time_t t = time(NULL);
	struct tm tm;

	if (!p)
		return;
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* A calendar feed's path is its credential: the log names the route only. */
	fprintf(w->cfg.log, "%s %s %s \"%s %s\" %d%s\n", when, p->rq.addr[0] ? p->rq.addr : "-",
		p->rq.who.login ? p->rq.who.login : "-", p->rq.method,
		strncmp(p->rq.path, "/calendar/", 10) == 0 ? "/calendar/(token).ics" : p->rq.path,
		p->rq.status ? p->rq.status : 0,
		toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (cut off)");
	fflush(w->cfg.log);
	req_release(&p->rq);
	free(p);
	*con_cls = NULL;
	pthread_mutex_lock(&w->mu);
	if (cr) {
		cr->start_ms = now_ms();
		cr->handling = false;
	}
	w->inflight--;
	pthread_cond_broadcast(&w->idle);
	pthread_mutex_unlock(&w->mu);
}

/* ---- connections and the whole-request deadline ---------------------------- */

static void notify_conn(void *cls, struct MHD_Connection *conn, void **socket_context,
			enum MHD_ConnectionNotificationCode code)
{
	struct web_server *w = cls;
	struct conn_rec *cr = *socket_context;

	pthread_mutex_lock(&w->mu);
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);

		cr = xcalloc(1, sizeof(*cr));
		cr->fd = ci ? ci->connect_fd : -1;
		cr->start_ms = now_ms();
		cr->next = w->conns;
		if (w->conns)
			w->conns->prev = cr;
		w->conns = cr;
		*socket_context = cr;
	} else if (cr) {
		/* MHD closes the socket after this call: from here on the watchdog
		 * must not see the descriptor. */
		if (cr->prev)
			cr->prev->next = cr->next;
		else
			w->conns = cr->next;
		if (cr->next)
			cr->next->prev = cr->prev;
		free(cr);
		*socket_context = NULL;
	}
	pthread_mutex_unlock(&w->mu);
}

static void *watchdog(void *arg)
{
	struct web_server *w = arg;
	long long limit = (long long)w->cfg.deadline * 1000;

	for (;;) {
		struct timespec nap = { 0, 250 * 1000000L };
		struct conn_rec *cr;
		long long now;
		bool stop;

		nanosleep(&nap, NULL);
		now = now_ms();
		pthread_mutex_lock(&w->mu);
		stop = w->stopping;
		for (cr = w->conns; !stop && cr; cr = cr->next)
			if (!cr->handling && cr->fd >= 0 && now - cr->start_ms > limit) {
				/* The reading thread sees end of input and closes. */
				shutdown(cr->fd, SHUT_RDWR);
				cr->fd = -1;
			}
		pthread_mutex_unlock(&w->mu);
		if (stop)
			return NULL;
	}
}

/* ---- start and stop --------------------------------------------------------- */

int web_start(const struct web_config *c, struct agency_registry *r, struct web_server **out,
	      struct sb *err)
{
	struct web_server *w = xcalloc(1, sizeof(*w));
	struct sockaddr_in sin = { 0 };
	const union MHD_DaemonInfo *di;
	struct store *probe = NULL;

	*out = NULL;
	w->cfg = *c;
	if (!w->cfg.pool)
		w->cfg.pool = 1;
	w->pool = xcalloc(w->cfg.pool, sizeof(*w->pool));
	w->reg = r;
	w->cache = ops_task_cache_new();
	pthread_mutex_init(&w->mu, NULL);
	pthread_mutex_init(&w->write_mu, NULL);
	pthread_cond_init(&w->idle, NULL);
	pthread_cond_init(&w->pool_free, NULL);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)c->port);
	if (inet_pton(AF_INET, c->host, &sin.sin_addr) != 1) {
		sb_addf(err, "'%s' is not an IPv4 address to listen on", c->host);
		goto fail;
	}
	/* The database opens (and migrates) once here, so that workers only
	 * ever open a ready one. */
	if (app_store_open(c->db_path, false, &probe, err) < 0)
		goto fail;
	w->nopen = 1;
	/* The import jobs a stopped server left are failed (app/jobs.c). */
	if (c->jobs && import_jobs_recover(c->jobs, probe, err) < 0) {
		store_close(probe);
		goto fail;
	}
	pool_put(w, probe);
	if (sodium_init() < 0) {
		sb_adds(err, "libsodium failed to initialise");
		goto fail;
	}
	w->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG,
				(uint16_t)c->port, NULL, NULL, handle, w,
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
				MHD_OPTION_THREAD_POOL_SIZE, (unsigned)c->threads,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)c->idle_timeout,
				MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)c->per_ip,
				MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HEADER_MEMORY,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
				MHD_OPTION_NOTIFY_COMPLETED, completed, w,
				MHD_OPTION_NOTIFY_CONNECTION, notify_conn, w,
				MHD_OPTION_END);
	if (!w->d) {
		sb_addf(err, "cannot listen on %s:%u: %s", c->host, c->port, strerror(errno));
		goto fail;
	}
	di = MHD_get_daemon_info(w->d, MHD_DAEMON_INFO_BIND_PORT);
	w->port = di ? di->port : c->port;
	if (pthread_create(&w->watchdog, NULL, watchdog, w) != 0) {
		sb_adds(err, "cannot start the watchdog thread");
		MHD_stop_daemon(w->d);
		goto fail;
	}
	*out = w;
	return 0;
fail:
	while (w->npool)
		store_close(w->pool[--w->npool]);
	free(w->pool);
	pthread_mutex_destroy(&w->mu);
	pthread_mutex_destroy(&w->write_mu);
	pthread_cond_destroy(&w->idle);
	pthread_cond_destroy(&w->pool_free);
	ops_task_cache_free(w->cache);
	free(w);
	return -ERR_IO;
}

unsigned web_port(const struct web_server *w)
{
	return w->port;
}

void web_stop(struct web_server *w, unsigned grace)
{
	struct timespec until;
	MHD_socket ls;

	if (!w)
		return;
	ls = MHD_quiesce_daemon(w->d);
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += grace;
	pthread_mutex_lock(&w->mu);
	while (w->inflight > 0)
		if (pthread_cond_timedwait(&w->idle, &w->mu, &until) == ETIMEDOUT)
			break;
	w->stopping = true;
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->watchdog, NULL);
	MHD_stop_daemon(w->d);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	while (w->npool)
		store_close(w->pool[--w->npool]);
	free(w->pool);
	pthread_mutex_destroy(&w->mu);
	pthread_mutex_destroy(&w->write_mu);
	pthread_cond_destroy(&w->idle);
	pthread_cond_destroy(&w->pool_free);
	ops_task_cache_free(w->cache);
	while (w->nretired)
		agency_registry_free(w->retired[--w->nretired]);
	free(w->retired);
	if (w->reg_owned)
		agency_registry_free(w->reg);
	free(w);
}

/* ---- the agency registry, replaced when an alias is taught ------------------ */

struct agency_registry *web_registry_fork(struct req *rq, struct sb *err)
{
	struct agency_registry *r = agency_registry_new();
	struct ops_ctx c = rq->ops;

	agency_registry_set_home(r, agency_registry_home(rq->ops.agencies));
	c.agencies = r;
	if (ops_agency_aliases_load(&c, err) < 0) {
		agency_registry_free(r);
		return NULL;
	}
	return r;
}

void web_registry_publish(struct req *rq, struct agency_registry *r)
{
	struct web_server *w = rq->srv;

	pthread_mutex_lock(&w->mu);
	if (w->reg_owned) {
		w->retired = xrealloc(w->retired, (w->nretired + 1) * sizeof(*w->retired));
		w->retired[w->nretired++] = w->reg;
	}
	w->reg = r;
	w->reg_owned = true;
	pthread_mutex_unlock(&w->mu);
	rq->ops.agencies = r;
}
