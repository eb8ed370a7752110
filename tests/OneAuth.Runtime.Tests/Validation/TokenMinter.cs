using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OneAuth.Runtime.Tests.Validation;

/// <summary>
/// Mints RS256 tokens for tests, well-formed or deliberately broken: raw header and payload JSON text, any
/// <c>alg</c>, repeated members, hand-made segments.
/// </summary>
internal static class TokenMinter
{
    public const string Issuer = "https://auth.example.com";
    public const string AppId = "billing";
    public const string Audience = "billing-api";

    public static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static JsonObject Header(string kid = VerifierTestKeys.Kid, string alg = "RS256") => new() { ["alg"] = alg, ["kid"] = kid, ["typ"] = "JWT" };

    public static JsonObject Claims(string appId = AppId, string audience = Audience, string issuer = Issuer) => new()
    {
        ["iss"] = issuer,
        ["sub"] = "user-42",
        ["aud"] = audience,
        ["app_id"] = appId,
        ["iat"] = Now.ToUnixTimeSeconds() - 60,
        ["nbf"] = Now.ToUnixTimeSeconds() - 60,
        ["exp"] = Now.ToUnixTimeSeconds() + 600,
        ["scope"] = "invoices.read invoices.write",
    };

    /// <summary>A valid token for the default app, optionally with edited claims.</summary>
    public static string Valid(Action<JsonObject>? editClaims = null, Action<JsonObject>? editHeader = null, RSA? key = null)
    {
        JsonObject header = Header();
        JsonObject claims = Claims();
        editHeader?.Invoke(header);
        editClaims?.Invoke(claims);
        return Sign(header.ToJsonString(), claims.ToJsonString(), key ?? VerifierTestKeys.Primary);
    }

    /// <summary>Signs raw header and payload JSON text (which may be anything at all).</summary>
    public static string Sign(string headerJson, string payloadJson, RSA? key = null)
        => SignSegments(Encode(headerJson), Encode(payloadJson), key ?? VerifierTestKeys.Primary);

    /// <summary>Signs already-encoded segments (which may be non-canonical).</summary>
    public static string SignSegments(string encodedHeader, string encodedPayload, RSA key)
    {
        string signingInput = encodedHeader + "." + encodedPayload;
        byte[] signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Encode(signature);
    }

    public static string Encode(string text) => Encode(Encoding.UTF8.GetBytes(text));

    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string[] Split(string token) => token.Split('.');
}
