#!/usr/bin/env bash
# Billing benchmark: throwaway PostgreSQL (fast mode) and Redis on free loopback ports, then bench/Coursera.Bench.Billing
# (Release), which starts the all-in-one host on a socket with the Stripe emulator beside it and measures (a)
# startCheckout latency (an order and a Stripe Checkout Session each) and (b) signed Stripe events ingested per second
# at /billing/stripe/webhook, new and duplicated. Prints a Markdown table. Stops everything it started.
#
#   bench/billing.sh
#   BENCH_LEARNERS=4 BENCH_OFFERS=5 bench/billing.sh      # a quick look
#
# Settings (environment): BENCH_LEARNERS (16) × BENCH_OFFERS (20, at most 34) checkouts, BENCH_CLIENTS concurrent
# clients (16).
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
dotnet build bench/Coursera.Bench.Billing -c Release -v quiet -nologo -clp:ErrorsOnly
log "Running (machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg))"
COURSERA_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=50" \
COURSERA_TEST_REDIS="127.0.0.1:$REDIS_PORT" \
  RateLimiting__Enabled=false dotnet bench/Coursera.Bench.Billing/bin/Release/net10.0/Coursera.Bench.Billing.dll
