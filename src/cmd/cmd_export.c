/*
 * cmd_export.c - `dondoc export PLAN --format docx|xlsx|csv|json|ics` and
 * `dondoc report-doc PLAN --period P`: the documents of a tracked plan
 * (report/docs.h), built by ops_tracked_plan().
 *
 * A file is written next to its final name under a temporary name, flushed
 * to disk and renamed, so that a failure never leaves half a document where
 * the clerk expects one. Text formats go to standard output without -o.
 * A draft plan exports as plain plan/1 JSON, as before (cmd_list.c).
 */
#include "base/compat.h"
#include "cmd/cmd.h"
#include "app/config.h"
#include "base/err.h"
#include "base/sb.h"
#include "ops/ops.h"
#include "report/docs.h"
#include "store/store.h"
#include "track/calendar.h"

#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

enum fmt { FMT_DOCX, FMT_XLSX, FMT_CSV, FMT_JSON, FMT_ICS };

static const struct {
	const char *name;
	enum fmt fmt;
	bool binary; /* needs -o */
} formats[] = {
	{ "docx", FMT_DOCX, true }, { "xlsx", FMT_XLSX, true }, { "csv", FMT_CSV, false },
	{ "json", FMT_JSON, false }, { "ics", FMT_ICS, false },
};

/* DTSTAMP of calendar events: the configured clock (DONDOC_NOW, else now). */
static void now_stamp(char out[17])
{
	time_t t = (time_t)config_now(NULL);
	struct tm tm;

	if (!gmtime_r(&t, &tm)) {
		snprintf(out, 17, "19700101T000000Z");
		return;
	}
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

/* Writes the file at path through a temporary file in the same folder:
 * render fills tmp (a file renderer) or buf is written to it; then fsync,
 * rename and fsync of the folder. */
static int write_atomic(const char *path, const struct sb *buf,
			int (*render)(const char *tmp, const void *arg, struct sb *err),
			const void *arg, struct sb *err)
{
	struct sb tmp = SB_INIT, dir = SB_INIT;
	const char *slash = strrchr(path, '/');
	int fd = -1, rc = -ERR_IO;

	if (slash)
		sb_add(&dir, path, (size_t)(slash - path + 1));
	else
		sb_adds(&dir, "./");
	sb_addf(&tmp, "%s.%s.%ld.tmp", dir.buf, slash ? slash + 1 : path, (long)getpid());
	if (render) {
		if ((rc = render(tmp.buf, arg, err)) < 0)
			goto out;
		rc = -ERR_IO;
		fd = open(tmp.buf, O_RDONLY);
	} else {
		size_t off = 0;

		fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		while (fd >= 0 && off < buf->len) {
			ssize_t n = write(fd, buf->buf + off, buf->len - off);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				sb_addf(err, "%s: cannot write: %s", path, strerror(errno));
				goto out;
			}
			off += (size_t)n;
		}
	}
	if (fd < 0) {
		sb_addf(err, "%s: cannot write: %s", path, strerror(errno));
		goto out;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		fd = -1;
		sb_addf(err, "%s: cannot write: %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp.buf, path) < 0) {
		sb_addf(err, "%s: cannot put the file in place: %s", path, strerror(errno));
		goto out;
	}
	fd = open(dir.buf, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd); /* the rename itself; best effort where folders refuse */
		close(fd);
		fd = -1;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		unlink(tmp.buf);
	sb_release(&tmp);
	sb_release(&dir);
	return rc;
}

struct render_arg {
	const struct tracked_plan *tp;
	const struct docx_opts *o;
};

static int render_docx(const char *tmp, const void *arg, struct sb *err)
{
	const struct render_arg *a = arg;

	return docx_report_write(a->tp, a->o, tmp, err);
}

static int render_xlsx(const char *tmp, const void *arg, struct sb *err)
{
	const struct render_arg *a = arg;

	return xlsx_appendix_write(a->tp, tmp, err);
}

/* Takes "-o FILE" out of argv (cmd_parse_opts knows only --options). */
static int take_output(int argc, char **argv, const char **out)
{
	int i, n = 0;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			*out = argv[++i];
			continue;
		}
		argv[n++] = argv[i];
	}
	return n;
}

