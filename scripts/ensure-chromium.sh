#!/usr/bin/env bash
# The end-to-end tests drive Debian's chromium (Playwright cannot download browsers on this
# kind of machine). Install it, with the fonts screenshots need, when it is missing.
set -euo pipefail
bin="${BOOTMAP_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$bin" ]; then exit 0; fi
echo "ensure-chromium: $bin missing, installing Debian's chromium" >&2
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
pkgs="chromium fonts-liberation fonts-dejavu-core"
$sudo_cmd apt-get install -y --no-install-recommends $pkgs >/dev/null 2>&1 || {
  $sudo_cmd apt-get update >/dev/null
  $sudo_cmd apt-get install -y --no-install-recommends $pkgs >/dev/null
}
[ -x "$bin" ] || { echo "ensure-chromium: $bin still missing after install" >&2; exit 1; }
