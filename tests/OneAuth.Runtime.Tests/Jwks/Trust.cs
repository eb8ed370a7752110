using System.Security.Cryptography;
using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>Assertions about what a lookup handed out.</summary>
public static class Trust
{
    private static readonly byte[] Payload = "header.payload"u8.ToArray();

    /// <summary>The lookup found exactly <paramref name="expected"/>'s public key, and it verifies that key's signatures.</summary>
    public static void IsKey(SigningKeyLookup lookup, RSA expected)
    {
        Assert.Equal(SigningKeyStatus.Found, lookup.Status);
        Assert.NotNull(lookup.Key);
        RSAParameters got = lookup.Key!.ExportParameters(false);
        Assert.Equal(JwksTestKeys.Modulus(expected), got.Modulus);
        Assert.Equal(new byte[] { 1, 0, 1 }, got.Exponent);
        byte[] signature = expected.SignData(Payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(lookup.Key.VerifyData(Payload, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>Asserts the lookup completed synchronously (nobody waited) and returns its result.</summary>
    public static SigningKeyLookup Sync(ValueTask<SigningKeyLookup> lookup)
    {
        Assert.True(lookup.IsCompletedSuccessfully, "the lookup did not complete synchronously");
        return lookup.Result;
    }

    /// <summary>The lookup handed out no key, with the given status.</summary>
    public static void NoKey(SigningKeyLookup lookup, SigningKeyStatus status)
    {
        Assert.Equal(status, lookup.Status);
        Assert.Null(lookup.Key);
    }
}
