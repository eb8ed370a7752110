using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OneAuth.Analyzers.Generator;

namespace OneAuth.Benchmarks;

/// <summary>
/// The AppTokenValidator generator in a <see cref="GeneratorDriver"/> over a 1,000-file compilation, as an IDE
/// runs it on every keystroke: the cold first run, an edit that does not touch the scope (every tracked step must
/// come back cached or unchanged) and an edit of <c>[assembly: AppScope(...)]</c> (one regeneration).
/// </summary>
/// <remarks>
/// Each incremental benchmark starts from the same warmed driver and builds the edited compilation with
/// <see cref="Compilation.ReplaceSyntaxTree"/> inside the measurement, so no semantic state of an earlier
/// iteration is reused. Edited trees are parsed once in setup: parsing is the compiler's work, not the generator's.
/// </remarks>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int Files = 1000;

    // The generator's TrackingNames (internal to the analyzer assembly; checked to all be present below).
    private static readonly string[] TrackedSteps = { "ScopeParsed", "ScopePicked", "BuildSettings", "HostingFacts", "ModelBuilt" };

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warmDriver = null!;
    private SyntaxTree _scopeTree = null!;
    private SyntaxTree _scopeEdited = null!;
    private SyntaxTree _unrelatedTree = null!;
    private SyntaxTree _unrelatedEdited = null!;

    [GlobalSetup]
    public void Setup()
    {
        var trees = new List<SyntaxTree> { Parse(Scope("billing"), "AppScope.cs") };
        for (int i = 0; i < Files - 1; i++)
            trees.Add(Parse(Feature(i, edited: false), $"Features/Feature{i}.cs"));

        _scopeTree = trees[0];
        _unrelatedTree = trees[500];
        _scopeEdited = Parse(Scope("invoicing"), "AppScope.cs");
        _unrelatedEdited = Parse(Feature(499, edited: true), "Features/Feature499.cs");

        _compilation = CSharpCompilation.Create(
            "Consumer",
            trees,
            References(),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                // The runtime's net8.0 build sits next to net10.0 reference assemblies.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

        _warmDriver = NewDriver().RunGeneratorsAndUpdateCompilation(_compilation, out Compilation output, out _);
        GeneratorRunResult first = _warmDriver.GetRunResult().Results.Single();
        Require(first.Exception is null, "the generator threw: " + first.Exception);
        Require(first.GeneratedSources.Any(s => s.HintName == "OneAuth.AppTokenValidator.g.cs"), "no validator was generated");
        ImmutableArray<Diagnostic> errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        Require(errors.IsEmpty, "the consumer does not compile:\n" + string.Join("\n", errors.Take(10)));
        foreach (string step in TrackedSteps)
            Require(first.TrackedSteps.ContainsKey(step), $"tracked step '{step}' is missing; the step names changed");

        // Unrelated edit: every output of every tracked step is cached or unchanged, and nothing is regenerated.
        GeneratorRunResult unrelated = _warmDriver.RunGenerators(UnrelatedEdit()).GetRunResult().Results.Single();
        foreach (string step in TrackedSteps)
        {
            foreach (IncrementalGeneratorRunStep run in unrelated.TrackedSteps[step])
            {
                foreach ((object _, IncrementalStepRunReason reason) in run.Outputs)
                    Require(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step '{step}' was {reason} after an unrelated edit");
            }
        }

        // Scope edit: the model is rebuilt and the validator text changes.
        GeneratorRunResult scope = _warmDriver.RunGenerators(ScopeEdit()).GetRunResult().Results.Single();
        Require(scope.TrackedSteps["ModelBuilt"].SelectMany(s => s.Outputs).Any(o => o.Reason == IncrementalStepRunReason.Modified), "the model was not rebuilt after a scope edit");
        Require(Validator(scope).Contains("\"invoicing\"", StringComparison.Ordinal) && !Validator(first).Contains("\"invoicing\"", StringComparison.Ordinal), "the scope edit did not reach the generated validator");
    }

    [Benchmark(Description = "Cold first run, 1,000 files")]
    public GeneratorDriver ColdRun() => NewDriver().RunGenerators(_compilation.Clone());

    [Benchmark(Description = "Unrelated edit (all steps cached)")]
    public GeneratorDriver UnrelatedEditRun() => _warmDriver.RunGenerators(UnrelatedEdit());

    [Benchmark(Description = "AppScope edit (one regeneration)")]
    public GeneratorDriver ScopeEditRun() => _warmDriver.RunGenerators(ScopeEdit());

    private Compilation UnrelatedEdit() => _compilation.ReplaceSyntaxTree(_unrelatedTree, _unrelatedEdited);

    private Compilation ScopeEdit() => _compilation.ReplaceSyntaxTree(_scopeTree, _scopeEdited);

    private static GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        new[] { new AppTokenValidatorGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private static string Validator(GeneratorRunResult result)
        => result.GeneratedSources.Single(s => s.HintName == "OneAuth.AppTokenValidator.g.cs").SourceText.ToString();

    private static IEnumerable<MetadataReference> References()
        => Basic.Reference.Assemblies.Net100.References.All
            .Cast<MetadataReference>()
            .Concat(new[]
            {
                typeof(AppTokenVerifier),
                typeof(TokenValidationParameters),
                typeof(JsonWebTokenHandler),
                typeof(Microsoft.IdentityModel.Logging.IdentityModelEventSource),
                typeof(Microsoft.IdentityModel.Abstractions.IIdentityLogger),
                typeof(Microsoft.Extensions.Logging.ILoggerFactory),
            }.Select(t => (MetadataReference)MetadataReference.CreateFromFile(t.Assembly.Location)));

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    private static string Scope(string appId)
        => $"[assembly: OneAuth.AppScope(\"{appId}\", Issuer = \"https://auth.example.com\", Audience = \"{appId}-api\")]\n";

    /// <summary>A consumer file; one in five holds token-validation code, the rest ordinary application code.</summary>
    private static string Feature(int i, bool edited) => (i % 5) switch
    {
        0 => $$"""
            using Microsoft.IdentityModel.Tokens;

            namespace App.Features;

            public static class Feature{{i}}
            {
                public static TokenValidationParameters Parameters(string audience) => new()
                {
                    ValidIssuer = "https://auth.example.com",
                    ValidAudience = audience,
                    ValidateLifetime = true,
                    ClockSkew = System.TimeSpan.FromSeconds({{(edited ? 45 : i % 60)}}),
                    ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
                };
            }
            """,
        1 => $$"""
            using System.Linq;
            using Microsoft.IdentityModel.Tokens;

            namespace App.Features;

            public sealed class Feature{{i}}
            {
                public TokenValidationParameters Relaxed(TokenValidationParameters p, bool relaxed)
                {
                    var copy = p.Clone();
                    copy.ValidateIssuer = !relaxed;
                    copy.AudienceValidator = (audiences, token, parameters) => audiences.Contains("api-{{i}}");
                    return copy;
                }
            }
            """,
        2 => $$"""
            using System;
            using System.Security.Claims;

            namespace App.Features;

            public sealed class Feature{{i}}
            {
                public bool IsAllowed(ClaimsPrincipal user)
                {
                    string? app = user.FindFirst("app_id")?.Value;
                    return string.Equals(app, "billing", StringComparison.Ordinal) && user.Identity?.IsAuthenticated == {{(edited ? "false" : "true")}};
                }
            }
            """,
        3 => $$"""
            using System;
            using System.Collections.Generic;

            namespace App.Features;

            public sealed record Invoice{{i}}(Guid Id, decimal Amount, string Currency)
            {
                public decimal WithTax(decimal rate) => Math.Round(Amount * (1 + rate), {{(edited ? 3 : 2)}}, MidpointRounding.ToEven);

                public static IEnumerable<Invoice{{i}}> Sample(int count)
                {
                    for (int n = 0; n < count; n++)
                        yield return new Invoice{{i}}(Guid.NewGuid(), n * 10.5m, n % 2 == 0 ? "EUR" : "USD");
                }
            }
            """,
        _ => $$"""
            using System.Threading.Tasks;
            using Microsoft.IdentityModel.JsonWebTokens;
            using Microsoft.IdentityModel.Tokens;

            namespace App.Features;

            public sealed class Feature{{i}}
            {
                private readonly JsonWebTokenHandler _handler = new();

                public async Task<bool> CheckAsync(string token, SecurityKey key)
                {
                    var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
                    {
                        ValidIssuer = "https://auth.example.com",
                        ValidAudience = "billing",
                        IssuerSigningKey = key,
                        ValidateLifetime = {{(edited || i % 10 != 4 ? "true" : "false")}},
                    });
                    return result.IsValid;
                }
            }
            """,
    };

    private static void Require(bool condition, string what)
    {
        if (!condition)
            throw new InvalidOperationException(what + "; the benchmark would measure the wrong thing.");
    }
}
