# pg.sh - a throwaway PostgreSQL 15 cluster for tests (sourced).
#
#   . tests/pg.sh        # after tests/lib.sh or on its own
#   pg_start || exit 1   # exports DONDOC_PG_URL; a failure fails the run
#   ...                  # tests use --db "$DONDOC_PG_URL"
#   pg_stop              # also run by the EXIT trap pg_start installs
#   PG_EXTRA_OPTS="-c shared_buffers=1GB" adds server settings (bench/national.sh)
#
# The cluster uses Debian's postgresql-15 binaries, runs as an unprivileged
# user (dondoc-test, created when running as root), keeps its data folder and
# its Unix socket in a fresh temporary folder and listens on no TCP port, so
# that tests running at the same time never meet.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DIR=
PG_USER=

# Runs a command as the cluster's owner.
pg_as() {
	if [ -n "$PG_USER" ]; then
		runuser -u "$PG_USER" -- "$@"
	else
		"$@"
	fi
}

pg_stop() {
	[ -n "$PG_DIR" ] || return 0
	if [ -f "$PG_DIR/data/postmaster.pid" ]; then
		pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
	fi
	rm -rf "$PG_DIR"
	PG_DIR=
}

pg_start() {
	if [ ! -x "$PG_BIN/initdb" ]; then
		echo "not ok - pg cluster: $PG_BIN/initdb missing (scripts/deps test installs postgresql-15)"
		return 1
	fi
	if [ "$(id -u)" -eq 0 ]; then
		PG_USER=dondoc-test
		id "$PG_USER" >/dev/null 2>&1 ||
			useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER" ||
			{ echo "not ok - pg cluster: cannot create user $PG_USER"; return 1; }
	fi
	PG_DIR=$(mktemp -d /tmp/dondoc-pg.XXXXXX)
	chmod 755 "$PG_DIR"
	[ -z "$PG_USER" ] || chown "$PG_USER" "$PG_DIR"
	# A failure to start fails the caller; the trap stops whatever started.
	trap 'pg_stop; [ -z "${T:-}" ] || rm -rf "$T"' EXIT
	trap 'exit 1' INT TERM HUP
	if ! pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U dondoc -A trust -E UTF8 \
		--locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1; then
		echo "not ok - pg cluster: initdb failed"
		sed 's/^/#   /' "$PG_DIR/initdb.log" | tail -5
		return 1
	fi
	if ! pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 \
		-o "-c listen_addresses='' -c unix_socket_directories='$PG_DIR' -c fsync=off \
-c max_connections=60 ${PG_EXTRA_OPTS:-}" start >/dev/null 2>&1; then
		echo "not ok - pg cluster: pg_ctl start failed"
		sed 's/^/#   /' "$PG_DIR/log" | tail -5
		return 1
	fi
	if ! pg_as "$PG_BIN/../bin/psql" -h "$PG_DIR" -U dondoc -d postgres -qAtc \
		"CREATE DATABASE dondoc" >/dev/null 2>&1; then
		echo "not ok - pg cluster: cannot create the database"
		return 1
	fi
	export DONDOC_PG_URL="postgresql:///dondoc?host=$PG_DIR&user=dondoc"
	return 0
}

# pg_newdb NAME: a fresh empty database in the cluster; prints its URL.
pg_newdb() {
	pg_as "$PG_BIN/psql" -h "$PG_DIR" -U dondoc -d postgres -qAtc "CREATE DATABASE $1" \
		>/dev/null 2>&1 || return 1
	echo "postgresql:///$1?host=$PG_DIR&user=dondoc"
}
