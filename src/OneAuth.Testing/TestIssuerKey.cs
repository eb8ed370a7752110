using System;
using System.Security.Cryptography;
using System.Text;

namespace OneAuth.Testing;

/// <summary>One RSA 2048 signing key of a test issuer (or of an attacker), with its kid and public forms.</summary>
internal sealed class TestIssuerKey : IDisposable
{
    public TestIssuerKey(string kid)
    {
        Kid = kid;
        Private = CreateRsa2048();
        PublicParameters = Private.ExportParameters(includePrivateParameters: false);
        Public = RSA.Create();
        Public.ImportParameters(PublicParameters);
        Jwk = PublicKeyEncoding.Jwk(kid, PublicParameters);
    }

    public string Kid { get; }

    public RSA Private { get; }

    /// <summary>A public-only copy: what a verifier gets from the JWKS.</summary>
    public RSA Public { get; }

    public RSAParameters PublicParameters { get; }

    /// <summary>The public JWK text, as published in the JWKS.</summary>
    public string Jwk { get; }

    /// <summary>Compact JWS over the exact header and payload JSON text, signed RS256 with this key.</summary>
    public string SignCompact(string headerJson, string payloadJson)
        => SignCompact(Base64Url.Encode(headerJson), Base64Url.Encode(payloadJson), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>Compact JWS over already-encoded segments (which may be deliberately non-canonical).</summary>
    public string SignCompact(string headerSegment, string payloadSegment, HashAlgorithmName hash, RSASignaturePadding padding)
    {
        string signingInput = headerSegment + "." + payloadSegment;
        byte[] signature = Private.SignData(Encoding.UTF8.GetBytes(signingInput), hash, padding);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    private static RSA CreateRsa2048()
    {
        RSA rsa = RSA.Create();
        rsa.KeySize = 2048;
        if (rsa.ExportParameters(includePrivateParameters: false).Modulus?.Length == 256)
            return rsa;

        // .NET Framework's default RSACryptoServiceProvider keeps the size it was constructed with.
        rsa.Dispose();
        return new RSACryptoServiceProvider(2048);
    }

    public void Dispose()
    {
        Private.Dispose();
        Public.Dispose();
    }
}
