using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OneAuth.Keys;
using Xunit;
using Minter = OneAuth.Runtime.Tests.Validation.TokenMinter;
using VerifierTestKeys = OneAuth.Runtime.Tests.Validation.VerifierTestKeys;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>
/// A random-kid flood: the byte-level key lookup the verifier uses, the lock-free cooldown answer, and what a flood
/// may cost (never more than one fetch per cooldown, no allocation).
/// </summary>
[Collection(AllocationSensitive.Name)]
public class JwksFloodTests
{
    private const string GoodKid = VerifierTestKeys.Kid;

    [Fact]
    public void The_byte_lookup_agrees_with_the_string_lookup_for_every_kid_shape()
    {
        // Every printable character in every position that matters, lengths 1 to the maximum.
        var kids = new List<string>();
        for (char c = '!'; c <= '~'; c++)
        {
            kids.Add(c.ToString());
            kids.Add("key-" + c);
            kids.Add(c + "-key");
        }

        for (int length = 1; length <= KeyIds.MaxLength; length++)
            kids.Add(string.Create(length, length, static (span, n) => { for (int i = 0; i < span.Length; i++) span[i] = (char)('!' + (i * 7 + n) % 94); }));

        kids = kids.Distinct(StringComparer.Ordinal).ToList();

        foreach (int size in new[] { 1, 2, 3, 5, 17, kids.Count })
        {
            Dictionary<string, JwksKey> installed = kids.Take(size).ToDictionary(k => k, _ => new JwksKey(RSA.Create(), Array.Empty<byte>()), StringComparer.Ordinal);
            var table = new KidTable(installed);

            foreach (string probe in kids.Concat(NearMisses(kids)))
            {
                Assert.True(KeyIds.IsWellFormed(probe) == KeyIds.IsWellFormedAscii(Encoding.ASCII.GetBytes(probe)), probe);
                bool inDictionary = installed.TryGetValue(probe, out JwksKey? expected);
                bool inTable = table.TryGetKey(Encoding.ASCII.GetBytes(probe), out RSA? found);
                Assert.True(inDictionary == inTable, $"'{probe}' in a set of {size}: dictionary {inDictionary}, table {inTable}");
                Assert.Same(expected?.Rsa, found);
            }

            foreach (JwksKey key in installed.Values)
                key.Rsa.Dispose();
        }
    }

