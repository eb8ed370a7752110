using Microsoft.Extensions.Time.Testing;
using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>The refresh of an installed set comes at a random point of the last fifth of its cache age, never later.</summary>
public class JwksRefreshJitterTests
{
    [Theory]
    [InlineData(null, 0.0, 600)]
    [InlineData(null, 0.5, 540)]
    [InlineData(null, 1.0, 480)]
    [InlineData("max-age=60", 1.0, 48)]
    [InlineData("max-age=300", 0.25, 285)]
    public async Task The_refresh_comes_at_the_drawn_point_inside_the_cache_age(string? cacheControl, double draw, int freshSeconds)
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Source.RefreshRandom = () => draw;
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")), cacheControl);
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        Assert.Equal(freshSeconds, (int)Math.Round(h.Source.GetStatus().FreshFor!.Value.TotalSeconds));

        h.Time.Advance(TimeSpan.FromSeconds(freshSeconds - 1));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        await h.SettleAsync();
        Assert.Equal(1, h.Server.Fetches);

        h.Time.Advance(TimeSpan.FromSeconds(1));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        await h.SettleAsync();
        Assert.Equal(2, h.Server.Fetches);
    }

    [Fact]
    public async Task A_fleet_started_together_spreads_its_refreshes_over_the_last_fifth_of_the_cache_age()
    {
        await using JwksTestServer server = await JwksTestServer.StartAsync();
        server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        var time = new FakeTimeProvider(JwksHarness.Start);
        var fleet = Enumerable.Range(0, 20)
            .Select(_ => new JwksKeySource(server.JwksUri, new JwksKeySourceOptions { TimeProvider = time }))
            .ToList();
        try
        {
            foreach (JwksKeySource instance in fleet)
                Trust.IsKey(await instance.GetKeyAsync("a").AsTask().WaitAsync(JwksHarness.Patience), JwksTestKeys.A);

            TimeSpan[] refreshAt = fleet.Select(s => s.GetStatus().FreshFor!.Value).ToArray();
            Assert.All(refreshAt, t => Assert.InRange(t, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(10)));
            Assert.True(refreshAt.Distinct().Count() >= 15, "instances started together must not share one refresh time");
            Assert.True(refreshAt.Max() - refreshAt.Min() >= TimeSpan.FromSeconds(30), "the refresh times must spread over the window");
        }
        finally
        {
            fleet.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Draws_outside_zero_to_one_stay_inside_the_cache_age()
    {
        await using JwksHarness h = await JwksHarness.StartAsync();
        h.Source.RefreshRandom = () => double.NaN;
        h.Server.Serve(JwksTestKeys.Jwks(JwksTestKeys.Jwk(JwksTestKeys.A, "a")));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        Assert.Equal(TimeSpan.FromMinutes(10), h.Source.GetStatus().FreshFor);

        h.Source.RefreshRandom = () => 7;
        h.Time.Advance(TimeSpan.FromMinutes(10));
        Trust.IsKey(await h.GetAsync("a"), JwksTestKeys.A);
        await h.SettleAsync();
        Assert.Equal(TimeSpan.FromMinutes(8), h.Source.GetStatus().FreshFor);
    }
}
