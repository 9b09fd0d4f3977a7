#!/usr/bin/env bash
# The Members page's first rows in headless Chromium on a throttled link
# (10 Mbit/s, 40 ms): 300 and 100,000 members, cold and warm cache. A
# benchmark, not a test: it prints a table for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh --browser
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
trunk build --release
cargo build --release -p server --locked
ROSTER_BIN="$TARGET/release/roster" ROSTER_DIST="$PWD/dist" \
  cargo test -p e2e --locked -- --ignored --nocapture first_rows