    [Fact]
    public async Task TryGetKeyNow_answers_only_what_needs_no_fetch_and_agrees_with_GetKeyAsync()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), JwksTestKeys.Jwk(JwksTestKeys.B, "b")));

        // Nothing installed yet: the first lookup must go through the initial fetch.
        Assert.False(h.Source.TryGetKeyNow("a"u8, out _));
        Assert.Equal(0, h.Server.Fetches);
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);

        Assert.True(h.Source.TryGetKeyNow("b"u8, out SigningKeyLookup b));
        Assert.Same(Trust.Sync(h.Source.GetKeyAsync("b")).Key, b.Key);
        Trust.IsKey(b, JwksTestKeys.B);

        // Unknown inside the cooldown: the same answer as the string path, at once, without a fetch.
        h.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(h.Source.TryGetKeyNow("nope"u8, out SigningKeyLookup unknown));
        SigningKeyLookup viaString = Trust.Sync(h.Source.GetKeyAsync("nope"));
        Assert.Equal(SigningKeyStatus.UnknownKey, unknown.Status);
        Assert.Equal(viaString.Status, unknown.Status);
        Assert.Equal(viaString.Detail, unknown.Detail);
        Assert.Equal(viaString.KeySetVersion, unknown.KeySetVersion);
        Assert.Null(unknown.Key);
        Assert.Equal(1, h.Server.Fetches);

        // Malformed bytes are never answered here (the string path rejects them without a fetch).
        Assert.False(h.Source.TryGetKeyNow("has space"u8, out _));
        Assert.False(h.Source.TryGetKeyNow(ReadOnlySpan<byte>.Empty, out _));
        Assert.False(h.Source.TryGetKeyNow(new byte[KeyIds.MaxLength + 1], out _));

        // Past the cooldown an unknown kid may fetch: this path declines and starts nothing itself.
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(h.Source.TryGetKeyNow("c"u8, out _));
        Assert.Null(h.Source.InFlightRefresh);
        Assert.Equal(1, h.Server.Fetches);
        Assert.True(h.Source.TryGetKeyNow("a"u8, out SigningKeyLookup a));
        Trust.IsKey(a, JwksTestKeys.A);

        h.Source.Dispose();
        Assert.False(h.Source.TryGetKeyNow("a"u8, out _));
    }

    [Fact]
    public async Task TryGetKeyNow_sees_a_removed_key_gone_and_a_too_stale_set_unavailable()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), JwksTestKeys.Jwk(JwksTestKeys.B, "b")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);

        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.B, "b"), JwksTestKeys.Jwk(JwksTestKeys.C, "c")));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Trust.IsKey(await h.GetAsync("c"), JwksTestKeys.C);
        Assert.True(h.Source.TryGetKeyNow("a"u8, out SigningKeyLookup removed));
        Trust.NoKey(removed, SigningKeyStatus.UnknownKey);

        // Fetches fail from now on; a day later the set is too old to serve even for a kid it holds.
        h.Server.ServeStatus(500);
        h.Time.Advance(JwksLimits.MaxStaleness);
        Assert.False(h.Source.TryGetKeyNow("b"u8, out _));
        Trust.NoKey(await h.GetAsync("b"), SigningKeyStatus.KeysUnavailable);
        await h.SettleAsync();
        Assert.True(h.Source.TryGetKeyNow("b"u8, out SigningKeyLookup stale));
        Trust.NoKey(stale, SigningKeyStatus.KeysUnavailable);
    }

    [Fact]
    public async Task A_flood_of_10000_distinct_unknown_kids_after_the_cooldown_causes_exactly_one_fetch()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(Jwk(GoodKid)));
        var verifier = new AppTokenVerifier(
            new AppTokenPolicy(Minter.AppId, Minter.Audience, Minter.Issuer), h.Source,
            new AppTokenValidatorOptions { TimeProvider = new FakeTimeProvider(Minter.Now) });
        string valid = Minter.Valid();
        Assert.True((await verifier.ValidateAsync(valid)).IsValid);
        Assert.Equal(1, h.Server.Fetches);

        string[] flood = FloodTokens(10_000);
        h.Time.Advance(TimeSpan.FromSeconds(30));
        var rejected = new int[1];
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (int i = worker; i < flood.Length; i += 4)
            {
                AppTokenValidationResult result = await verifier.ValidateAsync(flood[i]).AsTask().WaitAsync(JwksHarness.Patience);
                Assert.Equal(AppTokenFailure.UnknownKey, result.Failure);
                Interlocked.Increment(ref rejected[0]);
            }
        })));
        await h.SettleAsync();

        Assert.Equal(flood.Length, rejected[0]);
        Assert.Equal(2, h.Server.Fetches);
        Assert.True((await verifier.ValidateAsync(valid)).IsValid);
    }

    [Fact]
    public async Task Flood_rejections_allocate_nothing_and_leave_the_valid_tokens_cost_unchanged()
    {
        await using JwksTestServer server = await JwksTestServer.StartAsync();
        server.Serve(JwksTestKeys.Jwks(Jwk(GoodKid)));
        var time = new FakeTimeProvider(JwksHarness.Start);
        using var source = new JwksKeySource(server.JwksUri, new JwksKeySourceOptions { TimeProvider = time });
        var verifier = new AppTokenVerifier(
            new AppTokenPolicy(Minter.AppId, Minter.Audience, Minter.Issuer), source,
            new AppTokenValidatorOptions { TimeProvider = new FakeTimeProvider(Minter.Now) });
        string valid = Minter.Valid();
        string[] flood = FloodTokens(64);
        Assert.True((await verifier.ValidateAsync(valid)).IsValid);
        foreach (string token in flood)
            Assert.Equal(AppTokenFailure.UnknownKey, (await verifier.ValidateAsync(token)).Failure);

        // Everything below completes synchronously on this thread, so its allocations are exact.
        long alone = Allocated(() => Assert.True(verifier.ValidateAsync(valid).Result.IsValid));
        long rejections = Allocated(() =>
        {
            foreach (string token in flood)
                Assert.False(verifier.ValidateAsync(token).Result.IsValid);
        });
        long interleaved = Allocated(() =>
        {
            for (int i = 0; i < 10; i++)
            {
                Assert.True(verifier.ValidateAsync(valid).Result.IsValid);
                for (int j = 0; j < 10; j++)
                    Assert.False(verifier.ValidateAsync(flood[i * 6 + j]).Result.IsValid);
            }
        });

        Assert.Equal(0, rejections);
        Assert.Equal(10 * alone, interleaved);
        Assert.Equal(1, server.Fetches);
    }

    /// <summary>Kids one edit away from each given one: longer, shorter, first or last character changed.</summary>
    private static IEnumerable<string> NearMisses(IEnumerable<string> kids)
    {
        foreach (string kid in kids)
        {
            yield return kid + "x";
            if (kid.Length > 1)
                yield return kid.Substring(0, kid.Length - 1);
            yield return kid.Substring(0, kid.Length - 1) + (kid[^1] == '~' ? '!' : (char)(kid[^1] + 1));
            yield return (kid[0] == '~' ? '!' : (char)(kid[0] + 1)) + kid.Substring(1);
        }
    }

    private static long Allocated(Action action)
    {
        action(); // the first run may still touch lazily built state
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static System.Text.Json.Nodes.JsonObject Jwk(string kid) => JwksTestKeys.Jwk(VerifierTestKeys.Primary, kid);

    /// <summary>Well-formed tokens naming distinct unknown kids, with a signature of a plausible length (never checked).</summary>
    private static string[] FloodTokens(int count)
    {
        string payload = Minter.Encode(Minter.Claims().ToJsonString());
        var signature = new byte[256];
        var random = new Random(42);
        var tokens = new string[count];
        for (int i = 0; i < count; i++)
        {
            random.NextBytes(signature);
            string header = Minter.Encode(Minter.Header(kid: "flood-" + i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture)).ToJsonString());
            tokens[i] = header + "." + payload + "." + Minter.Encode(signature);
        }

        return tokens;
    }
}

/// <summary>Tests that count allocations run alone: a metrics listener in a parallel test would allocate on their thread.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationSensitive
{
    public const string Name = "Allocation-sensitive";
}
