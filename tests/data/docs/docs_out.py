# docs_out.py - the documents of issue 10 read back with independent tools.
#
# Seed 000 is imported and published, a year of reports is scripted on a
# fixed clock (on time, late, refused, ongoing, a change requested, notes with
# XML special characters), then every output is produced and read back:
# python-docx for the reports, openpyxl for the appendix, the csv module,
# json, python3-icalendar, LibreOffice headless to PDF with pdfinfo and
# pdftotext for the page size and margins. Every count is compared with
# `dondoc status --json` at the same clock, task by task.
#
#   python3 docs_out.py BIN DB SEED MARKUP_PLAN INDICATOR_PLAN GOLDEN_DIR WORKDIR
#
# Prints "ok - ..." / "not ok - ..." lines (tests/run counts them).
# DONDOC_REGEN_GOLDEN=1 rewrites the golden files instead of comparing.
import csv
import io
import json
import os
import re
import subprocess
import sys
import zipfile

BIN, DB, SEED, MARKUP, INDPLAN, GOLDEN, WORK = sys.argv[1:8]
failures = 0
NOW = "2026-07-20"
PERIOD = "2026-H1"
SVH = "Sở Văn hóa, Thể thao và Du lịch"


def ok(name):
    print("ok - " + name)


def notok(name, *detail):
    global failures
    failures += 1
    print("not ok - " + name)
    for d in detail:
        for line in str(d).splitlines()[:12]:
            print("#   " + line)


def check(name, cond, *detail):
    (ok if cond else lambda n: notok(n, *detail))(name)


def equal(name, got, want):
    check(name, got == want, "got:  %r" % (got,), "want: %r" % (want,))


def run(args, today=NOW, expect=0):
    e = dict(os.environ)
    e["DONDOC_TODAY"] = today
    e["DONDOC_NOW"] = today + "T08:00:00Z"
    p = subprocess.run([BIN, "--db", DB] + args, capture_output=True, text=True, env=e,
                       timeout=300)
    if expect is not None and p.returncode != expect:
        notok("dondoc %s exits %d" % (" ".join(args[:4]), expect), "exit %d" % p.returncode,
              p.stderr[-600:])
    return p


def out(name):
    return os.path.join(WORK, name)


# ---- the stage: seed 000 and a scripted year ------------------------------

def import_plan(path):
    p = run(["import", path], today="2026-01-05")
    m = re.search(r"plan (\d+):", p.stdout)
    pid = int(m.group(1)) if m else 0
    run(["publish", str(pid)], today="2026-01-05")
    exp = json.loads(run(["export", str(pid)], today="2026-01-05").stdout)
    listing = run(["tasks", "--plan", str(pid)]).stdout.splitlines()
    ids = [int(l.split()[0]) for l in listing if re.match(r"^\s*\d+\s+\d+\s", l)]
    for t, i in zip(exp["tasks"], ids):
        t["id"] = i
    return pid, exp


plan, seed = import_plan(SEED)
tasks = seed["tasks"]
single = [t for t in tasks if len(t["lead"]) == 1 and t["due"] and t["due"]["end"]]
q1 = [t for t in single if t["due"]["end"] == "2026-03-31"]
h1 = [t for t in single if t["due"]["end"] == "2026-06-30"]
ongoing = [t for t in tasks if len(t["lead"]) == 1 and t["due"] and t["due"]["recurring"]
           and not t["due"]["end"]]
check("seed 000 has the tasks the scenario needs", len(q1) >= 3 and len(h1) >= 3
      and len(ongoing) >= 2, "q1 %d h1 %d ongoing %d" % (len(q1), len(h1), len(ongoing)))

MARKUP_NOTE = 'Đã tổ chức 3 hội nghị <w:t>& "đối thoại" ]]> với doanh nghiệp'


def report(t, state, day, note=None, date=None, period=None, agency=None):
    args = ["report", str(t["id"]), "--agency", agency or t["lead"][0], "--state", state]
    if note:
        args += ["--note", note]
    if date:
        args += ["--date", date]
    if period:
        args += ["--period", period]
    run(args, today=day)


