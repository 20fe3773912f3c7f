# deploy_pg.sh - docs/deploy.md's ministry walkthrough, run as a new user
# would (section "2a"): one PostgreSQL database, two `dondoc serve` processes
# on two ports, one session valid on both, a report filed through one seen
# through the other, a logout through one ending the session on the other,
# the reminder job run on both hosts at the same instant sending each
# reminder once. Then the connection pool: the cluster restarts under a
# running server; the request that meets the lost connection gets 503, the
# next one succeeds. The commands are the document's, with port 0 (the
# system picks a free one) where the document says 8081 and 8082.
# store: postgresql (starts its own cluster: runs once)
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/pg.sh"

export DONDOC_NOW=2026-01-01T08:00:00Z DONDOC_TODAY=2026-06-30
unset DONDOC_SMTP_URL DONDOC_MAIL_FROM DONDOC_USER DONDOC_OUTBOX
SEED=$(ls "$SHARED"/seeds/000_*.txt 2>/dev/null | head -1)
AGENCY="Ban Tuyên giáo và Dân vận Tỉnh ủy"
A= B=
stop_servers() {
	for p in $A $B; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	A= B=
}
trap 'stop_servers; pg_stop; rm -rf "$T"' EXIT

if pg_start; then ok "throwaway PostgreSQL 15 cluster starts"; else exit 1; fi

# -- docs/deploy.md 2a, step 1: the database, the plan, an account ----------
"$PG_BIN/createdb" -h "$PG_DIR" -U dondoc ministry || { notok "createdb ministry"; exit 1; }
export DONDOC_DB="postgresql:///ministry?host=$PG_DIR&user=dondoc"
export DONDOC_DB_POOL=2
check "import the plan" "$BIN" import "$SEED"
check "publish it" "$BIN" publish 1
check "an officer account" sh -c "echo 'officer-pass-1' | '$BIN' user add vanphong --role officer --agency '$AGENCY'"

fails "DONDOC_DB_POOL=0 is refused" "DONDOC_DB_POOL=0 is not 1 to 1000" \
	env DONDOC_DB_POOL=0 "$BIN" serve --listen 127.0.0.1:0
check "help config names DONDOC_DB_POOL" sh -c "'$BIN' help config | grep -q '^  DONDOC_DB_POOL  *8 '"

# -- step 2: host A and host B (here two ports on one machine) --------------
# start NAME: `dondoc serve --listen 127.0.0.1:0` in the background; sets
# the variable NAME to its pid and NAME_URL to its address.
start() {
	DONDOC_OUTBOX="$T/outbox.$1" "$BIN" serve --listen 127.0.0.1:0 >"$T/$1.out" 2>"$T/$1.log" &
	eval "$1=$!"
	i=0
	while ! grep -q "serving on" "$T/$1.out" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	eval "$1_URL=http://127.0.0.1:$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$T/$1.out")"
}
start A
start B
if [ "$A_URL" != "http://127.0.0.1:" ] && [ "$B_URL" != "http://127.0.0.1:" ]; then
	ok "two dondoc serve processes on one database"
else
	notok "two dondoc serve processes on one database" "$(cat "$T/A.log" "$T/B.log" | head -5)"
	exit 1
fi

# -- step 3: log in through A, use the cookie on B ---------------------------
curl -s -D "$T/login.h" -o /dev/null --data 'login=vanphong&password=officer-pass-1' "$A_URL/login"
SID=$(sed -n 's/^[Ss]et-[Cc]ookie: __Host-dondoc=\([0-9a-f]\{64\}\);.*/\1/p' "$T/login.h")
COOKIE="Cookie: __Host-dondoc=$SID"
if [ -n "$SID" ]; then ok "a login through server A opens a session"; else
	notok "a login through server A opens a session" "$(head -3 "$T/login.h")"
fi
code=$(curl -s -o "$T/b.html" -w '%{http_code}' -H "$COOKIE" "$B_URL/")
if [ "$code" = 200 ] && grep -q vanphong "$T/b.html"; then
	ok "server B knows the session server A opened (sessions live in the database)"
else
	notok "server B knows the session server A opened" "HTTP $code"
fi

