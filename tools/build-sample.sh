#!/usr/bin/env bash
# Build the sample site into site/ and say how to preview it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh runtime
.venv/bin/site-builder build "$@"
echo
echo "Built into site/. Preview it with:  .venv/bin/python -m http.server -d site 8000  then open http://127.0.0.1:8000/"
echo "Or, with live rebuilds on every change:  .venv/bin/site-builder serve"
