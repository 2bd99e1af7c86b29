#!/usr/bin/env bash
# Set up Salesboy on a Debian/Ubuntu machine: system packages, a venv in .venv,
# and the pinned Python packages. Safe to re-run: it skips what is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
apt_packages=()
command -v "$PYTHON" >/dev/null 2>&1 || apt_packages+=(python3.11 python3.11-venv)
if command -v "$PYTHON" >/dev/null 2>&1 && ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  apt_packages+=(python3.11-venv)
fi
# Node.js runs the n8n workflows' signature code and installs wa-js; Chromium and
# its driver run WhatsApp Web sessions.
command -v node >/dev/null 2>&1 || apt_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || apt_packages+=(npm)
command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || apt_packages+=(chromium-driver)
if ((${#apt_packages[@]})); then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "setup: installing system packages: ${apt_packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${apt_packages[@]}"
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv

stamp=.venv/.salesboy-installed
wanted=$(sha256sum < pyproject.toml | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "setup: installing Python packages into .venv (first run takes a few minutes)"
  # torch first and pinned, so nothing later can pull a multi-GB CUDA build.
  # Where the CPU wheel is not at hand, point TORCH_INDEX_URL at PyTorch's CPU index.
  .venv/bin/pip install -q --disable-pip-version-check ${TORCH_INDEX_URL:+--index-url "$TORCH_INDEX_URL"} "torch==2.13.0"
  .venv/bin/pip install -q --disable-pip-version-check -e ".[dev]"
  echo "$wanted" > "$stamp"
fi
# Browser-side packages, pinned in package.json / package-lock.json: @wppconnect/wa-js
# (injected into WhatsApp Web) and the dashboard's stylesheet, served locally.
npm_stamp=node_modules/.salesboy-installed
npm_wanted=$(sha256sum < package-lock.json | cut -d' ' -f1)
if [ "$(cat "$npm_stamp" 2>/dev/null)" != "$npm_wanted" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$npm_wanted" > "$npm_stamp"
fi
echo "setup: ready (.venv, node_modules)"
