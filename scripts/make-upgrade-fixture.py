#!/usr/bin/env python3
"""Makes the upgrade fixtures of one release (crates/app/tests/fixtures/upgrade/<TAG>/).

Run it with the `doingoai` binary built from the release's commit, before the next
release changes the schema (crates/store/migrations/README.md, "Upgrade fixtures"):

    git worktree add /tmp/rel <commit> && (cd /tmp/rel && cargo build -p cli --no-default-features)
    python3 scripts/make-upgrade-fixture.py --binary /tmp/rel/target/debug/doingoai \
        --seeds ../shared/seeds --pg postgres://postgres@127.0.0.1:55432 --tag <commit>

For each backend it starts `doingoai serve --demo` on a fresh database, then walks a plan
through the ordinary actions an office does during a year, through the release's own JSON
API (submit, issue with a signed file, amend; a section edited, a task added, progress
recorded), stops the server, and keeps:

- `demo.sqlite.gz` — the SQLite file (checkpointed on shutdown), gzip'd;
- `postgres.sql.gz` — `pg_dump --inserts` of the PostgreSQL database, gzip'd;
- `expected.json` — what the release's database holds, per plan: commune, year, title,
  status, version, tasks, occurrences, done occurrences, sum of percentages, progress
  updates; and, from releases with the registers, the live entries per commune and
  register; read with SQL from the SQLite file (the PostgreSQL one is checked to agree).

The upgrade test opens each fixture with today's binary, which migrates it, and checks that
the application shows the same plans, tasks and progress.

What each release's API needs is read from the release rather than assumed:

- the lifecycle starts where the release's demo left the first commune's plan (its status
  from `GET /api/v1/plans/{id}`): submit, issue and amend are each done once, in lifecycle
  order, beginning with the step that status allows. From a draft (cfce865's demo) that is
  submit, issue, amend; from an issued plan (44751af's demo issues two communes' plans) it
  is amend, then submit and issue of the new version, which each status answer names;
- a section is edited from the version `GET /api/v1/plans/{id}` gives it, when the release
  keeps one (44751af: a stale one is a 409);
- every state-changing call carries an `Idempotency-Key` (44751af honours it; earlier
  releases ignore the header);
- a refused call stops the script with the release's answer (its Vietnamese `message`,
  `field`, `detail`).

The script was changed for 44751af and not run again against cfce865 (its fixture is kept
as made); by reading the release's code, cfce865's API can still be driven by it.
"""

import argparse
import base64
import gzip
import http.cookiejar
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

PLAN_FACTS = """
SELECT p.id, c.name, p.year, p.title, p.status, p.version,
 (SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id AND t.deleted_at IS NULL),
 (SELECT COUNT(*) FROM occurrences o JOIN tasks t ON t.id = o.task_id
   WHERE t.plan_id = p.id AND t.deleted_at IS NULL),
 (SELECT COUNT(*) FROM occurrences o JOIN tasks t ON t.id = o.task_id
   WHERE t.plan_id = p.id AND t.deleted_at IS NULL AND o.status = 'done'),
 (SELECT COALESCE(SUM(o.percent), 0) FROM occurrences o JOIN tasks t ON t.id = o.task_id
   WHERE t.plan_id = p.id AND t.deleted_at IS NULL),
 (SELECT COUNT(*) FROM progress_updates u JOIN occurrences o ON o.id = u.occurrence_id
   JOIN tasks t ON t.id = o.task_id WHERE t.plan_id = p.id AND t.deleted_at IS NULL)
FROM plans p JOIN communes c ON c.id = p.commune_id
WHERE p.deleted_at IS NULL ORDER BY p.id
"""
FIELDS = ["id", "commune", "year", "title", "status", "version", "tasks", "occurrences",
          "done", "percent_sum", "updates"]

# Releases with the registers (0010): the live entries per commune and register.
REGISTER_FACTS = """
SELECT c.id, c.name, e.register, COUNT(*) FROM register_entries e
JOIN communes c ON c.id = e.commune_id WHERE e.deleted_at IS NULL
GROUP BY c.id, c.name, e.register ORDER BY c.id, e.register
"""
REGISTER_FIELDS = ["commune_id", "commune", "register", "entries"]

