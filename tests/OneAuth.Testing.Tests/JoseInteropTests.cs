using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace OneAuth.Testing.Tests;

/// <summary>
/// Interoperability with the jose npm package, an independent JOSE implementation: its tokens and JWKS pass our JWKS
/// rules and a strict JsonWebTokenHandler when valid and fail when tampered; TestIssuer's tokens and served JWKS
/// verify in jose. Skipped, with the reason shown, only when node is not installed.
/// </summary>
public class JoseInteropTests : IClassFixture<JoseInterop>
{
    private const string Issuer = "https://issuer.test";
    private const string AppId = "billing";
    private const string Audience = "billing-api";

    private readonly JoseInterop _jose;

    public JoseInteropTests(JoseInterop jose) => _jose = jose;

    [SkippableFact]
    public void Jose_JWKS_satisfies_our_key_rules_and_its_valid_token_is_accepted()
    {
        Skip.If(_jose.SkipReason is not null, _jose.SkipReason);
        JoseInterop.Minted minted = _jose.Mint(Issuer, Audience, AppId, "payments");

        Assert.Empty(JwksRules.Problems(minted.Jwks));
        StrictIdentityModel.Outcome outcome = StrictIdentityModel.Validate(minted.Valid, minted.Jwks, Issuer, AppId, Audience);
        Assert.True(outcome.Accepted, outcome.ToString());
    }

    [SkippableFact]
    public void Jose_tokens_for_another_app_expired_or_tampered_are_rejected()
    {
        Skip.If(_jose.SkipReason is not null, _jose.SkipReason);
        JoseInterop.Minted minted = _jose.Mint(Issuer, Audience, AppId, "payments");
        string[] valid = minted.Valid.Split('.');
        string[] other = minted.OtherApp.Split('.');
        string forgedPayload = Base64UrlEncoder.Encode(Base64UrlEncoder.Decode(other[1]).Replace("\"payments\"", "\"billing\"", StringComparison.Ordinal));

        var rejected = new Dictionary<string, string>
        {
            ["other app"] = minted.OtherApp,
            ["expired"] = minted.Expired,
            ["payload swapped from the other app's token"] = valid[0] + "." + other[1] + "." + valid[2],
            ["other app's payload edited to this app"] = other[0] + "." + forgedPayload + "." + other[2],
            ["signature bit flipped"] = valid[0] + "." + valid[1] + "." + FlipBit(valid[2]),
            ["signature stripped"] = valid[0] + "." + valid[1] + ".",
            ["alg none"] = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"kid\":\"" + minted.Kid + "\"}") + "." + valid[1] + ".",
        };

        foreach (var (name, token) in rejected)
            Assert.False(StrictIdentityModel.Validate(token, minted.Jwks, Issuer, AppId, Audience).Accepted, name);

