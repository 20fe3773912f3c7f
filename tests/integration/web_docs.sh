# web_docs.sh - issue 10 on the web: the calendar feed at a secret URL
# (GET /calendar/TOKEN.ics) and a plan's downloads (DOCX, XLSX, CSV, ICS).
# `dondoc serve` on a free port with seed 000 and the festival example
# published: the feed parses with python3-icalendar, holds exactly the
# officer's deadlines as `dondoc export --format ics --agency` gives them and
# none of another agency's; an unknown or revoked token and a disabled user
# give 404; every download is a valid file for a role that reads the plan,
# and 404 for an officer whose agency has no task in it.
. "$(dirname "$0")/../lib.sh"

seed_env || exit 1
VH="Sở Văn hóa, Thể thao và Du lịch"
TC="Sở Tài chính"
setup() {
	"$BIN" --db "$DB" import "$SEED" "$ROOT/examples/ke-hoach-le-hoi-mua-xuan-2026.txt" &&
		"$BIN" --db "$DB" publish 1 && "$BIN" --db "$DB" publish 2 &&
		echo 'admin-pass-1' | "$BIN" --db "$DB" user add admin --role admin &&
		echo 'offic-pass-1' | "$BIN" --db "$DB" user add vh --role officer --agency "$VH" &&
		echo 'offic-pass-2' | "$BIN" --db "$DB" user add tc --role officer --agency "$TC" &&
		echo 'offic-pass-3' | "$BIN" --db "$DB" user add gone --role officer --agency "$TC" &&
		echo 'viewr-pass-1' | "$BIN" --db "$DB" user add xem --role viewer
}
check "import, publish and add users" setup
VTOK=$("$BIN" --db "$DB" token add vh 2>/dev/null)
TTOK=$("$BIN" --db "$DB" token add tc 2>/dev/null)
RTOK=$("$BIN" --db "$DB" token add xem 2>/dev/null)
GTOK=$("$BIN" --db "$DB" token add gone 2>/dev/null)
for p in 1 2; do
	"$BIN" --db "$DB" export $p --format ics --agency "$VH" >"$T/vh$p.ics"
	"$BIN" --db "$DB" export $p --format ics --agency "$TC" >"$T/tc$p.ics"
done
check "the revoked user is disabled" "$BIN" --db "$DB" user disable gone

trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$T"' EXIT
serve_start "$DB"
if [ -z "$PORT" ]; then
	notok "the server starts on a free port" "$(head -c 600 "$T/serve.log")"
	exit 1
fi
ok "the server starts on a free port"

$PY - "$PORT" "$DB" "$T" "$VTOK" "$TTOK" "$RTOK" "$GTOK" <<'PYEOF'
import csv, http.client, io, os, re, sys, urllib.parse, zipfile
sys.path.insert(0, os.path.join(os.environ.get("DONDOC_ROOT", "."), "tests"))
import dbtest  # noqa: E402
import icalendar, openpyxl

port, db, tmp, vtok, ttok, rtok, gtok = sys.argv[1:8]
failures = 0

def check(name, cond, *detail):
    global failures
    if cond:
        print("ok - " + name)
    else:
        failures += 1
        print("not ok - " + name)
        for d in detail:
            print("#   " + str(d)[:600])

def request(method, path, body=None, sid=None):
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    h = {}
    if sid:
        h["Cookie"] = "__Host-dondoc=" + sid
    if body is not None:
        body = urllib.parse.urlencode(body)
        h["Content-Type"] = "application/x-www-form-urlencoded"
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    out = (r.status, dict((k.lower(), v) for k, v in r.getheaders()), r.read())
    c.close()
    return out

def login(user, pw):
    st, h, _ = request("POST", "/login", {"login": user, "password": pw})
    m = re.search(r"__Host-dondoc=([0-9a-f]{64});", h.get("set-cookie", ""))
    return m.group(1) if m else None

def uids(data):
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]) for e in cal.walk("VEVENT")}

def cli_uids(who):
    s = set()
    for p in (1, 2):
        s |= uids(open("%s/%s%d.ics" % (tmp, who, p), "rb").read())
    return s

# ---- the calendar feed
st, h, body = request("GET", "/calendar/%s.ics" % vtok)
check("the officer's feed answers 200 as text/calendar", st == 200 and h.get("content-type", "").startswith("text/calendar"), st, h)
try:
    feed = uids(body)
    parsed = True
except Exception as e:
    feed, parsed = set(), False
