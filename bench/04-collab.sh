#!/usr/bin/env bash
# Collaboration pages at scale: a repository with 10,000 issues (a third closed, one in ten with a
# comment) and a pull request changing 300 files, its pages measured side by side with the
# same repository's home page on the same server. Per page: sequential latency (wrk, one
# connection: p50 and p99) and throughput (wrk, 16 connections).
#
# ISSUES sets how many issues to open (default 10000); SECONDS_PER_RUN sets each wrk run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SECS=${SECONDS_PER_RUN:-5}
ISSUES=${ISSUES:-10000}
export GIT_CONFIG_NOSYSTEM=1 HOME=$WORK GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com \
  GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com

start_workspace
token=$(ws_token bench "bench password")
curl -s -o /dev/null -H "Authorization: token $token" -H 'Content-Type: application/json' \
  -d '{"name":"tracker","private":false}' "$WS_URL/api/v1/user/repos"

# main with 300 files of 40 lines; "wide" changes 3 lines in each.
wc=$WORK/wc
git init -qb main "$wc"
for i in $(seq -w 1 300); do mkdir -p "$wc/src/m$((10#$i % 20))"; seq 1 40 | sed "s/^/line of file $i: /" >"$wc/src/m$((10#$i % 20))/f$i.c"; done
git -C "$wc" add -A && git -C "$wc" commit -qm "300 files"
git -C "$wc" checkout -qb wide
for f in "$wc"/src/*/*.c; do sed -i 's/^\(line of file [0-9]*\): \(5\|20\|35\)$/\1: changed \2/' "$f"; done
git -C "$wc" commit -qam "Change 3 lines in each of 300 files"
git -C "$wc" push -q "http://bench:$token@${WS_URL#http://}/bench/tracker.git" main wide

# The issues, through the API as scripts would make them.
python3 - "$WS_URL" "$token" "$ISSUES" <<'PY'
import http.client, json, sys, urllib.parse
url, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
host = urllib.parse.urlparse(url)
conn = http.client.HTTPConnection(host.hostname, host.port)
headers = {"Authorization": "token " + token, "Content-Type": "application/json"}
def call(method, path, body):
    conn.request(method, "/api/v1/repos/bench/tracker" + path, json.dumps(body), headers)
    res = conn.getresponse()
    res.read()
    if res.status >= 300: sys.exit(f"{method} {path}: {res.status}")
words = "crash slow parser network cache index render login upload timeout memory thread".split()
for n in range(1, count + 1):
    body = {"title": f"Issue {n}: {words[n % len(words)]} {words[(n * 7) % len(words)]} problem",
            "body": f"Steps to reproduce #{n}.\n\n- first\n- second\n\n`code {n}`"}
    call("POST", "/issues", body)
    if n % 3 == 0: call("PATCH", f"/issues/{n}", {"state": "closed"})
    if n % 10 == 0: call("POST", f"/issues/{n}/comments", {"body": f"Seen it too, see #{n - 1}."})
PY
pull=$(curl -s -H "Authorization: token $token" -H 'Content-Type: application/json' \
  -d '{"title":"Wide change","head":"wide","base":"main"}' "$WS_URL/api/v1/repos/bench/tracker/pulls" |
  sed 's/.*"number":\([0-9]*\).*/\1/')

echo "### Collaboration: $ISSUES issues and a 300-file pull request (#$pull), workspace $(git -C "$(dirname "$0")/.." rev-parse --short HEAD)"
echo
echo "| page | p50 ms (1 conn) | p99 ms (1 conn) | req/s (16 conn) |"
echo "|---|---|---|---|"
row() {
  local name=$1 path=$2 t1 c16
  curl -sf -o /dev/null "$WS_URL$path" || { echo "| $name | failed | | |"; return; }
  read -r _ p50 p99 <<<"$(wrk_run_t1 "$WS_URL$path" "$SECS")"
  read -r rps _ _ <<<"$(wrk_run "$WS_URL$path" "$SECS" 16)"
  echo "| $name | $(ms "$p50") | $(ms "$p99") | $rps |"
}
row "repo home (reference)" /bench/tracker
row "issue list, open, page 1" /bench/tracker/issues
row "issue list, closed, page 40" "/bench/tracker/issues?state=closed&page=40"
row "issue list, text filter" "/bench/tracker/issues?q=parser"
row "issue list, most commented first" "/bench/tracker/issues?sort=comments"
row "one issue with a comment" /bench/tracker/issues/5000
row "pull request list" /bench/tracker/pulls
row "pull request, conversation" "/bench/tracker/pull/$pull"
row "pull request, 300 files changed" "/bench/tracker/pull/$pull/files"
row "pull request, 300 files, split" "/bench/tracker/pull/$pull/files?diff=split"
echo
echo "Resident memory after the run: $(( $(rss_kb "$WS_PID") / 1024 )) MB."
