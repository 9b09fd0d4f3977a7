#!/usr/bin/env bash
# Builds the client and the server (installing what is missing) and starts
# Roster on http://127.0.0.1:8080. Extra arguments go to `roster serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
say "building the web client (trunk build --release)"
trunk build --release
say "starting Roster"
exec cargo run --release -p server --bin roster -- serve "$@"
