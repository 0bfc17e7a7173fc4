# Helpers shared by the benchmark scripts: start build/workspace on a free loopback port with a
# temporary DATA_DIR, read a process's RSS, run wrk and pull out requests/s and latency.
BIN=${WORKSPACE_BINARY:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build/workspace}
WORK=$(mktemp -d /tmp/skyscape-bench-XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
  shuf -i 20000-60000 -n 1; }

# start_workspace: sets WS_PID and WS_URL
start_workspace() {
  local port; port=$(free_port)
  HOST=127.0.0.1 PORT=$port SSH_PORT=${WS_SSH_PORT:-0} DATA_DIR=$WORK/data "$BIN" >"$WORK/workspace.log" 2>&1 &
  WS_PID=$!
  PIDS+=("$WS_PID")
  WS_URL=http://127.0.0.1:$port
  for _ in $(seq 100); do curl -sf "$WS_URL/health" >/dev/null && return; sleep 0.05; done
  echo "workspace did not start" >&2; cat "$WORK/workspace.log" >&2; exit 1
}

# measure PID COMMAND...: runs COMMAND while sampling PID's process tree; prints "seconds peak_kB".
measure() {
  local pid=$1; shift
  python3 "$(dirname "${BASH_SOURCE[0]}")/peak_rss.py" "$pid" "$WORK/peak" &
  local sampler=$!
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  kill -TERM "$sampler"; wait "$sampler" 2>/dev/null || true
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') $(cat "$WORK/peak")"
}

# median of the arguments
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
# Sum over a process and its children (nginx master + workers).
tree_rss_kb() { local total=0 p; for p in $1 $(pgrep -P "$1"); do total=$((total + $(rss_kb "$p"))); done; echo $total; }

# wrk_run URL SECONDS CONNECTIONS -> "requests/s p50 p99"
wrk_run() {
  local out; out=$(wrk -t2 -c"$3" -d"$2"s --latency "$1")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$rps $p50 $p99"
}

# ws_token USER PASSWORD: signs USER up through the form (the first user is site admin) and
# prints an access token made through the API.
ws_token() {
  local jar=$WORK/jar-$1 csrf
  csrf=$(curl -s -c "$jar" -b "$jar" "$WS_URL/signup" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf_token=$csrf" --data-urlencode "username=$1" \
    --data-urlencode "email=$1@example.com" --data-urlencode "password=$2" "$WS_URL/auth/signup"
  curl -s -u "$1:$2" -H 'Content-Type: application/json' -d '{"name":"bench"}' "$WS_URL/api/v1/users/$1/tokens" |
    sed 's/.*"token":"\([0-9a-f]*\)".*/\1/'
}

# ws_repo_dir TOKEN OWNER/NAME: prints the repository's directory under DATA_DIR (named by its id).
ws_repo_dir() {
  local id
  id=$(curl -s -H "Authorization: token $1" "$WS_URL/api/v1/repos/$2" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
  echo "$WORK/data/repos/$id.git"
}

# use_bench_repo TITLE: sets BENCH_REPO (default: curl's history, which the developers' `fetch`
# tool brings to /work/.mirror/curl+curl/repo), or says the benchmark TITLE is skipped and exits.
use_bench_repo() {
  BENCH_REPO=${BENCH_REPO:-/work/.mirror/curl+curl/repo}
  if [ ! -d "$BENCH_REPO" ]; then
    echo "### $1: skipped (set BENCH_REPO to a large repository's git directory)"
    exit 0
  fi
  export GIT_CONFIG_NOSYSTEM=1 HOME=$WORK
}

# wrk_run_t1 URL SECONDS -> "requests/s p50 p99" over one connection: sequential latency.
wrk_run_t1() {
  local out; out=$(wrk -t1 -c1 -d"$2"s --latency "$1")
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1=="50%" {print $2}' <<<"$out") $(awk '$1=="99%" {print $2}' <<<"$out")"
}

# ms LATENCY: a wrk latency ("247.00us", "3.56ms", "1.20s") in milliseconds.
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else printf "%.2f", v * 1000 }'; }
