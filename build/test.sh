#!/usr/bin/env bash
# Packs OneAuth.Analyzers and OneAuth.Testing into nuget/ (the package tests consume them), runs every test in
# Release, then checks that the sources keep the layout of .editorconfig.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/build/pack.sh"
dotnet test OneAuth.Analyzers.sln -c Release "$@"
echo "== dotnet format whitespace --verify-no-changes"
dotnet format whitespace OneAuth.Analyzers.sln --verify-no-changes -v q || {
  echo "The layout differs from .editorconfig: run 'dotnet format whitespace OneAuth.Analyzers.sln' and commit the result."
  exit 1
}
