using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OneAuth.Analyzers.Engine;

/// <summary>
/// Test projects build deliberately weak validation (expired tokens, other apps' tokens) to prove the
/// boundary, so the Security rules stay quiet there unless <c>oneauth_analyze_test_projects = true</c> is set
/// in .editorconfig (or <c>.globalconfig</c>). A test project is one that references a test framework, a
/// test-support library that references none but is built on a mocking, assertion or test-data library, or
/// one whose assembly name says it is test support (<c>*.Testing</c>, <c>*.TestSupport</c>, <c>*.Tests.Common</c>).
/// </summary>
internal static class TestCodeGate
{
    public const string OptionName = "oneauth_analyze_test_projects";

    private static readonly string[] TestFrameworkAssemblies =
    {
        "xunit.core",
        "xunit.v3.core",
        "nunit.framework",
        "Microsoft.VisualStudio.TestPlatform.TestFramework",
        "MSTest.TestFramework",
        "TUnit.Core",

        // Test-support libraries reference no test framework but are built on these; service code never is.
        "Moq",
        "NSubstitute",
        "FakeItEasy",
        "Shouldly",
        "FluentAssertions",
        "AwesomeAssertions",
        "AutoFixture",
        "Bogus",
        "Microsoft.AspNetCore.Mvc.Testing",
        "Microsoft.AspNetCore.TestHost",
    };

    /// <summary>Assembly name endings of test projects and test-support libraries.</summary>
    private static readonly string[] TestAssemblySuffixes =
    {
        ".Tests",
        ".Test",
        ".UnitTests",
        ".IntegrationTests",
        ".FunctionalTests",
        ".Testing",
        ".TestSupport",
        ".TestUtilities",
        ".TestUtils",
        ".TestHelpers",
        ".TestCommon",
        ".TestInfrastructure",
        ".Tests.Common",
        ".Tests.Shared",
        ".Tests.Utilities",
        ".Tests.Infrastructure",
        ".TestKit",
        ".Specs",
        ".Fakes",
        ".Mocks",
    };

    public static bool IsSuppressedTestProject(Compilation compilation, AnalyzerOptions options)
    {
        if (!ReferencesTestFramework(compilation) && !HasTestAssemblyName(compilation.AssemblyName))
            return false;

        return !(options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(OptionName, out string? value)
                 && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase));
    }

    private static bool HasTestAssemblyName(string? assemblyName)
    {
        if (assemblyName is null)
            return false;

        foreach (string suffix in TestAssemblySuffixes)
        {
            if (assemblyName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }

    private static bool ReferencesTestFramework(Compilation compilation)
    {
        foreach (AssemblyIdentity identity in compilation.ReferencedAssemblyNames)
        {
            foreach (string name in TestFrameworkAssemblies)
            {
                if (string.Equals(identity.Name, name, StringComparison.OrdinalIgnoreCase))
                    return true;
            }
        }

        return false;
    }
}
