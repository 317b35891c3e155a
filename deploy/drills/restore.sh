#!/usr/bin/env bash
# Backup and restore drill (pgBackRest): a running platform (the all-in-one host with sample data) on a PostgreSQL
# that archives its WAL to a pgBackRest repository (a folder here, an S3 bucket in production: see
# deploy/drills/pgbackrest/pgbackrest.conf.in); learners write through GraphQL (deploy/drills/write_load.py) between
# a full and an incremental backup and after it; the drill records a target time once the platform is quiet, writes
# more after it, then restores to that time into a fresh cluster on another port, starts the platform on it and
# checks it serves (/health/ready and a GraphQL query), and compares the row count and checksum of every table of
# every service schema with the source as it was at the target. Reports RPO (rows of the target lost or extra: goal
# none; the worst case for an unplanned loss is archive_timeout) and RTO (from the restore command to the platform
# answering). Exits non-zero when a goal is missed. Everything it started is stopped on success, failure and Ctrl-C.
#
#   deploy/drills/restore.sh            # 40 s of writes in each phase
#   deploy/drills/restore.sh --short    # CI: 10 s in each phase
#
# Settings (environment): RESTORE_WRITE_SECONDS (writes per phase), RESTORE_PG_PORT and RESTORE_RESTORED_PORT (source
# and restored clusters; free ports when unset), RESTORE_REDIS_PORT, RESTORE_ARCHIVE_TIMEOUT (60 s),
# RESTORE_RTO_GOAL (300 s), TMPDIR (where the work folder is made).
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/infra.sh

short=
for arg in "$@"; do
  case "$arg" in
    --short) short=1 ;;
    *) echo "usage: $0 [--short]" >&2; exit 2 ;;
  esac
done
if [ -n "$short" ]; then WRITES=${RESTORE_WRITE_SECONDS:-10}; else WRITES=${RESTORE_WRITE_SECONDS:-40}; fi
ARCHIVE_TIMEOUT=${RESTORE_ARCHIVE_TIMEOUT:-60}
RTO_GOAL=${RESTORE_RTO_GOAL:-300}

