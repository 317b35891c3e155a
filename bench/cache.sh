#!/usr/bin/env bash
# Cache benchmark: the same two catalog reads through /graphql of the all-in-one host, first with the cache off
# (Caching__Enabled=false), then on, in one run on one catalog. Same plumbing as bench/catalog.sh: throwaway PostgreSQL
# and Redis on free loopback ports, the catalog generator, wrk with bench/wrk/report.lua. Prints a Markdown table
# (medians over rounds) and the on/off ratios; raw outputs go to bench/out/cache-<timestamp>/.
#
#   bench/cache.sh
#   BENCH_COURSES=2000 BENCH_ROUNDS=3 BENCH_DURATION=10 bench/cache.sh
#
# Settings (environment): BENCH_COURSES (2000), BENCH_DURATION seconds per round (10), BENCH_ROUNDS (3),
# BENCH_CONNECTIONS (100), BENCH_THREADS (2), BENCH_WARMUP seconds per workload and mode (10), BENCH_PG_POOL (50).
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/local/infra.sh

COURSES=${BENCH_COURSES:-2000}
DURATION=${BENCH_DURATION:-10}
ROUNDS=${BENCH_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-100}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-10}
POOL=${BENCH_PG_POOL:-50}

fail() { printf '\033[1;31mFAILED:\033[0m %s\n' "$*" >&2; exit 1; }

ensure_prerequisites
command -v wrk >/dev/null || apt_install wrk
command -v jq >/dev/null || apt_install jq

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$PWD/bench/out/cache-$STAMP
mkdir -p "$OUT"
WORK=$(new_bench_workdir)
host_pid=
wrk_pid=
stop_host() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null
  host_pid=
}
cleanup() {
  local status=$?
  set +e
  trap - INT TERM EXIT
  [ -n "$wrk_pid" ] && kill "$wrk_pid" 2>/dev/null && wait "$wrk_pid" 2>/dev/null
  stop_host
  stop_redis "$WORK/redis"
  stop_postgres "$WORK/postgres"
  cp "$WORK"/host-*.log "$OUT/" 2>/dev/null
  rm -rf "$WORK"
  log "Stopped everything; outputs in ${OUT#"$PWD"/}"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${BENCH_NO_BUILD:-}" ]; then
  log "Building (Release)"
  dotnet build api/Coursera.Host -c Release -v quiet -nologo -clp:ErrorsOnly
  dotnet build bench/Coursera.Bench.CatalogGenerator -c Release -v quiet -nologo -clp:ErrorsOnly
fi

PG_PORT=$(free_port)
psql_() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench -v ON_ERROR_STOP=1 -qtA "$@"; }
start_postgres "$WORK/postgres" "$PG_PORT" fast
ensure_database "$PG_PORT" bench
REDIS_PORT=$(free_port)
start_redis "$WORK/redis" "$REDIS_PORT"
PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bench"

log "Generating $COURSES courses"
dotnet bench/Coursera.Bench.CatalogGenerator/bin/Release/net10.0/Coursera.Bench.CatalogGenerator.dll \
  --courses "$COURSES" --connection "$PG" > "$OUT/generate.log"
psql_ -c "SELECT slug FROM catalog.courses WHERE status = 'Published' ORDER BY random()" > "$WORK/slugs.txt"
n_published=$(wc -l < "$WORK/slugs.txt")

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/dp.key" -out "$WORK/dp.crt" -days 2 -subj /CN=coursera-bench 2>/dev/null
openssl pkcs12 -export -out "$WORK/dp.pfx" -inkey "$WORK/dp.key" -in "$WORK/dp.crt" -passout pass:bench
# Production also wants the key certificates are signed with.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/certificates.pem" 2>/dev/null
out=api/Coursera.Host/bin/Release/net10.0
HOST_PORT=$(free_port)
URL="http://127.0.0.1:$HOST_PORT/graphql"

# start_host on|off: the host as bench/catalog.sh starts it, with the cache switched on or off.
start_host() {
  local enabled=true
  [ "$1" = off ] && enabled=false
  ASPNETCORE_CONTENTROOT=$PWD/$out ASPNETCORE_URLS="http://127.0.0.1:$HOST_PORT" ASPNETCORE_ENVIRONMENT=Development Identity__KeysPath="$WORK/identity-keys" \
    DataProtection__CertificatePath="$WORK/dp.pfx" DataProtection__CertificatePassword=bench \
    Identity__Issuer="http://127.0.0.1:$HOST_PORT/" Management__Port="$HOST_PORT" \
    RateLimiting__Enabled=false Gateway__CostBudget__RestoreRate=0 Caching__Enabled=$enabled Learner__CertificateSigningKey="$(cat "$WORK/certificates.pem")" \
    ConnectionStrings__Postgres="$PG;Maximum Pool Size=$POOL" ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
    Catalog__MigrateOnStart=true Catalog__Seed=false Logging__LogLevel__Default=Warning \
    dotnet "$out/Coursera.Host.dll" > "$WORK/host-cache-$1.log" 2>&1 &
  host_pid=$!
  wait_for_http "http://127.0.0.1:$HOST_PORT/health/ready" 180 || { tail -n 40 "$WORK/host-cache-$1.log" >&2; fail "the host did not become ready"; }
}

