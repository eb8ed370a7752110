namespace OneAuth.Analyzers.Generator.Models;

/// <summary>The MSBuild properties the generator reads (<c>build_property.*</c>).</summary>
internal sealed record BuildSettings(
    string? RootNamespace,
    string? Issuer,
    string? Audience,
    string? JwksUri);