ensure_prerequisites
command -v pgbackrest >/dev/null || { log "Installing pgbackrest from Debian"; apt_install pgbackrest; }
out=api/Coursera.Host/bin/Release/net10.0
if [ ! -f "$out/Coursera.Host.dll" ]; then
  log "Building the host"
  dotnet build api/Coursera.Host -c Release -v quiet -nologo -clp:ErrorsOnly
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/coursera-restore.XXXXXX")
chmod 755 "$WORK"
host_pid= restored_host_pid=
stop_host() { local pid=$1; [ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; return 0; }
cleanup() {
  local status=$?
  # A second signal (a supervisor and a timeout both stopping us) must not cut the clean-up short.
  trap "" INT TERM
  trap - EXIT
  set +e
  stop_host "$host_pid"; stop_host "$restored_host_pid"
  stop_postgres "$WORK/source"; stop_postgres "$WORK/restored"
  stop_redis "$WORK/redis"; stop_redis "$WORK/restored-redis"
  if [ "$status" -ne 0 ] && [ -n "${RESTORE_KEEP_WORK:-}" ]; then log "Work folder kept: $WORK"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM

port_or_free() { if [ -n "$1" ]; then echo "$1"; else free_port; fi; }
PG_PORT=$(port_or_free "${RESTORE_PG_PORT:-}")
RESTORED_PORT=$(port_or_free "${RESTORE_RESTORED_PORT:-}")
REDIS_PORT=$(port_or_free "${RESTORE_REDIS_PORT:-}")
RESTORED_REDIS_PORT=$(free_port)
HOST_PORT=$(free_port)
RESTORED_HOST_PORT=$(free_port)

# pgBackRest runs as the PostgreSQL user (it reads the data folder and is run by archive_command); its repository,
# logs and locks are that user's.
mkdir -p "$WORK/repo" "$WORK/pgbackrest/log" "$WORK/pgbackrest/lock" "$WORK/pgbackrest/spool"
if [ "$(id -u)" -eq 0 ]; then chown -R "$(pg_user)" "$WORK/repo" "$WORK/pgbackrest"; fi
CONF=$WORK/pgbackrest/pgbackrest.conf
sed -e "s|@REPO@|$WORK/repo|; s|@LOGS@|$WORK/pgbackrest/log|; s|@LOCKS@|$WORK/pgbackrest/lock|; s|@SPOOL@|$WORK/pgbackrest/spool|" \
    -e "s|@DATA@|$WORK/source/data|; s|@PORT@|$PG_PORT|; s|@SOCKETS@|$WORK/source/run|" \
    deploy/drills/pgbackrest/pgbackrest.conf.in > "$CONF"
chmod 644 "$CONF"
backrest() { as_pg pgbackrest --config="$CONF" --stanza=coursera "$@"; }

# The source: a durable cluster (no fast mode) archiving every WAL segment, at the latest archive_timeout seconds after
# its first write.
start_postgres "$WORK/source" "$PG_PORT"
source_psql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "${DB:-coursera}" -v ON_ERROR_STOP=1 -qtA "$@"; }
DB=postgres source_psql \
  -c "ALTER SYSTEM SET archive_mode = on" \
  -c "ALTER SYSTEM SET archive_command = 'pgbackrest --config=$CONF --stanza=coursera archive-push %p'" \
  -c "ALTER SYSTEM SET archive_timeout = '$ARCHIVE_TIMEOUT'" \
  -c "ALTER SYSTEM SET wal_level = replica" >/dev/null
stop_postgres "$WORK/source"
start_postgres "$WORK/source" "$PG_PORT"
ensure_database "$PG_PORT" coursera
backrest stanza-create
backrest check

start_redis "$WORK/redis" "$REDIS_PORT"
# start_platform PG_PORT REDIS_PORT HTTP_PORT LOG [seed]: the all-in-one host; echoes its pid. Keys live outside the
# database (as they would in a secret store), shared by the source and the restored platform.
start_platform() {
  local seed=false; [ "${5:-}" = seed ] && seed=true
  ASPNETCORE_CONTENTROOT=$PWD/$out ASPNETCORE_URLS="http://127.0.0.1:$3" ASPNETCORE_ENVIRONMENT=Development \
    ConnectionStrings__Postgres="Host=127.0.0.1;Port=$1;Username=postgres;Database=coursera;Maximum Pool Size=50" \
    ConnectionStrings__Redis="127.0.0.1:$2" Catalog__Seed=$seed Identity__Seed=$seed \
    Identity__KeysPath="$WORK/identity-keys" Identity__DevCredentialsPath="$WORK/dev-credentials.json" \
    Learner__KeysPath="$WORK/learner-keys" Mail__Path="$WORK/mail" Media__Storage__LocalPath="$WORK/media" \
    DataProtection__CertificatePath="$WORK/data-protection/key-ring.pfx" \
    SampleVideos__Enabled=false RateLimiting__Enabled=false Logging__LogLevel__Default=Warning \
    dotnet "$out/Coursera.Host.dll" > "$4" 2>&1 &
  echo $!
}
log "Starting the platform on the source (sample data)"
host_pid=$(start_platform "$PG_PORT" "$REDIS_PORT" "$HOST_PORT" "$WORK/host.log" seed)
wait_for_http "http://127.0.0.1:$HOST_PORT/health/ready" 180 || { tail -40 "$WORK/host.log"; exit 1; }

writes() {
  log "Writes: the seeded users enroll and report progress for $WRITES s ($1)"
  /usr/bin/python3 deploy/drills/write_load.py run "http://127.0.0.1:$HOST_PORT" "$WORK/dev-credentials.json" "$WRITES" \
    "$WORK/writes-$1.json" 2> "$WORK/load-$1.log" || { cat "$WORK/load-$1.log"; exit 1; }
}
backup() {
  local started; started=$(date +%s.%N)
  backrest backup --type="$1"
  awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}

log "Full backup"
full_seconds=$(backup full)
writes between-backups
log "Incremental backup"
incr_seconds=$(backup incr)
writes after-incremental

# Every table of every service schema: its row count and a checksum of its rows (order-independent).
SCHEMAS="'catalog','learner','assessment','billing','identity','webhooks','media'"
checksums() { # checksums PSQL...: "schema.table count checksum" lines, from one query (one pass over a quiet database)
  "$@" -c "SELECT string_agg(format(
               \$q\$SELECT %L || ' ' || count(*) || ' ' || coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '-') FROM %I.%I t\$q\$,
               table_schema || '.' || table_name, table_schema, table_name), ' UNION ALL ' ORDER BY table_schema, table_name)
           FROM information_schema.tables WHERE table_schema IN ($SCHEMAS) AND table_type = 'BASE TABLE'" | "$@" | sort
}