        // jose agrees with itself on all of them.
        Assert.All(_jose.Verify(rejected.Values, Issuer, Audience, AppId, jwks: minted.Jwks), Assert.NotNull);
        Assert.Null(Assert.Single(_jose.Verify(new[] { minted.Valid }, Issuer, Audience, AppId, jwks: minted.Jwks)));
    }

    [SkippableFact]
    public async Task Our_verifier_accepts_jose_tokens_over_its_JWKS_and_rejects_the_tampered_ones()
    {
        Skip.If(_jose.SkipReason is not null, _jose.SkipReason);
        JoseInterop.Minted minted = _jose.Mint(Issuer, Audience, AppId, "payments");
        using var host = new TestIssuer(Issuer);
        JwksServer server = host.StartJwksServer();
        server.RespondWith(minted.Jwks);
        using var keys = new OneAuth.Keys.JwksKeySource(server.JwksUri);
        var verifier = new AppTokenVerifier(new AppTokenPolicy(AppId, Audience, Issuer), keys);

        AppTokenValidationResult valid = await verifier.ValidateAsync(minted.Valid);
        Assert.True(valid.IsValid, valid.Detail);
        Assert.Equal(AppId, valid.Claims!.AppId);

        string[] parts = minted.Valid.Split('.');
        Assert.Equal(AppTokenFailure.WrongApp, (await verifier.ValidateAsync(minted.OtherApp)).Failure);
        Assert.Equal(AppTokenFailure.Expired, (await verifier.ValidateAsync(minted.Expired)).Failure);
        Assert.Equal(AppTokenFailure.InvalidSignature, (await verifier.ValidateAsync(parts[0] + "." + parts[1] + "." + FlipBit(parts[2]))).Failure);
        Assert.Equal(AppTokenFailure.InvalidSignature, (await verifier.ValidateAsync(parts[0] + "." + minted.OtherApp.Split('.')[1] + "." + parts[2])).Failure);
        Assert.Equal(1, server.RequestCount);
    }

    [SkippableFact]
    public void TestIssuer_JWKS_satisfies_our_key_rules_and_its_tokens_verify_in_jose()
    {
        Skip.If(_jose.SkipReason is not null, _jose.SkipReason);
        using var issuer = new TestIssuer(Issuer);
        issuer.RotateKey();
        Assert.Empty(JwksRules.Problems(issuer.Jwks));

        string valid = issuer.MintToken(AppId, Audience, t => t.Scopes("invoices.read"));
        string byOlderKey = issuer.MintToken(AppId, Audience, t => t.SignWith(issuer.PublishedKeyIds[0]));
        string[] parts = valid.Split('.');
        string[] tokens =
        {
            valid,
            byOlderKey,
            issuer.MintToken("payments", Audience),
            issuer.MintToken(AppId, Audience, t => t.Lifetime(TimeSpan.FromHours(-1)).NotBefore(issuer.TimeProvider.GetUtcNow().AddHours(-2)).IssuedAt(issuer.TimeProvider.GetUtcNow().AddHours(-2))),
            parts[0] + "." + parts[1] + "." + FlipBit(parts[2]),
        };

        IReadOnlyList<string?> results = _jose.Verify(tokens, Issuer, Audience, AppId, jwks: issuer.Jwks);
        Assert.Null(results[0]);
        Assert.Null(results[1]);
        Assert.NotNull(results[2]);
        Assert.NotNull(results[3]);
        Assert.NotNull(results[4]);
    }

    [SkippableFact]
    public void Jose_fetches_TestIssuer_keys_from_the_loopback_JWKS_server()
    {
        Skip.If(_jose.SkipReason is not null, _jose.SkipReason);
        using var issuer = new TestIssuer(Issuer);
        JwksServer server = issuer.StartJwksServer();

        IReadOnlyList<string?> results = _jose.Verify(new[] { issuer.MintToken(AppId, Audience) }, Issuer, Audience, AppId, jwksUri: server.JwksUri);
        Assert.Null(Assert.Single(results));
        Assert.True(server.RequestCount >= 1);
    }

    /// <summary>
    /// The misuse tokens jose 6.2.18 accepts (jwtVerify with issuer, audience, RS256 and exp required, plus the app_id
    /// check). Each is a place where OneAuth's policy is stricter than jose, as <see cref="MisuseToken.IdentityModelAccepts"/>
    /// marks it for IdentityModel; jose differs from IdentityModel on a few (marked).
    /// </summary>
    private static readonly string[] JoseAccepts =
    {
        "issued-in-future",                      // iat is not checked against the clock
        "kid-missing",                           // jose picks the only key in the set (IdentityModel does not)
        "jwk-header-on-valid-token", "jku-header-on-valid-token", "x5u-header-on-valid-token", "x5c-header-on-valid-token",
        "b64-false", "zip-deflate", "enc-on-jws", "cty-jwt-json-payload",  // header parameters ignored
        "signature-padded", "header-padded", "payload-padded",           // '=' padding tolerated
        "signature-non-canonical-trailing-bits", "header-non-canonical-trailing-bits", "payload-non-canonical-trailing-bits", // not IdentityModel
        "header-utf8-bom",                       // not IdentityModel
        "trailing-newline",                      // not IdentityModel: the decoder skips the newline
        "duplicate-app-id-target-last", "duplicate-app-id-escaped-name", "duplicate-app-id-same-value",
        "duplicate-iss", "duplicate-exp", "duplicate-alg-none-then-rs256", "duplicate-alg-escaped-name", "duplicate-kid", // JSON.parse keeps the last member
        "exp-overflow",                          // not IdentityModel: 1e400 parses to Infinity, which is never in the past
        "payload-deeply-nested",                 // not IdentityModel
        "oversized-1mb",                         // not IdentityModel: no size cap
    };

    [SkippableFact]
    public void Jose_accepts_exactly_the_documented_misuse_tokens()
    {
        Skip.If(_jose.SkipReason is not null, _jose.SkipReason);
        using var issuer = new TestIssuer(Issuer);
        MisuseTokens catalogue = MisuseTokens.For(issuer, AppId, Audience);
        MisuseToken[] entries = catalogue.Where(t => !t.RequiresTokenType).ToArray();

        IReadOnlyList<string?> results = _jose.Verify(entries.Select(t => t.Token).Prepend(catalogue.ValidToken), Issuer, Audience, AppId, jwks: issuer.Jwks);
        Assert.Null(results[0]);
        string[] accepted = entries.Where((_, i) => results[i + 1] is null).Select(t => t.Name).ToArray();
        Assert.Equal(JoseAccepts.Order(StringComparer.Ordinal), accepted.Order(StringComparer.Ordinal));
    }

    private static string FlipBit(string segment)
    {
        byte[] bytes = Base64UrlEncoder.DecodeBytes(segment);
        bytes[bytes.Length / 2] ^= 0x01;
        return Base64UrlEncoder.Encode(bytes);
    }
}
