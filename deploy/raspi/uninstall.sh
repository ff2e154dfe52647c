#!/usr/bin/env bash
# Removes the controller from a Raspberry Pi. Run as root.
#   sudo ./uninstall.sh            stop (venting the device) and remove the service and program
#   sudo ./uninstall.sh --purge    also remove configuration, data, logs and the service user
set -euo pipefail
purge=0
for arg in "$@"; do
  case "$arg" in
    --purge) purge=1 ;;
    *) echo "uninstall.sh: unknown option '$arg' (expected --purge)" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "uninstall.sh: run as root" >&2; exit 1; }
systemctl disable --now hydro-oxygen 2>/dev/null || true
rm -f /etc/systemd/system/hydro-oxygen.service /etc/udev/rules.d/99-hydro-oxygen.rules \
      /etc/systemd/system.conf.d/hydro-oxygen-watchdog.conf
systemctl daemon-reload
udevadm control --reload-rules || true
rm -rf /opt/hydro-oxygen
if ((purge)); then
  rm -rf /etc/hydro-oxygen /var/lib/hydro-oxygen /var/log/hydro-oxygen
  userdel hydroxy 2>/dev/null || true
fi
echo "Removed.$( ((purge)) || echo ' Configuration, data and logs kept (use --purge to remove them).')"
