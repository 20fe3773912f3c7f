# indicators_years.sh - indicators judged year by year on the real binary: a
# 2026-2030 plan with one target per year, a span and a baseline column
# (tests/corpus/multiyear-table.txt) imported and published; values reported
# per year above, on and below the yearly path (a correction included);
# `dondoc indicators --json` gives for each indicator and year the target
# (the year's own, or the straight path between two targets), the actual,
# the verdict and the rule; --period and --agency narrow it. The report
# (DOCX, part 4) and the appendix (XLSX, "Chỉ tiêu" sheet) show the years
# and the baseline. A "Hiện trạng" baseline (no year) is dated by the plan.
. "$(dirname "$0")/../lib.sh"

export DONDOC_TODAY=2028-12-20
unset DONDOC_USER

if ! "$BIN" --db "$DB" import "$ROOT/tests/corpus/multiyear-table.txt" >/dev/null 2>"$T/err" ||
	! "$BIN" --db "$DB" publish 1 >/dev/null 2>>"$T/err"; then
	notok "the multi-year plan imports and publishes" "$(cat "$T/err")"
	exit 1
fi
ok "the multi-year plan imports and publishes"

fails "indicators --period refuses a non-period" "period" \
	"$BIN" --db "$DB" indicators --period "năm sau"
check "help indicators shows --agency" sh -c "'$BIN' help indicators | grep -q -- '--agency'"

$PY - "$BIN" "$DB" "$ROOT/tests" <<'PYEOF'
import json, re, subprocess, sys

BIN, DB = sys.argv[1], sys.argv[2]
sys.path.insert(0, sys.argv[3])
from tap import ok, notok, equal, failed


def run(*args):
    p = subprocess.run([BIN, "--db", DB] + list(args), capture_output=True, text=True)
    if p.returncode != 0:
        notok(" ".join(args), p.stderr)
    return p.stdout


def js(*args):
    return json.loads(run("indicators", "--json", *args) or "{}")


inds = {i["ref"]: i for i in js("--plan", "1")["indicators"]}
ids = {ref: i["id"] for ref, i in inds.items()}


def report(ref, agency, value, period):
    out = run("report", "--indicator", str(ids[ref]), "--agency", agency, "--value", value,
              "--period", period)
    m = re.search(r"indicator report (\d+)", out)
    return m.group(1) if m else "0"


NN = "Sở Nông nghiệp và Môi trường"
# Row 4: 30% (2026), 40% (2028), 50% (2030); no target for 2027 or 2029.
report("4", NN, "31", "2026")             # above the year's target
wrong = report("4", NN, "33", "2027")
report("4", NN, "35", "2027")             # filed again below...
run("report", "--indicator", str(ids["4"]), "--agency", NN, "--value", "35",
    "--period", "2027", "--replaces", wrong)   # ...and corrected: on the path
report("4", NN, "38", "2028")             # below the year's target
report("4", NN, "30", "2027-H1")          # below the path (32,5) at mid-year
# Row 1: a target every year and one for the span.
report("1", NN, "4.0", "2026")
report("1", NN, "4.1", "2027")

d = js("--plan", "1")
equal("indicators/1 keeps its fields", d.get("format"), "indicators/1")
inds = {i["ref"]: i for i in d["indicators"]}
x = inds["4"]
equal("every existing field is still there",
      sorted(k for k in x if k != "by_period"),
      sorted(["id", "plan", "ref", "name", "target_op", "target", "actual", "period", "agency",
              "verdict", "baseline"]))
equal("the baseline column (Thực hiện năm 2025) is carried",
      x["baseline"], {"period": "2025", "text": "25,0", "value": 25})
yp = {p["period"]: p for p in x["by_period"]}
equal("row 4: years with a target or a value, in time order (H1 before the year)",
      [p["period"] for p in x["by_period"]], ["2026", "2027-H1", "2027", "2028", "2030"])
equal("2026: above the year's target",
      (yp["2026"]["target"], yp["2026"]["actual"], yp["2026"]["verdict"], yp["2026"]["basis"]),
      (30, 31, "ahead", "period"))
equal("2027: on the path between 2026 and 2028, after the correction",
      (yp["2027"]["target"], yp["2027"]["actual"], yp["2027"]["verdict"], yp["2027"]["basis"]),
      (35, 35, "on_course", "path"))
equal("2027: the rule says how the target was found", yp["2027"]["rule"],
      "Năm 2027: mục tiêu nội suy 35% giữa 30% (2026) và 40% (2028); thực hiện 35%: đúng lộ trình")
