#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests. Installs it with apt-get when missing
# and this runs as root; prints the browser's path, or exits 3 when it cannot be had.
set -uo pipefail
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure_chromium: installing Debian's chromium with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq chromium) >&2 || true
  if [ -x /usr/bin/chromium ]; then echo /usr/bin/chromium; exit 0; fi
fi
echo "ensure_chromium: Chromium is not installed (apt-get install chromium)" >&2
exit 3
