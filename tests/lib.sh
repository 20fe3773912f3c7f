# lib.sh - helpers for integration tests on the real binary (sourced).
#
# Each check prints "ok - NAME" or "not ok - NAME" (tests/run counts them).
# $DONDOC_BIN is the binary, $DONDOC_SHARED the shared folder; every test
# gets a fresh temporary folder $T with its own database $DB.
set -u
BIN=${DONDOC_BIN:?DONDOC_BIN must name the dondoc binary}
SHARED=${DONDOC_SHARED:-../shared}
ROOT=${DONDOC_ROOT:-.}
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
unset DONDOC_DB DONDOC_STORE_FAIL_AFTER

# The backend the test runs on: tests/run runs every script that uses the
# store twice, on SQLite and then with DONDOC_TEST_BACKEND=postgresql and
# DONDOC_TEST_PG naming the socket folder of the throwaway cluster it started
# (tests/pg.sh). A script names its databases with new_db and reads them with
# db_sql or tests/dbtest.py, never by file name.
BACKEND=${DONDOC_TEST_BACKEND:-sqlite}
PG_SOCK=${DONDOC_TEST_PG:-}
NEWDB_N=0

# new_db NAME: the address of a fresh, empty database (a file in $T on
# SQLite, a new database in the test cluster on PostgreSQL).
new_db() {
	if [ "$BACKEND" != postgresql ]; then
		echo "$T/$1.db"
		return 0
	fi
	# The name too: new_db runs in a $(...) subshell, where the count
	# does not carry over to the next call.
	NEWDB_N=$((NEWDB_N + 1))
	name=t$(basename "$T" | tr -dc 'A-Za-z0-9' | tr 'A-Z' 'a-z')_$NEWDB_N$(printf %s "$1" | tr -dc 'a-z0-9')
	psql -h "$PG_SOCK" -U dondoc -d postgres -qAtc "CREATE DATABASE $name" >/dev/null ||
		{ echo "new_db: cannot create database $name in $PG_SOCK" >&2; return 1; }
	echo "postgresql:///$name?host=$PG_SOCK&user=dondoc"
}

# db_sql DB SQL [PARAM...]: the rows of SQL ("?" placeholders), one per line,
# columns separated by tabs, on either backend.
db_sql() { $PY "$ROOT/tests/dbtest.py" "$@"; }

# sqlite_only: true on SQLite, false on PostgreSQL: guards the checks of
# what only a database file has (backup/restore of
# the file, WAL, a read-only file); the PostgreSQL twins are in pg.sh.
sqlite_only() { [ "$BACKEND" != postgresql ]; }

if [ "$BACKEND" = postgresql ] && [ -z "$PG_SOCK" ]; then
	echo "not ok - lib.sh: DONDOC_TEST_BACKEND=postgresql without DONDOC_TEST_PG"
	exit 1
fi
DB=$(new_db test) || { echo "not ok - lib.sh: no database"; exit 1; }

ok() { echo "ok - $1"; }
notok() {
	echo "not ok - $1"
	shift
	for line in "$@"; do echo "#   $line"; done
}

# check NAME COMMAND...: passes when COMMAND exits 0.
check() {
	name=$1
	shift
	if "$@" >"$T/out" 2>"$T/err"; then ok "$name"; else notok "$name" "$(head -c 600 "$T/err")"; fi
}

# fails NAME PATTERN COMMAND...: passes when COMMAND exits non-zero and its
# standard error matches the extended regex PATTERN.
fails() {
	name=$1
	pat=$2
	shift 2
	if "$@" >"$T/out" 2>"$T/err"; then
		notok "$name" "exited 0, expected a failure"
	elif grep -Eq "Sanitizer|runtime error:" "$T/err"; then
		# Under make check an error path that leaks or misbehaves fails too.
		notok "$name" "$(grep -E -m3 "Sanitizer|runtime error:" "$T/err")"
	elif grep -Eq "$pat" "$T/err"; then
		ok "$name"
	else
		notok "$name" "stderr did not match /$pat/:" "$(head -c 600 "$T/err")"
	fi
}

# valid_plan_json FILE: the file is plan/1 JSON with the spec's top-level keys.
valid_plan_json() {
	$PY - "$1" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["format"] == "plan/1", d.get("format")
for k in ("document", "targets", "tasks", "indicators", "reporting"):
    assert k in d, k
for k in ("number", "kind", "issuer", "place", "date", "year", "title"):
    assert k in d["document"], k
for t in d["tasks"]:
    for k in ("ref", "section", "text", "lead", "lead_groups", "coordinate",
              "coordinate_groups", "leader", "supervisor", "due", "result", "targets"):
        assert k in t, k
PYEOF
}

db_state() { # a fingerprint of what the database holds
	"$BIN" --db "$DB" plans 2>&1
	"$BIN" --db "$DB" tasks 2>&1 | tail -1
}

# same_tasks A.json B.json [exact|layout|ocr]: B holds A's tasks
# (tests/fixtures/same_tasks.py says what each mode compares).
same_tasks() { $PY "$ROOT/tests/fixtures/same_tasks.py" "$@"; }

# refused NAME FILE PATTERN: the hostile file $H/FILE is refused by extract and
# import with exit 1, a message naming the file and matching PATTERN, and the
# database untouched.
refused() {
	f="$H/$2"
	fails "$1: extract refuses it" "$2: .*($3)" "$BIN" extract "$f"
	"$BIN" extract "$f" >/dev/null 2>&1
	rc=$?
	if [ "$rc" -eq 1 ]; then ok "$1: exit status 1"; else notok "$1: exit status 1" "got $rc"; fi
	before=$(db_state)
	fails "$1: import refuses it" "$2: .*($3)" "$BIN" --db "$DB" import "$f"
	after=$(db_state)
	if [ "$before" = "$after" ]; then ok "$1: database untouched"; else
		notok "$1: database untouched" "$before" "$after"; fi
}

# serve_start DB ARGS...: `dondoc --db DB serve --listen 127.0.0.1:0 ARGS...`
# in the background; sets SERVER (its pid) and PORT (empty when it did not
# start within 10 s; its messages are in $T/serve.log). The EXIT trap ends it.
serve_start() {
	serve_db=$1
	shift
	"$BIN" --db "$serve_db" serve --listen 127.0.0.1:0 "$@" >"$T/serve.out" 2>"$T/serve.log" &
	SERVER=$!
	i=0
	while ! grep -q "serving on" "$T/serve.out" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	PORT=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$T/serve.out")
}

# seed_env: $SEED = seed 000 (a failure when it is missing), a fixed today,
# and no clock, actor or evidence folder inherited from the caller.
seed_env() {
	SEED=$(ls "$SHARED"/seeds/000_*.txt 2>/dev/null | head -1)
	unset DONDOC_NOW DONDOC_USER DONDOC_EVIDENCE
	export DONDOC_TODAY=2026-07-10
	if [ -z "$SEED" ]; then
		notok "seed 000 is available" "no $SHARED/seeds/000_*.txt"
		return 1
	fi
}
