namespace OneAuth.Analyzers.Generator.Models;

/// <summary>The arguments of an AppScope attribute exactly as written, before validation.</summary>
/// <param name="IsComplete">False when the attribute does not bind (compile errors, non-constant arguments).</param>
internal sealed record ScopeArguments(
    bool IsComplete,
    string? AppId,
    string? Issuer,
    string? Audience,
    string? JwksUri,
    string? TokenType,
    string? Namespace);
