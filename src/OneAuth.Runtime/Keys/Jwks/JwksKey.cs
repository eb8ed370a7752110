using System.Security.Cryptography;

namespace OneAuth.Keys;

/// <summary>An accepted key: its imported RSA object and the modulus it came from (to detect an unchanged set).</summary>
internal sealed class JwksKey
{
    public JwksKey(RSA rsa, byte[] modulus)
    {
        Rsa = rsa;
        Modulus = modulus;
    }

    public RSA Rsa { get; }

    public byte[] Modulus { get; }
}
