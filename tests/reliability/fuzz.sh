# fuzz.sh - the fuzz regression corpus (sourced by tests/integration/reliability.sh):
# every fuzz/corpus/TARGET/ replayed through the target's entry point built
# without libFuzzer (BUILD/fuzz/TARGET, from fuzz/replay.c; make test and
# make check build them), each within 60 s. A crash, sanitizer report or
# hang fails.
FB=$(dirname "$BIN")/fuzz
for dir in "$ROOT"/fuzz/corpus/fuzz_*; do
	[ -d "$dir" ] || continue
	name=$(basename "$dir")
	n=$(ls "$dir" | grep -c .)
	if [ ! -x "$FB/$name" ]; then
		notok "fuzz corpus $name: replay binary built" "no $FB/$name (make fuzz-replay)"
		continue
	fi
	if timeout 60 "$FB/$name" "$dir" >"$T/fuzz.out" 2>&1 &&
		! grep -Eq "Sanitizer|runtime error:" "$T/fuzz.out"; then
		ok "fuzz corpus $name: $n inputs replay cleanly"
	else
		notok "fuzz corpus $name: $n inputs replay cleanly" "$(grep -E -m3 "Sanitizer|runtime error|replay:" "$T/fuzz.out")"
	fi
	echo "fuzz corpus $name: $n inputs" >>"$FIG"
done