# Q1 tasks: one on time, one late, one refused.
report(q1[0], "done", "2026-03-25", MARKUP_NOTE, "2026-03-24", "2026-Q1")
run(["confirm", str(q1[0]["id"])], today="2026-03-27")
report(q1[1], "in_progress", "2026-03-10", "Đang triển khai")
report(q1[1], "done", "2026-04-10", "Hoàn thành muộn do khó khăn về kinh phí", "2026-04-08")
run(["confirm", str(q1[1]["id"])], today="2026-04-12")
report(q1[2], "done", "2026-03-30", "Đã xong", "2026-03-30")
run(["reject", str(q1[2]["id"]), "--reason", "Chưa có sản phẩm"], today="2026-04-02")
# H1 tasks: in progress with a difficulty and a proposal; a change requested.
report(h1[0], "in_progress", "2026-06-10",
       "Vướng mắc về mặt bằng. Đề nghị UBND tỉnh bổ sung kinh phí", period=PERIOD)
report(h1[1], "change_requested", "2026-06-12", "Đề nghị điều chỉnh thời hạn sang Quý IV/2026",
       period=PERIOD)
report(h1[2], "done", "2026-06-25", "Đã hoàn thành", "2026-06-20")
# Ongoing tasks: one reported for the period, one not.
report(ongoing[0], "in_progress", "2026-06-14", "Duy trì tuyên truyền hằng tháng", period=PERIOD)

status = json.loads(run(["status", "--plan", str(plan), "--period", PERIOD, "--json"]).stdout)
by_id = {t["id"]: t for t in status["tasks"]}
equal("status covers every task of the plan", len(by_id), len(tasks))

VI = {
    "Hoàn thành đúng hạn": "done_on_time", "Hoàn thành quá hạn": "done_late",
    "Đang thực hiện trong hạn": "on_track", "Quá hạn": "overdue", "Sắp đến hạn": "due_soon",
    "Chưa đến hạn": "not_yet_due", "Chờ xác nhận": "awaiting_confirmation",
    "Tạm dừng": "paused", "Thường xuyên - đã báo cáo kỳ này": "ongoing_reported",
    "Thường xuyên - chưa báo cáo kỳ này": "ongoing_unreported",
    "Không thời hạn": "no_deadline",
}


def docx_text(doc):
    parts = [p.text for p in doc.paragraphs]
    for tb in doc.tables:
        for row in tb.rows:
            for c in row.cells:
                parts.append(c.text)
    return "\n".join(parts)


def bucket_table(doc):
    """The table of part 1: Vietnamese bucket label -> count."""
    for tb in doc.tables:
        if tb.rows[0].cells[1].text == "Tình trạng" and len(tb.columns) == 4:
            got = {}
            for row in tb.rows[1:]:
                label = row.cells[1].text
                if label in VI:
                    got[VI[label]] = int(row.cells[2].text)
                elif label == "Tổng số":
                    got["total"] = int(row.cells[2].text)
            return got
    return {}


def want_buckets(agg):
    w = {k: v for k, v in agg["buckets"].items()}
    w["total"] = agg["total"]
    return w


def check_layout(name, doc):
    s = doc.sections[0]
    equal(name + ": A4", (round(s.page_width.mm), round(s.page_height.mm)), (210, 297))
    check(name + ": margins of Decree 30",
          20 <= s.top_margin.mm <= 25 and 20 <= s.bottom_margin.mm <= 25
          and 30 <= s.left_margin.mm <= 35 and 15 <= s.right_margin.mm <= 20,
          "top %.1f bottom %.1f left %.1f right %.1f" % (
              s.top_margin.mm, s.bottom_margin.mm, s.left_margin.mm, s.right_margin.mm))
    check(name + ": no page number on page 1, numbers from page 2",
          s.different_first_page_header_footer
          and "PAGE" in s.header._element.xml and "PAGE" not in s.first_page_header._element.xml)
    font = doc.styles["Normal"].font
    rpr = doc.styles.element.xpath("//w:docDefaults//w:rFonts")[0]
    sz = doc.styles.element.xpath("//w:docDefaults//w:sz")[0]
    check(name + ": Times New Roman 13-14 pt",
          rpr.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ascii")
          == "Times New Roman" and 26 <= int(sz.get(
              "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")) <= 28,
          str(font.name))
    head = doc.tables[0]
    left, right = head.rows[0].cells[0].text, head.rows[0].cells[1].text
    check(name + ": national motto beside the issuing body",
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
          and left.strip() != "", left, right)
    borders = head._tbl.xpath(".//w:tblBorders")
    check(name + ": header table without borders", not borders)
    date = head.rows[1].cells[1].paragraphs[0]
    check(name + ": place and date in italics",
          re.search(r", ngày \d\d tháng \d\d năm 2026", date.text) is not None
          and all(r.italic for r in date.runs), date.text)
    check(name + ": number left blank for the clerk",
          re.match(r"^Số: +/BC-", head.rows[1].cells[0].text) is not None,
          head.rows[1].cells[0].text)
    text = docx_text(doc)
    for part in ("BÁO CÁO", "1. Kết quả chung", "3. Nhiệm vụ quá hạn, chưa báo cáo",
                 "4. Kết quả thực hiện các chỉ tiêu", "5. Khó khăn, vướng mắc",
                 "Nơi nhận:"):
        check("%s: has '%s'" % (name, part), part in text)


