namespace OneAuth.Analyzers.Rules;

/// <summary>The registered claim a validation switch stops checking.</summary>
internal enum ClaimKind
{
    None = 0,

    /// <summary><c>aud</c>: ValidateAudience, RequireAudience.</summary>
    Audience,

    /// <summary><c>iss</c>: ValidateIssuer.</summary>
    Issuer,

    /// <summary><c>exp</c>: ValidateLifetime, RequireExpirationTime.</summary>
    Expiry,
}
