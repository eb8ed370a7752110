using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>Which JWKs are used: every entry is judged on its own, and a bad one never becomes a trusted key.</summary>
public class JwksKeyPolicyTests
{
    public static TheoryData<string, string> BadKeys() => new()
    {
        { "ec", "unsupported_kty" },
        { "oct", "unsupported_kty" },
        { "kty-lowercase", "unsupported_kty" },
        { "kty-missing", "unsupported_kty" },
        { "rsa-1024", "key_size" },
        { "rsa-4097", "key_size" },
        { "e-3", "unsupported_e" },
        { "e-leading-zero", "unsupported_e" },
        { "e-missing", "malformed_e" },
        { "use-enc", "wrong_use" },
        { "use-number", "wrong_use" },
        { "alg-RS512", "wrong_alg" },
        { "alg-none", "wrong_alg" },
        { "alg-PS256", "wrong_alg" },
        { "key_ops-sign", "no_verify_op" },
        { "key_ops-string", "no_verify_op" },
        { "key_ops-empty", "no_verify_op" },
        { "private-d", "private_key" },
        { "private-p", "private_key" },
        { "private-oth", "private_key" },
        { "n-mixed-alphabets", "malformed_n" },
        { "n-whitespace", "malformed_n" },
        { "n-wrong-padding", "malformed_n" },
        { "n-padding-inside", "malformed_n" },
        { "n-trailing-bits", "malformed_n" },
        { "n-zero", "key_size" },
        { "e-base64-garbage", "malformed_e" },
        { "roca", "weak_key" },
        { "n-even", "malformed_n" },
        { "n-number", "malformed_n" },
        { "n-missing", "malformed_n" },
        { "kid-missing", "missing_kid" },
        { "kid-number", "missing_kid" },
        { "not-an-object", "not_object" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_bad_key_is_skipped_with_its_reason_while_good_keys_are_served(string variant, string reason)
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        JsonNode bad = BadKey(variant, "bad", out byte[]? badModulus);
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), bad));

        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        Trust.NoKey(await h.GetAsync("bad"), SigningKeyStatus.UnknownKey);

        CapturingLoggerFactory.LogEntry skipped = Assert.Single(h.Logs.WithEvent(2003));
        Assert.Contains($"({reason})", skipped.Message);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, skipped.Level);
        if (variant is not ("kid-missing" or "kid-number" or "not-an-object"))
            Assert.Contains("key bad ", skipped.Message);
        h.AssertNeverFound("bad");
        if (badModulus is not null)
            h.AssertNeverYielded(badModulus);
        h.AssertNeverYielded(JwksTestKeys.Modulus(JwksTestKeys.Weak1024));
    }

    [Fact]
    public async Task A_key_with_an_unprintable_kid_is_skipped_without_echoing_it()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        JsonObject bad = JwksTestKeys.Jwk(JwksTestKeys.B, "evil\nkid");
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), bad));

        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        CapturingLoggerFactory.LogEntry skipped = Assert.Single(h.Logs.WithEvent(2003));
        Assert.Contains("(malformed_kid)", skipped.Message);
        Assert.DoesNotContain("evil", skipped.Message);
        h.AssertNeverYielded(JwksTestKeys.Modulus(JwksTestKeys.B));
    }

    [Fact]
    public async Task A_key_with_a_duplicated_member_is_skipped()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        string good = JwksTestKeys.Jwk(JwksTestKeys.A, "a").ToJsonString();
        // Two "n" members: which one a parser keeps is ambiguous, so the key is not used at all.
        string ambiguous = JwksTestKeys.Jwk(JwksTestKeys.B, "b").ToJsonString().TrimEnd('}') + ",\"n\":\"" + JwksTestKeys.B64(JwksTestKeys.Modulus(JwksTestKeys.C)) + "\"}";
        h.Server.Serve($"{{\"keys\":[{good},{ambiguous}]}}");

        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        Trust.NoKey(await h.GetAsync("b"), SigningKeyStatus.UnknownKey);
        Assert.Contains("(duplicate_member)", Assert.Single(h.Logs.WithEvent(2003)).Message);
        h.AssertNeverYielded(JwksTestKeys.Modulus(JwksTestKeys.B), JwksTestKeys.Modulus(JwksTestKeys.C));
    }

    [Fact]
    public async Task Optional_members_may_be_absent_and_key_ops_verify_is_accepted()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        JsonObject bare = JwksTestKeys.Jwk(JwksTestKeys.A, "bare");
        bare.Remove("use");
        bare.Remove("alg");
        JsonObject ops = JwksTestKeys.Jwk(JwksTestKeys.B, "ops");
        ops["key_ops"] = new JsonArray("verify");
        JsonObject extras = JwksTestKeys.Jwk(JwksTestKeys.C, "extras");
        extras["x5t"] = "ignored";
        extras["ext"] = true;
        h.Server.Serve(JwksTestKeys.Jwks(bare, ops, extras));

        Trust.IsKey(await h.GetAsync("bare"), JwksTestKeys.A);
        Trust.IsKey(await h.GetAsync("ops"), JwksTestKeys.B);
        Trust.IsKey(await h.GetAsync("extras"), JwksTestKeys.C);
        Assert.Empty(h.Logs.WithEvent(2003));
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(2049)]
    [InlineData(3072)]
    [InlineData(4096)]
    public async Task Moduli_of_2048_to_4096_bits_are_accepted(int bits)
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.SyntheticJwk(bits, "k", out byte[] modulus)));

        SigningKeyLookup lookup = await h.GetAsync("k");
        Assert.Equal(SigningKeyStatus.Found, lookup.Status);
        Assert.Equal(modulus, lookup.Key!.ExportParameters(false).Modulus);
        Assert.Equal(bits, lookup.Key.KeySize);
    }

    [Fact]
    public async Task Two_usable_keys_sharing_a_kid_are_both_skipped_and_the_rest_of_the_set_stands()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "k"), JwksTestKeys.Jwk(JwksTestKeys.B, "k"), JwksTestKeys.Jwk(JwksTestKeys.C, "c")));

        Trust.IsKey(await h.GetAsync("c"), JwksTestKeys.C);
        Trust.NoKey(await h.GetAsync("k"), SigningKeyStatus.UnknownKey);
        Assert.Empty(h.Logs.WithEvent(2004));
        IReadOnlyList<CapturingLoggerFactory.LogEntry> skipped = h.Logs.WithEvent(2003);
        Assert.Equal(2, skipped.Count);
        Assert.All(skipped, e =>
        {
            Assert.Contains("key k skipped (duplicate_kid)", e.Message);
            Assert.Contains("\"k\"", e.Message);
        });
        h.AssertNeverFound("k");
        h.AssertNeverYielded(JwksTestKeys.Modulus(JwksTestKeys.A), JwksTestKeys.Modulus(JwksTestKeys.B));
    }

    [Fact]
    public async Task Identical_twins_are_skipped_too()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        JsonObject bare = JwksTestKeys.Jwk(JwksTestKeys.A, "k");
        bare.Remove("alg");
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "k"), bare, JwksTestKeys.Jwk(JwksTestKeys.C, "c")));

        Trust.IsKey(await h.GetAsync("c"), JwksTestKeys.C);
        Trust.NoKey(await h.GetAsync("k"), SigningKeyStatus.UnknownKey);
        Assert.Equal(2, h.Logs.WithEvent(2003).Count(e => e.Message.Contains("(duplicate_kid)")));
        h.AssertNeverFound("k");
    }

    [Fact]
    public async Task A_set_of_twins_only_is_refused_and_the_detail_says_why()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "k"), JwksTestKeys.Jwk(JwksTestKeys.B, "k")));

        SigningKeyLookup lookup = await h.GetAsync("k");
        Trust.NoKey(lookup, SigningKeyStatus.KeysUnavailable);
        Assert.Contains("refused (no_usable_keys)", lookup.Detail);
        Assert.Contains("duplicate_kid: 2", lookup.Detail);
        Assert.Contains("(no_usable_keys)", Assert.Single(h.Logs.WithEvent(2004)).Message);
        h.AssertNeverFound("k");
    }

    [Fact]
    public async Task Twins_in_a_new_set_do_not_keep_the_old_key_of_that_kid()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), JwksTestKeys.Jwk(JwksTestKeys.B, "b")));
        Trust.IsKey(await h.GetAsync("b"), JwksTestKeys.B);

        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), JwksTestKeys.Jwk(JwksTestKeys.B, "b"), JwksTestKeys.Jwk(JwksTestKeys.C, "b")));
        h.Time.Advance(TimeSpan.FromMinutes(10));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);   // stale: answered at once, refresh in the background
        await h.SettleAsync();

        Assert.Equal(2, h.Server.Fetches);
        Assert.Equal(2, h.Source.KeySetVersion);
        Trust.NoKey(await h.GetAsync("b"), SigningKeyStatus.UnknownKey);
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        h.AssertNeverYielded(JwksTestKeys.Modulus(JwksTestKeys.C));
    }

    [Fact]
    public async Task A_usable_key_beside_skipped_entries_with_its_kid_is_installed()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        JsonObject enc = JwksTestKeys.Jwk(JwksTestKeys.B, "k");
        enc["use"] = "enc";
        enc["alg"] = "RSA-OAEP";
        JsonObject weak = JwksTestKeys.Jwk(JwksTestKeys.Weak1024, "k");
        h.Server.Serve(JwksTestKeys.Jwks(enc, JwksTestKeys.Jwk(JwksTestKeys.A, "k"), weak));

        Trust.IsKey(await h.GetAsync("k"), JwksTestKeys.A);
        Assert.Empty(h.Logs.WithEvent(2004));
        Assert.Equal(2, h.Logs.WithEvent(2003).Count);
        h.AssertNeverYielded(JwksTestKeys.Modulus(JwksTestKeys.B), JwksTestKeys.Modulus(JwksTestKeys.Weak1024));
    }

    [Fact]
    public async Task A_set_with_no_acceptable_key_counts_as_a_failed_fetch()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);

        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.Weak1024, "weak"), BadKey("ec", "ec", out _)));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        SigningKeyLookup weak = await h.GetAsync("weak");
        Trust.NoKey(weak, SigningKeyStatus.UnknownKey);
        Assert.Contains("did not replace it", weak.Detail);
        Assert.Contains("refused (no_usable_keys)", weak.Detail);
        Assert.Contains("key_size: 1, unsupported_kty: 1", weak.Detail);

        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        Assert.Equal(1, h.Source.KeySetVersion);
        Assert.Contains("(no_usable_keys)", Assert.Single(h.Logs.WithEvent(2004)).Message);
        Assert.Equal(2, h.Logs.WithEvent(2003).Count);
        h.AssertNeverYielded(JwksTestKeys.Modulus(JwksTestKeys.Weak1024));
    }

    /// <summary>A JWK that breaks exactly one rule (kid "bad" unless the variant is about the kid).</summary>
    private static JsonNode BadKey(string variant, string kid, out byte[]? modulus)
    {
        JsonObject jwk = JwksTestKeys.Jwk(JwksTestKeys.B, kid);
        modulus = JwksTestKeys.Modulus(JwksTestKeys.B);
        RSAParameters priv = JwksTestKeys.B.ExportParameters(true);
        switch (variant)
        {
            case "ec":
                modulus = null;
                using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    ECParameters p = ec.ExportParameters(false);
                    return new JsonObject { ["kty"] = "EC", ["kid"] = kid, ["crv"] = "P-256", ["x"] = JwksTestKeys.B64(p.Q.X!), ["y"] = JwksTestKeys.B64(p.Q.Y!), ["use"] = "sig" };
                }

            case "oct":
                modulus = null;
                return new JsonObject { ["kty"] = "oct", ["kid"] = kid, ["k"] = JwksTestKeys.B64(RandomNumberGenerator.GetBytes(32)), ["alg"] = "HS256" };
            case "kty-lowercase":
                jwk["kty"] = "rsa";
                break;
            case "kty-missing":
                jwk.Remove("kty");
                break;
            case "rsa-1024":
                jwk = JwksTestKeys.Jwk(JwksTestKeys.Weak1024, kid);
                modulus = JwksTestKeys.Modulus(JwksTestKeys.Weak1024);
                break;
            case "rsa-4097":
                jwk = JwksTestKeys.SyntheticJwk(4097, kid, out byte[] big);
                modulus = big;
                break;
            case "e-3":
                jwk["e"] = "Aw";
                break;
            case "e-leading-zero":
                jwk["e"] = JwksTestKeys.B64([0, 1, 0, 1]);
                break;
            case "e-missing":
                jwk.Remove("e");
                break;
            case "use-enc":
                jwk["use"] = "enc";
                break;
            case "use-number":
                jwk["use"] = 1;
                break;
            case "alg-RS512":
                jwk["alg"] = "RS512";
                break;
            case "alg-none":
                jwk["alg"] = "none";
                break;
            case "alg-PS256":
                jwk["alg"] = "PS256";
                break;
            case "key_ops-sign":
                jwk["key_ops"] = new JsonArray("sign");
                break;
            case "key_ops-string":
                jwk["key_ops"] = "verify";
                break;
            case "key_ops-empty":
                jwk["key_ops"] = new JsonArray();
                break;
            case "private-d":
                jwk["d"] = JwksTestKeys.B64(priv.D!);
                break;
            case "private-p":
                jwk["p"] = JwksTestKeys.B64(priv.P!);
                break;
            case "private-oth":
                jwk["oth"] = new JsonArray();
                break;
            case "n-mixed-alphabets":
                jwk["n"] = WithBothAlphabets(modulus);
                break;
            case "n-whitespace":
                string spaced = JwksTestKeys.B64(modulus);
                jwk["n"] = spaced.Substring(0, 100) + "\n" + spaced.Substring(100);
                break;
            case "n-wrong-padding":
                // 256 bytes need two padding characters in standard base64; one is neither spelling.
                jwk["n"] = Convert.ToBase64String(modulus).TrimEnd('=') + "=";
                break;
            case "n-padding-inside":
                string padded = Convert.ToBase64String(modulus);
                jwk["n"] = padded.Substring(0, 8) + "=" + padded.Substring(9);
                break;
            case "n-trailing-bits":
                // 256 bytes end in a two-character group whose last character carries 4 unused bits: set one.
                string exact = JwksTestKeys.B64(modulus);
                char last = exact[^1];
                jwk["n"] = exact.Substring(0, exact.Length - 1) + (char)(last + 1);
                break;
            case "n-zero":
                jwk["n"] = "AAAA";
                break;
            case "e-base64-garbage":
                jwk["e"] = "AQ*B";
                break;
            case "roca":
                jwk["n"] = JwksTestKeys.B64(RocaModuli.Fingerprinted(2048));
                modulus = null;
                break;
            case "n-even":
                byte[] even = (byte[])modulus.Clone();
                even[^1] &= 0xFE;
                jwk["n"] = JwksTestKeys.B64(even);
                modulus = even;
                break;
            case "n-number":
                jwk["n"] = 12345;
                break;
            case "n-missing":
                jwk.Remove("n");
                break;
            case "kid-missing":
                jwk.Remove("kid");
                break;
            case "kid-number":
                jwk["kid"] = 7;
                break;
            case "not-an-object":
                modulus = null;
                return JsonValue.Create("RSA")!;
            default:
                throw new ArgumentOutOfRangeException(nameof(variant), variant, null);
        }

        return jwk;
    }

    /// <summary>The modulus in base64url with its first two characters replaced by '+' and '_', so one string holds both alphabets.</summary>
    private static string WithBothAlphabets(byte[] modulus) => "+_" + JwksTestKeys.B64(modulus).Substring(2);
}
