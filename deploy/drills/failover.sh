#!/usr/bin/env bash
# PostgreSQL failover drill: Patroni (with etcd) runs three PostgreSQL nodes on loopback with synchronous replication;
# the all-in-one host reaches the primary through HAProxy, which asks each node's Patroni REST API (GET /primary)
# where the primary is. While the seeded users enroll and report progress through the public GraphQL API
# (deploy/drills/write_load.py), the primary node dies (SIGKILL of its Patroni and its PostgreSQL, as when a machine
# is lost). The drill then reports the seconds without writes, the acknowledged writes missing on the new primary
# (goal: none), whether the same host process writes again without a restart, and whether an event published after
# the failover is still relayed and consumed (an enrollment's enrollment.created reaches the assessment service: the
# outbox's LISTEN connection, the relay, Redis and the consumer all carried on). Exits non-zero when a goal is missed.
# Everything it started is stopped on success, failure and Ctrl-C (SIGTERM from a supervisor).
#
#   deploy/drills/failover.sh            # three nodes, 60 s of load before the kill and 90 s after, the old primary rejoins
#   deploy/drills/failover.sh --short    # CI: 20 s before and 40 s after, no rejoin
#   deploy/drills/failover.sh --via npgsql   # the host lists the nodes itself (Npgsql multi-host connection string,
#                                            # Target Session Attributes=primary) instead of going through HAProxy
#
# Settings (environment): FAILOVER_WARMUP_SECONDS, FAILOVER_AFTER_SECONDS (load before and after the kill),
# FAILOVER_NODES (3), FAILOVER_PG_PORT (first node's port; the next ones follow; free ports when unset),
# FAILOVER_REDIS_PORT, FAILOVER_TTL (Patroni's leader key lifetime, 10 s), FAILOVER_UNAVAILABLE_GOAL (30 s),
# TMPDIR (where the work folder is made).
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/infra.sh

short= via=haproxy
while [ $# -gt 0 ]; do
  case "$1" in
    --short) short=1 ;;
    --via) via=${2:-}; shift ;;
    *) echo "usage: $0 [--short] [--via haproxy|npgsql]" >&2; exit 2 ;;
  esac
  shift
done
case "$via" in haproxy|npgsql) ;; *) echo "--via haproxy or --via npgsql" >&2; exit 2 ;; esac
if [ -n "$short" ]; then
  WARMUP=${FAILOVER_WARMUP_SECONDS:-20}; AFTER=${FAILOVER_AFTER_SECONDS:-40}; REJOIN=
else
  WARMUP=${FAILOVER_WARMUP_SECONDS:-60}; AFTER=${FAILOVER_AFTER_SECONDS:-90}; REJOIN=1
fi
NODES=${FAILOVER_NODES:-3}
TTL=${FAILOVER_TTL:-10}
UNAVAILABLE_GOAL=${FAILOVER_UNAVAILABLE_GOAL:-30}

