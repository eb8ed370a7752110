using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<OneAuth.Analyzers.Rules.AppScopeUriInvalidAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

public class AppScopeUriInvalidTests
{
    private const string Skipped = ", so no AppTokenValidator is generated";

    [Theory]
    [InlineData("Issuer", "http://auth.example.com", "'http://auth.example.com' uses http; only https is allowed (http only for loopback development hosts)")]
    [InlineData("Issuer", "auth.example.com", "'auth.example.com' is not an absolute URI")]
    [InlineData("Issuer", "", "is empty")]
    [InlineData("Issuer", " https://auth.example.com", "' https://auth.example.com' has leading or trailing whitespace")]
    [InlineData("JwksUri", "https://auth.example.com/jwks.json ", "'https://auth.example.com/jwks.json ' has leading or trailing whitespace")]
    [InlineData("Issuer", "https://user:pw@auth.example.com", "'https://user:pw@auth.example.com' must not carry user information")]
    [InlineData("JwksUri", "ftp://auth.example.com/jwks.json", "'ftp://auth.example.com/jwks.json' uses the scheme 'ftp'; only https is allowed")]
    [InlineData("JwksUri", "/.well-known/jwks.json", "'/.well-known/jwks.json' is not an absolute URI")]
    [InlineData("Issuer", "https://auth.example.com/#tenant", "'https://auth.example.com/#tenant' must not contain a fragment")]
    [InlineData("JwksUri", "https://auth.example.com/jwks.json#keys", "'https://auth.example.com/jwks.json#keys' must not contain a fragment")]
    [InlineData("Issuer", "https://auth.example.com/?tenant=a", "'https://auth.example.com/?tenant=a' must not contain a query; an issuer identifier is a plain https URL")]
    [InlineData("Issuer", "http://user@localhost:5000", "'http://user@localhost:5000' must not carry user information")]
    [InlineData("Issuer", "http://dev.localhost:5000", "'http://dev.localhost:5000' uses http; only https is allowed (http only for loopback development hosts)")]
    [InlineData("Issuer", "http://127.0.0.1.nip.io", "'http://127.0.0.1.nip.io' uses http; only https is allowed (http only for loopback development hosts)")]
    public Task Reports_invalid_attribute_uri_at_its_argument(string name, string value, string problem) => V.AnalyzerAsync(
        $$"""
        [assembly: OneAuth.AppScope("billing", {{name}} = {|#0:"{{value}}"|})]
        """,
        V.Diagnostic().WithLocation(0).WithArguments("AppScope " + name, problem + Skipped));

    [Fact]
    public Task A_query_is_allowed_in_the_JWKS_address() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope("billing", JwksUri = "https://login.example.com/discovery/keys?appid=123")]
        """);

    [Fact]
    public Task Reports_issuer_and_jwks_uri_separately() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope("billing", Issuer = {|#0:"http://auth.example.com"|}, JwksUri = {|#1:Uris.Jwks|})]
        static class Uris { public const string Jwks = "http://auth.example.com/jwks"; }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("AppScope Issuer", "'http://auth.example.com' uses http; only https is allowed (http only for loopback development hosts)" + Skipped),
        V.Diagnostic().WithLocation(1).WithArguments("AppScope JwksUri", "'http://auth.example.com/jwks' uses http; only https is allowed (http only for loopback development hosts)" + Skipped));

    [Theory]
    [InlineData("http://localhost:5000")]
    [InlineData("http://127.0.0.1:8080/realms/dev")]
    [InlineData("http://[::1]/")]
    [InlineData("http://127.8.9.10/")]
    [InlineData("http://LOCALHOST:5000")]
    public Task Loopback_http_is_info(string value) => V.AnalyzerAsync(
        $$"""
        [assembly: OneAuth.AppScope("billing", Issuer = {|#0:"{{value}}"|})]
        """,
        V.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Info)
            .WithArguments("AppScope Issuer", $"'{value}' uses plain http on a loopback host; that is accepted for local development only, use https everywhere else"));

    [Fact]
    public Task Reports_invalid_MSBuild_issuer_at_the_attribute() => V.AnalyzerWithConfigAsync(
        """
        [assembly: {|#0:OneAuth.AppScope("billing")|}]
        """,
        "build_property.OneAuthIssuer = http://auth.example.com\nbuild_property.OneAuthJwksUri = jwks.json\n",
        V.Diagnostic().WithLocation(0).WithArguments("The MSBuild property OneAuthIssuer", "'http://auth.example.com' uses http; only https is allowed (http only for loopback development hosts)" + Skipped),
        V.Diagnostic().WithLocation(0).WithArguments("The MSBuild property OneAuthJwksUri", "'jwks.json' is not an absolute URI" + Skipped));

    [Fact]
    public Task MSBuild_loopback_http_is_info() => V.AnalyzerWithConfigAsync(
        """
        [assembly: {|#0:OneAuth.AppScope("billing")|}]
        """,
        "build_property.OneAuthIssuer = http://localhost:5001\n",
        V.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Info)
            .WithArguments("The MSBuild property OneAuthIssuer", "'http://localhost:5001' uses plain http on a loopback host; that is accepted for local development only, use https everywhere else"));

    [Fact]
    public Task Silent_for_MSBuild_values_the_attribute_overrides_and_for_blank_ones() => V.AnalyzerWithConfigAsync(
        """
        [assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com", JwksUri = "https://keys.example.com/jwks.json")]
        """,
        "build_property.OneAuthIssuer = http://auth.example.com\nbuild_property.OneAuthJwksUri = not a uri\nbuild_property.OneAuthAudience = \n");

    [Fact]
    public Task Silent_for_valid_https_values() => V.AnalyzerWithConfigAsync(
        """
        [assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com/", JwksUri = "https://auth.example.com/.well-known/jwks.json")]
        """,
        "build_property.OneAuthAudience = billing-api\n");

    [Fact]
    public Task Silent_when_the_values_are_not_set() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope("billing", Issuer = null)]
        """);

    [Fact]
    public Task Silent_when_the_attribute_does_not_bind() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope("billing", Issuer = {|CS0182:"http://a".Trim()|})]
        """);

    [Fact]
    public Task Silent_for_another_attribute_with_the_same_named_argument() => V.AnalyzerAsync(
        """
        [assembly: My.Scope(Issuer = "http://auth.example.com")]
        namespace My { [System.AttributeUsage(System.AttributeTargets.Assembly)] class ScopeAttribute : System.Attribute { public string? Issuer { get; set; } } }
        """);

    [Fact]
    public Task Silent_without_the_runtime() => V.AnalyzerWithConfigAsync(
        """
        class C { }
        """,
        "build_property.OneAuthIssuer = http://auth.example.com\n");
}
