# web_admin.sh - the management pages on the real server (issue 9, "Pages"):
# `dondoc serve` on a free port with seed 000 published, driven over HTTP.
# The administrator adds users (a generated password shown once, or a typed
# one) who then log in; disabling ends a user's sessions; a password set
# through the web replaces the old one; API tokens made on the web work and
# stop working once revoked (from the web, and with `dondoc token revoke`);
# an alias taught on /agencies renames the stored tasks' bodies with an
# audit row naming the web user (and /people the leaders'); an address set
# on /contacts shows in `dondoc contacts`; the reminders preview names the
# agencies with overdue tasks and sending files each message once in the
# outbox (a second send files nothing); every page and form is refused (403)
# to the roles that may not use it, writing nothing.
. "$(dirname "$0")/../lib.sh"

SEED=$(ls "$SHARED"/seeds/000_*.txt 2>/dev/null | head -1)
unset DONDOC_NOW DONDOC_USER DONDOC_EVIDENCE DONDOC_SMTP_URL DONDOC_MAIL_FROM
export DONDOC_TODAY=2026-07-10
export DONDOC_OUTBOX="$T/outbox"
if [ -z "$SEED" ]; then
	notok "seed 000 is available" "no $SHARED/seeds/000_*.txt"
	exit 1
fi
setup() {
	"$BIN" --db "$DB" import "$SEED" && "$BIN" --db "$DB" publish 1 &&
		echo 'admin-pass-1' | "$BIN" --db "$DB" user add admin --role admin &&
		echo 'stand-pass-1' | "$BIN" --db "$DB" user add tt --role standing &&
		echo 'offic-pass-1' | "$BIN" --db "$DB" user add vh --role officer \
			--agency "Sở Văn hóa, Thể thao và Du lịch" &&
		echo 'leadr-pass-1' | "$BIN" --db "$DB" user add ld --role leader --person "Nguyễn Thành Sinh" &&
		echo 'viewr-pass-1' | "$BIN" --db "$DB" user add xem --role viewer
}
check "import, publish and add users" setup
"$BIN" --db "$DB" remind --dry-run 2>/dev/null | sed -n 's/^would send  *[a-z]*  *\(.*\) <.*/\1/p' >"$T/cli_recipients"
check "the CLI previews some reminders" test -s "$T/cli_recipients"

trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$T"' EXIT
serve_start "$DB"
if [ -z "$PORT" ]; then
	notok "the server starts on a free port" "$(head -c 600 "$T/serve.log")"
	exit 1
fi
ok "the server starts on a free port"

DONDOC_ROOT=$ROOT $PY - "$PORT" "$DB" "$T" "$BIN" <<'PYEOF'
import html, http.client, json, os, re, subprocess, sys, urllib.parse

port, db, tmp, binary = sys.argv[1:5]
outbox = os.path.join(tmp, "outbox")
sys.path.insert(0, os.path.join(os.path.abspath(os.environ.get("DONDOC_ROOT", ".")), "tests"))
import webtest
import dbtest
from webtest import ok, notok, check, request
webtest.PORT = port

def login(user, pw):
    return webtest.session(user, pw)[0]

def csrf(sid):
    m = re.search(r'name="csrf" value="([0-9a-f]{64})"', request("GET", "/", sid=sid).body)
    return m.group(1) if m else ""

def post(path, sid, fields=None):
    f = dict(fields or {})
    f["csrf"] = csrf(sid)
    return request("POST", path, f, sid=sid)

def q(sql, *args):
    con = dbtest.connect(db)
    rows = con.execute(sql, args).fetchall()
    con.close()
    return rows

def writes():
    """Everything a refused request must leave alone."""
    n = q("SELECT (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM users) +"
          " (SELECT COUNT(*) FROM agency_contacts) + (SELECT COUNT(*) FROM api_tokens WHERE revoked = FALSE) +"
          " (SELECT COUNT(*) FROM reminders)")[0][0]
    files = len(os.listdir(outbox)) if os.path.isdir(outbox) else 0
    return n, files

