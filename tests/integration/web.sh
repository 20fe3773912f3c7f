# web.sh - the web application on the real server: `dondoc serve` on a free
# port of 127.0.0.1 with a temporary database (seed 000 published, one
# document with markup in a task), driven over HTTP by Python's standard
# library: login and session rotation, every role's home page, the English
# switch, search without accents, a report with evidence and its
# confirmation, CSRF and foreign-origin refusals, XSS, session expiry (idle
# and absolute), login throttling, oversized and trickled requests, the JSON
# API with bearer tokens and problem+json errors, the route table against
# docs/api.yaml, authorisation matrices (printed: tasks, and the management
# pages of admin_pages.c) and a graceful stop.
. "$(dirname "$0")/../lib.sh"

seed_env || exit 1

sed 's/^1\. Lễ hội hoa đào vùng cao/1. Lễ hội <script>alert(1)<\/script> hoa đào vùng cao/' \
	"$ROOT/examples/ke-hoach-le-hoi-mua-xuan-2026.txt" >"$T/xss.txt"
setup() {
	"$BIN" --db "$DB" import "$SEED" "$T/xss.txt" &&
		"$BIN" --db "$DB" publish 1 && "$BIN" --db "$DB" publish 2 &&
		echo 'admin-pass-1' | "$BIN" --db "$DB" user add admin --role admin &&
		echo 'stand-pass-1' | "$BIN" --db "$DB" user add tt --role standing &&
		echo 'offic-pass-1' | "$BIN" --db "$DB" user add vh --role officer \
			--agency "Sở Văn hóa, Thể thao và Du lịch" &&
		echo 'offic-pass-2' | "$BIN" --db "$DB" user add tc --role officer --agency "Sở Tài chính" &&
		echo 'viewr-pass-1' | "$BIN" --db "$DB" user add xem --role viewer &&
		echo 'throt-pass-1' | "$BIN" --db "$DB" user add victim --role viewer
}
check "import, publish and add users" setup
# A leader named in the plan: the first task with one.
LEADER=$("$BIN" --db "$DB" export 1 | $PY -c '
import json, sys
d = json.load(sys.stdin)
print(next(t["leader"] for t in d["tasks"] if t["leader"]))')
check "add a leader account" sh -c "echo 'leadr-pass-1' | '$BIN' --db '$DB' user add ld --role leader --person '$LEADER'"
fails "a short password is refused" "8 to 1024" sh -c "echo short | '$BIN' --db '$DB' user add shorty --role viewer"
fails "an officer needs an agency" "agency" sh -c "echo 'long-enough-1' | '$BIN' --db '$DB' user add x1 --role officer"
fails "a taken login is refused" "already taken" sh -c "echo 'long-enough-1' | '$BIN' --db '$DB' user add tt --role viewer"
check "user list shows the roles" sh -c "'$BIN' --db '$DB' user list | grep -q 'vh  *officer  *active  *Sở Văn hóa'"
TOKEN=$("$BIN" --db "$DB" token add vh 2>/dev/null)
ATOKEN=$("$BIN" --db "$DB" token add admin 2>/dev/null)
argon_ok() {
	$PY - "$DB" "$ROOT/tests" <<'PYEOF'
import re, sys
sys.path.insert(0, sys.argv[2])
import dbtest
rows = dbtest.connect(sys.argv[1]).execute("SELECT pwhash FROM users").fetchall()
good = [re.match(r"\$argon2id\$v=19\$m=(\d+),t=(\d+),", r[0]) for r in rows]
sys.exit(0 if rows and all(m and int(m.group(1)) >= 19456 and int(m.group(2)) >= 2 for m in good) else 1)
PYEOF
}
check "passwords are argon2id with 19 MiB and 2 passes at least" argon_ok

trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$T"' EXIT
serve_start "$DB" --deadline 3 --max-upload 100000
if [ -z "$PORT" ]; then
	notok "the server starts on a free port" "$(head -c 600 "$T/serve.log")"
	exit 1
fi
ok "the server starts on a free port"
"$BIN" serve --routes >"$T/routes"

$PY - "$PORT" "$DB" "$T" "$TOKEN" "$ATOKEN" "$ROOT/docs/api.yaml" "$T/routes" "$LEADER" <<'PYEOF'
import hashlib, http.client, json, os, re, socket, sys, time, urllib.parse

port, db, tmp, token, atoken, apiyaml, routes_file, LEADER = sys.argv[1:9]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(apiyaml)), "tests"))
import webtest
import dbtest
from webtest import ok, notok, check, request, sid_of, csrf_of
webtest.PORT = port

