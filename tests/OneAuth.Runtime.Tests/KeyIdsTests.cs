using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests;

public class KeyIdsTests
{
    [Theory]
    [InlineData("k1")]
    [InlineData("2024-05-01T00:00:00Z")]
    [InlineData("a~!")]
    public void Accepts_short_printable_ids(string kid) => Assert.True(KeyIds.IsWellFormed(kid));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\t")]
    [InlineData("nul\0")]
    [InlineData("caf\u00e9")]
    [InlineData("../../etc/passwd\n")]
    public void Rejects_empty_non_printable_and_non_ascii_ids(string? kid) => Assert.False(KeyIds.IsWellFormed(kid));

    [Fact]
    public void Rejects_ids_longer_than_the_limit()
    {
        Assert.True(KeyIds.IsWellFormed(new string('a', KeyIds.MaxLength)));
        Assert.False(KeyIds.IsWellFormed(new string('a', KeyIds.MaxLength + 1)));
    }
}
