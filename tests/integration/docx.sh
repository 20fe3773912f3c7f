# docx.sh - the DOCX reader on the binary: Word versions of the team's example plans
# (automatic numbering, true vertical merges, a repeating header row, bold section rows)
# extract to the same tasks as their text exports; an appendix in the shape of seed 000,
# built from its gold answer with true merges, scores overall >= 0.97; every hostile
# container is refused with a message naming the file, exit 1, and the database is left
# untouched. Fixtures are built here by tests/fixtures/make_docx.py (python3-docx).
. "$(dirname "$0")/../lib.sh"

MK="$ROOT/tests/fixtures/make_docx.py"
if ! $PY -c 'import docx' 2>/dev/null; then
	notok "docx fixtures" "python3-docx is missing: apt-get install python3-docx"
	exit 0
fi


for src in "$ROOT"/examples/*.txt; do
	name=$(basename "$src" .txt)
	if ! $PY "$MK" "$src" "$T/$name.docx" 2>"$T/err"; then
		notok "docx of $name builds" "$(head -c 600 "$T/err")"
		continue
	fi
	"$BIN" extract "$src" >"$T/$name.txt.json" 2>/dev/null
	if "$BIN" extract "$T/$name.docx" >"$T/$name.docx.json" 2>"$T/err" &&
		same_tasks "$T/$name.txt.json" "$T/$name.docx.json" 2>"$T/err"; then
		ok "docx of $name: same tasks as its text export"
	else
		notok "docx of $name: same tasks as its text export" "$(head -c 600 "$T/err")"
	fi
done

# Several bodies in one cell on separate paragraphs or lines (<w:br/>): each
# is a body, never one made of two names nor a third made of a name's tail;
# the task text's paragraphs still read as one sentence.
if $PY - "$T/lines.docx" 2>"$T/err" <<'PYEOF'
import sys
from docx import Document

d = Document()
d.add_paragraph("KẾ HOẠCH TRIỂN KHAI NHIỆM VỤ NĂM 2026")
t = d.add_table(rows=3, cols=5)
for c, h in enumerate(["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]):
    t.cell(0, c).text = h
def lines(cell, parts, breaks):
    cell.text = ""
    p = cell.paragraphs[0]
    for k, s in enumerate(parts):
        if k and breaks:
            p.add_run().add_break()
        elif k:
            p = cell.add_paragraph()
        p.add_run(s)
t.cell(1, 0).text = "1"
lines(t.cell(1, 1), ["Rà soát tài sản công", "sau hợp nhất"], False)
lines(t.cell(1, 2), ["Sở Tài chính", "Sở Nông nghiệp và Môi trường"], False)
lines(t.cell(1, 3), ["Công an tỉnh", "Sở Văn hóa, Thể thao và Du lịch"], True)
t.cell(1, 4).text = "Quý I/2026"
t.cell(2, 0).text = "2"
t.cell(2, 1).text = "Tổ chức lễ hội đầu xuân"
lines(t.cell(2, 2), ["Công an tỉnh", "Sở Văn hóa, Thể thao và Du lịch"], False)
lines(t.cell(2, 3), ["Sở Y tế", "UBND các xã, phường"], True)
t.cell(2, 4).text = "Quý II/2026"
d.save(sys.argv[1])
PYEOF
then
	if "$BIN" extract "$T/lines.docx" >"$T/lines.json" 2>"$T/err" &&
		$PY - "$T/lines.json" >"$T/err" 2>&1 <<'PYEOF'
import json, sys
t = json.load(open(sys.argv[1]))["tasks"]
want = [
    ("Rà soát tài sản công sau hợp nhất", ["Sở Tài chính", "Sở Nông nghiệp và Môi trường"],
     ["Công an tỉnh", "Sở Văn hóa, Thể thao và Du lịch"], []),
    ("Tổ chức lễ hội đầu xuân", ["Công an tỉnh", "Sở Văn hóa, Thể thao và Du lịch"],
     ["Sở Y tế"], ["UBND các xã, phường"]),
]
got = [(x["text"], x["lead"], x["coordinate"], x["coordinate_groups"]) for x in t]
if got != want:
    sys.exit("got %r" % got)
PYEOF
	then
		ok "docx: paragraphs and line breaks in a lead or coordination cell separate bodies"
	else
		notok "docx: paragraphs and line breaks in a lead or coordination cell separate bodies" \
			"$(head -c 600 "$T/err")"
	fi
else
	notok "docx with multi-line cells builds" "$(head -c 600 "$T/err")"
fi

# The same documents saved again by LibreOffice, a second producer: its own
# numbering instances (start overrides, continued lists), merges and styles.
if command -v soffice >/dev/null 2>&1; then
	mkdir -p "$T/lo" "$T/lohome"
	# One LibreOffice start for all files: it is slow to start.
	HOME="$T/lohome" timeout 180 soffice --headless --norestore \
		--convert-to "docx:MS Word 2007 XML" --outdir "$T/lo" "$T"/*.docx >"$T/lo.log" 2>&1
	for src in "$ROOT"/examples/*.txt; do
		name=$(basename "$src" .txt)
		if [ -s "$T/lo/$name.docx" ] &&
			"$BIN" extract "$T/lo/$name.docx" >"$T/lo/$name.json" 2>"$T/err" &&
			same_tasks "$T/$name.txt.json" "$T/lo/$name.json" 2>"$T/err"; then
			ok "docx of $name saved by LibreOffice: same tasks"
		else
			notok "docx of $name saved by LibreOffice: same tasks" \
				"$(head -c 600 "$T/err" "$T/lo.log")"
		fi
	done
else
	ok "LibreOffice round trip # SKIP soffice is missing"
fi

# The example documents carry what the text lost: numbering in numbering.xml, merges.
lh="$T/ke-hoach-le-hoi-mua-xuan-2026.docx"
pl="$T/phu-luc-chuyen-doi-so-2026.docx"
check "le-hoi docx numbers its items automatically" $PY - "$lh" <<'PYEOF'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
doc = z.read("word/document.xml").decode()
assert "<w:numPr>" in doc and "Mục đích" in doc and ">1. Mục đích" not in doc
assert "upperRoman" in z.read("word/numbering.xml").decode()
PYEOF
check "phu-luc docx has true merges and a repeating header" $PY - "$pl" <<'PYEOF'
import sys, zipfile
doc = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
assert 'w:vMerge w:val="restart"' in doc and "<w:vMerge/>" in doc
assert "<w:tblHeader/>" in doc and doc.count(">TT<") == 1 and "w:gridSpan" in doc
PYEOF
check "docx import stores the plan" "$BIN" --db "$DB" import "$pl"
# What follows reads files only: the PostgreSQL pass of tests/run ends here.
sqlite_only || exit 0

# Seed 000's shape, rebuilt from its gold answer with true merges.
gold="$SHARED/gold/000.json"
seed=$(ls "$SHARED"/seeds/000_*.txt 2>/dev/null | head -n 1)
if [ -f "$gold" ] && [ -n "$seed" ]; then
	if $PY "$MK" --gold "$gold" "$seed" "$T/seed000.docx" 2>"$T/err" &&
		"$BIN" extract "$T/seed000.docx" >"$T/seed000.json" 2>"$T/err"; then
		overall=$($PY "$SHARED/tools/score_extraction.py" "$T/seed000.json" "$gold" | tail -1 |
			awk '{print $2}')
		if $PY -c "import sys; sys.exit(0 if float('$overall') >= 0.97 else 1)" 2>/dev/null; then
			ok "seed-000-shaped docx scores overall $overall >= 0.97"
		else
			notok "seed-000-shaped docx scores overall >= 0.97" "overall $overall"
		fi
	else
		notok "seed-000-shaped docx scores overall >= 0.97" "$(head -c 600 "$T/err")"
	fi
else
	notok "seed-000-shaped docx" "no gold/000.json or seed 000 under $SHARED"
fi

# Hostile containers: refused, named, exit 1, nothing stored.
H="$T/hostile"
if ! $PY "$MK" --hostile "$H" 2>"$T/err"; then
	notok "hostile fixtures build" "$(head -c 600 "$T/err")"
	exit 0
fi
refused "zip bomb" bomb.docx "zip bomb|limit"
refused "zip bomb with lying headers" bomb-lying.docx "zip bomb|limit|corrupt"
refused "too many entries" entries.docx "entries, over the limit"
refused "bad CRC" crc.docx "CRC"
refused "overlapping entries" overlap.docx "inconsistent|overlap"
refused "DOCTYPE with entities" doctype.docx "DOCTYPE"
refused "UTF-16 external entity" xxe16.docx "DOCTYPE"
refused "path traversal ../" traversal-dotdot.docx "unsafe"
refused "absolute path" traversal-abs.docx "unsafe"
refused "drive letter path" traversal-drive.docx "unsafe"
refused "truncated archive" truncated.docx "not a readable archive"
refused "corrupt archive" corrupt.docx "not a readable archive"
refused "encrypted entry" encrypted.docx "encrypted|password"
refused "OLE encrypted package" ole-encrypted.docx "password-protected"
refused "malformed XML" malformed.docx "not well-formed"
refused "ZIP without a document" nodoc.docx "neither a Word"
