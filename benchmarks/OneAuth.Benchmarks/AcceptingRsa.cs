using System.Security.Cryptography;

namespace OneAuth.Benchmarks;

/// <summary>
/// A 2048-bit "key" whose signature check does nothing and says yes. Validating with it measures exactly the
/// verifier's own work (decoding, JSON, claims, result), the part that comes on top of the RSA floor.
/// Benchmarks only: it accepts every signature.
/// </summary>
internal sealed class AcceptingRsa : RSA
{
    public AcceptingRsa()
    {
        LegalKeySizesValue = new[] { new KeySizes(2048, 2048, 0) };
        KeySizeValue = 2048;
    }

    public override bool VerifyData(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
        => signature.Length == 256;

    public override RSAParameters ExportParameters(bool includePrivateParameters) => throw new NotSupportedException();

    public override void ImportParameters(RSAParameters parameters) => throw new NotSupportedException();
}