# The target: a moment when the platform is quiet (the background relays and consumers have caught up), so the
# source's state at that moment is known: the checksums read before and after it agree.
log "Waiting for the platform to settle, then recording the target time"
checksums source_psql > "$WORK/before.txt"
for _ in $(seq 30); do
  sleep 2
  checksums source_psql > "$WORK/settled.txt"
  cmp -s "$WORK/before.txt" "$WORK/settled.txt" && break
  mv "$WORK/settled.txt" "$WORK/before.txt"
done
target=$(source_psql -c "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")
sleep 1
checksums source_psql > "$WORK/source-at-target.txt"
unsettled=$(diff "$WORK/settled.txt" "$WORK/source-at-target.txt" | grep -c '^>' || true)
[ "$unsettled" -eq 0 ] || log "Tables still changing at the target (not compared): $(diff "$WORK/settled.txt" "$WORK/source-at-target.txt" | sed -n 's/^> \([^ ]*\).*/\1/p' | tr '\n' ' ')"
log "Target time: $target"

# Writes after the target: the restore must not have them.
writes after-target
# Rows written after the target: new enrollments and progress documents updated (every report updates one).
after_target="SELECT (SELECT count(*) FROM learner.enrollments WHERE enrolled_at > '$target')
                   + (SELECT count(*) FROM learner.doc_progress WHERE updated_at > '$target')"
after_target_rows=$(source_psql -c "$after_target")
# The segment holding the target and what follows reaches the repository now rather than at archive_timeout.
source_psql -c "SELECT pg_switch_wal()" >/dev/null
source_psql -c "CHECKPOINT" >/dev/null
backrest check >/dev/null

log "Restoring to $target into a fresh cluster"
restore_started=$(date +%s.%N)
mkdir -p "$WORK/restored"; chmod 700 "$WORK/restored"
if [ "$(id -u)" -eq 0 ]; then chown "$(pg_user)" "$WORK/restored"; fi
as_pg mkdir -p "$WORK/restored/data" "$WORK/restored/run"
# archive-mode=off: the restored copy must not push its new timeline into the source's repository.
backrest restore --pg1-path="$WORK/restored/data" --type=time --target="$target" --target-action=promote \
  --archive-mode=off --set="$(backrest info --output=json | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["backup"][-1]["label"])')"
# Not start_postgres: a loopback port free a minute ago may be some client's ephemeral port now; then take another.
# Recovery refuses settings lower than the source's (max_connections of start_postgres).
for attempt in 1 2 3; do
  port_in_use "$RESTORED_PORT" && RESTORED_PORT=$(free_port)
  as_pg "$(pg_bindir)/pg_ctl" -D "$WORK/restored/data" -l "$WORK/restored/postgres.log" -w -t 300 \
    -o "-p $RESTORED_PORT -k $WORK/restored/run -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null && break
  grep -q "could not bind" "$WORK/restored/postgres.log" && [ "$attempt" -lt 3 ] || { tail -20 "$WORK/restored/postgres.log"; exit 1; }
  RESTORED_PORT=$(free_port)
done
log "Restored cluster on 127.0.0.1:$RESTORED_PORT"
restored_psql() { psql -h 127.0.0.1 -p "$RESTORED_PORT" -U postgres -d coursera -v ON_ERROR_STOP=1 -qtA "$@"; }
for _ in $(seq 240); do [ "$(restored_psql -c "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ] && break; sleep 0.25; done
restored_at=$(date +%s.%N)
checksums restored_psql > "$WORK/restored.txt"