def login(user, pw, old=None):
    return webtest.session(user, pw, old)

def rows_in(*tables):
    """How many rows the tables hold in all: a write changes it."""
    con = dbtest.connect(db)
    n = sum(con.execute("SELECT COUNT(*) FROM " + t).fetchone()[0] for t in tables)
    con.close()
    return n

def audit_count():
    return rows_in("audit_log", "progress_reports", "confirmations")

def multipart(fields, filename=None, content=b""):
    b = "----dondoctest7f3a"
    out = b""
    for k, v in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v)).encode()
    if filename is not None:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"%s\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n" % (b, filename)).encode() + content + b"\r\n"
    out += ("--%s--\r\n" % b).encode()
    return out, {"Content-Type": "multipart/form-data; boundary=" + b}

# ---- health and headers
r = request("GET", "/healthz")
check("/healthz answers ok", r.status == 200 and r.body == "ok\n", r.status, r.body)
csp = (r.header("Content-Security-Policy") or [""])[0]
check("CSP forbids inline script and framing",
      "unsafe-inline" not in csp and "script-src" not in csp.replace("default-src 'none'", "") and
      "default-src 'none'" in csp and "frame-ancestors 'none'" in csp, csp)
check("nosniff and no-referrer headers",
      r.header("X-Content-Type-Options") == ["nosniff"] and r.header("Referrer-Policy") == ["no-referrer"])
r = request("GET", "/static/style.css")
check("the stylesheet is embedded", r.status == 200 and "text/css" in r.header("Content-Type")[0] and "--brand" in r.body)
check("an unknown asset is 404", request("GET", "/static/nope.js").status == 404)
r = request("GET", "/")
check("a page without a session redirects to the login", r.status == 303 and r.header("Location") == ["/login"], r.status)
check("the login page is Vietnamese", "Đăng nhập" in request("GET", "/login").body)

# ---- login, cookie, rotation
sid0, r = login("vh", "wrong-password")
check("a wrong password is refused (401, no cookie)", r.status == 401 and sid0 is None and "Sai tên đăng nhập" in r.body, r.status)
sid1, r = login("vh", "offic-pass-1")
cookie = sid_of(r)[1] or ""
check("login sets the session cookie", sid1 is not None and r.status == 303, r.status, r.body[:200])
check("the cookie is __Host-, HttpOnly, Secure, SameSite=Strict, Path=/",
      all(a in cookie for a in ("HttpOnly", "Secure", "SameSite=Strict", "Path=/")) and "Domain" not in cookie, cookie)
sid2, r = login("vh", "offic-pass-1", old=sid1)
check("a login rotates the session id", sid2 and sid2 != sid1)
check("the old session id no longer works", request("GET", "/", sid=sid1).status == 303)
con = dbtest.connect(db)
stored = [x[0] for x in con.execute("SELECT id_hash FROM sessions")]
con.close()
check("sessions are stored hashed", sid2 not in stored and hashlib.sha256(sid2.encode()).hexdigest() in stored)
officer = sid2

# ---- home pages
sessions = {"officer": officer}
for role, (user, pw) in {"admin": ("admin", "admin-pass-1"), "standing": ("tt", "stand-pass-1"),
                         "leader": ("ld", "leadr-pass-1"), "viewer": ("xem", "viewr-pass-1"),
                         "officer2": ("tc", "offic-pass-2")}.items():
    sessions[role] = login(user, pw)[0]
expect = {"officer": ["Sắp đến hạn", "Quá hạn", "Chưa báo cáo kỳ này", "/tasks/"],
          "leader": ["Nhiệm vụ phụ trách", "<svg"], "standing": ["Tình hình báo cáo theo cơ quan", "Cần đôn đốc", "<svg"],
          "admin": ["Tình hình báo cáo theo cơ quan"], "viewer": ["Tình trạng nhiệm vụ"]}
