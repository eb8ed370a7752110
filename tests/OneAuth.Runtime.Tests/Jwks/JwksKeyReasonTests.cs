using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>
/// How one JWKS entry is judged (<see cref="JwksDocument"/> directly): the accepted spellings of <c>n</c> and <c>e</c>,
/// and, when an entry breaks several rules, which reason it is skipped for (type, use, alg, key_ops, size,
/// exponent, weak key, encoding, private member, kid).
/// </summary>
public class JwksKeyReasonTests
{
    public static TheoryData<string> Spellings() => new()
    {
        "base64url",
        "base64url-padded",
        "base64-padded",
        "base64-unpadded",
        "one-leading-zero",
        "three-leading-zeros",
        "base64-padded-leading-zero",
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Both_base64_alphabets_padded_or_not_and_leading_zeros_of_n_read_the_same_key(string spelling)
    {
        byte[] modulus = JwksTestKeys.Modulus(JwksTestKeys.A);
        JsonObject jwk = JwksTestKeys.Jwk(JwksTestKeys.A, "k");
        jwk["n"] = spelling switch
        {
            "base64url" => JwksTestKeys.B64(modulus),
            "base64url-padded" => JwksTestKeys.B64(modulus) + "==",
            "base64-padded" => Convert.ToBase64String(modulus),
            "base64-unpadded" => Convert.ToBase64String(modulus).TrimEnd('='),
            "one-leading-zero" => JwksTestKeys.B64([0, .. modulus]),
            "three-leading-zeros" => JwksTestKeys.B64([0, 0, 0, .. modulus]),
            "base64-padded-leading-zero" => Convert.ToBase64String([0, .. modulus]),
            _ => throw new ArgumentOutOfRangeException(nameof(spelling)),
        };

        JwksDocument document = Parse(jwk);

        Assert.Null(document.FailureTag);
        Assert.Empty(document.Skipped);
        AcceptedJwk key = Assert.Single(document.Keys);
        Assert.Equal(modulus, key.Modulus);
        Assert.Equal(2048, key.ModulusBits);
    }

    [Fact]
    public void Leading_zeros_do_not_make_a_small_modulus_look_big_enough()
    {
        byte[] small = JwksTestKeys.Modulus(JwksTestKeys.Weak1024);
        JsonObject jwk = JwksTestKeys.Jwk(JwksTestKeys.Weak1024, "k");
        jwk["n"] = JwksTestKeys.B64([.. new byte[200], .. small]);   // 328 bytes on the wire, 1024 bits of modulus

        SkippedJwk skipped = Assert.Single(Parse(jwk).Skipped);
        Assert.Equal("key_size", skipped.Tag);
        Assert.Contains("1024 bits", skipped.Reason);
    }

    public static TheoryData<string, string> Precedence() => new()
    {
        { "ec with a private member and no kid", "unsupported_kty" },
        { "1024-bit encryption key", "wrong_use" },
        { "1024-bit RS512 key", "wrong_alg" },
        { "1024-bit key for signing only", "no_verify_op" },
        { "1024-bit key with e=3", "key_size" },
        { "1024-bit key in padded standard base64", "key_size" },
        { "1024-bit key with a leading zero", "key_size" },
        { "1024-bit key with an unreadable e", "key_size" },
        { "ROCA key with e=3", "unsupported_e" },
        { "ROCA key with an unreadable e", "weak_key" },
        { "ROCA key with a private member", "weak_key" },
        { "unreadable n with a private member", "malformed_n" },
        { "private member and no kid", "private_key" },
        { "no kid", "missing_kid" },
    };

    [Theory]
    [MemberData(nameof(Precedence))]
    public void An_entry_that_breaks_several_rules_is_skipped_for_the_most_telling_one(string shape, string expected)
    {
        JsonObject jwk = JwksTestKeys.Jwk(JwksTestKeys.B, "k");
        RSAParameters priv = JwksTestKeys.B.ExportParameters(true);
        byte[] weak = JwksTestKeys.Modulus(JwksTestKeys.Weak1024);
        string roca = JwksTestKeys.B64(RocaModuli.Fingerprinted(2048));
        switch (shape)
        {
            case "ec with a private member and no kid":
                jwk = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = "AA", ["y"] = "AA", ["d"] = "AA" };
                break;
            case "1024-bit encryption key":
                jwk["n"] = JwksTestKeys.B64(weak);
                jwk["use"] = "enc";
                break;
            case "1024-bit RS512 key":
                jwk["n"] = JwksTestKeys.B64(weak);
                jwk["alg"] = "RS512";
                break;
            case "1024-bit key for signing only":
                jwk["n"] = JwksTestKeys.B64(weak);
                jwk["key_ops"] = new JsonArray("sign");
                break;
            case "1024-bit key with e=3":
                jwk["n"] = JwksTestKeys.B64(weak);
                jwk["e"] = "Aw";
                break;
            case "1024-bit key in padded standard base64":
                jwk["n"] = Convert.ToBase64String(weak);
                break;
            case "1024-bit key with a leading zero":
                jwk["n"] = JwksTestKeys.B64([0, .. weak]);
                break;
            case "1024-bit key with an unreadable e":
                jwk["n"] = JwksTestKeys.B64(weak);
                jwk["e"] = "A Q A B";
                break;
            case "ROCA key with e=3":
                jwk["n"] = roca;
                jwk["e"] = "Aw";
                break;
            case "ROCA key with an unreadable e":
                jwk["n"] = roca;
                jwk["e"] = 65537;
                break;
            case "ROCA key with a private member":
                jwk["n"] = roca;
                jwk["d"] = JwksTestKeys.B64(priv.D!);
                break;
            case "unreadable n with a private member":
                jwk["n"] = "+_" + JwksTestKeys.B64(JwksTestKeys.Modulus(JwksTestKeys.B)).Substring(2);
                jwk["d"] = JwksTestKeys.B64(priv.D!);
                break;
            case "private member and no kid":
                jwk.Remove("kid");
                jwk["q"] = JwksTestKeys.B64(priv.Q!);
                break;
            case "no kid":
                jwk.Remove("kid");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, null);
        }

