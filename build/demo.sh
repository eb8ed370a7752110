#!/usr/bin/env bash
# The demo: packs OneAuth.Analyzers and OneAuth.Testing into nuget/, builds the samples against those packages
# (as a user's project would consume them), runs Billing.Api against a development issuer on 127.0.0.1 and
# sends it real requests, then shows the analyzer warnings of the Legacy sample. Exits non-zero on any surprise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
started=$SECONDS
echo "== Packing OneAuth.Analyzers and OneAuth.Testing into nuget/ (about a minute on a cold machine)"
"$root/build/pack.sh" >/dev/null
echo "   packed in $((SECONDS - started)) s"
version="$(ls nuget/OneAuth.Analyzers.*.nupkg | sed -E 's#.*/OneAuth\.Analyzers\.([0-9][^/]*)\.nupkg#\1#' | head -n1)"
# A re-pack of the same version must not be served from a stale cache.
rm -rf samples/.packages/oneauth.*

build() { dotnet build "$1" -c Release -p:OneAuthVersion="$version" --disable-build-servers -p:UseSharedCompilation=false -nologo "${@:2}"; }

echo "== Building samples/Billing.Api and samples/Demo against OneAuth $version"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
build samples/Billing.Api -v q > "$log" 2>&1 || { cat "$log"; exit 1; }
echo "   samples/Billing.Api built ($((SECONDS - started)) s)"
build samples/Demo -v q > "$log" 2>&1 || { cat "$log"; exit 1; }
echo "   samples/Demo built ($((SECONDS - started)) s)"

echo
status=0
dotnet samples/Demo/bin/Release/net10.0/Demo.dll samples/Billing.Api/bin/Release/net10.0/Billing.Api.dll || status=$?

echo "== What the analyzers say about samples/Legacy (the classic mistakes; building it takes a few seconds)"
build samples/Legacy --no-incremental > "$log" 2>&1 || { cat "$log"; exit 1; }
grep -oE "[A-Za-z]+\.cs\([0-9,]+\): (warning|info) OA[0-9]+: [^[]*" "$log" | sed -E 's/ +$//' | sort -u
count="$(grep -oE "[A-Za-z]+\.cs\([0-9,]+\): (warning|info) OA[0-9]+" "$log" | sort -u | wc -l)"
echo "($count OneAuth diagnostics)"
[ "$count" -gt 0 ] || { echo "expected the analyzers to flag samples/Legacy"; exit 1; }
exit $status
