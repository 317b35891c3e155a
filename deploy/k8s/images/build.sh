#!/usr/bin/env bash
# Builds the image of every service listed in services.tsv (or of those named) from the one Dockerfile beside it, tagged
# $REGISTRY/<image>:$TAG, and pushes them with --push. The Kubernetes overlays name the same images (images: in their
# kustomization.yaml). Needs Docker with BuildKit (for Dockerfile.dockerignore); nothing here reads a secret.
#   REGISTRY=registry.coursera.example/coursera TAG=2026.12.03 deploy/k8s/images/build.sh --push
#   deploy/k8s/images/build.sh gateway catalog
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.."
REGISTRY=${REGISTRY:-coursera}
TAG=${TAG:-dev}
push=
wanted=()
for arg in "$@"; do
  case "$arg" in
    --push) push=1 ;;
    *) wanted+=("$arg") ;;
  esac
done

while IFS=$'\t' read -r image project assembly packages; do
  case "$image" in ''|'#'*) continue ;; esac
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " =~ " $image " ]]; then continue; fi
  [ "$packages" = "-" ] && packages=""
  echo "==> $REGISTRY/$image:$TAG ($project)" >&2
  DOCKER_BUILDKIT=1 docker build -f "$here/Dockerfile" \
    --build-arg PROJECT="$project" --build-arg ASSEMBLY="$assembly" --build-arg RUNTIME_PACKAGES="${packages//,/ }" \
    -t "$REGISTRY/$image:$TAG" .
  if [ -n "$push" ]; then docker push "$REGISTRY/$image:$TAG"; fi
done < "$here/services.tsv"
