#!/usr/bin/env bash
# Foundation: idle RSS and RSS after load; requests/s for /health and the rendered /signin page,
# side by side with nginx serving the same bytes as static files (both with an access log).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
CONNECTIONS=64

start_workspace
sleep 0.5
idle=$(rss_kb "$WS_PID")

mkdir -p "$WORK/www" "$WORK/nginx"
curl -s "$WS_URL/health" >"$WORK/www/health"
curl -s "$WS_URL/signin" >"$WORK/www/signin"
chmod -R a+rX "$WORK/www"
nginx_port=$(free_port)
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
daemon off;
events { worker_connections 4096; }
http {
  access_log $WORK/nginx/access.log;
  server {
    listen 127.0.0.1:$nginx_port;
    root $WORK/www;
    location = /health { default_type application/json; }
    location = /signin { default_type text/html; }
  }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
sleep 0.5
NGINX_URL=http://127.0.0.1:$nginx_port

# Warm-up of well over 10,000 requests, then the measured runs.
wrk -t2 -c$CONNECTIONS -d3s "$WS_URL/health" >/dev/null
after_warmup=$(rss_kb "$WS_PID")
read -r ws_health ws_health_p50 ws_health_p99 < <(wrk_run "$WS_URL/health" "$SECONDS_PER_RUN" $CONNECTIONS)
read -r ng_health ng_health_p50 ng_health_p99 < <(wrk_run "$NGINX_URL/health" "$SECONDS_PER_RUN" $CONNECTIONS)
read -r ws_signin ws_signin_p50 ws_signin_p99 < <(wrk_run "$WS_URL/signin" "$SECONDS_PER_RUN" $CONNECTIONS)
read -r ng_signin ng_signin_p50 ng_signin_p99 < <(wrk_run "$NGINX_URL/signin" "$SECONDS_PER_RUN" $CONNECTIONS)
after_load=$(rss_kb "$WS_PID")
wrk -t2 -c$CONNECTIONS -d"$SECONDS_PER_RUN"s "$WS_URL/signin" >/dev/null
after_more=$(rss_kb "$WS_PID")
nginx_rss=$(tree_rss_kb "$NGINX_PID")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "### Foundation: requests/s, wrk -t2 -c$CONNECTIONS -d${SECONDS_PER_RUN}s, $(nproc) cores"
echo
echo "| page | workspace req/s | p50 / p99 | nginx (static file) req/s | p50 / p99 | workspace / nginx |"
echo "|---|---|---|---|---|---|"
echo "| /health | $ws_health | $ws_health_p50 / $ws_health_p99 | $ng_health | $ng_health_p50 / $ng_health_p99 | $(ratio "$ws_health" "$ng_health") |"
echo "| /signin (rendered) | $ws_signin | $ws_signin_p50 / $ws_signin_p99 | $ng_signin | $ng_signin_p50 / $ng_signin_p99 | $(ratio "$ws_signin" "$ng_signin") |"
echo
echo "### Foundation: resident memory (VmRSS)"
echo
echo "| moment | workspace |"
echo "|---|---|"
echo "| idle after start | $((idle / 1024)).$(( (idle % 1024) * 10 / 1024 )) MB |"
echo "| after warm-up (>10,000 requests) | $((after_warmup / 1024)).$(( (after_warmup % 1024) * 10 / 1024 )) MB |"
echo "| after the measured runs | $((after_load / 1024)).$(( (after_load % 1024) * 10 / 1024 )) MB |"
echo "| after ${SECONDS_PER_RUN}s more of /signin | $((after_more / 1024)).$(( (after_more % 1024) * 10 / 1024 )) MB |"
echo "| nginx, master + workers, for reference | $((nginx_rss / 1024)).$(( (nginx_rss % 1024) * 10 / 1024 )) MB |"