def cli(*args):
    p = subprocess.run([binary, "--db", db] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr

def user_id(login_name):
    return q("SELECT id FROM users WHERE login = ?", login_name)[0][0]

def secret_of(body):
    m = re.search(r'<code class="secret">([^<]+)</code>', body)
    return html.unescape(m.group(1)) if m else None

sid = {r: login(u, p) for r, (u, p) in {
    "admin": ("admin", "admin-pass-1"), "standing": ("tt", "stand-pass-1"),
    "officer": ("vh", "offic-pass-1"), "leader": ("ld", "leadr-pass-1"),
    "viewer": ("xem", "viewr-pass-1")}.items()}
check("every role logs in", all(sid.values()), sid)

# ---- navigation: each role sees the links it may use
nav = {r: request("GET", "/", sid=s).body.split("</nav>")[0] for r, s in sid.items()}
check("the administrator's nav links every management page",
      all(h in nav["admin"] for h in ('href="/agencies"', 'href="/people"', 'href="/contacts"',
                                       'href="/reminders"', 'href="/users"')), nav["admin"][-400:])
check("the standing agency's nav has agencies, contacts and reminders but not users",
      'href="/agencies"' in nav["standing"] and 'href="/reminders"' in nav["standing"] and
      'href="/users"' not in nav["standing"])
check("officer, leader and viewer see no management link",
      not any(h in nav[r] for r in ("officer", "leader", "viewer")
              for h in ('href="/agencies"', 'href="/contacts"', 'href="/reminders"', 'href="/users"')))

# ---- users
r = request("GET", "/users", sid=sid["admin"])
check("/users lists the users with role and agency", r.status == 200 and ">vh<" in r.body and
      "Sở Văn hóa, Thể thao và Du lịch" in r.body and ">officer<" in r.body, r.status)
r = request("GET", "/users?lang=en", sid=sid["admin"])
check("/users in English", "Add a user" in r.body and "Thêm người dùng" not in r.body)
r = post("/users", sid["admin"], {"login": "moi", "role": "viewer", "agency": "", "person": "", "password": ""})
generated = secret_of(r.body)
check("adding a user without a password shows a generated one once",
      r.status == 200 and generated and len(generated) >= 16, r.status, r.body[-600:])
moi = login("moi", generated or "x")
check("the new user logs in with the shown password", moi is not None)
check("the new user's home page answers", moi and request("GET", "/", sid=moi).status == 200)
check("the password is not kept in the database",
      generated and not any(generated in str(v) for row in q("SELECT * FROM users") for v in row) and
      not any(generated in str(v) for row in q("SELECT * FROM audit_log") for v in row))
check("the user's addition is audited naming the administrator",
      q("SELECT COUNT(*) FROM audit_log WHERE actor = 'admin' AND action = 'user_add'")[0][0] == 1,
      q("SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 3"))
r = post("/users", sid["admin"], {"login": "tc", "role": "officer", "agency": "Sở Tài chính",
                                  "person": "", "password": "typed-pass-1"})
check("adding a user with a typed password shows no secret", r.status == 200 and secret_of(r.body) is None, r.status)
tc = login("tc", "typed-pass-1")
check("that user logs in with the typed password", tc is not None)
r = post("/users", sid["admin"], {"login": "moi", "role": "viewer", "password": "another-pass"})
check("a taken login is refused (409)", r.status == 409 and "already taken" in r.body, r.status)
r = post("/users", sid["admin"], {"login": "x2", "role": "officer", "password": "another-pass"})
check("an officer without an agency is refused (400)", r.status == 400, r.status)
before = writes()
r = request("POST", "/users", {"login": "nocsrf", "role": "viewer", "password": "another-pass"}, sid=sid["admin"])
check("a form without the CSRF token is 403 and adds no one", r.status == 403 and writes() == before, r.status)

# disable ends the sessions; enable lets the user back in
uid = user_id("moi")
r = post("/users/%d/disable" % uid, sid["admin"])
check("disabling answers with the users page", r.status == 303 and r.header("Location") == ["/users?saved=1"], r.status)
r = request("GET", "/", sid=moi)
check("a disabled user's next request is a login redirect", r.status == 303 and r.header("Location") == ["/login"], r.status)
check("a disabled user cannot log in", login("moi", generated) is None)
check("the list marks the user disabled", re.search(r'id="user-%d">.*?Đã khóa' % uid, request("GET", "/users", sid=sid["admin"]).body) is not None)
r = post("/users/%d/enable" % uid, sid["admin"])
check("enabling lets the user log in again", r.status == 303 and login("moi", generated) is not None)
r = post("/users/%d/password" % uid, sid["admin"], {"password": "changed-pass-1"})
check("a password set on the web replaces the old one",
      r.status == 303 and login("moi", "changed-pass-1") is not None and login("moi", generated) is None, r.status)
r = post("/users/%d/password" % uid, sid["admin"], {"password": "short"})
check("a short password is refused (400)", r.status == 400, r.status)
r = post("/users/999999/disable", sid["admin"])
check("an unknown user is 404", r.status == 404, r.status)

# tokens: made on the web, revoked on the web and with the CLI
tid = user_id("tc")
r = post("/users/%d/token" % tid, sid["admin"])
tok = secret_of(r.body)
check("a token is shown once", r.status == 200 and tok and re.fullmatch(r"[0-9a-f]{64}", tok), r.status)
def api_status(t):
    return request("GET", "/api/v1/plans", headers={"Authorization": "Bearer " + t}).status
check("the token reads the API", tok and api_status(tok) == 200)
r = post("/users/%d/tokens/revoke" % tid, sid["admin"])
check("revoking on the web says how many", r.status == 303 and r.header("Location") == ["/users?revoked=1"], r.status, r.header("Location"))
check("a revoked token gets 401", tok and api_status(tok) == 401)
check("the revocation is audited naming the administrator",
      q("SELECT COUNT(*) FROM audit_log WHERE actor = 'admin' AND action = 'token_revoke' AND entity_id = ?", tid)[0][0] == 1)
rc, out, err = cli("token", "add", "tc")
ctok = out.strip()
m = re.search(r"bearer token (\d+) for tc", err)
check("dondoc token add names the token's id", rc == 0 and m is not None, err)
check("the CLI's token reads the API", api_status(ctok) == 200)
rc, out, err = cli("token", "revoke", m.group(1) if m else "0")
check("dondoc token revoke ID ends that token", rc == 0 and "1 token revoked" in out and api_status(ctok) == 401, out, err)
rc, out, err = cli("token", "add", "tc")
ctok2 = out.strip()
rc, out, err = cli("token", "revoke", "tc")
check("dondoc token revoke LOGIN ends the user's tokens", rc == 0 and "1 token revoked" in out and api_status(ctok2) == 401, out, err)
rc, out, err = cli("token", "revoke", "999")
check("dondoc token revoke of an unknown id fails", rc != 0 and "no token with the id 999" in err, rc, err)

# ---- agencies and people
r = request("GET", "/agencies", sid=sid["standing"])
check("/agencies lists the bodies with their use counts",
      r.status == 200 and re.search(r"Hiệp hội Du lịch tỉnh</td><td class=\"num\">\d+", r.body) is not None, r.status)
before_alias = q("SELECT COUNT(*) FROM audit_log WHERE actor = 'tt'")[0][0]
r = post("/agencies/alias", sid["standing"], {"alias": "Hiệp hội Du lịch tỉnh", "canonical": "Hiệp hội Du lịch tỉnh Lào Cai"})
loc = (r.header("Location") or [""])[0]
m = re.match(r"/agencies\?changed=(\d+)$", loc)
check("an alias POSTed on /agencies says how many names changed", r.status == 303 and m and int(m.group(1)) > 0, r.status, loc)
r = request("GET", loc or "/agencies", sid=sid["standing"])
check("the page then shows the count and the alias",
      m and ("Số tên đã đổi trong các kế hoạch: %s" % m.group(1)) in r.body and
      "<td>Hiệp hội Du lịch tỉnh</td><td>Hiệp hội Du lịch tỉnh Lào Cai</td>" in r.body, r.body[-800:])
rc, out, err = cli("export", "1")
tasks = json.loads(out)["tasks"] if rc == 0 else []
renamed = sum("Hiệp hội Du lịch tỉnh Lào Cai" in t["lead"] + t["coordinate"] for t in tasks)
old = sum("Hiệp hội Du lịch tỉnh" in t["lead"] + t["coordinate"] for t in tasks)
check("the stored tasks now name the canonical body (dondoc export)", renamed > 0 and old == 0, renamed, old)
check("the alias is audited naming the web user",
      q("SELECT COUNT(*) FROM audit_log WHERE actor = 'tt' AND action = 'alias'")[0][0] == 1 and
      q("SELECT COUNT(*) FROM audit_log WHERE actor = 'tt'")[0][0] > before_alias + 1)
rc, out, err = cli("tasks", "--agency", "Hiệp hội Du lịch tỉnh Lào Cai")
check("dondoc tasks finds them under the canonical name", rc == 0 and len(out.strip().splitlines()) > 1, out[-300:], err)
r = post("/agencies/alias", sid["standing"], {"alias": "HHDL", "canonical": "Hiệp hội Du lịch tỉnh Lào Cai"})
check("an abbreviation taught on the web changes no stored name", r.header("Location") == ["/agencies?changed=0"], r.header("Location"))
r = request("GET", "/api/v1/tasks?agency=HHDL", headers={"Cookie": "__Host-dondoc=" + sid["standing"]})
check("the running server knows the alias at once (?agency=HHDL)",
      r.status == 200 and json.loads(r.body)["total"] == renamed, r.status, r.body[:300])
r = post("/agencies/alias", sid["standing"], {"alias": "", "canonical": "x"})
check("an empty alias is refused (400)", r.status == 400, r.status)
r = request("GET", "/people", sid=sid["admin"])
check("/people lists the leaders", r.status == 200 and "Nguyễn Thành Sinh" in r.body, r.status)
r = post("/people/alias", sid["admin"], {"alias": "Nguyễn Thành Sinh", "canonical": "Nguyễn Thanh Sinh"})
loc = (r.header("Location") or [""])[0]
m = re.match(r"/people\?changed=(\d+)$", loc)
check("a leader's alias renames the stored leaders", r.status == 303 and m and int(m.group(1)) > 0 and
      "Nguyễn Thanh Sinh" in request("GET", "/people", sid=sid["admin"]).body, r.status, loc)

# ---- contacts
r = post("/contacts", sid["standing"], {"name": "Sở VHTTDL", "email": "vh@example.vn"})
check("a contact set on the web answers with the page", r.status == 303 and r.header("Location") == ["/contacts?saved=1"], r.status, r.body[-300:])
rc, out, err = cli("contacts")
check("dondoc contacts shows it under the canonical name",
      rc == 0 and "Sở Văn hóa, Thể thao và Du lịch" in out and "vh@example.vn" in out, out, err)
check("/contacts lists it", "vh@example.vn" in request("GET", "/contacts", sid=sid["standing"]).body)
before = writes()
r = post("/contacts", sid["standing"], {"name": "Sở Tài chính", "email": "not an address"})
check("a bad address is refused (400), nothing written", r.status == 400 and writes() == before, r.status)

# ---- reminders
cli_recipients = [l.strip() for l in open(os.path.join(tmp, "cli_recipients"), encoding="utf-8") if l.strip()]
before = writes()
r = request("GET", "/reminders", sid=sid["standing"])
rows = re.findall(r'<tr class="remind"><td>(.*?)</td>', r.body)
rows = [html.unescape(x) for x in rows]
check("the preview lists what dondoc remind would send", r.status == 200 and rows == cli_recipients,
      r.status, rows[:5], cli_recipients[:5])
ov = request("GET", "/api/v1/tasks?bucket=overdue&per_page=1000", headers={"Cookie": "__Host-dondoc=" + sid["standing"]})
overdue_leads = {a for t in json.loads(ov.body)["tasks"] for a in t["lead"]}
check("every agency with an overdue task is in the preview",
      overdue_leads and overdue_leads <= set(rows), sorted(overdue_leads - set(rows)))
check("the preview says whose address is known",
      re.search(r"Sở Văn hóa, Thể thao và Du lịch</td><td>remind</td><td>vh@example\.vn", r.body) and
      "Chưa có địa chỉ thư" in r.body)
check("the preview writes nothing", writes() == before)
r = post("/reminders/send", sid["standing"])
files = sorted(os.listdir(outbox)) if os.path.isdir(outbox) else []
check("sending files every reminder in the outbox (file mailer)",
      r.status == 200 and len(files) == len(cli_recipients) and "Đã lưu vào hộp thư đi" in r.body,
      r.status, len(files), len(cli_recipients))
check("the sent page names the recipients", all(html.escape(x, quote=True) in r.body or x in r.body for x in cli_recipients[:3]))
body = open(os.path.join(outbox, files[0]), encoding="utf-8", errors="replace").read() if files else ""
check("a filed message is an e-mail", "Subject:" in body, body[:300])
check("each sent reminder is recorded naming the web user",
      q("SELECT COUNT(*) FROM reminders WHERE actor = 'tt'")[0][0] == len(cli_recipients))
r = post("/reminders/send", sid["standing"])
check("a second send sends nothing new", r.status == 200 and sorted(os.listdir(outbox)) == files and
      ("Đã gửi thư: 0 · Đã lưu vào hộp thư đi: 0 · Đã gửi hôm nay, không gửi lại: %d" % len(files)) in r.body,
      r.status, re.findall(r"<p>Đã gửi.*?</p>", r.body))

# ---- refusals: each page and form, role by role, writing nothing
uid = user_id("moi")
routes = [("GET", "/agencies", "configure"), ("POST", "/agencies/alias", "configure"),
          ("GET", "/people", "configure"), ("POST", "/people/alias", "configure"),
          ("GET", "/contacts", "configure"), ("POST", "/contacts", "configure"),
          ("GET", "/reminders", "remind"), ("POST", "/reminders/send", "remind"),
          ("GET", "/users", "users"), ("POST", "/users", "users"),
          ("POST", "/users/%d/password" % uid, "users"), ("POST", "/users/%d/disable" % uid, "users"),
          ("POST", "/users/%d/enable" % uid, "users"), ("POST", "/users/%d/token" % uid, "users"),
          ("POST", "/users/%d/tokens/revoke" % uid, "users")]
form = {"alias": "Sở VHTTDL", "canonical": "Sở Tài chính", "name": "Sở Tài chính", "email": "x@example.vn",
        "login": "intruder", "role": "admin", "password": "intruder-pass-1"}
refusers = {"configure": ("officer", "leader", "viewer"), "remind": ("officer", "leader", "viewer"),
            "users": ("standing", "officer", "leader", "viewer")}
bad = []
for method, path, act in routes:
    for role in refusers[act]:
        before = writes()
        r = post(path, sid[role], form) if method == "POST" else request("GET", path, sid=sid[role])
        if r.status != 403 or writes() != before:
            bad.append("%s %s as %s: %d%s" % (method, path, role, r.status, " (wrote)" if writes() != before else ""))
check("every management page and form is 403 for the roles that may not use it, writing nothing", not bad, *bad)
check("the moi account was left alone", login("moi", "changed-pass-1") is not None)

sys.exit(1 if webtest.failures else 0)
PYEOF

kill -TERM "$SERVER"
i=0
while kill -0 "$SERVER" 2>/dev/null && [ $i -lt 150 ]; do
	sleep 0.1
	i=$((i + 1))
done
wait "$SERVER" 2>/dev/null
if grep -Eq "Sanitizer|runtime error:" "$T/serve.log"; then
	notok "the server ran clean under the sanitizers" "$(grep -E -m3 -A5 "Sanitizer|runtime error:" "$T/serve.log")"
else
	ok "the server log has no sanitizer report"
fi
