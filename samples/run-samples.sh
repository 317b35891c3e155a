#!/usr/bin/env bash
# Runs every sample against a live platform and prints one PASS or FAIL line per sample; exits non-zero when any
# failed. The samples must be built first (dotnet build Coursera.sln -c Release, as ./test.sh does).
#
#   samples/run-samples.sh BASE_URL CREDENTIALS_JSON
#   samples/run-samples.sh http://127.0.0.1:5000 .data/dev-credentials.json     # against ./run.sh
#
# CREDENTIALS_JSON is what the identity seed writes (Identity:DevCredentialsPath; ./run.sh: .data/dev-credentials.json).
# To add a sample, write a function sample_<Name> below: it runs the sample with its output going to stdout and
# returns non-zero on failure. A sample passes when its function returns 0 and its output holds the line it expects.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 2 ]; then
  echo "usage: $0 BASE_URL CREDENTIALS_JSON" >&2
  exit 2
fi
BASE_URL=${1%/}
CREDENTIALS=$2
if [ ! -r "$CREDENTIALS" ]; then
  echo "No credentials at $CREDENTIALS (seed the platform with Identity__Seed=true and Identity__DevCredentialsPath)" >&2
  exit 2
fi
TIMEOUT=${SAMPLE_TIMEOUT:-120}
LOGS=$(mktemp -d /tmp/coursera-samples.XXXXXX)
trap 'rm -rf "$LOGS"' EXIT

# The secret of a seeded API client, e.g. client_secret partner-northfield.
client_secret() {
  /usr/bin/python3 -c 'import json, sys
secrets = [c["clientSecret"] for c in json.load(open(sys.argv[1]))["clients"] if c["clientId"] == sys.argv[2]]
print(secrets[0]) if secrets else sys.exit(f"no client {sys.argv[2]} in {sys.argv[1]}")' "$CREDENTIALS" "$1"
}

# A built sample's program: dotnet_sample PartnerPublisher ARGS... runs samples/PartnerPublisher/bin/Release/net10.0/PartnerPublisher.dll.
dotnet_sample() {
  local name=$1 dll=samples/$1/bin/Release/net10.0/$1.dll
  shift
  if [ ! -f "$dll" ]; then
    echo "$dll is missing: dotnet build samples/$name -c Release" >&2
    return 1
  fi
  timeout "$TIMEOUT" dotnet "$dll" "$@"
}

# Publishes a course as the partner-northfield API client and reads its enrollment count back.
sample_PartnerPublisher() {
  COURSERA_URL=$BASE_URL COURSERA_CLIENT_ID=partner-northfield COURSERA_CLIENT_SECRET=$(client_secret partner-northfield) \
    dotnet_sample PartnerPublisher
}
expect_PartnerPublisher='^Enrollments: [0-9]+$'

# Provisions a program for two people who have not joined yet, then syncs the organization's learning records, as the
# seeded organization's API client. Client credentials only: nobody signs in here to accept an invitation, so the
# rows wait for their members (NOT_JOINED), and the sync reads what the feed holds.
sample_LmsSync() (
  # A subshell: the variables below stay out of the other samples' environment.
  work=$LOGS/LmsSync
  mkdir -p "$work"
  printf 'email,externalId\nnew-hire-%s-1@acme.example,HIRE-%s-1\nnew-hire-%s-2@acme.example,HIRE-%s-2\n' $$ $$ $$ $$ > "$work/members.csv"
  export COURSERA_URL=$BASE_URL COURSERA_CLIENT_ID=org-acme-corp
  COURSERA_CLIENT_SECRET=$(client_secret org-acme-corp) || exit 1
  export COURSERA_CLIENT_SECRET
  # A host that has just started with its sample catalog tells the learner service about the courses through the
  # catalog's events, a few seconds after it reports ready: until then a program of those courses is refused with
  # COURSE_NOT_FOUND, and provisioning (which finds or creates the program) is simply run again.
  provisioned=
  for attempt in $(seq 20); do
    if provisioned=$(dotnet_sample LmsSync provision --members "$work/members.csv" 2>&1); then
      echo "$provisioned"
      break
    fi
    echo "$provisioned"
    grep -q COURSE_NOT_FOUND <<< "$provisioned" && [ "$attempt" -lt 20 ] || exit 1
    echo "(the learner service does not know the courses yet; provisioning again in 3 s)"
    sleep 3
  done
  dotnet_sample LmsSync sync --once --state "$work/lms-state.json" --out "$work/completions.csv"
)
expect_LmsSync='^Cursor saved to .* \([0-9]+ new records\)$'

failures=0
for function in $(declare -F | awk '$3 ~ /^sample_/ {print $3}'); do
  name=${function#sample_}
  expect_var=expect_$name
  started=$SECONDS
  if "$function" > "$LOGS/$name.log" 2>&1 && grep -Eq "${!expect_var:-.}" "$LOGS/$name.log"; then
    echo "PASS $name ($((SECONDS - started)) s)"
  else
    echo "FAIL $name ($((SECONDS - started)) s; expected a line matching ${!expect_var:-anything}); its output ends:"
    tail -n 20 "$LOGS/$name.log" | sed 's/^/    /'
    failures=$((failures + 1))
  fi
done
[ "$failures" -eq 0 ]