equal("2028: below the year's target (near)",
      (yp["2028"]["target"], yp["2028"]["actual"], yp["2028"]["verdict"],
       yp["2028"]["judgement"]), (40, 38, "behind", "near"))
equal("2027-H1: below the path at mid-year",
      (yp["2027-H1"]["target"], yp["2027-H1"]["verdict"]), (32.5, "behind"))
equal("2030: a target, nothing reported yet",
      (yp["2030"]["target"], yp["2030"]["actual"], yp["2030"]["verdict"]),
      (50, None, "no_report"))
equal("the agency of the value in force", yp["2026"]["agency"], NN)

y1 = {p["period"]: p for p in inds["1"]["by_period"]}
equal("row 1: on course in 2026, behind in 2027, the span not reported",
      (y1["2026"]["verdict"], y1["2027"]["verdict"], y1["2026-2030"]["verdict"],
       y1["2026-2030"]["target"]), ("on_course", "behind", "no_report", 4.3))
equal("row 6: nothing reported: every year no_report",
      {p["verdict"] for p in inds["6"]["by_period"]}, {"no_report"})

# --period: only that year, judged on the path.
d = js("--plan", "1", "--period", "2027")
x = {i["ref"]: i for i in d["indicators"]}["4"]
equal("--period 2027: one row, on the path",
      [(p["period"], p["target"], p["verdict"]) for p in x["by_period"]],
      [("2027", 35, "on_course")])
equal("--period 2027: the top-level actual is 2027's", (x["actual"], x["period"]), (35, "2027"))
d = js("--period", "2029")
x = {i["ref"]: i for i in d["indicators"]}["4"]
equal("--period 2029: on the path, not reported",
      [(p["target"], p["verdict"]) for p in x["by_period"]], [(45, "no_report")])

# --agency: the indicators a body leads or coordinates.
refs = lambda d: sorted(i["ref"] for i in d["indicators"])
equal("--agency Sở Y tế: the one row it coordinates", refs(js("--agency", "Sở Y tế")), ["6"])
equal("--agency without diacritics: every row the Sở leads (3.1 under 3 too)",
      refs(js("--agency", "so nong nghiep va moi truong")), ["1", "2", "3", "3.1", "4", "5", "6"])
equal("--agency nobody: no rows", refs(js("--agency", "Sở Ngoại vụ")), [])

text = run("indicators", "--plan", "1", "--period", "2027")
if "mục tiêu nội suy 35% giữa 30% (2026) và 40% (2028)" in text:
    ok("the text view prints the rule")
else:
    notok("the text view prints the rule", text)
text = run("indicators", "--plan", "1")
if re.search(r"\n +2025 +- +25  mức cơ sở năm 2025\n +2026 ", text):
    ok("the text view prints the baseline first")
else:
    notok("the text view prints the baseline first", text[:1500])
sys.exit(1 if failed() else 0)
PYEOF

# The documents: a table of the years in part 4 of the report, and a target
# and an actual column per year at the end of the XLSX indicator sheet.
if "$BIN" --db "$DB" report-doc 1 --period 2027 -o "$T/r.docx" >/dev/null 2>"$T/err" &&
	"$BIN" --db "$DB" export 1 --format xlsx --period 2027 -o "$T/a.xlsx" >/dev/null 2>>"$T/err"; then
	ok "report-doc and the XLSX appendix of the multi-year plan"
else
	notok "report-doc and the XLSX appendix of the multi-year plan" "$(cat "$T/err")"
fi
if $PY - "$T/r.docx" "$T/a.xlsx" >"$T/out" 2>&1 <<'PYEOF'
import sys, docx, openpyxl
d = docx.Document(sys.argv[1])
years = [t for t in d.tables if "Năm 2027" in [c.text for c in t.rows[0].cells]]
assert len(years) == 1, "no table of the years in the report"
rows = [[c.text for c in r.cells] for r in years[0].rows]
assert rows[0] == ["TT", "Chỉ tiêu", "Năm 2026", "Năm 2027", "Năm 2028", "Năm 2029",
                   "Năm 2030", "Giai đoạn 2026-2030"], rows[0]
