# web_charts.sh - the charts drawn by the server (src/report/svg_bars.c) on
# the real server, seed 000 published and two half-year reports filed: the standing
# agency's home page holds the stacked bars by lead agency (the 12 largest
# rows, the others counted in "và N cơ quan khác") and the completeness
# chart (6 periods, each period's expected and received reports as the CLI's
# `completeness --period P` counts them); GET /plans/1/charts holds the bars
# by section and by leader with the rows and totals of `status --plan 1`
# (each row's segments adding up to its total), and an officer sees there
# only the counts of the tasks its agency may see (`status --plan 1 --as`);
# the page is linked from the plan page; an unknown or draft plan is 404.
. "$(dirname "$0")/../lib.sh"

seed_env || exit 1
VH="Sở Văn hóa, Thể thao và Du lịch"
setup() {
	"$BIN" --db "$DB" import "$SEED" && "$BIN" --db "$DB" publish 1 &&
		"$BIN" --db "$DB" import "$ROOT/examples/ke-hoach-le-hoi-mua-xuan-2026.txt" &&
		echo 'stand-pass-1' | "$BIN" --db "$DB" user add tt --role standing &&
		echo 'offic-pass-1' | "$BIN" --db "$DB" user add vh --role officer --agency "$VH" &&
		echo 'offic-pass-2' | "$BIN" --db "$DB" user add tc --role officer --agency "Sở Tài chính"
}
check "import, publish plan 1 (plan 2 stays a draft) and add users" setup
# Two half-year reports by two lead bodies: one on time, one late.
"$BIN" --db "$DB" status --json --tasks | $PY -c '
import json, sys
seen = set()
for t in json.load(sys.stdin)["tasks"]:
    if t["lead"] and t["lead"][0] and t["lead"][0] not in seen:
        seen.add(t["lead"][0])
        print("%s\t%s" % (t["id"], t["lead"][0]))
    if len(seen) == 2:
        break' >"$T/leads"
file_reports() {
	{ IFS="$(printf '\t')" read -r t1 a1 && IFS="$(printf '\t')" read -r t2 a2; } <"$T/leads" &&
		DONDOC_TODAY=2026-06-16 "$BIN" --db "$DB" report "$t1" --agency "$a1" --state in_progress \
			--period 2026-H1 && "$BIN" --db "$DB" report "$t2" --agency "$a2" --state in_progress --period 2026-H1
}
check "file two reports for 2026-H1 (one on time, one late)" file_reports
"$BIN" --db "$DB" status --json >"$T/status.json" &&
	"$BIN" --db "$DB" status --plan 1 --json >"$T/plan.json" &&
	"$BIN" --db "$DB" --as vh status --plan 1 --json >"$T/plan-vh.json" &&
	"$BIN" --db "$DB" --as tc status --plan 1 --json >"$T/plan-tc.json" ||
	notok "the CLI's status views" "$(cat "$T/status.json" | head -c 300)"
for p in 2025-H1 2025-H2 2026-H1 2026-H2 2024-H2 2024-H1 2026-07 2026-Q3; do
	"$BIN" --db "$DB" completeness --period "$p" --json >"$T/c-$p.json" 2>/dev/null
done

trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$T"' EXIT
serve_start "$DB" --deadline 3
if [ -z "$PORT" ]; then
	notok "the server starts on a free port" "$(head -c 600 "$T/serve.log")"
	exit 1
fi
ok "the server starts on a free port"

$PY - "$PORT" "$T" "$ROOT/tests" <<'PYEOF'
import json, os, re, sys
import xml.etree.ElementTree as ET

port, tmp, tests = sys.argv[1:4]
sys.path.insert(0, tests)
import webtest
from webtest import ok, notok, check, request, session
webtest.PORT = port
S = "{http://www.w3.org/2000/svg}"

def load(name):
    return json.load(open(os.path.join(tmp, name), encoding="utf-8"))

def svgs(html):
    """Every inline <svg> of a page, parsed (a malformed one fails the parse)."""
    return [ET.fromstring(m) for m in re.findall(r"<svg .*?</svg>", html, re.S)]

def chart(html, cls):
    for s in svgs(html):
        if cls in s.get("class", "").split():
            return s
    return None

def rows(svg):
    """name -> (total, sum of the segments' counts) for each bar row."""
    out = {}
    for g in svg.iter(S + "g"):
        if g.get("class") == "bar-row":
            segs = sum(int(r.get("data-count")) for r in g.findall(S + "rect"))
            out[g.get("data-name")] = (int(g.get("data-total")), segs)
    return out

def more(svg):
    t = [e for e in svg.iter(S + "text") if e.get("class") == "more"]
    return t[0].text if t else None

def expect_rows(view, key, top=12):
    """The rows the chart should draw: the largest totals, ties in view order."""
    r = view[key]
    order = sorted(range(len(r)), key=lambda i: (-r[i]["total"], i))[:top]
    return {r[i]["key"]: r[i]["total"] for i in order}, max(0, len(r) - top)

std, _ = session("tt", "stand-pass-1")
vh, _ = session("vh", "offic-pass-1")
tc, _ = session("tc", "offic-pass-2")
check("the standing agency and two officers log in", std and vh and tc)

