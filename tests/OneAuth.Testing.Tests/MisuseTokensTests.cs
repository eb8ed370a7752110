using Xunit;

namespace OneAuth.Testing.Tests;

/// <summary>
/// Every misuse token is rejected by an independent strict verifier (JsonWebTokenHandler + app_id check) unless it is
/// flagged <see cref="MisuseToken.IdentityModelAccepts"/>, and every flagged token really is accepted by it: the flag
/// documents exactly where OneAuth's policy is stricter than IdentityModel.
/// </summary>
public class MisuseTokensTests
{
    private const string AppId = "billing";
    private const string Audience = "billing-api";
    private const string TokenType = "at+jwt";

    private static readonly TestIssuer Issuer = new();
    private static readonly MisuseTokens Catalogue = MisuseTokens.For(Issuer, AppId, Audience);
    private static readonly MisuseTokens TypedCatalogue = MisuseTokens.For(Issuer, AppId, Audience, TokenType);

    public static IEnumerable<object[]> Entries => Catalogue.AsTheoryData();

    public static IEnumerable<object[]> TypedEntries => TypedCatalogue.AsTheoryData();

    [Fact]
    public void Valid_control_token_is_accepted()
    {
        Assert.True(StrictIdentityModel.Validate(Catalogue.ValidToken, Issuer, AppId, Audience).Accepted);
        Assert.True(StrictIdentityModel.Validate(TypedCatalogue.ValidToken, Issuer, AppId, Audience, TokenType).Accepted);
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Strict_IdentityModel_rejects_the_token_unless_flagged(MisuseToken entry)
    {
        StrictIdentityModel.Outcome outcome = StrictIdentityModel.Validate(entry.Token, Issuer, AppId, Audience);
        bool expectAccepted = entry.IdentityModelAccepts || entry.RequiresTokenType;
        Assert.True(expectAccepted == outcome.Accepted, $"{entry.Name}: expected {(expectAccepted ? "accepted" : "rejected")}, was {outcome}");
    }

    [Theory]
    [MemberData(nameof(TypedEntries))]
    public void Strict_IdentityModel_requiring_a_token_type_rejects_the_token_unless_flagged(MisuseToken entry)
    {
        StrictIdentityModel.Outcome outcome = StrictIdentityModel.Validate(entry.Token, Issuer, AppId, Audience, TokenType);
        Assert.True(entry.IdentityModelAccepts == outcome.Accepted, $"{entry.Name}: expected {(entry.IdentityModelAccepts ? "accepted" : "rejected")}, was {outcome}");
    }

    [Fact]
    public void Names_are_unique_kebab_case_and_every_entry_is_described()
    {
        Assert.Equal(Catalogue.Count, Catalogue.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Catalogue, t =>
        {
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", t.Name);
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", t.Category);
            Assert.False(string.IsNullOrWhiteSpace(t.Description), t.Name);
            Assert.NotEqual(AppTokenFailure.None, t.ExpectedFailure);
            Assert.NotEqual(AppTokenFailure.KeysUnavailable, t.ExpectedFailure);
            Assert.Equal(t.Name, t.ToString());
        });
    }

    [Fact]
    public void Both_catalogues_hold_the_same_entries_with_the_same_expectations()
    {
        Assert.Equal(
            Catalogue.Select(t => (t.Name, t.ExpectedFailure, t.RequiresTokenType, t.IdentityModelAccepts)),
            TypedCatalogue.Select(t => (t.Name, t.ExpectedFailure, t.RequiresTokenType, t.IdentityModelAccepts)));
    }

    [Fact]
    public void Only_token_type_entries_expect_WrongTokenType()
    {
        Assert.All(Catalogue, t => Assert.Equal(t.RequiresTokenType, t.ExpectedFailure == AppTokenFailure.WrongTokenType));
    }

    [Theory]
    [InlineData("app-id-other-app", AppTokenFailure.WrongApp)]
    [InlineData("expired", AppTokenFailure.Expired)]
    [InlineData("not-yet-valid", AppTokenFailure.NotYetValid)]
    [InlineData("audience-other", AppTokenFailure.WrongAudience)]
    [InlineData("issuer-other", AppTokenFailure.WrongIssuer)]
    [InlineData("alg-none", AppTokenFailure.UnsupportedAlgorithm)]
    [InlineData("alg-none-uppercase", AppTokenFailure.UnsupportedAlgorithm)]
    [InlineData("alg-none-two-segments", AppTokenFailure.Malformed)]
    [InlineData("hs256-public-key-pem", AppTokenFailure.UnsupportedAlgorithm)]
    [InlineData("hs256-public-key-der", AppTokenFailure.UnsupportedAlgorithm)]
    [InlineData("hs256-public-key-jwk", AppTokenFailure.UnsupportedAlgorithm)]
    [InlineData("kid-unknown", AppTokenFailure.UnknownKey)]
    [InlineData("kid-path-traversal", AppTokenFailure.UnknownKey)]
    [InlineData("kid-sql", AppTokenFailure.Malformed)]
    [InlineData("kid-nul", AppTokenFailure.Malformed)]
    [InlineData("kid-long", AppTokenFailure.Malformed)]
    [InlineData("tampered-payload-app-id", AppTokenFailure.InvalidSignature)]
    [InlineData("jwk-header-attacker-key", AppTokenFailure.Malformed)]
    [InlineData("jku-header-attacker-signed", AppTokenFailure.Malformed)]
    [InlineData("x5u-header-attacker-signed", AppTokenFailure.Malformed)]
    [InlineData("x5c-header-attacker-signed", AppTokenFailure.Malformed)]
    [InlineData("crit-unknown-extension", AppTokenFailure.Malformed)]
    [InlineData("es256-zero-signature", AppTokenFailure.UnsupportedAlgorithm)]
    [InlineData("duplicate-app-id-target-last", AppTokenFailure.Malformed)]
    [InlineData("duplicate-app-id-escaped-name", AppTokenFailure.Malformed)]
    [InlineData("duplicate-alg-none-then-rs256", AppTokenFailure.Malformed)]
    [InlineData("b64-false", AppTokenFailure.Malformed)]
    [InlineData("cty-jwt-nested", AppTokenFailure.Malformed)]
    [InlineData("jwe-five-segments", AppTokenFailure.Malformed)]
    [InlineData("oversized-1mb", AppTokenFailure.Malformed)]
    [InlineData("empty", AppTokenFailure.Malformed)]
    [InlineData("whitespace", AppTokenFailure.Malformed)]
    [InlineData("garbage", AppTokenFailure.Malformed)]
    [InlineData("signature-empty", AppTokenFailure.InvalidSignature)]
    [InlineData("signature-padded", AppTokenFailure.Malformed)]
    [InlineData("signature-standard-alphabet", AppTokenFailure.Malformed)]
    [InlineData("signature-non-canonical-trailing-bits", AppTokenFailure.Malformed)]
    [InlineData("exp-string", AppTokenFailure.Malformed)]
    [InlineData("exp-overflow", AppTokenFailure.Malformed)]
    [InlineData("audience-number", AppTokenFailure.WrongAudience)]
    [InlineData("audience-object", AppTokenFailure.WrongAudience)]
    [InlineData("app-id-array", AppTokenFailure.WrongApp)]
    [InlineData("app-id-number", AppTokenFailure.WrongApp)]
    [InlineData("app-id-null", AppTokenFailure.WrongApp)]
    [InlineData("app-id-uppercase", AppTokenFailure.WrongApp)]
    [InlineData("app-id-trailing-space", AppTokenFailure.WrongApp)]
    [InlineData("app-id-trailing-nul", AppTokenFailure.WrongApp)]
    [InlineData("missing-app-id", AppTokenFailure.MissingClaim)]
    [InlineData("missing-exp", AppTokenFailure.MissingClaim)]
    [InlineData("missing-iss", AppTokenFailure.MissingClaim)]
    [InlineData("missing-aud", AppTokenFailure.MissingClaim)]
    [InlineData("typ-jwt", AppTokenFailure.WrongTokenType)]
    public void Covers_the_required_attack(string name, AppTokenFailure expected)
    {
        Assert.Equal(expected, Catalogue[name].ExpectedFailure);
    }

    [Fact]
    public void Unsigned_tokens_really_are_unsigned()
    {
        foreach (string name in new[] { "alg-none", "alg-none-capitalized", "alg-none-uppercase", "alg-none-mixed-case" })
        {
            string token = Catalogue[name].Token;
            Assert.EndsWith(".", token, StringComparison.Ordinal);
            Assert.Equal(2, token.Count(c => c == '.'));
        }

        Assert.Equal(1, Catalogue["alg-none-two-segments"].Token.Count(c => c == '.'));
        Assert.Equal(4, Catalogue["jwe-five-segments"].Token.Count(c => c == '.'));
    }

    [Fact]
    public void Key_confusion_tokens_are_real_HMACs_over_the_public_key_encodings()
    {
        using var rsa = System.Security.Cryptography.RSA.Create();
        var jwk = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(Issuer.Jwks).Keys.Single();
        rsa.ImportParameters(new System.Security.Cryptography.RSAParameters
        {
            Modulus = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(jwk.N),
            Exponent = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(jwk.E),
        });

        var secrets = new Dictionary<string, byte[]>
        {
            ["hs256-public-key-pem"] = System.Text.Encoding.UTF8.GetBytes(rsa.ExportSubjectPublicKeyInfoPem() + "\n"),
            ["hs256-public-key-der"] = rsa.ExportSubjectPublicKeyInfo(),
            ["hs256-public-key-der-pkcs1"] = rsa.ExportRSAPublicKey(),
            ["hs256-public-key-pem-pkcs1"] = System.Text.Encoding.UTF8.GetBytes(rsa.ExportRSAPublicKeyPem() + "\n"),
            ["hs256-public-key-jwks"] = System.Text.Encoding.UTF8.GetBytes(Issuer.Jwks),
        };

        foreach (var (name, secret) in secrets)
        {
            string token = Catalogue[name].Token;
            int lastDot = token.LastIndexOf('.');
            byte[] mac = System.Security.Cryptography.HMACSHA256.HashData(secret, System.Text.Encoding.ASCII.GetBytes(token[..lastDot]));
            Assert.Equal(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(mac), token[(lastDot + 1)..]);
        }
    }

    [Fact]
    public void Oversized_token_is_at_least_one_megabyte_and_validly_signed()
    {
        string token = Catalogue["oversized-1mb"].Token;
        Assert.InRange(token.Length, 1_000_000, 1_200_000);
        string[] parts = token.Split('.');
        using var rsa = System.Security.Cryptography.RSA.Create();
        var jwk = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(Issuer.Jwks).Keys.Single();
        rsa.ImportParameters(new System.Security.Cryptography.RSAParameters
        {
            Modulus = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(jwk.N),
            Exponent = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(jwk.E),
        });
        Assert.True(rsa.VerifyData(
            System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
            Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[2]),
            System.Security.Cryptography.HashAlgorithmName.SHA256,
            System.Security.Cryptography.RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Theory_data_rows_hold_one_entry_each_and_filter()
    {
        object[][] rows = Catalogue.AsTheoryData(t => !t.RequiresTokenType).ToArray();
        Assert.All(rows, r => Assert.IsType<MisuseToken>(Assert.Single(r)));
        Assert.Equal(Catalogue.Count(t => !t.RequiresTokenType), rows.Length);
        Assert.Contains(Catalogue, t => t.RequiresTokenType);
    }

    [Fact]
    public void Header_safety_excludes_exactly_the_tokens_HTTP_would_change_or_refuse()
    {
        string[] unsafeNames = Catalogue.Where(t => !t.IsHeaderSafe).Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "leading-whitespace", "trailing-newline", "whitespace" }, unsafeNames);
        Assert.True(Catalogue["bearer-prefix"].IsHeaderSafe);
        Assert.True(Catalogue["inner-whitespace"].IsHeaderSafe);
    }

    [Fact]
    public void Unknown_name_throws_KeyNotFoundException()
    {
        Assert.Throws<KeyNotFoundException>(() => Catalogue["no-such-token"]);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("x.y_z-9")]
    [InlineData("payments")]
    public void Builds_for_any_valid_app_id_and_the_control_token_verifies(string appId)
    {
        using var issuer = new TestIssuer("https://auth.example.com");
        MisuseTokens catalogue = MisuseTokens.For(issuer, appId, appId);
        Assert.True(StrictIdentityModel.Validate(catalogue.ValidToken, issuer, appId, appId).Accepted);
        Assert.All(catalogue.Where(t => !t.IdentityModelAccepts && !t.RequiresTokenType),
            t => Assert.False(StrictIdentityModel.Validate(t.Token, issuer, appId, appId).Accepted, t.Name));
    }
}
