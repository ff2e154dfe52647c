#!/usr/bin/env bash
# Runs the whole test suite, installing first whatever the tests need.
# Usage: ./test.sh            (as root, or with sudo available, on Debian/Ubuntu)
# Prints "N passed, N failed" as its last line; exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")"

# ---- prerequisites --------------------------------------------------------------------------
# Debian packages the tests use: qemu and the arm64 C runtime (and fontconfig, which the PNG plot's
# Skia library links against, and OpenSSL, which the runtime hashes through, as on the Pi) to run the
# Raspberry Pi build,
# systemd-analyze to verify the unit, shellcheck for the scripts, Chromium for the dashboard's
# browser tests (driven headless through Playwright, from the Debian package) and a CJK font for
# its Chinese screen (the one the Pi's kiosk installs), Mosquitto (with mosquitto_passwd) and
# PostgreSQL for the fleet telemetry tests, which start their own instances on free loopback ports
# (never the system services), and xmllint (libxml2-utils), which reads the simulator's JUnit
# reports back against the JUnit schema.
need_packages=(qemu-user-static libc6:arm64 libstdc++6:arm64 libfontconfig1:arm64 libssl3:arm64 systemd shellcheck chromium fonts-noto-cjk mosquitto postgresql libxml2-utils)
missing=()
for p in "${need_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
# Node.js and npm run the OpenAPI check's independent checker; a machine may have them from elsewhere.
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  dpkg --print-foreign-architectures | grep -qx arm64 || "${sudo_cmd[@]}" dpkg --add-architecture arm64
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (https://dot.net)"; exit 1; }

# The OpenAPI checker (Stoplight Prism), exactly as pinned in tests/OpenApiCheck/package-lock.json;
# no install scripts run. The OpenAPI conformance test fails, saying so, if it is missing.
(cd tests/OpenApiCheck && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) \
  || { echo "npm ci in tests/OpenApiCheck failed: the OpenAPI checker cannot be installed"; echo "0 passed, 1 failed"; exit 1; }

# ---- tests ----------------------------------------------------------------------------------
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
dotnet build Controller.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
# The Raspberry Pi package, built once for the deployment tests (they run it under qemu).
deploy/raspi/publish.sh "$results/raspi" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
shots=tests/Browser.Tests/bin/Release/net10.0/screenshots
rm -rf "$shots"
openapi_check=tests/Controller.Tests/bin/Release/net10.0/openapi-check.txt
rm -f "$openapi_check"
HYDROXY_ARM64_BUILD="$results/raspi" dotnet test Controller.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" || status=$?

# The dashboard screenshots the browser tests take (at rest, spraying, with an alarm), kept as
# artifacts of this run.
if compgen -G "$shots/*.png" >/dev/null; then
  rm -rf artifacts/screenshots && mkdir -p artifacts && cp -r "$shots" artifacts/screenshots
  echo "dashboard screenshots: artifacts/screenshots/"
fi

# What the independent OpenAPI checker found (operations, requests, failures).
[ -f "$openapi_check" ] && cat "$openapi_check"

# ---- summary from the test results, not from dotnet test's own wording ------------------------
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
