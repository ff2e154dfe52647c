#!/usr/bin/env bash
# Started by cage for the device's screen (hydro-oxygen-kiosk.service): Chromium full-screen,
# touch on, nothing of the browser's own showing, first on the local "controller not running"
# page, which moves to the dashboard as soon as the controller answers. The dashboard speaks the
# device's language (it is the device's own screen: a loopback caller).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
url="${HYDROXY_KIOSK_URL:-http://127.0.0.1:5080/}"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "kiosk: chromium is not installed (sudo apt-get install chromium)" >&2
  exit 1
fi
profile="${STATE_DIRECTORY:-${HOME:-/tmp}}/chromium"
mkdir -p "$profile"
# A browser killed with the power leaves "exited uncleanly" in its profile, and would offer to
# restore the session: say it ended well.
prefs="$profile/Default/Preferences"
if [ -f "$prefs" ]; then
  sed -i 's/"exit_type":"[A-Za-z]*"/"exit_type":"Normal"/; s/"exited_cleanly":false/"exited_cleanly":true/' "$prefs"
fi
exec "$browser" \
  --kiosk --no-first-run --noerrdialogs --disable-infobars --disable-session-crashed-bubble \
  --disable-translate --disable-features=Translate,TranslateUI --disable-pinch --overscroll-history-navigation=0 \
  --disable-background-networking --disable-component-update --check-for-update-interval=31536000 \
  --password-store=basic --ozone-platform=wayland --touch-events=enabled \
  --user-data-dir="$profile" \
  "file://$here/waiting.html?to=$url"
