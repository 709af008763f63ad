#!/usr/bin/env bash
# The one command: builds Release, publishes the CLI, runs BenchmarkDotNet (full mode only) and the end-to-end bench
# against moto on loopback with infra/ deployed, and prints one table. Exit code 0 whenever the bench ran; targets
# missed are printed as MISSED.
#   bash bench/run.sh            full run (~10 min on 2 cores)
#   bash bench/run.sh --quick    CI scale (< 2 min of measuring; skips BenchmarkDotNet and the 2-worker burst)
# Extra arguments go to the bench, e.g. --only latency,calls  or  --burst-events 10000
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=bench/.artifacts
mkdir -p "$out"
dotnet build bench/DriftWatch.Bench -c Release -nologo -v quiet >/dev/null
# Exactly the command README gives: the project file makes it the fast binary (src/DriftWatch.Cli/README.md).
dotnet publish src/DriftWatch.Cli -c Release -nologo -v quiet -o "$out/cli" >/dev/null
micro=()
if [[ " $* " != *" --quick "* ]]; then
  rm -rf "$out/micro"
  dotnet run -c Release --project bench/DriftWatch.Bench.Micro -- --filter '*' --job short --inProcess \
    --artifacts "$out/micro" >"$out/micro.log" 2>&1 || echo "BenchmarkDotNet failed; see $out/micro.log" >&2
  micro=(--micro "$out/micro")
fi
uptime
exec dotnet bench/DriftWatch.Bench/bin/Release/net10.0/DriftWatch.Bench.dll run --cli "$out/cli/driftwatch" "${micro[@]}" "$@"
