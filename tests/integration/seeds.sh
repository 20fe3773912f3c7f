# seeds.sh - every seed extracts to valid plan/1 JSON; each imports and
# exports back to the same JSON; a failed import stores nothing.
. "$(dirname "$0")/../lib.sh"

for seed in "$SHARED"/seeds/[0-9]*.txt; do
	name=$(basename "$seed" | cut -c1-3)
	if "$BIN" extract "$seed" >"$T/$name.json" 2>"$T/err" && valid_plan_json "$T/$name.json" 2>>"$T/err"; then
		ok "extract $name gives valid plan/1"
	else
		notok "extract $name gives valid plan/1" "$(head -c 600 "$T/err")"
		continue
	fi
	out=$("$BIN" --db "$DB" import "$seed" 2>"$T/err")
	id=$(printf '%s\n' "$out" | sed -n 's/^plan \([0-9]*\):.*/\1/p')
	if [ -n "$id" ]; then ok "import $name prints the plan id"; else
		notok "import $name prints the plan id" "$out" "$(cat "$T/err")"; continue; fi
	"$BIN" --db "$DB" export "$id" --format json >"$T/$name.export.json" 2>"$T/err"
	if cmp -s "$T/$name.json" "$T/$name.export.json"; then ok "export $name equals extract"; else
		notok "export $name equals extract" "$(diff "$T/$name.json" "$T/$name.export.json" | head -20)"; fi
done

n=$("$BIN" --db "$DB" plans | grep -c 'draft')
seed=$(ls "$SHARED"/seeds/000_*.txt)
DONDOC_STORE_FAIL_AFTER=1 "$BIN" --db "$DB" import --again "$seed" >/dev/null 2>"$T/err"
rc=$?
m=$("$BIN" --db "$DB" plans | grep -c 'draft')
if [ "$rc" -ne 0 ] && [ "$n" = "$m" ] && grep -q "not imported" "$T/err"; then
	ok "an import that fails midway stores nothing"
else
	notok "an import that fails midway stores nothing" "rc=$rc plans $n -> $m" "$(cat "$T/err")"
fi

check "tasks lists stored tasks with ids" sh -c "'$BIN' --db '$DB' tasks | grep -Eq '^ +[0-9]+ +[0-9]+ '"
check "tasks --agency narrows by body" sh -c \
	"test \$('$BIN' --db '$DB' tasks --agency 'Sở VHTTDL' | wc -l) -lt \$('$BIN' --db '$DB' tasks | wc -l)"
check "tasks --leader narrows by leader" sh -c \
	"'$BIN' --db '$DB' tasks --leader 'Nguyễn Thành Sinh' | grep -Eq '^\(([1-9][0-9]*) tasks\)'"

out=$("$BIN" --db "$DB" import "$seed" 2>&1)
if printf '%s' "$out" | grep -q "already imported"; then ok "a file imported twice is not doubled"; else
	notok "a file imported twice is not doubled" "$out"; fi

check "people lists the leaders of stored plans" sh -c "'$BIN' --db '$DB' people | grep -q 'Nguyễn Thành Sinh'"
check "people alias renames stored leaders" sh -c \
	"'$BIN' --db '$DB' people alias 'Nguyen Thanh Sinh' 'Nguyễn Thành Sinh' | grep -q 'stored leaders renamed'"
before=$("$BIN" --db "$DB" tasks --leader 'Phan Trung Bá' | tail -1)
"$BIN" --db "$DB" people alias 'Phan Trung Bá' 'Phan Trung Bá (Phó Chủ tịch)' >/dev/null 2>&1
after=$("$BIN" --db "$DB" tasks --leader 'Phó Chủ tịch' | tail -1)
if [ "$before" = "$after" ] && [ "$before" != "(0 tasks)" ]; then ok "an alias moves every task of that leader"; else
	notok "an alias moves every task of that leader" "before: $before" "after: $after"; fi

check "agencies --unknown lists only unknown bodies" sh -c "'$BIN' --db '$DB' agencies --unknown | grep -v -q 'Sở Văn hóa, Thể thao và Du lịch'"
"$BIN" --db "$DB" agencies alias "Sở Du lịch các tỉnh Tây Bắc mở rộng" "Sở Văn hóa, Thể thao và Du lịch" >"$T/out" 2>&1
if grep -q "re-resolved" "$T/out"; then ok "agencies alias re-resolves stored plans"; else notok "agencies alias re-resolves stored plans" "$(cat "$T/out")"; fi
