# web_import.sh - issue 9's import flow on the real server: a standing-agency
# user uploads seed 000, follows the background job to its end, reviews the
# draft beside its source text (source lines, doubtful marks), corrects a
# field, merges two tasks and splits one (with audit rows), publishes; an
# officer of a lead agency reports on a task, the standing agency confirms
# it and the home page's completeness changes. Refusals: an officer's upload
# (403, nothing written), a form without its CSRF token, merge/split on a
# published plan; a bad file ends as a failed job with a readable message;
# the JSON API's import, job and publish routes; a job a stopped server left
# running is failed at the next start.
. "$(dirname "$0")/../lib.sh"

seed_env || exit 1
setup() {
	"$BIN" --db "$DB" init &&
		echo 'stand-pass-1' | "$BIN" --db "$DB" user add tt --role standing &&
		echo 'offic-pass-1' | "$BIN" --db "$DB" user add vh --role officer \
			--agency "Sở Văn hóa, Thể thao và Du lịch" &&
		echo 'stand-pass-2' | "$BIN" --db "$DB" user add tt2 --role standing &&
		echo 'admin-pass-1' | "$BIN" --db "$DB" user add ad --role admin &&
		echo 'vanph-pass-1' | "$BIN" --db "$DB" user add vp1 --role standing \
			--agency "Văn phòng UBND tỉnh" &&
		echo 'vanph-pass-2' | "$BIN" --db "$DB" user add vp2 --role standing \
			--agency "Văn phòng UBND tỉnh"
}
check "an empty database with standing, officer and admin accounts" setup
# The command line does the same through the same operations.
CDB=$(new_db cli)
EX=$ROOT/examples/ke-hoach-le-hoi-mua-xuan-2026.txt
"$BIN" --db "$CDB" import "$EX" >/dev/null 2>&1
ntasks() { db_sql "$CDB" "SELECT COUNT(*) FROM tasks"; }
N0=$(ntasks)
check "dondoc task merge" "$BIN" --db "$CDB" task merge 1 --reason "rà soát"
check "... leaves one task fewer" test "$(ntasks)" -eq $((N0 - 1))
check "dondoc task split --at" "$BIN" --db "$CDB" task split 1 --at 10
check "dondoc task split --text" "$BIN" --db "$CDB" task split 1 --text "thêm một nhiệm vụ"
check "... leaves two tasks more" test "$(ntasks)" -eq $((N0 + 1))
fails "split needs --at or --text" "usage" "$BIN" --db "$CDB" task split 1
fails "a cut outside the text is refused" "cannot cut" "$BIN" --db "$CDB" task split 1 --at 100000
"$BIN" --db "$CDB" publish 1 >/dev/null
fails "merge on a published plan is refused" "published" "$BIN" --db "$CDB" task merge 1
fails "split on a published plan is refused" "published" "$BIN" --db "$CDB" task split 1 --at 3
check "... and the plan keeps its tasks" test "$(ntasks)" -eq $((N0 + 1))

# The import runner's settings (app/jobs.c through dondoc serve).
fails "DONDOC_IMPORT_JOBS=0 is refused" "DONDOC_IMPORT_JOBS=0 is not 1 to 64" \
	timeout 10 env DONDOC_IMPORT_JOBS=0 "$BIN" --db "$DB" serve --listen 127.0.0.1:0
fails "DONDOC_IMPORT_QUEUE=20000 is refused" "DONDOC_IMPORT_QUEUE=20000 is not 0 to 10000" \
	timeout 10 env DONDOC_IMPORT_QUEUE=20000 "$BIN" --db "$DB" serve --listen 127.0.0.1:0
fails "a spool folder that cannot be made stops the start" "cannot create the import spool folder" \
	timeout 10 env DONDOC_EVIDENCE_DIR=/proc/no-such-dondoc "$BIN" --db "$DB" serve --listen 127.0.0.1:0

TOKEN=$("$BIN" --db "$DB" token add tt 2>/dev/null)
OTOKEN=$("$BIN" --db "$DB" token add vh 2>/dev/null)
T2TOKEN=$("$BIN" --db "$DB" token add tt2 2>/dev/null)
VP1TOKEN=$("$BIN" --db "$DB" token add vp1 2>/dev/null)
VP2TOKEN=$("$BIN" --db "$DB" token add vp2 2>/dev/null)
export T2TOKEN VP1TOKEN VP2TOKEN

trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$T"' EXIT
# Uploads are spooled under the evidence folder (app/jobs.c), not in $TMPDIR:
# the server imports with an unusable $TMPDIR.
OLD_TMPDIR=${TMPDIR-}
export TMPDIR="$T/no-such-tmp"
export DONDOC_EVIDENCE_DIR="$T/evidence"
serve_start "$DB"
if [ -n "$OLD_TMPDIR" ]; then export TMPDIR="$OLD_TMPDIR"; else unset TMPDIR; fi
if [ -z "$PORT" ]; then
	notok "the server starts" "$(head -c 600 "$T/serve.log")"
	exit 1
fi
ok "the server starts"

$PY - "$PORT" "$DB" "$SEED" "$TOKEN" "$OTOKEN" "$ROOT" "$SERVER" <<'PYEOF'
import http.client, json, os, re, socket, subprocess, sys, time, urllib.parse

port, db, seed, token, otoken, root, server_pid = sys.argv[1:8]
sys.path.insert(0, os.path.join(root, "tests"))
import dbtest
import webtest
from webtest import ok, notok, check, request, csrf_of
webtest.PORT = port

def login(user, pw):
    return webtest.session(user, pw)[0]

def multipart(fields, filename=None, content=b"", field="file"):
    b = "----dondocimport7f3a"
    out = b""
    for k, v in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v)).encode()
    if filename is not None:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n" % (b, field, filename)).encode() + content + b"\r\n"
    out += ("--%s--\r\n" % b).encode()
    return out, {"Content-Type": "multipart/form-data; boundary=" + b}

def q(sql, *args):
    con = dbtest.connect(db)
    rows = con.execute(sql, args).fetchall()
    con.close()
    return rows

def one(sql, *args):
    return q(sql, *args)[0][0]

def follow_job(path, sid, limit=60):
    """GETs the job page until it stops refreshing itself; returns the pages seen."""
    seen = []
    deadline = time.time() + limit
    while time.time() < deadline:
        r = request("GET", path, sid=sid)
        seen.append(r)
        if r.status != 200 or 'http-equiv="refresh"' not in r.body:
            break
        time.sleep(0.2)
    return seen

seed_bytes = open(seed, "rb").read()
standing = login("tt", "stand-pass-1")
officer = login("vh", "offic-pass-1")
check("both accounts log in", standing and officer)

# ---- the upload page
r = request("GET", "/imports", sid=standing)
csrf = csrf_of(r.body)
check("GET /imports shows the upload form (multipart, CSRF)", r.status == 200 and
      'enctype="multipart/form-data"' in r.body and 'type="file"' in r.body and csrf, r.status)
check("the nav links to the import for the standing agency", 'href="/imports"' in r.body)
home_o = request("GET", "/", sid=officer)
check("no import link for an officer", home_o.status == 200 and 'href="/imports"' not in home_o.body)
check("an officer's GET /imports is 403", request("GET", "/imports", sid=officer).status == 403)

# ---- refusals that write nothing
ocsrf = csrf_of(home_o.body)
body, h = multipart({"csrf": ocsrf}, "seed.txt", seed_bytes)
r = request("POST", "/imports", body, h, sid=officer)
check("an officer's upload is 403", r.status == 403, r.status)
check("... and no job or plan is written",
      one("SELECT COUNT(*) FROM import_jobs") == 0 and one("SELECT COUNT(*) FROM plans") == 0)
body, h = multipart({}, "seed.txt", seed_bytes)
r = request("POST", "/imports", body, h, sid=standing)
check("an upload without its CSRF token is 403", r.status == 403, r.status)
check("... and nothing is written",
      one("SELECT COUNT(*) FROM import_jobs") == 0 and one("SELECT COUNT(*) FROM plans") == 0)
r = request("POST", "/api/v1/imports?name=seed.txt", seed_bytes,
            {"Authorization": "Bearer " + otoken, "Content-Type": "text/plain"})
