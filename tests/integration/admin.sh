# admin.sh - looking after the database (issue 14, item 7): dondoc check,
# backup and restore, reading a database nobody may write, and refusing to
# write into a damaged one with a message that says how to restore.
. "$(dirname "$0")/../lib.sh"
unset DONDOC_TODAY DONDOC_EVIDENCE DONDOC_EVIDENCE_DIR DONDOC_USER
SEED=$(ls "$SHARED"/seeds/000_*.txt 2>/dev/null | head -1)
if [ -z "$SEED" ]; then
	notok "seed 000 is available" "no $SHARED/seeds/000_*.txt"
	exit 1
fi
export DONDOC_TODAY=2026-03-01 DONDOC_EVIDENCE_DIR="$T/ev"
"$BIN" --db "$DB" import "$SEED" >/dev/null 2>&1 && "$BIN" --db "$DB" publish 1 >/dev/null 2>&1
printf 'minutes\n' >"$T/minutes.pdf"
tid=$("$BIN" --db "$DB" status --json | $PY -c '
import json,sys
t=[x for x in json.load(sys.stdin)["tasks"] if x["lead"] and x["lead"][0]][0]
print(t["id"], t["lead"][0], sep="\t")')
lag=$(printf '%s' "$tid" | cut -f2)
tid=$(printf '%s' "$tid" | cut -f1)
"$BIN" --db "$DB" report "$tid" --agency "$lag" --state in_progress --evidence "$T/minutes.pdf" \
	>/dev/null 2>&1

check "check passes on a sound database" sh -c "'$BIN' --db '$DB' check | grep -q ': ok'"
orphan=$T/ev/$(printf 'orphan' | sha256sum | cut -c1-64)
printf 'orphan' >"$orphan"
"$BIN" --db "$DB" check --keep-orphans >"$T/out" 2>&1
if grep -q "cited by no report: kept" "$T/out" && [ -f "$orphan" ]; then
	ok "check --keep-orphans lists an orphan evidence file and keeps it"
else
	notok "check --keep-orphans lists an orphan evidence file and keeps it" "$(cat "$T/out")"
fi
"$BIN" --db "$DB" check >"$T/out" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q "cited by no report: removed" "$T/out" && [ ! -f "$orphan" ] &&
	[ "$(find "$T/ev" -type f | wc -l)" -eq 1 ]; then
	ok "check removes orphan evidence and keeps what reports cite"
else
	notok "check removes orphan evidence and keeps what reports cite" "exit $rc" "$(cat "$T/out")"
fi

# -- PostgreSQL: backup and restore are the server's; a read-only role -----------
if ! sqlite_only; then
	fails "backup on PostgreSQL says to use pg_dump" "pg_dump" "$BIN" --db "$DB" backup "$T/b.db"
	fails "restore on PostgreSQL says to use pg_restore" "pg_restore" "$BIN" --db "$DB" restore "$T/b.db"
	if [ ! -e "$T/b.db" ]; then ok "a refused backup writes no file"; else
		notok "a refused backup writes no file"; fi
	dbname=$(printf '%s' "$DB" | sed 's|^postgresql:///\([^?]*\)?.*|\1|')
	reader=r$dbname
	psql -h "$PG_SOCK" -U dondoc -d "$dbname" -qAtc "CREATE ROLE $reader LOGIN;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO $reader;
ALTER ROLE $reader SET default_transaction_read_only = on" >/dev/null
	RO=$(printf '%s' "$DB" | sed "s/user=dondoc/user=$reader/")
	for cmd in plans tasks "status --json" "export 1"; do
		# shellcheck disable=SC2086
		if "$BIN" --db "$RO" $cmd >"$T/out" 2>"$T/err"; then
			ok "$cmd works for a role that may only read"
		else
			notok "$cmd works for a role that may only read" "$(cat "$T/err")"
		fi
	done
	fails "a write by a role that may only read is refused in words" "read-only for this account" \
		"$BIN" --db "$RO" contacts set "$lag" "x@laocai.gov.vn"
	if "$BIN" --db "$DB" contacts | grep -q "x@laocai.gov.vn"; then
		notok "the refused write left nothing"; else ok "the refused write left nothing"; fi
	exit 0
fi

# -- SQLite: backup and restore of the file ------------------------------------
check "backup writes a checked copy" "$BIN" --db "$DB" backup "$T/b.db"
n=$($PY -c 'import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); print(d.execute("PRAGMA integrity_check").fetchone()[0], d.execute("SELECT COUNT(*) FROM tasks").fetchone()[0])' "$T/b.db")
if [ "$(echo "$n" | cut -d' ' -f1)" = ok ] && [ "$(echo "$n" | cut -d' ' -f2)" -gt 0 ] &&
	[ -z "$(ls "$T" | grep 'b.db.tmp')" ]; then
	ok "the backup is a sound copy, no temporary file left"
else
	notok "the backup is a sound copy, no temporary file left" "$n" "$(ls "$T")"
fi
"$BIN" --db "$DB" contacts set "$lag" "after@laocai.gov.vn" >/dev/null 2>&1
check "restore puts the backup back" "$BIN" --db "$DB" restore "$T/b.db"
if "$BIN" --db "$DB" contacts | grep -q "after@laocai.gov.vn"; then
	notok "what was written after the backup is gone"
else
	ok "what was written after the backup is gone"
fi
cp "$T/b.db" "$T/newer.db"
$PY -c 'import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); d.execute("INSERT INTO schema_migrations VALUES (999, \"x\")"); d.commit()' "$T/newer.db"
fails "restore refuses a backup from a newer dondoc" "newer" "$BIN" --db "$DB" restore "$T/newer.db"

# A damaged copy: garbage over the pages of the tasks table (the schema
# intact, so that the file still opens).
damage() {
	cp "$1" "$2"
	$PY - "$2" <<'PYEOF'
import sqlite3, sys
path = sys.argv[1]
db = sqlite3.connect(path)
db.execute("PRAGMA journal_mode=WAL")  # as dondoc keeps it: opening changes nothing
root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'tasks'").fetchone()[0]
size = db.execute("PRAGMA page_size").fetchone()[0]
db.close()
with open(path, "r+b") as f:
    f.seek((root - 1) * size + 8)
    f.write(bytes((i * 37 + 11) % 256 for i in range(size - 16)))
PYEOF
}
damage "$T/b.db" "$T/bad.db"
fails "restore refuses a damaged backup" "damaged" "$BIN" --db "$DB" restore "$T/bad.db"
check "the database is untouched by refused restores" sh -c "'$BIN' --db '$DB' check | grep -q ': ok'"

# -- a damaged database is not written --------------------------------------------
before=$(cat "$T/bad.db" | sha256sum)
fails "a write into a damaged database is refused, saying how to restore" "damaged.*restore" \
	"$BIN" --db "$T/bad.db" contacts set "$lag" "x@laocai.gov.vn"
fails "report into a damaged database is refused" "damaged" \
	"$BIN" --db "$T/bad.db" report "$tid" --agency "$lag" --state done
after=$(cat "$T/bad.db" | sha256sum)
if [ "$before" = "$after" ]; then ok "the damaged file was not changed"; else
	notok "the damaged file was not changed"; fi
"$BIN" --db "$T/bad.db" check >"$T/out" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "^problem: " "$T/out" && grep -q "restore" "$T/out"; then
	ok "check lists the damage and exits 1"
else
	notok "check lists the damage and exits 1" "exit $rc" "$(head -5 "$T/out")"
fi

# -- a database nobody may write ------------------------------------------------------
mkdir "$T/ro"
"$BIN" --db "$DB" backup "$T/ro/ro.db" >/dev/null 2>&1
chmod 0444 "$T/ro/ro.db"
chmod 0555 "$T/ro"
as_reader() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
	# root writes anywhere: read as nobody, who cannot.
	chmod 0755 "$T"
	as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
fi
for cmd in plans tasks "status --json" "export 1"; do
	# shellcheck disable=SC2086
	if as_reader "$BIN" --db "$T/ro/ro.db" $cmd >"$T/out" 2>"$T/err"; then
		ok "$cmd works on a read-only database"
	else
		notok "$cmd works on a read-only database" "$(cat "$T/err")"
	fi
done
if as_reader "$BIN" --db "$T/ro/ro.db" contacts set "$lag" "x@laocai.gov.vn" >"$T/out" 2>"$T/err"; then
	notok "a write to a read-only database fails"
else
	ok "a write to a read-only database fails"
fi
chmod 0755 "$T/ro"
chmod 0644 "$T/ro/ro.db"
