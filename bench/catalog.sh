#!/usr/bin/env bash
# Catalog read benchmark. Builds Release, starts throwaway PostgreSQL (fast mode) and Redis on free loopback ports,
# generates a large catalog (BENCH_COURSES, default 100000 courses), starts the all-in-one host and drives two GraphQL
# workloads with wrk against 127.0.0.1 only. Prints a Markdown table (medians over rounds); raw outputs go to
# bench/out/catalog-<timestamp>/. Everything it started is stopped on success, failure and Ctrl-C.
#
#   bench/catalog.sh
#   BENCH_COURSES=20000 BENCH_ROUNDS=1 bench/catalog.sh     # a quick look
#
# Settings (environment): BENCH_COURSES (100000), BENCH_DURATION seconds per round (20), BENCH_ROUNDS (3),
# BENCH_CONNECTIONS (32), BENCH_THREADS wrk threads (2), BENCH_WARMUP seconds per workload (15),
# BENCH_PG_POOL host's Npgsql pool size (50, as ./run.sh), BENCH_SLOW_MS PostgreSQL slow-statement log threshold (100).
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/local/infra.sh

COURSES=${BENCH_COURSES:-100000}
DURATION=${BENCH_DURATION:-20}
ROUNDS=${BENCH_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-15}
POOL=${BENCH_PG_POOL:-50}
SLOW_MS=${BENCH_SLOW_MS:-100}

fail() { printf '\033[1;31mFAILED:\033[0m %s\n' "$*" >&2; exit 1; }

ensure_prerequisites
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v jq >/dev/null || missing+=(jq)
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing ${missing[*]} from Debian"
  apt_install "${missing[@]}"
fi

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$PWD/bench/out/catalog-$STAMP
mkdir -p "$OUT"
WORK=$(new_bench_workdir)
host_pid=
wrk_pid=
cleanup() {
  local status=$?
  set +e
  trap - INT TERM EXIT
  [ -n "$wrk_pid" ] && kill "$wrk_pid" 2>/dev/null && wait "$wrk_pid" 2>/dev/null
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null
  stop_redis "$WORK/redis"
  stop_postgres "$WORK/postgres"
  cp "$WORK/host.log" "$OUT/host.log" 2>/dev/null
  cp "$WORK/postgres/postgres.log" "$OUT/postgres.log" 2>/dev/null
  rm -rf "$WORK"
  log "Stopped everything; outputs in ${OUT#"$PWD"/}"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "Building (Release)"
dotnet build api/Coursera.Host -c Release -v quiet -nologo -clp:ErrorsOnly
dotnet build bench/Coursera.Bench.CatalogGenerator -c Release -v quiet -nologo -clp:ErrorsOnly

PG_PORT=$(free_port)
psql_() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "${PGDB:-postgres}" -v ON_ERROR_STOP=1 -qtA "$@"; }
# pg_stat_statements tells how many SQL statements each GraphQL request costs.
STATEMENTS=
start_postgres_with_statements "$WORK/postgres" "$PG_PORT" && STATEMENTS=1
ensure_database "$PG_PORT" bench
PGDB=bench
[ -n "$STATEMENTS" ] && psql_ -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
REDIS_PORT=$(free_port)
start_redis "$WORK/redis" "$REDIS_PORT"
PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bench"

log "Generating $COURSES courses"
dotnet bench/Coursera.Bench.CatalogGenerator/bin/Release/net10.0/Coursera.Bench.CatalogGenerator.dll \
  --courses "$COURSES" --connection "$PG" | tee "$OUT/generate.log"