ensure_prerequisites
missing=()
command -v patroni >/dev/null || missing+=(patroni)
command -v etcd >/dev/null || missing+=(etcd-server)
command -v etcdctl >/dev/null || missing+=(etcd-client)
command -v haproxy >/dev/null || missing+=(haproxy)
[ ${#missing[@]} -eq 0 ] || { log "Installing ${missing[*]} from Debian"; apt_install "${missing[@]}"; }
out=api/Coursera.Host/bin/Release/net10.0
if [ ! -f "$out/Coursera.Host.dll" ]; then
  log "Building the host"
  dotnet build api/Coursera.Host -c Release -v quiet -nologo -clp:ErrorsOnly
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/coursera-failover.XXXXXX")
chmod 755 "$WORK"
etcd_pid= haproxy_pid= host_pid= load_pid=
declare -A patroni_pid=()
cleanup() {
  local status=$?
  # A second signal (a supervisor and a timeout both stopping us) must not cut the clean-up short.
  trap "" INT TERM
  trap - EXIT
  set +e
  for pid in $load_pid $host_pid $haproxy_pid; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  # Patroni stops its PostgreSQL before it exits.
  for node in "${!patroni_pid[@]}"; do kill "${patroni_pid[$node]}" 2>/dev/null; done
  for node in "${!patroni_pid[@]}"; do wait "${patroni_pid[$node]}" 2>/dev/null; done
  for dir in "$WORK"/node*; do [ -d "$dir/data" ] && stop_postgres "$dir"; done
  [ -n "$etcd_pid" ] && { kill "$etcd_pid" 2>/dev/null; wait "$etcd_pid" 2>/dev/null; }
  stop_redis "$WORK/redis"
  if [ "$status" -ne 0 ] && [ -n "${FAILOVER_KEEP_WORK:-}" ]; then log "Work folder kept: $WORK"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM

port_or_free() { if [ -n "$1" ]; then echo "$1"; else free_port; fi; }
ETCD_PORT=$(free_port); ETCD_PEER_PORT=$(free_port)
HAPROXY_PORT=$(free_port); HOST_PORT=$(free_port)
REDIS_PORT=$(port_or_free "${FAILOVER_REDIS_PORT:-}")
declare -A pg_port=() rest_port=()
for n in $(seq "$NODES"); do
  if [ -n "${FAILOVER_PG_PORT:-}" ]; then pg_port[node$n]=$((FAILOVER_PG_PORT + n - 1)); else pg_port[node$n]=$(free_port); fi
  rest_port[node$n]=$(free_port)
done

log "etcd on 127.0.0.1:$ETCD_PORT"
# Patroni 3.0.2 from Debian talks to etcd through the v2 API.
etcd --name drill --data-dir "$WORK/etcd" --enable-v2=true \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "drill=http://127.0.0.1:$ETCD_PEER_PORT" > "$WORK/etcd.log" 2>&1 &
etcd_pid=$!
wait_for_http "http://127.0.0.1:$ETCD_PORT/health" 30 || { tail -20 "$WORK/etcd.log"; exit 1; }

# Patroni as the PostgreSQL user when we are root (initdb refuses root); setpriv execs, so $! is Patroni itself.
as_pg_exec() { if [ "$(id -u)" -eq 0 ]; then exec setpriv --reuid="$(pg_user)" --regid="$(id -g "$(pg_user)")" --init-groups "$@"; else exec "$@"; fi; }
start_node() {
  local node=$1 dir=$WORK/$1
  mkdir -p "$dir"; chmod 700 "$dir"
  [ "$(id -u)" -eq 0 ] && chown "$(pg_user)" "$dir"
  sed -e "s|@NAME@|$node|; s|@REST_PORT@|${rest_port[$node]}|g; s|@ETCD_PORT@|$ETCD_PORT|; s|@PG_PORT@|${pg_port[$node]}|g" \
      -e "s|@DIR@|$dir|g; s|@PG_BIN@|$(pg_bindir)|; s|@TTL@|$TTL|; s|@LOOP_WAIT@|2|; s|@RETRY_TIMEOUT@|4|" \
      deploy/drills/patroni/node.yml.in > "$WORK/$node.yml"
  chmod 644 "$WORK/$node.yml"
  (cd "$WORK" && as_pg_exec /usr/bin/python3 /usr/bin/patroni "$WORK/$node.yml") >> "$WORK/$node.log" 2>&1 &
  patroni_pid[$node]=$!
}
# GET /cluster of any live node: the members with their role and state.
cluster() {
  local node
  for node in "${!rest_port[@]}"; do
    curl -fs --max-time 2 "http://127.0.0.1:${rest_port[$node]}/cluster" && return
  done
}
# member_with_role ROLE [BUT]: a running member with ROLE (leader, sync_standby, replica) other than BUT.
member_with_role() { cluster | /usr/bin/python3 -c 'import json, sys
members = [m for m in json.load(sys.stdin).get("members", []) if m["role"] == sys.argv[1] and m["state"] in ("running", "streaming")
           and m["name"] != sys.argv[2]]
print(members[0]["name"] if members else "")' "$1" "${2:-}" 2>/dev/null || true; }
wait_for_role() {
  local role=$1 seconds=$2 but=${3:-} name
  for _ in $(seq $((seconds * 2))); do
    name=$(member_with_role "$role" "$but"); [ -n "$name" ] && { echo "$name"; return 0; }
    sleep 0.5
  done
  return 1
}

log "Patroni: $NODES nodes (PostgreSQL ports $(for n in $(seq "$NODES"); do printf "%s " "${pg_port[node$n]}"; done))"
start_node node1
wait_for_role leader 90 >/dev/null || { tail -30 "$WORK/node1.log"; exit 1; }
for n in $(seq 2 "$NODES"); do start_node "node$n"; done
wait_for_role sync_standby 120 >/dev/null || { cluster; tail -30 "$WORK/node2.log"; exit 1; }

servers=
for n in $(seq "$NODES"); do
  servers+="    server node$n 127.0.0.1:${pg_port[node$n]} check port ${rest_port[node$n]}"$'\n'
done
/usr/bin/python3 -c 'import sys; t = open(sys.argv[1]).read(); print(t.replace("@PORT@", sys.argv[2]).replace("@SERVERS@", sys.argv[3]), end="")' \
  deploy/drills/patroni/haproxy.cfg.in "$HAPROXY_PORT" "$servers" > "$WORK/haproxy.cfg"
haproxy -f "$WORK/haproxy.cfg" -db > "$WORK/haproxy.log" 2>&1 &
haproxy_pid=$!
primary_psql() { psql -h 127.0.0.1 -p "$HAPROXY_PORT" -U postgres -d coursera -v ON_ERROR_STOP=1 -qtA "$@"; }
# HAProxy counts every server up until its checks say otherwise: wait until several connections in a row (round
# robin over the servers it still thinks up) reach the primary.
in_a_row=0
for _ in $(seq 120); do
  if [ "$(psql -h 127.0.0.1 -p "$HAPROXY_PORT" -U postgres -d postgres -qtAc "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ]; then
    in_a_row=$((in_a_row + 1)); [ "$in_a_row" -ge $((NODES * 2)) ] && break
  else
    in_a_row=0
  fi
  sleep 0.25
done
[ "$in_a_row" -ge $((NODES * 2)) ] || { echo "HAProxy does not reach the primary" >&2; tail -20 "$WORK/haproxy.log"; exit 1; }
ensure_database "$HAPROXY_PORT" coursera
log "HAProxy on 127.0.0.1:$HAPROXY_PORT sends to the primary, $(member_with_role leader)"

start_redis "$WORK/redis" "$REDIS_PORT"
# HAProxy is the drill's own way to the primary either way (its checks and psql).
if [ "$via" = haproxy ]; then
  postgres="Host=127.0.0.1;Port=$HAPROXY_PORT"
else
  # Npgsql tries the hosts in turn and keeps the one that is not in recovery; it trusts what it learned of a host for
  # Host Recheck Seconds (10 by default), which would add to the outage after a promotion.
  hosts=; for n in $(seq "$NODES"); do hosts+="127.0.0.1:${pg_port[node$n]},"; done
  postgres="Host=${hosts%,};Target Session Attributes=primary;Host Recheck Seconds=1"
fi
log "Starting the host on 127.0.0.1:$HOST_PORT ($via: $postgres)"
ASPNETCORE_CONTENTROOT=$PWD/$out ASPNETCORE_URLS="http://127.0.0.1:$HOST_PORT" ASPNETCORE_ENVIRONMENT=Development \
  ConnectionStrings__Postgres="$postgres;Username=postgres;Database=coursera;Maximum Pool Size=50" \
  ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" Catalog__Seed=true Identity__Seed=true \
  Identity__KeysPath="$WORK/identity-keys" Identity__DevCredentialsPath="$WORK/dev-credentials.json" \
  Learner__KeysPath="$WORK/learner-keys" Mail__Path="$WORK/mail" Media__Storage__LocalPath="$WORK/media" \
  SampleVideos__Enabled=false RateLimiting__Enabled=false Logging__LogLevel__Default=Warning \
  dotnet "$out/Coursera.Host.dll" > "$WORK/host.log" 2>&1 &
host_pid=$!
wait_for_http "http://127.0.0.1:$HOST_PORT/health/ready" 180 || { tail -40 "$WORK/host.log"; exit 1; }

log "Write load: the seeded users enroll and report progress ($WARMUP s, then the kill, then $AFTER s)"
/usr/bin/python3 deploy/drills/write_load.py run "http://127.0.0.1:$HOST_PORT" "$WORK/dev-credentials.json" \
  $((WARMUP + AFTER)) "$WORK/writes.json" 2> "$WORK/load.log" &
load_pid=$!
# The load's clock starts once every learner has signed in.
for _ in $(seq 240); do grep -q "^load started" "$WORK/load.log" 2>/dev/null && break; kill -0 "$load_pid" 2>/dev/null || break; sleep 0.25; done
grep -q "^load started" "$WORK/load.log" || { cat "$WORK/load.log"; exit 1; }
sleep "$WARMUP"

old_primary=$(member_with_role leader)
[ -n "$old_primary" ] || { echo "No primary before the kill" >&2; cluster; exit 1; }
postmaster=$(head -1 "$WORK/$old_primary/data/postmaster.pid")
# Its children too (from /proc: a fresh machine may lack procps), all in one kill as when the machine goes.
backends=$(grep -l "^PPid:[[:space:]]*$postmaster\$" /proc/[0-9]*/status 2>/dev/null | cut -d/ -f3 | tr '\n' ' ' || true)
killed_at=$(date +%s.%N)
kill -KILL "${patroni_pid[$old_primary]}" "$postmaster" $backends 2>/dev/null || true
wait "${patroni_pid[$old_primary]}" 2>/dev/null || true
unset "patroni_pid[$old_primary]"
log "Killed $old_primary (Patroni and PostgreSQL, SIGKILL) at $(date -u -d "@$killed_at" +%T)"
new_primary=$(wait_for_role leader 120 "$old_primary" || true)
promoted_at=$(date +%s.%N)
log "New primary: ${new_primary:-none} after $(awk -v a="$killed_at" -v b="$promoted_at" 'BEGIN { printf "%.1f", b - a }') s"

wait "$load_pid" || { cat "$WORK/load.log"; load_pid=; exit 1; }
load_pid=
eval "$(/usr/bin/python3 deploy/drills/write_load.py figures "$WORK/writes.json" "$killed_at" | grep -E '^[a-z_]+=[^ ]*$')"
verdict=$(/usr/bin/python3 deploy/drills/write_load.py verify "$WORK/writes.json" \
  psql -h 127.0.0.1 -p "$HAPROXY_PORT" -U postgres -d coursera -v ON_ERROR_STOP=1 -qtA)
eval "$(echo "$verdict" | tr ' ' '\n')"

# An event published after the failover: the enrollments acknowledged after it are relayed (the outbox's LISTEN
# connection and the relay came back) and consumed by the assessment service (Redis stream to its inbox), through
# the same host process.
late_enrollments=$(/usr/bin/python3 -c 'import json, sys
log = json.load(open(sys.argv[1]))["log"]
print(" ".join(e["ack"]["enrollment"] for e in log if e.get("ok") and e["kind"] == "enroll" and e["start"] > float(sys.argv[2])))' \
  "$WORK/writes.json" "$promoted_at")
events_after=0 events_consumed=0
if [ -n "$late_enrollments" ]; then
  ids=$(for id in $late_enrollments; do printf "'%s'," "$id"; done); ids=${ids%,}
  events_after=$(echo "$late_enrollments" | wc -w)
  for _ in $(seq 60); do
    events_consumed=$(primary_psql -c "SELECT count(*) FROM assessment.enrollments WHERE id IN ($ids)")
    [ "$events_consumed" -ge "$events_after" ] && break
    sleep 0.5
  done
fi
ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HOST_PORT/health/ready" || true)
host_alive=no; kill -0 "$host_pid" 2>/dev/null && host_alive=yes

rejoined=skipped
if [ -n "$REJOIN" ]; then
  log "The old primary $old_primary rejoins (pg_rewind) as a replica"
  start_node "$old_primary"
  rejoined=no
  for _ in $(seq 120); do
    state=$(cluster | /usr/bin/python3 -c 'import json, sys
print(next((m["role"] + "/" + m["state"] for m in json.load(sys.stdin)["members"] if m["name"] == sys.argv[1]), ""))' "$old_primary" 2>/dev/null || true)
    case "$state" in replica/streaming|replica/running|sync_standby/streaming|sync_standby/running) rejoined=yes; break ;; esac
    sleep 1
  done
fi

failed=0
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
row() { # row FIGURE VALUE CONDITION: a line of the table, and the drill fails when CONDITION does not hold
  local verdict=ok
  if [ -n "$3" ] && ! eval "$3"; then verdict=MISSED; failed=1; fi
  [ -z "$3" ] && verdict=-
  printf '| %-40s | %-16s | %-6s |\n' "$1" "$2" "$verdict" >> "$WORK/table.txt"
}
elected=$(seconds_between "$killed_at" "$promoted_at")
{
  echo
  echo "PostgreSQL failover drill ($NODES Patroni nodes, synchronous_mode, host through $via; ttl $TTL s; $(nproc) cores; $(date -u +%FT%TZ))"
  printf '| %-40s | %-16s | %-6s |\n' "figure" "value" "goal"
  echo "|------------------------------------------|------------------|--------|"
} > "$WORK/table.txt"
row "writes acknowledged" "$acknowledged" '[ "$acknowledged" -gt 0 ]'
row "acknowledged writes lost" "$lost" '[ "$lost" -eq 0 ]'
row "write unavailability (s)" "$unavailable_seconds" "[ \"\$recovered\" = yes ] && awk -v s=\"\$unavailable_seconds\" 'BEGIN { exit !(s <= $UNAVAILABLE_GOAL) }'"
row "new primary seen by /cluster after (s)" "$elected" '[ -n "$new_primary" ] && [ "$new_primary" != "$old_primary" ]'
row "failed writes (errors, timeouts)" "$failed_writes" ""
row "last failed write after the kill (s)" "$last_failure_after_kill_seconds" ""
row "writes acknowledged after the kill" "$ok_after_kill" '[ "$ok_after_kill" -gt 0 ]'
row "same host process; /health/ready" "$host_alive; $ready" '[ "$host_alive" = yes ] && [ "$ready" = 200 ]'
row "enrollments after failover consumed" "$events_consumed/$events_after" '[ "$events_after" -gt 0 ] && [ "$events_consumed" -ge "$events_after" ]'
row "old primary rejoined as a replica" "$rejoined" '[ "$rejoined" != no ]'
[ "$failed" -eq 0 ] || { log "Host log (last lines):"; grep -E "fail|warn|error" -i "$WORK/host.log" | tail -15 >&2; }
cat "$WORK/table.txt"
exit "$failed"
