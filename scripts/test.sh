#!/usr/bin/env bash
# Runs every check and test of Roster, installing what is missing first:
# formatting, clippy (native and wasm32), cargo deny, native tests, the
# server's API suite again on PostgreSQL, wasm tests in headless Chromium,
# the release builds, the OpenAPI contract (validator + schemathesis) and the
# end-to-end journeys. Prints each step's time at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
began=$SECONDS
source scripts/tools.sh --browser --ci
timings=("tools $((SECONDS - began)) s")
current="" mark=$SECONDS
step() {
  [ -n "$current" ] && timings+=("$current $((SECONDS - mark)) s")
  current="$*" mark=$SECONDS
  say "$* ($((SECONDS - began)) s in)"
}
report() {
  [ -n "$current" ] && timings+=("$current $((SECONDS - mark)) s")
  say "step times"; printf '  %s\n' "${timings[@]}" >&2
  say "total $((SECONDS - began)) s"
}
trap report EXIT

# One feature set for every native cargo call below, so nothing is built twice.
# Where cargo builds (CARGO_TARGET_DIR, if set, as cargo itself reads it).
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
NATIVE=(--workspace --exclude e2e --exclude bench-cedar --locked)

step "cargo fmt --check"
cargo fmt --all --check

step "cargo deny (licenses, bans, sources)"
cargo deny --locked --log-level error check licenses bans sources

step "clippy, native"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy, wasm32"
cargo clippy -p permissions -p api -p client --all-targets --target wasm32-unknown-unknown --locked -- -D warnings

step "native tests (server API suite on SQLite)"
cargo nextest run "${NATIVE[@]}"
cargo test --doc -p permissions --locked

# The server's API suite again on PostgreSQL, from the same build. CI
# machines run one at 127.0.0.1:5432; start it if it is installed but down.
# Without one the run fails loudly unless ROSTER_SKIP_POSTGRES=1 says to skip.
PG_URL="${ROSTER_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}"
pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
if ! pg_up && command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  say "starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  sleep 2
fi
if pg_up; then
  step "server API suite on PostgreSQL"
  DATABASE_URL="$PG_URL" cargo nextest run "${NATIVE[@]}" -E 'binary(api)'
elif [ "${ROSTER_SKIP_POSTGRES:-}" = 1 ]; then
  say "PostgreSQL NOT TESTED: none at 127.0.0.1:5432 (ROSTER_SKIP_POSTGRES=1)"
else
  echo "no PostgreSQL at 127.0.0.1:5432: install one (apt-get install postgresql) or set ROSTER_SKIP_POSTGRES=1" >&2
  exit 1
fi

step "wasm tests in headless Chromium"
cargo test -p permissions --target wasm32-unknown-unknown --locked
cargo test -p client --target wasm32-unknown-unknown --locked

step "release client build"
trunk build --release
scripts/sizes.sh dist
step "release server build"
cargo build --release -p server --locked

step "OpenAPI contract (openapi-spec-validator, schemathesis)"
.tools/py/bin/python scripts/contract.py "$TARGET/release/roster" "$PWD/dist"

step "end-to-end journeys"
ROSTER_BIN="$TARGET/release/roster" ROSTER_DIST="$PWD/dist" cargo test -p e2e --locked

step "all tests passed"
