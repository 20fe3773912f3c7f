# killloop.sh - the kill -9 loop (sourced by tests/integration/reliability.sh):
# killloop.py kills 200 dondoc writes at random points once each has the
# database open, then checks integrity, whole plans and acknowledged reports.
SEED=$(ls "$SHARED"/seeds/0*.txt 2>/dev/null | head -1)
if [ -z "$SEED" ]; then
	notok "kill -9 loop: a seed plan in $SHARED/seeds"
else
	mkdir -p "$T/kill"
	$PY "$R/killloop.py" "$BIN" "$T/kill" "$SEED" "$ROOT/tests/data/general/markdown-table.txt" \
		"${KILL_CYCLES:-$((200 / SCALE))}" >"$T/kill.out" 2>&1
	grep -v '^figures: ' "$T/kill.out"
	grep -q '^figures: ' "$T/kill.out" || notok "kill -9 loop ran to the end" "$(tail -3 "$T/kill.out")"
	sed -n 's/^figures: /kill -9 loop: /p' "$T/kill.out" >>"$FIG"
fi
