# scenario.py - a scripted year of follow-up on seed 000 (and a small plan
# with indicators), run on the real binary with a fixed clock; every figure
# the program prints is compared with a figure derived here.
#
# The seed's extraction is still being improved, so nothing here hardcodes a
# task count: tasks are picked by what they are (a deadline, a single lead
# body, a recurring time frame) from `dondoc export` and `dondoc tasks`, and
# the expected counts are derived from the exported plan with the rules of
# docs/track.md restated independently below. The scenario tasks' own
# buckets are stated by hand.
#
#   python3 scenario.py BIN DB SEED INDICATOR_PLAN WORKDIR SMTP_PORTFILE SMTP_DIR
#
# Prints "ok - ..." / "not ok - ..." lines (tests/run counts them).
import datetime as dt
import glob
import hashlib
import json
import os
import re
import subprocess
import sys

BIN, DB, SEED, INDPLAN, WORK, PORTFILE, SMTPDIR = sys.argv[1:8]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from tap import ok, notok, check, equal, failed  # noqa: E402
import dbtest  # noqa: E402


def run(args, today=None, env=None, expect=0):
    e = dict(os.environ)
    e.pop("DONDOC_SMTP_URL", None)
    e.pop("DONDOC_MAIL_FROM", None)
    e["DONDOC_NOW"] = (today or "2026-01-01") + "T08:00:00Z"
    if today:
        e["DONDOC_TODAY"] = today
    e.update(env or {})
    p = subprocess.run([BIN, "--db", DB] + args, capture_output=True, text=True, env=e,
                       timeout=120)
    if expect is not None and p.returncode != expect:
        notok("dondoc %s exits %d" % (" ".join(args[:3]), expect),
              "exit %d" % p.returncode, p.stderr, p.stdout[-400:])
    return p


def js(args, today):
    p = run(args, today)
    try:
        return json.loads(p.stdout)
    except ValueError:
        notok("dondoc %s prints JSON" % " ".join(args[:2]), p.stdout[:300], p.stderr)
        return {}


def day(s):
    return dt.date.fromisoformat(s) if s else None


# ---- the rules, restated -------------------------------------------------

# Public holidays and compensating days of 2026 (docs/track.md §1).
HOLIDAYS = {day(d) for d in ("2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18",
                             "2026-02-19", "2026-02-20", "2026-04-27", "2026-04-30",
                             "2026-05-01", "2026-09-01", "2026-09-02")}


def working(d):
    return d.weekday() < 5 and d not in HOLIDAYS


def wd_between(a, b):
    """Working days d with a < d <= b (a <= b)."""
    n, d = 0, a
    while d < b:
        d += dt.timedelta(days=1)
        n += working(d)
    return n


def default_bucket(t, today, reported):
    """The bucket of a task without an official report in force."""
    due = t["due"] or {}
    start, end = day(due.get("start")), day(due.get("end"))
    if end is None:
        if due.get("recurring"):
            return "ongoing_reported" if reported else "ongoing_unreported"
        return "no_deadline"
    if today > end:
        return "overdue"
    if wd_between(today, end) <= 5:
        return "due_soon"
    if start and today < start:
        return "not_yet_due"
    return "on_track"


def counts_as_due(bucket, t, today):
    end = day((t["due"] or {}).get("end"))
    if bucket in ("done_on_time", "done_late", "overdue"):
        return True
    if bucket in ("awaiting_confirmation", "paused"):
        return end is not None and end < today
    return False


def leads(t):
    return t["lead"] or t["lead_groups"] or [""]


BUCKETS = ["done_on_time", "done_late", "on_track", "due_soon", "not_yet_due", "overdue",
           "awaiting_confirmation", "paused", "ongoing_reported", "ongoing_unreported",
           "no_deadline"]


