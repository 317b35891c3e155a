#!/usr/bin/env bash
# Runs the reference edge in the foreground:
#   EDGE_KEYS=kid:base64secret[,kid:base64secret...] deploy/edge/start.sh PORT STORAGE_DIR RUN_DIR
# STORAGE_DIR is the local storage's folder (the one holding assets/{assetId}/out/); RUN_DIR receives the rendered
# nginx.conf, edge.js, the pid file, logs and temp folders. With EDGE_S3_ORIGIN (http://host:port) and EDGE_S3_BUCKET
# set, files come from that S3-compatible origin instead (nginx-s3.conf) and STORAGE_DIR is unused ('-' will do).
# Optional: NGINX (the binary, /usr/sbin/nginx), EDGE_USER (the workers' "user group" when started as root; nobody
# nogroup by default, who must be able to read STORAGE_DIR).
set -euo pipefail

if [[ $# -ne 3 ]]; then
    echo "usage: EDGE_KEYS=kid:base64secret[,...] $0 PORT STORAGE_DIR RUN_DIR" >&2
    exit 2
fi
port=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
nginx=${NGINX:-/usr/sbin/nginx}

if [[ ! $port =~ ^[0-9]{1,5}$ ]] || (( port < 1 || port > 65535 )); then
    echo "start.sh: PORT must be a number from 1 to 65535, not '$port'" >&2
    exit 2
fi
if [[ -z ${EDGE_KEYS:-} ]]; then
    echo "start.sh: set EDGE_KEYS to kid:base64secret[,kid:base64secret...] (the first is the current key)" >&2
    exit 2
fi
# The rules edge.js applies to every request, checked once here so that a bad key stops the edge from starting.
declare -A seen=()
IFS=',' read -ra entries <<< "$EDGE_KEYS"
for entry in "${entries[@]}"; do
    entry=${entry#"${entry%%[![:space:]]*}"}
    entry=${entry%"${entry##*[![:space:]]}"}
    [[ -z $entry ]] && continue
    kid=${entry%%:*}
    secret=${entry#*:}
    if [[ $entry != *:* || ! $kid =~ ^[A-Za-z0-9_-]{1,32}$ ]]; then
        echo "start.sh: EDGE_KEYS: an entry is not kid:base64secret with a kid of [A-Za-z0-9_-]{1,32}" >&2
        exit 2
    fi
    if [[ ! $secret =~ ^[A-Za-z0-9+/]+={0,2}$ ]] || (( ${#secret} % 4 != 0 )) \
        || (( $(printf '%s' "$secret" | base64 -d 2>/dev/null | wc -c) < 32 )); then
        echo "start.sh: EDGE_KEYS: the secret of key '$kid' is not the base64 of 32 bytes or more" >&2
        exit 2
    fi
    if [[ -n ${seen[$kid]:-} ]]; then
        echo "start.sh: EDGE_KEYS: key '$kid' is listed twice" >&2
        exit 2
    fi
    seen[$kid]=1
done
if (( ${#seen[@]} == 0 )); then
    echo "start.sh: EDGE_KEYS holds no key" >&2
    exit 2
fi

# The paths go into the configuration between double quotes and through sed: keep them plain.
plain() {
    if [[ ! $1 =~ ^/[A-Za-z0-9_./+@:=-]*$ ]]; then
        echo "start.sh: '$1' must be a path of letters, digits and _ . / + @ : = - only" >&2
        exit 2
    fi
}
mkdir -p "$3"
run=$(cd "$3" && pwd -P)
plain "$run"

s3_origin=${EDGE_S3_ORIGIN:-}
s3_bucket=${EDGE_S3_BUCKET:-}
if [[ -n $s3_origin ]]; then
    if [[ ! $s3_origin =~ ^(https?)://([A-Za-z0-9.-]+)(:[0-9]{1,5})?/?$ ]]; then
        echo "start.sh: EDGE_S3_ORIGIN must be http(s)://host[:port], not '$s3_origin'" >&2
        exit 2
    fi
    s3_scheme=${BASH_REMATCH[1]}
    s3_hostname=${BASH_REMATCH[2]}
    s3_host=${BASH_REMATCH[2]}${BASH_REMATCH[3]}
    s3_server=$s3_host
    if [[ -z ${BASH_REMATCH[3]} ]]; then
        s3_server=$s3_hostname:$([[ $s3_scheme == https ]] && echo 443 || echo 80)
    fi
    if [[ ! $s3_bucket =~ ^[a-z0-9][a-z0-9.-]{1,62}$ ]]; then
        echo "start.sh: EDGE_S3_BUCKET must name the bucket (lowercase letters, digits, . and -)" >&2
        exit 2
    fi
    template=$here/nginx-s3.conf
    storage=/nonexistent
else
    if [[ ! -d $2 ]]; then
        echo "start.sh: the storage folder '$2' does not exist" >&2
        exit 2
    fi
    storage=$(cd "$2" && pwd -P)
    plain "$storage"
    template=$here/nginx.conf
fi

user_line="# user: the workers run as the user who started nginx"
if [[ $(id -u) -eq 0 ]]; then
    user_line="user ${EDGE_USER:-nobody nogroup};"
    if [[ ! ${EDGE_USER:-nobody nogroup} =~ ^[a-z_][a-z0-9_-]*( [a-z_][a-z0-9_-]*)?$ ]]; then
        echo "start.sh: EDGE_USER must be 'user' or 'user group'" >&2
        exit 2
    fi
    # The workers (not root) create the proxy cache's files under the run folder.
    chmod 755 "$run"
fi

mkdir -p "$run/temp"
cp "$here/edge.js" "$run/edge.js"
sed -e "s|@PORT@|$port|g" \
    -e "s|@STORAGE@|$storage|g" \
    -e "s|@RUN@|$run|g" \
    -e "s|@USER@|$user_line|g" \
    -e "s|@S3_SCHEME@|${s3_scheme:-http}|g" \
    -e "s|@S3_HOST@|${s3_host:-127.0.0.1}|g" \
    -e "s|@S3_SERVER@|${s3_server:-127.0.0.1:80}|g" \
    -e "s|@S3_HOSTNAME@|${s3_hostname:-127.0.0.1}|g" \
    -e "s|@S3_BUCKET@|${s3_bucket:-none}|g" \
    "$template" > "$run/nginx.conf"

exec "$nginx" -p "$run/" -c "$run/nginx.conf" -e "$run/error.log"
