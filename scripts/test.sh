#!/usr/bin/env bash
# Runs every check and test of Roster, installing what is missing first:
# formatting, clippy (native and wasm32), native tests, wasm tests in
# headless Chromium, the release client build and the end-to-end journeys.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh --browser
started=$SECONDS
step() { say "$* ($((SECONDS - started)) s)"; }

step "cargo fmt --check"
cargo fmt --all --check

step "clippy, native"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy, wasm32"
cargo clippy -p permissions -p api -p client --all-targets --target wasm32-unknown-unknown --locked -- -D warnings

step "native tests"
cargo test --workspace --exclude e2e --locked

step "wasm tests in headless Chromium"
cargo test -p permissions --target wasm32-unknown-unknown --locked
cargo test -p client --target wasm32-unknown-unknown --locked

step "release client build"
trunk build --release
step "release server build"
cargo build --release -p server --locked

step "end-to-end journeys"
ROSTER_BIN="$PWD/target/release/roster" ROSTER_DIST="$PWD/dist" cargo test -p e2e --locked

step "all tests passed"
