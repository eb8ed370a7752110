using System.Text.RegularExpressions;
using Xunit;

namespace OneAuth.Analyzers.Tests;

/// <summary>
/// The analyzer's layers point one way: rules use the engine, the engine never uses a rule. A helper the engine needs
/// is rule-neutral by definition and belongs in Engine/; a rule's own helper lives beside the rule.
/// </summary>
public class LayeringTests
{
    private static readonly Regex RuleReference = new(@"\busing\s+OneAuth\.Analyzers\.(Rules|CodeFixes)\s*;|\b(Rules|CodeFixes)\.[A-Z]\w*");

    [Fact]
    public void Engine_files_do_not_reference_rules_or_code_fixes()
    {
        string engine = Path.Combine(MetaTests.RepoRoot(), "src", "OneAuth.Analyzers", "Engine");
        string[] files = Directory.GetFiles(engine, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var offenders = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && RuleReference.IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(engine, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "the engine reaches into rules:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Engine_files_are_in_the_engine_namespace_and_rule_files_in_the_rules_namespace()
    {
        string analyzer = Path.Combine(MetaTests.RepoRoot(), "src", "OneAuth.Analyzers");
        foreach ((string folder, string ns) in new[] { ("Engine", "OneAuth.Analyzers.Engine"), ("Rules", "OneAuth.Analyzers.Rules") })
        {
            foreach (string file in Directory.GetFiles(Path.Combine(analyzer, folder), "*.cs", SearchOption.AllDirectories))
                Assert.Contains($"namespace {ns};", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }
}
