using OneAuth.Keys;
using Xunit;

namespace OneAuth.Runtime.Tests.Jwks;

/// <summary>The spellings of a JWK's <c>n</c> and <c>e</c> that are read, and everything looser that is not.</summary>
public class KeyMemberBase64Tests
{
    [Theory]
    [InlineData("AQAB", new byte[] { 1, 0, 1 })]
    [InlineData("AQ", new byte[] { 1 })]
    [InlineData("AQ==", new byte[] { 1 })]
    [InlineData("AAE", new byte[] { 0, 1 })]
    [InlineData("AAE=", new byte[] { 0, 1 })]
    [InlineData("-_8", new byte[] { 0xFB, 0xFF })]
    [InlineData("+/8", new byte[] { 0xFB, 0xFF })]
    [InlineData("+/8=", new byte[] { 0xFB, 0xFF })]
    [InlineData("-_8=", new byte[] { 0xFB, 0xFF })]
    public void Reads_base64url_and_standard_base64_padded_or_not(string text, byte[] expected) =>
        Assert.Equal(expected, KeyMemberBase64.Decode(text));

    [Theory]
    [InlineData("")]
    [InlineData("=")]
    [InlineData("====")]
    [InlineData("A")]
    [InlineData("A===")]
    [InlineData("AQ=")]          // padding that does not complete the group
    [InlineData("AQ===")]
    [InlineData("AQAB=")]
    [InlineData("AQ==AQAB")]     // padding inside
    [InlineData("AR")]           // unused bits set
    [InlineData("AAF")]
    [InlineData("-+8")]          // both alphabets in one string
    [InlineData("_/8")]
    [InlineData("AQ AB")]
    [InlineData("AQAB\n")]
    [InlineData(" AQAB")]
    [InlineData("AQ.B")]
    [InlineData("AQ\u00C9B")]
    [InlineData("AQ\0B")]
    public void Refuses_anything_looser(string text) => Assert.Null(KeyMemberBase64.Decode(text));

    [Fact]
    public void Round_trips_random_bytes_in_all_four_spellings()
    {
        var random = new Random(20261207);
        for (int length = 1; length < 70; length++)
        {
            byte[] bytes = new byte[length];
            random.NextBytes(bytes);
            string standard = Convert.ToBase64String(bytes);
            string url = JwksTestKeys.B64(bytes);
            Assert.Equal(bytes, KeyMemberBase64.Decode(standard));
            Assert.Equal(bytes, KeyMemberBase64.Decode(standard.TrimEnd('=')));
            Assert.Equal(bytes, KeyMemberBase64.Decode(url));
            Assert.Equal(bytes, KeyMemberBase64.Decode(url + new string('=', standard.Length - url.Length)));
        }
    }

    [Fact]
    public void Strips_leading_zeros_only()
    {
        Assert.Equal(new byte[] { 1, 0 }, KeyMemberBase64.WithoutLeadingZeros([0, 0, 1, 0]).ToArray());
        Assert.Empty(KeyMemberBase64.WithoutLeadingZeros([0, 0]).ToArray());
    }
}
