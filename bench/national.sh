#!/bin/sh
# national.sh - the national benchmark of issue 11: a tracked world loaded
# with COPY, then three pages through two `dondoc serve` processes on one
# PostgreSQL database, measured with wrk; the same through one server on
# SQLite at province scale as the reference.
#
#   sh bench/national.sh [SF] [SECONDS]
#
# SF (default 0.1): 1,000,000 x SF tasks over 34 provinces and 30 ministries,
# ten reports a task (SF 1 is the national scale: 1,000,000 tasks, 10,000,000
# reports). SQLite gets 20,000 tasks and 200,000 reports (one province).
# SECONDS (default 10): each wrk run. Prints the load time, the first
# request's time (the server builds its shared tracked world) and, for each
# page at 64 connections, req/s, p50 and p99 and the answers that were not 200.
#
# Needs wrk (scripts/deps bench, Debian package wrk), sqlite3, psql and the
# throwaway cluster of tests/pg.sh. Rows are written by bench/national/gen.awk
# and loaded by COPY (\copy) and sqlite3's .import: bench code may use SQL
# directly, the product does not.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
BIN=${DONDOC_BIN:-$root/build/dondoc}
SF=${1:-0.1}
SECS=${2:-10}
CONNS=64
T=$(mktemp -d)
PSQL=/usr/lib/postgresql/15/bin/psql
command -v wrk >/dev/null || { echo "national.sh: wrk missing (scripts/deps bench)"; exit 1; }
command -v sqlite3 >/dev/null || { echo "national.sh: sqlite3 missing"; exit 1; }
PG_EXTRA_OPTS="-c shared_buffers=1GB -c maintenance_work_mem=512MB -c max_wal_size=4GB -c synchronous_commit=off"
. "$root/tests/pg.sh"
export DONDOC_NOW=2026-01-01T08:00:00Z DONDOC_TODAY=2026-06-30 DONDOC_OUTBOX="$T/outbox"
unset DONDOC_USER
SERVERS=
cleanup() {
	for s in $SERVERS; do kill "$s" 2>/dev/null; wait "$s" 2>/dev/null; done
	pg_stop
	rm -rf "$T"
}
pg_start || exit 1
trap cleanup EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }
tasks_pg=$(awk -v sf="$SF" 'BEGIN { printf "%d", 1000000 * sf }')
tasks_sq=20000
AGENCY="Sở Tài chính tỉnh P01" # an officer's body: leads or coordinates 1 task in 20 of P01's plans
COLS_DOC="id,source,sha256,reader,imported_at"
COLS_PLAN="id,document_id,status,version,number,kind,issuer,place,date,year,title,created_at"
COLS_TASK="id,plan_id,seq,ref,section,text,leader,leader_key,supervisor,has_due,due_text,due_start,due_end,due_recurring,result,doubt,source_line"
COLS_AG="task_id,role,seq,name,name_key"
COLS_REP="id,task_id,agency,role,period,state,completion_date,note,value,replaces_id,reported_at,actor,filed_on"

gen() { # gen TASKS DIR
	mkdir -p "$2"
	awk -v tasks="$1" -v reports_per_task=10 -v dir="$2" -f "$root/bench/national/gen.awk"
}

load_pg() { # load_pg URL DIR: COPY without foreign-key triggers, then sequences and statistics
	{
		echo "SET session_replication_role = replica;"
		echo "BEGIN;"
		for t in documents:$COLS_DOC plans:$COLS_PLAN tasks:$COLS_TASK \
			task_agencies:$COLS_AG progress_reports:$COLS_REP; do
			printf '%s\n' "\\copy ${t%%:*}(${t#*:}) FROM '$2/${t%%:*}.csv' WITH (FORMAT csv, HEADER true)"
		done
		for t in documents plans tasks progress_reports; do
			echo "SELECT setval(pg_get_serial_sequence('$t', 'id'), (SELECT MAX(id) FROM $t));"
		done
		echo "INSERT INTO audit_log (at, actor, action, entity) VALUES (now(), 'bench', 'load', 'bench');"
		echo "COMMIT;"
		echo "ANALYZE;"
	} | "$PSQL" "$1" -qAt -v ON_ERROR_STOP=1 >/dev/null
}

