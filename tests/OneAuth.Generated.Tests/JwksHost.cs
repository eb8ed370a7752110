using Xunit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OneAuth.Testing;

namespace OneAuth.Generated.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 serving a test issuer's JWKS, with a fetch counter.</summary>
public sealed class JwksHost : IAsyncLifetime
{
    private WebApplication? _app;
    private int _fetches;

    public TestIssuer Issuer { get; } = new("https://auth.example.com") { TokenType = "at+jwt" };

    public Uri JwksUri { get; private set; } = null!;

    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>The status the JWKS endpoint answers; anything but 200 comes with an empty body.</summary>
    public int Status { get; set; } = 200;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/.well-known/jwks.json", (HttpContext context) =>
        {
            Interlocked.Increment(ref _fetches);
            return Status == 200 ? Results.Text(Issuer.Jwks, "application/json") : Results.StatusCode(Status);
        });
        await _app.StartAsync();
        JwksUri = new Uri(_app.Urls.Single() + "/.well-known/jwks.json");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        Issuer.Dispose();
    }
}
