using System.Security.Cryptography;

namespace OneAuth.Runtime.Tests.Validation;

/// <summary>The verifier tests' RSA keys and kids, made once per test run.</summary>
internal static class VerifierTestKeys
{
    public const string Kid = "test-key-1";
    public const string OtherKid = "test-key-2";

    public static readonly RSA Primary = RSA.Create(2048);
    public static readonly RSA Other = RSA.Create(2048);
    public static readonly RSA Large = RSA.Create(4096);

    /// <summary>The public half only, as a key source would hold it.</summary>
    public static RSA PublicOf(RSA key)
    {
        var pub = RSA.Create();
        pub.ImportParameters(key.ExportParameters(includePrivateParameters: false));
        return pub;
    }
}