# ---- the consolidated report ----------------------------------------------
try:
    import docx
except ImportError:
    docx = None
    notok("python3-docx is installed (scripts/deps)")

run(["report-doc", str(plan), "--period", PERIOD, "-o", out("report.docx")])
try:
    import xml.dom.minidom
    with zipfile.ZipFile(out("report.docx")) as z:
        for part in z.namelist():
            xml.dom.minidom.parseString(z.read(part))
    ok("consolidated report: every part of the package is well-formed XML")
except Exception as e:  # noqa: BLE001 - any failure is the finding
    notok("consolidated report: every part of the package is well-formed XML", e)
leftovers = [f for f in os.listdir(WORK) if f.endswith(".tmp")]
equal("no temporary file left beside the report", leftovers, [])
if docx and os.path.exists(out("report.docx")):
    d = docx.Document(out("report.docx"))
    check_layout("consolidated report", d)
    equal("consolidated report: bucket counts equal dondoc status",
          bucket_table(d), want_buckets(status["total"]))
    late = None
    for tb in d.tables:
        if [c.text for c in tb.rows[0].cells][:3] == ["TT", "Nhiệm vụ", "Cơ quan chủ trì"]:
            late = tb
    listed = set()
    for row in (late.rows[1:] if late else []):
        m = re.match(r"^([IVXLC]+\.[\d.]+)\. ", row.cells[1].text)
        if m:
            listed.add(m.group(1))
    want = {t["ref"] for t in status["tasks"] if t["bucket"] in ("overdue", "ongoing_unreported")}
    equal("consolidated report: overdue and unreported tasks are those of dondoc status",
          listed, want)
    text = docx_text(d)
    check("consolidated report: difficulties and proposals from the notes",
          "Vướng mắc về mặt bằng" in text and "Đề nghị điều chỉnh thời hạn" in text)
    overdue_late = [t for t in status["tasks"] if t["bucket"] == "overdue"]
    if late and overdue_late:
        t = overdue_late[0]
        row = [r for r in late.rows[1:] if r.cells[1].text.startswith(t["ref"] + ". ")]
        check("consolidated report: how late, in working days, as dondoc status",
              row and ("Quá hạn %d ngày làm việc" % t["late_days"]) == row[0].cells[4].text,
              row[0].cells[4].text if row else "no row")

# ---- an agency's report ---------------------------------------------------
run(["report-doc", str(plan), "--period", PERIOD, "--agency", "Sở VHTTDL", "-o",
     out("agency.docx")])
ag_status = json.loads(run(["status", "--plan", str(plan), "--period", PERIOD, "--agency",
                            SVH, "--lead-only", "--json"]).stdout)
