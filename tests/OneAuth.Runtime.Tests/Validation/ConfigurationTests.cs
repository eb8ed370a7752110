using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Validation;

public class ConfigurationTests
{
    private static readonly InMemoryKeySource Keys = new();

    [Theory]
    [InlineData("billing")]
    [InlineData("a")]
    [InlineData("billing.v2_eu-west")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void Accepts_valid_app_ids(string appId) => Assert.Equal(appId, new AppTokenPolicy(appId, "aud").AppId);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Billing")]
    [InlineData("bill ing")]
    [InlineData("billing\0")]
    [InlineData("bill/ing")]
    [InlineData("b\u00eflling")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void Rejects_invalid_app_ids(string? appId)
    {
        var ex = Assert.Throws<ArgumentException>(() => new AppTokenPolicy(appId!, "aud"));
        Assert.Equal("appId", ex.ParamName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" billing")]
    [InlineData("bill\ning")]
    public void Rejects_invalid_audiences(string? audience)
        => Assert.Equal("audience", Assert.Throws<ArgumentException>(() => new AppTokenPolicy("billing", audience!)).ParamName);

    [Theory]
    [InlineData("https://auth.example.com")]
    [InlineData("https://auth.example.com/tenant/")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://127.0.0.1:8080/issuer")]
    [InlineData("http://[::1]:8080")]
    public void Accepts_https_or_loopback_http_issuers(string issuer)
    {
        var policy = new AppTokenPolicy("billing", "billing", issuer, issuer + "/jwks");
        Assert.Equal(issuer, policy.Issuer);
    }

    [Theory]
    [InlineData("http://auth.example.com")]
    [InlineData("auth.example.com")]
    [InlineData("/relative")]
    [InlineData("ftp://auth.example.com")]
    [InlineData("")]
    [InlineData("https://user:pw@auth.example.com")]
    [InlineData("https://auth.example.com#frag")]
    [InlineData(" https://auth.example.com")]
    public void Rejects_other_issuers_and_jwks_uris(string uri)
    {
        Assert.Equal("issuer", Assert.Throws<ArgumentException>(() => new AppTokenPolicy("billing", "billing", uri)).ParamName);
        Assert.Equal("jwksUri", Assert.Throws<ArgumentException>(() => new AppTokenPolicy("billing", "billing", jwksUri: uri)).ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("at jwt")]
    [InlineData("a/b/c")]
    [InlineData("at+jwt; charset=x")]
    public void Rejects_invalid_token_types(string type)
        => Assert.Equal("tokenType", Assert.Throws<ArgumentException>(() => new AppTokenPolicy("billing", "billing", tokenType: type)).ParamName);

    [Theory]
    [InlineData(-1)]
    [InlineData(61)]
    [InlineData(3600)]
    public void Rejects_a_clock_skew_outside_0_to_60_seconds(int seconds)
    {
        var options = new AppTokenValidatorOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.ClockSkew = TimeSpan.FromSeconds(seconds));
        Assert.Equal(TimeSpan.FromSeconds(30), options.ClockSkew);
        options.ClockSkew = TimeSpan.FromSeconds(60);
        options.ClockSkew = TimeSpan.Zero;
    }

    [Fact]
    public void Rejects_a_negative_cache_capacity()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new AppTokenValidatorOptions { VerifiedTokenCacheCapacity = -1 });

    [Fact]
    public void Needs_an_issuer_from_the_policy_or_the_options()
    {
        var open = new AppTokenPolicy("billing", "billing");
        var ex = Assert.Throws<ArgumentException>(() => new AppTokenVerifier(open, Keys));
        Assert.Contains("No issuer", ex.Message);

        var verifier = new AppTokenVerifier(open, Keys, new AppTokenValidatorOptions { Issuer = "https://auth.example.com" });
        Assert.Equal("https://auth.example.com", verifier.Issuer);
        Assert.Equal(new Uri("https://auth.example.com/.well-known/jwks.json"), verifier.JwksUri);

        Assert.Throws<ArgumentException>(() => new AppTokenVerifier(open, Keys, new AppTokenValidatorOptions { Issuer = "http://auth.example.com" }));
    }

    [Fact]
    public void Refuses_options_that_replace_a_fixed_issuer_or_jwks_uri()
    {
        var policy = new AppTokenPolicy("billing", "billing", "https://auth.example.com", "https://keys.example.com/jwks");
        var ex = Assert.Throws<ArgumentException>(() => new AppTokenVerifier(policy, Keys, new AppTokenValidatorOptions { Issuer = "https://evil.example.com" }));
        Assert.Contains("fixed", ex.Message);
        Assert.Throws<ArgumentException>(() => new AppTokenVerifier(policy, Keys, new AppTokenValidatorOptions { JwksUri = new Uri("https://evil.example.com/jwks") }));

        var same = new AppTokenVerifier(policy, Keys, new AppTokenValidatorOptions { Issuer = "https://auth.example.com", JwksUri = new Uri("https://keys.example.com/jwks") });
        Assert.Equal("https://auth.example.com", same.Issuer);
        Assert.Equal(new Uri("https://keys.example.com/jwks"), same.JwksUri);
        Assert.Equal(new Uri("https://keys.example.com/jwks"), new AppTokenVerifier(policy, Keys).JwksUri);
    }

    [Fact]
    public void Takes_the_jwks_uri_from_the_options_when_the_policy_has_none()
    {
        var policy = new AppTokenPolicy("billing", "billing", "https://auth.example.com/");
        var verifier = new AppTokenVerifier(policy, Keys, new AppTokenValidatorOptions { JwksUri = new Uri("https://keys.example.com/k") });
        Assert.Equal(new Uri("https://keys.example.com/k"), verifier.JwksUri);
        Assert.Equal(new Uri("https://auth.example.com/.well-known/jwks.json"), new AppTokenVerifier(policy, Keys).JwksUri);
        Assert.Throws<ArgumentException>(() => new AppTokenVerifier(policy, Keys, new AppTokenValidatorOptions { JwksUri = new Uri("http://keys.example.com/k") }));
    }

    [Fact]
    public void Rejects_null_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => new AppTokenVerifier(null!, Keys));
        Assert.Throws<ArgumentNullException>(() => new AppTokenVerifier(VerifierFixture.BillingPolicy, (SigningKeySource)null!));
    }
}
