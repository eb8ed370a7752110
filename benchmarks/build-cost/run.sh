#!/usr/bin/env bash
# Measures what the OneAuth analyzers (and generator) add to the build of a large project.
#
# Generates a consumer of N files (default 1000) with realistic JWT validation code spread through it, then
# builds it from scratch, alternating three configurations, R rounds (default 3):
#   baseline  - no OneAuth analyzers
#   oneauth   - the OneAuth analyzers and generator (from src/, Release build)
#   rules     - the same assembly rebuilt in the temp folder without the generator's [Generator] attribute, so the
#               rules run and the generator does not (separates the two costs)
#   ca540x    - no OneAuth, but the SDK's CA5404/CA5405 token-validation rules switched on
# and prints the median wall time of each and the overhead relative to the baseline, then the per-analyzer
# times of one more build with OneAuth and CA5404/CA5405 both on and -p:ReportAnalyzer=true. The load
# average is printed before each round: on a shared machine, compare only rounds of similar load.
#
#   benchmarks/build-cost/run.sh [files] [rounds]          (about 1 min per round at 1000 files on 2 cores)
#
# By default every file follows the five-file cycle below (four of five touch tokens or claims: 800 of 1,000, far
# denser than a real service, in files of 10-25 lines). JWT_FILES=M spreads only M cycle files evenly through the
# project; every other file is an ordinary service class of about 70 lines with no token code, as most of a real
# service's files are (JWT_FILES=50: 40 token or claims files in 1,000).
set -euo pipefail
files="${1:-1000}"
rounds="${2:-3}"
jwt_files="${JWT_FILES:-$files}"
# SHARED=true builds through the compiler server (warm after the first build, as on a developer machine);
# the default starts a fresh compiler per build, the worst case for analyzer and generator start-up cost.
shared="${SHARED:-false}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
# KEEP=1 keeps the generated project and the build logs (path printed at the end).
trap 'if [ -n "${KEEP:-}" ]; then echo "kept: $work"; else rm -rf "$work"; fi' EXIT

dotnet build "$root/src/OneAuth.Analyzers.CodeFixes" -c Release -v q -nologo >/dev/null
dotnet build "$root/src/OneAuth.Runtime" -c Release -v q -nologo >/dev/null
analyzers="$root/src/OneAuth.Analyzers/bin/Release/netstandard2.0/OneAuth.Analyzers.dll"
# The rules-only variant: a copy of the analyzer project whose generator class is not marked [Generator]. The copy
# keeps the repository's layout (src/OneAuth.Analyzers beside build/), so the project's relative imports resolve.
mkdir -p "$work/rules-only/src"
cp -r "$root/src/OneAuth.Analyzers" "$work/rules-only/src/OneAuth.Analyzers"
# The sources it links (src/Shared) and the settings src/ and the root give it.
cp -r "$root/src/Shared" "$work/rules-only/src/Shared"
cp "$root/src/Directory.Build.props" "$root/src/.editorconfig" "$work/rules-only/src/"
cp -r "$root/build" "$work/rules-only/build"
cp "$root/Directory.Build.props" "$root/Directory.Packages.props" "$root/global.json" "$root/.editorconfig" "$work/rules-only/"
rm -rf "$work/rules-only/src/OneAuth.Analyzers/bin" "$work/rules-only/src/OneAuth.Analyzers/obj"
generator_cs="$work/rules-only/src/OneAuth.Analyzers/Generator/AppTokenValidatorGenerator.cs"
grep -q '^ *\[Generator(LanguageNames.CSharp)\]' "$generator_cs" || { echo "no [Generator] attribute to remove in $generator_cs"; exit 1; }
sed -i 's/^ *\[Generator(LanguageNames.CSharp)\]//' "$generator_cs"
dotnet build "$work/rules-only/src/OneAuth.Analyzers" -c Release -v q -nologo -p:TreatWarningsAsErrors=false >/dev/null
rules_only="$work/rules-only/src/OneAuth.Analyzers/bin/Release/netstandard2.0/OneAuth.Analyzers.dll"
runtime="$root/src/OneAuth.Runtime/bin/Release/net8.0/OneAuth.Runtime.dll"