for role, words in expect.items():
    r = request("GET", "/", sid=sessions[role])
    missing = [w for w in words if w not in r.body]
    check("the %s's home page" % role, r.status == 200 and not missing, r.status, missing)
r = request("GET", "/?lang=en", sid=officer)
check("?lang=en shows the English page", 'lang="en"' in r.body and "Due soon" in r.body and "Sắp đến hạn" not in r.body)
r = request("GET", "/lang?to=en&back=/plans", sid=officer)
check("the language switch sets a cookie and goes back", r.status == 303 and r.header("Location") == ["/plans"] and
      any(v.startswith("lang=en") for v in r.header("Set-Cookie")))
check("the language switch is no open redirect", request("GET", "/lang?to=en&back=//evil.example").header("Location") == ["/"])
r = request("GET", "/plans", headers={"Cookie": "__Host-dondoc=%s; lang=en" % officer})
check("the lang cookie keeps English", "Plans" in r.body and 'lang="en"' in r.body)

# ---- API and search
def api(path, tok=token, method="GET", body=None, headers=None):
    h = {"Authorization": "Bearer " + tok} if tok else {}
    h.update(headers or {})
    r = request(method, path, body=body, headers=h)
    try:
        return r, json.loads(r.body)
    except ValueError:
        return r, None

r, j = api("/api/v1/tasks", tok=None)
check("the API without a token is 401 problem+json",
      r.status == 401 and r.header("Content-Type") == ["application/problem+json"] and j and j.get("status") == 401, r.status, r.body)
r, j = api("/api/v1/tasks?per_page=1000")
mine = j["tasks"] if j else []
check("an officer's token lists only its agency's tasks",
      r.status == 200 and mine and all("Sở Văn hóa, Thể thao và Du lịch" in t["lead"] + t["coordinate"] for t in mine),
      r.status, len(mine))
r, j = api("/api/v1/tasks?per_page=1000", tok=atoken)
alltasks = j["tasks"]
check("the administrator's token lists every published task", j["total"] > len(mine) and j["total"] >= 117, j["total"])
def fold(s):
    import unicodedata
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn").lower()
for q, needle in (("van hoa", "văn hóa"), ("dong", "đồng")):
    r, j = api("/api/v1/tasks?per_page=1000&q=" + urllib.parse.quote(q), tok=atoken)
    want = [t["id"] for t in alltasks if fold(q) in fold(" ".join([t["ref"] or "", t["section"] or "", t["text"] or ""]))]
    got = [t["id"] for t in j["tasks"]]
    check("search '%s' finds the tasks with '%s' (%d)" % (q, needle, len(want)), want and got == want, got[:10], want[:10])
r = request("GET", "/plans/1?q=van+hoa", sid=sessions["admin"])
check("the plan page searches too", r.status == 200 and "Văn hóa" in r.body and "/tasks/" in r.body)
r = request("GET", "/plans/1?bucket=overdue&page=1", sid=sessions["admin"])
check("the plan page filters by bucket", r.status == 200 and "b-red" in r.body and "b-blue\">Hoàn thành" not in r.body)
p1 = request("GET", "/plans/1", sid=sessions["admin"]).body
p3 = request("GET", "/plans/1?page=3", sid=sessions["admin"]).body
rows = lambda html: len(re.findall(r'<tr><td>[^<]*</td><td><a href="/tasks/', html))
check("the plan page is paginated (50 a page)", rows(p1) == 50 and "page=2" in p1 and "Trang sau" in p1 and
      0 < rows(p3) <= 50 and "Trang trước" in p3, rows(p1), rows(p3))
r, j = api("/api/v1/status", tok=atoken)
check("the status API counts buckets", r.status == 200 and j["total"] == sum(j["buckets"].values()), r.body[:200])
r, j = api("/api/v1/tasks?bucket=nonsense", tok=atoken)
check("a bad filter is 400 problem+json", r.status == 400 and j["status"] == 400)

# The officer's own task (its agency leads, open) and another agency's.
VH = "Sở Văn hóa, Thể thao và Du lịch"
def names(t):
    return t["lead"] + t["coordinate"] + t["lead_groups"] + t["coordinate_groups"]