# sqlite3's .import reads every field as text: empty fields become NULL here.
nul() { echo "$1" | sed 's/\([a-z_][a-z_0-9]*\)/NULLIF(\1, '"''"')/g'; }
load_sqlite() { # load_sqlite FILE DIR
	{
		echo ".mode csv"
		echo "BEGIN;"
		for t in documents:$COLS_DOC plans:$COLS_PLAN tasks:$COLS_TASK \
			task_agencies:$COLS_AG progress_reports:$COLS_REP; do
			echo ".import $2/${t%%:*}.csv temp_${t%%:*}"
			echo "INSERT INTO ${t%%:*}(${t#*:}) SELECT $(nul "${t#*:}") FROM temp_${t%%:*};"
			echo "DROP TABLE temp_${t%%:*};"
		done
		echo "INSERT INTO audit_log (at, actor, action, entity) VALUES ('$DONDOC_NOW', 'bench', 'load', 'bench');"
		echo "COMMIT;"
		echo "ANALYZE;"
	} | sqlite3 -bail "$1" >/dev/null
}

start_server() { # start_server DB NAME: sets PORT_<NAME>
	"$BIN" --db "$1" serve --listen 127.0.0.1:0 --threads 4 --per-ip 200 \
		>"$T/$2.out" 2>"$T/$2.log" &
	SERVERS="$SERVERS $!"
	i=0
	while ! grep -q "serving on" "$T/$2.out" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$T/$2.out")
	[ -n "$port" ] || { echo "national.sh: $2 did not start: $(tail -3 "$T/$2.log")"; exit 1; }
	eval "PORT_$2=$port"
}

measure() { # measure LABEL PATH (PORTS, COOKIE or AUTH set): one wrk line
	wrk -t2 -c$CONNS -d"${SECS}s" --timeout 10s --latency -s "$root/bench/national/two.lua" \
		"http://127.0.0.1:${PORTS%% *}$2" >"$T/wrk.out" 2>&1
	rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$T/wrk.out")
	p50=$(awk '$1 == "50%" { print $2 }' "$T/wrk.out")
	p99=$(awk '$1 == "99%" { print $2 }' "$T/wrk.out")
	bad=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$T/wrk.out")
	errs=$(sed -n 's/.*Socket errors: \(.*\)/\1/p' "$T/wrk.out")
	printf '%-10s %-34s %9s req/s  p50 %-9s p99 %-9s%s%s\n' "$BACKEND" "$1" "${rps:-?}" \
		"${p50:-?}" "${p99:-?}" "${bad:+  non-2xx: $bad}" "${errs:+  socket errors: $errs}"
	if [ -n "$bad" ]; then # what one of them says
		curl -s -w ' (HTTP %{http_code})' ${COOKIE:+-H "Cookie: $COOKIE"} \
			${AUTH:+-H "Authorization: $AUTH"} "http://127.0.0.1:${PORTS%% *}$2" |
			sed 's/<[^>]*>/ /g' | tr -s ' \n' ' ' | cut -c1-300
		echo
	fi
}

run() { # run BACKEND DB TASKS NSERVERS
	BACKEND=$1
	db=$2
	s=$(now_ms)
	gen "$3" "$T/csv.$1" >"$T/gen.$1" || exit 1
	g=$(now_ms)
	"$BIN" --db "$db" plans >/dev/null 2>&1 || { echo "national.sh: cannot create $db"; exit 1; }
	if [ "$1" = sqlite ]; then load_sqlite "$db" "$T/csv.$1"; else load_pg "$db" "$T/csv.$1"; fi || exit 1
	e=$(now_ms)
	echo "$BACKEND: $(cat "$T/gen.$1"): generated in $((g - s)) ms, loaded in $((e - g)) ms"
	# What was loaded, as the product sees it: every plan and task.
	got=$("$BIN" --db "$db" plans 2>/dev/null | awk '$2 == "published" { p++; t += $3 } END { print p + 0, t + 0 }')
	want=$(sed -n 's/^\([0-9]*\) plans, \([0-9]*\) tasks.*/\1 \2/p' "$T/gen.$1")
	[ "$got" = "$want" ] || { echo "national.sh: $BACKEND holds $got plans/tasks, not $want"; exit 1; }
	rm -rf "$T/csv.$1"
	echo "bench-officer-1" | "$BIN" --db "$db" user add officer --role officer \
		--agency "$AGENCY" >/dev/null 2>"$T/user.err" ||
		{ echo "national.sh: user add: $(cat "$T/user.err")"; exit 1; }
	token=$("$BIN" --db "$db" token add officer 2>/dev/null)
	PORTS=
	n=1
	while [ $n -le "$4" ]; do
		start_server "$db" "$1$n"
		eval "PORTS=\"\$PORTS \$PORT_$1$n\""
		n=$((n + 1))
	done
	PORTS=${PORTS# }
	sid=$(curl -s -o /dev/null -D - --data 'login=officer&password=bench-officer-1' \
		"http://127.0.0.1:${PORTS%% *}/login" |
		sed -n 's/^[Ss]et-[Cc]ookie: __Host-dondoc=\([0-9a-f]\{64\}\);.*/\1/p')
	[ -n "$sid" ] || { echo "national.sh: the officer cannot log in"; exit 1; }
	# The first page on each server builds its shared tracked world (at once
	# on every server, as after a deployment).
	warm=
	for p in $PORTS; do
		curl -s -o /dev/null -w "$BACKEND: first home page on port $p (world build): %{time_total} s, HTTP %{http_code}\n" \
			-H "Cookie: __Host-dondoc=$sid" "http://127.0.0.1:$p/" >"$T/warm.$p" &
		warm="$warm $!"
	done
	wait $warm
	for p in $PORTS; do cat "$T/warm.$p"; done
	rss=
	for s in $SERVERS; do rss="$rss $(awk '/VmRSS/ { printf "%d MB", $2 / 1024 }' /proc/$s/status)"; done
	echo "$BACKEND: server memory (RSS) after the build:$rss"
	echo "$BACKEND: $4 server(s), $CONNS connections, ${SECS} s a page, load average $(cut -d' ' -f1-3 /proc/loadavg)"
	export PORTS COOKIE="__Host-dondoc=$sid"
	unset AUTH
	measure "officer home page /" "/"
	measure "plan page, agency filter" "/plans/1?agency=t%C3%A0i+ch%C3%ADnh"
	unset COOKIE
	export AUTH="Bearer $token"
	measure "API task list, one agency" "/api/v1/tasks?agency=S%E1%BB%9F+T%C3%A0i+ch%C3%ADnh+t%E1%BB%89nh+P01"
	unset AUTH
	for s in $SERVERS; do kill "$s" 2>/dev/null; wait "$s" 2>/dev/null; done
	SERVERS=
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); SF $SF"
run pg "$DONDOC_PG_URL" "$tasks_pg" 2
run sqlite "$T/province.db" "${SQLITE_TASKS:-$tasks_sq}" 1
