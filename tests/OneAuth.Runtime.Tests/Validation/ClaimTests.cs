using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace OneAuth.Runtime.Tests.Validation;

public class ClaimTests
{
    private readonly VerifierFixture _f = new();

    private static string WithClaim(string name, string? rawJsonValue)
    {
        JsonObject claims = TokenMinter.Claims();
        claims.Remove(name);
        string json = claims.ToJsonString();
        if (rawJsonValue is not null)
            json = json.TrimEnd('}') + ",\"" + name + "\":" + rawJsonValue + "}";

        return TokenMinter.Sign(TokenMinter.Header().ToJsonString(), json);
    }

    [Fact]
    public async Task Rejects_a_valid_token_for_payments_presented_to_billing()
    {
        var paymentsPolicy = new AppTokenPolicy("payments", "payments", TokenMinter.Issuer);
        var payments = new VerifierFixture(paymentsPolicy);
        string token = TokenMinter.Valid(c => { c["app_id"] = "payments"; c["aud"] = "payments"; });
        await payments.ExpectAsync(token, AppTokenFailure.None);
        await _f.ExpectAsync(token, AppTokenFailure.WrongApp);

        // Even when the audience is shared, the app id keeps them apart.
        await _f.ExpectAsync(TokenMinter.Valid(c => c["app_id"] = "payments"), AppTokenFailure.WrongApp);
    }

