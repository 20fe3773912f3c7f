# pg_concurrency.sh - several dondoc processes on one PostgreSQL database at
# once (tests/pg.sh cluster): reports filed in parallel on the same tasks are
# all kept (serialisation failures are retried, never lost), and reminders
# started at the same instant by several processes go out once.
# store: postgresql (starts its own cluster: runs once)
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/pg.sh"

export DONDOC_NOW=2026-01-01T08:00:00Z DONDOC_TODAY=2026-06-30
export DONDOC_OUTBOX="$T/outbox" DONDOC_EVIDENCE="$T/evidence"
unset DONDOC_SMTP_URL DONDOC_MAIL_FROM DONDOC_USER
SEED=$(ls "$SHARED"/seeds/000_*.txt 2>/dev/null | head -1)
LEAD="Ban Tuyên giáo và Dân vận Tỉnh ủy"
PSQL=/usr/lib/postgresql/15/bin/psql

if pg_start; then ok "throwaway PostgreSQL 15 cluster starts"; else exit 1; fi
db=$DONDOC_PG_URL
sql() { "$PSQL" "$db" -qAtc "$1"; }
check "seed 000 imported and published" sh -c \
	"'$BIN' --db '$db' import '$SEED' && '$BIN' --db '$db' publish 1"

# Six processes, five reports each, on tasks 1-3 at the same time.
for p in 1 2 3 4 5 6; do
	(
		for k in 1 2 3 4 5; do
			"$BIN" --db "$db" report $(((p + k) % 3 + 1)) --agency "$LEAD" \
				--state in_progress --note "p$p k$k"
		done
	) >"$T/rep.$p" 2>&1 &
done
wait
acked=$(cat "$T"/rep.* | sed -n 's/^report \([0-9][0-9]*\): task.*/\1/p' | sort -n)
stored=$(sql "SELECT id FROM progress_reports ORDER BY id")
nacked=$(printf '%s\n' "$acked" | grep -c .)
if [ "$nacked" -eq 30 ]; then ok "30 parallel reports acknowledged"; else
	notok "30 parallel reports acknowledged" "got $nacked" "$(grep -v '^report\|^  ' "$T"/rep.* | head -5)"
fi
if [ "$acked" = "$stored" ]; then ok "every acknowledged report is stored, none more"; else
	notok "every acknowledged report is stored, none more" "acked: $(echo $acked)" \
		"stored: $(echo $stored)"
fi
audit=$(sql "SELECT COUNT(*) FROM audit_log WHERE entity = 'progress_report'")
if [ "$audit" -eq 30 ]; then ok "each report has its audit row"; else
	notok "each report has its audit row" "$audit audit rows for 30 reports"
fi

# The messages one run would send; then four processes at the same instant.
msgs=$("$BIN" --db "$db" remind --dry-run 2>&1 | sed -n 's/^\([0-9][0-9]*\) messages:.*/\1/p')
for p in 1 2 3 4; do "$BIN" --db "$db" remind >"$T/rem.$p" 2>&1 & done
wait
# Outbox files are named by the reminder, so a second send would overwrite
# the first: count what each process says it wrote instead.
written=$(cat "$T"/rem.* | sed -n 's/.* \([0-9][0-9]*\) written to .*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
files=$(ls "$T/outbox" 2>/dev/null | grep -c '\.eml$')
rows=$(sql "SELECT COUNT(*) FROM reminders")
if [ -n "$msgs" ] && [ "$msgs" -gt 0 ] && [ "${written:-0}" -eq "$msgs" ] &&
	[ "$files" -eq "$msgs" ] && [ "$rows" -eq "$msgs" ]; then
	ok "four remind processes at once send each of the $msgs reminders once"
else
	notok "four remind processes at once send each reminder once" \
		"dry run: ${msgs:-?} messages; written in all: ${written:-0}; outbox: $files files;" \
		"reminders rows: $rows" "$(cat "$T"/rem.* | grep -v '^  ' | head -8)"
fi
# Six processes import one new file at the same moment: it is stored once,
# the other five say "already imported" (docs/reliability.md).
SEED1=$(ls "$SHARED"/seeds/001_*.txt 2>/dev/null | head -1)
for p in 1 2 3 4 5 6; do "$BIN" --db "$db" import "$SEED1" >"$T/imp.$p" 2>&1 & done
wait
docs=$(sql "SELECT COUNT(*) FROM documents WHERE source = '$SEED1'")
plans=$(sql "SELECT COUNT(*) FROM plans p JOIN documents d ON d.id = p.document_id WHERE d.source = '$SEED1'")
stored=$(grep -l "tasks," "$T"/imp.* | wc -l)
already=$(grep -l "already imported" "$T"/imp.* | wc -l)
if [ "$docs" -eq 1 ] && [ "$plans" -eq 1 ] && [ "$stored" -eq 1 ] && [ "$already" -eq 5 ]; then
	ok "six imports of one file at once store it once; five say already imported"
else
	notok "six imports of one file at once store it once; five say already imported" \
		"documents: $docs, plans: $plans, stored: $stored, already: $already" \
		"$(grep -hv 'tasks,\|already imported' "$T"/imp.* | head -4)"
fi
if grep -q "Sanitizer\|runtime error" "$T"/rem.* "$T"/rep.* "$T"/imp.*; then
	notok "no sanitizer report from the parallel processes" "$(grep -h -m3 Sanitizer "$T"/rem.* "$T"/rep.* "$T"/imp.*)"
else
	ok "no sanitizer report from the parallel processes"
fi
pg_stop
