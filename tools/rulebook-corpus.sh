#!/usr/bin/env bash
# Gather the records the validation tests write (each test breaks one thing) into the corpus of
# the rulebook's parity test, tests/fixtures/rulebook-corpus/: run again after adding such tests.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=tests/fixtures/rulebook-corpus
rm -rf "$corpus"
RULEBOOK_CORPUS="$PWD/$corpus" .venv/bin/pytest -q -p no:cacheprovider \
  tests/test_validation.py tests/test_feedback.py tests/test_consultation.py tests/test_cms_config.py \
  tests/test_old_urls.py tests/test_history.py tests/test_images.py "$@" >/dev/null
find "$corpus" -name '*.yml' | wc -l
