#!/usr/bin/env bash
# Packs OneAuth.Analyzers and OneAuth.Testing into nuget/ (the package tests consume them), then runs every test in Release.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/build/pack.sh"
dotnet test OneAuth.Analyzers.sln -c Release "$@"