# A one-page PDF: enough for "the signed file is a PDF".
SIGNED_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
              b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


class Server:
    def __init__(self, binary, args):
        self.proc = subprocess.Popen([binary, "serve", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        self.password = None
        self.lines = []
        for line in self.proc.stdout:
            self.lines.append(line)
            m = re.search(r"password: (\S+)\)", line)
            if m:
                self.password = m.group(1)
            m = re.search(r"serving at (http://\S+)", line)
            if m:
                self.base = m.group(1)
                return
        raise SystemExit("server did not start:\n" + "".join(self.lines))

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=60)


class Api:
    """A signed-in user's API token, made on the release's account page."""

    def __init__(self, base, username, password):
        self.base = base
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar),
                                             NoRedirect())
        form = urllib.parse.urlencode({"username": username, "password": password}).encode()
        try:
            opener.open(base + "/login", form)
        except urllib.error.HTTPError as e:
            if e.code != 303:
                raise
        page = opener.open(base + "/account/password").read().decode()
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        page = opener.open(base + "/account/tokens",
                           urllib.parse.urlencode({"csrf": csrf}).encode()).read().decode()
        self.token = re.search(r"<code>([^<]+)</code>", page).group(1)

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        headers = {"Authorization": "Bearer " + self.token, "Content-Type": "application/json"}
        if method != "GET":
            # Releases that honour it replay a repeated call instead of writing it twice.
            headers["Idempotency-Key"] = "upgrade-fixture-" + uuid.uuid4().hex
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers=headers)
        try:
            with urllib.request.urlopen(req) as r:
                return json.loads(r.read().decode() or "null")
        except urllib.error.HTTPError as e:
            answer = e.read().decode(errors="replace")
            sent = "" if body is None else " " + json.dumps(body, ensure_ascii=False)[:300]
            raise SystemExit(f"{method} {path}{sent}\n  answered HTTP {e.code}: {answer}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# The lifecycle: the status a step applies to, the step, and who takes it.
STEPS = [("draft", "submit", "office"), ("submitted", "issue", "leader"),
         ("issued", "amend", "leader")]


def step_body(action):
    if action == "issue":
        return {"action": "issue", "number": "15/KH-UBND", "issued_on": "2026-01-20",
                "signed_file": {"name": "ke-hoach-da-ky.pdf",
                                "content_base64": base64.b64encode(SIGNED_PDF).decode()}}
    return {"action": action}


def lifecycle(office, leader, plan):
    """Submit, issue (with a signed file) and amend, each once, in lifecycle order from the
    plan's status in the release's demo; each step's answer names the plan to go on with
    (the new version after an amendment)."""
    status = office.call("GET", f"/api/v1/plans/{plan}")["plan"]["status"]
    start = [s for s, _, _ in STEPS].index(status)  # an amended plan has no next step
    for _, action, who in STEPS[start:] + STEPS[:start]:
        api = office if who == "office" else leader
        plan = api.call("POST", f"/api/v1/plans/{plan}/status", step_body(action))["plan"]["id"]


def year_of_actions(base, password):
    """The ordinary actions of a year on the demo's first two communes."""
    office = Api(base, "vanphong1", password)
    leader = Api(base, "lanhdao1", password)
    plans = office.call("GET", "/api/v1/plans")
    plan = plans[0]["id"]
    tasks = office.call("GET", f"/api/v1/tasks?plan={plan}&limit=5")["tasks"]
    # Progress on the first task with an occurrence, before the plan moves on.
    for t in tasks:
        detail = office.call("GET", f"/api/v1/tasks/{t['id']}")
        if detail["occurrences"]:
            occ = detail["occurrences"][0]["id"]
            office.call("POST", f"/api/v1/tasks/{t['id']}/progress",
                        {"occurrence_id": occ, "status": "done", "percent": 100,
                         "note": "Đã hoàn thành (dữ liệu kiểm thử nâng cấp)."})
            break
    lifecycle(office, leader, plan)
    # Commune 2: a section edited and a task added to its draft.
    office2 = Api(base, "vanphong2", password)
    plan2 = office2.call("GET", "/api/v1/plans")[0]["id"]
    sections = office2.call("GET", f"/api/v1/plans/{plan2}")["sections"]
    s = sections[0]
    edit = {"label": s["label"], "title": s["title"] + " (đã sửa)", "body": s["body"]}
    if "version" in s:
        edit["version"] = s["version"]  # the version the edit was made from
    office2.call("PUT", f"/api/v1/plans/{plan2}/sections/{s['id']}", edit)
    office2.call("POST", f"/api/v1/plans/{plan2}/tasks",
                 {"text": "Tổ chức tập huấn nghiệp vụ đối ngoại cho cán bộ xã.",
                  "timeframe": "Quý III/2026"})


def has_registers_sqlite(c):
    return c.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'register_entries'"
                     ).fetchone()[0] == 1


