#!/usr/bin/env bash
# Every check: lint, types, the whole test suite (unit, built-site, browser).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh dev
.venv/bin/ruff check site_builder tests bench tools
.venv/bin/ruff format --check site_builder tests bench tools
.venv/bin/mypy site_builder bench
.venv/bin/pytest -q "$@"
