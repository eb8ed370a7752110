using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace OneAuth.Testing.Tests;

public class JwksServerTests
{
    private static readonly HttpClient Client = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Serves_the_JWKS_on_loopback_and_counts_requests()
    {
        using var issuer = new TestIssuer();
        Assert.Null(issuer.JwksUri);
        Assert.Equal(0, issuer.JwksRequestCount);

        JwksServer server = issuer.StartJwksServer();
        Assert.Same(server, issuer.StartJwksServer());
        Assert.Equal(server.JwksUri, issuer.JwksUri);
        Assert.Equal("127.0.0.1", server.JwksUri.Host);
        Assert.Equal("http", server.JwksUri.Scheme);
        Assert.Equal("/.well-known/jwks.json", server.JwksUri.AbsolutePath);

        using HttpResponseMessage response = await Client.GetAsync(server.JwksUri);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(issuer.Jwks, await response.Content.ReadAsStringAsync());

        await Client.GetStringAsync(server.JwksUri);
        Assert.Equal(2, issuer.JwksRequestCount);
    }

    [Fact]
    public async Task Serves_the_rotated_key_set()
    {
        using var issuer = new TestIssuer();
        JwksServer server = issuer.StartJwksServer();
        string before = await Client.GetStringAsync(server.JwksUri);
        string newKid = issuer.RotateKey();
        string after = await Client.GetStringAsync(server.JwksUri);
        Assert.DoesNotContain(newKid, before, StringComparison.Ordinal);
        Assert.Contains(newKid, after, StringComparison.Ordinal);
        Assert.Equal(issuer.Jwks, after);

        // Keys served over HTTP verify tokens the issuer mints.
        Assert.True(StrictIdentityModel.Validate(issuer.MintToken("billing"), after, issuer.Issuer, "billing", "billing").Accepted);
    }

    [Fact]
    public async Task Fails_responds_redirects_and_recovers_on_demand()
    {
        using var issuer = new TestIssuer();
        JwksServer server = issuer.StartJwksServer();

        server.FailWith();
        using (HttpResponseMessage failed = await Client.GetAsync(server.JwksUri))
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);

        server.FailWith(503);
        using (HttpResponseMessage unavailable = await Client.GetAsync(server.JwksUri))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);

        server.RespondWith("{\"keys\":[{\"kty\":\"RSA\"}]}");
        using (HttpResponseMessage custom = await Client.GetAsync(server.JwksUri))
        {
            Assert.Equal(HttpStatusCode.OK, custom.StatusCode);
            Assert.Equal("{\"keys\":[{\"kty\":\"RSA\"}]}", await custom.Content.ReadAsStringAsync());
        }

        var elsewhere = new Uri(server.BaseUri, "moved/jwks.json");
        server.RedirectTo(elsewhere);
        using (HttpResponseMessage redirect = await Client.GetAsync(server.JwksUri))
        {
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
            Assert.Equal(elsewhere, redirect.Headers.Location);
        }

        // Other paths serve the real JWKS, so a client that follows the redirect visibly gets keys.
        Assert.Equal(issuer.Jwks, await Client.GetStringAsync(elsewhere));

        server.ServeJwks();
        Assert.Equal(issuer.Jwks, await Client.GetStringAsync(server.JwksUri));
        Assert.Equal(6, server.RequestCount);
    }

    [Fact]
    public async Task Sends_Cache_Control_when_asked()
    {
        using var issuer = new TestIssuer();
        JwksServer server = issuer.StartJwksServer();
        server.CacheControl = "public, max-age=60";
        using HttpResponseMessage response = await Client.GetAsync(server.JwksUri);
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task Delays_answers_when_told_to_be_slow()
    {
        using var issuer = new TestIssuer();
        JwksServer server = issuer.StartJwksServer();
        server.Delay = TimeSpan.FromMilliseconds(700);
        Assert.Equal(TimeSpan.FromMilliseconds(700), server.Delay);

        var watch = Stopwatch.StartNew();
        await Client.GetStringAsync(server.JwksUri);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(650), watch.Elapsed.ToString());

        using var shortClient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => shortClient.GetStringAsync(server.JwksUri));
    }

    [Fact]
    public async Task Stops_listening_on_dispose()
    {
        var issuer = new TestIssuer();
        Uri uri = issuer.StartJwksServer().JwksUri;
        await Client.GetStringAsync(uri);
        issuer.Dispose();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(IPAddress.Loopback, uri.Port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public void Two_issuers_get_two_ports()
    {
        using var a = new TestIssuer();
        using var b = new TestIssuer();
        Assert.NotEqual(a.StartJwksServer().JwksUri.Port, b.StartJwksServer().JwksUri.Port);
    }
}
