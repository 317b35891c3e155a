#!/usr/bin/env bash
# The benchmark federation over HTTP: accounts, products, inventory and reviews on 127.0.0.1:4201-4204 (/graphql),
# and our gateway on 127.0.0.1:4200 (/graphql) composing them. Stays in the foreground; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/infra.sh

GATEWAY_PORT=${GATEWAY_PORT:-4200}
for port in "$GATEWAY_PORT" 4201 4202 4203 4204; do
  if port_in_use "$port"; then echo "Port $port is taken." >&2; exit 1; fi
done

log "Building"
dotnet build bench/Coursera.Bench.FederationFixture -c Release -v quiet -nologo -clp:ErrorsOnly
dotnet build api/Coursera.Gateway -c Release -v quiet -nologo -clp:ErrorsOnly

pids=()
cleanup() {
  trap - EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM

dotnet bench/Coursera.Bench.FederationFixture/bin/Release/net10.0/Coursera.Bench.FederationFixture.dll &
pids+=($!)
wait_for_http http://127.0.0.1:4201/health 60

out=api/Coursera.Gateway/bin/Release/net10.0
ASPNETCORE_CONTENTROOT=$PWD/$out ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production} Logging__LogLevel__Default=Warning \
  Subgraphs__GatewayKey="$(head -c 32 /dev/urandom | base64)" \
  Subgraphs__accounts=http://127.0.0.1:4201/graphql Subgraphs__products=http://127.0.0.1:4202/graphql \
  Subgraphs__inventory=http://127.0.0.1:4203/graphql Subgraphs__reviews=http://127.0.0.1:4204/graphql \
  dotnet "$out/Coursera.Gateway.dll" --urls "http://127.0.0.1:$GATEWAY_PORT" &
pids+=($!)
wait_for_http "http://127.0.0.1:$GATEWAY_PORT/health/live" 60
log "Gateway on http://127.0.0.1:$GATEWAY_PORT/graphql over subgraphs on 4201-4204 (Ctrl-C stops them)"
wait