if docx and os.path.exists(out("agency.docx")):
    d = docx.Document(out("agency.docx"))
    check_layout("agency report", d)
    equal("agency report: bucket counts (as lead) equal dondoc status --agency",
          bucket_table(d), want_buckets(ag_status["total"]))
    head = d.tables[0].rows[0].cells[0].text
    check("agency report: issued by the agency", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" in head, head)
    mine = [t for t in tasks if SVH in t["lead"] + t["coordinate"]]
    table = [tb for tb in d.tables if tb.rows[0].cells[0].text == "TT"
             and len(tb.columns) == 6 and tb.rows[0].cells[2].text == "Vai trò"]
    rows = table[0].rows[1:] if table else []
    equal("agency report: every task it leads or coordinates", len(rows), len(mine))
    roles = {}
    for r in rows:
        m = re.match(r"^([IVXLC]+\.[\d.]+)\. ", r.cells[1].text)
        if m:
            roles[m.group(1)] = r.cells[2].text
    want = {t["ref"]: "Chủ trì" if SVH in t["lead"] else "Phối hợp" for t in mine}
    equal("agency report: its role in each", roles, want)
    reported = [r for r in rows if r.cells[1].text.startswith(ongoing[0]["ref"] + ". ")]
    if SVH in ongoing[0]["lead"]:
        check("agency report: what it reported this period",
              reported and "Duy trì tuyên truyền" in reported[0].cells[5].text)

# ---- the appendix -----------------------------------------------------------
try:
    import openpyxl
except ImportError:
    openpyxl = None
    notok("python3-openpyxl is installed (scripts/deps)")
run(["export", str(plan), "--format", "xlsx", "--period", PERIOD, "-o", out("appendix.xlsx")])
if openpyxl and os.path.exists(out("appendix.xlsx")):
    wb = openpyxl.load_workbook(out("appendix.xlsx"))
    equal("appendix: two sheets", wb.sheetnames, ["Phụ lục", "Chỉ tiêu"])
    ws = wb["Phụ lục"]
    head = [c.value for c in ws[4]]
    equal("appendix: the plan's columns plus the status", head,
          ["TT", "Nhiệm vụ", "Lãnh đạo phụ trách", "Lãnh đạo kiểm tra đôn đốc", "Cơ quan chủ trì",
           "Cơ quan phối hợp", "Thời gian thực hiện", "Kết quả triển khai thực hiện",
           "Tình trạng"])
    equal("appendix: header frozen", ws.freeze_panes, "A5")
    equal("appendix: header repeated on every printed page",
          str(ws.print_title_rows).replace("$", ""), "4:4")
    equal("appendix: A4 landscape", (ws.page_setup.orientation, str(ws.page_setup.paperSize)),
          ("landscape", "9"))
    check("appendix: fitted to the page width", ws.sheet_properties.pageSetUpPr.fitToPage
          and ws.page_setup.fitToWidth in (1, None) and ws.page_setup.fitToHeight == 0)
    order = []
    sections = 0
    for r in ws.iter_rows(min_row=5):
        if r[1].value and r[0].value and re.match(r"^[IVXLC]+$", str(r[0].value)) \
                and r[1].font.b:
            sections += 1
            continue
        if r[0].value:
            order.append(r)
    runs = [t["section"] for i, t in enumerate(tasks)
            if t["section"] and (i == 0 or tasks[i - 1]["section"] != t["section"])]
    equal("appendix: section rows in bold", sections, len(runs))
    equal("appendix: every task present, in the plan's order",
          [str(r[0].value) for r in order], [t["ref"] for t in tasks])
    bad = [t["ref"] for r, t in zip(order, tasks)
           if VI.get(str(r[8].value).split(" (")[0]) != by_id[t["id"]]["bucket"]]
    equal("appendix: status of every task as dondoc status", bad, [])
    rows = {str(r[0].value): r for r in order}
    res = rows.get(q1[0]["ref"])
    check("appendix: results from the confirmed report, markup as text",
          res is not None and str(res[7].value).startswith("Đã hoàn thành ngày 24/03/2026")
          and '<w:t>& "đối thoại" ]]>' in str(res[7].value),
          res[7].value if res else "no row")
    filled = [ref for ref, r in rows.items() if r[7].value and r[7].value != "Chưa báo cáo"]
    want = sorted({t["ref"] for t in (q1[:3] + h1[:3] + ongoing[:1])})
    equal("appendix: results filled for every task reported on", sorted(filled), want)
    colours = {VI.get(str(r[8].value).split(" (")[0]): r[8].fill.fgColor.rgb
               for r in rows.values()}
    check("appendix: dashboard colours (blue on time, red overdue)",
          str(colours.get("done_on_time", "")).endswith("BDD7EE")
          and str(colours.get("overdue", "")).endswith("FFC7CE"), colours)

# ---- CSV ----------------------------------------------------------------------
run(["export", str(plan), "--format", "csv", "--period", PERIOD, "-o", out("tasks.csv")])
if os.path.exists(out("tasks.csv")):
    raw = open(out("tasks.csv"), "rb").read()
    check("csv: UTF-8 with a byte order mark", raw.startswith(b"\xef\xbb\xbf"))
    check("csv: CRLF line ends", b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n"))
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    equal("csv: one row per task", len(rows), len(tasks))
    bad = [r["id"] for r in rows if by_id[int(r["id"])]["bucket"] != r["Mã tình trạng"]]
    equal("csv: every bucket as dondoc status", bad, [])
    row = [r for r in rows if int(r["id"]) == q1[0]["id"]]
    check("csv: quotes and markup survive", row and MARKUP_NOTE in row[0][
        "Kết quả triển khai thực hiện"])

# ---- JSON ---------------------------------------------------------------------
p = run(["export", str(plan), "--period", PERIOD])
try:
    js = json.loads(p.stdout)
except ValueError:
    js = {"tasks": []}
    notok("json: parses", p.stdout[:200])
equal("json: plan/1", js.get("format"), "plan/1")
bad = [t["ref"] for t in js["tasks"] if "tracking" not in t
       or t["tracking"]["bucket"] != by_id[t["tracking"]["id"]]["bucket"]
       or t["tracking"]["late_days"] != by_id[t["tracking"]["id"]]["late_days"]]
equal("json: a tracking object per task, as dondoc status", (len(js["tasks"]), bad),
      (len(tasks), []))
p = run(["export", "999"], expect=1)
check("json: an unknown plan is refused as before", "no plan with id 999" in p.stderr, p.stderr)

# ---- iCalendar ----------------------------------------------------------------
try:
    import icalendar
except ImportError:
    icalendar = None
    notok("python3-icalendar is installed (scripts/deps)")


def ics_check(name, args, want_tasks):
    run(["export", str(plan), "--format", "ics"] + args + ["-o", out(name)])
    run(["export", str(plan), "--format", "ics"] + args + ["-o", out(name + ".again")],
        today="2026-07-21")
    if not (icalendar and os.path.exists(out(name))):
        return
    raw = open(out(name), "rb").read()
    lines = raw.split(b"\r\n")
    check(name + ": CRLF and lines folded at 75 octets",
          raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
          and max(len(l) for l in lines) <= 75)
    cal = icalendar.Calendar.from_ical(raw)
    ev = [c for c in cal.walk("VEVENT")]
    uids = [str(e["UID"]) for e in ev]
    equal(name + ": UIDs unique", len(uids), len(set(uids)))
    again = icalendar.Calendar.from_ical(open(out(name + ".again"), "rb").read())
    equal(name + ": UIDs stable from one day to the next", sorted(uids),
          sorted(str(e["UID"]) for e in again.walk("VEVENT")))
    due = {str(e["UID"]): e.decoded("DTSTART").isoformat() for e in ev}
    want = {"task-%d-due@dondoc" % t["id"]: t["due"]["end"] for t in want_tasks}
    got = {k: v for k, v in due.items() if k.startswith("task-")}
    equal(name + ": every task deadline in scope", got, want)
    reports = [k for k in due if "-report-" in k]
    check(name + ": reporting dates", any(k.endswith("-report-2026-H1@dondoc") for k in reports)
          and any(k.endswith("-report-2026@dondoc") for k in reports), reports)


def with_deadline(pred):
    return [t for t in tasks if t["due"] and t["due"]["end"] and pred(t)]


ics_check("agency.ics", ["--agency", "Sở Tài chính"], with_deadline(
    lambda t: "Sở Tài chính" in t["lead"] + t["coordinate"]))
leader = next(t["leader"] for t in tasks if t["leader"])
ics_check("leader.ics", ["--leader", leader], with_deadline(lambda t: t["leader"] == leader))

# ---- markup from an imported document ----------------------------------------
mplan, mexp = import_plan(MARKUP)
mt = mexp["tasks"][0]
report(mt, "in_progress", "2026-02-10", 'Ghi chú <b>đậm</b> & "ngoặc" ]]>', period="2026-02")
for fmt in ("docx", "xlsx", "csv", "ics"):
    run(["export", str(mplan), "--format", fmt, "--period", "2026-02", "-o", out("markup." + fmt)],
        today="2026-02-20")
run(["report-doc", str(mplan), "--period", "2026-02", "--agency", SVH, "-o",
     out("markup-agency.docx")], today="2026-02-20")
if docx and os.path.exists(out("markup-agency.docx")):
    d = docx.Document(out("markup-agency.docx"))
    text = docx_text(d)
    check("markup: task text and note come out as text in the report",
          '<w:t>& "xúc tiến" ]]>' in text and 'Ghi chú <b>đậm</b> & "ngoặc" ]]>' in text)
    check("markup: the title too", "<w:t>& đặc biệt ]]>" in text)
if openpyxl and os.path.exists(out("markup.xlsx")):
    ws = openpyxl.load_workbook(out("markup.xlsx"))["Phụ lục"]
    check("markup: as text in the appendix",
          any('<w:t>& "xúc tiến" ]]>' in str(c.value) for r in ws.iter_rows() for c in r))
if os.path.exists(out("markup.docx")):
    with zipfile.ZipFile(out("markup.docx")) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    check("markup: escaped in document.xml", "&lt;w:t&gt;&amp;" in xml and "<w:t>&" not in xml)

# Golden files for a fixed clock: the small plan's CSV and calendar.
for name in ("markup.csv", "markup.ics"):
    path = os.path.join(GOLDEN, name)
    got = open(out(name), "rb").read() if os.path.exists(out(name)) else b""
    if os.environ.get("DONDOC_REGEN_GOLDEN"):
        open(path, "wb").write(got)
    want = open(path, "rb").read() if os.path.exists(path) else b"(missing)"
    check("golden: %s for a fixed clock" % name, got == want,
          "diff %s %s" % (path, out(name)))

# ---- the indicators sheet -----------------------------------------------------
iplan, iexp = import_plan(INDPLAN)
ind_ids = [int(l.split()[0]) for l in run(["indicators", "--plan", str(iplan)]).stdout.splitlines()
           if re.match(r"^\s*\d+\s+\d+\s", l)]
if ind_ids:
    run(["report", "--indicator", str(ind_ids[0]), "--agency", SVH, "--value", "11500",
         "--period", "2026-H1"], today="2026-06-15")
run(["export", str(iplan), "--format", "xlsx", "--period", PERIOD, "-o", out("ind.xlsx")])
run(["report-doc", str(iplan), "--period", PERIOD, "-o", out("ind.docx")])
# The plan's table has a "Hiện trạng" column (a baseline of no stated year):
# 10.200 for the first indicator, 2,8 for the fourth, none for the others;
# the plan's year (2026) dates it 2025, the year before.
if openpyxl and os.path.exists(out("ind.xlsx")) and ind_ids:
    ws = openpyxl.load_workbook(out("ind.xlsx"))["Chỉ tiêu"]
    head = [c.value for c in ws[3]]
    equal("indicators sheet: the baseline's columns before the target's", head[:10],
          ["TT", "Chỉ tiêu", "Đơn vị tính", "Mức cơ sở", "Năm cơ sở", "Mục tiêu",
           "Giá trị mục tiêu", "Thực hiện", "Kỳ", "Đánh giá"])
    col = {h: i for i, h in enumerate(head)}
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]
    equal("indicators sheet: every indicator", len(rows), len(iexp["indicators"]))
    check("indicators sheet: target and actual", rows and rows[0][col["Thực hiện"]] == 11500
          and rows[0][col["Giá trị mục tiêu"]] == 11000
          and rows[0][col["Đánh giá"]] in ("Vượt", "Đạt"), rows[:1])
    equal("indicators sheet: the baseline as a number with its year, blank without one",
          [(r[col["Mức cơ sở"]], r[col["Năm cơ sở"]]) for r in rows],
          [(10200, "2025 (năm trước năm của kế hoạch)"), (None, None), (None, None),
           (2.8, "2025 (năm trước năm của kế hoạch)")])
if docx and os.path.exists(out("ind.docx")):
    d = docx.Document(out("ind.docx"))
    text = docx_text(d)
    check("report: indicators with target and actual", "11.500" in text, text[-800:])
    tables = [t for t in d.tables if "Mức cơ sở" in [c.text for c in t.rows[0].cells]]
    rows = [[c.text for c in r.cells] for r in tables[0].rows] if tables else []
    equal("report: the indicators table has a baseline column",
          rows[0] if rows else None,
          ["TT", "Chỉ tiêu", "Đơn vị tính", "Mức cơ sở", "Mục tiêu", "Thực hiện", "Đánh giá"])
    equal("report: each indicator's baseline, dated by the plan's year",
          [r[3] for r in rows[1:]],
          ["10.200 (không ghi năm, tính là năm 2025)", "-", "-",
           "2,8 (không ghi năm, tính là năm 2025)"])

# ---- LibreOffice opens them; the PDF pages are A4 with the margins ------------


def soffice(files):
    prof = "file://" + out("lo-profile")
    p = subprocess.run(["soffice", "-env:UserInstallation=" + prof, "--headless",
                        "--convert-to", "pdf", "--outdir", WORK] + files,
                       capture_output=True, text=True, timeout=600)
    return p


def pdfinfo(path):
    p = subprocess.run(["pdfinfo", path], capture_output=True, text=True)
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", p.stdout)
    n = re.search(r"Pages:\s+(\d+)", p.stdout)
    return (float(m.group(1)), float(m.group(2)), int(n.group(1))) if m and n else (0, 0, 0)


def words(path, page):
    p = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), path, "-"],
                       capture_output=True, text=True)
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        p.stdout)]


