using Microsoft.CodeAnalysis.Testing;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<OneAuth.Analyzers.Rules.AppScopeRuntimeNotReferencedAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

public class AppScopeRuntimeNotReferencedTests
{
    [Theory]
    [InlineData("AppScope")]
    [InlineData("AppScopeAttribute")]
    public Task Reports_qualified_attribute_without_the_runtime(string name) => V.AnalyzerAsync(
        $$"""
        [assembly: {|#0:{|#1:OneAuth|}.{{name}}|}("billing")]
        """,
        Refs.AspNet,
        DiagnosticResult.CompilerError("CS0246").WithLocation(1).WithArguments("OneAuth"),
        V.Diagnostic().WithLocation(0).WithArguments("OneAuth." + name));

    [Fact]
    public Task Reports_global_qualified_attribute_without_the_runtime() => V.AnalyzerAsync(
        """
        [assembly: {|#0:global::{|#1:OneAuth|}.AppScope|}("billing")]
        """,
        Refs.AspNet,
        DiagnosticResult.CompilerError("CS0400").WithLocation(1).WithArguments("OneAuth"),
        V.Diagnostic().WithLocation(0).WithArguments("global::OneAuth.AppScope"));

    [Fact]
    public Task Reports_unqualified_attribute_in_a_file_that_imports_OneAuth() => V.AnalyzerAsync(
        """
        using {|#1:OneAuth|};
        [assembly: {|#0:AppScope|}("billing")]
        """,
        Refs.AspNet,
        DiagnosticResult.CompilerError("CS0246").WithLocation(1).WithArguments("OneAuth"),
        DiagnosticResult.CompilerError("CS0246").WithLocation(0).WithArguments("AppScopeAttribute"),
        DiagnosticResult.CompilerError("CS0246").WithLocation(0).WithArguments("AppScope"),
        V.Diagnostic().WithLocation(0).WithArguments("AppScope"));

    [Fact]
    public Task Silent_for_unqualified_attribute_without_an_OneAuth_import() => V.AnalyzerAsync(
        """
        [assembly: {|#0:AppScope|}("billing")]
        """,
        Refs.AspNet,
        DiagnosticResult.CompilerError("CS0246").WithLocation(0).WithArguments("AppScopeAttribute"),
        DiagnosticResult.CompilerError("CS0246").WithLocation(0).WithArguments("AppScope"));

    [Fact]
    public Task Silent_when_the_runtime_is_referenced() => V.AnalyzerAsync(
        """
        [assembly: OneAuth.AppScope("billing")]
        """);

    [Fact]
    public Task Silent_for_another_AppScope_attribute_that_binds() => V.AnalyzerAsync(
        """
        [assembly: AppScope("billing")]
        [System.AttributeUsage(System.AttributeTargets.Assembly)]
        class AppScopeAttribute : System.Attribute { public AppScopeAttribute(string id) { } }
        """,
        Refs.AspNet);

    [Fact]
    public Task Silent_for_an_attribute_from_another_namespace() => V.AnalyzerAsync(
        """
        [assembly: {|#0:Other|}.AppScope("billing")]
        """,
        Refs.AspNet,
        DiagnosticResult.CompilerError("CS0246").WithLocation(0).WithArguments("Other"));

    [Fact]
    public Task Silent_for_a_type_level_attribute() => V.AnalyzerAsync(
        """
        [{|#0:OneAuth|}.AppScope("billing")]
        class C { }
        """,
        Refs.AspNet,
        DiagnosticResult.CompilerError("CS0246").WithLocation(0).WithArguments("OneAuth"));
}
