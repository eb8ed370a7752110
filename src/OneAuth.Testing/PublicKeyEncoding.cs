using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace OneAuth.Testing;

/// <summary>
/// The encodings of an RSA public key that key-confusion attacks use as an HMAC secret: DER (SubjectPublicKeyInfo
/// and PKCS#1), PEM, and JWK. Written by hand so the same code runs on netstandard2.0.
/// </summary>
internal static class PublicKeyEncoding
{
    // AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }
    private static readonly byte[] RsaAlgorithmIdentifier =
    {
        0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00,
    };

    /// <summary>RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1).</summary>
    public static byte[] Pkcs1Der(RSAParameters key)
    {
        var content = new List<byte>();
        content.AddRange(Integer(key.Modulus!));
        content.AddRange(Integer(key.Exponent!));
        return Tlv(0x30, content.ToArray());
    }

    /// <summary>SubjectPublicKeyInfo ::= SEQUENCE { algorithm, subjectPublicKey BIT STRING } (RFC 5280 4.1).</summary>
    public static byte[] SubjectPublicKeyInfoDer(RSAParameters key)
    {
        byte[] pkcs1 = Pkcs1Der(key);
        var bitString = new byte[pkcs1.Length + 1];
        Buffer.BlockCopy(pkcs1, 0, bitString, 1, pkcs1.Length);
        var content = new List<byte>(RsaAlgorithmIdentifier);
        content.AddRange(Tlv(0x03, bitString));
        return Tlv(0x30, content.ToArray());
    }

    /// <summary>PEM text with 64-character lines (RFC 7468).</summary>
    public static string Pem(string label, byte[] der, string newline = "\n", bool trailingNewline = true)
    {
        string base64 = Convert.ToBase64String(der);
        var builder = new StringBuilder();
        builder.Append("-----BEGIN ").Append(label).Append("-----").Append(newline);
        for (int i = 0; i < base64.Length; i += 64)
            builder.Append(base64, i, Math.Min(64, base64.Length - i)).Append(newline);
        builder.Append("-----END ").Append(label).Append("-----");
        if (trailingNewline)
            builder.Append(newline);
        return builder.ToString();
    }

    /// <summary>The public JWK as the issuer publishes it.</summary>
    public static string Jwk(string kid, RSAParameters key)
        => new JsonObjectText()
            .Set("kty", JsonText.String("RSA"))
            .Set("use", JsonText.String("sig"))
            .Set("alg", JsonText.String("RS256"))
            .Set("kid", JsonText.String(kid))
            .Set("n", JsonText.String(Base64Url.Encode(key.Modulus!)))
            .Set("e", JsonText.String(Base64Url.Encode(key.Exponent!)))
            .ToString();

    private static byte[] Integer(byte[] unsignedBigEndian)
    {
        int start = 0;
        while (start < unsignedBigEndian.Length - 1 && unsignedBigEndian[start] == 0)
            start++;
        bool pad = (unsignedBigEndian[start] & 0x80) != 0;
        var value = new byte[unsignedBigEndian.Length - start + (pad ? 1 : 0)];
        Buffer.BlockCopy(unsignedBigEndian, start, value, pad ? 1 : 0, unsignedBigEndian.Length - start);
        return Tlv(0x02, value);
    }

    private static byte[] Tlv(byte tag, byte[] content)
    {
        var result = new List<byte>(content.Length + 5) { tag };
        int length = content.Length;
        if (length < 0x80)
        {
            result.Add((byte)length);
        }
        else if (length <= 0xFF)
        {
            result.Add(0x81);
            result.Add((byte)length);
        }
        else
        {
            result.Add(0x82);
            result.Add((byte)(length >> 8));
            result.Add((byte)length);
        }

        result.AddRange(content);
        return result.ToArray();
    }
}
