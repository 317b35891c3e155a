#!/usr/bin/env bash
# Distributed mode on loopback: every service its own process, in the Production environment, behind HAProxy, on one
# PostgreSQL (a schema per service) and one Redis, with the sample data of ./run.sh.
#
#   deploy/local/distributed.sh                     foreground; Ctrl-C (or SIGTERM) stops everything it started
#   deploy/local/distributed.sh --background DIR    starts, prints the public URL once it serves, returns (for tests)
#   deploy/local/distributed.sh --stop DIR          stops what --background DIR started, waits until it is gone
#   deploy/local/distributed.sh --restart DIR NAME  (re)starts one instance, e.g. catalog-2 (after a drill killed it)
#   deploy/local/distributed.sh --add DIR NAME      starts one more instance, e.g. catalog-3 or gateway-3, and puts it
#                                                   into HAProxy's rotation (runtime API, no restart)
#
# DIR (a new or empty folder; foreground: .data/distributed) then holds url (the public URL), dev-credentials.json
# (the sample users, clients and secrets), ports (instance, port, management port), stores (PostgreSQL's and Redis's
# ports), instances/NAME.sh and .pid, logs/NAME.log, haproxy.cfg, and the stats page's address (haproxy-stats).
# Settings: COURSERA_PORT (public port, else a free one), DISTRIBUTED_CATALOG_INSTANCES (2), DISTRIBUTED_PG_PORT and
# DISTRIBUTED_REDIS_PORT (else free ones), DISTRIBUTED_BUILD=1 (build even when the outputs exist). Any other
# variable exported here (RateLimiting__Enabled=false, ...) reaches every service.
#
# Instances: gateway-1 and -2 (behind HAProxy's public frontend), identity, catalog-1..N, learner, assessment,
# billing, media (the subgraph), media-worker (the same service transcoding, no subgraph traffic), webhooks (the
# management subgraph) and webhooks-dispatcher (fan-out and delivery), and the grading worker. The gateways reach each
# subgraph through an internal HAProxy listener that balances its instances; every request to a subgraph is signed
# with the gateway key, which the subgraphs require.
#
# Sample data: before any service starts, the all-in-one host's `migrate` runs once (Development, seeds on): it applies
# every service's migrations and the host's cross-service sample steps (the seeded learner's entitlement, assessments,
# offers, videos) into the same database, and writes the development credentials. The services then start with
# seeding and migration off, as a production rollout would after its migration job.
{ # Read whole before it runs: editing this file while a run is under way cannot change that run.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
source deploy/local/infra.sh

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# --restart DIR NAME: an instance's command line is in DIR/instances/NAME.sh; the old process, if any, is stopped first.
restart_instance() {
  local dir=$1 name=$2
  [ -x "$dir/instances/$name.sh" ] || { echo "No instance $name in $dir" >&2; exit 1; }
  if pid_alive "$dir/instances/$name.pid"; then kill "$(cat "$dir/instances/$name.pid")"; fi
  setsid "$dir/instances/$name.sh" >> "$dir/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$dir/instances/$name.pid"
}

# --add DIR NAME: a copy of an instance of the same service (NAME without its -N) with ports of its own, started, and
# once ready added to its HAProxy backend through the runtime API.
add_instance() {
  local dir=$1 name=$2 service=${2%-*} model model_port model_mgmt port mgmt backend
  [ ! -e "$dir/instances/$name.sh" ] || { echo "$name exists already in $dir" >&2; exit 1; }
  model=$(awk -v s="$service" '$1 == s || $1 ~ "^" s "-[0-9]+$" {print $1; exit}' "$dir/ports")
  [ -n "$model" ] || { echo "No instance of $service in $dir to copy" >&2; exit 1; }
  model_port=$(awk -v n="$model" '$1 == n {print $2}' "$dir/ports")
  model_mgmt=$(awk -v n="$model" '$1 == n {print $3}' "$dir/ports")
  port=$(free_port)
  while mgmt=$(free_port); [ "$mgmt" = "$port" ]; do :; done
  sed -e "s/127\.0\.0\.1:$model_port\b/127.0.0.1:$port/g" -e "s/127\.0\.0\.1:$model_mgmt\b/127.0.0.1:$mgmt/g" \
    -e "s/Management__Port=$model_mgmt\b/Management__Port=$mgmt/" -e "s/coursera-$model\b/coursera-$name/" \
    "$dir/instances/$model.sh" > "$dir/instances/$name.sh"
  chmod 700 "$dir/instances/$name.sh"
  echo "$name $port $mgmt" >> "$dir/ports"
  restart_instance "$dir" "$name"
  for _ in $(seq 720); do
    curl -fs "http://127.0.0.1:$mgmt/health/ready" >/dev/null 2>&1 && break
    pid_alive "$dir/instances/$name.pid" || { echo "$name exited; its log ends:" >&2; tail -n 30 "$dir/logs/$name.log" >&2; exit 1; }
    sleep 0.25
  done
  if [ "$service" = gateway ]; then backend=gateways; else backend=subgraph-$service; fi
  # Dynamic servers take no default-server settings: the checks and the ramp are spelled out.
  /usr/bin/python3 - "$dir/haproxy.sock" "$backend/$name" "127.0.0.1:$port" <<'PY'
import socket, sys
sock, server, address = sys.argv[1:]
for command in (f"add server {server} {address} check inter 1s fall 2 rise 2 slowstart 10s",
                f"enable health {server}", f"enable server {server}"):
    with socket.socket(socket.AF_UNIX) as s:
        s.connect(sock)
        s.sendall((command + "\n").encode())
        answer = b"".join(iter(lambda: s.recv(4096), b"")).decode().strip()
    if answer and answer != "New server registered.":
        sys.exit(f"HAProxy refused '{command}': {answer}")
PY
  log "$name serves on 127.0.0.1:$port behind $backend"
}

case "${1:-}" in
  --add|--restart)
    [ $# -eq 3 ] || usage
    if [ "$1" = --add ]; then add_instance "$2" "$3"; else restart_instance "$2" "$3"; fi
    exit 0 ;;
  --stop)
    [ $# -eq 2 ] || usage
    if pid_alive "$2/distributed.pid"; then
      pid=$(cat "$2/distributed.pid")
      kill -TERM "$pid"
      for _ in $(seq 240); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      if kill -0 "$pid" 2>/dev/null; then echo "distributed.sh ($pid) did not stop in 60 s" >&2; exit 1; fi
    fi
    exit 0 ;;
  --background)
    [ $# -eq 2 ] || usage
    mkdir -p "$2"
    dir=$(cd "$2" && pwd)
    rm -f "$dir/url"
    # setsid: the platform outlives this shell and is stopped only by --stop (SIGTERM to the pid it records).
    setsid "$0" --serve "$dir" > "$dir/distributed.log" 2>&1 < /dev/null &
    echo $! > "$dir/distributed.pid"
    serving=$!
    while [ ! -f "$dir/url" ]; do
      if ! kill -0 "$serving" 2>/dev/null; then
        echo "Distributed mode did not start; its log ends:" >&2
        tail -n 40 "$dir/distributed.log" >&2
        exit 1
      fi
      sleep 1
    done
    cat "$dir/url"
    exit 0 ;;
  --serve) [ $# -eq 2 ] || usage; DIR=$2 ;;
  "") DIR=$ROOT/.data/distributed ;;
  *) usage ;;
