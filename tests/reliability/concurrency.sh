# concurrency.sh - many dondoc processes on one database at once (sourced by
# tests/integration/reliability.sh, which provides lib.sh and $FIG).
#
#   - 8 processes opening a new database: every one succeeds (finding 1);
#   - 4 processes importing one file: one plan, the others "already imported"
#     (finding 2);
#   - 8 writers filing reports: every acknowledged report is stored.
SAMPLE=$ROOT/tests/data/general/markdown-table.txt
# The databases live in memory (/dev/shm) when it exists: locking is the
# same there, and the runs do not wait on the disk's fsync.
C=$(mktemp -d /dev/shm/dondoc-cc.XXXXXX 2>/dev/null) || C=$(mktemp -d "$T/cc.XXXXXX")

# run_parallel N OUT CMD...: runs CMD N times at once; OUT.i holds the output
# and OUT.i.rc the exit status of run i.
run_parallel() {
	n=$1 out=$2
	shift 2
	i=0
	while [ "$i" -lt "$n" ]; do
		("$@" >"$out.$i" 2>&1; echo $? >"$out.$i.rc") &
		i=$((i + 1))
	done
	wait
}

# failures OUT N: how many of the N runs exited non-zero.
failures() {
	f=0 i=0
	while [ "$i" -lt "$2" ]; do
		[ "$(cat "$1.$i.rc")" = 0 ] || f=$((f + 1))
		i=$((i + 1))
	done
	echo "$f"
}

# 1. Migrations: 12 rounds of 8 processes on a new database.
rounds=$((12 / SCALE))
# On PostgreSQL each round makes a database (CREATE DATABASE, ~1 s): fewer.
sqlite_only || rounds=$((4 / SCALE))
bad=0 msg=
round=0
while [ "$round" -lt "$rounds" ]; do
	db=$C/mig$round.db
	sqlite_only || db=$(new_db "mig$round")
	run_parallel 8 "$T/mig" "$BIN" --db "$db" init
	f=$(failures "$T/mig" 8)
	if [ "$f" -ne 0 ]; then
		bad=$((bad + f))
		msg=$(cat "$T"/mig.[0-9] | grep -v "database ready" | head -2)
	fi
	rm -f "$db" "$db-wal" "$db-shm"
	round=$((round + 1))
done
opens=$((rounds * 8))
if [ "$bad" -eq 0 ]; then ok "8 processes opening a new database at once: $opens of $opens succeed"; else
	notok "8 processes opening a new database at once: $opens of $opens succeed" "$bad failed" "$msg"; fi
echo "migrations: $opens opens, $bad failed" >>"$FIG"

# 2. The same file imported by 4 processes at once, 8 rounds.
rounds=$((8 / SCALE))
sqlite_only || rounds=$((4 / SCALE))
extra=0 bad=0 said=0
round=0
while [ "$round" -lt "$rounds" ]; do
	db=$C/dup$round.db
	sqlite_only || db=$(new_db "dup$round")
	"$BIN" --db "$db" init >/dev/null 2>&1
	run_parallel 4 "$T/dup" "$BIN" --db "$db" import "$SAMPLE"
	bad=$((bad + $(failures "$T/dup" 4)))
	n=$("$BIN" --db "$db" plans 2>/dev/null | grep -c " draft ")
	extra=$((extra + n - 1))
	said=$((said + $(cat "$T"/dup.[0-9] | grep -c "already imported")))
	rm -f "$db" "$db-wal" "$db-shm"
	round=$((round + 1))
done
if [ "$extra" -eq 0 ] && [ "$bad" -eq 0 ] && [ "$said" -eq $((rounds * 3)) ]; then
	ok "4 processes importing one file at once: 1 plan, the 3 others 'already imported' ($rounds rounds)"
else
	notok "4 processes importing one file at once: 1 plan, the 3 others 'already imported' ($rounds rounds)" \
		"extra plans $extra, failed runs $bad, 'already imported' said $said of $((rounds * 3))"
fi
echo "duplicate imports: $((rounds * 4)) runs in $rounds rounds, $extra extra plans" >>"$FIG"

# 3. Eight writers, 8 reports each (fewer under sanitizers), on one published plan.
per=$((8 / SCALE))
db=$C/writers.db
sqlite_only || db=$(new_db writers)
"$BIN" --db "$db" import "$SAMPLE" >/dev/null 2>&1
"$BIN" --db "$db" publish 1 >/dev/null 2>&1
writer() { # writer W: files $per reports, printing the note of each acknowledged one
	j=0
	while [ "$j" -lt "$per" ]; do
		if "$BIN" --db "$db" report 1 --agency "Sở Tư pháp" --state in_progress \
			--note "w$1-r$j" >/dev/null 2>&1; then echo "w$1-r$j"; fi
		j=$((j + 1))
	done
}
w=0
while [ "$w" -lt 8 ]; do
	writer "$w" >"$T/ack.$w" &
	w=$((w + 1))
done
wait
cat "$T"/ack.[0-9] | sort >"$T/acked"
"$BIN" --db "$db" history 1 2>/dev/null | grep -o "w[0-9]-r[0-9]*" | sort >"$T/present"
acked=$(grep -c . "$T/acked") present=$(grep -c . "$T/present")
total=$((per * 8))
if [ "$acked" -eq "$total" ] && cmp -s "$T/acked" "$T/present"; then
	ok "8 writers filing $total reports at once: all acknowledged and all stored"
else
	notok "8 writers filing $total reports at once: all acknowledged and all stored" \
		"acknowledged $acked, stored $present"
fi
echo "writers: $total reports, $acked acknowledged, $present stored" >>"$FIG"
rm -rf "$C"
