using System.Reflection;
using OneAuth.Analyzers.Generator;
using Xunit;

namespace OneAuth.Analyzers.Tests.Generator;

/// <summary>
/// Compares emitted text with <c>Generator/Baselines/&lt;Case&gt;.g.cs.txt</c>. Set ONEAUTH_ACCEPT_BASELINES=1 to
/// rewrite them, then review the diff like code.
/// </summary>
internal static class Baselines
{
    private const string VersionPlaceholder = "{{VERSION}}";

    public static void Match(string caseName, string? actual)
    {
        Assert.NotNull(actual);
        string normalised = Normalise(actual!).Replace("\"" + Emitter.ToolVersion + "\"", "\"" + VersionPlaceholder + "\"", StringComparison.Ordinal);
        string path = Path.Combine(SourceDirectory(), "Generator", "Baselines", caseName + ".g.cs.txt");

        if (Environment.GetEnvironmentVariable("ONEAUTH_ACCEPT_BASELINES") == "1")
        {
            File.WriteAllText(path, normalised);
            return;
        }

        Assert.True(File.Exists(path), $"no baseline at {path}; run with ONEAUTH_ACCEPT_BASELINES=1 and review it");
        Assert.Equal(Normalise(File.ReadAllText(path)), normalised);
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string SourceDirectory()
    {
        string root = typeof(Baselines).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepoRoot").Value!;
        return Path.Combine(root, "tests", "OneAuth.Analyzers.Tests");
    }
}
