# score.sh - extraction quality cannot regress: every gold answer in
# ../shared/gold is scored with ../shared/tools/score_extraction.py and must
# meet the import issue's bar (tasks F1 >= 0.98, overall >= 0.95, no field
# below 0.90). The figures are printed so a drop is visible before it fails.
# store: none (extraction only: runs once, on no database)
. "$(dirname "$0")/../lib.sh"

for gold in "$SHARED"/gold/*.json; do
	name=$(basename "$gold" .json)
	seed=$(ls "$SHARED"/seeds/"$name"_*.txt 2>/dev/null | head -n 1)
	if [ -z "$seed" ]; then notok "score $name" "no seed for gold $name"; continue; fi
	"$BIN" extract "$seed" >"$T/$name.json" 2>"$T/err" || { notok "score $name" "$(cat "$T/err")"; continue; }
	$PY "$SHARED/tools/score_extraction.py" --json "$T/$name.json" "$gold" >"$T/$name.score" 2>&1
	verdict=$($PY - "$T/$name.score" <<'PYEOF'
import json, sys
text = open(sys.argv[1]).read()
d = json.loads(text[:text.rindex("}") + 1])["documents"]
r = next(iter(d.values()))
t, o, w = r["tasks"]["f1"], r["overall"], r["weakest_field"]["accuracy"]
bad = []
if t is not None and t < 0.98: bad.append("tasks f1 %.3f < 0.98" % t)
if o < 0.95: bad.append("overall %.3f < 0.95" % o)
if w is not None and w < 0.90: bad.append("weakest %s %.3f < 0.90" % (r["weakest_field"]["field"], w))
print(("FAIL " + "; ".join(bad)) if bad else "PASS tasks f1 %s overall %.3f weakest %.3f" % (t, o, w if w is not None else 1))
PYEOF
)
	case "$verdict" in
	PASS*) ok "score $name: ${verdict#PASS }" ;;
	*) notok "score $name" "$verdict" ;;
	esac
done
