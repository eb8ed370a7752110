using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OneAuth.Analyzers.Tests;

/// <summary>Every descriptor has a docs page, a help link to it, a release-tracking entry and a test class.</summary>
public class MetaTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (string id in PackageComponents.Descriptors().Select(d => d.Id).Distinct().Order(StringComparer.Ordinal))
            data.Add(id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Help_link_points_to_the_docs_page(string id)
    {
        foreach (DiagnosticDescriptor d in PackageComponents.Descriptors().Where(d => d.Id == id))
        {
            Assert.EndsWith($"/docs/rules/{id}.md", d.HelpLinkUri, StringComparison.Ordinal);
            Assert.StartsWith("https://", d.HelpLinkUri, StringComparison.Ordinal); // the project's address reached the analyzer
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Docs_page_exists_and_starts_with_the_id(string id)
    {
        string path = Path.Combine(RepoRoot(), "docs", "rules", id + ".md");
        Assert.True(File.Exists(path), $"missing {path}");
        Assert.StartsWith($"# {id}: ", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Id_is_in_release_tracking(string id)
    {
        string dir = Path.Combine(RepoRoot(), "src", "OneAuth.Analyzers");
        string text = File.ReadAllText(Path.Combine(dir, "AnalyzerReleases.Shipped.md")) + File.ReadAllText(Path.Combine(dir, "AnalyzerReleases.Unshipped.md"));
        Assert.Matches($"(?m)^{id} *\\|", text);
    }

    [Fact]
    public void Every_analyzer_has_a_test_class()
    {
        Type[] testTypes = typeof(MetaTests).Assembly.GetTypes();
        foreach (Type analyzer in PackageComponents.AnalyzerTypes())
        {
            string problem = analyzer.Name[..^"Analyzer".Length];
            Assert.Contains(testTypes, t => t.Name == problem + "Tests");
        }
    }

    /// <summary>
    /// A rule whose analyzer registers through the shared switch rule (<c>ValidationSwitchRule.Register</c>) has a test class
    /// that derives from <c>ValidationSwitchRuleTests</c> with that analyzer, so it runs the whole shared battery.
    /// </summary>
    [Fact]
    public void Every_switch_rule_runs_the_shared_battery()
    {
        Type[] testTypes = typeof(MetaTests).Assembly.GetTypes();
        string rules = Path.Combine(RepoRoot(), "src", "OneAuth.Analyzers", "Rules");
        var switchRules = PackageComponents.AnalyzerTypes()
            .Where(t => Directory.EnumerateFiles(rules, t.Name + ".cs", SearchOption.AllDirectories).SingleOrDefault() is string file
                && File.ReadAllText(file).Contains("ValidationSwitchRule.Register(", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(switchRules);
        foreach (Type analyzer in switchRules)
        {
            string problem = analyzer.Name[..^"Analyzer".Length];
            Type? tests = testTypes.SingleOrDefault(t => t.Name == problem + "Tests");
            Assert.True(tests is not null, $"{analyzer.Name} has no {problem}Tests class");
            Type? battery = tests!.BaseType;
            Assert.True(
                battery is { IsGenericType: true } && battery.GetGenericTypeDefinition() == typeof(Rules.ValidationSwitchRuleTests<,>) && battery.GetGenericArguments()[0] == analyzer,
                $"{tests.Name} does not derive from ValidationSwitchRuleTests<{analyzer.Name}, ...>");
        }
    }

    [Fact]
    public void Titles_and_messages_are_sentence_case_without_trailing_period()
    {
        foreach (DiagnosticDescriptor d in PackageComponents.Descriptors())
        {
            foreach (string text in new[] { d.Title.ToString(), d.MessageFormat.ToString() })
            {
                Assert.False(text.EndsWith('.'), $"{d.Id}: '{text}' ends with a period");
                Assert.False(char.IsLower(text[0]), $"{d.Id}: '{text}' does not start with a capital or a quote");
            }
        }
    }

    internal static string RepoRoot()
        => typeof(MetaTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
}
