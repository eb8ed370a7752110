using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace OneAuth.Runtime.Tests.Validation;

/// <summary>A verifier for app <c>billing</c> over an in-memory key source and a fake clock.</summary>
internal sealed class VerifierFixture
{
    public static readonly AppTokenPolicy BillingPolicy = new(TokenMinter.AppId, TokenMinter.Audience, TokenMinter.Issuer);

    public VerifierFixture(AppTokenPolicy? policy = null, Action<AppTokenValidatorOptions>? configure = null)
    {
        var options = new AppTokenValidatorOptions { TimeProvider = Time };
        configure?.Invoke(options);
        Verifier = new AppTokenVerifier(policy ?? BillingPolicy, Keys, options);
    }

    public FakeTimeProvider Time { get; } = new(TokenMinter.Now);

    public InMemoryKeySource Keys { get; } = new((VerifierTestKeys.Kid, VerifierTestKeys.PublicOf(VerifierTestKeys.Primary)));

    public AppTokenVerifier Verifier { get; }

    public async Task<AppTokenValidationResult> ValidateAsync(string token) => await Verifier.ValidateAsync(token);

    /// <summary>Validates and asserts the exact outcome.</summary>
    public async Task<AppTokenValidationResult> ExpectAsync(string token, AppTokenFailure expected)
    {
        AppTokenValidationResult result = await Verifier.ValidateAsync(token);
        Assert.True(expected == result.Failure, $"expected {expected}, got {result.Failure}: {result.Detail}");
        Assert.Equal(expected == AppTokenFailure.None, result.IsValid);
        if (result.IsValid)
        {
            Assert.NotNull(result.Claims);
            Assert.Null(result.Detail);
        }
        else
        {
            Assert.Null(result.Claims);
            Assert.False(string.IsNullOrWhiteSpace(result.Detail));
            if (token is { Length: >= 12 })
                Assert.DoesNotContain(token.Substring(0, 12), result.Detail!, StringComparison.Ordinal);
        }

        return result;
    }
}
