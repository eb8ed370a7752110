using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace OneAuth.Generated.Tests;

/// <summary>
/// What the generated registration does around the requests: settings checked before the host listens, keys loaded
/// as it starts, configuration keys, anonymous endpoints independent of the validator, and the scheme beside others.
/// </summary>
public sealed class HostingStartupTests : IClassFixture<JwksHost>
{
    private readonly JwksHost _host;

    public HostingStartupTests(JwksHost host) => _host = host;

    [Fact]
    public async Task A_second_scheme_beside_AddAppToken_keeps_protected_endpoints_working()
    {
        await using WebApplication app = await Start(builder => builder.Services
            .AddAuthentication()
            .AddJwtBearer("Partner", o => o.Authority = "https://partner.example.com")
            .AddAppToken(o => o.JwksUri = _host.JwksUri));
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        Assert.Equal(HttpStatusCode.OK, (await Get(client, "/me", _host.Issuer.MintToken("billing", "billing-api"))).StatusCode);
        HttpResponseMessage otherApp = await Get(client, "/me", _host.Issuer.MintToken("payments", "billing-api"));
        Assert.Equal(HttpStatusCode.Unauthorized, otherApp.StatusCode);
        Assert.Contains("WrongApp", otherApp.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(client, "/me", token: null)).StatusCode);
        Assert.Equal("AppToken", app.Services.GetRequiredService<IOptions<AuthenticationOptions>>().Value.DefaultScheme);
    }

    [Fact]
    public async Task A_default_scheme_the_application_chose_is_kept()
    {
        await using WebApplication app = await Start(builder => builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o => o.Authority = "https://partner.example.com")
            .AddAppToken(o => o.JwksUri = _host.JwksUri));

        Assert.Equal(JwtBearerDefaults.AuthenticationScheme, app.Services.GetRequiredService<IOptions<AuthenticationOptions>>().Value.DefaultScheme);
    }

    [Fact]
    public async Task The_host_does_not_start_when_configuration_contradicts_the_fixed_issuer()
    {
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => Start(builder =>
        {
            builder.Configuration["OneAuth:Issuer"] = "https://login.other.example.com";
            builder.Services.AddAuthentication().AddAppToken(o => o.JwksUri = _host.JwksUri);
        }));

        Assert.Contains("app 'billing'", error.Message, StringComparison.Ordinal);
        Assert.Contains("fixed to 'https://auth.example.com'", error.Message, StringComparison.Ordinal);
        Assert.Contains("OneAuth:Issuer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_does_not_start_with_an_out_of_range_clock_skew()
    {
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => Start(builder =>
            builder.Services.AddAuthentication().AddAppToken(o =>
            {
                o.JwksUri = _host.JwksUri;
                o.ClockSkew = TimeSpan.FromMinutes(5);
            })));

        Assert.Contains("clock skew", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_does_not_start_with_a_plain_http_JWKS_address_off_loopback()
    {
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => Start(builder =>
        {
            builder.Configuration["OneAuth:JwksUri"] = "http://keys.example.com/jwks.json";
            builder.Services.AddAuthentication().AddAppToken();
        }));

        Assert.Contains("uses http; only https is allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_supplies_the_JWKS_address()
    {
        await using WebApplication app = await Start(builder =>
        {
            builder.Configuration["OneAuth:JwksUri"] = _host.JwksUri.ToString();
            builder.Services.AddAuthentication().AddAppToken();
        });
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        Assert.Equal(HttpStatusCode.OK, (await Get(client, "/me", _host.Issuer.MintToken("billing", "billing-api"))).StatusCode);
    }

    [Fact]
    public async Task The_key_set_is_loaded_when_the_host_starts()
    {
        // A JWKS address of its own, so no other test's key source has fetched it already.
        var jwksUri = new Uri(_host.JwksUri + "?warm=" + Guid.NewGuid().ToString("N"));
        int before = _host.Fetches;
        await using WebApplication app = await Start(builder => builder.Services.AddAuthentication().AddAppToken(o => o.JwksUri = jwksUri));

        Assert.Equal(before + 1, _host.Fetches);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        Assert.Equal(HttpStatusCode.OK, (await Get(client, "/me", _host.Issuer.MintToken("billing", "billing-api"))).StatusCode);
        Assert.Equal(before + 1, _host.Fetches);
    }

    [Fact]
    public async Task Anonymous_endpoints_never_resolve_the_validator()
    {
        // Without the start-up check (a host older than 8.0 has none), a bad setting must still not break anonymous requests.
        await using WebApplication app = await Start(builder =>
        {
            builder.Configuration["OneAuth:Issuer"] = "https://login.other.example.com";
            builder.Services.AddAuthentication().AddAppToken(o => o.JwksUri = _host.JwksUri);
            ServiceDescriptor startup = builder.Services.Single(d => d.ImplementationType?.Name == "AppTokenStartup");
            builder.Services.Remove(startup);
        });
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        Assert.Equal(HttpStatusCode.OK, (await Get(client, "/health", token: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(client, "/me", token: null)).StatusCode);
    }

    private static async Task<WebApplication> Start(Action<WebApplicationBuilder> configure)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        configure(builder);
        builder.Services.AddAuthorization();
        WebApplication app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/health", () => "ok");
        app.MapGet("/me", (HttpContext context) => context.Features.Get<AppTokenClaims>()!.AppId).RequireAuthorization();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    private static Task<HttpResponseMessage> Get(HttpClient client, string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
