using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>The key-source tests' RSA keys, generated once per test run (2048-bit generation is slow), and JWK/JWKS builders.</summary>
public static class JwksTestKeys
{
    private static readonly Lazy<RSA> LazyA = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> LazyB = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> LazyC = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> LazyWeak = new(() => RSA.Create(1024));

    public static RSA A => LazyA.Value;

    public static RSA B => LazyB.Value;

    public static RSA C => LazyC.Value;

    /// <summary>A 1024-bit key: must never be accepted.</summary>
    public static RSA Weak1024 => LazyWeak.Value;

    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static byte[] Modulus(RSA key) => key.ExportParameters(false).Modulus!;

    /// <summary>A public RSA JWK with kty, kid, use, alg, n, e.</summary>
    public static JsonObject Jwk(RSA key, string kid)
    {
        RSAParameters p = key.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["kid"] = kid,
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["n"] = B64(p.Modulus!),
            ["e"] = B64(p.Exponent!),
        };
    }

    /// <summary>A JWK with an arbitrary (odd, unfactored) modulus of <paramref name="bits"/> bits, e = 65537.</summary>
    public static JsonObject SyntheticJwk(int bits, string kid, out byte[] modulus)
    {
        modulus = new byte[(bits + 7) / 8];
        RandomNumberGenerator.Fill(modulus);
        int topBits = bits % 8 == 0 ? 8 : bits % 8;
        modulus[0] &= (byte)((1 << topBits) - 1);
        modulus[0] |= (byte)(1 << (topBits - 1));
        modulus[^1] |= 1;
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["kid"] = kid,
            ["n"] = B64(modulus),
            ["e"] = "AQAB",
        };
    }

    public static string Jwks(params JsonNode[] keys) => new JsonObject { ["keys"] = new JsonArray(keys) }.ToJsonString();
}
