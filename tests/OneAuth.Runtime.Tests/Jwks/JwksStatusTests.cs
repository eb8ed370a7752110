using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>The key set's status: what a health check reports, and the fetches asking for it may cause.</summary>
public class JwksStatusTests
{
    [Fact]
    public async Task Before_any_fetch_the_set_is_unavailable_and_GetStatus_fetches_nothing()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));

        KeySetStatus status = h.Source.GetStatus();

        Assert.Equal(KeySetState.Unavailable, status.State);
        Assert.Null(status.Age);
        Assert.Null(status.LastFailure);
        Assert.Equal(0, h.Server.Fetches);
        Assert.Contains("none has been fetched", status.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatusAsync_fetches_the_first_set_and_reports_it_fresh()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a"), JwksTestKeys.Jwk(JwksTestKeys.B, "b")));

        KeySetStatus status = await h.Source.GetStatusAsync().AsTask().WaitAsync(JwksHarness.Patience);

        Assert.Equal(KeySetState.Fresh, status.State);
        Assert.Equal(2, status.KeyCount);
        Assert.Equal(1, status.KeySetVersion);
        Assert.Equal(TimeSpan.Zero, status.Age);
        Assert.Equal(TimeSpan.FromMinutes(10), status.FreshFor);
        Assert.Equal(1, h.Server.Fetches);

        // Fresh: asking again fetches nothing.
        await h.Source.GetStatusAsync();
        Assert.Equal(1, h.Server.Fetches);
    }

    [Fact]
    public async Task A_set_past_its_cache_age_is_stale_until_a_refresh_succeeds()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);

        h.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(KeySetState.Stale, h.Source.GetStatus().State);

        KeySetStatus refreshed = await h.Source.GetStatusAsync().AsTask().WaitAsync(JwksHarness.Patience);
        Assert.Equal(KeySetState.Fresh, refreshed.State);
        Assert.Equal(2, h.Server.Fetches);
    }

    [Fact]
    public async Task A_failed_refresh_is_reported_with_its_reason_while_the_old_set_serves()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);

        h.Server.ServeStatus(500);
        h.Time.Advance(TimeSpan.FromMinutes(10));
        KeySetStatus status = await h.Source.GetStatusAsync().AsTask().WaitAsync(JwksHarness.Patience);

        Assert.Equal(KeySetState.RefreshFailed, status.State);
        Assert.Equal("status", status.LastFailure);
        Assert.Equal(1, status.KeyCount);
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
    }

    [Fact]
    public async Task A_refused_set_with_no_usable_key_leaves_the_source_unavailable_with_the_reason()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.Weak1024, "weak")));

        KeySetStatus status = await h.Source.GetStatusAsync().AsTask().WaitAsync(JwksHarness.Patience);

        Assert.Equal(KeySetState.Unavailable, status.State);
        Assert.NotNull(status.LastFailure);
        Assert.Contains("no fetch has succeeded", status.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_maximum_staleness_the_set_is_unavailable()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);

        h.Server.ServeStatus(503);
        h.Time.Advance(TimeSpan.FromHours(24));
        KeySetStatus status = await h.Source.GetStatusAsync().AsTask().WaitAsync(JwksHarness.Patience);

        Assert.Equal(KeySetState.Unavailable, status.State);
        Assert.Equal(TimeSpan.FromHours(24), status.Age);
        Assert.Contains("past the maximum staleness", status.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Polling_the_status_never_fetches_more_often_than_the_cooldown_allows()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Server.ServeStatus(500);

        for (int i = 0; i < 12; i++)
        {
            KeySetStatus status = await h.Source.GetStatusAsync().AsTask().WaitAsync(JwksHarness.Patience);
            Assert.Equal(KeySetState.Unavailable, status.State);
            h.Time.Advance(TimeSpan.FromSeconds(5));
        }

        // 12 polls over 60 s: fetches at 0 s, 30 s (and none in between).
        Assert.Equal(2, h.Server.Fetches);
    }

    [Fact]
    public async Task A_disposed_source_refuses_status_requests()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Source.Dispose();
        Assert.Throws<ObjectDisposedException>(() => h.Source.GetStatus());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => h.Source.GetStatusAsync().AsTask());
    }
}
