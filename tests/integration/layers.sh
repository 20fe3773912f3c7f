# layers.sh - make check-layers (scripts/check-layers): the tree keeps its
# layers, and a file that includes a module above its layer is caught.
# store: none (extraction only: runs once, on no database)
. "$(dirname "$0")/../lib.sh"

check "the source tree keeps its layers" sh "$ROOT/scripts/check-layers" "$ROOT/src"

mkdir -p "$T/src/store" "$T/src/base" "$T/src/ops"
printf '#include "base/compat.h"\n#include "store/store.h"\n' >"$T/src/store/ok.c"
printf '#include "base/compat.h"\n#include "ops/ops.h"\n' >"$T/src/store/bad.c"
printf '#include "base/sb.h"\n' >"$T/src/ops/fine.c"
if sh "$ROOT/scripts/check-layers" "$T/src" >"$T/out" 2>&1; then
	notok "a store file including ops/ fails the check" "$(cat "$T/out")"
elif grep -q "src/store/bad.c:2: layer 'store' may not include 'ops/'" "$T/out" &&
	! grep -q "ok.c\|fine.c" "$T/out"; then
	ok "a store file including ops/ fails the check, naming the file and line"
else
	notok "a store file including ops/ fails the check, naming the file and line" "$(cat "$T/out")"
fi
printf '#include "extract/agency.h"\n' >"$T/src/store/registry.c"
if sh "$ROOT/scripts/check-layers" "$T/src" >"$T/out" 2>&1; then
	notok "a store file including extract/ fails the check" "$(cat "$T/out")"
else
	ok "a store file including extract/ fails the check"
fi
rm "$T/src/store/registry.c"
printf '#include "cmd/cmd.h"\n' >"$T/src/base/up.c"
rm "$T/src/store/bad.c"
if sh "$ROOT/scripts/check-layers" "$T/src" >"$T/out" 2>&1; then
	notok "base including cmd/ fails the check" "$(cat "$T/out")"
else
	ok "base including cmd/ fails the check"
fi
