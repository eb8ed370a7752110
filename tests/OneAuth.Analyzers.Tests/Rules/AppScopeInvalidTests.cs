using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<OneAuth.Analyzers.Rules.AppScopeInvalidAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

public class AppScopeInvalidTests
{
    [Theory]
    [InlineData("\"Billing\"", "'Billing' contains the uppercase letter 'B'; only lowercase letters, digits, '-', '_' and '.' are allowed")]
    [InlineData("\"\"", "is empty")]
    [InlineData("null", "is missing")]
    [InlineData("\"bill ing\"", "'bill ing' contains a space; only lowercase letters, digits, '-', '_' and '.' are allowed")]
    [InlineData("\" billing\"", "' billing' contains a space; only lowercase letters, digits, '-', '_' and '.' are allowed")]
    [InlineData("\"billing\\t\"", "'billing?' contains the character U+0009; only lowercase letters, digits, '-', '_' and '.' are allowed")]
    [InlineData("\"BILLING\"", "'BILLING' contains the uppercase letter 'B'; only lowercase letters, digits, '-', '_' and '.' are allowed")]
    [InlineData("\"bill\\u0430ng\"", "'bill\u0430ng' contains the non-ASCII character '\u0430' (U+0430); only lowercase letters, digits, '-', '_' and '.' are allowed")]
    [InlineData("\"bill/ing\"", "'bill/ing' contains '/'; only lowercase letters, digits, '-', '_' and '.' are allowed")]
    [InlineData("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "'aaaaaaaaaaaaaaaaaaaa...' is 65 characters long; the limit is 64")]
    public Task Reports_invalid_app_id(string argument, string problem) => V.AnalyzerAsync(
        $$"""
        [assembly: OneAuth.AppScope({|#0:{{argument}}|})]
        """,
        V.Diagnostic().WithLocation(0).WithArguments(problem));

    [Fact]
    public Task Reports_app_id_built_from_constants() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope({|#0:Names.Prefix + "Billing"|})]
        static class Names { public const string Prefix = "my-"; }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("'my-Billing' contains the uppercase letter 'B'; only lowercase letters, digits, '-', '_' and '.' are allowed"));

    [Fact]
    public Task Reports_named_and_interpolated_constant_app_ids_at_the_argument() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope({|#0:appId: $"{Names.Team}-Billing"|}, Issuer = "https://auth.example.com")]
        static class Names { public const string Team = "finance"; }
        """,
        V.Diagnostic().WithLocation(0).WithArguments("'finance-Billing' contains the uppercase letter 'B'; only lowercase letters, digits, '-', '_' and '.' are allowed"));

    [Fact]
    public Task Silent_for_a_valid_app_id_from_interpolated_constants() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope(appId: $"{Names.Team}-{Names.App}")]
        static class Names { public const string Team = "finance"; public const string App = "billing"; }
        """);

    [Theory]
    [InlineData("billing")]
    [InlineData("a")]
    [InlineData("pay.ments-v2_eu")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public Task Silent_for_valid_app_id(string appId) => V.AnalyzerAsync(
        $$"""
        [assembly: OneAuth.AppScope("{{appId}}")]
        """);

    [Fact]
    public Task Silent_when_the_attribute_does_not_bind() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope({|CS0182:string.Empty.ToString()|})]
        """);

    [Fact]
    public Task Duplicate_attribute_is_the_compiler_error_CS0579_alone() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope("billing")]
        [assembly: {|#0:OneAuth.AppScope|}("payments")]
        """,
        Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerError("CS0579").WithLocation(0).WithArguments("OneAuth.AppScope"));

    [Fact]
    public Task Silent_without_the_runtime() => V.AnalyzerAsync(
        """
        class C { }
        """,
        Refs.AspNet);
}
