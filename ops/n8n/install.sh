#!/usr/bin/env bash
# Install the pinned community edition of n8n 1.x into a cache folder outside the
# checkout (default ~/.cache/salesboy/n8n-<version>, or N8N_HOME), so every clone on
# the machine shares one install. Safe to re-run: a stamp of the wanted package.json
# skips a finished install. Prints the folder on success.
#
# n8n 1.x runs on Node 20 (2.x needs Node 24). Two overrides keep the install
# inside the npm registry and on Node 20: n8n otherwise fetches xlsx from a CDN,
# and isolated-vm 6 needs Node 22.
set -euo pipefail
cd "$(dirname "$0")/../.."

N8N_VERSION=${N8N_VERSION:-1.123.81}
home=${N8N_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/salesboy/n8n-$N8N_VERSION}
mkdir -p "$home"
home=$(cd "$home" && pwd)

manifest=$(cat <<JSON
{
  "name": "salesboy-n8n",
  "private": true,
  "dependencies": {"n8n": "$N8N_VERSION"},
  "overrides": {"xlsx": "0.18.5", "isolated-vm": "5.0.4"}
}
JSON
)
stamp="$home/.salesboy-installed"
wanted=$(printf '%s' "$manifest" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ] && [ -x "$home/node_modules/.bin/n8n" ]; then
  echo "$home"
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "n8n install: npm is missing (run ops/setup.sh)" >&2; exit 1; }
echo "n8n install: installing n8n $N8N_VERSION into $home (first run takes several minutes)" >&2
rm -f "$stamp"
printf '%s\n' "$manifest" > "$home/package.json"
(cd "$home" && npm install --no-audit --no-fund --loglevel=error --omit=dev >&2)
[ -x "$home/node_modules/.bin/n8n" ] || { echo "n8n install: no n8n binary after install" >&2; exit 1; }
echo "$wanted" > "$stamp"
echo "$home"
