# as_user.sh - the CLI acts for a stored user with --as LOGIN: every
# operation is then checked against that user's role and agency, by the same
# rules as the web (authorisation lives in src/ops/ops.c), and a refusal
# writes nothing.
. "$(dirname "$0")/../lib.sh"
export DONDOC_TODAY=2026-03-20
seed=$(ls "$SHARED"/seeds/000_*.txt | head -n 1)
D() { "$BIN" --db "$DB" "$@"; }

D import "$seed" >/dev/null 2>&1 && D publish 1 >/dev/null 2>&1 &&
	echo 'offic-pass-1' | D user add vh --role officer --agency "Sở VHTTDL" >/dev/null 2>&1 &&
	echo 'offic-pass-2' | D user add tc --role officer --agency "Sở Tài chính" >/dev/null 2>&1 &&
	echo 'view-pass-01' | D user add xem --role viewer >/dev/null 2>&1 ||
	{ notok "setup: import, publish, users" "$(D plans 2>&1 | tail -3)"; exit 0; }

# A task Sở VHTTDL leads that Sở Tài chính neither leads nor coordinates.
task=$(D tasks --plan 1 --agency "Sở Văn hóa, Thể thao và Du lịch" --lead-only 2>/dev/null |
	awk '$1 ~ /^[0-9]+$/ { print $1 }' | while read -r id; do
		if ! D tasks --plan 1 --agency "Sở Tài chính" 2>/dev/null | awk '{print $1}' | grep -qx "$id"; then
			echo "$id"; break; fi; done)
[ -n "$task" ] && ok "a task of Sở VHTTDL alone: $task" || notok "a task of Sở VHTTDL alone" "none found"

before=$(db_state)
fails "--as an unknown login is refused" "no such user" D --as nobody tasks
fails "--as a viewer cannot publish" "not allowed" D --as xem publish 1
fails "--as another agency's officer cannot report on the task" "own agency, on tasks it leads" \
	D report "$task" --as tc --agency "Sở Tài chính" --state "đang thực hiện"
fails "--as an officer cannot report for another agency" "reports only for its own agency" \
	D --as vh report "$task" --agency "Sở Tài chính" --state "đang thực hiện"
after=$(db_state)
[ "$before" = "$after" ] && ok "refusals wrote nothing" || notok "refusals wrote nothing" "$after"
n_before=$(D history "$task" 2>/dev/null | wc -l)
check "--as the task's own officer reports on it" \
	D --as vh report "$task" --agency "Sở VHTTDL" --state "đang thực hiện" --note "đã triển khai"
n_after=$(D history "$task" 2>/dev/null | wc -l)
[ "$n_after" -gt "$n_before" ] && ok "the report is in the task's history" ||
	notok "the report is in the task's history" "history lines $n_before -> $n_after"
D --as vh tasks >"$T/vh.txt" 2>&1
if grep -q "^ *$task " "$T/vh.txt" && ! D --as tc tasks 2>/dev/null | grep -q "^ *$task "; then
	ok "--as an officer lists only tasks its agency leads or coordinates"
else
	notok "--as an officer lists only tasks its agency leads or coordinates" "$(head -3 "$T/vh.txt")"
fi
# Documents follow the actor too: an officer's CSV holds only its agency's tasks.
all=$(D export 1 --format csv 2>/dev/null | wc -l)
own=$(D --as tc export 1 --format csv 2>/dev/null | wc -l)
if [ "$own" -gt 1 ] && [ "$own" -lt "$all" ]; then
	ok "--as an officer exports only its agency's tasks ($((own - 1)) of $((all - 1)))"
else
	notok "--as an officer exports only its agency's tasks" "rows: own $own, all $all"
fi
