# faults.sh - writes that fail (sourced by tests/integration/reliability.sh):
# a full disk (a small tmpfs when this run may mount one, as root in CI) and
# the store's fault injection (DONDOC_STORE_FAIL_AFTER=N fails the Nth
# write). Every failed import exits 1 with a message and leaves the database
# whole and unchanged; once space is back the import goes through.
SAMPLE=$ROOT/tests/data/general/markdown-table.txt
SEED=$(ls "$SHARED"/seeds/0*.txt 2>/dev/null | head -1)

# integrity DB: prints "ok" when integrity_check and foreign_key_check pass.
integrity() {
	$PY -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
r = c.execute("PRAGMA integrity_check").fetchone()[0]
print(r if r != "ok" or not c.execute("PRAGMA foreign_key_check").fetchall() else "ok")' "$1" 2>&1
}

F=$T/full
mkdir -p "$F"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=768k tmpfs "$F" 2>/dev/null; then
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
else
	echo "disk full: no tmpfs (not root); fault injection only" >>"$FIG"
fi

# Fault injection: the Nth write of an import fails, at points spread over
# the whole import (a seed plan takes several hundred writes), then without.
db=$T/inject.db
"$BIN" --db "$db" import "$SAMPLE" >/dev/null 2>&1
before=$("$BIN" --db "$db" plans 2>&1)
bad= tried=0 through=0
for n in 1 2 3 5 8 13 21 34 55 89 144 233 377 610 987 1597; do
	if DONDOC_STORE_FAIL_AFTER=$n "$BIN" --db "$db" import --again "$SEED" >/dev/null 2>"$T/err"; then
		through=1 # the import needs fewer than n writes
		break
	fi
	tried=$((tried + 1))
	grep -q "not imported" "$T/err" || bad="$bad $n"
done
after=$("$BIN" --db "$db" plans 2>&1 | head -2)
if [ -z "$bad" ] && [ "$before" = "$after" ] && [ "$("$BIN" --db "$db" plans | grep -c draft)" -eq $((1 + through)) ] &&
	[ "$(integrity "$db")" = ok ]; then
	ok "fault injection: an import failing at $tried points leaves nothing behind"
else
	notok "fault injection: an import failing at $tried points leaves nothing behind" \
		"no message at:$bad" "$after" "$(integrity "$db")"
fi
check "fault injection: without it the import goes through" \
	"$BIN" --db "$db" import --again "$SEED"
echo "fault injection: $tried failing points of one import, database unchanged" >>"$FIG"