ntm = [r for r in rows if r[1].startswith("Tỷ lệ xã đạt chuẩn")][0]
assert ntm[2:5] == ["30 / 31", "35 / 35", "40 / 38"], ntm
ws = openpyxl.load_workbook(sys.argv[2])["Chỉ tiêu"]
rows = list(ws.iter_rows(min_row=3, values_only=True))
head = list(rows[0])
assert head[:12] == ["TT", "Chỉ tiêu", "Đơn vị tính", "Mức cơ sở", "Năm cơ sở", "Mục tiêu",
                     "Giá trị mục tiêu", "Thực hiện", "Kỳ", "Đánh giá", "Cơ quan chủ trì",
                     "Lãnh đạo phụ trách"], head
ntm = [r for r in rows if r[1] and r[1].startswith("Tỷ lệ xã đạt chuẩn")][0]
col = {h: i for i, h in enumerate(head)}
# The baseline "Thực hiện năm 2025" (25%) beside the targets, in both documents.
assert (ntm[col["Mức cơ sở"]], ntm[col["Năm cơ sở"]]) == (25, "2025"), ntm
main = [t for t in d.tables if "Mức cơ sở" in [c.text for c in t.rows[0].cells]]
assert len(main) == 1, "no baseline column in the report's indicator table"
mrow = [[c.text for c in r.cells] for r in main[0].rows if r.cells[1].text.startswith("Tỷ lệ xã đạt chuẩn")]
assert mrow and mrow[0][3] == "25 (2025)", mrow
got = [(ntm[col["Mục tiêu %d" % y]], ntm[col["Thực hiện %d" % y]]) for y in (2026, 2027, 2028, 2029)]
assert got == [(30, 31), (35, 35), (40, 38), (45, None)], got
PYEOF
then ok "the report and the appendix show the baseline, and target and actual per year (35 on the path in 2027)"
else notok "the report and the appendix show the baseline, and target and actual per year (35 on the path in 2027)" "$(cat "$T/out")"; fi

# A baseline of no stated year: the same table with "Hiện trạng" for its
# baseline column. The plan's year (2026) dates it 2025, the year before, so
# 2026-H1 is judged on the path from it, and the rule says where the year
# came from; before, it was stored and never used.
sed 's/Thực hiện năm 2025/Hiện trạng/' "$ROOT/tests/corpus/multiyear-table.txt" >"$T/undated.txt"
if "$BIN" --db "$DB" import "$T/undated.txt" >/dev/null 2>"$T/err" &&
	"$BIN" --db "$DB" publish 2 >/dev/null 2>>"$T/err" &&
	"$BIN" --db "$DB" indicators --plan 2 --period 2026-H1 --json >"$T/undated.json" 2>>"$T/err" &&
	"$BIN" --db "$DB" indicators --plan 2 --period 2026-H1 >"$T/undated.txt.out" 2>>"$T/err"; then
	ok "a plan whose baseline column is Hiện trạng imports, publishes and is judged"
else
	notok "a plan whose baseline column is Hiện trạng imports, publishes and is judged" "$(cat "$T/err")"
fi
if $PY - "$T/undated.json" "$T/undated.txt.out" >"$T/out" 2>&1 <<'PYEOF'
import json, sys
j = json.load(open(sys.argv[1]))
i4 = [i for i in j["indicators"] if i["ref"] == "4"][0]
assert i4["baseline"] == {"period": None, "text": "25,0", "value": 25}, i4["baseline"]
h1 = i4["by_period"][0]
assert h1["period"] == "2026-H1" and h1["basis"] == "path" and abs(h1["target"] - 27.5) < 1e-9, h1
assert h1["verdict"] == "no_report", h1
assert ("mục tiêu nội suy 27,5% trên đường thẳng từ mức cơ sở không ghi năm (25%, tính là"
        " năm 2025, năm trước năm của kế hoạch) đến mục tiêu 2026 (30%); chưa báo cáo") in h1["rule"], h1
assert "năm trước năm của kế hoạch" in open(sys.argv[2]).read()
PYEOF
then ok "Hiện trạng is dated by the plan's year and starts the yearly path (rule says so)"
else notok "Hiện trạng is dated by the plan's year and starts the yearly path (rule says so)" "$(cat "$T/out")"; fi
# Every plan at once comes from the world's bulk load, not plan by plan: the
# same derived year.
"$BIN" --db "$DB" indicators --period 2026-H1 >"$T/all.out" 2>&1
if grep -q "năm trước năm của kế hoạch" "$T/all.out"; then
	ok "... also when every plan is judged at once (bulk load)"
else
	notok "... also when every plan is judged at once (bulk load)" "$(head -c 600 "$T/all.out")"
fi
