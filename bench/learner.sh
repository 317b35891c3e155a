#!/usr/bin/env bash
# Learner subgraph benchmark: throwaway PostgreSQL (fast mode) and Redis on free loopback ports, then
# bench/Coursera.Bench.Learner (Release), which starts the all-in-one host on a Kestrel port in its own process,
# publishes courses and signs learners in through the gateway, and measures (a) recordProgress reports ingested per
# second from many learners at once and (b) the latency of a learner's page of 50 enrollments with their outlines and
# progress, and (c) quizzes graded on the server (startAttempt + submitAttempt of a BENCH_QUIZ_QUESTIONS-question
# quiz, as many as the clients can), with the CPU (its own and PostgreSQL's) and SQL statements each request costs.
# Prints Markdown tables.
# Everything it started is stopped on success, failure and Ctrl-C.
#
#   bench/learner.sh
#   BENCH_SECONDS=5 BENCH_WARMUP_SECONDS=3 BENCH_REQUESTS=50 bench/learner.sh     # a quick look
#
# Settings (environment): BENCH_SECONDS measured load (20), BENCH_WARMUP_SECONDS load before it (10), BENCH_CLIENTS
# concurrent clients (32), BENCH_LEARNERS invited learners (32), BENCH_LEARNER_ENROLLMENTS each (5), BENCH_COURSES and
# so the page's enrollments (50), BENCH_MODULES per course (3), BENCH_ITEMS per module (4), BENCH_REQUESTS sequential
# requests per latency measurement (200), BENCH_QUIZ_QUESTIONS questions per quiz (20).
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/local/infra.sh

ensure_prerequisites
WORK=$(new_bench_workdir)
stop_bench_services_on_exit "$WORK"

PG_PORT=$(free_port)
REDIS_PORT=$(free_port)
psql_() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
# pg_stat_statements tells how many SQL statements each request costs and which; without it the benchmark runs all
# the same and says "n/a".
if start_postgres_with_statements "$WORK/postgres" "$PG_PORT"; then
  psql_ -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
fi
start_redis "$WORK/redis" "$REDIS_PORT"
log "Building"
dotnet build bench/Coursera.Bench.Learner -c Release -v quiet -nologo -clp:ErrorsOnly
log "Running (machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg))"
# The pool run.sh gives the host.
BENCH_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=50" \
BENCH_REDIS="127.0.0.1:$REDIS_PORT" \
  RateLimiting__Enabled=false dotnet bench/Coursera.Bench.Learner/bin/Release/net10.0/Coursera.Bench.Learner.dll