generated_in=$(sed -n 's/^Generated the catalog in \([0-9.]*\) s$/\1/p' "$OUT/generate.log")
catalog_size=$(psql_ -F ' ' -c "SELECT
  (SELECT count(*) FROM catalog.courses), (SELECT count(*) FROM catalog.courses WHERE status = 'Published'),
  (SELECT count(*) FROM catalog.partners), (SELECT count(*) FROM catalog.instructors),
  (SELECT count(*) FROM catalog.modules), (SELECT count(*) FROM catalog.items), (SELECT count(*) FROM catalog.course_sessions)")
read -r n_courses n_published n_partners n_instructors n_modules n_items n_sessions <<<"$catalog_size"
# Every published slug, shuffled: the courseBySlug workload draws from all of them.
psql_ -c "SELECT slug FROM catalog.courses WHERE status = 'Published' ORDER BY random()" > "$WORK/slugs.txt"
psql_ -c "ALTER SYSTEM SET log_min_duration_statement = $SLOW_MS" -c "SELECT pg_reload_conf()" >/dev/null

HOST_PORT=$(free_port)
URL="http://127.0.0.1:$HOST_PORT/graphql"
out=api/Coursera.Host/bin/Release/net10.0
log "Starting the host on 127.0.0.1:$HOST_PORT (Production, logging at Warning)"
# Production wants a certificate for the Data Protection key ring and a public origin; the benchmark measures the
# engine, so the shared rate limits and the cost budget (one address, one caller) are off.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/dp.key" -out "$WORK/dp.crt" -days 2 -subj /CN=coursera-bench 2>/dev/null
openssl pkcs12 -export -out "$WORK/dp.pfx" -inkey "$WORK/dp.key" -in "$WORK/dp.crt" -passout pass:bench
ASPNETCORE_CONTENTROOT=$PWD/$out ASPNETCORE_URLS="http://127.0.0.1:$HOST_PORT" ASPNETCORE_ENVIRONMENT=Production \
  DataProtection__CertificatePath="$WORK/dp.pfx" DataProtection__CertificatePassword=bench \
  Identity__Issuer="http://127.0.0.1:$HOST_PORT/" Management__Port="$HOST_PORT" \
  RateLimiting__Enabled=false Gateway__CostBudget__RestoreRate=0 \
  ConnectionStrings__Postgres="$PG;Maximum Pool Size=$POOL" ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
  Catalog__MigrateOnStart=true Catalog__Seed=false Logging__LogLevel__Default=Warning \
  dotnet "$out/Coursera.Host.dll" > "$WORK/host.log" 2>&1 &
host_pid=$!
wait_for_http "http://127.0.0.1:$HOST_PORT/health/ready" 120 || { tail -n 40 "$WORK/host.log" >&2; fail "the host did not become ready"; }

# The same operations as bench/wrk/courses.lua and bench/wrk/course-by-slug.lua.
graphql() { curl -sS --max-time 30 -H 'content-type: application/json' -H 'accept: application/json' -d "$1" "$URL"; }
first_slug=$(head -n 1 "$WORK/slugs.txt")
courses_body='{"query":"{ courses(first: 20) { nodes { title partner { name } instructors { name } } } }"}'
slug_body=$(printf '{"query":"query Course($slug: String!) { courseBySlug(slug: $slug) { title modules { title items { title kind } } } }","variables":{"slug":"%s"}}' "$first_slug")
log "Checking that both operations return data without errors"
graphql "$courses_body" > "$OUT/check-courses.json" || fail "courses: request failed"
jq -e '(.errors == null) and (.data.courses.nodes | length) == 20
       and all(.data.courses.nodes[]; (.title | length) > 0 and (.partner.name | length) > 0 and (.instructors | length) > 0)' \
  "$OUT/check-courses.json" >/dev/null || { cat "$OUT/check-courses.json" >&2; fail "courses did not return 20 complete courses"; }
graphql "$slug_body" > "$OUT/check-course-by-slug.json" || fail "courseBySlug: request failed"
jq -e '(.errors == null) and (.data.courseBySlug.modules | length) >= 2
       and all(.data.courseBySlug.modules[]; (.items | length) >= 2 and all(.items[]; .kind != null))' \
  "$OUT/check-course-by-slug.json" >/dev/null || { cat "$OUT/check-course-by-slug.json" >&2; fail "courseBySlug($first_slug) did not return its modules and items"; }

# run_wrk OUTPUT SECONDS SCRIPT [-- ARGS]: one wrk run, bounded by its duration and by timeout; not in a subshell, so
# that cleanup can stop it. Its BENCH line (see bench/wrk/report.lua) is then read from OUTPUT.
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
status_kb() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$host_pid/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$host_pid/stat"; }
# GraphQL requests the host answered with 200 (its own ASP.NET Core metric): unlike wrk's count, it includes the
# requests still in flight when a round ended, which ran their SQL too.
served() {
  curl -s --max-time 10 "http://127.0.0.1:$HOST_PORT/metrics" | awk '/^http_server_request_duration_seconds_count/ &&
    /http_route="\/graphql"/ && /http_response_status_code="200"/ { s += $NF } END { printf "%d", s }'
}
mib() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }
TICKS=$(getconf CLK_TCK)

workloads=(courses course-by-slug)
declare -A script=([courses]=bench/wrk/courses.lua [course-by-slug]=bench/wrk/course-by-slug.lua)
declare -A label=([courses]='courses(first: 20) + partner + instructors' [course-by-slug]='courseBySlug + modules + items')
args_for() { if [ "$1" = course-by-slug ]; then echo "-- $WORK/slugs.txt"; fi; }

log "Warming up (${WARMUP}s per workload)"
for w in "${workloads[@]}"; do
  # shellcheck disable=SC2046
  run_wrk "$OUT/$w-warmup.txt" "$WARMUP" "${script[$w]}" $(args_for "$w")
