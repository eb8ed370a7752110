using Microsoft.CodeAnalysis.Diagnostics;

namespace OneAuth.Analyzers.Generator;

/// <summary>MSBuild properties made visible to the compiler (<c>build_property.*</c>), read alike by the generator and the rules.</summary>
internal static class BuildProperties
{
    /// <summary>The trimmed value of the MSBuild property <paramref name="name"/>; null when it is not set or blank.</summary>
    public static string? Read(AnalyzerConfigOptions options, string name)
        => options.TryGetValue("build_property." + name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
