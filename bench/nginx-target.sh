# Sourced by the benchmarks: nginx as the target, answering "ok" (2 bytes) to every request.
#   start_nginx PORT CORE WORK_DIR   starts it pinned to CORE and waits until it answers;
#   the caller's EXIT trap kills "$(cat WORK_DIR/nginx.pid)".

start_nginx() {
  local port="$1" core="$2" work="$3"
  cat > "$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000000;
  server {
    listen 127.0.0.1:$port;
    location / { return 200 "ok"; }
  }
}
CONF
  taskset -c "$core" nginx -c "$work/nginx.conf" &
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && return 0; sleep 0.1; done
  echo "nginx did not answer on port $port" >&2
  return 1
}
