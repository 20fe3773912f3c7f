# docs_out.sh - documents out (issue 10): seed 000 with a scripted year of
# reports on a fixed clock; the consolidated and agency reports (DOCX), the
# appendix (XLSX), CSV, JSON and the calendars, each read back with an
# independent tool and compared with `dondoc status` task by task, then
# opened by LibreOffice (PDF page size and margins). The scenario is
# tests/data/docs/docs_out.py; golden files for a fixed clock are in
# tests/data/docs/golden/.
. "$(dirname "$0")/../lib.sh"

DATA=$ROOT/tests/data/docs
SEED=$(ls "$SHARED"/seeds/000_*.txt 2>/dev/null | head -1)
unset DONDOC_SMTP_URL DONDOC_MAIL_FROM DONDOC_USER DONDOC_DUE_SOON_DAYS

fails "export: an unknown format" "use docx, xlsx, csv, json or ics" \
	"$BIN" --db "$DB" export 1 --format pdf
fails "export: docx needs a file" "add -o FILE" "$BIN" --db "$DB" export 1 --format docx
fails "report-doc needs a period" "needs the period" "$BIN" --db "$DB" report-doc 1 -o "$T/x.docx"
if [ -z "$SEED" ]; then
	notok "seed 000 is available" "no $SHARED/seeds/000_*.txt"
	exit 1
fi
"$BIN" --db "$DB" import "$DATA/markup.txt" >/dev/null 2>&1
fails "report-doc of a draft plan" "only published plans are tracked" \
	"$BIN" --db "$DB" report-doc 1 --period 2026-H1 -o "$T/draft.docx"
if [ -e "$T/draft.docx" ]; then notok "a failed report leaves no file"; else
	ok "a failed report leaves no file"; fi
"$BIN" --db "$DB" publish 1 >/dev/null 2>&1
fails "a folder that does not exist" "cannot" \
	"$BIN" --db "$DB" export 1 --format docx -o "$T/none/x.docx"
echo "old" >"$T/keep.docx"
DONDOC_TODAY=2026-02-20 "$BIN" --db "$DB" export 1 --format docx --period 2026-13 \
	-o "$T/keep.docx" >/dev/null 2>&1
if [ "$(cat "$T/keep.docx")" = old ]; then ok "a failed export leaves the old file as it was"
else notok "a failed export leaves the old file as it was"; fi

DB=$(new_db docs)
mkdir -p "$T/work"
$PY "$DATA/docs_out.py" "$BIN" "$DB" "$SEED" "$DATA/markup.txt" \
	"$ROOT/tests/data/track/indicators.txt" "$DATA/golden" "$T/work"