        JwksDocument document = Parse(jwk);

        Assert.Empty(document.Keys);
        Assert.Equal(expected, Assert.Single(document.Skipped).Tag);
        Assert.Equal("no_usable_keys", document.FailureTag);
        Assert.Contains(expected + ": 1", document.FailureReason);
    }

    [Fact]
    public void A_fingerprinted_key_is_never_installed_even_when_it_is_the_only_one()
    {
        byte[] roca = RocaModuli.Fingerprinted(2048);
        JsonObject jwk = JwksTestKeys.SyntheticJwk(2048, "roca", out _);
        jwk["n"] = Convert.ToBase64String(roca);   // any accepted spelling
        JwksDocument document = Parse(jwk);

        Assert.Empty(document.Keys);
        Assert.Equal("weak_key", Assert.Single(document.Skipped).Tag);
        Assert.Equal("no_usable_keys", document.FailureTag);
        Assert.Contains("weak_key: 1", document.FailureReason);
    }

    [Theory]
    [InlineData("oct", "unsupported_kty")]
    [InlineData("enc", "wrong_use")]
    [InlineData("1024", "key_size")]
    public void A_private_member_is_named_even_when_another_reason_comes_first(string shape, string expected)
    {
        RSAParameters priv = JwksTestKeys.B.ExportParameters(true);
        JsonObject jwk = shape == "1024" ? JwksTestKeys.Jwk(JwksTestKeys.Weak1024, "k") : JwksTestKeys.Jwk(JwksTestKeys.B, "k");
        if (shape == "oct")
            jwk = new JsonObject { ["kty"] = "oct", ["kid"] = "k", ["k"] = JwksTestKeys.B64(RandomNumberGenerator.GetBytes(32)) };
        else
            jwk["d"] = JwksTestKeys.B64(priv.D!);
        if (shape == "enc")
            jwk["use"] = "enc";

        SkippedJwk skipped = Assert.Single(Parse(jwk).Skipped);
        Assert.Equal(expected, skipped.Tag);
        Assert.Contains(shape == "oct" ? "private key member \"k\"" : "private key member \"d\"", skipped.Reason);
    }

    [Fact]
    public void Twins_are_reported_in_document_order_among_the_other_skipped_entries()
    {
        JsonObject enc = JwksTestKeys.Jwk(JwksTestKeys.C, "e");
        enc["use"] = "enc";
        JwksDocument document = Parse(JwksTestKeys.Jwk(JwksTestKeys.A, "t"), enc, JwksTestKeys.Jwk(JwksTestKeys.B, "t"), JwksTestKeys.Jwk(JwksTestKeys.C, "c"));

        Assert.Equal("c", Assert.Single(document.Keys).Kid);
        Assert.Equal(new[] { (0, "duplicate_kid"), (1, "wrong_use"), (2, "duplicate_kid") }, document.Skipped.Select(s => (s.Index, s.Tag)));
        Assert.All(document.Skipped.Where(s => s.Tag == "duplicate_kid"), s => Assert.Equal("t", s.Kid));
    }

    [Fact]
    public void An_empty_key_array_is_refused_as_having_no_keys()
    {
        JwksDocument document = JwksDocument.Parse(Encoding.UTF8.GetBytes("{\"keys\":[]}"));

        Assert.Equal("no_usable_keys", document.FailureTag);
        Assert.Equal("the set has no keys", document.FailureReason);
    }

    private static JwksDocument Parse(params JsonNode[] entries) => JwksDocument.Parse(Encoding.UTF8.GetBytes(JwksTestKeys.Jwks(entries)));
}
