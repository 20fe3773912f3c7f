# web_indicators.sh - the web's indicator page on the real server: a
# 2026-2030 plan with yearly targets and a baseline (tests/corpus/
# multiyear-table.txt) imported and published; an officer files values on
# the page (CSRF form); the page shows each indicator's year rows with the
# rule (the baseline's straight path named; in English on ?lang=en, with no
# Vietnamese rule left) and an inline SVG chart with one
# target point per year and one marker per value; GET
# /api/v1/plans/{id}/indicators returns indicators/1 with the baseline; an
# officer of another agency sees no foreign indicator and cannot file one; a
# viewer cannot file a value (403, nothing written).
. "$(dirname "$0")/../lib.sh"

unset DONDOC_NOW DONDOC_USER DONDOC_EVIDENCE
export DONDOC_TODAY=2026-07-10
setup() {
	"$BIN" --db "$DB" import "$ROOT/tests/corpus/multiyear-table.txt" &&
		"$BIN" --db "$DB" publish 1 &&
		echo 'nongn-pass-1' | "$BIN" --db "$DB" user add nn --role officer \
			--agency "Sở Nông nghiệp và Môi trường" &&
		echo 'yte-pass-12' | "$BIN" --db "$DB" user add yt --role officer --agency "Sở Y tế" &&
		echo 'viewr-pass-1' | "$BIN" --db "$DB" user add xem --role viewer
}
check "import, publish the multi-year plan and add users" setup
NTOKEN=$("$BIN" --db "$DB" token add nn 2>/dev/null)
YTOKEN=$("$BIN" --db "$DB" token add yt 2>/dev/null)

trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$T"' EXIT
serve_start "$DB" --deadline 3
if [ -z "$PORT" ]; then
	notok "the server starts on a free port" "$(head -c 600 "$T/serve.log")"
	exit 1
fi
ok "the server starts on a free port"
"$BIN" serve --routes >"$T/routes"

$PY - "$PORT" "$DB" "$NTOKEN" "$YTOKEN" "$T/routes" <<'PYEOF'
import http.client, json, re, os, sys, urllib.parse
sys.path.insert(0, os.path.join(os.environ.get("DONDOC_ROOT", "."), "tests"))
import dbtest  # noqa: E402
import xml.etree.ElementTree as ET

port, db, ntoken, ytoken, routes = sys.argv[1:6]
SVG = "{http://www.w3.org/2000/svg}"

def ok(name):
    print("ok - " + name)

def notok(name, *detail):
    print("not ok - " + name)
    for d in detail:
        print("#   " + str(d)[:600])

def check(name, cond, *detail):
    ok(name) if cond else notok(name, *detail)

def request(method, path, body=None, headers=None, sid=None):
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=20)
    h = dict(headers or {})
    if sid:
        h["Cookie"] = "__Host-dondoc=" + sid
    if isinstance(body, dict):
        body = urllib.parse.urlencode(body)
        h.setdefault("Content-Type", "application/x-www-form-urlencoded")
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    out = (r.status, dict((k.lower(), v) for k, v in r.getheaders()), r.read().decode("utf-8", "replace"))
    c.close()
    return out

def login(user, pw):
    st, h, _ = request("POST", "/login", {"login": user, "password": pw})
    m = re.search(r"__Host-dondoc=([0-9a-f]{64});", h.get("set-cookie", ""))
    return m.group(1) if m else None

def csrf_of(html):
    m = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    return m.group(1) if m else ""

def api(path, tok):
    st, h, body = request("GET", path, headers={"Authorization": "Bearer " + tok})
    try:
        return st, json.loads(body)
    except ValueError:
        return st, body

def values_count():
    con = dbtest.connect(db)
    n = con.execute("SELECT COUNT(*) FROM indicator_reports").fetchone()[0]
    con.close()
    return n

def sections(html):
    """indicator id -> its <section> markup."""
    return dict((int(m.group(1)), m.group(2)) for m in
                re.finditer(r'<section class="card indicator" id="indicator-(\d+)">(.*?)</section>', html, re.S))

# ---- the route table
rt = open(routes).read()
check("the routes are in the table",
      "GET /plans/{id}/indicators session" in rt and "POST /indicators/{id}/value session" in rt
      and "GET /api/v1/plans/{id}/indicators api" in rt, rt)

# ---- the plan page links to it
nn = login("nn", "nongn-pass-1")
st, _, plan_html = request("GET", "/plans/1", sid=nn)
check("the plan page links to its indicators", st == 200 and 'href="/plans/1/indicators"' in plan_html, st)

