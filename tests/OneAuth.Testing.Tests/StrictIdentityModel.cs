using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OneAuth.Testing.Tests;

/// <summary>
/// An independent verifier: Microsoft.IdentityModel's JsonWebTokenHandler configured as strictly as it allows
/// (RS256 only, keys from the JWKS text only, no try-all-keys, issuer, audience, lifetime and signing key validated,
/// expiration required, typ when asked) plus an ordinal check that app_id is one JSON string equal to the app id.
/// </summary>
internal static class StrictIdentityModel
{
    public sealed record Outcome(bool Accepted, string Reason)
    {
        public override string ToString() => Accepted ? "accepted" : "rejected: " + Reason;
    }

    public static Outcome Validate(string token, string jwks, string issuer, string appId, string audience, string? tokenType = null)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            IssuerSigningKeys = new JsonWebKeySet(jwks).GetSigningKeys(),
            ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            RequireAudience = true,
            TryAllIssuerSigningKeys = false,
            ClockSkew = TimeSpan.FromSeconds(30),
            ValidTypes = tokenType is null ? null : new[] { tokenType },
        };

        TokenValidationResult result;
        try
        {
            result = new JsonWebTokenHandler().ValidateTokenAsync(token, parameters).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            return new Outcome(false, "threw " + e.GetType().Name + ": " + e.Message);
        }

        if (!result.IsValid)
            return new Outcome(false, result.Exception?.GetType().Name + ": " + result.Exception?.Message);

        var jwt = (JsonWebToken)result.SecurityToken;
        if (!jwt.TryGetPayloadValue("app_id", out object? value))
            return new Outcome(false, "app_id missing");
        if (value is not string s || !string.Equals(s, appId, StringComparison.Ordinal))
            return new Outcome(false, $"app_id is {value?.GetType().Name ?? "null"} '{value}'");
        return new Outcome(true, "");
    }

    public static Outcome Validate(string token, TestIssuer issuer, string appId, string audience, string? tokenType = null)
        => Validate(token, issuer.Jwks, issuer.Issuer, appId, audience, tokenType);
}
