#!/usr/bin/env bash
# CI: how soon a push has its job's container running, against the container engine starting
# the same image alone (create + start through its API) in the same run; then one running job
# watched live by VIEWERS browsers at once (Server-Sent Events): lines delivered, their delay,
# the server's CPU and RSS.
#
# Needs a Docker-API engine: DOCKER_HOST, or `../shared/tools/container-engine up` (its
# socket is used when DOCKER_HOST is unset). PUSHES sets the pushes (default 20).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PUSHES=${PUSHES:-20}
VIEWERS=${VIEWERS:-500}
IMAGE=${ACTIONS_IMAGE:-localhost/skyscape/busybox:latest}
export DOCKER_HOST=${DOCKER_HOST:-unix:///run/skyscape-engine/docker.sock}
SOCKET=${DOCKER_HOST#unix://}
if ! curl -sf --unix-socket "$SOCKET" http://engine/version >/dev/null; then
  echo "### CI: skipped (no container engine at $DOCKER_HOST; run ../shared/tools/container-engine up)"
  exit 0
fi
export GIT_CONFIG_NOSYSTEM=1 HOME=$WORK GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com \
  GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com
export ACTIONS_IMAGE=$IMAGE
start_workspace
token=$(ws_token bench "bench password")
curl -s -o /dev/null -H "Authorization: token $token" -H 'Content-Type: application/json' \
  -d '{"name":"ci","private":false}' "$WS_URL/api/v1/user/repos"
git init -qb main "$WORK/wc"
mkdir -p "$WORK/wc/.github/workflows"
cat >"$WORK/wc/.github/workflows/ci.yml" <<'YML'
on: push
jobs:
  build:
    runs-on: linux
    steps:
      - uses: actions/checkout@v4
      - run: cat README.md
YML
echo hello >"$WORK/wc/README.md"
git -C "$WORK/wc" add -A
git -C "$WORK/wc" commit -qm ci
git -C "$WORK/wc" push -q "http://bench:$token@${WS_URL#http://}/bench/ci.git" main

# Watching the engine's own start events gives "running" on the engine's clock for both.
python3 - "$SOCKET" "$WS_URL" "$token" "$WORK/wc" "$PUSHES" "$IMAGE" <<'PY' >"$WORK/startup"
import http.client, json, socket, subprocess, sys, threading, time, urllib.parse
sock_path, ws_url, token, wc, pushes, image = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6]

class Unix(http.client.HTTPConnection):
    def __init__(self): super().__init__("engine", timeout=120)
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX); self.sock.connect(sock_path)

starts, lock = [], threading.Condition()
def follow():
    c = Unix(); c.request("GET", "/v1.41/events?filters=" + urllib.parse.quote(json.dumps({"type": ["container"], "event": ["start"]})))
    r = c.getresponse()
    buf = b""
    while True:
        chunk = r.read1(65536)
        if not chunk: return
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            try: e = json.loads(line)
            except ValueError: continue
            with lock:
                starts.append(e.get("timeNano", e.get("time", 0) * 10**9) / 1e9); lock.notify_all()
threading.Thread(target=follow, daemon=True).start()
time.sleep(0.5)

def wait_start(before):
    with lock:
        lock.wait_for(lambda: any(t >= before for t in starts), timeout=60)
        return min(t for t in starts if t >= before)

def api(method, path, body=None):
    c = Unix(); c.request(method, "/v1.41" + path, body=json.dumps(body) if body is not None else None,
                          headers={"Content-Type": "application/json"})
    r = c.getresponse(); data = r.read(); return r.status, data

ours, engine, push_returned, after_push = [], [], [], []
url = ws_url.replace("http://", "http://bench:" + token + "@") + "/bench/ci.git"
for i in range(pushes):
    with open(wc + "/README.md", "w") as f: f.write("push %d\n" % i)
    subprocess.run(["git", "-C", wc, "commit", "-qam", "push %d" % i], check=True)
    t0 = time.time()
    subprocess.run(["git", "-C", wc, "push", "-q", url, "main"], check=True)
    returned = time.time()
    push_returned.append(returned - t0)
    running = wait_start(t0)
    ours.append(running - t0)
    after_push.append(running - returned)
    time.sleep(1.5)  # the job ends and its container goes before the next push
    # The engine alone: create and start the same image, nothing else.
    t0 = time.time()
    status, data = api("POST", "/containers/create", {"Image": image, "Cmd": ["true"], "HostConfig": {"NetworkMode": "none"}})
    cid = json.loads(data)["Id"]
    api("POST", "/containers/%s/start" % cid)
    engine.append(wait_start(t0) - t0)
    api("DELETE", "/containers/%s?force=true" % cid)

def pct(values, p):
    s = sorted(values); return s[min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))]