esac

mkdir -p "$DIR/instances" "$DIR/logs" "$DIR/secrets"
# Readable by the postgres user (its cluster lives here); the instances' command lines and the secrets are not.
chmod 755 "$DIR"
chmod 700 "$DIR/instances" "$DIR/secrets"
echo $$ > "$DIR/distributed.pid"
rm -f "$DIR"/instances/*.pid # an earlier run's: their numbers may belong to other processes by now

ensure_prerequisites
command -v haproxy >/dev/null || apt_install haproxy
command -v openssl >/dev/null || apt_install openssl

# take_port VAR: a free port no other instance of this run was given (free_port alone may repeat one not yet bound).
taken=" "
take_port() {
  local candidate
  while :; do
    candidate=$(free_port)
    case "$taken" in *" $candidate "*) ;; *) taken="$taken$candidate "; printf -v "$1" %s "$candidate"; return ;; esac
  done
}

if [ -n "${COURSERA_PORT:-}" ]; then PUBLIC_PORT=$COURSERA_PORT; taken=" $PUBLIC_PORT "; else take_port PUBLIC_PORT; fi
if port_in_use "$PUBLIC_PORT"; then echo "Port $PUBLIC_PORT is taken; set COURSERA_PORT." >&2; exit 1; fi
if [ -n "${DISTRIBUTED_PG_PORT:-}" ]; then PG_PORT=$DISTRIBUTED_PG_PORT; else take_port PG_PORT; fi
if [ -n "${DISTRIBUTED_REDIS_PORT:-}" ]; then REDIS_PORT=$DISTRIBUTED_REDIS_PORT; else take_port REDIS_PORT; fi
take_port STATS_PORT
CATALOGS=${DISTRIBUTED_CATALOG_INSTANCES:-2}
PUBLIC=http://127.0.0.1:$PUBLIC_PORT

haproxy_pid=
cleanup() {
  # A second signal (a supervisor and a timeout both stopping us) must not cut the clean-up short.
  trap "" INT TERM
  trap - EXIT
  set +e
  local pidfile pids=()
  if [ -n "$haproxy_pid" ]; then kill "$haproxy_pid" 2>/dev/null; fi
  for pidfile in "$DIR"/instances/*.pid; do
    [ -f "$pidfile" ] || continue
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then kill "$(cat "$pidfile")"; pids+=("$(cat "$pidfile")"); fi
  done
  # Instances are not our children once restarted by a drill: wait by polling, then make sure.
  for _ in $(seq 80); do
    local alive=0 pid
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 0.25
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  wait 2>/dev/null
  stop_redis "$DIR/redis"
  stop_postgres "$DIR/postgres"
  rm -f "$DIR/url" "$DIR/distributed.pid" "$DIR"/instances/*.pid
  log "Stopped"
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM

start_postgres "$DIR/postgres" "$PG_PORT"
ensure_database "$PG_PORT" coursera
start_redis "$DIR/redis" "$REDIS_PORT"
printf 'postgres %s\nredis %s\n' "$PG_PORT" "$REDIS_PORT" > "$DIR/stores"

# The Release builds, built when one is missing (or always with DISTRIBUTED_BUILD=1): building the all-in-one host
# builds every service it references into the service's own output folder, the grading worker is apart.
for project in api/Coursera.Host api/Coursera.Gateway api/Coursera.Identity api/Coursera.Catalog api/Coursera.Learner \
  api/Coursera.Assessment api/Coursera.Billing api/Coursera.Media webhooks/Coursera.Webhooks; do
  if [ "${DISTRIBUTED_BUILD:-}" = 1 ] || [ ! -f "$project/bin/Release/net10.0/${project##*/}.dll" ]; then
    log "Building the services"
    dotnet build api/Coursera.Host -c Release -v quiet -nologo -clp:ErrorsOnly
    break
  fi