own = next(t for t in mine if VH in t["lead"] and t["status"]["bucket"] in ("overdue", "on_track", "due_soon"))
other = next(t for t in alltasks if VH not in names(t) and t["leader"] != LEADER and t["supervisor"] != LEADER)
lead_own = next(t for t in alltasks if t["leader"] == LEADER)
xss = next(t for t in alltasks if "<script>" in (t["text"] or ""))

# ---- XSS: markup from an imported document is shown as text
r = request("GET", "/tasks/%d" % xss["id"], sid=sessions["admin"])
check("markup in a task's text is escaped on its page",
      r.status == 200 and "&lt;script&gt;alert(1)&lt;/script&gt;" in r.body and "<script>" not in r.body)
r = request("GET", "/plans/%d" % xss["plan_id"], sid=sessions["admin"])
check("... and in the plan's task list", r.status == 200 and "<script>" not in r.body and "&lt;script&gt;" in r.body)

# ---- a report with evidence, then the standing agency's confirmation
page = request("GET", "/tasks/%d" % own["id"], sid=officer)
csrf = csrf_of(page.body)
check("the task page has the report form", page.status == 200 and 'action="/tasks/%d/report"' % own["id"] in page.body and csrf)
before = audit_count()
body, h = multipart({"state": "done", "date": "2026-07-01", "note": "Đã tổ chức <b>xong</b>", "csrf": ""}, "bienban.pdf", b"%PDF-1.4 x")
r = request("POST", "/tasks/%d/report" % own["id"], body, h, sid=officer)
check("a report without the CSRF token is refused and writes nothing", r.status == 403 and audit_count() == before, r.status)
body, h = multipart({"state": "done", "date": "2026-07-01", "note": "x", "csrf": csrf}, "a.pdf", b"x")
h["Origin"] = "http://evil.example"
r = request("POST", "/tasks/%d/report" % own["id"], body, h, sid=officer)
check("a form posted from another site is refused", r.status == 403 and audit_count() == before, r.status)
home = request("GET", "/", sid=sessions["standing"]).body
check("before: the task is not awaiting confirmation", 'href="/tasks/%d"' % own["id"] not in home.split("Chờ xác nhận hoàn thành")[-1])
evidence = b"%PDF-1.4 bien ban nghiem thu\n" * 10
body, h = multipart({"state": "done", "date": "2026-07-01", "note": "Đã tổ chức <b>xong</b>", "csrf": csrf}, "bienban.pdf", evidence)
r = request("POST", "/tasks/%d/report" % own["id"], body, h, sid=officer)
check("the officer files a report with evidence", r.status == 303 and r.header("Location") == ["/tasks/%d?ok=1" % own["id"]], r.status, r.body[:300])
path = os.path.join(tmp, "evidence", hashlib.sha256(evidence).hexdigest())
check("the evidence is stored under its SHA-256", os.path.exists(path) and open(path, "rb").read() == evidence, path)
con = dbtest.connect(db)
actors = [x[0] for x in con.execute("SELECT actor FROM audit_log WHERE action LIKE '%report%' ORDER BY id DESC LIMIT 1")]
con.close()
check("the audit row names the user", actors == ["vh"], actors)
r = request("GET", "/tasks/%d?ok=1" % own["id"], sid=officer)
check("the report shows on the task, its note escaped", "Đã ghi nhận" in r.body and "&lt;b&gt;xong&lt;/b&gt;" in r.body)
home = request("GET", "/", sid=sessions["standing"]).body
check("the standing agency's dashboard lists it awaiting confirmation",
      'href="/tasks/%d"' % own["id"] in home.split("Chờ xác nhận hoàn thành")[-1])