# ---- the API: indicators/1 with the baseline, before any value
st, j = api("/api/v1/plans/1/indicators", ntoken)
inds = j.get("indicators", []) if isinstance(j, dict) else []
byref = dict((i["ref"], i) for i in inds)
check("GET /api/v1/plans/1/indicators is indicators/1 with every indicator of the agency",
      st == 200 and j.get("format") == "indicators/1" and
      sorted(byref) == ["1", "2", "3", "3.1", "4", "5", "6"], st, j)
check("the API carries the baseline (Thực hiện năm 2025)",
      byref.get("1", {}).get("baseline") == {"period": "2025", "text": "3,8", "value": 3.8} and
      byref.get("4", {}).get("baseline", {}).get("value") == 25, byref.get("1"))

# ---- an officer files values on the page (CSRF form)
st, _, page = request("GET", "/plans/1/indicators", sid=nn)
check("the indicator page answers with a filing form for the officer",
      st == 200 and 'action="/indicators/%d/value"' % byref["4"]["id"] in page, st, page[:300])
csrf = csrf_of(page)
before = values_count()
filed = []
for ref, period, value in (("4", "2026-H1", "28"), ("4", "2027", "35"), ("1", "2026", "4,1")):
    st, h, body = request("POST", "/indicators/%d/value" % byref[ref]["id"],
                          {"csrf": csrf, "plan": "1", "period": period, "value": value, "note": "web"}, sid=nn)
    filed.append((st, h.get("location", "")))
check("three values filed through the form, back to the page",
      all(s == 303 or s == 302 for s, _ in filed) and all(l.startswith("/plans/1/indicators?ok=1") for _, l in filed)
      and values_count() == before + 3, filed)
st, h, body = request("POST", "/indicators/%d/value" % byref["4"]["id"],
                      {"plan": "1", "period": "2026", "value": "1"}, sid=nn)
check("a form without the CSRF token is refused", st == 403 and values_count() == before + 3, st)

# ---- the page: year rows, the rule, the chart
st, _, page = request("GET", "/plans/1/indicators", sid=nn)
sec = sections(page)
s4 = sec.get(byref["4"]["id"], "")
s1 = sec.get(byref["1"]["id"], "")
years1 = re.findall(r'<th scope="row">([^<]*)</th>', s1)
check("indicator 1 has a row per year and the span",
      years1 == ["2026", "2027", "2028", "2029", "2030", "2026-2030"], years1)
years4 = re.findall(r'<th scope="row">([^<]*)</th>', s4)
check("indicator 4: its years with a target or a value, in time order",
      years4 == ["2026-H1", "2026", "2027", "2028", "2030"], years4)
check("the baseline is shown and names the straight path it starts",
      "Mức cơ sở 2025: 25" in s4 and
      "đường thẳng từ mức cơ sở 2025 (25%) đến mục tiêu 2026 (30%)" in s4 and
      "course-ahead" in s4, s4[:800])
check("2027 is on course on the path between 2026 and 2028",
      re.search(r'2027</th><td class="num">35</td><td class="num">35</td><td class="course course-on_course">', s4)
      is not None, s4[:1200])

# ---- the English page: the same rules, in English (none left in Vietnamese)
st, _, page_en = request("GET", "/plans/1/indicators?lang=en", sid=nn)
rules_en = re.findall(r'<td class="rule">([^<]*)</td>', page_en)
rules_vi = re.findall(r'<td class="rule">([^<]*)</td>', page)
vi_words = ("mục tiêu", "thực hiện", "lộ trình", "Năm ", "năm ", "giai đoạn", "chưa ", "mức cơ sở",
            "tháng")
check("the English page renders every rule in English",
      st == 200 and rules_en and len(rules_en) == len(rules_vi) and
      not [r for r in rules_en if any(w in r for w in vi_words)] and
      all(r.startswith(("Year ", "The ", "Q", "January", "June", "July", "December")) for r in rules_en),
      st, [r for r in rules_en if any(w in r for w in vi_words)][:3], rules_en[:3])
s4en = sections(page_en).get(byref["4"]["id"], "")
check("... with the same information: the baseline's path, the value and the verdict",
      "The first half of 2026: target interpolated 27.5% on the straight line from the baseline"
      " 2025 (25%) to the target 2026 (30%); actual 28%: ahead of the path" in s4en and
      "Year 2027: target interpolated 35% between 30% (2026) and 40% (2028); actual 35%:"
      " on the path" in s4en, s4en[:1500])
check("the Vietnamese page keeps its Vietnamese rules",
      "6 tháng đầu năm 2026: mục tiêu nội suy 27,5% trên đường thẳng từ mức cơ sở 2025 (25%)"
      " đến mục tiêu 2026 (30%); thực hiện 28%: vượt lộ trình" in s4, s4[:1500])

def chart(section):
    m = re.search(r"<svg .*?</svg>", section, re.S)
    return ET.fromstring(m.group(0)) if m else None

try:
    c4 = chart(s4)
    c1 = chart(s1)
    parsed = c4 is not None and c1 is not None
