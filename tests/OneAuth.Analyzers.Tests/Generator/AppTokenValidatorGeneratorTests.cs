using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OneAuth.Analyzers.Generator;
using Xunit;

namespace OneAuth.Analyzers.Tests.Generator;

public class AppTokenValidatorGeneratorTests
{
    [Fact]
    public void Emits_validator_for_minimal_scope()
    {
        var result = GeneratorHarness.Run("""[assembly: OneAuth.AppScope("billing")]""");
        Baselines.Match("MinimalScope", result.GeneratedText);
    }

    [Fact]
    public void Emits_validator_for_full_scope()
    {
        var result = GeneratorHarness.Run(
            """
            [assembly: OneAuth.AppScope("billing",
                Issuer = "https://auth.example.com",
                Audience = "billing-api",
                JwksUri = "https://auth.example.com/keys",
                TokenType = "at+jwt",
                Namespace = "Billing.Security")]
            """);
        Baselines.Match("FullScope", result.GeneratedText);
    }

    [Fact]
    public void Uses_root_namespace_and_MSBuild_issuer_when_the_attribute_omits_them()
    {
        var result = GeneratorHarness.Run(
            """[assembly: OneAuth.AppScope("payments")]""",
            new Dictionary<string, string> { ["RootNamespace"] = "Payments.Api", ["OneAuthIssuer"] = "https://login.example.org/" });
        Baselines.Match("MsBuildSettings", result.GeneratedText);
    }

    [Theory]
    [InlineData("""[assembly: OneAuth.AppScope("Billing")]""")]
    [InlineData("""[assembly: OneAuth.AppScope("")]""")]
    [InlineData("""[assembly: OneAuth.AppScope(null)]""")]
    [InlineData("""[assembly: OneAuth.AppScope("billing", Issuer = "http://auth.example.com")]""")]
    [InlineData("""[assembly: OneAuth.AppScope("billing", Audience = " ")]""")]
    [InlineData("""[assembly: OneAuth.AppScope("billing", TokenType = "at jwt")]""")]
    [InlineData("""[assembly: OneAuth.AppScope("billing", Namespace = "1bad")]""")]
    public void Emits_nothing_for_an_invalid_scope(string source)
    {
        var result = GeneratorHarness.Run(source);
        Assert.Null(result.GeneratedText);
    }

    [Fact]
    public void Emits_nothing_without_the_attribute()
    {
        var result = GeneratorHarness.Run("class C { }");
        Assert.Empty(result.Run.GeneratedTrees);
    }

    [Fact]
    public void Generated_constants_are_the_attribute_values()
    {
        var result = GeneratorHarness.Run("""[assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com")]""");
        INamedTypeSymbol type = result.Output.GetTypeByMetadataName("AppTokenValidator")!;
        Assert.Equal("billing", Const(type, "AppId"));
        Assert.Equal("https://auth.example.com", Const(type, "Issuer"));
        Assert.Equal("billing", Const(type, "Audience"));
        Assert.Equal("https://auth.example.com/.well-known/jwks.json", Const(type, "JwksUri"));
    }

    [Fact]
    public void Unrelated_edit_leaves_the_model_unchanged()
    {
        var result = GeneratorHarness.Run("""[assembly: OneAuth.AppScope("billing")]""", moreSources: new[] { "class Other { }" });
        SyntaxTree other = result.Input.SyntaxTrees.Last();
        Compilation edited = result.Input.ReplaceSyntaxTree(other, CSharpSyntaxTree.ParseText("class Other { int X; }", GeneratorHarness.ParseOptions, other.FilePath));

        Assert.All(GeneratorHarness.ReasonsAfter(result.Driver, edited, TrackingNames.ModelBuilt),
            r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void New_scope_value_modifies_the_model()
    {
        var result = GeneratorHarness.Run("""[assembly: OneAuth.AppScope("billing")]""");
        SyntaxTree scope = result.Input.SyntaxTrees.First();
        Compilation edited = result.Input.ReplaceSyntaxTree(scope, CSharpSyntaxTree.ParseText("""[assembly: OneAuth.AppScope("payments")]""", GeneratorHarness.ParseOptions, scope.FilePath));

        Assert.Contains(IncrementalStepRunReason.Modified, GeneratorHarness.ReasonsAfter(result.Driver, edited, TrackingNames.ModelBuilt));
    }

    [Fact]
    public void Editing_an_MSBuild_property_modifies_the_model_and_an_unrelated_one_does_not()
    {
        var before = new Dictionary<string, string> { ["OneAuthIssuer"] = "https://login.example.org/", ["Configuration"] = "Debug" };
        var result = GeneratorHarness.Run("""[assembly: OneAuth.AppScope("payments")]""", before);

        GeneratorDriver issuerEdited = result.Driver.WithUpdatedAnalyzerConfigOptions(
            GeneratorHarness.BuildProperties(new Dictionary<string, string>(before) { ["OneAuthIssuer"] = "https://login.example.net/" }));
        GeneratorDriverRunResult rerun = issuerEdited.RunGenerators(result.Input.Clone()).GetRunResult();
        Assert.Contains(IncrementalStepRunReason.Modified, rerun.Results.Single().TrackedSteps[TrackingNames.ModelBuilt].SelectMany(s => s.Outputs.Select(o => o.Reason)));
        string regenerated = rerun.Results.Single().GeneratedSources.Single(s => s.HintName == Emitter.HintName).SourceText.ToString();
        Assert.Contains("https://login.example.net/", regenerated, StringComparison.Ordinal);
        Assert.DoesNotContain("https://login.example.org/", regenerated, StringComparison.Ordinal);

        GeneratorDriver unrelatedEdited = result.Driver.WithUpdatedAnalyzerConfigOptions(
            GeneratorHarness.BuildProperties(new Dictionary<string, string>(before) { ["Configuration"] = "Release" }));
        var reasons = unrelatedEdited.RunGenerators(result.Input.Clone()).GetRunResult().Results.Single().TrackedSteps[TrackingNames.ModelBuilt]
            .SelectMany(s => s.Outputs.Select(o => o.Reason));
        Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"model step was {r} after an unrelated property changed"));
    }

