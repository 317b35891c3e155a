#!/usr/bin/env bash
# Media benchmark: throwaway PostgreSQL (fast mode) and Redis on free loopback ports, then bench/Coursera.Bench.Media
# (Release), which measures (a) signed URL issuance per second in process for each signer, (b) transcoding speed as a
# multiple of real time (720p into the 240p/360p/720p ladder), then starts the all-in-one host with the reference edge
# (nginx) in front of its videos and measures (c) `playback` latency through the gateway at 32 concurrent enrolled
# learners and (d) time to first segment through the edge. Prints a Markdown table. Stops everything it started.
#
#   bench/media.sh
#   BENCH_LEARNERS=8 BENCH_SECONDS=5 BENCH_VIDEO_SECONDS=10 BENCH_FIRST_SEGMENTS=20 bench/media.sh   # a quick look
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
dotnet build bench/Coursera.Bench.Media -c Release -v quiet -nologo -clp:ErrorsOnly
log "Running (machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg))"
COURSERA_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=50" \
COURSERA_TEST_REDIS="127.0.0.1:$REDIS_PORT" \
  RateLimiting__Enabled=false dotnet bench/Coursera.Bench.Media/bin/Release/net10.0/Coursera.Bench.Media.dll
