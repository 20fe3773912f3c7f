/*
 * docs_web.c - the documents of issue 10 on the web: a plan's downloads
 * (DOCX report, XLSX appendix, CSV, ICS) and the calendar feed at a secret
 * URL (GET /calendar/TOKEN.ics) that calendar clients subscribe to without
 * logging in. What the user may read is decided in src/ops (ops_plan_document,
 * ops_calendar_feed); this file parses, calls and renders only.
 */
#include "base/compat.h"
#include "web/web_int.h"
#include "base/err.h"
#include "report/docs.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static void now_stamp(char out[17])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

static int add_plan(const struct tracked_plan *tp, void *arg)
{
	char stamp[17];

	now_stamp(stamp);
	ics_events(tp, stamp, arg);
	return 0;
}

int page_calendar(struct req *rq, struct resp *rs)
{
	const char *seg = rq->path + strlen("/calendar/");
	size_t n = strlen(seg);
	char token[80];
	struct sb err = SB_INIT, cal = SB_INIT;
	int rc;

	if (n < 5 || n - 4 >= sizeof(token) || strcmp(seg + n - 4, ".ics") != 0)
		return html_error(rq, rs, 404, NULL);
	memcpy(token, seg, n - 4);
	token[n - 4] = '\0';
	ics_begin(NULL, &cal);
	rc = ops_calendar_feed(&rq->ops, token, add_plan, &cal, &err);
	if (rc < 0) {
		html_error(rq, rs, web_status_of(rc), NULL);
	} else {
		ics_end(&cal);
		sb_release(&rs->body);
		rs->body = cal;
		cal = (struct sb)SB_INIT;
		rs->status = 200;
		rs->type = "text/calendar; charset=utf-8";
	}
	sb_release(&cal);
	sb_release(&err);
	return 0;
}

/* Renders a file renderer's output through a temporary file into rs->body. */
static int file_body(struct resp *rs, const struct tracked_plan *tp, bool docx, struct sb *err)
{
	char path[] = "/tmp/dondoc-docXXXXXX";
	struct docx_opts o = { 0 };
	char buf[65536];
	ssize_t got;
	int fd = mkstemp(path), rc;

	if (fd < 0) {
		sb_addf(err, "cannot make a temporary file");
		return -ERR_IO;
	}
	close(fd);
	rc = docx ? docx_report_write(tp, &o, path, err) : xlsx_appendix_write(tp, path, err);
	if (rc == 0) {
		fd = open(path, O_RDONLY);
		if (fd < 0)
			rc = -ERR_IO;
		while (fd >= 0 && (got = read(fd, buf, sizeof(buf))) > 0)
			sb_add(&rs->body, buf, (size_t)got);
		if (fd >= 0)
			close(fd);
	}
	unlink(path);
	return rc;
}

static int page_export(struct req *rq, struct resp *rs, const char *ext)
{
	struct tracked_plan tp;
	struct sb err = SB_INIT;
	char stamp[17];
	int rc = ops_plan_document(&rq->ops, rq->id, &tp, &err);

	if (rc == 0) {
		sb_reset(&rs->body);
		if (strcmp(ext, "docx") == 0) {
			rs->type = "application/vnd.openxmlformats-officedocument."
				   "wordprocessingml.document";
			rc = file_body(rs, &tp, true, &err);
		} else if (strcmp(ext, "xlsx") == 0) {
			rs->type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
			rc = file_body(rs, &tp, false, &err);
		} else if (strcmp(ext, "csv") == 0) {
			rs->type = "text/csv; charset=utf-8";
			csv_tasks_write(&tp, &rs->body);
		} else {
			rs->type = "text/calendar; charset=utf-8";
			now_stamp(stamp);
			ics_write(&tp, stamp, &rs->body);
		}
	}
	if (rc < 0) {
		sb_reset(&rs->body);
		rs->type = NULL;
		html_error(rq, rs, web_status_of(rc), NULL);
	} else {
		rs->status = 200;
		rs->disposition = xmalloc(64);
		snprintf(rs->disposition, 64, "attachment; filename=\"plan-%lld.%s\"", rq->id, ext);
	}
	tracked_plan_release(&tp);
	sb_release(&err);
	return 0;
}

int page_export_docx(struct req *rq, struct resp *rs)
{
	return page_export(rq, rs, "docx");
}

int page_export_xlsx(struct req *rq, struct resp *rs)
{
	return page_export(rq, rs, "xlsx");
}

int page_export_csv(struct req *rq, struct resp *rs)
{
	return page_export(rq, rs, "csv");
}

int page_export_ics(struct req *rq, struct resp *rs)
{
	return page_export(rq, rs, "ics");
}
