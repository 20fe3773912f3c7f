# pg.sh - the PostgreSQL backend on a throwaway cluster (tests/pg.sh): the
# store contract suite, then one CLI scenario (import, publish, report,
# confirm, reject, edit, history, status, completeness, export, agencies,
# contacts, remind, check) run once on SQLite and once with --db URL; every
# output must be the same on both. Then `dondoc migrate` copies the SQLite
# database into a new PostgreSQL database: the copy shows and does the same.
# store: postgresql (starts its own cluster: runs once)
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/pg.sh"

export DONDOC_NOW=2026-01-01T08:00:00Z DONDOC_TODAY=2026-06-30
unset DONDOC_SMTP_URL DONDOC_MAIL_FROM DONDOC_USER
export DONDOC_OUTBOX="$T/outbox" DONDOC_EVIDENCE="$T/evidence"
CONTRACT=$(dirname "$BIN")/tests/test_store_contract

if pg_start; then ok "throwaway PostgreSQL 15 cluster starts"; else exit 1; fi

if [ ! -x "$CONTRACT" ]; then
	notok "store contract suite on PostgreSQL" "$CONTRACT is not built (make unit-bins)"
elif DONDOC_CONTRACT_DB=$DONDOC_PG_URL CMOCKA_MESSAGE_OUTPUT=stdout "$CONTRACT" >"$T/contract" 2>&1 &&
	grep -q "PASSED.*[0-9] test" "$T/contract" && ! grep -q "FAILED" "$T/contract"; then
	ok "store contract suite on PostgreSQL ($(grep -c '\[       OK \]' "$T/contract") tests)"
else
	notok "store contract suite on PostgreSQL" "$(grep -E -A2 'FAILED|ERROR|Sanitizer' "$T/contract" | head -20)"
fi
OPS=$(dirname "$BIN")/tests/test_store_ops
if [ ! -x "$OPS" ]; then
	notok "every store operation is set on PostgreSQL" "$OPS is not built (make unit-bins)"
elif DONDOC_CONTRACT_DB=$DONDOC_PG_URL CMOCKA_MESSAGE_OUTPUT=stdout "$OPS" >"$T/ops" 2>&1 &&
	grep -q "OK.*server_sets_every_operation" "$T/ops"; then
	ok "every store operation is set on PostgreSQL"
else
	notok "every store operation is set on PostgreSQL" "$(grep -E -A2 'FAIL|ERROR|SKIP' "$T/ops" | head -10)"
fi

# scenario DB OUT: the same commands on one database; each output in OUT/NN.
scenario() {
	db=$1
	out=$2
	mkdir -p "$out"
	n=0
	step() {
		n=$((n + 1))
		{
			"$BIN" --db "$db" "$@" 2>&1
			echo "exit $?"
		} | sed "s|$db|DB|g" >"$out/$(printf %02d $n)"
	}
	for f in "$SHARED"/seeds/00*.txt; do step import "$f"; done
	step plans
	step tasks --plan 1
	step tasks --agency "văn hóa"
	step publish 1
	step publish 1
	step report 1 --agency "Ban Tuyên giáo và Dân vận Tỉnh ủy" --state done --date 2026-03-01 \
		--note "đã xong"
	step report 2 --agency "Ban Tuyên giáo và Dân vận Tỉnh ủy" --state in_progress --note "đang làm"
	step report 3 --agency "Ban Tuyên giáo và Dân vận Tỉnh ủy" --state done --date 2026-04-01
	step confirm 1 --date 2026-04-02
	step reject 3 --reason "thiếu minh chứng"
	step report 2 --agency "Ban Tuyên giáo và Dân vận Tỉnh ủy" --state done --date 2026-05-01 \
		--replaces 2
	# Report 2 is now corrected: a second correction of it is refused.
	step report 2 --agency "Ban Tuyên giáo và Dân vận Tỉnh ủy" --state done --replaces 2
	step edit 4 --field result --value "03 lớp" --reason "đính chính"
	step history 4
	step history 2
	step status
	step status --json
	step status --agency "Sở Văn hóa, Thể thao và Du lịch" --tasks
	step completeness --period 2026
	step agencies --unknown
	step people
	step contacts set "Ban Tuyên giáo và Dân vận Tỉnh ủy" btg@example.gov.vn
	step contacts
	step remind --dry-run
	step export 1
	step export 3
	step check
}

