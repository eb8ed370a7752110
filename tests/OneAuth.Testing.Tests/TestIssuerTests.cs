using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace OneAuth.Testing.Tests;

public class TestIssuerTests
{
    [Fact]
    public void Minted_token_verifies_with_strict_IdentityModel_against_the_published_JWKS()
    {
        using var issuer = new TestIssuer();
        string token = issuer.MintToken("billing", "billing-api");
        Assert.True(StrictIdentityModel.Validate(token, issuer, "billing", "billing-api").Accepted);
    }

    [Fact]
    public void Minted_token_is_rejected_for_another_app_and_another_audience()
    {
        using var issuer = new TestIssuer();
        string token = issuer.MintToken("payments", "billing-api");
        Assert.False(StrictIdentityModel.Validate(token, issuer, "billing", "billing-api").Accepted);
        Assert.False(StrictIdentityModel.Validate(issuer.MintToken("billing"), issuer, "billing", "billing-api").Accepted);
    }

    [Fact]
    public void Audience_defaults_to_the_app_id()
    {
        using var issuer = new TestIssuer();
        var jwt = new JsonWebToken(issuer.MintToken("billing"));
        Assert.Equal(new[] { "billing" }, jwt.Audiences);
    }

    [Fact]
    public void Default_header_and_claims_are_the_documented_ones()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var issuer = new TestIssuer("https://auth.example.com", time);
        var jwt = new JsonWebToken(issuer.MintToken("billing", "billing-api"));

        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(issuer.CurrentKeyId, jwt.Kid);
        Assert.Equal("JWT", jwt.Typ);
        Assert.Equal("https://auth.example.com", jwt.Issuer);
        Assert.Equal("test-subject", jwt.Subject);
        Assert.Equal("billing", jwt.GetPayloadValue<string>("app_id"));
        long now = time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(now, jwt.GetPayloadValue<long>("iat"));
        Assert.Equal(now, jwt.GetPayloadValue<long>("nbf"));
        Assert.Equal(now + 3600, jwt.GetPayloadValue<long>("exp"));
        Assert.Matches("^[0-9a-f]{32}$", jwt.Id);
    }

    [Fact]
    public void Builder_sets_subject_scopes_claims_times_type_and_kid()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var issuer = new TestIssuer(timeProvider: time);
        DateTimeOffset now = time.GetUtcNow();
        string token = issuer.MintToken("billing", "billing-api", t => t
            .Subject("user-42")
            .Scopes("invoices.read", "invoices.write")
            .Claim("tenant", "acme")
            .Claim("level", 3)
            .Claim("admin", false)
            .Claim("roles", new[] { "a", "b" })
            .ClaimJson("raw", "{\"x\":1}")
            .IssuedAt(now.AddMinutes(-5))
            .NotBefore(now.AddMinutes(-4))
            .Lifetime(TimeSpan.FromMinutes(20))
            .Type("at+jwt")
            .KeyId("some-other-kid")
            .Audience("a1", "a2")
            .Header("x-test", "true"));

        var jwt = new JsonWebToken(token);
        Assert.Equal("user-42", jwt.Subject);
        Assert.Equal("invoices.read invoices.write", jwt.GetPayloadValue<string>("scope"));
        Assert.Equal("acme", jwt.GetPayloadValue<string>("tenant"));
        Assert.Equal(3, jwt.GetPayloadValue<long>("level"));
        Assert.False(jwt.GetPayloadValue<bool>("admin"));
        Assert.Equal(new[] { "a1", "a2" }, jwt.Audiences);
        Assert.Equal(now.AddMinutes(-5).ToUnixTimeSeconds(), jwt.GetPayloadValue<long>("iat"));
        Assert.Equal(now.AddMinutes(-4).ToUnixTimeSeconds(), jwt.GetPayloadValue<long>("nbf"));
        Assert.Equal(now.AddMinutes(15).ToUnixTimeSeconds(), jwt.GetPayloadValue<long>("exp"));
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Equal("some-other-kid", jwt.Kid);
        Assert.True(jwt.TryGetHeaderValue("x-test", out bool xTest) && xTest);

        using JsonDocument payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]));
        Assert.Equal(new[] { "a", "b" }, payload.RootElement.GetProperty("roles").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, payload.RootElement.GetProperty("raw").GetProperty("x").GetInt32());

        // The kid override names a key that is not the signer: strict validation finds no such key.
        Assert.False(StrictIdentityModel.Validate(token, issuer, "billing", "a1").Accepted);
    }

    [Fact]
    public void Removed_claims_and_headers_are_absent()
    {
        using var issuer = new TestIssuer();
        var jwt = new JsonWebToken(issuer.MintToken("billing", configure: t => t.RemoveClaim("exp").RemoveClaim("app_id").Subject(null).Type(null).KeyId(null)));
        Assert.False(jwt.TryGetPayloadValue("exp", out object? _));
        Assert.False(jwt.TryGetPayloadValue("app_id", out object? _));
        Assert.False(jwt.TryGetPayloadValue("sub", out object? _));
        Assert.False(jwt.TryGetHeaderValue("typ", out object? _));
        Assert.False(jwt.TryGetHeaderValue("kid", out object? _));
    }

    [Fact]
    public void Token_type_property_sets_typ_or_leaves_it_out()
    {
        using var issuer = new TestIssuer { TokenType = "at+jwt" };
        Assert.Equal("at+jwt", new JsonWebToken(issuer.MintToken("billing")).Typ);
        issuer.TokenType = null;
        Assert.False(new JsonWebToken(issuer.MintToken("billing")).TryGetHeaderValue("typ", out object? _));
    }

    [Fact]
    public void Jwks_publishes_RS256_signature_keys_with_kid_n_and_e()
    {
        using var issuer = new TestIssuer();
        using JsonDocument jwks = JsonDocument.Parse(issuer.Jwks);
        JsonElement key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.Equal(issuer.CurrentKeyId, key.GetProperty("kid").GetString());
        Assert.Equal("AQAB", key.GetProperty("e").GetString());
        Assert.Equal(256, Base64UrlEncoder.DecodeBytes(key.GetProperty("n").GetString()!).Length);
        Assert.False(key.TryGetProperty("d", out _));
        Assert.False(key.TryGetProperty("p", out _));
    }

    [Fact]
    public void Rotation_publishes_both_keys_until_the_old_one_is_retired()
    {
        using var issuer = new TestIssuer();
        string oldKid = issuer.CurrentKeyId;
        string oldToken = issuer.MintToken("billing");
        long version = issuer.KeySetVersion;

        string newKid = issuer.RotateKey();
        Assert.NotEqual(oldKid, newKid);
        Assert.Equal(newKid, issuer.CurrentKeyId);
        Assert.Equal(new[] { oldKid, newKid }, issuer.PublishedKeyIds);
        Assert.NotEqual(version, issuer.KeySetVersion);
        Assert.Equal(newKid, new JsonWebToken(issuer.MintToken("billing")).Kid);
        Assert.True(StrictIdentityModel.Validate(oldToken, issuer, "billing", "billing").Accepted);
        Assert.True(StrictIdentityModel.Validate(issuer.MintToken("billing"), issuer, "billing", "billing").Accepted);

        Assert.True(issuer.RetireKey(oldKid));
        Assert.Equal(new[] { newKid }, issuer.PublishedKeyIds);
        Assert.DoesNotContain(oldKid, issuer.Jwks, StringComparison.Ordinal);
        Assert.False(StrictIdentityModel.Validate(oldToken, issuer, "billing", "billing").Accepted);
        Assert.False(issuer.RetireKey(oldKid));

        // A retired key can still sign, to test that verifiers stop trusting it.
        string byRetired = issuer.MintToken("billing", configure: t => t.SignWith(oldKid));
        Assert.Equal(oldKid, new JsonWebToken(byRetired).Kid);
        Assert.False(StrictIdentityModel.Validate(byRetired, issuer, "billing", "billing").Accepted);
    }

    [Fact]
    public void RemovePreviousKeys_keeps_only_the_current_key()
    {
        using var issuer = new TestIssuer();
        issuer.RotateKey();
        string current = issuer.RotateKey();
        Assert.Equal(3, issuer.PublishedKeyIds.Count);
        issuer.RemovePreviousKeys();
        Assert.Equal(new[] { current }, issuer.PublishedKeyIds);
    }

    [Fact]
    public void The_current_key_cannot_be_retired()
    {
        using var issuer = new TestIssuer();
        Assert.Throws<InvalidOperationException>(() => issuer.RetireKey(issuer.CurrentKeyId));
    }

    [Fact]
    public void SignWith_an_unknown_kid_throws()
    {
        using var issuer = new TestIssuer();
        Assert.Throws<ArgumentException>(() => issuer.MintToken("billing", configure: t => t.SignWith("nope")));
    }

    [Fact]
    public void SignRaw_signs_the_exact_text()
    {
        using var issuer = new TestIssuer();
        string header = "{\"alg\":\"RS256\",\"kid\":\"" + issuer.CurrentKeyId + "\",\"x\":1 }";
        string payload = "{ \"a\" : 1 }";
        string token = issuer.SignRaw(header, payload);
        string[] parts = token.Split('.');
        Assert.Equal(header, Base64UrlEncoder.Decode(parts[0]));
        Assert.Equal(payload, Base64UrlEncoder.Decode(parts[1]));
        Assert.True(PublicKey(issuer).VerifyData(
            System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64UrlEncoder.DecodeBytes(parts[2]),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Two_issuers_never_share_key_ids()
    {
        using var a = new TestIssuer();
        using var b = new TestIssuer();
        Assert.NotEqual(a.CurrentKeyId, b.CurrentKeyId);
        Assert.True(OneAuth.Keys.KeyIds.IsWellFormed(a.CurrentKeyId));
    }

    [Fact]
    public void Disposed_issuer_refuses_to_rotate()
    {
        var issuer = new TestIssuer();
        issuer.Dispose();
        issuer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => issuer.RotateKey());
    }

    [Fact]
    public void Public_key_encodings_match_the_framework()
    {
        using var issuer = new TestIssuer();
        using RSA rsa = PublicKey(issuer);
        RSAParameters parameters = rsa.ExportParameters(false);
        Assert.Equal(rsa.ExportSubjectPublicKeyInfo(), PublicKeyEncoding.SubjectPublicKeyInfoDer(parameters));
        Assert.Equal(rsa.ExportRSAPublicKey(), PublicKeyEncoding.Pkcs1Der(parameters));
        Assert.Equal(rsa.ExportSubjectPublicKeyInfoPem() + "\n", PublicKeyEncoding.Pem("PUBLIC KEY", PublicKeyEncoding.SubjectPublicKeyInfoDer(parameters)));
        Assert.Equal(rsa.ExportRSAPublicKeyPem(), PublicKeyEncoding.Pem("RSA PUBLIC KEY", PublicKeyEncoding.Pkcs1Der(parameters), trailingNewline: false));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(256)]
    public void Non_canonical_base64url_decodes_to_the_same_bytes_under_a_lenient_decoder(int length)
    {
        byte[] bytes = RandomNumberGenerator.GetBytes(length);
        string canonical = Base64Url.Encode(bytes);
        Assert.Equal(Base64UrlEncoder.Encode(bytes), canonical);
        string? nonCanonical = Base64Url.WithNonCanonicalTrailingBits(canonical);
        if (length % 3 == 0)
        {
            Assert.Null(nonCanonical);
            return;
        }

        Assert.NotNull(nonCanonical);
        Assert.NotEqual(canonical, nonCanonical);
        string standard = Base64Url.ToPadded(nonCanonical!).Replace('-', '+').Replace('_', '/');
        Assert.Equal(bytes, Convert.FromBase64String(standard));
    }

    internal static RSA PublicKey(TestIssuer issuer, string? kid = null)
    {
        JsonWebKey jwk = new JsonWebKeySet(issuer.Jwks).Keys.Single(k => k.Kid == (kid ?? issuer.CurrentKeyId));
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(jwk.N), Exponent = Base64UrlEncoder.DecodeBytes(jwk.E) });
        return rsa;
    }
}
