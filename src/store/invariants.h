/*
 * invariants.h - dondoc's invariants as queries both backends run in
 * store_check() (the SQL is what SQLite and PostgreSQL both accept).
 * Included by store_sqlite_admin.c and store_pg.c only.
 */
#ifndef DONDOC_INVARIANTS_H
#define DONDOC_INVARIANTS_H

/* dondoc's invariants, each a query returning one row per violation, with
 * a sentence that names the record. */
static const struct {
	const char *sql;
} invariants[] = {
	{ "SELECT 'plan ' || p.id || ' has no source document' FROM plans p"
	  " WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = p.document_id)" },
	{ "SELECT 'task ' || t.id || ' belongs to plan ' || t.plan_id || ', which does not exist'"
	  " FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM plans p WHERE p.id = t.plan_id)" },
	{ "SELECT 'report ' || r.id || ' points at task ' || r.task_id || ', which does not exist'"
	  " FROM progress_reports r WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = r.task_id)" },
	{ "SELECT 'evidence ' || e.id || ' points at report ' || e.report_id || ', which does not"
	  " exist' FROM evidence e WHERE NOT EXISTS"
	  " (SELECT 1 FROM progress_reports r WHERE r.id = e.report_id)" },
	{ "SELECT 'plan ' || p.id || ' has no import row in the audit log' FROM plans p"
	  " WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'import'"
	  " AND a.entity = 'plan' AND a.entity_id = p.id)" },
	{ "SELECT 'plan ' || p.id || ' is published without a publish row in the audit log'"
	  " FROM plans p WHERE p.status = 'published' AND NOT EXISTS (SELECT 1 FROM audit_log a"
	  " WHERE a.action = 'publish' AND a.entity = 'plan' AND a.entity_id = p.id)" },
	{ "SELECT 'task ' || h.task_id || ': change ' || h.id || ' of ' || h.field || ' has no"
	  " audit row' FROM task_history h WHERE NOT EXISTS (SELECT 1 FROM audit_log a"
	  " WHERE a.action = 'edit' AND a.entity = 'task' AND a.entity_id = h.task_id)" },
};

#endif
