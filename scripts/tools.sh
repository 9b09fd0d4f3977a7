#!/usr/bin/env bash
# Installs what building Roster needs, skipping whatever is already there at
# the right version. Sourced by run.sh and test.sh; `--browser` also
# installs Chromium and chromedriver for the browser tests, `--ci` the test
# runners and checkers only scripts/test.sh uses.
# Versions and reasons: ../shared/TOOLCHAIN.md (wasm-opt must be binaryen
# 132 from npm: Debian's 108 silently breaks the WASM build).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
SCHEMATHESIS_VERSION=4.32.5
SPEC_VALIDATOR_VERSION=0.9.0
AXE_VERSION=4.14.1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

apt_install() {
  say "apt-get install $*"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

export PATH="$HOME/.cargo/bin:$ROOT/.tools/npm/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true   # else trunk asks the registry's web API for updates

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/,"",$3); print $3}' "$ROOT/Cargo.lock")
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WBG_VERSION"; then
  say "installing wasm-bindgen-cli $WBG_VERSION (a few minutes, once)"
  # Not --locked: its lock file names a webpki-roots release the registry here does not serve.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  command -v npm >/dev/null || apt_install npm
  say "installing binaryen $BINARYEN_VERSION (wasm-opt) from npm"
  npm install --prefix "$ROOT/.tools/npm" --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null
fi

# brotli compresses the client build (scripts/precompress.sh, a Trunk hook).
command -v brotli >/dev/null || apt_install brotli

want_browser="" want_ci=""
for arg in "$@"; do
  case "$arg" in --browser) want_browser=1 ;; --ci) want_ci=1 ;; esac
done

if [ -n "$want_ci" ]; then
  if ! cargo nextest --version >/dev/null 2>&1; then
    say "installing cargo-nextest (a few minutes, once)"
    cargo install cargo-nextest --locked
  fi
  if ! cargo deny --version >/dev/null 2>&1; then
    say "installing cargo-deny (a few minutes, once)"
    cargo install cargo-deny --locked
  fi
  # The API contract checkers, from PyPI, in a venv of their own.
  if ! "$ROOT/.tools/py/bin/st" --version >/dev/null 2>&1 ||
     ! "$ROOT/.tools/py/bin/openapi-spec-validator" --help >/dev/null 2>&1; then
    say "installing schemathesis and openapi-spec-validator from PyPI"
    command -v python3 >/dev/null || apt_install python3
    python3 -m venv "$ROOT/.tools/py" 2>/dev/null || { apt_install python3-venv; python3 -m venv "$ROOT/.tools/py"; }
    "$ROOT/.tools/py/bin/pip" install -q --disable-pip-version-check \
      "schemathesis==$SCHEMATHESIS_VERSION" "openapi-spec-validator==$SPEC_VALIDATOR_VERSION"
  fi
fi

if [ -n "$want_browser" ]; then
  if ! command -v chromedriver >/dev/null || ! command -v chromium >/dev/null; then
    apt_install chromium chromium-driver
  fi
  CHROMEDRIVER="$(command -v chromedriver)"
  export CHROMEDRIVER
  # The accessibility checker the e2e journeys inject into each page.
  if [ ! -f "$ROOT/.tools/npm/node_modules/axe-core/axe.min.js" ] ||
     ! grep -q "\"version\": \"$AXE_VERSION\"" "$ROOT/.tools/npm/node_modules/axe-core/package.json"; then
    command -v npm >/dev/null || apt_install npm
    say "installing axe-core $AXE_VERSION from npm"
    npm install --prefix "$ROOT/.tools/npm" --no-audit --no-fund "axe-core@$AXE_VERSION" >/dev/null
  fi
  export AXE_JS="$ROOT/.tools/npm/node_modules/axe-core/axe.min.js"
fi
