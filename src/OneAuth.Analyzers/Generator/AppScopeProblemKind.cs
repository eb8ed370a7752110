namespace OneAuth.Analyzers.Generator;

/// <summary>What can be wrong with an <c>[assembly: AppScope(...)]</c>.</summary>
internal enum AppScopeProblemKind
{
    InvalidAppId,
    InvalidIssuer,
    InvalidAudience,
    InvalidJwksUri,
    InvalidTokenType,
    InvalidNamespace,
}
