using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

public class JwksKeySourceConstructionTests
{
    [Theory]
    [InlineData("http://auth.example.com/.well-known/jwks.json")]
    [InlineData("http://10.0.0.1/jwks")]
    [InlineData("http://192.168.1.10:8080/jwks")]
    [InlineData("http://[::2]/jwks")]
    [InlineData("http://[::ffff:10.0.0.1]/jwks")]
    [InlineData("http://localhost.example.com/jwks")]
    [InlineData("http://127.0.0.1.nip.io/jwks")]
    [InlineData("ftp://localhost/jwks")]
    [InlineData("file:///etc/jwks.json")]
    public void Rejects_non_https_uris_unless_the_host_is_loopback(string uri)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new JwksKeySource(new Uri(uri)));
        Assert.Equal("jwksUri", e.ParamName);
    }

    [Theory]
    [InlineData("https://auth.example.com/.well-known/jwks.json")]
    [InlineData("https://10.0.0.1/jwks")]
    [InlineData("http://127.0.0.1:5000/jwks")]
    [InlineData("http://127.8.9.10/jwks")]
    [InlineData("http://[::1]:5000/jwks")]
    [InlineData("http://localhost/jwks")]
    [InlineData("http://LOCALHOST:1234/jwks")]
    public void Accepts_https_and_loopback_http(string uri)
    {
        using var source = new JwksKeySource(new Uri(uri));
        Assert.Equal(0, source.KeySetVersion);
    }

    [Fact]
    public void Rejects_relative_uris_and_uris_with_credentials()
    {
        Assert.Throws<ArgumentNullException>(() => new JwksKeySource(null!));
        Assert.Throws<ArgumentException>(() => new JwksKeySource(new Uri("/jwks", UriKind.Relative)));
        Assert.Throws<ArgumentException>(() => new JwksKeySource(new Uri("https://user:secret@auth.example.com/jwks")));
    }

    [Fact]
    public void Policy_timings_default_to_the_documented_values()
    {
        using var source = new JwksKeySource(new Uri("https://auth.example.com/jwks"));
        Assert.Equal(TimeSpan.FromSeconds(5), source.FetchTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), source.RefreshCooldown);
        Assert.Equal(TimeSpan.FromMinutes(10), JwksLimits.MaxCacheAge);
        Assert.Equal(TimeSpan.FromHours(24), JwksLimits.MaxStaleness);
        Assert.Equal(64 * 1024, JwksLimits.MaxBodyBytes);
    }

    [Fact]
    public void Options_expose_nothing_that_weakens_the_policy()
    {
        string[] settable = typeof(JwksKeySourceOptions).GetProperties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "HttpClient", "LoggerFactory", "TimeProvider" }, settable);
        Assert.DoesNotContain(typeof(JwksKeySource).GetProperties(), p => p.CanWrite && p.SetMethod!.IsPublic);
    }

    [Fact]
    public async Task Lookups_after_dispose_throw()
    {
        var source = new JwksKeySource(new Uri("https://auth.example.com/jwks"));
        source.Dispose();
        source.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await source.GetKeyAsync("k1"));
    }
}
