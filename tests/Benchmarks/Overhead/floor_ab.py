#!/usr/bin/env python3
# Same-run A/B of gateway builds on the pure proxy path, the way the acceptance harness measures it: its node fake
# upstream, one python keep-alive client, a new question each call; the direct call, the minimal forwarding proxy
# (`overhead floor-server`, needs a Release build of tests/Benchmarks) and each gateway build as its own process,
# interleaved in rotating order; per round the p50s, what each adds over the direct call (p50/p99) and each
# process's CPU time per call. Run from the project root:
#   python3 tests/Benchmarks/Overhead/floor_ab.py CALLS ROUNDS name=BUILD_DIR[:ENV=VALUE,...] [name=BUILD_DIR...]
# (BUILD_DIR holds Gateway.dll, e.g. a copy of Gateway/bin/Release/net10.0; FLOOR=0 leaves the floor out;
# CHECKS points at the acceptance checks' folder, default ../shared/checks or ../../shared/checks.)
# USER_ID=perf measures the personalized path the way the harness does: the harness's 200 memories are written for that
# user into each gateway first, and every call carries `user` (the direct call and the floor get the same body). A build's
# own USER_ID (name=DIR:USER_ID=perf, or USER_ID= for none) overrides it, so a pure proxy and a personalized gateway can
# run side by side.
import os, sys, time, json, http.client, statistics, signal, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from abprocs import REPO, CHECKS, procs, free_port, wait, spawn

USER = os.environ.get("USER_ID")
calls = int(sys.argv[1]); rounds = int(sys.argv[2])
builds = [a.split("=", 1) for a in sys.argv[3:]]
builds = [(n, d.split(":")[0], dict(kv.split("=",1) for kv in d.split(":")[1].split(",")) if ":" in d else {}) for n, d in builds]
up_port = free_port()
spawn(["node", os.path.join(CHECKS, "fake_upstream.js")], dict(os.environ, PORT=str(up_port), DELAY_MS="0", CHUNK_MS="2"))
up = f"http://127.0.0.1:{up_port}"
wait(up + "/v1/models")
targets = [("direct", up)]
pids = {}
if os.environ.get("FLOOR", "1") == "1":
    fp = free_port()
    spawn(["dotnet", REPO + "/tests/Benchmarks/bin/Release/net10.0/Benchmarks.dll", "overhead", "floor-server", up + "/v1", f"http://127.0.0.1:{fp}"], dict(os.environ))
    wait(f"http://127.0.0.1:{fp}/x")
    targets.append(("floor", f"http://127.0.0.1:{fp}"))
    pids["floor"] = procs[-1].pid
users = {}
for name, d, extra in builds:
    users[name] = extra.pop("USER_ID", USER) or None
    port = free_port()
    env = {k: v for k, v in os.environ.items() if "__" not in k}
    env.update({"Upstream__BaseUrl": up + "/v1", "Upstream__ApiKey": "sk-checks", "Storage__Directory": tempfile.mkdtemp(prefix="ab-"),
                "ASPNETCORE_ENVIRONMENT": "Production", "DOTNET_NOLOGO": "1", "Memory__Embedder": "hash"})
    env.update(extra)
    spawn(["dotnet", d + "/Gateway.dll", "--urls", f"http://127.0.0.1:{port}"], env, log=os.path.join(tempfile.gettempdir(), f"floor-ab-{name}.log"))
    wait(f"http://127.0.0.1:{port}/healthz")
    if users[name]:
        mems = [{"text": f"Perf user fact {i}: likes topic {i} and subject {i*7 % 97}.", "context": "chat", "confidence": 0.8} for i in range(200)]
        req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/users/{users[name]}/memories", data=json.dumps({"memories": mems}).encode(),
                                     method="POST", headers={"content-type": "application/json"})
        urllib.request.urlopen(req, timeout=120).read()
    targets.append((name, f"http://127.0.0.1:{port}"))
    pids[name] = procs[-1].pid
conns = {n: http.client.HTTPConnection("127.0.0.1", int(u.rsplit(":", 1)[1]), timeout=30) for n, u in targets}
def cpu(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
def once(c, i, user):
    b = {"model": "fake-model", "messages": [{"role": "user", "content": f"What do I like about subject {i} and topic {i * 13 % 1000}? [[reply:You like many topics.]]"}]}
    if user: b["user"] = user
    body = json.dumps(b)
    t0 = time.perf_counter()
    c.request("POST", "/v1/chat/completions", body, {"content-type": "application/json"})
    r = c.getresponse(); r.read()
    if r.status != 200: raise SystemExit(f"status {r.status}")
    return time.perf_counter() - t0
if os.environ.get("PROFILE"):
    print("pids", [p.pid for p in procs], flush=True)
q = lambda xs, p: sorted(xs)[int(p * (len(xs) - 1))]
print(os.popen("uptime").read().strip())
names = [n for n, _ in targets]
print("| round | " + " | ".join(f"{n} p50" for n in names) + " | " + " | ".join(f"{n} adds p50/p99" for n in names[1:]) + " |")
qi = 0
for rnd in range(rounds):
    ts = {n: [] for n in names}
    cpu0 = {n: cpu(p) for n, p in pids.items()}
    for i in range(calls + (100 if rnd == 0 else 0)):
        qi += 1
        for k in range(len(targets)):
            n = names[(i + k) % len(names)]
            t = once(conns[n], qi, users.get(n, USER))
            if rnd > 0 or i >= 100: ts[n].append(t * 1000)
    d50, d99 = statistics.median(ts["direct"]), q(ts["direct"], .99)
    print(f"| {rnd+1} | " + " | ".join(f"{statistics.median(ts[n]):.3f}" for n in names) + " | " +
          " | ".join(f"{statistics.median(ts[n]) - d50:.3f}/{q(ts[n], .99) - d99:.2f}" for n in names[1:]) + " | cpu ms/req " +
          " ".join(f"{n}={(cpu(p) - cpu0[n]) * 1000 / len(ts[n]):.3f}" for n, p in pids.items()), flush=True)
print(os.popen("uptime").read().strip())