run_wrk() {
  local output=$1 seconds=$2 script=$3
  shift 3
  BENCH_WRK_DIR=$PWD/bench/wrk timeout --signal=INT $((seconds + 30)) \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s --latency -s "$script" "$URL" "$@" > "$output" 2>&1 &
  wrk_pid=$!
  wait "$wrk_pid" || { cat "$output" >&2; fail "wrk failed"; }
  wrk_pid=
  grep -q '^BENCH ' "$output" || { cat "$output" >&2; fail "wrk printed no result"; }
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

workloads=(courses course-by-slug)
declare -A script=([courses]=bench/wrk/courses-with-ids.lua [course-by-slug]=bench/wrk/course-by-slug.lua)
declare -A label=([courses]='courses(first: 20) { id title partner instructors }' [course-by-slug]='courseBySlug + modules + items')
args_for() { if [ "$1" = course-by-slug ]; then echo "-- $WORK/slugs.txt"; fi; }

declare -A rps p50 p99 errors
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for mode in off on; do
  log "Cache $mode: starting the host on 127.0.0.1:$HOST_PORT"
  start_host "$mode"
  curl -sS --max-time 30 -H 'content-type: application/json' \
    -d '{"query":"{ courses(first: 20) { nodes { id title partner { name } instructors { name } } } }"}' "$URL" > "$OUT/check-$mode.json"
  jq -e '(.errors == null) and (.data.courses.nodes | length) == 20' "$OUT/check-$mode.json" >/dev/null \
    || { cat "$OUT/check-$mode.json" >&2; fail "courses did not return 20 courses"; }
  for w in "${workloads[@]}"; do
    # shellcheck disable=SC2046
    run_wrk "$OUT/$w-$mode-warmup.txt" "$WARMUP" "${script[$w]}" $(args_for "$w")
    r_rps=() r_p50=() r_p99=() errs=0
    for r in $(seq "$ROUNDS"); do
      # shellcheck disable=SC2046
      run_wrk "$OUT/$w-$mode-round$r.txt" "$DURATION" "${script[$w]}" $(args_for "$w")
      line=$(grep '^BENCH ' "$OUT/$w-$mode-round$r.txt")
      r_rps+=("$(field rps "$line")") r_p50+=("$(field p50_us "$line")") r_p99+=("$(field p99_us "$line")")
      errs=$((errs + $(field errors "$line") + $(field socket_errors "$line") + $(field timeouts "$line")))
      log "$w, cache $mode, round $r/$ROUNDS: $(field rps "$line") req/s, p50 $(field p50_us "$line") us, p99 $(field p99_us "$line") us"
    done
    rps[$w-$mode]=$(printf '%s\n' "${r_rps[@]}" | median | awk '{ printf "%.0f", $1 }')
    p50[$w-$mode]=$(printf '%s\n' "${r_p50[@]}" | median | awk '{ printf "%.1f", $1 / 1000 }')
    p99[$w-$mode]=$(printf '%s\n' "${r_p99[@]}" | median | awk '{ printf "%.1f", $1 / 1000 }')
    errors[$w-$mode]=$errs
  done
  stop_host
done

{
  echo "Cache benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1))"
  echo "Catalog: $COURSES courses generated ($n_published published). wrk: $THREADS threads, $CONNECTIONS connections, $ROUNDS x ${DURATION}s per workload and mode after ${WARMUP}s warm-up; medians over rounds."
  echo "Load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| workload | cache | RPS | p50 ms | p99 ms | errors |"
  echo "| --- | --- | ---: | ---: | ---: | ---: |"
  for w in "${workloads[@]}"; do
    for mode in off on; do
      echo "| ${label[$w]} | $mode | ${rps[$w-$mode]} | ${p50[$w-$mode]} | ${p99[$w-$mode]} | ${errors[$w-$mode]} |"
    done
  done
  echo
  for w in "${workloads[@]}"; do
    awk -v l="${label[$w]}" -v on="${rps[$w-on]}" -v off="${rps[$w-off]}" -v p_on="${p99[$w-on]}" -v p_off="${p99[$w-off]}" \
      'BEGIN { printf "%s: RPS on/off %.2f, p99 off/on %.2f\n", l, on / off, p_off / p_on }'
  done
} | tee "$OUT/summary.md"
