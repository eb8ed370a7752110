using System.Text.RegularExpressions;
using Xunit;

namespace OneAuth.Analyzers.Tests;

/// <summary>
/// Fully qualified type names are written in one place, the WellKnownTypes table: an analyzer that spells one out elsewhere
/// is back to comparing display strings per node. The strings of those namespaces that are not type names are listed here.
/// </summary>
public partial class TypeNameLiteralTests
{
    private const string Table = "Engine/Context/WellKnownTypes.cs";

    private static readonly HashSet<string> NotTypeNames = new(StringComparer.Ordinal)
    {
        // Namespaces: a rule that accepts every type of a namespace (token handlers, extension classes, a family of
        // options) compares ContainingNamespace, not a type.
        "Google.Apis.Auth",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting",
        "Microsoft.Extensions.Logging",
        "Microsoft.IdentityModel.JsonWebTokens",
        "Microsoft.IdentityModel.Protocols.OpenIdConnect",
        "Microsoft.IdentityModel.Tokens",
        "System.Diagnostics",
        "System.IdentityModel.Tokens.Jwt",
        "System.Text.Json",
        "System.Text.Json.Nodes",
        "System.Threading.Tasks",

        // Namespace and assembly-name prefixes, matched with StartsWith.
        "JWT.",
        "Microsoft.",
        "Microsoft.IdentityModel",
        "System.IdentityModel",
        "System.Security.Cryptography.",
        "System.Text.",

        // Assembly names: the generator and the test-project gate look at references, not types.
        "Microsoft.AspNetCore.Mvc.Testing",
        "Microsoft.AspNetCore.TestHost",
        "Microsoft.Extensions.Configuration.Abstractions",
        "Microsoft.Extensions.DependencyInjection.Abstractions",
        "Microsoft.Extensions.Diagnostics.HealthChecks",
        "Microsoft.Extensions.Hosting.Abstractions",
        "Microsoft.VisualStudio.TestPlatform.TestFramework",
    };

    [Fact]
    public void Type_names_are_written_only_in_the_table()
    {
        string root = Path.Combine(MetaTests.RepoRoot(), "src", "OneAuth.Analyzers");
        var found = new List<string>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative == Table || relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
                continue;

            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (Match match in QualifiedName().Matches(lines[i]))
                {
                    if (NotTypeNames.Contains(match.Groups[1].Value))
                        listed.Add(match.Groups[1].Value);
                    else
                        found.Add($"{relative}:{i + 1}: \"{match.Groups[1].Value}\"");
                }
            }
        }

        Assert.True(found.Count == 0, "Add these to WellKnownType and compare symbols (or, for a namespace or assembly name, to the list above):\n" + string.Join("\n", found));

        // The list holds only strings still written somewhere: a converted check takes its entry with it.
        Assert.Empty(NotTypeNames.Except(listed).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_table_names_the_types()
    {
        // The check above would pass vacuously if the table moved: it must hold the names.
        string table = File.ReadAllText(Path.Combine(MetaTests.RepoRoot(), "src", "OneAuth.Analyzers", Table));
        Assert.Contains("\"System.Net.Http.HttpClient\"", table, StringComparison.Ordinal);
        Assert.Contains("\"Microsoft.IdentityModel.Tokens.TokenValidationParameters\"", table, StringComparison.Ordinal);
    }

    /// <summary>A string literal that is a dotted name under System, Microsoft or a token library's root namespace.</summary>
    [GeneratedRegex("\"((?:System|Microsoft|Jose|JWT|Google)\\.[A-Za-z0-9_.`+]*)\"")]
    private static partial Regex QualifiedName();
}