mkdir -p "$work/app/Features"
cat > "$work/Directory.Build.props" <<'XML'
<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>
XML
cat > "$work/app/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <NoWarn>\$(NoWarn);CS1591;CS0219;CS8321</NoWarn>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <UseSharedCompilation>$shared</UseSharedCompilation>
  </PropertyGroup>
  <ItemGroup>
    <FrameworkReference Include="Microsoft.AspNetCore.App" />
    <PackageReference Include="Microsoft.AspNetCore.Authentication.JwtBearer" Version="10.0.15" />
    <Reference Include="OneAuth.Runtime" HintPath="$runtime" />
  </ItemGroup>
  <ItemGroup Condition="'\$(WithOneAuth)' == 'true'">
    <Analyzer Include="$analyzers" />
  </ItemGroup>
  <ItemGroup Condition="'\$(WithOneAuthRules)' == 'true'">
    <Analyzer Include="$rules_only" />
  </ItemGroup>
</Project>
XML
echo '[assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com")]' > "$work/app/AppScope.cs"

for ((i = 0; i < files; i++)); do
  # File i takes the next template (k) of the cycle when the even spread of jwt_files over files steps at i.
  if (( (i + 1) * jwt_files / files > i * jwt_files / files )); then k=$(( i * jwt_files / files )); template=$(( k % 5 )); else template=5; fi
  case $template in
    0) cat > "$work/app/Features/Feature$i.cs" <<CS
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace App.Features;

public static class Feature$i
{
    private const bool Strict = true;

    public static void Configure(IServiceCollection services, string authority)
    {
        services.AddAuthentication().AddJwtBearer("scheme$i", o =>
        {
            o.Authority = authority;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = "https://auth.example.com",
                ValidAudience = "api-$i",
                ValidateAudience = Strict,
                ValidateLifetime = true,
                ClockSkew = TimeSpan.FromSeconds($((i % 60))),
                ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
            };
        });
    }
}
CS
    ;;
    1) cat > "$work/app/Features/Feature$i.cs" <<CS
using Microsoft.IdentityModel.Tokens;

namespace App.Features;

public sealed class Feature$i
{
    public TokenValidationParameters Parameters(bool relaxed)
    {
        var p = new TokenValidationParameters { ValidIssuer = "https://auth.example.com", ValidAudience = "api" };
        var copy = p.Clone();
        copy.ValidateIssuer = !relaxed;
        copy.AudienceValidator = (audiences, token, parameters) => audiences.Contains("api-$i");
        return copy;
    }
}
CS
    ;;
    2) cat > "$work/app/Features/Feature$i.cs" <<CS
using System.Security.Claims;

namespace App.Features;

public sealed class Feature$i
{
    public bool IsAllowed(ClaimsPrincipal user)
    {
        string? app = user.FindFirst("app_id")?.Value;
        return string.Equals(app, "billing", StringComparison.Ordinal) && user.Identity?.IsAuthenticated == true;
    }
}
CS
    ;;
    3) cat > "$work/app/Features/Feature$i.cs" <<CS
namespace App.Features;

public sealed record Invoice$i(Guid Id, decimal Amount, string Currency)
{
    public decimal WithTax(decimal rate) => Math.Round(Amount * (1 + rate), 2, MidpointRounding.ToEven);

    public static IEnumerable<Invoice$i> Sample(int count)
    {
        for (int n = 0; n < count; n++)
            yield return new Invoice$i(Guid.NewGuid(), n * 10.5m, n % 2 == 0 ? "EUR" : "USD");
    }
}
CS
    ;;
    4) cat > "$work/app/Features/Feature$i.cs" <<CS
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace App.Features;

public sealed class Feature$i
{
    private readonly JsonWebTokenHandler _handler = new();

    public async Task<bool> CheckAsync(string token, SecurityKey key)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "https://auth.example.com",
            ValidAudience = "billing",
            IssuerSigningKey = key,
            ValidateLifetime = $( [ $((k % 10)) -eq 4 ] && echo false || echo true ),
        });
        return result.IsValid && result.Claims.TryGetValue("app_id", out var app) && (string)app == "billing";
    }
}
CS
    ;;
    5) cat > "$work/app/Features/Feature$i.cs" <<CS
