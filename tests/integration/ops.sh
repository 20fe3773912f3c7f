# ops.sh - one core under every face (issue 8) and the output and input
# checks of issue 14 that live there: one meaning per filter in tasks and
# status, no pattern characters in filters, output write errors, invalid
# UTF-8 refused at the entry, evidence bounded and never orphaned.
. "$(dirname "$0")/../lib.sh"
unset DONDOC_TODAY DONDOC_EVIDENCE DONDOC_EVIDENCE_DIR DONDOC_MAX_EVIDENCE_BYTES \
	DONDOC_MAX_REPORT_EVIDENCE_BYTES DONDOC_USER
SEED=$(ls "$SHARED"/seeds/000_*.txt 2>/dev/null | head -1)
if [ -z "$SEED" ]; then
	notok "seed 000 is available" "no $SHARED/seeds/000_*.txt"
	exit 1
fi
"$BIN" --db "$DB" import "$SEED" >/dev/null 2>&1 && "$BIN" --db "$DB" publish 1 >/dev/null 2>&1
export DONDOC_TODAY=2026-03-01

# -- one meaning per filter --------------------------------------------------
AG="Sở Dân tộc và Tôn giáo"
ntasks() { "$BIN" --db "$DB" tasks "$@" | sed -n 's/^(\([0-9]*\) tasks)$/\1/p'; }
nstatus() {
	"$BIN" --db "$DB" status --json "$@" | $PY -c 'import json,sys; print(json.load(sys.stdin)["total"]["total"])'
}
t=$(ntasks --agency "$AG")
s=$(nstatus --agency "$AG")
if [ -n "$t" ] && [ "$t" -ge 1 ] && [ "$t" = "$s" ]; then
	ok "tasks and status agree on --agency (leads or coordinates): $t"
else
	notok "tasks and status agree on --agency (leads or coordinates)" "tasks: $t, status: $s"
fi
t=$(ntasks --agency "$AG" --lead-only)
s=$(nstatus --agency "$AG" --lead-only)
if [ -n "$t" ] && [ "$t" = "$s" ] && [ "$t" -lt "$(ntasks --agency "$AG")" ]; then
	ok "--lead-only narrows both to the tasks it leads: $t"
else
	notok "--lead-only narrows both to the tasks it leads" "tasks: $t, status: $s"
fi
n=$(ntasks --leader '%')
if [ "$n" = 0 ]; then ok "tasks --leader '%' lists nothing ('%' is no pattern)"; else
	notok "tasks --leader '%' lists nothing ('%' is no pattern)" "listed $n"; fi
n=$(ntasks --agency '_')
if [ "$n" = 0 ]; then ok "tasks --agency '_' lists nothing"; else
	notok "tasks --agency '_' lists nothing" "listed $n"; fi
n=$(nstatus --leader '%')
if [ "$n" = 0 ]; then ok "status --leader '%' counts nothing"; else
	notok "status --leader '%' counts nothing" "counted $n"; fi

# -- output errors -------------------------------------------------------------
if [ -w /dev/full ]; then
	for cmd in "export 1" "tasks" "plans" "status --json" "status" "history 1" "help config"; do
		# shellcheck disable=SC2086
		"$BIN" --db "$DB" $cmd >/dev/full 2>"$T/err"
		rc=$?
		if [ "$rc" -eq 1 ] && grep -q "cannot write" "$T/err"; then
			ok "$cmd > /dev/full exits 1 and says why"
		else
			notok "$cmd > /dev/full exits 1 and says why" "exit $rc" "$(cat "$T/err")"
		fi
	done
else
	notok "/dev/full is writable here"
fi

# -- text entering through arguments ------------------------------------------
before=$("$BIN" --db "$DB" history 3)
fails "edit --value with invalid UTF-8 is refused" "UTF-8" \
	"$BIN" --db "$DB" edit 3 --field result --value "$(printf 'bad \377')" --reason "x"
fails "edit --reason with invalid UTF-8 is refused" "UTF-8" \
	"$BIN" --db "$DB" edit 3 --field result --value "ok" --reason "$(printf 'r \377')"
after=$("$BIN" --db "$DB" history 3)
if [ "$before" = "$after" ]; then ok "a refused edit leaves no history"; else
	notok "a refused edit leaves no history" "$after"; fi
