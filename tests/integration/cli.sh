# cli.sh - the command line on a temporary database: commands, exit codes,
# clear errors for bad input, nothing half-written.
. "$(dirname "$0")/../lib.sh"

check "version prints a version" sh -c "'$BIN' version | grep -Eq '^dondoc [0-9]+\.[0-9]+'"
check "help lists every command" sh -c "'$BIN' help | grep -q import && '$BIN' help | grep -q export"
check "help COMMAND shows its usage" sh -c "'$BIN' help tasks | grep -q -- '--agency'"
fails "unknown command exits 2 with a hint" "not a command" "$BIN" frobnicate
fails "unknown option is named" "unknown option '--bogus'" "$BIN" --db "$DB" tasks --bogus

check "init creates and migrates the database" sh -c "'$BIN' --db '$DB' init | grep -q 'schema version'"
check "DONDOC_DB selects the database" sh -c "DONDOC_DB='$T/env.db' '$BIN' init && test -f '$T/env.db'"
check "default database is var/dondoc.db" sh -c "cd '$T' && '$BIN' init >/dev/null && test -f var/dondoc.db"

before=$(db_state)
fails "missing file: error names it" "nope\.txt: cannot open" "$BIN" --db "$DB" import "$T/nope.txt"
printf '\000\001\002binary' >"$T/bin.dat"
fails "binary file is refused" "bin\.dat: this is a binary file" "$BIN" --db "$DB" import "$T/bin.dat"
: >"$T/empty.txt"
fails "empty file is refused" "empty\.txt: the file is empty" "$BIN" --db "$DB" import "$T/empty.txt"
printf 'KẾ HOẠCH\nline two\nbad \377 byte\n' >"$T/bad.txt"
fails "invalid UTF-8 names file and line" "bad\.txt:3: invalid UTF-8" "$BIN" --db "$DB" import "$T/bad.txt"
printf 'PK\003\004not really a zip' >"$T/fake.docx"
fails "a ZIP is recognised by content" "fake\.docx: a ZIP container" "$BIN" --db "$DB" import "$T/fake.docx"
printf 'Hôm nay trời đẹp.\n' >"$T/prose.txt"
fails "text that is no plan is refused" "no tasks" "$BIN" --db "$DB" import "$T/prose.txt"
after=$(db_state)
if [ "$before" = "$after" ]; then ok "bad input leaves the database untouched"; else
	notok "bad input leaves the database untouched" "$before" "$after"; fi

fails "export of a missing plan" "no plan with id 99" "$BIN" --db "$DB" export 99
fails "export of a non-id" "not a plan id" "$BIN" --db "$DB" export abc
fails "tasks --plan takes an id" "not a plan id" "$BIN" --db "$DB" tasks --plan x
fails "an unreachable PostgreSQL server is said clearly" "cannot connect" \
	"$BIN" --db "postgresql:///y?host=/nonexistent-dondoc" plans

printf 'KẾ HOẠCH\n\nI. NỘI DUNG\n\n1. Rà soát hồ sơ\n\n- Đơn vị chủ trì: Sở Tài chính.\n' >"$T/small.txt"
fails "the file-size limit is configurable" "larger than the limit of 10 bytes" \
	env DONDOC_MAX_FILE_BYTES=10 "$BIN" --db "$DB" import "$T/small.txt"
fails "a bad limit setting is named" "DONDOC_MAX_PAGES='many' is not a whole number" \
	env DONDOC_MAX_PAGES=many "$BIN" --db "$DB" import "$T/nope.txt"
