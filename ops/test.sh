#!/usr/bin/env bash
# Set up (if needed) and run every check: lint, import layering, and the test
# suite against real Postgres, Redis and Celery workers, with coverage.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step's time, so a slow run shows where its minutes went.
step() { echo "test: $1 done at ${SECONDS}s"; }
bash ops/setup.sh
step setup
# Every installed package's own requirements are met (e.g. a pin that disagrees with a dependency's range).
.venv/bin/pip check
# The stage handlers' decisions first, on in-memory fakes (no Postgres, Redis, Celery or model): a broken
# rule fails here in seconds, before tools are installed.
# Without coverage: the full run at the end collects these tests again and measures them.
.venv/bin/python -m pytest -q -p no:cacheprovider tests/unit/handlers
step "handler tests"
# The deployment files are checked with their real tools (tests/unit/test_ops_files.py): nginx -t,
# promtool (Debian's prometheus package) and docker-compose config.
tools=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || tools+=(nginx-light)
command -v promtool >/dev/null 2>&1 || tools+=(prometheus)
command -v docker-compose >/dev/null 2>&1 || tools+=(docker-compose)
if ((${#tools[@]})); then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "test: installing ${tools[*]}"
  $sudo apt-get update -qq
  # Only the tools are wanted: no service may start from the packages' own scripts.
  made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null && $sudo chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${tools[@]}"
  [ -z "$made_policy" ] || $sudo rm -f /usr/sbin/policy-rc.d
fi
# A real n8n (pinned community edition) for the workflow tests; a failed install fails the run.
step "deployment tools"
N8N_HOME=$(bash ops/n8n/install.sh)
export N8N_HOME SALESBOY_REQUIRE_N8N=1
step "n8n install"
.venv/bin/ruff check .
.venv/bin/lint-imports
# Types: strict on schemas/ and pipelines/, the default elsewhere (pyproject.toml [tool.mypy]). The cache lives
# beside n8n's, outside the checkout: a fresh clone checks only what changed (mypy compares each file's hash).
.venv/bin/mypy --cache-dir "${XDG_CACHE_HOME:-$HOME/.cache}/salesboy/mypy"
step "lint, imports and types"
# pytest exits 5 when it collected nothing: set -e turns that into a failure.
.venv/bin/python -m pytest --cov --cov-report=term-missing:skip-covered "$@"
