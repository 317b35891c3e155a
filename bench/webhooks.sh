#!/usr/bin/env bash
# Webhook delivery benchmark: throwaway PostgreSQL (fast mode) and Redis on free loopback ports, then
# bench/Coursera.Bench.Webhooks (Release), which sends events through outbox, relay, stream, fan-out and dispatcher to
# a local receiver and prints a Markdown table. Everything it started is stopped on success, failure and Ctrl-C.
#
#   bench/webhooks.sh
#   BENCH_EVENTS=5000 BENCH_STEADY_SECONDS=10 bench/webhooks.sh     # a quick look
#
# Settings (environment): BENCH_EVENTS burst size (20000), BENCH_RATE steady events per second (200),
# BENCH_STEADY_SECONDS (30).
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/local/infra.sh

ensure_prerequisites
WORK=$(new_bench_workdir)
stop_bench_services_on_exit "$WORK"

PG_PORT=$(free_port)
REDIS_PORT=$(free_port)
start_postgres "$WORK/postgres" "$PG_PORT" fast
start_redis "$WORK/redis" "$REDIS_PORT"
log "Building"
dotnet build bench/Coursera.Bench.Webhooks -c Release -v quiet -nologo -clp:ErrorsOnly
log "Running (machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB)"
BENCH_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=100" \
BENCH_REDIS="127.0.0.1:$REDIS_PORT" \
  RateLimiting__Enabled=false dotnet bench/Coursera.Bench.Webhooks/bin/Release/net10.0/Coursera.Bench.Webhooks.dll
