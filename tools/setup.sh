#!/usr/bin/env bash
# Create or refresh the local virtual environment from the pinned requirements.
# Usage: tools/setup.sh [runtime|dev]
# Both install esbuild from package-lock.json (the build minifies and hashes overrides/assets/ with
# it) and the web editor's bundle (Decap CMS's dist/ only, from its one npm tarball checked against
# tools/decap-cms.json); dev also installs Chromium, Java, nginx, and from package-lock.json
# axe-core and the Nu HTML checker (vnu-jar) for the browser and HTML tests, and decap-server (the
# local git backend of `site-builder edit` and the editor's end-to-end test).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-runtime}
req=requirements.txt
[ "$profile" = dev ] && req=requirements-dev.txt

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_ready=""
apt_install() {
  if [ -z "$apt_ready" ]; then as_root apt-get update -qq; apt_ready=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null; then apt_install python3 python3-venv; fi
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "Python 3.11 or newer is needed; found $("$PYTHON" --version)" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv 2>/dev/null || { apt_install python3-venv; rm -rf .venv; "$PYTHON" -m venv .venv; }
fi

# Reinstall only when the pinned requirements change; the dev set includes the runtime set.
stamp=.venv/.installed-$profile
want=$(cat requirements.txt "$req" pyproject.toml | sha256sum | cut -d' ' -f1)
dev_want=$(cat requirements.txt requirements-dev.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] && [ "$(cat .venv/.installed-dev 2>/dev/null)" != "$dev_want" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$req"
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
    || .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
  echo "$want" > "$stamp"
fi

# The font share cards are drawn with (site_builder/model/images.py finds it by path; it covers Vietnamese).
# Chromium brings it on most machines; the build needs it too, so both profiles install it.
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ]; then
  apt_install fonts-dejavu-core || true
fi

# Clients the tests check printed notices with: pdftoppm (PDF to PNG) and zbarimg (reads the QR code).
if [ "$profile" = dev ] && { ! command -v pdftoppm >/dev/null || ! command -v zbarimg >/dev/null; }; then
  apt_install poppler-utils zbar-tools || true
fi

# khal, a calendar client the tests import the consultation calendars into.
if [ "$profile" = dev ] && ! command -v khal >/dev/null; then
  apt_install khal || true
fi

if [ "$profile" = dev ] && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's Chromium for the browser tests..." >&2
  apt_install chromium || true
  if [ ! -x /usr/bin/chromium ]; then
    echo "Lỗi môi trường: không cài được Chromium vào /usr/bin/chromium (cần cho kiểm thử trình duyệt); chạy 'apt-get install chromium' với quyền root rồi thử lại." >&2
    exit 2
  fi
fi

# Debian's nginx for the tests that serve the site with the configuration the build writes
# (tests/test_nginx.py), and rsync for the deploy script's tests (tools/deploy.sh).
if [ "$profile" = dev ] && { ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ] || ! command -v rsync >/dev/null; }; then
  apt_install nginx-light rsync || apt_install nginx rsync || true
fi

# The Nu HTML checker (tests/test_html_valid.py) runs on Java 11 or newer.
if [ "$profile" = dev ] && ! command -v java >/dev/null; then
  apt_install default-jre-headless || true
fi

need_npm() {
  if ! command -v npm >/dev/null; then
    echo "Installing Debian's Node.js and npm for the web editor and the browser tests..." >&2
    apt_install nodejs npm
  fi
}

# From package-lock.json: esbuild for both profiles (the build minifies and hashes overrides/assets/
# with it; esbuild and its binary for this platform), and for dev axe-core (accessibility tests),
# vnu-jar (the HTML checker) and decap-server (`site-builder edit`, the editor's end-to-end test),
# about 130 packages. Reinstalled only when the lock changes; a dev install serves the runtime
# profile too. npm ci empties node_modules/ first, so it runs before Decap's bundle is put there.
lock=$(sha256sum package-lock.json | cut -d' ' -f1)
have=$(cat node_modules/.installed-lock 2>/dev/null || true)
if { [ "$have" != "$lock-$profile" ] && [ "$have" != "$lock-dev" ]; } || [ ! -e node_modules/.bin/esbuild ] \
  || { [ "$profile" = dev ] && { [ ! -f node_modules/axe-core/axe.min.js ] \
    || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -e node_modules/.bin/decap-server ]; }; }; then
  need_npm
  omit=""
  [ "$profile" = dev ] || omit="--omit=dev"
  npm ci $omit --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  echo "$lock-$profile" > node_modules/.installed-lock
fi

# Both profiles: Decap CMS's browser bundle, which the build copies to /quan-tri/ (without it the
# site is built without its editor, with a warning). Not `npm ci`: that installed decap-cms with
# 629 packages (381 MB) the bundle already contains. One tarball (`npm pack`), its SHA-512
# compared with tools/decap-cms.json (a mismatch refuses to install, exit 2), only dist/ kept
# (tools/decap_bundle.py). Nothing is fetched while the pinned bundle is in place.
if ! .venv/bin/python tools/decap_bundle.py --check; then
  need_npm
  .venv/bin/python tools/decap_bundle.py
fi