fails "contacts set refuses an address with invalid UTF-8" "not an e-mail address" \
	"$BIN" --db "$DB" contacts set "$AG" "$(printf 'a\377@b.vn')"
fails "contacts set refuses a name with invalid UTF-8" "UTF-8" \
	"$BIN" --db "$DB" contacts set "$(printf 'S\377')" "a@b.vn"
fails "report --note with invalid UTF-8 is refused" "UTF-8" \
	"$BIN" --db "$DB" report 3 --agency "$AG" --state in_progress --note "$(printf 'n \377')"
if "$BIN" --db "$DB" contacts | grep -q "a@b.vn"; then notok "no contact was stored"; else
	ok "no contact was stored"; fi

# -- evidence --------------------------------------------------------------------
export DONDOC_EVIDENCE_DIR="$T/ev"
head -c 5000 /dev/zero >"$T/minutes.pdf"
lead=$("$BIN" --db "$DB" status --json --tasks | $PY -c '
import json,sys
t=[x for x in json.load(sys.stdin)["tasks"] if x["lead"] and x["lead"][0]][0]
print(t["id"]); print(t["lead"][0])')
tid=$(echo "$lead" | sed -n 1p)
lag=$(echo "$lead" | sed -n 2p)
DONDOC_MAX_EVIDENCE_BYTES=4096 fails "evidence over DONDOC_MAX_EVIDENCE_BYTES is refused" "4096" \
	"$BIN" --db "$DB" report "$tid" --agency "$lag" --state in_progress --evidence "$T/minutes.pdf"
fails "a refused report (unknown correction) is refused" "." \
	"$BIN" --db "$DB" report "$tid" --agency "$lag" --state in_progress --replaces 9999 \
	--evidence "$T/minutes.pdf"
n=$(find "$T/ev" -type f 2>/dev/null | wc -l)
if [ "$n" -eq 0 ]; then ok "refused reports leave no evidence file"; else
	notok "refused reports leave no evidence file" "$(find "$T/ev" -type f)"; fi
check "a report with evidence is stored" \
	"$BIN" --db "$DB" report "$tid" --agency "$lag" --state in_progress --evidence "$T/minutes.pdf"
n=$(find "$T/ev" -type f | wc -l)
if [ "$n" -eq 1 ]; then ok "its evidence is kept in DONDOC_EVIDENCE_DIR"; else
	notok "its evidence is kept in DONDOC_EVIDENCE_DIR" "$n files"; fi

check "help config lists every setting with its default" sh -c \
	"'$BIN' help config | grep -q 'DONDOC_EVIDENCE_DIR' && '$BIN' help config | grep -q 'DONDOC_DUE_SOON_DAYS *5'"

# -- a held write lock -------------------------------------------------------------
$PY - "$DB" "$T/locked" "$ROOT/tests" <<'PYEOF' &
import sqlite3, sys, time
sys.path.insert(0, sys.argv[3])
import dbtest
if dbtest.is_pg(sys.argv[1]):
    db = dbtest.connect(sys.argv[1])
    db.execute("BEGIN")
    db.execute("LOCK TABLE agency_contacts IN ACCESS EXCLUSIVE MODE")
else:
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(4)
db.execute("ROLLBACK")
PYEOF
LOCKER=$!
i=0
while [ ! -f "$T/locked" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
start=$(date +%s)
DONDOC_BUSY_MS=300 "$BIN" --db "$DB" contacts set "$AG" "dtg@laocai.gov.vn" >"$T/out" 2>"$T/err"
rc=$?
took=$(($(date +%s) - start))
wait "$LOCKER"
if [ "$rc" -eq 1 ] && grep -q "the database is busy (another dondoc is writing); try again" "$T/err" &&
	! grep -qi "locked\|BEGIN" "$T/err" && [ "$took" -lt 3 ]; then
	ok "a held lock gives 'the database is busy ...; try again' after DONDOC_BUSY_MS"
else
	notok "a held lock gives 'the database is busy ...; try again' after DONDOC_BUSY_MS" \
		"exit $rc after ${took}s" "$(cat "$T/err")"
fi
check "after the lock is released the same command succeeds" \
	"$BIN" --db "$DB" contacts set "$AG" "dtg@laocai.gov.vn"