def aggregate(rows):
    """rows: (task, bucket, due) -> the status/1 counters."""
    a = {"total": 0, "due": 0, "buckets": {b: 0 for b in BUCKETS}}
    for _, b, d in rows:
        a["total"] += 1
        a["due"] += d
        a["buckets"][b] += 1
    done = a["buckets"]["done_on_time"]
    a["rate_on_time"] = done / a["due"] if a["due"] else None
    return a


def strip(agg):
    return {"total": agg["total"], "due": agg["due"],
            "buckets": {b: agg["buckets"][b] for b in BUCKETS}}


def by(rows, keyfn):
    groups = {}
    for row in rows:
        for k in keyfn(row[0]):
            groups.setdefault(k, []).append(row)
    return {k: strip(aggregate(v)) for k, v in groups.items()}


# ---- the plan as stored --------------------------------------------------

def load_plan(pid):
    exp = json.loads(run(["export", str(pid)]).stdout)
    listing = run(["tasks", "--plan", str(pid)]).stdout.splitlines()
    ids = [int(l.split()[0]) for l in listing if re.match(r"^\s*\d+\s+\d+\s", l)]
    if len(ids) != len(exp["tasks"]):
        notok("tasks listing matches export", "%d ids, %d tasks" % (len(ids), len(exp["tasks"])))
    for t, i in zip(exp["tasks"], ids):
        t["id"] = i
    return exp


def import_plan(path):
    p = run(["import", path])
    m = re.search(r"plan (\d+):", p.stdout)
    return int(m.group(1)) if m else 0


def db_rows(sql, args=()):
    con = dbtest.connect(DB)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def fingerprint():
    """What the database holds: row counts, and the columns edits change."""
    tables = ["plans", "tasks", "task_agencies", "progress_reports", "confirmations",
              "evidence", "indicator_reports", "task_history", "audit_log",
              "agency_contacts", "reminders"]
    fp = [db_rows("SELECT COUNT(*) FROM " + t)[0][0] for t in tables]
    fp.append("|".join("%s%s%s" % tuple("" if v is None else v for v in r) for r in
                       db_rows("SELECT due_text, due_end, leader FROM tasks ORDER BY id")))
    fp.append(",".join("%s%s" % r for r in db_rows("SELECT status, version FROM plans ORDER BY id")))
    return fp


# ---- scenario -----------------------------------------------------------

