#!/usr/bin/env bash
# Git hosting: clone of a large real repository over HTTP, side by side with git http-backend
# under lighttpd, and over SSH, side by side with OpenSSH's sshd and git-shell. Both servers
# serve the same bare repository directory (pushed into ours through our own receive-pack).
# Wall time of `git clone --bare` and the peak RSS of the serving process tree (server plus its
# git children), median of RUNS runs, alternating.
#
# BENCH_REPO is a git directory with a long history; the default is curl's, which the
# developers' `fetch` tool brings to /work/.mirror/curl+curl/repo.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
use_bench_repo "Git clone"
RUNS=${RUNS:-3}

# The benchmark repository: branches and tags of BENCH_REPO.
git clone -q --bare "$BENCH_REPO" "$WORK/src.git"
commits=$(git -C "$WORK/src.git" rev-list --count HEAD)

WS_SSH_PORT=$(free_port)
start_workspace
token=$(ws_token bench "bench password")
curl -s -o /dev/null -H "Authorization: token $token" -H 'Content-Type: application/json' \
  -d '{"name":"big","private":false}' "$WS_URL/api/v1/user/repos"
push_start=$(date +%s.%N)
git -C "$WORK/src.git" push -q "http://bench:$token@${WS_URL#http://}/bench/big.git" 'refs/heads/*:refs/heads/*' 'refs/tags/*:refs/tags/*'
push_seconds=$(awk -v a="$push_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
repo_dir=$(ws_repo_dir "$token" bench/big)
size=$(du -sh "$repo_dir" | cut -f1)

# Peer 1: git http-backend as CGI under lighttpd, on the same repository directory.
lighttpd_port=$(free_port)
mkdir -p "$WORK/www"
cat >"$WORK/lighttpd.conf" <<CONF
server.modules = ("mod_alias", "mod_cgi", "mod_setenv")
server.document-root = "$WORK/www"
server.bind = "127.0.0.1"
server.port = $lighttpd_port
server.pid-file = "$WORK/lighttpd.pid"
server.errorlog = "$WORK/lighttpd.log"
alias.url = ("/git/" => "/usr/lib/git-core/git-http-backend/")
\$HTTP["url"] =~ "^/git/" {
  cgi.assign = ("" => "")
  setenv.add-environment = ("GIT_PROJECT_ROOT" => "$WORK/data/repos", "GIT_HTTP_EXPORT_ALL" => "1")
}
CONF
lighttpd -D -f "$WORK/lighttpd.conf" &
LIGHTTPD_PID=$!
PIDS+=("$LIGHTTPD_PID")

# Peer 2: OpenSSH's sshd with git-shell, on the same repository directory.
ssh_port=$(free_port)
ssh-keygen -q -t ed25519 -N '' -f "$WORK/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/client_key"
echo "command=\"git-shell -c \\\"\$SSH_ORIGINAL_COMMAND\\\"\",no-pty $(cat "$WORK/client_key.pub")" >"$WORK/authorized_keys"
cat >"$WORK/sshd_config" <<CONF
Port $ssh_port
ListenAddress 127.0.0.1
HostKey $WORK/host_key
AuthorizedKeysFile $WORK/authorized_keys
PidFile $WORK/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
CONF
mkdir -p /run/sshd
/usr/sbin/sshd -D -f "$WORK/sshd_config" &
SSHD_PID=$!
PIDS+=("$SSHD_PID")
curl -s -o /dev/null -H "Authorization: token $token" -H 'Content-Type: application/json' \
  -d "{\"title\":\"bench\",\"key\":\"$(cat "$WORK/client_key.pub")\"}" "$WS_URL/api/v1/user/keys"
export GIT_SSH_COMMAND="ssh -i $WORK/client_key -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
sleep 0.5

clone() { rm -rf "$WORK/clone.git"; git clone -q --bare "$1" "$WORK/clone.git"; }
declare -A time rss
for kind in ws_http peer_http ws_ssh peer_ssh; do time[$kind]=""; rss[$kind]=""; done
for _ in $(seq "$RUNS"); do
  read -r t r < <(measure "$WS_PID" clone "$WS_URL/bench/big.git"); time[ws_http]+=" $t"; rss[ws_http]+=" $r"
  read -r t r < <(measure "$LIGHTTPD_PID" clone "http://127.0.0.1:$lighttpd_port/git/big.git"); time[peer_http]+=" $t"; rss[peer_http]+=" $r"
  read -r t r < <(measure "$WS_PID" clone "ssh://git@127.0.0.1:$WS_SSH_PORT/bench/big.git"); time[ws_ssh]+=" $t"; rss[ws_ssh]+=" $r"
  read -r t r < <(measure "$SSHD_PID" clone "ssh://root@127.0.0.1:$ssh_port$repo_dir"); time[peer_ssh]+=" $t"; rss[peer_ssh]+=" $r"
done
objects=$(git -C "$WORK/clone.git" count-objects -v | awk '/in-pack/ {print $2}')

row() {
  local t1 t2 r1 r2
  t1=$(median ${time[$2]}); t2=$(median ${time[$3]}); r1=$(median ${rss[$2]}); r2=$(median ${rss[$3]})
  awk -v n="$1" -v t1="$t1" -v t2="$t2" -v r1="$r1" -v r2="$r2" -v peer="$4" 'BEGIN {
    printf "| %s | %.2f s | %.2f s (%s) | %.2f× | %.0f MB | %.0f MB | %.2f× |\n", n, t1, t2, peer, t1 / t2, r1 / 1024, r2 / 1024, r1 / r2 }'
}
echo "### Git clone of $(basename "$(dirname "$BENCH_REPO")") ($commits commits on HEAD, $objects objects, $size on disk), median of $RUNS"
echo
echo "| transport | workspace | peer | time ratio | workspace peak RSS | peer peak RSS | RSS ratio |"
echo "|---|---|---|---|---|---|---|"
row "HTTP" ws_http peer_http "git http-backend + lighttpd"
row "SSH" ws_ssh peer_ssh "sshd + git-shell"
echo
echo "Pushing the repository into workspace over HTTP took ${push_seconds} s."
