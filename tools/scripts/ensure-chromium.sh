#!/usr/bin/env bash
# Installs Debian's `chromium` for the browser tests (apps/api's dashboard spec drives it with playwright-core).
# Idempotent: does nothing when a Chromium is already installed (or CHROMIUM_PATH points at one).
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then
  echo "chromium: ${CHROMIUM_PATH}"
  exit 0
fi
for candidate in chromium chromium-browser; do
  if command -v "$candidate" >/dev/null 2>&1; then
    echo "chromium: $(command -v "$candidate") ($("$candidate" --version 2>/dev/null || echo 'version unknown'))"
    exit 0
  fi
done

if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium is missing and apt-get is not available: install Chromium and set CHROMIUM_PATH" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "chromium: installing Debian's chromium package"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
chromium --version