using Microsoft.Extensions.Logging;

namespace App.Features;

public enum OrderState$i { Draft, Placed, Shipped, Cancelled }

public sealed record OrderLine$i(string Sku, int Quantity, decimal UnitPrice)
{
    public decimal Total => Quantity * UnitPrice;
}

public sealed record Order$i(Guid Id, string Customer, OrderState$i State, IReadOnlyList<OrderLine$i> Lines, DateTimeOffset CreatedAt);

public interface IOrderStore$i
{
    Task<Order$i?> FindAsync(Guid id, CancellationToken ct);
    Task SaveAsync(Order$i order, CancellationToken ct);
}

public sealed class OrderService$i(IOrderStore$i store, ILogger<OrderService$i> logger)
{
    private readonly Dictionary<string, decimal> _discounts = new(StringComparer.OrdinalIgnoreCase) { ["GOLD"] = 0.1m, ["SILVER"] = 0.05m };

    public async Task<decimal> QuoteAsync(Guid id, string? tier, CancellationToken ct = default)
    {
        Order$i order = await store.FindAsync(id, ct).ConfigureAwait(false)
            ?? throw new KeyNotFoundException(\$"Order {id} was not found.");
        decimal gross = order.Lines.Where(l => l.Quantity > 0).Sum(l => l.Total);
        decimal discount = tier is not null && _discounts.TryGetValue(tier, out decimal rate) ? rate : 0m;
        decimal net = Math.Round(gross * (1 - discount), 2, MidpointRounding.ToEven);
        logger.LogInformation("Quoted {OrderId}: {Gross} -> {Net}", id, gross, net);
        return net;
    }

    public async Task<bool> AdvanceAsync(Guid id, CancellationToken ct = default)
    {
        Order$i? order = await store.FindAsync(id, ct).ConfigureAwait(false);
        if (order is null)
            return false;

        OrderState$i next = order.State switch
        {
            OrderState$i.Draft when order.Lines.Count > 0 => OrderState$i.Placed,
            OrderState$i.Placed => OrderState$i.Shipped,
            _ => order.State,
        };
        if (next == order.State)
            return false;

        try
        {
            await store.SaveAsync(order with { State = next }, ct).ConfigureAwait(false);
            return true;
        }
        catch (InvalidOperationException ex)
        {
            logger.LogWarning(ex, "Could not advance {OrderId} from {State}", id, order.State);
            return false;
        }
    }

    public static Order$i? FromJson(string json)
        => System.Text.Json.JsonSerializer.Deserialize<Order$i>(json);

    public static int ParseQuantity(string text)
        => int.TryParse(text, out int quantity) && quantity > 0 ? quantity : throw new FormatException(\$"'{text}' is not a quantity.");

    public static IEnumerable<(string Sku, int Quantity)> Summarize(IEnumerable<Order$i> orders)
        => orders.Where(o => o.State != OrderState$i.Cancelled)
                 .SelectMany(o => o.Lines)
                 .GroupBy(l => l.Sku)
                 .Select(g => (g.Key, g.Sum(l => l.Quantity)))
                 .OrderByDescending(x => x.Item2)
                 .ThenBy(x => x.Key, StringComparer.Ordinal);
}
CS
    ;;
  esac
done
printf 'root = true\n[*.cs]\n' > "$work/app/.editorconfig"

# REPORT=0 builds the rounds without -p:ReportAnalyzer (wall time only). By default every round's build carries
# the compiler's per-component report, so each build also yields the total analyzer and generator time and
# OneAuth's own share of both (the instrumentation is the same in every configuration).
report="${REPORT:-1}"

