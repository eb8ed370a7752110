using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace OneAuth.Generated.Tests;

/// <summary>
/// The generated <c>AddHealthChecks().AddAppTokenKeys()</c> in a real ASP.NET Core app on 127.0.0.1, probing the key
/// source of the app's own validator against a real JWKS host, with a fake clock for ages.
/// </summary>
public sealed class KeySetHealthCheckTests : IClassFixture<JwksHost>, IAsyncLifetime
{
    private readonly JwksHost _host;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private WebApplication? _app;
    private HttpClient _client = null!;

    public KeySetHealthCheckTests(JwksHost host)
    {
        _host = host;
        _host.Status = 200;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
        _host.Status = 200;
    }

    [Fact]
    public async Task Healthy_once_the_first_key_set_is_installed()
    {
        await StartAsync();

        (HttpStatusCode status, string body) = await ProbeAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body);
    }

    [Fact]
    public async Task Degraded_after_a_failed_refresh_of_a_stale_set_then_Unhealthy_past_the_maximum_staleness()
    {
        await StartAsync();
        Assert.Equal("Healthy", (await ProbeAsync()).Body);

        _host.Status = 500;
        _time.Advance(TimeSpan.FromMinutes(11));
        (HttpStatusCode status, string body) = await ProbeAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", body);

        _time.Advance(TimeSpan.FromHours(24));
        (status, body) = await ProbeAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body);

        // The issuer is back: the next probe after the cooldown installs a fresh set again.
        _host.Status = 200;
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("Healthy", (await ProbeAsync()).Body);
    }

    [Fact]
    public async Task Unhealthy_when_no_key_set_was_ever_fetched_and_probes_never_exceed_the_refresh_cooldown()
    {
        _host.Status = 503;
        int before = _host.Fetches;
        await StartAsync();

        for (int i = 0; i < 5; i++)
        {
            (HttpStatusCode status, string body) = await ProbeAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("Unhealthy", body);
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        // The warm start at host start fetched once and failed; five probes within 25 s of fake time add no fetch,
        // as the key source's 30 s cooldown allows.
        Assert.Equal(1, _host.Fetches - before);
    }

    [Fact]
    public async Task The_report_names_the_state_and_counts_but_no_key_material()
    {
        await StartAsync();
        HttpResponseMessage response = await _client.GetAsync("/health/detail");
        string report = await response.Content.ReadAsStringAsync();

        Assert.Contains("oneauth-keys:Healthy:Fresh:1", report, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Issuer.CurrentKeyId, report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unhealthy_with_a_reason_when_no_validator_is_registered()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHealthChecks().AddAppTokenKeys("keys", new[] { "ready" });
        await using WebApplication app = builder.Build();
        app.MapHealthChecks("/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = r => r.Tags.Contains("ready") });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        HttpResponseMessage response = await client.GetAsync("/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private async Task StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // Health checks first: the check finds whichever validator the app registers, in any order.
        builder.Services.AddHealthChecks().AddAppTokenKeys();
        builder.Services.AddAuthentication().AddAppToken(o =>
        {
            o.JwksUri = _host.JwksUri;
            o.TimeProvider = _time;
        });
        _app = builder.Build();
        _app.MapHealthChecks("/health");
        _app.MapGet("/health/detail", async (Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService health) =>
        {
            var report = await health.CheckHealthAsync();
            return string.Join(";", report.Entries.Select(e =>
                e.Key + ":" + e.Value.Status + ":" + e.Value.Data["state"] + ":" + e.Value.Data["keys"] + ":" + e.Value.Description));
        });
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    private async Task<(HttpStatusCode Status, string Body)> ProbeAsync()
    {
        HttpResponseMessage response = await _client.GetAsync("/health");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