def facts_sqlite(path):
    c = sqlite3.connect(path)
    facts = {"plans": [dict(zip(FIELDS, r)) for r in c.execute(PLAN_FACTS)]}
    if has_registers_sqlite(c):
        facts["registers"] = [dict(zip(REGISTER_FIELDS, r)) for r in c.execute(REGISTER_FACTS)]
    return facts


def pg_rows(url, sql, fields, texts):
    out = subprocess.run(["psql", url, "-At", "-F", "\t", "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.strip().splitlines():
        cells = line.split("\t")
        row = dict(zip(fields, cells))
        for k in fields:
            if k not in texts:
                row[k] = int(row[k])
        rows.append(row)
    return rows


def facts_pg(url):
    facts = {"plans": pg_rows(url, PLAN_FACTS, FIELDS, ("commune", "title", "status"))}
    has = subprocess.run(["psql", url, "-At", "-c", "SELECT to_regclass('register_entries')"],
                         check=True, capture_output=True, text=True).stdout.strip()
    if has:
        facts["registers"] = pg_rows(url, REGISTER_FACTS, REGISTER_FIELDS,
                                     ("commune", "register"))
    return facts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--seeds", required=True)
    ap.add_argument("--pg", required=True, help="postgres://USER@HOST:PORT (a server)")
    ap.add_argument("--tag", required=True)
    ap.add_argument("--out", default="crates/app/tests/fixtures/upgrade")
    a = ap.parse_args()
    out = os.path.join(a.out, a.tag)
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp()

    srv = Server(a.binary, ["--demo", "--data", work, "--addr", "127.0.0.1:0",
                            "--seeds", a.seeds])
    year_of_actions(srv.base, srv.password)
    srv.stop()
    db = os.path.join(work, "demo.sqlite")
    with open(db, "rb") as f, gzip.open(os.path.join(out, "demo.sqlite.gz"), "wb", 9) as g:
        shutil.copyfileobj(f, g)
    expected = facts_sqlite(db)

    name = "upgrade_" + re.sub(r"\W", "_", a.tag)
    subprocess.run(["psql", a.pg + "/postgres", "-c", f"DROP DATABASE IF EXISTS {name}"],
                   check=True)
    subprocess.run(["psql", a.pg + "/postgres", "-c", f"CREATE DATABASE {name}"], check=True)
    url = f"{a.pg}/{name}"
    srv = Server(a.binary, ["--demo", "--db", url, "--addr", "127.0.0.1:0",
                            "--seeds", a.seeds])
    year_of_actions(srv.base, srv.password)
    srv.stop()
    dump = subprocess.run(["pg_dump", url, "--inserts", "--no-owner", "--no-privileges"],
                          check=True, capture_output=True).stdout
    with gzip.open(os.path.join(out, "postgres.sql.gz"), "wb", 9) as g:
        g.write(dump)
    pg = facts_pg(url)
    if pg != expected:
        raise SystemExit(f"the two backends disagree:\n{pg}\n{expected}")
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({"release": a.tag, **expected}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(json.dumps(expected, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