check("the feed parses with icalendar", parsed and feed, body[:300])
want = cli_uids("vh")
check("the feed holds the officer's deadlines and reporting dates ('dondoc export --format ics --agency')",
      feed == want and any(u.startswith("task-") for u in feed) and any("-report-" in u for u in feed),
      sorted(want - feed)[:5], sorted(feed - want)[:5])
others = {u for u in cli_uids("tc") if u.startswith("task-")} - want
check("the feed holds none of another agency's tasks", others and not (others & feed), len(others))
st, _, tbody = request("GET", "/calendar/%s.ics" % ttok)
check("another officer's feed holds its own tasks", st == 200 and others <= uids(tbody))
st, _, rbody = request("GET", "/calendar/%s.ics" % rtok)
check("a viewer's feed holds everything published", st == 200 and (want | others) <= uids(rbody))
check("the feed needs no session and sets no cookie", "set-cookie" not in h)
for name, path in [("an unknown token", "/calendar/%s.ics" % ("0" * 64)),
                   ("a disabled user's token", "/calendar/%s.ics" % gtok),
                   ("a token without .ics", "/calendar/%s" % vtok),
                   ("an empty token", "/calendar/.ics")]:
    st, _, _ = request("GET", path)
    check("%s gives 404" % name, st == 404, st)
con = dbtest.connect(db)
con.execute("UPDATE api_tokens SET revoked = TRUE WHERE user_id = (SELECT id FROM users WHERE login = 'tc')")
con.commit()
con.close()
st, _, _ = request("GET", "/calendar/%s.ics" % ttok)
check("a revoked token gives 404", st == 404, st)

# ---- downloads
sessions = {"admin": login("admin", "admin-pass-1"), "vh": login("vh", "offic-pass-1"),
            "tc": login("tc", "offic-pass-2"), "xem": login("xem", "viewr-pass-1")}
check("the users log in", all(sessions.values()), sessions)
st, _, page = request("GET", "/plans/1", sid=sessions["vh"])
check("the plan page offers the four downloads",
      st == 200 and all(b"/plans/1/export.%s" % e in page for e in (b"docx", b"xlsx", b"csv", b"ics")))

def valid(ext, data):
    try:
        if ext == "docx":
            return "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
        if ext == "xlsx":
            wb = openpyxl.load_workbook(io.BytesIO(data))
            return wb.worksheets[0].max_row > 1
        if ext == "csv":
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
            return len(rows) > 1
        return bool(uids(data))
    except Exception as e:
        print("#   " + repr(e))
        return False

mime = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv", "ics": "text/calendar"}
for who, plan in [("admin", 1), ("xem", 2), ("vh", 1), ("vh", 2), ("tc", 1)]:
    for ext in ("docx", "xlsx", "csv", "ics"):
        st, h, data = request("GET", "/plans/%d/export.%s" % (plan, ext), sid=sessions[who])
        check("%s downloads plan %d as %s" % (who, plan, ext),
              st == 200 and h.get("content-type", "").startswith(mime[ext]) and
              h.get("content-disposition", "").startswith("attachment;") and valid(ext, data),
              st, h.get("content-type"), h.get("content-disposition"), data[:120])
for ext in ("docx", "xlsx", "csv", "ics"):
    st, _, _ = request("GET", "/plans/2/export.%s" % ext, sid=sessions["tc"])
    check("an officer with no task in plan 2 gets 404 for its %s" % ext, st in (403, 404), st)
    st, _, _ = request("GET", "/plans/99/export.%s" % ext, sid=sessions["admin"])
    check("an unknown plan's %s is 404" % ext, st == 404, st)
    st, h, _ = request("GET", "/plans/1/export.%s" % ext)
    check("a download without a session goes to the login (%s)" % ext, st == 303, st)
# The officer's CSV lists its agency's tasks only: as many rows as the CLI's.
st, _, data = request("GET", "/plans/2/export.csv", sid=sessions["vh"])
rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
check("the officer's CSV holds its agency's tasks only", len(rows) - 1 == len([u for u in uids(open(tmp + "/vh2.ics", "rb").read()) if u.startswith("task-")]), len(rows))
sys.exit(1 if failures else 0)
PYEOF

# The feed's path is its credential: the access log names the route, never the token.
if grep -q "/calendar/(token).ics" "$T/serve.out" "$T/serve.log" 2>/dev/null &&
	! grep -q "$VTOK" "$T/serve.out" "$T/serve.log" 2>/dev/null; then
	ok "the access log does not record calendar tokens"
else
	notok "the access log does not record calendar tokens" "$(grep -h calendar "$T/serve.out" "$T/serve.log" | head -3)"
fi
