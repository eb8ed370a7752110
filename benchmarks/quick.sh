#!/usr/bin/env bash
# Quick refresh of the headline figures in docs/benchmarks.md, in under two minutes on 2 cores:
# validation (floor, verifier uncached and cached, 1 MB garbage), JWKS (refresh, valid token, flood
# rejection, interleaved flood) and generator edits (unrelated, AppScope), in-process, 3 iterations each.
# Quick figures are indicative; docs/benchmarks.md gives the fuller commands behind the published numbers.
#
#   benchmarks/quick.sh [extra BenchmarkDotNet arguments]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/OneAuth.Benchmarks"
echo "load before: $(uptime)"
dotnet build -c Release -nologo -v q
dotnet bin/Release/net10.0/OneAuth.Benchmarks.dll \
  --inProcess --job short --warmupCount 2 --iterationCount 3 \
  --filter '*ValidationBenchmarks.RsaVerifyData' '*ValidationBenchmarks.Verifier_Uncached' \
           '*ValidationBenchmarks.Verifier_CachedHit' '*ValidationBenchmarks.Verifier_Reject1MB' \
           '*JwksBenchmarks.Refresh' '*JwksBenchmarks.ValidAlone' '*JwksBenchmarks.FloodRejection' '*JwksBenchmarks.ValidWithFlood' \
           '*GeneratorBenchmarks.UnrelatedEditRun' '*GeneratorBenchmarks.ScopeEditRun' \
  "$@"
echo "load after: $(uptime)"