for name, values in (("ours", ours), ("engine", engine), ("push", push_returned), ("after", after_push)):
    print(name, "%.0f %.0f" % (pct(values, 50) * 1000, pct(values, 95) * 1000))
PY
read -r _ ours50 ours95 < <(grep '^ours' "$WORK/startup")
read -r _ eng50 eng95 < <(grep '^engine' "$WORK/startup")
read -r _ push50 push95 < <(grep '^push' "$WORK/startup")
read -r _ after50 after95 < <(grep '^after' "$WORK/startup")

echo "### CI: push → job container running ($PUSHES pushes), workspace $(git -C "$(dirname "$0")/.." rev-parse --short HEAD), $(curl -s --unix-socket "$SOCKET" http://engine/version | python3 -c 'import json,sys; print(json.load(sys.stdin)["Version"])') engine"
echo
echo "| | p50 | p95 |"
echo "|---|---|---|"
echo "| git push returns | $push50 ms | $push95 ms |"
echo "| push → job container running (workspace) | $ours50 ms | $ours95 ms |"
echo "| push returned → job container running | $after50 ms | $after95 ms |"
echo "| create + start alone (the engine) | $eng50 ms | $eng95 ms |"
echo "| our overhead above the engine | $((ours50 - eng50)) ms | $((ours95 - eng95)) ms |"

# Live logs: one job printing a line every 100 ms for 30 s, VIEWERS event streams on it.
cat >"$WORK/wc/.github/workflows/ci.yml" <<'YML'
on: push
jobs:
  talk:
    runs-on: linux
    steps:
      - run: for i in $(seq 1 300); do echo "line $i"; sleep 0.1; done
YML
git -C "$WORK/wc" commit -qam talk
git -C "$WORK/wc" push -q "http://bench:$token@${WS_URL#http://}/bench/ci.git" main
run_id=""
until [ -n "$run_id" ]; do
  run_id=$(curl -s -H "Authorization: token $token" "$WS_URL/api/v1/repos/bench/ci/actions/runs?status=in_progress" |
    python3 -c 'import json,sys; r=json.load(sys.stdin)["workflow_runs"]; print(r[0]["id"] if r else "")')
  sleep 0.1
done
ulimit -n 4096 2>/dev/null || true
python3 - "$WS_URL" "$run_id" "$VIEWERS" "$WS_PID" <<'PY' >"$WORK/live"
import asyncio, calendar, json, os, sys, time
url, run_id, viewers, pid = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
host, port = url.replace("http://", "").split(":")
tick = os.sysconf("SC_CLK_TCK")
def cpu():
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick
def rss():
    return int([l for l in open("/proc/%d/status" % pid) if l.startswith("VmRSS")][0].split()[1]) // 1024
lines, delays = [0] * viewers, []
async def view(i, until):
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(("GET /bench/ci/actions/runs/%s/events HTTP/1.1\r\nHost: x\r\n\r\n" % run_id).encode())
    await writer.drain()
    while time.time() < until:
        try: line = await asyncio.wait_for(reader.readline(), timeout=max(0.1, until - time.time()))
        except asyncio.TimeoutError: break
        if not line: break
        if line.startswith(b"data: {\"at\""):
            now = time.time()
            # Each line carries the time the server read it from the job: datetime=\"…Z\".
            for part in line.split(b"datetime=\\\"")[1:]:
                stamp = part[:23].decode()
                sent = calendar.timegm(time.strptime(stamp[:19], "%Y-%m-%dT%H:%M:%S")) + int(stamp[20:23]) / 1000
                lines[i] += 1
                if i % 10 == 0: delays.append((now - sent) * 1000)
    writer.close()
async def main():
    until = time.time() + 20
    c0, t0 = cpu(), time.time()
    await asyncio.gather(*(view(i, until) for i in range(viewers)))
    print("cpu %.0f" % ((cpu() - c0) / (time.time() - t0) * 100))
    print("rss %d" % rss())
    s = sorted(lines); d = sorted(delays) or [0]
    print("lines %d %d" % (s[0], s[len(s) // 2]))
    print("delay %.0f %.0f" % (d[len(d) // 2], d[int(len(d) * 0.95)]))
asyncio.run(main())
PY
read -r _ cpu < <(grep '^cpu' "$WORK/live")
read -r _ rss < <(grep '^rss' "$WORK/live")
read -r _ min_lines median_lines < <(grep '^lines' "$WORK/live")
read -r _ delay50 delay95 < <(grep '^delay' "$WORK/live")
echo
echo "### CI: one running job watched live by $VIEWERS event streams for 20 s (a line every 100 ms)"
echo
echo "| lines per viewer (min / median) | line delay p50 / p95 | server CPU | server RSS |"
echo "|---|---|---|---|"
echo "| $min_lines / $median_lines | $delay50 ms / $delay95 ms | $cpu% of a core | $rss MB |"
