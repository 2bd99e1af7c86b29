#!/usr/bin/env bash
# Set up (if needed) and run every check: lint, import layering, and the test
# suite against real Postgres, Redis and Celery workers, with coverage.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ops/setup.sh
# A real n8n (pinned community edition) for the workflow tests; a failed install fails the run.
N8N_HOME=$(bash ops/n8n/install.sh)
export N8N_HOME SALESBOY_REQUIRE_N8N=1
.venv/bin/ruff check .
.venv/bin/lint-imports
# pytest exits 5 when it collected nothing: set -e turns that into a failure.
.venv/bin/python -m pytest --cov --cov-report=term-missing:skip-covered "$@"