spage = request("GET", "/tasks/%d" % own["id"], sid=sessions["standing"]).body
before = audit_count()
r = request("POST", "/tasks/%d/confirm" % own["id"], {"csrf": csrf}, sid=officer)
check("an officer cannot confirm (403, nothing written)", r.status == 403 and audit_count() == before, r.status)
r = request("POST", "/tasks/%d/confirm" % own["id"], {"csrf": csrf_of(spage)}, sid=sessions["standing"])
check("the standing agency confirms", r.status == 303, r.status, r.body[:300])
r, j = api("/api/v1/tasks/%d" % own["id"])
check("the task is now done", j and j["status"]["bucket"] in ("done_on_time", "done_late"), j and j["status"])
home = request("GET", "/", sid=sessions["standing"]).body
check("the dashboard no longer lists it", 'href="/tasks/%d"' % own["id"] not in home.split("Chờ xác nhận hoàn thành")[-1])
r, j = api("/api/v1/tasks/%d/reports" % own["id"])
check("the reports API shows the report", r.status == 200 and j and j[-1]["decision"] == "accepted" and j[-1]["evidence"] == 1, r.body[:300])
r, j = api("/api/v1/tasks/%d/reports" % own["id"], method="POST", body=json.dumps({"state": "in_progress", "note": "api"}),
           headers={"Content-Type": "application/json"})
check("a report through the API with a bearer token", r.status == 201 and j and j["id"] > 0, r.status, r.body)
r, j = api("/api/v1/tasks/%d/reports" % own["id"], method="POST", body="{not json", headers={"Content-Type": "application/json"})
check("a malformed JSON body is 400 problem+json", r.status == 400 and j["status"] == 400)
r, j = api("/api/v1/tasks/%d/reports" % own["id"], tok=None, method="POST", body=json.dumps({"state": "done"}),
           headers={"Content-Type": "application/json", "Cookie": "__Host-dondoc=" + officer})
check("an API write with a session needs X-CSRF-Token", r.status == 403, r.status)

# ---- session expiry: idle and absolute
def age_session(sid, created, seen):
    con = dbtest.connect(db)
    con.execute("UPDATE sessions SET created_at = created_at - ?, last_seen = last_seen - ? WHERE id_hash = ?",
                (created, seen, hashlib.sha256(sid.encode()).hexdigest()))
    con.commit()
    con.close()
s_idle = login("xem", "viewr-pass-1")[0]
age_session(s_idle, 29 * 60, 29 * 60)
check("a session used 29 minutes ago still works", request("GET", "/", sid=s_idle).status == 200)
age_session(s_idle, 31 * 60, 31 * 60)
check("a session idle for 31 minutes has expired", request("GET", "/", sid=s_idle).status == 303)
s_abs = login("xem", "viewr-pass-1")[0]
age_session(s_abs, 12 * 3600 + 60, 0)
check("a session older than 12 hours has expired, however busy", request("GET", "/", sid=s_abs).status == 303)
r = request("POST", "/logout", {"csrf": csrf_of(request("GET", "/", sid=sessions["viewer"]).body)}, sid=sessions["viewer"])
check("logout ends the session", r.status == 303 and request("GET", "/", sid=sessions["viewer"]).status == 303)

# ---- login throttling (per account)
codes = [login("victim", "not-the-password")[1].status for _ in range(5)]
r = login("victim", "throt-pass-1")[1]
check("after 5 failures even the right password is refused (429)", codes == [401] * 5 and r.status == 429, codes, r.status)
check("another account from the same address still logs in", login("tt", "stand-pass-1")[0] is not None)

# ---- oversized and trickled requests
def raw_status(head, body=b""):
    s = socket.create_connection(("127.0.0.1", int(port)))
    s.settimeout(15)
    try:
        s.sendall(head + body)
    except OSError:
        pass
    try:
        line = s.recv(200).split(b"\r\n")[0]
    except OSError:
        line = b""
    s.close()
    return line
