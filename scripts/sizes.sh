#!/usr/bin/env bash
# What the Members page downloads on first load (index.html, the JS glue,
# the WASM, the CSS): raw, gzip and brotli bytes as the server sends them
# (the build's own precompressed copies), and the total against the budget.
# The budget (issue 12) is 150 kB brotli; until the WASM is split by tab it
# is not met, so this fails only when the total grows past CEILING, the
# last measured size plus a little: the page may not get heavier while
# the split is pending (docs/benchmarks.md has the figures). The API keys
# and Audit log tabs (issue 14) moved it from 252,362 to 279,047 bytes;
# narrowing keys and the decision point's targets to 283,442; the Import
# dialog (issue 11) to 307,146; Settings → Domains and the join offers
# (issue 11's auto-join) to 325,259; the invite chips with the shared
# e-mail rule (issue 12) to 334,199; picking a domain's default groups in
# Settings to 336,051 — the first things a split would move
# off the first load.
set -euo pipefail
dist="${1:-dist}"
BUDGET=150000
CEILING=338000
total_raw=0 total_gz=0 total_br=0
printf '%-40s %10s %10s %10s\n' file raw gzip brotli
for f in "$dist"/index.html "$dist"/*.js "$dist"/*_bg.wasm "$dist"/*.css; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f")
  gz=$(stat -c %s "$f.gz" 2>/dev/null || gzip -9c "$f" | wc -c)
  br=$(stat -c %s "$f.br" 2>/dev/null || echo "$raw")
  printf '%-40s %10d %10d %10d\n' "$(basename "$f")" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
done
printf '%-40s %10d %10d %10d\n' "first load" "$total_raw" "$total_gz" "$total_br"
if [ "$total_br" -le "$BUDGET" ]; then
  echo "within the budget of $BUDGET bytes brotli"
else
  echo "over the budget of $BUDGET bytes brotli by $((total_br - BUDGET)) (ceiling $CEILING)"
fi
if [ "$total_br" -gt "$CEILING" ]; then
  echo "the first load grew past $CEILING bytes brotli" >&2
  exit 1
fi
