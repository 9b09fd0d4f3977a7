#!/usr/bin/env bash
# Load run against the real release server: seeds the demo org with N
# generated members, then measures with wrk the members list (first page, a
# deep cursor page, a role filter, a broad and a narrow substring search) and
# an invite -> revoke cycle. Prints one Markdown table row per scenario.
#
#   scripts/bench-load.sh sqlite 100000
#   scripts/bench-load.sh postgres 1000000     # needs PostgreSQL at 127.0.0.1:5432
#
# DURATION (default 10s) and CONNECTIONS (default 8) tune wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${1:-sqlite}
members=${2:-100000}
duration=${DURATION:-10s}
conns=${CONNECTIONS:-8}
port=18090
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
cargo build --release -p server --locked >&2
dir=$(mktemp -d)
case "$backend" in
  sqlite) url="sqlite://$dir/bench.db" ;;
  postgres)
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS roster_bench WITH (FORCE)" >&2
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE roster_bench" >&2
    url="postgres://postgres@127.0.0.1:5432/roster_bench" ;;
  *) echo "backend: sqlite or postgres" >&2; exit 1 ;;
esac
seed_start=$SECONDS
RUST_LOG=warn,roster=info,server=info target/release/roster serve --listen "127.0.0.1:$port" --database "$url" \
  --demo --demo-members "$members" --rate-limit-per-minute 100000000 > "$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$dir"' EXIT
until grep -q "listening on" "$dir/server.log"; do
  kill -0 $server 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  sleep 1
done
echo "seeded $members members on $backend in $((SECONDS - seed_start)) s" >&2

B="http://127.0.0.1:$port/api/v1"
login=$(curl -s -c "$dir/cookies" -X POST "$B/auth/login" -H 'content-type: application/json' \
  -d '{"email":"owner@demo.roster.test","password":"roster-demo"}')
CSRF=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$login")
ORG=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["active_org"])' "$login")
COOKIE=$(awk '$6 == "roster_session" {print $7}' "$dir/cookies")
export CSRF ORG COOKIE
# A cursor into the middle of the alphabet: a deep page without walking to it.
DEEP=$(python3 -c 'import base64,json; print(base64.urlsafe_b64encode(json.dumps({"s":"m","n":None,"id":0}).encode()).decode().rstrip("="))')

run() { # name, path or lua script, [connections]
  local name=$1 target=$2 c=${3:-$conns} out
  if [[ $target == *.lua ]]; then
    out=$(wrk -t1 -c"$c" -d"$duration" --latency -s "$target" "http://127.0.0.1:$port")
  else
    out=$(wrk -t1 -c"$c" -d"$duration" --latency -H "Cookie: roster_session=$COOKIE" "$B$target")
  fi
  local p50 p99 rps errors
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$backend" "$members" "$name" "$c" "$p50" "$p99" "$rps" "${errors:-0}"
}

echo "| backend | members | scenario | conns | p50 | p99 | req/s | non-2xx |"
echo "|---|---|---|---|---|---|---|---|"
run "first page" "/orgs/$ORG/members?limit=50"
run "deep page (cursor at m…)" "/orgs/$ORG/members?limit=50&cursor=$DEEP"
run "role filter (viewer)" "/orgs/$ORG/members?limit=50&role=viewer"
run "search, broad (lovelace)" "/orgs/$ORG/members?limit=50&q=lovelace"
run "search, narrow (member4242)" "/orgs/$ORG/members?limit=50&q=member4242"
run "search, a person (hopper 4242)" "/orgs/$ORG/members?limit=50&q=hopper%204242"
# One person typing: the latency of a search alone, without queueing.
run "search, broad (lovelace)" "/orgs/$ORG/members?limit=50&q=lovelace" 1
run "search, narrow (member4242)" "/orgs/$ORG/members?limit=50&q=member4242" 1
run "search, a person (hopper 4242)" "/orgs/$ORG/members?limit=50&q=hopper%204242" 1
run "invite -> revoke" scripts/bench/invite_revoke.lua