    [Theory]
    [InlineData("\"payments\"")]
    [InlineData("\"Billing\"")]
    [InlineData("\"BILLING\"")]
    [InlineData("\"billing \"")]
    [InlineData("\" billing\"")]
    [InlineData("\"billing\\u0000\"")]
    [InlineData("\"billin\"")]
    [InlineData("\"\"")]
    [InlineData("[\"billing\"]")]
    [InlineData("null")]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("{\"id\":\"billing\"}")]
    public Task Rejects_an_app_id_that_is_not_exactly_this_app(string value) => _f.ExpectAsync(WithClaim("app_id", value), AppTokenFailure.WrongApp);

    [Fact]
    public Task Accepts_an_escaped_but_equal_app_id() => _f.ExpectAsync(WithClaim("app_id", "\"\\u0062illing\""), AppTokenFailure.None);

    [Fact]
    public Task Rejects_a_missing_app_id() => _f.ExpectAsync(WithClaim("app_id", null), AppTokenFailure.MissingClaim);

    [Theory]
    [InlineData("\"https://auth.example.com/\"")]
    [InlineData("\"https://AUTH.example.com\"")]
    [InlineData("\"https://evil.example.com\"")]
    [InlineData("\"\"")]
    [InlineData("[\"https://auth.example.com\"]")]
    [InlineData("null")]
    [InlineData("42")]
    public Task Rejects_a_wrong_issuer(string value) => _f.ExpectAsync(WithClaim("iss", value), AppTokenFailure.WrongIssuer);

    [Fact]
    public Task Rejects_a_missing_issuer() => _f.ExpectAsync(WithClaim("iss", null), AppTokenFailure.MissingClaim);

    [Theory]
    [InlineData("\"billing-api\"")]
    [InlineData("[\"billing-api\"]")]
    [InlineData("[\"other\",\"billing-api\"]")]
    public Task Accepts_the_audience_as_string_or_array(string value) => _f.ExpectAsync(WithClaim("aud", value), AppTokenFailure.None);

    [Theory]
    [InlineData("\"other\"")]
    [InlineData("\"Billing-api\"")]
    [InlineData("\"billing-api \"")]
    [InlineData("[]")]
    [InlineData("[\"other\"]")]
    [InlineData("[\"billing-api\",1]")]
    [InlineData("[[\"billing-api\"]]")]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("{\"aud\":\"billing-api\"}")]
    public Task Rejects_an_audience_that_does_not_contain_ours(string value) => _f.ExpectAsync(WithClaim("aud", value), AppTokenFailure.WrongAudience);

    [Fact]
    public Task Rejects_a_missing_audience() => _f.ExpectAsync(WithClaim("aud", null), AppTokenFailure.MissingClaim);

    [Fact]
    public Task Rejects_a_missing_exp() => _f.ExpectAsync(WithClaim("exp", null), AppTokenFailure.MissingClaim);

    [Theory]
    [InlineData("exp", "\"1777640400\"")]
    [InlineData("exp", "null")]
    [InlineData("exp", "true")]
    [InlineData("exp", "[1777640400]")]
    [InlineData("exp", "1e400")]
    [InlineData("exp", "-1")]
    [InlineData("exp", "1e20")]
    [InlineData("exp", "253402300800")]
    [InlineData("exp", "99999999999999999999999999")]
    [InlineData("nbf", "\"0\"")]
    [InlineData("nbf", "-5")]
    [InlineData("iat", "\"now\"")]
    [InlineData("iat", "{}")]
    [InlineData("sub", "42")]
    public Task Rejects_a_time_or_subject_of_the_wrong_type(string name, string value) => _f.ExpectAsync(WithClaim(name, value), AppTokenFailure.Malformed);

    [Fact]
    public async Task Accepts_a_fractional_exp()
    {
        AppTokenValidationResult r = await _f.ExpectAsync(WithClaim("exp", (TokenMinter.Now.ToUnixTimeSeconds() + 100) + ".5"), AppTokenFailure.None);
        Assert.Equal(TokenMinter.Now.AddSeconds(100.5), r.Claims!.ExpiresAt);
    }

    [Fact]
    public async Task Rejects_an_expired_token_beyond_the_skew_only()
    {
        long now = TokenMinter.Now.ToUnixTimeSeconds();
        await _f.ExpectAsync(TokenMinter.Valid(c => c["exp"] = now - 20), AppTokenFailure.None);   // inside 30 s skew
        await _f.ExpectAsync(TokenMinter.Valid(c => c["exp"] = now - 30), AppTokenFailure.Expired);
        await _f.ExpectAsync(TokenMinter.Valid(c => { c["exp"] = now - 3600; c["iat"] = now - 7200; c["nbf"] = now - 7200; }), AppTokenFailure.Expired);

        var strict = new VerifierFixture(configure: o => o.ClockSkew = TimeSpan.Zero);
        await strict.ExpectAsync(TokenMinter.Valid(c => c["exp"] = now), AppTokenFailure.Expired);
        await strict.ExpectAsync(TokenMinter.Valid(c => c["exp"] = now + 1), AppTokenFailure.None);
    }

    [Fact]
    public async Task Uses_the_time_provider()
    {
        string token = TokenMinter.Valid();
        await _f.ExpectAsync(token, AppTokenFailure.None);
        _f.Time.Advance(TimeSpan.FromMinutes(11));
        await _f.ExpectAsync(token, AppTokenFailure.Expired);
    }

    [Fact]
    public async Task Rejects_nbf_in_the_future_beyond_the_skew()
    {
        long now = TokenMinter.Now.ToUnixTimeSeconds();
        await _f.ExpectAsync(TokenMinter.Valid(c => c["nbf"] = now + 20), AppTokenFailure.None);
        await _f.ExpectAsync(TokenMinter.Valid(c => c["nbf"] = now + 31), AppTokenFailure.NotYetValid);
    }

    [Fact]
    public async Task Rejects_iat_in_the_future_beyond_the_skew()
    {
        long now = TokenMinter.Now.ToUnixTimeSeconds();
        await _f.ExpectAsync(TokenMinter.Valid(c => c["iat"] = now + 20), AppTokenFailure.None);
        await _f.ExpectAsync(TokenMinter.Valid(c => c["iat"] = now + 31), AppTokenFailure.NotYetValid);
    }

    [Theory]
    [InlineData("nbf")]
    [InlineData("iat")]
    public async Task Rejects_a_lifetime_that_ends_before_it_starts(string claim)
    {
        long now = TokenMinter.Now.ToUnixTimeSeconds();
        await _f.ExpectAsync(TokenMinter.Valid(c => { c[claim] = now - 5; c["exp"] = now - 10; }), AppTokenFailure.Malformed);
        await _f.ExpectAsync(TokenMinter.Valid(c => { c[claim] = now + 5; c["exp"] = now + 5; }), AppTokenFailure.Malformed);
        await _f.ExpectAsync(TokenMinter.Valid(c => { c[claim] = now + 5; c["exp"] = now + 6; }), AppTokenFailure.None);
    }

    [Fact]
    public async Task Accepts_a_token_without_nbf_iat_or_sub()
    {
        AppTokenValidationResult r = await _f.ExpectAsync(TokenMinter.Valid(c => { c.Remove("nbf"); c.Remove("iat"); c.Remove("sub"); }), AppTokenFailure.None);
        Assert.Null(r.Claims!.IssuedAt);
        Assert.Null(r.Claims.Subject);
    }

    [Fact]
    public async Task Exposes_the_verified_claims()
    {
        string token = TokenMinter.Valid(c =>
        {
            c["aud"] = new JsonArray("billing-api", "reports");
            c["roles"] = new JsonArray("admin", "auditor");
            c["cnf"] = new JsonObject { ["x5t#S256"] = "abc" };
            c["n"] = 1.5;
        });
        AppTokenClaims claims = (await _f.ExpectAsync(token, AppTokenFailure.None)).Claims!;

        Assert.Equal("billing", claims.AppId);
        Assert.Same(VerifierFixture.BillingPolicy.AppId, claims.AppId);
        Assert.Equal(TokenMinter.Issuer, claims.Issuer);
        Assert.Equal("user-42", claims.Subject);
        Assert.Equal(new[] { "billing-api", "reports" }, claims.Audiences);
        Assert.Equal(new[] { "invoices.read", "invoices.write" }, claims.Scopes);
        Assert.Equal(TokenMinter.Now.AddSeconds(600), claims.ExpiresAt);
        Assert.Equal(TokenMinter.Now.AddSeconds(-60), claims.IssuedAt);
        Assert.Equal(JsonValueKind.Object, claims.Raw.ValueKind);
        Assert.Equal("abc", claims.Raw.GetProperty("cnf").GetProperty("x5t#S256").GetString());

        var principal = claims.ToClaimsPrincipal();
        Assert.Equal("OneAuth", principal.Identity!.AuthenticationType);
        Assert.True(principal.Identity.IsAuthenticated);
        Assert.Equal("user-42", principal.Identity.Name);
        Assert.True(principal.IsInRole("admin") is false); // role claim type is "role", these are "roles"
        Assert.Equal(new[] { "admin", "auditor" }, principal.FindAll("roles").Select(c => c.Value));
        Assert.Equal("billing", principal.FindFirst("app_id")!.Value);
        Assert.Equal(TokenMinter.Issuer, principal.FindFirst("app_id")!.Issuer);
        Assert.Equal("{\"x5t#S256\":\"abc\"}", principal.FindFirst("cnf")!.Value);
        Assert.Equal(System.Security.Claims.ClaimValueTypes.Double, principal.FindFirst("n")!.ValueType);
        Assert.Equal(System.Security.Claims.ClaimValueTypes.Integer64, principal.FindFirst("exp")!.ValueType);
    }

    [Theory]
    [InlineData("\"a b  c\"", new[] { "a", "b", "c" })]
    [InlineData("[\"a\",\"b\"]", new[] { "a", "b" })]
    public async Task Reads_scopes_from_scp_when_there_is_no_scope(string scp, string[] expected)
    {
        string token = TokenMinter.Sign(TokenMinter.Header().ToJsonString(), TokenMinter.Claims().ToJsonString().Replace("\"scope\":\"invoices.read invoices.write\"", "\"scp\":" + scp));
        AppTokenClaims claims = (await _f.ExpectAsync(token, AppTokenFailure.None)).Claims!;
        Assert.Equal(expected, claims.Scopes);
    }

    [Fact]
    public async Task Reports_the_app_before_the_other_claims()
    {
        string token = TokenMinter.Valid(c => { c["app_id"] = "payments"; c["aud"] = "x"; c["iss"] = "https://x.example"; c["exp"] = 1; });
        await _f.ExpectAsync(token, AppTokenFailure.WrongApp);
    }
}
