using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests;

public class SharedKeySourcesTests
{
    [Fact]
    public void Validators_with_the_same_address_and_settings_share_one_key_source()
    {
        var uri = new Uri("https://shared.example.com/.well-known/jwks.json");
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        Assert.Same(SharedKeySources.Get(uri, null, time, null), SharedKeySources.Get(uri, null, time, null));
    }

    [Fact]
    public void Different_addresses_or_settings_get_their_own_key_source()
    {
        var uri = new Uri("https://a.example.com/jwks");
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        Assert.NotSame(SharedKeySources.Get(uri, null, time, null), SharedKeySources.Get(new Uri("https://b.example.com/jwks"), null, time, null));
        Assert.NotSame(SharedKeySources.Get(uri, null, time, null), SharedKeySources.Get(uri, null, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(), null));
    }
}
