#!/usr/bin/env bash
# Roster's decision endpoint beside Cerbos 0.55 (the PDP binary from npm),
# on SQLite and PostgreSQL, single checks and batches, 1 and 32
# connections, measured with wrk. A benchmark, not a test: it prints the
# table docs/benchmarks.md quotes. BENCH_MEMBERS (default 100000),
# BENCH_SECONDS (10) and BENCH_POSTGRES=0 change the run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
CERBOS_VERSION=0.55.0
if [ ! -x .tools/npm/node_modules/@cerbos/cerbos-linux-x64/cerbos-linux-x64 ]; then
  echo "==> installing Cerbos $CERBOS_VERSION from npm"
  npm install --prefix .tools/npm --no-audit --no-fund "@cerbos/cerbos-linux-x64@$CERBOS_VERSION" >/dev/null
fi
command -v wrk >/dev/null || apt_install wrk
[ -f dist/index.html ] || trunk build --release
cargo build --release -p server --locked
python3 scripts/bench_authorize.py
