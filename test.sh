#!/usr/bin/env bash
# Builds and runs every test project against throwaway PostgreSQL and Redis, then the GraphQL-over-HTTP
# conformance audits against a live host. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
source deploy/local/infra.sh

ensure_prerequisites --with-node

WORK=$(mktemp -d /tmp/coursera-test.XXXXXX)
chmod 755 "$WORK"
PG_PORT=$(free_port)
REDIS_PORT=$(free_port)
S3_PORT=$(free_port)
host_pid=
s3_pid=
cleanup() {
  # A second signal (a supervisor and a timeout both stopping us) must not cut the clean-up short.
  trap "" INT TERM
  trap - EXIT
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null
  [ -n "$s3_pid" ] && kill "$s3_pid" 2>/dev/null && wait "$s3_pid" 2>/dev/null
  stop_redis "$WORK/redis"
  stop_postgres "$WORK/postgres"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM

start_postgres "$WORK/postgres" "$PG_PORT" fast
start_redis "$WORK/redis" "$REDIS_PORT"
export COURSERA_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
export COURSERA_TEST_REDIS="127.0.0.1:$REDIS_PORT"

# A real S3 protocol server for the media service's S3 storage (s3rver from npm; its continuation tokens use DES,
# which Node's OpenSSL 3 keeps in the legacy provider).
(cd tests/s3rver && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
mkdir -p "$WORK/s3"
node --openssl-legacy-provider tests/s3rver/start.mjs "$S3_PORT" "$WORK/s3" > "$WORK/s3rver.log" 2>&1 &
s3_pid=$!
wait_for_http "http://127.0.0.1:$S3_PORT/media-test" 30 || { cat "$WORK/s3rver.log"; exit 1; }
export COURSERA_TEST_S3="http://127.0.0.1:$S3_PORT"
api/Coursera.Gateway/GraphiQL/web/build.sh; export COURSERA_TEST_GRAPHIQL=1  # GraphiQL for the gateway (npm ci + esbuild); its tests then check the build

log "Building"
dotnet build Coursera.sln -c Release -v quiet -nologo -clp:ErrorsOnly

log "Running the test projects"
set +e
dotnet test Coursera.sln -c Release --no-build -nologo -v quiet --logger "console;verbosity=minimal" 2>&1 | tee "$WORK/dotnet-test.log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -oE 'Passed: +[0-9]+' "$WORK/dotnet-test.log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$WORK/dotnet-test.log" | awk '{s += $2} END {print s + 0}')

log "GraphQL-over-HTTP conformance (graphql-http audits) against a live host"
(cd tests/conformance && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
ensure_database "$PG_PORT" conformance
HOST_PORT=$(free_port)
out=api/Coursera.Host/bin/Release/net10.0
ASPNETCORE_CONTENTROOT=$PWD/$out ASPNETCORE_URLS="http://127.0.0.1:$HOST_PORT" ASPNETCORE_ENVIRONMENT=Development \
  ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=conformance" \
  ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" Catalog__Seed=true Logging__LogLevel__Default=Warning \
  Identity__Seed=true Identity__KeysPath="$WORK/identity-keys" Identity__DevCredentialsPath="$WORK/dev-credentials.json" \
  Media__Storage__LocalPath="$WORK/media" SampleVideos__Enabled=false \
  dotnet "$out/Coursera.Host.dll" > "$WORK/host.log" 2>&1 &
host_pid=$!
wait_for_http "http://127.0.0.1:$HOST_PORT/health/ready" 120 || { cat "$WORK/host.log"; exit 1; }
conformance=0
# Only the public endpoint: the host serves no subgraph endpoint (the gateway calls them in process), and a subgraph
# served on its own answers through the same GraphQL-over-HTTP endpoint code as /graphql.
for path in /graphql; do
  if node tests/conformance/audit.mjs "http://127.0.0.1:$HOST_PORT$path"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); conformance=1
  fi
done
log "Samples (samples/run-samples.sh) against the live host, as its seeded API clients"
if samples/run-samples.sh "http://127.0.0.1:$HOST_PORT" "$WORK/dev-credentials.json"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); conformance=1
fi

# Operations, each proving itself against real components and printing its figures last: the observability check
# (real Prometheus scraping a live host: every dashboard query and rule expression), distributed mode behind HAProxy
# with a learner's journey, and the short drills (chaos under load, Patroni failover, pgBackRest restore).
# The host above is stopped first: two cores are enough for one platform at a time.
kill "$host_pid" 2>/dev/null || true
wait "$host_pid" 2>/dev/null || true
host_pid=
for drill in "deploy/observability/check.sh" "deploy/local/distributed-check.sh" "deploy/drills/chaos.sh --short" \
  "deploy/drills/failover.sh --short" "deploy/drills/restore.sh --short"; do
  log "Operations: $drill"
  started=$SECONDS
  if $drill; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); conformance=1
    echo "FAILED: $drill" >&2
  fi
  log "$drill took $((SECONDS - started)) s"
done

echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$conformance" -eq 0 ]
