#!/usr/bin/env bash
# Builds and packs OneAuth.Analyzers and OneAuth.Testing into nuget/ (Release).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rm -f nuget/*.nupkg
dotnet pack nuget/OneAuth.Analyzers/OneAuth.Analyzers.csproj -c Release -o nuget "$@"
dotnet pack nuget/OneAuth.Testing/OneAuth.Testing.csproj -c Release -o nuget "$@"
ls -1 nuget/*.nupkg