done
idle_rss=$(status_kb VmRSS)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A rps p50 p99 errors cpu cpu_req peak rss sql
peak_reset=yes
for w in "${workloads[@]}"; do
  # Linux resets the peak RSS (VmHWM) to the current RSS when 5 is written to clear_refs.
  echo 5 > "/proc/$host_pid/clear_refs" 2>/dev/null || peak_reset=no
  [ -n "$STATEMENTS" ] && psql_ -c "SELECT pg_stat_statements_reset()" >/dev/null
  ticks0=$(cpu_ticks)
  served0=$(served)
  requests=0 r_rps=() r_p50=() r_p99=() errs=0
  for r in $(seq "$ROUNDS"); do
    # shellcheck disable=SC2046
    run_wrk "$OUT/$w-round$r.txt" "$DURATION" "${script[$w]}" $(args_for "$w")
    line=$(grep '^BENCH ' "$OUT/$w-round$r.txt")
    r_rps+=("$(field rps "$line")")
    r_p50+=("$(field p50_us "$line")")
    r_p99+=("$(field p99_us "$line")")
    requests=$((requests + $(field requests "$line")))
    errs=$((errs + $(field errors "$line") + $(field socket_errors "$line") + $(field timeouts "$line")))
    log "$w round $r/$ROUNDS: $(field rps "$line") req/s, p50 $(field p50_us "$line") us, p99 $(field p99_us "$line") us, errors $(field errors "$line")"
  done
  ticks1=$(cpu_ticks)
  served1=$(served)
  answered=$((served1 - served0))
  [ "$answered" -gt 0 ] || answered=$requests
  rps[$w]=$(printf '%s\n' "${r_rps[@]}" | median | awk '{ printf "%.0f", $1 }')
  p50[$w]=$(printf '%s\n' "${r_p50[@]}" | median | awk '{ printf "%.1f", $1 / 1000 }')
  p99[$w]=$(printf '%s\n' "${r_p99[@]}" | median | awk '{ printf "%.1f", $1 / 1000 }')
  errors[$w]=$errs
  cpu[$w]=$(awk -v t=$((ticks1 - ticks0)) -v hz="$TICKS" -v s=$((ROUNDS * DURATION)) 'BEGIN { printf "%.0f", 100 * t / hz / s }')
  cpu_req[$w]=$(awk -v t=$((ticks1 - ticks0)) -v hz="$TICKS" -v n="$requests" 'BEGIN { printf "%.2f", 1000 * t / hz / n }')
  peak[$w]=$(status_kb VmHWM)
  rss[$w]=$(status_kb VmRSS)
  sql[$w]=-
  if [ -n "$STATEMENTS" ]; then
    # Statements per GraphQL request: catalog statements counted by pg_stat_statements (reset after the warm-up).
    sql[$w]=$(psql_ -c "SELECT round(sum(calls)::numeric / $answered, 2) FROM pg_stat_statements WHERE query LIKE '%catalog.%'")
    psql_ -F ' | ' -P tuples_only=off -P footer=off -c "SELECT calls, round(mean_exec_time::numeric, 3) AS mean_ms, round(total_exec_time::numeric) AS total_ms,
        rows / greatest(calls, 1) AS rows_per_call, regexp_replace(query, '\s+', ' ', 'g') AS query
      FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 10" > "$OUT/$w-statements.txt"
  fi
done

{
  echo "Catalog benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
  echo "Catalog: $n_courses courses ($n_published published), $n_partners partners, $n_instructors instructors, $n_modules modules, $n_items items, $n_sessions sessions; generated in ${generated_in:-?} s"
  echo "wrk: $THREADS threads, $CONNECTIONS connections, $ROUNDS x ${DURATION}s per workload after ${WARMUP}s warm-up; medians over rounds. Load average before measuring: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| workload | RPS | p50 ms | p99 ms | errors | SQL/request | host CPU % | host CPU ms/request | peak RSS MiB | RSS after MiB |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for w in "${workloads[@]}"; do
    echo "| ${label[$w]} | ${rps[$w]} | ${p50[$w]} | ${p99[$w]} | ${errors[$w]} | ${sql[$w]} | ${cpu[$w]} | ${cpu_req[$w]} | $(mib "${peak[$w]}") | $(mib "${rss[$w]}") |"
  done
  echo
  echo "Host RSS after warm-up: $(mib "$idle_rss") MiB. Peak RSS is $([ "$peak_reset" = yes ] && echo "per workload (VmHWM reset before each)" || echo "since the host started (VmHWM could not be reset)"). Host CPU is the host process's own CPU time over the rounds: % of one core, and per request."
  slow=$(grep -c 'duration: ' "$WORK/postgres/postgres.log" 2>/dev/null || true)
  echo "PostgreSQL statements slower than ${SLOW_MS} ms during the runs: ${slow:-0} (postgres.log)."
} | tee "$OUT/summary.md"

total_errors=$(( ${errors[courses]} + ${errors[course-by-slug]} ))
[ "$total_errors" -eq 0 ] || fail "$total_errors requests failed during the runs (see $OUT)"
