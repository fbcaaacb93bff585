#!/usr/bin/env bash
# Renders the Mermaid diagrams printed by a program (blank-line separated, e.g.
# examples/graph.cpp) to PNG files with @mermaid-js/mermaid-cli and Debian's chromium, to look at
# them: tools/render_mermaid.sh build/examples/graph OUTDIR
# Needs: apt-get install -y chromium nodejs npm; npm runs mermaid-cli without downloading a
# browser (PUPPETEER_SKIP_DOWNLOAD). Not part of the test suite (the structure and Mermaid's
# parser are checked by tests/io/check_mermaid.py).
# SPDX-License-Identifier: BSL-1.0
set -euo pipefail
program=$1
out=${2:-mermaid-out}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent @mermaid-js/mermaid-cli >/dev/null)
echo '{"executablePath": "/usr/bin/chromium", "args": ["--no-sandbox", "--disable-gpu"]}' >"$work/p.json"
"$program" | python3 -c '
import sys
for i, d in enumerate(p for p in sys.stdin.read().split("\n\n") if p.strip()):
    open(sys.argv[1] + "/diagram%d.mmd" % i, "w").write(d.strip() + "\n")
' "$out"
for f in "$out"/*.mmd; do
  "$work/node_modules/.bin/mmdc" -p "$work/p.json" -i "$f" -o "${f%.mmd}.png"
  echo "$f -> ${f%.mmd}.png"
done
