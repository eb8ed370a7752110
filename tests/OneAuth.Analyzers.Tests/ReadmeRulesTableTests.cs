using System.Text.RegularExpressions;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OneAuth.Analyzers.Tests;

/// <summary>
/// README's rules table is written by hand: it must list every diagnostic id once, with the descriptor's title,
/// and say "yes" in the fix column (details may follow in parentheses) exactly when a code fix provider handles the id.
/// </summary>
public class ReadmeRulesTableTests
{
    private static readonly Regex Row = new(@"^\| \[(?<id>OA\d{4})\]\(docs/rules/\k<id>\.md\) \| (?<title>[^|]+?) \| (?<fix>[^|]+?) \|\s*$", RegexOptions.Multiline);

    [Fact]
    public void Lists_every_rule_once_with_its_title_and_whether_it_has_a_code_fix()
    {
        string readme = File.ReadAllText(Path.Combine(MetaTests.RepoRoot(), "README.md"));
        var rows = Row.Matches(readme).Select(m => (Id: m.Groups["id"].Value, Title: m.Groups["title"].Value, Fix: m.Groups["fix"].Value)).ToList();

        var descriptors = PackageComponents.Descriptors().ToLookup(d => d.Id);
        var fixable = PackageComponents.CodeFixProviders().SelectMany(p => p.FixableDiagnosticIds).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(descriptors.Select(g => g.Key).Order(StringComparer.Ordinal), rows.Select(r => r.Id));
        foreach ((string id, string title, string fix) in rows)
        {
            // The README may add the libraries a rule covers in parentheses after the title.
            Assert.True(
                descriptors[id].Any(d => title == d.Title.ToString() || (title.StartsWith(d.Title + " (", StringComparison.Ordinal) && title.EndsWith(')'))),
                $"{id}: README title '{title}' is not the descriptor's '{descriptors[id].First().Title}'");
            bool saysFix = fix.StartsWith("yes", StringComparison.Ordinal);
            Assert.True(saysFix || fix == "no", $"{id}: fix column '{fix}' is neither 'yes...' nor 'no'");
            Assert.True(saysFix == fixable.Contains(id), $"{id}: README says '{fix}', code fix provider {(fixable.Contains(id) ? "exists" : "does not exist")}");
        }
    }
}
