using OneAuth.Testing;
using Xunit;

namespace OneAuth.Generated.Tests;

/// <summary>
/// Every token of the OneAuth.Testing misuse catalogue, presented to the validator generated for this assembly,
/// is rejected with the failure the catalogue names, both over the JWKS endpoint and over an in-memory key source.
/// </summary>
public sealed class AdversarialTests : IClassFixture<JwksHost>
{
    private readonly JwksHost _host;

    public AdversarialTests(JwksHost host) => _host = host;

    public static IEnumerable<object[]> Names()
    {
        using var issuer = new TestIssuer("https://auth.example.com") { TokenType = AppTokenValidator.TokenType };
        return MisuseTokens.For(issuer, AppTokenValidator.AppId, AppTokenValidator.Audience, AppTokenValidator.TokenType)
            .Select(t => new object[] { t.Name })
            .ToArray();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Catalogue_token_is_rejected_with_the_expected_failure(string name)
    {
        MisuseTokens catalogue = MisuseTokens.For(_host.Issuer, AppTokenValidator.AppId, AppTokenValidator.Audience, AppTokenValidator.TokenType);
        MisuseToken misuse = catalogue[name];

        var overHttp = new AppTokenValidator(new AppTokenValidatorOptions { JwksUri = _host.JwksUri });
        AppTokenValidationResult result = await overHttp.ValidateAsync(misuse.Token);
        Assert.False(result.IsValid, $"{name} was accepted: {misuse.Description}");
        Assert.True(misuse.ExpectedFailure == result.Failure, $"{name}: expected {misuse.ExpectedFailure}, got {result.Failure} ({result.Detail}). {misuse.Description}");

        AppTokenValidationResult inMemory = await AppTokenValidator.WithKeySource(_host.Issuer.KeySource).ValidateAsync(misuse.Token);
        Assert.Equal(result.Failure, inMemory.Failure);
    }

    [Fact]
    public async Task The_catalogue_valid_token_is_accepted()
    {
        MisuseTokens catalogue = MisuseTokens.For(_host.Issuer, AppTokenValidator.AppId, AppTokenValidator.Audience, AppTokenValidator.TokenType);
        AppTokenValidationResult result = await AppTokenValidator.WithKeySource(_host.Issuer.KeySource).ValidateAsync(catalogue.ValidToken);
        Assert.True(result.IsValid, result.Detail);
    }

    [Fact]
    public async Task Embedded_key_headers_cause_no_outbound_request()
    {
        MisuseTokens catalogue = MisuseTokens.For(_host.Issuer, AppTokenValidator.AppId, AppTokenValidator.Audience, AppTokenValidator.TokenType);
        var validator = new AppTokenValidator(new AppTokenValidatorOptions { JwksUri = _host.JwksUri });
        await validator.ValidateAsync(catalogue.ValidToken); // the one legitimate fetch
        int before = _host.Fetches;

        foreach (MisuseToken token in catalogue.Where(t => t.Category.Contains("jwk", StringComparison.OrdinalIgnoreCase) || t.Category.Contains("x5", StringComparison.OrdinalIgnoreCase) || t.Category.Contains("jku", StringComparison.OrdinalIgnoreCase)))
            Assert.False((await validator.ValidateAsync(token.Token)).IsValid, token.Name);

        Assert.Equal(before, _host.Fetches);
    }
}
