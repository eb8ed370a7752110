#!/usr/bin/env bash
# Packs OneAuth.Analyzers, builds the quick-start consumer against the package, shows what the analyzers
# reported and what the generator produced, and runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/build/pack.sh" >/dev/null
version="$(ls nuget/OneAuth.Analyzers.*.nupkg | sed -E 's#.*/OneAuth\.Analyzers\.(.*)\.nupkg#\1#' | head -n1)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r samples/QuickStart/. "$work/"
cat > "$work/nuget.config" <<XML
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$root/nuget" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="OneAuth.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML

echo "== Building samples/QuickStart against OneAuth.Analyzers $version"
dotnet build "$work" -c Release -p:OneAuthVersion="$version" -p:RestorePackagesPath="$work/.packages" \
  -p:EmitCompilerGeneratedFiles=true --disable-build-servers -p:UseSharedCompilation=false > "$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }

echo
echo "== What the analyzers reported"
grep -oE "[A-Za-z]+\.cs\([0-9,]+\): warning OA[0-9]+: .*" "$work/build.log" | sed -E 's/ \[[^]]*\]$//' | sort -u || echo "(nothing)"

echo
echo "== What the generator produced"
find "$work/obj" -name 'OneAuth.*.g.cs' -exec cat {} \;

echo
echo "== Running it"
dotnet run --project "$work" -c Release --no-build
