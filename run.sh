#!/usr/bin/env bash
# Runs the whole platform in one process with sample data: http://127.0.0.1:${COURSERA_PORT:-5000}/graphql
set -euo pipefail
cd "$(dirname "$0")"
source deploy/local/infra.sh

PORT=${COURSERA_PORT:-5000}
PG_PORT=${COURSERA_PG_PORT:-55432}
REDIS_PORT=${COURSERA_REDIS_PORT:-56379}
STRIPE_PORT=${COURSERA_STRIPE_PORT:-12111}
EDGE_PORT=${COURSERA_EDGE_PORT:-8088}
DATA=$PWD/.data

ensure_prerequisites
if port_in_use "$PORT"; then echo "Port $PORT is taken; set COURSERA_PORT." >&2; exit 1; fi

app_pid=
worker_pid=
stripe_pid=
edge_pid=
cleanup() {
  # A second signal (a supervisor and a timeout both stopping us) must not cut the clean-up short.
  trap "" INT TERM
  trap - EXIT
  if [ -n "$worker_pid" ]; then kill "$worker_pid" 2>/dev/null || true; wait "$worker_pid" 2>/dev/null || true; fi
  if [ -n "$stripe_pid" ]; then kill "$stripe_pid" 2>/dev/null || true; wait "$stripe_pid" 2>/dev/null || true; fi
  if [ -n "$edge_pid" ]; then kill "$edge_pid" 2>/dev/null || true; wait "$edge_pid" 2>/dev/null || true; fi
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  stop_redis "$DATA/redis"
  stop_postgres "$DATA/postgres"
  log "Stopped"
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM

start_postgres "$DATA/postgres" "$PG_PORT"
ensure_database "$PG_PORT" coursera
start_redis "$DATA/redis" "$REDIS_PORT"

log "Building"
dotnet build api/Coursera.Host -c Release -v quiet -nologo -clp:ErrorsOnly
dotnet build api/Coursera.GradingWorker -c Release -v quiet -nologo -clp:ErrorsOnly
api/Coursera.Gateway/GraphiQL/web/build.sh || log "GraphiQL is not built (see above): /graphql in a browser says how to build it"

# Payments: a real Stripe test account when Billing__Stripe__SecretKey (and its webhook secret) are given, else the
# Stripe emulator on loopback, its webhook secret generated on first run and kept with the data.
if [ -z "${Billing__Stripe__SecretKey:-}" ]; then
  if port_in_use "$STRIPE_PORT"; then echo "Port $STRIPE_PORT is taken; set COURSERA_STRIPE_PORT." >&2; exit 1; fi
  dotnet build deploy/local/stripe-emulator -c Release -v quiet -nologo -clp:ErrorsOnly
  [ -f "$DATA/stripe-webhook-secret" ] || /usr/bin/python3 -c 'import secrets; print("whsec_" + secrets.token_hex(24))' > "$DATA/stripe-webhook-secret"
  export Billing__Stripe__SecretKey=sk_test_emulator
  export Billing__Stripe__ApiBase="http://127.0.0.1:$STRIPE_PORT"
  export Billing__Stripe__WebhookSecrets__0="$(cat "$DATA/stripe-webhook-secret")"
  emulator=deploy/local/stripe-emulator/bin/Release/net10.0
  Emulator__WebhookUrl="http://127.0.0.1:$PORT/billing/stripe/webhook" Emulator__WebhookSecret="$Billing__Stripe__WebhookSecrets__0" \
    ASPNETCORE_URLS="http://127.0.0.1:$STRIPE_PORT" ASPNETCORE_CONTENTROOT=$PWD/$emulator dotnet "$emulator/Coursera.StripeEmulator.dll" &
  stripe_pid=$!
fi

# The reference grading worker grades programming assignments, as the platform's seeded grading client.
start_grading_worker() {
  local secret
  secret=$(/usr/bin/python3 -c 'import json, sys
clients = [c for c in json.load(open(sys.argv[1]))["clients"] if c["clientId"] == "coursera-grading-worker"]
print(clients[0]["clientSecret"] if clients else "")' "$DATA/dev-credentials.json" 2>/dev/null || true)
  if [ -z "$secret" ]; then
    log "No grading worker client in $DATA/dev-credentials.json (data of an older version): programming assignments wait ungraded"
    return
  fi
  GradingWorker__Endpoint="http://127.0.0.1:$PORT/graphql" GradingWorker__Authority="http://127.0.0.1:$PORT" \
    GradingWorker__ClientId=coursera-grading-worker GradingWorker__ClientSecret="$secret" GradingWorker__WorkFolder="$DATA/grading" \
    DOTNET_CONTENTROOT=$PWD/api/Coursera.GradingWorker/bin/Release/net10.0 dotnet api/Coursera.GradingWorker/bin/Release/net10.0/Coursera.GradingWorker.dll &
  worker_pid=$!
}

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export ASPNETCORE_URLS="http://127.0.0.1:$PORT"
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=coursera;Maximum Pool Size=50"
export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
export Catalog__MigrateOnStart=true
export Identity__MigrateOnStart=true
export Identity__Issuer="http://127.0.0.1:$PORT/"
# Generated on first run, kept with the data, never committed.
export Identity__KeysPath="$DATA/identity-keys"
export Mail__Path="$DATA/mail"
# The key ring's certificate (Data Protection: sign-in cookies, reset tokens, webhook secrets), generated on first run
# in Development; any other environment must bring its own (DataProtection__CertificatePath and __CertificatePassword).
export DataProtection__CertificatePath=${DataProtection__CertificatePath:-$DATA/data-protection/key-ring.pfx}
if [ "$ASPNETCORE_ENVIRONMENT" = Development ]; then
  # Sample accounts with known passwords, their credentials in a file, and webhooks to local receivers (http,
  # loopback): for a laptop only. The services refuse these settings in any other environment.
  export Catalog__Seed=true
  export Identity__Seed=true
  export Identity__DevCredentialsPath="$DATA/dev-credentials.json"
  export Webhooks__AllowPrivateTargets=true
else
  log "Environment $ASPNETCORE_ENVIRONMENT: no sample data, no development credentials, webhooks to public addresses only"
  if [ ! -f "$DataProtection__CertificatePath" ]; then
    echo "No key ring certificate at $DataProtection__CertificatePath: set DataProtection__CertificatePath (and __CertificatePassword)." >&2
    exit 1
  fi
fi
export Learner__KeysPath="$DATA/learner-keys"
export Learner__InvitationUrl="http://127.0.0.1:$PORT/account/register"

# Media: videos in a folder of the data, served by the reference CDN edge (nginx) on loopback, which checks the path
# token of playback URLs with the key generated on first run (set COURSERA_EDGE_PORT to move it).
if port_in_use "$EDGE_PORT"; then echo "Port $EDGE_PORT is taken; set COURSERA_EDGE_PORT." >&2; exit 1; fi
[ -f "$DATA/edge-key" ] || /usr/bin/python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())' > "$DATA/edge-key"
mkdir -p "$DATA/media"
export Media__MigrateOnStart=true
export Media__Storage__LocalPath="$DATA/media"
export Media__Storage__PublicBaseUrl="http://127.0.0.1:$PORT"
export Media__Playback__BaseUrl="http://127.0.0.1:$EDGE_PORT/"
export Media__Playback__Keys__0__Id=dev1
export Media__Playback__Keys__0__Secret="$(cat "$DATA/edge-key")"
EDGE_KEYS="dev1:$Media__Playback__Keys__0__Secret" deploy/edge/start.sh "$EDGE_PORT" "$DATA/media" "$DATA/edge" &
edge_pid=$!

out=api/Coursera.Host/bin/Release/net10.0
ASPNETCORE_CONTENTROOT=$PWD/$out dotnet "$out/Coursera.Host.dll" &
app_pid=$!
if wait_for_http "http://127.0.0.1:$PORT/health/ready" 120; then
  start_grading_worker
  log "Serving http://127.0.0.1:$PORT/graphql  (Ctrl-C stops everything)"
  if [ "$ASPNETCORE_ENVIRONMENT" = Development ]; then log "Development users, clients and secrets: $DATA/dev-credentials.json"; fi
  log "Video edge (signed HLS and DASH): http://127.0.0.1:$EDGE_PORT"
  if [ -n "$stripe_pid" ]; then log "Stripe emulator: http://127.0.0.1:$STRIPE_PORT (checkout pages pay with the test card 4242 4242 4242 4242)"; fi
fi
wait "$app_pid"
