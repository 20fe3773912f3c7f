# reliability.sh - the reliability harness of issue 14 (tests/reliability/,
# docs/reliability.md): concurrency, kill -9 at random points, hostile files
# under time and memory limits, faults. Prints the figures at the end.
. "$(dirname "$0")/../lib.sh"
R=$ROOT/tests/reliability
FIG=$T/figures
: >"$FIG"
# Under make check (AddressSanitizer) every process is several times slower
# and bigger: the runs are shorter (SCALE) and hostile.sh does not assert
# time and memory, which are then not the product's.
SANITIZED= SCALE=1
if nm "$BIN" 2>/dev/null | grep -q __asan_init; then
	SANITIZED=1 SCALE=4
fi
# On PostgreSQL (the second pass of tests/run) the parts about the store run
# again there; killing a client (killloop), hostile files and the fuzz
# corpus do not depend on the backend.
parts="concurrency killloop hostile faults fuzz"
sqlite_only || parts="concurrency faults"
for part in ${RELIABILITY_PARTS:-$parts}; do
	[ -f "$R/$part.sh" ] || continue
	start=$(date +%s)
	. "$R/$part.sh"
	echo "$part: $(($(date +%s) - start)) s" >>"$FIG"
done
echo "# reliability figures:"
sed 's/^/#   /' "$FIG"
