#!/usr/bin/env bash
# Code search: several large real repositories pushed into workspace (each default branch's tip
# as one commit), then the same queries answered by workspace's search (the results as the page
# shows them, and the full count), by ripgrep over checkouts of the same commits, and by
# `git grep` in those checkouts. p50/p99 over RUNS runs each (workspace: wrk, one connection).
# Also: index build time, index size against the corpus, and how soon a 10-file push is found.
#
# CORPUS lists git directories (default: the developers' `fetch` mirrors of curl, git, redis and
# vim under /work/.mirror). SECONDS_PER_RUN sets each wrk run; RUNS the rg/git grep runs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SECS=${SECONDS_PER_RUN:-5}
RUNS=${RUNS:-15}
CORPUS=${CORPUS:-/work/.mirror/curl+curl/repo /work/.mirror/git+git/repo /work/.mirror/redis+redis/repo /work/.mirror/vim+vim/repo}
export GIT_CONFIG_NOSYSTEM=1 HOME=$WORK GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com \
  GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com
for dir in $CORPUS; do
  [ -d "$dir" ] || { echo "### Code search: skipped ($dir is missing; set CORPUS to git directories)"; exit 0; }
done
command -v rg >/dev/null || { echo "### Code search: skipped (ripgrep is not installed; scripts/setup bench installs it)"; exit 0; }

start_workspace
token=$(ws_token bench "bench password")
names=()
pushed_at=$(date +%s.%N)
for dir in $CORPUS; do
  name=$(basename "$(dirname "$dir")" | sed 's/.*+//')
  names+=("$name")
  curl -s -o /dev/null -H "Authorization: token $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\",\"private\":false}" "$WS_URL/api/v1/user/repos"
  snapshot=$(git -C "$dir" commit-tree "HEAD^{tree}" -m "snapshot of $name")
  git -C "$dir" push -q "http://bench:$token@${WS_URL#http://}/bench/$name.git" "$snapshot:refs/heads/main"
  git clone -q "http://bench:$token@${WS_URL#http://}/bench/$name.git" "$WORK/co/$name"
done
# Indexing runs in the background: wait until every repository's state shows its commit.
indexed() { grep -c "search: .* indexed at" "$WORK/workspace.log" || true; }
until [ "$(indexed)" -ge "${#names[@]}" ]; do sleep 0.2; done
index_seconds=$(awk -v a="$pushed_at" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
corpus_mb=$(for n in "${names[@]}"; do git -C "$WORK/co/$n" ls-files -s | awk '{print $2}' |
  git -C "$WORK/co/$n" cat-file --batch-check='%(objectsize)' | awk '$1 <= 1048576 {s += $1} END {print s}'; done |
  awk '{s += $1} END {printf "%.1f", s / 1e6}')
index_mb=$(du -cm "$WORK"/data/search.db* | awk '/total/ {print $1}')

echo "### Code search: ${names[*]} ($corpus_mb MB of files up to 1 MB), workspace $(git -C "$(dirname "$0")/.." rev-parse --short HEAD)"
echo
echo "Index: built in $index_seconds s after the pushes began (pushes included); $index_mb MB on disk (search.db and its WAL) for $corpus_mb MB of files."
echo
echo "| query | files (ws) | ws page p50 / p99 | ws full count p50 | rg p50 / p99 | git grep p50 / p99 | rg ÷ ws page |"
echo "|---|---|---|---|---|---|---|"

# time_runs DIR COMMAND: "p50 p99" in ms of RUNS runs of a shell command in DIR (stdin closed,
# or rg would read it instead of the files)
time_runs() {
  python3 - "$RUNS" "$1" "$2" <<'PY'
import subprocess, sys, time
runs, cwd, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3]
times = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(["bash", "-c", cmd], cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"{times[len(times) // 2]:.1f} {times[min(len(times) - 1, int(len(times) * 0.99))]:.1f}")
PY
}
# row LABEL QUERY RG_PATTERN_ARGS GIT_GREP_PATTERN_ARGS
row() {
  local label=$1 q=$2 enc files
  enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")
  files=$(curl -s -H "Authorization: token $token" "$WS_URL/api/v1/search/code?q=$enc" |
    python3 -c 'import json, sys; d = json.load(sys.stdin); print(("≥" if d["incomplete_results"] else "") + str(d["total_count"]))')
  read -r _ p50 p99 <<<"$(wrk_run_t1 "$WS_URL/search?q=$enc" "$SECS")"
  read -r _ count_p50 _ <<<"$(wrk_run_t1 "$WS_URL/search/count?q=$enc" "$SECS")"
  read -r rg50 rg99 <<<"$(time_runs "$WORK/co" "rg $3 .")"
  read -r gg50 gg99 <<<"$(time_runs "$WORK/co" "for d in *; do git -C \$d grep $4; done")"
  echo "| $label \`$q\` | $files | $(ms "$p50") / $(ms "$p99") | $(ms "$count_p50") | $rg50 / $rg99 | $gg50 / $gg99 | $(awk -v a="$rg50" -v b="$(ms "$p50")" 'BEGIN { printf "%.0f×", a / b }') |"
}
row "rare literal" "xdl_do_diff" "-i -F -e xdl_do_diff" "-i -F -e xdl_do_diff"
row "common literal" "return" "-i -F -e return" "-i -F -e return"
row "phrase" '"static int"' "-i -F -e 'static int'" "-i -F -e 'static int'"
row "regex, rare literals" '/xdl_\w+_diff/' "-i -e 'xdl_\w+_diff'" "-i -P -e 'xdl_\w+_diff'"
row "regex, common literals" '/str[a-z]*cpy\(/' "-i -e 'str[a-z]*cpy\('" "-i -P -e 'str[a-z]*cpy\('"
row "regex with no trigram" '/[a-z]_[0-9]{2}\b/' "-i -e '[a-z]_[0-9]{2}\b'" "-i -P -e '[a-z]_[0-9]{2}\b'"

# A push of 10 changed files: how soon after the push returns does a search find its new word?
co=$WORK/co/${names[0]}
for f in $(git -C "$co" ls-files '*.c' | head -10); do echo "/* freshly_pushed_marker */" >>"$co/$f"; done
git -C "$co" commit -qam "10 files"
start=$(date +%s.%N)
git -C "$co" push -q origin HEAD:main
pushed=$(date +%s.%N)
until curl -s -H "Authorization: token $token" "$WS_URL/api/v1/search/code?q=freshly_pushed_marker" | grep -q '"total_count":10'; do sleep 0.01; done
found=$(date +%s.%N)
echo
echo "A push changing 10 files: found by search $(awk -v a="$pushed" -v b="$found" 'BEGIN { printf "%.0f", (b - a) * 1000 }') ms after \`git push\` returned ($(awk -v a="$start" -v b="$found" 'BEGIN { printf "%.0f", (b - a) * 1000 }') ms after it began)."
echo "Resident memory at the end: $(( $(rss_kb "$WS_PID") / 1024 )) MB."
