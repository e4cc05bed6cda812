#!/usr/bin/env python3
# Same-run A/B of gateway builds measured the way the acceptance overhead harness measures: for each build in turn a
# fresh gateway process (waited for until /healthz answers 200, i.e. after its start-up warm-up), the harness's 200
# memories for user "perf", 100 calls then 600 measured, each interleaved with the same call straight to the node fake
# upstream; prints the added p50/p99, the added p50 per 100 measured calls and how long the process took to be healthy.
# Run from the project root:
#   python3 tests/Benchmarks/Overhead/harness_ab.py MODE name=BUILD_DIR[:ENV=VALUE,...] [name=BUILD_DIR...]
# MODE: default (the default embedder) | hash | pure (no user). BUILD_DIR holds Gateway.dll (copy each build's
# Gateway/bin/Release/net10.0 aside first). EXTRA=N measures N more calls per build (per-100 figures only).
import os, sys, time, json, http.client, statistics, signal, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from abprocs import CHECKS, procs, free_port, wait, spawn
mode = sys.argv[1]; EXTRA = int(os.environ.get("EXTRA", "0")); builds = [a.split("=", 1) for a in sys.argv[2:]]
builds = [(n, d.split(":")[0], dict(kv.split("=",1) for kv in d.split(":")[1].split(",")) if ":" in d else {}) for n, d in builds]
up_port = free_port()
spawn(["node", os.path.join(CHECKS, "fake_upstream.js")], dict(os.environ, PORT=str(up_port), DELAY_MS="0", CHUNK_MS="2"))
up = f"http://127.0.0.1:{up_port}"; time.sleep(1)
def conn(port): return http.client.HTTPConnection("127.0.0.1", port, timeout=30)
def once(c, i, user):
    b = {"model": "fake-model", "messages": [{"role": "user", "content": f"What do I like about subject {i} and topic {i * 13 % 1000}? [[reply:You like many topics.]]"}]}
    if user: b["user"] = user
    t0 = time.perf_counter(); c.request("POST", "/v1/chat/completions", json.dumps(b), {"content-type": "application/json"})
    r = c.getresponse(); r.read()
    if r.status != 200: raise SystemExit(f"status {r.status}")
    return time.perf_counter() - t0
res = {}
for name, d, extra in builds:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if "__" not in k}
    env.update({"Upstream__BaseUrl": up + "/v1", "Upstream__ApiKey": "sk-checks", "Storage__Directory": tempfile.mkdtemp(prefix="abh-"),
                "ASPNETCORE_ENVIRONMENT": "Production", "DOTNET_NOLOGO": "1"})
    if mode != "default": env["Memory__Embedder"] = "hash"
    env.update(extra)
    t0 = time.time()
    spawn(["dotnet", d + "/Gateway.dll", "--urls", f"http://127.0.0.1:{port}"], env, log=os.path.join(tempfile.gettempdir(), f"harness-ab-{name}.log"))
    wait(f"http://127.0.0.1:{port}/healthz")
    start_s = time.time() - t0
    mems = [{"text": f"Perf user fact {i}: likes topic {i} and subject {i*7 % 97}.", "context": "chat", "confidence": 0.8} for i in range(200)]
    c = conn(port); c.request("POST", "/v1/users/perf/memories", json.dumps({"memories": mems}), {"content-type": "application/json"}); r = c.getresponse(); r.read()
    cu, cg = conn(up_port), conn(port)
    user = None if mode == "pure" else "perf"
    for i in range(100): once(cu, i, user); once(cg, i, user)
    du, dg = [], []
    for i in range(100, 700 + EXTRA): du.append(once(cu, i, user)); dg.append(once(cg, i, user))
    q = lambda xs, p: sorted(xs)[int(p * (len(xs) - 1))]
    blocks = [round((statistics.median(dg[k:k+100]) - statistics.median(du[k:k+100])) * 1000, 2) for k in range(0, 600 + EXTRA, 100)]
    print(name, "per 100 calls:", blocks, flush=True)
    dg0, du0 = dg, du; dg, du = dg[:600], du[:600]
    res[name] = ((statistics.median(dg) - statistics.median(du)) * 1000, (q(dg, .99) - q(du, .99)) * 1000, statistics.median(du) * 1000, start_s)
    os.killpg(procs[-1].pid, signal.SIGKILL)
la = open("/proc/loadavg").read().split()[:3]
print(mode, " ".join(f"{n}: {a:.2f}/{b:.2f} (direct {c:.2f}, healthy after {s:.1f} s)" for n, (a, b, c, s) in res.items()), "load", *la)