big = b"login=" + b"a" * (1100 * 1024)
line = raw_status(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  b"Content-Length: %d\r\n\r\n" % len(big), big)
check("a form body over 1 MiB is 413", line.startswith(b"HTTP/1.1 413"), line)
line = raw_status(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999\r\n\r\n")
check("a declared length over every limit is refused before reading", line.startswith(b"HTTP/1.1 413"), line)
csrf = csrf_of(request("GET", "/tasks/%d" % own["id"], sid=officer).body)
before = audit_count()
body, h = multipart({"state": "in_progress", "csrf": csrf}, "big.bin", b"0" * 200000)
r = request("POST", "/tasks/%d/report" % own["id"], body, h, sid=officer)
check("an upload over --max-upload is 413 and writes nothing", r.status == 413 and audit_count() == before, r.status)
r = request("GET", "/" + "x" * 40000)
check("a request line over the header limit is refused", r.status in (414, 431, 413, 400), r.status)
s = socket.create_connection(("127.0.0.1", int(port)))
s.settimeout(15)
start = time.time()
closed = False
try:
    for ch in b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 40:
        s.sendall(bytes([ch]))
        time.sleep(0.25)
except OSError:
    closed = True
if not closed:
    try:
        closed = s.recv(100) in (b"",) or True
    except OSError:
        closed = True
elapsed = time.time() - start
s.close()
check("a client trickling its headers is cut off by the 3 s deadline", closed and elapsed < 8, elapsed)
s = socket.create_connection(("127.0.0.1", int(port)))
s.settimeout(15)
s.sendall(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n")
start = time.time()
try:
    for i in range(40):
        s.sendall(b"a")
        time.sleep(0.25)
    data = s.recv(100)
except OSError:
    data = b""
elapsed = time.time() - start
s.close()
check("a client trickling its body is cut off by the deadline", elapsed < 8 and not data.startswith(b"HTTP/1.1 200"), elapsed, data[:60])

# ---- the route table and docs/api.yaml
doc = open(apiyaml, encoding="utf-8").read()
documented, cur = set(), None
for line in doc.splitlines():
    m = re.match(r"^  (/[^:]*):\s*$", line)
    if m:
        cur = m.group(1)
        continue
    m = re.match(r"^    (get|post|put|patch|delete):", line)
    if m and cur:
        documented.add((m.group(1).upper(), "/api/v1" + cur if not cur.startswith(("/api/v1", "/calendar/")) else cur))
table = set()
for line in open(routes_file):
    method, pattern, perm = line.split()
    if pattern.startswith(("/api/", "/calendar/")):
        table.add((method, pattern))
check("every API route is documented in docs/api.yaml", table and table <= documented, sorted(table - documented))
check("every documented operation is a route", documented and documented <= table, sorted(documented - table))

# ---- the authorisation matrix
lead_sid = sessions["leader"]
objects = {"own": own, "other": other}
leader_objects = {"own": lead_own, "other": other}
# What each role may do: read (GET pages and API), report, decide.
may = {
    "admin":    {"read": {"own", "other"}, "report": set(), "decide": {"own", "other"}},
    "standing": {"read": {"own", "other"}, "report": set(), "decide": {"own", "other"}},
    "viewer":   {"read": {"own", "other"}, "report": set(), "decide": set()},
    "officer":  {"read": {"own"}, "report": {"own"}, "decide": set()},
    "leader":   {"read": {"own"}, "report": set(), "decide": set()},
}
routes = [("GET", "/tasks/{id}", "read"), ("GET", "/api/v1/tasks/{id}", "read"),
          ("GET", "/api/v1/tasks/{id}/reports", "read"), ("POST", "/tasks/{id}/report", "report"),
          ("POST", "/api/v1/tasks/{id}/reports", "report"), ("POST", "/tasks/{id}/confirm", "decide"),
          ("POST", "/tasks/{id}/reject", "decide")]
sessions["viewer"] = login("xem", "viewr-pass-1")[0]
print("# authorisation matrix (route x role x object: HTTP status; * = allowed by policy)")
bad = []
for method, pattern, act in routes:
    row = []
    for role in ("admin", "standing", "officer", "leader", "viewer"):
        sid = sessions[role]
        for which in ("own", "other"):
            obj = (leader_objects if role == "leader" else objects)[which]
            path = pattern.replace("{id}", str(obj["id"]))
            allowed = which in may[role][act]
            before = audit_count()
            h = {}
            if method == "POST":
                csrf = csrf_of(request("GET", "/", sid=sid).body)
                if path.startswith("/api/"):
                    r = request(method, path, json.dumps({"state": "in_progress", "note": "matrix"}),
                                {"Content-Type": "application/json", "X-CSRF-Token": csrf}, sid=sid)
                else:
                    r = request(method, path, {"csrf": csrf, "state": "in_progress", "reason": "matrix"}, sid=sid)
            else:
                r = request(method, path, sid=sid)
            wrote = audit_count() != before
            denied = r.status in (403, 404)
            row.append("%s/%s=%d%s" % (role, which, r.status, "*" if allowed else ""))
            if not allowed and (not denied or wrote):
                bad.append("%s %s as %s on %s: %d%s" % (method, pattern, role, which, r.status, " (wrote)" if wrote else ""))
            if allowed and act != "decide" and denied:
                bad.append("%s %s as %s on %s refused: %d" % (method, pattern, role, which, r.status))
            if not allowed and method == "GET" and act == "read" and r.status != 404 and which == "other":
                bad.append("%s %s as %s on %s: existence not private (%d)" % (method, pattern, role, which, r.status))
    print("# %-6s %-28s %s" % (method, pattern, " ".join(row)))
check("the matrix shows no unauthorised read or write", not bad, *bad)

# ---- the management pages (src/web/admin_pages.c): route x role
def admin_writes():
    return rows_in("audit_log", "users", "api_tokens WHERE revoked = FALSE", "agency_contacts",
                   "agency_aliases", "person_aliases", "reminders", "sessions")
victim_id = dbtest.connect(db).execute("SELECT id FROM users WHERE login = 'victim'").fetchone()[0]
admin_routes = [("GET", "/agencies", "configure"), ("POST", "/agencies/alias", "configure"),
                ("GET", "/people", "configure"), ("POST", "/people/alias", "configure"),
                ("GET", "/contacts", "configure"), ("POST", "/contacts", "configure"),
                ("GET", "/reminders", "remind"), ("POST", "/reminders/send", "remind"),
                ("GET", "/users", "users"), ("POST", "/users", "users"),
                ("POST", "/users/{id}/password", "users"), ("POST", "/users/{id}/disable", "users"),
                ("POST", "/users/{id}/enable", "users"), ("POST", "/users/{id}/token", "users"),
                ("POST", "/users/{id}/tokens/revoke", "users")]
may_admin = {"configure": {"admin", "standing"}, "remind": {"admin", "standing"}, "users": {"admin"}}
# Every session route of the table is in one of the two matrices, or a page
# every signed-in user may open.
everyone = {("GET", "/"), ("GET", "/plans"), ("GET", "/plans/{id}"), ("POST", "/logout"),
            ("GET", "/plans/{id}/export.docx"), ("GET", "/plans/{id}/export.xlsx"),
            ("GET", "/plans/{id}/export.csv"), ("GET", "/plans/{id}/export.ics"),
            ("GET", "/plans/{id}/indicators"), ("GET", "/plans/{id}/charts")}
# The import and review routes (src/web/import_pages.c) and an indicator
# value: route x role on real objects; a refused role gets 403 (404 where
# existence is private) and writes nothing, an allowed one is not refused
# (its empty form is rejected, so it writes nothing either).
def all_writes():
    return rows_in("audit_log", "plans", "tasks", "import_jobs", "indicator_reports",
                   "task_history")
own_plan = own["plan_id"]
review_routes = [("GET", "/imports", "import", None), ("POST", "/imports", "import", None),
                 ("GET", "/imports/{id}", "import", 999999),
                 ("GET", "/plans/{id}/review", "import", own_plan),
                 ("POST", "/plans/{id}/publish", "import", own_plan),
                 ("POST", "/tasks/{id}/edit", "import", own["id"]),
                 ("POST", "/tasks/{id}/merge", "import", own["id"]),
                 ("POST", "/tasks/{id}/split", "import", own["id"]),
                 ("POST", "/indicators/{id}/value", "value", 999999)]
may_review = {"import": {"admin", "standing"}, "value": {"officer"}}
print("# import, review and indicator values (route x role: HTTP status; * = allowed by policy)")
bad = []
for method, pattern, act, oid in review_routes:
    row = []
    for role in ("admin", "standing", "officer", "leader", "viewer"):
        sid = sessions[role]
        allowed = role in may_review[act]
        path = pattern.replace("{id}", str(oid))
        before = all_writes()
        if method == "POST":
            r = request(method, path, {"csrf": csrf_of(request("GET", "/", sid=sid).body)}, sid=sid)
        else:
            r = request(method, path, sid=sid)
        wrote = all_writes() != before
        row.append("%s=%d%s" % (role, r.status, "*" if allowed else ""))
        if not allowed and (r.status not in (403, 404) or wrote):
            bad.append("%s %s as %s: %d%s" % (method, pattern, role, r.status, " (wrote)" if wrote else ""))
        if allowed and r.status == 403:
            bad.append("%s %s as %s refused: %d" % (method, pattern, role, r.status))
        if allowed and method == "POST" and wrote and pattern != "/plans/{id}/publish":
            bad.append("%s %s as %s with an empty form wrote" % (method, pattern, role))
    print("# %-6s %-28s %s" % (method, pattern, " ".join(row)))
check("import, review and indicator-value routes refuse (nothing written) every role the policy leaves out",
      not bad, *bad)
covered = {(m, p) for m, p, _ in routes} | {(m, p) for m, p, _ in admin_routes} | everyone \
    | {(m, p) for m, p, _, _ in review_routes}
session_routes = {tuple(l.split()[:2]) for l in open(routes_file) if l.split()[2] == "session"}
check("every session route is in an authorisation matrix", session_routes <= covered,
      sorted(session_routes - covered))
print("# management pages (route x role: HTTP status; * = allowed by policy; an allowed form gets"
      " an empty or unknown target, so it writes nothing)")
bad = []
for method, pattern, act in admin_routes:
    row = []
    # An unknown user (the administrator then gets 404), or a real one for the refused.
    for role in ("admin", "standing", "officer", "leader", "viewer"):
        sid = sessions[role]
        allowed = role in may_admin[act]
        if pattern == "/reminders/send" and allowed:
            row.append("%s=-*" % role)  # would send: web_admin.sh covers it
            continue
        path = pattern.replace("{id}", str(999999 if allowed else victim_id))
        before = admin_writes()
        if method == "POST":
            form = {"csrf": csrf_of(request("GET", "/", sid=sid).body)}
            if not allowed:
                form.update({"alias": "x y", "canonical": "Sở Tài chính", "name": "Sở Tài chính",
                             "email": "m@example.vn", "login": "intruder", "role": "admin",
                             "password": "intruder-pass-1"})
            r = request(method, path, form, sid=sid)
        else:
            r = request(method, path, sid=sid)
        wrote = admin_writes() != before
        row.append("%s=%d%s" % (role, r.status, "*" if allowed else ""))
        if not allowed and (r.status != 403 or wrote):
            bad.append("%s %s as %s: %d%s" % (method, pattern, role, r.status, " (wrote)" if wrote else ""))
        if allowed and (r.status == 403 or (method == "GET" and r.status != 200)):
            bad.append("%s %s as %s refused: %d" % (method, pattern, role, r.status))
        if allowed and method == "POST" and wrote:
            bad.append("%s %s as %s with an empty form wrote" % (method, pattern, role))
    print("# %-6s %-28s %s" % (method, pattern, " ".join(row)))
check("the management pages are refused (403, nothing written) to every role the policy leaves out",
      not bad, *bad)

sys.exit(1 if webtest.failures else 0)
PYEOF

kill -TERM "$SERVER"
i=0
while kill -0 "$SERVER" 2>/dev/null && [ $i -lt 150 ]; do
	sleep 0.1
	i=$((i + 1))
done
if kill -0 "$SERVER" 2>/dev/null; then
	notok "SIGTERM stops the server within 15 s"
else
	wait "$SERVER"
	rc=$?
	if [ $rc -eq 0 ] && grep -q "stopping" "$T/serve.log"; then ok "SIGTERM stops the server gracefully"; else notok "SIGTERM stops the server gracefully" "exit $rc"; fi
fi
check "the access log has one line per request, naming the user" grep -q ' vh "GET /' "$T/serve.log"
if grep -Eq "Sanitizer|runtime error:" "$T/serve.log"; then
	notok "the server ran clean under the sanitizers" "$(grep -E -m3 -A5 "Sanitizer|runtime error:" "$T/serve.log")"
else
	ok "the server log has no sanitizer report"
fi
