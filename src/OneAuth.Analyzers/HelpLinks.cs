using System.Reflection;

namespace OneAuth.Analyzers;

/// <summary>Help links of the rules: the project's address (one MSBuild property, OneAuthProjectUrl) + the rule's page.</summary>
internal static class HelpLinks
{
    public static readonly string DocsRoot = ReadProjectUrl().TrimEnd('/') + "/blob/main/docs/rules/";

    public static string ForRule(string id) => DocsRoot + id + ".md";

    private static string ReadProjectUrl()
    {
        foreach (AssemblyMetadataAttribute metadata in typeof(HelpLinks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (metadata.Key == "OneAuthProjectUrl" && !string.IsNullOrEmpty(metadata.Value))
                return metadata.Value!;
        }

        return string.Empty; // a build without the property: links relative to the repository root
    }
}
