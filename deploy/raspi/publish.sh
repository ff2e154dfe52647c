#!/usr/bin/env bash
# Builds the controller for the Raspberry Pi (64-bit Raspberry Pi OS): a self-contained
# linux-arm64 folder that needs no .NET on the Pi, compiled ahead of time (ReadyToRun) so that the
# Pi starts without JIT-compiling the whole start-up path.
# Usage: deploy/raspi/publish.sh [output-dir]        (default: artifacts/raspi)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/artifacts/raspi}"
rm -rf "$out"
# Its own bin/obj: the arm64 build's properties must not overwrite the repository's Release build.
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
dotnet publish "$root/src/Controller/Controller.csproj" \
  -c Release -r linux-arm64 --self-contained true --artifacts-path "$build" \
  -p:PublishReadyToRun=true -p:DebugType=none \
  -o "$out/app" -nologo -v quiet
cp "$root/deploy/raspi/hydro-oxygen.service" "$root/deploy/raspi/99-hydro-oxygen.rules" \
   "$root/deploy/raspi/watchdog.conf" "$root/deploy/raspi/appsettings.site.json" \
   "$root/deploy/raspi/install.sh" "$root/deploy/raspi/uninstall.sh" "$root/deploy/raspi/README.md" \
   "$root/deploy/raspi/hydro-oxygen-kiosk.service" "$root/deploy/raspi/hydro-oxygen-kiosk.pam" \
   "$root/deploy/raspi/kiosk.sh" "$root/deploy/raspi/kiosk-waiting.html" "$out/"
chmod +x "$out/install.sh" "$out/uninstall.sh" "$out/kiosk.sh" "$out/app/HydroOxygen.Controller"
echo "published to $out (copy it to the Pi and run: sudo ./install.sh)"
