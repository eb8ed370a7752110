namespace OneAuth.Analyzers.Tests.Infrastructure;

internal static class TestSources
{
    /// <summary>
    /// Moves assembly attributes written anywhere in <paramref name="source"/> after its using directives, where C#
    /// requires them, so a test can put <c>[assembly: AppScope(...)]</c> first where it reads best.
    /// </summary>
    public static string AssemblyAttributesAfterUsings(string source)
    {
        string[] lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var attributes = lines.Where(l => l.StartsWith("[assembly:", StringComparison.Ordinal)).ToList();
        var rest = lines.Where(l => !l.StartsWith("[assembly:", StringComparison.Ordinal)).ToList();
        int afterUsings = rest.FindLastIndex(l => l.StartsWith("using ", StringComparison.Ordinal)) + 1;
        rest.InsertRange(afterUsings, attributes);
        return string.Join("\n", rest);
    }
}
