#!/usr/bin/env bash
# Proves the observability setup against a running platform: promtool checks the configuration and runs the rule unit
# tests; then throwaway PostgreSQL and Redis with their exporters, the all-in-one host (Release build; built when
# missing) with a management port, a little real traffic (traffic.py: GraphQL and REST as the seeded clients and
# learner, a mutation, an enrollment, a webhook delivery), Redis stopped and started again empty (the consumers fail
# and recover, the relays publish their outbox again), and the real Prometheus scraping it all with the rules. Every
# dashboard query must return series and every rule expression must evaluate without error (queries.py). Prints a
# summary table last; exits non-zero on any failure. Everything it started is stopped on success, failure and Ctrl-C.
#
#   deploy/observability/check.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/infra.sh
OBS=deploy/observability
started=$SECONDS

ensure_prerequisites
missing=()
command -v prometheus >/dev/null && command -v promtool >/dev/null || missing+=(prometheus)
command -v prometheus-postgres-exporter >/dev/null || missing+=(prometheus-postgres-exporter)
command -v prometheus-redis-exporter >/dev/null || missing+=(prometheus-redis-exporter)
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing ${missing[*]} from Debian"
  apt_install "${missing[@]}"
fi

WORK=$(mktemp -d /tmp/coursera-observability.XXXXXX)
chmod 755 "$WORK"
PG_PORT=$(free_port)
REDIS_PORT=$(free_port)
HOST_PORT=$(free_port)
MANAGEMENT_PORT=$(free_port)
PROMETHEUS_PORT=$(free_port)
PG_EXPORTER_PORT=$(free_port)
REDIS_EXPORTER_PORT=$(free_port)
pids=()
cleanup() {
  # A second signal (a supervisor and a timeout both stopping us) must not cut the clean-up short.
  trap "" INT TERM
  trap - EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  stop_redis "$WORK/redis"
  stop_postgres "$WORK/postgres"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM

# The summary: one row per step, printed last.
rows=()
failed=0
record() {  # record STEP ok|FAIL DETAIL
  rows+=("$(printf '%-44s %-5s %s' "$1" "$2" "$3")")
  [ "$2" = ok ] || failed=1
}
summary() {
  echo
  printf '%-44s %-5s %s\n' "step" "result" "detail"
  printf '%s\n' "${rows[@]}"
  printf '%-44s %-5s %s\n' "total" "$([ "$failed" -eq 0 ] && echo ok || echo FAIL)" "$((SECONDS - started)) s"
}

log "promtool: configuration and rule unit tests"
sed -e "s#@HOST@#127.0.0.1:$MANAGEMENT_PORT#" -e "s#@POSTGRES_EXPORTER@#127.0.0.1:$PG_EXPORTER_PORT#" \
  -e "s#@REDIS_EXPORTER@#127.0.0.1:$REDIS_EXPORTER_PORT#" -e "s#rules/#$PWD/$OBS/rules/#" $OBS/prometheus.local.yml > "$WORK/prometheus.yml"
for config in $OBS/prometheus.yml "$WORK/prometheus.yml"; do
  if promtool check config "$config" > "$WORK/promtool.log" 2>&1; then
    record "promtool check config $(basename "$(dirname "$config")")/$(basename "$config")" ok "$(grep -c SUCCESS "$WORK/promtool.log") files"
  else
    cat "$WORK/promtool.log"; record "promtool check config $config" FAIL "see above"
  fi
done
if promtool test rules $OBS/tests/*.test.yml > "$WORK/promtool.log" 2>&1; then
  record "promtool test rules" ok "$(ls $OBS/tests/*.test.yml | wc -l) files, $(grep -c 'eval_time' $OBS/tests/*.test.yml | awk -F: '{s += $2} END {print s}') alert checks"
else
  cat "$WORK/promtool.log"; record "promtool test rules" FAIL "see above"
fi

start_postgres "$WORK/postgres" "$PG_PORT" fast
ensure_database "$PG_PORT" coursera
start_redis "$WORK/redis" "$REDIS_PORT"
DATA_SOURCE_NAME="postgresql://postgres@127.0.0.1:$PG_PORT/coursera?sslmode=disable" \
  prometheus-postgres-exporter --web.listen-address="127.0.0.1:$PG_EXPORTER_PORT" > "$WORK/postgres-exporter.log" 2>&1 &
pids+=($!)
prometheus-redis-exporter -redis.addr "redis://127.0.0.1:$REDIS_PORT" -web.listen-address "127.0.0.1:$REDIS_EXPORTER_PORT" \
  > "$WORK/redis-exporter.log" 2>&1 &
pids+=($!)

out=api/Coursera.Host/bin/Release/net10.0
if [ ! -f "$out/Coursera.Host.dll" ]; then
  log "Building the host"
  dotnet build api/Coursera.Host -c Release -v quiet -nologo -clp:ErrorsOnly
fi

log "Starting the host (management port $MANAGEMENT_PORT)"
host_started=$SECONDS
ASPNETCORE_CONTENTROOT=$PWD/$out ASPNETCORE_URLS="http://127.0.0.1:$HOST_PORT;http://127.0.0.1:$MANAGEMENT_PORT" \
  Management__Port=$MANAGEMENT_PORT ASPNETCORE_ENVIRONMENT=Development \
  ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=coursera" \
  ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" Catalog__Seed=true Identity__Seed=true Logging__LogLevel__Default=Warning \
  Identity__Issuer="http://127.0.0.1:$HOST_PORT/" Identity__KeysPath="$WORK/identity-keys" \
  Identity__DevCredentialsPath="$WORK/dev-credentials.json" DataProtection__CertificatePath="$WORK/key-ring/key-ring.pfx" \
  Webhooks__AllowPrivateTargets=true Media__Storage__LocalPath="$WORK/media" Mail__Path="$WORK/mail" \
  dotnet "$out/Coursera.Host.dll" > "$WORK/host.log" 2>&1 &
pids+=($!)
if wait_for_http "http://127.0.0.1:$MANAGEMENT_PORT/health/live" 240 && wait_for_http "http://127.0.0.1:$HOST_PORT/graphql?query=%7B__typename%7D" 60; then
  record "host started" ok "$((SECONDS - host_started)) s"
else
  tail -n 40 "$WORK/host.log"; record "host started" FAIL "see the log above"; summary; exit 1
fi

log "Prometheus on 127.0.0.1:$PROMETHEUS_PORT"
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/prometheus" \
  --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" --log.level=warn > "$WORK/prometheus.log" 2>&1 &
pids+=($!)
wait_for_http "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" 60 || { cat "$WORK/prometheus.log"; exit 1; }

log "Traffic as the seeded clients and learner"
traffic_started=$SECONDS
if /usr/bin/python3 $OBS/traffic.py "http://127.0.0.1:$HOST_PORT" "$WORK/dev-credentials.json" 20 > "$WORK/traffic.log" 2>&1; then
  record "traffic (GraphQL, REST, mutations, webhook)" ok "$((SECONDS - traffic_started)) s, $(grep -o '[0-9]* webhooks received' "$WORK/traffic.log")"
else
  cat "$WORK/traffic.log"; record "traffic" FAIL "see above"
fi

# Redis gone for a few seconds and back empty, as after a restart without persistence: the exporter sees it down,
# consumers fail until they recreate their groups, relays find their marker gone and publish the kept outbox again.
log "Redis stopped for 5 s and started again empty"
stop_redis "$WORK/redis"
sleep 5
start_redis "$WORK/redis" "$REDIS_PORT"

# What only comes with time: a finished transcoding try of the sample videos, the consumers' recovery, and enough
# scrapes after all of it for the rates of one minute.
log "Waiting for the sample videos' first transcoding and a recovered Redis"
waited=$SECONDS
# series QUERY: how many series Prometheus answers; value QUERY: the first one's value.
series() { curl -fsG "http://127.0.0.1:$PROMETHEUS_PORT/api/v1/query" --data-urlencode "query=$1" | /usr/bin/python3 -c 'import json, sys; print(len(json.load(sys.stdin)["data"]["result"]))'; }
value() { curl -fsG "http://127.0.0.1:$PROMETHEUS_PORT/api/v1/query" --data-urlencode "query=$1" | /usr/bin/python3 -c 'import json, sys; r = json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else 0)'; }
for _ in $(seq 60); do
  if [ "$(series 'coursera_media_transcoding_tries_total')" -gt 0 ] && [ "$(series 'coursera_events_consumer_failures_total')" -gt 0 ] \
    && [ "$(series 'redis_up == 1')" -gt 0 ] && [ "$(series 'min_over_time(redis_up[5m]) == 0')" -gt 0 ]; then
    break
  fi
  sleep 2
done
sleep 8
record "waited for transcoding, Redis recovery" ok "$((SECONDS - waited)) s; $(value 'count_over_time(up{job="coursera"}[10m])') scrapes of the host, Redis seen down $(value 'count_over_time((redis_up == 0)[10m:])') times"

log "Every dashboard query and rule expression"
# No payment is made by the traffic (it would need the Stripe emulator and its checkout page): the payment panels
# must evaluate without error but may be empty.
if /usr/bin/python3 $OBS/queries.py "http://127.0.0.1:$PROMETHEUS_PORT" $OBS/grafana/dashboards \
    "Payments by outcome and currency" "Money paid by currency (major units)" > "$WORK/queries.log" 2>&1; then
  record "dashboard queries and rule expressions" ok "$(tail -n 1 "$WORK/queries.log")"
else
  grep -v '^ok' "$WORK/queries.log"; record "dashboard queries and rule expressions" FAIL "$(tail -n 1 "$WORK/queries.log")"
fi
grep -E '^(ok|FAIL)' "$WORK/queries.log" | grep -E 'FAIL|empty|alerting .*(firing|pending)' | sed 's/^/    /' || true

summary
[ "$failed" -eq 0 ]
