#!/usr/bin/env bash
# A smoke test on a real Camunda 8.9 cluster, for machines with Docker (not part of CI):
# docker compose up, deploy, open a case and complete its first task through the app, then
# docker compose down and up, and check that the instance and the case are still there.
#
#   scripts/cluster-smoke.sh          # leaves the smoke project's volumes for a look afterwards
#   SMOKE_CLEAN=1 scripts/cluster-smoke.sh   # removes them at the end
#
# It runs as its own compose project (sote-tyopari-smoke) with throwaway passwords, so a .env and
# the volumes of a real installation are not touched. Needs docker compose v2, node and npm ci.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in docker node; do
  command -v "$tool" >/dev/null || { echo "cluster-smoke: $tool is not installed" >&2; exit 2; }
done
docker compose version >/dev/null 2>&1 || { echo "cluster-smoke: docker compose v2 is not available" >&2; exit 2; }

project="${SMOKE_PROJECT:-sote-tyopari-smoke}"
app_port="${SMOKE_APP_PORT:-3300}"
camunda_port="${SMOKE_CAMUNDA_PORT:-8380}"
mkdir -p .tmp
env_file=".tmp/cluster-smoke.env"
secret() { node -e "process.stdout.write(require('node:crypto').randomBytes(24).toString('hex'))"; }
umask 077
cat >"$env_file" <<ENV
CAMUNDA_DB_PASSWORD=$(secret)
CAMUNDA_ADMIN_PASSWORD=$(secret)
CAMUNDA_CLIENT_PASSWORD=$(secret)
APP_DB_PASSWORD=$(secret)
IDENTITY_KEY=$(node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('base64'))")
APP_PORT=$app_port
CAMUNDA_PORT=$camunda_port
INTAKE_RECONCILE_GRACE_MS=300000
ENV

compose() { docker compose -p "$project" --env-file "$env_file" "$@"; }
cleanup() { if [ "${SMOKE_CLEAN:-}" = 1 ]; then compose down --volumes; fi; }
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
drive() { SMOKE_APP_URL="http://localhost:$app_port" node --import tsx scripts/cluster-smoke/drive.ts "$1"; }

step "up (build, wait for every health check)"
compose up -d --build --wait
step "deploy process-application/"
compose run --rm app npm run --silent deploy
step "open a case and complete its first task through the app"
drive open
step "down and up again (volumes kept)"
compose down
compose up -d --wait
step "the case and its process instance after the restart"
drive check
step "passed"
