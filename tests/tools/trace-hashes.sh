#!/usr/bin/env bash
# Prints the sha256 of the trace (and the event log) of every scenario under scenarios/, on both
# simulator backends, so that a refactoring of the control core can be shown not to change
# behaviour: run it before and after and compare the two lists (they must match byte for byte).
# Usage: tests/tools/trace-hashes.sh [--no-build] > hashes.txt
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${1:-}" != "--no-build" ]; then
  dotnet build src/Controller -c Release -nologo -v quiet >/dev/null
fi
controller=src/Controller/bin/Release/net10.0/HydroOxygen.Controller.dll
[ -f "$controller" ] || { echo "no build at $controller" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
find scenarios -name '*.yaml' | LC_ALL=C sort | while read -r scenario; do
  for backend in models drivers; do
    set +e
    dotnet "$controller" simulate "$scenario" --backend "$backend" --quiet \
      --trace "$work/trace.csv" --events "$work/events.log" >"$work/out.txt" 2>&1
    code=$?
    set -e
    trace=$(sha256sum "$work/trace.csv" | cut -d' ' -f1)
    events=$(sha256sum "$work/events.log" | cut -d' ' -f1)
    printf '%s  %-7s exit=%d trace=%s events=%s\n' "$scenario" "$backend" "$code" "$trace" "$events"
    rm -f "$work/trace.csv" "$work/events.log"
  done
done
