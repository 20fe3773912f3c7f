# scan_layout.sh - text blocks first (src/ingest/ocr.c, docs/ocr.md): a grey scan with an
# incoming stamp and a round seal printed over the body text
# (tests/fixtures/make_overstamp.py). Colour cannot tell the ink from the print; page
# layout analysis finds the stamp and the seal. None of the stamp's words enters a
# task, the plan's tasks are all found, and the lines the stamp covers are doubtful.
# Its score against the born-digital gold is checked by corpus.sh (scan-overstamp).
# store: none (extraction only: runs once, on no database)
. "$(dirname "$0")/../lib.sh"

src="$ROOT/examples/ke-hoach-le-hoi-mua-xuan-2026.txt"
n=ke-hoach-le-hoi-mua-xuan-2026
if ! $PY "$ROOT/tests/fixtures/make_overstamp.py" --cache "$ROOT/build/scan-cache" "$T/fx" "$src" >"$T/mk.log" 2>&1; then
	notok "fixtures: make_overstamp.py built the over-stamped scan" "$(tail -5 "$T/mk.log")"
	exit 0
fi
ok "fixtures: make_overstamp.py built the over-stamped scan"
"$BIN" extract "$T/fx/$n.txt" >"$T/born.json" 2>/dev/null
check "the over-stamped grey scan extracts" sh -c "'$BIN' extract '$T/fx/$n-overstamp.pdf' >'$T/scan.json'"
check "no word of the stamp or the seal is in a task; every task is found; covered lines are doubtful" \
	$PY - "$T/born.json" "$T/scan.json" "$T/fx/$n-overstamp.words" <<'PYEOF'
import json, sys
born = json.load(open(sys.argv[1], encoding="utf-8"))
scan = json.load(open(sys.argv[2], encoding="utf-8"))
words = [w for w in open(sys.argv[3], encoding="utf-8").read().split("\n") if w]
text = json.dumps(scan["tasks"], ensure_ascii=False)
for w in words + ["ĐỀN", "Chuyên"]:
    assert w not in text, ("a stamp word entered a task", w)
assert [t["ref"] for t in scan["tasks"]] == [t["ref"] for t in born["tasks"]], \
    [t["ref"] for t in scan["tasks"]]
# The stamp lies over the first task's lead and coordinating lines.
first = scan["tasks"][0]
assert {"lead", "coordinate"} & set(first.get("doubt") or []), first
PYEOF
