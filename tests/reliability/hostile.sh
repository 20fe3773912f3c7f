# hostile.sh - the hostile-file suite (sourced by tests/integration/reliability.sh):
# every file of make_hostile.py is refused or read within 2 s and 256 MiB,
# measured with /usr/bin/time -v (CPU time, peak resident memory), with a message that names the file and the
# limit in plain words (never libxml2's own); UTF-16 text (Notepad's
# "Unicode") is read; a plan of too many tasks is refused at import.
H=$T/hostile
MAX_S=2
MAX_KB=$((256 * 1024))
if ! $PY "$R/make_hostile.py" "$H" 2>"$T/err"; then
	notok "hostile files build" "$(head -c 600 "$T/err")"
else
	# bounded NAME FILE PATTERN: extract FILE exits 1 within the limits, with a
	# message naming FILE and matching PATTERN, and no libxml2 jargon.
	bounded() {
		/usr/bin/time -v -o "$T/time" "$BIN" extract "$H/$2" >/dev/null 2>"$T/err"
		rc=$?
		# CPU seconds (user + system): the machine may be shared, and a
		# wall clock would measure the neighbours.
		s=$(awk -F': ' '/User time|System time/ { t += $2 } END { print t }' "$T/time")
		kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/time")
		echo "hostile $2: ${s} s CPU, $((kb / 1024)) MiB peak, exit $rc" >>"$FIG"
		if [ "$rc" -ne 1 ]; then
			notok "$1: refused (exit 1)" "got $rc" "$(head -c 300 "$T/err")"
		elif ! grep -Eq "$2: .*($3)" "$T/err"; then
			notok "$1: refused (exit 1)" "stderr did not match /$3/:" "$(head -c 300 "$T/err")"
		elif grep -Eq "XML_PARSE|HUGE|parser error|xmlSAX2|blocks\$" "$T/err"; then
			notok "$1: refused (exit 1)" "libxml2's words reach the user:" "$(head -c 300 "$T/err")"
		else
			ok "$1: refused (exit 1) with a plain message"
		fi
		if [ -n "$SANITIZED" ]; then
			echo "# $1: time and memory not asserted under sanitizers (${s} s, ${kb} KiB)"
		elif awk -v s="$s" -v m="$MAX_S" 'BEGIN { exit !(s <= m) }' && [ "$kb" -le "$MAX_KB" ]; then
			ok "$1: within $MAX_S s and 256 MiB"
		else
			notok "$1: within $MAX_S s and 256 MiB" "${s} s, ${kb} KiB"
		fi
	}
	bounded "DOCX of 3 million empty paragraphs" empty-paras.docx "DONDOC_MAX_READER_BYTES|DONDOC_MAX_XML_NODES"
	bounded "DOCX with a 200 MB entry" big-entry.docx "DONDOC_MAX_READER_BYTES|DONDOC_MAX_XML_NODES|DONDOC_MAX_BLOCKS"
	bounded "DOCX with a 12 MB text" huge-text.docx "longer than the reader accepts"
	bounded "DOCX nested 100,000 deep" deep.docx "deeper than 200 levels"
	bounded "XLSX of 2 million cells" many-cells.xlsx "DONDOC_MAX_READER_BYTES|DONDOC_MAX_XML_NODES|DONDOC_MAX_CELLS"
	bounded "60 MB of tab-separated cells" tab-cells.txt "DONDOC_MAX_CELLS"
	bounded "markdown table of 300,000 rows" md-rows.txt "DONDOC_MAX_ROWS"
	bounded "60 MB of blank lines" blank-lines.txt "DONDOC_MAX_LINES"

	# A plan of 6,000 tasks passes the row limit but not the task limit.
	head -6006 "$H/md-rows.txt" >"$H/tasks.txt"
	fails "6,000 tasks: import refuses the plan, naming DONDOC_MAX_TASKS" \
		"tasks.txt: .*DONDOC_MAX_TASKS" "$BIN" --db "$T/h.db" import "$H/tasks.txt"
	check "6,000 tasks: DONDOC_MAX_TASKS=10000 lets it in" \
		env DONDOC_MAX_TASKS=10000 "$BIN" --db "$T/h.db" import "$H/tasks.txt"
	rm -rf "$H"
fi

# UTF-16 with a byte order mark, both byte orders, reads as the UTF-8 file does.
src=$ROOT/tests/data/general/markdown-table.txt
"$BIN" extract "$src" >"$T/u8.json" 2>/dev/null
for enc in UTF-16LE UTF-16BE; do
	if [ "$enc" = UTF-16LE ]; then printf '\377\376' >"$T/u16.txt"; else printf '\376\377' >"$T/u16.txt"; fi
	iconv -f UTF-8 -t "$enc" "$src" >>"$T/u16.txt"
	if "$BIN" extract "$T/u16.txt" >"$T/u16.json" 2>"$T/err" && cmp -s "$T/u8.json" "$T/u16.json"; then
		ok "$enc text with a BOM reads as the UTF-8 file"
	else
		notok "$enc text with a BOM reads as the UTF-8 file" "$(head -c 300 "$T/err")"
	fi
done
printf '\377\376\000\330a\000' >"$T/bad16.txt"
fails "UTF-16 with a lone surrogate is refused with its offset" "bad16.txt: invalid UTF-16 at offset" \
	"$BIN" extract "$T/bad16.txt"
