using OneAuth.Validation;
using Xunit;

namespace OneAuth.Runtime.Tests.Validation;

public class Base64UrlTests
{
    [Fact]
    public void Round_trips_every_length_and_agrees_with_the_portable_decoder()
    {
        var random = new Random(3);
        for (int n = 0; n < 600; n++)
        {
            byte[] bytes = new byte[n];
            random.NextBytes(bytes);
            string encoded = TokenMinter.Encode(bytes);
            Assert.Equal(Base64Url.EncodedLength(n), encoded.Length);
            Assert.Equal(n, Base64Url.DecodedLength(encoded.Length));
            Assert.True(Base64Url.IsCanonical(encoded));

            byte[] fast = new byte[n];
            byte[] portable = new byte[n];
            Assert.True(Base64Url.TryDecode(encoded, fast, out int w1));
            Assert.True(Base64Url.TryDecodeScalar(encoded, portable, out int w2));
            Assert.Equal(n, w1);
            Assert.Equal(n, w2);
            Assert.Equal(bytes, fast);
            Assert.Equal(bytes, portable);
        }
    }

    [Theory]
    [InlineData("A")]
    [InlineData("AB=")]
    [InlineData("AB==")]
    [InlineData("AB+/")]
    [InlineData("AB C")]
    [InlineData("ABC\u00e9")]
    [InlineData("AB\0C")]
    [InlineData("AR")]   // 'R' leaves nonzero unused bits after one byte
    [InlineData("AAB")]  // 'B' leaves nonzero unused bits after two bytes
    public void Rejects_non_canonical_text(string text)
    {
        var buffer = new byte[16];
        Assert.False(Base64Url.IsCanonical(text) && Base64Url.DecodedLength(text.Length) >= 0);
        Assert.False(Base64Url.TryDecode(text, buffer, out _));
        Assert.False(Base64Url.TryDecodeScalar(text, buffer, out _));
    }

    [Fact]
    public void Both_decoders_agree_on_random_text()
    {
        var random = new Random(5);
        const string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/= \u00e9";
        var buffer1 = new byte[64];
        var buffer2 = new byte[64];
        for (int i = 0; i < 5000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => chars[random.Next(chars.Length)]).ToArray());
            bool a = Base64Url.TryDecode(text, buffer1, out int w1);
            bool b = Base64Url.TryDecodeScalar(text, buffer2, out int w2);
            Assert.Equal(b, a);
            if (a)
                Assert.Equal(buffer2.AsSpan(0, w2).ToArray(), buffer1.AsSpan(0, w1).ToArray());
        }
    }
}