# The standing agency's home page: bars by lead agency.
home = request("GET", "/", sid=std)
try:
    agency = chart(home.body, "rollup-chart")
except ET.ParseError as e:
    agency = None
    notok("the home page's SVG is well-formed XML", e)
check("the standing home page holds the bars by lead agency", home.status == 200 and agency is not None,
      home.status)
st = load("status.json")
want, rest = expect_rows(st, "by_agency")
got = rows(agency) if agency is not None else {}
check("by agency: the %d largest of %d agencies, with the CLI's totals" % (len(want), len(st["by_agency"])),
      {k: v[0] for k, v in got.items()} == want, sorted(got.items())[:4], sorted(want.items())[:4])
check("by agency: each row's segments add up to its total", got and all(t == s for t, s in got.values()),
      [(k, v) for k, v in got.items() if v[0] != v[1]])
check("by agency: the rest is counted (\"và %d cơ quan khác\")" % rest,
      rest > 0 and agency is not None and more(agency) == "và %d cơ quan khác" % rest,
      more(agency) if agency is not None else None)
check("by agency: a <title>, a <desc> and a legend",
      agency is not None and agency.find(S + "title") is not None and agency.find(S + "desc") is not None
      and any(g.get("class") == "legend" and len(g.findall(S + "text")) > 0 for g in agency.iter(S + "g")))

# The completeness chart: 6 periods, each as the CLI counts it.
comp = chart(home.body, "completeness-chart")
periods = [g for g in comp.iter(S + "g") if g.get("class") == "period"] if comp is not None else []
check("the standing home page holds the completeness chart over 6 periods", len(periods) == 6,
      len(periods))
bad = []
nexpected = nreceived = ontime = 0
for g in periods:
    p = g.get("data-period")
    f = os.path.join(tmp, "c-%s.json" % p)
    if not os.path.exists(f):
        bad.append("no CLI figure for " + p)
        continue
    t = json.load(open(f, encoding="utf-8"))["total"]
    recv = [int(r.get("data-count")) for r in g.findall(S + "rect") if r.get("class") == "received"]
    late = [int(r.get("data-count")) for r in g.findall(S + "rect") if r.get("class") == "on-time"]
    nexpected += t["expected"]
    nreceived += t["received"]
    ontime += t["on_time"]
    if int(g.get("data-expected")) != t["expected"] or \
            (t["expected"] and (recv != [t["received"]] or late != [t["on_time"]])):
        bad.append("%s: chart %s %s/%s, CLI %s" % (p, recv, late, g.get("data-expected"), t))
check("completeness: each period's expected, received and on-time reports are the CLI's"
      " (%d expected, %d received, %d on time in all)" % (nexpected, nreceived, ontime),
      periods and not bad and nexpected > 0 and nreceived == 2 and ontime == 1, *bad)
check("completeness: periods oldest first, ending with today's",
      [g.get("data-period") for g in periods][-1:] == ["2026-H2"], [g.get("data-period") for g in periods])

# The plan page links the charts page; the charts page: by section and by leader.
plan = request("GET", "/plans/1", sid=std)
check("the plan page links /plans/1/charts", 'href="/plans/1/charts"' in plan.body)
page = request("GET", "/plans/1/charts", sid=std)
kinds = [s.get("class") for s in svgs(page.body)] if page.status == 200 else []
check("GET /plans/1/charts: bucket chart, two rollups, completeness",
      page.status == 200 and kinds == ["chart bucket-chart", "chart rollup-chart", "chart rollup-chart",
                                       "chart completeness-chart"], page.status, kinds)
pv = load("plan.json")
ru = [s for s in svgs(page.body) if "rollup-chart" in s.get("class")] if page.status == 200 else []
for i, key in enumerate(("by_section", "by_leader")):
    want, rest = expect_rows(pv, key)
    got = rows(ru[i]) if len(ru) > i else {}
    check("plan charts %s: %d rows (+%d counted) with the CLI's totals" % (key, len(want), rest),
          {k: v[0] for k, v in got.items()} == want and all(t == s for t, s in got.values())
          and (more(ru[i]) is not None) == (rest > 0), sorted(got.items())[:3], sorted(want.items())[:3])

# An officer: only the tasks its agency may see.
for sid, name, f in ((vh, "vh", "plan-vh.json"), (tc, "tc", "plan-tc.json")):
    r = request("GET", "/plans/1/charts", sid=sid)
    v = load(f)
    sec = [s for s in svgs(r.body) if "rollup-chart" in s.get("class")] if r.status == 200 else []
    got = rows(sec[0]) if sec else {}
    want, _ = expect_rows(v, "by_section")
    check("officer %s: the charts count its %d visible tasks of %d, section by section"
          % (name, v["total"]["total"], pv["total"]["total"]),
          r.status == 200 and v["total"]["total"] < pv["total"]["total"]
          and {k: x[0] for k, x in got.items()} == want, r.status, sorted(got.items())[:3])

check("the charts page of a plan that is not there, or a draft, is 404",
      request("GET", "/plans/999/charts", sid=std).status == 404
      and request("GET", "/plans/2/charts", sid=std).status == 404)
r = request("GET", "/plans/1/charts")
check("the charts page needs a session", r.status in (302, 303, 401), r.status)
sys.exit(1 if webtest.failures else 0)
PYEOF