check("an officer's API import is a 403 problem", r.status == 403 and
      r.first("Content-Type").startswith("application/problem+json"), r.status, r.body[:200])
check("... and nothing is written", one("SELECT COUNT(*) FROM import_jobs") == 0)

# Bodies the form parser (src/web/form.c) refuses: 400, nothing written.
body, h = multipart({"csrf": csrf}, "seed.txt", seed_bytes)
r = request("POST", "/imports", body, {"Content-Type": "multipart/form-data"}, sid=standing)
check("a multipart upload without its boundary is 400", r.status == 400 and "boundary" in r.body,
      r.status, r.body[:300])
r = request("POST", "/imports", body[:len(body) // 2], h, sid=standing)
check("a multipart upload cut off before its closing boundary is 400", r.status == 400, r.status)
r = request("POST", "/imports", "csrf=%s&x=%%zz" % csrf,
            {"Content-Type": "application/x-www-form-urlencoded"}, sid=standing)
check("a form with a bad %-escape is 400", r.status == 400 and "escape" in r.body, r.status, r.body[:300])
check("... and none of them wrote anything",
      one("SELECT COUNT(*) FROM import_jobs") == 0 and one("SELECT COUNT(*) FROM plans") == 0)

# ---- upload seed 000 and follow the job
t0 = time.time()
body, h = multipart({"csrf": csrf}, os.path.basename(seed), seed_bytes)
r = request("POST", "/imports", body, h, sid=standing)
loc = r.first("Location")
check("the upload answers 303 to the job's page", r.status == 303 and re.match(r"^/imports/\d+$", loc),
      r.status, loc, r.body[:300])
job_id = int(loc.rsplit("/", 1)[1]) if loc else 0
pages = follow_job(loc, standing)
elapsed = time.time() - t0
last = pages[-1]
print("# seed 000 imported in %.2f s over %d job page(s)" % (elapsed, len(pages)))
check("the job page ends 'done' with a link to the review page",
      last.status == 200 and 'data-state="done"' in last.body and "/review" in last.body,
      last.status, last.body[-600:])
row = q("SELECT state, plan_id, login, file_name FROM import_jobs WHERE id = ?", job_id)
check("the job names this server process as its runner",
      q("SELECT runner FROM import_jobs WHERE id = ?", job_id) == [("%s:%s" % (socket.gethostname(), server_pid),)],
      q("SELECT runner FROM import_jobs WHERE id = ?", job_id), server_pid)
check("the job row is done with its plan, user and file name",
      row and row[0][0] == "done" and row[0][1] and row[0][2] == "tt" and row[0][3] == os.path.basename(seed), row)
plan = row[0][1] if row else 0
m = re.search(r'href="/plans/(\d+)/review"', last.body)
check("the review link names the plan", m and int(m.group(1)) == plan)
check("the plan is a draft recorded under the file's name",
      q("SELECT p.status, d.source FROM plans p JOIN documents d ON d.id = p.document_id WHERE p.id = ?", plan)
      == [("draft", os.path.basename(seed))])
check("the document's source lines are stored",
      one("SELECT COUNT(*) FROM document_lines") >= 100)
r = request("GET", "/imports", sid=standing)
check("the imports page lists the job and the draft",
      ('/imports/%d"' % job_id) in r.body and ('/plans/%d/review"' % plan) in r.body)
r = request("GET", "/api/v1/imports/%d" % job_id, headers={"Authorization": "Bearer " + token})
j = json.loads(r.body) if r.status == 200 else {}
check("GET /api/v1/imports/{id} gives state and plan", j.get("state") == "done" and j.get("plan_id") == plan, r.body[:300])
evidence = os.environ["DONDOC_EVIDENCE_DIR"]
spool = os.path.join(evidence, "import-spool")
check("the upload was spooled under the evidence folder, and removed once imported",
      os.path.isdir(spool) and os.listdir(spool) == [] and not os.path.exists(os.path.join(os.path.dirname(evidence), "no-such-tmp")),
      spool, os.path.isdir(spool) and os.listdir(spool))

# ---- a job is its importer's (+ the administrator, + the standing agency the
# importer works for): another importer gets 404 on its page and API, and
# does not find it in the list (ops.c, ops_import_job_visible)
other = login("tt2", "stand-pass-2")
admin = login("ad", "admin-pass-1")
t2tok, vp1tok, vp2tok = (os.environ[k] for k in ("T2TOKEN", "VP1TOKEN", "VP2TOKEN"))
r = request("GET", "/imports/%d" % job_id, sid=other)
check("another standing account's GET /imports/{id} is 404", r.status == 404, r.status)
r = request("GET", "/api/v1/imports/%d" % job_id, headers={"Authorization": "Bearer " + t2tok})
check("... and its GET /api/v1/imports/{id} a 404 problem", r.status == 404 and
      r.first("Content-Type").startswith("application/problem+json"), r.status)
r = request("GET", "/imports", sid=other)
check("... and its imports page does not list the job",
      r.status == 200 and ('/imports/%d"' % job_id) not in r.body and "/imports/" not in r.body.split("<tbody>")[1].split("</tbody>")[0],
      r.status)
r = request("GET", "/imports/%d" % job_id, sid=admin)
check("the administrator sees every job", r.status == 200 and 'data-state="done"' in r.body, r.status)
r = request("GET", "/imports", sid=admin)
check("... and lists it", ('/imports/%d"' % job_id) in r.body)
r = request("POST", "/api/v1/imports?name=vp.txt", b"KE HOACH\n1. Mot viec.\n",
            {"Authorization": "Bearer " + vp1tok, "Content-Type": "text/plain"})
vp_job = json.loads(r.body).get("id", 0) if r.status == 202 else 0
check("a standing account of the provincial office imports", vp_job > 0, r.status, r.body[:200])
r = request("GET", "/api/v1/imports/%d" % vp_job, headers={"Authorization": "Bearer " + vp2tok})
check("... a colleague of the same standing agency sees the job", r.status == 200 and
      json.loads(r.body).get("login") == "vp1", r.status, r.body[:200])
r1 = request("GET", "/api/v1/imports/%d" % vp_job, headers={"Authorization": "Bearer " + t2tok})
r2 = request("GET", "/imports/%d" % vp_job, sid=standing)
check("... a standing account of no agency does not (404)", r1.status == 404 and r2.status == 404,
      r1.status, r2.status)
r = request("GET", "/api/v1/imports/%d" % job_id, headers={"Authorization": "Bearer " + vp2tok})
check("... nor does the office see another importer's job (404)", r.status == 404, r.status)

# ---- the review page
tasks = q("SELECT id, ref, text, source_line, doubt FROM tasks WHERE plan_id = ? ORDER BY seq", plan)
r = request("GET", "/plans/%d/review" % plan, sid=standing)
rev = r.body
rows = re.findall(r'<tr id="t(\d+)" data-task', rev)
check("the review page lists every extracted task", r.status == 200 and len(rows) == len(tasks) > 50,
      r.status, len(rows), len(tasks))
missing = [t for t in tasks if t[3] and ('href="#L%d"' % t[3]) not in rev]
check("every task links to its source line", not missing, missing[:3])
lines_ok = all(re.search(r'<li value="%d" id="L%d">' % (t[3], t[3]), rev) for t in tasks if t[3])
check("the source text is beside the tasks with its line numbers", lines_ok and 'class="review"' in rev)
t20 = next((t for t in tasks if t[4] and t[4].split(",")[0] == "due"), None)
if t20:
    seg = rev[rev.index('<tr id="t%d"' % t20[0]):]
    seg = seg[:seg.index("</tr>")]
    check("a doubtful due date is marked (class and text)", 'class="f-due doubt"' in seg and "cần kiểm tra" in seg, seg[-400:])
else:
    notok("seed 000 has a task whose due date is doubtful", [t[4] for t in tasks if t[4]])
undoubted = next(t for t in tasks if not t[4])
seg = rev[rev.index('<tr id="t%d"' % undoubted[0]):]
seg = seg[:seg.index("</tr>")]
check("a task without doubt carries no mark", "doubt" not in seg)
rcsrf = csrf_of(rev)
check("the review page has edit, merge, split and publish forms",
      '/edit"' in rev and '/merge"' in rev and '/split"' in rev and ('/plans/%d/publish"' % plan) in rev)

# ---- correct, merge, split
a, b, c = tasks[0], tasks[1], tasks[2]
audit0 = one("SELECT COUNT(*) FROM audit_log")
r = request("POST", "/tasks/%d/edit" % a[0], {"csrf": rcsrf, "plan": plan, "field": "leader",
            "value": "Nguyễn Văn Kiểm", "reason": "rà soát"}, sid=standing)
check("a field is corrected from the review page (303 back)", r.status == 303 and "/review" in r.first("Location"), r.status, r.body[:300])
check("... the field changed with an audit row naming the user",
      one("SELECT leader FROM tasks WHERE id = ?", a[0]) == "Nguyễn Văn Kiểm" and
      q("SELECT actor FROM audit_log WHERE action = 'edit' AND entity_id = ?", a[0]) == [("tt",)])
n0 = one("SELECT COUNT(*) FROM tasks WHERE plan_id = ?", plan)
r = request("POST", "/tasks/%d/merge" % a[0], {"csrf": rcsrf, "plan": plan}, sid=standing)
check("merge answers 303", r.status == 303, r.status, r.body[:300])
check("... one task fewer, the texts joined, the second gone",
      one("SELECT COUNT(*) FROM tasks WHERE plan_id = ?", plan) == n0 - 1 and
      one("SELECT text FROM tasks WHERE id = ?", a[0]) == a[2] + " " + b[2] and
      one("SELECT COUNT(*) FROM tasks WHERE id = ?", b[0]) == 0)
check("... with history and audit rows",
      one("SELECT COUNT(*) FROM audit_log WHERE action = 'merge' AND actor = 'tt'") == 2 and
      one("SELECT COUNT(*) FROM task_history WHERE task_id = ? AND reason LIKE '%merged%'", a[0]) == 1)
r = request("POST", "/tasks/%d/split" % c[0], {"csrf": rcsrf, "plan": plan, "at": "12"}, sid=standing)
check("split answers 303", r.status == 303, r.status, r.body[:300])
new = q("SELECT id, ref, text, seq FROM tasks WHERE plan_id = ? AND ref = ?", plan, (c[1] or "") + "a")
check("... one task more, the text cut at character 12, the ref suffixed",
      one("SELECT COUNT(*) FROM tasks WHERE plan_id = ?", plan) == n0 and
      one("SELECT text FROM tasks WHERE id = ?", c[0]) == c[2][:12].strip() and
      new and new[0][2] == c[2][12:].strip(), new)
check("... the new task comes right after it",
      new and new[0][3] == one("SELECT seq FROM tasks WHERE id = ?", c[0]) + 1)
check("... with audit rows", one("SELECT COUNT(*) FROM audit_log WHERE action = 'split' AND actor = 'tt'") == 2)
r = request("GET", "/plans/%d/review" % plan, sid=standing)
check("the review page shows the corrections", r.status == 200 and "Nguyễn Văn Kiểm" in r.body and
      (a[2] + " " + b[2])[:40] in r.body and len(re.findall(r'<tr id="t(\d+)" data-task', r.body)) == n0)
r = request("POST", "/tasks/%d/merge" % a[0], {"plan": plan}, sid=standing)
check("a merge without its CSRF token is 403", r.status == 403)

# ---- a bad file
body, h = multipart({"csrf": csrf}, "bienban.docx", bytes(range(256)) * 40)
r = request("POST", "/imports", body, h, sid=standing)
bad = r.first("Location")
last = follow_job(bad, standing)[-1] if r.status == 303 else r
m = re.search(r'<p class="notice err">(.*?)</p>', last.body, re.S)
check("a bad file ends as a failed job with a readable message",
      'data-state="failed"' in last.body and m and "bienban.docx" in m.group(1) and len(m.group(1)) > 20,
      last.body[-500:])
check("... and leaves no plan", one("SELECT COUNT(*) FROM plans") == 1)

# ---- publish, then merge and split are refused
r = request("POST", "/plans/%d/publish" % plan, {"csrf": rcsrf}, sid=standing)
check("publish from the review page", r.status == 303 and
      one("SELECT status FROM plans WHERE id = ?", plan) == "published", r.status, r.body[:300])
before = (one("SELECT COUNT(*) FROM tasks"), one("SELECT COUNT(*) FROM audit_log"),
          "|".join(r[0] for r in q("SELECT text FROM tasks ORDER BY id")))
r1 = request("POST", "/tasks/%d/merge" % a[0], {"csrf": rcsrf, "plan": plan}, sid=standing)
r2 = request("POST", "/tasks/%d/split" % a[0], {"csrf": rcsrf, "plan": plan, "at": "5"}, sid=standing)
after = (one("SELECT COUNT(*) FROM tasks"), one("SELECT COUNT(*) FROM audit_log"),
         "|".join(r[0] for r in q("SELECT text FROM tasks ORDER BY id")))
check("merge and split on a published plan are refused (409) with a message",
      r1.status == 409 and r2.status == 409 and "published" in r1.body, r1.status, r2.status)
check("... and write nothing", before == after)

# ---- report as the lead agency, confirm as the standing agency, dashboards change
def completeness_row(html, agency):
    m = re.search(r"<tr><td>%s</td>(.*?)</tr>" % re.escape(agency), html)
    return m.group(1) if m else None

own = q("SELECT t.id FROM tasks t JOIN task_agencies a ON a.task_id = t.id WHERE t.plan_id = ? AND a.role = 'lead'"
        " AND a.name = 'Sở Văn hóa, Thể thao và Du lịch' ORDER BY t.seq LIMIT 1", plan)
own = own[0][0] if own else 0
home0 = request("GET", "/", sid=standing).body
tp = request("GET", "/tasks/%d" % own, sid=officer)
check("the officer sees its task with the report form", tp.status == 200 and ('/tasks/%d/report"' % own) in tp.body)
body, h = multipart({"state": "done", "date": "2026-07-01", "note": "Đã xong", "csrf": csrf_of(tp.body)})
r = request("POST", "/tasks/%d/report" % own, body, h, sid=officer)
check("the officer reports the task done", r.status == 303, r.status, r.body[:300])
home1 = request("GET", "/", sid=standing).body
check("the standing home page changes: the report awaits confirmation",
      home1 != home0 and ('/tasks/%d"' % own) in home1.split("Chờ xác nhận hoàn thành")[-1][:20000])
sp = request("GET", "/tasks/%d" % own, sid=standing)
r = request("POST", "/tasks/%d/confirm" % own, {"csrf": csrf_of(sp.body)}, sid=standing)
check("the standing agency confirms it", r.status == 303 and
      one("SELECT COUNT(*) FROM confirmations WHERE decision = 'accepted' AND actor = 'tt'") == 1, r.status)
home2 = request("GET", "/", sid=standing).body
row0 = completeness_row(home0, "Sở Văn hóa, Thể thao và Du lịch")
row2 = completeness_row(home2, "Sở Văn hóa, Thể thao và Du lịch")
check("the completeness by agency changes after report and confirmation",
      row0 is not None and row2 is not None and row0 != row2, row0, row2)

# ---- the JSON API: import, follow, publish
ex = open(os.path.join(root, "examples", "ke-hoach-le-hoi-mua-xuan-2026.txt"), "rb").read()
r = request("POST", "/api/v1/imports?name=le-hoi.txt", ex,
            {"Authorization": "Bearer " + token, "Content-Type": "text/plain"})
j = json.loads(r.body) if r.status == 202 else {}
check("POST /api/v1/imports answers 202 with the job", r.status == 202 and j.get("id") and
      r.first("Location") == "/api/v1/imports/%d" % j.get("id", 0), r.status, r.body[:300])
deadline = time.time() + 30
while j.get("state") in ("queued", "running") and time.time() < deadline:
    time.sleep(0.1)
    j = json.loads(request("GET", "/api/v1/imports/%d" % j["id"], headers={"Authorization": "Bearer " + token}).body)
check("the API job ends done with a plan", j.get("state") == "done" and j.get("plan_id"), j)
r = request("POST", "/api/v1/plans/%d/publish" % (j.get("plan_id") or 0), b"",
            {"Authorization": "Bearer " + token})
check("POST /api/v1/plans/{id}/publish publishes it", r.status == 200 and json.loads(r.body).get("status") == "published" and
      one("SELECT status FROM plans WHERE id = ?", j.get("plan_id") or 0) == "published", r.status, r.body[:200])
r = request("GET", "/api/v1/imports/%d" % job_id, headers={"Authorization": "Bearer " + otoken})
check("an officer cannot see import jobs (404 problem)", r.status == 404, r.status)

# Jobs left running: by no process, by a process of this host that is gone,
# by a live process of this host (pid 1), by a process of another host. The
# next start fails the first two only.
p = subprocess.Popen(["true"])
p.wait()
con = dbtest.connect(db)
for name, runner in (("scan.pdf", None), ("gone.pdf", "%s:%d" % (socket.gethostname(), p.pid)),
                     ("live.pdf", socket.gethostname() + ":1"), ("far.pdf", "elsewhere.example:4242")):
    con.execute("INSERT INTO import_jobs (login, runner, file_name, state, done, total, created_at, updated_at)"
                " VALUES ('tt', ?, ?, 'running', 3, 19, '2026-07-10T00:00:00Z', '2026-07-10T00:00:00Z')",
                (runner, name))
con.commit()
con.close()
r = request("GET", "/imports/%d" % one("SELECT id FROM import_jobs WHERE file_name = 'scan.pdf'"), sid=standing)
check("a running job shows its page progress and refreshes itself",
      "Trang 3/19" in r.body and '<meta http-equiv="refresh" content="1">' in r.body.split("</head>")[0], r.body[:800])
sys.exit(1 if webtest.failures else 0)
PYEOF

# stop NAME: SIGTERM, wait, and the log holds no sanitizer report (make check).
stop() {
	kill -TERM "$SERVER"
	wait "$SERVER"
	rc=$?
	if [ $rc -ne 0 ]; then
		notok "$1: the server stops cleanly" "exit $rc" "$(tail -5 "$T/serve.log")"
	elif grep -Eq "Sanitizer|runtime error:" "$T/serve.log"; then
		notok "$1: no sanitizer report" "$(grep -E -m3 -A5 "Sanitizer|runtime error:" "$T/serve.log")"
	else
		ok "$1: the server stops cleanly, no sanitizer report"
	fi
}
stop "after the import flow"

# Restart: the job left running is failed with a message. (A loaded machine
# may take longer than serve_start's 10 s to start a sanitizer build.)
serve_start "$DB"
i=0
while [ -z "$PORT" ] && [ $i -lt 200 ] && kill -0 "$SERVER" 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
	PORT=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$T/serve.out")
done
st=$($PY - "$DB" "$ROOT/tests" <<'PYEOF'
import sys, time
sys.path.insert(0, sys.argv[2])
import dbtest
for _ in range(100):  # a loaded machine may start the server slowly
    st = dbtest.connect(sys.argv[1]).execute(
        "SELECT state || '|' || COALESCE(error, '') FROM import_jobs WHERE file_name = 'scan.pdf'").fetchone()[0]
    if not st.startswith("running"):
        break
    time.sleep(0.1)
print(st)
PYEOF
)
case $st in
failed*stopped*) ok "a job a stopped server left running is failed at the next start" ;;
*) notok "a job a stopped server left running is failed at the next start" "$st" ;;
esac
states=$(db_sql "$DB" "SELECT file_name || '=' || state FROM import_jobs WHERE file_name IN ('gone.pdf', 'live.pdf', 'far.pdf') ORDER BY file_name" | tr '\n' ' ' | sed 's/ $//')
if [ "$states" = "far.pdf=running gone.pdf=failed live.pdf=running" ]; then
	ok "only the jobs of gone processes are failed: a live process's, and another host's, run on"
else
	notok "only the jobs of gone processes are failed: a live process's, and another host's, run on" "$states"
fi
if [ -n "$PORT" ]; then stop "after the restart"; else notok "the server starts again" "$(head -c 600 "$T/serve.log")"; fi
