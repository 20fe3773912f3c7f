# periods.sh - targets over time survive the store: a plan with yearly
# indicator columns (by_period), a span column and prose targets with their
# periods imports, and exporting it gives exactly what extract printed.
. "$(dirname "$0")/../lib.sh"
C=$ROOT/tests/corpus

same_after_import() {
	name=$1 file=$2
	db=$(new_db "$name")
	if ! "$BIN" extract "$file" >"$T/$name.extract.json" 2>"$T/err"; then notok "$name: extract" "$(cat "$T/err")"; return; fi
	if ! "$BIN" --db "$db" import "$file" >/dev/null 2>"$T/err"; then notok "$name: import" "$(cat "$T/err")"; return; fi
	if ! "$BIN" --db "$db" export 1 >"$T/$name.export.json" 2>"$T/err"; then notok "$name: export" "$(cat "$T/err")"; return; fi
	if cmp -s "$T/$name.extract.json" "$T/$name.export.json"; then
		ok "$name: import then export gives what extract printed"
	else
		notok "$name: import then export gives what extract printed" "$(diff "$T/$name.extract.json" "$T/$name.export.json" | head -5)"
	fi
}

same_after_import "year columns" "$C/multiyear-table.txt"
same_after_import "prose periods" "$C/multiyear-prose.txt"
measures=$(sh "$C/multiyear-measures.gen" "$T") && same_after_import "two measures per year" "$measures" ||
	notok "two measures per year" "generator failed"

# The exported JSON carries the periods (a test that could pass on two empty files would prove nothing).
if $PY - "$T/year columns.export.json" "$T/prose periods.export.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
i = d["indicators"][0]
assert [p["period"] for p in i["by_period"]] == ["2026", "2027", "2028", "2029", "2030", "2026-2030"], i
assert i["target"]["value"] == 4.3 and i["target"]["period"] == "2026-2030", i["target"]
p = json.load(open(sys.argv[2], encoding="utf-8"))
assert [t.get("period") for t in p["targets"]] == ["2026", "2030", "2026-2030", "2030", "2028", "2026-H1", "2027", "2030", "2030"], p["targets"]
# "từ 35% năm 2025 lên 60% năm 2030": one goal, its past figure the baseline.
assert p["targets"][3]["value"] == 60 and p["targets"][3]["baseline"] == {"period": "2025", "text": "từ 35% năm 2025", "value": 35}, p["targets"][3]
PYEOF
then ok "periods in the exported JSON"; else notok "periods in the exported JSON" "see above"; fi
