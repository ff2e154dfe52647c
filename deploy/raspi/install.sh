#!/usr/bin/env bash
# Installs the controller on a Raspberry Pi from a folder made by publish.sh. Run as root.
#   sudo ./install.sh                    install or upgrade, start the service
#   sudo ./install.sh --enable-interfaces  also turn on I2C at 400 kHz and the two-channel PWM
#                                          overlay in /boot/firmware/config.txt (a reboot follows)
#   sudo ./install.sh --no-kiosk         leave the screen alone (a Pi without a display)
#   sudo ./install.sh --dry-run          print what would be done
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
enable_interfaces=0; dry=0; kiosk=1
for arg in "$@"; do
  case "$arg" in
    --enable-interfaces) enable_interfaces=1 ;;
    --dry-run) dry=1 ;;
    --no-kiosk) kiosk=0 ;;
    *) echo "install.sh: unknown option '$arg' (expected --enable-interfaces, --no-kiosk, --dry-run)" >&2; exit 2 ;;
  esac
done
run() { if ((dry)); then echo "+ $*"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] || ((dry)) || { echo "install.sh: run as root (sudo ./install.sh)" >&2; exit 1; }
[ -x "$here/app/HydroOxygen.Controller" ] || { echo "install.sh: $here/app/HydroOxygen.Controller missing: run publish.sh first" >&2; exit 1; }

# The runtime hashes the checksummed documents (calibration, tuning, supplies) through the system's
# OpenSSL: without libssl 3 the service would abort at the first one. Debian 13 names it libssl3t64.
if ! ldconfig -p 2>/dev/null | grep -q 'libssl\.so\.3 '; then
  ssl_package=libssl3t64
  apt-cache show "$ssl_package" >/dev/null 2>&1 || ssl_package=libssl3
  run apt-get install -y --no-install-recommends "$ssl_package"
fi

app=/opt/hydro-oxygen; etc=/etc/hydro-oxygen; data=/var/lib/hydro-oxygen; logs=/var/log/hydro-oxygen
user=hydroxy

# The service user: no login, no home, only the groups for the hardware it drives.
for group in gpio i2c; do getent group "$group" >/dev/null || run groupadd --system "$group"; done
getent passwd "$user" >/dev/null || run useradd --system --no-create-home --home-dir "$data" --shell /usr/sbin/nologin "$user"
run usermod -a -G gpio,i2c "$user"

# Stop the running service first: its shutdown sequence vents the device.
if systemctl is-active --quiet hydro-oxygen; then run systemctl stop hydro-oxygen; fi

run install -d -m 0755 "$app"
run cp -a "$here/app/." "$app/"
run install -m 0644 "$here/README.md" "$app/README.md"
run install -d -m 0750 -o root -g "$user" "$etc"
# Site configuration is kept across upgrades; the shipped file only seeds a fresh install.
[ -e "$etc/appsettings.json" ] || run install -m 0640 -o root -g "$user" "$here/appsettings.site.json" "$etc/appsettings.json"
run install -d -m 0750 -o "$user" -g "$user" "$data" "$logs"

run install -m 0644 "$here/99-hydro-oxygen.rules" /etc/udev/rules.d/99-hydro-oxygen.rules
run udevadm control --reload-rules
run udevadm trigger
run install -d -m 0755 /etc/systemd/system.conf.d
run install -m 0644 "$here/watchdog.conf" /etc/systemd/system.conf.d/hydro-oxygen-watchdog.conf
run install -m 0644 "$here/hydro-oxygen.service" /etc/systemd/system/hydro-oxygen.service

# The screen (DESIGN §3.5): cage running Chromium on the dashboard at boot, as its own user, with
# the CJK fonts the Chinese screen needs.
if ((kiosk)); then
  chromium_package=chromium
  apt-cache show chromium >/dev/null 2>&1 || chromium_package=chromium-browser
  missing=()
  for package in cage "$chromium_package" fonts-noto-cjk; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if ((${#missing[@]})); then run apt-get install -y --no-install-recommends "${missing[@]}"; fi
  kiosk_user=hydroxy-kiosk
  getent passwd "$kiosk_user" >/dev/null || run useradd --system --no-create-home --home-dir /var/lib/hydro-oxygen-kiosk --shell /usr/sbin/nologin "$kiosk_user"
  for group in video render input; do
    if getent group "$group" >/dev/null; then run usermod -a -G "$group" "$kiosk_user"; fi
  done
  run install -d -m 0755 "$app/kiosk"
  run install -m 0755 "$here/kiosk.sh" "$app/kiosk/kiosk.sh"
  run install -m 0644 "$here/kiosk-waiting.html" "$app/kiosk/waiting.html"
  run install -m 0644 "$here/hydro-oxygen-kiosk.pam" /etc/pam.d/hydro-oxygen-kiosk
  run install -m 0644 "$here/hydro-oxygen-kiosk.service" /etc/systemd/system/hydro-oxygen-kiosk.service
  # No screen blanking: cage blanks nothing itself; the kernel's console blanking (the panel going
  # dark before cage starts, or while it restarts) is turned off on the kernel command line.
  boot="${HYDROXY_BOOT_DIR:-/boot/firmware}"
  cmdline="$boot/cmdline.txt"; [ -e "$cmdline" ] || cmdline=/boot/cmdline.txt
  if [ -e "$cmdline" ] && ! grep -q 'consoleblank=' "$cmdline"; then
    run sed -i '1 s/$/ consoleblank=0/' "$cmdline"
  fi
fi

reboot_needed=0
if ((enable_interfaces)); then
  config=/boot/firmware/config.txt; [ -e "$config" ] || config=/boot/config.txt
  # I2C for the two ADS1115 converters; pwm-2chan puts hardware PWM 0 on GPIO 18 for the inlet valve.
  if command -v raspi-config >/dev/null; then run raspi-config nonint do_i2c 0; fi
  grep -q '^dtparam=i2c_arm=on' "$config" || run sh -c "echo 'dtparam=i2c_arm=on' >> '$config'"
  # 400 kHz fast mode (the ADS1115 supports it) instead of the 100 kHz default: each 2 ms tick reads
  # both converters, about 1 ms of bus time at 100 kHz. The driver's deadlines allow for 100 kHz,
  # so a different setting is left alone, with a warning.
  if ! grep -q '^[^#]*i2c_arm_baudrate=' "$config"; then
    run sh -c "echo 'dtparam=i2c_arm_baudrate=400000' >> '$config'"; reboot_needed=1
  elif ! grep -q '^[^#]*i2c_arm_baudrate=400000' "$config"; then
    echo "install.sh: $config sets another i2c_arm_baudrate; left as it is (400000 expected)" >&2
  fi
  grep -q '^dtoverlay=pwm-2chan' "$config" || { run sh -c "echo 'dtoverlay=pwm-2chan' >> '$config'"; reboot_needed=1; }
fi

run systemctl daemon-reload
run systemctl enable hydro-oxygen
if ((kiosk)); then run systemctl enable hydro-oxygen-kiosk; fi
if ((reboot_needed)); then
  echo "Interfaces enabled: reboot the Pi (sudo reboot); the service and the screen start on boot."
else
  run systemctl start hydro-oxygen
  if ((kiosk)); then run systemctl restart hydro-oxygen-kiosk; fi
  echo "Installed and started. Follow it with: journalctl -u hydro-oxygen -f"
fi
