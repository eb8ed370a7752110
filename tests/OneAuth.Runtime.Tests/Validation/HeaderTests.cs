using Xunit;

namespace OneAuth.Runtime.Tests.Validation;

public class HeaderTests
{
    private readonly VerifierFixture _f = new();

    private static string WithHeader(string headerJson) => TokenMinter.Sign(headerJson, TokenMinter.Claims().ToJsonString());

    [Theory]
    [InlineData("\"none\"")]
    [InlineData("\"rs256\"")]
    [InlineData("\"RS256 \"")]
    [InlineData("\"RS256\\u0000\"")]
    [InlineData("\"HS256\"")]
    [InlineData("\"PS256\"")]
    [InlineData("\"RS384\"")]
    [InlineData("\"ES256\"")]
    [InlineData("\"\"")]
    [InlineData("256")]
    [InlineData("null")]
    [InlineData("[\"RS256\"]")]
    [InlineData("{\"v\":\"RS256\"}")]
    public Task Rejects_any_alg_but_RS256(string alg)
        => _f.ExpectAsync(WithHeader("{\"alg\":" + alg + ",\"kid\":\"test-key-1\"}"), AppTokenFailure.UnsupportedAlgorithm);

    [Fact]
    public Task Rejects_a_header_without_alg()
        => _f.ExpectAsync(WithHeader("{\"kid\":\"test-key-1\"}"), AppTokenFailure.UnsupportedAlgorithm);

    [Fact]
    public async Task Rejects_an_unsigned_alg_none_token()
    {
        string header = TokenMinter.Encode("{\"alg\":\"none\",\"kid\":\"test-key-1\"}");
        string payload = TokenMinter.Encode(TokenMinter.Claims().ToJsonString());
        await _f.ExpectAsync(header + "." + payload + ".", AppTokenFailure.UnsupportedAlgorithm);
        await _f.ExpectAsync(TokenMinter.Sign("{\"alg\":\"none\",\"kid\":\"test-key-1\"}", TokenMinter.Claims().ToJsonString()), AppTokenFailure.UnsupportedAlgorithm);
    }

    [Fact]
    public Task Accepts_a_header_with_only_alg_and_kid()
        => _f.ExpectAsync(WithHeader("{\"alg\":\"RS256\",\"kid\":\"test-key-1\"}"), AppTokenFailure.None);

    [Fact]
    public Task Accepts_unknown_harmless_header_parameters()
        => _f.ExpectAsync(WithHeader("{\"alg\":\"RS256\",\"kid\":\"test-key-1\",\"x-trace\":{\"a\":[1,2]},\"cty\":\"text/plain\"}"), AppTokenFailure.None);

    [Theory]
    [InlineData("{\"alg\":\"RS256\"}")]
    public Task Rejects_a_header_without_kid(string header) => _f.ExpectAsync(WithHeader(header), AppTokenFailure.Malformed);