build() { # $1 = config name
  local extra=() editor="root = true\n[*.cs]\n" verbosity=n
  if [ "$report" = 1 ]; then extra=(-p:ReportAnalyzer=true); verbosity=d; fi
  case "$1" in
    oneauth) extra+=(-p:WithOneAuth=true) ;;
    rules) extra+=(-p:WithOneAuthRules=true) ;;
    report) extra=(-p:WithOneAuth=true -p:ReportAnalyzer=true) verbosity=d # the report is logged at detailed verbosity
            editor="${editor}dotnet_diagnostic.CA5404.severity = warning\ndotnet_diagnostic.CA5405.severity = warning\n" ;;
    ca540x) editor="${editor}dotnet_diagnostic.CA5404.severity = warning\ndotnet_diagnostic.CA5405.severity = warning\n" ;;
  esac
  printf "$editor" > "$work/app/.editorconfig"
  rm -rf "$work/app/bin" "$work/app/obj/Release"
  local start end
  start=$(date +%s%N)
  dotnet build "$work/app" -c Release --no-restore -nologo -v "$verbosity" "${extra[@]}" > "$work/$1.log" 2>&1 || { cat "$work/$1.log"; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

dotnet restore "$work/app" -nologo -v q >/dev/null
build baseline >/dev/null # warm-up: build servers off, disk cache warm
declare -A times analyzers generators ours_rules ours_gen
for ((r = 0; r < rounds; r++)); do
  echo "round $((r + 1)): load average $(uptime | sed -E 's/.*load averages?: //')"
  for config in baseline oneauth rules ca540x; do
    times[$config]+="$(build $config) "
    if [ "$report" = 1 ]; then
      read -r a g oa og <<<"$(awk -f "$root/benchmarks/build-cost/components.awk" "$work/$config.log")"
      analyzers[$config]+="$a "; generators[$config]+="$g "; ours_rules[$config]+="$oa "; ours_gen[$config]+="$og "
    fi
  done
done

median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
base=$(median "${times[baseline]}")
echo "after: load average $(uptime | sed -E 's/.*load averages?: //')"
echo
echo "files=$files (cycle files: $jwt_files) rounds=$rounds UseSharedCompilation=$shared (wall ms per full build, median)"
for config in baseline oneauth rules ca540x; do
  m=$(median "${times[$config]}")
  awk -v c="$config" -v m="$m" -v b="$base" -v all="${times[$config]}" 'BEGIN { printf "%-9s %7d ms  %+6.1f%%   runs: %s\n", c, m, (m - b) * 100 / b, all }'
done
if [ "$report" = 1 ]; then
  echo
  echo "Compiler report, median seconds per build (all analyzers | all generators | OneAuth rules | OneAuth generator):"
  for config in baseline oneauth rules ca540x; do
    printf '%-9s %6s | %6s | %6s | %6s   generators per run: %s\n' "$config" "$(median "${analyzers[$config]}")" \
      "$(median "${generators[$config]}")" "$(median "${ours_rules[$config]}")" "$(median "${ours_gen[$config]}")" "${generators[$config]}"
  done
fi
echo
# MSBuild repeats each warning in its summary: count distinct file(line,col) sites per rule.
sites() { grep -oE '[A-Za-z0-9_]+\.cs\([0-9,]+\): warning '"$2"'[0-9]+' "$1" | sort -u | awk '{print $NF}' | sort | uniq -c || true; }
echo "Diagnostic sites in the oneauth build (count, rule):"
sites "$work/oneauth.log" OA
echo "Diagnostic sites in the ca540x build (count, rule):"
sites "$work/ca540x.log" CA540
echo
echo "Per-analyzer time (one more build, OneAuth and CA5404/CA5405 on, -p:ReportAnalyzer=true; load $(uptime | sed -E 's/.*load averages?: //')):"
build report >/dev/null
echo "build wall time: $(grep -E 'Time Elapsed' "$work/report.log" | sed -E 's/^ *Time Elapsed //')"
# The compiler's report rows ("  0.123   4   Name"): totals, our assemblies and rules, the SDK analyzer assemblies, CA5404/5.
grep -E 'Total (analyzer|generator) execution time|^ *<?[0-9]+\.[0-9]+ +<?[0-9]+ +.*(OneAuth|CA5404|CA5405|NetAnalyzers, Version)' "$work/report.log" \
  | sed -E 's/^ +//; s/, Culture=.*//' | awk '!seen[$0]++' | head -40 || true