    [Fact]
    public void Emits_service_registration_and_authentication_scheme_when_ASP_NET_Core_is_referenced()
    {
        var result = GeneratorHarness.Run(
            """
            using Microsoft.Extensions.DependencyInjection;
            [assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com", Namespace = "Billing.Api")]
            static class Startup
            {
                static void Configure(IServiceCollection services)
                {
                    services.AddAuthentication().AddAppToken();
                    services.AddAppTokenValidator(o => o.ClockSkew = System.TimeSpan.FromSeconds(10));
                }
            }
            """);
        string[] hints = result.Run.Results.Single().GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { HostingEmitter.AuthenticationHintName, HostingEmitter.ServicesHintName, HealthCheckEmitter.HintName, Emitter.HintName }.Order(StringComparer.Ordinal), hints);
        Baselines.Match("AspNetCoreServices", Source(result, HostingEmitter.ServicesHintName));
        Baselines.Match("AspNetCoreAuthentication", Source(result, HostingEmitter.AuthenticationHintName));
    }

    [Fact]
    public void Emits_the_key_set_health_check_when_health_checks_are_referenced()
    {
        var result = GeneratorHarness.Run(
            """
            using Microsoft.Extensions.DependencyInjection;
            [assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com", Namespace = "Billing.Api")]
            static class Startup
            {
                static void Configure(IServiceCollection services)
                {
                    services.AddAuthentication().AddAppToken();
                    services.AddHealthChecks().AddAppTokenKeys();
                    services.AddHealthChecks().AddAppTokenKeys("issuer-keys", new[] { "ready" });
                }
            }
            """);
        Baselines.Match("AspNetCoreHealthCheck", Source(result, HealthCheckEmitter.HintName));
    }

    [Fact]
    public void Emits_no_health_check_without_the_health_checks_builder()
    {
        MetadataReference[] withoutHealthChecks = Infrastructure.Refs.OneAuth
            .Where(r => !(r.Display ?? string.Empty).Contains("HealthChecks", StringComparison.Ordinal))
            .ToArray();
        var result = GeneratorHarness.Run("""[assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com")]""", references: withoutHealthChecks);
        string[] hints = result.Run.Results.Single().GeneratedSources.Select(s => s.HintName).ToArray();
        Assert.Contains(HostingEmitter.ServicesHintName, hints);
        Assert.DoesNotContain(HealthCheckEmitter.HintName, hints);
    }

    [Fact]
    public void Emits_only_the_validator_without_dependency_injection()
    {
        var result = GeneratorHarness.Run("""[assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com")]""", references: Infrastructure.Refs.IdentityModelWithRuntime);
        Assert.Equal(new[] { Emitter.HintName }, result.Run.Results.Single().GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void Referencing_ASP_NET_Core_later_modifies_the_model()
    {
        var result = GeneratorHarness.Run("""[assembly: OneAuth.AppScope("billing")]""", references: Infrastructure.Refs.IdentityModelWithRuntime);
        Compilation edited = result.Input.WithReferences(Infrastructure.Refs.OneAuth);
        Assert.Contains(IncrementalStepRunReason.Modified, GeneratorHarness.ReasonsAfter(result.Driver, edited, TrackingNames.ModelBuilt));
    }

    private static string? Source(GeneratorHarness.Result result, string hint)
        => result.Run.Results.Single().GeneratedSources.Where(s => s.HintName == hint).Select(s => s.SourceText.ToString()).SingleOrDefault();

    private static object? Const(INamedTypeSymbol type, string name)
        => type.GetMembers(name).OfType<IFieldSymbol>().Single().ConstantValue;
}