done
if [ "${DISTRIBUTED_BUILD:-}" = 1 ] || [ ! -f api/Coursera.GradingWorker/bin/Release/net10.0/Coursera.GradingWorker.dll ]; then
  dotnet build api/Coursera.GradingWorker -c Release -v quiet -nologo -clp:ErrorsOnly
fi

# Secrets of this run, generated once per folder and kept with it: the key the gateways sign subgraph requests with,
# the key ring's certificate (Production brings its own), the playback key of the (absent) CDN edge.
[ -f "$DIR/secrets/gateway-key" ] || head -c 32 /dev/urandom | base64 > "$DIR/secrets/gateway-key"
if [ ! -f "$DIR/secrets/key-ring.pfx" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$DIR/secrets/key-ring.key" -out "$DIR/secrets/key-ring.crt" -days 365 -subj /CN=coursera-distributed 2>/dev/null
  head -c 18 /dev/urandom | base64 > "$DIR/secrets/key-ring.password"
  openssl pkcs12 -export -out "$DIR/secrets/key-ring.pfx" -inkey "$DIR/secrets/key-ring.key" -in "$DIR/secrets/key-ring.crt" -passout "file:$DIR/secrets/key-ring.password"
  rm -f "$DIR/secrets/key-ring.key"
fi
[ -f "$DIR/secrets/edge-key" ] || head -c 32 /dev/urandom | base64 > "$DIR/secrets/edge-key"
mkdir -p "$DIR/media" "$DIR/mail" "$DIR/grading"

# What every process gets: the same stores, issuer, key ring and gateway key.
export ASPNETCORE_ENVIRONMENT=Production
export Logging__LogLevel__Default=${Logging__LogLevel__Default:-Warning}
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=coursera;Maximum Pool Size=30"
export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
export DataProtection__CertificatePath=$DIR/secrets/key-ring.pfx
DataProtection__CertificatePassword=$(cat "$DIR/secrets/key-ring.password")
export DataProtection__CertificatePassword
Subgraphs__GatewayKey=$(cat "$DIR/secrets/gateway-key")
export Subgraphs__GatewayKey
export Identity__Issuer=$PUBLIC/
export Identity__Authority=$PUBLIC/
# Plain HTTP is for loopback only (issue 18's TLS item): the public origin here is 127.0.0.1.
export Identity__RequireHttps=false
export Identity__KeysPath=$DIR/identity-keys
export Learner__KeysPath=$DIR/learner-keys
export Learner__InvitationUrl=$PUBLIC/account/register
export Mail__Path=$DIR/mail
export Media__Storage__LocalPath=$DIR/media
export Media__Storage__PublicBaseUrl=$PUBLIC
export Media__Playback__BaseUrl=http://127.0.0.1:8088/
export Media__Playback__Keys__0__Id=dist1
Media__Playback__Keys__0__Secret=$(cat "$DIR/secrets/edge-key")
export Media__Playback__Keys__0__Secret
# Webhooks to receivers on loopback over http (the journey's and the chaos drill's); production keeps both off.
export Webhooks__AllowPrivateTargets=true
export Webhooks__AllowPrivateTargetsOutsideDevelopment=true
export Webhooks__AllowHttp=true

if [ ! -f "$DIR/dev-credentials.json" ]; then
  log "Migrating every service's schema and loading the sample data (the all-in-one host's migrate step)"
  out=api/Coursera.Host/bin/Release/net10.0
  ASPNETCORE_ENVIRONMENT=Development Identity__Seed=true Catalog__Seed=true Identity__DevCredentialsPath="$DIR/dev-credentials.json" \
    ASPNETCORE_CONTENTROOT=$ROOT/$out dotnet "$out/Coursera.Host.dll" migrate > "$DIR/logs/migrate.log" 2>&1 \
    || { tail -n 40 "$DIR/logs/migrate.log" >&2; exit 1; }
fi

# The environment of every instance, kept so that one restarted later (--restart, by a drill) gets the same.
export -p | grep '^declare -x ' > "$DIR/instances/environment"

# instance NAME PROJECT [VAR=VALUE...]: writes the instance's command line (instances/NAME.sh) with a port and a
# management port of its own, and records them in DIR/ports.
: > "$DIR/ports"
instance() {
  local name=$1 project=$2 port mgmt assembly
  shift 2
  take_port port
  take_port mgmt
  assembly=${project##*/}
  {
    echo '#!/usr/bin/env bash'
    printf 'source %q\n' "$DIR/instances/environment"
    printf 'export ASPNETCORE_URLS=%q Management__Port=%q Service__Name=%q ASPNETCORE_CONTENTROOT=%q\n' \
      "http://127.0.0.1:$port;http://127.0.0.1:$mgmt" "$mgmt" "coursera-$name" "$ROOT/$project/bin/Release/net10.0"
    local setting
    for setting in "$@"; do printf 'export %q\n' "$setting"; done
    printf 'exec dotnet %q\n' "$ROOT/$project/bin/Release/net10.0/$assembly.dll"
  } > "$DIR/instances/$name.sh"
  chmod 700 "$DIR/instances/$name.sh"
  echo "$name $port $mgmt" >> "$DIR/ports"
}
port_of() { awk -v n="$1" '$1 == n {print $2}' "$DIR/ports"; }
mgmt_of() { awk -v n="$1" '$1 == n {print $3}' "$DIR/ports"; }

instance identity api/Coursera.Identity
for i in $(seq "$CATALOGS"); do instance "catalog-$i" api/Coursera.Catalog; done
instance learner api/Coursera.Learner
instance assessment api/Coursera.Assessment
instance billing api/Coursera.Billing
instance media api/Coursera.Media Media__Transcoding__RunWorker=false
instance media-worker api/Coursera.Media Media__Transcoding__RunWorker=true
instance webhooks webhooks/Coursera.Webhooks Webhooks__Dispatch=false
instance webhooks-dispatcher webhooks/Coursera.Webhooks Webhooks__Dispatch=true

# HAProxy's servers: NAME-PATTERN → "server ..." lines; each subgraph gets an internal listener the gateways call.
servers() {
  local pattern=$1 name
  for name in $(awk -v p="^($pattern)\$" '$1 ~ p {print $1}' "$DIR/ports"); do
    printf '    server %s 127.0.0.1:%s check\n' "$name" "$(port_of "$name")"
  done
}
listeners=
subgraph_settings=()
for subgraph in identity catalog learner assessment billing media webhooks; do
  take_port listen_port
  listeners+="listen subgraph-$subgraph"$'\n'"    bind 127.0.0.1:$listen_port"$'\n'"    balance roundrobin"$'\n'
  listeners+="$(servers "$subgraph|$subgraph-[0-9]+")"$'\n\n'
  subgraph_settings+=("Subgraphs__$subgraph=http://127.0.0.1:$listen_port/graphql")
  echo "subgraph-$subgraph $listen_port -" >> "$DIR/ports"
done
# Each gateway asks the subgraphs for their SDL every 10 s and recomposes when one changed (a subgraph deployed with a
# new schema is served without restarting the gateways; a change that does not compose is refused and reported).
instance gateway-1 api/Coursera.Gateway "${subgraph_settings[@]}" Gateway__SupergraphPollInterval=00:00:10
instance gateway-2 api/Coursera.Gateway "${subgraph_settings[@]}" Gateway__SupergraphPollInterval=00:00:10

config=$(cat deploy/local/haproxy.cfg.template)
config=${config//@PUBLIC_PORT@/$PUBLIC_PORT}
config=${config//@STATS_PORT@/$STATS_PORT}
config=${config//@SOCKET@/$DIR/haproxy.sock}
config=${config//@GATEWAY_SERVERS@/$(servers 'gateway-[0-9]+')}
config=${config//@IDENTITY_SERVERS@/$(servers identity)}
config=${config//@LEARNER_SERVERS@/$(servers learner)}
config=${config//@BILLING_SERVERS@/$(servers billing)}
config=${config//@MEDIA_SERVERS@/$(servers media)}
config=${config//@SUBGRAPH_LISTENERS@/$listeners}
echo "$config" > "$DIR/haproxy.cfg"
haproxy -c -q -f "$DIR/haproxy.cfg"
echo "http://127.0.0.1:$STATS_PORT/stats" > "$DIR/haproxy-stats"

# wait_ready NAME...: each instance's readiness on its management port, or the end of its log when it died.
wait_ready() {
  local name
  for name in "$@"; do
    for _ in $(seq 720); do
      curl -fs "http://127.0.0.1:$(mgmt_of "$name")/health/ready" >/dev/null 2>&1 && continue 2
      if ! pid_alive "$DIR/instances/$name.pid"; then
        echo "$name exited; its log ends:" >&2
        tail -n 30 "$DIR/logs/$name.log" >&2
        exit 1
      fi
      sleep 0.25
    done
    echo "$name was not ready within 180 s" >&2
    exit 1
  done
}

# Identity first, and made to protect something (its login form's antiforgery token): the platform's key ring then has
# its first key before the other instances start. Started together on an empty ring, several instances each create a
# key of their own and keep their first view of the ring, so a webhook secret one stored cannot be read by another
# (the dispatcher) until it restarts.
restart_instance "$DIR" identity
wait_ready identity
curl -fs -o /dev/null "http://127.0.0.1:$(port_of identity)/account/login"
for _ in $(seq 40); do
  [ "$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d coursera -tAc 'SELECT count(*) FROM data_protection.keys' 2>/dev/null || echo 0)" -gt 0 ] && break
  sleep 0.25
done
subgraph_instances=$(awk '$1 !~ /^(gateway|subgraph)-/ && $1 != "identity" {print $1}' "$DIR/ports")
log "Starting $(echo "$subgraph_instances" | wc -w) more service instances"
for name in $subgraph_instances; do restart_instance "$DIR" "$name"; done
wait_ready $subgraph_instances
# HAProxy before the gateways: they compose the supergraph through its subgraph listeners, and are ready only then.
haproxy -f "$DIR/haproxy.cfg" -db > "$DIR/logs/haproxy.log" 2>&1 &
haproxy_pid=$!
for name in gateway-1 gateway-2; do restart_instance "$DIR" "$name"; done
wait_ready gateway-1 gateway-2

# Served once a gateway behind HAProxy has composed the supergraph from every subgraph.
for _ in $(seq 240); do
  if curl -fs "$PUBLIC/graphql" -H 'Content-Type: application/json' -d '{"query":"{ courses(first: 1) { nodes { id } } }"}' \
    | grep -q '"nodes":\[{'; then
    break
  fi
  kill -0 "$haproxy_pid" 2>/dev/null || { echo "HAProxy exited:" >&2; tail -n 20 "$DIR/logs/haproxy.log" >&2; exit 1; }
  sleep 0.5
done

# The reference grading worker, signed in as the seeded grading client through the public edge.
secret=$(/usr/bin/python3 -c 'import json, sys
print(next(c["clientSecret"] for c in json.load(open(sys.argv[1]))["clients"] if c["clientId"] == "coursera-grading-worker"))' "$DIR/dev-credentials.json")
{
  echo '#!/usr/bin/env bash'
  printf 'source %q\n' "$DIR/instances/environment"
  printf 'export GradingWorker__Endpoint=%q GradingWorker__Authority=%q GradingWorker__ClientId=coursera-grading-worker\n' "$PUBLIC/graphql" "$PUBLIC"
  printf 'export GradingWorker__ClientSecret=%q GradingWorker__WorkFolder=%q DOTNET_CONTENTROOT=%q\n' "$secret" "$DIR/grading" "$ROOT/api/Coursera.GradingWorker/bin/Release/net10.0"
  printf 'exec dotnet %q\n' "$ROOT/api/Coursera.GradingWorker/bin/Release/net10.0/Coursera.GradingWorker.dll"
} > "$DIR/instances/grading-worker.sh"
chmod 700 "$DIR/instances/grading-worker.sh"
restart_instance "$DIR" grading-worker

echo "$PUBLIC" > "$DIR/url"
log "Serving $PUBLIC/graphql through HAProxy (stats: $(cat "$DIR/haproxy-stats")); Ctrl-C stops everything"
log "Sample users, clients and secrets: $DIR/dev-credentials.json; instances and ports: $DIR/ports; logs: $DIR/logs"
while :; do
  sleep 1 &
  wait $! || true
  kill -0 "$haproxy_pid" 2>/dev/null || { echo "HAProxy exited:" >&2; tail -n 20 "$DIR/logs/haproxy.log" >&2; exit 1; }
done
}