def main():
    P1 = import_plan(SEED)
    P2 = import_plan(INDPLAN)
    check("seed 000 and the indicator plan import", P1 > 0 and P2 > 0)
    plan = load_plan(P1)
    tasks = plan["tasks"]
    equal("an imported plan starts as a draft",
          db_rows("SELECT status FROM plans WHERE id = ?", (P1,))[0][0], "draft")

    def pick(pred, n, used):
        out = [t for t in tasks if t["id"] not in used and pred(t)][:n]
        used.update(t["id"] for t in out)
        return out

    def one_lead(t):
        return len(t["lead"]) == 1 and not t["lead_groups"]

    def ends(d):
        return lambda t: one_lead(t) and t["due"] and t["due"]["end"] == d \
            and not t["due"]["recurring"]

    used = set()
    q1 = pick(ends("2026-03-31"), 2, used)
    h1 = pick(ends("2026-06-30"), 4, used)
    q3 = pick(lambda t: ends("2026-09-30")(t) and (t["due"]["start"] or "") <= "2026-07-15",
              1, used)
    q4 = pick(ends("2026-12-31"), 1, used)
    rec = pick(lambda t: one_lead(t) and t["due"] and t["due"]["recurring"]
               and not t["due"]["end"], 3, used)
    if len(q1) < 2 or len(h1) < 4 or len(q3) < 1 or len(q4) < 1 or len(rec) < 3:
        notok("seed 000 has the tasks the scenario needs",
              "q1 %d h1 %d q3 %d q4 %d recurring %d" % (len(q1), len(h1), len(q3), len(q4),
                                                          len(rec)))
        return
    ok("seed 000 has the tasks the scenario needs")
    A, B = q1
    C, D, G, H = h1
    E, = q3
    PZ, = q4
    R1, R2, R3 = rec
    lead = {t["id"]: t["lead"][0] for t in tasks if t["lead"]}

    # -- draft: not tracked, no reports accepted -------------------------
    p = run(["report", str(A["id"]), "--agency", lead[A["id"]], "--state", "done"],
            "2026-03-01", expect=1)
    check("a report on a draft plan is refused", "publish" in p.stderr, p.stderr)
    p = run(["status", "--plan", str(P1)], "2026-03-01", expect=1)
    check("status of a draft plan says it is a draft", "draft" in p.stderr, p.stderr)
    run(["publish", str(P1)], "2026-01-10")
    equal("publish makes the plan published",
          db_rows("SELECT status FROM plans WHERE id = ?", (P1,))[0][0], "published")
    st = js(["status", "--json"], "2026-01-12")
    equal("status counts only published plans (plan %d is still a draft)" % P2,
          st.get("total", {}).get("total"), len(tasks))

    # -- a year of reports ----------------------------------------------
    evfile = os.path.join(WORK, "bien-ban-hoi-nghi.pdf")
    with open(evfile, "wb") as f:
        f.write(b"%PDF-1.4 minutes of the conference\n" * 50)
    evsha = hashlib.sha256(open(evfile, "rb").read()).hexdigest()
    r = lambda tid, when, *a, expect=0: run(["report", str(tid), "--agency", lead[tid]] + list(a),
                                            when, expect=expect)
    # A: done on time, confirmed.
    r(A["id"], "2026-03-20", "--state", "done", "--date", "2026-03-18", "--note",
      "Đã tổ chức hội nghị", "--evidence", evfile)
    run(["confirm", str(A["id"])], "2026-03-25")
    # B: reported as done by 30/3, but the standing agency confirms 9/4: late.
    r(B["id"], "2026-04-10", "--state", "hoàn thành", "--date", "2026-03-30")
    run(["confirm", str(B["id"]), "--date", "2026-04-09"], "2026-04-15")
    # C: done, submitted late for H1, never confirmed.
    r(C["id"], "2026-06-20", "--state", "done", "--period", "2026-H1")
    # D: done, refused; the task goes back and is overdue.
    r(D["id"], "2026-06-25", "--state", "done")
    p = run(["reject", str(D["id"]), "--reason", "Chưa có biên bản nghiệm thu"], "2026-06-27")
    # E: a mistaken "done", corrected to "in progress".
    p = r(E["id"], "2026-05-01", "--state", "done")
    m = re.search(r"report (\d+):", p.stdout)
    wrong = m.group(1) if m else "0"
    r(E["id"], "2026-05-02", "--state", "in_progress", "--replaces", wrong, "--note", "nhầm")
    # G: its deadline moved by amendment (30/6 -> Quý III).
    run(["edit", str(G["id"]), "--field", "due", "--value", "Quý III/2026", "--reason",
         "Văn bản điều chỉnh số 12"], "2026-06-01")
    # PZ: paused.
    r(PZ["id"], "2026-05-20", "--state", "tạm dừng")
    # Recurring: R1 reports on 14/6, R2 on 15/6 (the cut-off), R3 names 2026-08.
    r(R1["id"], "2026-06-14", "--state", "in_progress")
    r(R2["id"], "2026-06-15", "--state", "in_progress")
    r(R3["id"], "2026-07-10", "--state", "in_progress", "--period", "2026-08")

    # -- records: append-only, audited -----------------------------------
    rows = db_rows("SELECT id, replaces_id FROM progress_reports WHERE task_id = ? ORDER BY id",
                   (E["id"],))
    check("a correction is a new report pointing at the one it replaces",
          len(rows) == 2 and rows[1][1] == rows[0][0], rows)
    equal("the evidence file is stored under its SHA-256",
          (os.path.exists(os.path.join(WORK, "evidence", evsha)),
           db_rows("SELECT sha256 FROM evidence")), (True, [(evsha,)]))
    equal("the amendment bumps the plan version",
          db_rows("SELECT version FROM plans WHERE id = ?", (P1,))[0][0], 2)
    hist = run(["history", str(G["id"])]).stdout
    check("history shows the earlier deadline, the reason and the version",
          "2026-06-30" in hist and "Văn bản điều chỉnh số 12" in hist and " v1 " in hist, hist)
    aud = db_rows("SELECT actor, old_value, new_value, reason FROM audit_log"
                  " WHERE action = 'edit' AND entity_id = ?", (G["id"],))
    check("the amendment has an audit row with who, old, new and why",
          len(aud) == 1 and aud[0][0] == "cli" and "2026-06-30" in aud[0][1]
          and "2026-09-30" in aud[0][2], aud)
    plan = load_plan(P1)  # the amended plan
    tasks = plan["tasks"]
    byid = {t["id"]: t for t in tasks}
    equal("export shows the amended deadline", byid[G["id"]]["due"]["end"], "2026-09-30")

    # -- status on 15/7/2026 for the July period -------------------------
    today = day("2026-07-15")
    fixed = {A["id"]: "done_on_time", B["id"]: "done_late", C["id"]: "awaiting_confirmation",
             D["id"]: "overdue", E["id"]: "on_track", G["id"]: "on_track", PZ["id"]: "paused"}
    reported_jul = {R2["id"]}

    def expected_rows(today, reported, fixed):
        out = []
        for t in tasks:
            b = fixed.get(t["id"]) or default_bucket(t, today, t["id"] in reported)
            out.append((t, b, counts_as_due(b, t, today)))
        return out

    rows = expected_rows(today, reported_jul, fixed)
    st = js(["status", "--plan", str(P1), "--period", "2026-07", "--json"], "2026-07-15")
    got = {t["id"]: t["bucket"] for t in st.get("tasks", [])}
    for name, t, want in (("done on time", A, "done_on_time"), ("done late", B, "done_late"),
                          ("awaiting confirmation", C, "awaiting_confirmation"),
                          ("refused, overdue", D, "overdue"), ("corrected", E, "on_track"),
                          ("deadline moved", G, "on_track"), ("paused", PZ, "paused"),
                          ("never reported, overdue", H, "overdue"),
                          ("ongoing reported 14/6: not in July", R1, "ongoing_unreported"),
                          ("ongoing reported 15/6: in July", R2, "ongoing_reported"),
                          ("ongoing reported for August only", R3, "ongoing_unreported")):
        equal("status: %s (task %d)" % (name, t["id"]), got.get(t["id"]), want)
    tj = {t["id"]: t for t in st.get("tasks", [])}
    equal("the completion date that counts is the confirmed one",
          tj.get(B["id"], {}).get("done_on"), "2026-04-09")
    equal("a refused completion is flagged", tj.get(D["id"], {}).get("refused"), True)
    want = aggregate(rows)
    equal("status total by bucket (plan %d)" % P1, strip(st.get("total", {})), strip(want))
    rate = st.get("total", {}).get("rates", {}).get("done_on_time")
    check("rate done on time is over tasks already due (1/%d)" % want["due"],
          rate is not None and abs(rate - want["rate_on_time"]) < 1e-9, rate, want)
    equal("status by plan", {r["key"].split()[0]: strip(r) for r in st.get("by_plan", [])},
          {str(P1): strip(want)})
    equal("status by lead agency", {r["key"]: strip(r) for r in st.get("by_agency", [])},
          by(rows, leads))
    equal("status by leader", {r["key"]: strip(r) for r in st.get("by_leader", [])},
          by(rows, lambda t: [t["leader"] or ""]))
    text = run(["status", "--plan", str(P1), "--period", "2026-07"], "2026-07-15").stdout
    check("the text report states the totals as officials do",
          "Tổng số nhiệm vụ: %d, trong đó đã đến hạn: %d." % (want["total"], want["due"]) in text,
          text[:600])
    ag = lead[E["id"]]
    # One meaning per filter (issue 8): --agency is "leads or coordinates",
    # --lead-only narrows to the tasks it leads, in status as in tasks.
    st = js(["status", "--agency", ag, "--lead-only", "--period", "2026-07", "--json"],
            "2026-07-15")
    equal("status --agency counts that body's tasks", strip(st.get("total", {})),
          strip(aggregate([x for x in rows if ag in leads(x[0])])))
    st = js(["status", "--agency", ag, "--period", "2026-07", "--json"], "2026-07-15")
    equal("status --agency without --lead-only also counts the tasks it coordinates",
          strip(st.get("total", {})),
          strip(aggregate([x for x in rows if ag in leads(x[0])
                           or ag in x[0]["coordinate"] + x[0]["coordinate_groups"]])))
    st = js(["status", "--leader", "Vũ Thị Hiền Hạnh", "--period", "2026-07", "--json"],
            "2026-07-15")
    equal("status --leader counts that official's tasks", strip(st.get("total", {})),
          strip(aggregate([x for x in rows if x[0]["leader"] == "Vũ Thị Hiền Hạnh"])))

    # -- period boundaries: the 14th and the 15th ------------------------
    st = js(["status", "--json"], "2026-07-14")
    equal("on 14/7 the period is 2026-07", st.get("period", {}).get("name"), "2026-07")
    equal("on 14/7 R2's report of 15/6 counts",
          {t["id"]: t["bucket"] for t in st.get("tasks", [])}.get(R2["id"]), "ongoing_reported")
    st = js(["status", "--json"], "2026-07-15")
    equal("on 15/7 the period is 2026-08", st.get("period", {}).get("name"), "2026-08")
    b15 = {t["id"]: t["bucket"] for t in st.get("tasks", [])}
    equal("on 15/7 R2 owes August's report, R3 has sent it",
          (b15.get(R2["id"]), b15.get(R3["id"])), ("ongoing_unreported", "ongoing_reported"))
    b = {t["id"]: t["bucket"] for t in js(["status", "--json"], "2026-06-30").get("tasks", [])}
    equal("on its deadline day a task is due soon", b.get(H["id"]), "due_soon")
    b = {t["id"]: t["bucket"] for t in js(["status", "--json"], "2026-07-01").get("tasks", [])}
    equal("the day after its deadline it is overdue", b.get(H["id"]), "overdue")
    b = {t["id"]: t["bucket"] for t in js(["status", "--json"], "2026-03-22").get("tasks", [])}
    equal("before the confirmation, a done task waits (chờ xác nhận)", b.get(A["id"]),
          "awaiting_confirmation")

    # -- completeness, H1 -------------------------------------------------
    start, end, due = day("2025-12-15"), day("2026-06-14"), day("2026-06-19")
    expected = []
    for t in tasks:
        d = t["due"] or {}
        s, e = day(d.get("start")), day(d.get("end"))
        if (s is None or s <= end) and (e is None or e >= start):
            for n in leads(t):
                if n and n not in expected:
                    expected.append(n)
    filed = [(A, "2026-03-20", None), (B, "2026-04-10", None), (C, "2026-06-20", "2026-H1"),
             (D, "2026-06-25", None), (E, "2026-05-01", None), (E, "2026-05-02", None),
             (PZ, "2026-05-20", None), (R1, "2026-06-14", None), (R2, "2026-06-15", None),
             (R3, "2026-07-10", "2026-08")]
    got_on = {}
    for t, f, per in filed:
        f = day(f)
        if per == "2026-H1" or (per is None and start <= f <= due):
            ag = lead[t["id"]]
            got_on[ag] = min(got_on.get(ag, f), f)
    received = [a for a in expected if a in got_on]
    on_time = [a for a in received if got_on[a] <= due]
    cj = js(["completeness", "--period", "2026-H1", "--plan", str(P1), "--json"], "2026-07-15")
    tot = cj.get("total", {})
    equal("completeness H1: expected, received, on time",
          (tot.get("expected"), tot.get("received"), tot.get("on_time")),
          (len(expected), len(received), len(on_time)))
    check("completeness rate = received / expected",
          tot.get("completeness") is not None
          and abs(tot["completeness"] - len(received) / len(expected)) < 1e-9, tot)
    equal("who has not reported for H1", sorted(m["agency"] for m in cj.get("missing", [])),
          sorted(a for a in expected if a not in got_on))
    cj = js(["completeness", "--period", "2026-07", "--plan", str(P1), "--json"], "2026-07-15")
    equal("seed 000 states no monthly reports: none expected, rate undefined",
          (cj.get("total", {}).get("expected"), cj.get("total", {}).get("completeness")), (0, None))

    # -- the indicator plan: its own report dates, indicators -------------
    run(["publish", str(P2)], "2026-01-10")
    p2 = load_plan(P2)
    t21, t22 = p2["tasks"][0], p2["tasks"][1]
    run(["report", str(t21["id"]), "--agency", "Sở VHTTDL", "--state", "in_progress"],
        "2026-06-15")
    run(["report", str(t22["id"]), "--agency", "Sở Xây dựng", "--state", "in_progress",
         "--period", "2026-H1"], "2026-06-16")
    cj = js(["completeness", "--period", "2026-H1", "--plan", str(P2), "--json"], "2026-06-20")
    tot = cj.get("total", {})
    equal("the plan's own deadline (15/6) decides timeliness: 2 expected, 2 in, 1 on time",
          (tot.get("expected"), tot.get("received"), tot.get("on_time"),
           tot.get("completeness"), tot.get("timeliness")), (2, 2, 1, 1.0, 0.5))
    ind = {i["ref"]: i for i in p2["indicators"]}
    ids = {ref: db_rows("SELECT id FROM indicators WHERE plan_id = ? AND ref = ?",
                        (P2, ref))[0][0] for ref in ind}
    ir = lambda ref, ag, v, *a: run(["report", "--indicator", str(ids[ref]), "--agency", ag,
                                     "--value", v, "--period", "2026-H1"] + list(a), "2026-06-18")
    p = ir("1", "Sở VHTTDL", "9000")
    m = re.search(r"indicator report (\d+)", p.stdout)
    ir("1", "Sở VHTTDL", "12000", "--replaces", m.group(1) if m else "0")
    ir("2", "Sở VHTTDL", "46000")
    ir("3", "Sở Nông nghiệp và Môi trường", "2,5".replace(",", "."))
    ir("4", "Sở Nội vụ", "3.0")
    ij = js(["indicators", "--plan", str(P2), "--period", "2026-H1", "--json"], "2026-06-20")
    verdicts = {i["ref"]: i["verdict"] for i in ij.get("indicators", [])}
    equal("indicators: above (≥ 11.000: 12.000 after a correction), near (~50.000: 46.000),"
          " met (2-3: 2,5), below (≤ 2,5: 3,0)", verdicts,
          {"1": "exceeded", "2": "near", "3": "met", "4": "not_met"})

    # -- reminders on 15/7 ------------------------------------------------
    all_tasks = [(t, P1) for t in tasks] + [(t, P2) for t in p2["tasks"]]
    fixed2 = dict(fixed)
    rep_aug = {R3["id"]}

    def expected_messages(today, reported):
        msgs = {}
        esc = {}
        for t, _ in all_tasks:
            b = fixed2.get(t["id"]) or default_bucket(t, today, t["id"] in reported)
            if b in ("overdue", "due_soon", "ongoing_unreported"):
                for n in leads(t):
                    msgs.setdefault(n, set()).add(t["id"])
            if b == "overdue":
                e = day(t["due"]["end"])
                o = t["supervisor"] or t["leader"]
                if o and wd_between(e, today) >= 5:
                    esc.setdefault(o, set()).add(t["id"])
        return msgs, esc

    msgs, esc = expected_messages(today, rep_aug)
    contact_ag = lead[D["id"]]
    official = next(iter(sorted(esc)))
    run(["contacts", "set", contact_ag, "lead@example.gov.vn"])
    run(["contacts", "set", official, "official@example.gov.vn"])
    p = run(["contacts", "set", "Sở Tài chính", "not-an-address"], expect=2)
    before = fingerprint()
    dry = run(["remind", "--dry-run"], "2026-07-15").stdout
    equal("remind --dry-run lists every message and records nothing",
          (dry.count("would send  remind"), dry.count("would send  escalate"), fingerprint()),
          (len(msgs), len(esc), before))
    port = open(PORTFILE).read().strip()
    env = {"DONDOC_SMTP_URL": "smtp://127.0.0.1:" + port, "DONDOC_MAIL_FROM":
           "dondoc@example.gov.vn", "DONDOC_OUTBOX": os.path.join(WORK, "outbox")}
    out = run(["remind"], "2026-07-15", env).stdout
    mails = sorted(glob.glob(os.path.join(SMTPDIR, "*.eml")))
    equal("reminders with a known address go over SMTP, the rest to the outbox",
          (len(mails), len(glob.glob(os.path.join(WORK, "outbox", "*.eml")))),
          (2, len(msgs) + len(esc) - 2))
    import email
    import email.header
    got_mail = {}
    for mpath in mails:
        msg = email.message_from_binary_file(open(mpath, "rb"))
        rcpt = open(mpath[:-4] + ".rcpt").read().split()[0]
        body = msg.get_payload(decode=True).decode("utf-8")
        got_mail[rcpt] = (str(email.header.make_header(email.header.decode_header(msg["Subject"]))),
                          set(int(x) for x in re.findall(r"\[nhiệm vụ (\d+)", body)))
    want_mail = {"lead@example.gov.vn": msgs.get(contact_ag, set()),
                 "official@example.gov.vn": esc.get(official, set())}
    equal("the agency's message lists only its overdue, due-soon and unreported tasks",
          got_mail.get("lead@example.gov.vn", ("", None))[1], want_mail["lead@example.gov.vn"])
    check("the agency's message names it in the subject (UTF-8)",
          contact_ag in got_mail.get("lead@example.gov.vn", ("",))[0], got_mail)
    equal("the escalation lists the tasks overdue 5 working days or more",
          got_mail.get("official@example.gov.vn", ("", None))[1],
          want_mail["official@example.gov.vn"])
    check("a refused task is listed as overdue in its agency's reminder",
          D["id"] in got_mail.get("lead@example.gov.vn", ("", set()))[1])
    nrem = db_rows("SELECT COUNT(*) FROM reminders")[0][0]
    equal("every reminder is recorded", nrem, len(msgs) + len(esc))
    out = run(["remind"], "2026-07-15", env).stdout
    equal("the same reminders are not sent twice the same day",
          (len(glob.glob(os.path.join(SMTPDIR, "*.eml"))),
           len(glob.glob(os.path.join(WORK, "outbox", "*.eml"))),
           db_rows("SELECT COUNT(*) FROM reminders")[0][0], len(re.findall(r"^already sent today", out, re.M))),
          (2, len(msgs) + len(esc) - 2, nrem, len(msgs) + len(esc)))
    # A new report changes one agency's list: only that agency hears again.
    r(R2["id"], "2026-07-15", "--state", "in_progress", "--period", "2026-08")
    msgs2, esc2 = expected_messages(today, rep_aug | {R2["id"]})
    changed = [a for a in set(msgs) | set(msgs2) if msgs.get(a) != msgs2.get(a)
               and msgs2.get(a)]
    out = run(["remind"], "2026-07-15", env).stdout
    equal("a changed list is sent again the same day, the others are not",
          db_rows("SELECT COUNT(*) FROM reminders")[0][0] - nrem, len(changed))
    with_esc = {"DONDOC_ESCALATE_DAYS": "12"}
    dry = run(["remind", "--dry-run"], "2026-07-15", with_esc).stdout
    esc12 = {}
    for t, _ in all_tasks:
        b = fixed2.get(t["id"]) or default_bucket(t, today, t["id"] in rep_aug | {R2["id"]})
        o = t["supervisor"] or t["leader"]
        if o and b == "overdue" and wd_between(day(t["due"]["end"]), today) >= 12:
            esc12.setdefault(o, set()).add(t["id"])
    equal("DONDOC_ESCALATE_DAYS=12 escalates only tasks 12 working days late",
          sorted(re.findall(r"^(?:would send|already sent today)  escalate (.*?) [<(]", dry,
                            re.M)),
          sorted(k.strip() for k in esc12))

    # -- a mail server that does not answer: nothing recorded as sent -----
    nsmtp = db_rows("SELECT COUNT(*) FROM reminders WHERE via = 'smtp'")[0][0]
    bad = dict(env)
    bad["DONDOC_SMTP_URL"] = "smtp://127.0.0.1:1"
    p = run(["remind"], "2026-07-16", bad, expect=None)
    equal("an SMTP failure exits 1 and is not recorded as sent",
          (p.returncode, db_rows("SELECT COUNT(*) FROM reminders WHERE via = 'smtp'")[0][0]),
          (1, nsmtp))
    run(["remind"], "2026-07-16", env)
    equal("the next run delivers what failed",
          len(glob.glob(os.path.join(SMTPDIR, "*.eml"))), 4)

    # -- bad input leaves the database untouched --------------------------
    before = fingerprint()
    for args, code, pat in (
            (["edit", str(A["id"]), "--field", "colour", "--value", "x", "--reason", "y"], 2,
             "not a task field"),
            (["edit", "999999", "--field", "due", "--value", "Quý I/2026", "--reason", "y"], 1,
             "no task with id"),
            (["edit", str(A["id"]), "--field", "due", "--value", "Quý I/2026"], 2, "reason"),
            (["edit", str(A["id"]), "--field", "due", "--value", "khi nào xong", "--reason",
              "y"], 1, "time frame"),
            (["report", str(A["id"]), "--agency", lead[A["id"]], "--state", "xong"], 2,
             "not a state"),
            (["report", str(A["id"]), "--agency", lead[A["id"]], "--state", "done", "--date",
              "2026-02-30"], 2, "not a date"),
            (["report", "999999", "--agency", "Sở Tài chính", "--state", "done"], 1,
             "no task with id"),
            (["report", str(A["id"]), "--agency", "Sở Ngoại vụ", "--state", "done"], 1,
             "neither a lead nor"),
            (["report", str(E["id"]), "--agency", lead[E["id"]], "--state", "done",
              "--replaces", wrong], 1, "already been corrected"),
            (["report", str(A["id"]), "--agency", lead[A["id"]], "--state", "done",
              "--period", "2026-Q5"], 2, "not a period"),
            (["confirm", str(H["id"])], 1, "no report"),
            (["confirm", str(A["id"])], 1, "already accepted"),
            (["reject", str(C["id"])], 2, "reason"),
            (["status", "--period", "2026-13"], 2, "not a period"),
            (["publish", "999999"], 1, "no plan with id")):
        p = run(args, "2026-07-15", expect=None)
        check("refused: dondoc %s (exit %d)" % (" ".join(args[:3]), code),
              p.returncode == code and pat in p.stderr, "exit %d" % p.returncode, p.stderr)
    equal("refused commands leave the database untouched", fingerprint(), before)
    p = run(["status", "--period", "2026-07"], "2026-07-15", {"DONDOC_TODAY": "15/07/2026"},
            expect=None)
    check("a malformed DONDOC_TODAY is refused", p.returncode != 0 and "DONDOC_TODAY" in p.stderr,
          p.stderr)


main()
sys.exit(1 if failed() else 0)
