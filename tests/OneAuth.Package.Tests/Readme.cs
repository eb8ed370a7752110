using System.Text.RegularExpressions;

namespace OneAuth.Package.Tests;

/// <summary>The code blocks of README.md marked <c>&lt;!-- quickstart: name --&gt;</c>, as a reader would copy them.</summary>
public static partial class Readme
{
    public static string Text { get; } = File.ReadAllText(Path.Combine(PackageLocator.RepoRoot, "README.md"));

    /// <summary>The fenced block right after the marker <c>&lt;!-- quickstart: {name} --&gt;</c>.</summary>
    public static string Block(string name)
    {
        Match match = Regex.Match(
            Text,
            @"<!-- quickstart: " + Regex.Escape(name) + @" -->\r?\n```[a-z]*\r?\n(?<body>.*?)\r?\n```",
            RegexOptions.Singleline);
        if (!match.Success)
            throw new InvalidOperationException($"README.md has no code block marked '<!-- quickstart: {name} -->'.");
        return match.Groups["body"].Value.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }
}
