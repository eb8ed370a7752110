namespace OneAuth.Analyzers.Generator.Models;

/// <summary>The arguments of one valid <c>[assembly: AppScope(...)]</c>, as plain strings.</summary>
internal sealed record ScopeModel(
    string AppId,
    string? Issuer,
    string? Audience,
    string? JwksUri,
    string? TokenType,
    string? Namespace);
