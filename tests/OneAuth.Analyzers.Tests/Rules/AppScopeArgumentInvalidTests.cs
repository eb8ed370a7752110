using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<OneAuth.Analyzers.Rules.AppScopeArgumentInvalidAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

public class AppScopeArgumentInvalidTests
{
    [Theory]
    [InlineData("Audience", "\"\"", "is empty")]
    [InlineData("Audience", "\"   \"", "is empty")]
    [InlineData("Audience", "\"billing-api \"", "'billing-api ' has leading or trailing whitespace, which no token's aud would match")]
    [InlineData("Audience", "\"billing\\u0007api\"", "'billing?api' contains the character U+0007, which no token's aud should carry")]
    [InlineData("TokenType", "\"at jwt\"", "'at jwt' is not a media type such as 'at+jwt'")]
    [InlineData("TokenType", "\"/jwt\"", "'/jwt' is not a media type such as 'at+jwt'")]
    [InlineData("TokenType", "\"\"", "is empty")]
    [InlineData("Namespace", "\"1Billing\"", "'1Billing' is not a valid C# namespace")]
    [InlineData("Namespace", "\"Billing..Auth\"", "'Billing..Auth' is not a valid C# namespace")]
    [InlineData("Namespace", "\"Billing.class\"", "'Billing.class' is not a valid C# namespace")]
    public Task Reports_invalid_argument_at_its_value(string name, string value, string problem) => V.AnalyzerAsync(
        $$"""
        [assembly: OneAuth.AppScope("billing", {{name}} = {|#0:{{value}}|})]
        """,
        V.Diagnostic().WithLocation(0).WithArguments(name, problem));

    [Fact]
    public Task Reports_an_invalid_MSBuild_audience_at_the_attribute() => V.AnalyzerWithConfigAsync(
        """
        [assembly: {|#0:OneAuth.AppScope("billing")|}]
        """,
        "build_property.OneAuthAudience = " + new string('a', 1025) + "\n",
        V.Diagnostic().WithLocation(0).WithArguments("Audience (from the MSBuild property OneAuthAudience)", "is 1025 characters long; the limit is 1024"));

    [Fact]
    public Task An_MSBuild_audience_counts_only_where_the_attribute_leaves_it_open() => V.AnalyzerWithConfigAsync(
        """
        [assembly: OneAuth.AppScope("billing", Audience = "billing-api")]
        """,
        "build_property.OneAuthAudience = " + new string('a', 1025) + "\n");

    [Fact]
    public Task Reports_each_invalid_argument_once() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope("billing", Audience = {|#0:""|}, TokenType = {|#1:"jwt;v=1"|}, Namespace = {|#2:"Billing-Auth"|})]
        """,
        V.Diagnostic().WithLocation(0).WithArguments("Audience", "is empty"),
        V.Diagnostic().WithLocation(1).WithArguments("TokenType", "'jwt;v=1' is not a media type such as 'at+jwt'"),
        V.Diagnostic().WithLocation(2).WithArguments("Namespace", "'Billing-Auth' is not a valid C# namespace"));

    [Theory]
    [InlineData("Audience = \"billing-api\"")]
    [InlineData("Audience = \"api://billing\"")]
    [InlineData("TokenType = \"at+jwt\"")]
    [InlineData("TokenType = \"application/at+jwt\"")]
    [InlineData("TokenType = \"JWT\"")]
    [InlineData("Namespace = \"Billing.Auth\"")]
    [InlineData("Namespace = \"_Billing\"")]
    [InlineData("Audience = null, TokenType = null, Namespace = null")]
    public Task Silent_for_valid_arguments(string arguments) => V.AnalyzerAsync(
        $$"""
        [assembly: OneAuth.AppScope("billing", {{arguments}})]
        """);

    [Fact]
    public Task Silent_for_an_invalid_app_id_or_issuer_which_have_their_own_rules() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope("Billing", Issuer = "http://auth.example.com")]
        """);

    [Fact]
    public Task Silent_without_the_runtime() => V.AnalyzerAsync(
        """
        class C { }
        """,
        Refs.AspNet);
}
