#!/usr/bin/env sh
# Brotli and gzip copies of every text and WASM file of a client build, so
# the server sends them precompressed (crates/server/src/client_files.rs).
# Trunk runs this after each build with its staging directory.
set -eu
dir="${1:?usage: precompress.sh DIR}"
for f in "$dir"/*.wasm "$dir"/*.js "$dir"/*.css "$dir"/*.html; do
  [ -f "$f" ] || continue
  brotli --force --keep --quality=11 "$f"
  gzip --force --keep --best "$f"
done