except ET.ParseError as e:
    parsed, c4, c1 = False, None, None
    notok("the charts are well-formed XML", e)
if parsed:
    ok("the charts are well-formed XML")
    def shapes(svg, cls):
        return [e for e in svg.iter() if e.get("class") == cls]
    t4 = [e.get("data-period") for e in shapes(c4, "target")]
    a4 = [e.get("data-period") for e in shapes(c4, "actual")]
    b4 = [e.get("data-period") for e in shapes(c4, "baseline")]
    check("indicator 4's chart: the baseline, a target point per period, a marker per value",
          b4 == ["2025"] and t4 == ["2026-H1", "2026", "2027", "2028", "2030"] and a4 == ["2026-H1", "2027"],
          b4, t4, a4)
    t1 = [e.get("data-period") for e in shapes(c1, "target")]
    a1 = [e.get("data-period") for e in shapes(c1, "actual")]
    check("indicator 1's chart: five yearly targets (the span stays in the table), one value",
          t1 == ["2026", "2027", "2028", "2029", "2030"] and a1 == ["2026"], t1, a1)
    title = c4.find(SVG + "title")
    desc = c4.find(SVG + "desc")
    check("the chart has a title and a description",
          title is not None and "Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao" in (title.text or "") and
          desc is not None and "2025 (Mức cơ sở): 25" in (desc.text or ""), title, desc)
    # The actual 35 in 2027 sits on the path's point (35): same height as its target square.
    sq = [e for e in shapes(c4, "target") if e.get("data-period") == "2027"][0]
    ci = [e for e in shapes(c4, "actual") if e.get("data-period") == "2027"][0]
    check("2027's marker sits at its target's height and place",
          abs(float(sq.get("y")) + 5 - float(ci.get("cy"))) < 0.2 and
          abs(float(sq.get("x")) + 5 - float(ci.get("cx"))) < 0.2,
          sq.attrib, ci.attrib)
check("one chart per indicator", len(sec) == 7 and page.count("<svg ") == 7, len(sec), page.count("<svg "))

# ---- the API after the values
st, j = api("/api/v1/plans/1/indicators", ntoken)
i4 = [i for i in j.get("indicators", []) if i["ref"] == "4"][0] if isinstance(j, dict) else {}
h1 = [p for p in i4.get("by_period", []) if p["period"] == "2026-H1"]
check("the API judges 2026-H1 on the baseline's path",
      h1 and h1[0]["basis"] == "path" and abs(h1[0]["target"] - 27.5) < 1e-9 and h1[0]["verdict"] == "ahead"
      and "mức cơ sở 2025" in h1[0]["rule"], h1)

# ---- another agency's officer: no foreign indicator
yt = login("yt", "yte-pass-12")
st, _, page = request("GET", "/plans/1/indicators", sid=yt)
sec = sections(page)
check("an officer of Sở Y tế sees only the indicator it coordinates",
      st == 200 and len(sec) == 1 and "Tỷ lệ dân số nông thôn được sử dụng nước sạch" in page and
      "Tỷ lệ che phủ rừng" not in page and "OCOP" not in page, st, list(sec))
st, j = api("/api/v1/plans/1/indicators", ytoken)
check("... and so does its API token",
      st == 200 and [i["ref"] for i in j.get("indicators", [])] == ["6"], st, j)

before = values_count()
st, _, body = request("POST", "/indicators/%d/value" % byref["1"]["id"],
                      {"csrf": csrf_of(page), "plan": "1", "period": "2027", "value": "9"}, sid=yt)
st2, _, _ = request("POST", "/indicators/%d/value" % byref["6"]["id"],
                    {"csrf": csrf_of(page), "plan": "1", "period": "2026", "value": "57"}, sid=yt)
check("it cannot file a value for a foreign indicator (403, nothing written), but can for its own",
      st == 403 and st2 == 303 and values_count() == before + 1, st, st2, body[:300])

# ---- a viewer reads but cannot file
xem = login("xem", "viewr-pass-1")
st, _, page = request("GET", "/plans/1/indicators", sid=xem)
check("a viewer reads the page without a filing form",
      st == 200 and len(sections(page)) == 7 and "/value\"" not in page, st)
before = values_count()
st, _, body = request("POST", "/indicators/%d/value" % byref["4"]["id"],
                      {"csrf": csrf_of(page), "plan": "1", "period": "2028", "value": "41"}, sid=xem)
check("a viewer cannot file a value (403, nothing written)", st == 403 and values_count() == before, st, body[:300])

# ---- unknown plans
st, _, _ = request("GET", "/plans/99/indicators", sid=nn)
st2, j = api("/api/v1/plans/99/indicators", ntoken)
check("an unknown plan is 404 on the page and the API", st == 404 and st2 == 404, st, st2)
PYEOF
