#!/usr/bin/env bash
# Differential fuzzing of our gateway engine against Hive Gateway (issue 19): random valid operations over every test
# federation of tests/Coursera.Federation.Tests (subgraphs served over HTTP on 127.0.0.1, Hive Gateway from the npm
# pin in bench/gateway/hive/package.json on a supergraph composed by the Guild's composition, our FederationGateway
# over an HTTP transport), each difference shrunk to a minimal operation. Prints a table (federation, operations,
# differences, distinct minimal cases, known/new, examples) and writes the minimal operations with both responses to
# bench/out/fuzz-<timestamp>/differences.md. Exits 1 when a difference is not listed in
# tests/Coursera.Federation.Fuzzing.Tests/known-differences.txt.
#
#   bench/gateway/fuzz.sh [--operations N] [--seed S] [--minutes M] [--federations shop,learning]
#
# N operations in all (default 20000), split evenly over the federations; a random seed unless given (printed, so a
# run can be repeated); --minutes stops generating after M minutes (the table shows the operations actually
# run). The short, fixed-seed run is the DifferentialFuzzingTests test in ./test.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/infra.sh

ARGS=()
while [ $# -gt 0 ]; do
  case $1 in
    --operations|--seed|--minutes|--federations) [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; }; ARGS+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "Unknown argument: $1 (expected --operations N, --seed S, --minutes M, --federations a,b)" >&2; exit 2 ;;
  esac
done
command -v node >/dev/null && command -v npm >/dev/null || { echo "Hive Gateway needs Node.js (node and npm) on the PATH" >&2; exit 1; }

OUT=$PWD/bench/out/fuzz-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
log "Building tests/Coursera.Federation.Fuzzing.Tests (Release)"
dotnet build tests/Coursera.Federation.Fuzzing.Tests -c Release -v quiet -nologo -clp:ErrorsOnly
log "Fuzzing (progress on stderr; the report goes to ${OUT#"$PWD"/}/differences.md)"
started=$SECONDS
set +e
dotnet tests/Coursera.Federation.Fuzzing.Tests/bin/Release/net10.0/Coursera.Federation.Fuzzing.Tests.dll \
  ${ARGS[@]+"${ARGS[@]}"} --report "$OUT/differences.md" 2> >(tee "$OUT/progress.log" >&2) | tee "$OUT/summary.md"
status=${PIPESTATUS[0]}
set -e
echo "Machine: $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)); load average $(cut -d' ' -f1-3 /proc/loadavg); $((SECONDS - started)) s" | tee -a "$OUT/summary.md"
exit "$status"
