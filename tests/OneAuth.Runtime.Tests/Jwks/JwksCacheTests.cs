using System.Security.Cryptography;
using System.Text;
using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>Caching, rotation, removal, cooldown and staleness, driven by a fake clock against a real server.</summary>
public class JwksCacheTests
{
    [Fact]
    public async Task A_rotated_in_key_is_accepted_after_one_refresh()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);

        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), JwksTestKeys.Jwk(JwksTestKeys.B, "b")));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Trust.IsKey(await h.GetAsync("b"), JwksTestKeys.B);
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);

        Assert.Equal(2, h.Server.Fetches);
        Assert.Equal(2, h.Source.KeySetVersion);
    }

    [Fact]
    public async Task An_unknown_kid_inside_the_cooldown_gets_UnknownKey_at_once_without_a_fetch()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), JwksTestKeys.Jwk(JwksTestKeys.B, "b")));

        h.Time.Advance(TimeSpan.FromSeconds(29));
        Trust.NoKey(Trust.Sync(h.Source.GetKeyAsync("b")), SigningKeyStatus.UnknownKey);
        Assert.Equal(1, h.Server.Fetches);
        Assert.Contains(h.Logs.WithEvent(2005), e => e.Message.Contains("kid b") && e.Level == Microsoft.Extensions.Logging.LogLevel.Debug);

        h.Time.Advance(TimeSpan.FromSeconds(1));
        Trust.IsKey(await h.GetAsync("b"), JwksTestKeys.B);
        Assert.Equal(2, h.Server.Fetches);
    }

    [Fact]
    public async Task A_removed_key_stops_validating_as_soon_as_the_new_set_is_installed()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), JwksTestKeys.Jwk(JwksTestKeys.B, "b")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        Trust.IsKey(await h.GetAsync("b"), JwksTestKeys.B);

        // "a" is revoked; a token with a new kid triggers the refresh that installs the set without it.
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.B, "b"), JwksTestKeys.Jwk(JwksTestKeys.C, "c")));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Trust.IsKey(await h.GetAsync("c"), JwksTestKeys.C);

        Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.UnknownKey);
        Trust.IsKey(await h.GetAsync("b"), JwksTestKeys.B);

        // And it stays gone: later failures never bring the old set back.
        h.Server.ServeStatus(500);
        for (int i = 0; i < 10; i++)
        {
            h.Time.Advance(TimeSpan.FromMinutes(5));
            Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.UnknownKey);
            await h.SettleAsync();
        }

        Trust.IsKey(await h.GetAsync("b"), JwksTestKeys.B);
    }

    [Fact]
    public async Task A_removed_key_stops_validating_after_a_background_refresh_of_an_expired_set()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), JwksTestKeys.Jwk(JwksTestKeys.B, "b")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);

        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.B, "b")));
        h.Time.Advance(TimeSpan.FromMinutes(10));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);   // stale-while-revalidate: served while the refresh runs
        await h.SettleAsync();

        Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.UnknownKey);
        Trust.IsKey(await h.GetAsync("b"), JwksTestKeys.B);
        Assert.Equal(2, h.Server.Fetches);
        Assert.Equal(2, h.Source.KeySetVersion);
    }

    [Fact]
    public async Task A_flood_of_random_kids_causes_at_most_one_fetch_per_cooldown()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);

        var windowsWithFetch = 0;
        for (int second = 10; second <= 300; second += 10)
        {
            h.Time.Advance(TimeSpan.FromSeconds(10));
            int before = h.Server.Fetches;
            SigningKeyLookup[] results = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => Task.Run(() => h.GetAsync(RandomKid()))));
            Assert.All(results, r => Trust.NoKey(r, SigningKeyStatus.UnknownKey));
            int fetched = h.Server.Fetches - before;
            Assert.True(fetched <= 1, $"{fetched} fetches at t={second}s");
            if (fetched == 1)
            {
                Assert.Equal(0, second % 30);
                windowsWithFetch++;
            }
        }

        // 15 000 unknown kids over 300 s: the initial fetch plus one per elapsed 30 s cooldown, never more.
        Assert.Equal(10, windowsWithFetch);
        Assert.Equal(11, h.Server.Fetches);
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        Assert.NotEmpty(h.Logs.WithEvent(2005));
    }

    [Fact]
    public async Task Malformed_kids_never_cause_a_fetch()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        string[] malformed = ["", "has space", "tab\t", "caf\u00e9", new string('k', KeyIds.MaxLength + 1), "nul\0"];

        foreach (string kid in malformed)
        {
            Trust.NoKey(Trust.Sync(h.Source.GetKeyAsync(kid)), SigningKeyStatus.UnknownKey);
        }

        Assert.Equal(0, h.Server.Fetches);   // not even the cold-start fetch

        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        h.Time.Advance(TimeSpan.FromHours(1));
        foreach (string kid in malformed)
            Trust.NoKey(await h.GetAsync(kid), SigningKeyStatus.UnknownKey);
        Assert.Equal(1, h.Server.Fetches);
    }

    [Theory]
    [InlineData(null, 600)]
    [InlineData("max-age=5", 60)]
    [InlineData("public, max-age=120", 120)]
    [InlineData("max-age=600", 600)]
    [InlineData("max-age=3600", 600)]
    [InlineData("max-age=86400", 600)]
    [InlineData("no-store", 60)]
    [InlineData("no-cache", 60)]
    [InlineData("max-age=banana", 600)]
    public async Task Cache_control_max_age_is_clamped_and_capped_at_ten_minutes(string? cacheControl, int freshSeconds)
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")), cacheControl);
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);

        h.Time.Advance(TimeSpan.FromSeconds(freshSeconds - 1));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        await h.SettleAsync();
        Assert.Equal(1, h.Server.Fetches);   // still fresh: no refresh

        h.Time.Advance(TimeSpan.FromSeconds(1));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        await h.SettleAsync();
        Assert.Equal(2, h.Server.Fetches);   // no longer fresh: one background refresh
        Assert.Equal(1, h.Source.KeySetVersion);   // same keys: same version
    }

    [Fact]
    public async Task An_expired_set_answers_at_once_while_the_refresh_hangs()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        await h.Server.WaitForRequestAsync();

        h.Server.Hang();
        h.Time.Advance(TimeSpan.FromMinutes(11));
        for (int i = 0; i < 100; i++)
        {
            Trust.IsKey(Trust.Sync(h.Source.GetKeyAsync("a")), JwksTestKeys.A);
        }

        await h.Server.WaitForRequestAsync();
        Assert.Equal(2, h.Server.Fetches);
        h.Time.Advance(TimeSpan.FromSeconds(5));
        await h.SettleAsync();
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
    }

    [Fact]
    public async Task During_an_outage_the_last_good_set_serves_for_24_hours_then_keys_are_unavailable()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        h.Server.ServeStatus(503);

        // 23 h 59 min 59 s of outage: every lookup is answered from the old set; fetches stay one per cooldown.
        TimeSpan elapsed = TimeSpan.Zero;
        TimeSpan step = TimeSpan.FromMinutes(7);
        while (elapsed + step < TimeSpan.FromHours(24))
        {
            h.Time.Advance(step);
            elapsed += step;
            Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
            await h.SettleAsync();
        }

        h.Time.Advance(TimeSpan.FromHours(24) - elapsed - TimeSpan.FromSeconds(1));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        await h.SettleAsync();
        int fetchesBefore = h.Server.Fetches;
        Assert.True(fetchesBefore <= 1 + (24 * 60 * 2), $"{fetchesBefore} fetches");

        h.Time.Advance(TimeSpan.FromSeconds(1));
        Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.KeysUnavailable);
        Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.KeysUnavailable);
        Assert.Single(h.Logs.WithEvent(2006));
        h.Time.Advance(TimeSpan.FromHours(3));
        Trust.NoKey(await h.GetAsync("a"), SigningKeyStatus.KeysUnavailable);

        // Recovery: the next fetch allowed by the cooldown installs a fresh set.
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_set_and_its_version_and_an_identical_set_keeps_its_key_objects()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        SigningKeyLookup first = await h.GetAsync("a");
        Trust.IsKey(first, JwksTestKeys.A);

        h.Server.ServeStatus(500);
        h.Time.Advance(TimeSpan.FromMinutes(10));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        await h.SettleAsync();
        Assert.Equal(1, h.Source.KeySetVersion);

        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        await h.SettleAsync();
        Assert.Equal(3, h.Server.Fetches);
        Assert.Equal(1, h.Source.KeySetVersion);
        SigningKeyLookup later = await h.GetAsync("a");
        Assert.Same(first.Key, later.Key);
        Assert.Equal(first.KeySetVersion, later.KeySetVersion);

        // The refreshed set is fresh again: no fetch for the next 10 minutes.
        h.Time.Advance(TimeSpan.FromMinutes(9));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        await h.SettleAsync();
        Assert.Equal(3, h.Server.Fetches);
    }

    [Fact]
    public async Task Replacing_a_key_under_the_same_kid_installs_a_new_version()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "k")));
        Trust.IsKey(await h.GetAsync("k"), JwksTestKeys.A);

        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.B, "k")));
        h.Time.Advance(TimeSpan.FromMinutes(10));
        await h.GetAsync("k");
        await h.SettleAsync();

        Trust.IsKey(await h.GetAsync("k"), JwksTestKeys.B);
        Assert.Equal(2, h.Source.KeySetVersion);
    }

    private static string RandomKid()
    {
        Span<byte> bytes = stackalloc byte[12];
        RandomNumberGenerator.Fill(bytes);
        return "r-" + Convert.ToHexString(bytes);
    }
}