# The platform on the restored cluster, with a Redis of its own (as after losing everything): the relays publish
# again what the new Redis lacks.
start_redis "$WORK/restored-redis" "$RESTORED_REDIS_PORT"
restored_host_pid=$(start_platform "$RESTORED_PORT" "$RESTORED_REDIS_PORT" "$RESTORED_HOST_PORT" "$WORK/restored-host.log")
ready=no
wait_for_http "http://127.0.0.1:$RESTORED_HOST_PORT/health/ready" 180 && ready=yes
courses_answered=$(curl -fs "http://127.0.0.1:$RESTORED_HOST_PORT/graphql" -H 'Content-Type: application/json' \
  -d '{"query":"{ courses(first: 100) { nodes { id title } } }"}' | /usr/bin/python3 -c 'import json, sys
answer = json.load(sys.stdin); print(len(answer["data"]["courses"]["nodes"]) if not answer.get("errors") else -1)' 2>/dev/null || echo -1)
answered_at=$(date +%s.%N)
courses_published=$(restored_psql -c "SELECT count(*) FROM catalog.courses WHERE status = 'Published' OR status = 'PUBLISHED'" 2>/dev/null || echo '?')

# Compared: every table that was settled at the target.
compared=0 differing=0 rows=0 rows_off=0
while read -r table count sum; do
  grep -qx "$table $count $sum" "$WORK/settled.txt" || continue
  compared=$((compared + 1)); rows=$((rows + count))
  if ! grep -qx "$table $count $sum" "$WORK/restored.txt"; then
    differing=$((differing + 1))
    restored_count=$(grep "^$table " "$WORK/restored.txt" | cut -d' ' -f2); restored_count=${restored_count:-0}
    # Same count, other rows: at least one row lost and one extra.
    off=$((count > restored_count ? count - restored_count : restored_count - count)); [ "$off" -gt 0 ] || off=2
    rows_off=$((rows_off + off))
    echo "differs: $table source $count rows, restored $restored_count rows" >&2
  fi
done < "$WORK/source-at-target.txt"
count_of() { grep "^$1 " "$2" | cut -d' ' -f2; }
restored_after_target=$(restored_psql -c "$after_target")

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
failed=0
row() { # row FIGURE VALUE CONDITION: a line of the table; the drill fails when CONDITION does not hold
  local verdict=-
  if [ -n "$3" ]; then if eval "$3"; then verdict=ok; else verdict=MISSED; failed=1; fi; fi
  printf '| %-48s | %-22s | %-6s |\n' "$1" "$2" "$verdict" >> "$WORK/table.txt"
}
rto=$(seconds "$restore_started" "$answered_at")
{
  echo
  echo "Restore drill (pgBackRest $(pgbackrest version | cut -d' ' -f2), repository folder, archive_timeout $ARCHIVE_TIMEOUT s; $(nproc) cores; $(date -u +%FT%TZ))"
  printf '| %-48s | %-22s | %-6s |\n' "figure" "value" "goal"
  echo "|--------------------------------------------------|------------------------|--------|"
} > "$WORK/table.txt"
row "full backup, incremental backup (s)" "$full_seconds, $incr_seconds" ""
row "enrollments at the target (source, restored)" "$(count_of learner.enrollments "$WORK/source-at-target.txt"), $(count_of learner.enrollments "$WORK/restored.txt")" ""
row "progress documents (source, restored)" "$(count_of learner.doc_progress "$WORK/source-at-target.txt"), $(count_of learner.doc_progress "$WORK/restored.txt")" ""
row "courses, users (restored)" "$(count_of catalog.courses "$WORK/restored.txt"), $(count_of identity.users "$WORK/restored.txt")" ""
row "tables compared (their rows)" "$compared ($rows)" '[ "$compared" -ge 20 ]'
row "RPO at the target: rows lost or extra" "$rows_off ($differing tables)" '[ "$differing" -eq 0 ]'
row "rows written after the target (source; restored)" "$after_target_rows; $restored_after_target" '[ "$after_target_rows" -gt 0 ] && [ "$restored_after_target" -eq 0 ]'
row "RPO worst case, primary lost (s)" "archive_timeout $ARCHIVE_TIMEOUT" ""
row "restore + recovery to the target (s)" "$(seconds "$restore_started" "$restored_at")" ""
row "platform ready; courses via GraphQL" "$ready; $courses_answered of $courses_published" '[ "$ready" = yes ] && [ "$courses_answered" -gt 0 ]'
row "RTO: restore start to platform answering (s)" "$rto" "awk -v s=$rto 'BEGIN { exit !(s <= $RTO_GOAL) }'"
[ "$failed" -eq 0 ] || { log "Restored host log (last lines):"; tail -15 "$WORK/restored-host.log" >&2; }
cat "$WORK/table.txt"
exit "$failed"
