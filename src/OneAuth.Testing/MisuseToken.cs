namespace OneAuth.Testing;

/// <summary>
/// One token from <see cref="MisuseTokens"/>: an attack or a broken token that a verifier for the target app must
/// reject, and the <see cref="AppTokenFailure"/> OneAuth's verification policy assigns to it.
/// </summary>
public sealed class MisuseToken
{
    internal MisuseToken(
        string name,
        string category,
        string description,
        string token,
        AppTokenFailure expectedFailure,
        bool requiresTokenType,
        bool identityModelAccepts)
    {
        Name = name;
        Category = category;
        Description = description;
        Token = token;
        ExpectedFailure = expectedFailure;
        RequiresTokenType = requiresTokenType;
        IdentityModelAccepts = identityModelAccepts;
    }

    /// <summary>A short unique name (lowercase, dash-separated), stable across versions: use it in test names.</summary>
    public string Name { get; }

    /// <summary>The attack class, e.g. <c>alg-none</c>, <c>key-confusion</c>, <c>wrong-app</c>.</summary>
    public string Category { get; }

    /// <summary>What is wrong with the token and why it must be rejected.</summary>
    public string Description { get; }

    /// <summary>The token text, exactly as an attacker would send it (may be empty, huge or not a JWS at all).</summary>
    public string Token { get; }

    /// <summary>The failure a OneAuth verifier reports for this token. Never <see cref="AppTokenFailure.None"/>.</summary>
    public AppTokenFailure ExpectedFailure { get; }

    /// <summary>
    /// True for <c>typ</c> confusion: only a verifier that requires a token type rejects it. Filter these out when
    /// the scope names no <c>TokenType</c>.
    /// </summary>
    public bool RequiresTokenType { get; }

    /// <summary>
    /// True when a strictly configured <c>JsonWebTokenHandler</c> (RS256 only, issuer, audience, lifetime and
    /// signing key validated, keys from the JWKS) plus an ordinal <c>app_id</c> string check accepts the token:
    /// the defect (duplicate members, non-canonical base64url, forbidden header parameters on an otherwise valid
    /// token, <c>iat</c> in the future) is one only OneAuth's stricter policy catches.
    /// </summary>
    public bool IdentityModelAccepts { get; }

    /// <summary>
    /// True when the token reaches a server unchanged as <c>Authorization: Bearer {Token}</c>: printable ASCII only and
    /// no leading or trailing space (HTTP trims those, and refuses control characters). Filter on it for endpoint tests;
    /// the other tokens are for a verifier called directly.
    /// </summary>
    public bool IsHeaderSafe
    {
        get
        {
            if (Token.Length > 0 && (Token[0] == ' ' || Token[Token.Length - 1] == ' '))
                return false;
            foreach (char c in Token)
            {
                if (c < ' ' || c > '~')
                    return false;
            }

            return true;
        }
    }

    /// <summary>The name, so test runners show it.</summary>
    public override string ToString() => Name;
}
