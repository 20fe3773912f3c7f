# xlsx.sh - the XLSX reader on the binary: an Excel workbook of the team's example appendix
# (title rows, a header, bold section rows, true merged cells, a continued row, shared and
# inline strings) extracts to the same tasks as the text export; its indicator sheet gives
# ref, name, unit and target; hostile workbooks are refused with a message naming the file
# and the part (or, where Excel itself would show a normal sheet, read as the good one),
# and a refused import leaves the database untouched. Fixtures are built here by
# tests/fixtures/make_xlsx.py (python3-openpyxl).
. "$(dirname "$0")/../lib.sh"

MK="$ROOT/tests/fixtures/make_xlsx.py"
SRC="$ROOT/examples/phu-luc-chuyen-doi-so-2026.txt"
if ! $PY -c 'import openpyxl' 2>/dev/null; then
	notok "xlsx fixtures" "python3-openpyxl is missing: apt-get install python3-openpyxl"
	exit 0
fi
X="$T/phu-luc.xlsx"
if ! $PY "$MK" "$SRC" "$X" 2>"$T/err"; then
	notok "xlsx fixture builds" "$(head -c 600 "$T/err")"
	exit 0
fi
ok "xlsx fixture builds"


"$BIN" extract "$SRC" >"$T/text.json" 2>/dev/null
if "$BIN" extract "$X" >"$T/xlsx.json" 2>"$T/err" && same_tasks "$T/text.json" "$T/xlsx.json" 2>"$T/err"; then
	ok "xlsx: same tasks as the text export"
else
	notok "xlsx: same tasks as the text export" "$(head -c 600 "$T/err")"
fi
check "xlsx: plan/1 JSON with the document header" sh -c "
	$PY - '$T/xlsx.json' '$T/text.json' <<'PYEOF'
import json, sys
x, t = (json.load(open(p, encoding='utf-8')) for p in sys.argv[1:3])
assert x['document'] == t['document'], (x['document'], t['document'])
assert x['document']['kind'] == 'Phụ lục', x['document']
PYEOF"
check "xlsx: valid plan/1" valid_plan_json "$T/xlsx.json"

check "xlsx: the fixture has true merges, shared and inline strings, bold runs" $PY - "$X" <<'PYEOF'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s1 = z.read("xl/worksheets/sheet1.xml").decode()
s2 = z.read("xl/worksheets/sheet2.xml").decode()
sst = z.read("xl/sharedStrings.xml").decode()
assert '<mergeCell ref="C11:C13"/>' in s1 and '<mergeCell ref="A3:H3"/>' in s1, "merges"
assert 't="s"' in s1 and 't="inlineStr"' in s2, "string kinds"
assert "<r><rPr><b/>" in sst, "bold runs"
assert '<mergeCell ref="E4:E5"/>' in s2, "indicator merge"
PYEOF

check "xlsx: the document model knows the sheets and the merges" sh -c "
	'$BIN' extract --doc '$X' >'$T/doc.txt' &&
	grep -q 'PHÂN CÔNG NHIỆM VỤ' '$T/doc.txt' && grep -q '\[155000\]' '$T/doc.txt' &&
	grep -q '\[14,97\]' '$T/doc.txt' && grep -q '\[80%\]' '$T/doc.txt'"

check "xlsx: indicators with ref, name, unit, target, lead and leader" $PY - "$T/xlsx.json" <<'PYEOF'
import json, sys
ind = json.load(open(sys.argv[1], encoding="utf-8"))["indicators"]
want = [("1", "Tổng lượt khách du lịch đến tỉnh", "Lượt khách", 155000),
        ("2", "Tỷ trọng du lịch trong GRDP", "%", 14.97),
        ("3", "Điểm du lịch có wifi công cộng miễn phí", "Điểm", 10),
        ("4", "Điểm du lịch chấp nhận thanh toán số", "%", 80)]
got = [(i["ref"], i["name"], i["unit"], i["target"]["value"] if i["target"] else None)
       for i in ind]
