using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>The verifier's side of the contract: fast, allocation-free lookups and keys safe to share across threads.</summary>
[Collection(AllocationSensitive.Name)]
public class JwksConcurrencyTests
{
    [Fact]
    public async Task A_present_key_is_returned_synchronously_without_allocating()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), JwksTestKeys.Jwk(JwksTestKeys.B, "b")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);

        for (int i = 0; i < 100; i++)
            _ = h.Source.GetKeyAsync("b");   // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        int found = 0;
        for (int i = 0; i < 10_000; i++)
        {
            if (Probe(h.Source, (i & 1) == 0 ? "a" : "b"))
                found++;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(10_000, found);
        Assert.Equal(0, allocated);
    }

    /// <summary>True when the lookup completed synchronously with a key (no awaiting, so no state machine).</summary>
    private static bool Probe(JwksKeySource source, string kid)
    {
        ValueTask<SigningKeyLookup> lookup = source.GetKeyAsync(kid);
        return lookup.IsCompletedSuccessfully && lookup.Result.Status == SigningKeyStatus.Found;
    }

    [Fact]
    public async Task A_returned_key_verifies_correctly_from_many_threads_at_once()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        RSA shared = (await h.GetAsync("a")).Key!;

        byte[][] payloads = Enumerable.Range(0, 64).Select(i => RandomNumberGenerator.GetBytes(32 + i)).ToArray();
        byte[][] good = payloads.Select(p => JwksTestKeys.A.SignData(p, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)).ToArray();
        byte[][] forged = payloads.Select(p => JwksTestKeys.B.SignData(p, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)).ToArray();

        int wrong = 0;
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            int k = i % payloads.Length;
            bool valid = i % 3 != 0;
            bool verified = shared.VerifyData(payloads[k], valid ? good[k] : forged[k], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            if (verified != valid)
                Interlocked.Increment(ref wrong);
        });

        Assert.Equal(0, wrong);
    }

    [Fact]
    public async Task The_meter_counts_fetches_by_result_and_skipped_keys_by_reason()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        var measurements = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, h.Source.Meter))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measurements)
                measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        });
        listener.Start();

        System.Text.Json.Nodes.JsonObject weak = JwksTestKeys.Jwk(JwksTestKeys.Weak1024, "weak");
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), weak));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        Trust.NoKey(await h.GetAsync("weak"), SigningKeyStatus.UnknownKey);   // throttled: inside the cooldown
        h.Server.ServeStatus(500);
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Trust.NoKey(await h.GetAsync("other"), SigningKeyStatus.UnknownKey);

        Assert.Equal("OneAuth.Jwks", h.Source.Meter.Name);
        lock (measurements)
        {
            Assert.Contains(measurements, m => m.Instrument == "oneauth.jwks.fetches" && (string?)m.Tags["result"] == "ok");
            Assert.Contains(measurements, m => m.Instrument == "oneauth.jwks.fetches" && (string?)m.Tags["result"] == "failed" && (string?)m.Tags["reason"] == "status");
            Assert.Contains(measurements, m => m.Instrument == "oneauth.jwks.keys_skipped" && (string?)m.Tags["reason"] == "key_size");
            Assert.Single(measurements, m => m.Instrument == "oneauth.jwks.refreshes_throttled");
            Assert.Equal(2, measurements.Count(m => m.Instrument == "oneauth.jwks.fetches"));
        }
    }

    [Fact]
    public async Task Logs_carry_stable_event_ids_and_never_key_material()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        RSAParameters priv = JwksTestKeys.B.ExportParameters(true);
        System.Text.Json.Nodes.JsonObject leaked = JwksTestKeys.Jwk(JwksTestKeys.B, "leaked");
        leaked["d"] = JwksTestKeys.B64(priv.D!);
        leaked["p"] = JwksTestKeys.B64(priv.P!);
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), leaked, JwksTestKeys.Jwk(JwksTestKeys.Weak1024, "weak")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        h.Server.Serve("{\"keys\":[" + JwksTestKeys.Jwk(JwksTestKeys.C, "c").ToJsonString() + "," + JwksTestKeys.Jwk(JwksTestKeys.C, "c").ToJsonString() + "]}");
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Trust.NoKey(await h.GetAsync("c"), SigningKeyStatus.UnknownKey);
        h.AssertNeverYielded(JwksTestKeys.Modulus(JwksTestKeys.B), JwksTestKeys.Modulus(JwksTestKeys.C), JwksTestKeys.Modulus(JwksTestKeys.Weak1024));

        Assert.Single(h.Logs.WithEvent(2001));
        Assert.Equal(4, h.Logs.WithEvent(2003).Count);   // leaked and weak; then both twins "c"
        Assert.Single(h.Logs.WithEvent(2004));
        Assert.All(h.Logs.Entries, e => Assert.Equal("OneAuth.Keys.JwksKeySource", e.Category));
        Assert.Equal("JwksKeySkipped", h.Logs.WithEvent(2003)[0].EventId.Name);

        string[] secrets =
        [
            JwksTestKeys.B64(priv.D!), JwksTestKeys.B64(priv.P!),
            JwksTestKeys.B64(JwksTestKeys.Modulus(JwksTestKeys.A))[..32], JwksTestKeys.B64(JwksTestKeys.Modulus(JwksTestKeys.B))[..32],
            JwksTestKeys.B64(JwksTestKeys.Modulus(JwksTestKeys.C))[..32], JwksTestKeys.B64(JwksTestKeys.Modulus(JwksTestKeys.Weak1024))[..32],
        ];
        foreach (CapturingLoggerFactory.LogEntry entry in h.Logs.Entries)
        {
            string text = entry.Message + entry.Exception;
            Assert.DoesNotContain(secrets, s => text.Contains(s, StringComparison.Ordinal));
        }
    }
}