MM = 72 / 25.4
files = [out(f) for f in ("report.docx", "agency.docx", "appendix.xlsx")]
if all(os.path.exists(f) for f in files):
    p = soffice(files)
    for f in files:
        pdf = os.path.splitext(f)[0] + ".pdf"
        check("LibreOffice converts %s to PDF" % os.path.basename(f), os.path.exists(pdf),
              p.stdout[-300:], p.stderr[-300:])
    for name in ("report", "agency"):
        pdf = out(name + ".pdf")
        w, h, pages = pdfinfo(pdf)
        check(name + ".pdf: A4 portrait", abs(w - 595.3) < 1 and abs(h - 841.9) < 1, (w, h))
        ws1 = words(pdf, 1)
        if ws1:
            left = min(x0 for x0, _, _, _, _ in ws1) / MM
            right = (w - max(x1 for _, _, x1, _, _ in ws1)) / MM
            top = min(y0 for _, y0, _, _, _ in ws1) / MM
            check(name + ".pdf: text inside the margins (left 30-35 mm, right >= 15 mm,"
                  " top >= 20 mm)", 28 <= left <= 36 and right >= 14 and top >= 19,
                  "left %.1f right %.1f top %.1f" % (left, right, top))
        check(name + ".pdf: page number only from page 2", pages >= 2 and any(
            wd == "2" and y0 < 20 * MM for _, y0, _, _, wd in words(pdf, 2)) and not any(
            wd == "1" and y0 < 20 * MM for _, y0, _, _, wd in ws1), pages)
    w, h, pages = pdfinfo(out("appendix.pdf"))
    check("appendix.pdf: A4 landscape", abs(w - 841.9) < 1 and abs(h - 595.3) < 1, (w, h))
    page_words = [{wd for _, _, _, _, wd in words(out("appendix.pdf"), i)}
                  for i in range(1, pages + 1)]
    # The last pages hold the indicators sheet, with its own header.
    missing = [i + 1 for i, ws_ in enumerate(page_words) if "Mục" not in ws_
               and not {"Nhiệm", "Tình", "trạng", "TT"} <= ws_]
    check("appendix.pdf: the header on every page", pages > 1 and not missing,
          "pages %d, without the header: %s" % (pages, missing))

# Pictures of the pages, to look at (tests/integration/docs_out.sh keeps them
# when DONDOC_KEEP_PAGES names a folder).
keep = os.environ.get("DONDOC_KEEP_PAGES")
if keep:
    os.makedirs(keep, exist_ok=True)
    for name in ("report", "agency", "appendix"):
        subprocess.run(["pdftoppm", "-r", "60", "-png", out(name + ".pdf"),
                        os.path.join(keep, name)])

sys.exit(1 if failures else 0)
