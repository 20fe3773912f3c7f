/*
 * config.c - the one table of DONDOC_* settings and how they are read.
 */
#include "base/compat.h"
#include "app/config.h"
#include "base/date.h"
#include "base/err.h"
#include "base/sb.h"
#include "ops/ops.h"

#include <errno.h>
#include <time.h>

const struct config_setting config_settings[] = {
	{ "DONDOC_DB", "var/dondoc.db", "the database (a file path; --db overrides)" },
	{ "DONDOC_TODAY", NULL, "fixes \"today\" (YYYY-MM-DD) for tracking; tests use it" },
	{ "DONDOC_NOW", NULL, "fixes the audit timestamps (YYYY-MM-DDTHH:MM:SSZ); tests use it" },
	{ "DONDOC_USER", "cli", "the name recorded in audit rows for the local administrator" },
	{ "DONDOC_DUE_SOON_DAYS", "5", "working days before a deadline that make a task due soon" },
	{ "DONDOC_ESCALATE_DAYS", "5",
	  "working days overdue after which the supervising official is told" },
	{ "DONDOC_EVIDENCE_DIR", NULL,
	  "where evidence files are kept (default: evidence/ beside the database)" },
	{ "DONDOC_EVIDENCE", NULL, "older name of DONDOC_EVIDENCE_DIR" },
	{ "DONDOC_MAX_EVIDENCE_BYTES", "33554432", "the size of one evidence file (32 MiB)" },
	{ "DONDOC_MAX_REPORT_EVIDENCE_BYTES", "67108864",
	  "all evidence files of one report (64 MiB)" },
	{ "DONDOC_SMTP_URL", NULL, "mail server for reminders (smtp://host:port, smtps://host)" },
	{ "DONDOC_MAIL_FROM", NULL, "sender address of reminders (needed with DONDOC_SMTP_URL)" },
	{ "DONDOC_OUTBOX", NULL,
	  "where reminders are written without a mail server (default: outbox/ beside the database)" },
	{ "DONDOC_MAX_FILE_BYTES", "67108864", "the size of an input file (64 MiB)" },
	{ "DONDOC_MAX_ZIP_ENTRIES", "10000", "entries in a DOCX/XLSX" },
	{ "DONDOC_MAX_ENTRY_BYTES", "268435456", "one ZIP entry, uncompressed (256 MiB)" },
	{ "DONDOC_MAX_UNZIPPED_BYTES", "536870912", "all ZIP entries read, uncompressed (512 MiB)" },
	{ "DONDOC_MAX_ZIP_RATIO", "200", "uncompressed / compressed size of one entry" },
	{ "DONDOC_MAX_PIXELS", "100000000", "one page image" },
	{ "DONDOC_MAX_PAGES", "500", "pages of a PDF or TIFF" },
	{ "DONDOC_MAX_SECONDS", "1800", "the time OCR may take on one file" },
	{ "DONDOC_MAX_BLOCKS", "200000", "paragraphs and tables the reader keeps from one file" },
	{ "DONDOC_MAX_CELLS", "200000", "table cells in one file" },
	{ "DONDOC_MAX_XML_NODES", "2000000", "XML elements in one part of a DOCX/XLSX" },
	{ "DONDOC_MAX_READER_BYTES", "134217728", "memory the reader may hold for one file (128 MiB)" },
	{ "DONDOC_MAX_ROWS", "20000", "rows of one table or sheet" },
	{ "DONDOC_MAX_TASKS", "5000", "tasks in one plan" },
	{ "DONDOC_MAX_LINES", "1000000", "lines of a text file" },
	{ "DONDOC_OCR_THREADS", NULL, "pages OCR'd at once (default: the number of cores)" },
	{ "DONDOC_PROVINCE", NULL,
	  "the deployment's home province: \"UBND tỉnh\", \"Sở Tài chính\" are its bodies" },
	{ "DONDOC_BUSY_MS", "10000",
	  "how long a write waits for another dondoc's write lock before saying it is busy" },
	{ "DONDOC_STORE_FAIL_AFTER", NULL,
	  "tests only: the Nth store write (one per operation) fails, and is rolled back" },
	{ "DONDOC_DB_POOL", "8",
	  "database connections one 'dondoc serve' keeps at most (requests beyond wait)" },
	{ "DONDOC_IMPORT_JOBS", "2", "uploaded documents one 'dondoc serve' imports at once" },
	{ "DONDOC_IMPORT_QUEUE", "16",
	  "uploads waiting for an import beyond those (more are refused: try again later)" },
	{ NULL, NULL, NULL },
};

static const struct config_setting *find(const char *name)
{
	const struct config_setting *s;

	for (s = config_settings; s->name; s++)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

const char *config_get(const char *name)
{
	const struct config_setting *s = find(name);
	const char *v = getenv(name);

	if (v && *v)
		return v;
	return s ? s->def : NULL;
}

long long config_long(const char *name, struct sb *warn)
{
	const struct config_setting *s = find(name);
	const char *v = getenv(name);
	long long def = s && s->def ? strtoll(s->def, NULL, 10) : 0, n;
	char *end;

	if (!v || !*v)
		return def;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || *end || end == v || n < 0) {
		if (warn)
			sb_addf(warn, "%s='%s' is not a whole number; using the default\n", name, v);
		return def;
	}
	return n;
}

int config_parse_moment(const char *s, long long *t)
{
	int y, mo, d, h, mi, sec, n = 0, day;

	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 ||
	    n != 20 || s[n] || h > 23 || mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0)
		return -ERR_INPUT;
	day = calendar_from_ymd(y, mo, d);
	if (day == CAL_NONE)
		return -ERR_INPUT;
	if (t)
		*t = (long long)day * 86400 + h * 3600 + mi * 60 + sec;
	return 0;
}

long long config_now(void *arg)
{
	long long t;

	(void)arg;
	if (config_parse_moment(config_get("DONDOC_NOW"), &t) == 0)
		return t;
	return (long long)time(NULL);
}

void config_ops_settings(struct ops_settings *s, struct sb *warn)
{
	*s = *ops_settings_default();
	s->due_soon_days = (int)config_long("DONDOC_DUE_SOON_DAYS", warn);
	s->escalate_days = (long)config_long("DONDOC_ESCALATE_DAYS", warn);
	s->evidence_max_file = config_long("DONDOC_MAX_EVIDENCE_BYTES", warn);
	s->evidence_max_report = config_long("DONDOC_MAX_REPORT_EVIDENCE_BYTES", warn);
}

void config_help(struct sb *out)
{
	const struct config_setting *s;

	sb_adds(out, "Settings (environment variables):\n\n");
	for (s = config_settings; s->name; s++)
		sb_addf(out, "  %-34s %-14s %s\n", s->name, s->def ? s->def : "(unset)", s->meaning);
}