static int run_export(struct cli *cli, const char *cmd, int argc, char **argv, bool report_doc)
{
	const char *format = report_doc ? "docx" : "json", *period = NULL, *agency = NULL,
		   *leader = NULL, *output = NULL, *number = NULL, *signer = NULL, *place = NULL;
	const struct opt opts[] = { { "format", &format, NULL }, { "period", &period, NULL },
				    { "agency", &agency, NULL }, { "leader", &leader, NULL },
				    { "output", &output, NULL }, { "number", &number, NULL },
				    { "signer", &signer, NULL }, { "place", &place, NULL },
				    { 0 } };
	struct export_req req = { 0 };
	struct docx_opts dopt = { 0 };
	struct tracked_plan tp;
	struct render_arg ra = { &tp, &dopt };
	struct sb err = SB_INIT, text = SB_INIT;
	struct plan_state ps;
	const char *dd = getenv("DONDOC_DUE_SOON_DAYS");
	char stamp[17];
	size_t i;
	int n, rc = 1;

	memset(&tp, 0, sizeof(tp));
	argc = take_output(argc, argv, &output);
	n = cmd_parse_opts(cmd, argc, argv, opts);
	if (n != 1)
		return n < 0 ? 2 : cmd_usage(cmd);
	if (!(req.plan_id = cmd_parse_id(argv[0])))
		return cmd_fail("'%s' is not a plan id; see 'dondoc plans'", argv[0]);
	for (i = 0; i < ARRAY_SIZE(formats) && strcmp(formats[i].name, format) != 0; i++)
		;
	if (i == ARRAY_SIZE(formats)) {
		cmd_fail("--format %s: use docx, xlsx, csv, json or ics", format);
		return 2;
	}
	if (report_doc && (!period || !output)) {
		cmd_fail("report-doc needs the period and the file: --period P -o FILE");
		return 2;
	}
	if (formats[i].binary && !output) {
		cmd_fail("--format %s writes a file: add -o FILE", format);
		return 2;
	}
	/* A draft (or a missing plan) exports as it always did: plan/1 only. */
	if (formats[i].fmt == FMT_JSON && !period && !agency && !leader && !output &&
	    (store_plan_state(cli->store, req.plan_id, &ps, &err) < 0 ||
	     ps.status != PLAN_PUBLISHED)) {
		sb_release(&err);
		return cmd_export(cli, 1, argv);
	}
	req.period = period;
	req.agency = agency;
	req.leader = leader;
	req.due_soon = STATUS_DUE_SOON_DEFAULT;
	if (dd && *dd) {
		char *end;
		long v = strtol(dd, &end, 10);

		if (!*end && v >= 0 && v < 366)
			req.due_soon = (int)v;
	}
	if (ops_tracked_plan(&cli->ops, &req, &tp, &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	dopt.number = number;
	dopt.signer = signer;
	dopt.place = place;
	switch (formats[i].fmt) {
	case FMT_DOCX:
		rc = write_atomic(output, NULL, render_docx, &ra, &err);
		break;
	case FMT_XLSX:
		rc = write_atomic(output, NULL, render_xlsx, &ra, &err);
		break;
	case FMT_CSV:
		csv_tasks_write(&tp, &text);
		break;
	case FMT_JSON:
		json_tracked_write(&tp, &text);
		break;
	case FMT_ICS:
		now_stamp(stamp);
		ics_write(&tp, stamp, &text);
		break;
	}
	if (!formats[i].binary) {
		if (output)
			rc = write_atomic(output, &text, NULL, NULL, &err);
		else if (fwrite(text.buf, 1, text.len, stdout) != text.len || fflush(stdout) != 0) {
			sb_addf(&err, "cannot write to standard output: %s", strerror(errno));
			rc = -ERR_IO;
		} else
			rc = 0;
	}
	if (rc < 0) {
		cmd_fail("%s", err.buf);
		rc = 1;
		goto out;
	}
	if (output)
		fprintf(stderr, "%s: %s written (%zu tasks)\n", output, format, tp.ntasks);
	rc = 0;
out:
	tracked_plan_release(&tp);
	sb_release(&err);
	sb_release(&text);
	return rc;
}

int cmd_export_docs(struct cli *cli, int argc, char **argv)
{
	return run_export(cli, "export", argc, argv, false);
}

int cmd_report_doc(struct cli *cli, int argc, char **argv)
{
	return run_export(cli, "report-doc", argc, argv, true);
}
