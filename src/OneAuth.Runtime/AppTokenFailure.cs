namespace OneAuth;

/// <summary>Why a token was rejected. <see cref="None"/> means it was accepted.</summary>
public enum AppTokenFailure
{
    /// <summary>The token was accepted.</summary>
    None = 0,

    /// <summary>Not a well-formed compact JWS under our policy (shape, encoding, JSON, forbidden header parameters, size).</summary>
    Malformed,

    /// <summary>The <c>alg</c> header is anything other than exactly <c>RS256</c>.</summary>
    UnsupportedAlgorithm,

    /// <summary>No key with the token's <c>kid</c> is in the issuer's current key set.</summary>
    UnknownKey,

    /// <summary>The signature does not verify with the key its <c>kid</c> names.</summary>
    InvalidSignature,

    /// <summary>The <c>iss</c> claim is not ordinally equal to the expected issuer.</summary>
    WrongIssuer,

    /// <summary>The <c>aud</c> claim does not contain the expected audience.</summary>
    WrongAudience,

    /// <summary>The token has expired (beyond the allowed clock skew).</summary>
    Expired,

    /// <summary>The token's <c>nbf</c> (or <c>iat</c>) lies in the future beyond the allowed clock skew.</summary>
    NotYetValid,

    /// <summary>A required claim (<c>exp</c>, <c>iss</c>, <c>aud</c>, <c>app_id</c>) is absent.</summary>
    MissingClaim,

    /// <summary>The <c>app_id</c> claim names another application, or is not a single JSON string.</summary>
    WrongApp,

    /// <summary>The <c>typ</c> header does not match the required token type.</summary>
    WrongTokenType,

    /// <summary>The issuer's keys could not be obtained (or are older than the maximum staleness).</summary>
    KeysUnavailable,
}
