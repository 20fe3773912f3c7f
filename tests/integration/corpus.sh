# corpus.sh - the team's own documents under tests/corpus/ (each shape the
# extraction issues name, written in the style of real plans) are extracted
# and scored against their hand-written gold with the shared scorer. Every
# document must reach overall >= 0.95; the doubt figures are printed so that
# calibration (share of wrong fields doubted, share of fields doubted) is seen.
#
# Layout: tests/corpus/NAME.EXT (any format the readers take) with its gold
# answer tests/corpus/NAME.gold.json. A file NAME.gen (a shell script) may
# build NAME.EXT into $T first, for binary formats made by Debian's tools.
# store: none (extraction only: runs once, on no database)
. "$(dirname "$0")/../lib.sh"

dir="$ROOT/tests/corpus"
n=0
for gold in "$dir"/*.gold.json; do
	[ -f "$gold" ] || continue
	name=$(basename "$gold" .gold.json)
	src=""
	for f in "$dir/$name".*; do
		case "$f" in *.gold.json|*.gen|*.md) continue ;; esac
		[ -f "$f" ] && src=$f && break
	done
	if [ -z "$src" ] && [ -f "$dir/$name.gen" ]; then
		src=$(sh "$dir/$name.gen" "$T" 2>"$T/err") || { notok "corpus $name" "generator failed: $(head -c 400 "$T/err")"; continue; }
	fi
	if [ -z "$src" ]; then notok "corpus $name" "no source document beside the gold"; continue; fi
	n=$((n + 1))
	"$BIN" extract "$src" >"$T/$name.json" 2>"$T/err" || { notok "corpus $name" "$(head -c 400 "$T/err")"; continue; }
	$PY "$SHARED/tools/score_extraction.py" --json "$T/$name.json" "$gold" >"$T/$name.score" 2>&1
	verdict=$($PY - "$T/$name.score" <<'PYEOF'
import json, sys
text = open(sys.argv[1]).read()
d = json.loads(text[:text.rindex("}") + 1])["documents"]
r = next(iter(d.values()))
o = r["overall"]
t = r["tasks"]["f1"]
dd = r.get("doubt") or {}
wd, fd = dd.get("wrong_fields_doubted"), dd.get("fields_doubted")
fmt = lambda v: "-" if v is None else "%.3f" % v
line = "overall %.3f tasks f1 %s doubted %s wrong-doubted %s" % (o, fmt(t), fmt(fd), fmt(wd))
print(("FAIL " if o < 0.95 else "PASS ") + line)
PYEOF
)
	case "$verdict" in
	PASS*) ok "corpus $name: ${verdict#PASS }" ;;
	*) notok "corpus $name" "$verdict" ;;
	esac
done
# The corpus must exist: an empty folder would make this file pass silently.
if [ "$n" -eq 0 ]; then notok "corpus: documents found" "no tests/corpus/*.gold.json"; else ok "corpus: $n documents scored"; fi
