using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<OneAuth.Analyzers.Rules.AppScopeSettingShadowedAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

public class AppScopeSettingShadowedTests
{
    [Fact]
    public Task Reports_each_property_the_attribute_overrides() => V.AnalyzerWithConfigAsync(
        """
        [assembly: OneAuth.AppScope("billing", Issuer = {|#0:"https://auth.example.com"|}, Audience = {|#1:Names.Audience|}, JwksUri = {|#2:"https://auth.example.com/keys"|})]
        static class Names { public const string Audience = "billing-api"; }
        """,
        "build_property.OneAuthIssuer = http://127.0.0.1:5005\nbuild_property.OneAuthAudience = billing\nbuild_property.OneAuthJwksUri = http://127.0.0.1:5005/keys\n",
        V.Diagnostic().WithLocation(0).WithArguments("OneAuthIssuer", "http://127.0.0.1:5005", "Issuer", "https://auth.example.com"),
        V.Diagnostic().WithLocation(1).WithArguments("OneAuthAudience", "billing", "Audience", "billing-api"),
        V.Diagnostic().WithLocation(2).WithArguments("OneAuthJwksUri", "http://127.0.0.1:5005/keys", "JwksUri", "https://auth.example.com/keys"));

    [Fact]
    public Task Silent_when_the_property_supplies_what_the_attribute_leaves_open() => V.AnalyzerWithConfigAsync(
        """
        [assembly: OneAuth.AppScope("billing", Audience = "billing-api")]
        """,
        "build_property.OneAuthIssuer = https://auth.example.com\nbuild_property.OneAuthJwksUri = https://auth.example.com/keys\n");

    [Fact]
    public Task Silent_when_both_say_the_same() => V.AnalyzerWithConfigAsync(
        """
        [assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com")]
        """,
        "build_property.OneAuthIssuer =  https://auth.example.com \n");

    [Fact]
    public Task Silent_for_an_empty_property() => V.AnalyzerWithConfigAsync(
        """
        [assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com")]
        """,
        "build_property.OneAuthIssuer = \n");
}