scenario "$T/a.db" "$T/sqlite"
scenario "$DONDOC_PG_URL" "$T/pg"
for f in "$T"/sqlite/*; do
	name=$(basename "$f")
	what=$(head -c 60 "$f" | head -1)
	if cmp -s "$f" "$T/pg/$name"; then
		ok "PostgreSQL = SQLite: step $name ($what)"
	else
		notok "PostgreSQL = SQLite: step $name ($what)" "$(diff "$f" "$T/pg/$name" | head -8)"
	fi
done
if grep -l '"tasks"' "$T"/pg/* | xargs grep -l "exit 0" | grep -q .; then
	ok "export on PostgreSQL writes the plan"
else
	notok "export on PostgreSQL writes the plan" "no step printed a plan's tasks"
fi

# migrate: the SQLite database of the scenario into a new PostgreSQL database;
# what the copy shows and what it does next equals SQLite.
# Accounts travel too: a user with an API token, one disabled with its token revoked.
echo 'admin-pass-1' | "$BIN" --db "$T/a.db" user add admin --role admin >/dev/null 2>&1
echo 'viewr-pass-1' | "$BIN" --db "$T/a.db" user add xem --role viewer >/dev/null 2>&1
"$BIN" --db "$T/a.db" token add admin >/dev/null 2>&1
"$BIN" --db "$T/a.db" token add xem >/dev/null 2>&1
"$BIN" --db "$T/a.db" user disable xem >/dev/null 2>&1
COPY=$(pg_newdb copied)
check "migrate copies SQLite into an empty PostgreSQL database" \
	"$BIN" migrate --from "sqlite:$T/a.db" --to "$COPY"
cp "$T/out" "$T/migrate.out"
if grep -q "audit_log .* rows" "$T/migrate.out" && grep -q "verified" "$T/migrate.out"; then
	ok "migrate reports every table with its rows and checksum"
else
	notok "migrate reports every table with its rows and checksum" "$(head -5 "$T/migrate.out")"
fi
fails "migrate refuses a target that is not empty" "not empty" \
	"$BIN" migrate --from "sqlite:$T/a.db" --to "$COPY"
cp "$T/a.db" "$T/extra.db"
/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE widgets (id INTEGER PRIMARY KEY)'); c.commit()" "$T/extra.db"
fails "migrate refuses a table it does not know" "table widgets is not one" \
	"$BIN" migrate --from "sqlite:$T/extra.db" --to "$(pg_newdb extra)"
fails "migrate wants sqlite:PATH" "sqlite:PATH" "$BIN" migrate --from "$T/a.db" --to "$COPY"
# rt ARGS...: the command on the SQLite original and on the copy, compared.
rt() {
	"$BIN" --db "$T/a.db" "$@" 2>&1 | sed "s|$T/a.db|DB|g" >"$T/rt.sqlite"
	"$BIN" --db "$COPY" "$@" 2>&1 | sed "s|$COPY|DB|g" >"$T/rt.pg"
	if cmp -s "$T/rt.sqlite" "$T/rt.pg"; then
		ok "after migrate, '$*' is the same on PostgreSQL"
	else
		notok "after migrate, '$*' is the same on PostgreSQL" "$(diff "$T/rt.sqlite" "$T/rt.pg" | head -6)"
	fi
}
rt export 1
rt export 3
rt plans
rt history 2
rt status --json
rt contacts
rt check
rt user list
if grep -q "users .* 2 rows" "$T/migrate.out" && grep -q "api_tokens .* 2 rows" "$T/migrate.out"; then
	ok "migrate copies the accounts and their tokens"
else
	notok "migrate copies the accounts and their tokens" "$(grep -E 'users|api_tokens' "$T/migrate.out")"
fi
# New records continue the copied ids on both.
rt report 4 --agency "Sở Văn hóa, Thể thao và Du lịch" --state done --date 2026-06-01
rt confirm 4 --date 2026-06-02
rt history 4
if grep -q "report 5 .*Sở Văn hóa.*accepted" "$T/rt.pg"; then
	ok "a report filed after migrate is kept on PostgreSQL"
else
	notok "a report filed after migrate is kept on PostgreSQL" "$(cat "$T/rt.pg")"
fi
# The same file imported twice is "already imported"; --again keeps a copy.
SEED0=$(ls "$SHARED"/seeds/000_*.txt | head -1)
DUP=$(pg_newdb dup)
"$BIN" --db "$DUP" import "$SEED0" >/dev/null 2>&1
"$BIN" --db "$T/dup.db" import "$SEED0" >/dev/null 2>&1
# again DB OUT: a second import, an import --again, the plans.
again() {
	{
		"$BIN" --db "$1" import "$SEED0" 2>&1
		echo "exit $?"
		"$BIN" --db "$1" import --again "$SEED0" 2>&1
		echo "exit $?"
		"$BIN" --db "$1" plans 2>&1
	} | sed "s|$1|DB|g" >"$2"
}
again "$T/dup.db" "$T/dup.sqlite"
again "$DUP" "$T/dup.pg"
if cmp -s "$T/dup.sqlite" "$T/dup.pg" && grep -q "exit 0" "$T/dup.pg"; then
	ok "a second import of one file is the same on PostgreSQL as on SQLite"
else
	notok "a second import of one file is the same on PostgreSQL as on SQLite" \
		"$(diff "$T/dup.sqlite" "$T/dup.pg" | head -8)"
fi

# Targets over time (periods.sh) on PostgreSQL: import then export gives
# exactly what extract printed, by_period and periods included.
C=$ROOT/tests/corpus
n=0
for f in "$C/multiyear-table.txt" "$C/multiyear-prose.txt" "$(sh "$C/multiyear-measures.gen" "$T")"; do
	n=$((n + 1))
	db=$(pg_newdb periods$n)
	name=$(basename "$f")
	if "$BIN" extract "$f" >"$T/p$n.extract" 2>"$T/err" &&
		"$BIN" --db "$db" import "$f" >/dev/null 2>>"$T/err" &&
		"$BIN" --db "$db" export 1 >"$T/p$n.export" 2>>"$T/err" &&
		cmp -s "$T/p$n.extract" "$T/p$n.export"; then
		ok "$name on PostgreSQL: import then export gives what extract printed"
	else
		notok "$name on PostgreSQL: import then export gives what extract printed" \
			"$(head -c 300 "$T/err")" "$(diff "$T/p$n.extract" "$T/p$n.export" | head -5)"
	fi
done
if grep -q '"by_period"' "$T/p1.export" && grep -q '"period": "2026-2030"' "$T/p1.export"; then
	ok "the periods are in the export from PostgreSQL"
else
	notok "the periods are in the export from PostgreSQL" "$(head -c 300 "$T/p1.export")"
fi

# Baselines (an indicator's, a prose goal's) survive `dondoc migrate`: the
# multi-year plans imported into SQLite, copied, exported the same.
BCOPY=$(pg_newdb basecopy)
if "$BIN" --db "$T/base.db" import "$C/multiyear-table.txt" "$C/multiyear-prose.txt" >/dev/null 2>"$T/err" &&
	"$BIN" migrate --from "sqlite:$T/base.db" --to "$BCOPY" >/dev/null 2>>"$T/err" &&
	"$BIN" --db "$T/base.db" export 1 >"$T/b1.sqlite" 2>>"$T/err" && "$BIN" --db "$BCOPY" export 1 >"$T/b1.pg" 2>>"$T/err" &&
	"$BIN" --db "$T/base.db" export 2 >"$T/b2.sqlite" 2>>"$T/err" && "$BIN" --db "$BCOPY" export 2 >"$T/b2.pg" 2>>"$T/err" &&
	cmp -s "$T/b1.sqlite" "$T/b1.pg" && cmp -s "$T/b2.sqlite" "$T/b2.pg" &&
	grep -q '"baseline"' "$T/b1.pg" && grep -q '"baseline"' "$T/b2.pg"; then
	ok "baselines survive migrate to PostgreSQL"
else
	notok "baselines survive migrate to PostgreSQL" "$(head -c 300 "$T/err")" "$(diff "$T/b1.sqlite" "$T/b1.pg" | head -5)"
fi

# Accounts on PostgreSQL: the CLI, then `dondoc serve` with a login over HTTP.
ACC=$(pg_newdb accounts)
check "user add on PostgreSQL" sh -c "echo 'admin-pass-1' | '$BIN' --db '$ACC' user add admin --role admin"
check "an officer account on PostgreSQL" sh -c "echo 'offic-pass-1' | '$BIN' --db '$ACC' user add vh \
	--role officer --agency 'Sở Văn hóa, Thể thao và Du lịch'"
fails "a taken login is refused on PostgreSQL" "already taken" \
	sh -c "echo 'long-enough-1' | '$BIN' --db '$ACC' user add vh --role viewer"
check "user passwd on PostgreSQL" sh -c "echo 'admin-pass-2' | '$BIN' --db '$ACC' user passwd admin"
check "user list on PostgreSQL" "$BIN" --db "$ACC" user list
if grep -q "^admin" "$T/out" && grep -q "^vh" "$T/out"; then ok "user list shows both accounts"; else
	notok "user list shows both accounts" "$(cat "$T/out")"
fi
ATOKEN=$("$BIN" --db "$ACC" token add admin 2>"$T/err")
if [ -n "$ATOKEN" ]; then ok "token add on PostgreSQL"; else notok "token add on PostgreSQL" "$(cat "$T/err")"; fi
"$BIN" --db "$ACC" import "$SEED0" >/dev/null 2>&1
"$BIN" --db "$ACC" people alias "Nguyễn Thành Sinh" "Nguyễn Thanh Sinh" >/dev/null 2>&1
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; pg_stop; rm -rf "$T"' EXIT
serve_start "$ACC" --deadline 3
if [ -n "$PORT" ]; then
	ok "dondoc serve starts on PostgreSQL"
	URL=http://127.0.0.1:$PORT
	code=$(curl -s -o /dev/null -w '%{http_code}' -D "$T/bad.h" --data 'login=admin&password=wrong-pass-1' "$URL/login")
	if ! grep -qi '^set-cookie: __Host-dondoc=[0-9a-f]\{64\}' "$T/bad.h"; then
		ok "a wrong password opens no session ($code)"
	else
		notok "a wrong password opens no session" "$(cat "$T/bad.h")"
	fi
	curl -s -o /dev/null -D "$T/login.h" --data 'login=admin&password=admin-pass-2' "$URL/login"
	SID=$(sed -n 's/^[Ss]et-[Cc]ookie: __Host-dondoc=\([0-9a-f]\{64\}\);.*/\1/p' "$T/login.h")
	if [ -n "$SID" ]; then ok "a login over HTTP opens a session on PostgreSQL"; else
		notok "a login over HTTP opens a session on PostgreSQL" "$(head -5 "$T/login.h")"
	fi
	code=$(curl -s -o "$T/home" -w '%{http_code}' -H "Cookie: __Host-dondoc=$SID" "$URL/")
	if [ "$code" = 200 ]; then ok "the session opens the home page ($code)"; else
		notok "the session opens the home page" "HTTP $code" "$(head -c 300 "$T/home")"
	fi
	code=$(curl -s -o "$T/api" -w '%{http_code}' -H "Authorization: Bearer $ATOKEN" "$URL/api/v1/status")
	if [ "$code" = 200 ]; then ok "the API token works on PostgreSQL ($code)"; else
		notok "the API token works on PostgreSQL" "HTTP $code" "$(head -c 300 "$T/api")"
	fi
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer nonsense" "$URL/api/v1/status")
	if [ "$code" = 401 ]; then ok "an unknown token is refused ($code)"; else
		notok "an unknown token is refused" "HTTP $code"
	fi
	# The web's import on PostgreSQL: a background job, its state in the
	# database, then the review page beside the stored source lines.
	if $PY - "$URL" "$ATOKEN" "$ROOT/examples/ke-hoach-le-hoi-mua-xuan-2026.txt" "$SID" >"$T/imp" 2>&1 <<'PYEOF'
