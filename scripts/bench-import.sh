#!/usr/bin/env bash
# Bulk import at 50,000 rows on SQLite and PostgreSQL: preview and commit
# times against the release binary. A benchmark, not a test: it prints the
# table docs/benchmarks.md quotes. BENCH_ROWS, BENCH_MEMBERS and
# BENCH_POSTGRES=0 change the run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
[ -f dist/index.html ] || trunk build --release
cargo build --release -p server --locked
python3 scripts/bench_import.py
