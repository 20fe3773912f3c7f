#!/usr/bin/python3
"""killloop.py BIN WORKDIR SEED SAMPLE CYCLES - the kill -9 loop of issue 14.

Each cycle starts one dondoc write (import of SEED as a copy, a progress
report, a publish, a task edit), waits until the process has the database
open (its file among /proc/PID/fd), lets it run a random while and kills it
with SIGKILL, unless it finished first. Afterwards the database must pass
PRAGMA integrity_check, every plan must be whole (all its tasks and its
import audit row: no half-plan), and every report whose command exited 0
(acknowledged) must be stored. Prints ok/not ok lines and, last, one
"figures:" line.
"""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time


def opened(pid, path):
    try:
        for fd in os.listdir("/proc/%d/fd" % pid):
            try:
                if os.readlink("/proc/%d/fd/%s" % (pid, fd)) == path:
                    return True
            except OSError:
                pass
    except OSError:
        pass
    return False


def main():
    binary, work, seed, sample, cycles = sys.argv[1:6]
    cycles = int(cycles)
    db = os.path.realpath(os.path.join(work, "kill.db"))
    env = dict(os.environ)
    env.pop("DONDOC_STORE_FAIL_AFTER", None)
    rnd = random.Random(int(os.environ.get("KILL_SEED", "14")))

    def run(*args):
        return subprocess.run([binary, "--db", db] + list(args), env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode

    def q(sql, *params):
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    if run("import", sample) or run("publish", "1") or run("import", seed):
        print("not ok - kill -9 loop: setup")
        return
    sample_tasks = q("SELECT COUNT(*) FROM tasks WHERE plan_id = 1")[0][0]
    seed_tasks = q("SELECT COUNT(*) FROM tasks WHERE plan_id = 2")[0][0]
    # How long each kind of command may run before the kill, in seconds.
    kinds = {"import": 0.08, "report": 0.03, "publish": 0.03, "edit": 0.03}
    acked, killed, finished, other = [], 0, 0, {}
    for i in range(cycles):
        kind = rnd.choice(sorted(kinds))
        note = None
        if kind == "import":
            args = ["import", "--again", seed]
        elif kind == "report":
            note = "kill-%d" % i
            args = ["report", "1", "--agency", "Sở Tư pháp", "--state", "in_progress",
                    "--note", note]
        elif kind == "publish":
            drafts = q("SELECT MAX(id) FROM plans WHERE status = 'draft'")[0][0]
            args = ["publish", str(drafts or 1)]
        else:
            args = ["edit", "2", "--field", "text", "--value", "sửa lần %d" % i,
                    "--reason", "thử kill -9"]
        p = subprocess.Popen([binary, "--db", db] + args, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        start = time.monotonic()
        while p.poll() is None and not opened(p.pid, db) and time.monotonic() - start < 5:
            time.sleep(0.0005)
        if p.poll() is None:
            time.sleep(rnd.uniform(0, kinds[kind]))
            p.send_signal(signal.SIGKILL)
        err = p.stderr.read().decode("utf-8", "replace")
        p.stderr.close()
        rc = p.wait()
        if rc == -signal.SIGKILL:
            killed += 1
        elif rc == 0:
            finished += 1
            if note:
                acked.append(note)
        else:
            other[kind] = other.get(kind, 0) + 1
            if "already published" not in err and other[kind] <= 2:
                print("# %s exited %d: %s" % (kind, rc, err.strip()[:200]))

    run("plans")  # a clean open after the last kill
    integrity = q("PRAGMA integrity_check")[0][0]
    fk = q("PRAGMA foreign_key_check")
    half = []
    for pid, doc in q("SELECT id, document_id FROM plans"):
        n = q("SELECT COUNT(*) FROM tasks WHERE plan_id = ?", pid)[0][0]
        audit = q("SELECT COUNT(*) FROM audit_log WHERE action = 'import' AND entity = 'plan'"
                  " AND entity_id = ?", pid)[0][0]
        if n not in (sample_tasks, seed_tasks) or audit != 1:
            half.append("plan %d: %d tasks, %d import audit rows" % (pid, n, audit))
    stored = {r[0] for r in q("SELECT note FROM progress_reports WHERE note LIKE 'kill-%'")}
    lost = [n for n in acked if n not in stored]
    nplans = q("SELECT COUNT(*) FROM plans")[0][0]

    def say(good, name, detail=""):
        print(("ok - " if good else "not ok - ") + name)
        if not good and detail:
            print("#   " + detail)

    say(killed >= cycles // 3, "kill -9 loop: a third or more of %d commands killed mid-run" % cycles,
        "only %d killed" % killed)
    say(integrity == "ok" and not fk, "kill -9 loop: integrity_check and foreign keys clean",
        "%s; %d foreign key errors" % (integrity, len(fk)))
    say(not half, "kill -9 loop: no half-plan among %d plans" % nplans, "; ".join(half[:3]))
    say(not lost, "kill -9 loop: every acknowledged report is stored",
        "%d of %d lost: %s" % (len(lost), len(acked), " ".join(lost[:5])))
    print("figures: %d cycles, %d killed, %d finished, %d refused (%s); %d plans; "
          "reports acknowledged %d, present %d" % (
              cycles, killed, finished, sum(other.values()),
              ", ".join("%s %d" % kv for kv in sorted(other.items())) or "none", nplans,
              len(acked), len(stored)))


if __name__ == "__main__":
    main()
