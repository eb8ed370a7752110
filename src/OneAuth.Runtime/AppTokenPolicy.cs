using System;
using OneAuth.Shared;

namespace OneAuth;

/// <summary>
/// What an application accepts: its app id, its audience and, when fixed, the issuer, the JWKS address and the
/// required token type. Every value is checked here, so a policy that exists is a valid one.
/// </summary>
public sealed class AppTokenPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="appId">The value the <c>app_id</c> claim must equal: 1 to 64 characters of <c>a-z</c>, <c>0-9</c>, <c>.</c>, <c>_</c>, <c>-</c>.</param>
    /// <param name="audience">The value the <c>aud</c> claim must contain, ordinally.</param>
    /// <param name="issuer">The exact <c>iss</c> value, an absolute https URI (http only for loopback hosts); null when supplied at run time.</param>
    /// <param name="jwksUri">The JWKS address (same scheme rules as the issuer); null to use the options or the issuer's well-known path.</param>
    /// <param name="tokenType">When set, the media type the <c>typ</c> header must name (for example <c>at+jwt</c>).</param>
    /// <exception cref="ArgumentException">An argument breaks the rules above.</exception>
    public AppTokenPolicy(string appId, string audience, string? issuer = null, string? jwksUri = null, string? tokenType = null)
    {
        Check(nameof(appId), "app id", AppScopeValues.DescribeAppIdProblem(appId));
        Check(nameof(audience), "audience", AppScopeValues.DescribeAudienceProblem(audience));
        if (issuer is not null)
            Check(nameof(issuer), "issuer", AppScopeValues.DescribeIssuerProblem(issuer));
        if (jwksUri is not null)
            Check(nameof(jwksUri), "JWKS URI", AppScopeValues.DescribeJwksUriProblem(jwksUri));
        if (tokenType is not null)
            Check(nameof(tokenType), "token type", AppScopeValues.DescribeTokenTypeProblem(tokenType));

        AppId = appId;
        Audience = audience;
        Issuer = issuer;
        JwksUri = jwksUri;
        TokenType = tokenType;
    }

    /// <summary>The value the <c>app_id</c> claim must equal, ordinally.</summary>
    public string AppId { get; }

    /// <summary>The value the <c>aud</c> claim must contain, ordinally.</summary>
    public string Audience { get; }

    /// <summary>The exact <c>iss</c> value, or null when it is supplied at run time through the options.</summary>
    public string? Issuer { get; }

    /// <summary>The JWKS address, or null to use the options or the issuer's well-known path.</summary>
    public string? JwksUri { get; }

    /// <summary>When set, the media type the <c>typ</c> header must name.</summary>
    public string? TokenType { get; }

    private static void Check(string paramName, string what, string? problem)
    {
        if (problem is not null)
            throw new ArgumentException("The " + what + " " + problem + ".", paramName);
    }
}
