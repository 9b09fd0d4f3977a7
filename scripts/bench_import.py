#!/usr/bin/env python3
"""Bulk import at 50,000 rows (issue 11), on SQLite and PostgreSQL.

Starts the release `roster` with the demo org (BENCH_MEMBERS members,
default 10,000) and, as its Admin, previews a file of BENCH_ROWS rows
(default 50,000: new people, a few existing members, duplicates and bad
rows) three times, then commits it (invitation mail queued at the org's
pace) and polls the job until it is done. Prints the preview's median and
the commit's time from request to `done`. A benchmark, not a test.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROSTER = os.environ.get("ROSTER_BIN", os.path.join(ROOT, "target/release/roster"))
MEMBERS = int(os.environ.get("BENCH_MEMBERS", "10000"))
ROWS = int(os.environ.get("BENCH_ROWS", "50000"))
WORK = tempfile.mkdtemp(prefix="bench-import-")


def call(method, url, body=None, headers=None, jar=None, raw=False):
    data = body if raw else (None if body is None else json.dumps(body).encode())
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("content-type", "text/csv" if raw else "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    if jar.get("cookie"):
        req.add_header("cookie", jar["cookie"])
    with urllib.request.urlopen(req, timeout=600) as res:
        if res.headers.get("set-cookie"):
            jar["cookie"] = res.headers["set-cookie"].split(";")[0]
        text = res.read()
        return json.loads(text) if text else None


def start(database, port):
    proc = subprocess.Popen(
        [ROSTER, "serve", "--listen", f"127.0.0.1:{port}", "--database", database,
         "--demo", "--demo-members", str(MEMBERS), "--dist", os.path.join(ROOT, "dist")],
        env=dict(os.environ, RUST_LOG="warn"), stdout=subprocess.DEVNULL,
        stderr=open(os.path.join(WORK, "roster.log"), "a"))
    base = f"http://127.0.0.1:{port}"
    for _ in range(1200):
        try:
            urllib.request.urlopen(f"{base}/api/v1/health", timeout=2)
            return proc, base
        except Exception:
            time.sleep(0.5)
    sys.exit("roster did not come up")


def the_file():
    lines = ["email,name,role,groups,projects,message"]
    for i in range(ROWS):
        if i % 1000 == 1:
            lines.append("not-an-address,,labeler,,,")
        elif i % 1000 == 2:
            lines.append(f"p{i - 1}@import.example,,labeler,,,")  # a duplicate
        elif i % 500 == 3:
            lines.append(f"member{i}@demo.example,,labeler,,,")
        else:
            lines.append(f"p{i}@import.example,Person {i},Labeler,,,Welcome")
    return ("\n".join(lines) + "\n").encode()


def run(name, database):
    proc, base = start(database, 18090)
    try:
        jar = {}
        me = call("POST", f"{base}/api/v1/auth/login",
                  {"email": "admin@demo.roster.test", "password": "roster-demo"}, jar=jar)
        org = me["active_org"] or me["orgs"][0]["id"]
        h = {"x-csrf-token": me["csrf_token"]}
        file = the_file()
        times, plan = [], None
        for _ in range(3):
            t = time.perf_counter()
            plan = call("POST", f"{base}/api/v1/orgs/{org}/import/preview?existing=skip", file, h, jar, raw=True)
            times.append(time.perf_counter() - t)
        t = time.perf_counter()
        job = call("POST", f"{base}/api/v1/orgs/{org}/import/commit?plan_id={plan['plan_id']}&skip_invalid=true",
                   file, dict(h, **{"idempotency-key": f"bench-{name}"}), jar, raw=True)
        while job["state"] == "running":
            time.sleep(0.2)
            job = call("GET", f"{base}/api/v1/orgs/{org}/import/jobs/{job['id']}", jar=jar)
        commit = time.perf_counter() - t
        if job["state"] != "done":
            sys.exit(f"{name}: the import failed: {job.get('error')}")
        totals = ", ".join(f"{v:,} {k}" for k, v in sorted(plan["totals"].items()))
        return name, statistics.median(times), commit, len(file), totals
    finally:
        proc.terminate()
        proc.wait()


def main():
    backends = [("SQLite", f"sqlite://{WORK}/roster.db")]
    if os.environ.get("BENCH_POSTGRES", "1") == "1":
        for sql in ["DROP DATABASE IF EXISTS roster_import_bench", "CREATE DATABASE roster_import_bench"]:
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)
        backends.append(("PostgreSQL", "postgres://postgres@127.0.0.1:5432/roster_import_bench"))
    results = [run(n, d) for n, d in backends]
    print(f"\n{ROWS:,} rows into an org of {MEMBERS:,} members")
    print(f"{'backend':<12} {'preview (median of 3)':>22} {'commit to done':>16}  file, outcomes")
    for name, preview, commit, size, totals in results:
        print(f"{name:<12} {preview:>20.2f} s {commit:>14.2f} s  {size / 1e6:.1f} MB, {totals}")


if __name__ == "__main__":
    main()