assert got == want, got
# Indicator 2 sits under indicator 1's merged responsible cell.
assert ind[1]["lead"] == ["Sở Văn hóa, Thể thao và Du lịch"], ind[1]["lead"]
assert ind[0]["leader"] == "Trần Minh Đức", ind[0]["leader"]
assert ind[0]["target"]["text"] == "155000", ind[0]["target"]
PYEOF

check "xlsx import stores the plan" "$BIN" --db "$DB" import "$X"
check "xlsx import: the tasks are listed" sh -c "'$BIN' --db '$DB' tasks | grep -q 'Thanh toán không dùng tiền mặt'"

# A file named .txt (or anything) is read by content.
cp "$X" "$T/renamed.txt"
if "$BIN" extract "$T/renamed.txt" >"$T/renamed.json" 2>"$T/err" &&
	same_tasks "$T/text.json" "$T/renamed.json" 2>"$T/err"; then
	ok "xlsx: chosen by content, not by file name"
else
	notok "xlsx: chosen by content, not by file name" "$(head -c 600 "$T/err")"
fi

# Several bodies on separate lines of one cell (Alt+Enter): each line is a
# body, exactly the gold's, never one body made of two names nor a third made of
# a name's tail; a name wrapped by hand is read whole and doubted. The shared
# scorer alone would pass the old reading (0.953), so the bodies are compared.
ML=$(sh "$ROOT/tests/corpus/tracker-multiline.gen" "$T" 2>"$T/err") || ML=""
if [ -n "$ML" ] && "$BIN" extract "$ML" >"$T/ml.json" 2>"$T/err" &&
	$PY - "$T/ml.json" "$ROOT/tests/corpus/tracker-multiline.gold.json" >"$T/err" 2>&1 <<'PYEOF'
import json, sys
got = json.load(open(sys.argv[1]))["tasks"]
gold = json.load(open(sys.argv[2]))["tasks"]
bad = []
if len(got) != len(gold):
    bad.append("%d tasks, gold %d" % (len(got), len(gold)))
for g, w in zip(got, gold):
    for k in ("lead", "lead_groups", "coordinate", "coordinate_groups"):
        if g[k] != w[k]:
            bad.append("task %s %s %r, gold %r" % (w["ref"], k, g[k], w[k]))
    doubt = set(g.get("doubt") or []) & {"lead", "coordinate"}
    want = {"lead"} if w["ref"] == "5" else set()
    if doubt != want:
        bad.append("task %s doubted %s, want %s" % (w["ref"], sorted(doubt), sorted(want)))
if bad:
    sys.exit("\n".join(bad))
PYEOF
then
	ok "xlsx: a line break in a lead or coordination cell separates bodies"
else
	notok "xlsx: a line break in a lead or coordination cell separates bodies" "$(head -c 600 "$T/err")"
fi

# Hostile workbooks.
H="$T/hostile"
mkdir -p "$H"
if ! $PY "$MK" --hostile "$X" "$H" 2>"$T/err"; then
	notok "hostile xlsx fixtures build" "$(head -c 600 "$T/err")"
	exit 0
fi
# read_safely NAME FILE: Excel shows the good sheet, and so do we, quickly.
read_safely() {
	if timeout 20 "$BIN" extract "$H/$2" >"$T/safe.json" 2>"$T/err" &&
		same_tasks "$T/text.json" "$T/safe.json" 2>"$T/err"; then
		ok "$1: read as the good workbook"
	else
		notok "$1: read as the good workbook" "$(head -c 600 "$T/err")"
	fi
}
read_safely "sheet claiming A1:XFD1048576" huge-dimension.xlsx
read_safely "20000 overlapping merges over empty cells" empty-merges.xlsx
refused "a cell at XFD1048576" far-cell.xlsx "sheet1\.xml: .*over the limit of [0-9]+ cells"
refused "merge hiding the table" huge-merge.xlsx "sheet1\.xml: .*A9:XFD1048576 hides"
refused "DOCTYPE in a part" doctype.xlsx "sharedStrings\.xml has a DOCTYPE"
refused "t=\"s\" cells without shared strings" missing-ss.xlsx "sheet1\.xml: cell A1 .*shared string"
refused "cell reference past XFD" bad-ref.xlsx "sheet1\.xml: cell reference \"ZZZZ1\""
refused "truncated archive" truncated.xlsx "not a readable archive"
