#!/usr/bin/env bash
# Forks: forking a large real repository through the API, side by side with the ways git itself
# copies a repository on one disk — `git clone --bare --no-local` (a full copy), `--local`
# (hard links, Gitea's way) and `--shared` (alternates, ours) — in wall time and in the bytes the
# copy adds to the disk. Then a pull request from a branch of the fork, which mirrors the branch
# into the origin first.
#
# BENCH_REPO is a git directory with a long history; the default is git's own, which the
# developers' `fetch` tool brings to /work/.mirror/git+git/repo.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
BENCH_REPO=${BENCH_REPO:-/work/.mirror/git+git/repo}
use_bench_repo "Forks"

git clone -q --bare "$BENCH_REPO" "$WORK/src.git"
commits=$(git -C "$WORK/src.git" rev-list --count HEAD)
refs=$(git -C "$WORK/src.git" for-each-ref | wc -l)
start_workspace
owner_token=$(ws_token bench "bench password")
forker_token=$(ws_token forker "bench password")
curl -s -o /dev/null -H "Authorization: token $owner_token" -H 'Content-Type: application/json' \
  -d '{"name":"big","private":false}' "$WS_URL/api/v1/user/repos"
git -C "$WORK/src.git" push -q "http://bench:$owner_token@${WS_URL#http://}/bench/big.git" 'refs/heads/*:refs/heads/*' 'refs/tags/*:refs/tags/*'
origin=$(ws_repo_dir "$owner_token" bench/big)
origin_bytes=$(du -sb "$origin" | cut -f1)

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
added() { du -sb "$1" | cut -f1; }

start=$(date +%s.%N)
status=$(curl -s -o "$WORK/fork.json" -w '%{http_code}' -X POST -H "Authorization: token $forker_token" \
  -H 'Content-Type: application/json' -d '{}' "$WS_URL/api/v1/repos/bench/big/forks")
fork_seconds=$(seconds "$start" "$(date +%s.%N)")
[ "$status" = 202 ] || { echo "fork answered $status" >&2; cat "$WORK/fork.json" >&2; exit 1; }
fork_dir=$(ws_repo_dir "$forker_token" forker/big)
fork_bytes=$(added "$fork_dir")

peer() {  # peer FLAG -> "seconds bytes"
  local dst=$WORK/peer$1
  local t0; t0=$(date +%s.%N)
  git clone -q --bare "$1" "$origin" "$dst"
  echo "$(seconds "$t0" "$(date +%s.%N)") $(find "$dst" -type f -links 1 -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')"
  rm -rf "$dst"
}
read -r full_s full_b <<<"$(peer --no-local)"
read -r local_s local_b <<<"$(peer --local)"
read -r shared_s shared_b <<<"$(peer --shared)"

# A pull request from a branch of the fork: a commit pushed there, then opened against the origin.
default=$(git -C "$WORK/src.git" symbolic-ref --short HEAD)
commit=$(GIT_AUTHOR_NAME=f GIT_AUTHOR_EMAIL=f@x GIT_COMMITTER_NAME=f GIT_COMMITTER_EMAIL=f@x \
  git -C "$WORK/src.git" commit-tree -p "$default" -m "A change from the fork" "$default^{tree}")
git -C "$WORK/src.git" push -q "http://forker:$forker_token@${WS_URL#http://}/forker/big.git" "$commit:refs/heads/feature"
start=$(date +%s.%N)
status=$(curl -s -o "$WORK/pull.json" -w '%{http_code}' -X POST -H "Authorization: token $forker_token" -H 'Content-Type: application/json' \
  -d "{\"title\":\"From the fork\",\"head\":\"forker:feature\",\"base\":\"$default\"}" "$WS_URL/api/v1/repos/bench/big/pulls")
pull_seconds=$(seconds "$start" "$(date +%s.%N)")
[ "$status" = 201 ] || { echo "the pull request answered $status" >&2; cat "$WORK/pull.json" >&2; exit 1; }

mb() { awk -v b="$1" 'BEGIN { if (b < 1048576) printf "%.0f KB", b / 1024; else printf "%.1f MB", b / 1048576 }'; }
echo "### Forks of $(basename "$(dirname "$BENCH_REPO")") ($commits commits on HEAD, $refs refs, $(mb "$origin_bytes") on disk)"
echo
echo "| copy | wall time | bytes added to the disk |"
echo "|---|---|---|"
echo "| workspace fork (POST /repos/{owner}/{repo}/forks, alternates) | $fork_seconds s | $(mb "$fork_bytes") |"
echo "| git clone --bare --shared (alternates) | $shared_s s | $(mb "$shared_b") |"
echo "| git clone --bare --local (hard links; Gitea's fork) | $local_s s | $(mb "$local_b") |"
echo "| git clone --bare --no-local (a full copy) | $full_s s | $(mb "$full_b") |"
echo
echo "Opening a pull request from a branch of the fork (its one new commit mirrored into the origin): $pull_seconds s."
