#!/bin/sh
# national.sh - SQLite against PostgreSQL on the CLI path, at a scale factor.
#
#   sh bench/national.sh [SF]     (default SF=20: 5 seeds x 20 = 100 plans)
#
# Loads SF copies of the five seeds (import --again: extraction + store), publishes
# them, files one report per task of the first plan, then times the read
# views (status --json, tasks, export) on each backend. The web server lives on
# another branch, so this measures the CLI and store path only, not HTTP (wrk).
# Needs the throwaway cluster of tests/pg.sh; prints one line per measure.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
BIN=${DONDOC_BIN:-$root/build/dondoc}
SHARED=${DONDOC_SHARED:-$root/../shared}
SF=${1:-20}
T=$(mktemp -d)
. "$root/tests/pg.sh"
pg_start || exit 1
export DONDOC_NOW=2026-01-01T08:00:00Z DONDOC_TODAY=2026-06-30 DONDOC_OUTBOX="$T/outbox"

ms() { # ms COMMAND...: wall milliseconds of one run, output discarded
	s=$(date +%s%N)
	"$@" >/dev/null 2>&1 || echo "failed: $*" >&2
	e=$(date +%s%N)
	echo $(((e - s) / 1000000))
}

for backend in sqlite pg; do
	if [ $backend = sqlite ]; then db=$T/bench.db; else db=$DONDOC_PG_URL; fi
	s=$(date +%s%N)
	i=0
	while [ $i -lt "$SF" ]; do
		"$BIN" --db "$db" import --again "$SHARED"/seeds/00*.txt >/dev/null 2>&1 ||
			echo "import failed" >&2
		i=$((i + 1))
	done
	e=$(date +%s%N)
	plans=$((SF * 5))
	echo "$backend: import $plans plans: $(((e - s) / 1000000)) ms ($(((e - s) / 1000000 / plans)) ms/plan)"
	s=$(date +%s%N)
	p=1
	while [ $p -le $plans ]; do "$BIN" --db "$db" publish $p >/dev/null 2>&1; p=$((p + 1)); done
	e=$(date +%s%N)
	echo "$backend: publish $plans plans: $(((e - s) / 1000000)) ms"
	s=$(date +%s%N)
	t=1
	while [ $t -le 50 ]; do
		"$BIN" --db "$db" report $t --agency "Ban Tuyên giáo và Dân vận Tỉnh ủy" \
			--state in_progress >/dev/null 2>&1
		t=$((t + 1))
	done
	e=$(date +%s%N)
	echo "$backend: 50 reports (one process each): $(((e - s) / 1000000)) ms"
	echo "$backend: status --json over all plans: $(ms "$BIN" --db "$db" status --json) ms"
	echo "$backend: tasks (all): $(ms "$BIN" --db "$db" tasks) ms"
	echo "$backend: export 1: $(ms "$BIN" --db "$db" export 1) ms"
done
pg_stop
rm -rf "$T"
