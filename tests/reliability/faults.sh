# faults.sh - writes that fail (sourced by tests/integration/reliability.sh):
# a full disk (a small tmpfs when this run may mount one, as root in CI) and
# the store's fault injection (DONDOC_STORE_FAIL_AFTER=N fails the Nth
# write). Every failed import exits 1 with a message and leaves the database
# whole and unchanged; once space is back the import goes through.
SAMPLE=$ROOT/tests/data/general/markdown-table.txt
SEED=$(ls "$SHARED"/seeds/0*.txt 2>/dev/null | head -1)

# integrity DB: prints "ok" when integrity_check and foreign_key_check pass
# (PostgreSQL checks its constraints on every write).
integrity() {
	sqlite_only || { echo ok; return; }
	$PY -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
r = c.execute("PRAGMA integrity_check").fetchone()[0]
print(r if r != "ok" or not c.execute("PRAGMA foreign_key_check").fetchall() else "ok")' "$1" 2>&1
}

F=$T/full
mkdir -p "$F"
if sqlite_only && [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=768k tmpfs "$F" 2>/dev/null; then
	db=$F/f.db
	"$BIN" --db "$db" import "$SAMPLE" >/dev/null 2>&1
	before=$("$BIN" --db "$db" plans 2>&1)
	dd if=/dev/zero of="$F/fill" bs=4096 2>/dev/null
	fails "disk full: import fails with a message" "no space|disk|full|I/O" \
		"$BIN" --db "$db" import --again "$SEED"
	rm -f "$F/fill"
	after=$("$BIN" --db "$db" plans 2>&1)
	if [ "$before" = "$after" ] && [ "$(integrity "$db")" = ok ]; then
		ok "disk full: the database is whole and unchanged"
	else
		notok "disk full: the database is whole and unchanged" "$before" "$after" "$(integrity "$db")"
	fi
	check "disk full: with space back the import goes through" \
		"$BIN" --db "$db" import --again "$SAMPLE"
	umount "$F"
	echo "disk full: on a 768 KiB tmpfs" >>"$FIG"
elif sqlite_only; then
	echo "disk full: no tmpfs (not root); fault injection only" >>"$FIG"
fi

# Fault injection (DONDOC_STORE_FAIL_AFTER=N, src/store/store_fault.c): the
# Nth store write fails after the backend ran it, so that what is tested is
# the operation's rollback (one operation = one transaction). The count is of
# store writes, not SQL statements: a command is one operation, and its
# store writes are counted (an import: the plan, however many rows, then its
# source lines). Every writing command is failed at each of its writes and
# must exit 1 with a message and leave every table of the database exactly as
# it was; one write more lets it through.
# dump DB: a checksum of every row of every table.
dump() {
	$PY -c 'import sys, hashlib
sys.path.insert(0, sys.argv[2])
import dbtest
c = dbtest.connect(sys.argv[1])
h = hashlib.sha256()
tables = ("SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY 1", ("public",)) \
    if dbtest.is_pg(sys.argv[1]) else \
    ("SELECT name FROM sqlite_master WHERE type = ? ORDER BY name", ("table",))
for (t,) in c.execute(*tables).fetchall():
    for r in c.execute("SELECT * FROM \"%s\" ORDER BY 1" % t).fetchall():
        h.update(repr(r).encode())
print(h.hexdigest())' "$1" "$ROOT/tests" 2>&1
}
db=$T/inject.db
sqlite_only || db=$(new_db inject)
"$BIN" --db "$db" import "$SAMPLE" >/dev/null 2>&1
bad= tried=0
# inject NAME W ARGS...: the command, whose operation makes W store writes,
# fails at each of them in turn and changes nothing, then goes through with
# the failure one write later.
inject() {
	name=$1 writes=$2
	shift 2
	n=1
	while [ "$n" -le "$writes" ]; do
		before=$(dump "$db")
		# A dump that failed would compare equal to itself: a checksum or a failure.
		[ ${#before} -eq 64 ] || bad="$bad $name(N=$n: no checksum: $before)"
		if DONDOC_STORE_FAIL_AFTER=$n "$BIN" --db "$db" "$@" >/dev/null 2>"$T/err" ||
			! grep -q "injected write failure" "$T/err" || [ "$(dump "$db")" != "$before" ]; then
			bad="$bad $name(N=$n)"
		fi
		tried=$((tried + 1))
		n=$((n + 1))
	done
	if ! DONDOC_STORE_FAIL_AFTER=$n "$BIN" --db "$db" "$@" >/dev/null 2>"$T/err"; then
		bad="$bad $name(N=$n:$(head -c 200 "$T/err"))"
	fi
}
# An import is two writes: the plan, then its document's source lines.
inject import 2 import --again "$SEED"
inject publish 1 publish 1
inject edit 1 edit 1 --field result --value "03 báo cáo" --reason "đính chính"
inject report 1 report 1 --agency "Sở Tư pháp" --state done --date 2025-06-20
inject confirm 1 confirm 1 --date 2025-06-25
inject contact 1 contacts set "Sở Tư pháp" stp@example.vn
inject alias 1 agencies alias "Sở TP" "Sở Tư pháp"
inject people 1 people alias "Nguyen Van A" "Nguyễn Văn A"
if [ -z "$bad" ] && [ "$(integrity "$db")" = ok ]; then
	ok "fault injection: $tried failures of 8 operations at their writes leave every table unchanged"
else
	notok "fault injection: $tried failures of 8 operations at their writes leave every table unchanged" \
		"failed:$bad" "$(integrity "$db")"
fi
out=$(DONDOC_STORE_FAIL_AFTER=1 "$BIN" --db "$db" import --again "$SEED" 2>&1)
if printf '%s' "$out" | grep -q "not imported"; then
	ok "fault injection: a failed import says it was not imported"
else
	notok "fault injection: a failed import says it was not imported" "$out"
fi
check "fault injection: without it the import goes through" \
	"$BIN" --db "$db" import --again "$SEED"
echo "fault injection: $tried failures at the store writes of 8 operations, database unchanged each time" >>"$FIG"
