using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>
/// Key sets shaped like those real identity providers publish, built from our own keys: every RS256 signature key
/// is installed and verifies, everything else is skipped with its reason, and a refused set says why.
/// </summary>
public class JwksKeySetShapesTests
{
    [Fact]
    public async Task A_signing_key_beside_encryption_twins_is_installed()
    {
        // ForgeRock AM: the RS256 signing key under its own kid, one encryption key three times under one kid.
        await using JwksHarness h = await JwksHarness.StartAsync();
        var entries = new List<JsonNode> { JwksTestKeys.Jwk(JwksTestKeys.A, "sig-key") };
        foreach (string alg in new[] { "RSA-OAEP", "RSA-OAEP-256", "RSA1_5" })
        {
            JsonObject enc = JwksTestKeys.Jwk(JwksTestKeys.B, "enc-key");
            enc["use"] = "enc";
            enc["alg"] = alg;
            entries.Add(enc);
        }

        h.Server.Serve(JwksTestKeys.Jwks(entries.ToArray()));

        Trust.IsKey(await h.GetAsync("sig-key"), JwksTestKeys.A);
        Trust.NoKey(await h.GetAsync("enc-key"), SigningKeyStatus.UnknownKey);
        Assert.Empty(h.Logs.WithEvent(2004));
        IReadOnlyList<CapturingLoggerFactory.LogEntry> skipped = h.Logs.WithEvent(2003);
        Assert.Equal(3, skipped.Count);
        Assert.All(skipped, e => Assert.Contains("key enc-key skipped (wrong_use)", e.Message));
        h.AssertNeverYielded(JwksTestKeys.Modulus(JwksTestKeys.B));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_signing_and_an_encryption_key_sharing_one_kid_install_the_signing_key(bool signingFirst)
    {
        // Keycloak: "sig" and "enc" RSA keys published under the same kid.
        await using JwksHarness h = await JwksHarness.StartAsync();
        JsonObject sig = JwksTestKeys.Jwk(JwksTestKeys.A, "realm-key");
        JsonObject enc = JwksTestKeys.Jwk(JwksTestKeys.B, "realm-key");
        enc["use"] = "enc";
        enc["alg"] = "RSA-OAEP";
        h.Server.Serve(signingFirst ? JwksTestKeys.Jwks(sig, enc) : JwksTestKeys.Jwks(enc, sig));

        Trust.IsKey(await h.GetAsync("realm-key"), JwksTestKeys.A);
        Assert.Contains("(wrong_use)", Assert.Single(h.Logs.WithEvent(2003)).Message);
        h.AssertNeverYielded(JwksTestKeys.Modulus(JwksTestKeys.B));
    }

    [Fact]
    public async Task A_modulus_written_with_a_leading_zero_byte_is_installed()
    {
        // PayPal: n carries the 0x00 an ASN.1 INTEGER needs for a positive number with its top bit set.
        await using JwksHarness h = await JwksHarness.StartAsync();
        JsonObject padded = JwksTestKeys.Jwk(JwksTestKeys.A, "zero");
        padded["n"] = JwksTestKeys.B64([0, .. JwksTestKeys.Modulus(JwksTestKeys.A)]);
        h.Server.Serve(JwksTestKeys.Jwks(padded, JwksTestKeys.Jwk(JwksTestKeys.B, "plain")));

        SigningKeyLookup lookup = await h.GetAsync("zero");
        Trust.IsKey(lookup, JwksTestKeys.A);
        Assert.Equal(2048, lookup.Key!.KeySize);
        Trust.IsKey(await h.GetAsync("plain"), JwksTestKeys.B);
        Assert.Empty(h.Logs.WithEvent(2003));
    }

    [Fact]
    public async Task Members_in_standard_base64_with_padding_are_installed()
    {
        // Battle.net: n in standard base64 ('+', '/', '=' padding).
        await using JwksHarness h = await JwksHarness.StartAsync();
        RSA key = KeyWithStandardOnlyCharacters();
        JsonObject standard = JwksTestKeys.Jwk(key, "std");
        standard["n"] = Convert.ToBase64String(JwksTestKeys.Modulus(key));
        standard["e"] = Convert.ToBase64String([1, 0, 1]);
        Assert.EndsWith("=", (string)standard["n"]!);
        h.Server.Serve(JwksTestKeys.Jwks(standard));

        Trust.IsKey(await h.GetAsync("std"), key);
        Assert.Empty(h.Logs.WithEvent(2003));
    }

    [Fact]
    public async Task A_set_of_1024_bit_keys_is_refused_for_their_size_and_the_detail_says_so()
    {
        // Yahoo's old set: 1024-bit RS256 keys, nothing else.
        await using JwksHarness h = await JwksHarness.StartAsync();
        JsonObject second = JwksTestKeys.Jwk(JwksTestKeys.Weak1024, "old-2");
        second["n"] = Convert.ToBase64String(JwksTestKeys.Modulus(JwksTestKeys.Weak1024));   // the encoding is not the problem
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.Weak1024, "old-1"), second));

        SigningKeyLookup lookup = await h.GetAsync("old-1");
        Trust.NoKey(lookup, SigningKeyStatus.KeysUnavailable);
        Assert.Contains("(no_usable_keys)", lookup.Detail);
        Assert.Contains("key_size: 2", lookup.Detail);
        Assert.DoesNotContain("No key set could be fetched", lookup.Detail);
        Assert.All(h.Logs.WithEvent(2003), e => Assert.Contains("(key_size)", e.Message));
        Assert.Equal(2, h.Logs.WithEvent(2003).Count);
        Assert.Contains("(no_usable_keys)", Assert.Single(h.Logs.WithEvent(2004)).Message);
        h.AssertNeverYielded(JwksTestKeys.Modulus(JwksTestKeys.Weak1024));
    }

    [Fact]
    public async Task A_set_without_RSA_keys_is_refused_and_the_detail_names_the_key_type()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ECParameters p = ec.ExportParameters(false);
        h.Server.Serve(JwksTestKeys.Jwks(new JsonObject { ["kty"] = "EC", ["kid"] = "ec", ["crv"] = "P-256", ["alg"] = "ES256", ["x"] = JwksTestKeys.B64(p.Q.X!), ["y"] = JwksTestKeys.B64(p.Q.Y!) }));

        SigningKeyLookup lookup = await h.GetAsync("ec");
        Trust.NoKey(lookup, SigningKeyStatus.KeysUnavailable);
        Assert.Contains("(no_usable_keys)", lookup.Detail);
        Assert.Contains("unsupported_kty: 1", lookup.Detail);
    }

    [Fact]
    public async Task A_ROCA_key_is_skipped_as_weak_and_counted_by_reason()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        var reasons = new List<string?>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, h.Source.Meter) && instrument.Name == "oneauth.jwks.keys_skipped")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (reasons)
                reasons.Add((string?)tags.ToArray().Single(t => t.Key == "reason").Value);
        });
        listener.Start();

        byte[] roca = RocaModuli.Fingerprinted(2048);
        JsonObject weak = JwksTestKeys.SyntheticJwk(2048, "roca", out _);
        weak["n"] = JwksTestKeys.B64(roca);
        h.Server.Serve(JwksTestKeys.Jwks(weak, JwksTestKeys.Jwk(JwksTestKeys.A, "a"), JwksTestKeys.Jwk(JwksTestKeys.B, "t"), JwksTestKeys.Jwk(JwksTestKeys.C, "t")));

        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        Trust.NoKey(await h.GetAsync("roca"), SigningKeyStatus.UnknownKey);
        Assert.Contains(h.Logs.WithEvent(2003), e => e.Message.Contains("key roca skipped (weak_key)") && e.Message.Contains("CVE-2017-15361"));
        lock (reasons)
            Assert.Equal(new[] { "duplicate_kid", "duplicate_kid", "weak_key" }, reasons.Order(StringComparer.Ordinal));
        h.AssertNeverYielded(roca);
    }

    [Fact]
    public async Task A_failed_fetch_says_why_in_the_detail()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.ServeStatus(503);

        SigningKeyLookup first = await h.GetAsync("a");
        Trust.NoKey(first, SigningKeyStatus.KeysUnavailable);
        Assert.Contains("failed (status)", first.Detail);
        Assert.Contains("503", first.Detail);

        // Inside the cooldown the same reason is given, without a fetch, as the same string each time.
        SigningKeyLookup throttled = await h.GetAsync("a");
        SigningKeyLookup again = await h.GetAsync("b");
        Assert.Contains("503", throttled.Detail);
        Assert.Contains("cooldown", throttled.Detail);
        Assert.Same(throttled.Detail, again.Detail);
        Assert.Equal(1, h.Server.Fetches);

        // A success clears it.
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
    }

    /// <summary>Key A, B or C, whichever modulus needs '+' or '/' in standard base64 (practically always the first).</summary>
    private static RSA KeyWithStandardOnlyCharacters()
    {
        foreach (RSA key in new[] { JwksTestKeys.A, JwksTestKeys.B, JwksTestKeys.C })
        {
            string text = Convert.ToBase64String(JwksTestKeys.Modulus(key));
            if (text.Contains('+') || text.Contains('/'))
                return key;
        }

        throw new InvalidOperationException("no test key has '+' or '/' in its standard base64 modulus");
    }
}
