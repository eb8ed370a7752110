using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.Verify<OneAuth.Analyzers.Rules.AppScopeRuntimeNotFlowingAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

/// <summary>The package's build props pass PrivateAssets with ',' for ';' (an .editorconfig value stops at ';').</summary>
public class AppScopeRuntimeNotFlowingTests
{
    [Theory]
    [InlineData("all")]
    [InlineData("All")]
    [InlineData("runtime")]
    [InlineData("compile,runtime")]
    [InlineData(" contentfiles, analyzers ,ALL ")]
    public Task Reports_a_library_whose_reference_keeps_the_runtime(string privateAssets) => V.AnalyzerWithConfigAsync(
        """
        [assembly: {|#0:OneAuth.AppScope("payments")|}]
        """,
        $"build_property.OutputType = Library\nbuild_property.OneAuthPrivateAssets = {privateAssets}\n",
        V.Diagnostic().WithLocation(0).WithArguments("PrivateAssets=\"" + privateAssets.Trim() + "\""));

    [Theory]
    [InlineData("")]
    [InlineData("analyzers")]
    [InlineData("contentfiles,analyzers,build")]
    public Task Silent_when_the_runtime_flows(string privateAssets) => V.AnalyzerWithConfigAsync(
        """
        [assembly: OneAuth.AppScope("payments")]
        """,
        $"build_property.OutputType = Library\nbuild_property.OneAuthPrivateAssets = {privateAssets}\n");

    [Theory]
    [InlineData("Exe")]
    [InlineData("WinExe")]
    public Task Silent_for_an_application(string outputType) => V.AnalyzerWithConfigAsync(
        """
        [assembly: OneAuth.AppScope("payments")]
        """,
        $"build_property.OutputType = {outputType}\nbuild_property.OneAuthPrivateAssets = all\n");

    [Fact]
    public Task Silent_for_a_library_without_AppScope() => V.AnalyzerWithConfigAsync(
        """
        class Helper { }
        """,
        "build_property.OutputType = Library\nbuild_property.OneAuthPrivateAssets = all\n");
}
