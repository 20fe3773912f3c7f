# browser.sh - the web application in a real browser: Debian's chromium,
# headless, driven by playwright-core (tests/browser/web.mjs). An officer
# logs in and reports with evidence and the standing agency's dashboard
# changes; the English switch; the __Host- cookie kept by Chromium on
# http://127.0.0.1; the standing agency imports a document, reviews it beside
# its source, corrects, merges, splits and publishes it; screenshots of each
# role's home page and of the review page in build/screenshots/.
. "$(dirname "$0")/../lib.sh"

SEED=$(ls "$SHARED"/seeds/000_*.txt 2>/dev/null | head -1)
unset DONDOC_NOW DONDOC_USER DONDOC_EVIDENCE
export DONDOC_TODAY=2026-07-10
BROWSER=$ROOT/tests/browser
SHOTS=$ROOT/build/screenshots
if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null; then
	notok "chromium and node are installed (scripts/deps test)"
	exit 1
fi
if [ ! -d "$BROWSER/node_modules/playwright-core" ]; then
	(cd "$BROWSER" && npm ci --no-audit --no-fund >"$T/npm.log" 2>&1) ||
		{ notok "npm ci in tests/browser" "$(tail -5 "$T/npm.log")"; exit 1; }
fi
mkdir -p "$SHOTS"

setup() {
	"$BIN" --db "$DB" import "$SEED" && "$BIN" --db "$DB" publish 1 &&
		echo 'admin-pass-1' | "$BIN" --db "$DB" user add admin --role admin &&
		echo 'stand-pass-1' | "$BIN" --db "$DB" user add tt --role standing &&
		echo 'offic-pass-1' | "$BIN" --db "$DB" user add vh --role officer \
			--agency "Sở Văn hóa, Thể thao và Du lịch" &&
		echo 'viewr-pass-1' | "$BIN" --db "$DB" user add xem --role viewer
}
check "import, publish and add users" setup
LEADER=$("$BIN" --db "$DB" export 1 | $PY -c '
import json, sys
d = json.load(sys.stdin)
print(next(t["leader"] for t in d["tasks"] if t["leader"]))')
echo 'leadr-pass-1' | "$BIN" --db "$DB" user add ld --role leader --person "$LEADER" >/dev/null
# The first open task the officer's agency leads.
TASK=$("$BIN" --db "$DB" tasks --agency "Sở Văn hóa, Thể thao và Du lịch" |
	awk '$1 ~ /^[0-9]+$/ && $4 ~ /^2026-/ { print $1; exit }')
printf '%%PDF-1.4 biên bản\n' >"$T/bienban.pdf"

trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$T"' EXIT
serve_start "$DB"
[ -n "$PORT" ] || { notok "the server starts" "$(head -c 600 "$T/serve.log")"; exit 1; }

node "$BROWSER/web.mjs" "http://127.0.0.1:$PORT" "$SHOTS" "$T/profile" "$TASK" "$T/bienban.pdf" \
	"$ROOT/examples/ke-hoach-le-hoi-mua-xuan-2026.txt"
if [ -s "$SHOTS/review.png" ]; then ok "screenshot of the review page"; else notok "screenshot of the review page"; fi
for role in officer standing leader viewer admin; do
	if [ -s "$SHOTS/home-$role.png" ]; then ok "screenshot of the $role's home page"; else notok "screenshot of the $role's home page"; fi
done
