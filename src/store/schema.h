/*
 * schema.h - the numbered schema migrations, shared by every backend.
 *
 * migrations[i] takes the database from version i to i + 1. Never edit a
 * migration that has shipped: add the next one. The SQL is kept to what both
 * SQLite and PostgreSQL accept (TEXT, INTEGER, REAL, no AUTOINCREMENT; ids are
 * INTEGER PRIMARY KEY, which a PostgreSQL backend maps to identity columns).
 */
#ifndef DONDOC_SCHEMA_H
#define DONDOC_SCHEMA_H

static const char *const schema_migrations[] = {
	/* 1: documents, plans and what they assign; agencies; audit log;
	 *    tracking records (periods, progress reports) filled by track/. */
	"CREATE TABLE documents ("
	"  id INTEGER PRIMARY KEY,"
	"  source TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL,"
	"  reader TEXT,"
	"  imported_at TEXT NOT NULL);"
	"CREATE TABLE plans ("
	"  id INTEGER PRIMARY KEY,"
	"  document_id INTEGER NOT NULL REFERENCES documents(id),"
	"  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  number TEXT, kind TEXT, issuer TEXT, place TEXT, date TEXT, year INTEGER, title TEXT,"
	"  created_at TEXT NOT NULL);"
	"CREATE TABLE tasks ("
	"  id INTEGER PRIMARY KEY,"
	"  plan_id INTEGER NOT NULL REFERENCES plans(id),"
	"  seq INTEGER NOT NULL,"
	"  ref TEXT, section TEXT, text TEXT,"
	"  leader TEXT, leader_key TEXT, supervisor TEXT,"
	"  has_due INTEGER NOT NULL DEFAULT 0,"
	"  due_text TEXT, due_start TEXT, due_end TEXT,"
	"  due_recurring INTEGER NOT NULL DEFAULT 0,"
	"  result TEXT, doubt TEXT, source_line INTEGER,"
	"  UNIQUE (plan_id, seq));"
	"CREATE TABLE task_agencies ("
	"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
	"  role TEXT NOT NULL CHECK (role IN ('lead', 'lead_group', 'coordinate', 'coordinate_group')),"
	"  seq INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  name_key TEXT NOT NULL,"
	"  PRIMARY KEY (task_id, role, seq));"
	"CREATE INDEX task_agencies_key ON task_agencies(name_key);"
	"CREATE TABLE indicators ("
	"  id INTEGER PRIMARY KEY,"
	"  plan_id INTEGER NOT NULL REFERENCES plans(id),"
	"  seq INTEGER NOT NULL,"
	"  ref TEXT, name TEXT, unit TEXT,"
	"  has_target INTEGER NOT NULL DEFAULT 0,"
	"  target_text TEXT, target_value REAL, target_max REAL, target_op TEXT,"
	"  leader TEXT, leader_key TEXT, source_line INTEGER,"
	"  UNIQUE (plan_id, seq));"
	"CREATE TABLE indicator_agencies ("
	"  indicator_id INTEGER NOT NULL REFERENCES indicators(id),"
	"  role TEXT NOT NULL CHECK (role IN ('lead', 'lead_group', 'coordinate', 'coordinate_group')),"
	"  seq INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  name_key TEXT NOT NULL,"
	"  PRIMARY KEY (indicator_id, role, seq));"
	"CREATE TABLE targets ("
	"  id INTEGER PRIMARY KEY,"
	"  plan_id INTEGER NOT NULL REFERENCES plans(id),"
	"  task_id INTEGER REFERENCES tasks(id),"
	"  seq INTEGER NOT NULL,"
	"  text TEXT, value REAL, max REAL, unit TEXT, op TEXT NOT NULL);"
	"CREATE TABLE reporting_deadlines ("
	"  id INTEGER PRIMARY KEY,"
	"  plan_id INTEGER NOT NULL REFERENCES plans(id),"
	"  seq INTEGER NOT NULL,"
	"  label TEXT, due TEXT);"
	"CREATE TABLE agency_aliases ("
	"  id INTEGER PRIMARY KEY,"
	"  alias TEXT NOT NULL,"
	"  alias_key TEXT NOT NULL UNIQUE,"
	"  canonical TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  created_by TEXT NOT NULL);"
	"CREATE TABLE people ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  name_key TEXT NOT NULL UNIQUE,"
	"  title TEXT);"
	"CREATE TABLE periods ("
	"  id INTEGER PRIMARY KEY,"
	"  plan_id INTEGER NOT NULL REFERENCES plans(id),"
	"  name TEXT NOT NULL,"
	"  start_date TEXT NOT NULL, end_date TEXT NOT NULL, due_date TEXT,"
	"  UNIQUE (plan_id, name));"
	"CREATE TABLE progress_reports ("
	"  id INTEGER PRIMARY KEY,"
	"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
	"  agency TEXT NOT NULL,"
	"  role TEXT NOT NULL CHECK (role IN ('lead', 'coordinate')),"
	"  period TEXT,"
	"  state TEXT NOT NULL,"
	"  completion_date TEXT,"
	"  note TEXT, value REAL,"
	"  replaces_id INTEGER REFERENCES progress_reports(id),"
	"  reported_at TEXT NOT NULL,"
	"  actor TEXT NOT NULL);"
	"CREATE TABLE audit_log ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  entity_id INTEGER,"
	"  field TEXT, old_value TEXT, new_value TEXT, reason TEXT);",
	/* 2: tracking (src/store/store_sqlite_track.c): the day a report was
	 *    filed; confirmations of completions; evidence files; indicator
	 *    values; task versions kept across amendments; agency contacts;
	 *    reminders sent. Every table here is appended to, never updated,
	 *    except agency_contacts (whose changes go to audit_log). */
	"ALTER TABLE progress_reports ADD COLUMN filed_on TEXT;"
	"CREATE INDEX progress_reports_task ON progress_reports(task_id);"
	"CREATE TABLE confirmations ("
	"  id INTEGER PRIMARY KEY,"
	"  report_id INTEGER NOT NULL REFERENCES progress_reports(id),"
	"  decision TEXT NOT NULL CHECK (decision IN ('accepted', 'refused')),"
	"  decided_on TEXT NOT NULL,"
	"  done_on TEXT,"
	"  reason TEXT,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL);"
	"CREATE INDEX confirmations_report ON confirmations(report_id);"
	"CREATE TABLE evidence ("
	"  id INTEGER PRIMARY KEY,"
	"  report_id INTEGER NOT NULL REFERENCES progress_reports(id),"
	"  name TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  at TEXT NOT NULL);"
	"CREATE TABLE indicator_reports ("
	"  id INTEGER PRIMARY KEY,"
	"  indicator_id INTEGER NOT NULL REFERENCES indicators(id),"
	"  agency TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  value REAL NOT NULL,"
	"  note TEXT,"
	"  replaces_id INTEGER REFERENCES indicator_reports(id),"
	"  filed_on TEXT NOT NULL,"
	"  reported_at TEXT NOT NULL,"
	"  actor TEXT NOT NULL);"
	"CREATE TABLE task_history ("
	"  id INTEGER PRIMARY KEY,"
	"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
	"  plan_version INTEGER NOT NULL,"
	"  field TEXT NOT NULL,"
	"  old_value TEXT, new_value TEXT,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  reason TEXT NOT NULL);"
	"CREATE INDEX task_history_task ON task_history(task_id);"
	"CREATE TABLE agency_contacts ("
	"  id INTEGER PRIMARY KEY,"
	"  agency TEXT NOT NULL,"
	"  agency_key TEXT NOT NULL UNIQUE,"
	"  email TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  actor TEXT NOT NULL);"
	"CREATE TABLE reminders ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('remind', 'escalate')),"
	"  recipient TEXT NOT NULL,"
	"  recipient_key TEXT NOT NULL,"
	"  email TEXT,"
	"  day TEXT NOT NULL,"
	"  state TEXT NOT NULL,"
	"  items INTEGER NOT NULL,"
	"  subject TEXT NOT NULL,"
	"  via TEXT NOT NULL CHECK (via IN ('smtp', 'file')),"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  UNIQUE (kind, recipient_key, day, state));",

	/* 3: people's aliases: an official teaches that "Nguyen Thanh Sinh" is
	 *    "Nguyễn Thành Sinh"; stored plans and later imports follow. */
	"CREATE TABLE person_aliases ("
	"  id INTEGER PRIMARY KEY,"
	"  alias TEXT NOT NULL,"
	"  alias_key TEXT NOT NULL UNIQUE,"
	"  canonical TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  created_by TEXT NOT NULL);"
	"CREATE INDEX tasks_leader_key ON tasks(leader_key);",

	/* One original document per file content (docs/reliability.md): a
	 * second import of the same file is "already imported", never a copy,
	 * even when several processes import it at once. A deliberate copy
	 * (import --again) points at its original in copy_of. Databases that
	 * already hold the same content twice keep every row (nothing is
	 * deleted): the oldest stays the original, the later ones become its
	 * copies, and the UNIQUE index is partial over the originals. */
	"ALTER TABLE documents ADD COLUMN copy_of INTEGER REFERENCES documents(id);"
	"UPDATE documents SET copy_of ="
	"  (SELECT MIN(o.id) FROM documents o WHERE o.sha256 = documents.sha256)"
	" WHERE id > (SELECT MIN(o.id) FROM documents o WHERE o.sha256 = documents.sha256);"
	"CREATE UNIQUE INDEX documents_sha256 ON documents(sha256) WHERE copy_of IS NULL;",

	/* targets over time (issue 15): the year or period a target is for, and an
	 *    indicator's targets per year or period column, in column order. */
	"ALTER TABLE targets ADD COLUMN period TEXT;"
	"ALTER TABLE indicators ADD COLUMN target_period TEXT;"
	"CREATE TABLE indicator_periods ("
	"  id INTEGER PRIMARY KEY,"
	"  indicator_id INTEGER NOT NULL REFERENCES indicators(id),"
	"  seq INTEGER NOT NULL,"
	"  period TEXT, text TEXT, value REAL, max REAL, op TEXT NOT NULL);"
	"CREATE INDEX indicator_periods_indicator ON indicator_periods(indicator_id);",

	/* web: accounts, their sessions and API tokens, and the login throttle
	 *    (src/store/store_sqlite_auth.c). Passwords are argon2id strings;
	 *    session ids and tokens are stored only as SHA-256 hashes. */
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  login TEXT NOT NULL UNIQUE,"
	"  role TEXT NOT NULL CHECK (role IN ('admin', 'standing', 'officer', 'leader', 'viewer')),"
	"  agency TEXT, person TEXT,"
	"  pwhash TEXT NOT NULL,"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL);"
	"CREATE TABLE sessions ("
	"  id_hash TEXT PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  csrf TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL);"
	"CREATE INDEX sessions_user ON sessions(user_id);"
	"CREATE TABLE api_tokens ("
	"  id INTEGER PRIMARY KEY,"
	"  token_hash TEXT NOT NULL UNIQUE,"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  created_at TEXT NOT NULL,"
	"  revoked INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE login_attempts ("
	"  key TEXT PRIMARY KEY,"
	"  failures INTEGER NOT NULL,"
	"  window_start INTEGER NOT NULL);",

	/* 7: evidence by report: a task's page lists each report's files, and
	 *    store_check compares every report's evidence (PostgreSQL has had the
	 *    index since its migration 2). */
	"CREATE INDEX IF NOT EXISTS evidence_report ON evidence(report_id);",
	/* 8: an indicator's baseline (issue 15): the past figure its targets
	 *    start from ("Thực hiện năm 2025"), period, text and value. */
	"ALTER TABLE indicators ADD COLUMN baseline_period TEXT;"
	"ALTER TABLE indicators ADD COLUMN baseline_text TEXT;"
	"ALTER TABLE indicators ADD COLUMN baseline_value REAL;"
	"ALTER TABLE indicators ADD COLUMN has_baseline INTEGER NOT NULL DEFAULT 0;"
	/*    and a prose goal's ("từ 20% năm 2025 lên 50% năm 2030"). */
	"ALTER TABLE targets ADD COLUMN baseline_period TEXT;"
	"ALTER TABLE targets ADD COLUMN baseline_text TEXT;"
	"ALTER TABLE targets ADD COLUMN baseline_value REAL;"
	"ALTER TABLE targets ADD COLUMN has_baseline INTEGER NOT NULL DEFAULT 0;",
	/* 9 (issue 13): a tracker's
	 *    status column kept as the task's imported state (not a progress
	 *    report), and what extraction placed in no task, kept with the
	 *    document ("LINE: why: text", one a line). */
	"ALTER TABLE tasks ADD COLUMN state TEXT;"
	"ALTER TABLE documents ADD COLUMN notes TEXT;",
	/* 10: the web's
	 *    import flow (src/web/import_pages.c). import_jobs: an upload
	 *    imported in the background, its state and per-page progress, kept
	 *    in the database so that every server process sees the same;
	 *    document_lines: the source text of an imported document, one row a
	 *    line numbered as tasks.source_line, for the review page. */
	"CREATE TABLE import_jobs ("
	"  id INTEGER PRIMARY KEY,"
	"  user_id INTEGER REFERENCES users(id),"
	"  login TEXT NOT NULL,"
	"  runner TEXT,"
	"  file_name TEXT NOT NULL,"
	"  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),"
	"  done INTEGER NOT NULL DEFAULT 0,"
	"  total INTEGER NOT NULL DEFAULT 0,"
	"  plan_id INTEGER REFERENCES plans(id),"
	"  error TEXT,"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL);"
	"CREATE TABLE document_lines ("
	"  document_id INTEGER NOT NULL REFERENCES documents(id),"
	"  line INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  PRIMARY KEY (document_id, line));",
};

#endif
