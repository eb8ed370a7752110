using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Engine;
using Xunit;

namespace OneAuth.Analyzers.Tests.Engine;

/// <summary>What <see cref="EnvironmentChecks"/> counts as depending on the hosting environment.</summary>
public class EnvironmentChecksTests
{
    [Theory]
    [InlineData("var v = /*probe*/ env.IsDevelopment();", true)]
    [InlineData("var v = /*probe*/ !env.IsProduction();", true)]
    [InlineData("var v = /*probe*/ env.IsEnvironment(\"Test\");", true)]
    [InlineData("var v = /*probe*/ env.EnvironmentName == \"Development\";", true)]
    [InlineData("var v = /*probe*/ string.Equals(env.EnvironmentName, \"Development\", StringComparison.Ordinal);", true)]
    [InlineData("var v = /*probe*/ env.IsDevelopment() is false;", true)]
    [InlineData("var v = /*probe*/ System.Diagnostics.Debugger.IsAttached;", true)]
    [InlineData("var v = /*probe*/ flag;", false)]
    [InlineData("var v = /*probe*/ env.ApplicationName == \"Billing\";", false)]
    [InlineData("var v = /*probe*/ config[\"Environment\"] == \"Development\";", false)]
    public void Environment_dependent_values(string statements, bool expected)
        => Assert.Equal(expected, EnvironmentChecks.IsEnvironmentDependent(Snippet.Body(statements).Probe(), CancellationToken.None));

    [Theory]
    [InlineData("if (env.IsDevelopment()) { var p = new TokenValidationParameters { /*probe*/ ValidateAudience = false }; }", true)]
    [InlineData("if (!env.IsDevelopment()) return; var p = new TokenValidationParameters { /*probe*/ ValidateAudience = false };", true)]
    [InlineData("bool dev = env.IsDevelopment(); if (flag && dev) { var p = new TokenValidationParameters { /*probe*/ ValidateAudience = false }; }", true)]
    [InlineData("switch (env.EnvironmentName) { case \"Development\": var p = new TokenValidationParameters { /*probe*/ ValidateAudience = false }; break; }", true)]
    [InlineData("var p = new TokenValidationParameters { /*probe*/ ValidateAudience = false };", false)]
    [InlineData("if (flag) { var p = new TokenValidationParameters { /*probe*/ ValidateAudience = false }; }", false)]
    [InlineData("if (flag) return; var p = new TokenValidationParameters { /*probe*/ ValidateAudience = false };", false)]
    public void Sites_that_run_only_in_some_environments(string statements, bool expected)
        => Assert.Equal(expected, EnvironmentChecks.IsEnvironmentOnlySite(Snippet.Body(statements).Probe(), CancellationToken.None));

    [Fact]
    public void A_site_in_a_debug_only_region_runs_only_in_some_builds()
    {
        IOperation site = Snippet.Body("""
            #if DEBUG
            var p = new TokenValidationParameters { /*probe*/ ValidateAudience = false };
            #endif
            """).Probe();

        Assert.True(EnvironmentChecks.IsEnvironmentOnlySite(site, CancellationToken.None));
    }

    [Theory]
    [InlineData("var v = /*probe*/ env.EnvironmentName;", true)]
    [InlineData("var v = /*probe*/ env.ApplicationName;", false)]
    public void Environment_selectors(string statements, bool expected)
        => Assert.Equal(expected, EnvironmentChecks.IsEnvironmentSelector(Snippet.Body(statements).Probe(), CancellationToken.None));
}
