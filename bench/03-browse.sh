#!/usr/bin/env bash
# Code browsing: the same pages of a large real repository served by workspace and by Debian's
# cgit (CGI under lighttpd, its cache off), side by side. Per page: the first request (workspace
# caches last-commit lists by commit id; cgit keeps nothing), sequential latency (wrk, one
# connection: p50 and p99) and throughput (wrk, 16 connections). Memory: workspace's peak RSS
# over the whole run.
#
# BENCH_REPO is a git directory with a long history (default: curl's, which the developers'
# `fetch` tool brings to /work/.mirror/curl+curl/repo). SECONDS_PER_RUN sets each wrk run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
use_bench_repo "Code browsing"
SECS=${SECONDS_PER_RUN:-5}
if [ ! -x /usr/lib/cgit/cgit.cgi ]; then
  echo "### Code browsing: skipped (cgit is not installed; scripts/setup bench installs it)"
  exit 0
fi

git clone -q --bare "$BENCH_REPO" "$WORK/src.git"
branch=$(git -C "$WORK/src.git" symbolic-ref --short HEAD)
commits=$(git -C "$WORK/src.git" rev-list --count HEAD)
files=$(git -C "$WORK/src.git" ls-tree -r HEAD | wc -l)
# The pages (defaults fit curl): a big folder, a large source file, and a commit of the last
# 500 that touched 10 to 40 files.
folder=${BENCH_FOLDER:-lib}
file=${BENCH_FILE:-lib/url.c}
commit=${BENCH_COMMIT:-$(git -C "$WORK/src.git" log -500 --format='%H' --shortstat |
  awk 'length($1) == 40 {sha = $1} / files? changed/ && $1 >= 10 && $1 <= 40 && !found {print sha; found = 1}')}

start_workspace
python3 "$(dirname "${BASH_SOURCE[0]}")/peak_rss.py" "$WS_PID" "$WORK/ws-peak" &
SAMPLER=$!
token=$(ws_token bench "bench password")
curl -s -o /dev/null -H "Authorization: token $token" -H 'Content-Type: application/json' \
  -d '{"name":"big","private":false}' "$WS_URL/api/v1/user/repos"
git -C "$WORK/src.git" push -q "http://bench:$token@${WS_URL#http://}/bench/big.git" 'refs/heads/*:refs/heads/*' 'refs/tags/*:refs/tags/*'
idle_rss=$(rss_kb "$WS_PID")

# The peer: cgit as CGI under lighttpd, reading the very repository directory workspace serves.
cgit_port=$(free_port)
mkdir -p "$WORK/www"
cat >"$WORK/cgitrc" <<CONF
cache-size=0
enable-blame=1
virtual-root=/cgit/
repo.url=big
repo.path=$(ws_repo_dir "$token" bench/big)
CONF
cat >"$WORK/lighttpd.conf" <<CONF
server.modules = ("mod_alias", "mod_cgi", "mod_setenv")
server.document-root = "$WORK/www"
server.bind = "127.0.0.1"
server.port = $cgit_port
server.pid-file = "$WORK/lighttpd.pid"
server.errorlog = "$WORK/lighttpd.log"
server.max-worker = 0
alias.url = ("/cgit" => "/usr/lib/cgit/cgit.cgi")
\$HTTP["url"] =~ "^/cgit" {
  cgi.assign = ("" => "")
  setenv.add-environment = ("CGIT_CONFIG" => "$WORK/cgitrc")
}
CONF
lighttpd -D -f "$WORK/lighttpd.conf" &
PIDS+=("$!")
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$cgit_port/cgit/big/" >/dev/null && break; sleep 0.05; done

CGIT=http://127.0.0.1:$cgit_port/cgit/big
WS=$WS_URL/bench/big
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
pages=(
  "root tree|$WS/tree/$branch|$CGIT/tree/?h=$branch"
  "folder $folder/|$WS/tree/$branch/$(enc "$folder")|$CGIT/tree/$(enc "$folder")?h=$branch"
  "file $file ($(git -C "$WORK/src.git" cat-file -s "HEAD:$file") bytes)|$WS/tree/$branch/$(enc "$file")|$CGIT/tree/$(enc "$file")?h=$branch"
  "log, first page|$WS/commits/$branch|$CGIT/log/?h=$branch"
  "log of $file|$WS/commits/$branch?path=$(enc "$file")|$CGIT/log/$(enc "$file")?h=$branch"
  "commit ${commit:0:10} ($(git -C "$WORK/src.git" show --format= --shortstat "$commit" | awk '{print $1}') files)|$WS/commit/$commit|$CGIT/commit/?id=$commit"
  "blame $file|$WS/blame/$branch/$(enc "$file")|$CGIT/blame/$(enc "$file")?h=$branch"
)

first() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$1"; }

echo "### Code browsing: $(basename "$(dirname "$BENCH_REPO")") ($commits commits, $files files), workspace vs cgit $(dpkg-query -W -f='${Version}' cgit | cut -d+ -f1) (CGI under lighttpd, cache off)"
echo
echo "| page | first request ws / cgit | p50 ws | p50 cgit | p50 ratio | p99 ws | p99 cgit | req/s ws (16 conn) | req/s cgit | throughput ratio |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for entry in "${pages[@]}"; do
  IFS='|' read -r name ws cgit <<<"$entry"
  read -r ws_code ws_first < <(first "$ws")
  read -r cgit_code cgit_first < <(first "$cgit")
  if [ "$ws_code" != 200 ] || [ "$cgit_code" != 200 ]; then
    echo "| $name | HTTP $ws_code / $cgit_code | | | | | | | | |"
    continue
  fi
  read -r _ ws_p50 ws_p99 < <(wrk_run_t1 "$ws" "$SECS")
  read -r _ cgit_p50 cgit_p99 < <(wrk_run_t1 "$cgit" "$SECS")
  read -r ws_rps _ _ < <(wrk_run "$ws" "$SECS" 16)
  read -r cgit_rps _ _ < <(wrk_run "$cgit" "$SECS" 16)
  awk -v n="$name" -v f1="$ws_first" -v f2="$cgit_first" -v a="$(ms "$ws_p50")" -v b="$(ms "$cgit_p50")" \
      -v c="$(ms "$ws_p99")" -v d="$(ms "$cgit_p99")" -v r1="$ws_rps" -v r2="$cgit_rps" 'BEGIN {
    printf "| %s | %.0f / %.0f ms | %.2f ms | %.2f ms | %.2f× | %.2f ms | %.2f ms | %.0f | %.0f | %.1f× |\n",
      n, f1 * 1000, f2 * 1000, a, b, a / b, c, d, r1, r2, r1 / r2 }'
done
kill -TERM "$SAMPLER"; wait "$SAMPLER" 2>/dev/null || true
echo
echo "workspace RSS: $((idle_rss / 1024)) MB after the push, $(( $(rss_kb "$WS_PID") / 1024 )) MB at the end, peak $(( $(cat "$WORK/ws-peak") / 1024 )) MB (server and git children) over the whole run including the push."
