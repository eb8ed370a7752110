using OneAuth.Testing;
using Xunit;

namespace OneAuth.Generated.Tests;

/// <summary>
/// The validator the generator emitted into this assembly, run against real RS256 tokens whose keys come
/// from a JWKS served by Kestrel on 127.0.0.1: one accept case, and one reject case per check.
/// </summary>
public class GeneratedValidatorTests : IClassFixture<JwksHost>
{
    private readonly JwksHost _host;
    private readonly AppTokenValidator _validator;

    public GeneratedValidatorTests(JwksHost host)
    {
        _host = host;
        _validator = new AppTokenValidator(new AppTokenValidatorOptions { JwksUri = host.JwksUri });
    }

    private TestIssuer Issuer => _host.Issuer;

    private string Token(string appId = AppTokenValidator.AppId, Action<TokenBuilder>? configure = null)
        => Issuer.MintToken(appId, AppTokenValidator.Audience, configure);

    [Fact]
    public async Task Accepts_a_token_for_billing_and_exposes_typed_claims()
    {
        string token = Token(configure: b => b.Subject("user-42").Scopes("invoices.read", "invoices.write"));

        AppTokenValidationResult result = await _validator.ValidateAsync(token);

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(AppTokenFailure.None, result.Failure);
        Assert.NotNull(result.Claims);
        Assert.Equal("user-42", result.Claims!.Subject);
        Assert.Equal("billing", result.Claims.AppId);
        Assert.Equal("https://auth.example.com", result.Claims.Issuer);
        Assert.Contains("billing-api", result.Claims.Audiences);
        Assert.Equal(new[] { "invoices.read", "invoices.write" }, result.Claims.Scopes);
        Assert.Equal("user-42", result.Claims.ToClaimsPrincipal().FindFirst("sub")?.Value);
    }

    [Fact]
    public Task Rejects_a_valid_token_minted_for_payments()
        => AssertRejected(Token("payments"), AppTokenFailure.WrongApp);

    [Fact]
    public Task Rejects_a_token_without_app_id()
        => AssertRejected(Token(configure: b => b.RemoveClaim("app_id")), AppTokenFailure.MissingClaim);

    [Fact]
    public Task Rejects_another_issuer()
        => AssertRejected(Token(configure: b => b.Issuer("https://auth.example.com.evil.test")), AppTokenFailure.WrongIssuer);

    [Fact]
    public Task Rejects_another_audience()
        => AssertRejected(Issuer.MintToken("billing", "payments-api"), AppTokenFailure.WrongAudience);

    [Fact]
    public Task Rejects_an_expired_token()
        => AssertRejected(Token(configure: b => b.IssuedAt(DateTimeOffset.UtcNow.AddHours(-2)).ExpiresAt(DateTimeOffset.UtcNow.AddMinutes(-5))), AppTokenFailure.Expired);

    [Fact]
    public Task Rejects_a_token_not_yet_valid()
        => AssertRejected(Token(configure: b => b.NotBefore(DateTimeOffset.UtcNow.AddMinutes(10))), AppTokenFailure.NotYetValid);

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS512")]
    [InlineData("rs256")]
    public Task Rejects_any_algorithm_but_RS256(string alg)
        => AssertRejected(Token(configure: b => b.Header("alg", "\"" + alg + "\"")), AppTokenFailure.UnsupportedAlgorithm);

    [Fact]
    public Task Rejects_an_unknown_key_id()
        => AssertRejected(Token(configure: b => b.KeyId("not-a-published-key")), AppTokenFailure.UnknownKey);

    [Fact]
    public Task Rejects_the_wrong_token_type()
        => AssertRejected(Token(configure: b => b.Type("JWT")), AppTokenFailure.WrongTokenType);

    [Fact]
    public Task Rejects_a_tampered_payload()
    {
        string[] parts = Token().Split('.');
        string other = Token("payments").Split('.')[1];
        return AssertRejected(parts[0] + "." + other + "." + parts[2], AppTokenFailure.InvalidSignature);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d.e")]
    public Task Rejects_malformed_input(string token) => AssertRejected(token, AppTokenFailure.Malformed);

    [Fact]
    public void Options_cannot_widen_the_clock_skew_beyond_a_minute()
        => Assert.ThrowsAny<ArgumentException>(() => new AppTokenValidator(new AppTokenValidatorOptions { JwksUri = _host.JwksUri, ClockSkew = TimeSpan.FromMinutes(5) }));

    [Fact]
    public void Options_cannot_replace_the_issuer_fixed_at_compile_time()
        => Assert.ThrowsAny<ArgumentException>(() => new AppTokenValidator(new AppTokenValidatorOptions { JwksUri = _host.JwksUri, Issuer = "https://other.example.com" }));

    [Fact]
    public async Task In_memory_key_source_gives_the_same_answers()
    {
        AppTokenValidator validator = AppTokenValidator.WithKeySource(Issuer.KeySource);
        Assert.True((await validator.ValidateAsync(Token())).IsValid);
        Assert.Equal(AppTokenFailure.WrongApp, (await validator.ValidateAsync(Token("payments"))).Failure);
    }

    [Fact]
    public async Task A_validator_per_request_still_fetches_the_key_set_at_most_once()
    {
        int before = _host.Fetches;
        for (int i = 0; i < 50; i++)
        {
            var perRequest = new AppTokenValidator(new AppTokenValidatorOptions { JwksUri = _host.JwksUri });
            Assert.True((await perRequest.ValidateAsync(Token())).IsValid);
        }

        Assert.InRange(_host.Fetches - before, 0, 1);
    }

    private async Task AssertRejected(string token, AppTokenFailure expected)
    {
        AppTokenValidationResult result = await _validator.ValidateAsync(token);
        Assert.False(result.IsValid);
        Assert.Null(result.Claims);
        Assert.Equal(expected, result.Failure);
    }
}