import http.client, json, sys, time, urllib.parse
url, tok, path, sid = sys.argv[1:5]
u = urllib.parse.urlparse(url)
def req(m, p, body=None, h=None):
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    c.request(m, p, body=body, headers=h or {})
    r = c.getresponse()
    return r.status, r.read().decode("utf-8", "replace")
auth = {"Authorization": "Bearer " + tok}
s, b = req("POST", "/api/v1/imports?name=le-hoi.txt", open(path, "rb").read(), auth)
assert s == 202, (s, b)
j = json.loads(b)
for _ in range(300):
    if j["state"] not in ("queued", "running"):
        break
    time.sleep(0.1)
    j = json.loads(req("GET", "/api/v1/imports/%d" % j["id"], None, auth)[1])
assert j["state"] == "done" and j["plan_id"], j
s, b = req("GET", "/plans/%d/review" % j["plan_id"], None, {"Cookie": "__Host-dondoc=" + sid})
assert s == 200 and 'id="L' in b and 'href="#L' in b, (s, b[:300])
PYEOF
	then ok "an import through the web on PostgreSQL, reviewed beside its source"; else
		notok "an import through the web on PostgreSQL, reviewed beside its source" "$(tail -c 600 "$T/imp")"
	fi
	bad=
	for page in /agencies /people /contacts /reminders /users; do
		code=$(curl -s -o "$T/page" -w '%{http_code}' -H "Cookie: __Host-dondoc=$SID" "$URL$page")
		[ "$code" = 200 ] || bad="$bad $page=$code"
	done
	if [ -z "$bad" ]; then ok "the management pages answer on PostgreSQL"; else
		notok "the management pages answer on PostgreSQL" "$bad"
	fi
	curl -s -o "$T/page" -H "Cookie: __Host-dondoc=$SID" "$URL/people"
	if grep -q "<td>Nguyễn Thành Sinh</td><td>Nguyễn Thanh Sinh</td>" "$T/page"; then
		ok "/people lists the people's aliases stored in PostgreSQL"
	else
		notok "/people lists the people's aliases stored in PostgreSQL" "$(grep -o 'Aliases.\{0,300\}' "$T/page" | head -2)"
	fi
	if "$BIN" --db "$ACC" token revoke admin 2>&1 | grep -q "^1 token revoked"; then
		ok "token revoke on PostgreSQL"
	else
		notok "token revoke on PostgreSQL"
	fi
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ATOKEN" "$URL/api/v1/status")
	if [ "$code" = 401 ]; then ok "a revoked token is refused on PostgreSQL ($code)"; else
		notok "a revoked token is refused on PostgreSQL" "HTTP $code"
	fi
else
	notok "dondoc serve starts on PostgreSQL" "$(head -c 600 "$T/serve.log")"
fi
kill "$SERVER" 2>/dev/null
wait "$SERVER" 2>/dev/null
if grep -E -q "Sanitizer|runtime error:" "$T/serve.log"; then
	notok "no sanitizer report from serve on PostgreSQL" "$(grep -E -m3 'Sanitizer|runtime error:' "$T/serve.log")"
else
	ok "no sanitizer report from serve on PostgreSQL"
fi
pg_stop
