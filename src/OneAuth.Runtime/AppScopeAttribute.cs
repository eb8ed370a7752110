using System;

namespace OneAuth;

/// <summary>
/// Declares which 1Auth application this assembly serves. The OneAuth source generator turns it into a
/// strongly typed <c>AppTokenValidator</c> that accepts only RS256 tokens issued for this application.
/// </summary>
/// <remarks>
/// The application id is a compile-time constant of 1 to 64 characters drawn from lowercase letters,
/// digits, <c>-</c>, <c>_</c> and <c>.</c>. Invalid arguments are reported by the OneAuth analyzers
/// (OA1xxx) and no validator is generated.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class AppScopeAttribute : Attribute
{
    /// <summary>Declares the application id whose tokens this assembly accepts.</summary>
    /// <param name="appId">The value the <c>app_id</c> claim must equal, ordinally.</param>
    public AppScopeAttribute(string appId)
    {
        AppId = appId;
    }

    /// <summary>The value the <c>app_id</c> claim must equal, ordinally.</summary>
    public string AppId { get; }

    /// <summary>
    /// The exact <c>iss</c> value of 1Auth (an absolute https URI). When omitted, the MSBuild property
    /// <c>OneAuthIssuer</c> or the runtime options supply it.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>The audience the <c>aud</c> claim must contain. Defaults to the application id.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// The JWKS document address (https). Defaults to the issuer followed by <c>/.well-known/jwks.json</c>.
    /// </summary>
    public string? JwksUri { get; set; }

    /// <summary>When set, the token's <c>typ</c> header must equal this media type (for example <c>at+jwt</c>).</summary>
    public string? TokenType { get; set; }

    /// <summary>The namespace of the generated validator. Defaults to the project's root namespace.</summary>
    public string? Namespace { get; set; }
}
