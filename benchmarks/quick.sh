#!/usr/bin/env bash
# Quick validation benchmarks (about two to three minutes): the figures in docs/benchmarks.md.
# Usage: benchmarks/quick.sh [extra BenchmarkDotNet arguments]
set -euo pipefail
cd "$(dirname "$0")/OneAuth.Benchmarks"
exec dotnet run -c Release -- --filter '*ValidationBenchmarks*' --job short "$@"
