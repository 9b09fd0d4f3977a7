#!/usr/bin/env python3
"""Roster's decision endpoint beside Cerbos, in one run (issue 14).

Starts the release `roster` with the demo org of 100,000 members (SQLite,
then PostgreSQL) and Cerbos with the default role matrix as a resource
policy, and asks both the same questions over loopback HTTP with wrk:
single checks of random (member, action, org) triples and batches of 50,
at 1 and at 32 connections. Prints decisions/s, p50 and p99 side by side.

Cerbos is stateless: the caller sends the principal's role and standing.
Roster reads the asking key's owner, the subject's membership and the org
from its database on every call (R9). The matrix Cerbos gets is read from
Roster itself (`/access/v1/search/action` for one member of each role), so
both answer the same questions the same way; the run checks that they
agree on every question of the corpus before it measures.
"""

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROSTER = os.environ.get("ROSTER_BIN", os.path.join(ROOT, "target/release/roster"))
CERBOS = os.path.join(ROOT, ".tools/npm/node_modules/@cerbos/cerbos-linux-x64/cerbos-linux-x64")
MEMBERS = int(os.environ.get("BENCH_MEMBERS", "100000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
# A Lua `response` hook hands every answer's body to Lua: wrk then spends
# CPU on the cores the servers share. wrk counts refused answers without
# it; BENCH_WHY=1 adds the hook to print why they were refused.
WHY = os.environ.get("BENCH_WHY") == "1"
ROLES = ["owner", "admin", "manager", "member", "labeler", "viewer"]
random.seed(14)


def http(method, url, body=None, headers=None, jar=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("content-type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    if jar is not None and jar.get("cookie"):
        req.add_header("cookie", jar["cookie"])
    with urllib.request.urlopen(req, timeout=60) as res:
        if jar is not None and res.headers.get("set-cookie"):
            jar["cookie"] = res.headers["set-cookie"].split(";")[0]
        text = res.read()
        return json.loads(text) if text else None


def wait_up(url, seconds=600):
    end = time.time() + seconds
    while time.time() < end:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(0.5)
    sys.exit(f"{url} did not come up")


def start_roster(database, port):
    env = dict(os.environ, ROSTER_KEY_RATE_LIMIT="100000000", RUST_LOG="warn")
    proc = subprocess.Popen(
        [ROSTER, "serve", "--listen", f"127.0.0.1:{port}", "--database", database,
         "--demo", "--demo-members", str(MEMBERS), "--dist", os.path.join(ROOT, "dist")],
        env=env, stdout=subprocess.DEVNULL, stderr=open(os.path.join(WORK, "roster.log"), "a"))
    base = f"http://127.0.0.1:{port}"
    wait_up(f"{base}/api/v1/health")
    return proc, base


def admin_key(base):
    """The demo Admin's org, a new Admin key, and her session's headers."""
    jar = {}
    me = http("POST", f"{base}/api/v1/auth/login",
              {"email": "admin@demo.roster.test", "password": "roster-demo"}, jar=jar)
    org = me["active_org"] or me["orgs"][0]["id"]
    session = {"x-csrf-token": me["csrf_token"], "cookie": jar["cookie"]}
    key = http("POST", f"{base}/api/v1/orgs/{org}/api-keys", {"name": "bench", "role": "admin"},
               headers={"x-csrf-token": me["csrf_token"]}, jar=jar)
    return org, key["secret"], session


def matrix(base, org, key):
    """Every org action and the roles that may take it, as Roster decides."""
    allowed = {}
    for uid, role in enumerate(ROLES, start=1):
        ans = http("POST", f"{base}/access/v1/search/action",
                   {"subject": {"type": "user", "id": str(uid)},
                    "resource": {"type": "org", "id": str(org)}},
                   headers={"authorization": f"Bearer {key}"})
        names = [r["name"] for r in ans["results"]]
        denied = [d["name"] for d in ans.get("context", {}).get("denied", [])]
        for n in names + denied:
            allowed.setdefault(n, [])
        for n in names:
            allowed[n].append(role)
    return allowed


def cerbos_policy(allowed):
    rules = []
    for action, roles in sorted(allowed.items()):
        if not roles:
            continue
        rules.append(
            "    - actions: [%s]\n      effect: EFFECT_ALLOW\n      roles: [%s]\n"
            "      condition:\n        match:\n          expr: request.principal.attr.status == \"active\"\n"
            % (json.dumps(action), ", ".join(json.dumps(r) for r in roles)))
    return ("apiVersion: api.cerbos.dev/v1\nresourcePolicy:\n  version: default\n"
            "  resource: org\n  rules:\n" + "".join(rules))


def role_of(uid):
    """The demo's roles: named accounts 1–6, then by id (demo.rs)."""
    if uid <= len(ROLES):
        return ROLES[uid - 1], "active"
    role = {0: "manager", 1: "member", 2: "member", 3: "viewer"}.get(uid % 10, "labeler")
    return role, ("suspended" if uid % 25 == 0 else "active")


def corpus(org, actions, n=2000):
    users = [random.randint(1, MEMBERS + len(ROLES)) for _ in range(n)]
    acts = [random.choice(actions) for _ in range(n)]
    return list(zip(users, acts))


def roster_bodies(org, qs, batch):
    if batch == 1:
        return [json.dumps({"subject": {"type": "user", "id": str(u)}, "action": {"name": a},
                            "resource": {"type": "org", "id": str(org)}}) for u, a in qs]
    out = []
    for i in range(0, len(qs) - batch + 1, batch):
        chunk = qs[i:i + batch]
        u = chunk[0][0]
        out.append(json.dumps({"subject": {"type": "user", "id": str(u)},
                               "resource": {"type": "org", "id": str(org)},
                               "evaluations": [{"action": {"name": a}} for _, a in chunk]}))
    return out


def cerbos_bodies(org, qs, batch):
    out = []
    for i in range(0, len(qs) - batch + 1, batch):
        chunk = qs[i:i + batch]
        u = chunk[0][0]
        role, status = role_of(u)
        out.append(json.dumps({
            "requestId": str(i),
            "principal": {"id": str(u), "roles": [role], "attr": {"status": status}},
            "resources": [{"actions": [a], "resource": {"kind": "org", "id": str(org)}}
                          for _, a in chunk]}))
    return out


def lua(path, bodies, headers, out, method="POST", paths=None):
    """A wrk script asking `bodies` in turn (or GETting `paths` in turn)."""
    rotate = paths or bodies
    with open(out, "w") as f:
        f.write("local items = {\n")
        for b in rotate:
            f.write("[==[%s]==],\n" % b)
        f.write("}\nlocal i = math.random(#items)\n")
        f.write("wrk.method = %s\nwrk.path = %s\n" % (json.dumps(method), json.dumps(path)))
        for k, v in headers.items():
            f.write("wrk.headers[%s] = %s\n" % (json.dumps(k), json.dumps(v)))
        call = "nil, items[i], nil, nil" if paths else "nil, nil, nil, items[i]"
        f.write("request = function()\n  i = i %% #items + 1\n"
                "  return wrk.format(%s)\nend\n" % call)
        if not WHY:
            return
        # A refused answer says why on stderr, so a failed run names it.
        f.write("response = function(status, headers, body)\n"
                "  if status >= 300 then io.stderr:write(status .. ' ' .. body:sub(1, 300) .. '\\n') end\nend\n")


def wrk(url, script, conns):
    threads = min(conns, 2)
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(conns), "-d", f"{SECONDS}s",
                          "--latency", "-s", script, url],
                         capture_output=True, text=True, check=True)
    err, out = out.stderr, out.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    pct = {}
    for p, v, unit in re.findall(r"^\s+(50|99)\.000%\s+([\d.]+)(us|ms|s)\b", out, re.M) or \
            re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\b", out, re.M):
        pct[p] = float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        sys.exit(f"{url}: {errors.group(1)} failed answers (server log: {WORK}/roster.log;"
                 f" BENCH_WHY=1 prints why)\n{err[:2000]}\n{out}")
    return rps, pct.get("50"), pct.get("99")


def agree(base, key, org, qs, cerbos):
    """Roster and Cerbos say the same thing on every question."""
    for u, a in qs[:300]:
        r = http("POST", f"{base}/access/v1/evaluation",
                 {"subject": {"type": "user", "id": str(u)}, "action": {"name": a},
                  "resource": {"type": "org", "id": str(org)}},
                 headers={"authorization": f"Bearer {key}"})["decision"]
        role, status = role_of(u)
        c = http("POST", f"{cerbos}/api/check/resources", {
            "requestId": "a", "principal": {"id": str(u), "roles": [role], "attr": {"status": status}},
            "resources": [{"actions": [a], "resource": {"kind": "org", "id": str(org)}}]})
        cd = c["results"][0]["actions"][a] == "EFFECT_ALLOW"
        if r != cd:
            sys.exit(f"disagree on user {u} ({role}, {status}) {a}: Roster {r}, Cerbos {cd}")


def key_cost(base, org, key, session, qs, name):
    """What a Bearer key costs beside a session cookie: the same requests,
    one connection, each way. Rows of (route, auth, req/s, mean, p50)."""
    users = sorted({u for u, _ in qs})
    routes = [
        ("member read", "GET", [f"/api/v1/orgs/{org}/members/{u}" for u in users], None),
        ("single check", "POST", None, roster_bodies(org, qs, 1)),
    ]
    rows = []
    for route, method, paths, bodies in routes:
        for auth, headers in (("session", session), ("Bearer key", {"Authorization": f"Bearer {key}"})):
            s = os.path.join(WORK, f"cost-{len(rows)}.lua")
            path = "/access/v1/evaluation" if bodies else paths[0]
            lua(path, bodies or [], dict(headers, **{"Content-Type": "application/json"}), s,
                method=method, paths=paths)
            rps, p50, _ = wrk(base, s, 1)
            rows.append((name, route, auth, rps, 1000.0 / rps, p50))
    return rows


WORK = tempfile.mkdtemp(prefix="bench-authorize-")


def main():
    work = WORK
    rows, costs = [], []
    cerbos_proc = None
    backends = [("SQLite", f"sqlite://{work}/roster.db")]
    if os.environ.get("BENCH_POSTGRES", "1") == "1":
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc",
                        "DROP DATABASE IF EXISTS roster_bench"], check=True)
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc",
                        "CREATE DATABASE roster_bench"], check=True)
        backends.append(("PostgreSQL", "postgres://postgres@127.0.0.1:5432/roster_bench"))
    try:
        for name, db in backends:
            print(f"starting Roster on {name} with {MEMBERS:,} members …", flush=True)
            proc, base = start_roster(db, 18080)
            try:
                org, key, session = admin_key(base)
                allowed = matrix(base, org, key)
                qs = corpus(org, sorted(allowed))
                if cerbos_proc is None:
                    pdir = os.path.join(work, "policies")
                    os.makedirs(pdir)
                    with open(os.path.join(pdir, "org.yaml"), "w") as f:
                        f.write(cerbos_policy(allowed))
                    conf = os.path.join(work, "cerbos.yaml")
                    with open(conf, "w") as f:
                        f.write("server:\n  httpListenAddr: 127.0.0.1:13592\n  grpcListenAddr: 127.0.0.1:13593\n"
                                "storage:\n  driver: disk\n  disk:\n    directory: %s\n"
                                "audit:\n  enabled: false\n" % pdir)
                    cerbos_proc = subprocess.Popen([CERBOS, "server", f"--config={conf}"],
                                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    wait_up("http://127.0.0.1:13592/_cerbos/health")
                    for batch in (1, 50):
                        s = os.path.join(work, f"cerbos{batch}.lua")
                        lua("/api/check/resources", cerbos_bodies(org, qs, batch),
                            {"Content-Type": "application/json"}, s)
                        for conns in (1, 32):
                            rps, p50, p99 = wrk("http://127.0.0.1:13592", s, conns)
                            rows.append(("Cerbos 0.55", batch, conns, rps * batch, p50, p99))
                agree(base, key, org, qs, "http://127.0.0.1:13592")
                for batch in (1, 50, 100):
                    s = os.path.join(work, f"roster{batch}.lua")
                    path = "/access/v1/evaluation" if batch == 1 else "/access/v1/evaluations"
                    lua(path, roster_bodies(org, qs, batch),
                        {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}, s)
                    for conns in (1, 32):
                        rps, p50, p99 = wrk(base, s, conns)
                        rows.append((f"Roster, {name}", batch, conns, rps * batch, p50, p99))
                costs += key_cost(base, org, key, session, qs, name)
            finally:
                proc.terminate()
                proc.wait()
    finally:
        if cerbos_proc:
            cerbos_proc.terminate()
    print()
    print("| engine | batch | connections | decisions/s | p50 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for engine, batch, conns, dps, p50, p99 in rows:
        print(f"| {engine} | {batch} | {conns} | {dps:,.0f} | {p50:.2f} | {p99:.2f} |")
    print()
    print("| database | route | caller | requests/s | mean ms | p50 ms |")
    print("|---|---|---|---:|---:|---:|")
    for db, route, auth, rps, mean, p50 in costs:
        print(f"| {db} | {route} | {auth} | {rps:,.0f} | {mean:.3f} | {p50:.3f} |")


if __name__ == "__main__":
    main()
