#!/usr/bin/env bash
# Debian packages the book uses: a CJK font, for the charts' Chinese labels and the
# screenshots' Chinese text, and Chromium, for the real-browser test of the built site.
# (Binder installs the font from apt.txt.)
# Installs only what is missing; without root or apt-get it says so and carries on
# (the browser test then skips, and the charts' Chinese shows as boxes).
set -u
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} = 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: ${missing[*]} not installed and cannot be installed here (needs root and apt-get);" \
       "without chromium the browser test is skipped, without a CJK font charts show Chinese as boxes" >&2
  exit 0
fi
echo "installing from Debian: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "note: installing ${missing[*]} failed; without chromium the browser test is skipped," \
          "without a CJK font charts show Chinese as boxes" >&2
exit 0