    [Theory]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("[\"test-key-1\"]")]
    [InlineData("\"\"")]
    [InlineData("\"has space\"")]
    [InlineData("\"tab\\t\"")]
    [InlineData("\"nul\\u0000\"")]
    [InlineData("\"caf\\u00e9\"")]
    [InlineData("\"caf\u00e9\"")]
    public Task Rejects_a_kid_that_is_not_a_short_printable_string(string kid)
        => _f.ExpectAsync(WithHeader("{\"alg\":\"RS256\",\"kid\":" + kid + "}"), AppTokenFailure.Malformed);

    [Fact]
    public async Task Rejects_an_overlong_kid_without_asking_the_key_source()
    {
        await _f.ExpectAsync(WithHeader("{\"alg\":\"RS256\",\"kid\":\"" + new string('k', 129) + "\"}"), AppTokenFailure.Malformed);
        Assert.Equal(0, _f.Keys.Lookups);
    }

    [Fact]
    public async Task Accepts_a_kid_of_the_maximum_length_and_an_escaped_kid()
    {
        string longKid = new string('k', 128);
        _f.Keys.Install((longKid, VerifierTestKeys.PublicOf(VerifierTestKeys.Primary)), (VerifierTestKeys.Kid, VerifierTestKeys.PublicOf(VerifierTestKeys.Primary)));
        await _f.ExpectAsync(WithHeader("{\"alg\":\"RS256\",\"kid\":\"" + longKid + "\"}"), AppTokenFailure.None);
        await _f.ExpectAsync(WithHeader("{\"alg\":\"RS256\",\"kid\":\"test\\u002dkey-1\"}"), AppTokenFailure.None);
        Assert.Equal(VerifierTestKeys.Kid, _f.Keys.RequestedKids[^1]);
    }

    [Theory]
    [InlineData("crit", "[\"exp\"]")]
    [InlineData("jku", "\"https://evil.example/jwks\"")]
    [InlineData("x5u", "\"https://evil.example/cert\"")]
    [InlineData("jwk", "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}")]
    [InlineData("x5c", "[\"MIIB\"]")]
    [InlineData("b64", "false")]
    [InlineData("zip", "\"DEF\"")]
    [InlineData("enc", "\"A256GCM\"")]
    [InlineData("\\u006aku", "\"https://evil.example/jwks\"")]
    public Task Rejects_header_parameters_that_change_how_the_token_is_read(string name, string value)
        => _f.ExpectAsync(WithHeader("{\"alg\":\"RS256\",\"kid\":\"test-key-1\",\"" + name + "\":" + value + "}"), AppTokenFailure.Malformed);

    [Theory]
    [InlineData("JWT")]
    [InlineData("jwt")]
    [InlineData("application/jwt")]
    [InlineData("Application/JWT")]
    public Task Rejects_a_nested_token(string cty)
        => _f.ExpectAsync(WithHeader("{\"alg\":\"RS256\",\"kid\":\"test-key-1\",\"cty\":\"" + cty + "\"}"), AppTokenFailure.Malformed);

    [Theory]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"test-key-1\",\"cty\":1}")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"test-key-1\",\"typ\":1}")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"test-key-1\",\"typ\":null}")]
    public Task Rejects_typ_or_cty_that_is_not_a_string(string header) => _f.ExpectAsync(WithHeader(header), AppTokenFailure.Malformed);

    [Theory]
    [InlineData("\"at+jwt\"", AppTokenFailure.None)]
    [InlineData("\"AT+JWT\"", AppTokenFailure.None)]
    [InlineData("\"application/at+jwt\"", AppTokenFailure.None)]
    [InlineData("\"Application/At+Jwt\"", AppTokenFailure.None)]
    [InlineData("\"JWT\"", AppTokenFailure.WrongTokenType)]
    [InlineData("\"at+jwt \"", AppTokenFailure.WrongTokenType)]
    [InlineData("\"text/at+jwt\"", AppTokenFailure.WrongTokenType)]
    [InlineData("\"at+jwt; v=1\"", AppTokenFailure.WrongTokenType)]
    [InlineData("\"\"", AppTokenFailure.WrongTokenType)]
    [InlineData(null, AppTokenFailure.WrongTokenType)]
    public Task Checks_typ_when_the_policy_names_one(string? typ, AppTokenFailure expected)
    {
        var f = new VerifierFixture(new AppTokenPolicy(TokenMinter.AppId, TokenMinter.Audience, TokenMinter.Issuer, tokenType: "at+jwt"));
        string header = "{\"alg\":\"RS256\",\"kid\":\"test-key-1\"" + (typ is null ? "" : ",\"typ\":" + typ) + "}";
        return f.ExpectAsync(WithHeader(header), expected);
    }

    [Fact]
    public Task Ignores_typ_when_the_policy_names_none()
        => _f.ExpectAsync(TokenMinter.Valid(editHeader: h => h["typ"] = "something/else"), AppTokenFailure.None);

    [Fact]
    public async Task Checks_the_header_before_asking_for_a_key()
    {
        await _f.ExpectAsync(TokenMinter.Valid(editHeader: h => h["alg"] = "HS256"), AppTokenFailure.UnsupportedAlgorithm);
        await _f.ExpectAsync(TokenMinter.Valid(editHeader: h => h["jku"] = "https://evil.example"), AppTokenFailure.Malformed);
        Assert.Equal(0, _f.Keys.Lookups);
    }
}
