using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OneAuth.Analyzers.Analysis
{
    /// <summary>
    /// Test projects build deliberately weak validation (expired tokens, other apps' tokens) to prove the
    /// boundary, so the Security rules stay quiet there unless <c>oneauth_analyze_test_projects = true</c> is set
    /// in .editorconfig (or <c>.globalconfig</c>).
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
        };

        public static bool IsSuppressedTestProject(Compilation compilation, AnalyzerOptions options)
        {
            if (!ReferencesTestFramework(compilation))
                return false;

            return !(options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(OptionName, out string? value)
                     && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase));
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
}
