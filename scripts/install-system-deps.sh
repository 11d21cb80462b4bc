#!/usr/bin/env bash
# Debian packages the tests use: Chromium, for the real-browser test of the built site.
# Installs only what is missing; without root or apt-get it says so and carries on
# (the browser test then skips with that message).
set -u
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: chromium is not installed and cannot be installed here (needs root and apt-get);" \
       "the browser test will be skipped" >&2
  exit 0
fi
echo "installing Debian's chromium for the browser test"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null \
  || echo "note: installing chromium failed; the browser test will be skipped" >&2
exit 0
