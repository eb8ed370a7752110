using System.Collections.Immutable;
using Microsoft.CodeAnalysis.CSharp;
using OneAuth.Shared;

namespace OneAuth.Analyzers.Generator;

/// <summary>
/// The one definition of a valid AppScope. The generator calls it and emits nothing when it finds a problem;
/// the analyzers call it and report the problem, so the user sees an ordinary, suppressible diagnostic.
/// </summary>
internal static class AppScopeRules
{
    public static ImmutableArray<AppScopeProblem> Validate(
        string? appId,
        string? issuer,
        string? audience,
        string? jwksUri,
        string? tokenType,
        string? @namespace)
    {
        ImmutableArray<AppScopeProblem>.Builder problems = ImmutableArray.CreateBuilder<AppScopeProblem>();

        if (AppScopeValues.DescribeAppIdProblem(appId) is { } appIdProblem)
            problems.Add(new AppScopeProblem(AppScopeProblemKind.InvalidAppId, "appId", appIdProblem));

        if (issuer is not null && AppScopeValues.DescribeIssuerProblem(issuer) is { } issuerProblem)
            problems.Add(new AppScopeProblem(AppScopeProblemKind.InvalidIssuer, "Issuer", issuerProblem));

        if (audience is not null && AppScopeValues.DescribeAudienceProblem(audience) is { } audienceProblem)
            problems.Add(new AppScopeProblem(AppScopeProblemKind.InvalidAudience, "Audience", audienceProblem));

        if (jwksUri is not null && AppScopeValues.DescribeJwksUriProblem(jwksUri) is { } jwksProblem)
            problems.Add(new AppScopeProblem(AppScopeProblemKind.InvalidJwksUri, "JwksUri", jwksProblem));

        if (tokenType is not null && AppScopeValues.DescribeTokenTypeProblem(tokenType) is { } typeProblem)
            problems.Add(new AppScopeProblem(AppScopeProblemKind.InvalidTokenType, "TokenType", typeProblem));

        if (@namespace is not null && !IsNamespace(@namespace))
            problems.Add(new AppScopeProblem(AppScopeProblemKind.InvalidNamespace, "Namespace", $"'{@namespace}' is not a valid C# namespace"));

        return problems.ToImmutable();
    }

    /// <summary>True for a dotted sequence of C# identifiers that are not keywords.</summary>
    public static bool IsNamespace(string value)
    {
        if (value.Length == 0)
            return false;

        foreach (string part in value.Split('.'))
        {
            if (!SyntaxFacts.IsValidIdentifier(part) || SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None)
                return false;
        }

        return true;
    }
}
