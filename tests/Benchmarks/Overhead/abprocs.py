# Process plumbing shared by the same-run A/B scripts (floor_ab.py, harness_ab.py): the acceptance checks' folder,
# free loopback ports, child processes in their own session (all killed when the script ends), and waiting for a
# server to answer.
import os, sys, time, subprocess, signal, socket, urllib.request, urllib.error, atexit
REPO = os.getcwd()
CHECKS = os.environ.get("CHECKS") or next((p for p in ("../shared/checks", "../../shared/checks") if os.path.exists(p)), "../shared/checks")
procs = []

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def wait(url, secs=120):
    """Seconds until url answers anything but the gateway's 503 "starting" (its start-up warm-up still runs)."""
    t0 = time.time()
    while time.time() - t0 < secs:
        try:
            urllib.request.urlopen(url, timeout=2); return time.time() - t0
        except urllib.error.HTTPError as e:
            if e.code != 503: return time.time() - t0
        except Exception: pass
        time.sleep(0.1)
    raise SystemExit("no answer from " + url)

def spawn(cmd, env, cwd=REPO, log="/dev/null"):
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True)
    procs.append(p); return p

def _cleanup():
    for p in procs:
        try: os.killpg(p.pid, signal.SIGKILL)
        except Exception: pass
atexit.register(_cleanup)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a stopped run takes its processes with it
