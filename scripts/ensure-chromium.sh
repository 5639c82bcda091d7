#!/usr/bin/env bash
# Makes sure a headless Chromium is on the machine for the summary.html browser test (test/browser).
# Installs Debian's `chromium` package when it is absent and we can (root + apt-get); otherwise says why and
# leaves it to the test, which then fails with that reason (it is never silently skipped).
set -euo pipefail
for c in /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -x "$c" ]; then echo "chromium: $c"; exit 0; fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium: installing Debian's chromium package (apt-get) ..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  echo "chromium: $(command -v chromium)"
else
  echo "chromium: not found and cannot install it here (need root and apt-get); the browser test will fail" >&2
fi
