#!/usr/bin/env bash
# Rebuilds crates/server/data/{public_mail,disposable}_domains.txt from the
# registry packages named in their headers (R13's vendored lists). Pass
# versions to move: scripts/refresh-domain-lists.sh 1.12.6 0.0.293
set -euo pipefail
FREE=${1:-1.12.6}
DISP=${2:-0.0.293}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack --silent "free-email-domains@$FREE" >/dev/null
tar xzf "free-email-domains-$FREE.tgz"
python3 -m pip download --quiet --no-deps "disposable-email-domains==$DISP" -d .
python3 -m zipfile -e disposable_email_domains-*.whl whl
FREE=$FREE DISP=$DISP OUT="$ROOT/crates/server/data" python3 - <<'PY'
import json, os, sys
sys.path.insert(0, "whl")
import disposable_email_domains as d
out, free, disp = os.environ["OUT"], os.environ["FREE"], os.environ["DISP"]
pub = sorted({x.strip().lower() for x in json.load(open("package/domains.json")) if x.strip()})
dis = sorted({x.strip().lower() for x in d.blocklist} - set(pub))
open(f"{out}/public_mail_domains.txt", "w").write(
    "# Public mail providers: anyone can get an address at these (R13).\n"
    f"# From the npm package free-email-domains {free} (MIT, Kiko Beats),\n"
    "# domains.json, one per line, lowercased and sorted. Refresh with\n"
    "# scripts/refresh-domain-lists.sh.\n" + "\n".join(pub) + "\n")
open(f"{out}/disposable_domains.txt", "w").write(
    "# Disposable (throwaway) mail domains (R13), those not already in\n"
    "# public_mail_domains.txt. From the PyPI package disposable-email-domains\n"
    f"# {disp} (MIT, Dustin Ingram; github.com/disposable-email-domains),\n"
    "# its blocklist, one per line, lowercased and sorted. Refresh with\n"
    "# scripts/refresh-domain-lists.sh.\n" + "\n".join(dis) + "\n")
print(len(pub), "public,", len(dis), "disposable")
PY
