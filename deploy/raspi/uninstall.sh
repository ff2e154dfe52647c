#!/usr/bin/env bash
# Removes the controller from a Raspberry Pi. Run as root.
#   sudo ./uninstall.sh            stop (venting the device) and remove the service and program
#   sudo ./uninstall.sh --purge    also remove configuration, data, logs and the service and screen users
#   sudo ./uninstall.sh --dry-run  print what would be done
# The config.txt lines of install.sh --enable-interfaces stay: other hardware may use I2C and PWM;
# so do consoleblank=0 in cmdline.txt and the screen's packages (cage, chromium, fonts).
set -euo pipefail
purge=0; dry=0
for arg in "$@"; do
  case "$arg" in
    --purge) purge=1 ;;
    --dry-run) dry=1 ;;
    *) echo "uninstall.sh: unknown option '$arg' (expected --purge, --dry-run)" >&2; exit 2 ;;
  esac
done
run() { if ((dry)); then echo "+ $*"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] || ((dry)) || { echo "uninstall.sh: run as root (sudo ./uninstall.sh)" >&2; exit 1; }

# Stopping runs the service's shutdown sequence, which vents the device; no unit is fine too.
run systemctl disable --now hydro-oxygen 2>/dev/null || true
run systemctl disable --now hydro-oxygen-kiosk 2>/dev/null || true
run rm -f /etc/systemd/system/hydro-oxygen.service /etc/udev/rules.d/99-hydro-oxygen.rules \
      /etc/systemd/system.conf.d/hydro-oxygen-watchdog.conf \
      /etc/systemd/system/hydro-oxygen-kiosk.service /etc/pam.d/hydro-oxygen-kiosk
run systemctl daemon-reload
run udevadm control --reload-rules || true
run rm -rf /opt/hydro-oxygen
if ((purge)); then
  run rm -rf /etc/hydro-oxygen /var/lib/hydro-oxygen /var/log/hydro-oxygen
  run rm -rf /var/lib/hydro-oxygen-kiosk
  run userdel hydroxy 2>/dev/null || true
  run userdel hydroxy-kiosk 2>/dev/null || true
fi
if ((dry)); then
  echo "Dry run: nothing was changed."
else
  echo "Removed.$( ((purge)) || echo ' Configuration, data and logs kept (use --purge to remove them).')"
fi
