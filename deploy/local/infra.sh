# Local PostgreSQL and Redis for ./run.sh and ./test.sh: installed from Debian when absent, run on loopback
# from a folder of ours, never through systemd. Sourced, not executed.

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  if [ -z "${APT_UPDATED:-}" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  # The packages may start their own default services; we never use them, only our own instances.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

ensure_prerequisites() {
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
  local missing=()
  [ -n "$(pg_bindir)" ] && [ -x "$(pg_bindir)/initdb" ] || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  # The grading worker's sandbox: bubblewrap, and the interpreters and prlimit from /usr that it exposes (a python3
  # earlier on PATH, pyenv's, is not the one the sandbox sees).
  command -v bwrap >/dev/null || missing+=(bubblewrap)
  [ -x /usr/bin/python3 ] || missing+=(python3)
  [ -x /usr/bin/prlimit ] || missing+=(util-linux)
  # Media: ffmpeg and ffprobe transcode and check video; nginx with its JavaScript module is the reference CDN edge.
  command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || missing+=(ffmpeg)
  [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  ls /usr/lib/nginx/modules/ngx_http_js_module.so >/dev/null 2>&1 || missing+=(libnginx-mod-http-js)
  if [ "${1:-}" = "--with-node" ]; then command -v node >/dev/null || missing+=(nodejs npm); fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]} from Debian"
    apt_install "${missing[@]}"
  fi
}

# The cluster runs as an unprivileged user: initdb refuses root.
pg_user() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# start_postgres DIR PORT [fast]: initialises DIR on first use; "fast" trades durability for speed (tests).
start_postgres() {
  local dir=$1 port=$2 mode=${3:-} bin; bin=$(pg_bindir)
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown "$(pg_user)" "$dir"; fi
  chmod 700 "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_pg mkdir -p "$dir/data" "$dir/run"
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_pg mkdir -p "$dir/run"
  if as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    log "PostgreSQL already running in $dir"
    return
  fi
  local opts="-p $port -k $dir/run -c listen_addresses=127.0.0.1 -c max_connections=200"
  if [ "$mode" = fast ]; then opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 -o "$opts" start >/dev/null
  log "PostgreSQL on 127.0.0.1:$port ($dir)"
}

stop_postgres() {
  local dir=$1 bin; bin=$(pg_bindir)
  [ -f "$dir/data/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

ensure_database() {
  local port=$1 name=$2
  if ! psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
  fi
}

start_redis() {
  local dir=$1 port=$2
  mkdir -p "$dir"
  if [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
    log "Redis already running in $dir"
    return
  fi
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly no \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  log "Redis on 127.0.0.1:$port ($dir)"
}

stop_redis() {
  local dir=$1
  if [ -f "$dir/redis.pid" ]; then kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; rm -f "$dir/redis.pid"; fi
}

# Benchmarks' throwaway services live under a scratch directory of their own (readable by the postgres user when
# root); stop_bench_services stops what was started under it and removes it.
new_bench_workdir() {
  local dir; dir=$(mktemp -d /tmp/coursera-bench.XXXXXX)
  chmod 755 "$dir"
  echo "$dir"
}

stop_bench_services() {
  local dir=$1
  stop_redis "$dir/redis"
  stop_postgres "$dir/postgres"
  rm -rf "$dir"
}

# stop_bench_services_on_exit DIR: however the script ends (success, failure, Ctrl-C), with its exit status.
stop_bench_services_on_exit() {
  BENCH_SERVICES_DIR=$1
  trap 'status=$?; set +e; trap - INT TERM EXIT; stop_bench_services "$BENCH_SERVICES_DIR"; exit "$status"' EXIT
  trap 'exit 130' INT TERM
}

# start_postgres_with_statements DIR PORT: fast-mode PostgreSQL that preloads pg_stat_statements (counting queries,
# not the session resets connection pools send) when the extension is installed; returns 1 when it is not (the
# benchmark then runs without statement counts). The extension itself is created in the database measured.
start_postgres_with_statements() {
  local dir=$1 port=$2
  # Called in a condition, where set -e does not act: a failed start ends the script here.
  start_postgres "$dir" "$port" fast || { echo "PostgreSQL did not start in $dir" >&2; exit 1; }
  [ -f "$(pg_bindir)/../lib/pg_stat_statements.so" ] || return 1
  psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
  stop_postgres "$dir"
  start_postgres "$dir" "$port" fast || { echo "PostgreSQL did not restart in $dir" >&2; exit 1; }
  # Only once the library is loaded does the setting take.
  psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA \
    -c "ALTER SYSTEM SET pg_stat_statements.track_utility = off" -c "SELECT pg_reload_conf()" >/dev/null
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    port_in_use "$port" || { echo "$port"; return; }
  done
}

wait_for_http() {
  local url=$1 seconds=${2:-120}
  for _ in $(seq $((seconds * 4))); do
    curl -fs "$url" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  echo "Timed out waiting for $url" >&2
  return 1
}