# -- step 4: a report filed through B is on A's pages -------------------------
curl -s -H "$COOKIE" -o "$T/task.html" "$B_URL/tasks/1"
CSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]\{64\}\)".*/\1/p' "$T/task.html" | head -1)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "$COOKIE" -F state=in_progress \
	-F "note=Báo cáo qua máy chủ B" -F "csrf=$CSRF" "$B_URL/tasks/1/report")
if [ "$code" = 303 ] || [ "$code" = 200 ]; then ok "a report filed through server B"; else
	notok "a report filed through server B" "HTTP $code (csrf '${CSRF:-none}')"
fi
curl -s -H "$COOKIE" -o "$T/a.html" "$A_URL/tasks/1"
if grep -q "Báo cáo qua máy chủ B" "$T/a.html"; then
	ok "server A's task page shows the report filed through B"
else
	notok "server A's task page shows the report filed through B" "$(grep -c . "$T/a.html") lines"
fi

# -- step 5: logging out through A ends the session on B ---------------------
CSRF=$(curl -s -H "$COOKIE" "$A_URL/" | sed -n 's/.*name="csrf" value="\([0-9a-f]\{64\}\)".*/\1/p' | head -1)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "$COOKIE" --data "csrf=$CSRF" "$A_URL/logout")
after=$(curl -s -o /dev/null -w '%{http_code}' -H "$COOKIE" "$B_URL/")
if [ "$code" = 303 ] && [ "$after" = 303 ]; then
	ok "a logout through A ends the session on B"
else
	notok "a logout through A ends the session on B" "logout: HTTP $code; B afterwards: HTTP $after"
fi

# -- step 6: the reminder job from cron on both hosts at the same minute -----
msgs=$("$BIN" remind --dry-run 2>&1 | sed -n 's/^\([0-9][0-9]*\) messages:.*/\1/p')
DONDOC_OUTBOX="$T/outbox.A" "$BIN" remind >"$T/remind.A" 2>&1 &
ra=$!
DONDOC_OUTBOX="$T/outbox.B" "$BIN" remind >"$T/remind.B" 2>&1 &
rb=$!
wait $ra $rb
files=$(ls "$T/outbox.A" "$T/outbox.B" 2>/dev/null | grep -c '\.eml$')
if [ -n "$msgs" ] && [ "$msgs" -gt 0 ] && [ "$files" -eq "$msgs" ]; then
	ok "remind on both hosts at once sends each of the $msgs reminders once"
else
	notok "remind on both hosts at once sends each reminder once" \
		"dry run: ${msgs:-?} messages; outboxes A+B: $files files" "$(cat "$T/remind.A" "$T/remind.B" | head -6)"
fi

# -- the pool: the database restarts under a running server ------------------
PAGE="$A_URL/api/v1/plans"
TOKEN=$("$BIN" token add vanphong 2>/dev/null)
AUTH="Authorization: Bearer $TOKEN"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "$PAGE")
pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w restart >/dev/null 2>&1 ||
	notok "pg_ctl restart"
first=$(curl -s -o "$T/first.json" -w '%{http_code}' -H "$AUTH" "$PAGE")
second=$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "$PAGE")
if [ "$code" = 200 ] && [ "$first" = 503 ] && grep -q '"status": *503' "$T/first.json" &&
	[ "$second" = 200 ]; then
	ok "after a database restart one request gets 503 problem JSON, the next succeeds"
else
	notok "after a database restart one request gets 503 problem JSON, the next succeeds" \
		"before: $code; first after: $first $(head -c 200 "$T/first.json"); second: $second"
fi
if grep -q "connection was lost" "$T/A.log"; then ok "server A logs the lost connection"; else
	notok "server A logs the lost connection" "$(tail -3 "$T/A.log")"
fi
# B had not used its connections since: its first request meets the lost one too.
b1=$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "$B_URL/api/v1/plans")
b2=$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "$B_URL/api/v1/plans")
if [ "$b2" = 200 ] && { [ "$b1" = 200 ] || [ "$b1" = 503 ]; }; then
	ok "server B serves again after the restart ($b1 then $b2)"
else
	notok "server B serves again after the restart" "$b1 then $b2"
fi
stop_servers
if grep -q "Sanitizer\|runtime error" "$T/A.log" "$T/B.log"; then
	notok "no sanitizer report from the servers" "$(grep -h -m3 "Sanitizer\|runtime error" "$T/A.log" "$T/B.log")"
else
	ok "no sanitizer report from the servers"
fi
pg_stop
