using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using OneAuth.Keys;
using Xunit;

namespace OneAuth.Testing.Tests;

public class TestIssuerKeySourceTests
{
    [Fact]
    public async Task Finds_the_current_key_and_it_verifies_minted_tokens()
    {
        using var issuer = new TestIssuer();
        string token = issuer.MintToken("billing");
        ValueTask<SigningKeyLookup> pending = issuer.KeySource.GetKeyAsync(issuer.CurrentKeyId);
        Assert.True(pending.IsCompletedSuccessfully);
        SigningKeyLookup lookup = await pending;

        Assert.Equal(SigningKeyStatus.Found, lookup.Status);
        Assert.Equal(issuer.KeySetVersion, lookup.KeySetVersion);
        string[] parts = token.Split('.');
        Assert.True(lookup.Key!.VerifyData(
            System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64UrlEncoder.DecodeBytes(parts[2]),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(2048, lookup.Key.KeySize);
        Assert.Throws<CryptographicException>(() => lookup.Key.ExportParameters(includePrivateParameters: true));
    }

    [Theory]
    [InlineData("unknown-kid")]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("nul\0")]
    public async Task Unknown_or_malformed_kid_is_UnknownKey(string kid)
    {
        using var issuer = new TestIssuer();
        SigningKeyLookup lookup = await issuer.KeySource.GetKeyAsync(kid);
        Assert.Equal(SigningKeyStatus.UnknownKey, lookup.Status);
        Assert.Null(lookup.Key);
        Assert.False(string.IsNullOrEmpty(lookup.Detail));
    }

    [Fact]
    public async Task Follows_rotation_and_retirement_and_changes_version()
    {
        using var issuer = new TestIssuer();
        string oldKid = issuer.CurrentKeyId;
        long v1 = issuer.KeySource.KeySetVersion;

        string newKid = issuer.RotateKey();
        long v2 = issuer.KeySource.KeySetVersion;
        Assert.NotEqual(v1, v2);
        Assert.Equal(SigningKeyStatus.Found, (await issuer.KeySource.GetKeyAsync(oldKid)).Status);
        Assert.Equal(SigningKeyStatus.Found, (await issuer.KeySource.GetKeyAsync(newKid)).Status);

        issuer.RetireKey(oldKid);
        Assert.NotEqual(v2, issuer.KeySource.KeySetVersion);
        SigningKeyLookup retired = await issuer.KeySource.GetKeyAsync(oldKid);
        Assert.Equal(SigningKeyStatus.UnknownKey, retired.Status);
        Assert.Equal(issuer.KeySource.KeySetVersion, retired.KeySetVersion);
    }

    [Fact]
    public async Task Honours_cancellation()
    {
        using var issuer = new TestIssuer();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await issuer.KeySource.GetKeyAsync(issuer.CurrentKeyId, cts.Token));
    }
}
