# reliability.sh - the reliability harness of issue 14 (tests/reliability/,
# docs/reliability.md): concurrency, kill -9 at random points, hostile files
# under time and memory limits, faults. Prints the figures at the end.
. "$(dirname "$0")/../lib.sh"
R=$ROOT/tests/reliability
FIG=$T/figures
: >"$FIG"
for part in ${RELIABILITY_PARTS:-concurrency killloop hostile faults fuzz}; do
	[ -f "$R/$part.sh" ] || continue
	start=$(date +%s)
	. "$R/$part.sh"
	echo "$part: $(($(date +%s) - start)) s" >>"$FIG"
done
echo "# reliability figures:"
sed 's/^/#   /' "$FIG"
